//! Regulated obligations as tracks of their own (HIPAA, PCI DSS, NIS2, DORA): items with
//! owners and effort that run alongside the framework work, never a "week 0, outside the
//! estimate" marker. And other schemes a buyer may ask for, flagged as follow-ups, not scored.

use super::recommend::Target;
use crate::profile::{Certification, Profile, Region, Regulation, Scheme, Sector};
use crate::questionnaire::Owner;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackKind {
    /// A US law: risk analysis, safeguards, business associate agreements; no certificate.
    Hipaa,
    /// Card data: a self-assessment questionnaire (SAQ) or a report on compliance by a QSA.
    PciDss,
    /// EU directive: risk-management measures, incident reporting, supply chain.
    Nis2,
    /// EU regulation for financial entities: ICT risk, incident reporting, register of
    /// information, ICT third-party risk, resilience testing.
    Dora,
}

impl TrackKind {
    pub fn key(self) -> &'static str {
        match self {
            TrackKind::Hipaa => "hipaa",
            TrackKind::PciDss => "pci_dss",
            TrackKind::Nis2 => "nis2",
            TrackKind::Dora => "dora",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TrackKind::Hipaa => "HIPAA",
            TrackKind::PciDss => "PCI DSS",
            TrackKind::Nis2 => "NIS2",
            TrackKind::Dora => "DORA",
        }
    }
}

/// One item of a track's work, in the same shape as a question's work item.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TrackWork {
    pub id: &'static str,
    pub action: &'static str,
    pub owner: Owner,
    /// Person-days for a company of 100-200 people (scaled by headcount like the rest).
    pub days: f64,
}

const fn work(id: &'static str, action: &'static str, owner: Owner, days: f64) -> TrackWork {
    TrackWork { id, action, owner, days }
}

// Person-days are estimates for a first pass at each obligation, sized like the
// questionnaire's items; the regulation's own text decides what is enough.
const HIPAA: &[TrackWork] = &[
    work("HIPAA-01", "Run and document the HIPAA security risk analysis", Owner::Security, 8.0),
    work("HIPAA-02", "Close the administrative, physical and technical safeguard gaps", Owner::Engineering, 10.0),
    work("HIPAA-03", "Sign business associate agreements with every vendor touching PHI", Owner::Legal, 4.0),
    work("HIPAA-04", "Adopt HIPAA policies and name the security and privacy officers", Owner::Security, 4.0),
    work("HIPAA-05", "Train the workforce on PHI handling and record it", Owner::Hr, 3.0),
];

const PCI_DSS: &[TrackWork] = &[
    work("PCI-01", "Scope the cardholder data environment and shrink it", Owner::Engineering, 5.0),
    work("PCI-02", "Confirm the validation route: SAQ, or a ROC with a QSA", Owner::Security, 1.0),
    work("PCI-03", "Close the PCI DSS requirement gaps in the card data environment", Owner::Engineering, 15.0),
    work("PCI-04", "Book quarterly ASV scans and the yearly penetration test", Owner::Security, 2.0),
    work("PCI-05", "Complete the SAQ or ROC and the attestation of compliance", Owner::Security, 5.0),
];

const NIS2: &[TrackWork] = &[
    work("NIS2-01", "Confirm entity status and register with the national authority", Owner::Legal, 2.0),
    work("NIS2-02", "Set up incident reporting to the authority on the directive's clocks", Owner::Security, 4.0),
    work("NIS2-03", "Assess supply chain security of direct suppliers", Owner::Procurement, 5.0),
    work("NIS2-04", "Have the management body approve the measures and take training", Owner::Leadership, 2.0),
    work("NIS2-05", "Map the risk-management measures to controls and close gaps", Owner::Security, 6.0),
];

