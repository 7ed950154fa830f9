//! The draft ISO 27001 Statement of Applicability: every Annex A control once, applicable or
//! excluded with the justification the not-applicable answers gave, an implementation status
//! derived from readiness, and the questions (with their evidence lists) that evidence it.
//! `--format soa` is the CSV auditors work in; the markdown roadmap shows the same rows.

use super::ReportData;
use super::escape::csv_row;
use super::figures::round1;
use crate::assessment::AnswerState;
use crate::catalog::Category;
use crate::engine::readiness::{Input, RequirementScore};
use crate::profile::PhysicalScope;
use serde::Serialize;

pub const CSV_HEADER: &str = "control,title,theme,applicable,justification,status,readiness,coverage,evidence_from";

/// Below this share of the evidence answered, a status would claim more than the workshop
/// knows: the control reads "partly assessed" until more of its questions are answered.
pub const MIN_COVERAGE: f64 = 50.0;

/// Written for every included control: a draft cannot know the client's risk treatment plan,
/// so it says what the consultant must confirm rather than inventing a reason.
pub const INCLUDED_JUSTIFICATION: &str = "In the ISMS scope; confirm against the risk treatment plan";

/// For a cloud-only client's physical controls: the usual treatment, left for the consultant
/// to confirm rather than applied silently.
pub const CLOUD_ONLY_PHYSICAL: &str = "Cloud-only scope: likely inherited from the cloud provider's data centres (see its SOC 2 report) or excluded; confirm";

/// Implementation status as an SoA states it, from the control's readiness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Excluded,
    /// No question evidencing the control has been answered yet.
    NotAssessed,
    /// Some answers, but less than half of the evidence behind the control.
    PartlyAssessed,
    NotImplemented,
    Partial,
    Implemented,
    /// Implemented and evidenced over a period: what a certification audit samples.
    Evidenced,
}

impl Status {
    /// Readiness bands follow the maturity scale: level 3 (implemented) scores 75%, level 4
    /// (evidence over time) 100%, level 1 (ad hoc) 25%.
    pub fn from_readiness(readiness: Option<f64>) -> Status {
        Status::from_score(readiness, 100.0)
    }

    /// As [`Status::from_readiness`], but a thinly evidenced control is only partly assessed.
    pub fn from_score(readiness: Option<f64>, coverage: f64) -> Status {
        match readiness {
            None => Status::NotAssessed,
            Some(_) if coverage < MIN_COVERAGE => Status::PartlyAssessed,
            Some(r) if r >= 87.5 => Status::Evidenced,
            Some(r) if r >= 75.0 => Status::Implemented,
            Some(r) if r >= 25.0 => Status::Partial,
            Some(_) => Status::NotImplemented,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Excluded => "Excluded",
            Status::NotAssessed => "Not assessed",
            Status::PartlyAssessed => "Partly assessed",
            Status::NotImplemented => "Not implemented",
            Status::Partial => "Partially implemented",
            Status::Implemented => "Implemented",
            Status::Evidenced => "Implemented, evidenced over time",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::Excluded => "excluded",
            Status::NotAssessed => "not_assessed",
            Status::PartlyAssessed => "partly_assessed",
            Status::NotImplemented => "not_implemented",
            Status::Partial => "partial",
            Status::Implemented => "implemented",
            Status::Evidenced => "evidenced",
        }
    }
}

/// A question that evidences a control, with what an auditor will ask to see for it.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceSource<'a> {
    pub question: usize,
    pub id: &'a str,
    pub weight: f64,
    pub evidence: &'a [String],
}

/// One line of the Statement of Applicability.
#[derive(Debug, Clone, PartialEq)]
pub struct SoaRow<'a> {
    pub control: &'a str,
    pub title: &'a str,
    pub theme: &'static str,
    pub applicable: bool,
    pub justification: String,
    pub status: Status,
    /// 0-100, none when not assessed or excluded.
    pub readiness: Option<f64>,
    pub coverage: f64,
    /// Strongest evidence first; empty for an excluded control.
    pub evidence: Vec<EvidenceSource<'a>>,
}

