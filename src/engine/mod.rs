//! The assessment engine: profile + answers in, readiness, recommendation, effort and
//! roadmap out. Pure: no terminal, no files.

pub mod blockers;
pub mod costs;
pub mod deadlines;
pub mod effort;
pub mod live;
pub mod periodic;
pub mod rates;
pub mod readiness;
pub mod recommend;
pub mod roadmap;
pub mod schedule;
pub mod scoping;
pub mod tracks;

pub use blockers::{AuditStage, Blocker};
pub use effort::{Effort, Gap, Range};
pub use rates::Rates;
pub use readiness::{Figure, Input, Readiness};
pub use recommend::{Factor, Recommendation, Target};
pub use roadmap::{Plan, Roadmap};

use crate::assessment::Assessment;
use crate::catalog::Catalog;
use crate::framework::Framework;
use crate::questionnaire::{Owner, Questionnaire};
use recommend::GapInputs;
use serde::Serialize;

/// Everything the consultant shows the client, computed from one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub readiness: Readiness,
    pub gaps: Vec<Gap>,
    pub recommendation: Recommendation,
    pub effort: Effort,
    pub roadmap: Roadmap,
    /// Questions answered "ask later" (unknown, or a level still to confirm).
    pub follow_ups: Vec<usize>,
    /// Certification blockers of the frameworks not yet held, open or closed.
    pub blockers: Vec<Blocker>,
}

pub fn analyze(catalog: &Catalog, questionnaire: &Questionnaire, assessment: &Assessment) -> Analysis {
    analyze_with(catalog, questionnaire, assessment, Rates::current())
}

/// [`analyze`] with explicit planning rates: the three stages in order (see [`live`] for
/// redoing only the stages a change reaches).
pub fn analyze_with(
    catalog: &Catalog,
    questionnaire: &Questionnaire,
    assessment: &Assessment,
    rates: &Rates,
) -> Analysis {
    let scores = Scores::compute(catalog, questionnaire, assessment);
    let decision = Decision::compute(catalog, questionnaire, assessment, rates, &scores.readiness);
    let (roadmap, effort) = plan(catalog, questionnaire, assessment, rates, decision.basis(&scores.readiness));
    scores.with(decision, roadmap, effort)
}

/// Stage one: what the answers and the scope (the SOC 2 categories) decide.
#[derive(Debug, Clone, PartialEq)]
struct Scores {
    readiness: Readiness,
    follow_ups: Vec<usize>,
}

impl Scores {
    fn compute(catalog: &Catalog, questionnaire: &Questionnaire, assessment: &Assessment) -> Scores {
        let readiness = Readiness::compute(catalog, questionnaire, assessment);
        // "Ask later": unknown, a response still to confirm, or an n/a the question refuses
        // (to ask again). One pass over the stored answers.
        let mut follow_ups: Vec<usize> = assessment
            .answers
            .iter()
            .filter_map(|(id, a)| questionnaire.question_index(id).map(|qi| (qi, a)))
            .filter(|&(qi, a)| a.is_follow_up() || scoping::is_refused_not_applicable(&questionnaire.questions[qi], a))
            .map(|(qi, _)| qi)
            .collect();
        follow_ups.sort_unstable();
        Scores { readiness, follow_ups }
    }

    fn with(self, decision: Decision, roadmap: Roadmap, effort: Effort) -> Analysis {
        let Decision { gaps, recommendation, blockers, .. } = decision;
        let Scores { readiness, follow_ups } = self;
        Analysis { readiness, gaps, recommendation, effort, roadmap, follow_ups, blockers }
    }
}

/// Stage two: what the profile makes of the scores: person-days, the order, the blockers.
/// Cheap at any size (it works per gap and on totals); the plan is the costly stage.
#[derive(Debug, Clone, PartialEq)]
struct Decision {
    gaps: Vec<Gap>,
    /// The recommended order's effort before the plan's calendar weeks are added.
    effort: Effort,
    recommendation: Recommendation,
    blockers: Vec<Blocker>,
}

