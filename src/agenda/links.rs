//! Links in invitations: finding them in text, seeing through redirect wrappers (Google's
//! `google.com/url?q=`, Outlook Safe Links, Proofpoint), and sorting them into conferencing
//! (never a document), calendar boilerplate, documents (a read-ahead) and anything else.

use std::sync::LazyLock;

use regex::Regex;

use super::Boilerplate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LinkKind {
    /// A video call, dial-in or contact link (`meet.google.com`, `zoom.us`, `tel:`, `mailto:`).
    Conferencing,
    /// Links that come with the invitation itself (`calendar.google.com`, `aka.ms`, help pages).
    Boilerplate,
    /// A document worth reading ahead (Google Docs, Notion, a GitHub PR, a PDF...).
    Document,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Link {
    /// The link as written, after unwrapping redirects.
    pub url: String,
    /// Lower-case host without `www.`; empty for `tel:`, `mailto:` and relative links.
    pub host: String,
    pub kind: LinkKind,
}

/// Links with a scheme, `www.` links, contact URIs, and bare `host.tld/path` links (Google
/// writes `meet.google.com/abc-defg-hij` without a scheme), and internal `go/name` links.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>"'`\[\]{}|\\^]+|\b(?:tel|sips?|mailto|callto|skype|facetime):[^\s<>"'`]+|\b(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2,24}/[^\s<>"'`\[\]{}|\\^]*|(?:^|\s)go/[a-z0-9][a-z0-9_./#-]{2,}"#,
    )
    .expect("valid regex")
});

const CONTACT_SCHEMES: [&str; 7] = [
    "tel", "sip", "sips", "mailto", "callto", "skype", "facetime",
];

const CONFERENCING: &[&str] = &[
    "meet.google.com",
    "hangouts.google.com",
    "tel.meet",
    "zoom.us",
    "zoom.com",
    "zoomgov.com",
    "zoomcrc.com",
    "teams.microsoft.com",
    "teams.microsoft.us",
    "teams.live.com",
    "webex.com",
    "gotomeeting.com",
    "gotomeet.me",
    "gotowebinar.com",
    "meet.goto.com",
    "bluejeans.com",
    "chime.aws",
    "whereby.com",
    "telemost.yandex.ru",
    "telemost.yandex.com",
    "meet.jit.si",
    "8x8.vc",
    "join.skype.com",
    "lync.com",
    "plcm.vc",
    "v.ringcentral.com",
    "meetings.ringcentral.com",
    "around.co",
    "meeting.zoho.com",
    "meeting.zoho.eu",
    "meeting.zoho.in",
    "meeting.zoho.com.au",
    "pexip.me",
    "facetime.apple.com",
    "lifesize.com",
    "lifesizecloud.com",
    "vc.ringcentral.com",
    "meet.lync.com",
    "dialin.plcm.vc",
    "meeting.tencent.com",
    "vc.feishu.cn",
    "vc.larksuite.com",
    "voovmeeting.com",
    "meeting.dingtalk.com",
    "meeting.huaweicloud.com",
    "bmeeting.huaweicloud.com",
];

/// Host prefixes of self-hosted video rooms (`meet.acme.org/standup`, `jitsi.acme.org/x`).
/// Skype for Business and Lync serve their dial-in page from `dialin.` of the company's domain.
const CONFERENCING_PREFIXES: [&str; 3] = ["meet.", "jitsi.", "dialin."];

/// Booking tools: their links manage the booking (cancel, reschedule), they are no document.
const BOOKING: &[&str] = &[
    "calendly.com",
    "chilipiper.com",
    "meetings.hubspot.com",
    "savvycal.com",
    "cal.com",
    "youcanbook.me",
    "acuityscheduling.com",
    "doodle.com",
    "zcal.co",
    "tidycal.com",
    "oncehub.com",
    "scheduleonce.com",
    "vimcal.com",
    "reclaim.ai",
    "motion.link",
];

const BOILERPLATE: &[&str] = &[
    "calendar.google.com",
    "support.google.com",
    "accounts.google.com",
    "calendar.app.google",
    "g.co",
    "aka.ms",
    "go.microsoft.com",
    "officeredir.microsoft.com",
    "outlook.office.com",
    "outlook.office365.com",
    "outlook.live.com",
    "docs.nextcloud.com",
];

