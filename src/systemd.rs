//! Speaking to systemd: readiness and watchdog notifications (`sd_notify`), and logs that go
//! to journald with fields when running under systemd, to stderr otherwise.
//!
//! Both fall back quietly: without `NOTIFY_SOCKET` notifications are no-ops; without a
//! journal, logs are human lines on stderr.

use std::os::unix::net::UnixDatagram;
use std::time::Duration;

/// Where systemd listens for notifications, if it does.
pub struct Notifier {
    socket: Option<(UnixDatagram, std::os::unix::net::SocketAddr)>,
}

impl Notifier {
    /// From `NOTIFY_SOCKET`; a path or, with a leading `@`, an abstract socket name.
    pub fn from_env() -> Notifier {
        let socket = std::env::var("NOTIFY_SOCKET").ok().and_then(|name| {
            let addr = match name.strip_prefix('@') {
                Some(abstract_name) => {
                    use std::os::linux::net::SocketAddrExt;
                    std::os::unix::net::SocketAddr::from_abstract_name(abstract_name.as_bytes())
                        .ok()?
                }
                None => std::os::unix::net::SocketAddr::from_pathname(&name).ok()?,
            };
            Some((UnixDatagram::unbound().ok()?, addr))
        });
        Notifier { socket }
    }

    /// Sends `state` (e.g. `READY=1`); errors are ignored: systemd may be gone.
    pub fn notify(&self, state: &str) {
        if let Some((sock, addr)) = &self.socket {
            use std::os::unix::net::UnixDatagram as D;
            let _ = D::send_to_addr(sock, state.as_bytes(), addr);
        }
    }

    pub fn ready(&self, status: &str) {
        self.notify(&format!("READY=1\nSTATUS={status}"));
    }

    pub fn status(&self, status: &str) {
        self.notify(&format!("STATUS={status}"));
    }

    pub fn watchdog(&self) {
        self.notify("WATCHDOG=1");
    }

    pub fn stopping(&self) {
        self.notify("STOPPING=1");
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
/// for this process.
pub fn watchdog_interval() -> Option<Duration> {
    if let Some(pid) = std::env::var("WATCHDOG_PID")
        .ok()
        .and_then(|p| p.parse::<u32>().ok())
        && pid != std::process::id()
    {
        return None;
    }
    let usec: u64 = std::env::var("WATCHDOG_USEC").ok()?.parse().ok()?;
    (usec > 0).then(|| Duration::from_micros(usec / 2))
}

/// Sets up logging once: journald (with fields) under systemd, else stderr.
pub fn init_logging(verbose: bool) {
    use tracing_subscriber::prelude::*;
    let level = if verbose {
        tracing::level_filters::LevelFilter::DEBUG
    } else {
        tracing::level_filters::LevelFilter::INFO
    };
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
