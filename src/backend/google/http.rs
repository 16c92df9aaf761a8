//! Talking to the API: the HTTP client, one call with a timeout, retries with backoff, and
//! turning the client library's errors into focusd's without leaking response bodies.

use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use google_calendar3::common::{self, Delegate, Retry};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;

use super::auth::Secrets;
use crate::backend::BackendError;

pub type Connector = HttpsConnector<HttpConnector>;

/// TLS with the system's roots for Google; plain http is accepted by the connector, and the
/// configuration only allows it towards 127.0.0.1 / localhost (tests, a local proxy).
pub fn connector() -> std::io::Result<Connector> {
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_connect_timeout(Some(Duration::from_secs(10)));
    Ok(hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()?
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .wrap_connector(http))
}

/// How hard to try before giving up until the next cycle.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts per call, the first included.
    pub attempts: u32,
    /// First backoff; doubled at each retry, with jitter.
    pub base: Duration,
    /// Longest single wait (a longer `Retry-After` gives up at once).
    pub max_wait: Duration,
    /// Timeout of every single request (token refresh included).
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 5,
            base: Duration::from_millis(500),
            max_wait: Duration::from_secs(60),
            timeout: Duration::from_secs(30),
        }
    }
}

/// What a call is, for counting and for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    List,
    Get,
    Insert,
    Patch,
    Delete,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::List => "events.list",
            Kind::Get => "events.get",
            Kind::Insert => "events.insert",
            Kind::Patch => "events.patch",
            Kind::Delete => "events.delete",
        }
    }
}

/// Why a call failed, already stripped of response bodies and tokens.
#[derive(Debug, Clone)]
pub enum Failure {
    /// The API answered with an error status.
    Status {
        code: u16,
        reason: Option<String>,
        message: Option<String>,
        retry_after: Option<Duration>,
    },
    /// The request did not get through (connection refused, reset, DNS).
    Transport(String),
    Timeout,
    /// The answer was not the JSON it should be (truncated, garbled).
    BadJson(String),
    /// No token: not signed in, refresh failed, or the token endpoint refused.
    Auth {
        permanent: bool,
        message: String,
    },
    Other(String),
}

impl Failure {
    pub fn status(&self) -> Option<u16> {
        match self {
            Failure::Status { code, .. } => Some(*code),
            _ => None,
        }
    }

    fn retryable(&self) -> bool {
        match self {
            Failure::Status { code, reason, .. } => match code {
                429 | 500..=599 => true,
                403 => matches!(
                    reason.as_deref(),
                    Some("rateLimitExceeded" | "userRateLimitExceeded")
                ),
                // A token that went stale server-side: refreshed before the retry.
                401 => true,
                _ => false,
            },
            Failure::Transport(_) | Failure::Timeout | Failure::BadJson(_) => true,
            Failure::Auth { permanent, .. } => !permanent,
            Failure::Other(_) => false,
        }
    }

    fn describe(&self, kind: Kind) -> String {
        let what = kind.name();
        match self {
            Failure::Status {
                code,
                reason,
                message,
                ..
            } => {
                let mut s = format!("{what}: HTTP {code}");
                if let Some(r) = reason {
                    s.push_str(&format!(" ({r})"));
                }
                if let Some(m) = message {
                    s.push_str(&format!(": {m}"));
                }
                s
            }
            Failure::Transport(e) => format!("{what}: cannot reach Google Calendar: {e}"),
            Failure::Timeout => format!("{what}: no answer in time"),
            Failure::BadJson(e) => format!("{what}: invalid answer: {e}"),
            Failure::Auth { message, .. } => format!("{what}: {message}"),
            Failure::Other(e) => format!("{what}: {e}"),
        }
    }

    /// focusd's error for a failure that the caller does not handle itself.
    pub fn into_backend(self, kind: Kind, secrets: &Secrets) -> BackendError {
        let text = secrets.scrub(&self.describe(kind));
        match &self {
            Failure::Status { code: 404, .. } => BackendError::NotFound(text),
            f if f.retryable() => BackendError::Transient(text),
            _ => BackendError::Permanent(text),
        }
    }
}

