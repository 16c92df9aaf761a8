//! Signatures confirmed by whose they are. A sender's signature block spells its sender out
//! twice: a name above, and the same name again in the local part of the sender's own e-mail
//! address below it (`Pieter Meijer` … `pieterm@zorgpartners.nl`), or a company named by the
//! address's domain (`Zorgpartners Nederland B.V.`). That holds in every language written in
//! a Latin, Cyrillic or Greek script, whatever the title, department and address lines between
//! them say, so the block needs no word list to be known for what it is.
//!
//! The rule reads one paragraph at a time (lines with no more blank lines between them than the
//! description's least spacing): an address in the paragraph, or the invitation's organizer,
//! confirms a name or company line of it, and the block from that line to the paragraph's
//! end is the signature, but for the lines only a sender could mean (a sentence, a question,
//! a list, a ticket, a decision, a heading: `mail::senders_own`). A topic written inside a
//! confirmed block, between the sender's name and their own address, is taken for a title:
//! that is where a signature's titles stand.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::Boilerplate;
use super::boilerplate::{Line, Shape};
use super::mail;

/// The most lines a confirmed block takes: a signature is short.
const MAX_BLOCK: usize = 16;

/// An e-mail address's local part and domain, lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Address {
    local: String,
    domain: String,
}

fn addresses(line: &str) -> Vec<Address> {
    static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b([a-z0-9][a-z0-9._%+-]{0,63})@([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,5})\b",
        )
        .expect("valid regex")
    });
    ADDRESS
        .captures_iter(super::text::prefix(line, 2000))
        .take(8)
        .map(|c| Address {
            local: c[1].to_lowercase(),
            domain: c[2].to_lowercase(),
        })
        .collect()
}

/// An address as the organizer's is given (`mailto:` and all).
fn organizer_address(organizer: &str) -> Option<Address> {
    addresses(organizer).into_iter().next()
}

/// `text` in lower-case ASCII letters where it can be: accents dropped (`Dávid` → `david`),
/// the letters of other Latin alphabets spelled as their e-mail addresses spell them (`ł`,
/// `ø`, `ß`, `ı`), Cyrillic and Greek transliterated. Other scripts stay as they are.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' => out.push('l'),
            'ø' => out.push('o'),
            'đ' | 'ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            'ı' => out.push('i'),
            _ => match transliterate(c) {
                Some(s) => out.push_str(s),
                None => out.push(c),
            },
        }
    }
    out
}

/// A Cyrillic or Greek lower-case letter in the Latin letters e-mail addresses use for it.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ь' | 'ъ' => "",
        'ю' => "yu",
        'я' => "ya",
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' => "i",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' => "o",
        _ => return None,
    })
}

/// Whether two spellings of one name agree: the same, or but for the letters
/// transliterations tell apart (`kh` and `h`, `y` and `i`, `ks` and `x`).
fn same_name(a: &str, b: &str) -> bool {
    fn loose(s: &str) -> String {
        s.replace("kh", "h")
            .replace("ks", "x")
            .replace('y', "i")
            .replace("ou", "u")
    }
    a == b || a.len() >= 3 && loose(a) == loose(b)
}

