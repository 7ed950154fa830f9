//! Question ids are a contract: answers saved against retired, split or merged questions are
//! carried over to the questions that replace them, and none is orphaned or silently dropped.

use crosswalk::assessment::{Answer, AnswerState};
use crosswalk::questionnaire::{Carried, ModuleSource, carry_over, embedded_sources};
use crosswalk::{Assessment, Catalog, Questionnaire};
use proptest::prelude::*;
use std::collections::BTreeSet;

const V1_LUMENFIELD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/content-v1/lumenfield.toml");

/// Every question id of the first questionnaire release, so the checks below cover every id
/// an old file can hold, not only those one fixture happens to answer.
const V1_IDS: &str = include_str!("fixtures/content-v1/question-ids.txt");

fn embedded() -> &'static Questionnaire {
    static Q: std::sync::LazyLock<Questionnaire> = std::sync::LazyLock::new(Questionnaire::embedded);
    &Q
}

fn v1_ids() -> Vec<&'static str> {
    V1_IDS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// The ids an answer can be carried away from: retired ids that some question replaces.
fn reported_sources(messages: &[Carried]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for m in messages {
        match m {
            Carried::Moved { from, .. } | Carried::Copied { from, .. } => {
                out.insert(from.clone());
            }
            Carried::Merged { from, others, .. } => {
                out.insert(from.clone());
                out.extend(others.iter().cloned());
            }
        }
    }
    out
}

#[test]
fn every_first_release_id_is_still_asked_or_replaced() {
    let q = embedded();
    let replaced: BTreeSet<&str> = q.questions.iter().flat_map(|x| x.replaces.iter().map(String::as_str)).collect();
    let lost: Vec<&str> =
        v1_ids().into_iter().filter(|id| q.question(id).is_none() && !replaced.contains(id)).collect();
    assert!(lost.is_empty(), "retired without an alias, their answers would be orphaned: {lost:?}");
}

#[test]
fn the_first_release_lumenfield_assessment_opens_with_every_answer_in_place() {
    let q = embedded();
    let mut a = crosswalk::store::load(std::path::Path::new(V1_LUMENFIELD)).expect("v1-content fixture loads");
    let before = a.clone();
    assert!(before.answers.len() >= 60, "the fixture answers the whole core walk");
    let messages = carry_over(q, &mut a);
    assert!(
        crosswalk::store::orphaned_answers(&a, q).is_empty(),
        "orphaned: {:?}",
        crosswalk::store::orphaned_answers(&a, q)
    );
    // An old answer that is no longer under its own id was carried, and the carry says so.
    let reported = reported_sources(&messages);
    for (id, answer) in &before.answers {
        if !a.answers.contains_key(id) {
            assert!(reported.contains(id), "{id} vanished without a message");
        }
        // Its note survives somewhere.
        if !answer.note.is_empty() {
            assert!(a.answers.values().any(|x| x.note.contains(&answer.note)), "note of {id} was lost");
        }
    }
    // Every level that landed on a question came from an old answer it replaces.
    for question in &q.questions {
        if let Some(now) = a.answers.get(&question.id) {
            let sources: Vec<&Answer> = std::iter::once(&question.id)
                .chain(question.replaces.iter())
                .filter_map(|id| before.answers.get(id))
                .collect();
            assert!(sources.iter().any(|s| s.state() == now.state()), "{} has a level no old answer gave", question.id);
        }
    }
    // Opening twice changes nothing more.
    let again = a.clone();
    assert!(carry_over(q, &mut a).is_empty());
    assert_eq!(a, again);
}

