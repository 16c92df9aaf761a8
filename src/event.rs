//! The plain data every other module works on: one calendar event instance as focusd sees
//! it, independent of where it came from (a local `.ics` file, a vdir folder, Google).
//!
//! Architecture invariant: nothing here knows about a backend's wire format. Backends turn
//! their data into [`Instance`]s; the model, planner and triage only ever read these.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

/// The user's own answer to an invitation (iCalendar `PARTSTAT`, Google `responseStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    NeedsAction,
    Accepted,
    Declined,
    Tentative,
    /// Delegated to someone else: the user is not going.
    Delegated,
}

/// How the event relates to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// An event with no attendees: the user's own.
    Own,
    /// The user is the organizer.
    Organizer,
    /// The user is an attendee (not the organizer), with their answer.
    Attendee(Response),
    /// The event has attendees but the user is not among them (e.g. a shared calendar).
    NotInvited,
}

impl Role {
    /// Whether the user has declined (or delegated) the event, so it costs them nothing.
    pub fn declined(self) -> bool {
        matches!(
            self,
            Role::Attendee(Response::Declined) | Role::Attendee(Response::Delegated)
        )
    }
}

/// What sort of event this is (Google's `eventType`; `.ics` files are all `Default` unless
/// marked as focusd's or carrying a recognised `X-` property).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EventKind {
    #[default]
    Default,
    FocusTime,
    OutOfOffice,
    WorkingLocation,
}

/// `TRANSP`: whether the event blocks time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Transparency {
    #[default]
    Opaque,
    Transparent,
}

/// `STATUS` of the event itself (not the user's answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EventStatus {
    #[default]
    Confirmed,
    Tentative,
    Cancelled,
}

/// One attendee as listed on the event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// The e-mail address (without `mailto:`), normalised with [`normalise_address`].
    pub email: String,
    pub response: Response,
    /// The comment given with the answer, where the calendar keeps one on the attendee
    /// (local calendars: `X-RESPONSE-COMMENT`); `None` when it has none or does not say.
    pub comment: Option<String>,
}

/// What an event (a series or a single override) says, shared by all its instances.
///
/// Text fields hold other people's words: they may be huge, contain HTML or markup, and must
/// be escaped wherever they are shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventDetails {
    /// The backend's id for the event, where it differs from the UID (Google's event id,
    /// one per instance). Empty for local calendars, which name events by UID.
    pub id: String,
    pub uid: String,
    pub summary: String,
    /// Plain-text `DESCRIPTION` (may still contain HTML: Google puts HTML here).
    pub description: String,
    /// `X-ALT-DESC;FMTTYPE=text/html`, when present.
    pub html_description: Option<String>,
    pub location: String,
    /// `URL` and conference links (`X-GOOGLE-CONFERENCE`, Google's `hangoutLink`).
    pub urls: Vec<String>,
    /// `ATTACH` values (URIs) or attachment titles.
    pub attachments: Vec<String>,
    /// Organizer e-mail, lower-cased, if any.
    pub organizer: Option<String>,
    /// Who sent the invitation on the organizer's behalf (iCalendar `SENT-BY`), when that is
    /// someone else: a delegate.
    pub organizer_sent_by: Option<String>,
    pub attendees: Vec<Attendee>,
    pub kind: EventKind,
    pub transparency: Transparency,
    pub status: EventStatus,
    /// Whether focusd booked this event itself (a focus block it owns).
    pub focusd_block: bool,
    /// A copy read from a calendar that is not the user's own (Google: an entry of
    /// `calendars` other than the primary one, such as a manager's calendar). Busy time
    /// only: its attendees and organizer say nothing about the user, so [`Self::role`] is
    /// [`Role::NotInvited`], and focusd never decides on it or writes to it.
    pub foreign_calendar: bool,
    /// Where the event came from (file path or backend id), for diagnostics.
    pub source: String,
    /// Why focusd must not act on this event although it is on the calendar (it was read
    /// from another person's calendar, or its identity is ambiguous). Such an event still
    /// counts as busy time, but it is never triaged, answered, moved or deleted.
    pub read_only: Option<String>,
    /// The backend's id for the whole series this instance belongs to, where it differs
    /// from the UID (Google's `recurringEventId`).
    pub series_id: Option<String>,
}

