//! Google's event JSON (through `google-calendar3`'s types) to and from focusd's own data.
//! The only place that reads or builds `google_calendar3::api::Event`s.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use google_calendar3::api::{
    Event, EventDateTime, EventExtendedProperties, EventFocusTimeProperties,
};
use serde::{Deserialize, Serialize};

use crate::backend::BlockWrite;
use crate::event::{
    Attendee, EventDetails, EventKind, EventStatus, Instance, Response, Transparency,
};

/// The private extended property that marks focusd's own blocks.
pub const MARKER_KEY: &str = "focusd";
pub const MARKER_VALUE: &str = "block";

/// A start or an end: a time, or a date for all-day events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// One event instance as cached between runs: focusd's own serializable form of what the
/// core needs, so that the cache never depends on the client library's types.
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
    /// (lower-cased e-mail, Google's `responseStatus`); the entry marked `self` is stored
    /// under the user's configured address.
    pub attendees: Vec<(String, String)>,
    pub event_type: String,
    pub transparent: bool,
    pub status: String,
    pub focusd_block: bool,
    pub recurring_event_id: Option<String>,
    pub original_start: Option<When>,
    pub start: When,
    pub end: When,
}

/// Converts one listed event. `me` is the user's address: Google marks the user's own
/// attendee and organizer entries with `self`, which is more reliable than an address
/// (aliases), so those entries are stored under `me`.
pub fn from_google(ev: &Event, me: &str) -> Result<CachedEvent, String> {
    let id = ev.id.clone().ok_or("an event without an id")?;
    let start = ev
        .start
        .as_ref()
        .and_then(When::from_google)
        .ok_or_else(|| format!("event {id} has no start"))?;
    let end = ev.end.as_ref().and_then(When::from_google).unwrap_or(start);
    let lower = |s: &Option<String>| s.as_deref().unwrap_or_default().trim().to_lowercase();
    let attendees = ev
        .attendees
        .iter()
        .flatten()
        .map(|a| {
            let email = if a.self_ == Some(true) && !me.is_empty() {
                me.to_lowercase()
            } else {
                lower(&a.email)
            };
            let status = a
                .response_status
                .clone()
                .unwrap_or_else(|| "needsAction".into());
            (email, status)
        })
        .collect();
    let organizer = ev.organizer.as_ref().and_then(|o| {
        if o.self_ == Some(true) && !me.is_empty() {
            Some(me.to_lowercase())
        } else {
            o.email.as_ref().map(|e| e.trim().to_lowercase())
        }
    });
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
        attendees,
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

/// The instance the core sees. All-day dates become midnights in the calendar's zone.
pub fn to_instance(c: &CachedEvent, zone: Tz, source: &str) -> Instance {
    let looks_html = c.description.contains("</") || c.description.contains("<br");
    let details = EventDetails {
        id: c.id.clone(),
        uid: c.uid.clone(),
        summary: c.summary.clone(),
        description: c.description.clone(),
        html_description: looks_html.then(|| c.description.clone()),
        location: c.location.clone(),
        urls: c.urls.clone(),
        attachments: c.attachments.clone(),
        organizer: c.organizer.clone(),
        attendees: c
            .attendees
            .iter()
            .map(|(email, status)| Attendee {
                email: email.clone(),
                response: response(status),
            })
            .collect(),
        kind: match c.event_type.as_str() {
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
        focusd_block: c.focusd_block,
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
    use super::*;

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
        let c = from_google(&ev, "me@example.com").unwrap();
        let i = to_instance(&c, chrono_tz::Europe::Berlin, "google:primary");
        assert_eq!(i.details.id, "abc_20261201T090000Z");
        assert_eq!(i.details.uid, "abc@google.com");
        assert_eq!(i.start.to_rfc3339(), "2026-12-01T09:00:00+00:00");
        assert_eq!(i.recurrence_id, Some(i.start));
        assert_eq!(i.details.organizer.as_deref(), Some("boss@example.com"));
        assert_eq!(
            i.details.role("me@example.com"),
            crate::event::Role::Attendee(Response::NeedsAction)
        );
        assert_eq!(i.details.urls.len(), 2);
        assert_eq!(
            i.details.attachments,
            vec!["https://docs.google.com/document/d/1"]
        );
        assert!(i.details.html_description.is_some());
        assert!(i.is_meeting("me@example.com"));

        let focus = parse(
            r#"{"id":"focusdabc","eventType":"focusTime","start":{"dateTime":"2026-12-01T09:00:00Z"},
            "end":{"dateTime":"2026-12-01T11:00:00Z"},"extendedProperties":{"private":{"focusd":"block"}}}"#,
        );
        let i = to_instance(
            &from_google(&focus, "me@example.com").unwrap(),
            chrono_tz::UTC,
            "g",
        );
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
        let i = to_instance(
            &from_google(&ooo, "").unwrap(),
            chrono_tz::Europe::Berlin,
            "g",
        );
        assert!(i.all_day && i.is_out_of_office("me@example.com"));
        assert_eq!(i.start.to_rfc3339(), "2026-12-01T23:00:00+00:00");
        assert_eq!(i.details.transparency, Transparency::Transparent);

        let wl =
            parse(r#"{"id":"w1","eventType":"workingLocation","start":{"date":"2026-12-02"}}"#);
        let i = to_instance(&from_google(&wl, "").unwrap(), chrono_tz::UTC, "g");
        assert_eq!(i.details.kind, EventKind::WorkingLocation);

        assert!(from_google(&parse(r#"{"id":"x"}"#), "").is_err());
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
