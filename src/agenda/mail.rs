//! What e-mail adds to an invitation: forwarded-invitation headers (Outlook, Gmail, Apple
//! Mail, in their localized forms), signatures, and the legal notices and banners that mail
//! gateways append.
//!
//! Recognised by structure: a header is a run of `Label: value` lines with a sender and a
//! subject or date field (or follows a forward marker); a signature follows `--` or a closing
//! line and is made of names, titles and contact lines; a notice is a paragraph that names
//! confidentiality, its recipients and what to do with a misdirected message.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::Boilerplate;
use super::boilerplate::{Line, Shape};
use super::text::{self, Context, Unit};
use super::{formulas, notes, vocab};

/// `-----Original Appointment-----`, `---------- Forwarded message ---------`,
/// `-----Ursprünglicher Termin-----`, `Begin forwarded message:` and their translations.
static FORWARD_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[-=_*]{2,}\s*\p{L}[^-=_*]{2,60}?\s*[-=_*]{2,}|(?:begin forwarded message|anfang der weitergeleiteten nachricht|début du message réexpédié|inicio del mensaje reenviado|início da mensagem encaminhada|inizio messaggio inoltrato|begin doorgestuurd bericht)\s*:?)$")
        .expect("valid regex")
});

/// A clock time (`09:14`); not `10.12`, which may be a date's.
static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}:\d{2}\b").expect("valid regex"));

/// A contact line's label (`Mobile:`, `T:`, `Tel.`, `E-Mail:`); a one-letter label only
/// before a number or an address (`M: +44 ...`, `E: jo@acme.com`), not `P.S. ...`.
static CONTACT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:tel|phone|mobile|mob|cell|fax|office|direct|email|e-mail|mail|web|website|www|telefon|handy|mobil|tél|portable|móvil|celular|cel|電話|携帯)\s?[.:：]|[mtefpdo]\s?[.:：]\s*(?:[+(]?\d|\S+@|www\.))")
        .expect("valid regex")
});

static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\(?\d[\d ()./-]{6,}\d").expect("valid regex"));

/// Which header field a line is: 0 none, else [`vocab::header_label`].
/// A sender field names someone: its value starts with a name or an address, not a time
/// ("From: 10:00" in a schedule is no sender).
fn header(line: &Line) -> u8 {
    if line.shape != Shape::Text {
        return 0;
    }
    text::split_label(&line.text).map_or(0, |(label, value)| {
        match vocab::header_label(&label.to_lowercase()) {
            2 if !sender(value) => 1,
            kind => kind,
        }
    })
}

/// A sender field's value: an address, or a name (`Alex Morgan`, `Alex Morgan
/// <alex@example.com>`), not a time (`kl. 10.00`) or a department in words (`отдел кадров`).
fn sender(value: &str) -> bool {
    let value = value.trim();
    let name = value.split(['<', '[', '(']).next().unwrap_or("").trim();
    let name = name.trim_matches(['"', '\'']);
    value.contains('@') || name_like(name) || cjk_person(name) || uncased_name(name)
}

/// Marks forwarded-invitation headers: a marker followed by header fields (an underscore
/// rule followed by a sender and another field), or, without a marker, a run of at least
/// three fields with a sender and a subject or date, or of four with a subject and a date. A line without a label between fields continues the previous one (a long `To:`).
pub(super) fn forwarded(lines: &mut [Line]) {
    let n = lines.len();
    let mut i = 0;
    while i < n {
        let text_marker = lines[i].shape == Shape::Text && FORWARD_MARKER.is_match(&lines[i].text);
        let rule = lines[i].shape == Shape::Rule;
        let marker = text_marker || rule;
        let start = if marker { i + 1 } else { i };
        // The run of fields from `start`, blank lines before the first one allowed.
        let mut j = start;
        while marker && j < n && lines[j].shape == Shape::Blank {
            j += 1;
        }
        let (mut fields, mut from, mut subject, mut end) = (0, false, false, j);
        // Subject and date fields (`Subject:`, `Sent:`, `Date:`).
        let mut dated = 0;
        // A subject or date field with a clock time in it (`Sent: Monday, 7 December 2026
        // 09:14`): what a mail program writes, and a schedule's "Date: 8 December" does not.
        let mut clocked = false;
        // A sender field with an address in it.
        let mut addressed = false;
        // A sent field with a clock time (`Sent: Monday, 7 December 2026 09:14`).
        let mut sent = false;
        let mut k = j;
        while k < n {
            match header(&lines[k]) {
                // HTML may leave a blank line between fields (`<br>` and a line break).
                0 if fields > 0
                    && lines[k].shape == Shape::Blank
                    && lines[k + 1..]
                        .iter()
                        .take(2)
                        .find(|l| l.shape != Shape::Blank)
                        .is_some_and(|l| header(l) > 0) => {}
                0 => {
                    // A continuation line, if another field follows right after it.
                    let continued = fields > 0
                        && lines[k].shape == Shape::Text
                        && k + 1 < n
                        && header(&lines[k + 1]) > 0;
                    if !continued {
                        break;
                    }
                }
                kind => {
                    fields += 1;
                    from |= kind == 2;
                    subject |= kind == 3;
                    dated += usize::from(kind == 3);
                    let (label, value) = text::split_label(&lines[k].text).unwrap_or_default();
                    clocked |= kind == 3 && CLOCK.is_match(text::prefix(value, 200));
                    sent |= vocab::is_sent_label(&label.to_lowercase())
                        && CLOCK.is_match(text::prefix(value, 200));
                    addressed |= kind == 2 && value.contains('@');
                    end = k + 1;
                }
            }
            k += 1;
        }
        // After a written marker one field makes a header; after a bare rule (Outlook's
        // separator, but also the end of a Teams block) it takes a sender and another field:
        // a lone "Objet : …" under a rule is the organizer's own line.
        let is_header = if text_marker {
            fields >= 2 || fields >= 1 && (from || subject)
        } else if rule {
            fields >= 2 && from
        } else {
            // Without a marker: a sender and a subject, or (Outlook's header without its
            // `From:` line) at least four fields with a subject and a date among them.
            // A memo written as a header ("From: HR / To: all staff / Subject: holidays")
            // has neither an address nor a clock time.
            fields >= 3 && from && subject && (addressed || clocked)
                || fields >= 4 && dated >= 2 && sent
        };
        if is_header {
            for l in &mut lines[i..end] {
                if l.strip.is_none() || l.shape == Shape::Rule {
                    l.strip = Some(Boilerplate::Forwarded);
                }
            }
            i = end;
        } else if !marker && fields > 0 {
            // A later start inside the same run has fewer fields: it cannot be a header.
            i = k.max(i + 1);
        } else {
            i += 1;
        }
    }
}

/// Marks legal notices and gateway banners: in a paragraph, from the first line that names
/// one of the notice's keyword groups, as long as the lines continue it, when the whole names
/// all three groups (confidentiality, recipients, what to do) in at least 20 words, two of
/// them in at least 30 or with the message itself and its addressee named, or what to do
/// with the message and its addressee named in at least 15; a banner line on its own.
pub(super) fn legal(lines: &mut [Line]) {
    let n = lines.len();
    let mut i = 0;
    // Whether a line above `i` was stripped, read up to `scanned`: linear, not a scan from
    // the top for every paragraph.
    let (mut stripped_above, mut scanned) = (false, 0);
    while i < n {
        if lines[i].strip.is_some() || lines[i].shape != Shape::Text {
            i += 1;
            continue;
        }
        // A save-paper line is a banner only as the plea itself: "Launch the 'Think before
        // you print' campaign" is a task.
        let t = &lines[i].text;
        let eco = ECO_PRINT.is_match(t) && eco_note(t);
        let plea = !ECO_PRINT.is_match(t) || eco;
        // The banner's line whole, in a banner's shape (a save-paper plea, a tag or a
        // warning word first, or the message named), unless the organizer wrote a decision,
        // a ticket, a question or a list into it ("Our new CTO is from outside the company –
        // intro and Q&A" is a topic).
        if vocab::is_banner(t)
            && plea
            && (eco || banner_shape(t))
            && t.split_whitespace().count() <= 40
            && vocab::decision(t).is_none()
            && text::ticket(t).is_none()
            && !t.contains(['?', '？', '¿'])
            && text::inline_list(t, false) == 0
        {
            // The banner's sentences go; what the organizer wrote after them on the same
            // line stays ("[EXTERNAL] This email originated from outside the organization.
            // Topic: Q3 freight rates").
            let rest = non_banner_sentences(t);
            if rest.is_empty() || eco {
                lines[i].strip = Some(Boilerplate::Legal);
            } else {
                lines[i].text = rest;
            }
            i += 1;
            continue;
        }
        if footer_register(&lines[i].text)
            || eco_note(&lines[i].text)
            || formula_note(&lines[i].text) == Some(formulas::Note::Legal)
        {
            lines[i].strip = Some(Boilerplate::Legal);
            i += 1;
            continue;
        }
        if room_booking(&lines[i].text) {
            lines[i].strip = Some(Boilerplate::Booking);
            i += 1;
            continue;
        }
        if vocab::legal_groups(&lines[i].text) == 0 && !vocab::legal_message(&lines[i].text) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && lines[j].shape == Shape::Text && lines[j].strip.is_none() {
            let previous = lines[j - 1].text.trim_end();
            let sentence_ended = previous.ends_with(['.', '!', '?', '。']);
            if sentence_ended && vocab::legal_groups(&lines[j].text) == 0 {
                break;
            }
            j += 1;
        }
        let block: Vec<&str> = lines[i..j].iter().map(|l| l.text.as_str()).collect();
        let block = block.join(" ");
        let words = block.split_whitespace().count()
            + block.chars().filter(|c| text::unspaced(*c)).count() / 2;
        let groups = vocab::legal_groups(&block);
        // Two groups are enough in a long paragraph if one says what to do: "this meeting is
        // confidential and for its invitees only" followed by an agenda is no notice.
        let acts = vocab::legal_action(&block);
        // A notice speaks of the message itself and of its addressee ("this e-mail and any
        // files transmitted with it are confidential and intended solely for the use of the
        // individual or entity to whom they are addressed"), states no decision and asks
        // nothing; a meeting's purpose does not ("This email is to notify you that we will
        // walk through the Q3 budget").
        // And it is a footer: something that came with the invitation stands above it ("Ce
        // message est confidentiel et réservé aux destinataires : nous présenterons ..." on
        // its own is the organizer's).
        // Read once, as `i` only grows: lines above it are never marked again.
        while scanned < i {
            stripped_above |= lines[scanned].strip.is_some();
            scanned += 1;
        }
        let footer = stripped_above;
        let notice = vocab::legal_message(&block)
            && vocab::legal_addressee(&block)
            && vocab::decision(&block).is_none()
            && !block.contains(['?', '？'])
            && footer;
        if words >= 20 && (groups == 3 || groups == 2 && (acts && words >= 30 || notice))
            || words >= 15 && acts && notice
        {
            for l in &mut lines[i..j] {
                l.strip = Some(Boilerplate::Legal);
            }
        }
        i = j;
    }
}

/// A line made of the formulas' fixed notes (`formulas::note_phrases`): every sentence of
/// it at least half the phrases' words, in any language the formulas hold ("Viestin sisältö
/// on luottamuksellinen.", "Nu accesați linkurile și nu deschideți atașamentele dacă nu
/// cunoașteți expeditorul.", "Lähetetty iPhonesta"), a label before a colon not counted
/// ("AVÍS DE CONFIDENCIALITAT: …"). A question, a ticket, a decision or a list in it is the
/// organizer's, and so is a sentence that holds more words of its own than of the phrases
/// ("This message is confidential because we will restructure the Berlin team").
pub(super) fn formula_note(line: &str) -> Option<formulas::Note> {
    let t = text::prefix(line, 2000).trim();
    let words = t.split_whitespace().count();
    if words == 0
        || words > 80
        || t.contains(['?', '？', '¿'])
        || text::ticket(t).is_some()
        || vocab::decision(t).is_some()
        || text::inline_list(t, false) > 0
    {
        return None;
    }
    let lower = t.to_lowercase();
    let found: Vec<(std::ops::Range<usize>, formulas::Note)> =
        formulas::note_phrases(&lower).collect();
    if found.is_empty() {
        return None;
    }
    // The weight of a piece of text: its words with letters (not links), and half its
    // characters of scripts written without spaces.
    let weight = |piece: &str| {
        piece
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic) && !text::link_like(w))
            .filter(|w| !w.chars().any(text::unspaced))
            .count()
            + piece
                .chars()
                .filter(|&c| text::unspaced(c))
                .count()
                .div_ceil(2)
    };
    // The clauses: sentences, and the parts a colon, a dash or a bar parts. A clause
    // before a colon of at most four words is a label that says what the note is ("avís de
    // confidencialitat:"); every other one is the note's or the line is not one ("Please
    // consider the environment before printing – switching our paper supplier").
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    let mut clauses: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let spaced = next.is_none_or(char::is_whitespace);
        let previous_space = k > 0 && chars[k - 1].1.is_whitespace();
        let ends =
            matches!(c, '.' | '!' | ';' | '。' | '！' | '；') && (spaced || text::unspaced(c));
        let colon = matches!(c, ':' | '：');
        let dash = matches!(c, '–' | '—' | '-' | '|') && previous_space && spaced;
        let end = i + c.len_utf8();
        if ends || colon || dash {
            clauses.push((start, end, colon));
            start = end;
        }
    }
    clauses.push((start, lower.len(), false));
    let mut counted = 0;
    for &(from, to, colon) in &clauses {
        let total = weight(&lower[from..to]);
        if total == 0 || colon && total <= 4 {
            continue;
        }
        let mut covered = 0;
        for (range, _) in &found {
            let (a, b) = (range.start.max(from), range.end.min(to));
            if a < b {
                covered += weight(&lower[a..b]);
            }
        }
        // And the words a note names the mail and its parties with ("viestin sisältö on
        // luottamuksellinen": the message's content is confidential).
        let clause = &lower[from..to];
        covered += clause
            .split_whitespace()
            .filter(|w| {
                let at = from + (w.as_ptr() as usize - clause.as_ptr() as usize);
                !found.iter().any(|(r, _)| r.contains(&at))
            })
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| formulas::FORMULAS.message_words.contains(*w))
            .count();
        // More of the phrases' words than of its own: "Sent with Outlook templates" and
        // "Korektura katalogu před tiskem" hold a phrase, but name a topic.
        if covered * 2 <= total {
            return None;
        }
        counted += 1;
    }
    if counted == 0 {
        return None;
    }
    let legal = found.iter().any(|(_, n)| *n == formulas::Note::Legal);
    let away = found.iter().any(|(_, n)| *n == formulas::Note::Away);
    Some(if legal {
        formulas::Note::Legal
    } else if away {
        formulas::Note::Away
    } else {
        formulas::Note::App
    })
}

/// Marks a company's footer that signatures left: its identity and register lines at the
/// end of the description, and the lines right above them and above its privacy line that
/// name or place the company. After the signatures, so that a signature's own address and
/// register lines still confirm it.
pub(super) fn company_footer(lines: &mut [Line]) {
    let tail = footer_tail(lines);
    // A footer comes under something that came with the invitation: a signature, a notice,
    // a join block. Alone, "Rewrite https://www.example.com/legal for the new entity" or
    // "Umfirmierung · HRB 123456 · Northwind GmbH" is the organizer's.
    let mut below_stripped = false;
    for i in 0..lines.len() {
        let footer = below_stripped
            && tail[i]
            && lines[i].shape == Shape::Text
            && lines[i].strip.is_none_or(|b| b == Boilerplate::Signature)
            && (privacy_notice(&lines[i].text) || identity_footer(&lines[i].text));
        if footer {
            // Also out of a signature that took it: its link is no read-ahead.
            lines[i].strip = Some(Boilerplate::Legal);
        }
        below_stripped |= lines[i].strip.is_some() && lines[i].shape == Shape::Text;
    }
    // From the bottom up, each line looked at once: a walk up ends where the one before it
    // began.
    let mut floor = lines.len();
    for i in (0..lines.len()).rev() {
        let t = &lines[i].text;
        if i < floor
            && lines[i].strip == Some(Boilerplate::Legal)
            && (privacy_notice(t) || identity_footer(t))
        {
            floor = footer_above(lines, i);
        }
    }
}

/// For each line, whether only footer matter follows it: blank lines, lines stripped
/// already, and lines of a company's footer (its privacy page, its identity and register
/// lines). One pass from the end.
fn footer_tail(lines: &[Line]) -> Vec<bool> {
    let mut tail = vec![true; lines.len()];
    for i in (0..lines.len().saturating_sub(1)).rev() {
        let l = &lines[i + 1];
        let footer = || {
            let t = &l.text;
            privacy_notice(t)
                || identity_footer(t)
                || footer_register(t)
                || marking(t)
                || eco_note(t)
                || vocab::legal_groups(t) > 0
        };
        tail[i] = tail[i + 1] && (l.strip.is_some() || l.shape != Shape::Text || footer());
    }
    tail
}

