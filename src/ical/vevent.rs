//! One VEVENT into a [`RawEvent`]: details shared by its instances, and its times still as
//! written (wall clock + zone), ready for expansion.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use super::Sink;
use super::lines::{Component, Property, split_list, unescape_text};
use super::recur::{self, Rule, Until};
use super::value::{Duration, Stamp, parse_duration, parse_stamp};
use super::zone::{Zone, ZoneResolver};
use crate::event::{Attendee, EventDetails, EventKind, EventStatus, Response, Transparency};

/// A point in time as written: a date, or a wall-clock time with its zone (`None`: floating,
/// read in the series' zone, or the user's for the series start).
#[derive(Debug, Clone)]
pub(crate) enum When {
    Date(NaiveDate),
    Time {
        local: NaiveDateTime,
        zone: Option<Zone>,
    },
}

/// How an instance's end follows from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EndSpec {
    /// Start wall clock plus this many seconds, read in the series zone (DTEND in the same zone).
    Wall(i64),
    /// `DURATION`: days on the wall clock, then exact seconds.
    Nominal(Duration),
    /// An exact length (DTEND in another zone than DTSTART).
    Exact(i64),
}

/// An extra occurrence from `RDATE`.
#[derive(Debug, Clone)]
pub(crate) struct RDate {
    pub when: When,
    /// `VALUE=PERIOD`: the period's own end.
    pub end: Option<EndSpec>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct RawEvent {
    pub details: Arc<EventDetails>,
    pub path: Arc<std::path::Path>,
    pub line: usize,
    pub sequence: i64,
    pub start: When,
    pub end: EndSpec,
    /// Whether DTEND or DURATION was given (an override without one inherits the master's).
    pub end_given: bool,
    pub rrule: Option<(Rule, usize)>,
    pub rdates: Vec<RDate>,
    pub exdates: Vec<When>,
    /// `RECURRENCE-ID`, and whether it has `RANGE=THISANDFUTURE`.
    pub recurrence_id: Option<(When, bool)>,
    /// An override whose `RECURRENCE-ID` could not be read: it is read on its own, at its
    /// own times (which occurrence it replaces is unknown).
    pub standalone: bool,
    /// Byte range of the VEVENT in the text it was read from, and whether it had its own
    /// `END:VEVENT` (see [`Component::span`]).
    pub span: (usize, usize),
    pub closed: bool,
}

/// A VEVENT that could not be read at all (its start is unknown).
#[derive(Debug, Clone)]
pub(crate) struct Skipped {
    pub uid: String,
    pub path: Arc<std::path::Path>,
    pub line: usize,
    pub reason: String,
    pub span: (usize, usize),
    pub closed: bool,
}

impl When {
    /// The same point as written (zones compared by their rules).
    pub fn same_as(&self, other: &When) -> bool {
        match (self, other) {
            (When::Date(a), When::Date(b)) => a == b,
            (When::Time { local: a, zone: za }, When::Time { local: b, zone: zb }) => {
                a == b
                    && match (za, zb) {
                        (None, None) => true,
                        (Some(x), Some(y)) => x.same_as(y),
                        _ => false,
                    }
            }
            _ => false,
        }
    }
}

impl RawEvent {
    /// Whether two VEVENTs say the same thing (wherever they are written): copies of one
    /// event, which a writer changes alike.
    pub fn same_as(&self, other: &RawEvent) -> bool {
        let whens = |a: &[When], b: &[When]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_as(y))
        };
        same_details(&self.details, &other.details)
            && self.sequence == other.sequence
            && self.start.same_as(&other.start)
            && self.end == other.end
            && self.end_given == other.end_given
            && self.rrule.as_ref().map(|r| &r.0) == other.rrule.as_ref().map(|r| &r.0)
            && self.rdates.len() == other.rdates.len()
            && self
                .rdates
                .iter()
                .zip(&other.rdates)
                .all(|(a, b)| a.when.same_as(&b.when) && a.end == b.end)
            && whens(&self.exdates, &other.exdates)
            && match (&self.recurrence_id, &other.recurrence_id) {
                (None, None) => true,
                (Some((a, fa)), Some((b, fb))) => fa == fb && a.same_as(b),
                _ => false,
            }
            && self.standalone == other.standalone
    }

    pub fn all_day(&self) -> bool {
        matches!(self.start, When::Date(_))
    }

    pub fn cancelled(&self) -> bool {
        self.details.status == EventStatus::Cancelled
    }
}

