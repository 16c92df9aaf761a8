//! `focusd run`: the reconcile loop (SPEC section 7).
//!
//! A cycle is three steps. **Sync**: read the calendar. **Decide** (pure, in `actions`):
//! [`actions::decide`] turns the calendar and what focusd remembers into intents, and
//! [`actions::reconcile`] puts the intents a stopped process left unfinished in front of
//! them (still wanted: applied under the old record; already true: marked done; neither:
//! abandoned; another live focusd's: left to it), then [`actions::cap_nudges`] holds back
//! the nudges over the hourly cap. **Execute**: each step in order through the
//! [`Calendar`] trait, every action written to the store as an intent first and its
//! outcome after; a failed action is recorded and collected, and the next one goes ahead.
//! Every write is idempotent, so a crash at any point never doubles an action or loses its
//! record.
//!
//! Between cycles the loop waits for the next [`Event`]: the timer (the poll interval,
//! longer while the calendar is quiet or unreachable, or the next read-ahead deadline),
//! SIGTERM, SIGHUP, a change to the policy or config files. A cycle runs on tokio's
//! blocking pool, so that the runtime stays free for the watchdog task and the signals: a
//! stop never waits for a slow or stuck cycle for more than `STOP_GRACE`.

mod events;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveTime, Utc};
use tracing::{debug, error, info, warn};

use crate::actions::{self, Action, Ground, Intent, Leftover, Memory, Step};
use crate::backend::{BackendError, Calendar, CalendarKey, Write, Written};
use crate::error::{Error, Severity};
use crate::escape::escape;
use crate::event::{Me, Snapshot};
use crate::model::{self, Timeline};
use crate::notify::{self, Desktop, Shown};
use crate::nudges;
use crate::policy::Policy;
use crate::render::describe;
use crate::settings::{Flags, Settings};
use crate::store::{Status, Store, StoreError};
use crate::systemd::{self, Notifier};
use crate::{clock, planner, triage};
pub use events::Event;
use events::Events;

/// Everything `focusd run` needs, resolved from flags and configuration.
#[derive(Debug, Clone)]
pub struct Options {
    /// The command line's flags, resolved again on every reload.
    pub flags: Flags,
    pub me: Me,
    pub state_dir: PathBuf,
    pub once: bool,
    pub dry_run: bool,
    /// Seconds between syncs while the calendar changes.
    pub interval: Duration,
    /// Files whose change means a reload (the policies and the configuration file).
    pub watched: Vec<PathBuf>,
    /// A fixed "now" for every cycle (reproducible runs); else the clock.
    pub now: Option<DateTime<Utc>>,
}

/// How the daemon ended (the command line picks the exit code).
#[derive(Debug)]
pub enum Ended {
    /// A signal stopped it.
    Stopped,
    /// `--once`: after its one cycle, with what came of it.
    Once(Result<CycleReport, CycleError>),
}

/// What one cycle did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CycleReport {
    pub applied: usize,
    /// The actions that failed, each recorded as failed (the others went ahead).
    pub failed: Vec<Failed>,
    /// Intents for a dry run, in order.
    pub planned: Vec<Intent>,
    /// When something is next due (a read-ahead deadline), if sooner than the poll.
    pub next_due: Option<DateTime<Utc>>,
    /// Events that could not be read (file, line and reason): the cycle acted on the rest,
    /// and booked no block.
    pub unreadable: Vec<String>,
}

/// An action of a cycle that failed: its record in the audit log and the calendar's error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub id: i64,
    pub kind: &'static str,
    pub subject: String,
    pub error: String,
}

/// Why a cycle did nothing, or stopped before its end (the store cannot record).
#[derive(Debug, thiserror::Error)]
pub enum CycleError {
    #[error("calendar: {0}")]
    Calendar(#[from] BackendError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Lock(crate::error::Error),
}

/// The wall clock the audit log is written with (the clock, except in tests).
type WallClock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The daemon's state between cycles.
pub struct Daemon<C> {
    opts: Options,
    policy: Policy,
    backend: C,
    store: Arc<Mutex<Store>>,
    calendar: CalendarKey,
    /// `calendar` as the store and the log write it.
    key: String,
    /// The unreadable events of the last cycle, so that each is logged once.
    broken: Vec<String>,
    wall: WallClock,
    /// Where notices are shown (the log, until a desktop answers).
    desktop: Box<dyn Desktop>,
    /// Where an async suggestion's drafted mail is opened.
    opener: Box<dyn notify::Opener>,
    /// The desktop's Do Not Disturb switch.
    dnd: Arc<Mutex<crate::dnd::Switch>>,
    /// The meetings the last cycle saw (none yet: `None`), so a new one is known.
    seen: Option<std::collections::HashSet<String>>,
}

/// A calendar as one cycle read it.
struct Synced {
    snapshot: Snapshot,
    /// The start of the user's day: the sync's start, and where today's declines count from.
    day_start: DateTime<Utc>,
    /// How far the sync read: the horizon, or a year past it on the first sync.
    reach: DateTime<Utc>,
    /// The events that could not be read.
    unreadable: Vec<String>,
}

/// What the store remembers, as the pure core takes it.
struct Recalled {
    memory: Memory,
    /// Intents recorded and never finished (none in a dry run).
    leftovers: Vec<Leftover>,
    /// Nudges given in the past hour.
    nudges_given: u32,
}

impl<C: Calendar> Daemon<C> {
    pub fn new(opts: Options, policy: Policy, store: Store, mut backend: C) -> Daemon<C> {
        backend.configure(&crate::settings::for_backend(&policy));
        let calendar = backend.key();
        Daemon {
            opts,
            policy,
            backend,
            store: Arc::new(Mutex::new(store)),
            key: calendar.to_string(),
            calendar,
            broken: Vec::new(),
            wall: Arc::new(clock::now),
            desktop: Box::new(notify::Log),
            opener: Box::new(notify::Command::default()),
            dnd: Arc::new(Mutex::new(crate::dnd::Switch::none())),
            seen: None,
        }
    }

