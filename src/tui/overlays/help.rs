//! Every key, grouped by where it applies, straight from the keymap table.

use super::{Boxed, read};
use crate::tui::app::{App, Ctx};
use crate::tui::keymap::{Action, Context, KEYMAP, hint_text, keys_label};
use crate::tui::theme::Theme;
use crate::tui::widgets::Scroll;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Help {
    pub scroll: Scroll,
}

impl Help {
    pub fn update(&mut self, action: Option<Action>, cx: &mut Ctx) -> bool {
        read(&mut self.scroll, lines(Theme::default()).len(), action, cx)
    }

    pub fn draw(&self, app: &App, area: Rect) -> Boxed {
        let title = format!(" Keys: {} ", hint_text(Context::Reader, &[Action::Up, Action::Down, Action::Close]));
        Boxed { scroll: self.scroll, ..Boxed::new(title, lines(app.theme), 90, area.height) }
    }
}

fn lines(t: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for ctx in Context::ALL {
        let rows: Vec<_> = KEYMAP.iter().filter(|b| b.context == ctx).collect();
        if rows.is_empty() {
            // Views with no keys of their own (recommendation, roadmap) use the global ones.
            continue;
        }
        lines.push(Line::from(Span::styled(ctx.label().to_string(), t.accent())));
        for b in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", keys_label(b)), t.key()),
                Span::raw(b.help.to_string()),
            ]));
        }
    }
    lines
}
