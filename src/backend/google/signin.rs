//! The installed-app sign-in of `focusd auth google`, done here instead of by yup-oauth2:
//! its installed flow sends neither `state` nor PKCE, takes the first request that carries
//! any `code`, and leaves a gap between choosing its loopback port and binding it (safety
//! review, finding 17). yup-oauth2 still refreshes the token afterwards.
//!
//! - The loopback listener on 127.0.0.1 is bound before the address is shown and stays bound
//!   until the code arrives: no other process can take the port in between.
//! - A random `state` (256 bits) goes into the address; a request to the listener without
//!   it, or with another one, is answered 400 and ignored, so an injected code is never
//!   redeemed.
//! - PKCE (RFC 7636, `S256`): the code is redeemed with a random verifier whose hash went
//!   into the address, so a code caught on the way is useless to anyone else.
//!
//! Nothing here formats a secret: the code, the verifier and the tokens never appear in an
//! error, and the token endpoint's free-text error description is left out.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use ring::rand::{SecureRandom, SystemRandom};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use yup_oauth2::ApplicationSecret;
use yup_oauth2::storage::{TokenInfo, TokenStorage, TokenStorageError};

use super::auth::SCOPE;
use super::http::Connector;

/// `n` random bytes from the system's CSPRNG, URL-safe base64 without padding.
pub fn random_token(n: usize) -> Result<String, String> {
    let mut bytes = vec![0u8; n];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| "the system's random number generator failed".to_string())?;
    Ok(base64url(&bytes))
}

/// A PKCE pair: the verifier stays here, the challenge goes into the address.
pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

impl Pkce {
    /// A fresh verifier (32 random bytes, 43 characters) and its `S256` challenge.
    pub fn new() -> Result<Pkce, String> {
        let verifier = random_token(32)?;
        Ok(Pkce {
            challenge: challenge(&verifier),
            verifier,
        })
    }
}

/// `BASE64URL(SHA256(verifier))`, RFC 7636 section 4.2.
fn challenge(verifier: &str) -> String {
    base64url(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()).as_ref())
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn percent_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, UNRESERVED).to_string()
}

/// Everything but RFC 3986's unreserved characters is escaped.
const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A query component decoded (`+` is a space); `None` when a `%` is not followed by two hex
/// digits or the bytes are not UTF-8: a redirect that cannot be read is refused, not guessed.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let well_formed = b.iter().enumerate().all(|(i, &c)| {
        c != b'%'
            || b.get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// The query of a request target, decoded; `None` when it cannot be decoded.
fn query_pairs(query: &str) -> Option<Vec<(String, String)>> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Some((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

/// The address the user opens: Google's authorization endpoint with the events scope,
/// offline access (a refresh token), the loopback redirect, `state` and the PKCE challenge.
pub fn authorization_url(
    app: &ApplicationSecret,
    redirect_uri: &str,
    state: &str,
    challenge: &str,
) -> String {
    let params = [
        ("scope", SCOPE),
        ("access_type", "offline"),
        ("redirect_uri", redirect_uri),
        ("response_type", "code"),
        ("client_id", app.client_id.as_str()),
        ("state", state),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ];
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", percent_encode(v)))
        .collect();
    let sep = if app.auth_uri.contains('?') { '&' } else { '?' };
    format!("{}{sep}{}", app.auth_uri, query.join("&"))
}

/// Whether two strings are equal, in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// What one request to the loopback listener was.
#[derive(Debug, PartialEq, Eq)]
enum Callback {
    /// The browser, back with the code.
    Code(String),
    /// The browser, back with an error (the user said no): its code name.
    Refused(String),
    /// A request for the redirect without our `state`: refused, and the wait goes on.
    WrongState,
    /// Anything else (a favicon, a probe): 404, and the wait goes on.
    Other,
}

fn judge(target: &str, state: &str) -> Callback {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path != "/" {
        return Callback::Other;
    }
    let Some(pairs) = query_pairs(query) else {
        return Callback::WrongState;
    };
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let (code, error) = (get("code"), get("error"));
    if code.is_none() && error.is_none() {
        return Callback::Other;
    }
    if !get("state").is_some_and(|s| same(s, state)) {
        return Callback::WrongState;
    }
    match (code, error) {
        (_, Some(e)) => Callback::Refused(clean_code_name(e)),
        (Some(c), None) if !c.is_empty() => Callback::Code(c.to_string()),
        _ => Callback::WrongState,
    }
}

/// An OAuth error code (`access_denied`), never free text.
fn clean_code_name(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(40)
        .collect();
    if s.is_empty() { "unknown".into() } else { s }
}

/// The loopback listener, bound from before the address is shown until the code arrives.
pub struct Loopback {
    listener: TcpListener,
    port: u16,
}

impl Loopback {
    pub async fn bind() -> std::io::Result<Loopback> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let port = listener.local_addr()?.port();
        Ok(Loopback { listener, port })
    }

    /// `http://127.0.0.1:PORT`: named by address, as browsers may resolve `localhost` to
    /// ::1 while the listener is on 127.0.0.1.
    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Serves requests until one comes back with the code and the right `state`, or with
    /// the user's refusal. Requests without the right `state` are refused and ignored.
    pub async fn code(&self, state: &str) -> Result<String, String> {
        loop {
            let Ok((stream, _)) = self.listener.accept().await else {
                // Out of file descriptors, say: wait a little rather than spin.
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            };
            // One slow or silent client must not hold up the browser's request.
            match tokio::time::timeout(Duration::from_secs(10), serve(stream, state)).await {
                Ok(Some(Callback::Code(code))) => return Ok(code),
                Ok(Some(Callback::Refused(e))) => {
                    return Err(format!(
                        "the browser came back with `{e}`: access not granted"
                    ));
                }
                _ => continue,
            }
        }
    }
}

/// Reads one request (head only, at most 16 KiB), answers it, and says what it was.
async fn serve(mut stream: TcpStream, state: &str) -> Option<Callback> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() + n > 16 * 1024 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buf);
    let mut words = head.lines().next().unwrap_or_default().split_whitespace();
    let callback = match (words.next(), words.next()) {
        (Some("GET"), Some(target)) => judge(target, state),
        _ => Callback::Other,
    };
    let (status, text) = match &callback {
        Callback::Code(_) => (
            "200 OK",
            "focusd is signed in to Google Calendar. You can close this tab.",
        ),
        Callback::Refused(_) => (
            "200 OK",
            "Access was not granted; focusd is not signed in. You can close this tab.",
        ),
        Callback::WrongState => (
            "400 Bad Request",
            "This sign-in answer does not belong to the sign-in focusd is waiting for.",
        ),
        Callback::Other => ("404 Not Found", "Not found."),
    };
    let page = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{text}\n",
        text.len() + 1
    );
    let _ = stream.write_all(page.as_bytes()).await;
    let _ = stream.shutdown().await;
    Some(callback)
}

