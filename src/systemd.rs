//! Speaking to systemd: readiness and watchdog notifications (`sd_notify`), and logs that go
//! to journald with fields when running under systemd, to stderr otherwise.
//!
//! Both fall back quietly: without `NOTIFY_SOCKET` notifications are no-ops; without a
//! journal, logs are human lines on stderr.

use std::time::Duration;

use sd_notify::NotifyState;

/// Whether systemd listens for notifications (`NOTIFY_SOCKET`, a path or an abstract name;
/// `sd-notify` speaks the protocol).
pub struct Notifier {
    enabled: bool,
}

impl Notifier {
    pub fn from_env() -> Notifier {
        Notifier {
            enabled: std::env::var_os("NOTIFY_SOCKET").is_some(),
        }
    }

    fn send(&self, states: &[NotifyState<'_>]) {
        // Errors are ignored: systemd may be gone.
        if self.enabled {
            let _ = sd_notify::notify(states);
        }
    }

    /// Sends a raw state line (e.g. `RELOADING=1`).
    pub fn notify(&self, state: &str) {
        self.send(&[NotifyState::Custom(state)]);
    }

    pub fn ready(&self, status: &str) {
        self.send(&[NotifyState::Ready, NotifyState::Status(status)]);
    }

    pub fn status(&self, status: &str) {
        self.send(&[NotifyState::Status(status)]);
    }

    pub fn watchdog(&self) {
        self.send(&[NotifyState::Watchdog]);
    }

    pub fn stopping(&self) {
        self.send(&[NotifyState::Stopping]);
    }
}

/// Pings the systemd watchdog every half `WATCHDOG_USEC` from a task of its own, for as long
/// as it is kept (the daemon keeps it for its whole run), so that a long cycle (a slow
/// calendar, Google's back-off) is never taken for a hang. What the pings prove is that the
/// process and its runtime are alive; a cycle that takes very long says so in the log.
pub struct Watchdog(Option<tokio::task::JoinHandle<()>>);

impl Watchdog {
    /// Starts pinging when systemd asked for pings for this process; needs a tokio runtime.
    pub fn start(notifier: std::sync::Arc<Notifier>) -> Watchdog {
        Watchdog(watchdog_interval().map(|every| {
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(every);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    tick.tick().await;
                    notifier.watchdog();
                }
            })
        }))
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        if let Some(task) = &self.0 {
            task.abort();
        }
    }
}

/// How often to ping the watchdog: half of `WATCHDOG_USEC`, when systemd asked for pings
/// for this process (`WATCHDOG_PID`, when set, must be this process).
pub fn watchdog_interval() -> Option<Duration> {
    sd_notify::watchdog_enabled()
        .filter(|d| !d.is_zero())
        .map(|d| d / 2)
}

/// Sets up logging once: journald (with fields) under systemd, else stderr.
pub fn init_logging() {
    use tracing_subscriber::prelude::*;
    let level = tracing::level_filters::LevelFilter::INFO;
    // systemd sets JOURNAL_STREAM for services whose stderr goes to the journal.
    let journal = std::env::var_os("JOURNAL_STREAM")
        .and_then(|_| tracing_journald::layer().ok())
        .map(|l| l.with_syslog_identifier("focusd".into()));
    let registry = tracing_subscriber::registry().with(level);
    let result = match journal {
        Some(layer) => registry.with(layer).try_init(),
        None => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .with_writer(|| EscapedStderr)
                    .with_target(false)
                    .with_ansi(false),
            )
            .try_init(),
    };
    // Already set up (tests run several daemons in one process): keep the first.
    let _ = result;
}

/// stderr for log lines, with every control character but the line's end escaped. Each
/// field that carries calendar data is escaped where it is logged (`crate::escape`); this
/// is the net under them, so that no log line can drive a terminal.
struct EscapedStderr;

impl std::io::Write for EscapedStderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // The fmt layer writes one whole event at a time.
        let text = String::from_utf8_lossy(buf);
        let (body, end) = match text.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (&*text, ""),
        };
        let line = format!("{}{end}", crate::escape::escape(body));
        std::io::stderr().lock().write_all(line.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().lock().flush()
    }
}
