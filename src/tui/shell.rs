//! Carries out the app's effects against the store: saving after every change, opening with
//! the edit lock, creating, exporting. Each result goes back to the app as an [`Outcome`];
//! nothing here changes what the app shows directly.

use super::app::{App, Effect, Outcome, TypedText};
use super::profile_form;
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
            // While saves fail, the place would fail too: the message line keeps the reason
            // the answers are not saved, which matters more.
            Effect::Remember(_) if app.has_unsaved_changes() => Vec::new(),
            Effect::Remember(place) => self.remember(&place).into_iter().collect(),
            Effect::Open { path, read_only: true } => vec![self.open(&path, true, false)],
            Effect::Open { path, read_only: false } => self.open_for_editing(&path, false, &app.questionnaire),
            Effect::Export => {
                // The deliverables are written from the figures: never from stale ones.
                app.idle();
                export(app, self.store.folder()).into_iter().collect()
            }
            Effect::SaveCopy => vec![save_copy(app)],
            // Carried out by the run loop.
            Effect::QuitLosingChanges | Effect::Suspend => Vec::new(),
        }
    }

    /// Keeps text typed in an editor still open when the session ends: a note goes into its
    /// answer (and is saved), a justification, evidence reference or profile value waits as a
    /// draft for the next session. If saving keeps failing, every answer is also copied
    /// outside the data folder.
    pub fn preserve_typed_text(&mut self, app: &mut App) {
        if let Some(typed) = app.take_typed_text() {
            let path = app.session.as_ref().and_then(|s| s.path.clone());
            let mut needs_draft = true;
            if let TypedText::Note { question, text, private } = &typed
                && app.keep_note(question, text, *private)
            {
                self.perform(app, Effect::Save);
                // A note that could not be saved waits as a draft too.
                needs_draft = app.unsaved > 0;
            }
            if let (true, Some(path), Some(_)) = (needs_draft, path, &self.lock) {
                // Best effort: the terminal may be gone, there is nobody left to tell.
                let _ = store::write_draft(&path, &draft_of(typed));
            }
        }
        if app.has_unsaved_changes() {
            self.perform(app, Effect::Save);
        }
        if app.has_unsaved_changes() {
            self.perform(app, Effect::SaveCopy);
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
            return self.open_for_editing(&path, true, questionnaire);
        }
        match self.store.create(client, "") {
            Ok(path) => self.open_for_editing(&path, false, questionnaire),
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

    /// Opens for editing, falling back to read-only in a folder that refuses writes (a
    /// mounted share, a read-only checkout), and hands back text typed before an earlier
    /// session ended. The outcomes in the order the app takes them.
    pub fn open_for_editing(
        &mut self,
        path: &Path,
        existing_client: bool,
        questionnaire: &Questionnaire,
    ) -> Vec<Outcome> {
        let locked = EditLock::acquire(path).and_then(|lock| lock.load().map(|a| (a, lock)));
        let (assessment, lock) = match locked {
            Ok(loaded) => loaded,
            Err(StoreError::ReadOnly { folder, .. }) => {
                let read_only = self.open(path, true, existing_client);
                let note = Outcome::Failed(format!("{} is read-only: opened read-only", folder.display()));
                return vec![read_only, note];
            }
            Err(e @ StoreError::Locked { .. }) => {
                return vec![Outcome::Locked { path: path.to_path_buf(), message: e.to_string() }];
            }
            Err(e) => return vec![Outcome::Failed(e.to_string())],
        };
        self.lock = Some(lock);
        let mut outcomes = vec![Outcome::Opened {
            place: store::load_workshop(path),
            assessment: Box::new(assessment),
            path: path.to_path_buf(),
            read_only: false,
            existing_client,
        }];
        match store::read_draft(path).map(|d| d.map(|d| typed_text_of(d, questionnaire))) {
            Ok(Some(Some(typed))) => {
                outcomes.push(Outcome::Restored(typed));
                if let Err(e) = store::remove_draft(path) {
                    outcomes.push(Outcome::Failed(e.to_string()));
                }
            }
            // Its question or field is gone (another questionnaire): the file keeps the text.
            Ok(Some(None)) => outcomes.push(Outcome::Failed(format!(
                "text typed before an interruption is kept in {}.draft: its question is not in the loaded questionnaire",
                path.file_name().unwrap_or_default().to_string_lossy()
            ))),
            Ok(None) => {}
            Err(e) => outcomes.push(Outcome::Failed(format!("a draft from an earlier session: {e}"))),
        }
        outcomes
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
            Ok(outcome) => {
                if let store::SaveOutcome::KeptChangedOnDisk { kept } = outcome {
                    app.on_outcome(Outcome::KeptChangedOnDisk(kept));
                }
                Outcome::Saved { at: clock::now_rfc3339().get(11..19).unwrap_or("").to_string(), history_failed }
            }
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
        analysis: session.analysis(),
    };
    Some(match write_deliverables(&data, &folder) {
        Ok(files) => Outcome::Exported { folder, files },
        Err(e) => Outcome::ExportFailed(e.to_string()),
    })
}

/// Renders every deliverable and writes it into `folder` (created owner-only if missing,
/// refused if it is a symbolic link).
fn write_deliverables(data: &report::ReportData<'_>, folder: &Path) -> io::Result<Vec<PathBuf>> {
    store::create_export_folder(folder).map_err(io::Error::other)?;
    DELIVERABLES
        .iter()
        .map(|&(file, _, format)| {
            let path = folder.join(file);
            store::write_export(&path, report::render(format, data).as_bytes())?;
            Ok(path)
        })
        .collect()
}

/// Writes the whole assessment as a new file outside the data folder (the home folder, else
/// the temporary folder): the answers survive a disk that refuses to save them.
fn save_copy(app: &App) -> Outcome {
    let Some(session) = app.session.as_ref() else { return Outcome::Failed("no assessment is open".into()) };
    let original = session.path.clone().unwrap_or_else(|| PathBuf::from("assessment.toml"));
    let folders = [directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()), Some(std::env::temp_dir())];
    let mut last_error = String::from("no folder to write to");
    for folder in folders.into_iter().flatten() {
        match store::save_copy(&session.assessment, &original, &folder) {
            Ok(path) => return Outcome::CopySaved(path),
            Err(e) => last_error = e.to_string(),
        }
    }
    Outcome::Failed(format!("the copy could not be saved either: {last_error}"))
}

