//! Agenda detection in invitations (SPEC section 3, "Meetings are APIs").
//!
//! focusd declines invitations that arrive without an agenda; this module decides whether an
//! event carries one. A false decline is far worse than a missed one, so the rule is inverted:
//! an invitation lacks an agenda only when, after everything that comes with an invitation
//! rather than from its organizer is stripped, what remains is empty, a placeholder, small
//! talk or filler, or headings with nothing under them. Anything else is an agenda: a stated
//! purpose or decision however short, a question, a list, a ticket, a linked document or an
//! attachment, a sentence in any language.
//!
//! Architecture invariant: pure. No I/O and no clock; work is linear in the input's length
//! (regexes are compiled once, and no scan is repeated from a later position), and no input
//! makes it panic.
//!
//! Pipeline, for each description (`DESCRIPTION`, which Google fills with HTML, and Outlook's
//! HTML `X-ALT-DESC`):
//!
//! 1. HTML to text, link targets written after their text (`html.rs`).
//! 2. Blocks stripped by their structure, in any language (`boilerplate.rs`): Google's fence,
//!    everything between a Teams block's underscore rules (or, copied without them, from its
//!    caption to its last link or id), and the lines that meeting ids,
//!    passcodes, phone numbers, SIP addresses, join and booking links anchor, with the
//!    join-instruction lines around them; links to conferencing, calendars and booking tools.
//! 3. What e-mail adds (`mail.rs`): forwarded-invitation headers, legal notices and gateway
//!    banners, signatures.
//! 4. Each remaining line classified (`text.rs`) against small closed word lists
//!    (`vocab.rs`): content, or only a placeholder, filler, headings, a link. Lines that only
//!    repeat the title do not count.
//!
//! The evidence is the strongest kind of content found (in the order of [`Evidence`]'s
//! variants), or a document link or attachment on the event; without any, the [`Absence`]
//! says what the description was.

mod boilerplate;
mod formulas;
mod html;
mod identity;
mod links;
mod mail;
mod notes;
mod text;
mod vocab;

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::event::EventDetails;
use links::{Link, LinkKind};

/// Whether an invitation has an agenda, why, and what to read before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub present: bool,
    /// The strongest evidence found (in the order of [`Evidence`]'s variants); `None` when
    /// there is no agenda.
    pub evidence: Option<Evidence>,
    /// What the description was, when there is no agenda; `None` when there is one.
    pub absence: Option<Absence>,
    /// A linked document or an attachment (the URL, or the attachment as given): what the
    /// brainstorm and design-review rule calls a read-ahead.
    pub read_ahead: Option<String>,
}

/// Why an invitation counts as having an agenda, strongest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// An agenda/goals/topics/purpose heading with content; the keyword as written.
    Heading(String),
    /// This many list items with content.
    ListItems(usize),
    /// A list on one line (`(1) … (2)`, `a) b)`, `x / y / z`, "we'll cover a, b and c");
    /// this many items.
    InlineList(usize),
    /// A link to a document; the host (`docs.google.com`).
    DocumentLink(String),
    /// An attachment: its host if it is a link, else its title.
    Attachment(String),
    /// A ticket or pull-request reference (`ABC-123`, `#4411`), as written.
    Ticket(String),
    /// A decision or purpose stated in words ("decide", "go/no-go", "vs"); the cue.
    Decision(String),
    /// A question.
    Question,
    /// Any other line of substance; its start.
    Text(String),
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
            Evidence::InlineList(n) => format!("an inline list ({n} items)"),
            Evidence::DocumentLink(host) => format!("a document is linked ({host})"),
            Evidence::Attachment(name) => format!("a file is attached ({name})"),
            Evidence::Ticket(reference) => format!("a ticket reference ({reference})"),
            Evidence::Decision(cue) => format!("a stated decision ('{cue}')"),
            Evidence::Question => "a question".to_owned(),
            Evidence::Text(start) => format!("a stated purpose ('{start}')"),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Evidence::Heading(_) => 0,
            Evidence::ListItems(_) => 1,
            Evidence::InlineList(_) => 2,
            Evidence::DocumentLink(_) => 3,
            Evidence::Attachment(_) => 4,
            Evidence::Ticket(_) => 5,
            Evidence::Decision(_) => 6,
            Evidence::Question => 7,
            Evidence::Text(_) => 8,
        }
    }
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// What an invitation without an agenda had in its description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum Absence {
    /// Nothing at all.
    Empty,
    /// Only blocks that come with an invitation (a join block, a signature...), in order.
    Boilerplate(Vec<Boilerplate>),
    /// Only a placeholder; as written ("TBD", "details to follow").
    Placeholder(String),
    /// Only small talk, a greeting or logistics; the first such line.
    Filler(String),
    /// Only headings (or empty list markers) with nothing under them.
    Headings,
    /// Only a link that is not a document; the link.
    Link(String),
}

