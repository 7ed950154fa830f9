//! The plan in words: the engine returns kinds, weeks and numbers; these functions write the
//! sentences the report and the screen show, so both say the same thing and either can be
//! rephrased without touching the engine.

use super::figures::number;
use crate::engine::costs::{CostCategory, CostItem};
use crate::engine::deadlines::{CapacityNeed, DeadlineCheck, Verdict};
use crate::engine::rates::{AuditEvent, RunActivity};
use crate::engine::roadmap::{Milestone, MilestoneKind, Plan, PlanFlag, PlanKind, Programme, Roadmap};
use crate::engine::schedule::Step;
use crate::engine::tracks::TrackKind;
use crate::framework::Framework;
use crate::profile::Scheme;

pub fn milestone_label(m: &Milestone) -> String {
    use MilestoneKind as K;
    let fw = m.framework.map_or("", Framework::label);
    let auditor = if m.framework == Some(Framework::Soc2) { "US audit firm (CPA)" } else { "certification body" };
    match m.kind {
        K::BookAuditor => format!("{fw}: choose and book the {auditor} by now"),
        K::ReadinessCheck => format!("{fw}: readiness check (mock audit) done"),
        K::Type1Report => "SOC 2 Type I report (design as of the window's first day)".into(),
        K::ObservationStart => "SOC 2 Type II observation window opens: the Type I's as-of date".into(),
        K::ObservationEnd => "SOC 2 Type II observation window closes: the end of the Type II period".into(),
        K::RunsInWindow => {
            "SOC 2, in the window: every periodic control in scope (risk assessment, reviews, training, tests, exercises) has run once by now; dates in Appendix D".into()
        }
        K::Type2Report => "SOC 2 Type II report".into(),
        K::Type2Renewal if m.upkeep => "Next SOC 2 Type II report (report held: yearly)".into(),
        K::Type2Renewal => "Next Type II period ends (yearly)".into(),
        K::InternalAuditAndReview => "ISO 27001 internal audit and management review done".into(),
        K::Stage1 => "ISO 27001 Stage 1 audit (documentation)".into(),
        K::Stage2 => "ISO 27001 Stage 2 audit (implementation)".into(),
        K::Certificate => "ISO 27001 certificate issued".into(),
        K::YearlyInternalAudit => "ISO 27001 yearly internal audit done, ahead of the external audit".into(),
        K::YearlyManagementReview => "ISO 27001 yearly management review done, ahead of the external audit".into(),
        K::Surveillance1 if m.upkeep => "ISO 27001 surveillance audit (certificate held: yearly)".into(),
        K::Surveillance1 => "ISO 27001 surveillance audit 1".into(),
        K::Surveillance2 => "ISO 27001 surveillance audit 2".into(),
        K::Recertification => "ISO 27001 recertification audit".into(),
        K::TrackComplete => format!("{} work done", m.track.map_or("Regulated", TrackKind::label)),
    }
}

/// A yearly internal audit's row with its management review: one line a year.
pub fn internal_audit_with_review(audit: &Milestone, review: &Milestone) -> String {
    format!("{}; the management review by week {}", milestone_label(audit), review.week)
}

/// The days of a periodic control's run in the Type II window: they are in the yearly run
/// work, not added to the plan's person-days.
pub const RUN_WORK_DAYS: &str = "in the run work";

/// What the low estimate's week takes for granted, where the milestone says so: next to the
/// low date wherever a range is shown.
pub fn low_date_caveat(m: &Milestone) -> Option<&'static str> {
    m.low_assumes_no_major_nonconformity.then_some("the low date assumes no major nonconformity")
}

pub fn milestone_kind_label(kind: MilestoneKind) -> &'static str {
    match kind {
        MilestoneKind::Type1Report => "SOC 2 Type I report",
        MilestoneKind::Type2Report => "SOC 2 Type II report",
        MilestoneKind::Certificate => "ISO 27001 certificate",
        MilestoneKind::Stage1 => "Stage 1 audit",
        MilestoneKind::Stage2 => "Stage 2 audit",
        _ => "milestone",
    }
}

