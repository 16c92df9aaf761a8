//! The local calendar backend: a vdir folder (one `.ics` file per event, as khal and
//! vdirsyncer keep them) or a single `.ics` file, read and written.
//!
//! Writes touch only the bytes they own, on the file's original bytes (valid UTF-8 or not):
//! an answer changes the `PARTSTAT` value on the user's own `ATTENDEE` line in place and
//! adds (or, taking it back, removes) focusd's comment parameter; an override or a block is
//! inserted whole, with the file's own line ends; every other byte stays. A decline taken
//! back restores the line byte for byte. Files are read and replaced through
//! `crate::files`: only regular files, replaced atomically with their mode and owner, links
//! written through, read-only files refused, and a file another program changed since it
//! was read is never overwritten (the write starts again from a fresh read).
//!
//! The writer never decides on its own which VEVENT an event is: [`ical::resolve`] reads the
//! target UID exactly as a sync does (which copy wins, identical copies, ambiguity, the
//! files' own time zones), and the writer changes the very VEVENTs behind the instance, at
//! the byte ranges the reader found. What the reader marks read-only is refused. Every write
//! is checked against the reader on the very bytes that are then written: a change the
//! calendar would not show is an error, never `Done`.
//!
//! Several writes in a cycle are one batch ([`Calendar::write_all`]): each file is read
//! once, every write is planned and checked in memory on the bytes the writes before it
//! left (so a batch ends exactly as the same writes made one by one), and each changed file
//! is written once.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{BackendError, BlockWrite, Calendar, CalendarKey, EventRef, Write, Written};
use crate::event::{Response, Role, Snapshot, clean_comment, is_me};
use crate::files::{self, Contents, Decoded, FileError};
use crate::ical::{self, ReadOptions, Resolution};

/// How the audit log names a local calendar: its absolute path as the user gave it (links
/// not resolved: a symlinked calendar is named by the link the user sees).
pub fn key(path: &Path) -> CalendarKey {
    CalendarKey::Local(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
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

/// One file as a batch of writes holds it: read once, changed in memory write by write, and
/// written once at the end.
struct Source {
    path: PathBuf,
    /// What the file was when it was read, which it must still be when it is replaced (none
    /// for a file the batch creates).
    stamp: Option<files::Stamp>,
    body: Body,
    /// The file's own line end, for what is inserted.
    newline: &'static str,
    state: State,
}

/// Where a file of a batch stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    AsRead,
    Changed,
    /// A vdir file left without any event, or one the batch created and removed again.
    Removed,
}

/// A file's bytes, and the text the reader sees in them.
enum Body {
    /// Bytes that are the reader's text as they are (valid UTF-8, not an old Mac file): one
    /// copy only.
    Text(String),
    /// Other bytes, decoded as the reader decodes them: invalid UTF-8 replaced, an old Mac
    /// file's CRs read as LFs (one byte for one, so offsets stay).
    Bytes(Vec<u8>, Decoded),
}

impl Body {
    fn new(bytes: Vec<u8>) -> (Body, &'static str) {
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => {
                let newline = newline_of(&text);
                if newline != "\r" {
                    return (Body::Text(text), newline);
                }
                text.into_bytes()
            }
            Err(e) => e.into_bytes(),
        };
        let (decoded, newline) = reader_text(&bytes);
        (Body::Bytes(bytes, decoded), newline)
    }

    fn text(&self) -> &str {
        match self {
            Body::Text(text) => text,
            Body::Bytes(_, decoded) => &decoded.text,
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Body::Text(text) => text.as_bytes(),
            Body::Bytes(bytes, _) => bytes,
        }
    }

    /// The offset in the bytes of the text's offset `t`.
    fn byte_offset(&self, t: usize) -> usize {
        match self {
            Body::Text(_) => t,
            Body::Bytes(_, decoded) => decoded.byte_offset(t),
        }
    }
}

impl Source {
    fn read(path: PathBuf, read: Contents) -> Source {
        let (body, newline) = Body::new(read.bytes);
        Source {
            path,
            stamp: Some(read.stamp),
            body,
            newline,
            state: State::AsRead,
        }
    }