/// Marks the lines right above a company's footer line that name the company, its address
/// or a protective marking (`OFFICIAL`, `INTERNAL`): the same footer. Returns the first line
/// it looked at and left.
fn footer_above(lines: &mut [Line], mut i: usize) -> usize {
    while i > 0 {
        i -= 1;
        let l = &lines[i];
        if l.shape == Shape::Blank {
            continue;
        }
        if l.strip.is_some() {
            return i;
        }
        // Also the company's register statement ("Northwind Holdings plc is a public limited
        // company registered in England and Wales under company number 04127765. Registered
        // office: ...") and its officers, which only a footer's place tells from a topic.
        let t = &l.text;
        let footer = marking(t)
            || identity_footer(t)
            || register(t) && t.split_whitespace().count() <= 80
            || eco_note(t);
        if l.shape != Shape::Text || !footer {
            return i;
        }
        lines[i].strip = Some(Boilerplate::Legal);
    }
    0
}

/// A note of at most `words` words that asks nothing: the shape of a footer's or a tool's
/// line (what it says is each rule's own).
fn note(line: &str, words: usize) -> bool {
    line.split_whitespace().count() <= words && !line.contains(['?', '？'])
}

/// Printing, in the languages of save-paper notes.
static ECO_PRINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bprint|\bdrucke?n?\b|ausdruck|imprim|stampa|afdruk|skriv(?:e|er)? (?:bara |kun |berre )?ut|tulost|\bdruk|yazdır|\btisk|nyomtat|nyomtass|imprimați|tipări|εκτυπ|печат|распечат|друк|印刷|打印|列印|인쇄|พิมพ์|\bin\b|mencetak|الطباعة|ההדפסה|प्रिंट")
        .expect("valid regex")
});

/// The sentences of a banner's line that are not the banner's (a tag counts with the
/// sentence it opens), joined again.
fn non_banner_sentences(line: &str) -> String {
    let mut kept = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut pieces = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let next_space = chars.get(k + 1).is_none_or(|&(_, n)| n.is_whitespace());
        if matches!(c, '.' | '!' | '。' | '！') && next_space {
            let end = at + c.len_utf8();
            pieces.push(&line[start..end]);
            start = end;
        }
    }
    pieces.push(&line[start..]);
    for piece in pieces {
        let piece = piece.trim();
        if piece.is_empty() || vocab::is_banner(piece) || banner_tag_only(piece) {
            continue;
        }
        kept.push(piece);
    }
    kept.join(" ")
}

/// A piece that is a banner's tag or warning word and nothing else (`[EXTERNAL]`, `HUOM:`),
/// or a mail filter's marker (`ZjQcmQRYFpfptBannerEnd`); "[EXTERNAL] Pricing." is not.
fn banner_tag_only(piece: &str) -> bool {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)^\W{{0,3}}(?:{BANNER_TAG})\W*$")).expect("valid regex")
    });
    TAG.is_match(piece.trim()) || filter_marker(piece)
}

/// A mail filter's marker (Proofpoint's `ZjQcmQRYFpfptBannerEnd`).
fn filter_marker(text: &str) -> bool {
    text.trim()
        .to_lowercase()
        .starts_with("zjqcmqryfpfptbanner")
}

/// A banner's tag or warning word, as it opens the banner (`[EXTERNAL]`, `CAUTION:`).
const BANNER_TAG: &str = r"\[[^\]]{2,30}\]|【[^】]{1,10}】|(?:caution|warning|attention|achtung|warnung|huom|obs|varning|advarsel|atenție|atentie|dikkat|uyarı|cảnh báo|זהירות|คำเตือน|внимание|увага|perhatian|προσοχή|注意|주의|सावधान|uwaga|pozor|figyelem|let op|advertencia|aviso|atenção|attenzione|external|extern|externe|externo|esterno|ulkoinen|ekstern|harici|külső)\s?[:!：-]";

/// The words for a mail message in the languages focusd knows.
const MESSAGE_WORDS: &str = r"e-?mail|message|mail|courriel|nachricht|bericht|viesti|sähköposti|meddelelse|melding|meddelande|e-post|mesaj|wiadomość|zpráva|správa|üzenet|μήνυμα|сообщение|письмо|повідомлення|лист|pesan|messaggio|mensaje|mensagem|missatge|correo|e-posta|e-postu|tin nhắn|ईमेल";

/// Whether `text` names a message (`this e-mail`, `diese E-Mail`, `ce message`).
fn names_message(text: &str) -> bool {
    static MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)\b(?:{MESSAGE_WORDS})\b|メール|邮件|郵件|메일|อีเมล|הודעה|رسالة"
        ))
        .expect("valid regex")
    });
    MESSAGE.is_match(text::prefix(text, 400))
}

/// A line shaped as a mail gateway's banner: a tag or a warning word first (`[EXTERNAL]`,
/// `CAUTION:`, `HUOM:`, `【注意】`), or the message itself named ("This email originated
/// from outside the organization", "Diese E-Mail stammt von einem externen Absender").
fn banner_shape(line: &str) -> bool {
    static SHAPE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^\W{{0,3}}(?:(?:{BANNER_TAG})|(?:\[[^\]]{{2,30}}\]\s*)?(?:this|the|diese|dieses|ce|cet|cette|este|esta|questo|questa|deze|dit|denne|dette|detta|tämä|ten|tento|ta|to|bu|ez|acest|această|αυτό|это|этот|эта|це|цей|email|e-mail)\s(?:\S+\s){{0,2}}?(?:{MESSAGE_WORDS})\b|このメール|本邮件|此邮件|이 메일|อีเมลนี้|הודעה זו|هذه الرسالة|email này|यह ईमेल)|don'?t often get (?:e-?mail|messages) from|learn why this is important|ne recevez pas souvent de courrier|erhalten nicht oft e-?mails?|no recibe correo electrónico a menudo|não recebe e-?mails? com frequência|adresinden sık sık e-posta almazsınız|et saa usein sähköpostia"
        ))
        .expect("valid regex")
    });
    // A mail filter's marker on its own line.
    SHAPE.is_match(text::prefix(line, 400)) || filter_marker(line)
}

/// A footer's plea to save paper ("Please consider the environment before printing this
/// e-mail", "♻ Sparen Sie Papier – drucken Sie diese E-Mail nur, wenn es wirklich nötig
/// ist."): printing and the environment or paper named, in a sentence or two.
fn eco_note(line: &str) -> bool {
    static NATURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)environment|umwelt|papier|paper|planet|environnement|ambiente|milieu|miljø|miljö|ympäristö|środowisk|çevre|környezet|mediul|περιβάλλον|окружающ|довкілл|环境|環境|환경|สิ่งแวดล้อม|môi trường|lingkungan|البيئة|הסביבה|पर्यावरण|♻|🌱|🌍|🌳|🌿|🌲|🍃")
            .expect("valid regex")
    });
    // It opens with the plea, in the footer's own voice: "Print 200 copies of the environment
    // report on recycled paper" or "Drop the 'consider the environment before printing' line"
    // are tasks.
    static PLEA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:please |pls |kindly )?(?:consider the environment|think (?:green )?before|think of the environment|save (?:paper|a tree|trees)|do not print|don't print|only print|bitte (?:denken sie an die umwelt|drucken sie)|denken sie an die umwelt|sparen sie papier|drucken sie (?:diese|die) (?:e-mail|nachricht) nur|vor dem (?:aus)?drucken|merci de (?:penser|n'imprimer)|pensez à l'environnement|n'imprimez|avant d'imprimer|antes de imprimir|imprima (?:solo|sólo|apenas)|por favor,? (?:piense|pense|considere)|prima di stampare|stampa (?:solo|questa)|pensa all'ambiente|denk aan het milieu|print (?:deze|dit) (?:e-mail|bericht) alleen|tänk på miljön|tenk på miljøet|tænk på miljøet|ajattele ympäristöä|zanim wydrukujesz|pomyśl o środowisku|yazdırmadan önce|gondoljon a környezetre|nyomtatás előtt|myslete na životní prostředí|подумайте об окружающей|перед печатью|印刷する前に|打印前|인쇄하기 전에|mohon pertimbangkan lingkungan|harap pertimbangkan lingkungan|tenk miljø|tænk miljø|tänk miljö|pense antes de imprimir|pense no meio ambiente|rispetta l'ambiente|piense en el medio ambiente|respectez l'environnement|환경을 위해|vui lòng cân nhắc trước khi in|we are committed to net zero by \d{4}\.? please (?:don't|do not) print|print die (?:e-?mail|bericht) alleen|为了环保|為了環保)")
            .expect("valid regex")
    });
    // The plea alone, whole, needs no word for nature ("🌱 Think before you print.").
    static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:think before you print|pense antes de imprimir|piensa antes de imprimir|pensez avant d'imprimer|denk na voordat je print|denken sie vor dem drucken nach|think green before you print)[.!]?$")
            .expect("valid regex")
    });
    let original = line.trim();
    let line = original
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim();
    // A colon opens what the line is about ("Think before you print: launch of the
    // paperless invoicing pilot").
    // So does a dash, unless what follows it is the plea's too ("Sparen Sie Papier –
    // drucken Sie diese E-Mail nur, wenn es wirklich nötig ist"; not "Think before you
    // print – kickoff of our green office initiative").
    let dash_topic = [" – ", " - ", " — "].iter().any(|d| {
        line.split_once(d).is_some_and(|(_, after)| {
            !(ECO_PRINT.is_match(after) && (names_message(after) || NEEDED.is_match(after)))
        })
    });
    // Or printing allowed only when needed ("🌲 Skriv bara ut om du verkligen behöver.",
    // "Drukuj tylko, jeśli to konieczne."), printing named by its verb, not by a stem
    // inside another word ("впечатления", "conferenza stampa", Dutch "druk") or by "in".
    static PRINTING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bprint(?:ed|ing)?\b|\bdrucke?n?\b|\bausdrucken\b|\bimprim(?:er|ez|a|e|ir|ir este|iendo)\b|\bstamp(?:are|a solo|ate)\b|\bafdrukken\b|\bskriv(?:e|er)? (?:bara |kun |berre )?ut\b|\btulosta\w*|\b(?:wy)?drukuj\w*|\byazdır\w*|\bvytiskn\w*|\btiskn\w*|\bnyomtass\w*|\bimprimați\b|\btipăr\w*|\bεκτυπώ\w*|\bраспечат\w*|\bнадрук\w*|\bдрукуйте\b|印刷|打印|列印|인쇄|출력|พิมพ์|\bin ra\b|\bmencetak\b|\bالطباعة\b|\bלהדפיס\b|\bप्रिंट\b")
            .expect("valid regex")
    });
    // The plea alone, short, under a plant or naming the message: "Environmental inspection
    // in the warehouse, hard hats only if needed" and "Print the contract only if needed"
    // are tasks.
    let needed = || {
        NEEDED.is_match(line)
            && PRINTING.is_match(line)
            && line.split_whitespace().count() <= 14
            // Unspaced scripts count no words: there only under a plant.
            && (PLANT.is_match(original)
                || MESSAGE_STEM.is_match(line) && !line.chars().any(text::unspaced))
    };
    WHOLE.is_match(line)
        || note(line, 40)
            && !dash_topic
            && !line.contains([':', '：'])
            && ECO_PRINT.is_match(line)
            && vocab::decision(line).is_none()
            && (PLEA.is_match(line) && NATURE.is_match(line) || needed())
}

/// Printing allowed only when needed, in the languages of save-paper notes.
static NEEDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)only if|unless (?:you )?(?:really |absolutely )?(?:need|necessary)|necessary|nötig|notwendig|nécessaire|necesario|necessário|necessario|nodig|nødvendig|nödvändig|behöver|tarpeen|välttämätön|konieczn|gerekmedikçe|gerekli|szükséges|necesar|nezbytně|nutné|необходимости|потреби|必要|필요|จำเป็น|\bperlu\b|cần thiết|الضرورة|הכרחי|आवश्यकता|आवश्यक")
        .expect("valid regex")
});

/// A mail message named, inflected or not ("ezt az e-mailt", "tę wiadomość").
static MESSAGE_STEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:e-?mail|messag|courriel|nachricht|bericht|viest|sähköpost|meddelande|e-post|mesaj|wiadomoś|zpráv|üzenet|μήνυμα|сообщени|письм|лист|повідомлен|pesan|messaggi|mensaj|mensagem|tin nhắn|ईमेल)|メール|邮件|郵件|메일|อีเมล|הודעה|رسالة")
        .expect("valid regex")
});

/// A plant or the globe, as save-paper notes open, or "think green".
static PLANT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W{0,3}(?:[🌱🌲🌳🌴🌿🍀🍃🌍🌎🌏♻]|think green\b)").expect("valid regex")
});

/// A room-booking system's note on the invitation ("Room booking confirmed via Skedda.
/// Please leave the room tidy", "This room was reserved via Condeco. Please cancel your
/// booking if the meeting no longer takes place", "Deze ruimte is gereserveerd via
/// Planon."): a room named as booked or reserved through a system, with the house rules
/// that follow, asking nothing.
fn room_booking(line: &str) -> bool {
    static BOOKED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:this |the |your )?(?:room|meeting room|space|desk)(?: booking)? (?:was |is |has been )?(?:booked|reserved|confirmed)|room booking (?:was )?confirmed|booked|reserved|(?:deze |de )?(?:ruimte|zaal|vergaderruimte) is gereserveerd|(?:dieser |der )?raum (?:wurde|ist) (?:über |via |mit )?\S* ?(?:gebucht|reserviert)|(?:cette |la )?salle (?:a été |est )réservée|(?:esta |la )?sala (?:ha sido |fue |está )?reservada|(?:questa |la )?sala (?:è stata )?prenotata|(?:detta |rummet )(?:är |har )?bokat|(?:rommet|lokalet) (?:er )?(?:booket|reservert))\s+(?:via|with|through|using|in|über|mit|par|avec|por|con|tramite|met|med|przez|kautta)\s+\p{Lu}\w*(?:\.\s|\.?$)")
            .expect("valid regex")
    });
    let line = line.trim();
    static ROOM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)room|ruimte|zaal|raum|salle|sala|rum|lokal|sali|huone|pokój|místnost|oda|desk",
        )
        .expect("valid regex")
    });
    // After the booking, only the house rules: "Room booked via Condeco. We finalise the 2027
    // travel budget." is an agenda.
    static RULES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:please|kindly|check in|cancel|the room will|if the meeting|bitte|stornieren|veuillez|merci de|annulez|por favor|cancela|si la reunión|annuleer|graag|vänligen|avboka|husk|vennligst|si prega|annulla|proszę|prosimy)")
            .expect("valid regex")
    });
    let Some(booked) = BOOKED.find(line) else {
        return false;
    };
    let rest = line[booked.end()..].trim();
    let house_rules = rest
        .split_inclusive(['.', '!'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .all(|s| RULES.is_match(s));
    note(line, 60) && ROOM.is_match(line) && house_rules
}

/// A footer's line that points at the sender's privacy or legal page ("Datenschutzhinweise:
/// https://www.example.de/datenschutz", "We process personal data in accordance with our
/// Privacy Notice, available at https://www.example.co.uk/privacy"), asking and deciding
/// nothing.
fn privacy_notice(line: &str) -> bool {
    static URL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bhttps?://[^\s<>\x22]+").expect("valid regex"));
    static DATA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)personal (?:data|information)|privacy|data protection|datenschutz|personenbezogen|données (?:personnelles|vous concernant)|rgpd|dados pessoais|lgpd|datos personales|protecció de dades|dati personali|persoonsgegevens|personoplysninger|personopplysninger|personuppgifter|henkilötie|tietosuoja|danych osobowych|osobních údajů|kişisel veri|kvkk|személyes adat|adatkezel|datelor cu caracter personal|персональных данных|персональних даних|个人信息|個人情報|개인정보|ข้อมูลส่วนบุคคล|البيانات الشخصية|מידע אישי|व्यक्तिगत डेटा|dữ liệu cá nhân|data pribadi")
            .expect("valid regex")
    });
    let line = text::prefix(line, 1000).trim();
    let Some(url) = URL.find_iter(line).last() else {
        return false;
    };
    // The page is the line's last word: nothing but punctuation after it.
    let after = line[url.end()..].trim_matches(|c: char| c.is_ascii_punctuation() || c == ' ');
    let before = line[..url.start()].trim();
    let label =
        before.ends_with([':', '：']) && (1..=6).contains(&before.split_whitespace().count());
    let privacy = super::links::classify(super::links::trim_url(url.as_str()))
        .is_some_and(|l| super::links::privacy_page(&l));
    privacy
        && after.is_empty()
        && note(line, 80)
        && vocab::decision(line).is_none()
        && (label || DATA.is_match(before) && before.split_whitespace().count() >= 6)
}

/// One part of a company's footer line: a register's name with its number (`Mersis No:
/// 0068012445100017`, `CNPJ 12.447.823/0001-60`, `ח.פ. 514882731`, `EIN 23-4817765`).
fn identifier(part: &str) -> bool {
    static ID: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\p{L}][\p{L}\p{M}.'’/-]*(?:\s[\p{L}\p{M}.'’/-]+){0,3}\s?[:：]?\s?[A-Z]{0,3}\d[\d .\-/]*[\dA-Z]$|^[A-Z]{1,3}\d{2,}(?:/\d+)+$")
            .expect("valid regex")
    });
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|\b(?:19|20)\d{2}\s?[-–/]\s?(?:19|20)?\d{2}\b")
            .expect("valid regex")
    });
    let part = part.trim().trim_end_matches(['.', ';']);
    part.chars().count() <= 60
        && part.chars().filter(char::is_ascii_digit).count() >= 5
        && ID.is_match(part)
        && !DATE.is_match(part)
}

