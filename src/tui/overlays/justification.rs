//! Not applicable needs a reason: it goes into the Statement of Applicability. The reason must
//! say something of its own (long enough, not a copy of another answer's), and the consultant
//! confirms after seeing what the answer will exclude.

use super::{Boxed, Leave};
use crate::assessment::{JustificationProblem, Response};
use crate::tui::app::{App, Ctx, Msg};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::session::Session;
use crate::tui::views::question::change;
use crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, PartialEq)]
pub struct Justification {
    pub input: TextInput,
    /// What an n/a answer to this question excludes, shown before it is recorded: Annex A
    /// controls (from the SoA) and criteria of optional SOC 2 categories.
    pub excludes: Excludes,
    /// The reason was accepted; Enter now records the answer, Esc goes back to the text.
    pub confirming: bool,
    pub leave: Leave,
}

impl Justification {
    pub fn new(why: &str, excludes: Excludes) -> Justification {
        Justification { input: TextInput::new(why, false), excludes, confirming: false, leave: Leave::new(why) }
    }

    pub fn update(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        session: Option<&mut Session>,
        cx: &mut Ctx,
    ) -> bool {
        if self.confirming && action == Some(Action::Cancel) {
            self.confirming = false;
            return true;
        }
        // Stays open on quit: the run loop keeps what was typed as a draft for next time.
        if let Some(open) = self.leave.escape_or_quit(action, &self.input.value, cx) {
            return open;
        }
        match action {
            Some(Action::Submit) if !self.confirming => {
                let Some(session) = session else { return false };
                let Some(qi) = session.current_question() else { return false };
                let id = &cx.questionnaire.questions[qi].id;
                match session.assessment.justification_problem(id, &self.input.value) {
                    Some(problem) => cx.notice(problem_text(&problem)),
                    None => {
                        cx.send(Msg::ClearNotice);
                        self.confirming = true;
                    }
                }
                true
            }
            Some(Action::Submit) => {
                cx.send(Msg::ClearNotice);
                let Some(session) = session else { return false };
                let why = self.input.value.trim().to_string();
                let answered = change(session, cx, |a| a.respond(Response::NotApplicable(why)));
                if answered {
                    session.step(1);
                }
                false
            }
            _ if self.confirming => true,
            _ => {
                self.input.handle(key);
                self.leave.other_key();
                true
            }
        }
    }

    pub fn draw(&self, app: &App) -> Boxed {
        let t = app.theme;
        let mut lines = super::editor_lines(app, &self.input, 80, 3);
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            exclusion_text(&self.excludes),
            if self.confirming { t.warn() } else { t.muted() },
        )));
        let keys = if self.confirming {
            "Enter records it; Esc goes back to the justification.".to_string()
        } else {
            let keys = hint_text(Context::TextField, &[Action::Submit, Action::Cancel]);
            format!("The justification goes into the Statement of Applicability. {keys}")
        };
        lines.push(Line::from(Span::styled(keys, t.muted())));
        lines.extend(self.leave.warning(t, &hint_text(Context::TextField, &[Action::Submit])));
        let title = if self.confirming { " Not applicable: confirm " } else { " Not applicable: why? " };
        Boxed::new(title, lines, 80, 11)
    }
}

/// Requirement ids an n/a answer excludes, by framework.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Excludes {
    pub annex_a: Vec<String>,
    pub soc2: Vec<String>,
}

impl Excludes {
    /// What answering `question` not applicable would exclude, as its n/a policy and the
    /// scoping rule allow.
    pub fn of(catalog: &crate::catalog::Catalog, question: &crate::questionnaire::Question) -> Excludes {
        let mut excludes = Excludes::default();
        for req in crate::engine::scoping::excludes(catalog, question) {
            let r = catalog.get(req);
            let list = if r.framework == crate::framework::Framework::Iso27001 {
                &mut excludes.annex_a
            } else {
                &mut excludes.soc2
            };
            list.push(r.id.clone());
        }
        excludes
    }
}

/// "A.7.4 and A.7.5"
fn and_list(ids: &[String]) -> String {
    match ids {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "This excludes A.7.4 and A.7.5 from the Statement of Applicability."
pub fn exclusion_text(excludes: &Excludes) -> String {
    let iso = (!excludes.annex_a.is_empty())
        .then(|| format!("{} from the Statement of Applicability", and_list(&excludes.annex_a)));
    let soc2 = (!excludes.soc2.is_empty()).then(|| format!("{} from the SOC 2 scope", and_list(&excludes.soc2)));
    match (iso, soc2) {
        (None, None) => "This excludes nothing: the requirements this question evidences stay open.".into(),
        (Some(one), None) | (None, Some(one)) => format!("This excludes {one}."),
        (Some(iso), Some(soc2)) => format!("This excludes {iso}, and {soc2}."),
    }
}

fn problem_text(problem: &JustificationProblem) -> String {
    match problem {
        JustificationProblem::Blank => "not applicable needs a justification (it goes into the SoA)".into(),
        JustificationProblem::TooShort { min } => {
            format!("say why it does not apply, in at least {min} characters: an auditor reads this in the SoA")
        }
        JustificationProblem::CopyOf(other) => {
            format!("same justification as {other}: say why this question does not apply")
        }
    }
}
