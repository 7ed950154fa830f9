//! The note editor: multi-line, and a note is never thrown away (Esc keeps it, as Ctrl-S does;
//! Ctrl-C keeps it and quits).

use super::Boxed;
use crate::tui::app::{App, Ctx, Effect, Msg};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::session::Session;
use crate::tui::views::question::change;
use crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, PartialEq)]
pub struct NoteEditor {
    pub input: TextInput,
}

impl NoteEditor {
    pub fn new(note: &str) -> NoteEditor {
        NoteEditor { input: TextInput::new(note, true) }
    }

    pub fn update(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        session: Option<&mut Session>,
        cx: &mut Ctx,
    ) -> bool {
        match action {
            Some(Action::KeepNote) => {
                self.keep(session, cx);
                false
            }
            Some(Action::Quit) => {
                // Quitting never loses a note being written.
                self.keep(session, cx);
                cx.send(Msg::Effect(Effect::Quit));
                false
            }
            _ => {
                self.input.handle(key);
                true
            }
        }
    }

    fn keep(&self, session: Option<&mut Session>, cx: &mut Ctx) {
        let Some(session) = session else { return };
        let note = self.input.value.trim_end().to_string();
        change(session, cx, |a| a.note = note);
    }

    pub fn draw(&self, app: &App) -> Boxed {
        let t = app.theme;
        let mut lines = super::editor_lines(app, &self.input, 80, 8);
        lines.push(Line::default());
        let keys = hint_text(Context::Note, &[Action::Edit, Action::KeepNote]);
        let private = hint_text(Context::Question, &[Action::TogglePrivate]);
        lines.push(Line::from(Span::styled(format!("{keys} · on the question: {private}"), t.muted())));
        Boxed::new(" Note ", lines, 80, 14)
    }
}
