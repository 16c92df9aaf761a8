//! The agenda detector against a labelled corpus of invitations (`tests/agenda/*.txt`, format
//! in `tests/agenda/README.md`), and against arbitrary input.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use focusd::agenda::{self, Absence, Evidence};
use focusd::event::EventDetails;
use proptest::prelude::*;

#[path = "agenda/blocks.rs"]
mod blocks;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Agenda,
    None,
}

struct Case {
    name: String,
    label: Label,
    read_ahead: Option<bool>,
    evidence: Option<String>,
    absence: Option<String>,
    details: EventDetails,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/agenda")
}

fn parse_case(path: &Path) -> Result<Case, String> {
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let name = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut details = EventDetails {
        uid: name.clone(),
        ..EventDetails::default()
    };
    let (mut label, mut read_ahead, mut evidence, mut absence, mut crlf) =
        (None, None, None, None, false);
    let mut section: Option<(String, Vec<&str>)> = None;
    let mut sections = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(field) = line.strip_prefix("--- ") {
            sections.extend(section.take());
            section = Some((field.trim().to_owned(), Vec::new()));
            continue;
        }
        if let Some((_, body)) = section.as_mut() {
            body.push(line);
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("line {}: expected `key: value`", n + 1))?;
        let value = value.trim().to_owned();
        match key.trim() {
            "label" => {
                label = Some(match value.as_str() {
                    "agenda" => Label::Agenda,
                    "none" => Label::None,
                    other => return Err(format!("line {}: unknown label {other:?}", n + 1)),
                })
            }
            "read_ahead" => read_ahead = Some(value == "yes"),
            "evidence" => evidence = Some(value),
            "absence" => absence = Some(value),
            "summary" => details.summary = value,
            "url" => details.urls.push(value),
            "attachment" => details.attachments.push(value),
            "location" => details.location = value,
            "organizer" => details.organizer = Some(value),
            "crlf" => crlf = value == "yes",
            "note" => {}
            other => return Err(format!("line {}: unknown key {other:?}", n + 1)),
        }
    }
    sections.extend(section);
    details
        .organizer
        .get_or_insert_with(|| CORPUS_SENDER.to_owned());
    for (field, body) in sections {
        let body = body.join(if crlf { "\r\n" } else { "\n" });
        match field.as_str() {
            "description" => details.description = body,
            "html" => details.html_description = Some(body),
            other => return Err(format!("unknown section {other:?}")),
        }
    }
    Ok(Case {
        name,
        label: label.ok_or("no label")?,
        read_ahead,
        evidence,
        absence,
        details,
    })
}

fn load_corpus() -> Vec<Case> {
    load_cases(&corpus_dir())
}

fn load_cases(dir: &Path) -> Vec<Case> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| parse_case(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

fn absence_kind(absence: &Absence) -> &'static str {
    match absence {
        Absence::Empty => "empty",
        Absence::Boilerplate(_) => "boilerplate",
        Absence::Placeholder(_) => "placeholder",
        Absence::Filler(_) => "filler",
        Absence::Headings => "headings",
        Absence::Link(_) => "link",
    }
}

fn evidence_kind(evidence: &Evidence) -> &'static str {
    match evidence {
        Evidence::Heading(_) => "heading",
        Evidence::ListItems(_) => "list",
        Evidence::InlineList(_) => "inline_list",
        Evidence::DocumentLink(_) => "document",
        Evidence::Attachment(_) => "attachment",
        Evidence::Ticket(_) => "ticket",
        Evidence::Decision(_) => "decision",
        Evidence::Question => "question",
        Evidence::Text(_) => "text",
    }
}

#[test]
fn corpus() {
    let cases = load_corpus();
    assert!(
        cases.len() >= 60,
        "the corpus has only {} cases",
        cases.len()
    );
    score("agenda corpus (tuning)", &cases, Reveal::Tuning, 0.9);
}

/// Tuning cases for the languages and tools the lists cover least (`tests/agenda-languages/`:
/// 974 invitations in Swedish, Polish, Korean, Chinese, Italian, Dutch, Portuguese and
/// 22 more languages; the first 211 are 133 without an agenda and 78 with one next to the
/// same boilerplate). Written to follow
/// the held-out set's categories, never its cases. The first 160 scored a recall of 41.8%
/// (46 of 110); the rules written for them (join words, captions and dial-in labels in
/// those languages, Cal.com, Calendly and Bookings text, CJK templates and placeholders,
/// localized notices and signatures with register lines) took it to 100%. The 26 added
/// after them (860 on) are new wordings of the same classes and near-misses that an
/// over-eager rule would decline (14 agendas); when written, none of the 14 was declined and 9
/// of the 12 without an agenda were recognised, the three misses showing classes that were
/// then handled in general form. The 25 from `895` on were written with the rules for the
/// classes the second seen set showed missed (placeholders in more languages, empty minutes
/// headings, small talk, Italian and Japanese notices, booking form questions and Bookings
/// fields): 11 without an agenda and 14 near-misses that must stay agendas. No false decline
/// is allowed; recall is pinned at what it reached: 100% (133 of 133). The 479 from `1000`
/// on (319 without an agenda, 160 near-misses) go with the word lists that cover "details
/// later", holding the time and small talk as concepts in 29 languages; written in nine
/// batches, each batch's new wordings were recognised at 7-70% before its words were added,
/// which is how far a fresh writer's phrasing runs ahead of any list. All 479 were
/// recognised until a review found that content, materials and information (in every
/// language), "open" and a few nouns made real topics look empty; they are off the lists
/// now, and phrases take the sentences where they only say what is to follow: 95.6%. The
/// 284 from `2000` on (172 without an agenda, 112 near-misses) go with a second pass over
/// the same concepts, in the forms the fourth and fifth seen sets' writers used (inflections,
/// colloquial spellings, content nouns only next to a word for later); written before their
/// words, the first batch's were recognised at 53% (62 of 117), the second's at 65% (36 of
/// 55): 99.4% with them, 98.4% after a review took out the verbs that name work
/// ("clarify", "präzisieren", "préciser") and the nouns that are topics somewhere
/// ("ustalenia", "réserve", "слот").
#[test]
fn languages_corpus() {
    score_folder(
        "tests/agenda-languages",
        974,
        "agenda languages set (tuning, least covered)",
        Reveal::Cases,
        0.985,
    );
}

/// The first held-out set (`tests/agenda-seen/`, see its MANIFEST.md): 302 invitations
/// written independently of the detector. Scored once before any tuning on it (3 false
/// declines, recall of "none" 84.2%), then looked at: its false declines showed three rules
/// that did not generalise (a question of substance judged filler, the title under an agenda
/// heading ignored, an agenda typed inside Google's fence stripped), which were fixed in
/// general form. Since then it is a seen set: it must keep making no false decline, and its
/// recall must not fall below what it reached (91.0%, 121 of 133; 94.7%, 126 of 133, after
/// the rules for the least covered languages, which were not written against it; 96.2%, 128
/// of 133, after the classes the second seen set showed, see `second_seen_corpus`); the
/// held-out measurement is `held_out_corpus` below.
#[test]
fn seen_corpus() {
    score_folder(
        "tests/agenda-seen",
        300,
        "agenda seen set (first held-out set)",
        Reveal::Cases,
        1.0,
    );
}

