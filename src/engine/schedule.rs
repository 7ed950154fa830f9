//! The scheduler: work items run in parallel workstreams, one per owner, each at its own
//! capacity, and wait for the steps they depend on (scope and policies before the controls
//! that cite them, the risk assessment before risk treatment, controls operating before the
//! internal audit, the internal audit before the management review).
//!
//! Items are placed in one fixed order (step, then priority), each starting when its
//! workstream is free and its step's prerequisites are done. Because the order never depends
//! on capacity, more capacity can only move items earlier: no scheduling anomalies. Gates
//! fall on whole weeks, so a dependent item never shares a week with what it waits for.

use crate::questionnaire::Owner;
use serde::Serialize;

/// Where a piece of work sits in the order of a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Regulated obligations the data demands (HIPAA, PCI DSS) or the law imposes (NIS2,
    /// DORA): their own items, from the start.
    Track,
    /// ISMS / system scope: first of all.
    Scope,
    /// The policy set the controls cite.
    Policies,
    RiskAssessment,
    /// Other groundwork (legal register, roles): after the scope.
    Foundation,
    /// Risk treatment and the Statement of Applicability, after the risk assessment.
    RiskTreatment,
    /// Building the controls, after scope and policies.
    Controls,
    /// Assurance work on running controls (reviews, evidence), after the controls.
    Evidence,
    /// ISO 27001 internal audit: controls built and operating first.
    InternalAudit,
    ManagementReview,
    /// Corrective action and improvement, fed by the internal audit.
    Improvement,
    /// Choosing and booking the auditor or certification body, and the readiness check: set
    /// by the audit calendar, not placed by capacity.
    Booking,
    /// A periodic control's run inside the SOC 2 Type II window: set by the window, its days
    /// in the yearly run work rather than the build.
    Run,
}

impl Step {
    /// Placement order: the ISO 27001 order of work (scope, risk assessment, risk treatment and
    /// SoA, operate, internal audit, management review), the tracks first.
    pub const ORDER: [Step; 13] = [
        Step::Track,
        Step::Scope,
        Step::Policies,
        Step::RiskAssessment,
        Step::Foundation,
        Step::RiskTreatment,
        Step::Controls,
        Step::Evidence,
        Step::InternalAudit,
        Step::ManagementReview,
        Step::Improvement,
        Step::Booking,
        Step::Run,
    ];

    /// The steps that must be finished before this one starts.
    pub fn after(self) -> &'static [Step] {
        match self {
            Step::Track | Step::Scope | Step::Booking | Step::Run => &[],
            Step::Policies | Step::RiskAssessment | Step::Foundation => &[Step::Scope],
            Step::RiskTreatment => &[Step::RiskAssessment],
            Step::Controls => &[Step::Scope, Step::Policies],
            Step::Evidence => &[Step::Controls],
            Step::InternalAudit => &[Step::Controls, Step::Evidence, Step::RiskTreatment, Step::Policies],
            Step::ManagementReview | Step::Improvement => &[Step::InternalAudit],
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Step::Track => "track",
            Step::Scope => "scope",
            Step::Policies => "policies",
            Step::RiskAssessment => "risk_assessment",
            Step::Foundation => "foundation",
            Step::RiskTreatment => "risk_treatment",
            Step::Controls => "controls",
            Step::Evidence => "evidence",
            Step::InternalAudit => "internal_audit",
            Step::ManagementReview => "management_review",
            Step::Improvement => "improvement",
            Step::Booking => "booking",
            Step::Run => "run",
        }
    }

    /// Whether this work makes a framework ready for its first external audit (the ISMS
    /// checks after it run on the controls).
    pub fn builds(self) -> bool {
        !matches!(self, Step::InternalAudit | Step::ManagementReview | Step::Improvement | Step::Booking | Step::Run)
    }
}

