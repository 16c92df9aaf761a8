//! When a nudge may reach the user, and in what words (pure): SPEC section 4's natural-break
//! rule.
//!
//! Architecture invariant: pure. [`moment`]: `(timeline, policy, now) -> Moment` (a break, or
//! a focus block, a meeting or the hours off until when); [`release`]: `(held, moment, now,
//! shown this hour, cap) -> Release` (what is shown now, as one notice for everything that
//! waited, what keeps waiting, what is dropped because its meeting has begun); [`markup`]:
//! other people's text made safe for a notification body. What waits lives in the store; the
//! daemon shows the notices.

use chrono::{DateTime, Duration, Utc};

use crate::actions::Action;
use crate::event::Instance;
use crate::model::{self, Span, Timeline};
use crate::policy::Policy;

/// How far ahead a meeting that overlaps the running block makes its nudge urgent.
pub const URGENT_WITHIN_MINUTES: i64 = 15;

/// The longest piece of someone else's text a notification carries, in characters.
pub const MAX_FIELD_CHARS: usize = 200;

/// What the user is doing at `now`, as far as nudges are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// Between things: a nudge may be shown.
    Break,
    /// A focus block runs until `until`.
    Focus { until: DateTime<Utc> },
    /// A meeting is in progress until `until`.
    Meeting { until: DateTime<Utc> },
    /// Outside working hours; the next working day starts at `until` (none in the next two
    /// weeks: `None`).
    OffHours { until: Option<DateTime<Utc>> },
}

impl Moment {
    /// When the next break is, if it is not now.
    pub fn next_break(&self) -> Option<DateTime<Utc>> {
        match self {
            Moment::Break => None,
            Moment::Focus { until } | Moment::Meeting { until } => Some(*until),
            Moment::OffHours { until } => *until,
        }
    }

    /// How the moment reads in a status line.
    pub fn describe(&self) -> &'static str {
        match self {
            Moment::Break => "a break",
            Moment::Focus { .. } => "a focus block",
            Moment::Meeting { .. } => "a meeting",
            Moment::OffHours { .. } => "outside working hours",
        }
    }
}

/// What the user is doing at `now`: in a focus block (first), in a meeting, outside the
/// working window, or at a break.
pub fn moment(timeline: &Timeline, policy: &Policy, now: DateTime<Utc>) -> Moment {
    let m = model::minute(now);
    let here = Span::new(m, m + 1);
    if let Some(end) = timeline.focus_blocks_in(here).map(|(_, s)| s.end).max() {
        return Moment::Focus {
            until: model::instant(end),
        };
    }
    if let Some(end) = timeline.meetings_in(here).map(|(_, s)| s.end).max() {
        return Moment::Meeting {
            until: model::instant(end),
        };
    }
    let zone = policy.zone();
    let today = model::local_date(zone, now);
    let inside = model::working_window(policy, today).is_some_and(|w| w.start <= m && m < w.end);
    if inside {
        return Moment::Break;
    }
    let until = model::dates(today, today + chrono::Days::new(14))
        .filter_map(|d| model::working_window(policy, d))
        .map(|w| w.start)
        .find(|start| *start > m)
        .map(model::instant);
    Moment::OffHours { until }
}

/// Why the notices shown at a break waited for it: what the user was doing until then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waited {
    /// A focus block, which ended at the break.
    Focus,
    /// A meeting, which ended at the break.
    Meeting,
    /// The hours off, which ended as the working day started.
    OffHours,
}

impl Waited {
    /// How a batch's summary says it ("3 invitations declined while you were focused").
    pub fn words(self) -> &'static str {
        match self {
            Waited::Focus => "while you were focused",
            Waited::Meeting => "while you were in a meeting",
            Waited::OffHours => "outside working hours",
        }
    }
}

/// What ended last before the break at `now`, and so what the notices that waited for it
/// waited through: the focus block or meeting that ended latest today at or before `now`
/// (a block before a meeting that ended at the same time), else the hours off before
/// today's working window.
pub fn waited(timeline: &Timeline, policy: &Policy, now: DateTime<Utc>) -> Waited {
    let m = model::minute(now);
    let today = model::local_date(policy.zone(), now);
    let Some(day) = model::working_window(policy, today).filter(|w| w.start <= m) else {
        return Waited::OffHours;
    };
    let so_far = Span::new(day.start, m + 1);
    let last = |spans: &mut dyn Iterator<Item = (usize, Span)>| {
        spans.map(|(_, s)| s.end).filter(|end| *end <= m).max()
    };
    let focus = last(&mut timeline.focus_blocks_in(so_far));
    let meeting = last(&mut timeline.meetings_in(so_far));
    match (focus, meeting) {
        (Some(f), Some(g)) if g > f => Waited::Meeting,
        (Some(_), _) => Waited::Focus,
        (None, Some(_)) => Waited::Meeting,
        (None, None) => Waited::OffHours,
    }
}