    /// Runs `f` on the store on a blocking thread.
    async fn db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || {
            let guard = store.lock().unwrap_or_else(|p| p.into_inner());
            f(&guard)
        })
        .await
        .unwrap_or_else(|e| Err(StoreError::Task(e.to_string())))
    }

    /// The wall-clock time, for the audit log.
    fn wall(&self) -> DateTime<Utc> {
        (self.wall)()
    }

    /// One cycle: sync, decide, execute. `now` feeds the pure core; the audit log records
    /// the wall-clock time of each action. `stop` is checked between steps.
    pub async fn cycle(
        &mut self,
        now: DateTime<Utc>,
        stop: &dyn Fn() -> bool,
    ) -> Result<CycleReport, CycleError> {
        // Sync.
        let synced = self.sync(now).await?;
        let mut recalled = self.recall(&synced, now).await?;
        recalled.memory.seen_meetings = self.seen.take();
        self.seen = Some(actions::meeting_keys(
            &synced.snapshot.instances,
            &self.opts.me,
        ));

        // Decide (pure).
        let me = &self.opts.me;
        let decided = actions::decide(
            &synced.snapshot.instances,
            &recalled.memory,
            &self.policy,
            me,
            now,
        );
        let intents = if synced.unreadable.is_empty() {
            decided.intents
        } else {
            actions::hold_block_writes(decided.intents)
        };
        let mut report = CycleReport {
            next_due: next_deadline(&decided.decisions, now),
            unreadable: synced.unreadable,
            ..CycleReport::default()
        };
        report.next_due = [report.next_due, crate::report::next_slot(&self.policy, now)]
            .into_iter()
            .flatten()
            .min();
        if self.opts.dry_run {
            let trip = decided.tripped.map(|why| actions::breaker_nudge(&why, now));
            report.planned.extend(trip);
            report.planned.extend(intents);
            self.weekly_report(now).await;
            self.team_report(now).await;
            return Ok(report);
        }
        let ground = Ground {
            calendar: &self.key,
            instances: &synced.snapshot.instances,
            me,
            breaker_open: recalled.memory.breaker.is_some(),
        };
        let mut steps = actions::reconcile(intents, &recalled.leftovers, &ground);
        steps.extend(decided.tripped.map(|why| Step::trip(&why, now)));
        let steps = actions::cap_nudges(
            steps,
            recalled.nudges_given,
            self.policy.nudges.max_per_hour,
        );

        // Execute: every intent recorded first, then the calendar's writes as one batch (a
        // file is read and written once per cycle, however many writes it takes), then
        // each outcome recorded. A stop before the batch leaves the intents unfinished, for
        // the next start to reconcile.
        let mut recorded = Vec::new();
        for step in steps {
            if stop() {
                return Ok(report);
            }
            recorded.extend(self.take(step).await?);
        }
        let mut done = Vec::new();
        if !recorded.is_empty() && !stop() {
            done = self.apply(recorded, &mut report).await?;
        }
        if !stop() {
            self.notify(&done, &synced.snapshot.instances, now).await?;
        }
        let focus = match nudges::moment(
            &Timeline::new(&synced.snapshot.instances, &self.opts.me),
            &self.policy,
            now,
        ) {
            nudges::Moment::Focus { until } => Some(until),
            _ => None,
        };
        self.pause()
            .set(self.policy.nudges.pause_desktop, focus, false)?;
        // Last, so that the rest of the cycle never waits for a mail server.
        if !stop() {
            self.weekly_report(now).await;
            self.team_report(now).await;
        }
        Ok(report)
    }

    /// Mails the weekly report when its slot has passed this week and it has not gone out
    /// (SPEC section 5): once per week, recorded in the store. A failure is logged and
    /// recorded, and the next cycle tries again; nothing here fails the cycle. A dry run
    /// only says it would send.
    async fn weekly_report(&mut self, now: DateTime<Utc>) {
        let key = self.key.clone();
        let store = Arc::clone(&self.store);
        let sent = move |week: crate::report::Week| {
            let guard = store.lock().unwrap_or_else(|p| p.into_inner());
            // A store that cannot answer is taken as "sent": never a mail every cycle.
            guard.report_sent(&key, &week.label()).unwrap_or(true)
        };
        let Some(week) = crate::report::due(&self.policy, now, sent) else {
            return;
        };
        let label = week.label();
        // Without a [mail] table the report is not mailed at all: nothing to retry or warn
        // about every cycle (`focusd report` still writes it).
        match crate::mail::Settings::configured(self.opts.flags.config.as_deref()) {
            Ok(Some(_)) => {}
            Ok(None) => {
                debug!(week = %label, "the weekly report is due, but [mail] is not set up");
                return;
            }
            Err(e) => {
                warn!(week = %label, "weekly report not sent: {}", escape(&e));
                return;
            }
        }
        if self.opts.dry_run {
            info!(week = %label, "dry run: the weekly report is due; nothing is sent");
            return;
        }
        let Some(attempts) = self.attempts(&self.key, &label).await else {
            return;
        };
        let outcome = self.mail_report(week, now, attempts).await;
        let (key, wall, error) = (
            self.key.clone(),
            self.wall(),
            outcome.as_ref().err().cloned(),
        );
        let week_label = label.clone();
        let attempts = self
            .db(move |s| s.report_attempt(&key, &week_label, error.as_deref(), wall))
            .await;
        match (outcome, attempts) {
            (Ok(to), _) => info!(week = %label, to = %escape(&to), "weekly report sent"),
            (Err(e), attempts) => warn!(
                week = %label,
                attempts = attempts.unwrap_or(0),
                "weekly report not sent, trying again next cycle: {}",
                escape(&e)
            ),
        }
    }

    /// Mails the team report to `report.team_to` when the policy lists `[team] members`, at
    /// the personal report's slot: once per team and week, recorded in the store under
    /// `team::store_key` (never a calendar's key), retried by later cycles after a failure,
    /// nothing in a dry run. The members' calendars: `[team] calendars`, else Google by
    /// delegation (`team::Source`). Nothing here fails the cycle.
    async fn team_report(&mut self, now: DateTime<Utc>) {
        if self.policy.team.members.is_empty() || self.policy.report.team_to.is_empty() {
            return;
        }
        let key = crate::team::store_key(&self.policy);
        let store = Arc::clone(&self.store);
        let sent_key = key.clone();
        let sent = move |week: crate::report::Week| {
            let guard = store.lock().unwrap_or_else(|p| p.into_inner());
            guard.report_sent(&sent_key, &week.label()).unwrap_or(true)
        };
        let Some(week) = crate::report::team_due(&self.policy, now, sent) else {
            return;
        };
        let label = week.label();
        match crate::mail::Settings::configured(self.opts.flags.config.as_deref()) {
            Ok(Some(_)) => {}
            Ok(None) => {
                debug!(week = %label, "the team report is due, but [mail] is not set up");
                return;
            }
            Err(e) => {
                warn!(week = %label, "team report not sent: {}", escape(&e));
                return;
            }
        }
        let source = match crate::config::Config::load(self.opts.flags.config.as_deref()) {
            Ok(config) => crate::team::Source::resolve(None, &config),
            Err(e) => {
                warn!(week = %label, "team report not sent: {}", escape(&e));
                return;
            }
        };
        let Some(source) = source else {
            debug!(
                week = %label,
                "the team report is due, but neither [team] calendars nor [google] is set up"
            );
            return;
        };
        if self.opts.dry_run {
            info!(week = %label, "dry run: the team report is due; nothing is sent");
            return;
        }
        let Some(attempts) = self.attempts(&key, &label).await else {
            return;
        };
        let outcome = self
            .mail_team_report(&source, week, now, (&key, attempts))
            .await;
        let (wall, error) = (self.wall(), outcome.as_ref().err().cloned());
        let week_label = label.clone();
        let attempts = self
            .db(move |s| s.report_attempt(&key, &week_label, error.as_deref(), wall))
            .await;
        match (outcome, attempts) {
            (Ok(to), _) => info!(week = %label, to = %escape(&to), "team report sent"),
            (Err(e), attempts) => warn!(
                week = %label,
                attempts = attempts.unwrap_or(0),
                "team report not sent, trying again next cycle: {}",
                escape(&e)
            ),
        }
    }

    /// The attempts the store has recorded to mail the report of `week` under `key`, which
    /// the Message-ID of the next one is made of (`mail::Id::Attempt`); `None`, after a
    /// warning, when the store cannot answer: then nothing is sent (as for `report_sent`,
    /// never a mail every cycle).
    async fn attempts(&self, key: &str, week: &str) -> Option<i64> {
        let (key, week) = (key.to_string(), week.to_string());
        let label = week.clone();
        match self.db(move |s| s.report_attempts(&key, &week)).await {
            Ok(n) => Some(n),
            Err(e) => {
                warn!(week = %label, "report not sent: the store cannot say its attempts: {e}");
                None
            }
        }
    }

    /// Reads the members' calendars for `week`, builds the team report and mails it, its
    /// Message-ID of `attempt` (the team's store key and the attempts recorded before);
    /// returns the recipients. Members left out are logged by address (never their events).
    async fn mail_team_report(
        &self,
        source: &crate::team::Source,
        week: crate::report::Week,
        now: DateTime<Utc>,
        attempt: (&str, i64),
    ) -> Result<String, String> {
        let settings = crate::mail::Settings::from_config(self.opts.flags.config.as_deref())
            .map_err(|e| e.to_string())?;
        let to =
            crate::mail::team_recipients(&self.policy, &self.opts.me).map_err(|e| e.to_string())?;
        let members = crate::team::read(source, &self.policy, week)
            .await
            .map_err(|e| format!("reading the members' calendars: {e}"))?;
        for m in &members.missing {
            warn!(member = %escape(m), "team report: no calendar for this member");
        }
        for (m, why) in &members.unreadable {
            warn!(
                member = %escape(m),
                "team report: this member's calendar cannot be read: {}",
                escape(why)
            );
        }
        let report = members.report(&self.policy, week);
        let id = crate::mail::Id::Attempt {
            key: attempt.0,
            attempts: attempt.1,
        };
        let message = crate::mail::compose(&settings, &to, crate::team::parts(&report), now, id)
            .map_err(|e| e.to_string())?;
        crate::mail::send(&settings, message)
            .await
            .map_err(|e| e.to_string())?;
        Ok(to.join(", "))
    }

    /// Builds the report of `week` from the calendar and the audit log, and mails it, its
    /// Message-ID of the calendar's key and the `attempts` recorded before; returns the
    /// recipients.
    async fn mail_report(
        &mut self,
        week: crate::report::Week,
        now: DateTime<Utc>,
        attempts: i64,
    ) -> Result<String, String> {
        let settings = crate::mail::Settings::from_config(self.opts.flags.config.as_deref())
            .map_err(|e| e.to_string())?;
        let to = crate::mail::recipients(&self.policy, &self.opts.me).map_err(|e| e.to_string())?;
        let (from, until) = crate::report::read_range(&self.policy, week);
        let snapshot = self
            .backend
            .sync(from, until)
            .await
            .map_err(|e| format!("reading the calendar: {e}"))?;
        let (key, range) = (self.key.clone(), week.range(&self.policy));
        let (audit, acted) = self
            .db(move |s| {
                let audit: Vec<crate::report::Audit> = s
                    .log()?
                    .into_iter()
                    .filter(|r| r.calendar == key)
                    .map(crate::report::Audit::from)
                    .collect();
                Ok((audit, s.acted_between(range.0, range.1).unwrap_or(0)))
            })
            .await
            .map_err(|e| e.to_string())?;
        let report = crate::report::build(
            &snapshot.instances,
            &self.policy,
            &self.opts.me,
            week,
            &audit,
            acted,
        );
        let id = crate::mail::Id::Attempt {
            key: &self.key,
            attempts,
        };
        let message =
            crate::mail::message(&settings, &to, &report, now, id).map_err(|e| e.to_string())?;
        crate::mail::send(&settings, message)
            .await
            .map_err(|e| e.to_string())?;
        Ok(to.join(", "))
    }

    /// What pauses and resumes the desktop's notifications, apart from the daemon (a stop
    /// resumes them while a cycle may still hold the daemon).
    pub fn pause(&self) -> Pause {
        Pause {
            store: Arc::clone(&self.store),
            switch: Arc::clone(&self.dnd),
            wall: Arc::clone(&self.wall),
        }
    }

    /// Pauses the desktop's notifications with `switch` from now on.
    pub fn set_dnd(&mut self, switch: crate::dnd::Switch) {
        self.dnd = Arc::new(Mutex::new(switch));
    }

    /// Reads the calendar from the start of today to the end of the horizon (a year past
    /// it on the first sync) and logs what could not be read.
    async fn sync(&mut self, now: DateTime<Utc>) -> Result<Synced, CycleError> {
        let zone = self.policy.zone();
        let today = model::local_date(zone, now);
        let (range, _) = planner::horizon(&self.policy, now);
        let day_start = model::local_instant(zone, today, NaiveTime::MIN);
        let to = model::instant(range.end);
        // The first sync looks a year ahead, so that the first-start rule knows every
        // invitation that was already there, not only those inside the horizon.
        let key = self.key.clone();
        let first = self
            .db(move |s| Ok(s.sync_info(&key)?.and_then(|i| i.first_sync).is_none()))
            .await?;
        let reach = if first {
            to + chrono::Duration::days(FIRST_SYNC_DAYS)
        } else {
            to
        };
        let snapshot = self.backend.sync(day_start, reach).await?;
        let unreadable: Vec<String> = snapshot
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.to_string())
            .collect();
        for d in snapshot
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
        {
            warn!(calendar = %escape(&self.key), "{}", escape(d));
        }
        // An event that cannot be read only ever makes focusd do less (SPEC section 3): the
        // rest of the calendar is still protected (declines, withdrawals, nudges), but no
        // block is booked or moved while an event of unknown time could be where it lands.
        // Each problem is logged when it first appears, and `status` shows them all.
        if unreadable != self.broken {
            for b in unreadable.iter().filter(|b| !self.broken.contains(b)) {
                error!(calendar = %escape(&self.key), "cannot read an event, acting on the rest: {}", escape(b));
            }
            self.broken = unreadable.clone();
        }
        Ok(Synced {
            snapshot,
            day_start,
            reach,
            unreadable,
        })
    }

    /// What the store remembers for this cycle. The first sync of a calendar remembers
    /// which invitations (and series) were already there; a dry run writes nothing and
    /// counts them as remembered.
    async fn recall(&self, synced: &Synced, now: DateTime<Utc>) -> Result<Recalled, CycleError> {
        let me = &self.opts.me;
        let invitations: Vec<String> = Timeline::new(&synced.snapshot.instances, me)
            .instances
            .iter()
            .filter(|i| triage::is_invitation(i, me, now, synced.reach))
            .flat_map(actions::invitation_keys)
            .collect();
        let (key, dry, day_start, wall) = (
            self.key.clone(),
            self.opts.dry_run,
            synced.day_start,
            self.wall(),
        );
        let recalled = self
            .db(move |s| {
                if !dry {
                    s.first_sync(&key, &invitations, wall)?;
                }
                let mut memory = s.memory(&key, day_start)?;
                if dry && s.sync_info(&key)?.and_then(|i| i.first_sync).is_none() {
                    memory.existing.extend(invitations);
                }
                memory.wall_clock = Some(wall);
                let (leftovers, nudges_given) = if dry {
                    (Vec::new(), 0)
                } else {
                    let unfinished = s.unfinished()?;
                    let hour_ago = wall - chrono::Duration::hours(1);
                    (
                        unfinished.into_iter().map(Leftover::from).collect(),
                        s.nudges_since(hour_ago)?,
                    )
                };
                Ok(Recalled {
                    memory,
                    leftovers,
                    nudges_given,
                })
            })
            .await?;
        Ok(recalled)
    }

    /// Records one step of the plan: answers the intent to apply (with its id in the
    /// store), if the step has one.
    async fn take(&mut self, step: Step) -> Result<Option<(i64, Intent)>, CycleError> {
        match step {
            Step::Resume { id, intent } => return Ok(Some((id, intent))),
            Step::Apply(intent) => {
                let (key, stored, at) = (self.key.clone(), intent.clone(), self.wall());
                let id = self.db(move |s| s.intent(&key, &stored, at, None)).await?;
                return Ok(Some((id, intent)));
            }
            Step::FoundDone { id } => {
                let at = self.wall();
                self.db(move |s| s.finish(id, Status::Done, "done (found done on restart)", at))
                    .await?;
            }
            Step::Abandon { id, kind } => {
                info!(id, kind, "abandoned: no longer wanted after a restart");
                let at = self.wall();
                self.db(move |s| {
                    s.finish(
                        id,
                        Status::Abandoned,
                        "no longer wanted after a restart",
                        at,
                    )
                })
                .await?;
            }
            // Another focusd process recorded it and still runs: it is applying it now (the
            // write lock makes this rare: see `state`).
            Step::LeaveAlone { id, kind, pid } => {
                info!(
                    id,
                    kind, pid, "left alone: another focusd process is applying it"
                );
            }
            Step::Trip { why, nudge } => {
                let (key, reason, stored, at) =
                    (self.key.clone(), why.clone(), nudge.clone(), self.wall());
                let recorded = self
                    .db(move |s| s.trip_with_nudge(&key, &reason, &stored, at))
                    .await?;
                if let Some(id) = recorded {
                    warn!(calendar = %escape(&self.key), "{}", escape(&why));
                    return Ok(Some((id, nudge)));
                }
            }
        }
        Ok(None)
    }

    /// Holds the notices that the actions `done` leave for the user (SPEC section 4), then
    /// shows what the natural-break rule lets through at `now` (the core's now) and drops
    /// what has expired. What waits is in the store, so it survives a restart.
    async fn notify(
        &mut self,
        done: &[(i64, Intent)],
        instances: &[crate::event::Instance],
        now: DateTime<Utc>,
    ) -> Result<(), CycleError> {
        let timeline = Timeline::new(instances, &self.opts.me);
        let fresh: Vec<(String, nudges::Held)> = done
            .iter()
            .filter_map(|(id, i)| {
                nudges::notice_of(*id, &i.action, &i.reason, &timeline, &self.policy)
            })
            .collect();
        let (key, wall) = (self.key.clone(), self.wall());
        let (held, shown) = self
            .db(move |s| {
                for (subject, h) in &fresh {
                    s.hold(&key, h.kind, subject, h, wall)?;
                }
                Ok((
                    s.held(&key)?,
                    s.shown_since(wall - chrono::Duration::hours(1))?,
                ))
            })
            .await?;
        if held.is_empty() {
            return Ok(());
        }
        let moment = nudges::moment(&timeline, &self.policy, now);
        let waited = nudges::waited(&timeline, &self.policy, now);
        let release = nudges::release(
            &held,
            &moment,
            waited,
            now,
            shown,
            self.policy.nudges.max_per_hour,
        );
        if !release.keep.is_empty() {
            debug!(
                held = release.keep.len(),
                until = ?moment.next_break(),
                "notices wait for a break: {}",
                moment.describe()
            );
        }
        let mut marks = Vec::new();
        if !release.dropped.is_empty() {
            let titles: Vec<String> = held
                .iter()
                .filter(|h| release.dropped.contains(&h.id))
                .map(|h| format!("\"{}\"", nudges::plain(&h.title)))
                .collect();
            info!(
                target: "focusd::nudge",
                dropped = release.dropped.len(),
                "nudges dropped: their meeting has begun: {}",
                escape(titles.join(", "))
            );
            marks.push((release.dropped, "dropped", None));
        }
        for notice in &release.show {
            let shown = match self.desktop.show(notice) {
                Shown::Desktop { id, server } => Some((id, server)),
                Shown::Logged => None,
            };
            marks.push((notice.ids.clone(), "shown", shown));
        }
        let at = self.wall();
        self.db(move |s| {
            for (ids, state, shown) in marks {
                let shown = shown.as_ref().map(|(id, server)| (*id, server.as_str()));
                s.mark_notices(&ids, state, shown, at)?;
            }
            Ok(())
        })
        .await?;
        Ok(())
    }

    /// Applies recorded intents, in order (the calendar's writes as one batch), and records
    /// each outcome; returns those done.
    async fn apply(
        &mut self,
        recorded: Vec<(i64, Intent)>,
        report: &mut CycleReport,
    ) -> Result<Vec<(i64, Intent)>, CycleError> {
        let writes: Vec<Option<Write<'_>>> =
            recorded.iter().map(|(_, i)| Write::of(&i.action)).collect();
        let batch: Vec<Write<'_>> = writes.iter().flatten().copied().collect();
        let mut outcomes = self.backend.write_all(&batch).await.into_iter();
        let results: Vec<Result<Written, BackendError>> = writes
            .iter()
            .map(|w| match w {
                Some(_) => outcomes.next().unwrap_or_else(|| {
                    Err(BackendError::Permanent(
                        "the calendar gave no outcome for this write".into(),
                    ))
                }),
                // A nudge writes nothing: it becomes a notice (see `notify`).
                None => Ok(Written::Done),
            })
            .collect();
        let mut done = Vec::new();
        for ((id, intent), result) in recorded.into_iter().zip(results) {
            let ok = result.is_ok();
            self.record(id, &intent, result, report).await?;
            if ok {
                done.push((id, intent));
            }
        }
        Ok(done)
    }

    /// Records the outcome of one intent.
    async fn record(
        &mut self,
        id: i64,
        intent: &Intent,
        result: Result<Written, BackendError>,
        report: &mut CycleReport,
    ) -> Result<(), CycleError> {
        let at = self.wall();
        let (status, text) = match &result {
            Ok(Written::Done) => (Status::Done, "done".to_string()),
            Ok(Written::AlreadyDone) => (Status::Done, "done (already so)".to_string()),
            Err(e) => (Status::Failed, e.to_string()),
        };
        match &result {
            Ok(_) => {
                report.applied += 1;
                info!(
                    id,
                    kind = intent.action.kind(),
                    subject = %escape(intent.action.subject()),
                    reason = %escape(&intent.reason),
                    "{}",
                    escape(describe(&intent.action))
                );
            }
            Err(e) => {
                error!(
                    id,
                    kind = intent.action.kind(),
                    subject = %escape(intent.action.subject()),
                    "failed: {}",
                    escape(e)
                );
                report.failed.push(Failed {
                    id,
                    kind: intent.action.kind(),
                    subject: intent.action.subject(),
                    error: text.clone(),
                });
            }
        }
        self.db(move |s| s.finish(id, status, &text, at)).await?;
        Ok(())
    }

    /// Carries out a click on a notification's button (SPEC section 4), as the store
    /// remembers what that notification showed, so a click after a restart works too: Undo
    /// is `focusd undo ID` (the same checks, recorded the same way); Suggest async opens the
    /// drafted mail to the organizer; Dismiss puts the nudge away for good. Each is recorded
    /// in the audit log. A click on anything else (another program's notification, a
    /// notification already answered, a server that did not show it) does nothing.
    ///
    /// Runs on a blocking thread, outside the runtime: `handle` drives the calendar.
    pub fn answer(
        &mut self,
        handle: &tokio::runtime::Handle,
        answer: &notify::Answer,
    ) -> Result<(), CycleError> {
        let notify::Answered::Action(button) = &answer.what else {
            debug!(notification = answer.notification, "a notification closed");
            return Ok(());
        };
        let store = Arc::clone(&self.store);
        let store = store.lock().unwrap_or_else(|p| p.into_inner());
        let shown = store.notices_of(&answer.server, answer.notification)?;
        let Some(reply) = nudges::reply(&shown, button) else {
            debug!(
                notification = answer.notification,
                button = %escape(button),
                "a click that asks for nothing"
            );
            return Ok(());
        };
        let wall = Arc::clone(&self.wall);
        let wall = move || wall();
        match reply {
            nudges::Reply::Undo { notice, action } => {
                let undone = crate::undo::undoable(&store, action).and_then(|record| {
                    if record.calendar != self.key {
                        return Err(Error::Usage(format!(
                            "action {action} was taken on another calendar"
                        )));
                    }
                    let me = crate::undo::answerer(&record, &self.opts.me)?;
                    let why = format!("undo of action {action} (from the desktop)");
                    let asked = crate::undo::Asked {
                        force: false,
                        why: &why,
                        wall: &wall,
                    };
                    handle.block_on(crate::undo::undo(
                        &store,
                        &mut self.backend,
                        &record,
                        &self.policy,
                        &me,
                        asked,
                    ))
                });
                let state = match undone {
                    Ok(crate::undo::Undone::Done { new_id }) => {
                        info!(
                            target: "focusd::nudge",
                            id = new_id,
                            "undone from the desktop: action {action}"
                        );
                        Some("acted")
                    }
                    Ok(crate::undo::Undone::Refused(why)) => {
                        warn!(
                            target: "focusd::nudge",
                            "action {action} not undone: {}",
                            crate::text::shorten(&why, 300)
                        );
                        Some("acted")
                    }
                    // Tried again on the next click.
                    Ok(crate::undo::Undone::Failed(e)) => {
                        error!(target: "focusd::nudge", "undo of action {action} failed: {}", escape(e));
                        None
                    }
                    Err(Error::Store(e)) => return Err(CycleError::Store(e)),
                    Err(e) => {
                        warn!(target: "focusd::nudge", "action {action} not undone: {}", escape(e));
                        Some("acted")
                    }
                };
                if let Some(state) = state {
                    store.mark_notices(&[notice], state, None, wall())?;
                }
            }
            nudges::Reply::SuggestAsync { notice, to, mailto } => {
                let Some(intent) =
                    reply_to(&store, &shown, crate::actions::Reply::SuggestAsync { to })?
                else {
                    return Ok(());
                };
                let id = store.intent(&self.key, &intent, wall(), None)?;
                let (status, text) = match self.opener.open(&mailto) {
                    Ok(()) => (Status::Done, "done: a drafted mail opened".to_string()),
                    Err(e) => (Status::Failed, e),
                };
                info!(
                    target: "focusd::nudge",
                    id,
                    "{}: {}",
                    escape(describe(&intent.action)),
                    escape(&text)
                );
                store.finish(id, status, &text, wall())?;
                store.mark_notices(&[notice], "acted", None, wall())?;
            }
            nudges::Reply::Dismiss { notice } => {
                let Some(intent) = reply_to(&store, &shown, crate::actions::Reply::Dismiss)? else {
                    return Ok(());
                };
                let id = store.intent(&self.key, &intent, wall(), None)?;
                store.finish(id, Status::Done, "done", wall())?;
                info!(target: "focusd::nudge", id, "{}", escape(describe(&intent.action)));
                store.mark_notices(&[notice], "dismissed", None, wall())?;
            }
        }
        Ok(())
    }

    /// Shows notices on `desktop` from now on.
    pub fn set_desktop(&mut self, desktop: impl Desktop + 'static) {
        self.desktop = Box::new(desktop);
    }

    pub fn set_policy(&mut self, policy: Policy) {
        self.backend
            .configure(&crate::settings::for_backend(&policy));
        self.policy = policy;
    }

    pub fn calendar_key(&self) -> &str {
        &self.key
    }

    pub fn calendar(&self) -> &CalendarKey {
        &self.calendar
    }
}

