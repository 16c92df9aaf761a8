//! Errors a user sees, with the context they need to fix the input, rendered in one place.

use std::fmt;
use std::path::PathBuf;

/// How bad a problem in input data is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Read with an assumption (e.g. an unknown time zone taken as the user's).
    Warning,
    /// Something was skipped (an event, a file): the data is incomplete.
    Error,
}

/// One problem found in input data: which file, where, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    pub reason: String,
}

impl Diagnostic {
    /// Something was skipped or refused: the data is incomplete.
    pub fn error(path: impl Into<PathBuf>, line: Option<usize>, reason: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            reason: reason.into(),
        }
    }

    /// Read with an assumption.
    pub fn warning(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        reason: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, reason)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.reason)?,
            None => write!(f, "{}: {}", self.path.display(), self.reason)?,
        }
        if self.severity == Severity::Warning {
            write!(f, " (warning)")?;
        }
        Ok(())
    }
}

/// Everything that stops a command; `cli::exit_code` maps each to its exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Calendar data that cannot be read (exit 65).
    #[error("{0}")]
    Calendar(Diagnostic),
    /// A policy file that is not valid (exit 78).
    #[error("{0}")]
    Policy(Diagnostic),
    /// A configuration file that is not valid (exit 78).
    #[error("{0}")]
    Config(Diagnostic),
    /// Wrong use of the command line (exit 2).
    #[error("{0}")]
    Usage(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// The state database cannot be opened, read or written (exit 74).
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The calendar's service failed or refused (Google Calendar): the calendar's name and
    /// the backend's error, kept whole (exit 69).
    #[error("{calendar}: {source}")]
    Backend {
        calendar: String,
        #[source]
        source: crate::backend::BackendError,
    },
    /// The weekly report could not be mailed: the server or sendmail refused or failed
    /// (exit 69).
    #[error("mail: {0}")]
    Mail(String),
    /// Another focusd process holds what this one needs: a daemon already runs on the state
    /// folder, or a cycle keeps an undo waiting too long (exit 75, EX_TEMPFAIL: nothing was
    /// done, try again later).
    #[error("{0}")]
    Busy(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