/// An e-mail address as focusd compares it: trimmed, without `mailto:`, in Unicode lower
/// case. The one normalisation used by every reader, writer and rule.
pub fn normalise_address(address: &str) -> String {
    let a = address.trim();
    let a = match a.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("mailto:") => &a[7..],
        _ => a,
    };
    a.trim().to_lowercase()
}

/// The user's addresses in `me`: one address, or several (aliases) separated by commas,
/// semicolons or white space, each normalised.
pub fn my_addresses(me: &str) -> impl Iterator<Item = String> + '_ {
    me.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(normalise_address)
        .filter(|a| !a.is_empty())
}

/// The user's addresses, normalised once ([`my_addresses`]: trimmed, `mailto:` dropped,
/// lower case; aliases joined by commas): what focusd compares with wherever it asks
/// whether an attendee or organizer is the user. Empty when no address is configured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Me(String);

impl Me {
    pub fn new(raw: &str) -> Me {
        Me(my_addresses(raw).collect::<Vec<_>>().join(","))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Me {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Me {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `address` is one of the user's (`me` may list aliases).
pub fn is_me(me: &str, address: &str) -> bool {
    let address = normalise_address(address);
    !address.is_empty() && my_addresses(me).any(|m| m == address)
}

/// A comment as a quoted iCalendar parameter value can hold it (no quotes, no control
/// characters): what a decline's comment reads as once a local calendar keeps it. Comments
/// are compared in this form, so that focusd's own comment is recognised when read back.
pub fn clean_comment(c: &str) -> String {
    c.trim()
        .chars()
        .map(|ch| {
            if ch == '"' || ch.is_control() {
                '\''
            } else {
                ch
            }
        })
        .collect()
}

impl EventDetails {
    /// The user's role, given their address or addresses (see [`is_me`]). A copy from
    /// another person's calendar is never the user's: [`Role::NotInvited`].
    pub fn role(&self, me: &str) -> Role {
        if self.foreign_calendar {
            return Role::NotInvited;
        }
        if self.attendees.is_empty() {
            return Role::Own;
        }
        // The user organizes it, or sent it as the organizer's delegate.
        if self
            .organizer
            .iter()
            .chain(&self.organizer_sent_by)
            .any(|o| is_me(me, o))
        {
            return Role::Organizer;
        }
        // Listed more than once (aliases, or one address twice): any answer given counts,
        // so that an unanswered line never hides one that was answered.
        let mut mine = self.attendees.iter().filter(|a| is_me(me, &a.email));
        let first = mine.next();
        match first {
            Some(a) => Role::Attendee(
                std::iter::once(a)
                    .chain(mine)
                    .map(|a| a.response)
                    .find(|r| *r != Response::NeedsAction)
                    .unwrap_or(a.response),
            ),
            None => Role::NotInvited,
        }
    }

    /// Whether the event is the user's own doing: they organize it, or it has no attendees
    /// and no other organizer. Only such events may be focus time or out-of-office: an
    /// invitation that carries a focus-time type is still an invitation.
    pub fn is_users_own(&self, me: &str) -> bool {
        // Sent by someone else in the user's name is not the user's doing.
        let sent_by_other = self
            .organizer_sent_by
            .as_deref()
            .is_some_and(|s| !is_me(me, s));
        match self.role(me) {
            _ if sent_by_other => false,
            Role::Organizer => true,
            Role::Own => self.organizer.as_deref().is_none_or(|o| is_me(me, o)),
            _ => false,
        }
    }

    /// What sort of event this is for the user: the kind it carries if it is the user's own
    /// ([`EventDetails::is_users_own`]), else an ordinary event.
    pub fn kind_for(&self, me: &str) -> EventKind {
        if self.kind == EventKind::Default || self.is_users_own(me) {
            self.kind
        } else {
            EventKind::Default
        }
    }

    /// A block focusd booked itself: marked as focusd's, named with focusd's id prefix, the
    /// user's own, and not read-only. A mark on someone else's event means nothing.
    pub fn is_focusd_block(&self, me: &str) -> bool {
        let name = if self.id.is_empty() {
            &self.uid
        } else {
            &self.id
        };
        self.focusd_block
            && self.read_only.is_none()
            && name.starts_with(BLOCK_ID_PREFIX)
            && self.is_users_own(me)
    }
}

/// Every block id focusd generates starts with this.
pub const BLOCK_ID_PREFIX: &str = "focusd";

/// One occurrence of an event on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub details: Arc<EventDetails>,
    /// For instances of a recurring series: the original start (`RECURRENCE-ID`).
    pub recurrence_id: Option<DateTime<Utc>>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// A date-based event. `start`/`end` are then local midnights in the user's zone.
    pub all_day: bool,
}

impl Instance {
    pub fn uid(&self) -> &str {
        &self.details.uid
    }

    /// How a backend names this instance when acting on it.
    pub fn event_ref(&self) -> EventRef {
        let id = if self.details.id.is_empty() {
            &self.details.uid
        } else {
            &self.details.id
        };
        EventRef {
            id: id.clone(),
            recurrence_id: self.recurrence_id,
        }
    }

    /// How a backend names the whole series this instance belongs to; `None` for an event
    /// that does not recur.
    pub fn series_ref(&self) -> Option<EventRef> {
        self.recurrence_id?;
        Some(EventRef {
            id: self
                .details
                .series_id
                .clone()
                .unwrap_or_else(|| self.details.uid.clone()),
            recurrence_id: None,
        })
    }

    pub fn summary(&self) -> &str {
        &self.details.summary
    }

    pub fn duration_minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    /// A focus block: the user's own focus time (Google's `focusTime`) or one focusd booked
    /// itself. Nothing someone else sent counts.
    pub fn is_focus_block(&self, me: &str) -> bool {
        self.details.kind_for(me) == EventKind::FocusTime || self.details.is_focusd_block(me)
    }

    /// The user's own out-of-office time.
    pub fn is_out_of_office(&self, me: &str) -> bool {
        self.details.kind_for(me) == EventKind::OutOfOffice
    }

    /// SPEC section 1: a meeting is an event that is not all-day, not transparent, not
    /// declined by the user, not cancelled, and not a focus block, working-location or
    /// out-of-office event. Tentative and unanswered invitations count.
    pub fn is_meeting(&self, me: &str) -> bool {
        !self.all_day
            && self.details.transparency == Transparency::Opaque
            && self.details.status != EventStatus::Cancelled
            && self.details.kind_for(me) == EventKind::Default
            && !self.details.is_focusd_block(me)
            && !self.details.role(me).declined()
    }
}

/// A calendar as read: every instance in a time range, plus what could not be read.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub instances: Vec<Instance>,
    pub diagnostics: Vec<crate::error::Diagnostic>,
}

/// Which event (or which instance of a recurring one) an answer is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct EventRef {
    /// The backend's id: the UID for local calendars, the event id for Google.
    pub id: String,
    /// The instance of a recurring event, by its original start.
    pub recurrence_id: Option<DateTime<Utc>>,
}

impl EventRef {
    /// `uid` or `uid@recurrence-id`: one key per event instance, stable across cycles.
    pub fn key(&self) -> String {
        match self.recurrence_id {
            Some(r) => format!("{}@{}", self.id, r.to_rfc3339()),
            None => self.id.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation(foreign_calendar: bool) -> EventDetails {
        EventDetails {
            organizer: Some("pm@example.com".into()),
            attendees: vec![Attendee {
                email: normalise_address(" ÅSA@Example.com"),
                response: Response::NeedsAction,
                comment: None,
            }],
            foreign_calendar,
            ..EventDetails::default()
        }
    }

    #[test]
    fn addresses_compare_in_unicode_lower_case() {
        assert_eq!(normalise_address("  ÅSA@Example.COM\t"), "åsa@example.com");
        assert_eq!(
            invitation(false).role("åsa@EXAMPLE.com "),
            Role::Attendee(Response::NeedsAction)
        );
    }

    #[test]
    fn another_persons_copy_is_never_the_users() {
        assert_eq!(invitation(true).role("åsa@example.com"), Role::NotInvited);
        let own = EventDetails {
            foreign_calendar: true,
            ..EventDetails::default()
        };
        assert_eq!(own.role("åsa@example.com"), Role::NotInvited);
    }
}
