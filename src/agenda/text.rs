//! What a line of description says, once boilerplate is gone: content (a purpose, a
//! decision, a question, a ticket, a list, any sentence), or only a placeholder, filler, a
//! heading, a link. Also agenda headings with content and list items.
//!
//! The decision is inverted: a line is content unless every word in it is on one of the small
//! closed lists of [`super::vocab`] (or repeats the title). A word focusd does not know, in any
//! language, is content.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::vocab::{self, Flags};

/// The keywords that head an agenda, in the languages focusd knows. `Topic:` (singular) is
/// not one: Zoom writes it before every meeting's title.
const HEADING_KEYWORDS: &str = r"agenda(?: items| points)?|goals?|objectives?|purpose|aims?|topics(?: to (?:discuss|cover))?|(?:things |items )?to (?:discuss|cover)|what we(?:'ll| will) (?:cover|discuss)|we(?:'ll| will) (?:cover|discuss)|discussion (?:points|topics|items)|talking points|key questions|questions(?: to answer)?|decisions?(?: needed| to make| required)?|(?:desired |expected )?outcomes?|outline|pre-?reads?|prep(?:aration)?|context|background|tagesordnung|themen|ziele?|zweck|ordre du jour|objectifs?|sujets|orden del d[ií]a|temas(?: a tratar)?|puntos a tratar|pendientes|pontos a tratar|punti da trattare|points à (?:aborder|traiter)|zu besprechende punkte|te bespreken punten|punkty do omówienia|вопросы для обсуждения|objetivos?|propósito|ordine del giorno|agendapunten|dagorde|pauta|dagordning|syfte|mål|porządek obrad|cele?|doelen|doel|scopo|obiettivi|obiettivo|目的|議題|アジェンダ|目標|論点|议程|議程|议题|目标|안건|목적|목표|повестка(?: дня)?|порядок денний|gündem|program schůzky|dagsorden|asialista|ατζέντα|chương trình|napirend|ordinea de zi|جدول الأعمال|סדר (?:ה)?יום|एजेंडा";

/// A heading line: optional marks (`##`, `**`, an emoji) and up to two leading words
/// (`Meeting agenda`, `Today's goals`), the keyword, an optional `for ...`/`of ...` or
/// `(draft)`, then a colon (also full-width), a dash or the end of the line. `rest` is
/// whatever follows on the same line.
static HEADING: LazyLock<Regex> = LazyLock::new(|| heading_regex(LEAD, "(?P<rest>.*)"));

/// A line that states when the meeting is, as conferencing tools and calendars write it: a
/// clock time together with a UTC or GMT offset (`10:00 AM | 1 hour | (UTC+01:00) Amsterdam,
/// Berlin`). Logistics, in any language.
static TIME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d{1,2}[:.]\d{2}.{0,80}\(?(?:UTC|GMT)\s?[+-−]\s?\d{1,2}(?::?\d{2})?\)?")
        .expect("valid regex")
});

/// "… is inviting you to a scheduled Zoom meeting", in the languages conferencing tools
/// write it: a product named with an inviting verb. The sentence the tool puts before its
/// join block, never the organizer's own words.
static TOOL_INVITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(?:zoom|webex|teams|goto|google meet|jitsi|ringcentral|bluejeans|chime|skype|whereby|lifesize)\b.{0,60}\b(?:invit\w*|lädt|einladen|eingeladen|convid\w*|uitnodig\w*|nodigt|zaprasza\w*|bjuder|приглаша\w*|запрошу\w*|davet\w*|zve|inviterer|kutsuu|προσκαλ\w*|mời|mengundang|meghív\w*|invită|يدعوك|מזמינ?ה?|आमंत्रित)|\b(?:invit\w*|lädt|convid\w*|uitnodig\w*|nodigt|zaprasza\w*|bjuder|приглаша\w*|запрошу\w*|davet\w*|zve|inviterer|kutsuu|προσκαλ\w*|mời|mengundang|meghív\w*|invită|يدعوك|מזמינ?ה?|आमंत्रित)\b.{0,80}\b(?:zoom|webex|teams|goto|google meet|jitsi|ringcentral|bluejeans|chime|skype|whereby|lifesize)\b|(?:zoom|webex|teams).{0,30}(?:招待|邀请|초대)|(?:邀请|邀請)(?:您|你)(?:参加|參加).{0,30}(?:zoom|webex|teams|腾讯会议|騰訊會議|飞书|飛書|google meet))",
    )
    .expect("valid regex")
});

/// Up to two words before the keyword.
const LEAD: &str = r"(?P<lead>(?:[\p{L}'’]+\s){0,2}?)";

/// A line that starts with a heading keyword (no words before it); only matched: cheap.
static HEADING_START: LazyLock<Regex> = LazyLock::new(|| heading_regex("", ".*"));

/// A heading with nothing after it on its line (matched without reading its groups: cheap).
static HEADING_BARE: LazyLock<Regex> = LazyLock::new(|| heading_regex(LEAD, r"[*_\s]*"));

fn heading_regex(lead: &str, rest: &str) -> Regex {
    Regex::new(&format!(
        r"(?i)^[^\p{{L}}\p{{N}}]{{0,10}}{lead}(?P<kw>{HEADING_KEYWORDS})(?P<about>\s(?:for|of|de|du|del|für|zum|zur)\s[^:：]{{0,40}}?)?(?:\s?\([^)]{{0,30}}\))?[*_\s]*(?::|：|\s?[-–—]\s|$){rest}$"
    ))
    .expect("valid regex")
}

/// A list item marker followed by a space: a bullet or other symbol (`-`, `•`, `✅`), `1.`,
/// `2)`, `a)`, `(3)`, `[ ]`, or a time or date that starts a schedule line (`10:15`,
/// `9.30 - 10.00`, `2pm`, `2025-03-04:`, `4/3`); or the Japanese `・`, which needs no space.
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:[-*+•·◦▪▫‣⁃●○■□➢➤►▶→✓✔☐☑–\p{So}\p{Sm}]|\d{1,3}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\)|\[[ x]?\]|(?:\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?)(?:\s?[-–—]\s?(?:\d{1,2}[:.]\d{2}|\d{1,2})\s?(?:[ap]\.?m\.?)?)?\s?[:|–—-]?|(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?)\s?[:|–—-]?)\s+|・\s*)",
    )
    .expect("valid regex")
});

/// A list marker with nothing after it (`1.`, `-`, `[ ]`): an empty template line.
static BARE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*+•·◦▪–]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\d{1,3}\)|\[[ xX]?\]|・)\s*$")
        .expect("valid regex")
});

/// A ticket or pull-request reference: `ABC-123`, `#4411`, `PR 12`, `!77` (GitLab).
static TICKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\p{L}\p{N}-])(?P<key>[A-Z][A-Z0-9]{1,9}-\d{1,7})(?:$|[^\p{L}\p{N}-])|(?:^|[\s(\[,;:])(?P<hash>#\d{2,7})\b|(?i:\b(?P<named>(?:pr|mr|cr|pull request|merge request|issue|ticket|bug|incident|inc|chg|jira)\s?#?\s?\d{2,7})\b)|(?i:\b(?P<order>(?:po|purchase order|order|invoice|inv|case|contract|rfq)\s?(?:no\.?|nr\.?|#)?\s?\d{5,12})\b)|(?:^|\s)(?P<bang>!\d{2,7})\b",
    )
    .expect("valid regex")
});

/// Prefixes of `XYZ-123` tokens that are not tickets (`UTF-8`, `ISO-8601`, `COVID-19`,
/// `Q3-2025`, `UTC-5`).
static NOT_TICKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:UTC|GMT|ISO|UTF|COVID|SARS|SHA|MD|TLS|SSL|HTTP|IPV|CET|CEST|EST|PST|Q\d|H\d|FY\d*|CW|KW|WK|W|V\d)-")
        .expect("valid regex")
});

/// Inline enumerations: `(1) ... (2)`, `1) ... 2)`, `a) ... b)`.
static ENUMERATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)\(?(?:\d{1,2}|[a-hA-H]|[ivx]{1,4})\)\s*[^\s)]").expect("valid regex")
});

/// `x / y / z`, or `x/y/z` with three or more words.
static SLASHES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{L}[^/\n]{0,40}\s/\s[^/\n]{1,40}\s/\s\S|\p{L}{2,}(?:/\p{L}{2,}){2,}")
        .expect("valid regex")
});

/// Where the topics of "we'll cover a, b and c" start.
static COVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[:：]|\b(?:cover|covering|discuss|discussing|review|go over|talk about|look at|besprechen|discuter|aborder|revisar|tratar|discutir)\b")
        .expect("valid regex")
});

static ITEM_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:[,;、]|\s(?:and|&|und|et|y|e|en|plus)\s)\s*").expect("valid regex")
});

/// What one line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Unit {
    /// Content, with what kind of content it is.
    Substance(Signal),
    /// Only says the content is missing; the placeholder as written.
    Placeholder(String),
    /// Small talk, a greeting, logistics; the line.
    Filler { quote: String, greeting: bool },
    /// Only template headings, or an empty list marker.
    Heading,
    /// Only a link that is not a document; its host.
    Link(String),
    /// Punctuation, symbols, numbers.
    Nothing,
}

/// What kind of content a line carries, for explanations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Signal {
    Ticket(String),
    Decision(String),
    Question,
    InlineList(usize),
    Text(String),
}

/// What the title says, to recognise a line that only repeats it.
pub(super) struct Context {
    /// The title's words, lower case, joined by single spaces.
    title: String,
    title_words: HashSet<String>,
    title_runs: Vec<String>,
}