const DORA: &[TrackWork] = &[
    work("DORA-01", "Set up the ICT risk-management framework the board approves", Owner::Security, 8.0),
    work("DORA-02", "Build and maintain the register of information on ICT providers", Owner::Procurement, 6.0),
    work("DORA-03", "Classify ICT incidents and set up reporting to the supervisor", Owner::Security, 5.0),
    work("DORA-04", "Plan and run digital operational resilience testing", Owner::Engineering, 6.0),
    work("DORA-05", "Bring ICT third-party contracts up to the regulation's terms", Owner::Legal, 6.0),
];

impl TrackKind {
    pub fn work(self) -> &'static [TrackWork] {
        match self {
            TrackKind::Hipaa => HIPAA,
            TrackKind::PciDss => PCI_DSS,
            TrackKind::Nis2 => NIS2,
            TrackKind::Dora => DORA,
        }
    }
}

/// The tracks a profile calls for, in order: what the data demands first (HIPAA, PCI DSS,
/// unless already attested), then the EU obligations.
pub fn tracks(profile: &Profile) -> Vec<TrackKind> {
    let mut out: Vec<TrackKind> = super::recommend::regulated_first(profile)
        .into_iter()
        .filter_map(|t| match t {
            Target::Hipaa => Some(TrackKind::Hipaa),
            Target::PciDss => Some(TrackKind::PciDss),
            Target::Soc2 | Target::Iso27001 => None,
        })
        .collect();
    if profile.regulations.contains(&Regulation::Nis2) {
        out.push(TrackKind::Nis2);
    }
    if profile.regulations.contains(&Regulation::Dora) {
        out.push(TrackKind::Dora);
    }
    out
}

/// Why a scheme is on the follow-up list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpReason {
    /// A buyer asked for it (profile).
    Requested,
    /// The profile suggests buyers will ask: worth asking the client.
    Likely,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SchemeFollowUp {
    pub scheme: Scheme,
    pub reason: FollowUpReason,
}

/// Other schemes to follow up: every one a buyer asked for, plus the ones the profile makes
/// likely (US public sector: FedRAMP; health data in the US: HITRUST; privacy in scope with
/// GDPR: ISO 27701).
pub fn follow_ups(profile: &Profile) -> Vec<SchemeFollowUp> {
    let mut out: Vec<SchemeFollowUp> =
        profile.schemes.iter().map(|&scheme| SchemeFollowUp { scheme, reason: FollowUpReason::Requested }).collect();
    let us_buyers = profile.buyers.north_america > 0 || profile.headquarters == Some(Region::NorthAmerica);
    let mut likely = |scheme: Scheme| {
        if !out.iter().any(|f| f.scheme == scheme) {
            out.push(SchemeFollowUp { scheme, reason: FollowUpReason::Likely });
        }
    };
    if profile.sector == Sector::PublicSector && us_buyers {
        likely(Scheme::Fedramp);
    }
    if profile.sector == Sector::Healthtech && us_buyers && !profile.certifications.contains(&Certification::Hipaa) {
        likely(Scheme::Hitrust);
    }
    if profile.regulations.contains(&Regulation::Gdpr)
        && profile.soc2_categories.contains(&crate::catalog::Category::Privacy)
    {
        likely(Scheme::Iso27701);
    }
    out.sort_by_key(|f| f.scheme);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_track_has_owned_sized_work() {
        for kind in [TrackKind::Hipaa, TrackKind::PciDss, TrackKind::Nis2, TrackKind::Dora] {
            assert!(kind.work().len() >= 3, "{kind:?}");
            for w in kind.work() {
                assert!(w.days > 0.0 && w.action.len() <= 80, "{}", w.id);
            }
        }
    }

    #[test]
    fn requested_schemes_are_follow_ups_and_never_duplicated() {
        let mut p = Profile { sector: Sector::PublicSector, ..Profile::default() };
        p.buyers.north_america = 60;
        p.schemes.insert(Scheme::Fedramp);
        p.schemes.insert(Scheme::Tisax);
        let f = follow_ups(&p);
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.reason == FollowUpReason::Requested));
        p.schemes.clear();
        assert_eq!(follow_ups(&p), vec![SchemeFollowUp { scheme: Scheme::Fedramp, reason: FollowUpReason::Likely }]);
    }
}