    fn text(&self) -> &str {
        self.body.text()
    }

    /// The bytes of `span` (offsets in the text) with `cuts` (ranges in the text, inside
    /// `span`, in order, replaced by new bytes) applied: every byte outside the cuts as read.
    fn splice(
        &self,
        span: Range<usize>,
        cuts: impl IntoIterator<Item = (Range<usize>, Vec<u8>)>,
    ) -> Result<Vec<u8>, BackendError> {
        let bytes = self.body.bytes();
        let at = |t: usize| self.body.byte_offset(t);
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

/// The calendar's files as a batch of writes holds them (a single file, or every file of
/// a vdir), each read once.
struct Workspace {
    files: Vec<Source>,
    vdir: bool,
    /// The files changed, in the order of the writes that first changed them (the order
    /// they are written in, so that a stop between two files leaves what the writes before
    /// it did).
    touched: Vec<usize>,
}

/// A file's new content, as a write plans it.
enum Change {
    /// New bytes for the file at this index of the workspace.
    Edit(usize, Vec<u8>),
    /// A vdir file the write creates.
    Create(PathBuf, Vec<u8>),
}

/// What [`Workspace::put`] replaced, for [`Workspace::restore`].
enum Saved {
    Was(usize, Body, &'static str, State),
    Created,
}

impl Workspace {
    /// The files that may hold `uid`, in reading order, as the reader takes them (a vdir's
    /// files filtered by a cheap test; a single file is read in any case, whatever `uid`).
    fn holding(&self, uid: &str) -> Vec<(&Path, &str)> {
        let mut texts: Vec<(&Path, &str)> = self
            .files
            .iter()
            .filter(|s| s.state != State::Removed && (!self.vdir || ical::may_hold(s.text(), uid)))
            .map(|s| (s.path.as_path(), s.text()))
            .collect();
        texts.sort_by(|a, b| a.0.cmp(b.0));
        texts
    }

    fn index(&self, path: &Path) -> Result<usize, BackendError> {
        self.files
            .iter()
            .position(|s| s.path == path && s.state != State::Removed)
            .ok_or_else(|| BackendError::Permanent(format!("{}: vanished", path.display())))
    }

    /// Puts `changes` in (a vdir file left without any event is removed), and answers what
    /// they replaced.
    fn put(&mut self, changes: Vec<Change>) -> Vec<Saved> {
        let mut saved = Vec::new();
        for change in changes {
            let (i, bytes) = match change {
                Change::Edit(i, bytes) => (i, bytes),
                Change::Create(path, bytes) => {
                    match self.files.iter().position(|s| s.path == path) {
                        // Removed earlier in the batch: written in its place.
                        Some(i) => (i, bytes),
                        None => {
                            self.files.push(Source {
                                path,
                                stamp: None,
                                body: Body::Text(String::new()),
                                newline: "\r\n",
                                state: State::Removed,
                            });
                            saved.push(Saved::Created);
                            (self.files.len() - 1, bytes)
                        }
                    }
                }
            };
            let (body, newline) = Body::new(bytes);
            let state = if self.vdir && !holds_events(body.text()) {
                State::Removed
            } else {
                State::Changed
            };
            if !self.touched.contains(&i) {
                self.touched.push(i);
            }
            let file = &mut self.files[i];
            saved.push(Saved::Was(
                i,
                std::mem::replace(&mut file.body, body),
                std::mem::replace(&mut file.newline, newline),
                std::mem::replace(&mut file.state, state),
            ));
        }
        saved
    }

    fn restore(&mut self, saved: Vec<Saved>) {
        for s in saved.into_iter().rev() {
            match s {
                Saved::Was(i, body, newline, state) => {
                    let file = &mut self.files[i];
                    file.body = body;
                    file.newline = newline;
                    file.state = state;
                }
                Saved::Created => {
                    let gone = self.files.len() - 1;
                    self.touched.retain(|&i| i != gone);
                    self.files.pop();
                }
            }
        }
    }
}

/// What the calendar must show once a write is done, by the reader.
#[derive(Clone, Copy)]
enum Wanted<'a> {
    Block(&'a BlockWrite),
    NoBlock(&'a str),
    Answer {
        event: &'a EventRef,
        response: Response,
        /// No instance of that name exists: the series is answered on its master.
        whole_series: bool,
    },
}

impl<'a> Wanted<'a> {
    /// The write this asks of, as [`target`] reads it.
    fn write(&self) -> Write<'a> {
        match *self {
            Wanted::Block(block) => Write::PutBlock(block),
            Wanted::NoBlock(id) => Write::DeleteBlock(id),
            Wanted::Answer {
                event, response, ..
            } => Write::Respond {
                event,
                response,
                comment: None,
            },
        }
    }

    fn uid(&self) -> &'a str {
        target(self.write()).0
    }

    fn window(&self) -> Window {
        target(self.write()).1
    }

    /// The error of a write whose change the calendar would not show.
    fn not_shown(&self) -> BackendError {
        BackendError::Permanent(format!(
            "{}: the calendar would not show {} after this change; nothing was written",
            self.uid(),
            self.what()
        ))
    }

    fn what(&self) -> &'static str {
        match self {
            Wanted::Block(_) => "the block",
            Wanted::NoBlock(_) => "the block removed",
            Wanted::Answer { .. } => "the answer",
        }
    }

    /// Whether `held` is the instance an answer is for (or, for a whole series, one of the
    /// occurrences its master gives).
    fn is_target(event: &EventRef, whole_series: bool, held: &ical::Held) -> bool {
        let i = &held.instance;
        if whole_series {
            event.recurrence_id.is_none()
                && i.uid() == event.id
                && i.recurrence_id.is_some()
                && !held.own
        } else {
            i.uid() == event.id && i.recurrence_id == event.recurrence_id
        }
    }

    fn shown(&self, cal: &LocalCalendar, res: &Resolution) -> bool {
        match *self {
            Wanted::Block(block) => {
                res.vevents.len() == 1
                    && cal.all_ours(res)
                    && res.instances.iter().any(|h| {
                        h.instance.uid() == block.id
                            && h.instance.start == block.start
                            && h.instance.end == block.end
                    })
            }
            Wanted::NoBlock(_) => res.vevents.is_empty(),
            Wanted::Answer {
                event,
                response,
                whole_series,
            } => res.instances.iter().any(|h| {
                Wanted::is_target(event, whole_series, h)
                    && h.instance.details.read_only.is_none()
                    && h.instance.details.role(&cal.me) == Role::Attendee(response)
            }),
        }
    }
}

/// How a write is to be done.
enum Plan {
    AlreadyDone,
    Edits(Vec<Edit>),
}

/// One edit a write plans, on the workspace as it was planned on.
enum Edit {
    /// Bytes in place of a range of a workspace file's text.
    Cut(usize, Range<usize>, Vec<u8>),
    /// A vdir file the write creates.
    Create(PathBuf, Vec<u8>),
}

/// Why a batch of writes stopped.
enum Failure {
    /// Another program changed a file meanwhile: start again from a fresh read.
    Changed(String),
    /// The files could not be read or written; every write of the batch failed so.
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

/// One write's outcome.
type Outcome = Result<Written, BackendError>;

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

