//! RFC 5545 content lines and the component tree, leniently.
//!
//! Unfolds continuation lines (CRLF or bare LF followed by a space or tab), splits
//! `NAME;PARAM=VALUE;PARAM="quoted":value`, and nests `BEGIN`/`END` blocks. Every property keeps
//! the 1-based line where it started. Problems are returned as [`Problem`]s, never panics.

use std::borrow::Cow;

use crate::error::Severity;

/// One property: upper-cased name and parameter names, raw (still escaped) value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Property {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
    pub line: usize,
    /// Byte range of its physical lines in the parsed text (folds and line end included).
    pub span: (usize, usize),
}

impl Property {
    /// The first value of a parameter (name upper-case), without quotes.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A `BEGIN:NAME` ... `END:NAME` block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Component {
    pub name: String,
    pub props: Vec<Property>,
    pub children: Vec<Component>,
    /// Line of the `BEGIN`.
    pub line: usize,
    /// Byte range in the parsed text, from the start of the `BEGIN` line to after the
    /// `END` line (or to where the component was cut off).
    pub span: (usize, usize),
    /// Whether it ended with its own `END` line.
    pub closed: bool,
}

impl Component {
    pub fn prop(&self, name: &str) -> Option<&Property> {
        self.props.iter().find(|p| p.name == name)
    }

    pub fn props<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }
}

/// Something odd in the text itself, with its line: an `Error` when the reader can no longer
/// be sure what the text says (a mistyped `END`), else a `Warning`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub line: usize,
    pub reason: String,
    pub severity: Severity,
}

/// Nesting deeper than this is not iCalendar; deeper blocks are skipped whole.
const MAX_DEPTH: usize = 8;
/// Report at most this many malformed lines per file, then one summary.
const MAX_LINE_PROBLEMS: usize = 5;

/// Parses a whole text into its top-level components (normally one `VCALENDAR`).
pub(crate) fn parse(text: &str) -> (Vec<Component>, Vec<Problem>) {
    let mut tree = Tree::default();
    let problems = walk(text, 0, 0, 0, &mut tree);
    (tree.top, problems)
}

/// Parses one component that [`walk`] found in a larger text, exactly as [`parse`] reads it
/// there: `text` is its span, from its `BEGIN` line, which is line `first_line` at byte
/// `offset` of the larger text, `depth` components deep. Problems were reported by the walk
/// over the larger text and are not repeated.
pub(crate) fn parse_component(
    text: &str,
    depth: usize,
    first_line: usize,
    offset: usize,
) -> Option<Component> {
    let mut tree = Tree::default();
    walk(text, depth, first_line.saturating_sub(1), offset, &mut tree);
    tree.top.into_iter().next()
}

/// What a [`walk`] over the content lines builds: a frame for each open component.
pub(crate) trait Builder<'t> {
    type Frame;

    /// A `BEGIN:NAME` line (name upper case) at `depth` (0: top level), `line`, byte `start`.
    fn open(&mut self, name: &str, depth: usize, line: usize, start: usize) -> Self::Frame;

    /// A content line of the innermost open component (neither `BEGIN` nor `END`), with its
    /// first line and the byte range of its physical lines.
    fn property(
        &mut self,
        frame: &mut Self::Frame,
        logical: &Logical<'t>,
        line: usize,
        span: (usize, usize),
    );

    /// The component of `frame` ends at byte `end`, with its own `END` line or cut off;
    /// `parent` is the component it is inside, if any.
    fn close(
        &mut self,
        frame: Self::Frame,
        end: usize,
        closed: bool,
        parent: Option<&mut Self::Frame>,
    );
}

/// One logical content line, unfolded only when someone asks for more than its name: its
/// name's range and the position of the `:` before its value (both in [`Logical::text`]).
pub(crate) struct Logical<'t> {
    /// Its physical lines, line ends included.
    raw: &'t str,
    /// Its first physical line, without the line end.
    first: &'t str,
    /// Continuation lines follow the first.
    folded: bool,
    /// The unfolded line, when its name or `:` were found only after unfolding.
    unfolded: Option<String>,
    pub name: std::ops::Range<usize>,
    pub colon: usize,
}

impl<'t> Logical<'t> {
    /// The text that holds the name and the `:`.
    fn head(&self) -> &str {
        self.unfolded.as_deref().unwrap_or(self.first)
    }

    /// Its name as written.
    pub fn name_as_written(&self) -> &str {
        &self.head()[self.name.clone()]
    }

    /// Whether its name is `name` (upper case), in any case.
    pub fn is(&self, name: &str) -> bool {
        self.name_as_written().eq_ignore_ascii_case(name)
    }

