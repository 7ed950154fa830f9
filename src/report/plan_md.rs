//! The plan sections of the markdown roadmap: summary lines, workstreams, milestones with
//! dates, deadlines, regulated tracks, costs like for like, the yearly run cost and the
//! schemes to follow up. Kept apart from the rest of the report so each can change alone.

use super::ReportData;
use super::escape::md_inline;
use super::figures::{money, number, range, weeks_span};
use super::plan_text::{
    category_label, cost_item_label, dated, deadline_sentence, deadline_title, flag_sentence, milestone_label,
    plan_title, programme_label, run_activity_label, scheme_advice, step_label,
};
use super::table::MdTable;
use crate::engine::roadmap::{CapacitySource, Plan, PlanKind};
use crate::framework::Framework;
use std::fmt::Write as _;

/// Weeks the report's tables cover.
const THREE_YEARS: u32 = 156;

/// The plan lines of the executive summary.
pub fn summary(out: &mut String, data: &ReportData<'_>) {
    let roadmap = &data.analysis.roadmap;
    let plan = roadmap.plan();
    let currency = roadmap.currency;
    let _ = writeln!(
        out,
        "- **Plan ({}):** {} person-days in {} workstreams running in parallel, starting {}; the last work item \
         ends in week {} (one after another it would be week {}).",
        plan_title(plan),
        range(plan.days),
        plan.workstreams.len(),
        roadmap.start,
        plan.finish_week,
        plan.serial_finish_week,
    );
    let headline: Vec<String> = plan
        .milestones
        .iter()
        .filter(|m| m.kind.is_headline() && !m.upkeep)
        .map(|m| {
            let when = if m.week_low == m.week {
                roadmap.date_of(m.week)
            } else {
                format!("{} to {}", roadmap.date_of(m.week_low), roadmap.date_of(m.week))
            };
            format!("{} {when}", milestone_label(m))
        })
        .collect();
    if !headline.is_empty() {
        let _ = writeln!(out, "- **Reports and certificates:** {}.", headline.join("; "));
    }
    let t = &plan.costs.totals;
    let _ = writeln!(
        out,
        "- **Cost:** {} in year 1, {} over three years (audit fees, internal labour, outside help, tools).",
        money(t.year1, currency),
        money(t.three_year, currency),
    );
    for d in &plan.deadlines {
        let _ = writeln!(out, "- **{}:** {}", md_inline(&deadline_title(d)), md_inline(&deadline_sentence(d)));
    }
    out.push('\n');
}

/// "Milestones and deadlines": every milestone with its date, each deadline's verdict, what to
/// watch, the regulated tracks and the other schemes to follow up.
pub fn milestones_and_deadlines(out: &mut String, data: &ReportData<'_>) {
    let plan = data.analysis.roadmap.plan();
    out.push_str("## Milestones and deadlines\n\n");
    milestones(out, data, plan);
    deadlines(out, plan);
    flags(out, plan);
    tracks(out, data);
    follow_ups(out, data);
}

/// "Costs": the recommended plan's table like for like, the plans side by side, the market
/// figures for comparison and the yearly cost of keeping it.
pub fn costs_section(out: &mut String, data: &ReportData<'_>) {
    out.push_str("## Costs\n\n");
    costs(out, data);
    run_cost(out, data, data.analysis.roadmap.plan());
}

/// The schedule appendix: workstreams with their capacity, and every work item in them.
pub fn schedule(out: &mut String, data: &ReportData<'_>) {
    let roadmap = &data.analysis.roadmap;
    let plan = roadmap.plan();
    let _ = write!(
        out,
        "## Appendix D: Schedule by workstream\n\nPlan: {}. Week 0 is {}. Work items are grouped into workstreams \
         by owner; the workstreams run in parallel, each at its own capacity, with the compliance lead \
         coordinating. Work waits only for what it depends on: scope and policies before the controls that cite \
         them, the risk assessment before risk treatment and the Statement of Applicability, controls operating \
         before the internal audit and the Type II window, the internal audit and management review before Stage \
         1. Weeks are the high estimate.\n\n",
        plan_title(plan),
        roadmap.start,
    );
    let mut caps = MdTable::new(&["Workstream", "Capacity (FTE)", "Set by", "Person-days", "Weeks"]);
    for w in &plan.workstreams {
        let source = roadmap.capacities.iter().find(|c| c.owner == w.owner).map_or("", |c| match c.source {
            CapacitySource::Profile => "profile",
            CapacitySource::Headcount => "default for the headcount",
        });
        caps.row(vec![
            w.owner.label().into(),
            number(w.capacity_fte),
            source.into(),
            range(w.days),
            weeks_span(w.start_week, w.end_week),
        ]);
    }
    out.push_str(&caps.finish());
    work_items(out, data, plan);
    run_activities(out, plan);
    references(out, data);
}

