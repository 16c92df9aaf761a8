//! Calendar backends: the imperative shell between the pure core and a real calendar.
//!
//! Architecture invariant: the rest of focusd sees only this trait and `crate::event` types.
//! A backend's own types (Google's JSON model, file formats) never leave its module, so that
//! switching a backend's client library touches one module.
//!
//! Every write is idempotent: repeating it after a crash or a retry finds the work done and
//! answers [`Written::AlreadyDone`] instead of doing it twice.

pub mod google;

use std::future::Future;

use chrono::{DateTime, Utc};

use crate::actions::Action;
use crate::event::{Response, Snapshot};

pub mod local;
#[cfg(test)]
pub mod memory;

/// How a backend's refusal to book a block starts when the block's id is held by an event
/// that is not focusd's; the planner then gives the block another id.
pub const ID_TAKEN: &str = "id taken:";

pub use crate::actions::BlockWrite;
pub use crate::error::BackendError;
pub use crate::event::EventRef;

/// What a write found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Done,
    /// The calendar already was as asked (a retry after a crash, an earlier run).
    AlreadyDone,
}

/// One write, as [`Calendar::write_all`] takes several at once.
#[derive(Debug, Clone, Copy)]
pub enum Write<'a> {
    /// [`Calendar::put_block`].
    PutBlock(&'a BlockWrite),
    /// [`Calendar::delete_block`].
    DeleteBlock(&'a str),
    /// [`Calendar::respond`].
    Respond {
        event: &'a EventRef,
        response: Response,
        comment: Option<&'a str>,
    },
}

impl<'a> Write<'a> {
    /// The calendar write an action is, if any (a nudge is not one).
    pub fn of(action: &Action) -> Option<Write<'_>> {
        match action {
            Action::BookBlock { block } | Action::MoveBlock { block, .. } => {
                Some(Write::PutBlock(block))
            }
            Action::DeleteBlock { id, .. } => Some(Write::DeleteBlock(id)),
            Action::Decline { event, comment, .. } => Some(Write::Respond {
                event,
                response: Response::Declined,
                comment: (!comment.is_empty()).then_some(comment.as_str()),
            }),
            Action::Withdraw { event, to, .. } => Some(Write::Respond {
                event,
                response: *to,
                comment: None,
            }),
            Action::Nudge { .. } | Action::Reply { .. } => None,
        }
    }
}

/// Carries out one action on a calendar. An action that is not a calendar write (a nudge,
/// a reply to one) does nothing here and is done.
pub async fn execute<C: Calendar>(
    calendar: &mut C,
    action: &Action,
) -> Result<Written, BackendError> {
    match Write::of(action) {
        Some(write) => calendar
            .write_all(&[write])
            .await
            .pop()
            .unwrap_or_else(|| Err(BackendError::Permanent("no outcome".into()))),
        None => Ok(Written::Done),
    }
}

/// What a backend takes from the policy: a small value, so that no backend depends on the
/// policy's shape (`settings::for_backend` makes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The user's zone, for floating times.
    pub zone: chrono_tz::Tz,
    /// Whether the calendar's service e-mails the organizer about an answer
    /// (`meetings.notify_organizer`; Google's `sendUpdates`).
    pub notify_organizer: bool,
}

/// A calendar focusd can read and act on.
pub trait Calendar: Send {
    /// How the audit log names this calendar (a local path, `google:primary`).
    fn key(&self) -> CalendarKey;

    /// Takes what the backend needs from the policy (at start and on every reload).
    fn configure(&mut self, _settings: &Settings) {}

