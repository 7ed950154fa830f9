//! Roadmap: phases on a week timeline, work items with owners and effort, audit milestones,
//! cost ranges and the second framework's increment.

use crate::engine::Analysis;
use crate::report::figures::{money, range as days};
use crate::tui::app::{App, Ctx};
use crate::tui::keymap::Action;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::{Scroll, clip};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Width of the phase titles column.
const LABEL_WIDTH: usize = 38;

#[derive(Debug, Clone, Default)]
pub struct RoadmapView {
    pub scroll: Scroll,
}

impl RoadmapView {
    pub fn update(&mut self, action: Action, session: &mut Session, _cx: &mut Ctx) {
        // The number of lines does not depend on the width (long lines are clipped, not wrapped).
        self.scroll.apply(action, lines(Theme::default(), &session.analysis, 80).len());
    }

    pub fn draw(&self, app: &App, session: &Session, frame: &mut Frame, area: Rect) {
        let block = Block::bordered().title(" Roadmap ").border_style(app.theme.muted());
        let paragraph = Paragraph::new(lines(app.theme, &session.analysis, area.width));
        frame.render_widget(paragraph.scroll((self.scroll.offset, 0)).block(block), area);
    }
}

fn lines(t: Theme, a: &Analysis, width: u16) -> Vec<Line<'static>> {
    let e = &a.effort;
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} first: ", e.first.label()), t.title()),
            Span::raw(format!("{} person-days, {} weeks at {:.1} FTE", days(e.first_days), days(e.first_weeks), e.fte)),
        ]),
        Line::from(if e.second_held {
            vec![Span::styled(format!("{} already held: ", e.second.label()), t.title()), Span::raw("upkeep only")]
        } else {
            vec![
                Span::styled(format!("Then {}: ", e.second.label()), t.title()),
                Span::raw(format!("{} person-days, {} weeks", days(e.second_days), days(e.second_weeks))),
            ]
        }),
    ];
    timeline(t, a, width, &mut lines);
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Audit milestones (week from start)", t.accent())));
    let mut milestones = a.roadmap.milestones.clone();
    milestones.sort_by(|x, y| x.week.total_cmp(&y.week));
    for m in milestones.iter().take(12) {
        lines.push(Line::from(format!("  week {:>4.0}  {}", m.week, m.name)));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Cost ranges (external audit)", t.accent())));
    for c in &a.roadmap.costs {
        lines.push(Line::from(format!("  {}: {}  ({})", c.item, money(c), c.note)));
    }
    work_items(t, a, width, &mut lines);
    lines
}

/// The phases as bars on one week scale.
fn timeline(t: Theme, a: &Analysis, width: u16, lines: &mut Vec<Line<'static>>) {
    let total_weeks = a.roadmap.phases.iter().map(|p| p.start_week + p.weeks.high).fold(1.0_f64, f64::max);
    let scale_width = (width as usize).saturating_sub(LABEL_WIDTH + 16).max(10);
    let col = |week: f64| ((week / total_weeks) * scale_width as f64).round() as usize;
    lines.push(Line::from(Span::styled(
        format!("{:<LABEL_WIDTH$} {:>8}  week 0 … {total_weeks:.0}", "Phase", "weeks"),
        t.accent(),
    )));
    for p in &a.roadmap.phases {
        let start = col(p.start_week).min(scale_width);
        let len = col(p.weeks.high).max(1).min(scale_width - start.min(scale_width)).max(1);
        let style = if p.framework == crate::Framework::Soc2 { t.soc2() } else { t.iso() };
        lines.push(Line::from(vec![
            Span::raw(format!("{:<LABEL_WIDTH$} {:>8}  ", clip(&p.title, LABEL_WIDTH), days(p.weeks))),
            Span::raw(" ".repeat(start)),
            Span::styled("█".repeat(len), style),
        ]));
    }
}

fn work_items(t: Theme, a: &Analysis, width: u16, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Work items, by phase (owner, person-days)", t.accent())));
    for p in &a.roadmap.phases {
        lines.push(Line::from(Span::styled(format!("  {}", p.title), t.title())));
        for item in &p.items {
            lines.push(Line::from(format!(
                "    {:<8} {:<16} {:>6}  {}",
                item.id,
                item.owner.label(),
                days(item.days),
                clip(&item.title, (width as usize).saturating_sub(40))
            )));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Who to involve", t.accent())));
    for o in &a.roadmap.owners {
        lines.push(Line::from(format!("  {:<16} {:>3} items  {} person-days", o.owner.label(), o.items, days(o.days))));
    }
}
