//! Leaving (quit, or closing the assessment) while the last save failed: the changes since
//! the last good save exist only in memory, so the consultant chooses what happens to them.

use super::Boxed;
use crate::tui::app::{App, Ctx, Effect, Msg, SaveState};
use crate::tui::keymap::{Action, Context, hint};
use ratatui::text::{Line, Span};

/// Where the consultant was going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaving {
    Quit,
    Home,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsaved {
    pub leaving: Leaving,
}

impl Unsaved {
    pub fn update(&mut self, action: Option<Action>, cx: &mut Ctx) -> bool {
        match action {
            Some(Action::Retry) => {
                cx.send(Msg::Effect(Effect::Save));
                false
            }
            Some(Action::SaveCopy) => {
                cx.send(Msg::Effect(Effect::SaveCopy));
                false
            }
            Some(Action::LoseChanges) => {
                cx.send(Msg::Effect(match self.leaving {
                    Leaving::Quit => Effect::QuitLosingChanges,
                    Leaving::Home => Effect::CloseSession,
                }));
                false
            }
            Some(Action::Close) => false,
            // The choice matters: Ctrl-C and every other key wait for it.
            _ => {
                cx.notice("changes are not saved: choose r, c or l (Esc goes back)");
                true
            }
        }
    }

    pub fn draw(&self, app: &App) -> Boxed {
        let t = app.theme;
        let reason = match &app.save_state {
            SaveState::Failed(reason) => reason.clone(),
            _ => "the last save failed".to_string(),
        };
        let changes = if app.unsaved == 1 { "1 change".to_string() } else { format!("{} changes", app.unsaved) };
        let line = |action: Action, text: String| {
            let (keys, _) = hint(Context::Unsaved, &[action]).into_iter().next().unwrap_or_default();
            Line::from(vec![Span::styled(format!("{keys}: "), t.key()), Span::raw(text)])
        };
        let lose = match self.leaving {
            Leaving::Quit => format!("quit and lose {changes}"),
            Leaving::Home => format!("close the assessment and lose {changes}"),
        };
        let lines = vec![
            Line::from(Span::styled(format!("The last {changes} could not be saved:"), t.bad())),
            Line::from(reason),
            Line::default(),
            line(Action::Retry, "try saving again".into()),
            line(Action::SaveCopy, "save a copy with every answer elsewhere (home or temporary folder)".into()),
            line(Action::LoseChanges, lose),
            line(Action::Close, "back to the workshop".into()),
        ];
        Boxed::new(" Not saved ", lines, 80, 12)
    }
}
