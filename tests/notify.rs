//! Desktop notifications over a real D-Bus (SPEC section 4): a private session bus per test
//! (`dbus-daemon --session --print-address`) with python3-dbusmock's `notification_daemon`
//! template on it, and the real `focusd run --once` against it. What the server was shown is
//! read from dbusmock's call log. Without dbus-daemon or dbusmock the tests say so loudly and
//! pass; under `CI=true` they fail.

mod support;

use support::process::{eventually, missing, ok, private_bus, private_bus_listening, python_with};

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const ME: &str = "alex@example.com";

/// Whether the programs a real bus needs are here; `false` (after saying so) when a test
/// should skip, a panic under `CI=true`.
fn have_bus_tools() -> bool {
    let dbus = Command::new("dbus-daemon")
        .arg("--version")
        .output()
        .is_ok();
    let mock = python_with("dbusmock").is_some();
    if dbus && mock {
        return true;
    }
    missing("dbus-daemon and python3-dbusmock are needed (scripts/test installs them)")
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
        Desktop::start_on(capabilities, None)
    }

    /// [`Desktop::start`], the bus listening on `listen` (an address known before it
    /// starts) when given.
    fn start_on(capabilities: &str, listen: Option<&str>) -> Desktop {
        let dir = tempfile::tempdir().unwrap();
        let (bus, address) = match listen {
            Some(listen) => private_bus_listening(dir.path(), listen),
            None => private_bus(dir.path()),
        };
        let log = dir.path().join("calls.log");
        let params = format!("{{\"capabilities\": \"{capabilities}\"}}");
        let mock = Command::new(python_with("dbusmock").expect("a Python with dbusmock"))
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

    /// Clicks button `key` of notification `id`: the server's `ActionInvoked` signal, sent by
    /// the server itself (dbusmock's `EmitSignal`).
    fn click(&self, id: u32, key: &str) {
        let script = "import dbus, sys\n\
            bus = dbus.bus.BusConnection(sys.argv[1])\n\
            o = bus.get_object('org.freedesktop.Notifications', '/org/freedesktop/Notifications')\n\
            o.EmitSignal('org.freedesktop.Notifications', 'ActionInvoked', 'us',\n\
                [dbus.UInt32(int(sys.argv[2])), sys.argv[3]], dbus_interface='org.freedesktop.DBus.Mock')\n";
        let out = Command::new(python_with("dbusmock").expect("a Python with dbusmock"))
            .args(["-c", script, &self.address, &id.to_string(), key])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "EmitSignal: {}",
            String::from_utf8_lossy(&out.stderr)
        );
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

    /// Has focusd book its focus blocks first (09:00 to 11:00 UTC each working day, by a
    /// run at 07:00 on Tuesday with a daily target of two hours), then puts the calendar's
    /// events back: they arrive while the blocks are there.
    fn with_blocks(&self, bus: Option<&str>) {
        let policy = std::fs::read_to_string(self.path("policy.toml"))
            .unwrap()
            .replace("daily_target_minutes = 0", "daily_target_minutes = 120");
        std::fs::write(self.path("policy.toml"), policy).unwrap();
        let full = calendar_text(self);
        let (start, end) = (
            full.find("BEGIN:VEVENT").unwrap(),
            full.rfind("END:VCALENDAR").unwrap(),
        );
        let events = &full[start..end];
        std::fs::write(
            self.path("cal.ics"),
            format!("{}{}", &full[..start], &full[end..]),
        )
        .unwrap();
        ok(&self.run_once("2026-12-01T07:00:00Z", bus));
        let booked = calendar_text(self);
        assert!(
            booked.contains("X-FOCUSD-BLOCK:TRUE")
                && booked.contains("DTSTART:20261201T090000Z\r\nDTEND:20261201T110000Z"),
            "{booked}"
        );
        let at = booked.rfind("END:VCALENDAR").unwrap();
        std::fs::write(
            self.path("cal.ics"),
            format!("{}{events}{}", &booked[..at], &booked[at..]),
        )
        .unwrap();
    }

    fn run_once(&self, now: &str, bus: Option<&str>) -> Output {
        self.command(now, bus, true).output().unwrap()
    }

    /// `focusd run` (as a daemon unless `once`) at `now`, on `bus`, with a stand-in for
    /// `xdg-open` first on the PATH that writes the link it is given to `opened`.
    fn command(&self, now: &str, bus: Option<&str>, once: bool) -> Command {
        let bin = self.path("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let opener = bin.join("xdg-open");
        std::fs::write(
            &opener,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
                self.path("opened").display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut c = support::focusd();
        c.arg("run");
        if once {
            c.arg("--once");
        }
        c.arg("--now")
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
        c.env("PATH", path);
        c
    }

    /// What `focusd status` says at `now` (it must succeed).
    fn status(&self, now: &str) -> String {
        let out = support::focusd()
            .args(["status", "--now", now, "--calendar"])
            .arg(self.path("cal.ics"))
            .arg("--policy")
            .arg(self.path("policy.toml"))
            .args(["--me", ME, "--state-dir"])
            .arg(self.path("state"))
            .output()
            .unwrap();
        ok(&out);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The audit log as `focusd log --json` gives it.
    fn log(&self) -> Vec<serde_json::Value> {
        let out = support::focusd()
            .args(["log", "--json", "--state-dir"])
            .arg(self.path("state"))
            .output()
            .unwrap();
        ok(&out);
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }
}

/// A running `focusd run` (not `--once`), stopped with SIGTERM when dropped; its stderr is
/// read on a thread of its own.
struct Daemon {
    child: Child,
    lines: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Daemon {
    fn start(mut c: Command) -> Daemon {
        let mut child = c.stderr(Stdio::piped()).spawn().unwrap();
        let stderr = child.stderr.take().unwrap();
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let keep = std::sync::Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                keep.lock().unwrap().push(line);
            }
        });
        Daemon { child, lines }
    }

    /// Waits (generously) for a line of the log containing `text`.
    fn wait_for_line(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.lines.lock().unwrap().iter().any(|l| l.contains(text)) {
            assert!(
                Instant::now() < deadline,
                "no {text:?} in the log:\n{}",
                self.lines.lock().unwrap().join("\n")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn log(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    fn stop(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
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
    assert!(n.contains("[\"undo\", \"Undo\"]"), "{n}");
    assert!(n.contains("appointment-soon"), "{n}");
    // An ordinary nudge: normal urgency (1), and it goes away after 15 s.
    assert_eq!(urgency(n), Some(1), "{n}");
    assert!(n.ends_with(" 15000"), "{n}");
}

/// The urgency hint (0 low, 1 normal, 2 critical) a logged `Notify` call carried.
fn urgency(notify: &str) -> Option<u8> {
    let (_, rest) = notify.split_once("\"urgency\": ")?;
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// The body is escaped only for a server with `body-markup`, and buttons go only to one
/// with `actions`, each capability on its own. The organizer's address (`&` and `'` are
/// allowed in one) is part of a decline's body, so the two bodies differ.
#[test]
fn a_server_without_body_markup_gets_the_body_as_it_is() {
    if !have_bus_tools() {
        return;
    }
    let raw = "from r&d'ops@corp.example; ";
    let escaped = "from r&amp;d&apos;ops@corp.example; ";
    for (capabilities, body, buttons) in [
        ("body", raw, " [] "),
        ("body actions", raw, " [\"undo\", \"Undo\"] "),
        ("body body-markup", escaped, " [] "),
    ] {
        let d = Desktop::start(capabilities);
        let w = World::new("Roadmap sync");
        let cal = calendar_text(&w).replace(
            "ORGANIZER:mailto:pm@corp.example",
            "ORGANIZER:mailto:r&d'ops@corp.example",
        );
        std::fs::write(w.path("cal.ics"), cal).unwrap();
        ok(&w.run_once("2026-12-01T11:00:00Z", Some(&d.address)));
        let shown = wait_for(&d, 1);
        assert_eq!(shown.len(), 1, "{capabilities}: {shown:?}");
        let n = &shown[0];
        assert!(n.contains(body), "{capabilities}: {n}");
        let other = if body == raw { escaped } else { raw };
        assert!(!n.contains(other), "{capabilities}: {n}");
        assert!(n.contains(buttons), "{capabilities}: {n}");
    }
}

/// SPEC section 4: a meeting that lands on the running focus block and starts within 15
/// minutes needs the user before the block ends: shown at once, with critical urgency (2),
/// and it stays until closed.
#[test]
fn a_meeting_landing_on_the_running_block_soon_is_shown_at_once_as_critical() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let w = World::new("unused");
    // Instead of the invitation: a meeting the user accepted, Tuesday 10:10 to 10:40,
    // inside the block booked for 09:00 to 11:00.
    std::fs::write(
        w.path("cal.ics"),
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n\
             UID:incident-1\r\nDTSTAMP:20261130T080000Z\r\nDTSTART:20261201T101000Z\r\n\
             DTEND:20261201T104000Z\r\nSUMMARY:Incident review\r\n\
             ORGANIZER:mailto:sre@corp.example\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:p1@corp.example\r\n\
             END:VEVENT\r\nEND:VCALENDAR\r\n"
        ),
    )
    .unwrap();
    w.with_blocks(Some(&d.address));
    assert!(d.notifications().is_empty(), "{:?}", d.notifications());
    // 10:00: the block runs, and the meeting starts in ten minutes.
    ok(&w.run_once("2026-12-01T10:00:00Z", Some(&d.address)));
    let shown = wait_for(&d, 1);
    assert_eq!(shown.len(), 1, "{shown:?}");
    let n = &shown[0];
    assert!(n.contains(" \"Incident review\" "), "{n}");
    assert!(
        n.contains("lands on your focus block (09:00 to 11:00)"),
        "{n}"
    );
    assert_eq!(urgency(n), Some(2), "{n}");
    // No timeout: it stays until closed.
    assert!(n.ends_with(" 0"), "{n}");
    assert_eq!(w.log().iter().filter(|r| r["kind"] == "nudge").count(), 1);
    // The running block now ends where the meeting begins (SPEC section 2: a block never
    // overlaps a meeting).
    let cal = calendar_text(&w);
    assert!(
        cal.contains("DTSTART:20261201T090000Z\r\nDTEND:20261201T101000Z"),
        "{cal}"
    );
    assert!(!cal.contains("DTEND:20261201T110000Z"), "{cal}");
}

/// The user's line of the calendar file, unfolded.
/// The break rule on the bus for one decline made at `times[0]`, while a block or meeting
/// runs: nothing sent and the decline waiting in `focusd status` (the log's state `held`),
/// still held at `times[1]`, then shown alone with its Undo at `times[2]`, after the break
/// came, and nothing left waiting.
fn held_until_the_break(w: &World, d: &Desktop, times: [&str; 3]) {
    let text = w.status(times[0]);
    assert!(
        text.contains(
            "1 nudge(s) waiting for the next break:\n  Roadmap sync: from pm@corp.example"
        ),
        "{text}"
    );
    let decline = || {
        w.log()
            .into_iter()
            .find(|r| r["kind"] == "decline")
            .expect("a decline in the log")
    };
    assert_eq!(decline()["desktop"]["state"], "held");
    ok(&w.run_once(times[1], Some(&d.address)));
    assert!(d.notifications().is_empty(), "{:?}", d.notifications());
    ok(&w.run_once(times[2], Some(&d.address)));
    let shown = wait_for(d, 1);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains("Declined: Roadmap sync"), "{}", shown[0]);
    assert!(shown[0].contains("[\"undo\", \"Undo\"]"), "{}", shown[0]);
    assert_eq!(decline()["desktop"]["state"], "shown");
    assert!(!w.status(times[2]).contains("waiting for the next break"));
}

fn my_line(w: &World) -> String {
    calendar_text(w)
        .replace("\r\n ", "")
        .lines()
        .find(|l| l.contains(ME))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn undo_on_the_desktop_reopens_the_invitation_also_after_a_restart() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let w = World::new("Roadmap sync");
    // One run shows the decline and ends; a daemon started afterwards takes the click.
    ok(&w.run_once("2026-12-01T11:00:00Z", Some(&d.address)));
    assert!(my_line(&w).contains("PARTSTAT=DECLINED"), "{}", my_line(&w));
    assert_eq!(wait_for(&d, 1).len(), 1);
    let daemon = Daemon::start(w.command("2026-12-01T11:00:00Z", Some(&d.address), false));
    daemon.wait_for_line("listening for clicks on notifications");
    // A click on a button the notification does not have, and one on a notification
    // focusd never showed, do nothing.
    d.click(1, "suggest-async");
    d.click(7, "undo");
    d.click(1, "undo");
    assert!(
        eventually(|| my_line(&w).contains("PARTSTAT=NEEDS-ACTION")),
        "{}\n{}",
        my_line(&w),
        daemon.log()
    );
    daemon.wait_for_line("undone from the desktop: action 1");
    daemon.stop();
    let log = w.log();
    let undo: Vec<_> = log.iter().filter(|r| r["kind"] == "withdraw").collect();
    assert_eq!(undo.len(), 1, "{log:#?}");
    assert_eq!(undo[0]["status"], "done");
    assert_eq!(undo[0]["undoes"], 1);
    assert!(
        undo[0]["reason"]
            .as_str()
            .unwrap()
            .contains("undo of action 1 (from the desktop)")
    );
    assert!(log.iter().all(|r| r["kind"] != "suggest_async"), "{log:#?}");
    assert!(!w.path("opened").exists());
    // `focusd log` shows what became of the notification.
    let decline = log.iter().find(|r| r["kind"] == "decline").unwrap();
    assert_eq!(decline["desktop"]["state"], "acted", "{decline:#?}");
    let table = support::focusd()
        .args(["log", "--state-dir"])
        .arg(w.path("state"))
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("desktop: acted on "), "{table}");
    // The undone decline stays undone.
    ok(&w.run_once("2026-12-01T11:30:00Z", Some(&d.address)));
    assert!(my_line(&w).contains("PARTSTAT=NEEDS-ACTION"));
}

/// A status meeting (an async suggestion), organized by someone else, tomorrow.
fn status_meeting(w: &World) {
    let ics = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n\
         UID:status-1\r\nDTSTAMP:20261130T080000Z\r\nDTSTART:20261202T100000Z\r\n\
         DTEND:20261202T110000Z\r\nSUMMARY:Weekly status <b>&</b>\r\n\
         DESCRIPTION:Agenda: each team reports its numbers for the quarter and we decide \
         what to drop.\r\n\
         ORGANIZER:mailto:lead@corp.example\r\n\
         ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{ME}\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:p1@corp.example\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    std::fs::write(w.path("cal.ics"), ics).unwrap();
}

#[test]
fn suggest_async_opens_a_drafted_mail_and_dismiss_puts_a_nudge_away() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let w = World::new("unused");
    status_meeting(&w);
    let daemon = Daemon::start(w.command("2026-12-01T11:00:00Z", Some(&d.address), false));
    daemon.wait_for_line("listening for clicks on notifications");
    let shown = wait_for(&d, 1);
    assert_eq!(shown.len(), 1, "{shown:?}\n{}", daemon.log());
    let n = &shown[0];
    assert!(n.contains("Could be async: Weekly status <b>&</b>"), "{n}");
    assert!(
        n.contains("[\"suggest-async\", \"Suggest async\", \"dismiss\", \"Dismiss\"]"),
        "{n}"
    );
    d.click(1, "suggest-async");
    // The stand-in is not waited for, and its shell creates the file before it writes the
    // link: wait for the whole line.
    let opened = || std::fs::read_to_string(w.path("opened")).unwrap_or_default();
    assert!(eventually(|| opened().ends_with('\n')), "{}", daemon.log());
    daemon.wait_for_line("a drafted mail opened");
    let opened = opened();
    let link = opened.trim();
    assert!(
        link.starts_with("mailto:lead@corp.example?subject=About%20%22Weekly%20status%20%3Cb%3E%26%3C%2Fb%3E%22&body=Hi%2C"),
        "{link}"
    );
    assert!(link.contains("of%20focus%20time"), "{link}");
    // The notification is answered: a second click does nothing.
    d.click(1, "dismiss");
    daemon.stop();
    let log = w.log();
    let kinds: Vec<&str> = log.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["nudge", "suggest_async"], "{log:#?}");
    assert_eq!(log[1]["status"], "done");
    assert_eq!(
        log[1]["action"]["reply"]["suggest_async"]["to"],
        "lead@corp.example"
    );
    // Nothing is shown again for it.
    ok(&w.run_once("2026-12-01T12:00:00Z", Some(&d.address)));
    assert_eq!(d.notifications().len(), 1);
}

#[test]
fn a_dismissed_suggestion_is_recorded_and_never_shown_again() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let w = World::new("unused");
    status_meeting(&w);
    ok(&w.run_once("2026-12-01T11:00:00Z", Some(&d.address)));
    assert_eq!(wait_for(&d, 1).len(), 1);
    let daemon = Daemon::start(w.command("2026-12-01T11:00:00Z", Some(&d.address), false));
    daemon.wait_for_line("listening for clicks on notifications");
    d.click(1, "dismiss");
    daemon.wait_for_line("dismiss the nudge about");
    daemon.stop();
    let log = w.log();
    let kinds: Vec<&str> = log.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["nudge", "dismiss"], "{log:#?}");
    assert_eq!(log[0]["desktop"]["state"], "dismissed", "{log:#?}");
    ok(&w.run_once("2026-12-02T09:00:00Z", Some(&d.address)));
    assert_eq!(d.notifications().len(), 1);
    assert!(!w.path("opened").exists());
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
    let text = w.status("2026-12-01T19:00:00Z");
    assert!(
        text.contains(
            "1 nudge(s) waiting for the next break:\n  Roadmap sync: from pm@corp.example"
        ),
        "{text}"
    );
    assert_eq!(w.log()[0]["desktop"]["state"], "held");
    ok(&w.run_once("2026-12-02T09:05:00Z", Some(&d.address)));
    assert_eq!(w.log()[0]["desktop"]["state"], "shown");
    let shown = wait_for(&d, 1);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains("Declined: Roadmap sync"), "{}", shown[0]);
}

