//! The business profile: what drives the which-framework-first decision. Not scored.

use crate::catalog::Category;
use crate::framework::Framework;
use crate::questionnaire::Owner;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Tools and recurring services a compliance programme pays for. The rates file prices them
/// per year; the profile records the ones the client already has and pays for, so the plan's
/// costs show new spend apart from the current run-rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    GrcPlatform,
    PenetrationTest,
    /// Retesting the penetration test's findings once they are fixed.
    PentestRetest,
    /// Device management and endpoint detection (MDM, EDR).
    MdmEdr,
    /// Central logging and alerting (SIEM).
    SiemLogging,
    VulnerabilityScanning,
}

impl Tool {
    pub const ALL: [Tool; 6] = [
        Tool::GrcPlatform,
        Tool::PenetrationTest,
        Tool::PentestRetest,
        Tool::MdmEdr,
        Tool::SiemLogging,
        Tool::VulnerabilityScanning,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Tool::GrcPlatform => "grc_platform",
            Tool::PenetrationTest => "penetration_test",
            Tool::PentestRetest => "pentest_retest",
            Tool::MdmEdr => "mdm_edr",
            Tool::SiemLogging => "siem_logging",
            Tool::VulnerabilityScanning => "vulnerability_scanning",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tool::GrcPlatform => "GRC platform",
            Tool::PenetrationTest => "Penetration test",
            Tool::PentestRetest => "Penetration test retest",
            Tool::MdmEdr => "MDM / EDR",
            Tool::SiemLogging => "SIEM / central logging",
            Tool::VulnerabilityScanning => "Vulnerability scanning",
        }
    }
}

/// Who leads a workstream, and whether its capacity is agreed: the plan's default
/// capacities are assumptions until someone with the authority confirms them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Lead {
    /// A person or a role ("Head of Platform", "Marta Nilsen").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Who confirmed the workstream's capacity; none: the capacity is assumed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_by: Option<String>,
}

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

/// A date by which a buyer, a contract or a regulator needs a report or certificate. A
/// profile holds several: a deal's ISO 27001 requirement and a prospect's SOC 2 request are
/// different deadlines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// What asks for it ("Hansa Logistik contract"); empty in files saved before deadlines
    /// had names.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Weeks from the day it was set (`set`), or from today when that is not recorded.
    /// Ignored when `date` is given.
    #[serde(default)]
    pub weeks: u16,
    /// The calendar date (`YYYY-MM-DD`) it falls on, when the buyer gave one.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "optional_date")]
    pub date: Option<String>,
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
        Deadline {
            name: String::new(),
            weeks,
            date: None,
            framework,
            set: Some(crate::clock::date_part(today).to_string()),
        }
    }

    /// Weeks left on `today` (any RFC 3339 timestamp or date): whole weeks to `date` when
    /// given, else the weeks set less the whole weeks since they were set; the weeks as written
    /// when the dates are missing or unreadable.
    pub fn weeks_left(&self, today: &str) -> u16 {
        if let Some(days) = self.date.as_deref().and_then(|date| crate::clock::days_between(today, date)) {
            return u16::try_from(days.max(0) / 7).unwrap_or(u16::MAX);
        }
        let elapsed = self
            .set
            .as_deref()
            .and_then(|set| crate::clock::days_between(set, today))
            .map_or(0, |days| (days.max(0) / 7) as u64);
        u16::try_from(u64::from(self.weeks).saturating_sub(elapsed)).unwrap_or(0)
    }

    /// The day it falls due: `date`, or `weeks` after `set` (after `today` when not recorded).
    pub fn due(&self, today: &str) -> Option<String> {
        if let Some(date) = &self.date {
            return Some(date.clone());
        }
        let from = self.set.as_deref().unwrap_or(today);
        crate::clock::add_days(from, 7 * i64::from(self.weeks))
    }
}

/// The currency the client budgets in: every cost in the plan is converted to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    Eur,
    Usd,
    Gbp,
    Cad,
    Chf,
    Nok,
    Sek,
    Dkk,
    Aud,
}

