//! Small drawing helpers shared by the screens.

use super::keymap::Action;
use super::theme::Theme;
use crate::report::figures;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// A text bar for a percentage: `██████░░░░  62%`. Text rather than a gauge widget so it fits
/// in a table cell and reads the same in a snapshot.
pub fn bar(percent: f64, width: usize, style: Style) -> Vec<Span<'static>> {
    let percent = if percent.is_finite() { percent.clamp(0.0, 100.0) } else { 0.0 };
    let filled = ((percent / 100.0) * width as f64).round() as usize;
    vec![
        Span::styled("█".repeat(filled), style),
        Span::styled("░".repeat(width - filled.min(width)), Style::new()),
        Span::raw(format!(" {:>4}", figures::percent(percent))),
    ]
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// "Key: action" hints for the footer.
pub fn hints(theme: Theme, items: &[(String, &'static str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (key, help) in items {
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::styled(format!(" {help} "), theme.muted()));
    }
    Line::from(spans)
}

/// Trims a string to `max` characters with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// "+3" / "-2" / "" for a change in percentage points, as the reports count it.
pub fn delta(now: f64, before: f64) -> String {
    match figures::percent_change(before, now) {
        0 => String::new(),
        d => format!("{d:+}"),
    }
}

/// A scroll offset kept inside its content when it moves, so the last lines stay in view
/// rather than scrolling into blank space, and drawing never has to correct it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scroll {
    pub offset: u16,
}

/// Lines a page key scrolls.
const SCROLL_PAGE: u16 = 10;

impl Scroll {
    /// Applies a movement key to content of `lines` lines; other actions change nothing.
    pub fn apply(&mut self, action: Action, lines: usize) {
        let offset = match action {
            Action::Up => self.offset.saturating_sub(1),
            Action::Down => self.offset.saturating_add(1),
            Action::PageUp => self.offset.saturating_sub(SCROLL_PAGE),
            Action::PageDown => self.offset.saturating_add(SCROLL_PAGE),
            _ => self.offset,
        };
        self.offset = offset.min(Scroll::max_for(lines));
    }

    /// The furthest offset for `lines` lines: the last three stay in view.
    fn max_for(lines: usize) -> u16 {
        u16::try_from(lines.saturating_sub(3)).unwrap_or(u16::MAX)
    }
}