/// Everything but where it was read from (`source`).
fn same_details(a: &EventDetails, b: &EventDetails) -> bool {
    let EventDetails {
        id,
        uid,
        summary,
        description,
        html_description,
        location,
        urls,
        attachments,
        organizer,
        attendees,
        kind,
        transparency,
        status,
        focusd_block,
        source: _,
        read_only,
        foreign_calendar,
        series_id,
        organizer_sent_by,
    } = a;
    (
        id,
        uid,
        summary,
        description,
        html_description,
        location,
        urls,
    ) == (
        &b.id,
        &b.uid,
        &b.summary,
        &b.description,
        &b.html_description,
        &b.location,
        &b.urls,
    ) && (
        attachments,
        organizer,
        attendees,
        kind,
        transparency,
        status,
        focusd_block,
        read_only,
        (foreign_calendar, series_id, organizer_sent_by),
    ) == (
        &b.attachments,
        &b.organizer,
        &b.attendees,
        &b.kind,
        &b.transparency,
        &b.status,
        &b.focusd_block,
        &b.read_only,
        (&b.foreign_calendar, &b.series_id, &b.organizer_sent_by),
    )
}

/// Reads a time-valued property: a date or a date-time with its TZID resolved.
fn when_of(
    prop: &Property,
    value: &str,
    zones: &mut ZoneResolver<'_>,
    sink: &mut Sink<'_>,
) -> Option<When> {
    match parse_stamp(value)? {
        Stamp::Date(d) => Some(When::Date(d)),
        Stamp::DateTime { local, utc: true } => {
            if prop.param("TZID").is_some() {
                sink.warn(
                    prop.line,
                    format!("{} has both a TZID and a UTC time; read as UTC", prop.name),
                );
            }
            Some(When::Time {
                local,
                zone: Some(Zone::Utc),
            })
        }
        Stamp::DateTime { local, utc: false } => {
            let zone = prop.param("TZID").map(|tzid| {
                let (zone, problem) = zones.resolve(tzid, prop.line);
                if let Some(p) = problem {
                    sink.warn(p.line, p.reason);
                }
                zone
            });
            Some(When::Time { local, zone })
        }
    }
}

fn same_zone(a: &Option<Zone>, b: &Option<Zone>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.name() == b.name(),
        _ => false,
    }
}

/// Reads one VEVENT. `Err` (after an error diagnostic) when it has no readable start: its
/// time is unknown, so it cannot even be read as busy time, and the other VEVENTs of its UID
/// are read-only (see `assemble`). Everything else is read, where needed with an assumption
/// (a warning) and marked [`EventDetails::read_only`].
pub(crate) fn read_vevent(
    comp: &Component,
    zones: &mut ZoneResolver<'_>,
    sink: &mut Sink<'_>,
) -> Result<RawEvent, Skipped> {
    let mut details = read_details(comp, sink);
    let start = read_start(comp, &details, zones, sink)?;
    let (end, end_given, guessed) = read_end(comp, &start, &details.uid, zones, sink);
    if let Some(why) = guessed {
        mark_read_only(&mut details, why);
    }
    let rrule = read_rrule(comp, &mut details, sink);
    let rdates = read_rdates(comp, zones, sink);
    let exdates = read_exdates(comp, zones, sink);
    let (recurrence_id, standalone) = read_recurrence_id(comp, &mut details, zones, sink);
    let sequence = comp
        .prop("SEQUENCE")
        .and_then(|p| p.value.trim().parse::<i64>().ok())
        .unwrap_or(0);
    Ok(RawEvent {
        details: Arc::new(details),
        path: sink.path.clone(),
        line: comp.line,
        sequence,
        start,
        end,
        end_given,
        rrule,
        rdates,
        exdates,
        recurrence_id,
        standalone,
        span: comp.span,
        closed: comp.closed,
    })
}

