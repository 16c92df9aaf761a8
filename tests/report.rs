//! The weekly report as a user gets it: the real binary, `focusd report` in each format, and
//! `--send` and the daemon delivering it to a real SMTP server (python3-aiosmtpd on
//! 127.0.0.1, `tests/support/smtp_server.py`, started per test and stopped by its PID),
//! asserted on the delivered message. Without aiosmtpd the mail tests say so loudly and pass;
//! under `CI=true` they fail.

mod support;

use support::process::{missing, python_with, read_port, root};

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const ME: &str = "alex@example.com";

fn run(args: &[&str], envs: &[(&str, &Path)]) -> Output {
    let mut c = support::focusd();
    c.args(args).current_dir(root());
    for (k, v) in envs {
        c.env(k, v);
    }
    c.output().expect("focusd runs")
}

fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

const WEEK: [&str; 8] = [
    "--calendar",
    "examples/week.ics",
    "--policy",
    "policies/platform.toml",
    "--me",
    ME,
    "--week",
    "2026-W49",
];

/// Whether a real SMTP server can be started; `false` (after saying so) when a test should
/// skip, a panic under `CI=true`.
fn have_smtp() -> bool {
    if python_with("aiosmtpd").is_some() {
        return true;
    }
    missing("python3-aiosmtpd is needed for the mail tests (scripts/test installs it)")
}

/// aiosmtpd on 127.0.0.1 delivering into a mailbox folder; stopped by PID when dropped.
struct Smtp {
    child: Child,
    port: u16,
    mailbox: PathBuf,
}

impl Smtp {
    fn start(dir: &Path, args: &[&str]) -> Smtp {
        let mailbox = dir.join("mailbox");
        std::fs::create_dir_all(&mailbox).unwrap();
        let mut child = Command::new(python_with("aiosmtpd").unwrap())
            .arg(root().join("tests/support/smtp_server.py"))
            .arg(&mailbox)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the SMTP server starts");
        let port = read_port(&mut child, "the SMTP server");
        Smtp {
            child,
            port,
            mailbox,
        }
    }

    /// The messages delivered so far, in order.
    fn messages(&self) -> Vec<Value> {
        let mut out = Vec::new();
        for n in 1.. {
            let path = self.mailbox.join(format!("{n}.json"));
            let Ok(text) = std::fs::read_to_string(&path) else {
                break;
            };
            out.push(serde_json::from_str(&text).unwrap());
        }
        out
    }

    /// Makes the server refuse (451) every message while `on`.
    fn refuse(&self, on: bool) {
        let flag = self.mailbox.join("refuse");
        if on {
            std::fs::write(flag, "").unwrap();
        } else {
            let _ = std::fs::remove_file(flag);
        }
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A configuration with `[mail]` as given.
/// `focusd --config CONFIG --state-dir STATE report --send`, then `extra`.
fn send_args<'a>(config: &'a Path, state: &'a Path, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "--config",
        config.to_str().unwrap(),
        "--state-dir",
        state.to_str().unwrap(),
        "report",
        "--send",
    ];
    args.extend(extra);
    args
}

fn config(dir: &Path, mail: &str) -> PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(&path, format!("[mail]\n{mail}")).unwrap();
    path
}

fn plain_mail(smtp: &Smtp) -> String {
    format!(
        "from = \"focusd <{ME}>\"\nsmtp = \"127.0.0.1:{}\"\ntls = \"none\"\n",
        smtp.port
    )
}

/// The example week's calendar with only its "Lunch & learn: <b>Rust</b> async" meeting,
/// which is then the costliest (in the whole week it is not among the five shown).
fn lunch_only(dir: &Path) -> PathBuf {
    let example = std::fs::read_to_string(root().join("examples/week.ics")).unwrap();
    let mut parts = example.split("BEGIN:VEVENT");
    let head = parts.next().unwrap();
    let event = parts
        .find(|e| e.contains("UID:lunch-learn@example.com"))
        .unwrap();
    let event = event.split("END:VCALENDAR").next().unwrap();
    let path = dir.join("lunch.ics");
    std::fs::write(&path, format!("{head}BEGIN:VEVENT{event}END:VCALENDAR\r\n")).unwrap();
    path
}

/// How the HTML shows the example's markup-looking title: as text.
const LUNCH_HTML: &str = "<b>Lunch &amp; learn: &lt;b&gt;Rust&lt;/b&gt; async</b>";

/// `analyze --json` of the example week.
fn analyzed() -> Value {
    let out = run(
        &[
            "analyze",
            "--calendar",
            "examples/week.ics",
            "--policy",
            "policies/platform.toml",
            "--me",
            ME,
            "--from",
            "2026-11-30",
            "--to",
            "2026-12-06",
            "--json",
        ],
        &[],
    );
    serde_json::from_str(&ok(&out)).unwrap()
}

#[test]
fn the_json_report_has_analyzes_days_and_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let mut args = vec!["report", "--format", "json"];
    args.extend(WEEK);
    args.extend(["--state-dir", state.to_str().unwrap()]);
    let report: Value = serde_json::from_str(&ok(&run(&args, &[]))).unwrap();
    let analysis = analyzed();
    assert_eq!(report["days"], analysis["days"]);
    for key in ["days", "totals", "trend", "meetings", "actions", "coming"] {
        assert!(!report[key].is_null(), "{key}");
    }
    assert_eq!(
        report["totals"]["focus_minutes"],
        analysis["totals"]["focus_minutes"]
    );
    assert_eq!(report["headline"], "Focus: 17 h 20 of 15 h, week 49");
    assert!(
        report["trend"]["note"]
            .as_str()
            .unwrap()
            .contains("starts this week")
    );
}

