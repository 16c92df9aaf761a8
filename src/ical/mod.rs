//! Reading local calendars: one `.ics` file or a vdir folder, into [`Instance`]s.
//!
//! Architecture invariant: the only I/O is in [`read_calendar`] and [`calendar_files`]
//! (reading the file or folder); everything else, [`resolve`] included, is a pure function of
//! the text, the user's zone and the time range. The reader never panics on input: what it
//! cannot read becomes a [`Diagnostic`] (an `Error` when something of unknown time was
//! skipped, a `Warning` when it was read with an assumption), and one broken event or file
//! never hides the others.
//!
//! Pipeline: `lines` (content lines, component tree) -> `vevent` (one VEVENT into a
//! `RawEvent`, times still as written; `zone` resolves TZIDs) -> `assemble` (group by UID
//! across all files, pick masters, expand with `recur`, apply EXDATE/RDATE and
//! RECURRENCE-ID overrides, clip to the range, sort).
//!
//! Which VEVENT an instance comes from is decided here once, for readers and writers alike
//! ([`resolve`] gives a writer the VEVENTs behind each instance): among VEVENTs with one UID
//! (and one RECURRENCE-ID), the highest SEQUENCE within one file wins; copies in different
//! files, or with the same highest SEQUENCE, must say the same thing, and are then changed
//! alike. Otherwise the choice is ambiguous: every candidate is read (its time is busy) and
//! marked [`EventDetails::read_only`](crate::event::EventDetails::read_only), so focusd never
//! acts on a guess. An event that cannot be fully read (no UID, an end before its start, a
//! recurrence rule that cannot be expanded, a sibling VEVENT without a start) is read as far
//! as its time is known and marked read-only too.

mod lines;
mod recur;
mod skim;

pub(crate) use lines::layout;
mod value;
mod vevent;
mod windows;
mod zone;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use crate::error::{Diagnostic, Error, Severity};
use crate::event::{EventDetails, Instance, Snapshot};
use vevent::{EndSpec, RawEvent, Skipped, When, add_days, read_vevent, until_wall};
use zone::{Zone, ZoneCache, ZoneResolver, shift};

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
        Error::Calendar(Diagnostic::error(
            path,
            None,
            format!("cannot read calendar: {e}"),
        ))
    })?;
    let mut diags = Vec::new();
    let mut events = Vec::new();
    let mut skipped = Vec::new();
    if meta.is_dir() {
        let files = calendar_files(path).map_err(|e| {
            Error::Calendar(Diagnostic::error(
                path,
                None,
                format!("cannot read calendar folder: {e}"),
            ))
        })?;
        for (file, kind) in irregular_entries(path) {
            diags.push(Diagnostic::warning(
                &file,
                None,
                format!("not a regular file ({kind}), skipped"),
            ));
        }
        // Every file is skimmed first: whether a UID shows in the range can depend on a
        // VEVENT in another file.
        let texts: Vec<(PathBuf, Result<Text, Diagnostic>)> = files
            .into_iter()
            .map(|file| {
                let text = match crate::files::read_regular_bytes(&file) {
                    Ok(bytes) => Ok(Text::new(bytes, &file)),
                    Err(e) => Err(Diagnostic::error(
                        &file,
                        None,
                        format!("cannot read file, skipped: {e}"),
                    )),
                };
                (file, text)
            })
            .collect();
        let skims: Vec<Option<skim::Skimmed<'_>>> = texts
            .iter()
            .map(|(_, t)| t.as_ref().ok().map(|t| skim::skim(&t.text, None)))
            .collect();
        let shown = shown_uids(skims.iter().flatten(), opts);
        let mut zones = ZoneCache::default();
        for ((file, text), found) in texts.iter().zip(&skims) {
            let (text, found) = match (text, found) {
                (Ok(t), Some(f)) => (t, f),
                (Err(d), _) => {
                    diags.push(d.clone());
                    continue;
                }
                _ => continue,
            };
            diags.extend(text.diagnostics.iter().cloned());
            let parsed = read_file(
                &text.text,
                file,
                found,
                opts,
                &|s| shows(s, &shown),
                &mut zones,
                &mut diags,
            );
            if !parsed.calendar_found {
                diags.push(broken(file, text.blank));
            }
            events.extend(parsed.events);
            skipped.extend(parsed.skipped);
        }
    } else {
        let bytes = crate::files::read_regular_bytes(path).map_err(|e| {
            Error::Calendar(Diagnostic::error(
                path,
                None,
                format!("cannot read calendar: {e}"),
            ))
        })?;
        let text = Text::new(bytes, path);
        diags.extend(text.diagnostics.iter().cloned());
        let found = skim::skim(&text.text, None);
        let shown = shown_uids([&found], opts);
        let parsed = read_file(
            &text.text,
            path,
            &found,
            opts,
            &|s| shows(s, &shown),
            &mut ZoneCache::default(),
            &mut diags,
        );
        if !parsed.calendar_found {
            return Err(Error::Calendar(broken(path, text.blank)));
        }
        if parsed.vevents > 0 && parsed.events.is_empty() && parsed.unread == 0 {
            let first = parsed.skipped.first().map_or_else(
                || Diagnostic::error(path, None, "no event in this file could be read"),
                |s| Diagnostic::error(path, Some(s.line), s.reason.clone()),
            );
            return Err(Error::Calendar(first));
        }
        events = parsed.events;
        skipped = parsed.skipped;
    }
    let instances = assemble(events, opts, &skipped, &mut diags);
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
    let blank = text.bytes().all(|b| b.is_ascii_whitespace());
    let text = lf(text);
    let found = skim::skim(&text, None);
    let shown = shown_uids([&found], opts);
    let parsed = read_file(
        &text,
        source,
        &found,
        opts,
        &|s| shows(s, &shown),
        &mut ZoneCache::default(),
        &mut diags,
    );
    if !parsed.calendar_found {
        diags.push(broken(source, blank));
    }
    let instances = assemble(parsed.events, opts, &parsed.skipped, &mut diags);
    (instances, diags)
}

/// The `.ics` files of a vdir folder that the reader reads, in the order it reads them:
/// regular files (symlinks followed) directly inside it, not hidden, named `*.ics`.
///
/// # Errors
///
/// When the folder cannot be listed.
pub fn calendar_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| is_calendar_name(p) && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Whether a vdir entry's name is one the reader reads: `*.ics`, not hidden.
fn is_calendar_name(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.')
        && p.extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| x.eq_ignore_ascii_case("ics"))
}