pub fn plan_title(plan: &Plan) -> String {
    match plan.kind {
        PlanKind::Sequential => format!("{} first, then {}", plan.first.label(), plan.first.other().label()),
        PlanKind::Combined => "Combined programme: one control set for both".into(),
    }
}

pub fn programme_label(programme: Programme, plan: &Plan) -> String {
    match programme {
        Programme::First => plan.first.label().to_string(),
        Programme::Second => format!("add {}", plan.first.other().label()),
        Programme::Combined => "both".into(),
        Programme::Track(kind) => kind.label().into(),
    }
}

pub fn step_label(step: Step) -> &'static str {
    match step {
        Step::Track => "regulated track",
        Step::Scope => "scope",
        Step::Policies => "policies",
        Step::RiskAssessment => "risk assessment",
        Step::Foundation => "groundwork",
        Step::RiskTreatment => "risk treatment and SoA",
        Step::Controls => "controls",
        Step::Evidence => "evidence",
        Step::InternalAudit => "internal audit",
        Step::ManagementReview => "management review",
        Step::Improvement => "improvement",
        Step::Booking => "booking",
        Step::Run => "run in the Type II window (yearly run work)",
    }
}

pub fn verdict_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Met => "met",
        Verdict::AtRisk => "at risk",
        Verdict::Missed => "missed",
        Verdict::Held => "already held",
        Verdict::Passed => "date before the programme start",
    }
}

fn weeks(low: f64, high: f64) -> String {
    if low == high { format!("week {}", number(high)) } else { format!("weeks {}-{}", number(low), number(high)) }
}

/// "Hansa Logistik contract: ISO 27001 by 2027-09-01 (week 39)".
pub fn deadline_title(d: &DeadlineCheck) -> String {
    let name = if d.name.trim().is_empty() { "Deadline" } else { d.name.trim() };
    let what = d.framework.map_or("SOC 2 or ISO 27001", Framework::label);
    if d.date.is_empty() {
        format!("{name}: {what} in week {}", d.week)
    } else {
        format!("{name}: {what} by {} (week {})", d.date, d.week)
    }
}

/// The verdict and what would meet it, in one or two sentences.
pub fn deadline_sentence(d: &DeadlineCheck) -> String {
    let mut s = deadline_verdict(d);
    if d.second_in_plan && matches!(d.verdict, Verdict::AtRisk | Verdict::Missed) {
        s.push_str(&format!(
            " {} is second in this plan: start it first or run its readiness alongside.",
            d.target.label()
        ));
    }
    if let Some(stopgap) = d.stopgap {
        let when = weeks(f64::from(stopgap.week_low), f64::from(stopgap.week));
        s.push_str(&match stopgap.verdict {
            Verdict::Met => format!(" A SOC 2 Type I report ({when}) can bridge it while the Type II window runs."),
            Verdict::AtRisk => format!(" A SOC 2 Type I report ({when}) might bridge it, at the low estimate."),
            _ => format!(" Even a SOC 2 Type I report ({when}) comes after it: share the plan and a readiness letter from the consultant (advisory, not a CPA report)."),
        });
    }
    if let Some(w) = d.window_option {
        // Each report week with the window of the same estimate.
        let window = |start: u32, end: u32, report: u32| format!("weeks {start}-{end}, report in week {report}");
        let high = window(w.start_week, w.end_week, w.report_week);
        let when = if w.report_week_low < w.report_week {
            format!("low estimate: {}; high: {high}", window(w.start_week_low, w.end_week_low, w.report_week_low))
        } else {
            high
        };
        s.push_str(&format!(
            " Option: a {}-month first observation window ({when}): {}.",
            w.months,
            verdict_label(w.verdict),
        ));
    }
    match d.need {
        CapacityNeed::None => {}
        CapacityNeed::Owner { owner, fte } => s.push_str(&format!(
            " To meet week {} at the high estimate: {} FTE in {}.",
            d.week,
            number(fte),
            owner.label()
        )),
        CapacityNeed::AllWorkstreams { factor } => s.push_str(&format!(
            " To meet week {} at the high estimate: {}x the capacity of every workstream.",
            d.week,
            number(factor)
        )),
        CapacityNeed::Unreachable => s.push_str(
            " No capacity meets it: the audit calendar (lead times, observation window) alone is longer; negotiate the date.",
        ),
    }
    s
}