/// A small questionnaire where NEW-01 merges OLD-A and OLD-B, and SPLIT-1/SPLIT-2 split OLD-C.
fn merged_questionnaire() -> Questionnaire {
    let module = r#"id = "custom-checks"
title = "Custom checks"
order = 200
overlap = 0.70
summary = "Aliases"

[[question]]
id = "NEW-01"
core = true
text = "Do you review firewall rules?"
action = "Review the firewall rules"
guidance = "g"
evidence = ["e"]
owner = "engineering"
effort_days = 2
phase = "cloud"
effort_for = "both"
not_applicable = "refused"
replaces = ["OLD-A", "OLD-B"]
soc2 = { "CC6.6" = 0.5 }
iso27001 = { "A.8.20" = 0.5 }

[[question]]
id = "SPLIT-1"
core = true
text = "Are rules written down?"
action = "Write the rules down"
guidance = "g"
evidence = ["e"]
owner = "engineering"
effort_days = 2
phase = "cloud"
effort_for = "both"
not_applicable = "refused"
replaces = ["OLD-C"]
soc2 = { "CC6.6" = 0.5 }
iso27001 = { "A.8.20" = 0.5 }

[[question]]
id = "SPLIT-2"
core = true
text = "Are rules enforced?"
action = "Enforce the rules"
guidance = "g"
evidence = ["e"]
owner = "engineering"
effort_days = 2
phase = "cloud"
effort_for = "both"
not_applicable = "refused"
replaces = ["OLD-C"]
soc2 = { "CC6.6" = 0.5 }
iso27001 = { "A.8.20" = 0.5 }
"#;
    let mut sources = embedded_sources();
    sources.push(ModuleSource { name: "custom.toml".into(), text: module.into() });
    Questionnaire::from_sources(Catalog::embedded(), &sources).expect("valid")
}

fn with_note(level: u8, note: &str) -> Answer {
    Answer { note: note.into(), ..Answer::level(level) }
}

#[test]
fn two_old_answers_on_one_question_keep_the_lower_level_and_say_so() {
    let q = merged_questionnaire();
    let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
    a.set_answer("OLD-A", with_note(3, "rules in Terraform"));
    a.set_answer("OLD-B", with_note(1, "no review yet"));
    let messages = carry_over(&q, &mut a);
    assert_eq!(a.answer("NEW-01"), AnswerState::Level(1), "the merged question is as mature as its weakest part");
    assert!(!a.answers.contains_key("OLD-A") && !a.answers.contains_key("OLD-B"));
    let note = &a.answers["NEW-01"].note;
    assert!(note.contains("no review yet") && note.contains("rules in Terraform"), "{note}");
    assert_eq!(
        messages,
        [Carried::Merged { to: "NEW-01".into(), from: "OLD-B".into(), level: Some(1), others: vec!["OLD-A".into()] }]
    );
}

#[test]
fn a_split_question_copies_the_old_answer_to_each_part() {
    let q = merged_questionnaire();
    let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
    a.set_answer("OLD-C", Answer::level(2));
    let messages = carry_over(&q, &mut a);
    assert_eq!(a.answer("SPLIT-1"), AnswerState::Level(2));
    assert_eq!(a.answer("SPLIT-2"), AnswerState::Level(2));
    assert!(!a.answers.contains_key("OLD-C"));
    assert_eq!(messages.len(), 2);
    assert!(messages.iter().all(|m| matches!(m, Carried::Copied { from, .. } if from == "OLD-C")));
    // Nobody said it about the new parts: they stand, to confirm, without the old marks.
    for part in ["SPLIT-1", "SPLIT-2"] {
        assert!(a.answers[part].to_confirm && a.answers[part].is_follow_up(), "{part} is to confirm");
    }
    let mut seen = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
    let mut old = Answer::level(3);
    old.evidence_seen = Some("access review export".into());
    old.given_by = Some("CTO".into());
    seen.set_answer("OLD-C", old);
    carry_over(&q, &mut seen);
    assert_eq!(seen.answers["SPLIT-1"].evidence_seen, None, "evidence was seen for the old question only");
    assert_eq!(seen.answers["SPLIT-1"].given_by, None);
}

