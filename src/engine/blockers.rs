//! Certification blockers: gaps that stop an audit whatever the percentages say. ISO 27001
//! cannot be certified without its scope, risk assessment, risk treatment and SoA, an
//! internal audit, a management review and corrective action; a SOC 2 report cannot be
//! issued without the system description, nor a Type II without operating evidence over the
//! observation window. The engine says which are open; the report and TUI say it in words.

use super::readiness::{FULL_EVIDENCE_WEIGHT, Readiness};
use crate::assessment::{AnswerState, Assessment};
use crate::catalog::{Catalog, Category, ReqIdx};
use crate::framework::Framework;
use crate::questionnaire::Questionnaire;
use serde::Serialize;

/// The audit step a blocker stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditStage {
    /// ISO 27001 Stage 1: the documented ISMS is reviewed.
    Stage1,
    /// ISO 27001 Stage 2: the ISMS is audited in operation; the certificate follows.
    Stage2,
    Type1,
    Type2,
}

impl AuditStage {
    pub fn key(self) -> &'static str {
        match self {
            AuditStage::Stage1 => "stage1",
            AuditStage::Stage2 => "stage2",
            AuditStage::Type1 => "type1",
            AuditStage::Type2 => "type2",
        }
    }
}

/// What a blocker is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    IsmsScope,
    RiskAssessment,
    RiskTreatment,
    InternalAudit,
    ManagementReview,
    CorrectiveAction,
    SystemDescription,
    OperatingEvidence,
}

/// How a blocker is evidenced: ISO clauses (by the questions that evidence them) or, for
/// SOC 2, which has no criterion for the description or the window, named questions.
#[derive(Debug, Clone, Copy)]
enum Basis {
    Clause(&'static str),
    Questions(&'static [&'static str]),
}

struct Rule {
    framework: Framework,
    reference: &'static str,
    topic: Topic,
    blocks: &'static [AuditStage],
    basis: Basis,
    /// Readiness at which it closes.
    closed_at: f64,
}

use AuditStage::{Stage1, Stage2, Type1, Type2};

const RULES: [Rule; 8] = [
    Rule {
        framework: Framework::Iso27001,
        reference: "4.3",
        topic: Topic::IsmsScope,
        blocks: &[Stage1, Stage2],
        basis: Basis::Clause("4.3"),
        closed_at: CLOSED_AT,
    },
    Rule {
        framework: Framework::Iso27001,
        reference: "6.1.2",
        topic: Topic::RiskAssessment,
        blocks: &[Stage1, Stage2],
        basis: Basis::Clause("6.1.2"),
        closed_at: CLOSED_AT,
    },
    Rule {
        framework: Framework::Iso27001,
        reference: "6.1.3",
        topic: Topic::RiskTreatment,
        blocks: &[Stage1, Stage2],
        basis: Basis::Clause("6.1.3"),
        closed_at: CLOSED_AT,
    },
    Rule {
        framework: Framework::Iso27001,
        reference: "9.2",
        topic: Topic::InternalAudit,
        blocks: &[Stage2],
        basis: Basis::Clause("9.2"),
        closed_at: CLOSED_AT,
    },
    Rule {
        framework: Framework::Iso27001,
        reference: "9.3",
        topic: Topic::ManagementReview,
        blocks: &[Stage2],
        basis: Basis::Clause("9.3"),
        closed_at: CLOSED_AT,
    },
    Rule {
        framework: Framework::Iso27001,
        reference: "10.2",
        topic: Topic::CorrectiveAction,
        blocks: &[Stage2],
        basis: Basis::Clause("10.2"),
        closed_at: CLOSED_AT,
    },
    Rule {
        framework: Framework::Soc2,
        reference: "system_description",
        topic: Topic::SystemDescription,
        blocks: &[Type1, Type2],
        basis: Basis::Questions(&["GOV-05"]),
        closed_at: CLOSED_AT,
    },
    Rule {
        framework: Framework::Soc2,
        reference: "operating_evidence",
        topic: Topic::OperatingEvidence,
        blocks: &[Type2],
        basis: Basis::Questions(&["GOV-06"]),
        // Operation over the window is what a Type II tests: level 4, evidence over a period.
        closed_at: EVIDENCED_OVER_TIME,
    },
];

/// Readiness a blocker needs before it is closed: level 3, implemented, on evidence behind it.
pub const CLOSED_AT: f64 = 75.0;

/// Readiness of level 4, implemented with evidence over a period.
pub const EVIDENCED_OVER_TIME: f64 = 100.0;

