//! Renaming, duplicating and archiving assessments. Nothing is ever deleted or replaced:
//! files move with a hard link then an unlink (a link never replaces an existing name), a
//! duplicate is a new file under a free name, and archiving moves the file and its sidecars
//! into `archive/` in the data folder, from where moving them back restores them. Each
//! operation takes the edit lock first, so an assessment open in a workshop is never moved.

use super::names::sidecar;
use super::workshop::WORKSHOP_SUFFIX;
use super::{EditLock, Store, StoreError, history, load};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The folder archived assessments move to, inside the data folder.
pub const ARCHIVE_FOLDER: &str = "archive";

/// What moves with an assessment file: its backup, its workshop place, its history folder.
fn companions(file: &Path) -> [PathBuf; 4] {
    // The draft holds text typed but not yet submitted: it moves with its assessment.
    [sidecar(file, "bak"), sidecar(file, WORKSHOP_SUFFIX), sidecar(file, "draft"), history::folder_for(file)]
}

impl Store {
    /// Gives the assessment a new client name and the file name that goes with it; its
    /// backup, place and history move along. Returns the new path.
    pub fn rename(&self, path: &Path, client: &str) -> Result<PathBuf, StoreError> {
        let _lock = EditLock::acquire(path)?;
        let mut assessment = load(path)?;
        assessment.client = client.trim().to_string();
        let renamed = self.create_file_for(&assessment)?;
        for (from, to) in companions(path).into_iter().zip(companions(&renamed)) {
            // On failure the renamed file exists and is complete; the old one is kept too.
            move_if_present(&from, &to)?;
        }
        fs::remove_file(path).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            action: "rename",
            source,
        })?;
        Ok(renamed)
    }

    /// Copies the assessment's answers and profile into a new assessment for `client`.
    pub fn duplicate(&self, path: &Path, client: &str) -> Result<PathBuf, StoreError> {
        let mut copy = load(path)?;
        copy.client = client.trim().to_string();
        copy.created = crate::clock::now_rfc3339();
        copy.updated.clone_from(&copy.created);
        self.create_file_for(&copy)
    }

    /// Moves the assessment and its companions into `archive/`. Refuses, moving nothing, if
    /// the archive already holds a file of that name.
    pub fn archive(&self, path: &Path) -> Result<PathBuf, StoreError> {
        let _lock = EditLock::acquire(path)?;
        let folder = self.folder().join(ARCHIVE_FOLDER);
        super::create_private_folder(&folder).map_err(|source| StoreError::Io {
            path: folder.clone(),
            action: "create",
            source,
        })?;
        let target = folder.join(path.file_name().unwrap_or_default());
        for to in std::iter::once(target.clone()).chain(companions(&target)) {
            if to.exists() {
                return Err(StoreError::Exists { path: to });
            }
        }
        move_file(path, &target)?;
        for (from, to) in companions(path).into_iter().zip(companions(&target)) {
            move_if_present(&from, &to)?;
        }
        Ok(target)
    }
}

/// Moves a file without ever replacing one: link under the new name, then unlink the old.
fn move_file(from: &Path, to: &Path) -> Result<(), StoreError> {
    let io_error = |source| StoreError::Io { path: from.to_path_buf(), action: "move", source };
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from).map_err(io_error),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(StoreError::Exists { path: to.to_path_buf() }),
        Err(e) => Err(io_error(e)),
    }
}

fn move_if_present(from: &Path, to: &Path) -> Result<(), StoreError> {
    if !from.exists() {
        return Ok(());
    }
    if to.exists() {
        return Err(StoreError::Exists { path: to.to_path_buf() });
    }
    if from.is_dir() {
        // A folder cannot be hard-linked; the check above keeps the rename from replacing one.
        return fs::rename(from, to).map_err(|source| StoreError::Io {
            path: from.to_path_buf(),
            action: "move",
            source,
        });
    }
    move_file(from, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::names::display_name;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(Some(dir.path())).expect("store");
        (dir, store)
    }

    #[test]
    fn rename_moves_the_file_and_its_companions_and_keeps_the_answers() {
        let (_dir, store) = store();
        let path = store.create("Acme", "").expect("create");
        let lock = EditLock::acquire(&path).expect("lock");
        let mut a = lock.load().expect("load");
        a.set_answer("GOV-01", crate::Answer::level(3));
        lock.save(&mut a).expect("save");
        lock.save(&mut a).expect("a second save leaves a .bak");
        drop(lock);
        let renamed = store.rename(&path, "Acme Robotics").expect("renamed");
        assert_eq!(display_name(&renamed), "acme-robotics.toml");
        assert!(!path.exists() && !sidecar(&path, "bak").exists(), "nothing left under the old name");
        assert!(sidecar(&renamed, "bak").exists(), "the backup moved along");
        let moved = load(&renamed).expect("loads");
        assert_eq!((moved.client.as_str(), moved.answers["GOV-01"].level_value()), ("Acme Robotics", Some(3)));
    }

    #[test]
    fn duplicate_is_a_new_file_and_archive_moves_aside_without_replacing() {
        let (dir, store) = store();
        let path = store.create("Acme", "").expect("create");
        let copy = store.duplicate(&path, "Acme").expect("duplicate");
        assert_eq!(display_name(&copy), "acme-2.toml", "never replaces the original");
        let archived = store.archive(&path).expect("archived");
        assert_eq!(archived, dir.path().join("archive").join("acme.toml"));
        assert!(!path.exists() && archived.exists());
        // Another "acme.toml" archived later finds the name taken: refused, nothing moved.
        let again = store.create("Acme", "").expect("create");
        assert_eq!(again, path);
        assert!(matches!(store.archive(&again), Err(StoreError::Exists { .. })));
        assert!(again.exists(), "the refused one stays where it was");
        let listed = store.list(&crate::Questionnaire::embedded()).expect("list");
        assert_eq!(listed.len(), 2, "the archive folder is not listed");
    }

    #[test]
    fn an_assessment_open_in_a_workshop_is_never_moved() {
        let (_dir, store) = store();
        let path = store.create("Acme", "").expect("create");
        let _open = EditLock::acquire(&path).expect("lock");
        assert!(matches!(store.archive(&path), Err(StoreError::Locked { .. })));
        assert!(matches!(store.rename(&path, "Other"), Err(StoreError::Locked { .. })));
        assert!(path.exists());
    }
}
