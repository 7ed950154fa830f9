//! The router. Keys go to the open overlay or the current view (each owns its state, update
//! and drawing); what they ask for comes back as [`Msg`]s the app applies here. Work with the
//! outside world (save, open, export) leaves as an [`Effect`] and its result comes back as an
//! [`Outcome`], so every path, failures included, can be driven by keys and outcomes in tests.

use super::keymap::{self, Action, Context};
use super::overlays::unsaved::Leaving;
use super::overlays::{self, Overlay};
use super::session::{Changed, Session};
use super::theme::Theme;
// Re-exported: what the run loop is asked for and hands back, named with the app.
pub use super::effects::{Effect, Outcome};
pub use super::typed_text::TypedText;
use super::views::Views;
use super::views::home::Home;
// Re-exported: the views and the home list are what callers of the app name most.
pub use super::views::View;
pub use super::views::home::HomeEntry;
use crate::assessment::Assessment;
use crate::catalog::Catalog;
use crate::engine::live::Need;
use crate::questionnaire::Questionnaire;
use crate::store::Workshop;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use std::path::PathBuf;

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
    pub(super) fn settle(&mut self) {
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
