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
use crate::tui::widgets::{bar, delta, wrap_labelled};
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

/// Below this width the domain table narrows its bars so full domain names fit.
const WIDE: u16 = 100;

pub fn draw(app: &App, session: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let top_lines = overall_lines(t, session, area.width);
    let top_height = u16::try_from(top_lines.len() + 1).unwrap_or(4);
    let [top, table_area] = Layout::vertical([Constraint::Length(top_height), Constraint::Min(3)]).areas(area);
    frame.render_widget(Paragraph::new(top_lines), top);
    let wide = area.width >= WIDE;
    let (bar_width, cell_width) = if wide { (10, 31) } else { (5, 23) };
    // The name column gets what the figures leave: borders, highlight mark, column gaps.
    let name_width = usize::from(area.width).saturating_sub(2 + 2 + 2 * cell_width + 2);
    let rows: Vec<Row> = session
        .analysis()
        .readiness
        .domains
        .iter()
        .zip(&session.baseline.readiness.domains)
        .map(|(d, b)| {
            // Full names: a long one wraps onto a second line rather than being cut.
            let name =
                wrap_labelled(Span::raw(""), &app.questionnaire.domains[d.domain].title, Style::new(), name_width, 0);
            let height = u16::try_from(name.len()).unwrap_or(1);
            Row::new(vec![
                Cell::from(name),
                domain_cell(t, d, b, 0, t.soc2(), bar_width),
                domain_cell(t, d, b, 1, t.iso(), bar_width),
            ])
            .height(height)
        })
        .collect();
    let widths = [Constraint::Fill(1), Constraint::Length(cell_width as u16), Constraint::Length(cell_width as u16)];
    let table = Table::new(rows, widths)
        .header(Row::new(vec!["Domain", "SOC 2", "ISO 27001"]).style(t.accent()))
        .row_highlight_style(t.selected())
        .highlight_symbol("▶ ")
        .block(Block::bordered().title(" Readiness by domain: w explains a row ").border_style(t.muted()));
    let mut state = TableState::default().with_selected(Some(session.domain_cursor));
    frame.render_stateful_widget(table, table_area, &mut state);
}

fn overall_lines(t: Theme, session: &Session, width: u16) -> Vec<Line<'static>> {
    let now = &session.analysis().readiness;
    let before = &session.baseline.readiness;
    let bar_width = if width >= 140 { 30 } else { 12 };
    let overall = |fw: Framework, style| {
        let f = now.framework(fw);
        let mut spans = vec![Span::styled(format!("{:<10}", fw.label()), style)];
        spans.extend(bar(f.figure.readiness, bar_width, style));
        let answered = if width >= WIDE { "requirements answered" } else { "answered" };
        spans.push(Span::styled(
            format!(
                "  coverage {}  ({} of {} {answered})  {}",
                percent(f.figure.coverage),
                f.answered_requirements,
                f.requirements,
                delta(f.figure.readiness, before.framework(fw).figure.readiness)
            ),
            t.muted(),
        ));
        Line::from(spans)
    };
    let mut lines = vec![overall(Framework::Soc2, t.soc2()), overall(Framework::Iso27001, t.iso())];
    lines.extend(blockers_lines(t, session, usize::from(width)));
    let legend = format!(
        "{} answers changed since opened · readiness: from the answers given · coverage: how much is known",
        session.changed_since_open()
    );
    lines.extend(wrap_labelled(Span::raw(""), &legend, t.muted(), usize::from(width), 2));
    lines
}

/// Certification blockers still open: whatever the bars say, an audit stops on them.
fn blockers_lines(t: Theme, session: &Session, width: usize) -> Vec<Line<'static>> {
    let blockers = &session.analysis().blockers;
    let parts: Vec<String> = Framework::ALL
        .into_iter()
        .filter_map(|fw| {
            let open: Vec<&str> =
                crate::engine::blockers::open(blockers, fw).map(crate::report::words::blocker_short).collect();
            (!open.is_empty()).then(|| format!("{}: {}", fw.label(), open.join(", ")))
        })
        .collect();
    if parts.is_empty() {
        return vec![Line::from(Span::styled("No certification blocker open", t.muted()))];
    }
    let label = Span::styled(
        format!("{} · ", crate::report::words::capitalised(crate::report::words::NOT_AUDIT_READY)),
        t.warn(),
    );
    wrap_labelled(label, &parts.join(" · "), t.warn(), width, 2)
}

/// One framework's figure for a domain: n/a, not assessed, or a bar with coverage and change.
fn domain_cell(
    t: Theme,
    d: &DomainScore,
    before: &DomainScore,
    i: usize,
    style: Style,
    bar_width: usize,
) -> Cell<'static> {
    if !d.relevant[i] {
        return Cell::from(Span::styled("n/a", t.muted()));
    }
    if d.figures[i].coverage == 0.0 {
        return Cell::from(Span::styled("not assessed", t.muted()));
    }
    let mut spans = bar(d.figures[i].readiness, bar_width, style);
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
