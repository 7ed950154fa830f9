//! The question screen: large and plain for the room, with the guidance, the evidence an
//! auditor will want, the answer scale and which requirements the answer feeds.

use crate::Framework;
use crate::assessment::{Answer, AnswerState, LEVEL_LABELS, Level, Response};
use crate::questionnaire::Question;
use crate::tui::app::{App, Ctx, Msg};
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::overlays::evidence::EvidenceSeen;
use crate::tui::overlays::justification::{Excludes, Justification};
use crate::tui::overlays::{Overlay, note::NoteEditor};
use crate::tui::session::{READ_ONLY, Session};
use crate::tui::theme::Theme;
use crate::tui::widgets::{pack, wrap_labelled};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub const FOOTER: &[Action] = &[
    Action::Answer(3),
    Action::NotApplicable,
    Action::Unknown,
    Action::EditNote,
    Action::PrivateNote,
    Action::ToggleDeepDive,
    Action::Search,
    Action::NextView,
    Action::Help,
];

/// One word per level for the answer scale line, and shorter still below 100 columns.
const SHORT_LEVELS: [&str; 5] = ["none", "ad hoc", "documented", "implemented", "evidenced"];
const NARROW_LEVELS: [&str; 5] = ["none", "ad hoc", "doc", "impl", "evid"];

#[derive(Debug, Clone, Default)]
pub struct QuestionView {
    /// The question whose consultant-only note the consultant chose to show. Any other
    /// question, or leaving this view, masks it again.
    pub revealed: Option<usize>,
}

impl QuestionView {
    pub fn update(&mut self, action: Action, session: &mut Session, cx: &mut Ctx) {
        self.act(action, session, cx);
        if self.revealed != session.current_question() {
            self.revealed = None;
        }
    }

    fn act(&mut self, action: Action, session: &mut Session, cx: &mut Ctx) {
        match action {
            Action::Up | Action::PageUp => session.step(-1),
            Action::Down | Action::PageDown => session.step(1),
            Action::Answer(level) => {
                answer_and_advance(session, cx, |a| a.respond(Response::Level(Level::clamped(level))))
            }
            Action::Unknown => answer_and_advance(session, cx, |a| a.respond(Response::Unknown)),
            Action::ClearAnswer => {
                change(session, cx, |a| a.respond(Response::Unanswered));
            }
            Action::TogglePrivate => toggle_private(session, cx),
            Action::NotApplicable => open_justification(session, cx),
            Action::EditNote => open_note(session, cx, false),
            Action::EvidenceSeen => open_evidence(session, cx),
            Action::PrivateNote => open_note(session, cx, true),
            Action::RevealNote => self.reveal(session, cx),
            Action::GivenBy => given_by(session, cx),
            Action::NextOpen | Action::PrevOpen => {
                match session.next_open(cx.questionnaire, action == Action::NextOpen) {
                    Some(pos) => session.cursor = pos,
                    None => cx.notice("every question in this walk has an answer"),
                }
            }
            Action::ToggleDeepDive => {
                if let Some(qi) = session.current_question() {
                    session.toggle_deep_dive(cx.questionnaire, cx.questionnaire.questions[qi].domain);
                }
            }
            _ => {}
        }
    }

    fn reveal(&mut self, session: &Session, cx: &mut Ctx) {
        let private = session.current_answer(cx.questionnaire).is_some_and(|a| a.note_private && !a.note.is_empty());
        if !private {
            cx.notice("no consultant-only note on this question");
            return;
        }
        // A second press masks it again at once.
        self.revealed = if self.revealed.is_some() { None } else { session.current_question() };
    }