/// Redeems the code at the token endpoint with the PKCE verifier. The error names the HTTP
/// status and Google's error code only.
pub async fn exchange(
    connector: &Connector,
    app: &ApplicationSecret,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
    timeout: Duration,
) -> Result<TokenInfo, String> {
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("client_id", app.client_id.as_str()),
        ("client_secret", app.client_secret.as_str()),
        ("code_verifier", verifier),
    ]
    .iter()
    .map(|(k, v)| format!("{k}={}", percent_encode(v)))
    .collect::<Vec<_>>()
    .join("&");
    let request = hyper::Request::post(app.token_uri.as_str())
        .header(
            hyper::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header(
            hyper::header::USER_AGENT,
            format!("focusd/{}", env!("CARGO_PKG_VERSION")),
        )
        .body(form)
        .map_err(|_| "the token endpoint's address is not a valid URL".to_string())?;
    let client = super::hyper_client::<String>(connector);
    let answer = async {
        let response = client.request(request).await.map_err(|e| {
            if e.is_connect() {
                "cannot reach the token endpoint".to_string()
            } else {
                "the connection to the token endpoint broke".to_string()
            }
        })?;
        let status = response.status().as_u16();
        let body = google_calendar3::common::to_bytes(response.into_body())
            .await
            .ok_or_else(|| "the token endpoint's answer broke off".to_string())?;
        Ok::<_, String>((status, body))
    };
    let (status, body) = tokio::time::timeout(timeout, answer)
        .await
        .map_err(|_| "the token endpoint did not answer in time".to_string())??;
    token_from_answer(status, &body)
}

fn token_from_answer(status: u16, body: &[u8]) -> Result<TokenInfo, String> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        format!(
            "the token endpoint answered HTTP {status} without valid JSON (line {} column {})",
            e.line(),
            e.column()
        )
    })?;
    if let Some(error) = value.get("error") {
        let name = error
            .as_str()
            .or_else(|| error.get("status").and_then(|s| s.as_str()))
            .unwrap_or("unknown");
        return Err(format!(
            "the token endpoint refused the code (HTTP {status}, {})",
            clean_code_name(name)
        ));
    }
    if !(200..300).contains(&status) {
        return Err(format!("the token endpoint answered HTTP {status}"));
    }
    let text = |key: &str| {
        value
            .get(key)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if let Some(kind) = text("token_type")
        && !kind.eq_ignore_ascii_case("bearer")
    {
        return Err("the token endpoint answered with a token that is not a bearer token".into());
    }
    let access_token =
        text("access_token").ok_or("the token endpoint answered without an access token")?;
    let expires_at = value
        .get("expires_in")
        .and_then(|v| v.as_i64())
        .map(|s| time::OffsetDateTime::now_utc() + time::Duration::seconds(s.clamp(0, 86_400)));
    Ok(TokenInfo {
        access_token: Some(access_token),
        refresh_token: text("refresh_token"),
        expires_at,
        id_token: text("id_token"),
    })
}

/// Holds the new token in memory while focusd checks whose it is; only then does it go to
/// the token cache on disk.
#[derive(Clone)]
pub struct MemoryStore(Arc<Mutex<TokenInfo>>);

