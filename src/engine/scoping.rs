//! What "not applicable" may scope out, beyond each question's own policy
//! ([`crate::questionnaire::NaPolicy`], which lists the requirements an n/a excludes and
//! refuses n/a on mandatory work): the physical controls that always stay applicable, and
//! the answers in a file that the policy refuses, for the warnings that name them.

use crate::assessment::{Answer, AnswerState, Assessment};
use crate::catalog::{Catalog, Category, ReqIdx};
use crate::engine::readiness::RequirementScore;
use crate::framework::Framework;
use crate::profile::Profile;
use crate::questionnaire::{Question, Questionnaire};

/// Annex A controls that cover the client's own laptops and home working: they stay
/// applicable for a cloud-only client (screens, assets off premises, storage media, disposal).
pub const ALWAYS_APPLICABLE_PHYSICAL: [&str; 4] = ["A.7.7", "A.7.9", "A.7.10", "A.7.14"];

/// Annex A controls that an n/a may exclude only together with the controls they depend on
/// for the same asset: (control, what it depends on). Working in secure areas (A.7.6) applies
/// to every area the perimeter, entry and office controls (A.7.1-A.7.3) make secure, so while
/// any of those applies, A.7.6 does too, whatever a server-room answer says: excluding it
/// would be excluding the rules for an area the SoA itself secures. No control here is itself
/// depended on, so one pass settles them.
pub const EXCLUDED_ONLY_WITH: [(&str, &[&str]); 1] = [("A.7.6", &["A.7.1", "A.7.2", "A.7.3"])];

/// Puts back in scope each control of [`EXCLUDED_ONLY_WITH`] that n/a answers excluded while a
/// control it depends on stays applicable. Its answers are all n/a, so it is not assessed:
/// no readiness and no coverage until someone confirms whether any area is designated secure.
pub fn keep_dependants_applicable(catalog: &Catalog, requirements: &mut [RequirementScore]) {
    for (control, _) in EXCLUDED_ONLY_WITH {
        let Some(idx) = catalog.find(Framework::Iso27001, control) else { continue };
        if !requirements[idx].in_scope && !applicable_depended_on(catalog, requirements, control).is_empty() {
            let score = &mut requirements[idx];
            score.in_scope = true;
            score.readiness = None;
            score.coverage = 0.0;
        }
    }
}

/// The controls `control` depends on (see [`EXCLUDED_ONLY_WITH`]) that are applicable.
pub fn applicable_depended_on(
    catalog: &Catalog,
    requirements: &[RequirementScore],
    control: &str,
) -> Vec<&'static str> {
    EXCLUDED_ONLY_WITH
        .iter()
        .filter(|(c, _)| *c == control)
        .flat_map(|(_, needs)| needs.iter().copied())
        .filter(|need| catalog.find(Framework::Iso27001, need).is_some_and(|i| requirements[i].in_scope))
        .collect()
}

/// The optional SOC 2 category a domain is about, when the profile leaves it out of scope: the
/// category holding most of the domain's SOC 2 reference weight. Such a domain (Privacy,
/// Processing integrity) is out of the SOC 2 scope as a whole, even where one of its
/// questions also touches a Security criterion; none for a domain about Security or a
/// category in scope.
pub fn soc2_category_out_of_scope(
    catalog: &Catalog,
    questionnaire: &Questionnaire,
    profile: &Profile,
    domain: usize,
) -> Option<Category> {
    let mut weights: Vec<(Category, f64)> = Vec::new();
    for &qi in &questionnaire.domains[domain].questions {
        for r in questionnaire.questions[qi].references_of(Framework::Soc2) {
            let category = catalog.get(r.req).category;
            match weights.iter_mut().find(|(c, _)| *c == category) {
                Some((_, w)) => *w += r.weight,
                None => weights.push((category, r.weight)),
            }
        }
    }
    let (category, _) = weights.into_iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    (!profile.soc2_in_scope(category)).then_some(category)
}

/// The justification of an n/a still to confirm: carried over from an earlier version of the
/// question (a split or merge, which marks it so) or marked in the room. Nobody has yet said
/// it of the question as it is asked now, so it is a proposed exclusion: it excludes nothing
/// and counts as not assessed until confirmed.
pub fn unconfirmed_not_applicable(answer: &Answer) -> Option<&str> {
    answer.justification().filter(|_| answer.to_confirm)
}

/// Ids of answers that say not applicable where the question's policy refuses it, in id
/// order: kept in the file, ignored in scoring, and worth a warning naming the file.
pub fn refused_not_applicable<'a>(questionnaire: &Questionnaire, assessment: &'a Assessment) -> Vec<&'a str> {
    assessment
        .answers
        .iter()
        .filter(|(id, a)| questionnaire.question(id).is_some_and(|q| is_refused_not_applicable(q, a)))
        .map(|(id, _)| id.as_str())
        .collect()
}

/// An n/a answer to a question whose policy refuses n/a: no answer at all, to ask again.
pub fn is_refused_not_applicable(question: &Question, answer: &Answer) -> bool {
    matches!(answer.state(), AnswerState::NotApplicable(_)) && !question.allows_not_applicable()
}

/// What an n/a answer to this question excludes: its policy's list, less any ISO control when
/// the question feeds Privacy or Processing Integrity. Those categories are a profile choice
/// for SOC 2; a justification typed there ("we sell no consumer product") is about that
/// category and must never appear against an Annex A control in the SoA.
pub fn excludes(catalog: &Catalog, question: &Question) -> Vec<ReqIdx> {
    let soc2_category_question = question
        .references
        .iter()
        .any(|r| matches!(catalog.get(r.req).category, Category::Privacy | Category::ProcessingIntegrity));
    question
        .na_excludes()
        .iter()
        .copied()
        .filter(|&req| !(soc2_category_question && catalog.get(req).framework == Framework::Iso27001))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_pairs_name_annex_a_controls_and_form_no_chain() {
        let catalog = Catalog::embedded();
        for (control, needs) in EXCLUDED_ONLY_WITH {
            for id in needs.iter().chain([&control]) {
                assert!(catalog.find(Framework::Iso27001, id).is_some(), "{id} is an Annex A control");
            }
            // One pass in `keep_dependants_applicable` settles the table only without chains.
            assert!(needs.iter().all(|n| EXCLUDED_ONLY_WITH.iter().all(|(c, _)| c != n)), "{control}");
        }
    }

    #[test]
    fn a_domain_about_an_optional_soc2_category_is_out_of_scope_with_it() {
        let (catalog, questionnaire) = (Catalog::embedded(), Questionnaire::embedded());
        let domain = |title: &str| questionnaire.domains.iter().position(|d| d.title == title).expect(title);
        let mut profile = Profile::default();
        profile.soc2_categories.clear();
        let privacy = soc2_category_out_of_scope(catalog, &questionnaire, &profile, domain("Privacy"));
        assert_eq!(privacy, Some(Category::Privacy));
        let pi = soc2_category_out_of_scope(catalog, &questionnaire, &profile, domain("Processing integrity"));
        assert_eq!(pi, Some(Category::ProcessingIntegrity));
        assert_eq!(soc2_category_out_of_scope(catalog, &questionnaire, &profile, domain("Access control")), None);
        profile.soc2_categories.insert(Category::Privacy);
        assert_eq!(soc2_category_out_of_scope(catalog, &questionnaire, &profile, domain("Privacy")), None);
    }
}
