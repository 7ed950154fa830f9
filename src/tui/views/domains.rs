//! Domains: every module with its progress and a readiness bar per framework, side by side.

use crate::AnswerState;
use crate::engine::readiness::DomainScore;
use crate::questionnaire::in_core_walk;
use crate::report::figures::percent;
use crate::tui::app::{App, Ctx, Msg};
use crate::tui::keymap::Action;
use crate::tui::overlays::{Overlay, why::Why};
use crate::tui::session::Session;
use crate::tui::widgets::{bar, wrap_labelled};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

pub const FOOTER: &[Action] =
    &[Action::Up, Action::Open, Action::ToggleDeepDive, Action::Why, Action::NextView, Action::Help];

/// Rows a page key moves.
const PAGE: usize = 5;

pub fn update(action: Action, session: &mut Session, cx: &mut Ctx) {
    match action {
        Action::ToggleDeepDive => session.toggle_deep_dive(cx.questionnaire, session.domain_cursor),
        Action::Longer | Action::Shorter => session.agenda.adjust(action == Action::Longer),
        Action::Open => {
            let d = session.domain_cursor;
            let first = session.walk.iter().position(|&qi| cx.questionnaire.questions[qi].domain == d);
            if let Some(pos) = first {
                session.cursor = pos;
                cx.send(Msg::Show(crate::tui::views::View::Question));
            }
        }
        _ => select(action, session, cx),
    }
}

/// Moves the domain cursor (shared with the dashboard) or explains the selected domain.
pub fn select(action: Action, session: &mut Session, cx: &mut Ctx) {
    let last = cx.questionnaire.domains.len().saturating_sub(1);
    let d = &mut session.domain_cursor;
    match action {
        Action::Why => cx.send(Msg::Overlay(Overlay::Why(Why::new(*d)))),
        Action::Up => *d = d.saturating_sub(1),
        Action::Down => *d = (*d + 1).min(last),
        Action::PageUp => *d = d.saturating_sub(PAGE),
        Action::PageDown => *d = (*d + PAGE).min(last),
        _ => {}
    }
}

pub fn draw(app: &App, session: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let bar_width: u16 = if area.width >= 140 { 20 } else { 8 };
    let wide = area.width >= 100;
    // Fixed columns that fit in 80 columns and one Fill: with no slack to share out, the
    // layout solver has exactly one answer, so every run draws the same table.
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(15),
        Constraint::Length(bar_width + 5),
        Constraint::Length(bar_width + 5),
        Constraint::Length(7),
        Constraint::Length(if wide { 9 } else { 0 }),
    ];
    // What the name column gets: the rest after borders, highlight mark, columns and gaps.
    let fixed = 2 + 2 + 15 + 2 * (bar_width + 5) + 7 + if wide { 9 } else { 0 } + 5;
    let name_width = usize::from(area.width.saturating_sub(fixed));
    let rows: Vec<Row> = session
        .analysis()
        .readiness
        .domains
        .iter()
        .map(|d| domain_row(app, session, d, usize::from(bar_width), name_width, wide))
        .collect();
    let header =
        Row::new(vec!["Domain", "Answered", "SOC 2", "ISO 27001", "Overlap", if wide { "Deep-dive" } else { "" }])
            .style(t.accent());
    let minutes = session.agenda.minutes;
    let title = format!(" Domains: Enter walks a domain, d opens its deep-dive · agenda {minutes} min (+/-) ");
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(t.selected())
        .highlight_symbol("▶ ")
        .block(Block::bordered().title(title).border_style(t.muted()));
    let mut state = TableState::default().with_selected(Some(session.domain_cursor));
    frame.render_stateful_widget(table, area, &mut state);
}

/// One domain: its full name (wrapped, never cut), progress, a bar per framework, overlap.
fn domain_row(
    app: &App,
    session: &Session,
    d: &DomainScore,
    bar_width: usize,
    name_width: usize,
    wide: bool,
) -> Row<'static> {
    let t = app.theme;
    let domain = &app.questionnaire.domains[d.domain];
    // Core questions in this client's walk (optional SOC 2 categories out of scope leave it).
    let profile = &session.assessment.profile;
    let core = domain
        .questions
        .iter()
        .filter(|&&q| in_core_walk(&app.questionnaire.questions[q], app.catalog, profile))
        .count();
    let figure = |i: usize, style| {
        if !d.relevant[i] {
            Line::from(Span::styled("n/a", t.muted()))
        } else if d.figures[i].coverage == 0.0 {
            // Nothing answered yet is unknown, not zero.
            Line::from(Span::styled("not assessed", t.muted()))
        } else {
            Line::from(bar(d.figures[i].readiness, bar_width, style))
        }
    };
    let open = session.expanded.contains(&d.domain);
    // Narrow screens mark an open deep-dive after the name instead of in a column.
    let name = if open && !wide { format!("{} +", domain.title) } else { domain.title.clone() };
    let name = wrap_labelled(Span::raw(""), &name, Style::new(), name_width, 0);
    let height = u16::try_from(name.len()).unwrap_or(1);
    Row::new(vec![
        Cell::from(name),
        Cell::from(format!("{}/{} ({core} core)", answered(session, app, d.domain), d.questions)),
        Cell::from(figure(0, t.soc2())),
        Cell::from(figure(1, t.iso())),
        // "~" marks an overlap that is an estimate rather than a published figure.
        Cell::from(format!(
            "{}{}",
            if domain.overlap_estimate.is_some() { "~" } else { "" },
            percent(d.overlap * 100.0)
        )),
        Cell::from(if open { "open" } else { "" }),
    ])
    .height(height)
}

/// Questions of a domain with an answer; "ask later" is not one (it is still to assess).
fn answered(session: &Session, app: &App, domain: usize) -> usize {
    let q = &app.questionnaire;
    q.domains[domain]
        .questions
        .iter()
        .filter(|&&qi| {
            let state = session.assessment.answer(&q.questions[qi].id);
            matches!(state, AnswerState::Level(_) | AnswerState::NotApplicable(_))
        })
        .count()
}
