//! The user's files, read and replaced without surprises: the one place in the crate that
//! opens a calendar file or replaces one.
//!
//! - Only regular files are read (symlinks are followed to one); a FIFO, a device or a
//!   link to one is refused without being opened for a blocking read, and a file over
//!   [`MAX_FILE_BYTES`] is refused before it is read.
//! - A replacement goes through a temporary file with a random name in the target's own
//!   folder, created exclusively (`O_CREAT|O_EXCL`, never following a planted link) and
//!   readable by the owner only while it is written, then given the original's mode, owner
//!   and group (where permitted), synced, and renamed over the target; the folder is synced.
//! - A symlinked file is written through: the link stays, its target is replaced.
//! - A file the process may not write by its mode bits (also when running as root), or one
//!   marked immutable or append-only, is refused and left alone.
//! - Before the rename, the target is checked to be the very file that was read (device,
//!   inode, size, modification time and a SHA-256 of its bytes); if another program changed
//!   it in between, nothing is replaced and the caller starts again from a fresh read.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Calendar files larger than this are refused (a calendar of 350,000 events is ~100 MB).
pub const MAX_FILE_BYTES: u64 = 512 << 20;

/// Why a file was not read or not replaced.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path}: not a regular file ({kind}), skipped")]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{path}: {len} bytes, more than the {max} focusd reads")]
    TooLarge { path: PathBuf, len: u64, max: u64 },
    #[error("{path}: {why}; it is left alone")]
    NotWritable { path: PathBuf, why: String },
    #[error("{path}: changed by another program while focusd was writing it; nothing was replaced")]
    Changed { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl FileError {
    fn io(path: &Path, source: std::io::Error) -> FileError {
        FileError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What identifies the content of a file as it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
    digest: Vec<u8>,
}

impl Stamp {
    fn of(meta: &Metadata, bytes: &[u8]) -> Stamp {
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            digest: ring::digest::digest(&ring::digest::SHA256, bytes)
                .as_ref()
                .to_vec(),
        }
    }
}

/// A file's bytes and what they were read from.
#[derive(Debug, Clone)]
pub struct Contents {
    pub bytes: Vec<u8>,
    pub stamp: Stamp,
}

/// What kind of file `meta` describes, in words, unless it is a regular file.
fn irregular(meta: &Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some("a folder")
    } else if t.is_fifo() {
        Some("a FIFO")
    } else if t.is_char_device() || t.is_block_device() {
        Some("a device")
    } else if t.is_socket() {
        Some("a socket")
    } else {
        Some("not a file")
    }
}

/// Whether `path` (following links) is a regular file; `Err` names what it is instead.
pub fn check_regular(path: &Path) -> Result<(), FileError> {
    let meta = std::fs::metadata(path).map_err(|e| FileError::io(path, e))?;
    match irregular(&meta) {
        None => Ok(()),
        Some(kind) => Err(FileError::NotRegular {
            path: path.to_path_buf(),
            kind,
        }),
    }
}

/// Reads a regular file (through links), at most [`MAX_FILE_BYTES`]. A FIFO or device is
/// never read: the file is opened without blocking and checked before any read.
pub fn read_regular(path: &Path) -> Result<Contents, FileError> {
    let (bytes, meta) = read_checked(path)?;
    let stamp = Stamp::of(&meta, &bytes);
    Ok(Contents { bytes, stamp })
}

/// [`read_regular`]'s bytes alone, for a reader that never writes back (no [`Stamp`], so
/// no digest of the whole file).
pub fn read_regular_bytes(path: &Path) -> Result<Vec<u8>, FileError> {
    read_checked(path).map(|(bytes, _)| bytes)
}

