//! The Google backend against a local stand-in for Google (`tests/support/fake_gcal.py`),
//! through the real google-calendar3 client and yup-oauth2 (token refresh and the
//! service-account JWT grant included): nothing of the client is mocked.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use focusd::backend::google::{GoogleCalendar, RetryPolicy, SendUpdates, Tuning};
use focusd::backend::{BackendError, BlockWrite, Calendar, EventRef, Written};
use focusd::config::GoogleConfig;
use focusd::event::{EventKind, Response, Role};
use serde_json::{Value, json};
use support::*;

const SCOPE: &str = "https://www.googleapis.com/auth/calendar.events";
const REFRESH: &str = "1//refresh-token-known-only-to-the-test-9f3a";

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn window() -> (DateTime<Utc>, DateTime<Utc>) {
    (t("2026-11-30T00:00:00Z"), t("2026-12-12T00:00:00Z"))
}

struct Env {
    fake: FakeGoogle,
    dir: tempfile::TempDir,
    config: GoogleConfig,
}

impl Env {
    /// A person's setup: a Desktop-app client secret and a token cache holding an expired
    /// access token and a refresh token (as left by `focusd auth google` a while ago).
    fn installed() -> Env {
        let fake = FakeGoogle::start();
        let dir = tempfile::tempdir().unwrap();
        let client_secret = client_secret_file(dir.path(), &fake);
        let token_cache = dir.path().join("state/google-token.json");
        std::fs::create_dir_all(token_cache.parent().unwrap()).unwrap();
        write_private(
            &token_cache,
            &json!({ "tokens": [{
                "scopes": [SCOPE],
                "access_token": "ya29.stale-access-token-long-expired",
                "refresh_token": REFRESH,
                "expires_at": 1_000_000_000,
                "id_token": null
            }]})
            .to_string(),
        );
        fake.control("add_refresh_token", json!({ "token": REFRESH }));
        let config = GoogleConfig {
            client_secret: Some(client_secret),
            token_cache: Some(token_cache),
            api_root: Some(fake.root()),
            ..GoogleConfig::default()
        };
        Env { fake, dir, config }
    }

