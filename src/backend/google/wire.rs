//! Google's event JSON (through `google-calendar3`'s types) to and from focusd's own data.
//! The only place that reads or builds `google_calendar3::api::Event`s.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use google_calendar3::api::{
    Event, EventAttendee, EventDateTime, EventExtendedProperties, EventFocusTimeProperties,
};
use serde::{Deserialize, Serialize};

use crate::backend::BlockWrite;
use crate::event::{
    Attendee, EventDetails, EventKind, EventStatus, Instance, Response, Transparency,
    normalise_address,
};

/// The private extended property that marks focusd's own blocks.
pub const MARKER_KEY: &str = "focusd";
pub const MARKER_VALUE: &str = "block";

/// A start or an end: a time, or a date for all-day events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    At(DateTime<Utc>),
    Date(NaiveDate),
}

impl When {
    fn from_google(t: &EventDateTime) -> Option<When> {
        match (t.date_time, t.date) {
            (Some(at), _) => Some(When::At(at)),
            (None, Some(d)) => Some(When::Date(d)),
            (None, None) => None,
        }
    }

    fn instant(self, zone: Tz) -> DateTime<Utc> {
        match self {
            When::At(t) => t,
            When::Date(d) => crate::model::local_instant(zone, d, NaiveTime::MIN),
        }
    }
}

/// Who the user is: the configured address and its aliases, normalised. Matched by address
/// only: Google's `self` marks the owner of the calendar a copy was read from, which on any
/// calendar but the user's own is somebody else.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Identity {
    /// The configured address (`me`), which every match is reported as.
    pub me: String,
    aliases: Vec<String>,
}

impl Identity {
    /// `me` may itself list aliases (comma-separated, as on the command line); the first
    /// address is the user's own.
    pub fn new(me: &str, aliases: &[String]) -> Identity {
        let mut given = crate::event::my_addresses(me);
        let me = given.next().unwrap_or_default();
        let mut list: Vec<String> = given
            .chain(aliases.iter().map(|a| normalise_address(a)))
            .filter(|a| !a.is_empty() && *a != me)
            .collect();
        list.sort();
        list.dedup();
        Identity { me, aliases: list }
    }

    /// Whether `address` is the user's (an empty address, or an empty `me`, never is).
    pub fn matches(&self, address: &str) -> bool {
        let a = normalise_address(address);
        !a.is_empty() && ((!self.me.is_empty() && a == self.me) || self.aliases.contains(&a))
    }

    /// The address and its aliases, for messages.
    pub fn all(&self) -> Vec<&str> {
        std::iter::once(self.me.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .collect()
    }

    fn canonical(&self, address: &str) -> String {
        if self.matches(address) {
            self.me.clone()
        } else {
            normalise_address(address)
        }
    }
}

/// One event instance as cached between runs: focusd's own serializable form of what the
/// core needs, so that the cache never depends on the client library's types. It holds
/// what the copy says, addresses normalised, and nothing about who the user is: that is
/// applied when the instance is built, so a change of `me` or its aliases takes effect at
/// once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedEvent {
    pub id: String,
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub urls: Vec<String>,
    pub attachments: Vec<String>,
    pub organizer: Option<String>,
    /// Who created the event (normalised e-mail), when Google says.
    #[serde(default)]
    pub creator: Option<String>,
    /// (normalised e-mail, Google's `responseStatus`), in Google's order.
    pub attendees: Vec<(String, String)>,
    /// (normalised e-mail, comment) of the attendees who answered with a comment.
    #[serde(default)]
    pub comments: Vec<(String, String)>,
    pub event_type: String,
    pub transparent: bool,
    pub status: String,
    /// Carries focusd's private marker (whether it counts as focusd's block is decided in
    /// [`to_instance`]).
    pub focusd_block: bool,
    pub recurring_event_id: Option<String>,
    pub original_start: Option<When>,
    pub start: When,
    pub end: When,
}