/// A line's words in lower case joined by single spaces, to compare it with the title.
fn words_of(line: &str) -> String {
    line.split(|c: char| !word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Context {
    /// From the title, already lower case with whitespace collapsed.
    pub(super) fn new(title: &str) -> Context {
        let mut title_words = HashSet::new();
        let mut title_runs = Vec::new();
        for piece in title.split(|c: char| !(word_char(c) || c == '\'')) {
            for (run, cjk) in script_runs(piece) {
                if cjk {
                    let (rest, _) = vocab::strip_cjk_filler(run);
                    title_runs.extend(
                        rest.split_whitespace()
                            .filter(|r| r.chars().count() >= 2)
                            .map(str::to_owned),
                    );
                    if run.chars().count() >= 2 {
                        title_runs.push(run.to_owned());
                    }
                } else if run.chars().count() >= 2 && vocab::flags(run) & vocab::STOP == 0 {
                    title_words.insert(stem(run).to_owned());
                }
            }
        }
        // Longest first, a handful: every run of unspaced script is compared with each.
        title_runs.sort_by_key(|r| std::cmp::Reverse(r.len()));
        title_runs.dedup();
        title_runs.truncate(8);
        Context {
            title: words_of(title),
            title_words,
            title_runs,
        }
    }

    /// Whether `line` is the title again, word for word ("Topic: Monthly Ops Review" under
    /// that title): a title never counts, whatever its words.
    fn is_title(&self, line: &str) -> bool {
        !self.title.is_empty() && words_of(line) == self.title
    }

    fn repeats_title(&self, lower: &str) -> bool {
        self.title_words.contains(stem(lower))
    }
}

/// Plural and singular compare equal (`launches`, `launch`).
fn stem(word: &str) -> &str {
    let w = word.strip_suffix("'s").unwrap_or(word);
    if w.len() > 4
        && let Some(s) = w.strip_suffix("es")
        && (s.ends_with("ch") || s.ends_with("sh") || s.ends_with('x'))
    {
        return s;
    }
    if w.len() > 3 && !w.ends_with("ss") {
        return w.strip_suffix('s').unwrap_or(w);
    }
    w
}

/// Whether `c` belongs to a word: a letter or digit, or a combining mark that scripts write
/// inside their words (the virama and nukta of Devanagari and its sister scripts, Thai tone
/// marks, Hebrew points, Arabic vowel marks), which `char::is_alphanumeric` leaves out. The
/// Devanagari danda and Thai's punctuation stay outside.
pub(super) fn word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c as u32,
            0x0300..=0x036F | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
            | 0x0900..=0x0963 | 0x0966..=0x0DFF | 0x0E00..=0x0E4E | 0x0E50..=0x0E59 | 0x200C
            | 0x200D)
}

/// Scripts written without spaces between words (Han, kana, Hangul, Thai, Lao, Khmer,
/// Myanmar).
pub(super) fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF | 0x0E00..=0x0EFF | 0x1780..=0x17FF | 0x1000..=0x109F)
}

pub(super) fn hiragana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x309F)
}

/// Splits a word into runs of unspaced script and of anything else (`Zoomミーティング`).
fn script_runs(piece: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = piece;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let cjk = unspaced(first);
        let end = rest
            .char_indices()
            .find(|&(_, c)| unspaced(c) != cjk)
            .map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some((run, cjk))
    })
}

pub(super) fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A word in lower case with typographic apostrophes made plain (`Let’s` → `let's`).
pub(super) fn lower_word(word: &str) -> String {
    // Turkish `İ` lower-cases to `i` and a combining dot: the word lists have `i`.
    let lower = word.to_lowercase().replace("i\u{307}", "i");
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}

/// `host.tld`-like tokens (`docs.google.com`, `node.js`): not words.
fn domain_like(token: &str) -> bool {
    let token = token.trim_matches(|c: char| !c.is_alphanumeric());
    let mut parts = token.split('.');
    let Some(last) = token.rsplit('.').next() else {
        return false;
    };
    // Newer top-level domains are longer (`.example`, `.consulting`); written in lower case.
    let tld = (2..=6).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_alphabetic())
        || (7..=10).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_lowercase());
    token.contains('.')
        && tld
        && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

pub(super) fn link_like(token: &str) -> bool {
    token.contains("://")
        || token.contains('@')
        || token
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("www."))
        || domain_like(token)
}

/// Numbers, times, dates, ordinals (`10`, `10:30`, `3pm`, `1st`, `2025-03-04`).
fn number_like(piece: &str) -> bool {
    let digits = piece.bytes().filter(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let letters: String = piece.chars().filter(|c| c.is_alphabetic()).collect();
    letters.is_empty()
        || matches!(
            letters.to_lowercase().as_str(),
            "am" | "pm"
                | "h"
                | "hr"
                | "hrs"
                | "min"
                | "mins"
                | "st"
                | "nd"
                | "rd"
                | "th"
                | "er"
                | "e"
                | "x"
                | "k"
                | "m"
                | "uhr"
                | "년"
                | "월"
                | "일"
                | "시"
                | "분"
                | "년도"
        )
}

/// Meaningful words in a line: not function words, links, e-mail addresses or numbers (a
/// word starts with a letter and has at least two characters). Used to bound what may follow
/// a boilerplate phrase on one line.
pub(super) fn meaningful_words(line: &str) -> usize {
    let mut n = 0;
    for token in line.split_whitespace() {
        if link_like(token) {
            continue;
        }
        let mut unspaced_chars = 0;
        for piece in token.split(|c: char| !(word_char(c) || matches!(c, '\'' | '’' | '-'))) {
            let piece = piece.trim_matches(['\'', '’', '-']);
            let before = unspaced_chars;
            unspaced_chars += piece.chars().filter(|c| unspaced(*c)).count();
            if unspaced_chars == before && meaningful(piece) {
                n += 1;
            }
        }
        n += unspaced_chars.div_ceil(2);
    }
    n
}

fn meaningful(piece: &str) -> bool {
    let mut chars = piece.chars();
    let starts_with_letter = chars.next().is_some_and(char::is_alphabetic);
    if !starts_with_letter || chars.next().is_none() {
        return false;
    }
    if piece.len() > 20 {
        return true;
    }
    let lower = lower_word(piece);
    vocab::flags(&lower) & (vocab::STOP | vocab::GREETING | vocab::CLOSING) == 0
}

/// Strips a list marker, if any.
pub(super) fn strip_bullet(line: &str) -> &str {
    match LIST_ITEM.find(prefix(line, 64)) {
        Some(m) => &line[m.end()..],
        None => line,
    }
}

/// The first ticket or pull-request reference in `text`.
pub(super) fn ticket(text: &str) -> Option<String> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    for c in TICKET.captures_iter(text) {
        if let Some(key) = c.name("key") {
            // `4:00 PM-4:30 PM` is a time range, not the ticket `PM-4`.
            let clock = ["AM-", "PM-"].iter().any(|p| key.as_str().starts_with(p))
                && text[..key.start()]
                    .trim_end()
                    .ends_with(|c: char| c.is_ascii_digit());
            if !NOT_TICKET.is_match(key.as_str()) && !clock {
                return Some(key.as_str().to_owned());
            }
            continue;
        }
        if let Some(m) = c
            .name("hash")
            .or(c.name("named"))
            .or(c.name("order"))
            .or(c.name("bang"))
        {
            if c.name("hash").is_some() && extension(&text[..m.start()]) {
                continue;
            }
            return Some(m.as_str().to_owned());
        }
    }
    None
}

/// Whether a `#123` after `before` is a phone extension (`+886 2 5555 0134 #201`): right
/// after a number of at least seven digits.
fn extension(before: &str) -> bool {
    let number = before.trim_end();
    let tail: String = number
        .chars()
        .rev()
        .take(30)
        .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.' | '+'))
        .collect();
    number.ends_with(|c: char| c.is_ascii_digit())
        && tail.chars().filter(char::is_ascii_digit).count() >= 7
}

/// An IANA time zone (`Europe/Stockholm`, `America/Sao_Paulo`), as booking tools write the
/// invitee's.
static TIME_ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[a-z_-]+(?:/[a-z_-]+)?$")
        .expect("valid regex")
});

/// `Label: value` with a short label (at most six words); the label and the value.
pub(super) fn split_label(line: &str) -> Option<(&str, &str)> {
    let colon = line
        .char_indices()
        .take(40)
        .find(|&(_, c)| c == ':' || c == '：')?
        .0;
    let label = line[..colon].trim().trim_matches(['*', '_', ' ']);
    let sep = line[colon..].chars().next().map_or(1, char::len_utf8);
    let value = &line[colon + sep..];
    let words = label.split_whitespace().count();
    // `10:30` and `https:` are not labels.
    let ok = (1..=6).contains(&words)
        && label.chars().next().is_some_and(char::is_alphabetic)
        && !value.starts_with("//")
        && !value
            .starts_with(|c: char| c.is_ascii_digit() && label.chars().all(|l| l.is_ascii_digit()));
    ok.then_some((label, value))
}

/// Where a booking form's question ends and the invitee's answer starts: Calendly writes
/// `Please share anything that will help prepare for our meeting.: answer`.
fn form_prompt_end(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    (1..b.len())
        .find(|&i| matches!(b[i], b':') && matches!(b[i - 1], b'.' | b'?' | b'!' | b')'))
        .map(|i| i + 1)
}

/// The first 40 characters of `s`, for explanations.
pub(super) fn snippet(s: &str) -> String {
    let s = s.trim();
    let clean: String = s.chars().filter(|c| !c.is_control()).take(41).collect();
    if clean.chars().count() > 40 {
        let cut: String = clean.chars().take(39).collect();
        format!("{}…", cut.trim_end())
    } else {
        clean
    }
}

