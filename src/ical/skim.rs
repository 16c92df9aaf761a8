//! A cheap first pass over one file: where each VEVENT is, its UID, and how far in time it
//! can reach, without building any property or event. The reader then reads in full only
//! the VEVENTs of the UIDs that may show in the range asked for (and a writer only those of
//! its UID), so a calendar of years costs little more than its text.
//!
//! The pass is the same [`lines::walk`] that [`lines::parse`] runs, so components, lines,
//! spans and problems are exactly the ones the full parse would find; a VEVENT found here is
//! read with [`lines::parse_component`] over its own span.

use std::borrow::Cow;

use chrono::{NaiveDateTime, NaiveTime, TimeDelta};

use super::lines::{self, Builder, Component, Logical, Problem};
use super::recur::{self, Until};
use super::value::{Stamp, parse_date, parse_duration, parse_stamp};

/// What the pass found in one text.
pub(crate) struct Skimmed<'t> {
    pub problems: Vec<Problem>,
    /// A top-level VCALENDAR or VEVENT was found.
    pub calendar_found: bool,
    /// The line of the first VEVENT outside any VCALENDAR.
    pub stray_line: Option<usize>,
    /// The VEVENTs the reader reads, in its order (those in VCALENDARs, then stray ones).
    pub vevents: Vec<Seen<'t>>,
    /// The VTIMEZONEs the reader uses (in VCALENDARs, then top-level ones), parsed whole.
    pub vtimezones: Vec<Component>,
}

/// One VEVENT as the pass saw it.
pub(crate) struct Seen<'t> {
    /// Its first UID, trimmed; `None` when it has none (or an empty one).
    pub uid: Option<Cow<'t, str>>,
    /// Line of its `BEGIN:VEVENT`.
    pub line: usize,
    /// Its byte range in the text ([`Component::span`]).
    pub span: (usize, usize),
    /// How deep it is (0: top level, 1: in a VCALENDAR).
    pub depth: usize,
    pub reach: Reach,
}

/// The times a VEVENT's instances can take, on the wall clock of any zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// Unknown or unbounded in a way the pass does not work out (no readable start, RDATE,
    /// `RANGE=THISANDFUTURE`, an unreadable RECURRENCE-ID or RRULE, no UID): always read.
    Always,
    /// Instances start within `[first, last]`, each lasting at most `length` seconds (`None`:
    /// no DTEND or DURATION given, so an override lasts as long as its series).
    Within {
        first: NaiveDateTime,
        last: NaiveDateTime,
        length: Option<i64>,
    },
}

/// Runs the pass over `text`. With `only_uids`, only VEVENTs with one of those UIDs are
/// kept (and their reach is not worked out).
pub(crate) fn skim<'t>(text: &'t str, only_uids: Option<&[&str]>) -> Skimmed<'t> {
    let mut b = Skimmer {
        text,
        only_uids,
        kinds: Vec::new(),
        out: Skimmed {
            problems: Vec::new(),
            calendar_found: false,
            stray_line: None,
            vevents: Vec::new(),
            vtimezones: Vec::new(),
        },
        stray: Vec::new(),
        top_zones: Vec::new(),
    };
    b.out.problems = lines::walk(text, 0, 0, 0, &mut b);
    let mut out = b.out;
    out.vevents.append(&mut b.stray);
    out.vtimezones.append(&mut b.top_zones);
    out
}

struct Skimmer<'t, 'u> {
    text: &'t str,
    only_uids: Option<&'u [&'u str]>,
    /// Whether each open component is a top-level VCALENDAR.
    kinds: Vec<bool>,
    out: Skimmed<'t>,
    stray: Vec<Seen<'t>>,
    top_zones: Vec<Component>,
}

enum Frame<'t> {
    Event(Box<Fields<'t>>),
    /// A VTIMEZONE the reader uses, read whole when it closes.
    Zone {
        line: usize,
        start: usize,
        depth: usize,
    },
    Other,
}

