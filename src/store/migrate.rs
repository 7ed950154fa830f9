//! Older file formats and how each becomes the current model. A file is migrated in memory
//! on load; it is rewritten in the current format only when it is next saved (the `.bak`
//! then keeps the old-format file).
//!
//! Format 0 (the first prototype) stored each answer's state as one `status` string
//! (`"0"`-`"4"`, `"na"` or `"unknown"`), the not-applicable reason as `justification`, had
//! no private notes and did not record which questionnaire versions were used.
//!
//! Format 1 had `ask_later`, which meant two things: without a level, "unknown"; with a
//! level (or n/a), "to confirm". Format 2 says which, and adds `evidence_seen` and
//! `given_by`.

use super::codec::{CONFLICTING_RESPONSES, Reporter, check_client, check_justification, checked, checked_level};
use crate::assessment::{Answer, Assessment, FORMAT_VERSION, Response};
use crate::profile::Profile;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileV0 {
    #[serde(rename = "format_version")]
    _format_version: IgnoredAny,
    client: Spanned<String>,
    #[serde(default)]
    consultant: String,
    created: String,
    updated: String,
    #[serde(default)]
    profile: Profile,
    #[serde(default)]
    answers: BTreeMap<String, AnswerV0>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileV1 {
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
    answers: BTreeMap<String, AnswerV1>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct AnswerV1 {
    level: Option<Spanned<i64>>,
    not_applicable: Option<Spanned<String>>,
    ask_later: bool,
    note: String,
    note_private: bool,
}

pub(super) fn from_v1(raw: FileV1, report: &mut Reporter<'_>) -> Assessment {
    check_client(&raw.client, report);
    let answers = raw.answers.into_iter().map(|(id, answer)| {
        let answer = answer_from_v1(&id, answer, report);
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
        attendees: Vec::new(),
    }
}

fn answer_from_v1(id: &str, raw: AnswerV1, report: &mut Reporter<'_>) -> Answer {
    let level = raw.level.as_ref().and_then(|level| checked(id, level, report));
    if let Some(justification) = &raw.not_applicable {
        check_justification(id, justification, "not_applicable", report);
        if let Some(level) = &raw.level {
            report.at(level.span(), "level", format!("answer `{id}`: {CONFLICTING_RESPONSES}"));
        }
    }
    let response = match (raw.not_applicable, level) {
        (Some(why), _) => Response::NotApplicable(why.into_inner()),
        (None, Some(level)) => Response::Level(level),
        // `ask_later` alone was "unknown"; it is now not assessed rather than a gap of 0.
        (None, None) if raw.ask_later => Response::Unknown,
        (None, None) => Response::Unanswered,
    };
    // With a response, `ask_later` meant "confirm it later".
    let to_confirm = raw.ask_later && !matches!(response, Response::Unknown | Response::Unanswered);
    Answer { response, to_confirm, evidence_seen: None, given_by: None, note: raw.note, note_private: raw.note_private }
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct AnswerV0 {
    status: Option<Spanned<String>>,
    justification: Option<Spanned<String>>,
    note: String,
}

pub(super) fn from_v0(raw: FileV0, report: &mut Reporter<'_>) -> Assessment {
    check_client(&raw.client, report);
    let answers = raw.answers.into_iter().map(|(id, answer)| {
        let answer = answer_from_v0(&id, answer, report);
        (id, answer)
    });
    let mut profile = raw.profile;
    // Format 0 kept deadlines as bare weeks: they were last true when the file was saved.
    for deadline in profile.deadlines.iter_mut().filter(|d| d.set.is_none() && d.date.is_none()) {
        deadline.set = Some(crate::clock::date_part(&raw.updated).to_string());
    }
    Assessment {
        format_version: FORMAT_VERSION,
        client: raw.client.into_inner(),
        consultant: raw.consultant,
        created: raw.created,
        updated: raw.updated,
        // Format 0 did not record them: unknown, rather than claiming today's versions.
        questionnaires: BTreeMap::new(),
        profile,
        answers: answers.collect(),
        attendees: Vec::new(),
    }
}

fn answer_from_v0(id: &str, raw: AnswerV0, report: &mut Reporter<'_>) -> Answer {
    let mut answer = Answer { note: raw.note, ..Answer::default() };
    let mut level = None;
    let mut unknown = false;
    let status = raw.status.as_ref().map(|s| (s.get_ref().as_str(), s.span()));
    let is_not_applicable = status.as_ref().is_some_and(|(s, _)| *s == "na");
    match status {
        None => {}
        Some(("na", span)) => match &raw.justification {
            Some(justification) => check_justification(id, justification, "justification", report),
            None => report.at(span, "justification", format!("answer `{id}`: status \"na\" needs a justification")),
        },
        Some(("unknown", _)) => unknown = true,
        Some((status, span)) => match level_from_status(status) {
            Some(found) => level = Some(found),
            None => report.at(
                span,
                "status",
                format!("answer `{id}`: unknown status `{status}` (expected \"0\" to \"4\", \"na\" or \"unknown\")"),
            ),
        },
    }
    answer.response = match level {
        Some(level) => Response::Level(crate::assessment::Level::clamped(level)),
        None if unknown => Response::Unknown,
        None => Response::Unanswered,
    };
    match raw.justification {
        Some(justification) if is_not_applicable => {
            answer.response = Response::NotApplicable(justification.into_inner());
        }
        Some(justification) => report.at(
            justification.span(),
            "justification",
            format!("answer `{id}`: a justification belongs to status \"na\" only"),
        ),
        None => {}
    }
    answer
}

/// `"3"` -> level 3; anything but a level 0-4 -> none.
fn level_from_status(status: &str) -> Option<u8> {
    status.parse::<i64>().ok().and_then(|level| checked_level(level).ok())
}