impl Currency {
    pub const ALL: [Currency; 9] = [
        Currency::Eur,
        Currency::Usd,
        Currency::Gbp,
        Currency::Cad,
        Currency::Chf,
        Currency::Nok,
        Currency::Sek,
        Currency::Dkk,
        Currency::Aud,
    ];

    /// The ISO 4217 code, as written in files and reports.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
            Currency::Gbp => "GBP",
            Currency::Cad => "CAD",
            Currency::Chf => "CHF",
            Currency::Nok => "NOK",
            Currency::Sek => "SEK",
            Currency::Dkk => "DKK",
            Currency::Aud => "AUD",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code().eq_ignore_ascii_case(code))
    }
}

/// Other assurance schemes a buyer may ask for. crosswalk does not score them: the plan flags
/// each as a follow-up with one line of advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    Fedramp,
    Stateramp,
    Cmmc,
    C5,
    Tisax,
    Hitrust,
    CyberEssentials,
    Iso27701,
    Iso42001,
}

impl Scheme {
    pub const ALL: [Scheme; 9] = [
        Scheme::Fedramp,
        Scheme::Stateramp,
        Scheme::Cmmc,
        Scheme::C5,
        Scheme::Tisax,
        Scheme::Hitrust,
        Scheme::CyberEssentials,
        Scheme::Iso27701,
        Scheme::Iso42001,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Scheme::Fedramp => "fedramp",
            Scheme::Stateramp => "stateramp",
            Scheme::Cmmc => "cmmc",
            Scheme::C5 => "c5",
            Scheme::Tisax => "tisax",
            Scheme::Hitrust => "hitrust",
            Scheme::CyberEssentials => "cyber_essentials",
            Scheme::Iso27701 => "iso27701",
            Scheme::Iso42001 => "iso42001",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Scheme::Fedramp => "FedRAMP",
            Scheme::Stateramp => "StateRAMP",
            Scheme::Cmmc => "CMMC",
            Scheme::C5 => "BSI C5",
            Scheme::Tisax => "TISAX",
            Scheme::Hitrust => "HITRUST",
            Scheme::CyberEssentials => "Cyber Essentials",
            Scheme::Iso27701 => "ISO/IEC 27701",
            Scheme::Iso42001 => "ISO/IEC 42001",
        }
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
    /// Deadlines from deals, prospects or regulators. Files written before several deadlines
    /// could be entered hold one `deadline` table: it loads as the only entry.
    #[serde(alias = "deadline", deserialize_with = "one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub deadlines: Vec<Deadline>,
    /// Compliance lead capacity (security / GRC workstream), in full-time equivalents.
    #[serde(deserialize_with = "positive_fte")]
    pub team_fte: f64,
    /// Share of engineering time given to compliance work, percent; none: the plan's default
    /// for the headcount.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "optional_percent")]
    pub engineering_percent: Option<u8>,
    /// Share of IT time given to compliance work, percent; none: the default for the headcount.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "optional_percent")]
    pub it_percent: Option<u8>,
    /// The day the programme starts (`YYYY-MM-DD`); none: the assessment's date.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "optional_date")]
    pub programme_start: Option<String>,
    /// The client's currency for every cost; none: from the headquarters (EUR in Europe, else
    /// USD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// Other schemes a buyer has asked for: flagged as follow-ups, not scored.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub schemes: BTreeSet<Scheme>,
    pub headcount: u32,
    pub physical: PhysicalScope,
    /// Optional SOC 2 categories in scope besides Security.
    pub soc2_categories: BTreeSet<Category>,
    /// Planned SOC 2 Type II observation window, 3-12 months.
    pub observation_months: u8,
    /// Whether a works council or other employee representation must agree monitoring tools
    /// (co-determination in several EU countries): yes, no or not yet known.
    #[serde(skip_serializing_if = "Applicability::is_not_yet_known")]
    pub works_council: Applicability,
    /// Tools and services the client already has and pays for (files without it: none).
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub tools_held: BTreeSet<Tool>,
    /// Production systems or applications in scope, when known: person-days scale with it
    /// beside headcount (files without it: unknown, headcount alone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub systems_in_scope: Option<u32>,
    /// A lead per workstream and who confirmed its capacity (files without it: none named,
    /// every capacity assumed).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub leads: BTreeMap<Owner, Lead>,
}

