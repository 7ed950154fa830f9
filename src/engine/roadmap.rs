//! The phased roadmap: gaps become work items with owners and effort, grouped in the setup
//! order that works (foundations, identity, devices, code, ticketing, cloud, people,
//! suppliers, physical, assurance), followed by the audit milestones and the second
//! framework's increment.

use super::effort::{Effort, Gap, Range, share};
use super::readiness::Readiness;
use super::recommend::{
    ISMS_RUN_IN_WEEKS, STAGES_TO_CERTIFICATE_WEEKS, TYPE1_WEEKS, TYPE2_REPORT_WEEKS, Target, WEEKS_PER_MONTH,
};
use crate::catalog::Catalog;
use crate::framework::Framework;
use crate::profile::Profile;
use crate::questionnaire::{Owner, Phase, Questionnaire};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkItem {
    pub question: usize,
    pub id: String,
    pub title: String,
    pub domain: String,
    pub owner: Owner,
    pub phase: Phase,
    pub days: Range,
    /// How much closing it moves the needle: gap x weighted references (first framework
    /// counted double). Used to order the gap list.
    pub importance: f64,
    pub soc2: Vec<String>,
    pub iso27001: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoadmapPhase {
    pub phase: Option<Phase>,
    pub title: String,
    pub framework: Framework,
    /// Week the phase starts (from the start of the programme) and its length.
    pub start_week: f64,
    pub weeks: Range,
    pub days: Range,
    pub owners: Vec<Owner>,
    pub items: Vec<WorkItem>,
}

/// What an audit milestone is, so readers need not match on its wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    Type1Report,
    ObservationStart,
    ObservationEnd,
    Type2Report,
    Type2Renewal,
    InternalAuditAndReview,
    Stage1,
    Stage2,
    Certificate,
    Surveillance,
    Recertification,
    /// HIPAA or PCI DSS work the data demands: placed first, estimated outside this tool.
    Regulated,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    pub framework: Framework,
    pub kind: MilestoneKind,
    pub name: String,
    pub week: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnerLoad {
    pub owner: Owner,
    pub items: usize,
    pub days: Range,
}

/// An external cost range in the currency the market quotes it in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cost {
    pub framework: Framework,
    pub item: String,
    pub currency: &'static str,
    pub low: u32,
    /// None when the top of the range is open ("100,000+").
    pub high: Option<u32>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Roadmap {
    pub phases: Vec<RoadmapPhase>,
    pub milestones: Vec<Milestone>,
    pub owners: Vec<OwnerLoad>,
    pub costs: Vec<Cost>,
    /// All gaps with work left, most important first (both frameworks).
    pub gaps: Vec<WorkItem>,
}

/// Headcount above which an ISO scope counts as large (the cost range changes).
const LARGE_SCOPE_HEADCOUNT: u32 = 250;

fn work_item(
    catalog: &Catalog,
    questionnaire: &Questionnaire,
    readiness: &Readiness,
    gap: &Gap,
    first: Framework,
) -> WorkItem {
    let q = &questionnaire.questions[gap.question];
    let refs = |fw: Framework| -> Vec<String> {
        q.references_of(fw)
            .filter(|r| readiness.requirements[r.req].in_scope)
            .map(|r| catalog.get(r.req).id.clone())
            .collect()
    };
    let weight = |fw: Framework| -> f64 {
        q.references_of(fw).filter(|r| readiness.requirements[r.req].in_scope).map(|r| r.weight).sum()
    };
    // The midpoint of the gap range: an unanswered question (0 to 100% gap) ranks below a
    // confirmed 100% gap, so the list leads with what the workshop actually found.
    let fraction = (gap.fraction.low + gap.fraction.high) / 2.0;
    let importance = fraction * (2.0 * weight(first) + weight(first.other())) * if q.core { 1.5 } else { 1.0 };
    WorkItem {
        question: gap.question,
        id: q.id.clone(),
        title: q.text.clone(),
        domain: questionnaire.domains[q.domain].title.clone(),
        owner: q.owner,
        phase: q.phase,
        days: gap.days,
        importance: (importance * 100.0).round() / 100.0,
        soc2: refs(Framework::Soc2),
        iso27001: refs(Framework::Iso27001),
    }
}

fn owners_of(items: &[WorkItem]) -> Vec<Owner> {
    let mut owners: Vec<Owner> = items.iter().map(|i| i.owner).collect();
    owners.sort();
    owners.dedup();
    owners
}

/// A gap's work for one framework: the share of the question's days that serves it.
fn scaled(gap: &Gap, factor: f64) -> Gap {
    Gap { days: gap.days.scale(factor), ..*gap }
}

pub fn plan(
    catalog: &Catalog,
    questionnaire: &Questionnaire,
    readiness: &Readiness,
    gaps: &[Gap],
    effort: &Effort,
    profile: &Profile,
) -> Roadmap {
    let first = effort.first;
    let second = effort.second;
    let fte = effort.fte;
    let open: Vec<&Gap> = gaps.iter().filter(|g| g.days.high > 0.0).collect();
    // Each question's share of work per framework, worked out once: the phase loop below
    // visits every gap once per phase.
    let shares: Vec<[f64; 2]> =
        gaps.iter().map(|g| Framework::ALL.map(|fw| share(questionnaire, readiness, g.question, fw))).collect();
    let share_of = |g: &Gap, fw: Framework| shares[g.question][fw.index()];
    let mut phases = Vec::new();
    let mut milestones = regulated_milestones(profile);
    // Phases follow each other; weeks add up unrounded and are rounded only for display, so
    // the roadmap, the effort summary and the deadline advice tell the same story.
    let mut days_so_far = 0.0;
    for phase in Phase::ALL {
        let items: Vec<WorkItem> = open
            .iter()
            .filter(|g| questionnaire.questions[g.question].phase == phase)
            .filter(|g| share_of(g, first) > 0.0)
            .map(|g| work_item(catalog, questionnaire, readiness, &scaled(g, share_of(g, first)), first))
            .collect();
        if items.is_empty() {
            continue;
        }
        let days = items.iter().fold(Range::default(), |acc, i| acc + i.days);
        phases.push(RoadmapPhase {
            phase: Some(phase),
            title: phase.label().to_string(),
            framework: first,
            start_week: days_so_far / (5.0 * fte),
            weeks: days.weeks(fte),
            days,
            owners: owners_of(&items),
            items,
        });
        days_so_far += days.high;
    }
    let ready = days_so_far / (5.0 * fte);
    let first_milestones = audit_milestones(first, ready, profile, profile.holds(first));
    // The second framework's work starts once the first framework's first audit is done
    // (the Type I report, or Stage 1), while the first one's evidence period runs.
    let second_start = first_milestones
        .iter()
        .find(|m| matches!(m.kind, MilestoneKind::Type1Report | MilestoneKind::Stage1))
        .map_or(ready, |m| m.week);
    milestones.extend(first_milestones);
    if profile.holds(second) {
        milestones.extend(audit_milestones(second, 0.0, profile, true));
    } else {
        let second_items: Vec<WorkItem> = open
            .iter()
            .filter_map(|g| {
                let only_second = share_of(g, second) - share_of(g, first).min(share_of(g, second));
                (only_second > 0.0)
                    .then(|| work_item(catalog, questionnaire, readiness, &scaled(g, only_second), second))
            })
            .collect();
        phases.push(RoadmapPhase {
            phase: None,
            title: format!("Add {}: its own requirements and rework of shared controls", second.label()),
            framework: second,
            start_week: second_start,
            weeks: effort.second_weeks,
            days: effort.second_days,
            owners: owners_of(&second_items),
            items: second_items,
        });
        let second_ready = second_start + effort.second_days.exact_weeks(fte).high;
        milestones.extend(audit_milestones(second, second_ready, profile, false));
    }

    let mut all: Vec<WorkItem> = open.iter().map(|g| work_item(catalog, questionnaire, readiness, g, first)).collect();
    all.sort_by(|a, b| b.importance.total_cmp(&a.importance).then_with(|| a.id.cmp(&b.id)));
    let owners = Owner::ALL
        .into_iter()
        .filter_map(|owner| {
            let mine: Vec<&WorkItem> = all.iter().filter(|i| i.owner == owner).collect();
            (!mine.is_empty()).then(|| OwnerLoad {
                owner,
                items: mine.len(),
                days: mine.iter().fold(Range::default(), |acc, i| acc + i.days),
            })
        })
        .collect();
    milestones.sort_by(|a, b| a.week.total_cmp(&b.week));
    Roadmap { phases, milestones, owners, costs: costs(profile, first), gaps: all }
}

/// HIPAA and PCI DSS come first when the data demands them; their work is outside this
/// tool's estimate, so the roadmap marks them rather than pretending to size them.
fn regulated_milestones(profile: &Profile) -> Vec<Milestone> {
    super::recommend::regulated_first(profile)
        .into_iter()
        .filter_map(|target| {
            let name = match target {
                Target::Hipaa => "HIPAA first: security risk analysis and business associate agreements (not in this estimate; map them to SOC 2 as you go)",
                Target::PciDss => "PCI DSS first: scope the card data environment, self-assessment or assessor report (not in this estimate)",
                Target::Soc2 | Target::Iso27001 => return None,
            };
            Some(Milestone { framework: Framework::Soc2, kind: MilestoneKind::Regulated, name: name.into(), week: 0.0 })
        })
        .collect()
}

fn round_week(w: f64) -> f64 {
    w.ceil()
}

/// Weeks from a certificate to its recertification audit: before the three years run out.
const RECERTIFICATION_WEEKS: f64 = 144.0;

/// The audit calendar for one framework. For a framework already held, the upkeep: the next
/// Type II period or the surveillance audits, counted from now.
fn audit_milestones(framework: Framework, ready: f64, profile: &Profile, held: bool) -> Vec<Milestone> {
    use MilestoneKind as K;
    let m = |kind: MilestoneKind, name: String, week: f64| Milestone { framework, kind, name, week: round_week(week) };
    match (framework, held) {
        (Framework::Soc2, true) => {
            vec![m(K::Type2Renewal, "Next SOC 2 Type II report (report held: yearly)".into(), 52.0)]
        }
        (Framework::Iso27001, true) => vec![
            m(K::Surveillance, "ISO 27001 surveillance audit (certificate held: yearly)".into(), 52.0),
            m(K::Recertification, "ISO 27001 recertification (every three years)".into(), RECERTIFICATION_WEEKS),
        ],
        (Framework::Soc2, false) => {
            let months = profile.observation_window();
            let window_end = ready + f64::from(months) * WEEKS_PER_MONTH;
            vec![
                m(K::Type1Report, "SOC 2 Type I report (design at a point in time)".into(), ready + TYPE1_WEEKS),
                m(K::ObservationStart, format!("Type II observation window starts ({months} months)"), ready),
                m(K::ObservationEnd, "Type II observation window ends".into(), window_end),
                m(K::Type2Report, "SOC 2 Type II report".into(), window_end + TYPE2_REPORT_WEEKS),
                m(K::Type2Renewal, "Next Type II period ends (annual)".into(), window_end + 52.0),
            ]
        }
        (Framework::Iso27001, false) => {
            let stage1 = ready + ISMS_RUN_IN_WEEKS;
            let certificate = stage1 + STAGES_TO_CERTIFICATE_WEEKS;
            vec![
                m(K::Stage1, "ISO 27001 Stage 1 audit (documentation)".into(), stage1),
                m(K::InternalAuditAndReview, "Internal audit and management review completed".into(), stage1 - 1.0),
                m(K::Stage2, "ISO 27001 Stage 2 audit (implementation)".into(), stage1 + 4.0),
                m(K::Certificate, "ISO 27001 certificate issued".into(), certificate),
                m(K::Surveillance, "Surveillance audit 1".into(), certificate + 52.0),
                m(K::Surveillance, "Surveillance audit 2".into(), certificate + 104.0),
                m(
                    K::Recertification,
                    "Recertification audit (before the certificate expires)".into(),
                    certificate + RECERTIFICATION_WEEKS,
                ),
            ]
        }
    }
}

/// External audit cost ranges as the market quotes them (no currency conversion: the
/// quotes come in these currencies). Internal effort is in person-days, not money.
fn costs(profile: &Profile, first: Framework) -> Vec<Cost> {
    let large = profile.headcount > LARGE_SCOPE_HEADCOUNT;
    let soc2 = Cost {
        framework: Framework::Soc2,
        item: "SOC 2 Type II audit fees (CPA firm), per year; remediation extra".into(),
        currency: "USD",
        low: 25_000,
        high: Some(80_000),
        note: "Auditor fees vary widely with scope; a Type I report is a separate, smaller engagement.".into(),
    };
    let iso = if large {
        Cost {
            framework: Framework::Iso27001,
            item: "ISO 27001 certification, audit and remediation (large scope)".into(),
            currency: "EUR",
            low: 100_000,
            high: None,
            note: "Annual surveillance audits carry their own fees.".into(),
        }
    } else {
        Cost {
            framework: Framework::Iso27001,
            item: "ISO 27001 certification, audit and remediation (mid-market scope)".into(),
            currency: "EUR",
            low: 20_000,
            high: Some(60_000),
            note: "Annual surveillance audits carry their own fees.".into(),
        }
    };
    let ordered = if first == Framework::Soc2 { [soc2, iso] } else { [iso, soc2] };
    // A framework already held costs its upkeep, not a first certification.
    ordered.into_iter().filter(|c| !profile.holds(c.framework)).collect()
}
