//! `focusd run`: the reconcile loop (SPEC section 7).
//!
//! Each cycle syncs the calendar, computes the plan, the triage decisions and the intents
//! (pure), then applies the intents one by one: each is written to the store as an intent
//! first and marked done, failed or abandoned after. A cycle that starts with unfinished
//! intents (the process stopped in between) reconciles them against the fresh calendar:
//! still wanted means applied under the same record, already true means done, neither
//! means abandoned. Every write is idempotent, so a crash at any point never doubles an
//! action or loses its record.
//!
//! Between cycles the loop sleeps until the next thing is due: the poll interval (longer
//! while the calendar is quiet or unreachable), the next read-ahead deadline; SIGTERM,
//! SIGHUP and changes to the policy or config files wake it. A cycle runs on tokio's
//! blocking pool, so that the runtime stays free for the watchdog task and the signals: a
//! stop never waits for a slow or stuck cycle for more than `STOP_GRACE`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveTime, Utc};
use tokio::sync::mpsc;
use tracing::{error, info, warn};

use crate::actions::{self, Action, Intent, Memory};
use crate::backend::{BackendError, Calendar, Written};
use crate::error::{Error, Severity};
use crate::escape::escape;
use crate::event::{Response, Role, Snapshot};
use crate::model::{self, Timeline};
use crate::policy::Policy;
use crate::render::describe;
use crate::store::{Status, Store};
use crate::systemd::{self, Notifier};
use crate::{clock, planner, triage};

/// Everything `focusd run` needs, resolved from flags and configuration.
#[derive(Debug, Clone)]
pub struct Options {
    pub policies: Vec<PathBuf>,
    /// Whether the policies are the ones the configuration file names (reloaded with it).
    pub policies_from_config: bool,
    /// The configuration file in use, if any.
    pub config: Option<PathBuf>,
    pub me: String,
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

/// What one cycle did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CycleReport {
    pub applied: usize,
    pub failed: usize,
    /// Intents for a dry run, in order.
    pub planned: Vec<Intent>,
    /// When something is next due (a read-ahead deadline), if sooner than the poll.
    pub next_due: Option<DateTime<Utc>>,
    /// Events that could not be read (file, line and reason): the cycle acted on the rest,
    /// and booked no block.
    pub unreadable: Vec<String>,
}

/// Why a cycle did nothing.
#[derive(Debug, thiserror::Error)]
pub enum CycleError {
    #[error("calendar: {0}")]
    Calendar(#[from] BackendError),
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    #[error("{0}")]
    Lock(crate::error::Error),
}

/// The daemon's state between cycles.
pub struct Daemon<C> {
    opts: Options,
    policy: Policy,
    backend: C,
    store: Arc<Mutex<Store>>,
    key: String,
    /// The unreadable events of the last cycle, so that each is logged once.
    broken: Vec<String>,
}

impl<C: Calendar> Daemon<C> {
    pub fn new(opts: Options, policy: Policy, store: Store, mut backend: C) -> Daemon<C> {
        backend.configure(&policy);
        let key = backend.key();
        Daemon {
            opts,
            policy,
            backend,
            store: Arc::new(Mutex::new(store)),
            key,
            broken: Vec::new(),
        }
    }