/// One piece of work to place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Task {
    pub owner: Owner,
    pub step: Step,
    pub days: f64,
    /// Higher first within a step.
    pub priority: f64,
    /// Calendar weeks it takes at least, whatever the capacity: a lead time such as a works
    /// council's consultation.
    pub min_weeks: f64,
}

/// Where a task landed, in weeks from the programme start (unrounded).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Slot {
    pub start: f64,
    pub end: f64,
}

impl Slot {
    /// The whole weeks it occupies: from the week it starts in to the week it ends in.
    pub fn weeks(self) -> (u32, u32) {
        let start = self.start.max(0.0).floor();
        let end = self.end.max(0.0).ceil().max(start);
        (start as u32, end as u32)
    }
}

/// Capacity per owner in FTE, indexed like [`Owner::ALL`].
pub type Capacities = [f64; Owner::ALL.len()];

pub fn owner_index(owner: Owner) -> usize {
    owner as usize
}

/// Parallel workstreams, or everything one after another (the waterfall the parallel plan
/// is compared with).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Parallel,
    Serial,
}

/// Weeks a task takes at a workstream's capacity (5 working days a week).
fn duration(days: f64, fte: f64) -> f64 {
    days / (5.0 * fte.max(0.01))
}

/// The order tasks are placed in: step order, then priority (highest first), then index.
pub fn placement_order(tasks: &[Task]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..tasks.len()).collect();
    order.sort_by(|&a, &b| {
        let (ta, tb) = (&tasks[a], &tasks[b]);
        ta.step.cmp(&tb.step).then_with(|| tb.priority.total_cmp(&ta.priority)).then_with(|| a.cmp(&b))
    });
    order
}

/// State carried from one programme to the next: when each workstream is free.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Workload {
    pub free: [f64; Owner::ALL.len()],
    /// For serial mode: when the last task ended.
    pub last: f64,
}

/// Moves each task's prerequisites (`after`, indexed like the tasks) ahead of it in `order`,
/// keeping everything else where the sort put it. The caller puts a prerequisite in the same
/// step as its dependant or an earlier one, so a move never crosses a step boundary and the
/// step gates still hold. Prerequisites outside `order` (placed in an earlier run) are left.
pub fn respect_prerequisites(order: &mut Vec<usize>, after: &[Vec<usize>]) {
    let mut pos = 0;
    // Each move puts a prerequisite before its dependant; with no cycles, a bounded number.
    let mut moves = 0usize;
    let limit = order.len() * order.len() + 1;
    while pos < order.len() {
        let i = order[pos];
        let late = after.get(i).and_then(|deps| order[pos + 1..].iter().position(|j| deps.contains(j)));
        match late {
            Some(offset) if moves < limit => {
                let j = order.remove(pos + 1 + offset);
                order.insert(pos, j);
                moves += 1;
            }
            _ => pos += 1,
        }
    }
}

/// Places one programme's tasks (in `order`) no earlier than `release`, continuing the
/// workstreams' `load`. `operate` is the whole weeks controls must run before the internal
/// audit; `after` (indexed like `tasks`, may be empty) the tasks each one waits for besides its
/// step's gate, placed before it. Writes each placed task's slot into `slots` (indexed like
/// `tasks`).
#[allow(clippy::too_many_arguments)]
pub fn place_into(
    tasks: &[Task],
    order: &[usize],
    after: &[Vec<usize>],
    capacity: &Capacities,
    release: f64,
    operate: f64,
    mode: Mode,
    load: &mut Workload,
    slots: &mut [Slot],
) {
    // End of each step so far (unrounded); a step with no tasks is done at the release.
    let mut step_end = [release; Step::ORDER.len()];
    let mut current: Option<Step> = None;
    let mut gate = release;
    for &i in order {
        let task = tasks[i];
        if current != Some(task.step) {
            current = Some(task.step);
            gate = task.step.after().iter().map(|s| step_end[*s as usize]).fold(release, f64::max).ceil();
            if task.step == Step::InternalAudit {
                gate = gate.max((step_end[Step::Controls as usize]).ceil() + operate);
            }
        }
        let o = owner_index(task.owner);
        let ready = match mode {
            Mode::Parallel => load.free[o],
            Mode::Serial => load.last,
        };
        // A prerequisite's week is done before its dependant's starts (whole weeks, as gates).
        let prerequisites = after.get(i).map_or(0.0, |deps| deps.iter().map(|&d| slots[d].end).fold(0.0, f64::max));
        let start = ready.max(gate).max(prerequisites.ceil());
        let end = start + duration(task.days, capacity[o]).max(task.min_weeks);
        slots[i] = Slot { start, end };
        load.free[o] = end;
        load.last = load.last.max(end);
        let s = task.step as usize;
        step_end[s] = step_end[s].max(end);
    }
}

