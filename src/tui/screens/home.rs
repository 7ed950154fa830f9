//! Home: start a new assessment or resume a saved one.

use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let [intro, list] = Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
    let text = vec![
        Line::from(Span::styled("SOC 2 or ISO 27001 first, and what will it take?", t.title())),
        Line::from(Span::styled(
            format!(
                "{} domains, {} questions ({} core for a first sitting). Nothing leaves this laptop.",
                app.questionnaire.domains.len(),
                app.questionnaire.questions.len(),
                app.questionnaire.core_count()
            ),
            t.muted(),
        )),
    ];
    frame.render_widget(Paragraph::new(text), intro);

    let mut rows = vec![Row::new(vec!["+ New assessment".to_string(), String::new(), String::new(), String::new()])];
    for e in &app.home {
        let progress = e.error.as_ref().map_or(e.progress.clone(), |_| "unreadable".into());
        rows.push(Row::new(vec![e.client.clone(), e.updated.clone(), progress, e.file.clone()]));
    }
    let table =
        Table::new(rows, [Constraint::Fill(3), Constraint::Length(17), Constraint::Length(10), Constraint::Fill(2)])
            .header(Row::new(vec!["Client", "Updated", "Progress", "File"]).style(t.accent()))
            .row_highlight_style(t.selected())
            .highlight_symbol("▶ ")
            .block(Block::bordered().title(" Assessments ").border_style(t.muted()));
    let mut state = TableState::default().with_selected(Some(app.home_cursor));
    frame.render_stateful_widget(table, list, &mut state);
}
