//! The state folder (`$XDG_STATE_HOME/focusd`, or `--state-dir`): the store, the Google
//! caches, and the two lock files that keep focusd processes apart (SPEC section 10,
//! invariant 9: two focusd processes never both act).
//!
//! - `lock` is held by `focusd run` (also `--once`) for its whole life, with its pid in it:
//!   a second daemon on the same folder exits at once (75) and changes nothing.
//! - `write.lock` is held while the calendar is written and the audit log records it: by the
//!   daemon for each cycle (a dry run writes nothing and takes neither), by `focusd undo`
//!   from its intent to its outcome. An undo waits a few seconds for a running cycle, then
//!   gives up (75); a cycle waits for an undo. So an undo works while the daemon sleeps
//!   between cycles, and the daemon never sees the intent of an undo under way.
//!
//! Both are `flock(2)` locks (std's `File::lock`): the kernel drops them when the process
//! ends, however it ends, so a crash never leaves a stale lock behind.
//!
//! The folder is created 0700 and the files in it 0600, whoever starts focusd (the service's
//! `UMask=0077` covers only the service): the store holds meeting titles and decline
//! comments. A folder that already exists and is open to others is left as it is (it may be
//! one the user chose, even a shared one) with a warning; focusd's own files in it are made
//! private.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::escape::escape;
use crate::store::Store;

/// The store's file in the state folder.
pub const STORE_FILE: &str = "state.db";
/// Held by the daemon for its whole life.
pub const DAEMON_LOCK: &str = "lock";
/// Held while the calendar is written.
pub const WRITE_LOCK: &str = "write.lock";
/// How long `focusd undo` waits for a daemon's cycle to finish.
pub const UNDO_WAIT: Duration = Duration::from_secs(5);

/// `$XDG_STATE_HOME/focusd`, else `~/.local/state/focusd`.
pub fn default_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(base.join("focusd"))
}

/// Creates the state folder (and missing parents, as the XDG base directory specification
/// asks) with mode 0700. An existing folder open to other users is only warned about.
pub fn create(dir: &Path) -> Result<(), Error> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| Error::Io {
            context: format!("cannot create the state folder {}", escape(dir.display())),
            source,
        })?;
    static WARNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if let Ok(meta) = std::fs::metadata(dir) {
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o077 != 0 && !WARNED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            eprintln!(
                "focusd: warning: the state folder {} is open to other users (mode {mode:04o}); \
                 focusd's files in it are private (0600), but `chmod 700` it to hide them too",
                escape(dir.display())
            );
        }
    }
    Ok(())
}

/// The store, opened for writing (created with the folder if needed, schema brought up to
/// date).
pub fn open_store(dir: &Path) -> Result<Store, Error> {
    create(dir)?;
    Ok(Store::open(&dir.join(STORE_FILE))?)
}

/// The store, opened for reading only: nothing in the folder is created or changed, and a
/// read-only folder serves. A missing store is an error.
pub fn read_store(dir: &Path) -> Result<Store, Error> {
    Ok(Store::open_read_only(&dir.join(STORE_FILE))?)
}

/// Whether the folder holds a store (readers that can do without one ask first).
pub fn has_store(dir: &Path) -> bool {
    dir.join(STORE_FILE).exists()
}

/// A lock held until dropped (or until the process ends).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// The daemon's lock, for the whole life of `focusd run`: another daemon holding it is an
/// error (exit 75) that names the folder and that daemon's pid.
pub fn lock_daemon(dir: &Path) -> Result<Lock, Error> {
    use std::io::Write;
    create(dir)?;
    let path = dir.join(DAEMON_LOCK);
    let mut file = lock_file(&path)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let pid = holder(dir).map_or(String::new(), |pid| format!(" (pid {pid})"));
            return Err(Error::Busy(format!(
                "another focusd daemon{pid} is running on the state folder {}: this one exits \
                 and changes nothing; stop the other first (`systemctl --user stop focusd`), or \
                 give this one its own --state-dir",
                escape(dir.display())
            )));
        }
        Err(std::fs::TryLockError::Error(source)) => return Err(cannot_lock(&path, source)),
    }
    // Whoever finds the lock taken reads who holds it.
    file.set_len(0)
        .and_then(|()| writeln!(file, "{}", std::process::id()))
        .map_err(|source| cannot_lock(&path, source))?;
    Ok(Lock { _file: file })
}