/// All-in market figures beside the plan's own totals.
fn references(out: &mut String, data: &ReportData<'_>) {
    let c = &data.analysis.roadmap.plan().costs;
    if !c.references.is_empty() {
        out.push_str("### Market figures for comparison\n\nAll-in, as the sources quote them (certification and remediation together), beside the plan's own totals; never added to them.\n\n");
        for r in &c.references {
            let original = crate::engine::costs::Money { low: r.original.low, high: r.original.high };
            let _ = writeln!(
                out,
                "- {}: {} ({}; {}, {})",
                r.framework.label(),
                money(r.amount, c.currency),
                money(original, r.original.currency),
                md_inline(&r.source.text),
                md_inline(&r.source.date),
            );
        }
        out.push('\n');
    }
}

fn work_items(out: &mut String, data: &ReportData<'_>, plan: &Plan) {
    out.push_str("### Work items by workstream\n\n");
    let mut table = MdTable::new(&["Workstream", "Item", "Action", "For", "Step", "Weeks", "Person-days"]);
    for w in &plan.workstreams {
        for item in &w.items {
            let rework = if item.built_for_both { " (built for both)" } else { "" };
            table.row(vec![
                w.owner.label().into(),
                md_inline(&item.id),
                md_inline(&item.action),
                format!("{}{rework}", programme_label(item.programme, plan)),
                step_label(item.step).into(),
                weeks_span(item.start_week, item.end_week),
                range(item.days),
            ]);
        }
    }
    if table.is_empty() {
        out.push_str("No open work items.\n\n");
    } else {
        out.push_str(&table.finish());
    }
    let _ = data;
}

fn milestones(out: &mut String, data: &ReportData<'_>, plan: &Plan) {
    let roadmap = &data.analysis.roadmap;
    out.push_str("Dates at the high estimate; the low estimate's week in brackets when earlier.\n\n");
    let mut table = MdTable::new(&["Date", "Week", "Milestone"]);
    // The first three years: what the plan commits to (the recertification is in the JSON).
    for m in plan.milestones.iter().filter(|m| m.week < THREE_YEARS) {
        let week = if m.week_low < m.week { format!("{} ({})", m.week, m.week_low) } else { m.week.to_string() };
        table.row(vec![roadmap.date_of(m.week), week, md_inline(&milestone_label(m))]);
    }
    out.push_str(&table.finish());
}

fn deadlines(out: &mut String, plan: &Plan) {
    if plan.deadlines.is_empty() {
        return;
    }
    out.push_str("### Deadlines\n\n");
    for d in &plan.deadlines {
        let _ = writeln!(out, "- **{}:** {}", md_inline(&deadline_title(d)), md_inline(&deadline_sentence(d)));
    }
    out.push('\n');
}

fn flags(out: &mut String, plan: &Plan) {
    if plan.flags.is_empty() {
        return;
    }
    out.push_str("### To watch\n\n");
    for f in &plan.flags {
        let _ = writeln!(out, "- {}", md_inline(&flag_sentence(f)));
    }
    out.push('\n');
}

fn tracks(out: &mut String, data: &ReportData<'_>) {
    let roadmap = &data.analysis.roadmap;
    if roadmap.tracks.is_empty() {
        return;
    }
    out.push_str(
        "### Regulated obligations\n\nEach runs as a track of its own alongside the framework work (its items are \
         in the workstreams above); none of them is a certificate, and none counts toward SOC 2 or ISO 27001.\n\n",
    );
    let plan = roadmap.plan();
    for &kind in &roadmap.tracks {
        let done = plan.milestones.iter().find(|m| m.track == Some(kind));
        let when = done.map_or(String::new(), |m| format!(", done {}", dated(roadmap, m.week)));
        let _ = writeln!(out, "- **{}:** {} items{when}.", kind.label(), kind.work().len());
    }
    out.push('\n');
}