/// Do Not Disturb during focus blocks (SPEC section 4): the desktop's switch and what the
/// store remembers of focusd's pause.
pub struct Pause {
    store: Arc<Mutex<Store>>,
    switch: Arc<Mutex<crate::dnd::Switch>>,
    wall: WallClock,
}

impl Pause {
    /// Carries out `nudges::dnd` for now: `enabled` (`nudges.pause_desktop`), `focus` (the
    /// running block's end), `stopping` (the daemon ends: resume what focusd paused). The
    /// store is written before a pause and after a resume, so a crash in between never
    /// leaves a pause focusd forgot it made. A desktop that fails is logged, never fails
    /// the cycle. Blocking.
    pub fn set(
        &self,
        enabled: bool,
        focus: Option<DateTime<Utc>>,
        stopping: bool,
    ) -> Result<(), StoreError> {
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let mut remembered = store.paused()?;
        if remembered.is_none() && (!enabled || focus.is_none() || stopping) {
            return Ok(());
        }
        let mut switch = self.switch.lock().unwrap_or_else(|p| p.into_inner());
        let Some(pauser) = switch.pauser(remembered.as_ref().map(|(d, _)| d.as_str())) else {
            return Ok(());
        };
        let name = pauser.name();
        let paused_now = match pauser.is_paused() {
            Ok(p) => p,
            Err(e) => {
                warn!(
                    "cannot ask {name} whether its notifications are paused: {}",
                    escape(e)
                );
                return Ok(());
            }
        };
        let now = (self.wall)();
        // KDE Plasma ended the pause of an earlier run with it: forgotten, so that a block
        // still running is paused again (else it would read as the user's resume).
        if remembered
            .as_ref()
            .is_some_and(|(d, p)| p.held && d == name)
            && !pauser.may_hold_earlier_pause()
        {
            info!("{name}: the pause of an earlier run ended with it");
            store.set_paused(None, now)?;
            remembered = None;
        }
        let before = remembered.as_ref().map(|(_, p)| p);
        match nudges::dnd(enabled, focus, stopping, before, paused_now) {
            nudges::Dnd::LeaveAlone => {}
            nudges::Dnd::Pause { until } => {
                let pause = nudges::Paused { until, held: true };
                store.set_paused(Some((name, &pause)), now)?;
                match pauser.set_paused(true) {
                    Ok(()) => info!("{name}: notifications paused for the focus block"),
                    Err(e) => {
                        warn!("cannot pause {name}'s notifications: {}", escape(e));
                        store.set_paused(None, now)?;
                    }
                }
            }
            nudges::Dnd::Extend { until } => {
                store.set_paused(Some((name, &nudges::Paused { until, held: true })), now)?;
            }
            nudges::Dnd::Restore => match pauser.set_paused(false) {
                Ok(()) => {
                    info!("{name}: notifications resumed");
                    store.set_paused(None, now)?;
                }
                // Tried again at the next cycle or start.
                Err(e) => warn!("cannot resume {name}'s notifications: {}", escape(e)),
            },
            nudges::Dnd::Yield => {
                info!("{name}: notifications resumed by the user; left so until the block ends");
                if let Some(p) = before {
                    let left = nudges::Paused {
                        until: p.until,
                        held: false,
                    };
                    store.set_paused(Some((name, &left)), now)?;
                }
            }
            nudges::Dnd::Forget => store.set_paused(None, now)?,
        }
        Ok(())
    }

