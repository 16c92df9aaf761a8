//! Writes that lose nothing (review findings 5, 10, 12 and 24): for any decline, any block
//! booked or removed and any undo, the file afterwards equals the file before except for the
//! bytes the action is meant to change. Over the khal corpus, our own fixtures and generated
//! calendars (CRLF, LF, CR-only, folded lines, Latin-1 bytes, custom VTIMEZONEs, overrides).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use focusd::backend::local::LocalCalendar;
use focusd::backend::{BlockWrite, Calendar, EventRef, Written};
use focusd::event::{Instance, Response, Role};
use proptest::prelude::*;

mod support;

use support::process::{root, stderr};

const ME: &str = "alex@example.com";
/// The user's line as the tests put it into every VEVENT (before the line end).
const MY_LINE: &str =
    "ATTENDEE;CN=Alex Tester;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:alex@example.com";
const COMMENT: &str = "No agenda yet: add one and focusd will look again. Gruß, Alex";

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}

fn window() -> (DateTime<Utc>, DateTime<Utc>) {
    (
        Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2035, 1, 1, 0, 0, 0).unwrap(),
    )
}

fn instances(cal: &mut LocalCalendar) -> Vec<Instance> {
    let (from, to) = window();
    block_on(cal.sync(from, to))
        .map(|s| s.instances)
        .unwrap_or_default()
}

/// The line end a calendar uses (as the writer finds it).
fn newline(bytes: &[u8]) -> &'static [u8] {
    match bytes.iter().position(|&b| b == b'\n') {
        Some(i) if i > 0 && bytes[i - 1] == b'\r' => b"\r\n",
        Some(_) => b"\n",
        None if bytes.contains(&b'\r') => b"\r",
        None => b"\r\n",
    }
}

/// `text` with the user invited to every VEVENT: an organizer (where none) and the user's
/// line after each `BEGIN:VEVENT`, in the file's own line ends.
fn invite_me(bytes: &[u8]) -> Vec<u8> {
    let nl = newline(bytes);
    let begin = [b"BEGIN:VEVENT".as_slice(), nl].concat();
    let mut out = Vec::with_capacity(bytes.len() + 1024);
    let mut rest = bytes;
    while let Some(i) = find(rest, &begin) {
        out.extend_from_slice(&rest[..i + begin.len()]);
        rest = &rest[i + begin.len()..];
        let has_organizer = find(rest, b"ORGANIZER")
            .is_some_and(|o| find(rest, b"END:VEVENT").is_none_or(|e| o < e));
        if !has_organizer {
            out.extend_from_slice(b"ORGANIZER:mailto:boss@example.com");
            out.extend_from_slice(nl);
        }
        out.extend_from_slice(MY_LINE.as_bytes());
        out.extend_from_slice(nl);
    }
    out.extend_from_slice(rest);
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The bytes `after` has where `before` differs: (range in `before`, what replaced it).
fn difference<'a>(before: &[u8], after: &'a [u8]) -> (std::ops::Range<usize>, &'a [u8]) {
    let prefix = before.iter().zip(after).take_while(|(a, b)| a == b).count();
    let max = before.len().min(after.len()) - prefix;
    let suffix = before
        .iter()
        .rev()
        .zip(after.iter().rev())
        .take(max)
        .take_while(|(a, b)| a == b)
        .count();
    (
        prefix..before.len() - suffix,
        &after[prefix..after.len() - suffix],
    )
}

/// What was inserted into `before` to give `after`, if that is all that happened and it
/// went in before the last `END:VCALENDAR` line.
fn inserted_at_end<'a>(before: &[u8], after: &'a [u8]) -> Option<&'a [u8]> {
    let k = before.windows(13).rposition(|w| w == b"END:VCALENDAR")?;
    let grown = after.len().checked_sub(before.len())?;
    (after.starts_with(&before[..k]) && after.ends_with(&before[k..])).then(|| &after[k..k + grown])
}

/// Whether `piece` is one whole VEVENT in the file's line ends.
fn one_vevent(piece: &[u8], nl: &[u8]) -> bool {
    piece.starts_with(b"BEGIN:VEVENT")
        && piece.ends_with(&[b"END:VEVENT".as_slice(), nl].concat())
        && find(&piece[1..], b"BEGIN:VEVENT").is_none()
}