/// The VEVENT's DTSTART; without one, or with one that cannot be read, the VEVENT is
/// skipped (an error: its time is unknown).
fn read_start(
    comp: &Component,
    details: &EventDetails,
    zones: &mut ZoneResolver<'_>,
    sink: &mut Sink<'_>,
) -> Result<When, Skipped> {
    let skip = |sink: &mut Sink<'_>, at: usize, reason: String| {
        sink.error(at, reason.clone());
        Skipped {
            uid: details.uid.clone(),
            path: sink.path.clone(),
            line: at,
            reason,
            span: comp.span,
            closed: comp.closed,
        }
    };
    let Some(dtstart) = comp.prop("DTSTART") else {
        let why = format!(
            "event {:?} has no DTSTART, skipped (its time is unknown)",
            details.uid
        );
        return Err(skip(sink, comp.line, why));
    };
    let Some(start) = when_of(dtstart, &dtstart.value, zones, sink) else {
        let why = format!(
            "event {:?} has an unreadable DTSTART {:?}, skipped (its time is unknown)",
            details.uid,
            short(&dtstart.value)
        );
        return Err(skip(sink, dtstart.line, why));
    };
    Ok(start)
}

/// The VEVENT's first non-empty RRULE, with its line. An empty RRULE says nothing: the
/// event is read once (calendarlabs.com writes one on every event), and it is not counted
/// as the first rule. A rule that cannot be read is an error (its later times are unknown,
/// so no block is booked where they may be) and marks the event read-only.
fn read_rrule(
    comp: &Component,
    details: &mut EventDetails,
    sink: &mut Sink<'_>,
) -> Option<(Rule, usize)> {
    let mut rrule = None;
    for p in comp
        .props("RRULE")
        .filter(|p| recur::is_empty_rule(&p.value))
    {
        sink.warn(p.line, "RRULE is empty, ignored".into());
    }
    let rules = comp
        .props("RRULE")
        .filter(|p| !recur::is_empty_rule(&p.value));
    for (i, p) in rules.enumerate() {
        if i > 0 {
            sink.warn(p.line, "more than one RRULE; only the first is used".into());
            break;
        }
        match recur::parse_rrule(&p.value) {
            Ok((rule, warnings)) => {
                for w in warnings {
                    sink.warn(p.line, w);
                }
                rrule = Some((rule, p.line));
            }
            Err(e) => {
                sink.error(
                    p.line,
                    format!("{e}; only the first occurrence is read, and left alone"),
                );
                mark_read_only(
                    details,
                    "its recurrence rule could not be read, so only its first occurrence is known"
                        .into(),
                );
            }
        }
    }
    rrule
}

/// The VEVENT's RDATE values (a value that cannot be read is left out, with a warning).
fn read_rdates(comp: &Component, zones: &mut ZoneResolver<'_>, sink: &mut Sink<'_>) -> Vec<RDate> {
    let mut rdates = Vec::new();
    for p in comp.props("RDATE") {
        let period = p
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"));
        for item in split_list(&p.value) {
            let (first, second) = match item.split_once('/') {
                Some((a, b)) => (a, Some(b)),
                None => (item, None),
            };
            let Some(when) = when_of(p, first, zones, sink) else {
                sink.warn(p.line, format!("RDATE value {:?} ignored", short(item)));
                continue;
            };
            let end = match second {
                None => {
                    if period {
                        sink.warn(p.line, format!("RDATE period {:?} has no end", short(item)));
                    }
                    None
                }
                Some(b) => rdate_end(p, &when, b, zones, sink),
            };
            let end = end.filter(|e| match e {
                EndSpec::Wall(s) | EndSpec::Exact(s) => *s >= 0,
                EndSpec::Nominal(span) => span.days >= 0 && span.seconds >= 0,
            });
            rdates.push(RDate {
                when,
                end,
                line: p.line,
            });
        }
    }
    rdates
}