/// The deadline's verdict alone, the first sentence of [`deadline_sentence`]: where a summary
/// points to the whole of it rather than repeating it.
pub fn deadline_verdict(d: &DeadlineCheck) -> String {
    let milestone = milestone_kind_label(d.milestone);
    match (d.verdict, d.milestone_weeks) {
        (Verdict::Held, _) => format!("Already held: share the {milestone} with the buyer under NDA."),
        (Verdict::Passed, _) => {
            "The date is before the programme starts: agree a new one with the buyer, backed by this plan.".into()
        }
        (verdict, Some(w)) => {
            format!("{}: the {milestone} lands in {}.", capitalised(verdict_label(verdict)), weeks(w.low, w.high))
        }
        (verdict, None) => format!("{}.", capitalised(verdict_label(verdict))),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

pub fn flag_sentence(flag: &PlanFlag) -> String {
    match flag {
        PlanFlag::ReworkInsideType2Window { items, start_week, end_week } => format!(
            "Work on {} control{} the SOC 2 report relies on ({}) in weeks {} falls inside the Type II window: do it \
             before the window opens, or record each change for the auditor.",
            items.len(),
            if items.len() == 1 { "" } else { "s" },
            items.join(", "),
            super::figures::weeks_span(*start_week, *end_week),
        ),
        PlanFlag::WorksCouncilNotKnown { items } => format!(
            "Monitoring tools on staff devices and accounts ({}) are planned, but the profile does not say whether a \
             works council must agree them first: ask; if it must, its consultation comes first and takes weeks.",
            items.join(", "),
        ),
        PlanFlag::ChecksInsideType2Window { items, start_week, end_week } => format!(
            "ISMS checks on controls mapped to in-scope SOC 2 criteria ({}) run in weeks {}, after the Type II window \
             opens: they change no control, but the auditor will sample their records within the period.",
            items.join(", "),
            super::figures::weeks_span(*start_week, *end_week),
        ),
    }
}

/// One line of advice for a scheme crosswalk does not score.
pub fn scheme_advice(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::Fedramp => {
            "US federal cloud authorisation: a separate, NIST 800-53 based programme; scope it on its own."
        }
        Scheme::Stateramp => "US state and local cloud authorisation modelled on FedRAMP: ask which impact level.",
        Scheme::Cmmc => "US defence supply chain: confirm the level the contract names; it builds on NIST 800-171.",
        Scheme::C5 => {
            "German public-sector cloud criteria: a SOC 2 style attestation can cover C5 with extra criteria."
        }
        Scheme::Tisax => "Automotive supply chain assessment built on ISO 27001 controls: plan it after the ISMS.",
        Scheme::Hitrust => "US health buyers' certification: maps to SOC 2 and HIPAA work; confirm the buyer needs it.",
        Scheme::CyberEssentials => {
            "UK baseline certification: small, quick, and mostly covered by the technical controls."
        }
        Scheme::Iso27701 => "Privacy extension to ISO 27001: add it to the ISMS once certified.",
        Scheme::Iso42001 => "AI management system: a separate certification sharing the ISMS structure.",
    }
}

pub fn category_label(category: CostCategory) -> &'static str {
    match category {
        CostCategory::AuditFee => "External audit fees",
        CostCategory::InternalLabour => "Internal labour",
        CostCategory::OutsideHelp => "Outside help",
        CostCategory::Tools => "Tools",
    }
}

