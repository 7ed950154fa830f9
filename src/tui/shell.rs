//! Carries out the app's effects against the store: saving after every change, opening with
//! the edit lock, creating, exporting. Each result goes back to the app as an [`Outcome`];
//! nothing here changes what the app shows directly.

use super::app::{App, Effect, Outcome};
use super::views::export::DELIVERABLES;
use super::views::home::HomeEntry;
use crate::clock;
use crate::questionnaire::Questionnaire;
use crate::report;
use crate::store::{self, EditLock, Store, StoreError};
use std::io;
use std::path::{Path, PathBuf};

/// The data folder and the open assessment's edit lock (none when read-only or closed).
pub struct Shell {
    pub store: Store,
    lock: Option<EditLock>,
}

impl Shell {
    pub fn new(store: Store) -> Shell {
        Shell { store, lock: None }
    }

    /// Carries out an effect and hands its outcomes to the app.
    pub fn perform(&mut self, app: &mut App, effect: Effect) {
        for outcome in self.outcomes(app, effect) {
            app.on_outcome(outcome);
        }
    }

    fn outcomes(&mut self, app: &mut App, effect: Effect) -> Vec<Outcome> {
        match effect {
            Effect::Quit => Vec::new(),
            Effect::Save => self.save(app).into_iter().collect(),
            Effect::CloseSession => {
                // Everything is saved already; letting go of the lock frees the file for others.
                self.lock = None;
                self.list(&app.questionnaire)
            }
            Effect::Create { client } => self.create(&client, &app.questionnaire),
            Effect::Rename { path, client } => self.manage(app, self.store.rename(&path, &client), "renamed to"),
            Effect::Duplicate { path, client } => self.manage(app, self.store.duplicate(&path, &client), "copied to"),
            Effect::Archive { path } => self.manage(app, self.store.archive(&path), "archived as"),
            Effect::Open { path, read_only } => vec![self.open(&path, read_only, false)],
            Effect::Export => {
                // The deliverables are written from the figures: never from stale ones.
                app.idle();
                export(app, self.store.folder()).into_iter().collect()
            }
            Effect::Remember(place) => self.remember(&place).into_iter().collect(),
        }
    }