/// The end of an RDATE period starting at `when`: a duration, or an end time in the
/// start's zone (an end in another zone, or a date, is no end; one that cannot be read is
/// ignored with a warning).
fn rdate_end(
    p: &Property,
    when: &When,
    end: &str,
    zones: &mut ZoneResolver<'_>,
    sink: &mut Sink<'_>,
) -> Option<EndSpec> {
    if let Some(span) = parse_duration(end) {
        Some(EndSpec::Nominal(span))
    } else if let Some(When::Time { local, zone }) = when_of(p, end, zones, sink) {
        match when {
            When::Time { local: s, zone: sz } if same_zone(sz, &zone) => {
                Some(EndSpec::Wall((local - *s).num_seconds()))
            }
            _ => None,
        }
    } else {
        sink.warn(p.line, format!("RDATE period end {:?} ignored", short(end)));
        None
    }
}

/// The VEVENT's EXDATE values (a value that cannot be read is left out, with a warning).
fn read_exdates(comp: &Component, zones: &mut ZoneResolver<'_>, sink: &mut Sink<'_>) -> Vec<When> {
    let mut exdates = Vec::new();
    for p in comp.props("EXDATE") {
        for item in split_list(&p.value) {
            match when_of(p, item, zones, sink) {
                Some(w) => exdates.push(w),
                None => sink.warn(p.line, format!("EXDATE value {:?} ignored", short(item))),
            }
        }
    }
    exdates
}

/// The VEVENT's RECURRENCE-ID and whether it is THISANDFUTURE; and whether the VEVENT is
/// read on its own (`true`: its RECURRENCE-ID could not be read, so it is not known which
/// occurrence it replaces, and it is marked read-only).
fn read_recurrence_id(
    comp: &Component,
    details: &mut EventDetails,
    zones: &mut ZoneResolver<'_>,
    sink: &mut Sink<'_>,
) -> (Option<(When, bool)>, bool) {
    let Some(p) = comp.prop("RECURRENCE-ID") else {
        return (None, false);
    };
    if let Some(w) = when_of(p, &p.value, zones, sink) {
        let future = p
            .param("RANGE")
            .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE"));
        return (Some((w, future)), false);
    }
    sink.warn(
        p.line,
        format!(
            "event {:?} has an unreadable RECURRENCE-ID {:?}; read on its own at its own times, and left alone",
            details.uid,
            short(&p.value)
        ),
    );
    mark_read_only(
        details,
        "its RECURRENCE-ID could not be read, so it is not known which occurrence it replaces"
            .into(),
    );
    (None, true)
}

/// Marks an event as one focusd must not act on (the first reason is kept).
pub(crate) fn mark_read_only(details: &mut EventDetails, why: String) {
    if details.read_only.is_none() {
        details.read_only = Some(why);
    }
}

/// How long an event whose end cannot be believed is taken to last: a default meeting
/// (one hour, one day when all-day), so that its known start is busy time.
fn guessed_end(start: &When) -> EndSpec {
    match start {
        When::Date(_) => EndSpec::Nominal(Duration {
            days: 1,
            seconds: 0,
        }),
        When::Time { .. } => EndSpec::Wall(3_600),
    }
}