/// The held-out set (`tests/agenda-heldout/`, see its MANIFEST.md): 365 invitations in
/// twelve languages written independently of the detector, after its rules were last
/// changed, and never tuned on (nor its missed cases read). Target: no false decline, and a
/// recall of "none" of at least 90%. Measured when added: no false decline among 142
/// declines, recall 75.5% (142 of 188); after the words for the least covered languages
/// (see `languages_corpus`), 77.1% (145 of 188); after the mobile-app and closing lines in
/// more languages, 77.7% (146 of 188); after the rules for the least covered languages (see
/// `languages_corpus`), 80.3% (151 of 188, no false decline among 177 agendas); after the
/// classes the second seen set's misses showed (see `second_seen_corpus`), 83.5% (157 of
/// 188, no false decline); after the tuning cases that follow the held-out manifests'
/// categories (tools' own lines, owners' names, sixteen more languages, Teams without
/// rules), 85.6% (161 of 188); after the classes of the third seen set and the word lists
/// for 29 languages, 87.2% (164 of 188); after the classes of the fourth, fifth and sixth
/// seen sets, 88.8% (167 of 188). Its numbers (never its cases) were looked at after each of
/// those changes. The floor below pins that, and rises when recall does. To
/// improve recall, add tuning cases for the categories its MANIFEST.md lists, never look at
/// its cases; a set looked at is held out no more.
#[test]
fn held_out_corpus() {
    score_folder(
        "tests/agenda-heldout",
        300,
        "agenda held-out set",
        Reveal::Numbers,
        0.888,
    );
}

/// The second seen set (`tests/agenda-seen2/`, see its MANIFEST.md): 400 invitations in
/// eighteen languages, written as a held-out set by someone who never saw the detector or
/// its cases. Scored once untuned: 2 false declines among 200 agendas (precision of "none"
/// 98.7%), recall 78.0% (156 of 200). Its two false declines were then read and fixed as
/// classes (an item in a heading's section that repeats the title; a lone subject-like line
/// below a Teams block's rule taken for a forwarded header), and some missed cases were
/// seen, so it is held out no more: a regression check, like `seen_corpus`. 77.5% since a
/// question with words of its own next to a block is kept (GoTo's "Joining from a
/// video-conferencing room or system?" with it). Its missed cases were then read and fixed
/// as classes, each with new tuning cases in `tests/agenda-languages/` (never its own):
/// placeholders in Danish, Norwegian, Czech, Russian, Finnish, Turkish and German, empty
/// minutes headings of templates, small talk in more languages, Italian and Japanese legal
/// notices, the questions of a booking form and Bookings' confirmation, staff and service
/// lines: 92.0% (184 of 200), no false decline. Its remaining misses were read too, and
/// fixed as classes with tuning cases of their own (hosts and owners' names, GoTo and
/// Jitsi, booking notices, CJK signatures, Outlook's header without `From:`): 100%.
#[test]
fn second_seen_corpus() {
    score_folder(
        "tests/agenda-seen2",
        400,
        "agenda second seen set",
        Reveal::Cases,
        1.0,
    );
}

/// The second held-out set (`tests/agenda-heldout2/`, see its MANIFEST.md): 400
/// invitations in twenty languages, written after the rules last changed by someone who
/// never saw the detector or any case. Never tuned on; its runs show numbers only. Target:
/// no false decline, and a recall of "none" of at least 90%. Scored once untuned: 1 false
/// decline among 200 agendas (precision of "none" 99.4%), recall 79.5% (159 of 200). That
/// one case, and no other, was read and its class fixed (a question of the organizer's with
/// join words in it was taken into the Teams block below it); no false decline since, and
/// the same recall. After the classes the second seen set's misses showed (see
/// `second_seen_corpus`), its numbers only: no false decline, recall 81.0% (162 of 200);
/// after the tuning cases of the manifests' categories, 85.5%, and 84.0% (168 of 200) once
/// a ticket or a decision that repeats the title counts (see `fourth_held_out_corpus`);
/// 90.0% after the third seen set's classes and 94.5% (189 of 200) after the fourth, fifth
/// and sixth seen sets'; 93.0% (186 of 200) once a subject title restated on a line of its
/// own counts as the organizer's words (see `twelfth_held_out_corpus`). The floor pins it.
#[test]
fn second_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout2",
        400,
        "agenda second held-out set",
        Reveal::Numbers,
        0.93,
    );
}

/// How much of a set's results a run may show.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reveal {
    /// The tuning set: every miss with its text, and its evidence expectations checked.
    Tuning,
    /// A set that was looked at: every miss with its text.
    Cases,
    /// A held-out set: the numbers only, and a false decline by file name, never its text,
    /// so that a run cannot teach anyone its cases.
    Numbers,
}

/// Scores the labelled set in `folder` (relative to the crate) with [`score`], after checking
/// that it still holds at least `min_cases` cases.
fn score_folder(folder: &str, min_cases: usize, title: &str, reveal: Reveal, min_recall: f64) {
    let cases = load_cases(&Path::new(env!("CARGO_MANIFEST_DIR")).join(folder));
    assert!(
        cases.len() >= min_cases,
        "{folder} has only {} cases",
        cases.len()
    );
    score(title, &cases, reveal, min_recall);
}

/// The signature lines `cases` teach, read as one calendar.
fn learn(cases: &[Case]) -> agenda::Signatures {
    agenda::Signatures::learn(cases.iter().map(|c| &c.details))
}

/// Whose invitations the cases that name no organizer are taken for: one sender's, which
/// learns more signature lines than a calendar would and so tests precision harder.
const CORPUS_SENDER: &str = "corpus@example.invalid";