/// Converts one listed event, as it is: `self` flags are ignored (see [`Identity`]).
pub fn from_google(ev: &Event) -> Result<CachedEvent, String> {
    let id = ev.id.clone().ok_or("an event without an id")?;
    let start = ev
        .start
        .as_ref()
        .and_then(When::from_google)
        .ok_or_else(|| format!("event {id} has no start"))?;
    let end = ev.end.as_ref().and_then(When::from_google).unwrap_or(start);
    let attendees = ev
        .attendees
        .iter()
        .flatten()
        .map(|a| {
            let email = normalise_address(a.email.as_deref().unwrap_or_default());
            let status = a
                .response_status
                .clone()
                .unwrap_or_else(|| "needsAction".into());
            (email, status)
        })
        .collect();
    let comments = ev
        .attendees
        .iter()
        .flatten()
        .filter_map(|a| {
            let comment = a.comment.as_deref().filter(|c| !c.trim().is_empty())?;
            let email = normalise_address(a.email.as_deref().unwrap_or_default());
            Some((email, comment.to_string()))
        })
        .collect();
    let organizer = ev
        .organizer
        .as_ref()
        .and_then(|o| o.email.as_deref())
        .map(normalise_address)
        .filter(|e| !e.is_empty());
    let creator = ev
        .creator
        .as_ref()
        .and_then(|c| c.email.as_deref())
        .map(normalise_address)
        .filter(|e| !e.is_empty());
    let mut urls = Vec::new();
    if let Some(link) = &ev.hangout_link {
        urls.push(link.clone());
    }
    for ep in ev
        .conference_data
        .iter()
        .flat_map(|c| c.entry_points.iter().flatten())
    {
        if let Some(uri) = &ep.uri
            && !urls.contains(uri)
        {
            urls.push(uri.clone());
        }
    }
    let attachments = ev
        .attachments
        .iter()
        .flatten()
        .filter_map(|a| a.file_url.clone().or_else(|| a.title.clone()))
        .collect();
    Ok(CachedEvent {
        uid: ev.i_cal_uid.clone().unwrap_or_else(|| id.clone()),
        id,
        summary: ev.summary.clone().unwrap_or_default(),
        description: ev.description.clone().unwrap_or_default(),
        location: ev.location.clone().unwrap_or_default(),
        urls,
        attachments,
        organizer,
        creator,
        attendees,
        comments,
        event_type: ev.event_type.clone().unwrap_or_else(|| "default".into()),
        transparent: ev.transparency.as_deref() == Some("transparent"),
        status: ev.status.clone().unwrap_or_else(|| "confirmed".into()),
        focusd_block: is_focusd(ev),
        recurring_event_id: ev.recurring_event_id.clone(),
        original_start: ev.original_start_time.as_ref().and_then(When::from_google),
        start,
        end,
    })
}

/// Whether focusd booked this event (its private marker).
pub fn is_focusd(ev: &Event) -> bool {
    ev.extended_properties
        .as_ref()
        .and_then(|p| p.private.as_ref())
        .and_then(|p| p.get(MARKER_KEY))
        .is_some_and(|v| v == MARKER_VALUE)
}

fn response(status: &str) -> Response {
    match status {
        "accepted" => Response::Accepted,
        "declined" => Response::Declined,
        "tentative" => Response::Tentative,
        _ => Response::NeedsAction,
    }
}

/// Google's `responseStatus` for focusd's answer (`Delegated` has no Google equivalent:
/// Google delegates by other means, so it is sent as a decline).
pub fn response_status(r: Response) -> &'static str {
    match r {
        Response::NeedsAction => "needsAction",
        Response::Accepted => "accepted",
        Response::Declined | Response::Delegated => "declined",
        Response::Tentative => "tentative",
    }
}

