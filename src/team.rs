//! Where the team report's members' calendars come from, for `focusd report --team` and the
//! daemon alike: a folder of one calendar per member (`--calendars DIR`, or `[team]
//! calendars` in the configuration), or Google, where a service account with domain-wide
//! delegation reads each member's primary calendar (`backend::google::read_members`).
//!
//! Each member is read for the report's week only. A member whose calendar is not there is
//! counted as missing, one whose calendar cannot be read as unreadable; neither stops the
//! others, and the report says how many were left out.

use std::path::{Path, PathBuf};

use crate::config::{Config, GoogleConfig};
use crate::error::{Diagnostic, Error};
use crate::event::Instance;
use crate::ical::{self, ReadOptions};
use crate::policy::Policy;
use crate::report::Week;
use crate::report::team::{Member, TeamReport};

/// Where the members' calendars are read.
#[derive(Debug, Clone)]
pub enum Source {
    /// `ADDRESS.ics` files and vdir folders named `ADDRESS`.
    Folder(PathBuf),
    /// Each member's primary calendar, read by the service account acting for them.
    Google(Box<GoogleConfig>),
}

impl Source {
    /// `--calendars DIR`, else `[team] calendars`, else `[google]` with a service account
    /// (a person's own sign-in cannot read the others' calendars); `None` without any.
    pub fn resolve(flag: Option<&Path>, config: &Config) -> Option<Source> {
        if let Some(dir) = flag {
            return Some(Source::Folder(dir.to_path_buf()));
        }
        if let Some(dir) = config.team.as_ref().and_then(|t| t.calendars.clone()) {
            return Some(Source::Folder(dir));
        }
        config
            .google
            .clone()
            .filter(|g| g.service_account.is_some())
            .map(|g| Source::Google(Box::new(g)))
    }
}

/// The members' calendars as read for one week.
#[derive(Debug, Default)]
pub struct Members {
    /// Each member read, by normalised address.
    pub read: Vec<(String, Vec<Instance>)>,
    /// Listed members without a calendar in the folder.
    pub missing: Vec<String>,
    /// Members whose calendar could not be read, and why.
    pub unreadable: Vec<(String, String)>,
    /// What the readers said about the calendars that were read.
    pub diagnostics: Vec<Diagnostic>,
}

impl Members {
    /// The team report of `week` over the members read.
    pub fn report(&self, policy: &Policy, week: Week) -> TeamReport {
        let members: Vec<Member> = self
            .read
            .iter()
            .map(|(address, instances)| Member { address, instances })
            .collect();
        let mut report = crate::report::team::build(&members, policy, week, self.missing.len());
        report.unreadable = self.unreadable.len();
        report
    }
}

/// Reads the calendars of the policy's `[team] members` for `week` from `source` (in a
/// folder without a list, every calendar there). Fails only when the source itself cannot
/// be used (a folder that cannot be listed, no Google service account), or no member could
/// be read at all.
pub async fn read(source: &Source, policy: &Policy, week: Week) -> Result<Members, Error> {
    let (from, to) = week.range(policy);
    let listed = &policy.team.members;
    let mut out = Members::default();
    match source {
        Source::Folder(dir) => {
            let (found, missing) = member_calendars(dir, listed)?;
            out.missing = missing;
            let opts = ReadOptions {
                zone: policy.zone(),
                from,
                to,
            };
            let dir = dir.clone();
            let read = tokio::task::spawn_blocking(move || {
                found
                    .into_iter()
                    .map(|(address, path)| {
                        let r = ical::read_calendar(&path, &opts);
                        (address, r)
                    })
                    .collect::<Vec<_>>()
            })
            .await
            .map_err(|e| Error::Usage(format!("reading {}: {e}", dir.display())))?;
            for (address, r) in read {
                match r {
                    Ok(snapshot) => {
                        out.diagnostics.extend(snapshot.diagnostics);
                        out.read.push((address, snapshot.instances));
                    }
                    Err(e) => out.unreadable.push((address, e.to_string())),
                }
            }
            if out.read.is_empty() && out.unreadable.is_empty() {
                return Err(Error::Usage(format!(
                    "{}: no member calendar (ADDRESS.ics or a vdir named ADDRESS)",
                    dir.display()
                )));
            }
        }
        Source::Google(config) => {
            if listed.is_empty() {
                return Err(Error::Usage(
                    "the team report on Google reads the calendars of [team] members, and the \
                     policy lists none"
                        .into(),
                ));
            }
            for (address, r) in
                crate::backend::google::read_members(config, listed, from, to).await?
            {
                match r {
                    Ok(instances) => out.read.push((address, instances)),
                    Err(why) => out.unreadable.push((address, why)),
                }
            }
        }
    }
    if out.read.is_empty() {
        let why = out
            .unreadable
            .first()
            .map(|(a, w)| format!(" ({a}: {w})"))
            .unwrap_or_default();
        return Err(Error::Usage(format!(
            "no member's calendar could be read for the team report{why}"
        )));
    }
    Ok(out)
}

