//! Mailing the weekly report (SPEC section 5): the message built from a [`Report`] (pure:
//! [`message`]), and the thin shell that sends it, behind the [`Mailer`] trait: SMTP through
//! lettre (STARTTLS, implicit TLS or, to this machine only, none; authentication), or a
//! local sendmail.
//!
//! The password never comes from the command line or the configuration itself: from
//! `password_file` (refused when group or others can read it, as the Google key files are)
//! or `password_env`. Everything from invitations reaches the message only through the
//! report's text and HTML renderings (escaped there); the subject is the headline, made of
//! numbers, so nothing from an invitation reaches a header.

use std::path::Path;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSendmailTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{Config, MailConfig, MailTls};
use crate::error::{Error, MailCause};
use crate::policy::Policy;
use crate::report::{self, Report};

/// Where `List-Unsubscribe` points: how to turn the report off.
pub const UNSUBSCRIBE: &str = "https://github.com/focusd/focusd#turning-the-report-off";

/// `[mail]` as read from the configuration, with its file for error messages.
#[derive(Debug, Clone)]
pub struct Settings {
    pub mail: MailConfig,
    pub file: std::path::PathBuf,
}

impl Settings {
    /// The `[mail]` table of the configuration file in use; an error without one.
    pub fn from_config(file: Option<&Path>) -> Result<Settings, Error> {
        let Some(path) = Config::file(file) else {
            return Err(Error::Usage(
                "no configuration file, so no [mail] table: see the README, \"The weekly report\""
                    .into(),
            ));
        };
        let config = Config::load(Some(&path))?;
        let mail = config.mail.ok_or_else(|| {
            Error::Usage(format!(
                "{}: no [mail] table: see the README, \"The weekly report\"",
                path.display()
            ))
        })?;
        Ok(Settings { mail, file: path })
    }

    /// The `[mail]` table if the configuration in use has one; `None` when mail is not set
    /// up at all (no configuration file, or no `[mail]` in it).
    pub fn configured(file: Option<&Path>) -> Result<Option<Settings>, Error> {
        let Some(path) = Config::file(file) else {
            return Ok(None);
        };
        let config = Config::load(Some(&path))?;
        Ok(config.mail.map(|mail| Settings { mail, file: path }))
    }

    /// The SMTP password from `password_file` or `password_env`, if one is configured.
    pub fn password(&self) -> Result<Option<String>, Error> {
        if let Some(path) = &self.mail.password_file {
            crate::backend::google::refuse_readable_by_others(path)?;
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::Config(crate::error::Diagnostic::error(
                    path,
                    None,
                    format!("cannot read the SMTP password: {e}"),
                ))
            })?;
            return Ok(Some(text.trim_end_matches(['\r', '\n']).to_string()));
        }
        if let Some(var) = &self.mail.password_env {
            return match std::env::var(var) {
                Ok(v) if !v.is_empty() => Ok(Some(v)),
                _ => Err(Error::Config(crate::error::Diagnostic::error(
                    &self.file,
                    None,
                    format!("[mail]: `password_env`: the environment variable {var} is not set"),
                ))),
            };
        }
        Ok(None)
    }
}

/// The policy's `report.to`, with "me" as the user's first address.
pub fn recipients(policy: &Policy, me: &str) -> Result<Vec<String>, Error> {
    expand(&policy.report.to, me, "report.to")
}

/// The policy's `report.team_to`, for the team report.
pub fn team_recipients(policy: &Policy, me: &str) -> Result<Vec<String>, Error> {
    expand(&policy.report.team_to, me, "report.team_to")
}

fn expand(list: &[String], me: &str, key: &str) -> Result<Vec<String>, Error> {
    let mut to = Vec::new();
    for r in list {
        if r.trim().eq_ignore_ascii_case("me") {
            let mine = crate::event::my_addresses(me).next().ok_or_else(|| {
                Error::Usage(
                    "report.to names \"me\", but no address is set: pass --me EMAIL or set `me`"
                        .into(),
                )
            })?;
            to.push(mine);
        } else {
            to.push(r.trim().to_string());
        }
    }
    if to.is_empty() {
        return Err(Error::Usage(format!(
            "{key} is empty: the policy sends this report to no one"
        )));
    }
    Ok(to)
}

fn mailbox(text: &str, what: &str) -> Result<Mailbox, Error> {
    text.parse::<Mailbox>()
        .map_err(|e| Error::Usage(format!("{what} {text:?} is not an e-mail address: {e}")))
}

/// The report as a multipart/alternative message (plain text, then HTML), with Date,
/// Message-ID, the headline as its subject and `List-Unsubscribe`.
pub fn message(
    settings: &Settings,
    to: &[String],
    report: &Report,
    now: DateTime<Utc>,
) -> Result<Message, Error> {
    let parts = Parts {
        id: format!("report.{}", report.week),
        subject: report.headline.clone(),
        text: report::text::render(report),
        html: report::html::render(report),
    };
    compose(settings, to, parts, now)
}