    fn state(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    async fn calendar(&self) -> GoogleCalendar {
        GoogleCalendar::with_options(&self.config, USER, &self.state(), options())
            .await
            .unwrap()
    }
}

/// Small pages (paging is exercised), fast backoff, a short timeout.
fn options() -> Tuning {
    Tuning {
        retry: RetryPolicy {
            attempts: 4,
            base: Duration::from_millis(20),
            max_wait: Duration::from_secs(3),
            timeout: Duration::from_secs(2),
        },
        page_size: 3,
        ..Tuning::default()
    }
}

/// Makes `event` an invitation from `organizer` to the user (unanswered) and a peer.
fn invite_from(event: &mut Value, organizer: &str) {
    event["organizer"] = json!({ "email": organizer });
    event["attendees"] = json!([
        { "email": organizer, "organizer": true, "responseStatus": "accepted" },
        { "email": "peer@example.com", "responseStatus": "accepted" },
        { "email": USER, "responseStatus": "needsAction" },
    ]);
}

fn timed(id: &str, summary: &str, start: &str, end: &str) -> Value {
    json!({
        "id": id, "summary": summary,
        "start": { "dateTime": start }, "end": { "dateTime": end },
    })
}

/// A week of calendar: meetings, a daily series, focus time, out of office, working location.
fn seed_week(fake: &FakeGoogle) {
    let mut standup = timed(
        "standup01",
        "Stand-up",
        "2026-12-01T09:00:00Z",
        "2026-12-01T09:15:00Z",
    );
    standup["recurrence"] = json!(["RRULE:FREQ=DAILY;COUNT=5"]);
    let mut focus = timed(
        "focus0001",
        "Focus",
        "2026-12-02T13:00:00Z",
        "2026-12-02T15:00:00Z",
    );
    focus["eventType"] = json!("focusTime");
    let mut ooo = json!({ "id": "ooo00001", "summary": "Away", "eventType": "outOfOffice",
        "start": { "date": "2026-12-04" }, "end": { "date": "2026-12-05" } });
    ooo["transparency"] = json!("transparent");
    let wl = json!({ "id": "wloc0001", "summary": "Home", "eventType": "workingLocation",
        "transparency": "transparent", "visibility": "public",
        "start": { "date": "2026-12-01" }, "end": { "date": "2026-12-02" } });
    let mut invite = timed(
        "invite01",
        "Sync",
        "2026-12-03T10:00:00Z",
        "2026-12-03T11:00:00Z",
    );
    invite["organizer"] = json!({ "email": "boss@example.com" });
    invite["attendees"] = json!([
        { "email": "boss@example.com", "organizer": true, "responseStatus": "accepted" },
        { "email": USER, "self": true, "responseStatus": "needsAction" },
    ]);
    let free = {
        let mut e = timed(
            "lunch001",
            "Lunch",
            "2026-12-01T12:00:00Z",
            "2026-12-01T13:00:00Z",
        );
        e["transparency"] = json!("transparent");
        e
    };
    fake.seed(json!([standup, focus, ooo, wl, invite, free]));
}

#[tokio::test]
async fn full_sync_pages_then_an_unchanged_calendar_costs_one_list() {
    let env = Env::installed();
    seed_week(&env.fake);
    let mut cal = env.calendar().await;
    let (from, to) = window();
    let snap = cal.sync(from, to).await.unwrap();
    // 5 stand-ups + focus + out of office + working location + invitation + lunch.
    assert_eq!(snap.instances.len(), 10, "{:#?}", snap.instances);
    assert!(snap.diagnostics.is_empty(), "{:?}", snap.diagnostics);
    let first_lists = env.fake.count("list");
    assert_eq!(first_lists, 4, "10 events in pages of 3: 4 pages");
    assert_eq!(
        env.fake.count("token"),
        1,
        "one refresh of the expired token"
    );
    let log = env.fake.log();
    let first = &log[0]["query"];
    assert!(first["timeMin"].is_array() && first["timeMax"].is_array());
    assert_eq!(first["singleEvents"][0], "true");

    let by_id = |id: &str| {
        snap.instances
            .iter()
            .find(|i| i.details.id == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    assert_eq!(by_id("focus0001").details.kind, EventKind::FocusTime);
    assert_eq!(by_id("ooo00001").details.kind, EventKind::OutOfOffice);
    assert!(by_id("ooo00001").all_day);
    // All-day dates are midnights in the calendar's zone (Europe/Berlin).
    assert_eq!(by_id("ooo00001").start, t("2026-12-03T23:00:00Z"));
    assert_eq!(by_id("wloc0001").details.kind, EventKind::WorkingLocation);
    assert_eq!(
        by_id("invite01").details.role(USER),
        Role::Attendee(Response::NeedsAction)
    );
    let standup = by_id("standup01_20261203T090000Z");
    assert_eq!(standup.recurrence_id, Some(t("2026-12-03T09:00:00Z")));
    assert!(standup.is_meeting(USER) && !by_id("lunch001").is_meeting(USER));

    let cache_files: Vec<_> = std::fs::read_dir(env.state().join("google"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(cache_files.len(), 1);
    let cache_before = std::fs::read(&cache_files[0]).unwrap();
    let mtime = std::fs::metadata(&cache_files[0])
        .unwrap()
        .modified()
        .unwrap();

    // Unchanged: one list request, no write of any kind.
    env.fake.reset_counts();
    let again = cal.sync(from, to).await.unwrap();
    assert_eq!(env.fake.counts(), json!({ "list": 1 }));
    assert_eq!(again.instances, snap.instances);
    let log = env.fake.log();
    let q = &log[0]["query"];
    assert!(q["syncToken"].is_array(), "incremental: {q}");
    assert!(
        q.get("timeMin").is_none() && q.get("timeMax").is_none(),
        "{q}"
    );
    assert_eq!(q["singleEvents"][0], "true");
    assert_eq!(std::fs::read(&cache_files[0]).unwrap(), cache_before);
    assert_eq!(
        std::fs::metadata(&cache_files[0])
            .unwrap()
            .modified()
            .unwrap(),
        mtime,
        "an unchanged calendar does not rewrite the cache"
    );

    // A restart continues incrementally from the cache on disk.
    drop(cal);
    let mut cal = env.calendar().await;
    env.fake.reset_counts();
    let after_restart = cal.sync(from, to).await.unwrap();
    assert_eq!(env.fake.counts(), json!({ "list": 1 }));
    assert_eq!(after_restart.instances, snap.instances);
    println!(
        "request counts: first sync {first_lists} list pages + 1 token refresh; \
         unchanged sync 1 list; after restart 1 list"
    );
}

#[tokio::test]
async fn incremental_sync_applies_changes_and_cancellations() {
    let env = Env::installed();
    seed_week(&env.fake);
    let mut cal = env.calendar().await;
    let (from, to) = window();
    cal.sync(from, to).await.unwrap();

    // The organizer moves the invitation, one stand-up is cancelled, lunch is deleted,
    // a new meeting arrives.
    env.fake.control(
        "patch",
        json!({ "id": "invite01", "patch": { "start": { "dateTime": "2026-12-03T14:00:00Z" },
            "end": { "dateTime": "2026-12-03T15:00:00Z" } } }),
    );
    env.fake.seed(json!([
        { "id": "standup01_20261202T090000Z", "status": "cancelled", "recurringEventId": "standup01",
          "originalStartTime": { "dateTime": "2026-12-02T09:00:00Z" },
          "start": { "dateTime": "2026-12-02T09:00:00Z" }, "end": { "dateTime": "2026-12-02T09:15:00Z" } },
        timed("new00001", "New", "2026-12-08T10:00:00Z", "2026-12-08T10:30:00Z"),
    ]));
    env.fake.control(
        "patch",
        json!({ "id": "lunch001", "patch": { "status": "cancelled" } }),
    );
    env.fake.reset_counts();
    let snap = cal.sync(from, to).await.unwrap();
    assert_eq!(
        env.fake.counts(),
        json!({ "list": 2 }),
        "4 changed instances in pages of 3, nothing else"
    );
    let ids: Vec<&str> = snap
        .instances
        .iter()
        .map(|i| i.details.id.as_str())
        .collect();
    assert!(!ids.contains(&"standup01_20261202T090000Z") && !ids.contains(&"lunch001"));
    assert!(ids.contains(&"new00001") && ids.contains(&"standup01_20261203T090000Z"));
    let invite = snap
        .instances
        .iter()
        .find(|i| i.details.id == "invite01")
        .unwrap();
    assert_eq!(invite.start, t("2026-12-03T14:00:00Z"));
    assert_eq!(snap.instances.len(), 9);
}

#[tokio::test]
async fn a_410_leads_to_a_full_resync_with_nothing_lost() {
    let env = Env::installed();
    seed_week(&env.fake);
    let mut cal = env.calendar().await;
    let (from, to) = window();
    let before = cal.sync(from, to).await.unwrap();
    env.fake.seed(json!([timed(
        "late0001",
        "Added while the token expired",
        "2026-12-09T10:00:00Z",
        "2026-12-09T11:00:00Z"
    )]));
    env.fake.control("expire_sync_tokens", Value::Null);
    env.fake.reset_counts();
    let after = cal.sync(from, to).await.unwrap();
    // One incremental list answered 410, then a full sync of 11 events in pages of 3.
    assert_eq!(env.fake.counts(), json!({ "list": 5 }));
    let log = env.fake.log();
    assert!(log[0]["query"]["syncToken"].is_array());
    assert!(log[1]["query"]["timeMin"].is_array() && log[1]["query"].get("syncToken").is_none());
    for i in &before.instances {
        assert!(after.instances.contains(i), "lost {}", i.details.id);
    }
    assert_eq!(after.instances.len(), before.instances.len() + 1);

    // A 410 injected on an incremental list does the same.
    env.fake.fault(json!({ "kind": "list", "status": 410 }));
    env.fake.reset_counts();
    let again = cal.sync(from, to).await.unwrap();
    assert_eq!(env.fake.count("list"), 5);
    assert_eq!(again.instances, after.instances);
    // And the state is incremental again.
    env.fake.reset_counts();
    cal.sync(from, to).await.unwrap();
    assert_eq!(env.fake.counts(), json!({ "list": 1 }));
}

#[tokio::test]
async fn faults_are_retried_then_given_up_cleanly() {
    let env = Env::installed();
    seed_week(&env.fake);
    let mut cal = env.calendar().await;
    let (from, to) = window();
    let good = cal.sync(from, to).await.unwrap();

    // 429 with Retry-After, a 403 rate limit, 500, an HTML 503, a truncated body, a delay
    // longer than the timeout: each retried, and the sync succeeds.
    let started = std::time::Instant::now();
    for fault in [
        json!({ "kind": "list", "status": 429, "retry_after": 1 }),
        json!({ "kind": "list", "status": 403, "reason": "userRateLimitExceeded" }),
        json!({ "kind": "list", "status": 500 }),
    ] {
        env.fake.fault(fault);
    }
    env.fake.reset_counts();
    let snap = cal.sync(from, to).await.unwrap();
    assert_eq!(snap.instances, good.instances);
    assert_eq!(env.fake.counts(), json!({ "list": 4 }));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );

    for fault in [
        json!({ "kind": "list", "status": 503, "html": true }),
        json!({ "kind": "list", "type": "truncate" }),
        json!({ "kind": "list", "type": "delay", "seconds": 3 }),
    ] {
        env.fake.fault(fault);
    }
    env.fake.reset_counts();
    let snap = cal.sync(from, to).await.unwrap();
    assert_eq!(snap.instances, good.instances);
    assert_eq!(env.fake.count("list"), 4);

    // Persistent failure: bounded attempts, then Transient; nothing of the cache is lost.
    env.fake
        .fault(json!({ "kind": "list", "status": 503, "count": 10 }));
    env.fake.reset_counts();
    let err = cal.sync(from, to).await.unwrap_err();
    assert!(matches!(err, BackendError::Transient(_)), "{err:?}");
    assert!(err.to_string().contains("HTTP 503"), "{err}");
    assert_eq!(env.fake.count("list"), 4, "4 attempts, then give up");
    // The next cycle, with Google back, picks up where it left off.
    env.fake.control("clear_faults", Value::Null);
    env.fake.reset_counts();
    let snap = cal.sync(from, to).await.unwrap();
    assert_eq!(snap.instances, good.instances);
    assert_eq!(env.fake.counts(), json!({ "list": 1 }));

    // Invalid JSON every time: an error that names the problem, never a panic or the body.
    env.fake
        .fault(json!({ "kind": "list", "type": "truncate", "count": 4 }));
    let err = cal.sync(from, to).await.unwrap_err();
    assert!(matches!(err, BackendError::Transient(_)), "{err:?}");
    assert!(err.to_string().contains("truncated JSON"), "{err}");
    assert!(!err.to_string().contains("calendar#events"), "{err}");

    // A Retry-After beyond what we wait for: give up at once, try next cycle.
    env.fake
        .fault(json!({ "kind": "list", "status": 429, "retry_after": 3600 }));
    env.fake.reset_counts();
    let err = cal.sync(from, to).await.unwrap_err();
    assert!(matches!(err, BackendError::Transient(_)), "{err:?}");
    assert_eq!(env.fake.count("list"), 1);
    let snap = cal.sync(from, to).await.unwrap();
    assert_eq!(snap.instances, good.instances);
}

fn block(id: &str, start: &str, end: &str) -> BlockWrite {
    BlockWrite {
        id: id.into(),
        start: t(start),
        end: t(end),
        title: "Focus time".into(),
        decline_message: "Focusing; add an agenda and I will look again.".into(),
    }
}

#[tokio::test]
async fn blocks_are_focus_time_events_and_never_doubled() {
    let env = Env::installed();
    let mut cal = env.calendar().await;
    let b = block(
        "focusd0abcdefghijklm",
        "2026-12-01T09:30:00Z",
        "2026-12-01T11:30:00Z",
    );
    assert_eq!(cal.put_block(&b).await.unwrap(), Written::Done);
    let stored = env.fake.event(&b.id).unwrap();
    assert_eq!(stored["eventType"], "focusTime");
    assert_eq!(
        stored["focusTimeProperties"],
        json!({ "autoDeclineMode": "declineOnlyNewConflictingInvitations",
                "chatStatus": "doNotDisturb",
                "declineMessage": "Focusing; add an agenda and I will look again." })
    );
    assert_eq!(stored["extendedProperties"]["private"]["focusd"], "block");
    assert_eq!(stored["start"]["dateTime"], "2026-12-01T09:30:00Z");

    // A retry of the same write: 409, checked, nothing written.
    env.fake.reset_counts();
    assert_eq!(cal.put_block(&b).await.unwrap(), Written::AlreadyDone);
    assert_eq!(env.fake.counts(), json!({ "insert": 1, "get": 1 }));

    // The server stores the insert and the answer is lost (500): the retry gets 409, finds
    // its twin, and there is still one block.
    let b2 = block(
        "focusd0bcdefghijklmn",
        "2026-12-02T09:30:00Z",
        "2026-12-02T11:30:00Z",
    );
    env.fake
        .fault(json!({ "kind": "insert", "status": 500, "when": "after" }));
    env.fake.reset_counts();
    assert_eq!(cal.put_block(&b2).await.unwrap(), Written::AlreadyDone);
    assert_eq!(env.fake.counts(), json!({ "insert": 2, "get": 1 }));
    // Same with a timeout after the server did the work.
    let b3 = block(
        "focusd0cdefghijklmno",
        "2026-12-03T09:30:00Z",
        "2026-12-03T11:30:00Z",
    );
    env.fake
        .fault(json!({ "kind": "insert", "type": "delay", "seconds": 3, "when": "after" }));
    assert!(cal.put_block(&b3).await.is_ok());
    let blocks: Vec<Value> = env
        .fake
        .events()
        .into_iter()
        .filter(|e| e["extendedProperties"]["private"]["focusd"] == "block")
        .collect();
    assert_eq!(blocks.len(), 3, "no twin: {blocks:#?}");

    // Same id, other times: the block is moved.
    let moved = block(
        "focusd0abcdefghijklm",
        "2026-12-01T10:00:00Z",
        "2026-12-01T12:00:00Z",
    );
    env.fake.reset_counts();
    assert_eq!(cal.put_block(&moved).await.unwrap(), Written::Done);
    assert_eq!(
        env.fake.counts(),
        json!({ "insert": 1, "get": 1, "patch": 1 })
    );
    assert_eq!(
        env.fake.event(&b.id).unwrap()["start"]["dateTime"],
        "2026-12-01T10:00:00Z"
    );

    // A block shows up in the next sync as focusd's own focus time.
    let snap = cal.sync(window().0, window().1).await.unwrap();
    assert_eq!(snap.instances.len(), 3);
    assert!(
        snap.instances
            .iter()
            .all(|i| i.details.focusd_block && i.is_focus_block(USER))
    );

    // An event with that id that focusd did not book is left alone.
    env.fake.seed(json!([timed(
        "focusd0xyz0000000000",
        "Theirs",
        "2026-12-05T09:00:00Z",
        "2026-12-05T10:00:00Z"
    )]));
    let theirs = block(
        "focusd0xyz0000000000",
        "2026-12-05T09:00:00Z",
        "2026-12-05T11:00:00Z",
    );
    assert!(matches!(
        cal.put_block(&theirs).await,
        Err(BackendError::Permanent(_))
    ));
    assert_eq!(
        env.fake.event("focusd0xyz0000000000").unwrap()["summary"],
        "Theirs"
    );
}

#[tokio::test]
async fn without_focus_time_support_blocks_are_opaque_events_with_the_marker() {
    let env = Env::installed();
    env.fake
        .control("seed", json!({ "no_focus_time": true, "events": [] }));
    let mut cal = env.calendar().await;
    let b = block(
        "focusd0defghijklmnop",
        "2026-12-01T09:30:00Z",
        "2026-12-01T11:30:00Z",
    );
    assert_eq!(cal.put_block(&b).await.unwrap(), Written::Done);
    let stored = env.fake.event(&b.id).unwrap();
    assert_eq!(stored["eventType"], "default");
    assert_eq!(stored["transparency"], "opaque");
    assert_eq!(stored["extendedProperties"]["private"]["focusd"], "block");
    // Learned: the next block goes straight to the fallback.
    env.fake.reset_counts();
    let b2 = block(
        "focusd0efghijklmnopq",
        "2026-12-02T09:30:00Z",
        "2026-12-02T11:30:00Z",
    );
    assert_eq!(cal.put_block(&b2).await.unwrap(), Written::Done);
    assert_eq!(env.fake.counts(), json!({ "insert": 1 }));
}

#[tokio::test]
async fn delete_removes_only_focusd_blocks() {
    let env = Env::installed();
    seed_week(&env.fake);
    let mut cal = env.calendar().await;
    let b = block(
        "focusd0fghijklmnopqr",
        "2026-12-01T09:30:00Z",
        "2026-12-01T11:30:00Z",
    );
    cal.put_block(&b).await.unwrap();
    assert_eq!(cal.delete_block(&b.id).await.unwrap(), Written::Done);
    assert_eq!(env.fake.event(&b.id).unwrap()["status"], "cancelled");
    env.fake.reset_counts();
    assert_eq!(cal.delete_block(&b.id).await.unwrap(), Written::AlreadyDone);
    assert_eq!(
        cal.delete_block("focusd0nosuchblock00").await.unwrap(),
        Written::AlreadyDone
    );
    assert_eq!(env.fake.count("delete"), 0);
    // Someone's focus time and a meeting: refused, untouched.
    for id in ["focus0001", "invite01"] {
        let err = cal.delete_block(id).await.unwrap_err();
        assert!(matches!(err, BackendError::Permanent(_)), "{err:?}");
        assert_eq!(env.fake.event(id).unwrap()["status"], "confirmed");
    }
    assert_eq!(env.fake.count("delete"), 0);
    // Re-planned at the same times after a delete: Google keeps the id, so it is revived.
    env.fake.reset_counts();
    assert_eq!(cal.put_block(&b).await.unwrap(), Written::Done);
    assert_eq!(env.fake.event(&b.id).unwrap()["status"], "confirmed");
    assert_eq!(
        env.fake.counts(),
        json!({ "insert": 1, "get": 1, "patch": 1 })
    );
}

/// An invitation with everything a real one carries.
fn rich_invitation() -> Value {
    json!({
        "id": "rich0001", "summary": "Quarterly planning", "status": "confirmed",
        "description": "<p>Let's plan.</p><ul><li>roadmap</li></ul>",
        "location": "Room 4 / Berlin", "colorId": "7", "visibility": "private",
        "guestsCanModify": false, "guestsCanInviteOthers": true,
        "reminders": { "useDefault": false, "overrides": [{ "method": "popup", "minutes": 10 }] },
        "hangoutLink": "https://meet.google.com/abc-defg-hij",
        "conferenceData": { "conferenceId": "abc-defg-hij",
            "entryPoints": [{ "entryPointType": "video", "uri": "https://meet.google.com/abc-defg-hij" }],
            "conferenceSolution": { "key": { "type": "hangoutsMeet" }, "name": "Google Meet" } },
        "attachments": [{ "fileUrl": "https://docs.google.com/document/d/xyz", "title": "Notes",
            "mimeType": "application/vnd.google-apps.document", "fileId": "xyz" }],
        "extendedProperties": { "shared": { "crm": "42" } },
        "organizer": { "email": "boss@example.com", "displayName": "The Boss" },
        "start": { "dateTime": "2026-12-03T10:00:00+01:00", "timeZone": "Europe/Berlin" },
        "end": { "dateTime": "2026-12-03T11:00:00+01:00", "timeZone": "Europe/Berlin" },
        "attendees": [
            { "email": "boss@example.com", "displayName": "The Boss", "organizer": true, "responseStatus": "accepted" },
            { "email": "ada@example.com", "responseStatus": "tentative", "comment": "may be late",
              "optional": true, "additionalGuests": 2 },
            { "email": "Me@Example.com", "self": true, "responseStatus": "needsAction" },
            { "email": "room-4@resource.calendar.google.com", "displayName": "Room 4",
              "resource": true, "responseStatus": "accepted" },
            { "email": "bob@other.example", "responseStatus": "declined", "id": "bob-id-1" }
        ]
    })
}

fn without(mut v: Value, keys: &[&str]) -> Value {
    for k in keys {
        v.as_object_mut().unwrap().remove(*k);
    }
    v
}

#[tokio::test]
async fn a_decline_changes_only_the_users_answer_and_comment() {
    let env = Env::installed();
    env.fake.seed(json!([rich_invitation()]));
    let mut cal = env.calendar().await;
    let before = env.fake.event("rich0001").unwrap();
    let event = EventRef {
        id: "rich0001".into(),
        recurrence_id: None,
    };
    let comment = "I keep my calendar for meetings with an agenda.";
    env.fake.reset_counts();
    assert_eq!(
        cal.respond(&event, Response::Declined, Some(comment))
            .await
            .unwrap(),
        Written::Done
    );
    // (The first request of this process also refreshes the expired access token.)
    assert_eq!(
        without(env.fake.counts(), &["token"]),
        json!({ "get": 1, "patch": 1 })
    );
    let after = env.fake.event("rich0001").unwrap();
    // Every field but the attendees (and the server's etag/updated) byte for byte.
    let volatile = ["attendees", "etag", "updated"];
    assert_eq!(
        serde_json::to_string(&without(before.clone(), &volatile)).unwrap(),
        serde_json::to_string(&without(after.clone(), &volatile)).unwrap()
    );
    let (b, a) = (
        before["attendees"].as_array().unwrap(),
        after["attendees"].as_array().unwrap(),
    );
    assert_eq!(a.len(), b.len());
    for (x, y) in b.iter().zip(a) {
        if x["self"] == true {
            let mut expected = x.clone();
            expected["responseStatus"] = json!("declined");
            expected["comment"] = json!(comment);
            assert_eq!(y, &expected);
        } else {
            assert_eq!(
                serde_json::to_string(x).unwrap(),
                serde_json::to_string(y).unwrap()
            );
        }
    }
    // The patch sent the user's own entry alone, as a guest answers, and told the organizer.
    let patch = env
        .fake
        .log()
        .into_iter()
        .find(|e| e["kind"] == "patch")
        .unwrap();
    assert_eq!(patch["query"]["sendUpdates"][0], "all");
    let sent: Value = serde_json::from_str(patch["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        sent,
        json!({
            "attendees": [{ "email": "Me@Example.com", "responseStatus": "declined",
                            "comment": comment }],
            "attendeesOmitted": true
        })
    );

    // Already declined with that comment: nothing written.
    env.fake.reset_counts();
    assert_eq!(
        cal.respond(&event, Response::Declined, Some(comment))
            .await
            .unwrap(),
        Written::AlreadyDone
    );
    assert_eq!(env.fake.counts(), json!({ "get": 1 }));
    // A sync shows the user's answer with its comment (undo compares it, as locally).
    let (from, to) = window();
    let snapshot = cal.sync(from, to).await.unwrap();
    let synced = snapshot
        .instances
        .iter()
        .find(|i| i.details.id == "rich0001")
        .unwrap();
    assert!(
        synced
            .details
            .attendees
            .iter()
            .any(|a| a.response == Response::Declined && a.comment.as_deref() == Some(comment)),
        "{:?}",
        synced.details.attendees
    );

    // Withdrawing the decline (second chance), without e-mails this time.
    cal.set_send_updates(SendUpdates::None);
    assert_eq!(
        cal.respond(&event, Response::NeedsAction, None)
            .await
            .unwrap(),
        Written::Done
    );
    let back = env.fake.event("rich0001").unwrap();
    assert_eq!(
        back["attendees"], before["attendees"],
        "as it was before the decline"
    );
    let last = env
        .fake
        .log()
        .into_iter()
        .rev()
        .find(|e| e["kind"] == "patch")
        .unwrap();
    assert_eq!(last["query"]["sendUpdates"][0], "none");
}

#[tokio::test]
async fn answers_on_instances_and_refusals() {
    let env = Env::installed();
    seed_week(&env.fake);
    let mut invite_series = timed(
        "series01",
        "Weekly",
        "2026-12-01T15:00:00Z",
        "2026-12-01T16:00:00Z",
    );
    invite_series["recurrence"] = json!(["RRULE:FREQ=WEEKLY;COUNT=3"]);
    invite_series["organizer"] = json!({ "email": "boss@example.com" });
    invite_series["attendees"] = json!([
        { "email": "boss@example.com", "organizer": true, "responseStatus": "accepted" },
        { "email": USER, "responseStatus": "needsAction" }
    ]);
    env.fake.seed(json!([invite_series]));
    let mut cal = env.calendar().await;
    let snap = cal.sync(window().0, window().1).await.unwrap();
    let second = snap
        .instances
        .iter()
        .find(|i| i.details.id == "series01_20261208T150000Z")
        .unwrap();
    // Found by address (no `self` marker on this one).
    assert_eq!(
        cal.respond(&second.event_ref(), Response::Declined, Some("no agenda"))
            .await
            .unwrap(),
        Written::Done
    );
    let exc = env.fake.event("series01_20261208T150000Z").unwrap();
    assert_eq!(exc["attendees"][1]["responseStatus"], "declined");
    assert_eq!(
        env.fake.event("series01").unwrap()["attendees"][1]["responseStatus"],
        "needsAction",
        "only that instance"
    );
    // The next sync sees it.
    env.fake.reset_counts();
    let snap = cal.sync(window().0, window().1).await.unwrap();
    assert_eq!(env.fake.counts(), json!({ "list": 1 }));
    let declined = snap
        .instances
        .iter()
        .find(|i| i.details.id == "series01_20261208T150000Z")
        .unwrap();
    assert!(declined.details.role(USER).declined());

    // Not a guest: refused. Gone: NotFound.
    let own = EventRef {
        id: "focus0001".into(),
        recurrence_id: None,
    };
    assert!(matches!(
        cal.respond(&own, Response::Declined, None).await,
        Err(BackendError::Permanent(_))
    ));
    let gone = EventRef {
        id: "nosuch001".into(),
        recurrence_id: None,
    };
    assert!(matches!(
        cal.respond(&gone, Response::Declined, None).await,
        Err(BackendError::NotFound(_))
    ));
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn token_refresh_writes_a_private_cache_and_open_caches_are_refused() {
    let env = Env::installed();
    let cache = env.config.token_cache.clone().unwrap();
    let mut cal = env.calendar().await;
    cal.sync(window().0, window().1).await.unwrap();
    assert_eq!(env.fake.get("/_control/grants").1, json!(["refresh_token"]));
    assert_eq!(mode(&cache), 0o600);
    let stored: Value = serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    assert_eq!(
        stored["tokens"][0]["refresh_token"], REFRESH,
        "the refresh token is kept"
    );
    assert_ne!(
        stored["tokens"][0]["access_token"],
        "ya29.stale-access-token-long-expired"
    );

    // An access token revoked server-side (401): refreshed once and retried.
    env.fake.control("revoke_access_tokens", Value::Null);
    env.fake.reset_counts();
    cal.sync(window().0, window().1).await.unwrap();
    assert_eq!(env.fake.counts(), json!({ "list": 2, "token": 1 }));

    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o644)).unwrap();
    let err = GoogleCalendar::new(&env.config, USER, &env.state())
        .await
        .err()
        .expect("refused");
    assert_eq!(focusd::cli::exit_code(&err), 78);
    assert!(err.to_string().contains("too open"), "{err}");
    assert!(err.to_string().contains("google-token.json"), "{err}");

    // Not signed in: a clear error, before any request.
    std::fs::remove_file(&cache).unwrap();
    let err = GoogleCalendar::new(&env.config, USER, &env.state())
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("focusd auth google"), "{err}");
}

/// A throwaway RSA key for the service-account test, made with openssl at test time.
fn rsa_key(dir: &Path) -> Option<String> {
    let path = dir.join("sa.pem");
    let ok = std::process::Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
        ])
        .arg(&path)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then(|| std::fs::read_to_string(&path).unwrap())
}

#[tokio::test]
async fn a_service_account_acts_for_its_subject_through_the_jwt_grant() {
    let fake = FakeGoogle::start();
    let dir = tempfile::tempdir().unwrap();
    let Some(pem) = rsa_key(dir.path()) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "openssl is needed under CI"
        );
        eprintln!("SKIPPED: openssl not found");
        return;
    };
    let key_path = dir.path().join("sa.json");
    write_private(
        &key_path,
        &json!({
            "type": "service_account", "project_id": "focusd-test",
            "private_key_id": "k1", "private_key": pem,
            "client_email": "focusd@focusd-test.iam.gserviceaccount.com",
            "client_id": "1234567890",
            "token_uri": "https://oauth2.googleapis.com/token"
        })
        .to_string(),
    );
    seed_week(&fake);
    let config = GoogleConfig {
        service_account: Some(key_path.clone()),
        subject: Some(USER.into()),
        api_root: Some(fake.root()),
        token_uri: Some(fake.token_uri()),
        ..GoogleConfig::default()
    };
    let mut cal = GoogleCalendar::with_options(&config, USER, dir.path(), options())
        .await
        .unwrap();
    let snap = cal.sync(window().0, window().1).await.unwrap();
    assert_eq!(snap.instances.len(), 10);
    let grants = fake.get("/_control/grants").1;
    let claims = &grants[0]["claims"];
    assert_eq!(claims["sub"], USER);
    assert_eq!(claims["scope"], SCOPE);
    assert_eq!(claims["iss"], "focusd@focusd-test.iam.gserviceaccount.com");
    assert_eq!(
        claims["aud"],
        fake.token_uri(),
        "the configured token_uri wins"
    );

    // Delegation not granted for that user: a permanent error that shows no key.
    let other = GoogleConfig {
        subject: Some("someone@example.com".into()),
        ..config.clone()
    };
    let mut cal = GoogleCalendar::with_options(&other, USER, &dir.path().join("o"), options())
        .await
        .unwrap();
    let err = cal.sync(window().0, window().1).await.unwrap_err();
    assert!(matches!(err, BackendError::Permanent(_)), "{err:?}");
    assert!(err.to_string().contains("UnauthorizedClient"), "{err}");
    let text = format!("{err} {err:?}");
    for line in pem.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!text.contains(line));
    }

    // A key readable by others is refused like the token cache.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let err = GoogleCalendar::new(&config, USER, dir.path())
        .await
        .err()
        .unwrap();
    assert!(err.to_string().contains("too open"), "{err}");
}

