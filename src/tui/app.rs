//! The router. Keys go to the open overlay or the current view (each owns its state, update
//! and drawing); what they ask for comes back as [`Msg`]s the app applies here. Work with the
//! outside world (save, open, export) leaves as an [`Effect`] and its result comes back as an
//! [`Outcome`], so every path, failures included, can be driven by keys and outcomes in tests.

use super::keymap::{self, Action, Context};
use super::overlays::unsaved::Leaving;
use super::overlays::{self, Overlay};
use super::profile_form::Field;
use super::session::{Changed, Session};
use super::theme::Theme;
use super::views::Views;
use super::views::home::Home;
// Re-exported: the views and the home list are what callers of the app name most.
pub use super::views::View;
pub use super::views::home::HomeEntry;
use crate::assessment::Assessment;
use crate::catalog::Catalog;
use crate::engine::live::Need;
use crate::questionnaire::{Carried, Questionnaire, carry_over};
use crate::store::{self, Workshop};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
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

/// Text typed in an editor still open when the session ends without it being submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedText {
    Note { question: String, text: String, private: bool },
    Justification { question: String, text: String },
    Profile { field: Field, text: String },
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

/// What a view or overlay asks the app to do.
#[derive(Debug, Clone)]
pub enum Msg {
    Effect(Effect),
    /// The assessment changed (already re-scored): save it.
    Changed,
    Show(View),
    Overlay(Overlay),
    /// A line for the status bar.
    Notice(String),
    /// The status bar's line no longer applies.
    ClearNotice,
    /// Show this question, opening its deep-dive if needed.
    JumpTo(usize),
}

/// What views and overlays may touch while handling a key.
pub struct Ctx<'a> {
    pub catalog: &'static Catalog,
    pub questionnaire: &'a Questionnaire,
    pub out: &'a mut Vec<Msg>,
}

