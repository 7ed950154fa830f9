//! The question screen: large and plain for the room, with the guidance, the evidence an
//! auditor will want, the answer scale and which requirements the answer feeds.

use crate::Framework;
use crate::assessment::{Answer, AnswerState, LEVEL_LABELS};
use crate::questionnaire::Question;
use crate::tui::app::{App, Ctx, Msg};
use crate::tui::keymap::Action;
use crate::tui::overlays::{Overlay, justification::Justification, note::NoteEditor};
use crate::tui::session::{READ_ONLY, Session};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub const FOOTER: &[Action] = &[
    Action::Answer(3),
    Action::NotApplicable,
    Action::Unknown,
    Action::EditNote,
    Action::ToggleDeepDive,
    Action::Search,
    Action::NextView,
    Action::Help,
];

/// One word per level for the answer scale line, and shorter still below 100 columns.
const SHORT_LEVELS: [&str; 5] = ["none", "ad hoc", "documented", "implemented", "evidenced"];
const NARROW_LEVELS: [&str; 5] = ["none", "ad hoc", "doc", "impl", "evid"];

#[derive(Debug, Clone, Default)]
pub struct QuestionView;

impl QuestionView {
    pub fn update(&mut self, action: Action, session: &mut Session, cx: &mut Ctx) {
        match action {
            Action::Up | Action::PageUp => session.step(-1),
            Action::Down | Action::PageDown => session.step(1),
            Action::Answer(level) => answer_and_advance(session, cx, |a| {
                a.level = Some(level);
                a.not_applicable = None;
                a.ask_later = false;
            }),
            Action::Unknown => answer_and_advance(session, cx, |a| {
                a.level = None;
                a.not_applicable = None;
                a.ask_later = true;
            }),
            Action::ClearAnswer => {
                change(session, cx, |a| {
                    a.level = None;
                    a.not_applicable = None;
                    a.ask_later = false;
                });
            }
            Action::TogglePrivate => toggle_private(session, cx),
            Action::NotApplicable => open_justification(session, cx),
            Action::EditNote => open_note(session, cx),
            Action::ToggleDeepDive => {
                if let Some(qi) = session.current_question() {
                    session.toggle_deep_dive(cx.questionnaire, cx.questionnaire.questions[qi].domain);
                }
            }
            _ => {}
        }
    }

    pub fn draw(&self, app: &App, session: &Session, frame: &mut Frame, area: Rect) {
        let Some(qi) = session.current_question() else {
            frame.render_widget(Paragraph::new("No questions loaded."), area);
            return;
        };
        let q = &app.questionnaire.questions[qi];
        let [head, body, scale, feeds] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(6), Constraint::Length(3), Constraint::Length(2)])
                .areas(area);
        frame.render_widget(Paragraph::new(head_lines(app, session, q)), head);
        let answer = session.assessment.answers.get(&q.id);
        frame.render_widget(Paragraph::new(body_lines(app.theme, q, answer)).wrap(Wrap { trim: false }), body);
        let scale_lines = scale_lines(app.theme, session, q, area.width);
        frame.render_widget(Paragraph::new(scale_lines).block(Block::new()), scale);
        frame.render_widget(Paragraph::new(feed_line(app, q)).wrap(Wrap { trim: true }), feeds);
    }
}

/// Changes the current answer; a refusal (read-only) goes to the status line.
pub fn change(session: &mut Session, cx: &mut Ctx, update: impl FnOnce(&mut Answer)) -> bool {
    match session.update_answer(cx.catalog, cx.questionnaire, update) {
        Ok(()) => {
            cx.send(Msg::Changed);
            true
        }
        Err(reason) => {
            cx.notice(reason);
            false
        }
    }
}

/// One key per question: answering moves on to the next.
fn answer_and_advance(session: &mut Session, cx: &mut Ctx, update: impl FnOnce(&mut Answer)) {
    if change(session, cx, update) {
        session.step(1);
    }
}

fn toggle_private(session: &mut Session, cx: &mut Ctx) {
    let has_note = session.current_answer(cx.questionnaire).is_some_and(|a| !a.note.is_empty());
    if !has_note {
        cx.notice("no note yet: e writes one, then p makes it consultant-only");
        return;
    }
    change(session, cx, |a| a.note_private = !a.note_private);
}

fn open_note(session: &Session, cx: &mut Ctx) {
    if session.read_only {
        cx.notice(READ_ONLY);
        return;
    }
    let note = session.current_answer(cx.questionnaire).map_or("", |a| a.note.as_str());
    cx.send(Msg::Overlay(Overlay::Note(NoteEditor::new(note))));
}

fn open_justification(session: &Session, cx: &mut Ctx) {
    if session.read_only {
        cx.notice(READ_ONLY);
        return;
    }
    let Some(qi) = session.current_question() else { return };
    let question = &cx.questionnaire.questions[qi];
    if !question.allows_not_applicable() {
        let why = match question.effort_for.only() {
            Some(framework) => format!("every {} audit requires this work", framework.label()),
            None => "the requirements it evidences cannot be scoped out".to_string(),
        };
        cx.notice(format!("{} cannot be not applicable: {why}. Answer 0 if nothing is in place.", question.id));
        return;
    }
    let why = session.current_answer(cx.questionnaire).and_then(|a| a.not_applicable.as_deref()).unwrap_or("");
    cx.send(Msg::Overlay(Overlay::Justification(Justification::new(why))));
}