    /// Runs `f` on the store on a blocking thread.
    async fn db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, crate::store::StoreError> + Send + 'static,
    ) -> Result<T, crate::store::StoreError> {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || {
            let guard = store.lock().unwrap_or_else(|p| p.into_inner());
            f(&guard)
        })
        .await
        .unwrap_or_else(|e| Err(crate::store::StoreError::Task(e.to_string())))
    }

    /// One cycle: sync, decide, act. `now` feeds the pure core; the audit log records the
    /// wall-clock time of each action. `stop` is checked between actions.
    pub async fn cycle(
        &mut self,
        now: DateTime<Utc>,
        stop: &dyn Fn() -> bool,
    ) -> Result<CycleReport, CycleError> {
        let zone = self.policy.zone();
        let today = model::local_date(zone, now);
        let (range, _) = planner::horizon(&self.policy, now);
        let from = model::local_instant(zone, today, NaiveTime::MIN);
        let to = model::instant(range.end);
        // The first sync looks a year ahead, so that the first-start rule knows every
        // invitation that was already there, not only those inside the horizon.
        let key = self.key.clone();
        let first = self
            .db(move |s| Ok(s.sync_info(&key)?.and_then(|i| i.first_sync).is_none()))
            .await?;
        let existing_until = if first {
            to + chrono::Duration::days(FIRST_SYNC_DAYS)
        } else {
            to
        };
        let snapshot = self.backend.sync(from, existing_until).await?;
        let broken: Vec<String> = snapshot
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
        if broken != self.broken {
            for b in broken.iter().filter(|b| !self.broken.contains(b)) {
                error!(calendar = %escape(&self.key), "cannot read an event, acting on the rest: {}", escape(b));
            }
            self.broken = broken.clone();
        }
        let me = self.opts.me.clone();
        let timeline = Timeline::new(&snapshot.instances, &me);
        let (range, _) = planner::horizon(&self.policy, now);
        let until = model::instant(range.end);

        // The first sync of a calendar remembers which invitations (and series) were
        // already there.
        let key = self.key.clone();
        let invitations: Vec<String> = timeline
            .instances
            .iter()
            .filter(|i| triage::is_invitation(i, &me, now, until.max(existing_until)))
            .flat_map(actions::invitation_keys)
            .collect();
        let dry = self.opts.dry_run;
        let day_start = from;
        let memory: Memory = self
            .db(move |s| {
                if !dry {
                    s.first_sync(&key, &invitations, clock::now())?;
                }
                let mut m = s.memory(&key, day_start)?;
                if dry && s.sync_info(&key)?.and_then(|i| i.first_sync).is_none() {
                    m.existing.extend(invitations);
                }
                m.wall_clock = Some(clock::now());
                Ok(m)
            })
            .await?;

        let decided = actions::decide(&snapshot.instances, &memory, &self.policy, &me, now);
        let mut intents = decided.intents;
        if !broken.is_empty() {
            intents.retain(|i| {
                !matches!(
                    i.action,
                    Action::BookBlock { .. } | Action::MoveBlock { .. }
                )
            });
        }
        let next_due = next_deadline(&decided.decisions, now);
        let mut report = CycleReport {
            next_due,
            unreadable: broken,
            ..CycleReport::default()
        };
        if let Some(why) = &decided.tripped {
            if dry {
                report.planned.push(Intent {
                    action: breaker_nudge(why, now),
                    reason: why.clone(),
                });
            } else {
                let key = self.key.clone();
                let why = why.clone();
                let reason = why.clone();
                let first = self.db(move |s| s.trip(&key, &why, clock::now())).await?;
                if first {
                    warn!(calendar = %escape(&self.key), "{}", escape(&reason));
                    intents.push(Intent {
                        action: breaker_nudge(&reason, now),
                        reason,
                    });
                }
            }
        }
        if dry {
            report.planned.extend(intents);
            return Ok(report);
        }

        // Intents left unfinished by a stopped process, reconciled first.
        let unfinished = self.db(|s| s.unfinished()).await?;
        for crate::store::Unfinished { record, applying } in unfinished {
            if stop() {
                return Ok(report);
            }
            if let Some(pid) = applying {
                // Another focusd process recorded it and still runs: it is applying it now
                // (the write lock makes this rare: see `state`). Neither abandoned nor done
                // twice.
                info!(
                    id = record.id,
                    kind = record.kind,
                    pid,
                    "left alone: another focusd process is applying it"
                );
                intents.retain(|i| i.action != record.action);
                continue;
            }
            if let Some(pos) = intents.iter().position(|i| i.action == record.action) {
                let intent = intents.remove(pos);
                self.apply(record.id, &intent, &mut report).await?;
            } else if reflected(&record.action, &snapshot, &me) {
                let id = record.id;
                self.db(move |s| {
                    s.finish(
                        id,
                        Status::Done,
                        "done (found done on restart)",
                        clock::now(),
                    )
                })
                .await?;
            } else {
                let id = record.id;
                info!(
                    id,
                    kind = record.kind,
                    "abandoned: no longer wanted after a restart"
                );
                self.db(move |s| {
                    s.finish(
                        id,
                        Status::Abandoned,
                        "no longer wanted after a restart",
                        now,
                    )
                })
                .await?;
            }
        }

        let limit = self.policy.nudges.max_per_hour;
        for intent in intents {
            if stop() {
                break;
            }
            if let Action::Nudge { key, .. } = &intent.action
                && !key.starts_with("breaker:")
            {
                let given = self
                    .db(move |s| s.nudges_since(clock::now() - chrono::Duration::hours(1)))
                    .await?;
                if given >= limit {
                    continue; // Rate-limited: the nudge waits for a later cycle.
                }
            }
            let key = self.key.clone();
            let stored = intent.clone();
            let id = self
                .db(move |s| s.intent(&key, &stored, clock::now(), None))
                .await?;
            self.apply(id, &intent, &mut report).await?;
        }
        Ok(report)
    }

    /// Applies one recorded intent and records the outcome.
    async fn apply(
        &mut self,
        id: i64,
        intent: &Intent,
        report: &mut CycleReport,
    ) -> Result<(), CycleError> {
        let result = execute(&mut self.backend, &intent.action).await;
        let now = clock::now();
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
                report.failed += 1;
                error!(
                    id,
                    kind = intent.action.kind(),
                    subject = %escape(intent.action.subject()),
                    "failed: {}",
                    escape(e)
                );
            }
        }
        self.db(move |s| s.finish(id, status, &text, now)).await?;
        Ok(())
    }

    pub fn set_policy(&mut self, policy: Policy) {
        self.backend.configure(&policy);
        self.policy = policy;
    }

    pub fn calendar_key(&self) -> &str {
        &self.key
    }
}

