//! Reading `.ics` files and vdir folders: our own fixtures (`tests/fixtures/ical/`) and the
//! khal corpus of real-world breakage (`../shared/fixtures/khal-ics/`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use focusd::error::{Error, Severity};
use focusd::event::{EventKind, EventStatus, Response, Role, Snapshot, Transparency};
use focusd::ical::{ReadOptions, parse_ics, read_calendar};

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("bad test time {s}: {e}"))
        .with_timezone(&Utc)
}

fn opts(zone: Tz, from: &str, to: &str) -> ReadOptions {
    ReadOptions {
        zone,
        from: t(from),
        to: t(to),
    }
}

fn berlin(from: &str, to: &str) -> ReadOptions {
    opts(chrono_tz::Europe::Berlin, from, to)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ical")
        .join(name)
}

fn read(name: &str, o: &ReadOptions) -> Snapshot {
    read_calendar(&fixture(name), o).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Starts (UTC, `YYYY-MM-DDTHH:MM`) of the instances of one UID.
fn starts(s: &Snapshot, uid: &str) -> Vec<String> {
    s.instances
        .iter()
        .filter(|i| i.uid() == uid)
        .map(|i| i.start.format("%Y-%m-%dT%H:%M").to_string())
        .collect()
}

fn spans(s: &Snapshot, uid: &str) -> Vec<(String, String)> {
    s.instances
        .iter()
        .filter(|i| i.uid() == uid)
        .map(|i| {
            (
                i.start.format("%Y-%m-%dT%H:%M").to_string(),
                i.end.format("%Y-%m-%dT%H:%M").to_string(),
            )
        })
        .collect()
}

/// Diagnostics whose reason contains `needle`.
fn diags_with(s: &Snapshot, needle: &str) -> Vec<(Severity, Option<usize>)> {
    s.diagnostics
        .iter()
        .filter(|d| d.reason.contains(needle))
        .map(|d| (d.severity, d.line))
        .collect()
}

fn assert_sorted(s: &Snapshot) {
    for w in s.instances.windows(2) {
        assert!(
            (w[0].start, w[0].uid()) <= (w[1].start, w[1].uid()),
            "not sorted: {} {} then {} {}",
            w[0].start,
            w[0].uid(),
            w[1].start,
            w[1].uid()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Time zones and DST

#[test]
fn new_york_weekly_follows_new_york_dst_seen_from_berlin() {
    // The US switches on 10 March and 3 November 2024, the EU on 31 March and 27 October.
    let o = berlin("2024-02-26T00:00:00Z", "2024-04-10T00:00:00Z");
    let s = read("dst_new_york_weekly.ics", &o);
    let expected = [
        "2024-02-27T15:00", // EST, CET: 16:00 in Berlin
        "2024-03-05T15:00",
        "2024-03-12T14:00", // EDT, still CET: 15:00 in Berlin
        "2024-03-19T14:00",
        "2024-03-26T14:00",
        "2024-04-02T14:00", // EDT, CEST: 16:00 again
        "2024-04-09T14:00",
    ];
    assert_eq!(starts(&s, "ny-weekly@focusd.test"), expected);
    // The same meeting in a zone known only from its VTIMEZONE rules.
    assert_eq!(starts(&s, "custom-zone-weekly@focusd.test"), expected);
    let berlin_hours: Vec<String> = s
        .instances
        .iter()
        .filter(|i| i.uid() == "ny-weekly@focusd.test")
        .map(|i| {
            i.start
                .with_timezone(&chrono_tz::Europe::Berlin)
                .format("%H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(
        berlin_hours,
        [
            "16:00", "16:00", "15:00", "15:00", "15:00", "16:00", "16:00"
        ]
    );
    assert!(s.instances.iter().all(|i| i.duration_minutes() == 30));
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
    assert_sorted(&s);

    let autumn = read(
        "dst_new_york_weekly.ics",
        &berlin("2024-10-20T00:00:00Z", "2024-11-10T00:00:00Z"),
    );
    let expected = ["2024-10-22T14:00", "2024-10-29T14:00", "2024-11-05T15:00"];
    assert_eq!(starts(&autumn, "ny-weekly@focusd.test"), expected);
    assert_eq!(starts(&autumn, "custom-zone-weekly@focusd.test"), expected);
}

#[test]
fn windows_and_prefixed_zone_names() {
    let s = read(
        "windows_zones.ics",
        &berlin("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
    );
    for (uid, start) in [
        ("win-berlin", "2024-07-10T07:00"),
        ("win-eastern", "2024-07-10T13:00"),
        ("win-pacific", "2024-01-10T17:00"),
        ("win-india", "2024-07-10T03:30"),
        ("win-tokyo", "2024-07-10T00:00"),
        ("win-sydney", "2024-01-09T22:00"),
        ("mozilla-prefix", "2024-07-10T07:00"),
        // Unknown: read in the user's zone, with a warning.
        ("unknown-zone", "2024-07-10T07:00"),
    ] {
        assert_eq!(starts(&s, uid), [start], "{uid}");
    }
    assert_eq!(s.diagnostics.len(), 1, "{:?}", s.diagnostics);
    let d = &s.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.reason.contains("Atlantis Standard Time"), "{d}");
    assert!(d.reason.contains("Europe/Berlin"), "{d}");
    assert_eq!(d.line, Some(65));
}

#[test]
fn dst_gap_moves_forward_ambiguous_takes_earlier_and_durations() {
    let s = read(
        "duration_all_day.ics",
        &berlin("2024-03-01T00:00:00Z", "2024-11-01T00:00:00Z"),
    );
    assert_eq!(
        spans(&s, "duration-minutes"),
        [("2024-03-15T13:00".into(), "2024-03-15T14:30".into())]
    );
    // P1D is a calendar day: 12:00 CET to 12:00 CEST is 23 hours.
    assert_eq!(
        spans(&s, "duration-day-over-dst"),
        [("2024-03-30T11:00".into(), "2024-03-31T10:00".into())]
    );
    // 02:30 does not exist on 31 March: read as 03:30 CEST.
    assert_eq!(
        spans(&s, "gap-time"),
        [("2024-03-31T01:30".into(), "2024-03-31T02:00".into())]
    );
    // 02:30 happens twice on 27 October: the first (CEST) is taken.
    assert_eq!(
        spans(&s, "ambiguous-time"),
        [("2024-10-27T00:30".into(), "2024-10-27T01:00".into())]
    );
    // No end: a timed event ends when it starts (RFC 5545), and is still in range.
    assert_eq!(
        spans(&s, "no-end-timed"),
        [("2024-03-15T16:00".into(), "2024-03-15T16:00".into())]
    );
}

#[test]
fn a_vtimezone_named_with_an_escaped_comma_is_found() {
    // Review A1 (Outlook 12): `TZID:Kuala Lumpur\, Singapore` is TEXT, the events' quoted
    // parameter names the same zone. 09:30 at +08:00.
    let utc = opts(
        chrono_tz::UTC,
        "2024-01-15T00:00:00Z",
        "2024-01-16T00:00:00Z",
    );
    let s = read("tzid_escaped_comma.ics", &utc);
    assert_eq!(
        spans(&s, "a1"),
        [("2024-01-15T01:30".into(), "2024-01-15T02:30".into())]
    );
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
    // Exchange CDO and Exchange 2010 names, with DST rules: a weekly series over the US
    // change on 10 March follows the file's zone.
    let text = "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:Pacific Time (US & Canada)\\, Tijuana\n\
        BEGIN:STANDARD\nDTSTART:16010101T020000\nTZOFFSETFROM:-0700\nTZOFFSETTO:-0800\n\
        RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\nEND:STANDARD\nBEGIN:DAYLIGHT\n\
        DTSTART:16010101T020000\nTZOFFSETFROM:-0800\nTZOFFSETTO:-0700\n\
        RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE\n\
        BEGIN:VTIMEZONE\nTZID:(UTC+07:00) Bangkok\\, Hanoi\\, Jakarta\nBEGIN:STANDARD\n\
        DTSTART:16010101T000000\nTZOFFSETFROM:+0700\nTZOFFSETTO:+0700\nEND:STANDARD\n\
        END:VTIMEZONE\n\
        BEGIN:VEVENT\nUID:tijuana\nDTSTART;TZID=\"Pacific Time (US & Canada), Tijuana\":20240305T090000\n\
        DTEND;TZID=\"Pacific Time (US & Canada), Tijuana\":20240305T100000\n\
        RRULE:FREQ=WEEKLY;COUNT=2\nEND:VEVENT\n\
        BEGIN:VEVENT\nUID:bangkok\nDTSTART;TZID=\"(UTC+07:00) Bangkok, Hanoi, Jakarta\":20240305T090000\n\
        DURATION:PT1H\nEND:VEVENT\nEND:VCALENDAR\n";
    let (instances, diags) = parse_ics(
        text,
        Path::new("x.ics"),
        &opts(
            chrono_tz::UTC,
            "2024-03-01T00:00:00Z",
            "2024-03-20T00:00:00Z",
        ),
    );
    assert!(diags.is_empty(), "{diags:?}");
    let got: Vec<(&str, String)> = instances
        .iter()
        .map(|i| (i.uid(), i.start.to_rfc3339()))
        .collect();
    assert_eq!(
        got,
        [
            ("bangkok", "2024-03-05T02:00:00+00:00".to_string()),
            ("tijuana", "2024-03-05T17:00:00+00:00".to_string()),
            ("tijuana", "2024-03-12T16:00:00+00:00".to_string()),
        ]
    );
}

#[test]
fn a_name_like_an_iana_zone_in_other_letters_is_the_files_own_zone() {
    // Review A2 (a Google export): `Europe/lisbon` is defined in the file as +01:00/+02:00,
    // which is not IANA's `Europe/Lisbon` (+00:00/+01:00). Under the file's rules the
    // override's RECURRENCE-ID is the master's 16 January (12:30Z), so it moves that one.
    let utc = opts(
        chrono_tz::UTC,
        "2024-01-08T00:00:00Z",
        "2024-01-29T00:00:00Z",
    );
    let s = read("tzid_case_differs_from_iana.ics", &utc);
    let got: Vec<(String, String, &str)> = s
        .instances
        .iter()
        .map(|i| {
            (
                i.start.format("%Y-%m-%dT%H:%M").to_string(),
                i.end.format("%Y-%m-%dT%H:%M").to_string(),
                i.summary(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "2024-01-09T12:30".into(),
                "2024-01-09T13:30".into(),
                "weekly"
            ),
            (
                "2024-01-17T12:30".into(),
                "2024-01-17T13:30".into(),
                "weekly (moved to Wednesday)"
            ),
            (
                "2024-01-23T12:30".into(),
                "2024-01-23T13:30".into(),
                "weekly"
            ),
        ]
    );
    // One warning says the name is read by its VTIMEZONE, and where IANA's zone differs.
    assert_eq!(s.diagnostics.len(), 1, "{:?}", s.diagnostics);
    let d = &s.diagnostics[0];
    assert_eq!((d.severity, d.line), (Severity::Warning, Some(31)));
    assert_eq!(
        d.reason,
        "time zone \"Europe/lisbon\" is read by its VTIMEZONE, which differs from the IANA zone \
         Europe/Lisbon (at 2024-01-08T00:00:00Z the file's gives +01:00, IANA's +00:00)"
    );
    // Google also writes the name as the VTIMEZONE's `X-LIC-LOCATION`: no more an IANA name
    // there than in the TZID.
    let text = std::fs::read_to_string(fixture("tzid_case_differs_from_iana.ics"))
        .unwrap()
        .replace(
            "TZID:Europe/lisbon\n",
            "TZID:Europe/lisbon\nX-LIC-LOCATION:Europe/lisbon\n",
        );
    let (instances, diags) = parse_ics(&text, Path::new("x.ics"), &utc);
    let times = |v: &[focusd::event::Instance]| {
        v.iter()
            .map(|i| (i.start, i.end, i.recurrence_id, i.summary().to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(times(&instances), times(&s.instances));
    assert_eq!(diags.len(), 1, "{diags:?}");
}

#[test]
fn an_exact_iana_name_is_the_iana_zone_whatever_its_vtimezone_says() {
    // An Outlook 2003 export: `America/New_York` with the US rules of before 2007 (daylight
    // time from the first Sunday in April). The name wins, as the writer and every other
    // reader mean it: from 10 March 2024 the series is in EDT. A warning says where the file's
    // copy differs.
    let utc = opts(
        chrono_tz::UTC,
        "2024-03-01T00:00:00Z",
        "2024-04-10T00:00:00Z",
    );
    let s = read("tzid_iana_with_outdated_vtimezone.ics", &utc);
    assert_eq!(
        starts(&s, "outdated-rules"),
        [
            "2024-03-05T14:00",
            "2024-03-12T13:00",
            "2024-03-19T13:00",
            "2024-03-26T13:00",
            "2024-04-02T13:00"
        ]
    );
    assert!(s.instances.iter().all(|i| i.duration_minutes() == 60));
    assert_eq!(s.diagnostics.len(), 1, "{:?}", s.diagnostics);
    let d = &s.diagnostics[0];
    assert_eq!((d.severity, d.line), (Severity::Warning, Some(22)));
    assert_eq!(
        d.reason,
        "the VTIMEZONE \"America/New_York\" differs from the IANA zone of that name (at \
         2024-04-07T06:59:59Z the file's gives -05:00, IANA's -04:00); IANA's rules are used"
    );
    // Where the copy agrees with IANA (this summer), nothing is said.
    let summer = read(
        "tzid_iana_with_outdated_vtimezone.ics",
        &opts(
            chrono_tz::UTC,
            "2024-06-01T00:00:00Z",
            "2024-07-01T00:00:00Z",
        ),
    );
    assert!(summer.diagnostics.is_empty(), "{:?}", summer.diagnostics);
}

#[test]
fn a_floating_end_on_a_zoned_start_is_read_in_the_starts_zone() {
    // Review c1 (Mozilla, DDay): the end has no zone, the start has one. Read in the start's
    // zone, the same three one-hour meetings for every user, east or west of New York.
    for zone in [
        chrono_tz::UTC,
        chrono_tz::Europe::Berlin,
        chrono_tz::America::New_York,
        chrono_tz::America::Los_Angeles,
        chrono_tz::Asia::Tokyo,
    ] {
        let s = read(
            "floating_dtend_zoned_dtstart.ics",
            &opts(zone, "2024-01-14T00:00:00Z", "2024-01-20T00:00:00Z"),
        );
        assert_eq!(
            spans(&s, "c1"),
            [
                ("2024-01-15T14:00".into(), "2024-01-15T15:00".into()),
                ("2024-01-16T14:00".into(), "2024-01-16T15:00".into()),
                ("2024-01-17T14:00".into(), "2024-01-17T15:00".into()),
            ],
            "{zone}"
        );
        assert!(
            s.instances.iter().all(|i| i.details.read_only.is_none()),
            "{zone}"
        );
        assert_eq!(
            diags_with(&s, "DTEND has no time zone but DTSTART has one"),
            [(Severity::Warning, Some(8))],
            "{zone}"
        );
        assert_eq!(s.diagnostics.len(), 1, "{zone}: {:?}", s.diagnostics);
    }
    // A start in UTC is zoned too; an override's floating end follows its own start.
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:u\nDTSTART:20240115T090000Z\n\
        DTEND:20240115T093000\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\nBEGIN:VEVENT\nUID:u\n\
        RECURRENCE-ID:20240116T090000Z\nDTSTART;TZID=Asia/Tokyo:20240116T200000\n\
        DTEND:20240116T210000\nEND:VEVENT\nEND:VCALENDAR\n";
    let (instances, diags) = parse_ics(
        text,
        Path::new("x.ics"),
        &berlin("2024-01-14T00:00:00Z", "2024-01-20T00:00:00Z"),
    );
    let got: Vec<(String, String)> = instances
        .iter()
        .map(|i| (i.start.to_rfc3339(), i.end.to_rfc3339()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "2024-01-15T09:00:00+00:00".to_string(),
                "2024-01-15T09:30:00+00:00".to_string()
            ),
            (
                "2024-01-16T11:00:00+00:00".to_string(),
                "2024-01-16T12:00:00+00:00".to_string()
            ),
        ]
    );
    assert_eq!(diags.len(), 2, "{diags:?}");
}

// ---------------------------------------------------------------------------------------------
// All-day, broken times

#[test]
fn all_day_events_are_local_midnights_of_the_user() {
    let s = read(
        "duration_all_day.ics",
        &berlin("2024-03-01T00:00:00Z", "2024-11-01T00:00:00Z"),
    );
    assert_eq!(
        spans(&s, "all-day-three"),
        [("2024-03-19T23:00".into(), "2024-03-22T23:00".into())]
    );
    // Ends after the switch to CEST on 31 March: 23 + 24 hours.
    assert_eq!(
        spans(&s, "all-day-duration"),
        [("2024-03-29T23:00".into(), "2024-03-31T22:00".into())]
    );
    assert_eq!(
        spans(&s, "all-day-no-end"),
        [("2024-03-27T23:00".into(), "2024-03-28T23:00".into())]
    );
    assert!(
        s.instances
            .iter()
            .filter(|i| i.uid().starts_with("all-day"))
            .all(|i| i.all_day)
    );
    assert!(
        s.instances
            .iter()
            .filter(|i| !i.uid().starts_with("all-day"))
            .all(|i| !i.all_day)
    );

    let ny = read(
        "duration_all_day.ics",
        &opts(
            chrono_tz::America::New_York,
            "2024-03-01T00:00:00Z",
            "2024-04-01T00:00:00Z",
        ),
    );
    assert_eq!(
        spans(&ny, "all-day-three"),
        [("2024-03-20T04:00".into(), "2024-03-23T04:00".into())]
    );
}

#[test]
fn broken_events_are_busy_and_read_only_where_their_start_is_known() {
    let s = read(
        "duration_all_day.ics",
        &berlin("2024-03-01T00:00:00Z", "2024-11-01T00:00:00Z"),
    );
    // An end before the start, or a negative DURATION: the known start is busy for an hour
    // (the default meeting), and focusd never acts on it.
    for uid in ["backwards", "negative-duration"] {
        assert_eq!(
            spans(&s, uid),
            [("2024-03-15T09:00".into(), "2024-03-15T10:00".into())],
            "{uid}"
        );
        let i = s.instances.iter().find(|i| i.uid() == uid).unwrap();
        assert!(i.details.read_only.is_some(), "{uid}");
        assert!(
            i.is_meeting("someone@example.com"),
            "{uid} counts as busy time"
        );
    }
    // No DTSTART: its time is unknown, so it cannot even be busy time: skipped, an error
    // (the only one: the rest of the file is complete).
    assert!(starts(&s, "no-start").is_empty());
    assert_eq!(
        diags_with(&s, "\"backwards\" ends (DTEND) before it starts"),
        [(Severity::Warning, Some(43))]
    );
    assert_eq!(
        diags_with(&s, "negative DURATION"),
        [(Severity::Warning, Some(49))]
    );
    assert_eq!(diags_with(&s, "no DTSTART"), [(Severity::Error, Some(51))]);
    assert_eq!(
        s.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
        1
    );
    assert_eq!(s.instances.len(), 10);
    assert_eq!(
        s.instances
            .iter()
            .filter(|i| i.details.read_only.is_some())
            .count(),
        2
    );
    assert!(
        s.diagnostics
            .iter()
            .all(|d| d.path == fixture("duration_all_day.ics"))
    );
}

#[test]
fn a_mistyped_end_ends_its_component_there_and_hides_nothing() {
    // Review c2: `END:VTOOD` ends the VTODO, so the events after it are in the calendar, not
    // in the task. What the writer meant is a guess from there: an error (exit 65).
    let utc = opts(
        chrono_tz::UTC,
        "2024-01-14T00:00:00Z",
        "2024-01-20T00:00:00Z",
    );
    let s = read("mistyped_end.ics", &utc);
    assert_eq!(
        spans(&s, "c2"),
        [("2024-01-15T11:00".into(), "2024-01-15T12:00".into())]
    );
    assert_eq!(
        spans(&s, "c2-second"),
        [("2024-01-16T11:00".into(), "2024-01-16T12:00".into())]
    );
    assert_eq!(s.instances.len(), 2);
    assert_eq!(s.diagnostics.len(), 1, "{:?}", s.diagnostics);
    let d = &s.diagnostics[0];
    assert_eq!((d.severity, d.line), (Severity::Error, Some(10)));
    assert_eq!(
        d.reason,
        "END:VTOOD matches no open component; taken as the end of the VTODO begun at line 4"
    );
    // A VEVENT's own END mistyped: it is read as written up to there, and so is the next.
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20240115T090000Z\n\
        DURATION:PT1H\nEND:VEVNT\nBEGIN:VEVENT\nUID:b\nDTSTART:20240115T110000Z\n\
        DURATION:PT1H\nEND:VEVENT\nEND:VCALENDAR\n";
    let (instances, diags) = parse_ics(text, Path::new("x.ics"), &utc);
    let uids: Vec<&str> = instances.iter().map(|i| i.uid()).collect();
    assert_eq!(uids, ["a", "b"]);
    assert!(instances.iter().all(|i| i.duration_minutes() == 60));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].severity, Severity::Error);
}

// ---------------------------------------------------------------------------------------------
// Recurrence

#[test]
fn until_in_every_form_real_exports_use() {
    let s = read(
        "until_forms.ics",
        &berlin("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
    );
    let three_days = ["2024-07-01T07:00", "2024-07-02T07:00", "2024-07-03T07:00"];
    assert_eq!(starts(&s, "until-utc"), three_days);
    assert_eq!(starts(&s, "until-local"), three_days);
    assert_eq!(starts(&s, "until-date"), three_days);
    assert_eq!(
        starts(&s, "until-datetime-for-dates"),
        ["2024-06-30T22:00", "2024-07-01T22:00", "2024-07-02T22:00"]
    );
    assert_eq!(starts(&s, "until-before-start"), ["2024-07-01T07:00"]);
    // Unreadable UNTIL: the series runs to the end of the range (27 Mondays).
    let garbage = starts(&s, "until-garbage");
    assert_eq!(garbage.len(), 27);
    assert_eq!(garbage.last().unwrap(), "2024-12-30T08:00");

    assert!(diags_with(&s, "until").is_empty(), "messages name UNTIL");
    assert_eq!(
        diags_with(&s, "UNTIL should be in UTC"),
        [(Severity::Warning, Some(16))]
    );
    assert_eq!(
        diags_with(&s, "UNTIL is a date for a date-time series"),
        [(Severity::Warning, Some(23))]
    );
    assert_eq!(
        diags_with(&s, "UNTIL is a date-time for an all-day series"),
        [(Severity::Warning, Some(30))]
    );
    assert_eq!(
        diags_with(&s, "UNTIL is before DTSTART"),
        [(Severity::Warning, Some(37))]
    );
    assert_eq!(
        diags_with(&s, "UNTIL \"soon\" is not valid"),
        [(Severity::Warning, Some(44))]
    );
    assert!(diags_with(&s, "").iter().all(|d| d.0 == Severity::Warning));
}

#[test]
fn byday_ordinals_bysetpos_bymonth_bymonthday_interval_count() {
    let s = read(
        "until_forms.ics",
        &berlin("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
    );
    assert_eq!(
        starts(&s, "count-and-interval"),
        [
            "2024-01-26T14:00",
            "2024-03-29T14:00",
            "2024-05-31T13:00",
            "2024-07-26T13:00"
        ]
    );
    assert_eq!(
        starts(&s, "setpos"),
        ["2024-01-31T16:00", "2024-02-29T16:00", "2024-03-29T16:00"]
    );
    // COUNT=4, but two of them fall in 2025, after the range.
    assert_eq!(
        starts(&s, "first-monday-of-march-and-june"),
        ["2024-03-04T09:00", "2024-06-03T08:00"]
    );
    assert_eq!(
        starts(&s, "monthday"),
        [
            "2024-01-15T07:00",
            "2024-01-31T07:00",
            "2024-02-15T07:00",
            "2024-02-29T07:00"
        ]
    );
}

#[test]
fn rdate_and_exdate_in_all_their_forms() {
    let s = read(
        "rdate_exdate.ics",
        &berlin("2024-07-01T00:00:00Z", "2024-09-01T00:00:00Z"),
    );
    // EXDATE in UTC, as a DATE, and two in one line with TZID.
    assert_eq!(
        starts(&s, "exdates"),
        ["2024-07-01T07:00", "2024-07-03T07:00", "2024-07-07T07:00"]
    );
    assert_eq!(
        spans(&s, "rdates"),
        [
            ("2024-08-01T07:00".into(), "2024-08-01T08:00".into()),
            ("2024-08-02T07:00".into(), "2024-08-02T08:00".into()),
            // 2024-08-03 11:00 is excluded.
            ("2024-08-05T12:00".into(), "2024-08-05T13:00".into()),
            // PERIOD with an end, and with a duration.
            ("2024-08-06T12:00".into(), "2024-08-06T15:00".into()),
            ("2024-08-07T12:00".into(), "2024-08-07T12:30".into()),
            // A DATE RDATE in a date-time series takes DTSTART's time.
            ("2024-08-08T07:00".into(), "2024-08-08T08:00".into()),
        ]
    );
    assert_eq!(
        diags_with(&s, "RDATE value type differs"),
        [(Severity::Warning, Some(22))]
    );
    // A floating EXDATE is read in the series' zone (New York), not the user's.
    assert_eq!(
        starts(&s, "floating-exdate"),
        ["2024-07-01T13:00", "2024-07-03T13:00"]
    );
    // Every instance of a series knows its original start.
    let rids: Vec<_> = s
        .instances
        .iter()
        .filter(|i| i.uid() == "exdates")
        .map(|i| i.recurrence_id == Some(i.start))
        .collect();
    assert_eq!(rids, [true, true, true]);
}

#[test]
fn overrides_in_any_order_cancelled_thisandfuture_and_moved() {
    let s = read(
        "overrides.ics",
        &berlin("2024-07-01T00:00:00Z", "2024-07-20T00:00:00Z"),
    );
    let got: Vec<(String, String, String)> = s
        .instances
        .iter()
        .map(|i| {
            (
                i.start.format("%m-%dT%H:%M").to_string(),
                i.end.format("%H:%M").to_string(),
                i.summary().to_string(),
            )
        })
        .collect();
    let want = [
        ("07-01T07:30", "07:45", "Stand-up"),
        // No DTEND of its own: keeps the series' 15 minutes.
        (
            "07-02T08:00",
            "08:15",
            "Stand-up (longer, no DTEND of its own)",
        ),
        ("07-03T09:30", "09:45", "Stand-up (moved)"),
        // 07-04 is cancelled: that one instance is hidden, not the series.
        ("07-05T07:30", "07:45", "Stand-up"),
        ("07-06T07:30", "07:45", "Stand-up"),
        ("07-07T07:30", "07:45", "Stand-up"),
        ("07-08T07:00", "07:15", "Stand-up (new time from the 8th)"),
        // RANGE=THISANDFUTURE moves the following instances too.
        ("07-09T07:00", "07:15", "Stand-up (new time from the 8th)"),
        // The 10th was moved to the 15th.
        ("07-15T07:30", "07:45", "Stand-up (moved into a new week)"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    let moved = &s.instances[2];
    assert_eq!(moved.recurrence_id, Some(t("2024-07-03T07:30:00Z")));
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);

    // The master's own details are shared by all its plain instances.
    let plain: Vec<_> = s
        .instances
        .iter()
        .filter(|i| i.summary() == "Stand-up")
        .collect();
    assert!(
        plain
            .windows(2)
            .all(|w| Arc::ptr_eq(&w[0].details, &w[1].details))
    );

    // An instance moved into the range from a date before it.
    let later = read(
        "overrides.ics",
        &berlin("2024-07-12T00:00:00Z", "2024-07-20T00:00:00Z"),
    );
    assert_eq!(starts(&later, "standup"), ["2024-07-15T07:30"]);
}

// ---------------------------------------------------------------------------------------------
// Details

#[test]
fn details_attendees_organizer_and_kinds() {
    let s = read(
        "details.ics",
        &berlin("2024-07-01T00:00:00Z", "2024-08-01T00:00:00Z"),
    );
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
    let by_uid = |uid: &str| {
        s.instances
            .iter()
            .find(|i| i.uid() == uid)
            .unwrap_or_else(|| panic!("{uid} missing"))
    };
    let invite = by_uid("invite@focusd.test");
    let d = &invite.details;
    assert_eq!(d.summary, "Design review, round 2");
    assert_eq!(d.description, "Agenda:\n1. API; errors\n2. Rollout\\plan");
    assert_eq!(
        d.html_description.as_deref(),
        Some("<p>Agenda: <b>API</b></p>")
    );
    assert_eq!(d.location, "Room 4");
    assert_eq!(
        d.urls,
        [
            "https://example.com/doc",
            "https://meet.example.com/abc-defg-hij"
        ]
    );
    assert_eq!(
        d.attachments,
        ["https://example.com/agenda.pdf", "notes.txt"]
    );
    assert_eq!(d.organizer.as_deref(), Some("boss@example.com"));
    let attendees: Vec<(&str, Response)> = d
        .attendees
        .iter()
        .map(|a| (a.email.as_str(), a.response))
        .collect();
    assert_eq!(
        attendees,
        [
            ("me@example.com", Response::Accepted),
            ("no@example.com", Response::Declined),
            ("maybe@example.com", Response::Tentative),
            ("away@example.com", Response::Delegated),
            ("silent@example.com", Response::NeedsAction),
        ]
    );
    assert_eq!(d.status, EventStatus::Tentative);
    assert_eq!(d.transparency, Transparency::Opaque);
    assert_eq!(d.kind, EventKind::Default);
    assert!(!d.focusd_block);
    assert_eq!(d.source, fixture("details.ics").display().to_string());
    assert_eq!(d.role("Me@Example.com"), Role::Attendee(Response::Accepted));
    assert_eq!(d.role("boss@example.com"), Role::Organizer);
    assert!(invite.is_meeting("me@example.com"));
    assert!(!invite.is_meeting("no@example.com"));
    assert!(!invite.is_meeting("away@example.com"));

    let focus = by_uid("focus@focusd.test");
    // The mark is read, but an id that is not focusd's makes it no block of focusd's.
    assert!(focus.details.focusd_block && !focus.is_focus_block("me@example.com"));
    assert!(by_uid("google-focus@focusd.test").is_focus_block("me@example.com"));
    assert_eq!(focus.details.transparency, Transparency::Transparent);
    assert_eq!(
        by_uid("google-focus@focusd.test").details.kind,
        EventKind::FocusTime
    );
    let oof = by_uid("oof@focusd.test");
    assert!(oof.is_out_of_office("me@example.com") && oof.all_day);
    let wl = by_uid("wl@focusd.test");
    assert_eq!(wl.details.kind, EventKind::WorkingLocation);
    assert_eq!(wl.duration_minutes(), 24 * 60);
    let cancelled = by_uid("cancelled@focusd.test");
    assert_eq!(cancelled.details.status, EventStatus::Cancelled);
    assert!(!cancelled.is_meeting("me@example.com"));
    // VTODO and VJOURNAL are not events.
    assert_eq!(s.instances.len(), 6);
}

#[test]
fn huge_description_is_shared_not_copied() {
    let mut text = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:huge\r\nSUMMARY:Huge\r\nDTSTART:20240101T090000Z\r\nDTEND:20240101T100000Z\r\nRRULE:FREQ=DAILY;COUNT=2000\r\nDESCRIPTION:",
    );
    let mut len = 0;
    while len < 8_000_000 {
        // Folded at 74 octets like a real export, with escapes.
        text.push_str("lorem ipsum\\, dolor sit amet\\; consectetur\\nadipiscing elit sed do eiu");
        text.push_str("\r\n ");
        len += 70;
    }
    text.push_str("end\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    let (instances, diags) = parse_ics(
        &text,
        Path::new("huge.ics"),
        &berlin("2024-01-01T00:00:00Z", "2030-01-01T00:00:00Z"),
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(instances.len(), 2000);
    assert!(instances[0].details.description.len() > 7_000_000);
    assert!(instances[0].details.description.ends_with("end"));
    assert!(
        instances
            .windows(2)
            .all(|w| Arc::ptr_eq(&w[0].details, &w[1].details))
    );
}

#[test]
fn a_runaway_series_is_cut_with_a_warning_naming_it_and_where() {
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:every-second\nDTSTART:20000101T000000Z\nRRULE:FREQ=SECONDLY\nEND:VEVENT\nEND:VCALENDAR\n";
    // The cap counts from the range read, not from DTSTART in 2000: a day is all there.
    let (instances, diags) = parse_ics(
        text,
        Path::new("x.ics"),
        &berlin("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"),
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(instances.len(), 86_400);
    assert_eq!(instances[0].start, t("2024-01-01T00:00:00Z"));
    // Two days are more than 100,000 seconds: cut where the cap is reached, and said so.
    let (instances, diags) = parse_ics(
        text,
        Path::new("x.ics"),
        &berlin("2024-01-01T00:00:00Z", "2024-01-03T00:00:00Z"),
    );
    assert_eq!(instances.len(), 100_000);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].severity, Severity::Warning);
    assert_eq!(
        diags[0].reason,
        "series \"every-second\" is cut at 2024-01-02T03:46:40+00:00: more than 100000 of its \
         occurrences reach the range read (from 2024-01-01T00:00:00+00:00 on); later ones are not read"
    );
}

#[test]
fn a_series_that_began_long_ago_is_there_in_the_range() {
    // A busy HOURLY series from 2010 and a DAILY one from 1900: far more than the cap of
    // occurrences before 2026, yet every one in the window is read.
    let text = "BEGIN:VCALENDAR\r\n\
        BEGIN:VEVENT\r\nUID:pager@example.com\r\nDTSTART;TZID=Europe/Berlin:20100104T080000\r\n\
        DURATION:PT15M\r\nRRULE:FREQ=HOURLY\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:centenary@example.com\r\nDTSTART:19000101T110000Z\r\n\
        DTEND:19000101T120000Z\r\nRRULE:FREQ=DAILY\r\nEXDATE:20260310T110000Z\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:centenary@example.com\r\nRECURRENCE-ID:20260311T110000Z\r\n\
        DTSTART:20260311T150000Z\r\nDTEND:20260311T160000Z\r\nEND:VEVENT\r\n\
        END:VCALENDAR\r\n";
    let (instances, diags) = parse_ics(
        text,
        Path::new("x.ics"),
        &berlin("2026-03-09T00:00:00Z", "2026-03-13T00:00:00Z"),
    );
    assert!(diags.is_empty(), "{diags:?}");
    let of = |uid: &str| {
        instances
            .iter()
            .filter(|i| i.uid() == uid)
            .map(|i| i.start.format("%Y-%m-%dT%H:%M").to_string())
            .collect::<Vec<_>>()
    };
    let hourly = of("pager@example.com");
    assert_eq!(hourly.len(), 4 * 24);
    assert_eq!(hourly[0], "2026-03-09T00:00");
    assert_eq!(hourly[95], "2026-03-12T23:00");
    // An instance that started before the window and lasts into it is there too.
    let (instances, _) = parse_ics(
        text,
        Path::new("x.ics"),
        &berlin("2026-03-09T00:10:00Z", "2026-03-09T01:00:00Z"),
    );
    assert_eq!(instances.len(), 1);
    assert_eq!(instances[0].start, t("2026-03-09T00:00:00Z"));
    // The daily one: its EXDATE and its override in 2026 apply, 126 years on.
    let daily = of("centenary@example.com");
    assert_eq!(
        daily,
        ["2026-03-09T11:00", "2026-03-11T15:00", "2026-03-12T11:00"]
    );
}

#[test]
fn an_override_moved_from_long_before_the_range_is_no_extra_occurrence() {
    // The series began long ago; an override moves one of its first occurrences into the
    // range. It replaces that occurrence (no warning), like any other override.
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:s\nDTSTART:20000103T090000Z\nDURATION:PT1H\n\
        RRULE:FREQ=WEEKLY\nEND:VEVENT\nBEGIN:VEVENT\nUID:s\nRECURRENCE-ID:20000110T090000Z\n\
        DTSTART:20260311T130000Z\nDURATION:PT1H\nEND:VEVENT\nBEGIN:VEVENT\nUID:s\n\
        RECURRENCE-ID:20000111T090000Z\nDTSTART:20260312T130000Z\nDURATION:PT1H\nEND:VEVENT\n\
        END:VCALENDAR\n";
    let (instances, diags) = parse_ics(
        text,
        Path::new("x.ics"),
        &berlin("2026-03-09T00:00:00Z", "2026-03-14T00:00:00Z"),
    );
    let starts: Vec<_> = instances.iter().map(|i| i.start.to_rfc3339()).collect();
    assert_eq!(
        starts,
        [
            "2026-03-09T09:00:00+00:00",
            "2026-03-11T13:00:00+00:00",
            "2026-03-12T13:00:00+00:00"
        ]
    );
    // Only the one whose RECURRENCE-ID is no occurrence (a Tuesday) is warned about.
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0]
            .reason
            .contains("2000-01-11T09:00:00+00:00 matches no occurrence"),
        "{}",
        diags[0]
    );
}

#[test]
fn only_the_uids_that_reach_the_range_are_read() {
    let text = "BEGIN:VCALENDAR\n\
        BEGIN:VEVENT\nUID:old\nDTSTART:20190301T090000Z\nDTEND:20190301T100000Z\n\
        ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@x\nATTENDEE;PARTSTAT=DECLINED:mailto:a@x\nEND:VEVENT\n\
        BEGIN:VEVENT\nUID:timeless\nSUMMARY:no start\nEND:VEVENT\n\
        BEGIN:VEVENT\nUID:ended\nDTSTART:20190304T090000Z\nDURATION:PT1H\n\
        RRULE:FREQ=WEEKLY;UNTIL=20190401T000000Z\nEND:VEVENT\n\
        BEGIN:VEVENT\nUID:ended\nRECURRENCE-ID:20190311T090000Z\nDTSTART:20260310T090000Z\n\
        DURATION:PT1H\nEND:VEVENT\n\
        BEGIN:VEVENT\nUID:long\nDTSTART:20190304T090000Z\nDURATION:P5D\nRRULE:FREQ=WEEKLY;COUNT=2\nEND:VEVENT\n\
        BEGIN:VEVENT\nUID:long\nRECURRENCE-ID:20190311T090000Z\nDTSTART:20260304T090000Z\nEND:VEVENT\n\
        END:VCALENDAR\n";
    let (instances, diags) = parse_ics(
        text,
        Path::new("x.ics"),
        &berlin("2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z"),
    );
    // An override moved into the range is read with its series (and the series with it),
    // also one that lasts into the range only as long as its series does.
    let got: Vec<_> = instances
        .iter()
        .map(|i| (i.uid(), i.start.to_rfc3339(), i.end.to_rfc3339()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "long",
                "2026-03-04T09:00:00+00:00".to_string(),
                "2026-03-09T09:00:00+00:00".to_string()
            ),
            (
                "ended",
                "2026-03-10T09:00:00+00:00".to_string(),
                "2026-03-10T10:00:00+00:00".to_string()
            ),
        ]
    );
    // What is wrong with an event of 2019 is not reported when reading 2026; an event whose
    // time is unknown always is.
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].severity, Severity::Error);
    assert!(
        diags[0].reason.contains("\"timeless\" has no DTSTART"),
        "{}",
        diags[0]
    );
    let (_, diags) = parse_ics(
        text,
        Path::new("x.ics"),
        &berlin("2019-03-01T00:00:00Z", "2019-03-02T00:00:00Z"),
    );
    assert!(
        diags.iter().any(|d| d.reason.contains("listed twice")),
        "{diags:?}"
    );
}

#[test]
fn rfc_rules_the_expansion_library_refuses_keep_their_meaning() {
    let s = read(
        "fifth_monday.ics",
        &berlin("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
    );
    // -5MO: the first Monday of each month that has five (March, June, August, November).
    assert_eq!(
        starts(&s, "fifth-monday@example.net"),
        [
            "2026-03-02T09:00",
            "2026-06-01T08:00",
            "2026-08-03T08:00",
            "2026-11-02T09:00"
        ]
    );
    let fifth = s
        .instances
        .iter()
        .find(|i| i.uid() == "fifth-monday@example.net")
        .unwrap();
    assert!(fifth.details.read_only.is_none());
    // Combined with BYSETPOS it cannot be expanded: the first occurrence only, busy and
    // left alone, with an error: its later times are unknown, so no focus block may be
    // booked where they could be (everything else is still read and acted on).
    assert_eq!(starts(&s, "setpos-fifth@example.net"), ["2026-11-02T11:00"]);
    let setpos = s
        .instances
        .iter()
        .find(|i| i.uid() == "setpos-fifth@example.net")
        .unwrap();
    assert!(setpos.details.read_only.is_some());
    assert_eq!(
        diags_with(&s, "RRULE not usable"),
        [(Severity::Error, Some(20))]
    );
    assert_eq!(
        s.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
        1
    );
}

#[test]
fn one_hostile_rule_next_to_an_invitation_hides_nothing() {
    // The review's repro: an invitation and, next to it, an RFC-valid rule the expansion
    // library refuses. Every event is read; the only error is the one rule that cannot be
    // expanded (with BYSETPOS), which the daemon reports while acting on the rest.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("fifth_monday.ics"), dir.path().join("evil.ics")).unwrap();
    std::fs::copy(fixture("appended_update.ics"), dir.path().join("inv.ics")).unwrap();
    let s = read_calendar(
        dir.path(),
        &berlin("2026-11-30T00:00:00Z", "2026-12-10T00:00:00Z"),
    )
    .unwrap();
    let errors: Vec<_> = s
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(
        errors.len() == 1 && errors[0].reason.contains("BYSETPOS"),
        "{:?}",
        s.diagnostics
    );
    assert_eq!(starts(&s, "q1-sync@example.com"), ["2026-12-03T13:00"]);
}

#[test]
fn an_empty_rrule_is_no_rule_and_the_event_is_read_once() {
    // Review c3 (a calendarlabs.com feed): `RRULE:` says nothing. The event happens once;
    // nothing is unknown about it, so it is neither an error nor left alone.
    let utc = opts(
        chrono_tz::UTC,
        "2023-12-01T00:00:00Z",
        "2025-01-01T00:00:00Z",
    );
    let s = read("empty_rrule.ics", &utc);
    assert_eq!(
        spans(&s, "c3@calendarlabs.test"),
        [("2024-01-01T00:00".into(), "2024-01-02T00:00".into())]
    );
    assert_eq!(
        spans(&s, "c3-timed"),
        [("2024-01-15T09:00".into(), "2024-01-15T10:00".into())]
    );
    assert!(s.instances.iter().all(|i| i.details.read_only.is_none()));
    assert!(s.instances.iter().all(|i| i.recurrence_id.is_none()));
    assert_eq!(
        diags_with(&s, "RRULE is empty, ignored"),
        [(Severity::Warning, Some(8)), (Severity::Warning, Some(17))]
    );
    assert_eq!(s.diagnostics.len(), 2, "{:?}", s.diagnostics);
    // Next to a real rule, the empty one is not "the first": the real one is used.
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:r\nDTSTART:20240115T090000Z\nDURATION:PT1H\n\
        RRULE:;\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\nEND:VCALENDAR\n";
    let (instances, diags) = parse_ics(text, Path::new("x.ics"), &utc);
    assert_eq!(instances.len(), 2);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].reason, "RRULE is empty, ignored");
}

// ---------------------------------------------------------------------------------------------
// Identity: which VEVENT an instance comes from

#[test]
fn in_one_file_the_highest_sequence_wins() {
    let s = read(
        "appended_update.ics",
        &berlin("2026-11-30T00:00:00Z", "2026-12-10T00:00:00Z"),
    );
    assert_eq!(
        spans(&s, "q1-sync@example.com"),
        [("2026-12-03T13:00".into(), "2026-12-03T13:45".into())]
    );
    assert_eq!(s.instances[0].summary(), "Sync on Q1 planning (moved)");
    assert!(s.instances[0].details.read_only.is_none());
    assert_eq!(
        diags_with(&s, "and a higher SEQUENCE"),
        [(Severity::Warning, Some(4))]
    );
}

#[test]
fn one_uid_in_two_files_that_disagree_is_read_twice_and_left_alone() {
    // Review finding 4, repro A: the user's own meeting, and an outsider's invitation with
    // the same UID and a higher SEQUENCE in another file of the vdir.
    let s = read(
        "shared_uid",
        &berlin("2026-11-30T00:00:00Z", "2026-12-10T00:00:00Z"),
    );
    let got: Vec<(&str, Option<&str>)> = s
        .instances
        .iter()
        .map(|i| (i.summary(), i.details.read_only.as_deref()))
        .collect();
    let why = "its UID \"shared-uid@example.com\" is held by two different events (a-own.ics, b-invite.ics)";
    assert_eq!(
        got,
        [("Quick chat", Some(why)), ("Roadmap review", Some(why))]
    );
    // Both count as busy time.
    assert!(s.instances.iter().all(|i| i.is_meeting("alex@example.com")));
    assert_eq!(
        diags_with(&s, "is held by two different events"),
        [(Severity::Warning, Some(4))]
    );
}

#[test]
fn identical_copies_in_two_files_are_one_event() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.ics", "b.ics"] {
        std::fs::copy(fixture("shared_uid/b-invite.ics"), dir.path().join(name)).unwrap();
    }
    let s = read_calendar(
        dir.path(),
        &berlin("2026-11-30T00:00:00Z", "2026-12-10T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(s.instances.len(), 1);
    assert!(s.instances[0].details.read_only.is_none());
    assert_eq!(
        diags_with(&s, "is a copy of the one at"),
        [(Severity::Warning, Some(4))]
    );
}

#[test]
fn a_sibling_that_cannot_be_read_makes_its_uid_read_only() {
    let o = berlin("2026-11-30T00:00:00Z", "2026-12-31T00:00:00Z");
    let text = |override_lines: &str| {
        format!(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:w\nDTSTART:20261201T090000Z\nDTEND:20261201T100000Z\nRRULE:FREQ=WEEKLY;COUNT=3\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:alex@example.com\nEND:VEVENT\nBEGIN:VEVENT\nUID:w\n{override_lines}END:VEVENT\nEND:VCALENDAR\n"
        )
    };
    // An override without DTSTART: which occurrence it changes, and how, is unknown (an
    // error: its own time is unknown).
    let (inst, diags) = parse_ics(
        &text("RECURRENCE-ID:20261208T090000Z\nSUMMARY:moved?\n"),
        Path::new("w.ics"),
        &o,
    );
    assert_eq!(inst.len(), 3);
    assert!(inst.iter().all(|i| {
        i.details
            .read_only
            .as_deref()
            .is_some_and(|r| r.contains("could not be read (w.ics:9)"))
    }));
    let severities: Vec<_> = diags.iter().map(|d| (d.severity, d.line)).collect();
    assert_eq!(severities, [(Severity::Error, Some(9))]);
    // An unreadable RECURRENCE-ID: the override is read on its own, at its own time.
    let (inst, diags) = parse_ics(
        &text("RECURRENCE-ID:next week\nDTSTART:20261209T150000Z\nDTEND:20261209T160000Z\n"),
        Path::new("w.ics"),
        &o,
    );
    let got: Vec<String> = inst
        .iter()
        .map(|i| i.start.format("%m-%dT%H:%M").to_string())
        .collect();
    assert_eq!(
        got,
        ["12-01T09:00", "12-08T09:00", "12-09T15:00", "12-15T09:00"]
    );
    assert!(inst.iter().all(|i| i.details.read_only.is_some()));
    assert!(diags.iter().all(|d| d.severity == Severity::Warning));
}

// ---------------------------------------------------------------------------------------------
// Files and folders

#[test]
fn vdir_one_broken_file_hides_nothing_else() {
    let s = read(
        "vdir",
        &berlin("2024-07-01T00:00:00Z", "2024-07-08T00:00:00Z"),
    );
    let got: Vec<(String, String)> = s
        .instances
        .iter()
        .map(|i| {
            (
                i.start.format("%m-%dT%H:%M").to_string(),
                i.summary().to_string(),
            )
        })
        .collect();
    let want = [
        ("07-01T07:30", "Stand-up"),
        ("07-02T11:00", "Lunch"),
        // Ends before it starts: its start is busy (read-only).
        ("07-02T12:00", "Ends before it starts"),
        // The override lives in another file of the vdir: in a vdir one event is one file,
        // so it could be anyone's. Both the occurrence and the override are busy (and both
        // left alone); neither replaces the other.
        ("07-03T07:30", "Stand-up"),
        ("07-03T12:00", "Stand-up (moved, stored in its own file)"),
        ("07-05T07:30", "Stand-up"),
        ("07-05T15:00", "File cut off by a crash"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    let mut diags: Vec<(String, Severity, Option<usize>)> = s
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.path.file_name().unwrap().to_string_lossy().into_owned(),
                d.severity,
                d.line,
            )
        })
        .collect();
    diags.sort_by_key(|d| (d.0.clone(), d.2));
    assert_eq!(
        diags,
        [
            // One event is one file in a vdir: the stand-up's override in a file of its own
            // could be anyone's, so the series is read (busy) but left alone.
            ("a-standup.ics".to_string(), Severity::Warning, Some(3)),
            ("c-broken.ics".to_string(), Severity::Error, None),
            ("d-bad-event.ics".to_string(), Severity::Warning, Some(7)),
            ("e-truncated.ics".to_string(), Severity::Warning, Some(1)),
            ("e-truncated.ics".to_string(), Severity::Warning, Some(3)),
        ]
    );
    assert!(s.diagnostics[0].reason.contains("not an iCalendar file"));
}

#[test]
fn single_file_errors_are_calendar_errors() {
    let o = berlin("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
    let err = read_calendar(&fixture("vdir/c-broken.ics"), &o).unwrap_err();
    assert_eq!(focusd::cli::exit_code(&err), 65);
    assert!(err.to_string().contains("c-broken.ics"), "{err}");
    assert!(err.to_string().contains("not an iCalendar file"), "{err}");

    let err = read_calendar(&fixture("does-not-exist.ics"), &o).unwrap_err();
    assert!(matches!(err, Error::Calendar(_)));
    assert_eq!(focusd::cli::exit_code(&err), 65);

    let dir = tempfile::tempdir().unwrap();
    let only_bad = dir.path().join("bad.ics");
    std::fs::write(
        &only_bad,
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:no start\nEND:VEVENT\nEND:VCALENDAR\n",
    )
    .unwrap();
    let err = read_calendar(&only_bad, &o).unwrap_err();
    let Error::Calendar(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.line, Some(2));
    assert!(d.reason.contains("no DTSTART"), "{d}");

    let empty = dir.path().join("empty.ics");
    std::fs::write(&empty, "").unwrap();
    assert!(
        read_calendar(&empty, &o)
            .unwrap_err()
            .to_string()
            .contains("empty")
    );

    // A VCALENDAR with no events is a valid, empty calendar.
    let no_events = dir.path().join("none.ics");
    std::fs::write(&no_events, "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n").unwrap();
    let s = read_calendar(&no_events, &o).unwrap();
    assert!(s.instances.is_empty() && s.diagnostics.is_empty());

    // Invalid UTF-8 is read lossily, with a warning.
    let latin1 = dir.path().join("latin1.ics");
    std::fs::write(
        &latin1,
        b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:l1\nSUMMARY:Caf\xe9\nDTSTART:20240301T090000Z\nEND:VEVENT\nEND:VCALENDAR\n",
    )
    .unwrap();
    let s = read_calendar(&latin1, &o).unwrap();
    assert_eq!(s.instances[0].summary(), "Caf\u{fffd}");
    assert_eq!(diags_with(&s, "UTF-8"), [(Severity::Warning, Some(4))]);
}

#[test]
fn a_large_vdir_reads_every_file() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        let text = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:event-{i}\r\nSUMMARY:Event {i}\r\nDTSTART;TZID=W. Europe Standard Time:2024{:02}{:02}T{:02}0000\r\nDURATION:PT30M\r\nRRULE:FREQ=WEEKLY;COUNT=20\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            1 + i % 12,
            1 + i % 28,
            8 + i % 10
        );
        std::fs::write(dir.path().join(format!("{i}.ics")), text).unwrap();
    }
    let s = read_calendar(
        dir.path(),
        &berlin("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
    )
    .unwrap();
    assert!(s.diagnostics.is_empty(), "{:?}", &s.diagnostics[..1]);
    assert!(s.instances.len() > 3000 * 10);
    assert_sorted(&s);
}

// ---------------------------------------------------------------------------------------------
// The khal corpus of real-world breakage

/// The corpus folder, or `None` (after a loud message) when it is absent; under `CI=true` a
/// missing corpus fails the test instead.
fn khal_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/khal-ics");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("khal corpus missing at {} (CI=true)", dir.display());
    }
    eprintln!(
        "\n!!!!!! SKIPPED: khal corpus not found at {} — corpus tests did not run !!!!!!\n",
        dir.display()
    );
    None
}

