//! Roadmap: the recommended plan's workstreams on a week timeline (weeks and dates), its
//! milestones, deadlines with their verdicts, costs for year 1 and three years, the other
//! plans side by side, and the work items per workstream.

use crate::engine::Analysis;
use crate::report::figures::{money, range as days, weeks_span};
use crate::report::plan_text::{deadline_sentence, deadline_title, flag_sentence, milestone_label, plan_title};
use crate::tui::app::{App, Ctx};
use crate::tui::keymap::Action;
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use crate::tui::widgets::{Scroll, clip};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Width of the workstream names column.
const LABEL_WIDTH: usize = 30;
/// Milestones shown: the first three years are what the plan commits to.
const MILESTONE_WEEKS: u32 = 156;

#[derive(Debug, Clone, Default)]
pub struct RoadmapView {
    pub scroll: Scroll,
}

impl RoadmapView {
    pub fn update(&mut self, action: Action, session: &mut Session, _cx: &mut Ctx) {
        // The number of lines does not depend on the width (long lines are clipped, not wrapped).
        self.scroll.apply(action, lines(Theme::default(), session.analysis(), 80).len());
    }

    pub fn draw(&self, app: &App, session: &Session, frame: &mut Frame, area: Rect) {
        let block = Block::bordered().title(" Roadmap ").border_style(app.theme.muted());
        let paragraph = Paragraph::new(lines(app.theme, session.analysis(), area.width));
        frame.render_widget(paragraph.scroll((self.scroll.offset, 0)).block(block), area);
    }
}

fn lines(t: Theme, a: &Analysis, width: u16) -> Vec<Line<'static>> {
    let roadmap = &a.roadmap;
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
    timeline(t, a, width, &mut lines);
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Milestones (week, date)", t.accent())));
    for m in plan.milestones.iter().filter(|m| m.week < MILESTONE_WEEKS) {
        lines.push(Line::from(format!("  week {:>4}  {}  {}", m.week, roadmap.date_of(m.week), milestone_label(m))));
    }
    if !plan.deadlines.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Deadlines", t.accent())));
        for d in &plan.deadlines {
            lines.push(Line::from(Span::styled(format!("  {}", deadline_title(d)), t.warn())));
            lines.push(Line::from(format!("    {}", deadline_sentence(d))));
        }
    }
    for f in &plan.flags {
        lines.push(Line::from(Span::styled(format!("  ! {}", flag_sentence(f)), t.warn())));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Plans side by side (person-days, year 1, three years)", t.accent())));
    for p in &roadmap.plans {
        lines.push(Line::from(format!(
            "  {:<44} {:>9}  {}  {}",
            clip(&plan_title(p), 44),
            days(p.days),
            money(p.costs.totals.year1, currency),
            money(p.costs.totals.three_year, currency)
        )));
    }
    work_items(t, a, width, &mut lines);
    lines
}

/// The workstreams as bars on one week scale, with their capacity.
fn timeline(t: Theme, a: &Analysis, width: u16, lines: &mut Vec<Line<'static>>) {
    let plan = a.roadmap.plan();
    let total_weeks = plan.workstreams.iter().map(|w| w.end_week).max().unwrap_or(1).max(1);
    let scale_width = (width as usize).saturating_sub(LABEL_WIDTH + 20).max(10);
    let col = |week: u32| ((f64::from(week) / f64::from(total_weeks)) * scale_width as f64).round() as usize;
    lines.push(Line::from(Span::styled(
        format!("{:<LABEL_WIDTH$} {:>5} {:>7}  week 0 … {total_weeks}", "Workstream", "FTE", "weeks"),
        t.accent(),
    )));
    for w in &plan.workstreams {
        let start = col(w.start_week).min(scale_width);
        let len = col(w.end_week.saturating_sub(w.start_week)).max(1).min(scale_width.saturating_sub(start).max(1));
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{:<LABEL_WIDTH$} {:>5.1} {:>7}  ",
                clip(w.owner.label(), LABEL_WIDTH),
                w.capacity_fte,
                weeks_span(w.start_week, w.end_week)
            )),
            Span::raw(" ".repeat(start)),
            Span::styled("█".repeat(len), t.soc2()),
        ]));
    }
}

fn work_items(t: Theme, a: &Analysis, width: u16, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Work items by workstream (weeks, person-days)", t.accent())));
    for w in &a.roadmap.plan().workstreams {
        lines.push(Line::from(Span::styled(format!("  {}", w.owner.label()), t.title())));
        for item in &w.items {
            lines.push(Line::from(format!(
                "    {:<9} {:>7} {:>6}  {}",
                item.id,
                weeks_span(item.start_week, item.end_week),
                days(item.days),
                clip(&item.action, (width as usize).saturating_sub(34))
            )));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Who to involve", t.accent())));
    for o in &a.roadmap.owners {
        lines.push(Line::from(format!("  {:<16} {:>3} items  {} person-days", o.owner.label(), o.items, days(o.days))));
    }
}