fn draft_of(typed: TypedText) -> store::Draft {
    let (kind, question, field, text) = match typed {
        TypedText::Note { question, text, private } => {
            return store::Draft { kind: store::DraftKind::Note, question, field: String::new(), text, private };
        }
        TypedText::Justification { question, text } => (store::DraftKind::Justification, question, String::new(), text),
        TypedText::Evidence { question, text } => (store::DraftKind::Evidence, question, String::new(), text),
        TypedText::Profile { field, text } => {
            (store::DraftKind::ProfileText, String::new(), profile_form::label(field), text)
        }
    };
    store::Draft { kind, question, field, text, private: false }
}

/// The editor a draft belongs to; none when its question or profile field no longer exists.
fn typed_text_of(draft: store::Draft, questionnaire: &Questionnaire) -> Option<TypedText> {
    let asked = |id: &str| questionnaire.questions.iter().any(|q| q.id == id);
    Some(match draft.kind {
        store::DraftKind::Note if asked(&draft.question) => {
            TypedText::Note { question: draft.question, text: draft.text, private: draft.private }
        }
        store::DraftKind::Justification if asked(&draft.question) => {
            TypedText::Justification { question: draft.question, text: draft.text }
        }
        store::DraftKind::Evidence if asked(&draft.question) => {
            TypedText::Evidence { question: draft.question, text: draft.text }
        }
        store::DraftKind::Note | store::DraftKind::Justification | store::DraftKind::Evidence => return None,
        store::DraftKind::ProfileText => {
            let field = profile_form::fields().into_iter().find(|&f| profile_form::label(f) == draft.field)?;
            TypedText::Profile { field, text: draft.text }
        }
    })
}
