//! The frame: header with tabs and save state, the current screen, the footer, overlays.
//! Pure drawing from `&App`.

use super::app::{App, SaveState, View};
use super::keymap::{self, Action, Context};
use super::screens;
use super::widgets::{clip, hints};
use crate::assessment::AnswerState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Smallest terminal the layout is designed for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Column ranges of the tab labels on the tab row, shared by drawing and mouse clicks.
pub fn tab_ranges() -> Vec<(u16, u16, View)> {
    let mut x = 1u16;
    View::ALL
        .iter()
        .map(|&v| {
            let w = v.title().len() as u16 + 2;
            let range = (x, x + w, v);
            x += w + 1;
            range
        })
        .collect()
}

/// The view under a click, if the click is on the tab row.
pub fn tab_at(column: u16, row: u16) -> Option<View> {
    (row == 1).then(|| tab_ranges().into_iter().find(|&(a, b, _)| column >= a && column < b).map(|(_, _, v)| v))?
}

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Block::new().style(app.theme.base()), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "Please enlarge the terminal to at least {MIN_WIDTH}x{MIN_HEIGHT} (now {}x{}).",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).style(app.theme.warn()), area);
        return;
    }
    let [header, tabs, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(10), Constraint::Length(1)])
            .areas(area);
    render_header(app, frame, header);
    match &app.session {
        None => screens::home::render(app, frame, Rect { y: tabs.y, height: tabs.height + body.height, ..body }),
        Some(session) => {
            render_tabs(app, frame, tabs);
            match app.view {
                View::Profile => screens::profile::render(app, session, frame, body),
                View::Question => screens::question::render(app, session, frame, body),
                View::Domains => screens::domains::render(app, session, frame, body),
                View::Dashboard => screens::dashboard::render(app, session, frame, body),
                View::Recommendation => screens::recommendation::render(app, session, frame, body),
                View::Roadmap => screens::roadmap::render(app, session, frame, body),
                View::Export => screens::export::render(app, session, frame, body),
            }
        }
    }
    render_footer(app, frame, footer);
    screens::overlays::render(app, frame, area);
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let mut left = vec![Span::styled(" crosswalk ", t.title())];
    if let Some(s) = &app.session {
        left.push(Span::styled("· ", t.muted()));
        left.push(Span::styled(clip(&s.assessment.client, 40), t.accent()));
        let answered = s.assessment.answers.values().filter(|a| a.state() != AnswerState::Unanswered).count();
        left.push(Span::styled(format!("  {answered} answered"), t.muted()));
    }
    let (status, style) = match &app.save_state {
        SaveState::Clean => (String::new(), t.muted()),
        SaveState::Saved(at) => (format!("● saved {at} "), t.good()),
        SaveState::Failed(_) => ("✖ NOT SAVED (reason below; q asks before quitting) ".to_string(), t.bad()),
        SaveState::ReadOnly => ("READ-ONLY ".to_string(), t.warn()),
    };
    let [l, r] =
        Layout::horizontal([Constraint::Min(10), Constraint::Length(status.chars().count() as u16)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)), l);
    frame.render_widget(Paragraph::new(Span::styled(status, style)), r);
}

fn render_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let mut spans = vec![Span::raw(" ")];
    for (_, _, view) in tab_ranges() {
        let style = if view == app.view { t.selected() } else { t.muted() };
        spans.push(Span::styled(format!(" {} ", view.title()), style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    if let Some(message) = &app.message {
        frame.render_widget(Paragraph::new(Span::styled(format!(" {message}"), t.warn())), area);
        return;
    }
    let context = app.context();
    let actions: &[Action] = match context {
        Context::Home => &[Action::Up, Action::Open, Action::NewAssessment, Action::Help, Action::Quit],
        Context::Question => &[
            Action::Answer(3),
            Action::NotApplicable,
            Action::Unknown,
            Action::EditNote,
            Action::ToggleDeepDive,
            Action::Search,
            Action::NextView,
            Action::Help,
        ],
        Context::Profile => &[Action::Up, Action::Right, Action::Toggle, Action::Open, Action::NextView, Action::Help],
        Context::Domains => {
            &[Action::Up, Action::Open, Action::ToggleDeepDive, Action::Why, Action::NextView, Action::Help]
        }
        Context::Dashboard => &[Action::Up, Action::Why, Action::NextView, Action::Help, Action::Quit],
        Context::Export => &[Action::Export, Action::NextView, Action::Help, Action::Quit],
        _ => &[Action::Down, Action::PageDown, Action::NextView, Action::Help, Action::Quit],
    };
    let mut items = keymap::hint(context, actions);
    if context == Context::Question {
        // The five answer keys share one hint.
        if let Some(first) = items.first_mut() {
            *first = ("0-4".into(), "answer");
        }
    }
    frame.render_widget(Paragraph::new(hints(t, &items)), area);
}
