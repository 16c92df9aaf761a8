//! Text that comes with an invitation rather than from its organizer: conferencing join
//! instructions (Google Meet, Zoom, Microsoft Teams, Webex, GoToMeeting), dial-in numbers,
//! and Google Calendar's invitation footer.
//!
//! Lines are dropped whole, and only when little follows the boilerplate on the same line: a
//! line that merely starts like boilerplate may carry the organizer's words (HTML without line
//! breaks puts a whole invitation on one line), and losing them could cause a false decline.

use std::sync::LazyLock;

use regex::Regex;

use super::text::meaningful_words;

/// A boilerplate line is dropped only if at most this many meaningful words follow the part
/// recognised as boilerplate (`Download Teams | Join on the web`, `+1 646 558 8656 US (New
/// York)`, `Meeting password: x1 (123 from phones and video systems)` stay under it).
const MAX_WORDS_AFTER: usize = 6;

/// Google's multi-line footer sentences, removed before the text is split into lines.
static SENTENCES: LazyLock<Regex> = LazyLock::new(|| {
    let sentences = [
        r"invitation from google calendar:?",
        r"you are receiving this (?:e-?mail|message|notification|invitation)(?: at the account [^\s]{1,100})? because you are (?:an attendee (?:on|of) (?:the|this) event|subscribed for (?:invitations|updates|notifications) on calendar [^\s]{1,100})\.?",
        r"to stop receiving (?:future updates for this event, decline this event|these e-?mails, go to calendar settings[^.\n]{0,120})\.?",
        r"forwarding this invitation could allow any recipient to (?:send a response to the organizer,? be added to the guest list,? invite others regardless of their own invitation status,? (?:or|and) (?:to )?modify your rsvp|modify your rsvp response)\.?",
        r"learn more about (?:google )?meet at:?",
        r"please do not edit this section(?: of the description)?\.?",
    ];
    // A sentence may wrap anywhere between its words.
    let pattern = sentences.join("|").replace(' ', r"\s+");
    Regex::new(&format!("(?i){pattern}")).expect("valid regex")
});