/// The words of a name line, folded, letters only: `Kiss Dávid` → `kiss`, `david`;
/// `中村 由美（Yumi Nakamura）` → `yumi`, `nakamura` and the Japanese words. `None` when the line
/// is no name's shape: more than four words, a digit, a word in lower case in a cased
/// script (`Pieter will present` is a sentence), or a sentence's punctuation.
fn name_words(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 60 || line.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if line.contains(['?', '!', ':', ';', '@', '/', '|']) {
        return None;
    }
    let spaced: String = line
        .chars()
        .map(|c| {
            if matches!(c, '(' | ')' | '（' | '）' | ',' | '–' | '—') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let raw: Vec<&str> = spaced.split_whitespace().collect();
    if raw.is_empty() || raw.len() > 6 {
        return None;
    }
    let mut words = Vec::new();
    for w in raw {
        let w = w.trim_matches(|c: char| c == '.' || c == '\'' || c == '-');
        if w.is_empty() {
            continue;
        }
        let first = w.chars().next()?;
        // A word of a cased script starts with a capital; name particles (`van`, `de`,
        // `bin`) of at most three letters may not.
        if first.is_lowercase() && w.chars().count() > 3 {
            return None;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.')
        {
            return None;
        }
        for part in w.split(['-', '\'', '.']) {
            let f = fold(part);
            if !f.is_empty() {
                words.push(f);
            }
        }
    }
    (!words.is_empty() && words.len() <= 6).then_some(words)
}

/// Whether an address's local part spells a name of `words`: its parts (split at `.`, `_`,
/// `-` and digits) are the name's words or their initials, at least one a whole word of
/// three letters or more (`nguyen.tuan`, `r.shapira`, `david.kiss`); or, in one piece, a
/// word, a word and an initial, or two words run together (`pieterm`, `onura`, `jsmith`,
/// `yumi`, `annasmith`).
fn spells(local: &str, words: &[String]) -> bool {
    let local = local.split('+').next().unwrap_or(local);
    let parts: Vec<&str> = local
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|p| !p.is_empty())
        .collect();
    let words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    if parts.is_empty() || words.is_empty() {
        return false;
    }
    let whole = |p: &str| p.len() >= 3 && words.iter().any(|w| same_name(w, p));
    let initial = |p: &str| p.len() == 1 && words.iter().any(|w| w.starts_with(p));
    if parts.len() >= 2 {
        return parts.len() <= 4
            && parts.iter().any(|p| whole(p))
            && parts.iter().all(|p| whole(p) || initial(p));
    }
    let p = parts[0];
    if whole(p) {
        return true;
    }
    // Two words run together, or a word with an initial before or after it.
    words.iter().enumerate().any(|(i, a)| {
        words.iter().enumerate().any(|(j, b)| {
            if i == j {
                return false;
            }
            let first = |w: &str| w.chars().next().map(String::from).unwrap_or_default();
            let candidates = [
                format!("{a}{b}"),
                format!("{a}{}", first(b)),
                format!("{}{b}", first(a)),
            ];
            candidates.iter().any(|c| c.len() >= 4 && same_name(c, p))
        })
    })
}

/// The labels of a domain that may name its company: not the top-level one, not a
/// second-level one (`co`, `com`, `gov`), not a mail host's (`mail`, `www`), four letters or
/// more, hyphens dropped (`nihon-si.co.jp` → `nihonsi`).
fn domain_names(domain: &str) -> Vec<String> {
    const GENERIC: &[&str] = &[
        "mail",
        "email",
        "smtp",
        "post",
        "www",
        "corp",
        "info",
        "online",
        "group",
        "gmail",
        "outlook",
        "hotmail",
        "yahoo",
        "icloud",
        "proton",
        "protonmail",
        "live",
        "yandex",
        "mailbox",
        "gmx",
        "naver",
        "daum",
        "qq",
        "foxmail",
    ];
    let labels: Vec<&str> = domain.split('.').collect();
    labels[..labels.len().saturating_sub(1)]
        .iter()
        .map(|l| l.replace('-', ""))
        .filter(|l| l.len() >= 4 && !GENERIC.contains(&l.as_str()))
        .collect()
}

/// A company line its domain names: a run of its words (folded, letters only) spells the
/// domain's name (`Carpathia Capital Partners` and `carpathiacapital.ro`, `Công ty TNHH Phần
/// mềm Kho Thông Minh` and `khothongminh.vn`). A short line, with no sentence's punctuation
/// and every longer word capitalised, or with a company's legal form.
fn names_company(line: &str, domain: &str) -> bool {
    let line = line.trim();
    let count = line.split_whitespace().count();
    if count == 0
        || count > 10
        || line.contains(['?', '!', ':'])
        || line.ends_with('.') && !mail::company(line)
    {
        return false;
    }
    let capitalised = line.split_whitespace().all(|w| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        letters <= 3 || !w.chars().next().is_some_and(char::is_lowercase)
    });
    if !capitalised && !mail::company(line) {
        return false;
    }
    let words: Vec<String> = line
        .split(|c: char| !c.is_alphanumeric())
        .map(fold)
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    domain_names(domain).iter().any(|name| {
        (0..words.len()).any(|i| {
            let mut run = String::new();
            for w in &words[i..] {
                run.push_str(w);
                if run == *name {
                    return true;
                }
                if run.len() >= name.len() {
                    break;
                }
            }
            false
        })
    })
}

/// What confirms a line of a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// The sender's name, spelled by an address's local part.
    Person,
    /// The sender's company, named by an address's domain.
    Company,
}

