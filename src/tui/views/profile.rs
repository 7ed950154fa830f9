//! Profile: the business facts that drive which framework comes first, with the live
//! recommendation beside them so the room sees each answer move it. The fields themselves
//! (labels, values, how they change) live in `profile_form`.

use crate::tui::app::{App, Ctx, Msg};
use crate::tui::keymap::Action;
use crate::tui::keymap::{Context, hint_text};
use crate::tui::overlays::{Overlay, choice::Choice, profile_text::ProfileText};
use crate::tui::profile_form::{self, Field, Kind, section};
use crate::tui::session::{READ_ONLY, Session};
use crate::tui::widgets::{clip, wrap_labelled};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

pub const FOOTER: &[Action] = &[Action::Up, Action::Open, Action::Toggle, Action::Undo, Action::NextView, Action::Help];

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
            Action::Toggle | Action::Open => self.edit(fields[self.cursor], action, session, cx),
            _ => {}
        }
    }

    /// Enter edits any field (a text box, a list, or a tick); Space ticks checkboxes only.
    fn edit(&self, field: Field, action: Action, session: &mut Session, cx: &mut Ctx) {
        if session.read_only {
            cx.notice(READ_ONLY);
            return;
        }
        if let Some(why) = profile_form::locked(field, &session.assessment) {
            cx.notice(why);
            return;
        }
        match (profile_form::kind(field), action) {
            (Kind::Tick, _) => {
                match session.update_profile(cx.questionnaire, |a| {
                    profile_form::toggle(field, a);
                    Ok(())
                }) {
                    Ok(()) => cx.send(Msg::Changed),
                    Err(reason) => cx.notice(reason),
                }
            }
            (_, Action::Toggle) => {
                let enter = hint_text(Context::Profile, &[Action::Open]);
                cx.notice(format!("Space ticks checkboxes; {enter} this field"));
            }
            (Kind::Choice, _) => cx.send(Msg::Overlay(Overlay::Choice(Choice::new(field, session)))),
            _ => {
                let current = profile_form::value(field, &session.assessment);
                let current = current.trim_end_matches('%');
                // A number's box starts with the number alone ("18", not "18 (set to 20 ...)").
                let current = if kind_is_text(field) { current } else { current.split(' ').next().unwrap_or("") };
                let start = if matches!(current, "-" | "none") { "" } else { current };
                cx.send(Msg::Overlay(Overlay::ProfileText(ProfileText::new(field, start))));
            }
        }
    }

    pub fn draw(&self, app: &App, session: &Session, frame: &mut Frame, area: Rect) {
        let wide = area.width >= 120;
        let [form, side] = if wide {
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area)
        } else {
            // Room for the decision in full and the strongest factors under it.
            Layout::vertical([Constraint::Min(5), Constraint::Length(6)]).areas(area)
        };
        self.draw_form(app, session, frame, form);
        draw_live(app, session, frame, side);
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

fn kind_is_text(field: Field) -> bool {
    profile_form::kind(field) == Kind::Text
}

/// The recommendation as it stands, beside (wide) or under (narrow) the form: the decision
/// wrapped in full, then the strongest factors as room allows.
fn draw_live(app: &App, session: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let r = &session.analysis().recommendation;
    let inner = usize::from(area.width.saturating_sub(2));
    // The plan may lag a tick behind here (the form needs only the decision): the idle
    // catch-up redraws it with the plan's kind as it now is.
    let summary = format!("{}  (confidence {})", crate::report::words::summary(session.analysis()), r.confidence.key());
    let mut lines = wrap_labelled(Span::styled("Live: ", t.muted()), &summary, t.title(), inner, 6);
    for f in r.factors.iter().take(8) {
        let who = f.favours().map_or("neutral", |fw| fw.label());
        let points = Span::styled(format!("{:+6.1} ", f.points), t.accent());
        lines.extend(wrap_labelled(
            points,
            &format!("{} ({who})", crate::report::words::factor_name(f)),
            Style::new(),
            inner,
            7,
        ));
    }
    let block = Block::bordered().title(" Recommendation so far ").border_style(t.muted());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
