//! The user's configuration file (`~/.config/focusd/config.toml`, or `--config FILE`).
//!
//! Command-line flags override it; with every flag given, no configuration is needed at all.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, Error};

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The user's e-mail address, as it appears in ATTENDEE and ORGANIZER.
    pub me: Option<String>,
    /// The team policy file.
    pub policy: Option<PathBuf>,
    /// A local `.ics` file or vdir folder.
    pub calendar: Option<PathBuf>,
    /// The Google Calendar backend (`[google]`), when used.
    pub google: Option<GoogleConfig>,
    /// How the weekly report is mailed (`[mail]`).
    pub mail: Option<MailConfig>,
    /// Where the team report reads the members' calendars (`[team]`).
    pub team: Option<TeamConfig>,
}

/// `[team]`: where the team report's members' calendars come from on this machine. Without
/// it, a `[google]` service account reads each member's calendar by domain-wide delegation.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TeamConfig {
    /// A folder of one calendar per member: `ADDRESS.ics` files or vdirs named `ADDRESS`
    /// (relative to the file; `~/` is the home folder).
    pub calendars: Option<PathBuf>,
}

/// `[mail]`: how `focusd report --send` and the daemon mail the weekly report. Never the
/// password itself: a file (0600) or an environment variable names it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    /// The sender, `"focusd <alex@example.com>"` or a bare address.
    pub from: String,
    /// The SMTP server as `host:port`.
    pub smtp: Option<String>,
    #[serde(default)]
    pub tls: MailTls,
    pub username: Option<String>,
    /// A file holding the password (mode 0600 or stricter; `~/` is the home folder).
    pub password_file: Option<PathBuf>,
    /// An environment variable holding the password.
    pub password_env: Option<String>,
    /// A local sendmail program instead of `smtp`.
    pub sendmail: Option<PathBuf>,
}

/// `[mail] tls`: how the SMTP connection is encrypted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTls {
    /// A plain connection upgraded with STARTTLS, which must succeed (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only to this machine (127.0.0.1, ::1, localhost).
    None,
}

impl MailConfig {
    /// The SMTP server's host and port.
    pub fn smtp_host_port(&self) -> Option<Result<(String, u16), String>> {
        let smtp = self.smtp.as_deref()?;
        let parsed = smtp
            .rsplit_once(':')
            .and_then(|(h, p)| Some((h.trim_matches(['[', ']']).to_string(), p.parse().ok()?)))
            .filter(|(h, _): &(String, u16)| !h.is_empty());
        Some(parsed.ok_or_else(|| {
            format!("[mail]: `smtp` = {smtp:?} is not host:port (smtp.example.com:587)")
        }))
    }

    fn validate(&self) -> Result<(), String> {
        match (&self.smtp, &self.sendmail) {
            (Some(_), Some(_)) => {
                return Err("[mail]: set either `smtp` or `sendmail`, not both".into());
            }
            (None, None) => return Err("[mail]: set `smtp` (host:port) or `sendmail`".into()),
            _ => {}
        }
        if self.password_file.is_some() && self.password_env.is_some() {
            return Err("[mail]: set either `password_file` or `password_env`, not both".into());
        }
        if (self.password_file.is_some() || self.password_env.is_some()) && self.username.is_none()
        {
            return Err("[mail]: a password needs a `username`".into());
        }
        if let Some(hp) = self.smtp_host_port() {
            let (host, _) = hp?;
            if self.tls == MailTls::None && !is_loopback(&host) {
                return Err(format!(
                    "[mail]: `tls = \"none\"` is only for this machine (127.0.0.1, ::1, localhost), \
                     not {host:?}: the password and the report would travel in clear"
                ));
            }
        }
        Ok(())
    }
}

/// Whether `host` names this machine.
pub fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// `[google]`: how to reach Google Calendar. Paths are relative to the configuration file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GoogleConfig {
    /// The OAuth client JSON of type "Desktop app" (installed), for a person signing in.
    pub client_secret: Option<PathBuf>,
    /// Where the OAuth tokens live [default: `$XDG_STATE_HOME/focusd/google-token.json`].
    pub token_cache: Option<PathBuf>,
    /// A service-account key JSON with domain-wide delegation, for a team deployment.
    pub service_account: Option<PathBuf>,
    /// The user the service account acts for [default: `me`].
    pub subject: Option<String>,
    /// The calendars read; writes always go to the primary calendar, which must be among
    /// them. Events on the others (a manager's calendar, a team calendar) count as busy time
    /// only: focusd never answers them or decides anything from them.
    pub calendars: Vec<String>,
    /// The user's other addresses (aliases): an attendee or organizer entry with one of them
    /// is the user, like `me`. Google's `self` flag is never used for that.
    pub aliases: Vec<String>,
    /// Replaces `https://www.googleapis.com/` (a proxy, a local test server).
    pub api_root: Option<String>,
    /// Replaces the token endpoint named in the client-secret or service-account JSON.
    pub token_uri: Option<String>,
}