pub fn cost_item_label(item: CostItem) -> &'static str {
    match item {
        CostItem::Audit(AuditEvent::Type1) => "SOC 2 Type I examination",
        CostItem::Audit(AuditEvent::Type2) => "SOC 2 Type II examination",
        CostItem::Audit(AuditEvent::Stage1And2) => "ISO 27001 Stage 1 and Stage 2 audits",
        CostItem::Audit(AuditEvent::Surveillance) => "ISO 27001 surveillance audit",
        CostItem::Audit(AuditEvent::Recertification) => "ISO 27001 recertification audit",
        CostItem::Readiness => "Readiness work",
        CostItem::Upkeep => "Keeping it: yearly run work",
        CostItem::Audit(AuditEvent::ReadinessCheck) => "SOC 2 readiness check (mock audit)",
        CostItem::Audit(AuditEvent::InternalAudit) => "ISO 27001 internal audit by an outside auditor",
        CostItem::Tool(tool) => tool.label(),
    }
}

pub fn run_activity_label(activity: RunActivity) -> &'static str {
    match activity {
        RunActivity::AccessReviews => "Access reviews",
        RunActivity::VendorReviews => "Vendor reviews",
        RunActivity::RiskReview => "Risk assessment refresh",
        RunActivity::PolicyAndTraining => "Policy review and awareness training",
        RunActivity::EvidenceCollection => "Evidence collection for the Type II period",
        RunActivity::InternalAudit => "Internal audit",
        RunActivity::ManagementReview => "Management review",
        RunActivity::ExternalAuditSupport => "Supporting the external audits",
    }
}

/// The date a week falls on, with the week: "2027-03-01 (week 13)".
pub fn dated(roadmap: &Roadmap, week: u32) -> String {
    format!("{} (week {week})", roadmap.date_of(week))
}

/// A difference of two ranges' ends as shown: "29–43 more", "5 less", "the same", or both
/// ends when they differ in sign ("3 less to 4 more"). `show` formats one magnitude.
/// `fewer` is the word for a count below ("fewer person-days"), "less" serves an amount.
fn difference(low: f64, high: f64, show: &dyn Fn(f64) -> String, fewer: &str) -> String {
    let span = |a: f64, b: f64, sign: &str| {
        let (a, b) = (show(a.min(b)), show(a.max(b)));
        if a == b { format!("{a} {sign}") } else { format!("{a}–{b} {sign}") }
    };
    match (low, high) {
        (l, h) if l == 0.0 && h == 0.0 => "the same".into(),
        (l, h) if l >= 0.0 && h >= 0.0 => span(l, h, "more"),
        (l, h) if l <= 0.0 && h <= 0.0 => span(-l, -h, fewer),
        (l, h) if l < 0.0 => format!("{} {fewer} to {} more", show(-l), show(h)),
        (l, h) => format!("{} more to {} {fewer}", show(l), show(-h)),
    }
}

