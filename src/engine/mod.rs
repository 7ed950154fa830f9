//! The assessment engine: profile + answers in, readiness, recommendation, effort and
//! roadmap out. Pure: no terminal, no files.

pub mod blockers;
pub mod effort;
pub mod readiness;
pub mod recommend;
pub mod roadmap;
pub mod scoping;

pub use blockers::{AuditStage, Blocker};
pub use effort::{Effort, Gap, Range};
pub use readiness::{Figure, Input, Readiness};
pub use recommend::{Factor, Recommendation, Target};
pub use roadmap::Roadmap;

use crate::assessment::Assessment;
use crate::catalog::Catalog;
use crate::framework::Framework;
use crate::questionnaire::Questionnaire;
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

/// When the deal's framework comes second in the plan, the standalone timing ("a Type I in
/// 21-27 weeks") would contradict the roadmap: say where the plan puts it, and what it would
/// take to meet the deadline instead.
fn second_in_plan_advice(
    profile: &crate::profile::Profile,
    effort: &Effort,
    roadmap: &Roadmap,
    standalone: Option<&str>,
) -> Option<String> {
    let deadline = profile.deadline.as_ref()?;
    let wanted = deadline.framework?;
    if wanted != effort.second || effort.second_held {
        return None;
    }
    let first_audit = match wanted {
        Framework::Soc2 => roadmap::MilestoneKind::Type1Report,
        Framework::Iso27001 => roadmap::MilestoneKind::Certificate,
    };
    let milestone = roadmap.milestones.iter().find(|m| m.framework == wanted && m.kind == first_audit)?;
    let week = milestone.week;
    Some(if week <= f64::from(deadline.weeks) {
        format!(
            "The deal asks for {}, second in this plan: its {} lands in week {week:.0}, within the {}-week deadline.",
            wanted.label(),
            milestone.name,
            deadline.weeks
        )
    } else {
        format!(
            "The deal asks for {}, second in this plan: its {} lands in week {week:.0}, after the {}-week deadline. To meet it, start {} first or run its readiness alongside {}. On its own: {}",
            wanted.label(),
            milestone.name,
            deadline.weeks,
            wanted.label(),
            effort.first.label(),
            standalone.unwrap_or("")
        )
    })
}

pub fn analyze(catalog: &Catalog, questionnaire: &Questionnaire, assessment: &Assessment) -> Analysis {
    let readiness = Readiness::compute(catalog, questionnaire, assessment);
    let gaps = effort::gaps(questionnaire, &readiness);
    let fte = assessment.profile.capacity_fte();
    let if_first = |fw: Framework| Effort::compute(questionnaire, &readiness, &gaps, fw, fte);
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
    };
    // The deadline counts down from the day it was set to the assessment's last update, so
    // the same file always gives the same answer and a later workshop sees less time left.
    let profile = assessment.profile.as_of(&assessment.updated);
    let recommendation = recommend::recommend(&profile, &inputs);
    let effort = if recommendation.framework_first == Framework::Soc2 { soc2_first } else { iso_first };
    let effort = if assessment.profile.holds(effort.second) { effort.with_second_held() } else { effort };
    let roadmap = roadmap::plan(catalog, questionnaire, &readiness, &gaps, &effort, &assessment.profile);
    let mut recommendation = recommendation;
    if let Some(advice) =
        second_in_plan_advice(&assessment.profile, &effort, &roadmap, recommendation.deadline_advice.as_deref())
    {
        recommendation.deadline_advice = Some(advice);
    }
    // "Ask later": unknown, or a level still to confirm. One pass over the stored answers.
    let mut follow_ups: Vec<usize> = assessment
        .answers
        .iter()
        .filter(|(_, a)| a.is_follow_up())
        .filter_map(|(id, _)| questionnaire.question_index(id))
        .collect();
    follow_ups.sort_unstable();
    let blockers = blockers::blockers(catalog, questionnaire, assessment, &readiness);
    Analysis { readiness, gaps, recommendation, effort, roadmap, follow_ups, blockers }
}