/// The end of an event: the spec, whether DTEND or DURATION gave it, and when the end was
/// impossible (before the start) the reason its instances are read-only.
fn read_end(
    comp: &Component,
    start: &When,
    uid: &str,
    zones: &mut ZoneResolver<'_>,
    sink: &mut Sink<'_>,
) -> (EndSpec, bool, Option<String>) {
    let dtend = comp.prop("DTEND");
    let duration = comp.prop("DURATION");
    if let (Some(e), Some(_)) = (dtend, duration) {
        sink.warn(e.line, "both DTEND and DURATION; DTEND is used".into());
    }
    let one_day = EndSpec::Nominal(Duration {
        days: 1,
        seconds: 0,
    });
    if let Some(p) = dtend {
        let Some(end) = when_of(p, &p.value, zones, sink) else {
            sink.warn(
                p.line,
                format!("unreadable DTEND {:?}, ignored", short(&p.value)),
            );
            return (default_end(start), false, None);
        };
        let length = if matches!(start, When::Date(_)) {
            "one day"
        } else {
            "one hour"
        };
        let backwards = |sink: &mut Sink<'_>| {
            sink.warn(
                p.line,
                format!(
                    "event {uid:?} ends (DTEND) before it starts (DTSTART); read as {length} from its start, and left alone"
                ),
            );
            (
                guessed_end(start),
                true,
                Some("it ends before it starts, so its end is a guess".to_string()),
            )
        };
        return match (start, end) {
            (When::Date(s), When::Date(e)) => {
                let days = (e - *s).num_days();
                if days < 0 {
                    backwards(sink)
                } else if days == 0 {
                    sink.warn(
                        p.line,
                        "all-day event ends on the day it starts; read as one day".into(),
                    );
                    (one_day, true, None)
                } else {
                    (EndSpec::Nominal(Duration { days, seconds: 0 }), true, None)
                }
            }
            (When::Date(s), When::Time { local, .. }) => {
                sink.warn(
                    p.line,
                    "all-day event with a date-time DTEND; read up to that day".into(),
                );
                let mut e = local.date();
                if local.time() > NaiveTime::MIN {
                    e = e.succ_opt().unwrap_or(e);
                }
                let days = (e - *s).num_days().max(1);
                (EndSpec::Nominal(Duration { days, seconds: 0 }), true, None)
            }
            (When::Time { local, zone }, When::Date(e)) => {
                sink.warn(
                    p.line,
                    "date-time event with a date DTEND; read as ending at that midnight".into(),
                );
                let secs = (e.and_time(NaiveTime::MIN) - *local).num_seconds();
                if secs < 0 {
                    return backwards(sink);
                }
                let _ = zone;
                (EndSpec::Wall(secs), true, None)
            }
            (When::Time { local: s, zone: sz }, When::Time { local: e, zone: ez }) => {
                // RFC 5545 forbids a floating end on a zoned start; Mozilla and DDay write
                // it, meaning the start's zone (as other readers take it), not the user's:
                // the zone its TZID names (also when a `Z` made the start UTC), else UTC.
                let ez = match ez {
                    None if sz.is_some() => {
                        sink.warn(
                            p.line,
                            "DTEND has no time zone but DTSTART has one; read in DTSTART's zone"
                                .into(),
                        );
                        let named = comp.prop("DTSTART").and_then(|d| {
                            let (zone, problem) = zones.resolve(d.param("TZID")?, d.line);
                            if let Some(problem) = problem {
                                sink.warn(problem.line, problem.reason);
                            }
                            Some(zone)
                        });
                        named.or_else(|| sz.clone())
                    }
                    ez => ez,
                };
                let spec = if same_zone(sz, &ez) {
                    EndSpec::Wall((e - *s).num_seconds())
                } else {
                    let user = zones.user();
                    let su = sz.as_ref().unwrap_or(&user).to_utc(*s);
                    let eu = ez.as_ref().unwrap_or(&user).to_utc(e);
                    EndSpec::Exact((eu - su).num_seconds())
                };
                match spec {
                    EndSpec::Wall(x) | EndSpec::Exact(x) if x < 0 => backwards(sink),
                    _ => (spec, true, None),
                }
            }
        };
    }
    if let Some(p) = duration {
        return match parse_duration(&p.value) {
            Some(span) if span.days < 0 || span.seconds < 0 => {
                let length = if matches!(start, When::Date(_)) {
                    "one day"
                } else {
                    "one hour"
                };
                sink.warn(
                    p.line,
                    format!(
                        "event {uid:?} has a negative DURATION; read as {length} from its start, and left alone"
                    ),
                );
                (
                    guessed_end(start),
                    true,
                    Some("its DURATION is negative, so its end is a guess".to_string()),
                )
            }
            Some(span) => match start {
                When::Date(_) => {
                    let days = span.days + (span.seconds + 86_399) / 86_400;
                    if span.seconds != 0 {
                        sink.warn(
                            p.line,
                            "all-day event with a DURATION in hours; rounded up to whole days"
                                .into(),
                        );
                    }
                    (
                        EndSpec::Nominal(Duration {
                            days: days.max(1),
                            seconds: 0,
                        }),
                        true,
                        None,
                    )
                }
                When::Time { .. } => (EndSpec::Nominal(span), true, None),
            },
            None => {
                sink.warn(
                    p.line,
                    format!("unreadable DURATION {:?}, ignored", short(&p.value)),
                );
                (default_end(start), false, None)
            }
        };
    }
    (default_end(start), false, None)
}

