//! Test support: the fake Google server (`fake_gcal.py`) started on a free port, and a tiny
//! HTTP client for its control endpoints; `process` (start, signal, wait for processes and
//! conditions) and `policy` (the policies tests write), shared by the test files.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

pub mod policy;
pub mod process;
pub mod world;

/// The built `focusd` binary, with no personal configuration, no systemd and no session bus
/// around it.
pub fn focusd() -> Command {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut c = Command::new(env!("CARGO_BIN_EXE_focusd"));
    c.env("XDG_CONFIG_HOME", root.join("tests/no-config"))
        .env_remove("NOTIFY_SOCKET")
        .env_remove("JOURNAL_STREAM")
        .env_remove("WATCHDOG_USEC")
        // No desktop of the machine's own: a test that wants one starts a private bus.
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/focusd-test-bus",
        );
    c
}

pub struct FakeGoogle {
    child: Child,
    pub port: u16,
}

pub const USER: &str = "me@example.com";
pub const CLIENT_ID: &str = "focusd-test.apps.googleusercontent.com";
pub const CLIENT_SECRET: &str = "GOCSPX-test-secret-4fd2b8";

impl FakeGoogle {
    pub fn start() -> FakeGoogle {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/fake_gcal.py");
        let mut child = Command::new("python3")
            .arg(script)
            .args([
                "--user",
                USER,
                "--client-id",
                CLIENT_ID,
                "--client-secret",
                CLIENT_SECRET,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs tests/support/fake_gcal.py");
        let port = process::read_port(&mut child, "fake server");
        FakeGoogle { child, port }
    }

    pub fn root(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    pub fn token_uri(&self) -> String {
        format!("http://127.0.0.1:{}/token", self.port)
    }

    pub fn get(&self, path: &str) -> (u16, Value) {
        request(self.port, "GET", path, None)
    }

    pub fn post(&self, path: &str, body: Value) -> (u16, Value) {
        request(self.port, "POST", path, Some(body))
    }

    pub fn control(&self, what: &str, body: Value) -> Value {
        let (code, v) = self.post(&format!("/_control/{what}"), body);
        assert_eq!(code, 200, "control {what}: {v}");
        v
    }

    pub fn counts(&self) -> Value {
        self.get("/_control/counts").1
    }

    pub fn count(&self, kind: &str) -> u64 {
        self.counts()[kind].as_u64().unwrap_or(0)
    }

    pub fn reset_counts(&self) {
        self.control("reset_counts", Value::Null);
    }

    pub fn fault(&self, fault: Value) {
        self.control("fault", fault);
    }

    /// How many requests a `delay` fault holds right now.
    pub fn held(&self) -> u64 {
        self.get("/_control/held").1["held"].as_u64().unwrap_or(0)
    }

    /// Waits up to `timeout` until a `delay` fault holds a request; returns when it saw one.
    pub fn wait_held(&self, timeout: Duration) -> std::time::Instant {
        let start = std::time::Instant::now();
        loop {
            if self.held() > 0 {
                return std::time::Instant::now();
            }
            assert!(
                start.elapsed() < timeout,
                "no request held within {timeout:?}: {}",
                self.counts()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Lets every request a `delay` fault holds go on at once; returns how many there were.
    pub fn release(&self) -> u64 {
        self.control("release", Value::Null)["released"]
            .as_u64()
            .unwrap_or(0)
    }

    pub fn seed(&self, events: Value) {
        self.control("seed", serde_json::json!({ "events": events }));
    }

    pub fn event(&self, id: &str) -> Option<Value> {
        let (code, v) = self.get(&format!("/_control/event?id={id}"));
        (code == 200).then_some(v)
    }

    pub fn events(&self) -> Vec<Value> {
        self.get("/_control/events")
            .1
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn log(&self) -> Vec<Value> {
        self.get("/_control/log")
            .1
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

impl Drop for FakeGoogle {
    fn drop(&mut self) {
        // By PID: the child we started, nothing else.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request with `Connection: close`; returns the status and the JSON body.
pub fn request(port: u16, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let (status, _, body) = raw_request(port, method, path, body.map(|b| b.to_string()));
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

/// Returns status, headers (lower-cased names) and body.
pub fn raw_request(
    port: u16,
    method: &str,
    path: &str,
    body: Option<String>,
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let body = body.unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&buf[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, buf[split + 4..].to_vec())
}

/// Writes `text` to `path` with mode 0600.
pub fn write_private(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// A client-secret JSON of type "Desktop app" pointing at the fake server.
pub fn client_secret_file(dir: &Path, fake: &FakeGoogle) -> PathBuf {
    let path = dir.join("client_secret.json");
    let json = serde_json::json!({ "installed": {
        "client_id": CLIENT_ID,
        "project_id": "focusd-test",
        "auth_uri": format!("{}auth", fake.root()),
        "token_uri": fake.token_uri(),
        "client_secret": CLIENT_SECRET,
        "redirect_uris": ["http://localhost"],
    }});
    write_private(&path, &json.to_string());
    path
}

/// The example week (`examples/week.ics`) split into a vdir at `dir/calendar`, one file per
/// UID as vdirsyncer keeps them.
pub fn example_vdir(dir: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/week.ics")).unwrap();
    let vdir = dir.join("calendar");
    std::fs::create_dir(&vdir).unwrap();
    let mut files: std::collections::BTreeMap<String, String> = Default::default();
    for chunk in text.split("BEGIN:VEVENT\r\n").skip(1) {
        let body = chunk.split("END:VEVENT\r\n").next().unwrap();
        let uid = body
            .lines()
            .find_map(|l| l.strip_prefix("UID:"))
            .unwrap()
            .trim()
            .to_string();
        files
            .entry(uid)
            .or_default()
            .push_str(&format!("BEGIN:VEVENT\r\n{body}END:VEVENT\r\n"));
    }
    for (uid, events) in files {
        std::fs::write(
            vdir.join(format!("{uid}.ics")),
            format!(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n"
            ),
        )
        .unwrap();
    }
    vdir
}