/// Hosts where any page is a document.
const DOCUMENT_HOSTS: &[&str] = &[
    "docs.google.com",
    "drive.google.com",
    "sheets.google.com",
    "slides.google.com",
    "jamboard.google.com",
    "sites.google.com",
    "notion.so",
    "notion.site",
    "atlassian.net",
    "gist.github.com",
    "paper.dropbox.com",
    "quip.com",
    "coda.io",
    "sharepoint.com",
    "onedrive.live.com",
    "1drv.ms",
    "officeapps.live.com",
    "airtable.com",
    "docsend.com",
    "lucid.app",
    "lucidchart.com",
    "whimsical.com",
    "hackmd.io",
    "gitbook.io",
    "slite.com",
    "craft.do",
    "nuclino.com",
    "dropbox.com",
    "box.com",
    "overleaf.com",
    "linear.app",
    "trello.com",
    "asana.com",
    "mural.co",
    "excalidraw.com",
];

/// Social networks: profile links in signatures.
const SOCIAL: &[&str] = &[
    "linkedin.com",
    "twitter.com",
    "x.com",
    "facebook.com",
    "instagram.com",
    "xing.com",
    "threads.net",
    "bsky.app",
    "tiktok.com",
    "t.me",
    "telegram.me",
    "vk.com",
    "weibo.com",
];

/// A link to someone's profile or channel on a social network, as signatures link them: the
/// network's home, a handle (`x.com/acme`, `t.me/acme`, `github.com/acme`), LinkedIn's and
/// Xing's profile and company pages, YouTube's channels; not a post, an event, a video, a
/// release or a status (`linkedin.com/events/…`, `x.com/acme/status/1`).
pub(super) fn profile_link(link: &Link) -> bool {
    let path = lower_path(&link.url);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    social_profile(&link.host, &segments)
}

/// A YouTube channel's pages (`/@acme`, `/@acme/videos`, `/channel/X`, `/c/acme`), not a
/// video or a playlist.
fn youtube_channel(segments: &[&str]) -> bool {
    match segments {
        [] => true,
        [first, ..] if first.starts_with('@') => true,
        ["c" | "channel" | "user" | "company", _, ..] => true,
        _ => false,
    }
}

/// A link's path without its query and fragment, in lower case.
fn lower_path(url: &str) -> String {
    let (_, rest) = split_host(url);
    rest.split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// [`profile_link`] on a host and its path's segments.
fn social_profile(host: &str, segments: &[&str]) -> bool {
    let handle = segments.len() <= 1;
    if host_is(host, "linkedin.com") {
        return matches!(segments, [] | ["in" | "company" | "school" | "showcase", _]);
    }
    if host_is(host, "xing.com") {
        return matches!(
            segments,
            [] | ["profile" | "pages" | "company" | "companies", _]
        );
    }
    if host_is(host, "youtube.com") {
        return youtube_channel(segments);
    }
    if host_in(host, SOCIAL) || host_is(host, "github.com") {
        // A business's or a person's page (`facebook.com/pages/acme`); a group is a
        // community, which may be what the meeting is about.
        return handle || matches!(segments, ["pages" | "people" | "user" | "profile", _]);
    }
    false
}

/// Host prefixes of self-hosted document tools (`wiki.example.com`, `confluence.corp`).
const DOCUMENT_HOST_PREFIXES: [&str; 4] = ["wiki.", "confluence.", "docs.", "notion."];

const DOCUMENT_EXTENSIONS: &[&str] = &[
    ".pdf", ".doc", ".docx", ".ppt", ".pptx", ".xls", ".xlsx", ".odt", ".odp", ".ods", ".key",
    ".pages", ".numbers", ".md", ".rtf", ".csv", ".txt",
];

fn host_is(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|p| p.is_empty() || p.ends_with('.'))
}

fn host_in(host: &str, domains: &[&str]) -> bool {
    domains.iter().any(|d| host_is(host, d))
}