    /// The whole line, unfolded (borrowed from the text when it has no folds).
    pub fn text(&self) -> Cow<'t, str> {
        match (&self.unfolded, self.folded) {
            (Some(u), _) => Cow::Owned(u.clone()),
            (None, true) => Cow::Owned(unfold_raw(self.raw)),
            (None, false) => Cow::Borrowed(self.first),
        }
    }

    /// Its raw value (after the `:`), borrowed from the text where it can be.
    pub fn value(&self) -> Cow<'t, str> {
        match self.text() {
            Cow::Borrowed(t) => Cow::Borrowed(&t[self.colon + 1..]),
            Cow::Owned(t) => Cow::Owned(t[self.colon + 1..].to_string()),
        }
    }

    /// The first value of a parameter (name upper case), without quotes, as
    /// [`Property::param`] reads it.
    pub fn param(&self, name: &str) -> Option<String> {
        let text = self.text();
        let line = &*text;
        let mut found = None;
        scan(line, |p| {
            if found.is_none() && line[p.name].trim().eq_ignore_ascii_case(name) {
                found = Some(line[p.value].replace('"', ""));
            }
        });
        found
    }
}

/// Builds the component tree ([`parse`]).
#[derive(Default)]
struct Tree {
    top: Vec<Component>,
}

impl<'t> Builder<'t> for Tree {
    type Frame = Component;

    fn open(&mut self, name: &str, _depth: usize, line: usize, start: usize) -> Component {
        Component {
            name: name.to_string(),
            props: Vec::new(),
            children: Vec::new(),
            line,
            span: (start, start),
            closed: false,
        }
    }

    fn property(
        &mut self,
        frame: &mut Component,
        logical: &Logical<'t>,
        line: usize,
        span: (usize, usize),
    ) {
        if let Some(p) = parse_line(&logical.text(), line, span) {
            frame.props.push(p);
        }
    }

    fn close(
        &mut self,
        mut frame: Component,
        end: usize,
        closed: bool,
        parent: Option<&mut Component>,
    ) {
        frame.span.1 = end;
        frame.closed = closed;
        match parent {
            Some(p) => p.children.push(frame),
            None => self.top.push(frame),
        }
    }
}

/// An open component during a [`walk`]: its name (upper case), its `BEGIN` line, what the
/// builder keeps.
type Open<F> = (String, usize, F);

fn pop<'t, B: Builder<'t>>(
    stack: &mut Vec<Open<B::Frame>>,
    builder: &mut B,
    end: usize,
    closed: bool,
) {
    if let Some((_, _, frame)) = stack.pop() {
        let parent = stack.last_mut().map(|(_, _, f)| f);
        builder.close(frame, end, closed, parent);
    }
}

