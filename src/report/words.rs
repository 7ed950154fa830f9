//! The words for the engine's typed results: factor names and details, confidence, the
//! recommendation's one-line summary, certification blockers and the basis of preparation.
//! The engine returns data; every deliverable and the TUI say it the same way through here.

use crate::engine::blockers::{AuditStage, Blocker, Topic};
use crate::engine::recommend::{
    Confidence, DeadlineReach, Factor, FactorKind, Flip, FlipChange, Recommendation, Target,
};
use crate::framework::Framework;
use crate::profile::{Region, Regulation};

fn region_short(region: Region) -> &'static str {
    match region {
        Region::NorthAmerica => "North America",
        Region::Europe => "Europe",
        Region::Apac => "APAC",
        Region::MiddleEastAfrica => "Middle East/Africa",
        Region::LatinAmerica => "Latin America",
    }
}

/// The factor's name, as the factor table's first column.
pub fn factor_name(factor: &Factor) -> String {
    match &factor.kind {
        FactorKind::BuyerRegions { .. } => "Buyer regions".into(),
        FactorKind::Headquarters { .. } => "Headquarters".into(),
        FactorKind::RegulatedSectorInNorthAmerica { .. } | FactorKind::PublicSectorSupplier => "Sector".into(),
        FactorKind::Regulation { regulation } => format!("Regulation: {}", regulation.label()),
        FactorKind::HoldsSoc2Type1 => "Existing: SOC 2 Type I report".into(),
        FactorKind::Holds { framework } => format!("Already holds {}", held_name(*framework)),
        FactorKind::ReadinessGap { .. } => "Readiness gap".into(),
        FactorKind::DealDeadline { .. } => "Deal deadline".into(),
    }
}

fn held_name(framework: Framework) -> &'static str {
    match framework {
        Framework::Soc2 => "a SOC 2 Type II report",
        Framework::Iso27001 => "ISO 27001 certification",
    }
}

/// Why the factor points where it does, in a sentence.
pub fn factor_detail(factor: &Factor) -> String {
    match &factor.kind {
        FactorKind::BuyerRegions { shares } => {
            let shares: Vec<String> = shares.iter().map(|(r, s)| format!("{s}% {}", region_short(*r))).collect();
            format!("Pipeline: {}", shares.join(", "))
        }
        FactorKind::Headquarters { region: Region::Europe } => "Headquartered in Europe".into(),
        FactorKind::Headquarters { region: Region::NorthAmerica } => "Headquartered in North America".into(),
        FactorKind::Headquarters { .. } => "Headquartered outside North America and Europe".into(),
        FactorKind::RegulatedSectorInNorthAmerica { sector } => {
            format!("{} selling in North America: buyers expect a SOC 2 Type II report", sector.label())
        }
        FactorKind::PublicSectorSupplier => {
            "Public-sector supplier: procurement outside North America asks for ISO certification".into()
        }
        FactorKind::Regulation { regulation } => regulation_detail(*regulation).into(),
        FactorKind::HoldsSoc2Type1 => "Holds a SOC 2 Type I: the Type II is the natural next step".into(),
        FactorKind::Holds { framework } => format!(
            "Already held and kept up: {} is what is left to add, and much of the work carries over",
            framework.other().label()
        ),
        FactorKind::ReadinessGap { soc2_open, iso_open, known } => format!(
            "{:.0}% of the SOC 2 work still open, {:.0}% of the ISO 27001 work ({:.0}% of it known from answers)",
            soc2_open * 100.0,
            iso_open * 100.0,
            known * 100.0
        ),
        FactorKind::DealDeadline { framework, weeks, reach: DeadlineReach::Reachable } => {
            format!("A deal needs {} within {weeks} weeks", framework.label())
        }
        FactorKind::DealDeadline {
            framework,
            weeks,
            reach: reach @ DeadlineReach::Unreachable { weeks_late, weeks_gained },
        } => {
            format!(
                "A deal needs {} within {weeks} weeks, which no order meets: going first gains {weeks_gained} weeks, \
                 still {weeks_late}+ weeks late, so it counts {:.0}%",
                framework.label(),
                reach.share() * 100.0
            )
        }
    }
}