/// The `*.ics` entries of a vdir folder that [`calendar_files`] leaves out because they are
/// not regular files (FIFOs, devices, sockets, links to them), with what each is.
fn irregular_entries(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| is_calendar_name(p))
        .filter_map(|p| match crate::files::check_regular(&p) {
            Err(crate::files::FileError::NotRegular { kind, .. }) => Some((p, kind)),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

/// Whether the reader could find a VEVENT with this UID in `text` (a cheap test before
/// [`resolve`]; never `false` for a text that holds it, also folded across lines).
pub fn may_hold(text: &str, uid: &str) -> bool {
    if text.contains(uid) {
        return true;
    }
    let cr_only = !text.contains('\n');
    if !cr_only && !text.contains("\n ") && !text.contains("\n\t") {
        return false;
    }
    let text = if cr_only {
        Cow::Owned(text.replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    // Unfolded as the reader unfolds, in one pass.
    let mut unfolded = String::with_capacity(text.len());
    let mut rest = &*text;
    while let Some(i) = rest.find('\n') {
        let (line, after) = (&rest[..i], &rest[i + 1..]);
        if let Some(continued) = after.strip_prefix([' ', '\t']) {
            unfolded.push_str(line.strip_suffix('\r').unwrap_or(line));
            rest = continued;
        } else {
            unfolded.push_str(&rest[..=i]);
            rest = after;
        }
    }
    unfolded.push_str(rest);
    unfolded.contains(uid)
}

/// An `ATTENDEE` or `ORGANIZER` value as the reader stores it (`mailto:` dropped, white space
/// from folding removed, Unicode lower case); compare it with [`crate::event::is_me`].
pub fn address_of(value: &str) -> String {
    vevent::address(value)
}

/// The names (upper case) of a text's top-level components and of the components directly
/// inside its VCALENDARs, as the reader sees them (old Mac line ends included).
pub fn component_names(text: &str) -> Vec<String> {
    let owned;
    let text = if !text.contains('\n') && text.contains('\r') {
        owned = text.replace('\r', "\n");
        owned.as_str()
    } else {
        text
    };
    let (top, _) = lines::parse(text);
    let mut names = Vec::new();
    for c in &top {
        names.push(c.name.clone());
        if c.name == "VCALENDAR" {
            names.extend(c.children.iter().map(|k| k.name.clone()));
        }
    }
    names
}

/// One property of a VEVENT as written: its name (upper case), its unfolded value, and the
/// byte range of its physical lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyAt {
    pub name: String,
    /// Parameters (names upper case, values without quotes).
    pub params: Vec<(String, String)>,
    pub value: String,
    pub span: Range<usize>,
}

/// The VEVENT's own properties (not those of a nested VALARM), as the reader sees them, in
/// the order written. `vevent` is the text of one VEVENT (e.g. a [`Vevent::span`]).
pub fn vevent_properties(vevent: &str) -> Vec<PropertyAt> {
    let (top, _) = lines::parse(vevent);
    let comp = top.iter().find(|c| c.name == "VEVENT").or_else(|| {
        top.iter()
            .flat_map(|c| c.children.iter())
            .find(|c| c.name == "VEVENT")
    });
    comp.map(|c| {
        c.props
            .iter()
            .map(|p| PropertyAt {
                name: p.name.clone(),
                params: p.params.clone(),
                value: p.value.clone(),
                span: p.span.0..p.span.1,
            })
            .collect()
    })
    .unwrap_or_default()
}

/// One VEVENT with the UID a writer asked about, as the reader saw it.
#[derive(Debug, Clone)]
pub struct Vevent {
    pub path: PathBuf,
    /// Byte range in the text given to [`resolve`], from `BEGIN:VEVENT` to after its end.
    pub span: Range<usize>,
    /// 1-based line of its `BEGIN:VEVENT`.
    pub line: usize,
    /// Whether it ends with its own `END:VEVENT` (one cut off must not be replaced whole).
    pub closed: bool,
    /// What it says; `None` when it could not be read (it has no readable start).
    pub details: Option<Arc<EventDetails>>,
    /// It has a `RECURRENCE-ID` (an override).
    pub is_override: bool,
    /// It has an `RRULE` or `RDATE` (a series).
    pub recurring: bool,
}

/// One instance and the VEVENTs it is read from.
#[derive(Debug, Clone)]
pub struct Held {
    pub instance: Instance,
    /// Indices into [`Resolution::vevents`]: the VEVENT the reader shows, then its identical
    /// copies (which a writer changes alike).
    pub from: Vec<usize>,
    /// Whether `from` is the instance's own VEVENT (a single event, or the override for this
    /// instance). Otherwise the instance is an occurrence of the series in `from`, and
    /// changing this instance alone needs a new override.
    pub own: bool,
}

/// How the reader resolves one UID (see [`resolve`]).
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Every VEVENT with the UID, read or not, in reading order.
    pub vevents: Vec<Vevent>,
    /// Its instances, sorted like a [`Snapshot`]'s.
    pub instances: Vec<Held>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One UID as the reader reads it from the files of a calendar: the rule a writer must use to
/// find the VEVENT behind an instance (which copy wins, whether the choice is ambiguous,
/// RECURRENCE-IDs in the files' own time zones).
///
/// `files` are the calendar's files in reading order ([`calendar_files`]), each with its text
/// decoded as the reader does (invalid UTF-8 replaced; a BOM may stay, offsets count it);
/// files that do not hold the UID may be left out ([`may_hold`]). Only the UID's VEVENTs are
/// read. Instances are kept when they overlap `[from, to)` or their original start
/// (RECURRENCE-ID) lies in it, so that a series is expanded only around what is asked.
pub fn resolve(files: &[(&Path, &str)], uid: &str, opts: &ReadOptions) -> Resolution {
    resolve_each(files, &[(uid, *opts)])
        .pop()
        .unwrap_or_default()
}

/// [`resolve`] for several UIDs (each with its own range) at once: each file is skimmed
/// once for all of them, and each UID's resolution is what [`resolve`] gives for it alone.
pub fn resolve_each(files: &[(&Path, &str)], queries: &[(&str, ReadOptions)]) -> Vec<Resolution> {
    let uids: Vec<&str> = queries.iter().map(|q| q.0).collect();
    let mut diags: Vec<Vec<Diagnostic>> = queries.iter().map(|_| Vec::new()).collect();
    let mut events: Vec<Vec<RawEvent>> = queries.iter().map(|_| Vec::new()).collect();
    let mut skipped: Vec<Vec<Skipped>> = queries.iter().map(|_| Vec::new()).collect();
    let bounded_opts: Vec<ReadOptions> = queries.iter().map(|q| bounded(&q.1)).collect();
    let mut zones = ZoneCache::default();
    for &(path, text) in files {
        let (body, offset) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, '\u{feff}'.len_utf8()),
            None => (text, 0),
        };
        let body = lf(body);
        let found = skim::skim(&body, Some(&uids));
        for (k, &uid) in uids.iter().enumerate() {
            let is_uid = |seen: &skim::Seen<'_>| seen.uid.as_deref() == Some(uid);
            let mut parsed = read_file(
                &body,
                path,
                &found,
                &bounded_opts[k],
                &is_uid,
                &mut zones,
                &mut diags[k],
            );
            for e in &mut parsed.events {
                e.span = (e.span.0 + offset, e.span.1 + offset);
            }
            for s in &mut parsed.skipped {
                s.span = (s.span.0 + offset, s.span.1 + offset);
            }
            events[k].extend(parsed.events);
            skipped[k].extend(parsed.skipped);
        }
    }
    events
        .into_iter()
        .zip(skipped)
        .zip(diags)
        .zip(&bounded_opts)
        .map(|(((events, skipped), diags), opts)| assemble_resolution(events, skipped, diags, opts))
        .collect()
}

fn assemble_resolution(
    events: Vec<RawEvent>,
    skipped: Vec<Skipped>,
    mut diags: Vec<Diagnostic>,
    opts: &ReadOptions,
) -> Resolution {
    let mut vevents: Vec<Vevent> = events
        .iter()
        .map(|e| Vevent {
            path: e.path.to_path_buf(),
            span: e.span.0..e.span.1,
            line: e.line,
            closed: e.closed,
            details: Some(e.details.clone()),
            is_override: e.recurrence_id.is_some() || e.standalone,
            recurring: e.rrule.is_some() || !e.rdates.is_empty(),
        })
        .collect();
    vevents.extend(skipped.iter().map(|s| Vevent {
        path: s.path.to_path_buf(),
        span: s.span.0..s.span.1,
        line: s.line,
        closed: s.closed,
        details: None,
        is_override: false,
        recurring: false,
    }));
    let instances = assemble_traced(&events, opts, &skipped, Keep::Keyed, &mut diags)
        .into_iter()
        .map(|(instance, trace)| Held {
            instance,
            from: trace.from.to_vec(),
            own: trace.own,
        })
        .collect();
    Resolution {
        vevents,
        instances,
        diagnostics: diags,
    }
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

/// How much of someone else's text a diagnostic quotes (a line, a value), in characters.
pub(crate) const QUOTED_CHARS: usize = 40;

/// The error for a file that holds no calendar; `blank` when its bytes are all white space.
fn broken(path: &Path, blank: bool) -> Diagnostic {
    let reason = if blank {
        "empty file, not an iCalendar calendar".to_string()
    } else {
        "not an iCalendar file (no BEGIN:VCALENDAR or BEGIN:VEVENT), skipped".to_string()
    };
    Diagnostic::error(path, None, reason)
}

/// One file's bytes as the reader reads them.
struct Text {
    /// UTF-8 (a BOM dropped, invalid sequences replaced), old Mac line ends (CR only) read
    /// as LFs.
    text: String,
    /// Its bytes were all white space.
    blank: bool,
    /// The warning for invalid UTF-8, if any.
    diagnostics: Vec<Diagnostic>,
}

impl Text {
    /// Takes the bytes over (valid UTF-8 is not copied).
    fn new(mut bytes: Vec<u8>, path: &Path) -> Text {
        let blank = bytes.iter().all(|b| b.is_ascii_whitespace());
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        let mut diagnostics = Vec::new();
        let text = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
                diagnostics.push(Diagnostic::warning(
                    path,
                    Some(line),
                    "not valid UTF-8; invalid bytes replaced",
                ));
                String::from_utf8_lossy(&bytes).into_owned()
            }
        };
        let text = match lf(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(o) => o,
        };
        Text {
            text,
            blank,
            diagnostics,
        }
    }
}