/// What a held notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An invitation focusd declined (its Undo undoes the decline).
    Declined,
    /// A meeting that could be async or shorter (its Suggest async drafts a mail to the
    /// organizer, its Dismiss puts the nudge away).
    Suggest(Async),
    /// A focus block starts (`nudges.block_start`): shown as it starts, not held for the
    /// block's end like everything else.
    BlockStart,
    /// Anything else focusd has to say: a broken block, the breaker.
    Note,
}

/// Which async suggestion: the triage rule that made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Async {
    /// A status meeting: an e-mail or a dashboard instead.
    Status,
    /// A demo: a short recording instead.
    Demo,
    /// An over-long stand-up: a hard stop.
    Standup,
    /// A brainstorm without a read-ahead document.
    ReadAhead,
}

impl Async {
    /// The async suggestion a nudge's key names (`status:UID`), if it is one.
    pub fn of_key(key: &str) -> Option<Async> {
        Some(match key.split_once(':')?.0 {
            "status" => Async::Status,
            "demo" => Async::Demo,
            "standup" => Async::Standup,
            "read_ahead" => Async::ReadAhead,
            _ => return None,
        })
    }

    /// The suggestion as the drafted mail puts it, a question to the organizer.
    pub fn ask(self) -> &'static str {
        match self {
            Async::Status => {
                "could we share the status in writing (an e-mail or the dashboard) instead of meeting?"
            }
            Async::Demo => {
                "could the demo be a short recording, a few minutes we can each watch when it suits us?"
            }
            Async::Standup => {
                "could we keep the stand-up short, with a hard stop at the planned time?"
            }
            Async::ReadAhead => {
                "could you share a short read-ahead document before we meet, so that we all come prepared?"
            }
        }
    }
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Declined => "declined",
            Kind::Suggest(Async::Status) => "suggest_status",
            Kind::Suggest(Async::Demo) => "suggest_demo",
            Kind::Suggest(Async::Standup) => "suggest_standup",
            Kind::Suggest(Async::ReadAhead) => "suggest_read_ahead",
            Kind::BlockStart => "block_start",
            Kind::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Kind {
        match s {
            "declined" => Kind::Declined,
            "suggest_status" => Kind::Suggest(Async::Status),
            "suggest_demo" => Kind::Suggest(Async::Demo),
            "suggest_standup" => Kind::Suggest(Async::Standup),
            "suggest_read_ahead" => Kind::Suggest(Async::ReadAhead),
            "block_start" => Kind::BlockStart,
            _ => Kind::Note,
        }
    }
}

/// A notice waiting for a break, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The store's id of the waiting notice.
    pub id: i64,
    pub kind: Kind,
    /// The audit log's action it is about (the decline an Undo undoes).
    pub action: i64,
    /// The meeting's title (someone else's words: see [`markup`]).
    pub title: String,
    /// The meeting's start; `None` for a notice about no meeting (the breaker).
    pub start: Option<DateTime<Utc>>,
    /// One line of details (plain text).
    pub text: String,
    /// Who organizes the meeting (someone else's words), where known: an async
    /// suggestion's mail goes there.
    pub organizer: Option<String>,
    /// The focus the meeting costs its day, in minutes (0 when none or unknown): what
    /// going async would give back.
    pub focus: i64,
}

/// The notice a done action leaves for the user, if any: a decline (what, from whom, why)
/// or a nudge; with the subject it is de-duplicated by. `id` is the action's record. An
/// async suggestion is looked up in `timeline` for its organizer and the focus it costs.
pub fn notice_of(
    id: i64,
    action: &Action,
    reason: &str,
    timeline: &Timeline,
    policy: &Policy,
) -> Option<(String, Held)> {
    let mut from_whom = None;
    let mut focus = 0;
    let (kind, title, start, text) = match action {
        Action::Decline {
            summary,
            start,
            organizer,
            ..
        } => {
            let from = organizer
                .as_deref()
                .map(|o| format!("from {}; ", o.trim_start_matches("mailto:")))
                .unwrap_or_default();
            from_whom.clone_from(organizer);
            (
                Kind::Declined,
                summary.clone(),
                Some(*start),
                format!("{from}{reason}"),
            )
        }
        Action::Nudge {
            key,
            summary,
            start,
            text,
        } => {
            // The breaker's, a given-up write's and the first start's notices are about no
            // single meeting: they never expire.
            let about_a_meeting = !(key.starts_with("breaker:")
                || key.starts_with("gave_up:")
                || key.starts_with(crate::actions::FIRST_START_NUDGE));
            let suggestion = Async::of_key(key);
            if suggestion.is_some()
                && let Some(i) = meeting_of(timeline, key, *start)
            {
                from_whom.clone_from(&timeline.instances[i].details.organizer);
                focus = focus_cost(timeline, policy, i);
            }
            let kind = if key.starts_with(crate::actions::BLOCK_START_NUDGE) {
                Kind::BlockStart
            } else {
                suggestion.map_or(Kind::Note, Kind::Suggest)
            };
            (
                kind,
                summary.clone(),
                about_a_meeting.then_some(*start),
                text.clone(),
            )
        }
        _ => return None,
    };
    Some((
        action.subject(),
        Held {
            id: 0,
            kind,
            action: id,
            title,
            start,
            text,
            organizer: from_whom,
            focus,
        },
    ))
}

