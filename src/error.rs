//! Errors a user sees, with the context they need to fix the input, rendered in one place.
//!
//! A leaf: it names no other module of the crate, so the core can carry a [`Diagnostic`] and
//! the shell's errors ([`StoreError`], [`BackendError`], re-exported by `store` and `backend`)
//! can be wrapped here without an import cycle (`tests/tidy.rs` keeps it so).

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
    Store(#[from] StoreError),
    /// The calendar's service failed or refused (Google Calendar): the calendar's name and
    /// the backend's error, kept whole (exit 69).
    #[error("{calendar}: {source}")]
    Backend {
        calendar: String,
        #[source]
        source: BackendError,
    },
    /// The weekly report could not be mailed: the server or sendmail refused or failed
    /// (exit 69).
    #[error("mail: {context}: {source}")]
    Mail {
        /// What was being done: building the message, TLS for a host, sending.
        context: String,
        /// lettre's error, kept whole.
        #[source]
        source: MailCause,
    },
    /// Another focusd process holds what this one needs: a daemon already runs on the state
    /// folder, or a cycle keeps an undo waiting too long (exit 75, EX_TEMPFAIL: nothing was
    /// done, try again later).
    #[error("{0}")]
    Busy(String),
}

/// What went wrong with the state database; each message names it once (exit 74).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("state database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("state database {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("state database {path}: {source}")]
    File {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("state database: the task running it failed: {0}")]
    Task(String),
    #[error("state database: an action cannot be stored: {0}")]
    Payload(#[from] serde_json::Error),
    #[error(
        "state database {path}: schema version {found} is newer than this focusd knows ({known}); \
         it was left as it is: use the focusd that wrote it"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error(
        "state database {path}: schema version {found} is older than this focusd can read without \
         upgrading it ({needed}); run any focusd command that writes (`focusd resume`) as its \
         owner, with write access to the state folder"
    )]
    TooOld {
        path: String,
        found: i64,
        needed: i64,
    },
    #[error(
        "state database {path} does not exist{}: focusd has not run with this state folder yet \
         (or --state-dir names another one)",
        if *.empty { " or is empty" } else { "" }
    )]
    Missing { path: String, empty: bool },
}

/// Why a backend call failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum BackendError {
    /// Try again later: network down, rate limited, server error.
    #[error("temporary failure: {0}")]
    Transient(String),
    /// The event is gone (deleted by its organizer, say).
    #[error("not found: {0}")]
    NotFound(String),
    /// Refused for a reason retrying will not fix.
    #[error("{0}")]
    Permanent(String),
}

/// Why a mail could not be built or sent: the mail library's own error, as it gave it.
pub type MailCause = Box<dyn std::error::Error + Send + Sync>;

pub type Result<T, E = Error> = std::result::Result<T, E>;
