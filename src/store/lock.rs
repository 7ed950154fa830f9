//! One editor per assessment. An editing session holds an exclusive OS lock on the sidecar
//! `<name>.toml.lock` (never on the assessment itself, which each save replaces with a new
//! file). The OS releases the lock when the process ends, however it ends, so a crash never
//! leaves an assessment locked. Reading needs no lock.

use super::names::{display_name, sidecar};
use super::{StoreError, atomic, codec};
use crate::assessment::{Assessment, FORMAT_VERSION};
use crate::clock;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Proof of being the only crosswalk editing one assessment: saving goes through it.
/// Dropping it ends the session.
#[derive(Debug)]
pub struct EditLock {
    /// Held open for the session: closing it releases the lock.
    lock_file: File,
    target: PathBuf,
}

impl EditLock {
    /// Takes the edit lock for the assessment at `path`, or says who holds it.
    pub fn acquire(path: &Path) -> Result<EditLock, StoreError> {
        let lock_path = sidecar(path, "lock");
        let io_error = |source| StoreError::Io { path: lock_path.clone(), action: "lock", source };
        // No truncation on open: until we hold the lock, the contents are the holder's.
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        let lock_file = atomic::open_owner_only(&mut options, &lock_path).map_err(io_error)?;
        match lock_file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked { file: display_name(path), holder: read_holder(&lock_path) });
            }
            Err(TryLockError::Error(e)) => return Err(io_error(e)),
        }
        write_holder(&lock_file).map_err(io_error)?;
        atomic::remove_stale_temporaries(path);
        Ok(EditLock { lock_file, target: path.to_path_buf() })
    }

    /// The assessment this lock is for.
    pub fn path(&self) -> &Path {
        &self.target
    }

    /// Reads the locked assessment (same as [`super::load`]).
    pub fn load(&self) -> Result<Assessment, StoreError> {
        super::load(&self.target)
    }

    /// Saves atomically, stamping `updated` and the current format version. When this returns
    /// `Ok` the new contents are on disk; on any error the previous file is untouched.
    pub fn save(&self, assessment: &mut Assessment) -> Result<(), StoreError> {
        let file = display_name(&self.target);
        // Check before stamping, so a refused save leaves the model as it was.
        codec::check(&file, assessment)?;
        assessment.format_version = FORMAT_VERSION;
        assessment.updated = clock::now_rfc3339();
        let text = codec::to_text(&file, assessment)?;
        atomic::replace(&self.target, text.as_bytes()).map_err(|source| StoreError::Io {
            path: self.target.clone(),
            action: "save",
            source,
        })
    }
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
    let read = File::open(lock_path).and_then(|f| f.take(200).read_to_string(&mut text));
    let line = text.lines().next().unwrap_or("").trim();
    // The file is ours, but keep terminal control characters out of the message regardless.
    let shown: String = line.chars().filter(|c| !c.is_control()).take(100).collect();
    if read.is_err() || shown.is_empty() { "pid unknown".to_string() } else { shown }
}
