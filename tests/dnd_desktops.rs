//! Do Not Disturb during focus blocks (SPEC section 4, `nudges.pause_desktop`) on the
//! desktops beyond dunst, each on a private session bus of the test's own with the real
//! `focusd run`:
//! - GNOME: the real `gsettings` on the dconf backend (`dconf-service` on the private bus,
//!   the test's own `XDG_CONFIG_HOME` and `XDG_RUNTIME_DIR`, so the user's settings are
//!   never touched), and a python3-dbusmock notification server named like GNOME Shell's.
//! - Xfce: the real `xfconf-query` against a real `xfconfd`, and a server named like
//!   xfce4-notifyd.
//!
//! - KDE Plasma: a dbusmock server named like Plasma's (`tests/support/plasma_notifications.py`)
//!   with `Inhibit`, `UnInhibit` and the `Inhibited` property, which, as Plasma does, ends an
//!   inhibition when the connection that asked for it leaves the bus.
//!
//! GNOME and Xfce are checked during a block, after it, after SIGTERM in the middle of one, after
//! `kill -9` in one and a restart, and with a pause the user made, which is left alone;
//! Plasma during a block, after it, on SIGTERM, and after `kill -9` and a restart.
//! Without a program they need the tests say so loudly and pass; under `CI=true` they fail.

mod support;

use support::process::eventually;
use support::world::{Daemon, World};

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The focus block the first run books: Tuesday 2026-12-01, 09:00 to 11:00 UTC.
const IN_BLOCK: &str = "2026-12-01T10:00:00Z";
const AFTER_BLOCK: &str = "2026-12-01T11:30:00Z";

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Gnome,
    Xfce,
    Plasma,
}

impl Kind {
    /// The name its notification server gives in `GetServerInformation`.
    fn server(self) -> &'static str {
        match self {
            Kind::Gnome => "gnome-shell",
            Kind::Xfce => "Xfce Notify Daemon",
            Kind::Plasma => "Plasma",
        }
    }
    /// The name focusd gives the desktop.
    fn desktop(self) -> &'static str {
        match self {
            Kind::Gnome => "GNOME",
            Kind::Xfce => "xfce4-notifyd",
            Kind::Plasma => "KDE Plasma",
        }
    }
    /// The D-Bus service that stores the setting, and its Debian package.
    fn settings_service(self) -> Option<(&'static str, &'static str)> {
        match self {
            Kind::Gnome => Some(("ca.desrt.dconf", "dconf-service")),
            Kind::Xfce => Some(("org.xfce.Xfconf", "xfconf")),
            Kind::Plasma => None,
        }
    }
    fn tool(self) -> &'static str {
        match self {
            Kind::Gnome => "gsettings",
            Kind::Xfce => "xfconf-query",
            Kind::Plasma => "dbus-send",
        }
    }
}

/// The Python that has dbusmock: the one on the PATH, else the system's (Debian's
/// python3-dbusmock installs for /usr/bin/python3).
fn python() -> Option<&'static str> {
    ["python3", "/usr/bin/python3"].into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import dbusmock"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn on_path(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether `program --version` runs (a program whose libraries are missing does not).