impl Absence {
    /// In words, for explanations: "only a placeholder ('TBD')".
    pub fn describe(&self) -> String {
        match self {
            Absence::Empty => "the description is empty".to_owned(),
            Absence::Boilerplate(blocks) => {
                let specific = blocks
                    .iter()
                    .any(|b| *b != Boilerplate::DialIn && b.is_conferencing());
                let names: Vec<&str> = blocks
                    .iter()
                    .filter(|b| !(specific && **b == Boilerplate::DialIn))
                    .take(3)
                    .map(|b| b.describe())
                    .collect();
                let list = match names.as_slice() {
                    [] => "boilerplate".to_owned(),
                    [one] => (*one).to_owned(),
                    [init @ .., last] => format!("{} and {last}", init.join(", ")),
                };
                format!("the description is only {list}")
            }
            Absence::Placeholder(p) => format!("only a placeholder ('{p}')"),
            Absence::Filler(f) => format!("only filler ('{f}')"),
            Absence::Headings => "only headings with nothing under them".to_owned(),
            Absence::Link(l) => format!("only a link that is not a document ({l})"),
        }
    }

    /// How much an explanation says: a placeholder or filler is worth more than a block.
    fn weight(&self) -> u8 {
        match self {
            Absence::Placeholder(_) => 5,
            Absence::Filler(_) => 4,
            Absence::Headings => 3,
            Absence::Link(_) => 2,
            Absence::Boilerplate(_) => 1,
            Absence::Empty => 0,
        }
    }
}

impl fmt::Display for Absence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// A block of text that comes with an invitation rather than from its organizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Boilerplate {
    Teams,
    Zoom,
    GoogleMeet,
    Webex,
    GoTo,
    Chime,
    Jitsi,
    /// Dial-in numbers and join details of no known product.
    DialIn,
    Calendly,
    ChiliPiper,
    /// Another booking tool's notice.
    Booking,
    /// Google Calendar's invitation text and links.
    CalendarFooter,
    Forwarded,
    Signature,
    /// A mail, sales or recruiting tool's line about itself ("Sent with Mixmax").
    Tool,
    Legal,
}

impl Boilerplate {
    /// In words: "a Teams join block".
    pub fn describe(self) -> &'static str {
        match self {
            Boilerplate::Teams => "a Teams join block",
            Boilerplate::Zoom => "a Zoom join block",
            Boilerplate::GoogleMeet => "a Google Meet join block",
            Boilerplate::Webex => "a Webex join block",
            Boilerplate::GoTo => "a GoTo join block",
            Boilerplate::Chime => "an Amazon Chime join block",
            Boilerplate::Jitsi => "a Jitsi link",
            Boilerplate::DialIn => "a dial-in block",
            Boilerplate::Calendly => "a Calendly booking notice",
            Boilerplate::ChiliPiper => "a Chili Piper booking notice",
            Boilerplate::Booking => "a booking notice",
            Boilerplate::CalendarFooter => "Google Calendar's invitation text",
            Boilerplate::Forwarded => "a forwarded-invitation header",
            Boilerplate::Signature => "a signature",
            Boilerplate::Tool => "a mail tool's note",
            Boilerplate::Legal => "a legal notice",
        }
    }

    /// Join instructions, booking notices and calendar text (not what e-mail adds).
    pub(crate) fn is_conferencing(self) -> bool {
        !matches!(
            self,
            Boilerplate::Forwarded
                | Boilerplate::Signature
                | Boilerplate::Tool
                | Boilerplate::Legal
        )
    }

    fn is_booking(self) -> bool {
        matches!(
            self,
            Boilerplate::Calendly | Boilerplate::ChiliPiper | Boilerplate::Booking
        )
    }
}

/// Decides whether `details` carries an agenda, read on its own.
pub fn detect(details: &EventDetails) -> Agenda {
    detect_with(details, &Signatures::default())
}