    /// Resumes what focusd paused, as the daemon stops (on the blocking pool, for at most
    /// a few seconds: past that the next start resumes them).
    pub async fn release(&self) {
        let pause = Pause {
            store: Arc::clone(&self.store),
            switch: Arc::clone(&self.switch),
            wall: Arc::clone(&self.wall),
        };
        let task = tokio::task::spawn_blocking(move || pause.set(false, None, true));
        match tokio::time::timeout(Duration::from_secs(3), task).await {
            Ok(Ok(Err(e))) => warn!("cannot resume the desktop's notifications: {}", escape(e)),
            Err(_) => warn!("the desktop's notifications are resumed at the next start"),
            _ => {}
        }
    }
}

/// The audit log's record of the user's `reply` to the one nudge `shown` shows: about the
/// nudge's key, title and time, as the nudge was recorded.
fn reply_to(
    store: &Store,
    shown: &[nudges::Held],
    reply: crate::actions::Reply,
) -> Result<Option<Intent>, StoreError> {
    let [held] = shown else { return Ok(None) };
    let Some(record) = store.record(held.action)? else {
        return Ok(None);
    };
    let Action::Nudge {
        key,
        summary,
        start,
        ..
    } = record.action
    else {
        return Ok(None);
    };
    let reason = format!("clicked on the desktop (nudge {})", held.action);
    Ok(Some(Intent {
        action: Action::Reply {
            key,
            summary,
            start,
            reply,
        },
        reason,
    }))
}