/// How many items an inline list in `text` has (0 if none): `(1) … (2)`, `a) b)`,
/// `x / y / z`, "we'll cover a, b and c". `listed`: the text follows a heading, so its
/// topics may start right away.
pub(super) fn inline_list(text: &str, listed: bool) -> usize {
    let enumerated = ENUMERATOR.find_iter(text).count();
    if enumerated >= 2 {
        return enumerated;
    }
    let bullets = text.matches(" • ").count() + text.matches(" · ").count();
    if bullets >= 2 {
        return bullets + 1;
    }
    if let Some(m) = SLASHES.find(text) {
        return m.as_str().matches('/').count() + 1;
    }
    let start = if listed {
        Some(0)
    } else {
        COVER.find(text).map(|m| m.end())
    };
    if let Some(start) = start {
        let items: Vec<&str> = ITEM_SEPARATOR
            .split(&text[start..])
            .map(|i| i.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|i| !i.is_empty())
            .collect();
        let short = items
            .iter()
            .all(|i| i.split_whitespace().count() <= 6 && i.chars().any(char::is_alphabetic));
        if items.len() >= 3 && short {
            return items.len();
        }
    }
    0
}

/// One word of a line, as far as classifying it goes.
struct Word {
    flags: Flags,
    /// Not on any list: content, unless it turns out to be a name or repeats the title.
    content: bool,
    capitalised: bool,
    /// The word ends a clause (`Bob,`).
    clause_end: bool,
    /// Written in a script without capitals (Arabic, Hebrew, Devanagari): it may be a name
    /// where a capital would say so elsewhere.
    uncased: bool,
    title: bool,
    /// Ends in `'s` (`Smith's`).
    possessive: bool,
    /// A preposition that names whose meeting it is (`with`, `von`, `de`, `between`).
    connector: bool,
    /// The word for a meeting that tools name after its owner (`meeting`, `réunion`), or
    /// where a filler phrase was removed.
    meeting: bool,
}

impl Word {
    fn new(flags: Flags, content: bool, capitalised: bool, clause_end: bool) -> Word {
        Word {
            flags,
            content,
            capitalised,
            clause_end,
            uncased: false,
            title: false,
            possessive: false,
            connector: false,
            meeting: false,
        }
    }
}

/// Stands where a filler phrase was removed ("Maya Cohen's Personal Meeting Room"), so that
/// the words around it know a meeting word was there.
const REMOVED_FILLER: &str = "\u{1}";

/// Classifies one line of cleaned description. `booking` says the description came from a
/// booking tool, where a line ending in a colon is a form question.
pub(super) fn classify(line: &str, ctx: &Context, booking: bool) -> Unit {
    classify_at(line, ctx, booking, Depth::Line)
}

/// Where a piece of text sits: a line of its own, or what follows a heading or a label.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Depth {
    Line,
    /// After an agenda heading: template words are topics there ("Agenda: team goals").
    UnderHeading,
    /// After another label ("Doc: TBD").
    Value,
    /// A line of its own in an agenda heading's section: the title is a topic there, but
    /// template words stay template words ("Agenda\nNext steps" is an empty template).
    Section,
}

