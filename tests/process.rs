//! One daemon at a time, and a well-behaved process (safety review findings 13, 15, 16,
//! 20, 21 and 22), against the real binary: the state folder's locks, a fresh state created
//! by several processes at once, a schema from the future, a read-only state folder (as an
//! unprivileged user), private state files, the watchdog through a slow cycle, SIGTERM in
//! the middle of one, a FIFO as the calendar refused at once, and hostile text on stderr.
//!
//! A slow cycle is a slow backend, as in life: the daemon runs on Google Calendar served by
//! the stand-in (`tests/support/fake_gcal.py`, started per test on 127.0.0.1 and stopped by
//! its pid), whose `delay` fault holds the daemon's list of events until the test lets it go
//! (`release`) or the daemon is stopped. (A local calendar cannot be slow on purpose: a FIFO
//! is refused without being read.)

mod support;

use support::process::{ok, signal, stderr, wait_exit};

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::FakeGoogle;

const NOW: &str = "2026-11-30T08:00:00+01:00";
const ME: &str = "alex@example.com";

/// An invitation to Alex (CRLF) on 2026-12-01 at 10:00 Berlin time for 45 minutes, with no
/// agenda: the policy declines it.
fn invitation(uid: &str, summary: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n\
         DTSTAMP:20261120T120000Z\r\nSUMMARY:{summary}\r\n\
         DTSTART;TZID=Europe/Berlin:20261201T100000\r\n\
         DTEND;TZID=Europe/Berlin:20261201T104500\r\n\
         ORGANIZER;CN=Organizer:mailto:pm@example.com\r\n\
         ATTENDEE;CN=Alex;PARTSTAT=NEEDS-ACTION:mailto:{ME}\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:pm@example.com\r\n\
         ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:c0@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

/// A scratch folder with a vdir holding one invitation that the policy declines, a policy
/// that books no blocks (so only that decline touches the calendar), and a state folder
/// that does not exist yet.
struct World {
    dir: tempfile::TempDir,
    vdir: PathBuf,
    policy: PathBuf,
    state: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let vdir = dir.path().join("v");
        std::fs::create_dir(&vdir).unwrap();
        std::fs::write(
            vdir.join("q1.ics"),
            invitation("q1-sync@example.com", "Sync"),
        )
        .unwrap();
        let text = support::policy::platform(true, false);
        let policy = dir.path().join("policy.toml");
        std::fs::write(&policy, text).unwrap();
        let state = dir.path().join("state");
        World {
            dir,
            vdir,
            policy,
            state,
        }
    }

    /// `focusd <command>` on `calendar` with this world's policy, user, state and time.
    fn command(&self, command: &str, calendar: &Path) -> Command {
        let mut c = support::focusd();
        c.arg(command)
            .arg("--calendar")
            .arg(calendar)
            .arg("--policy")
            .arg(&self.policy)
            .args(["--me", ME, "--now", NOW, "--state-dir"])
            .arg(&self.state);
        c
    }

    fn run_once(&self) -> Output {
        self.command("run", &self.vdir)
            .arg("--once")
            .output()
            .unwrap()
    }

    /// The daemon on `calendar`, sleeping an hour between cycles, its systemd notifications
    /// going to `notify` when given.
    fn spawn(&self, calendar: &Path, notify: Option<&Notify>) -> (Running, Logs) {
        let mut c = self.command("run", calendar);
        c.args(["--interval", "3600"]);
        start(c, notify)
    }

    fn undo(&self, id: i64) -> Output {
        support::focusd()
            .args(["undo", &id.to_string(), "--policy"])
            .arg(&self.policy)
            .args(["--me", ME, "--state-dir"])
            .arg(&self.state)
            .output()
            .unwrap()
    }

    /// `focusd log --json`: the audit log.
    fn log(&self) -> Vec<Value> {
        let out = support::focusd()
            .args(["log", "--json", "--state-dir"])
            .arg(&self.state)
            .output()
            .unwrap();
        ok(&out);
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    fn invitation_text(&self) -> String {
        std::fs::read_to_string(self.vdir.join("q1.ics")).unwrap()
    }

    /// The same invitation on Google Calendar instead, served by a stand-in of its own, and
    /// a configuration in this world that reaches it, signed in as `support::USER`.
    fn google(&self) -> Google {
        let fake = FakeGoogle::start();
        let dir = self.dir.path();
        let client_secret = support::client_secret_file(dir, &fake);
        // As `focusd auth google` left it a while ago: the access token long expired.
        let token_cache = dir.join("google-token.json");
        support::write_private(
            &token_cache,
            &json!({ "tokens": [{
                "scopes": ["https://www.googleapis.com/auth/calendar.events"],
                "access_token": "ya29.stale-access-token",
                "refresh_token": REFRESH,
                "expires_at": 1_000_000_000,
                "id_token": null
            }]})
            .to_string(),
        );
        fake.control("add_refresh_token", json!({ "token": REFRESH }));
        fake.seed(json!([{
            "id": INVITE,
            "summary": "Sync",
            "start": { "dateTime": "2026-12-01T09:00:00Z" },
            "end": { "dateTime": "2026-12-01T09:45:00Z" },
            "organizer": { "email": "pm@example.com" },
            "attendees": [
                { "email": support::USER, "self": true, "responseStatus": "needsAction" },
                { "email": "pm@example.com", "organizer": true, "responseStatus": "accepted" },
                { "email": "c0@example.com", "responseStatus": "needsAction" },
            ],
        }]));
        let config = dir.join("config.toml");
        std::fs::write(
            &config,
            format!(
                "me = \"{}\"\n\n[google]\nclient_secret = \"{}\"\ntoken_cache = \"{}\"\napi_root = \"{}\"\n",
                support::USER,
                client_secret.display(),
                token_cache.display(),
                fake.root()
            ),
        )
        .unwrap();
        Google { fake, config }
    }
}

/// The refresh token the stand-in knows the user by.
const REFRESH: &str = "1//refresh-token-of-the-process-tests";

/// The invitation's event id on Google.
const INVITE: &str = "invite01";

/// A world's calendar on Google: the stand-in serving it (stopped by its pid when dropped)
/// and the configuration whose `[google]` reaches it.
struct Google {
    fake: FakeGoogle,
    config: PathBuf,
}

impl Google {
    /// `focusd <command>` on this calendar with `w`'s policy and state folder.
    fn command(&self, w: &World, command: &str) -> Command {
        let mut c = support::focusd();
        c.arg(command)
            .arg("--config")
            .arg(&self.config)
            .arg("--policy")
            .arg(&w.policy)
            .arg("--state-dir")
            .arg(&w.state);
        c
    }

    fn run_once(&self, w: &World) -> Output {
        self.command(w, "run")
            .args(["--once", "--now", NOW])
            .output()
            .unwrap()
    }

    /// The daemon, sleeping an hour between cycles, ready for [`start`].
    fn daemon(&self, w: &World) -> Command {
        let mut c = self.command(w, "run");
        c.args(["--now", NOW, "--interval", "3600"]);
        c
    }

    fn undo(&self, w: &World, id: i64) -> Output {
        let mut c = self.command(w, "undo");
        c.arg(id.to_string()).output().unwrap()
    }

    /// The invitation as Google stores it.
    fn invitation(&self) -> Value {
        self.fake
            .event(INVITE)
            .expect("the invitation is on Google")
    }

    /// Whether the user's answer to the invitation on Google is a decline.
    fn declined(&self) -> bool {
        self.invitation()["attendees"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["email"] == support::USER && a["responseStatus"] == "declined")
    }

    /// Every list of events held from now on (for ten minutes, far longer than any test,
    /// unless [`FakeGoogle::release`] lets them go), `count` of them.
    fn hold_lists(&self, count: u32) {
        self.fake.fault(json!({
            "kind": "list", "type": "delay", "seconds": 600, "count": count
        }));
    }
}

/// Whether the user's own ATTENDEE line says DECLINED (lines unfolded).
fn declined(text: &str) -> bool {
    text.replace("\r\n ", "")
        .lines()
        .any(|l| l.starts_with("ATTENDEE") && l.contains("PARTSTAT=DECLINED") && l.ends_with(ME))
}

/// (kind, subject, status) of every audit record.
fn summary(log: &[Value]) -> Vec<(String, String, String)> {
    log.iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["subject"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Every file in a folder with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Starts `c` (a daemon), its systemd notifications going to `notify` when given, its
/// stderr read as it comes.
fn start(mut c: Command, notify: Option<&Notify>) -> (Running, Logs) {
    c.stdout(Stdio::null()).stderr(Stdio::piped());
    if let Some(n) = notify {
        c.env("NOTIFY_SOCKET", &n.path);
    }
    let mut child = Running(c.spawn().unwrap());
    let logs = Logs::of(&mut child);
    (child, logs)
}

/// A child process that is killed (by its pid) if a test fails before it ends.
struct Running(Child);

impl std::ops::Deref for Running {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for Running {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// A child's stderr lines as they come.
struct Logs {
    lines: Arc<Mutex<Vec<String>>>,
}

impl Logs {
    fn of(child: &mut Child) -> Logs {
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Logs { lines }
    }

    fn text(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }
}

/// A stand-in for systemd's notification socket: every datagram with when it came.
struct Notify {
    _dir: tempfile::TempDir,
    path: PathBuf,
    got: Arc<Mutex<Vec<(Instant, String)>>>,
}

impl Notify {
    fn new() -> Notify {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify");
        let socket = UnixDatagram::bind(&path).unwrap();
        let got = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&got);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = socket.recv(&mut buf) {
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                sink.lock().unwrap().push((Instant::now(), text));
            }
        });
        Notify {
            _dir: dir,
            path,
            got,
        }
    }

    /// When the first notification containing `what` came, waiting up to `timeout`.
    fn wait_for(&self, what: &str, timeout: Duration) -> Instant {
        let start = Instant::now();
        loop {
            if let Some((at, _)) = self
                .got
                .lock()
                .unwrap()
                .iter()
                .find(|(_, m)| m.contains(what))
            {
                return *at;
            }
            assert!(
                start.elapsed() < timeout,
                "no {what:?} within {timeout:?}: {:?}",
                self.got.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn pings(&self) -> Vec<Instant> {
        self.got
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, m)| m.contains("WATCHDOG=1"))
            .map(|(at, _)| *at)
            .collect()
    }
}

/// Finding 13: a second `focusd run` on a state folder a daemon holds exits at once (75),
/// names the folder and the daemon's pid, and changes nothing; the first daemon's actions
/// are recorded once. An undo while the daemon sleeps between cycles goes through, and the
/// daemon leaves the undone invitation alone.
#[test]
fn a_second_daemon_on_one_state_folder_refuses_and_changes_nothing() {
    let w = World::new();
    let notify = Notify::new();
    let (mut first, logs) = w.spawn(&w.vdir, Some(&notify));
    notify.wait_for("READY=1", Duration::from_secs(60));
    assert!(declined(&w.invitation_text()), "{}", logs.text());
    let calendar = files(&w.vdir);
    let log = w.log();

    for once in [true, false] {
        let mut c = w.command("run", &w.vdir);
        if once {
            c.arg("--once");
        }
        let start = Instant::now();
        let out = c.output().unwrap();
        assert!(start.elapsed() < Duration::from_secs(20));
        assert_eq!(out.status.code(), Some(75), "{}", stderr(&out));
        let text = stderr(&out);
        assert!(
            text.contains(&format!("(pid {})", first.id())),
            "the holder's pid: {text}"
        );
        assert!(
            text.contains(&w.state.display().to_string()),
            "the folder: {text}"
        );
        assert!(text.contains("another focusd daemon"), "{text}");
    }
    assert_eq!(files(&w.vdir), calendar);
    assert_eq!(w.log(), log);

    // While the daemon sleeps, an undo goes through; a reload makes the daemon cycle again,
    // and it leaves the undone invitation alone.
    let decline = log.iter().find(|r| r["kind"] == "decline").unwrap()["id"]
        .as_i64()
        .unwrap();
    let out = w.undo(decline);
    ok(&out);
    assert!(!declined(&w.invitation_text()));
    signal(&first, "HUP");
    std::thread::sleep(Duration::from_secs(2));
    signal(&first, "TERM");
    assert_eq!(wait_exit(&mut first, Duration::from_secs(20)), Some(0));
    assert!(!declined(&w.invitation_text()), "{}", logs.text());
    assert_eq!(
        summary(&w.log()),
        vec![
            (
                "decline".into(),
                "q1-sync@example.com".into(),
                "done".into()
            ),
            (
                "withdraw".into(),
                "q1-sync@example.com".into(),
                "done".into()
            ),
        ]
    );
}

/// Finding 13: processes that create a fresh state folder at once all succeed (the
/// migrations read the schema version inside `BEGIN IMMEDIATE`), and the daemon among them
/// acts once.
#[test]
fn processes_creating_a_fresh_state_at_once_never_crash() {
    for round in 0..4 {
        let w = World::new();
        let mut children: Vec<Child> = (0..5)
            .map(|_| {
                support::focusd()
                    .args(["resume", "--state-dir"])
                    .arg(&w.state)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        children.push(
            w.command("run", &w.vdir)
                .arg("--once")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
        );
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "round {round}: {}",
                stderr(&out)
            );
        }
        assert_eq!(
            summary(&w.log()),
            vec![(
                "decline".into(),
                "q1-sync@example.com".into(),
                "done".into()
            )]
        );
    }
}

/// Finding 22: a state database from a newer focusd is refused by every command before
/// anything is written: its bytes stay, and no write-ahead log appears. The message names
/// the database once (no doubled prefix).
#[test]
fn a_future_schema_is_refused_with_its_bytes_unchanged() {
    let w = World::new();
    std::fs::create_dir(&w.state).unwrap();
    let db = w.state.join("state.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        c.execute_batch("CREATE TABLE later (x TEXT); INSERT INTO later VALUES ('y'); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let mut status = w.command("status", &w.vdir);
    status.arg("--json");
    let mut log = support::focusd();
    log.args(["log", "--state-dir"]).arg(&w.state);
    let mut resume = support::focusd();
    resume.args(["resume", "--state-dir"]).arg(&w.state);
    let mut undo = support::focusd();
    undo.args(["undo", "1", "--state-dir"]).arg(&w.state);
    let mut once = w.command("run", &w.vdir);
    once.arg("--once");
    let mut dry = w.command("run", &w.vdir);
    dry.args(["--once", "--dry-run"]);
    for mut c in [status, log, resume, undo, once, dry] {
        let out = c.output().unwrap();
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(74), "{c:?}: {text}");
        assert!(text.contains("schema version 99 is newer"), "{text}");
        assert_eq!(text.matches("state database").count(), 1, "{text}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{c:?} changed the database"
        );
        assert!(!w.state.join("state.db-wal").exists());
        assert!(!w.state.join("state.db-shm").exists());
    }
    assert!(!declined(&w.invitation_text()));
}

/// Whether this machine can run a command as `nobody`; under CI=true it must.
fn setpriv_works() -> bool {
    let works = Command::new("setpriv")
        .args([
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            "true",
        ])
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "setpriv cannot run commands as nobody, and CI=true: the read-only tests must run"
        );
        eprintln!(
            "SKIPPED: setpriv --reuid=nobody does not work here (not root, or setpriv missing)"
        );
    }
    works
}

/// `cmd` run as `nobody`, who can read the state folder but write nothing in it.
fn as_nobody(cmd: &Command) -> Output {
    let mut c = Command::new("setpriv");
    c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c.output().unwrap()
}

/// Finding 22: `focusd log`, `status` and `run --dry-run` work on a state folder the user
/// can only read, with the daemon stopped (no `-shm` can be created: the store is opened
/// immutable) and with the daemon running (its write-ahead log is read), and change nothing
/// in it. Run as `nobody`, since the tests run as root, whom no permission stops.
#[test]
fn log_status_and_a_dry_run_serve_a_read_only_state_folder() {
    if !setpriv_works() {
        return;
    }
    let w = World::new();
    ok(&w.run_once());
    let expected = w.log();
    assert_eq!(expected.len(), 1);
    // Readable by others, writable by no one but root.
    chmod(w.dir.path(), 0o755);
    chmod(&w.state, 0o755);
    for name in ["state.db", "lock", "write.lock"] {
        chmod(&w.state.join(name), 0o644);
    }
    chmod(&w.vdir.join("q1.ics"), 0o644);
    chmod(&w.policy, 0o644);

    let check = |w: &World, daemon: bool| {
        let before = files(&w.state);
        let mut log = support::focusd();
        log.args(["log", "--json", "--state-dir"]).arg(&w.state);
        let out = as_nobody(&log);
        ok(&out);
        let got: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(summary(got.as_array().unwrap()), summary(&expected));

        let mut status = w.command("status", &w.vdir);
        status.arg("--json");
        let out = as_nobody(&status);
        ok(&out);
        let view: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            view["last_sync"].is_string(),
            "status shows the last sync: {view}"
        );

        let mut dry = w.command("run", &w.vdir);
        dry.args(["--once", "--dry-run"]);
        let out = as_nobody(&dry);
        ok(&out);
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("nothing to do"),
            "the dry run knows the decline is done: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        if !daemon {
            assert_eq!(files(&w.state), before, "a reader changed the state folder");
        }
    };
    // The daemon stopped. A reader that could write left SQLite's -wal (empty) and -shm
    // beside the database, which nobody cannot open; then with them gone, as the daemon's
    // last close leaves it: no -shm can be created.
    assert!(w.state.join("state.db-shm").exists());
    check(&w, false);
    for name in ["state.db-wal", "state.db-shm"] {
        std::fs::remove_file(w.state.join(name)).unwrap();
    }
    check(&w, false);

    // The daemon running (as its owner), its write-ahead log readable.
    let notify = Notify::new();
    let (mut daemon, _logs) = w.spawn(&w.vdir, Some(&notify));
    notify.wait_for("READY=1", Duration::from_secs(60));
    // The daemon made its database private again: share it for the test.
    for name in ["state.db", "state.db-wal", "state.db-shm"] {
        if w.state.join(name).exists() {
            chmod(&w.state.join(name), 0o644);
        }
    }
    check(&w, true);
    signal(&daemon, "TERM");
    assert_eq!(wait_exit(&mut daemon, Duration::from_secs(20)), Some(0));

    // A missing store is a clear error for `log`, and creates nothing.
    let missing = w.dir.path().join("nothing-here");
    let mut log = support::focusd();
    log.args(["log", "--state-dir"]).arg(&missing);
    let out = as_nobody(&log);
    assert_eq!(out.status.code(), Some(74));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    assert!(!missing.exists());
}

