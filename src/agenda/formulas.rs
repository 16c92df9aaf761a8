//! Everyday formulas of business mail and invitations that name no topic, per language:
//! sign-offs, greetings, "see subject", thanks, holds, the words job titles are made of and
//! the words of booking tools' generic event types. One file per language under
//! `formulas/`, one entry per line (`category<TAB>text`, lower case; `#` starts a comment),
//! so that a language is read and mended on its own. They add to the word lists of
//! [`super::vocab`] and never take from them: a word that a list already holds keeps its
//! flags.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The files, by language code.
const FILES: &[(&str, &str)] = &[
    ("ar", include_str!("formulas/ar.tsv")),
    ("bg", include_str!("formulas/bg.tsv")),
    ("ca", include_str!("formulas/ca.tsv")),
    ("cs", include_str!("formulas/cs.tsv")),
    ("da", include_str!("formulas/da.tsv")),
    ("de", include_str!("formulas/de.tsv")),
    ("el", include_str!("formulas/el.tsv")),
    ("en", include_str!("formulas/en.tsv")),
    ("es", include_str!("formulas/es.tsv")),
    ("et", include_str!("formulas/et.tsv")),
    ("fi", include_str!("formulas/fi.tsv")),
    ("fr", include_str!("formulas/fr.tsv")),
    ("he", include_str!("formulas/he.tsv")),
    ("hi", include_str!("formulas/hi.tsv")),
    ("hr", include_str!("formulas/hr.tsv")),
    ("hu", include_str!("formulas/hu.tsv")),
    ("id", include_str!("formulas/id.tsv")),
    ("it", include_str!("formulas/it.tsv")),
    ("ja", include_str!("formulas/ja.tsv")),
    ("ko", include_str!("formulas/ko.tsv")),
    ("ms", include_str!("formulas/ms.tsv")),
    ("nb", include_str!("formulas/nb.tsv")),
    ("nl", include_str!("formulas/nl.tsv")),
    ("pl", include_str!("formulas/pl.tsv")),
    ("pt", include_str!("formulas/pt.tsv")),
    ("ro", include_str!("formulas/ro.tsv")),
    ("ru", include_str!("formulas/ru.tsv")),
    ("sk", include_str!("formulas/sk.tsv")),
    ("sv", include_str!("formulas/sv.tsv")),
    ("th", include_str!("formulas/th.tsv")),
    ("tr", include_str!("formulas/tr.tsv")),
    ("uk", include_str!("formulas/uk.tsv")),
    ("ur", include_str!("formulas/ur.tsv")),
    ("vi", include_str!("formulas/vi.tsv")),
    ("zh", include_str!("formulas/zh.tsv")),
];

/// What the files say, by the use the rules make of it.
#[derive(Default)]
pub(super) struct Formulas {
    /// Greetings of one word ("benvolguts"), no content (`vocab::FORMULA_GREETING`).
    pub(super) greeting_words: HashSet<String>,
    /// Sign-offs of one word ("cordialment"), no content (`vocab::FORMULA_CLOSING`).
    pub(super) closing_words: HashSet<String>,
    /// Sign-offs, one word or several ("cordialment", "una abraçada"): stripped where one
    /// is the whole line, maybe with a name after it, but starting no signature
    /// (`mail::closing_phrase_alone`).
    pub(super) closing_phrases: Vec<String>,
    /// Whole formulas removed from a line before its words are read: greetings in scripts
    /// without spaces, "see subject", thanks and holds of several words.
    pub(super) phrases: Vec<String>,
    /// The words job titles are made of ("directora", "asiakkuusvastaava").
    pub(super) job_words: HashSet<String>,
    /// The words of booking tools' generic event types ("videogesprek", "opfølgning").
    pub(super) booking_words: HashSet<String>,
    /// The words a note speaks of the mail and its parties with, in every form ("viestin",
    /// "wiadomości", "expeditorul").
    pub(super) message_words: HashSet<String>,
    /// The phrases of a mail's fixed notes, with what each note is (see [`Note`]).
    pub(super) notes: Vec<(String, Note)>,
}

/// What a note made of the formulas' fixed phrases is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Note {
    /// A confidentiality or legal notice, an external-sender banner, a save-paper plea.
    Legal,
    /// A mail app's line ("Sent from my iPhone", "Get Outlook for Android").
    App,
    /// A sender's availability ("I work part-time", "I am on leave").
    Away,
}

/// A formula's category, the first column of a file's line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Category {
    Closing,
    Greeting,
    SeeSubject,
    Thanks,
    Hold,
    JobWord,
    GenericBooking,
    Notice,
    Banner,
    Print,
    App,
    Away,
    MessageWord,
}

impl Category {
    fn parse(name: &str) -> Option<Category> {
        Some(match name {
            "closing" => Category::Closing,
            "greeting" => Category::Greeting,
            "see_subject" => Category::SeeSubject,
            "thanks" => Category::Thanks,
            "hold" => Category::Hold,
            "job_word" => Category::JobWord,
            "generic_booking" => Category::GenericBooking,
            "notice" => Category::Notice,
            "banner" => Category::Banner,
            "print" => Category::Print,
            "app" => Category::App,
            "away" => Category::Away,
            "message_word" => Category::MessageWord,
            _ => return None,
        })
    }
}

/// One line of a file: its category and its text.
struct Entry<'a> {
    category: Category,
    text: &'a str,
}

/// Why a file's line is no entry: its number and the reason.
type BadLine = (usize, String);