/// Catches the status and headers of a failed response (the client library keeps only the
/// JSON body) and tells the library not to retry on its own: retries are ours.
#[derive(Default)]
pub struct Capture {
    status: Option<u16>,
    retry_after: Option<Duration>,
    reason: Option<String>,
    message: Option<String>,
}

impl Delegate for Capture {
    fn http_failure(
        &mut self,
        response: &common::Response,
        err: Option<&serde_json::Value>,
    ) -> Retry {
        self.status = Some(response.status().as_u16());
        self.retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        if let Some(e) = err.and_then(|v| v.get("error")) {
            self.reason = e
                .pointer("/errors/0/reason")
                .and_then(|v| v.as_str())
                .map(|s| crate::text::shorten(s, 80));
            self.message = e
                .get("message")
                .and_then(|v| v.as_str())
                .map(|s| crate::text::shorten(s, 200));
        }
        Retry::Abort
    }
}

/// Classifies the library's error. Never formats `JsonDecodeError` (it holds the whole
/// body) or `Failure` (it holds headers).
pub fn classify(err: common::Error, capture: Capture) -> Failure {
    use common::Error as E;
    if let Some(code) = capture.status {
        return Failure::Status {
            code,
            reason: capture.reason,
            message: capture.message,
            retry_after: capture.retry_after,
        };
    }
    match err {
        E::HttpError(e) => Failure::Transport(transport_message(&e)),
        E::Io(e) => Failure::Transport(e.kind().to_string()),
        E::JsonDecodeError(_body, e) => Failure::BadJson(json_message(&e)),
        E::MissingToken(e) => auth_failure(e.as_ref()),
        E::BadRequest(v) => Failure::Status {
            code: v
                .pointer("/error/code")
                .and_then(|c| c.as_u64())
                .and_then(|c| u16::try_from(c).ok())
                .unwrap_or(400),
            reason: v
                .pointer("/error/errors/0/reason")
                .and_then(|r| r.as_str())
                .map(|s| crate::text::shorten(s, 80)),
            message: None,
            retry_after: None,
        },
        E::Failure(r) => Failure::Status {
            code: r.status().as_u16(),
            reason: None,
            message: None,
            retry_after: None,
        },
        E::Cancelled => Failure::Other("cancelled".into()),
        E::FieldClash(f) => Failure::Other(format!("parameter clash: {f}")),
        E::MissingAPIKey => Failure::Other("no API key".into()),
        E::UploadSizeLimitExceeded(..) => Failure::Other("upload too large".into()),
    }
}

fn transport_message(e: &hyper_util::client::legacy::Error) -> String {
    if e.is_connect() {
        "connection failed".into()
    } else {
        "the connection broke".into()
    }
}

fn json_message(e: &serde_json::Error) -> String {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "truncated JSON",
        serde_json::error::Category::Syntax => "malformed JSON",
        serde_json::error::Category::Data => "unexpected JSON shape",
        serde_json::error::Category::Io => "unreadable body",
    };
    format!("{what} at line {} column {}", e.line(), e.column())
}