/// Removes punctuation that ends a sentence rather than the link.
pub(super) fn trim_url(raw: &str) -> &str {
    let mut s = raw;
    loop {
        let before = s.len();
        s = s.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', '*', '_']);
        if s.ends_with(')') && s.matches('(').count() < s.matches(')').count() {
            s = &s[..s.len() - 1];
        }
        if s.len() == before {
            return s;
        }
    }
}

fn scheme(url: &str) -> Option<(&str, &str)> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let valid = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| (scheme, &url[colon + 1..]))
}

/// Host (lower case, without `www.` and port) and the rest (path, query, fragment).
fn split_host(url: &str) -> (String, &str) {
    let rest = match scheme(url) {
        Some((_, rest)) if rest.starts_with("//") => &rest[2..],
        Some(_) => return (String::new(), url),
        None => url.strip_prefix("//").unwrap_or(url),
    };
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = authority.split_once(':').map_or(authority, |(h, _)| h);
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_owned).unwrap_or(host);
    (host, &rest[end..])
}

fn query_param<'a>(rest: &'a str, key: &str) -> Option<&'a str> {
    let query = rest.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query.split('&').find_map(|kv| {
        kv.split_once('=')
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| v)
    })
}

/// `%XX` escapes decoded; a `%` without two hex digits after it stays as it is, and bytes
/// that are not UTF-8 are replaced.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The target of a known redirect wrapper, if `url` is one.
fn unwrap_once(url: &str) -> Option<String> {
    let (host, rest) = split_host(url);
    let inner = if host == "google.com" && rest.starts_with("/url") {
        query_param(rest, "q").or_else(|| query_param(rest, "url"))?
    } else if host.ends_with("safelinks.protection.outlook.com") {
        query_param(rest, "url")?
    } else if host == "urldefense.com" {
        let inner = rest.strip_prefix("/v3/__")?;
        inner.split_once("__;").map_or(inner, |(u, _)| u)
    } else {
        return None;
    };
    let inner = percent_decode(inner);
    (!inner.is_empty()).then_some(inner)
}

/// Sorts one link (from text, an `href`, a `URL` property or an attachment).
pub(super) fn classify(raw: &str) -> Option<Link> {
    let raw = trim_url(raw.trim());
    if raw.is_empty() {
        return None;
    }
    if let Some((s, _)) = scheme(raw)
        && CONTACT_SCHEMES.iter().any(|c| s.eq_ignore_ascii_case(c))
    {
        return Some(Link {
            url: raw.to_owned(),
            host: String::new(),
            kind: LinkKind::Conferencing,
        });
    }
    let mut url = raw.to_owned();
    for _ in 0..3 {
        match unwrap_once(&url) {
            Some(inner) => url = inner,
            None => break,
        }
    }
    let (host, rest) = split_host(&url);
    let kind = kind_of(&host, rest);
    Some(Link { url, host, kind })
}

fn kind_of(host: &str, rest: &str) -> LinkKind {
    let path = rest
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if host.is_empty() {
        return LinkKind::Other;
    }
    if host_in(host, CONFERENCING)
        || CONFERENCING_PREFIXES.iter().any(|p| host.starts_with(p))
        || host_is(host, "slack.com") && path.contains("/huddle")
        || nextcloud_talk(&path)
    {
        return LinkKind::Conferencing;
    }
    let google_calendar = host == "google.com" && path.starts_with("/calendar");
    let microsoft_teams = host_is(host, "microsoft.com") && path.contains("teams");
    // An organisation's help desk, linked from its meeting template ("Org help").
    let help_desk = host.starts_with("support.") || host.starts_with("help.");
    let booking =
        host_in(host, BOOKING) || host_is(host, "hubspot.com") && path.contains("/meetings");
    if host_in(host, BOILERPLATE)
        || google_calendar
        || microsoft_teams
        || help_desk
        || booking
        || management(&path) && !document_host(host)
    {
        return LinkKind::Boilerplate;
    }
    // A site's privacy or legal page is what every footer links, never a read-ahead.
    if is_document(host, &path) && !privacy_path(host, &path) {
        LinkKind::Document
    } else {
        LinkKind::Other
    }
}

