//! Workshops over time: snapshots of an assessment as it stood before a new workshop, kept
//! next to it in `<stem>.history/<updated>.toml` (for `acme.toml`, `acme.history/`).
//!
//! A snapshot is a byte-for-byte copy of the assessment file, so it loads (and migrates)
//! like any assessment and `crosswalk diff OLD NEW` takes it as it is. It is named after the
//! `updated` stamp inside it, so taking the same state twice keeps one file. Snapshots are
//! written atomically and owner-only, in an owner-only folder, like the assessment.

use super::{StoreError, atomic, names};
use std::io;
use std::path::{Path, PathBuf};

/// A pause this long between two saves means the next edit starts a new workshop (a
/// workshop day has breaks, not four-hour ones).
pub const WORKSHOP_GAP_SECONDS: i64 = 4 * 3600;

/// One kept state of an assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub path: PathBuf,
    /// The `updated` stamp of the state kept (`2026-10-14T16:30:00Z`), from the file name.
    pub taken: String,
}

/// The folder holding the snapshots of the assessment at `assessment`.
pub fn folder_for(assessment: &Path) -> PathBuf {
    let stem = assessment.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    assessment.with_file_name(format!("{stem}.history"))
}

/// Whether an edit at `now` after a last save at `last_saved` starts a new workshop. Unreadable
/// stamps never do: a snapshot too many is harmless, but guessing would be noise.
pub fn starts_new_workshop(last_saved: &str, now: &str) -> bool {
    match (seconds(last_saved), seconds(now)) {
        (Some(last), Some(now)) => now - last >= WORKSHOP_GAP_SECONDS,
        _ => false,
    }
}

/// Seconds since the epoch of an RFC 3339 UTC stamp `YYYY-MM-DDTHH:MM:SSZ`.
fn seconds(stamp: &str) -> Option<i64> {
    let days = crate::clock::days_between("1970-01-01", stamp)?;
    let time = stamp.get(11..19)?;
    let mut parts = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

/// `2026-10-14T16:30:00Z` -> `2026-10-14T16-30-00Z.toml`: a file name on every system.
fn file_name(updated: &str) -> String {
    // Capped: a stamp is 20 characters, but an edited file could hold anything.
    let safe: String =
        updated.chars().take(64).map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("{}.toml", if safe.is_empty() { "undated".into() } else { safe })
}

/// `2026-10-14T16-30-00Z` -> `2026-10-14T16:30:00Z`, the inverse of [`file_name`].
fn stamp_of(stem: &str) -> String {
    match (stem.get(..13), stem.get(13..14), stem.get(14..16), stem.get(16..17), stem.get(17..)) {
        (Some(date_hour), Some("-"), Some(min), Some("-"), Some(rest)) => format!("{date_hour}:{min}:{rest}"),
        _ => stem.to_string(),
    }
}

fn io_error(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io { path, action, source }
}

/// Keeps the assessment as it is on disk now. Returns the snapshot's path, the existing one
/// if this state was kept already.
pub fn snapshot(assessment: &Path) -> Result<PathBuf, StoreError> {
    let bytes = std::fs::read(assessment).map_err(io_error(assessment, "read"))?;
    let state = super::load(assessment)?;
    let folder = folder_for(assessment);
    super::create_private_folder(&folder).map_err(io_error(&folder, "create"))?;
    let target = folder.join(file_name(&state.updated));
    match atomic::create_new(&target, &bytes) {
        Ok(()) => Ok(target),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(target),
        Err(source) => Err(StoreError::Io { path: target, action: "write", source }),
    }
}

/// The save path's hook: before the first save of a new workshop, keep the state before it.
/// `last_saved` is the `updated` stamp of the state on disk.
pub fn snapshot_before_edit(assessment: &Path, last_saved: &str, now: &str) -> Result<Option<PathBuf>, StoreError> {
    if starts_new_workshop(last_saved, now) && assessment.is_file() { snapshot(assessment).map(Some) } else { Ok(None) }
}

/// The snapshots of an assessment, oldest first; none when it has no history folder.
pub fn snapshots(assessment: &Path) -> Result<Vec<Snapshot>, StoreError> {
    let folder = folder_for(assessment);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(StoreError::Io { path: folder, action: "read", source }),
    };
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.map_err(|source| StoreError::Io { path: folder.clone(), action: "read", source })?.path();
        let name = names::display_name(&path);
        if let Some(stem) =
            name.strip_suffix(".toml").filter(|_| !atomic::is_temporary(&name) && !name.starts_with('.'))
        {
            found.push(Snapshot { taken: stamp_of(stem), path });
        }
    }
    found.sort_by(|a, b| a.taken.cmp(&b.taken));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_of_hours_starts_a_new_workshop() {
        assert!(!starts_new_workshop("2026-10-14T09:00:00Z", "2026-10-14T12:59:59Z"));
        assert!(starts_new_workshop("2026-10-14T09:00:00Z", "2026-10-14T13:00:00Z"));
        assert!(starts_new_workshop("2026-10-14T23:00:00Z", "2026-10-15T08:00:00Z"));
        assert!(!starts_new_workshop("not a date", "2026-10-15T08:00:00Z"));
        assert!(!starts_new_workshop("2026-10-15T08:00:00Z", "2026-10-14T08:00:00Z"));
    }

    #[test]
    fn snapshot_names_round_trip_their_stamp() {
        let stamp = "2026-10-14T16:30:05Z";
        let name = file_name(stamp);
        assert_eq!(name, "2026-10-14T16-30-05Z.toml");
        assert_eq!(stamp_of(name.trim_end_matches(".toml")), stamp);
        assert_eq!(file_name("../../etc"), "------etc.toml");
        assert_eq!(folder_for(Path::new("/data/acme.toml")), Path::new("/data/acme.history"));
    }

    proptest::proptest! {
        /// `updated` is a field anyone can edit in the file: whatever it holds, the snapshot
        /// stays a plain file name inside the history folder.
        #[test]
        fn any_updated_stamp_gives_a_plain_file_name(updated in ".{0,200}") {
            let name = file_name(&updated);
            proptest::prop_assert!(name.ends_with(".toml") && name.len() > 5 && name.len() <= 69);
            proptest::prop_assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'));
            proptest::prop_assert!(!name.starts_with('.'));
            let path = Path::new("/data/acme.history").join(&name);
            proptest::prop_assert_eq!(path.parent(), Some(Path::new("/data/acme.history")));
        }
    }
}
