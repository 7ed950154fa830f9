//! The assessment file format: read any supported version, write the current one.
//!
//! Reading parses the TOML once into a spanned table, peeks `format_version`, then decodes the
//! shape that version used, so a newer file is refused before anything is guessed and an older
//! one is migrated by [`super::migrate`]. Every problem carries the file, line and field.

use super::StoreError;
use super::locate::diagnostic_for;
use super::migrate::{self, FileV0, FileV1};
use crate::assessment::{Answer, Assessment, FORMAT_VERSION, Level, MAX_LEVEL, Response};
use crate::profile::Profile;
use crate::source::{Diagnostic, LineIndex};
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

// Bumping FORMAT_VERSION needs a decoder for the new shape and a migration for version 2.
const _: () = assert!(FORMAT_VERSION == 2, "add the new format's shape to `decode` and migrate version 2");

/// Version 2: the current model, with spans kept where meaning is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV2 {
    /// Already read by [`peek_version`]; listed so `deny_unknown_fields` accepts it.
    #[serde(rename = "format_version")]
    _format_version: IgnoredAny,
    client: Spanned<String>,
    #[serde(default)]
    consultant: String,
    created: String,
    updated: String,
    #[serde(default)]
    questionnaires: BTreeMap<String, String>,
    #[serde(default)]
    profile: Profile,
    #[serde(default)]
    answers: BTreeMap<String, AnswerV2>,
    /// Added within format 2 with a default: files without it load with no attendees.
    #[serde(default)]
    attendees: Vec<crate::assessment::Attendee>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct AnswerV2 {
    /// Wider than the model's `u8` so 7 or -1 get our range message, not a serde one.
    level: Option<Spanned<i64>>,
    not_applicable: Option<Spanned<String>>,
    unknown: Option<Spanned<bool>>,
    to_confirm: Option<Spanned<bool>>,
    evidence_seen: Option<Spanned<String>>,
    given_by: Option<String>,
    note: String,
    note_private: bool,
}

/// Decodes an assessment file of any supported format version into the current model.
pub fn decode(file: &str, text: &str) -> Result<Assessment, StoreError> {
    let root = DeTable::parse(text).map_err(|e| StoreError::Invalid(vec![diagnostic_for(file, text, &e)]))?;
    let version = peek_version(file, text, &root)?;
    let mut report = Reporter::new(file, text);
    let assessment = match version {
        0 => migrate::from_v0(deserialize::<FileV0>(file, text, root)?, &mut report),
        1 => migrate::from_v1(deserialize::<FileV1>(file, text, root)?, &mut report),
        // `peek_version` let nothing newer than FORMAT_VERSION through.
        _ => from_v2(deserialize::<FileV2>(file, text, root)?, &mut report),
    };
    report.finish(assessment)
}

/// Encodes an assessment as the current format, refusing one that could not be read back.
pub fn encode(file: &str, assessment: &Assessment) -> Result<String, StoreError> {
    check(file, assessment)?;
    to_text(file, assessment)
}

/// Refuses an assessment that [`decode`] would reject: writing it would lock the consultant
/// out of their own file.
pub fn check(file: &str, assessment: &Assessment) -> Result<(), StoreError> {
    let problems = problems_in(assessment);
    if problems.is_empty() { Ok(()) } else { Err(StoreError::NotSaved { file: file.to_string(), problems }) }
}

/// The TOML text of an already [`check`]ed assessment, always as the current format version.
pub fn to_text(file: &str, assessment: &Assessment) -> Result<String, StoreError> {
    let not_saved =
        |e: toml::ser::Error| StoreError::NotSaved { file: file.to_string(), problems: vec![e.to_string()] };
    if assessment.format_version == FORMAT_VERSION {
        toml::to_string(assessment).map_err(not_saved)
    } else {
        let current = Assessment { format_version: FORMAT_VERSION, ..assessment.clone() };
        toml::to_string(&current).map_err(not_saved)
    }
}

