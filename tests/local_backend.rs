//! The local calendar backend writes: focus blocks as their own files, answers that change
//! only the user's own attendee line (SPEC section 10, invariants 2 and 3).

mod support;

use support::process::root;

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use focusd::backend::local::LocalCalendar;
use focusd::backend::{BackendError, BlockWrite, Calendar, EventRef, Written};
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

// ---------------------------------------------------------------------------------------------
// The writer resolves an event exactly as the reader does (review findings 4, 10, 18, 19).

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/ical").join(name)
}

/// Copies a fixture file, or every file of a fixture folder, into `dir`.
fn copy_fixture(name: &str, dir: &Path) -> PathBuf {
    let src = fixture(name);
    if src.is_dir() {
        let dst = dir.join(name);
        std::fs::create_dir_all(&dst).unwrap();
        for e in std::fs::read_dir(&src).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dst.join(p.file_name().unwrap())).unwrap();
        }
        dst
    } else {
        let dst = dir.join(name);
        std::fs::copy(&src, &dst).unwrap();
        dst
    }
}

/// Every file of a calendar (a file or a folder) with its bytes.
fn snapshot(path: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<PathBuf> = if path.is_dir() {
        std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    } else {
        vec![path.to_path_buf()]
    };
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f).unwrap();
            (f, bytes)
        })
        .collect()
}

/// The numbers of the lines (0-based) that differ, for texts with the same line count.
fn changed_line_numbers(before: &str, after: &str) -> Vec<usize> {
    let b: Vec<&str> = before.split_inclusive('\n').collect();
    let a: Vec<&str> = after.split_inclusive('\n').collect();
    assert_eq!(a.len(), b.len(), "line count changed:\n{after}");
    (0..a.len()).filter(|&i| a[i] != b[i]).collect()
}

fn reference(id: &str, recurrence_id: Option<DateTime<Utc>>) -> EventRef {
    EventRef {
        id: id.into(),
        recurrence_id,
    }
}

#[test]
fn a_uid_held_by_two_different_events_is_never_written() {
    // Repro A: the user's own accepted meeting (a-own.ics, SEQUENCE 0) and an outsider's
    // invitation with the same UID (b-invite.ics, SEQUENCE 3).
    let dir = tempfile::tempdir().unwrap();
    let vdir = copy_fixture("shared_uid", dir.path());
    let before = snapshot(&vdir);
    let mut cal = calendar(&vdir);
    let seen = sync(&mut cal);
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|i| i.details.read_only.is_some()));
    let event = reference("shared-uid@example.com", None);
    for response in [
        Response::Declined,
        Response::NeedsAction,
        Response::Accepted,
    ] {
        let err = block_on(cal.respond(&event, response, Some("no agenda"))).unwrap_err();
        assert!(matches!(err, BackendError::Permanent(_)), "{err:?}");
        assert!(
            err.to_string()
                .contains("is held by two different events (a-own.ics, b-invite.ics)"),
            "{err}"
        );
    }
    assert_eq!(snapshot(&vdir), before, "no file was touched");
}

