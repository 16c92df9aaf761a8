//! The local calendar backend writes: focus blocks as their own files, answers that change
//! only the user's own attendee line (SPEC section 10, invariants 2 and 3).

mod support;

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use focusd::backend::local::LocalCalendar;
use focusd::backend::{BlockWrite, Calendar, EventRef, Written};
use focusd::event::{Response, Role};

const ME: &str = "alex@example.com";

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}

fn t(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn calendar(path: &Path) -> LocalCalendar {
    LocalCalendar::new(path, chrono_tz::Europe::Berlin, ME)
}

fn sync(cal: &mut LocalCalendar) -> Vec<focusd::event::Instance> {
    block_on(cal.sync(t(1, 0, 0) - chrono::Duration::days(2), t(20, 0, 0)))
        .unwrap()
        .instances
}

fn block(id: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> BlockWrite {
    BlockWrite {
        id: id.into(),
        start,
        end,
        title: "Focus time".into(),
        decline_message: "In a focus block, sorry".into(),
    }
}

/// Lines of `after` that are not in `before` and the other way round.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.lines().collect();
    let a: Vec<&str> = after.lines().collect();
    let gone = b
        .iter()
        .filter(|l| !a.contains(l))
        .map(|l| l.to_string())
        .collect();
    let new = a
        .iter()
        .filter(|l| !b.contains(l))
        .map(|l| l.to_string())
        .collect();
    (gone, new)
}

#[test]
fn blocks_are_files_of_their_own_and_writes_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let vdir = support::example_vdir(dir.path());
    let mut cal = calendar(&vdir);
    let b = block("focusdabc123", t(2, 8, 0), t(2, 10, 0));
    assert_eq!(block_on(cal.put_block(&b)).unwrap(), Written::Done);
    assert!(vdir.join("focusdabc123.ics").is_file());
    assert_eq!(block_on(cal.put_block(&b)).unwrap(), Written::AlreadyDone);
    let found: Vec<_> = sync(&mut cal)
        .into_iter()
        .filter(|i| i.uid() == "focusdabc123")
        .collect();
    assert_eq!(found.len(), 1);
    assert!(found[0].details.focusd_block && found[0].is_focus_block(ME));
    assert_eq!((found[0].start, found[0].end), (b.start, b.end));
    // Moving keeps one block with the new times.
    let moved = block("focusdabc123", t(2, 8, 0), t(2, 9, 30));
    assert_eq!(block_on(cal.put_block(&moved)).unwrap(), Written::Done);
    let found: Vec<_> = sync(&mut cal)
        .into_iter()
        .filter(|i| i.uid() == "focusdabc123")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].end, t(2, 9, 30));
    // Deleting twice is fine; other people's events are never deleted.
    assert_eq!(
        block_on(cal.delete_block("focusdabc123")).unwrap(),
        Written::Done
    );
    assert!(!vdir.join("focusdabc123.ics").exists());
    assert_eq!(
        block_on(cal.delete_block("focusdabc123")).unwrap(),
        Written::AlreadyDone
    );
    let err = block_on(cal.delete_block("q1-sync@example.com")).unwrap_err();
    assert!(err.to_string().contains("not a focusd block"), "{err}");
    assert!(vdir.join("q1-sync@example.com.ics").is_file());
    let err =
        block_on(cal.put_block(&block("q1-sync@example.com", t(2, 8, 0), t(2, 9, 0)))).unwrap_err();
    assert!(err.to_string().contains("not a focusd block"), "{err}");
    // No temporary file is left behind.
    assert!(
        std::fs::read_dir(&vdir).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with('.'))
    );
}