/// The ranges in `bytes` of each logical line holding the user's answer (the injected line
/// with its continuation lines and line end), found by its unfolded text.
fn my_lines(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        // One logical line: to a line end not followed by a space or tab.
        let mut end = start;
        let mut unfolded = Vec::new();
        loop {
            let rest = &bytes[end..];
            let Some(j) = rest.iter().position(|&b| b == b'\n' || b == b'\r') else {
                unfolded.extend_from_slice(rest);
                end = bytes.len();
                break;
            };
            unfolded.extend_from_slice(&rest[..j]);
            end += j;
            end += if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            if matches!(bytes.get(end), Some(b' ' | b'\t')) {
                end += 1;
            } else {
                break;
            }
        }
        if unfolded.starts_with(b"ATTENDEE;CN=Alex Tester") {
            out.push(start..end);
        }
        start = end;
    }
    out
}

/// The logical line (folds removed) of physical lines.
fn unfolded(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes)
        .replace("\r\n ", "")
        .replace("\n ", "")
        .replace("\r ", "");
    text.trim_end_matches(['\r', '\n']).as_bytes().to_vec()
}

/// Whether `la` is the user's line `lb` restored: byte for byte, or with the one documented
/// exception: where the line was folded inside the last four characters of `NEEDS-ACTION`
/// (past the length of `DECLINED`), the fold comes back just after the value.
fn restored(lb: &[u8], la: &[u8]) -> bool {
    if lb == la {
        return true;
    }
    let text = String::from_utf8_lossy(lb).to_ascii_uppercase();
    let folded_in_tail = ["NEEDS-AC", "NEEDS-ACT", "NEEDS-ACTI", "NEEDS-ACTIO"]
        .iter()
        .any(|head| {
            ["\r\n ", "\n ", "\r "]
                .iter()
                .any(|f| text.contains(&format!("PARTSTAT={head}{f}")))
        });
    folded_in_tail && unfolded(lb) == unfolded(la)
}

/// Whether `undone` is `before` with the user's lines restored (see [`restored`]).
fn fold_moved_out_of_partstat(before: &[u8], undone: &[u8]) -> bool {
    let (b, a) = (my_lines(before), my_lines(undone));
    b.len() == a.len()
        && !b.is_empty()
        && b.iter()
            .zip(&a)
            .all(|(b, a)| restored(&before[b.clone()], &undone[a.clone()]))
        && before[..b[0].start] == undone[..a[0].start]
}

/// What one calendar file went through, for the failure message.
#[derive(Default)]
struct Checked {
    declines: usize,
    overrides: usize,
    blocks: usize,
}

