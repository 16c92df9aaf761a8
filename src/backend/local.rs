//! The local calendar backend: a vdir folder (one `.ics` file per event, as khal and
//! vdirsyncer keep them) or a single `.ics` file, read and written.
//!
//! Writes touch as little as possible: a focus block is a file of its own (`<id>.ics` in a
//! vdir, its own VEVENT in a single file); an answer changes the `PARTSTAT` (and a comment
//! parameter) on the user's own `ATTENDEE` line and leaves every other byte of the file as it
//! was. Every file is replaced atomically (write a hidden temporary file, sync, rename).
//!
//! The writer never decides on its own which VEVENT an event is: [`ical::resolve`] reads the
//! target UID exactly as a sync does (which copy wins, identical copies, ambiguity, the
//! files' own time zones), and the writer changes the very VEVENTs behind the instance, at
//! the byte ranges the reader found. What the reader marks read-only is refused. Every write
//! is checked twice against the reader: on the new text before anything is written, and on
//! the files read back afterwards; a change the calendar does not show is an error, never
//! `Done`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{BackendError, BlockWrite, Calendar, EventRef, Written};
use crate::event::{Response, Role, Snapshot, is_me};
use crate::ical::{self, ReadOptions, Resolution};

/// How the audit log names a local calendar: its canonical path.
pub fn key(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Marks a VEVENT as one focusd booked; only such events are ever moved or deleted.
pub const BLOCK_MARKER: &str = "X-FOCUSD-BLOCK:TRUE";

pub use super::ID_TAKEN;

pub struct LocalCalendar {
    path: PathBuf,
    zone: Tz,
    /// The user's address, or several (aliases), as [`is_me`] reads them.
    me: String,
}

/// The calendar's files that may hold one UID, with their text, in reading order.
type Texts = Vec<(PathBuf, String)>;

/// One file's new content.
enum Change {
    Write(PathBuf, String),
    Remove(PathBuf),
}

impl LocalCalendar {
    /// `path` is a vdir folder or a single `.ics` file; `zone` is the user's (for floating
    /// times); `me` the user's address (aliases separated by commas).
    pub fn new(path: &Path, zone: Tz, me: &str) -> LocalCalendar {
        LocalCalendar {
            path: path.to_path_buf(),
            zone,
            me: me.trim().to_string(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn is_vdir(&self) -> bool {
        self.path.is_dir()
    }

    /// The files that may hold `uid`, decoded as the reader decodes them. A vdir file that
    /// cannot be read is passed over, as the reader passes over it.
    fn texts_holding(&self, uid: &str) -> Result<Texts, BackendError> {
        if !self.is_vdir() {
            let bytes = std::fs::read(&self.path).map_err(|e| io_error(&self.path, e))?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            return Ok(vec![(self.path.clone(), text)]);
        }
        let files = ical::calendar_files(&self.path).map_err(|e| io_error(&self.path, e))?;
        let mut out = Vec::new();
        for file in files {
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if ical::may_hold(&text, uid) {
                out.push((file, text));
            }
        }
        Ok(out)
    }

    /// What the reader makes of `uid` in `texts`, around an instant (two days either side)
    /// or, without one, over all time.
    fn resolve_in(&self, texts: &[(PathBuf, String)], uid: &str, around: Window) -> Resolution {
        let (from, to) = match around {
            Window::Around(t) => {
                let days = chrono::Duration::days(2);
                (
                    t.checked_sub_signed(days).unwrap_or(t),
                    t.checked_add_signed(days).unwrap_or(t),
                )
            }
            Window::All => (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC),
            Window::Nothing => (DateTime::<Utc>::UNIX_EPOCH, DateTime::<Utc>::UNIX_EPOCH),
        };
        let opts = ReadOptions {
            zone: self.zone,
            from,
            to,
        };
        ical::resolve(texts, uid, &opts)
    }

    fn resolve(&self, uid: &str, around: Window) -> Result<(Texts, Resolution), BackendError> {
        let texts = self.texts_holding(uid)?;
        let res = self.resolve_in(&texts, uid, around);
        Ok((texts, res))
    }

    /// Applies `changes`: first checks on the new texts that the reader will show what
    /// `shows` asks for (else nothing is written), then writes, then reads the files back
    /// and checks again.
    fn commit(
        &self,
        texts: &[(PathBuf, String)],
        changes: Vec<Change>,
        uid: &str,
        around: Window,
        what: &str,
        shows: impl Fn(&Resolution) -> bool,
    ) -> Result<(), BackendError> {
        let mut after: Texts = texts.to_vec();
        for change in &changes {
            match change {
                Change::Write(path, text) => match after.iter_mut().find(|(p, _)| p == path) {
                    Some(slot) => slot.1 = text.clone(),
                    None => after.push((path.clone(), text.clone())),
                },
                Change::Remove(path) => after.retain(|(p, _)| p != path),
            }
        }
        after.sort_by(|a, b| a.0.cmp(&b.0));
        if !shows(&self.resolve_in(&after, uid, around)) {
            return Err(BackendError::Permanent(format!(
                "{uid}: the calendar would not show {what} after this change; nothing was written"
            )));
        }
        for change in changes {
            match change {
                Change::Write(path, text) => write_atomically(&path, &text)?,
                Change::Remove(path) => {
                    std::fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
                    sync_dir(&self.path);
                }
            }
        }
        let (_, res) = self.resolve(uid, around)?;
        if !shows(&res) {
            return Err(BackendError::Permanent(format!(
                "{uid}: written, but the calendar read back does not show {what}"
            )));
        }
        Ok(())
    }

    /// The new content of each file that `edits` (byte ranges of `texts[i]`, replaced) touch.
    /// A vdir file left without any event is removed.
    fn apply(
        &self,
        texts: &[(PathBuf, String)],
        mut edits: Vec<(usize, Range<usize>, String)>,
    ) -> Result<Vec<Change>, BackendError> {
        edits.sort_by(|a, b| (a.0, b.1.start).cmp(&(b.0, a.1.start)));
        let mut changes = Vec::new();
        let mut i = 0;
        while i < edits.len() {
            let file = edits[i].0;
            let (path, text) = &texts[file];
            let mut new = text.clone();
            let mut limit = text.len();
            while i < edits.len() && edits[i].0 == file {
                let (_, range, with) = &edits[i];
                if range.end > limit
                    || range.start > range.end
                    || !new.is_char_boundary(range.start)
                    || !new.is_char_boundary(range.end)
                {
                    return Err(BackendError::Permanent(format!(
                        "{}: overlapping changes; nothing was written",
                        path.display()
                    )));
                }
                new.replace_range(range.clone(), with);
                limit = range.start;
                i += 1;
            }
            if self.is_vdir() && !holds_events(&new) {
                changes.push(Change::Remove(path.clone()));
            } else {
                changes.push(Change::Write(path.clone(), new));
            }
        }
        Ok(changes)
    }

    /// Whether every VEVENT in `res` is a focusd block of the user's (a single event, whole).
    fn all_ours(&self, res: &Resolution) -> bool {
        res.vevents.iter().all(|v| {
            v.closed
                && !v.is_override
                && !v.recurring
                && v.details
                    .as_ref()
                    .is_some_and(|d| d.is_focusd_block(&self.me))
        })
    }
}

/// How much of a series [`LocalCalendar::resolve_in`] expands.
#[derive(Debug, Clone, Copy)]
enum Window {
    /// Two days either side of an instant.
    Around(DateTime<Utc>),
    /// All time (a single event asked for without a RECURRENCE-ID).
    All,
    /// No instance at all: only which VEVENTs carry the UID.
    Nothing,
}

impl Calendar for LocalCalendar {
    fn key(&self) -> String {
        key(&self.path)
    }

    fn configure(&mut self, policy: &crate::policy::Policy) {
        self.zone = policy.zone();
    }

    async fn sync(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Snapshot, BackendError> {
        let opts = ReadOptions {
            zone: self.zone,
            from,
            to,
        };
        ical::read_calendar(&self.path, &opts).map_err(|e| match e {
            crate::error::Error::Calendar(d) if !self.path.exists() => {
                BackendError::Transient(d.to_string())
            }
            other => BackendError::Permanent(other.to_string()),
        })
    }

    async fn put_block(&mut self, block: &BlockWrite) -> Result<Written, BackendError> {
        let id = block.id.as_str();
        let window = Window::Around(block.start);
        let (texts, res) = self.resolve(id, window)?;
        let shows = |res: &Resolution| {
            res.vevents.len() == 1
                && self.all_ours(res)
                && res.instances.iter().any(|h| {
                    h.instance.uid() == id
                        && h.instance.start == block.start
                        && h.instance.end == block.end
                })
        };
        if !res.vevents.is_empty() && !self.all_ours(&res) {
            return Err(BackendError::Permanent(format!(
                "{ID_TAKEN} {id} is already used by an event that is not a focusd block; it is left alone"
            )));
        }
        if shows(&res) {
            return Ok(Written::AlreadyDone);
        }
        let named = self.path.join(format!("{}.ics", file_stem(id)));
        let keeper = res
            .vevents
            .iter()
            .position(|v| self.is_vdir() && v.path == named)
            .unwrap_or(0);
        let changes = match res.vevents.get(keeper) {
            Some(kept) => {
                // Focusd's own block, moved in place (in the file named after it, if any);
                // stray copies of it are removed.
                let file = file_index(&texts, &kept.path)?;
                let vevent = block_vevent(block, newline_of(&texts[file].1));
                let mut edits = vec![(file, kept.span.clone(), vevent)];
                for (i, v) in res.vevents.iter().enumerate() {
                    if i != keeper {
                        let file = file_index(&texts, &v.path)?;
                        edits.push((file, v.span.clone(), String::new()));
                    }
                }
                self.apply(&texts, edits)?
            }
            None if self.is_vdir() => {
                let file = named;
                if std::fs::symlink_metadata(&file).is_ok() {
                    return Err(BackendError::Permanent(format!(
                        "{ID_TAKEN} {} already exists and does not hold {id}; it is left alone",
                        file.display()
                    )));
                }
                vec![Change::Write(
                    file,
                    calendar_text(&block_vevent(block, "\r\n")),
                )]
            }
            None => {
                // A single file (always in `texts`): the block goes before END:VCALENDAR.
                let file = file_index(&texts, &self.path)?;
                let text = &texts[file].1;
                let at = append_at(text).ok_or_else(|| {
                    BackendError::Permanent(format!("{}: no END:VCALENDAR", self.path.display()))
                })?;
                let vevent = block_vevent(block, newline_of(text));
                self.apply(&texts, vec![(file, at..at, vevent)])?
            }
        };
        self.commit(&texts, changes, id, window, "the block", shows)?;
        Ok(Written::Done)
    }

    async fn delete_block(&mut self, id: &str) -> Result<Written, BackendError> {
        let (texts, res) = self.resolve(id, Window::Nothing)?;
        if res.vevents.is_empty() {
            return Ok(Written::AlreadyDone);
        }
        if !self.all_ours(&res) {
            return Err(BackendError::Permanent(format!(
                "event {id} is not a focusd block; focusd only deletes its own"
            )));
        }
        let mut edits = Vec::new();
        for v in &res.vevents {
            edits.push((file_index(&texts, &v.path)?, v.span.clone(), String::new()));
        }
        let changes = self.apply(&texts, edits)?;
        self.commit(
            &texts,
            changes,
            id,
            Window::Nothing,
            "the block removed",
            |res| res.vevents.is_empty(),
        )?;
        Ok(Written::Done)
    }

    async fn respond(
        &mut self,
        event: &EventRef,
        response: Response,
        comment: Option<&str>,
    ) -> Result<Written, BackendError> {
        let name = crate::actions::event_key(event);
        let window = event.recurrence_id.map_or(Window::All, Window::Around);
        let (texts, res) = self.resolve(&event.id, window)?;
        let is_target = |h: &&ical::Held| {
            h.instance.uid() == event.id && h.instance.recurrence_id == event.recurrence_id
        };
        // A whole series (no instance named) is answered on its master VEVENT: the occurrences
        // read from it show the answer; overrides keep their own.
        let of_the_series = |h: &&ical::Held| {
            event.recurrence_id.is_none()
                && h.instance.uid() == event.id
                && h.instance.recurrence_id.is_some()
                && !h.own
        };
        let whole_series = !res.instances.iter().any(|h| is_target(&h));
        let is_target = |h: &&ical::Held| {
            if whole_series {
                of_the_series(h)
            } else {
                is_target(h)
            }
        };
        let Some(held) = res.instances.iter().find(is_target) else {
            return Err(BackendError::NotFound(name));
        };
        if let Some(why) = &held.instance.details.read_only {
            return Err(BackendError::Permanent(format!(
                "{name}: focusd leaves this event alone: {why}"
            )));
        }
        let current = held.instance.details.role(&self.me);
        if current == Role::Attendee(response) {
            return Ok(Written::AlreadyDone);
        }
        // focusd only ever declines what nobody answered: an answer the user gave (to the
        // whole series, say, while focusd decided from one of its overrides) stays.
        if response == Response::Declined && current != Role::Attendee(Response::NeedsAction) {
            return Err(BackendError::Permanent(format!(
                "{name}: not declined: it is not an unanswered invitation of yours ({current:?})"
            )));
        }
        let not_listed =
            || BackendError::Permanent(format!("{name} does not list {} as an attendee", self.me));
        let mut edits = Vec::new();
        if held.own || whole_series {
            // The instance's own VEVENT, or the series' master (and identical copies): the
            // user's line in each.
            for &v in &held.from {
                let v = &res.vevents[v];
                let file = file_index(&texts, &v.path)?;
                let text = &texts[file].1[v.span.clone()];
                let (range, line) =
                    set_partstat(text, &self.me, response, comment).ok_or_else(not_listed)?;
                let start = v.span.start;
                edits.push((file, start + range.start..start + range.end, line));
            }
        } else {
            // An occurrence of a series: an override of its own, from the VEVENT it is read
            // from, so that the answer applies to this instance only.
            let rid = event
                .recurrence_id
                .ok_or_else(|| BackendError::NotFound(name.clone()))?;
            let source = held
                .from
                .first()
                .map(|&v| &res.vevents[v])
                .ok_or_else(|| BackendError::NotFound(name.clone()))?;
            let file = file_index(&texts, &source.path)?;
            let text = &texts[file].1;
            let over = override_vevent(
                &text[source.span.clone()],
                rid,
                held.instance.start,
                held.instance.end,
            );
            let (range, line) =
                set_partstat(&over, &self.me, response, comment).ok_or_else(not_listed)?;
            let over = format!("{}{}{}", &over[..range.start], line, &over[range.end..]);
            let at = append_at(text).ok_or_else(|| {
                BackendError::Permanent(format!("{}: no END:VCALENDAR", source.path.display()))
            })?;
            edits.push((file, at..at, over));
        }
        let changes = self.apply(&texts, edits)?;
        let me = self.me.clone();
        self.commit(&texts, changes, &event.id, window, "the answer", |res| {
            res.instances.iter().any(|h| {
                is_target(&h)
                    && h.instance.details.read_only.is_none()
                    && h.instance.details.role(&me) == Role::Attendee(response)
            })
        })?;
        Ok(Written::Done)
    }
}

fn file_index(texts: &[(PathBuf, String)], path: &Path) -> Result<usize, BackendError> {
    texts
        .iter()
        .position(|(p, _)| p == path)
        .ok_or_else(|| BackendError::Permanent(format!("{}: vanished", path.display())))
}

/// Whether a text still holds anything but an empty calendar (a component other than the
/// VCALENDAR and its time zones, or text that is not a calendar at all).
fn holds_events(text: &str) -> bool {
    let names = ical::component_names(text);
    (names.is_empty() && !text.trim().is_empty())
        || names.iter().any(|n| n != "VCALENDAR" && n != "VTIMEZONE")
}

/// The line end a text uses: CRLF unless its first line ends in LF alone, or CR alone in a
/// text without any LF (old Mac files, which the reader reads too).
fn newline_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i == 0 || text.as_bytes()[i - 1] != b'\r' => "\n",
        None if text.contains('\r') => "\r",
        _ => "\r\n",
    }
}

/// Splits `NAME;PARAMS:value` at the first colon outside double quotes.
fn split_value(line: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return Some((&line[..i], &line[i + 1..])),
            _ => {}
        }
    }
    None
}

/// Splits parameters at semicolons outside double quotes.
fn split_params(head: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut last = 0;
    for (i, c) in head.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(&head[last..i]);
                last = i + 1;
            }
            _ => {}
        }
    }
    out.push(&head[last..]);
    out
}

