//! What "not applicable" may scope out. One owner for the rule, so readiness, the SoA, the
//! TUI and the file warnings never disagree: n/a may exclude only the Annex A controls its
//! question's policy names (and the criteria of an optional SOC 2 category, which the
//! profile puts in scope); ISO clauses 4-10 and SOC 2 Security criteria are never excluded.

use crate::assessment::{AnswerState, Assessment};
use crate::catalog::{Catalog, Category, ReqIdx};
use crate::framework::Framework;
use crate::questionnaire::{Question, Questionnaire};

/// Annex A controls that cover the client's own laptops and home working: they stay
/// applicable for a cloud-only client (screens, assets off premises, storage media, disposal).
pub const ALWAYS_APPLICABLE_PHYSICAL: [&str; 4] = ["A.7.7", "A.7.9", "A.7.10", "A.7.14"];

/// Whether the question may be answered not applicable at all. Never for work every SOC 2
/// report needs, nor for the mandatory ISO management-system work an audit cannot go
/// without (scope, risk assessment and treatment, internal audit, management review,
/// corrective action): those stay open questions.
pub fn allows_not_applicable(catalog: &Catalog, question: &Question) -> bool {
    question.may_be_not_applicable
        && !question.references.iter().any(|r| super::blockers::is_mandatory_clause(catalog, r.req))
}

/// The Annex A controls an n/a answer to this question may exclude from the Statement of
/// Applicability. Until each question states its own list, only physical controls qualify
/// (a client with no premises), never the four that cover laptops and home working; and a
/// question that feeds Privacy or Processing Integrity never excludes an ISO control, since
/// its justification is about that SOC 2 category, not the ISMS.
pub fn na_excludes(catalog: &Catalog, question: &Question) -> Vec<ReqIdx> {
    if !allows_not_applicable(catalog, question) {
        return Vec::new();
    }
    let feeds_optional_privacy = question
        .references
        .iter()
        .any(|r| matches!(catalog.get(r.req).category, Category::Privacy | Category::ProcessingIntegrity));
    if feeds_optional_privacy {
        return Vec::new();
    }
    question
        .references_of(Framework::Iso27001)
        .map(|r| r.req)
        .filter(|&req| {
            let control = catalog.get(req);
            control.category == Category::Physical && !ALWAYS_APPLICABLE_PHYSICAL.contains(&control.id.as_str())
        })
        .collect()
}

/// A criterion of an optional SOC 2 category (availability, confidentiality, processing
/// integrity, privacy): n/a may scope out the question's part in it. Security never.
pub fn optional_soc2(catalog: &Catalog, req: ReqIdx) -> bool {
    let r = catalog.get(req);
    r.framework == Framework::Soc2 && r.category != Category::Security
}

/// Ids of answers that say not applicable where the question's policy forbids it, in id
/// order: kept in the file, ignored in scoring, and worth a warning naming the file.
pub fn refused_not_applicable<'a>(
    catalog: &Catalog,
    questionnaire: &Questionnaire,
    assessment: &'a Assessment,
) -> Vec<&'a str> {
    assessment
        .answers
        .iter()
        .filter(|(_, a)| matches!(a.state(), AnswerState::NotApplicable(_)))
        .filter(|(id, _)| {
            questionnaire
                .question_index(id)
                .is_some_and(|qi| !allows_not_applicable(catalog, &questionnaire.questions[qi]))
        })
        .map(|(id, _)| id.as_str())
        .collect()
}