#[test]
fn the_report_goes_to_stdout_or_a_file_and_bad_weeks_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let mut args = vec!["report"];
    args.extend(WEEK);
    args.extend(["--state-dir", state.to_str().unwrap()]);
    let text = ok(&run(&args, &[]));
    assert!(text.contains("Focus: 17 h 20 of 15 h, week 49"), "{text}");
    assert!(text.contains("Legend: # meetings"), "{text}");
    let file = dir.path().join("report.html");
    let mut html = args.clone();
    html.extend(["--format", "html", "--out", file.to_str().unwrap()]);
    assert_eq!(ok(&run(&html, &[])), "");
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("bgcolor="));
    // The example's markup-looking title, where it is shown, is text in the page.
    let lunch = lunch_only(dir.path());
    let lunch_file = dir.path().join("lunch.html");
    let mut lunch_args = vec!["report", "--calendar", lunch.to_str().unwrap()];
    lunch_args.extend(&WEEK[2..]);
    lunch_args.extend([
        "--state-dir",
        state.to_str().unwrap(),
        "--format",
        "html",
        "--out",
        lunch_file.to_str().unwrap(),
    ]);
    assert_eq!(ok(&run(&lunch_args, &[])), "");
    let page = std::fs::read_to_string(&lunch_file).unwrap();
    assert!(page.contains(LUNCH_HTML), "{page}");
    assert!(!page.contains("<b>Rust</b>"), "{page}");
    let mut bad = vec!["report", "--week", "2026-W60"];
    bad.extend(&WEEK[..6]);
    assert_eq!(run(&bad, &[]).status.code(), Some(2));
}

/// Without `--week`, the last complete week before `--now` in the policy's zone (Berlin):
/// the same report as `--week` names it.
#[test]
fn without_a_week_the_report_is_the_last_complete_one() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let report = |extra: &[&str]| {
        let mut args = vec!["report"];
        args.extend(&WEEK[..6]);
        args.extend(["--state-dir", state.to_str().unwrap()]);
        args.extend(extra);
        ok(&run(&args, &[]))
    };
    let w49 = report(&["--week", "2026-W49"]);
    assert!(
        w49.starts_with("focusd weekly report, 2026-W49 (2026-11-30 to 2026-12-06,"),
        "{w49}"
    );
    // Wednesday of the week after, and Monday 00:30 in Berlin (still Sunday in UTC).
    for now in ["2026-12-09T10:00", "2026-12-06T23:30:00Z"] {
        assert_eq!(report(&["--now", now]), w49, "--now {now}");
    }
    // Sunday 23:30 in Berlin: that week is not over yet, so the one before.
    let w48 = report(&["--now", "2026-12-06T23:30"]);
    assert!(
        w48.starts_with("focusd weekly report, 2026-W48 (2026-11-23 to 2026-11-29,"),
        "{w48}"
    );
    assert_eq!(w48, report(&["--week", "2026-W48"]));
}

#[test]
fn mail_settings_that_would_leak_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let send = |config: &Path| run(&send_args(config, &state, &WEEK), &[]);
    let c = config(
        dir.path(),
        "from = \"a@example.com\"\nsmtp = \"smtp.example.com:25\"\ntls = \"none\"\n",
    );
    let out = send(&c);
    assert_eq!(out.status.code(), Some(78));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:1:") && err.contains("only for this machine"),
        "{err}"
    );

    let password = dir.path().join("password");
    std::fs::write(&password, "secret\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&password, std::fs::Permissions::from_mode(0o644)).unwrap();
    let c = config(
        dir.path(),
        &format!(
            "from = \"a@example.com\"\nsmtp = \"127.0.0.1:9\"\ntls = \"none\"\nusername = \"a\"\npassword_file = \"{}\"\n",
            password.display()
        ),
    );
    let out = send(&c);
    assert_eq!(out.status.code(), Some(78));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("too open"), "{err}");
    assert!(!err.contains("secret"), "{err}");

    let c = config(
        dir.path(),
        "from = \"a@example.com\"\nsmtp = \"x:1\"\npassword = \"p\"\n",
    );
    let out = send(&c);
    assert_eq!(out.status.code(), Some(78));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field `password`"));
}

