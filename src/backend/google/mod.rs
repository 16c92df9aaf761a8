//! Google Calendar through `google-calendar3` and `yup-oauth2`.
//!
//! API boundary: [`GoogleCalendar`] (the [`Calendar`] trait), [`sign_in`] for
//! `focusd auth google`, and a few plain option types. Architecture invariant: no type of
//! `google-calendar3` or `yup-oauth2` leaves this module (the crate is unmaintained,
//! RUSTSEC-2025-0066: replacing it must touch this module only).
//!
//! - Sync: per calendar, a full list over a window (`singleEvents`, `timeMin`/`timeMax`),
//!   then incremental lists with the sync token of the last page; 410 means a full resync.
//!   Events are cached under the state directory in focusd's own format, so a restart goes
//!   on incrementally. An unchanged calendar costs one list request and no write.
//! - Writes: blocks are `focusTime` events with a private marker and the planner's
//!   deterministic id (an insert retried after a lost answer gets 409, and is checked, not
//!   repeated); answers send the user's own attendee entry alone with `attendeesOmitted`.
//! - Identity: the user is `me` or an alias, matched by address; Google's `self` flag (the
//!   owner of the calendar a copy was read from) is never used. Only the primary calendar is
//!   the user's: copies from the other configured calendars are busy time, never decided on,
//!   and no write names them.
//! - Every request has a timeout and is retried with backoff on 429, rate-limit 403s and
//!   5xx (honouring `Retry-After`), then gives up as [`BackendError::Transient`].

mod auth;
mod cache;
mod http;
mod signin;
mod wire;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use google_calendar3::CalendarHub;
use google_calendar3::api::Event;
use yup_oauth2::authenticator::Authenticator;
use yup_oauth2::storage::TokenStorage;
use yup_oauth2::{
    CustomHyperClientBuilder, InstalledFlowAuthenticator, InstalledFlowReturnMethod,
    ServiceAccountAuthenticator,
};

use self::auth::{SCOPE, Secrets, TokenStore};
use self::cache::CalendarCache;
use self::http::{Caller, Capture, Connector, Failure, Kind};
use self::wire::{Identity, Origin};
use crate::backend::{BackendError, BlockWrite, Calendar, EventRef, Written};
use crate::config::GoogleConfig;
use crate::error::{Diagnostic, Error};
use crate::event::{Response, Snapshot};

pub use self::auth::refuse_readable_by_others;
pub use self::http::RetryPolicy;

/// Whom Google e-mails about an answer (`sendUpdates`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SendUpdates {
    /// The organizer and guests are told (Google's e-mail to the organizer of a decline).
    #[default]
    All,
    /// Only guests outside the user's Workspace domain.
    ExternalOnly,
    /// Nobody is e-mailed.
    None,
}

impl SendUpdates {
    fn as_str(self) -> &'static str {
        match self {
            SendUpdates::All => "all",
            SendUpdates::ExternalOnly => "externalOnly",
            SendUpdates::None => "none",
        }
    }
}

/// Tuning for the backend; the defaults suit Google.
#[derive(Debug, Clone, Copy)]
pub struct Tuning {
    pub retry: RetryPolicy,
    /// `maxResults` per list page (Google allows up to 2500).
    pub page_size: u32,
    /// A full sync reads this much beyond the asked window, so that the window can move
    /// forward for a while on incremental syncs alone.
    pub window_slack: chrono::Duration,
    /// Whom answers are e-mailed to.
    pub send_updates: SendUpdates,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            retry: RetryPolicy::default(),
            page_size: 250,
            window_slack: chrono::Duration::days(28),
            send_updates: SendUpdates::All,
        }
    }
}

const GOOGLE_ROOT: &str = "https://www.googleapis.com/";

/// One Google Calendar call through a [`Caller`] (its timeout, retries, token refresh and
/// error classification): each attempt builds the request with `$request`, adds the scope
/// and a fresh [`Capture`], sends it, and maps the library's answer with `$answer`. The
/// library's types stay inside these calls.
macro_rules! google_call {
    ($caller:expr, $kind:expr, $request:expr, $answer:expr $(,)?) => {
        $caller.run($kind, move || async move {
            let mut capture = Capture::default();
            let r = $request
                .add_scope(SCOPE)
                .delegate(&mut capture)
                .doit()
                .await;
            (r.map($answer), capture)
        })
    };
}
const PRIMARY: &str = "primary";

