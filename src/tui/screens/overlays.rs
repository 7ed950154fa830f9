//! Pop-ups drawn over the current screen: help, search, note and text editors, lock notice.

use crate::Framework;
use crate::engine::Input;
use crate::report::figures::answer_label;
use crate::tui::app::{App, Leaving, Overlay, SaveState};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Context, KEYMAP, keys_label};
use crate::tui::profile_form;
use crate::tui::widgets::{centered, clamp_scroll, clip};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let (title, lines, width, height): (String, Vec<Line>, u16, u16) = match &app.overlay {
        Overlay::None => return,
        Overlay::Help { .. } => (" Keys: ↑/↓ scroll, any other key closes ".into(), help_lines(app), 90, area.height),
        Overlay::Why { domain, .. } => {
            let title =
                format!(" Why: {} (↑/↓ scroll, any other key closes) ", app.questionnaire.domains[*domain].title);
            (title, why_lines(app, *domain), 110, area.height)
        }
        Overlay::Search { input, results, selected } => {
            let mut lines = vec![Line::from(vec![Span::styled("Find: ", t.accent()), Span::raw(input.with_cursor())])];
            lines
                .push(Line::from(Span::styled("question id or words; ↑/↓ choose, Enter jumps, Esc closes", t.muted())));
            for (i, &qi) in results.iter().enumerate().take(usize::from(area.height.saturating_sub(6))) {
                let q = &app.questionnaire.questions[qi];
                let text = format!("{:<8} {}", q.id, clip(&q.text, 70));
                let style = if i == *selected { t.selected() } else { t.base() };
                lines.push(Line::from(Span::styled(text, style)));
            }
            if results.is_empty() && !input.value.is_empty() {
                lines.push(Line::from(Span::styled("no question matches", t.muted())));
            }
            (" Jump to a question ".into(), lines, 90, area.height.saturating_sub(4))
        }
        Overlay::Note { input } => {
            let inner = usize::from(80u16.min(area.width).saturating_sub(2));
            let rows = usize::from(14u16.min(area.height).saturating_sub(5));
            let mut lines: Vec<Line> = input.rows(inner, rows).into_iter().map(Line::from).collect();
            lines.extend(notice_line(app, input));
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                "Enter: new line · Esc or Ctrl-S: keep the note · p on the question: consultant-only",
                t.muted(),
            )));
            (" Note ".into(), lines, 80, 14)
        }
        Overlay::Justification { input } => (
            " Not applicable: why? ".into(),
            {
                let inner = usize::from(80u16.min(area.width).saturating_sub(2));
                let mut lines: Vec<Line> = input.rows(inner, 3).into_iter().map(Line::from).collect();
                lines.extend(notice_line(app, input));
                lines.push(Line::default());
                lines.push(Line::from(Span::styled(
                    "The justification goes into the Statement of Applicability. Enter keeps, Esc cancels.",
                    t.muted(),
                )));
                lines
            },
            80,
            10,
        ),
        Overlay::ProfileText { field, input, error } => {
            let mut lines = vec![Line::from(input.with_cursor())];
            lines.extend(notice_line(app, input));
            if let Some(e) = error {
                lines.push(Line::from(Span::styled(e.clone(), t.bad())));
            }
            lines.push(Line::from(Span::styled("Enter keeps, Esc cancels", t.muted())));
            (format!(" {} ", profile_form::label(*field)), lines, 60, 7)
        }
        Overlay::NewClient { input } => (
            " New assessment: client name ".into(),
            vec![
                Line::from(input.with_cursor()),
                notice_line(app, input).unwrap_or_default(),
                Line::from(Span::styled("Enter creates the assessment, Esc cancels", t.muted())),
            ],
            60,
            7,
        ),
        Overlay::Unsaved { leaving } => {
            let reason = match &app.save_state {
                SaveState::Failed(reason) => reason.clone(),
                _ => "the last save failed".to_string(),
            };
            let changes = if app.unsaved == 1 { "1 change".to_string() } else { format!("{} changes", app.unsaved) };
            let lose = match leaving {
                Leaving::Quit => format!("L: quit and lose {changes}"),
                Leaving::Home => format!("L: close it and lose {changes}"),
            };
            (
                " Not saved ".into(),
                vec![
                    Line::from(Span::styled(format!("The last {changes} could not be saved:"), t.bad())),
                    Line::from(reason),
                    Line::default(),
                    Line::from("r: try saving again"),
                    Line::from("c: save a copy with every answer elsewhere (home or temporary folder)"),
                    Line::from(Span::styled(lose, t.warn())),
                    Line::from("Esc: back to the workshop"),
                ],
                80,
                12,
            )
        }
        Overlay::Locked { message, .. } => (
            " Assessment in use ".into(),
            vec![
                Line::from(Span::styled(message.clone(), t.warn())),
                Line::default(),
                Line::from("r: open read-only   ·   Esc: back"),
            ],
            76,
            8,
        ),
    };
    let scroll = match &app.overlay {
        Overlay::Help { scroll } | Overlay::Why { scroll, .. } => *scroll,
        _ => 0,
    };
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(title).title_style(t.title()).border_style(t.accent()).style(t.base());
    let scroll = clamp_scroll(scroll, lines.len());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)).block(block), rect);
}