/// What recurs in the signatures of one organizer's invitations: their signature's lines.
///
/// A signature is what a sender repeats under every message: titles in any language,
/// slogans, awards, departments. Read one invitation at a time, such a line looks like a
/// topic ("Design that sells.", "Менеджер по работе с ключевыми клиентами"); read across the
/// calendar it is the line that comes back, with different meetings around it. A line is
/// learned only inside a confirmed signature (`mail::signature_candidates`: the paragraph
/// of a contact line taken for a signature's, after the name or the `--`, before any
/// forwarded header), when it is short, asks nothing, lists nothing and names no ticket,
/// decision or document, and when it recurs there, written the same, under at least
/// [`Self::MIN_RECURRENCES`] different titles of the same organizer (a series' numbers,
/// dates and suffixes do not make titles different) with different words around it each
/// time. Only an organizer's own invitations teach their lines, so an outsider's cannot
/// make a colleague's words vanish; an invitation that names no organizer teaches nothing.
#[derive(Debug, Default, Clone)]
pub struct Signatures {
    /// Per organizer (lower case; empty when unknown), the normalised lines.
    known: HashMap<String, HashSet<String>>,
}

impl Signatures {
    /// Under how many different titles, with how many different texts around it, a line
    /// must recur in one organizer's signatures.
    pub const MIN_RECURRENCES: usize = 3;

    /// Learns the signature lines of `events` (a calendar's invitations).
    pub fn learn<'a>(events: impl IntoIterator<Item = &'a EventDetails>) -> Self {
        // The instances of a series are one invitation: the same details shared, or the
        // same texts again.
        let mut shared: HashSet<*const EventDetails> = HashSet::new();
        let mut invitations: HashSet<u64> = HashSet::new();
        // Per organizer and line, the titles it came under and the texts around it (hashed:
        // linear in the calendar's size, however many lines a signature holds).
        let mut found: HashMap<(String, String), Recurrence> = HashMap::new();
        for details in events {
            if !shared.insert(details as *const EventDetails) {
                continue;
            }
            // An invitation names its organizer; one that does not is nobody's to learn from.
            let organizer = organizer_key(details);
            if organizer.is_empty() {
                continue;
            }
            if !invitations.insert(hash_of(&(
                &organizer,
                &details.summary,
                &details.description,
                &details.html_description,
            ))) {
                continue;
            }
            let summary = normalise_summary(&details.summary);
            let title = title_key(&summary);
            let ctx = text::Context::new(&summary);
            for source in sources_with(details, &ctx, None) {
                let candidates: HashSet<&String> = source.candidates.iter().collect();
                let around = hash_of(
                    &source
                        .lines
                        .iter()
                        .map(|l| signature_key(l))
                        .filter(|l| !candidates.contains(l))
                        .collect::<Vec<String>>(),
                );
                for line in candidates {
                    let recurrence = found.entry((organizer.clone(), line.clone())).or_default();
                    recurrence.titles.insert(title.clone());
                    recurrence.around.insert(around);
                }
            }
        }
        let mut known: HashMap<String, HashSet<String>> = HashMap::new();
        for ((organizer, line), recurrence) in found {
            if recurrence.titles.len() >= Self::MIN_RECURRENCES
                && recurrence.around.len() >= Self::MIN_RECURRENCES
            {
                known.entry(organizer).or_default().insert(line);
            }
        }
        Signatures { known }
    }

    /// How many lines were learned, for all organizers.
    pub fn len(&self) -> usize {
        self.known.values().map(HashSet::len).sum()
    }

    /// Whether nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where one candidate line of one organizer's signatures came: under which titles
/// ([`title_key`]) and with which other lines around it.
#[derive(Default)]
struct Recurrence {
    titles: HashSet<String>,
    around: HashSet<u64>,
}

/// A value's hash, for the sets that only tell values apart.
fn hash_of(value: &impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value)
}

/// Whose signature an invitation carries: its organizer (normalised), or "" when it names
/// none or an empty one (nothing is learned for "").
fn organizer_key(details: &EventDetails) -> String {
    details
        .organizer
        .as_deref()
        .map(crate::event::normalise_address)
        .unwrap_or_default()
}

/// A signature's line as [`Signatures`] keeps it: as written, whitespace collapsed (a
/// signature is copied, not retyped: "HIRING PLAN" is not "Hiring plan").
fn signature_key(line: &str) -> String {
    collapse_whitespace(line.trim())
}