/// The first of each property that decides a VEVENT's reach.
#[derive(Default)]
struct Fields<'t> {
    line: usize,
    start: usize,
    depth: usize,
    uid: Option<Cow<'t, str>>,
    dtstart: Option<Cow<'t, str>>,
    dtend: Option<Cow<'t, str>>,
    duration: Option<Cow<'t, str>>,
    rrule: Option<Cow<'t, str>>,
    recurrence_id: Option<Cow<'t, str>>,
    this_and_future: bool,
    rdate: bool,
}

impl<'t> Builder<'t> for Skimmer<'t, '_> {
    type Frame = Frame<'t>;

    fn open(&mut self, name: &str, depth: usize, line: usize, start: usize) -> Frame<'t> {
        let in_top_calendar = depth == 1 && self.kinds.last() == Some(&true);
        self.kinds.push(depth == 0 && name == "VCALENDAR");
        if depth == 0 && (name == "VCALENDAR" || name == "VEVENT") {
            self.out.calendar_found = true;
        }
        match name {
            "VEVENT" if depth == 0 || in_top_calendar => {
                if depth == 0 && self.out.stray_line.is_none() {
                    self.out.stray_line = Some(line);
                }
                Frame::Event(Box::new(Fields {
                    line,
                    start,
                    depth,
                    ..Fields::default()
                }))
            }
            "VTIMEZONE" if depth == 0 || in_top_calendar => Frame::Zone { line, start, depth },
            _ => Frame::Other,
        }
    }

    fn property(
        &mut self,
        frame: &mut Frame<'t>,
        logical: &Logical<'t>,
        _line: usize,
        _span: (usize, usize),
    ) {
        let Frame::Event(f) = frame else {
            return;
        };
        let first = |slot: &mut Option<Cow<'t, str>>| {
            if slot.is_none() {
                *slot = Some(logical.value());
            }
        };
        match logical.name_as_written().len() {
            3 if logical.is("UID") => first(&mut f.uid),
            5 if logical.is("DTEND") => first(&mut f.dtend),
            5 if logical.is("RRULE") && f.rrule.is_none() => {
                let value = logical.value();
                if !recur::is_empty_rule(&value) {
                    f.rrule = Some(value);
                }
            }
            5 if logical.is("RDATE") => f.rdate = true,
            7 if logical.is("DTSTART") => first(&mut f.dtstart),
            8 if logical.is("DURATION") => first(&mut f.duration),
            13 if logical.is("RECURRENCE-ID") && f.recurrence_id.is_none() => {
                f.recurrence_id = Some(logical.value());
                f.this_and_future = logical
                    .param("RANGE")
                    .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE"));
            }
            _ => {}
        }
    }

    fn close(
        &mut self,
        frame: Frame<'t>,
        end: usize,
        _closed: bool,
        _parent: Option<&mut Frame<'t>>,
    ) {
        self.kinds.pop();
        match frame {
            Frame::Event(f) => {
                let uid = f.uid.as_ref().map(|u| match u {
                    Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
                    Cow::Owned(o) => Cow::Owned(o.trim().to_string()),
                });
                let uid = uid.filter(|u| !u.is_empty());
                if let Some(want) = self.only_uids
                    && !uid.as_deref().is_some_and(|u| want.contains(&u))
                {
                    return;
                }
                let reach = if self.only_uids.is_some() {
                    Reach::Always
                } else {
                    reach(&f, uid.is_some())
                };
                let seen = Seen {
                    uid,
                    line: f.line,
                    span: (f.start, end),
                    depth: f.depth,
                    reach,
                };
                if f.depth == 0 {
                    self.stray.push(seen);
                } else {
                    self.out.vevents.push(seen);
                }
            }
            Frame::Zone { line, start, depth } => {
                let text = self.text.get(start..end).unwrap_or("");
                if let Some(c) = lines::parse_component(text, depth, line, start) {
                    if depth == 0 {
                        self.top_zones.push(c);
                    } else {
                        self.out.vtimezones.push(c);
                    }
                }
            }
            Frame::Other => {}
        }
    }
}

fn wall(s: Stamp) -> NaiveDateTime {
    match s {
        Stamp::Date(d) => d.and_time(NaiveTime::MIN),
        Stamp::DateTime { local, .. } => local,
    }
}

/// The end of a day, for an UNTIL that is a date.
fn end_of(d: chrono::NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(23, 59, 59)
        .unwrap_or(d.and_time(NaiveTime::MIN))
}

