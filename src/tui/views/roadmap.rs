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
use crate::tui::ui::MIN_WIDTH;
use crate::tui::widgets::{Scroll, clip, wrap_labelled};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Width of the workstream names column.
const LABEL_WIDTH: usize = 30;
/// Milestones shown: the first three years are what the plan commits to.
const MILESTONE_WEEKS: u32 = 156;
/// Cells before a work item's action ("    id week span days  "): its wrapped lines align there.
const ITEM_INDENT: usize = 30;

#[derive(Debug, Clone, Default)]
pub struct RoadmapView {
    pub scroll: Scroll,
}

impl RoadmapView {
    pub fn update(&mut self, action: Action, session: &mut Session, _cx: &mut Ctx) {
        // Counted at the narrowest supported width, where wrapping makes the most lines.
        self.scroll.apply(action, lines(Theme::default(), session.analysis(), MIN_WIDTH - 2, usize::MAX).len());
    }

    pub fn draw(&self, app: &App, session: &Session, frame: &mut Frame, area: Rect) {
        let block = Block::bordered().title(" Roadmap ").border_style(app.theme.muted());
        // Lines past the bottom of the box are not built: at 10,000 questions the work items
        // alone would take longer to wrap than a frame may.
        let shown = usize::from(self.scroll.offset) + usize::from(area.height);
        let lines = lines(app.theme, session.analysis(), area.width.saturating_sub(2), shown);
        // Wider than the narrowest, the same text takes fewer lines: stay within them.
        let scroll = if lines.len() >= shown { self.scroll.offset } else { self.scroll.within(lines.len()) };
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), area);
    }
}

/// The view's lines at `width`, stopping among the work items once there are `limit`.
fn lines(t: Theme, a: &Analysis, width: u16, limit: usize) -> Vec<Line<'static>> {
    let roadmap = &a.roadmap;
    let plan = roadmap.plan();
    let currency = roadmap.currency;
    let cells = usize::from(width);
    let summary = format!(
        "{} person-days, last item week {} (one after another: {}), from {}",
        days(plan.days),
        plan.finish_week,
        plan.serial_finish_week,
        roadmap.start
    );
    let mut lines =
        wrap_labelled(Span::styled(format!("{}: ", plan_title(plan)), t.title()), &summary, Style::new(), cells, 2);
    let cost = format!(
        "Cost: {} year 1, {} over three years; keeping it {} a year",
        money(plan.costs.totals.year1, currency),
        money(plan.costs.totals.three_year, currency),
        money(plan.run.total, currency)
    );
    lines.extend(wrap_labelled(Span::raw(""), &cost, Style::new(), cells, 2));
    timeline(t, a, width, &mut lines);
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Milestones (week, date)", t.accent())));
    for m in plan.milestones.iter().filter(|m| m.week < MILESTONE_WEEKS) {
        let label = Span::raw(format!("  week {:>4}  {}  ", m.week, roadmap.date_of(m.week)));
        let indent = label.width();
        lines.extend(wrap_labelled(label, &milestone_label(m), Style::new(), cells, indent));
    }
    if !plan.deadlines.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Deadlines", t.accent())));
        for d in &plan.deadlines {
            lines.extend(wrap_labelled(Span::raw("  "), &deadline_title(d), t.warn(), cells, 4));
            lines.extend(wrap_labelled(Span::raw("    "), &deadline_sentence(d), Style::new(), cells, 4));
        }
    }
    for f in &plan.flags {
        lines.extend(wrap_labelled(Span::styled("  ! ", t.warn()), &flag_sentence(f), t.warn(), cells, 4));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Plans side by side (person-days, year 1, three years)", t.accent())));
    for p in &roadmap.plans {
        let figures = format!(
            "{} person-days, {} year 1, {} over three years",
            days(p.days),
            money(p.costs.totals.year1, currency),
            money(p.costs.totals.three_year, currency)
        );
        lines.extend(wrap_labelled(Span::raw(format!("  {}: ", plan_title(p))), &figures, Style::new(), cells, 4));
    }
    work_items(t, a, width, limit, &mut lines);
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

fn work_items(t: Theme, a: &Analysis, width: u16, limit: usize, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Work items by workstream (weeks, person-days)", t.accent())));
    for w in &a.roadmap.plan().workstreams {
        lines.push(Line::from(Span::styled(format!("  {}", w.owner.label()), t.title())));
        for item in &w.items {
            if lines.len() >= limit {
                return;
            }
            let label = Span::raw(format!(
                "    {:<9} {:>7} {:>6}  ",
                item.id,
                weeks_span(item.start_week, item.end_week),
                days(item.days)
            ));
            lines.extend(wrap_labelled(label, &item.action, Style::new(), usize::from(width), ITEM_INDENT));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Who to involve", t.accent())));
    for o in &a.roadmap.owners {
        lines.push(Line::from(format!("  {:<16} {:>3} items  {} person-days", o.owner.label(), o.items, days(o.days))));
    }
}