fn auth_failure(e: &(dyn std::error::Error + Send + Sync + 'static)) -> Failure {
    use yup_oauth2::Error as Y;
    match e.downcast_ref::<Y>() {
        Some(Y::AuthError(a)) => Failure::Auth {
            permanent: true,
            message: format!(
                "the token endpoint refused the credentials ({}): check the service account's \
                 domain-wide delegation, or run `focusd auth google`",
                auth_code_name(a)
            ),
        },
        Some(Y::HttpError(_) | Y::HttpClientError(_)) => Failure::Auth {
            permanent: false,
            message: "cannot reach the token endpoint".into(),
        },
        Some(Y::JSONError(e)) => Failure::Auth {
            permanent: false,
            message: format!(
                "invalid answer from the token endpoint: {}",
                json_message(e)
            ),
        },
        // Our own text (the refusal to start an interactive sign-in).
        Some(Y::UserError(m)) => Failure::Auth {
            permanent: false,
            message: m.clone(),
        },
        Some(Y::MissingAccessToken) => Failure::Auth {
            permanent: false,
            message: "the token endpoint answered without an access token".into(),
        },
        Some(Y::StorageError(s)) => Failure::Auth {
            permanent: false,
            message: s.to_string(),
        },
        Some(Y::LowLevelError(e)) => Failure::Auth {
            permanent: true,
            message: format!("cannot use the credentials: {}", e.kind()),
        },
        _ => Failure::Auth {
            permanent: false,
            message: "no access token".into(),
        },
    }
}

fn auth_code_name(a: &yup_oauth2::error::AuthError) -> String {
    // The error code is a fixed vocabulary; the description is the server's free text and
    // is left out.
    let code = format!("{:?}", a.error);
    crate::text::shorten(&code, 60)
}

/// Runs calls with a timeout each, and retries.
#[derive(Clone)]
pub struct Caller {
    pub policy: RetryPolicy,
    pub auth: yup_oauth2::authenticator::Authenticator<Connector>,
    pub secrets: Secrets,
}

impl Caller {
    /// Runs `attempt` until it succeeds, fails for good, or the retry bound is reached.
    /// `attempt` gets a fresh [`Capture`] each time and returns the library's result.
    pub async fn run<T, F, Fut>(&self, kind: Kind, mut attempt: F) -> Result<T, Failure>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = (common::Result<T>, Capture)>,
    {
        let mut refreshed = false;
        let mut n = 0;
        loop {
            n += 1;
            let failure = match tokio::time::timeout(self.policy.timeout, attempt()).await {
                Err(_) => Failure::Timeout,
                Ok((Ok(value), _)) => return Ok(value),
                Ok((Err(e), capture)) => classify(e, capture),
            };
            if !failure.retryable() || n >= self.policy.attempts {
                return Err(failure);
            }
            if failure.status() == Some(401) {
                if refreshed {
                    return Err(failure);
                }
                refreshed = true;
                let fresh = tokio::time::timeout(
                    self.policy.timeout,
                    self.auth.force_refreshed_token(&[super::auth::SCOPE]),
                )
                .await;
                if !matches!(fresh, Ok(Ok(_))) {
                    return Err(failure);
                }
                continue;
            }
            let wait = match &failure {
                Failure::Status {
                    retry_after: Some(d),
                    ..
                } => *d,
                _ => backoff(self.policy.base, n),
            };
            if wait > self.policy.max_wait {
                return Err(failure);
            }
            tracing::debug!(
                call = kind.name(),
                attempt = n,
                wait_ms = wait.as_millis() as u64,
                "retrying a Google Calendar call"
            );
            tokio::time::sleep(wait).await;
        }
    }
}

/// Exponential backoff with "equal jitter": half the delay fixed, half random.
fn backoff(base: Duration, attempt: u32) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    let half = exp / 2;
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let jitter_ms = u64::try_from(half.as_millis()).unwrap_or(u64::MAX).max(1);
    half + Duration::from_millis(random % jitter_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_with_jitter_inside_bounds() {
        let base = Duration::from_millis(100);
        for attempt in 1..6 {
            let full = base * (1 << (attempt - 1));
            for _ in 0..20 {
                let d = backoff(base, attempt);
                assert!(d >= full / 2 && d <= full, "{attempt}: {d:?}");
            }
        }
    }

    #[test]
    fn rate_limits_and_server_errors_retry_others_do_not() {
        let status = |code, reason: Option<&str>| Failure::Status {
            code,
            reason: reason.map(str::to_string),
            message: None,
            retry_after: None,
        };
        assert!(status(429, None).retryable());
        assert!(status(503, None).retryable());
        assert!(status(403, Some("rateLimitExceeded")).retryable());
        assert!(status(403, Some("userRateLimitExceeded")).retryable());
        assert!(!status(403, Some("forbiddenForNonOrganizer")).retryable());
        assert!(!status(400, None).retryable());
        assert!(!status(404, None).retryable());
        assert!(!status(409, Some("duplicate")).retryable());
    }
}