/// `"9.2.1"` belongs to clause `"9.2"`; `"9.21"` does not.
fn within(id: &str, clause: &str) -> bool {
    id == clause || id.strip_prefix(clause).is_some_and(|rest| rest.starts_with('.'))
}

/// Whether a requirement is one of the clauses a blocker rests on (or a sub-clause of one):
/// the ISO work an audit cannot go without.
pub fn is_mandatory_clause(catalog: &Catalog, req: ReqIdx) -> bool {
    let r = catalog.get(req);
    r.category == Category::Clause
        && RULES.iter().any(|rule| matches!(rule.basis, Basis::Clause(clause) if within(&r.id, clause)))
}

/// One certification blocker and its state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blocker {
    pub framework: Framework,
    /// The clause (`"9.2"`) or, for SOC 2, a key (`"system_description"`).
    pub reference: &'static str,
    pub topic: Topic,
    pub blocks: &'static [AuditStage],
    /// Questions that close it, in questionnaire order.
    pub questions: Vec<usize>,
    /// Its readiness (the lowest of its clauses, or of its questions' levels); none until
    /// assessed.
    pub readiness: Option<f64>,
    /// Readiness at which it closes: level 3, or level 4 for operation over the window.
    pub closed_at: f64,
    pub open: bool,
}

/// Every blocker of the frameworks the client does not already hold, open or not, in a
/// fixed order (ISO clauses first, then SOC 2).
pub fn blockers(
    catalog: &Catalog,
    questionnaire: &Questionnaire,
    assessment: &Assessment,
    readiness: &Readiness,
) -> Vec<Blocker> {
    RULES
        .iter()
        .filter(|rule| !assessment.profile.holds(rule.framework))
        .map(|rule| {
            let (questions, figure) = match rule.basis {
                Basis::Clause(clause) => clause_basis(catalog, readiness, clause),
                Basis::Questions(ids) => question_basis(questionnaire, assessment, ids),
            };
            Blocker {
                framework: rule.framework,
                reference: rule.reference,
                topic: rule.topic,
                blocks: rule.blocks,
                questions,
                readiness: figure,
                closed_at: rule.closed_at,
                open: figure.is_none_or(|r| r < rule.closed_at),
            }
        })
        .collect()
}

/// Questions evidencing the clause, and the lowest readiness over its sub-clauses (none when
/// any is not assessed: a blocker is closed only when all of it is).
fn clause_basis(catalog: &Catalog, readiness: &Readiness, clause: &str) -> (Vec<usize>, Option<f64>) {
    let mut questions: Vec<usize> = Vec::new();
    let mut side_links: Vec<usize> = Vec::new();
    let mut lowest: Option<f64> = Some(f64::INFINITY);
    for (req, _) in catalog.clauses().filter(|(_, r)| within(&r.id, clause)) {
        let score = &readiness.requirements[req];
        for c in &score.contributions {
            let list = if c.weight >= FULL_EVIDENCE_WEIGHT { &mut questions } else { &mut side_links };
            list.push(c.question);
        }
        lowest = match (lowest, score.readiness) {
            (Some(low), Some(r)) => Some(low.min(r)),
            _ => None,
        };
    }
    // The questions that can close it; side links only where nothing evidences it in full.
    if questions.is_empty() {
        questions = side_links;
    }
    questions.sort_unstable();
    questions.dedup();
    (questions, lowest.filter(|r| r.is_finite()))
}

fn question_basis(questionnaire: &Questionnaire, assessment: &Assessment, ids: &[&str]) -> (Vec<usize>, Option<f64>) {
    // By id, or by the question that took the id over (`replaces`), so a rename keeps it.
    let questions: Vec<usize> = ids
        .iter()
        .filter_map(|id| {
            questionnaire
                .question_index(id)
                .or_else(|| questionnaire.questions.iter().position(|q| q.replaces.iter().any(|r| r == id)))
        })
        .collect();
    let mut lowest: Option<f64> = if questions.is_empty() { None } else { Some(f64::INFINITY) };
    for &qi in &questions {
        let level = match assessment.answer(&questionnaire.questions[qi].id) {
            AnswerState::Level(level) => Some(100.0 * f64::from(level) / f64::from(crate::assessment::MAX_LEVEL)),
            _ => None,
        };
        lowest = lowest.zip(level).map(|(a, b)| a.min(b));
    }
    (questions, lowest.filter(|r| r.is_finite()))
}

/// Open blockers of one framework.
pub fn open(blockers: &[Blocker], framework: Framework) -> impl Iterator<Item = &Blocker> {
    blockers.iter().filter(move |b| b.open && b.framework == framework)
}
