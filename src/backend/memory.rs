//! A calendar in memory, for tests of the daemon's cycle: events in a list, writes as
//! idempotent as a real backend's ([`Written::AlreadyDone`] for a write already made), and
//! faults on demand, counted in writes made through one handle:
//!
//! - [`MemoryCalendar::fail_after`]: every write after the first `n` is refused (a full or
//!   read-only disk);
//! - [`MemoryCalendar::fail_transiently`]: the next `n` writes fail with a
//!   [`BackendError::Transient`] (a server error, a timeout);
//! - [`MemoryCalendar::crash_at`]: the `n`-th write never returns, before or after it
//!   reached the calendar, and [`MemoryCalendar::crash`] is notified: the test drops the
//!   cycle there, as `kill -9` would stop the process.
//!
//! Handles made with `Clone` or [`MemoryCalendar::restarted`] share the calendar, as two
//! runs of focusd share a real one; a clone also shares the faults and the count of writes
//! (a test keeps one to watch the daemon's), a restarted handle has neither.

use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use tokio::sync::Notify;

use super::{BackendError, BlockWrite, Calendar, EventRef, ID_TAKEN, Written};
use crate::event::{
    EventDetails, EventKind, Instance, Response, Snapshot, Transparency, clean_comment, is_me,
};

/// When a crashing write stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// Before the calendar changed.
    BeforeWrite,
    /// After the calendar changed, before the daemon heard of it.
    AfterWrite,
}

/// A calendar write that changed the calendar: the method and what it named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub method: &'static str,
    pub subject: String,
}

#[derive(Debug)]
struct Shared {
    me: String,
    instances: Vec<Instance>,
    changes: Vec<Change>,
}

#[derive(Debug, Clone, Default)]
struct Faults {
    fail_after: Option<u32>,
    transient: u32,
    crash_at: Option<(u32, Moment)>,
}

/// What a write does, by the faults.
enum Gate {
    Go,
    Fail(BackendError),
    Crash(Moment),
}

/// The test calendar (see the module).
#[derive(Debug, Clone)]
pub struct MemoryCalendar {
    shared: Arc<Mutex<Shared>>,
    faults: Faults,
    /// Writes tried through this handle.
    writes: Arc<Mutex<u32>>,
    crashed: Arc<Notify>,
}

impl MemoryCalendar {
    /// A calendar of `me` holding `instances`.
    pub fn new(me: &str, instances: Vec<Instance>) -> MemoryCalendar {
        MemoryCalendar {
            shared: Arc::new(Mutex::new(Shared {
                me: me.to_string(),
                instances,
                changes: Vec::new(),
            })),
            faults: Faults::default(),
            writes: Arc::new(Mutex::new(0)),
            crashed: Arc::new(Notify::new()),
        }
    }

    /// Every write after the first `n` through this handle is refused for good.
    pub fn fail_after(mut self, n: u32) -> MemoryCalendar {
        self.faults.fail_after = Some(n);
        self
    }

    /// The next `n` writes through this handle fail transiently.
    pub fn fail_transiently(mut self, n: u32) -> MemoryCalendar {
        self.faults.transient = n;
        self
    }

    /// The `n`-th write through this handle (from 1) never returns, stopping at `moment`.
    pub fn crash_at(mut self, n: u32, moment: Moment) -> MemoryCalendar {
        self.faults.crash_at = Some((n, moment));
        self
    }

    /// The same calendar as a new run of focusd finds it: no faults, no writes counted.
    pub fn restarted(&self) -> MemoryCalendar {
        MemoryCalendar {
            shared: Arc::clone(&self.shared),
            faults: Faults::default(),
            writes: Arc::new(Mutex::new(0)),
            crashed: Arc::new(Notify::new()),
        }
    }

    /// Notified when a write crashed (see [`MemoryCalendar::crash_at`]).
    pub fn crash(&self) -> Arc<Notify> {
        Arc::clone(&self.crashed)
    }

    /// Writes tried through this handle, failed ones included.
    pub fn writes(&self) -> u32 {
        *lock(&self.writes)
    }

    /// The calendar's events as they are now.
    pub fn instances(&self) -> Vec<Instance> {
        lock(&self.shared).instances.clone()
    }

    /// Every write that changed the calendar, in order, through any handle.
    pub fn changes(&self) -> Vec<Change> {
        lock(&self.shared).changes.clone()
    }

    /// Counts the write and says what it does.
    fn gate(&self) -> Gate {
        let n = {
            let mut writes = lock(&self.writes);
            *writes += 1;
            *writes
        };
        let crash = self.faults.crash_at.filter(|(at, _)| *at == n);
        if let Some((_, Moment::BeforeWrite)) = crash {
            return Gate::Crash(Moment::BeforeWrite);
        }
        if n <= self.faults.transient {
            return Gate::Fail(BackendError::Transient("injected: try again later".into()));
        }
        if self.faults.fail_after.is_some_and(|after| n > after) {
            return Gate::Fail(BackendError::Permanent(
                "injected: the calendar refuses writes".into(),
            ));
        }
        match crash {
            Some((_, moment)) => Gate::Crash(moment),
            None => Gate::Go,
        }
    }

