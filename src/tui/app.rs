//! Workshop state and how keys change it. `App::handle_key` is the only place state changes;
//! it returns an [`Effect`] for the run loop to carry out (save, open, export), so this file
//! does no I/O and every screen can be driven by synthetic keys in tests.

use super::input::{InputOutcome, TextInput};
use super::keymap::{self, Action, Context};
use super::profile_form::{self, Field};
use super::theme::Theme;
use crate::assessment::{Answer, Assessment};
use crate::catalog::Catalog;
use crate::engine::{self, Analysis};
use crate::questionnaire::Questionnaire;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The views Tab cycles through once an assessment is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Profile,
    Question,
    Domains,
    Dashboard,
    Recommendation,
    Roadmap,
    Export,
}

impl View {
    pub const ALL: [View; 7] = [
        View::Profile,
        View::Question,
        View::Domains,
        View::Dashboard,
        View::Recommendation,
        View::Roadmap,
        View::Export,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Profile => "Profile",
            View::Question => "Questions",
            View::Domains => "Domains",
            View::Dashboard => "Dashboard",
            View::Recommendation => "Recommendation",
            View::Roadmap => "Roadmap",
            View::Export => "Export",
        }
    }

    fn context(self) -> Context {
        match self {
            View::Profile => Context::Profile,
            View::Question => Context::Question,
            View::Domains => Context::Domains,
            View::Dashboard => Context::Dashboard,
            View::Recommendation | View::Roadmap => Context::Lists,
            View::Export => Context::Export,
        }
    }

    fn step(self, delta: i32) -> View {
        let i = View::ALL.iter().position(|&v| v == self).unwrap_or(0) as i32;
        View::ALL[(i + delta).rem_euclid(View::ALL.len() as i32) as usize]
    }
}

/// What the run loop must do after a key.
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
    Export,
    Quit,
    /// Write the assessment, then quit (Ctrl-C while a note is open).
    SaveAndQuit,
    /// Close the assessment (its lock is released) and show the home screen.
    CloseSession,
    /// Write the assessment as a new file somewhere other than its folder (its save failed).
    SaveCopy,
    /// Quit although the last changes are not saved: the consultant chose to lose them.
    QuitLosingChanges,
    /// Stop the process as Ctrl-Z does in a shell; `fg` resumes.
    Suspend,
}

/// Where the consultant was going when the unsaved-changes question stopped them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaving {
    Quit,
    Home,
}

/// Text typed in an editor that was still open when the session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedText {
    Note { question: String, text: String },
    Justification { question: String, text: String },
    Profile { field: Field, text: String },
}

