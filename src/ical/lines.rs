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
    let len = text.len();
    let mut pos = 0;
    let mut physical = text
        .split('\n')
        .enumerate()
        .map(move |(i, l)| {
            let start = pos;
            pos = (pos + l.len() + 1).min(len);
            (i, start, pos, l)
        })
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

/// Splits one logical line; `None` when it has no name or no `:`.
fn parse_line(line: &str, line_no: usize, span: (usize, usize)) -> Option<Property> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let name_end = line.find([';', ':'])?;
    let name = line[..name_end].trim();
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return None;
    }
    let name = name.to_ascii_uppercase();
    let mut params = Vec::new();
    let rest = &line[name_end..];
    let mut chars = rest.char_indices().peekable();
    // Either at ';' (a parameter follows) or ':' (the value follows).
    loop {
        let (pos, c) = chars.next()?;
        if c == ':' {
            return Some(Property {
                name,
                params,
                value: rest[pos + 1..].to_string(),
                line: line_no,
                span,
            });
        }
        // c == ';': read NAME=VALUE[,VALUE]
        let mut pname = String::new();
        let mut pvalue = String::new();
        let mut seen_eq = false;
        let mut quoted = false;
        while let Some(&(_, c)) = chars.peek() {
            if quoted {
                chars.next();
                if c == '"' {
                    quoted = false;
                } else {
                    pvalue.push(c);
                }
                continue;
            }
            if c == ';' || c == ':' {
                break;
            }
            chars.next();
            if !seen_eq {
                if c == '=' {
                    seen_eq = true;
                } else {
                    pname.push(c);
                }
            } else if c == '"' {
                quoted = true;
            } else {
                pvalue.push(c);
            }
        }
        let pname = pname.trim().to_ascii_uppercase();
        if !pname.is_empty() {
            params.push((pname, pvalue));
        }
    }
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
    fn unescapes_text() {
        assert_eq!(
            unescape_text(r"a\nb\, c\; d\\e \x"),
            "a\nb, c; d\\e \\x".to_string()
        );
    }
}
