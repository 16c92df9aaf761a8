//! A large single-file calendar, generated deterministically: a team calendar exported from
//! a groupware server over nine years (2019-2027), as one `.ics` file with CRLF line ends.
//!
//! What is in it, per 100 MB (about 350,000 VEVENTs; the counts scale with the size asked):
//! - four VTIMEZONEs: Europe/Berlin and America/New_York as IANA exports write them, Outlook's
//!   `W. Europe Standard Time`, and an Outlook "Customized Time Zone" (custom rules);
//! - the user's (`alex@example.com`) meetings on working days, opaque, with three to eight
//!   attendees (CN, ROLE, PARTSTAT, RSVP), descriptions with agendas or only a join block,
//!   folded at 75 octets, some with a VALARM; in the future some still unanswered;
//! - colleagues' meetings and out-of-office days that the user is not invited to, shown free
//!   (`TRANSP:TRANSPARENT`, Outlook's `BUSYSTATUS:FREE`): most of the volume;
//! - about one recurring series per 60 KB (daily stand-ups, weekly one-on-ones, monthly
//!   reviews; open-ended, with UNTIL or COUNT; some started years before 2019), with EXDATEs
//!   and overrides (moved, retitled, cancelled), most next to their master and some at the
//!   end of the file.
//!
//! Used by `benches/ical.rs` and by `examples/gen_big_calendar.rs` (which writes it to a file).

/// The user the calendar belongs to.
pub const ME: &str = "alex@example.com";

/// A moment inside the data (a Monday morning in Berlin), for `--now`.
pub const NOW: &str = "2026-03-09T08:00:00+01:00";

/// xorshift64*: small, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A generated calendar.
pub struct Generated {
    pub text: String,
    /// VEVENTs in it (masters, overrides and single events).
    pub vevents: usize,
}

const FIRST_YEAR: i32 = 2019;
const LAST_YEAR: i32 = 2027;

const PEOPLE: &[&str] = &[
    "Maria Schmidt:maria.schmidt",
    "Jonas Weber:jonas.weber",
    "Zoë Müller:zoe.mueller",
    "Łukasz Nowak:lukasz.nowak",
    "Priya Raman:priya.raman",
    "Sam O'Neill:sam.oneill",
    "Chen Wei:chen.wei",
    "Fatima Zahra:fatima.zahra",
    "Lars Eriksson:lars.eriksson",
    "Ana Souza:ana.souza",
    "Tomás García:tomas.garcia",
    "Yuki Tanaka:yuki.tanaka",
    "Ingrid Berg:ingrid.berg",
    "Omar Haddad:omar.haddad",
    "Emily Clarke:emily.clarke",
    "Noah Fischer:noah.fischer",
];

const TITLES: &[&str] = &[
    "Sync",
    "Design review: storage layer",
    "Planning",
    "Customer call",
    "Retro",
    "Pairing",
    "Quarterly roadmap",
    "Incident review",
    "Architecture forum",
    "Hiring debrief",
    "Budget check-in",
    "Vendor demo",
    "Brainstorm",
    "Office hours",
    "Release readiness",
];

const AGENDAS: &[&str] = &[
    "Agenda:\\n1. Where we are with the migration\\n2. Open risks and owners\\n3. Decide on the rollout date",
    "Goals: agree on the API shape for the export endpoint. Pre-read: https://docs.example.com/d/1x2y3z",
    "We will walk through the incident timeline\\, the contributing factors and the follow-up tickets (OPS-1412\\, OPS-1419).",
    "- Review last sprint's metrics\\n- Capacity for next sprint\\n- Any blockers?",
    "Please bring your numbers for Q2\\; we need to close the plan by Friday.",
];

const JOIN: &str = "────────────────────\\nJoin Zoom Meeting\\nhttps://example.zoom.us/j/81234567890?pwd=abcDEF123\\nMeeting ID: 812 3456 7890\\nPasscode: 417263\\n────────────────────";

const ROOMS: &[&str] = &[
    "Room Elbe (4th floor)",
    "Room Spree",
    "https://example.zoom.us/j/81234567890",
    "Berlin HQ\\, Atrium",
    "",
];