/// Finding 21: the state folder is created 0700 and every file in it 0600 (the database,
/// its -wal and -shm, the locks) when focusd is started from a shell with umask 022, not
/// only under the unit's `UMask=0077`.
#[test]
fn state_files_are_private_whoever_starts_focusd() {
    let w = World::new();
    let shell = |c: &Command| -> Command {
        let mut sh = Command::new("sh");
        sh.arg("-c")
            .arg("umask 022 && exec \"$@\"")
            .arg("sh")
            .arg(c.get_program())
            .args(c.get_args());
        for (k, v) in c.get_envs() {
            match v {
                Some(v) => sh.env(k, v),
                None => sh.env_remove(k),
            };
        }
        sh
    };
    let mut resume = support::focusd();
    resume.args(["resume", "--state-dir"]).arg(&w.state);
    ok(&shell(&resume).output().unwrap());
    assert_eq!(mode(&w.state), 0o700);
    assert_eq!(mode(&w.state.join("state.db")), 0o600);

    // The daemon, with its write-ahead log open.
    let notify = Notify::new();
    let mut run = w.command("run", &w.vdir);
    run.args(["--interval", "3600"])
        .env("NOTIFY_SOCKET", &notify.path);
    let mut daemon = Running(
        shell(&run)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    notify.wait_for("READY=1", Duration::from_secs(60));
    let names: Vec<String> = files(&w.state).into_iter().map(|(n, _)| n).collect();
    for name in [
        "state.db",
        "state.db-wal",
        "state.db-shm",
        "lock",
        "write.lock",
    ] {
        assert!(names.contains(&name.to_string()), "{name} in {names:?}");
    }
    for name in &names {
        assert_eq!(mode(&w.state.join(name)), 0o600, "{name}");
    }
    signal(&daemon, "TERM");
    assert_eq!(wait_exit(&mut daemon, Duration::from_secs(20)), Some(0));

    // A database an older focusd left open to others is made private.
    chmod(&w.state.join("state.db"), 0o644);
    ok(&shell(&resume).output().unwrap());
    assert_eq!(mode(&w.state.join("state.db")), 0o600);
}

/// Finding 15: the watchdog is pinged from a task of its own, so a cycle that takes longer
/// than the watchdog period (here three periods, its list of events held by Google) is never
/// killed. Pings every half period; the assertion allows a whole period between two.
#[test]
fn the_watchdog_is_pinged_through_a_slow_cycle() {
    let w = World::new();
    let google = w.google();
    let notify = Notify::new();
    let period = Duration::from_secs(4);
    let slow = period * 3;
    google.hold_lists(1);
    let mut c = google.daemon(&w);
    c.env("WATCHDOG_USEC", period.as_micros().to_string());
    let (mut daemon, logs) = start(c, Some(&notify));
    let start = google.fake.wait_held(Duration::from_secs(60));
    std::thread::sleep(slow);
    // Still the first attempt (the client gives up on a request only after 30 s).
    assert_eq!(google.fake.count("list"), 1, "{}", logs.text());
    let end = Instant::now();
    assert_eq!(google.fake.release(), 1);
    let ready = notify.wait_for("READY=1", Duration::from_secs(60));
    assert!(ready >= end, "the first cycle ended only after the list");
    assert!(google.declined(), "the cycle went on: {}", logs.text());
    signal(&daemon, "TERM");
    assert_eq!(wait_exit(&mut daemon, Duration::from_secs(20)), Some(0));

    let during: Vec<Instant> = notify
        .pings()
        .into_iter()
        .filter(|t| *t >= start && *t <= end)
        .collect();
    assert!(
        during.len() >= 3,
        "{} pings in a {slow:?} cycle with a {period:?} watchdog: {}",
        during.len(),
        logs.text()
    );
    let mut times = vec![start];
    times.extend(&during);
    times.push(end);
    let gap = times.windows(2).map(|w| w[1] - w[0]).max().unwrap();
    assert!(
        gap < period,
        "a gap of {gap:?} between watchdog pings, the watchdog period being {period:?}"
    );
}

/// Finding 16 (its SIGTERM part): SIGTERM and SIGINT stop the daemon promptly even in the
/// middle of a cycle whose list of events Google would answer only in ten minutes.
#[test]
fn a_signal_stops_a_cycle_stuck_in_a_read() {
    for sig in ["TERM", "INT"] {
        let w = World::new();
        let google = w.google();
        google.hold_lists(1);
        let (mut daemon, logs) = start(google.daemon(&w), None);
        google.fake.wait_held(Duration::from_secs(60));
        // The daemon now waits for an answer that does not come.
        std::thread::sleep(Duration::from_millis(500));
        let start = Instant::now();
        signal(&daemon, sig);
        let code = wait_exit(&mut daemon, Duration::from_secs(10));
        let took = start.elapsed();
        assert_eq!(code, Some(0), "SIG{sig}: {}", logs.text());
        assert!(took < Duration::from_secs(10), "SIG{sig} took {took:?}");
        assert_eq!(google.fake.count("list"), 1, "{}", logs.text());
        assert!(!google.declined());
        // The held request goes on with nobody waiting for it; the stand-in is stopped by
        // its pid at the end of the round all the same.
        google.fake.release();
        std::thread::sleep(Duration::from_millis(100));
        let text = logs.text();
        assert!(text.contains("stopping in the middle of a cycle"), "{text}");
    }
}

/// Finding 13: `focusd undo` waits a bounded time for a daemon's cycle to finish (here one
/// waiting for Google's list of events), then says the daemon is running and changes nothing
/// (75); with the daemon stopped, the undo goes through.
#[test]
fn an_undo_waits_for_a_cycle_a_bounded_time_then_says_the_daemon_runs() {
    let w = World::new();
    let google = w.google();
    ok(&google.run_once(&w));
    let log = w.log();
    let decline = log[0]["id"].as_i64().unwrap();
    assert_eq!(log[0]["kind"], "decline");
    assert!(google.declined());
    let stored = google.invitation();

    // Every list held, the daemon's retries too, until the test lets them go.
    google.hold_lists(100);
    let (mut daemon, logs) = start(google.daemon(&w), None);
    google.fake.wait_held(Duration::from_secs(60));
    let start = Instant::now();
    let out = google.undo(&w, decline);
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(75), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(
        text.contains(&format!("daemon (pid {}) is running", daemon.id())),
        "{text}"
    );
    assert!(text.contains("middle of a cycle"), "{text}");
    assert!(
        took >= Duration::from_secs(4) && took < Duration::from_secs(30),
        "{took:?}"
    );
    assert_eq!(
        google.invitation(),
        stored,
        "the undo changed the invitation"
    );
    assert_eq!(w.log(), log);

    signal(&daemon, "TERM");
    assert_eq!(
        wait_exit(&mut daemon, Duration::from_secs(10)),
        Some(0),
        "{}",
        logs.text()
    );
    google.fake.control("clear_faults", Value::Null);
    google.fake.release();
    assert_eq!(
        google.invitation(),
        stored,
        "the daemon changed the invitation"
    );
    ok(&google.undo(&w, decline));
    assert!(!google.declined());
}

/// Finding 16: a FIFO given as the calendar is never read (a read could wait forever for a
/// writer): a run is refused at once, saying what the file is, and the daemon's first cycle
/// fails at once too, without a hang.
#[test]
fn a_fifo_as_the_calendar_is_refused_at_once() {
    let w = World::new();
    let fifo = w.dir.path().join("calendar.ics");
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
    )
    .unwrap();
    let why = format!("{}: not a regular file (a FIFO)", fifo.display());

    let mut c = w.command("run", &fifo);
    c.arg("--once");
    let (mut once, logs) = start(c, None);
    let code = wait_exit(&mut once, Duration::from_secs(20));
    std::thread::sleep(Duration::from_millis(100));
    assert!(code.is_some_and(|c| c != 0), "{code:?}: {}", logs.text());
    assert!(logs.text().contains(&why), "{}", logs.text());

    let notify = Notify::new();
    let (mut daemon, logs) = w.spawn(&fifo, Some(&notify));
    notify.wait_for("READY=1", Duration::from_secs(20));
    signal(&daemon, "TERM");
    assert_eq!(wait_exit(&mut daemon, Duration::from_secs(20)), Some(0));
    std::thread::sleep(Duration::from_millis(100));
    let text = logs.text();
    assert!(
        text.contains("cycle failed") && text.contains(&why),
        "{text}"
    );
    assert_eq!(w.log(), Vec::<Value>::new());
}