#[test]
fn the_answer_lands_on_the_copy_the_reader_shows() {
    // Repro B: one file holding the same UID twice, SEQUENCE 0 then SEQUENCE 1 (a file that
    // collects updates by appending them). The reader shows SEQUENCE 1.
    let dir = tempfile::tempdir().unwrap();
    let file = copy_fixture("appended_update.ics", dir.path());
    let before = std::fs::read_to_string(&file).unwrap();
    let mut cal = calendar(&file);
    let shown = sync(&mut cal);
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].summary(), "Sync on Q1 planning (moved)");
    let event = shown[0].event_ref();
    assert_eq!(
        block_on(cal.respond(&event, Response::Declined, Some("no agenda"))).unwrap(),
        Written::Done
    );
    let after = std::fs::read_to_string(&file).unwrap();
    // One line changed: Alex's line in the second (SEQUENCE 1) VEVENT.
    let lines: Vec<&str> = before.split_inclusive('\n').collect();
    let alex: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains("mailto:alex@example.com"))
        .collect();
    assert_eq!(alex.len(), 2);
    let unfolded = after.replace("\r\n ", "");
    assert_eq!(changed_line_numbers(&before, &unfolded), [alex[1]]);
    assert!(
        unfolded.split_inclusive('\n').nth(alex[1]).unwrap().starts_with(
            "ATTENDEE;CN=Alex;PARTSTAT=DECLINED;X-RESPONSE-COMMENT=\"no agenda\":mailto:alex@example.com"
        ),
        "{unfolded}"
    );
    // The reader shows the decline; asked again, nothing is written.
    let shown = sync(&mut cal);
    assert_eq!(
        shown[0].details.role(ME),
        Role::Attendee(Response::Declined)
    );
    assert_eq!(
        block_on(cal.respond(&event, Response::Declined, Some("no agenda"))).unwrap(),
        Written::AlreadyDone
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), after);
    // Withdrawn: byte for byte what it was.
    assert_eq!(
        block_on(cal.respond(&event, Response::NeedsAction, None)).unwrap(),
        Written::Done
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn two_different_copies_in_one_file_with_the_same_sequence_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("twice.ics");
    let text = std::fs::read_to_string(fixture("appended_update.ics"))
        .unwrap()
        .replace("SEQUENCE:1", "SEQUENCE:0");
    std::fs::write(&file, &text).unwrap();
    let mut cal = calendar(&file);
    let shown = sync(&mut cal);
    assert_eq!(shown.len(), 2);
    assert!(shown.iter().all(|i| i.details.read_only.is_some()));
    let err = block_on(cal.respond(&shown[0].event_ref(), Response::Declined, None)).unwrap_err();
    assert!(
        err.to_string()
            .contains("held by two different events (twice.ics:4, twice.ics:16)"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn identical_copies_are_answered_alike() {
    let dir = tempfile::tempdir().unwrap();
    let vdir = dir.path().join("v");
    std::fs::create_dir(&vdir).unwrap();
    let invite = std::fs::read_to_string(fixture("shared_uid/b-invite.ics")).unwrap();
    std::fs::write(vdir.join("a.ics"), &invite).unwrap();
    std::fs::write(vdir.join("b.ics"), invite.replace("\r\n", "\n")).unwrap();
    let mut cal = calendar(&vdir);
    let shown = sync(&mut cal);
    assert_eq!(shown.len(), 1);
    assert!(shown[0].details.read_only.is_none());
    assert_eq!(
        block_on(cal.respond(&shown[0].event_ref(), Response::Declined, None)).unwrap(),
        Written::Done
    );
    for (name, newline) in [("a.ics", "\r\n"), ("b.ics", "\n")] {
        let after = std::fs::read_to_string(vdir.join(name)).unwrap();
        let before = if newline == "\n" {
            invite.replace("\r\n", "\n")
        } else {
            invite.clone()
        };
        let (gone, new) = changed_lines(&before, &after);
        assert_eq!(
            gone,
            ["ATTENDEE;CN=Alex;PARTSTAT=NEEDS-ACTION:mailto:alex@example.com"]
        );
        assert_eq!(
            new,
            ["ATTENDEE;CN=Alex;PARTSTAT=DECLINED:mailto:alex@example.com"]
        );
        assert!(after.ends_with(&format!("END:VCALENDAR{newline}")));
        assert_eq!(after.matches('\n').count(), before.matches('\n').count());
    }
    let shown = sync(&mut cal);
    assert_eq!(shown.len(), 1);
    assert_eq!(
        shown[0].details.role(ME),
        Role::Attendee(Response::Declined)
    );
}

#[test]
fn an_override_in_a_custom_time_zone_is_edited_in_place() {
    // Review finding 10: an Outlook "Customized Time Zone" (VTIMEZONE rules only), and a
    // VTIMEZONE named by X-LIC-LOCATION.
    let dir = tempfile::tempdir().unwrap();
    let file = copy_fixture("custom_tz_override.ics", dir.path());
    let original = std::fs::read_to_string(&file).unwrap();
    let mut cal = calendar(&file);
    for (summary, location) in [
        ("this week in room 2", "Room 2"),
        ("Design sync (longer)", ""),
    ] {
        let before = std::fs::read_to_string(&file).unwrap();
        let inst = sync(&mut cal)
            .into_iter()
            .find(|i| i.summary() == summary)
            .unwrap();
        assert!(inst.recurrence_id.is_some());
        let event = inst.event_ref();
        assert_eq!(
            block_on(cal.respond(&event, Response::Declined, Some("no agenda"))).unwrap(),
            Written::Done,
            "{summary}"
        );
        let after = std::fs::read_to_string(&file).unwrap();
        // No second override: the same VEVENTs, one line changed (Alex's, in the override).
        assert_eq!(after.matches("BEGIN:VEVENT").count(), 4);
        assert_eq!(after.matches("RECURRENCE-ID").count(), 2);
        let unfolded = after.replace("\r\n ", "");
        let before = before.replace("\r\n ", "");
        let changed = changed_line_numbers(&before, &unfolded);
        assert_eq!(changed.len(), 1, "{summary}");
        let lines: Vec<&str> = before.split_inclusive('\n').collect();
        // The changed line belongs to the override (the VEVENT with this summary).
        let summary_line = lines
            .iter()
            .position(|l| l.trim_end() == format!("SUMMARY:{summary}"))
            .unwrap();
        let vevent_start = (0..summary_line)
            .rev()
            .find(|&i| lines[i].starts_with("BEGIN:VEVENT"))
            .unwrap();
        assert!(
            lines[vevent_start..summary_line]
                .iter()
                .any(|l| l.starts_with("RECURRENCE-ID"))
        );
        assert!(lines[changed[0]].contains("mailto:alex@example.com"));
        assert!(changed[0] > vevent_start);
        assert!(
            lines[vevent_start..changed[0]]
                .iter()
                .all(|l| !l.starts_with("END:VEVENT"))
        );
        // The reader shows the decline on the override, which keeps its own fields.
        let inst = sync(&mut cal)
            .into_iter()
            .find(|i| i.recurrence_id == event.recurrence_id && i.uid() == event.id)
            .unwrap();
        assert_eq!(inst.summary(), summary);
        assert_eq!(inst.details.location, location);
        assert_eq!(inst.details.role(ME), Role::Attendee(Response::Declined));
        // A second run writes nothing.
        assert_eq!(
            block_on(cal.respond(&event, Response::Declined, Some("no agenda"))).unwrap(),
            Written::AlreadyDone
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), after);
    }
    // The other instances are untouched.
    let still_open = sync(&mut cal)
        .into_iter()
        .filter(|i| i.details.role(ME) == Role::Attendee(Response::NeedsAction))
        .count();
    assert_eq!(still_open, 2);
    assert_ne!(std::fs::read_to_string(&file).unwrap(), original);
}

#[test]
fn the_users_address_is_compared_as_the_reader_compares_it() {
    // Review finding 18: Unicode case, and aliases in `me`.
    let dir = tempfile::tempdir().unwrap();
    let file = copy_fixture("unicode_attendee.ics", dir.path());
    let before = std::fs::read_to_string(&file).unwrap();
    let mut cal = LocalCalendar::new(&file, chrono_tz::Europe::Berlin, "åsa@example.com");
    let event = reference("fika@example.se", None);
    assert_eq!(
        block_on(cal.respond(&event, Response::Declined, None)).unwrap(),
        Written::Done
    );
    let after = std::fs::read_to_string(&file).unwrap();
    let (gone, new) = changed_lines(&before, &after);
    assert_eq!(
        gone,
        ["ATTENDEE;CN=Åsa;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ÅSA@example.com"]
    );
    // Only the PARTSTAT value changes (review finding 24: RSVP and the order stay).
    assert_eq!(
        new,
        ["ATTENDEE;CN=Åsa;PARTSTAT=DECLINED;RSVP=TRUE:mailto:ÅSA@example.com"]
    );
    let inst = sync(&mut cal).pop().unwrap();
    assert_eq!(
        inst.details.role("åsa@example.com"),
        Role::Attendee(Response::Declined)
    );
    // `me` with aliases: the same line is found.
    let mut cal = LocalCalendar::new(
        &file,
        chrono_tz::Europe::Berlin,
        "alex@example.com, ÅSA@Example.com",
    );
    assert_eq!(
        block_on(cal.respond(&event, Response::Declined, None)).unwrap(),
        Written::AlreadyDone
    );
    assert_eq!(
        block_on(cal.respond(&event, Response::NeedsAction, None)).unwrap(),
        Written::Done
    );
    // Taken back, the file is byte for byte what it was.
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn an_event_without_a_uid_is_read_only_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no-uid.ics");
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Sync\r\n\
                DTSTART:20261202T090000Z\r\nDTEND:20261202T100000Z\r\n\
                ORGANIZER:mailto:pm@example.com\r\n\
                ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:alex@example.com\r\n\
                END:VEVENT\r\nEND:VCALENDAR\r\n";
    std::fs::write(&file, text).unwrap();
    let mut cal = calendar(&file);
    let inst = sync(&mut cal).pop().unwrap();
    assert!(inst.uid().starts_with("focusd-synthetic-"));
    assert!(inst.details.read_only.is_some());
    assert!(block_on(cal.respond(&inst.event_ref(), Response::Declined, None)).is_err());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn an_answer_the_reader_would_not_show_is_not_written() {
    // The user organizes the meeting and is also listed as an attendee: the reader takes
    // them as the organizer, so an answer would never show. Nothing is written, and the call
    // fails instead of answering Done. (A decline is refused before that: it is not focusd's
    // to give.)
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.ics");
    let text = std::fs::read_to_string(fixture("shared_uid/b-invite.ics"))
        .unwrap()
        .replace("mailto:mallory@example.net", "mailto:alex@example.com");
    std::fs::write(&file, &text).unwrap();
    let mut cal = calendar(&file);
    let event = reference("shared-uid@example.com", None);
    let err = block_on(cal.respond(&event, Response::Accepted, None)).unwrap_err();
    assert!(err.to_string().contains("nothing was written"), "{err}");
    let err = block_on(cal.respond(&event, Response::Declined, None)).unwrap_err();
    assert!(err.to_string().contains("not declined"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn a_block_id_taken_by_someone_elses_event_is_reported_as_taken() {
    // Review finding 19: an outside event carrying the id the planner chose.
    let dir = tempfile::tempdir().unwrap();
    let vdir = dir.path().join("v");
    std::fs::create_dir(&vdir).unwrap();
    let squat = std::fs::read_to_string(fixture("shared_uid/b-invite.ics"))
        .unwrap()
        .replace("shared-uid@example.com", "focusd2ugtd2q0or8p6");
    std::fs::write(vdir.join("squat.ics"), &squat).unwrap();
    // A file named after another block id, holding something else.
    std::fs::write(
        vdir.join("focusdother01.ics"),
        squat.replace("focusd2ugtd2q0or8p6", "unrelated@example.net"),
    )
    .unwrap();
    let before = snapshot(&vdir);
    let mut cal = calendar(&vdir);
    for id in ["focusd2ugtd2q0or8p6", "focusdother01"] {
        let err = block_on(cal.put_block(&block(id, t(7, 8, 0), t(7, 11, 0)))).unwrap_err();
        assert!(matches!(err, BackendError::Permanent(_)), "{err:?}");
        assert!(err.to_string().starts_with("id taken:"), "{err}");
    }
    let err = block_on(cal.delete_block("focusd2ugtd2q0or8p6")).unwrap_err();
    assert!(err.to_string().contains("not a focusd block"), "{err}");
    assert_eq!(snapshot(&vdir), before);
    // Another id is booked as usual.
    let b = block("focusdfree0001", t(7, 8, 0), t(7, 11, 0));
    assert_eq!(block_on(cal.put_block(&b)).unwrap(), Written::Done);
    assert!(vdir.join("focusdfree0001.ics").is_file());
}

#[test]
fn stray_copies_of_a_block_are_moved_and_deleted_together() {
    let dir = tempfile::tempdir().unwrap();
    let vdir = dir.path().join("v");
    std::fs::create_dir(&vdir).unwrap();
    let mut cal = calendar(&vdir);
    let b = block("focusdcopy0001", t(7, 8, 0), t(7, 10, 0));
    assert_eq!(block_on(cal.put_block(&b)).unwrap(), Written::Done);
    std::fs::copy(vdir.join("focusdcopy0001.ics"), vdir.join("copy.ics")).unwrap();
    assert_eq!(sync(&mut cal).len(), 1);
    let moved = block("focusdcopy0001", t(7, 9, 0), t(7, 11, 0));
    assert_eq!(block_on(cal.put_block(&moved)).unwrap(), Written::Done);
    assert!(!vdir.join("copy.ics").exists(), "the stray copy is gone");
    let seen = sync(&mut cal);
    assert_eq!(
        seen.iter().map(|i| (i.start, i.end)).collect::<Vec<_>>(),
        [(moved.start, moved.end)]
    );
    std::fs::copy(vdir.join("focusdcopy0001.ics"), vdir.join("copy.ics")).unwrap();
    assert_eq!(
        block_on(cal.delete_block("focusdcopy0001")).unwrap(),
        Written::Done
    );
    assert_eq!(std::fs::read_dir(&vdir).unwrap().count(), 0);
}

#[test]
fn a_cr_only_calendar_stays_cr_only() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mac.ics");
    let text = std::fs::read_to_string(fixture("unicode_attendee.ics"))
        .unwrap()
        .replace("\r\n", "\r");
    std::fs::write(&file, &text).unwrap();
    let mut cal = LocalCalendar::new(&file, chrono_tz::Europe::Berlin, "åsa@example.com");
    let b = block("focusdmac00001", t(7, 8, 0), t(7, 10, 0));
    assert_eq!(block_on(cal.put_block(&b)).unwrap(), Written::Done);
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(!after.contains('\n'));
    assert!(after.starts_with(&text[..text.rfind("END:VCALENDAR").unwrap()]));
    assert_eq!(sync(&mut cal).len(), 2);
    assert_eq!(
        block_on(cal.delete_block("focusdmac00001")).unwrap(),
        Written::Done
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn an_occurrence_after_a_this_and_future_override_gets_an_override_of_that_version() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("standup.ics");
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
        BEGIN:VEVENT\r\nUID:standup\r\nSUMMARY:Stand-up\r\n\
        DTSTART;TZID=Europe/Berlin:20261201T100000\r\nDTEND;TZID=Europe/Berlin:20261201T101500\r\n\
        RRULE:FREQ=DAILY;COUNT=10\r\nORGANIZER:mailto:pm@example.com\r\n\
        ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:alex@example.com\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:standup\r\nSUMMARY:Stand-up (new time)\r\n\
        RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20261205T100000\r\n\
        DTSTART;TZID=Europe/Berlin:20261205T090000\r\nDTEND;TZID=Europe/Berlin:20261205T091500\r\n\
        ORGANIZER:mailto:pm@example.com\r\n\
        ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:alex@example.com\r\nEND:VEVENT\r\n\
        END:VCALENDAR\r\n";
    std::fs::write(&file, text).unwrap();
    let mut cal = calendar(&file);
    let seventh = sync(&mut cal)
        .into_iter()
        .find(|i| i.recurrence_id == Some(t(7, 9, 0)))
        .unwrap();
    assert_eq!(seventh.summary(), "Stand-up (new time)");
    assert_eq!(seventh.start, t(7, 8, 0));
    assert_eq!(
        block_on(cal.respond(&seventh.event_ref(), Response::Declined, None)).unwrap(),
        Written::Done
    );
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.starts_with(&text[..text.rfind("END:VCALENDAR").unwrap()]));
    assert_eq!(after.matches("BEGIN:VEVENT").count(), 3);
    let seen = sync(&mut cal);
    let declined: Vec<_> = seen
        .iter()
        .filter(|i| i.details.role(ME) == Role::Attendee(Response::Declined))
        .map(|i| (i.summary(), i.start, i.recurrence_id))
        .collect();
    assert_eq!(
        declined,
        [("Stand-up (new time)", t(7, 8, 0), Some(t(7, 9, 0)))]
    );
    assert_eq!(seen.len(), 10);
    assert_eq!(
        block_on(cal.respond(&seventh.event_ref(), Response::Declined, None)).unwrap(),
        Written::AlreadyDone
    );
}

#[test]
fn hostile_files_never_make_the_writer_panic_and_failures_write_nothing() {
    let junk = [
        "",
        "BEGIN:VEVENT",
        "END:VEVENT",
        "END:VCALENDAR",
        "BEGIN;X=1:VALARM",
        "UID:shared-uid@example.com",
        "UID:focusdhostile001",
        "RECURRENCE-ID:20261202T090000Z",
        "RECURRENCE-ID;TZID=Nowhere:2026",
        "SEQUENCE:99999999999999999999",
        "ATTENDEE:mailto:alex@example.com",
        "ATTENDEE;PARTSTAT=\"unterminated:mailto:alex@example.com",
        " folded continuation",
        "DTSTART:2026",
        "RRULE:FREQ=MONTHLY;BYDAY=-5MO,1TU;BYSETPOS=-1",
        "\u{0}\u{feff}\u{fffd}",
    ];
    let sources = [
        "shared_uid/b-invite.ics",
        "appended_update.ics",
        "custom_tz_override.ics",
        "unicode_attendee.ics",
    ];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.ics");
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for source in sources {
        let text = std::fs::read_to_string(fixture(source)).unwrap();
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        for i in 0..lines.len() {
            let mut variants = Vec::new();
            let mut l = lines.clone();
            l.remove(i);
            variants.push(l.concat());
            let mut l = lines.clone();
            let line = format!("{}\r\n", junk[(next() % junk.len() as u64) as usize]);
            l[i] = &line;
            variants.push(l.concat());
            let mut l = lines.clone();
            l.insert(i, lines[i]);
            variants.push(l.concat());
            for variant in variants {
                std::fs::write(&file, &variant).unwrap();
                let mut cal = calendar(&file);
                let targets: Vec<EventRef> = block_on(cal.sync(t(1, 0, 0), t(20, 0, 0)))
                    .map(|s| s.instances.iter().map(|i| i.event_ref()).collect())
                    .unwrap_or_default();
                for target in targets.iter().take(2) {
                    let before = std::fs::read(&file).unwrap();
                    if block_on(cal.respond(target, Response::Declined, Some("x"))).is_err() {
                        assert_eq!(std::fs::read(&file).unwrap(), before, "{variant}");
                    }
                }
                for id in ["focusdhostile001", "shared-uid@example.com"] {
                    let before = std::fs::read(&file).unwrap();
                    if block_on(cal.put_block(&block(id, t(7, 8, 0), t(7, 9, 0)))).is_err() {
                        assert_eq!(std::fs::read(&file).unwrap(), before, "{variant}");
                    }
                    let before = std::fs::read(&file).unwrap();
                    if block_on(cal.delete_block(id)).is_err() {
                        assert_eq!(std::fs::read(&file).unwrap(), before, "{variant}");
                    }
                }
            }
        }
    }
}