/// A Google account's calendars as a focusd [`Calendar`].
pub struct GoogleCalendar {
    hub: CalendarHub<Connector>,
    caller: Caller,
    identity: Identity,
    /// `calendars` as configured (the audit log's key).
    configured: Vec<String>,
    /// The calendars read: `primary` first, then the others, each once.
    calendars: Vec<String>,
    state_dir: PathBuf,
    caches: BTreeMap<String, CalendarCache>,
    loaded: bool,
    load_diagnostics: Vec<Diagnostic>,
    options: Tuning,
    /// Learned: whether the account accepts `focusTime` events.
    focus_time: Option<bool>,
}

/// A configuration error about a file of the `[google]` table (its line is not known).
fn google_config_error(path: &Path, reason: impl Into<String>) -> Error {
    crate::config::config_error(path, None, reason.into())
}

fn hyper_client<B>(connector: &Connector) -> hyper_util::client::legacy::Client<Connector, B>
where
    B: hyper::body::Body + Send,
    B::Data: Send,
{
    hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .pool_idle_timeout(Duration::from_secs(30))
        .build(connector.clone())
}

fn tls_connector() -> Result<Connector, Error> {
    http::connector().map_err(|source| Error::Io {
        context: "cannot load the system's TLS root certificates".into(),
        source,
    })
}

fn api_root(config: &GoogleConfig) -> String {
    let mut root = config
        .api_root
        .clone()
        .unwrap_or_else(|| GOOGLE_ROOT.to_string());
    if !root.ends_with('/') {
        root.push('/');
    }
    root
}

fn hub(
    connector: &Connector,
    auth: Authenticator<Connector>,
    config: &GoogleConfig,
) -> CalendarHub<Connector> {
    let mut hub = CalendarHub::new(hyper_client(connector), auth);
    let root = api_root(config);
    hub.base_url(format!("{root}calendar/v3/"));
    hub.root_url(root);
    hub.user_agent(format!("focusd/{}", env!("CARGO_PKG_VERSION")));
    hub
}

impl GoogleCalendar {
    /// Sets up the backend for the user `me`, with its sync cache under `state_dir`.
    /// Fails (exit 78) on unreadable or too open credential files, and when nobody signed
    /// in yet. Makes no request.
    pub async fn new(config: &GoogleConfig, me: &str, state_dir: &Path) -> Result<Self, Error> {
        Self::with_options(config, me, state_dir, Tuning::default()).await
    }

    pub async fn with_options(
        config: &GoogleConfig,
        me: &str,
        state_dir: &Path,
        options: Tuning,
    ) -> Result<Self, Error> {
        Self::with_connector(config, me, state_dir, options, tls_connector()?).await
    }

    /// As [`GoogleCalendar::with_options`], over a connector already made (its roots
    /// loaded once for many accounts).
    async fn with_connector(
        config: &GoogleConfig,
        me: &str,
        state_dir: &Path,
        options: Tuning,
        connector: Connector,
    ) -> Result<Self, Error> {
        let identity = Identity::new(me, &config.aliases);
        let me = identity.me.clone();
        if me.is_empty() {
            return Err(google_config_error(
                Path::new("[google]"),
                "set `me` to your Google address: focusd recognises you by address \
                 (`me` and [google] `aliases`), never by Google's `self` flag",
            ));
        }
        let calendars = read_calendars(&config.calendars, &identity);
        if !calendars.iter().any(|c| c == PRIMARY) {
            return Err(google_config_error(
                Path::new("[google]"),
                "`calendars` must include \"primary\" (your own calendar): focusd decides and \
                 writes only there, the other calendars are busy time",
            ));
        }
        let secrets = Secrets::default();
        let timeout = options.retry.timeout;
        let token_uri = config.token_uri.as_deref();
        let client = CustomHyperClientBuilder::from(hyper_client(&connector));
        let auth = if let Some(path) = &config.service_account {
            let key = auth::read_service_account(path, token_uri, &secrets)?;
            let subject = config.subject.clone().unwrap_or_else(|| me.clone());
            if subject.is_empty() {
                return Err(google_config_error(
                    path,
                    "a service account acts for a user: set `subject` in [google] or `me`",
                ));
            }
            ServiceAccountAuthenticator::with_client(key, client)
                .subject(subject)
                .with_timeout(timeout)
                .build()
                .await
                .map_err(|e| {
                    google_config_error(
                        path,
                        secrets.scrub(&format!("cannot use the service-account key: {e}")),
                    )
                })?
        } else if let Some(path) = &config.client_secret {
            let app = auth::read_client_secret(path, token_uri, &secrets)?;
            let cache = config.token_cache_path().ok_or_else(|| {
                google_config_error(path, "no token cache: set `token_cache` or HOME")
            })?;
            let store = TokenStore::open(&cache, false, &secrets)?;
            if !store.signed_in() {
                return Err(google_config_error(
                    &cache,
                    "not signed in to Google: run `focusd auth google`",
                ));
            }
            InstalledFlowAuthenticator::with_client(
                app,
                InstalledFlowReturnMethod::Interactive,
                client,
            )
            .flow_delegate(Box::new(auth::NoInteractiveSignIn))
            .with_storage(Box::new(store))
            .with_timeout(timeout)
            .build()
            .await
            .map_err(|e| google_config_error(&cache, format!("cannot use the token cache: {e}")))?
        } else {
            return Err(google_config_error(
                Path::new("[google]"),
                "set `client_secret` (sign in with `focusd auth google`) or `service_account`",
            ));
        };
        Ok(GoogleCalendar {
            hub: hub(&connector, auth.clone(), config),
            caller: Caller {
                policy: options.retry,
                auth,
                secrets,
            },
            identity,
            configured: config.calendars.clone(),
            calendars,
            state_dir: state_dir.to_path_buf(),
            caches: BTreeMap::new(),
            loaded: false,
            load_diagnostics: Vec::new(),
            options,
            focus_time: None,
        })
    }

