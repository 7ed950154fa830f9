//! The plan sections of the markdown roadmap: summary lines, workstreams, milestones with
//! dates, deadlines, regulated tracks, costs like for like, the yearly run cost and the
//! schemes to follow up. Kept apart from the rest of the report so each can change alone.

use super::ReportData;
use super::escape::md_inline;
use super::figures::{money, number, range, weeks_span};
use super::plan_text::{
    RUN_WORK_DAYS, category_label, cost_item_label, dated, deadline_sentence, deadline_title, deadline_verdict,
    flag_sentence, internal_audit_with_review, low_date_caveat, milestone_kind_label, milestone_label, plan_title,
    programme_label, run_activity_label, scheme_advice, step_label,
};
use super::table::MdTable;
use crate::engine::Range;
use crate::engine::costs::{CostCategory, CostLine, Costs, Spend};
use crate::engine::roadmap::{
    Capacity, CapacitySource, Milestone, MilestoneKind, Plan, PlanItem, PlanKind, Programme, Roadmap,
};
use crate::engine::schedule::Step;
use crate::framework::Framework;
use std::fmt::Write as _;

/// Weeks the report's tables cover.
const THREE_YEARS: u32 = 156;

/// The plan lines of the executive summary.
pub fn summary(out: &mut String, data: &ReportData<'_>) {
    let roadmap = &data.analysis.roadmap;
    let plan = roadmap.plan();
    let currency = roadmap.currency;
    let parts: Vec<String> = days_by_part(plan)
        .into_iter()
        .map(|(part, days)| format!("{} {}", range(days), part_label(part, plan)))
        .collect();
    let _ = writeln!(
        out,
        "- **Plan ({}):** {} person-days ({}) in {} workstreams running in parallel, starting {}; the last work \
         item ends in week {} (one after another it would be week {}).",
        plan_title(plan),
        range(plan.days),
        parts.join(", "),
        plan.workstreams.len(),
        roadmap.start,
        plan.finish_week,
        plan.serial_finish_week,
    );
    // A low-high estimate is two possible dates of one event, never a period: "expected
    // between"; the Type I's date and the Type II's period are said apart.
    let headline: Vec<String> = plan
        .milestones
        .iter()
        .filter(|m| m.kind.is_headline() && !m.upkeep)
        .map(|m| {
            let what = milestone_kind_label(m.kind);
            if m.week_low == m.week {
                format!("{what} expected {}", roadmap.date_of(m.week))
            } else {
                format!("{what} expected between {} and {}", roadmap.date_of(m.week_low), roadmap.date_of(m.week))
            }
        })
        .collect();
    if !headline.is_empty() {
        let _ = write!(out, "- **Reports and certificates:** {}.", headline.join("; "));
        let at = |kind| plan.milestone(Framework::Soc2, kind).filter(|m| !m.upkeep).map(|m| roadmap.date_of(m.week));
        if let (Some(start), Some(end)) = (at(MilestoneKind::ObservationStart), at(MilestoneKind::ObservationEnd)) {
            let _ = write!(
                out,
                " At the high estimate the SOC 2 Type I describes the design as of {start}, and the Type II covers \
                 the period {start} – {end}."
            );
        }
        out.push('\n');
    }
    let t = &plan.costs.totals;
    let [cash, own] = [Outlay::Cash, Outlay::OwnTime].map(|kind| [1, 3].map(|years| spend(&plan.costs, kind, years)));
    let own_days = |years: u8| {
        let lines = plan.costs.lines.iter().filter(|l| l.year <= years && counts(l, Outlay::OwnTime));
        lines.filter_map(|l| l.days).fold(Range::default(), |sum, d| sum + d)
    };
    let _ = writeln!(
        out,
        "- **Cost:** {} in year 1, {} over three years. Cash out (audit fees, outside help, tools): {} in year 1, \
         {} over three years. The client's own time, at the internal day rate: {} person-days ({}) in year 1, {} \
         person-days ({}) over three years.",
        money(t.year1, currency),
        money(t.three_year, currency),
        money(cash[0], currency),
        money(cash[1], currency),
        range(own_days(1)),
        money(own[0], currency),
        range(own_days(3)),
        money(own[1], currency),
    );
    // The verdict only: the options (a Type I bridge, a shorter window, capacity) are said
    // once, under Deadlines.
    for d in &plan.deadlines {
        let verdict = format!("{} The options are under Deadlines.", deadline_verdict(d));
        let _ = writeln!(out, "- **{}:** {}", md_inline(&deadline_title(d)), md_inline(&verdict));
    }
    out.push('\n');
}