/// The one state machine behind [`parse`] and the reader's skim: content lines, the nesting
/// of `BEGIN`/`END` (cut off at [`MAX_DEPTH`]; an `END` closes the innermost open component
/// of its name, and cuts off those inside it; one that names no open component may be the
/// innermost one's, mistyped: [`ends_innermost`]), and the problems found. `depth`, `line0`
/// and `offset` place `text` inside a larger one ([`parse_component`]).
pub(crate) fn walk<'t, B: Builder<'t>>(
    text: &'t str,
    depth: usize,
    line0: usize,
    offset: usize,
    builder: &mut B,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut stack: Vec<Open<B::Frame>> = Vec::new();
    // BEGINs seen below MAX_DEPTH that are being skipped.
    let mut skipping = 0usize;
    let mut bad_lines = 0usize;

    for (line_no, span, raw, first_len) in logical_lines(text) {
        let line_no = line0 + line_no;
        let span = (offset + span.0, offset + span.1);
        let first = &raw[..first_len];
        let first = first.strip_suffix('\n').unwrap_or(first);
        let first = first.strip_suffix('\r').unwrap_or(first);
        let folded = first_len < raw.len();
        let mut unfolded = None;
        let located = match locate(first) {
            Some(found) => Some(found),
            None if folded => {
                let all = unfold_raw(raw);
                let found = locate(&all);
                unfolded = Some(all);
                found
            }
            None => None,
        };
        let Some((name, colon)) = located else {
            let logical = unfolded.as_deref().unwrap_or(first);
            if logical.trim().is_empty() {
                continue;
            }
            bad_lines += 1;
            if bad_lines <= MAX_LINE_PROBLEMS {
                problems.push(Problem {
                    severity: Severity::Warning,
                    line: line_no,
                    reason: format!(
                        "not an iCalendar content line, ignored: {:?}",
                        shorten(logical)
                    ),
                });
            }
            continue;
        };
        let line = Logical {
            raw,
            first,
            folded,
            unfolded,
            name,
            colon,
        };
        if line.is("BEGIN") {
            let name = line.text()[colon + 1..].trim().to_ascii_uppercase();
            if skipping > 0 || depth + stack.len() >= MAX_DEPTH {
                if skipping == 0 {
                    problems.push(Problem {
                        severity: Severity::Warning,
                        line: line_no,
                        reason: format!("components nested too deeply, {name} skipped"),
                    });
                }
                skipping += 1;
                continue;
            }
            let frame = builder.open(&name, depth + stack.len(), line_no, span.0);
            stack.push((name, line_no, frame));
        } else if line.is("END") {
            if skipping > 0 {
                skipping -= 1;
                continue;
            }
            let text = line.text();
            let name = text[colon + 1..].trim();
            // The names on the stack are upper case.
            match stack.iter().rposition(|c| c.0.eq_ignore_ascii_case(name)) {
                Some(pos) => {
                    while stack.len() > pos + 1 {
                        if let Some((open, at, _)) = stack.last() {
                            problems.push(Problem {
                                severity: Severity::Warning,
                                line: *at,
                                reason: format!(
                                    "BEGIN:{open} has no END (closed at line {line_no})"
                                ),
                            });
                        }
                        pop(&mut stack, builder, span.0, false);
                    }
                    pop(&mut stack, builder, span.1, true);
                }
                None => match stack.last() {
                    Some((open, at, _)) if ends_innermost(open, depth + stack.len() - 1, name) => {
                        problems.push(mistyped_end(name, open, *at, line_no));
                        pop(&mut stack, builder, span.1, false);
                    }
                    _ => problems.push(Problem {
                        severity: Severity::Warning,
                        line: line_no,
                        reason: format!(
                            "END:{} without a matching BEGIN, ignored",
                            name.to_ascii_uppercase()
                        ),
                    }),
                },
            }
        } else {
            if skipping > 0 {
                continue;
            }
            match stack.last_mut() {
                Some((_, _, frame)) => builder.property(frame, &line, line_no, span),
                None => {
                    bad_lines += 1;
                    if bad_lines <= MAX_LINE_PROBLEMS {
                        problems.push(Problem {
                            severity: Severity::Warning,
                            line: line_no,
                            reason: format!(
                                "property {} outside any component, ignored",
                                shorten(&line.head()[line.name.clone()].to_ascii_uppercase())
                            ),
                        });
                    }
                }
            }
        }
    }
    if bad_lines > MAX_LINE_PROBLEMS {
        problems.push(Problem {
            severity: Severity::Warning,
            line: 1,
            reason: format!(
                "{} more malformed lines ignored",
                bad_lines - MAX_LINE_PROBLEMS
            ),
        });
    }
    while let Some((open, at, _)) = stack.last() {
        problems.push(Problem {
            severity: Severity::Warning,
            line: *at,
            reason: format!("BEGIN:{open} has no END before the end of the file"),
        });
        pop(&mut stack, builder, offset + text.len(), false);
    }
    problems
}

/// Whether an `END:name` that names no open component is the innermost open component's own
/// `END`, mistyped (`END:VTOOD` in a VTODO): so it is, unless only a top-level component is
/// open (`depth` 0: all that follows would fall outside it) or `name` is one that could be
/// inside the innermost (a child whose `BEGIN` is missing: `END:VALARM` in a VEVENT, any
/// `X-` component), which is ignored.
fn ends_innermost(innermost: &str, depth: usize, name: &str) -> bool {
    if depth == 0 {
        return false;
    }
    let name = name.to_ascii_uppercase();
    if name.starts_with("X-") {
        return false;
    }
    // RFC 5545, RFC 7953 (VAVAILABILITY), RFC 9073 (PARTICIPANT, VLOCATION, VRESOURCE) and
    // RFC 9074 (VLOCATION in VALARM).
    let children: &[&str] = match innermost {
        "VCALENDAR" => &[
            "VEVENT",
            "VTODO",
            "VJOURNAL",
            "VFREEBUSY",
            "VTIMEZONE",
            "VAVAILABILITY",
        ],
        "VEVENT" | "VTODO" => &["VALARM", "PARTICIPANT", "VLOCATION", "VRESOURCE"],
        "VJOURNAL" => &["PARTICIPANT", "VLOCATION", "VRESOURCE"],
        "VFREEBUSY" => &["PARTICIPANT"],
        "VTIMEZONE" => &["STANDARD", "DAYLIGHT"],
        "VAVAILABILITY" => &["AVAILABLE"],
        "VALARM" | "PARTICIPANT" => &["VLOCATION", "VRESOURCE"],
        _ => &[],
    };
    !children.contains(&name.as_str())
}