/// `--send` to a plain server on loopback: headers, both parts, the numbers of `analyze`.
#[test]
fn send_delivers_both_parts_with_analyzes_numbers() {
    if !have_smtp() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let smtp = Smtp::start(dir.path(), &[]);
    let c = config(dir.path(), &plain_mail(&smtp));
    let state = dir.path().join("state");
    let args = send_args(&c, &state, &WEEK);
    let out = ok(&run(&args, &[]));
    assert!(
        out.contains("sent the report for 2026-W49 to alex@example.com"),
        "{out}"
    );
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    let h = &m["headers"];
    assert_eq!(h["Subject"], "Focus: 17 h 20 of 15 h, week 49");
    assert_eq!(h["From"], "focusd <alex@example.com>");
    assert_eq!(h["To"], "alex@example.com");
    assert!(h["Date"].as_str().is_some());
    assert!(
        h["Message-ID"]
            .as_str()
            .unwrap()
            .starts_with("<report.2026-W49.")
    );
    assert!(h["List-Unsubscribe"].as_str().unwrap().starts_with("<http"));
    assert_eq!(m["content_type"], "multipart/alternative");
    assert_eq!(m["rcpt_tos"], serde_json::json!([ME]));
    let text = m["text"].as_str().unwrap();
    let html = m["html"].as_str().unwrap();
    // The numbers are analyze's, day by day.
    let analysis = analyzed();
    for day in analysis["days"].as_array().unwrap() {
        let focus = day["focus_minutes"].as_i64().unwrap();
        let shown = hours(focus);
        let date = chrono::NaiveDate::parse_from_str(day["date"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap()
            .format("%a %d %b")
            .to_string();
        let line = text.lines().find(|l| l.starts_with(&date)).unwrap();
        assert!(line.contains(&shown), "{line} shows {shown}");
        assert!(html.contains(&shown), "{shown}");
    }
    assert!(!html.contains("<script"));
    // The example's markup-looking title, in a week where it is shown: text in the HTML
    // part, as written in the plain part.
    let lunch = lunch_only(dir.path());
    let mut args = send_args(&c, &state, &["--calendar", lunch.to_str().unwrap()]);
    args.extend(&WEEK[2..]);
    ok(&run(&args, &[]));
    let messages = smtp.messages();
    assert_eq!(messages.len(), 2);
    let html = messages[1]["html"].as_str().unwrap();
    assert!(html.contains(LUNCH_HTML), "{html}");
    assert!(!html.contains("<b>Rust</b>"), "{html}");
    let text = messages[1]["text"].as_str().unwrap();
    assert!(
        text.contains("1. Lunch & learn: <b>Rust</b> async: 53 min of focus"),
        "{text}"
    );
}

/// `17 h 20`, as the report writes durations.
fn hours(m: i64) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

/// A title written to break out of the HTML or into the headers stays text.
#[test]
fn a_hostile_title_reaches_the_mail_escaped() {
    if !have_smtp() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let smtp = Smtp::start(dir.path(), &[]);
    let c = config(dir.path(), &plain_mail(&smtp));
    let calendar = dir.path().join("hostile.ics");
    std::fs::write(
        &calendar,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:h@x\r\n\
         DTSTAMP:20261120T120000Z\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\n\
         SUMMARY:</td><script>alert(1)</script><img src=x onerror=alert(2)>\\nBcc: victim@evil.example\r\n\
         ORGANIZER:mailto:boss@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:alex@example.com\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let state = dir.path().join("state");
    let out = run(
        &[
            "--config",
            c.to_str().unwrap(),
            "--state-dir",
            state.to_str().unwrap(),
            "report",
            "--send",
            "--calendar",
            calendar.to_str().unwrap(),
            "--policy",
            "policies/default.toml",
            "--me",
            ME,
            "--week",
            "2026-W49",
        ],
        &[],
    );
    ok(&out);
    let m = &smtp.messages()[0];
    let html = m["html"].as_str().unwrap();
    assert!(
        html.contains("&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img"),
        "{html}"
    );
    assert!(!html.contains("<script") && !html.contains("<img"));
    assert!(m["headers"].get("Bcc").is_none());
    assert_eq!(m["rcpt_tos"], serde_json::json!([ME]));
    let text = m["text"].as_str().unwrap();
    assert!(!text.lines().any(|l| l.starts_with("Bcc:")), "{text}");
}

/// A test authority and a server certificate for 127.0.0.1 it signed, made with openssl
/// for this test only: (the authority to trust, the server's certificate, its key).
fn certificate(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (ca, ca_key) = (dir.join("ca.pem"), dir.join("ca-key.pem"));
    let (cert, key, csr) = (
        dir.join("cert.pem"),
        dir.join("key.pem"),
        dir.join("cert.csr"),
    );
    let ext = dir.join("ext.cnf");
    std::fs::write(
        &ext,
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=focusd test authority",
        "-keyout",
        "ca-key.pem",
        "-out",
        "ca.pem",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "key.pem",
        "-out",
        "cert.csr",
    ]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        "cert.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
        "-out",
        "cert.pem",
    ]);
    let _ = (ca_key, csr);
    (ca, cert, key)
}

/// Where a test hands focusd the SMTP password: a 0600 file or an environment variable.
#[derive(Clone, Copy, PartialEq)]
enum PasswordFrom {
    File,
    Env,
}

/// The variable `password_env` names in the tests.
const PASSWORD_VAR: &str = "FOCUSD_SMTP_PASSWORD";

/// STARTTLS with a certificate the test made, and a password from a 0600 file.
#[test]
fn send_over_starttls_with_authentication() {
    starttls_with_authentication(PasswordFrom::File);
}

/// The same with `password_env`: the password from the environment, and a variable that
/// is not set refused before anything is sent.
#[test]
fn send_over_starttls_with_the_password_from_the_environment() {
    starttls_with_authentication(PasswordFrom::Env);
}

fn starttls_with_authentication(from: PasswordFrom) {
    if !have_smtp() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificate(dir.path());
    let smtp = Smtp::start(
        dir.path(),
        &[
            "--starttls",
            cert.to_str().unwrap(),
            key.to_str().unwrap(),
            "--auth",
            "alex:s3cret-pass",
        ],
    );
    let password = dir.path().join("smtp-password");
    let source = match from {
        PasswordFrom::File => format!("password_file = \"{}\"\n", password.display()),
        PasswordFrom::Env => format!("password_env = \"{PASSWORD_VAR}\"\n"),
    };
    let c = config(
        dir.path(),
        &format!(
            "from = \"focusd <{ME}>\"\nsmtp = \"127.0.0.1:{}\"\ntls = \"starttls\"\nusername = \"alex\"\n{source}",
            smtp.port,
        ),
    );
    let state = dir.path().join("state");
    let args = send_args(&c, &state, &WEEK);
    // `focusd report --send` with the password `pw` where `from` says, the test
    // authority trusted or not.
    let send = |pw: &str, trusted: bool| {
        let mut envs: Vec<(&str, &Path)> = Vec::new();
        if trusted {
            envs.push(("SSL_CERT_FILE", &ca));
        }
        match from {
            PasswordFrom::File => support::write_private(&password, &format!("{pw}\n")),
            PasswordFrom::Env => envs.push((PASSWORD_VAR, Path::new(pw))),
        }
        run(&args, &envs)
    };
    // Without the test certificate trusted, the server is refused and nothing is sent.
    let out = send("s3cret-pass", false);
    assert_eq!(
        out.status.code(),
        Some(69),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(smtp.messages().is_empty());
    ok(&send("s3cret-pass", true));
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["tls"], true);
    assert_eq!(messages[0]["user"], "alex");
    assert_eq!(
        messages[0]["headers"]["Subject"],
        "Focus: 17 h 20 of 15 h, week 49"
    );
    // A wrong password is refused by the server: exit 69, the password never printed.
    let out = send("wrong-pass", true);
    assert_eq!(out.status.code(), Some(69));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("wrong-pass") && !err.contains("s3cret"),
        "{err}"
    );
    assert_eq!(smtp.messages().len(), 1);
    if from == PasswordFrom::Env {
        // The variable not set: a configuration error naming it (exit 78), nothing sent.
        let out = support::focusd()
            .args(&args)
            .current_dir(root())
            .env("SSL_CERT_FILE", &ca)
            .env_remove(PASSWORD_VAR)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(78));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!(
                "the environment variable {PASSWORD_VAR} is not set"
            )),
            "{err}"
        );
        assert_eq!(smtp.messages().len(), 1);
    }
}

/// `tls = "tls"`: TLS from the first byte (port 465 style), the certificate checked too.
#[test]
fn send_over_implicit_tls() {
    if !have_smtp() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificate(dir.path());
    let smtp = Smtp::start(
        dir.path(),
        &["--tls", cert.to_str().unwrap(), key.to_str().unwrap()],
    );
    let c = config(
        dir.path(),
        &format!(
            "from = \"focusd <{ME}>\"\nsmtp = \"127.0.0.1:{}\"\ntls = \"tls\"\n",
            smtp.port
        ),
    );
    let state = dir.path().join("state");
    let args = send_args(&c, &state, &WEEK);
    assert_eq!(run(&args, &[]).status.code(), Some(69));
    ok(&run(&args, &[("SSL_CERT_FILE", &ca)]));
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["tls"], true);
}