/// Who set a workstream's capacity and whether anyone confirmed it (escaped).
pub fn capacity_source(c: &Capacity) -> String {
    let set = match c.source {
        CapacitySource::Profile => "profile",
        CapacitySource::Headcount => "default for the headcount",
    };
    match &c.confirmed_by {
        Some(who) => format!("{set}, confirmed by {}", md_inline(who)),
        None => format!("{set}, assumed"),
    }
}

/// The two kinds of money in the totals: cash paid out, and the client's own staff time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outlay {
    Cash,
    OwnTime,
}

/// Whether a cost line is in the totals and of this kind (tools already paid for are not).
fn counts(line: &CostLine, kind: Outlay) -> bool {
    line.spend == Spend::New && (line.category == CostCategory::InternalLabour) == (kind == Outlay::OwnTime)
}

/// The totals' share of one kind over the first `years` programme years.
fn spend(costs: &Costs, kind: Outlay, years: u8) -> crate::engine::costs::Money {
    let lines = costs.lines.iter().filter(|l| l.year <= years && counts(l, kind));
    lines.fold(crate::engine::costs::Money { low: 0.0, high: Some(0.0) }, |sum, l| sum + l.amount)
}

/// What a plan's person-days are spent on, for the summary's split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The first framework's build, its shared controls built once to both frameworks' needs.
    First,
    /// Adding the second framework: what only it asks for.
    Second,
    /// One control set for both at once.
    Combined,
    /// Booking the auditors and the readiness checks.
    Bookings,
    /// A regulated obligation's own work.
    Tracks,
}

/// The plan's person-days by [`Part`], in that order, parts with work only: they add up to the
/// plan's total, every item counted once.
pub fn days_by_part(plan: &Plan) -> Vec<(Part, Range)> {
    let part = |i: &PlanItem| match (i.programme, i.step) {
        (Programme::Track(_), _) => Part::Tracks,
        (_, Step::Booking) => Part::Bookings,
        (Programme::First, _) => Part::First,
        (Programme::Second, _) => Part::Second,
        (Programme::Combined, _) => Part::Combined,
    };
    [Part::First, Part::Second, Part::Combined, Part::Bookings, Part::Tracks]
        .into_iter()
        .filter_map(|p| {
            let mut items = plan.items().filter(|i| part(i) == p).peekable();
            items.peek()?;
            Some((p, items.fold(Range::default(), |sum, i| sum + i.days)))
        })
        .collect()
}

fn part_label(part: Part, plan: &Plan) -> String {
    match part {
        Part::First => format!("to build {} first, shared controls to both frameworks' needs", plan.first.label()),
        Part::Second => format!("to add {}", plan.first.other().label()),
        Part::Combined => "for the one control set".into(),
        Part::Bookings => "to book the auditors and run the readiness checks".into(),
        Part::Tracks => "for the regulated obligations".into(),
    }
}

