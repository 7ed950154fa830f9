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

    /// The offset to draw with for content of `lines` lines: the state's, unless the content
    /// is shorter than when it was scrolled (a wider terminal wraps less).
    pub fn within(self, lines: usize) -> u16 {
        self.offset.min(Scroll::max_for(lines))
    }

    /// The furthest offset for `lines` lines: the last three stay in view.
    fn max_for(lines: usize) -> u16 {
        u16::try_from(lines.saturating_sub(3)).unwrap_or(u16::MAX)
    }
}

/// Display width of a string in terminal cells (wide characters count two).
pub fn cells(text: &str) -> usize {
    Span::raw(text).width()
}

/// Word-wraps `text` after `label` into lines at most `width` cells wide; continuation lines
/// start `indent` cells in, so wrapped text stays under its label rather than at column 0.
/// A word longer than a line is split.
pub fn wrap_labelled(
    label: Span<'static>,
    text: &str,
    style: Style,
    width: usize,
    indent: usize,
) -> Vec<Line<'static>> {
    let width = width.max(indent + 8);
    let mut lines = Vec::new();
    // A label that does not end in a space needs one before the first word.
    let mut gap = !label.content.is_empty() && !label.content.ends_with(' ');
    let mut used = label.width();
    let mut spans = vec![label];
    let mut words = String::new();
    for piece in text.split_whitespace().flat_map(|w| split_to_fit(w, width - indent)) {
        let needed = usize::from(gap) + cells(&piece);
        if used + needed > width && used > indent {
            spans.push(Span::styled(std::mem::take(&mut words), style));
            lines.push(Line::from(std::mem::replace(&mut spans, vec![Span::raw(" ".repeat(indent))])));
            used = indent;
            gap = false;
        }
        if gap {
            words.push(' ');
            used += 1;
        }
        used += cells(&piece);
        words.push_str(&piece);
        gap = true;
    }
    spans.push(Span::styled(words, style));
    lines.push(Line::from(spans));
    lines
}

/// Packs whole segments onto lines of at most `width` cells, starting a new line (indented
/// two cells, without the segment's leading spaces) when the next one does not fit.
pub fn pack(segments: Vec<Span<'static>>, width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for segment in segments {
        if !current.is_empty() && used + segment.width() > width {
            lines.push(Line::from(std::mem::take(&mut current)));
            // A separator that starts a line says nothing: drop it with the spaces.
            let trimmed = segment.content.trim_start_matches([' ', '·']).to_string();
            current.push(Span::raw("  "));
            current.push(Span::styled(trimmed, segment.style));
            used = current.iter().map(Span::width).sum();
            continue;
        }
        used += segment.width();
        current.push(segment);
    }
    lines.push(Line::from(current));
    lines
}

/// A word cut into pieces of at most `max` cells.
fn split_to_fit(word: &str, max: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    for c in word.chars() {
        let last = pieces.last_mut().expect("never empty");
        if !last.is_empty() && cells(last) + cells(&c.to_string()) > max {
            pieces.push(String::new());
        }
        pieces.last_mut().expect("never empty").push(c);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn wrapped_text_stays_under_its_label_and_within_the_width() {
        let label = Span::raw("Good: ");
        let lines = wrap_labelled(label, "one two three four five six seven", Style::new(), 20, 6);
        assert_eq!(text(&lines), ["Good: one two three", "      four five six", "      seven"]);
        for line in &lines {
            assert!(line.width() <= 20);
        }
        let long = wrap_labelled(Span::raw(""), "Supercalifragilistic", Style::new(), 10, 2);
        assert!(long.iter().all(|l| l.width() <= 10), "{:?}", text(&long));
        assert_eq!(text(&long).concat().replace(' ', ""), "Supercalifragilistic", "nothing lost");
    }

    #[test]
    fn wide_characters_count_two_cells() {
        let lines = wrap_labelled(Span::raw(""), "日本語 日本語 日本語", Style::new(), 14, 0);
        assert!(lines.iter().all(|l| l.width() <= 14), "{:?}", text(&lines));
        assert_eq!(lines.len(), 2);
    }
}
