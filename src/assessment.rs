//! One client's assessment: who, when, the profile, and the answers keyed by question id.
//! This is the data a consultant saves and resumes; scoring lives in [`crate::engine`].

use crate::profile::Profile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the assessment file format written by this build.
pub const FORMAT_VERSION: u32 = 2;

/// Highest maturity level: implemented with evidence over a period.
pub const MAX_LEVEL: u8 = 4;

/// Maturity level labels, indexed by level.
pub const LEVEL_LABELS: [&str; 5] =
    ["Not in place", "Ad hoc", "Documented", "Implemented", "Implemented with evidence over time"];

/// A maturity level, 0-4 by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Level(u8);

impl Level {
    /// The level, or none outside 0-4.
    pub fn new(level: u8) -> Option<Level> {
        (level <= MAX_LEVEL).then_some(Level(level))
    }

    /// The level, clamped into 0-4 (for keys and generated data that cannot be out of range
    /// by more than a slip).
    pub fn clamped(level: u8) -> Level {
        Level(level.min(MAX_LEVEL))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// What the client said, as one value: a level, not applicable with its justification, or
/// "unknown / ask later". Three independent fields would allow a level *and* n/a, which no
/// one can score; this type cannot.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Response {
    #[default]
    Unanswered,
    Level(Level),
    /// The question does not apply; the justification goes into the SoA.
    NotApplicable(String),
    /// Nobody in the room knew: not assessed, listed as a follow-up, never scored.
    Unknown,
}

/// One answer: the response plus what the consultant recorded around it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(into = "AnswerRecord", try_from = "AnswerRecord")]
pub struct Answer {
    pub response: Response,
    /// A level (or n/a) given in the room that someone still has to confirm: a follow-up,
    /// scored as given. An unknown response is always a follow-up and needs no flag.
    pub to_confirm: bool,
    /// A short reference to evidence the consultant actually saw ("access review export,
    /// 2026-11"). Without it every answer is the client's own account (self-reported).
    pub evidence_seen: Option<String>,
    /// The attendee who gave the answer.
    pub given_by: Option<String>,
    pub note: String,
    /// The note is for the consultant only and never appears in client exports.
    pub note_private: bool,
}

/// How an answer counts in scoring: a borrowed, copyable view of [`Response`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerState<'a> {
    Unanswered,
    /// "Unknown / ask later": not assessed until someone confirms.
    Unknown,
    NotApplicable(&'a str),
    Level(u8),
}

impl AnswerState<'_> {
    /// Assessed: a level or not applicable. Unknown is not, and never counts as answered.
    pub fn is_assessed(self) -> bool {
        matches!(self, AnswerState::Level(_) | AnswerState::NotApplicable(_))
    }
}

impl Response {
    pub fn state(&self) -> AnswerState<'_> {
        match self {
            Response::Unanswered => AnswerState::Unanswered,
            Response::Level(level) => AnswerState::Level(level.get()),
            Response::NotApplicable(why) => AnswerState::NotApplicable(why),
            Response::Unknown => AnswerState::Unknown,
        }
    }
}

impl Answer {
    pub fn level(level: u8) -> Answer {
        Answer { response: Response::Level(Level::clamped(level)), ..Answer::default() }
    }

    pub fn unknown() -> Answer {
        Answer { response: Response::Unknown, ..Answer::default() }
    }

    pub fn not_applicable(justification: &str) -> Answer {
        Answer { response: Response::NotApplicable(justification.to_string()), ..Answer::default() }
    }

    pub fn state(&self) -> AnswerState<'_> {
        self.response.state()
    }

    /// The maturity level, when the response is one.
    pub fn level_value(&self) -> Option<u8> {
        match self.response {
            Response::Level(level) => Some(level.get()),
            _ => None,
        }
    }

    /// The not-applicable justification, when the response is n/a.
    pub fn justification(&self) -> Option<&str> {
        match &self.response {
            Response::NotApplicable(why) => Some(why),
            _ => None,
        }
    }

    /// Replaces the response. Confirmation is about the old response, so it goes with it;
    /// the note, attendee and evidence reference stay.
    pub fn respond(&mut self, response: Response) {
        self.response = response;
        self.to_confirm = false;
    }

    /// Listed as a follow-up: unknown, or a response still to confirm.
    pub fn is_follow_up(&self) -> bool {
        self.response == Response::Unknown || (self.to_confirm && self.response != Response::Unanswered)
    }

    /// An answer that carries nothing (no response, no note, no mark) need not be stored.
    pub fn is_empty(&self) -> bool {
        self.response == Response::Unanswered
            && self.note.is_empty()
            && self.evidence_seen.is_none()
            && self.given_by.is_none()
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

/// An answer as the file stores it (format 2): flat optional fields, so a hand-edited file
/// stays readable. [`Answer`] converts to and from it; the store's decoder checks the same
/// rules with line numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnswerRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unknown: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub to_confirm: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_seen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_by: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub note_private: bool,
}

/// Why a stored answer cannot become an [`Answer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerProblem {
    LevelOutOfRange(u8),
    /// More than one of `level`, `not_applicable`, `unknown`.
    ConflictingResponses,
    /// `to_confirm` with nothing to confirm (no level, no n/a).
    NothingToConfirm,
}

