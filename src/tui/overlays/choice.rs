//! Choosing a profile value from its list (sector, headquarters, physical scope...).

use super::Boxed;
use crate::tui::app::{App, Ctx, Effect, Msg};
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::profile_form::{self, Field};
use crate::tui::session::Session;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub field: Field,
    pub options: Vec<String>,
    pub selected: usize,
}

impl Choice {
    pub fn new(field: Field, session: &Session) -> Choice {
        let (options, selected) = profile_form::options(field, &session.assessment);
        Choice { field, options, selected }
    }

    pub fn update(&mut self, action: Option<Action>, session: Option<&mut Session>, cx: &mut Ctx) -> bool {
        let last = self.options.len().saturating_sub(1);
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::Cancel) => return false,
            Some(Action::Quit) => {
                cx.send(Msg::Effect(Effect::Quit));
                return false;
            }
            Some(Action::Submit) => {
                let Some(session) = session else { return false };
                let (field, index) = (self.field, self.selected);
                match session.update_profile(cx.questionnaire, |a| {
                    profile_form::choose(field, a, index);
                    Ok(())
                }) {
                    Ok(()) => cx.send(Msg::Changed),
                    Err(reason) => cx.notice(reason),
                }
                return false;
            }
            _ => {}
        }
        true
    }

    pub fn draw(&self, app: &App) -> Boxed {
        let t = app.theme;
        let mut lines: Vec<Line> = self
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let style = if i == self.selected { t.selected() } else { t.base() };
                Line::from(Span::styled(format!(" {o} "), style))
            })
            .collect();
        lines.push(Line::default());
        let keys = hint_text(Context::Choice, &[Action::Up, Action::Down, Action::Submit, Action::Cancel]);
        lines.push(Line::from(Span::styled(keys, t.muted())));
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        Boxed::new(format!(" {} ", profile_form::label(self.field)), lines, 60, height)
    }
}