/// How far a VEVENT reaches, worked out as `read_vevent` and the expansion read it, but
/// without zones (the caller allows for any UTC offset).
fn reach(f: &Fields<'_>, has_uid: bool) -> Reach {
    if !has_uid || f.rdate || f.this_and_future {
        return Reach::Always;
    }
    let Some(start) = f.dtstart.as_deref().and_then(parse_stamp).map(wall) else {
        return Reach::Always;
    };
    // As `read_end`: DTEND if readable, else DURATION if readable (a negative one is a
    // guess of at most a day), else not given.
    let length = match (&f.dtend, &f.duration) {
        (Some(e), _) => parse_stamp(e).map(|e| (wall(e) - start).num_seconds().max(0)),
        (None, Some(d)) => parse_duration(d).map(|s| (s.days * 86_400 + s.seconds).max(0)),
        (None, None) => None,
    };
    let mut first = start;
    let mut last = match f.rrule.as_deref() {
        None => start,
        Some(value) => match recur::parse_rrule(value) {
            Err(_) => return Reach::Always,
            Ok((rule, _)) => last_start(&rule, start),
        },
    };
    if let Some(rid) = &f.recurrence_id {
        let Some(rid) = parse_stamp(rid).map(wall) else {
            return Reach::Always;
        };
        first = first.min(rid);
        last = last.max(rid);
    }
    Reach::Within {
        first,
        last,
        length,
    }
}

