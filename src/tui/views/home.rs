//! Home: start a new assessment or resume a saved one.

use crate::tui::app::{App, Ctx, Effect, Msg};
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::overlays::Overlay;
use crate::tui::overlays::new_client::{NewClient, Purpose};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};
use std::path::PathBuf;

pub const FOOTER: &[Action] = &[
    Action::Up,
    Action::Open,
    Action::NewAssessment,
    Action::Rename,
    Action::Duplicate,
    Action::Archive,
    Action::Help,
    Action::Quit,
];

/// One saved assessment as the home screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeEntry {
    pub client: String,
    pub updated: String,
    pub progress: String,
    pub file: String,
    pub path: PathBuf,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Home {
    pub entries: Vec<HomeEntry>,
    /// Row 0 is "new assessment"; saved assessments follow.
    pub cursor: usize,
    /// The row archiving was asked for once: the second press on it archives.
    archive_asked: Option<usize>,
}

impl Home {
    pub fn set_entries(&mut self, entries: Vec<HomeEntry>) {
        self.entries = entries;
        self.cursor = self.cursor.min(self.entries.len());
    }

    pub fn update(&mut self, action: Action, cx: &mut Ctx) {
        let last = self.entries.len();
        let asked = self.archive_asked.take();
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::NewAssessment => cx.send(Msg::Overlay(Overlay::NewClient(NewClient::default()))),
            Action::Rename | Action::Duplicate | Action::Archive => self.manage(action, asked, cx),
            Action::Open if self.cursor == 0 => cx.send(Msg::Overlay(Overlay::NewClient(NewClient::default()))),
            Action::Open => {
                let Some(entry) = self.entries.get(self.cursor - 1) else { return };
                match &entry.error {
                    Some(error) => cx.notice(format!("{}: {error}", entry.file)),
                    None => cx.send(Msg::Effect(Effect::Open { path: entry.path.clone(), read_only: false })),
                }
            }
            _ => {}
        }
    }

    /// Rename, copy or archive the selected assessment; archiving asks for a second press.
    fn manage(&mut self, action: Action, asked: Option<usize>, cx: &mut Ctx) {
        let Some(entry) = self.cursor.checked_sub(1).and_then(|i| self.entries.get(i)) else {
            cx.notice("choose a saved assessment first");
            return;
        };
        if let Some(error) = &entry.error {
            cx.notice(format!("{}: {error}", entry.file));
            return;
        }
        let path = entry.path.clone();
        let name_box = |purpose, name: &str| Msg::Overlay(Overlay::NewClient(NewClient::for_purpose(purpose, name)));
        match action {
            Action::Rename => cx.send(name_box(Purpose::Rename(path), &entry.client)),
            Action::Duplicate => cx.send(name_box(Purpose::Duplicate(path), &format!("{} (copy)", entry.client))),
            _ if asked == Some(self.cursor) => cx.send(Msg::Effect(Effect::Archive { path })),
            _ => {
                self.archive_asked = Some(self.cursor);
                let again = hint_text(Context::Home, &[Action::Archive]);
                cx.notice(format!("{again} again archives {}: moved into archive/, recoverable", entry.client));
            }
        }
    }

    pub fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let t = app.theme;
        let [intro, list] = Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
        let q = &app.questionnaire;
        let text = vec![
            Line::from(Span::styled("SOC 2 or ISO 27001 first, and what will it take?", t.title())),
            Line::from(Span::styled(
                format!(
                    "{} domains, {} questions ({} core for a first sitting). Nothing leaves this laptop.",
                    q.domains.len(),
                    q.questions.len(),
                    q.core_count()
                ),
                t.muted(),
            )),
        ];
        frame.render_widget(Paragraph::new(text), intro);

        let mut rows =
            vec![Row::new(vec!["+ New assessment".to_string(), String::new(), String::new(), String::new()])];
        for e in &self.entries {
            let progress = e.error.as_ref().map_or(e.progress.clone(), |_| "unreadable".into());
            rows.push(Row::new(vec![e.client.clone(), e.updated.clone(), progress, e.file.clone()]));
        }
        let widths = [Constraint::Fill(3), Constraint::Length(17), Constraint::Length(10), Constraint::Fill(2)];
        let table = Table::new(rows, widths)
            .header(Row::new(vec!["Client", "Updated", "Progress", "File"]).style(t.accent()))
            .row_highlight_style(t.selected())
            .highlight_symbol("▶ ")
            .block(Block::bordered().title(" Assessments ").border_style(t.muted()));
        let mut state = TableState::default().with_selected(Some(self.cursor));
        frame.render_stateful_widget(table, list, &mut state);
    }
}
