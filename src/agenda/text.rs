//! Evidence in cleaned lines of text: meaningful words, agenda headings with content, and
//! list items.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

/// The keywords that head an agenda (also in German, French, Spanish, Italian, Dutch and
/// Portuguese). `Topic:` (singular) is not one: Zoom writes it before every meeting's title.
const HEADING_KEYWORDS: &str = r"agenda(?: items| points)?|goals?|objectives?|purpose|topics(?: to (?:discuss|cover))?|(?:things |items )?to (?:discuss|cover)|what we(?:'ll| will) (?:cover|discuss)|discussion (?:points|topics|items)|talking points|key questions|questions|(?:desired |expected )?outcomes?|outline|tagesordnung|themen|ziele|ordre du jour|objectifs?|sujets|orden del d[ií]a|temas|objetivos?|ordine del giorno|agendapunten|dagorde|pauta";

/// A heading line: optional marks (`##`, `**`, an emoji) and up to two leading words
/// (`Meeting agenda`, `Today's goals`), the keyword, an optional `for ...`/`of ...` or
/// `(draft)`, then a colon, a dash or the end of the line. `rest` is whatever follows on the
/// same line.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^[^\p{{L}}\p{{N}}]{{0,10}}(?:[\p{{L}}'’]+\s){{0,2}}?(?P<kw>{HEADING_KEYWORDS})(?:\s(?:for|of|de|du|del|für)\s[^:]{{0,40}}?)?(?:\s?\([^)]{{0,30}}\))?[*_\s]*(?::|：|\s[-–—]\s|$)(?P<rest>.*)$"
    ))
    .expect("valid regex")
});

/// Says there is no content yet: `TBD`, `to follow`, `-`, `n/a`, optionally with filler
/// (`TBD, will share before the meeting`). Only filler may follow: `None of the usual, we
/// decide the reorg` is content.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    let marks = r"[\s\-–—:;,.*_()\[\]?!…]";
    let placeholder = r"tbd|tba|tbc|to follow|to be (?:decided|determined|defined|announced|confirmed|shared|added|sent)|will follow|will be (?:shared|sent|added|provided)|coming soon|later|n/?a|none|nothing|not yet|pending|wip|todo|to do";
    let filler = r"yet|will|to|be|i|we|i'll|we'll|share|shared|send|sent|add|added|follow|follows|soon|later|before|closer|the|a|meeting|call|session|date|time|by|in|when|ready|asap|here|it|for|now|organizer|host";
    Regex::new(&format!(
        r"(?i)^{marks}*(?:(?:{placeholder})(?:{marks}+(?:{filler}))*\b)?{marks}*$"
    ))
    .expect("valid regex")
});

/// A list item marker followed by a space: a bullet or other symbol (`-`, `•`, `✅`), `1.`,
/// `2)`, `a)`, `(3)`, `[ ]`, or a time or date that starts a schedule line (`10:15`,
/// `9.30 - 10.00`, `2pm`, `2025-03-04:`, `4/3`); or the Japanese `・`, which needs no space.
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:[-*+•·◦▪▫‣⁃●○■□➢➤►▶→✓✔☐☑–\p{So}\p{Sm}]|\d{1,3}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\)|\[[ x]?\]|(?:\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?)(?:\s?[-–—]\s?(?:\d{1,2}[:.]\d{2}|\d{1,2})\s?(?:[ap]\.?m\.?)?)?\s?[:|–—-]?|(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?)\s?[:|–—-]?)\s+|・\s*)",
    )
    .expect("valid regex")
});

/// Words that carry no meaning on their own: English function words and pleasantries.
static STOP_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    "a about above after again against all also am an and any are aren't as at be because been \
     before being below between both but by can can't cannot could couldn't did didn't do does \
     doesn't doing don't down during each few for from further get got had hadn't has hasn't \
     have haven't having he he'd he'll he's her here here's hers herself him himself his how \
     how's i i'd i'll i'm i've if in into is isn't it it's its itself just let let's lets me \
     more most mustn't my myself no nor not of off on once only or other ought our ours \
     ourselves out over own same shan't she she'd she'll she's should shouldn't so some such \
     than that that's the their theirs them themselves then there there's these they they'd \
     they'll they're they've this those through to too under until up us very via was wasn't \
     we we'd we'll we're we've were weren't what what's when when's where where's which while \
     who who's whom why why's will with won't would wouldn't you you'd you'll you're you've \
     your yours yourself yourselves hi hello hey dear thanks thank thx cheers regards best \
     please pls ok okay yes fyi etc re per"
        .split_whitespace()
        .collect()
});

fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar):
/// every two characters count as one word.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2FFFF | 0x0E00..=0x0EFF | 0x1780..=0x17FF | 0x1000..=0x109F)
}

/// `host.tld`-like tokens (`docs.google.com`, `node.js`): not words.
fn domain_like(token: &str) -> bool {
    let token = token.trim_matches(|c: char| !c.is_alphanumeric());
    let mut parts = token.split('.');
    let Some(last) = token.rsplit('.').next() else {
        return false;
    };
    token.contains('.')
        && (2..=6).contains(&last.len())
        && last.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

fn link_like(token: &str) -> bool {
    token.contains("://")
        || token.contains('@')
        || token
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("www."))
        || domain_like(token)
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
    let lower = piece.to_lowercase().replace('’', "'");
    !STOP_WORDS.contains(lower.as_str())
}

