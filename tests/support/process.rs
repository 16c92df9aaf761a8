//! Starting and stopping the processes tests run, and waiting on them.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The crate's folder (fixtures, policies and examples are found from it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Asserts that a command exited 0, showing its output when it did not.
pub fn ok(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A command's standard error, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Sends signal `sig` (a name, `TERM`, `HUP`, ...) to the child, by its pid.
pub fn signal(child: &Child, sig: &str) {
    let status = Command::new("kill")
        .args(["-s", sig, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// The exit code, or a failure (the child killed) after `timeout`.
pub fn wait_exit(child: &mut Child, timeout: Duration) -> Option<i32> {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("still running after {timeout:?}");
}

/// Polls until `f` holds (generous deadline); answers whether it did.
pub fn eventually(f: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !f() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    true
}

/// A server or tool a test needs is missing: under `CI=true` a failure, else said loudly
/// and the test skipped (`false`).
pub fn missing(what: &str) -> bool {
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{what}");
    eprintln!("SKIPPED: {what}");
    false
}

/// The port a server started by a test says it listens on, as its first line of output
/// (`PORT n`); `what` names the server when it said something else.
pub fn read_port(child: &mut Child, what: &str) -> u16 {
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    line.trim()
        .strip_prefix("PORT ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{what} did not start: {line:?}"))
}

/// The first Python that can import `module`: the one on the PATH, else the system's
/// (Debian's python3 packages install for /usr/bin/python3, which a pyenv or venv on the
/// PATH hides).
pub fn python_with(module: &str) -> Option<&'static str> {
    ["python3", "/usr/bin/python3"].into_iter().find(|p| {
        Command::new(p)
            .args(["-c", &format!("import {module}")])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// A session bus of the test's own in `dir`, that starts no service of the machine's (a
/// notification server installed here, dunst say, is never activated in a test's place):
/// the `dbus-daemon` and its address. The test stops it by its pid.
pub fn private_bus(dir: &Path) -> (Child, String) {
    private_bus_listening(dir, &format!("unix:dir={}", dir.display()))
}

/// [`private_bus`] listening on `listen` (a D-Bus address such as `unix:path=SOCKET`, known
/// before the bus starts), its configuration in `dir`.
pub fn private_bus_listening(dir: &Path, listen: &str) -> (Child, String) {
    let config = dir.join("bus.conf");
    std::fs::write(
        &config,
        format!(
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" \
             \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n\
             <busconfig><type>session</type><listen>{listen}</listen>\
             <auth>EXTERNAL</auth><policy context=\"default\"><allow send_destination=\"*\" \
             eavesdrop=\"true\"/><allow eavesdrop=\"true\"/><allow own=\"*\"/></policy>\
             </busconfig>\n"
        ),
    )
    .unwrap();
    let mut bus = Command::new("dbus-daemon")
        .arg(format!("--config-file={}", config.display()))
        .args(["--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon");
    let mut address = String::new();
    BufReader::new(bus.stdout.take().unwrap())
        .read_line(&mut address)
        .unwrap();
    (bus, address.trim().to_string())
}
