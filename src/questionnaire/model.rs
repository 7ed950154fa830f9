//! The questionnaire as the engine sees it: domains, questions and their weighted references.

use crate::catalog::ReqIdx;
use crate::framework::Framework;
use crate::profile::Regulation;
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

/// Which framework(s) a question's work is for: the effort share. It is not the mapping
/// weight. A weight says how far an answer evidences one requirement; the share says for
/// whom the work is done, so its person-days count in full for every framework it names
/// (when that framework has an in-scope requirement the question evidences) and not at all
/// for the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EffortShare {
    Both,
    Soc2,
    Iso27001,
}

impl EffortShare {
    pub const ALL: [EffortShare; 3] = [EffortShare::Both, EffortShare::Soc2, EffortShare::Iso27001];

    pub fn key(self) -> &'static str {
        match self {
            EffortShare::Both => "both",
            EffortShare::Soc2 => "soc2",
            EffortShare::Iso27001 => "iso27001",
        }
    }

    pub fn from_key(key: &str) -> Option<EffortShare> {
        EffortShare::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Whether the work is done for `framework`.
    pub fn serves(self, framework: Framework) -> bool {
        match self {
            EffortShare::Both => true,
            EffortShare::Soc2 => framework == Framework::Soc2,
            EffortShare::Iso27001 => framework == Framework::Iso27001,
        }
    }

    /// The single framework the work is for, none when it is for both.
    pub fn only(self) -> Option<Framework> {
        match self {
            EffortShare::Both => None,
            EffortShare::Soc2 => Some(Framework::Soc2),
            EffortShare::Iso27001 => Some(Framework::Iso27001),
        }
    }
}

/// Whether a question may be answered "not applicable", and what such an answer scopes out.
/// Only Annex A controls and criteria of the optional SOC 2 categories can be excluded: ISO
/// clauses 4-10 and the SOC 2 Security (CC) criteria never can (validation enforces it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NaPolicy {
    /// Mandatory work (scope, risk, SoA, audit, review, corrective action, the SOC 2 system
    /// description ...): "not applicable" is not an answer.
    Refused,
    /// "Not applicable" is an answer that excludes exactly these requirements, each one the
    /// question references; its other references stay open.
    Allowed { excludes: Vec<ReqIdx> },
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
    /// The work item in the imperative, as it appears on a plan (at most about 80 chars).
    pub action: String,
    pub guidance: String,
    pub evidence: Vec<String>,
    pub owner: Owner,
    pub effort_days: f64,
    pub phase: Phase,
    /// Set when only one framework's requirements are referenced at all.
    pub only: Option<Framework>,
    /// Which framework(s) the work is for; see [`EffortShare`].
    pub effort_for: EffortShare,
    pub references: Vec<Reference>,
    pub not_applicable: NaPolicy,
    /// Retired question ids whose saved answers this question takes over (see
    /// [`super::carry_over`]).
    pub replaces: Vec<String>,
    /// Regulations the work is for (`applies_if`): while none of them applies to the client,
    /// the plan says the item is conditional on one applying. Empty: the work is for everyone.
    pub applies_if: Vec<Regulation>,
}

impl Question {
    pub fn evidences(&self, framework: Framework) -> bool {
        self.references.iter().any(|r| r.framework == framework)
    }

    pub fn references_of(&self, framework: Framework) -> impl Iterator<Item = &Reference> {
        self.references.iter().filter(move |r| r.framework == framework)
    }

    /// Whether "not applicable" is a valid answer to this question.
    pub fn allows_not_applicable(&self) -> bool {
        matches!(self.not_applicable, NaPolicy::Allowed { .. })
    }

    /// The requirements a "not applicable" answer excludes; empty when n/a is refused.
    pub fn na_excludes(&self) -> &[ReqIdx] {
        match &self.not_applicable {
            NaPolicy::Refused => &[],
            NaPolicy::Allowed { excludes } => excludes,
        }
    }

    /// The strongest weight with which this question evidences `req`, if it does.
    pub fn weight_for(&self, req: ReqIdx) -> Option<f64> {
        self.references.iter().filter(|r| r.req == req).map(|r| r.weight).reduce(f64::max)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Domain {
    pub id: String,
    pub title: String,
    pub order: i64,
    /// Share of this domain's work that carries from one framework to the other.
    pub overlap: f64,
    /// Set when `overlap` is this questionnaire's own estimate rather than a figure from the
    /// published overlap table: the basis of the estimate, to show beside the figure.
    pub overlap_estimate: Option<String>,
    pub summary: String,
    /// Indices into [`super::Questionnaire::questions`], in asking order.
    pub questions: Vec<usize>,
    /// Where the module came from: an embedded file name or a path on disk.
    pub source: String,
    /// Content hash of the module file, recorded in assessments.
    pub version: String,
}