/// A part of a company's footer line that names or places it: the company (its legal form,
/// or capitalised words), a register's name, or an address (digits among capitalised
/// words, abbreviations and function words).
fn identity_part(part: &str) -> bool {
    let part = part.trim().trim_end_matches(['.', ';', ',']);
    if part.is_empty() {
        return true;
    }
    if identifier(part) || cjk_address(part) {
        return true;
    }
    // In a script without capitals, a company's legal form or an address says it; in one
    // with them, the words do ("Renew the contract with Anadolu Lojistik A.Ş." has a legal
    // form too).
    let cased = part.chars().any(|c| c.is_lowercase());
    if !cased && (company(part) || postal(part)) {
        return true;
    }
    if part.chars().count() > 80 || part.contains(['?', '？', '!']) {
        return false;
    }
    let words: Vec<&str> = part.split_whitespace().collect();
    let plain = |w: &&str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty()
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || vocab::flags(&w.to_lowercase()) & vocab::STOP != 0 && w.chars().count() <= 4
    };
    words.len() <= 10
        && words.iter().all(|w| {
            let w = w.trim_end_matches([',', ';']);
            plain(&w) || w.ends_with('.') && w.chars().count() <= 5
        })
}

/// A company's identity and register line (`Anadolu Lojistik A.Ş. · Büyükdere Cad. No:185,
/// 34394 İstanbul · Mersis No: 0068012445100017`, `Gemeente Zwolle | Postbus 10007 | 8000 GA
/// Zwolle`): parts between separators, each naming or placing the company, one of them a
/// register's number, and a legal form or a second number among them.
fn identity_footer(line: &str) -> bool {
    static SEPARATOR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s[|·•–—]\s|\s-\s").expect("valid regex"));
    let line = line.trim();
    if line.chars().count() > 400 || line.contains(['?', '？']) || vocab::decision(line).is_some()
    {
        return false;
    }
    let parts: Vec<&str> = SEPARATOR.split(line).collect();
    let ids = parts.iter().filter(|p| identifier(p)).count();
    // A register's own name among them: a purchase order or a case number is no footer.
    let registered = parts
        .iter()
        .any(|p| identifier(p) && (REGISTER.is_match(p) || FOOTER_REGISTER.is_match(p)));
    parts.len() >= 3
        && ids >= 1
        && registered
        && (ids >= 2 || parts.iter().any(|p| company(p)))
        && parts.iter().all(|p| identity_part(p))
}

/// Register names that appear in footers' identity lines besides [`REGISTER`]'s.
static FOOTER_REGISTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:ticaret sicil|vergi dairesi|mersis|cvr|ein|ogrn|огрн|инн|кпп|код єдрпоу|єдрпоу|іпн|cnpj|cégjegyzékszám|adószám|mã số thuế|mst|npwp|ח\.פ\.|ע\.מ\.|사업자등록번호|法人番号|统一社会信用代码|j\d{2}/|cui|nif|cif|siret|siren|rcs|kvk|btw|y-tunnus|org\.?\s?nr|krs|nip|regon|ičo|dič|abn|acn|gstin|cin|pan|uen|tin|vat)")
        .expect("valid regex")
});

/// A protective marking in capitals on a line of its own (`OFFICIAL`, `OFFICIAL-SENSITIVE`,
/// `INTERNAL`, `TLP:AMBER`).
fn marking(line: &str) -> bool {
    const MARKINGS: &[&str] = &[
        "OFFICIAL",
        "OFFICIAL-SENSITIVE",
        "OFFICIAL SENSITIVE",
        "NOT PROTECTIVELY MARKED",
        "UNCLASSIFIED",
        "INTERNAL",
        "INTERNAL USE ONLY",
        "PUBLIC",
        "RESTRICTED",
        "TLP:CLEAR",
        "TLP:WHITE",
        "TLP:GREEN",
        "TLP:AMBER",
        "VS-NUR FÜR DEN DIENSTGEBRAUCH",
        "C1 - INTERNAL",
        "C2 - CONFIDENTIAL",
    ];
    MARKINGS.contains(&line.trim().trim_end_matches('.'))
}

/// A line that says what the message is about, inside a signature or not: a subject label
/// (`Re:`, `件名：`, `เรื่อง:`) or a reference with its number (`PO 4500012871`, `Rif.
/// ordine 2026/0871`, `見積書No.2026-0412`). Never a signature's line, whatever its digits.
fn reference_like(line: &str) -> bool {
    static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:re|aw|wg|sv|subject|betreff|objet|asunto|assunto|oggetto|onderwerp|ämne|temat|тема|konu|předmět|emne|aihe|θέμα|chủ đề|subjek|perihal|tárgy|subiect|الموضوع|נושא|विषय|件名|主题|主旨|제목|เรื่อง)\s*[:：]|(?:^|[^\p{L}])(?:rif|ref|re|po|inv|invoice|order|ordine|commande|pedido|bestellung|auftrag|rechnung|facture|factura|fattura|ticket|case|見積書|注文|請求書|订单|發票|发票|ใบแจ้งหนี้|ใบสั่งซื้อ)\.?\s?(?:no\.?|nr\.?|n\.?|#)?\s?[:：]?\s?\d")
            .expect("valid regex")
    });
    REFERENCE.is_match(text::prefix(line.trim(), 300))
}

/// Names, titles, companies, addresses and contact lines: what a signature is made of.
fn signature_like(line: &str) -> bool {
    let line = line.trim();
    if reference_like(line) {
        return false;
    }
    if register(line) {
        return true;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 || line.contains(['?', '？']) {
        return false;
    }
    if vocab::decision(line).is_some() || text::ticket(line).is_some() {
        return false;
    }
    if contact_like(line) {
        return true;
    }
    if words.len() > 8 || text::split_label(line).is_some() || text::strip_bullet(line) != line {
        return false;
    }
    // A year names what a line is about ("Rahmenvertrag Verpackung 2027", "2027 fiyat
    // listesi"), not the sender; a postcode is the postal rule's.
    if words.iter().any(|w| year_like(w)) {
        return false;
    }
    if line.chars().any(text::unspaced) {
        return cjk_person(line) || cjk_name(line) || cjk_address(line);
    }
    let connector = |w: &str| {
        matches!(
            w.to_lowercase().as_str(),
            "of" | "and"
                | "&"
                | "|"
                | "-"
                | "–"
                | "·"
                | "•"
                | "/"
                | "at"
                | "de"
                | "da"
                | "do"
                | "von"
                | "van"
                | "der"
                | "den"
                | "du"
                | "des"
                | "la"
                | "le"
                | "y"
                | "e"
                | "et"
                | "und"
                | "für"
                | "for"
                | "to"
                | "the"
                | "in"
                | "del"
        )
    };
    let capitalised = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    // `Assistenz` is a title alone or as `Assistenz der Geschäftsführung`; elsewhere it is
    // help ("Assistenz bei der Inventur", "Einarbeitung neue Assistenz").
    let assistant = words[0] == "Assistenz"
        && (words.len() == 1
            || words.len() >= 3 && matches!(words[1], "der" | "des") && capitalised(words[2]));
    let job = assistant || words.iter().any(|w| vocab::is_job_title(&lower(w)));
    // German writes every noun capitalised: with an article or a preposition between them a
    // line of capitalised words is a topic ("Preisanpassung der Frachtraten", "Übergabe an
    // das Team Nord"), unless a job's word opens it (`job_first`) or an office names itself.
    let german = words.iter().any(|w| {
        matches!(
            *w,
            "der"
                | "die"
                | "das"
                | "dem"
                | "für"
                | "zur"
                | "zum"
                | "im"
                | "am"
                | "vom"
                | "mit"
                | "bei"
                | "auf"
                | "an"
                | "aus"
                | "nach"
                | "über"
                | "und"
        )
    }) || words.iter().any(|w| {
        // Words German shares with other languages count where the line reads German
        // ("Verlängerung des Wartungsvertrags", "Schulung in Hamburg").
        matches!(
            *w,
            "des" | "von" | "in" | "ins" | "zu" | "unter" | "gegen" | "ohne"
        )
    }) && words.iter().any(|w| {
        let w = lower(w);
        w.contains(['ä', 'ö', 'ü', 'ß'])
            || ["ung", "ungen", "keit", "heit", "schaft", "ierung"]
                .iter()
                .any(|end| w.ends_with(end))
    });
    // The job's word opens a German title ("Leiterin der Beschaffung", "Stellvertretende
    // Leiterin Einkauf"); inside a line it is its topic ("Vertretung der Leiterin Einkauf").
    let job_first = assistant
        || vocab::is_job_title(&lower(words[0]))
        || words.len() > 1
            && matches!(
                lower(words[0]).as_str(),
                "senior"
                    | "junior"
                    | "stellvertretende"
                    | "stellvertretender"
                    | "kommissarische"
                    | "kommissarischer"
                    | "technische"
                    | "technischer"
                    | "kaufmännische"
                    | "kaufmännischer"
            )
            && vocab::is_job_title(&lower(words[1]));
    // An office's name is the sender's too ("Landesamt für Digitalisierung", "Institut für
    // Informatik").
    let office = || {
        const OFFICES: &[&str] = &[
            "amt",
            "ministerium",
            "institut",
            "verband",
            "stiftung",
            "gesellschaft",
            "abteilung",
            "behörde",
            "kammer",
            "verein",
            "akademie",
            "hochschule",
            "universität",
            "klinik",
            "klinikum",
            "agentur",
            "gericht",
            "schule",
            "direktion",
            "stadtverwaltung",
            "kreisverwaltung",
            "bezirksverwaltung",
            "landesverwaltung",
            "senatsverwaltung",
            "dezernat",
        ];
        // The office's name, then how it goes on ("Landesamt für Digitalisierung"); not
        // "Gesundheitsamt Auflagen für Kantine Nord".
        let first = words[0].to_lowercase();
        OFFICES.iter().any(|o| first.ends_with(o))
            && words.get(1).is_some_and(|w| {
                matches!(
                    *w,
                    "für" | "der" | "des" | "im" | "am" | "zu" | "zur" | "zum" | "in" | "an"
                )
            })
    };
    // Short, as titles and offices are: "Geschäftsführerin Vertretung in den Sommerferien"
    // is a topic.
    let titled = words.iter().all(|w| capitalised(w) || connector(w))
        && (!german || words.len() <= 4 && job_first || office());
    // A short line with words in lower case is a title only with a job's word in it ("Senior
    // engineer", "Responsable achats"); "Förlängning av serviceavtalet" is a topic.
    let short = words.len() <= 3 && capitalised(words[0]) && (words.len() == 1 || job);
    titled || short
}

/// A year of this century or the last on its own (`2027`, `1998`).
fn year_like(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.bytes().all(|b| b.is_ascii_digit())
}

/// A phone, e-mail, web or labelled contact line, without a decision or a question. The
/// groups of a phone number are not words (`Tél. : +33 1 55 55 01 34 | Port. : +33 6 ...`).
pub(super) fn contact_like(line: &str) -> bool {
    let line = line.trim();
    if reference_like(line) {
        return false;
    }
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    !words.is_empty()
        && words.len() <= 12
        && line.split_whitespace().count() <= 30
        && !line.contains(['?', '？'])
        && vocab::decision(line).is_none()
        && !text::starts_with_heading(line)
        && (CONTACT_LABEL.is_match(line)
            || PHONE.is_match(line)
            || words.iter().any(|w| text::link_like(w)))
}

/// A line that only closes a message ("Thanks,", "Best regards, Bob", "Viele Grüße",
/// "よろしくお願いします。").
fn closing(line: &str, ctx: &Context) -> bool {
    let lower = line.to_lowercase();
    if lower.split_whitespace().count() > 8 {
        return false;
    }
    let has_closing = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .any(|w| vocab::flags(w) & vocab::CLOSING != 0)
        || ["よろしくお願い", "宜しくお願い", "以上"]
            .iter()
            .any(|p| lower.contains(p))
        || closing_phrase(&lower);
    has_closing && matches!(text::classify(line, ctx, false), Unit::Filler { .. })
        || korean_sign_off(line)
}

/// A closing phrase of [`closing_phrase`] that is the whole line, with at most a name after
/// it ("Freundliche Grüße", "Parhain terveisin,", "Tisztelettel: Kiss Dávid"), whose words
/// need not be known ones. Any other word ("Viele Grüße aus dem Budget-Meeting") is the line's own.
fn closing_phrase_alone(line: &str) -> bool {
    let trimmed = |s: &str| {
        s.trim()
            .trim_matches([',', '.', '!', '،', ':', '：', ' '])
            .to_owned()
    };
    let line = trimmed(line);
    let lower = line.to_lowercase();
    closing_phrases().any(|p| {
        lower.strip_prefix(p).is_some_and(|rest| {
            let rest = trimmed(rest);
            // The name as written, from the line's end (lower case may change a letter's
            // length, so the lower-cased rest is compared, not its offset).
            rest.is_empty()
                || line
                    .get(line.len() - rest.len()..)
                    .is_some_and(|name| name_like(name) && name.to_lowercase() == rest)
        })
    })
}

/// A closing of several words whose words are no closing alone ("Z poważaniem", "Salam
/// hangat", "Trân trọng", "S pozdravem"), at the start of a lower-cased line.
fn closing_phrase(lower: &str) -> bool {
    let lower = lower.trim().trim_end_matches([',', '.', '!', '،', ' ']);
    lower.split_whitespace().count() <= 6
        && CLOSING_PHRASES.iter().any(|p| {
            lower
                .strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',']))
        })
}

/// Closings that may stand alone on their line: [`CLOSING_PHRASES`] and the formulas'
/// sign-offs of any length (`agenda::formulas`).
fn closing_phrases() -> impl Iterator<Item = &'static str> {
    CLOSING_PHRASES.iter().copied().chain(
        super::formulas::FORMULAS
            .closing_phrases
            .iter()
            .map(String::as_str),
    )
}

/// Closings of several words (see [`closing_phrase`]), lower case.
const CLOSING_PHRASES: &[&str] = &[
    "z poważaniem",
    "z wyrazami szacunku",
    "pozdrawiam serdecznie",
    "s pozdravem",
    "s přáním hezkého dne",
    "med vänlig hälsning",
    "med vänliga hälsningar",
    "vänliga hälsningar",
    "med venlig hilsen",
    "venlig hilsen",
    "med vennlig hilsen",
    "vennlig hilsen",
    "ystävällisin terveisin",
    "parhain terveisin",
    "met vriendelijke groet",
    "met vriendelijke groeten",
    "vriendelijke groet",
    "mit freundlichen grüßen",
    "mit besten grüßen",
    "freundliche grüße",
    "beste grüße",
    "viele grüße",
    "liebe grüße",
    "cordiali saluti",
    "distinti saluti",
    "un saluto",
    "saludos cordiales",
    "un saludo",
    "atentamente",
    "atenciosamente",
    "com os melhores cumprimentos",
    "bien à vous",
    "bien cordialement",
    "cu stimă",
    "cu drag",
    "toate cele bune",
    "üdvözlettel",
    "tisztelettel",
    "saygılarımla",
    "iyi çalışmalar",
    "с уважением",
    "с наилучшими пожеланиями",
    "з повагою",
    "με εκτίμηση",
    "φιλικά",
    "trân trọng",
    "thân ái",
    "salam hangat",
    "hormat kami",
    "hormat saya",
    "terima kasih",
    "בברכה",
    "בכבוד רב",
    "مع تحياتي",
    "مع خالص التحية",
    "تحياتي",
    "सादर",
    "धन्यवाद",
    "ขอแสดงความนับถือ",
    "ด้วยความเคารพ",
];

/// A Korean sign-off: a name and `드림` or `올림` ("김민준 드림", "from Kim Minjun").
fn korean_sign_off(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(words.as_slice(), [.., last] if matches!(*last, "드림" | "올림"))
        && (2..=4).contains(&words.len())
        && cjk_words(line, 6)
}

/// A team, a department or a company in Japanese or Chinese: short words, no hiragana, and
/// the marks of an organisation (a katakana name, `部`, `株式会社`, `公司`...).
fn cjk_name(line: &str) -> bool {
    let organisation = [
        "部",
        "課",
        "室",
        "株式会社",
        "有限公司",
        "公司",
        "チーム",
        "グループ",
        "センター",
        "集团",
        "集團",
        "中心",
        "팀",
        "본부",
        "(주)",
        "주식회사",
        "그룹",
        "센터",
        // Titles.
        "经理",
        "經理",
        "总监",
        "總監",
        "主管",
        "工程师",
        "工程師",
        "매니저",
        "팀장",
        "과장",
        "부장",
        "대리",
        "이사",
        "대표",
    ]
    .iter()
    .any(|s| line.contains(s))
        || line.chars().any(|c| matches!(c as u32, 0x30A0..=0x30FF));
    organisation && cjk_words(line, 16)
}

