//! The plan: gaps become work items (the questions' actions), grouped into workstreams by
//! owner that run in parallel at their own capacity, in dependency order (see
//! [`super::schedule`]); audit milestones follow from when the work is done and the calendar
//! lead times in the rates file. Plans are made for each order (SOC 2 first, ISO 27001 first)
//! and, when buyers on both sides ask, for a combined programme with one control set.
//! Everything is whole weeks from the programme start; dates come from the start date.

use super::costs::{self, Costs, RunCost};
use super::deadlines::{self, DeadlineCheck};
use super::effort::{Effort, Gap, Range, share};
use super::periodic;
use super::rates::{Calendar, Rates};
use super::readiness::Readiness;
use super::schedule::{self, Capacities, Mode, Slot, Step, Task, Workload};
use super::tracks::{self, SchemeFollowUp, TrackKind};
use crate::catalog::Catalog;
use crate::framework::Framework;
use crate::profile::{Applicability, Currency, Profile};
use crate::questionnaire::{Owner, Phase, Question, Questionnaire};
use serde::Serialize;

/// A gap as the gap list shows it: the question, its owner, effort and what it closes.
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
    /// counted double). Used to order the gap list and, within a step, the workstreams.
    pub importance: f64,
    pub soc2: Vec<String>,
    pub iso27001: Vec<String>,
}

/// Which programme a plan item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Programme {
    /// The first framework's build (shared controls built once, for both).
    First,
    /// Adding the second framework: the work only it asks for (its additions to shared
    /// controls were built in the first programme).
    Second,
    /// One control set for both frameworks at once.
    Combined,
    /// A regulated obligation's own work.
    Track(TrackKind),
}

impl Programme {
    pub fn key(self) -> &'static str {
        match self {
            Programme::First => "first",
            Programme::Second => "second",
            Programme::Combined => "combined",
            Programme::Track(kind) => kind.key(),
        }
    }

    fn index(self) -> usize {
        match self {
            Programme::Second => 1,
            _ => 0,
        }
    }
}

/// One work item on the plan, in whole weeks from the programme start (the high estimate:
/// the plan a CISO commits to).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanItem {
    /// The question it closes; none for a regulated track's own item.
    pub question: Option<usize>,
    pub id: String,
    /// The work in the imperative, as the owner would put it on a plan.
    pub action: String,
    pub owner: Owner,
    pub programme: Programme,
    pub step: Step,
    pub days: Range,
    pub start_week: u32,
    pub end_week: u32,
    /// Which frameworks it serves (SOC 2, ISO 27001).
    pub serves: [bool; 2],
    /// A shared control built in the first programme to both frameworks' needs, including
    /// what the second adds to it (so it is built once, never reworked mid-audit).
    pub built_for_both: bool,
    /// Which frameworks' in-scope requirements the question evidences, whatever the work is
    /// for: an ISO 27001 addition mapped to an in-scope SOC 2 criterion changes a control the
    /// SOC 2 report describes.
    pub maps_to: [bool; 2],
    /// Items that must be done before this one starts, besides its step's gate (see
    /// [`PREREQUISITES`]): ids of items in this plan.
    pub after: Vec<String>,
    /// Second-programme work built with the first programme instead, and why.
    pub pulled_forward: Option<PullForward>,
}

/// Why work of the second framework is built during the first programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PullForward {
    /// It changes a control mapped to an in-scope SOC 2 criterion: built before the Type II
    /// window opens, so the auditor never sees that control change mid-period.
    Soc2Criteria,
    /// First-programme work depends on it (the ISMS scope before the risk assessment).
    Prerequisite,
    /// It is one output with first-programme work ([`ONE_STEP`]): the SoA and the risk
    /// owners' approval with the risk treatment plan.
    OneStep,
}

/// Work that must be finished before other work starts, by question id: (before, the items
/// that wait for it). Beyond the step order, because these pairs sit in the same step or in
/// different programmes: who owns the controls is decided once the security lead is appointed;
/// RTO and RPO come from the business impact analysis; deletion follows the retention schedule;
/// vendor reviews follow the register that says which vendors are critical; the risk
/// assessment and everything after it needs the ISMS scope, and the scope the context.
pub const PREREQUISITES: &[(&str, &[&str])] = &[
    ("GOV-02", &["GOV-12", "GOV-06"]),
    // The risk assessment rates the assets, duties and disruptions its inputs list: the asset
    // inventory, the legal and contract register and the business impact analysis.
    ("BC-07", &["BC-03", "RISK-02"]),
    ("AST-02", &["RISK-02"]),
    ("GOV-14", &["RISK-02"]),
    // Treatment, and the fraud scenarios added to it, follow the assessment itself; so do
    // the link from risks to the controls that treat them and the security objectives, which
    // take the assessment's results into account (clause 6.2).
    ("RISK-02", &["RISK-03", "RISK-06", "GOV-12", "RISK-01"]),
    // Fraud scenarios are part of the assessment the treatment plan answers.
    ("RISK-06", &["RISK-03"]),
    ("DATA-07", &["DATA-06"]),
    ("VEN-01", &["VEN-03", "VEN-04", "VEN-06"]),
    ("GOV-20", &["GOV-04"]),
    ("GOV-04", &["RISK-02"]),
    // Monitoring tools on staff devices and accounts wait for the works council's agreement
    // where there is one (co-determination on monitoring, employee-data rules).
    (WORKS_COUNCIL_ITEM, MONITORING),
    // The internal audit's nonconformities are raised and their corrective action under way
    // before the management review, which takes them as an input.
    (NONCONFORMITY_ITEM, &["GOV-10"]),
];

/// The item that raises and closes the internal audit's nonconformities (clause 10.2), between
/// the internal audit and the management review: Stage 2 samples that they went through it.
pub const NONCONFORMITY_ITEM: &str = "NC-ISO";

/// Work that is one output, scheduled as one step: each after the one before it, back to
/// back, in the same programme (the earliest any of them is in). The risk treatment plan, the
/// risk owners' approval of it and the Statement of Applicability are one result of risk
/// treatment (ISO 27001 6.1.3): months apart, the SoA would describe a plan nobody approved.
pub const ONE_STEP: &[&[&str]] = &[&["RISK-03", "RISK-05", "RISK-04"]];

/// The works council consultation's item id, and the questions whose tools it must agree.
pub const WORKS_COUNCIL_ITEM: &str = "WC-01";
pub const MONITORING: &[&str] = &["AST-01", "VUL-04", "NET-04", "NET-07", "DATA-04"];

/// Where a workstream's capacity comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapacitySource {
    /// Set in the profile.
    Profile,
    /// The rates file's default for the headcount.
    Headcount,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Capacity {
    pub owner: Owner,
    pub fte: f64,
    pub source: CapacitySource,
    /// The workstream's named lead (profile `leads`), if recorded.
    pub lead: Option<String>,
    /// Who confirmed the capacity; none: it is assumed.
    pub confirmed_by: Option<String>,
}

impl Capacity {
    /// Nobody has confirmed it: the plan's dates rest on an assumption.
    pub fn assumed(&self) -> bool {
        self.confirmed_by.is_none()
    }
}

/// The plan's dates if every assumed capacity were halved (confirmed ones held): how far the
/// headline milestones move when the people are not there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapacityScenario {
    /// The factor applied to each assumed capacity.
    pub factor: f64,
    /// The workstreams it applied to.
    pub owners: Vec<Owner>,
    pub finish_week: u32,
    /// Each milestone's week at that capacity (high estimate), in the plan's order.
    pub milestones: Vec<ScenarioMilestone>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScenarioMilestone {
    pub kind: MilestoneKind,
    pub framework: Option<Framework>,
    pub week: u32,
    /// The week in the plan itself.
    pub planned_week: u32,
}