/// The latest start a rule can give (wall clock), or the end of time when it is not bounded
/// in a way worked out here.
fn last_start(rule: &recur::Rule, start: NaiveDateTime) -> NaiveDateTime {
    if rule.count == Some(0) {
        return start;
    }
    if let Some(until) = &rule.until {
        let until = match until {
            Until::Stamp(Stamp::Date(d)) => Some(end_of(*d)),
            Until::Stamp(s) => Some(wall(*s)),
            Until::Invalid(raw) => raw.get(..8).and_then(parse_date).map(end_of),
        };
        if let Some(u) = until {
            return u.max(start);
        }
    }
    // A COUNT of a rule without BYxxx parts and periods of a fixed length: one occurrence
    // per period, the first at DTSTART.
    let plain = rule.is_plain();
    let unit = rule.period_seconds();
    if let (Some(count), Some(unit), true) = (rule.count, unit, plain) {
        let span = i64::from(count)
            .saturating_mul(i64::from(rule.interval))
            .saturating_mul(unit);
        return start
            .checked_add_signed(TimeDelta::seconds(span))
            .unwrap_or(NaiveDateTime::MAX);
    }
    NaiveDateTime::MAX
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn one(text: &str) -> Reach {
        let s = skim(text, None);
        assert_eq!(s.vevents.len(), 1);
        s.vevents[0].reach
    }

    #[test]
    fn finds_what_the_full_parse_finds() {
        let text = "BEGIN:VEVENT\r\nUID:stray\r\nDTSTART:20260101T090000Z\r\nEND:VEVENT\r\n\
            BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:X\r\nBEGIN:STANDARD\r\nTZOFFSETTO:+0100\r\n\
            END:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID: a\r\n b \r\nDTSTART:2026\r\n 0102\r\n\
            BEGIN:VALARM\r\nDTSTART:19000101\r\nEND:VALARM\r\nEND:VEVENT\r\nBEGIN:VTODO\r\n\
            BEGIN:VEVENT\r\nUID:nested\r\nEND:VEVENT\r\nEND:VTODO\r\nBEGIN:VEVENT\r\nUID:cut\r\n\
            END:VCALENDAR\r\n";
        let s = skim(text, None);
        let (top, problems) = lines::parse(text);
        assert_eq!(s.problems, problems);
        assert!(s.calendar_found);
        assert_eq!(s.stray_line, Some(1));
        let uids: Vec<_> = s.vevents.iter().map(|v| v.uid.as_deref()).collect();
        assert_eq!(uids, [Some("ab"), Some("cut"), Some("stray")]);
        let cal = &top[1];
        for (seen, comp) in s
            .vevents
            .iter()
            .zip([&cal.children[1], &cal.children[3], &top[0]])
        {
            assert_eq!(seen.span, comp.span);
            assert_eq!(seen.line, comp.line);
            let again = lines::parse_component(
                &text[seen.span.0..seen.span.1],
                seen.depth,
                seen.line,
                seen.span.0,
            )
            .unwrap();
            assert_eq!(&again, comp);
        }
        assert_eq!(s.vtimezones, vec![cal.children[0].clone()]);
        assert_eq!(
            s.vevents[0].reach,
            Reach::Within {
                first: at("2026-01-02 00:00"),
                last: at("2026-01-02 00:00"),
                length: None
            }
        );
        let only = skim(text, Some(&["cut"]));
        assert_eq!(only.vevents.len(), 1);
        assert_eq!(only.vevents[0].line, cal.children[3].line);
    }

    #[test]
    fn reach_follows_the_rules_ends_and_overrides() {
        let ev = |body: &str| one(&format!("BEGIN:VEVENT\nUID:x\n{body}END:VEVENT\n"));
        assert_eq!(
            ev(
                "DTSTART;TZID=Europe/Berlin:20260101T090000\nDTEND;TZID=America/New_York:20260101T100000\n"
            ),
            Reach::Within {
                first: at("2026-01-01 09:00"),
                last: at("2026-01-01 09:00"),
                length: Some(3_600)
            }
        );
        assert_eq!(
            ev("DTSTART:20260101T090000Z\nDURATION:P1DT1H\nRRULE:FREQ=DAILY;UNTIL=20260110\n"),
            Reach::Within {
                first: at("2026-01-01 09:00"),
                last: at("2026-01-10 23:59") + TimeDelta::seconds(59),
                length: Some(90_000)
            }
        );
        assert_eq!(
            ev("DTSTART:20260101T090000Z\nRRULE:FREQ=HOURLY;INTERVAL=2;COUNT=3\n"),
            Reach::Within {
                first: at("2026-01-01 09:00"),
                last: at("2026-01-01 15:00"),
                length: None
            }
        );
        // An empty RRULE is no rule (the next one, if any, is the rule).
        assert_eq!(
            ev("DTSTART:20260101T090000Z\nRRULE:\n"),
            Reach::Within {
                first: at("2026-01-01 09:00"),
                last: at("2026-01-01 09:00"),
                length: None
            }
        );
        assert_eq!(
            ev("DTSTART:20260101T090000Z\nRRULE: ; \nRRULE:FREQ=HOURLY;COUNT=2\n"),
            Reach::Within {
                first: at("2026-01-01 09:00"),
                last: at("2026-01-01 11:00"),
                length: None
            }
        );
        // A COUNT with BYxxx parts, or no end at all: to the end of time.
        for rule in [
            "FREQ=MONTHLY;COUNT=3",
            "FREQ=DAILY;BYDAY=MO;COUNT=3",
            "FREQ=DAILY",
        ] {
            assert_eq!(
                ev(&format!("DTSTART:20260101T090000Z\nRRULE:{rule}\n")),
                Reach::Within {
                    first: at("2026-01-01 09:00"),
                    last: NaiveDateTime::MAX,
                    length: None
                },
                "{rule}"
            );
        }
        // An override reaches its own start and the one it replaces.
        assert_eq!(
            ev(
                "RECURRENCE-ID:20200101T090000Z\nDTSTART:20260101T090000Z\nDTEND:20251231T090000Z\n"
            ),
            Reach::Within {
                first: at("2020-01-01 09:00"),
                last: at("2026-01-01 09:00"),
                length: Some(0)
            }
        );
        for always in [
            "DTSTART:garbage\n",
            "SUMMARY:no start\n",
            "DTSTART:20260101\nRDATE:20270101\n",
            "DTSTART:20260101\nRRULE:INTERVAL=2\n",
            "DTSTART:20260101\nRECURRENCE-ID;RANGE=THISANDFUTURE:20250101\n",
            "DTSTART:20260101\nRECURRENCE-ID:garbage\n",
        ] {
            assert_eq!(ev(always), Reach::Always, "{always}");
        }
        assert_eq!(
            one("BEGIN:VEVENT\nDTSTART:20260101\nEND:VEVENT\n"),
            Reach::Always
        );
    }
}