/// A configuration for `focusd auth google` against the fake; `more` is added to `[google]`.
fn auth_config(dir: &Path, fake: &FakeGoogle, me: &str, more: &str) -> (PathBuf, PathBuf) {
    let secret = client_secret_file(dir, fake);
    let cache = dir.join("tokens/google-token.json");
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "me = \"{me}\"\n[google]\nclient_secret = \"{}\"\ntoken_cache = \"{}\"\napi_root = \"{}\"\n{more}",
            secret.display(),
            cache.display(),
            fake.root()
        ),
    )
    .unwrap();
    (config, cache)
}

/// One query parameter, percent-decoded.
fn query_param(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then(|| {
            let mut out = Vec::new();
            let b = v.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'%' {
                    out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
                    i += 3;
                } else {
                    out.push(if b[i] == b'+' { b' ' } else { b[i] });
                    i += 1;
                }
            }
            String::from_utf8(out).unwrap()
        })
    })
}

struct SignIn {
    status: std::process::ExitStatus,
    stdout: String,
    /// Everything printed on stderr.
    printed: String,
}

/// Runs `focusd auth google`, reads the address it prints, lets `before_browser` act with the
/// loopback port and the address's query (an attacker, say), then plays the browser: the
/// fake's authorization page redirects back to the loopback listener.
fn sign_in_via_browser(
    fake: &FakeGoogle,
    config: &Path,
    before_browser: impl FnOnce(u16, &str),
) -> SignIn {
    use std::io::{BufRead, BufReader, Read};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_focusd"))
        .args(["auth", "google", "--config"])
        .arg(config)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut printed = String::new();
    let query = loop {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "no URL in: {printed}"
        );
        printed.push_str(&line);
        if let Some(u) = line.trim().strip_prefix(&format!("{}auth?", fake.root())) {
            break u.to_string();
        }
    };
    let redirect = query_param(&query, "redirect_uri").unwrap();
    let port: u16 = redirect
        .strip_prefix("http://127.0.0.1:")
        .expect("loopback on 127.0.0.1")
        .parse()
        .unwrap();
    before_browser(port, &query);
    // The browser: the authorization page redirects back to the loopback address.
    let (status, headers, _) = raw_request(fake.port, "GET", &format!("/auth?{query}"), None);
    assert_eq!(status, 302);
    let location = headers
        .iter()
        .find(|(k, _)| k == "location")
        .map(|(_, v)| v.clone())
        .unwrap();
    let back = location
        .strip_prefix(&format!("http://127.0.0.1:{port}"))
        .expect("back to the loopback listener");
    // As a browser sends it: `http://127.0.0.1:PORT?code=...` asks for `/?code=...`.
    let back = format!("/{}", back.trim_start_matches('/'));
    let (status, _, _) = raw_request(port, "GET", &back, None);
    assert_eq!(status, 200, "the browser's redirect is taken");
    let out = child.wait_with_output().unwrap();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    printed.push_str(&rest);
    SignIn {
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        printed,
    }
}