/// The editor's notice (a refused paste, a limit), if it has one.
fn notice_line(app: &App, input: &TextInput) -> Option<Line<'static>> {
    input.notice.map(|notice| Line::from(Span::styled(notice.text(), app.theme.warn())))
}

/// Every key, grouped by where it applies, straight from the keymap table.
fn help_lines(app: &App) -> Vec<Line<'static>> {
    let t = app.theme;
    let order = [
        Context::Global,
        Context::Home,
        Context::Profile,
        Context::Question,
        Context::Domains,
        Context::Dashboard,
        Context::Lists,
        Context::Export,
    ];
    let mut lines = Vec::new();
    for ctx in order {
        let rows: Vec<_> = KEYMAP.iter().filter(|b| b.context == ctx).collect();
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(ctx.label().to_string(), t.accent())));
        for b in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", keys_label(b)), t.key()),
                Span::raw(b.help.to_string()),
            ]));
        }
    }
    lines
}

/// The answers behind a domain's figures: for each question, the answer, its score and the
/// weight it carries in each framework, then the sums that make the percentages.
fn why_lines(app: &App, domain: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let Some(session) = &app.session else { return Vec::new() };
    let score = &session.analysis.readiness.domains[domain];
    let mut lines = vec![
        Line::from(Span::styled(
            "Readiness = sum(weight x answer score) / sum(weight) over answered questions; score = level / 4.",
            t.muted(),
        )),
        Line::from(Span::styled(
            "Coverage = answered weight / applicable weight. Unknown counts as 0; n/a drops out.",
            t.muted(),
        )),
        Line::default(),
        Line::from(Span::styled(
            format!("{:<9} {:<22} {:>6} {:>12} {:>12}", "Question", "Answer", "Score", "SOC 2 wt", "ISO wt"),
            t.accent(),
        )),
    ];
    for &qi in &app.questionnaire.domains[domain].questions {
        let q = &app.questionnaire.questions[qi];
        let weight = |fw: Framework| -> String {
            let w: f64 = q
                .references_of(fw)
                .filter(|r| session.analysis.readiness.requirements[r.req].in_scope)
                .map(|r| r.weight)
                .sum();
            if w > 0.0 { format!("{w:.2}") } else { "-".into() }
        };
        let answer = answer_label(session.assessment.answers.get(&q.id));
        let input = match session.analysis.readiness.inputs[qi] {
            Input::Scored(s) => format!("{:.0}%", s * 100.0),
            Input::NotApplicable => "n/a".into(),
            Input::Unanswered => "-".into(),
        };
        lines.push(Line::from(format!(
            "{:<9} {:<22} {:>6} {:>12} {:>12}",
            q.id,
            clip(&answer, 22),
            input,
            weight(Framework::Soc2),
            weight(Framework::Iso27001)
        )));
    }
    lines.push(Line::default());
    for fw in Framework::ALL {
        let i = fw.index();
        let text = if score.relevant[i] {
            format!(
                "{}: {:.0}% ready, {:.0}% coverage",
                fw.label(),
                score.figures[i].readiness,
                score.figures[i].coverage
            )
        } else {
            format!("{}: no requirement in scope in this domain", fw.label())
        };
        lines.push(Line::from(Span::styled(text, t.title())));
    }
    lines
}
