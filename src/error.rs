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

/// Everything that stops a command, each mapped to the exit code of SPEC section 8.
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
}

impl Error {
    /// SPEC section 8: 2 usage, 65 bad calendar data, 78 bad policy or configuration.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Calendar(_) => 65,
            Error::Policy(_) | Error::Config(_) => 78,
            Error::Io { .. } => 74,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