/// The "Done means": a decline made while a focus block runs is not shown then
/// (it waits in the store, and `focusd status` lists it); `run --once --now` after the
/// block shows it, with its Undo.
#[test]
fn a_decline_made_in_a_focus_block_is_shown_only_after_the_block() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let w = World::new("Roadmap sync");
    w.with_blocks(Some(&d.address));
    assert!(!calendar_text(&w).contains("PARTSTAT=DECLINED"));
    // 10:00 on Tuesday: inside the block booked for 09:00 to 11:00.
    ok(&w.run_once("2026-12-01T10:00:00Z", Some(&d.address)));
    assert!(my_line(&w).contains("PARTSTAT=DECLINED"), "{}", my_line(&w));
    assert!(d.notifications().is_empty(), "{:?}", d.notifications());
    held_until_the_break(
        &w,
        &d,
        [
            "2026-12-01T10:00:00Z",
            "2026-12-01T10:55:00Z",
            "2026-12-01T11:05:00Z",
        ],
    );
}

/// An accepted meeting of the user's, Tuesday 11:00 to 12:00 UTC, added to `w`'s calendar
/// (no focus blocks: the policy books none).
fn accepted_meeting(w: &World) {
    let meeting = format!(
        "BEGIN:VEVENT\r\nUID:retro-1\r\nDTSTAMP:20261130T080000Z\r\n\
         DTSTART:20261201T110000Z\r\nDTEND:20261201T120000Z\r\nSUMMARY:Team retro\r\n\
         ORGANIZER:mailto:lead@corp.example\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:p1@corp.example\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let cal = calendar_text(w).replace("END:VCALENDAR\r\n", &meeting);
    std::fs::write(w.path("cal.ics"), cal).unwrap();
}

/// SPEC section 4's break rule in a meeting: a decline made while an accepted meeting is
/// in progress (and no focus block runs) waits in the store, listed by `focusd status`;
/// `run --once --now` after the meeting's end shows it, with its Undo.
#[test]
fn a_decline_made_during_a_meeting_is_shown_only_after_the_meeting() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let w = World::new("Roadmap sync");
    accepted_meeting(&w);
    // 11:30 on Tuesday: inside the retro, within working hours, no block booked.
    ok(&w.run_once("2026-12-01T11:30:00Z", Some(&d.address)));
    assert!(!calendar_text(&w).contains("X-FOCUSD-BLOCK"));
    assert!(my_line(&w).contains("PARTSTAT=DECLINED"), "{}", my_line(&w));
    assert!(d.notifications().is_empty(), "{:?}", d.notifications());
    held_until_the_break(
        &w,
        &d,
        [
            "2026-12-01T11:30:00Z",
            "2026-12-01T11:55:00Z",
            "2026-12-01T12:05:00Z",
        ],
    );
}

