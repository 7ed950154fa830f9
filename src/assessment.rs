//! One client's assessment: who, when, the profile, and the answers keyed by question id.
//! This is the data a consultant saves and resumes; scoring lives in [`crate::engine`].

use crate::profile::Profile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the assessment file format written by this build.
pub const FORMAT_VERSION: u32 = 1;

/// Highest maturity level: implemented with evidence over a period.
pub const MAX_LEVEL: u8 = 4;

/// Maturity level labels, indexed by level.
pub const LEVEL_LABELS: [&str; 5] =
    ["Not in place", "Ad hoc", "Documented", "Implemented", "Implemented with evidence over time"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Answer {
    /// Maturity 0-4; none when unknown or not applicable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// Set when the question does not apply, holding the justification (for the SoA).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
    /// To confirm in a later session. Without a level this is "unknown", scored as a gap.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ask_later: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The note is for the consultant only and never appears in client exports.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub note_private: bool,
}

/// How an answer counts in scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerState<'a> {
    Unanswered,
    /// "Unknown / ask later": a gap until someone confirms otherwise.
    Unknown,
    NotApplicable(&'a str),
    Level(u8),
}

impl Answer {
    pub fn level(level: u8) -> Answer {
        Answer { level: Some(level.min(MAX_LEVEL)), ..Answer::default() }
    }

    pub fn unknown() -> Answer {
        Answer { ask_later: true, ..Answer::default() }
    }

    pub fn not_applicable(justification: &str) -> Answer {
        Answer { not_applicable: Some(justification.to_string()), ..Answer::default() }
    }

    pub fn state(&self) -> AnswerState<'_> {
        if let Some(why) = &self.not_applicable {
            AnswerState::NotApplicable(why)
        } else if let Some(level) = self.level {
            AnswerState::Level(level.min(MAX_LEVEL))
        } else if self.ask_later {
            AnswerState::Unknown
        } else {
            AnswerState::Unanswered
        }
    }

    /// An answer that carries nothing (no state, no note) need not be stored.
    pub fn is_empty(&self) -> bool {
        self.state() == AnswerState::Unanswered && self.note.is_empty()
    }

    /// Short form for tables: `3`, `n/a`, `?`, `-`.
    pub fn short(&self) -> String {
        match self.state() {
            AnswerState::Unanswered => "-".into(),
            AnswerState::Unknown => "?".into(),
            AnswerState::NotApplicable(_) => "n/a".into(),
            AnswerState::Level(l) => l.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub format_version: u32,
    pub client: String,
    #[serde(default)]
    pub consultant: String,
    /// RFC 3339 UTC timestamps.
    pub created: String,
    pub updated: String,
    /// Domain id -> content hash of the module the answers were given against.
    #[serde(default)]
    pub questionnaires: BTreeMap<String, String>,
    #[serde(default)]
    pub profile: Profile,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}

impl Assessment {
    pub fn new(client: &str, consultant: &str, now: &str) -> Assessment {
        Assessment {
            format_version: FORMAT_VERSION,
            client: client.to_string(),
            consultant: consultant.to_string(),
            created: now.to_string(),
            updated: now.to_string(),
            questionnaires: BTreeMap::new(),
            profile: Profile::default(),
            answers: BTreeMap::new(),
        }
    }

    pub fn answer(&self, question_id: &str) -> AnswerState<'_> {
        self.answers.get(question_id).map_or(AnswerState::Unanswered, Answer::state)
    }

    /// Sets or clears an answer; empty answers are removed so files stay small and diffable.
    pub fn set_answer(&mut self, question_id: &str, answer: Answer) {
        if answer.is_empty() {
            self.answers.remove(question_id);
        } else {
            self.answers.insert(question_id.to_string(), answer);
        }
    }
}
