//! The questionnaire as the engine sees it: domains, questions and their weighted references.

use crate::catalog::ReqIdx;
use crate::framework::Framework;
use serde::{Deserialize, Serialize};

/// The department that closes a gap; the roadmap's "who to involve" list groups by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Engineering,
    It,
    Security,
    Hr,
    Legal,
    Procurement,
    Leadership,
}

impl Owner {
    pub const ALL: [Owner; 7] = [
        Owner::Engineering,
        Owner::It,
        Owner::Security,
        Owner::Hr,
        Owner::Legal,
        Owner::Procurement,
        Owner::Leadership,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Owner::Engineering => "engineering",
            Owner::It => "it",
            Owner::Security => "security",
            Owner::Hr => "hr",
            Owner::Legal => "legal",
            Owner::Procurement => "procurement",
            Owner::Leadership => "leadership",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Owner::Engineering => "Engineering",
            Owner::It => "IT",
            Owner::Security => "Security / GRC",
            Owner::Hr => "HR / People",
            Owner::Legal => "Legal / privacy",
            Owner::Procurement => "Procurement",
            Owner::Leadership => "Leadership",
        }
    }
}

/// Where a piece of work falls in the roadmap. The order follows the setup order that works
/// in practice: policies and risk first (everything else is judged against them), then
/// identity, devices, code host, ticketing and cloud, then people and suppliers, and last the
/// assurance activities that need the rest to be running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Foundations,
    Identity,
    Devices,
    Code,
    Ticketing,
    Cloud,
    People,
    Suppliers,
    Physical,
    Assurance,
}

impl Phase {
    pub const ALL: [Phase; 10] = [
        Phase::Foundations,
        Phase::Identity,
        Phase::Devices,
        Phase::Code,
        Phase::Ticketing,
        Phase::Cloud,
        Phase::People,
        Phase::Suppliers,
        Phase::Physical,
        Phase::Assurance,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Phase::Foundations => "foundations",
            Phase::Identity => "identity",
            Phase::Devices => "devices",
            Phase::Code => "code",
            Phase::Ticketing => "ticketing",
            Phase::Cloud => "cloud",
            Phase::People => "people",
            Phase::Suppliers => "suppliers",
            Phase::Physical => "physical",
            Phase::Assurance => "assurance",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::Foundations => "Foundations: scope, policies, risk",
            Phase::Identity => "Identity and access",
            Phase::Devices => "Devices and endpoints",
            Phase::Code => "Code host and change control",
            Phase::Ticketing => "Ticketing and incident handling",
            Phase::Cloud => "Cloud, network, logging, data",
            Phase::People => "People and awareness",
            Phase::Suppliers => "Suppliers",
            Phase::Physical => "Physical security",
            Phase::Assurance => "Assurance: reviews, audits, evidence",
        }
    }
}

/// One weighted reference: answering the question evidences `req` by `weight` (0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reference {
    pub framework: Framework,
    pub req: ReqIdx,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    /// Index into [`super::Questionnaire::domains`].
    pub domain: usize,
    pub core: bool,
    pub text: String,
    pub guidance: String,
    pub evidence: Vec<String>,
    pub owner: Owner,
    pub effort_days: f64,
    pub phase: Phase,
    /// Set when only one framework asks for this work.
    pub only: Option<Framework>,
    pub references: Vec<Reference>,
    /// Whether "not applicable" is a valid answer. Not for the work every SOC 2 report needs
    /// (`only = "soc2"`: system description, evidence over the period), nor for questions that
    /// evidence only ISO clauses 4-10, which are mandatory; an Annex A control (through the
    /// SoA) or a SOC 2 criterion can be scoped out with a reason.
    pub may_be_not_applicable: bool,
}

impl Question {
    pub fn evidences(&self, framework: Framework) -> bool {
        self.references.iter().any(|r| r.framework == framework)
    }

    pub fn references_of(&self, framework: Framework) -> impl Iterator<Item = &Reference> {
        self.references.iter().filter(move |r| r.framework == framework)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Domain {
    pub id: String,
    pub title: String,
    pub order: i64,
    /// Share of this domain's work that carries from one framework to the other.
    pub overlap: f64,
    pub summary: String,
    /// Indices into [`super::Questionnaire::questions`], in asking order.
    pub questions: Vec<usize>,
    /// Where the module came from: an embedded file name or a path on disk.
    pub source: String,
    /// Content hash of the module file, recorded in assessments.
    pub version: String,
}
