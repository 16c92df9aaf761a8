//! The local calendar backend: a vdir folder (one `.ics` file per event, as khal and
//! vdirsyncer keep them) or a single `.ics` file, read and written.
//!
//! Writes touch only the bytes they own, on the file's original bytes (valid UTF-8 or not):
//! an answer changes the `PARTSTAT` value on the user's own `ATTENDEE` line in place and
//! adds (or, taking it back, removes) focusd's comment parameter; an override or a block is
//! inserted whole, with the file's own line ends; every other byte stays. A decline taken
//! back restores the line byte for byte. Files are read and replaced through
//! [`crate::files`]: only regular files, replaced atomically with their mode and owner, links
//! written through, read-only files refused, and a file another program changed since it
//! was read is never overwritten (the write starts again from a fresh read).
//!
//! The writer never decides on its own which VEVENT an event is: [`ical::resolve`] reads the
//! target UID exactly as a sync does (which copy wins, identical copies, ambiguity, the
//! files' own time zones), and the writer changes the very VEVENTs behind the instance, at
//! the byte ranges the reader found. What the reader marks read-only is refused. Every write
//! is checked twice against the reader: on the new bytes before anything is written, and on
//! the files read back afterwards; a change the calendar does not show is an error, never
//! `Done`.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{BackendError, BlockWrite, Calendar, EventRef, Written};
use crate::event::{Response, Role, Snapshot, clean_comment, is_me};
use crate::files::{self, Contents, Decoded, FileError};
use crate::ical::{self, ReadOptions, Resolution};