fn costs(out: &mut String, data: &ReportData<'_>) {
    let roadmap = &data.analysis.roadmap;
    let plan = roadmap.plan();
    let c = &plan.costs;
    let _ = write!(
        out,
        "All in {}, like for like; figures quoted in another currency are converted at the rates file's \
         exchange rates ({}, {}). Remediation is never inside an audit fee: it is the labour and outside help lines.\n\n",
        c.currency.code(),
        md_inline(&c.exchange.text),
        md_inline(&c.exchange.date),
    );
    let mut table = MdTable::new(&["Year", "Category", "Item", "For", "Amount", "Source"]);
    for line in &c.lines {
        let item = if line.count > 1 {
            format!("{} (x{})", cost_item_label(line.item), line.count)
        } else {
            cost_item_label(line.item).to_string()
        };
        let source = match (line.original, line.days) {
            (Some(p), _) => format!(
                "{} ({}, {})",
                money(crate::engine::costs::Money { low: p.low, high: p.high }, p.currency),
                md_inline(&line.source.text),
                md_inline(&line.source.date)
            ),
            (None, Some(days)) => format!("{} person-days; {}", range(days), md_inline(&line.source.text)),
            (None, None) => md_inline(&line.source.text),
        };
        table.row(vec![
            line.year.to_string(),
            category_label(line.category).into(),
            item,
            line.framework.map_or("both", Framework::label).into(),
            money(line.amount, c.currency),
            source,
        ]);
    }
    out.push_str(&table.finish());
    out.push_str("### Plans side by side\n\n");
    let mut side =
        MdTable::new(&["Plan", "Person-days", "Last work item", "Reports and certificates", "Year 1", "Three years"]);
    for p in &roadmap.plans {
        let headline: Vec<String> = p
            .milestones
            .iter()
            .filter(|m| m.kind.is_headline() && !m.upkeep)
            .map(|m| format!("{} {}", milestone_label(m), roadmap.date_of(m.week)))
            .collect();
        let title = if p.kind == PlanKind::Combined { plan_title(p) } else { format!("Sequential: {}", plan_title(p)) };
        side.row(vec![
            md_inline(&title),
            range(p.days),
            format!("week {}", p.finish_week),
            md_inline(&headline.join("; ")),
            money(p.costs.totals.year1, c.currency),
            money(p.costs.totals.three_year, c.currency),
        ]);
    }
    out.push_str(&side.finish());
}

fn run_cost(out: &mut String, data: &ReportData<'_>, plan: &Plan) {
    let currency = data.analysis.roadmap.currency;
    let run = &plan.run;
    let _ = write!(
        out,
        "### Keeping it: the yearly run cost\n\nOnce the report and the certificate are in hand: {} person-days a \
         year, {} a year in all (labour {}, audits {}, tools {}); the activities are in Appendix D.\n\n",
        range(run.days),
        money(run.total, currency),
        money(run.labour, currency),
        money(run.fees, currency),
        money(run.tools, currency),
    );
}

/// The yearly run work behind the run cost, activity by activity.
fn run_activities(out: &mut String, plan: &Plan) {
    out.push_str("### Keeping it: the yearly run work\n\n");
    let mut table = MdTable::new(&["Activity", "For", "Person-days a year"]);
    for line in &plan.run.lines {
        let fw = match line.framework {
            crate::engine::rates::ForFramework::Both => "both",
            crate::engine::rates::ForFramework::Soc2 => "SOC 2",
            crate::engine::rates::ForFramework::Iso27001 => "ISO 27001",
        };
        table.row(vec![run_activity_label(line.activity).into(), fw.into(), range(line.days)]);
    }
    out.push_str(&table.finish());
}

fn follow_ups(out: &mut String, data: &ReportData<'_>) {
    let roadmap = &data.analysis.roadmap;
    if roadmap.follow_ups.is_empty() {
        return;
    }
    out.push_str("### Other schemes to follow up (not scored)\n\n");
    for f in &roadmap.follow_ups {
        let why = match f.reason {
            crate::engine::tracks::FollowUpReason::Requested => "a buyer asked",
            crate::engine::tracks::FollowUpReason::Likely => "likely to be asked: check with the client",
        };
        let _ = writeln!(out, "- **{}** ({why}): {}", f.scheme.label(), scheme_advice(f.scheme));
    }
    out.push('\n');
}
