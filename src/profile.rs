//! The business profile: what drives the which-framework-first decision. Not scored.

use crate::catalog::Category;
use crate::framework::Framework;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    NorthAmerica,
    Europe,
    Apac,
    MiddleEastAfrica,
    LatinAmerica,
}

impl Region {
    pub const ALL: [Region; 5] =
        [Region::NorthAmerica, Region::Europe, Region::Apac, Region::MiddleEastAfrica, Region::LatinAmerica];

    pub fn label(self) -> &'static str {
        match self {
            Region::NorthAmerica => "North America",
            Region::Europe => "Europe (EU, UK, EEA)",
            Region::Apac => "Asia-Pacific",
            Region::MiddleEastAfrica => "Middle East and Africa",
            Region::LatinAmerica => "Latin America",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    #[default]
    Saas,
    Fintech,
    Healthtech,
    PublicSector,
    ItServices,
    TransportLogistics,
    Manufacturing,
    EnergyUtilities,
    Education,
    ProfessionalServices,
    Other,
}

impl Sector {
    pub const ALL: [Sector; 11] = [
        Sector::Saas,
        Sector::Fintech,
        Sector::Healthtech,
        Sector::PublicSector,
        Sector::ItServices,
        Sector::TransportLogistics,
        Sector::Manufacturing,
        Sector::EnergyUtilities,
        Sector::Education,
        Sector::ProfessionalServices,
        Sector::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Sector::Saas => "B2B SaaS",
            Sector::Fintech => "Fintech / financial services",
            Sector::Healthtech => "Healthtech / health data",
            Sector::PublicSector => "Public sector, or a supplier to it",
            Sector::ItServices => "IT / managed services",
            Sector::TransportLogistics => "Transport and logistics",
            Sector::Manufacturing => "Manufacturing",
            Sector::EnergyUtilities => "Energy and utilities",
            Sector::Education => "Education",
            Sector::ProfessionalServices => "Professional services",
            Sector::Other => "Other",
        }
    }
}

/// Regulations and procurement regimes the client is under or sells into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regulation {
    Nis2,
    Dora,
    Gdpr,
    Hipaa,
    PciDss,
    PublicProcurement,
}

impl Regulation {
    pub const ALL: [Regulation; 6] = [
        Regulation::Nis2,
        Regulation::Dora,
        Regulation::Gdpr,
        Regulation::Hipaa,
        Regulation::PciDss,
        Regulation::PublicProcurement,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Regulation::Nis2 => "nis2",
            Regulation::Dora => "dora",
            Regulation::Gdpr => "gdpr",
            Regulation::Hipaa => "hipaa",
            Regulation::PciDss => "pci_dss",
            Regulation::PublicProcurement => "public_procurement",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Regulation::Nis2 => "NIS2",
            Regulation::Dora => "DORA",
            Regulation::Gdpr => "GDPR",
            Regulation::Hipaa => "HIPAA",
            Regulation::PciDss => "PCI DSS",
            Regulation::PublicProcurement => "Public-sector procurement",
        }
    }
}

/// Reports and certificates the client already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Certification {
    Iso27001,
    Soc2Type1,
    Soc2Type2,
    PciDss,
    Hipaa,
}

impl Certification {
    pub const ALL: [Certification; 5] = [
        Certification::Iso27001,
        Certification::Soc2Type1,
        Certification::Soc2Type2,
        Certification::PciDss,
        Certification::Hipaa,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Certification::Iso27001 => "ISO 27001 certificate",
            Certification::Soc2Type1 => "SOC 2 Type I report",
            Certification::Soc2Type2 => "SOC 2 Type II report",
            Certification::PciDss => "PCI DSS attestation",
            Certification::Hipaa => "HIPAA assessment",
        }
    }
}

/// Whether a regulation applies to the client: a workshop often has to leave it open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    #[default]
    NotYetKnown,
    Yes,
    No,
}

impl Applicability {
    pub const ALL: [Applicability; 3] = [Applicability::NotYetKnown, Applicability::Yes, Applicability::No];

    pub fn label(self) -> &'static str {
        match self {
            Applicability::NotYetKnown => "not yet known",
            Applicability::Yes => "yes",
            Applicability::No => "no",
        }
    }

    pub fn is_not_yet_known(&self) -> bool {
        *self == Applicability::NotYetKnown
    }
}

