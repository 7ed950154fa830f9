//! Not applicable needs a reason: it goes into the Statement of Applicability.

use super::{Boxed, Leave};
use crate::tui::app::{App, Ctx, Effect, Msg};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::session::Session;
use crate::tui::views::question::change;
use crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, PartialEq)]
pub struct Justification {
    pub input: TextInput,
    pub leave: Leave,
}

impl Justification {
    pub fn new(why: &str) -> Justification {
        Justification { input: TextInput::new(why, false), leave: Leave::new(why) }
    }

    pub fn update(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        session: Option<&mut Session>,
        cx: &mut Ctx,
    ) -> bool {
        match action {
            Some(Action::Cancel) => !self.leave.escape(&self.input.value),
            Some(Action::Quit) => {
                // Stays open: the run loop keeps what was typed as a draft for next time.
                cx.send(Msg::Effect(Effect::Quit));
                true
            }
            Some(Action::Submit) if self.input.value.trim().is_empty() => {
                cx.notice("not applicable needs a justification (it goes into the SoA)");
                true
            }
            Some(Action::Submit) => {
                cx.send(Msg::ClearNotice);
                let Some(session) = session else { return false };
                let why = self.input.value.trim().to_string();
                let answered = change(session, cx, |a| {
                    a.not_applicable = Some(why);
                    a.level = None;
                    a.ask_later = false;
                });
                if answered {
                    session.step(1);
                }
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
        let mut lines = super::editor_lines(app, &self.input, 80, 3);
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("The justification goes into the Statement of Applicability. {keys}"),
            app.theme.muted(),
        )));
        lines.extend(self.leave.warning(app.theme, &hint_text(Context::TextField, &[Action::Submit])));
        Boxed::new(" Not applicable: why? ", lines, 80, 11)
    }
}