/// Scores the detector on `cases`: prints the confusion matrix with precision and recall of
/// "no agenda", fails on any false decline or a recall under `min_recall`, and (for the
/// tuning set, whose cases may carry them) on unmet evidence expectations.
///
/// The cases are read as focusd reads a calendar: with the signature lines learned from all
/// of them ([`agenda::Signatures`]); those that name no organizer are all
/// [`CORPUS_SENDER`]'s.
fn score(title: &str, cases: &[Case], reveal: Reveal, min_recall: f64) {
    let expectations_apply = reveal == Reveal::Tuning;
    let signatures = learn(cases);
    let mut matrix = [[0usize; 2]; 2]; // [labelled agenda, none][judged agenda, none]
    let mut false_declines = Vec::new();
    let mut missed = Vec::new();
    let mut expectations = Vec::new();
    for case in cases {
        let found = agenda::detect_with(&case.details, &signatures);
        let judged = if found.present {
            Label::Agenda
        } else {
            Label::None
        };
        matrix[(case.label == Label::None) as usize][(judged == Label::None) as usize] += 1;
        let why = match (&found.evidence, &found.absence) {
            (Some(e), _) => e.describe(),
            (None, Some(a)) => a.describe(),
            (None, None) => "no evidence".to_owned(),
        };
        let line = if reveal == Reveal::Numbers {
            case.name.clone()
        } else {
            format!(
                "{}: {why}; clean text: {:?}",
                case.name,
                agenda::clean_text(&case.details)
            )
        };
        match (case.label, judged) {
            (Label::Agenda, Label::None) => false_declines.push(line),
            (Label::None, Label::Agenda) => missed.push(line),
            _ => {}
        }
        if let Some(want) = case.read_ahead
            && want != found.read_ahead.is_some()
        {
            expectations.push(format!("{}: read_ahead {:?}", case.name, found.read_ahead));
        }
        if let Some(want) = &case.evidence {
            let got = found.evidence.as_ref().map_or("none", evidence_kind);
            if got != want {
                expectations.push(format!("{}: evidence {got}, expected {want}", case.name));
            }
        }
        if let Some(want) = &case.absence {
            let got = found.absence.as_ref().map_or("none", absence_kind);
            if got != want {
                expectations.push(format!("{}: absence {got}, expected {want}", case.name));
            }
        }
    }

    let [[aa, an], [na, nn]] = matrix;
    let mut report = String::new();
    let _ = writeln!(report, "{title}: {} cases", cases.len());
    let _ = writeln!(report, "                 judged agenda   judged none");
    let _ = writeln!(report, "labelled agenda  {aa:>13}   {an:>11}");
    let _ = writeln!(report, "labelled none    {na:>13}   {nn:>11}");
    let precision = if an + nn == 0 {
        1.0
    } else {
        nn as f64 / (an + nn) as f64
    };
    let recall = if na + nn == 0 {
        1.0
    } else {
        nn as f64 / (na + nn) as f64
    };
    let _ = writeln!(
        report,
        "precision of none: {:.1}%, recall of none: {:.1}%",
        precision * 100.0,
        recall * 100.0
    );
    if reveal != Reveal::Numbers {
        for line in &missed {
            let _ = writeln!(report, "  missed (kept, not declined): {line}");
        }
    }
    println!("{report}");

    assert!(
        false_declines.is_empty(),
        "agendas judged absent (would be false declines):\n{}",
        false_declines.join("\n")
    );
    assert!(
        recall >= min_recall,
        "recall of none below {:.0}%\n{report}",
        min_recall * 100.0
    );
    assert!(
        !expectations_apply || expectations.is_empty(),
        "unmet expectations:\n{}",
        expectations.join("\n")
    );
}

#[test]
fn corpus_explanations_are_short_and_clean() {
    for case in load_corpus() {
        let found = agenda::detect(&case.details);
        let explanation = found
            .evidence
            .map(|e| e.describe())
            .or(found.absence.map(|a| a.describe()));
        let text = explanation.unwrap_or_else(|| panic!("{}: no explanation", case.name));
        {
            assert!(text.chars().count() < 120, "{}: {text}", case.name);
            assert!(
                !text.chars().any(char::is_control),
                "{}: {text:?}",
                case.name
            );
        }
    }
}

/// Large hostile descriptions finish quickly: at 128 KiB a quadratic scan would take minutes,
/// a linear one takes milliseconds (in release builds about 0.1 to 0.8 s per MiB, the
/// slowest being a megabyte of headings or of header fields).
#[test]
fn large_hostile_input_is_read_whole() {
    let chunks = [
        "<div><p>Hello <b>team</b>&nbsp;&amp;&#39;</p>\r\n",
        "<a href=\"https://docs.google.com/document/d/1/edit\">doc</a>",
        "<",
        "<a href=",
        "<!--",
        "<script>",
        "<style>x{}</style>",
        "&#x1F600;&#99999999;&",
        "Meeting ID: 123 456 789\n",
        "+1 646 558 8656 US (New York)\n",
        "https://meet.google.com/abc-defg-hij ",
        "- item\n",
        "word ",
        "中文",
        "To: someone\nFrom: x\n",
        "-----Original Appointment-----\n",
        "________________________________\n",
        "Thanks,\nBob\n",
        "--\n",
        "Confidential: intended recipient, please delete.\n",
        "ミーティングID: 123 456 7890\n",
        "Hi Bob, ",
        "Abstimmungsterminabstimmungstermin ",
        "l'l'l'l' ",
        "Agenda:\n",
        "(1) a ",
        "x / ",
        "Dana is inviting you to a scheduled Zoom meeting.\n",
    ];
    for chunk in chunks {
        let mut big = chunk.repeat((128 << 10) / chunk.len());
        big.push_str("\nAgenda: the end");
        let details = EventDetails {
            summary: chunk.repeat(1000),
            description: big.clone(),
            html_description: Some(big),
            location: chunk.repeat(1000),
            ..EventDetails::default()
        };
        // The agenda at the very end is found: nothing is cut or given up on.
        let found = agenda::detect(&details);
        assert!(found.present, "{chunk:?}");
        assert!(!agenda::clean_text(&details).is_empty());
    }
}

fn html_soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        any::<String>(),
        Just("<".to_owned()),
        Just("<br>".to_owned()),
        Just("<li>".to_owned()),
        Just("</li>".to_owned()),
        Just("<ul>".to_owned()),
        Just("<a href=\"".to_owned()),
        Just("\">".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("<script>".to_owned()),
        Just("</script>".to_owned()),
        Just("<![if !supportLists]>".to_owned()),
        Just("&".to_owned()),
        Just("&#".to_owned()),
        Just("&amp;".to_owned()),
        Just(";".to_owned()),
        Just("\r\n".to_owned()),
        Just("Agenda:".to_owned()),
        Just("TBD".to_owned()),
        Just("- ".to_owned()),
        Just("https://".to_owned()),
        Just("meet.google.com/".to_owned()),
        Just("docs.google.com/d/".to_owned()),
        Just("%".to_owned()),
        Just("?q=".to_owned()),
        Just("-::~:~::~:~::-".to_owned()),
        Just("é中\u{200B}\u{FEFF}".to_owned()),
        "[0-9+() .,#*-]{0,20}",
    ];
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat())
}

fn ids() -> impl Strategy<Value = blocks::Ids> {
    (
        "[1-9][0-9]{10}",
        "[1-9][0-9]{11}",
        "[a-z][A-Z][0-9][a-zA-Z0-9]{3,8}",
        "[0-9]{6}",
        prop::sample::select(vec![
            "Dana Whitfield",
            "Kenji Sato",
            "Ana Souza",
            "Jonas Weber",
        ]),
    )
        .prop_map(|(meeting, teams, code, pin, name)| blocks::Ids {
            meeting,
            teams,
            code,
            pin,
            name: name.to_owned(),
        })
}