/// Where production runs and which premises are in scope: the hosting facts, recorded here
/// rather than asked on a maturity scale. All production in the cloud puts the data centres
/// under supplier assurance; own server rooms bring the equipment controls into scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PhysicalScope {
    CloudOnly,
    #[default]
    Offices,
    OwnDatacenter,
}

impl PhysicalScope {
    pub const ALL: [PhysicalScope; 3] =
        [PhysicalScope::CloudOnly, PhysicalScope::Offices, PhysicalScope::OwnDatacenter];

    pub fn label(self) -> &'static str {
        match self {
            PhysicalScope::CloudOnly => "All production in the cloud, no offices in scope",
            PhysicalScope::Offices => "All production in the cloud, offices in scope",
            PhysicalScope::OwnDatacenter => "Own server rooms or data centre in scope, with offices",
        }
    }

    /// Whether all production is hosted by cloud providers.
    pub fn production_in_cloud(self) -> bool {
        self != PhysicalScope::OwnDatacenter
    }

    /// Whether own premises (offices, server rooms) are in scope.
    pub fn premises_in_scope(self) -> bool {
        self != PhysicalScope::CloudOnly
    }
}

/// Share of the sales pipeline by buyer region, in percent (the rest is unspecified). Files
/// with a share over 100 or shares adding up to more than 100 are refused on load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields, try_from = "RawBuyerMix")]
pub struct BuyerMix {
    pub north_america: u8,
    pub europe: u8,
    pub apac: u8,
    pub middle_east_africa: u8,
    pub latin_america: u8,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct RawBuyerMix {
    north_america: u8,
    europe: u8,
    apac: u8,
    middle_east_africa: u8,
    latin_america: u8,
}

/// Why a profile could not be saved and read back, if anything: the same rules loading applies.
pub fn profile_problems(profile: &Profile) -> Vec<String> {
    let mut problems = Vec::new();
    if profile.buyers.total() > 100 {
        problems.push(format!("buyer shares add up to {}%, more than 100%", profile.buyers.total()));
    }
    if let Err(problem) = check_fte(profile.team_fte) {
        problems.push(problem);
    }
    problems
}

fn check_fte(fte: f64) -> Result<f64, String> {
    if fte.is_finite() && fte > 0.0 && fte <= 1000.0 {
        Ok(fte)
    } else {
        Err(format!("team_fte {fte} must be more than 0 and at most 1000 (full-time equivalents)"))
    }
}

impl TryFrom<RawBuyerMix> for BuyerMix {
    type Error = String;

    fn try_from(raw: RawBuyerMix) -> Result<BuyerMix, String> {
        let mix = BuyerMix {
            north_america: raw.north_america,
            europe: raw.europe,
            apac: raw.apac,
            middle_east_africa: raw.middle_east_africa,
            latin_america: raw.latin_america,
        };
        if mix.total() > 100 {
            return Err(format!(
                "buyer shares add up to {}%: they are shares of one pipeline, at most 100%",
                mix.total()
            ));
        }
        Ok(mix)
    }
}

impl BuyerMix {
    pub fn share(&self, region: Region) -> u8 {
        match region {
            Region::NorthAmerica => self.north_america,
            Region::Europe => self.europe,
            Region::Apac => self.apac,
            Region::MiddleEastAfrica => self.middle_east_africa,
            Region::LatinAmerica => self.latin_america,
        }
    }

    /// Sets one region's share, capped so the shares never add up to more than 100%.
    pub fn set(&mut self, region: Region, percent: u8) {
        let others = self.total() - u32::from(self.share(region));
        let room = u8::try_from(100u32.saturating_sub(others)).unwrap_or(100);
        let slot = match region {
            Region::NorthAmerica => &mut self.north_america,
            Region::Europe => &mut self.europe,
            Region::Apac => &mut self.apac,
            Region::MiddleEastAfrica => &mut self.middle_east_africa,
            Region::LatinAmerica => &mut self.latin_america,
        };
        *slot = percent.min(room);
    }

    pub fn total(&self) -> u32 {
        Region::ALL.iter().map(|&r| u32::from(self.share(r))).sum()
    }
}

/// A deal that needs a report or certificate by a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// Weeks from the day it was set (`set`), or from today when that is not recorded.
    pub weeks: u16,
    /// What the buyer asks for; none when either would do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<Framework>,
    /// The date (`YYYY-MM-DD`) the weeks were counted from, so the deadline counts down
    /// between workshops instead of staying "16 weeks away" forever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<String>,
}

