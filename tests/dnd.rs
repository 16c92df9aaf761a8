//! Do Not Disturb during focus blocks (SPEC section 4, `nudges.pause_desktop`) on a real
//! desktop: dunst under Xvfb on a private session bus, and the real `focusd run` against it.
//! `dunstctl is-paused` is asked during a block, after it, after SIGTERM in the middle of
//! one, after `kill -9` in the middle of one and a restart; a pause the user made is left
//! alone; focusd's own urgent nudge waits in the paused dunst until the block is over. Without dbus-daemon, Xvfb or dunst the tests say so loudly and pass; under
//! `CI=true` they fail.

mod support;

use support::process::{eventually, missing, private_bus};
use support::world::{Daemon, World};

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The focus block the first run books: Tuesday 2026-12-01, 09:00 to 11:00 UTC.
const IN_BLOCK: &str = "2026-12-01T10:00:00Z";
const AFTER_BLOCK: &str = "2026-12-01T11:30:00Z";

fn have_desktop_tools() -> bool {
    let all = ["dbus-daemon", "Xvfb", "dunst", "dunstctl"]
        .iter()
        .all(|p| {
            Command::new("sh")
                .args(["-c", &format!("command -v {p}")])
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if all {
        return true;
    }
    missing("dbus-daemon, Xvfb and dunst are needed (scripts/test installs them)")
}

/// An X server, a session bus and dunst on them, of the test's own; all stop with it.
struct Desktop {
    children: Vec<Child>,
    address: String,
    display: String,
    _dir: tempfile::TempDir,
}

impl Desktop {
    fn start() -> Desktop {
        let dir = tempfile::tempdir().unwrap();
        let (bus, address) = private_bus(dir.path());
        // Xvfb picks a free display and says which on the pipe it is given.
        let mut x = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "800x600x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb");
        let mut number = String::new();
        BufReader::new(x.stdout.take().unwrap())
            .read_line(&mut number)
            .unwrap();
        let display = format!(":{}", number.trim());
        let rc = dir.path().join("dunstrc");
        std::fs::write(&rc, "[global]\nfont = Monospace 10\n").unwrap();
        let dunst = Command::new("dunst")
            .arg("-config")
            .arg(&rc)
            .env("DISPLAY", &display)
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dunst");
        let d = Desktop {
            children: vec![dunst, x, bus],
            address,
            display,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while d.dunstctl(&["is-paused"]).is_none() {
            assert!(Instant::now() < deadline, "dunst never answered");
            std::thread::sleep(Duration::from_millis(100));
        }
        d
    }

    fn dunstctl(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("dunstctl")
            .args(args)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    fn paused(&self) -> bool {
        self.dunstctl(&["is-paused"]).as_deref() == Some("true")
    }

    fn set_paused(&self, paused: bool) {
        self.dunstctl(&["set-paused", if paused { "true" } else { "false" }])
            .expect("dunstctl set-paused");
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl World {
    fn command(&self, d: &Desktop, now: &str, once: bool) -> Command {
        let mut c = self.focusd("run", now);
        if once {
            c.arg("--once");
        }
        c.env("DBUS_SESSION_BUS_ADDRESS", &d.address)
            .env("DISPLAY", &d.display);
        c
    }

    fn run_once(&self, d: &Desktop, now: &str) -> Output {
        let out = self.command(d, now, true).output().unwrap();
        assert!(
            out.status.success(),
            "focusd failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// The first run, before the working day: books the day's block, pauses nothing.
    fn book(&self, d: &Desktop) {
        self.run_once(d, "2026-12-01T08:00:00Z");
        let blocks = std::fs::read_dir(self.path("cal")).unwrap().count();
        assert!(blocks > 0, "no block booked");
        assert!(!d.paused());
    }

    fn status(&self, d: &Desktop, now: &str) -> String {
        let out = self
            .focusd("status", now)
            .env("DBUS_SESSION_BUS_ADDRESS", &d.address)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }
}

/// A running `focusd run` on the desktop `d`.
fn start_daemon(w: &World, d: &Desktop, now: &str) -> Daemon {
    Daemon::spawn(w.command(d, now, false))
}

#[test]
fn dunst_is_paused_during_a_block_and_resumed_after_it_and_on_sigterm() {
    if !have_desktop_tools() {
        return;
    }
    let d = Desktop::start();
    let w = World::new();
    w.book(&d);
    // A cycle inside the block pauses; one after it resumes.
    w.run_once(&d, IN_BLOCK);
    assert!(d.paused());
    let status = w.status(&d, IN_BLOCK);
    assert!(
        status.contains(
            "Do Not Disturb during focus blocks: dunst; dunst's notifications paused by focusd until 11:00"
        ),
        "{status}"
    );
    w.run_once(&d, AFTER_BLOCK);
    assert!(!d.paused());
    let status = w.status(&d, AFTER_BLOCK);
    assert!(
        status.contains("Do Not Disturb during focus blocks: dunst\n"),
        "{status}"
    );
    // A daemon in the block pauses; SIGTERM in the middle of the block resumes.
    let mut daemon = start_daemon(&w, &d, IN_BLOCK);
    assert!(eventually(|| d.paused()), "never paused");
    let log = daemon.signal("-TERM");
    assert!(!d.paused(), "{log}");
    assert!(log.contains("dunst: notifications resumed"), "{log}");
}

#[test]
fn after_kill_nine_in_a_block_the_restart_resumes_what_focusd_paused() {
    if !have_desktop_tools() {
        return;
    }
    let d = Desktop::start();
    let w = World::new();
    w.book(&d);
    let mut daemon = start_daemon(&w, &d, IN_BLOCK);
    assert!(eventually(|| d.paused()), "never paused");
    daemon.signal("-KILL");
    // Nobody resumed them: the store remembers focusd paused them.
    assert!(d.paused());
    // A restart still inside the block keeps the pause; one after the block resumes.
    w.run_once(&d, IN_BLOCK);
    assert!(d.paused());
    w.run_once(&d, AFTER_BLOCK);
    assert!(!d.paused());
}

#[test]
fn a_pause_the_user_made_is_left_alone() {
    if !have_desktop_tools() {
        return;
    }
    let d = Desktop::start();
    let w = World::new();
    w.book(&d);
    // Paused by the user before the block: never resumed by focusd.
    d.set_paused(true);
    w.run_once(&d, IN_BLOCK);
    assert!(d.paused());
    w.run_once(&d, AFTER_BLOCK);
    assert!(d.paused(), "the user's pause was resumed");
    // Resumed by the user in the middle of a block focusd paused: left so.
    d.set_paused(false);
    w.run_once(&d, IN_BLOCK);
    assert!(d.paused());
    d.set_paused(false);
    w.run_once(&d, "2026-12-01T10:30:00Z");
    assert!(!d.paused(), "paused again over the user's resume");
    w.run_once(&d, AFTER_BLOCK);
    assert!(!d.paused());
}

/// What the README's troubleshooting says of dunst: paused by focusd for a block, it holds
/// focusd's own urgent nudge too (critical: a meeting that lands on the running block
/// within 15 minutes). focusd sends it, dunst keeps it waiting, and shows it once the
/// block ends and focusd resumes dunst.
#[test]
fn dunst_paused_for_a_block_holds_focusds_own_urgent_nudge_until_the_block_ends() {
    if !have_desktop_tools() {
        return;
    }
    let d = Desktop::start();
    let w = World::new();
    w.book(&d);
    w.run_once(&d, IN_BLOCK);
    assert!(d.paused());
    // A meeting the user accepted, 10:20 to 10:40, inside the block.
    std::fs::write(
        w.path("cal").join("incident.ics"),
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n\
             UID:incident-1\r\nDTSTAMP:20261130T080000Z\r\nDTSTART:20261201T102000Z\r\n\
             DTEND:20261201T104000Z\r\nSUMMARY:Incident review\r\n\
             ORGANIZER:mailto:sre@corp.example\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:{}\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:p1@corp.example\r\n\
             END:VEVENT\r\nEND:VCALENDAR\r\n",
            support::world::ME
        ),
    )
    .unwrap();
    let count = |what: &str| d.dunstctl(&["count", what]).unwrap_or_default();
    assert_eq!(
        (count("waiting"), count("displayed")),
        ("0".into(), "0".into())
    );
    // 10:10: the meeting starts in ten minutes, the nudge is urgent and sent at once.
    let out = w.run_once(&d, "2026-12-01T10:10:00Z");
    assert!(d.paused());
    assert!(
        eventually(|| count("waiting") == "1"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count("displayed"), "0");
    // After the blocks (focusd booked the focus the meeting cost again, 11:03 to 13:03)
    // focusd resumes dunst, and dunst shows what it kept.
    w.run_once(&d, "2026-12-01T13:30:00Z");
    assert!(!d.paused());
    assert!(
        eventually(|| count("displayed") == "1"),
        "{}",
        count("waiting")
    );
}
