//! An empty local calendar (a vdir) whose policy books a two-hour focus block every day,
//! for the tests that run focusd through focus blocks (Do Not Disturb on every desktop).

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// The user the world's focusd acts for.
pub const ME: &str = "alex@example.com";

pub struct World {
    dir: tempfile::TempDir,
}

impl World {
    pub fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("cal")).unwrap();
        std::fs::write(
            dir.path().join("policy.toml"),
            "[team]\ntimezone = \"UTC\"\n[working_hours]\nstart = \"09:00\"\nend = \"17:00\"\n\
             [focus]\ndaily_target_minutes = 120\n",
        )
        .unwrap();
        World { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `focusd WHAT --now NOW` on the world's calendar, policy, user and state folder.
    pub fn focusd(&self, what: &str, now: &str) -> Command {
        let mut c = super::focusd();
        c.args([what, "--now", now, "--calendar"])
            .arg(self.path("cal"))
            .arg("--policy")
            .arg(self.path("policy.toml"))
            .args(["--me", ME, "--state-dir"])
            .arg(self.path("state"));
        c
    }
}

/// A running `focusd run`, its stderr kept for the log; killed when dropped.
pub struct Daemon {
    child: Child,
}

impl Daemon {
    /// Starts `command` (a `focusd run`) with its stderr piped.
    pub fn spawn(mut command: Command) -> Daemon {
        let child = command.stderr(Stdio::piped()).spawn().unwrap();
        Daemon { child }
    }

    /// Sends `signal` (`-TERM`, `-KILL`), waits for the end and returns the log.
    pub fn signal(&mut self, signal: &str) -> String {
        let _ = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        let mut log = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut log);
        }
        log
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
