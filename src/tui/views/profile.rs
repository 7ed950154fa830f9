//! Profile: the business facts that drive which framework comes first, with the live
//! recommendation beside them so the room sees each answer move it. The fields themselves
//! (labels, values, how they change) live in `profile_form`.

use crate::tui::app::{App, Ctx, Msg};
use crate::tui::keymap::Action;
use crate::tui::overlays::{Overlay, profile_text::ProfileText};
use crate::tui::profile_form::{self, section};
use crate::tui::session::{READ_ONLY, Session};
use crate::tui::widgets::clip;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};

pub const FOOTER: &[Action] =
    &[Action::Up, Action::Right, Action::Toggle, Action::Open, Action::NextView, Action::Help];

/// Rows a page key moves.
const PAGE: usize = 8;

#[derive(Debug, Clone, Default)]
pub struct ProfileView {
    /// Index into `profile_form::fields()`.
    pub cursor: usize,
}

impl ProfileView {
    pub fn update(&mut self, action: Action, session: &mut Session, cx: &mut Ctx) {
        let fields = profile_form::fields();
        let last = fields.len() - 1;
        self.cursor = self.cursor.min(last);
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::PageUp => self.cursor = self.cursor.saturating_sub(PAGE),
            Action::PageDown => self.cursor = (self.cursor + PAGE).min(last),
            Action::Left | Action::Right | Action::Toggle | Action::Open => {
                self.edit(fields[self.cursor], action, session, cx);
            }
            _ => {}
        }
    }

    fn edit(&self, field: profile_form::Field, action: Action, session: &mut Session, cx: &mut Ctx) {
        if session.read_only {
            cx.notice(READ_ONLY);
            return;
        }
        // Enter types a value where there is one to type, and steps a choice elsewhere.
        let action = if action == Action::Open && !profile_form::is_typed(field) { Action::Right } else { action };
        if action == Action::Open {
            let current = profile_form::value(field, &session.assessment);
            let current = current.trim_end_matches('%');
            let start = if matches!(current, "-" | "none") { "" } else { current };
            cx.send(Msg::Overlay(Overlay::ProfileText(ProfileText::new(field, start))));
            return;
        }
        profile_form::adjust(field, &mut session.assessment, if action == Action::Left { -1 } else { 1 });
        session.rescore(cx.catalog, cx.questionnaire);
        cx.send(Msg::Changed);
    }

    pub fn draw(&self, app: &App, session: &Session, frame: &mut Frame, area: Rect) {
        let wide = area.width >= 120;
        let [form, side] = if wide {
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area)
        } else {
            Layout::vertical([Constraint::Min(5), Constraint::Length(3)]).areas(area)
        };
        self.draw_form(app, session, frame, form);
        draw_live(app, session, wide, frame, side);
    }

    fn draw_form(&self, app: &App, session: &Session, frame: &mut Frame, area: Rect) {
        let t = app.theme;
        let mut rows = Vec::new();
        let mut selected_row = 0;
        let value_width = (area.width as usize).saturating_sub(40).max(10);
        for (i, field) in profile_form::fields().into_iter().enumerate() {
            if let Some(heading) = section(field) {
                rows.push(Row::new(vec![Line::from(Span::styled(heading, t.accent())), Line::default()]));
            }
            if i == self.cursor {
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
        frame.render_stateful_widget(table, area, &mut state);
    }
}

/// The recommendation as it stands, beside (wide) or under (narrow) the form.
fn draw_live(app: &App, session: &Session, wide: bool, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let r = &session.analysis.recommendation;
    let mut lines = vec![Line::from(vec![
        Span::styled("Live: ", t.muted()),
        Span::styled(r.summary.clone(), t.title()),
        Span::styled(format!("  confidence {}", r.confidence), t.muted()),
    ])];
    if wide {
        lines.push(Line::default());
        for f in r.factors.iter().take(8) {
            let who = f.favours().map_or("neutral", |fw| fw.label());
            lines.push(Line::from(vec![
                Span::styled(format!("{:+6.1} ", f.points), t.accent()),
                Span::raw(format!("{} ({who})", f.name)),
            ]));
        }
    }
    let block = Block::bordered().title(" Recommendation so far ").border_style(t.muted());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
}