impl std::fmt::Display for AnswerProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerProblem::LevelOutOfRange(level) => write!(f, "level {level} is outside 0-{MAX_LEVEL}"),
            AnswerProblem::ConflictingResponses => {
                f.write_str("has more than one of level, not_applicable and unknown; keep the one that is true")
            }
            AnswerProblem::NothingToConfirm => f.write_str("to_confirm needs a level or not_applicable to confirm"),
        }
    }
}

impl TryFrom<AnswerRecord> for Answer {
    type Error = AnswerProblem;

    fn try_from(r: AnswerRecord) -> Result<Answer, AnswerProblem> {
        let response = match (r.level, r.not_applicable, r.unknown) {
            (None, None, false) => Response::Unanswered,
            (Some(level), None, false) => {
                Response::Level(Level::new(level).ok_or(AnswerProblem::LevelOutOfRange(level))?)
            }
            (None, Some(why), false) => Response::NotApplicable(why),
            (None, None, true) => Response::Unknown,
            _ => return Err(AnswerProblem::ConflictingResponses),
        };
        if r.to_confirm && matches!(response, Response::Unanswered | Response::Unknown) {
            return Err(AnswerProblem::NothingToConfirm);
        }
        Ok(Answer {
            response,
            to_confirm: r.to_confirm,
            evidence_seen: r.evidence_seen,
            given_by: r.given_by,
            note: r.note,
            note_private: r.note_private,
        })
    }
}

impl From<Answer> for AnswerRecord {
    fn from(a: Answer) -> AnswerRecord {
        let (level, not_applicable, unknown) = match a.response {
            Response::Unanswered => (None, None, false),
            Response::Level(level) => (Some(level.get()), None, false),
            Response::NotApplicable(why) => (None, Some(why), false),
            Response::Unknown => (None, None, true),
        };
        // A flag on nothing would not read back; the model only holds it on a level or n/a.
        let to_confirm = a.to_confirm && (level.is_some() || not_applicable.is_some());
        AnswerRecord {
            level,
            not_applicable,
            unknown,
            to_confirm,
            evidence_seen: a.evidence_seen,
            given_by: a.given_by,
            note: a.note,
            note_private: a.note_private,
        }
    }
}

/// Shortest not-applicable justification accepted where it is typed: "We are small" says
/// nothing an auditor can check; "No offices: everyone works from home" does.
pub const MIN_JUSTIFICATION_CHARS: usize = 20;

/// Why a typed justification will not do (see [`Assessment::justification_problem`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JustificationProblem {
    Blank,
    TooShort {
        min: usize,
    },
    /// The same text as the justification of this other question.
    CopyOf(String),
}

/// Lowercase, with runs of whitespace as one space: "No  Offices" is a copy of "no offices".
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Someone in the workshop room: answers can record who gave them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Attendee {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub role: String,
}

impl Attendee {
    /// "Dana Ruiz, CEO" (as `given_by` records it), or the name alone.
    pub fn label(&self) -> String {
        if self.role.is_empty() { self.name.clone() } else { format!("{}, {}", self.name, self.role) }
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
    /// Who attends the workshops (name and role), for recording who gave each answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<Attendee>,
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
            attendees: Vec::new(),
        }
    }

    pub fn answer(&self, question_id: &str) -> AnswerState<'_> {
        self.answers.get(question_id).map_or(AnswerState::Unanswered, Answer::state)
    }

    /// Why `text` would not do as the not-applicable justification of `question_id`: blank,
    /// too short to tell an auditor anything, or the same as another answer's (each scoped-out
    /// question needs its own reason). None when it will do. Checked where a consultant types
    /// it; files keep what they hold, so no answer is lost.
    pub fn justification_problem(&self, question_id: &str, text: &str) -> Option<JustificationProblem> {
        let text = normalized(text);
        if text.is_empty() {
            return Some(JustificationProblem::Blank);
        }
        if text.chars().count() < MIN_JUSTIFICATION_CHARS {
            return Some(JustificationProblem::TooShort { min: MIN_JUSTIFICATION_CHARS });
        }
        self.answers
            .iter()
            .filter(|(id, _)| id.as_str() != question_id)
            .find(|(_, a)| a.justification().is_some_and(|other| normalized(other) == text))
            .map(|(id, _)| JustificationProblem::CopyOf(id.clone()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_justification_must_say_something_of_its_own() {
        let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
        a.set_answer("PHY-02", Answer::not_applicable("No offices: everyone works from home"));
        assert_eq!(a.justification_problem("GOV-09", "  "), Some(JustificationProblem::Blank));
        assert_eq!(a.justification_problem("GOV-09", "We are small"), Some(JustificationProblem::TooShort { min: 20 }));
        assert_eq!(
            a.justification_problem("PHY-03", "no offices:   Everyone works from home "),
            Some(JustificationProblem::CopyOf("PHY-02".into()))
        );
        // Its own justification, retyped, is not a copy of anything.
        assert_eq!(a.justification_problem("PHY-02", "No offices: everyone works from home"), None);
        assert_eq!(a.justification_problem("PHY-03", "No alarm system: there are no premises"), None);
    }
}