/// [`place_into`] returning a fresh slot list (indexed like `tasks`).
#[allow(clippy::too_many_arguments)]
pub fn place(
    tasks: &[Task],
    order: &[usize],
    after: &[Vec<usize>],
    capacity: &Capacities,
    release: f64,
    operate: f64,
    mode: Mode,
    load: &mut Workload,
) -> Vec<Slot> {
    let mut slots = vec![Slot::default(); tasks.len()];
    place_into(tasks, order, after, capacity, release, operate, mode, load, &mut slots);
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(owner: Owner, step: Step, days: f64) -> Task {
        Task { owner, step, days, priority: 0.0, min_weeks: 0.0 }
    }

    #[test]
    fn workstreams_run_side_by_side_and_wait_for_their_gates() {
        let tasks = [
            task(Owner::Security, Step::Scope, 5.0),
            task(Owner::Engineering, Step::Controls, 10.0),
            task(Owner::It, Step::Controls, 10.0),
            task(Owner::Security, Step::InternalAudit, 5.0),
        ];
        let caps = [1.0; 7];
        let order = placement_order(&tasks);
        let slots = place(&tasks, &order, &[], &caps, 0.0, 4.0, Mode::Parallel, &mut Workload::default());
        assert_eq!(slots[0].weeks(), (0, 1));
        // Both controls start once the scope is done and run at the same time.
        assert_eq!(slots[1].weeks(), (1, 3));
        assert_eq!(slots[2].weeks(), (1, 3));
        // The internal audit waits for the controls plus four weeks of operation.
        assert_eq!(slots[3].weeks(), (7, 8));
        let serial = place(&tasks, &order, &[], &caps, 0.0, 4.0, Mode::Serial, &mut Workload::default());
        assert_eq!(serial[2].weeks(), (3, 5));
        assert!(serial[3].end >= slots[3].end);
    }

    #[test]
    fn a_prerequisite_in_the_same_step_goes_first_and_its_dependant_waits_for_it() {
        // The dependant has the higher priority, so the sort alone would place it first.
        let tasks = [
            Task { priority: 1.0, ..task(Owner::Security, Step::Controls, 10.0) },
            Task { priority: 0.0, ..task(Owner::Procurement, Step::Controls, 5.0) },
        ];
        let after = vec![vec![1], vec![]];
        let mut order = placement_order(&tasks);
        assert_eq!(order, vec![0, 1]);
        respect_prerequisites(&mut order, &after);
        assert_eq!(order, vec![1, 0]);
        let slots = place(&tasks, &order, &after, &[1.0; 7], 0.0, 4.0, Mode::Parallel, &mut Workload::default());
        assert_eq!(slots[1].weeks(), (0, 1));
        // Another owner's work, yet it starts only the week after its prerequisite ends.
        assert_eq!(slots[0].weeks(), (1, 3));
        let without = place(&tasks, &order, &[], &[1.0; 7], 0.0, 4.0, Mode::Parallel, &mut Workload::default());
        assert_eq!(without[0].weeks(), (0, 2));
    }
}