/// Whether `faketime` (libfaketime) is here, to run focusd with its wall clock ahead;
/// `false` (after saying so) when a test should skip, a panic under `CI=true`.
fn have_faketime() -> bool {
    let here = Command::new("faketime")
        .args(["-f", "+0", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    here || missing("faketime is needed (scripts/test installs it)")
}

/// `c` (a `focusd` command) run under `faketime` with its wall clock `ahead` (`+61m`): the
/// audit log's and the store's times, and the hourly cap, read the wall clock, not
/// `--now`. The monotonic clock (the runtime's timers) is left alone.
fn with_wall_clock(c: &Command, ahead: &str) -> Command {
    let mut f = Command::new("faketime");
    f.args(["-f", ahead])
        .arg(c.get_program())
        .args(c.get_args());
    for (key, value) in c.get_envs() {
        match value {
            Some(v) => f.env(key, v),
            None => f.env_remove(key),
        };
    }
    f.env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    f
}

/// A second invitation without an agenda, "Pricing sync" on Thursday, added to `w`'s
/// calendar (the file replaced whole: a running daemon never reads it half written).
fn second_invitation(w: &World) {
    let second = calendar_text(&World::new("Pricing sync"))
        .replace("UID:roadmap-1", "UID:pricing-1")
        .replace("DTSTART:20261202T140000Z", "DTSTART:20261203T140000Z")
        .replace("DTEND:20261202T144500Z", "DTEND:20261203T144500Z");
    let both = calendar_text(w).replace(
        "END:VCALENDAR\r\n",
        &second[second.find("BEGIN:VEVENT").unwrap()..],
    );
    std::fs::write(w.path("cal.ics.new"), both).unwrap();
    std::fs::rename(w.path("cal.ics.new"), w.path("cal.ics")).unwrap();
}

/// SPEC section 4's hourly cap (`nudges.max_per_hour = 1`): a decline shown at one break,
/// then a second decline at another break within the hour is not shown (held, and listed
/// by `focusd status`); once the hour has passed (focusd's wall clock an hour and a minute
/// ahead, and `--now` too), the next run shows it.
#[test]
fn past_the_hourly_cap_a_nudge_waits_until_the_hour_has_passed() {
    if !have_bus_tools() || !have_faketime() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let w = World::new("Roadmap sync");
    let policy = std::fs::read_to_string(w.path("policy.toml")).unwrap();
    std::fs::write(
        w.path("policy.toml"),
        format!("{policy}[nudges]\nmax_per_hour = 1\n"),
    )
    .unwrap();
    // 11:00 on Tuesday, a break: the first decline is shown.
    ok(&w.run_once("2026-12-01T11:00:00Z", Some(&d.address)));
    let shown = wait_for(&d, 1);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains("Declined: Roadmap sync"), "{}", shown[0]);
    // 11:30, another break: a second invitation is declined, and its nudge waits.
    second_invitation(&w);
    ok(&w.run_once("2026-12-01T11:30:00Z", Some(&d.address)));
    assert_eq!(calendar_text(&w).matches("PARTSTAT=DECLINED").count(), 2);
    assert_eq!(d.notifications().len(), 1, "{:?}", d.notifications());
    let text = w.status("2026-12-01T11:30:00Z");
    assert!(
        text.contains(
            "1 nudge(s) waiting for the next break:\n  Pricing sync: from pm@corp.example"
        ),
        "{text}"
    );
    let state = |title: &str| {
        w.log()
            .into_iter()
            .find(|r| r["kind"] == "decline" && r["action"].to_string().contains(title))
            .unwrap_or_else(|| panic!("a decline of {title} in the log"))["desktop"]["state"]
            .clone()
    };
    assert_eq!(state("Roadmap sync"), "shown");
    assert_eq!(state("Pricing sync"), "held");
    // An hour and a minute later: the cap has room again, and the waiting decline is shown.
    let later = with_wall_clock(
        &w.command("2026-12-01T12:31:00Z", Some(&d.address), true),
        "+61m",
    )
    .output()
    .unwrap();
    ok(&later);
    let shown = wait_for(&d, 2);
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(shown[1].contains("Declined: Pricing sync"), "{}", shown[1]);
    assert!(!shown[1].contains("Roadmap sync"), "{}", shown[1]);
    assert_eq!(state("Pricing sync"), "shown");
    assert!(
        !w.status("2026-12-01T12:31:00Z")
            .contains("waiting for the next break")
    );
}

/// Someone else's title, hostile: markup (`<a href>`, `&`, an entity), a line break and
/// 5 MB of it. Declined after hours with a second invitation, it reaches the next
/// morning's one notification as a line of its body: on one line, cut to 200 characters
/// (an ellipsis last), then escaped for the body markup, so it reads as typed.
#[test]
fn a_hostile_title_reaches_the_body_escaped_and_cut() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let head = "Budget <a href=\"https://evil.example/?x=1&y=2\">review</a> & Q1 &amp;";
    // In the calendar file the line break is iCalendar's `\n`.
    let title = format!("{head}\\nplan {}", "x".repeat(5 << 20));
    let w = World::new(&title);
    let second = calendar_text(&World::new("Pricing sync"))
        .replace("UID:roadmap-1", "UID:pricing-1")
        .replace("DTSTART:20261202T140000Z", "DTSTART:20261203T140000Z")
        .replace("DTEND:20261202T144500Z", "DTEND:20261203T144500Z");
    let both = calendar_text(&w).replace(
        "END:VCALENDAR\r\n",
        &second[second.find("BEGIN:VEVENT").unwrap()..],
    );
    std::fs::write(w.path("cal.ics"), both).unwrap();
    ok(&w.run_once("2026-12-01T19:00:00Z", Some(&d.address)));
    assert_eq!(calendar_text(&w).matches("PARTSTAT=DECLINED").count(), 2);
    assert!(d.notifications().is_empty(), "{:?}", d.notifications());
    ok(&w.run_once("2026-12-02T09:05:00Z", Some(&d.address)));
    let shown = wait_for(&d, 1);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].contains("\"2 invitations declined outside working hours\""),
        "{}",
        shown[0]
    );
    // The server's log keeps the body as it came: the title's line, cut where 199
    // characters of it are followed by the ellipsis, and escaped after the cut.
    let all = std::fs::read_to_string(&d.log).unwrap();
    let plain = format!("{head} plan ");
    let xs = "x".repeat(199 - plain.chars().count());
    let escaped = "Budget &lt;a href=&quot;https://evil.example/?x=1&amp;y=2&quot;&gt;review\
                   &lt;/a&gt; &amp; Q1 &amp;amp; plan ";
    assert!(
        all.contains(&format!("\"{escaped}{xs}…: from pm@corp.example")),
        "{}",
        first_4k(&all)
    );
    assert!(
        all.contains("\nPricing sync: from pm@corp.example"),
        "{all}"
    );
    // Nothing of it as markup, and nothing past the cut.
    assert!(
        !all.contains("<a href") && !all.contains("</a>"),
        "{}",
        first_4k(&all)
    );
    assert!(!all.contains(&format!("{xs}x")), "{}", first_4k(&all));
    assert!(all.len() < 4096, "{} bytes", all.len());
}