impl Ctx<'_> {
    pub fn send(&mut self, msg: Msg) {
        self.out.push(msg);
    }

    pub fn notice(&mut self, text: impl Into<String>) {
        self.out.push(Msg::Notice(text.into()));
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SaveState {
    #[default]
    Clean,
    Saved(String),
    Failed(String),
    ReadOnly,
}

pub struct App {
    pub catalog: &'static Catalog,
    pub questionnaire: Questionnaire,
    pub home: Home,
    pub session: Option<Session>,
    pub view: View,
    pub views: Views,
    pub overlay: Option<Overlay>,
    pub save_state: SaveState,
    /// One-line message in the status bar (errors, where files went).
    pub message: Option<String>,
    pub theme: Theme,
    pub should_quit: bool,
    /// Changes made since the last successful save (0 while every change is on disk).
    pub unsaved: usize,
    /// The place last handed out to be remembered: unchanged places are not written again.
    remembered: Option<Workshop>,
}

impl App {
    pub fn new(catalog: &'static Catalog, questionnaire: Questionnaire, theme: Theme) -> App {
        App {
            catalog,
            questionnaire,
            home: Home::default(),
            session: None,
            view: View::Profile,
            views: Views::default(),
            overlay: None,
            save_state: SaveState::Clean,
            message: None,
            theme,
            should_quit: false,
            unsaved: 0,
            remembered: None,
        }
    }

    /// Whether leaving now would lose changes: the last save failed and some are not on disk.
    pub fn has_unsaved_changes(&self) -> bool {
        self.unsaved > 0 && matches!(self.save_state, SaveState::Failed(_))
    }

    /// A paste: text for the open editor, never keys. With no editor open it is ignored, with
    /// a message, so pasted text can never answer a question or run a command.
    pub fn handle_paste(&mut self, text: &str) -> Vec<Effect> {
        match self.overlay.as_mut().and_then(Overlay::input_mut) {
            Some(input) => {
                input.paste(text);
            }
            None => {
                self.message = Some("paste ignored: open a note (e) or a text field first".into());
                return Vec::new();
            }
        }
        if let Some(Overlay::Search(search)) = self.overlay.as_mut() {
            search.refresh(&self.questionnaire);
        }
        Vec::new()
    }

    /// Takes the text of an editor still open, for the run loop to keep when the session ends
    /// without the consultant submitting it (a signal, a closed terminal, Ctrl-C).
    pub fn take_typed_text(&mut self) -> Option<TypedText> {
        let question = self
            .session
            .as_ref()
            .and_then(Session::current_question)
            .map(|qi| self.questionnaire.questions[qi].id.clone())
            .unwrap_or_default();
        let typed = match self.overlay.as_ref()? {
            Overlay::Note(o) => TypedText::Note { question, text: o.input.value.clone(), private: o.private },
            Overlay::Justification(o) if !o.input.value.trim().is_empty() => {
                TypedText::Justification { question, text: o.input.value.clone() }
            }
            Overlay::ProfileText(o) if !o.input.replace_on_type => {
                TypedText::Profile { field: o.field, text: o.input.value.clone() }
            }
            _ => return None,
        };
        self.overlay = None;
        Some(typed)
    }

    /// Keeps a note typed when the session ended: a note is never thrown away (as with Esc).
    /// Returns whether it changed the answer (the caller saves).
    pub fn keep_note(&mut self, question: &str, text: &str, private: bool) -> bool {
        let Some(qi) = self.questionnaire.questions.iter().position(|q| q.id == question) else { return false };
        let Some(session) = self.session.as_mut() else { return false };
        session.jump_to(&self.questionnaire, qi);
        let note = text.trim_end().to_string();
        let private = private && !note.is_empty();
        let changed = session
            .update_answer(&self.questionnaire, |a| {
                a.note = note;
                a.note_private = private;
            })
            .is_ok();
        if changed {
            self.unsaved += 1;
        }
        changed
    }

    /// Opens the editor again with text typed in an earlier session that ended before it was
    /// submitted.
    fn restore_typed_text(&mut self, typed: TypedText) {
        let Some(session) = self.session.as_mut() else { return };
        let find = |id: &str| self.questionnaire.questions.iter().position(|q| q.id == id);
        let overlay = match typed {
            TypedText::Note { question, text, private } => find(&question).map(|qi| {
                session.jump_to(&self.questionnaire, qi);
                Overlay::Note(overlays::note::NoteEditor::new(&text, private))
            }),
            TypedText::Justification { question, text } => find(&question).map(|qi| {
                session.jump_to(&self.questionnaire, qi);
                let excludes = overlays::justification::Excludes::of(self.catalog, &self.questionnaire.questions[qi]);
                Overlay::Justification(overlays::justification::Justification::new(&text, excludes))
            }),
            TypedText::Profile { field, text } => {
                let mut editor = overlays::profile_text::ProfileText::new(field, &text);
                editor.input.replace_on_type = false;
                Some(Overlay::ProfileText(editor))
            }
        };
        let Some(overlay) = overlay else { return };
        self.view = if matches!(overlay, Overlay::ProfileText(_)) { View::Profile } else { View::Question };
        self.overlay = Some(overlay);
        self.message =
            Some("restored text typed before crosswalk was interrupted: Enter keeps it, Esc drops it".into());
    }

    /// Quitting or closing the assessment: asks first while changes are not saved.
    fn leave(&self, leaving: Leaving) -> Msg {
        if self.has_unsaved_changes() {
            return Msg::Overlay(Overlay::Unsaved(overlays::unsaved::Unsaved { leaving }));
        }
        Msg::Effect(match leaving {
            Leaving::Quit => Effect::Quit,
            Leaving::Home => Effect::CloseSession,
        })
    }

    /// Opens an assessment into the workspace; new ones start on the profile form, resumed
    /// ones on the next unanswered question.
    pub fn open_session(&mut self, assessment: Assessment, path: Option<PathBuf>, read_only: bool) {
        let fresh = assessment.answers.is_empty();
        self.session = Some(Session::new(self.catalog, &self.questionnaire, assessment, path, read_only));
        self.views = Views::default();
        self.view = if fresh { View::Profile } else { View::Question };
        self.overlay = None;
        self.save_state = if read_only { SaveState::ReadOnly } else { SaveState::Clean };
        self.unsaved = 0;
        self.remembered = None;
    }

    /// Goes back to where the last workshop on this assessment left off; a first visit (no
    /// place saved) keeps the defaults: the profile when new, else the first unanswered.
    pub fn resume(&mut self, place: &Workshop) {
        let Some(session) = self.session.as_mut() else { return };
        session.restore(&self.questionnaire, place);
        if let Some(view) = View::from_key(&place.view) {
            self.view = view;
        }
        self.remembered = Some(place.clone()).filter(|p| self.place().as_ref() == Some(p));
    }

    /// Where the consultant is now, as the workshop sidecar keeps it.
    pub fn place(&self) -> Option<Workshop> {
        let session = self.session.as_ref()?;
        Some(Workshop { view: self.view.key().to_string(), ..session.place(&self.questionnaire) })
    }

    /// Asks for the place to be kept if it moved since it last was.
    fn remember(&mut self, effects: &mut Vec<Effect>) {
        let Some(place) = self.place().filter(|p| self.remembered.as_ref() != Some(p)) else { return };
        if self.session.as_ref().is_some_and(|s| s.read_only) {
            return;
        }
        self.remembered = Some(place.clone());
        effects.push(Effect::Remember(place));
    }

    /// The keymap context keys are looked up in now.
    pub fn context(&self) -> Context {
        match (&self.overlay, &self.session) {
            (Some(overlay), _) => overlay.context(),
            (None, Some(_)) => self.view.context(),
            (None, None) => Context::Home,
        }
    }

    pub fn handle_mouse(&mut self, mouse: MouseEvent, tab_at: impl Fn(u16, u16) -> Option<View>) -> Vec<Effect> {
        match mouse.kind {
            // The wheel is the arrow keys, wherever they mean something.
            MouseEventKind::ScrollUp => self.handle_key(KeyEvent::from(KeyCode::Up)),
            MouseEventKind::ScrollDown => self.handle_key(KeyEvent::from(KeyCode::Down)),
            MouseEventKind::Down(_) if self.overlay.is_none() && self.session.is_some() => {
                let Some(view) = tab_at(mouse.column, mouse.row) else { return Vec::new() };
                let effects = self.dispatch(vec![Msg::Show(view)]);
                self.settle();
                effects
            }
            _ => Vec::new(),
        }
    }

    /// Passes the time (seconds on any clock that only moves forward): the domain of the
    /// question on screen gets it on the agenda; other views let the clock run for no one.
    pub fn tick(&mut self, now: u64) {
        let on_question = self.view == View::Question;
        if let Some(session) = self.session.as_mut() {
            let domain =
                session.current_question().filter(|_| on_question).map(|q| self.questionnaire.questions[q].domain);
            session.agenda.tick(now, domain);
        }
    }

    /// Quits from wherever the app is (the run loop's way out when keys cannot be shown).
    pub fn quit(&mut self) -> Vec<Effect> {
        self.dispatch(vec![Msg::Effect(Effect::Quit)])
    }

    /// Brings every figure up to date (the run loop calls this when the keyboard is idle).
    pub fn idle(&mut self) {
        self.catch_up(Need::Everything);
    }

    fn catch_up(&mut self, need: Need) {
        if let Some(session) = self.session.as_mut() {
            session.refresh(self.catalog, &self.questionnaire, need);
        }
    }

    /// After a key: views with figures are brought up to date before they draw; the profile
    /// form shows the recommendation only, so its plan waits, as the question screen's
    /// figures do, for an idle moment.
    fn settle(&mut self) {
        match self.view {
            View::Question => {}
            View::Profile => self.catch_up(Need::Decision),
            _ => self.idle(),
        }
    }

    /// Routes one key press; returns the effects it asks for, in order.
    pub fn handle_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let effects = self.route_key(key);
        self.settle();
        effects
    }

    fn route_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        // Ctrl-Z suspends from anywhere, an open editor included: it is still open after `fg`.
        if keymap::lookup(Context::Always, &key) == Some(Action::Suspend) {
            return vec![Effect::Suspend];
        }
        if let Some(mut overlay) = self.overlay.take() {
            let mut out = Vec::new();
            let mut cx = Ctx { catalog: self.catalog, questionnaire: &self.questionnaire, out: &mut out };
            let action = keymap::lookup(overlay.context(), &key);
            if overlay.update(action, &key, self.session.as_mut(), &mut cx) {
                self.overlay = Some(overlay);
            }
            return self.dispatch(out);
        }
        match keymap::lookup(self.context(), &key) {
            Some(action) => self.act(action),
            None => Vec::new(),
        }
    }

    /// Carries out one action of a view: what the app handles for every view, then the
    /// current view.
    fn act(&mut self, action: Action) -> Vec<Effect> {
        let mut out = Vec::new();
        if matches!(action, Action::Quit | Action::Home) && (action == Action::Quit || self.session.is_some()) {
            let leaving = if action == Action::Quit { Leaving::Quit } else { Leaving::Home };
            out.push(self.leave(leaving));
            return self.dispatch(out);
        }
        let mut cx = Ctx { catalog: self.catalog, questionnaire: &self.questionnaire, out: &mut out };
        self.message = None;
        match (action, self.session.as_mut()) {
            (Action::Quit, _) => cx.send(Msg::Effect(Effect::Quit)),
            (Action::Help, _) => cx.send(Msg::Overlay(Overlay::Help(overlays::help::Help::default()))),
            (Action::ToggleTheme, _) => self.theme = self.theme.toggled(),
            (_, None) => self.home.update(action, &mut cx),
            (Action::Search, Some(_)) => cx.send(Msg::Overlay(Overlay::Search(overlays::search::Search::default()))),
            (Action::Home, Some(_)) => cx.send(Msg::Effect(Effect::CloseSession)),
            (Action::NextView, Some(_)) => cx.send(Msg::Show(self.view.step(1))),
            (Action::PrevView, Some(_)) => cx.send(Msg::Show(self.view.step(-1))),
            (Action::Back, Some(_)) => cx.send(Msg::Show(self.view.back())),
            (Action::Undo | Action::Redo, Some(session)) => undo_redo(session, action == Action::Redo, &mut cx),
            (_, Some(session)) => self.views.update(self.view, action, session, &mut cx),
        }
        self.dispatch(out)
    }

    /// Applies what views and overlays asked for; returns the effects for the run loop.
    fn dispatch(&mut self, msgs: Vec<Msg>) -> Vec<Effect> {
        let mut effects = Vec::new();
        for msg in msgs {
            match msg {
                Msg::Effect(effect) => self.effect(effect, &mut effects),
                Msg::Changed => {
                    self.unsaved += 1;
                    if !effects.contains(&Effect::Save) {
                        effects.push(Effect::Save);
                        self.remember(&mut effects);
                    }
                }
                Msg::Show(view) => self.show(view),
                Msg::Overlay(overlay) => self.overlay = Some(overlay),
                Msg::Notice(text) => self.message = Some(text),
                Msg::ClearNotice => self.message = None,
                Msg::JumpTo(question) => {
                    if let Some(session) = self.session.as_mut() {
                        session.jump_to(&self.questionnaire, question);
                        // Another question: whatever was revealed on the last one is masked.
                        self.views.leave();
                        self.show(View::Question);
                    }
                }
            }
        }
        effects
    }

    fn effect(&mut self, effect: Effect, effects: &mut Vec<Effect>) {
        if matches!(effect, Effect::Quit | Effect::CloseSession) {
            // Before the session goes: the next `open` comes back here.
            self.remember(effects);
        }
        match effect {
            Effect::Quit => self.should_quit = true,
            Effect::QuitLosingChanges => self.should_quit = true,
            Effect::CloseSession => {
                self.session = None;
                self.view = View::Profile;
                self.save_state = SaveState::Clean;
                self.unsaved = 0;
            }
            _ => {}
        }
        effects.push(effect);
    }

    fn show(&mut self, view: View) {
        if view != self.view {
            self.views.leave();
        }
        self.view = view;
    }

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

/// Takes back (or makes again) the last change and shows where it happened.
fn undo_redo(session: &mut Session, forward: bool, cx: &mut Ctx) {
    let what = if forward { "redo" } else { "undo" };
    if session.read_only {
        cx.notice(super::session::READ_ONLY);
        return;
    }
    match session.undo_redo(cx.questionnaire, forward) {
        None => cx.notice(format!("nothing to {what}")),
        Some(Changed::Question(q)) => {
            cx.send(Msg::JumpTo(q));
            cx.send(Msg::Changed);
            cx.notice(format!("{what}: {}", cx.questionnaire.questions[q].id));
        }
        Some(Changed::Profile) => {
            cx.send(Msg::Show(View::Profile));
            cx.send(Msg::Changed);
            cx.notice(format!("{what}: a profile change"));
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
