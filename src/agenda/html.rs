//! HTML to plain text: tags dropped, block tags to line breaks, `<li>` and `<tr>` to a bullet line,
//! `<script>`/`<style>` content dropped, entities decoded, and a link's target written after its
//! text as Outlook's plain text does (`Join the meeting <https://...>`), so that HTML and plain
//! text of the same invitation read the same.
//!
//! A forgiving scanner, not a parser: anything that is not clearly markup stays text, so
//! broken input loses nothing (an unclosed comment or script keeps its content). Every byte is
//! looked at a bounded number of times: a search for a closing `>`, `-->` or `</script` that
//! fails once is never repeated from a later position.

use std::sync::LazyLock;

use regex::Regex;

/// The text of an HTML fragment.
pub(super) struct Converted {
    pub text: String,
}

/// Writes an anchor's target after its text, unless the text already shows it.
fn close_anchor(out: &mut String, open: &mut Option<(usize, String)>) {
    if let Some((start, href)) = open.take() {
        let shown = href
            .split_once("://")
            .map_or(href.as_str(), |(_, rest)| rest)
            .trim_end_matches('/');
        if !out[start..].contains(shown) {
            out.push_str(" <");
            out.push_str(&href);
            out.push('>');
        }
    }
}

/// A known tag or a comment somewhere in the text: treat the text as HTML. Plain text with
/// `<https://...>` or `<name@example.com>` (Outlook's plain-text links) is not HTML.
static HTML_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)<(?:!--|!doctype|/?(?:a|b|i|u|s|p|br|hr|div|span|ul|ol|li|em|strong|font|table|tbody|thead|tr|td|th|h[1-6]|html|head|body|meta|style|script|title|img|blockquote|pre|code|center|small|sub|sup|strike|o:p)(?:\s[^<>]*)?/?>)",
    )
    .expect("valid regex")
});

static HREF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#).expect("valid regex")
});

/// Elements whose content is not shown text.
const RAW_TEXT: [&str; 5] = ["script", "style", "title", "template", "xml"];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "ul",
];

pub(super) fn looks_like_html(s: &str) -> bool {
    HTML_HINT.is_match(s)
}

enum Markup {
    /// Not markup: the `<` is text.
    Text,
    /// `<!--`.
    Comment,
    /// `<!DOCTYPE ...>`, `<![if ...]>`, `<?xml ...?>`.
    Declaration,
    /// A start or end tag; `name` is the byte range of its name.
    Tag {
        name: std::ops::Range<usize>,
        closing: bool,
    },
}

fn markup_at(b: &[u8], lt: usize) -> Markup {
    let next = b.get(lt + 1).copied();
    if b[lt + 1..].starts_with(b"!--") {
        return Markup::Comment;
    }
    if matches!(next, Some(b'!' | b'?')) {
        return Markup::Declaration;
    }
    let closing = next == Some(b'/');
    let start = if closing { lt + 2 } else { lt + 1 };
    let name_char = |j: usize| {
        b.get(j)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
    };
    if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
        return Markup::Text;
    }
    let mut j = start;
    while name_char(j) {
        j += 1;
    }
    // Namespaced Office tags (`<o:p>`), but not `<https://` or `<mailto:x@y>`.
    if b.get(j) == Some(&b':') && b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric) {
        j += 1;
        while name_char(j) {
            j += 1;
        }
    }
    match b.get(j) {
        Some(c) if c.is_ascii_whitespace() || *c == b'/' || *c == b'>' => Markup::Tag {
            name: start..j,
            closing,
        },
        _ => Markup::Text,
    }
}

fn find_byte(b: &[u8], from: usize, needle: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == needle)
        .map(|p| from + p)
}

fn find_seq(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

fn line_break(name: &str, closing: bool) -> &'static str {
    match name {
        "br" => "\n",
        "li" | "tr" if closing => "\n",
        // A list item, and a table row (an agenda is often a table of times and topics).
        "li" | "tr" => "\n• ",
        "td" | "th" => " ",
        _ if BLOCKS.contains(&name) => "\n",
        _ => "",
    }
}

fn href(attrs: &str) -> Option<String> {
    let c = HREF.captures(attrs)?;
    let raw = c.get(1).or(c.get(2)).or(c.get(3))?.as_str();
    let mut out = String::with_capacity(raw.len());
    decode_entities_into(&mut out, raw);
    let out = out.trim();
    (!out.is_empty()).then(|| out.to_owned())
}

