//! Reading local calendars: one `.ics` file or a vdir folder. (Placeholder API; the reader
//! lands separately.)

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::error::{Diagnostic, Error, Severity};
use crate::event::Snapshot;

pub struct ReadOptions {
    pub zone: chrono_tz::Tz,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

pub fn read_calendar(path: &Path, _opts: &ReadOptions) -> Result<Snapshot, Error> {
    Err(Error::Calendar(Diagnostic {
        severity: Severity::Error,
        path: path.to_path_buf(),
        line: None,
        reason: "not yet readable".into(),
    }))
}
