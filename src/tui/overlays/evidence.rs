//! Evidence seen: the consultant records a short reference to evidence they actually
//! inspected for the current answer ("access review export, 2026-11"). It moves the SoA's
//! status basis from self-reported to evidence seen; an empty reference removes the mark.

use super::{Boxed, Leave};
use crate::tui::app::{App, Ctx};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::session::Session;
use crate::tui::views::question::change;
use crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceSeen {
    pub input: TextInput,
    /// Esc as in every text box: typed text is never dropped without a second press.
    pub leave: Leave,
}

impl EvidenceSeen {
    pub fn new(reference: &str) -> EvidenceSeen {
        EvidenceSeen { input: TextInput::new(reference, false), leave: Leave::new(reference) }
    }

    pub fn update(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        session: Option<&mut Session>,
        cx: &mut Ctx,
    ) -> bool {
        if let Some(open) = self.leave.escape_or_quit(action, &self.input.value, cx) {
            return open;
        }
        match action {
            Some(Action::Submit) => {
                let Some(session) = session else { return false };
                let reference = self.input.value.trim().to_string();
                change(session, cx, |a| a.evidence_seen = (!reference.is_empty()).then_some(reference));
                false
            }
            _ => {
                self.leave.other_key();
                self.input.handle(key);
                true
            }
        }
    }

    pub fn draw(&self, app: &App) -> Boxed {
        let keys = hint_text(Context::TextField, &[Action::Submit, Action::Cancel]);
        let mut lines = vec![
            Line::from(self.input.with_cursor()),
            Line::default(),
            Line::from(Span::styled(
                format!(
                    "Only what you inspected yourself, with a reference an auditor can find again. Empty removes \
                     the mark. {keys}"
                ),
                app.theme.muted(),
            )),
        ];
        lines.extend(self.leave.warning(app.theme, &hint_text(Context::TextField, &[Action::Submit])));
        Boxed::new(" Evidence seen: which document or export? ", lines, 80, 8)
    }
}