fn classify_at(line: &str, ctx: &Context, booking: bool, depth: Depth) -> Unit {
    let line = line.trim();
    if line.is_empty() {
        return Unit::Nothing;
    }
    if BARE_MARKER.is_match(line) {
        return Unit::Heading;
    }
    let whole = line;
    let line = strip_bullet(line).trim();
    // Zoom's thanks for registering, when what it names is the title.
    static REGISTERED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)^thank you for registering for\s?["“'](?P<title>.{1,120})["”']\.?$"#)
            .expect("valid regex")
    });
    let registered = REGISTERED
        .captures(prefix(line, 300))
        .is_some_and(|c| ctx.is_title(&c["title"]));
    if depth != Depth::UnderHeading && registered && ticket(line).is_none() {
        return Unit::Filler {
            quote: snippet(line),
            greeting: false,
        };
    }
    // The title again on a line of its own is the organizer's own words: judged by them, as
    // if there were no title ("Office move" under "Office move" states a purpose, "Weekly
    // sync" is filler either way).
    if depth != Depth::UnderHeading && ctx.is_title(line) {
        // A field's value that is the title is the tool's (Zoom's `Topic: ...`).
        if ticket(line).is_none()
            && (booking || depth == Depth::Value || names_a_meeting_kind(line))
        {
            return Unit::Filler {
                quote: snippet(line),
                greeting: false,
            };
        }
        return classify_at(whole, &Context::new(""), booking, depth);
    }
    // When it is, and the tool's own invitation sentence: logistics in any language (a line
    // that also states a decision or names a ticket is kept).
    if (TIME_LINE.is_match(prefix(line, 300)) || TOOL_INVITATION.is_match(prefix(line, 300)))
        && vocab::decision(line).is_none()
        && ticket(line).is_none()
        && line.chars().count() <= 200
    {
        return Unit::Filler {
            quote: snippet(line),
            greeting: false,
        };
    }
    if starts_with_heading(line)
        && let Some(c) = HEADING.captures(prefix(line, 200))
        && c["lead"].is_empty()
    {
        let rest = c.name("rest").map_or("", |m| m.as_str());
        if rest.trim().trim_matches(['*', '_', ' ']).is_empty() {
            // "Goals for the next quarter": what the heading is about may be the content.
            if let Some(about) = c.name("about")
                && depth == Depth::Line
            {
                let about = about.as_str().trim_start();
                let about = about.split_once(' ').map_or("", |(_, a)| a);
                if let unit @ Unit::Substance(_) =
                    classify_at(about, ctx, booking, Depth::UnderHeading)
                {
                    return unit;
                }
            }
            return Unit::Heading;
        }
        if depth == Depth::Line {
            return classify_at(rest, ctx, booking, Depth::UnderHeading);
        }
    }
    if let Some((label, value)) = split_label(line) {
        let label = label.to_lowercase();
        let plain = vocab::decision(value).is_none() && ticket(value).is_none();
        // A contact field's value is a name, an address or a number, no more.
        let contact = booking
            && vocab::is_contact_label(&label)
            && value.split_whitespace().count() <= 4
            && !value.contains(['(', ',', ';', ':', '–', '—', '/'])
            && !value.contains(" - ");
        let booking_field = contact
            || booking && vocab::is_booking_label(&label) && value.split_whitespace().count() <= 5;
        if (vocab::is_logistics_label(&label) || booking_field) && plain {
            return Unit::Filler {
                quote: snippet(line),
                greeting: false,
            };
        }
        if booking && value.trim().is_empty() && plain {
            return Unit::Heading;
        }
        // A booking's generic event type says nothing ("Event Name: Discovery Call", "Nom
        // de l'événement : Appel de 15 minutes"); a service it names does.
        // The booking tool puts the service in the title too ("VAT return between Ana Ruiz
        // and Tom Berg"): here that is the service named, not the title repeated.
        // Under a heading too: "议程：/ Event Name: 30 Minute Meeting" is an empty template.
        if vocab::is_event_type_label(&label) && plain && generic_event_type(value) {
            return Unit::Filler {
                quote: snippet(line),
                greeting: false,
            };
        }
        if vocab::is_event_type_label(&label) && depth == Depth::Line {
            return match classify_at(value, &Context::new(""), booking, Depth::Value) {
                Unit::Nothing => Unit::Heading,
                unit => unit,
            };
        }
        // A topic label says nothing itself ("主题：王伟的个人会议室", "Topic: Zoom Meeting"):
        // the value decides. So for a booking's `When:` or `Where:` in more languages.
        if (vocab::is_topic_label(&label) || vocab::is_value_label(&label)) && depth == Depth::Line
        {
            return match classify_at(value, ctx, booking, Depth::Value) {
                Unit::Nothing => Unit::Heading,
                unit => unit,
            };
        }
        // A short label whose value is only a placeholder ("Doc: TBD", "Budget: TBC").
        if depth == Depth::Line
            && label.split_whitespace().count() <= 2
            && value.split_whitespace().count() <= 6
            && let unit @ Unit::Placeholder(_) = classify_at(value, ctx, booking, Depth::Value)
        {
            return unit;
        }
    }
    let line = match form_prompt_end(line) {
        Some(end) if line[end..].trim().is_empty() => return Unit::Heading,
        Some(end) => line[end..].trim(),
        None => line,
    };
    if booking && line.ends_with([':', '：']) && vocab::decision(line).is_none() {
        return Unit::Heading;
    }
    if let Some(t) = ticket(line) {
        return Unit::Substance(Signal::Ticket(t));
    }

    // Phrases first: "to be decided" is a placeholder, not a decision.
    let mut masked = String::with_capacity(line.len());
    let mut placeholder = None;
    let mut phrase_filler = false;
    let mut ranges: Vec<(std::ops::Range<usize>, bool)> = vocab::placeholder_phrases(line)
        .map(|r| (r, true))
        .chain(vocab::filler_phrases(line).map(|r| (r, false)))
        .collect();
    ranges.sort_by_key(|(r, _)| r.start);
    let mut last = 0;
    for (range, is_placeholder) in ranges {
        if range.start < last {
            continue;
        }
        if is_placeholder && placeholder.is_none() {
            placeholder = Some(line[range.clone()].trim().to_owned());
        }
        phrase_filler |= !is_placeholder;
        masked.push_str(&line[last..range.start]);
        masked.push(' ');
        if !is_placeholder {
            masked.push_str(REMOVED_FILLER);
            masked.push(' ');
        }
        last = range.end;
    }
    masked.push_str(&line[last..]);

    // Template headings of unspaced scripts hold cue characters (決定事項, "decisions").
    let cue = if masked.chars().any(unspaced) {
        vocab::decision(&vocab::strip_cjk_headings(&masked)).map(str::to_owned)
    } else {
        vocab::decision(&masked).map(str::to_owned)
    };
    let headings_are_content = depth == Depth::UnderHeading;
    let mut words: Vec<Word> = Vec::new();
    let mut links = Vec::new();
    let mut question = false;
    let mut symbols = false;
    let mut cjk_content = false;
    // Unspaced script that says something only with the title's words counted.
    let mut cjk_title = false;
    let mut cjk_heading = false;
    let mut placeholder_word = None;
    for token in masked.split_whitespace() {
        if token == REMOVED_FILLER {
            words.push(Word {
                meeting: true,
                ..Word::new(0, false, false, false)
            });
            continue;
        }
        if link_like(token) {
            links.push(token);
            continue;
        }
        question |= token.contains(['?', '？', '¿']);
        let clause_end = token.ends_with([',', '!', '.', ':', ';', '、', '。', '！']);
        let trimmed = token.trim_matches(|c: char| !word_char(c));
        if trimmed.is_empty() {
            symbols = true;
            continue;
        }
        let lower = lower_word(trimmed);
        let whole = if TIME_ZONE.is_match(trimmed) {
            vocab::TIME
        } else {
            word_flags(&lower, headings_are_content)
        };
        if whole != 0 {
            if whole & vocab::PLACEHOLDER != 0 && placeholder_word.is_none() {
                placeholder_word = Some(trimmed.to_owned());
            }
            words.push(Word {
                connector: vocab::is_owner_connector(&lower),
                meeting: vocab::names_a_meeting(&lower),
                ..Word::new(whole, false, false, clause_end)
            });
            continue;
        }
        let capitalised = trimmed.chars().next().is_some_and(char::is_uppercase);
        let (lower, possessive) = match lower.strip_suffix("'s") {
            Some(owner) if capitalised && !owner.is_empty() => (owner.to_owned(), true),
            _ => (lower, false),
        };
        let pieces: Vec<&str> = lower
            .split(|c: char| !(word_char(c) || c == '\''))
            .filter(|p| !p.is_empty())
            .collect();
        // An initial as the owner ("Nattaya S.'s Personal Meeting Room"): a name's word.
        if possessive && lower.ends_with('.') && lower.chars().count() == 2 {
            words.push(Word {
                possessive,
                ..Word::new(0, true, capitalised, clause_end)
            });
            continue;
        }
        // A hyphenated word with a function word in it is a word of its own ("on-call",
        // "all-hands", "go-live"), not its parts.
        if joined_word(&lower) {
            words.push(Word {
                title: ctx.repeats_title(&lower),
                possessive,
                ..Word::new(0, true, capitalised, clause_end)
            });
            continue;
        }
        let count = pieces.len();
        for (k, piece) in pieces.into_iter().enumerate() {
            let clause_end = clause_end && k + 1 == count;
            for (run, cjk) in script_runs(piece) {
                if cjk {
                    let (content, with_title, heading) = cjk_content_of(run, ctx);
                    cjk_content |= content;
                    cjk_title |= with_title;
                    cjk_heading |= heading;
                    continue;
                }
                let run = run.trim_matches('\'');
                if run.is_empty() || number_like(run) {
                    continue;
                }
                let flags = word_flags(run, headings_are_content);
                if flags & vocab::PLACEHOLDER != 0 && placeholder_word.is_none() {
                    placeholder_word = Some(run.to_owned());
                }
                let content = flags == 0 && run.chars().count() >= 2;
                let uncased = run.chars().any(char::is_alphabetic)
                    && !run.chars().any(|c| c.is_uppercase() || c.is_lowercase());
                words.push(Word {
                    uncased,
                    title: content && ctx.repeats_title(run),
                    possessive: possessive && k + 1 == count,
                    connector: vocab::is_owner_connector(run),
                    meeting: vocab::names_a_meeting(run),
                    ..Word::new(flags, content, capitalised, clause_end)
                });
            }
        }
    }
    mark_names(&mut words);
    mark_owners(&mut words);

    let all: Flags = words.iter().fold(0, |acc, w| acc | w.flags);
    // A line that only repeats the title (with filler around it) adds nothing, unless it
    // states a purpose about it ("let's discuss the Q3 roadmap").
    // Under an agenda heading the title is a topic like any other ("Agenda: budget 2026").
    // A sentence that explains the title in words of its own is a purpose too ("this is the
    // kickoff for the ERP data migration, please join" under "ERP data migration kickoff").
    let explains_title = words.len() >= 8 && words.iter().filter(|w| w.title).count() >= 2;
    let title_counts = !matches!(depth, Depth::UnderHeading | Depth::Section)
        && cue.is_none()
        && all & vocab::PURPOSE == 0
        && !explains_title;
    let cjk_content = cjk_content || cjk_title && !title_counts;
    // Template words head a template line only with function words and dates around them
    // ("Next steps", "Agenda for Thursday"); with a purpose verb or other words they are
    // topics ("discuss goals for next year", "team goals").
    // A list item that qualifies the title's words is a topic too ("1. Resultados del
    // piloto" under the title "Piloto").
    let listed = whole.len() != line.len();
    let purposeful = all & vocab::PURPOSE != 0
        || listed && words.iter().any(|w| w.title)
        || words.iter().any(|w| {
            !w.content
                && w.flags & vocab::HEADING == 0
                && w.flags & !(vocab::STOP | vocab::TIME | vocab::PLACEHOLDER) != 0
        });
    let topic = |w: &Word| {
        purposeful
            && w.flags & vocab::HEADING != 0
            && w.flags & !(vocab::HEADING | vocab::STOP) == 0
    };
    // A template's label with nothing after it ("Meeting notes:", "Cel spotkania:") heads
    // an empty section; its heading word names no topic there.
    let empty_heading = depth == Depth::Line
        && empty_label(line)
        && all & vocab::HEADING != 0
        && !cjk_content
        && words.iter().all(|w| !w.content);
    let content = cjk_content
        || words
            .iter()
            .any(|w| w.content && !(w.title && title_counts) || topic(w) && !empty_heading);
    if let Some(cue) = cue {
        return Unit::Substance(Signal::Decision(cue));
    }
    if content {
        let signal = if question {
            Signal::Question
        } else {
            let unlinked: Vec<&str> = whole.split_whitespace().filter(|t| !link_like(t)).collect();
            match inline_list(&unlinked.join(" "), depth == Depth::UnderHeading) {
                0 => Signal::Text(snippet(line)),
                n => Signal::InlineList(n),
            }
        };
        return Unit::Substance(signal);
    }
    // A question of a few words asks the attendees something (in any language, whatever
    // its words), unless it is only pleasantries or a filler phrase ("how are you?", "shall
    // we catch up?") or a placeholder.
    let pleasantries =
        vocab::STOP | vocab::GREETING | vocab::CLOSING | vocab::SMALL_TALK | vocab::FORMULA;
    if question
        && words.len() >= 4
        && !phrase_filler
        && placeholder.is_none()
        && placeholder_word.is_none()
        && all & !pleasantries != 0
    {
        return Unit::Substance(Signal::Question);
    }
    if let Some(p) = placeholder.or(placeholder_word) {
        return Unit::Placeholder(p);
    }
    let fillers = vocab::GREETING
        | vocab::CLOSING
        | vocab::SMALL_TALK
        | vocab::FILLER
        | vocab::TIME
        | vocab::CONFERENCING
        | vocab::BRAND
        | vocab::PURPOSE
        | vocab::FORMULA;
    let titled = words.iter().any(|w| w.title);
    if all & fillers != 0 || phrase_filler || titled {
        let greeting = !phrase_filler
            && !titled
            && all & !(vocab::GREETING | vocab::CLOSING | vocab::STOP | vocab::FORMULA) == 0;
        return Unit::Filler {
            quote: snippet(line),
            greeting,
        };
    }
    if all & vocab::HEADING != 0 || cjk_heading {
        return Unit::Heading;
    }
    if let Some(link) = links.first() {
        return Unit::Link(snippet(link));
    }
    if symbols || !words.is_empty() {
        return Unit::Filler {
            quote: snippet(line),
            greeting: false,
        };
    }
    Unit::Nothing
}

/// The words of booking tools' generic event types that the word lists do not hold already.
const GENERIC_BOOKING: &[&str] = &[
    "γνωριμία",
    "videomøte",
    "videomöte",
    "videomøde",
    "konzultáció",
    "פגישת",
    "וידאו",
    "דק",
    "beratungstermin",
    "erstberatung",
    "videocall",
    "videogesprek",
    "videollamada",
    "videochamada",
    "videochiamata",
    "demo",
    "discovery",
    "consultation",
    "consult",
    "intro",
    "introduction",
    "introductory",
    "initial",
    "first",
    "free",
    "session",
    "appointment",
    "minute",
    "minutes",
    "min",
    "mins",
    "hour",
    "video",
    "phone",
    "online",
    "virtual",
    "découverte",
    "appel",
    "rendez-vous",
    "consulenza",
    "iniziale",
    "riunione",
    "minuti",
    "consulta",
    "inicial",
    "llamada",
    "reunión",
    "minutos",
    "consultoria",
    "reunião",
    "chamada",
    "beratung",
    "erstgespräch",
    "gespräch",
    "kennenlernen",
    "termin",
    "minuten",
    "kennismaking",
    "kennismakingsgesprek",
    "gesprek",
    "afspraak",
    "adviesgesprek",
    "intake",
    "rozmowa",
    "konsultacja",
    "spotkanie",
    "minut",
    "konzultace",
    "schůzka",
    "konzultácia",
    "stretnutie",
    "tapaaminen",
    "puhelu",
    "minuuttia",
    "møde",
    "møte",
    "möte",
    "samtale",
    "samtal",
    "minutter",
    "minuter",
    "görüşme",
    "toplantı",
    "dakika",
    "dakikalık",
    "встреча",
    "звонок",
    "консультация",
    "минут",
    "зустріч",
    "дзвінок",
    "консультація",
    "хвилин",
    "συνάντηση",
    "κλήση",
    "λεπτά",
    "találkozó",
    "megbeszélés",
    "perc",
    "întâlnire",
    "apel",
    "minute",
    "rapat",
    "panggilan",
    "konsultasi",
    "menit",
    "tư",
    "vấn",
    "cuộc",
    "họp",
    "gọi",
    "phút",
    "ประชุม",
    "นาที",
    "استشارة",
    "اجتماع",
    "مكالمة",
    "دقيقة",
    "פגישה",
    "שיחה",
    "ייעוץ",
    "דקות",
    "मीटिंग",
    "कॉल",
    "परामर्श",
    "मिनट",
];