/// A postal address in Chinese, Japanese or Korean: a number and a street, building or floor
/// mark (`上海市浦东新区世纪大道100号 20楼`, `서울특별시 강남구 테헤란로 152, 12층`).
fn cjk_address(line: &str) -> bool {
    line.chars().any(text::unspaced)
        && line.chars().any(|c| c.is_ascii_digit())
        && line.chars().count() <= 60
        && !line.contains(['?', '？'])
        && vocab::decision(line).is_none()
        && [
            "号", "號", "楼", "樓", "栋", "棟", "층", "번지", "丁目", "番地", "路", "로", "길",
            "街",
        ]
        .iter()
        .any(|m| line.contains(m))
}

/// A Thai address: a few words, one the road's or the lane's and another the building's,
/// the district's, the city's or a postcode (`อาคารสาทรซิตี้ ถนนสาทรใต้ กรุงเทพฯ`): "ถนนพระราม2
/// ก่อสร้างล่าช้า" (delays on the Rama 2 road works) is a topic.
fn thai_street(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let opens = |w: &str, with: &[&str]| {
        with.iter()
            .any(|s| w.strip_prefix(s).is_some_and(|rest| !rest.is_empty()))
    };
    let street = |w: &str| opens(w, &["ถนน", "ซอย"]);
    let place = |w: &str| {
        opens(w, &["อาคาร", "แขวง", "เขต", "ตำบล", "อำเภอ", "จังหวัด"])
            || w.starts_with("กรุงเทพ")
            || w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit())
    };
    (2..=5).contains(&words.len())
        && line
            .chars()
            .all(|c| thai(c) || c.is_whitespace() || c.is_ascii_digit() || ".,/-".contains(c))
        && words.iter().any(|w| street(w))
        && words.iter().all(|w| street(w) || place(w))
}

/// A street address in a script with spaces (`1200 Market Street, Suite 400`, `Outer Ring
/// Road, Bellandur, Bengaluru 560103`, `Λεωφ. Κηφισίας 44, Αθήνα`, `вул. Хрещатик, 22, Київ`,
/// `برج الخليج، شارع الشيخ زايد، دبي`): one of its comma-separated parts is a street and
/// nothing else (the street's word with its name and a house number that is no year), the
/// other parts place it, and the short line asks and decides nothing. A street's word inside
/// a sentence ("Year End Close for the 4 subsidiaries", "Umzug in die Hafenstraße 12",
/// "Genomgång av Q3-siffrorna") is a topic.
fn street_address(line: &str) -> bool {
    // A name's word, capitalised, or one of the small words in streets' names; a house
    // number.
    const NAME: &str = r"(?:\p{Lu}[\p{L}'’.-]*|d[aeiou]s?|del|la|le|van|von|der)";
    const NUMBER: &str = r"(?:\d+[a-zA-Z]?(?:[-/]\d+[a-zA-Z]?)?)";
    // The street's word after its name (`Market Street`), before it (`rue Saint-Jean`, `Av.
    // Paulista`, `ul. Długa`), or as the end of one word (`Hansastraße 12`,
    // `Drottninggatan 5`). The words that are streets only (`Road`, `Avenue`) may go without
    // a number in a line with more parts; the others (`Close`, `Drive`, `Court`) need one.
    const STRONG: &str = r"road|rd|street|avenue|ave|boulevard|blvd|parkway|pkwy|highway|hwy";
    const WEAK: &str = r"st|lane|ln|drive|dr|square|terrace|crescent|close|court|way|place|pl";
    const BEFORE: &str = r"rue|chemin|quai|boulevard|avenue|avenida|calle|carrer|passeig|rua|travessa|ulica|aleja|jalan|đường|strada|calea|bulevardul|via|viale|piazza|corso|largo|ул\.?|вул\.?|просп\.?|пр\.|пл\.|наб\.|Λεωφ\.|Οδός|Λεωφόρος|bd\.|av\.|avda\.|c/|ul\.|al\.|jl\.";
    const JOINED: &str = r"straße|strasse|str\.|weg|platz|allee|gasse|damm|ufer|gatan|vägen|gade|vej|veien|katu|straat|laan|plein|gracht|kade|utca|út|tér|caddesi|cd\.|cad\.|sokak|sok\.|bulvarı";
    const UNSPACED: &str = r"شارع|רחוב|שדרות|ถนน|ซอย";
    // Words that are streets only with the house number (`דרך מנחם בגין 132`; `דרך` is
    // "by way of" too).
    const UNSPACED_NUMBERED: &str = r"طريق|דרך";
    static UNSPACED_NUMBERED_START: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"^(?:{UNSPACED_NUMBERED})\s")).expect("valid regex"));
    // A part that is a street with its house number.
    static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?:{NUMBER},?\s+)?(?:\p{{Lu}}[\p{{L}}'’.-]*\s+){{1,3}}(?i:{STRONG}|{WEAK})\.?\s+{NUMBER}$|^{NUMBER},?\s+(?:\p{{Lu}}[\p{{L}}'’.-]*\s+){{1,3}}(?i:{STRONG}|{WEAK})\.?$|^(?:{NUMBER},?\s+)?(?i:{BEFORE})\s*(?:{NAME}\s+){{0,4}}{NAME},?\s+{NUMBER}$|^{NUMBER},?\s+(?i:{BEFORE})\s*(?:{NAME}\s+){{0,4}}{NAME}$|^\p{{Lu}}\p{{L}}*(?i:{JOINED})\s*{NUMBER}$|^(?:{UNSPACED}|{UNSPACED_NUMBERED})\s+(?:\S+\s+){{0,3}}{NUMBER}$"
        ))
        .expect("valid regex")
    });
    // A street without its number, which the next part must bring (`Calle Mayor, 5`) or,
    // for the words that are streets only, the line's other parts (`Outer Ring Road,
    // Bellandur, Bengaluru 560103`).
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?P<strong>(?:\p{{Lu}}[\p{{L}}'’.-]*\s+){{1,3}}(?i:{STRONG})\.?|(?:{UNSPACED})\s+\S+(?:\s+\S+){{0,3}})$|^(?i:{BEFORE})\s*(?:{NAME}\s+){{0,4}}{NAME}$"
        ))
        .expect("valid regex")
    });
    let line = line.trim();
    if line.chars().count() > 90
        || line.split_whitespace().count() > 12
        || line.contains(['?', '？', ':', '：'])
        || vocab::decision(line).is_some()
        || text::ticket(line).is_some()
    {
        return false;
    }
    if thai_street(line) {
        return true;
    }
    let parts: Vec<&str> = line.split([',', '،']).map(str::trim).collect();
    // The other parts place it too: a city, a postcode, a suite, a country, in at most four
    // words of which none is in lower case but the small words of places' names ("Recruitment
    // Drive 12, shortlist and budget", "Calle Mayor, 5 propuestas" are topics).
    let placing = |part: &str| {
        part.split_whitespace().count() <= 4
            && part.split_whitespace().all(|w| {
                !w.starts_with(char::is_lowercase)
                    || matches!(
                        w,
                        "de" | "del"
                            | "la"
                            | "le"
                            | "di"
                            | "da"
                            | "do"
                            | "van"
                            | "von"
                            | "der"
                            | "am"
                            | "an"
                            | "im"
                            | "bei"
                            | "sur"
                            | "upon"
                            | "on"
                    )
            })
    };
    // A year is no house number ("Recruitment Drive 2026", "Marktplatz 2026").
    let street = |part: &str| !part.split_whitespace().any(year_like) && NUMBERED.is_match(part);
    parts.iter().enumerate().any(|(k, part)| {
        let others = parts.iter().enumerate().all(|(j, p)| j == k || placing(p));
        // `דרך` and `طريق` are streets only with a city's part after them.
        let numbered = street(part) && (parts.len() > 1 || !UNSPACED_NUMBERED_START.is_match(part));
        let bare = BARE.captures(part).is_some_and(|c| {
            let next_number = parts
                .get(k + 1)
                .is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit()));
            next_number || c.name("strong").is_some() && parts.len() >= 3
        });
        others && (numbered || bare)
    })
}

/// A person's name in Japanese or Chinese: one or two words of at most five characters, none
/// of them a known word.
fn cjk_person(line: &str) -> bool {
    cjk_words(line, 5)
        && line.split_whitespace().count() <= 2
        && vocab::strip_cjk_filler(line).0 == line
}

fn cjk_words(line: &str, longest: usize) -> bool {
    let separator = |c: char| c.is_whitespace() || matches!(c, '|' | '｜' | '·' | '/');
    let words: Vec<&str> = line.split(separator).filter(|w| !w.is_empty()).collect();
    line.chars().any(text::unspaced)
        && words.iter().all(|w| w.chars().count() <= longest)
        && words.len() <= 3
        && line
            .chars()
            .all(|c| c.is_alphanumeric() || separator(c) || "()（）".contains(c))
        && !line.chars().any(|c| matches!(c as u32, 0x3040..=0x309F))
        && vocab::decision(line).is_none()
}

/// A name in Chinese, Japanese or Korean followed by its Latin form (`陳怡君 Yvonne Chen`).
fn bilingual_name(line: &str) -> bool {
    let split = line
        .char_indices()
        .find(|&(_, c)| c.is_ascii_alphabetic())
        .map(|(i, _)| i);
    split.is_some_and(|i| {
        let (native, latin) = line.split_at(i);
        let native = native.trim().trim_end_matches(['(', '（']).trim();
        let latin = latin.trim().trim_end_matches([')', '）']).trim();
        cjk_person(native) && name_like(latin)
    })
}

/// A booking tool's attendee line: a name, maybe with its role (Cal.com's `Anna Lind -
/// Organizer`, in any language), maybe as a list item.
fn attendee_like(line: &str) -> bool {
    let line = text::strip_bullet(line.trim()).trim();
    match with_role(line) {
        Some(name) => name_like_with(name, true) || cjk_person(name),
        None => name_like(line) || cjk_person(line),
    }
}

/// The name before a role Cal.com writes after it (`Alex Moreno - Organizer`).
fn with_role(line: &str) -> Option<&str> {
    line.rsplit_once(" - ")
        .filter(|(_, role)| ROLES.contains(&role.trim().to_lowercase().as_str()))
        .map(|(name, _)| name)
}

/// A list item of an attendee with the address after the name (`- Ivy Chan
/// ivy.chan@corpmail.example`, `- Ben Ortega - Organizer ben@ortega.example`).
fn listed_attendee(line: &str) -> bool {
    let line = line.trim();
    let item = text::strip_bullet(line).trim();
    if item.len() == line.len() {
        return false;
    }
    item.rsplit_once(' ').is_some_and(|(name, address)| {
        let address = address.trim_matches(['<', '>', '(', ')']);
        address.split('@').count() == 2
            && address
                .rsplit('@')
                .next()
                .is_some_and(|domain| domain.contains('.'))
            && (attendee_like(name) || name_like_with(name, true))
    })
}

/// An attendee's line under a booking's `Who:` field: a name, maybe with its role or its
/// address.
pub(super) fn attendee_line(line: &str) -> bool {
    attendee_like(line) || listed_attendee(&format!("- {}", line.trim()))
}

/// An attendee's line that says it is one: a name with its role or its address.
pub(super) fn vouched_attendee(line: &str) -> bool {
    let line = line.trim();
    with_role(line).is_some_and(|name| name_like_with(name, true))
        || listed_attendee(&format!("- {line}"))
}

/// The roles Cal.com writes after an attendee's name.
const ROLES: &[&str] = &[
    "attendee",
    "organizer",
    "organiser",
    "host",
    "guest",
    "team member",
    "arrangör",
    "organisatör",
    "organizator",
    "organisateur",
    "organizador",
    "organizadora",
    "organizzatore",
    "organisator",
    "veranstalter",
    "gastgeber",
    "组织者",
    "組織者",
    "主催者",
    "주최자",
    "arrangør",
    "järjestäjä",
    "organizátor",
    "szervező",
    "организатор",
    "організатор",
    "düzenleyen",
    "διοργανωτής",
    "المنظم",
    "מארגן",
    "आयोजक",
    "ผู้จัดงาน",
    "người tổ chức",
    "penyelenggara",
];

/// A company register line of a signature or footer (`Org.nr: 556677-8899`, `KRS
/// 0000123456, NIP 5252000000`, `Amtsgericht Charlottenburg, HRB 123456 B`, `P.IVA
/// 01234567890`, `사업자등록번호: 123-45-67890`): a register's name and a number of at
/// least five digits, without a decision or a question.
pub(super) fn register(line: &str) -> bool {
    let line = text::prefix(line, 400);
    (REGISTER.is_match(line) && REGISTER_NUMBER.is_match(line) || officers(line))
        && !line.contains(['?', '？'])
        && vocab::decision(line).is_none()
}

static REGISTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\p{L}])(?:org\.?\s?nr|organisationsnummer|krs|nip|regon|p\.?\s?iva|c\.f|rea|hrb|hra|amtsgericht|registergericht|handelsregister|ust-?id(?:nr)?|steuernummer|rcs|siret|siren|tva|kvk|btw|cnpj|cpf|cif|nif|vat|company (?:no|number|registration)|registered in|registered office|sitz der gesellschaft|sitz|siège social|au capital de|registro mercantil|styrelsens säte|kapitał zakładowy|capitale sociale|capital social|sediul social|cap\.\s?soc|cin|ičo|ič|dič|obchodním rejstříku|огрн|инн|кпп|gstin|abn|acn|y-tunnus|cvr(?:-nr)?|adószám|cégjegyzékszám|vergi no|mersis(?: no)?|αφμ|γεμη|npwp)(?:$|[^\p{L}])|사업자등록번호|대표이사|统一社会信用代码|統一社會信用代碼|統一編號|营业执照")
        .expect("valid regex")
});

static REGISTER_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{5}|\d{2,}[ .-]\d{2,}[ .-]\d{2,}").expect("valid regex"));

/// A mail program's line under a message sent from a phone ("Sent from my iPhone", "Von
/// meinem iPhone gesendet", "iPhoneから送信"), on a line of its own.
fn sent_from(line: &str) -> bool {
    static SENT_FROM: LazyLock<Regex> = LazyLock::new(|| {
        let device = r"(?:iphon|ipad|android|galaxy|samsung|pixel|outlook|blackberry|mobile|phone|handy|smartphone|tablet|móvil|movil|celular|telefone|telefono|teléfono|telefon|gmail|yahoo mail|proton ?mail|superhuman|spark|mail for \w+|телефона?|смартфона)";
        // The verb and preposition before the device, as the phones' mail programs write
        // them, and the possessive some languages put after it ("Στάλθηκε από το iPhone
        // μου", "Được gửi từ iPhone của tôi", "נשלח מה-iPhone שלי").
        let before = r"sent (?:from|with|via)|von mein(?:em|er|en)?|gesendet (?:von|mit)|envoyé (?:de|depuis|avec)|enviado (?:desde|do|de|con)|enviat des de|inviato da|verzonden (?:vanaf|met|van)|verstuurd (?:vanaf|met|van)|skickat från|sendt fra|wysłane z|wysłano z|отправлено с|надіслано з|odesláno z|odoslané z|lähetetty|saadetud|στάλθηκε από|(?:được )?gửi từ|dikirim dari|trimis de pe|trimis de la|poslano s|poslano z|أرسلت من|أُرسلت من|مرسل من|ส่งจาก";
        let possessive = r"my|mine|mi|mio|mia|meu|minha|mon|ma|mijn|min|mitt|mój|moje|mého|μου|của tôi|saya|שלי|ของฉัน|ของผม|الخاص بي";
        let after = r"gesendet|gönderildi|küldve|から送信|에서 보냄|से भेजा गया|发送|傳送";
        Regex::new(&format!(r"(?i)^(?:(?:{before}) |נשלח מ)(?:[\p{{L}}-]+ ){{0,2}}(?:\p{{L}}{{1,3}}-)?{device}[^\s-]{{0,7}}(?:-\p{{Ll}}{{1,3}})?(?: (?:{possessive}))?(?: {after})?$|^(?:(?:{possessive}|mein|meinem|मेरे|我的) )?{device}[^\s-]{{0,7}}(?:-\p{{Ll}}{{1,3}})? ?(?:{after})$|^(?:发自|寄自|从|從)我的 ?{device}\S{{0,12}}(?: ?(?:{after}))?$"))
            .expect("valid regex")
    });
    let line = line.trim().trim_end_matches(['.', '!', '。']);
    line.chars().count() <= 60 && SENT_FROM.is_match(line)
}

