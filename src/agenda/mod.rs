//! Agenda detection in invitations (SPEC section 3, "Meetings are APIs").
//!
//! focusd declines invitations that arrive without an agenda; this module decides whether an
//! event carries one. A false decline is far worse than a missed one, so every choice here
//! leans towards "agenda present" when unsure: a broken tag is text, an unclosed comment or
//! script keeps its content, a line is dropped as boilerplate only if little else is on it,
//! and any one of several kinds of evidence is enough.
//!
//! Architecture invariant: pure. No I/O and no clock; work is linear in the input's length
//! (regexes are compiled once, and no scan is repeated from a later position), and no input
//! makes it panic.
//!
//! Pipeline, for each description (`DESCRIPTION`, which Google fills with HTML, and Outlook's
//! HTML `X-ALT-DESC`): HTML to text (`html.rs`), Google's footer sentences and conferencing
//! fence removed, conferencing and calendar links removed (`links.rs`), boilerplate lines
//! dropped (`boilerplate.rs`), lines that only repeat the title dropped; then evidence is
//! looked for in what is left (`text.rs`), in the event's links and in its attachments.

mod boilerplate;
mod html;
mod links;
mod text;

use std::fmt;

use serde::Serialize;

use crate::event::EventDetails;
use links::{Link, LinkKind};

/// At least this many meaningful words of description make an agenda.
pub const MIN_WORDS: usize = 12;
/// At least this many list items make an agenda.
pub const MIN_LIST_ITEMS: usize = 2;

/// Whether an invitation has an agenda, why, and what to read before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agenda {
    pub present: bool,
    /// The strongest evidence found (in the order of [`Evidence`]'s variants); `None` when
    /// there is no agenda.
    pub evidence: Option<Evidence>,
    /// A linked document or an attachment (the URL, or the attachment as given): what the
    /// brainstorm and design-review rule calls a read-ahead.
    pub read_ahead: Option<String>,
}

/// Why an invitation counts as having an agenda, strongest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum Evidence {
    /// An agenda/goals/topics/purpose heading with content; the keyword as written.
    Heading(String),
    /// This many list items with content.
    ListItems(usize),
    /// A link to a document; the host (`docs.google.com`).
    DocumentLink(String),
    /// An attachment: its host if it is a link, else its title.
    Attachment(String),
    /// This many meaningful words of description.
    Words(usize),
}

