//! SVG charts for the export bundle: readiness per domain for both frameworks, and the plan's
//! timeline. Consultants paste them into slides; GitHub and Confluence show them inline next
//! to the roadmap that links them.
//!
//! A small hand-written writer rather than a plotting crate: two fixed chart shapes do not
//! need one, and it keeps the build short. Every figure is formatted by
//! [`super::figures`], so a chart shows the number the roadmap shows. Each chart element is a
//! `<g class="...">` group whose `<text>` children carry its figures, so a reader (and the
//! tests) can find them.

use super::ReportData;
use super::figures::{number, percent, weeks_span};
use super::plan_text::milestone_label;
use crate::engine::readiness::{DomainScore, Figure};
use crate::engine::roadmap::{Milestone, MilestoneKind};
use crate::framework::Framework;
use std::fmt::Write as _;

/// The file names the export writes and the roadmap links.
pub const READINESS_FILE: &str = "readiness.svg";
pub const TIMELINE_FILE: &str = "timeline.svg";

const WIDTH: f64 = 860.0;
const FONT: &str = "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\"";
/// The two frameworks' colours, readable on white and in greyscale print.
const SOC2_COLOUR: &str = "#1f5fa8";
const ISO_COLOUR: &str = "#d9822b";
const MUTED: &str = "#6b6b6b";

/// Text for an XML text node or attribute value.
pub fn xml_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters, even escaped.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An SVG document under construction.
struct Svg {
    body: String,
}

impl Svg {
    fn new() -> Svg {
        Svg { body: String::with_capacity(16 * 1024) }
    }

    fn text(&mut self, x: f64, y: f64, class: &str, extra: &str, content: &str) {
        let _ = writeln!(
            self.body,
            "<text class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\" {extra}>{}</text>",
            xml_escape(content)
        );
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, extra: &str) {
        let _ = writeln!(
            self.body,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" {extra}/>",
            w.max(0.0),
            h.max(0.0)
        );
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, extra: &str) {
        let _ = writeln!(
            self.body,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{stroke}\" {extra}/>"
        );
    }

    fn open_group(&mut self, class: &str) {
        let _ = writeln!(self.body, "<g class=\"{class}\">");
    }

    /// A tooltip for the enclosing group: the full label where the row shows it clipped.
    fn tooltip(&mut self, text: &str) {
        let _ = writeln!(self.body, "<title>{}</title>", xml_escape(text));
    }

    fn close_group(&mut self) {
        self.body.push_str("</g>\n");
    }

    fn finish(self, height: f64, title: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH:.0}\" height=\"{height:.0}\" \
             viewBox=\"0 0 {WIDTH:.0} {height:.0}\" {FONT}>\n<title>{}</title>\n\
             <rect x=\"0\" y=\"0\" width=\"{WIDTH:.0}\" height=\"{height:.0}\" fill=\"#ffffff\"/>\n{}</svg>\n",
            xml_escape(title),
            self.body
        )
    }
}

// ---------------------------------------------------------------------------------------
// Readiness per domain
// ---------------------------------------------------------------------------------------

/// What a domain's bar says for one framework: the same three cases as the roadmap's table.
pub fn domain_label(score: &DomainScore, framework: Framework) -> String {
    let i = framework.index();
    let Figure { readiness, coverage } = score.figures[i];
    if !score.relevant[i] {
        super::words::NOT_IN_SCOPE.into()
    } else if coverage == 0.0 {
        "not assessed".into()
    } else {
        format!("{}, coverage {}", percent(readiness), percent(coverage))
    }
}