fn runs(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The program that serves `service` on a session bus, as its D-Bus service file names it.
fn service_program(service: &str) -> Option<PathBuf> {
    let dirs = [
        "/usr/share/dbus-1/services",
        "/usr/local/share/dbus-1/services",
    ];
    dirs.iter().find_map(|d| {
        let text = std::fs::read_to_string(Path::new(d).join(format!("{service}.service"))).ok()?;
        let exec = text.lines().find_map(|l| l.strip_prefix("Exec="))?;
        let program = PathBuf::from(exec.split_whitespace().next()?);
        program.exists().then_some(program)
    })
}

fn have_tools(kind: Kind) -> bool {
    let (service, package) = kind.settings_service().unwrap_or(("", "dbus-bin"));
    let gnome_schema = kind != Kind::Gnome
        || Path::new("/usr/share/glib-2.0/schemas/org.gnome.desktop.notifications.gschema.xml")
            .exists();
    let all = on_path("dbus-daemon")
        && on_path("dbus-send")
        && (kind == Kind::Plasma || runs(kind.tool()))
        && (service.is_empty() || service_program(service).is_some())
        && gnome_schema
        && python().is_some();
    if all {
        return true;
    }
    let what = format!(
        "dbus-daemon, python3-dbusmock, {} and {package} are needed{} (scripts/test installs them)",
        kind.tool(),
        if kind == Kind::Gnome {
            ", with gsettings-desktop-schemas"
        } else {
            ""
        }
    );
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{what}");
    eprintln!("SKIPPED: {what}");
    false
}

/// A session bus of the test's own, the desktop's settings service on it (with its own
/// configuration and runtime folders) and a notification server named like the desktop's;
/// all stop with it, by PID.
struct Desktop {
    kind: Kind,
    children: Vec<Child>,
    address: String,
    dir: tempfile::TempDir,
}

impl Desktop {
    fn start(kind: Kind) -> Desktop {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["config", "run"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.path().join("run"),
            std::fs::Permissions::from_mode(0o700),
        )
        .unwrap();
        // No <servicedir>: nothing of the machine's is activated on this bus.
        let (bus, address) = support::process::private_bus(dir.path());
        let mut d = Desktop {
            kind,
            children: vec![bus],
            address,
            dir,
        };
        if let Some((service, _)) = kind.settings_service() {
            let settings = Command::new(service_program(service).unwrap())
                .envs(d.env())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("the settings service");
            d.children.insert(0, settings);
            d.wait_for(service);
        }
        let mut mock = Command::new(python().unwrap());
        mock.args(["-m", "dbusmock"]);
        if kind == Kind::Plasma {
            let template =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/plasma_notifications.py");
            mock.arg("--template").arg(template);
        } else {
            mock.args([
                "org.freedesktop.Notifications",
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
            ]);
        }
        let mock = mock
            .arg("-l")
            .arg(d.log())
            .envs(d.env())
            .stdout(Stdio::null())
            .spawn()
            .expect("dbusmock");
        d.children.insert(0, mock);
        d.wait_for("org.freedesktop.Notifications");
        if kind == Kind::Plasma {
            return d;
        }
        // The server's name, as GetServerInformation gives it (dbusmock's AddMethod).
        let code = format!(
            "ret = ('{}', '{}', '1.0', '1.2')",
            kind.server(),
            kind.desktop()
        );
        d.dbus_send(&[
            "--dest=org.freedesktop.Notifications",
            "/org/freedesktop/Notifications",
            "org.freedesktop.DBus.Mock.AddMethod",
            "string:",
            "string:GetServerInformation",
            "string:",
            "string:ssss",
            &format!("string:{code}"),
        ])
        .expect("AddMethod");
        d
    }

    /// The notification server's log of the calls it was sent.
    fn log(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    /// The log's lines of calls to `method` (or of `Released`, an inhibition ended by its
    /// holder's departure).
    fn calls(&self, method: &str) -> Vec<String> {
        std::fs::read_to_string(self.log())
            .unwrap_or_default()
            .lines()
            .filter(|l| l.split_whitespace().nth(1) == Some(method))
            .map(str::to_string)
            .collect()
    }

    /// What a program on this desktop sees: its bus, and the settings' own folders.
    fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("DBUS_SESSION_BUS_ADDRESS", PathBuf::from(&self.address)),
            ("XDG_CONFIG_HOME", self.dir.path().join("config")),
            ("XDG_RUNTIME_DIR", self.dir.path().join("run")),
            ("GSETTINGS_BACKEND", PathBuf::from("dconf")),
        ]
    }

    fn dbus_send(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("dbus-send")
            .args(["--session", "--print-reply"])
            .args(args)
            .envs(self.env())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).to_string())
    }

    /// Polls until `name` has an owner on the bus (generous: a loaded machine is slow).
    fn wait_for(&self, name: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let owned = self
                .dbus_send(&[
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    &format!("string:{name}"),
                ])
                .is_some_and(|r| r.contains("boolean true"));
            if owned {
                return;
            }
            assert!(Instant::now() < deadline, "{name} never came on the bus");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn tool(&self, args: &[&str]) -> Output {
        Command::new(self.kind.tool())
            .args(args)
            .envs(self.env())
            .output()
            .unwrap()
    }

    /// The setting as the desktop's own tool reads it: `None` when never set (xfconf).
    fn read(&self) -> Option<String> {
        let out = match self.kind {
            Kind::Gnome => self.tool(&["get", "org.gnome.desktop.notifications", "show-banners"]),
            Kind::Xfce => self.tool(&["-c", "xfce4-notifyd", "-p", "/do-not-disturb"]),
            Kind::Plasma => {
                let reply = self.dbus_send(&[
                    "--dest=org.freedesktop.Notifications",
                    "/org/freedesktop/Notifications",
                    "org.freedesktop.DBus.Properties.Get",
                    "string:org.freedesktop.Notifications",
                    "string:Inhibited",
                ]);
                return reply.map(|r| {
                    if r.contains("boolean true") {
                        "true".into()
                    } else {
                        "false".into()
                    }
                });
            }
        };
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    fn paused(&self) -> bool {
        let v = self.read();
        match self.kind {
            Kind::Gnome => v.as_deref() == Some("false"),
            Kind::Xfce | Kind::Plasma => v.as_deref() == Some("true"),
        }
    }

    /// Pauses or resumes as the user would, with the desktop's own tool.
    fn set_paused(&self, paused: bool) {
        let out = match self.kind {
            Kind::Gnome => self.tool(&[
                "set",
                "org.gnome.desktop.notifications",
                "show-banners",
                if paused { "false" } else { "true" },
            ]),
            Kind::Xfce => self.tool(&[
                "-c",
                "xfce4-notifyd",
                "-p",
                "/do-not-disturb",
                "--create",
                "-t",
                "bool",
                "-s",
                if paused { "true" } else { "false" },
            ]),
            Kind::Plasma => unreachable!("the user's own inhibitions are not tested"),
        };
        assert!(
            out.status.success(),
            "{}: {}",
            self.kind.tool(),
            String::from_utf8_lossy(&out.stderr)
        );
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
    fn command(&self, d: &Desktop, what: &str, now: &str) -> Command {
        let mut c = self.focusd(what, now);
        c.envs(d.env());
        c
    }

    fn run_once(&self, d: &Desktop, now: &str) -> Output {
        let out = self.command(d, "run", now).arg("--once").output().unwrap();
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
        let out = self.command(d, "status", now).output().unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }
}

/// A running `focusd run` on the desktop `d`.
fn start_daemon(w: &World, d: &Desktop, now: &str) -> Daemon {
    Daemon::spawn(w.command(d, "run", now))
}

/// Paused in a block, resumed after it, and on SIGTERM in the middle of one.
fn paused_during_a_block_resumed_after_and_on_sigterm(kind: Kind) {
    if !have_tools(kind) {
        return;
    }
    let d = Desktop::start(kind);
    let w = World::new();
    w.book(&d);
    w.run_once(&d, IN_BLOCK);
    assert!(d.paused(), "not paused in the block: {:?}", d.read());
    let name = kind.desktop();
    let status = w.status(&d, IN_BLOCK);
    assert!(
        status.contains(&format!(
            "Do Not Disturb during focus blocks: {name}; {name}'s notifications paused by focusd until 11:00"
        )),
        "{status}"
    );
    w.run_once(&d, AFTER_BLOCK);
    assert!(!d.paused(), "not resumed after the block: {:?}", d.read());
    let status = w.status(&d, AFTER_BLOCK);
    assert!(
        status.contains(&format!("Do Not Disturb during focus blocks: {name}\n")),
        "{status}"
    );
    let mut daemon = start_daemon(&w, &d, IN_BLOCK);
    assert!(eventually(|| d.paused()), "never paused");
    let log = daemon.signal("-TERM");
    assert!(!d.paused(), "{log}");
    assert!(
        log.contains(&format!("{name}: notifications resumed")),
        "{log}"
    );
}

/// `kill -9` in a block leaves the pause; a restart in the block keeps it, one after
/// the block resumes.
fn after_kill_nine_the_restart_resumes(kind: Kind) {
    if !have_tools(kind) {
        return;
    }
    let d = Desktop::start(kind);
    let w = World::new();
    w.book(&d);
    let mut daemon = start_daemon(&w, &d, IN_BLOCK);
    assert!(eventually(|| d.paused()), "never paused");
    daemon.signal("-KILL");
    assert!(d.paused());
    w.run_once(&d, IN_BLOCK);
    assert!(d.paused());
    w.run_once(&d, AFTER_BLOCK);
    assert!(!d.paused(), "not resumed after the restart: {:?}", d.read());
}

/// The user's own pause, before a block or resumed in the middle of one, is left so.
fn the_users_pause_is_left_alone(kind: Kind) {
    if !have_tools(kind) {
        return;
    }
    let d = Desktop::start(kind);
    let w = World::new();
    w.book(&d);
    d.set_paused(true);
    w.run_once(&d, IN_BLOCK);
    assert!(d.paused());
    w.run_once(&d, AFTER_BLOCK);
    assert!(d.paused(), "the user's pause was resumed: {:?}", d.read());
    d.set_paused(false);
    w.run_once(&d, IN_BLOCK);
    assert!(d.paused());
    d.set_paused(false);
    w.run_once(&d, "2026-12-01T10:30:00Z");
    assert!(!d.paused(), "paused again over the user's resume");
    w.run_once(&d, AFTER_BLOCK);
    assert!(!d.paused());
}

#[test]
fn gnome_banners_are_off_during_a_block_and_back_after_it_and_on_sigterm() {
    paused_during_a_block_resumed_after_and_on_sigterm(Kind::Gnome);
}

#[test]
fn gnome_after_kill_nine_in_a_block_the_restart_restores_the_banners() {
    after_kill_nine_the_restart_resumes(Kind::Gnome);
}

#[test]
fn gnome_banners_the_user_turned_off_are_left_alone() {
    the_users_pause_is_left_alone(Kind::Gnome);
}

#[test]
fn xfce_do_not_disturb_is_on_during_a_block_and_off_after_it_and_on_sigterm() {
    paused_during_a_block_resumed_after_and_on_sigterm(Kind::Xfce);
}

#[test]
fn xfce_after_kill_nine_in_a_block_the_restart_turns_do_not_disturb_off() {
    after_kill_nine_the_restart_resumes(Kind::Xfce);
}

#[test]
fn xfce_do_not_disturb_the_user_turned_on_is_left_alone() {
    the_users_pause_is_left_alone(Kind::Xfce);
}

/// Inhibited while a daemon runs in the block, released on SIGTERM with the cookie Plasma
/// gave; `run --once` in a block inhibits (and Plasma ends it as the process exits), and the
/// state's memory of it is forgotten after the block, never counted as the user's resume.
#[test]
fn plasma_is_inhibited_during_a_block_and_uninhibited_after_it_and_on_sigterm() {
    let kind = Kind::Plasma;
    if !have_tools(kind) {
        return;
    }
    let d = Desktop::start(kind);
    let w = World::new();
    w.book(&d);
    assert!(d.calls("Inhibit").is_empty());
    let mut daemon = start_daemon(&w, &d, IN_BLOCK);
    assert!(eventually(|| d.paused()), "never inhibited");
    let inhibit = d.calls("Inhibit");
    assert_eq!(inhibit.len(), 1, "{inhibit:?}");
    assert!(inhibit[0].contains("focusd"), "{inhibit:?}");
    let log = daemon.signal("-TERM");
    assert!(!d.paused(), "{log}");
    assert!(log.contains("KDE Plasma: notifications resumed"), "{log}");
    // UnInhibit with the cookie Inhibit gave (the first: 1), not the connection's end.
    let uninhibit = d.calls("UnInhibit");
    assert_eq!(uninhibit.len(), 1, "{uninhibit:?}");
    assert!(uninhibit[0].ends_with("UnInhibit 1"), "{uninhibit:?}");
    assert!(d.calls("Released").is_empty(), "{:?}", d.calls("Released"));
    let status = w.status(&d, AFTER_BLOCK);
    assert!(
        status.contains("Do Not Disturb during focus blocks: KDE Plasma\n"),
        "{status}"
    );
    // A daemon after the block inhibits nothing.
    let mut daemon = start_daemon(&w, &d, AFTER_BLOCK);
    std::thread::sleep(Duration::from_secs(2));
    daemon.signal("-TERM");
    assert!(!d.paused());
    assert_eq!(d.calls("Inhibit").len(), 1);
}

/// After `kill -9` in a block Plasma ends the inhibition with the connection; a restart in
/// the block inhibits again (the earlier run's pause is gone, not resumed by the user), and
/// one after the block leaves it off.
#[test]
fn plasma_after_kill_nine_in_a_block_the_restart_inhibits_again() {
    let kind = Kind::Plasma;
    if !have_tools(kind) {
        return;
    }
    let d = Desktop::start(kind);
    let w = World::new();
    w.book(&d);
    let mut daemon = start_daemon(&w, &d, IN_BLOCK);
    assert!(eventually(|| d.paused()), "never inhibited");
    daemon.signal("-KILL");
    assert!(
        eventually(|| !d.paused()),
        "the mock kept a dead connection's inhibition"
    );
    let mut daemon = start_daemon(&w, &d, IN_BLOCK);
    assert!(
        eventually(|| d.paused() && d.calls("Inhibit").len() == 2),
        "not inhibited again after the restart: {:?}",
        d.calls("Inhibit")
    );
    let log = daemon.signal("-TERM");
    assert!(!d.paused(), "{log}");
    w.run_once(&d, AFTER_BLOCK);
    assert!(!d.paused());
    assert_eq!(d.calls("Inhibit").len(), 2, "{:?}", d.calls("UnInhibit"));
}