fn regulation_detail(regulation: Regulation) -> &'static str {
    match regulation {
        Regulation::Nis2 => {
            "NIS2 sector: EU procurement there asks for ISO 27001 by name (the directive names neither framework; its obligations are a track in the plan)"
        }
        Regulation::Dora => {
            "DORA sector: EU financial buyers ask for ISO 27001 by name (the regulation names neither framework; its obligations are a track in the plan)"
        }
        Regulation::Gdpr => "GDPR Article 32 asks for appropriate measures and favours neither framework",
        Regulation::Hipaa => "HIPAA: US health buyers pair it with a SOC 2 report",
        Regulation::PciDss => "PCI DSS applies to card data whichever framework comes next",
        Regulation::PublicProcurement => "Public-sector buyers: tenders outside North America often require ISO 27001",
    }
}

pub fn confidence(confidence: Confidence) -> &'static str {
    confidence.key()
}

/// The recommendation in one sentence, naming only the factors that carried it.
pub fn summary(analysis: &crate::engine::Analysis) -> String {
    let combined = analysis.roadmap.plan().kind == crate::engine::roadmap::PlanKind::Combined;
    summary_of(&analysis.recommendation, combined)
}

/// [`summary`] of a recommendation, for a plan set out as the combined programme or not
/// (`combined`): the order then says which framework leads the timetable of one control set,
/// not that the other waits for it.
fn summary_of(rec: &Recommendation, combined: bool) -> String {
    let first = rec.framework_first;
    let mut s = String::new();
    let regulated: Vec<&str> =
        rec.order.iter().filter(|t| matches!(t, Target::Hipaa | Target::PciDss)).map(|t| t.label()).collect();
    if !regulated.is_empty() {
        s.push_str(&format!("{} first: the data the client handles demands it. Then: ", regulated.join(" and ")));
    }
    match rec.held.as_slice() {
        [a, b] => {
            s.push_str(&format!(
                "keep both {} and {} current: surveillance audits and the yearly Type II report.",
                a.label(),
                b.label()
            ));
            return s;
        }
        [one] => {
            s.push_str(&format!(
                "{} next: the client already holds {}, which carries much of the work over.",
                first.label(),
                one.label()
            ));
            return s;
        }
        _ => {}
    }
    let reasons: Vec<String> = rec.drivers.iter().map(|&i| factor_name(&rec.factors[i])).collect();
    let (first_name, second_name) = (first.label(), first.other().label());
    s.push_str(&match (rec.both, combined) {
        (true, true) => format!(
            "{first_name} and {second_name} together, as one combined programme (one control set, built once) with \
             {first_name} leading the timetable: buyers on both sides ask for both"
        ),
        (true, false) => {
            format!("{first_name} first, with {second_name} straight after: buyers on both sides ask for it")
        }
        (false, _) => format!("{first_name} first, then add {second_name}"),
    });
    match reasons.as_slice() {
        [] => s.push_str(" (no strong driver either way: the default for B2B SaaS)."),
        [one] => s.push_str(&format!(" (driven by {one}).")),
        [init @ .., last] => s.push_str(&format!(" (driven by {} and {last}).", init.join(", "))),
    }
    s
}

/// A blocker's title: the clause's topic in a few words of our own.
pub fn blocker_title(topic: Topic) -> &'static str {
    match topic {
        Topic::IsmsScope => "ISMS scope",
        Topic::RiskAssessment => "Information security risk assessment",
        Topic::RiskTreatment => "Risk treatment plan and Statement of Applicability",
        Topic::InternalAudit => "Internal audit",
        Topic::ManagementReview => "Management review",
        Topic::CorrectiveAction => "Nonconformity and corrective action",
        Topic::SystemDescription => "System description",
        Topic::OperatingEvidence => "Operating evidence over the observation window",
    }
}