/// Declines (and takes back) up to `limit` unanswered instances of the file, and books and
/// removes a block, checking after each write that only the bytes it owns changed.
fn check_file(path: &Path, limit: usize) -> Result<Checked, String> {
    let mut cal = LocalCalendar::new(path, chrono_tz::Europe::Berlin, ME);
    let mut done = Checked::default();
    // At most two instances of each event, so that every event gets its turn.
    let mut per_uid = std::collections::HashMap::<String, usize>::new();
    let open: Vec<Instance> = instances(&mut cal)
        .into_iter()
        .filter(|i| {
            i.details.role(ME) == Role::Attendee(Response::NeedsAction)
                && i.details.read_only.is_none()
        })
        .filter(|i| {
            let n = per_uid.entry(i.uid().to_string()).or_default();
            *n += 1;
            *n <= 2
        })
        .take(limit)
        .collect();
    for inst in open {
        let before = std::fs::read(path).unwrap();
        let event = EventRef {
            id: inst.uid().to_string(),
            recurrence_id: inst.recurrence_id,
        };
        let name = format!("{} {:?}", inst.uid(), inst.recurrence_id);
        match block_on(cal.respond(&event, Response::Declined, Some(COMMENT))) {
            Ok(Written::Done) => {}
            Ok(Written::AlreadyDone) => continue,
            // A refusal changes nothing.
            Err(e) => {
                if std::fs::read(path).unwrap() != before {
                    return Err(format!("{name}: refused ({e}) but the file changed"));
                }
                continue;
            }
        }
        let after = std::fs::read(path).unwrap();
        let (gone, new) = difference(&before, &after);
        let inside_my_line = my_lines(&before)
            .iter()
            .any(|l| l.start <= gone.start && gone.end <= l.end);
        let nl = newline(&before);
        let over = inserted_at_end(&before, &after).filter(|o| one_vevent(o, nl));
        if inside_my_line {
            done.declines += 1;
        } else if let Some(over) = over {
            done.overrides += 1;
            let rule = [nl, b"RRULE".as_slice()].concat();
            if find(over, b"RECURRENCE-ID:").is_none() || find(over, &rule).is_some() {
                return Err(format!(
                    "{name}: the inserted override is not one: {:?}",
                    String::from_utf8_lossy(over)
                ));
            }
        } else {
            return Err(format!(
                "{name}: the decline changed bytes it does not own: {:?} became {:?}",
                String::from_utf8_lossy(&before[gone.clone()]),
                String::from_utf8_lossy(new)
            ));
        }
        // The reader shows the decline, and a second write changes nothing.
        let again = block_on(cal.respond(&event, Response::Declined, Some(COMMENT)));
        if !matches!(again, Ok(Written::AlreadyDone)) || std::fs::read(path).unwrap() != after {
            return Err(format!("{name}: declining again wrote again ({again:?})"));
        }
        // Taken back: the user's line reads as before, byte for byte.
        match block_on(cal.respond(&event, Response::NeedsAction, None)) {
            Ok(Written::Done) => {}
            other => return Err(format!("{name}: the undo did not write: {other:?}")),
        }
        let undone = std::fs::read(path).unwrap();
        if inside_my_line {
            if undone != before && !fold_moved_out_of_partstat(&before, &undone) {
                let (g, n) = difference(&before, &undone);
                return Err(format!(
                    "{name}: the undo is not byte for byte: {:?} became {:?} in {:?}",
                    String::from_utf8_lossy(&before[g.clone()]),
                    String::from_utf8_lossy(n),
                    String::from_utf8_lossy(
                        &before[g.start.saturating_sub(80)..(g.end + 80).min(before.len())]
                    ),
                ));
            }
        } else {
            // The override stays, with the user's line as the series has it.
            let Some(n) = inserted_at_end(&before, &undone).filter(|o| my_lines(o).len() == 1)
            else {
                return Err(format!("{name}: the undo of an override changed more"));
            };
            let line = &n[my_lines(n)[0].clone()];
            if !my_lines(&before)
                .iter()
                .any(|l| restored(&before[l.clone()], line))
            {
                return Err(format!(
                    "{name}: the override's line after the undo is {:?}",
                    String::from_utf8_lossy(line)
                ));
            }
        }
    }
    // A block booked into the file is one inserted VEVENT; removed, the file is as before.
    let before = std::fs::read(path).unwrap();
    let start = Utc.with_ymd_and_hms(2031, 3, 4, 5, 0, 0).unwrap();
    let block = BlockWrite {
        id: "focusd-writes-test".into(),
        start,
        end: start + Duration::hours(2),
        title: "Focus time".into(),
        decline_message: "In a focus block".into(),
    };
    if let Ok(Written::Done) = block_on(cal.put_block(&block)) {
        let after = std::fs::read(path).unwrap();
        if inserted_at_end(&before, &after)
            .filter(|b| one_vevent(b, newline(&before)))
            .is_none()
        {
            return Err(format!(
                "the block changed more than it inserted: {:?}",
                String::from_utf8_lossy(&after)
            ));
        }
        match block_on(cal.delete_block(&block.id)) {
            Ok(Written::Done) => {}
            other => return Err(format!("the block was not removed: {other:?}")),
        }
        if std::fs::read(path).unwrap() != before {
            return Err("the file is not as before once the block is removed".into());
        }
        done.blocks += 1;
    }
    Ok(done)
}

/// Every calendar file of a corpus folder, with the user invited to every event.
fn corpus(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.extension().is_some_and(|x| x == "ics") && p.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            out.push((p.display().to_string(), invite_me(&bytes)));
        }
    }
    out
}