/// Where a copy was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The user's own (primary) calendar: the only copy decisions are made from.
    Own,
    /// Another calendar in `calendars`: busy time, nothing more.
    Foreign,
}

/// The instance the core sees. All-day dates become midnights in the calendar's zone.
///
/// Entries with the user's address or an alias become `me`. A focus-time, out-of-office or
/// working-location type, and focusd's marker, count only on the user's own events (no
/// attendees, or organized by the user) on the user's own calendar: an invitation that
/// carries such a type is an ordinary invitation, and a foreign copy is plain busy time.
pub fn to_instance(
    c: &CachedEvent,
    zone: Tz,
    source: &str,
    identity: &Identity,
    origin: Origin,
) -> Instance {
    let looks_html = c.description.contains("</") || c.description.contains("<br");
    let own_calendar = origin == Origin::Own;
    // A meeting the user created on a secondary calendar of theirs names that calendar as
    // organizer and lists the user as a guest: it is the user's own, never an invitation.
    let created_by_user = c.creator.as_deref().is_some_and(|e| identity.matches(e));
    let organized_by_user =
        created_by_user || c.organizer.as_deref().is_some_and(|o| identity.matches(o));
    let organizer = if own_calendar && organized_by_user {
        Some(identity.me.clone())
    } else {
        c.organizer.as_deref().map(|o| identity.canonical(o))
    };
    let users_own = own_calendar && (c.attendees.is_empty() || organized_by_user);
    let details = EventDetails {
        id: c.id.clone(),
        uid: c.uid.clone(),
        summary: c.summary.clone(),
        description: c.description.clone(),
        html_description: looks_html.then(|| c.description.clone()),
        location: c.location.clone(),
        urls: c.urls.clone(),
        attachments: c.attachments.clone(),
        organizer,
        organizer_sent_by: None,
        attendees: c
            .attendees
            .iter()
            .map(|(email, status)| Attendee {
                email: identity.canonical(email),
                response: response(status),
                comment: c
                    .comments
                    .iter()
                    .find(|(e, _)| e == email)
                    .map(|(_, comment)| comment.clone()),
            })
            .collect(),
        kind: match c.event_type.as_str() {
            _ if !users_own => EventKind::Default,
            "focusTime" => EventKind::FocusTime,
            "outOfOffice" => EventKind::OutOfOffice,
            "workingLocation" => EventKind::WorkingLocation,
            _ => EventKind::Default,
        },
        transparency: if c.transparent {
            Transparency::Transparent
        } else {
            Transparency::Opaque
        },
        status: match c.status.as_str() {
            "tentative" => EventStatus::Tentative,
            "cancelled" => EventStatus::Cancelled,
            _ => EventStatus::Confirmed,
        },
        focusd_block: users_own && c.focusd_block,
        foreign_calendar: !own_calendar,
        source: source.to_string(),
        read_only: None,
        series_id: c.recurring_event_id.clone(),
    };
    Instance {
        details: Arc::new(details),
        recurrence_id: c.original_start.map(|w| w.instant(zone)),
        start: c.start.instant(zone),
        end: c.end.instant(zone),
        all_day: matches!(c.start, When::Date(_)),
    }
}