/// "Milestones and deadlines": every milestone with its date, each deadline's verdict, what to
/// watch, the regulated tracks and the other schemes to follow up.
pub fn milestones_and_deadlines(out: &mut String, data: &ReportData<'_>) {
    let plan = data.analysis.roadmap.plan();
    out.push_str("## Milestones and deadlines\n\n");
    milestones(out, data, plan);
    deadlines(out, &data.analysis.roadmap, plan);
    flags(out, &data.analysis.roadmap, plan);
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
        "## Appendix D: Schedule by workstream\n\nPlan: {}. Week 1 is {} to {}; an item in weeks 5–7 runs from the \
         start of week 5 to the end of week 7. Work items are grouped into workstreams by owner; the workstreams run \
         in parallel, each at its own capacity, with the compliance lead coordinating. Work starts after {} weeks of \
         mobilisation and waits only for what it depends on, and the schedule enforces each rule: the ISMS scope \
         first; the policies, the risk assessment and other groundwork after it; the controls after the scope and \
         the policies; risk treatment and the Statement of Applicability after the risk assessment; the internal \
         audit once the controls have run for some weeks; the management review and corrective action after the \
         internal audit. Item by item as well: the security lead before control ownership, the business impact \
         analysis before RTO and RPO, the retention schedule before deletion, the vendor register before vendor \
         reviews, the ISMS context before the scope and the scope before the risk assessment. With SOC 2 first, ISO \
         27001 additions to controls mapped to in-scope SOC 2 criteria are built before the Type II window opens; \
         whatever still runs once it is open is listed under \"To watch\". Weeks are the high estimate.\n\n",
        plan_title(plan),
        roadmap.start,
        crate::clock::add_days(&roadmap.start, 6).unwrap_or_default(),
        plan.mobilisation,
    );
    let mut caps = MdTable::new(&["Workstream", "Lead", "Capacity (FTE)", "Set by", "Person-days", "Weeks"]);
    for w in &plan.workstreams {
        let capacity = roadmap.capacities.iter().find(|c| c.owner == w.owner);
        let source = capacity.map_or(String::new(), capacity_source);
        let lead = capacity.and_then(|c| c.lead.as_deref()).map_or_else(|| "not named".to_string(), md_inline);
        caps.row(vec![
            w.owner.label().into(),
            lead,
            number(w.capacity_fte),
            source,
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
            let mut action = item.action.clone();
            if let Some(regulations) = item.question.and_then(|q| data.conditional_on(q)) {
                let _ = write!(action, " ({})", super::plan_text::only_if(regulations));
            }
            table.row(vec![
                w.owner.label().into(),
                md_inline(&item.id),
                md_inline(&action),
                format!("{}{rework}", programme_label(item.programme, plan)),
                step_label(item.step).into(),
                weeks_span(item.start_week, item.end_week),
                if item.step == Step::Run { RUN_WORK_DAYS.into() } else { range(item.days) },
            ]);
        }
    }
    if table.is_empty() {
        out.push_str("No open work items.\n\n");
    } else {
        out.push_str(&table.finish());
    }
}

fn milestones(out: &mut String, data: &ReportData<'_>, plan: &Plan) {
    let roadmap = &data.analysis.roadmap;
    // The headers say which estimate each figure is, so the table needs no preamble.
    let mut table = MdTable::new(&["Date (high estimate)", "Week (low, when earlier)", "Milestone"]);
    // The first three years: what the plan commits to (the recertification is in the JSON).
    // A yearly management review shares its internal audit's row (one line a year).
    let shown: Vec<&Milestone> = plan.milestones.iter().filter(|m| m.week < THREE_YEARS).collect();
    for (i, m) in shown.iter().enumerate().filter(|(_, m)| m.kind != MilestoneKind::YearlyManagementReview) {
        let week = if m.week_low < m.week { format!("{} ({})", m.week, m.week_low) } else { m.week.to_string() };
        let review = shown[i..].iter().find(|r| r.kind == MilestoneKind::YearlyManagementReview);
        let label = match (low_date_caveat(m), review) {
            (Some(caveat), _) if m.week_low < m.week => format!("{} ({caveat})", milestone_label(m)),
            (_, Some(review)) if m.kind == MilestoneKind::YearlyInternalAudit => internal_audit_with_review(m, review),
            _ => milestone_label(m),
        };
        table.row(vec![roadmap.date_of(m.week), week, md_inline(&label)]);
    }
    out.push_str(&table.finish());
}