/// One deadline table (files from before several deadlines) or a list of them. A visitor
/// rather than an intermediate value, so an error inside keeps its line and field.
fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<Deadline>, D::Error> {
    struct OneOrMany;

    impl<'de> serde::de::Visitor<'de> for OneOrMany {
        type Value = Vec<Deadline>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a deadline table or a list of deadline tables")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Vec<Deadline>, A::Error> {
            Deadline::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(|d| vec![d])
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Vec<Deadline>, A::Error> {
            Vec::<Deadline>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
        }
    }

    deserializer.deserialize_any(OneOrMany)
}

fn optional_date<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    match text {
        Some(date) if !crate::clock::is_date(&date) => {
            Err(serde::de::Error::custom(format!("`{date}` is not a date: write YYYY-MM-DD")))
        }
        other => Ok(other),
    }
}

fn optional_percent<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    match Option::<u8>::deserialize(deserializer)? {
        Some(p) if p > 100 => Err(serde::de::Error::custom(format!("{p}% is more than 100%"))),
        other => Ok(other),
    }
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
            deadlines: Vec::new(),
            team_fte: 1.0,
            engineering_percent: None,
            it_percent: None,
            programme_start: None,
            currency: None,
            schemes: BTreeSet::new(),
            headcount: 50,
            physical: PhysicalScope::Offices,
            soc2_categories: BTreeSet::new(),
            observation_months: 6,
            works_council: Applicability::NotYetKnown,
            tools_held: BTreeSet::new(),
            systems_in_scope: None,
            leads: BTreeMap::new(),
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

    /// The profile as of `today`: every deadline as the whole weeks left until it falls due.
    pub fn as_of(&self, today: &str) -> Profile {
        let mut profile = self.clone();
        for deadline in &mut profile.deadlines {
            deadline.weeks = deadline.weeks_left(today);
            deadline.date = None;
            deadline.set = None;
        }
        profile
    }

    /// The deadline that weighs on the order: the nearest one that names a framework, else
    /// the nearest one (weeks as stored; call on [`Profile::as_of`] for weeks left).
    pub fn deal_deadline(&self) -> Option<&Deadline> {
        let nearest = |with_framework: bool| {
            self.deadlines.iter().filter(|d| d.framework.is_some() || !with_framework).min_by_key(|d| d.weeks)
        };
        nearest(true).or_else(|| nearest(false))
    }

    /// The client's currency: as chosen, else EUR for a European headquarters, else USD.
    pub fn currency(&self) -> Currency {
        self.currency.unwrap_or(match self.headquarters {
            Some(Region::Europe) => Currency::Eur,
            _ => Currency::Usd,
        })
    }

    /// Observation window clamped to what auditors accept (3-12 months).
    pub fn observation_window(&self) -> u8 {
        self.observation_months.clamp(3, 12)
    }

    /// The named lead of a workstream, if one is recorded.
    pub fn lead(&self, workstream: Owner) -> Option<&str> {
        self.leads.get(&workstream).map(|l| l.name.trim()).filter(|n| !n.is_empty())
    }

    /// Who confirmed a workstream's capacity; none: the plan assumes it.
    pub fn capacity_confirmed_by(&self, workstream: Owner) -> Option<&str> {
        self.leads.get(&workstream).and_then(|l| l.confirmed_by.as_deref()).map(str::trim).filter(|n| !n.is_empty())
    }

    /// Whether the client already has and pays for a tool or service.
    pub fn holds_tool(&self, tool: Tool) -> bool {
        self.tools_held.contains(&tool)
    }

    /// Team capacity clamped to a sane range so a typo cannot divide by zero.
    pub fn capacity_fte(&self) -> f64 {
        if self.team_fte.is_finite() { self.team_fte.clamp(0.1, 50.0) } else { 1.0 }
    }
}
