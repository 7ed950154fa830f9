//! The draft ISO 27001 Statement of Applicability (6.1.3 d): every Annex A control once,
//! applicable or not, why it is included (prefilled from the profile where it can be) or
//! excluded (from the not-applicable answers), its implementation status with the basis of
//! that status (self-reported, or evidence the consultant saw), an owner, the evidence an
//! auditor will ask for, and the questions behind it. `--format soa` is the CSV auditors work
//! in; the JSON `soa[]` and the markdown roadmap show the same rows.

use super::ReportData;
use super::escape::csv_row;
use super::figures::round1;
use crate::assessment::AnswerState;
use crate::engine::Target;
use crate::engine::blockers::{Blocker, Topic};
use crate::engine::readiness::{Contribution, FULL_EVIDENCE_WEIGHT, Input, RequirementScore};
use crate::engine::scoping;
use crate::framework::Framework;
use crate::profile::Regulation;
use crate::questionnaire::Owner;
use serde::Serialize;

pub const CSV_HEADER: &str = "control,title,theme,applicable,inclusion_reason,exclusion_justification,status,\
status_basis,owner,evidence_to_collect,evidence_seen,source_questions,coverage";

/// Below this share of the evidence answered, a control cannot read "implemented": the
/// workshop knows too little of it.
pub const MIN_COVERAGE: f64 = 50.0;

/// Level an answer needs for the control it evidences to read "implemented".
pub const IMPLEMENTED_LEVEL: u8 = 3;

/// Facilities controls a client with no premises in scope may propose to exclude; the four
/// in [`crate::engine::scoping::ALWAYS_APPLICABLE_PHYSICAL`] cover laptops and home working and stay.
pub const FACILITIES: [&str; 10] =
    ["A.7.1", "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6", "A.7.8", "A.7.11", "A.7.12", "A.7.13"];

/// Controls that privacy law (GDPR) makes a legal requirement: processors bound by contract
/// and overseen (Art. 28: A.5.19, A.5.20), breach handling and notification within deadlines
/// (Art. 33/34: A.5.24-A.5.26), security of processing (Art. 32: backups A.8.13, encryption
/// A.8.24), records and privacy itself (Art. 5, 30: A.5.33, A.5.34), the register of legal
/// duties (A.5.31) and deletion and masking (Art. 17, 25: A.8.10, A.8.11).
const PRIVACY_CONTROLS: [&str; 12] = [
    "A.5.19", "A.5.20", "A.5.24", "A.5.25", "A.5.26", "A.5.31", "A.5.33", "A.5.34", "A.8.10", "A.8.11", "A.8.13",
    "A.8.24",
];

/// Controls NIS2 and DORA name as obligations: supply chain, incident handling and
/// reporting, continuity and the register of legal requirements.
const RESILIENCE_CONTROLS: [&str; 13] = [
    "A.5.19", "A.5.20", "A.5.21", "A.5.22", "A.5.23", "A.5.24", "A.5.25", "A.5.26", "A.5.27", "A.5.28", "A.5.29",
    "A.5.30", "A.5.31",
];

/// Implementation status as the SoA states it. Never "evidenced over time": a workshop claim
/// alone cannot show operation over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No question evidencing the control in full has been answered (unknown counts as not
    /// assessed; side links alone never set a status).
    NotAssessed,
    NotImplemented,
    Partial,
    /// Every question evidencing it in full answered at level 3 or more with no work left,
    /// readiness of 75% or more on enough coverage.
    Implemented,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::NotAssessed => "not_assessed",
            Status::NotImplemented => "not_implemented",
            Status::Partial => "partial",
            Status::Implemented => "implemented",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::NotAssessed => "Not assessed",
            Status::NotImplemented => "Not implemented",
            Status::Partial => "Partially implemented",
            Status::Implemented => "Implemented",
        }
    }
}

/// What the status rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The client's own account in the workshop.
    SelfReported,
    /// The consultant saw evidence for an answer behind the status.
    EvidenceSeen,
}