/// A host where pages are documents (Google Docs, Notion, a `wiki.` or `docs.` site).
pub(super) fn document_host(host: &str) -> bool {
    host_in(host, DOCUMENT_HOSTS) || DOCUMENT_HOST_PREFIXES.iter().any(|p| host.starts_with(p))
}

/// A page on any site that manages the meeting rather than describes it: a booking's
/// reschedule or cancel page (`/widget/booking/reschedule/abc123`), a conferencing tool's
/// system check or dial-in list, a join page (`/j/123456789`, `/join/812345678`).
fn management(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let managing = segments.iter().any(|s| {
        matches!(
            *s,
            "reschedule"
                | "reschedulings"
                | "cancel"
                | "cancellation"
                | "cancellations"
                | "system-check"
                | "unsubscribe"
                | "dialin"
                | "dial-in"
                | "huddle"
        )
    });
    let join = matches!(segments.as_slice(), ["j" | "join", id, ..]
        if id.len() >= 6 && id.bytes().all(|b| b.is_ascii_digit()));
    // An LMS's or event site's join page (`/courses/20931/conferences/118842/join`).
    let joins = segments.last().is_some_and(|s| *s == "join") && segments.len() >= 2;
    managing || join || joins
}

/// A Nextcloud Talk room on any server: `/call/<token>` (or `/index.php/call/<token>`),
/// the token eight lower-case letters and digits, with both in it.
fn nextcloud_talk(path: &str) -> bool {
    let path = path.strip_prefix("/index.php").unwrap_or(path);
    path.strip_prefix("/call/").is_some_and(|token| {
        let token = token.trim_end_matches('/').as_bytes();
        token.len() == 8
            && token
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && token.iter().any(u8::is_ascii_digit)
            && token.iter().any(u8::is_ascii_lowercase)
    })
}

fn is_document(host: &str, path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let has_path = !segments.is_empty();
    let contains = |parts: &[&str]| parts.iter().any(|p| segments.contains(p));
    if DOCUMENT_EXTENSIONS.iter().any(|e| path.ends_with(e)) {
        return true;
    }
    // A person's profile (often in a signature) is not a read-ahead, nor a company's
    // channel (`youtube.com/@acme`, `youtube.com/company/acme`), only a video is.
    let channel = matches!(segments.first(), Some(s) if s.starts_with('@'))
        || matches!(
            segments.first(),
            Some(&("c" | "channel" | "user" | "company"))
        );
    if host_is(host, "youtube.com") && channel {
        return false;
    }
    // A post, an article or an event on a network is something to read; a profile is not.
    if host_in(host, SOCIAL) {
        return !social_profile(host, &segments);
    }
    if host_in(host, DOCUMENT_HOSTS) {
        return has_path || host_is(host, "notion.site") || host_is(host, "atlassian.net");
    }
    if DOCUMENT_HOST_PREFIXES.iter().any(|p| host.starts_with(p)) {
        return has_path;
    }
    // GitHub and GitLab (also self-hosted `github.corp`, `gitlab.corp`), Bitbucket.
    let code_review = [
        "issues",
        "pull",
        "pulls",
        "discussions",
        "blob",
        "tree",
        "wiki",
        "wikis",
        "compare",
        "commit",
        "projects",
        "milestone",
        "merge_requests",
        "epics",
        "pull-requests",
        "src",
        "browse",
    ];
    if host_is(host, "github.com")
        || host_is(host, "gitlab.com")
        || host_is(host, "bitbucket.org")
        || host.starts_with("github.")
        || host.starts_with("gitlab.")
        || host.starts_with("git.")
    {
        return contains(&code_review) || segments.first() == Some(&"orgs");
    }
    if host.starts_with("jira.") {
        return contains(&["browse", "jira"]);
    }
    if host_is(host, "slack.com") {
        return contains(&["archives"]);
    }
    match host {
        // An internal go-link (`go/q3-plan`, `http://go/q3-plan`), but not `go/no-go`.
        "go" => has_path && !path.starts_with("/no-go") && !path.starts_with("/nogo"),
        "miro.com" => contains(&["board"]),
        "figma.com" => contains(&["file", "design", "board", "proto", "slides", "deck"]),
        "loom.com" => contains(&["share", "embed"]),
        "office.com" | "word.office.com" | "powerpoint.office.com" => has_path,
        // A page on any other site (an internal wiki, a shortened link) may well be the
        // document: a false decline costs more than a missed one, so it counts.
        _ => has_path,
    }
}