    /// Whom answers are e-mailed to from now on.
    pub fn set_send_updates(&mut self, send_updates: SendUpdates) {
        self.options.send_updates = send_updates;
    }

    fn backend_error(&self, failure: Failure, kind: Kind) -> BackendError {
        failure.into_backend(kind, &self.caller.secrets)
    }

    fn load_caches(&mut self) {
        if self.loaded {
            return;
        }
        self.loaded = true;
        for cal in &self.calendars {
            let path = cache::path(&self.state_dir, cal);
            match CalendarCache::load(&path, &self.identity.me, cal) {
                Ok(Some(c)) => {
                    self.caches.insert(cal.clone(), c);
                }
                Ok(None) => {}
                Err(reason) => self
                    .load_diagnostics
                    .push(Diagnostic::warning(path, None, reason)),
            }
        }
    }

    /// All pages of one list. `Err(None)` is 410 Gone: the sync token (or a page token) is
    /// no longer valid and a full sync is needed.
    async fn list_all(
        &self,
        calendar: &str,
        mode: ListMode<'_>,
    ) -> Result<Listed, Option<Failure>> {
        let mut listed = Listed::default();
        let mut page_token: Option<String> = None;
        loop {
            let hub = &self.hub;
            let page = page_token.as_deref();
            let size = i32::try_from(self.options.page_size).unwrap_or(250);
            let result = google_call!(
                self.caller,
                Kind::List,
                {
                    let call = hub
                        .events()
                        .list(calendar)
                        .single_events(true)
                        .max_results(size);
                    let call = match mode {
                        ListMode::Incremental(token) => call.sync_token(token),
                        ListMode::Full(min, max) => call.time_min(min).time_max(max),
                    };
                    match page {
                        Some(p) => call.page_token(p),
                        None => call,
                    }
                },
                |(_, events)| events,
            )
            .await;
            let events = match result {
                Ok(e) => e,
                Err(f) if f.status() == Some(410) => return Err(None),
                Err(f) => return Err(Some(f)),
            };
            if listed.time_zone.is_none() {
                listed.time_zone = events.time_zone;
            }
            if listed.summary.is_none() {
                listed.summary = events.summary;
            }
            listed.items.extend(events.items.unwrap_or_default());
            match events.next_page_token {
                Some(next) if !next.is_empty() => page_token = Some(next),
                _ => {
                    listed.sync_token = events.next_sync_token;
                    return Ok(listed);
                }
            }
        }
    }

