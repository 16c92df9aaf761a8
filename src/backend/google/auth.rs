//! Credentials: the OAuth client JSON, the service-account key, the token cache, and the
//! daemon's refusal to start an interactive sign-in (`focusd auth google` is in `signin`).
//!
//! Invariant: no secret (client secret, private key, access or refresh token) is ever put
//! into an error message or printed. Parse errors name the file, the line and the column,
//! never the value (serde's "invalid type" messages quote values, so they are not used).

use std::future::Future;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use yup_oauth2::authenticator_delegate::InstalledFlowDelegate;
use yup_oauth2::storage::{TokenInfo, TokenStorage, TokenStorageError};
use yup_oauth2::{ApplicationSecret, ServiceAccountKey};

use crate::config::config_error;
use crate::error::Error;

/// The only scope focusd asks for: read and write events, nothing else of the calendar.
pub const SCOPE: &str = "https://www.googleapis.com/auth/calendar.events";

/// Secrets known to this process, so that any text leaving the backend can be scrubbed of
/// them (a second line of defence behind never formatting them in the first place).
#[derive(Clone, Default)]
pub struct Secrets(Arc<Mutex<Vec<String>>>);

impl Secrets {
    pub fn add(&self, secret: &str) {
        // Short strings would scrub ordinary words; real secrets are long.
        if secret.len() < 8 {
            return;
        }
        let mut list = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if !list.iter().any(|s| s == secret) {
            list.push(secret.to_string());
        }
    }

    pub fn scrub(&self, text: &str) -> String {
        let list = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = text.to_string();
        for s in list.iter() {
            out = out.replace(s.as_str(), "[redacted]");
        }
        out
    }
}

fn read_json(path: &Path, what: &str) -> Result<serde_json::Value, Error> {
    let text = std::fs::read(path)
        .map_err(|e| config_error(path, None, format!("cannot read the {what}: {e}")))?;
    // Syntax errors carry a position and a category, never the text around it.
    serde_json::from_slice(&text).map_err(|e| {
        config_error(
            path,
            Some(e.line()),
            format!("the {what} is not valid JSON (column {})", e.column()),
        )
    })
}

fn field(value: &serde_json::Value, key: &str) -> Option<String> {
    value.get(key).and_then(|v| v.as_str()).map(str::to_string)
}

fn required(
    value: &serde_json::Value,
    key: &str,
    path: &Path,
    what: &str,
) -> Result<String, Error> {
    field(value, key)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| config_error(path, None, format!("the {what} has no `{key}` string")))
}

/// Reads the OAuth client JSON as downloaded from the Google console ("Desktop app", which
/// Google stores under `installed`). `token_uri` overrides the one in the file.
pub fn read_client_secret(
    path: &Path,
    token_uri: Option<&str>,
    secrets: &Secrets,
) -> Result<ApplicationSecret, Error> {
    const WHAT: &str = "OAuth client JSON";
    let value = read_json(path, WHAT)?;
    let inner = match (value.get("installed"), value.get("web")) {
        (Some(v), _) => v,
        (None, Some(_)) => {
            return Err(config_error(
                path,
                None,
                "this OAuth client is of type \"Web application\": create one of type \
                 \"Desktop app\" (see the README)"
                    .into(),
            ));
        }
        (None, None) => &value,
    };
    let client_secret = required(inner, "client_secret", path, WHAT)?;
    secrets.add(&client_secret);
    Ok(ApplicationSecret {
        client_id: required(inner, "client_id", path, WHAT)?,
        client_secret,
        token_uri: token_uri
            .map(str::to_string)
            .or_else(|| field(inner, "token_uri"))
            .unwrap_or_else(|| "https://oauth2.googleapis.com/token".into()),
        auth_uri: field(inner, "auth_uri")
            .unwrap_or_else(|| "https://accounts.google.com/o/oauth2/auth".into()),
        redirect_uris: Vec::new(),
        project_id: field(inner, "project_id"),
        client_email: None,
        auth_provider_x509_cert_url: None,
        client_x509_cert_url: None,
    })
}

