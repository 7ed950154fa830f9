//! The note editor: multi-line, and a note is never thrown away (Esc keeps it, as Ctrl-S does;
//! Ctrl-C keeps it and quits). A consultant-only note is masked while typed, unless the
//! consultant reveals it: the screen is on the projector.

use super::{Boxed, Leave};
use crate::tui::app::{App, Ctx, Effect, Msg};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::session::Session;
use crate::tui::views::question::change;
use crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

/// What a masked character shows.
const MASK: char = '•';

#[derive(Debug, Clone, PartialEq)]
pub struct NoteEditor {
    pub input: TextInput,
    /// Consultant-only: kept out of every client deliverable and masked on screen.
    pub private: bool,
    /// The consultant chose to see the private text while typing.
    pub revealed: bool,
    pub leave: Leave,
    /// Whether the note was consultant-only when the editor opened.
    was_private: bool,
}

impl NoteEditor {
    pub fn new(note: &str, private: bool) -> NoteEditor {
        NoteEditor {
            input: TextInput::new(note, true),
            private,
            revealed: false,
            leave: Leave::new(note),
            was_private: private,
        }
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
            Some(Action::Cancel) => !self.leave.escape(&self.edited()),
            Some(Action::Quit) => {
                // Quitting never loses a note being written.
                self.keep(session, cx);
                cx.send(Msg::Effect(Effect::Quit));
                false
            }
            Some(Action::TogglePrivate) => {
                self.private = !self.private;
                self.revealed = false;
                true
            }
            Some(Action::RevealNote) => {
                self.revealed = self.private && !self.revealed;
                true
            }
            _ => {
                self.input.handle(key);
                self.leave.other_key();
                true
            }
        }
    }

    /// What Esc compares with the note as it opened: the text, and a switch of privacy
    /// counts as an edit too.
    fn edited(&self) -> String {
        let mut current = self.input.value.clone();
        if self.private != self.was_private {
            current.push('\u{1}');
        }
        current
    }

    fn keep(&self, session: Option<&mut Session>, cx: &mut Ctx) {
        let Some(session) = session else { return };
        let note = self.input.value.trim_end().to_string();
        let private = self.private && !note.is_empty();
        change(session, cx, |a| {
            a.note = note;
            a.note_private = private;
        });
    }

    /// The editor as the screen may show it: masked character for character (line breaks
    /// kept, so the consultant sees the shape of what is typed) unless revealed.
    fn shown_input(&self) -> TextInput {
        if !self.private || self.revealed {
            return self.input.clone();
        }
        let masked: String = self.input.value.chars().map(|c| if c == '\n' { c } else { MASK }).collect();
        TextInput { value: masked, ..self.input.clone() }
    }

    pub fn draw(&self, app: &App) -> Boxed {
        let t = app.theme;
        let mut lines = super::editor_lines(app, &self.shown_input(), 80, 8);
        lines.push(Line::default());
        let keys = hint_text(Context::Note, &[Action::Edit, Action::KeepNote, Action::Cancel, Action::TogglePrivate]);
        let caption = if self.private {
            let reveal = hint_text(Context::Note, &[Action::RevealNote]);
            format!("{keys} · consultant-only, masked ({reveal})")
        } else {
            keys
        };
        lines.push(Line::from(Span::styled(caption, t.muted())));
        lines.extend(self.leave.warning(t, &hint_text(Context::Note, &[Action::KeepNote])));
        let title = if self.private { " Consultant-only note " } else { " Note " };
        Boxed::new(title, lines, 80, 14)
    }
}
