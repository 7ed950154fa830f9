//! Roadmap: phases on a week timeline, work items with owners and effort, audit milestones,
//! cost ranges and the second framework's increment.

use crate::report::figures::{money, range as days};
use crate::tui::app::{App, Session};
use crate::tui::widgets::{clamp_scroll, clip};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(app: &App, session: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let a = &session.analysis;
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
    let total_weeks = a.roadmap.phases.iter().map(|p| p.start_week + p.weeks.high).fold(1.0_f64, f64::max);
    let label_width = 38usize;
    let scale_width = (area.width as usize).saturating_sub(label_width + 16).max(10);
    let col = |week: f64| ((week / total_weeks) * scale_width as f64).round() as usize;
    lines.push(Line::from(Span::styled(
        format!("{:<label_width$} {:>8}  week 0 … {total_weeks:.0}", "Phase", "weeks"),
        t.accent(),
    )));
    for p in &a.roadmap.phases {
        let start = col(p.start_week).min(scale_width);
        let len = col(p.weeks.high).max(1).min(scale_width - start.min(scale_width)).max(1);
        let style = if p.framework == crate::Framework::Soc2 { t.soc2() } else { t.iso() };
        lines.push(Line::from(vec![
            Span::raw(format!("{:<label_width$} {:>8}  ", clip(&p.title, label_width), days(p.weeks))),
            Span::raw(" ".repeat(start)),
            Span::styled("█".repeat(len), style),
        ]));
    }
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
                clip(&item.title, (area.width as usize).saturating_sub(40))
            )));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Who to involve", t.accent())));
    for o in &a.roadmap.owners {
        lines.push(Line::from(format!("  {:<16} {:>3} items  {} person-days", o.owner.label(), o.items, days(o.days))));
    }
    let block = Block::bordered().title(" Roadmap ").border_style(t.muted());
    let scroll = clamp_scroll(session.scroll, lines.len());
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), area);
}