/// Reads a service-account key JSON. `token_uri` overrides the one in the file.
pub fn read_service_account(
    path: &Path,
    token_uri: Option<&str>,
    secrets: &Secrets,
) -> Result<ServiceAccountKey, Error> {
    const WHAT: &str = "service-account key JSON";
    refuse_readable_by_others(path)?;
    let value = read_json(path, WHAT)?;
    let private_key = required(&value, "private_key", path, WHAT)?;
    secrets.add(&private_key);
    // The PEM body alone, in case it is quoted without its armour somewhere.
    for line in private_key.lines().filter(|l| l.len() >= 40) {
        secrets.add(line);
    }
    Ok(ServiceAccountKey {
        key_type: field(&value, "type"),
        project_id: field(&value, "project_id"),
        private_key_id: field(&value, "private_key_id"),
        private_key,
        client_email: required(&value, "client_email", path, WHAT)?,
        client_id: field(&value, "client_id"),
        auth_uri: field(&value, "auth_uri"),
        token_uri: token_uri
            .map(str::to_string)
            .or_else(|| field(&value, "token_uri"))
            .unwrap_or_else(|| "https://oauth2.googleapis.com/token".into()),
        auth_provider_x509_cert_url: None,
        client_x509_cert_url: None,
    })
}

/// Like ssh with private keys: a credential file that group or others can read is refused.
pub fn refuse_readable_by_others(path: &Path) -> Result<(), Error> {
    match std::fs::metadata(path) {
        Ok(meta) => {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                return Err(config_error(
                    path,
                    None,
                    format!(
                        "permissions {mode:04o} are too open: this file holds credentials and \
                         must be readable by its owner only (chmod 600 {})",
                        path.display()
                    ),
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(config_error(path, None, format!("cannot read: {e}"))),
    }
}

pub use crate::files::write_private;

/// One cached token as stored on disk (focusd's own format, not yup-oauth2's).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredToken {
    scopes: Vec<String>,
    access_token: Option<String>,
    refresh_token: Option<String>,
    /// Unix seconds.
    expires_at: Option<i64>,
    id_token: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct TokenFile {
    tokens: Vec<StoredToken>,
}

/// The token cache: a JSON file, mode 0600, written atomically; refused when group or others
/// can read it. Keeps the tokens in memory too, and registers them as secrets to scrub.
pub struct TokenStore {
    path: PathBuf,
    tokens: Mutex<Vec<StoredToken>>,
    secrets: Secrets,
}

impl TokenStore {
    /// Opens the cache. `fresh` ignores what is in it (a new sign-in replaces it).
    pub fn open(path: &Path, fresh: bool, secrets: &Secrets) -> Result<TokenStore, Error> {
        refuse_readable_by_others(path)?;
        let tokens = if fresh {
            Vec::new()
        } else {
            match std::fs::read(path) {
                Ok(bytes) => {
                    let file: TokenFile = serde_json::from_slice(&bytes).map_err(|e| {
                        config_error(
                            path,
                            Some(e.line()),
                            format!(
                                "the token cache is damaged (column {}): delete it and run \
                                 `focusd auth google`",
                                e.column()
                            ),
                        )
                    })?;
                    file.tokens
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
                Err(e) => return Err(config_error(path, None, format!("cannot read: {e}"))),
            }
        };
        for t in &tokens {
            register(secrets, t);
        }
        Ok(TokenStore {
            path: path.to_path_buf(),
            tokens: Mutex::new(tokens),
            secrets: secrets.clone(),
        })
    }

    /// Whether a refresh token is stored (someone signed in).
    pub fn signed_in(&self) -> bool {
        let tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        tokens.iter().any(|t| t.refresh_token.is_some())
    }
}

fn register(secrets: &Secrets, t: &StoredToken) {
    for s in [&t.access_token, &t.refresh_token, &t.id_token]
        .into_iter()
        .flatten()
    {
        secrets.add(s);
    }
}

fn same_scopes(a: &[String], b: &[&str]) -> bool {
    let mut a: Vec<&str> = a.iter().map(String::as_str).collect();
    let mut b = b.to_vec();
    a.sort_unstable();
    b.sort_unstable();
    a.dedup();
    b.dedup();
    a == b
}

#[async_trait::async_trait]
impl TokenStorage for TokenStore {
    async fn set(&self, scopes: &[&str], token: TokenInfo) -> Result<(), TokenStorageError> {
        let stored = StoredToken {
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            access_token: token.access_token,
            refresh_token: token.refresh_token,
            expires_at: token.expires_at.map(|t| t.unix_timestamp()),
            id_token: token.id_token,
        };
        register(&self.secrets, &stored);
        let bytes = {
            let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
            tokens.retain(|t| !same_scopes(&t.scopes, scopes));
            tokens.push(stored);
            serde_json::to_vec_pretty(&TokenFile {
                tokens: tokens.clone(),
            })
            .map_err(|_| TokenStorageError::Other("cannot encode the token cache".into()))?
        };
        write_private(&self.path, &bytes).map_err(|e| {
            TokenStorageError::Other(
                format!("cannot write the token cache {}: {e}", self.path.display()).into(),
            )
        })
    }

    async fn get(&self, scopes: &[&str]) -> Option<TokenInfo> {
        let tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        let t = tokens.iter().find(|t| same_scopes(&t.scopes, scopes))?;
        Some(TokenInfo {
            access_token: t.access_token.clone(),
            refresh_token: t.refresh_token.clone(),
            expires_at: t
                .expires_at
                .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok()),
            id_token: t.id_token.clone(),
        })
    }
}

/// For the daemon: never starts an interactive sign-in. When the cached token cannot be
/// refreshed, yup-oauth2 falls back to the installed flow, which this delegate refuses.
pub struct NoInteractiveSignIn;

impl InstalledFlowDelegate for NoInteractiveSignIn {
    fn present_user_url<'a>(
        &'a self,
        _url: &'a str,
        _need_code: bool,
    ) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send + 'a>> {
        Box::pin(async {
            Err(
                "not signed in to Google, or the sign-in could not be refreshed: \
                 run `focusd auth google` if this persists"
                    .to_string(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_bad_files_never_reach_errors() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::default();
        let file = dir.path().join("client.json");
        // A value of the wrong type: serde would quote it; we must not.
        std::fs::write(
            &file,
            r#"{"installed": {"client_id": "id", "client_secret": 12345678901234567890}}"#,
        )
        .unwrap();
        let e = read_client_secret(&file, None, &secrets).unwrap_err();
        assert!(!e.to_string().contains("12345678901234567890"), "{e}");
        std::fs::write(
            &file,
            r#"{"installed": {"client_secret": "s3cr3t-VALUE-xyz", "#,
        )
        .unwrap();
        let e = read_client_secret(&file, None, &secrets).unwrap_err();
        assert!(!e.to_string().contains("s3cr3t"), "{e}");
        assert_eq!(crate::cli::exit_code(&e), 78);
    }

    #[test]
    fn private_files_are_0600_and_open_ones_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/tokens.json");
        write_private(&file, b"{}").unwrap();
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(refuse_readable_by_others(&file).is_ok());
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = refuse_readable_by_others(&file).unwrap_err();
        assert!(e.to_string().contains("too open"), "{e}");
        // Rewriting an open file closes it again.
        write_private(&file, b"{}").unwrap();
        assert!(refuse_readable_by_others(&file).is_ok());
    }

    #[test]
    fn scrub_replaces_known_secrets() {
        let s = Secrets::default();
        s.add("ya29.averysecrettoken");
        s.add("short");
        assert_eq!(
            s.scrub("Bearer ya29.averysecrettoken short"),
            "Bearer [redacted] short"
        );
    }
}
