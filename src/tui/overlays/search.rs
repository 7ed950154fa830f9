//! Jump to a question by id or words.

use super::Boxed;
use crate::questionnaire::Questionnaire;
use crate::tui::app::{App, Ctx, Msg};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::widgets::clip;
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Most matches listed: typing stays instant on huge questionnaires.
const MAX_RESULTS: usize = 50;

#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    pub input: TextInput,
    pub results: Vec<usize>,
    pub selected: usize,
}

impl Default for Search {
    fn default() -> Search {
        Search { input: TextInput::new("", false), results: Vec::new(), selected: 0 }
    }
}

impl Search {
    /// Searches again for what the box holds (after a paste).
    pub fn refresh(&mut self, questionnaire: &Questionnaire) {
        self.results = search(questionnaire, &self.input.value);
        self.selected = 0;
    }

    pub fn update(&mut self, action: Option<Action>, key: &KeyEvent, cx: &mut Ctx) -> bool {
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(self.results.len().saturating_sub(1)),
            Some(Action::Cancel) => return false,
            Some(Action::Quit) => {
                cx.send(Msg::Effect(crate::tui::app::Effect::Quit));
                return false;
            }
            Some(Action::Submit) => {
                if let Some(&qi) = self.results.get(self.selected) {
                    cx.send(Msg::JumpTo(qi));
                }
                return false;
            }
            _ => {
                self.input.handle(key);
                self.results = search(cx.questionnaire, &self.input.value);
                self.selected = 0;
            }
        }
        true
    }

    pub fn draw(&self, app: &App, area: Rect) -> Boxed {
        let t = app.theme;
        let keys = hint_text(Context::Search, &[Action::Up, Action::Down, Action::Submit, Action::Cancel]);
        let mut lines = vec![
            Line::from(vec![Span::styled("Find: ", t.accent()), Span::raw(self.input.with_cursor())]),
            Line::from(Span::styled(format!("question id or words; {keys}"), t.muted())),
        ];
        for (i, &qi) in self.results.iter().enumerate().take(usize::from(area.height.saturating_sub(6))) {
            let q = &app.questionnaire.questions[qi];
            let style = if i == self.selected { t.selected() } else { t.base() };
            lines.push(Line::from(Span::styled(format!("{:<8} {}", q.id, clip(&q.text, 70)), style)));
        }
        if self.results.is_empty() && !self.input.value.is_empty() {
            lines.push(Line::from(Span::styled("no question matches", t.muted())));
        }
        Boxed::new(" Jump to a question ", lines, 90, area.height.saturating_sub(4))
    }
}

/// Questions matching every word of the query (case-insensitive) in their id, text or
/// guidance; id-prefix matches first. Capped so typing stays instant on huge questionnaires.
pub fn search(questionnaire: &Questionnaire, query: &str) -> Vec<usize> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut by_id = Vec::new();
    let mut by_text = Vec::new();
    for (i, q) in questionnaire.questions.iter().enumerate() {
        if words.len() == 1 && q.id.to_lowercase().starts_with(&words[0]) {
            by_id.push(i);
        } else if by_text.len() < MAX_RESULTS {
            let haystack = format!("{} {} {}", q.id, q.text, q.guidance).to_lowercase();
            if words.iter().all(|w| haystack.contains(w.as_str())) {
                by_text.push(i);
            }
        }
        if by_id.len() >= MAX_RESULTS {
            break;
        }
    }
    by_id.extend(by_text);
    by_id.truncate(MAX_RESULTS);
    by_id
}
