//! Typing a profile value (names, shares, weeks, FTE, headcount); the error says what fits.

use super::{Boxed, Leave};
use crate::tui::app::{App, Ctx, Msg};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::profile_form::{self, Field};
use crate::tui::session::Session;
use crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, PartialEq)]
pub struct ProfileText {
    pub field: Field,
    pub input: TextInput,
    pub error: Option<String>,
    pub leave: Leave,
}

impl ProfileText {
    pub fn new(field: Field, current: &str) -> ProfileText {
        ProfileText { field, input: TextInput::prefilled(current), error: None, leave: Leave::new(current) }
    }

    pub fn update(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        session: Option<&mut Session>,
        cx: &mut Ctx,
    ) -> bool {
        // Stays open on quit: the run loop keeps what was typed as a draft for next time.
        if let Some(open) = self.leave.escape_or_quit(action, &self.input.value, cx) {
            return open;
        }
        match action {
            Some(Action::Submit) => {
                let Some(session) = session else { return false };
                let (field, text) = (self.field, self.input.value.clone());
                match session.update_profile(cx.questionnaire, |a| profile_form::set_text(field, a, &text)) {
                    Ok(()) => {
                        cx.send(Msg::Changed);
                        false
                    }
                    Err(error) => {
                        self.error = Some(error);
                        true
                    }
                }
            }
            _ => {
                self.input.handle(key);
                self.error = None;
                self.leave.other_key();
                true
            }
        }
    }

    pub fn draw(&self, app: &App) -> Boxed {
        let t = app.theme;
        let mut lines = super::editor_lines(app, &self.input, 60, 1);
        if let Some(e) = &self.error {
            lines.push(Line::from(Span::styled(e.clone(), t.bad())));
        }
        let keys = hint_text(Context::TextField, &[Action::Submit, Action::Cancel]);
        lines.push(Line::from(Span::styled(keys, t.muted())));
        lines.extend(self.leave.warning(t, &hint_text(Context::TextField, &[Action::Submit])));
        Boxed::new(format!(" {} ", profile_form::label(self.field)), lines, 60, 7)
    }
}
