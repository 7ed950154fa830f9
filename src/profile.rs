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
    Other,
}

impl Sector {
    pub const ALL: [Sector; 6] =
        [Sector::Saas, Sector::Fintech, Sector::Healthtech, Sector::PublicSector, Sector::ItServices, Sector::Other];

    pub fn label(self) -> &'static str {
        match self {
            Sector::Saas => "B2B SaaS",
            Sector::Fintech => "Fintech / financial services",
            Sector::Healthtech => "Healthtech / health data",
            Sector::PublicSector => "Public sector supplier",
            Sector::ItServices => "IT / managed services",
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

/// What the client runs on: a cloud-only company scopes most physical controls out.
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
            PhysicalScope::CloudOnly => "SaaS only, no offices in scope",
            PhysicalScope::Offices => "Offices, cloud hosting",
            PhysicalScope::OwnDatacenter => "Offices and own data centre",
        }
    }
}

/// Share of the sales pipeline by buyer region, in percent (the rest is unspecified).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct BuyerMix {
    pub north_america: u8,
    pub europe: u8,
    pub apac: u8,
    pub middle_east_africa: u8,
    pub latin_america: u8,
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

    pub fn set(&mut self, region: Region, percent: u8) {
        let slot = match region {
            Region::NorthAmerica => &mut self.north_america,
            Region::Europe => &mut self.europe,
            Region::Apac => &mut self.apac,
            Region::MiddleEastAfrica => &mut self.middle_east_africa,
            Region::LatinAmerica => &mut self.latin_america,
        };
        *slot = percent.min(100);
    }

    pub fn total(&self) -> u32 {
        Region::ALL.iter().map(|&r| u32::from(self.share(r))).sum()
    }
}

/// A deal that needs a report or certificate by a date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// Weeks from today.
    pub weeks: u16,
    /// What the buyer asks for; none when either would do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<Framework>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headquarters: Option<Region>,
    pub sector: Sector,
    pub buyers: BuyerMix,
    pub regulations: BTreeSet<Regulation>,
    pub certifications: BTreeSet<Certification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    /// People-time available for compliance work, in full-time equivalents.
    pub team_fte: f64,
    pub headcount: u32,
    pub physical: PhysicalScope,
    /// Optional SOC 2 categories in scope besides Security.
    pub soc2_categories: BTreeSet<Category>,
    /// Planned SOC 2 Type II observation window, 3-12 months.
    pub observation_months: u8,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            headquarters: None,
            sector: Sector::Saas,
            buyers: BuyerMix::default(),
            regulations: BTreeSet::new(),
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
    /// Whether a SOC 2 category is in scope: Security always, the others when chosen.
    pub fn soc2_in_scope(&self, category: Category) -> bool {
        category == Category::Security || self.soc2_categories.contains(&category)
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