const VTIMEZONES: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Berlin\r\n\
X-LIC-LOCATION:Europe/Berlin\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n\
BEGIN:VTIMEZONE\r\n\
TZID:America/New_York\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:-0500\r\n\
TZOFFSETTO:-0400\r\n\
TZNAME:EDT\r\n\
DTSTART:19700308T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:-0400\r\n\
TZOFFSETTO:-0500\r\n\
TZNAME:EST\r\n\
DTSTART:19701101T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n\
BEGIN:VTIMEZONE\r\n\
TZID:W. Europe Standard Time\r\n\
BEGIN:STANDARD\r\n\
DTSTART:16010101T030000\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\n\
END:STANDARD\r\n\
BEGIN:DAYLIGHT\r\n\
DTSTART:16010101T020000\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\n\
END:DAYLIGHT\r\n\
END:VTIMEZONE\r\n\
BEGIN:VTIMEZONE\r\n\
TZID:Customized Time Zone\r\n\
BEGIN:STANDARD\r\n\
DTSTART:16010101T030000\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\n\
END:STANDARD\r\n\
BEGIN:DAYLIGHT\r\n\
DTSTART:16010101T020000\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\n\
END:DAYLIGHT\r\n\
END:VTIMEZONE\r\n";

/// Zones the events' times are written in (the last one is UTC, written with `Z`).
const ZONES: &[&str] = &[
    "Europe/Berlin",
    "Europe/Berlin",
    "Europe/Berlin",
    "W. Europe Standard Time",
    "Customized Time Zone",
    "America/New_York",
    "UTC",
];

/// One content line, folded at 75 octets (never inside a UTF-8 sequence), with CRLF.
fn line(out: &mut String, text: &str) {
    let mut start = 0;
    let mut first = true;
    while start < text.len() {
        let room = if first { 75 } else { 74 };
        let mut end = (start + room).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if !first {
            out.push(' ');
        }
        out.push_str(&text[start..end]);
        out.push_str("\r\n");
        start = end;
        first = false;
    }
}

/// Days since 0001-01-01 to a (year, month, day), for the civil calendar (no chrono here, so
/// that the generator stays independent of the code it measures).
fn civil(days: i64) -> (i32, u32, u32) {
    // Howard Hinnant's days_from_civil inverse, shifted to 0001-01-01.
    let z = days + 719_468 - 719_162;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + 719_162
}

/// Monday is 0.
fn weekday(days: i64) -> i64 {
    // 0001-01-01 was a Monday (proleptic Gregorian).
    days.rem_euclid(7)
}

fn date(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}{m:02}{d:02}")
}

fn stamp(days: i64, minute: u32) -> String {
    format!("{}T{:02}{:02}00", date(days), minute / 60, minute % 60)
}

/// `DTSTART`/`DTEND`-style property in one of [`ZONES`].
fn timed(name: &str, zone: &str, days: i64, minute: u32) -> String {
    if zone == "UTC" {
        format!("{name}:{}Z", stamp(days, minute))
    } else {
        format!("{name};TZID={zone}:{}", stamp(days, minute))
    }
}

fn person(rng: &mut Rng) -> (&'static str, &'static str) {
    let p = rng.pick(PEOPLE);
    p.split_once(':').unwrap_or((p, p))
}

struct Writer {
    out: String,
    vevents: usize,
    rng: Rng,
    /// Overrides written at the end of the file (some exporters put them there).
    trailing: String,
}

impl Writer {
    fn common(&mut self, uid: &str, created: i64, summary: &str) {
        let out = &mut self.out;
        out.push_str("BEGIN:VEVENT\r\n");
        line(out, &format!("UID:{uid}"));
        line(out, &format!("DTSTAMP:{}Z", stamp(created, 7 * 60)));
        line(out, &format!("CREATED:{}Z", stamp(created, 7 * 60)));
        line(out, &format!("SUMMARY:{summary}"));
    }