fn read_checked(path: &Path) -> Result<(Vec<u8>, Metadata), FileError> {
    let mut file = OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .map_err(|e| FileError::io(path, e))?;
    let meta = file.metadata().map_err(|e| FileError::io(path, e))?;
    if let Some(kind) = irregular(&meta) {
        return Err(FileError::NotRegular {
            path: path.to_path_buf(),
            kind,
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            len: meta.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            len: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    Ok((bytes, meta))
}

/// Whether the file at `path` is still the one `stamp` was taken of: the same file, length
/// and mtime, and the same digest (read in pieces, so that checking a large file does not
/// hold a second copy of it).
fn still(path: &Path, stamp: &Stamp) -> bool {
    let Ok(mut file) = OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
    else {
        return false;
    };
    let Ok(meta) = file.metadata() else {
        return false;
    };
    if irregular(&meta).is_some()
        || (meta.dev(), meta.ino(), meta.len()) != (stamp.dev, stamp.ino, stamp.len)
        || (meta.mtime(), meta.mtime_nsec()) != stamp.mtime
    {
        return false;
    }
    let mut digest = ring::digest::Context::new(&ring::digest::SHA256);
    let mut buf = vec![0; 1 << 16];
    let mut total = 0u64;
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                total += n as u64;
                digest.update(&buf[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    total == stamp.len && digest.finish().as_ref() == stamp.digest.as_slice()
}

/// The file a write to `path` replaces: `path` itself, or the final target of its links.
pub fn write_target(path: &Path) -> Result<PathBuf, FileError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| FileError::io(path, e))
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// Whether the process may replace a file with this metadata: by its mode bits (root is
/// held to the owner's bit, so a read-only file stays read-only for it too) and its
/// immutable or append-only flag.
fn may_write(path: &Path, meta: &Metadata, file: Option<&File>) -> Result<(), FileError> {
    let refuse = |why: &str| FileError::NotWritable {
        path: path.to_path_buf(),
        why: why.to_string(),
    };
    let mode = meta.mode();
    let euid = rustix::process::geteuid().as_raw();
    let allowed = if euid == 0 || euid == meta.uid() {
        mode & 0o200 != 0
    } else if rustix::process::getegid().as_raw() == meta.gid()
        || rustix::process::getgroups()
            .unwrap_or_default()
            .iter()
            .any(|g| g.as_raw() == meta.gid())
    {
        mode & 0o020 != 0
    } else {
        mode & 0o002 != 0
    };
    if !allowed {
        return Err(refuse(&format!(
            "read-only (mode {:04o}) for this user",
            mode & 0o7777
        )));
    }
    if let Some(file) = file
        && let Ok(flags) = rustix::fs::ioctl_getflags(file)
    {
        if flags.contains(rustix::fs::IFlags::IMMUTABLE) {
            return Err(refuse("marked immutable (chattr +i)"));
        }
        if flags.contains(rustix::fs::IFlags::APPEND) {
            return Err(refuse("marked append-only (chattr +a)"));
        }
    }
    Ok(())
}

/// What happens between the temporary file's sync and the rename (tests use it to make
/// another writer's change deterministic).
pub type Hook<'a> = &'a (dyn Fn(&Path) + Sync);

/// Replaces the file at `path` (through its links) with `bytes`, atomically, keeping its
/// mode, owner and group. With `expected`, the target must still be the file those bytes
/// were read from, else [`FileError::Changed`] and nothing is replaced. A new file (nothing
/// at `path`) is created 0644 (less the umask) and never replaces one created meanwhile.
pub fn replace(
    path: &Path,
    bytes: &[u8],
    expected: Option<&Stamp>,
    hook: Option<Hook<'_>>,
) -> Result<(), FileError> {
    let target = write_target(path)?;
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let current = match File::open(&target) {
        Ok(f) => {
            let meta = f.metadata().map_err(|e| FileError::io(&target, e))?;
            if let Some(kind) = irregular(&meta) {
                return Err(FileError::NotRegular { path: target, kind });
            }
            may_write(&target, &meta, Some(&f))?;
            Some(meta)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(FileError::io(&target, e)),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "calendar".into());
    let tmp = temporary(&dir, &name, bytes).map_err(|e| FileError::io(&target, e))?;
    let io = |e| FileError::io(&target, e);
    let file = tmp.as_file();
    match &current {
        Some(meta) => {
            // Owner and group first (a chown may clear set-id bits), then the mode. Only
            // root may give a file away; others keep what they can (their own group).
            if std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_err() {
                let _ = std::os::unix::fs::fchown(file, None, Some(meta.gid()));
            }
            file.set_permissions(std::fs::Permissions::from_mode(meta.mode() & 0o7777))
                .map_err(io)?;
        }
        None => {
            let mode = 0o644 & !umask();
            file.set_permissions(std::fs::Permissions::from_mode(mode))
                .map_err(io)?;
        }
    }
    file.sync_all().map_err(io)?;
    if let Some(hook) = hook {
        hook(&target);
    }
    match (&current, expected) {
        (Some(_), Some(stamp)) => {
            if !still(&target, stamp) {
                return Err(FileError::Changed { path: target });
            }
        }
        (None, _) => {
            // A new file must not replace one that appeared meanwhile.
            tmp.persist_noclobber(&target).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    FileError::Changed {
                        path: target.clone(),
                    }
                } else {
                    FileError::io(&target, e.error)
                }
            })?;
            sync_dir(&dir);
            return Ok(());
        }
        (Some(_), None) => {}
    }
    tmp.persist(&target)
        .map_err(|e| FileError::io(&target, e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// A temporary file beside `name` in `dir` holding `bytes`: a random name, created with
/// `O_CREAT|O_EXCL` and mode 0600, so that no planted link is followed and no one else reads
/// the copy while it is written. Removed when dropped unless persisted.
fn temporary(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".focusd-tmp")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    Ok(tmp)
}

/// Writes focusd's own private file (a token cache, a sync cache) atomically, readable by
/// the owner only from the start; the folder is created 0700 if needed.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".into());
    let tmp = temporary(dir, &name, bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Removes `path` (through its links: the target goes, and the link with it), if it is
/// still the file `expected` describes.
pub fn remove(path: &Path, expected: Option<&Stamp>) -> Result<(), FileError> {
    let target = write_target(path)?;
    let file = File::open(&target).map_err(|e| FileError::io(&target, e))?;
    let meta = file.metadata().map_err(|e| FileError::io(&target, e))?;
    may_write(&target, &meta, Some(&file))?;
    if let Some(stamp) = expected
        && !still(&target, stamp)
    {
        return Err(FileError::Changed { path: target });
    }
    std::fs::remove_file(&target).map_err(|e| FileError::io(&target, e))?;
    if target != path {
        let _ = std::fs::remove_file(path);
    }
    if let Some(dir) = target.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// The process's umask, read without changing it (`/proc/self/status`; 022 if unknown).
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

/// Bytes as text, invalid UTF-8 replaced as [`String::from_utf8_lossy`] replaces it, with
/// the way back: every character boundary of the text has its offset in the bytes, so that
/// an edit found on the text is made on the bytes and no other byte changes.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// For each replaced run: (offset in the text after its U+FFFD, offset in the bytes
    /// after the run).
    runs: Vec<(usize, usize)>,
}

impl Decoded {
    pub fn new(bytes: &[u8]) -> Decoded {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Decoded {
                text: text.to_string(),
                runs: Vec::new(),
            };
        }
        let mut text = String::with_capacity(bytes.len());
        let mut runs = Vec::new();
        let mut at = 0;
        for chunk in bytes.utf8_chunks() {
            text.push_str(chunk.valid());
            at += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                text.push(char::REPLACEMENT_CHARACTER);
                at += chunk.invalid().len();
                runs.push((text.len(), at));
            }
        }
        Decoded { text, runs }
    }

    /// The offset in the bytes of the text's offset `t` (a character boundary; inside a
    /// replacement character, the end of the bytes it replaced).
    pub fn byte_offset(&self, t: usize) -> usize {
        let k = self.runs.partition_point(|r| r.0 <= t);
        match k.checked_sub(1).map(|i| self.runs[i]) {
            Some((text_end, byte_end)) => byte_end + (t - text_end),
            None => {
                // Before the first run, or inside its replacement character.
                match self.runs.first() {
                    Some(&(text_end, byte_end)) if t > text_end - 3 => byte_end,
                    _ => t,
                }
            }
        }
        .min(self.byte_len())
    }

    fn byte_len(&self) -> usize {
        match self.runs.last() {
            Some(&(text_end, byte_end)) => byte_end + (self.text.len() - text_end),
            None => self.text.len(),
        }
    }
}

fn sync_dir(dir: &Path) {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().mode() & 0o7777
    }

    #[test]
    fn replace_keeps_the_mode_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cal.ics");
        std::fs::write(&p, b"old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        let read = read_regular(&p).unwrap();
        replace(&p, b"new", Some(&read.stamp), None).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(mode(&p), 0o640);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the calendar is left");
    }

    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sync")).unwrap();
        let real = dir.path().join("sync/work.ics");
        std::fs::write(&real, b"old").unwrap();
        let link = dir.path().join("cal.ics");
        std::os::unix::fs::symlink("sync/work.ics", &link).unwrap();
        replace(&link, b"new", None, None).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn a_planted_link_at_a_temporary_name_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"victim").unwrap();
        let p = dir.path().join("cal.ics");
        std::fs::write(&p, b"old").unwrap();
        // The old fixed name, and anything else a planter could guess.
        std::os::unix::fs::symlink(&victim, dir.path().join(".cal.ics.focusd-tmp")).unwrap();
        replace(&p, b"new", None, None).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"victim");
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }

    #[test]
    fn a_change_between_read_and_rename_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cal.ics");
        std::fs::write(&p, b"as read").unwrap();
        let read = read_regular(&p).unwrap();
        let other = |t: &Path| std::fs::write(t, b"the organizer moved it").unwrap();
        let err = replace(&p, b"focusd's edit", Some(&read.stamp), Some(&other)).unwrap_err();
        assert!(matches!(err, FileError::Changed { .. }), "{err}");
        assert_eq!(std::fs::read(&p).unwrap(), b"the organizer moved it");
    }

    #[test]
    fn a_read_only_file_is_refused_also_for_root() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cal.ics");
        std::fs::write(&p, b"mine").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = replace(&p, b"edit", None, None).unwrap_err();
        assert!(matches!(err, FileError::NotWritable { .. }), "{err}");
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read(&p).unwrap(), b"mine");
    }

    #[test]
    fn fifos_and_devices_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.ics");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
        )
        .unwrap();
        let err = read_regular(&fifo).unwrap_err();
        assert!(
            matches!(err, FileError::NotRegular { kind: "a FIFO", .. }),
            "{err}"
        );
        let zero = dir.path().join("zero.ics");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let err = read_regular(&zero).unwrap_err();
        assert!(
            matches!(
                err,
                FileError::NotRegular {
                    kind: "a device",
                    ..
                }
            ),
            "{err}"
        );
        assert!(replace(&zero, b"x", None, None).is_err());
    }

    #[test]
    fn decoded_offsets_lead_back_to_the_bytes() {
        let bytes = b"A\xe9B\xff\xfeC\xc3\xa9D";
        let d = Decoded::new(bytes);
        assert_eq!(d.text, "A\u{fffd}B\u{fffd}\u{fffd}C\u{e9}D");
        assert_eq!(d.text, String::from_utf8_lossy(bytes));
        let pos = |c: char| d.text.find(c).unwrap();
        assert_eq!(d.byte_offset(0), 0);
        assert_eq!(d.byte_offset(pos('B')), 2);
        assert_eq!(d.byte_offset(pos('C')), 5);
        assert_eq!(d.byte_offset(pos('D')), 8);
        assert_eq!(d.byte_offset(d.text.len()), bytes.len());
        let valid = Decoded::new("plain ü".as_bytes());
        assert_eq!(valid.byte_offset(3), 3);
    }

    #[test]
    fn a_new_file_never_replaces_one_created_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("block.ics");
        let racer = |t: &Path| std::fs::write(t, b"someone else's").unwrap();
        let err = replace(&p, b"focusd's block", None, Some(&racer)).unwrap_err();
        assert!(matches!(err, FileError::Changed { .. }), "{err}");
        assert_eq!(std::fs::read(&p).unwrap(), b"someone else's");
    }
}
