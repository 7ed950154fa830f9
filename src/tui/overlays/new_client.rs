//! A client name: for a new assessment, a renamed one, or a copy.

use super::{Boxed, Leave};
use crate::tui::app::{App, Ctx, Effect, Msg};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Context, hint_text};
use crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use std::path::PathBuf;

/// What the name is for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Purpose {
    #[default]
    New,
    Rename(PathBuf),
    Duplicate(PathBuf),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewClient {
    pub input: TextInput,
    pub leave: Leave,
    pub purpose: Purpose,
}

impl Default for NewClient {
    fn default() -> NewClient {
        NewClient::for_purpose(Purpose::New, "")
    }
}

impl NewClient {
    pub fn for_purpose(purpose: Purpose, name: &str) -> NewClient {
        NewClient { input: TextInput::new(name, false), leave: Leave::new(name), purpose }
    }

    fn effect(&self) -> Effect {
        let client = self.input.value.trim().to_string();
        match &self.purpose {
            Purpose::New => Effect::Create { client },
            Purpose::Rename(path) => Effect::Rename { path: path.clone(), client },
            Purpose::Duplicate(path) => Effect::Duplicate { path: path.clone(), client },
        }
    }

    pub fn update(&mut self, action: Option<Action>, key: &KeyEvent, cx: &mut Ctx) -> bool {
        match action {
            Some(Action::Cancel) => !self.leave.escape(&self.input.value),
            Some(Action::Quit) => {
                cx.send(Msg::Effect(Effect::Quit));
                false
            }
            // A name is needed: Enter on an empty box does nothing.
            Some(Action::Submit) if self.input.value.trim().is_empty() => true,
            Some(Action::Submit) => {
                cx.send(Msg::Effect(self.effect()));
                false
            }
            _ => {
                self.input.handle(key);
                self.leave.other_key();
                true
            }
        }
    }

    pub fn draw(&self, app: &App) -> Boxed {
        let keys = hint_text(Context::TextField, &[Action::Submit, Action::Cancel]);
        let (title, what) = match self.purpose {
            Purpose::New => (" New assessment: client name ", "done creates the assessment"),
            Purpose::Rename(_) => (" Rename: the client's name ", "the file is renamed to match"),
            Purpose::Duplicate(_) => (" Copy for: client name ", "a new assessment with the same answers"),
        };
        let mut lines = super::editor_lines(app, &self.input, 60, 1);
        lines.extend([Line::default(), Line::from(Span::styled(format!("{keys} ({what})"), app.theme.muted()))]);
        lines.extend(self.leave.warning(app.theme, &hint_text(Context::TextField, &[Action::Submit])));
        Boxed::new(title, lines, 60, 8)
    }
}
