//! Crash-safe file writes. At every instant the target path holds either the complete old
//! file or the complete new one: the new bytes go to a temporary file in the same folder, are
//! flushed to disk, and only then renamed over the target (a rename within one folder is
//! atomic). Files and folders are created readable and writable by the owner only, whatever
//! the umask, and no write ever goes through a symbolic link: a link in a shared checkout
//! (`acme.toml.lock -> beta.toml`) must not let one assessment's save overwrite another file.

use super::names::sidecar;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Replaces `target` with `bytes`, keeping the previous contents as `<target>.bak`.
pub fn replace(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let staged = StagedFile::write(target, bytes)?;
    backup_previous(target)?;
    staged.rename_to(target)?;
    sync_folder(target)
}

/// Replaces `target` with `bytes` without keeping a backup: for exported deliverables, which
/// can always be written again from the assessment.
pub fn publish(target: &Path, bytes: &[u8]) -> io::Result<()> {
    StagedFile::write(target, bytes)?.rename_to(target)?;
    sync_folder(target)
}

/// Writes `bytes` to `target` only if no file of that name exists yet; `AlreadyExists` if one
/// does. A crash leaves either no file or the complete one.
pub fn create_new(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let staged = StagedFile::write(target, bytes)?;
    // A hard link never replaces an existing name, so it claims the name and publishes the
    // complete contents in one step.
    match fs::hard_link(&staged.path, target) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
        // File systems without hard links (FAT, some network shares): claim the name first and
        // write in place; a crash here can only leave a new, partly written file.
        Err(_) => write_exclusive(target, bytes)?,
    }
    drop(staged);
    sync_folder(target)
}

/// Removes temporary files left next to `target` by a crashed save. Only call this while
/// holding the edit lock, so no other process can be mid-save on the same target.
pub fn remove_stale_temporaries(target: &Path) {
    let (Some(folder), Some(name)) = (target.parent(), target.file_name()) else { return };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(folder_or_current(folder)) else { return };
    for entry in entries.flatten() {
        let entry_name = entry.file_name();
        let entry_name = entry_name.to_string_lossy();
        if entry_name.starts_with(&prefix) && entry_name.ends_with(TEMP_SUFFIX) {
            // Best effort: a leftover temporary wastes space but harms nothing.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a file name is one of our temporaries (hidden, `.tmp`), which listings skip.
pub fn is_temporary(file_name: &str) -> bool {
    file_name.starts_with('.') && file_name.ends_with(TEMP_SUFFIX)
}

const TEMP_SUFFIX: &str = ".tmp";

/// A complete, flushed copy of the new contents under a temporary name; removed on drop
/// unless renamed into place.
struct StagedFile {
    path: PathBuf,
    published: bool,
}

impl StagedFile {
    fn write(target: &Path, bytes: &[u8]) -> io::Result<StagedFile> {
        let staged = StagedFile { path: temporary_path(target), published: false };
        let mut file = open_owner_only(OpenOptions::new().write(true).create_new(true), &staged.path)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        Ok(staged)
    }

    fn rename_to(mut self, target: &Path) -> io::Result<()> {
        fs::rename(&self.path, target)?;
        self.published = true;
        Ok(())
    }
}

impl Drop for StagedFile {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Points `<target>.bak` at the current contents of `target` (nothing to do on a first
/// save). The backup is staged and renamed too, so `.bak` is never half written.
fn backup_previous(target: &Path) -> io::Result<()> {
    let backup = sidecar(target, "bak");
    let staging = temporary_path(&backup);
    // A hard link costs no copy and no flush: it is the old file itself, which the rename
    // below detaches from `target`.
    match fs::hard_link(target, &staging) {
        // The old file is about to become the backup only: narrowing its mode is safe, and a
        // copied-in 0644 file must not leave a world-readable backup behind.
        Ok(()) => {
            if let Err(e) = make_owner_only(&staging) {
                let _ = fs::remove_file(&staging);
                return Err(e);
            }
        }
        Err(link_error) if link_error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(_) => match copy_flushed(target, &staging) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            other => other?,
        },
    }
    fs::rename(&staging, &backup).inspect_err(|_| {
        let _ = fs::remove_file(&staging);
    })
}

fn copy_flushed(from: &Path, to: &Path) -> io::Result<()> {
    let bytes = fs::read(from)?;
    let mut file = open_owner_only(OpenOptions::new().write(true).create_new(true), to)?;
    file.write_all(&bytes)?;
    file.sync_all()
}

fn make_owner_only(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn write_exclusive(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = open_owner_only(OpenOptions::new().write(true).create_new(true), target)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// `.acme.toml.<pid>-<n>.tmp` next to the target: hidden, unique within and across processes,
/// and in the same folder so the final rename cannot cross file systems.
fn temporary_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.{}-{n}{TEMP_SUFFIX}", std::process::id()))
}

/// Opens with `options`, creating files with mode 0600 on Unix (the umask can only narrow it)
/// and never through a symbolic link: a link at `path` fails with [`is_symlink_error`].
pub fn open_owner_only(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// Opens an existing file for reading without following a symbolic link at `path`.
pub fn open_no_follow(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    options.open(path)
}

/// Whether an open failed because the last component of the path is a symbolic link.
pub fn is_symlink_error(error: &io::Error) -> bool {
    #[cfg(unix)]
    return error.raw_os_error() == Some(libc::ELOOP);
    #[cfg(not(unix))]
    return {
        let _ = error;
        false
    };
}

/// Whether `path` itself (not what it points to) is a symbolic link.
pub fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Creates `folder` and its missing parents with mode 0700 on Unix, whatever the umask. An
/// existing folder is left as it is; something else at the path is an `AlreadyExists` error.
pub fn create_private_folder(folder: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder)
}

/// Flushes the folder entry so the rename itself survives a power loss (Unix; elsewhere the
/// rename is already durable or cannot be flushed separately).
fn sync_folder(target: &Path) -> io::Result<()> {
    #[cfg(unix)]
    if let Some(folder) = target.parent() {
        let flushed = File::open(folder_or_current(folder)).and_then(|f| f.sync_all());
        match flushed {
            // Some file systems (certain network and FUSE mounts) cannot flush a folder. The
            // rename has happened by now; failing here would report a completed save as lost.
            Err(e) if matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported) => {}
            other => other?,
        }
    }
    #[cfg(not(unix))]
    let _ = target;
    Ok(())
}

/// `Path::parent` of a bare file name is the empty path, meaning the current folder.
fn folder_or_current(folder: &Path) -> &Path {
    if folder.as_os_str().is_empty() { Path::new(".") } else { folder }
}