/// A block of any kind in any language.
fn block() -> impl Strategy<Value = String> {
    (
        0..6usize,
        prop::sample::select(blocks::LANGUAGES.to_vec()),
        ids(),
    )
        .prop_map(|(kind, lang, ids)| blocks::any_block(kind, lang, &ids))
}

/// A sentence of substance: from the list, or made of words on no list (`zq...`) as a
/// statement, a question or a decision.
fn substantive() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(blocks::SUBSTANTIVE.to_vec()).prop_map(str::to_owned),
        (
            "[A-Z]zq[a-z]{2,8}",
            prop::collection::vec("zq[a-z]{2,8}", 2..6)
        )
            .prop_map(|(first, rest)| format!("{first} {}.", rest.join(" "))),
        prop::collection::vec("zq[a-z]{2,8}", 1..4)
            .prop_map(|w| format!("Should we move the {} to next week?", w.join(" "))),
        "zq[a-z]{2,8}".prop_map(|w| format!("Decide on {w}")),
    ]
}

/// Parts of a description without an agenda, and how they are joined.
fn agenda_less() -> impl Strategy<Value = (Vec<&'static str>, Option<&'static str>, bool)> {
    (
        prop::collection::vec(prop::sample::select(blocks::AGENDA_LESS.to_vec()), 0..5),
        prop::option::of(prop::sample::select(blocks::SIGNATURES.to_vec())),
        any::<bool>(),
    )
}

fn join(parts: &[String], blank_lines: bool) -> String {
    parts.join(if blank_lines { "\n\n" } else { "\n" })
}

fn description(text: String) -> EventDetails {
    EventDetails {
        summary: "Weekly sync".into(),
        description: text,
        ..EventDetails::default()
    }
}

/// The same lines as HTML: paragraphs, divs or `<br>`, blank lines as empty paragraphs.
fn as_html(text: &str, style: u8) -> String {
    let escape = |l: &str| {
        l.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    text.split('\n')
        .map(|l| match (style % 3, l.trim().is_empty()) {
            (0, true) => "<p>&nbsp;</p>".to_owned(),
            (0, false) => format!("<p class=MsoNormal>{}<o:p></o:p></p>", escape(l)),
            (1, true) => "<div><br></div>".to_owned(),
            (1, false) => format!("<div>{}</div>", escape(l)),
            (_, _) => format!("{}<br>", escape(l)),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    /// Any sentence of substance added to a description without an agenda (before its
    /// signature) makes it an agenda, wherever the join block is.
    #[test]
    fn a_sentence_of_substance_makes_an_agenda(
        (parts, signature, blank_lines) in agenda_less(),
        block in block(),
        block_first in any::<bool>(),
        sentence in substantive(),
        at in any::<prop::sample::Index>(),
    ) {
        let mut parts: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
        let at = at.index(parts.len() + 1);
        parts.insert(at, sentence.clone());
        parts.extend(signature.map(str::to_owned));
        if block_first {
            parts.insert(0, block);
        } else {
            parts.push(block);
        }
        let details = description(join(&parts, blank_lines));
        let found = agenda::detect(&details);
        prop_assert!(found.present, "{sentence:?} lost in {:?}; clean text {:?}", details.description, agenda::clean_text(&details));
    }

    /// Conferencing and booking blocks, in any language and anywhere, leave a description
    /// without an agenda without one.
    #[test]
    fn blocks_leave_a_description_without_an_agenda(
        (parts, signature, blank_lines) in agenda_less(),
        blocks in prop::collection::vec((block(), any::<prop::sample::Index>()), 1..3),
    ) {
        let mut parts: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
        parts.extend(signature.map(str::to_owned));
        for (block, at) in blocks {
            let at = at.index(parts.len() + 1);
            parts.insert(at, block);
        }
        let details = description(join(&parts, blank_lines));
        let found = agenda::detect(&details);
        prop_assert!(
            !found.present,
            "{:?}: {:?}; clean text {:?}",
            found.evidence.map(|e| e.describe()),
            details.description,
            agenda::clean_text(&details)
        );
    }

    /// HTML and plain text of the same content get the same verdict, in `DESCRIPTION` (as
    /// Google writes it) or in `X-ALT-DESC` (as Outlook does).
    #[test]
    fn html_and_plain_text_agree(
        (parts, signature, blank_lines) in agenda_less(),
        sentence in prop::option::of(substantive()),
        block in prop::option::of(block()),
        style in any::<u8>(),
        alt in any::<bool>(),
    ) {
        let mut parts: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
        parts.extend(sentence);
        parts.extend(signature.map(str::to_owned));
        parts.extend(block);
        let text = join(&parts, blank_lines);
        let plain = agenda::detect(&description(text.clone()));
        let html = as_html(&text, style);
        let details = if alt {
            EventDetails { html_description: Some(html), ..description(String::new()) }
        } else {
            description(html)
        };
        let from_html = agenda::detect(&details);
        prop_assert_eq!(plain.present, from_html.present, "{:?} vs {:?}", text, details);
    }

    #[test]
    fn never_panics_on_arbitrary_strings(
        summary in any::<String>(),
        description in any::<String>(),
        html in proptest::option::of(any::<String>()),
        location in any::<String>(),
        urls in prop::collection::vec(any::<String>(), 0..3),
        attachments in prop::collection::vec(any::<String>(), 0..3),
    ) {
        let details = EventDetails {
            summary, description, html_description: html, location, urls, attachments,
            ..EventDetails::default()
        };
        let found = agenda::detect(&details);
        prop_assert_eq!(found.present, found.evidence.is_some());
        let _ = agenda::clean_text(&details);
    }

    #[test]
    fn never_panics_on_html_soup(
        description in html_soup(),
        html in html_soup(),
        attachment in html_soup(),
    ) {
        let details = EventDetails {
            description,
            html_description: Some(html),
            urls: vec![attachment.clone()],
            attachments: vec![attachment],
            ..EventDetails::default()
        };
        let found = agenda::detect(&details);
        if let Some(evidence) = &found.evidence {
            let _ = evidence.describe();
        }
        let _ = agenda::clean_text(&details);
    }

    /// Boilerplate never hides an agenda: appending an invitation's join text to a
    /// description that has one keeps it.
    #[test]
    fn boilerplate_never_removes_an_agenda(
        prefix in "[A-Za-z ]{0,30}",
        item1 in "[a-z]{3,12}( [a-z]{3,12}){0,4}",
        item2 in "[a-z]{3,12}( [a-z]{3,12}){0,4}",
    ) {
        let text = format!(
            "{prefix}\n- {item1}\n- {item2}\n\nJoin Zoom Meeting\nhttps://zoom.us/j/1\nMeeting ID: 1 2 3\n"
        );
        let details = EventDetails { description: text, ..EventDetails::default() };
        prop_assert!(agenda::detect(&details).present);
    }
}

/// The third held-out set (`tests/agenda-heldout3/`, see its MANIFEST.md): 400 invitations
/// in 22 languages, written from real templates by someone who never saw the detector or
/// any case, after the rules last changed. Never tuned on; its runs show numbers only.
/// Target: no false decline, and a recall of "none" of at least 90%. Scored once untuned:
/// 1 false decline among 200 agendas (precision of "none" 99.3%), recall 72.5% (145 of
/// 200). That one case, and no other, was read and its two classes fixed (a topic of Han
/// script with digits in it, `618大促复盘`, was taken for a passcode and went with the
/// Teams block below it; under an agenda heading the title's unspaced words were not a
/// topic as Latin ones are): no false decline since, the same recall. After the tuning
/// cases of the manifests' categories, 84.0% (168 of 200); this set is no longer a clean
/// measure, as the example lines its MANIFEST.md lists were made tuning cases (840-886).
/// 89.5% after the third seen set's classes, 90.5% (181 of 200) after the fourth, fifth
/// and sixth seen sets'. The floor pins it.
#[test]
fn third_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout3",
        400,
        "agenda third held-out set",
        Reveal::Numbers,
        0.905,
    );
}

/// The fourth held-out set (`tests/agenda-heldout4/`, 400 invitations in 29 languages,
/// 200 with an agenda): written independently of the detector and of every other set (its
/// MANIFEST.md says how), after the rules last changed. Never tuned on; numbers only.
/// Target: no false decline, recall of "none" at least 90%. Scored once untuned: 3 false
/// declines among 200 agendas (precision of "none" 98.3%), recall 88.0% (176 of 200).
/// Those three cases, and no other, were read and their classes fixed, each with a tuning
/// case of its own (913-915): a forwarding note that explains the title in a sentence of
/// its own; a question typed inside Google's fence; a ticket key that is also the title.
/// No false decline since, recall 88.0%. After tuning cases for the categories its
/// MANIFEST.md lists (confidentiality notices in fifteen more languages, register lines,
/// Google appointment schedules), numbers only: 89.0% (178 of 200); after holding the
/// date with the agenda to follow in 29 languages, 89.5% (179 of 200); after small talk
/// in 29 languages, 90.5% (181 of 200); 93.0% after the third seen set's classes, 95.5%
/// (191 of 200) after the fourth, fifth and sixth seen sets'; no false decline. Its numbers
/// were looked at after each of those changes, never its cases but the three. The floor
/// pins it.
#[test]
fn fourth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout4",
        400,
        "agenda fourth held-out set",
        Reveal::Numbers,
        0.955,
    );
}