/// A line of the sender's social profiles and nothing else: the networks' names, their
/// profile or channel links, handles, separators ("LinkedIn: https://www.linkedin.com/in/x |
/// X: @acme", "Facebook | LinkedIn | Instagram", "LinkedIn<https://…> | YouTube<https://…>").
/// A word of anything else ("LinkedIn: https://… – please read my post first") keeps it.
fn social(line: &str) -> bool {
    const NETWORKS: &[&str] = &[
        "linkedin",
        "x",
        "twitter",
        "facebook",
        "instagram",
        "xing",
        "youtube",
        "tiktok",
        "threads",
        "bluesky",
        "mastodon",
        "telegram",
        "vk",
        "weibo",
        "wechat",
        "line",
        "whatsapp",
        "github",
    ];
    let line = line.trim();
    if line.chars().count() > 300 {
        return false;
    }
    // A link or a handle proves the line; names alone only as a row between bars of two or
    // more ("Facebook | LinkedIn | Instagram"), not "Instagram + TikTok" or "LinkedIn, Xing".
    let (mut names, mut proofs, mut links) = (0, 0, 0);
    for token in line.split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '<' | '>'))
    {
        let token = token.trim_matches(|c: char| matches!(c, ':' | ';' | '(' | ')' | '[' | ']'));
        if token.is_empty() || token.chars().all(|c| !c.is_alphanumeric()) {
            continue;
        }
        if NETWORKS.contains(&token.to_lowercase().as_str()) {
            names += 1;
            continue;
        }
        if token.starts_with('@')
            && token.len() > 1
            && token[1..]
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            proofs += 1;
            continue;
        }
        if text::link_like(token)
            && super::links::classify(token).is_some_and(|l| super::links::profile_link(&l))
        {
            proofs += 1;
            links += 1;
            continue;
        }
        return false;
    }
    let row = names >= 2 && !line.contains(['+', ',', '/', '&', '·', '•']) && line.contains('|');
    // Handles alone are names to choose from ("@techwithtina | @devdan"), not a signature's.
    proofs > 0 && (names > 0 || links > 0) || row
}

/// Google Calendar's answer buttons as a mail's text gives them ("Yes No Maybe", "Oui Non
/// Peut-être", "Ja Nein Vielleicht"), with "More options" after them or not.
fn rsvp(line: &str) -> bool {
    static RSVP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:yes\s+no\s+maybe|oui\s+non\s+peut-être|ja\s+nein\s+vielleicht|sí\s+no\s+quizás|sim\s+não\s+talvez|sì\s+no\s+forse|ja\s+nee\s+misschien|ja\s+nej\s+kanske|ja\s+nei\s+kanskje|ja\s+nej\s+måske|kyllä\s+ei\s+ehkä|tak\s+nie\s+może|ano\s+ne\s+možná|áno\s+nie\s+možno|igen\s+nem\s+talán|da\s+nu\s+poate|evet\s+hayır\s+belki|да\s+нет\s+возможно|так\s+ні\s+можливо|ναι\s+όχι\s+ίσως|はい\s+いいえ\s+未定|是\s+否\s+可能|예\s+아니요\s+미정|ya\s+tidak\s+mungkin|có\s+không\s+có thể)(?:\s+(?:more options|plus d'options|weitere optionen|más opciones|mais opções|altre opzioni|meer opties))?$")
            .expect("valid regex")
    });
    let line = line.trim();
    line.chars().count() <= 80 && RSVP.is_match(line)
}

/// An assistant's line that says for whom the invitation is sent ("On behalf of Katherine
/// Moore", "Im Auftrag von Dr. Weber", "Au nom de Claire Martin"): the phrase and a name,
/// nothing else.
fn on_behalf(line: &str) -> bool {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:sent )?(?:on behalf of|im auftrag von|im namen von|au nom de|de la part de|en nombre de|em nome de|a nome di|per conto di|namens|på vegne av|på vegne af|på uppdrag av|w imieniu|от имени|від імені|jménem|εκ μέρους του|εκ μέρους της|εκ μέρους|thay mặt|atas nama|în numele|نيابة عن|בשם)\s+(?:(?:dr|prof|mr|mrs|ms|herrn?|frau|mme|m|sr|sra)\.?\s+)?(?P<name>.+?)[.:,]?$")
            .expect("valid regex")
    });
    let line = line.trim();
    line.chars().count() <= 80
        && BEFORE.captures(line).is_some_and(|c| {
            let name = c["name"].trim();
            name_like(name) || uncased_name(name)
        })
}

/// A signature's note on the sender's hours ("My working hours may not be your working
/// hours. Please do not feel obligated to reply outside of yours."): that no answer is
/// expected outside the reader's own hours, in a sentence or two that asks and decides
/// nothing.
fn working_hours(line: &str) -> bool {
    static OUTSIDE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:reply|respond|answer|read|act)[^.?]{0,40}\boutside (?:of )?(?:your|yours\b)|outside (?:of )?(?:your|normal) (?:own )?(?:working |work |business |office )?hours|außerhalb (?:ihrer|deiner|der) (?:eigenen |üblichen )?(?:arbeitszeit|arbeitsstunden|geschäftszeiten|bürozeiten)|en dehors de (?:vos|tes) (?:propres )?(?:heures|horaires)|fuera de (?:tu|su) (?:propio )?horario|fora do (?:seu|teu) horário|al di fuori del (?:tuo|suo) orario|buiten (?:je|uw|jouw) (?:eigen )?(?:werktijden|werkuren|kantooruren)|utanför (?:din|dina) (?:egen |egna )?arbetstid")
            .expect("valid regex")
    });
    static NO_NEED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)obligat|obliged|pressure|expect|no need|don't need|do not need|verpflichtet|müssen|obligé|obligad|obrigad|obbligat|verplicht|tenhas que|tienes que|skyldig|tvungen")
            .expect("valid regex")
    });
    // The sender speaks of their own hours, or asks the reader not to feel bound ("We'll
    // discuss why people feel obliged to answer outside their hours" is a topic).
    const OPENING: &[&str] = &[
        "my", "i", "i'm", "i’m", "please", "pls", "ich", "meine", "bitte", "mes", "je", "veuillez",
        "merci", "mis", "yo", "por", "mijn", "ik", "jag", "mina", "meu", "meus", "o", "il", "io",
    ];
    let line = line.trim();
    let first = line
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        .unwrap_or_default()
        .to_lowercase();
    OPENING.contains(&first.as_str())
        && note(line, 40)
        && vocab::decision(line).is_none()
        && OUTSIDE.is_match(line)
        && NO_NEED.is_match(line)
}

/// A line that only gives the sender's pronouns ("Pronouns: she/her", "(they/them)"); without
/// the label only the English sets ("Sie/Du" is a topic).
fn pronouns(line: &str) -> bool {
    static PRONOUNS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:my )?(?:pronouns|pronomen|pronoms|pronombres|pronomes|pronomi|voornaamwoorden)\s*[:：-]?\s*\(?(?:she|he|they|ze|xe|sie|er|elle|il|iel|ella|él|ela|ele|lei|lui|zij|hij)\s*/\s*[\p{L}]+(?:\s*/\s*[\p{L}]+)?\)?|\(?(?:she/her|he/him|they/them|she/they|he/they|ze/zir|xe/xem)(?:/(?:hers|his|theirs|hers|them))?\)?)$")
            .expect("valid regex")
    });
    let line = line.trim();
    line.chars().count() <= 50 && PRONOUNS.is_match(line)
}

/// A company's register line as a footer of its own, outside a signature (`Beispiel AG |
/// Sitz der Gesellschaft: Hamburg | Amtsgericht Hamburg HRB 98765`, `Registered in England
/// and Wales, company number 01234567. Registered office: ...`): two of the registers'
/// names and a number, without a decision or a question.
fn footer_register(line: &str) -> bool {
    let line = text::prefix(line, 600);
    let names: HashSet<String> = REGISTER
        .find_iter(line)
        .map(|m| {
            m.as_str()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    // A footer names; it does not say what to do: once the registers' names are taken out,
    // its words in lower case are function words or an address's ("Verlegung Sitz der
    // Gesellschaft nach Hamburg: Eintrag im Handelsregister HRB 98765 ändern lassen" is a
    // purpose).
    let rest = REGISTER.replace_all(line, " ");
    let address = |w: &str| {
        matches!(
            w,
            "rue"
                | "street"
                | "st"
                | "road"
                | "rd"
                | "avenue"
                | "av"
                | "via"
                | "viale"
                | "calle"
                | "rua"
                | "weg"
                | "platz"
                | "laan"
                | "gatan"
                | "vägen"
                | "ulica"
                | "ul"
                | "str"
                | "straße"
                | "strasse"
                | "company"
                | "registered"
                | "number"
                | "no"
                | "nr"
                | "capital"
                | "social"
                | "limited"
                | "ltd"
                | "inc"
                | "bv"
                | "gmbh"
                // A Czech register's statement ("zapsaná v obchodním rejstříku vedeném
                // Městským soudem v Praze, oddíl C, vložka 123456").
                | "zapsaná"
                | "zapsaný"
                | "zapsán"
                | "vedeném"
                | "soudem"
                | "oddíl"
                | "vložka"
        )
    };
    let footer_words = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .all(|w| vocab::flags(w) & vocab::STOP != 0 || address(w));
    // In scripts without capitals, only a name's few characters besides the registers
    // ("신규 법인 설립: 사업자등록번호 ... 발급 및 대표이사 선임 절차 안내" is a purpose).
    let uncased: usize = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.chars().any(|c| c.is_uppercase() || c.is_lowercase()))
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    // And it starts with a register or a company, or a separator comes first: "Сверить ИНН
    // ..., КПП ... и ОГРН ... в 1С" starts with what to do.
    let first = REGISTER.find(line).map_or(0, |m| m.start());
    let lead = line[..first].trim_end();
    // A separator before the register follows the company's name, not a task ("Sitzverlegung
    // nach Berlin, Amtsgericht Charlottenburg HRB 98765" is one).
    let before_separator = lead
        .trim_end_matches(['|', '·', ',', '–', '—', '-', ';'])
        .trim();
    let opens = lead.is_empty()
        || lead.ends_with(['|', '·', ',', '–', '—', '-', ';'])
            && (company(before_separator)
                || before_separator
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase)))
        || company(lead)
        || lead.split_whitespace().count() >= 2
            && lead
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    names.len() >= 2 && footer_words && opens && uncased <= 8 && register(line)
}

/// The officers' line of a company footer (`Geschäftsführer: Dr. Thomas Müller, Sabine
/// Krüger`): the label, then names only.
fn officers(line: &str) -> bool {
    const LABELS: &[&str] = &[
        "geschäftsführer",
        "geschäftsführerin",
        "geschäftsführung",
        "vorstand",
        "managing director",
        "managing directors",
        "directors",
        "gérant",
        "président",
        "amministratore delegato",
        "zarząd",
        "대표이사",
        "代表取締役",
    ];
    text::split_label(line).is_some_and(|(label, names)| {
        LABELS.contains(&label.to_lowercase().as_str())
            && !names.trim().is_empty()
            && names
                .split([',', '|', ';'])
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .all(|n| {
                    name_like(n.trim_start_matches("Dr. ").trim_start_matches("Prof. "))
                        || register(n)
                })
    })
}

/// A line that is only a name: one to four capitalised words, name particles allowed
/// (`Jan van der Berg`).
fn name_like(line: &str) -> bool {
    name_like_with(line, false)
}

/// [`name_like`], where a role or an address says a name is there: then a first name may be
/// a function word of some language too (`Ben Ortega - Organizer`, Hungarian `ben`).
fn name_like_with(line: &str, vouched: bool) -> bool {
    let bare = without_pronouns(line);
    let words: Vec<&str> = bare.split_whitespace().collect();
    // With pronouns after it, a line names a person only as two or three words, the first
    // no meeting's word: "Onboarding Priya Shah (she/her)" is a topic.
    if bare != line.trim()
        && (!(2..=3).contains(&words.len())
            || meeting_word(words[0])
            || ["ation", "ing", "ción", "ção", "ung", "ment", "mento"]
                .iter()
                .any(|end| words[0].to_lowercase().ends_with(end)))
    {
        return false;
    }
    let particle = |w: &str| {
        matches!(
            w,
            "van"
                | "von"
                | "der"
                | "den"
                | "de"
                | "da"
                | "do"
                | "dos"
                | "das"
                | "del"
                | "la"
                | "le"
                | "di"
                | "du"
                | "y"
                | "bin"
                | "al"
        )
    };
    // A first name may be a month's or a greeting's (`Jan de Vries`, `May Chen`, `Ola
    // Nordmann`) when another word is on no list.
    let flags = |w: &str| vocab::flags(&w.trim_end_matches([',', '.']).to_lowercase());
    (1..=4).contains(&words.len())
        && !particle(words[0])
        && words.iter().any(|w| !particle(w) && flags(w) == 0)
        && words.iter().enumerate().all(|(k, w)| {
            let w = w.trim_end_matches([',', '.']);
            // After the first word a function word may be a name too (`Nguyễn Văn An`).
            let allowed = if k == 0 && !vouched {
                vocab::TIME | vocab::GREETING
            } else {
                vocab::TIME | vocab::GREETING | vocab::STOP
            };
            // `der` and `den` only after `van`, `der` after `von` too (`Jan van der Berg`, `Ursula
            // von der Leyen`): alone, or as `von den`, they are German ("Preisanpassung der
            // Frachtraten", "Rückmeldung von den Pilotkunden").
            let article = matches!(w, "der" | "den")
                && !(k > 0
                    && (matches!(words[k - 1], "van" | "Van")
                        || w == "der" && matches!(words[k - 1], "von" | "Von")));
            particle(w) && !article
                || w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
                    && flags(w) & !allowed == 0
        })
}

/// A word that names a meeting held for or with a person (`Onboarding`, `Farewell`,
/// `Einarbeitung`), which a name does not open with.
fn meeting_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().trim_end_matches([':', ',']),
        "onboarding"
            | "welcome"
            | "farewell"
            | "intro"
            | "introduction"
            | "interview"
            | "meet"
            | "coffee"
            | "lunch"
            | "kickoff"
            | "sync"
            | "training"
            | "mentoring"
            | "shadowing"
            | "pairing"
            | "handover"
            | "einarbeitung"
            | "willkommen"
            | "abschied"
            | "übergabe"
            | "bienvenida"
            | "despedida"
            | "bienvenue"
            | "accueil"
            | "benvenuto"
            | "benvenuta"
            | "inwerken"
            | "welkom"
            | "afscheid"
    )
}

/// `line` without the pronouns written after a name (`Ethan Brooks (she/her)`, `Sam Lee |
/// they/them`, `Ana Ruiz, ella/she`); the line itself when there are none.
fn without_pronouns(line: &str) -> &str {
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*(?:\(|\|\s*|,\s*|–\s*|—\s*|-\s*|·\s*)(?:she|he|they|ze|xe|sie|er|elle|il|iel|ella|él|ela|ele|lei|lui|zij|hij|hen|hän|hon|han|hun)\s*/\s*(?:henne|honom|ham|her|hers|him|his|they|them|theirs|she|he|zir|xem|ihr|ihm|sie|elle|lui|iel|ella|él|ela|ele|lei|haar|hem|hen|hän)(?:\s*/\s*\p{L}+)?\)?$")
            .expect("valid regex")
    });
    let line = line.trim();
    match AFTER.find(line) {
        Some(m) if m.start() > 0 => &line[..m.start()],
        _ => line,
    }
}

/// A name with a title or a company after it on the same line (`Anna Müller | Product
/// Manager`, `Raj Patel – Director, Solutions Engineering`, `Jo Kim, Acme`).
fn titled_name(line: &str) -> bool {
    // `Laura (EA to Mark Chen, CFO)`: the title in parentheses.
    if let Some((name, title)) = line
        .trim()
        .strip_suffix(')')
        .and_then(|l| l.split_once(" ("))
        && name_like(name.trim())
        && !title.trim().is_empty()
        && signature_like(title)
    {
        return true;
    }
    [" | ", " – ", " — ", " - ", ", "].iter().any(|separator| {
        line.split_once(separator).is_some_and(|(name, title)| {
            name_like(name.trim()) && !title.trim().is_empty() && signature_like(title)
        })
    })
}

/// A signature's title line without the name (`Payroll Specialist | Woodgrove Bank`,
/// `Executive Assistant to the CEO | Alpine Ski House`, `Account Executive, EMEA |
/// Riverside Clinic`): a job title first, then a separator and the employer. A topic before
/// a client's name ("Contract renewal | Woodgrove Bank") names no job.
fn role_line(line: &str) -> bool {
    let line = line.trim();
    let Some((title, employer)) = [" | ", " ｜ ", " – ", " — "]
        .iter()
        .find_map(|separator| line.split_once(separator))
    else {
        return false;
    };
    let title = title.split(", ").next().unwrap_or(title);
    let words: Vec<String> = title
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect();
    line.chars().count() <= 100
        && !line.contains(['?', '？'])
        && !reference_like(line)
        && text::split_label(line).is_none()
        && vocab::decision(line).is_none()
        && (1..=6).contains(&words.len())
        && words.iter().any(|w| vocab::is_job_word(w))
        && title
            .split_whitespace()
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
        && (1..=6).contains(&employer.split_whitespace().count())
}

/// A title and its employer named with its legal form, after a separator (`Projektmenedzser
/// – Duna Informatikai Zrt.`, `経営企画部 課長 – 株式会社みなと電機`): a short title that asks and
/// decides nothing.
fn employed(line: &str) -> bool {
    let line = line.trim();
    let Some((title, employer)) = [" | ", " ｜ ", " – ", " — "]
        .iter()
        .find_map(|separator| line.split_once(separator))
    else {
        return false;
    };
    // The title names a job: a job title's word, or in Chinese, Japanese and Korean a rank
    // ("Contract renewal – Northwind Ltd" and "保守契約の更新 – 株式会社みなと電機" name a topic).
    const RANKS: &[&str] = &[
        "課長",
        "部長",
        "社長",
        "室長",
        "係長",
        "主任",
        "秘書",
        "総監",
        "总监",
        "經理",
        "经理",
        "主管",
        "总经理",
        "董事",
        "팀장",
        "과장",
        "부장",
        "대리",
        "이사",
        "실장",
        "차장",
        "사원",
    ];
    let job = title.split_whitespace().any(|w| {
        vocab::is_job_word(
            &w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase(),
        )
    }) || RANKS.iter().any(|r| title.contains(r));
    line.chars().count() <= 100
        && job
        && company(employer)
        && (1..=6).contains(&title.split_whitespace().count())
        && !line.contains(['?', '？'])
        && !reference_like(line)
        && text::split_label(line).is_none()
        && vocab::decision(line).is_none()
}

