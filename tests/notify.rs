//! Desktop notifications over a real D-Bus (SPEC section 4): a private session bus per test
//! (`dbus-daemon --session --print-address`) with python3-dbusmock's `notification_daemon`
//! template on it, and the real `focusd run --once` against it. What the server was shown is
//! read from dbusmock's call log. Without dbus-daemon or dbusmock the tests say so loudly and
//! pass; under `CI=true` they fail.

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const ME: &str = "alex@example.com";

/// The Python that has dbusmock: the one on the PATH, else the system's (Debian's
/// python3-dbusmock installs for /usr/bin/python3, which a pyenv or venv on the PATH hides).
fn python() -> Option<&'static str> {
    ["python3", "/usr/bin/python3"].into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import dbusmock"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Whether the programs a real bus needs are here; `false` (after saying so) when a test
/// should skip, a panic under `CI=true`.
fn have_bus_tools() -> bool {
    let dbus = Command::new("dbus-daemon")
        .arg("--version")
        .output()
        .is_ok();
    let mock = python().is_some();
    if dbus && mock {
        return true;
    }
    let what = "dbus-daemon and python3-dbusmock are needed (scripts/test installs them)";
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{what}");
    eprintln!("SKIPPED: {what}");
    false
}

/// A private session bus with a mock notification server on it; both stop with it.
struct Desktop {
    bus: Child,
    mock: Child,
    address: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Desktop {
    /// `capabilities`: the server's, space-separated.
    fn start(capabilities: &str) -> Desktop {
        let dir = tempfile::tempdir().unwrap();
        let mut bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon");
        let mut address = String::new();
        BufReader::new(bus.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        let address = address.trim().to_string();
        let log = dir.path().join("calls.log");
        let params = format!("{{\"capabilities\": \"{capabilities}\"}}");
        let mock = Command::new(python().expect("a Python with dbusmock"))
            .args(["-m", "dbusmock", "--template", "notification_daemon"])
            .arg("-p")
            .arg(&params)
            .arg("-l")
            .arg(&log)
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .stdout(Stdio::null())
            .spawn()
            .expect("dbusmock");
        let d = Desktop {
            bus,
            mock,
            address,
            log,
            _dir: dir,
        };
        d.wait_for_server();
        d
    }

    /// Polls until the server answers on the bus (generous: a loaded machine is slow).
    fn wait_for_server(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let ok = Command::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.Notifications",
                    "/org/freedesktop/Notifications",
                    "org.freedesktop.Notifications.GetCapabilities",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
                .output()
                .is_ok_and(|o| o.status.success());
            if ok {
                return;
            }
            assert!(Instant::now() < deadline, "the mock server never answered");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The `Notify` calls the server has logged so far.
    fn notifications(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains(" Notify "))
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        let _ = self.mock.kill();
        let _ = self.mock.wait();
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}

/// A calendar with one invitation without an agenda (45 minutes, nine people) on
/// Wednesday 2026-12-02 at 14:00 UTC, and a policy in UTC that books no blocks, so that
/// Tuesday 11:00 is a break.
struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new(title: &str) -> World {
        let dir = tempfile::tempdir().unwrap();
        let attendees: String = (1..=8)
            .map(|i| format!("ATTENDEE;PARTSTAT=ACCEPTED:mailto:p{i}@corp.example\r\n"))
            .collect();
        let ics = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n\
             UID:roadmap-1\r\nDTSTAMP:20261130T080000Z\r\nDTSTART:20261202T140000Z\r\n\
             DTEND:20261202T144500Z\r\nSUMMARY:{title}\r\n\
             ORGANIZER:mailto:pm@corp.example\r\n\
             ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{ME}\r\n{attendees}\
             END:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        std::fs::write(dir.path().join("cal.ics"), ics).unwrap();
        std::fs::write(
            dir.path().join("policy.toml"),
            "[team]\ntimezone = \"UTC\"\n[working_hours]\nstart = \"09:00\"\nend = \"17:00\"\n\
             [focus]\ndaily_target_minutes = 0\n[meetings]\ndecline_existing = true\n\
             agenda_min_minutes = 30\n",
        )
        .unwrap();
        World { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run_once(&self, now: &str, bus: Option<&str>) -> Output {
        let mut c = support::focusd();
        c.arg("run")
            .arg("--once")
            .arg("--now")
            .arg(now)
            .arg("--calendar")
            .arg(self.path("cal.ics"))
            .arg("--policy")
            .arg(self.path("policy.toml"))
            .args(["--me", ME, "--state-dir"])
            .arg(self.path("state"));
        if let Some(address) = bus {
            c.env("DBUS_SESSION_BUS_ADDRESS", address);
        }
        c.output().unwrap()
    }
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "focusd failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn calendar_text(w: &World) -> String {
    std::fs::read_to_string(Path::new(&w.path("cal.ics"))).unwrap()
}

/// Polls the server's log until `n` notifications are there (generous deadline).
fn wait_for(d: &Desktop, n: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let shown = d.notifications();
        if shown.len() >= n || Instant::now() > deadline {
            return shown;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_decline_at_a_break_is_shown_naming_it() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let w = World::new("Roadmap <b>sync</b> & more");
    ok(&w.run_once("2026-12-01T11:00:00Z", Some(&d.address)));
    assert!(calendar_text(&w).contains("PARTSTAT=DECLINED"));
    let shown = wait_for(&d, 1);
    assert_eq!(shown.len(), 1, "{shown:?}");
    let n = &shown[0];
    assert!(n.contains("\"focusd\""), "{n}");
    assert!(n.contains("Declined: Roadmap <b>sync</b> & more"), "{n}");
    assert!(n.contains("pm@corp.example"), "{n}");
    // No actions until the daemon carries their clicks out.
    assert!(n.contains(" [] "), "{n}");
    assert!(n.contains("appointment-soon"), "{n}");
}

#[test]
fn a_server_without_body_markup_gets_the_body_as_it_is() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body");
    let w = World::new("Roadmap sync");
    ok(&w.run_once("2026-12-01T11:00:00Z", Some(&d.address)));
    let shown = wait_for(&d, 1);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains("from pm@corp.example; "), "{}", shown[0]);
}

#[test]
fn after_hours_the_decline_waits_and_the_next_morning_shows_it() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let w = World::new("Roadmap sync");
    ok(&w.run_once("2026-12-01T19:00:00Z", Some(&d.address)));
    assert!(calendar_text(&w).contains("PARTSTAT=DECLINED"));
    assert!(d.notifications().is_empty());
    let status = support::focusd()
        .args(["status", "--now", "2026-12-01T19:00:00Z", "--calendar"])
        .arg(w.path("cal.ics"))
        .arg("--policy")
        .arg(w.path("policy.toml"))
        .args(["--me", ME, "--state-dir"])
        .arg(w.path("state"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(
        text.contains(
            "1 nudge(s) waiting for the next break:\n  Roadmap sync: from pm@corp.example"
        ),
        "{text}\n{}",
        String::from_utf8_lossy(&status.stderr)
    );
    ok(&w.run_once("2026-12-02T09:05:00Z", Some(&d.address)));
    let shown = wait_for(&d, 1);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains("Declined: Roadmap sync"), "{}", shown[0]);
}

#[test]
fn without_a_session_bus_the_cycle_succeeds_and_the_log_has_the_nudge() {
    let w = World::new("Roadmap sync");
    let out = w.run_once("2026-12-01T11:00:00Z", None);
    ok(&out);
    assert!(calendar_text(&w).contains("PARTSTAT=DECLINED"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nudge: Declined: Roadmap sync"), "{stderr}");
}