/// A company's or a person's page on a social network, as a signature links it on every
/// network the way LinkedIn words it (`instagram.com/company/acme`, `x.com/in/jdoe`). Alone
/// in a description such a link may be what a meeting is about (a competitor's page), so
/// only a signature's is set aside.
pub(super) fn company_page(link: &Link) -> bool {
    if !host_in(&link.host, SOCIAL) {
        return false;
    }
    let path = lower_path(&link.url);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    matches!(
        segments[..],
        [] | [_]
            | [
                "company" | "companies" | "in" | "pages" | "people" | "profile" | "user",
                _
            ]
    )
}

/// The usual names of a privacy or legal page (see [`privacy_page`]).
const PAGES: &[&str] = &[
    "privacy",
    "privacy-policy",
    "privacy-notice",
    "privacy-statement",
    "privacypolicy",
    "privacy-center",
    "privacy-centre",
    "privacybeleid",
    "privacyverklaring",
    "privacidad",
    "privacidade",
    "privacita",
    "privacy-e-cookie",
    "privasi",
    "kebijakan-privasi",
    "privatlivspolitik",
    "privatliv",
    "personvern",
    "personvernerklaering",
    "integritet",
    "integritetspolicy",
    "dataskydd",
    "datenschutz",
    "datenschutzerklaerung",
    "datenschutzhinweise",
    "dsgvo",
    "gdpr",
    "rgpd",
    "rodo",
    "lgpd",
    "avg",
    "kvkk",
    "tietosuoja",
    "tietosuojaseloste",
    "adatvedelem",
    "adatkezeles",
    "ochrana-osobnich-udaju",
    "ochrona-danych",
    "ochrona-danych-osobowych",
    "proteccio-dades",
    "proteccion-de-datos",
    "proteccion-datos",
    "protezione-dati",
    "donnees-personnelles",
    "protection-des-donnees",
    "vie-privee",
    "confidentialite",
    "personal-information-charter",
    "personal-data",
    "data-protection",
    "dataprotection",
    "legal-notice",
    "legal",
    "impressum",
    "imprint",
    "disclaimer",
    "email-disclaimer",
    "konfidentsialnost",
    "politika-konfidentsialnosti",
    "confidentiality",
];

/// The sender's privacy or legal page, as company footers link it
/// (`https://www.example.com/legal/privacy`, `/datenschutz`, `/kvkk`, `/tietosuoja`): the
/// last segment of the path is one of the pages' usual names, on a site that is not a
/// document host (a draft of a privacy notice in Google Docs is a document).
pub(super) fn privacy_page(link: &Link) -> bool {
    privacy_path(&link.host, &lower_path(&link.url))
}

/// [`privacy_page`] on a host and its path in lower case.
fn privacy_path(host: &str, path: &str) -> bool {
    if document_host(host) || host.is_empty() {
        return false;
    }
    path.split('/')
        .rfind(|s| !s.is_empty())
        .map(|s| {
            s.trim_end_matches(".html")
                .trim_end_matches(".htm")
                .trim_end_matches(".php")
        })
        .is_some_and(|last| PAGES.contains(&last) || STEMS.iter().any(|stem| last.contains(stem)))
}

/// Parts of a privacy page's name in more languages and spellings
/// (`chinh-sach-bao-mat`, `polityka-prywatnosci`, `persondatapolitik`, `privacitat`,
/// `gizlilik-politikasi`).
const STEMS: &[&str] = &[
    "privac",
    "privatliv",
    "privasi",
    "prywatnosc",
    "datenschutz",
    "persondata",
    "personopplysning",
    "personvern",
    "personuppgift",
    "tietosuoja",
    "adatvedelem",
    "adatkezel",
    "osobnich-udaju",
    "osobnych-udajov",
    "danych-osobowych",
    "proteccio-de-dades",
    "datos-personales",
    "dati-personali",
    "donnees-personnelles",
    "dados-pessoais",
    "confidentialit",
    "confidencialidad",
    "riservatezza",
    "konfidenc",
    "konfidents",
    "bao-mat",
    "gizlilik",
    "kisisel-veri",
    "gdpr",
    "dsgvo",
    "rgpd",
    "kvkk",
    "personal-data",
    "data-protection",
];