    fn is_vdir(&self) -> bool {
        self.path.is_dir()
    }

    /// Does `writes` as one batch, again from a fresh read while another program keeps
    /// changing the files (giving up after [`WRITE_TRIES`]).
    fn write_batch(&self, writes: &[Write<'_>]) -> Vec<Outcome> {
        let mut last = String::new();
        for _ in 0..WRITE_TRIES {
            match self.write_once(writes) {
                Ok(outcomes) => return outcomes,
                Err(Failure::Changed(why)) => last = why,
                Err(Failure::Failed(e)) => return writes.iter().map(|_| Err(e.clone())).collect(),
            }
        }
        let e = BackendError::Transient(format!("{last} ({WRITE_TRIES} tries)"));
        writes.iter().map(|_| Err(e.clone())).collect()
    }

    /// One attempt at a batch: the files read once, each write planned and checked on the
    /// bytes the writes before it left (so that the batch ends exactly as the same writes
    /// made one by one), then every changed file written once.
    fn write_once(&self, writes: &[Write<'_>]) -> Result<Vec<Outcome>, Failure> {
        let mut ws = self.workspace()?;
        let outcomes = if ws.vdir {
            writes.iter().map(|&w| self.stage(&mut ws, w)).collect()
        } else {
            let mut outcomes = Vec::with_capacity(writes.len());
            let mut rest = writes;
            while !rest.is_empty() {
                let mut uids = std::collections::HashSet::new();
                let n = rest
                    .iter()
                    .take_while(|w| uids.insert(target(**w).0))
                    .count();
                let (round, later) = rest.split_at(n);
                outcomes.extend(self.stage_round(&mut ws, round));
                rest = later;
            }
            outcomes
        };
        self.commit(&ws)?;
        Ok(outcomes)
    }

    /// Plans one write on the workspace and puts its changes in, if the reader then shows
    /// what the write asks for; otherwise the workspace stays as it was.
    fn stage(&self, ws: &mut Workspace, write: Write<'_>) -> Outcome {
        let (uid, window) = target(write);
        let res = self
            .resolve_each(&ws.holding(uid), &[(uid, window)])
            .remove(0);
        let (plan, wanted) = self.plan(ws, write, &res)?;
        let edits = match plan {
            Plan::AlreadyDone => return Ok(Written::AlreadyDone),
            Plan::Edits(edits) => edits,
        };
        let saved = ws.put(self.apply(ws, edits)?);
        let shown = self.resolve_each(&ws.holding(uid), &[(uid, window)]);
        if !wanted.shown(self, &shown[0]) {
            ws.restore(saved);
            return Err(wanted.not_shown());
        }
        Ok(Written::Done)
    }

    /// Stages writes for distinct UIDs of a single file together: each touches only its
    /// own UID's VEVENTs (and inserts before `END:VCALENDAR` in the order of the writes), so
    /// they are planned on one reading of the file, spliced in at once and checked on one
    /// reading of the result, and end as the same writes staged one by one would. Should
    /// any of them not show, the round is staged one by one instead.
    fn stage_round(&self, ws: &mut Workspace, round: &[Write<'_>]) -> Vec<Outcome> {
        let queries: Vec<(&str, Window)> = round.iter().map(|&w| target(w)).collect();
        let found = self.resolve_each(&ws.holding(""), &queries);
        let mut outcomes: Vec<Option<Outcome>> = round.iter().map(|_| None).collect();
        let mut edits = Vec::new();
        let mut staged = Vec::new();
        for (k, &write) in round.iter().enumerate() {
            match self.plan(ws, write, &found[k]) {
                Err(e) => outcomes[k] = Some(Err(e)),
                Ok((Plan::AlreadyDone, _)) => outcomes[k] = Some(Ok(Written::AlreadyDone)),
                Ok((Plan::Edits(e), wanted)) => {
                    edits.extend(e);
                    staged.push((k, wanted));
                }
            }
        }
        drop(found);
        if !staged.is_empty() {
            let together = self.apply(ws, edits).ok().and_then(|changes| {
                let saved = ws.put(changes);
                let checks: Vec<(&str, Window)> =
                    staged.iter().map(|(_, w)| (w.uid(), w.window())).collect();
                let shown = self.resolve_each(&ws.holding(""), &checks);
                if staged
                    .iter()
                    .zip(&shown)
                    .all(|((_, w), r)| w.shown(self, r))
                {
                    Some(())
                } else {
                    ws.restore(saved);
                    None
                }
            });
            for (k, _) in &staged {
                outcomes[*k] = Some(match together {
                    Some(()) => Ok(Written::Done),
                    None => self.stage(ws, round[*k]),
                });
            }
        }
        outcomes
            .into_iter()
            .map(|o| o.unwrap_or_else(|| Err(BackendError::Permanent("not staged".into()))))
            .collect()
    }

    fn plan<'a>(
        &self,
        ws: &Workspace,
        write: Write<'a>,
        res: &Resolution,
    ) -> Result<(Plan, Wanted<'a>), BackendError> {
        match write {
            Write::PutBlock(block) => Ok((self.plan_block(ws, block, res)?, Wanted::Block(block))),
            Write::DeleteBlock(id) => Ok((self.plan_delete(ws, id, res)?, Wanted::NoBlock(id))),
            Write::Respond {
                event,
                response,
                comment,
            } => self.plan_answer(ws, event, response, comment, res),
        }
    }

    /// The calendar's files, each read once. A vdir file that cannot be read (or is not a
    /// regular file) is passed over, as the reader passes over it.
    fn workspace(&self) -> Result<Workspace, BackendError> {
        if !self.is_vdir() {
            let read = files::read_regular(&self.path).map_err(file_error)?;
            return Ok(Workspace {
                files: vec![Source::read(self.path.clone(), read)],
                vdir: false,
                touched: Vec::new(),
            });
        }
        let found = ical::calendar_files(&self.path).map_err(|e| io_error(&self.path, e))?;
        let files = found
            .into_iter()
            .filter_map(|file| {
                let read = files::read_regular(&file).ok()?;
                Some(Source::read(file, read))
            })
            .collect();
        Ok(Workspace {
            files,
            vdir: true,
            touched: Vec::new(),
        })
    }

    /// Writes every file the batch changed, each only if it is still as read, in the order
    /// of the writes.
    fn commit(&self, ws: &Workspace) -> Result<(), Failure> {
        let hook = self.hook.as_deref().map(|h| h as files::Hook<'_>);
        for file in ws.touched.iter().map(|&i| &ws.files[i]) {
            match (file.state, &file.stamp) {
                (State::AsRead, _) | (State::Removed, None) => {}
                (State::Changed, stamp) => {
                    files::replace(&file.path, file.body.bytes(), stamp.as_ref(), hook)?
                }
                (State::Removed, Some(stamp)) => files::remove(&file.path, Some(stamp))?,
            }
        }
        Ok(())
    }

    /// What the reader makes of each UID in `texts`, around an instant (two days either
    /// side), over all time, or not at all (only which VEVENTs carry it).
    fn resolve_each(&self, texts: &[(&Path, &str)], queries: &[(&str, Window)]) -> Vec<Resolution> {
        let queries: Vec<(&str, ReadOptions)> = queries
            .iter()
            .map(|&(uid, around)| {
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
                (uid, opts)
            })
            .collect();
        ical::resolve_each(texts, &queries)
    }

    /// The new content of each file that `edits` touch (cuts of one file in the order of
    /// their ranges, and of the writes for equal ones).
    fn apply(&self, ws: &Workspace, edits: Vec<Edit>) -> Result<Vec<Change>, BackendError> {
        let mut cuts = Vec::new();
        let mut changes = Vec::new();
        for edit in edits {
            match edit {
                Edit::Cut(file, range, with) => cuts.push((file, range, with)),
                Edit::Create(path, bytes) => changes.push(Change::Create(path, bytes)),
            }
        }
        cuts.sort_by_key(|e| (e.0, e.1.start));
        let mut cuts = cuts.into_iter().peekable();
        while let Some(first) = cuts.next() {
            let file = first.0;
            let source = &ws.files[file];
            let mut of_file = vec![(first.1, first.2)];
            while let Some(next) = cuts.next_if(|e| e.0 == file) {
                of_file.push((next.1, next.2));
            }
            let new = source.splice(0..source.text().len(), of_file)?;
            changes.push(Change::Edit(file, new));
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

    fn plan_block(
        &self,
        ws: &Workspace,
        block: &BlockWrite,
        res: &Resolution,
    ) -> Result<Plan, BackendError> {
        let id = block.id.as_str();
        let wanted = Wanted::Block(block);
        if !res.vevents.is_empty() && !self.all_ours(res) {
            return Err(BackendError::Permanent(format!(
                "{ID_TAKEN} {id} is already used by an event that is not a focusd block; it is left alone"
            )));
        }
        if wanted.shown(self, res) {
            return Ok(Plan::AlreadyDone);
        }
        let named = self.path.join(format!("{}.ics", file_stem(id)));
        let keeper = res
            .vevents
            .iter()
            .position(|v| ws.vdir && v.path == named)
            .unwrap_or(0);
        let edits = match res.vevents.get(keeper) {
            Some(kept) => {
                // Focusd's own block, moved in place (in the file named after it, if any);
                // stray copies of it are removed.
                let file = ws.index(&kept.path)?;
                let vevent = block_vevent(block, ws.files[file].newline);
                let mut edits = vec![Edit::Cut(file, kept.span.clone(), vevent.into_bytes())];
                for (i, v) in res.vevents.iter().enumerate() {
                    if i != keeper {
                        edits.push(Edit::Cut(ws.index(&v.path)?, v.span.clone(), Vec::new()));
                    }
                }
                edits
            }
            None if ws.vdir => {
                let held = ws.files.iter().find(|s| s.path == named);
                let taken = match held {
                    Some(s) => s.state != State::Removed,
                    None => std::fs::symlink_metadata(&named).is_ok(),
                };
                if taken {
                    return Err(BackendError::Permanent(format!(
                        "{ID_TAKEN} {} already exists and does not hold {id}; it is left alone",
                        named.display()
                    )));
                }
                vec![Edit::Create(
                    named,
                    calendar_text(&block_vevent(block, "\r\n")).into_bytes(),
                )]
            }
            None => {
                // A single file: the block goes before END:VCALENDAR.
                let file = ws.index(&self.path)?;
                let source = &ws.files[file];
                let at = append_at(source.text()).ok_or_else(|| {
                    BackendError::Permanent(format!("{}: no END:VCALENDAR", self.path.display()))
                })?;
                let vevent = block_vevent(block, source.newline);
                vec![Edit::Cut(file, at..at, vevent.into_bytes())]
            }
        };
        Ok(Plan::Edits(edits))
    }

    fn plan_delete(
        &self,
        ws: &Workspace,
        id: &str,
        res: &Resolution,
    ) -> Result<Plan, BackendError> {
        if res.vevents.is_empty() {
            return Ok(Plan::AlreadyDone);
        }
        if !self.all_ours(res) {
            return Err(BackendError::Permanent(format!(
                "event {id} is not a focusd block; focusd only deletes its own"
            )));
        }
        let mut edits = Vec::new();
        for v in &res.vevents {
            edits.push(Edit::Cut(ws.index(&v.path)?, v.span.clone(), Vec::new()));
        }
        Ok(Plan::Edits(edits))
    }

    fn plan_answer<'a>(
        &self,
        ws: &Workspace,
        event: &'a EventRef,
        response: Response,
        comment: Option<&str>,
        res: &Resolution,
    ) -> Result<(Plan, Wanted<'a>), BackendError> {
        let name = event.key();
        // A whole series (no instance named) is answered on its master VEVENT: the occurrences
        // read from it show the answer; overrides keep their own.
        let whole_series = !res
            .instances
            .iter()
            .any(|h| Wanted::is_target(event, false, h));
        let wanted = Wanted::Answer {
            event,
            response,
            whole_series,
        };
        let Some(held) = res
            .instances
            .iter()
            .find(|h| Wanted::is_target(event, whole_series, h))
        else {
            return Err(BackendError::NotFound(name));
        };
        if let Some(why) = &held.instance.details.read_only {
            return Err(BackendError::Permanent(format!(
                "{name}: focusd leaves this event alone: {why}"
            )));
        }
        let current = held.instance.details.role(&self.me);
        if current == Role::Attendee(response) {
            return Ok((Plan::AlreadyDone, wanted));
        }
        // focusd only ever declines what nobody answered: an answer the user gave (to the
        // whole series, say, while focusd decided from one of its overrides) stays.
        if response == Response::Declined && current != Role::Attendee(Response::NeedsAction) {
            return Err(BackendError::Permanent(format!(
                "{name}: not declined: it is not an unanswered invitation of yours ({current:?})"
            )));
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
                let file = ws.index(&v.path)?;
                let source = &ws.files[file];
                let cuts = answer(&source.text()[v.span.clone()], v.span.start, source.newline)?;
                for (range, with) in cuts {
                    edits.push(Edit::Cut(file, range, with.into_bytes()));
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
            let file = ws.index(&v.path)?;
            let source = &ws.files[file];
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
            edits.push(Edit::Cut(file, at..at, over));
        }
        Ok((Plan::Edits(edits), wanted))
    }
}

/// The UID a write is for, and how much of it the writer reads.
fn target(write: Write<'_>) -> (&str, Window) {
    match write {
        Write::PutBlock(block) => (&block.id, Window::Around(block.start)),
        Write::DeleteBlock(id) => (id, Window::Nothing),
        Write::Respond { event, .. } => (
            &event.id,
            event.recurrence_id.map_or(Window::All, Window::Around),
        ),
    }
}

/// How much of a series [`LocalCalendar::resolve_each`] expands.
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
    fn key(&self) -> CalendarKey {
        key(&self.path)
    }

    fn configure(&mut self, settings: &super::Settings) {
        self.zone = settings.zone;
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

    async fn put_block(&mut self, block: &BlockWrite) -> Outcome {
        self.write_one(Write::PutBlock(block))
    }

    async fn delete_block(&mut self, id: &str) -> Outcome {
        self.write_one(Write::DeleteBlock(id))
    }

    async fn respond(
        &mut self,
        event: &EventRef,
        response: Response,
        comment: Option<&str>,
    ) -> Outcome {
        self.write_one(Write::Respond {
            event,
            response,
            comment,
        })
    }

    /// Every file is read once and written once, however many writes it takes.
    async fn write_all(&mut self, writes: &[Write<'_>]) -> Vec<Outcome> {
        if writes.is_empty() {
            return Vec::new();
        }
        self.write_batch(writes)
    }
}

impl LocalCalendar {
    fn write_one(&self, write: Write<'_>) -> Outcome {
        self.write_batch(&[write])
            .pop()
            .unwrap_or_else(|| Err(BackendError::Permanent("no outcome".into())))
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

/// Where a VEVENT is inserted in a calendar: before its last line holding `END:VCALENDAR`
/// (found from the end, line by line, without copying the text).
fn append_at(text: &str) -> Option<usize> {
    let line_end = if newline_of(text) == "\r" { '\r' } else { '\n' };
    let mut end = text.len();
    loop {
        let start = text[..end].rfind(line_end).map_or(0, |i| i + 1);
        let line = &text.as_bytes()[start..end];
        if line
            .windows("END:VCALENDAR".len())
            .any(|w| w.eq_ignore_ascii_case(b"END:VCALENDAR"))
        {
            return Some(start);
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vevent_goes_in_before_the_last_line_holding_end_vcalendar() {
        let crlf = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_eq!(append_at(crlf), crlf.find("END:VCALENDAR"));
        // Lower case, no final line end, text after it: still the line that holds it.
        let lower = "BEGIN:VCALENDAR\nEND:VEVENT\nend:vcalendar";
        assert_eq!(append_at(lower), lower.find("end:vcalendar"));
        let two = "BEGIN:VCALENDAR\nEND:VCALENDAR\nBEGIN:VCALENDAR\n  END:VCALENDAR  \nX\n";
        assert_eq!(append_at(two), two.rfind("  END:VCALENDAR"));
        // An old Mac file: lines end in CR alone.
        let mac = "BEGIN:VCALENDAR\rBEGIN:VEVENT\rEND:VEVENT\rEND:VCALENDAR\r";
        assert_eq!(append_at(mac), mac.find("END:VCALENDAR"));
        assert_eq!(append_at("BEGIN:VCALENDAR\nBEGIN:VEVENT\n"), None);
        assert_eq!(append_at(""), None);
    }
}