/// The entries of one file, or the first line that is none.
fn entries(file: &str) -> Result<Vec<Entry<'_>>, BadLine> {
    let mut out = Vec::new();
    for (n, line) in file.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (category, text) = line
            .split_once('\t')
            .ok_or_else(|| (n + 1, "expected `category<TAB>text`".to_owned()))?;
        let category = Category::parse(category)
            .ok_or_else(|| (n + 1, format!("unknown category {category:?}")))?;
        let text = text.trim();
        if text.is_empty() || text.to_lowercase() != text {
            return Err((n + 1, format!("{text:?} is empty or not lower case")));
        }
        out.push(Entry { category, text });
    }
    Ok(out)
}

fn unspaced(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(super::text::unspaced)
}

fn load() -> Formulas {
    let mut f = Formulas::default();
    for (_, file) in FILES {
        // A malformed line is caught by the unit test; the rest of the file still counts.
        let Ok(entries) = entries(file) else {
            continue;
        };
        for Entry { category, text } in entries {
            let one_word = !text.contains(char::is_whitespace) && !unspaced(text);
            match category {
                // Stripped where it stands alone, but starting no signature: what follows a
                // closing of words on no word list may be a topic ("Salam hangat, / Evaluasi
                // Proyek Jembatan / HP: ...").
                Category::Closing => {
                    if one_word {
                        f.closing_words.insert(text.to_owned());
                    }
                    f.closing_phrases.push(text.to_owned());
                }
                Category::Greeting if one_word => {
                    f.greeting_words.insert(text.to_owned());
                }
                Category::Greeting if unspaced(text) => f.phrases.push(text.to_owned()),
                // A greeting of several words: its words may be a topic's ("buen fin de
                // semana" holds "fin"), and the lists hold the common ones already.
                Category::Greeting => {}
                // One word of these is often an adjective or a noun of a topic ("Budget
                // provisoire 2025"): only formulas of several words, or in scripts without
                // spaces, are removed.
                Category::SeeSubject | Category::Thanks | Category::Hold if one_word => {}
                Category::SeeSubject | Category::Thanks | Category::Hold => {
                    f.phrases.push(text.to_owned());
                }
                Category::JobWord if one_word => {
                    f.job_words.insert(text.to_owned());
                }
                // A word of a type of several ("tư vấn") may be a topic's alone ("tư").
                Category::GenericBooking if !text.contains(char::is_whitespace) => {
                    f.booking_words.insert(text.to_owned());
                }
                Category::JobWord | Category::GenericBooking => {}
                // A phrase of one word ("confidential", "print") may be a topic's.
                Category::Notice | Category::Banner | Category::Print
                    if text.contains(char::is_whitespace) || unspaced(text) =>
                {
                    f.notes.push((text.to_owned(), Note::Legal));
                }
                Category::App if text.contains(char::is_whitespace) || unspaced(text) => {
                    f.notes.push((text.to_owned(), Note::App));
                }
                Category::Away if text.contains(char::is_whitespace) || unspaced(text) => {
                    f.notes.push((text.to_owned(), Note::Away));
                }
                Category::MessageWord => {
                    f.message_words.insert(text.to_owned());
                }
                Category::Notice
                | Category::Banner
                | Category::Print
                | Category::App
                | Category::Away => {}
            }
        }
    }
    // Longest first, so that a longer formula wins over one it holds.
    f.phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    f.phrases.dedup();
    f.closing_phrases
        .sort_by_key(|p| std::cmp::Reverse(p.len()));
    f.closing_phrases.dedup();
    f.notes
        .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    f.notes.dedup_by(|a, b| a.0 == b.0);
    f
}

/// The notes' phrases, literals, longest first (see [`note_phrases`]).
static NOTE_PHRASE: LazyLock<regex::Regex> = LazyLock::new(|| {
    let phrases: Vec<String> = FORMULAS
        .notes
        .iter()
        .map(|(p, _)| regex::escape(p))
        .collect();
    regex::Regex::new(&format!("(?i){}", phrases.join("|"))).expect("valid regex")
});

/// The notes' phrases in `text` that stand as whole words (anywhere in scripts without
/// spaces): their byte ranges and what note each is of.
pub(super) fn note_phrases(
    text: &str,
) -> impl Iterator<Item = (std::ops::Range<usize>, Note)> + '_ {
    NOTE_PHRASE.find_iter(text).filter_map(move |m| {
        let phrase = m.as_str().to_lowercase();
        let apart = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let whole = unspaced(m.as_str()) || apart(before) && apart(after);
        let note = FORMULAS
            .notes
            .binary_search_by(|(p, _)| {
                phrase
                    .len()
                    .cmp(&p.len())
                    .then_with(|| p.as_str().cmp(phrase.as_str()))
            })
            .ok()
            .map(|i| FORMULAS.notes[i].1);
        whole.then_some(note).flatten().map(|n| (m.range(), n))
    })
}

/// The formulas of every language.
pub(super) static FORMULAS: LazyLock<Formulas> = LazyLock::new(load);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_every_file_is_an_entry() {
        for (lang, file) in FILES {
            if let Err((line, why)) = entries(file) {
                panic!("formulas/{lang}.tsv line {line}: {why}");
            }
            assert!(
                entries(file).is_ok_and(|e| e.len() >= 50),
                "formulas/{lang}.tsv holds too few entries"
            );
        }
    }

    #[test]
    fn the_categories_feed_their_uses() {
        let f = &*FORMULAS;
        assert!(f.closing_words.contains("cordialment"));
        assert!(f.greeting_words.contains("benvolguts"));
        assert!(f.closing_phrases.iter().any(|p| p == "una abraçada"));
        assert!(f.job_words.contains("directora"));
        assert!(f.booking_words.contains("opfølgning"));
        assert!(f.phrases.iter().all(|p| !p.is_empty()));
    }
}