/// Member calendars found in a folder, by address.
type Found = Vec<(String, PathBuf)>;

/// The calendars in `dir` by member address: `ADDRESS.ics` files and vdir folders named by
/// address, only the listed members when the policy lists them (with those that had
/// none), else every one there.
fn member_calendars(dir: &Path, listed: &[String]) -> Result<(Found, Vec<String>), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        context: format!("cannot read {}", dir.display()),
        source,
    })?;
    let mut found: std::collections::BTreeMap<String, PathBuf> = Default::default();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let address = if path.is_dir() {
            name.to_string()
        } else if let Some(stem) = name.strip_suffix(".ics") {
            stem.to_string()
        } else {
            continue;
        };
        if address.contains('@') {
            found.insert(crate::event::normalise_address(&address), path);
        }
    }
    if listed.is_empty() {
        return Ok((found.into_iter().collect(), Vec::new()));
    }
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for member in listed {
        let key = crate::event::normalise_address(member);
        match found.remove(&key) {
            Some(path) => out.push((key, path)),
            None => missing.push(member.clone()),
        }
    }
    Ok((out, missing))
}

/// The team report as a message's parts.
pub fn parts(report: &TeamReport) -> crate::mail::Parts {
    crate::mail::Parts {
        id: format!("team-report.{}", report.week),
        subject: report.headline.clone(),
        text: crate::report::team::text(report),
        html: crate::report::team::html(report),
    }
}

/// How the store records the team report's weeks: never a calendar's key (those are
/// absolute paths or start with `google:`).
pub fn store_key(policy: &Policy) -> String {
    format!("team-report:{}", policy.team.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_is_the_flag_then_the_folder_then_a_service_account() {
        let mut config = Config::default();
        assert!(Source::resolve(None, &config).is_none());
        config.google = Some(GoogleConfig::default());
        assert!(
            Source::resolve(None, &config).is_none(),
            "a person's sign-in reads no one else's calendar"
        );
        config.google.as_mut().unwrap().service_account = Some("sa.json".into());
        assert!(matches!(
            Source::resolve(None, &config),
            Some(Source::Google(_))
        ));
        config.team = Some(crate::config::TeamConfig {
            calendars: Some("/team".into()),
        });
        assert!(matches!(
            Source::resolve(None, &config),
            Some(Source::Folder(d)) if d == Path::new("/team")
        ));
        assert!(matches!(
            Source::resolve(Some(Path::new("/flag")), &config),
            Some(Source::Folder(d)) if d == Path::new("/flag")
        ));
    }

    #[test]
    fn the_store_key_is_never_a_calendars_key() {
        let policy = Policy::default();
        let key = store_key(&policy);
        assert_eq!(key, "team-report:default");
        let back: crate::backend::CalendarKey = key.parse().unwrap();
        match back {
            crate::backend::CalendarKey::Local(p) => assert!(p.is_relative()),
            other => panic!("{other:?}"),
        }
    }
}
