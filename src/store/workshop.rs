//! Where the consultant left an assessment: the view, the question, the open deep-dives and
//! the time spent per domain. Kept in a sidecar, `<name>.toml.workshop`, rather than in the
//! assessment: moving around is not a change to the client's answers, so it never touches the
//! file's `updated` stamp, its `.bak` or its history in git. Written atomically and only under
//! the edit lock; a missing or unreadable sidecar means "start as for a first visit", never an
//! error, since losing a place must not stop anyone opening their assessment.

use super::names::sidecar;
use super::{EditLock, StoreError, atomic};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The sidecar's suffix after the assessment's file name.
pub const WORKSHOP_SUFFIX: &str = "workshop";

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Workshop {
    /// The view open when the consultant left: a view name such as `question` or `domains`.
    pub view: String,
    /// The id of the question under the cursor.
    pub question: String,
    /// Ids of the domains whose deep-dive questions were open.
    pub deep_dives: Vec<String>,
    /// Planned session length in minutes for the agenda (0: the default).
    pub minutes: u32,
    /// Seconds of workshop time spent on each domain, by domain id.
    pub elapsed_seconds: BTreeMap<String, u64>,
}

/// The place saved for the assessment at `path`; the default when there is none.
pub fn load_workshop(path: &Path) -> Workshop {
    std::fs::read_to_string(sidecar(path, WORKSHOP_SUFFIX))
        .ok()
        .and_then(|text| toml::from_str(&text).ok())
        .unwrap_or_default()
}

/// Saves the place next to the locked assessment, atomically.
pub fn save_workshop(lock: &EditLock, workshop: &Workshop) -> Result<(), StoreError> {
    let path = sidecar(lock.path(), WORKSHOP_SUFFIX);
    let text = toml::to_string(workshop)
        .map_err(|e| StoreError::NotSaved { file: super::names::display_name(&path), problems: vec![e.to_string()] })?;
    atomic::publish(&path, text.as_bytes()).map_err(|source| StoreError::Io { path, action: "save", source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_round_trips_and_a_missing_or_garbled_one_is_the_default() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("acme.toml");
        std::fs::write(&path, "").expect("write");
        assert_eq!(load_workshop(&path), Workshop::default());
        let lock = EditLock::acquire(&path).expect("lock");
        let place = Workshop {
            view: "question".into(),
            question: "IR-03".into(),
            deep_dives: vec!["incident-response".into()],
            minutes: 90,
            elapsed_seconds: BTreeMap::from([("governance".into(), 640)]),
        };
        save_workshop(&lock, &place).expect("saved");
        assert_eq!(load_workshop(&path), place);
        std::fs::write(sidecar(&path, WORKSHOP_SUFFIX), "view = [").expect("garble");
        assert_eq!(load_workshop(&path), Workshop::default());
    }
}