/// The write lock, waiting for as long as another process holds it (the daemon, before a
/// cycle: an undo is short).
pub fn lock_writes(dir: &Path) -> Result<Lock, Error> {
    let path = dir.join(WRITE_LOCK);
    let file = lock_file(&path)?;
    file.lock().map_err(|source| cannot_lock(&path, source))?;
    Ok(Lock { _file: file })
}

/// The write lock, waiting at most `wait` (`focusd undo`): then an error (exit 75) that
/// says who holds it.
pub fn lock_writes_within(dir: &Path, wait: Duration) -> Result<Lock, Error> {
    create(dir)?;
    let path = dir.join(WRITE_LOCK);
    let file = lock_file(&path)?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let folder = escape(dir.display());
                let secs = wait.as_secs();
                return Err(Error::Busy(match running_daemon(dir) {
                    Some(pid) => format!(
                        "the focusd daemon{} is running on the state folder {folder} and was \
                         still in the middle of a cycle after {secs} s; nothing was done: try \
                         again in a moment (or stop it: `systemctl --user stop focusd`)",
                        pid.map_or(String::new(), |p| format!(" (pid {p})"))
                    ),
                    None => format!(
                        "another focusd process is writing the calendar of the state folder \
                         {folder} and did not finish within {secs} s; nothing was done: try \
                         again in a moment"
                    ),
                }));
            }
            Err(std::fs::TryLockError::Error(source)) => return Err(cannot_lock(&path, source)),
        }
    }
}

/// Whether a daemon runs on the folder: `Some(its pid, if it wrote one)`.
pub fn running_daemon(dir: &Path) -> Option<Option<u32>> {
    let file = File::open(dir.join(DAEMON_LOCK)).ok()?;
    match file.try_lock_shared() {
        // Nobody holds it; the shared lock goes with `file`.
        Ok(()) => None,
        Err(std::fs::TryLockError::WouldBlock) => Some(holder(dir)),
        Err(std::fs::TryLockError::Error(_)) => None,
    }
}

/// The pid the daemon wrote into its lock file.
fn holder(dir: &Path) -> Option<u32> {
    std::fs::read_to_string(dir.join(DAEMON_LOCK))
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn lock_file(path: &Path) -> Result<File, Error> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map_err(|source| cannot_lock(path, source))
}

fn cannot_lock(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        context: format!("cannot lock {}", escape(path.display())),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn the_folder_and_the_store_are_private_from_creation() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b/focusd");
        drop(open_store(&dir).unwrap());
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&tmp.path().join("a")), 0o700);
        assert_eq!(mode(&dir.join(STORE_FILE)), 0o600);
        drop(lock_daemon(&dir).unwrap());
        assert_eq!(mode(&dir.join(DAEMON_LOCK)), 0o600);
    }

    #[test]
    fn an_open_store_file_is_made_private_and_an_open_folder_is_left() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("focusd");
        drop(open_store(&dir).unwrap());
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let db = dir.join(STORE_FILE);
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(open_store(&dir).unwrap());
        assert_eq!(mode(&db), 0o600);
        assert_eq!(mode(&dir), 0o755);
    }

    #[test]
    fn one_daemon_per_folder_and_the_second_is_told_who() {
        let tmp = tempfile::tempdir().unwrap();
        let first = lock_daemon(tmp.path()).unwrap();
        let e = lock_daemon(tmp.path()).unwrap_err();
        assert_eq!(crate::cli::exit_code(&e), 75);
        let text = e.to_string();
        assert!(
            text.contains(&format!("(pid {})", std::process::id())),
            "{text}"
        );
        assert!(text.contains(&tmp.path().display().to_string()), "{text}");
        assert_eq!(running_daemon(tmp.path()), Some(Some(std::process::id())));
        drop(first);
        assert_eq!(running_daemon(tmp.path()), None);
        drop(lock_daemon(tmp.path()).unwrap());
    }

    #[test]
    fn the_write_lock_waits_a_bounded_time() {
        let tmp = tempfile::tempdir().unwrap();
        let _daemon = lock_daemon(tmp.path()).unwrap();
        let held = lock_writes(tmp.path()).unwrap();
        let start = Instant::now();
        let e = lock_writes_within(tmp.path(), Duration::from_millis(300)).unwrap_err();
        assert!(start.elapsed() >= Duration::from_millis(300));
        assert_eq!(crate::cli::exit_code(&e), 75);
        assert!(e.to_string().contains("middle of a cycle"), "{e}");
        drop(held);
        drop(lock_writes_within(tmp.path(), Duration::from_millis(300)).unwrap());
    }
}