impl Decision {
    fn compute(
        catalog: &Catalog,
        questionnaire: &Questionnaire,
        assessment: &Assessment,
        rates: &Rates,
        readiness: &Readiness,
    ) -> Decision {
        // Person-days scale with the organisation (documented factors in the rates file).
        // Engineering and IT work also scales with the production systems in scope, when
        // known: technical controls repeat per system, policies and people processes do not.
        let scale = rates.headcount_factor(assessment.profile.headcount);
        let systems = rates.systems_factor(assessment.profile.systems_in_scope);
        let technical = |qi: usize| matches!(questionnaire.questions[qi].owner, Owner::Engineering | Owner::It);
        let gaps: Vec<Gap> = effort::gaps(questionnaire, readiness)
            .into_iter()
            .map(|g| Gap { days: g.days.scale(scale * if technical(g.question) { systems } else { 1.0 }), ..g })
            .collect();
        let fte = assessment.profile.capacity_fte();
        let if_first = |fw: Framework| {
            let mut e = Effort::compute(questionnaire, readiness, &gaps, fw, fte);
            e.first_full_days *= scale;
            e
        };
        let soc2_first = if_first(Framework::Soc2);
        let iso_first = if_first(Framework::Iso27001);
        let inputs = GapInputs {
            soc2_days: soc2_first.first_days,
            iso_days: iso_first.first_days,
            soc2_full_days: soc2_first.first_full_days,
            iso_full_days: iso_first.first_full_days,
            soc2_weeks: soc2_first.first_days.exact_weeks(fte),
            iso_weeks: iso_first.first_days.exact_weeks(fte),
            known: (readiness.framework(Framework::Soc2).figure.coverage
                + readiness.framework(Framework::Iso27001).figure.coverage)
                / 200.0,
            floor: calendar_floor(
                catalog,
                questionnaire,
                assessment,
                rates,
                readiness,
                &gaps,
                [&soc2_first, &iso_first],
            ),
        };
        // Deadlines count down to the assessment's last update, so the same file always gives
        // the same answer and a later workshop sees less time left.
        let profile = assessment.profile.as_of(&assessment.updated);
        let recommendation = recommend::recommend(&profile, &inputs);
        let effort = if recommendation.framework_first == Framework::Soc2 { soc2_first } else { iso_first };
        let effort = if assessment.profile.holds(effort.second) { effort.with_second_held() } else { effort };
        let blockers = blockers::blockers(catalog, questionnaire, assessment, readiness);
        Decision { gaps, effort, recommendation, blockers }
    }
}

/// The audit calendar's floor in both orders (one effort for each first framework), in
/// weeks from the assessment's date as deal deadlines count them: the plan's own rule for "no
/// capacity meets it", run on each order's blueprint without the rest of the plan.
fn calendar_floor(
    catalog: &Catalog,
    questionnaire: &Questionnaire,
    assessment: &Assessment,
    rates: &Rates,
    readiness: &Readiness,
    gaps: &[Gap],
    efforts: [&Effort; 2],
) -> recommend::CalendarFloor {
    let start = roadmap::programme_start(&assessment.profile, &assessment.updated);
    let today = crate::clock::date_part(&assessment.updated);
    let offset = crate::clock::days_between(today, &start).map_or(0, |days| days.div_euclid(7));
    let mut weeks = [[None; 2]; 2];
    for effort in efforts {
        weeks[effort.first.index()] = roadmap::calendar_floor(roadmap::PlanInputs {
            catalog,
            questionnaire,
            readiness,
            gaps,
            effort,
            profile: &assessment.profile,
            rates,
            updated: &assessment.updated,
            both: false,
        })
        .map(|week| week.map(|w| i64::from(w) + offset));
    }
    recommend::CalendarFloor { weeks }
}

/// What the plan stage reads of the stages before it.
struct PlanBasis<'a> {
    readiness: &'a Readiness,
    gaps: &'a [Gap],
    /// The decision's effort, before the plan's weeks.
    effort: &'a Effort,
    /// Buyers on both sides: the combined programme is planned too.
    both: bool,
}

impl Decision {
    fn basis<'a>(&'a self, readiness: &'a Readiness) -> PlanBasis<'a> {
        PlanBasis { readiness, gaps: &self.gaps, effort: &self.effort, both: self.recommendation.both }
    }
}

/// Stage three: the roadmap, and the effort with the plan's calendar weeks.
fn plan(
    catalog: &Catalog,
    questionnaire: &Questionnaire,
    assessment: &Assessment,
    rates: &Rates,
    basis: PlanBasis<'_>,
) -> (Roadmap, Effort) {
    let roadmap = roadmap::plan(roadmap::PlanInputs {
        catalog,
        questionnaire,
        readiness: basis.readiness,
        gaps: basis.gaps,
        effort: basis.effort,
        profile: &assessment.profile,
        rates,
        updated: &assessment.updated,
        both: basis.both,
    });
    // The calendar weeks come from the recommended order's plan (workstreams in parallel),
    // not from dividing all days by one capacity figure.
    let sequential = roadmap.plans.iter().find(|p| p.kind == roadmap::PlanKind::Sequential);
    let effort = basis.effort.clone().with_plan_weeks(sequential);
    (roadmap, effort)
}