impl Deadline {
    /// A deadline `weeks` from `today`.
    pub fn new(weeks: u16, framework: Option<Framework>, today: &str) -> Deadline {
        Deadline { weeks, framework, set: Some(crate::clock::date_part(today).to_string()) }
    }

    /// Weeks left on `today` (any RFC 3339 timestamp or date): the weeks set, less the whole
    /// weeks since they were set; the weeks as written when the date is missing or unreadable.
    pub fn weeks_left(&self, today: &str) -> u16 {
        let elapsed = self
            .set
            .as_deref()
            .and_then(|set| crate::clock::days_between(set, today))
            .map_or(0, |days| (days.max(0) / 7) as u64);
        u16::try_from(u64::from(self.weeks).saturating_sub(elapsed)).unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headquarters: Option<Region>,
    pub sector: Sector,
    pub buyers: BuyerMix,
    pub regulations: BTreeSet<Regulation>,
    /// Whether NIS2 applies: yes, no or not yet known. "Yes" also puts NIS2 in
    /// `regulations`; use [`Profile::nis2`] and [`Profile::set_nis2`], which keep the two in step.
    #[serde(skip_serializing_if = "Applicability::is_not_yet_known")]
    pub nis2: Applicability,
    pub certifications: BTreeSet<Certification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    /// People-time available for compliance work, in full-time equivalents.
    #[serde(deserialize_with = "positive_fte")]
    pub team_fte: f64,
    pub headcount: u32,
    pub physical: PhysicalScope,
    /// Optional SOC 2 categories in scope besides Security.
    pub soc2_categories: BTreeSet<Category>,
    /// Planned SOC 2 Type II observation window, 3-12 months.
    pub observation_months: u8,
}

/// Team time must be a real, positive amount: zero would make every plan infinitely long.
fn positive_fte<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    check_fte(f64::deserialize(deserializer)?).map_err(serde::de::Error::custom)
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            headquarters: None,
            sector: Sector::Saas,
            buyers: BuyerMix::default(),
            regulations: BTreeSet::new(),
            nis2: Applicability::NotYetKnown,
            certifications: BTreeSet::new(),
            deadline: None,
            team_fte: 1.0,
            headcount: 50,
            physical: PhysicalScope::Offices,
            soc2_categories: BTreeSet::new(),
            observation_months: 6,
        }
    }
}

impl Profile {
    /// Whether NIS2 applies. Files written before the answer had three values hold only
    /// `nis2` among the regulations, which means yes.
    pub fn nis2(&self) -> Applicability {
        if self.regulations.contains(&Regulation::Nis2) { Applicability::Yes } else { self.nis2 }
    }

    /// Records the NIS2 answer, and NIS2 among the regulations exactly when it applies.
    pub fn set_nis2(&mut self, answer: Applicability) {
        self.nis2 = answer;
        if answer == Applicability::Yes {
            self.regulations.insert(Regulation::Nis2);
        } else {
            self.regulations.remove(&Regulation::Nis2);
        }
    }

    /// Whether a SOC 2 category is in scope: Security always, the others when chosen.
    pub fn soc2_in_scope(&self, category: Category) -> bool {
        category == Category::Security || self.soc2_categories.contains(&category)
    }

    /// Whether the client already holds a framework: an ISO 27001 certificate, or a SOC 2
    /// Type II report (a Type I is a start, not what buyers ask for).
    pub fn holds(&self, framework: Framework) -> bool {
        let cert = match framework {
            Framework::Soc2 => Certification::Soc2Type2,
            Framework::Iso27001 => Certification::Iso27001,
        };
        self.certifications.contains(&cert)
    }

    /// The profile as of `today`: the deal deadline counted down from the day it was set.
    pub fn as_of(&self, today: &str) -> Profile {
        let mut profile = self.clone();
        if let Some(deadline) = profile.deadline.as_mut() {
            deadline.weeks = deadline.weeks_left(today);
        }
        profile
    }

    /// Observation window clamped to what auditors accept (3-12 months).
    pub fn observation_window(&self) -> u8 {
        self.observation_months.clamp(3, 12)
    }

    /// Team capacity clamped to a sane range so a typo cannot divide by zero.
    pub fn capacity_fte(&self) -> f64 {
        if self.team_fte.is_finite() { self.team_fte.clamp(0.1, 50.0) } else { 1.0 }
    }
}