/// The third seen set (`tests/agenda-seen3/`, 400 invitations in 29 languages, 200 with an
/// agenda): written as the fifth held-out set, independently of the detector and of every
/// other set (its MANIFEST.md says how), after the rules last changed. Scored once untuned:
/// no false decline among 200 agendas, recall of "none" 70.5% (141 of 200), against the
/// fourth held-out set's 90.5% after the tuning that set's manifest guided. Its missed cases
/// were then read and fixed as classes, each with tuning cases of its own, so it is held out
/// no more: a regression check, like `seen_corpus`. 83.0% after the classes of its misses
/// (notices, register footers, sign-offs, signatures), 97.0% with the word lists that cover
/// the concepts in 29 languages. The floor pins what it reached.
#[test]
fn third_seen_corpus() {
    score_folder(
        "tests/agenda-seen3",
        400,
        "agenda third seen set",
        Reveal::Cases,
        0.975,
    );
}

/// The fourth and fifth seen sets (`tests/agenda-seen4/` and `tests/agenda-seen5/`, 400
/// invitations each in 29 languages, 200 with an agenda) were the sixth and seventh held-out
/// sets: written independently of the detector and of every other set by two writers briefed
/// differently (the fourth from the teams and tools that send each kind of invitation, the
/// fifth from many kinds of organizers, a quarter of each label written to trip a careless
/// rule; their MANIFEST.md files say how), scored once untuned: the fourth no false decline
/// among 200 agendas and a recall of "none" of 86.0% (172 of 200), the fifth 4 false
/// declines (precision 97.3%; a subject or reference line inside a signature, fixed) and
/// 72.5% (145 of 200). Their misses were then read and fixed as classes (signatures without
/// a closing, tools' own lines, booking forms, notices, word lists), each with tuning cases
/// of its own: regression checks now, like `third_seen_corpus`. The floors pin what they
/// reached.
#[test]
fn fourth_seen_corpus() {
    score_folder(
        "tests/agenda-seen4",
        400,
        "agenda fourth seen set",
        Reveal::Cases,
        0.975,
    );
}

/// See `fourth_seen_corpus`.
#[test]
fn fifth_seen_corpus() {
    score_folder(
        "tests/agenda-seen5",
        400,
        "agenda fifth seen set",
        Reveal::Cases,
        0.98,
    );
}

/// The sixth seen set (`tests/agenda-seen6/`, 400 invitations in 29 languages, 200 with an
/// agenda, written independently of the detector from many kinds of organizers, automated
/// systems among them; its MANIFEST.md says how): scored once untuned, no false decline and
/// a recall of "none" of 72.0% (144 of 200), then read and fixed as classes (booking fields
/// on two lines, booking forms' notes, LMS, HR, service-desk and webinar notices, Lifesize
/// and Slack huddles, short notices, placeholders and small talk in more forms): a
/// regression check now. The floor pins what it reached.
#[test]
fn sixth_seen_corpus() {
    score_folder(
        "tests/agenda-seen6",
        400,
        "agenda sixth seen set",
        Reveal::Cases,
        0.895,
    );
}

/// The seventh seen set (`tests/agenda-seen7/`, 400 invitations in 29 languages, 200 with
/// an agenda, written independently like the sixth, its boilerplate from the writer's memory
/// of the tools; its MANIFEST.md says how): scored once untuned, no false decline and 77.0%
/// (154 of 200), then read and fixed as classes (a name with its title in parentheses as a
/// signature, Whereby's and Zoho's lines, Cal.com attendees, placeholders and small talk in
/// more forms): a regression check now.
#[test]
fn seventh_seen_corpus() {
    score_folder(
        "tests/agenda-seen7",
        400,
        "agenda seventh seen set",
        Reveal::Cases,
        0.955,
    );
}

/// The eighth and ninth held-out sets (`tests/agenda-heldout8/` and `tests/agenda-heldout9/`,
/// 400 invitations each in 29 languages, 200 with an agenda): written independently of the
/// detector and of every other set by two writers (the eighth from the teams and tools that
/// send each kind of invitation, the ninth from many kinds of organizers writing as they
/// really do; their MANIFEST.md files say how) while the rules were being changed, and
/// scored once after the last change, untuned. Numbers only. First score: the eighth no
/// false decline among 200 agendas and a recall of "none" of 86.0% (172 of 200), the ninth
/// no false decline among 200 agendas and 76.5% (153 of 200); after the eighth seen set's
/// classes 86.0% and 77.5% (numbers only). The floors pin them.
#[test]
fn eighth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout8",
        400,
        "agenda eighth held-out set",
        Reveal::Numbers,
        0.88,
    );
}