/// The format version the file declares, checked before its shape is trusted.
fn peek_version(file: &str, text: &str, root: &Spanned<DeTable<'_>>) -> Result<u32, StoreError> {
    let report = Reporter::new(file, text);
    let Some(value) = root.get_ref().get("format_version") else {
        let message = format!("missing: an assessment file declares `format_version = {FORMAT_VERSION}`");
        return Err(StoreError::Invalid(vec![report.diagnostic(0..0, "format_version", message)]));
    };
    let declared = match value.get_ref() {
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix()).ok(),
        _ => None,
    };
    let not_a_version = || {
        let message = format!("must be a whole number from 0 to {FORMAT_VERSION}");
        StoreError::Invalid(vec![report.diagnostic(value.span(), "format_version", message)])
    };
    match declared {
        Some(v) if v > i64::from(FORMAT_VERSION) => {
            let message = format!(
                "written by a newer crosswalk (format {v}); this build reads up to {FORMAT_VERSION}. \
                 Update crosswalk to open it."
            );
            Err(StoreError::NewerFormat(report.diagnostic(value.span(), "format_version", message)))
        }
        Some(v) => u32::try_from(v).map_err(|_| not_a_version()),
        None => Err(not_a_version()),
    }
}

/// Decodes the parsed table into one version's shape, naming the field on failure.
fn deserialize<T: DeserializeOwned>(file: &str, text: &str, root: Spanned<DeTable<'_>>) -> Result<T, StoreError> {
    T::deserialize(Deserializer::from(root)).map_err(|e| StoreError::Invalid(vec![diagnostic_for(file, text, &e)]))
}

fn from_v2(raw: FileV2, report: &mut Reporter<'_>) -> Assessment {
    check_client(&raw.client, report);
    let answers = raw.answers.into_iter().map(|(id, answer)| {
        let answer = answer_from_v2(&id, answer, report);
        (id, answer)
    });
    Assessment {
        format_version: FORMAT_VERSION,
        client: raw.client.into_inner(),
        consultant: raw.consultant,
        created: raw.created,
        updated: raw.updated,
        questionnaires: raw.questionnaires,
        profile: raw.profile,
        answers: answers.collect(),
        attendees: raw.attendees,
    }
}