#[test]
fn an_old_answer_merging_into_an_answered_question_keeps_the_lower_level() {
    let q = merged_questionnaire();
    let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
    a.set_answer("NEW-01", with_note(4, "new note"));
    a.set_answer("OLD-A", with_note(0, "old note"));
    let messages = carry_over(&q, &mut a);
    assert_eq!(a.answer("NEW-01"), AnswerState::Level(0));
    let note = &a.answers["NEW-01"].note;
    assert!(note.contains("old note") && note.contains("new note"), "{note}");
    assert!(!a.answers.contains_key("OLD-A"));
    assert_eq!(
        messages,
        [Carried::Merged { to: "NEW-01".into(), from: "OLD-A".into(), level: Some(0), others: vec!["NEW-01".into()] }]
    );
    // The same for each part of a split from a retired id: an answer still under the old id
    // is as old as the file, so it merges into the part that has one and fills the other.
    let mut b = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
    b.set_answer("OLD-C", Answer::level(1));
    b.set_answer("SPLIT-1", Answer::level(3));
    carry_over(&q, &mut b);
    assert_eq!(b.answer("SPLIT-1"), AnswerState::Level(1));
    assert_eq!(b.answer("SPLIT-2"), AnswerState::Level(1));
    assert!(!b.answers.contains_key("OLD-C"));
}

fn answer_strategy() -> impl Strategy<Value = Answer> {
    prop_oneof![
        (0u8..=4).prop_map(Answer::level),
        Just(Answer::unknown()),
        "[a-z ]{0,12}".prop_map(|why| Answer::not_applicable(&why)),
        (0u8..=4, "[a-z]{1,8}").prop_map(|(l, n)| with_note(l, &n)),
    ]
}

proptest! {
    /// Whatever mix of old and new ids a file holds, carrying over leaves no aliased id
    /// behind, reports every id it removed, keeps every note and is idempotent.
    #[test]
    fn carrying_over_never_loses_an_answer(
        picks in proptest::collection::vec((0usize..400, answer_strategy()), 0..40)
    ) {
        let q = embedded();
        let mut ids: Vec<String> = v1_ids().into_iter().map(String::from).collect();
        ids.extend(q.questions.iter().map(|x| x.id.clone()));
        let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
        for (i, answer) in picks {
            a.set_answer(&ids[i % ids.len()], answer);
        }
        let before = a.clone();
        let messages = carry_over(q, &mut a);
        let reported = reported_sources(&messages);
        for (id, answer) in &before.answers {
            if !a.answers.contains_key(id) {
                prop_assert!(reported.contains(id), "{} removed without a message", id);
            }
            if !answer.note.is_empty() {
                prop_assert!(a.answers.values().any(|x| x.note.contains(&answer.note)), "note of {} lost", id);
            }
        }
        prop_assert!(crosswalk::store::orphaned_answers(&a, q).is_empty());
        let again = a.clone();
        prop_assert!(carry_over(q, &mut a).is_empty());
        prop_assert_eq!(a, again);
    }
}

/// PHY-04 (server rooms, still asked) was split into PHY-09 (siting, power, cabling) and PHY-11
/// (maintenance, laptops included, n/a refused). Its n/a is copied onto PHY-09 to confirm, but
/// never onto PHY-11, where it is no answer: PHY-11 stays open, to ask.
#[test]
fn an_na_is_not_copied_onto_a_split_question_that_refuses_na() {
    let q = embedded();
    assert!(!q.question("PHY-11").expect("PHY-11").allows_not_applicable());
    let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
    a.set_answer("PHY-04", Answer::not_applicable("No server rooms: all production on AWS"));
    let messages = carry_over(q, &mut a);
    assert_eq!(a.answer("PHY-11"), AnswerState::Unanswered);
    assert!(matches!(a.answer("PHY-09"), AnswerState::NotApplicable(_)));
    assert!(a.answers["PHY-09"].to_confirm, "a copied n/a is to confirm");
    assert!(matches!(a.answer("PHY-04"), AnswerState::NotApplicable(_)), "the old question keeps its answer");
    assert!(messages.iter().all(|m| !matches!(m, Carried::Copied { to, .. } if to == "PHY-11")));
    assert!(carry_over(q, &mut a).is_empty(), "idempotent");
}