/// The next read-ahead deadline (T-24h of a brainstorm still waiting for a document).
fn next_deadline(decisions: &[triage::Decision], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    decisions
        .iter()
        .filter(|d| d.rule == triage::Rule::ReadAhead)
        .map(|d| d.start - chrono::Duration::hours(24))
        .filter(|t| *t > now)
        .min()
}

/// How far past the horizon the first sync looks for invitations that were already there.
const FIRST_SYNC_DAYS: i64 = 365;

/// How long a stop (SIGTERM, SIGINT) waits for the cycle under way to reach the end of an
/// action; past that the cycle is left to the process exit, and what it had not finished
/// is reconciled at the next start.
const STOP_GRACE: Duration = Duration::from_millis(500);

/// How often a cycle that is still running says so.
const SLOW_CYCLE: Duration = Duration::from_secs(600);

/// `focusd run`: loops until SIGTERM (or once), and says how it ended.
///
/// `open` reaches the calendar; it is awaited with the watchdog already pinging (signing in
/// to Google can take a while). The watchdog is pinged from a task of its own for the whole
/// run, so a long cycle is never taken for a hang. Every trigger reaches the loop as an
/// [`Event`] on one channel. Each cycle runs on tokio's blocking pool (under the state
/// folder's write lock, unless a dry run), so that neither a blocking read (a calendar on a
/// hung mount, a slow server) nor a long computation holds the runtime: the loop races the
/// cycle against SIGTERM and SIGINT, which stop the daemon within a second.
pub async fn run<C, F>(
    mut opts: Options,
    policy: Policy,
    store: Store,
    open: F,
) -> Result<Ended, Error>
where
    C: Calendar + Send + 'static,
    F: std::future::Future<Output = Result<C, Error>>,
{
    let notifier = Arc::new(Notifier::from_env());
    let _watchdog = systemd::Watchdog::start(Arc::clone(&notifier));
    let mut events = Events::new();
    let stop = Arc::new(AtomicBool::new(false));
    events::listen_for_signals(events.sender(), Arc::clone(&stop));
    // Signals are honoured while the calendar is reached too; a reload asked meanwhile is
    // done once there is a daemon to reload.
    let mut next = Event::Tick;
    tokio::pin!(open);
    let backend = loop {
        tokio::select! {
            backend = &mut open => break backend?,
            event = events.next(None) => match event {
                Event::Stop => return Ok(stopping(&notifier)),
                Event::Reload | Event::FileChanged(_) => next = Event::Reload,
                // Nothing is shown before the first cycle: a click is on an earlier run's
                // notification, and waits for the daemon.
                Event::Desktop(answer) => next = Event::Desktop(answer),
                Event::Tick => {}
            }
        }
    };
    let mut _watcher = events::watch_files(&opts.watched, events.sender());
    let mut daemon = Daemon::new(opts.clone(), policy, store, backend);
    daemon.set_desktop(notify::Bus);
    if !opts.dry_run {
        daemon.set_dnd(crate::dnd::Switch::find());
    }
    let pause = daemon.pause();
    // Clicks on notifications, this run's and earlier runs' (the store knows what each
    // showed): only a daemon that stays listens.
    let _listener = (!opts.once && !opts.dry_run).then(|| {
        let tx = events.sender();
        tokio::spawn(notify::listen(move |answer| {
            let _ = tx.send(Event::Desktop(answer));
        }))
    });
    let mut answers: Vec<notify::Answer> = Vec::new();
    let mut pace = Pace::default();
    let mut first = true;
    loop {
        match next {
            Event::Tick => {}
            Event::Stop => {
                stop.store(true, Ordering::SeqCst);
                pause.release().await;
                return Ok(stopping(&notifier));
            }
            Event::Reload | Event::FileChanged(_) => {
                if let Event::FileChanged(path) = &next {
                    debug!(path = %escape(path.display()), "changed");
                }
                // A reload is followed by a cycle under the new policy at once; the files it
                // names from now on are the ones watched.
                if reload(&mut daemon, &mut opts, &notifier) {
                    _watcher = events::watch_files(&opts.watched, events.sender());
                }
                next = Event::Tick;
                continue;
            }
            // A click: carried out, then a cycle (an undone decline is left alone from now
            // on, as after `focusd undo`).
            Event::Desktop(answer) => answers.push(answer),
        }
        for answer in answers.drain(..) {
            match answer_off_the_runtime(daemon, answer, &opts, &stop, &mut events).await {
                Some(back) => daemon = back,
                None => {
                    pause.release().await;
                    return Ok(stopping(&notifier));
                }
            }
        }
        let now = opts.now.unwrap_or_else(clock::now);
        let Some(Cycled {
            daemon: back,
            outcome,
            reload: reload_asked,
        }) = cycle_off_the_runtime(daemon, now, &opts, &stop, &mut events, &mut answers).await
        else {
            pause.release().await;
            return Ok(stopping(&notifier));
        };
        daemon = back;
        if stop.load(Ordering::SeqCst) {
            pause.release().await;
            return Ok(stopping(&notifier));
        }
        let next_due = settle(&daemon, &outcome, &opts, &notifier).await;
        pace.after(&outcome);
        if first {
            notifier.ready("first cycle done");
            first = false;
        }
        if opts.once {
            return Ok(Ended::Once(outcome));
        }
        next = if reload_asked {
            // A change to the policy or the configuration during the cycle.
            Event::Reload
        } else if let Some(answer) = answers.pop() {
            // A click during the cycle (the others are still in `answers`).
            Event::Desktop(answer)
        } else {
            events
                .next(Some(pace.sleep(opts.interval, next_due, clock::now())))
                .await
        };
    }
}

