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
            }
        }
    }
    // Longest first, so that a longer formula wins over one it holds.
    f.phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    f.phrases.dedup();
    f.closing_phrases
        .sort_by_key(|p| std::cmp::Reverse(p.len()));
    f.closing_phrases.dedup();
    f
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