/// How the audit log names a local calendar: its absolute path as the user gave it (links
/// not resolved: a symlinked calendar is named by the link the user sees).
pub fn key(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Marks a VEVENT as one focusd booked; only such events are ever moved or deleted.
pub const BLOCK_MARKER: &str = "X-FOCUSD-BLOCK:TRUE";

/// The parameter that carries the user's comment with an answer.
const COMMENT_PARAM: &str = "X-RESPONSE-COMMENT";

/// How often a write starts again from a fresh read when another program changed a file
/// between focusd's read and its rename.
const WRITE_TRIES: usize = 3;

pub use super::ID_TAKEN;

/// Called between a write's sync and its rename, with the file being replaced.
pub type WriteHook = Arc<dyn Fn(&Path) + Send + Sync>;

pub struct LocalCalendar {
    path: PathBuf,
    zone: Tz,
    /// The user's address, or several (aliases), as [`is_me`] reads them.
    me: String,
    hook: Option<WriteHook>,
}

/// One file as the writer holds it: its bytes as read, and the text the reader sees.
struct Source {
    path: PathBuf,
    read: Contents,
    /// The bytes decoded as the reader decodes them; an old Mac file's CRs read as LFs
    /// (one byte for one, so offsets stay).
    text: Decoded,
    /// The file's own line end, for what is inserted.
    newline: &'static str,
}

impl Source {
    fn new(path: PathBuf, read: Contents) -> Source {
        let (text, newline) = reader_text(&read.bytes);
        Source {
            path,
            read,
            text,
            newline,
        }
    }

    fn text(&self) -> &str {
        &self.text.text
    }

    /// The bytes of `span` (offsets in the text) with `cuts` (ranges in the text, inside
    /// `span`, in order, replaced by new bytes) applied: every byte outside the cuts as read.
    fn splice(
        &self,
        span: Range<usize>,
        cuts: impl IntoIterator<Item = (Range<usize>, Vec<u8>)>,
    ) -> Result<Vec<u8>, BackendError> {
        let bytes = &self.read.bytes;
        let at = |t: usize| self.text.byte_offset(t);
        let mut out = Vec::with_capacity(span.len() + 512);
        let mut pos = span.start;
        for (range, with) in cuts {
            if range.start < pos
                || range.start > range.end
                || range.end > span.end
                || !self.text().is_char_boundary(range.start)
                || !self.text().is_char_boundary(range.end)
            {
                return Err(BackendError::Permanent(format!(
                    "{}: overlapping changes; nothing was written",
                    self.path.display()
                )));
            }
            out.extend_from_slice(&bytes[at(pos)..at(range.start)]);
            out.extend_from_slice(&with);
            pos = range.end;
        }
        out.extend_from_slice(&bytes[at(pos)..at(span.end)]);
        Ok(out)
    }
}

/// The calendar's files that may hold one UID, in reading order.
type Sources = Vec<Source>;

/// One file's new content, and the file as it was read (which must still be there).
enum Change {
    Write(PathBuf, Vec<u8>, Option<files::Stamp>),
    Remove(PathBuf, files::Stamp),
}

/// Why one attempt at a write stopped.
enum Failure {
    /// Another program changed a file meanwhile: start again from a fresh read.
    Changed(String),
    Failed(BackendError),
}

impl From<BackendError> for Failure {
    fn from(e: BackendError) -> Failure {
        Failure::Failed(e)
    }
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Failure {
        match e {
            FileError::Changed { .. } => Failure::Changed(e.to_string()),
            FileError::Io { .. } => Failure::Failed(BackendError::Transient(e.to_string())),
            _ => Failure::Failed(BackendError::Permanent(e.to_string())),
        }
    }
}

type Attempt<T> = Result<T, Failure>;

impl LocalCalendar {
    /// `path` is a vdir folder or a single `.ics` file; `zone` is the user's (for floating
    /// times); `me` the user's address (aliases separated by commas).
    pub fn new(path: &Path, zone: Tz, me: &str) -> LocalCalendar {
        LocalCalendar {
            path: path.to_path_buf(),
            zone,
            me: me.trim().to_string(),
            hook: None,
        }
    }

    /// Runs `hook` between each write's sync and its rename (tests use it to be the other
    /// program that changes a file at the worst moment).
    pub fn set_write_hook(&mut self, hook: WriteHook) {
        self.hook = Some(hook);
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn is_vdir(&self) -> bool {
        self.path.is_dir()
    }

    /// Runs one attempt at a write, again from a fresh read while another program keeps
    /// changing the files, and gives up after [`WRITE_TRIES`].
    fn retrying<T>(&self, attempt: impl Fn(&Self) -> Attempt<T>) -> Result<T, BackendError> {
        let mut last = String::new();
        for _ in 0..WRITE_TRIES {
            match attempt(self) {
                Ok(v) => return Ok(v),
                Err(Failure::Failed(e)) => return Err(e),
                Err(Failure::Changed(why)) => last = why,
            }
        }
        Err(BackendError::Transient(format!(
            "{last} ({WRITE_TRIES} tries)"
        )))
    }

    /// The files that may hold `uid`. A vdir file that cannot be read (or is not a regular
    /// file) is passed over, as the reader passes over it.
    fn sources_holding(&self, uid: &str) -> Result<Sources, BackendError> {
        if !self.is_vdir() {
            let read = files::read_regular(&self.path).map_err(file_error)?;
            return Ok(vec![Source::new(self.path.clone(), read)]);
        }
        let found = ical::calendar_files(&self.path).map_err(|e| io_error(&self.path, e))?;
        let mut out = Vec::new();
        for file in found {
            let Ok(read) = files::read_regular(&file) else {
                continue;
            };
            let source = Source::new(file, read);
            if ical::may_hold(source.text(), uid) {
                out.push(source);
            }
        }
        Ok(out)
    }

    /// What the reader makes of `uid` in `texts`, around an instant (two days either side)
    /// or, without one, over all time.
    fn resolve_in(&self, texts: &[(&Path, &str)], uid: &str, around: Window) -> Resolution {
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

    fn resolve(&self, uid: &str, around: Window) -> Result<(Sources, Resolution), BackendError> {
        let sources = self.sources_holding(uid)?;
        let texts: Vec<(&Path, &str)> = sources
            .iter()
            .map(|s| (s.path.as_path(), s.text()))
            .collect();
        let res = self.resolve_in(&texts, uid, around);
        Ok((sources, res))
    }

    /// Applies `changes`: first checks on the new bytes that the reader will show what
    /// `shows` asks for (else nothing is written), then writes (each file only if it is
    /// still as read), then reads the files back and checks again.
    fn commit(
        &self,
        sources: &[Source],
        changes: Vec<Change>,
        uid: &str,
        around: Window,
        what: &str,
        shows: impl Fn(&Resolution) -> bool,
    ) -> Attempt<()> {
        let mut after: Vec<(PathBuf, String)> = sources
            .iter()
            .map(|s| (s.path.clone(), s.text().to_string()))
            .collect();
        for change in &changes {
            match change {
                Change::Write(path, bytes, _) => {
                    let text = reader_text(bytes).0.text;
                    match after.iter_mut().find(|(p, _)| p == path) {
                        Some(slot) => slot.1 = text,
                        None => after.push((path.clone(), text)),
                    }
                }
                Change::Remove(path, _) => after.retain(|(p, _)| p != path),
            }
        }
        after.sort_by(|a, b| a.0.cmp(&b.0));
        let texts: Vec<(&Path, &str)> = after
            .iter()
            .map(|(p, t)| (p.as_path(), t.as_str()))
            .collect();
        if !shows(&self.resolve_in(&texts, uid, around)) {
            return Err(Failure::Failed(BackendError::Permanent(format!(
                "{uid}: the calendar would not show {what} after this change; nothing was written"
            ))));
        }
        let hook = self.hook.as_deref().map(|h| h as files::Hook<'_>);
        for change in changes {
            match change {
                Change::Write(path, bytes, stamp) => {
                    files::replace(&path, &bytes, stamp.as_ref(), hook)?
                }
                Change::Remove(path, stamp) => files::remove(&path, Some(&stamp))?,
            }
        }
        let (_, res) = self.resolve(uid, around)?;
        if !shows(&res) {
            return Err(Failure::Failed(BackendError::Permanent(format!(
                "{uid}: written, but the calendar read back does not show {what}"
            ))));
        }
        Ok(())
    }

    /// The new content of each file that `edits` (ranges of `sources[i]`'s text, replaced
    /// by new bytes) touch. A vdir file left without any event is removed.
    fn apply(
        &self,
        sources: &[Source],
        mut edits: Vec<(usize, Range<usize>, Vec<u8>)>,
    ) -> Result<Vec<Change>, BackendError> {
        edits.sort_by_key(|e| (e.0, e.1.start));
        let mut changes = Vec::new();
        let mut edits = edits.into_iter().peekable();
        while let Some(first) = edits.next() {
            let file = first.0;
            let source = &sources[file];
            let mut cuts = vec![(first.1, first.2)];
            while let Some(next) = edits.next_if(|e| e.0 == file) {
                cuts.push((next.1, next.2));
            }
            let new = source.splice(0..source.text().len(), cuts)?;
            let stamp = source.read.stamp.clone();
            if self.is_vdir() && !holds_events(&String::from_utf8_lossy(&new)) {
                changes.push(Change::Remove(source.path.clone(), stamp));
            } else {
                changes.push(Change::Write(source.path.clone(), new, Some(stamp)));
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

    fn put_block_once(&self, block: &BlockWrite) -> Attempt<Written> {
        let id = block.id.as_str();
        let window = Window::Around(block.start);
        let (sources, res) = self.resolve(id, window)?;
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
            ))
            .into());
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
                let file = file_index(&sources, &kept.path)?;
                let vevent = block_vevent(block, sources[file].newline);
                let mut edits = vec![(file, kept.span.clone(), vevent.into_bytes())];
                for (i, v) in res.vevents.iter().enumerate() {
                    if i != keeper {
                        let file = file_index(&sources, &v.path)?;
                        edits.push((file, v.span.clone(), Vec::new()));
                    }
                }
                self.apply(&sources, edits)?
            }
            None if self.is_vdir() => {
                let file = named;
                if std::fs::symlink_metadata(&file).is_ok() {
                    return Err(BackendError::Permanent(format!(
                        "{ID_TAKEN} {} already exists and does not hold {id}; it is left alone",
                        file.display()
                    ))
                    .into());
                }
                vec![Change::Write(
                    file,
                    calendar_text(&block_vevent(block, "\r\n")).into_bytes(),
                    None,
                )]
            }
            None => {
                // A single file (always in `sources`): the block goes before END:VCALENDAR.
                let file = file_index(&sources, &self.path)?;
                let source = &sources[file];
                let at = append_at(source.text()).ok_or_else(|| {
                    BackendError::Permanent(format!("{}: no END:VCALENDAR", self.path.display()))
                })?;
                let vevent = block_vevent(block, source.newline);
                self.apply(&sources, vec![(file, at..at, vevent.into_bytes())])?
            }
        };
        self.commit(&sources, changes, id, window, "the block", shows)?;
        Ok(Written::Done)
    }

    fn delete_block_once(&self, id: &str) -> Attempt<Written> {
        let (sources, res) = self.resolve(id, Window::Nothing)?;
        if res.vevents.is_empty() {
            return Ok(Written::AlreadyDone);
        }
        if !self.all_ours(&res) {
            return Err(BackendError::Permanent(format!(
                "event {id} is not a focusd block; focusd only deletes its own"
            ))
            .into());
        }
        let mut edits = Vec::new();
        for v in &res.vevents {
            edits.push((file_index(&sources, &v.path)?, v.span.clone(), Vec::new()));
        }
        let changes = self.apply(&sources, edits)?;
        self.commit(
            &sources,
            changes,
            id,
            Window::Nothing,
            "the block removed",
            |res| res.vevents.is_empty(),
        )?;
        Ok(Written::Done)
    }

    fn respond_once(
        &self,
        event: &EventRef,
        response: Response,
        comment: Option<&str>,
    ) -> Attempt<Written> {
        let name = event.key();
        let window = event.recurrence_id.map_or(Window::All, Window::Around);
        let (sources, res) = self.resolve(&event.id, window)?;
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
            return Err(BackendError::NotFound(name).into());
        };
        if let Some(why) = &held.instance.details.read_only {
            return Err(BackendError::Permanent(format!(
                "{name}: focusd leaves this event alone: {why}"
            ))
            .into());
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
            ))
            .into());
        }
        let answer = |vevent: &str, at: usize, nl: &str| {
            answer_cuts(vevent, &self.me, response, comment, nl)
                .map(|cuts| {
                    cuts.into_iter()
                        .map(|(r, s)| (at + r.start..at + r.end, s))
                        .collect::<Vec<_>>()
                })
                .map_err(|why| BackendError::Permanent(format!("{name}: {why}")))
        };
        let mut edits = Vec::new();
        if held.own || whole_series {
            // The instance's own VEVENT, or the series' master (and identical copies): the
            // user's line in each, changed in place.
            for &v in &held.from {
                let v = &res.vevents[v];
                let file = file_index(&sources, &v.path)?;
                let source = &sources[file];
                let cuts = answer(&source.text()[v.span.clone()], v.span.start, source.newline)?;
                for (range, with) in cuts {
                    edits.push((file, range, with.into_bytes()));
                }
            }
        } else {
            // An occurrence of a series: an override of its own, from the VEVENT it is read
            // from, so that the answer applies to this instance only.
            let rid = event
                .recurrence_id
                .ok_or_else(|| BackendError::NotFound(name.clone()))?;
            let v = held
                .from
                .first()
                .map(|&v| &res.vevents[v])
                .ok_or_else(|| BackendError::NotFound(name.clone()))?;
            let file = file_index(&sources, &v.path)?;
            let source = &sources[file];
            let vevent = &source.text()[v.span.clone()];
            let mut cuts = override_cuts(
                vevent,
                v.span.start,
                rid,
                held.instance.start,
                held.instance.end,
                source.newline,
            );
            cuts.extend(answer(vevent, v.span.start, source.newline)?);
            cuts.sort_by_key(|c| (c.0.start, c.0.end));
            let over = source.splice(
                v.span.clone(),
                cuts.into_iter().map(|(r, with)| (r, with.into_bytes())),
            )?;
            let at = append_at(source.text()).ok_or_else(|| {
                BackendError::Permanent(format!("{}: no END:VCALENDAR", v.path.display()))
            })?;
            edits.push((file, at..at, over));
        }
        let changes = self.apply(&sources, edits)?;
        let me = self.me.clone();
        self.commit(&sources, changes, &event.id, window, "the answer", |res| {
            res.instances.iter().any(|h| {
                is_target(&h)
                    && h.instance.details.read_only.is_none()
                    && h.instance.details.role(&me) == Role::Attendee(response)
            })
        })?;
        Ok(Written::Done)
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
        self.retrying(|c| c.put_block_once(block))
    }

    async fn delete_block(&mut self, id: &str) -> Result<Written, BackendError> {
        self.retrying(|c| c.delete_block_once(id))
    }

    async fn respond(
        &mut self,
        event: &EventRef,
        response: Response,
        comment: Option<&str>,
    ) -> Result<Written, BackendError> {
        self.retrying(|c| c.respond_once(event, response, comment))
    }
}