/// Lines that are boilerplate from their start (matched case-insensitively against the line
/// with whitespace collapsed and any bullet removed).
const LINES: &[&str] = &[
    // Google Meet (also German, French, Spanish).
    r"join with google meet\b",
    r"join by phone\b",
    r"join using sip\b",
    r"join\s?:?$",
    r"meeting link\s?:?$",
    r"or dial\s?:",
    r"more phone numbers\b",
    r"learn more about (?:google )?meet\b",
    r"please do not edit this section\b",
    r"this event has a video call\b",
    r"view your event at\b",
    r"pin\s?:?\s?[\d ]+#?$",
    r"mit google meet teilnehmen\b",
    r"telefonisch teilnehmen\b",
    r"weitere telefonnummern\b",
    r"participer (?:avec google meet|par téléphone)\b",
    r"autres numéros de téléphone\b",
    r"unirse (?:con google meet|por teléfono)\b",
    r"más números de teléfono\b",
    // Google Calendar's invitation footer.
    r"invitation from google calendar\b",
    r"you are receiving this\b",
    r"to stop receiving\b",
    r"forwarding this invitation\b",
    r"learn more(?: about forwarding invitations)?\s?[.:]?$",
    r"reply for \S+(?: and view more details\b|$)",
    r"view all guest info\b",
    r"going \(?\S+@\S+\)?\?",
    r"yes - maybe - no\b",
    r"more options\b.?$",
    r"(?:organizer|guests|calendar)$",
    // Zoom.
    r"join zoom meeting\b",
    r"join (?:the )?zoom (?:meeting|webinar)\b",
    r".{0,80}\bis inviting you to a scheduled zoom (?:meeting|webinar)\b",
    r"meeting id\s?:",
    r"webinar id\s?:",
    r"pass(?:code|word)\s?:",
    r"one tap mobile\b",
    r"dial by your location\b",
    r"find your local number\b",
    r"join by sip\b",
    r"join by h\.?\s?323\b",
    r"join from (?:pc, mac|a pc|an h\.?323|a sip|a room)\b",
    r"join instructions\b",
    r"meeting url\s?:",
    r"join via audio\b",
    r"\d{1,3}(?:\.\d{1,3}){3}(?: \(.{0,40}\))?$",
    r"time\s?: (?:[a-z]{3,9}\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})",
    r"international numbers available\b",
    r"(?:or )?(?:iphone one-tap|telephone)(?: \([^)]*\))?\s?:",
    r"phone one-tap\s?:",
    r"join by telephone\b",
    r"for higher quality, dial a number based on your current location\b",
    r"dial\s?:$",
    r"(?:us|uk|ca|au|de|fr|in|nl|se|ch|ie|sg|jp|br|mx|es|it|nz)\s?: \+",
    r"please download and import the following icalendar\b",
    r"(?:daily|weekly|monthly)\s?:$",
    r"every .{0,60}occurrence\(s\)",
    r"(?:h\.323|sip)\s?:",
    // Microsoft Teams.
    r"microsoft teams(?: meeting)?(?: need help\??)?$",
    r"join on your computer,? (?:mobile app|or mobile app)\b",
    r"click here to join the meeting\b",
    r"join the meeting now\b",
    r"join conversation$",
    r"download teams\b",
    r"join on the web\b",
    r"learn more(?: about teams)?\s?\|\s?meeting options\b",
    r"learn more about teams\b",
    r"meeting options$",
    r"join with a video conferencing device\b",
    r"video conferenc(?:e|ing) id\s?:",
    r"alternate vtc\b",
    r"(?:or )?call in \(audio only\)",
    r"dial[- ]in by phone\b",
    r"(?:phone )?conference id\s?:",
    r"find a local number\b",
    r"reset (?:dial-in )?pin\b",
    r"need help\?",
    r"for organizers\s?:",
    r"org help\b",
    r"privacy and security$",
    r"tenant key\s?:",
    r"video id\s?:",
    // Webex.
    r"-* ?do not delete or change any of the following text\b",
    r"when it'?s time, join\b",
    r"join (?:the )?webex meeting\b",
    r"meeting number(?: \(access code\))?\s?:",
    r"meeting password\s?:",
    r"access code\s?:",
    r"attendee id\s?:",
    r"host key\s?:",
    r"join (?:the )?meeting$",
    r"tap to join from a mobile device\b",
    r"global call-in numbers\b",
    r"toll-free calling restrictions\b",
    r"join from a video system or application\b",
    r"join by video system\b",
    r"join by meeting number\b",
    r"join from the meeting link\b",
    r"more ways to join\b",
    r"dial \S+@\S+",
    r"you can also dial\b",
    r"join using (?:microsoft lync|skype for business)\b",
    r"if you are a host, click here\b",
    r"can't join the meeting\??",
    r"important notice: please note that this webex service\b.*",
    r"join information$",
    // Amazon Chime.
    r"amazon chime meeting\b",
    r"click to join the meeting\b",
    r"a headset is recommended\b",
    r"call in using your phone\b",
    r"dial-in attendees must enter\b",
    r"one-click mobile dial-in\b",
    r"international\s?:$",
    // GoToMeeting and generic dial-in details.
    r"(?:please )?join my meeting from your computer\b",
    r"you can also dial in using your phone\b",
    r"new to gotomeeting\??",
    r"get the app now\b",
    r"(?:dial[- ]in|call[- ]in)(?: numbers?| details| info(?:rmation)?)?\s?:",
    r"(?:participant|host|moderator|leader|conference|audio) (?:code|pin|passcode|password|id)\b",
    r"toll(?:[- ]free)?(?: number)?\s?:",
    // A country and a number (`United States: +1 (571) 317-3122`), an address alone.
    r"[a-z][a-z .()\d-]{1,40}(?::\s?\+|\(toll[- ]free\)\s?:\s?)\s?\(?\d[\d ()-]{6,}",
    r"international numbers\s?:?$",
    r"[^\s@]+@[^\s@]+$",
];

static LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?i)^(?:{})", LINES.join("|"))).expect("valid regex"));