fn head_lines(app: &App, session: &Session, q: &Question) -> Vec<Line<'static>> {
    let t = app.theme;
    let domain = &app.questionnaire.domains[q.domain];
    let in_domain: Vec<usize> =
        session.walk.iter().copied().filter(|&x| app.questionnaire.questions[x].domain == q.domain).collect();
    let qi = session.current_question();
    let pos_in_domain = in_domain.iter().position(|&x| Some(x) == qi).map_or(0, |p| p + 1);
    let deep = if session.expanded.contains(&q.domain) { "deep-dive open" } else { "core only, d for deep-dive" };
    vec![
        Line::from(vec![
            Span::styled(domain.title.clone(), t.accent()),
            Span::styled(format!("  {pos_in_domain}/{} in domain ({deep})", in_domain.len()), t.muted()),
            Span::styled(format!("  ·  {} of {} in this walk", session.cursor + 1, session.walk.len()), t.muted()),
        ]),
        Line::from(vec![
            Span::styled(q.id.clone(), t.key()),
            Span::styled(if q.core { "  core" } else { "  deep-dive" }, t.muted()),
            Span::styled(format!("  ·  owner {}", q.owner.label()), t.muted()),
            Span::styled(
                q.effort_for.only().map_or(String::new(), |f| format!("  ·  only {} asks for this", f.label())),
                t.warn(),
            ),
        ]),
    ]
}

/// The question, then what the room said (n/a reason, note), then guidance and evidence:
/// on a small screen the bottom is what gets cut.
fn body_lines(t: Theme, q: &Question, answer: Option<&Answer>) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(q.text.clone(), t.title().add_modifier(Modifier::BOLD)))];
    if let Some(a) = answer {
        if let Some(why) = &a.not_applicable {
            lines.push(Line::from(vec![Span::styled("Not applicable because: ", t.warn()), Span::raw(why.clone())]));
        }
        if a.note_private && !a.note.is_empty() {
            // The screen is on the projector: a consultant-only note shows only that it exists.
            lines.push(Line::from(Span::styled("Consultant-only note kept (hidden on screen; e opens it)", t.muted())));
        } else if !a.note.is_empty() {
            let mut note = a.note.lines();
            let first = note.next().unwrap_or("").to_string();
            lines.push(Line::from(vec![Span::styled("Note: ", t.accent()), Span::raw(first)]));
            lines.extend(note.map(|l| Line::from(format!("  {l}"))));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(vec![Span::styled("What good looks like: ", t.accent()), Span::raw(q.guidance.clone())]));
    lines.push(Line::from(Span::styled("Evidence an auditor will ask for:", t.accent())));
    lines.extend(q.evidence.iter().map(|e| Line::from(format!("  • {e}"))));
    lines
}

fn scale_lines(t: Theme, session: &Session, q: &Question, width: u16) -> Vec<Line<'static>> {
    let state = session.assessment.answer(&q.id);
    let answer = session.assessment.answers.get(&q.id);
    let mut spans = vec![Span::styled("Answer ", t.muted())];
    let levels = if width < 100 { NARROW_LEVELS } else { SHORT_LEVELS };
    for (level, short) in levels.iter().enumerate() {
        let chosen = state == AnswerState::Level(level as u8);
        spans.push(Span::styled(format!(" {level} {short} "), if chosen { t.selected() } else { t.muted() }));
    }
    let na = matches!(state, AnswerState::NotApplicable(_));
    spans.push(Span::styled(" n n/a ", if na { t.selected() } else { t.muted() }));
    let unknown = state == AnswerState::Unknown || answer.is_some_and(|a| a.ask_later);
    spans.push(Span::styled(" u later ", if unknown { t.selected() } else { t.muted() }));
    let chosen_label = match state {
        AnswerState::Level(l) => LEVEL_LABELS[usize::from(l)].to_string(),
        AnswerState::NotApplicable(_) => "Not applicable".into(),
        AnswerState::Unknown => "Unknown: ask later".into(),
        AnswerState::Unanswered => "Not answered yet".into(),
    };
    vec![Line::from(spans), Line::from(Span::styled(format!("  {chosen_label}"), t.accent()))]
}

fn feed_line(app: &App, q: &Question) -> Line<'static> {
    let t = app.theme;
    let refs = |fw: Framework| -> String {
        if !q.evidences(fw) {
            return "-".into();
        }
        q.references_of(fw).map(|r| app.catalog.get(r.req).id.clone()).collect::<Vec<_>>().join(" ")
    };
    Line::from(vec![
        Span::styled("Feeds  SOC 2: ", t.soc2()),
        Span::raw(refs(Framework::Soc2)),
        Span::styled("   ISO 27001: ", t.iso()),
        Span::raw(refs(Framework::Iso27001)),
    ])
}