impl Basis {
    pub fn key(self) -> &'static str {
        match self {
            Basis::SelfReported => "self_reported",
            Basis::EvidenceSeen => "evidence_seen",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Basis::SelfReported => "Self-reported",
            Basis::EvidenceSeen => "Evidence seen",
        }
    }
}

/// Why an applicable control is in the SoA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "source")]
pub enum Inclusion {
    /// The default: the risk treatment plan decides, to be confirmed.
    RiskTreatment,
    /// A law or regulation in the profile asks for it.
    Legal(Regulation),
    /// The named deal asks for ISO 27001 certification, which covers the whole SoA.
    Contractual,
    /// A question evidencing the control in full also evidences an in-scope SOC 2 criterion
    /// in full: the SOC 2 report commits the client to it towards its customers.
    Soc2Commitments,
}

impl Inclusion {
    pub fn text(self) -> String {
        match self {
            Inclusion::RiskTreatment => "risk treatment, to be confirmed".into(),
            Inclusion::Legal(regulation) => format!("legal or regulatory ({})", regulation.label()),
            Inclusion::Contractual => "contractual (the deal asks for ISO 27001 certification)".into(),
            Inclusion::Soc2Commitments => "contractual (SOC 2 commitments to customers)".into(),
        }
    }
}

/// Why a control is out of the SoA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exclusion {
    /// Every question evidencing it was answered not applicable: `QID: justification`.
    NotApplicable(Vec<String>),
    /// A facilities control of a client with no premises in scope: proposed, for the
    /// consultant and client to confirm.
    NoPremises,
    /// On an applicable control: the questions evidencing it hold n/a answers still to confirm
    /// (carried over from an earlier version of the question, or marked so), `QID: reason`.
    /// Proposed only: the control stays applicable and not assessed until they are confirmed.
    ToConfirm(Vec<String>),
    /// On an applicable control its n/a answers would exclude: the controls it depends on for
    /// the same asset (`by`, see [`scoping::EXCLUDED_ONLY_WITH`]) apply, so it does too until
    /// the client confirms otherwise. `reasons` are the n/a answers, `QID: reason`.
    KeptApplicable { control: &'static str, by: Vec<&'static str>, reasons: Vec<String> },
}

/// Written for a proposed facilities exclusion.
pub const NO_PREMISES: &str = "Proposed, confirm: no premises in scope; the hosting provider's physical \
security is a supplier control, assured under A.5.19-A.5.23 (its SOC 2 report or ISO certificate)";

/// What the client confirms before a control kept applicable by the controls it depends on
/// may be excluded.
fn what_to_confirm(control: &str) -> &'static str {
    match control {
        "A.7.6" => "whether any area is designated secure",
        _ => "whether the asset they cover is in scope",
    }
}

/// Opens a proposed exclusion resting on n/a answers still to confirm.
pub const PROPOSED_TO_CONFIRM: &str =
    "Proposed, confirm (n/a still to confirm for the question as now asked; applicable until then): ";