/// Bytes decoded as the reader decodes them (an old Mac file's CRs as LFs, one byte for
/// one), and the file's own line end.
fn reader_text(bytes: &[u8]) -> (Decoded, &'static str) {
    let mut text = Decoded::new(bytes);
    let newline = newline_of(&text.text);
    if newline == "\r" {
        text.text = text.text.replace('\r', "\n");
    }
    (text, newline)
}

fn file_index(sources: &[Source], path: &Path) -> Result<usize, BackendError> {
    sources
        .iter()
        .position(|s| s.path == path)
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

fn partstat(r: Response) -> &'static str {
    match r {
        Response::NeedsAction => "NEEDS-ACTION",
        Response::Accepted => "ACCEPTED",
        Response::Declined => "DECLINED",
        Response::Tentative => "TENTATIVE",
        Response::Delegated => "DELEGATED",
    }
}

/// A `PARTSTAT` value for `r` in the letter case of the value it replaces.
fn partstat_like(r: Response, old: &str) -> String {
    let lower =
        old.bytes().any(|b| b.is_ascii_lowercase()) && !old.bytes().any(|b| b.is_ascii_uppercase());
    if lower {
        partstat(r).to_ascii_lowercase()
    } else {
        partstat(r).to_string()
    }
}

/// The new `PARTSTAT` value for `response` in place of `old` (as written, folds included):
/// in `old`'s letter case, and with `old`'s folds at the same character offsets (as far as
/// the new value reaches), so that setting the old value back restores the bytes. `old` is
/// the reader's text, in which an old Mac file's CRs read as LFs: its folds are written back
/// in the file's `newline`.
fn refolded_value(old: &str, response: Response, newline: &str) -> String {
    let mut folds = Vec::new();
    let mut logical = String::new();
    let mut rest = old;
    while let Some(i) = rest.find('\n') {
        let before = &rest[..i];
        let content = before.strip_suffix('\r').unwrap_or(before);
        logical.push_str(content);
        let fold_len = before.len() - content.len() + 2;
        let fold = &rest[content.len()..(content.len() + fold_len).min(rest.len())];
        let fold = if newline == "\r" {
            fold.replace('\n', "\r")
        } else {
            fold.to_string()
        };
        folds.push((logical.len(), fold));
        rest = &rest[(content.len() + fold_len).min(rest.len())..];
    }
    logical.push_str(rest);
    let new = partstat_like(response, &logical);
    let mut out = String::with_capacity(new.len() + 8);
    let mut pos = 0;
    for (at, fold) in folds {
        let at = at.min(new.len()).max(pos);
        out.push_str(&new[pos..at]);
        out.push_str(&fold);
        pos = at;
    }
    out.push_str(&new[pos..]);
    out
}