/// The error for an `END:name` taken as the end of `open` (begun at line `at`): what the
/// writer meant from there on is a guess.
fn mistyped_end(name: &str, open: &str, at: usize, line: usize) -> Problem {
    Problem {
        severity: Severity::Error,
        line,
        reason: format!(
            "END:{} matches no open component; taken as the end of the {open} begun at line {at}",
            shorten(&name.to_ascii_uppercase())
        ),
    }
}

fn shorten(s: &str) -> String {
    crate::text::shorten(s, super::QUOTED_CHARS)
}

/// Logical lines, each as its physical lines (line ends included), with the 1-based number
/// of its first physical line, its byte range and the length of its first physical line
/// (line end included): a line that starts with a space or a tab continues the one before.
fn logical_lines(text: &str) -> impl Iterator<Item = (usize, (usize, usize), &str, usize)> + '_ {
    let bytes = text.as_bytes();
    let len = text.len();
    // The end of the physical line at `at`, after its LF.
    let end_of = move |at: usize| text[at..].find('\n').map_or(len, |i| at + i + 1);
    let mut pos = 0;
    let mut index = 0;
    std::iter::from_fn(move || {
        if pos >= len {
            return None;
        }
        let start = pos;
        let line = index + 1;
        pos = end_of(pos);
        let first = pos - start;
        index += 1;
        while pos < len && matches!(bytes[pos], b' ' | b'\t') {
            pos = end_of(pos);
            index += 1;
        }
        Some((line, (start, pos), &text[start..pos], first))
    })
}

/// A logical line's physical lines joined: line ends dropped, and the space or tab that
/// starts each continuation line.
fn unfold_raw(raw: &str) -> String {
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

/// [`scan`]'s name range and `:` for one line, without the parameters: found in one pass
/// when no quote comes before the first `:` (then the first `:` ends the parameters), else
/// by [`scan`] itself.
fn locate(line: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let bytes = line.as_bytes();
    let mut semicolon = None;
    let mut colon = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b':' => {
                colon = Some(i);
                break;
            }
            b';' if semicolon.is_none() => semicolon = Some(i),
            b'"' => return scan(line, |_| {}),
            _ => {}
        }
    }
    let colon = colon?;
    let bom = if line.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let name_end = semicolon.unwrap_or(colon);
    let around = &line[bom..name_end];
    let name = bom + around.len() - around.trim_start().len()..bom + around.trim_end().len();
    if name.start >= name.end
        || !bytes[name.clone()]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
    {
        return None;
    }
    Some((name, colon))
}

/// One parameter of a logical line, by byte ranges in that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParamAt {
    /// From its `;` to the end of its value (quotes included).
    pub whole: std::ops::Range<usize>,
    pub name: std::ops::Range<usize>,
    /// The value as written, quotes included.
    pub value: std::ops::Range<usize>,
}

/// Scans one logical line `NAME;P=V;P="q":value`: calls `param` for every parameter and
/// returns the name's range and the position of the `:` that starts the value. `None` when
/// the line has no name or no `:`. The one tokenizer behind [`parse`] and [`layout`].
fn scan(line: &str, mut param: impl FnMut(ParamAt)) -> Option<(std::ops::Range<usize>, usize)> {
    let bom = if line.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let name_end = bom + line[bom..].find([';', ':'])?;
    let lead = line[bom..name_end].len() - line[bom..name_end].trim_start().len();
    let name = bom + lead..bom + line[bom..name_end].trim_end().len();
    if name.is_empty()
        || !line[name.clone()]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return None;
    }
    let bytes = line.as_bytes();
    let mut pos = name_end;
    // At ';' (a parameter follows) or ':' (the value follows); quotes are ASCII, so byte
    // positions are always on character boundaries.
    loop {
        match bytes.get(pos)? {
            b':' => return Some((name, pos)),
            _ => {
                let start = pos;
                pos += 1;
                let mut eq = None;
                let mut quoted = false;
                while let Some(&b) = bytes.get(pos) {
                    if quoted {
                        quoted = b != b'"';
                    } else if b == b';' || b == b':' {
                        break;
                    } else if b == b'"' && eq.is_some() {
                        quoted = true;
                    } else if b == b'=' && eq.is_none() {
                        eq = Some(pos);
                    }
                    pos += 1;
                }
                let eq = eq.unwrap_or(pos);
                param(ParamAt {
                    whole: start..pos,
                    name: start + 1..eq,
                    value: (eq + 1).min(pos)..pos,
                });
            }
        }
    }
}