fn named(line: &str, addresses: &[Address]) -> Option<Named> {
    if let Some(words) = name_words(line)
        && addresses.iter().any(|a| spells(&a.local, &words))
    {
        return Some(Named::Person);
    }
    addresses
        .iter()
        .any(|a| names_company(line, &a.domain))
        .then_some(Named::Company)
}

/// A line a confirmed block may hold: short, no label with a value but a contact's, not the
/// sender's own words.
fn holdable(line: &Line) -> bool {
    let t = line.text.trim();
    let words = t.split_whitespace().count();
    words <= 12
        && !mail::senders_own(t)
        && !t.ends_with([':', '：'])
        && (!t.contains([':', '：'])
            || mail::contact_like(t)
            || mail::phone(t)
            || mail::register(t)
            || mail::postal(t))
}

/// Whether the line may carry the sender's address: kept, or taken for a signature, a
/// dial-in line (a phone or e-mail line looks like one) or a legal notice.
fn addressable(line: &Line) -> bool {
    line.shape == Shape::Text
        && line.strip.is_none_or(|b| {
            matches!(
                b,
                Boilerplate::Signature | Boilerplate::DialIn | Boilerplate::Legal
            )
        })
}

/// Marks the signature blocks that their sender's address confirms (see the module's
/// documentation). `organizer` is the invitation's organizer, whose name and company confirm
/// a block too, but only one that holds a contact line of its own.
pub(super) fn signatures(lines: &mut [Line], organizer: Option<&str>) {
    let organizer = organizer.and_then(organizer_address);
    let spacing = mail::least_spacing(lines);
    let end = lines
        .iter()
        .position(|l| l.strip == Some(Boilerplate::Forwarded))
        .unwrap_or(lines.len());
    let mut i = 0;
    while i < end {
        if matches!(lines[i].shape, Shape::Blank | Shape::Separator) {
            i += 1;
            continue;
        }
        let (start, mut last, mut blanks) = (i, i, 0);
        for (j, line) in lines.iter().enumerate().take(end).skip(i) {
            match line.shape {
                Shape::Blank => {
                    blanks += 1;
                    if blanks > spacing {
                        break;
                    }
                }
                Shape::Separator => break,
                _ => {
                    blanks = 0;
                    last = j;
                }
            }
        }
        i = last + 1;
        confirm(&mut lines[start..=last], organizer.as_ref());
    }
}

