//! The new assessment's client name.

use super::Boxed;
use crate::tui::app::{App, Ctx, Effect, Msg};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Context, hint_text};
use crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, PartialEq)]
pub struct NewClient {
    pub input: TextInput,
}

impl Default for NewClient {
    fn default() -> NewClient {
        NewClient { input: TextInput::new("", false) }
    }
}

impl NewClient {
    pub fn update(&mut self, action: Option<Action>, key: &KeyEvent, cx: &mut Ctx) -> bool {
        match action {
            Some(Action::Cancel) => false,
            Some(Action::Quit) => {
                cx.send(Msg::Effect(Effect::Quit));
                false
            }
            // A name is needed: Enter on an empty box does nothing.
            Some(Action::Submit) if self.input.value.trim().is_empty() => true,
            Some(Action::Submit) => {
                cx.send(Msg::Effect(Effect::Create { client: self.input.value.trim().to_string() }));
                false
            }
            _ => {
                self.input.handle(key);
                true
            }
        }
    }

    pub fn draw(&self, app: &App) -> Boxed {
        let keys = hint_text(Context::TextField, &[Action::Submit, Action::Cancel]);
        let mut lines = super::editor_lines(app, &self.input, 60, 1);
        lines.extend([
            Line::default(),
            Line::from(Span::styled(format!("{keys} (done creates the assessment)"), app.theme.muted())),
        ]);
        Boxed::new(" New assessment: client name ", lines, 60, 7)
    }
}