/// Converts an HTML fragment (or a whole document) to text.
pub(super) fn to_text(html: &str) -> Converted {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut anchor: Option<(usize, String)> = None;
    let mut i = 0;
    let mut text_from = 0;
    let mut no_more_gt = false;
    let mut no_more_comment_end = false;
    let mut no_more_raw_end = [false; RAW_TEXT.len()];
    while let Some(lt) = find_byte(b, i, b'<') {
        // Unless markup is recognised below, the `<` is text and scanning goes on after it.
        i = lt + 1;
        match markup_at(b, lt) {
            Markup::Text => {}
            Markup::Comment => {
                if no_more_comment_end {
                    continue;
                }
                match find_seq(b, lt + 4, b"-->") {
                    Some(end) => {
                        decode_entities_into(&mut out, &html[text_from..lt]);
                        i = end + 3;
                        text_from = i;
                    }
                    None => no_more_comment_end = true,
                }
            }
            Markup::Declaration => {
                if no_more_gt {
                    continue;
                }
                match find_byte(b, lt + 2, b'>') {
                    Some(gt) => {
                        decode_entities_into(&mut out, &html[text_from..lt]);
                        i = gt + 1;
                        text_from = i;
                    }
                    None => no_more_gt = true,
                }
            }
            Markup::Tag { name, closing } => {
                if no_more_gt {
                    continue;
                }
                let Some(gt) = find_byte(b, name.end, b'>') else {
                    no_more_gt = true;
                    continue;
                };
                decode_entities_into(&mut out, &html[text_from..lt]);
                i = gt + 1;
                text_from = i;
                let attrs = &html[name.end..gt];
                let name = html[name].to_ascii_lowercase();
                if name == "a" {
                    close_anchor(&mut out, &mut anchor);
                    if !closing && let Some(target) = href(attrs) {
                        let shown = !target.starts_with('#')
                            && !target.to_ascii_lowercase().starts_with("javascript:");
                        if shown {
                            anchor = Some((out.len(), target));
                        }
                    }
                }
                // Block elements start a line, but two in a row make no empty line: only
                // `<br>` and an empty paragraph (`<p>&nbsp;</p>`) do, as in plain text.
                let brk = line_break(&name, closing);
                if !(brk == "\n" && name != "br" && out.ends_with('\n')) {
                    out.push_str(brk);
                }
                if closing || attrs.ends_with('/') {
                    continue;
                }
                if let Some(k) = RAW_TEXT.iter().position(|r| *r == name) {
                    if no_more_raw_end[k] {
                        continue;
                    }
                    let close = format!("</{name}");
                    match find_seq(b, i, close.as_bytes()) {
                        // The end tag is parsed as a tag on the next round.
                        Some(end) => {
                            i = end;
                            text_from = end;
                        }
                        // Unclosed: keep the rest as text rather than lose it.
                        None => no_more_raw_end[k] = true,
                    }
                }
            }
        }
    }
    decode_entities_into(&mut out, &html[text_from..]);
    close_anchor(&mut out, &mut anchor);
    Converted { text: out }
}

/// Appends `s` to `out` with character references decoded (`&amp;`, `&nbsp;`, `&#39;`,
/// `&#x2019;`). A doubly escaped reference (`&amp;nbsp;`, Google escapes some text twice) is
/// decoded once more. Anything that is not a complete, known reference stays as it was.
pub(super) fn decode_entities_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after) {
            Some((Decoded::Str("&"), len)) => match reference(&after[len..]) {
                Some((inner, inner_len)) => {
                    inner.push_to(out);
                    rest = &after[len + inner_len..];
                }
                None => {
                    out.push('&');
                    rest = &after[len..];
                }
            },
            Some((decoded, len)) => {
                decoded.push_to(out);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Decodes plain text's character references into a new string.
pub(super) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    decode_entities_into(&mut out, s);
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Decoded {
    Str(&'static str),
    Char(char),
}

impl Decoded {
    fn push_to(self, out: &mut String) {
        match self {
            Decoded::Str(s) => out.push_str(s),
            Decoded::Char(c) => out.push(c),
        }
    }
}

/// The reference at the start of `s` (just after an `&`) and its length including the `;`.
fn reference(s: &str) -> Option<(Decoded, usize)> {
    let semi = s.bytes().take(12).position(|c| c == b';')?;
    let name = &s[..semi];
    let decoded = match name.strip_prefix('#') {
        Some(num) => numeric(num)?,
        None => Decoded::Str(named(name)?),
    };
    Some((decoded, semi + 1))
}

fn numeric(num: &str) -> Option<Decoded> {
    let (digits, radix) = match num.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (num, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let code = u32::from_str_radix(digits, radix).ok()?;
    Some(match code {
        160 | 0x2002 | 0x2003 | 0x2009 | 0x202F => Decoded::Str(" "),
        0x200B..=0x200D | 0x2060 | 0xFEFF | 0xAD => Decoded::Str(""),
        _ => Decoded::Char(
            char::from_u32(code)
                .filter(|c| *c != '\0')
                .unwrap_or('\u{FFFD}'),
        ),
    })
}

fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "shy" | "zwnj" | "zwj" | "lrm" | "rlm" => "",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "deg" => "°",
        "times" => "×",
        "divide" => "÷",
        "rarr" => "→",
        "larr" => "←",
        "auml" => "ä",
        "ouml" => "ö",
        "uuml" => "ü",
        "Auml" => "Ä",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        "szlig" => "ß",
        "aacute" => "á",
        "eacute" => "é",
        "iacute" => "í",
        "oacute" => "ó",
        "uacute" => "ú",
        "Eacute" => "É",
        "agrave" => "à",
        "egrave" => "è",
        "ugrave" => "ù",
        "acirc" => "â",
        "ecirc" => "ê",
        "icirc" => "î",
        "ocirc" => "ô",
        "ucirc" => "û",
        "ccedil" => "ç",
        "ntilde" => "ñ",
        "Ntilde" => "Ñ",
        "iquest" => "¿",
        "iexcl" => "¡",
        _ => return None,
    })
}