/// Splits one logical line; `None` when it has no name or no `:`.
fn parse_line(line: &str, line_no: usize, span: (usize, usize)) -> Option<Property> {
    let mut params = Vec::new();
    let (name, colon) = scan(line, |p| {
        let pname = line[p.name].trim().to_ascii_uppercase();
        if !pname.is_empty() {
            params.push((pname, line[p.value].replace('"', "")));
        }
    })?;
    Some(Property {
        name: line[name].to_ascii_uppercase(),
        params,
        value: line[colon + 1..].to_string(),
        line: line_no,
        span,
    })
}

/// Where things are in one property's physical lines (`raw`, folds and line end included):
/// byte ranges in `raw`, for a writer that edits a parameter in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    /// The property name, upper case.
    pub name: String,
    /// Each parameter: its name (upper case) and ranges in `raw`. A range that spans a fold
    /// includes the fold.
    pub params: Vec<(String, ParamAt)>,
    /// The `:` before the value.
    pub colon: usize,
}

/// The [`Layout`] of one property's physical lines, as [`parse`] reads them.
pub(crate) fn layout(raw: &str) -> Option<Layout> {
    // The logical line, and for each of its bytes the byte in `raw` it came from.
    let mut logical = String::with_capacity(raw.len());
    let mut origin = Vec::with_capacity(raw.len() + 1);
    for (start, _, piece) in physical_lines(raw) {
        let (skip, piece) = if start == 0 {
            (0, piece)
        } else if let Some(rest) = piece.strip_prefix([' ', '\t']) {
            (1, rest)
        } else {
            break;
        };
        let piece = piece.strip_suffix('\r').unwrap_or(piece);
        logical.push_str(piece);
        origin.extend((0..piece.len()).map(|i| start + skip + i));
    }
    let end = raw.trim_end_matches(['\r', '\n']).len();
    origin.push(end);
    let at = |i: usize| origin[i.min(origin.len() - 1)];
    // A range ends after its last byte's origin (so that it keeps a fold inside it).
    let range = |r: std::ops::Range<usize>| {
        if r.is_empty() {
            at(r.start)..at(r.start)
        } else {
            at(r.start)..at(r.end - 1) + 1
        }
    };
    let mut params = Vec::new();
    let (name, colon) = scan(&logical, |p| {
        let pname = logical[p.name.clone()].trim().to_ascii_uppercase();
        params.push((
            pname,
            ParamAt {
                whole: range(p.whole),
                name: range(p.name),
                value: range(p.value),
            },
        ));
    })?;
    Some(Layout {
        name: logical[name].to_ascii_uppercase(),
        params,
        colon: at(colon),
    })
}

/// Physical lines: (start, end after the line end, text without the LF).
fn physical_lines(text: &str) -> impl Iterator<Item = (usize, usize, &str)> + '_ {
    let len = text.len();
    let mut pos = 0;
    text.split('\n').map(move |l| {
        let start = pos;
        pos = (pos + l.len() + 1).min(len);
        (start, pos, l)
    })
}

