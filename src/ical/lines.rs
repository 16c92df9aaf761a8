//! RFC 5545 content lines and the component tree, leniently.
//!
//! Unfolds continuation lines (CRLF or bare LF followed by a space or tab), splits
//! `NAME;PARAM=VALUE;PARAM="quoted":value`, and nests `BEGIN`/`END` blocks. Every property keeps
//! the 1-based line where it started. Problems are returned as [`Problem`]s, never panics.

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

/// Something odd in the text itself, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub line: usize,
    pub reason: String,
}

/// Nesting deeper than this is not iCalendar; deeper blocks are skipped whole.
const MAX_DEPTH: usize = 8;
/// Report at most this many malformed lines per file, then one summary.
const MAX_LINE_PROBLEMS: usize = 5;

/// Parses a whole text into its top-level components (normally one `VCALENDAR`).
pub(crate) fn parse(text: &str) -> (Vec<Component>, Vec<Problem>) {
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
                    None => problems.push(Problem {
                        line: line_no,
                        reason: format!("END:{name} without a matching BEGIN, ignored"),
                    }),
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

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// Logical lines with the 1-based number of their first physical line and the byte range
/// of their physical lines (line end included).
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
}