#[test]
fn a_decline_changes_only_the_users_own_attendee_line() {
    let dir = tempfile::tempdir().unwrap();
    let vdir = support::example_vdir(dir.path());
    let file = vdir.join("q1-sync@example.com.ics");
    let before = std::fs::read_to_string(&file).unwrap();
    let mut cal = calendar(&vdir);
    let event = EventRef {
        id: "q1-sync@example.com".into(),
        recurrence_id: None,
    };
    let comment = "I keep my calendar for meetings with an agenda; \"really\"";
    assert_eq!(
        block_on(cal.respond(&event, Response::Declined, Some(comment))).unwrap(),
        Written::Done
    );
    let after = std::fs::read_to_string(&file).unwrap();
    let (gone, new) = changed_lines(&before, &after);
    assert_eq!(
        gone,
        ["ATTENDEE;CN=Alex;PARTSTAT=NEEDS-ACTION:mailto:alex@example.com"]
    );
    // The new line is folded; unfolded it is the user's line with the answer.
    let unfolded = after.replace("\r\n ", "");
    assert!(
        unfolded.contains(
            "ATTENDEE;CN=Alex;PARTSTAT=DECLINED;X-RESPONSE-COMMENT=\"I keep my calendar for meetings with an agenda; 'really'\":mailto:alex@example.com"
        ),
        "{unfolded}"
    );
    assert!(
        new.iter()
            .all(|l| l.starts_with("ATTENDEE;CN=Alex") || l.starts_with(' ')),
        "{new:?}"
    );
    // Every other attendee and field is still there, byte for byte.
    let before_others: Vec<&str> = before
        .lines()
        .filter(|l| !l.contains("alex@example.com"))
        .collect();
    let after_others: Vec<&str> = unfolded
        .lines()
        .filter(|l| !l.contains("alex@example.com"))
        .collect();
    assert_eq!(before_others, after_others);
    let inst = sync(&mut cal)
        .into_iter()
        .find(|i| i.uid() == "q1-sync@example.com")
        .unwrap();
    assert_eq!(inst.details.role(ME), Role::Attendee(Response::Declined));
    assert_eq!(inst.details.attendees.len(), 9);
    // Asked again: nothing to do. Withdrawn: back to not answered.
    assert_eq!(
        block_on(cal.respond(&event, Response::Declined, Some(comment))).unwrap(),
        Written::AlreadyDone
    );
    assert_eq!(
        block_on(cal.respond(&event, Response::NeedsAction, None)).unwrap(),
        Written::Done
    );
    // Declined and withdrawn, the file is byte for byte what it was.
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn answering_one_instance_of_a_series_adds_an_override() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("series.ics");
    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:weekly\r\n\
         DTSTART;TZID=Europe/Berlin:20261201T100000\r\nDTEND;TZID=Europe/Berlin:20261201T110000\r\n\
         RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Weekly sync\r\nORGANIZER:mailto:pm@example.com\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:pm@example.com\r\n\
         ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:alex@example.com\r\n\
         BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let mut cal = calendar(&file);
    let second = t(8, 9, 0);
    let event = EventRef {
        id: "weekly".into(),
        recurrence_id: Some(second),
    };
    assert_eq!(
        block_on(cal.respond(&event, Response::Declined, Some("no agenda"))).unwrap(),
        Written::Done
    );
    let instances = sync(&mut cal);
    let roles: Vec<(DateTime<Utc>, Role)> = instances
        .iter()
        .map(|i| (i.start, i.details.role(ME)))
        .collect();
    assert_eq!(
        roles,
        [
            (t(1, 9, 0), Role::Attendee(Response::NeedsAction)),
            (t(8, 9, 0), Role::Attendee(Response::Declined)),
            (t(15, 9, 0), Role::Attendee(Response::NeedsAction)),
        ]
    );
    assert_eq!(instances[1].recurrence_id, Some(second));
    assert_eq!(instances[1].summary(), "Weekly sync");
    // The same answer again is found in the override, not written twice.
    assert_eq!(
        block_on(cal.respond(&event, Response::Declined, Some("no agenda"))).unwrap(),
        Written::AlreadyDone
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
    assert_eq!(text.matches("RRULE").count(), 1);
    // And withdrawn on the override itself.
    assert_eq!(
        block_on(cal.respond(&event, Response::NeedsAction, None)).unwrap(),
        Written::Done
    );
    assert_eq!(
        std::fs::read_to_string(&file)
            .unwrap()
            .matches("BEGIN:VEVENT")
            .count(),
        2
    );
    assert!(
        sync(&mut cal)
            .iter()
            .all(|i| i.details.role(ME) == Role::Attendee(Response::NeedsAction))
    );
}

#[test]
fn a_single_file_calendar_is_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("week.ics");
    std::fs::copy(root().join("examples/week.ics"), &file).unwrap();
    let mut cal = calendar(&file);
    let b = block("focusdsingle01", t(2, 8, 0), t(2, 10, 0));
    assert_eq!(block_on(cal.put_block(&b)).unwrap(), Written::Done);
    assert_eq!(block_on(cal.put_block(&b)).unwrap(), Written::AlreadyDone);
    let n = sync(&mut cal)
        .iter()
        .filter(|i| i.uid() == "focusdsingle01")
        .count();
    assert_eq!(n, 1);
    assert_eq!(
        block_on(cal.delete_block("focusdsingle01")).unwrap(),
        Written::Done
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string(root().join("examples/week.ics")).unwrap(),
        "booking and deleting a block leaves the file as it was"
    );
    let missing = EventRef {
        id: "nope".into(),
        recurrence_id: None,
    };
    assert!(block_on(cal.respond(&missing, Response::Declined, None)).is_err());
}