impl Default for GoogleConfig {
    fn default() -> Self {
        GoogleConfig {
            client_secret: None,
            token_cache: None,
            service_account: None,
            subject: None,
            calendars: vec!["primary".to_string()],
            aliases: Vec::new(),
            api_root: None,
            token_uri: None,
        }
    }
}

impl GoogleConfig {
    /// The token cache, with its default under the state directory.
    pub fn token_cache_path(&self) -> Option<PathBuf> {
        self.token_cache
            .clone()
            .or_else(|| crate::state::default_dir().map(|d| d.join("google-token.json")))
    }
}

impl Config {
    /// The policy files this configuration names: the team's `policy`, then the personal
    /// `~/.config/focusd/policy.toml` over it when there is one.
    pub fn policy_layers(&self) -> Vec<PathBuf> {
        let mut layers: Vec<PathBuf> = self.policy.iter().cloned().collect();
        let personal = config_dir().map(|d| d.join("policy.toml"));
        if let Some(personal) = personal.filter(|p| p.is_file() && !layers.is_empty()) {
            layers.push(personal);
        }
        layers
    }

    /// The file `load(path)` reads, if it exists.
    pub fn file(path: Option<&Path>) -> Option<PathBuf> {
        path.map(Path::to_path_buf)
            .or_else(|| config_dir().map(|d| d.join("config.toml")))
            .filter(|p| p.is_file())
    }
}

/// `$XDG_CONFIG_HOME/focusd`, else `~/.config/focusd`.
pub fn config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("focusd"))
}

impl Config {
    /// Loads `path`, or the default file when `path` is `None`. A missing default file is an
    /// empty configuration; a missing explicit file is an error.
    pub fn load(path: Option<&Path>) -> Result<Config, Error> {
        let (path, explicit) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => match config_dir() {
                Some(dir) => (dir.join("config.toml"), false),
                None => return Ok(Config::default()),
            },
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                return Ok(Config::default());
            }
            Err(e) => return Err(config_error(&path, None, format!("cannot read: {e}"))),
        };
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            config_error(&path, line, e.message().to_string())
        })?;
        // Relative paths in the file are relative to the file.
        let base = path.parent().unwrap_or(Path::new("."));
        let mut paths = vec![&mut config.policy, &mut config.calendar];
        if let Some(g) = config.google.as_mut() {
            paths.extend([
                &mut g.client_secret,
                &mut g.token_cache,
                &mut g.service_account,
            ]);
        }
        if let Some(m) = config.mail.as_mut() {
            for p in [&mut m.password_file, &mut m.sendmail]
                .into_iter()
                .flatten()
            {
                if let Some(rest) = p.to_str().and_then(|s| s.strip_prefix("~/"))
                    && let Some(home) = std::env::var_os("HOME")
                {
                    *p = PathBuf::from(home).join(rest);
                }
            }
            paths.extend([&mut m.password_file, &mut m.sendmail]);
        }
        if let Some(t) = config.team.as_mut() {
            if let Some(p) = t.calendars.as_mut()
                && let Some(rest) = p.to_str().and_then(|s| s.strip_prefix("~/"))
                && let Some(home) = std::env::var_os("HOME")
            {
                *p = PathBuf::from(home).join(rest);
            }
            paths.push(&mut t.calendars);
        }
        for p in paths.into_iter().flatten() {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        if let Some(g) = &config.google {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("[google]"))
                .map(|i| i + 1);
            if let Err(reason) = g.validate() {
                return Err(config_error(&path, line, reason));
            }
        }
        if let Some(m) = &config.mail {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("[mail]"))
                .map(|i| i + 1);
            if let Err(reason) = m.validate() {
                return Err(config_error(&path, line, reason));
            }
        }
        Ok(config)
    }
}

impl GoogleConfig {
    fn validate(&self) -> Result<(), String> {
        if self.client_secret.is_some() && self.service_account.is_some() {
            return Err(
                "[google]: set either `client_secret` (a person) or `service_account` \
                 (a team), not both"
                    .into(),
            );
        }
        if self.calendars.is_empty() || self.calendars.iter().any(|c| c.trim().is_empty()) {
            return Err("[google]: `calendars` needs at least one calendar id".into());
        }
        if let Some(bad) = self.aliases.iter().find(|a| !a.contains('@')) {
            return Err(format!(
                "[google]: `aliases`: {bad:?} is not an e-mail address"
            ));
        }
        for (key, url) in [("api_root", &self.api_root), ("token_uri", &self.token_uri)] {
            if let Some(url) = url {
                check_endpoint(url).map_err(|e| format!("[google]: `{key}`: {e}"))?;
            }
        }
        Ok(())
    }
}