/// Undoes TEXT escaping: `\n`/`\N` newline, `\,` `\;` `\\`; a stray backslash is kept.
pub(crate) fn unescape_text(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('N') => out.push('\n'),
            Some(',') => out.push(','),
            Some(';') => out.push(';'),
            Some('\\') => out.push('\\'),
            Some(':') => out.push(':'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a list value on commas that are not escaped (`RDATE`, `EXDATE`, `CATEGORIES`).
pub(crate) fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_crlf_lf_space_and_tab() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Hello\r\n  world\n\tagain\nUID:1\nEND:VEVENT\nEND:VCALENDAR\n";
        let (top, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        let ev = &top[0].children[0];
        assert_eq!(ev.name, "VEVENT");
        assert_eq!(ev.line, 2);
        let summary = ev.prop("SUMMARY").unwrap();
        assert_eq!(summary.value, "Hello worldagain");
        assert_eq!(summary.line, 3);
        assert_eq!(ev.prop("UID").unwrap().line, 6);
    }

    #[test]
    fn params_quoted_and_lower_case() {
        let (top, _) = parse(
            "begin:vevent\nattendee;partstat=accepted;cn=\"Doe; Jane: boss\";x-a=b:mailto:j@x.org\nend:vevent\n",
        );
        let p = top[0].prop("ATTENDEE").unwrap();
        assert_eq!(p.param("PARTSTAT"), Some("accepted"));
        assert_eq!(p.param("CN"), Some("Doe; Jane: boss"));
        assert_eq!(p.param("X-A"), Some("b"));
        assert_eq!(p.value, "mailto:j@x.org");
    }

    #[test]
    fn spans_cover_the_physical_lines() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nATTENDEE;CN=A:mailto:a@\r\n x.org\r\nUID:1\r\nEND:VEVENT\r\nBEGIN:VEVENT\nUID:2\nEND:VCALENDAR";
        let (top, _) = parse(text);
        let cal = &top[0];
        assert_eq!(cal.span, (0, text.len()));
        assert!(cal.closed);
        let first = &cal.children[0];
        assert!(first.closed);
        assert_eq!(
            &text[first.span.0..first.span.1],
            "BEGIN:VEVENT\r\nATTENDEE;CN=A:mailto:a@\r\n x.org\r\nUID:1\r\nEND:VEVENT\r\n"
        );
        let att = first.prop("ATTENDEE").unwrap();
        assert_eq!(
            &text[att.span.0..att.span.1],
            "ATTENDEE;CN=A:mailto:a@\r\n x.org\r\n"
        );
        // Cut off by the calendar's END: up to that line, not closed.
        let second = &cal.children[1];
        assert!(!second.closed);
        assert_eq!(&text[second.span.0..second.span.1], "BEGIN:VEVENT\nUID:2\n");
    }

    #[test]
    fn missing_end_is_reported_and_closed() {
        let (top, problems) = parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\n");
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].children.len(), 1);
        assert_eq!(problems.len(), 2);
        assert!(problems[0].reason.contains("VEVENT"));
        assert_eq!(problems[0].line, 2);
    }

    #[test]
    fn a_mistyped_end_ends_the_innermost_component_with_an_error() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VTODO\nUID:t\nEND:VTOOD\nBEGIN:VEVENT\nUID:e\n\
            END:VEVENT\nEND:VCALENDAR\n";
        let (top, problems) = parse(text);
        let cal = &top[0];
        let names: Vec<&str> = cal.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["VTODO", "VEVENT"]);
        let todo = &cal.children[0];
        assert!(!todo.closed);
        assert_eq!(
            &text[todo.span.0..todo.span.1],
            "BEGIN:VTODO\nUID:t\nEND:VTOOD\n"
        );
        assert!(cal.children[1].closed && cal.closed);
        assert_eq!(
            problems,
            [Problem {
                severity: Severity::Error,
                line: 4,
                reason: "END:VTOOD matches no open component; taken as the end of the VTODO \
                    begun at line 2"
                    .into(),
            }]
        );
    }

    #[test]
    fn an_end_of_what_may_be_inside_or_of_nothing_open_is_ignored() {
        // A child whose BEGIN is missing, an extension component, and an END with only the
        // calendar open (ending it would leave the rest outside): warnings, nothing ends.
        for (stray, inside) in [
            ("END:VALARM", "VEVENT"),
            ("END:X-WR-THING", "VEVENT"),
            ("END:STANDARD", "VTIMEZONE"),
        ] {
            let text = format!(
                "BEGIN:VCALENDAR\nBEGIN:{inside}\nUID:a\n{stray}\nDTSTART:20240101\nEND:{inside}\n\
                 END:VCALENDAR\n"
            );
            let (top, problems) = parse(&text);
            let c = &top[0].children[0];
            assert!(c.closed, "{stray}");
            assert_eq!(c.props.len(), 2, "{stray}");
            assert_eq!(problems.len(), 1, "{stray}");
            assert_eq!(problems[0].severity, Severity::Warning, "{stray}");
            assert!(problems[0].reason.contains("ignored"), "{stray}");
        }
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nEND:VEVENT\nEND:VEVENT\nBEGIN:VEVENT\n\
            UID:b\nEND:VEVENT\nEND:VCALENDAR\n";
        let (top, problems) = parse(text);
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].children.len(), 2);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].severity, Severity::Warning);
    }

    #[test]
    fn deep_nesting_is_cut() {
        let mut text = String::new();
        for _ in 0..10_000 {
            text.push_str("BEGIN:X\n");
        }
        for _ in 0..10_000 {
            text.push_str("END:X\n");
        }
        let (top, problems) = parse(&text);
        assert_eq!(top.len(), 1);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn layout_finds_parameters_across_folds() {
        let raw =
            "ATTENDEE;CN=\"Doe; J\";PART\r\n STAT=NEEDS-ACTION;RSVP=TRUE:mailto:a@\r\n x.org\r\n";
        let l = layout(raw).unwrap();
        assert_eq!(l.name, "ATTENDEE");
        let names: Vec<_> = l.params.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["CN", "PARTSTAT", "RSVP"]);
        assert_eq!(&raw[l.params[0].1.value.clone()], "\"Doe; J\"");
        assert_eq!(&raw[l.params[1].1.value.clone()], "NEEDS-ACTION");
        assert_eq!(
            &raw[l.params[1].1.whole.clone()],
            ";PART\r\n STAT=NEEDS-ACTION"
        );
        assert_eq!(&raw[l.colon..l.colon + 1], ":");
        assert_eq!(&raw[l.params[2].1.whole.clone()], ";RSVP=TRUE");
        // The same tokenizer as the reader's.
        let (top, _) = parse(&format!("BEGIN:VEVENT\r\n{raw}END:VEVENT\r\n"));
        let p = top[0].prop("ATTENDEE").unwrap();
        assert_eq!(p.param("PARTSTAT"), Some("NEEDS-ACTION"));
        assert_eq!(p.param("CN"), Some("Doe; J"));
        assert_eq!(p.value, "mailto:a@x.org");
    }

    #[test]
    fn unescapes_text() {
        assert_eq!(
            unescape_text(r"a\nb\, c\; d\\e \x"),
            "a\nb, c; d\\e \\x".to_string()
        );
    }

    /// The parser as it was before the walker (a tree of owned strings), kept to pin that
    /// the walker reads every text exactly as it did.
    mod reference {
        use super::super::{
            Component, MAX_DEPTH, MAX_LINE_PROBLEMS, Problem, Severity, ends_innermost,
            mistyped_end, parse_line, physical_lines, shorten,
        };

        pub fn parse(text: &str) -> (Vec<Component>, Vec<Problem>) {
            let mut problems = Vec::new();
            let mut top: Vec<Component> = Vec::new();
            let mut stack: Vec<Component> = Vec::new();
            // BEGINs seen below MAX_DEPTH that are being skipped.
            let mut skipping = 0usize;
            let mut bad_lines = 0usize;

            for (line_no, span, logical) in unfold(text) {
                let Some(prop) = parse_line(&logical, line_no, span) else {
                    if logical.trim().is_empty() {
                        continue;
                    }
                    bad_lines += 1;
                    if bad_lines <= MAX_LINE_PROBLEMS {
                        problems.push(Problem {
                            severity: Severity::Warning,
                            line: line_no,
                            reason: format!(
                                "not an iCalendar content line, ignored: {:?}",
                                shorten(&logical)
                            ),
                        });
                    }
                    continue;
                };
                match prop.name.as_str() {
                    "BEGIN" => {
                        let name = prop.value.trim().to_ascii_uppercase();
                        if skipping > 0 || stack.len() >= MAX_DEPTH {
                            if skipping == 0 {
                                problems.push(Problem {
                                    severity: Severity::Warning,
                                    line: line_no,
                                    reason: format!("components nested too deeply, {name} skipped"),
                                });
                            }
                            skipping += 1;
                            continue;
                        }
                        stack.push(Component {
                            name,
                            props: Vec::new(),
                            children: Vec::new(),
                            line: line_no,
                            span: (span.0, span.1),
                            closed: false,
                        });
                    }
                    "END" => {
                        if skipping > 0 {
                            skipping -= 1;
                            continue;
                        }
                        let name = prop.value.trim().to_ascii_uppercase();
                        match stack.iter().rposition(|c| c.name == name) {
                            Some(pos) => {
                                while stack.len() > pos + 1 {
                                    let mut open = stack.pop().unwrap_or_default();
                                    open.span.1 = span.0;
                                    problems.push(Problem {
                                        severity: Severity::Warning,
                                        line: open.line,
                                        reason: format!(
                                            "BEGIN:{} has no END (closed at line {line_no})",
                                            open.name
                                        ),
                                    });
                                    attach(&mut stack, &mut top, open);
                                }
                                if let Some(mut done) = stack.pop() {
                                    done.span.1 = span.1;
                                    done.closed = true;
                                    attach(&mut stack, &mut top, done);
                                }
                            }
                            None => match stack.last() {
                                Some(open)
                                    if ends_innermost(&open.name, stack.len() - 1, &name) =>
                                {
                                    problems
                                        .push(mistyped_end(&name, &open.name, open.line, line_no));
                                    if let Some(mut done) = stack.pop() {
                                        done.span.1 = span.1;
                                        attach(&mut stack, &mut top, done);
                                    }
                                }
                                _ => problems.push(Problem {
                                    severity: Severity::Warning,
                                    line: line_no,
                                    reason: format!("END:{name} without a matching BEGIN, ignored"),
                                }),
                            },
                        }
                    }
                    _ => {
                        if skipping > 0 {
                            continue;
                        }
                        match stack.last_mut() {
                            Some(c) => c.props.push(prop),
                            None => {
                                bad_lines += 1;
                                if bad_lines <= MAX_LINE_PROBLEMS {
                                    problems.push(Problem {
                                        severity: Severity::Warning,
                                        line: line_no,
                                        reason: format!(
                                            "property {} outside any component, ignored",
                                            shorten(&prop.name)
                                        ),
                                    });
                                }
                            }
                        }
                    }
                }
            }
            if bad_lines > MAX_LINE_PROBLEMS {
                problems.push(Problem {
                    severity: Severity::Warning,
                    line: 1,
                    reason: format!(
                        "{} more malformed lines ignored",
                        bad_lines - MAX_LINE_PROBLEMS
                    ),
                });
            }
            while let Some(mut open) = stack.pop() {
                open.span.1 = text.len();
                problems.push(Problem {
                    severity: Severity::Warning,
                    line: open.line,
                    reason: format!("BEGIN:{} has no END before the end of the file", open.name),
                });
                attach(&mut stack, &mut top, open);
            }
            (top, problems)
        }

        fn attach(stack: &mut [Component], top: &mut Vec<Component>, done: Component) {
            match stack.last_mut() {
                Some(parent) => parent.children.push(done),
                None => top.push(done),
            }
        }

        fn unfold(text: &str) -> impl Iterator<Item = (usize, (usize, usize), String)> + '_ {
            let mut physical = physical_lines(text)
                .enumerate()
                .map(|(i, (start, end, l))| (i, start, end, l))
                .peekable();
            std::iter::from_fn(move || {
                let (idx, start, mut end, first) = physical.next()?;
                let mut line = first.strip_suffix('\r').unwrap_or(first).to_string();
                while let Some((_, _, next_end, next)) = physical.peek() {
                    if next.starts_with(' ') || next.starts_with('\t') {
                        let next = next.strip_suffix('\r').unwrap_or(next);
                        line.push_str(&next[1..]);
                        end = *next_end;
                        physical.next();
                    } else {
                        break;
                    }
                }
                Some((idx + 1, (start, end), line))
            })
        }
    }

    use proptest::prelude::*;

    /// Random texts from lines that matter to the parser: components (also nested deeper than
    /// it reads), properties with quoted parameters, folds, blank and broken lines, a BOM,
    /// every line end.
    fn texts() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "BEGIN:VCALENDAR",
            "END:VCALENDAR",
            "BEGIN:VEVENT",
            "end:vevent",
            "BEGIN:VALARM",
            "END:VALARM",
            "BEGIN:X",
            "END:X",
            "BEGIN: vtimezone ",
            "END:VTIMEZONE",
            "UID:a",
            "DTSTART;TZID=\"Europe/Berlin\":20260101T090000",
            "ATTENDEE;CN=\"Doe: J\";PARTSTAT=ACCEPTED:mailto:a@x",
            "SUMMARY:a:b;c",
            "X-A;B=\"q;\":v",
            "bad line",
            "",
            " ",
            "\t",
            "\u{feff}BEGIN:VEVENT",
            "NAME;P=\"open",
            ":value",
            ";P=1:v",
            "NA ME:v",
            " folded",
            "\tmore:x",
            "ÄÖ:x",
            "BEG",
            " IN:VEVENT",
        ]);
        let end = prop::sample::select(vec!["\r\n", "\n", "\r", ""]);
        prop::collection::vec((piece, end), 0..80)
            .prop_map(|v| v.into_iter().map(|(p, e)| format!("{p}{e}")).collect())
    }

    proptest! {
        #[test]
        fn the_walker_reads_every_text_as_the_old_parser(text in texts()) {
            let (top, problems) = parse(&text);
            prop_assert_eq!((&top, &problems), (&reference::parse(&text).0, &reference::parse(&text).1));
            // Each component, parsed again from its own span, is the same.
            for (depth, c) in top.iter().map(|c| (0, c)).chain(top.iter().flat_map(|c| c.children.iter().map(|k| (1, k)))) {
                let again = parse_component(&text[c.span.0..c.span.1], depth, c.line, c.span.0);
                prop_assert_eq!(again.as_ref(), Some(c));
            }
        }

        #[test]
        fn locate_agrees_with_scan(line in "[A-Za-z;:=\" \t\u{feff}\u{a0}\u{2003}-]{0,30}") {
            prop_assert_eq!(locate(&line), scan(&line, |_| {}));
        }
    }
}