/// How `plan` compares with `other` (the combined programme beside a sequential order, or the
/// sequential order beside a combined programme that leads), in one sentence: the dates of the
/// report or certificate of each framework in `frameworks` (the deal's first), the person-days
/// and the three-year cost, each as a difference. None when either plan lacks a milestone.
pub fn against_other(roadmap: &Roadmap, plan: &Plan, other: &Plan, frameworks: [Framework; 2]) -> Option<String> {
    let mut dates = Vec::new();
    for fw in frameworks {
        let kind = crate::engine::deadlines::answer(fw);
        let (ours, theirs) = (plan.milestone(fw, kind)?, other.milestone(fw, kind)?);
        let shift = i64::from(ours.week) - i64::from(theirs.week);
        let when = match shift {
            0 => "the same week".to_string(),
            s if s > 0 => format!("{s} weeks later"),
            s => format!("{} weeks earlier", -s),
        };
        dates.push(format!(
            "the {} {when} ({} against {})",
            milestone_kind_label(kind),
            roadmap.date_of(ours.week),
            roadmap.date_of(theirs.week)
        ));
    }
    // Differences of the figures as shown (whole days from 10 up), so they add up on the page.
    let shown = |v: f64| if v.abs() >= 10.0 { v.round() } else { super::figures::round1(v) };
    let (more_low, more_high) =
        (shown(plan.days.low) - shown(other.days.low), shown(plan.days.high) - shown(other.days.high));
    let days = difference(more_low, more_high, &|d| super::figures::estimate(d), "fewer");
    let cost = three_year_difference(roadmap, plan, other)?.unwrap_or_else(|| "the same cost".to_string());
    let (subject, against) = match other.kind {
        PlanKind::Combined => ("this order", "the combined programme (one control set for both)".to_string()),
        PlanKind::Sequential => {
            ("this combined programme", format!("doing them one after another ({})", plan_title(other)))
        }
    };
    let verdict = if other.ahead_of(plan) {
        " On these figures the other plan is ahead on every count: consider it instead."
    } else if plan.ahead_of(other) {
        " It is ahead on every count, which is why it is the plan set out here."
    } else {
        ""
    };
    Some(format!(
        "Against {against}, {subject} brings {}, and takes {days} person-days and {cost} over three years.{verdict}",
        dates.join(" and ")
    ))
}

/// How much more or less `plan` costs than `other` over three years, as shown (whole units):
/// "EUR 8,300–16,700 more"; None inside when the same; None when either has no upper bound.
fn three_year_difference(roadmap: &Roadmap, plan: &Plan, other: &Plan) -> Option<Option<String>> {
    let (ours, theirs) = (plan.costs.totals.three_year, other.costs.totals.three_year);
    let (Some(high), Some(their_high)) = (ours.high, theirs.high) else { return None };
    let whole = |v: f64| v.max(0.0).round();
    let (low, high) = (whole(ours.low) - whole(theirs.low), whole(high) - whole(their_high));
    let cost = difference(low, high, &|d| super::figures::thousands(d.round() as u64), "less");
    Some((cost != "the same").then(|| format!("{} {cost}", roadmap.currency.code())))
}

/// What `plan` gives up against `sooner`, a plan beside it that brings `deal`'s report or
/// certificate sooner: that date, and what `sooner` costs on the other framework and in money.
pub fn gives_up(roadmap: &Roadmap, plan: &Plan, sooner: &Plan, deal: Framework) -> Option<String> {
    let (kind, other_kind) = (crate::engine::deadlines::answer(deal), crate::engine::deadlines::answer(deal.other()));
    let (ours, theirs) = (plan.milestone(deal, kind)?.week, sooner.milestone(deal, kind)?.week);
    let (other_ours, other_theirs) =
        (plan.milestone(deal.other(), other_kind)?.week, sooner.milestone(deal.other(), other_kind)?.week);
    let later = match i64::from(other_theirs) - i64::from(other_ours) {
        s if s > 0 => {
            format!("the {} {s} weeks later ({})", milestone_kind_label(other_kind), roadmap.date_of(other_theirs))
        }
        s if s < 0 => format!("the {} {} weeks sooner too", milestone_kind_label(other_kind), -s),
        _ => format!("the {} in the same week", milestone_kind_label(other_kind)),
    };
    let cost = match three_year_difference(roadmap, sooner, plan)? {
        Some(cost) => format!("{cost} over three years"),
        None => "at the same cost".to_string(),
    };
    Some(format!(
        "What it gives up: {} would bring the {} {} weeks sooner ({}), with {later} and {cost}.",
        plan_title(sooner),
        milestone_kind_label(kind),
        ours - theirs,
        roadmap.date_of(theirs),
    ))
}

/// "only if NIS2 or DORA applies": a plan item for regulations not known to apply.
pub fn only_if(regulations: &[crate::profile::Regulation]) -> String {
    let names: Vec<&str> = regulations.iter().map(|r| r.label()).collect();
    format!("only if {} applies", names.join(" or "))
}
