//! Recommendation: the decision, the factors and their weight, and what would change it.

use crate::tui::app::{App, Ctx};
use crate::tui::keymap::Action;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::ui::MIN_WIDTH;
use crate::tui::widgets::{Scroll, pack, wrap_labelled};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Footer of the two long, scrolling views (recommendation and roadmap).
pub const FOOTER: &[Action] = &[Action::Down, Action::PageDown, Action::NextView, Action::Help, Action::Quit];

#[derive(Debug, Clone, Default)]
pub struct RecommendationView {
    pub scroll: Scroll,
}

impl RecommendationView {
    pub fn update(&mut self, action: Action, session: &mut Session, _cx: &mut Ctx) {
        // Counted at the narrowest supported width, where wrapping makes the most lines.
        self.scroll.apply(action, lines(Theme::default(), session, MIN_WIDTH - 2).len());
    }

    pub fn draw(&self, app: &App, session: &Session, frame: &mut Frame, area: Rect) {
        let block = Block::bordered().title(" Which framework first ").border_style(app.theme.muted());
        let lines = lines(app.theme, session, area.width.saturating_sub(2));
        // Wider than the narrowest, the same text takes fewer lines: stay within them.
        let scroll = self.scroll.within(lines.len());
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), area);
    }
}

fn lines(t: Theme, session: &Session, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let r = &session.analysis().recommendation;
    let order: Vec<&str> = r.order.iter().map(|x| x.label()).collect();
    let summary = crate::report::words::summary(session.analysis());
    let mut lines = wrap_labelled(Span::raw(""), &summary, t.title(), width, 0);
    lines.extend(pack(
        vec![
            Span::styled("Order: ", t.muted()),
            Span::styled(order.join("  →  "), t.accent()),
            Span::styled(format!("   confidence {}", r.confidence.key()), t.muted()),
            Span::styled(format!("   score {:+.1} (+ favours ISO 27001, − SOC 2)", r.score), t.muted()),
        ],
        width,
    ));
    lines.extend(wrap_labelled(Span::raw(""), crate::report::words::BASIS_LINE, t.muted(), width, 0));
    lines.push(Line::default());
    let blockers = &session.analysis().blockers;
    for fw in crate::Framework::ALL {
        if let Some(text) = crate::report::words::open_blockers_line(blockers, fw) {
            lines.extend(wrap_labelled(
                Span::styled(format!("{}: ", fw.label()), t.warn()),
                &text,
                Style::new(),
                width,
                2,
            ));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Factors, by weight", t.accent())));
    for f in &r.factors {
        lines.extend(factor_lines(t, f, width));
    }
    if r.factors.is_empty() {
        lines.push(Line::from(Span::styled("  Fill in the profile: buyers, sector, regulations.", t.muted())));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("What would change it", t.accent())));
    if r.flips.is_empty() {
        lines.push(Line::from("  No single change of the profile flips this decision."));
    }
    for flip in &r.flips {
        let text = format!(
            "if {}: {}",
            crate::report::words::flip_change(&flip.change),
            crate::report::words::flip_result(flip)
        );
        lines.extend(wrap_labelled(Span::raw("  • "), &text, Style::new(), width, 4));
    }
    for d in &session.analysis().roadmap.plan().deadlines {
        lines.push(Line::default());
        let label = format!("{}: ", crate::report::plan_text::deadline_title(d));
        let text = crate::report::plan_text::deadline_sentence(d);
        lines.extend(wrap_labelled(Span::styled(label, t.warn()), &text, Style::new(), width, 2));
    }
    lines
}

/// A centred bar: SOC 2 to the left, ISO 27001 to the right, one cell per 5 points.
/// The detail wraps under the factor's name, never back to the bar's column.
fn factor_lines(t: Theme, f: &crate::engine::Factor, width: usize) -> Vec<Line<'static>> {
    let half = 12usize;
    let cells = ((f.points.abs() / 5.0).round() as usize).min(half);
    let (left, right) = if f.points < 0.0 { (cells, 0) } else { (0, cells) };
    let bar = vec![
        Span::raw(" ".repeat(half - left)),
        Span::styled("◀".repeat(left), t.soc2()),
        Span::styled("│", t.muted()),
        Span::styled("▶".repeat(right), t.iso()),
        Span::raw(" ".repeat(half - right)),
        Span::styled(format!(" {:+6.1}  ", f.points), t.key()),
    ];
    let indent: usize = bar.iter().map(Span::width).sum();
    let text = format!("{}: {}", crate::report::words::factor_name(f), crate::report::words::factor_detail(f));
    let mut lines = wrap_labelled(Span::raw(""), &text, Style::new(), width.saturating_sub(indent), 0);
    for (i, line) in lines.iter_mut().enumerate() {
        let lead = if i == 0 { bar.clone() } else { vec![Span::raw(" ".repeat(indent))] };
        line.spans.splice(0..0, lead);
    }
    lines
}