/// Share of assumed capacity in the "what if" line.
pub const HALVED: f64 = 0.5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Workstream {
    pub owner: Owner,
    pub capacity_fte: f64,
    pub items: Vec<PlanItem>,
    pub days: Range,
    pub start_week: u32,
    pub end_week: u32,
}

/// What an audit milestone is, so readers need not match on wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    /// Latest week to have chosen and booked the CPA firm or certification body.
    BookAuditor,
    /// A mock audit on the finished work before the first external audit.
    ReadinessCheck,
    Type1Report,
    ObservationStart,
    ObservationEnd,
    /// Every periodic control mapped to an in-scope SOC 2 criterion has run in the Type II
    /// window (the work items of step `run` give each date).
    RunsInWindow,
    Type2Report,
    /// The next Type II period ends (yearly).
    Type2Renewal,
    InternalAuditAndReview,
    Stage1,
    Stage2,
    Certificate,
    /// The yearly ISMS internal audit done, ahead of a surveillance or recertification audit.
    YearlyInternalAudit,
    /// The yearly management review done, after that internal audit and before the external one.
    YearlyManagementReview,
    Surveillance1,
    Surveillance2,
    Recertification,
    /// A regulated track's work is done.
    TrackComplete,
}

impl MilestoneKind {
    pub fn key(self) -> &'static str {
        match self {
            MilestoneKind::BookAuditor => "book_auditor",
            MilestoneKind::ReadinessCheck => "readiness_check",
            MilestoneKind::Type1Report => "type1_report",
            MilestoneKind::ObservationStart => "observation_start",
            MilestoneKind::ObservationEnd => "observation_end",
            MilestoneKind::RunsInWindow => "runs_in_window",
            MilestoneKind::Type2Report => "type2_report",
            MilestoneKind::Type2Renewal => "type2_renewal",
            MilestoneKind::InternalAuditAndReview => "internal_audit_and_review",
            MilestoneKind::Stage1 => "stage1",
            MilestoneKind::Stage2 => "stage2",
            MilestoneKind::Certificate => "certificate",
            MilestoneKind::YearlyInternalAudit => "yearly_internal_audit",
            MilestoneKind::YearlyManagementReview => "yearly_management_review",
            MilestoneKind::Surveillance1 => "surveillance1",
            MilestoneKind::Surveillance2 => "surveillance2",
            MilestoneKind::Recertification => "recertification",
            MilestoneKind::TrackComplete => "track_complete",
        }
    }

    /// The report or certificate a buyer waits for.
    pub fn is_headline(self) -> bool {
        matches!(self, MilestoneKind::Type1Report | MilestoneKind::Type2Report | MilestoneKind::Certificate)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Milestone {
    pub kind: MilestoneKind,
    /// None for a regulated track's milestone.
    pub framework: Option<Framework>,
    pub track: Option<TrackKind>,
    /// Week of the high estimate (the plan), and of the low estimate.
    pub week: u32,
    pub week_low: u32,
    /// Upkeep of a framework already held, not a first audit.
    pub upkeep: bool,
    /// The low estimate's week assumes the certification body raises no major nonconformity
    /// (the high estimate allows for one corrected before the decision).
    pub low_assumes_no_major_nonconformity: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// One framework, then the other.
    Sequential,
    /// One control set for both: a SOC 2 Type I around ISO Stage 2, the Type II window
    /// straight after.
    Combined,
}

/// Something the consultant must look at in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PlanFlag {
    /// Work on controls the SOC 2 report relies on lands inside its running Type II window:
    /// the auditor will see the controls change mid-period. The items, and their weeks.
    ReworkInsideType2Window { items: Vec<String>, start_week: u32, end_week: u32 },
    /// Monitoring tools on staff devices or accounts are planned but nobody knows yet whether
    /// a works council must agree them first (a European headquarters): its lead time is not
    /// in the plan. The items concerned.
    WorksCouncilNotKnown { items: Vec<String> },
    /// ISMS checks on controls mapped to in-scope SOC 2 criteria (internal audit, management
    /// review, corrective action) run after the Type II window opens: no control changes, but
    /// the auditor samples their records within the period.
    ChecksInsideType2Window { items: Vec<String>, start_week: u32, end_week: u32 },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub kind: PlanKind,
    /// The framework the plan leads with (for a combined plan, the recommended one).
    pub first: Framework,
    pub workstreams: Vec<Workstream>,
    pub milestones: Vec<Milestone>,
    pub deadlines: Vec<DeadlineCheck>,
    pub costs: Costs,
    pub run: RunCost,
    pub flags: Vec<PlanFlag>,
    /// Weeks to be ready for each framework's first external audit (low, high), by
    /// [`Framework::index`]; none when held.
    pub ready: [Option<Range>; 2],
    /// Week the last work item ends (high estimate), and where it would end if every item
    /// ran one after another.
    pub finish_week: u32,
    pub serial_finish_week: u32,
    /// Person-days of the whole plan.
    pub days: Range,
    /// Weeks from the programme start before the first work item (rates file calendar).
    pub mobilisation: u32,
    /// The dates at half the assumed capacity.
    pub halved: CapacityScenario,
}

impl PlanItem {
    /// Placed in the second programme's run, after the first framework's first audit (work
    /// pulled forward is placed with the first programme).
    pub fn in_second_run(&self) -> bool {
        self.programme == Programme::Second && self.pulled_forward.is_none()
    }
}

