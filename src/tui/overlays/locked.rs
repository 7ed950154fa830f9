//! Another crosswalk holds the assessment: offer read-only.

use super::Boxed;
use crate::tui::app::{App, Ctx, Effect, Msg};
use crate::tui::keymap::{Action, Context, hint_text};
use ratatui::text::{Line, Span};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    pub path: PathBuf,
    pub message: String,
}

impl Locked {
    pub fn update(&mut self, action: Option<Action>, cx: &mut Ctx) -> bool {
        match action {
            Some(Action::ReadOnly) => {
                cx.send(Msg::Effect(Effect::Open { path: self.path.clone(), read_only: true }));
                false
            }
            Some(Action::Quit) => {
                cx.send(Msg::Effect(Effect::Quit));
                false
            }
            Some(Action::Close) => false,
            // The choice matters: other keys wait for it.
            _ => true,
        }
    }

    pub fn draw(&self, app: &App) -> Boxed {
        let keys = hint_text(Context::Locked, &[Action::ReadOnly, Action::Close]);
        let lines =
            vec![Line::from(Span::styled(self.message.clone(), app.theme.warn())), Line::default(), Line::from(keys)];
        Boxed::new(" Assessment in use ", lines, 76, 8)
    }
}