/// The instance a nudge's key (`rule:KEY`) is about, at `start`: the event by its key, or
/// an instance of the series it names.
fn meeting_of(timeline: &Timeline, key: &str, start: DateTime<Utc>) -> Option<usize> {
    let (_, event) = key.split_once(':')?;
    let named = |i: &Instance| {
        i.event_ref().key() == event || i.series_ref().is_some_and(|s| s.key() == event)
    };
    let all: Vec<usize> = (0..timeline.instances.len())
        .filter(|&i| named(&timeline.instances[i]))
        .collect();
    all.iter()
        .copied()
        .find(|&i| timeline.instances[i].start == start)
        .or_else(|| all.first().copied())
}

/// The focus instance `i` of `timeline` costs its day (SPEC section 1), in minutes.
fn focus_cost(timeline: &Timeline, policy: &Policy, i: usize) -> i64 {
    let day = model::local_date(policy.zone(), timeline.instances[i].start);
    model::analyze(timeline, policy, day, day)
        .meetings
        .iter()
        .filter(|m| m.instance == i)
        .map(|m| m.focus_loss_minutes)
        .sum()
}

/// One notification to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The held notices it shows (one, or all that waited).
    pub ids: Vec<i64>,
    pub summary: String,
    /// Plain text, a line per held notice.
    pub body: String,
    pub urgent: bool,
    /// The buttons it offers (where the desktop shows actions): Undo on a single decline,
    /// Suggest async and Dismiss on a single async suggestion.
    pub buttons: Vec<Button>,
}

/// A button on a notification, as the desktop sends its key back when it is clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    Undo,
    SuggestAsync,
    Dismiss,
}

impl Button {
    /// The action key the notification server sends back.
    pub fn key(self) -> &'static str {
        match self {
            Button::Undo => "undo",
            Button::SuggestAsync => "suggest-async",
            Button::Dismiss => "dismiss",
        }
    }

    /// What the button says.
    pub fn label(self) -> &'static str {
        match self {
            Button::Undo => "Undo",
            Button::SuggestAsync => "Suggest async",
            Button::Dismiss => "Dismiss",
        }
    }

    pub fn parse(key: &str) -> Option<Button> {
        [Button::Undo, Button::SuggestAsync, Button::Dismiss]
            .into_iter()
            .find(|b| b.key() == key)
    }
}

/// What [`release`] decides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Release {
    /// Shown now (at most one ordinary notice, plus any urgent ones).
    pub show: Vec<Notice>,
    /// Still waiting (their ids).
    pub keep: Vec<i64>,
    /// Dropped: their meeting has begun, so there is nothing left to say.
    pub dropped: Vec<i64>,
}

/// Whether a notice needs the user before the next break: a meeting that overlaps the
/// running focus block and starts within [`URGENT_WITHIN_MINUTES`].
pub fn is_urgent(held: &Held, moment: &Moment, now: DateTime<Utc>) -> bool {
    match (moment, held.start) {
        (Moment::Focus { until }, Some(start)) => {
            start >= now
                && start < *until
                && start - now <= Duration::minutes(URGENT_WITHIN_MINUTES)
        }
        _ => false,
    }
}

/// The natural-break rule: notices whose meeting has begun are dropped; urgent ones are
/// shown at once, one each; the others are shown only at a break, all that waited as one
/// notice (whose summary says what they waited through, `waited`: see [`waited`]), and
/// only while fewer than `cap` were shown in the past hour (`shown`).
pub fn release(
    held: &[Held],
    moment: &Moment,
    waited: Waited,
    now: DateTime<Utc>,
    shown: u32,
    cap: u32,
) -> Release {
    let mut out = Release::default();
    let mut ordinary = Vec::new();
    let mut left = cap.saturating_sub(shown);
    for h in held {
        if h.kind == Kind::BlockStart {
            // Said as the block starts, or not at all.
            match moment {
                Moment::Focus { .. } if left > 0 => {
                    left -= 1;
                    out.show.push(notice(&[h], false, waited));
                }
                Moment::Focus { .. } => out.keep.push(h.id),
                _ => out.dropped.push(h.id),
            }
        } else if h.start.is_some_and(|s| s <= now) {
            out.dropped.push(h.id);
        } else if is_urgent(h, moment, now) {
            if left > 0 {
                left -= 1;
                out.show.push(notice(&[h], true, waited));
            } else {
                out.keep.push(h.id);
            }
        } else {
            ordinary.push(h);
        }
    }
    if !ordinary.is_empty() {
        if *moment == Moment::Break && left > 0 {
            out.show.push(notice(&ordinary, false, waited));
        } else {
            out.keep.extend(ordinary.iter().map(|h| h.id));
        }
    }
    out
}

