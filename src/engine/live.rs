//! An analysis kept up to date while the assessment changes, redoing only the stages a change
//! reaches. [`super::analyze_with`] runs three stages:
//!
//! 1. scores: readiness and follow-ups, from the answers and the scope (the SOC 2 categories
//!    chosen; nothing else of the profile reaches readiness);
//! 2. decision: person-days (scaled by headcount), effort by order, the audit calendar's floor
//!    in each order (how far going first helps meet a deal deadline), the recommendation and
//!    the certification blockers, from the scores and the profile; cheap at any size;
//! 3. plan: the roadmap and the effort's calendar weeks; the costly stage at large sizes.
//!
//! A changed answer reaches every stage. A profile change reaches the scores only when it
//! changes the scope ([`reach`]), and then only which SOC 2 requirements are in scope and the
//! totals that count them ([`super::Readiness::rescope`]); a buyer share, a deadline, a capacity, the currency, a
//! start date or a scheme re-runs the decision and the plan on the scores already there. The
//! plan may wait ([`Need::Decision`]) until something needs it: the profile form shows the live
//! recommendation at once, the plan follows when the keyboard is idle.
//!
//! Whatever the order of changes and catch-ups, an analysis caught up to [`Need::Everything`]
//! equals [`super::analyze_with`] on the same assessment.

use super::{Analysis, Decision, Effort, PlanBasis, Rates, Scores, plan};
use crate::assessment::Assessment;
use crate::catalog::{Catalog, Category};
use crate::profile::Profile;
use crate::questionnaire::Questionnaire;

/// The first stage a change leaves out of date; later stages follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Scores,
    Decision,
    Plan,
}

/// How far a caller needs the analysis to be current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Readiness, gaps, blockers and the recommendation; the plan may lag.
    Decision,
    /// Every figure, the roadmap included.
    Everything,
}

/// The first stage a profile change reaches, if any. The scope is what readiness reads of the
/// profile ([`Profile::soc2_in_scope`]); every other field feeds the decision and the plan.
pub fn reach(old: &Profile, new: &Profile) -> Option<Stage> {
    let in_scope = |p: &Profile| Category::OPTIONAL_SOC2.map(|c| p.soc2_in_scope(c));
    if in_scope(old) != in_scope(new) {
        Some(Stage::Scores)
    } else if old != new && !same_values(old, new) {
        Some(Stage::Decision)
    } else {
        None
    }
}

/// Equal but for NaN: a capacity read from a file may be NaN (used as the default), and a
/// NaN is not equal to itself, which would leave such an analysis behind for ever. `Debug`
/// writes every other float so that it reads back to the same bits.
fn same_values(old: &Profile, new: &Profile) -> bool {
    format!("{old:?}") == format!("{new:?}")
}

/// An analysis and what it was computed from, caught up on demand.
#[derive(Debug, Clone)]
pub struct LiveAnalysis {
    analysis: Analysis,
    /// The profile and date of the last decision stage run.
    profile: Profile,
    updated: String,
    /// The decision stage's effort before the plan's weeks: the plan stage starts from it.
    decided_effort: Effort,
    /// Answers changed since the scores were computed.
    answers_changed: bool,
    /// The decision ran without the plan: the roadmap and the effort's weeks are behind.
    plan_behind: bool,
}

impl LiveAnalysis {
    pub fn new(catalog: &Catalog, questionnaire: &Questionnaire, assessment: &Assessment, rates: &Rates) -> Self {
        let scores = Scores::compute(catalog, questionnaire, assessment);
        let decision = Decision::compute(catalog, questionnaire, assessment, rates, &scores.readiness);
        let decided_effort = decision.effort.clone();
        let (roadmap, effort) = plan(catalog, questionnaire, assessment, rates, decision.basis(&scores.readiness));
        LiveAnalysis {
            analysis: scores.with(decision, roadmap, effort),
            profile: assessment.profile.clone(),
            updated: assessment.updated.clone(),
            decided_effort,
            answers_changed: false,
            plan_behind: false,
        }
    }

    /// The analysis as last caught up; see [`LiveAnalysis::is_current`].
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// An answer changed: every stage is behind. (Answers are many: they are not compared,
    /// the caller says when one changed.)
    pub fn answers_changed(&mut self) {
        self.answers_changed = true;
    }

    /// The first stage behind `assessment`, if any.
    pub fn behind(&self, assessment: &Assessment) -> Option<Stage> {
        if self.answers_changed {
            return Some(Stage::Scores);
        }
        let date = (self.updated != assessment.updated).then_some(Stage::Decision);
        let stage = [reach(&self.profile, &assessment.profile), date].into_iter().flatten().min();
        stage.or(self.plan_behind.then_some(Stage::Plan))
    }

    /// Whether the analysis is current for what `need` asks.
    pub fn is_current(&self, assessment: &Assessment, need: Need) -> bool {
        match (self.behind(assessment), need) {
            (None, _) | (Some(Stage::Plan), Need::Decision) => true,
            (Some(_), _) => false,
        }
    }

    /// Brings the analysis up to date with `assessment` as far as `need` asks, redoing only
    /// the stages behind. Returns whether anything was redone. The catalog, questionnaire and
    /// rates are the ones it was made with: only the assessment is watched for change.
    pub fn catch_up(
        &mut self,
        catalog: &Catalog,
        questionnaire: &Questionnaire,
        assessment: &Assessment,
        rates: &Rates,
        need: Need,
    ) -> bool {
        let Some(stage) = self.behind(assessment) else { return false };
        if stage == Stage::Plan && need == Need::Decision {
            return false;
        }
        if stage == Stage::Scores && self.answers_changed {
            let scores = Scores::compute(catalog, questionnaire, assessment);
            self.analysis.readiness = scores.readiness;
            self.analysis.follow_ups = scores.follow_ups;
            self.answers_changed = false;
        } else if stage == Stage::Scores {
            // The scope alone changed: the answers' scores stand, the follow-ups too.
            self.analysis.readiness.rescope(catalog, questionnaire, &assessment.profile);
        }
        if stage <= Stage::Decision {
            let decision = Decision::compute(catalog, questionnaire, assessment, rates, &self.analysis.readiness);
            self.decided_effort = decision.effort.clone();
            let Decision { gaps, effort, recommendation, blockers } = decision;
            (self.analysis.gaps, self.analysis.effort) = (gaps, effort);
            (self.analysis.recommendation, self.analysis.blockers) = (recommendation, blockers);
            self.profile = assessment.profile.clone();
            self.updated = assessment.updated.clone();
            self.plan_behind = true;
        }
        if need == Need::Everything {
            self.redo_plan(catalog, questionnaire, assessment, rates);
        }
        true
    }

    fn redo_plan(&mut self, catalog: &Catalog, questionnaire: &Questionnaire, assessment: &Assessment, rates: &Rates) {
        let a = &self.analysis;
        let basis = PlanBasis {
            readiness: &a.readiness,
            gaps: &a.gaps,
            effort: &self.decided_effort,
            both: a.recommendation.both,
        };
        let (roadmap, effort) = plan(catalog, questionnaire, assessment, rates, basis);
        (self.analysis.roadmap, self.analysis.effort) = (roadmap, effort);
        self.plan_behind = false;
    }
}