/// `focusd auth google` end to end: the real binary, the fake's authorization page acting
/// as the browser, the loopback redirect with `state`, the PKCE code exchange and the
/// stored token.
#[test]
fn auth_google_signs_in_through_the_loopback_redirect() {
    let fake = FakeGoogle::start();
    let dir = tempfile::tempdir().unwrap();
    let (config, cache) = auth_config(dir.path(), &fake, USER, "");
    let run = sign_in_via_browser(&fake, &config, |_, _| {});
    assert!(run.status.success(), "{}\n{}", run.stdout, run.printed);
    assert!(
        run.stdout
            .contains(&format!("Signed in to Google Calendar as {USER}.")),
        "{}",
        run.stdout
    );
    assert_eq!(mode(&cache), 0o600);

    // Only the events scope, offline access, a 127.0.0.1 redirect, a random state and an
    // S256 challenge.
    let asked = &fake.get("/_control/auth_requests").1[0];
    assert_eq!(asked["scope"], SCOPE);
    assert_eq!(asked["access_type"], "offline");
    assert!(
        asked["redirect_uri"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    assert!(asked["state"].as_str().unwrap().len() >= 43, "{asked}");
    assert_eq!(asked["code_challenge_method"], "S256");
    assert_eq!(asked["code_challenge"].as_str().unwrap().len(), 43);
    // The code was redeemed with the verifier that matches the challenge (the fake checks).
    let grants = fake.get("/_control/grants").1;
    assert_eq!(grants[0]["grant"], "authorization_code", "{grants}");
    assert_eq!(grants[0]["pkce"], true, "{grants}");

    // Nothing secret was printed: not the client secret, not the tokens.
    let stored: Value = serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    let token = &stored["tokens"][0];
    assert_eq!(token["scopes"], json!([SCOPE]));
    for secret in [
        CLIENT_SECRET,
        token["refresh_token"].as_str().unwrap(),
        token["access_token"].as_str().unwrap(),
    ] {
        assert!(
            !run.stdout.contains(secret) && !run.printed.contains(secret),
            "{secret} leaked"
        );
    }

    // The stored token is what the daemon refreshes from.
    let config = GoogleConfig {
        client_secret: Some(dir.path().join("client_secret.json")),
        token_cache: Some(cache.clone()),
        api_root: Some(fake.root()),
        ..GoogleConfig::default()
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut cal = GoogleCalendar::with_options(&config, USER, &dir.path().join("s"), options())
            .await
            .unwrap();
        cal.sync(window().0, window().1).await.unwrap();
    });
}

/// Safety finding 17: while `focusd auth google` waits, another local process sends the
/// loopback listener a code of its own (fetched from the authorization page with no state),
/// then one with a wrong state. Both are refused with 400 and never redeemed; the real
/// browser's redirect still signs in.
#[test]
fn auth_google_refuses_an_injected_code_without_its_state() {
    let fake = FakeGoogle::start();
    let dir = tempfile::tempdir().unwrap();
    let (config, cache) = auth_config(dir.path(), &fake, USER, "");
    let mut injected = Vec::new();
    let run = sign_in_via_browser(&fake, &config, |port, query| {
        let state = query_param(query, "state").unwrap();
        // The attacker's own code, as the repro got it: its own redirect, no state.
        let (status, headers, _) = raw_request(
            fake.port,
            "GET",
            &format!(
                "/auth?client_id={CLIENT_ID}&response_type=code&scope=x&redirect_uri=http://127.0.0.1:9/"
            ),
            None,
        );
        assert_eq!(status, 302);
        let location = &headers.iter().find(|(k, _)| k == "location").unwrap().1;
        let code = query_param(location.split_once('?').unwrap().1, "code").unwrap();
        for target in [
            format!("/?code={code}"),
            format!("/?code={code}&state=not-{state}"),
            format!("/?code={code}&state="),
            format!("/?error=access_denied&state={}", &state[1..]),
        ] {
            let (status, _, body) = raw_request(port, "GET", &target, None);
            assert_eq!(status, 400, "{target} accepted");
            assert!(
                String::from_utf8_lossy(&body).contains("does not belong"),
                "{target}"
            );
        }
        let (status, _, _) = raw_request(port, "GET", "/favicon.ico", None);
        assert_eq!(status, 404);
        injected.push(code);
    });
    assert!(run.status.success(), "{}\n{}", run.stdout, run.printed);
    let grants = fake.get("/_control/grants").1;
    let redeemed: Vec<&Value> = grants
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["grant"] == "authorization_code")
        .collect();
    assert_eq!(redeemed.len(), 1, "{grants}");
    assert_ne!(
        redeemed[0]["code"], injected[0],
        "the injected code was redeemed"
    );
    assert!(cache.exists());
}