    /// The organizer, the user (with this answer, if invited) and `others` colleagues, all
    /// different, taken from [`PEOPLE`] from `seat` on.
    fn attendees(&mut self, organizer: (&str, &str), me: Option<&str>, others: usize, seat: usize) {
        let (cn, addr) = organizer;
        let out = &mut self.out;
        line(
            out,
            &format!("ORGANIZER;CN=\"{cn}\":mailto:{addr}@example.com"),
        );
        if let Some(partstat) = me {
            line(
                out,
                &format!(
                    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};RSVP=TRUE;CN=Alex Kim:mailto:{ME}"
                ),
            );
        }
        line(
            out,
            &format!(
                "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=CHAIR;PARTSTAT=ACCEPTED;CN=\"{cn}\":mailto:{addr}@example.com"
            ),
        );
        let guests = (0..PEOPLE.len())
            .map(|j| PEOPLE[(seat + j) % PEOPLE.len()])
            .filter_map(|p| p.split_once(':'))
            .filter(|(_, a)| *a != addr)
            .take(others);
        for (cn, addr) in guests {
            let partstat = self.rng.pick(&[
                "ACCEPTED",
                "ACCEPTED",
                "TENTATIVE",
                "NEEDS-ACTION",
                "DECLINED",
            ]);
            let role = self.rng.pick(&["REQ-PARTICIPANT", "OPT-PARTICIPANT"]);
            line(
                &mut self.out,
                &format!(
                    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE={role};PARTSTAT={partstat};CN=\"{cn}\":mailto:{addr}@example.com"
                ),
            );
        }
    }

    fn end(&mut self) {
        if self.rng.chance(15) {
            self.out.push_str(
                "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\n",
            );
        }
        self.out.push_str("END:VEVENT\r\n");
        self.vevents += 1;
    }

    /// One of the user's meetings (or one the user organizes).
    fn meeting(&mut self, day: i64, k: usize, future: bool) {
        let uid = format!(
            "{}-{k}-{:08x}@groupware.example.com",
            date(day),
            self.rng.next() as u32
        );
        let title = self.rng.pick(TITLES);
        self.common(&uid, day - 7, title);
        let zone = self.rng.pick(ZONES);
        let start = (8 * 60 + self.rng.below(36) * 15) as u32;
        let length = [30, 30, 45, 60, 60, 90][self.rng.below(6)];
        let out = &mut self.out;
        line(out, &timed("DTSTART", zone, day, start));
        line(
            out,
            &timed("DTEND", zone, day, (start + length).min(23 * 60 + 59)),
        );
        let mine = self.rng.chance(15);
        let me = if mine {
            None
        } else if future && self.rng.chance(30) {
            Some("NEEDS-ACTION")
        } else {
            Some(
                self.rng
                    .pick(&["ACCEPTED", "ACCEPTED", "ACCEPTED", "TENTATIVE", "DECLINED"]),
            )
        };
        let organizer = if mine {
            ("Alex Kim", "alex")
        } else {
            person(&mut self.rng)
        };
        let others = 1 + self.rng.below(6);
        let seat = self.rng.below(PEOPLE.len());
        self.attendees(organizer, me, others, seat);
        let description = if self.rng.chance(35) {
            JOIN.to_string()
        } else {
            format!("{}\\n\\n{JOIN}", self.rng.pick(AGENDAS))
        };
        let room = self.rng.pick(ROOMS);
        let out = &mut self.out;
        line(out, &format!("DESCRIPTION:{description}"));
        if !room.is_empty() {
            line(out, &format!("LOCATION:{room}"));
        }
        line(out, &format!("SEQUENCE:{}", k % 3));
        line(out, "STATUS:CONFIRMED");
        line(out, "TRANSP:OPAQUE");
        self.end();
    }

    /// A colleague's meeting or absence on the shared calendar, shown free: short, as such
    /// exports are (no CREATED, rarely a description or an alarm).
    fn colleague(&mut self, day: i64, k: usize) {
        let uid = format!("team-{}-{k}-{:06x}", date(day), self.rng.next() as u32 >> 8);
        let (cn, addr) = person(&mut self.rng);
        let out = &mut self.out;
        out.push_str("BEGIN:VEVENT\r\n");
        line(out, &format!("UID:{uid}"));
        line(out, &format!("DTSTAMP:{}Z", stamp(day - 3, 7 * 60)));
        if self.rng.chance(8) {
            line(out, &format!("SUMMARY:{cn} out of office"));
            line(out, &format!("DTSTART;VALUE=DATE:{}", date(day)));
            line(out, &format!("DTEND;VALUE=DATE:{}", date(day + 1)));
        } else {
            let title = self.rng.pick(TITLES);
            line(out, &format!("SUMMARY:{title}"));
            let zone = self.rng.pick(&[
                "UTC",
                "UTC",
                "UTC",
                "Europe/Berlin",
                "W. Europe Standard Time",
            ]);
            let start = (8 * 60 + self.rng.below(40) * 15) as u32;
            let length = [15, 30, 30, 45, 60][self.rng.below(5)];
            let out = &mut self.out;
            line(out, &timed("DTSTART", zone, day, start));
            line(
                out,
                &timed("DTEND", zone, day, (start + length).min(23 * 60 + 59)),
            );
        }
        if self.rng.chance(40) {
            // An entry of the colleague's own, without an organizer.
        } else if self.rng.chance(15) {
            line(
                &mut self.out,
                &format!("ORGANIZER;CN=\"{cn}\":mailto:{addr}@example.com"),
            );
        } else {
            line(
                &mut self.out,
                &format!("ORGANIZER:mailto:{addr}@example.com"),
            );
        }
        if self.rng.chance(12) {
            let (cn2, addr2) = person(&mut self.rng);
            line(
                &mut self.out,
                &format!("ATTENDEE;PARTSTAT=ACCEPTED;CN=\"{cn2}\":mailto:{addr2}@example.com"),
            );
        }
        if self.rng.chance(8) {
            let agenda = self.rng.pick(AGENDAS);
            line(&mut self.out, &format!("DESCRIPTION:{agenda}"));
        }
        line(&mut self.out, "TRANSP:TRANSPARENT");
        if self.rng.chance(10) {
            line(&mut self.out, "X-MICROSOFT-CDO-BUSYSTATUS:FREE");
        }
        self.out.push_str("END:VEVENT\r\n");
        self.vevents += 1;
    }

    /// A recurring series (the user's in one case out of five, else a colleague's, shown
    /// free), with EXDATEs and overrides on real occurrences.
    fn series(&mut self, n: usize, first: i64, last: i64) {
        let uid = format!("series-{n:05}@groupware.example.com");
        let kind = self.rng.below(10);
        // Series start up to four years before the data does, on a working day.
        let start_day = first - 4 * 365 + self.rng.below((last - first + 4 * 365) as usize) as i64;
        let start_day = start_day - weekday(start_day) + self.rng.below(5) as i64;
        let start = (8 * 60 + self.rng.below(32) * 15) as u32;
        let interval = 1 + self.rng.below(2) as i64;
        let byday = ["MO", "TU", "WE", "TH", "FR"][weekday(start_day) as usize];
        let (title, rule, length) = match kind {
            0..=2 => (
                "Daily stand-up",
                "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR".to_string(),
                15,
            ),
            3..=6 => (
                "1:1",
                format!("FREQ=WEEKLY;INTERVAL={interval};BYDAY={byday}"),
                30,
            ),
            7 | 8 => ("Monthly review", "FREQ=MONTHLY;BYDAY=1TU".to_string(), 60),
            _ => ("Team lunch", format!("FREQ=WEEKLY;BYDAY={byday}"), 60),
        };
        // The day of occurrence `i` (counting from DTSTART, which is one).
        let occurrence = |i: i64| -> i64 {
            match kind {
                0..=2 => {
                    // Working day number `w + i`, counted from the Monday of the first week.
                    let n = weekday(start_day) + i;
                    start_day - weekday(start_day) + n / 5 * 7 + n % 5
                }
                3..=6 => start_day + 7 * interval * i,
                7 | 8 => {
                    let (y, m, _) = civil(start_day);
                    let months = i64::from(m) - 1 + i;
                    let (y, m) = (y + (months / 12) as i32, (months % 12) as u32 + 1);
                    let first = days_from_civil(y, m, 1);
                    first + (1 - weekday(first)).rem_euclid(7)
                }
                _ => start_day + 7 * i,
            }
        };
        // The series' end, and the day of its last occurrence (overrides and EXDATEs only
        // fall on occurrences).
        let (ending, last_day) = match self.rng.below(20) {
            0 => (String::new(), i64::MAX),
            1..=5 => {
                let count = 10 + self.rng.below(50);
                (format!(";COUNT={count}"), occurrence(count as i64 - 1))
            }
            _ => {
                let until = start_day + 30 + self.rng.below(400) as i64;
                (format!(";UNTIL={}T235959Z", date(until)), until)
            }
        };
        let zone = self.rng.pick(&ZONES[..6]);
        self.common(&uid, start_day - 3, title);
        let out = &mut self.out;
        line(out, &timed("DTSTART", zone, start_day, start));
        line(out, &timed("DTEND", zone, start_day, start + length));
        line(out, &format!("RRULE:{rule}{ending}"));
        let exdates: Vec<String> = (0..self.rng.below(4))
            .map(|i| occurrence(3 + 4 * i as i64))
            .filter(|day| *day <= last_day)
            .map(|day| stamp(day, start))
            .collect();
        if !exdates.is_empty() {
            let tz = if zone == "UTC" {
                String::new()
            } else {
                format!(";TZID={zone}")
            };
            let z = if zone == "UTC" { "Z" } else { "" };
            let list: Vec<String> = exdates.iter().map(|e| format!("{e}{z}")).collect();
            line(out, &format!("EXDATE{tz}:{}", list.join(",")));
        }
        let whose = self.rng.below(10);
        let organizer = if whose < 1 {
            ("Alex Kim", "alex")
        } else {
            person(&mut self.rng)
        };
        let me = (whose == 1).then_some("ACCEPTED");
        let others = 1 + self.rng.below(5);
        let seat = self.rng.below(PEOPLE.len());
        self.attendees(organizer, me, others, seat);
        let agenda = self.rng.pick(AGENDAS);
        line(&mut self.out, &format!("DESCRIPTION:{agenda}"));
        let transp = if whose < 2 {
            "TRANSP:OPAQUE"
        } else {
            "TRANSP:TRANSPARENT"
        };
        line(&mut self.out, transp);
        self.end();
        // Overrides: an occurrence moved by an hour (some of them cancelled).
        for i in 0..self.rng.below(4) {
            let day = occurrence(2 + 4 * i as i64);
            if day > last_day {
                continue;
            }
            let trailing = self.rng.chance(30);
            let saved = std::mem::take(&mut self.out);
            self.common(&uid, day - 2, &format!("{title} (moved)"));
            let out = &mut self.out;
            line(out, &timed("RECURRENCE-ID", zone, day, start));
            let moved = start + 60;
            line(out, &timed("DTSTART", zone, day, moved));
            line(out, &timed("DTEND", zone, day, moved + length));
            line(out, "SEQUENCE:1");
            if self.rng.chance(20) {
                line(out, "STATUS:CANCELLED");
            }
            self.attendees(organizer, me, others, seat);
            line(&mut self.out, transp);
            self.end();
            let written = std::mem::replace(&mut self.out, saved);
            if trailing {
                self.trailing.push_str(&written);
            } else {
                self.out.push_str(&written);
            }
        }
    }
}