/// The patch that sets the user's answer on `existing` (the copy on the user's own
/// calendar), or `None` when it already says so. Only the user's own attendee entry goes
/// out, with `attendeesOmitted: true`: Google then changes that guest's response and
/// comment and keeps the guest list as it is on the server. The user is found by address
/// only; an event the user organizes or created, or that lists the user more than once, is
/// refused.
pub fn answer(
    existing: &Event,
    identity: &Identity,
    response: Response,
    comment: Option<&str>,
) -> Result<Option<Event>, String> {
    let attendees = existing.attendees.as_deref().unwrap_or_default();
    let organizer = existing.organizer.as_ref().and_then(|o| o.email.as_deref());
    let mine: Vec<&EventAttendee> = attendees
        .iter()
        .filter(|a| a.email.as_deref().is_some_and(|e| identity.matches(e)))
        .collect();
    let creator = existing.creator.as_ref().and_then(|c| c.email.as_deref());
    if organizer.is_some_and(|o| identity.matches(o))
        || creator.is_some_and(|c| identity.matches(c))
        || mine.iter().any(|a| a.organizer == Some(true))
    {
        return Err("you organize it: focusd does not answer for the organizer".into());
    }
    let entry = match mine.as_slice() {
        [one] => *one,
        [] => {
            return Err(format!(
                "none of your addresses ({}) is among its guests",
                identity.all().join(", ")
            ));
        }
        _ => {
            return Err(
                "it lists you more than once (under several of your addresses): answer it \
                 in Google Calendar"
                    .into(),
            );
        }
    };
    let status = response_status(response);
    let current = entry.response_status.as_deref().unwrap_or("needsAction");
    let current_comment = entry.comment.as_deref().filter(|c| !c.is_empty());
    let comment = comment.filter(|c| !c.is_empty());
    if current == status && current_comment == comment {
        return Ok(None);
    }
    // focusd only ever declines what nobody answered: an answer the user gave (to the whole
    // series, say, while focusd decided from one of its instances) stays.
    if response == Response::Declined && current != "needsAction" && current != status {
        return Err(format!(
            "you answered it already ({current}): focusd does not decline over your answer"
        ));
    }
    Ok(Some(Event {
        attendees: Some(vec![EventAttendee {
            email: entry.email.clone(),
            response_status: Some(status.to_string()),
            // An empty comment clears an earlier one; none at all leaves nothing to clear.
            comment: match (comment, current_comment) {
                (Some(c), _) => Some(c.to_string()),
                (None, Some(_)) => Some(String::new()),
                (None, None) => None,
            },
            ..EventAttendee::default()
        }]),
        attendees_omitted: Some(true),
        ..Event::default()
    }))
}

fn at(t: DateTime<Utc>) -> EventDateTime {
    EventDateTime {
        date: None,
        date_time: Some(t),
        time_zone: None,
    }
}

/// A focus block as an event: `focusTime` where the account allows it, else an opaque
/// ordinary event. Both carry focusd's marker and the deterministic id.
pub fn block_event(block: &BlockWrite, focus_time: bool) -> Event {
    let mut private = HashMap::new();
    private.insert(MARKER_KEY.to_string(), MARKER_VALUE.to_string());
    let mut ev = Event {
        id: Some(block.id.clone()),
        summary: Some(block.title.clone()),
        start: Some(at(block.start)),
        end: Some(at(block.end)),
        transparency: Some("opaque".into()),
        extended_properties: Some(EventExtendedProperties {
            private: Some(private),
            shared: None,
        }),
        ..Event::default()
    };
    if focus_time {
        ev.event_type = Some("focusTime".into());
        ev.focus_time_properties = Some(EventFocusTimeProperties {
            auto_decline_mode: Some("declineOnlyNewConflictingInvitations".into()),
            chat_status: Some("doNotDisturb".into()),
            decline_message: Some(block.decline_message.clone()),
        });
    } else {
        ev.event_type = Some("default".into());
    }
    ev
}

/// Whether a stored block has the asked times and title.
pub fn block_matches(ev: &Event, block: &BlockWrite) -> bool {
    let start = ev.start.as_ref().and_then(|t| t.date_time);
    let end = ev.end.as_ref().and_then(|t| t.date_time);
    start == Some(block.start)
        && end == Some(block.end)
        && ev.summary.as_deref() == Some(block.title.as_str())
        && ev.status.as_deref() != Some("cancelled")
}

/// The patch that moves a block to the asked times (and revives a deleted one).
pub fn block_patch(block: &BlockWrite) -> Event {
    Event {
        summary: Some(block.title.clone()),
        start: Some(at(block.start)),
        end: Some(at(block.end)),
        status: Some("confirmed".into()),
        ..Event::default()
    }
}