/// Text inserted into a line, on continuation lines of its own (RFC 5545 folding at 75
/// octets, on character boundaries), so that no line focusd touches grows past the limit.
fn folded(piece: &str, newline: &str) -> String {
    let mut out = String::with_capacity(piece.len() + 16);
    let mut width = 75;
    for c in piece.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str(newline);
            out.push(' ');
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out
}

/// The edits (ranges of `vevent`, replaced) that give the user's answer `response` on their
/// own `ATTENDEE` line: the first of the VEVENT's own attendees (never a VALARM's) that is
/// the user, by [`is_me`], the line the reader takes the answer from. Nothing else on the
/// line changes:
///
/// - With a comment (a decline), the `PARTSTAT` value is replaced in place and
///   `;X-RESPONSE-COMMENT="…"` goes in before the value, on continuation lines of its own,
///   followed by `;PARTSTAT=…` when the line had none. A line that already carries a
///   comment is refused (focusd never overwrites the user's words).
/// - Without one (taking a decline back), focusd's comment and the folds and `PARTSTAT` it
///   put in with it are removed, and the `PARTSTAT` value is set in place: the line reads
///   byte for byte as before the decline.
fn answer_cuts(
    vevent: &str,
    me: &str,
    response: Response,
    comment: Option<&str>,
    newline: &str,
) -> Result<Vec<(Range<usize>, String)>, String> {
    let prop = ical::vevent_properties(vevent)
        .into_iter()
        .find(|p| p.name == "ATTENDEE" && is_me(me, &ical::address_of(&p.value)))
        .ok_or_else(|| format!("it does not list {me} as an attendee"))?;
    let raw = &vevent[prop.span.clone()];
    let layout = ical::layout(raw).ok_or("the user's ATTENDEE line cannot be read")?;
    let base = prop.span.start;
    let at = |r: Range<usize>| base + r.start..base + r.end;
    let find = |name: &str| layout.params.iter().position(|(n, _)| n == name);
    let set_value = |i: usize| {
        let mut v = layout.params[i].1.value.clone();
        if v.len() >= 2 && raw[v.clone()].starts_with('"') && raw[v.clone()].ends_with('"') {
            v = v.start + 1..v.end - 1;
        }
        (at(v.clone()), refolded_value(&raw[v], response, newline))
    };
    let partstat_at = find("PARTSTAT");
    let comment_at = find(COMMENT_PARAM);
    let colon = at(layout.colon..layout.colon);
    let mut cuts = Vec::new();
    match comment.map(clean_comment).filter(|c| !c.is_empty()) {
        Some(c) => {
            if comment_at.is_some() {
                return Err(
                    "the user's answer already carries a comment, which focusd does not overwrite"
                        .into(),
                );
            }
            let mut piece = format!(";{COMMENT_PARAM}=\"{c}\"");
            match partstat_at {
                Some(i) => cuts.push(set_value(i)),
                None => piece.push_str(&format!(";PARTSTAT={}", partstat(response))),
            }
            cuts.push((colon, folded(&piece, newline)));
        }
        None => {
            let mut set = partstat_at;
            if let Some(k) = comment_at {
                let mut r = layout.params[k].1.whole.clone();
                // The fold focusd put in before its comment.
                if let Some(fold) = ["\r\n ", "\n "]
                    .iter()
                    .find(|f| raw[..r.start].ends_with(**f))
                {
                    r.start -= fold.len();
                }
                // The PARTSTAT focusd added after it, on a line that had none.
                if let Some(i) = partstat_at
                    && i == k + 1
                    && layout.params[i].1.whole.end == layout.colon
                    && response == Response::NeedsAction
                {
                    r.end = layout.params[i].1.whole.end;
                    set = None;
                }
                cuts.push((at(r), String::new()));
            }
            match set {
                Some(i) => cuts.push(set_value(i)),
                None if partstat_at.is_none() && response != Response::NeedsAction => {
                    cuts.push((colon, format!(";PARTSTAT={}", partstat(response))));
                }
                None => {}
            }
        }
    }
    Ok(cuts)
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

/// The edits (ranges of the file's text, replaced) that turn a copy of the VEVENT an
/// instance is read from (the master, or an override for this and future instances; `vevent`
/// is its text, at `base` in the file) into an override for that one instance: its
/// recurrence rules and own RECURRENCE-ID dropped, its times those of the instance, in the
/// file's line ends. Every other byte is copied as it is.
fn override_cuts(
    vevent: &str,
    base: usize,
    rid: DateTime<Utc>,
    start_time: DateTime<Utc>,
    end_time: DateTime<Utc>,
    nl: &str,
) -> Vec<(Range<usize>, String)> {
    let mut dropped: Vec<(Range<usize>, bool)> = ical::vevent_properties(vevent)
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
    let mut times = Some(format!(
        "RECURRENCE-ID:{}{nl}DTSTART:{}{nl}DTEND:{}{nl}",
        utc(rid),
        utc(start_time),
        utc(end_time)
    ));
    let mut cuts = Vec::new();
    let mut pos = 0;
    for (span, is_start) in dropped {
        if span.start < pos {
            continue;
        }
        let with = if is_start { times.take() } else { None };
        cuts.push((base + span.start..base + span.end, with.unwrap_or_default()));
        pos = span.end;
    }
    if let Some(times) = times {
        // No DTSTART line (cannot happen for a VEVENT the reader read): after BEGIN:VEVENT.
        let at = vevent.find('\n').map_or(vevent.len(), |i| i + 1);
        cuts.push((base + at..base + at, times));
    }
    cuts
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

fn file_error(e: FileError) -> BackendError {
    match e {
        FileError::Io { .. } | FileError::Changed { .. } => BackendError::Transient(e.to_string()),
        _ => BackendError::Permanent(e.to_string()),
    }
}

fn io_error(path: &Path, e: std::io::Error) -> BackendError {
    BackendError::Transient(format!("{}: {e}", path.display()))
}