    async fn sync_calendar(
        &mut self,
        calendar: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<(), BackendError> {
        let old = self.caches.get(calendar).cloned();
        let source = format!("google:{calendar}");
        let mut next = None;
        if let Some(cache) = &old
            && let Some(token) = &cache.sync_token
            && from >= cache.time_min
            && to <= cache.time_max
        {
            match self.list_all(calendar, ListMode::Incremental(token)).await {
                Ok(listed) => {
                    let mut c = cache.clone();
                    apply_changes(&mut c, listed, &source, diagnostics);
                    next = Some(c);
                }
                Err(None) => {} // 410: the full sync below
                Err(Some(f)) => return Err(self.backend_error(f, Kind::List)),
            }
        }
        let next = match next {
            Some(c) => c,
            None => {
                let (min, max) = (from, to + self.options.window_slack);
                // A page token can expire in the middle of a long list: start over once.
                let mut tries = 0;
                let listed = loop {
                    tries += 1;
                    match self.list_all(calendar, ListMode::Full(min, max)).await {
                        Ok(l) => break l,
                        Err(None) if tries < 2 => continue,
                        Err(None) => {
                            return Err(BackendError::Transient(
                                "events.list: full sync answered 410 twice".into(),
                            ));
                        }
                        Err(Some(f)) => return Err(self.backend_error(f, Kind::List)),
                    }
                };
                let mut c = CalendarCache::empty(&self.identity.me, calendar);
                c.time_min = min;
                c.time_max = max;
                apply_changes(&mut c, listed, &source, diagnostics);
                c
            }
        };
        if old.as_ref() != Some(&next) {
            let path = cache::path(&self.state_dir, calendar);
            if let Err(e) = next.save(&path) {
                // Not fatal: the next run syncs in full.
                diagnostics.push(Diagnostic::warning(
                    path,
                    None,
                    format!("cannot write the sync cache: {e}"),
                ));
            }
        }
        self.caches.insert(calendar.to_string(), next);
        Ok(())
    }

    async fn get_event(&self, calendar: &str, id: &str) -> Result<Event, Failure> {
        let hub = &self.hub;
        google_call!(
            self.caller,
            Kind::Get,
            hub.events().get(calendar, id),
            |(_, ev)| ev,
        )
        .await
    }

    async fn insert_event(&self, event: &Event) -> Result<Event, Failure> {
        let hub = &self.hub;
        google_call!(
            self.caller,
            Kind::Insert,
            hub.events()
                .insert(event.clone(), PRIMARY)
                .send_updates("none"),
            |(_, ev)| ev,
        )
        .await
    }

    async fn patch_event(
        &self,
        calendar: &str,
        id: &str,
        patch: &Event,
        send_updates: SendUpdates,
    ) -> Result<Event, Failure> {
        let hub = &self.hub;
        google_call!(
            self.caller,
            Kind::Patch,
            hub.events()
                .patch(patch.clone(), calendar, id)
                .send_updates(send_updates.as_str()),
            |(_, ev)| ev,
        )
        .await
    }

    async fn delete_event(&self, id: &str) -> Result<(), Failure> {
        let hub = &self.hub;
        google_call!(
            self.caller,
            Kind::Delete,
            hub.events().delete(PRIMARY, id).send_updates("none"),
            |_| (),
        )
        .await
    }

    /// After a 409 on insert: the block exists. Checks it is focusd's, and moves it to the
    /// asked times if it differs (or revives it if it was deleted: Google keeps deleted
    /// events' ids, so a block re-planned at the same times must be revived, not inserted).
    async fn settle_existing(&self, block: &BlockWrite) -> Result<Written, BackendError> {
        let existing = self
            .get_event(PRIMARY, &block.id)
            .await
            .map_err(|f| self.backend_error(f, Kind::Get))?;
        if !wire::is_focusd(&existing) {
            return Err(BackendError::Permanent(format!(
                "{} event {} exists and was not booked by focusd: left alone",
                super::ID_TAKEN,
                block.id
            )));
        }
        if wire::block_matches(&existing, block) {
            return Ok(Written::AlreadyDone);
        }
        self.patch_event(
            PRIMARY,
            &block.id,
            &wire::block_patch(block),
            SendUpdates::None,
        )
        .await
        .map_err(|f| self.backend_error(f, Kind::Patch))?;
        Ok(Written::Done)
    }

    /// Writes go to the primary calendar only. An id that focusd knows only from another
    /// calendar (a manager's, a team's) is refused: acting on it would act on somebody
    /// else's copy. (The caches are loaded first, so `undo` without a sync checks too.)
    fn refuse_foreign(&self, id: &str) -> Result<(), BackendError> {
        if self
            .caches
            .get(PRIMARY)
            .is_some_and(|c| c.events.contains_key(id))
        {
            return Ok(());
        }
        match self
            .caches
            .iter()
            .find(|(cal, c)| cal.as_str() != PRIMARY && c.events.contains_key(id))
        {
            Some((cal, _)) => Err(BackendError::Permanent(format!(
                "event {id} is on the calendar {cal}, not on yours: focusd writes only to your \
                 primary calendar"
            ))),
            None => Ok(()),
        }
    }
}

/// The calendars to read, `primary` first: the user's own address names the primary
/// calendar too, and each calendar is read once.
fn read_calendars(configured: &[String], identity: &Identity) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for cal in configured {
        let cal = cal.trim();
        let cal = if cal == PRIMARY || identity.matches(cal) {
            PRIMARY.to_string()
        } else {
            cal.to_string()
        };
        if !out.contains(&cal) {
            out.push(cal);
        }
    }
    if let Some(i) = out.iter().position(|c| c == PRIMARY) {
        let primary = out.remove(i);
        out.insert(0, primary);
    }
    out
}

