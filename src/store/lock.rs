//! One editor per assessment. An editing session holds an exclusive OS lock on the sidecar
//! `<name>.toml.lock` (never on the assessment itself, which each save replaces with a new
//! file). The OS releases the lock when the process ends, however it ends, so a crash never
//! leaves an assessment locked. Reading needs no lock.
//!
//! The lock keeps out other crosswalks, not other programs: a `git pull` or a colleague's
//! editor can still change the file. So the lock remembers the file as it was loaded (or last
//! saved) and checks it before every save: a file changed on disk is kept aside under its own
//! name before the session's version is written, never overwritten silently.

use super::names::{display_name, sidecar};
use super::{StoreError, atomic, codec};
use crate::assessment::{Assessment, FORMAT_VERSION};
use crate::clock;
use std::fs::{File, OpenOptions, TryLockError};
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Proof of being the only crosswalk editing one assessment: saving goes through it.
/// Dropping it ends the session.
#[derive(Debug)]
pub struct EditLock {
    /// Held open for the session: closing it releases the lock.
    lock_file: File,
    target: PathBuf,
    /// The file as this session last read or wrote it; `None` before the first load.
    known: Mutex<Option<Fingerprint>>,
}

/// What a successful save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved,
    /// The file had been changed by something else since this session loaded or saved it.
    /// That version was kept at `kept` (a complete assessment file, next to the original)
    /// before the session's version was written.
    KeptChangedOnDisk {
        kept: PathBuf,
    },
}

/// Enough to tell whether a file is still the one we read. The content decides: a `touch` (a
/// new modification time, the same bytes) is no change, and a modification time alone would
/// miss an edit within the same tick on file systems that count in whole seconds (FAT, some
/// network shares). Files are small, so reading one before each save costs microseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    fn of(bytes: &[u8]) -> Fingerprint {
        Fingerprint { len: bytes.len() as u64, hash: content_hash(bytes) }
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

impl EditLock {
    /// Takes the edit lock for the assessment at `path`, or says who holds it.
    pub fn acquire(path: &Path) -> Result<EditLock, StoreError> {
        let lock_path = sidecar(path, "lock");
        let io_error = |source| StoreError::Io { path: lock_path.clone(), action: "lock", source };
        // Each save replaces the file at `path`: through a link, that would detach the link
        // from what it points to. A link is read-only material.
        if atomic::is_symlink(path) {
            return Err(StoreError::Symlink { path: path.to_path_buf() });
        }
        // No truncation on open: until we hold the lock, the contents are the holder's. The
        // open never follows a link, so `acme.toml.lock -> beta.toml` cannot touch beta.toml.
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        let lock_file = match atomic::open_owner_only(&mut options, &lock_path) {
            Ok(file) => file,
            Err(e) if atomic::is_symlink_error(&e) || atomic::is_symlink(&lock_path) => {
                return Err(StoreError::Symlink { path: lock_path });
            }
            Err(source) if is_read_only(&source) => {
                let folder = lock_path.parent().map(Path::to_path_buf).unwrap_or_default();
                return Err(StoreError::ReadOnly { file: display_name(path), folder, source });
            }
            Err(e) => return Err(io_error(e)),
        };
        match lock_file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked { file: display_name(path), holder: read_holder(&lock_path) });
            }
            Err(TryLockError::Error(e)) => return Err(io_error(e)),
        }
        write_holder(&lock_file).map_err(io_error)?;
        atomic::remove_stale_temporaries(path);
        Ok(EditLock { lock_file, target: path.to_path_buf(), known: Mutex::new(None) })
    }

    /// The assessment this lock is for.
    pub fn path(&self) -> &Path {
        &self.target
    }

    /// Reads the locked assessment (same as [`super::load`]) and remembers the file as read,
    /// so the next save can tell whether something else changed it meanwhile.
    pub fn load(&self) -> Result<Assessment, StoreError> {
        let bytes = std::fs::read(&self.target).map_err(|source| StoreError::Io {
            path: self.target.clone(),
            action: "read",
            source,
        })?;
        let assessment = super::decode_bytes(&self.target, &bytes)?;
        self.remember(Fingerprint::of(&bytes));
        Ok(assessment)
    }

    /// Saves atomically, stamping `updated` and the current format version. When this returns
    /// `Ok` the new contents are on disk; on any error the previous file is untouched. A file
    /// changed on disk since this session read it is first kept aside (see [`SaveOutcome`]).
    pub fn save(&self, assessment: &mut Assessment) -> Result<SaveOutcome, StoreError> {
        let file = display_name(&self.target);
        // Check before stamping, so a refused save leaves the model as it was.
        codec::check(&file, assessment)?;
        let io_error = |action, source| StoreError::Io { path: self.target.clone(), action, source };
        let outcome = match self.changed_on_disk().map_err(|e| io_error("read", e))? {
            Some(theirs) => {
                let kept = keep_aside(&self.target, &theirs).map_err(|e| io_error("keep a copy of", e))?;
                SaveOutcome::KeptChangedOnDisk { kept }
            }
            None => SaveOutcome::Saved,
        };
        assessment.format_version = FORMAT_VERSION;
        assessment.updated = clock::now_rfc3339();
        let text = codec::to_text(&file, assessment)?;
        atomic::replace(&self.target, text.as_bytes()).map_err(|e| io_error("save", e))?;
        self.remember(Fingerprint::of(text.as_bytes()));
        Ok(outcome)
    }

    fn remember(&self, fingerprint: Fingerprint) {
        *self.known.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(fingerprint);
    }

    /// The file's current bytes if they are not what this session last read or wrote. A file
    /// that is gone, or a session that never loaded, has nothing to keep.
    fn changed_on_disk(&self) -> io::Result<Option<Vec<u8>>> {
        let known = self.known.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let Some(known) = known else { return Ok(None) };
        let bytes = match std::fs::read(&self.target) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok((Fingerprint::of(&bytes) != known).then_some(bytes))
    }
}

