//! The cycle in process, on a calendar in memory ([`MemoryCalendar`]) and a store in memory:
//! crashes at every write, stops between actions, transient and lasting failures, the
//! breaker's nudge and the hourly nudge cap. What `tests/daemon.rs` checks with `kill -9`
//! on the real binary, pinned here exactly and in milliseconds (SPEC section 10,
//! invariants 3 and 4: no duplicate block after retries, crashes or restarts; every action
//! in the audit log).

use std::collections::HashMap;

use chrono::TimeZone;

use super::*;
use crate::backend::memory::{MemoryCalendar, Moment};
use crate::event::{Attendee, EventDetails, Instance, Response};

impl<C: Calendar> Daemon<C> {
    /// The daemon writing its audit log with `wall` for the clock.
    fn with_wall_clock(mut self, wall: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        self.wall = Arc::new(wall);
        self
    }

    /// A new daemon over this one's state, on `backend`: what a restart after a crash
    /// finds (the store has what was committed; nothing else carries over).
    fn restart(self, backend: C) -> Daemon<C> {
        let mut next = Daemon {
            store: Arc::clone(&self.store),
            ..Daemon::new(
                self.opts,
                self.policy,
                Store::in_memory().expect("a store"),
                backend,
            )
        };
        next.wall = self.wall;
        next
    }