/// See `eighth_held_out_corpus`.
#[test]
fn ninth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout9",
        400,
        "agenda ninth held-out set",
        Reveal::Numbers,
        0.78,
    );
}

/// The eighth seen set (`tests/agenda-seen8/`, 400 invitations in 28 languages, 200 with an
/// agenda, written independently from many kinds of organizers, many of them terse or
/// typed on a phone; its MANIFEST.md says how): scored once untuned, no false decline and
/// 71.5% (143 of 200), then read and fixed as classes (phones' mail footers with the
/// possessive after the device, Meet's footer and Bookings' lines in more languages, Yandex
/// Telemost, the working-hours note of a signature, a title and employer line without a
/// name, a first name that is a function word under `--`, small talk and holds in more
/// forms): 94.5%, a regression check now.
#[test]
fn eighth_seen_corpus() {
    score_folder(
        "tests/agenda-seen8",
        400,
        "agenda eighth seen set",
        Reveal::Cases,
        0.95,
    );
}

/// The tenth and eleventh held-out sets (`tests/agenda-heldout10/` and
/// `tests/agenda-heldout11/`, 400 invitations each, 31 and 28 languages, 200 with an agenda):
/// written independently of the detector and of every other set by two writers (the tenth
/// from large enterprises and public administrations: Teams and Webex, long legal footers,
/// forwarded chains, assistants; the eleventh from startups and remote teams: bookings with
/// form answers, tools' links, terse and bilingual lines; their MANIFEST.md files say how),
/// and scored once after the last rule change, untuned. Numbers only. First score: no false
/// decline in either among 200 agendas each; recall of "none" 47.0% (94 of 200) and 70.0%
/// (140 of 200); after later rule changes, never tuned on them, 47.5% and 72.0%. The floors
/// pin them.
#[test]
fn tenth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout10",
        400,
        "agenda tenth held-out set",
        Reveal::Numbers,
        0.485,
    );
}

/// See `tenth_held_out_corpus`.
#[test]
fn eleventh_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout11",
        400,
        "agenda eleventh held-out set",
        Reveal::Numbers,
        0.75,
    );
}

/// The ninth seen set (`tests/agenda-seen9/`, 400 invitations in 30 languages, 200 with an
/// agenda, written independently from large enterprises and public administrations: Teams
/// and Webex, long localized legal footers, forwarded chains in mixed languages, assistants,
/// room bookings, moved series; its MANIFEST.md says how): scored once untuned, no false
/// decline and 36.5% (73 of 200), most of the misses a company's footer (its privacy page,
/// its identity and register line); then read and fixed as classes (a footer's privacy-page
/// line and the identity lines above it, identity and register lines between separators,
/// save-paper notes, room-booking systems' notes, a title with its employer's legal form
/// under a name, forwards' and updates' notes, placeholders in more languages): 71.0%; an
/// adversarial review of those rules then wrote 205 near-misses, 106 of them declined
/// (tests/agenda/3067-3172), and the rules were narrowed until none was: 59.0%, a
/// regression check now.
#[test]
fn ninth_seen_corpus() {
    score_folder(
        "tests/agenda-seen9",
        400,
        "agenda ninth seen set",
        Reveal::Cases,
        0.59,
    );
}

/// The twelfth and thirteenth held-out sets (`tests/agenda-heldout12/` and
/// `tests/agenda-heldout13/`, 400 invitations each, 28 and 30 languages, 200 with an agenda):
/// written independently of the detector and of every other set by two more writers (the
/// twelfth from universities, hospitals, NGOs, law firms, plants, retail and freelancers;
/// the thirteenth between companies: sales, vendors, escalations, recruiting, investors,
/// agencies, second-language writers; their MANIFEST.md files say how), and scored once
/// after the last rule change, untuned. Numbers only. First score: the twelfth declined one
/// of its 200 agendas (precision of "none" 99.4%; the case, the only one read, is a
/// description that only repeats the title, "Office move"), recall of "none" 76.5% (153 of
/// 200); the thirteenth no false decline, recall 49.0% (98 of 200). Then the title restated
/// on a line of its own became the organizer's words, judged by them when the title names a
/// subject rather than a kind of meeting (tests/agenda/3180-3186): no false decline in
/// either; after later rule changes, never tuned on them, 76.5% and 54.0%. The floors pin
/// them.
#[test]
fn twelfth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout12",
        400,
        "agenda twelfth held-out set",
        Reveal::Numbers,
        0.765,
    );
}

/// See `twelfth_held_out_corpus`.
#[test]
fn thirteenth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout13",
        400,
        "agenda thirteenth held-out set",
        Reveal::Numbers,
        0.555,
    );
}

/// The tenth and eleventh seen sets (`tests/agenda-seen10/` and `tests/agenda-seen11/`, 400
/// invitations each, 28 languages, 200 with an agenda; two more writers: the tenth between
/// companies, with long sales and recruiters' signatures and their tools' footers; the
/// eleventh colleagues' own notes, reschedules, logistics and mobile footers; their
/// MANIFEST.md files say how): scored once untuned, no false decline in either, recall of
/// "none" 47.5% and 65.0%; then read and fixed as classes (placeholders, holds, thanks,
/// reschedule, scheduling and logistics notes in more languages; a signature's title place
/// and what follows its contact lines narrowed after an adversarial review): 51.0% and
/// 82.0%. A first set of signature rules (notes between a signature's contact lines, tools'
/// own lines, applicant-tracking links) lifted the tenth to 65.5% but declined 153 of 273
/// near-misses an adversarial review wrote (tests/agenda/3400-3552) and was taken out. The
/// sender's own notes by closed shapes (`agenda::notes`), street addresses, titles that open
/// with a job's word and names with pronouns then lifted the tenth to 74.5%; three more
/// reviews' near-misses (tests/agenda/3700-3973, 217 of 264 declined when written) narrowed
/// them and took the titles that open with a job's word out again: 70.0%. Read as one
/// calendar, with the signature lines the set repeats learned (`agenda::Signatures`, as
/// every set is scored now), then social-profile lines, answer buttons, banners and forwards
/// in more languages: 84.5% and 83.5%. Regression checks now.
#[test]
fn tenth_seen_corpus() {
    score_folder(
        "tests/agenda-seen10",
        400,
        "agenda tenth seen set",
        Reveal::Cases,
        0.845,
    );
}

/// See `tenth_seen_corpus`.
#[test]
fn eleventh_seen_corpus() {
    score_folder(
        "tests/agenda-seen11",
        400,
        "agenda eleventh seen set",
        Reveal::Cases,
        0.83,
    );
}