/// `sendmail = PATH` instead of `smtp`: a fake sendmail written here records its arguments
/// and the message handed to it on standard input; the message has the headers and both
/// parts, each exactly what `focusd report` prints for the week in that format.
#[test]
fn send_through_a_local_sendmail() {
    let dir = tempfile::tempdir().unwrap();
    let (argv, eml) = (dir.path().join("argv"), dir.path().join("message.eml"));
    let sendmail = dir.path().join("sendmail");
    std::fs::write(
        &sendmail,
        format!(
            "#!/bin/sh
printf '%s\\n' \"$@\" > '{}'\ncat > '{}'\n",
            argv.display(),
            eml.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&sendmail, std::fs::Permissions::from_mode(0o755)).unwrap();
    let c = config(
        dir.path(),
        &format!(
            "from = \"focusd <{ME}>\"\nsendmail = \"{}\"\n",
            sendmail.display()
        ),
    );
    let state = dir.path().join("state");
    let args = send_args(&c, &state, &WEEK);
    let out = ok(&run(&args, &[]));
    assert!(
        out.contains("sent the report for 2026-W49 to alex@example.com"),
        "{out}"
    );
    // lettre's sendmail call: no dot ending, the envelope sender, then the recipients.
    assert_eq!(
        std::fs::read_to_string(&argv).unwrap(),
        format!("-i\n-f\n{ME}\n--\n{ME}\n")
    );
    let python = python_with("email").expect("python3 reads the message");
    let parsed = Command::new(python)
        .arg(root().join("tests/support/mail_parts.py"))
        .arg(&eml)
        .output()
        .unwrap();
    let m: Value = serde_json::from_str(&ok(&parsed)).unwrap();
    let h = &m["headers"];
    assert_eq!(h["Subject"], "Focus: 17 h 20 of 15 h, week 49");
    assert_eq!(h["From"], "focusd <alex@example.com>");
    assert_eq!(h["To"], "alex@example.com");
    assert!(h["Date"].as_str().is_some_and(|d| !d.is_empty()));
    assert!(
        h["Message-ID"]
            .as_str()
            .unwrap()
            .starts_with("<report.2026-W49.")
    );
    assert_eq!(
        h["List-Unsubscribe"],
        format!(
            "<{}>",
            "https://github.com/focusd/focusd#turning-the-report-off"
        )
    );
    assert_eq!(m["content_type"], "multipart/alternative");
    let mut text = vec!["report"];
    text.extend(WEEK);
    text.extend(["--state-dir", state.to_str().unwrap()]);
    // The parts travel with CRLF line ends, as MIME writes text.
    let part = |key: &str| m[key].as_str().unwrap().replace("\r\n", "\n");
    let printed = ok(&run(&text, &[]));
    assert!(printed.contains("Legend: # meetings"), "{printed}");
    assert_eq!(part("text"), printed);
    let mut html = text.clone();
    html.extend(["--format", "html"]);
    let printed = ok(&run(&html, &[]));
    assert!(printed.starts_with("<!DOCTYPE html>"), "{printed}");
    assert_eq!(part("html"), printed);
}

/// Waits (bounded) for `n` messages; the bound is a hang guard, not a timed assertion.
fn wait_for(smtp: &Smtp, n: usize) -> Vec<Value> {
    let start = Instant::now();
    loop {
        let m = smtp.messages();
        if m.len() >= n || start.elapsed() > Duration::from_secs(30) {
            return m;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `focusd run --once` on a copy of the example week, with `[mail]` pointing at `smtp`.
struct Daemon {
    dir: tempfile::TempDir,
    config: PathBuf,
    calendar: PathBuf,
}

impl Daemon {
    fn new(smtp: &Smtp) -> Daemon {
        let dir = tempfile::tempdir().unwrap();
        let calendar = dir.path().join("week.ics");
        std::fs::copy(root().join("examples/week.ics"), &calendar).unwrap();
        let config = config(dir.path(), &plain_mail(smtp));
        Daemon {
            dir,
            config,
            calendar,
        }
    }

    fn run(&self, now: &str, extra: &[&str]) -> Output {
        let state = self.dir.path().join("state");
        let mut args = vec![
            "--config",
            self.config.to_str().unwrap(),
            "--state-dir",
            state.to_str().unwrap(),
            "run",
            "--once",
            "--now",
            now,
            "--calendar",
            self.calendar.to_str().unwrap(),
            "--policy",
            "policies/platform.toml",
            "--me",
            ME,
        ];
        args.extend(extra);
        run(&args, &[])
    }

    fn log(&self) -> Value {
        let state = self.dir.path().join("state");
        let out = run(
            &["--state-dir", state.to_str().unwrap(), "log", "--json"],
            &[],
        );
        serde_json::from_str(&ok(&out)).unwrap()
    }

    /// The store's record of the weekly report (`reports`, read only): per calendar and
    /// week, its state, attempts and last error.
    fn reports(&self) -> Vec<(String, String, String, i64, String)> {
        let db = self.dir.path().join("state/state.db");
        let c =
            rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .unwrap();
        let mut q = c
            .prepare("SELECT calendar, week, state, attempts, error FROM reports ORDER BY week")
            .unwrap();
        q.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }
}

/// The daemon mails the report at the policy's time (Friday 16:00 in Berlin), exactly
/// once: not before, not again on a second cycle or after a restart; a dry run sends nothing.
#[test]
fn the_daemon_mails_the_report_once_at_the_policys_time() {
    if !have_smtp() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let smtp = Smtp::start(dir.path(), &[]);
    let d = Daemon::new(&smtp);
    d.run("2026-12-04T15:59", &[]);
    assert!(smtp.messages().is_empty(), "not before the slot");
    let out = d.run("2026-12-04T16:00", &["--dry-run"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(smtp.messages().is_empty(), "a dry run sends nothing");
    let out = d.run("2026-12-04T16:00", &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(
        messages[0]["headers"]["Subject"],
        "Focus: 17 h 20 of 15 h, week 49"
    );
    // The same report as `focusd report` for that week, both parts whole and byte for
    // byte once MIME's CRLF line ends are LF again (the calendar and the audit log as the
    // daemon left them).
    let state = d.dir.path().join("state");
    let report = |format: &str| {
        ok(&run(
            &[
                "--state-dir",
                state.to_str().unwrap(),
                "report",
                "--calendar",
                d.calendar.to_str().unwrap(),
                "--policy",
                "policies/platform.toml",
                "--me",
                ME,
                "--week",
                "2026-W49",
                "--format",
                format,
            ],
            &[],
        ))
    };
    let part = |key: &str| messages[0][key].as_str().unwrap().replace("\r\n", "\n");
    let (text, html) = (report("text"), report("html"));
    // The focus blocks the daemon booked for the coming week that cycle are in the
    // report it mailed (the example alone has none).
    assert!(text.contains("Legend: # meetings"), "{text}");
    assert!(
        text.contains("Focus already protected by focus blocks: 17 h 07"),
        "{text}"
    );
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert_eq!(part("text"), text);
    assert_eq!(part("html"), html);
    // A second cycle, and a restart later in the week: no second mail.
    d.run("2026-12-04T16:05", &[]);
    d.run("2026-12-05T10:00", &[]);
    assert_eq!(smtp.messages().len(), 1);
    // The next week's slot sends the next week's report.
    d.run("2026-12-11T16:00", &[]);
    let messages = smtp.messages();
    assert_eq!(messages.len(), 2);
    assert!(
        messages[1]["headers"]["Subject"]
            .as_str()
            .unwrap()
            .ends_with("week 50")
    );
}

/// Without `[mail]` the daemon mails nothing and says nothing about it each cycle.
#[test]
fn without_mail_settings_the_daemon_only_skips_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let calendar = dir.path().join("week.ics");
    std::fs::copy(root().join("examples/week.ics"), &calendar).unwrap();
    let state = dir.path().join("state");
    let out = run(
        &[
            "--state-dir",
            state.to_str().unwrap(),
            "run",
            "--once",
            "--now",
            "2026-12-04T16:00",
            "--calendar",
            calendar.to_str().unwrap(),
            "--policy",
            "policies/platform.toml",
            "--me",
            ME,
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("weekly report"), "{err}");
}

/// A slot missed while the machine was off is sent at the next start that week.
#[test]
fn a_missed_slot_is_sent_at_the_next_start_that_week() {
    if !have_smtp() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let smtp = Smtp::start(dir.path(), &[]);
    let d = Daemon::new(&smtp);
    d.run("2026-12-04T09:00", &[]);
    assert!(smtp.messages().is_empty());
    d.run("2026-12-06T20:00", &[]);
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0]["headers"]["Subject"]
            .as_str()
            .unwrap()
            .ends_with("week 49")
    );
}

/// A server that refuses: the rest of the cycle goes ahead, the failure is recorded, and a
/// later cycle sends the report once the server takes it.
#[test]
fn a_failed_send_is_retried_by_later_cycles_and_blocks_nothing() {
    if !have_smtp() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let smtp = Smtp::start(dir.path(), &[]);
    let d = Daemon::new(&smtp);
    smtp.refuse(true);
    let out = d.run("2026-12-04T16:00", &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("weekly report not sent"), "{err}");
    assert!(smtp.messages().is_empty());
    // The cycle still acted on the calendar (its actions are in the audit log).
    let log = d.log();
    assert!(!log.as_array().unwrap().is_empty(), "{log}");
    // The failure is in the store: this calendar's week, failed, one attempt, the
    // server's answer.
    let calendar = d.calendar.to_str().unwrap();
    let rows = d.reports();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let (cal, week, state, attempts, error) = &rows[0];
    assert_eq!(
        (cal.as_str(), week.as_str(), state.as_str(), *attempts),
        (calendar, "2026-W49", "failed", 1),
        "{rows:?}"
    );
    assert!(error.contains("451"), "{error}");
    // A later cycle against the same refusal tries again: a second attempt recorded.
    d.run("2026-12-04T16:05", &[]);
    assert!(smtp.messages().is_empty());
    let rows = d.reports();
    assert_eq!((rows[0].2.as_str(), rows[0].3), ("failed", 2), "{rows:?}");
    smtp.refuse(false);
    d.run("2026-12-04T16:10", &[]);
    assert_eq!(wait_for(&smtp, 1).len(), 1);
    let rows = d.reports();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (rows[0].2.as_str(), rows[0].3, rows[0].4.as_str()),
        ("sent", 3, ""),
        "{rows:?}"
    );
    // Its Message-ID is of the calendar, the week and the two attempts recorded before it.
    let id = |m: &Value| m["headers"]["Message-ID"].as_str().unwrap().to_string();
    let sent = id(&smtp.messages()[0]);
    assert!(
        sent.starts_with("<report.2026-W49.") && sent.ends_with(".2@example.com>"),
        "{sent}"
    );
    // Sent: the next cycle neither mails nor records another attempt.
    d.run("2026-12-04T16:20", &[]);
    assert_eq!(smtp.messages().len(), 1);
    assert_eq!(d.reports(), rows);
    // A crash after the server took the mail but before the store recorded it leaves the
    // row as it was before that attempt: the next start sends the report again, as the
    // same message (the same Message-ID), and records it.
    let failed = d.dir.path().join("state/state.db");
    let c = rusqlite::Connection::open(&failed).unwrap();
    c.execute(
        "UPDATE reports SET state = 'failed', attempts = 2, error = 'a 451' WHERE week = '2026-W49'",
        [],
    )
    .unwrap();
    drop(c);
    d.run("2026-12-04T16:30", &[]);
    let messages = wait_for(&smtp, 2);
    assert_eq!(messages.len(), 2);
    assert_eq!(id(&messages[1]), sent);
    assert_eq!((d.reports()[0].2.as_str(), d.reports()[0].3), ("sent", 3));
}

/// One member's calendar: a daily stand-up series they share (same UID) and a private
/// meeting of their own, both with titles no one else should read.
fn member_calendar(address: &str, private: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n\
         BEGIN:VEVENT\r\nUID:standup@team.example\r\nDTSTAMP:20261120T120000Z\r\n\
         DTSTART;TZID=Europe/Berlin:20261130T113000\r\nDTEND;TZID=Europe/Berlin:20261130T114500\r\n\
         RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=20\r\nSUMMARY:Project Phoenix <script>x()</script> stand-up\r\n\
         ORGANIZER:mailto:lead@team.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{address}\r\n\
         END:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:private-{address}\r\nDTSTAMP:20261120T120000Z\r\n\
         DTSTART;TZID=Europe/Berlin:20261201T140000\r\nDTEND;TZID=Europe/Berlin:20261201T150000\r\n\
         SUMMARY:{private}\r\nORGANIZER:mailto:hr@team.example\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:{address}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

const MEMBERS: [&str; 3] = ["ana@team.example", "bo@team.example", "cy@team.example"];

/// The member whose calendar is a vdir (a folder named by the address, one event a file);
/// the others' are `ADDRESS.ics` files.
const VDIR_MEMBER: &str = "bo@team.example";

fn team_setup(extra: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let calendars = dir.path().join("calendars");
    std::fs::create_dir(&calendars).unwrap();
    for (k, m) in MEMBERS.iter().enumerate() {
        let calendar = member_calendar(m, &format!("Performance review {k} <b>confidential</b>"));
        if *m != VDIR_MEMBER {
            std::fs::write(calendars.join(format!("{m}.ics")), calendar).unwrap();
            continue;
        }
        let vdir = calendars.join(m);
        std::fs::create_dir(&vdir).unwrap();
        let (head, events) = calendar.split_once("BEGIN:VEVENT").unwrap();
        for (n, event) in events.split("BEGIN:VEVENT").enumerate() {
            let event = event.trim_end_matches("END:VCALENDAR\r\n");
            std::fs::write(
                vdir.join(format!("{n}.ics")),
                format!("{head}BEGIN:VEVENT{event}END:VCALENDAR\r\n"),
            )
            .unwrap();
        }
    }
    let policy = dir.path().join("team.toml");
    std::fs::write(
        &policy,
        format!(
            "[team]\nname = \"platform\"\ntimezone = \"Europe/Berlin\"\nmembers = [\"ana@team.example\", \"bo@team.example\", \"cy@team.example\", \"dee@team.example\"]\n\
             [focus]\nteam_windows = [{{ days = [\"tue\", \"thu\"], start = \"13:00\", end = \"17:00\" }}]\n\
             [report]\nteam_to = [\"lead@team.example\"]\n{extra}"
        ),
    )
    .unwrap();
    (dir, calendars, policy)
}

fn team_report(calendars: &Path, policy: &Path, format: &str) -> Output {
    run(
        &[
            "report",
            "--team",
            "--calendars",
            calendars.to_str().unwrap(),
            "--policy",
            policy.to_str().unwrap(),
            "--week",
            "2026-W49",
            "--format",
            format,
        ],
        &[],
    )
}

/// The team report aggregates the members without leaking their titles or their rows.
#[test]
fn the_team_report_aggregates_and_hides_titles_and_people_by_default() {
    let (_dir, calendars, policy) = team_setup("");
    let out = team_report(&calendars, &policy, "json");
    let json: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("no calendar for team member dee@team.example")
    );
    // Three members read: two `.ics` files and bo's vdir, whose series counts with the rest.
    assert_eq!(
        std::fs::read_dir(calendars.join(VDIR_MEMBER))
            .unwrap()
            .count(),
        2
    );
    assert_eq!(json["members"], 3);
    assert_eq!(json["missing"], 1);
    assert_eq!(json["unreadable"], 0);
    assert_eq!(json["days"].as_array().unwrap().len(), 5);
    assert!(json["people"].is_null());
    let standup = &json["meetings"][0];
    assert_eq!(standup["members"], 3);
    assert_eq!(standup["instances"], 15);
    assert!(standup["summary"].is_null());
    assert_eq!(standup["shape"], "15 min, Mon 11:30");
    assert!(json["windows"]["window_minutes"].as_i64().unwrap() > 0);
    for format in ["text", "html", "json"] {
        let body = ok(&team_report(&calendars, &policy, format));
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
    }
    // Each member's numbers are their own report's: the median of three equal weeks.
    let single = ok(&run(
        &[
            "analyze",
            "--calendar",
            calendars.join("ana@team.example.ics").to_str().unwrap(),
            "--policy",
            policy.to_str().unwrap(),
            "--me",
            "ana@team.example",
            "--from",
            "2026-11-30",
            "--to",
            "2026-12-06",
            "--json",
        ],
        &[],
    ));
    let single: Value = serde_json::from_str(&single).unwrap();
    assert_eq!(
        json["focus_minutes"]["median"],
        single["totals"]["focus_minutes"]
    );
}

/// One meeting of `address`'s (accepted, organised by someone else) on a day of week 49,
/// from `start` to `end` in Berlin (`20261201T140000`).
fn one_meeting(address: &str, start: &str, end: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:{start}-{address}\r\nDTSTAMP:20261120T120000Z\r\n\
         DTSTART;TZID=Europe/Berlin:{start}\r\nDTEND;TZID=Europe/Berlin:{end}\r\n\
         SUMMARY:Sync\r\nORGANIZER:mailto:lead@team.example\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:{address}\r\nEND:VEVENT\r\n"
    )
}

/// The effect of the team's focus windows, on a team small enough to work out by hand.
/// Working hours 09:00-17:00 Monday to Friday, R = 23 min, focus from 120 min of a gap
/// after its refocus, one team window: Tuesday 13:00-17:00, so 3 x 240 = 720 window minutes.
///
/// - ana: Monday 10:00-11:00 and Tuesday 14:00-15:00 (60 min inside the window). Monday:
///   focus 11:23-17:00, 337. Tuesday: 09:00-14:00, 300, of it 13:00-14:00 inside (60);
///   15:00-17:00 is 97 after its refocus, no focus. Week: 337 + 300 + 3 x 480 = 2077,
///   60 inside, 2017 outside.
/// - bo: Tuesday 10:00-11:00 (outside). Tuesday: 11:23-17:00, 337, of it 240 inside.
///   Week: 337 + 4 x 480 = 2257, 240 inside, 2017 outside.
/// - cy: Tuesday 12:00-13:45 (45 min inside). Tuesday: 09:00-12:00, 180, and
///   14:08-17:00, 172, all inside. Week: 352 + 4 x 480 = 2272, 172 inside, 2100 outside.
///
/// Meetings inside the windows: 60 + 0 + 45 = 105 min, so 1 - 105/720 = 85% kept free; the
/// median member's focus inside is 172 min (2 h 52), outside 2017 min (33 h 37).
#[test]
fn the_team_windows_effect_is_the_one_worked_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let calendars = dir.path().join("calendars");
    std::fs::create_dir(&calendars).unwrap();
    let members: [(&str, &[(&str, &str)]); 3] = [
        (
            "ana@team.example",
            &[
                ("20261130T100000", "20261130T110000"),
                ("20261201T140000", "20261201T150000"),
            ],
        ),
        ("bo@team.example", &[("20261201T100000", "20261201T110000")]),
        ("cy@team.example", &[("20261201T120000", "20261201T134500")]),
    ];
    for (address, meetings) in members {
        let events: String = meetings
            .iter()
            .map(|(start, end)| one_meeting(address, start, end))
            .collect();
        std::fs::write(
            calendars.join(format!("{address}.ics")),
            format!(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{events}END:VCALENDAR\r\n"
            ),
        )
        .unwrap();
    }
    let policy = dir.path().join("team.toml");
    std::fs::write(
        &policy,
        "[team]\nname = \"platform\"\ntimezone = \"Europe/Berlin\"\n\
         members = [\"ana@team.example\", \"bo@team.example\", \"cy@team.example\"]\n\
         [working_hours]\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n\
         start = \"09:00\"\nend = \"17:00\"\n\
         [refocus]\nminutes = 23\nmin_focus_minutes = 120\n\
         [focus]\nteam_windows = [{ days = [\"tue\"], start = \"13:00\", end = \"17:00\" }]\n\
         [report]\nteam_to = [\"lead@team.example\"]\nper_person = true\n",
    )
    .unwrap();
    let json: Value = serde_json::from_str(&ok(&team_report(&calendars, &policy, "json"))).unwrap();
    assert_eq!(json["members"], 3, "{json}");
    // Each member's week as worked out above.
    let people: Vec<(String, i64)> = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["address"].as_str().unwrap().to_string(),
                p["focus_minutes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            ("ana@team.example".to_string(), 2077),
            ("bo@team.example".to_string(), 2257),
            ("cy@team.example".to_string(), 2272),
        ]
    );
    let w = &json["windows"];
    assert_eq!(w["window_minutes"], 720, "{w}");
    assert_eq!(w["meeting_minutes"], 105, "{w}");
    let kept_free = w["kept_free"].as_f64().unwrap();
    assert!((kept_free - 615.0 / 720.0).abs() < 1e-9, "{w}");
    assert_eq!(w["focus_inside"], 172, "{w}");
    assert_eq!(w["focus_outside"], 2017, "{w}");
    let kept = "85% kept free of meetings (1 h 45 of meetings in 12 h of windows over the team).";
    let focus = "Median focus per member inside the windows: 2 h 52; outside them: 33 h 37.";
    let text = ok(&team_report(&calendars, &policy, "text"));
    let section = text
        .split("TEAM FOCUS WINDOWS\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no windows section: {text}"));
    let lines: Vec<&str> = section.lines().take(2).collect();
    assert_eq!(lines, [format!("  {kept}"), format!("  {focus}")], "{text}");
    let html = ok(&team_report(&calendars, &policy, "html"));
    assert!(html.contains(&format!("{kept} {focus}")), "{html}");
}