/// Old Mac line ends (CR only) as LFs, one byte for one; any other text as it is.
fn lf(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') && text.contains('\r') {
        Cow::Owned(text.replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
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
        let line = (line > 0).then_some(line);
        self.diags.push(match severity {
            Severity::Error => Diagnostic::error(&*self.path, line, reason),
            Severity::Warning => Diagnostic::warning(&*self.path, line, reason),
        });
    }
}

struct ParsedFile {
    events: Vec<RawEvent>,
    /// VEVENTs that could not be read at all.
    skipped: Vec<Skipped>,
    /// A VCALENDAR (or at least a bare VEVENT) was found.
    calendar_found: bool,
    /// VEVENTs seen, read or not.
    vevents: usize,
    /// VEVENTs left unread because nothing of their UID reaches the range (all readable).
    unread: usize,
}

/// How far outside the range a VEVENT's wall-clock times may lie and still show in it (any
/// UTC offset, a DST change, a series' zone against the user's), and how long an event
/// with a guessed or default end lasts at most.
const SKIM_MARGIN: TimeDelta = TimeDelta::days(3);
const GUESSED_LENGTH: i64 = 86_400;

/// The UIDs of which some instance may show in the range (judged on every VEVENT of the
/// UID, in all files: an override reaches its series, a series its overrides).
fn shown_uids<'a, 't: 'a>(
    files: impl IntoIterator<Item = &'a skim::Skimmed<'t>>,
    opts: &ReadOptions,
) -> HashSet<&'a str> {
    let lo = opts
        .from
        .naive_utc()
        .checked_sub_signed(SKIM_MARGIN)
        .unwrap_or(NaiveDateTime::MIN);
    let hi = opts
        .to
        .naive_utc()
        .checked_add_signed(SKIM_MARGIN)
        .unwrap_or(NaiveDateTime::MAX);
    let reaches = |first: NaiveDateTime, last: NaiveDateTime, length: i64| {
        let end = last
            .checked_add_signed(TimeDelta::seconds(length.saturating_add(GUESSED_LENGTH)))
            .unwrap_or(NaiveDateTime::MAX);
        first <= hi && end >= lo
    };
    let files: Vec<&skim::Skimmed<'t>> = files.into_iter().collect();
    let all = || files.iter().flat_map(|f| f.vevents.iter());
    let mut shown = HashSet::new();
    // VEVENTs without a DTEND or DURATION of their own (an override lasts as long as its
    // series): decided once the longest length of their UID is known.
    let mut open: Vec<&skim::Seen<'t>> = Vec::new();
    for seen in all() {
        let Some(uid) = seen.uid.as_deref() else {
            continue;
        };
        match seen.reach {
            skim::Reach::Always => {
                shown.insert(uid);
            }
            skim::Reach::Within {
                first,
                last,
                length,
            } => {
                if reaches(first, last, length.unwrap_or(0)) {
                    shown.insert(uid);
                } else if length.is_none() {
                    open.push(seen);
                }
            }
        }
    }
    if !open.is_empty() {
        let mut longest: HashMap<&str, i64> = open
            .iter()
            .filter_map(|s| s.uid.as_deref())
            .filter(|u| !shown.contains(u))
            .map(|u| (u, 0))
            .collect();
        for seen in all() {
            if let (
                Some(uid),
                skim::Reach::Within {
                    length: Some(l), ..
                },
            ) = (seen.uid.as_deref(), seen.reach)
                && let Some(m) = longest.get_mut(uid)
            {
                *m = (*m).max(l);
            }
        }
        for seen in open {
            if let (Some(uid), skim::Reach::Within { first, last, .. }) =
                (seen.uid.as_deref(), seen.reach)
                && let Some(&l) = longest.get(uid)
                && reaches(first, last, l)
            {
                shown.insert(uid);
            }
        }
    }
    shown
}

/// Whether the reader reads a VEVENT: its UID may show in the range (one without a UID is
/// always read).
fn shows(seen: &skim::Seen<'_>, shown: &HashSet<&str>) -> bool {
    seen.uid.as_deref().is_none_or(|u| shown.contains(u))
}