/// Writes the version found on disk next to the assessment as
/// `<stem>.on-disk-<UTC time>.toml` (a new name, never replacing a file), so both versions
/// stay and the consultant can compare them with `crosswalk diff`.
fn keep_aside(target: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let stem = target.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let stamp: String = clock::now_rfc3339().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    for attempt in 1..=100u32 {
        let suffix = if attempt == 1 { String::new() } else { format!("-{attempt}") };
        let aside = target.with_file_name(format!("{stem}.on-disk-{stamp}{suffix}.toml"));
        match atomic::create_new(&aside, bytes) {
            Ok(()) => return Ok(aside),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "no free name for the copy"))
}

/// The folder or file system refuses writes: the file may still be opened read-only.
fn is_read_only(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::PermissionDenied || error.kind() == io::ErrorKind::ReadOnlyFilesystem
}

impl Drop for EditLock {
    fn drop(&mut self) {
        // Clear the holder line so a leftover lock file names nobody; closing the file (right
        // after this) releases the lock itself. The file stays: deleting it would let a
        // process that opened it just before lock a file no longer at that path.
        let _ = self.lock_file.set_len(0);
    }
}

/// "pid 4242 since 2026-11-25T12:23:45Z", for the message a second crosswalk shows.
fn write_holder(mut lock_file: &File) -> std::io::Result<()> {
    lock_file.set_len(0)?;
    lock_file.seek(SeekFrom::Start(0))?;
    writeln!(lock_file, "pid {} since {}", std::process::id(), clock::now_rfc3339())
}

/// Who holds the lock, as written by [`write_holder`]; "pid unknown" when the holder has not
/// written it yet or the platform does not let us read a locked file (Windows).
fn read_holder(lock_path: &Path) -> String {
    let mut text = String::new();
    let read = atomic::open_no_follow(lock_path).and_then(|f| f.take(200).read_to_string(&mut text));
    let line = text.lines().next().unwrap_or("").trim();
    // The file is ours, but keep terminal control characters out of the message regardless.
    let shown: String = line.chars().filter(|c| !c.is_control()).take(100).collect();
    if read.is_err() || shown.is_empty() { "pid unknown".to_string() } else { shown }
}
