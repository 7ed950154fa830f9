//! Recommendation: the decision, the factors and their weight, and what would change it.

use crate::tui::app::{App, Ctx};
use crate::tui::keymap::Action;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::Scroll;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Footer of the two long, scrolling views (recommendation and roadmap).
pub const FOOTER: &[Action] = &[Action::Down, Action::PageDown, Action::NextView, Action::Help, Action::Quit];

#[derive(Debug, Clone, Default)]
pub struct RecommendationView {
    pub scroll: Scroll,
}

impl RecommendationView {
    pub fn update(&mut self, action: Action, session: &mut Session, _cx: &mut Ctx) {
        self.scroll.apply(action, lines(Theme::default(), session).len());
    }

    pub fn draw(&self, app: &App, session: &Session, frame: &mut Frame, area: Rect) {
        let block = Block::bordered().title(" Which framework first ").border_style(app.theme.muted());
        let paragraph = Paragraph::new(lines(app.theme, session)).wrap(Wrap { trim: false });
        frame.render_widget(paragraph.scroll((self.scroll.offset, 0)).block(block), area);
    }
}

fn lines(t: Theme, session: &Session) -> Vec<Line<'static>> {
    let r = &session.analysis.recommendation;
    let order: Vec<&str> = r.order.iter().map(|x| x.label()).collect();
    let mut lines = vec![
        Line::from(Span::styled(r.summary.clone(), t.title())),
        Line::from(vec![
            Span::styled("Order: ", t.muted()),
            Span::styled(order.join("  →  "), t.accent()),
            Span::styled(
                format!("   confidence {}   score {:+.1} (+ favours ISO 27001, − SOC 2)", r.confidence, r.score),
                t.muted(),
            ),
        ]),
        Line::default(),
        Line::from(Span::styled("Factors, by weight", t.accent())),
    ];
    lines.extend(r.factors.iter().map(|f| factor_line(t, f)));
    if r.factors.is_empty() {
        lines.push(Line::from(Span::styled("  Fill in the profile: buyers, sector, regulations.", t.muted())));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("What would change it", t.accent())));
    if r.flips.is_empty() {
        lines.push(Line::from("  No single change of the profile flips this decision."));
    }
    for flip in &r.flips {
        lines.push(Line::from(format!("  • if {}: {}", flip.change, flip.result)));
    }
    if let Some(advice) = &r.deadline_advice {
        lines.push(Line::default());
        lines.push(Line::from(vec![Span::styled("Deadline: ", t.warn()), Span::raw(advice.clone())]));
    }
    lines
}

/// A centred bar: SOC 2 to the left, ISO 27001 to the right, one cell per 5 points.
fn factor_line(t: Theme, f: &crate::engine::Factor) -> Line<'static> {
    let half = 12usize;
    let cells = ((f.points.abs() / 5.0).round() as usize).min(half);
    let (left, right) = if f.points < 0.0 { (cells, 0) } else { (0, cells) };
    Line::from(vec![
        Span::raw(" ".repeat(half - left)),
        Span::styled("◀".repeat(left), t.soc2()),
        Span::styled("│", t.muted()),
        Span::styled("▶".repeat(right), t.iso()),
        Span::raw(" ".repeat(half - right)),
        Span::styled(format!(" {:+6.1}  ", f.points), t.key()),
        Span::styled(format!("{}: ", f.name), t.accent()),
        Span::raw(f.detail.clone()),
    ])
}