fn khal_opts() -> ReadOptions {
    berlin("1960-01-01T00:00:00Z", "2030-01-01T00:00:00Z")
}

fn khal(name: &str) -> Snapshot {
    let dir = khal_dir().expect("checked by caller");
    read_calendar(&dir.join(name), &khal_opts()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn khal_corpus_every_file_reads_without_panic() {
    let Some(dir) = khal_dir() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ics"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 56);
    for f in &files {
        let s = read_calendar(f, &khal_opts()).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert!(!s.instances.is_empty(), "{} gave no instances", f.display());
        assert_sorted(&s);
        for d in &s.diagnostics {
            assert_eq!(d.path, *f);
            assert!(!d.reason.is_empty());
        }
    }
    // The whole folder read as one vdir: overrides meet their masters across files, and
    // duplicates across files are reported, not fatal: identical copies are one event, and
    // different events under one UID are all read, as busy time focusd leaves alone.
    let s = read_calendar(&dir, &khal_opts()).unwrap();
    assert!(s.instances.len() > 150, "{}", s.instances.len());
    assert_eq!(diags_with(&s, "different events").len(), 4);
    assert_eq!(diags_with(&s, "is a copy of the one at").len(), 2);
    assert!(
        s.diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    let shared: Vec<_> = s
        .instances
        .iter()
        .filter(|i| i.uid() == "V042MJ8B3SJNFXQOJL6P53OFMHJE8Z3VZWOU")
        .collect();
    assert!(shared.len() >= 17, "{}", shared.len());
    assert!(shared.iter().all(|i| {
        i.details
            .read_only
            .as_deref()
            .is_some_and(|r| r.contains("is held by 17 different events (cal_d.ics, "))
    }));
}

#[test]
fn khal_simple_zoned_floating_utc_and_all_day() {
    let Some(_) = khal_dir() else { return };
    for name in [
        "event_dt_simple.ics",
        "event_dt_simple_inkl_vtimezone.ics",
        "event_dt_status_confirmed.ics",
        "event_dt_url.ics",
        "event_dt_partstat.ics",
        // Floating time: read in the user's zone (Berlin, CEST).
        "event_dt_floating.ics",
        // Its VTIMEZONE has an invalid offset, but the IANA name wins.
        "invalid_tzoffset.ics",
    ] {
        let s = khal(name);
        assert_eq!(s.instances.len(), 1, "{name}");
        let i = &s.instances[0];
        assert!(!i.all_day, "{name}");
        if name == "invalid_tzoffset.ics" {
            assert_eq!(i.start, t("2012-12-02T07:00:00Z"));
            assert_eq!(i.end, t("2012-12-02T08:30:00Z"));
        } else {
            assert_eq!(i.start, t("2014-04-09T07:30:00Z"), "{name}");
            assert_eq!(i.end, t("2014-04-09T08:30:00Z"), "{name}");
        }
    }
    let zulu = khal("event_dt_simple_zulu.ics");
    assert_eq!(zulu.instances[0].start, t("2014-04-09T09:30:00Z"));
    let london = khal("event_dt_london.ics");
    assert_eq!(london.instances[0].start, t("2014-04-09T13:00:00Z"));
    let bogota = khal("cal_no_dst.ics");
    assert_eq!(bogota.instances[0].start, t("2014-04-09T14:30:00Z"));
    assert_eq!(
        khal("non_dst_error.ics")
            .instances
            .iter()
            .map(|i| i.start)
            .collect::<Vec<_>>(),
        [t("2023-02-03T14:15:00Z"), t("2023-02-06T08:50:00Z")]
    );
    for name in ["cal_d.ics", "event_d.ics", "event_d_no_value.ics"] {
        let s = khal(name);
        let i = &s.instances[0];
        assert!(i.all_day, "{name}");
        assert_eq!(i.start, t("2014-04-08T22:00:00Z"), "{name}");
        assert_eq!(i.end, t("2014-04-09T22:00:00Z"), "{name}");
    }
    let long = khal("event_d_long.ics");
    assert_eq!(long.instances[0].end, t("2014-04-11T22:00:00Z"));
    // A bare VEVENT (no VCALENDAR) is read, with a warning.
    assert_eq!(
        diags_with(&khal("event_d.ics"), "VEVENT outside a VCALENDAR"),
        [(Severity::Warning, Some(1))]
    );
    // DTSTART and DTEND in different zones.
    for name in ["cal_dt_two_tz.ics", "event_dt_two_tz.ics"] {
        let i = &khal(name).instances[0];
        assert_eq!(i.start, t("2014-04-09T07:30:00Z"), "{name}");
        assert_eq!(i.end, t("2014-04-09T14:30:00Z"), "{name}");
    }
}

#[test]
fn khal_windows_zone_and_unknown_zones() {
    let Some(_) = khal_dir() else { return };
    // "New Zealand Standard Time" with a bogus VTIMEZONE: the Windows name wins (NZDT, +13).
    let s = khal("tz_windows_format.ics");
    assert_eq!(s.instances[0].start, t("2019-11-20T00:00:00Z"));
    assert_eq!(s.instances[0].end, t("2019-11-20T01:30:00Z"));
    assert!(s.diagnostics.is_empty());
    // Unknown TZID without VTIMEZONE: the user's zone, one warning with the line.
    let s = khal("event_dt_local_missing_tz.ics");
    assert_eq!(s.instances[0].start, t("2014-04-09T07:30:00Z"));
    assert_eq!(diags_with(&s, "\"FOO\""), [(Severity::Warning, Some(6))]);
    // Unknown zone, EXDATE in UTC: 10:00 Berlin on 3 June is 08:00Z, so it is excluded.
    let s = khal("event_dtr_no_tz_exdatez.ics");
    assert_eq!(
        starts(&s, "5624b646-ba12-4dbd-ba9f-8d66319b0776"),
        [
            "2012-04-03T08:00",
            "2012-05-03T08:00",
            "2012-07-03T08:00",
            "2012-08-03T08:00",
            "2012-09-03T08:00"
        ]
    );
    assert_eq!(
        diags_with(&s, "\"LOLOLOL\""),
        [(Severity::Warning, Some(8))]
    );
    // "GMT-05.00/-04.00" is not a zone: read in Berlin; UNTIL in UTC still ends it.
    let s = khal("event_dtr_notz_untilz.ics");
    assert_eq!(s.instances.len(), 7);
    assert_eq!(s.instances[6].start, t("2012-10-18T11:00:00Z"));
    // Custom VTIMEZONE names with only RDATE observances: computed from their offsets.
    let s = khal("part1.ics");
    let abcde: Vec<_> = s.instances.iter().map(|i| i.start).collect();
    assert_eq!(abcde[0], t("2014-04-09T07:30:00Z")); // Europe_Berlin, CEST
    assert_eq!(s.instances[0].end, t("2014-04-09T14:30:00Z")); // America_New_York, EDT
    assert!(abcde.contains(&t("2014-04-11T16:30:00Z"))); // America_Bogota
    assert!(abcde.contains(&t("2014-04-18T07:30:00Z"))); // IndianReunion, +04
    let london = khal("part0.ics");
    assert_eq!(london.instances[0].start, t("2014-05-09T18:30:00Z"));
}

#[test]
fn khal_recurrence() {
    let Some(_) = khal_dir() else { return };
    assert_eq!(khal("event_dt_rr.ics").instances.len(), 10);
    let d = khal("event_d_rr.ics");
    assert_eq!(d.instances.len(), 10);
    assert!(d.instances.iter().all(|i| i.all_day));
    // RDATE on the DTSTART date is not counted twice.
    assert_eq!(khal("event_d_rdate.ics").instances.len(), 4);
    assert_eq!(khal("event_dt_rd.ics").instances.len(), 2);
    assert_eq!(khal("event_dt_two_rd.ics").instances.len(), 4);
    // EXDATE in UTC for a Berlin series: 21 July is gone.
    assert_eq!(
        starts(&khal("event_dtr_exdatez.ics"), "event_dtr_exdatez"),
        ["2014-06-30T05:30", "2014-07-07T05:30", "2014-07-14T05:30"]
    );
    // Three EXDATEs in UTC, one of which hits (26 November).
    assert_eq!(
        starts(
            &khal("event_invalid_exdate.ics"),
            "00D6A925-90F7-4663-AE13-E8BD1655EF77"
        ),
        ["2011-11-12T20:50", "2011-11-19T20:50", "2011-12-03T20:50"]
    );
    // UNTIL date-time for an all-day series, and a date for a date-time series.
    let s = khal("event_dt_rrule_invalid_until.ics");
    assert_eq!(
        starts(&s, "invalidRRULEUNTIL"),
        ["2007-11-30T23:00", "2007-12-31T23:00", "2008-01-31T23:00"]
    );
    assert_eq!(diags_with(&s, "UNTIL").len(), 1);
    let s = khal("event_dt_rrule_invalid_until2.ics");
    assert_eq!(s.instances.len(), 35);
    assert_eq!(s.instances[34].start, t("2014-12-03T08:30:00Z"));
    // UNTIL before DTSTART: just the first occurrence, with a warning.
    let s = khal("event_dt_rrule_until_before_start.ics");
    assert_eq!(s.instances.len(), 1);
    assert_eq!(s.instances[0].start, t("1980-11-09T18:30:00Z"));
    assert_eq!(diags_with(&s, "UNTIL is before DTSTART").len(), 1);
    // No rule occurrence before UNTIL: DTSTART still counts as the first (RFC 5545).
    assert_eq!(khal("event_rrule_no_occurence.ics").instances.len(), 1);
    // A yearly birthday since 1965, up to the end of the range.
    let s = khal("event_r_past.ics");
    assert_eq!(s.instances.len(), 65);
    assert!(
        s.instances
            .iter()
            .all(|i| i.all_day && i.duration_minutes() == 24 * 60)
    );
    // RDATEs with TZID but no VALUE, plus an UNTIL date.
    assert_eq!(khal("event_rdate_no_value.ics").instances.len(), 27);
}

#[test]
fn khal_overrides() {
    let Some(_) = khal_dir() else { return };
    let arbeit = |name: &str| starts(&khal(name), "event_rrule_recurrence_id");
    let base = [
        "2014-06-30T05:00",
        "2014-07-07T07:00", // moved to 09:00 Berlin
        "2014-07-14T05:00",
        "2014-07-21T05:00",
        "2014-07-28T05:00",
        "2014-08-04T05:00",
    ];
    assert_eq!(arbeit("event_rrule_recuid.ics"), base);
    // The RECURRENCE-ID with an unknown TZID still matches (read in the user's zone).
    assert_eq!(arbeit("event_rrule_recuid_invalid_tzid.ics"), base);
    // The override comes before the master in the file.
    assert_eq!(arbeit("mult_uids_and_recuid_no_order.ics"), base);
    assert_eq!(
        khal("mult_uids_and_recuid_no_order.ics")
            .instances
            .iter()
            .filter(|i| i.uid() == "date123")
            .count(),
        6
    );
    // STATUS:CANCELLED hides the 14 July instance only.
    let mut cancelled = base.to_vec();
    cancelled.remove(2);
    assert_eq!(arbeit("event_rrule_recuid_cancelled.ics"), cancelled);
    // EXDATE with TZID.
    assert_eq!(arbeit("event_rrule_recuid_update.ics").len(), 5);

    // RECURRENCE-ID without a master: each is its own event, with a warning.
    let s = khal("event_dt_recuid_no_master.ics");
    assert_eq!(s.instances.len(), 1);
    assert_eq!(s.instances[0].start, t("2017-03-29T14:00:00Z"));
    assert_eq!(
        diags_with(&s, "RECURRENCE-ID without its series"),
        [(Severity::Warning, Some(3))]
    );
    let s = khal("event_dt_multi_recuid_no_master.ics");
    assert_eq!(
        spans(&s, "abe304dc-f7b1-4f2b-997d-5c8bcfaa7e0b"),
        [
            ("2014-06-30T05:30".into(), "2014-06-30T10:00".into()),
            ("2014-07-07T06:30".into(), "2014-07-07T10:00".into())
        ]
    );
    assert_eq!(diags_with(&s, "its RRULE ignored").len(), 2);
    // An override that matches no occurrence is kept as an extra one, with a warning.
    let s = khal("cal_lots_of_timezones.ics");
    assert_eq!(s.instances.len(), 12);
    assert_eq!(
        diags_with(&s, "matches no occurrence"),
        [(Severity::Warning, Some(120))]
    );
}

#[test]
fn khal_odd_events() {
    let Some(_) = khal_dir() else { return };
    // Duplicate UID, same SEQUENCE, different events: both are read (busy), neither is
    // acted on, with a warning.
    let s = khal("event_dt_multi_uid.ics");
    assert_eq!(s.instances.len(), 3);
    let def: Vec<_> = s.instances.iter().filter(|i| i.uid() == "def").collect();
    assert_eq!(def.len(), 2);
    for i in &def {
        assert_eq!(
            i.details.read_only.as_deref(),
            Some(
                "its UID \"def\" is held by two different events (event_dt_multi_uid.ics:12, event_dt_multi_uid.ics:18)"
            )
        );
    }
    assert_eq!(
        diags_with(&s, "is held by two different events"),
        [(Severity::Warning, Some(12))]
    );
    // No UID: a stable one is made up, with a warning; focusd cannot address it for writing,
    // so it is read-only.
    let a = khal("without_uid.ics");
    let b = khal("without_uid.ics");
    assert!(a.instances[0].uid().starts_with("focusd-synthetic-"));
    assert_eq!(a.instances[0].uid(), b.instances[0].uid());
    assert!(a.instances[0].details.read_only.is_some());
    assert_eq!(diags_with(&a, "no UID"), [(Severity::Warning, Some(4))]);
    // No DTEND on a date-time: zero length.
    let s = khal("event_dt_no_end.ics");
    assert_eq!(s.instances[0].start, s.instances[0].end);
    // DTEND on the start date of an all-day event: one day, with a warning.
    let s = khal("event_d_same_start_end.ics");
    assert_eq!(s.instances[0].duration_minutes(), 24 * 60);
    assert_eq!(diags_with(&s, "ends on the day it starts").len(), 1);
    // DURATION.
    let s = khal("event_dt_duration.ics");
    assert_eq!(s.instances[0].duration_minutes(), 60);
    assert_eq!(
        s.instances[0].details.organizer.as_deref(),
        Some("frank@nord.tld")
    );
    // TZID together with a UTC time: the UTC time is used.
    let s = khal("event_dt_mixed_awareness.ics");
    assert_eq!(
        spans(&s, "S9HZETRQne"),
        [("2015-06-02T12:00".into(), "2015-06-02T14:00".into())]
    );
    assert_eq!(diags_with(&s, "both a TZID and a UTC time").len(), 2);
    // Attendees with folded lines, PARTSTAT in every form.
    let s = khal("event_dt_partstat.ics");
    let att: Vec<_> = s.instances[0]
        .details
        .attendees
        .iter()
        .map(|a| (a.email.as_str(), a.response))
        .collect();
    assert_eq!(
        att,
        [
            ("hcabot@example.com", Response::Tentative),
            ("iamboss@example.com", Response::Delegated),
            ("jdoe@example.com", Response::Accepted),
            ("jqpublic@example.com", Response::Accepted),
            ("another@example.com", Response::Declined),
            ("tent@example.com", Response::Tentative),
        ]
    );
    let s = khal("event_dt_description.ics");
    assert_eq!(
        s.instances[0].details.description,
        "Hey, \n\nJust setting aside some dedicated time to talk about redacted."
    );
    let s = khal("event_dt_url.ics");
    assert_eq!(
        s.instances[0].details.urls,
        ["https://github.com/pimutils/khal"]
    );
}

// ---------------------------------------------------------------------------------------------
// Robustness: no input makes the reader panic.

fn all_fixture_texts() -> Vec<String> {
    let mut texts = Vec::new();
    let mut dirs = vec![fixture(""), fixture("vdir")];
    if let Some(k) = khal_dir() {
        dirs.push(k);
    }
    for dir in dirs {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "ics") {
                texts.push(String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned());
            }
        }
    }
    texts
}

#[test]
fn mutated_inputs_never_panic() {
    // A short range keeps this fast in debug builds; runaway series are tested on their own.
    let o = berlin("2014-01-01T00:00:00Z", "2015-01-01T00:00:00Z");
    let src = Path::new("mutated.ics");
    let junk = [
        "",
        ":",
        ";",
        "BEGIN:VEVENT",
        "END:VCALENDAR",
        "DTSTART:99999999T999999",
        "TZID=",
        "RRULE:FREQ=HOURLY;INTERVAL=7;COUNT=4294967295",
        "RRULE:FREQ=YEARLY;BYSETPOS=400;BYDAY=-99MO",
        "DURATION:P99999W",
        "DTEND;VALUE=DATE:00000000",
        "\u{0}\u{7f}\u{fffd}",
        " folded",
        "RECURRENCE-ID;RANGE=THISANDFUTURE:19000101",
        "EXDATE:,,,",
        "RDATE;VALUE=PERIOD:/",
        "DTSTART;TZID=\"unterminated:20240101T000000",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for text in all_fixture_texts() {
        let lines: Vec<&str> = text.lines().collect();
        for i in 0..lines.len() {
            // Drop one line.
            let mut l = lines.clone();
            l.remove(i);
            let _ = parse_ics(&l.join("\n"), src, &o);
            // Replace one line with junk.
            let mut l = lines.clone();
            l[i] = junk[(next() % junk.len() as u64) as usize];
            let _ = parse_ics(&l.join("\n"), src, &o);
            // Corrupt one character of the value.
            let mut line = lines[i].to_string();
            if let Some(pos) = line
                .char_indices()
                .map(|(p, _)| p)
                .nth((next() % 40) as usize)
            {
                line.replace_range(
                    pos..pos + line[pos..].chars().next().unwrap().len_utf8(),
                    "9",
                );
            }
            let mut l = lines.clone();
            l[i] = &line;
            let _ = parse_ics(&l.join("\n"), src, &o);
        }
        // Truncated anywhere.
        for cut in (0..text.len()).step_by(17) {
            if text.is_char_boundary(cut) {
                let _ = parse_ics(&text[..cut], src, &o);
            }
        }
    }
    // Binary junk.
    for _ in 0..200 {
        let bytes: Vec<u8> = (0..(next() % 2000)).map(|_| next() as u8).collect();
        let _ = parse_ics(&String::from_utf8_lossy(&bytes), src, &o);
    }
}

#[test]
fn extreme_ranges_and_dates_never_panic() {
    let o = ReadOptions {
        zone: chrono_tz::Pacific::Kiritimati,
        from: DateTime::<Utc>::MIN_UTC,
        to: DateTime::<Utc>::MAX_UTC,
    };
    for name in [
        "overrides.ics",
        "details.ics",
        "rdate_exdate.ics",
        "duration_all_day.ics",
    ] {
        let s = read(name, &o);
        assert!(!s.instances.is_empty(), "{name}");
    }
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:edge\nDTSTART:99991231T235959Z\nDURATION:P36000D\nRRULE:FREQ=YEARLY;UNTIL=99991231\nRDATE:00010101T000000\nEXDATE;VALUE=DATE:00010101\nEND:VEVENT\nBEGIN:VEVENT\nUID:edge2\nDTSTART;VALUE=DATE:00010101\nDTEND;VALUE=DATE:99991231\nRRULE:FREQ=DAILY;BYSETPOS=-1;BYDAY=MO\nEND:VEVENT\nEND:VCALENDAR\n";
    let _ = parse_ics(text, Path::new("edge.ics"), &o);
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("BEGIN:VCALENDAR".to_string()),
            Just("END:VCALENDAR".to_string()),
            Just("BEGIN:VEVENT".to_string()),
            Just("END:VEVENT".to_string()),
            Just("BEGIN:VTIMEZONE".to_string()),
            Just("END:VTIMEZONE".to_string()),
            Just("BEGIN:STANDARD".to_string()),
            Just("END:STANDARD".to_string()),
            "UID:[a-z]{0,3}",
            "DTSTART(;TZID=[A-Za-z/ _]{0,12})?(;VALUE=DATE)?:[0-9]{0,8}(T[0-9]{0,6}Z?)?",
            "DTEND(;TZID=Europe/Berlin)?:[0-9]{8}(T[0-9]{6})?",
            "DURATION:-?P[0-9WDTHMS]{0,8}",
            "RRULE:FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY|HOURLY|MINUTELY)(;(COUNT|INTERVAL|BYMONTHDAY|BYSETPOS|BYMONTH|BYYEARDAY|BYWEEKNO)=-?[0-9]{1,3}){0,3}(;BYDAY=[-+]?[0-9]?(MO|FR|XX))?(;UNTIL=[0-9T]{0,15}Z?)?",
            "(RDATE|EXDATE|RECURRENCE-ID)(;VALUE=(DATE|PERIOD))?(;TZID=[A-Za-z/]{0,10})?:[0-9TZ/P,]{0,30}",
            "TZOFFSET(FROM|TO):[-+][0-9]{0,6}",
            "ATTENDEE(;PARTSTAT=[A-Z-]{0,12})?:(mailto:)?[a-z@.]{0,10}",
            "[ \t][ -~]{0,20}",
            "[ -~]{0,30}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn random_calendars_never_panic(lines in proptest::collection::vec(line(), 0..40)) {
            let text = lines.join("\r\n");
            let o = berlin("2000-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
            let (instances, _) = parse_ics(&text, Path::new("p.ics"), &o);
            for i in &instances {
                prop_assert!(i.start <= i.end);
                prop_assert!(i.end >= o.from && i.start < o.to);
            }
        }
    }
}

/// One rule for a wall-clock time inside a DST gap or a repeated hour (RFC 5545, 3.3.5):
/// the calendar reader and the planner's own times (working hours, focus windows) give the
/// same instant, so a block planned "at 02:30" lands where an event at 02:30 is read.
#[test]
fn the_reader_and_the_planner_read_a_dst_gap_and_a_repeated_hour_alike() {
    use chrono::{NaiveDate, NaiveTime, TimeZone};
    let berlin = chrono_tz::Europe::Berlin;
    for (day, expected) in [
        // 02:30 does not exist on 2026-03-29: the offset before the gap, 03:30 CEST.
        (
            (2026, 3, 29),
            Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0).unwrap(),
        ),
        // 02:30 happens twice on 2026-10-25: the earlier, 02:30 CEST.
        (
            (2026, 10, 25),
            Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap(),
        ),
    ] {
        let date = NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap();
        let planned =
            focusd::model::local_instant(berlin, date, NaiveTime::from_hms_opt(2, 30, 0).unwrap());
        assert_eq!(planned, expected, "{date}: the planner");
        let text = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:gap\r\nSUMMARY:At 02:30\r\n\
             DTSTART;TZID=Europe/Berlin:{}T023000\r\nDURATION:PT30M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            date.format("%Y%m%d")
        );
        let o = ReadOptions {
            zone: berlin,
            from: expected - chrono::Duration::days(1),
            to: expected + chrono::Duration::days(1),
        };
        let (instances, _) = parse_ics(&text, Path::new("gap.ics"), &o);
        assert_eq!(instances.len(), 1, "{date}");
        assert_eq!(instances[0].start, expected, "{date}: the reader");
    }
}
