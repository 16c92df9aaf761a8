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

/// How a message's Message-ID is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Id<'a> {
    /// Of the time of sending: `focusd report --send`, where every run is a mail of its own.
    Fresh,
    /// The daemon's: of the store's key for the report (the calendar's, or the team's), the
    /// week and the attempts the store had already recorded for that week before this one.
    /// The send comes before its record, so a crash between the two sends the report again
    /// at the next start with the same Message-ID, which mail programs take for the same
    /// message; a retry after a recorded failure is a new attempt, and a new id.
    Attempt { key: &'a str, attempts: i64 },
}

impl Id<'_> {
    /// The part of the Message-ID after the message's stem (`report.2026-W49`): the time of
    /// sending for [`Id::Fresh`]; for [`Id::Attempt`], the first 16 hex digits of the key's
    /// SHA-256 (a calendar's key is a path or `google:…`, not fit for a header) and the
    /// attempts.
    fn suffix(&self, now: DateTime<Utc>) -> String {
        match self {
            Id::Fresh => now.timestamp().to_string(),
            Id::Attempt { key, attempts } => {
                let digest = ring::digest::digest(&ring::digest::SHA256, key.as_bytes());
                let hex: String = digest.as_ref()[..8]
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                format!("{hex}.{attempts}")
            }
        }
    }
}

/// The report as a multipart/alternative message (plain text, then HTML), with Date,
/// Message-ID (made as `id` says), the headline as its subject and `List-Unsubscribe`.
pub fn message(
    settings: &Settings,
    to: &[String],
    report: &Report,
    now: DateTime<Utc>,
    id: Id<'_>,
) -> Result<Message, Error> {
    let parts = Parts {
        id: format!("report.{}", report.week),
        subject: report.headline.clone(),
        text: report::text::render(report),
        html: report::html::render(report),
    };
    compose(settings, to, parts, now, id)
}

/// What a message carries: its id's stem, subject and both parts.
pub struct Parts {
    pub id: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A multipart/alternative message of `parts` (the subject on one line, no control
/// characters: it is made of numbers and the team's name), its Message-ID made as `id` says.
pub fn compose(
    settings: &Settings,
    to: &[String],
    parts: Parts,
    now: DateTime<Utc>,
    id: Id<'_>,
) -> Result<Message, Error> {
    let from = mailbox(&settings.mail.from, "[mail] from")?;
    let domain = from.email.domain().to_string();
    let mut builder = Message::builder()
        .from(from)
        .subject(crate::text::shorten(&parts.subject, 200))
        .date(SystemTime::from(now))
        .message_id(Some(format!("<{}.{}@{domain}>", parts.id, id.suffix(now))))
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

    fn settings() -> Settings {
        Settings {
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
        }
    }

    fn at(time: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(time)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_message_has_both_parts_the_headline_and_the_headers() {
        let policy = Policy::default();
        let week = report::Week::parse("2026-W49").unwrap();
        let r = report::build(&[], &policy, "alex@example.com", week, &[], 0);
        let settings = settings();
        let now = at("2026-12-04T15:00:00Z");
        let m = message(&settings, &["alex@example.com".into()], &r, now, Id::Fresh).unwrap();
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

    /// The daemon's Message-ID depends on the report's key, the week and the attempts
    /// recorded before, never on the time: a resend after a crash between the send and its
    /// record is the same message to a mail program, a retry after a recorded failure and
    /// another calendar's report are not. `focusd report --send`'s is of the time.
    #[test]
    fn the_daemons_message_id_is_the_same_for_a_resend_and_new_for_a_retry() {
        let policy = Policy::default();
        let r = |week: &str| {
            let week = report::Week::parse(week).unwrap();
            report::build(&[], &policy, "alex@example.com", week, &[], 0)
        };
        let (w49, w50) = (r("2026-W49"), r("2026-W50"));
        let id = |report: &Report, now: &str, id: Id<'_>| {
            let m = message(
                &settings(),
                &["alex@example.com".into()],
                report,
                at(now),
                id,
            )
            .unwrap();
            let head = String::from_utf8(m.formatted()).unwrap();
            let line = head
                .lines()
                .find(|l| l.to_ascii_lowercase().starts_with("message-id: "))
                .unwrap_or_else(|| panic!("no Message-ID: {head}"))
                .to_string();
            line["Message-ID: ".len()..].to_string()
        };
        let calendar = "/home/alex/.local/share/focusd/week.ics";
        let first = Id::Attempt {
            key: calendar,
            attempts: 0,
        };
        let sent = id(&w49, "2026-12-04T15:00:00Z", first);
        assert_eq!(sent, "<report.2026-W49.3267401d94f44f09.0@example.com>");
        // The same attempt sent again later (after a crash before its record): the same id.
        assert_eq!(id(&w49, "2026-12-04T15:07:31Z", first), sent);
        // After one recorded failure, the next attempt is a message of its own.
        let retry = Id::Attempt {
            key: calendar,
            attempts: 1,
        };
        let retried = id(&w49, "2026-12-04T15:05:00Z", retry);
        assert_eq!(retried, sent.replace(".0@", ".1@"));
        // Another week, another calendar, the team's report: other ids.
        assert_eq!(
            id(&w50, "2026-12-11T15:00:00Z", first),
            sent.replace("W49", "W50")
        );
        let other = Id::Attempt {
            key: "google:alex@example.com",
            attempts: 0,
        };
        assert_ne!(id(&w49, "2026-12-04T15:00:00Z", other), sent);
        let team = compose(
            &settings(),
            &["lead@example.com".into()],
            Parts {
                id: "team-report.2026-W49".into(),
                subject: "Team".into(),
                text: "t".into(),
                html: "h".into(),
            },
            at("2026-12-04T15:00:00Z"),
            Id::Attempt {
                key: "team-report:platform",
                attempts: 2,
            },
        )
        .unwrap();
        let team = String::from_utf8(team.formatted()).unwrap();
        assert!(
            team.lines().any(|l| {
                let l = l.to_ascii_lowercase();
                l.starts_with("message-id: <team-report.2026-w49.")
                    && l.ends_with(".2@example.com>")
            }),
            "{team}"
        );
        // `focusd report --send`: the time of sending, so each run is a new message.
        let fresh = id(&w49, "2026-12-04T15:00:00Z", Id::Fresh);
        assert_eq!(fresh, "<report.2026-W49.1796396400@example.com>");
        assert_ne!(id(&w49, "2026-12-04T15:00:01Z", Id::Fresh), fresh);
    }
}