/// Finding 20: terminal control characters in calendar data (a UID, a summary, a file name)
/// reach stderr only escaped, from the daemon's log lines and from the CLI's diagnostics.
#[test]
fn hostile_calendar_text_reaches_stderr_only_escaped() {
    let w = World::new();
    std::fs::remove_file(w.vdir.join("q1.ics")).unwrap();
    let uid = "../../x\u{1b}]0;pwned\u{7}\u{1b}[2J";
    std::fs::write(
        w.vdir.join("evil.ics"),
        invitation(uid, "Sync \u{1b}[31mred\u{1b}[0m \u{9b}2J"),
    )
    .unwrap();
    // An event without a start, in a file whose name carries an escape: reported by path.
    std::fs::write(
        w.vdir.join("bad\u{1b}]0;t\u{7}.ics"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:bad\u{1b}[2J\r\n\
         SUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let raw = |bytes: &[u8]| -> Vec<u8> {
        let text = String::from_utf8_lossy(bytes);
        text.chars()
            .filter(|c| c.is_control() && *c != '\n')
            .map(|c| c as u8)
            .collect()
    };
    let out = w.run_once();
    assert_eq!(out.status.code(), Some(65), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains(r"x\u{1b}]0;pwned\u{7}\u{1b}[2J"), "{text}");
    assert!(text.contains(r"bad\u{1b}]0;t\u{7}.ics"), "{text}");
    assert_eq!(raw(&out.stderr), Vec::<u8>::new(), "{text:?}");
    let declined_files = std::fs::read_to_string(w.vdir.join("evil.ics")).unwrap();
    assert!(declined(&declined_files), "the decline still happens");

    for command in ["triage", "plan", "status"] {
        let out = w.command(command, &w.vdir).output().unwrap();
        assert_eq!(out.status.code(), Some(65), "{command}: {}", stderr(&out));
        assert_eq!(
            raw(&out.stderr),
            Vec::<u8>::new(),
            "{command}: {:?}",
            stderr(&out)
        );
        assert_eq!(raw(&out.stdout), Vec::<u8>::new(), "{command}: stdout");
    }
}