/// RFC 5545: without DTEND or DURATION a dated event lasts one day, a timed one no time.
pub(crate) fn default_end(start: &When) -> EndSpec {
    match start {
        When::Date(_) => EndSpec::Nominal(Duration {
            days: 1,
            seconds: 0,
        }),
        When::Time { .. } => EndSpec::Wall(0),
    }
}

fn short(s: &str) -> String {
    crate::text::shorten(s, super::QUOTED_CHARS)
}

/// `mailto:Jane@Example.org` -> `jane@example.org`: an `ATTENDEE` or `ORGANIZER` value as
/// the reader stores it (compare it with [`crate::event::is_me`]).
pub(crate) fn address(value: &str) -> String {
    let v = value.trim();
    let v = if v.len() >= 7 && v.is_char_boundary(7) && v[..7].eq_ignore_ascii_case("mailto:") {
        &v[7..]
    } else {
        v
    };
    // Folding sometimes splits an address; addresses never contain white space.
    v.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

fn partstat(p: &Property) -> Response {
    p.param("PARTSTAT")
        .map_or(Response::NeedsAction, partstat_value)
}

fn partstat_value(value: &str) -> Response {
    match Some(value.trim().to_ascii_uppercase()).as_deref() {
        Some("ACCEPTED") => Response::Accepted,
        Some("DECLINED") => Response::Declined,
        Some("TENTATIVE") => Response::Tentative,
        Some("DELEGATED") => Response::Delegated,
        // RFC 5545: missing or unknown means NEEDS-ACTION.
        _ => Response::NeedsAction,
    }
}

fn kind_of(value: &str) -> Option<EventKind> {
    let v: String = value
        .trim()
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    match v.as_str() {
        "focustime" => Some(EventKind::FocusTime),
        "outofoffice" => Some(EventKind::OutOfOffice),
        "workinglocation" => Some(EventKind::WorkingLocation),
        "default" => Some(EventKind::Default),
        _ => None,
    }
}

/// FNV-1a, stable across builds and platforms (unlike std's hasher).
fn fnv1a(bytes: impl Iterator<Item = u8>, mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn synthetic_uid(comp: &Component) -> String {
    let mut h = 0xcbf2_9ce4_8422_2325;
    for p in &comp.props {
        if matches!(p.name.as_str(), "DTSTAMP" | "LAST-MODIFIED" | "CREATED") {
            continue;
        }
        h = fnv1a(p.name.bytes(), h);
        h = fnv1a(b":".iter().copied(), h);
        h = fnv1a(p.value.bytes(), h);
        h = fnv1a(b"\n".iter().copied(), h);
    }
    format!("focusd-synthetic-{h:016x}")
}

fn read_details(comp: &Component, sink: &mut Sink<'_>) -> EventDetails {
    let mut d = EventDetails {
        source: sink.source.clone(),
        ..EventDetails::default()
    };
    match comp.prop("UID").map(|p| p.value.trim()) {
        Some(uid) if !uid.is_empty() => d.uid = uid.to_string(),
        _ => {
            d.uid = synthetic_uid(comp);
            d.read_only = Some("it has no UID, so focusd cannot address it".into());
            sink.warn(
                comp.line,
                format!(
                    "event has no UID; using {:?} (derived from its text), and left alone",
                    d.uid
                ),
            );
        }
    }
    let text = |name: &str| comp.prop(name).map(|p| unescape_text(&p.value));
    d.summary = text("SUMMARY").unwrap_or_default();
    d.description = text("DESCRIPTION").unwrap_or_default();
    d.location = text("LOCATION").unwrap_or_default();
    d.html_description = comp
        .props("X-ALT-DESC")
        .find(|p| {
            p.param("FMTTYPE")
                .is_some_and(|f| f.trim().eq_ignore_ascii_case("text/html"))
        })
        .map(|p| unescape_text(&p.value));
    for p in comp.props.iter().filter(|p| {
        matches!(
            p.name.as_str(),
            "URL" | "X-GOOGLE-CONFERENCE" | "CONFERENCE"
        )
    }) {
        let url = p.value.trim();
        if !url.is_empty() && !d.urls.iter().any(|u| u == url) {
            d.urls.push(url.to_string());
        }
    }
    for p in comp.props("ATTACH") {
        let binary = p
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("BINARY"))
            || p.param("ENCODING")
                .is_some_and(|v| v.eq_ignore_ascii_case("BASE64"));
        let name = [
            "FILENAME",
            "X-FILENAME",
            "X-APPLE-FILENAME",
            "X-ORACLE-FILENAME",
        ]
        .iter()
        .find_map(|n| p.param(n))
        .map(str::trim)
        .filter(|s| !s.is_empty());
        let item = if binary {
            name.unwrap_or("attachment").to_string()
        } else {
            let v = p.value.trim();
            if v.is_empty() {
                match name {
                    Some(n) => n.to_string(),
                    None => continue,
                }
            } else {
                v.to_string()
            }
        };
        d.attachments.push(item);
    }
    d.organizer = comp
        .prop("ORGANIZER")
        .map(|p| address(&p.value))
        .filter(|s| !s.is_empty());
    d.organizer_sent_by = comp
        .prop("ORGANIZER")
        .and_then(|p| p.param("SENT-BY"))
        .map(address)
        .filter(|s| !s.is_empty() && Some(s) != d.organizer.as_ref());
    for p in comp.props("ATTENDEE") {
        let email = address(&p.value);
        if email.is_empty() {
            continue;
        }
        d.attendees.push(Attendee {
            email,
            response: partstat(p),
            comment: p
                .param("X-RESPONSE-COMMENT")
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
        });
    }
    // Who organizes it and who answered what must be unambiguous: focusd decides nothing
    // from an event that says two things (an outsider could add a second ORGANIZER, or a
    // second ATTENDEE line for the user, to make an answered meeting look unanswered).
    let organizers: std::collections::BTreeSet<String> = comp
        .props("ORGANIZER")
        .map(|p| address(&p.value))
        .filter(|s| !s.is_empty())
        .collect();
    let contradiction = if organizers.len() > 1 {
        Some("it names more than one organizer".to_string())
    } else if let Some(p) = comp.props("ATTENDEE").find(|p| {
        let answers: std::collections::HashSet<Response> = p
            .params
            .iter()
            .filter(|(n, _)| n == "PARTSTAT")
            .map(|(_, v)| partstat_value(v))
            .collect();
        answers.len() > 1
    }) {
        Some(format!(
            "{} is given two different answers",
            address(&p.value)
        ))
    } else {
        d.attendees.iter().enumerate().find_map(|(i, a)| {
            d.attendees[..i]
                .iter()
                .any(|b| b.email == a.email && b.response != a.response)
                .then(|| format!("{} is listed twice with different answers", a.email))
        })
    };
    if let Some(why) = contradiction {
        sink.warn(comp.line, format!("{why}; the event is left alone"));
        mark_read_only(&mut d, why);
    }
    d.transparency = match comp
        .prop("TRANSP")
        .map(|p| p.value.trim().to_ascii_uppercase())
    {
        Some(t) if t == "TRANSPARENT" => Transparency::Transparent,
        _ => Transparency::Opaque,
    };
    d.status = match comp
        .prop("STATUS")
        .map(|p| p.value.trim().to_ascii_uppercase())
    {
        Some(s) if s == "CANCELLED" || s == "CANCELED" => EventStatus::Cancelled,
        Some(s) if s == "TENTATIVE" => EventStatus::Tentative,
        _ => EventStatus::Confirmed,
    };
    d.focusd_block = comp
        .prop("X-FOCUSD-BLOCK")
        .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("TRUE"));
    let kind = comp
        .prop("X-FOCUSD-EVENT-TYPE")
        .or_else(|| comp.prop("X-GOOGLE-EVENT-TYPE"))
        .and_then(|p| kind_of(&p.value));
    d.kind = match kind {
        Some(k) => k,
        None if comp
            .prop("X-MICROSOFT-CDO-BUSYSTATUS")
            .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("OOF")) =>
        {
            EventKind::OutOfOffice
        }
        None => EventKind::Default,
    };
    d
}

