//! Dashboard: readiness for both frameworks per domain and overall, with how much of it
//! rests on answers and what moved since the assessment was opened.

use crate::Framework;
use crate::engine::readiness::DomainScore;
use crate::report::figures::percent;
use crate::tui::app::{App, Ctx};
use crate::tui::keymap::Action;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::views::domains;
use crate::tui::widgets::{bar, delta};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

pub const FOOTER: &[Action] = &[Action::Up, Action::Why, Action::NextView, Action::Help, Action::Quit];

/// The dashboard moves the same domain cursor as the domains view and explains a row.
pub fn update(action: Action, session: &mut Session, cx: &mut Ctx) {
    domains::select(action, session, cx);
}

pub fn draw(app: &App, session: &Session, frame: &mut Frame, area: Rect) {
    let [top, table_area] = Layout::vertical([Constraint::Length(4), Constraint::Min(3)]).areas(area);
    frame.render_widget(Paragraph::new(overall_lines(app.theme, session, area.width)), top);
    let t = app.theme;
    let now = &session.analysis.readiness;
    let rows: Vec<Row> = now
        .domains
        .iter()
        .zip(&session.baseline.readiness.domains)
        .map(|(d, b)| {
            Row::new(vec![
                Cell::from(app.questionnaire.domains[d.domain].title.clone()),
                domain_cell(t, d, b, 0, t.soc2()),
                domain_cell(t, d, b, 1, t.iso()),
            ])
        })
        .collect();
    let table = Table::new(rows, [Constraint::Fill(1), Constraint::Length(31), Constraint::Length(31)])
        .header(Row::new(vec!["Domain", "SOC 2", "ISO 27001"]).style(t.accent()))
        .row_highlight_style(t.selected())
        .highlight_symbol("▶ ")
        .block(Block::bordered().title(" Readiness by domain: w explains a row ").border_style(t.muted()));
    let mut state = TableState::default().with_selected(Some(session.domain_cursor));
    frame.render_stateful_widget(table, table_area, &mut state);
}

fn overall_lines(t: Theme, session: &Session, width: u16) -> Vec<Line<'static>> {
    let now = &session.analysis.readiness;
    let before = &session.baseline.readiness;
    let bar_width = if width >= 140 { 30 } else { 12 };
    let overall = |fw: Framework, style| {
        let f = now.framework(fw);
        let mut spans = vec![Span::styled(format!("{:<10}", fw.label()), style)];
        spans.extend(bar(f.figure.readiness, bar_width, style));
        spans.push(Span::styled(
            format!(
                "  coverage {}  ({} of {} requirements answered)  {}",
                percent(f.figure.coverage),
                f.answered_requirements,
                f.requirements,
                delta(f.figure.readiness, before.framework(fw).figure.readiness)
            ),
            t.muted(),
        ));
        Line::from(spans)
    };
    vec![
        overall(Framework::Soc2, t.soc2()),
        overall(Framework::Iso27001, t.iso()),
        Line::from(Span::styled(
            format!(
                "{} answers changed since opened · readiness: from the answers given · coverage: how much is known",
                session.changed_since_open()
            ),
            t.muted(),
        )),
    ]
}

/// One framework's figure for a domain: n/a, not assessed, or a bar with coverage and change.
fn domain_cell(t: Theme, d: &DomainScore, before: &DomainScore, i: usize, style: Style) -> Cell<'static> {
    if !d.relevant[i] {
        return Cell::from(Span::styled("n/a", t.muted()));
    }
    if d.figures[i].coverage == 0.0 {
        return Cell::from(Span::styled("not assessed", t.muted()));
    }
    let mut spans = bar(d.figures[i].readiness, 10, style);
    spans.push(Span::styled(
        format!(
            " cov {:>4} {:>3}",
            percent(d.figures[i].coverage),
            delta(d.figures[i].readiness, before.figures[i].readiness)
        ),
        t.muted(),
    ));
    Cell::from(Line::from(spans))
}
