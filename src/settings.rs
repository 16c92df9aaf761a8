//! What focusd runs with, resolved in one place: the command line's flags first, then the
//! configuration file, then the policy layers it names. Every command resolves its
//! settings here; the daemon keeps the flags and resolves them again on each reload, so a
//! reload reads exactly what a start would.

use std::path::PathBuf;

use crate::backend::{CalendarKey, Source};
use crate::config::Config;
use crate::error::{Diagnostic, Error};
use crate::event::Me;
use crate::policy::Policy;

/// What the command line asked for (each `None` or empty: from the configuration).
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--config`: the configuration file (else the default one, if it exists).
    pub config: Option<PathBuf>,
    /// `--calendar`: a local `.ics` file or vdir folder.
    pub calendar: Option<PathBuf>,
    /// `--policy`, in layer order.
    pub policy: Vec<PathBuf>,
    /// `--me`.
    pub me: Option<String>,
    /// `--state-dir`.
    pub state_dir: Option<PathBuf>,
}

/// Everything a command runs with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub policy: Policy,
    /// The policy files, in layer order.
    pub policies: Vec<PathBuf>,
    /// The configuration file in use, if there is one.
    pub config_file: Option<PathBuf>,
    pub me: Me,
    pub source: Source,
    pub state_dir: PathBuf,
}

impl Settings {
    /// Flags first, then the configuration file, then the personal policy override. The
    /// calendar: `--calendar`, else the configuration's `[google]`, else its `calendar`.
    pub fn resolve(flags: &Flags) -> Result<Settings, Error> {
        let config = Config::load(flags.config.as_deref())?;
        let policies = if flags.policy.is_empty() {
            config.policy_layers()
        } else {
            flags.policy.clone()
        };
        if policies.is_empty() {
            return Err(Error::Usage(
                "no policy: pass --policy FILE or set `policy` in the configuration".into(),
            ));
        }
        let policy = load_policy(&policies)?;
        let source = match (&flags.calendar, config.google, config.calendar) {
            (Some(path), _, _) => Source::Local(path.clone()),
            (None, Some(google), _) => Source::Google(google),
            (None, None, Some(path)) => Source::Local(path),
            (None, None, None) => {
                return Err(Error::Usage(
                    "no calendar: pass --calendar PATH, or set `calendar` or [google] in the configuration"
                        .into(),
                ));
            }
        };
        let me = Me::new(
            flags
                .me
                .as_deref()
                .or(config.me.as_deref())
                .unwrap_or_default(),
        );
        Ok(Settings {
            policy,
            policies,
            config_file: Config::file(flags.config.as_deref()),
            me,
            source,
            state_dir: state_dir(flags.state_dir.clone())?,
        })
    }

    /// How the audit log names the calendar.
    pub fn calendar(&self) -> CalendarKey {
        self.source.key()
    }

    /// The files whose change means a reload: the policies and the configuration file.
    pub fn watched(&self) -> Vec<PathBuf> {
        let mut files = self.policies.clone();
        files.extend(self.config_file.clone());
        files
    }
}

/// The state folder: `--state-dir`, else the default one.
pub fn state_dir(flag: Option<PathBuf>) -> Result<PathBuf, Error> {
    flag.or_else(crate::state::default_dir)
        .ok_or_else(|| Error::Usage("no state directory: pass --state-dir DIR or set HOME".into()))
}

/// What the calendar backends take from the policy.
pub fn for_backend(policy: &Policy) -> crate::backend::Settings {
    crate::backend::Settings {
        zone: policy.zone(),
        notify_organizer: policy.meetings.notify_organizer,
    }
}

/// Reads policy files in order, later ones overriding the keys they set, and validates the
/// result (see [`Policy::from_layers`]).
pub fn load_policy(paths: &[PathBuf]) -> Result<Policy, Error> {
    let layers = paths
        .iter()
        .map(|path| match std::fs::read_to_string(path) {
            Ok(text) => Ok((path.clone(), text)),
            Err(e) => Err(Error::Policy(Diagnostic::error(
                path,
                None,
                format!("cannot read policy file: {e}"),
            ))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Policy::from_layers(&layers)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "[focus]\ndaily_target_minutes = 120\n";

    #[test]
    fn flags_come_first_then_the_configuration_and_me_is_normalised_once() {
        let dir = tempfile::tempdir().unwrap();
        let team = dir.path().join("team.toml");
        let mine = dir.path().join("mine.toml");
        std::fs::write(&team, POLICY).unwrap();
        std::fs::write(&mine, POLICY).unwrap();
        let config = dir.path().join("config.toml");
        std::fs::write(
            &config,
            "me = \"  MAILTO:Alex@Example.com, alex.t@example.com\"\ncalendar = \"cal.ics\"\npolicy = \"team.toml\"\n",
        )
        .unwrap();
        let flags = Flags {
            config: Some(config.clone()),
            state_dir: Some(dir.path().join("state")),
            ..Flags::default()
        };
        let s = Settings::resolve(&flags).unwrap();
        assert_eq!(s.me.as_str(), "alex@example.com,alex.t@example.com");
        assert_eq!(s.calendar(), CalendarKey::Local(dir.path().join("cal.ics")));
        assert_eq!(s.policies[0], team);
        assert!(s.watched().contains(&team) && s.watched().contains(&config));

        let flags = Flags {
            calendar: Some(dir.path().join("other.ics")),
            policy: vec![mine.clone()],
            me: Some("Sam@Example.com".into()),
            ..flags
        };
        let s = Settings::resolve(&flags).unwrap();
        assert_eq!(s.me.as_str(), "sam@example.com");
        assert_eq!(
            s.calendar(),
            CalendarKey::Local(dir.path().join("other.ics"))
        );
        assert_eq!(s.policies, std::slice::from_ref(&mine));
        assert_eq!(s.watched(), [mine, config]);
    }

    #[test]
    fn a_policy_error_and_a_configuration_error_stay_apart() {
        let dir = tempfile::tempdir().unwrap();
        let policy = dir.path().join("p.toml");
        std::fs::write(&policy, "[focus]\ndaily_target_minute = 1\n").unwrap();
        let flags = Flags {
            calendar: Some(dir.path().join("cal.ics")),
            policy: vec![policy],
            state_dir: Some(dir.path().to_path_buf()),
            ..Flags::default()
        };
        assert!(matches!(Settings::resolve(&flags), Err(Error::Policy(_))));
        let config = dir.path().join("config.toml");
        std::fs::write(&config, "calender = \"x\"\n").unwrap();
        let flags = Flags {
            config: Some(config),
            ..flags
        };
        assert!(matches!(Settings::resolve(&flags), Err(Error::Config(_))));
    }

    #[test]
    fn a_calendar_key_reads_back_as_it_was_written() {
        for key in [
            CalendarKey::Local("/home/alex/cal.ics".into()),
            CalendarKey::Google(vec!["primary".into()]),
            CalendarKey::Google(vec![
                "primary".into(),
                "team@group.calendar.google.com".into(),
            ]),
        ] {
            let Ok(back) = key.to_string().parse::<CalendarKey>();
            assert_eq!(back, key);
        }
        assert_eq!(
            CalendarKey::Google(vec!["a".into(), "b".into()]).to_string(),
            "google:a,b"
        );
    }
}