/// A calendar of about `target_bytes` bytes (see the module's documentation).
pub fn generate(target_bytes: usize) -> Generated {
    let mut w = Writer {
        out: String::with_capacity(target_bytes + target_bytes / 8),
        vevents: 0,
        rng: Rng(0x5eed_f0c5_d000_0001),
        trailing: String::new(),
    };
    w.out.push_str(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example Corp//Groupware 12.4//EN\r\n\
         CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Platform team\r\n\
         X-WR-TIMEZONE:Europe/Berlin\r\n",
    );
    w.out.push_str(VTIMEZONES);
    let first = days_from_civil(FIRST_YEAR, 1, 1);
    let last = days_from_civil(LAST_YEAR, 12, 31);
    let now = days_from_civil(2026, 3, 9);
    let span = (last - first + 1) as usize;
    let series = (target_bytes / 50_000).max(4);
    let mut next_series = 0;
    for (i, day) in (first..=last).enumerate() {
        // Spread the series' masters through the file.
        while next_series < series && next_series * span < i * series {
            w.series(next_series, first, last);
            next_series += 1;
        }
        let budget = target_bytes * (i + 1) / span;
        let workday = weekday(day) < 5;
        let mut k = 0;
        if workday {
            for _ in 0..1 + w.rng.below(4) {
                w.meeting(day, k, day >= now);
                k += 1;
            }
        }
        while w.out.len() + w.trailing.len() < budget {
            w.colleague(day, k);
            k += 1;
        }
    }
    while next_series < series {
        w.series(next_series, first, last);
        next_series += 1;
    }
    let trailing = std::mem::take(&mut w.trailing);
    w.out.push_str(&trailing);
    w.out.push_str("END:VCALENDAR\r\n");
    Generated {
        text: w.out,
        vevents: w.vevents,
    }
}