/// The start of a dial-in line: `(US) +1 415-555-0100 PIN: 1#`, `+16465588656,,8123# US`,
/// `877 853 5257 US Toll-free`.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(\w{1,4}\)\s?)?\+?\(?\d[\d ().\-/,#*]*").expect("valid regex")
});

/// Removes Google's footer sentences, which wrap over several lines in e-mailed invitations.
pub(super) fn strip_sentences(text: &str) -> std::borrow::Cow<'_, str> {
    SENTENCES.replace_all(text, "\n")
}

/// Google's `-::~:~::~:~:~...::-` fence around the conferencing block it appends.
pub(super) fn is_google_fence(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 10
        && line.starts_with("-::~")
        && line.ends_with("::-")
        && line.chars().all(|c| matches!(c, '-' | ':' | '~'))
}

/// Separator lines (`______`, `-----`, `──────`) and lines of punctuation only.
pub(super) fn is_separator(line: &str) -> bool {
    !line.chars().any(char::is_alphanumeric)
}

/// Whether a line (whitespace collapsed, bullet removed) is conferencing or calendar
/// boilerplate.
pub(super) fn is_boilerplate_line(line: &str) -> bool {
    let end = match LINE.find(line) {
        Some(m) => Some(m.end()),
        None => phone_number_end(line),
    };
    end.is_some_and(|end| meaningful_words(&line[end..]) <= MAX_WORDS_AFTER)
}

/// Where a dial-in number at the start of the line ends: an international number (`+1 ...`,
/// `(US) +1 ...`) of at least seven digits, or a national one of at least ten in groups
/// separated by spaces or dashes (`877 853 5247`, `1-650-479-3208`). Dates and times
/// (`2025-03-04`, `10.00-11.00`) are not phone numbers.
fn phone_number_end(line: &str) -> Option<usize> {
    let m = PHONE.find(line)?;
    let number = m.as_str();
    let digits = number.bytes().filter(u8::is_ascii_digit).count();
    let international = number.contains('+');
    let national = digits >= 10 && !number.contains(['.', '/']);
    (international && digits >= 7 || national).then_some(m.end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_lines() {
        for line in [
            "(US) +1 415-555-0100 PIN: 123 456 789#",
            "+16465588656,,81234567890#,,,,*123456# US (New York)",
            "+1 646 558 8656 US (New York)",
            "877 853 5257 US Toll-free",
            "+1 323-555-0100,,123456789# United States, Los Angeles",
            "+1-415-655-0001 US Toll",
            "United States: +1 (571) 317-3122",
            "United States (Toll Free): 1 877 309 2073",
            "United States Toll-Free (1): +1 855-552-4463",
        ] {
            assert!(is_boilerplate_line(line), "{line}");
        }
        for line in [
            "2024 roadmap: we need to agree on the themes",
            "+1 for Alice's proposal, let's adopt it",
            "1234567 users were affected by the outage last week and we need a plan",
            "Q3 review: 2024-2025 (budget)",
            "2025-03-04 kickoff with the vendor",
            "10.00-11.00 intro",
            "20250304 kickoff",
        ] {
            assert!(!is_boilerplate_line(line), "{line}");
        }
    }

    #[test]
    fn lines_with_more_than_boilerplate_are_kept() {
        assert!(is_boilerplate_line("Download Teams | Join on the web"));
        assert!(!is_boilerplate_line(
            "Join Zoom Meeting We will review the vendor proposals for the new observability stack \
             and agree on a shortlist"
        ));
        let line = format!("Meeting ID: 123 {}", "and the real agenda ".repeat(30));
        assert!(!is_boilerplate_line(&line));
        assert!(is_boilerplate_line(
            "IMPORTANT NOTICE: Please note that this Webex service allows audio and other \
             information sent during the session to be recorded, which may be discoverable in a \
             legal matter. By joining this session, you automatically consent to such recordings."
        ));
    }

    #[test]
    fn fences_and_separators() {
        assert!(is_google_fence(
            "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-"
        ));
        assert!(!is_google_fence("-::-"));
        assert!(is_separator("________________________________________"));
        assert!(is_separator("──────────"));
        assert!(!is_separator("- item"));
    }
}