/// Cached events by id.
pub type Events = BTreeMap<String, CachedEvent>;

#[cfg(test)]
mod tests {

    /// The instance the core sees of a Google event, for `me`, read from `origin`.
    fn seen(ev: &Event, me: &Identity, origin: Origin) -> Instance {
        to_instance(&from_google(ev).unwrap(), chrono_tz::UTC, "g", me, origin)
    }
    use super::*;
    use crate::event::Role;

    fn parse(json: &str) -> Event {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn maps_types_attendees_links_and_marker() {
        let ev = parse(
            r#"{"id":"abc_20261201T090000Z","iCalUID":"abc@google.com","status":"confirmed",
            "summary":"Design review","description":"<b>Agenda</b><br>1. x",
            "eventType":"default","transparency":"opaque",
            "start":{"dateTime":"2026-12-01T10:00:00+01:00"},"end":{"dateTime":"2026-12-01T11:00:00+01:00"},
            "organizer":{"email":"Boss@Example.com"},
            "attendees":[{"email":"boss@example.com","responseStatus":"accepted","organizer":true},
                         {"email":"alias@example.com","self":true,"responseStatus":"needsAction"}],
            "hangoutLink":"https://meet.google.com/abc-defg-hij",
            "conferenceData":{"entryPoints":[{"entryPointType":"video","uri":"https://meet.google.com/abc-defg-hij"},
                                             {"entryPointType":"phone","uri":"tel:+1-555"}]},
            "attachments":[{"fileUrl":"https://docs.google.com/document/d/1","title":"Doc"}],
            "recurringEventId":"abc","originalStartTime":{"dateTime":"2026-12-01T09:00:00Z"}}"#,
        );
        let me = Identity::new("Me@Example.com ", &["Alias@example.com".to_string()]);
        let c = from_google(&ev).unwrap();
        let i = to_instance(
            &c,
            chrono_tz::Europe::Berlin,
            "google:primary",
            &me,
            Origin::Own,
        );
        assert_eq!(i.details.id, "abc_20261201T090000Z");
        assert_eq!(i.details.uid, "abc@google.com");
        assert_eq!(i.start.to_rfc3339(), "2026-12-01T09:00:00+00:00");
        assert_eq!(i.recurrence_id, Some(i.start));
        assert_eq!(i.details.organizer.as_deref(), Some("boss@example.com"));
        // The alias is the user (and reported as `me`).
        assert_eq!(
            i.details.role("me@example.com"),
            Role::Attendee(Response::NeedsAction)
        );
        assert_eq!(i.details.attendees[1].email, "me@example.com");
        assert_eq!(i.details.urls.len(), 2);
        assert_eq!(
            i.details.attachments,
            vec!["https://docs.google.com/document/d/1"]
        );
        assert!(i.details.html_description.is_some());
        assert!(i.is_meeting("me@example.com"));
        assert!(!i.details.foreign_calendar);

        let focus = parse(
            r#"{"id":"focusdabc","eventType":"focusTime","start":{"dateTime":"2026-12-01T09:00:00Z"},
            "end":{"dateTime":"2026-12-01T11:00:00Z"},"extendedProperties":{"private":{"focusd":"block"}}}"#,
        );
        let i = seen(&focus, &me, Origin::Own);
        assert_eq!(i.details.kind, EventKind::FocusTime);
        assert!(
            i.details.focusd_block
                && i.is_focus_block("me@example.com")
                && !i.is_meeting("me@example.com")
        );