/// Carries out one action on a calendar. A nudge goes to the log (desktop notifications come
/// with their own module).
pub async fn execute<C: Calendar>(
    calendar: &mut C,
    action: &Action,
) -> Result<Written, BackendError> {
    match action {
        Action::BookBlock { block } | Action::MoveBlock { block, .. } => {
            calendar.put_block(block).await
        }
        Action::DeleteBlock { id, .. } => calendar.delete_block(id).await,
        Action::Decline { event, comment, .. } => {
            let comment = (!comment.is_empty()).then_some(comment.as_str());
            calendar.respond(event, Response::Declined, comment).await
        }
        Action::Withdraw { event, to, .. } => calendar.respond(event, *to, None).await,
        // Without a desktop to notify, the log line `apply` writes is the nudge.
        Action::Nudge { .. } => Ok(Written::Done),
    }
}

/// Whether the user's answer on `inst` carries a comment other than `ours` (the one focusd
/// sent): the user answered again, in their own words. A calendar that keeps no comment
/// says nothing either way.
fn commented_otherwise(inst: &crate::event::Instance, me: &str, ours: &str) -> bool {
    // The local writer puts quotes and control characters as apostrophes; compare alike.
    let norm = crate::backend::local::clean_comment;
    inst.details
        .attendees
        .iter()
        .filter(|a| crate::event::is_me(me, &a.email))
        .filter_map(|a| a.comment.as_deref())
        .any(|c| norm(c) != norm(ours))
}

/// Whether `event` names this instance, or the series it belongs to.
fn names(inst: &crate::event::Instance, event: &crate::backend::EventRef) -> bool {
    &inst.event_ref() == event || inst.series_ref().as_ref() == Some(event)
}

/// Whether the calendar already shows an action as carried out.
pub fn reflected(action: &Action, snapshot: &Snapshot, me: &str) -> bool {
    let find = |id: &str| -> Vec<&crate::event::Instance> {
        snapshot
            .instances
            .iter()
            .filter(|i| i.uid() == id)
            .collect()
    };
    match action {
        Action::BookBlock { block } | Action::MoveBlock { block, .. } => find(&block.id)
            .iter()
            .any(|i| i.start == block.start && i.end == block.end),
        Action::DeleteBlock { id, .. } => find(id).is_empty(),
        Action::Decline { event, comment, .. } => snapshot.instances.iter().any(|i| {
            names(i, event)
                && i.details.role(me) == Role::Attendee(Response::Declined)
                && !commented_otherwise(i, me, comment)
        }),
        Action::Withdraw { event, to, .. } => snapshot
            .instances
            .iter()
            .any(|i| names(i, event) && i.details.role(me) == Role::Attendee(*to)),
        Action::Nudge { .. } => false,
    }
}

