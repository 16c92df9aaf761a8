//! The user's configuration file (`~/.config/focusd/config.toml`, or `--config FILE`).
//!
//! Command-line flags override it; with every flag given, no configuration is needed at all.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, Error, Severity};

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The user's e-mail address, as it appears in ATTENDEE and ORGANIZER.
    pub me: Option<String>,
    /// The team policy file.
    pub policy: Option<PathBuf>,
    /// A local `.ics` file or vdir folder.
    pub calendar: Option<PathBuf>,
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
        for p in [&mut config.policy, &mut config.calendar]
            .into_iter()
            .flatten()
        {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        Ok(config)
    }
}

fn config_error(path: &Path, line: Option<usize>, reason: String) -> Error {
    Error::Config(Diagnostic {
        severity: Severity::Error,
        path: path.to_path_buf(),
        line,
        reason,
    })
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
        assert_eq!(e.exit_code(), 78);
        assert!(
            e.to_string()
                .contains("config.toml:2: unknown field `calender`"),
            "{e}"
        );
        assert!(Config::load(Some(&dir.path().join("missing.toml"))).is_err());
    }
}