/// An account other than `me` (or an alias) is an error, and its token is not kept: an
/// earlier sign-in stays as it was. With the account among the aliases, it signs in.
#[test]
fn auth_google_as_another_account_is_an_error_and_keeps_no_token() {
    let fake = FakeGoogle::start();
    let dir = tempfile::tempdir().unwrap();
    let (config, cache) = auth_config(dir.path(), &fake, "alex@example.com", "");
    let run = sign_in_via_browser(&fake, &config, |_, _| {});
    assert_eq!(
        run.status.code(),
        Some(78),
        "{}\n{}",
        run.stdout,
        run.printed
    );
    assert!(
        run.printed.contains(&format!("signed in as {USER}")) && run.printed.contains("not kept"),
        "{}",
        run.printed
    );
    assert!(!cache.exists(), "a token was kept");
    assert!(!run.stdout.contains("Signed in"), "{}", run.stdout);

    // An earlier sign-in is left as it was.
    std::fs::create_dir_all(cache.parent().unwrap()).unwrap();
    write_private(&cache, "{\"tokens\": []}");
    let run = sign_in_via_browser(&fake, &config, |_, _| {});
    assert_eq!(run.status.code(), Some(78), "{}", run.printed);
    assert_eq!(std::fs::read_to_string(&cache).unwrap(), "{\"tokens\": []}");

    // The account is one of the user's aliases: signed in.
    let (config, cache) = auth_config(
        dir.path(),
        &fake,
        "alex@example.com",
        &format!("aliases = [\"{}\"]\n", USER.to_uppercase()),
    );
    let run = sign_in_via_browser(&fake, &config, |_, _| {});
    assert!(run.status.success(), "{}\n{}", run.stdout, run.printed);
    let stored: Value = serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    assert!(stored["tokens"][0]["refresh_token"].is_string());

    // Without `me` there is nothing to check the account against: refused before any
    // address is shown.
    std::fs::write(
        &config,
        std::fs::read_to_string(&config)
            .unwrap()
            .replace("me = \"alex@example.com\"\n", ""),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_focusd"))
        .args(["auth", "google", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`me`"));
}

/// Every error text and every line printed, for every failure we can provoke, is free of
/// the client secret and the tokens.
#[tokio::test]
async fn secrets_never_appear_in_errors() {
    let env = Env::installed();
    let mut texts = Vec::new();
    let mut cal = env.calendar().await;
    cal.sync(window().0, window().1).await.unwrap();
    let stored: Value =
        serde_json::from_slice(&std::fs::read(env.config.token_cache.as_ref().unwrap()).unwrap())
            .unwrap();
    let access = stored["tokens"][0]["access_token"]
        .as_str()
        .unwrap()
        .to_string();

    for fault in [
        json!({ "kind": "list", "status": 400, "message": format!("bad token {access} {REFRESH}") }),
        json!({ "kind": "list", "type": "truncate", "count": 4 }),
        json!({ "kind": "list", "status": 500, "count": 4, "html": true }),
    ] {
        env.fake.fault(fault);
        let e = cal.sync(window().0, window().1).await.unwrap_err();
        texts.push(format!("{e} / {e:?}"));
    }
    // A revoked refresh token: the refresh fails and nobody may be asked to sign in here.
    env.fake.control("revoke_access_tokens", Value::Null);
    let mut cfg = env.config.clone();
    let cache = env.dir.path().join("state/other-token.json");
    write_private(
        &cache,
        &json!({ "tokens": [{ "scopes": [SCOPE], "access_token": "ya29.revoked-access-0001",
            "refresh_token": "1//revoked-refresh-token-0001", "expires_at": 1, "id_token": null }] })
        .to_string(),
    );
    cfg.token_cache = Some(cache);
    let mut revoked = GoogleCalendar::with_options(&cfg, USER, &env.state(), options())
        .await
        .unwrap();
    let e = revoked.sync(window().0, window().1).await.unwrap_err();
    assert!(e.to_string().contains("focusd auth google"), "{e}");
    texts.push(format!("{e} / {e:?}"));
    // A wrong client secret on file.
    let bad = env.dir.path().join("bad.json");
    std::fs::write(
        &bad,
        format!("{{\"installed\": {{\"client_secret\": \"{CLIENT_SECRET}\""),
    )
    .unwrap();
    cfg.client_secret = Some(bad);
    let e = GoogleCalendar::new(&cfg, USER, &env.state())
        .await
        .err()
        .unwrap();
    texts.push(format!("{e} / {e:?}"));

    for text in &texts {
        for secret in [
            CLIENT_SECRET,
            REFRESH,
            &access,
            "1//revoked-refresh-token-0001",
            "ya29.revoked-access-0001",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
    assert!(
        texts[0].contains("[redacted]"),
        "the server's echo was scrubbed: {}",
        texts[0]
    );
}

/// A configuration for `focusd run` against the fake (`google` is more of the `[google]`
/// table), with `policy` as its policy file.
fn run_config(env: &Env, google: &str, policy: &str) -> PathBuf {
    let dir = env.dir.path();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "me = \"{USER}\"\npolicy = \"policy.toml\"\n\n[google]\nclient_secret = \"{}\"\ntoken_cache = \"{}\"\napi_root = \"{}\"\n{google}",
            env.config.client_secret.as_ref().unwrap().display(),
            env.config.token_cache.as_ref().unwrap().display(),
            env.fake.root()
        ),
    )
    .unwrap();
    std::fs::write(dir.join("policy.toml"), policy).unwrap();
    config
}

/// `focusd run --once` at a fixed time; it must succeed and log no secret. Returns stderr.
fn run_once(env: &Env, config: &Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_focusd"))
        .args(["--config"])
        .arg(config)
        .args(["--state-dir"])
        .arg(env.state())
        .args(["run", "--once", "--now", "2026-11-30T08:00:00+01:00"])
        .env("XDG_CONFIG_HOME", env.dir.path().join("no-config"))
        .env_remove("NOTIFY_SOCKET")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains(REFRESH) && !stderr.contains(CLIENT_SECRET),
        "a secret in the log: {stderr}"
    );
    stderr
}

/// Issue 3's "done means": `focusd run --once` syncs a Google calendar served locally, books
/// focusTime blocks and declines an agenda-less invitation; a second run changes nothing and
/// costs one list request.
#[test]
fn run_once_books_focus_time_and_declines_then_a_second_run_costs_one_list() {
    let env = Env::installed();
    let mut invite = timed(
        "agendaless01",
        "Sync",
        "2026-12-02T10:00:00Z",
        "2026-12-02T11:00:00Z",
    );
    invite["organizer"] = json!({ "email": "boss@example.com" });
    invite["attendees"] = json!([
        { "email": "boss@example.com", "organizer": true, "responseStatus": "accepted" },
        { "email": "peer@example.com", "responseStatus": "accepted" },
        { "email": USER, "self": true, "responseStatus": "needsAction" },
    ]);
    let meeting = timed(
        "meeting01",
        "Planning",
        "2026-12-01T09:00:00Z",
        "2026-12-01T10:00:00Z",
    );
    env.fake.seed(json!([invite, meeting]));
    let before = env.fake.event("agendaless01").unwrap();

    let config = run_config(
        &env,
        "",
        "[team]\ntimezone = \"Europe/Berlin\"\n[focus]\nhorizon_days = 5\n[meetings]\ndecline_existing = true\nnotify_organizer = false\n",
    );
    let run = || run_once(&env, &config);
    run();
    let events = env.fake.events();
    let blocks: Vec<&Value> = events
        .iter()
        .filter(|e| e["eventType"] == "focusTime")
        .collect();
    assert!(blocks.len() >= 3, "focus blocks booked: {events:#?}");
    for b in &blocks {
        assert_eq!(b["extendedProperties"]["private"]["focusd"], "block", "{b}");
        assert_eq!(
            b["focusTimeProperties"]["autoDeclineMode"],
            "declineOnlyNewConflictingInvitations"
        );
    }
    // The policy's notify_organizer = false reaches Google as sendUpdates=none.
    let patch = env
        .fake
        .log()
        .into_iter()
        .find(|r| r["kind"] == "patch")
        .expect("the decline is a patch");
    assert_eq!(patch["query"]["sendUpdates"][0], "none", "{patch}");
    let after = env.fake.event("agendaless01").unwrap();
    let me = after["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == USER)
        .unwrap();
    assert_eq!(me["responseStatus"], "declined");
    // Every other attendee and field as it was.
    for (k, v) in before.as_object().unwrap() {
        if k != "attendees" && k != "etag" && k != "updated" && k != "sequence" {
            assert_eq!(&after[k], v, "field {k} changed");
        }
    }
    let others = |e: &Value| -> Vec<Value> {
        e["attendees"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["email"] != USER)
            .cloned()
            .collect()
    };
    assert_eq!(others(&after), others(&before));

    env.fake.control("reset_counts", json!({}));
    run();
    let counts = env.fake.counts();
    assert_eq!(
        counts["list"], 1,
        "an unchanged calendar costs one list: {counts}"
    );
    for write in ["insert", "patch", "delete", "update"] {
        assert!(
            counts.get(write).is_none_or(|v| v == 0),
            "{write} on a second run: {counts}"
        );
    }
}

const BOSS: &str = "boss@example.com";

/// Safety finding 1's setup: the user (`me@example.com`) also reads a manager's calendar.
/// `bossinv` is on the manager's calendar only, where `self` marks the manager; `shared1` is
/// on both, accepted by the user; `bossonly` lists the user but is on the manager's calendar
/// only; `primaryinv` is an agenda-less invitation on the user's own calendar.
fn seed_two_calendars(fake: &FakeGoogle) {
    let mut bossinv = timed(
        "bossinv01",
        "Vendor pitch",
        "2026-12-02T13:00:00Z",
        "2026-12-02T14:00:00Z",
    );
    bossinv["organizer"] = json!({ "email": "vendor@example.net" });
    bossinv["attendees"] = json!([
        { "email": BOSS, "self": true, "responseStatus": "needsAction" },
        { "email": "vendor@example.net", "organizer": true, "responseStatus": "accepted" },
        { "email": "c1@example.com", "responseStatus": "needsAction" },
    ]);
    let shared = |self_is_boss: bool| {
        let mut e = timed(
            "shared001",
            "Planning",
            "2026-12-03T13:00:00Z",
            "2026-12-03T14:00:00Z",
        );
        e["organizer"] = json!({ "email": "org@example.com" });
        e["attendees"] = if self_is_boss {
            json!([
                { "email": "org@example.com", "organizer": true, "responseStatus": "accepted" },
                { "email": BOSS, "self": true, "responseStatus": "needsAction" },
                { "email": USER, "responseStatus": "accepted" },
            ])
        } else {
            json!([
                { "email": "org@example.com", "organizer": true, "responseStatus": "accepted" },
                { "email": BOSS, "responseStatus": "needsAction" },
                { "email": USER, "self": true, "responseStatus": "accepted" },
            ])
        };
        e
    };
    let mut bossonly = timed(
        "bossonly1",
        "Quick chat",
        "2026-12-04T13:00:00Z",
        "2026-12-04T14:00:00Z",
    );
    bossonly["organizer"] = json!({ "email": "vendor@example.net" });
    bossonly["attendees"] = json!([
        { "email": "vendor@example.net", "organizer": true, "responseStatus": "accepted" },
        { "email": BOSS, "self": true, "responseStatus": "needsAction" },
        { "email": USER, "responseStatus": "needsAction" },
    ]);
    let mut bossfocus = timed(
        "bossfocus1",
        "Boss focus",
        "2026-12-01T13:00:00Z",
        "2026-12-01T16:00:00Z",
    );
    bossfocus["eventType"] = json!("focusTime");
    bossfocus["organizer"] = json!({ "email": BOSS, "self": true });
    bossfocus["extendedProperties"] = json!({ "private": { "focusd": "block" } });
    fake.control(
        "seed",
        json!({ "calendar": BOSS, "events": [bossinv, shared(true), bossonly, bossfocus] }),
    );
    let mut primaryinv = timed(
        "primaryinv1",
        "Sync",
        "2026-12-02T10:00:00Z",
        "2026-12-02T11:00:00Z",
    );
    invite_from(&mut primaryinv, "pm@example.com");
    fake.seed(json!([shared(false), primaryinv]));
}

fn stored(fake: &FakeGoogle, calendar: &str, id: &str) -> Value {
    fake.get(&format!("/_control/event?calendar={calendar}&id={id}"))
        .1
}

/// Safety finding 1, reproduced: with a manager's calendar in `calendars`, `run --once`
/// declines the agenda-less invitation on the user's own calendar and nothing else. No
/// request writes to the manager's calendar, the user's accepted `shared1` stays accepted,
/// and a second run writes nothing.
#[test]
fn run_once_with_a_second_calendar_decides_and_writes_only_on_the_users_own() {
    let env = Env::installed();
    seed_two_calendars(&env.fake);
    let before_boss: Vec<Value> = ["bossinv01", "shared001", "bossonly1", "bossfocus1"]
        .iter()
        .map(|id| stored(&env.fake, BOSS, id))
        .collect();
    let shared_before = env.fake.event("shared001").unwrap();
    let config = run_config(
        &env,
        &format!("calendars = [\"primary\", \"{BOSS}\"]\n"),
        "[team]\ntimezone = \"Europe/Berlin\"\n[focus]\nhorizon_days = 5\n[meetings]\ndecline_existing = true\n",
    );
    let log = run_once(&env, &config);

    let writes: Vec<Value> = env
        .fake
        .log()
        .into_iter()
        .filter(|r| r["method"] != "GET")
        .collect();
    for w in &writes {
        let path = w["path"].as_str().unwrap();
        assert!(
            path.starts_with("/calendar/v3/calendars/primary/"),
            "a write outside the primary calendar: {w}\n{log}"
        );
    }
    let patches: Vec<&Value> = writes.iter().filter(|w| w["kind"] == "patch").collect();
    assert_eq!(patches.len(), 1, "one decline: {patches:#?}\n{log}");
    assert_eq!(
        patches[0]["path"],
        "/calendar/v3/calendars/primary/events/primaryinv1"
    );
    // The manager's calendar as it was, and the user's own answer on shared1 too.
    for (id, before) in ["bossinv01", "shared001", "bossonly1", "bossfocus1"]
        .iter()
        .zip(&before_boss)
    {
        assert_eq!(&stored(&env.fake, BOSS, id), before, "{id} changed");
    }
    assert_eq!(env.fake.event("shared001").unwrap(), shared_before);
    let declined = env.fake.event("primaryinv1").unwrap();
    assert_eq!(declined["attendees"][2]["responseStatus"], "declined");

    // A second run: the calendars are unchanged, so nothing is written.
    env.fake.reset_counts();
    let log = run_once(&env, &config);
    let counts = env.fake.counts();
    for write in ["insert", "patch", "delete", "update"] {
        assert!(
            counts.get(write).is_none_or(|v| v == 0),
            "{write} on a second run: {counts}\n{log}"
        );
    }
}

fn two_calendar_config(env: &Env) -> GoogleConfig {
    GoogleConfig {
        calendars: vec!["primary".into(), BOSS.into()],
        aliases: vec!["Me.Alias@Example.com".into()],
        ..env.config.clone()
    }
}

/// What the core gets from a second calendar: busy time that is never an invitation, never
/// a focus block, and never the user's; a shared event once, from the user's copy. Writes
/// that name an event known only from the other calendar are refused before any request.
#[tokio::test]
async fn another_calendars_copies_are_busy_time_and_refused_for_writes() {
    let env = Env::installed();
    seed_two_calendars(&env.fake);
    // On the user's calendar: an invitation to an alias (no `self` flag), an entry marked
    // `self` under someone else's address, and focus time that another person organized.
    let mut to_alias = timed(
        "toalias01",
        "Design review",
        "2026-12-07T10:00:00Z",
        "2026-12-07T11:00:00Z",
    );
    to_alias["organizer"] = json!({ "email": "pm@example.com" });
    to_alias["attendees"] = json!([
        { "email": "pm@example.com", "organizer": true, "responseStatus": "accepted" },
        { "email": " ME.alias@example.COM", "responseStatus": "needsAction" },
    ]);
    let mut wrong_self = timed(
        "wrongself1",
        "Someone's",
        "2026-12-07T12:00:00Z",
        "2026-12-07T13:00:00Z",
    );
    wrong_self["organizer"] = json!({ "email": "pm@example.com" });
    wrong_self["attendees"] = json!([
        { "email": "pm@example.com", "organizer": true, "responseStatus": "accepted" },
        { "email": "other@example.com", "self": true, "responseStatus": "needsAction" },
    ]);
    let mut evil_focus = timed(
        "evilfocus1",
        "Blocked",
        "2026-12-08T08:00:00Z",
        "2026-12-08T16:00:00Z",
    );
    evil_focus["eventType"] = json!("focusTime");
    evil_focus["organizer"] = json!({ "email": "mallory@evil.example", "self": true });
    evil_focus["attendees"] = json!([
        { "email": "mallory@evil.example", "organizer": true, "self": true, "responseStatus": "accepted" },
        { "email": USER, "responseStatus": "needsAction" },
    ]);
    // A meeting the user created on a team calendar of theirs: that calendar organizes it,
    // the user is a guest who has not answered; it is still the user's own.
    let mut created = timed(
        "created01",
        "Team sync",
        "2026-12-09T10:00:00Z",
        "2026-12-09T11:00:00Z",
    );
    created["creator"] = json!({ "email": USER });
    created["organizer"] = json!({ "email": "team1@group.calendar.google.com" });
    created["attendees"] = json!([
        { "email": USER, "self": true, "responseStatus": "needsAction" },
        { "email": "peer@example.com", "responseStatus": "needsAction" },
    ]);
    env.fake
        .seed(json!([to_alias, wrong_self, evil_focus, created]));
    let mut cal =
        GoogleCalendar::with_options(&two_calendar_config(&env), USER, &env.state(), options())
            .await
            .unwrap();
    let snap = cal.sync(window().0, window().1).await.unwrap();
    assert!(snap.diagnostics.is_empty(), "{:?}", snap.diagnostics);
    let by_id = |id: &str| -> Vec<&focusd::event::Instance> {
        snap.instances
            .iter()
            .filter(|i| i.details.id == id)
            .collect()
    };
    let (now, until) = (t("2026-11-30T07:00:00Z"), t("2026-12-12T00:00:00Z"));
    let invitation =
        |i: &focusd::event::Instance| focusd::triage::is_invitation(i, USER, now, until);

    // The shared event once, the user's copy: accepted.
    let shared = by_id("shared001");
    assert_eq!(shared.len(), 1);
    assert!(!shared[0].details.foreign_calendar);
    assert_eq!(
        shared[0].details.role(USER),
        Role::Attendee(Response::Accepted)
    );
    // The manager's events: busy time, never an invitation, never the user's focus.
    for id in ["bossinv01", "bossonly1", "bossfocus1"] {
        let i = by_id(id);
        assert_eq!(i.len(), 1, "{id}");
        let i = i[0];
        assert!(i.details.foreign_calendar, "{id}");
        assert_eq!(i.details.role(USER), Role::NotInvited, "{id}");
        assert!(!invitation(i), "{id} would be triaged");
        assert!(i.is_meeting(USER), "{id} is busy time");
        assert!(!i.is_focus_block(USER) && !i.details.focusd_block, "{id}");
        assert_eq!(i.details.source, format!("google:{BOSS}"));
    }
    // The user's own calendar: the alias is the user, `self` on another address is not,
    // and focus time organized by someone else is an ordinary invitation.
    let alias = by_id("toalias01")[0];
    assert_eq!(
        alias.details.role(USER),
        Role::Attendee(Response::NeedsAction)
    );
    assert!(invitation(alias));
    assert_eq!(by_id("wrongself1")[0].details.role(USER), Role::NotInvited);
    let created = by_id("created01")[0];
    assert_eq!(created.details.role(USER), Role::Organizer);
    assert!(!invitation(created));
    let evil = by_id("evilfocus1")[0];
    assert_eq!(evil.details.kind, EventKind::Default);
    assert!(!evil.is_focus_block(USER) && invitation(evil));
    assert_eq!(
        evil.details.role(USER),
        Role::Attendee(Response::NeedsAction)
    );
    assert_eq!(
        by_id("primaryinv1")[0].details.role(USER),
        Role::Attendee(Response::NeedsAction)
    );

    // Writes naming the manager's events: refused, nothing sent.
    env.fake.reset_counts();
    let boss_ref = EventRef {
        id: "bossinv01".into(),
        recurrence_id: None,
    };
    let err = cal
        .respond(&boss_ref, Response::Declined, Some("no"))
        .await
        .unwrap_err();
    assert!(matches!(err, BackendError::Permanent(_)), "{err:?}");
    assert!(err.to_string().contains(BOSS), "{err}");
    let err = cal.delete_block("bossfocus1").await.unwrap_err();
    assert!(matches!(err, BackendError::Permanent(_)), "{err:?}");
    let err = cal
        .put_block(&block(
            "bossfocus1",
            "2026-12-01T13:00:00Z",
            "2026-12-01T16:00:00Z",
        ))
        .await
        .unwrap_err();
    assert!(matches!(err, BackendError::Permanent(_)), "{err:?}");
    assert_eq!(env.fake.counts(), json!({}), "no request at all");

    // The alias's invitation is answered on the user's calendar, under the alias's entry.
    let alias_ref = alias.event_ref();
    assert_eq!(
        cal.respond(&alias_ref, Response::Declined, Some("no agenda"))
            .await
            .unwrap(),
        Written::Done
    );
    let patch = env
        .fake
        .log()
        .into_iter()
        .find(|r| r["kind"] == "patch")
        .unwrap();
    assert_eq!(
        patch["path"],
        "/calendar/v3/calendars/primary/events/toalias01"
    );
    let sent: Value = serde_json::from_str(patch["body"].as_str().unwrap()).unwrap();
    assert_eq!(sent["attendees"][0]["email"], " ME.alias@example.COM");
    // After a restart, before any sync (as `focusd undo` runs): still refused, from the cache.
    let mut fresh =
        GoogleCalendar::with_options(&two_calendar_config(&env), USER, &env.state(), options())
            .await
            .unwrap();
    env.fake.reset_counts();
    let err = fresh
        .respond(&boss_ref, Response::NeedsAction, None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains(BOSS), "{err}");
    assert_eq!(env.fake.counts(), json!({}), "no request at all");
    // `self` on another person's entry does not make it the user's.
    let wrong = EventRef {
        id: "wrongself1".into(),
        recurrence_id: None,
    };
    let err = cal
        .respond(&wrong, Response::Declined, None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("among its guests"), "{err}");
    assert_eq!(
        env.fake.event("wrongself1").unwrap()["attendees"][1]["responseStatus"],
        "needsAction"
    );
}

/// Without the user's own calendar among `calendars`, or without `me`, there is nothing focusd
/// may decide from: a configuration error before any request.
#[tokio::test]
async fn the_users_own_calendar_and_address_are_required() {
    let env = Env::installed();
    let only_boss = GoogleConfig {
        calendars: vec![BOSS.into()],
        ..env.config.clone()
    };
    let err = GoogleCalendar::new(&only_boss, USER, &env.state())
        .await
        .err()
        .expect("refused");
    assert_eq!(focusd::cli::exit_code(&err), 78);
    assert!(err.to_string().contains("\"primary\""), "{err}");
    // The user's address names the primary calendar too.
    let by_address = GoogleConfig {
        calendars: vec![USER.to_uppercase(), BOSS.into()],
        ..env.config.clone()
    };
    assert!(
        GoogleCalendar::new(&by_address, USER, &env.state())
            .await
            .is_ok()
    );
    let err = GoogleCalendar::new(&env.config, " ", &env.state())
        .await
        .err()
        .expect("refused");
    assert_eq!(focusd::cli::exit_code(&err), 78);
    assert!(err.to_string().contains("`me`"), "{err}");
    assert_eq!(env.fake.counts(), json!({}));
}

/// The answer is the user's entry alone with `attendeesOmitted`, so an organizer who edits
/// the guest list and the description between focusd's get and its patch loses nothing.
#[tokio::test]
async fn an_organizers_change_between_get_and_patch_is_kept() {
    let env = Env::installed();
    env.fake.seed(json!([rich_invitation()]));
    let mut cal = env.calendar().await;
    let before = env.fake.event("rich0001").unwrap();
    let mut guests = before["attendees"].as_array().unwrap().clone();
    guests.push(json!({ "email": "late@example.com", "responseStatus": "needsAction" }));
    guests.retain(|a| a["email"] != "bob@other.example");
    env.fake.fault(json!({
        "kind": "patch", "type": "mutate", "id": "rich0001",
        "patch": { "attendees": guests, "description": "<p>Agenda: the roadmap.</p>" }
    }));
    let event = EventRef {
        id: "rich0001".into(),
        recurrence_id: None,
    };
    assert_eq!(
        cal.respond(&event, Response::Declined, Some("busy"))
            .await
            .unwrap(),
        Written::Done
    );
    let after = env.fake.event("rich0001").unwrap();
    assert_eq!(after["description"], "<p>Agenda: the roadmap.</p>");
    let emails: Vec<&str> = after["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["email"].as_str().unwrap())
        .collect();
    assert!(emails.contains(&"late@example.com"), "{emails:?}");
    assert!(!emails.contains(&"bob@other.example"), "{emails:?}");
    let mine = after["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == "Me@Example.com")
        .unwrap();
    assert_eq!(mine["responseStatus"], "declined");
    assert_eq!(mine["comment"], "busy");

    // The withdrawal clears the comment the same way: the user's entry alone.
    cal.respond(&event, Response::NeedsAction, None)
        .await
        .unwrap();
    let last = env
        .fake
        .log()
        .into_iter()
        .rev()
        .find(|e| e["kind"] == "patch")
        .unwrap();
    let sent: Value = serde_json::from_str(last["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        sent,
        json!({
            "attendees": [{ "email": "Me@Example.com", "responseStatus": "needsAction", "comment": "" }],
            "attendeesOmitted": true
        })
    );
    let back = env.fake.event("rich0001").unwrap();
    let mine = back["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == "Me@Example.com")
        .unwrap();
    assert_eq!(mine["responseStatus"], "needsAction");
    assert!(mine.get("comment").is_none(), "{mine}");
    assert_eq!(back["attendees"].as_array().unwrap().len(), emails.len());
}

/// Safety finding 3 on Google: a recurring invitation is decided once, for the series: one
/// PATCH of the series itself (so one e-mail to the organizer), never one per instance; a
/// second run writes nothing.
#[test]
fn a_recurring_invitation_is_one_decline_of_the_series() {
    let env = Env::installed();
    let mut series = timed(
        "series01",
        "Daily sync",
        "2026-12-01T08:00:00Z",
        "2026-12-01T08:45:00Z",
    );
    series["recurrence"] = json!(["RRULE:FREQ=DAILY;COUNT=10"]);
    invite_from(&mut series, BOSS);
    env.fake.seed(json!([series]));
    let config = run_config(
        &env,
        "",
        "[team]\ntimezone = \"Europe/Berlin\"\n[focus]\nhorizon_days = 10\ndaily_target_minutes = 0\nteam_windows = []\n[meetings]\ndecline_existing = true\n",
    );
    run_once(&env, &config);
    let patches: Vec<Value> = env
        .fake
        .log()
        .into_iter()
        .filter(|r| r["kind"] == "patch")
        .collect();
    assert_eq!(patches.len(), 1, "{patches:#?}");
    assert!(
        patches[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("/events/series01"),
        "{}",
        patches[0]
    );
    let master = env.fake.event("series01").unwrap();
    let mine = master["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == USER)
        .unwrap()
        .clone();
    assert_eq!(mine["responseStatus"], "declined", "{master}");
    env.fake.control("reset_counts", json!({}));
    run_once(&env, &config);
    assert!(
        env.fake.counts().get("patch").is_none_or(|v| v == 0),
        "{}",
        env.fake.counts()
    );
}

/// A Google Calendar that keeps failing: `plan` exits 69 (the calendar's service failed),
/// naming the calendar and Google's reason, not a file error.
#[test]
fn plan_on_a_failing_google_calendar_exits_69_with_its_cause() {
    let env = Env::installed();
    env.fake.seed(json!([timed(
        "meeting01",
        "Planning",
        "2026-12-01T09:00:00Z",
        "2026-12-01T10:00:00Z",
    )]));
    let config = run_config(
        &env,
        "",
        "[team]\ntimezone = \"Europe/Berlin\"\n[focus]\nhorizon_days = 5\n",
    );
    env.fake
        .fault(json!({ "kind": "list", "status": 403, "count": 100 }));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_focusd"))
        .args(["--config"])
        .arg(&config)
        .args(["--state-dir"])
        .arg(env.state())
        .args(["plan", "--now", "2026-11-30T08:00:00+01:00"])
        .env("XDG_CONFIG_HOME", env.dir.path().join("no-config"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(69), "{stderr}");
    assert!(stderr.contains("google:primary: "), "{stderr}");
    assert!(stderr.contains("403"), "Google's reason: {stderr}");
    assert!(
        !stderr.contains(REFRESH) && !stderr.contains(CLIENT_SECRET),
        "{stderr}"
    );
}

/// A service-account key JSON (a fresh RSA key from openssl) at mode 0600; `None` (said
/// loudly, a failure under CI) without openssl.
fn service_account_key(dir: &Path) -> Option<PathBuf> {
    let Some(pem) = rsa_key(dir) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "openssl is needed under CI"
        );
        eprintln!("SKIPPED: openssl not found");
        return None;
    };
    let key_path = dir.join("sa.json");
    write_private(
        &key_path,
        &json!({
            "type": "service_account", "project_id": "focusd-test",
            "private_key_id": "k1", "private_key": pem,
            "client_email": "focusd@focusd-test.iam.gserviceaccount.com",
            "client_id": "1234567890",
            "token_uri": "https://oauth2.googleapis.com/token"
        })
        .to_string(),
    );
    Some(key_path)
}

/// One member's week on their own calendar: the team's stand-up series and a private
/// meeting, both with titles no one else should read.
fn seed_member(fake: &FakeGoogle, member: &str, private: &str) {
    let mut standup = timed(
        "standup01",
        "Project Phoenix stand-up",
        "2026-11-30T10:30:00Z",
        "2026-11-30T10:45:00Z",
    );
    standup["recurrence"] = json!(["RRULE:FREQ=DAILY;COUNT=5"]);
    standup["iCalUID"] = json!("standup@team.example");
    invite_from(&mut standup, "lead@team.example");
    standup["attendees"][2] = json!({ "email": member, "responseStatus": "accepted" });
    let mut review = timed(
        "review01",
        private,
        "2026-12-01T13:00:00Z",
        "2026-12-01T14:00:00Z",
    );
    invite_from(&mut review, "hr@team.example");
    review["attendees"][2] = json!({ "email": member, "responseStatus": "accepted" });
    fake.control(
        "seed",
        json!({ "calendar": member, "timeZone": "Europe/Berlin", "events": [standup, review] }),
    );
}

/// `focusd report --team` with a Google configuration: the service account acts for each
/// member in turn (the JWT's `sub`) and reads their primary calendar with one time-bounded
/// list; a member the delegation does not cover is reported as unreadable and the report
/// goes on; no title and no member's address in it.
#[test]
fn the_team_report_reads_each_members_calendar_by_delegation() {
    let fake = FakeGoogle::start();
    let dir = tempfile::tempdir().unwrap();
    let Some(key) = service_account_key(dir.path()) else {
        return;
    };
    let members = ["ana@team.example", "bo@team.example", "cy@team.example"];
    for (k, m) in members.iter().enumerate() {
        seed_member(
            &fake,
            m,
            &format!("Performance review {k} <b>confidential</b>"),
        );
    }
    // cy is not covered by the delegation.
    fake.control("delegate", json!({ "users": &members[..2] }));
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "me = \"lead@team.example\"\n[google]\nservice_account = \"{}\"\napi_root = \"{}\"\ntoken_uri = \"{}\"\n",
            key.display(),
            fake.root(),
            fake.token_uri()
        ),
    )
    .unwrap();
    let policy = dir.path().join("team.toml");
    std::fs::write(
        &policy,
        "[team]\nname = \"platform\"\ntimezone = \"Europe/Berlin\"\n\
         members = [\"ana@team.example\", \"bo@team.example\", \"cy@team.example\"]\n\
         [report]\nteam_to = [\"lead@team.example\"]\n",
    )
    .unwrap();
    fake.reset_counts();
    let report = |format: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_focusd"))
            .arg("--config")
            .arg(&config)
            .arg("--state-dir")
            .arg(dir.path().join("state"))
            .args(["report", "--team", "--policy"])
            .arg(&policy)
            .args(["--week", "2026-W49", "--format", format])
            .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
            .output()
            .unwrap()
    };
    let out = report("json");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("cannot read the calendar of team member cy@team.example"),
        "{stderr}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["members"], 2);
    assert_eq!(json["unreadable"], 1);
    assert_eq!(json["missing"], 0);
    let standup = &json["meetings"][0];
    assert_eq!(standup["members"], 2, "{json}");
    assert_eq!(standup["instances"], 10, "{json}");
    assert!(standup["summary"].is_null());
    assert_eq!(standup["shape"], "15 min, Mon 11:30");
    // One list per member read, bounded by the report's week; a token per member's `sub`.
    let lists: Vec<Value> = fake
        .log()
        .into_iter()
        .filter(|r| r["kind"] == "list")
        .collect();
    assert_eq!(lists.len(), 2, "{lists:?}");
    for l in &lists {
        assert_eq!(l["path"], "/calendar/v3/calendars/primary/events");
        assert_eq!(l["query"]["timeMin"][0], "2026-11-29T23:00:00.000Z", "{l}");
        assert_eq!(l["query"]["timeMax"][0], "2026-12-06T23:00:00.000Z", "{l}");
    }
    let subs: Vec<Value> = fake
        .get("/_control/grants")
        .1
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["claims"]["sub"].clone())
        .collect();
    for m in members {
        assert!(subs.contains(&json!(m)), "a grant for {m}: {subs:?}");
    }
    for format in ["text", "html", "json"] {
        let out = report(format);
        let body = String::from_utf8_lossy(&out.stdout);
        for secret in [
            "Phoenix",
            "Performance review",
            "confidential",
            "ana@",
            "bo@",
            "cy@",
        ] {
            assert!(!body.contains(secret), "{format} leaks {secret}: {body}");
        }
        if format == "text" {
            assert!(
                body.contains("1 member's calendar could not be read"),
                "{body}"
            );
        }
    }
}

/// The Python that has aiosmtpd (the one on the PATH, else Debian's); `None` after saying
/// so, a failure under `CI=true`.
fn smtp_python() -> Option<&'static str> {
    let found = ["python3", "/usr/bin/python3"].into_iter().find(|p| {
        std::process::Command::new(p)
            .args(["-c", "import aiosmtpd"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        let what = "python3-aiosmtpd is needed for the mail tests (scripts/test installs it)";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{what}");
        eprintln!("SKIPPED: {what}");
    }
    found
}

/// The daemon on Google mails the team report it read by delegation: once at the slot, not
/// again on the next cycle, with the member outside the delegation left out and no title.
#[test]
fn the_daemon_on_google_mails_the_team_report_read_by_delegation() {
    use std::io::BufRead;
    let Some(python) = smtp_python() else {
        return;
    };
    let fake = FakeGoogle::start();
    let dir = tempfile::tempdir().unwrap();
    let Some(key) = service_account_key(dir.path()) else {
        return;
    };
    let members = ["ana@team.example", "bo@team.example", "cy@team.example"];
    for (k, m) in members.iter().enumerate() {
        seed_member(
            &fake,
            m,
            &format!("Performance review {k} <b>confidential</b>"),
        );
    }
    fake.control("delegate", json!({ "users": &members[..2] }));
    let mailbox = dir.path().join("mailbox");
    std::fs::create_dir(&mailbox).unwrap();
    /// Stops the SMTP server by its PID however the test ends.
    struct Stop(std::process::Child);
    impl Drop for Stop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut smtp = std::process::Command::new(python)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_server.py"))
        .arg(&mailbox)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map(Stop)
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(smtp.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line.trim().strip_prefix("PORT ").unwrap().parse().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "me = \"{USER}\"\npolicy = \"team.toml\"\n[google]\nservice_account = \"{}\"\napi_root = \"{}\"\ntoken_uri = \"{}\"\n\
             [mail]\nfrom = \"focusd <{USER}>\"\nsmtp = \"127.0.0.1:{port}\"\ntls = \"none\"\n",
            key.display(),
            fake.root(),
            fake.token_uri()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("team.toml"),
        "[team]\nname = \"platform\"\ntimezone = \"Europe/Berlin\"\n\
         members = [\"ana@team.example\", \"bo@team.example\", \"cy@team.example\"]\n\
         [report]\nto = []\nteam_to = [\"lead@team.example\"]\n",
    )
    .unwrap();
    let run = |now: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_focusd"))
            .arg("--config")
            .arg(&config)
            .arg("--state-dir")
            .arg(dir.path().join("state"))
            .args(["run", "--once", "--now", now])
            .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
            .env_remove("NOTIFY_SOCKET")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        stderr
    };
    let messages = || -> Vec<Value> {
        (1..)
            .map_while(|n| std::fs::read_to_string(mailbox.join(format!("{n}.json"))).ok())
            .map(|t| serde_json::from_str(&t).unwrap())
            .collect()
    };
    let stderr = run("2026-12-04T16:00:00+01:00");
    assert!(stderr.contains("team report sent"), "{stderr}");
    assert!(stderr.contains("cy@team.example"), "{stderr}");
    let sent = messages();
    assert_eq!(sent.len(), 1);
    let m = &sent[0];
    assert_eq!(m["rcpt_tos"], json!(["lead@team.example"]));
    let subject = m["headers"]["Subject"].as_str().unwrap();
    assert!(
        subject.starts_with("Team platform: median focus"),
        "{subject}"
    );
    assert!(subject.ends_with("week 49"), "{subject}");
    let text = m["text"].as_str().unwrap();
    assert!(
        text.contains("1 member's calendar could not be read"),
        "{text}"
    );
    let body = format!("{}{}", m["text"], m["html"]);
    for secret in [
        "Phoenix",
        "Performance review",
        "confidential",
        "ana@",
        "bo@",
        "cy@",
    ] {
        assert!(
            !body.contains(secret),
            "the team mail leaks {secret}: {body}"
        );
    }
    run("2026-12-04T16:10:00+01:00");
    assert_eq!(messages().len(), 1, "not again that week");
}