    pub fn draw(&self, app: &App, session: &Session, frame: &mut Frame, area: Rect) {
        let Some(qi) = session.current_question() else {
            frame.render_widget(Paragraph::new("No questions loaded."), area);
            return;
        };
        let q = &app.questionnaire.questions[qi];
        let head_lines = head_lines(app, session, q, usize::from(area.width));
        let head_height = u16::try_from(head_lines.len()).unwrap_or(2);
        let [head, body, scale, feeds] = Layout::vertical([
            Constraint::Length(head_height),
            Constraint::Min(6),
            Constraint::Length(3),
            Constraint::Length(2),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(head_lines), head);
        let answer = session.assessment.answers.get(&q.id);
        let revealed = self.revealed == Some(qi);
        frame.render_widget(Paragraph::new(body_lines(app.theme, q, answer, revealed, body)), body);
        let scale_lines = scale_lines(app.theme, session, q, area.width);
        frame.render_widget(Paragraph::new(scale_lines).block(Block::new()), scale);
        frame.render_widget(Paragraph::new(feed_line(app, q)).wrap(Wrap { trim: true }), feeds);
    }
}

/// Changes the current answer; a refusal (read-only) goes to the status line.
pub fn change(session: &mut Session, cx: &mut Ctx, update: impl FnOnce(&mut Answer)) -> bool {
    match session.update_answer(cx.questionnaire, update) {
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

/// Opens the note editor; a consultant-only note (or one started with the private key) is
/// masked from the first key.
fn open_note(session: &Session, cx: &mut Ctx, private: bool) {
    if session.read_only {
        cx.notice(READ_ONLY);
        return;
    }
    let answer = session.current_answer(cx.questionnaire);
    let note = answer.map_or("", |a| a.note.as_str());
    let private = private || answer.is_some_and(|a| a.note_private && !a.note.is_empty());
    cx.send(Msg::Overlay(Overlay::Note(NoteEditor::new(note, private))));
}

fn open_evidence(session: &Session, cx: &mut Ctx) {
    if session.read_only {
        cx.notice(READ_ONLY);
        return;
    }
    let Some(answer) = session.current_answer(cx.questionnaire).filter(|a| a.level_value().is_some()) else {
        cx.notice("answer with a level first: evidence seen backs a level");
        return;
    };
    let reference = answer.evidence_seen.as_deref().unwrap_or("");
    cx.send(Msg::Overlay(Overlay::EvidenceSeen(EvidenceSeen::new(reference))));
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
    let why = session.current_answer(cx.questionnaire).and_then(Answer::justification).unwrap_or("");
    let excludes = Excludes::of(cx.catalog, question);
    cx.send(Msg::Overlay(Overlay::Justification(Justification::new(why, excludes))));
}

fn head_lines(app: &App, session: &Session, q: &Question, width: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let domain = &app.questionnaire.domains[q.domain];
    let in_domain: Vec<usize> =
        session.walk.iter().copied().filter(|&x| app.questionnaire.questions[x].domain == q.domain).collect();
    let qi = session.current_question();
    let pos_in_domain = in_domain.iter().position(|&x| Some(x) == qi).map_or(0, |p| p + 1);
    let deep = if session.expanded.contains(&q.domain) { "deep-dive open" } else { "core only, d for deep-dive" };
    let mut lines = pack(
        vec![
            Span::styled(domain.title.clone(), t.accent()),
            Span::styled(format!("  {pos_in_domain}/{} in domain ({deep})", in_domain.len()), t.muted()),
            Span::styled(format!("  ·  {} of {} in this walk", session.cursor + 1, session.walk.len()), t.muted()),
        ],
        width,
    );
    let mut second = vec![
        Span::styled(q.id.clone(), t.key()),
        Span::styled(if q.core { "  core" } else { "  deep-dive" }, t.muted()),
        Span::styled(format!("  ·  owner {}", q.owner.label()), t.muted()),
    ];
    if let Some(f) = q.effort_for.only() {
        second.push(Span::styled(format!("  ·  only {} asks for this", f.label()), t.warn()));
    }
    lines.extend(pack(second, width));
    lines
}

/// Lines of a note shown on the question screen; the editor shows the rest.
const NOTE_LINES: usize = 3;

/// The question, then what the room said (n/a reason, note), then guidance and evidence,
/// fitted to `height` rows: on a small screen the blank line goes first, then evidence
/// bullets are counted ("+2 more") rather than silently cut, then the guidance is shortened.
fn body_lines(t: Theme, q: &Question, answer: Option<&Answer>, revealed: bool, area: Rect) -> Vec<Line<'static>> {
    let width = usize::from(area.width);
    let bold = t.title().add_modifier(Modifier::BOLD);
    let mut top = wrap_labelled(Span::raw(""), &q.text, bold, width, 0);
    top.extend(answer_lines(t, answer, revealed, width));
    let guidance =
        wrap_labelled(Span::styled("What good looks like: ", t.accent()), &q.guidance, Style::new(), width, 2);
    let bullets: Vec<Vec<Line>> =
        q.evidence.iter().map(|e| wrap_labelled(Span::raw("  • "), e, Style::new(), width, 4)).collect();
    fit_body(t, top, guidance, bullets, usize::from(area.height))
}

fn fit_body(
    t: Theme,
    top: Vec<Line<'static>>,
    mut guidance: Vec<Line<'static>>,
    bullets: Vec<Vec<Line<'static>>>,
    height: usize,
) -> Vec<Line<'static>> {
    let header = Line::from(Span::styled("Evidence an auditor will ask for:", t.accent()));
    let evidence_rows: usize = bullets.iter().map(Vec::len).sum();
    let spare = height.saturating_sub(top.len() + guidance.len() + 1 + evidence_rows);
    let mut lines = top;
    if spare > 0 {
        lines.push(Line::default());
    }
    // Keep room for the evidence header and a "+N more" line.
    let guidance_room = height.saturating_sub(lines.len() + 2).max(1);
    if guidance.len() > guidance_room {
        guidance.truncate(guidance_room);
        if let Some(last) = guidance.last_mut() {
            last.spans.push(Span::styled(" …", t.muted()));
        }
    }
    lines.extend(guidance);
    lines.push(header);
    let mut room = height.saturating_sub(lines.len());
    for (shown, bullet) in bullets.iter().enumerate() {
        let rest = bullets.len() - shown;
        // The last bullet may use the row a "+N more" would take.
        let needed = bullet.len() + usize::from(rest > 1);
        if needed > room {
            lines.push(Line::from(Span::styled(format!("  +{rest} more"), t.muted())));
            break;
        }
        room -= bullet.len();
        lines.extend(bullet.iter().cloned());
    }
    lines
}

/// The n/a reason and the note, as the room may see them.
fn answer_lines(t: Theme, answer: Option<&Answer>, revealed: bool, width: usize) -> Vec<Line<'static>> {
    let Some(a) = answer else { return Vec::new() };
    let mut lines = Vec::new();
    if let Some(why) = a.justification() {
        let label = Span::styled("Not applicable because: ", t.warn());
        lines.extend(wrap_labelled(label, why, Style::new(), width, 2));
    }
    if let Some(seen) = &a.evidence_seen {
        lines.extend(wrap_labelled(Span::styled("Evidence seen: ", t.accent()), seen, Style::new(), width, 2));
    }
    if a.note.is_empty() {
        return lines;
    }
    if a.note_private && !revealed {
        // The screen is on the projector: a consultant-only note shows only that it exists.
        let reveal = hint_text(Context::Question, &[Action::RevealNote]);
        let text = format!("Consultant-only note kept (hidden on screen; {reveal} shows it here)");
        lines.extend(wrap_labelled(Span::raw(""), &text, t.muted(), width, 0));
        return lines;
    }
    let label = if a.note_private { "Consultant-only note: " } else { "Note: " };
    let mut note: Vec<Line> = Vec::new();
    for (i, paragraph) in a.note.lines().enumerate() {
        let label = if i == 0 { Span::styled(label, t.accent()) } else { Span::raw("  ") };
        note.extend(wrap_labelled(label, paragraph, Style::new(), width, 2));
    }
    if note.len() > NOTE_LINES {
        let more = note.len() - (NOTE_LINES - 1);
        note.truncate(NOTE_LINES - 1);
        let open = hint_text(Context::Question, &[Action::EditNote]);
        note.push(Line::from(Span::styled(format!("  … {more} more lines ({open} opens it)"), t.muted())));
    }
    lines.extend(note);
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
    let unknown = state == AnswerState::Unknown || answer.is_some_and(|a| a.to_confirm);
    spans.push(Span::styled(" u later ", if unknown { t.selected() } else { t.muted() }));
    let chosen_label = match state {
        AnswerState::Level(l) => LEVEL_LABELS[usize::from(l)].to_string(),
        AnswerState::NotApplicable(_) => "Not applicable".into(),
        AnswerState::Unknown => "Not assessed yet: ask later".into(),
        AnswerState::Unanswered => "Not answered yet".into(),
    };
    let mut chosen = vec![Span::styled(format!("  {chosen_label}"), t.accent())];
    if let Some(who) = answer.and_then(|a| a.given_by.as_deref()) {
        chosen.push(Span::styled(format!("  ·  given by {who}"), t.muted()));
    }
    vec![Line::from(spans), Line::from(chosen)]
}

/// One key records who gave the answer: the next attendee in the profile's list, and after
/// the last, nobody.
fn given_by(session: &mut Session, cx: &mut Ctx) {
    let people: Vec<String> = session.assessment.attendees.iter().map(|a| a.label()).collect();
    if people.is_empty() {
        cx.notice("no attendees yet: add them in the profile (name (role), ...)");
        return;
    }
    let now = session.current_answer(cx.questionnaire).and_then(|a| a.given_by.clone());
    let next = match now.and_then(|who| people.iter().position(|p| *p == who)) {
        Some(i) => people.get(i + 1).cloned(),
        None => people.first().cloned(),
    };
    change(session, cx, |a| a.given_by = next);
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