/// One notice for `held` (not empty): a single one says what it is; several say how many
/// and what they waited through, with a line each in the body.
fn notice(held: &[&Held], urgent: bool, waited: Waited) -> Notice {
    let ids = held.iter().map(|h| h.id).collect();
    if let [h] = held {
        let summary = match h.kind {
            Kind::Declined => format!("Declined: {}", plain(&h.title)),
            Kind::Suggest(_) => format!("Could be async: {}", plain(&h.title)),
            Kind::BlockStart | Kind::Note => plain(&h.title),
        };
        let buttons = match h.kind {
            Kind::Declined => vec![Button::Undo],
            Kind::Suggest(a) if mailto(h, a).is_some() => {
                vec![Button::SuggestAsync, Button::Dismiss]
            }
            Kind::Suggest(_) => vec![Button::Dismiss],
            Kind::BlockStart | Kind::Note => Vec::new(),
        };
        return Notice {
            ids,
            summary,
            body: lines(&h.text),
            urgent,
            buttons,
        };
    }
    let n = held.len();
    let summary = if held.iter().all(|h| h.kind == Kind::Declined) {
        format!("{n} invitations declined {}", waited.words())
    } else {
        format!("{n} notes from focusd {}", waited.words())
    };
    let body = held
        .iter()
        .map(|h| format!("{}: {}", plain(&h.title), plain(&h.text)))
        .collect::<Vec<_>>()
        .join("\n");
    Notice {
        ids,
        summary,
        body,
        urgent,
        buttons: Vec::new(),
    }
}

/// What a click on a notification's button asks for (see [`reply`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Undo the decline recorded as `action` (as `focusd undo ID`).
    Undo { notice: i64, action: i64 },
    /// Open `mailto`, a drafted mail to `to`, the organizer.
    SuggestAsync {
        notice: i64,
        to: String,
        mailto: String,
    },
    /// Put the notice away for good.
    Dismiss { notice: i64 },
}

/// What a click on `button` of the notification that showed `shown` asks for: only a
/// button that notification offered, on a single notice still shown (a second click, or a
/// click on a batch, asks for nothing).
pub fn reply(shown: &[Held], button: &str) -> Option<Reply> {
    let [h] = shown else { return None };
    match (Button::parse(button)?, h.kind) {
        (Button::Undo, Kind::Declined) => Some(Reply::Undo {
            notice: h.id,
            action: h.action,
        }),
        (Button::SuggestAsync, Kind::Suggest(a)) => {
            let (to, mailto) = mailto(h, a)?;
            Some(Reply::SuggestAsync {
                notice: h.id,
                to,
                mailto,
            })
        }
        (Button::Dismiss, Kind::Suggest(_)) => Some(Reply::Dismiss { notice: h.id }),
        _ => None,
    }
}

/// The longest address a drafted mail goes to.
const MAX_ADDRESS: usize = 254;

/// The organizer's address, if it is a plain one a mail can go to: `local@domain`, no
/// white space, control characters or characters that would change what a `mailto:` link
/// means (`?`, `&`, `#`, `%`, `,`, quotes, angle brackets).
pub fn address(organizer: &str) -> Option<String> {
    let a = organizer.trim();
    let a = if a.len() >= 7 && a[..7].eq_ignore_ascii_case("mailto:") {
        &a[7..]
    } else {
        a
    };
    let (local, domain) = a.split_once('@')?;
    let bad = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '?' | '&'
                    | '#'
                    | '%'
                    | ','
                    | ';'
                    | '"'
                    | '\''
                    | '<'
                    | '>'
                    | '('
                    | ')'
                    | '\\'
                    | '/'
                    | '@'
            )
    };
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && a.len() <= MAX_ADDRESS
        && !local.chars().chain(domain.chars()).any(bad);
    ok.then(|| a.to_string())
}

/// The drafted, polite mail of an async suggestion, to its organizer: (the address, the
/// `mailto:` link with its subject and body). The title is someone else's words: cut and
/// stripped ([`plain`]), and the link percent-encodes everything but unreserved characters.
pub fn mailto(held: &Held, suggestion: Async) -> Option<(String, String)> {
    let to = address(held.organizer.as_deref()?)?;
    let title = plain(&held.title);
    let subject = format!("About \"{title}\"");
    let mut body = format!("Hi,\n\nabout \"{title}\": {}\n", suggestion.ask());
    if held.focus > 0 {
        body.push_str(&format!(
            "It would give me back {} of focus time that day.\n",
            crate::triage::human_minutes(held.focus)
        ));
    }
    body.push_str("\nIf it needs the meeting after all, no problem: just say so.\n\nThanks!\n");
    let enc = |s: &str| percent_encoding::utf8_percent_encode(s, URI_TEXT).to_string();
    let link = format!(
        "mailto:{}?subject={}&body={}",
        enc(&to),
        enc(&subject),
        enc(&body)
    );
    Some((to, link))
}

/// What a `mailto:` link's parts keep as they are: RFC 3986's unreserved characters (and
/// `@` in the address).
const URI_TEXT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

/// The most lines a notification's body lists (then "and N more").
pub const MAX_LINES: usize = 10;