/// An endpoint focusd sends tokens to: https, or plain http only to this machine.
pub fn check_endpoint(url: &str) -> Result<(), String> {
    if url.starts_with("https://") {
        return Ok(());
    }
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("{url:?} is not an http(s) URL"))?;
    let host = rest.split(['/', '?']).next().unwrap_or_default();
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    };
    if matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
        Ok(())
    } else {
        Err(format!(
            "{url:?}: plain http only to 127.0.0.1 or localhost (tokens would travel in clear)"
        ))
    }
}

/// A configuration problem (exit 78) with the file and, where known, the line.
pub(crate) fn config_error(path: &Path, line: Option<usize>, reason: String) -> Error {
    Error::Config(Diagnostic::error(path, line, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paths_relative_to_the_file_and_rejects_typos() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "me = \"me@example.com\"\npolicy = \"team.toml\"\n").unwrap();
        let c = Config::load(Some(&file)).unwrap();
        assert_eq!(c.me.as_deref(), Some("me@example.com"));
        assert_eq!(c.policy, Some(dir.path().join("team.toml")));
        std::fs::write(&file, "me = \"me@example.com\"\ncalender = \"x\"\n").unwrap();
        let e = Config::load(Some(&file)).unwrap_err();
        assert_eq!(crate::cli::exit_code(&e), 78);
        assert!(
            e.to_string()
                .contains("config.toml:2: unknown field `calender`"),
            "{e}"
        );
        assert!(Config::load(Some(&dir.path().join("missing.toml"))).is_err());
    }

    #[test]
    fn team_calendars_are_relative_to_the_file_and_typos_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(
            &file,
            "[team]
calendars = \"members\"\n",
        )
        .unwrap();
        let c = Config::load(Some(&file)).unwrap();
        assert_eq!(
            c.team.and_then(|t| t.calendars),
            Some(dir.path().join("members"))
        );
        std::fs::write(
            &file,
            "[team]
calendar = \"members\"\n",
        )
        .unwrap();
        let e = Config::load(Some(&file)).unwrap_err();
        assert!(e.to_string().contains("unknown field `calendar`"), "{e}");
    }

    #[test]
    fn google_table_defaults_paths_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(
            &file,
            "me = \"me@example.com\"\n[google]\nclient_secret = \"secret.json\"\n",
        )
        .unwrap();
        let c = Config::load(Some(&file)).unwrap();
        let g = c.google.unwrap();
        assert_eq!(g.client_secret, Some(dir.path().join("secret.json")));
        assert_eq!(g.calendars, vec!["primary".to_string()]);
        assert!(g.token_cache.is_none());
        assert!(g.aliases.is_empty());

        std::fs::write(
            &file,
            "me = \"me@example.com\"\n[google]\naliases = [\"Me.Alias@Example.com\"]\n",
        )
        .unwrap();
        let g = Config::load(Some(&file)).unwrap().google.unwrap();
        assert_eq!(g.aliases, vec!["Me.Alias@Example.com".to_string()]);
        std::fs::write(&file, "[google]\naliases = [\"not-an-address\"]\n").unwrap();
        let e = Config::load(Some(&file)).unwrap_err();
        assert!(e.to_string().contains("`aliases`"), "{e}");

        std::fs::write(&file, "[google]\nclient_secret = \"a\"\ncalenders = []\n").unwrap();
        let e = Config::load(Some(&file)).unwrap_err();
        assert_eq!(crate::cli::exit_code(&e), 78);
        assert!(e.to_string().contains("config.toml:3:"), "{e}");

        std::fs::write(
            &file,
            "me = \"x\"\n[google]\nclient_secret = \"a\"\nservice_account = \"b\"\n",
        )
        .unwrap();
        let e = Config::load(Some(&file)).unwrap_err();
        assert_eq!(crate::cli::exit_code(&e), 78);
        assert!(
            e.to_string()
                .contains("config.toml:2: [google]: set either"),
            "{e}"
        );

        std::fs::write(
            &file,
            "[google]\napi_root = \"http://proxy.example.com/\"\n",
        )
        .unwrap();
        let e = Config::load(Some(&file)).unwrap_err();
        assert!(e.to_string().contains("plain http only"), "{e}");
        assert!(check_endpoint("http://127.0.0.1:8080/").is_ok());
        assert!(check_endpoint("https://www.googleapis.com/").is_ok());
        assert!(check_endpoint("ftp://x/").is_err());
    }
}
