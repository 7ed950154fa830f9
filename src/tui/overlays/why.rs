//! Why a domain's readiness is what it is: the answers and weights behind it.

use super::{Boxed, read};
use crate::Framework;
use crate::engine::Input;
use crate::questionnaire::Questionnaire;
use crate::report::figures::{answer_label, percent};
use crate::tui::app::{App, Ctx};
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::{Scroll, clip};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    pub domain: usize,
    pub scroll: Scroll,
}

impl Why {
    pub fn new(domain: usize) -> Why {
        Why { domain, scroll: Scroll::default() }
    }

    pub fn update(&mut self, action: Option<Action>, session: Option<&Session>, cx: &mut Ctx) -> bool {
        let count = session.map_or(0, |s| lines(Theme::default(), cx.questionnaire, s, self.domain).len());
        read(&mut self.scroll, count, action, cx)
    }

    pub fn draw(&self, app: &App, area: Rect) -> Boxed {
        let keys = hint_text(Context::Reader, &[Action::Up, Action::Down, Action::Close]);
        let title = format!(" Why: {} ({keys}) ", app.questionnaire.domains[self.domain].title);
        let lines =
            app.session.as_ref().map_or_else(Vec::new, |s| lines(app.theme, &app.questionnaire, s, self.domain));
        Boxed { scroll: self.scroll, ..Boxed::new(title, lines, 110, area.height) }
    }
}

/// The answers behind a domain's figures: for each question, the answer, its score and the
/// weight it carries in each framework, then the sums that make the percentages.
fn lines(t: Theme, questionnaire: &Questionnaire, session: &Session, domain: usize) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled(
            "Readiness = sum(weight x answer score) / sum(weight) over answered questions; score = level / 4.",
            t.muted(),
        )),
        Line::from(Span::styled(
            "Coverage = answered weight / applicable weight. Unknown is not assessed (no score, no coverage); \
             n/a drops out only where its policy allows.",
            t.muted(),
        )),
        Line::from(Span::styled(
            "A requirement resting only on partial links (weight below 0.5) counts that evidence as 0.5: it reads \
             \"insufficient evidence\" and never 100%.",
            t.muted(),
        )),
        Line::default(),
        Line::from(Span::styled(
            format!("{:<9} {:<22} {:>6} {:>12} {:>12}", "Question", "Answer", "Score", "SOC 2 wt", "ISO wt"),
            t.accent(),
        )),
    ];
    for &qi in &questionnaire.domains[domain].questions {
        lines.push(question_line(questionnaire, session, qi));
    }
    lines.push(Line::default());
    let score = &session.analysis().readiness.domains[domain];
    for fw in Framework::ALL {
        let i = fw.index();
        let text = if score.relevant[i] {
            let figure = &score.figures[i];
            format!("{}: {} ready, {} coverage", fw.label(), percent(figure.readiness), percent(figure.coverage))
        } else {
            format!("{}: no requirement in scope in this domain", fw.label())
        };
        lines.push(Line::from(Span::styled(text, t.title())));
    }
    let thin = insufficient_evidence(questionnaire, session, domain);
    if !thin.is_empty() {
        lines.push(Line::from(Span::styled(format!("Insufficient evidence: {}", thin.join(" ")), t.warn())));
    }
    lines
}

/// Requirements this domain evidences whose figure rests on partial links only.
fn insufficient_evidence(questionnaire: &Questionnaire, session: &Session, domain: usize) -> Vec<String> {
    let readiness = &session.analysis().readiness;
    let mut ids: Vec<String> = Vec::new();
    for &qi in &questionnaire.domains[domain].questions {
        for r in &questionnaire.questions[qi].references {
            let score = &readiness.requirements[r.req];
            let id = &crate::catalog::Catalog::embedded().get(r.req).id;
            if score.in_scope && score.insufficient_evidence && !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids
}

fn question_line(questionnaire: &Questionnaire, session: &Session, qi: usize) -> Line<'static> {
    let q = &questionnaire.questions[qi];
    let readiness = &session.analysis().readiness;
    let weight = |fw: Framework| -> String {
        let w: f64 = q.references_of(fw).filter(|r| readiness.requirements[r.req].in_scope).map(|r| r.weight).sum();
        if w > 0.0 { format!("{w:.2}") } else { "-".into() }
    };
    let answer = answer_label(session.assessment.answers.get(&q.id));
    let input = match readiness.inputs[qi] {
        Input::Scored(s) => percent(s * 100.0),
        Input::NotApplicable => "n/a".into(),
        Input::ProposedNotApplicable => "n/a to confirm".into(),
        Input::Unanswered => "-".into(),
        Input::Unknown => "not assessed".into(),
    };
    Line::from(format!(
        "{:<9} {:<22} {:>6} {:>12} {:>12}",
        q.id,
        clip(&answer, 22),
        input,
        weight(Framework::Soc2),
        weight(Framework::Iso27001)
    ))
}
