//! Text typed but not yet submitted when a session ended without the consultant's say (a
//! signal, a closed terminal, Ctrl-C in a justification). It is not an answer yet, so it does
//! not go into the assessment: it waits next to it in `<name>.toml.draft` until the
//! assessment is opened for editing again, which hands it back and removes the file.

use super::names::sidecar;
use super::{StoreError, atomic};
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

/// Which editor the text was typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftKind {
    Note,
    Justification,
    /// The reference to evidence seen, for the question's answer.
    Evidence,
    ProfileText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: DraftKind,
    /// The question the note, justification or evidence reference belongs to.
    #[serde(default)]
    pub question: String,
    /// The profile field's label, for profile text.
    #[serde(default)]
    pub field: String,
    pub text: String,
    /// A note marked consultant-only while it was typed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
}

/// Writes the draft for the assessment at `assessment` (owner-only, crash-safe, never through
/// a link) and returns where it went.
pub fn write_draft(assessment: &Path, draft: &Draft) -> Result<PathBuf, StoreError> {
    let path = sidecar(assessment, "draft");
    let io_error = |source| StoreError::Io { path: path.clone(), action: "save", source };
    let text = toml::to_string(draft).map_err(|e| io_error(io::Error::other(e)))?;
    atomic::publish(&path, text.as_bytes()).map_err(io_error)?;
    Ok(path)
}

/// The draft waiting for the assessment at `assessment`, removed from disk as it is handed
/// over (the caller shows it in its editor again). An unreadable draft is left in place and
/// reported, never deleted.
pub fn take_draft(assessment: &Path) -> Result<Option<Draft>, StoreError> {
    let draft = read_draft(assessment)?;
    if draft.is_some() {
        remove_draft(assessment)?;
    }
    Ok(draft)
}

/// Removes the draft once its text is back in an editor.
pub fn remove_draft(assessment: &Path) -> Result<(), StoreError> {
    let path = sidecar(assessment, "draft");
    std::fs::remove_file(&path).map_err(|source| StoreError::Io { path, action: "remove", source })
}

/// The draft waiting for the assessment at `assessment`, left in place.
pub fn read_draft(assessment: &Path) -> Result<Option<Draft>, StoreError> {
    let path = sidecar(assessment, "draft");
    if atomic::is_symlink(&path) {
        return Err(StoreError::Symlink { path });
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(StoreError::Io { path, action: "read", source }),
    };
    let draft: Draft = toml::from_str(&text).map_err(|e| {
        StoreError::Invalid(vec![super::locate::diagnostic_for(&super::names::display_name(&path), &text, &e)])
    })?;
    Ok(Some(draft))
}
