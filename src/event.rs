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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "role", content = "response")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    #[default]
    Default,
    FocusTime,
    OutOfOffice,
    WorkingLocation,
}

/// `TRANSP`: whether the event blocks time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Transparency {
    #[default]
    Opaque,
    Transparent,
}

/// `STATUS` of the event itself (not the user's answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    #[default]
    Confirmed,
    Tentative,
    Cancelled,
}

/// An e-mail address as focusd compares it: trimmed and in Unicode lower case. The one
/// normalisation every backend and the core use, so that a reader and a writer never
/// disagree on whether an address is the user's.
pub fn normalise_address(address: &str) -> String {
    address.trim().to_lowercase()
}

/// One attendee as listed on the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendee {
    /// The e-mail address (without `mailto:`), normalised with [`normalise_address`].
    pub email: String,
    pub response: Response,
}

/// What an event (a series or a single override) says, shared by all its instances.
///
/// Text fields hold other people's words: they may be huge, contain HTML or markup, and must
/// be escaped wherever they are shown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
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
}

impl EventDetails {
    /// The user's role, given their address (compared after [`normalise_address`]). A copy
    /// from another person's calendar is never the user's: [`Role::NotInvited`].
    pub fn role(&self, me: &str) -> Role {
        if self.foreign_calendar {
            return Role::NotInvited;
        }
        let me = normalise_address(me);
        if self.attendees.is_empty() {
            return Role::Own;
        }
        if !me.is_empty() && self.organizer.as_deref() == Some(me.as_str()) {
            return Role::Organizer;
        }
        match self.attendees.iter().find(|a| a.email == me) {
            Some(a) => Role::Attendee(a.response),
            None => Role::NotInvited,
        }
    }
}

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
    pub fn event_ref(&self) -> crate::backend::EventRef {
        let id = if self.details.id.is_empty() {
            &self.details.uid
        } else {
            &self.details.id
        };
        crate::backend::EventRef {
            id: id.clone(),
            recurrence_id: self.recurrence_id,
        }
    }

    pub fn summary(&self) -> &str {
        &self.details.summary
    }

    pub fn duration_minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    /// A focus block: Google's `focusTime` or one focusd booked itself.
    pub fn is_focus_block(&self) -> bool {
        self.details.kind == EventKind::FocusTime || self.details.focusd_block
    }

    pub fn is_out_of_office(&self) -> bool {
        self.details.kind == EventKind::OutOfOffice
    }

    /// SPEC section 1: a meeting is an event that is not all-day, not transparent, not
    /// declined by the user, not cancelled, and not a focus block, working-location or
    /// out-of-office event. Tentative and unanswered invitations count.
    pub fn is_meeting(&self, me: &str) -> bool {
        !self.all_day
            && self.details.transparency == Transparency::Opaque
            && self.details.status != EventStatus::Cancelled
            && self.details.kind == EventKind::Default
            && !self.details.focusd_block
            && !self.details.role(me).declined()
    }
}

/// A calendar as read: every instance in a time range, plus what could not be read.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub instances: Vec<Instance>,
    pub diagnostics: Vec<crate::error::Diagnostic>,
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