    /// Runs `f` on the store (for a test's checks and set-ups).
    fn with_store<T>(&self, f: impl FnOnce(&Store) -> T) -> T {
        f(&self.store.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

const ME: &str = "alex@example.com";

/// Monday 2026-11-30, 07:00 UTC.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 7, 0, 0).unwrap()
}

/// The defaults, with invitations of 40 minutes or more needing an agenda, and those
/// already there when focusd starts decided on too.
fn policy() -> Policy {
    let mut p = Policy::default();
    p.meetings.decline_existing = true;
    p.meetings.agenda_min_minutes = 40;
    p
}

fn options() -> Options {
    Options {
        flags: crate::settings::Flags::default(),
        me: crate::event::Me::new(ME),
        state_dir: PathBuf::from("/nonexistent"),
        once: false,
        dry_run: false,
        interval: Duration::from_secs(60),
        watched: Vec::new(),
        now: None,
    }
}

/// An invitation from pm@corp.example to the user and three others, unanswered.
fn invitation(uid: &str, summary: &str, description: &str, day: u32, hour: u32) -> Instance {
    let mut attendees = vec![Attendee {
        email: ME.into(),
        response: Response::NeedsAction,
        comment: None,
    }];
    attendees.extend((1..4).map(|i| Attendee {
        email: format!("p{i}@corp.example"),
        response: Response::Accepted,
        comment: None,
    }));
    let start = Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0).unwrap();
    Instance {
        details: Arc::new(EventDetails {
            uid: uid.into(),
            summary: summary.into(),
            description: description.into(),
            organizer: Some("pm@corp.example".into()),
            attendees,
            ..EventDetails::default()
        }),
        recurrence_id: None,
        start,
        end: start + chrono::Duration::minutes(45),
        all_day: false,
    }
}

/// A week with something of everything: three invitations without an agenda (declined),
/// a short one (kept), four half-hour stand-ups (nudged, three an hour), and free days for
/// blocks. (No description has text: the agenda detector's word lists would cost a debug
/// build a second to compile.)
fn week() -> Vec<Instance> {
    let short = |mut i: Instance| {
        i.end = i.start + chrono::Duration::minutes(30);
        i
    };
    vec![
        invitation("q1", "Sync on Q1 planning", "", 1, 10),
        invitation("roadmap", "Roadmap sync", "", 2, 14),
        invitation("vendors", "Vendor catch-up", "", 3, 11),
        short(invitation("rollout", "Rollout check", "", 1, 15)),
        short(invitation("standup-1", "Daily standup", "", 1, 9)),
        short(invitation("standup-2", "Daily standup", "", 2, 9)),
        short(invitation("standup-3", "Daily standup", "", 3, 9)),
        short(invitation("standup-4", "Daily standup", "", 4, 9)),
    ]
}

fn daemon(calendar: MemoryCalendar) -> Daemon<MemoryCalendar> {
    Daemon::new(options(), policy(), Store::in_memory().unwrap(), calendar).with_wall_clock(now)
}

/// One cycle that nothing stops.
async fn cycle(d: &mut Daemon<MemoryCalendar>) -> CycleReport {
    d.cycle(now(), &|| false).await.expect("a cycle")
}

/// One cycle, dropped where the calendar crashes (as the process would stop there): `None`
/// if it crashed.
async fn cycle_or_crash(
    d: &mut Daemon<MemoryCalendar>,
    calendar: &MemoryCalendar,
) -> Option<CycleReport> {
    let crash = calendar.crash();
    tokio::select! {
        report = d.cycle(now(), &|| false) => Some(report.expect("a cycle")),
        _ = crash.notified() => None,
    }
}

/// What the calendar says, in an order that does not depend on the writes' order: each
/// event's id, times, and the user's answer and comment.
type Seen = Vec<(
    String,
    DateTime<Utc>,
    DateTime<Utc>,
    Option<(Response, Option<String>)>,
)>;

fn seen(calendar: &MemoryCalendar) -> Seen {
    let mut out: Seen = calendar
        .instances()
        .iter()
        .map(|i| {
            let mine = i
                .details
                .attendees
                .iter()
                .find(|a| a.email == ME)
                .map(|a| (a.response, a.comment.clone()));
            (i.uid().to_string(), i.start, i.end, mine)
        })
        .collect();
    out.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    out
}

/// The audit log without ids, times and result wording: (kind, subject, action, status).
/// A nudge's text describes the calendar as it was when it was given (a stand-up's focus
/// loss changes with each decline and block), so only its key is compared.
fn log(d: &Daemon<MemoryCalendar>) -> Vec<(String, String, Action, Status)> {
    d.with_store(|s| s.log().unwrap())
        .into_iter()
        .map(|r| {
            let action = match r.action {
                Action::Nudge {
                    key,
                    summary,
                    start,
                    ..
                } => Action::Nudge {
                    key,
                    summary,
                    start,
                    text: String::new(),
                },
                other => other,
            };
            (r.kind, r.subject, action, r.status)
        })
        .collect()
}

/// Every change made to the calendar happened once: no block booked twice, no answer
/// given twice.
fn assert_nothing_doubled(calendar: &MemoryCalendar, what: &str) {
    let mut count: HashMap<(&str, String), usize> = HashMap::new();
    for c in calendar.changes() {
        *count.entry((c.method, c.subject)).or_default() += 1;
    }
    let doubled: Vec<_> = count.iter().filter(|(_, n)| **n > 1).collect();
    assert!(doubled.is_empty(), "{what}: done twice: {doubled:?}");
}

/// The clean run every interrupted one must end as: two cycles on a fresh state.
async fn clean() -> (Seen, Vec<(String, String, Action, Status)>, u32) {
    let calendar = MemoryCalendar::new(ME, week());
    let mut d = daemon(calendar.clone());
    let first = cycle(&mut d).await;
    assert!(first.failed.is_empty(), "{first:?}");
    let writes = calendar.writes();
    let second = cycle(&mut d).await;
    assert_eq!(
        (second.applied, calendar.writes()),
        (0, writes),
        "a second cycle on an unchanged calendar does nothing"
    );
    assert_nothing_doubled(&calendar, "clean run");
    (seen(&calendar), log(&d), writes)
}

#[tokio::test]
async fn the_clean_run_books_declines_and_nudges_within_the_cap() {
    let (calendar, log, writes) = clean().await;
    let kinds = |k: &str| log.iter().filter(|r| r.0 == k).count();
    assert_eq!(kinds("decline"), 3, "{log:?}");
    assert!(kinds("book_block") >= 5, "{log:?}");
    assert_eq!(
        kinds("nudge"),
        3,
        "four stand-ups, three nudges an hour: {log:?}"
    );
    assert!(log.iter().all(|r| r.3 == Status::Done), "{log:?}");
    assert_eq!(writes as usize, kinds("decline") + kinds("book_block"));
    let declined = calendar
        .iter()
        .filter(|e| matches!(e.3, Some((Response::Declined, Some(_)))))
        .count();
    assert_eq!(declined, 3);
}

/// A crash at every write, before and after it reached the calendar: the next start
/// finishes the work under the records already there, and ends exactly as a clean run does.
#[tokio::test]
async fn a_crash_at_any_write_is_finished_at_the_next_start_with_nothing_doubled_or_lost() {
    let (clean_calendar, clean_log, writes) = clean().await;
    let started = std::time::Instant::now();
    for n in 1..=writes {
        for moment in [Moment::BeforeWrite, Moment::AfterWrite] {
            let what = format!("crash at write {n} {moment:?}");
            let calendar = MemoryCalendar::new(ME, week()).crash_at(n, moment);
            let mut d = daemon(calendar.clone());
            assert!(
                cycle_or_crash(&mut d, &calendar).await.is_none(),
                "{what}: no crash"
            );
            // Outcomes are recorded after the cycle's batch of writes: every intent of the
            // cycle is still unfinished, the write under way among them.
            let unfinished = d.with_store(|s| s.unfinished().unwrap());
            assert_eq!(
                unfinished.len(),
                clean_log.len(),
                "{what}: every intent of the cycle is unfinished"
            );

            // The next start: reconciles, then finds nothing more to do.
            let calendar = calendar.restarted();
            let mut d = d.restart(calendar.clone());
            let report = cycle(&mut d).await;
            assert!(report.failed.is_empty(), "{what}: {report:?}");
            let writes_after = calendar.writes();
            let again = cycle(&mut d).await;
            assert_eq!(
                (again.applied, calendar.writes()),
                (0, writes_after),
                "{what}: a third cycle does nothing"
            );
            assert_nothing_doubled(&calendar, &what);
            assert_eq!(seen(&calendar), clean_calendar, "{what}: the calendar");
            assert_eq!(log(&d), clean_log, "{what}: the audit log");
            assert!(
                d.with_store(|s| s.unfinished().unwrap()).is_empty(),
                "{what}: every intent has an outcome"
            );
        }
    }
    eprintln!(
        "{} crashes and restarts in {:?}",
        writes * 2,
        started.elapsed()
    );
}

/// A stop (SIGTERM) while the cycle records its intents ends it before its batch of
/// writes: nothing is written, what was recorded stays unfinished, and the next cycle does
/// it all, once.
#[tokio::test]
async fn a_stop_before_the_writes_leaves_the_intents_and_the_next_cycle_does_them_once() {
    let (clean_calendar, clean_log, _) = clean().await;
    // The cycle asks before recording each step and once more before its writes.
    for k in 0..=clean_log.len() {
        let calendar = MemoryCalendar::new(ME, week());
        let mut d = daemon(calendar.clone());
        let asked = std::sync::atomic::AtomicUsize::new(0);
        let report = d
            .cycle(now(), &|| {
                asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= k
            })
            .await
            .expect("a cycle");
        assert_eq!(
            calendar.writes(),
            0,
            "stopped after {k} intents: nothing written"
        );
        assert_eq!(report.applied, 0);
        assert_eq!(d.with_store(|s| s.unfinished().unwrap()).len(), k);
        cycle(&mut d).await;
        assert!(d.with_store(|s| s.unfinished().unwrap()).is_empty());
        assert_nothing_doubled(&calendar, &format!("stop after {k}"));
        assert_eq!(seen(&calendar), clean_calendar);
        assert_eq!(log(&d), clean_log, "stop after {k}");
    }
}

/// One invitation to decline, on a calendar that fails `fails` times in a row, then works.
fn one_decline(
    fails: u32,
) -> (
    MemoryCalendar,
    Daemon<MemoryCalendar>,
    Arc<Mutex<DateTime<Utc>>>,
) {
    let calendar =
        MemoryCalendar::new(ME, vec![invitation("q1", "Sync on Q1 planning", "", 1, 10)])
            .fail_transiently(fails);
    let mut p = policy();
    p.focus.daily_target_minutes = 0;
    p.focus.team_windows.clear();
    let wall = Arc::new(Mutex::new(now()));
    let clock = Arc::clone(&wall);
    let d = Daemon::new(options(), p, Store::in_memory().unwrap(), calendar.clone())
        .with_wall_clock(move || *clock.lock().unwrap());
    (calendar, d, wall)
}

/// A write failing transiently is retried with the back-off of `actions::retry_wait`: in
/// the next cycle after the first failure, then after 1, 2, 4 ... minutes; once through, it
/// is done once.
#[tokio::test]
async fn a_transient_failure_is_retried_with_the_back_off_and_done_once() {
    let (calendar, mut d, wall) = one_decline(3);
    let at = |minutes: i64, seconds: i64| {
        *wall.lock().unwrap() =
            now() + chrono::Duration::minutes(minutes) + chrono::Duration::seconds(seconds);
    };
    let tries = |d: &Daemon<MemoryCalendar>| {
        log(d)
            .iter()
            .filter(|r| r.0 == "decline")
            .map(|r| r.3)
            .collect::<Vec<_>>()
    };
    let r = cycle(&mut d).await;
    assert_eq!(r.failed.len(), 1, "{r:?}");
    assert!(r.failed[0].error.contains("temporary failure"), "{r:?}");
    assert_eq!(r.failed[0].kind, "decline");
    at(0, 1);
    cycle(&mut d).await; // the next cycle: the second try
    assert_eq!(tries(&d), [Status::Failed, Status::Failed]);
    at(0, 50);
    cycle(&mut d).await; // two failures: a minute's wait
    assert_eq!(
        calendar.writes(),
        2,
        "waits a minute after the second failure"
    );
    at(1, 2);
    cycle(&mut d).await; // the third try
    assert_eq!(calendar.writes(), 3);
    at(2, 50);
    cycle(&mut d).await; // three failures: two minutes' wait
    assert_eq!(calendar.writes(), 3);
    at(3, 3);
    let r = cycle(&mut d).await; // the fourth try goes through
    assert_eq!((r.applied, r.failed.len()), (1, 0), "{r:?}");
    assert_eq!(
        tries(&d),
        [Status::Failed, Status::Failed, Status::Failed, Status::Done]
    );
    at(60, 0);
    cycle(&mut d).await;
    assert_eq!(calendar.writes(), 4, "done, never again");
    assert_eq!(calendar.changes().len(), 1);
}

/// A write the calendar refuses for good is given up after five tries, with one nudge that
/// says so; the other actions of each cycle went ahead.
#[tokio::test]
async fn a_lasting_failure_is_given_up_after_five_tries_with_one_nudge() {
    let (calendar, mut d, wall) = one_decline(0);
    let calendar = calendar.restarted().fail_after(0);
    d = d.restart(calendar.clone());
    for minutes in [0, 1, 3, 6, 11, 20, 40, 80] {
        *wall.lock().unwrap() = now() + chrono::Duration::minutes(minutes);
        cycle(&mut d).await;
    }
    let log = log(&d);
    let failed = log
        .iter()
        .filter(|r| r.0 == "decline" && r.3 == Status::Failed)
        .count();
    assert_eq!(failed, actions::MAX_TRIES as usize, "{log:?}");
    let gave_up: Vec<_> = log
        .iter()
        .filter(|r| r.0 == "nudge" && r.1.starts_with("gave_up:"))
        .collect();
    assert_eq!(gave_up.len(), 1, "{log:?}");
    assert!(calendar.changes().is_empty());
}

/// Twelve agenda-less invitations from twelve organizers: ten declines, then the breaker.
fn twelve() -> (MemoryCalendar, Daemon<MemoryCalendar>) {
    let many: Vec<Instance> = (0..12)
        .map(|i| {
            let mut inv = invitation(
                &format!("i{i}"),
                &format!("Sync {i}"),
                "",
                1 + i / 6,
                9 + i % 6,
            );
            Arc::make_mut(&mut inv.details).organizer = Some(format!("o{i}@corp.example"));
            inv
        })
        .collect();
    let mut p = policy();
    p.focus.daily_target_minutes = 0;
    p.nudges.max_per_hour = 0;
    let calendar = MemoryCalendar::new(ME, many);
    let d = Daemon::new(options(), p, Store::in_memory().unwrap(), calendar.clone())
        .with_wall_clock(now);
    (calendar, d)
}

fn breaker_nudges(d: &Daemon<MemoryCalendar>) -> Vec<Status> {
    log(d)
        .into_iter()
        .filter(|r| r.0 == "nudge" && r.1.starts_with("breaker:"))
        .map(|r| r.3)
        .collect()
}

/// The breaker trips as a cycle's last step, its nudge recorded with the trip in one
/// commit: a stop before the trip leaves it to the next cycle, and a stop between the trip
/// and the nudge leaves the nudge to the next start, which gives it while the breaker is
/// open (the hourly cap notwithstanding), once.
#[tokio::test]
async fn the_breakers_nudge_is_never_lost_to_a_stop() {
    let (calendar, mut d) = twelve();
    // Stopped after recording the ten declines the cap lets through, before the trip.
    let asked = std::sync::atomic::AtomicUsize::new(0);
    d.cycle(now(), &|| {
        asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= 10
    })
    .await
    .expect("a cycle");
    assert_eq!(calendar.writes(), 0);
    assert!(breaker_nudges(&d).is_empty());
    assert!(d.with_store(|s| s.breaker("memory").unwrap()).is_none());
    cycle(&mut d).await;
    assert_eq!(
        breaker_nudges(&d),
        [Status::Done],
        "tripped by the next cycle"
    );
    cycle(&mut d).await;
    assert_eq!(breaker_nudges(&d), [Status::Done], "said once");

    // The trip recorded, and the process gone before its nudge was given.
    let (calendar, d) = twelve();
    let why = "focusd stopped declining: more than 10 declines in a day";
    let nudge = actions::breaker_nudge(why, now());
    d.with_store(|s| s.trip_with_nudge("memory", why, &nudge, now()).unwrap())
        .expect("the breaker was closed");
    assert_eq!(breaker_nudges(&d), [Status::Intent]);
    let d = &mut d.restart(calendar.restarted());
    cycle(d).await;
    assert_eq!(breaker_nudges(d), [Status::Done], "given at the next start");
    cycle(d).await;
    assert_eq!(breaker_nudges(d), [Status::Done], "said once");
    assert!(
        log(d).iter().all(|r| r.0 != "decline"),
        "the breaker is open: no decline"
    );
}

/// Nudges over the hourly cap wait for a later cycle, and are given once the hour is past.
#[tokio::test]
async fn nudges_over_the_hourly_cap_wait_for_the_next_hour() {
    let calendar = MemoryCalendar::new(ME, week());
    let wall = Arc::new(Mutex::new(now()));
    let clock = Arc::clone(&wall);
    let mut d = Daemon::new(options(), policy(), Store::in_memory().unwrap(), calendar)
        .with_wall_clock(move || *clock.lock().unwrap());
    let nudges = |d: &Daemon<MemoryCalendar>| log(d).iter().filter(|r| r.0 == "nudge").count();
    cycle(&mut d).await;
    assert_eq!(nudges(&d), 3);
    *wall.lock().unwrap() = now() + chrono::Duration::minutes(59);
    cycle(&mut d).await;
    assert_eq!(nudges(&d), 3);
    *wall.lock().unwrap() = now() + chrono::Duration::minutes(61);
    cycle(&mut d).await;
    assert_eq!(nudges(&d), 4, "the fourth stand-up, an hour later");
    cycle(&mut d).await;
    assert_eq!(nudges(&d), 4, "each nudge once");
}

/// An intent recorded for another calendar (the configuration named another one since) is
/// neither applied to this calendar, nor marked done or abandoned from what this one shows.
#[tokio::test]
async fn an_intent_left_for_another_calendar_is_not_this_cycles() {
    let (clean_calendar, _, _) = clean().await;
    let calendar = MemoryCalendar::new(ME, week());
    let mut d = daemon(calendar.clone());
    let delete = Intent {
        action: Action::DeleteBlock {
            id: "focusdelsewhere".into(),
            start: now(),
            end: now() + chrono::Duration::hours(2),
        },
        reason: "a meeting now covers it".into(),
    };
    let id = d.with_store(|s| {
        s.intent("/elsewhere/calendar.ics", &delete, now(), None)
            .unwrap()
    });
    cycle(&mut d).await;
    let record = d.with_store(|s| s.record(id).unwrap().unwrap());
    assert_eq!(record.status, Status::Intent, "{record:?}");
    assert_eq!(seen(&calendar), clean_calendar);
}

/// A dry run plans what a cycle would do and writes nothing, to the calendar or the store.
#[tokio::test]
async fn a_dry_run_plans_and_writes_nothing() {
    let calendar = MemoryCalendar::new(ME, week());
    let mut opts = options();
    opts.dry_run = true;
    let mut d = Daemon::new(
        opts,
        policy(),
        Store::in_memory().unwrap(),
        calendar.clone(),
    )
    .with_wall_clock(now);
    let report = cycle(&mut d).await;
    assert!(report.planned.iter().any(|i| i.action.kind() == "decline"));
    assert_eq!(
        report
            .planned
            .iter()
            .filter(|i| i.action.kind() == "nudge")
            .count(),
        4,
        "a dry run shows every nudge, the cap aside"
    );
    assert_eq!(calendar.writes(), 0);
    assert!(log(&d).is_empty());
}

/// The first minute at or after `from` (stepping by minutes, up to two days) at which the
/// calendar, as it now is, is in the moment `wanted` picks.
fn first_moment(
    calendar: &MemoryCalendar,
    from: DateTime<Utc>,
    wanted: impl Fn(&nudges::Moment) -> bool,
) -> DateTime<Utc> {
    let instances = calendar.instances();
    let timeline = Timeline::new(&instances, ME);
    (0..2 * 24 * 60)
        .map(|m| from + chrono::Duration::minutes(m))
        .find(|t| wanted(&nudges::moment(&timeline, &policy(), *t)))
        .expect("such a moment within two days")
}

/// SPEC section 4: a decline made outside a break waits in the store (across a restart),
/// a focus block holds it too, and the next break shows it, once, naming the meeting with
/// an Undo for its decline.
#[tokio::test]
async fn a_decline_waits_for_a_break_and_is_shown_once_with_its_undo() {
    let calendar =
        MemoryCalendar::new(ME, vec![invitation("q1", "Sync on Q1 planning", "", 1, 10)]);
    let desktop = crate::notify::Recorder::default();
    let mut d = daemon(calendar.clone());
    d.set_desktop(desktop.clone());
    // 07:00: before working hours.
    cycle(&mut d).await;
    assert!(desktop.notices().is_empty());
    let held = d.with_store(|s| s.held(&d.key).unwrap());
    assert_eq!(held.len(), 1, "{held:?}");
    assert_eq!(held[0].kind, nudges::Kind::Declined);

    // A restart: what waits is in the store.
    let mut d = d.restart(calendar.clone());
    d.set_desktop(desktop.clone());
    let in_block = first_moment(&calendar, now(), |m| {
        matches!(m, nudges::Moment::Focus { .. })
    });
    d.cycle(in_block, &|| false).await.unwrap();
    assert!(desktop.notices().is_empty(), "{:?}", desktop.notices());

    let at_break = first_moment(&calendar, in_block, |m| *m == nudges::Moment::Break);
    d.cycle(at_break, &|| false).await.unwrap();
    let shown = desktop.notices();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].summary, "Declined: Sync on Q1 planning");
    assert!(
        shown[0].body.contains("pm@corp.example"),
        "{}",
        shown[0].body
    );
    assert_eq!(shown[0].buttons, [nudges::Button::Undo]);

    // Shown once: the next break has nothing more to say.
    d.cycle(at_break + chrono::Duration::minutes(1), &|| false)
        .await
        .unwrap();
    assert_eq!(desktop.notices().len(), 1);
    assert!(d.with_store(|s| s.held(&d.key).unwrap()).is_empty());
}

/// What waited is shown as one notice, with a line each.
#[tokio::test]
async fn what_waited_through_the_hours_off_is_shown_as_one() {
    let calendar = MemoryCalendar::new(ME, week());
    let desktop = crate::notify::Recorder::default();
    let mut d = daemon(calendar.clone());
    d.set_desktop(desktop.clone());
    cycle(&mut d).await;
    assert!(desktop.notices().is_empty());
    let waiting = d.with_store(|s| s.held(&d.key).unwrap()).len();
    assert!(
        waiting >= 4,
        "three declines and the stand-ups' nudges: {waiting}"
    );
    let at_break = first_moment(&calendar, now(), |m| *m == nudges::Moment::Break);
    d.cycle(at_break, &|| false).await.unwrap();
    let shown = desktop.notices();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].ids.len(), waiting);
    assert!(
        shown[0].summary.starts_with(&format!("{waiting} ")),
        "{}",
        shown[0].summary
    );
    assert!(shown[0].body.contains("Roadmap sync"), "{}", shown[0].body);
}