    /// One write through the faults: `change` changes the calendar and says how.
    async fn write(
        &self,
        change: impl FnOnce(&mut Shared) -> Result<Written, BackendError>,
    ) -> Result<Written, BackendError> {
        match self.gate() {
            Gate::Go => change(&mut lock(&self.shared)),
            Gate::Fail(e) => Err(e),
            Gate::Crash(moment) => {
                if moment == Moment::AfterWrite {
                    let _ = change(&mut lock(&self.shared));
                }
                self.crashed.notify_one();
                std::future::pending().await
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shared {
    fn changed(&mut self, method: &'static str, subject: &str) -> Result<Written, BackendError> {
        self.changes.push(Change {
            method,
            subject: subject.to_string(),
        });
        Ok(Written::Done)
    }

    fn put_block(&mut self, block: &BlockWrite) -> Result<Written, BackendError> {
        let me = self.me.clone();
        let held: Vec<usize> = (0..self.instances.len())
            .filter(|&i| self.instances[i].uid() == block.id)
            .collect();
        if held
            .iter()
            .any(|&i| !self.instances[i].details.is_focusd_block(&me))
        {
            return Err(BackendError::Permanent(format!(
                "{ID_TAKEN} {} is another event's",
                block.id
            )));
        }
        match held.first() {
            Some(&i) => {
                let inst = &mut self.instances[i];
                if (inst.start, inst.end) == (block.start, block.end) {
                    return Ok(Written::AlreadyDone);
                }
                (inst.start, inst.end) = (block.start, block.end);
                self.changed("put_block", &block.id)
            }
            None => {
                self.instances.push(block_instance(block));
                self.changed("put_block", &block.id)
            }
        }
    }

    fn delete_block(&mut self, id: &str) -> Result<Written, BackendError> {
        let me = self.me.clone();
        let held = self.instances.iter().filter(|i| i.uid() == id);
        if held.clone().any(|i| !i.details.is_focusd_block(&me)) {
            return Err(BackendError::Permanent(format!("{id} is not focusd's")));
        }
        if held.count() == 0 {
            return Ok(Written::AlreadyDone);
        }
        self.instances.retain(|i| i.uid() != id);
        self.changed("delete_block", id)
    }

    fn respond(
        &mut self,
        event: &EventRef,
        response: Response,
        comment: Option<&str>,
    ) -> Result<Written, BackendError> {
        let me = self.me.clone();
        let comment = comment.map(clean_comment).filter(|c| !c.is_empty());
        let targets: Vec<usize> = (0..self.instances.len())
            .filter(|&i| {
                let inst = &self.instances[i];
                &inst.event_ref() == event || inst.series_ref().as_ref() == Some(event)
            })
            .collect();
        if targets.is_empty() {
            return Err(BackendError::NotFound(event.key()));
        }
        let mine = |inst: &Instance| {
            inst.details
                .attendees
                .iter()
                .position(|a| is_me(&me, &a.email))
        };
        let mut changed = false;
        for i in targets {
            let Some(a) = mine(&self.instances[i]) else {
                return Err(BackendError::Permanent(format!(
                    "{} is not invited to {}",
                    me,
                    event.key()
                )));
            };
            let details = Arc::make_mut(&mut self.instances[i].details);
            let attendee = &mut details.attendees[a];
            if attendee.response != response || attendee.comment != comment {
                attendee.response = response;
                attendee.comment.clone_from(&comment);
                changed = true;
            }
        }
        if changed {
            self.changed("respond", &event.key())
        } else {
            Ok(Written::AlreadyDone)
        }
    }
}

/// How a booked block reads back: the user's own focus time, marked as focusd's.
fn block_instance(block: &BlockWrite) -> Instance {
    Instance {
        details: Arc::new(EventDetails {
            uid: block.id.clone(),
            summary: block.title.clone(),
            kind: EventKind::FocusTime,
            transparency: Transparency::Opaque,
            focusd_block: true,
            source: "memory".into(),
            ..EventDetails::default()
        }),
        recurrence_id: None,
        start: block.start,
        end: block.end,
        all_day: false,
    }
}

impl Calendar for MemoryCalendar {
    fn key(&self) -> super::CalendarKey {
        super::CalendarKey::Local("memory".into())
    }

    async fn sync(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Snapshot, BackendError> {
        let instances = lock(&self.shared)
            .instances
            .iter()
            .filter(|i| i.start < to && i.end > from)
            .cloned()
            .collect();
        Ok(Snapshot {
            instances,
            diagnostics: Vec::new(),
        })
    }

    async fn put_block(&mut self, block: &BlockWrite) -> Result<Written, BackendError> {
        self.write(|s| s.put_block(block)).await
    }

    async fn delete_block(&mut self, id: &str) -> Result<Written, BackendError> {
        self.write(|s| s.delete_block(id)).await
    }

    async fn respond(
        &mut self,
        event: &EventRef,
        response: Response,
        comment: Option<&str>,
    ) -> Result<Written, BackendError> {
        self.write(|s| s.respond(event, response, comment)).await
    }
}
