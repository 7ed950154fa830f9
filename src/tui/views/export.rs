//! Export: writes the client deliverables and shows where they went.

use crate::report::{Format, charts};
use crate::tui::app::{App, Ctx, Effect, Msg};
use crate::tui::keymap::Action;
use crate::tui::session::{READ_ONLY, Session};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub const FOOTER: &[Action] = &[Action::Export, Action::NextView, Action::Help, Action::Quit];

/// The deliverables the export writes: file name, description, format.
pub const DELIVERABLES: [(&str, &str, Format); 8] = [
    ("roadmap.md", "Markdown roadmap for the client: summary, readiness, gaps, roadmap, draft SoA", Format::Markdown),
    ("soa.csv", "Draft ISO 27001 Statement of Applicability, 93 controls (CSV)", Format::Soa),
    ("gaps.csv", "Gap list, one row per gap (CSV)", Format::Csv),
    ("report.json", "Everything, for GRC tools and scripts (JSON)", Format::Json),
    ("evidence.md", "Evidence requests by owner: what the auditor will ask for", Format::Evidence),
    ("evidence.csv", "Evidence requests, one row per item (CSV)", Format::EvidenceCsv),
    (charts::READINESS_FILE, "Chart: readiness by domain for both frameworks", Format::ReadinessSvg),
    (charts::TIMELINE_FILE, "Chart: the plan's timeline, milestones and deadline", Format::TimelineSvg),
];

pub fn update(action: Action, session: &mut Session, cx: &mut Ctx) {
    if action != Action::Export {
        return;
    }
    if session.read_only {
        // Read-only may be behind the editing instance: exports come from the one editing.
        cx.notice(READ_ONLY);
        return;
    }
    cx.send(Msg::Effect(Effect::Export));
}

pub fn draw(app: &App, session: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let mut lines =
        vec![Line::from(Span::styled("Press Enter to write the deliverables:", t.title())), Line::default()];
    for (suffix, what, _) in DELIVERABLES {
        lines.push(Line::from(vec![Span::styled(format!("  {suffix:<14}"), t.key()), Span::raw(what)]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Consultant-only notes never appear in these files.", t.muted())));
    if !session.exported.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Written:", t.good())));
        for path in &session.exported {
            lines.push(Line::from(format!("  {}", path.display())));
        }
    }
    let block = Block::bordered().title(" Export ").border_style(t.muted());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}