/// Horizontal bars, two per domain (SOC 2 above ISO 27001), at the readiness figure.
pub fn readiness_svg(data: &ReportData<'_>) -> String {
    const LABEL_W: f64 = 300.0;
    const BAR_W: f64 = 300.0;
    const ROW_H: f64 = 38.0;
    const TOP: f64 = 64.0;
    let mut svg = Svg::new();
    let title = format!("Readiness by domain, {}", data.date());
    svg.text(16.0, 24.0, "heading", "font-size=\"16\" font-weight=\"bold\"", &title);
    legend(&mut svg, 16.0, 44.0, "bar: readiness; coverage: how much of it rests on answers");
    for (row, score) in data.analysis.readiness.domains.iter().enumerate() {
        let y = TOP + row as f64 * ROW_H;
        svg.open_group("domain");
        svg.text(16.0, y + 17.0, "label", "", &data.questionnaire.domains[score.domain].title);
        for (k, (fw, colour)) in
            [(Framework::Soc2, SOC2_COLOUR), (Framework::Iso27001, ISO_COLOUR)].into_iter().enumerate()
        {
            let bar_y = y + 4.0 + k as f64 * 14.0;
            svg.rect(LABEL_W, bar_y, BAR_W, 12.0, "#eeeeee", "");
            let i = fw.index();
            let assessed = score.relevant[i] && score.figures[i].coverage > 0.0;
            if assessed {
                let share = (score.figures[i].readiness / 100.0).clamp(0.0, 1.0);
                svg.rect(LABEL_W, bar_y, BAR_W * share, 12.0, colour, "");
            }
            let fill = if assessed { "#222222" } else { MUTED };
            let label = format!("{}: {}", fw.label(), domain_label(score, fw));
            svg.text(LABEL_W + BAR_W + 8.0, bar_y + 10.5, fw.key(), &format!("fill=\"{fill}\""), &label);
        }
        svg.close_group();
    }
    let height = TOP + data.analysis.readiness.domains.len() as f64 * ROW_H + 16.0;
    svg.finish(height, &title)
}

fn legend(svg: &mut Svg, x: f64, y: f64, note: &str) {
    svg.rect(x, y - 10.0, 12.0, 12.0, SOC2_COLOUR, "");
    svg.text(x + 18.0, y, "legend", "", "SOC 2");
    svg.rect(x + 80.0, y - 10.0, 12.0, 12.0, ISO_COLOUR, "");
    svg.text(x + 98.0, y, "legend", "", "ISO 27001");
    svg.text(x + 190.0, y, "legend", &format!("fill=\"{MUTED}\""), note);
}

// ---------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------

/// The observation window, from its start to its end milestone.
fn observation_window(milestones: &[Milestone]) -> Option<(u32, u32)> {
    let at = |kind| milestones.iter().find(|m| m.kind == kind && !m.upkeep).map(|m| m.week);
    Some((at(MilestoneKind::ObservationStart)?, at(MilestoneKind::ObservationEnd)?))
}

/// Milestones after the first certificate or report (surveillance, renewal,
/// recertification): named under the chart so the programme itself keeps the width.
pub fn is_later(kind: MilestoneKind) -> bool {
    matches!(
        kind,
        MilestoneKind::YearlyInternalAudit
            | MilestoneKind::YearlyManagementReview
            | MilestoneKind::Surveillance1
            | MilestoneKind::Surveillance2
            | MilestoneKind::Recertification
            | MilestoneKind::Type2Renewal
    )
}

/// Longest row label; the full text is the group's tooltip (`<title>`).
const LABEL_CHARS: usize = 44;