/// Text of several lines for a notification's body: each line [`plain`], at most
/// [`MAX_LINES`].
fn lines(text: &str) -> String {
    let all: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out: Vec<String> = all.iter().take(MAX_LINES).map(|l| plain(l)).collect();
    if all.len() > MAX_LINES {
        out.push(format!("and {} more", all.len() - MAX_LINES));
    }
    out.join("\n")
}

/// Someone else's text, as plain text for a notification: on one line, without control
/// characters, and cut to [`MAX_FIELD_CHARS`] characters with an ellipsis
/// ([`crate::text::shorten`]).
pub fn plain(text: &str) -> String {
    crate::text::shorten(text, MAX_FIELD_CHARS)
}

/// Plain text (already cut by [`plain`], or focusd's own) escaped for the body markup of
/// the freedesktop notification specification: `&`, `<`, `>`, `"` and `'` as entities, so
/// a title carrying `<b>`, `<a href>` or `&amp;` reads as typed.
pub fn markup(text: &str) -> String {
    // Line breaks stay (the body's lines); other control characters go.
    crate::text::escape_markup(text, "&apos;", |c| (c == '\n').then_some(c))
}

/// What focusd remembers of a pause of the desktop's notifications it made (SPEC section
/// 4, `nudges.pause_desktop`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paused {
    /// The end of the focus block it was made for.
    pub until: DateTime<Utc>,
    /// Whether focusd still holds it: `false` once the user resumed the desktop's
    /// notifications in the middle of that block (focusd then leaves them alone until the
    /// block ends).
    pub held: bool,
}

/// What to do with the desktop's Do Not Disturb now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dnd {
    /// Nothing to do.
    LeaveAlone,
    /// Pause the desktop's notifications, for the block that ends at `until` (and remember
    /// it).
    Pause { until: DateTime<Utc> },
    /// Remember that focusd's pause now lasts until `until` (a block that grew, or the next
    /// block right after).
    Extend { until: DateTime<Utc> },
    /// Resume the desktop's notifications focusd paused (and forget the pause).
    Restore,
    /// The user resumed them during the block: keep away until it ends.
    Yield,
    /// Forget the pause: it is over and nothing is to be undone (the user resumed the
    /// notifications already).
    Forget,
}

