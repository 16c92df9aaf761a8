//! Where notices reach the user: the [`Desktop`] trait the daemon shows them through, and
//! the log, which is where they go when no desktop answers (a server, CI, a service started
//! before the desktop session).
//!
//! Architecture invariant: the only module that shows notifications and hears their
//! clicks (`dnd` only asks the server its name, and on KDE Plasma inhibits it); what to
//! show and when is decided by the pure `nudges` module, and the daemon keeps what was
//! shown in the store.

use tracing::{debug, info};

use crate::escape::escape;
use crate::nudges::Notice;

/// How a notice was shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// On the desktop, with the server's notification id and the server (see [`Answer`]):
    /// a click comes back with both.
    Desktop { id: u32, server: String },
    /// In the log only.
    Logged,
}

/// What the user did with a shown notification, as the notification server says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Which server: the bus's id and the server's unique name on it (a signal's sender is
    /// set by the bus, so no other program can answer for the server).
    pub server: String,
    /// The server's id of the notification.
    pub notification: u32,
    pub what: Answered,
}

/// An `ActionInvoked` or a `NotificationClosed` signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answered {
    /// A button was clicked: its action key.
    Action(String),
    /// The notification closed: the specification's reason (1 expired, 2 dismissed by the
    /// user, 3 closed by a call, 4 other).
    Closed(u32),
}

/// A place to show notices.
pub trait Desktop: Send {
    /// Shows `notice`; never fails the cycle: a desktop that cannot show it logs it.
    fn show(&mut self, notice: &Notice) -> Shown;
}

/// The log: every notice is one line of `focusd::nudge`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Log;

impl Desktop for Log {
    fn show(&mut self, notice: &Notice) -> Shown {
        log(notice);
        Shown::Logged
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
        Shown::Desktop {
            id: shown.len() as u32,
            server: "memory".into(),
        }
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
            Ok((id, server)) => Shown::Desktop { id, server },
            Err(e) => {
                info!(target: "focusd::nudge", "no desktop notifications: {}", escape(&e));
                log(notice);
                Shown::Logged
            }
        }
    }
}

/// Sends one notice to the session bus's notification server, its body escaped where the
/// server has `body-markup`, its buttons where it has `actions`. Answers the notification's
/// id and the server's identity.
fn send(notice: &Notice) -> Result<(u32, String), String> {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
        && std::env::var_os("XDG_RUNTIME_DIR").is_none()
    {
        return Err("no session bus".into());
    }
    let server = zbus::block_on(server_identity()).map_err(|e| e.to_string())?;
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
    if has("actions") {
        for b in &notice.buttons {
            n.action(b.key(), b.label());
        }
    }
    let handle = n.show().map_err(|e| e.to_string())?;
    Ok((handle.id(), server))
}

/// The well-known name, path and interface of the freedesktop notification server.
const SERVER: &str = "org.freedesktop.Notifications";
const SERVER_PATH: &str = "/org/freedesktop/Notifications";

/// Who serves notifications on the session bus now: the bus's id and the server's unique
/// name, as [`Answer::server`] names it.
async fn server_identity() -> zbus::Result<String> {
    let conn = zbus::Connection::session().await?;
    let bus = zbus::fdo::DBusProxy::new(&conn).await?;
    let owner = bus
        .get_name_owner(zbus::names::BusName::try_from(SERVER)?)
        .await?;
    let id = bus.get_id().await?;
    Ok(format!("{id} {owner}"))
}

/// How often [`listen`] tries the session bus again while there is none.
pub const RETRY: std::time::Duration = std::time::Duration::from_secs(60);

/// Listens on the session bus for the notification server's `ActionInvoked` and
/// `NotificationClosed` signals and hands each to `answer`, for as long as the task runs.
/// Without a bus it tries again every [`RETRY`] (a desktop session can start after the
/// service). Runs on the daemon's runtime.
pub async fn listen(answer: impl Fn(Answer) + Send + 'static) {
    let mut said = false;
    loop {
        if let Err(e) = listen_once(&answer, &mut said).await {
            debug!(target: "focusd::nudge", "no notification signals: {}", escape(&e));
        }
        tokio::time::sleep(RETRY).await;
    }
}

/// One connection's worth of [`listen`]: until the bus goes away.
async fn listen_once(answer: &impl Fn(Answer), said: &mut bool) -> zbus::Result<()> {
    use futures_lite::StreamExt;
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
        && std::env::var_os("XDG_RUNTIME_DIR").is_none()
    {
        return Err(zbus::Error::Address("no session bus".into()));
    }
    let conn = zbus::Connection::session().await?;
    let bus_id = zbus::fdo::DBusProxy::new(&conn).await?.get_id().await?;
    let rule = zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .interface(SERVER)
        .path(SERVER_PATH)
        .build()?;
    let mut stream = zbus::MessageStream::for_match_rule(rule, &conn, None).await?;
    if !*said {
        info!(target: "focusd::nudge", "listening for clicks on notifications");
        *said = true;
    }
    while let Some(msg) = stream.next().await {
        let Ok(msg) = msg else { continue };
        let header = msg.header();
        let Some(sender) = header.sender() else {
            continue;
        };
        let server = format!("{bus_id} {sender}");
        let what = match header.member().map(|m| m.as_str()) {
            Some("ActionInvoked") => match msg.body().deserialize::<(u32, String)>() {
                Ok((id, key)) => Some((id, Answered::Action(key))),
                Err(_) => None,
            },
            Some("NotificationClosed") => match msg.body().deserialize::<(u32, u32)>() {
                Ok((id, reason)) => Some((id, Answered::Closed(reason))),
                Err(_) => None,
            },
            _ => None,
        };
        if let Some((notification, what)) = what {
            answer(Answer {
                server,
                notification,
                what,
            });
        }
    }
    Ok(())
}

/// Where a drafted mail is opened: the user's mail program.
pub trait Opener: Send {
    /// Opens `url` (a `mailto:` link); an error says why it could not.
    fn open(&mut self, url: &str) -> Result<(), String>;
}

/// Opens links with a program that takes the link as its one argument: `xdg-open` (found
/// on the `PATH`) unless told otherwise.
#[derive(Debug, Clone)]
pub struct Command {
    pub program: std::path::PathBuf,
}

impl Default for Command {
    fn default() -> Self {
        Command {
            program: "xdg-open".into(),
        }
    }
}

impl Opener for Command {
    fn open(&mut self, url: &str) -> Result<(), String> {
        // The link is one argument, never a shell's words. The program is not waited for
        // (a mail program may stay until the mail is sent): a thread of its own reaps it.
        let mut child = std::process::Command::new(&self.program)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", self.program.display()))?;
        std::thread::spawn(move || child.wait());
        Ok(())
    }
}
