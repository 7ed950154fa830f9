//! The app's work with the outside world: what it asks the run loop to do ([`Effect`]), what
//! comes back ([`Outcome`]) and how the app takes it: save states, opened assessments with
//! what loading changed, exports, failures.

use super::app::{App, SaveState};
use super::overlays::{self, Overlay};
use super::typed_text::TypedText;
use super::views::home::HomeEntry;
use crate::assessment::Assessment;
use crate::questionnaire::{Carried, carry_over};
use crate::store::{self, Workshop};
use std::path::PathBuf;

/// What the run loop must do for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the open assessment to its file.
    Save,
    Open {
        path: PathBuf,
        read_only: bool,
    },
    Create {
        client: String,
    },
    Rename {
        path: PathBuf,
        client: String,
    },
    Duplicate {
        path: PathBuf,
        client: String,
    },
    /// Move into the data folder's archive (recoverable; nothing is deleted).
    Archive {
        path: PathBuf,
    },
    Export,
    /// Keep where the consultant is (view, question, deep-dives) for the next `open`.
    Remember(Workshop),
    Quit,
    /// Close the assessment (its lock is released) and list the saved ones again.
    CloseSession,
    /// Write every answer to a new file outside the data folder (saving there failed).
    SaveCopy,
    /// Quit although changes could not be saved: the consultant chose to lose them.
    QuitLosingChanges,
    /// Stop to the shell as Ctrl-Z does; `fg` resumes.
    Suspend,
}

/// The result of an effect, handed back to [`App::on_outcome`].
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Saved at this time of day (HH:MM:SS).
    Saved {
        at: String,
        /// Why the state before this workshop could not be kept, when it could not; the
        /// answer itself is saved.
        history_failed: Option<String>,
    },
    SaveFailed(String),
    Opened {
        assessment: Box<Assessment>,
        path: PathBuf,
        read_only: bool,
        existing_client: bool,
        place: Workshop,
    },
    /// Another crosswalk holds the assessment.
    Locked {
        path: PathBuf,
        message: String,
    },
    /// The saved assessments, most recent first.
    Listed(Vec<HomeEntry>),
    Exported {
        folder: PathBuf,
        files: Vec<PathBuf>,
    },
    ExportFailed(String),
    /// Anything else that went wrong, as a line for the status bar.
    Failed(String),
    /// The file had been changed on disk by something else: that version was kept at this
    /// path before the session's version was saved.
    KeptChangedOnDisk(PathBuf),
    /// Every answer was written to this new file outside the data folder.
    CopySaved(PathBuf),
    /// Text typed before an earlier session ended, to open its editor with again.
    Restored(TypedText),
}

impl App {
    /// An assessment came back from the store: open it where the last workshop left it, and
    /// say what loading changed (answers carried over, ignored or kept unscored).
    fn opened(
        &mut self,
        mut assessment: Assessment,
        path: PathBuf,
        read_only: bool,
        existing_client: bool,
        place: &Workshop,
    ) {
        let client = assessment.client.clone();
        // Answers saved against renamed, split or merged questions move to the current
        // ones; they reach the file with the next save.
        let carried = carry_over(&self.questionnaire, &mut assessment);
        let orphans = store::orphaned_answers(&assessment, &self.questionnaire).len();
        let refused: Vec<String> = crate::engine::scoping::refused_not_applicable(&self.questionnaire, &assessment)
            .into_iter()
            .map(str::to_string)
            .collect();
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.open_session(assessment, Some(path), read_only);
        self.resume(place);
        self.message = match (existing_client, orphans) {
            (true, _) => Some(format!("{client} already has an assessment: resumed it")),
            // Mandatory work answered n/a in the file: say so, the question stays open.
            (false, 0) if !refused.is_empty() => Some(format!(
                "{file}: n/a ignored on {} (cannot be scoped out): answer with a level",
                refused.join(", ")
            )),
            (false, 0) if carried.is_empty() => None,
            (false, 0) => Some(carried_notice(&carried)),
            (false, 1) => Some(orphan_notice("1 answer has")),
            (false, n) => Some(orphan_notice(&format!("{n} answers have"))),
        };
    }

    /// Takes the result of an effect the run loop carried out.
    pub fn on_outcome(&mut self, outcome: Outcome) {
        self.apply_outcome(outcome);
        self.settle();
    }

    fn apply_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Saved { at, history_failed } => {
                self.save_state = SaveState::Saved(at);
                self.unsaved = 0;
                if let Some(reason) = history_failed {
                    self.message = Some(format!("the previous workshop was not kept: {reason}"));
                }
            }
            Outcome::SaveFailed(reason) => {
                // The header has room for a few words: the full reason goes on the message
                // line, and the question asked before leaving repeats it.
                self.message = Some(format!("NOT SAVED: {reason}"));
                self.save_state = SaveState::Failed(reason);
            }
            Outcome::KeptChangedOnDisk(kept) => {
                self.message = Some(format!(
                    "the file had changed on disk since it was opened: that version is kept as {}, yours is saved",
                    kept.file_name().unwrap_or_default().to_string_lossy()
                ));
            }
            Outcome::CopySaved(path) => {
                self.unsaved = 0;
                self.message = Some(format!("every answer is saved in a copy: {}", path.display()));
            }
            Outcome::Restored(typed) => self.restore_typed_text(typed),
            Outcome::Opened { assessment, path, read_only, existing_client, place } => {
                self.opened(*assessment, path, read_only, existing_client, &place);
            }
            Outcome::Locked { path, message } => {
                self.overlay = Some(Overlay::Locked(overlays::locked::Locked { path, message }));
            }
            Outcome::Listed(entries) => self.home.set_entries(entries),
            Outcome::Exported { folder, files } => {
                self.message = Some(format!("exported {} files to {}", files.len(), folder.display()));
                if let Some(session) = self.session.as_mut() {
                    session.exported = files;
                }
            }
            Outcome::ExportFailed(reason) => self.message = Some(format!("export failed: {reason}")),
            Outcome::Failed(reason) => self.message = Some(reason),
        }
    }
}

fn orphan_notice(count: &str) -> String {
    format!("{count} no question in the loaded questionnaires: kept in the file, not scored")
}

/// One status line on answers carried to renamed or merged questions; merges are named
/// because they kept the lower of two levels.
fn carried_notice(carried: &[Carried]) -> String {
    let merged: Vec<&str> = carried
        .iter()
        .filter_map(|c| match c {
            Carried::Merged { to, .. } => Some(to.as_str()),
            _ => None,
        })
        .collect();
    let moved = carried.len();
    let mut text = format!("{moved} answer{} carried over to the current questions", if moved == 1 { "" } else { "s" });
    if !merged.is_empty() {
        text.push_str(&format!("; merged answers keep the lower level: {}", merged.join(", ")));
    }
    text
}