/// Near-misses that adversarial reviews wrote and the rules still decline
/// (`tests/agenda-open/`, all labelled `agenda`): a topic line in a signature's title place
/// under a name in German; a capitalised subject after "Erstellt von" / "Gedeeld met" read
/// as the names of whoever made it; a topic after a name with its degree; a service level or
/// weekly hours after "Availability:" or "Working hours:", read as filler; a year or a
/// certification's number read as a postcode, a job's word first in a short topic ("2026
/// Fundraising Drive", "Projektledare till Göteborg"); a thanks, a one-word topic and a
/// name with no blank line between them, read as a closing and a signature ("Obrigado! /
/// Orçamento. / Rafael", in Japanese and Chinese too); handles alone, read as links. The
/// list is held
/// exactly: a new false decline fails, and so does one fixed, which moves back into the
/// tuning set.
#[test]
fn open_near_misses_are_the_known_ones() {
    let cases = load_cases(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/agenda-open"));
    assert!(cases.iter().all(|c| c.label == Label::Agenda));
    let declined: Vec<&str> = cases
        .iter()
        .filter(|c| !agenda::detect(&c.details).present)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        declined,
        [
            "3513-a-de-tool-line-naming-subject-15",
            "3514-a-de-tool-line-subject-under-zoom-15",
            "3531-a-nl-tool-line-naming-subject-25",
            "3532-a-nl-tool-line-subject-under-zoom-25",
            "3552-a-de-degrees-then-topic-5",
            "3723-a-en-availability-slo-target",
            "3724-a-en-availability-slo-options",
            "3733-a-pt-horario-summer-hours-as-filler",
            "3782-a-en-working-hours-weekly-hours",
            "3902-a-en-street-number-first-drive",
            "3933-a-sv-job-projektledare-till-goteborg",
            "3942-a-de-job-first-berater-auswahl-fuer-erp",
            "3969-a-en-award-iso-certified-comma-audit-prep",
            "4093-a-ja-arigato-opener-target",
            "4143-a-pt-obrigado-opener-orcamento-target",
            "4163-a-zh-xiexie-opener-yusuan-target",
            "4370-a-en-handles-and-channels",
            "4401-a-de-sig-topic-then-address",
            "4411-a-tr-closing-alone-then-topic-then-sig",
            "4412-a-id-closing-alone-then-topic-then-sig",
            "4423-a-he-sig-topic-then-company",
            "4424-a-de-sig-topic-count-as-postal",
            "4425-a-en-sig-topic-comma-company",
            "4507-a-en-eco-plea-env-report",
            "4530-a-en-moved-pricing-call",
            "4552-a-en-social-linkedin-target",
            "4553-a-en-social-github-user-repo",
            "4603-a-de-mvg-ausschreibung",
            "4604-a-de-udv-studie",
            "4630-a-en-lead-scoring-under-name",
            "4632-a-ko-isa-office-move",
            "4649-a-el-filika-topic",
            "4651-a-ja-kakui-chi",
            "4659-a-en-as-agreed-acme",
            "4700-a-en-calcom-office365-consultation",
            "4701-a-en-calcom-hubspot-consultation",
            "4702-a-en-calcom-hosting-consultation",
            "4703-a-en-calcom-bracket-issue",
            "4711-a-ja-calcom-mendan-bracket",
            "4712-a-en-calcom-teams-consultation",
            "4713-a-en-calcom-contract-review-control",
            "4716-a-en-calendly-office365",
            "4748-a-en-thanks-then-topic-company",
            "4751-a-es-saludos-topic-company",
            "4752-a-fr-closing-then-teams-topic",
            "4753-a-en-closing-then-title-company",
        ]
    );
}

/// The fourteenth and fifteenth held-out sets (`tests/agenda-heldout14/` and
/// `tests/agenda-heldout15/`, 400 invitations each, 29 and 28 languages, 200 with an agenda;
/// two more writers: the fourteenth a month of everyday invitations of every kind, the
/// fifteenth clubs, schools, public services, healthcare, craftspeople and families; their
/// MANIFEST.md files say how), written while the rules changed and scored once after the
/// last change, untuned. Numbers only. No false decline in either; recall of "none" 60.5%
/// (121 of 200) and 77.5% (155 of 200); after later rule changes, never tuned on them, 63.0%
/// and 77.5%. The floors pin them.
#[test]
fn fourteenth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout14",
        400,
        "agenda fourteenth held-out set",
        Reveal::Numbers,
        0.65,
    );
}

/// See `fourteenth_held_out_corpus`.
#[test]
fn fifteenth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout15",
        400,
        "agenda fifteenth held-out set",
        Reveal::Numbers,
        0.78,
    );
}

/// The sixteenth and seventeenth held-out sets (`tests/agenda-heldout16/` and
/// `tests/agenda-heldout17/`, 400 invitations each, 30 and 31 languages, 200 with an agenda;
/// two more writers: the sixteenth a software engineer's month of colleagues' invitations,
/// terse and often from phones, the seventeenth senders from outside the company with heavy
/// signatures, booking tools and forwarded invitations; their MANIFEST.md files say how),
/// written for this measurement and scored once after the last rule change, untuned.
/// Numbers only. No false decline in either; recall of "none" 45.5% (91 of 200) and 15.5%
/// (31 of 200); after later rule changes, never tuned on them, 46.0% and 15.5%. The floors
/// pin them; the eighteenth and nineteenth are the clean measure now.
#[test]
fn sixteenth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout16",
        400,
        "agenda sixteenth held-out set",
        Reveal::Numbers,
        0.465,
    );
}

/// See `sixteenth_held_out_corpus`.
#[test]
fn seventeenth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout17",
        400,
        "agenda seventeenth held-out set",
        Reveal::Numbers,
        0.18,
    );
}