/// All 93 Annex A controls in catalog order.
pub fn rows<'a>(data: &ReportData<'a>) -> Vec<SoaRow<'a>> {
    data.catalog
        .annex_a()
        .map(|(idx, requirement)| {
            let score = &data.analysis.readiness.requirements[idx];
            let applicable = score.in_scope;
            SoaRow {
                control: &requirement.id,
                title: &requirement.title,
                theme: requirement.category.label(),
                applicable,
                justification: justification(data, score, requirement.category),
                status: if applicable { Status::from_score(score.readiness, score.coverage) } else { Status::Excluded },
                readiness: if applicable { score.readiness.map(round1) } else { None },
                coverage: round1(score.coverage),
                evidence: if applicable { evidence_sources(data, score) } else { Vec::new() },
            }
        })
        .collect()
}

/// `QID: reason` for every evidencing question answered not applicable, in question order.
fn not_applicable_reasons(data: &ReportData<'_>, score: &RequirementScore) -> Vec<String> {
    let mut reasons: Vec<String> = Vec::new();
    for c in score.contributions.iter().filter(|c| c.input == Input::NotApplicable) {
        let question = data.question(c.question);
        if let AnswerState::NotApplicable(why) = data.assessment.answer(&question.id) {
            let reason = format!("{}: {}", question.id, why.trim());
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
    }
    reasons
}

/// Excluded controls carry the client's own reasons; included ones the draft wording, plus
/// any part the answers scoped out, so the auditor sees the partial exclusion too.
fn justification(data: &ReportData<'_>, score: &RequirementScore, category: Category) -> String {
    let reasons = not_applicable_reasons(data, score).join("; ");
    let cloud_only = data.assessment.profile.physical == PhysicalScope::CloudOnly;
    if !score.in_scope {
        format!("Not applicable: {reasons}")
    } else if cloud_only && category == Category::Physical && reasons.is_empty() {
        CLOUD_ONLY_PHYSICAL.to_string()
    } else if reasons.is_empty() {
        INCLUDED_JUSTIFICATION.to_string()
    } else {
        format!("{INCLUDED_JUSTIFICATION} (not applicable in part: {reasons})")
    }
}

fn evidence_sources<'a>(data: &ReportData<'a>, score: &RequirementScore) -> Vec<EvidenceSource<'a>> {
    let mut sources: Vec<EvidenceSource<'a>> = score
        .contributions
        .iter()
        .filter(|c| c.input != Input::NotApplicable)
        .map(|c| {
            let question = data.question(c.question);
            EvidenceSource { question: c.question, id: &question.id, weight: c.weight, evidence: &question.evidence }
        })
        .collect();
    // Stable: equal weights keep questionnaire order.
    sources.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    sources
}

/// `AC-01: IdP policy export; SSO app list | AC-02: ...` for the CSV's evidence column.
fn evidence_text(sources: &[EvidenceSource<'_>]) -> String {
    sources.iter().map(|s| format!("{}: {}", s.id, s.evidence.join("; "))).collect::<Vec<_>>().join(" | ")
}

/// The `--format soa` CSV: a header and exactly one row per Annex A control.
pub fn render(data: &ReportData<'_>) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for row in rows(data) {
        let readiness = row.readiness.map(|r| format!("{r:.0}")).unwrap_or_default();
        let coverage = if row.applicable { format!("{:.0}", row.coverage) } else { String::new() };
        out.push_str(&csv_row(&[
            row.control,
            row.title,
            row.theme,
            if row.applicable { "yes" } else { "no" },
            &row.justification,
            row.status.label(),
            &readiness,
            &coverage,
            &evidence_text(&row.evidence),
        ]));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_bands_follow_the_maturity_scale() {
        assert_eq!(Status::from_readiness(None), Status::NotAssessed);
        assert_eq!(Status::from_readiness(Some(0.0)), Status::NotImplemented);
        assert_eq!(Status::from_readiness(Some(25.0)), Status::Partial);
        assert_eq!(Status::from_readiness(Some(50.0)), Status::Partial);
        assert_eq!(Status::from_readiness(Some(75.0)), Status::Implemented);
        assert_eq!(Status::from_readiness(Some(100.0)), Status::Evidenced);
    }

    #[test]
    fn thin_evidence_is_only_partly_assessed() {
        assert_eq!(Status::from_score(Some(100.0), 14.0), Status::PartlyAssessed);
        assert_eq!(Status::from_score(Some(100.0), 50.0), Status::Evidenced);
        assert_eq!(Status::from_score(None, 0.0), Status::NotAssessed);
    }
}