/// A booking's event type that names no service: at most three words besides numbers and a
/// duration in brackets, each a meeting's or a first call's word, with no colon, comma or
/// dash between parts ("Demo (45 min)", "Riunione di 30 minuti", "30分のミーティング"; not
/// "VAT return", "Advies: btw-aangifte en OSS-regeling", "Phỏng vấn vòng 1: Trưởng phòng
/// Kế toán").
pub(super) fn generic_event_type(value: &str) -> bool {
    let value = value.trim();
    // Brackets may hold the duration only ("Demo (45 min)", "面談（30分）"): "Consultation
    // (VAT return)" or "面談（SAP移行の件）" names the service there.
    let mut without_brackets = String::with_capacity(value.len());
    let mut bracket = String::new();
    let mut depth = 0usize;
    for c in value.chars() {
        match c {
            '(' | '（' => {
                depth += 1;
                continue;
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if !duration_only(&bracket) {
                        without_brackets.push(' ');
                        without_brackets.push_str(&bracket);
                        without_brackets.push(' ');
                    }
                    bracket.clear();
                }
                continue;
            }
            _ => {}
        }
        if depth == 0 {
            without_brackets.push(c);
        } else {
            bracket.push(c);
        }
    }
    if depth > 0 {
        without_brackets.push_str(&bracket);
    }
    // A number is a duration's or nothing ("Office 365 consultation", "Support call 4521"
    // name a product and a case).
    if without_brackets
        .split_whitespace()
        .any(|w| w.chars().any(|c| c.is_ascii_digit()) && !duration_word(w))
    {
        return false;
    }
    let words: Vec<String> = without_brackets
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(|w| lower_word(w.trim_matches(|c: char| !word_char(c))))
        .collect();
    // A product's name is where the meeting is held only beside a meeting's word ("Zoom
    // call", "Teams Meeting"); "Teams consultation" or "HubSpot consultation" names the
    // subject. A role's word names none ("Hosting consultation").
    let meeting = words.iter().any(|w| vocab::names_a_meeting(w));
    let brand = |w: &String| word_flags(w, true) & vocab::BRAND != 0;
    let role = |w: &String| word_flags(w, true) & !vocab::ROLE == 0;
    // Each word a meeting's, a call's or a first consultation's, in any language ("Demo",
    // "Discovery Call", "Consulenza iniziale"): "VAT return", "Shoulder physio" name a
    // service.
    let generic = |w: &String| {
        duration_word(w)
            || GENERIC_BOOKING.contains(&w.as_str())
            || super::formulas::FORMULAS.booking_words.contains(w)
            || word_flags(w, true) != 0 && !role(w) && (!brand(w) || meeting)
    };
    let unspaced = without_brackets.chars().filter(|&c| unspaced(c)).count();
    words.len() <= 3
        && words.iter().all(generic)
        && unspaced <= 12
        && !without_brackets.contains([':', '：', ',', '，', ';', '–', '—', '/', '+', '&', '#'])
        && !without_brackets.contains(" - ")
        && !without_brackets.contains(" x ")
}

/// A duration and its unit, or a number a duration takes ("30", "45min", "30분", "30分",
/// "1h"): at most three digits.
fn duration_word(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let digits = w.chars().take_while(char::is_ascii_digit).count();
    let unit = &w[digits..];
    (1..=3).contains(&digits)
        && w[..digits]
            .parse::<u32>()
            .is_ok_and(|n| (1..=240).contains(&n))
        && (unit.is_empty()
            || matches!(
                unit,
                "min"
                    | "mins"
                    | "m"
                    | "h"
                    | "hr"
                    | "hrs"
                    | "분"
                    | "分"
                    | "分間"
                    | "分钟"
                    | "分鐘"
                    | "นาที"
                    | "perc"
                    | "dk"
                    | "мин"
                    | "хв"
            ))
}

/// Brackets' content that is a duration only ("45 min", "30分", "1 hour").
fn duration_only(content: &str) -> bool {
    let words: Vec<&str> = content.split_whitespace().collect();
    !words.is_empty()
        && words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        && words.iter().all(|w| {
            duration_word(w)
                || word_flags(&lower_word(w.trim_matches(|c: char| !word_char(c))), true)
                    & vocab::TIME
                    != 0
                || GENERIC_BOOKING.contains(&w.to_lowercase().as_str())
        })
}

/// The flags that make a lower-cased word carry no content (see [`vocab::NON_CONTENT`]),
/// looked up as written, without a French or Italian elision (`l'appareil`), or as a compound
/// of two such words (`Abstimmungstermin`, `Wochenmeeting`).
fn word_flags(word: &str, headings_are_content: bool) -> Flags {
    let mask = if headings_are_content {
        vocab::NON_CONTENT & !vocab::HEADING
    } else {
        vocab::NON_CONTENT
    };
    let f = vocab::flags(word) & mask;
    if f != 0 {
        return f;
    }
    let elided = elide(word);
    if elided.len() != word.len() {
        let f = vocab::flags(elided) & mask;
        if f != 0 {
            return f;
        }
    }
    let f = compound(elided) & mask;
    if f != 0 {
        return f;
    }
    inflected_brand(elided)
}

/// A product's name with a case ending of the languages that inflect names (Hungarian
/// `Meettel`, `Zoomon`, Finnish `Teamsissä`, Turkish `Zoom'da`, Czech `Zoomu`, Polish
/// `Zoomie`): the product.
pub(super) fn inflected_brand(word: &str) -> Flags {
    const BRANDS: [&str; 6] = ["zoom", "teams", "meet", "webex", "skype", "slack"];
    const ENDINGS: [&str; 37] = [
        "tel", "tal", "ben", "ban", "en", "on", "ön", "ra", "re", "ról", "ről", "ot", "et", "ssa",
        "ssä", "issa", "issä", "illä", "lla", "llä", "iin", "ia", "da", "de", "ta", "te", "ı", "i",
        "u", "a", "e", "ie", "em", "om", "у", "е", "ом",
    ];
    let word = word.trim_end_matches(['\'', '’']);
    let word = word.replace(['\'', '’'], "");
    BRANDS
        .iter()
        .find_map(|brand| {
            let ending = word.strip_prefix(brand)?;
            ENDINGS.contains(&ending).then_some(vocab::BRAND)
        })
        .unwrap_or(0)
}

/// `l'appareil` → `appareil`, `d'un` → `un`.
pub(super) fn elide(word: &str) -> &str {
    match word.find(['\'', '’']) {
        Some(i) if (1..=3).contains(&word[..i].chars().count()) => {
            let rest = &word[i + word[i..].chars().next().map_or(1, char::len_utf8)..];
            if rest.chars().count() >= 2 {
                rest
            } else {
                word
            }
        }
        _ => word,
    }
}

/// A compound of two known words, one of them small talk, filler or time (German
/// `Abstimmungs|termin`, `Wochen|meeting`, `Kaffee|pause`); 0 if it is not one.
fn compound(word: &str) -> Flags {
    let chars = word.chars().count();
    if !(7..=30).contains(&chars) || !word.chars().all(char::is_alphabetic) {
        return 0;
    }
    let soft = vocab::SMALL_TALK | vocab::FILLER | vocab::TIME | vocab::GREETING;
    for (i, _) in word.char_indices().skip(3) {
        let (left, right) = word.split_at(i);
        if right.chars().count() < 3 {
            break;
        }
        let lf = vocab::flags(left) | left.strip_suffix('s').map_or(0, vocab::flags);
        let rf = vocab::flags(right);
        let known = |f: Flags| f & vocab::NON_CONTENT & !vocab::STOP != 0;
        if known(lf) && known(rf) && (lf | rf) & soft != 0 {
            return (lf | rf) & vocab::NON_CONTENT;
        }
    }
    0
}

/// A hyphenated word with a function word among its parts: a word of its own.
pub(super) fn joined_word(word: &str) -> bool {
    if !word.contains('-') || vocab::flags(word) != 0 {
        return false;
    }
    let pieces: Vec<&str> = word.split('-').filter(|p| !p.is_empty()).collect();
    pieces.len() >= 2
        && pieces
            .iter()
            .any(|p| vocab::flags(p) & vocab::STOP != 0 && !p.chars().any(unspaced))
}