/// What a message carries: its id's stem, subject and both parts.
pub struct Parts {
    pub id: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A multipart/alternative message of `parts` (the subject on one line, no control
/// characters: it is made of numbers and the team's name).
pub fn compose(
    settings: &Settings,
    to: &[String],
    parts: Parts,
    now: DateTime<Utc>,
) -> Result<Message, Error> {
    let from = mailbox(&settings.mail.from, "[mail] from")?;
    let domain = from.email.domain().to_string();
    let mut builder = Message::builder()
        .from(from)
        .subject(crate::text::shorten(&parts.subject, 200))
        .date(SystemTime::from(now))
        .message_id(Some(format!("<{}.{}@{domain}>", parts.id, now.timestamp())))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<{UNSUBSCRIBE}>"),
        ))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".into(),
        ));
    for t in to {
        builder = builder.to(mailbox(t, "report.to")?);
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(parts.text),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(parts.html),
                ),
        )
        .map_err(|e| Error::Mail {
            context: "cannot build the message".into(),
            source: e.into(),
        })
}

/// Where a message goes: an SMTP server or a local sendmail.
#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, message: Message) -> Result<(), MailCause>;
}

struct Smtp(AsyncSmtpTransport<Tokio1Executor>);

#[async_trait::async_trait]
impl Mailer for Smtp {
    async fn send(&self, message: Message) -> Result<(), MailCause> {
        self.0.send(message).await.map(|_| ()).map_err(Into::into)
    }
}

struct Sendmail(AsyncSendmailTransport<Tokio1Executor>);

#[async_trait::async_trait]
impl Mailer for Sendmail {
    async fn send(&self, message: Message) -> Result<(), MailCause> {
        self.0.send(message).await.map_err(Into::into)
    }
}

/// The mailer `[mail]` describes.
pub fn mailer(settings: &Settings) -> Result<Box<dyn Mailer>, Error> {
    let m = &settings.mail;
    if let Some(path) = &m.sendmail {
        return Ok(Box::new(Sendmail(
            AsyncSendmailTransport::<Tokio1Executor>::new_with_command(path),
        )));
    }
    let (host, port) = match m.smtp_host_port() {
        Some(Ok(hp)) => hp,
        Some(Err(e)) => return Err(Error::Usage(e)),
        None => return Err(Error::Usage("[mail]: set `smtp` or `sendmail`".into())),
    };
    let tls = |host: &str| {
        TlsParameters::new(host.to_string()).map_err(|e| Error::Mail {
            context: format!("TLS for {host}"),
            source: e.into(),
        })
    };
    let tls = match m.tls {
        MailTls::Starttls => Tls::Required(tls(&host)?),
        MailTls::Tls => Tls::Wrapper(tls(&host)?),
        MailTls::None if crate::config::is_loopback(&host) => Tls::None,
        MailTls::None => {
            return Err(Error::Usage(format!(
                "[mail]: tls = \"none\" is only for this machine, not {host:?}"
            )));
        }
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(port)
        .tls(tls)
        .timeout(Some(std::time::Duration::from_secs(30)));
    if let Some(user) = &m.username {
        let password = settings.password()?.unwrap_or_default();
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    Ok(Box::new(Smtp(builder.build())))
}

/// Sends one message through the configured mailer.
pub async fn send(settings: &Settings, message: Message) -> Result<(), Error> {
    let mailer = mailer(settings)?;
    let context = match (&settings.mail.sendmail, &settings.mail.smtp) {
        (Some(path), _) => format!("sendmail {}", path.display()),
        (None, Some(smtp)) => format!("SMTP {smtp}"),
        (None, None) => "sending".into(),
    };
    mailer
        .send(message)
        .await
        .map_err(|source| Error::Mail { context, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_has_both_parts_the_headline_and_the_headers() {
        let policy = Policy::default();
        let week = report::Week::parse("2026-W49").unwrap();
        let r = report::build(&[], &policy, "alex@example.com", week, &[], 0);
        let settings = Settings {
            mail: MailConfig {
                from: "focusd <alex@example.com>".into(),
                smtp: Some("127.0.0.1:2525".into()),
                tls: MailTls::None,
                username: None,
                password_file: None,
                password_env: None,
                sendmail: None,
            },
            file: "config.toml".into(),
        };
        let now = DateTime::parse_from_rfc3339("2026-12-04T15:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let m = message(&settings, &["alex@example.com".into()], &r, now).unwrap();
        let text = String::from_utf8(m.formatted()).unwrap();
        assert!(
            text.contains("Subject: Focus: 40 h of 10 h, week 49"),
            "{text}"
        );
        assert!(text.contains("List-Unsubscribe: <"), "{text}");
        assert!(
            text.contains("Message-ID: <report.2026-W49.")
                || text.contains("Message-Id: <report.2026-W49."),
            "{text}"
        );
        assert!(text.contains("Date: Fri, 04 Dec 2026 15:00:00"), "{text}");
        assert!(text.contains("multipart/alternative"), "{text}");
        assert!(
            text.contains("text/plain") && text.contains("text/html"),
            "{text}"
        );
        let mut p = Policy::default();
        assert_eq!(
            recipients(&p, "Alex@Example.com").unwrap(),
            ["alex@example.com"]
        );
        p.report.to = vec![];
        assert!(recipients(&p, "alex@example.com").is_err());
    }
}