/// A content line's physical lines joined (RFC 5545 unfolding), without its line end.
fn unfold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (i, piece) in raw.split('\n').enumerate() {
        let piece = piece.strip_suffix('\r').unwrap_or(piece);
        if i == 0 {
            out.push_str(piece);
        } else if let Some(rest) = piece.strip_prefix([' ', '\t']) {
            out.push_str(rest);
        }
    }
    out
}

fn partstat(r: Response) -> &'static str {
    match r {
        Response::NeedsAction => "NEEDS-ACTION",
        Response::Accepted => "ACCEPTED",
        Response::Declined => "DECLINED",
        Response::Tentative => "TENTATIVE",
        Response::Delegated => "DELEGATED",
    }
}

/// The user's own ATTENDEE line of a VEVENT answering `response`: its byte range in
/// `vevent` and the new line (`PARTSTAT` set, `RSVP` dropped, the comment in an
/// `X-RESPONSE-COMMENT` parameter). The line is the one the reader takes the user's answer
/// from: the first of the VEVENT's own attendees (never a VALARM's) that is the user, by
/// [`is_me`]. `None` when the user is not an attendee.
fn set_partstat(
    vevent: &str,
    me: &str,
    response: Response,
    comment: Option<&str>,
) -> Option<(Range<usize>, String)> {
    let prop = ical::vevent_properties(vevent)
        .into_iter()
        .find(|p| p.name == "ATTENDEE" && is_me(me, &ical::address_of(&p.value)))?;
    let raw = &vevent[prop.span.clone()];
    let logical = unfold(raw);
    let (head, value) = split_value(&logical)?;
    let mut params: Vec<String> = split_params(head)
        .into_iter()
        .filter(|p| {
            let name = p
                .split('=')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_uppercase();
            !matches!(name.as_str(), "PARTSTAT" | "RSVP" | "X-RESPONSE-COMMENT")
        })
        .map(str::to_string)
        .collect();
    params.push(format!("PARTSTAT={}", partstat(response)));
    if let Some(c) = comment.filter(|c| !c.trim().is_empty()) {
        let clean: String = c
            .chars()
            .map(|ch| {
                if ch == '"' || ch.is_control() {
                    '\''
                } else {
                    ch
                }
            })
            .collect();
        params.push(format!("X-RESPONSE-COMMENT=\"{clean}\""));
    }
    // The line keeps its own line end (none when it is the last line of a file without one).
    let own_end = if raw.ends_with("\r\n") {
        Some("\r\n")
    } else if raw.ends_with('\n') {
        Some("\n")
    } else {
        None
    };
    let newline = own_end.unwrap_or_else(|| newline_of(vevent));
    let mut edited = fold(&format!("{}:{}", params.join(";"), value), newline);
    if own_end.is_none() {
        edited.truncate(edited.len() - newline.len());
    }
    Some((prop.span, edited))
}

