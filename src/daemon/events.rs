//! What wakes the daemon: one closed set of events that every trigger goes through, in the
//! manner of atuin's `DaemonEvent`. The timer, the signals and the file watcher all become
//! an [`Event`] on one channel, and the main loop is one `match` over them, so every
//! trigger and what it does is visible in one place. A click on a notification's button
//! comes the same way ([`Event::Desktop`], sent by `notify::listen`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::mpsc;
use tracing::warn;

use crate::escape::escape;

/// Something that asks the daemon to do something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The poll interval (or the next read-ahead deadline) is up: time for a cycle. The
    /// loop's own timer: `Events::next` makes it when nothing else comes first.
    Tick,
    /// SIGTERM or SIGINT: stop. The signal handler also raises the stop flag itself, which
    /// a cycle checks between two actions: while a cycle runs on the blocking pool, the flag
    /// is what reaches it, and this event is what wakes the loop.
    Stop,
    /// SIGHUP: load the configuration and the policy again.
    Reload,
    /// A watched file (a policy layer or the configuration) changed: load them again.
    FileChanged(PathBuf),
    /// The notification server says a button was clicked (Undo, Suggest async, Dismiss),
    /// or a notification closed: carry it out.
    Desktop(crate::notify::Answer),
}

/// The daemon's one channel of events, with the loop's timer.
pub struct Events {
    tx: mpsc::UnboundedSender<Event>,
    rx: mpsc::UnboundedReceiver<Event>,
}

impl Events {
    pub fn new() -> Events {
        let (tx, rx) = mpsc::unbounded_channel();
        Events { tx, rx }
    }

    /// Where a trigger sends its events.
    pub fn sender(&self) -> mpsc::UnboundedSender<Event> {
        self.tx.clone()
    }

    /// The next event; [`Event::Tick`] once `tick` has passed without one (never, without
    /// a `tick`). Cancel-safe: an event is never lost when another branch of a `select!`
    /// wins.
    pub async fn next(&mut self, tick: Option<Duration>) -> Event {
        // The channel keeps a sender of its own, so it never closes.
        let recv = async { self.rx.recv().await.unwrap_or(Event::Stop) };
        match tick {
            // An event already waiting comes before the tick.
            Some(after) => tokio::select! {
                biased;
                event = recv => event,
                _ = tokio::time::sleep(after) => Event::Tick,
            },
            None => recv.await,
        }
    }
}

/// SIGTERM and SIGINT raise `stop` and send [`Event::Stop`]; SIGHUP sends
/// [`Event::Reload`].
pub fn listen_for_signals(tx: mpsc::UnboundedSender<Event>, stop: Arc<AtomicBool>) {
    use tokio::signal::unix::{SignalKind, signal};
    for (kind, stops) in [
        (SignalKind::terminate(), true),
        (SignalKind::interrupt(), true),
        (SignalKind::hangup(), false),
    ] {
        let tx = tx.clone();
        let stop = Arc::clone(&stop);
        match signal(kind) {
            Ok(mut s) => {
                tokio::spawn(async move {
                    while s.recv().await.is_some() {
                        let event = if stops {
                            stop.store(true, Ordering::SeqCst);
                            Event::Stop
                        } else {
                            Event::Reload
                        };
                        if tx.send(event).is_err() {
                            break;
                        }
                    }
                });
            }
            Err(e) => warn!("cannot listen for a signal: {e}"),
        }
    }
}

/// Watches the folders of the policy and config files (editors save by rename) and sends
/// [`Event::FileChanged`] when one of the files changes. The watcher works while it is
/// kept.
pub fn watch_files(
    files: &[PathBuf],
    tx: mpsc::UnboundedSender<Event>,
) -> Option<notify::RecommendedWatcher> {
    use notify::Watcher;
    let names: Vec<PathBuf> = files
        .iter()
        .map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()))
        .collect();
    let wanted = names.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        if let Some(path) = event.paths.iter().find(|p| {
            wanted
                .iter()
                .any(|w| w == *p || w.file_name() == p.file_name())
        }) {
            let _ = tx.send(Event::FileChanged(path.clone()));
        }
    })
    .map_err(|e| warn!("cannot watch the policy files: {e}"))
    .ok()?;
    let mut dirs: Vec<PathBuf> = names
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        if let Err(e) = watcher.watch(&dir, notify::RecursiveMode::NonRecursive) {
            warn!("cannot watch {}: {}", escape(dir.display()), escape(e));
        }
    }
    Some(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_timer_ticks_unless_an_event_comes_first() {
        let mut events = Events::new();
        assert_eq!(
            events.next(Some(Duration::from_millis(5))).await,
            Event::Tick
        );
        events.sender().send(Event::Reload).unwrap();
        assert_eq!(
            events.next(Some(Duration::from_secs(60))).await,
            Event::Reload
        );
        // An event sent while nobody waits is kept for the next wait.
        let tx = events.sender();
        tx.send(Event::FileChanged("policy.toml".into())).unwrap();
        tx.send(Event::Stop).unwrap();
        assert_eq!(
            events.next(None).await,
            Event::FileChanged("policy.toml".into())
        );
        assert_eq!(events.next(Some(Duration::ZERO)).await, Event::Stop);
    }
}