fn answer_from_v2(id: &str, raw: AnswerV2, report: &mut Reporter<'_>) -> Answer {
    let level = raw.level.as_ref().and_then(|level| checked(id, level, report));
    let unknown = raw.unknown.as_ref().filter(|u| *u.get_ref());
    if let Some(justification) = &raw.not_applicable {
        check_justification(id, justification, "not_applicable", report);
    }
    // Two responses at once would be a guess at what the consultant meant: ask, don't pick.
    let given: Vec<(&str, std::ops::Range<usize>)> = [
        raw.level.as_ref().map(|l| ("level", l.span())),
        raw.not_applicable.as_ref().map(|n| ("not_applicable", n.span())),
        unknown.map(|u| ("unknown", u.span())),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let [(field, span), _, ..] = given.as_slice() {
        report.at(span.clone(), field, format!("answer `{id}`: {CONFLICTING_RESPONSES}"));
    }
    let response = match (level, raw.not_applicable, unknown) {
        (Some(level), _, _) => Response::Level(level),
        (None, Some(why), _) => Response::NotApplicable(why.into_inner()),
        (None, None, Some(_)) => Response::Unknown,
        (None, None, None) => Response::Unanswered,
    };
    let to_confirm = raw.to_confirm.is_some_and(|flag| {
        let nothing = matches!(response, Response::Unanswered | Response::Unknown);
        if *flag.get_ref() && nothing && given.len() < 2 {
            report.at(flag.span(), "to_confirm", format!("answer `{id}`: {NOTHING_TO_CONFIRM}"));
        }
        *flag.get_ref()
    });
    let evidence_seen = raw.evidence_seen.map(|text| {
        if text.get_ref().trim().is_empty() {
            report.at(text.span(), "evidence_seen", format!("answer `{id}`: {BLANK_EVIDENCE}"));
        }
        text.into_inner()
    });
    Answer {
        response,
        to_confirm,
        evidence_seen,
        given_by: raw.given_by,
        note: raw.note,
        note_private: raw.note_private,
    }
}

/// A level within 0-4, or the range problem reported at its line.
pub(super) fn checked(id: &str, level: &Spanned<i64>, report: &mut Reporter<'_>) -> Option<Level> {
    match checked_level(*level.get_ref()) {
        Ok(value) => Level::new(value),
        Err(problem) => {
            report.at(level.span(), "level", format!("answer `{id}`: {problem}"));
            None
        }
    }
}

/// A maturity level within 0-4.
pub(super) fn checked_level(level: i64) -> Result<u8, String> {
    u8::try_from(level)
        .ok()
        .filter(|&l| l <= MAX_LEVEL)
        .ok_or_else(|| format!("level {level} is outside 0-{MAX_LEVEL}"))
}

pub(super) fn check_client(client: &Spanned<String>, report: &mut Reporter<'_>) {
    if let Some(problem) = client_problem(client.get_ref()) {
        report.at(client.span(), "client", problem);
    }
}

pub(super) fn check_justification(id: &str, text: &Spanned<String>, field: &str, report: &mut Reporter<'_>) {
    if let Some(problem) = justification_problem(text.get_ref()) {
        report.at(text.span(), field, format!("answer `{id}`: {problem}"));
    }
}

fn client_problem(client: &str) -> Option<String> {
    client.trim().is_empty().then(|| "the client name must not be empty".to_string())
}

fn justification_problem(text: &str) -> Option<String> {
    text.trim().is_empty().then(|| "not applicable needs a justification (it goes into the SoA)".to_string())
}

/// What would make a file unreadable, checked on the in-memory model before saving.
pub(super) const CONFLICTING_RESPONSES: &str =
    "has more than one of level, not_applicable and unknown; keep the one that is true";
const NOTHING_TO_CONFIRM: &str = "to_confirm needs a level or not_applicable to confirm";
const BLANK_EVIDENCE: &str = "evidence_seen must name what was seen (or be left out)";

fn problems_in(assessment: &Assessment) -> Vec<String> {
    let mut problems: Vec<String> = client_problem(&assessment.client).into_iter().collect();
    problems.extend(crate::profile::profile_problems(&assessment.profile));
    for (id, answer) in &assessment.answers {
        // The type rules out a bad level or two responses; text can still be blank.
        if let Some(problem) = answer.justification().and_then(justification_problem) {
            problems.push(format!("answer `{id}`: {problem}"));
        }
        if answer.evidence_seen.as_deref().is_some_and(|e| e.trim().is_empty()) {
            problems.push(format!("answer `{id}`: {BLANK_EVIDENCE}"));
        }
    }
    problems
}

/// Collects problems in one file at the line of the offending value.
pub(super) struct Reporter<'a> {
    file: &'a str,
    lines: LineIndex,
    found: Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub(super) fn new(file: &'a str, text: &str) -> Self {
        Reporter { file, lines: LineIndex::new(text), found: Vec::new() }
    }

    fn diagnostic(&self, span: Range<usize>, field: &str, message: String) -> Diagnostic {
        Diagnostic { file: self.file.to_string(), line: self.lines.line(span.start), field: field.to_string(), message }
    }

    pub(super) fn at(&mut self, span: Range<usize>, field: &str, message: String) {
        let diagnostic = self.diagnostic(span, field, message);
        self.found.push(diagnostic);
    }

    /// The decoded value when nothing was wrong, else every problem found (not just the first).
    fn finish<T>(self, value: T) -> Result<T, StoreError> {
        if self.found.is_empty() { Ok(value) } else { Err(StoreError::Invalid(self.found)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_outside_0_to_4_are_refused_without_wrapping() {
        assert_eq!(checked_level(0), Ok(0));
        assert_eq!(checked_level(4), Ok(4));
        for bad in [5, -1, 259, i64::MAX, i64::MIN] {
            assert_eq!(checked_level(bad), Err(format!("level {bad} is outside 0-4")));
        }
    }
}