/// A Microsoft Bookings page (`outlook.office365.com/owa/calendar/<business>/bookings/...`).
fn microsoft_bookings(link: &Link) -> bool {
    host_in(&link.host, &["outlook.office365.com", "outlook.office.com"])
        && link.url.to_ascii_lowercase().contains("/bookings/")
}

/// The product behind a conferencing, calendar or booking link.
pub(super) fn brand(link: &Link) -> Option<Boilerplate> {
    let h = link.host.as_str();
    let is = |d: &str| host_is(h, d);
    Some(
        if is("teams.microsoft.com") || is("teams.live.com") || is("teams.microsoft.us") {
            Boilerplate::Teams
        } else if is("aka.ms") || is("microsoft.com") {
            // `aka.ms/JoinTeamsMeeting`, Teams' download and help pages.
            Boilerplate::Teams
        } else if is("zoom.us") || is("zoom.com") || is("zoomgov.com") || is("zoomcrc.com") {
            Boilerplate::Zoom
        } else if is("meet.google.com") || is("tel.meet") || is("hangouts.google.com") {
            Boilerplate::GoogleMeet
        } else if is("webex.com") {
            Boilerplate::Webex
        } else if is("gotomeeting.com")
            || is("gotomeet.me")
            || is("meet.goto.com")
            || is("goto.com")
        {
            Boilerplate::GoTo
        } else if is("chime.aws") {
            Boilerplate::Chime
        } else if is("meet.jit.si") || h.starts_with("jitsi.") {
            Boilerplate::Jitsi
        } else if is("calendly.com") {
            Boilerplate::Calendly
        } else if is("chilipiper.com") {
            Boilerplate::ChiliPiper
        } else if host_in(h, BOOKING) || is("hubspot.com") || microsoft_bookings(link) {
            Boilerplate::Booking
        } else if is("calendar.google.com")
            || is("google.com")
            || is("support.google.com")
            || is("g.co")
        {
            Boilerplate::CalendarFooter
        } else {
            return None;
        },
    )
}