impl Exclusion {
    pub fn text(&self) -> String {
        match self {
            Exclusion::NotApplicable(reasons) => reasons.join("; "),
            Exclusion::NoPremises => NO_PREMISES.into(),
            Exclusion::ToConfirm(reasons) => format!("{PROPOSED_TO_CONFIRM}{}", reasons.join("; ")),
            Exclusion::KeptApplicable { control, by, reasons } => format!(
                "Not excluded: applicable while {} apply; confirm {} (n/a given: {})",
                by.join(", "),
                what_to_confirm(control),
                reasons.join("; ")
            ),
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
    /// The reference the consultant recorded for evidence actually seen.
    pub seen: Option<&'a str>,
}

/// One line of the Statement of Applicability.
#[derive(Debug, Clone, PartialEq)]
pub struct SoaRow<'a> {
    pub control: &'a str,
    pub title: &'a str,
    pub theme: &'static str,
    pub applicable: bool,
    /// Empty for an excluded control.
    pub inclusion: Vec<Inclusion>,
    pub exclusion: Option<Exclusion>,
    /// An exclusion proposed for an applicable control ([`Exclusion::ToConfirm`],
    /// [`Exclusion::KeptApplicable`]).
    pub proposed_exclusion: Option<Exclusion>,
    /// None for an excluded control.
    pub status: Option<Status>,
    /// None when not assessed or excluded.
    pub basis: Option<Basis>,
    /// Owner of the strongest evidencing question.
    pub owner: Option<Owner>,
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
            let exclusion = exclusion(data, score, &requirement.id);
            let applicable = exclusion.is_none();
            let evidence = if applicable { evidence_sources(data, score) } else { Vec::new() };
            let status = applicable.then(|| status(data, score));
            SoaRow {
                control: &requirement.id,
                title: &requirement.title,
                theme: requirement.category.label(),
                applicable,
                inclusion: if applicable { inclusion(data, score) } else { Vec::new() },
                proposed_exclusion: if applicable { proposed_exclusion(data, score) } else { None },
                exclusion,
                status,
                basis: status.filter(|&s| s != Status::NotAssessed).map(|_| basis(data, score)),
                owner: evidence.first().map(|s| data.question(s.question).owner),
                coverage: round1(score.coverage),
                evidence,
            }
        })
        .collect()
}

fn exclusion(data: &ReportData<'_>, score: &RequirementScore, control: &str) -> Option<Exclusion> {
    if !score.in_scope {
        return Some(Exclusion::NotApplicable(not_applicable_reasons(data, score)));
    }
    let no_premises = !data.assessment.profile.physical.premises_in_scope();
    (no_premises && FACILITIES.contains(&control)).then_some(Exclusion::NoPremises)
}

/// An exclusion proposed for an applicable control: held back by the controls it depends on,
/// or resting on n/a answers still to confirm.
fn proposed_exclusion(data: &ReportData<'_>, score: &RequirementScore) -> Option<Exclusion> {
    kept_applicable(data, score).or_else(|| unconfirmed_exclusion(data, score))
}

/// Every answer behind the control is n/a, yet it applies: the controls it depends on do.
fn kept_applicable(data: &ReportData<'_>, score: &RequirementScore) -> Option<Exclusion> {
    let all_na = !score.contributions.is_empty() && score.contributions.iter().all(|c| c.input == Input::NotApplicable);
    let control = scoping::EXCLUDED_ONLY_WITH.iter().map(|(c, _)| *c).find(|c| *c == data.catalog.get(score.req).id)?;
    let by = scoping::applicable_depended_on(data.catalog, &data.analysis.readiness.requirements, control);
    (all_na && !by.is_empty()).then(|| Exclusion::KeptApplicable {
        control,
        by,
        reasons: not_applicable_reasons(data, score),
    })
}