fn clipped(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A Gantt chart of the recommended plan: one bar per workstream (they run in parallel),
/// milestones as diamonds, the observation window shaded, each deadline as a line.
pub fn timeline_svg(data: &ReportData<'_>) -> String {
    const LABEL_W: f64 = 280.0;
    // Room on the right for the labels after the last bar or milestone.
    const CHART_W: f64 = WIDTH - LABEL_W - 110.0;
    const ROW_H: f64 = 26.0;
    const TOP: f64 = 72.0;
    let roadmap = &data.analysis.roadmap;
    let plan = roadmap.plan();
    let deadlines: Vec<_> = plan.deadlines.iter().filter(|d| d.week >= 0).collect();
    let (later, milestones): (Vec<&Milestone>, Vec<&Milestone>) =
        plan.milestones.iter().partition(|m| is_later(m.kind));
    let last_week = plan
        .workstreams
        .iter()
        .map(|w| w.end_week)
        .chain(milestones.iter().map(|m| m.week))
        .chain(deadlines.iter().map(|d| u32::try_from(d.week).unwrap_or(0)))
        .fold(4, u32::max);
    let x = |week: u32| LABEL_W + CHART_W * (f64::from(week) / f64::from(last_week));
    let rows = plan.workstreams.len() + milestones.len();
    let bottom = TOP + rows as f64 * ROW_H;

    let mut svg = Svg::new();
    let title = format!("Plan timeline in weeks from the programme start ({}), {}", roadmap.start, data.date());
    svg.text(16.0, 24.0, "heading", "font-size=\"16\" font-weight=\"bold\"", &title);
    legend(&mut svg, 16.0, 44.0, "workstreams run in parallel; weeks at the high estimate");
    axis(&mut svg, |w| x(w as u32), f64::from(last_week), TOP - 8.0, bottom);
    if let Some((start, end)) = observation_window(&plan.milestones) {
        svg.open_group("observation");
        svg.rect(x(start), TOP - 8.0, x(end) - x(start), bottom - TOP + 8.0, "#e8f0e0", "");
        let label = format!("Observation window, week {start} to week {end}");
        svg.text(x(start) + 4.0, bottom + 30.0, "label", "fill=\"#3c6e1f\"", &label);
        svg.close_group();
    }
    for (row, w) in plan.workstreams.iter().enumerate() {
        let y = TOP + row as f64 * ROW_H;
        let label = format!("{} ({} FTE)", w.owner.label(), number(w.capacity_fte));
        svg.open_group("workstream");
        svg.tooltip(&label);
        svg.text(16.0, y + 13.0, "label", "", &clipped(&label));
        let start = x(w.start_week);
        svg.rect(start, y + 3.0, x(w.end_week) - start, 14.0, SOC2_COLOUR, "fill-opacity=\"0.6\"");
        let weeks = format!("weeks {}", weeks_span(w.start_week, w.end_week));
        svg.text(x(w.end_week) + 4.0, y + 14.0, "weeks", "font-size=\"10\"", &weeks);
        svg.close_group();
    }
    for (row, m) in milestones.iter().enumerate() {
        let y = TOP + (plan.workstreams.len() + row) as f64 * ROW_H;
        let colour = if m.framework == Some(Framework::Iso27001) { ISO_COLOUR } else { SOC2_COLOUR };
        let name = milestone_label(m);
        let (cx, cy) = (x(m.week), y + 10.0);
        svg.open_group("milestone");
        svg.tooltip(&name);
        svg.text(16.0, y + 14.0, "label", "", &clipped(&name));
        let _ = writeln!(
            svg.body,
            "<path d=\"M {cx:.1} {:.1} L {:.1} {cy:.1} L {cx:.1} {:.1} L {:.1} {cy:.1} Z\" fill=\"{colour}\"/>",
            cy - 7.0,
            cx + 7.0,
            cy + 7.0,
            cx - 7.0
        );
        svg.text(cx + 10.0, y + 14.0, "week", "font-size=\"10\"", &format!("week {}", m.week));
        svg.close_group();
    }
    for (i, d) in deadlines.iter().enumerate() {
        let dx = x(u32::try_from(d.week).unwrap_or(0));
        svg.open_group("deadline");
        svg.line(dx, TOP - 8.0, dx, bottom, "#b00020", "stroke-width=\"2\" stroke-dasharray=\"6 4\"");
        let what = d.framework.map_or_else(String::new, |f| format!(" ({})", f.label()));
        let text = format!("Deadline: week {}{what}", d.week);
        svg.text(dx + 4.0, TOP - 12.0 - 12.0 * i as f64, "label", "fill=\"#b00020\"", &text);
        svg.close_group();
    }
    let mut height = bottom + 44.0;
    // The first three years, as the report's milestone table.
    for m in later.iter().filter(|m| m.week < 156) {
        svg.open_group("later");
        let text = format!("Later: {}, week {}", milestone_label(m), m.week);
        svg.text(16.0, height, "label", &format!("fill=\"{MUTED}\""), &text);
        svg.close_group();
        height += 16.0;
    }
    svg.finish(height, &title)
}

/// Week ticks along the top and bottom, every 4 weeks (every 8 or 13 on long plans).
fn axis(svg: &mut Svg, x: impl Fn(f64) -> f64, last_week: f64, top: f64, bottom: f64) {
    let step = if last_week > 104.0 {
        13.0
    } else if last_week > 52.0 {
        8.0
    } else {
        4.0
    };
    svg.open_group("axis");
    let mut week = 0.0;
    while week <= last_week {
        svg.line(x(week), top, x(week), bottom, "#dddddd", "");
        svg.text(x(week) - 4.0, bottom + 14.0, "tick", &format!("font-size=\"10\" fill=\"{MUTED}\""), &number(week));
        week += step;
    }
    svg.close_group();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped_and_control_characters_dropped() {
        assert_eq!(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml_escape("x\u{1}y"), "xy");
    }
}