/// Meaningful words in a line: not stop words, links, e-mail addresses or numbers (a word
/// starts with a letter and has at least two characters).
pub(super) fn meaningful_words(line: &str) -> usize {
    let mut n = 0;
    for token in line.split_whitespace() {
        if link_like(token) {
            continue;
        }
        let mut unspaced_chars = 0;
        for piece in token.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        {
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

/// Strips a list marker, if any.
pub(super) fn strip_bullet(line: &str) -> &str {
    match LIST_ITEM.find(prefix(line, 64)) {
        Some(m) => &line[m.end()..],
        None => line,
    }
}

/// Content is at least one meaningful word or a link (conferencing links are gone by now)
/// that is not a placeholder.
fn is_content(text: &str) -> bool {
    let text = strip_bullet(text.trim());
    !PLACEHOLDER.is_match(prefix(text, 200))
        && (meaningful_words(text) > 0 || text.split_whitespace().any(link_like))
}

/// A heading with nothing on its line: it needs content on the next one.
fn bare_heading(line: &str) -> bool {
    HEADING
        .captures(prefix(line, 200))
        .is_some_and(|c| c["rest"].trim().is_empty())
}

/// Whether the lines after a bare heading give it content: the next line, or any item of the
/// list that follows it (`- TBD`, `- Budget`). Looks at most 50 lines ahead.
fn content_follows(after: &[String]) -> bool {
    for (k, line) in after.iter().take(50).enumerate() {
        let in_list = LIST_ITEM.is_match(prefix(line, 64));
        if bare_heading(line) || k > 0 && !in_list {
            return false;
        }
        if is_content(line) {
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
pub(super) fn heading(lines: &[String]) -> Option<String> {
    for (i, line) in lines.iter().enumerate() {
        let Some(c) = HEADING.captures(prefix(line, 200)) else {
            continue;
        };
        let rest = c["rest"].trim().trim_matches(['*', '_']);
        let has_content = if rest.trim().is_empty() {
            content_follows(&lines[i + 1..])
        } else {
            is_content(rest)
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

/// Lines that are list items with content.
pub(super) fn list_items(lines: &[String]) -> usize {
    lines
        .iter()
        .filter(|line| {
            LIST_ITEM
                .find(prefix(line, 64))
                .is_some_and(|m| is_content(&line[m.end()..]))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn words() {
        assert_eq!(meaningful_words("Hi all, quick sync about the launch"), 3);
        assert_eq!(
            meaningful_words("See https://x.example/doc and mail bob@example.com at 10am on 3/4"),
            2
        );
        assert_eq!(meaningful_words("docs.google.com node.js"), 0);
        assert_eq!(meaningful_words("Q3 follow-up: don't forget"), 3);
        assert_eq!(meaningful_words("四半期の計画を確認します"), 6);
    }

    #[test]
    fn headings_need_content() {
        assert_eq!(heading(&lines("Agenda:\n1. Review")), Some("Agenda".into()));
        assert_eq!(
            heading(&lines("**Goals**: ship the beta")),
            Some("Goals".into())
        );
        assert_eq!(
            heading(&lines("## Meeting agenda\nBudget review")),
            Some("Agenda".into())
        );
        assert_eq!(
            heading(&lines("Purpose of this meeting: decide the launch date")),
            Some("Purpose".into())
        );
        assert_eq!(
            heading(&lines("Tagesordnung: Budget")),
            Some("Tagesordnung".into())
        );
        assert_eq!(heading(&lines("Agenda:")), None);
        assert_eq!(heading(&lines("Agenda: TBD")), None);
        assert_eq!(heading(&lines("Agenda: to follow")), None);
        assert_eq!(heading(&lines("Agenda: -")), None);
        assert_eq!(
            heading(&lines("Agenda: TBD, will share before the meeting.")),
            None
        );
        assert_eq!(
            heading(&lines("Agenda: none of the usual, we decide the Q3 reorg")),
            Some("Agenda".into())
        );
        assert_eq!(heading(&lines("Agenda:\ntbd")), None);
        assert_eq!(heading(&lines("Agenda:\nGoals:")), None);
        assert_eq!(
            heading(&lines("Agenda:\n- TBD\n- Budget")),
            Some("Agenda".into())
        );
        assert_eq!(heading(&lines("Agenda:\n- TBD\nSee you")), None);
        assert_eq!(heading(&lines("Topic: Weekly sync")), None);
        assert_eq!(
            heading(&lines("📋 Agenda (draft):\nbudget")),
            Some("Agenda".into())
        );
        assert_eq!(
            heading(&lines("Agenda: https://bit.ly/3xYz")),
            Some("Agenda".into())
        );
        assert_eq!(
            heading(&lines("Things to discuss: offsite")),
            Some("Things to discuss".into())
        );
        assert_eq!(heading(&lines("The agenda will be great")), None);
    }

    #[test]
    fn items() {
        assert_eq!(
            list_items(&lines(
                "- one thing\n* two things\n• three\n1. four\n2) five"
            )),
            5
        );
        assert_eq!(list_items(&lines("- \n-\n- 42\n-TBD\n- tbd")), 0);
        assert_eq!(list_items(&lines("*Note:* nothing")), 0);
        assert_eq!(
            list_items(&lines(
                "10:00 Welcome\n10:15 - 11:00 Architecture\n2pm: Wrap-up"
            )),
            3
        );
        assert_eq!(list_items(&lines("✅ budget\n🔹 hiring")), 2);
    }
}