#[test]
fn the_team_policy_can_show_titles_and_people() {
    let (_dir, calendars, policy) = team_setup("show_titles = true\nper_person = true\n");
    let text = ok(&team_report(&calendars, &policy, "text"));
    assert!(
        text.contains("Project Phoenix <script>x()</script> stand-up"),
        "{text}"
    );
    assert!(
        text.contains("ana@team.example") && text.contains("cy@team.example"),
        "{text}"
    );
    // bo's vdir gives bo the same week as ana's file gives ana, the private meeting too.
    let json: Value = serde_json::from_str(&ok(&team_report(&calendars, &policy, "json"))).unwrap();
    let person = |address: &str| {
        json["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["address"] == address)
            .cloned()
            .unwrap_or_else(|| panic!("{address} has a row: {json}"))
    };
    let (ana, bo) = (person("ana@team.example"), person(VDIR_MEMBER));
    for key in ["focus_minutes", "meeting_minutes", "days_on_target"] {
        assert_eq!(bo[key], ana[key], "{key}");
    }
    // Five 15-minute stand-ups and the hour of the private meeting.
    assert_eq!(bo["meeting_minutes"], 5 * 15 + 60);
    let html = ok(&team_report(&calendars, &policy, "html"));
    assert!(!html.contains("<b>confidential</b>"));
    assert!(
        html.contains("Project Phoenix &lt;script&gt;x()&lt;/script&gt; stand-up"),
        "{html}"
    );
    assert!(!html.contains("<script"), "{html}");
}

/// `--team --send` mails the team report to report.team_to.
#[test]
fn the_team_report_is_mailed_to_team_to() {
    if !have_smtp() {
        return;
    }
    let (dir, calendars, policy) = team_setup("");
    let smtp = Smtp::start(dir.path(), &[]);
    let c = config(dir.path(), &plain_mail(&smtp));
    let state = dir.path().join("state");
    let out = run(
        &[
            "--config",
            c.to_str().unwrap(),
            "--state-dir",
            state.to_str().unwrap(),
            "report",
            "--team",
            "--calendars",
            calendars.to_str().unwrap(),
            "--policy",
            policy.to_str().unwrap(),
            "--week",
            "2026-W49",
            "--send",
        ],
        &[],
    );
    ok(&out);
    let m = &smtp.messages()[0];
    assert_eq!(m["rcpt_tos"], serde_json::json!(["lead@team.example"]));
    assert!(
        m["headers"]["Subject"]
            .as_str()
            .unwrap()
            .starts_with("Team platform: median focus")
    );
    let body = format!("{}{}", m["text"], m["html"]);
    assert!(!body.contains("Phoenix") && !body.contains("ana@"));
}

/// `focusd run --once` over the example week with the team policy of `team_setup`, `[mail]`
/// at `smtp` and `[team] calendars` naming the members' folder.
fn run_team_daemon(
    dir: &Path,
    calendars: &Path,
    policy: &Path,
    smtp: &Smtp,
    now: &str,
    extra: &[&str],
) -> Output {
    let c = dir.join("config.toml");
    std::fs::write(
        &c,
        format!(
            "[mail]\n{}\n[team]\ncalendars = {:?}\n",
            plain_mail(smtp),
            calendars.to_str().unwrap()
        ),
    )
    .unwrap();
    let calendar = dir.join("week.ics");
    if !calendar.exists() {
        std::fs::copy(root().join("examples/week.ics"), &calendar).unwrap();
    }
    let state = dir.join("state");
    let mut args = vec![
        "--config",
        c.to_str().unwrap(),
        "--state-dir",
        state.to_str().unwrap(),
        "run",
        "--once",
        "--now",
        now,
        "--calendar",
        calendar.to_str().unwrap(),
        "--policy",
        policy.to_str().unwrap(),
        "--me",
        ME,
    ];
    args.extend(extra);
    let out = run(&args, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The daemon mails the team report to report.team_to at the report's slot, also with the
/// personal report turned off: once per week (not again on a second cycle or after a restart), nothing in
/// a dry run, retried after a refusal; no member's title or address in it, and a member
/// whose calendar cannot be read is counted, not fatal.
#[test]
fn the_daemon_mails_the_team_report_once_a_week_without_titles() {
    if !have_smtp() {
        return;
    }
    // The personal report is off (report.to = []): the team report goes out all the same.
    let (dir, calendars, policy) = team_setup("to = []\n");
    // cy's calendar is a FIFO: refused unread, so cy is left out as unreadable.
    let cy = calendars.join("cy@team.example.ics");
    std::fs::remove_file(&cy).unwrap();
    let made = Command::new("mkfifo").arg(&cy).status().unwrap();
    assert!(made.success());
    let smtp = Smtp::start(dir.path(), &[]);
    let team = |m: &[Value]| -> Vec<Value> {
        m.iter()
            .filter(|m| m["rcpt_tos"] == serde_json::json!(["lead@team.example"]))
            .cloned()
            .collect()
    };
    let d = dir.path();
    run_team_daemon(d, &calendars, &policy, &smtp, "2026-12-04T15:59", &[]);
    assert!(smtp.messages().is_empty(), "not before the slot");
    run_team_daemon(
        d,
        &calendars,
        &policy,
        &smtp,
        "2026-12-04T16:00",
        &["--dry-run"],
    );
    assert!(smtp.messages().is_empty(), "a dry run sends nothing");
    smtp.refuse(true);
    let out = run_team_daemon(d, &calendars, &policy, &smtp, "2026-12-04T16:00", &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("team report not sent"), "{err}");
    assert!(
        err.contains("cy@team.example"),
        "the unreadable member is named in the log: {err}"
    );
    assert!(smtp.messages().is_empty());
    smtp.refuse(false);
    run_team_daemon(d, &calendars, &policy, &smtp, "2026-12-04T16:10", &[]);
    let messages = wait_for(&smtp, 1);
    assert_eq!(messages.len(), 1, "the team report alone");
    let sent = team(&messages);
    assert_eq!(sent.len(), 1);
    let m = &sent[0];
    let subject = m["headers"]["Subject"].as_str().unwrap();
    assert!(
        subject.starts_with("Team platform: median focus"),
        "{subject}"
    );
    assert!(subject.ends_with("week 49"), "{subject}");
    // Its Message-ID is of the team, the week and the one refused attempt before it.
    let id = m["headers"]["Message-ID"].as_str().unwrap();
    assert!(
        id.starts_with("<team-report.2026-W49.") && id.ends_with(".1@example.com>"),
        "{id}"
    );
    let text = m["text"].as_str().unwrap();
    assert!(text.contains("1 listed member had no calendar"), "{text}");
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
    // The same numbers as `focusd report --team` for that week.
    let json: Value = serde_json::from_str(&ok(&team_report(&calendars, &policy, "json"))).unwrap();
    assert_eq!(json["members"], 2);
    assert_eq!(json["unreadable"], 1);
    let median = json["focus_minutes"]["median"].as_i64().unwrap();
    assert!(
        subject.contains(&format!("median focus {} of", hours(median))),
        "{subject} vs {median}"
    );
    // A second cycle, and a restart later that week: no second team mail.
    run_team_daemon(d, &calendars, &policy, &smtp, "2026-12-04T16:20", &[]);
    run_team_daemon(d, &calendars, &policy, &smtp, "2026-12-05T10:00", &[]);
    assert_eq!(team(&smtp.messages()).len(), 1);
    // The next week's slot sends the next week's.
    run_team_daemon(d, &calendars, &policy, &smtp, "2026-12-11T16:00", &[]);
    let sent = team(&wait_for(&smtp, 2));
    assert_eq!(sent.len(), 2);
    assert!(
        sent[1]["headers"]["Subject"]
            .as_str()
            .unwrap()
            .ends_with("week 50")
    );
}

/// Without `--calendars`, `focusd report --team` reads `[team] calendars` of the
/// configuration; with no source at all it is a usage error that says where to set one.
#[test]
fn the_team_report_reads_the_configured_folder_or_says_what_is_missing() {
    let (dir, calendars, policy) = team_setup("");
    let c = dir.path().join("config.toml");
    std::fs::write(&c, "[team]\ncalendars = \"calendars\"\n").unwrap();
    let args = |config: &Path| {
        vec![
            "--config".to_string(),
            config.to_str().unwrap().to_string(),
            "report".into(),
            "--team".into(),
            "--policy".into(),
            policy.to_str().unwrap().to_string(),
            "--week".into(),
            "2026-W49".into(),
            "--format".into(),
            "json".into(),
        ]
    };
    let a = args(&c);
    let out = run(&a.iter().map(String::as_str).collect::<Vec<_>>(), &[]);
    let json: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(json["members"], 3);
    assert_eq!(json["missing"], 1);
    assert_eq!(json["unreadable"], 0);
    assert!(calendars.is_dir());
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "").unwrap();
    let a = args(&empty);
    let out = run(&a.iter().map(String::as_str).collect::<Vec<_>>(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--calendars DIR") && err.contains("[team] calendars"),
        "{err}"
    );
}