/// Reads one skimmed file's text (see [`skim`]): the VEVENTs `keep` asks for, in full.
fn read_file(
    text: &str,
    path: &Path,
    found: &skim::Skimmed<'_>,
    opts: &ReadOptions,
    keep: &dyn Fn(&skim::Seen<'_>) -> bool,
    zones: &mut ZoneCache,
    diags: &mut Vec<Diagnostic>,
) -> ParsedFile {
    let mut sink = Sink {
        path: Arc::from(path),
        source: path.display().to_string(),
        diags,
    };
    let mut out = ParsedFile {
        events: Vec::new(),
        skipped: Vec::new(),
        calendar_found: found.calendar_found,
        vevents: 0,
        unread: 0,
    };
    if !out.calendar_found {
        // Not a calendar at all: one clear error (by the caller), not a warning per line.
        return out;
    }
    for p in &found.problems {
        sink.push(p.severity, p.line, p.reason.clone());
    }
    if let Some(line) = found.stray_line {
        sink.warn(line, "VEVENT outside a VCALENDAR; read anyway".into());
    }
    let vtimezones: Vec<&lines::Component> = found.vtimezones.iter().collect();
    let horizon = add_days(opts.to.naive_utc(), 800);
    let range = (opts.from.naive_utc(), opts.to.naive_utc());
    let mut zones = ZoneResolver::new(&vtimezones, zones, opts.zone, range, horizon);
    for seen in &found.vevents {
        out.vevents += 1;
        if !keep(seen) {
            out.unread += 1;
            continue;
        }
        let within = text.get(seen.span.0..seen.span.1).unwrap_or_default();
        let Some(ev) = lines::parse_component(within, seen.depth, seen.line, seen.span.0) else {
            continue;
        };
        match read_vevent(&ev, &mut zones, &mut sink) {
            Ok(raw) => out.events.push(raw),
            Err(skipped) => out.skipped.push(skipped),
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

/// The master's occurrences (DTSTART, RRULE, RDATE minus EXDATE) from `from` up to `stop`
/// (the rule's from about `from`: [`MAX_OCCURRENCES_PER_SERIES`] count from there, so a
/// series that began long ago is read in the range like any other), plus the excluded
/// keys, and why its instances are read-only when its rule could not be expanded.
fn expand_master(
    s: &Series<'_>,
    user: &Zone,
    from: DateTime<Utc>,
    stop: DateTime<Utc>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Occurrence>, HashSet<DateTime<Utc>>, Option<String>) {
    let ev = s.ev;
    let mut sink = Sink {
        path: ev.path.clone(),
        source: String::new(),
        diags,
    };
    let mut unexpanded = None;
    let stop_local = add_days(s.zone.to_local(stop), 1);
    // Wall-clock times earlier than this are before `from` in the series' zone.
    let from_local = shift(s.zone.to_local(from), -s.zone.offset_spread());
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
            let expanded = recur::expand_from(
                rule,
                s.start,
                until,
                from_local,
                stop_local,
                MAX_OCCURRENCES_PER_SERIES,
            );
            match expanded {
                Ok(e) => {
                    // A warning, not an error: one hostile invitation must not stop the
                    // booking of blocks (only a series this dense is cut, and it is busy
                    // time up to the cut). A cut past `stop`, in the day of room around
                    // it, loses nothing.
                    if let Some(cut) = e.cut.filter(|c| s.zone.to_utc(c.at) <= stop) {
                        let at = s.zone.to_utc(cut.at).to_rfc3339();
                        let uid = &ev.details.uid;
                        sink.warn(
                            *line,
                            if cut.before_range {
                                format!(
                                    "series {uid:?} is cut at {at}: more than {} of its occurrences come before the range read (its COUNT counts them from DTSTART); none from there on is read",
                                    recur::MAX_SKIPPED
                                )
                            } else {
                                format!(
                                    "series {uid:?} is cut at {at}: more than {MAX_OCCURRENCES_PER_SERIES} of its occurrences reach the range read (from {} on); later ones are not read",
                                    // The first occurrence counted.
                                    e.occurrences
                                        .first()
                                        .map_or(from, |first| s.zone.to_utc(*first))
                                        .to_rfc3339()
                                )
                            },
                        );
                    }
                    e.occurrences
                }
                Err(e) => {
                    // Its later times are unknown: an error, so that no block is booked
                    // where they may be.
                    sink.error(
                        *line,
                        format!(
                            "RRULE not usable ({e}); only the first occurrence is read, and left alone"
                        ),
                    );
                    unexpanded = Some(
                        "its recurrence rule could not be expanded, so only its first occurrence is known"
                            .to_string(),
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
    (occs, excluded, unexpanded)
}

fn warn_at(diags: &mut Vec<Diagnostic>, ev: &RawEvent, reason: String) {
    diags.push(Diagnostic::warning(&*ev.path, Some(ev.line), reason));
}

/// What the pick rule chose for one slot (a UID's series, or one RECURRENCE-ID of it).
#[derive(Debug, Clone)]
enum Pick {
    /// The VEVENT the reader shows, then its identical copies.
    One(Vec<usize>),
    /// Different VEVENTs claim the slot: each is read, all read-only, for this reason.
    Ambiguous(Vec<usize>, String),
}

impl Pick {
    /// The VEVENTs whose instances are shown.
    fn shown(&self) -> &[usize] {
        match self {
            Pick::One(copies) => &copies[..1],
            Pick::Ambiguous(shown, _) => shown,
        }
    }

    /// Where an instance of `shown` VEVENT `i` is held.
    fn trace(&self, i: usize, own: bool) -> Trace {
        match self {
            Pick::One(copies) => Trace {
                from: Arc::from(copies.as_slice()),
                own,
            },
            Pick::Ambiguous(..) => Trace {
                from: Arc::from(vec![i]),
                own,
            },
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Where events are, for a message: file names, with the line where one file holds several.
fn places(events: &[RawEvent], which: &[usize]) -> String {
    which
        .iter()
        .map(|&i| {
            let e = &events[i];
            let shared = which.iter().filter(|&&j| events[j].path == e.path).count() > 1;
            if shared {
                format!("{}:{}", file_name(&e.path), e.line)
            } else {
                file_name(&e.path)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn count_word(n: usize) -> String {
    match n {
        2 => "two".into(),
        3 => "three".into(),
        4 => "four".into(),
        n => n.to_string(),
    }
}

/// The one rule for which VEVENT stands for a slot, for readers and writers alike. Within
/// one file the highest SEQUENCE wins (files that collect updates by appending them); copies
/// in different files, or with the same highest SEQUENCE, must say the same thing (they are
/// then one event, written alike); anything else is ambiguous.
fn pick(
    events: &[RawEvent],
    candidates: &[usize],
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Pick> {
    let first = *candidates.first()?;
    if candidates.len() == 1 {
        return Some(Pick::One(vec![first]));
    }
    let uid = &events[first].details.uid;
    let one_file = candidates
        .iter()
        .all(|&i| events[i].path == events[first].path);
    let contenders: Vec<usize> = if one_file {
        let top = candidates
            .iter()
            .map(|&i| events[i].sequence)
            .max()
            .unwrap_or(0);
        let (tops, older): (Vec<usize>, Vec<usize>) =
            candidates.iter().partition(|&&i| events[i].sequence == top);
        if let Some(&newest) = tops.first() {
            for &o in &older {
                warn_at(
                    diags,
                    &events[o],
                    format!(
                        "another {what} with UID {uid:?} and a higher SEQUENCE ({}:{}) is used; this one is ignored",
                        events[newest].path.display(),
                        events[newest].line
                    ),
                );
            }
        }
        tops
    } else {
        candidates.to_vec()
    };
    let mut distinct: Vec<usize> = Vec::new();
    for &c in &contenders {
        if !distinct.iter().any(|&d| events[d].same_as(&events[c])) {
            distinct.push(c);
        }
    }
    if distinct.len() <= 1 {
        let shown = &events[contenders[0]];
        for &c in contenders.iter().skip(1) {
            warn_at(
                diags,
                &events[c],
                format!(
                    "{what} with UID {uid:?} is a copy of the one at {}:{}; they are read as one and written alike",
                    shown.path.display(),
                    shown.line
                ),
            );
        }
        return Some(Pick::One(contenders));
    }
    let n = count_word(distinct.len());
    let at = places(events, &distinct);
    warn_at(
        diags,
        &events[distinct[0]],
        format!(
            "UID {uid:?} is held by {n} different events ({at}); each is read as busy time and left alone"
        ),
    );
    Some(Pick::Ambiguous(
        distinct,
        format!("its UID {uid:?} is held by {n} different events ({at})"),
    ))
}

/// Doubt about whose event a UID is, beyond [`pick`]'s: its VEVENTs name different
/// organizers (an outsider's update or override of the user's own meeting), or they are
/// spread over several files that do not all hold the same VEVENTs (in a vdir, one event is
/// one file: overrides in another file are someone else's).
fn identity_doubt(events: &[RawEvent], group: &[usize]) -> Option<String> {
    let organizers: std::collections::BTreeSet<&str> = group
        .iter()
        .filter_map(|&i| events[i].details.organizer.as_deref())
        .collect();
    if organizers.len() > 1 {
        let list: Vec<&str> = organizers.into_iter().collect();
        return Some(format!(
            "its VEVENTs name different organizers ({})",
            list.join(", ")
        ));
    }
    let files: Vec<&Path> = {
        let mut f: Vec<&Path> = group.iter().map(|&i| &*events[i].path).collect();
        f.sort();
        f.dedup();
        f
    };
    if files.len() > 1 {
        // Which slot a VEVENT fills, as written (the master, or one RECURRENCE-ID).
        let slot = |i: usize| format!("{:?}", events[i].recurrence_id);
        let everywhere = group.iter().all(|&i| {
            files.iter().all(|f| {
                group
                    .iter()
                    .any(|&j| &*events[j].path == *f && slot(j) == slot(i))
            })
        });
        if !everywhere {
            let names: Vec<String> = files.iter().map(|f| file_name(f)).collect();
            return Some(format!(
                "its VEVENTs are spread over several files ({})",
                names.join(", ")
            ));
        }
    }
    None
}

/// Which instances [`assemble_traced`] keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Those that overlap the range (a read).
    Overlapping,
    /// Also those whose original start lies in the range (a writer looking for one).
    Keyed,
}

/// Where an instance was read from: indices into the events, the shown one first.
#[derive(Debug, Clone)]
struct Trace {
    from: Arc<[usize]>,
    /// The instance's own VEVENT (a single event or its override), not its series.
    own: bool,
}

/// Marks event `i`'s instances read-only (the first reason is kept).
fn mark(details: &mut [Arc<EventDetails>], i: usize, why: &str) {
    if details[i].read_only.is_none() {
        let mut d = (*details[i]).clone();
        d.read_only = Some(why.to_string());
        details[i] = Arc::new(d);
    }
}

/// Groups events by UID (across all files), expands series, applies overrides, keeps what
/// overlaps `[from, to)`, and sorts by (start, uid).
fn assemble(
    events: Vec<RawEvent>,
    opts: &ReadOptions,
    skipped: &[Skipped],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Instance> {
    assemble_traced(&events, opts, skipped, Keep::Overlapping, diags)
        .into_iter()
        .map(|(instance, _)| instance)
        .collect()
}

/// [`assemble`], with where each instance was read from.
fn assemble_traced(
    events: &[RawEvent],
    opts: &ReadOptions,
    skipped: &[Skipped],
    keep: Keep,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Instance, Trace)> {
    let mut unreadable: HashMap<&str, &Skipped> = HashMap::new();
    for s in skipped {
        unreadable.entry(s.uid.as_str()).or_insert(s);
    }
    let user = Zone::Iana(opts.zone);
    let mut assembly = Assembly {
        events,
        user: &user,
        details: events.iter().map(|e| e.details.clone()).collect(),
        kept: Kept {
            opts,
            keep,
            out: Vec::new(),
        },
        diags,
    };
    for (uid, group) in by_uid(events) {
        assembly.assemble_uid(uid, &group, unreadable.get(uid).copied());
    }
    let mut out = assembly.kept.out;
    out.sort_by(|(a, _), (b, _)| {
        (a.start, a.details.uid.as_str(), a.end).cmp(&(b.start, b.details.uid.as_str(), b.end))
    });
    out
}

/// The events' indices grouped by UID (across all files), in the order the UIDs first
/// appear.
fn by_uid(events: &[RawEvent]) -> Vec<(&str, Vec<usize>)> {
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, ev) in events.iter().enumerate() {
        let uid = ev.details.uid.as_str();
        let g = *at.entry(uid).or_insert_with(|| {
            groups.push((uid, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
    }
    groups
}

/// Whether an instance from `start` to `end` overlaps the range read (an instance without
/// length: whether it starts in it).
fn overlaps(opts: &ReadOptions, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
    if start == end {
        opts.from <= start && start < opts.to
    } else {
        start < opts.to && end > opts.from
    }
}

/// The instances an assembly keeps, by [`Keep`].
struct Kept<'a> {
    opts: &'a ReadOptions,
    keep: Keep,
    out: Vec<(Instance, Trace)>,
}

impl Kept<'_> {
    /// Keeps `inst` if it overlaps the range (or, keyed, its original start lies in it).
    fn emit(&mut self, inst: Instance, trace: Trace) {
        let key = inst.recurrence_id.unwrap_or(inst.start);
        let opts = self.opts;
        if overlaps(opts, inst.start, inst.end)
            || (self.keep == Keep::Keyed && opts.from <= key && key < opts.to)
        {
            self.out.push((inst, trace));
        }
    }
}

/// One [`assemble_traced`] under way: the events, the details each event's instances carry
/// (read-only marks included), what is kept so far.
struct Assembly<'a> {
    events: &'a [RawEvent],
    user: &'a Zone,
    details: Vec<Arc<EventDetails>>,
    kept: Kept<'a>,
    diags: &'a mut Vec<Diagnostic>,
}

/// A series being expanded: its master, the overrides that apply to it, and how far its
/// occurrences are expanded.
struct Expansion<'a> {
    master: &'a RawEvent,
    series: Series<'a>,
    /// The overrides by RECURRENCE-ID (duplicates resolved by the pick rule).
    exact: HashMap<DateTime<Utc>, Pick>,
    /// The THISANDFUTURE overrides, earliest first.
    future: Vec<(DateTime<Utc>, Vec<usize>)>,
    /// Where the occurrences are expanded from, and up to.
    lo: DateTime<Utc>,
    stop: DateTime<Utc>,
}

impl Assembly<'_> {
    /// One UID's instances: its doubts first, then its standalone VEVENTs, then its series
    /// (the one the pick rule chose, every candidate when it chose none, or its overrides
    /// alone when it has no master).
    fn assemble_uid(&mut self, uid: &str, group: &[usize], unreadable: Option<&Skipped>) {
        let events = self.events;
        let of = |keep: fn(&RawEvent) -> bool| -> Vec<usize> {
            group
                .iter()
                .copied()
                .filter(|&i| keep(&events[i]))
                .collect()
        };
        let masters = of(|e| e.recurrence_id.is_none() && !e.standalone);
        let overrides = of(|e| e.recurrence_id.is_some());
        let standalone = of(|e| e.standalone);
        let picked = self.pick_series(uid, group, &masters, &standalone, unreadable);
        for &i in &standalone {
            self.emit_standalone(i);
        }
        match picked {
            Some(Pick::One(copies)) => self.emit_series(uid, &copies, &overrides),
            Some(Pick::Ambiguous(shown, _)) => self.emit_candidates(&shown, &overrides),
            None => emit_orphans(
                events,
                &self.details,
                &overrides,
                self.user,
                self.diags,
                &mut |inst, trace| self.kept.emit(inst, trace),
            ),
        }
    }

    /// The UID's series by the pick rule; every VEVENT of the UID is marked read-only when
    /// its instances are in doubt: another VEVENT with the UID, or its RECURRENCE-ID,
    /// could not be read, the master is ambiguous, or the VEVENTs disagree on whose the
    /// event is (then no VEVENT may replace another: each is read on its own).
    fn pick_series(
        &mut self,
        uid: &str,
        group: &[usize],
        masters: &[usize],
        standalone: &[usize],
        unreadable: Option<&Skipped>,
    ) -> Option<Pick> {
        let events = self.events;
        let mut doubt = unreadable.map(|s| {
            format!(
                "another VEVENT with its UID could not be read ({}:{})",
                file_name(&s.path),
                s.line
            )
        });
        if let (None, Some(&i)) = (&doubt, standalone.first()) {
            doubt = Some(format!(
                "a VEVENT with its UID has an unreadable RECURRENCE-ID ({}:{})",
                file_name(&events[i].path),
                events[i].line
            ));
        }
        let mut picked = pick(events, masters, "VEVENT", self.diags);
        if let Some(Pick::Ambiguous(_, why)) = &picked {
            doubt = Some(why.clone());
        }
        if doubt.is_none()
            && let Some(why) = identity_doubt(events, group)
        {
            warn_at(
                self.diags,
                &events[group[0]],
                format!("UID {uid:?}: {why}; each VEVENT is read as busy time and left alone"),
            );
            if !masters.is_empty() {
                picked = Some(Pick::Ambiguous(masters.to_vec(), why.clone()));
            }
            doubt = Some(why);
        }
        if let Some(why) = &doubt {
            for &i in group {
                mark(&mut self.details, i, why);
            }
        }
        picked
    }

    /// A VEVENT read as a single event (its RECURRENCE-ID unreadable), unless cancelled.
    fn emit_standalone(&mut self, i: usize) {
        let ev = &self.events[i];
        if ev.cancelled() {
            return;
        }
        let s = Series::new(ev, self.user);
        let (start, end) = s.times(s.start, ev.end);
        self.kept.emit(
            Instance {
                details: self.details[i].clone(),
                recurrence_id: None,
                start,
                end,
                all_day: s.all_day,
            },
            Trace {
                from: Arc::from(vec![i]),
                own: true,
            },
        );
    }

    /// Several candidate series and nothing to tell which the overrides belong to: every
    /// candidate and every override is read on its own (all busy, all read-only).
    fn emit_candidates(&mut self, shown: &[usize], overrides: &[usize]) {
        let (events, user) = (self.events, self.user);
        for &m in shown {
            let master = &events[m];
            let s = Series::new(master, user);
            let recurring = master.rrule.is_some() || !master.rdates.is_empty();
            let lo = earlier(self.kept.opts.from, length_bound(master.end));
            let (occs, _, _) = expand_master(&s, user, lo, self.kept.opts.to, self.diags);
            for occ in &occs {
                let (start, end) = s.times(occ.local, occ.end.unwrap_or(master.end));
                self.kept.emit(
                    Instance {
                        details: self.details[m].clone(),
                        recurrence_id: recurring.then_some(occ.key),
                        start,
                        end,
                        all_day: s.all_day,
                    },
                    Trace {
                        from: Arc::from(vec![m]),
                        own: !recurring,
                    },
                );
            }
        }
        let first = &events[shown[0]];
        let s = Series::new(first, user);
        for &ov in overrides {
            let Some((rid, _)) = events[ov].recurrence_id.as_ref() else {
                continue;
            };
            if events[ov].cancelled() {
                continue;
            }
            let inst =
                override_instance(&events[ov], &self.details[ov], first, s.key_of(rid), user);
            self.kept.emit(
                inst,
                Trace {
                    from: Arc::from(vec![ov]),
                    own: true,
                },
            );
        }
    }

    /// The series the pick rule chose (`copies`: its master, then identical copies), with
    /// its overrides: each occurrence as its override shows it, moved by the
    /// THISANDFUTURE override before it, or as the master shows it; then the overrides
    /// that match no occurrence.
    fn emit_series(&mut self, uid: &str, copies: &[usize], overrides: &[usize]) {
        let master = &self.events[copies[0]];
        let series = Series::new(master, self.user);
        let (exact, future) = self.overrides_by_key(&series, overrides);
        let mut x = Expansion {
            master,
            series,
            exact,
            future,
            lo: self.kept.opts.from,
            stop: self.kept.opts.to,
        };
        self.bound(&mut x);
        let (occs, excluded, unexpanded) =
            expand_master(&x.series, self.user, x.lo, x.stop, self.diags);
        if let Some(why) = &unexpanded {
            for &c in copies {
                mark(&mut self.details, c, why);
            }
        }
        let used = self.emit_occurrences(&x, copies, &occs);
        self.emit_unmatched(uid, &x, &used, &excluded);
    }

    /// The overrides of a series by key (the RECURRENCE-ID as the series' time), each key's
    /// duplicates resolved by the pick rule (an ambiguous key's overrides marked
    /// read-only); and the THISANDFUTURE ones among them, earliest first.
    #[allow(clippy::type_complexity)]
    fn overrides_by_key(
        &mut self,
        s: &Series<'_>,
        overrides: &[usize],
    ) -> (
        HashMap<DateTime<Utc>, Pick>,
        Vec<(DateTime<Utc>, Vec<usize>)>,
    ) {
        let events = self.events;
        let mut by_key: Vec<(DateTime<Utc>, Vec<usize>)> = Vec::new();
        for &ov in overrides {
            let Some((rid, _)) = events[ov].recurrence_id.as_ref() else {
                continue;
            };
            let key = s.key_of(rid);
            match by_key.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(ov),
                None => by_key.push((key, vec![ov])),
            }
        }
        let mut exact: HashMap<DateTime<Utc>, Pick> = HashMap::new();
        let mut future: Vec<(DateTime<Utc>, Vec<usize>)> = Vec::new();
        for (key, list) in &by_key {
            match pick(events, list, "RECURRENCE-ID override", self.diags) {
                Some(Pick::One(c)) => {
                    if events[c[0]].recurrence_id.as_ref().is_some_and(|r| r.1) {
                        future.push((*key, c.clone()));
                    }
                    exact.insert(*key, Pick::One(c));
                }
                Some(Pick::Ambiguous(shown, why)) => {
                    for &i in list {
                        mark(&mut self.details, i, &why);
                    }
                    exact.insert(*key, Pick::Ambiguous(shown, why));
                }
                None => {}
            }
        }
        future.sort_by_key(|f| f.0);
        (exact, future)
    }

    /// How far to expand: up to overrides moved into the range (at most 400 days past
    /// it), and from early enough that every occurrence overlapping the range is read (the
    /// series' length, and how far a THISANDFUTURE override moves its occurrences).
    fn bound(&self, x: &mut Expansion<'_>) {
        let opts = self.kept.opts;
        let horizon = add_days(opts.to.naive_utc(), 400).and_utc();
        x.stop = x
            .exact
            .keys()
            .copied()
            .filter(|k| *k <= horizon)
            .fold(opts.to, DateTime::max);
        let mut lead = length_bound(x.master.end);
        for (fkey, f) in &x.future {
            let model = self.override_of(f[0], x.master, *fkey);
            lead = lead.max((model.end - *fkey).num_seconds());
        }
        x.lo = earlier(opts.from, lead);
    }

    /// Override `ov`'s own instance in the series of `master`, at `key`.
    fn override_of(&self, ov: usize, master: &RawEvent, key: DateTime<Utc>) -> Instance {
        override_instance(&self.events[ov], &self.details[ov], master, key, self.user)
    }

    /// Each occurrence expanded: as its override shows it, moved as the THISANDFUTURE
    /// override before it moves its occurrences, or as the master shows it. Returns the
    /// keys whose overrides were used.
    fn emit_occurrences(
        &mut self,
        x: &Expansion<'_>,
        copies: &[usize],
        occs: &[Occurrence],
    ) -> HashSet<DateTime<Utc>> {
        let events = self.events;
        let master = x.master;
        let recurring = master.rrule.is_some() || !master.rdates.is_empty();
        let master_trace = Trace {
            from: Arc::from(copies),
            own: !recurring,
        };
        let mut used: HashSet<DateTime<Utc>> = HashSet::new();
        for occ in occs {
            if let Some(p) = x.exact.get(&occ.key) {
                used.insert(occ.key);
                for &ov in p.shown() {
                    if !events[ov].cancelled() {
                        let inst = self.override_of(ov, master, occ.key);
                        self.kept.emit(inst, p.trace(ov, true));
                    }
                }
                continue;
            }
            let applying = x.future.iter().rev().find(|(k, _)| *k <= occ.key);
            if let Some((fkey, f)) = applying {
                if events[f[0]].cancelled() {
                    continue;
                }
                let model = self.override_of(f[0], master, *fkey);
                let delta = model.start - *fkey;
                let length = model.end - model.start;
                let start = occ.key + delta;
                self.kept.emit(
                    Instance {
                        details: self.details[f[0]].clone(),
                        recurrence_id: Some(occ.key),
                        start,
                        end: start + length,
                        all_day: model.all_day,
                    },
                    Trace {
                        from: Arc::from(f.as_slice()),
                        own: false,
                    },
                );
                continue;
            }
            let (start, end) = x.series.times(occ.local, occ.end.unwrap_or(master.end));
            self.kept.emit(
                Instance {
                    details: self.details[copies[0]].clone(),
                    recurrence_id: recurring.then_some(occ.key),
                    start,
                    end,
                    all_day: x.series.all_day,
                },
                master_trace.clone(),
            );
        }
        used
    }

    /// The overrides whose key matched no occurrence expanded: each read as an extra
    /// occurrence, with a warning when its key lies where the series was expanded (a key
    /// before the occurrences expanded may still be one: it is asked for alone).
    fn emit_unmatched(
        &mut self,
        uid: &str,
        x: &Expansion<'_>,
        used: &HashSet<DateTime<Utc>>,
        excluded: &HashSet<DateTime<Utc>>,
    ) {
        let events = self.events;
        for (key, p) in &x.exact {
            if used.contains(key) {
                continue;
            }
            for &ov in p.shown() {
                if events[ov].cancelled() {
                    continue;
                }
                let inst = self.override_of(ov, x.master, *key);
                let before = || {
                    *key < x.lo
                        && expand_master(&x.series, self.user, *key, *key, &mut Vec::new())
                            .0
                            .iter()
                            .any(|o| o.key == *key)
                };
                if *key <= x.stop
                    && !excluded.contains(key)
                    && overlaps(self.kept.opts, inst.start, inst.end)
                    && !before()
                {
                    warn_at(
                        self.diags,
                        &events[ov],
                        format!(
                            "RECURRENCE-ID {} matches no occurrence of series {:?}; read as an extra occurrence",
                            key.to_rfc3339(),
                            uid
                        ),
                    );
                }
                self.kept.emit(inst, p.trace(ov, true));
            }
        }
    }
}

/// The longest an instance with this end lasts, in seconds: two hours more when its end
/// follows the wall clock (a DST change within it).
fn length_bound(end: EndSpec) -> i64 {
    let (seconds, wall) = match end {
        EndSpec::Exact(s) => (s, false),
        EndSpec::Wall(s) => (s, true),
        EndSpec::Nominal(span) => (
            span.days
                .saturating_mul(86_400)
                .saturating_add(span.seconds),
            true,
        ),
    };
    let seconds = seconds.max(0);
    if wall && seconds > 0 {
        seconds.saturating_add(2 * 3_600)
    } else {
        seconds
    }
}

/// `t` minus `seconds`, saturating.
fn earlier(t: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    t.checked_sub_signed(TimeDelta::seconds(seconds.max(0)))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Overrides without their series: each read as a single event (duplicates of one
/// RECURRENCE-ID resolved by the pick rule).
fn emit_orphans(
    events: &[RawEvent],
    details: &[Arc<EventDetails>],
    overrides: &[usize],
    user: &Zone,
    diags: &mut Vec<Diagnostic>,
    emit: &mut impl FnMut(Instance, Trace),
) {
    let mut by_key: Vec<(DateTime<Utc>, Vec<usize>)> = Vec::new();
    for &ov in overrides {
        let ev = &events[ov];
        let s = Series::new(ev, user);
        let key = s.key_of(
            &ev.recurrence_id
                .as_ref()
                .map(|r| r.0.clone())
                .unwrap_or(ev.start.clone()),
        );
        match by_key.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(ov),
            None => by_key.push((key, vec![ov])),
        }
    }
    for (key, list) in &by_key {
        let Some(p) = pick(events, list, "RECURRENCE-ID override", diags) else {
            continue;
        };
        for &ov in p.shown() {
            let ev = &events[ov];
            warn_at(
                diags,
                ev,
                format!(
                    "RECURRENCE-ID without its series (no VEVENT with UID {:?} and no RECURRENCE-ID){}; read as a single event",
                    ev.details.uid,
                    if ev.rrule.is_some() {
                        ", its RRULE ignored"
                    } else {
                        ""
                    }
                ),
            );
            let mut d = details[ov].clone();
            if let Pick::Ambiguous(_, why) = &p
                && d.read_only.is_none()
            {
                let mut marked = (*d).clone();
                marked.read_only = Some(why.clone());
                d = Arc::new(marked);
            }
            let s = Series::new(ev, user);
            let (start, end) = s.times(s.start, ev.end);
            emit(
                Instance {
                    details: d,
                    recurrence_id: Some(*key),
                    start,
                    end,
                    all_day: s.all_day,
                },
                p.trace(ov, true),
            );
        }
    }
}

/// An override's own instance (its own DTSTART; its DTEND/DURATION or else the master's).
fn override_instance(
    ov: &RawEvent,
    details: &Arc<EventDetails>,
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
        details: details.clone(),
        recurrence_id: Some(key),
        start,
        end,
        all_day: s.all_day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`parse_ics`] without the skim's choice: every VEVENT read in full.
    fn parse_all(text: &str, opts: &ReadOptions) -> Vec<Instance> {
        let opts = &bounded(opts);
        let mut diags = Vec::new();
        let found = skim::skim(text, None);
        let parsed = read_file(
            text,
            Path::new("x.ics"),
            &found,
            opts,
            &|_| true,
            &mut ZoneCache::default(),
            &mut diags,
        );
        assert_eq!(parsed.unread, 0);
        assert_eq!(parsed.vevents, parsed.events.len() + parsed.skipped.len());
        assert_eq!(parsed.vevents, found.vevents.len());
        assert!(parsed.calendar_found);
        assert!(found.vevents.iter().all(|s| s.uid.is_some()));
        assert!(parsed.events.iter().all(|e| !e.details.uid.is_empty()));
        assert!(found.vtimezones.len() <= 1);
        assert_eq!(found.stray_line, None);
        assert!(found.problems.is_empty());
        assert_eq!(found.calendar_found, parsed.calendar_found);
        assemble(parsed.events, opts, &parsed.skipped, &mut diags)
    }

    /// One VEVENT of a few UIDs, at times from 2019 to 2028, of every kind the skim judges.
    fn vevent() -> impl Strategy<Value = String> {
        let uid = prop::sample::select(vec!["a", "b", "c", "d"]);
        let zone = prop::sample::select(vec![
            ":",
            ";TZID=Europe/Berlin:",
            ";TZID=Pacific/Kiritimati:",
            ";TZID=Etc/GMT+12:",
            ";TZID=Custom:",
        ]);
        let rule = prop::sample::select(vec![
            "",
            "",
            "RRULE:FREQ=DAILY\n",
            "RRULE:FREQ=WEEKLY;UNTIL=20240101T000000Z\n",
            "RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=30\n",
            "RRULE:FREQ=MONTHLY;COUNT=20\n",
            "RRULE:FREQ=HOURLY;INTERVAL=7;COUNT=500\n",
            "RRULE:FREQ=YEARLY;UNTIL=20250601\n",
            "RDATE:20270105T100000Z\n",
            "RRULE:FREQ=MINUTELY;INTERVAL=97\n",
            "RRULE:\nRRULE:FREQ=WEEKLY;COUNT=3\n",
            "RRULE:\n",
        ]);
        let end = prop::sample::select(vec![
            "",
            "DURATION:PT1H\n",
            "DURATION:P3D\n",
            "DURATION:-PT1H\n",
            "DURATION:P40D\n",
            "DTEND:20190101T000000Z\n",
        ]);
        let rid = prop::sample::select(vec![
            "",
            "",
            "RECURRENCE-ID{z}{d}\n",
            "RECURRENCE-ID;RANGE=THISANDFUTURE{z}{d}\n",
            "RECURRENCE-ID:garbage\n",
        ]);
        (
            uid,
            zone,
            0i64..3_650,
            0u32..96,
            rule,
            end,
            rid,
            0i64..3_650,
            any::<bool>(),
        )
            .prop_map(
                |(uid, zone, day, quarter, rule, end, rid, rid_day, all_day)| {
                    let at = |day: i64, q: u32| {
                        let d = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + TimeDelta::days(day);
                        if all_day {
                            format!(";VALUE=DATE:{}", d.format("%Y%m%d"))
                        } else {
                            let z = if zone == ":" { "Z" } else { "" };
                            format!(
                                "{zone}{}T{:02}{:02}00{z}",
                                d.format("%Y%m%d"),
                                q / 4,
                                q % 4 * 15
                            )
                        }
                    };
                    let start = at(day, quarter);
                    let rid = rid
                        .replace("{z}{d}", &at(rid_day, quarter))
                        .replace("{z}", "")
                        .replace("{d}", "");
                    format!("BEGIN:VEVENT\nUID:{uid}\nDTSTART{start}\n{end}{rule}{rid}END:VEVENT\n")
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Reading only the UIDs the skim lets through gives every instance reading all of
        /// them gives, in any range.
        #[test]
        fn the_skim_leaves_out_nothing_that_shows(
            events in prop::collection::vec(vevent(), 1..12),
            from_day in 0i64..3_700,
            days in 0i64..30,
        ) {
            let text = format!(
                "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:Custom\nBEGIN:STANDARD\nDTSTART:19700101T000000\n\
                 TZOFFSETFROM:+2300\nTZOFFSETTO:-2300\nEND:STANDARD\nEND:VTIMEZONE\n{}END:VCALENDAR\n",
                events.concat()
            );
            let from = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap().and_time(NaiveTime::MIN).and_utc()
                + TimeDelta::days(from_day);
            let opts = ReadOptions {
                zone: chrono_tz::Europe::Berlin,
                from,
                to: from + TimeDelta::days(days),
            };
            let (skimmed, _) = parse_ics(&text, Path::new("x.ics"), &opts);
            let all = parse_all(&text, &opts);
            prop_assert_eq!(skimmed, all, "{}", text);
        }
    }
}