/// Not a check but the scoring tool the rules are tuned with: scores every folder in
/// `AGENDA_DIRS` (colon-separated, relative to the crate; all `tests/agenda*` folders when
/// unset), prints one summary line per folder, and writes one line per case (folder, name,
/// label, verdict, reason, clean text, the lines that kept it) to `AGENDA_VERDICTS` when set. With
/// `AGENDA_BASELINE` (an earlier verdicts file) it prints the cases whose verdict changed.
/// Held-out folders (`heldout` in the name) give numbers only, and no line of theirs is
/// written or compared by name. Each folder is read as one calendar, as [`score`] reads it;
/// with `AGENDA_ALONE` set, each invitation on its own. `AGENDA_TRACE` (part of a case's
/// folder and name) prints each line of the matching cases with what the rules took it for.
///
/// `AGENDA_VERDICTS=/tmp/v.tsv cargo nextest run --release --test agenda --run-ignored only
/// -E 'test(score_dirs)' --no-capture`
#[test]
#[ignore = "a tool, run on demand"]
fn score_dirs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs: Vec<String> = match std::env::var("AGENDA_DIRS") {
        Ok(list) => list
            .split(':')
            .filter(|d| !d.is_empty())
            .map(str::to_owned)
            .collect(),
        Err(_) => {
            let mut all: Vec<String> = fs::read_dir(root.join("tests"))
                .expect("tests/ is readable")
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| format!("tests/{}", e.file_name().to_string_lossy()))
                .filter(|d| d.starts_with("tests/agenda"))
                .collect();
            all.sort();
            all
        }
    };
    let baseline: std::collections::HashMap<String, String> = std::env::var("AGENDA_BASELINE")
        .ok()
        .and_then(|p| fs::read_to_string(p).ok())
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let key = format!("{}/{}", f.next()?, f.next()?);
            Some((key, f.nth(1)?.to_owned()))
        })
        .collect();
    let mut verdicts = String::new();
    for dir in &dirs {
        let hidden = dir.contains("heldout");
        let cases = load_cases(&root.join(dir));
        let signatures = if std::env::var_os("AGENDA_ALONE").is_some() {
            agenda::Signatures::default()
        } else {
            learn(&cases)
        };
        let (mut false_declines, mut caught, mut nones) = (0, 0, 0);
        for case in &cases {
            let found = agenda::detect_with(&case.details, &signatures);
            let judged = if found.present { "agenda" } else { "none" };
            let label = if case.label == Label::Agenda {
                "agenda"
            } else {
                "none"
            };
            false_declines += usize::from(label == "agenda" && judged == "none");
            nones += usize::from(label == "none");
            caught += usize::from(label == "none" && judged == "none");
            if hidden {
                continue;
            }
            let why = match (&found.evidence, &found.absence) {
                (Some(e), _) => e.describe(),
                (None, Some(a)) => a.describe(),
                (None, None) => "no evidence".to_owned(),
            };
            let key = format!("{dir}/{}", case.name);
            if std::env::var("AGENDA_TRACE").is_ok_and(|t| !t.is_empty() && key.contains(&t)) {
                println!(
                    "TRACE {key}: {label}, {judged}\n{}",
                    agenda::trace(&case.details, &signatures)
                );
            }
            if let Some(before) = baseline.get(&key)
                && before != judged
            {
                println!("CHANGED {key}: {label}, {before} -> {judged} ({why})");
            }
            let clean = agenda::clean_text(&case.details).replace(['\t', '\n', '\r'], " ");
            let kept = agenda::kept_lines(&case.details, &signatures)
                .join(" ¦ ")
                .replace(['\t', '\n', '\r'], " ");
            let _ = writeln!(
                verdicts,
                "{dir}\t{}\t{label}\t{judged}\t{why}\t{clean}\t{kept}",
                case.name
            );
        }
        println!(
            "SUMMARY {dir}: {} cases, {false_declines} false declines, recall of none {:.1}% ({caught}/{nones})",
            cases.len(),
            if nones == 0 {
                100.0
            } else {
                caught as f64 * 100.0 / nones as f64
            }
        );
    }
    if let Ok(path) = std::env::var("AGENDA_VERDICTS") {
        fs::write(&path, verdicts).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}

/// The twelfth seen set (`tests/agenda-seen12/`, 400 invitations in 29 languages, 200 with
/// an agenda, from outside the company: vendors, recruiters, agencies, banks, law firms,
/// universities, public administrations; heavy signatures, a fifth booking confirmations and
/// a fifth forwarded invitations; its MANIFEST.md says how). Scored once untuned: recall of
/// "none" 14.0%, two false declines, both a booking's event type that names a service
/// ("Naam evenement: Advies: btw-aangifte en OSS-regeling voor de webshop"), which a
/// booking's generic types' rule had taken for filler; fixed. Read and tuned on: 15.5%
/// (most of its invitations carry several kinds of a company's lines at once).
#[test]
fn twelfth_seen_corpus() {
    score_folder(
        "tests/agenda-seen12",
        400,
        "agenda twelfth seen set",
        Reveal::Cases,
        0.195,
    );
}

/// The eighteenth and nineteenth held-out sets (`tests/agenda-heldout18/` and
/// `tests/agenda-heldout19/`, 400 invitations each, 29 and 30 languages, 200 with an agenda;
/// two more writers: the eighteenth a manufacturing team lead's invitations from outside
/// the company, every case a twin of another in the same wrapping, the nineteenth a product
/// manager's month, half colleagues and half outside senders; their MANIFEST.md files say
/// how), written for this measurement and scored once after the last rule change, untuned,
/// read as one calendar each. Numbers only. No false decline in either; recall of "none"
/// 14.0% (28 of 200; 13.5% with each invitation read alone) and 22.5% (45 of 200); after
/// later rule changes, never tuned on them, 14.5% and 23.0%. The floors pin them; the
/// twentieth and twenty-first are the clean measure now.
#[test]
fn eighteenth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout18",
        400,
        "agenda eighteenth held-out set",
        Reveal::Numbers,
        0.145,
    );
}

/// See `eighteenth_held_out_corpus`.
#[test]
fn nineteenth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout19",
        400,
        "agenda nineteenth held-out set",
        Reveal::Numbers,
        0.25,
    );
}

/// The twentieth and twenty-first held-out sets (`tests/agenda-heldout20/` and
/// `tests/agenda-heldout21/`, 400 invitations each, 31 and 29 languages, 200 with an agenda;
/// two more writers: the twentieth an engineering manager's invitations at a logistics
/// company, a third from colleagues and two thirds from outside senders with local-language
/// signatures, slogans, register, confidentiality, data-protection and save-paper footers
/// and banners; the twenty-first a customer-success lead's accounts across Asia, the Middle
/// East and Eastern Europe; their MANIFEST.md files say how), written for this measurement
/// and scored once after the last rule change, untuned, read as one calendar each. Numbers
/// only. No false decline in either; recall of "none" 16.0% (32 of 200) and 8.5% (17 of
/// 200); 18.0% and 9.0% after the per-language formulas. The floors pin them.
#[test]
fn twentieth_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout20",
        400,
        "agenda twentieth held-out set",
        Reveal::Numbers,
        0.18,
    );
}

/// See `twentieth_held_out_corpus`.
#[test]
fn twenty_first_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout21",
        400,
        "agenda twenty-first held-out set",
        Reveal::Numbers,
        0.09,
    );
}

/// The twenty-second and twenty-third held-out sets (`tests/agenda-heldout22/` and
/// `tests/agenda-heldout23/`, 400 invitations each, 29 languages each, among them Persian,
/// Marathi, Bengali, Tamil and Swahili, which no word list or formula file holds; 200 with an
/// agenda; two more writers: the twenty-second an engineering manager's calendar, half from
/// colleagues and half from recruiters, vendors, foundations and customers; the
/// twenty-third a procurement manager's suppliers, brokers, banks, law firms and
/// administrations with heavy local signatures; their MANIFEST.md files say how), written
/// for this measurement while the per-language formulas and the booking rules were written,
/// and scored once after the last rule change, untuned, read as one calendar each. Numbers
/// only. No false decline in either; recall of "none" 24.0% (48 of 200) and 11.5% (23 of
/// 200). The clean measure now; the floors pin them.
#[test]
fn twenty_second_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout22",
        400,
        "agenda twenty-second held-out set",
        Reveal::Numbers,
        0.24,
    );
}

/// See `twenty_second_held_out_corpus`.
#[test]
fn twenty_third_held_out_corpus() {
    score_folder(
        "tests/agenda-heldout23",
        400,
        "agenda twenty-third held-out set",
        Reveal::Numbers,
        0.115,
    );
}