    /// The saved assessments, the one from the last workshop first: that is the one to resume.
    pub fn list(&self, questionnaire: &Questionnaire) -> Vec<Outcome> {
        match self.store.list(questionnaire) {
            Ok(entries) => {
                let mut entries: Vec<HomeEntry> = entries.into_iter().map(home_entry).collect();
                entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.client.cmp(&b.client)));
                vec![Outcome::Listed(entries)]
            }
            Err(e) => vec![Outcome::Listed(Vec::new()), Outcome::Failed(e.to_string())],
        }
    }

    /// The outcome of a home-screen change: the list again, and what happened.
    fn manage(&self, app: &App, done: Result<PathBuf, StoreError>, what: &str) -> Vec<Outcome> {
        let note = match done {
            Ok(path) => format!("{what} {}", path.strip_prefix(self.store.folder()).unwrap_or(&path).display()),
            Err(e) => e.to_string(),
        };
        let mut outcomes = self.list(&app.questionnaire);
        outcomes.push(Outcome::Failed(note));
        outcomes
    }

    fn create(&mut self, client: &str, questionnaire: &Questionnaire) -> Vec<Outcome> {
        // One client, one assessment: starting "new" for a client already on file resumes it
        // instead of creating a look-alike.
        if let Some(path) = self.existing(client, questionnaire) {
            return vec![self.open(&path, false, true)];
        }
        match self.store.create(client, "") {
            Ok(path) => vec![self.open(&path, false, false)],
            Err(e) => vec![Outcome::Failed(e.to_string())],
        }
    }

    /// The assessment already on file for this client name, if exactly one.
    fn existing(&self, client: &str, questionnaire: &Questionnaire) -> Option<PathBuf> {
        let wanted = client.trim().to_lowercase();
        let entries = self.store.list(questionnaire).ok()?;
        let mut matches =
            entries.into_iter().filter(|e| e.summary.as_ref().is_ok_and(|s| s.client.trim().to_lowercase() == wanted));
        match (matches.next(), matches.next()) {
            (Some(one), None) => Some(one.path),
            _ => None,
        }
    }

    pub fn open(&mut self, path: &Path, read_only: bool, existing_client: bool) -> Outcome {
        let loaded: Result<_, StoreError> = if read_only {
            store::load(path).map(|a| (a, None))
        } else {
            EditLock::acquire(path).and_then(|lock| lock.load().map(|a| (a, Some(lock))))
        };
        match loaded {
            Ok((assessment, lock)) => {
                self.lock = lock;
                let place = store::load_workshop(path);
                Outcome::Opened {
                    place,
                    assessment: Box::new(assessment),
                    path: path.to_path_buf(),
                    read_only,
                    existing_client,
                }
            }
            Err(e @ StoreError::Locked { .. }) => Outcome::Locked { path: path.to_path_buf(), message: e.to_string() },
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }

    /// Keeps the consultant's place next to the assessment; only the editing instance does.
    fn remember(&self, place: &store::Workshop) -> Option<Outcome> {
        let lock = self.lock.as_ref()?;
        let error = store::save_workshop(lock, place).err()?;
        Some(Outcome::Failed(format!("could not keep your place for the next open: {error}")))
    }

    fn save(&mut self, app: &mut App) -> Option<Outcome> {
        let session = app.session.as_mut()?;
        // Read-only or not backed by a file (demo): nothing to write.
        let lock = self.lock.as_ref()?;
        store::record_questionnaire_versions(&mut session.assessment, &app.questionnaire);
        // The first save after a long pause starts a new workshop: keep the state before it
        // for `crosswalk history` and `diff`. A failure is shown, and the answer still saved.
        let history_failed = session.path.as_deref().and_then(|path| {
            store::history::snapshot_before_edit(path, &session.assessment.updated, &clock::now_rfc3339())
                .err()
                .map(|e| e.to_string())
        });
        Some(match lock.save(&mut session.assessment) {
            Ok(()) => Outcome::Saved { at: clock::now_rfc3339().get(11..19).unwrap_or("").to_string(), history_failed },
            Err(e) => Outcome::SaveFailed(e.to_string()),
        })
    }
}

fn home_entry(entry: store::ListEntry) -> HomeEntry {
    match entry.summary {
        Ok(s) => HomeEntry {
            client: s.client,
            updated: s.updated.replace('T', " ").trim_end_matches('Z').chars().take(16).collect(),
            progress: format!("{}/{}", s.progress.answered, s.progress.total),
            file: entry.file,
            path: entry.path,
            error: None,
        },
        Err(error) => HomeEntry {
            client: "?".into(),
            updated: String::new(),
            progress: String::new(),
            file: entry.file,
            path: entry.path,
            error: Some(error),
        },
    }
}

/// Writes every deliverable next to the assessments, in `exports/<file stem>/`.
fn export(app: &App, data_folder: &Path) -> Option<Outcome> {
    let session = app.session.as_ref()?;
    let stem = session
        .path
        .as_deref()
        .and_then(|p| p.file_stem())
        .map_or_else(|| store::file_stem_for(&session.assessment.client), |s| s.to_string_lossy().into_owned());
    let folder = data_folder.join("exports").join(&stem);
    let data = report::ReportData {
        catalog: app.catalog,
        questionnaire: &app.questionnaire,
        assessment: &session.assessment,
        analysis: &session.analysis,
    };
    Some(match write_deliverables(&data, &folder) {
        Ok(files) => Outcome::Exported { folder, files },
        Err(e) => Outcome::ExportFailed(e.to_string()),
    })
}

/// Renders every deliverable and writes it into `folder` (created owner-only if missing).
fn write_deliverables(data: &report::ReportData<'_>, folder: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(folder)?;
    DELIVERABLES
        .iter()
        .map(|&(file, _, format)| {
            let path = folder.join(file);
            store::write_export(&path, report::render(format, data).as_bytes())?;
            Ok(path)
        })
        .collect()
}