/// A topic before a company's name after a separator (`Q4 roadmap – Contoso Ltd`, `Pricing
/// 2027 – Globex Inc`): the part before it names no job, person, address or contact.
fn topic_before_company(line: &str) -> bool {
    let line = line.trim();
    let Some((head, tail)) = [" | ", " ｜ ", " – ", " — "]
        .iter()
        .find_map(|separator| line.split_once(separator))
    else {
        return false;
    };
    company(tail)
        && !company(head)
        && !role_line(line)
        && !employed(line)
        && !name_like(head)
        && !titled_name(head)
        && !postal(head)
        && !contact_like(head)
        && !head.chars().any(text::unspaced)
        && head.chars().any(char::is_lowercase)
}

/// The first line of a signature: a name (maybe with its title), a contact line, or in
/// Japanese, Chinese and Korean also the company or department, which come first there.
fn signature_start(line: &str) -> bool {
    // A line in capitals is a heading or a shout ("BUDGET FREEZE"), not a name.
    let shouted = line.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && !line.chars().any(char::is_lowercase)
        && line.chars().any(char::is_uppercase);
    !shouted && name_like(line)
        || titled_name(line)
        || cjk_person(line)
        || cjk_name(line)
        || bilingual_name(line)
}

/// A short line in a script without capitals (Arabic, Hebrew, Devanagari, Thai), of words
/// on no list: maybe a name (`أحمد علي`), which only a contact line after it confirms.
fn uncased_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && line
            .chars()
            .all(|c| text::word_char(c) || c.is_whitespace())
        && !line.chars().any(|c| c.is_uppercase() || c.is_lowercase())
        && (!line.chars().any(text::unspaced)
            // Thai writes no spaces between words, but one between a given name and a
            // family name (`สุดา วงศ์ใหญ่`).
            || words.len() == 2
                && line.chars().all(|c| thai(c) || c.is_whitespace())
                && words.iter().all(|w| w.chars().count() <= 15))
        && words.iter().all(|w| vocab::flags(w) == 0)
}

fn thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// An e-mail address alone on its line, as a booking lists it under an attendee's name: a
/// phone number under a short line of capitalised words is no proof of a name ("Bütçe
/// Revizyonu / 0532 123 45 67").
fn address_only(line: &str) -> bool {
    let line = line.trim().trim_matches(['<', '>', '(', ')']);
    !line.contains(char::is_whitespace)
        && line.split('@').count() == 2
        && line.rsplit('@').next().is_some_and(|d| d.contains('.'))
}

/// Marks signatures: after a `--` line or a closing line, the name, title and contact lines
/// that follow (at most eight); a name alone on the last line after small talk ("Let's
/// connect. / Jordan"); a name followed by a contact line.
pub(super) fn signature(lines: &mut [Line], ctx: &Context) {
    // The sender's notes (away, opt-out, working days), which count as the signature's only
    // below one of its contact lines or its `--` (see the end).
    let mut notes = Vec::new();
    for (i, line) in lines.iter_mut().enumerate() {
        if line.strip.is_none() && line.shape == Shape::Text && notes::tool_line(&line.text) {
            line.strip = Some(Boilerplate::Tool);
        }
        if line.strip.is_none()
            && line.shape == Shape::Text
            && (sent_from(&line.text)
                || social(&line.text)
                || rsvp(&line.text)
                || pronouns(&line.text)
                || on_behalf(&line.text)
                || working_hours(&line.text)
                || formula_note(&line.text) == Some(formulas::Note::App))
        {
            line.strip = Some(Boilerplate::Signature);
        }
        if line.strip.is_none()
            && line.shape == Shape::Text
            && (notes::out_of_office(&line.text)
                || notes::opt_out(&line.text)
                || notes::working_days(&line.text)
                || formula_note(&line.text) == Some(formulas::Note::Away))
        {
            line.strip = Some(Boilerplate::Signature);
            notes.push(i);
        }
    }
    let mut remaining = 0;
    // A blank line inside a signature: only contact lines may follow it.
    let mut gap = false;
    let mut first = false;
    // A blank line between the closing and the name: the name and what follows it count only
    // once a contact line comes ("Thanks!" then "Hiring plan" is a topic), so they are held.
    let mut closed = false;
    let mut blank_after_closing = false;
    let mut held = Held::default();
    // Whether the signature started at a `--` line.
    let mut marked = false;
    // Whether a contact line of this signature came already.
    let mut contacted = false;
    let spacing = least_spacing(lines);
    let mut blank_run = 0;
    for i in 0..lines.len() {
        let line = &lines[i];
        if let Some(block) = line.strip {
            // A phone or e-mail line taken for a dial-in one still belongs to the signature.
            if block == Boilerplate::DialIn && remaining > 0 && contact_like(&line.text) {
                remaining -= 1;
                first = false;
                held.confirm();
                contacted = true;
                continue;
            }
            if block.is_conferencing() {
                remaining = 0;
                held.release(lines);
            }
            continue;
        }
        if matches!(line.shape, Shape::Blank | Shape::Separator) {
            // A blank line right after the closing or the `--` does not end it; in HTML
            // that breaks after each paragraph, only more blank lines than between any two
            // lines part the signature.
            blank_run += 1;
            gap |=
                remaining > 0 && !first && (blank_run > spacing || line.shape == Shape::Separator);
            blank_after_closing |= remaining > 0 && first && closed;
            continue;
        }
        blank_run = 0;
        if line.shape == Shape::SignatureMark {
            held.release(lines);
            lines[i].strip = Some(Boilerplate::Signature);
            marked = true;
            remaining = 10;
            contacted = false;
            gap = false;
            first = true;
            closed = false;
            blank_after_closing = false;
            continue;
        }
        if line.shape != Shape::Text {
            remaining = 0;
            held.release(lines);
            continue;
        }
        // A second closing line ("此致 / 敬礼") starts over.
        if remaining > 0 && first && closing(&line.text, ctx) {
            // "김민준 드림" is the name too: titles follow it.
            first = !korean_sign_off(&line.text);
            lines[i].strip = Some(Boilerplate::Signature);
            remaining = 8;
            contacted = false;
            blank_after_closing = false;
            continue;
        }
        // The first line after the closing is a name (or a contact line); then titles,
        // companies and addresses may follow.
        let t = &line.text;
        // A booking prompt goes on a signature but, like a topic, needs a real contact line
        // to confirm the lines held above it.
        let booking = notes::booking_prompt(t);
        let contact = contact_like(t) || register(t) || booking;
        // "Q4 roadmap – Contoso Ltd" under the name is a topic and a client, not the
        // sender's title.
        let topic = topic_before_company(t);
        let continues = !topic
            && if gap {
                // A new paragraph of the signature: its contact, company or register lines.
                contact || postal(t)
            } else if first {
                // Under a `--` line a first name may be a function word somewhere (`Ben`).
                signature_start(t)
                    || marked && name_like_with(t, true)
                    || contact_like(t)
                    || uncased_name(t)
            } else if contacted {
                // Under the contact lines only more of them, a company's legal name or an
                // address: a line of capitalised words there is a topic ("Prislista för
                // kunder", "Preisanpassung der Frachtraten").
                contact || postal(t) || cjk_address(t) || notes::award(t)
            } else {
                signature_like(t) || postal(t) || uncased_name(t)
            };
        if remaining > 0 && continues {
            // A name in a script without capitals is only taken for one once a contact line
            // follows ("مع تحياتي، / أحمد علي / هاتف: ...").
            let unsure = uncased_name(t) && !signature_start(t) && !signature_like(t);
            if (first && blank_after_closing || unsure) && !contact {
                held.holding = true;
            }
            if contact && !booking || phone(t) {
                held.confirm();
                contacted = true;
            }
            held.hold(i);
            lines[i].strip = Some(Boilerplate::Signature);
            remaining -= 1;
            first = false;
            gap = false;
            continue;
        }
        remaining = 0;
        gap = false;
        let closes = closing(t, ctx);
        let named = korean_sign_off(t);
        let closes_alone = !closes && closing_phrase_alone(t);
        held.release(lines);
        marked = false;
        if closes {
            lines[i].strip = Some(Boilerplate::Signature);
            remaining = 10;
            contacted = false;
            first = !named;
            closed = true;
            blank_after_closing = false;
        } else if closes_alone {
            // A closing of words on no list is one too, but starts no signature: what
            // follows it may be a topic of words on no list ("Salam hangat, / Evaluasi
            // Proyek Jembatan / HP: ...").
            lines[i].strip = Some(Boilerplate::Signature);
        }
    }
    held.release(lines);
    // A note with no signature's contact line (or `--`) before it is the organizer's own
    // words: the only line under "Agenda:", or the news a meeting is about ("Thanks! / Dana /
    // I'll be on parental leave from 3 March", "Opt out").
    let mut signed = false;
    let mut next_note = notes.iter().peekable();
    for (i, line) in lines.iter_mut().enumerate() {
        if next_note.next_if_eq(&&i).is_some() {
            if !signed {
                line.strip = None;
            }
            continue;
        }
        signed |= line.strip == Some(Boilerplate::Signature)
            && (line.shape == Shape::SignatureMark
                || contact_like(&line.text)
                || register(&line.text));
    }
    // Cal.com's list of attendees: a list item of a name (and its role) with its address.
    for line in lines.iter_mut() {
        if line.strip.is_none() && line.shape == Shape::Text && listed_attendee(&line.text) {
            line.strip = Some(Boilerplate::Signature);
        }
    }
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].strip.is_none() && lines[i].shape == Shape::Text)
        .collect();
    for pair in kept.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if attendee_like(&lines[a].text) && address_only(&lines[b].text) {
            lines[a].strip = Some(Boilerplate::Signature);
            lines[b].strip = Some(Boilerplate::Signature);
        }
    }
    // The same when the address below was already taken for a dial-in line.
    for i in 0..lines.len().saturating_sub(1) {
        let below = &lines[i + 1];
        let address_below = below.strip == Some(Boilerplate::DialIn) && address_only(&below.text);
        if address_below
            && lines[i].strip.is_none()
            && lines[i].shape == Shape::Text
            && attendee_like(&lines[i].text)
        {
            lines[i].strip = Some(Boilerplate::Signature);
        }
    }
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].strip.is_none() && lines[i].shape == Shape::Text)
        .collect();
    // Not in scripts without capitals: there a short topic ("תכנון ההשקה", "上线计划") looks
    // the same as a name.
    if let [.., before, last] = kept[..]
        && (name_like(&lines[last].text) || titled_name(&lines[last].text))
    {
        // The line above: the last one kept, or a closing taken already right above the
        // name ("viele Grüße / Jörg", "a presto! / Giulia").
        let closing_right_above = (before + 1..last).rev().find(|&p| {
            lines[p].shape == Shape::Text && lines[p].strip == Some(Boilerplate::Signature)
        });
        let previous = lines[closing_right_above.unwrap_or(before)].text.trim_end();
        let signed = closing_right_above.is_some_and(|p| {
            let t = &lines[p].text;
            closing(t, ctx) || closing_phrase_alone(t)
        });
        // A sign-off or small talk, not a greeting: "Hi all, / Head Office Lease Renewal"
        // greets, then names the topic.
        let closes = signed
            || !vocab::greets(previous)
                && (previous.ends_with(['.', ',', '!', ')', '。', '、', '！', '،'])
                    || previous.ends_with(":)"));
        if closes && !matches!(text::classify(previous, ctx, false), Unit::Substance(_)) {
            lines[last].strip = Some(Boilerplate::Signature);
        }
    }
    // A signature with no `--` and no closing before it: the description ends with a name,
    // then titles, companies and addresses, with at least one contact line among them.
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].strip.is_none() && lines[i].shape == Shape::Text)
        .collect();
    let tail = kept
        .iter()
        .rev()
        .take_while(|&&i| {
            let t = &lines[i].text;
            signature_like(t)
                || contact_like(t)
                || signature_start(t)
                || postal(t)
                || phone(t)
                || company(t)
                || role_line(t)
                || uncased_name(t)
        })
        .count();
    if (2..=10).contains(&tail) {
        let run = &kept[kept.len() - tail..];
        // The name and the line after it are one paragraph: a short topic a blank line
        // above a signature ("Hiring Plan", "招聘计划") is no name of it. HTML written with a
        // line break after each paragraph has a blank line between any two: only more than
        // the description's least spacing parts paragraphs.
        let adjacent = |k: usize| {
            run.get(k + 1).is_some_and(|&next| {
                let blanks = (run[k] + 1..next)
                    .filter(|&j| matches!(lines[j].shape, Shape::Blank | Shape::Separator))
                    .count();
                blanks <= spacing
            })
        };
        // A name in a script without capitals counts only with a company's legal form after
        // it (`สุดา วงศ์ใหญ่` / `บริษัท ตัวอย่าง จำกัด`).
        let start = (0..run.len()).find(|&k| {
            let t = &lines[run[k]].text;
            let incorporated = || run[k + 1..].iter().any(|&i| company(&lines[i].text));
            (signature_start(t) || role_line(t) || uncased_name(t) && incorporated()) && adjacent(k)
        });
        if let Some(start) = start {
            let block = &run[start..];
            // A contact line, or a company named with its legal form: an address or a
            // department is no proof (a topic above `Hafenstraße 12, 20457 Hamburg` or
            // `人力资源部` is no name).
            // The company alone under a short line is no proof either: "Pricing Workshop /
            // Northwind Traders Ltd" names what the call is about and with whom.
            // With the company, a street number, postcode or register number says where to
            // reach the sender: "Renewal / Globex Corp, Chicago" names a topic and a client.
            let three = block.len() >= 3;
            // Or a sign-off above the name ("Ciao a tutti, a dopo!").
            let full_name = lines[block[0]].text.split_whitespace().count() >= 2;
            // The last line kept above, or a sign-off taken for a closing already ("Do
            // zobaczenia!"), but not a greeting ("Hi Tom,", "Ahoj všetci,"): a topic may
            // follow one.
            let signs_off = |p: usize| {
                let previous = lines[p].text.trim_end();
                !vocab::greets(previous)
                    && previous.ends_with(['!', ',', '،', '！', '，'])
                    && !matches!(text::classify(previous, ctx, false), Unit::Substance(_))
            };
            let closing_above = (0..block[0]).rev().find(|&p| {
                lines[p].shape == Shape::Text && lines[p].strip == Some(Boilerplate::Signature)
            });
            let signed_off = full_name
                && (kept[..kept.len() - tail + start]
                    .last()
                    .is_some_and(|&p| signs_off(p))
                    || closing_above.is_some_and(signs_off));
            // A year is no street number or phone ("Pricing 2027 – Globex Inc" is a topic).
            let digits = signed_off
                || block[1..]
                    .iter()
                    .map(|&i| {
                        lines[i]
                            .text
                            .split(|c: char| !c.is_ascii_digit())
                            .filter(|n| !year_like(n))
                            .map(str::len)
                            .sum::<usize>()
                    })
                    .sum::<usize>()
                    >= 3;
            // A job title with its employer: then a postal address says where to reach
            // the sender too.
            let titled = block.iter().any(|&i| role_line(&lines[i].text));
            // Or the name's title with its employer right under it (`Procurement Lead –
            // Department for Regional Infrastructure`, `Satın Alma Uzmanı – Anadolu Lojistik
            // A.Ş.`, `财务总监 – 上海华信智造科技有限公司`).
            let reachable = |t: &str| {
                contact_like(t)
                    || phone(t)
                    || digits
                        && company(t)
                        && !topic_before_company(t)
                        && (three || company_and_more(t))
                    || titled && postal(t)
                    || role_line(t)
                    || employed(t)
            };
            // A closing of words on no list right above the block or inside it starts no
            // signature, as it starts none above a topic ("Saygılar / Emre Şahin / Bütçe
            // Revizyonu / 0532 ..."): see `closing_phrase_alone`.
            let from = (0..block[0])
                .rev()
                .find(|&p| lines[p].shape == Shape::Text)
                .unwrap_or(block[0]);
            let formula_closing_above = (from..=block[block.len() - 1]).any(|p| {
                let t = &lines[p].text;
                lines[p].shape == Shape::Text
                    && lines[p].strip.is_none_or(|b| b == Boilerplate::Signature)
                    && closing_phrase_alone(t)
                    && !closing(t, ctx)
                    && vocab::unlisted_word(t)
            });
            if !formula_closing_above
                && block.len() >= 2
                && block.iter().skip(1).any(|&i| reachable(&lines[i].text))
            {
                for &i in block {
                    lines[i].strip = Some(Boilerplate::Signature);
                }
            }
        }
    }
}