/// The same bytes with other line ends (`"\n"` or `"\r"`), folds kept.
fn with_line_ends(bytes: &[u8], nl: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            out.extend_from_slice(nl);
            i += 2;
        } else if bytes[i] == b'\n' || bytes[i] == b'\r' {
            out.extend_from_slice(nl);
            i += 1;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn every_write_on_real_calendars_changes_only_its_own_bytes() {
    let khal = root().join("../shared/fixtures/khal-ics");
    if !khal.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the khal corpus is missing at {}",
            khal.display()
        );
        eprintln!("SKIPPED: no khal corpus at {}", khal.display());
    }
    let mut files = corpus(&khal);
    files.extend(corpus(&root().join("tests/fixtures/ical")));
    assert!(files.len() > 10, "only {} corpus files", files.len());
    let dir = tempfile::tempdir().unwrap();
    let mut totals = Checked::default();
    let mut failures = Vec::new();
    for (name, bytes) in &files {
        for (variant, nl) in [
            ("", None),
            (" (LF)", Some(&b"\n"[..])),
            (" (CR)", Some(&b"\r"[..])),
        ] {
            let bytes = match nl {
                Some(nl) => with_line_ends(bytes, nl),
                None => bytes.clone(),
            };
            let path = dir.path().join("cal.ics");
            std::fs::write(&path, &bytes).unwrap();
            match check_file(&path, 4) {
                Ok(c) => {
                    totals.declines += c.declines;
                    totals.overrides += c.overrides;
                    totals.blocks += c.blocks;
                }
                Err(e) => failures.push(format!("{name}{variant}: {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The corpus exercised every kind of write.
    assert!(totals.declines > 50, "only {} declines", totals.declines);
    assert!(totals.overrides > 10, "only {} overrides", totals.overrides);
    assert!(totals.blocks > 50, "only {} blocks", totals.blocks);
}

/// One generated event: how it is written.
#[derive(Debug, Clone)]
struct Gen {
    zone: u8,
    recurring: bool,
    override_too: bool,
    latin1: bool,
    fold_at: Option<usize>,
    partstat: u8,
    day: u32,
    hour: u32,
}

fn gen_event() -> impl Strategy<Value = Gen> {
    (
        0u8..3,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(1usize..60),
        0u8..3,
        1u32..28,
        6u32..18,
    )
        .prop_map(
            |(zone, recurring, override_too, latin1, fold_at, partstat, day, hour)| Gen {
                zone,
                recurring,
                override_too,
                latin1,
                fold_at,
                partstat,
                day,
                hour,
            },
        )
}

const CUSTOM_ZONE: &str = "BEGIN:VTIMEZONE\nTZID:Customized Time Zone\nBEGIN:STANDARD\nDTSTART:16010101T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nEND:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE\n";

/// A calendar of generated events, as bytes with `\n` line ends (converted by the caller).
fn calendar(events: &[Gen], trailing_newline: bool) -> Vec<u8> {
    let mut out: Vec<u8> = b"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//gen//EN\n".to_vec();
    if events.iter().any(|e| e.zone == 2) {
        out.extend_from_slice(CUSTOM_ZONE.as_bytes());
    }
    for (n, e) in events.iter().enumerate() {
        let tz = match e.zone {
            0 => String::new(),
            1 => ";TZID=Europe/Berlin".into(),
            _ => ";TZID=\"Customized Time Zone\"".into(),
        };
        let z = if e.zone == 0 { "Z" } else { "" };
        let when = |d: u32, h: u32| format!("203012{d:02}T{h:02}0000{z}");
        let my_line = {
            let base = match e.partstat {
                0 => MY_LINE.to_string(),
                1 => MY_LINE.replace("PARTSTAT=NEEDS-ACTION;", ""),
                _ => MY_LINE.replace("NEEDS-ACTION", "needs-action"),
            };
            match e.fold_at {
                Some(at) if at < base.len() => format!("{}\n {}", &base[..at], &base[at..]),
                _ => base,
            }
        };
        let mut vevent = |rid: Option<u32>, summary: &[u8]| {
            out.extend_from_slice(format!("BEGIN:VEVENT\nUID:gen-{n}@example.com\n").as_bytes());
            out.extend_from_slice(b"SUMMARY:");
            out.extend_from_slice(summary);
            out.extend_from_slice(b"\n");
            let day = rid.unwrap_or(e.day);
            if let Some(r) = rid {
                out.extend_from_slice(
                    format!("RECURRENCE-ID{tz}:{}\n", when(r, e.hour)).as_bytes(),
                );
            }
            out.extend_from_slice(
                format!(
                    "DTSTART{tz}:{}\nDTEND{tz}:{}\n",
                    when(day, e.hour),
                    when(day, e.hour + 1)
                )
                .as_bytes(),
            );
            if e.recurring && rid.is_none() {
                out.extend_from_slice(b"RRULE:FREQ=DAILY;COUNT=3\n");
            }
            out.extend_from_slice(b"ORGANIZER;CN=Boss:mailto:boss@example.com\n");
            out.extend_from_slice(my_line.as_bytes());
            out.extend_from_slice(b"\nATTENDEE;PARTSTAT=ACCEPTED:mailto:boss@example.com\n");
            out.extend_from_slice(b"END:VEVENT\n");
        };
        let summary: &[u8] = if e.latin1 {
            b"Caf\xe9 planning \xff\xfe"
        } else {
            b"Planning"
        };
        vevent(None, summary);
        if e.recurring && e.override_too && e.day + 1 < 28 {
            vevent(Some(e.day + 1), b"Moved (room 2)");
        }
    }
    out.extend_from_slice(b"END:VCALENDAR");
    if trailing_newline {
        out.push(b'\n');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn every_write_on_generated_calendars_changes_only_its_own_bytes(
        events in proptest::collection::vec(gen_event(), 1..5),
        nl in 0u8..3,
        trailing in any::<bool>(),
    ) {
        let bytes = calendar(&events, trailing);
        let bytes = match nl {
            0 => with_line_ends(&bytes, b"\r\n"),
            1 => bytes,
            _ => with_line_ends(&bytes, b"\r"),
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cal.ics");
        std::fs::write(&path, &bytes).unwrap();
        let checked = check_file(&path, 10);
        prop_assert!(checked.is_ok(), "{}", checked.err().unwrap_or_default());
        // Every event is an invitation of the user's, so something was declined.
        prop_assert!(checked.unwrap().declines > 0 || events.iter().all(|e| e.recurring));
    }
}

#[test]
fn bytes_that_are_not_utf8_survive_a_decline_and_its_undo() {
    // Review finding 5: a Latin-1 summary elsewhere, and one in the declined event's own UID.
    let text = invite_me(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:bad\xff\xfe@example.com\r\n\
          SUMMARY:Caf\xe9 meeting\r\nDTSTART:20301203T090000Z\r\nDTEND:20301203T100000Z\r\n\
          END:VEVENT\r\nBEGIN:VEVENT\r\nUID:other@example.com\r\nSUMMARY:R\xe9union\r\n\
          DTSTART:20301204T090000Z\r\nDTEND:20301204T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cal.ics");
    std::fs::write(&path, &text).unwrap();
    let checked = check_file(&path, 4).unwrap();
    assert_eq!(checked.declines, 2);
    assert_eq!(std::fs::read(&path).unwrap(), text);
}

// The review's repros against the real binary: `run --once` declining one invitation
// ("no agenda") in a scratch folder, with a policy that books no blocks.

const NOW: &str = "2026-11-30T08:00:00+01:00";

/// The review's `inv.ics` (CRLF): an invitation focusd declines.
const INVITATION: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n\
    UID:q1-sync@example.com\r\nDTSTAMP:20261120T120000Z\r\nSUMMARY:Sync on Q1 planning\r\n\
    DTSTART;TZID=Europe/Berlin:20261201T100000\r\nDTEND;TZID=Europe/Berlin:20261201T104500\r\n\
    ORGANIZER;CN=Organizer:mailto:pm@example.com\r\n\
    ATTENDEE;CN=Alex;PARTSTAT=NEEDS-ACTION:mailto:alex@example.com\r\n\
    ATTENDEE;PARTSTAT=ACCEPTED:mailto:pm@example.com\r\n\
    ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:c0@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

struct Scratch {
    dir: tempfile::TempDir,
    policy: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = tempfile::tempdir().unwrap();
        let text = support::policy::platform(true, false);
        let policy = dir.path().join("policy.toml");
        std::fs::write(&policy, text).unwrap();
        // The folder is for everyone (the permission cases run as another user).
        std::fs::set_permissions(
            dir.path(),
            std::os::unix::fs::PermissionsExt::from_mode(0o777),
        )
        .unwrap();
        std::fs::set_permissions(&policy, std::os::unix::fs::PermissionsExt::from_mode(0o644))
            .unwrap();
        Scratch { dir, policy }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn args(&self, calendar: &Path, state: &str) -> Vec<String> {
        [
            "run",
            "--once",
            "--calendar",
            calendar.to_str().unwrap(),
            "--policy",
            self.policy.to_str().unwrap(),
            "--me",
            ME,
            "--state-dir",
            self.path(state).to_str().unwrap(),
            "--now",
            NOW,
        ]
        .map(String::from)
        .to_vec()
    }

    fn run(&self, calendar: &Path, state: &str) -> std::process::Output {
        support::focusd()
            .args(self.args(calendar, state))
            .output()
            .unwrap()
    }

    fn undo(&self, state: &str, id: &str) -> std::process::Output {
        support::focusd()
            .args([
                "undo",
                id,
                "--state-dir",
                self.path(state).to_str().unwrap(),
                "--policy",
                self.policy.to_str().unwrap(),
            ])
            .output()
            .unwrap()
    }
}

fn declined(text: &str) -> bool {
    text.replace("\r\n ", "")
        .lines()
        .any(|l| l.starts_with("ATTENDEE;CN=Alex") && l.contains("PARTSTAT=DECLINED"))
}

fn mode_and_owner(p: &Path) -> (u32, u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(p).unwrap();
    (m.mode() & 0o7777, m.uid(), m.gid())
}

/// `setpriv` to run as `nobody`, if the tests run as root and it is there.
fn as_nobody() -> Option<std::process::Command> {
    let is_root = rustix::process::geteuid().is_root();
    let found = std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok();
    if !is_root || !found {
        assert!(
            std::env::var_os("CI").is_none() || !is_root,
            "setpriv is missing: the permission cases need it under CI"
        );
        eprintln!("SKIPPED: the unprivileged cases need root and setpriv");
        return None;
    }
    let mut c = std::process::Command::new("setpriv");
    c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_focusd"))
        .env("XDG_CONFIG_HOME", root().join("tests/no-config"))
        .env_remove("NOTIFY_SOCKET");
    Some(c)
}

#[test]
fn a_decline_keeps_the_files_mode_owner_and_other_bytes() {
    // Findings 5 and 6: a Latin-1 byte elsewhere stays; mode 0600 and owner nobody stay.
    let s = Scratch::new();
    let cal = s.path("cal.ics");
    let mut bytes = INVITATION.as_bytes().to_vec();
    let at = find(&bytes, b"END:VCALENDAR").unwrap();
    bytes.splice(
        at..at,
        b"BEGIN:VEVENT\r\nUID:cafe\r\nSUMMARY:Caf\xe9 meeting\r\nDTSTART:20261203T090000Z\r\n\
          DTEND:20261203T100000Z\r\nEND:VEVENT\r\n"
            .iter()
            .copied(),
    );
    std::fs::write(&cal, &bytes).unwrap();
    std::fs::set_permissions(&cal, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let is_root = rustix::process::geteuid().is_root();
    if is_root {
        std::os::unix::fs::chown(&cal, Some(65534), Some(65534)).unwrap();
    }
    let before = mode_and_owner(&cal);
    let out = s.run(&cal, "state");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::read(&cal).unwrap();
    assert!(declined(&String::from_utf8_lossy(&after)));
    assert!(
        find(&after, b"Caf\xe9 meeting").is_some(),
        "the Latin-1 byte is kept"
    );
    assert_eq!(mode_and_owner(&cal), before);
    // No temporary file is left, and none was readable by others meanwhile (0600 copies).
    let left: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("focusd-tmp"))
        .collect();
    assert!(left.is_empty());
    // The undo gives back the very bytes.
    let out = s.undo("state", "1");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read(&cal).unwrap(), bytes);
}

#[test]
fn a_read_only_calendar_is_refused_and_left_alone() {
    // Finding 6, as the calendar's owner (nobody) and as root.
    let s = Scratch::new();
    let cal = s.path("cal.ics");
    std::fs::write(&cal, INVITATION).unwrap();
    std::fs::set_permissions(&cal, std::os::unix::fs::PermissionsExt::from_mode(0o444)).unwrap();
    let out = s.run(&cal, "state-root");
    assert_eq!(
        std::fs::read_to_string(&cal).unwrap(),
        INVITATION,
        "{}",
        stderr(&out)
    );
    let log = support::focusd()
        .args(["log", "--state-dir", s.path("state-root").to_str().unwrap()])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&log.stdout);
    assert!(log.contains("read-only"), "{log}");
    if let Some(mut nobody) = as_nobody() {
        std::os::unix::fs::chown(&cal, Some(65534), Some(65534)).unwrap();
        let out = nobody.args(s.args(&cal, "state-nobody")).output().unwrap();
        assert!(out.status.code().is_some(), "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&cal).unwrap(), INVITATION);
        assert_eq!(mode_and_owner(&cal).0, 0o444);
    }
}

#[test]
fn symlinked_calendars_are_written_through_and_undone_through() {
    // Finding 8: a single file and a vdir entry, each a link to a synced file.
    let s = Scratch::new();
    std::fs::create_dir(s.path("sync")).unwrap();
    let real = s.path("sync/work.ics");
    std::fs::write(&real, INVITATION).unwrap();
    let link = s.path("cal.ics");
    std::os::unix::fs::symlink("sync/work.ics", &link).unwrap();
    let out = s.run(&link, "state-file");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(declined(&std::fs::read_to_string(&real).unwrap()));
    let out = s.undo("state-file", "1");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&real).unwrap(), INVITATION);

    let vdir = s.path("v");
    std::fs::create_dir(&vdir).unwrap();
    std::os::unix::fs::symlink("../sync/work.ics", vdir.join("q1.ics")).unwrap();
    let out = s.run(&vdir, "state-vdir");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(vdir.join("q1.ics"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(declined(&std::fs::read_to_string(&real).unwrap()));
}

#[test]
fn a_planted_link_at_the_old_temporary_name_redirects_nothing() {
    // Finding 7.
    let s = Scratch::new();
    let vdir = s.path("v");
    std::fs::create_dir(&vdir).unwrap();
    std::fs::write(vdir.join("q1.ics"), INVITATION).unwrap();
    std::fs::write(s.path("victim.txt"), "victim").unwrap();
    std::os::unix::fs::symlink("../victim.txt", vdir.join(".q1.ics.focusd-tmp")).unwrap();
    let out = s.run(&vdir, "state");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(s.path("victim.txt")).unwrap(),
        "victim"
    );
    assert!(declined(
        &std::fs::read_to_string(vdir.join("q1.ics")).unwrap()
    ));
    assert!(
        !std::fs::symlink_metadata(vdir.join("q1.ics"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn fifos_and_device_links_in_a_vdir_are_skipped_with_a_warning() {
    // Finding 16: the cycle finishes, the invitation next to them is declined.
    let s = Scratch::new();
    let vdir = s.path("v");
    std::fs::create_dir(&vdir).unwrap();
    std::fs::write(vdir.join("q1.ics"), INVITATION).unwrap();
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        vdir.join("a-pipe.ics"),
        rustix::fs::Mode::from_raw_mode(0o600),
    )
    .unwrap();
    std::os::unix::fs::symlink("/dev/zero", vdir.join("a-zero.ics")).unwrap();
    let mut child = support::focusd()
        .args(s.args(&vdir, "state"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A hang would be the bug: give it a generous minute, then kill and fail.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("focusd hung on a FIFO in the vdir");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("a-pipe.ics") && err.contains("not a regular file"),
        "{err}"
    );
    assert!(declined(
        &std::fs::read_to_string(vdir.join("q1.ics")).unwrap()
    ));
}

#[test]
fn another_programs_change_between_read_and_rename_is_kept() {
    // Finding 9: vdirsyncer rewrites the file (the organizer moved the meeting and added a
    // line) while focusd is between its read and its rename. focusd starts again from the
    // new file: both the organizer's change and the decline are there.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q1.ics");
    std::fs::write(&file, INVITATION).unwrap();
    let mut cal = LocalCalendar::new(&file, chrono_tz::Europe::Berlin, ME);
    let moved = INVITATION.replace(
        "SUMMARY:Sync on Q1 planning",
        "SUMMARY:Sync on Q1 planning (MOVED)",
    );
    let times = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = times.clone();
    let moved_text = moved.clone();
    cal.set_write_hook(std::sync::Arc::new(move |target: &Path| {
        if count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            std::fs::write(target, &moved_text).unwrap();
        }
    }));
    let event = EventRef {
        id: "q1-sync@example.com".into(),
        recurrence_id: None,
    };
    let written = block_on(cal.respond(&event, Response::Declined, Some("no agenda")));
    assert!(matches!(written, Ok(Written::Done)), "{written:?}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("(MOVED)"), "the organizer's change is kept");
    assert!(declined(&text));
    assert_eq!(
        times.load(std::sync::atomic::Ordering::SeqCst),
        2,
        "one retry"
    );

    // A file that keeps changing: given up after a few tries, with a clear failure, and the
    // other program's last version is what stays.
    std::fs::write(&file, INVITATION).unwrap();
    let n = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let m = n.clone();
    cal.set_write_hook(std::sync::Arc::new(move |target: &Path| {
        let i = m.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        std::fs::write(target, INVITATION.replace("Q1", &format!("Q{i}"))).unwrap();
    }));
    let err = block_on(cal.respond(&event, Response::Declined, Some("no agenda"))).unwrap_err();
    assert!(
        err.to_string().contains("changed by another program"),
        "{err}"
    );
    assert!(!declined(&std::fs::read_to_string(&file).unwrap()));
}

/// The writes a cycle might make on a generated calendar: declines of the user's unanswered
/// invitations (occurrences of one series among them, so two overrides of one UID), two
/// blocks, one of them moved within the batch, and one answer to an event that is not there.
fn a_cycles_writes(instances: &[Instance]) -> (Vec<EventRef>, Vec<BlockWrite>) {
    let unanswered: Vec<EventRef> = instances
        .iter()
        .filter(|i| i.details.role(ME) == Role::Attendee(Response::NeedsAction))
        .map(|i| i.event_ref())
        .take(5)
        .collect();
    let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2030, 12, d, h, 0, 0).unwrap();
    let block = |id: &str, start: DateTime<Utc>| BlockWrite {
        id: id.into(),
        start,
        end: start + Duration::hours(2),
        title: "Focus time".into(),
        decline_message: "In a focus block".into(),
    };
    let blocks = vec![
        block("focusd-batch-a", at(2, 6)),
        block("focusd-batch-b", at(3, 6)),
        block("focusd-batch-a", at(4, 6)),
    ];
    (unanswered, blocks)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Several writes to one file in a cycle are one read and one write: the file is
    /// replaced once, and ends byte for byte as the same writes made one by one, with the
    /// same outcomes (one failing write fails alone).
    #[test]
    fn a_batch_of_writes_replaces_the_file_once_and_equals_the_writes_one_by_one(
        events in proptest::collection::vec(gen_event(), 1..6),
        nl in 0u8..3,
    ) {
        let bytes = calendar(&events, true);
        let bytes = match nl {
            0 => with_line_ends(&bytes, b"\r\n"),
            1 => bytes,
            _ => with_line_ends(&bytes, b"\r"),
        };
        let dir = tempfile::tempdir().unwrap();
        let (one, batch) = (dir.path().join("one.ics"), dir.path().join("batch.ics"));
        std::fs::write(&one, &bytes).unwrap();
        std::fs::write(&batch, &bytes).unwrap();
        let mut by_one = LocalCalendar::new(&one, chrono_tz::Europe::Berlin, ME);
        let mut at_once = LocalCalendar::new(&batch, chrono_tz::Europe::Berlin, ME);
        let replaced = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = replaced.clone();
        at_once.set_write_hook(std::sync::Arc::new(move |_: &Path| {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }));
        let (declines, blocks) = a_cycles_writes(&instances(&mut by_one));
        let missing = EventRef { id: "not-there@example.com".into(), recurrence_id: None };
        let mut writes: Vec<focusd::backend::Write<'_>> = declines
            .iter()
            .chain(std::iter::once(&missing))
            .map(|event| focusd::backend::Write::Respond {
                event,
                response: Response::Declined,
                comment: Some(COMMENT),
            })
            .collect();
        writes.extend(blocks.iter().map(focusd::backend::Write::PutBlock));

        let mut singly = Vec::new();
        for w in &writes {
            singly.push(block_on(by_one.write_all(std::slice::from_ref(w))));
        }
        let together = block_on(at_once.write_all(&writes));
        let outcome = |r: &Result<Written, focusd::backend::BackendError>| format!("{r:?}");
        let singly: Vec<String> = singly.iter().flatten().map(outcome).collect();
        let together: Vec<String> = together.iter().map(outcome).collect();
        prop_assert_eq!(&together, &singly);
        prop_assert!(together.iter().filter(|o| o.starts_with("Ok")).count() >= 3);
        prop_assert!(together[declines.len()].contains("NotFound"), "{}", together[declines.len()]);
        prop_assert_eq!(std::fs::read(&batch).unwrap(), std::fs::read(&one).unwrap());
        // One replace for the batch; the block booked and moved within it shows once, at
        // its last times.
        prop_assert_eq!(replaced.load(std::sync::atomic::Ordering::SeqCst), 1);
        let shown: Vec<_> = instances(&mut at_once)
            .into_iter()
            .filter(|i| i.uid() == "focusd-batch-a")
            .map(|i| i.start)
            .collect();
        prop_assert_eq!(shown, vec![blocks[2].start]);
    }
}