/// A title as [`Signatures`] tells meetings apart: lower case, letters only, without what
/// is in brackets or after a dash, a bar or a colon, so that the instances of one series
/// ("Sprint 41", "Sprint 42", "Weekly (moved)", "Weekly – new room", "Report: March") are
/// one meeting.
fn title_key(summary: &str) -> String {
    let mut depth = 0usize;
    let unbracketed: String = summary
        .chars()
        .filter(|&c| {
            match c {
                '(' | '[' | '（' | '【' => depth += 1,
                ')' | ']' | '）' | '】' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect();
    let head = [" – ", " - ", " — ", " | ", ": ", "：", " / "]
        .iter()
        .filter_map(|sep| unbracketed.find(sep))
        .min()
        .map_or(unbracketed.as_str(), |i| &unbracketed[..i]);
    let letters: String = head
        .chars()
        .map(|c| if c.is_alphabetic() { c } else { ' ' })
        .collect();
    collapse_whitespace(letters.trim()).to_lowercase()
}

/// Decides whether `details` carries an agenda, with the signature lines learned from the
/// calendar it is on taken for what they are.
pub fn detect_with(details: &EventDetails, signatures: &Signatures) -> Agenda {
    let ctx = text::Context::new(&normalise_summary(&details.summary));
    let known = signatures.known.get(&organizer_key(details));
    let sources = sources_with(details, &ctx, known);
    let judged: Vec<Judgement> = sources.iter().map(|s| judge(s, &ctx)).collect();
    let document = sources
        .iter()
        .filter_map(|s| s.document.clone())
        .chain(details.urls.iter().filter_map(|u| links::classify(u)))
        .chain(location_links(&details.location))
        .find(|l| l.kind == LinkKind::Document);
    let attachment = details.attachments.iter().find_map(|a| attachment(a));

    let evidence = judged
        .iter()
        .filter_map(|j| j.evidence.clone())
        .chain(
            document
                .as_ref()
                .map(|d| Evidence::DocumentLink(crate::text::shorten(&d.host, 80))),
        )
        .chain(
            attachment
                .as_ref()
                .map(|(label, _)| Evidence::Attachment(label.clone())),
        )
        .min_by_key(Evidence::rank);
    let absence = match evidence {
        Some(_) => None,
        None => Some(
            judged
                .into_iter()
                .map(|j| j.absence)
                .rev()
                .max_by_key(Absence::weight)
                .unwrap_or(Absence::Empty),
        ),
    };
    let read_ahead = document.map(|d| d.url).or(attachment.map(|(_, raw)| raw));
    Agenda {
        present: evidence.is_some(),
        evidence,
        absence,
        read_ahead,
    }
}

/// The meaningful text left after stripping, for explanations and tests: the cleaned lines
/// of the richer description (plain `DESCRIPTION` or HTML `X-ALT-DESC`), one per line.
pub fn clean_text(details: &EventDetails) -> String {
    let ctx = text::Context::new(&normalise_summary(&details.summary));
    sources(details, &ctx)
        .into_iter()
        .enumerate()
        .max_by_key(|(i, s)| (s.lines.len(), std::cmp::Reverse(*i)))
        .map(|(_, s)| s.lines.join("\n"))
        .unwrap_or_default()
}

/// One description, cleaned.
struct Source {
    /// Non-empty lines, whitespace collapsed, boilerplate and conferencing links removed.
    lines: Vec<String>,
    /// The blocks that were stripped, in order of appearance.
    blocks: Vec<Boilerplate>,
    /// The first document linked from a line that was kept.
    document: Option<Link>,
    /// The description came from a booking tool (its form questions end with a colon).
    booking: bool,
    /// The lines a signature may hold that the rules kept (see [`Signatures`]), as keys.
    candidates: Vec<String>,
}

/// What one description says.
struct Judgement {
    evidence: Option<Evidence>,
    absence: Absence,
}

fn sources(details: &EventDetails, ctx: &text::Context) -> Vec<Source> {
    sources_with(details, ctx, None)
}

/// The cleaned descriptions, with the `known` signature lines of the organizer stripped.
fn sources_with(
    details: &EventDetails,
    ctx: &text::Context,
    known: Option<&HashSet<String>>,
) -> Vec<Source> {
    let summary = normalise_summary(&details.summary);
    std::iter::once(details.description.as_str())
        .chain(details.html_description.as_deref())
        .filter(|s| !s.trim().is_empty())
        .map(|s| clean(s, &summary, ctx, known, details.organizer.as_deref()))
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

/// One description's lines, each marked with the block it was stripped as (if any).
struct Marked {
    lines: Vec<boilerplate::Line>,
    /// Per line, the first document it links.
    documents: Vec<Option<Link>>,
    /// Google's footer sentences were found.
    footer: bool,
    /// The lines a signature may hold that the rules kept, as keys.
    candidates: Vec<String>,
}

/// Reads one description and marks what every rule strips, the `known` signature lines of
/// its organizer among them.
fn mark(
    raw: &str,
    ctx: &text::Context,
    known: Option<&HashSet<String>>,
    organizer: Option<&str>,
) -> Marked {
    let text = if html::looks_like_html(raw) {
        html::to_text(raw).text
    } else {
        html::decode_entities(raw)
    };
    let text = normalise(&text);
    let (stripped, footer) = boilerplate::strip_sentences(&text);
    let mut documents: Vec<Option<Link>> = Vec::new();
    let mut lines: Vec<boilerplate::Line> = stripped
        .split('\n')
        .map(|raw| {
            let mut document = None;
            let line = boilerplate::analyse(raw, &mut |link: Link| {
                if document.is_none() && link.kind == LinkKind::Document {
                    document = Some(link);
                }
            });
            documents.push(document);
            line
        })
        .collect();
    boilerplate::google_fences(&mut lines);
    mail::forwarded(&mut lines);
    boilerplate::teams_regions(&mut lines);
    boilerplate::teams_without_rules(&mut lines);
    boilerplate::absorb(&mut lines);
    mail::legal(&mut lines);
    mail::signature(&mut lines, ctx);
    mail::company_footer(&mut lines);
    identity::signatures(&mut lines, organizer);
    mail::booking_business(&mut lines);
    mail::booking_prompts(&mut lines);
    mail::booking_attendees(&mut lines);
    let candidates: Vec<String> = mail::signature_candidates(&lines)
        .into_iter()
        .map(|i| {
            let key = signature_key(&lines[i].text);
            if known.is_some_and(|k| k.contains(&key)) {
                lines[i].strip = Some(Boilerplate::Signature);
            }
            key
        })
        .collect();
    Marked {
        lines,
        documents,
        footer,
        candidates,
    }
}

/// Every line of `details`' descriptions with what the rules took it for, for the tool the
/// rules are tuned with (`score_dirs` in `tests/agenda.rs`): the block it was stripped as,
/// or how the line reads on its own (outside a heading's section and a booking's fields,
/// which [`kept_lines`] and the verdict take into account).
#[doc(hidden)]
pub fn trace(details: &EventDetails, signatures: &Signatures) -> String {
    let summary = normalise_summary(&details.summary);
    let ctx = text::Context::new(&summary);
    let known = signatures.known.get(&organizer_key(details));
    let mut out = String::new();
    for raw in std::iter::once(details.description.as_str())
        .chain(details.html_description.as_deref())
        .filter(|s| !s.trim().is_empty())
    {
        out.push_str("----\n");
        for line in mark(raw, &ctx, known, details.organizer.as_deref()).lines {
            if line.shape == boilerplate::Shape::Blank {
                continue;
            }
            let what = match line.strip {
                Some(block) => format!("{block:?}"),
                None if line.shape != boilerplate::Shape::Text => format!("{:?}", line.shape),
                None => match text::classify(&line.text, &ctx, false) {
                    text::Unit::Substance(signal) => format!("KEPT {signal:?}"),
                    other => format!("{other:?}"),
                },
            };
            out.push_str(&format!("{what:>24} | {}\n", line.text));
        }
    }
    out
}

fn clean(
    raw: &str,
    summary: &str,
    ctx: &text::Context,
    known: Option<&HashSet<String>>,
    organizer: Option<&str>,
) -> Source {
    let Marked {
        lines,
        documents,
        footer,
        candidates,
    } = mark(raw, ctx, known, organizer);
    let mut blocks = Vec::new();
    let booking = lines.iter().any(|l| {
        l.brand.is_some_and(Boilerplate::is_booking) || l.strip.is_some_and(Boilerplate::is_booking)
    });
    let headers = webex_headers(&lines, summary);
    let mut kept = Vec::new();
    let mut document = None;
    for ((line, doc), header) in lines.into_iter().zip(documents).zip(headers) {
        if let Some(block) = line.strip {
            if !blocks.contains(&block) {
                blocks.push(block);
            }
            // A booking's fields are read label and value: a line stripped between them
            // stays between them (an attendee listed with their address is no value for
            // the topic below it).
            if booking && line.shape == boilerplate::Shape::Text {
                kept.push(STRIPPED.to_owned());
            }
            // A document linked from a signature still counts; one inside a join block (a
            // help page), a legal notice (a privacy policy) or a tool's note (its page to
            // manage the interview) does not, nor the sender's privacy page or company page
            // on a network anywhere in what was stripped (a signature's "Privacy policy:
            // https://…/privacy", `instagram.com/company/acme`).
            if !block.is_conferencing()
                && !matches!(block, Boilerplate::Legal | Boilerplate::Tool)
                && document.is_none()
            {
                document = doc.filter(|d| !links::privacy_page(d) && !links::company_page(d));
            }
            continue;
        }
        // A booking tool writes what was booked, the title again ("Your booking is
        // confirmed." / "Consultation").
        let confirms =
            booking && (confirms_title(&line.text, summary) || restates_title(&line.text, summary));
        if line.shape != boilerplate::Shape::Text
            || header
            || repeats_title(&line.text, summary)
            || confirms
        {
            continue;
        }
        if document.is_none() {
            document = doc;
        }
        kept.push(line.text);
    }
    let kept = if booking {
        join_booking_labels(kept)
            .into_iter()
            .filter(|l| l != STRIPPED)
            .collect()
    } else {
        kept
    };
    // Google's footer sentences end an invitation.
    if footer && !blocks.contains(&Boilerplate::CalendarFooter) {
        blocks.push(Boilerplate::CalendarFooter);
    }
    Source {
        lines: kept,
        blocks,
        document,
        booking,
        candidates,
    }
}

/// What stands for a stripped line among a booking's kept lines while its fields are
/// joined (`join_booking_labels`), and is dropped after.
const STRIPPED: &str = "\u{0}";

/// A booking tool's fields written as a label on its own line and the value on the next
/// (Cal.com's `What:` / `15 min meeting between ...`, `Who:` / `Alex Moreno - Organizer` /
/// `Juha Virtanen`): each label with its value on one line, as the rules read fields, and
/// the attendees under a `Who:` label taken with it.
fn join_booking_labels(lines: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        let label = line
            .strip_suffix(':')
            .or_else(|| line.strip_suffix('：'))
            .map(|l| l.trim().to_lowercase());
        let field = label.as_deref().is_some_and(|l| {
            l.split_whitespace().count() <= 4
                && (vocab::is_logistics_label(l)
                    || vocab::is_booking_label(l)
                    || vocab::is_contact_label(l)
                    || vocab::is_topic_label(l)
                    || vocab::is_value_label(l)
                    || vocab::is_event_type_label(l))
        });
        let value = lines.get(i + 1).map(|v| v.trim()).filter(|v| {
            !v.is_empty()
                && *v != STRIPPED
                && text::split_label(v).is_none()
                && !v.ends_with([':', '：'])
                && !text::starts_with_heading(v)
        });
        let label = label.unwrap_or_default();
        let attendees = vocab::is_attendee_label(&label);
        // Under `Who:` only a name is the value; a topic there is the organizer's.
        let value = value.filter(|v| {
            !attendees
                || mail::vouched_attendee(v)
                || v.split_whitespace().count() >= 2 && mail::attendee_line(v)
        });
        // A further attendee: with a role or an address, or a name with the next field's
        // label right below it ("Juha Virtanen" over "Where:").
        let next_label = |k: usize| {
            lines
                .get(k + 1)
                .is_some_and(|l| l.trim().ends_with([':', '：']) && text::split_label(l).is_none())
        };
        match (field, value) {
            (true, Some(value)) => {
                out.push(format!("{line} {value}"));
                i += 2;
                if attendees {
                    // Where the first attendee has their role or address, so has every
                    // other: a name-like line without one there is a topic ("Smlouva ČEZ"
                    // over "Where:").
                    let vouched = mail::vouched_attendee(value);
                    while lines.get(i).is_some_and(|l| {
                        mail::vouched_attendee(l)
                            || !vouched
                                && l.split_whitespace().count() >= 2
                                && mail::attendee_line(l)
                                && next_label(i)
                    }) {
                        i += 1;
                    }
                }
            }
            _ => {
                out.push(lines[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// A template left empty, in any language: three or more labels (`Cíle:`, `Notatki:`,
/// `目标：`), or two with a known heading among them, with nothing under any of them are
/// headings, whatever their words. Fewer may be topics ("Budget:"), and a label with a line
/// under it heads content.
fn empty_template(lines: &[String], units: &mut [text::Unit]) {
    let filled: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    let next_text = |i: usize| filled[i + 1..].iter().find(|l| !l.is_empty()).copied();
    let labels: Vec<usize> = (0..filled.len())
        .filter(|&i| text::template_label(filled[i]))
        .collect();
    // Two unknown labels may be topics ("Budget:", "Hiring:"); three, or two with a known
    // heading among them, are a template.
    let known = labels
        .iter()
        .any(|&i| matches!(units[i], text::Unit::Heading));
    let empty = (labels.len() >= 3 || labels.len() >= 2 && known)
        && labels
            .iter()
            .all(|&i| next_text(i).is_none_or(text::template_label));
    if empty {
        for i in labels {
            if matches!(units[i], text::Unit::Substance(text::Signal::Text(_))) {
                units[i] = text::Unit::Heading;
            }
        }
    }
}

/// What each of a source's lines is, read in order (below an agenda heading, the lines are
/// its section).
fn units(source: &Source, ctx: &text::Context) -> Vec<text::Unit> {
    let mut in_section = false;
    let mut units: Vec<text::Unit> = source
        .lines
        .iter()
        .map(|l| {
            let unit = if in_section {
                text::classify_in_section(l, ctx, source.booking)
            } else {
                text::classify(l, ctx, source.booking)
            };
            in_section |= matches!(unit, text::Unit::Heading) && text::starts_with_heading(l);
            unit
        })
        .collect();
    empty_template(&source.lines, &mut units);
    units
}

/// The lines that keep an invitation, each as it was read after stripping, for the tool
/// the rules are tuned with (`score_dirs` in `tests/agenda.rs`): of every description, the
/// lines read as content and those that link a document.
#[doc(hidden)]
pub fn kept_lines(details: &EventDetails, signatures: &Signatures) -> Vec<String> {
    let ctx = text::Context::new(&normalise_summary(&details.summary));
    let known = signatures.known.get(&organizer_key(details));
    let mut kept = Vec::new();
    for source in sources_with(details, &ctx, known) {
        for (line, unit) in source.lines.iter().zip(units(&source, &ctx)) {
            if matches!(unit, text::Unit::Substance(_)) && !kept.contains(line) {
                kept.push(line.clone());
            }
        }
        if let Some(d) = source.document {
            kept.push(format!("<document {}>", d.url));
        }
    }
    kept
}

fn judge(source: &Source, ctx: &text::Context) -> Judgement {
    let units = units(source, ctx);
    let mut best: Option<Evidence> = None;
    for unit in &units {
        if let text::Unit::Substance(signal) = unit {
            let e = match signal {
                text::Signal::Ticket(t) => Evidence::Ticket(crate::text::shorten(t, 80)),
                text::Signal::Decision(d) => Evidence::Decision(crate::text::shorten(d, 80)),
                text::Signal::Question => Evidence::Question,
                text::Signal::InlineList(n) => Evidence::InlineList(*n),
                text::Signal::Text(t) => Evidence::Text(t.clone()),
            };
            if best.as_ref().is_none_or(|b| e.rank() < b.rank()) {
                best = Some(e);
            }
        }
    }
    if best.is_some() {
        let structured = text::heading(&source.lines, ctx)
            .map(Evidence::Heading)
            .or_else(|| match text::list_items(&source.lines, ctx) {
                n if n >= 2 => Some(Evidence::ListItems(n)),
                _ => None,
            });
        return Judgement {
            evidence: structured.or(best),
            absence: Absence::Empty,
        };
    }
    let mut placeholder = None;
    let mut filler = None;
    let mut greeting = None;
    let mut headings = false;
    let mut link = None;
    for unit in units {
        match unit {
            text::Unit::Placeholder(p) => {
                placeholder.get_or_insert(p);
            }
            text::Unit::Filler {
                quote,
                greeting: true,
            } => {
                greeting.get_or_insert(quote);
            }
            text::Unit::Filler { quote, .. } => {
                filler.get_or_insert(quote);
            }
            text::Unit::Heading => headings = true,
            text::Unit::Link(l) => {
                link.get_or_insert(l);
            }
            text::Unit::Substance(_) | text::Unit::Nothing => {}
        }
    }
    let absence = if let Some(p) = placeholder {
        Absence::Placeholder(crate::text::shorten(&p, 80))
    } else if let Some(f) = filler.or(greeting) {
        Absence::Filler(f)
    } else if headings {
        Absence::Headings
    } else if let Some(l) = link {
        Absence::Link(l)
    } else if !source.blocks.is_empty() {
        Absence::Boilerplate(source.blocks.clone())
    } else {
        Absence::Empty
    };
    Judgement {
        evidence: None,
        absence,
    }
}

/// A tool's field that repeats the title (Zoom's `Topic: Monthly Ops Review`, a booking's
/// `Event: ...`). A ticket or a decision repeated is still said (`Topic: PLAT-2291`). The
/// title again on a line of its own is the organizer's and is judged by its own words
/// ("Office move" under "Office move" states a purpose; "Weekly sync" is filler), unless it
/// heads a tool's block ([`webex_headers`]).
fn repeats_title(line: &str, summary: &str) -> bool {
    if summary.is_empty() || line.len() > summary.len() + 12 {
        return false;
    }
    if text::ticket(line).is_some() || vocab::decision(line).is_some() {
        return false;
    }
    let line = line.to_lowercase();
    text::split_label(&line).is_some_and(|(_, value)| same_words(value, summary))
}

/// The title again, word for word, and neither a ticket nor a decision (those are still
/// said when repeated: a title and a description that are both `PLAT-2291`).
fn restates_title(line: &str, summary: &str) -> bool {
    text::ticket(line).is_none()
        && vocab::decision(line).is_none()
        && same_words(&line.to_lowercase(), summary)
}

/// Whether `line` (lower case) has the words of `summary` (already lower case), whatever
/// the punctuation around them.
fn same_words(line: &str, summary: &str) -> bool {
    !summary.is_empty()
        && line.trim().trim_matches(|c: char| !c.is_alphanumeric())
            == summary.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Webex's invitation starts with the meeting's title above its host line ("Steering
/// committee" / "Hosted by Linda Park", "Comité de pilotage" / "Organisé par Isabelle
/// Moreau"): for each line, whether it is that title, the tool's header and not the
/// organizer's words.
fn webex_headers(lines: &[boilerplate::Line], summary: &str) -> Vec<bool> {
    let text: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].strip.is_none() && lines[i].shape == boilerplate::Shape::Text)
        .collect();
    let mut headers = vec![false; lines.len()];
    for pair in text.windows(2) {
        let (title, next) = (&lines[pair[0]].text, &lines[pair[1]].text);
        if restates_title(title, summary) && text::names_host(next) {
            headers[pair[0]] = true;
        }
    }
    headers
}

/// A booking tool's confirmation of what was booked: a label without a decision, then the
/// title (`Votre réservation est confirmée : Entretien de découverte`, `預約已確認：...`).
fn confirms_title(line: &str, summary: &str) -> bool {
    let lower = line.to_lowercase();
    text::split_label(&lower).is_some_and(|(label, value)| {
        vocab::decision(label).is_none() && same_words(value, summary)
    })
}

/// Line breaks unified (CRLF, CR, Unicode separators), other whitespace and control
/// characters to spaces, invisible characters (zero-width space, BOM, soft hyphen,
/// direction marks) removed, and the optional marks of Arabic (vowel marks, tatweel) and
/// Hebrew (points) too, which writers put in or leave out (`لاحقًا`, `لاحقا`).
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
            '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{AD}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{064B}'..='\u{0652}'
            | '\u{0640}'
            | '\u{0670}'
            | '\u{0591}'..='\u{05BD}'
            | '\u{05BF}'
            | '\u{05C1}'..='\u{05C2}'
            | '\u{05C4}'..='\u{05C5}'
            | '\u{05C7}' => {}
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
            return Some((crate::text::shorten(&link.host, 80), raw.to_owned()));
        }
    }
    Some((crate::text::shorten(raw, 80), raw.to_owned()))
}

/// At most 80 characters, control characters removed: labels end up in explanations.
#[cfg(test)]
mod tests;