/// A proposal when every question evidencing the control is n/a, and at least one of them is
/// still to confirm and would exclude it once confirmed.
fn unconfirmed_exclusion(data: &ReportData<'_>, score: &RequirementScore) -> Option<Exclusion> {
    let mut reasons: Vec<String> = Vec::new();
    for c in &score.contributions {
        if c.input == Input::NotApplicable {
            continue;
        }
        let question = data.question(c.question);
        let why = data.answer(&question.id).and_then(scoping::unconfirmed_not_applicable)?;
        if !scoping::excludes(data.catalog, question).contains(&score.req) {
            return None;
        }
        let reason = format!("{}: {}", question.id, why.trim());
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    (!reasons.is_empty()).then_some(Exclusion::ToConfirm(reasons))
}

/// Prefilled from the profile where it can be; otherwise the risk treatment plan decides.
fn inclusion(data: &ReportData<'_>, score: &RequirementScore) -> Vec<Inclusion> {
    let profile = &data.assessment.profile;
    let control = data.catalog.get(score.req).id.as_str();
    let mut reasons = Vec::new();
    for &regulation in &profile.regulations {
        let covers = match regulation {
            Regulation::Gdpr => PRIVACY_CONTROLS.contains(&control),
            Regulation::Nis2 | Regulation::Dora => RESILIENCE_CONTROLS.contains(&control),
            _ => false,
        };
        if covers {
            reasons.push(Inclusion::Legal(regulation));
        }
    }
    if profile.deadlines.iter().any(|d| d.framework == Some(Framework::Iso27001)) {
        reasons.push(Inclusion::Contractual);
    }
    if behind_soc2_commitments(data, score) {
        reasons.push(Inclusion::Soc2Commitments);
    }
    if reasons.is_empty() {
        reasons.push(Inclusion::RiskTreatment);
    }
    reasons
}

/// The client has or is to have a SOC 2 report, and a question evidencing the control in full
/// also evidences an in-scope SOC 2 criterion in full: full links on both sides, so a side
/// link alone does not make a control a customer commitment.
fn behind_soc2_commitments(data: &ReportData<'_>, score: &RequirementScore) -> bool {
    let recommendation = &data.analysis.recommendation;
    let soc2_report = recommendation.order.contains(&Target::Soc2) || recommendation.held.contains(&Framework::Soc2);
    let requirements = &data.analysis.readiness.requirements;
    soc2_report
        && score.contributions.iter().filter(|c| c.weight >= FULL_EVIDENCE_WEIGHT).any(|c| {
            data.question(c.question)
                .references_of(Framework::Soc2)
                .any(|r| r.weight >= FULL_EVIDENCE_WEIGHT && requirements[r.req].in_scope)
        })
}

/// The risk treatment blocker (6.1.3) while it is open: until the risk treatment plan and the
/// risk owners' approval are done, the SoA's inclusions and statuses are a draft, not for
/// approval.
pub fn awaiting_risk_treatment<'a>(data: &ReportData<'a>) -> Option<&'a Blocker> {
    crate::engine::blockers::open(&data.analysis.blockers, Framework::Iso27001)
        .find(|b| b.topic == Topic::RiskTreatment)
}

/// The status from the control's readiness, held back where the evidence is thin. The full
/// links (weight [`FULL_EVIDENCE_WEIGHT`] or more) decide: with none of them answered the
/// control is not assessed, whatever its side links say, since nothing was asked about the
/// control itself. "Implemented" needs every full link answered at level 3 or more with no
/// work left on it (a control cannot be implemented and on the treatment plan at once), plus
/// readiness and coverage enough.
fn status(data: &ReportData<'_>, score: &RequirementScore) -> Status {
    let full: Vec<&Contribution> = full_links(score).collect();
    if !full.iter().any(|c| matches!(c.input, Input::Scored(_))) {
        return Status::NotAssessed;
    }
    let Some(readiness) = score.readiness else { return Status::NotAssessed };
    let at_level = |c: &&Contribution| matches!(data.assessment.answer(&data.question(c.question).id), AnswerState::Level(l) if l >= IMPLEMENTED_LEVEL);
    let work_left = |c: &&Contribution| data.analysis.gaps.get(c.question).is_some_and(|g| g.days.high > 0.0);
    let every_full_link_done = full.iter().all(|c| at_level(c) && !work_left(c));
    let implemented = every_full_link_done && readiness >= 75.0 && score.coverage >= MIN_COVERAGE;
    if implemented {
        Status::Implemented
    } else if readiness >= 25.0 {
        Status::Partial
    } else {
        Status::NotImplemented
    }
}

/// The questions that evidence the control in full, less the n/a answers that excluded it
/// for themselves.
pub fn full_links(score: &RequirementScore) -> impl Iterator<Item = &Contribution> {
    score.contributions.iter().filter(|c| c.weight >= FULL_EVIDENCE_WEIGHT && c.input != Input::NotApplicable)
}

