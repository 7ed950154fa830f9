//! Effort to close the gaps: per question, for the first framework, and for adding the
//! second, where each domain's overlap decides how much of the first framework's work
//! carries over.

use super::readiness::{Input, Readiness};
use crate::framework::Framework;
use crate::questionnaire::Questionnaire;
use serde::Serialize;

/// Level that counts as closed for the build effort: implemented (3). Level 4, evidence over
/// a period, comes from running the controls through the observation window, not from work.
const TARGET_SCORE: f64 = 0.75;

/// A low-high range of person-days: the low end assumes unanswered questions sit at the
/// average of the answered ones in their domain, the high end that nothing is in place.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

impl std::ops::Add for Range {
    type Output = Range;

    fn add(self, other: Range) -> Range {
        Range { low: self.low + other.low, high: self.high + other.high }
    }
}

impl Range {
    pub fn scale(self, factor: f64) -> Range {
        Range { low: self.low * factor, high: self.high * factor }
    }

    /// Calendar weeks at `fte` people working on it full time (5 days a week), rounded up.
    pub fn weeks(self, fte: f64) -> Range {
        let exact = self.exact_weeks(fte);
        Range { low: exact.low.ceil(), high: exact.high.ceil() }
    }

    /// Calendar weeks without rounding, for schedules that add phases up before rounding once.
    pub fn exact_weeks(self, fte: f64) -> Range {
        self.scale(1.0 / (5.0 * fte))
    }
}

/// The remaining share of a question's work (0 = closed, 1 = nothing in place) as a range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gap {
    pub question: usize,
    pub fraction: Range,
    pub days: Range,
}

fn gap_fraction(score: f64) -> f64 {
    ((TARGET_SCORE - score) / TARGET_SCORE).clamp(0.0, 1.0)
}

/// Gaps for every question, in questionnaire order (n/a questions have none).
pub fn gaps(questionnaire: &Questionnaire, readiness: &Readiness) -> Vec<Gap> {
    // Average answered gap per domain estimates the unanswered ones (low end of the range).
    let domain_mean: Vec<f64> = questionnaire
        .domains
        .iter()
        .map(|d| {
            let answered: Vec<f64> = d
                .questions
                .iter()
                .filter_map(|&qi| match readiness.inputs[qi] {
                    Input::Scored(s) => Some(gap_fraction(s)),
                    _ => None,
                })
                .collect();
            if answered.is_empty() { 1.0 } else { answered.iter().sum::<f64>() / answered.len() as f64 }
        })
        .collect();
    questionnaire
        .questions
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            let fraction = match readiness.inputs[qi] {
                Input::NotApplicable | Input::ProposedNotApplicable => Range::default(),
                Input::Scored(s) => Range { low: gap_fraction(s), high: gap_fraction(s) },
                Input::Unanswered | Input::Unknown => Range { low: domain_mean[q.domain], high: 1.0 },
            };
            Gap {
                question: qi,
                fraction,
                days: Range { low: q.effort_days * fraction.low, high: q.effort_days * fraction.high },
            }
        })
        .collect()
}

