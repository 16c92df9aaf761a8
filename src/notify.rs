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

/// The freedesktop notification server on the session bus (notify-rust over zbus). Each
/// notice asks the server for its capabilities first, so a desktop session that started
/// after the service (or a server that was replaced) is found on the next notice; with no
/// bus or no server the notice goes to the log and the cycle goes on.
#[derive(Debug, Default, Clone, Copy)]
pub struct Bus;

/// The application name notifications carry.
pub const APP_NAME: &str = "focusd";
/// The icon name (freedesktop icon naming specification).
pub const ICON: &str = "appointment-soon";
/// How long an ordinary notification stays, in milliseconds (an urgent one stays until
/// closed, as the specification has critical notifications do).
pub const TIMEOUT_MS: u32 = 15_000;

impl Desktop for Bus {
    fn show(&mut self, notice: &Notice) -> Shown {
        // zbus runs its own executor for blocking calls: on a thread of its own, outside
        // the daemon's runtime.
        let sent = std::thread::scope(|s| {
            s.spawn(|| send(notice))
                .join()
                .unwrap_or_else(|_| Err("the notification thread panicked".into()))
        });
        match sent {
            Ok(id) => Shown::Desktop(id),
            Err(e) => {
                info!(target: "focusd::nudge", "no desktop notifications: {}", escape(&e));
                log(notice);
                Shown::Logged
            }
        }
    }

    fn name(&self) -> String {
        "desktop notifications on the session bus".into()
    }
}

/// Sends one notice to the session bus's notification server, its body escaped where the
/// server has `body-markup`.
fn send(notice: &Notice) -> Result<u32, String> {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
        && std::env::var_os("XDG_RUNTIME_DIR").is_none()
    {
        return Err("no session bus".into());
    }
    let caps = notify_rust::get_capabilities().map_err(|e| e.to_string())?;
    let has = |c: &str| caps.iter().any(|x| x == c);
    let body = if has("body-markup") {
        crate::nudges::markup(&notice.body)
    } else {
        notice.body.clone()
    };
    let mut n = notify_rust::Notification::new();
    n.appname(APP_NAME)
        .icon(ICON)
        .summary(&notice.summary)
        .body(&body)
        .urgency(if notice.urgent {
            notify_rust::Urgency::Critical
        } else {
            notify_rust::Urgency::Normal
        })
        .timeout(if notice.urgent {
            notify_rust::Timeout::Never
        } else {
            notify_rust::Timeout::Milliseconds(TIMEOUT_MS)
        });
    // No actions yet: a button is offered only once the daemon carries its click out
    // (`notice.undo` says which decline an Undo would undo).
    let handle = n.show().map_err(|e| e.to_string())?;
    Ok(handle.id())
}