/// The lines kept inside a confirmed signature that a signature may hold (see
/// `agenda::Signatures`): in a paragraph with one of the signature's contact (or register)
/// lines taken for a signature's, the lines after the first one taken for it (the name, the
/// `--`) to the paragraph's end, before any forwarded header (what follows one is another
/// sender's). Short lines only, not the sender's own words by [`senders_own`], and never a
/// contact line the rules kept. A closing that opens the body, a `--` used as a divider or
/// an assistant's line starts nothing: no contact line is in their paragraph.
pub(super) fn signature_candidates(lines: &[Line]) -> Vec<usize> {
    let spacing = least_spacing(lines);
    let end = lines
        .iter()
        .position(|l| l.strip == Some(Boilerplate::Forwarded))
        .unwrap_or(lines.len());
    let signed =
        |l: &Line| l.strip == Some(Boilerplate::Signature) || l.shape == Shape::SignatureMark;
    let mut out = Vec::new();
    let mut i = 0;
    while i < end {
        if matches!(lines[i].shape, Shape::Blank | Shape::Separator) {
            i += 1;
            continue;
        }
        // One paragraph: lines with at most `spacing` blank lines between them.
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
        let paragraph = &lines[start..=last];
        // A phone or e-mail line of the signature may have been taken for a dial-in one.
        let confirmed = paragraph.iter().any(|l| {
            (signed(l) || l.strip == Some(Boilerplate::DialIn))
                && (contact_like(&l.text) || phone(&l.text) || register(&l.text))
        });
        let Some(first) = paragraph.iter().position(signed) else {
            continue;
        };
        if !confirmed {
            continue;
        }
        out.extend((start + first + 1..=last).filter(|&k| {
            let line = &lines[k];
            // A contact line the signature rules kept was held for a reason (no name
            // above it to vouch for it): the calendar does not overrule them.
            line.strip.is_none()
                && line.shape == Shape::Text
                && !senders_own(&line.text)
                && !contact_like(&line.text)
                && !phone(&line.text)
        }));
    }
    out
}

/// A line that only its sender could mean (see [`signature_candidates`]): a sentence of
/// more than eight words (or 24 characters of an unspaced script), a question, a list item,
/// a ticket, a decision, a heading, a `P.S.`, a document's link.
pub(super) fn senders_own(line: &str) -> bool {
    // A postscript or a note in the languages' own ways: P.S., P.P.S., P.D., N.B., NB, 追伸, 추신.
    static OWN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[-*+•·◦▪–]\s|\d{1,3}[.)]\s|[a-z][.)]\s|\([a-z0-9]{1,3}\)|p\.?\s?(?:p\.?\s?)?[sd]\.?(?:\s|:|$)|n\.?\s?b\.?(?:\s|:|$)|追伸|추신)")
            .expect("valid regex")
    });
    let line = line.trim();
    // A list item, its marker any the lists use but a pictograph (a signature's `🏆`, `📅`).
    let listed = text::strip_bullet(line).len() != line.len()
        && line.chars().next().is_some_and(|c| (c as u32) < 0x1F000);
    let words = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic) && !text::link_like(w))
        .count();
    let unspaced = line.chars().filter(|&c| text::unspaced(c)).count();
    words > 8
        || unspaced > 24
        || listed
        || text::inline_list(line, false) > 0
        || line.contains(['?', '？', '¿'])
        || OWN.is_match(line)
        || text::ticket(line).is_some()
        || vocab::decision(line).is_some()
        || text::starts_with_heading(line)
        || line
            .split_whitespace()
            .filter(|w| text::link_like(w))
            .filter_map(super::links::classify)
            .any(|l| l.kind == super::links::LinkKind::Document)
}

/// The fewest blank lines between two lines with text in `lines`: 0 in plain text, 1 in HTML
/// that breaks the line after each paragraph.
pub(super) fn least_spacing(lines: &[Line]) -> usize {
    let mut least = usize::MAX;
    let mut blanks = None;
    for line in lines {
        match line.shape {
            Shape::Blank | Shape::Separator => blanks = blanks.map(|b: usize| b + 1),
            _ => {
                if let Some(b) = blanks {
                    least = least.min(b);
                }
                blanks = Some(0);
            }
        }
    }
    if least == usize::MAX { 0 } else { least }
}

/// Marks the business's name that Microsoft Bookings puts first in its confirmation
/// ("Acme Conseil", "艾克米客服中心"): in a description with a Bookings link, a first line
/// that is only a name, with a blank line after it.
pub(super) fn booking_business(lines: &mut [Line]) {
    let bookings = lines
        .iter()
        .any(|l| l.anchor && l.brand == Some(Boilerplate::Booking));
    let Some(first) = lines.iter().position(|l| l.shape != Shape::Blank) else {
        return;
    };
    let line = &lines[first];
    let blank_after = lines
        .get(first + 1)
        .is_some_and(|l| l.shape == Shape::Blank);
    let name = name_like(&line.text) || cjk_name(&line.text) || cjk_person(&line.text);
    if bookings && blank_after && line.strip.is_none() && line.shape == Shape::Text && name {
        lines[first].strip = Some(Boilerplate::Booking);
    }
    if !bookings {
        return;
    }
    for line in lines.iter_mut() {
        if line.strip.is_none() && line.shape == Shape::Text && booking_field(&line.text) {
            line.strip = Some(Boilerplate::Booking);
        }
    }
}

/// A booking's title made of its event type and its attendees' names (Cal.com's
/// `Consultation between Sophie Nakamura and Hannah Patel`, `Mehmet Şahin ile Emre Şahin
/// arasında 30 dakikalık görüşme`, `伊藤 千尋 と 伊藤 浩二 の カジュアル面談（30分）`): with two
/// names the booking lists taken out, and the words that join them, what is left is a
/// generic event type. Only names the booking proves count: a name (maybe with its role)
/// right above an address alone, as a booking lists who comes, the first
/// [`MAX_ATTENDEES`] of them. "Contract review between Sophie Nakamura and Hannah Patel"
/// keeps its topic.
pub(super) fn booking_attendees(lines: &mut [Line]) {
    let texts: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].shape == Shape::Text)
        .collect();
    let mut names: Vec<String> = Vec::new();
    for pair in texts.windows(2) {
        let (line, below) = (lines[pair[0]].text.trim(), lines[pair[1]].text.trim());
        if names.len() == MAX_ATTENDEES {
            break;
        }
        if address_only(below) && attendee_like(line) {
            let name = with_role(line).unwrap_or(line).trim();
            if name.chars().count() >= 2 && !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    }
    if names.len() < 2 {
        return;
    }
    for &i in &texts {
        let line = &lines[i];
        if line.strip.is_some()
            || text::ticket(&line.text).is_some()
            || vocab::decision(&line.text).is_some()
        {
            continue;
        }
        let mut rest = line.text.clone();
        let mut found = 0;
        for name in &names {
            if rest.contains(name.as_str()) {
                rest = rest.replace(name.as_str(), " ");
                found += 1;
            }
        }
        if found < 2 {
            continue;
        }
        let rest: Vec<&str> = rest
            .split_whitespace()
            .filter(|w| {
                let lower = w.to_lowercase();
                !JOINERS.contains(&lower.as_str())
                    && !JOINERS.contains(&lower.trim_matches([',', '(', ')']))
            })
            .collect();
        if !rest.is_empty() && text::generic_event_type(&rest.join(" ")) {
            lines[i].strip = Some(Boilerplate::Booking);
        }
    }
}

/// The attendees a booking lists that [`booking_attendees`] reads: a booking names a few,
/// and each line is compared with each (a hostile description may list thousands).
const MAX_ATTENDEES: usize = 20;

/// The words that join two attendees' names in a booking's title (`between … and`, `ile …
/// arasında`, `と … の`, `와(과) … 간의`), lower case.
const JOINERS: &[&str] = &[
    "between",
    "and",
    "&",
    "zwischen",
    "und",
    "entre",
    "et",
    "y",
    "e",
    "tra",
    "fra",
    "tussen",
    "en",
    "mellan",
    "och",
    "mellem",
    "og",
    "välillä",
    "ja",
    "między",
    "a",
    "i",
    "mezi",
    "között",
    "és",
    "între",
    "și",
    "между",
    "и",
    "між",
    "та",
    "ile",
    "arasında",
    "ve",
    "μεταξύ",
    "και",
    "giữa",
    "và",
    "antara",
    "dan",
    "بين",
    "و",
    "בין",
    "ו",
    "के",
    "बीच",
    "और",
    "ระหว่าง",
    "และ",
    "と",
    "の",
    "와(과)",
    "와",
    "과",
    "간의",
    "및",
    "与",
    "和",
    "之间的",
    "的",
];

/// Bookings' own lines: its confirmation with the business's name (`Your booking is
/// confirmed – Contoso Advisory`, `予約が確定しました – Contoso Japan`), and its service and
/// staff fields with a short value (`Staff: Maria Lopez`, `サービス: オンライン相談`).
fn booking_field(text: &str) -> bool {
    const CONFIRMED: &[&str] = &[
        "booking is confirmed",
        "booking has been confirmed",
        "appointment is confirmed",
        "réservation est confirmée",
        "reserva está confirmada",
        "reserva confirmada",
        "buchung ist bestätigt",
        "buchung wurde bestätigt",
        "予約が確定しました",
        "预约已确认",
        "預約已確認",
        "예약이 확정되었습니다",
    ];
    const FIELDS: &[&str] = &[
        "staff",
        "staff member",
        "service",
        "mitarbeiter",
        "mitarbeiterin",
        "dienstleistung",
        "personnel",
        "prestation",
        "personal",
        "servicio",
        "スタッフ",
        "担当者",
        "サービス",
        "服务",
        "服務",
        "직원",
        "서비스",
    ];
    // Its other lines, whole: the information heading over the customer's notes (which
    // are judged on their own), the link to manage the booking, and the tool's own line.
    const BOOKING_LINES: &[&str] = &[
        "additional information",
        "weitere informationen",
        "informations supplémentaires",
        "información adicional",
        "informações adicionais",
        "ulteriori informazioni",
        "aanvullende informatie",
        "ytterligare information",
        "manage booking",
        "buchung verwalten",
        "gérer la réservation",
        "administrar reserva",
        "gerir reserva",
        "gestisci prenotazione",
        "boeking beheren",
        "hantera bokning",
    ];
    let lower = text.to_lowercase();
    let bare = lower
        .trim()
        .trim_end_matches(['.', '!', ':', '：'])
        .trim_end();
    if CONFIRMED.iter().any(|c| bare.ends_with(c)) && bare.split_whitespace().count() <= 6 {
        return true;
    }
    let before_link = bare
        .split_once(['<', '['])
        .map_or(bare, |(before, _)| before)
        .trim();
    if BOOKING_LINES.contains(&before_link) {
        return true;
    }
    // "This booking was made with Microsoft Bookings", "Diese Buchung wurde mit Microsoft
    // Bookings erstellt".
    const THIS_BOOKING: &[&str] = &[
        "this booking",
        "diese buchung",
        "cette réservation",
        "esta reserva",
        "questa prenotazione",
        "deze boeking",
        "denna bokning",
    ];
    let tool_at_end = bare.ends_with("microsoft bookings")
        || bare
            .rsplit_once("microsoft bookings ")
            .is_some_and(|(_, rest)| rest.split_whitespace().count() == 1);
    if tool_at_end
        && THIS_BOOKING.iter().any(|t| bare.starts_with(t))
        && bare.split_whitespace().count() <= 12
    {
        return true;
    }
    if let Some((before, after)) = lower
        .split_once(['–', '—'])
        .or_else(|| lower.split_once(" - "))
    {
        let before = before.trim().trim_end_matches(['!', '.', ':']);
        if CONFIRMED.iter().any(|c| before.ends_with(c)) && before.split_whitespace().count() <= 6 {
            return after.split_whitespace().count() <= 5;
        }
    }
    let Some((label, value)) = lower.split_once([':', '：']) else {
        return false;
    };
    FIELDS.contains(&label.trim()) && value.split_whitespace().count() <= 4 && !value.contains('?')
}

/// The questions of a booking form (Calendly's `Questions:` section): each paragraph under
/// it starts with the form's question, then the invitee's answer. A question is the tool's
/// text, not the invitee's; the answer is kept, however it reads. Only a paragraph's first
/// line is taken, and only when it asks (ends with a question mark) or is Calendly's own
/// prompt: an answer never starts a paragraph.
pub(super) fn booking_prompts(lines: &mut [Line]) {
    const HEADINGS: &[&str] = &[
        "questions",
        "fragen",
        "vragen",
        "preguntas",
        "perguntas",
        "domande",
        "frågor",
        "pytania",
        "spørgsmål",
        "spørsmål",
        "質問",
        "问题",
        "問題",
        "질문",
    ];
    const PROMPTS: &[&str] = &[
        "please share anything that will help prepare for our meeting",
        "bitte teilen sie alles mit, was zur vorbereitung unseres termins beiträgt",
        "veuillez partager tout ce qui pourra aider à préparer notre réunion",
        "comparta cualquier información que ayude a preparar nuestra reunión",
    ];
    let booking = lines.iter().any(|l| {
        l.brand.is_some_and(Boilerplate::is_booking) || l.strip.is_some_and(Boilerplate::is_booking)
    });
    if !booking {
        return;
    }
    // A form's question left unanswered (HubSpot's "What would you like to discuss?" over
    // `-`): the tool's text.
    for i in 0..lines.len().saturating_sub(1) {
        let answer = &lines[i + 1];
        let unanswered = matches!(answer.text.trim(), "-" | "—" | "–")
            && match answer.shape {
                Shape::Separator => true,
                Shape::Text => answer.strip.is_none(),
                _ => false,
            };
        let l = &lines[i];
        if unanswered
            && l.strip.is_none()
            && l.shape == Shape::Text
            && l.text.trim_end().ends_with(['?', '？'])
        {
            lines[i].strip = Some(Boilerplate::Booking);
            if lines[i + 1].shape == Shape::Text {
                lines[i + 1].strip = Some(Boilerplate::Booking);
            }
        }
    }
    let Some(start) = lines.iter().position(|l| {
        l.strip.is_none()
            && HEADINGS.contains(
                &l.text
                    .trim()
                    .trim_end_matches([':', '：', ' '])
                    .to_lowercase()
                    .as_str(),
            )
    }) else {
        return;
    };
    let mut paragraph_start = true;
    for line in &mut lines[start + 1..] {
        if line.shape == Shape::Blank {
            paragraph_start = true;
            continue;
        }
        if line.strip.is_some() {
            break;
        }
        if paragraph_start && line.shape == Shape::Text {
            let t = line.text.trim();
            let lower = t.to_lowercase();
            let prompt = lower.trim_end_matches(['.', ':', ' ']);
            if t.ends_with(['?', '？']) || PROMPTS.contains(&prompt) {
                line.strip = Some(Boilerplate::Booking);
            }
        }
        paragraph_start = false;
    }
}

/// Signature lines that wait for a contact line to count (see [`signature`]).
#[derive(Default)]
struct Held {
    holding: bool,
    lines: Vec<usize>,
}

impl Held {
    fn hold(&mut self, i: usize) {
        if self.holding {
            self.lines.push(i);
        }
    }

    /// A contact line came: the held lines are a signature.
    fn confirm(&mut self) {
        self.holding = false;
        self.lines.clear();
    }

    /// The run ended without a contact line: the held lines are the organizer's again.
    fn release(&mut self, lines: &mut [Line]) {
        if self.holding {
            for &i in &self.lines {
                lines[i].strip = None;
            }
        }
        self.confirm();
    }
}

/// A phone number somewhere on the line (`+33 1 23 45 67 89`, `(555) 010-0199`).
pub(super) fn phone(line: &str) -> bool {
    static PHONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\+\d{1,3}|\(\d{2,4}\))[\d ()./-]{6,}\d").expect("valid regex")
    });
    PHONE.is_match(text::prefix(line, 300))
}

/// A company named with its legal form (`Voorbeeld B.V.`, `Orzeł Energia S.A.`, `Fabrikam
/// Inc.`, `深圳市前海云帆科技有限公司`, `प्रा. लि.`), on a short line.
pub(super) fn company(line: &str) -> bool {
    static FORM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[\s,(])(?:Ltd|LLC|Inc|Corp|GmbH|AG|SAS|SARL|S\.A|S\.L|B\.V|BV|N\.V|PLC|plc|S\.p\.A|Srl|S\.r\.l|Ltda|Sp\. z o\.o|Co\.,? Ltd|s\.r\.o|a\.s|A/S|Kft|Zrt|Oyj|A\.Ş|Şti|TNHH|Tbk|PT|AB|AS|ASA|Oy|ApS|SpA|ООО|ОАО|ЗАО|ПАО|АО|ТОВ|ПАТ|Α\.Ε|ΕΠΕ|ΙΚΕ)\.?(?:$|[\s,|)·–-])|株式会社|有限会社|合同会社|有限公司|股份公司|유한회사|\(주\)|㈜|בע[\x22״]מ|ושות['׳]|(?:^|\s)Công ty(?:\s|$)|(?:^|\s)(?:d\.o\.o|d\.d|a\.d|j\.d\.o\.o)\.?(?:$|[\s,])|(?:^|\s)شركة\s|प्राइवेट लिमिटेड|लिमिटेड|प्रा\. ?लि|จำกัด|มหาชน|ش\.م\.م",
        )
        .expect("valid regex")
    });
    line.chars().count() <= 160 && FORM.is_match(text::prefix(line, 400))
}

