//! Reading local calendars: one `.ics` file or a vdir folder, into [`Instance`]s.
//!
//! Architecture invariant: the only I/O is in [`read_calendar`] (reading the file or folder);
//! everything else is a pure function of the text, the user's zone and the time range. The
//! reader never panics on input: what it cannot read becomes a [`Diagnostic`] (an `Error` when
//! something was skipped, a `Warning` when it was read with an assumption), and one broken
//! event or file never hides the others.
//!
//! Pipeline: `lines` (content lines, component tree) -> `vevent` (one VEVENT into a
//! `RawEvent`, times still as written; `zone` resolves TZIDs) -> `assemble` (group by UID
//! across all files, pick masters, expand with `recur`, apply EXDATE/RDATE and
//! RECURRENCE-ID overrides, clip to the range, sort).

mod lines;
mod recur;
mod value;
mod vevent;
mod windows;
mod zone;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use crate::error::{Diagnostic, Error, Severity};
use crate::event::{Instance, Snapshot};
use vevent::{EndSpec, RawEvent, When, add_days, read_vevent, until_wall};
use zone::{Zone, ZoneResolver, shift};

/// What to read: the user's zone (for floating times and all-day dates) and the time range.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    pub zone: chrono_tz::Tz,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// Occurrences expanded per series at most; past that the series is cut with a warning.
pub const MAX_OCCURRENCES_PER_SERIES: usize = 100_000;

/// Reads a single `.ics` file or a vdir folder (every `*.ics` file directly inside it; other
/// and hidden files are ignored) into the instances overlapping `[from, to)`, sorted by
/// (start, uid).
///
/// # Errors
///
/// [`Error::Calendar`] when the path cannot be read, or when a single file is not iCalendar
/// data or none of its events can be used. Problems in a vdir's files, and in single events,
/// are diagnostics in the [`Snapshot`] instead.
pub fn read_calendar(path: &Path, opts: &ReadOptions) -> Result<Snapshot, Error> {
    let opts = &bounded(opts);
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::Calendar(diag(
            Severity::Error,
            path,
            None,
            format!("cannot read calendar: {e}"),
        ))
    })?;
    let mut diags = Vec::new();
    let mut events = Vec::new();
    if meta.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| {
            Error::Calendar(diag(
                Severity::Error,
                path,
                None,
                format!("cannot read calendar folder: {e}"),
            ))
        })?;
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                !name.starts_with('.')
                    && p.extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| x.eq_ignore_ascii_case("ics"))
                    && p.is_file()
            })
            .collect();
        files.sort();
        for file in files {
            let bytes = match std::fs::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    diags.push(diag(
                        Severity::Error,
                        &file,
                        None,
                        format!("cannot read file, skipped: {e}"),
                    ));
                    continue;
                }
            };
            let parsed = parse_file(&decode(&bytes, &file, &mut diags), &file, opts, &mut diags);
            if !parsed.calendar_found {
                diags.push(broken(&file, &bytes));
            }
            events.extend(parsed.events);
        }
    } else {
        let bytes = std::fs::read(path).map_err(|e| {
            Error::Calendar(diag(
                Severity::Error,
                path,
                None,
                format!("cannot read calendar: {e}"),
            ))
        })?;
        let parsed = parse_file(&decode(&bytes, path, &mut diags), path, opts, &mut diags);
        if !parsed.calendar_found {
            return Err(Error::Calendar(broken(path, &bytes)));
        }
        if parsed.vevents > 0 && parsed.events.is_empty() {
            let first = diags
                .iter()
                .find(|d| d.severity == Severity::Error)
                .cloned()
                .unwrap_or_else(|| {
                    diag(
                        Severity::Error,
                        path,
                        None,
                        "no event in this file could be read".into(),
                    )
                });
            return Err(Error::Calendar(first));
        }
        events = parsed.events;
    }
    let instances = assemble(events, opts, &mut diags);
    Ok(Snapshot {
        instances,
        diagnostics: diags,
    })
}