/// Folds a logical line at 75 octets (RFC 5545), on character boundaries.
fn fold(line: &str, newline: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str(newline);
            out.push(' ');
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str(newline);
    out
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn escape_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
        .replace('\r', "")
}

/// A focus block as a VEVENT, with the given line ends.
fn block_vevent(block: &BlockWrite, newline: &str) -> String {
    let lines = [
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", block.id),
        format!("DTSTAMP:{}", utc(block.start)),
        format!("SUMMARY:{}", escape_text(&block.title)),
        format!("DTSTART:{}", utc(block.start)),
        format!("DTEND:{}", utc(block.end)),
        "TRANSP:OPAQUE".to_string(),
        format!(
            "DESCRIPTION:{}",
            escape_text(&format!(
                "Booked by focusd. New invitations in this time are declined: {}",
                block.decline_message
            ))
        ),
        BLOCK_MARKER.to_string(),
        "X-FOCUSD-EVENT-TYPE:focusTime".to_string(),
        "END:VEVENT".to_string(),
    ];
    lines.iter().map(|l| fold(l, newline)).collect()
}

fn calendar_text(vevents: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//focusd//focusd//EN\r\n{vevents}END:VCALENDAR\r\n"
    )
}

/// An override for one instance of a series: the lines of the VEVENT the instance is read
/// from (the master, or an override for this and future instances), without its recurrence
/// rules and its own RECURRENCE-ID, at the instance's times. Written with the VEVENT's line
/// ends.
fn override_vevent(
    source: &str,
    rid: DateTime<Utc>,
    start_time: DateTime<Utc>,
    end_time: DateTime<Utc>,
) -> String {
    let nl = newline_of(source);
    let mut dropped: Vec<(Range<usize>, bool)> = ical::vevent_properties(source)
        .into_iter()
        .filter(|p| {
            matches!(
                p.name.as_str(),
                "RRULE"
                    | "RDATE"
                    | "EXDATE"
                    | "EXRULE"
                    | "DTSTART"
                    | "DTEND"
                    | "DURATION"
                    | "RECURRENCE-ID"
            )
        })
        .map(|p| (p.span, p.name == "DTSTART"))
        .collect();
    dropped.sort_by_key(|d| d.0.start);
    let times = format!(
        "RECURRENCE-ID:{}{nl}DTSTART:{}{nl}DTEND:{}{nl}",
        utc(rid),
        utc(start_time),
        utc(end_time)
    );
    let mut out = String::new();
    let mut pos = 0;
    let mut placed = false;
    for (span, is_start) in dropped {
        if span.start < pos {
            continue;
        }
        out.push_str(&source[pos..span.start]);
        if is_start && !placed {
            out.push_str(&times);
            placed = true;
        }
        pos = span.end;
    }
    out.push_str(&source[pos..]);
    if !placed {
        // No DTSTART line (cannot happen for a VEVENT the reader read): after BEGIN:VEVENT.
        let at = out.find('\n').map_or(out.len(), |i| i + 1);
        out.insert_str(at, &times);
    }
    out
}

/// Where a VEVENT is inserted in a calendar: before its last `END:VCALENDAR` line.
fn append_at(text: &str) -> Option<usize> {
    let upper = text.to_ascii_uppercase();
    let at = upper.rfind("END:VCALENDAR")?;
    let line_end = if newline_of(text) == "\r" { '\r' } else { '\n' };
    Some(text[..at].rfind(line_end).map_or(0, |i| i + 1))
}

/// A file name from a UID: safe characters kept, others replaced.
fn file_stem(uid: &str) -> String {
    uid.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@') {
                c
            } else {
                '_'
            }
        })
        .take(200)
        .collect::<String>()
        .trim_start_matches('.')
        .to_string()
}

/// Writes a file atomically: a hidden temporary file in the same folder, synced, renamed.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), BackendError> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("calendar");
    let tmp = dir.join(format!(".{name}.focusd-tmp"));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_error(path, e));
    }
    sync_dir(dir);
    Ok(())
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

fn io_error(path: &Path, e: std::io::Error) -> BackendError {
    BackendError::Transient(format!("{}: {e}", path.display()))
}