/// Says the daemon stops (to systemd and the log).
fn stopping(notifier: &Notifier) -> Ended {
    notifier.stopping();
    info!("stopping");
    Ended::Stopped
}

/// What follows a cycle: the dry run's plan printed, the sync's outcome recorded, the
/// status told to systemd. Returns when something is next due.
async fn settle<C: Calendar>(
    daemon: &Daemon<C>,
    outcome: &Result<CycleReport, CycleError>,
    opts: &Options,
    notifier: &Notifier,
) -> Option<DateTime<Utc>> {
    let key = daemon.calendar_key().to_string();
    match outcome {
        Ok(report) => {
            if opts.dry_run {
                for i in &report.planned {
                    println!(
                        "{}  ({})",
                        describe(&i.action),
                        crate::text::shorten(&i.reason, 160)
                    );
                }
                if report.planned.is_empty() {
                    println!("nothing to do");
                }
            } else {
                let (unreadable, at) = (report.unreadable.join("\n"), daemon.wall());
                let _ = daemon
                    .db(move |s| {
                        s.synced(&key, None, at)?;
                        s.unreadable(&key, &unreadable)
                    })
                    .await;
            }
            notifier.status(&format!(
                "last cycle: {} applied, {} failed",
                report.applied,
                report.failed.len()
            ));
            report.next_due
        }
        Err(e) => {
            error!(
                calendar = %escape(&key),
                "cycle failed, trying again later: {}",
                escape(e)
            );
            if !opts.dry_run {
                let (msg, at) = (e.to_string(), daemon.wall());
                let _ = daemon.db(move |s| s.synced(&key, Some(&msg), at)).await;
            }
            notifier.status(&format!("last cycle failed: {}", escape(e)));
            None
        }
    }
}

