//! The safety review's decision findings (`../shared/review/safety.md`), each reproduced
//! against the real binary on a scratch vdir, as the review ran them: `run --once` with
//! `decline_existing = true` and a policy that books no blocks unless a test asks for them.

mod support;

use support::process::{ok, root};

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const NOW: &str = "2026-11-30T08:00:00+01:00";
const ME: &str = "alex@example.com";

fn bin() -> Command {
    support::focusd()
}

/// An invitation to Alex (CRLF), Berlin time on 2026-12-0`day`, `hour`:00 for `minutes`.
fn invitation(
    uid: &str,
    organizer: &str,
    day: u32,
    hour: u32,
    minutes: u32,
    extra: &str,
) -> String {
    let end_h = hour + (minutes / 60);
    let end_m = minutes % 60;
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n\
         DTSTAMP:20261120T120000Z\r\nSUMMARY:Sync {uid}\r\n\
         DTSTART;TZID=Europe/Berlin:202612{day:02}T{hour:02}0000\r\n\
         DTEND;TZID=Europe/Berlin:202612{day:02}T{end_h:02}{end_m:02}00\r\n\
         ORGANIZER;CN=Organizer:mailto:{organizer}\r\n\
         ATTENDEE;CN=Alex;PARTSTAT=NEEDS-ACTION:mailto:{ME}\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:{organizer}\r\n\
         ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:c0@example.com\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

struct World {
    _dir: tempfile::TempDir,
    vdir: PathBuf,
    policy: PathBuf,
    state: PathBuf,
}

impl World {
    /// `blocks`: whether the policy books focus blocks (the platform team's, with its team
    /// windows) or none (so that only the declines under test touch the calendar).
    fn new(blocks: bool) -> World {
        let dir = tempfile::tempdir().unwrap();
        let vdir = dir.path().join("v");
        std::fs::create_dir(&vdir).unwrap();
        let text = support::policy::platform(true, blocks);
        let policy = dir.path().join("policy.toml");
        std::fs::write(&policy, text).unwrap();
        let state = dir.path().join("state");
        World {
            _dir: dir,
            vdir,
            policy,
            state,
        }
    }

    fn put(&self, name: &str, text: &str) {
        std::fs::write(self.vdir.join(name), text).unwrap();
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.vdir.join(name)).unwrap()
    }

    fn focusd(&self, args: &[&str]) -> Output {
        bin().args(args).output().unwrap()
    }

    fn run(&self) -> Output {
        self.run_as(ME, NOW)
    }

    /// `run --once` as `me` (which may list aliases) at `now`.
    fn run_as(&self, me: &str, now: &str) -> Output {
        let (v, p, s) = (
            self.vdir.to_str().unwrap(),
            self.policy.to_str().unwrap(),
            self.state.to_str().unwrap(),
        );
        self.focusd(&[
            "run",
            "--once",
            "--calendar",
            v,
            "--policy",
            p,
            "--me",
            me,
            "--state-dir",
            s,
            "--now",
            now,
        ])
    }

    fn undo(&self, id: i64, extra: &[&str]) -> Output {
        let (p, s) = (self.policy.to_str().unwrap(), self.state.to_str().unwrap());
        let id = id.to_string();
        let mut args = vec!["undo", id.as_str(), "--state-dir", s, "--policy", p];
        args.extend_from_slice(extra);
        self.focusd(&args)
    }

    /// (id, kind, subject, status) of every audit record.
    fn log(&self) -> Vec<(i64, String, String, String)> {
        let out = self.focusd(&["log", "--json", "--state-dir", self.state.to_str().unwrap()]);
        ok(&out);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["id"].as_i64().unwrap(),
                    r["kind"].as_str().unwrap().to_string(),
                    r["subject"].as_str().unwrap().to_string(),
                    r["status"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    fn declines(&self) -> Vec<(i64, String)> {
        self.log()
            .into_iter()
            .filter(|r| r.1 == "decline" && r.3 == "done")
            .map(|r| (r.0, r.2))
            .collect()
    }

    fn status(&self) -> Value {
        let (v, p, s) = (
            self.vdir.to_str().unwrap(),
            self.policy.to_str().unwrap(),
            self.state.to_str().unwrap(),
        );
        let out = self.focusd(&[
            "status",
            "--calendar",
            v,
            "--policy",
            p,
            "--me",
            ME,
            "--state-dir",
            s,
            "--now",
            NOW,
            "--json",
        ]);
        ok(&out);
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

/// Whether the user's own ATTENDEE line says DECLINED (lines unfolded).
fn declined(text: &str) -> bool {
    text.replace("\r\n ", "")
        .lines()
        .any(|l| l.starts_with("ATTENDEE") && l.contains("PARTSTAT=DECLINED") && l.ends_with(ME))
}

/// Finding 2: one outside invitation carrying Google's focus-time type (or focusd's mark
/// and an id in focusd's style) declines nothing in its span; it is itself an invitation.
#[test]
fn an_outsiders_event_posing_as_a_focus_block_declines_nothing() {
    for posing in [
        "X-GOOGLE-EVENT-TYPE:focusTime\r\nTRANSP:TRANSPARENT\r\n",
        "X-FOCUSD-BLOCK:TRUE\r\nX-FOCUSD-EVENT-TYPE:focusTime\r\nTRANSP:TRANSPARENT\r\n",
    ] {
        let w = World::new(false);
        let evil = invitation(
            "focusd2ugtd2q0or8p6",
            "mallory@evil.example",
            1,
            9,
            30,
            posing,
        )
        .replace(
            "DTSTART;TZID=Europe/Berlin:20261201T090000",
            "DTSTART:20261130T000000Z",
        )
        .replace(
            "DTEND;TZID=Europe/Berlin:20261201T093000",
            "DTEND:20261212T000000Z",
        );
        w.put("evil.ics", &evil);
        let review = invitation(
            "review",
            "pm@example.com",
            2,
            11,
            60,
            "DESCRIPTION:Agenda:\\n1. Compaction strategy\\n2. Migration plan\r\n",
        );
        w.put("review.ics", &review);
        ok(&w.run());
        assert_eq!(w.read("review.ics"), review, "{posing}");
        let subjects: Vec<String> = w.declines().into_iter().map(|d| d.1).collect();
        assert!(!subjects.contains(&"review".to_string()), "{subjects:?}");
    }
}

/// Finding 3: one hourly (or minutely) invitation with 13 people and no agenda is one
/// decline, of the series; the file keeps one VEVENT; later cycles decline nothing.
#[test]
fn a_sub_daily_recurring_invitation_is_declined_once_for_the_series() {
    for freq in ["HOURLY", "MINUTELY"] {
        let w = World::new(false);
        let people: String = (1..12)
            .map(|i| format!("ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:p{i}@example.com\r\n"))
            .collect();
        let storm = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:storm\r\n\
             DTSTAMP:20261120T120000Z\r\nSUMMARY:Ping\r\nDTSTART:20261130T080000Z\r\nDURATION:PT1M\r\n\
             RRULE:FREQ={freq}\r\nORGANIZER:mailto:mallory@evil.example\r\n\
             ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:{ME}\r\n{people}END:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        w.put("storm.ics", &storm);
        ok(&w.run());
        let d = w.declines();
        assert_eq!(d.len(), 1, "{freq}: {d:?}");
        assert_eq!(d[0].1, "storm");
        let after = w.read("storm.ics");
        assert_eq!(after.matches("BEGIN:VEVENT").count(), 1, "{after}");
        assert!(declined(&after), "{after}");
        ok(&w.run());
        assert_eq!(w.declines().len(), 1);
    }
}

/// SPEC section 3, invariant 8: the circuit breaker. Fifteen agenda-less invitations from
/// fifteen organizers: ten are declined, focusd says once that it stopped, `status` shows
/// it, the next cycle declines nothing, and `focusd resume` lets the rest go out.
#[test]
fn the_circuit_breaker_stops_declining_says_so_once_and_waits_for_resume() {
    let w = World::new(false);
    for i in 0..15u32 {
        let (day, hour) = (1 + i / 7, 9 + i % 7);
        w.put(
            &format!("i{i:02}.ics"),
            &invitation(
                &format!("i{i:02}"),
                &format!("o{i}@example.com"),
                day,
                hour,
                45,
                "",
            ),
        );
    }
    ok(&w.run());
    assert_eq!(w.declines().len(), 10);
    let breaker_nudges = |w: &World| {
        w.log()
            .into_iter()
            .filter(|r| r.1 == "nudge" && r.2.starts_with("breaker:"))
            .count()
    };
    assert_eq!(breaker_nudges(&w), 1);
    let why = w.status()["breaker"].as_str().unwrap().to_string();
    assert!(
        why.contains("more than 10 declines in a day") && why.contains("5 more"),
        "{why}"
    );

    ok(&w.run());
    assert_eq!(w.declines().len(), 10);
    assert_eq!(breaker_nudges(&w), 1, "said once");

    let out = w.focusd(&["resume", "--state-dir", w.state.to_str().unwrap()]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("resumed declining"));
    assert!(w.status()["breaker"].is_null());
    ok(&w.run());
    assert_eq!(w.declines().len(), 15);
}

/// The per-organizer cap: five agenda-less invitations from one organizer, three declines.
#[test]
fn one_organizer_cannot_make_focusd_decline_more_than_its_cap() {
    let w = World::new(false);
    for i in 0..5u32 {
        w.put(
            &format!("b{i}.ics"),
            &invitation(&format!("b{i}"), "boss@example.com", 1, 9 + i, 45, ""),
        );
    }
    ok(&w.run());
    assert_eq!(w.declines().len(), 3);
    assert!(
        w.status()["breaker"]
            .as_str()
            .unwrap()
            .contains("from boss@example.com")
    );
}

/// `focusd policy check` warns about a policy whose team windows cover the working week.
#[test]
fn policy_check_warns_about_a_policy_that_would_decline_most_invitations() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("all-day.toml");
    let text = std::fs::read_to_string(root().join("policies/platform.toml"))
        .unwrap()
        .replace(
            "team_windows = [{ days = [\"tue\", \"thu\"], start = \"13:00\", end = \"17:30\" }]",
            "team_windows = [{ days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], start = \"09:00\", end = \"17:30\" }]",
        );
    std::fs::write(&file, text).unwrap();
    let out = bin().args(["policy", "check"]).arg(&file).output().unwrap();
    ok(&out);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("warning: team focus windows cover 100% of the working week"),
        "{said}"
    );
    let out = bin()
        .args(["policy", "check"])
        .arg(root().join("policies/platform.toml"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("platform.toml: ok\n"));
}

/// Finding 11: an undo never overwrites an answer the user gave after focusd acted, never
/// answers for someone else, and needs no flags beyond the state and the configuration.
#[test]
fn undo_respects_the_users_later_answer_and_the_user_it_acted_for() {
    let w = World::new(false);
    w.put("q1.ics", &invitation("q1", "pm@example.com", 1, 10, 45, ""));
    ok(&w.run());
    let (id, _) = w.declines()[0].clone();
    let declined_text = w.read("q1.ics");
    assert!(declined(&declined_text));

    // Another user: refused, nothing written.
    let out = w.undo(id, &["--me", "pm@example.com"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(w.read("q1.ics"), declined_text);

    // The user accepted since: refused, the answer stays.
    let accepted = declined_text.replacen("PARTSTAT=DECLINED", "PARTSTAT=ACCEPTED", 1);
    w.put("q1.ics", &accepted);
    let out = w.undo(id, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no longer shows"));
    assert_eq!(w.read("q1.ics"), accepted);

    // As focusd left it: undone, with no --calendar or --me.
    w.put("q1.ics", &declined_text);
    ok(&w.undo(id, &[]));
    assert!(
        w.read("q1.ics")
            .contains("PARTSTAT=NEEDS-ACTION:mailto:alex@example.com")
    );
}

/// Finding 11: undoing the removal of a block that an accepted meeting overlapped does not
/// put the block back over the meeting.
#[test]
fn undo_never_restores_a_block_over_a_meeting() {
    let w = World::new(true);
    ok(&w.run());
    let booked: Vec<_> = w
        .log()
        .into_iter()
        .filter(|r| r.1 == "book_block")
        .collect();
    assert!(!booked.is_empty());
    // Wednesday's morning block (2 Dec, from 09:00): an accepted meeting lands on it.
    let meeting = invitation("standup-move", "pm@example.com", 2, 9, 180, "").replace(
        "PARTSTAT=NEEDS-ACTION:mailto:alex",
        "PARTSTAT=ACCEPTED:mailto:alex",
    );
    w.put("accepted.ics", &meeting);
    ok(&w.run());
    let removed = w
        .log()
        .into_iter()
        .find(|r| (r.1 == "delete_block" || r.1 == "move_block") && r.3 == "done")
        .expect("the block under the meeting was removed or moved");
    let out = w.undo(removed.0, &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("back over"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A weekly series the user accepted, whose occurrences in the horizon are overrides that
/// still say NEEDS-ACTION: focusd never declines over the user's answer to the series.
#[test]
fn a_series_the_user_accepted_is_never_declined_from_its_overrides() {
    let w = World::new(false);
    let over = |day: u32| {
        format!(
            "BEGIN:VEVENT\r\nUID:weekly\r\nDTSTAMP:20261120T120000Z\r\nSUMMARY:Weekly\r\n\
             RECURRENCE-ID;TZID=Europe/Berlin:202612{day:02}T100000\r\n\
             DTSTART;TZID=Europe/Berlin:202612{day:02}T100000\r\nDTEND;TZID=Europe/Berlin:202612{day:02}T104500\r\n\
             ORGANIZER:mailto:pm@example.com\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:{ME}\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:pm@example.com\r\nATTENDEE:mailto:c0@example.com\r\nEND:VEVENT\r\n"
        )
    };
    let text = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:weekly\r\n\
         DTSTAMP:20261120T120000Z\r\nSUMMARY:Weekly\r\nDESCRIPTION:Agenda: roadmap\r\n\
         DTSTART;TZID=Europe/Berlin:20261201T100000\r\nDTEND;TZID=Europe/Berlin:20261201T104500\r\n\
         RRULE:FREQ=WEEKLY;COUNT=4\r\nORGANIZER:mailto:pm@example.com\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:pm@example.com\r\n\
         ATTENDEE:mailto:c0@example.com\r\nEND:VEVENT\r\n{}{}END:VCALENDAR\r\n",
        over(1),
        over(8)
    );
    w.put("weekly.ics", &text);
    w.run();
    assert_eq!(w.read("weekly.ics"), text);
    assert!(w.declines().is_empty());
}

/// An invitation that lists the user twice (two aliases, or one address on two lines) or
/// names two organizers is decided by any answer given, or left alone: an unanswered line
/// never hides an answered one.
#[test]
fn an_answer_on_any_of_the_users_lines_counts() {
    let cases = [
        // Alias answered on a later line.
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:alex.b@example.com\r\n",
        // The same address twice.
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:alex@example.com\r\n",
        // A second organizer: the user.
        "ORGANIZER:mailto:alex@example.com\r\n",
    ];
    for extra in cases {
        let w = World::new(false);
        let text = invitation("twice", "pm@example.com", 1, 10, 45, extra);
        w.put("twice.ics", &text);
        let me = format!("{ME},alex.b@example.com");
        w.run_as(&me, NOW);
        assert_eq!(w.read("twice.ics"), text, "{extra}");
    }
}

/// Safety review, follow-up: an outsider's VEVENT under the UID of the user's own meeting
/// (a higher SEQUENCE in the same file, or overrides in a file of their own) makes the
/// event read-only: nothing of it is declined, and no block is booked over the user's
/// meeting.
#[test]
fn an_outsiders_copy_under_the_users_uid_takes_nothing_over() {
    let own = |extra: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:mine\r\nDTSTAMP:20261120T120000Z\r\nSUMMARY:My planning\r\n\
             DTSTART;TZID=Europe/Berlin:20261130T100000\r\nDTEND;TZID=Europe/Berlin:20261130T110000\r\n\
             RRULE:FREQ=WEEKLY;COUNT=2\r\nORGANIZER:mailto:{ME}\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:c0@example.com\r\n{extra}END:VEVENT\r\n"
        )
    };
    let evil = |rid: &str, seq: u32| {
        format!(
            "BEGIN:VEVENT\r\nUID:mine\r\nDTSTAMP:20261121T120000Z\r\nSEQUENCE:{seq}\r\nSUMMARY:Quick chat\r\n\
             {rid}DTSTART;TZID=Europe/Berlin:20261130T150000\r\nDTEND;TZID=Europe/Berlin:20261130T154500\r\n\
             ORGANIZER:mailto:mallory@evil.example\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:{ME}\r\n\
             ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:c1@example.com\r\nEND:VEVENT\r\n"
        )
    };
    let cal = |body: String| {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n")
    };
    // The user's meeting is Monday 10:00-11:00; a block must never cover it.
    let covers_ten = |w: &World| {
        std::fs::read_dir(&w.vdir).unwrap().any(|e| {
            let t = std::fs::read_to_string(e.unwrap().path()).unwrap_or_default();
            t.contains("X-FOCUSD-BLOCK:TRUE")
                && t.contains("DTSTART:20261130T")
                && ["T080000Z", "T083000Z", "T090000Z"]
                    .iter()
                    .any(|s| t.contains(&format!("DTSTART:20261130{s}")))
        })
    };
    // One file: a higher SEQUENCE from someone else.
    let w = World::new(true);
    w.put(
        "mine.ics",
        &cal(format!(
            "{}{}",
            own(""),
            evil("RRULE:FREQ=WEEKLY;COUNT=2\r\n", 7)
        )),
    );
    w.run();
    assert!(w.declines().is_empty(), "{:?}", w.log());
    assert!(!covers_ten(&w));
    // A vdir: overrides of the user's series in a file of their own.
    let w = World::new(true);
    w.put("own.ics", &cal(own("")));
    w.put(
        "evil.ics",
        &cal(evil(
            "RECURRENCE-ID;TZID=Europe/Berlin:20261130T100000\r\n",
            1,
        )),
    );
    w.run();
    assert!(w.declines().is_empty(), "{:?}", w.log());
    assert!(!covers_ten(&w));
}

/// Declines that fail do not count against the caps: an invitation focusd cannot answer
/// (an occurrence it was invited to without its series) is tried, backs off and is given
/// up, and a later invitation from the same organizer is still declined.
#[test]
fn failed_declines_do_not_trip_the_breaker() {
    let w = World::new(false);
    w.put(
        "orphan.ics",
        &invitation(
            "orphan",
            "mallory@evil.example",
            1,
            10,
            45,
            "RECURRENCE-ID;TZID=Europe/Berlin:20261201T100000\r\n",
        ),
    );
    for _ in 0..4 {
        w.run();
    }
    w.put(
        "later.ics",
        &invitation("later", "mallory@evil.example", 2, 10, 45, ""),
    );
    w.run();
    assert!(w.status()["breaker"].is_null(), "{}", w.status());
    assert!(declined(&w.read("later.ics")));
}

/// A recurring invitation that conflicts with the user's focus time on some days is one
/// nudge for the series, never a decline per occurrence.
#[test]
fn a_series_conflicting_with_focus_time_is_one_nudge() {
    let w = World::new(false);
    let focus = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:deep\r\n\
                 DTSTAMP:20261120T120000Z\r\nSUMMARY:Deep work\r\nX-GOOGLE-EVENT-TYPE:focusTime\r\n\
                 DTSTART;TZID=Europe/Berlin:20261130T090000\r\nDTEND;TZID=Europe/Berlin:20261130T120000\r\n\
                 RRULE:FREQ=DAILY;COUNT=14\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    w.put("deep.ics", focus);
    let series = invitation(
        "daily",
        "pm@example.com",
        1,
        10,
        30,
        "RRULE:FREQ=DAILY;COUNT=10\r\nDESCRIPTION:Agenda: the rollout\r\n",
    );
    w.put("daily.ics", &series);
    for _ in 0..3 {
        w.run();
    }
    assert!(w.declines().is_empty(), "{:?}", w.log());
    assert_eq!(w.read("daily.ics"), series);
    let nudges = w
        .log()
        .into_iter()
        .filter(|r| r.1 == "nudge" && r.2.contains("daily"))
        .count();
    assert_eq!(nudges, 1, "{:?}", w.log());
}

/// An organizer "sent by" someone else is not the user's own doing: an outsider's focus
/// time in the user's name declines nothing; an invitation the user sent as a delegate is
/// the user's and never declined.
#[test]
fn sent_by_decides_whose_doing_an_event_is() {
    let w = World::new(false);
    let evil = invitation(
        "spoof",
        "x@example.com",
        1,
        9,
        30,
        "X-GOOGLE-EVENT-TYPE:focusTime\r\nTRANSP:TRANSPARENT\r\n",
    )
    .replace(
        "ORGANIZER;CN=Organizer:mailto:x@example.com",
        &format!("ORGANIZER;SENT-BY=\"mailto:mallory@evil.example\":mailto:{ME}"),
    )
    .replace(
        "DTSTART;TZID=Europe/Berlin:20261201T090000",
        "DTSTART:20261130T000000Z",
    )
    .replace(
        "DTEND;TZID=Europe/Berlin:20261201T093000",
        "DTEND:20261212T000000Z",
    );
    w.put("spoof.ics", &evil);
    let review = invitation(
        "review",
        "pm@example.com",
        2,
        11,
        60,
        "DESCRIPTION:Agenda: compaction\r\n",
    );
    w.put("review.ics", &review);
    let delegate = invitation("delegated", "boss@example.com", 3, 11, 60, "").replace(
        "ORGANIZER;CN=Organizer:mailto:boss@example.com",
        &format!("ORGANIZER;SENT-BY=\"mailto:{ME}\":mailto:boss@example.com"),
    );
    w.put("delegated.ics", &delegate);
    w.run();
    assert_eq!(w.read("review.ics"), review);
    assert_eq!(w.read("delegated.ics"), delegate);
}

/// A decline given on an alias's line is undone on that line.
#[test]
fn a_decline_under_an_alias_can_be_undone() {
    let w = World::new(false);
    let text = invitation("alias", "pm@example.com", 1, 10, 45, "")
        .replace(&format!("mailto:{ME}"), "mailto:alex.b@example.com");
    w.put("alias.ics", &text);
    let me = format!("{ME},alex.b@example.com");
    ok(&w.run_as(&me, NOW));
    let (id, _) = w.declines()[0].clone();
    ok(&w.undo(id, &[]));
    assert!(
        w.read("alias.ics")
            .contains("PARTSTAT=NEEDS-ACTION:mailto:alex.b@example.com")
    );
}

/// The first-start rule covers invitations beyond the horizon too: one that was already
/// there when focusd first synced is not declined when it comes into the horizon later.
#[test]
fn an_invitation_there_at_the_first_sync_is_never_declined_later() {
    let w = World::new(false);
    let text = std::fs::read_to_string(&w.policy)
        .unwrap()
        .replace("decline_existing = true", "decline_existing = false");
    std::fs::write(&w.policy, text).unwrap();
    let later = invitation("later", "pm@example.com", 21, 10, 45, "");
    w.put("later.ics", &later);
    ok(&w.run());
    w.run_as(ME, "2026-12-14T08:00:00+01:00");
    assert_eq!(w.read("later.ics"), later);
    // A new one, arriving after the first sync, is declined.
    w.put(
        "new.ics",
        &invitation("new", "pm@example.com", 22, 10, 45, ""),
    );
    w.run_as(ME, "2026-12-14T08:00:00+01:00");
    assert!(declined(&w.read("new.ics")));
}

/// Follow-up review: the user declined again, in their own words, after focusd's decline:
/// an undo refuses, since it would overwrite the user's answer.
#[test]
fn undo_refuses_when_the_user_answered_again_with_their_own_comment() {
    let w = World::new(false);
    w.put("q1.ics", &invitation("q1", "pm@example.com", 1, 10, 45, ""));
    ok(&w.run());
    let (id, _) = w.declines()[0].clone();
    let declined_text = w.read("q1.ics");
    let unfolded = declined_text.replace("\r\n ", "");
    let start = unfolded
        .find("X-RESPONSE-COMMENT=\"")
        .expect("focusd's comment")
        + 20;
    let end = start + unfolded[start..].find('"').unwrap();
    let mine = format!("{}Out sick, sorry{}", &unfolded[..start], &unfolded[end..]);
    w.put("q1.ics", &mine);
    let out = w.undo(id, &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(w.read("q1.ics"), mine);
    // As focusd left it, the undo goes through.
    w.put("q1.ics", &declined_text);
    ok(&w.undo(id, &[]));
}
