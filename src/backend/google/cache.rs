//! The per-calendar sync state kept between runs: the sync token, the window the last full
//! sync covered, and the events, in focusd's own format, written atomically (0600).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::auth::write_private;
use super::wire::Events;

/// 2: events are kept as the copy says (version 1 stored the entry marked `self` under the
/// user's address, which on another person's calendar is that person's entry).
const VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarCache {
    pub version: u32,
    /// Whose calendar this is (`me`); a cache of another account is thrown away.
    pub account: String,
    pub calendar: String,
    /// From the last page of the last list; `None` until a full sync finished.
    pub sync_token: Option<String>,
    /// The window of the last full sync (`timeMin`, `timeMax`).
    pub time_min: DateTime<Utc>,
    pub time_max: DateTime<Utc>,
    /// The calendar's zone (all-day events are midnights there).
    pub time_zone: Option<String>,
    pub events: Events,
}

impl CalendarCache {
    pub fn empty(account: &str, calendar: &str) -> CalendarCache {
        CalendarCache {
            version: VERSION,
            account: account.to_string(),
            calendar: calendar.to_string(),
            sync_token: None,
            time_min: DateTime::<Utc>::MIN_UTC,
            time_max: DateTime::<Utc>::MIN_UTC,
            time_zone: None,
            events: Events::new(),
        }
    }

    /// Reads the cache; anything unreadable, of another version or another account is
    /// `Err(reason)` (the caller resyncs in full: the cache is only an optimisation).
    pub fn load(
        path: &Path,
        account: &str,
        calendar: &str,
    ) -> Result<Option<CalendarCache>, String> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read: {e}")),
        };
        let cache: CalendarCache = serde_json::from_slice(&bytes).map_err(|e| {
            format!(
                "damaged sync cache (line {} column {}): syncing in full",
                e.line(),
                e.column()
            )
        })?;
        if cache.version != VERSION || cache.account != account || cache.calendar != calendar {
            return Ok(None);
        }
        Ok(Some(cache))
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        write_private(path, &bytes)
    }
}

/// `STATE/google/<calendar>.json`, the calendar id made safe for a file name (plus a hash,
/// so that two ids that clean up alike do not share a file).
pub fn path(state_dir: &Path, calendar: &str) -> PathBuf {
    let clean: String = calendar
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let mut h: u32 = 0x811c_9dc5;
    for b in calendar.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    state_dir
        .join("google")
        .join(format!("{clean}-{h:08x}.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_other_accounts_and_damage() {
        let dir = tempfile::tempdir().unwrap();
        let p = path(dir.path(), "en.usa#holiday@group.v.calendar.google.com");
        assert!(p.to_string_lossy().contains("en.usa_holiday@group"));
        assert_ne!(
            p,
            path(dir.path(), "en.usa_holiday@group.v.calendar.google.com")
        );
        let mut c = CalendarCache::empty("me@example.com", "primary");
        c.sync_token = Some("t1".into());
        c.save(&p).unwrap();
        assert_eq!(
            CalendarCache::load(&p, "me@example.com", "primary").unwrap(),
            Some(c)
        );
        assert_eq!(
            CalendarCache::load(&p, "you@example.com", "primary").unwrap(),
            None
        );
        std::fs::write(&p, b"{\"version\":1,").unwrap();
        assert!(CalendarCache::load(&p, "me@example.com", "primary").is_err());
    }
}
