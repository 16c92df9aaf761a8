//! The local calendar backend: a vdir folder (one `.ics` file per event, as khal and
//! vdirsyncer keep them) or a single `.ics` file, read and written.
//!
//! Writes touch as little as possible: a focus block is a file of its own (`<id>.ics` in a
//! vdir, its own VEVENT in a single file); an answer changes the `PARTSTAT` (and a comment
//! parameter) on the user's own `ATTENDEE` line and leaves every other byte of the file as it
//! was. Every file is replaced atomically (write a hidden temporary file, sync, rename).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{BackendError, BlockWrite, Calendar, EventRef, Written};
use crate::event::{Response, Snapshot};
use crate::ical::{self, ReadOptions};

/// How the audit log names a local calendar: its canonical path.
pub fn key(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Marks a VEVENT as one focusd booked; only such events are ever moved or deleted.
pub const BLOCK_MARKER: &str = "X-FOCUSD-BLOCK:TRUE";

pub struct LocalCalendar {
    path: PathBuf,
    zone: Tz,
    me: String,
}

impl LocalCalendar {
    /// `path` is a vdir folder or a single `.ics` file; `zone` is the user's (for floating
    /// times); `me` the user's address.
    pub fn new(path: &Path, zone: Tz, me: &str) -> LocalCalendar {
        LocalCalendar {
            path: path.to_path_buf(),
            zone,
            me: me.trim().to_ascii_lowercase(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn is_vdir(&self) -> bool {
        self.path.is_dir()
    }

    /// The `.ics` files of the calendar, in a stable order.
    fn files(&self) -> Result<Vec<PathBuf>, BackendError> {
        if !self.is_vdir() {
            return Ok(vec![self.path.clone()]);
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.path)
            .map_err(|e| io_error(&self.path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x.eq_ignore_ascii_case("ics"))
                    && !p
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'))
            })
            .collect();
        files.sort();
        Ok(files)
    }

    /// The file holding the VEVENT with this UID, and its text.
    fn find(&self, uid: &str) -> Result<Option<(PathBuf, String)>, BackendError> {
        if self.is_vdir() {
            // vdirsyncer names files after the UID; try that first.
            let named = self.path.join(format!("{}.ics", file_stem(uid)));
            if let Ok(text) = std::fs::read_to_string(&named)
                && Block::all(&text).iter().any(|v| v.uid(&text) == uid)
            {
                return Ok(Some((named, text)));
            }
        }
        for file in self.files()? {
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if Block::all(&text).iter().any(|v| v.uid(&text) == uid) {
                return Ok(Some((file, text)));
            }
        }
        Ok(None)
    }

    /// The instances of one UID in a file: only its own VEVENTs are read (with the file's
    /// time zones), so other series in a single-file calendar are not expanded, and a series
    /// is expanded only `around` the instance asked for.
    fn instances_of(
        &self,
        text: &str,
        path: &Path,
        uid: &str,
        around: Option<DateTime<Utc>>,
    ) -> Vec<crate::event::Instance> {
        let mut only = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        for zone in Block::all_of(text, "VTIMEZONE") {
            only.push_str(zone.text(text));
        }
        for event in Block::all(text).iter().filter(|b| b.uid(text) == uid) {
            only.push_str(event.text(text));
        }
        only.push_str("END:VCALENDAR\r\n");
        let (from, to) = around.map_or((DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC), |r| {
            (r - chrono::Duration::days(2), r + chrono::Duration::days(2))
        });
        let opts = ReadOptions {
            zone: self.zone,
            from,
            to,
        };
        ical::parse_ics(&only, path, &opts).0
    }
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
        let vevent = block_vevent(block);
        match self.find(&block.id)? {
            Some((file, text)) => {
                let existing = self.instances_of(&text, &file, &block.id, None);
                let mine = existing.iter().find(|i| i.uid() == block.id);
                match mine {
                    Some(i) if !i.details.focusd_block => Err(BackendError::Permanent(format!(
                        "event {} is not a focusd block; it is left alone",
                        block.id
                    ))),
                    Some(i) if i.start == block.start && i.end == block.end => {
                        Ok(Written::AlreadyDone)
                    }
                    _ => {
                        let new = replace_vevent(&text, &block.id, &vevent).ok_or_else(|| {
                            BackendError::Permanent(format!("event {} vanished", block.id))
                        })?;
                        write_atomically(&file, &new)?;
                        Ok(Written::Done)
                    }
                }
            }
            None if self.is_vdir() => {
                let file = self.path.join(format!("{}.ics", file_stem(&block.id)));
                write_atomically(&file, &calendar_text(&vevent))?;
                Ok(Written::Done)
            }
            None => {
                let text =
                    std::fs::read_to_string(&self.path).map_err(|e| io_error(&self.path, e))?;
                let new = append_vevent(&text, &vevent).ok_or_else(|| {
                    BackendError::Permanent(format!("{}: no END:VCALENDAR", self.path.display()))
                })?;
                write_atomically(&self.path, &new)?;
                Ok(Written::Done)
            }
        }
    }

    async fn delete_block(&mut self, id: &str) -> Result<Written, BackendError> {
        let Some((file, text)) = self.find(id)? else {
            return Ok(Written::AlreadyDone);
        };
        let vevents = Block::all(&text);
        let Some(v) = vevents.iter().find(|v| v.uid(&text) == id) else {
            return Ok(Written::AlreadyDone);
        };
        if !own_lines(v.text(&text))
            .iter()
            .any(|l| l.text.trim_end().eq_ignore_ascii_case(BLOCK_MARKER))
        {
            return Err(BackendError::Permanent(format!(
                "event {id} is not a focusd block; focusd only deletes its own"
            )));
        }
        let others = vevents.iter().filter(|o| o.uid(&text) != id).count();
        if self.is_vdir() && others == 0 {
            std::fs::remove_file(&file).map_err(|e| io_error(&file, e))?;
            sync_dir(&self.path);
        } else {
            let new = format!("{}{}", &text[..v.start], &text[v.end..]);
            write_atomically(&file, &new)?;
        }
        Ok(Written::Done)
    }

    async fn respond(
        &mut self,
        event: &EventRef,
        response: Response,
        comment: Option<&str>,
    ) -> Result<Written, BackendError> {
        let Some((file, text)) = self.find(&event.id)? else {
            return Err(BackendError::NotFound(event.id.clone()));
        };
        let vevents = Block::all(&text);
        // A whole event (or a whole series, from its master) is answered on its own VEVENT;
        // one instance of a series is looked up among the instances around it.
        let (target, times) = match event.recurrence_id {
            None => {
                let master = vevents
                    .iter()
                    .find(|v| v.uid(&text) == event.id && v.prop(&text, "RECURRENCE-ID").is_none())
                    .ok_or_else(|| BackendError::NotFound(event.id.clone()))?;
                (my_partstat(master.text(&text), &self.me), None)
            }
            Some(_) => {
                let instances = self.instances_of(&text, &file, &event.id, event.recurrence_id);
                let found = instances
                    .iter()
                    .find(|i| i.uid() == event.id && i.recurrence_id == event.recurrence_id)
                    .ok_or_else(|| BackendError::NotFound(crate::actions::event_key(event)))?;
                let answer = match found.details.role(&self.me) {
                    crate::event::Role::Attendee(r) => Some(r),
                    _ => None,
                };
                (answer, Some((found.start, found.end)))
            }
        };
        if target == Some(response) {
            return Ok(Written::AlreadyDone);
        }
        // The VEVENT that holds this instance: its own override, or the single event. An
        // instance of a series without an override gets one, so that the answer applies to
        // that instance only.
        let own = vevents.iter().find(|v| {
            v.uid(&text) == event.id
                && match event.recurrence_id {
                    None => v.prop(&text, "RECURRENCE-ID").is_none(),
                    Some(rid) => v.recurrence_id(&text, self.zone) == Some(rid),
                }
        });
        let new = match (own, event.recurrence_id) {
            (Some(v), _) => {
                let edited =
                    set_partstat(v.text(&text), &self.me, response, comment).ok_or_else(|| {
                        BackendError::Permanent(format!(
                            "{} does not list {} as an attendee",
                            event.id, self.me
                        ))
                    })?;
                format!("{}{}{}", &text[..v.start], edited, &text[v.end..])
            }
            (None, Some(rid)) => {
                let (start, end) = times.ok_or_else(|| BackendError::NotFound(event.id.clone()))?;
                let master = vevents
                    .iter()
                    .find(|v| v.uid(&text) == event.id && v.prop(&text, "RECURRENCE-ID").is_none())
                    .ok_or_else(|| BackendError::NotFound(event.id.clone()))?;
                let over = override_vevent(master.text(&text), rid, start, end);
                let edited = set_partstat(&over, &self.me, response, comment).ok_or_else(|| {
                    BackendError::Permanent(format!(
                        "{} does not list {} as an attendee",
                        event.id, self.me
                    ))
                })?;
                append_vevent(&text, &edited).ok_or_else(|| {
                    BackendError::Permanent(format!("{}: no END:VCALENDAR", file.display()))
                })?
            }
            (None, None) => return Err(BackendError::NotFound(event.id.clone())),
        };
        write_atomically(&file, &new)?;
        Ok(Written::Done)
    }
}

/// A top-level component's byte range in a text, from its `BEGIN:` line to after its `END:`
/// line.
#[derive(Debug, Clone, Copy)]
struct Block {
    start: usize,
    end: usize,
}

impl Block {
    /// Every top-level VEVENT (nested components such as VALARM stay inside).
    fn all(text: &str) -> Vec<Block> {
        Block::all_of(text, "VEVENT")
    }

    /// Every top-level component called `name` (upper case).
    fn all_of(text: &str, name: &str) -> Vec<Block> {
        let begin = format!("BEGIN:{name}");
        let end = format!("END:{name}");
        let mut out = Vec::new();
        let mut pos = 0;
        let mut open: Option<usize> = None;
        let mut depth = 0usize;
        for line in text.split_inclusive('\n') {
            let l = line.trim_end_matches(['\r', '\n']);
            let upper = l.to_ascii_uppercase();
            if upper == begin && open.is_none() {
                open = Some(pos);
                depth = 0;
            } else if open.is_some() && upper.starts_with("BEGIN:") {
                depth += 1;
            } else if open.is_some() && upper.starts_with("END:") {
                if upper == end && depth == 0 {
                    out.push(Block {
                        start: open.take().unwrap_or(pos),
                        end: pos + line.len(),
                    });
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
            pos += line.len();
        }
        out
    }

    fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// The unfolded value and parameters of a property of the VEVENT itself (not of a
    /// nested component).
    fn prop(&self, text: &str, name: &str) -> Option<(String, String)> {
        own_lines(self.text(text)).into_iter().find_map(|l| {
            let (head, value) = split_value(&l.text)?;
            let prop_name = head.split(';').next()?;
            prop_name
                .eq_ignore_ascii_case(name)
                .then(|| (head.to_string(), value.to_string()))
        })
    }

    fn uid(&self, text: &str) -> String {
        self.prop(text, "UID")
            .map(|(_, u)| u.trim().to_string())
            .unwrap_or_default()
    }

    /// The instance an override stands for, from its `RECURRENCE-ID`.
    fn recurrence_id(&self, text: &str, zone: Tz) -> Option<DateTime<Utc>> {
        let (head, value) = self.prop(text, "RECURRENCE-ID")?;
        let tzid = split_params(&head)
            .into_iter()
            .find_map(|p| p.strip_prefix("TZID=").or_else(|| p.strip_prefix("tzid=")))
            .map(|t| t.trim_matches('"').to_string());
        ical::parse_instant(&value, tzid.as_deref(), zone)
    }
}

/// A logical (unfolded) content line and the byte range of its physical lines.
struct Logical {
    text: String,
    start: usize,
    end: usize,
}

fn logical_lines(text: &str) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        match (bare.strip_prefix([' ', '\t']), out.last_mut()) {
            (Some(rest), Some(last)) => {
                last.text.push_str(rest);
                last.end = pos + line.len();
            }
            _ => out.push(Logical {
                text: bare.to_string(),
                start: pos,
                end: pos + line.len(),
            }),
        }
        pos += line.len();
    }
    out
}

/// The VEVENT's own logical lines: not its BEGIN/END, nor anything of a nested component.
fn own_lines(vevent: &str) -> Vec<Logical> {
    let mut depth = 0usize;
    logical_lines(vevent)
        .into_iter()
        .filter(|l| {
            let upper = l.text.to_ascii_uppercase();
            if upper.starts_with("BEGIN:") {
                depth += 1;
                false
            } else if upper.starts_with("END:") {
                depth = depth.saturating_sub(1);
                false
            } else {
                depth == 1
            }
        })
        .collect()
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

fn partstat(r: Response) -> &'static str {
    match r {
        Response::NeedsAction => "NEEDS-ACTION",
        Response::Accepted => "ACCEPTED",
        Response::Declined => "DECLINED",
        Response::Tentative => "TENTATIVE",
        Response::Delegated => "DELEGATED",
    }
}

/// The user's own answer on a VEVENT's ATTENDEE line, if the user is an attendee.
fn my_partstat(vevent: &str, me: &str) -> Option<Response> {
    own_lines(vevent).into_iter().find_map(|l| {
        if !l.text.to_ascii_uppercase().starts_with("ATTENDEE") {
            return None;
        }
        let (head, value) = split_value(&l.text)?;
        if !crate::event::is_me(me, value) {
            return None;
        }
        let status = split_params(head)
            .into_iter()
            .find_map(|p| {
                let (name, v) = p.split_once('=')?;
                name.eq_ignore_ascii_case("PARTSTAT")
                    .then(|| v.trim().to_ascii_uppercase())
            })
            .unwrap_or_else(|| "NEEDS-ACTION".into());
        Some(match status.as_str() {
            "ACCEPTED" => Response::Accepted,
            "DECLINED" => Response::Declined,
            "TENTATIVE" => Response::Tentative,
            "DELEGATED" => Response::Delegated,
            _ => Response::NeedsAction,
        })
    })
}

/// The VEVENT text with the user's own ATTENDEE line answering `response`: `PARTSTAT` set,
/// `RSVP` dropped, the comment in an `X-RESPONSE-COMMENT` parameter. Every other line is
/// returned byte for byte. `None` when the user is not an attendee.
fn set_partstat(
    vevent: &str,
    me: &str,
    response: Response,
    comment: Option<&str>,
) -> Option<String> {
    // Only the VEVENT's own attendees, never a VALARM's.
    for l in own_lines(vevent) {
        if !l.text.to_ascii_uppercase().starts_with("ATTENDEE") {
            continue;
        }
        let Some((head, value)) = split_value(&l.text) else {
            continue;
        };
        let address = value.trim();
        let address = address
            .get(..7)
            .filter(|p| p.eq_ignore_ascii_case("mailto:"))
            .map_or(address, |_| &address[7..]);
        let address: String = address.chars().filter(|c| !c.is_whitespace()).collect();
        if !address.eq_ignore_ascii_case(me) {
            continue;
        }
        let mut params: Vec<String> = split_params(head)
            .into_iter()
            .filter(|p| {
                let name = p.split('=').next().unwrap_or("").to_ascii_uppercase();
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
        let newline = if vevent[l.start..l.end].ends_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let edited = fold(&format!("{}:{}", params.join(";"), value), newline);
        return Some(format!(
            "{}{}{}",
            &vevent[..l.start],
            edited,
            &vevent[l.end..]
        ));
    }
    None
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

/// A focus block as a VEVENT.
fn block_vevent(block: &BlockWrite) -> String {
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
    lines.iter().map(|l| fold(l, "\r\n")).collect()
}

fn calendar_text(vevents: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//focusd//focusd//EN\r\n{vevents}END:VCALENDAR\r\n"
    )
}

/// An override for one instance of a series: the master's lines without its recurrence
/// rules, at the instance's times.
fn override_vevent(
    master: &str,
    rid: DateTime<Utc>,
    start_time: DateTime<Utc>,
    end_time: DateTime<Utc>,
) -> String {
    let dropped: Vec<(usize, usize, String)> = own_lines(master)
        .into_iter()
        .filter_map(|l| {
            let name = l.text.split([';', ':']).next()?.to_ascii_uppercase();
            matches!(
                name.as_str(),
                "RRULE" | "RDATE" | "EXDATE" | "EXRULE" | "DTSTART" | "DTEND" | "DURATION"
            )
            .then_some((l.start, l.end, name))
        })
        .collect();
    let mut out = String::new();
    let mut pos = 0;
    for (start, end, name) in dropped {
        out.push_str(&master[pos..start]);
        if name == "DTSTART" {
            out.push_str(&format!(
                "RECURRENCE-ID:{}\r\nDTSTART:{}\r\nDTEND:{}\r\n",
                utc(rid),
                utc(start_time),
                utc(end_time)
            ));
        }
        pos = end;
    }
    out.push_str(&master[pos..]);
    out
}

/// Replaces the VEVENT with `uid` by `vevent`.
fn replace_vevent(text: &str, uid: &str, vevent: &str) -> Option<String> {
    let v = Block::all(text).into_iter().find(|v| v.uid(text) == uid)?;
    Some(format!("{}{}{}", &text[..v.start], vevent, &text[v.end..]))
}

/// Inserts a VEVENT before the last `END:VCALENDAR`.
fn append_vevent(text: &str, vevent: &str) -> Option<String> {
    let upper = text.to_ascii_uppercase();
    let at = upper.rfind("END:VCALENDAR")?;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    Some(format!(
        "{}{}{}",
        &text[..line_start],
        vevent,
        &text[line_start..]
    ))
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