#[derive(Clone, Copy)]
enum ListMode<'a> {
    Incremental(&'a str),
    Full(DateTime<Utc>, DateTime<Utc>),
}

#[derive(Default)]
struct Listed {
    items: Vec<Event>,
    sync_token: Option<String>,
    time_zone: Option<String>,
    summary: Option<String>,
}

/// Applies listed events to the cache: cancelled ones are removed (a cancelled series takes
/// its instances along), others replace what was there.
fn apply_changes(
    cache: &mut CalendarCache,
    listed: Listed,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for ev in &listed.items {
        let Some(id) = ev.id.as_deref() else {
            continue;
        };
        if ev.status.as_deref() == Some("cancelled") {
            cache.events.remove(id);
            cache
                .events
                .retain(|_, c| c.recurring_event_id.as_deref() != Some(id));
            continue;
        }
        match wire::from_google(ev) {
            Ok(c) => {
                cache.events.insert(c.id.clone(), c);
            }
            Err(reason) => diagnostics.push(Diagnostic::error(
                source,
                None,
                format!("skipped: {reason}"),
            )),
        }
    }
    if listed.sync_token.is_some() {
        cache.sync_token = listed.sync_token;
    }
    if listed.time_zone.is_some() {
        cache.time_zone = listed.time_zone;
    }
}

impl Calendar for GoogleCalendar {
    fn key(&self) -> super::CalendarKey {
        super::CalendarKey::Google(self.configured.clone())
    }

    /// `notify_organizer` chooses whether Google e-mails the organizer.
    fn configure(&mut self, settings: &super::Settings) {
        self.set_send_updates(if settings.notify_organizer {
            SendUpdates::All
        } else {
            SendUpdates::None
        });
    }