fn deadlines(out: &mut String, roadmap: &Roadmap, plan: &Plan) {
    if plan.deadlines.is_empty() {
        return;
    }
    out.push_str("### Deadlines\n\n");
    for d in &plan.deadlines {
        let mut sentence = deadline_sentence(d);
        if let Some(w) = d.window_option {
            let _ = write!(
                sentence,
                " That window runs {} to {}, the report by {}.",
                roadmap.date_of(w.start_week),
                roadmap.date_of(w.end_week),
                roadmap.date_of(w.report_week)
            );
        }
        let _ = writeln!(out, "- **{}:** {}", md_inline(&deadline_title(d)), md_inline(&sentence));
    }
    out.push('\n');
}

fn flags(out: &mut String, roadmap: &Roadmap, plan: &Plan) {
    let halved = halved_sentence(roadmap, plan);
    if plan.flags.is_empty() && halved.is_none() {
        return;
    }
    out.push_str("### To watch\n\n");
    for f in &plan.flags {
        let _ = writeln!(out, "- {}", md_inline(&flag_sentence(f)));
    }
    if let Some(halved) = halved {
        let _ = writeln!(out, "- {}", md_inline(&halved));
    }
    out.push('\n');
}

/// "If the assumed capacity is halved": the headline dates at half the capacity nobody has
/// confirmed.
fn halved_sentence(roadmap: &Roadmap, plan: &Plan) -> Option<String> {
    let h = &plan.halved;
    if h.owners.is_empty() {
        return None;
    }
    let moved: Vec<String> = h
        .milestones
        .iter()
        .filter(|m| m.kind.is_headline())
        .map(|m| {
            let label = crate::engine::roadmap::Milestone {
                kind: m.kind,
                framework: m.framework,
                track: None,
                week: m.week,
                week_low: m.week,
                upkeep: false,
                low_assumes_no_major_nonconformity: false,
            };
            format!(
                "{} {} (week {}, {} weeks later)",
                milestone_label(&label),
                roadmap.date_of(m.week),
                m.week,
                m.week.saturating_sub(m.planned_week)
            )
        })
        .collect();
    let owners: Vec<&str> = h.owners.iter().map(|o| o.label()).collect();
    Some(format!(
        "Capacity not yet confirmed ({}) is an assumption. At half of it: {}; the last work item in week {}.",
        owners.join(", "),
        moved.join("; "),
        h.finish_week,
    ))
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
    let years: Vec<String> = c
        .years
        .iter()
        .map(|y| format!("year {} {} to {}", y.year, roadmap.date_of(y.start_week), day_before(roadmap, y.end_week)))
        .collect();
    let _ = write!(
        out,
        "All in {}, like for like; figures quoted in another currency are converted at the rates file's \
         exchange rates ({}, {}). Remediation is never inside an audit fee: it is the labour and outside help lines. \
         Programme years: {}. An audit fee sits in the year of the week shown (a Type II at the end of its period, \
         when its fieldwork starts), readiness labour in the year each work item ends, the run work from the week \
         the Type II window opens or the certificate is issued. ",
        c.currency.code(),
        md_inline(&c.exchange.text),
        md_inline(&c.exchange.date),
        years.join("; "),
    );
    cost_notes(out, roadmap, c);
    let mut table = MdTable::new(&["Year", "Category", "Item", "For", "Amount", "Source"]);
    for line in &c.lines {
        let mut item = cost_item_label(line.item).to_string();
        if line.count > 1 {
            let _ = write!(item, " (x{})", line.count);
        }
        if let Some(week) = line.week {
            let _ = write!(item, ", week {week}");
        }
        if line.spend == Spend::Current {
            item.push_str(" (already paid)");
        }
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

/// The day before week `week` starts: the last day of the year that ends there.
fn day_before(roadmap: &Roadmap, week: u32) -> String {
    crate::clock::add_days(&roadmap.start, 7 * i64::from(week) - 1).unwrap_or_default()
}

/// Below the cost table: how the labour ties to the plan's days, what the client already
/// pays, and what falls after the three years.
fn cost_notes(out: &mut String, roadmap: &Roadmap, c: &Costs) {
    let tie = &c.labour;
    let by_year: Vec<String> = tie.by_year.iter().map(|(y, d)| format!("year {y} {}", range(*d))).collect();
    let _ = write!(
        out,
        "Readiness labour is the plan's {} person-days: {} of the client's own time and {} of outside help \
         ({}% of the security / GRC days), by the year each item ends: {}.",
        range(tie.plan_days),
        range(tie.internal_days),
        range(tie.outside_days),
        (tie.outside_share * 100.0).round(),
        by_year.join(", "),
    );
    if c.current.three_year.low > 0.0 {
        let _ = write!(
            out,
            " The totals are what the programme adds, the client's own time included at the internal day rate; \
             tools already paid for are the current run-rate, {} in year 1 and {} over three years, not added.",
            money(c.current.year1, c.currency),
            money(c.current.three_year, c.currency),
        );
    }
    let later: Vec<String> = c
        .later
        .iter()
        .map(|l| {
            let when = l.week.map_or(format!("year {}", l.year), |w| format!("{}, year {}", dated(roadmap, w), l.year));
            format!("{} {when}, {}", cost_item_label(l.item), money(l.amount, c.currency))
        })
        .collect();
    if !later.is_empty() {
        let _ = write!(out, " After the three years, not in the totals: {}.", later.join("; "));
    }
    out.push_str("\n\n");
}

fn run_cost(out: &mut String, data: &ReportData<'_>, plan: &Plan) {
    let currency = data.analysis.roadmap.currency;
    let run = &plan.run;
    let _ = write!(
        out,
        "**Keeping it, the yearly run cost:** once the report and the certificate are in hand, {} person-days a \
         year, {} a year in all (labour {}, audits {}, tools {}){}; the activities are in Appendix D.\n\n",
        range(run.days),
        money(run.total, currency),
        money(run.labour, currency),
        money(run.fees, currency),
        money(run.tools, currency),
        if run.tools_current.low > 0.0 {
            format!(", besides {} a year already paid for tools held", money(run.tools_current, currency))
        } else {
            String::new()
        },
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Catalog, Questionnaire};

    #[test]
    fn the_summary_split_adds_up_to_every_plans_total() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports/lumenfield.toml");
        let questionnaire = Questionnaire::embedded();
        let mut assessment = crate::store::load(&path).expect("fixture");
        crate::questionnaire::carry_over(&questionnaire, &mut assessment);
        let analysis = crate::engine::analyze(Catalog::embedded(), &questionnaire, &assessment);
        for plan in &analysis.roadmap.plans {
            let parts = days_by_part(plan);
            let sum = parts.iter().fold(Range::default(), |sum, (_, days)| sum + *days);
            assert!((sum.low - plan.days.low).abs() < 1e-6, "{:?}: {sum:?} against {:?}", plan.kind, plan.days);
            assert!((sum.high - plan.days.high).abs() < 1e-6, "{:?}: {sum:?} against {:?}", plan.kind, plan.days);
            assert!(parts.iter().any(|(p, _)| *p == Part::Bookings), "the bookings are a part of their own");
            // Cash out and the client's own time are the totals, split.
            let t = &plan.costs.totals;
            for (years, total) in [(1, t.year1), (3, t.three_year)] {
                let (cash, own) = (spend(&plan.costs, Outlay::Cash, years), spend(&plan.costs, Outlay::OwnTime, years));
                assert!(own.low > 0.0 && cash.low > 0.0, "both kinds of money in {years} years");
                assert!((cash.low + own.low - total.low).abs() < 1e-6, "{years} years: {cash:?} + {own:?}");
                let high = cash.high.zip(own.high).map(|(a, b)| a + b);
                assert!(high.zip(total.high).is_some_and(|(a, b)| (a - b).abs() < 1e-6), "{years} years: {high:?}");
            }
        }
    }
}