impl Plan {
    pub fn milestone(&self, framework: Framework, kind: MilestoneKind) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.framework == Some(framework) && m.kind == kind)
    }

    pub fn items(&self) -> impl Iterator<Item = &PlanItem> {
        self.workstreams.iter().flat_map(|w| w.items.iter())
    }

    /// Whether this plan is ahead of `other` on every count a client weighs: each
    /// framework's Type II report or certificate sooner, fewer person-days and a lower
    /// three-year cost, at both ends of each estimate.
    pub fn ahead_of(&self, other: &Plan) -> bool {
        let sooner = Framework::ALL.into_iter().all(|fw| {
            let kind = deadlines::answer(fw);
            matches!((self.milestone(fw, kind), other.milestone(fw, kind)), (Some(a), Some(b)) if a.week < b.week)
        });
        let (ours, theirs) = (self.costs.totals.three_year, other.costs.totals.three_year);
        let cheaper = ours.low < theirs.low && matches!((ours.high, theirs.high), (Some(a), Some(b)) if a < b);
        sooner && cheaper && self.days.low < other.days.low && self.days.high < other.days.high
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnerLoad {
    pub owner: Owner,
    pub items: usize,
    pub days: Range,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Roadmap {
    /// Programme start (`YYYY-MM-DD`): week 0.
    pub start: String,
    pub currency: Currency,
    pub capacities: Vec<Capacity>,
    /// Plans side by side; the recommended one first.
    pub plans: Vec<Plan>,
    /// Regulated obligations planned as tracks (their items are in every plan).
    pub tracks: Vec<TrackKind>,
    /// Other schemes to follow up, not scored.
    pub follow_ups: Vec<SchemeFollowUp>,
    /// Who to involve, over the recommended order's gaps.
    pub owners: Vec<OwnerLoad>,
    /// All gaps with work left, most important first (both frameworks).
    pub gaps: Vec<WorkItem>,
}

impl Roadmap {
    /// The recommended plan.
    pub fn plan(&self) -> &Plan {
        &self.plans[0]
    }

    /// The date a week falls on (`YYYY-MM-DD`).
    pub fn date_of(&self, week: u32) -> String {
        week_date(&self.start, week)
    }
}

pub fn week_date(start: &str, week: u32) -> String {
    crate::clock::add_days(start, 7 * i64::from(week)).unwrap_or_default()
}

/// The work item text of a question: its action, as the owner would put it on a plan.
fn action_of(q: &Question) -> String {
    q.action.clone()
}

/// Headcount above which a scope counts as large (fees and market references change).
pub const LARGE_SCOPE_HEADCOUNT: u32 = 250;

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

/// Where a question's work sits in the order, from what it evidences: ISO clauses name the
/// ISMS steps (4.x scope, 6.1.2 risk assessment, 6.1.3 treatment and SoA, 9.2 internal audit,
/// 9.3 management review, 10 improvement); the policy set is 5.2 / A.5.1; the rest follows
/// the question's phase.
pub fn step_of(catalog: &Catalog, q: &Question) -> Step {
    let mut step: Option<Step> = None;
    for r in q.references.iter().filter(|r| r.weight >= 0.5) {
        let id = catalog.get(r.req).id.as_str();
        let this = if r.framework == Framework::Iso27001 {
            match id {
                "4.1" | "4.2" | "4.3" | "4.4" => Some(Step::Scope),
                "5.2" | "A.5.1" => Some(Step::Policies),
                "6.1.2" => Some(Step::RiskAssessment),
                "6.1.3" => Some(Step::RiskTreatment),
                _ if id.starts_with("9.2") => Some(Step::InternalAudit),
                _ if id.starts_with("9.3") => Some(Step::ManagementReview),
                "10.1" | "10.2" => Some(Step::Improvement),
                _ => None,
            }
        } else {
            None
        };
        // The earliest step a question serves decides: scope work is scope work even when it
        // also feeds a policy.
        if let Some(this) = this {
            step = Some(step.map_or(this, |s| s.min(this)));
        }
    }
    step.unwrap_or(match q.phase {
        Phase::Foundations => Step::Foundation,
        Phase::Assurance => Step::Evidence,
        _ => Step::Controls,
    })
}

/// Capacity per workstream: the profile's figures, else the rates file's defaults for the
/// headcount.
pub fn capacities(profile: &Profile, rates: &Rates) -> Vec<Capacity> {
    let c = &rates.capacity;
    let h = f64::from(profile.headcount);
    let staff = |share: f64, min: f64| (h * share).max(min);
    let pct = |set: Option<u8>, default: u8| (f64::from(set.unwrap_or(default)) / 100.0, set.is_some());
    let (eng_pct, eng_set) = pct(profile.engineering_percent, c.engineering_percent);
    let (it_pct, it_set) = pct(profile.it_percent, c.it_percent);
    let source = |set: bool| if set { CapacitySource::Profile } else { CapacitySource::Headcount };
    // A workstream never drops to nothing: 0% means "as little as possible", a day a fortnight.
    let floor = |fte: f64| fte.max(0.1);
    Owner::ALL
        .into_iter()
        .map(|owner| {
            let (fte, src) = match owner {
                Owner::Security => (profile.capacity_fte(), CapacitySource::Profile),
                Owner::Engineering => {
                    (staff(c.engineering_staff_share, c.engineering_min_staff) * eng_pct, source(eng_set))
                }
                Owner::It => (staff(c.it_staff_share, c.it_min_staff) * it_pct, source(it_set)),
                Owner::Hr => (c.hr.fte(profile.headcount), CapacitySource::Headcount),
                Owner::Legal => (c.legal.fte(profile.headcount), CapacitySource::Headcount),
                Owner::Procurement => (c.procurement.fte(profile.headcount), CapacitySource::Headcount),
                Owner::Leadership => (c.leadership.fte(profile.headcount), CapacitySource::Headcount),
            };
            Capacity {
                owner,
                fte: (floor(fte) * 100.0).round() / 100.0,
                source: src,
                lead: profile.lead(owner).map(str::to_string),
                confirmed_by: profile.capacity_confirmed_by(owner).map(str::to_string),
            }
        })
        .collect()
}

pub fn capacity_array(capacities: &[Capacity]) -> Capacities {
    let mut out = [1.0; Owner::ALL.len()];
    for c in capacities {
        out[schedule::owner_index(c.owner)] = c.fte;
    }
    out
}

/// A plan's work before it is placed.
#[derive(Debug, Clone)]
pub(crate) struct Work {
    item: PlanItem,
    task: Task,
    days_low: f64,
    /// Which placement run it is in: 0 the first programme (or the combined one), 1 the second.
    run: usize,
    /// Whose first audit waits for it, by [`Framework::index`]: what it serves, and SOC 2 for
    /// an addition pulled forward because it maps to an in-scope SOC 2 criterion.
    gates: [bool; 2],
}

/// Everything a plan's timeline depends on except capacity: re-run with other capacities to
/// answer "what would meet the deadline".
#[derive(Debug, Clone)]
pub(crate) struct Blueprint {
    kind: PlanKind,
    first: Framework,
    works: Vec<Work>,
    /// The works as tasks, at the high and the low estimate (indexed like `works`).
    tasks_high: Vec<Task>,
    tasks_low: Vec<Task>,
    /// Placement order per run (indices into `works`).
    orders: [Vec<usize>; 2],
    /// Each work's prerequisites (indices into `works`), placed before it.
    after: Vec<Vec<usize>>,
    held: [bool; 2],
    calendar: Calendar,
    observation_weeks: u32,
    /// Programme start (`YYYY-MM-DD`), to keep audits out of the year-end break.
    start: String,
}

/// A milestone on one timeline: kind, framework, track, week, upkeep.
type Mark = (MilestoneKind, Option<Framework>, Option<TrackKind>, u32, bool);

/// The yearly internal audit and management review before an ISO 27001 surveillance or
/// recertification audit in `external` (it samples both): each done its lead time before.
fn yearly_checks(m: &mut Vec<Mark>, cal: &Calendar, external: u32, upkeep: bool) {
    let iso = Some(Framework::Iso27001);
    m.push((MilestoneKind::YearlyInternalAudit, iso, None, external.saturating_sub(cal.internal_audit_lead), upkeep));
    m.push((
        MilestoneKind::YearlyManagementReview,
        iso,
        None,
        external.saturating_sub(cal.management_review_lead),
        upkeep,
    ));
}

/// A timeline: where every work item lands and the milestone weeks.
#[derive(Debug, Clone)]
pub(crate) struct Timeline {
    slots: Vec<Slot>,
    milestones: Vec<Mark>,
    ready: [Option<u32>; 2],
}

impl Timeline {
    pub(crate) fn week(&self, framework: Framework, kind: MilestoneKind) -> Option<u32> {
        self.milestones.iter().find(|m| m.1 == Some(framework) && m.0 == kind).map(|m| m.3)
    }
}

/// The mark in `other` that matches `marks[i]`: the same kind, framework and track, and the
/// same occurrence of it (the yearly checks come once per external audit).
fn matching_mark(marks: &[Mark], i: usize, other: &[Mark]) -> Option<Mark> {
    let key = |m: &Mark| (m.0, m.1, m.2);
    let nth = marks[..i].iter().filter(|m| key(m) == key(&marks[i])).count();
    other.iter().filter(|m| key(m) == key(&marks[i])).nth(nth).copied()
}

fn ceil_week(w: f64) -> u32 {
    w.max(0.0).ceil() as u32
}

impl Blueprint {
    pub(crate) fn first_framework(&self) -> Framework {
        self.first
    }

    pub(crate) fn is_sequential(&self) -> bool {
        self.kind == PlanKind::Sequential
    }

    /// The same plan with another SOC 2 observation window, in whole weeks.
    pub(crate) fn with_observation_weeks(&self, weeks: u32) -> Blueprint {
        Blueprint { observation_weeks: weeks, ..self.clone() }
    }

    /// The first week from `week` whose date is outside the year-end break: external audits
    /// are not planned in it. Never earlier, so more capacity still never means later.
    fn clear_of_break(&self, week: u32) -> u32 {
        let mut w = week;
        while w < week + 4 && self.calendar.year_end.contains(&week_date(&self.start, w)) {
            w += 1;
        }
        w
    }

    pub(crate) fn has_work_for(&self, owner: Owner) -> bool {
        self.works.iter().any(|w| w.task.owner == owner)
    }

    /// Places the work (low or high estimate) at these capacities and derives the milestones.
    pub(crate) fn timeline(&self, capacity: &Capacities, low: bool, mode: Mode) -> Timeline {
        let tasks = if low { &self.tasks_low } else { &self.tasks_high };
        let cal = &self.calendar;
        let operate = f64::from(cal.operate);
        let mut load = Workload::default();
        let mut slots = vec![Slot::default(); tasks.len()];
        let mut milestones = Vec::new();
        let mut ready: [Option<u32>; 2] = [None, None];
        let place = |order: &[usize], release: f64, load: &mut Workload, slots: &mut Vec<Slot>| {
            schedule::place_into(tasks, order, &self.after, capacity, release, operate, mode, load, slots);
        };
        // The end of the work in `programme` that serves `fw` (building steps, or the ISMS
        // checks), no earlier than `release`.
        let end_of = |slots: &[Slot], run: usize, fw: Framework, building: bool, release: f64| {
            self.works
                .iter()
                .zip(slots)
                .filter(|(w, _)| {
                    w.run == run
                        && !matches!(w.item.programme, Programme::Track(_))
                        && w.gates[fw.index()]
                        && w.task.step.builds() == building
                })
                .map(|(_, s)| s.end)
                .fold(release, f64::max)
        };
        let first = self.first;
        let second = first.other();
        // Work starts once the programme is mobilised.
        place(&self.orders[0], f64::from(cal.mobilise), &mut load, &mut slots);
        let soc2_at = |m: &mut Vec<_>, ready_week: u32, release: u32, fieldwork_floor: u32| {
            // The window opens once what the readiness check found is fixed.
            let fieldwork =
                (ready_week + cal.readiness_check + cal.remediate).max(release + cal.book_auditor).max(fieldwork_floor);
            let window_end = fieldwork + self.observation_weeks;
            m.push((MilestoneKind::BookAuditor, Some(Framework::Soc2), None, fieldwork - cal.book_auditor, false));
            m.push((
                MilestoneKind::ReadinessCheck,
                Some(Framework::Soc2),
                None,
                ready_week + cal.readiness_check,
                false,
            ));
            let type1 = self.clear_of_break(fieldwork + cal.type1);
            m.push((MilestoneKind::Type1Report, Some(Framework::Soc2), None, type1, false));
            m.push((MilestoneKind::ObservationStart, Some(Framework::Soc2), None, fieldwork, false));
            m.push((MilestoneKind::ObservationEnd, Some(Framework::Soc2), None, window_end, false));
            let type2 = self.clear_of_break(window_end + cal.type2_report);
            m.push((MilestoneKind::Type2Report, Some(Framework::Soc2), None, type2, false));
            m.push((MilestoneKind::Type2Renewal, Some(Framework::Soc2), None, window_end + 52, false));
        };
        let iso_at = |m: &mut Vec<_>, ready_week: u32, isms_done: u32, release: u32| {
            // The internal audit and management review are ISO's readiness check: Stage 1
            // follows them once the certification body is booked.
            let checked = isms_done.max(ready_week + cal.operate);
            // Stage 1 follows once the audit's and the review's findings are acted on.
            let stage1 = self.clear_of_break((checked + cal.remediate).max(release + cal.book_certification_body));
            let (to_stage2, to_certificate) = cal.iso_gaps(low);
            let stage2 = self.clear_of_break(stage1 + to_stage2);
            let certificate = stage2 + to_certificate;
            let iso = Some(Framework::Iso27001);
            m.push((MilestoneKind::BookAuditor, iso, None, stage1 - cal.book_certification_body, false));
            m.push((MilestoneKind::InternalAuditAndReview, iso, None, checked, false));
            m.push((MilestoneKind::Stage1, iso, None, stage1, false));
            m.push((MilestoneKind::Stage2, iso, None, stage2, false));
            m.push((MilestoneKind::Certificate, iso, None, certificate, false));
            // Surveillance within each year of the certificate, with slack before the
            // anniversary; the break can only move it later by a few weeks, still inside.
            let surveillance1 = self.clear_of_break(certificate + 52 - cal.surveillance_lead);
            let surveillance2 = self.clear_of_break(surveillance1.max(certificate + 104 - cal.surveillance_lead));
            let recertification = self.clear_of_break(surveillance2.max(certificate + cal.recertification));
            for (kind, week) in [
                (MilestoneKind::Surveillance1, surveillance1),
                (MilestoneKind::Surveillance2, surveillance2),
                (MilestoneKind::Recertification, recertification),
            ] {
                yearly_checks(m, cal, week, false);
                m.push((kind, iso, None, week, false));
            }
        };
        let upkeep = |m: &mut Vec<_>, fw: Framework| match fw {
            Framework::Soc2 => m.push((MilestoneKind::Type2Renewal, Some(fw), None, 52, true)),
            Framework::Iso27001 => {
                for (kind, week) in
                    [(MilestoneKind::Surveillance1, 52), (MilestoneKind::Recertification, cal.recertification)]
                {
                    yearly_checks(m, cal, week, true);
                    m.push((kind, Some(fw), None, week, true));
                }
            }
        };
        let readiness = |slots: &[Slot], programme: usize, fw: Framework, release: f64| {
            (
                ceil_week(end_of(slots, programme, fw, true, release)),
                ceil_week(end_of(slots, programme, fw, false, release)),
            )
        };
        match self.kind {
            PlanKind::Combined => {
                let (soc2_ready, _) = readiness(&slots, 0, Framework::Soc2, 0.0);
                let (iso_ready, isms) = readiness(&slots, 0, Framework::Iso27001, 0.0);
                ready = [Some(soc2_ready), Some(iso_ready)];
                iso_at(&mut milestones, iso_ready, isms, 0);
                // The SOC 2 Type I is examined around Stage 2 and the Type II window opens
                // straight after it: one control set, audited once for each.
                let stage2 = milestones.iter().find(|m| m.0 == MilestoneKind::Stage2).map_or(0, |m| m.3);
                soc2_at(&mut milestones, soc2_ready, 0, stage2);
            }
            PlanKind::Sequential => {
                let mut release = 0;
                if self.held[first.index()] {
                    upkeep(&mut milestones, first);
                } else {
                    let (r, isms) = readiness(&slots, 0, first, 0.0);
                    ready[first.index()] = Some(r);
                    match first {
                        Framework::Soc2 => soc2_at(&mut milestones, r, 0, 0),
                        Framework::Iso27001 => iso_at(&mut milestones, r, isms, 0),
                    }
                    // The second framework's work starts once the first one's first audit is
                    // done (the Type I report, or Stage 1), while its evidence period runs.
                    let gate =
                        if first == Framework::Soc2 { MilestoneKind::Type1Report } else { MilestoneKind::Stage1 };
                    release = milestones.iter().find(|m| m.0 == gate).map_or(r, |m| m.3);
                }
                if self.held[second.index()] {
                    upkeep(&mut milestones, second);
                } else {
                    place(&self.orders[1], f64::from(release), &mut load, &mut slots);
                    let (r, isms) = readiness(&slots, 1, second, f64::from(release));
                    ready[second.index()] = Some(r);
                    match second {
                        Framework::Soc2 => soc2_at(&mut milestones, r, release, 0),
                        Framework::Iso27001 => iso_at(&mut milestones, r, isms, release),
                    }
                }
            }
        }
        for kind in [TrackKind::Hipaa, TrackKind::PciDss, TrackKind::Nis2, TrackKind::Dora] {
            let end = self
                .works
                .iter()
                .zip(&slots)
                .filter(|(w, _)| w.item.programme == Programme::Track(kind))
                .map(|(_, s)| s.end)
                .reduce(f64::max);
            if let Some(end) = end {
                milestones.push((MilestoneKind::TrackComplete, None, Some(kind), ceil_week(end), false));
            }
        }
        Timeline { slots, milestones, ready }
    }
}

/// A question's work per framework: [SOC 2, ISO 27001] shares, worked out once.
fn shares(questionnaire: &Questionnaire, readiness: &Readiness, gaps: &[Gap]) -> Vec<[f64; 2]> {
    gaps.iter().map(|g| Framework::ALL.map(|fw| share(questionnaire, readiness, g.question, fw))).collect()
}

struct Inputs<'a> {
    questionnaire: &'a Questionnaire,
    gaps: &'a [Gap],
    shares: Vec<[f64; 2]>,
    steps: Vec<Step>,
    profile: &'a Profile,
    rates: &'a Rates,
    tracks: Vec<TrackKind>,
    scale: f64,
    /// Each question's importance in the recommended order (placement order within a step),
    /// by question index; worked out once for every plan.
    priority: Vec<f64>,
    /// Whether each question evidences an in-scope requirement of each framework, by
    /// question index.
    maps: Vec<[bool; 2]>,
    /// Programme start (`YYYY-MM-DD`).
    start: String,
}

fn blueprint(inputs: &Inputs<'_>, kind: PlanKind, first: Framework) -> Blueprint {
    let second = first.other();
    let held = Framework::ALL.map(|fw| inputs.profile.holds(fw));
    let mut works: Vec<Work> = Vec::new();
    // Regulated tracks come first in the first programme: the data or the law demands them.
    for &track in &inputs.tracks {
        for w in track.work() {
            let days = w.days * inputs.scale;
            works.push(Work {
                item: PlanItem {
                    question: None,
                    id: w.id.to_string(),
                    action: w.action.to_string(),
                    owner: w.owner,
                    programme: Programme::Track(track),
                    step: Step::Track,
                    days: Range { low: days, high: days },
                    start_week: 0,
                    end_week: 0,
                    serves: [false, false],
                    built_for_both: false,
                    maps_to: [false, false],
                    after: Vec::new(),
                    pulled_forward: None,
                },
                task: Task { owner: w.owner, step: Step::Track, days, priority: 0.0, min_weeks: 0.0 },
                days_low: days,
                run: 0,
                gates: [false, false],
            });
        }
    }
    if inputs.profile.works_council == Applicability::Yes {
        // Consulting the works council (and the DPO) on the monitoring tools: a few days of
        // work, and a lead time no capacity shortens.
        let days = 3.0 * inputs.scale;
        let programme = if kind == PlanKind::Combined { Programme::Combined } else { Programme::First };
        works.push(Work {
            item: PlanItem {
                question: None,
                id: WORKS_COUNCIL_ITEM.to_string(),
                action: "Consult the works council and the DPO on monitoring tools; sign the agreement".to_string(),
                owner: Owner::Legal,
                programme,
                step: Step::Foundation,
                days: Range { low: days, high: days },
                start_week: 0,
                end_week: 0,
                serves: [false, false],
                built_for_both: false,
                maps_to: [false, false],
                after: Vec::new(),
                pulled_forward: None,
            },
            task: Task {
                owner: Owner::Legal,
                step: Step::Foundation,
                days,
                priority: f64::MAX,
                min_weeks: f64::from(inputs.rates.calendar.works_council),
            },
            days_low: days,
            run: 0,
            gates: [false, false],
        });
    }
    if !held[Framework::Iso27001.index()] {
        works.push(nonconformity_work(kind, first, inputs.scale));
    }
    for gap in inputs.gaps.iter().filter(|g| g.days.high > 0.0) {
        let q = &inputs.questionnaire.questions[gap.question];
        let s = inputs.shares[gap.question];
        let step = inputs.steps[gap.question];
        let priority = inputs.priority[gap.question];
        let maps_to = inputs.maps[gap.question];
        let mut push = |programme: Programme, days: Range, serves: [bool; 2], built_for_both: bool| {
            if days.high <= 0.0 {
                return;
            }
            works.push(Work {
                item: PlanItem {
                    question: Some(gap.question),
                    id: q.id.clone(),
                    action: action_of(q),
                    owner: q.owner,
                    programme,
                    step,
                    days,
                    start_week: 0,
                    end_week: 0,
                    serves,
                    built_for_both,
                    maps_to,
                    after: Vec::new(),
                    pulled_forward: None,
                },
                task: Task { owner: q.owner, step, days: days.high, priority, min_weeks: 0.0 },
                days_low: days.low,
                run: programme.index(),
                gates: serves,
            });
        };
        let (s1, s2) = (s[first.index()], s[second.index()]);
        match kind {
            PlanKind::Combined => {
                // Built once, to the larger of the two frameworks' needs.
                let serves = [s[0] > 0.0, s[1] > 0.0];
                push(Programme::Combined, gap.days.scale(s1.max(s2)), serves, false);
            }
            PlanKind::Sequential => {
                // Shared controls are built once, in the first programme, to both frameworks'
                // needs: what the second adds to them (the domain's 1 - overlap) is built with
                // them, so it never lands inside the first framework's audit period. The
                // second programme is the work only the second framework asks for. With the
                // first held, all of the second's work is new.
                let both = if held[first.index()] || held[second.index()] { 0.0 } else { s1.min(s2) };
                let overlap = inputs.questionnaire.domains[q.domain].overlap;
                let additions = gap.days.scale(both * (1.0 - overlap));
                if !held[first.index()] {
                    let mut serves = [false, false];
                    serves[first.index()] = s1 > 0.0;
                    serves[second.index()] = s1 > 0.0 && s2 > 0.0;
                    push(Programme::First, gap.days.scale(s1) + additions, serves, additions.high > 0.0);
                }
                if !held[second.index()] {
                    let own = if held[first.index()] { s2 } else { s2 - s1.min(s2) };
                    let mut serves = [false, false];
                    serves[second.index()] = true;
                    push(Programme::Second, gap.days.scale(own), serves, false);
                }
            }
        }
    }
    let after = order_work(&mut works, kind, first, held);
    let mut orders: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    let tasks: Vec<Task> = works.iter().map(|w| w.task).collect();
    for i in schedule::placement_order(&tasks) {
        orders[works[i].run].push(i);
    }
    for order in &mut orders {
        schedule::respect_prerequisites(order, &after);
    }
    let months = f64::from(inputs.profile.observation_window());
    let tasks_low = works.iter().map(|w| Task { days: w.days_low, ..w.task }).collect();
    Blueprint {
        kind,
        first,
        works,
        tasks_high: tasks,
        tasks_low,
        orders,
        after,
        held,
        calendar: inputs.rates.calendar,
        observation_weeks: (months * 52.0 / 12.0).ceil() as u32,
        start: inputs.start.clone(),
    }
}

/// Ties each [`ONE_STEP`] group: every member after the one before it, all in the earliest
/// run any of them is in, at the group's highest priority so they are placed together.
fn one_step(works: &mut [Work], after: &mut [Vec<usize>]) {
    for group in ONE_STEP {
        let members: Vec<usize> = group
            .iter()
            .filter_map(|id| works.iter().position(|w| w.item.question.is_some() && w.item.id == *id))
            .collect();
        let Some(run) = members.iter().map(|&i| works[i].run).min() else { continue };
        let priority = members.iter().map(|&i| works[i].task.priority).fold(f64::MIN, f64::max);
        for pair in members.windows(2) {
            after[pair[1]].push(pair[0]);
        }
        for &i in &members {
            if works[i].run > run {
                works[i].run = run;
                works[i].item.pulled_forward = Some(PullForward::OneStep);
            }
            works[i].task.priority = priority;
        }
    }
}

/// Raising the internal audit's nonconformities, finding their causes and starting their
/// corrective action (clause 10.2): security / GRC work after the internal audit, before the
/// management review (see [`PREREQUISITES`]), in whichever programme builds ISO 27001.
fn nonconformity_work(kind: PlanKind, first: Framework, scale: f64) -> Work {
    let (programme, run) = match kind {
        PlanKind::Combined => (Programme::Combined, 0),
        PlanKind::Sequential if first == Framework::Iso27001 => (Programme::First, 0),
        PlanKind::Sequential => (Programme::Second, 1),
    };
    let days = Range { low: 2.0 * scale, high: 3.0 * scale };
    let step = Step::ManagementReview;
    let iso = [false, true];
    Work {
        item: PlanItem {
            question: None,
            id: NONCONFORMITY_ITEM.to_string(),
            action: "Raise the internal audit's nonconformities, find their causes and start and track their corrective action (clause 10.2)".to_string(),
            owner: Owner::Security,
            programme,
            step,
            days,
            start_week: 0,
            end_week: 0,
            serves: iso,
            built_for_both: false,
            maps_to: [false, false],
            after: Vec::new(),
            pulled_forward: None,
        },
        task: Task { owner: Owner::Security, step, days: days.high, priority: f64::MAX, min_weeks: 0.0 },
        days_low: days.low,
        run,
        gates: iso,
    }
}

/// Links each work to its prerequisites ([`PREREQUISITES`]) and decides which run it is
/// placed in. With SOC 2 first, the ISO 27001 additions to controls mapped to in-scope SOC 2
/// criteria are built in the first programme, before the Type II window opens; a prerequisite
/// of first-programme work is built in the first programme too. A dependant waits in the same
/// step as its prerequisite at least, so the placement order can put the prerequisite first.
fn order_work(works: &mut [Work], kind: PlanKind, first: Framework, held: [bool; 2]) -> Vec<Vec<usize>> {
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); works.len()];
    for (i, w) in works.iter().enumerate() {
        for &(before, then) in PREREQUISITES {
            if w.item.question.is_some() && then.contains(&w.item.id.as_str()) {
                after[i].extend(works.iter().enumerate().filter(|(_, p)| p.item.id == before).map(|(j, _)| j));
            }
        }
    }
    one_step(works, &mut after);
    if kind == PlanKind::Sequential && first == Framework::Soc2 && !held.iter().any(|&h| h) {
        for w in works.iter_mut() {
            let soc2 = Framework::Soc2.index();
            if w.item.programme == Programme::Second && w.task.step.builds() && w.item.maps_to[soc2] {
                w.run = 0;
                w.gates[soc2] = true;
                w.item.pulled_forward = Some(PullForward::Soc2Criteria);
            }
        }
    }
    // Fixed points over a short acyclic table: each pass settles at least one more link.
    for _ in 0..=works.len() {
        let mut changed = false;
        for i in 0..works.len() {
            for &j in &after[i].clone() {
                if works[i].run < works[j].run {
                    works[j].run = works[i].run;
                    works[j].item.pulled_forward.get_or_insert(PullForward::Prerequisite);
                    changed = true;
                }
                // A prerequisite is as urgent as what waits for it: first in its workstream.
                if works[j].task.priority < works[i].task.priority {
                    works[j].task.priority = works[i].task.priority;
                    changed = true;
                }
                if works[i].run == works[j].run && works[i].task.step < works[j].task.step {
                    works[i].task.step = works[j].task.step;
                    works[i].item.step = works[j].task.step;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let ids: Vec<Vec<String>> = after
        .iter()
        .map(|deps| {
            let mut ids: Vec<String> = deps.iter().map(|&j| works[j].item.id.clone()).collect();
            ids.dedup();
            ids
        })
        .collect();
    for (w, ids) in works.iter_mut().zip(ids) {
        w.item.after = ids;
    }
    after
}

fn assemble(
    inputs: &Inputs<'_>,
    blueprint: &Blueprint,
    capacities: &[Capacity],
    start: &str,
    analysis_day: &str,
) -> Plan {
    let caps = capacity_array(capacities);
    let high = blueprint.timeline(&caps, false, Mode::Parallel);
    let low = blueprint.timeline(&caps, true, Mode::Parallel);
    let serial = blueprint.timeline(&caps, false, Mode::Serial);
    let halved = {
        let owners: Vec<Owner> = capacities.iter().filter(|c| c.assumed()).map(|c| c.owner).collect();
        let mut less = caps;
        for &o in &owners {
            less[schedule::owner_index(o)] *= HALVED;
        }
        let t = blueprint.timeline(&less, false, Mode::Parallel);
        let milestones = high
            .milestones
            .iter()
            .enumerate()
            .filter_map(|(i, &(kind, framework, _, planned_week, _))| {
                let week = matching_mark(&high.milestones, i, &t.milestones)?.3;
                Some(ScenarioMilestone { kind, framework, week, planned_week })
            })
            .collect();
        CapacityScenario {
            factor: HALVED,
            owners,
            finish_week: t.slots.iter().map(|s| ceil_week(s.end)).max().unwrap_or(0),
            milestones,
        }
    };
    let mut items: Vec<PlanItem> = blueprint
        .works
        .iter()
        .zip(&high.slots)
        .map(|(w, slot)| {
            let (start_week, end_week) = slot.weeks();
            PlanItem { start_week, end_week, ..w.item.clone() }
        })
        .collect();
    items.sort_by(|a, b| a.start_week.cmp(&b.start_week).then(a.end_week.cmp(&b.end_week)).then(a.id.cmp(&b.id)));
    // Each item moves into its owner's workstream, in the order sorted above.
    let mut by_owner: [Vec<PlanItem>; Owner::ALL.len()] = Default::default();
    for item in items {
        by_owner[schedule::owner_index(item.owner)].push(item);
    }
    let workstreams: Vec<Workstream> = Owner::ALL
        .into_iter()
        .zip(by_owner)
        .filter_map(|(owner, mine)| {
            if mine.is_empty() {
                return None;
            }
            Some(Workstream {
                owner,
                capacity_fte: caps[schedule::owner_index(owner)],
                days: mine.iter().fold(Range::default(), |acc, i| acc + i.days),
                start_week: mine.iter().map(|i| i.start_week).min().unwrap_or(0),
                end_week: mine.iter().map(|i| i.end_week).max().unwrap_or(0),
                items: mine,
            })
        })
        .collect();
    let mut milestones: Vec<Milestone> = high
        .milestones
        .iter()
        .enumerate()
        .map(|(i, &(kind, framework, track, week, upkeep))| {
            let week_low = matching_mark(&high.milestones, i, &low.milestones).map_or(week, |m| m.3.min(week));
            let low_assumes_no_major_nonconformity = kind == MilestoneKind::Certificate && !upkeep;
            Milestone { kind, framework, track, week, week_low, upkeep, low_assumes_no_major_nonconformity }
        })
        .collect();
    milestones.sort_by(|a, b| a.week.cmp(&b.week).then(a.kind.cmp(&b.kind)));
    let mut workstreams = workstreams;
    add_bookings(&mut workstreams, &milestones, blueprint, inputs.scale, caps[schedule::owner_index(Owner::Security)]);
    add_window_runs(&mut workstreams, &mut milestones, inputs, blueprint, &caps);
    let mut flags = Vec::new();
    if let (Some(open), Some(close)) = (
        high.week(Framework::Soc2, MilestoneKind::ObservationStart),
        high.week(Framework::Soc2, MilestoneKind::ObservationEnd),
    ) {
        // Nothing the SOC 2 report relies on may change once its window opens (the next
        // period follows straight on): work on anything the SOC 2 work serves or that maps to
        // an in-scope SOC 2 criterion is flagged when it is still running in the window.
        let soc2 = Framework::Soc2.index();
        let late = |building: bool| -> Vec<&PlanItem> {
            workstreams
                .iter()
                .flat_map(|w| w.items.iter())
                .filter(|i| i.question.is_some() && (i.serves[soc2] || i.maps_to[soc2]))
                .filter(|i| i.step.builds() == building && i.end_week > open)
                .collect()
        };
        let span = |items: &[&PlanItem]| {
            (
                items.iter().map(|i| i.start_week).min().unwrap_or(open),
                items.iter().map(|i| i.end_week).max().unwrap_or(close),
            )
        };
        let rework = late(true);
        if !rework.is_empty() {
            let (start_week, end_week) = span(&rework);
            flags.push(PlanFlag::ReworkInsideType2Window {
                items: rework.iter().map(|i| i.id.clone()).collect(),
                start_week,
                end_week,
            });
        }
        let checks = late(false);
        if !checks.is_empty() {
            let (start_week, end_week) = span(&checks);
            flags.push(PlanFlag::ChecksInsideType2Window {
                items: checks.iter().map(|i| i.id.clone()).collect(),
                start_week,
                end_week,
            });
        }
    }
    if inputs.profile.works_council == Applicability::NotYetKnown
        && inputs.profile.headquarters == Some(crate::profile::Region::Europe)
    {
        let mut items: Vec<String> = workstreams
            .iter()
            .flat_map(|w| &w.items)
            .filter(|i| MONITORING.contains(&i.id.as_str()))
            .map(|i| i.id.clone())
            .collect();
        items.dedup();
        if !items.is_empty() {
            flags.push(PlanFlag::WorksCouncilNotKnown { items });
        }
    }
    let ready = Framework::ALL.map(|fw| {
        let i = fw.index();
        match (low.ready[i], high.ready[i]) {
            (Some(l), Some(h)) => Some(Range { low: f64::from(l.min(h)), high: f64::from(h) }),
            _ => None,
        }
    });
    let finish = |t: &Timeline| t.slots.iter().map(|s| ceil_week(s.end)).max().unwrap_or(0);
    let days = workstreams.iter().fold(Range::default(), |acc, w| acc + w.days);
    let deadline_checks =
        deadlines::check(inputs.profile, blueprint, &caps, &milestones, start, analysis_day, capacities);
    let all_items = workstreams.iter().flat_map(|w| w.items.iter());
    let costs = costs::costs(inputs.profile, inputs.rates, all_items, &milestones, blueprint.first, inputs.scale);
    let run = costs::run_cost(inputs.profile, inputs.rates, inputs.scale);
    Plan {
        kind: blueprint.kind,
        first: blueprint.first,
        workstreams,
        milestones,
        deadlines: deadline_checks,
        costs,
        run,
        flags,
        ready,
        finish_week: finish(&high),
        serial_finish_week: finish(&serial),
        days,
        mobilisation: blueprint.calendar.mobilise,
        halved,
    }
}

/// Work the audit calendar sets rather than capacity: choosing and booking the CPA firm or
/// the certification body (request for proposals, selection, contract) in the weeks before the
/// "book by" milestone, and running the SOC 2 readiness check with an outside firm. Owned by
/// the security / GRC lead; priced as labour (the outside firm's fee is an audit fee line).
const BOOKINGS: [(MilestoneKind, Framework, &str, &str, f64); 3] = [
    (
        MilestoneKind::BookAuditor,
        Framework::Soc2,
        "BOOK-SOC2",
        "Choose and contract the CPA firm for the SOC 2 reports",
        3.0,
    ),
    (
        MilestoneKind::BookAuditor,
        Framework::Iso27001,
        "BOOK-ISO",
        "Choose and contract the certification body for ISO 27001",
        3.0,
    ),
    (
        MilestoneKind::ReadinessCheck,
        Framework::Soc2,
        "READY-SOC2",
        "Run the SOC 2 readiness check with an outside firm; log its findings",
        3.0,
    ),
];

fn add_bookings(
    workstreams: &mut Vec<Workstream>,
    milestones: &[Milestone],
    blueprint: &Blueprint,
    scale: f64,
    security_fte: f64,
) {
    let cal = &blueprint.calendar;
    let week = |kind: MilestoneKind, fw: Framework| {
        milestones.iter().find(|m| m.kind == kind && m.framework == Some(fw) && !m.upkeep).map(|m| m.week)
    };
    // Second-programme work waits for the first framework's first audit.
    let release = match blueprint.first {
        Framework::Soc2 => week(MilestoneKind::Type1Report, Framework::Soc2),
        Framework::Iso27001 => week(MilestoneKind::Stage1, Framework::Iso27001),
    }
    .unwrap_or(0);
    for (kind, fw, id, action, days) in BOOKINGS {
        let Some(end) = week(kind, fw) else { continue };
        let programme = programme_for(blueprint, fw);
        let lead = if kind == MilestoneKind::ReadinessCheck { cal.readiness_check } else { 4 };
        let floor = if programme == Programme::Second { release.max(cal.mobilise) } else { cal.mobilise };
        let start = end.saturating_sub(lead).max(floor);
        let days = days * scale;
        let mut serves = [false, false];
        serves[fw.index()] = true;
        let item = PlanItem {
            question: None,
            id: id.to_string(),
            action: action.to_string(),
            owner: Owner::Security,
            programme,
            step: Step::Booking,
            days: Range { low: days * 2.0 / 3.0, high: days },
            start_week: start,
            end_week: end.max(start + 1),
            serves,
            built_for_both: false,
            maps_to: [false, false],
            after: Vec::new(),
            pulled_forward: None,
        };
        insert_item(workstreams, item, security_fte);
    }
}

/// The programme a framework's calendar-set items belong to.
fn programme_for(blueprint: &Blueprint, fw: Framework) -> Programme {
    match blueprint.kind {
        PlanKind::Combined => Programme::Combined,
        PlanKind::Sequential if fw == blueprint.first || blueprint.held[blueprint.first.index()] => Programme::First,
        PlanKind::Sequential => Programme::Second,
    }
}

/// Puts an item set by the calendar into its owner's workstream (made if there is none), in
/// start order.
fn insert_item(workstreams: &mut Vec<Workstream>, item: PlanItem, fte: f64) {
    let owner = item.owner;
    let stream = match workstreams.iter().position(|w| w.owner == owner) {
        Some(i) => &mut workstreams[i],
        None => {
            let at = workstreams.iter().position(|w| w.owner > owner).unwrap_or(workstreams.len());
            workstreams.insert(
                at,
                Workstream {
                    owner,
                    capacity_fte: fte,
                    items: Vec::new(),
                    days: Range::default(),
                    start_week: item.start_week,
                    end_week: item.end_week,
                },
            );
            &mut workstreams[at]
        }
    };
    // A run in the Type II window is upkeep: the workstream's span stays that of its work.
    if item.step != Step::Run {
        stream.days = stream.days + item.days;
        stream.start_week = stream.start_week.min(item.start_week);
        stream.end_week = stream.end_week.max(item.end_week);
    }
    let at = stream.items.iter().position(|i| i.start_week > item.start_week).unwrap_or(stream.items.len());
    stream.items.insert(at, item);
}

/// The id of a periodic control's run in the Type II window.
pub fn window_run_id(question_id: &str) -> String {
    format!("RUN-{question_id}")
}

/// A run of every periodic control mapped to an in-scope SOC 2 criterion inside the Type II
/// window ([`periodic::PERIODIC`]), as items of step `run` in the control owner's workstream
/// (no days: they are the yearly run work's), and the milestone by which all have run, at
/// each estimate's window.
fn add_window_runs(
    workstreams: &mut Vec<Workstream>,
    milestones: &mut Vec<Milestone>,
    inputs: &Inputs<'_>,
    blueprint: &Blueprint,
    caps: &Capacities,
) {
    let soc2 = Framework::Soc2;
    let at = |kind| milestones.iter().find(|m| m.kind == kind && m.framework == Some(soc2) && !m.upkeep).copied();
    let (Some(open), Some(close)) = (at(MilestoneKind::ObservationStart), at(MilestoneKind::ObservationEnd)) else {
        return;
    };
    let controls: Vec<(usize, periodic::Frequency)> = periodic::PERIODIC
        .iter()
        .filter_map(|&(id, f)| inputs.questionnaire.questions.iter().position(|q| q.id == id).map(|q| (q, f)))
        .filter(|&(q, _)| inputs.maps[q][soc2.index()])
        .collect();
    let (mut last, mut last_low) = (None::<u32>, None::<u32>);
    for (index, &(qi, frequency)) in controls.iter().enumerate() {
        let q = &inputs.questionnaire.questions[qi];
        let high = periodic::runs_in_window(open.week, close.week, index, controls.len(), frequency);
        let low = periodic::runs_in_window(open.week_low, close.week_low, index, controls.len(), frequency);
        last = high.iter().copied().chain(last).max();
        last_low = low.iter().copied().chain(last_low).max();
        for week in high {
            let item = PlanItem {
                question: None,
                id: window_run_id(&q.id),
                action: action_of(q),
                owner: q.owner,
                programme: programme_for(blueprint, soc2),
                step: Step::Run,
                days: Range::default(),
                start_week: week,
                end_week: week + 1,
                serves: [true, false],
                built_for_both: false,
                maps_to: [true, false],
                after: Vec::new(),
                pulled_forward: None,
            };
            insert_item(workstreams, item, caps[schedule::owner_index(q.owner)]);
        }
    }
    if let (Some(week), Some(week_low)) = (last, last_low) {
        let done = week + 1;
        let m = Milestone {
            kind: MilestoneKind::RunsInWindow,
            framework: Some(soc2),
            track: None,
            week: done,
            week_low: (week_low + 1).min(done),
            upkeep: false,
            low_assumes_no_major_nonconformity: false,
        };
        let at = milestones.iter().position(|o| (o.week, o.kind) > (m.week, m.kind)).unwrap_or(milestones.len());
        milestones.insert(at, m);
    }
}

/// The programme start: the profile's date, else the assessment's.
pub fn programme_start(profile: &Profile, assessment_date: &str) -> String {
    profile.programme_start.clone().unwrap_or_else(|| crate::clock::date_part(assessment_date).to_string())
}

/// Everything the plan needs from the rest of the analysis.
pub struct PlanInputs<'a> {
    pub catalog: &'a Catalog,
    pub questionnaire: &'a Questionnaire,
    pub readiness: &'a Readiness,
    pub gaps: &'a [Gap],
    pub effort: &'a Effort,
    pub profile: &'a Profile,
    pub rates: &'a Rates,
    /// The assessment's last update (RFC 3339): the default programme start and "today" for
    /// deadlines set in weeks.
    pub updated: &'a str,
    /// Buyers on both sides: offer the combined programme.
    pub both: bool,
}

/// The work items of the gaps and the inputs every blueprint reads, worked out once.
fn work_inputs<'a>(inputs: &PlanInputs<'a>) -> (Inputs<'a>, Vec<WorkItem>) {
    let PlanInputs { catalog, questionnaire, readiness, gaps, effort, profile, rates, updated, .. } = *inputs;
    let scale = rates.headcount_factor(profile.headcount);
    let all: Vec<WorkItem> = gaps
        .iter()
        .filter(|g| g.days.high > 0.0)
        .map(|g| work_item(catalog, questionnaire, readiness, g, effort.first))
        .collect();
    let mut priority = vec![0.0; questionnaire.questions.len()];
    for item in &all {
        priority[item.question] = item.importance;
    }
    let ins = Inputs {
        questionnaire,
        gaps,
        shares: shares(questionnaire, readiness, gaps),
        steps: questionnaire.questions.iter().map(|q| step_of(catalog, q)).collect(),
        profile,
        rates,
        tracks: tracks::tracks(profile),
        scale,
        priority,
        maps: questionnaire
            .questions
            .iter()
            .map(|q| Framework::ALL.map(|fw| q.references_of(fw).any(|r| readiness.requirements[r.req].in_scope)))
            .collect(),
        start: programme_start(profile, updated),
    };
    (ins, all)
}

/// The earliest week, from the programme start, each framework's deal milestone (SOC 2 Type
/// II report, ISO 27001 certificate; indexed by [`Framework::index`]) can land in the
/// sequential plan with `effort.first` first, whatever the capacity: the audit calendar's
/// floor that decides "no capacity meets it" ([`deadlines::floor`]). None for a framework
/// held. The decision reads it without waiting for the plan.
pub fn calendar_floor(inputs: PlanInputs<'_>) -> [Option<u32>; 2] {
    let (ins, _) = work_inputs(&inputs);
    let blueprint = blueprint(&ins, PlanKind::Sequential, inputs.effort.first);
    let caps = capacity_array(&capacities(inputs.profile, inputs.rates));
    Framework::ALL.map(|fw| deadlines::floor(&blueprint, &caps, fw))
}

pub fn plan(inputs: PlanInputs<'_>) -> Roadmap {
    let (ins, mut all) = work_inputs(&inputs);
    let PlanInputs { effort, profile, rates, updated, both, .. } = inputs;
    let first = effort.first;
    let start = programme_start(profile, updated);
    let caps = capacities(profile, rates);
    let mut plans = vec![assemble(&ins, &blueprint(&ins, PlanKind::Sequential, first), &caps, &start, updated)];
    let held_any = Framework::ALL.iter().any(|&fw| profile.holds(fw));
    if !held_any {
        // Buyers on both sides: the combined programme beside the recommended order; the
        // other order last, for comparison.
        if both {
            let combined = assemble(&ins, &blueprint(&ins, PlanKind::Combined, first), &caps, &start, updated);
            // Recommending the slower, dearer way when the combined programme is ahead on
            // every count would contradict the plan's own figures: it leads instead.
            let position = if combined.ahead_of(&plans[0]) { 0 } else { 1 };
            plans.insert(position, combined);
        }
        plans.push(assemble(&ins, &blueprint(&ins, PlanKind::Sequential, first.other()), &caps, &start, updated));
    }
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
    Roadmap {
        start,
        currency: profile.currency(),
        capacities: caps,
        plans,
        tracks: ins.tracks.clone(),
        follow_ups: tracks::follow_ups(profile),
        owners,
        gaps: all,
    }
}
