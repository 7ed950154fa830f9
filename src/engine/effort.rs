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
        let per_week = 5.0 * fte;
        Range { low: (self.low / per_week).ceil(), high: (self.high / per_week).ceil() }
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
                Input::NotApplicable => Range::default(),
                Input::Scored(s) => Range { low: gap_fraction(s), high: gap_fraction(s) },
                Input::Unanswered => Range { low: domain_mean[q.domain], high: 1.0 },
            };
            Gap {
                question: qi,
                fraction,
                days: Range { low: q.effort_days * fraction.low, high: q.effort_days * fraction.high },
            }
        })
        .collect()
}

/// Whether a question's work counts for a framework: it evidences an in-scope requirement.
pub fn relevant(questionnaire: &Questionnaire, readiness: &Readiness, question: usize, framework: Framework) -> bool {
    questionnaire.questions[question].references_of(framework).any(|r| readiness.requirements[r.req].in_scope)
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
    /// Person-days to add the second once the first is done.
    pub second_days: Range,
    pub first_weeks: Range,
    pub second_weeks: Range,
    pub fte: f64,
    pub increments: Vec<DomainIncrement>,
}

impl Effort {
    pub fn compute(
        questionnaire: &Questionnaire,
        readiness: &Readiness,
        gaps: &[Gap],
        first: Framework,
        fte: f64,
    ) -> Effort {
        let second = first.other();
        let mut first_days = Range::default();
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
            let for_first = relevant(questionnaire, readiness, gap.question, first);
            let for_second = relevant(questionnaire, readiness, gap.question, second);
            let inc = &mut increments[questionnaire.questions[gap.question].domain];
            if for_first {
                first_days = first_days + gap.days;
                if for_second {
                    inc.shared = inc.shared + gap.days;
                }
            } else if for_second {
                inc.unique = inc.unique + gap.days;
            }
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
            second_days,
            first_weeks: first_days.weeks(fte),
            second_weeks: second_days.weeks(fte),
            fte,
            increments,
        }
    }
}