/// One paragraph of [`signatures`].
fn confirm(paragraph: &mut [Line], organizer: Option<&Address>) {
    let own: Vec<Address> = paragraph
        .iter()
        .filter(|l| addressable(l))
        .flat_map(|l| addresses(&l.text))
        .collect();
    let contact = paragraph.iter().any(|l| {
        addressable(l)
            && (mail::contact_like(&l.text) || mail::phone(&l.text) || mail::register(&l.text))
    });
    let mut anchors = own.clone();
    if contact && let Some(o) = organizer {
        anchors.push(o.clone());
    }
    if anchors.is_empty() {
        return;
    }
    let candidate = |l: &Line| {
        l.shape == Shape::Text
            && l.strip.is_none_or(|b| b == Boilerplate::Signature)
            && !addresses(&l.text).iter().any(|a| own.contains(a))
    };
    let Some((k, how)) = paragraph
        .iter()
        .enumerate()
        .filter(|(_, l)| candidate(l))
        .find_map(|(k, l)| named(&l.text, &anchors).map(|n| (k, n)))
    else {
        return;
    };
    // A company named first: the name and a title may stand right above it.
    let start = match how {
        Named::Person => k,
        Named::Company => {
            let name_above = |j: usize| {
                paragraph[j].shape == Shape::Text
                    && paragraph[j]
                        .strip
                        .is_none_or(|b| b == Boilerplate::Signature)
                    && name_words(&paragraph[j].text).is_some()
            };
            if k >= 1 && name_above(k - 1) {
                k - 1
            } else if k >= 2 && name_above(k - 2) && holdable(&paragraph[k - 1]) {
                k - 2
            } else {
                k
            }
        }
    };
    // Under the contact lines only more of them, an address or a company's legal name: a
    // line of other words there is a topic (`claire.martin@lumen.fr` / `Tarifs des
    // transporteurs pour 2027`).
    let mut contacted = false;
    for line in paragraph.iter_mut().skip(start).take(MAX_BLOCK) {
        let t = line.text.as_str();
        let reach = mail::contact_like(t) || mail::phone(t) || !addresses(t).is_empty();
        if line.shape != Shape::Text || line.strip.is_some() {
            contacted |= line.shape == Shape::Text && reach;
            continue;
        }
        let more = reach || mail::postal(t) || mail::register(t) || mail::company(t);
        if !holdable(line) || contacted && !more {
            break;
        }
        contacted |= reach;
        line.strip = Some(Boilerplate::Signature);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        name_words(line).unwrap_or_default()
    }

    #[test]
    fn an_address_spells_its_senders_name() {
        assert!(spells("pieterm", &words("Pieter Meijer")));
        assert!(spells("nguyen.tuan", &words("Nguyễn Tuấn")));
        assert!(spells("david.kiss", &words("Kiss Dávid")));
        assert!(spells("onura", &words("Onur Aydın")));
        assert!(spells("r.shapira", &words("Ruth Shapira")));
        assert!(spells("yumi", &words("中村 由美（Yumi Nakamura）")));
        assert!(spells("s.sokolov", &words("Сергей Соколов")));
        assert!(spells("jsmith", &words("John Smith")));
        assert!(!spells("info", &words("Pieter Meijer")));
        assert!(!spells("pm", &words("Pieter Meijer")));
        // A sentence is no name, whatever its words.
        assert!(name_words("Pieter will present the plan").is_none());
        assert!(name_words("Budget 2027").is_none());
    }

    #[test]
    fn a_domain_names_its_company() {
        assert!(names_company(
            "Zorgpartners Nederland B.V.",
            "zorgpartners.nl"
        ));
        assert!(names_company(
            "Carpathia Capital Partners",
            "carpathiacapital.ro"
        ));
        assert!(names_company(
            "Công ty TNHH Phần mềm Kho Thông Minh",
            "khothongminh.vn"
        ));
        assert!(names_company("Nihon SI", "nihon-si.co.jp"));
        assert!(!names_company("Acme will present the roadmap", "acme.com"));
        assert!(!names_company("Zorgpartners", "mail.com"));
    }

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .map(|l| super::super::boilerplate::analyse(l, &mut |_| {}))
            .collect()
    }

    fn kept(lines: &[Line]) -> Vec<&str> {
        lines
            .iter()
            .filter(|l| l.shape == Shape::Text && l.strip.is_none())
            .map(|l| l.text.as_str())
            .collect()
    }

    #[test]
    fn a_block_its_address_confirms_is_the_signature_but_the_senders_own_words() {
        let mut l = lines(
            "Leuk om elkaar weer eens te spreken!\n\nMvg,\nPieter Meijer\nBusiness Developer Zorg\nZorgpartners Nederland B.V.\nHerengracht 420\n1017 BZ Amsterdam\npieterm@zorgpartners.nl",
        );
        signatures(&mut l, None);
        assert_eq!(kept(&l), ["Leuk om elkaar weer eens te spreken!", "Mvg,"]);
        // A question inside the block ends it; what is above the name is untouched.
        let mut l = lines(
            "Can we agree the Q3 budget?\nPieter Meijer\nWhat do you think of option B?\npieterm@zorgpartners.nl",
        );
        signatures(&mut l, None);
        assert_eq!(
            kept(&l),
            [
                "Can we agree the Q3 budget?",
                "What do you think of option B?"
            ]
        );
    }

    #[test]
    fn an_address_of_no_name_above_it_confirms_nothing() {
        let mut l = lines("Vendor Consolidation\nNorthwind Review\ninfo@example.com");
        signatures(&mut l, None);
        assert_eq!(kept(&l), ["Vendor Consolidation", "Northwind Review"]);
        // The organizer's name needs a contact line in its paragraph.
        let mut l = lines("Pieter Meijer\nBudget Revizyonu");
        signatures(&mut l, Some("mailto:pieterm@zorgpartners.nl"));
        assert_eq!(kept(&l).len(), 2);
        // Under the address, a topic.
        let mut l = lines(
            "--\nClaire Martin\nResponsable achats\nclaire.martin@lumen.fr\nTarifs des transporteurs pour 2027",
        );
        signatures(&mut l, None);
        assert_eq!(kept(&l), ["Tarifs des transporteurs pour 2027"]);
    }
}