/// Names after a salutation or a closing are not content: "Hi Bob,", "Dear Dr. Smith",
/// "Thanks, Anna Müller".
fn mark_names(words: &mut [Word]) {
    let mut i = 0;
    while i < words.len() {
        let f = words[i].flags;
        if f & (vocab::GREETING | vocab::CLOSING) != 0 && f & vocab::STOP == 0 {
            let closing = f & vocab::CLOSING != 0;
            let mut j = i + 1;
            let mut names = 0;
            while j < words.len() && names < 3 {
                let w = &words[j];
                // A name in a script without capitals only where the line ends with it
                // ("مرحباً أحمد،", "היי דנה,").
                let uncased_name = w.content
                    && w.uncased
                    && words[j..].len() <= 3
                    && words[j..]
                        .iter()
                        .all(|n| n.content && n.uncased || n.flags & vocab::GREETING != 0);
                if w.content && (w.capitalised || uncased_name) {
                    names += 1;
                } else if w.content
                    || w.flags & (vocab::GREETING | vocab::CLOSING | vocab::STOP) == 0
                {
                    break;
                }
                j += 1;
                // "Добрый день, Ольга!": after the greeting's comma, one or two names that
                // end the line and their clause are still the addressee.
                let addressee_follows = names == 0
                    && words[j..].len() <= 2
                    && words[j..]
                        .iter()
                        .all(|n| n.content && (n.capitalised || n.uncased))
                    && words.last().is_some_and(|n| n.clause_end);
                if w.clause_end && !closing && !addressee_follows {
                    break;
                }
            }
            // After a closing, names must run to the end of the line.
            if !closing || j == words.len() {
                for w in &mut words[i + 1..j] {
                    w.content = false;
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
}

/// Whether a title names a kind of meeting: one of its words is the meeting's own noun
/// ("Weekly platform sync", "Jour fixe", "Réunion mensuelle", "Monthly all-hands"), and it
/// states no decision. A series' word alone names none ("Weekly: office move", "Monthly
/// budget").
fn names_a_meeting_kind(title: &str) -> bool {
    vocab::decision(title).is_none()
        && title
            .to_lowercase()
            .split(|c: char| !(word_char(c) || c == '-'))
            .filter(|w| !w.is_empty())
            .any(|w| vocab::names_a_meeting(w) || vocab::flags(w) & vocab::SMALL_TALK != 0)
}

/// A line that only names who hosts or organises the meeting, a role word first ("Hosted by
/// Linda Park", "Gastgeber: Stefan Braun", "Organisé par Isabelle Moreau").
pub(super) fn names_host(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let first = lower.split(|c: char| !word_char(c)).next().unwrap_or("");
    vocab::flags(first) & vocab::ROLE != 0
        && line.chars().count() <= 80
        && matches!(
            classify(line, &Context::new(""), false),
            Unit::Filler { .. }
        )
}

/// Names that only say whose meeting it is are not content: after a role word ("Hosted by
/// Linda Park", "Organisé par Isabelle Moreau", "booked with Dana Fox"), after a meeting
/// word and a preposition ("Meeting von Frank Schulz", "30 Min Meeting between Jane Doe and
/// John Smith"), or as the owner of a meeting ("Daniel Smith's Meeting", "Maya Cohen's
/// Personal Meeting Room"). A name is one or two capitalised words on no list; several are
/// joined by a function word ("and", "und", "y").
fn mark_owners(words: &mut [Word]) {
    // The capitalised words of the names starting at `from`, as (start, end, possessive).
    let names = |words: &[Word], from: usize| {
        let mut end = from;
        let mut run = 0;
        while end < words.len() {
            let w = &words[end];
            if w.content && w.capitalised && run < 2 {
                run += 1;
                end += 1;
                if w.possessive || w.clause_end {
                    break;
                }
            } else if run > 0 && w.flags & vocab::STOP != 0 && !w.connector {
                // "Jane Doe and John Smith": another name must follow.
                if words
                    .get(end + 1)
                    .is_some_and(|n| n.content && n.capitalised)
                {
                    run = 0;
                    end += 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        end
    };
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        // A role word names people only with a preposition or a colon after it ("Hosted
        // by Linda Park", "Gastgeber: Stefan Braun"): "Hosted Postgres" is a topic.
        let after_role = w.flags & vocab::ROLE != 0
            && (w.clause_end
                || words
                    .get(i + 1)
                    .is_some_and(|n| n.connector || n.flags & vocab::STOP != 0));
        // "Meeting von Frank Schulz", "Конференция Zoom Иван Петров".
        let after_meeting = w.meeting
            && words
                .get(i + 1)
                .is_some_and(|n| n.connector || n.flags & vocab::BRAND != 0);
        if after_role || after_meeting {
            // Skip the prepositions between ("hosted by", "organisé par").
            let mut from = i + 1;
            let between = |w: &Word| !w.content && !w.meeting || w.connector;
            while from < words.len() && between(&words[from]) {
                from += 1;
            }
            let end = names(words, from);
            if end > from && !words[from..end].iter().any(|n| n.possessive) {
                // The prepositions between go with the names ("entre" in "Reunión de 30 min
                // entre Marta Gil y Pablo Ortiz").
                for n in &mut words[i + 1..end] {
                    n.content = false;
                }
                i = end;
                continue;
            }
            // A role word among those skipped would find the same nothing (linear).
            i = from.max(i + 1);
            continue;
        }
        // An owner: names ending in `'s` right before a meeting word.
        if w.content && w.capitalised {
            let end = names(words, i);
            let owned = end > i
                && words[end - 1].possessive
                && words
                    .get(end)
                    .is_some_and(|n| n.meeting || n.flags & vocab::BRAND != 0);
            if owned {
                for n in &mut words[i..end] {
                    n.content = false;
                }
            }
            // A later start inside the same names ends where they end: skip them (linear).
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
}

/// Whether a run of unspaced script says anything once its known words and the title are
/// removed; whether it does with the title's words kept (where the title is a topic like
/// any other: under an agenda heading); and whether a template heading was among them.
fn cjk_content_of(run: &str, ctx: &Context) -> (bool, bool, bool) {
    let (rest, heading) = vocab::strip_cjk_filler(run);
    let says = |rest: &str| {
        rest.split_whitespace().any(|r| {
            let kana = r.chars().filter(|c| hiragana(*c)).count();
            let other = r.chars().filter(|c| unspaced(*c) && !hiragana(*c)).count();
            other > 0 || kana > 4
        })
    };
    let with_title = says(&rest);
    let mut rest = rest;
    for title in &ctx.title_runs {
        if rest.contains(title.as_str()) {
            rest = rest.replace(title.as_str(), " ");
        }
    }
    (says(&rest), with_title, heading)
}

/// Whether `text` says something.
#[cfg(test)]
fn substantive(text: &str, ctx: &Context) -> bool {
    matches!(classify(text, ctx, false), Unit::Substance(_))
}

/// A line in an agenda heading's section (below "Agenda:", "Decisions needed:"): as
/// [`classify`], except that the title's words are a topic there ("Decisions needed:\n-
/// owner for the billing migration" under the title "Billing migration"). Template words
/// stay template words, so an empty template stays empty.
pub(super) fn classify_in_section(line: &str, ctx: &Context, booking: bool) -> Unit {
    match classify(line, ctx, booking) {
        Unit::Filler { .. } | Unit::Nothing
            if !starts_with_heading(strip_bullet(line.trim()).trim()) =>
        {
            match classify_at(line, ctx, booking, Depth::Section) {
                unit @ Unit::Substance(_) => unit,
                _ => classify(line, ctx, booking),
            }
        }
        unit => unit,
    }
}

/// Whether `text`, under an agenda heading, says something: there, template words are
/// topics ("Agenda: team goals").
fn substantive_under_heading(text: &str, ctx: &Context) -> bool {
    matches!(
        classify_at(text, ctx, false, Depth::UnderHeading),
        Unit::Substance(_)
    )
}

/// Whether a line starts with an agenda heading keyword (`Agenda:`, `Goals -`, `目的：`).
pub(super) fn starts_with_heading(line: &str) -> bool {
    HEADING_START.is_match(prefix(line, 200))
}

/// An agenda heading with something after it on its line ("Agenda: hand-off of on-call"):
/// typed by a person even where it stands inside a block a tool inserted, so no block
/// strips it.
pub(super) fn heading_with_content(line: &str) -> bool {
    let line = strip_bullet(line.trim()).trim();
    starts_with_heading(line)
        && HEADING.captures(prefix(line, 200)).is_some_and(|c| {
            c["lead"].is_empty()
                && c.name("rest").is_some_and(|r| {
                    !r.as_str()
                        .trim()
                        .trim_matches(['*', '_', ' ', ':', '：'])
                        .is_empty()
                })
        })
}

/// A label of at most three words ending in a colon, with nothing after it.
/// A template's label with nothing after it: one to four words (or up to eight characters
/// of Chinese, Japanese or Korean, twenty of Thai) and a colon, without digits, a question or
/// a link.
pub(super) fn template_label(line: &str) -> bool {
    let line = strip_bullet(line.trim())
        .trim()
        .trim_matches(['*', '_', ' ']);
    let Some(label) = line.strip_suffix([':', '：']) else {
        return false;
    };
    let label = label.trim().trim_matches(['*', '_', ' ']);
    let words = label.split_whitespace().count();
    // Thai writes a word in more characters (its vowels and tone marks among them).
    let thai = label
        .chars()
        .filter(|c| matches!(*c as u32, 0x0E00..=0x0EFF))
        .count();
    let unspaced_chars = label.chars().filter(|c| unspaced(*c)).count() - thai;
    !label.is_empty()
        && (1..=4).contains(&words)
        && unspaced_chars <= 8
        && thai <= 20
        && !label.contains(['?', '？', ':', '：', '/', '@'])
        && !label.chars().any(|c| c.is_ascii_digit())
        && label
            .chars()
            .all(|c| word_char(c) || c.is_whitespace() || matches!(c, '-' | '\'' | '’' | '&'))
}

pub(super) fn empty_label(line: &str) -> bool {
    let t = strip_bullet(line.trim()).trim();
    let Some(label) = t.strip_suffix([':', '：']) else {
        return false;
    };
    let words = label.split_whitespace().count();
    (1..=3).contains(&words) && !label.contains([':', '：', '?', '.'])
}

/// A heading with nothing on its line: it needs content on the next one.
fn bare_heading(line: &str) -> bool {
    HEADING_BARE.is_match(prefix(line, 200))
}

/// Whether the lines after a bare heading give it content: the next line, or any item of the
/// list that follows it (`- TBD`, `- Budget`). Looks at most 50 lines ahead.
fn content_follows(after: &[String], ctx: &Context) -> bool {
    for (k, line) in after.iter().take(50).enumerate() {
        let in_list = LIST_ITEM.is_match(prefix(line, 64));
        // A short label with nothing after its colon ("Compte rendu :") is the next heading
        // of a template, in any language: the heading above it stays empty.
        if !in_list && empty_label(line) {
            return false;
        }
        if bare_heading(line) || k > 0 && !in_list || classify(line, ctx, false) == Unit::Heading {
            return false;
        }
        if substantive_under_heading(line, ctx) {
            return true;
        }
        if !in_list {
            return false;
        }
    }
    false
}

/// The first agenda heading that has content after it (on its line or the next), as the
/// keyword was written with its first letter capitalised.
pub(super) fn heading(lines: &[String], ctx: &Context) -> Option<String> {
    for (i, line) in lines.iter().enumerate() {
        if !HEADING.is_match(prefix(line, 200)) {
            continue;
        }
        let Some(c) = HEADING.captures(prefix(line, 200)) else {
            continue;
        };
        let rest = c["rest"].trim().trim_matches(['*', '_', ' ']);
        let has_content = if rest.is_empty() {
            content_follows(&lines[i + 1..], ctx)
        } else {
            substantive_under_heading(rest, ctx) || rest.split_whitespace().any(link_like)
        };
        if has_content {
            return Some(capitalise(&c["kw"]));
        }
    }
    None
}

fn capitalise(keyword: &str) -> String {
    let lower = keyword.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => lower,
    }
}

/// Lines that are list items with words (not a placeholder, not empty).
pub(super) fn list_items(lines: &[String], ctx: &Context) -> usize {
    lines
        .iter()
        .filter(|line| {
            LIST_ITEM.find(prefix(line, 64)).is_some_and(|m| {
                matches!(
                    classify(&line[m.end()..], ctx, false),
                    Unit::Substance(_) | Unit::Filler { .. } | Unit::Heading
                ) && !line[m.end()..].trim().is_empty()
            })
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_labels_are_short_labels_with_nothing_after_them() {
        for line in [
            "Cíle:",
            "- Notatki:",
            "**Next steps:**",
            "目标：",
            "Offene Punkte:",
        ] {
            assert!(template_label(line), "{line}");
        }
        for line in [
            "Budget: 2027",
            "Q3:",
            "Why now?:",
            "See https://x.y:",
            "Cíle",
            "",
        ] {
            assert!(!template_label(line), "{line}");
        }
    }

    #[test]
    fn products_are_known_with_their_case_endings() {
        for word in [
            "meettel",
            "zoomon",
            "teamsissä",
            "zoom'da",
            "zoomu",
            "zoomie",
            "teamsben",
        ] {
            assert_eq!(inflected_brand(word), vocab::BRAND, "{word}");
        }
        for word in [
            "zoomed",
            "teamster",
            "meeting",
            "meetup",
            "slacking",
            "webexpert",
        ] {
            assert_eq!(inflected_brand(word), 0, "{word}");
        }
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    fn ctx() -> Context {
        Context::new("weekly sync")
    }

    fn unit(line: &str) -> Unit {
        classify(line, &ctx(), false)
    }

    fn is_content(line: &str) -> bool {
        matches!(unit(line), Unit::Substance(_))
    }

    #[test]
    fn the_title_again_on_its_own_line_is_judged_by_its_words() {
        let judged = |title: &str, line: &str| classify(line, &Context::new(title), false);
        // A subject restated is the organizer's purpose written out.
        for (title, line) in [
            ("office move", "Office move"),
            ("umzug ins neue büro", "Umzug ins neue Büro"),
            ("budget", "- budget"),
            ("weekly: office move", "Weekly: office move"),
            ("quarterly: vendor pick", "Quarterly: vendor pick"),
        ] {
            assert!(matches!(judged(title, line), Unit::Substance(_)), "{line}");
        }
        // A meeting's name restated says nothing more; nor does a tool's field with the
        // title.
        for (title, line) in [
            ("weekly platform sync", "Weekly platform sync"),
            ("monthly all-hands", "Monthly all-hands"),
            ("réunion mensuelle équipe", "Réunion mensuelle équipe"),
            ("monthly ops review", "Topic: Monthly Ops Review"),
        ] {
            assert!(matches!(judged(title, line), Unit::Filler { .. }), "{line}");
        }
    }

    #[test]
    fn a_host_line_names_only_who_hosts() {
        for line in [
            "Hosted by Linda Park",
            "Gastgeber: Stefan Braun",
            "Organisé par Isabelle Moreau",
        ] {
            assert!(names_host(line), "{line}");
        }
        for line in [
            "Hosted by Linda Park: renewal terms for the support contract",
            "Linda Park",
            "Hosted Postgres migration",
        ] {
            assert!(!names_host(line), "{line}");
        }
    }

    #[test]
    fn names_that_only_say_whose_meeting_it_is_are_not_content() {
        for line in [
            "Hosted by Linda Park",
            "Organisé par Isabelle Moreau",
            "Gastgeber: Stefan Braun",
            "This meeting was booked with Dana Fox",
            "Meeting von Frank Schulz",
            "30 Min Meeting between Jane Doe and John Smith",
            "Reunión de 30 min entre Marta Gil y Pablo Ortiz",
            "Daniel Smith's Meeting",
            "Daniel Smith’s Meeting",
            "Maya Cohen's Personal Meeting Room",
            "Sending this on behalf of Maria Lopez.",
        ] {
            assert!(!is_content(line), "{line}");
        }
        for line in [
            // A topic next to the names, or names that are the topic.
            "Hosted by Linda Park: renewal terms for the support contract",
            "Brown bag hosted by the security team on phishing-resistant MFA",
            "Daniel Smith's proposal",
            "Meeting with Acme Security Audit",
            "Follow-up of the Northwind Incident",
            "Sending this on behalf of Maria Lopez: budget cuts for EMEA",
            "Linda's farewell",
            // A role word without a preposition or a colon names a thing.
            "Hosted Postgres",
            "Adding Kubernetes",
        ] {
            assert!(is_content(line), "{line}");
        }
    }

    #[test]
    fn many_names_and_roles_are_read_in_linear_time() {
        // Every start inside a run of names or roles would rescan it; each is read once.
        let names = "Hosted by Ann Lee and ".repeat(20_000);
        assert!(!is_content(names.trim_end_matches(" and ")));
        let roles = "host ".repeat(50_000);
        assert!(!is_content(&roles));
    }

    #[test]
    fn words() {
        assert_eq!(meaningful_words("Hi all, quick sync about the launch"), 3);
        assert_eq!(
            meaningful_words("See https://x.example/doc and mail bob@example.com at 10am on 3/4"),
            2
        );
        assert_eq!(meaningful_words("docs.google.com node.js"), 0);
        assert_eq!(meaningful_words("四半期の計画を確認します"), 6);
    }

    #[test]
    fn content_is_anything_not_on_a_list() {
        for line in [
            "Pick a vendor",
            "Estimate the backlog",
            "Should we ship on Friday?",
            "Postgres vs MySQL",
            "ABC-123",
            "Let's discuss the weekly sync format",
            "Budget",
            "Обсудим бюджет",
            "来週のリリースについて",
            "Ziel: Budget freigeben",
            "目的：リリース判定",
            "Hi Bob, can you bring the churn numbers?",
        ] {
            assert!(is_content(line), "{line}: {:?}", unit(line));
        }
    }

    #[test]
    fn filler_placeholders_and_headings_are_not_content() {
        for line in [
            "Quick sync",
            "Let's catch up!",
            "Hi all,",
            "Hello team, see you there.",
            "Thanks, Bob",
            "Coffee chat :)",
            "Moving this from Tuesday.",
            "Weekly 1:1 - bring topics",
            "Hallo zusammen, kurzer Austausch",
            "Bonjour à tous, petit point rapide",
            "よろしくお願いします。",
            "Agenda: TBD",
            "Details to follow",
            "Agenda:",
            "Notes:",
            "Action items:",
            "1.",
            "🎉🎉🎉",
            "Location: Room 4",
            "weekly sync",
        ] {
            assert!(!is_content(line), "{line}: {:?}", unit(line));
        }
        assert_eq!(unit("Agenda: TBD"), Unit::Placeholder("TBD".into()));
        assert_eq!(
            unit("Details to follow"),
            Unit::Placeholder("Details to follow".into())
        );
        assert_eq!(unit("Notes:"), Unit::Heading);
    }

    #[test]
    fn details_later_holding_the_time_and_small_talk_are_not_content_in_any_language() {
        for line in [
            // Details later: the meta noun, a verb of sending or clarifying, later.
            "We'll circulate the details closer to the date.",
            "Specifics to be confirmed in due course.",
            "Genauere Infos kommen noch.",
            "Die Inhalte werden später verschickt.",
            "Précisions à venir, je vous tiens au courant.",
            "Compartiremos el contenido próximamente.",
            "Lo concretamos más adelante",
            "Enviaremos mais informações em breve.",
            "Condivideremo i contenuti a breve.",
            "We sturen de info binnenkort rond.",
            "Agendan meddelas inom kort.",
            "Prześlę szczegóły później.",
            "Temat do potwierdzenia",
            "Подробности пришлю позже.",
            "Деталі надішлю згодом.",
            "Detayları yakında paylaşacağım.",
            "Upřesním později",
            "Dagsorden sendes senere",
            "Sender detaljer senere",
            "Tarkentuu myöhemmin",
            "Θα ενημερώσω",
            "Info lengkap akan dikabari segera.",
            "Később pontosítom",
            "Revin cu detalii în curând.",
            "سأرسل التفاصيل قريباً.",
            "אעדכן פרטים בהמשך השבוע",
            "विवरण बाद में भेजे जाएंगे",
            "詳細は確定次第共有します。",
            "内容は後日ご連絡いたします。",
            "具体内容另行通知",
            "内容待确认",
            "細節稍後補上",
            "자세한 내용은 나중에 공유드리겠습니다.",
            "안건은 아직 미정입니다.",
            "รายละเอียดจะแจ้งให้ทราบอีกครั้ง",
            // Holding the time.
            "Pencilled in for now, agenda to follow.",
            "Sending an invite so it's on calendars.",
            "Termin geblockt – Infos folgen",
            "Nur als Platzhalter eingestellt",
            "Réservé – infos à suivre",
            "Pauta provisória, ainda em aberto.",
            "Wstępnie zarezerwowane",
            "Orario riservato, contenuti da definire.",
            "Créneau réservé en attendant, ordre du jour à venir.",
            "จองเวลาไว้ชั่วคราว",
            "仮でお時間押さえております",
            "先占个时间，详情后续同步",
            "일정 확보용으로 먼저 보내드립니다.",
            // Small talk, greetings, thanks, forwarding.
            "Thanks a lot!",
            "Looking forward to speaking with you.",
            "Forwarding for visibility.",
            "Petit point entre nous",
            "On se cale un moment pour discuter.",
            "Gezellig bijkletsen",
            "Unser regelmäßiger Jour fixe",
            "Sincronización rápida",
            "Γεια σε όλους,",
            "Sees!",
            "大家好，",
            "Cześć wszystkim, pogadajmy przy kawie!",
            "สวัสดีทุกคน คุยเล่นกันครับ",
        ] {
            assert!(!is_content(line), "{line}: {:?}", unit(line));
        }
    }

    #[test]
    fn the_same_words_with_a_topic_are_content() {
        for line in [
            "Details zur Budgetfreigabe folgen",
            "Infos zum Umzug nach Berlin folgen",
            "Quick chat about the SSO rollout",
            "Vorläufige Ergebnisse",
            "Preliminary results",
            "Open action items",
            "Quick sync on content",
            "Thanks a lot! Please bring the revised headcount numbers.",
            "Forwarding for visibility: this is where we settle the on-call rota.",
            "Petit point sur le recrutement du stagiaire",
            "Sincronización rápida del inventario de Valencia",
            "Szczegóły przeprowadzki biura wkrótce",
            "Подробности переезда склада пришлю позже",
            "聊聊校园招聘的进度",
            "价格调整方案稍后发送",
            "搬遷細節稍後補充",
            "채용 계획 관련 자세한 내용은 나중에 공유드리겠습니다.",
            "รายละเอียดงบประมาณจะแจ้งภายหลัง",
            "・資料の確認",
            "分享会",
            "Unterlagen zum Mietvertrag schicke ich vorab",
        ] {
            assert!(is_content(line), "{line}: {:?}", unit(line));
        }
    }

    #[test]
    fn placeholders_and_small_talk_of_new_writers_are_not_content() {
        for line in [
            // Details later: a clitic, a colloquial verb, the content as what is to follow.
            "Wir halten uns den Termin mal frei, Inhalt klären wir noch",
            "Rezerwuję termin, szczegóły podeślę bliżej daty",
            "Blochez intervalul, revin cu detalii",
            "Reservo el hueco, ya os cuento.",
            "Booking slot dulu ya, nanti diupdate",
            "बाद में बताया जाएगा",
            "Giữ chỗ trước nhé, nội dung cập nhật sau",
            "Şimdilik yer tutucu, netleşince güncellerim",
            "Tid reserveret – indhold kommer.",
            "Tarkempi sisältö myöhemmin.",
            "سيتم تحديد التفاصيل لاحقا.",
            "Återkommer med innehåll.",
            "Contenu à préciser",
            "時間先保留，細節再通知。",
            "先卡個位，之後再說",
            // Holding the time.
            "Penciling this in so it doesn't disappear under everything else",
            "Sending this out to get it on calendars - will fill in the details closer to the date.",
            "Egyelőre csak lefoglalom az időpontot",
            "Поки що просто бронюю час",
            "(no agenda yet)",
            // Small talk, greetings and sign-offs.
            "Hi both, grabbing 30 min - nothing formal.",
            "Moikka, nähdään!",
            "Halo semua, sampai ketemu ya",
            "Just drop in whenever",
            "O zi bună tuturor!",
            "שבוע טוב! נתראה",
            "Kolay gelsin, görüşmek üzere",
            "Long overdue! Let's put something on the books.",
            "Til orientering",
            "Nos vemos y charlamos un rato, que hace mucho",
            "أهلا وسهلا، نلتقي إن شاء الله",
            "On se fait un petit point, histoire de prendre des nouvelles",
            "Bora conversar um pouco!",
            "Hei alle sammen",
            "Sziasztok, ott találkozunk!",
            "辛苦了，到時見！",
            "편하게 들어오세요",
            "Optional - join if you can.",
            "Med vänlig hälsning",
            "Créneau provisoire, ordre du jour à suivre.",
            "Деталі будуть наступного тижня.",
            "Dzięki wielkie, do usłyszenia!",
            "Coffee chat, just the two of us.",
        ] {
            assert!(!is_content(line), "{line}: {:?}", unit(line));
        }
    }

    #[test]
    fn content_nouns_stay_topics_outside_their_phrases() {
        for line in [
            "Contenu du site",
            "Inhalte für den Newsletter",
            "Bülten içeriği",
            "Shared calendars for the front desk",
            "Bloque 3",
            "Offene Punkte",
            "Details zur Budgetfreigabe folgen",
            "Nội dung website cửa hàng",
            "Treść strony sklepu internetowego",
            "Fill rate of the night shifts",
            "Budget provisoire 2025",
            "Jadwal rilis",
            "출시 일정",
        ] {
            assert!(is_content(line), "{line}: {:?}", unit(line));
        }
    }

    #[test]
    fn signals() {
        assert_eq!(
            unit("We need to decide the launch date"),
            Unit::Substance(Signal::Decision("decide".into()))
        );
        assert_eq!(
            unit("Which region first?"),
            Unit::Substance(Signal::Question)
        );
        assert_eq!(
            unit("Follow-up on #4411"),
            Unit::Substance(Signal::Ticket("#4411".into()))
        );
        assert_eq!(
            unit("(1) pricing (2) hiring (3) offsite"),
            Unit::Substance(Signal::InlineList(3))
        );
        assert_eq!(
            unit("We'll cover: pricing, hiring and the offsite"),
            Unit::Substance(Signal::InlineList(3))
        );
        assert_eq!(
            unit("pricing / hiring / offsite"),
            Unit::Substance(Signal::InlineList(3))
        );
        assert_eq!(ticket("UTF-8 and ISO-8601"), None);
        assert_eq!(ticket("Tel: +886 2 5555 0134 #201"), None);
        assert_eq!(ticket("Follow-up on 3 #4411"), Some("#4411".into()));
        assert!(matches!(unit("Europe/Stockholm"), Unit::Filler { .. }));
        assert!(is_content("Europe/Stockholm office opening"));
        assert_eq!(ticket("see PLAT-2291"), Some("PLAT-2291".into()));
    }

    #[test]
    fn the_title_does_not_count_in_small_talk() {
        let ctx = Context::new("launch sync");
        assert!(!substantive("Quick sync on the launch", &ctx));
        assert!(substantive("Let's discuss the launch", &ctx));
        assert!(substantive("Quick sync on the launch and the budget", &ctx));
    }

    #[test]
    fn headings_need_content() {
        let c = ctx();
        assert_eq!(
            heading(&lines("Agenda:\n1. Review"), &c),
            Some("Agenda".into())
        );
        assert_eq!(
            heading(&lines("**Goals**: ship the beta"), &c),
            Some("Goals".into())
        );
        assert_eq!(
            heading(&lines("## Meeting agenda\nBudget review"), &c),
            Some("Agenda".into())
        );
        assert_eq!(
            heading(&lines("Tagesordnung: Budget"), &c),
            Some("Tagesordnung".into())
        );
        assert_eq!(
            heading(&lines("Ziel: Budget freigeben"), &c),
            Some("Ziel".into())
        );
        assert_eq!(
            heading(&lines("目的：リリース判定"), &c),
            Some("目的".into())
        );
        assert_eq!(
            heading(&lines("Pre-read: the RFC draft"), &c),
            Some("Pre-read".into())
        );
        assert_eq!(heading(&lines("Agenda:"), &c), None);
        assert_eq!(heading(&lines("Agenda: TBD"), &c), None);
        assert_eq!(heading(&lines("Agenda: to follow"), &c), None);
        assert_eq!(heading(&lines("Agenda: -"), &c), None);
        assert_eq!(heading(&lines("Agenda:\ntbd"), &c), None);
        assert_eq!(heading(&lines("Agenda:\nGoals:"), &c), None);
        assert_eq!(heading(&lines("Agenda:\nNotes:\nAction items:"), &c), None);
        assert_eq!(
            heading(&lines("Agenda:\n- TBD\n- Budget"), &c),
            Some("Agenda".into())
        );
        assert_eq!(heading(&lines("Topic: Weekly sync"), &c), None);
        assert_eq!(heading(&lines("The agenda will be great"), &c), None);
    }

    #[test]
    fn items() {
        let c = ctx();
        assert_eq!(
            list_items(
                &lines("- one thing\n* two things\n• three\n1. four\n2) five"),
                &c
            ),
            5
        );
        assert_eq!(list_items(&lines("- \n-\n- 42\n-TBD\n- tbd"), &c), 0);
        assert_eq!(
            list_items(
                &lines("10:00 Welcome\n10:15 - 11:00 Architecture\n2pm: Wrap-up"),
                &c
            ),
            3
        );
        assert_eq!(list_items(&lines("✅ budget\n🔹 hiring"), &c), 2);
    }
}
