//! Where notices reach the user: the [`Desktop`] trait the daemon shows them through, and
//! the log, which is where they go when no desktop answers (a server, CI, a service started
//! before the desktop session).
//!
//! Architecture invariant: the only module that talks to a notification server; what to
//! show and when is decided by the pure `nudges` module, and the daemon keeps what was
//! shown in the store.

use tracing::info;

use crate::escape::escape;
use crate::nudges::Notice;

/// How a notice was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// On the desktop, with the server's notification id (actions come back with it).
    Desktop(u32),
    /// In the log only.
    Logged,
}

/// A place to show notices.
pub trait Desktop: Send {
    /// Shows `notice`; never fails the cycle: a desktop that cannot show it logs it.
    fn show(&mut self, notice: &Notice) -> Shown;

    /// What shows the notices, for `focusd status`.
    fn name(&self) -> String;
}

/// The log: every notice is one line of `focusd::nudge`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Log;

impl Desktop for Log {
    fn show(&mut self, notice: &Notice) -> Shown {
        log(notice);
        Shown::Logged
    }

    fn name(&self) -> String {
        "the log (no desktop notifications)".into()
    }
}

/// Writes `notice` to the log (its text escaped: it carries other people's words).
pub fn log(notice: &Notice) {
    info!(
        target: "focusd::nudge",
        urgent = notice.urgent,
        "nudge: {}: {}",
        escape(&notice.summary),
        escape(notice.body.replace('\n', "; "))
    );
}

/// Tests only: a desktop in memory that keeps what it was shown and numbers each
/// notification from 1, as a notification server does. Clones share the list.
#[cfg(test)]
#[derive(Debug, Default, Clone)]
pub struct Recorder {
    pub shown: std::sync::Arc<std::sync::Mutex<Vec<Notice>>>,
}

#[cfg(test)]
impl Recorder {
    pub fn notices(&self) -> Vec<Notice> {
        self.shown.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

#[cfg(test)]
impl Desktop for Recorder {
    fn show(&mut self, notice: &Notice) -> Shown {
        let mut shown = self.shown.lock().unwrap_or_else(|p| p.into_inner());
        shown.push(notice.clone());
        Shown::Desktop(shown.len() as u32)
    }

    fn name(&self) -> String {
        "a desktop in memory".into()
    }
}