/// The one nudge that says the circuit breaker tripped.
fn breaker_nudge(why: &str, now: DateTime<Utc>) -> Action {
    Action::Nudge {
        key: format!("breaker:{}", now.to_rfc3339()),
        summary: "focusd stopped declining".into(),
        start: now,
        text: why.to_string(),
    }
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

/// What wakes the loop besides its timer.
#[derive(Debug)]
enum Wake {
    Stop,
    Reload,
}

/// How long a stop (SIGTERM, SIGINT) waits for the cycle under way to reach the end of an
/// action; past that the cycle is left to the process exit, and what it had not finished
/// is reconciled at the next start.
const STOP_GRACE: Duration = Duration::from_millis(500);

/// How often a cycle that is still running says so.
const SLOW_CYCLE: Duration = Duration::from_secs(600);

/// `focusd run`: loops until SIGTERM (or once). Returns the process exit code.
///
/// `open` reaches the calendar; it is awaited with the watchdog already pinging (signing in
/// to Google can take a while). The watchdog is pinged from a task of its own for the whole
/// run, so a long cycle is never taken for a hang. Each cycle runs on tokio's blocking pool
/// (under the state folder's write lock, unless a dry run), so that neither a blocking read
/// (a calendar on a hung mount, a slow server) nor a long computation holds the runtime: the
/// loop races the cycle against SIGTERM and SIGINT, which stop the daemon within a second.
pub async fn run<C, F>(
    mut opts: Options,
    policy: Policy,
    store: Store,
    open: F,
) -> Result<u8, Error>
where
    C: Calendar + Send + 'static,
    F: std::future::Future<Output = Result<C, Error>>,
{
    let notifier = Arc::new(Notifier::from_env());
    let _watchdog = systemd::Watchdog::start(Arc::clone(&notifier));
    let (wake_tx, mut wake_rx) = mpsc::unbounded_channel::<Wake>();
    let stop = Arc::new(AtomicBool::new(false));
    spawn_signal_handlers(wake_tx.clone(), Arc::clone(&stop));
    // Signals are honoured while the calendar is reached too; a reload asked meanwhile is
    // done once there is a daemon to reload.
    let mut reload_asked = false;
    tokio::pin!(open);
    let backend = loop {
        tokio::select! {
            backend = &mut open => break backend?,
            wake = wake_rx.recv() => match wake {
                Some(Wake::Reload) => reload_asked = true,
                Some(Wake::Stop) | None => {
                    notifier.stopping();
                    info!("stopping");
                    return Ok(0);
                }
            }
        }
    };
    let _watcher = watch_files(&opts.watched, wake_tx.clone());
    let mut daemon = Daemon::new(opts.clone(), policy, store, backend);
    if reload_asked {
        reload(&mut daemon, &mut opts, &notifier);
    }
    let mut first = true;
    let mut failures = 0u32;
    let mut quiet = 0u32;
    loop {
        let now = opts.now.unwrap_or_else(clock::now);
        let Some(Cycled {
            daemon: back,
            outcome,
            reload: reload_asked,
        }) = cycle_off_the_runtime(daemon, now, &opts, &stop, &mut wake_rx).await
        else {
            notifier.stopping();
            info!("stopping");
            return Ok(0);
        };
        daemon = back;
        if stop.load(Ordering::SeqCst) {
            notifier.stopping();
            info!("stopping");
            return Ok(0);
        }
        let key = daemon.calendar_key().to_string();
        let next_due = match &outcome {
            Ok(report) => {
                failures = 0;
                quiet = if report.applied == 0 && report.failed == 0 {
                    quiet + 1
                } else {
                    0
                };
                if opts.dry_run {
                    for i in &report.planned {
                        println!(
                            "{}  ({})",
                            describe(&i.action),
                            crate::render::clean(&i.reason, 160)
                        );
                    }
                    if report.planned.is_empty() {
                        println!("nothing to do");
                    }
                }
                if !opts.dry_run {
                    let unreadable = report.unreadable.join("\n");
                    let _ = daemon
                        .db(move |s| {
                            s.synced(&key, None, clock::now())?;
                            s.unreadable(&key, &unreadable)
                        })
                        .await;
                }
                notifier.status(&format!(
                    "last cycle: {} applied, {} failed",
                    report.applied, report.failed
                ));
                report.next_due
            }
            Err(e) => {
                failures += 1;
                error!(
                    calendar = %escape(daemon.calendar_key()),
                    "cycle failed, trying again later: {}",
                    escape(e)
                );
                let msg = e.to_string();
                if !opts.dry_run {
                    let _ = daemon
                        .db(move |s| s.synced(&key, Some(&msg), clock::now()))
                        .await;
                }
                notifier.status(&format!("last cycle failed: {}", escape(e)));
                None
            }
        };
        if first {
            notifier.ready("first cycle done");
            first = false;
        }
        if opts.once {
            return Ok(match outcome {
                Ok(r) if !r.unreadable.is_empty() => 65,
                Ok(r) if r.failed == 0 => 0,
                Ok(_) => 1,
                Err(_) => 1,
            });
        }
        if reload_asked {
            // A change to the policy or the configuration during the cycle: reloaded, and a
            // cycle under it at once.
            reload(&mut daemon, &mut opts, &notifier);
            continue;
        }
        // Quiet calendars and failing syncs are polled less often, up to 8x the interval.
        let factor = 1u32 << failures.max(quiet / 10).min(3);
        let mut sleep = opts.interval * factor;
        if let Some(due) = next_due
            && let Ok(d) = (due - clock::now()).to_std()
        {
            sleep = sleep.min(d.max(Duration::from_secs(1)));
        }
        tokio::select! {
            _ = tokio::time::sleep(sleep) => {}
            wake = wake_rx.recv() => match wake {
                Some(Wake::Stop) | None => {
                    stop.store(true, Ordering::SeqCst);
                    notifier.stopping();
                    info!("stopping");
                    return Ok(0);
                }
                Some(Wake::Reload) => reload(&mut daemon, &mut opts, &notifier),
            }
        }
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
    wake_rx: &mut mpsc::UnboundedReceiver<Wake>,
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
            wake = wake_rx.recv() => match wake {
                Some(Wake::Reload) => reload = true,
                Some(Wake::Stop) | None => {
                    stop.store(true, Ordering::SeqCst);
                    if tokio::time::timeout(STOP_GRACE, &mut task).await.is_err() {
                        warn!(
                            "stopping in the middle of a cycle; what it had not finished is \
                             picked up at the next start"
                        );
                    }
                    return None;
                }
            },
            _ = slow.tick() => warn!(
                "a cycle has been running for {} minutes: the calendar is slow to read or write",
                started.elapsed().as_secs() / 60
            ),
        }
    }
}