/// Removes conferencing and boilerplate links (and the `<...>` around them) from a line of
/// text, and passes every link found to `found`.
pub(super) fn strip_links(line: &str, mut found: impl FnMut(Link)) -> String {
    if !line.contains([':', '.', '/']) {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut last = 0;
    for m in URL.find_iter(line) {
        let raw = trim_url(m.as_str().trim_start());
        let start = m.end() - m.as_str().trim_start().len();
        let Some(link) = classify(raw) else { continue };
        let remove = matches!(link.kind, LinkKind::Conferencing | LinkKind::Boilerplate);
        found(link);
        if remove {
            let (mut start, mut end) = (start, start + raw.len());
            if line[..start].ends_with('<') && line[end..].starts_with('>') {
                start -= 1;
                end += 1;
            }
            out.push_str(&line[last..start]);
            out.push(' ');
            last = end;
        }
    }
    out.push_str(&line[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(url: &str) -> LinkKind {
        classify(url).expect("a link").kind
    }

    #[test]
    fn documents() {
        for url in [
            "https://docs.google.com/document/d/1AbC/edit",
            "https://drive.google.com/open?id=1AbC",
            "https://www.notion.so/team/Design-1234",
            "https://acme.atlassian.net/wiki/spaces/ENG/pages/1",
            "https://acme.atlassian.net/browse/ENG-42",
            "https://github.com/acme/focusd/pull/17",
            "https://github.com/acme/focusd/issues/3",
            "https://gitlab.com/acme/focusd/-/merge_requests/9",
            "https://paper.dropbox.com/doc/Plan-abc",
            "https://acme.quip.com/abcDEF",
            "https://coda.io/d/Plan_dAbc",
            "https://miro.com/app/board/uXjVabc=/",
            "https://www.figma.com/file/abc/Design",
            "https://acme.sharepoint.com/sites/eng/Shared%20Documents/plan.docx",
            "https://www.loom.com/share/abc",
            "https://example.com/files/q3-plan.pdf",
            "https://confluence.acme.corp/display/ENG/Plan",
            "go/q3-plan",
            "http://go/q3-plan",
            "https://acme.slack.com/archives/C024BE91L/p1700000000000100",
            // A document about cancelling is still a document.
            "https://wiki.acme.corp/projects/cancel",
            "https://docs.google.com/document/d/1AbC/cancel",
            "https://intranet.acme.corp/plans/cancel-legacy-api",
        ] {
            assert_eq!(kind(url), LinkKind::Document, "{url}");
        }
    }

    #[test]
    fn pages_that_manage_the_meeting_are_not_documents() {
        for url in [
            "https://link.example-crm.com/widget/booking/reschedule/abc123",
            "https://link.example-crm.com/widget/booking/cancel/abc123",
            "https://link.gotomeeting.com/system-check",
            "https://vc.example.cn/j/123456789",
            "https://video.acme.corp/join/812345678",
            "https://meet.jit.si/static/dialInInfo.html",
        ] {
            assert_ne!(kind(url), LinkKind::Document, "{url}");
        }
    }

    #[test]
    fn conferencing_and_boilerplate_are_never_documents() {
        for url in [
            "https://meet.google.com/abc-defg-hij",
            "meet.google.com/abc-defg-hij",
            "https://us02web.zoom.us/j/812345?pwd=abc",
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting",
            "https://acme.webex.com/acme/j.php?MTID=m1",
            "tel:+14155550100,,123#",
            "mailto:someone@example.com",
            "https://tel.meet/abc-defg-hij?pin=1",
        ] {
            assert_eq!(kind(url), LinkKind::Conferencing, "{url}");
        }
        for url in [
            "https://calendar.google.com/calendar/event?action=VIEW&eid=abc",
            "https://support.google.com/calendar/answer/37135#forwarding",
            "https://aka.ms/JoinTeamsMeeting",
            "https://www.microsoft.com/en-us/microsoft-teams/download-app",
        ] {
            assert_eq!(kind(url), LinkKind::Boilerplate, "{url}");
        }
        assert_eq!(kind("https://github.com/acme"), LinkKind::Other);
        assert_eq!(kind("https://example.com/"), LinkKind::Other);
        assert_eq!(
            kind("https://support.acme.com/teams"),
            LinkKind::Boilerplate
        );
        // Any other page may be the document: counted, for precision.
        assert_eq!(
            kind("https://wiki.acme.internal/q3-plan"),
            LinkKind::Document
        );
        assert_eq!(kind("go/no-go"), LinkKind::Other);
    }

    #[test]
    fn redirects_are_unwrapped() {
        let link = classify(
            "https://www.google.com/url?q=https://docs.google.com/document/d/1x/edit&sa=D&source=calendar",
        )
        .expect("a link");
        assert_eq!(link.kind, LinkKind::Document);
        assert_eq!(link.host, "docs.google.com");
        let link = classify(
            "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fgithub.com%2Facme%2Fx%2Fpull%2F1&data=1",
        )
        .expect("a link");
        assert_eq!(link.url, "https://github.com/acme/x/pull/1");
        // A wrapped meeting link is still a meeting link.
        assert_eq!(
            kind("https://www.google.com/url?q=https%3A%2F%2Fmeet.google.com%2Fabc"),
            LinkKind::Conferencing
        );
    }

    #[test]
    fn stripping_removes_only_conferencing() {
        let mut found = Vec::new();
        let out = strip_links(
            "Click here to join the meeting<https://teams.microsoft.com/l/x> and read https://docs.google.com/d/1.",
            |l| found.push(l.kind),
        );
        assert_eq!(
            out,
            "Click here to join the meeting  and read https://docs.google.com/d/1."
        );
        assert_eq!(found, [LinkKind::Conferencing, LinkKind::Document]);
    }
}