/// How much of a question's work serves a framework: all of it when the question's effort
/// share names the framework and the question evidences one of its in-scope requirements,
/// none otherwise. The mapping weights say how far an answer evidences a requirement, not
/// for whom the work is done, so they no longer scale the days (a side link of 0.25 to ISO
/// neither adds a quarter of privacy work to ISO nor hides ISO's own work). Kept to this one
/// function so the scheduling built on it is unchanged.
pub fn share(questionnaire: &Questionnaire, readiness: &Readiness, question: usize, framework: Framework) -> f64 {
    let q = &questionnaire.questions[question];
    let in_scope = q.references_of(framework).any(|r| readiness.requirements[r.req].in_scope);
    if q.effort_for.serves(framework) && in_scope { 1.0 } else { 0.0 }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainIncrement {
    pub domain: usize,
    pub overlap: f64,
    /// The first framework's work in this domain that also serves the second.
    pub shared: Range,
    /// The part of it that does not carry over: shared x (1 - overlap).
    pub rework: Range,
    /// Work only the second framework asks for.
    pub unique: Range,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effort {
    pub first: Framework,
    pub second: Framework,
    /// Person-days to close the first framework's gaps.
    pub first_days: Range,
    /// Person-days the first framework's work would take from nothing: the yardstick that
    /// turns `first_days` into a share still open.
    pub first_full_days: f64,
    /// Person-days to add the second once the first is done.
    pub second_days: Range,
    pub first_weeks: Range,
    pub second_weeks: Range,
    /// The client already holds the second framework: nothing to add, only upkeep.
    pub second_held: bool,
    pub fte: f64,
    pub increments: Vec<DomainIncrement>,
}

impl Effort {
    /// Calendar weeks from the plan of this order, up to each framework's readiness check
    /// (ready for its first external audit: for ISO 27001, internal audit and management
    /// review done): the first
    /// from the programme start, the second from the start of its own work.
    pub fn with_plan_weeks(self, plan: Option<&super::roadmap::Plan>) -> Effort {
        use super::roadmap::{MilestoneKind, Programme};
        let Some(plan) = plan else { return self };
        let check = |fw: Framework, from: f64| {
            // ISO 27001's readiness check is its internal audit and management review.
            let kind = match fw {
                Framework::Soc2 => MilestoneKind::ReadinessCheck,
                Framework::Iso27001 => MilestoneKind::InternalAuditAndReview,
            };
            plan.milestone(fw, kind).map_or(Range::default(), |m| Range {
                low: (f64::from(m.week_low) - from).max(0.0),
                high: (f64::from(m.week) - from).max(0.0),
            })
        };
        let first_weeks = check(self.first, 0.0);
        let second_weeks = if self.second_held {
            Range::default()
        } else {
            let start = plan
                .items()
                .filter(|i| i.programme == Programme::Second)
                .map(|i| f64::from(i.start_week))
                .fold(f64::INFINITY, f64::min);
            if start.is_finite() { check(self.second, start) } else { Range::default() }
        };
        Effort { first_weeks, second_weeks, ..self }
    }

    /// The second framework is already held: its increment is upkeep, not work to plan.
    pub fn with_second_held(self) -> Effort {
        Effort { second_days: Range::default(), second_weeks: Range::default(), second_held: true, ..self }
    }

    pub fn compute(
        questionnaire: &Questionnaire,
        readiness: &Readiness,
        gaps: &[Gap],
        first: Framework,
        fte: f64,
    ) -> Effort {
        let second = first.other();
        let mut first_days = Range::default();
        let mut first_full_days = 0.0;
        let mut increments: Vec<DomainIncrement> = questionnaire
            .domains
            .iter()
            .enumerate()
            .map(|(di, d)| DomainIncrement {
                domain: di,
                overlap: d.overlap,
                shared: Range::default(),
                rework: Range::default(),
                unique: Range::default(),
            })
            .collect();
        for gap in gaps {
            let question = &questionnaire.questions[gap.question];
            let for_first = share(questionnaire, readiness, gap.question, first);
            let for_second = share(questionnaire, readiness, gap.question, second);
            // The part of the work serving both frameworks is done once, for the first; what
            // serves only the second waits for it.
            let both = for_first.min(for_second);
            first_days = first_days + gap.days.scale(for_first);
            first_full_days += question.effort_days * for_first;
            let inc = &mut increments[question.domain];
            inc.shared = inc.shared + gap.days.scale(both);
            inc.unique = inc.unique + gap.days.scale(for_second - both);
        }
        let mut second_days = Range::default();
        for inc in &mut increments {
            inc.rework = inc.shared.scale(1.0 - inc.overlap);
            second_days = second_days + inc.rework + inc.unique;
        }
        Effort {
            first,
            second,
            first_days,
            first_full_days,
            second_days,
            first_weeks: first_days.weeks(fte),
            second_weeks: second_days.weeks(fte),
            second_held: false,
            fte,
            increments,
        }
    }
}