/// Parses one `.ics` text; `source` names it in diagnostics and [`EventDetails::source`].
///
/// [`EventDetails::source`]: crate::event::EventDetails::source
pub fn parse_ics(
    text: &str,
    source: &Path,
    opts: &ReadOptions,
) -> (Vec<Instance>, Vec<Diagnostic>) {
    let opts = &bounded(opts);
    let mut diags = Vec::new();
    let parsed = parse_file(text, source, opts, &mut diags);
    if !parsed.calendar_found {
        diags.push(broken(source, text.as_bytes()));
    }
    let instances = assemble(parsed.events, opts, &mut diags);
    (instances, diags)
}

/// The range limited to years 1..=9999 (what iCalendar can express), so that no arithmetic
/// on it can overflow.
fn bounded(opts: &ReadOptions) -> ReadOptions {
    let lo = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN);
    let hi = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    let lo = lo.and_time(NaiveTime::MIN).and_utc();
    let hi = hi.and_time(NaiveTime::MIN).and_utc();
    ReadOptions {
        zone: opts.zone,
        from: opts.from.clamp(lo, hi),
        to: opts.to.clamp(lo, hi),
    }
}

fn diag(severity: Severity, path: &Path, line: Option<usize>, reason: String) -> Diagnostic {
    Diagnostic {
        severity,
        path: path.to_path_buf(),
        line,
        reason,
    }
}

fn broken(path: &Path, bytes: &[u8]) -> Diagnostic {
    let reason = if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        "empty file, not an iCalendar calendar".to_string()
    } else {
        "not an iCalendar file (no BEGIN:VCALENDAR or BEGIN:VEVENT), skipped".to_string()
    };
    diag(Severity::Error, path, None, reason)
}