pub fn stage_label(stage: AuditStage) -> &'static str {
    match stage {
        AuditStage::Stage1 => "Stage 1",
        AuditStage::Stage2 => "Stage 2",
        AuditStage::Type1 => "Type I",
        AuditStage::Type2 => "Type II",
    }
}

/// `Stage 1, Stage 2`.
pub fn stages(blocker: &Blocker) -> String {
    blocker.blocks.iter().map(|&s| stage_label(s)).collect::<Vec<_>>().join(", ")
}

/// `not audit-ready` -> `Not audit-ready`, to start a line.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// What the headline figure says while any blocker of the framework is open.
pub const NOT_AUDIT_READY: &str = "not audit-ready";

/// A readiness cell for a domain that does not feed a framework in scope (its optional SOC 2
/// category left out, or nothing it evidences in scope).
pub const NOT_IN_SCOPE: &str = "n/a (not in scope)";

/// An n/a answer the question refuses (what it evidences cannot be scoped out), as the answer
/// lists show it: not accepted, asked again; the justification the client gave follows.
pub const REFUSED_NOT_APPLICABLE: &str = "n/a not accepted (this question cannot be scoped out), ask again; given";

/// How every figure was made: stated in each report, and in short on the Recommendation screen.
pub const BASIS_OF_PREPARATION: &str = "The figures in this report come from management's \
answers given in a workshop and were not tested. Evidence was inspected only where an answer is marked \
\"evidence seen\"; everything else is self-reported. This is an advisory readiness assessment, not an attestation, \
a certification audit or an audit opinion.";

/// The one-line form of [`BASIS_OF_PREPARATION`] for the screen.
pub const BASIS_LINE: &str = "Basis: management's workshop answers; evidence inspected only where marked. Advisory: \
not an attestation, certification audit or audit opinion.";

/// `Evidence was inspected for 3 of 41 answers.`
pub fn evidence_count(seen: usize, answered: usize) -> String {
    format!("Evidence was inspected for {seen} of {answered} answers.")
}

/// A blocker in a few characters, for one screen line: the ISO clause, or the SOC 2 topic.
pub fn blocker_short(blocker: &Blocker) -> &'static str {
    match blocker.topic {
        Topic::SystemDescription => "system description",
        Topic::OperatingEvidence => "window evidence",
        _ => blocker.reference,
    }
}

/// `not audit-ready: 4.3, 6.1.2, 9.2 open`, or none when nothing blocks the framework.
pub fn open_blockers_line(blockers: &[Blocker], framework: Framework) -> Option<String> {
    let open: Vec<&str> = crate::engine::blockers::open(blockers, framework).map(blocker_short).collect();
    (!open.is_empty()).then(|| format!("{NOT_AUDIT_READY}: {} open", open.join(", ")))
}

/// "12 weeks of ..." : the change a flip describes, as a clause after "if".
pub fn flip_change(change: &FlipChange) -> String {
    match *change {
        FlipChange::PipelineShift { points, from, to } => {
            format!("{points} points of pipeline move from {} to {}", from.label(), to.label())
        }
        FlipChange::RegulationDropped { regulation } => format!("{} no longer applies", regulation.label()),
        FlipChange::RegulationAdded { regulation } => format!("{} applies", regulation.label()),
        FlipChange::DeadlineRemoved => "the deal deadline goes away".into(),
        FlipChange::DeadlineAsksFor { weeks, framework } => {
            format!("the deal within {weeks} weeks asks for {} instead", framework.label())
        }
        FlipChange::SignedDeal { framework, weeks } => {
            format!("a signed deal requires {} within {weeks} weeks", framework.label())
        }
    }
}

/// "ISO 27001 first": what a flip would lead to.
pub fn flip_result(flip: &Flip) -> String {
    format!("{} first", flip.result.label())
}
