//! Carrying saved answers over to the current questions. Question ids are a contract: when a
//! question is split, merged or renamed, the new question lists the old ids in `replaces`,
//! and an assessment saved against the old questions opens with every answer in its new place.

use super::Questionnaire;
use crate::assessment::{Answer, AnswerState, Assessment};
use serde::Serialize;

/// What happened to one saved answer on opening, for the consultant to see (data, not text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Carried {
    /// A retired question's answer now belongs to `to`.
    Moved { from: String, to: String },
    /// The answer of `from`, which is still asked or also lands elsewhere, is copied onto
    /// `to`, a question split from it, marked to confirm in the next workshop.
    Copied { from: String, to: String },
    /// Several old answers land on `to` (possibly including one under `to`'s own id): the
    /// lowest (`level`, from question `from`; none when that answer is "unknown" or n/a) stands,
    /// because the merged question is only as mature as its weakest part; `others` are the ids
    /// whose answers gave way. Their notes are kept on `to`.
    Merged { to: String, from: String, level: Option<u8>, others: Vec<String> },
}

/// Sorting rank of an answer when several merge: the lowest maturity wins; "unknown" counts as
/// nothing in place; "not applicable" gives way to any real answer.
fn rank(answer: &Answer) -> u8 {
    match answer.state() {
        AnswerState::Unknown => 0,
        AnswerState::Level(level) => level + 1,
        AnswerState::NotApplicable(_) => u8::MAX - 1,
        AnswerState::Unanswered => u8::MAX,
    }
}

/// Notes of the answers that gave way, appended so nothing the consultant wrote is lost.
fn merged_note(kept: &Answer, others: &[(&str, &Answer)]) -> String {
    let mut note = kept.note.clone();
    for (id, other) in others {
        if !other.note.is_empty() && other.note != kept.note {
            if !note.is_empty() {
                note.push('\n');
            }
            note.push_str(&format!("[{id}] {}", other.note));
        }
    }
    note
}

/// Moves or copies answers of retired or split questions onto the questions that replace
/// them, and returns what it did. Pure: the caller decides whether to save the result.
/// Retired ids (no longer a question) are removed once carried, so they are not reported as
/// orphaned; nothing is dropped without a [`Carried`] entry saying so. Running it twice
/// changes nothing the second time.
pub fn carry_over(questionnaire: &Questionnaire, assessment: &mut Assessment) -> Vec<Carried> {
    let mut messages = Vec::new();
    let mut retired_used: Vec<String> = Vec::new();
    // Read from the answers as saved, so an answer carried onto one question in this pass is
    // not carried on again from there (DATA-07 takes over PRV-04, DATA-09 splits from DATA-07:
    // DATA-09 gets DATA-07's own answer, not PRV-04's).
    let saved = assessment.answers.clone();
    for question in &questionnaire.questions {
        let sources: Vec<(&str, &Answer)> = question
            .replaces
            .iter()
            .filter_map(|old| saved.get(old).map(|a| (old.as_str(), a)))
            .filter(|(_, a)| !a.is_empty())
            .filter(|(old, a)| !na_onto_refusing(questionnaire, question, old, a))
            .collect();
        if sources.is_empty() {
            continue;
        }
        let retired = |old: &str| questionnaire.question(old).is_none();
        for (old, _) in &sources {
            if retired(old) && !retired_used.iter().any(|r| r == old) {
                retired_used.push((*old).to_string());
            }
        }
        let own = saved.get(&question.id).filter(|a| !a.is_empty());
        let sources = match own {
            // Answered under its own id too: an answer still under a retired id can only come
            // from the same old file, so it merges in like any other; a question it was split
            // from is still asked and keeps its answer to itself.
            Some(own) => {
                let mut merging: Vec<(&str, &Answer)> = sources.into_iter().filter(|(old, _)| retired(old)).collect();
                if merging.is_empty() {
                    continue;
                }
                merging.push((question.id.as_str(), own));
                merging
            }
            None => sources,
        };
        let mut ordered = sources.clone();
        ordered.sort_by_key(|(old, a)| (rank(a), *old));
        let (kept_id, kept) = ordered[0];
        let mut carried = kept.clone();
        if ordered.len() > 1 {
            carried.note = merged_note(kept, &ordered[1..]);
            messages.push(Carried::Merged {
                to: question.id.clone(),
                from: kept_id.to_string(),
                level: kept.level_value(),
                others: ordered[1..].iter().map(|(id, _)| (*id).to_string()).collect(),
            });
        } else if kept_id == question.id {
            continue;
        } else if retired(kept_id) && !replaced_elsewhere(questionnaire, kept_id, &question.id) {
            messages.push(Carried::Moved { from: kept_id.to_string(), to: question.id.clone() });
        } else {
            messages.push(Carried::Copied { from: kept_id.to_string(), to: question.id.clone() });
        }
        if !matches!(messages.last(), Some(Carried::Moved { .. })) {
            // A copied or merged answer was given to a different question: the room has not
            // said it about this one yet. It stands, marked to confirm (a follow-up in every
            // deliverable), and carries neither the old question's evidence mark nor who
            // gave it.
            carried.to_confirm = carried.state().is_assessed();
            carried.evidence_seen = None;
            carried.given_by = None;
        }
        assessment.answers.insert(question.id.clone(), carried);
    }
    for old in retired_used {
        assessment.answers.remove(&old);
    }
    messages
}

/// An n/a of a question still asked, about to be copied onto a question split from it that
/// refuses n/a (mandatory work): it is no answer there, so it is not copied and the new
/// question stays open, to ask. The old question keeps its answer, so nothing is lost; a
/// renamed question's own n/a still moves, to be kept and ignored with a warning like any
/// refused n/a in a file.
fn na_onto_refusing(questionnaire: &Questionnaire, to: &super::Question, old: &str, answer: &Answer) -> bool {
    matches!(answer.state(), AnswerState::NotApplicable(_))
        && !to.allows_not_applicable()
        && questionnaire.question(old).is_some()
}

/// Whether another question than `by` also takes over `old` (a split).
fn replaced_elsewhere(questionnaire: &Questionnaire, old: &str, by: &str) -> bool {
    questionnaire.questions.iter().any(|q| q.id != by && q.replaces.iter().any(|r| r == old))
}