/// Bytes to text: UTF-8 (a BOM is dropped), invalid sequences replaced with a warning.
fn decode(bytes: &[u8], path: &Path, diags: &mut Vec<Diagnostic>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            diags.push(diag(
                Severity::Warning,
                path,
                Some(line),
                "not valid UTF-8; invalid bytes replaced".into(),
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

/// Collects diagnostics for one file.
pub(crate) struct Sink<'a> {
    pub path: Arc<Path>,
    pub source: String,
    diags: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    pub fn warn(&mut self, line: usize, reason: String) {
        self.push(Severity::Warning, line, reason);
    }

    pub fn error(&mut self, line: usize, reason: String) {
        self.push(Severity::Error, line, reason);
    }

    fn push(&mut self, severity: Severity, line: usize, reason: String) {
        self.diags.push(Diagnostic {
            severity,
            path: self.path.to_path_buf(),
            line: (line > 0).then_some(line),
            reason,
        });
    }
}

struct ParsedFile {
    events: Vec<RawEvent>,
    /// A VCALENDAR (or at least a bare VEVENT) was found.
    calendar_found: bool,
    /// VEVENTs seen, read or not.
    vevents: usize,
}

fn parse_file(
    text: &str,
    path: &Path,
    opts: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> ParsedFile {
    let mut sink = Sink {
        path: Arc::from(path),
        source: path.display().to_string(),
        diags,
    };
    // Old Mac line ends (CR only).
    let owned;
    let text = if !text.contains('\n') && text.contains('\r') {
        owned = text.replace('\r', "\n");
        owned.as_str()
    } else {
        text
    };
    let (top, problems) = lines::parse(text);
    let calendars: Vec<_> = top.iter().filter(|c| c.name == "VCALENDAR").collect();
    let stray: Vec<_> = top.iter().filter(|c| c.name == "VEVENT").collect();
    let mut out = ParsedFile {
        events: Vec::new(),
        calendar_found: !calendars.is_empty() || !stray.is_empty(),
        vevents: 0,
    };
    if !out.calendar_found {
        // Not a calendar at all: one clear error (by the caller), not a warning per line.
        return out;
    }
    for p in problems {
        sink.warn(p.line, p.reason);
    }
    if let Some(first) = stray.first() {
        sink.warn(first.line, "VEVENT outside a VCALENDAR; read anyway".into());
    }
    let vtimezones: Vec<_> = calendars
        .iter()
        .flat_map(|c| c.children.iter())
        .chain(top.iter())
        .filter(|c| c.name == "VTIMEZONE")
        .collect();
    let horizon = add_days(opts.to.naive_utc(), 800);
    let mut zones = ZoneResolver::new(&vtimezones, opts.zone, horizon);
    let vevents = calendars
        .iter()
        .flat_map(|c| c.children.iter())
        .filter(|c| c.name == "VEVENT")
        .chain(stray.iter().copied());
    for ev in vevents {
        out.vevents += 1;
        if let Some(raw) = read_vevent(ev, &mut zones, &mut sink) {
            out.events.push(raw);
        }
    }
    out
}

/// Everything an expansion needs to know about its series.
struct Series<'a> {
    ev: &'a RawEvent,
    zone: Zone,
    start: NaiveDateTime,
    all_day: bool,
}

impl<'a> Series<'a> {
    fn new(ev: &'a RawEvent, user: &Zone) -> Self {
        let (zone, start) = match &ev.start {
            When::Date(d) => (user.clone(), d.and_time(NaiveTime::MIN)),
            When::Time { local, zone } => (zone.clone().unwrap_or_else(|| user.clone()), *local),
        };
        Series {
            ev,
            zone,
            start,
            all_day: ev.all_day(),
        }
    }

    /// A RECURRENCE-ID/EXDATE/RDATE value as wall-clock time of this series.
    fn local_of(&self, when: &When) -> NaiveDateTime {
        match when {
            When::Date(d) if self.all_day => d.and_time(NaiveTime::MIN),
            When::Date(d) => d.and_time(self.start.time()),
            When::Time { local, zone } => {
                let local = match zone {
                    None => *local,
                    Some(z) => self.zone.to_local(z.to_utc(*local)),
                };
                if self.all_day {
                    local.date().and_time(NaiveTime::MIN)
                } else {
                    local
                }
            }
        }
    }

    fn key_of(&self, when: &When) -> DateTime<Utc> {
        self.zone.to_utc(self.local_of(when))
    }

    /// Start and end in UTC of an instance starting at wall-clock `local`.
    fn times(&self, local: NaiveDateTime, end: EndSpec) -> (DateTime<Utc>, DateTime<Utc>) {
        times_in(&self.zone, local, end)
    }
}

fn times_in(zone: &Zone, local: NaiveDateTime, end: EndSpec) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = zone.to_utc(local);
    let end = match end {
        EndSpec::Wall(s) => zone.to_utc(shift(local, s)),
        EndSpec::Nominal(span) => {
            let e = zone.to_utc(add_days(local, span.days));
            e.checked_add_signed(TimeDelta::seconds(span.seconds))
                .unwrap_or(e)
        }
        EndSpec::Exact(s) => start
            .checked_add_signed(TimeDelta::seconds(s))
            .unwrap_or(start),
    };
    (start, end.max(start))
}

struct Occurrence {
    key: DateTime<Utc>,
    local: NaiveDateTime,
    end: Option<EndSpec>,
}

/// The master's occurrences (DTSTART, RRULE, RDATE minus EXDATE) up to `stop`, plus the
/// excluded keys.
fn expand_master(
    s: &Series<'_>,
    user: &Zone,
    stop: DateTime<Utc>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Occurrence>, HashSet<DateTime<Utc>>) {
    let ev = s.ev;
    let mut sink = Sink {
        path: ev.path.clone(),
        source: String::new(),
        diags,
    };
    let stop_local = add_days(s.zone.to_local(stop), 1);
    let locals = match &ev.rrule {
        None => vec![s.start],
        Some((rule, line)) => {
            let until = rule
                .until
                .as_ref()
                .and_then(|u| until_wall(u, &ev.start, &s.zone, user, *line, &mut sink));
            if until.is_some_and(|u| u < s.start) {
                sink.warn(
                    *line,
                    "RRULE UNTIL is before DTSTART; only the first occurrence is read".into(),
                );
            }
            match recur::expand(rule, s.start, until, stop_local, MAX_OCCURRENCES_PER_SERIES) {
                Ok(e) => {
                    if e.capped {
                        sink.warn(
                            *line,
                            format!(
                                "series {:?} has more than {MAX_OCCURRENCES_PER_SERIES} occurrences before the end of the range; later ones are not read",
                                ev.details.uid
                            ),
                        );
                    }
                    e.occurrences
                }
                Err(e) => {
                    sink.error(
                        *line,
                        format!("RRULE not usable ({e}); only the first occurrence is read"),
                    );
                    vec![s.start]
                }
            }
        }
    };
    let mut occs: Vec<Occurrence> = locals
        .into_iter()
        .map(|local| Occurrence {
            key: s.zone.to_utc(local),
            local,
            end: None,
        })
        .collect();
    let mut warned_date_rdate = false;
    for rd in &ev.rdates {
        if matches!(rd.when, When::Date(_)) != s.all_day && !warned_date_rdate {
            warned_date_rdate = true;
            sink.warn(
                rd.line,
                "RDATE value type differs from DTSTART's; read as the series' type".into(),
            );
        }
        let local = s.local_of(&rd.when);
        if local > stop_local {
            continue;
        }
        occs.push(Occurrence {
            key: s.zone.to_utc(local),
            local,
            end: rd.end,
        });
    }
    occs.sort_by_key(|o| o.key);
    occs.dedup_by_key(|o| o.key);
    let excluded: HashSet<DateTime<Utc>> = ev.exdates.iter().map(|w| s.key_of(w)).collect();
    occs.retain(|o| !excluded.contains(&o.key));
    (occs, excluded)
}

fn warn_at(diags: &mut Vec<Diagnostic>, ev: &RawEvent, reason: String) {
    diags.push(Diagnostic {
        severity: Severity::Warning,
        path: ev.path.to_path_buf(),
        line: Some(ev.line),
        reason,
    });
}

/// Keeps the event with the highest SEQUENCE (the first among equals), warning about the rest.
fn pick_one<'a>(
    candidates: &[&'a RawEvent],
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a RawEvent> {
    let best = candidates
        .iter()
        .copied()
        .enumerate()
        .max_by_key(|(i, e)| (e.sequence, std::cmp::Reverse(*i)))
        .map(|(_, e)| e)?;
    for other in candidates.iter().filter(|e| !std::ptr::eq(**e, best)) {
        warn_at(
            diags,
            other,
            format!(
                "another {what} with UID {:?} ({}:{}) is used; this one is ignored",
                best.details.uid,
                best.path.display(),
                best.line
            ),
        );
    }
    Some(best)
}

/// Groups events by UID (across all files), expands series, applies overrides, keeps what
/// overlaps `[from, to)`, and sorts by (start, uid).
fn assemble(
    events: Vec<RawEvent>,
    opts: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Instance> {
    let user = Zone::Iana(opts.zone);
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<RawEvent>> = HashMap::new();
    for ev in events {
        let uid = ev.details.uid.clone();
        groups
            .entry(uid)
            .or_insert_with_key(|k| {
                order.push(k.clone());
                Vec::new()
            })
            .push(ev);
    }
    let mut out = Vec::new();
    let overlaps = |start: DateTime<Utc>, end: DateTime<Utc>| {
        if start == end {
            opts.from <= start && start < opts.to
        } else {
            start < opts.to && end > opts.from
        }
    };
    let mut emit = |inst: Instance| {
        if overlaps(inst.start, inst.end) {
            out.push(inst);
        }
    };
    for uid in order {
        let group = &groups[&uid];
        let masters: Vec<&RawEvent> = group.iter().filter(|e| e.recurrence_id.is_none()).collect();
        let overrides: Vec<&RawEvent> =
            group.iter().filter(|e| e.recurrence_id.is_some()).collect();
        let Some(master) = pick_one(&masters, "VEVENT", diags) else {
            for ov in overrides {
                let s = Series::new(ov, &user);
                let key = s.key_of(
                    &ov.recurrence_id
                        .as_ref()
                        .map(|r| r.0.clone())
                        .unwrap_or(ov.start.clone()),
                );
                warn_at(
                    diags,
                    ov,
                    format!(
                        "RECURRENCE-ID without its series (no VEVENT with UID {:?} and no RECURRENCE-ID){}; read as a single event",
                        uid,
                        if ov.rrule.is_some() {
                            ", its RRULE ignored"
                        } else {
                            ""
                        }
                    ),
                );
                let (start, end) = s.times(s.start, ov.end);
                emit(Instance {
                    details: ov.details.clone(),
                    recurrence_id: Some(key),
                    start,
                    end,
                    all_day: s.all_day,
                });
            }
            continue;
        };
        let s = Series::new(master, &user);

        // Overrides by key; duplicates resolved by SEQUENCE.
        let mut by_key: Vec<(DateTime<Utc>, Vec<&RawEvent>)> = Vec::new();
        for ov in &overrides {
            let Some((rid, _)) = ov.recurrence_id.as_ref() else {
                continue;
            };
            let key = s.key_of(rid);
            match by_key.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(ov),
                None => by_key.push((key, vec![ov])),
            }
        }
        let mut exact: HashMap<DateTime<Utc>, &RawEvent> = HashMap::new();
        let mut future: Vec<(DateTime<Utc>, &RawEvent)> = Vec::new();
        for (key, list) in &by_key {
            if let Some(ov) = pick_one(list, "RECURRENCE-ID override", diags) {
                exact.insert(*key, ov);
                if ov.recurrence_id.as_ref().is_some_and(|r| r.1) {
                    future.push((*key, ov));
                }
            }
        }
        future.sort_by_key(|f| f.0);

        // Expand far enough to match overrides that were moved into the range.
        let horizon = add_days(opts.to.naive_utc(), 400).and_utc();
        let stop = exact
            .keys()
            .copied()
            .filter(|k| *k <= horizon)
            .fold(opts.to, DateTime::max);
        let (occs, excluded) = expand_master(&s, &user, stop, diags);

        let mut used: HashSet<DateTime<Utc>> = HashSet::new();
        for occ in &occs {
            if let Some(ov) = exact.get(&occ.key) {
                used.insert(occ.key);
                if !ov.cancelled() {
                    emit(override_instance(ov, master, occ.key, &user));
                }
                continue;
            }
            let applying = future.iter().rev().find(|(k, _)| *k <= occ.key);
            if let Some((fkey, ov)) = applying {
                if ov.cancelled() {
                    continue;
                }
                let model = override_instance(ov, master, *fkey, &user);
                let delta = model.start - *fkey;
                let length = model.end - model.start;
                let start = occ.key + delta;
                emit(Instance {
                    details: ov.details.clone(),
                    recurrence_id: Some(occ.key),
                    start,
                    end: start + length,
                    all_day: model.all_day,
                });
                continue;
            }
            let (start, end) = s.times(occ.local, occ.end.unwrap_or(master.end));
            emit(Instance {
                details: master.details.clone(),
                recurrence_id: master
                    .rrule
                    .is_some()
                    .then_some(occ.key)
                    .or_else(|| (!master.rdates.is_empty()).then_some(occ.key)),
                start,
                end,
                all_day: s.all_day,
            });
        }
        for (key, ov) in &exact {
            if used.contains(key) || ov.cancelled() {
                continue;
            }
            let inst = override_instance(ov, master, *key, &user);
            if *key <= stop && !excluded.contains(key) && overlaps(inst.start, inst.end) {
                warn_at(
                    diags,
                    ov,
                    format!(
                        "RECURRENCE-ID {} matches no occurrence of series {:?}; read as an extra occurrence",
                        key.to_rfc3339(),
                        uid
                    ),
                );
            }
            emit(inst);
        }
    }
    out.sort_by(|a, b| {
        (a.start, a.details.uid.as_str(), a.end).cmp(&(b.start, b.details.uid.as_str(), b.end))
    });
    out
}

/// An override's own instance (its own DTSTART; its DTEND/DURATION or else the master's).
fn override_instance(
    ov: &RawEvent,
    master: &RawEvent,
    key: DateTime<Utc>,
    user: &Zone,
) -> Instance {
    let s = Series::new(ov, user);
    let end = if ov.end_given || ov.all_day() != master.all_day() {
        ov.end
    } else {
        master.end
    };
    let (start, end) = s.times(s.start, end);
    Instance {
        details: ov.details.clone(),
        recurrence_id: Some(key),
        start,
        end,
        all_day: s.all_day,
    }
}

/// Reads one date-time value as written on a property (`Z`, `TZID=` with an IANA or Windows
/// name, or floating in `zone`), for writers that must recognise a `RECURRENCE-ID` they did
/// not write. Custom VTIMEZONE names are not resolved here (`None`).
pub(crate) fn parse_instant(
    value: &str,
    tzid: Option<&str>,
    zone: chrono_tz::Tz,
) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    let (local, is_utc) = value::parse_date_time(value)?;
    if is_utc {
        return Some(Utc.from_utc_datetime(&local));
    }
    let tz = match tzid {
        None => zone,
        Some(name) => zone::iana(name).or_else(|| windows::iana_for_windows(name)?.parse().ok())?,
    };
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}
