//! The question screen: large and plain for the room, with the guidance, the evidence an
//! auditor will want, the answer scale and which requirements the answer feeds.

use crate::Framework;
use crate::assessment::{AnswerState, LEVEL_LABELS};
use crate::tui::app::{App, Session};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// One word per level for the answer scale line, and shorter still below 100 columns.
const SHORT_LEVELS: [&str; 5] = ["none", "ad hoc", "documented", "implemented", "evidenced"];
const NARROW_LEVELS: [&str; 5] = ["none", "ad hoc", "doc", "impl", "evid"];

pub fn render(app: &App, session: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let Some(qi) = session.current_question() else {
        frame.render_widget(Paragraph::new("No questions loaded."), area);
        return;
    };
    let q = &app.questionnaire.questions[qi];
    let domain = &app.questionnaire.domains[q.domain];
    let answer = session.assessment.answers.get(&q.id);
    let state = session.assessment.answer(&q.id);
    let in_domain: Vec<usize> =
        session.walk.iter().copied().filter(|&x| app.questionnaire.questions[x].domain == q.domain).collect();
    let pos_in_domain = in_domain.iter().position(|&x| x == qi).map_or(0, |p| p + 1);
    let deep = if session.expanded.contains(&q.domain) { "deep-dive open" } else { "core only, d for deep-dive" };

    let [head, body, scale, feeds] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(6), Constraint::Length(3), Constraint::Length(2)])
            .areas(area);

    let head_lines = vec![
        Line::from(vec![
            Span::styled(domain.title.clone(), t.accent()),
            Span::styled(format!("  {pos_in_domain}/{} in domain ({deep})", in_domain.len()), t.muted()),
            Span::styled(format!("  ·  {} of {} in this walk", session.cursor + 1, session.walk.len()), t.muted()),
        ]),
        Line::from(vec![
            Span::styled(q.id.clone(), t.key()),
            Span::styled(if q.core { "  core" } else { "  deep-dive" }, t.muted()),
            Span::styled(format!("  ·  owner {}", q.owner.label()), t.muted()),
            Span::styled(q.only.map_or(String::new(), |f| format!("  ·  only {} asks for this", f.label())), t.warn()),
        ]),
    ];
    frame.render_widget(Paragraph::new(head_lines), head);

    // The question, then what the room said (n/a reason, note), then guidance and evidence:
    // on a small screen the bottom is what gets cut.
    let mut lines = vec![Line::from(Span::styled(q.text.clone(), t.title().add_modifier(Modifier::BOLD)))];
    if let Some(a) = answer {
        if let Some(why) = a.justification() {
            lines
                .push(Line::from(vec![Span::styled("Not applicable because: ", t.warn()), Span::raw(why.to_string())]));
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
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);

    let mut spans = vec![Span::styled("Answer ", t.muted())];
    let levels = if area.width < 100 { NARROW_LEVELS } else { SHORT_LEVELS };
    for (level, short) in levels.iter().enumerate() {
        let chosen = state == AnswerState::Level(level as u8);
        let text = format!(" {level} {short} ");
        spans.push(Span::styled(text, if chosen { t.selected() } else { t.muted() }));
    }
    let na = matches!(state, AnswerState::NotApplicable(_));
    spans.push(Span::styled(" n n/a ", if na { t.selected() } else { t.muted() }));
    let unknown = state == AnswerState::Unknown || answer.is_some_and(|a| a.to_confirm);
    spans.push(Span::styled(" u later ", if unknown { t.selected() } else { t.muted() }));
    let chosen_label = match state {
        AnswerState::Level(l) => LEVEL_LABELS[usize::from(l)].to_string(),
        AnswerState::NotApplicable(_) => "Not applicable".into(),
        AnswerState::Unknown => "Unknown: ask later".into(),
        AnswerState::Unanswered => "Not answered yet".into(),
    };
    let scale_lines = vec![Line::from(spans), Line::from(Span::styled(format!("  {chosen_label}"), t.accent()))];
    frame.render_widget(Paragraph::new(scale_lines).block(Block::new()), scale);

    let refs = |fw: Framework| -> String {
        q.references_of(fw).map(|r| app.catalog.get(r.req).id.clone()).collect::<Vec<_>>().join(" ")
    };
    let feed_lines = vec![Line::from(vec![
        Span::styled("Feeds  SOC 2: ", t.soc2()),
        Span::raw(if q.evidences(Framework::Soc2) { refs(Framework::Soc2) } else { "-".into() }),
        Span::styled("   ISO 27001: ", t.iso()),
        Span::raw(if q.evidences(Framework::Iso27001) { refs(Framework::Iso27001) } else { "-".into() }),
    ])];
    frame.render_widget(Paragraph::new(feed_lines).wrap(Wrap { trim: true }), feeds);
}