    /// Every instance overlapping `[from, to)`, incrementally where the backend can.
    fn sync(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> impl Future<Output = Result<Snapshot, BackendError>> + Send;

    /// Creates the block, or moves focusd's own block with that id to the given times.
    fn put_block(
        &mut self,
        block: &BlockWrite,
    ) -> impl Future<Output = Result<Written, BackendError>> + Send;

    /// Deletes focusd's own block with that id; refuses anything focusd did not book.
    fn delete_block(
        &mut self,
        id: &str,
    ) -> impl Future<Output = Result<Written, BackendError>> + Send;

    /// Sets the user's own answer (and comment) on an event, changing nothing else.
    fn respond(
        &mut self,
        event: &EventRef,
        response: Response,
        comment: Option<&str>,
    ) -> impl Future<Output = Result<Written, BackendError>> + Send;

    /// Several writes, in order, with one outcome each. A backend whose writes share files
    /// reads and writes each file once for all of them; by default they are done one by one.
    fn write_all(
        &mut self,
        writes: &[Write<'_>],
    ) -> impl Future<Output = Vec<Result<Written, BackendError>>> + Send {
        async move {
            let mut outcomes = Vec::with_capacity(writes.len());
            for &write in writes {
                outcomes.push(match write {
                    Write::PutBlock(block) => self.put_block(block).await,
                    Write::DeleteBlock(id) => self.delete_block(id).await,
                    Write::Respond {
                        event,
                        response,
                        comment,
                    } => self.respond(event, response, comment).await,
                });
            }
            outcomes
        }
    }
}

/// How the audit log and the store name a calendar: a local file or folder by its absolute
/// path as the user gave it (links not resolved), Google by its calendar ids
/// (`google:primary`, `google:a,b`). Written and read back through `Display` and `FromStr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarKey {
    Local(std::path::PathBuf),
    Google(Vec<String>),
}

const GOOGLE_KEY: &str = "google:";

impl std::fmt::Display for CalendarKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CalendarKey::Local(path) => write!(f, "{}", path.display()),
            CalendarKey::Google(ids) => write!(f, "{GOOGLE_KEY}{}", ids.join(",")),
        }
    }
}

impl std::str::FromStr for CalendarKey {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<CalendarKey, Self::Err> {
        Ok(match s.strip_prefix(GOOGLE_KEY) {
            Some(ids) => CalendarKey::Google(ids.split(',').map(str::to_string).collect()),
            None => CalendarKey::Local(std::path::PathBuf::from(s)),
        })
    }
}

/// Where a user's calendar lives, as configured.
#[derive(Debug, Clone)]
pub enum Source {
    /// A `.ics` file or a vdir folder.
    Local(std::path::PathBuf),
    Google(crate::config::GoogleConfig),
}

impl Source {
    /// How the audit log names the calendar; the same as [`Calendar::key`] of its backend.
    pub fn key(&self) -> CalendarKey {
        match self {
            Source::Local(path) => local::key(path),
            Source::Google(config) => CalendarKey::Google(config.calendars.clone()),
        }
    }

    /// Opens the backend for the user `me`, configured by `settings`; Google keeps its sync
    /// cache in `state_dir`.
    pub async fn open(
        &self,
        settings: &Settings,
        me: &str,
        state_dir: &std::path::Path,
    ) -> Result<Backend, crate::error::Error> {
        let mut backend = match self {
            Source::Local(path) => {
                Backend::Local(local::LocalCalendar::new(path, settings.zone, me))
            }
            Source::Google(config) => Backend::Google(Box::new(
                google::GoogleCalendar::new(config, me, state_dir).await?,
            )),
        };
        backend.configure(settings);
        Ok(backend)
    }
}

/// One of focusd's backends, chosen at run time.
pub enum Backend {
    Local(local::LocalCalendar),
    Google(Box<google::GoogleCalendar>),
}

impl Calendar for Backend {
    fn key(&self) -> CalendarKey {
        match self {
            Backend::Local(c) => c.key(),
            Backend::Google(c) => c.key(),
        }
    }

    fn configure(&mut self, settings: &Settings) {
        match self {
            Backend::Local(c) => c.configure(settings),
            Backend::Google(c) => c.configure(settings),
        }
    }

    async fn sync(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Snapshot, BackendError> {
        match self {
            Backend::Local(c) => c.sync(from, to).await,
            Backend::Google(c) => c.sync(from, to).await,
        }
    }

    async fn put_block(&mut self, block: &BlockWrite) -> Result<Written, BackendError> {
        match self {
            Backend::Local(c) => c.put_block(block).await,
            Backend::Google(c) => c.put_block(block).await,
        }
    }

    async fn delete_block(&mut self, id: &str) -> Result<Written, BackendError> {
        match self {
            Backend::Local(c) => c.delete_block(id).await,
            Backend::Google(c) => c.delete_block(id).await,
        }
    }

    async fn respond(
        &mut self,
        event: &EventRef,
        response: Response,
        comment: Option<&str>,
    ) -> Result<Written, BackendError> {
        match self {
            Backend::Local(c) => c.respond(event, response, comment).await,
            Backend::Google(c) => c.respond(event, response, comment).await,
        }
    }

    async fn write_all(&mut self, writes: &[Write<'_>]) -> Vec<Result<Written, BackendError>> {
        match self {
            Backend::Local(c) => c.write_all(writes).await,
            Backend::Google(c) => c.write_all(writes).await,
        }
    }
}