/// One saved assessment as the home screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeEntry {
    pub client: String,
    pub updated: String,
    pub progress: String,
    pub file: String,
    pub path: PathBuf,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    None,
    /// Every key; arrows scroll, any other key closes.
    Help {
        scroll: u16,
    },
    /// Why a domain's readiness is what it is: the answers and weights behind it.
    Why {
        domain: usize,
        scroll: u16,
    },
    Search {
        input: TextInput,
        results: Vec<usize>,
        selected: usize,
    },
    Note {
        input: TextInput,
    },
    Justification {
        input: TextInput,
    },
    ProfileText {
        field: Field,
        input: TextInput,
        error: Option<String>,
    },
    NewClient {
        input: TextInput,
    },
    /// Another crosswalk holds the assessment: offer read-only.
    Locked {
        path: PathBuf,
        message: String,
    },
    /// Leaving while the last save failed: retry, save a copy elsewhere, or lose the changes.
    Unsaved {
        leaving: Leaving,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SaveState {
    #[default]
    Clean,
    Saved(String),
    Failed(String),
    ReadOnly,
}

/// An open assessment and where the consultant is in it.
#[derive(Debug, Clone)]
pub struct Session {
    pub assessment: Assessment,
    pub path: Option<PathBuf>,
    pub read_only: bool,
    pub analysis: Analysis,
    /// The analysis when the assessment was opened: the dashboard shows movement since.
    pub baseline: Analysis,
    pub opened_answers: BTreeMap<String, Answer>,
    /// Domains whose deep-dive questions are open.
    pub expanded: BTreeSet<usize>,
    /// Questions in walking order: every domain's core questions, plus deep-dive where open.
    pub walk: Vec<usize>,
    pub cursor: usize,
    pub domain_cursor: usize,
    pub profile_cursor: usize,
    pub scroll: u16,
    pub exported: Vec<PathBuf>,
}

impl Session {
    pub fn new(
        catalog: &Catalog,
        questionnaire: &Questionnaire,
        assessment: Assessment,
        path: Option<PathBuf>,
        read_only: bool,
    ) -> Session {
        let analysis = engine::analyze(catalog, questionnaire, &assessment);
        let mut session = Session {
            opened_answers: assessment.answers.clone(),
            baseline: analysis.clone(),
            analysis,
            assessment,
            path,
            read_only,
            expanded: BTreeSet::new(),
            walk: Vec::new(),
            cursor: 0,
            domain_cursor: 0,
            profile_cursor: 0,
            scroll: 0,
            exported: Vec::new(),
        };
        session.rebuild_walk(questionnaire);
        // Resume where the last workshop stopped: the first unanswered question.
        session.cursor = session
            .walk
            .iter()
            .position(|&qi| !session.assessment.answers.contains_key(&questionnaire.questions[qi].id))
            .unwrap_or(0);
        session
    }

    pub fn current_question(&self) -> Option<usize> {
        self.walk.get(self.cursor).copied()
    }

    fn rebuild_walk(&mut self, questionnaire: &Questionnaire) {
        let current = self.current_question();
        self.walk = questionnaire
            .domains
            .iter()
            .enumerate()
            .flat_map(|(di, d)| {
                let open = self.expanded.contains(&di);
                d.questions.iter().copied().filter(move |&qi| open || questionnaire.questions[qi].core)
            })
            .collect();
        if let Some(q) = current {
            self.cursor = self.walk.iter().position(|&x| x == q).unwrap_or(self.cursor);
        }
        self.cursor = self.cursor.min(self.walk.len().saturating_sub(1));
    }

    /// Number of answers that differ from when the assessment was opened.
    pub fn changed_since_open(&self) -> usize {
        let keys: BTreeSet<&String> = self.opened_answers.keys().chain(self.assessment.answers.keys()).collect();
        keys.into_iter().filter(|k| self.opened_answers.get(*k) != self.assessment.answers.get(*k)).count()
    }
}

pub struct App {
    pub catalog: &'static Catalog,
    pub questionnaire: Questionnaire,
    pub home: Vec<HomeEntry>,
    pub home_cursor: usize,
    pub session: Option<Session>,
    pub view: View,
    pub overlay: Overlay,
    pub save_state: SaveState,
    /// One-line message in the status bar (errors, where files went).
    pub message: Option<String>,
    pub theme: Theme,
    pub should_quit: bool,
    /// Changes made since the last successful save (0 while every change is on disk).
    pub unsaved: usize,
}

impl App {
    pub fn new(catalog: &'static Catalog, questionnaire: Questionnaire, theme: Theme) -> App {
        App {
            catalog,
            questionnaire,
            home: Vec::new(),
            home_cursor: 0,
            session: None,
            view: View::Profile,
            overlay: Overlay::None,
            save_state: SaveState::Clean,
            message: None,
            theme,
            should_quit: false,
            unsaved: 0,
        }
    }

    /// Whether leaving now would lose changes: the last save failed and some are not on disk.
    pub fn has_unsaved_changes(&self) -> bool {
        self.unsaved > 0 && matches!(self.save_state, SaveState::Failed(_))
    }

    /// A paste: text for the open editor, never keys. With no editor open it is ignored, with
    /// a message, so pasted text can never answer a question or run a command.
    pub fn handle_paste(&mut self, text: &str) -> Option<Effect> {
        let input = match &mut self.overlay {
            Overlay::Note { input }
            | Overlay::Justification { input }
            | Overlay::ProfileText { input, .. }
            | Overlay::NewClient { input }
            | Overlay::Search { input, .. } => input,
            _ => {
                self.message = Some("paste ignored: open a note (e) or a text field first".into());
                return None;
            }
        };
        input.paste(text);
        if let Overlay::Search { input, results, selected } = &mut self.overlay {
            *results = search(&self.questionnaire, &input.value);
            *selected = 0;
        }
        None
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
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::Note { input } => Some(TypedText::Note { question, text: input.value }),
            Overlay::Justification { input } if !input.value.trim().is_empty() => {
                Some(TypedText::Justification { question, text: input.value })
            }
            Overlay::ProfileText { field, input, .. } if !input.replace_on_type => {
                Some(TypedText::Profile { field, text: input.value })
            }
            other => {
                self.overlay = other;
                None
            }
        }
    }

    /// Keeps a note typed when the session ended: a note is never thrown away (as with Esc).
    pub fn keep_note(&mut self, question: &str, text: &str) -> Option<Effect> {
        let qi = self.questionnaire.questions.iter().position(|q| q.id == question)?;
        self.jump_to(qi);
        let note = text.trim_end().to_string();
        self.set_current_answer(|a| a.note = note)
    }

    /// Opens the editor again with text typed in an earlier session that ended before it was
    /// submitted. Returns false when the question or field no longer exists.
    pub fn restore_typed_text(&mut self, typed: TypedText) -> bool {
        let find = |id: &str| self.questionnaire.questions.iter().position(|q| q.id == id);
        match typed {
            TypedText::Note { question, text } => match find(&question) {
                Some(qi) => {
                    self.jump_to(qi);
                    self.overlay = Overlay::Note { input: TextInput::new(&text, true) };
                }
                None => return false,
            },
            TypedText::Justification { question, text } => match find(&question) {
                Some(qi) => {
                    self.jump_to(qi);
                    self.overlay = Overlay::Justification { input: TextInput::new(&text, false) };
                }
                None => return false,
            },
            TypedText::Profile { field, text } => {
                self.view = View::Profile;
                if let Some(s) = self.session.as_mut() {
                    s.profile_cursor = profile_form::fields().iter().position(|&f| f == field).unwrap_or(0);
                }
                self.overlay = Overlay::ProfileText { field, input: TextInput::new(&text, false), error: None };
            }
        }
        true
    }

    /// Quitting or going home: asks first while changes are unsaved.
    fn leave(&mut self, leaving: Leaving) -> Option<Effect> {
        if self.has_unsaved_changes() {
            self.overlay = Overlay::Unsaved { leaving };
            return None;
        }
        match leaving {
            Leaving::Quit => {
                self.should_quit = true;
                Some(Effect::Quit)
            }
            Leaving::Home => {
                self.session = None;
                self.view = View::Profile;
                self.save_state = SaveState::Clean;
                self.unsaved = 0;
                Some(Effect::CloseSession)
            }
        }
    }

    /// Opens an assessment into the workspace; new ones start on the profile form, resumed
    /// ones on the next unanswered question.
    pub fn open_session(&mut self, assessment: Assessment, path: Option<PathBuf>, read_only: bool) {
        let fresh = assessment.answers.is_empty();
        let session = Session::new(self.catalog, &self.questionnaire, assessment, path, read_only);
        self.session = Some(session);
        self.view = if fresh { View::Profile } else { View::Question };
        self.overlay = Overlay::None;
        self.save_state = if read_only { SaveState::ReadOnly } else { SaveState::Clean };
        self.unsaved = 0;
    }

    pub fn context(&self) -> Context {
        if self.session.is_some() { self.view.context() } else { Context::Home }
    }

    pub fn handle_mouse(&mut self, mouse: MouseEvent, tab_at: impl Fn(u16, u16) -> Option<View>) -> Option<Effect> {
        match mouse.kind {
            MouseEventKind::ScrollUp => self.apply(Action::Up),
            MouseEventKind::ScrollDown => self.apply(Action::Down),
            MouseEventKind::Down(_) if self.overlay == Overlay::None && self.session.is_some() => {
                if let Some(view) = tab_at(mouse.column, mouse.row) {
                    self.view = view;
                }
                None
            }
            _ => None,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        // Ctrl-Z suspends from anywhere, an open editor included: it stays open for `fg`.
        if key.code == KeyCode::Char('z') && key.modifiers.contains(crossterm::event::KeyModifiers::CONTROL) {
            return Some(Effect::Suspend);
        }
        if self.overlay != Overlay::None {
            return self.handle_overlay_key(key);
        }
        let action = keymap::lookup(self.context(), &key)?;
        self.apply(action)
    }

    /// Carries out one action from the keymap.
    pub fn apply(&mut self, action: Action) -> Option<Effect> {
        self.message = None;
        match action {
            Action::Quit => return self.leave(Leaving::Quit),
            Action::Suspend => return Some(Effect::Suspend),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::ToggleTheme => self.theme = self.theme.toggled(),
            Action::Search if self.session.is_some() => {
                self.overlay = Overlay::Search { input: TextInput::new("", false), results: Vec::new(), selected: 0 };
            }
            _ if self.session.is_none() => return self.apply_home(action),
            _ => return self.apply_workspace(action),
        }
        None
    }

    fn apply_home(&mut self, action: Action) -> Option<Effect> {
        // Row 0 is "new assessment"; saved assessments follow.
        let rows = self.home.len() + 1;
        match action {
            Action::Up => self.home_cursor = self.home_cursor.saturating_sub(1),
            Action::Down => self.home_cursor = (self.home_cursor + 1).min(rows - 1),
            Action::NewAssessment => self.overlay = Overlay::NewClient { input: TextInput::new("", false) },
            Action::Open if self.home_cursor == 0 => {
                self.overlay = Overlay::NewClient { input: TextInput::new("", false) };
            }
            Action::Open => {
                let entry = self.home.get(self.home_cursor - 1)?;
                if let Some(error) = &entry.error {
                    self.message = Some(format!("{}: {error}", entry.file));
                    return None;
                }
                return Some(Effect::Open { path: entry.path.clone(), read_only: false });
            }
            _ => {}
        }
        None
    }

    fn apply_workspace(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Home => return self.leave(Leaving::Home),
            Action::NextView | Action::PrevView => {
                self.view = self.view.step(if action == Action::NextView { 1 } else { -1 });
                // Each long view starts at its top: a scroll kept from another view could open
                // this one on blank space.
                if let Some(s) = self.session.as_mut() {
                    s.scroll = 0;
                }
            }
            Action::Back => {
                self.view = match self.view {
                    View::Question | View::Profile => View::Domains,
                    _ => View::Question,
                };
            }
            _ => {
                return match self.view {
                    View::Question => self.apply_question(action),
                    View::Profile => self.apply_profile(action),
                    View::Domains => self.apply_domains(action),
                    View::Export => self.apply_export(action),
                    View::Dashboard => self.apply_dashboard(action),
                    View::Recommendation | View::Roadmap => {
                        self.scroll(action);
                        None
                    }
                };
            }
        }
        None
    }

    fn scroll(&mut self, action: Action) {
        let Some(s) = self.session.as_mut() else { return };
        s.scroll = match action {
            Action::Up => s.scroll.saturating_sub(1),
            Action::Down => s.scroll.saturating_add(1).min(500),
            Action::PageUp => s.scroll.saturating_sub(10),
            Action::PageDown => s.scroll.saturating_add(10).min(500),
            _ => s.scroll,
        };
    }

    /// Recomputes the analysis after a change and asks for a save.
    fn changed(&mut self) -> Option<Effect> {
        let s = self.session.as_mut()?;
        s.analysis = engine::analyze(self.catalog, &self.questionnaire, &s.assessment);
        self.unsaved += 1;
        Some(Effect::Save)
    }

    fn read_only_refusal(&mut self) -> bool {
        let read_only = self.session.as_ref().is_some_and(|s| s.read_only);
        if read_only {
            self.message = Some("read-only: this assessment cannot be changed here (see the header)".into());
        }
        read_only
    }

    fn set_current_answer(&mut self, update: impl FnOnce(&mut Answer)) -> Option<Effect> {
        if self.read_only_refusal() {
            return None;
        }
        let s = self.session.as_mut()?;
        let qi = s.current_question()?;
        let id = self.questionnaire.questions[qi].id.clone();
        let mut answer = s.assessment.answers.get(&id).cloned().unwrap_or_default();
        update(&mut answer);
        s.assessment.set_answer(&id, answer);
        self.changed()
    }

    fn advance(&mut self) {
        if let Some(s) = self.session.as_mut() {
            s.cursor = (s.cursor + 1).min(s.walk.len().saturating_sub(1));
        }
    }

    fn apply_question(&mut self, action: Action) -> Option<Effect> {
        let s = self.session.as_mut()?;
        match action {
            Action::Up | Action::PageUp => s.cursor = s.cursor.saturating_sub(1),
            Action::Down | Action::PageDown => s.cursor = (s.cursor + 1).min(s.walk.len().saturating_sub(1)),
            Action::Answer(level) => {
                let effect = self.set_current_answer(|a| {
                    a.level = Some(level);
                    a.not_applicable = None;
                    a.ask_later = false;
                });
                if effect.is_some() {
                    self.advance();
                }
                return effect;
            }
            Action::Unknown => {
                let effect = self.set_current_answer(|a| {
                    a.level = None;
                    a.not_applicable = None;
                    a.ask_later = true;
                });
                if effect.is_some() {
                    self.advance();
                }
                return effect;
            }
            Action::ClearAnswer => {
                return self.set_current_answer(|a| {
                    a.level = None;
                    a.not_applicable = None;
                    a.ask_later = false;
                });
            }
            Action::TogglePrivate => {
                let qi = s.current_question()?;
                let has_note =
                    s.assessment.answers.get(&self.questionnaire.questions[qi].id).is_some_and(|a| !a.note.is_empty());
                if !has_note {
                    self.message = Some("no note yet: e writes one, then p makes it consultant-only".into());
                    return None;
                }
                return self.set_current_answer(|a| a.note_private = !a.note_private);
            }
            Action::NotApplicable | Action::EditNote => {
                if self.read_only_refusal() {
                    return None;
                }
                let s = self.session.as_ref()?;
                let question = &self.questionnaire.questions[s.current_question()?];
                if action == Action::NotApplicable && !question.may_be_not_applicable {
                    let why = match question.only {
                        Some(framework) => format!("every {} audit requires this work", framework.label()),
                        None => "ISO 27001 clauses 4-10 are mandatory".to_string(),
                    };
                    self.message = Some(format!(
                        "{} cannot be not applicable: {why}. Answer 0 if nothing is in place.",
                        question.id
                    ));
                    return None;
                }
                let id = &question.id;
                let answer = s.assessment.answers.get(id);
                self.overlay = if action == Action::EditNote {
                    Overlay::Note { input: TextInput::new(answer.map_or("", |a| a.note.as_str()), true) }
                } else {
                    let why = answer.and_then(|a| a.not_applicable.as_deref()).unwrap_or("");
                    Overlay::Justification { input: TextInput::new(why, false) }
                };
            }
            Action::ToggleDeepDive => {
                let qi = s.current_question()?;
                let domain = self.questionnaire.questions[qi].domain;
                self.toggle_deep_dive(domain);
            }
            _ => {}
        }
        None
    }

    fn toggle_deep_dive(&mut self, domain: usize) {
        let Some(s) = self.session.as_mut() else { return };
        if !s.expanded.remove(&domain) {
            s.expanded.insert(domain);
        }
        s.rebuild_walk(&self.questionnaire);
    }

    /// The dashboard moves the same domain cursor as the domains view and explains a row.
    fn apply_dashboard(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Why => self.apply_domains(action),
            _ => None,
        }
    }

    fn apply_domains(&mut self, action: Action) -> Option<Effect> {
        let s = self.session.as_mut()?;
        let last = self.questionnaire.domains.len().saturating_sub(1);
        match action {
            Action::Why => self.overlay = Overlay::Why { domain: s.domain_cursor, scroll: 0 },
            Action::Up => s.domain_cursor = s.domain_cursor.saturating_sub(1),
            Action::Down => s.domain_cursor = (s.domain_cursor + 1).min(last),
            Action::PageUp => s.domain_cursor = s.domain_cursor.saturating_sub(5),
            Action::PageDown => s.domain_cursor = (s.domain_cursor + 5).min(last),
            Action::ToggleDeepDive => {
                let d = s.domain_cursor;
                self.toggle_deep_dive(d);
            }
            Action::Open => {
                let d = s.domain_cursor;
                let first = s.walk.iter().position(|&qi| self.questionnaire.questions[qi].domain == d);
                if let Some(pos) = first {
                    s.cursor = pos;
                    self.view = View::Question;
                }
            }
            _ => {}
        }
        None
    }

    fn apply_profile(&mut self, action: Action) -> Option<Effect> {
        let fields = profile_form::fields();
        let last = fields.len() - 1;
        let cursor = self.session.as_ref()?.profile_cursor.min(last);
        let field = fields[cursor];
        let moved = match action {
            Action::Up => Some(cursor.saturating_sub(1)),
            Action::Down => Some((cursor + 1).min(last)),
            Action::PageUp => Some(cursor.saturating_sub(8)),
            Action::PageDown => Some((cursor + 8).min(last)),
            _ => None,
        };
        if let Some(to) = moved {
            self.session.as_mut()?.profile_cursor = to;
            return None;
        }
        // Enter types a value where there is one to type, and steps a choice elsewhere.
        let action = if action == Action::Open && !profile_form::is_typed(field) { Action::Right } else { action };
        let edits = matches!(action, Action::Left | Action::Right | Action::Toggle | Action::Open);
        if !edits || self.read_only_refusal() {
            return None;
        }
        let s = self.session.as_mut()?;
        if action == Action::Open {
            let current = profile_form::value(field, &s.assessment);
            let current = current.trim_end_matches('%');
            let start = if matches!(current, "-" | "none") { "" } else { current };
            self.overlay = Overlay::ProfileText { field, input: TextInput::prefilled(start), error: None };
            return None;
        }
        profile_form::adjust(field, &mut s.assessment, if action == Action::Left { -1 } else { 1 });
        self.changed()
    }

    fn apply_export(&mut self, action: Action) -> Option<Effect> {
        if action != Action::Export || self.read_only_refusal() {
            // Read-only may be behind the editing instance: exports come from the one editing.
            return None;
        }
        Some(Effect::Export)
    }

    fn handle_overlay_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(crossterm::event::KeyModifiers::CONTROL) {
            // Ctrl-C always quits; a note being written is kept first (quitting never loses it).
            if let Overlay::Note { input } = &self.overlay {
                let note = input.value.trim_end().to_string();
                self.overlay = Overlay::None;
                let _ = self.set_current_answer(|a| a.note = note);
                self.should_quit = true;
                return Some(Effect::SaveAndQuit);
            }
            // A justification or profile value being typed stays open: the run loop keeps
            // it as a draft for the next session instead of throwing it away.
            if matches!(self.overlay, Overlay::Justification { .. } | Overlay::ProfileText { .. }) {
                self.should_quit = true;
                return Some(Effect::Quit);
            }
            return self.apply(Action::Quit);
        }
        let overlay = std::mem::replace(&mut self.overlay, Overlay::None);
        match overlay {
            Overlay::None => None,
            Overlay::Help { scroll } | Overlay::Why { scroll, .. } => {
                let scrolled = match key.code {
                    KeyCode::Up | KeyCode::Char('k') => Some(scroll.saturating_sub(1)),
                    KeyCode::Down | KeyCode::Char('j') => Some(scroll.saturating_add(1).min(200)),
                    KeyCode::PageUp => Some(scroll.saturating_sub(10)),
                    KeyCode::PageDown => Some(scroll.saturating_add(10).min(200)),
                    _ => None,
                };
                match (scrolled, overlay) {
                    (Some(scroll), Overlay::Why { domain, .. }) => self.overlay = Overlay::Why { domain, scroll },
                    (Some(scroll), _) => self.overlay = Overlay::Help { scroll },
                    // Any other key closes; `q` still quits so nobody gets stuck.
                    (None, _) if keymap::lookup(Context::Global, &key) == Some(Action::Quit) => {
                        return self.apply(Action::Quit);
                    }
                    (None, _) => {}
                }
                None
            }
            Overlay::Unsaved { leaving } => match key.code {
                KeyCode::Char('r') => Some(Effect::Save),
                KeyCode::Char('c') => Some(Effect::SaveCopy),
                KeyCode::Char('L') if leaving == Leaving::Quit => {
                    self.should_quit = true;
                    Some(Effect::QuitLosingChanges)
                }
                KeyCode::Char('L') => {
                    self.unsaved = 0;
                    self.leave(Leaving::Home)
                }
                KeyCode::Esc => None,
                _ => {
                    self.overlay = Overlay::Unsaved { leaving };
                    None
                }
            },
            Overlay::Locked { path, message } => match key.code {
                KeyCode::Char('r') => Some(Effect::Open { path, read_only: true }),
                KeyCode::Esc | KeyCode::Enter => None,
                _ => {
                    self.overlay = Overlay::Locked { path, message };
                    None
                }
            },
            Overlay::Search { mut input, mut results, mut selected } => match key.code {
                KeyCode::Up => {
                    selected = selected.saturating_sub(1);
                    self.overlay = Overlay::Search { input, results, selected };
                    None
                }
                KeyCode::Down => {
                    selected = (selected + 1).min(results.len().saturating_sub(1));
                    self.overlay = Overlay::Search { input, results, selected };
                    None
                }
                _ => match input.handle(&key) {
                    InputOutcome::Cancel => None,
                    InputOutcome::Submit => {
                        if let Some(&qi) = results.get(selected) {
                            self.jump_to(qi);
                        }
                        None
                    }
                    _ => {
                        results = search(&self.questionnaire, &input.value);
                        selected = 0;
                        self.overlay = Overlay::Search { input, results, selected };
                        None
                    }
                },
            },
            Overlay::Note { mut input } => match input.handle(&key) {
                InputOutcome::Submit | InputOutcome::Cancel => {
                    let note = input.value.trim_end().to_string();
                    self.set_current_answer(|a| a.note = note)
                }
                _ => {
                    self.overlay = Overlay::Note { input };
                    None
                }
            },
            Overlay::Justification { mut input } => match input.handle(&key) {
                InputOutcome::Cancel => None,
                InputOutcome::Submit if input.value.trim().is_empty() => {
                    self.message = Some("not applicable needs a justification (it goes into the SoA)".into());
                    self.overlay = Overlay::Justification { input };
                    None
                }
                InputOutcome::Submit => {
                    self.message = None;
                    let why = input.value.trim().to_string();
                    let effect = self.set_current_answer(|a| {
                        a.not_applicable = Some(why);
                        a.level = None;
                        a.ask_later = false;
                    });
                    self.advance();
                    effect
                }
                _ => {
                    self.overlay = Overlay::Justification { input };
                    None
                }
            },
            Overlay::ProfileText { field, mut input, .. } => match input.handle(&key) {
                InputOutcome::Cancel => None,
                InputOutcome::Submit => {
                    let s = self.session.as_mut()?;
                    match profile_form::set_text(field, &mut s.assessment, &input.value) {
                        Ok(()) => self.changed(),
                        Err(error) => {
                            self.overlay = Overlay::ProfileText { field, input, error: Some(error) };
                            None
                        }
                    }
                }
                _ => {
                    self.overlay = Overlay::ProfileText { field, input, error: None };
                    None
                }
            },
            Overlay::NewClient { mut input } => match input.handle(&key) {
                InputOutcome::Cancel => None,
                InputOutcome::Submit if input.value.trim().is_empty() => {
                    self.overlay = Overlay::NewClient { input };
                    None
                }
                InputOutcome::Submit => Some(Effect::Create { client: input.value.trim().to_string() }),
                _ => {
                    self.overlay = Overlay::NewClient { input };
                    None
                }
            },
        }
    }

    /// Shows a question, opening its domain's deep-dive if it is not in the walk yet.
    pub fn jump_to(&mut self, question: usize) {
        let domain = self.questionnaire.questions[question].domain;
        let Some(s) = self.session.as_mut() else { return };
        if !s.walk.contains(&question) {
            s.expanded.insert(domain);
            s.rebuild_walk(&self.questionnaire);
        }
        if let Some(pos) = s.walk.iter().position(|&q| q == question) {
            s.cursor = pos;
        }
        self.view = View::Question;
    }
}

/// Questions matching every word of the query (case-insensitive) in their id, text or
/// guidance; id-prefix matches first. Capped so typing stays instant on huge questionnaires.
pub fn search(questionnaire: &Questionnaire, query: &str) -> Vec<usize> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut by_id = Vec::new();
    let mut by_text = Vec::new();
    for (i, q) in questionnaire.questions.iter().enumerate() {
        if words.len() == 1 && q.id.to_lowercase().starts_with(&words[0]) {
            by_id.push(i);
        } else if by_text.len() < 50 {
            let haystack = format!("{} {} {}", q.id, q.text, q.guidance).to_lowercase();
            if words.iter().all(|w| haystack.contains(w.as_str())) {
                by_text.push(i);
            }
        }
        if by_id.len() >= 50 {
            break;
        }
    }
    by_id.extend(by_text);
    by_id.truncate(50);
    by_id
}