/// How long the loop waits between cycles: quiet calendars and failing syncs are polled
/// less often, up to 8x the interval; a read-ahead deadline comes sooner.
#[derive(Debug, Default)]
struct Pace {
    /// Cycles failed in a row.
    failures: u32,
    /// Cycles in a row that applied and failed nothing.
    quiet: u32,
}

impl Pace {
    fn after(&mut self, outcome: &Result<CycleReport, CycleError>) {
        match outcome {
            Ok(report) => {
                self.failures = 0;
                self.quiet = if report.applied == 0 && report.failed.is_empty() {
                    self.quiet + 1
                } else {
                    0
                };
            }
            Err(_) => self.failures += 1,
        }
    }

    fn sleep(
        &self,
        interval: Duration,
        next_due: Option<DateTime<Utc>>,
        wall: DateTime<Utc>,
    ) -> Duration {
        let factor = 1u32 << self.failures.max(self.quiet / 10).min(3);
        let mut sleep = interval * factor;
        if let Some(due) = next_due
            && let Ok(d) = (due - wall).to_std()
        {
            sleep = sleep.min(d.max(Duration::from_secs(1)));
        }
        sleep
    }
}

/// A cycle run by [`cycle_off_the_runtime`] that was not stopped.
struct Cycled<C> {
    daemon: Daemon<C>,
    outcome: Result<CycleReport, CycleError>,
    /// A reload was asked for while the cycle ran.
    reload: bool,
}