impl MemoryStore {
    pub fn new(token: TokenInfo) -> MemoryStore {
        MemoryStore(Arc::new(Mutex::new(token)))
    }

    pub fn token(&self) -> TokenInfo {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[async_trait::async_trait]
impl TokenStorage for MemoryStore {
    async fn set(&self, _scopes: &[&str], token: TokenInfo) -> Result<(), TokenStorageError> {
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // A refresh answer carries no refresh token: keep the one from the sign-in.
        let refresh = token.refresh_token.clone().or(held.refresh_token.take());
        *held = TokenInfo {
            refresh_token: refresh,
            ..token
        };
        Ok(())
    }

    async fn get(&self, _scopes: &[&str]) -> Option<TokenInfo> {
        Some(self.token())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_components_are_decoded_strictly_and_encoded_as_rfc_3986_asks() {
        assert_eq!(
            percent_decode("4%2F0Ab_c+d%20e").as_deref(),
            Some("4/0Ab_c d e")
        );
        assert_eq!(percent_decode("a%2Bb").as_deref(), Some("a+b"));
        for bad in ["%", "%4", "%zz", "a%g1", "%ff"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
        assert_eq!(percent_encode("a b/c~d-e.f_g+h"), "a%20b%2Fc~d-e.f_g%2Bh");
        assert_eq!(percent_encode("é"), "%C3%A9");
    }

    #[test]
    fn pkce_follows_rfc_7636_appendix_b() {
        assert_eq!(
            challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        let bytes = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212,
            37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        assert_eq!(
            base64url(&bytes),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        );
        let p = Pkce::new().unwrap();
        assert_eq!(p.verifier.len(), 43);
        assert_eq!(p.challenge, challenge(&p.verifier));
        assert_ne!(Pkce::new().unwrap().verifier, p.verifier);
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
    }

    #[test]
    fn only_the_redirect_with_our_state_is_taken() {
        let state = "s7ate-XYZ";
        assert_eq!(
            judge("/?code=4%2F0Ab-c&state=s7ate-XYZ&scope=x", state),
            Callback::Code("4/0Ab-c".into())
        );
        assert_eq!(judge("/?code=4%2F0Ab", state), Callback::WrongState);
        assert_eq!(
            judge("/?code=4%2F0Ab&state=s7ate-XY", state),
            Callback::WrongState
        );
        assert_eq!(
            judge("/?state=s7ate-XYZ&code=a&state=other", state),
            Callback::Code("a".into()),
            "the first `state` counts"
        );
        assert_eq!(
            judge("/?error=access_denied&state=s7ate-XYZ", state),
            Callback::Refused("access_denied".into())
        );
        assert_eq!(judge("/?error=access_denied", state), Callback::WrongState);
        assert_eq!(judge("/favicon.ico", state), Callback::Other);
        assert_eq!(judge("/", state), Callback::Other);
        assert_eq!(
            judge("/?code=%ZZ&state=s7ate-XYZ", state),
            Callback::WrongState
        );
    }

    #[test]
    fn the_address_carries_state_and_the_s256_challenge() {
        let app = ApplicationSecret {
            client_id: "id.apps.googleusercontent.com".into(),
            auth_uri: "https://accounts.google.com/o/oauth2/auth".into(),
            ..ApplicationSecret::default()
        };
        let url = authorization_url(&app, "http://127.0.0.1:4711", "st", "ch");
        let (base, query) = url.split_once('?').unwrap();
        assert_eq!(base, "https://accounts.google.com/o/oauth2/auth");
        let pairs = query_pairs(query).unwrap();
        let get = |k: &str| pairs.iter().find(|(key, _)| key == k).unwrap().1.clone();
        assert_eq!(get("redirect_uri"), "http://127.0.0.1:4711");
        assert_eq!(get("scope"), SCOPE);
        assert_eq!(get("state"), "st");
        assert_eq!(get("code_challenge"), "ch");
        assert_eq!(get("code_challenge_method"), "S256");
        assert_eq!(get("access_type"), "offline");
    }

    #[test]
    fn token_answers_are_checked_and_errors_hold_no_free_text() {
        let t = token_from_answer(
            200,
            br#"{"access_token":"ya29.a","refresh_token":"1//r","expires_in":3599,"token_type":"Bearer"}"#,
        )
        .unwrap();
        assert_eq!(t.access_token.as_deref(), Some("ya29.a"));
        assert_eq!(t.refresh_token.as_deref(), Some("1//r"));
        assert!(t.expires_at.is_some());
        let e = token_from_answer(
            400,
            br#"{"error":"invalid_grant","error_description":"code 4/secret-code was used"}"#,
        )
        .unwrap_err();
        assert!(
            e.contains("invalid_grant") && !e.contains("secret-code"),
            "{e}"
        );
        let e = token_from_answer(502, b"<html>4/secret-code</html>").unwrap_err();
        assert!(e.contains("HTTP 502") && !e.contains("secret"), "{e}");
        assert!(token_from_answer(200, br#"{"token_type":"Bearer"}"#).is_err());
        assert!(token_from_answer(200, br#"{"access_token":"a","token_type":"mac"}"#).is_err());
    }
}
