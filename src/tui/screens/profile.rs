//! Profile: the business facts that drive which framework comes first, with the live
//! recommendation beside them so the room sees each answer move it.

use crate::tui::app::{App, Session};
use crate::tui::profile_form::{self, section};
use crate::tui::widgets::clip;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};

pub fn render(app: &App, session: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let wide = area.width >= 120;
    let [form, side] = if wide {
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area)
    } else {
        Layout::vertical([Constraint::Min(5), Constraint::Length(3)]).areas(area)
    };
    let mut rows = Vec::new();
    let mut selected_row = 0;
    let value_width = (form.width as usize).saturating_sub(40).max(10);
    for (i, field) in profile_form::fields().into_iter().enumerate() {
        if let Some(heading) = section(field) {
            rows.push(Row::new(vec![Line::from(Span::styled(heading, t.accent())), Line::default()]));
        }
        if i == session.profile_cursor {
            selected_row = rows.len();
        }
        let value = clip(&profile_form::value(field, &session.assessment), value_width);
        rows.push(Row::new(vec![format!("  {}", profile_form::label(field)), value]));
    }
    let buyers = session.assessment.profile.buyers.total();
    let title = if buyers == 100 || buyers == 0 {
        " Business profile ".to_string()
    } else {
        format!(" Business profile (buyer shares add up to {buyers}%) ")
    };
    let table = Table::new(rows, [Constraint::Length(38), Constraint::Fill(1)])
        .row_highlight_style(t.selected())
        .highlight_symbol("▶ ")
        .block(Block::bordered().title(title).border_style(t.muted()));
    let mut state = TableState::default().with_selected(Some(selected_row));
    frame.render_stateful_widget(table, form, &mut state);

    let r = &session.analysis.recommendation;
    let mut lines = vec![Line::from(vec![
        Span::styled("Live: ", t.muted()),
        Span::styled(crate::report::words::summary(r), t.title()),
        Span::styled(format!("  confidence {}", r.confidence.key()), t.muted()),
    ])];
    if wide {
        lines.push(Line::default());
        for f in r.factors.iter().take(8) {
            let who = f.favours().map_or("neutral", |fw| fw.label());
            lines.push(Line::from(vec![
                Span::styled(format!("{:+6.1} ", f.points), t.accent()),
                Span::raw(format!("{} ({who})", crate::report::words::factor_name(f))),
            ]));
        }
    }
    let block = Block::bordered().title(" Recommendation so far ").border_style(t.muted());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), side);
}
