//! Roadmap: the recommended plan's workstreams on a week timeline (weeks and dates), its
//! milestones, deadlines with their verdicts, costs for year 1 and three years, the other
//! plans side by side, and the work items per workstream.

use crate::report::figures::{money, range as days, weeks_span};
use crate::report::plan_text::{deadline_sentence, deadline_title, flag_sentence, milestone_label, plan_title};
use crate::tui::app::{App, Session};
use crate::tui::widgets::{clamp_scroll, clip};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(app: &App, session: &Session, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let roadmap = &session.analysis.roadmap;
    let plan = roadmap.plan();
    let currency = roadmap.currency;
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", plan_title(plan)), t.title()),
            Span::raw(format!(
                "{} person-days, last item week {} (one after another: {}), from {}",
                days(plan.days),
                plan.finish_week,
                plan.serial_finish_week,
                roadmap.start
            )),
        ]),
        Line::from(format!(
            "Cost: {} year 1, {} over three years; keeping it {} a year",
            money(plan.costs.totals.year1, currency),
            money(plan.costs.totals.three_year, currency),
            money(plan.run.total, currency)
        )),
    ];
    let total_weeks = f64::from(plan.workstreams.iter().map(|w| w.end_week).max().unwrap_or(1).max(1));
    let label_width = 30usize;
    let scale_width = (area.width as usize).saturating_sub(label_width + 20).max(10);
    let col = |week: u32| ((f64::from(week) / total_weeks) * scale_width as f64).round() as usize;
    lines.push(Line::from(Span::styled(
        format!("{:<label_width$} {:>5} {:>7}  week 0 … {total_weeks:.0}", "Workstream", "FTE", "weeks"),
        t.accent(),
    )));
    for w in &plan.workstreams {
        let start = col(w.start_week).min(scale_width);
        let len = col(w.end_week.saturating_sub(w.start_week)).max(1).min(scale_width.saturating_sub(start).max(1));
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{:<label_width$} {:>5.1} {:>7}  ",
                clip(w.owner.label(), label_width),
                w.capacity_fte,
                weeks_span(w.start_week, w.end_week)
            )),
            Span::raw(" ".repeat(start)),
            Span::styled("█".repeat(len), t.soc2()),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Milestones (week, date)", t.accent())));
    for m in plan.milestones.iter().filter(|m| m.week < 160).take(16) {
        lines.push(Line::from(format!("  week {:>4}  {}  {}", m.week, roadmap.date_of(m.week), milestone_label(m))));
    }
    if !plan.deadlines.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Deadlines", t.accent())));
        for d in &plan.deadlines {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}: ", deadline_title(d)), t.warn()),
                Span::raw(deadline_sentence(d)),
            ]));
        }
    }
    for f in &plan.flags {
        lines.push(Line::from(Span::styled(format!("  ! {}", flag_sentence(f)), t.warn())));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Plans side by side (year 1, three years)", t.accent())));
    for p in &roadmap.plans {
        lines.push(Line::from(format!(
            "  {:<44} {:>10} days  {}  {}",
            clip(&plan_title(p), 44),
            days(p.days),
            money(p.costs.totals.year1, currency),
            money(p.costs.totals.three_year, currency)
        )));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Work items by workstream (weeks, person-days)", t.accent())));
    for w in &plan.workstreams {
        lines.push(Line::from(Span::styled(format!("  {}", w.owner.label()), t.title())));
        for item in &w.items {
            lines.push(Line::from(format!(
                "    {:<9} {:>7} {:>6}  {}",
                item.id,
                weeks_span(item.start_week, item.end_week),
                days(item.days),
                clip(&item.action, (area.width as usize).saturating_sub(34))
            )));
        }
    }
    let block = Block::bordered().title(" Roadmap ").border_style(t.muted());
    let scroll = clamp_scroll(session.scroll, lines.len());
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), area);
}