/// A company line that also says something else about the sender, after a separator: an
/// address, a title, a register number (`Voorbeeld B.V. | Stationsplein 1, 3511 ED Utrecht`,
/// `Asystentka Zarządu, Orzeł Energia S.A.`), not a legal form split off by a comma
/// (`Northwind Traders Co., Ltd`).
fn company_and_more(line: &str) -> bool {
    static SEPARATOR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s[|·–—]\s|,\s|\s?[｜丨]\s?").expect("valid regex"));
    SEPARATOR
        .split(text::prefix(line, 400))
        .filter(|part| part.chars().any(char::is_alphanumeric) && !company_form_only(part))
        .count()
        >= 2
}

/// A part that is only a legal form (`Ltd`, `Inc.`).
fn company_form_only(part: &str) -> bool {
    let part = part.trim().trim_end_matches('.');
    part.split_whitespace().count() == 1 && part.is_ascii() && company(part)
}

/// A company or postal-address line of a signature: a legal form (`Ltd.`, `GmbH`, `SAS`,
/// `Inc.`), or a street number and a postcode.
pub(super) fn postal(line: &str) -> bool {
    static POSTAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:ltd|llc|inc|gmbh|ag|sas|sarl|s\.a|s\.l|b\.v|bv|n\.v|plc|kk|s\.p\.a|srl|s\.r\.l|ltda|sp\. z o\.o|co\.,? ltd|s\.r\.o|a\.s|a/s|kft|zrt|oyj|a\.ş|şti|tnhh|tbk|株式会社|(?-i:AB|AS|ASA|Oy|ApS|SpA|PT|ООО|ОАО|ЗАО|ПАО|АО|ТОВ|ПАТ|Α\.Ε|ΕΠΕ|ΙΚΕ))\b|有限会社|合同会社|有限公司|股份公司|유한회사|(?:^|\s)(?:\(주\)|㈜)|בע[\x22״]מ|प्राइवेट लिमिटेड|लिमिटेड|จำกัด|มหาชน|(?:^|\s)شركة\s|ش\.م\.م|\d+[a-z]?\s*[,|–-]?\s*[\p{L} .,'-]{2,60},?\s+\d{4,5}\b|(?-i:\b\d{4,5}\s+\p{Lu}[\p{L}-]+)|(?-i:\b(?:\d{2}-\d{3}|\d{3} \d{2}|\d{5}-\d{3}|\d{4} ?[A-Z]{2})\s+\p{Lu}[\p{L}-]+)",
        )
        .expect("valid regex")
    });
    // A Russian or Ukrainian address is written with abbreviations (`г. Москва, ул.
    // Тверская, д. 1`): two of them.
    static CYRILLIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[\s,])(?:г|ул|д|пр|пр-т|пер|наб|пл|обл|вул|буд|кв|оф|стр|м)\.\s?[\p{Lu}\d]",
        )
        .expect("valid regex")
    });
    let short = line.chars().count() <= 120;
    short && POSTAL.is_match(text::prefix(line, 300))
        || cjk_address(line)
        || street_address(line)
        || short && CYRILLIC.find_iter(line).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_lines() {
        for line in [
            "Jordan Lee",
            "Senior Product Manager | Acme Corp",
            "Head of Platform Engineering",
            "Mobile: +49 157 8957 7653",
            "jordan@acme.com",
            "Acme GmbH · Torplatz 1 · 29223 Celle",
            "Responsable achats",
            "山田太郎",
            "Org.nr: 556677-8899 | Styrelsens säte: Stockholm",
            "P.IVA e C.F. 01234567890 – REA MI-1234567 – Cap. soc. € 100.000,00 i.v.",
            "사업자등록번호: 123-45-67890 | 대표이사: 이서연",
            "Geschäftsführer: Dr. Thomas Müller, Sabine Krüger",
            "产品经理 | 平台事业部",
            "上海市浦东新区世纪大道100号 20楼",
        ] {
            assert!(signature_like(line), "{line}");
        }
        for line in [
            "We will pick the vendor.",
            "Can you bring the numbers?",
            "Agenda:",
            "- budget",
            "Review ABC-123",
        ] {
            assert!(!signature_like(line), "{line}");
        }
    }

    #[test]
    fn titles_addresses_and_names_against_the_topics_shaped_like_them() {
        for line in [
            "Leiterin der Beschaffung",
            "Assistenz der Geschäftsführung",
            "Landesamt für Digitalisierung",
        ] {
            assert!(signature_like(line), "{line}");
        }
        for line in [
            "Coordinador de turnos para el almacén",
            "Uzman desteği ile SAP geçişi",
            "Giám sát tiến độ dự án",
            "Vertretung der Leiterin Einkauf",
            "Gesundheitsamt Auflagen für Kantine Nord",
            "Verlängerung des Wartungsvertrags",
            "Schulung in Hamburg",
            "Angebote von Lieferanten und Preise",
            "Assistenz bei der Inventur im Lager",
            "Einarbeitung neue Assistenz",
            "ที่ปรึกษาภาษีสำหรับปีหน้า",
        ] {
            assert!(!signature_like(line), "{line}");
        }
        for line in [
            "1200 Market Street, Suite 400",
            "Outer Ring Road, Bellandur, Bengaluru 560103",
            "Λεωφ. Κηφισίας 44, Αθήνα",
            "Calle Mayor, 5, Madrid",
            "Hafenstraße 12",
            "דרך מנחם בגין 132, תל אביב",
            "อาคารสาทรซิตี้ ถนนสาทรใต้ กรุงเทพฯ",
        ] {
            assert!(street_address(line), "{line}");
        }
        for line in [
            "Year End Close for the 4 subsidiaries",
            "Umzug in die Hafenstraße 12",
            "Genomgång av Q3-siffrorna för region Syd",
            "Corso Excel avanzato per 12 colleghi",
            "Accesso al CRM per 3 agenti",
            "Investor Road Show in 3 cities",
        ] {
            assert!(!street_address(line), "{line}");
        }
        assert!(name_like("Priya Shah (she/her)"));
        assert!(!name_like("Onboarding Priya Shah (she/her)"));
        assert!(name_like("Ursula von der Leyen"));
        assert!(!name_like("Rückmeldung von den Pilotkunden"));
    }

    #[test]
    fn closings() {
        let ctx = Context::new("");
        for line in [
            "Thanks,",
            "Best regards,",
            "Cheers, Anna",
            "Viele Grüße",
            "Cordialement,",
            "Un saludo",
            "Atenciosamente,",
            "よろしくお願いします。",
        ] {
            assert!(closing(line, &ctx), "{line}");
        }
        for line in ["Thanks for joining, we decide the budget", "Best option?"] {
            assert!(!closing(line, &ctx), "{line}");
        }
        assert!(closing("此致", &ctx) && closing("김민준 드림", &ctx));
    }

    fn kept(text: &str) -> Vec<String> {
        let mut lines: Vec<Line> = text
            .lines()
            .map(|l| super::super::boilerplate::analyse(l, &mut |_| {}))
            .collect();
        signature(&mut lines, &Context::new("weekly sync"));
        lines
            .into_iter()
            .filter(|l| l.strip.is_none() && l.shape == Shape::Text)
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn a_name_after_a_blank_line_needs_a_contact_line() {
        let signed =
            "Cordialement,\n\nCamille Martin\nResponsable commerciale\nTél. : +33 1 55 55 01 34";
        assert_eq!(kept(signed), Vec::<String>::new());
        assert_eq!(
            kept("Bedankt!\n\nOffboarding Leveranciers"),
            ["Offboarding Leveranciers"]
        );
    }

    #[test]
    fn a_closing_of_unknown_words_alone_starts_no_signature() {
        assert_eq!(
            kept("Salam hangat,\nEvaluasi Proyek Jembatan\nHP: +62 812 3456 7890"),
            ["Evaluasi Proyek Jembatan"]
        );
        assert!(kept("Tisztelettel:").is_empty());
        assert!(closing_phrase_alone("Tisztelettel: Kiss Dávid"));
        assert!(closing_phrase_alone("Freundliche Grüße"));
        assert!(!closing_phrase_alone("Viele Grüße aus dem Budget-Meeting"));
    }

    #[test]
    fn a_booking_title_of_its_type_and_its_two_attendees_is_the_type() {
        let read = |title: &str| {
            let text = format!(
                "What:\n{title}\nWho:\nSophie Nakamura - Organizer\nsnakamura@eastmoor.example\n\
                 Hannah Patel\nhannah.patel@redwater.example"
            );
            let mut lines: Vec<Line> = text
                .lines()
                .map(|l| super::super::boilerplate::analyse(l, &mut |_| {}))
                .collect();
            signature(&mut lines, &Context::new("call"));
            super::booking_attendees(&mut lines);
            lines[1].strip == Some(Boilerplate::Booking)
        };
        assert!(read(
            "Consultation between Sophie Nakamura and Hannah Patel"
        ));
        assert!(read(
            "30 Min Meeting between Sophie Nakamura and Hannah Patel"
        ));
        assert!(read(
            "Videogesprek 30 min tussen Sophie Nakamura en Hannah Patel"
        ));
        // The service or a case named, one attendee only, or names the booking does not
        // list.
        for title in [
            "Contract renewal between Sophie Nakamura and Hannah Patel",
            "Office 365 consultation between Sophie Nakamura and Hannah Patel",
            "Teams consultation between Sophie Nakamura and Hannah Patel",
            "Consultation (VAT return) between Sophie Nakamura and Hannah Patel",
            "Consultation #4521 between Sophie Nakamura and Hannah Patel",
            "Consultation with Sophie Nakamura",
            "Consultation between Sophie Nakamura and Tom Berg",
        ] {
            assert!(!read(title), "{title}");
        }
    }

    #[test]
    fn a_line_of_the_formulas_notes_is_one_and_a_topic_beside_them_is_not() {
        use formulas::Note;
        assert_eq!(
            formula_note("Viestin sisältö on luottamuksellinen."),
            Some(Note::Legal)
        );
        assert_eq!(
            formula_note("AVÍS DE CONFIDENCIALITAT: Aquest missatge és confidencial."),
            Some(Note::Legal)
        );
        assert_eq!(
            formula_note("Työskentelen osa-aikaisesti ma–to."),
            Some(Note::Away)
        );
        // A phrase with a topic beside it, in the same clause or after a dash or a colon.
        assert_eq!(formula_note("Sent with Outlook templates"), None);
        assert_eq!(formula_note("Korektura katalogu před tiskem"), None);
        assert_eq!(
            formula_note(
                "Please consider the environment before printing – switching our paper supplier"
            ),
            None
        );
        assert_eq!(
            formula_note("Tämä viesti on luottamuksellinen. Mikä on budjetti?"),
            None
        );
        // A colon of a script without spaces inside a label: no slicing inside a character.
        let _ =
            formula_note("保密声明：本邮件内容仅供指定收件人使用，未经许可不得转发、复制或披露。");
        let _ = formula_note("：：：。。。；");
    }

    #[test]
    fn the_formulas_sign_offs_close_a_message_but_start_no_signature() {
        for closing in ["Cordialment,", "Una abraçada,", "Saygılar", "Liefs"] {
            assert!(kept(closing).is_empty(), "{closing}");
        }
        // What follows one may be a topic ("Saygılar / Emre Şahin / Bütçe Revizyonu").
        assert_eq!(
            kept("Una abraçada,\nAvaluació del projecte del pont\nTel. +34 972 11 93 17"),
            ["Avaluació del projecte del pont", "Tel. +34 972 11 93 17"]
        );
        assert_eq!(
            kept("Merhaba,\n\nSaygılar\nEmre Şahin\nBütçe Revizyonu\n0532 123 45 67"),
            ["Merhaba,", "Emre Şahin", "Bütçe Revizyonu"]
        );
    }

    #[test]
    fn save_paper_pleas_that_allow_printing_when_needed() {
        assert!(eco_note("🌲 Skriv bara ut om du verkligen behöver."));
        assert!(eco_note("Think green – bitte nur drucken, wenn nötig."));
        assert!(eco_note(
            "Kérjük, csak akkor nyomtassa ki ezt az e-mailt, ha feltétlenül szükséges."
        ));
        for line in [
            "Print the contract only if needed.",
            "Environmental inspection in the Leeds warehouse, hard hats only if necessary.",
            "🌱 Print run of the sustainability booklet: 500 copies only if the budget allows",
        ] {
            assert!(!eco_note(line), "{line}");
        }
    }

    #[test]
    fn booking_attendees() {
        for line in [
            "Anna Lind - Arrangör",
            "- Lena Fischer - Organizer",
            "王伟 - 组织者",
            "Jan de Vries",
        ] {
            assert!(attendee_like(line), "{line}");
        }
        assert!(!attendee_like("Pricing review - Organizer notes"));
    }

    #[test]
    fn sent_from_a_phone_in_the_forms_mail_programs_write() {
        for line in [
            "Sent from my iPhone",
            "Von meinem iPhone gesendet",
            "Verstuurd vanaf mijn iPhone",
            "Στάλθηκε από το iPhone μου",
            "Được gửi từ iPhone của tôi",
            "נשלח מה-iPhone שלי",
            "ส่งจาก iPhone ของฉัน",
            "iPhone'umdan gönderildi",
            "Trimis de pe iPhone-ul meu",
            "Lähetetty iPhonesta",
            "iPhoneから送信",
            "从我的iPhone发送",
            "मेरे iPhone से भेजा गया",
        ] {
            assert!(sent_from(line), "{line}");
        }
        for line in [
            "Fix iPhone crash",
            "Sent from my iPhone: the crash log",
            "iPhone app release",
            "Von iPhone zu Android migrieren",
            "Von BlackBerry auf Android-Geräte",
            "Von Android zu iPhone",
        ] {
            assert!(!sent_from(line), "{line}");
        }
    }

    #[test]
    fn a_companys_footer_lines_and_what_they_are_not() {
        for line in [
            "Datenschutzhinweise: https://www.northwind-versicherung.de/datenschutz",
            "We process personal data in accordance with our Privacy Notice, available at https://www.northwind-holdings.co.uk/privacy.",
            "KVKK Aydınlatma Metni: https://www.anadolulojistik.com.tr/kvkk",
            "隐私政策：https://www.huaxin-zhizao.cn/privacy",
        ] {
            assert!(privacy_notice(line), "{line}");
        }
        for line in [
            "Review the privacy notice draft: https://docs.google.com/document/d/1abc/edit",
            "Do we update https://www.example.com/privacy before launch?",
            "Launch plan: https://www.example.com/launch",
            "Rewrite https://www.northwind.co.uk/legal for the new entity name",
            "Translate https://www.acme.com/privacy-notice into Polish and Czech",
        ] {
            assert!(!privacy_notice(line), "{line}");
        }
        for line in [
            "Anadolu Lojistik A.Ş. · Büyükdere Cad. No:185, 34394 Levent/İstanbul · Ticaret Sicil No: 774129 · Mersis No: 0068012445100017",
            "АО «СеверТехСервис» · 191186, Санкт-Петербург, Невский пр., д. 28 · ОГРН 1127847122415 · ИНН 7841465512",
            "Skovgaard Rådgivning A/S · CVR-nr. 29 41 77 83 · Havnegade 39, 1058 København K",
        ] {
            assert!(identity_footer(line), "{line}");
        }
        for line in [
            "Q3 budget · PO 4500012871 · Room 4",
            "Kick-off 12.01.2027 · Hamburg · Müller GmbH",
            "Renew the contract with Anadolu Lojistik A.Ş. · Mersis No: 0068012445100017",
            "Northwind Ltd · is the invoice 4500012871 paid?",
        ] {
            assert!(!identity_footer(line), "{line}");
        }
        assert!(marking("OFFICIAL"));
        assert!(!marking("BUDGET FREEZE"));
        assert!(eco_note(
            "♻ Sparen Sie Papier – drucken Sie diese E-Mail nur, wenn es wirklich nötig ist."
        ));
        assert!(eco_note(
            "Please consider the environment before printing this e-mail."
        ));
        assert!(!eco_note(
            "Printer fleet: replace the paper trays on floor 3?"
        ));
        assert!(room_booking(
            "Room booking confirmed via Skedda. Please leave the room tidy."
        ));
        assert!(room_booking("This room was reserved via Condeco."));
        assert!(room_booking("Deze ruimte is gereserveerd via Planon."));
        assert!(!room_booking(
            "Reserved with Anna to go through the room budget"
        ));
        assert!(!room_booking("Booked with Finance: who pays for the room?"));
        assert!(!room_booking(
            "Room booked via Condeco. We finalise the 2027 travel budget."
        ));
        assert!(employed("Projektmenedzser – Duna Informatikai Zrt."));
        assert!(employed("経営企画部 課長 – 株式会社みなと電機"));
        assert!(!employed("Contract renewal – Duna Informatikai Zrt."));
        assert!(!employed("保守契約の更新 – 株式会社みなと電機"));
    }
}