impl Evidence {
    /// In words, for explanations: "a document is linked (docs.google.com)".
    pub fn describe(&self) -> String {
        match self {
            Evidence::Heading(keyword) => {
                let article = match keyword.chars().next().map(|c| c.to_ascii_lowercase()) {
                    Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
                    _ => "a",
                };
                format!("{article} '{keyword}' section")
            }
            Evidence::ListItems(1) => "1 list item".to_owned(),
            Evidence::ListItems(n) => format!("{n} list items"),
            Evidence::DocumentLink(host) => format!("a document is linked ({host})"),
            Evidence::Attachment(name) => format!("a file is attached ({name})"),
            Evidence::Words(1) => "1 word of description".to_owned(),
            Evidence::Words(n) => format!("{n} words of description"),
        }
    }
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Decides whether `details` carries an agenda.
pub fn detect(details: &EventDetails) -> Agenda {
    let sources = sources(details);
    let heading = sources.iter().find_map(|s| text::heading(&s.lines));
    let items = sources
        .iter()
        .map(|s| text::list_items(&s.lines))
        .max()
        .unwrap_or(0);
    let words = sources.iter().map(|s| s.words).max().unwrap_or(0);
    let document = sources
        .iter()
        .filter_map(|s| s.document.clone())
        .chain(details.urls.iter().filter_map(|u| links::classify(u)))
        .chain(location_links(&details.location))
        .find(|l| l.kind == LinkKind::Document);
    let attachment = details.attachments.iter().find_map(|a| attachment(a));

    let evidence = heading
        .map(Evidence::Heading)
        .or((items >= MIN_LIST_ITEMS).then_some(Evidence::ListItems(items)))
        .or_else(|| {
            document
                .as_ref()
                .map(|d| Evidence::DocumentLink(short(&d.host)))
        })
        .or_else(|| {
            attachment
                .as_ref()
                .map(|(label, _)| Evidence::Attachment(label.clone()))
        })
        .or((words >= MIN_WORDS).then_some(Evidence::Words(words)));
    let read_ahead = document.map(|d| d.url).or(attachment.map(|(_, raw)| raw));
    Agenda {
        present: evidence.is_some(),
        evidence,
        read_ahead,
    }
}

/// The meaningful text left after stripping, for explanations and tests: the cleaned lines
/// of the richer description (plain `DESCRIPTION` or HTML `X-ALT-DESC`), one per line.
pub fn clean_text(details: &EventDetails) -> String {
    sources(details)
        .into_iter()
        .enumerate()
        .max_by_key(|(i, s)| (s.words, std::cmp::Reverse(*i)))
        .map(|(_, s)| s.lines.join("\n"))
        .unwrap_or_default()
}

/// One description, cleaned.
struct Source {
    /// Non-empty lines, whitespace collapsed, boilerplate and conferencing links removed.
    lines: Vec<String>,
    /// Meaningful words in `lines`.
    words: usize,
    /// The first document linked, from an `href` or the text.
    document: Option<Link>,
}

fn sources(details: &EventDetails) -> Vec<Source> {
    let summary = normalise_summary(&details.summary);
    std::iter::once(details.description.as_str())
        .chain(details.html_description.as_deref())
        .filter(|s| !s.trim().is_empty())
        .map(|s| clean(s, &summary))
        .collect()
}

/// The title as a description line would repeat it: lower case, whitespace collapsed.
fn normalise_summary(summary: &str) -> String {
    let text = if html::looks_like_html(summary) {
        html::to_text(summary).text
    } else {
        html::decode_entities(summary)
    };
    collapse_whitespace(&text).to_lowercase()
}

fn clean(raw: &str, summary: &str) -> Source {
    let (text, hrefs) = if html::looks_like_html(raw) {
        let converted = html::to_text(raw);
        (converted.text, converted.hrefs)
    } else {
        (html::decode_entities(raw), Vec::new())
    };
    let text = normalise(&text);
    let text = boilerplate::strip_sentences(&text);
    let mut document = hrefs
        .iter()
        .filter_map(|h| links::classify(h))
        .find(|l| l.kind == LinkKind::Document);

    let raw_lines: Vec<&str> = text.split('\n').collect();
    let fenced = google_fenced(&raw_lines);
    let mut lines = Vec::new();
    let mut words = 0;
    for (line, fenced) in raw_lines.iter().zip(fenced) {
        if fenced {
            continue;
        }
        let stripped = links::strip_links(line, |link| {
            if document.is_none() && link.kind == LinkKind::Document {
                document = Some(link);
            }
        });
        let line = collapse_whitespace(&stripped);
        if line.is_empty() || boilerplate::is_separator(&line) {
            continue;
        }
        if boilerplate::is_boilerplate_line(text::strip_bullet(&line))
            || repeats_title(&line, summary)
        {
            continue;
        }
        words += text::meaningful_words(&line);
        lines.push(line);
    }
    Source {
        lines,
        words,
        document,
    }
}

/// Which lines lie inside a pair of Google's `-::~:~::-` fences (fences included). An
/// unpaired fence hides only itself.
fn google_fenced(lines: &[&str]) -> Vec<bool> {
    let mut fenced = vec![false; lines.len()];
    let fences: Vec<usize> = (0..lines.len())
        .filter(|&i| boilerplate::is_google_fence(lines[i]))
        .collect();
    for pair in fences.chunks(2) {
        match *pair {
            [open, close] => fenced[open..=close].iter_mut().for_each(|f| *f = true),
            [single] => fenced[single] = true,
            _ => {}
        }
    }
    fenced
}

fn repeats_title(line: &str, summary: &str) -> bool {
    if summary.is_empty() || line.len() > summary.len() + 8 {
        return false;
    }
    let line = line.to_lowercase();
    let line = line.strip_prefix("topic:").unwrap_or(&line).trim();
    line == summary
}

/// Line breaks unified (CRLF, CR, Unicode separators), other whitespace and control
/// characters to spaces, invisible characters (zero-width space, BOM, soft hyphen) removed.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => {}
            c if c.is_whitespace() || c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Document links in the `LOCATION` (its words never count: it is usually a room or a link).
fn location_links(location: &str) -> impl Iterator<Item = Link> {
    let mut found = Vec::new();
    if !location.trim().is_empty() {
        links::strip_links(location, |l| {
            if l.kind == LinkKind::Document {
                found.push(l);
            }
        });
    }
    found.into_iter()
}

/// An attachment's label for [`Evidence::Attachment`] and its value; conferencing links and
/// empty values are not attachments.
fn attachment(raw: &str) -> Option<(String, String)> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let looks_like_link = raw.contains("://") || raw.contains(':') && !raw.contains(' ');
    if looks_like_link && let Some(link) = links::classify(raw) {
        if matches!(link.kind, LinkKind::Conferencing | LinkKind::Boilerplate) {
            return None;
        }
        if !link.host.is_empty() {
            return Some((short(&link.host), raw.to_owned()));
        }
    }
    Some((short(raw), raw.to_owned()))
}

/// At most 80 characters, control characters removed: labels end up in explanations.
fn short(s: &str) -> String {
    let clean: String = s.chars().filter(|c| !c.is_control()).take(81).collect();
    if clean.chars().count() > 80 {
        clean.chars().take(79).chain(std::iter::once('…')).collect()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests;