/// Evidence seen when the consultant recorded it for a scored answer that evidences the
/// control in full; otherwise the client's word.
fn basis(data: &ReportData<'_>, score: &RequirementScore) -> Basis {
    let seen = score.contributions.iter().any(|c| {
        c.weight >= FULL_EVIDENCE_WEIGHT
            && matches!(c.input, Input::Scored(_))
            && data.answer(&data.question(c.question).id).is_some_and(|a| a.evidence_seen.is_some())
    });
    if seen { Basis::EvidenceSeen } else { Basis::SelfReported }
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

fn evidence_sources<'a>(data: &ReportData<'a>, score: &RequirementScore) -> Vec<EvidenceSource<'a>> {
    let mut sources: Vec<EvidenceSource<'a>> = score
        .contributions
        .iter()
        .filter(|c| c.input != Input::NotApplicable)
        .map(|c| {
            let question = data.question(c.question);
            let seen = match c.input {
                Input::Scored(_) => data.answer(&question.id).and_then(|a| a.evidence_seen.as_deref()),
                _ => None,
            };
            EvidenceSource {
                question: c.question,
                id: &question.id,
                weight: c.weight,
                evidence: &question.evidence,
                seen,
            }
        })
        .collect();
    // Stable: equal weights keep questionnaire order.
    sources.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    sources
}

/// `risk treatment, to be confirmed` or `legal or regulatory (GDPR); contractual (...)`.
pub fn inclusion_text(row: &SoaRow<'_>) -> String {
    row.inclusion.iter().map(|r| r.text()).collect::<Vec<_>>().join("; ")
}

/// The exclusion's justification, or the one proposed for an applicable control; empty
/// when neither.
pub fn exclusion_text(row: &SoaRow<'_>) -> String {
    row.exclusion.as_ref().or(row.proposed_exclusion.as_ref()).map(Exclusion::text).unwrap_or_default()
}

/// `AC-01: IdP policy export; SSO app list | AC-02: ...`: what an auditor will ask for.
pub fn evidence_to_collect(row: &SoaRow<'_>) -> String {
    row.evidence.iter().map(|s| format!("{}: {}", s.id, s.evidence.join("; "))).collect::<Vec<_>>().join(" | ")
}

/// `GOV-01: board minutes, 2025-03 | ...`: what the consultant actually saw.
pub fn evidence_seen(row: &SoaRow<'_>) -> String {
    row.evidence
        .iter()
        .filter_map(|s| s.seen.map(|seen| format!("{}: {}", s.id, seen.trim())))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `AC-01 AC-02`.
pub fn source_questions(row: &SoaRow<'_>) -> String {
    row.evidence.iter().map(|s| s.id).collect::<Vec<_>>().join(" ")
}

/// The `--format soa` CSV: a header and exactly one row per Annex A control.
pub fn render(data: &ReportData<'_>) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for row in rows(data) {
        let coverage = if row.applicable { format!("{:.0}", row.coverage) } else { String::new() };
        out.push_str(&csv_row(&[
            row.control,
            row.title,
            row.theme,
            if row.applicable { "yes" } else { "no" },
            &inclusion_text(&row),
            &exclusion_text(&row),
            row.status.map_or("", Status::key),
            row.basis.map_or("", Basis::key),
            row.owner.map_or("", Owner::key),
            &evidence_to_collect(&row),
            &evidence_seen(&row),
            &source_questions(&row),
            &coverage,
        ]));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::scoping::ALWAYS_APPLICABLE_PHYSICAL;

    #[test]
    fn facilities_and_always_applicable_physical_controls_do_not_overlap() {
        assert!(FACILITIES.iter().all(|c| !ALWAYS_APPLICABLE_PHYSICAL.contains(c)));
        assert_eq!(FACILITIES.len() + ALWAYS_APPLICABLE_PHYSICAL.len(), 14, "A.7.1-A.7.14 once each");
    }

    #[test]
    fn inclusion_reasons_read_as_the_soa_column() {
        assert_eq!(Inclusion::RiskTreatment.text(), "risk treatment, to be confirmed");
        assert_eq!(Inclusion::Legal(Regulation::Gdpr).text(), "legal or regulatory (GDPR)");
    }
}