        let ooo = parse(
            r#"{"id":"o1","eventType":"outOfOffice","transparency":"transparent",
            "start":{"date":"2026-12-02"},"end":{"date":"2026-12-03"}}"#,
        );
        let nobody = Identity::default();
        let i = to_instance(
            &from_google(&ooo).unwrap(),
            chrono_tz::Europe::Berlin,
            "g",
            &nobody,
            Origin::Own,
        );
        assert!(i.all_day && i.is_out_of_office("me@example.com"));
        assert_eq!(i.start.to_rfc3339(), "2026-12-01T23:00:00+00:00");
        assert_eq!(i.details.transparency, Transparency::Transparent);

        let wl =
            parse(r#"{"id":"w1","eventType":"workingLocation","start":{"date":"2026-12-02"}}"#);
        let i = seen(&wl, &nobody, Origin::Own);
        assert_eq!(i.details.kind, EventKind::WorkingLocation);

        assert!(from_google(&parse(r#"{"id":"x"}"#)).is_err());
    }

    /// Google's `self` marks the owner of the calendar a copy was read from: it never makes
    /// an entry the user's, on any calendar.
    #[test]
    fn self_flags_never_decide_who_the_user_is() {
        let ev = parse(
            r#"{"id":"inv1","start":{"dateTime":"2026-12-01T10:00:00Z"},"end":{"dateTime":"2026-12-01T11:00:00Z"},
            "organizer":{"email":"vendor@example.net","self":true},
            "attendees":[{"email":"vendor@example.net","organizer":true,"self":true,"responseStatus":"accepted"},
                         {"email":"boss@example.com","self":true,"responseStatus":"needsAction"},
                         {"email":"ALEX@example.com","responseStatus":"accepted"}]}"#,
        );
        let me = Identity::new("alex@example.com", &[]);
        let i = seen(&ev, &me, Origin::Own);
        assert_eq!(
            i.details.role("alex@example.com"),
            Role::Attendee(Response::Accepted)
        );
        assert_eq!(i.details.organizer.as_deref(), Some("vendor@example.net"));
        // Marked `self` but not the user's address: not the user.
        let only_self = parse(
            r#"{"id":"inv2","start":{"dateTime":"2026-12-01T10:00:00Z"},"end":{"dateTime":"2026-12-01T11:00:00Z"},
            "organizer":{"email":"vendor@example.net"},
            "attendees":[{"email":"boss@example.com","self":true,"responseStatus":"needsAction"}]}"#,
        );
        let i = seen(&only_self, &me, Origin::Own);
        assert_eq!(i.details.role("alex@example.com"), Role::NotInvited);
    }

    /// Only the user's own focus time (no attendees, or organized by the user) is a focus
    /// block; an invitation carrying `focusTime` (or focusd's marker) is an invitation.
    #[test]
    fn focus_time_organized_by_someone_else_is_an_invitation() {
        let ev = parse(
            r#"{"id":"evil1","eventType":"focusTime","transparency":"opaque",
            "start":{"dateTime":"2026-11-30T00:00:00Z"},"end":{"dateTime":"2026-12-12T00:00:00Z"},
            "extendedProperties":{"private":{"focusd":"block"}},
            "organizer":{"email":"mallory@evil.example"},
            "attendees":[{"email":"mallory@evil.example","organizer":true,"responseStatus":"accepted"},
                         {"email":"me@example.com","responseStatus":"needsAction"}]}"#,
        );
        let me = Identity::new("me@example.com", &[]);
        let i = seen(&ev, &me, Origin::Own);
        assert_eq!(i.details.kind, EventKind::Default);
        assert!(!i.details.focusd_block && !i.is_focus_block("me@example.com"));
        assert_eq!(
            i.details.role("me@example.com"),
            Role::Attendee(Response::NeedsAction)
        );
        // Organized by the user (an alias), with guests: the user's own focus time.
        let mut own = ev.clone();
        own.organizer.as_mut().unwrap().email = Some("ME@example.com".into());
        let i = seen(&own, &me, Origin::Own);
        assert_eq!(i.details.kind, EventKind::FocusTime);
        assert!(i.details.focusd_block);
    }

    /// Safety review, "risks not reproduced": a meeting the user created on a secondary
    /// calendar of theirs reaches the primary one with that calendar as organizer and the
    /// user as a guest. The creator says it is the user's.
    #[test]
    fn a_meeting_the_user_created_is_never_an_invitation() {
        let ev = parse(
            r#"{"id":"team1","start":{"dateTime":"2026-12-01T10:00:00Z"},"end":{"dateTime":"2026-12-01T11:00:00Z"},
            "creator":{"email":"Me@Example.com"},
            "organizer":{"email":"team123@group.calendar.google.com","displayName":"Team"},
            "attendees":[{"email":"me@example.com","self":true,"responseStatus":"needsAction"},
                         {"email":"peer@example.com","responseStatus":"needsAction"}]}"#,
        );
        let me = Identity::new("me@example.com", &[]);
        let i = seen(&ev, &me, Origin::Own);
        assert_eq!(i.details.role("me@example.com"), Role::Organizer);
        // On another calendar the creator says nothing about the user's role.
        let i = seen(&ev, &me, Origin::Foreign);
        assert_eq!(i.details.role("me@example.com"), Role::NotInvited);
    }

    /// A copy from another calendar is busy time only: no role for the user, no special
    /// type, never focusd's block.
    #[test]
    fn foreign_copies_are_busy_time_only() {
        let ev = parse(
            r#"{"id":"b1","eventType":"focusTime","start":{"dateTime":"2026-12-01T10:00:00Z"},
            "end":{"dateTime":"2026-12-01T12:00:00Z"},"extendedProperties":{"private":{"focusd":"block"}},
            "organizer":{"email":"me@example.com","self":true},
            "attendees":[{"email":"me@example.com","organizer":true,"responseStatus":"needsAction"}]}"#,
        );
        let me = Identity::new("me@example.com", &[]);
        let i = seen(&ev, &me, Origin::Foreign);
        assert!(i.details.foreign_calendar);
        assert_eq!(i.details.kind, EventKind::Default);
        assert!(!i.details.focusd_block);
        assert_eq!(i.details.role("me@example.com"), Role::NotInvited);
        assert!(i.is_meeting("me@example.com"), "busy time");
    }

    #[test]
    fn identity_matches_unicode_case_and_aliases() {
        let me = Identity::new(" Åsa@Example.com", &["asa@example.org".into(), "".into()]);
        assert!(me.matches("åSA@example.com "));
        assert!(me.matches("ASA@example.org"));
        assert!(!me.matches("asa@example.com"));
        assert!(!me.matches(""));
        assert!(!Identity::new("", &[]).matches(""));
        assert_eq!(me.all(), vec!["åsa@example.com", "asa@example.org"]);
    }

    #[test]
    fn blocks_are_focus_time_with_marker_or_opaque_fallback() {
        let b = BlockWrite {
            id: "focusd0123456789abc".into(),
            start: "2026-12-01T09:00:00Z".parse().unwrap(),
            end: "2026-12-01T11:00:00Z".parse().unwrap(),
            title: "Focus".into(),
            decline_message: "In focus".into(),
        };
        let v = serde_json::to_value(block_event(&b, true)).unwrap();
        assert_eq!(v["eventType"], "focusTime");
        assert_eq!(
            v["focusTimeProperties"]["autoDeclineMode"],
            "declineOnlyNewConflictingInvitations"
        );
        assert_eq!(v["focusTimeProperties"]["chatStatus"], "doNotDisturb");
        assert_eq!(v["focusTimeProperties"]["declineMessage"], "In focus");
        assert_eq!(v["extendedProperties"]["private"]["focusd"], "block");
        let ev = block_event(&b, false);
        assert!(is_focusd(&ev) && block_matches(&ev, &b));
        assert_eq!(ev.event_type.as_deref(), Some("default"));
        assert_eq!(ev.transparency.as_deref(), Some("opaque"));
    }
}