/// The Do Not Disturb rule (pure): focusd pauses the desktop's other notifications while a
/// focus block runs (`focus`: the running block's end) and resumes them when it ends, when
/// the daemon stops (`stopping`) or the setting is off, and after a crash (what it
/// `remembered` says it paused). A pause it did not make (`paused_now` with nothing
/// remembered) is the user's, and never touched; nor is a resume the user made in the
/// middle of a block undone.
pub fn dnd(
    enabled: bool,
    focus: Option<DateTime<Utc>>,
    stopping: bool,
    remembered: Option<&Paused>,
    paused_now: bool,
) -> Dnd {
    let running = if enabled && !stopping { focus } else { None };
    match (running, remembered) {
        (None, None) => Dnd::LeaveAlone,
        (None, Some(p)) if p.held && paused_now => Dnd::Restore,
        (None, Some(_)) => Dnd::Forget,
        (Some(until), None) if !paused_now => Dnd::Pause { until },
        (Some(_), None) => Dnd::LeaveAlone,
        (Some(until), Some(p)) if p.held && paused_now => {
            if p.until == until {
                Dnd::LeaveAlone
            } else {
                Dnd::Extend { until }
            }
        }
        (Some(_), Some(p)) if p.held => Dnd::Yield,
        // The user resumed them during the block `p` was for: left alone until its end; a
        // later block is a new one.
        (Some(until), Some(p)) if until > p.until && !paused_now => Dnd::Pause { until },
        (Some(_), Some(_)) => Dnd::LeaveAlone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;
    use std::sync::Arc;

    use crate::event::{EventDetails, EventKind, Instance};

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap()
    }

    fn held(id: i64, kind: Kind, start: Option<DateTime<Utc>>) -> Held {
        Held {
            id,
            kind,
            action: 100 + id,
            title: format!("Meeting {id}"),
            start,
            text: "no agenda; 45 min with 9 people".into(),
            organizer: Some("mailto:pm@corp.example".into()),
            focus: 0,
        }
    }

    #[test]
    fn nothing_ordinary_is_shown_inside_a_block_a_meeting_or_after_hours() {
        let h = [held(1, Kind::Declined, Some(t(16, 0)))];
        for m in [
            Moment::Focus { until: t(11, 0) },
            Moment::Meeting { until: t(11, 0) },
            Moment::OffHours { until: None },
        ] {
            let r = release(&h, &m, Waited::Focus, t(10, 0), 0, 3);
            assert!(r.show.is_empty(), "{m:?}");
            assert_eq!(r.keep, [1]);
        }
        let r = release(&h, &Moment::Break, Waited::Focus, t(11, 0), 0, 3);
        assert_eq!(r.show.len(), 1);
        assert_eq!(r.show[0].summary, "Declined: Meeting 1");
        assert_eq!(r.show[0].buttons, [Button::Undo]);
        assert!(!r.show[0].urgent);
    }

    #[test]
    fn what_waited_is_shown_as_one() {
        let h: Vec<Held> = (1..=3)
            .map(|i| held(i, Kind::Declined, Some(t(16, 0))))
            .collect();
        let r = release(&h, &Moment::Break, Waited::Focus, t(11, 0), 0, 3);
        assert_eq!(r.show.len(), 1);
        assert_eq!(
            r.show[0].summary,
            "3 invitations declined while you were focused"
        );
        assert_eq!(r.show[0].ids, [1, 2, 3]);
        assert_eq!(r.show[0].body.lines().count(), 3);
        assert!(r.show[0].buttons.is_empty());
        // The summary says what they waited through.
        for (waited, summary) in [
            (
                Waited::Meeting,
                "3 invitations declined while you were in a meeting",
            ),
            (
                Waited::OffHours,
                "3 invitations declined outside working hours",
            ),
        ] {
            let r = release(&h, &Moment::Break, waited, t(11, 0), 0, 3);
            assert_eq!(r.show[0].summary, summary);
        }
        let notes = [held(1, Kind::Note, None), held(2, Kind::Declined, None)];
        let r = release(&notes, &Moment::Break, Waited::OffHours, t(11, 0), 0, 3);
        assert_eq!(
            r.show[0].summary,
            "2 notes from focusd outside working hours"
        );
    }

    /// What the notices shown at a break waited through: the block or the meeting that
    /// ended last today, else the hours off before the working day.
    #[test]
    fn what_they_waited_through_is_what_ended_last_before_the_break() {
        let p = Policy::default();
        let events = [
            event("focusdblock1", t(9, 0), t(10, 0), true),
            event("review", t(10, 0), t(10, 30), false),
            event("focusdblock2", t(13, 0), t(14, 0), true),
            event("sync", t(13, 30), t(14, 0), false),
        ];
        let tl = Timeline::new(&events, "me@example.com");
        // Before anything ended today: the hours off (also before the working day).
        assert_eq!(waited(&tl, &p, t(9, 0)), Waited::OffHours);
        assert_eq!(waited(&tl, &p, t(7, 0)), Waited::OffHours);
        assert_eq!(waited(&tl, &p, t(10, 0)), Waited::Focus);
        assert_eq!(waited(&tl, &p, t(10, 35)), Waited::Meeting);
        assert_eq!(waited(&tl, &p, t(12, 0)), Waited::Meeting);
        // A block and a meeting that end together: the block.
        assert_eq!(waited(&tl, &p, t(14, 5)), Waited::Focus);
        assert_eq!(
            waited(&Timeline::new(&[], "me@example.com"), &p, t(11, 0)),
            Waited::OffHours
        );
    }

    #[test]
    fn a_meeting_in_the_block_soon_is_urgent() {
        let h = [
            held(1, Kind::Note, Some(t(10, 10))),
            held(2, Kind::Note, Some(t(10, 40))),
        ];
        let r = release(
            &h,
            &Moment::Focus { until: t(11, 0) },
            Waited::Focus,
            t(10, 0),
            0,
            3,
        );
        assert_eq!(r.show.len(), 1);
        assert!(r.show[0].urgent);
        assert_eq!(r.show[0].ids, [1]);
        assert_eq!(r.keep, [2]);
    }

    #[test]
    fn a_notice_whose_meeting_has_begun_is_dropped() {
        let h = [
            held(1, Kind::Note, Some(t(9, 0))),
            held(2, Kind::Note, None),
        ];
        let r = release(&h, &Moment::Break, Waited::Focus, t(10, 0), 0, 3);
        assert_eq!(r.dropped, [1]);
        assert_eq!(r.show[0].ids, [2]);
    }

    #[test]
    fn the_hourly_cap_holds_notices_back() {
        let h = [held(1, Kind::Note, Some(t(16, 0)))];
        let r = release(&h, &Moment::Break, Waited::Focus, t(10, 0), 3, 3);
        assert!(r.show.is_empty());
        assert_eq!(r.keep, [1]);
    }

    #[test]
    fn hostile_text_is_cut_stripped_and_escaped() {
        let title = "<b>x</b> <a href=\"http://e\">y</a> &amp; \u{1b}[31m\u{7}\n'";
        assert_eq!(
            markup(&plain(title)),
            "&lt;b&gt;x&lt;/b&gt; &lt;a href=&quot;http://e&quot;&gt;y&lt;/a&gt; &amp;amp; [31m &apos;"
        );
        let huge = "A".repeat(5 * 1024 * 1024);
        let cut = plain(&huge);
        assert_eq!(cut.chars().count(), MAX_FIELD_CHARS);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn a_block_start_is_said_as_the_block_starts_or_not_at_all() {
        let mut h = held(1, Kind::BlockStart, Some(t(9, 0)));
        h.title = "Focus block until 11:00".into();
        let r = release(
            std::slice::from_ref(&h),
            &Moment::Focus { until: t(11, 0) },
            Waited::Focus,
            t(9, 1),
            0,
            3,
        );
        assert_eq!(r.show.len(), 1);
        assert_eq!(r.show[0].summary, "Focus block until 11:00");
        assert!(!r.show[0].urgent);
        let r = release(
            std::slice::from_ref(&h),
            &Moment::Break,
            Waited::Focus,
            t(11, 1),
            0,
            3,
        );
        assert_eq!(r.dropped, [1]);
    }

    #[test]
    fn a_click_asks_only_for_what_its_notification_offered() {
        let decline = held(1, Kind::Declined, Some(t(16, 0)));
        let mut status = held(2, Kind::Suggest(Async::Status), Some(t(16, 0)));
        status.focus = 75;
        assert_eq!(
            reply(std::slice::from_ref(&decline), "undo"),
            Some(Reply::Undo {
                notice: 1,
                action: 101
            })
        );
        assert_eq!(reply(std::slice::from_ref(&decline), "dismiss"), None);
        assert_eq!(reply(std::slice::from_ref(&status), "undo"), None);
        assert_eq!(reply(&[decline.clone(), status.clone()], "undo"), None);
        assert_eq!(reply(std::slice::from_ref(&status), "default"), None);
        assert_eq!(
            reply(std::slice::from_ref(&status), "dismiss"),
            Some(Reply::Dismiss { notice: 2 })
        );
        let Some(Reply::SuggestAsync { to, mailto, .. }) =
            reply(std::slice::from_ref(&status), "suggest-async")
        else {
            panic!("no suggestion");
        };
        assert_eq!(to, "pm@corp.example");
        assert!(
            mailto.starts_with(
                "mailto:pm@corp.example?subject=About%20%22Meeting%202%22&body=Hi%2C%0A%0A"
            ),
            "{mailto}"
        );
        assert!(mailto.contains("1%20h%2015%20min%20of%20focus"), "{mailto}");
        let r = release(&[status], &Moment::Break, Waited::Focus, t(11, 0), 0, 3);
        assert_eq!(r.show[0].buttons, [Button::SuggestAsync, Button::Dismiss]);
    }

    #[test]
    fn a_mail_goes_only_to_a_plain_address_and_carries_no_raw_text() {
        for bad in [
            "",
            "pm",
            "pm@corp",
            "pm@corp.example?cc=all@corp.example",
            "pm@corp.example&body=x",
            "pm@corp.example\r\nBcc: x@y.z",
            "\"pm\"@corp.example",
            "a@b@corp.example",
            "pm@.example",
        ] {
            assert_eq!(address(bad), None, "{bad:?}");
        }
        assert_eq!(
            address("MAILTO:pm@corp.example").as_deref(),
            Some("pm@corp.example")
        );
        let mut h = held(3, Kind::Suggest(Async::Demo), Some(t(16, 0)));
        h.title = "<b>Demo</b> & more?subject=x\n\u{7}".repeat(100);
        let (_, link) = mailto(&h, Async::Demo).unwrap();
        let query = link.split_once('?').unwrap().1;
        assert_eq!(query.matches('&').count(), 1, "{link}");
        assert!(!query.contains(['<', '>', ' ', '\n', '"', '?']), "{link}");
        let mut no_organizer = h.clone();
        no_organizer.organizer = None;
        let r = release(
            &[no_organizer],
            &Moment::Break,
            Waited::Focus,
            t(11, 0),
            0,
            3,
        );
        assert_eq!(r.show[0].buttons, [Button::Dismiss]);
    }

    fn event(uid: &str, start: DateTime<Utc>, end: DateTime<Utc>, block: bool) -> Instance {
        Instance {
            details: Arc::new(EventDetails {
                uid: uid.into(),
                summary: uid.into(),
                kind: if block {
                    EventKind::FocusTime
                } else {
                    EventKind::Default
                },
                focusd_block: block,
                ..Default::default()
            }),
            recurrence_id: None,
            start,
            end,
            all_day: false,
        }
    }

    /// 2026-12-01 is a Tuesday; the default policy works 09:00 to 17:00 UTC.
    #[test]
    fn the_moment_is_a_block_a_meeting_the_hours_off_or_a_break() {
        let events = [
            event("focusdblock1", t(9, 0), t(11, 0), true),
            event("standup", t(13, 0), t(13, 30), false),
        ];
        let policy = Policy::default();
        let tl = Timeline::new(&events, "me@example.com");
        assert_eq!(
            moment(&tl, &policy, t(10, 0)),
            Moment::Focus { until: t(11, 0) }
        );
        assert_eq!(
            moment(&tl, &policy, t(13, 10)),
            Moment::Meeting { until: t(13, 30) }
        );
        assert_eq!(moment(&tl, &policy, t(11, 0)), Moment::Break);
        assert_eq!(
            moment(&tl, &policy, t(18, 0)),
            Moment::OffHours {
                until: Some(Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap())
            }
        );
    }

    #[test]
    fn do_not_disturb_pauses_for_a_block_and_restores_only_its_own_pause() {
        let until = t(11, 0);
        let ours = Paused { until, held: true };
        let yielded = Paused { until, held: false };
        // A block starts: paused; unless the user paused already (left alone).
        assert_eq!(
            dnd(true, Some(until), false, None, false),
            Dnd::Pause { until }
        );
        assert_eq!(dnd(true, Some(until), false, None, true), Dnd::LeaveAlone);
        assert_eq!(dnd(false, Some(until), false, None, false), Dnd::LeaveAlone);
        // During it: kept; a longer block extends it; the user resuming is respected.
        assert_eq!(
            dnd(true, Some(until), false, Some(&ours), true),
            Dnd::LeaveAlone
        );
        assert_eq!(
            dnd(true, Some(t(12, 0)), false, Some(&ours), true),
            Dnd::Extend { until: t(12, 0) }
        );
        assert_eq!(
            dnd(true, Some(until), false, Some(&ours), false),
            Dnd::Yield
        );
        assert_eq!(
            dnd(true, Some(until), false, Some(&yielded), false),
            Dnd::LeaveAlone
        );
        assert_eq!(
            dnd(true, Some(t(14, 0)), false, Some(&yielded), false),
            Dnd::Pause { until: t(14, 0) }
        );
        // It ends, the daemon stops, the setting goes off, or a restart after a crash finds
        // the block over: restored, if still paused.
        for (enabled, focus, stopping) in [
            (true, None, false),
            (true, Some(until), true),
            (false, Some(until), false),
        ] {
            assert_eq!(
                dnd(enabled, focus, stopping, Some(&ours), true),
                Dnd::Restore
            );
            assert_eq!(
                dnd(enabled, focus, stopping, Some(&ours), false),
                Dnd::Forget
            );
            assert_eq!(
                dnd(enabled, focus, stopping, Some(&yielded), true),
                Dnd::Forget
            );
            assert_eq!(dnd(enabled, focus, stopping, None, true), Dnd::LeaveAlone);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// focusd never resumes notifications it did not pause, and never pauses them
        /// outside a focus block.
        #[test]
        fn do_not_disturb_never_touches_the_users_pause(
            enabled in any::<bool>(),
            focus in proptest::option::of(0i64..600),
            stopping in any::<bool>(),
            remembered in proptest::option::of((0i64..600, any::<bool>())),
            paused_now in any::<bool>(),
        ) {
            let focus = focus.map(|m| t(9, 0) + Duration::minutes(m));
            let remembered = remembered.map(|(m, held)| Paused { until: t(9, 0) + Duration::minutes(m), held });
            let d = dnd(enabled, focus, stopping, remembered.as_ref(), paused_now);
            if d == Dnd::Restore {
                prop_assert!(remembered.as_ref().is_some_and(|p| p.held) && paused_now);
            }
            if matches!(d, Dnd::Pause { .. }) {
                prop_assert!(enabled && !stopping && focus.is_some() && !paused_now);
            }
        }

        /// Every held notice is shown, kept or dropped, exactly once; nothing ordinary is
        /// shown outside a break; escaped text has no raw markup character.
        #[test]
        fn release_accounts_for_every_notice(
            starts in proptest::collection::vec(proptest::option::of(0i64..600), 0..12),
            kinds in proptest::collection::vec(any::<bool>(), 12),
            which in 0u8..4,
            shown in 0u32..5,
            cap in 0u32..5,
            text in ".{0,300}",
        ) {
            let now = t(10, 0);
            let h: Vec<Held> = starts.iter().enumerate().map(|(i, s)| Held {
                id: i as i64,
                kind: if kinds[i] { Kind::Declined } else { Kind::Note },
                action: i as i64,
                title: text.clone(),
                start: s.map(|m| t(8, 0) + Duration::minutes(m)),
                text: text.clone(),
                organizer: None,
                focus: 0,
            }).collect();
            let m = match which {
                0 => Moment::Break,
                1 => Moment::Focus { until: t(11, 0) },
                2 => Moment::Meeting { until: t(11, 0) },
                _ => Moment::OffHours { until: None },
            };
            let r = release(&h, &m, Waited::Focus, now, shown, cap);
            let mut all: Vec<i64> = r.show.iter().flat_map(|n| n.ids.clone())
                .chain(r.keep.clone()).chain(r.dropped.clone()).collect();
            all.sort();
            prop_assert_eq!(all, (0..h.len() as i64).collect::<Vec<_>>());
            prop_assert!(r.show.len() as u32 <= cap.saturating_sub(shown));
            if m != Moment::Break {
                prop_assert!(r.show.iter().all(|n| n.urgent));
            }
            prop_assert!(r.show.iter().filter(|n| !n.urgent).count() <= 1);
            let e = markup(&plain(&text));
            prop_assert!(!e.contains('<') && !e.contains('>') && !e.contains('"'));
            prop_assert!(plain(&text).chars().all(|c| !c.is_control()));
        }
    }
}