/// Loads the policy files again; an invalid one is rejected and the last good stays.
fn reload<C: Calendar>(daemon: &mut Daemon<C>, opts: &mut Options, notifier: &Notifier) {
    notifier.notify("RELOADING=1");
    if let Some(path) = &opts.config {
        match crate::config::Config::load(Some(path)) {
            Ok(config) => {
                if opts.policies_from_config {
                    opts.policies = config.policy_layers();
                }
                let me = config.me.as_deref().map(|m| m.trim().to_lowercase());
                if me.is_some_and(|m| m != opts.me)
                    || config
                        .calendar
                        .is_some_and(|c| crate::backend::local::key(&c) != daemon.key)
                {
                    warn!(
                        "a new calendar or address in the configuration takes effect when focusd restarts"
                    );
                }
            }
            Err(e) => {
                // Nothing is reloaded: the last good configuration and policy stay.
                reject("configuration", &e);
                notifier.notify("READY=1");
                return;
            }
        }
    }
    match Policy::load_layers(&opts.policies) {
        Ok(p) => {
            info!("policy reloaded");
            daemon.set_policy(p);
        }
        Err(e) => reject("policy", &e),
    }
    notifier.notify("READY=1");
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

/// SIGTERM and SIGINT stop the loop (the current cycle stops between two actions, or is
/// left behind), SIGHUP reloads.
fn spawn_signal_handlers(tx: mpsc::UnboundedSender<Wake>, stop: Arc<AtomicBool>) {
    use tokio::signal::unix::{SignalKind, signal};
    for (kind, stops) in [
        (SignalKind::terminate(), true),
        (SignalKind::interrupt(), true),
        (SignalKind::hangup(), false),
    ] {
        let tx = tx.clone();
        let stop = Arc::clone(&stop);
        match signal(kind) {
            Ok(mut s) => {
                tokio::spawn(async move {
                    while s.recv().await.is_some() {
                        let wake = if stops {
                            stop.store(true, Ordering::SeqCst);
                            Wake::Stop
                        } else {
                            Wake::Reload
                        };
                        if tx.send(wake).is_err() {
                            break;
                        }
                    }
                });
            }
            Err(e) => warn!("cannot listen for a signal: {e}"),
        }
    }
}

/// Watches the folders of the policy and config files (editors save by rename) and wakes
/// the loop when one of the files changes.
fn watch_files(
    files: &[PathBuf],
    tx: mpsc::UnboundedSender<Wake>,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let names: Vec<PathBuf> = files
        .iter()
        .map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()))
        .collect();
    let wanted = names.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && event.paths.iter().any(|p| {
                wanted
                    .iter()
                    .any(|w| w == p || w.file_name() == p.file_name())
            })
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(Wake::Reload);
        }
    })
    .map_err(|e| warn!("cannot watch the policy files: {e}"))
    .ok()?;
    let mut dirs: Vec<PathBuf> = names
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        if let Err(e) = watcher.watch(&dir, notify::RecursiveMode::NonRecursive) {
            warn!("cannot watch {}: {e}", escape(dir.display()));
        }
    }
    Some(watcher)
}