/// Runs one cycle on tokio's blocking pool, under the write lock (unless a dry run), while
/// the runtime stays free for signals, reloads asked meanwhile and the watchdog task.
/// `None` when a signal stopped the daemon: the cycle ended at an action's end within
/// [`STOP_GRACE`], or was left to the process exit.
async fn cycle_off_the_runtime<C: Calendar + Send + 'static>(
    mut daemon: Daemon<C>,
    now: DateTime<Utc>,
    opts: &Options,
    stop: &Arc<AtomicBool>,
    events: &mut Events,
    answers: &mut Vec<notify::Answer>,
) -> Option<Cycled<C>> {
    let handle = tokio::runtime::Handle::current();
    let flag = Arc::clone(stop);
    let writes = (!opts.dry_run).then(|| opts.state_dir.clone());
    let mut task = tokio::task::spawn_blocking(move || {
        // An undo waits for the cycle, and the cycle for an undo (see `state`).
        let outcome = match writes
            .map(|dir| crate::state::lock_writes(&dir))
            .transpose()
        {
            Ok(_writing) => handle.block_on(daemon.cycle(now, &|| flag.load(Ordering::SeqCst))),
            Err(e) => Err(CycleError::Lock(e)),
        };
        (daemon, outcome)
    });
    let mut reload = false;
    let started = tokio::time::Instant::now();
    let mut slow = tokio::time::interval_at(started + SLOW_CYCLE, SLOW_CYCLE);
    loop {
        tokio::select! {
            joined = &mut task => return match joined {
                Ok((daemon, outcome)) => Some(Cycled { daemon, outcome, reload }),
                Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                Err(_) => None,
            },
            event = events.next(None) => match event {
                // Taken after the cycle.
                Event::Reload | Event::FileChanged(_) => reload = true,
                Event::Desktop(answer) => answers.push(answer),
                Event::Stop => {
                    stop.store(true, Ordering::SeqCst);
                    if tokio::time::timeout(STOP_GRACE, &mut task).await.is_err() {
                        warn!(
                            "stopping in the middle of a cycle; what it had not finished is \
                             picked up at the next start"
                        );
                    }
                    return None;
                }
                // The loop's timer does not run during a cycle.
                Event::Tick => {}
            },
            _ = slow.tick() => warn!(
                "a cycle has been running for {} minutes: the calendar is slow to read or write",
                started.elapsed().as_secs() / 60
            ),
        }
    }
}

/// Carries out one click on a notification ([`Daemon::answer`]) on tokio's blocking pool,
/// under the write lock, as a cycle runs. `None` when a signal stopped the daemon
/// meanwhile; other events wait for the next cycle (a reload is then taken as a file
/// change, a click queued).
async fn answer_off_the_runtime<C: Calendar + Send + 'static>(
    mut daemon: Daemon<C>,
    answer: notify::Answer,
    opts: &Options,
    stop: &Arc<AtomicBool>,
    events: &mut Events,
) -> Option<Daemon<C>> {
    let handle = tokio::runtime::Handle::current();
    let dir = opts.state_dir.clone();
    let mut task = tokio::task::spawn_blocking(move || {
        let outcome = crate::state::lock_writes(&dir)
            .map_err(CycleError::Lock)
            .and_then(|_writing| daemon.answer(&handle, &answer));
        if let Err(e) = outcome {
            error!("a click on a notification failed: {}", escape(e));
        }
        daemon
    });
    let mut later = Vec::new();
    let back = loop {
        tokio::select! {
            joined = &mut task => break match joined {
                Ok(daemon) => Some(daemon),
                Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                Err(_) => None,
            },
            event = events.next(None) => match event {
                Event::Stop => {
                    stop.store(true, Ordering::SeqCst);
                    let _ = tokio::time::timeout(STOP_GRACE, &mut task).await;
                    return None;
                }
                Event::Tick => {}
                other => later.push(other),
            },
        }
    };
    // Put back what came meanwhile, for the loop to take in order.
    let tx = events.sender();
    for event in later {
        let _ = tx.send(event);
    }
    back
}

/// Resolves the settings again, as a start would (flags, configuration, policy layers); a
/// file that is not valid is rejected and the last good settings stay. A new calendar or
/// address takes effect at the next start. Answers whether the files to watch changed.
fn reload<C: Calendar>(daemon: &mut Daemon<C>, opts: &mut Options, notifier: &Notifier) -> bool {
    notifier.notify("RELOADING=1");
    let watched_changed = match Settings::resolve(&opts.flags) {
        Ok(new) => {
            if new.me != opts.me || &new.calendar() != daemon.calendar() {
                warn!(
                    "a new calendar or address in the configuration takes effect when focusd restarts"
                );
            }
            info!("policy reloaded");
            daemon.set_policy(new.policy.clone());
            let watched = new.watched();
            let changed = watched != opts.watched;
            opts.watched = watched;
            changed
        }
        Err(e) => {
            let what = match e {
                Error::Policy(_) => "policy",
                _ => "configuration",
            };
            reject(what, &e);
            false
        }
    };
    notifier.notify("READY=1");
    watched_changed
}

/// A new file that is not valid: logged with its file, line and reason; the last good one
/// stays in force.
fn reject(what: &str, e: &Error) {
    error!(
        "new {what} rejected, the last good one stays in force: {}",
        escape(e)
    );
    info!(target: "focusd::nudge", "nudge: your new {what} was rejected: {}", escape(e));
}
