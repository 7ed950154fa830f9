//! The frame: header with tabs and save state, the current view, the footer, the overlay.
//! Pure drawing from `&App`; each view and overlay draws itself.

use super::app::{App, SaveState};
use super::keymap::{self, Action};
use super::views::{View, home};
use super::widgets::{clip, hints};
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
        None => app.home.draw(app, frame, Rect { y: tabs.y, height: tabs.height + body.height, ..body }),
        Some(session) => {
            render_tabs(app, frame, tabs);
            app.views.draw(app.view, app, session, frame, body);
        }
    }
    render_footer(app, frame, footer);
    if let Some(overlay) = &app.overlay {
        overlay.draw(app, frame, area);
    }
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let mut left = vec![Span::styled(" crosswalk ", t.title())];
    if let Some(s) = &app.session {
        left.push(Span::styled("· ", t.muted()));
        left.push(Span::styled(clip(&s.assessment.client, 40), t.accent()));
        // "Ask later" is not an answer: it is counted apart, as still to assess.
        let states = || s.assessment.answers.values().map(|a| a.state());
        let answered = states().filter(|st| st.is_assessed()).count();
        let later = states().filter(|st| *st == crate::AnswerState::Unknown).count();
        left.push(Span::styled(format!("  {answered} answered"), t.muted()));
        if later > 0 {
            left.push(Span::styled(format!(" · {later} to ask later"), t.warn()));
        }
        left.extend(agenda_spans(app, s));
    }
    let (status, style) = match &app.save_state {
        SaveState::Clean => (String::new(), t.muted()),
        SaveState::Saved(at) => (format!("● saved {at} "), t.good()),
        SaveState::Failed(_) => ("✖ NOT SAVED, q says why ".to_string(), t.bad()),
        SaveState::ReadOnly => ("READ-ONLY ".to_string(), t.warn()),
    };
    let [l, r] =
        Layout::horizontal([Constraint::Min(10), Constraint::Length(status.chars().count() as u16)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)), l);
    frame.render_widget(Paragraph::new(Span::styled(status, style)), r);
}

/// On the question view, the time spent on its domain against the agenda's budget, with a
/// gentle marker once it runs over.
fn agenda_spans(app: &App, session: &crate::tui::session::Session) -> Vec<Span<'static>> {
    let t = app.theme;
    let Some(q) = session.current_question().filter(|_| app.view == View::Question) else { return Vec::new() };
    let timing = session.agenda.timing(app.questionnaire.questions[q].domain);
    let text = format!("  {}/{} min", timing.spent_minutes, timing.budget_minutes);
    if timing.over {
        vec![Span::styled(text, t.warn()), Span::styled(" over", t.warn())]
    } else {
        vec![Span::styled(text, t.muted())]
    }
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

/// The status message if there is one, else the current view's keys from the keymap.
fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    if let Some(message) = &app.message {
        frame.render_widget(Paragraph::new(Span::styled(format!(" {message}"), t.warn())), area);
        return;
    }
    let (context, actions) = match &app.session {
        None => (keymap::Context::Home, home::FOOTER),
        Some(_) => (app.view.context(), app.view.footer()),
    };
    let mut items = keymap::hint(context, actions);
    if actions.first() == Some(&Action::Answer(3)) {
        // The five answer keys share one hint.
        if let Some(first) = items.first_mut() {
            *first = ("0-4".into(), "answer");
        }
    }
    // `?` must stay in sight however narrow: drop hints before it until the line fits.
    let width = |items: &[(String, &str)]| -> usize {
        items.iter().map(|(k, h)| k.chars().count() + h.chars().count() + 3).sum()
    };
    while items.len() > 2 && width(&items) > usize::from(area.width) {
        items.remove(items.len() - 2);
    }
    frame.render_widget(Paragraph::new(hints(t, &items)), area);
}