/// An UNTIL as wall-clock time in the series zone (see [`Until`]).
pub(crate) fn until_wall(
    until: &Until,
    start: &When,
    series_zone: &Zone,
    user_zone: &Zone,
    line: usize,
    sink: &mut Sink<'_>,
) -> Option<NaiveDateTime> {
    let date_series = matches!(start, When::Date(_));
    let zoned_series = matches!(start, When::Time { zone: Some(_), .. });
    match until {
        Until::Stamp(Stamp::DateTime { local, utc: true }) => {
            if date_series {
                sink.warn(
                    line,
                    "RRULE UNTIL is a date-time for an all-day series; its date is used".into(),
                );
                Some(user_zone.to_local(local.and_utc()))
            } else {
                Some(series_zone.to_local(local.and_utc()))
            }
        }
        Until::Stamp(Stamp::DateTime { local, utc: false }) => {
            if date_series {
                sink.warn(
                    line,
                    "RRULE UNTIL is a date-time for an all-day series; its date is used".into(),
                );
            } else if zoned_series {
                sink.warn(
                    line,
                    "RRULE UNTIL should be in UTC; read as local time of the series".into(),
                );
            }
            Some(*local)
        }
        Until::Stamp(Stamp::Date(d)) => {
            if date_series {
                Some(d.and_time(NaiveTime::MIN))
            } else {
                sink.warn(
                    line,
                    "RRULE UNTIL is a date for a date-time series; that whole day is included"
                        .into(),
                );
                d.and_hms_opt(23, 59, 59)
            }
        }
        Until::Invalid(raw) => {
            // Best effort: a leading date, as some exporters truncate or garble the time.
            let salvaged = raw
                .get(..8)
                .and_then(super::value::parse_date)
                .and_then(|d| d.and_hms_opt(23, 59, 59));
            match salvaged {
                Some(t) => {
                    sink.warn(
                        line,
                        format!(
                            "RRULE UNTIL {:?} is not valid; read as the end of {}",
                            short(raw),
                            t.date()
                        ),
                    );
                    Some(t)
                }
                None => {
                    sink.warn(
                        line,
                        format!(
                            "RRULE UNTIL {:?} is not valid; the series is read without an end",
                            short(raw)
                        ),
                    );
                    None
                }
            }
        }
    }
}

/// `t + days` on the calendar, saturating.
pub(crate) fn add_days(t: NaiveDateTime, days: i64) -> NaiveDateTime {
    t.checked_add_signed(TimeDelta::days(days)).unwrap_or(t)
}