    async fn sync(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Snapshot, BackendError> {
        self.load_caches();
        let mut diagnostics = std::mem::take(&mut self.load_diagnostics);
        for cal in self.calendars.clone() {
            self.sync_calendar(&cal, from, to, &mut diagnostics).await?;
        }
        let mut instances = Vec::new();
        // A shared event that is on the user's own calendar too is decided from that copy
        // alone: other calendars' copies of it are left out.
        let (own_ids, own_uids) = match self.caches.get(PRIMARY) {
            Some(c) => (
                c.events.keys().cloned().collect::<BTreeSet<String>>(),
                c.events
                    .values()
                    .map(|e| (e.uid.clone(), e.original_start))
                    .collect::<BTreeSet<_>>(),
            ),
            None => Default::default(),
        };
        for cal in &self.calendars {
            let Some(cache) = self.caches.get(cal) else {
                continue;
            };
            let origin = if cal == PRIMARY {
                Origin::Own
            } else {
                Origin::Foreign
            };
            let zone = cache
                .time_zone
                .as_deref()
                .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
                .unwrap_or(chrono_tz::UTC);
            let source = format!("google:{cal}");
            for c in cache.events.values() {
                if origin == Origin::Foreign
                    && (own_ids.contains(&c.id)
                        || own_uids.contains(&(c.uid.clone(), c.original_start)))
                {
                    continue;
                }
                let i = wire::to_instance(c, zone, &source, &self.identity, origin);
                let overlaps =
                    i.start < to && (i.end > from || (i.start == i.end && i.start >= from));
                if overlaps && c.status != "cancelled" {
                    instances.push(i);
                }
            }
        }
        instances
            .sort_by(|a, b| (a.start, a.end, &a.details.id).cmp(&(b.start, b.end, &b.details.id)));
        Ok(Snapshot {
            instances,
            diagnostics,
        })
    }

    async fn put_block(&mut self, block: &BlockWrite) -> Result<Written, BackendError> {
        self.load_caches();
        self.refuse_foreign(&block.id)?;
        let focus_time = self.focus_time != Some(false);
        match self
            .insert_event(&wire::block_event(block, focus_time))
            .await
        {
            Ok(_) => {
                self.focus_time.get_or_insert(focus_time);
                return Ok(Written::Done);
            }
            Err(f) if f.status() == Some(409) => return self.settle_existing(block).await,
            Err(f) if f.status() == Some(400) && focus_time => {} // the fallback below
            Err(f) => return Err(self.backend_error(f, Kind::Insert)),
        }
        // The account cannot hold focusTime events (not Workspace, not a primary calendar).
        match self.insert_event(&wire::block_event(block, false)).await {
            Ok(_) => {
                self.focus_time = Some(false);
                Ok(Written::Done)
            }
            Err(f) if f.status() == Some(409) => self.settle_existing(block).await,
            Err(f) => Err(self.backend_error(f, Kind::Insert)),
        }
    }

    async fn delete_block(&mut self, id: &str) -> Result<Written, BackendError> {
        self.load_caches();
        self.refuse_foreign(id)?;
        let existing = match self.get_event(PRIMARY, id).await {
            Ok(ev) => ev,
            Err(f) if matches!(f.status(), Some(404 | 410)) => return Ok(Written::AlreadyDone),
            Err(f) => return Err(self.backend_error(f, Kind::Get)),
        };
        if existing.status.as_deref() == Some("cancelled") {
            return Ok(Written::AlreadyDone);
        }
        if !wire::is_focusd(&existing) {
            return Err(BackendError::Permanent(format!(
                "event {id} was not booked by focusd: refusing to delete it"
            )));
        }
        match self.delete_event(id).await {
            Ok(()) => Ok(Written::Done),
            Err(f) if matches!(f.status(), Some(404 | 410)) => Ok(Written::AlreadyDone),
            Err(f) => Err(self.backend_error(f, Kind::Delete)),
        }
    }

    /// Answers on the user's own calendar only, from the copy there. The user's entry is
    /// found by address (`me` or an alias), never by `self`. The patch holds that entry
    /// alone with `attendeesOmitted: true`, Google's way for a guest to answer: the guest
    /// list itself is never sent back, so an organizer's change made meanwhile stays.
    async fn respond(
        &mut self,
        event: &EventRef,
        response: Response,
        comment: Option<&str>,
    ) -> Result<Written, BackendError> {
        let id = instance_id(event);
        self.load_caches();
        self.refuse_foreign(&id)?;
        let existing = self
            .get_event(PRIMARY, &id)
            .await
            .map_err(|f| self.backend_error(f, Kind::Get))?;
        let entry = wire::answer(&existing, &self.identity, response, comment)
            .map_err(|reason| BackendError::Permanent(format!("event {id}: {reason}")))?;
        let Some(patch) = entry else {
            return Ok(Written::AlreadyDone);
        };
        self.patch_event(PRIMARY, &id, &patch, self.options.send_updates)
            .await
            .map_err(|f| self.backend_error(f, Kind::Patch))?;
        Ok(Written::Done)
    }
}

/// How many members' calendars the team report reads at once.
const MEMBERS_AT_ONCE: usize = 16;

/// One team member's calendar as the team report reads it: their instances, or why their
/// calendar could not be read (already scrubbed of secrets).
pub type MemberCalendar = Result<Vec<crate::event::Instance>, String>;

/// The team report's source on Google: the service account of `config`, acting for each of
/// `members` in turn by domain-wide delegation (the token's `sub`), reads that member's
/// primary calendar with one time-bounded list (`timeMin`/`timeMax`, `singleEvents`; as
/// many pages as it takes). Nothing is cached or written. A member whose calendar cannot be
/// read (delegation refused for them, an unknown user, a server error after the retries)
/// gets the reason and never stops the others. Fails only when the configuration has no
/// service account, or its key cannot be used.
pub async fn read_members(
    config: &GoogleConfig,
    members: &[String],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(String, MemberCalendar)>, Error> {
    let Some(key) = &config.service_account else {
        return Err(google_config_error(
            Path::new("[google]"),
            "the team report on Google reads each member's calendar with a service account \
             (domain-wide delegation): set `service_account`, or `[team] calendars` to a \
             folder of the members' calendars",
        ));
    };
    // The key is checked once, before any member: a bad key is the configuration's fault.
    auth::read_service_account(key, config.token_uri.as_deref(), &Secrets::default())?;
    let connector = tls_connector()?;
    // A few members at a time: each costs a token grant and a list (or a few pages).
    let limit = std::sync::Arc::new(tokio::sync::Semaphore::new(MEMBERS_AT_ONCE));
    let mut tasks = tokio::task::JoinSet::new();
    for (n, member) in members.iter().enumerate() {
        let address = crate::event::normalise_address(member);
        let mut one = config.clone();
        one.subject = Some(address.clone());
        one.calendars = vec![PRIMARY.to_string()];
        one.aliases = Vec::new();
        let (connector, limit) = (connector.clone(), std::sync::Arc::clone(&limit));
        tasks.spawn(async move {
            let _permit = limit.acquire_owned().await;
            let cal = GoogleCalendar::with_connector(
                &one,
                &address,
                Path::new(""),
                Tuning::default(),
                connector,
            )
            .await;
            let read = match cal {
                Ok(cal) => cal.read_range(from, to).await.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            (n, address, read)
        });
    }
    let mut out = Vec::with_capacity(members.len());
    while let Some(done) = tasks.join_next().await {
        match done {
            Ok(r) => out.push(r),
            Err(e) => out.push((usize::MAX, String::new(), Err(e.to_string()))),
        }
    }
    // In the policy's order, whatever order the answers came in.
    out.sort_by_key(|(n, _, _)| *n);
    let out = out.into_iter().map(|(_, a, r)| (a, r)).collect();
    Ok(out)
}

impl GoogleCalendar {
    /// The primary calendar's instances between `from` and `to`, from one full list (no
    /// cache read or written).
    async fn read_range(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<crate::event::Instance>, BackendError> {
        let listed = match self.list_all(PRIMARY, ListMode::Full(from, to)).await {
            Ok(l) => l,
            Err(None) => {
                return Err(BackendError::Transient(
                    "events.list: a page token expired".into(),
                ));
            }
            Err(Some(f)) => return Err(self.backend_error(f, Kind::List)),
        };
        let mut cache = CalendarCache::empty(&self.identity.me, PRIMARY);
        let mut diagnostics = Vec::new();
        let source = format!("google:{}", self.identity.me);
        apply_changes(&mut cache, listed, &source, &mut diagnostics);
        let zone = cache
            .time_zone
            .as_deref()
            .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
            .unwrap_or(chrono_tz::UTC);
        let mut instances: Vec<_> = cache
            .events
            .values()
            .filter(|c| c.status != "cancelled")
            .map(|c| wire::to_instance(c, zone, &source, &self.identity, Origin::Own))
            .filter(|i| i.start < to && i.end > from)
            .collect();
        instances
            .sort_by(|a, b| (a.start, a.end, &a.details.id).cmp(&(b.start, b.end, &b.details.id)));
        Ok(instances)
    }
}

/// The id of one instance: events read with `singleEvents` already name their instance;
/// a series id with an original start names the instance Google's way.
fn instance_id(event: &EventRef) -> String {
    match event.recurrence_id {
        Some(rid) if !event.id.contains('_') => {
            format!("{}_{}", event.id, rid.format("%Y%m%dT%H%M%SZ"))
        }
        _ => event.id.clone(),
    }
}

/// Who signed in, and where the token went.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The account's address (its primary calendar's name), checked against `me` and the
    /// aliases.
    pub account: String,
    pub token_cache: PathBuf,
}

/// `focusd auth google`: the installed-app flow with a loopback redirect to 127.0.0.1, with
/// `state` and PKCE (see `signin`). `me` is the configured address: the account that signs
/// in must be `me` or one of `[google] aliases`, or the sign-in is an error and the token is
/// not kept (an earlier sign-in stays). `show` gets the URL to open in a browser; the call
/// returns once the browser came back and the token is stored.
pub async fn sign_in(
    config: &GoogleConfig,
    me: Option<&str>,
    show: impl Fn(&str) + Send + Sync + 'static,
) -> Result<SignedIn, Error> {
    let Some(path) = &config.client_secret else {
        let reason = if config.service_account.is_some() {
            "a service account needs no sign-in: focusd uses its key directly"
        } else {
            "set `client_secret` in [google] to the OAuth client JSON of type \"Desktop app\""
        };
        return Err(google_config_error(Path::new("[google]"), reason));
    };
    let identity = Identity::new(me.unwrap_or_default(), &config.aliases);
    if identity.me.is_empty() {
        return Err(google_config_error(
            Path::new("[google]"),
            "set `me` to the address you sign in with: the account is checked against `me` \
             (and `aliases`) before its token is kept",
        ));
    }
    let secrets = Secrets::default();
    let app = auth::read_client_secret(path, config.token_uri.as_deref(), &secrets)?;
    crate::config::check_endpoint(&app.token_uri)
        .map_err(|e| google_config_error(path, format!("`token_uri`: {e}")))?;
    let cache_path = config
        .token_cache_path()
        .ok_or_else(|| google_config_error(path, "no token cache: set `token_cache` or HOME"))?;
    // Checked now (permissions), written only once the account is known to be the user's.
    let store = TokenStore::open(&cache_path, true, &secrets)?;
    let connector = tls_connector()?;
    let timeout = RetryPolicy::default().timeout;
    let usage = |reason: String| Error::Usage(secrets.scrub(&format!("sign-in failed: {reason}")));

    let loopback = signin::Loopback::bind().await.map_err(|source| Error::Io {
        context: "cannot listen on 127.0.0.1".into(),
        source,
    })?;
    let redirect_uri = loopback.redirect_uri();
    let state = signin::random_token(32).map_err(usage)?;
    let pkce = signin::Pkce::new().map_err(usage)?;
    secrets.add(&pkce.verifier);
    show(&signin::authorization_url(
        &app,
        &redirect_uri,
        &state,
        &pkce.challenge,
    ));
    // The user has ten minutes to finish in the browser.
    let code = tokio::time::timeout(Duration::from_secs(600), loopback.code(&state))
        .await
        .map_err(|_| Error::Usage("sign-in not finished within 10 minutes".into()))?
        .map_err(usage)?;
    drop(loopback);
    secrets.add(&code);
    let token = signin::exchange(
        &connector,
        &app,
        &code,
        &redirect_uri,
        &pkce.verifier,
        timeout,
    )
    .await
    .map_err(usage)?;
    for t in [&token.access_token, &token.refresh_token, &token.id_token]
        .into_iter()
        .flatten()
    {
        secrets.add(t);
    }
    if token.refresh_token.is_none() {
        return Err(usage(
            "Google sent no refresh token: remove focusd's access at \
             https://myaccount.google.com/permissions and sign in again"
                .into(),
        ));
    }

    // Whose token it is, before it is kept: the primary calendar's summary is the account's
    // address (and `calendar.events` may read it, where the calendar list would need a
    // wider scope).
    let held = signin::MemoryStore::new(token);
    let auth = InstalledFlowAuthenticator::with_client(
        app,
        InstalledFlowReturnMethod::Interactive,
        CustomHyperClientBuilder::from(hyper_client(&connector)),
    )
    .flow_delegate(Box::new(auth::NoInteractiveSignIn))
    .with_storage(Box::new(held.clone()))
    .with_timeout(timeout)
    .build()
    .await
    .map_err(|e| google_config_error(path, format!("cannot start the sign-in: {}", e.kind())))?;
    let caller = Caller {
        policy: RetryPolicy::default(),
        auth: auth.clone(),
        secrets: secrets.clone(),
    };
    let hub = hub(&connector, auth, config);
    let hub = &hub;
    let now = crate::clock::now();
    let account = google_call!(
        caller,
        Kind::List,
        hub.events().list(PRIMARY).max_results(1).time_min(now),
        |(_, events)| events.summary,
    )
    .await
    .map_err(|f| {
        usage(format!(
            "cannot read which account signed in ({}); the token was not kept",
            describe(&f)
        ))
    })?
    .map(|a| a.trim().to_string())
    .filter(|a| !a.is_empty())
    .ok_or_else(|| usage("cannot read which account signed in; the token was not kept".into()))?;
    if !identity.matches(&account) {
        return Err(google_config_error(
            Path::new("[google]"),
            format!(
                "signed in as {account}, which is not `me` or one of `aliases` ({}): the token \
                 was not kept. Sign in as {} instead, or correct `me`",
                identity.all().join(", "),
                identity.me
            ),
        ));
    }
    store
        .set(&[SCOPE], held.token())
        .await
        .map_err(|e| usage(e.to_string()))?;
    Ok(SignedIn {
        account,
        token_cache: cache_path,
    })
}

fn describe(f: &Failure) -> String {
    match f {
        Failure::Auth { message, .. } => message.clone(),
        Failure::Status { code, .. } => format!("HTTP {code}"),
        Failure::Transport(m) | Failure::BadJson(m) | Failure::Other(m) => m.clone(),
        Failure::Timeout => "no answer in time".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_ids_follow_google() {
        let series = EventRef {
            id: "abc".into(),
            recurrence_id: Some("2026-12-01T09:00:00Z".parse().unwrap()),
        };
        assert_eq!(instance_id(&series), "abc_20261201T090000Z");
        let inst = EventRef {
            id: "abc_20261201T090000Z".into(),
            recurrence_id: series.recurrence_id,
        };
        assert_eq!(instance_id(&inst), "abc_20261201T090000Z");
    }
}