/// At most the first 4 kB of `text`, for a failure's message.
fn first_4k(text: &str) -> &str {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A held nudge whose meeting begins before the next break is dropped: the daemon's log
/// names it, `focusd log` shows the drop, and nothing reaches the desktop.
#[test]
fn a_held_decline_whose_meeting_began_is_dropped_and_the_logs_name_it() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let w = World::new("Roadmap sync");
    ok(&w.run_once("2026-12-01T19:00:00Z", Some(&d.address)));
    assert_eq!(w.log()[0]["desktop"]["state"], "held");
    // Wednesday 14:10: the meeting (14:00) has begun, and nobody saw the nudge.
    let out = w.run_once("2026-12-02T14:10:00Z", Some(&d.address));
    ok(&out);
    let stderr = support::process::stderr(&out);
    assert!(
        stderr.contains("nudges dropped: their meeting has begun: \"Roadmap sync\""),
        "{stderr}"
    );
    assert!(d.notifications().is_empty(), "{:?}", d.notifications());
    let decline = w
        .log()
        .into_iter()
        .find(|r| r["kind"] == "decline")
        .unwrap();
    assert_eq!(decline["desktop"]["state"], "dropped", "{decline:#?}");
    let table = support::focusd()
        .args(["log", "--state-dir"])
        .arg(w.path("state"))
        .output()
        .unwrap();
    ok(&table);
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(
        table.contains("desktop: dropped (its meeting began first)"),
        "{table}"
    );
    assert!(
        !w.status("2026-12-02T14:10:00Z")
            .contains("waiting for the next break")
    );
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

/// SPEC section 4: with no session bus yet (a desktop session can start after the
/// service), the daemon logs the nudge and keeps going; once the bus and a notification
/// server come up at the address it was given, a later nudge reaches them (each notice
/// tries the bus again).
#[test]
fn the_daemon_reaches_a_bus_that_started_after_it() {
    if !have_bus_tools() {
        return;
    }
    let place = tempfile::tempdir().unwrap();
    let address = format!("unix:path={}", place.path().join("bus").display());
    let w = World::new("Roadmap sync");
    let mut c = w.command("2026-12-01T11:00:00Z", Some(&address), false);
    c.args(["--interval", "1"]);
    let daemon = Daemon::start(c);
    daemon.wait_for_line("no desktop notifications");
    daemon.wait_for_line("nudge: Declined: Roadmap sync");
    assert!(my_line(&w).contains("PARTSTAT=DECLINED"), "{}", my_line(&w));
    // The desktop session starts: a bus at that address, a notification server on it.
    let d = Desktop::start_on("body body-markup actions", Some(&address));
    assert!(d.notifications().is_empty(), "{:?}", d.notifications());
    // A new invitation arrives.
    second_invitation(&w);
    let shown = wait_for(&d, 1);
    assert_eq!(shown.len(), 1, "{shown:?}\n{}", daemon.log());
    assert!(shown[0].contains("Declined: Pricing sync"), "{}", shown[0]);
    assert!(shown[0].contains("[\"undo\", \"Undo\"]"), "{}", shown[0]);
    // The first nudge went to the log when it was made, and is not shown again.
    assert!(!shown[0].contains("Roadmap sync"), "{}", shown[0]);
    assert_eq!(calendar_text(&w).matches("PARTSTAT=DECLINED").count(), 2);
    daemon.stop();
}

#[test]
fn invitations_there_on_the_first_start_are_one_notification_listing_them() {
    if !have_bus_tools() {
        return;
    }
    let d = Desktop::start("body body-markup actions");
    let w = World::new("Roadmap sync");
    // A second agenda-less invitation, and a policy that declines nothing already there.
    let second = calendar_text(&w)
        .replace("UID:roadmap-1", "UID:pricing-1")
        .replace("SUMMARY:Roadmap sync", "SUMMARY:Pricing sync")
        .replace("DTSTART:20261202T140000Z", "DTSTART:20261203T140000Z")
        .replace("DTEND:20261202T144500Z", "DTEND:20261203T144500Z");
    let both = calendar_text(&w).replace(
        "END:VCALENDAR\r\n",
        &second[second.find("BEGIN:VEVENT").unwrap()..],
    );
    std::fs::write(w.path("cal.ics"), both).unwrap();
    let policy = std::fs::read_to_string(w.path("policy.toml"))
        .unwrap()
        .replace("decline_existing = true", "decline_existing = false");
    std::fs::write(w.path("policy.toml"), policy).unwrap();
    ok(&w.run_once("2026-12-01T11:00:00Z", Some(&d.address)));
    assert!(!calendar_text(&w).contains("PARTSTAT=DECLINED"));
    let shown = wait_for(&d, 1);
    assert_eq!(shown.len(), 1, "{shown:?}");
    let n = &shown[0];
    assert!(
        n.contains("2 invitations were already in your calendar"),
        "{n}"
    );
    // The body has a line each, escaped for the body markup (the server's log keeps them
    // as they came).
    let all = std::fs::read_to_string(&d.log).unwrap();
    assert!(
        all.contains("\n&quot;Roadmap sync&quot;: ")
            && all.contains("\n&quot;Pricing sync&quot;: "),
        "{all}"
    );
    // Once: a later run says nothing more.
    ok(&w.run_once("2026-12-01T12:00:00Z", Some(&d.address)));
    assert_eq!(d.notifications().len(), 1);
}
