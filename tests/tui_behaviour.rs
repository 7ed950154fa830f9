//! Workshop behaviours that protect the consultant in front of a client, driven by keys.

mod common;

use common::{fresh_app, screen, send};
use crosswalk::AnswerState;
use crosswalk::tui::app::App;
use crosswalk::tui::overlays::search::search;
use crosswalk::tui::views::View;

fn at_question(app: &mut App, id: &str) {
    send(app, &format!("/{id}<Enter>"));
    let s = app.session.as_ref().expect("open");
    let current = &app.questionnaire.questions[s.current_question().expect("a question")];
    assert_eq!(current.id, id);
}

fn answer<'a>(app: &'a App, id: &str) -> AnswerState<'a> {
    app.session.as_ref().expect("open").assessment.answer(id)
}

#[test]
fn required_work_cannot_be_answered_not_applicable() {
    let mut app = fresh_app();
    at_question(&mut app, "GOV-04");
    send(&mut app, "n");
    assert_eq!(answer(&app, "GOV-04"), AnswerState::Unanswered);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("cannot be not applicable"), "{message}");

    at_question(&mut app, "PHY-02");
    send(&mut app, "nNo offices: the team works remotely<Enter><Enter>");
    assert_eq!(answer(&app, "PHY-02"), AnswerState::NotApplicable("No offices: the team works remotely"));
    assert_eq!(app.message, None, "no stale message after a successful answer");
}

#[test]
fn not_applicable_needs_its_own_reason_and_a_confirmation_of_what_it_excludes() {
    let mut app = fresh_app();
    at_question(&mut app, "PHY-02");
    send(&mut app, "nWe are small<Enter>");
    assert_eq!(answer(&app, "PHY-02"), AnswerState::Unanswered, "too short to tell an auditor anything");
    assert!(app.message.clone().unwrap_or_default().contains("at least 20 characters"), "{:?}", app.message);
    send(&mut app, "<Esc>nNo offices: the team works remotely<Enter>");
    let text = screen(&app, 120, 40).split_whitespace().collect::<Vec<_>>().join(" ");
    let q = &app.questionnaire.questions[app.questionnaire.question_index("PHY-02").expect("PHY-02")];
    let ids: Vec<String> = crosswalk::engine::scoping::excludes(crosswalk::Catalog::embedded(), q)
        .into_iter()
        .map(|req| crosswalk::Catalog::embedded().get(req).id.clone())
        .collect();
    assert!(ids.iter().any(|id| id == "A.7.1"), "office entry excludes A.7.1: {ids:?}");
    let (last, init) = ids.split_last().expect("excludes something");
    let listed = if init.is_empty() { last.clone() } else { format!("{} and {last}", init.join(", ")) };
    assert!(text.contains(&format!("This excludes {listed} from the Statement of")), "{text}");
    assert_eq!(answer(&app, "PHY-02"), AnswerState::Unanswered, "nothing recorded before the confirmation");
    send(&mut app, "<Enter>");
    assert_eq!(answer(&app, "PHY-02"), AnswerState::NotApplicable("No offices: the team works remotely"));

    // The same words on another question are refused: each exclusion needs its own reason.
    at_question(&mut app, "PHY-03");
    send(&mut app, "nno offices:  the team works remotely<Enter>");
    assert!(app.message.clone().unwrap_or_default().contains("same justification as PHY-02"), "{:?}", app.message);
    send(&mut app, "<Esc>");
    assert_eq!(answer(&app, "PHY-03"), AnswerState::Unanswered);
}

#[test]
fn consultant_only_notes_stay_off_the_projected_screen() {
    let mut app = fresh_app();
    at_question(&mut app, "AC-01");
    send(&mut app, "eCTO is leaving in March<Esc>");
    assert!(screen(&app, 100, 30).contains("CTO is leaving in March"));
    send(&mut app, "p");
    let text = screen(&app, 100, 30);
    assert!(!text.contains("CTO is leaving"), "{text}");
    assert!(text.contains("Consultant-only note kept"), "{text}");
}

#[test]
fn search_matches_every_word_in_text_or_guidance() {
    let q = crosswalk::Questionnaire::embedded();
    let hits = search(&q, "restore backup");
    assert!(!hits.is_empty());
    for &i in &hits {
        let haystack = format!("{} {}", q.questions[i].text, q.questions[i].guidance).to_lowercase();
        assert!(haystack.contains("restore") && haystack.contains("backup"), "{}", q.questions[i].id);
    }
    assert!(search(&q, "restore zebra").is_empty());
    assert_eq!(q.questions[search(&q, "ac-0")[0]].id, "AC-01", "id prefixes first");
}

#[test]
fn read_only_cannot_export_or_answer() {
    let mut app = fresh_app();
    app.session.as_mut().expect("open").read_only = true;
    send(&mut app, "<Tab>3");
    assert_eq!(app.session.as_ref().expect("open").assessment.answers.len(), 0);
    app.view = View::Export;
    let effects = send(&mut app, "<Enter>");
    assert!(effects.is_empty(), "read-only asked for {effects:?}");
    assert!(app.message.clone().unwrap_or_default().contains("read-only"));
}

#[test]
fn each_long_view_opens_at_its_top() {
    let mut app = fresh_app();
    app.view = View::Roadmap;
    send(&mut app, "<PageDown><PageDown>");
    assert_eq!(app.views.roadmap.scroll.offset, 20);
    send(&mut app, "<Tab><Tab><Tab><Tab><Tab><Tab>");
    assert_eq!(app.view, View::Recommendation);
    assert_eq!(app.views.recommendation.scroll.offset, 0);
    assert_eq!(app.views.roadmap.scroll.offset, 0, "leaving a view forgets its scroll");
    // Scrolling far past the end stops in state at the content's end, never an empty box.
    for _ in 0..40 {
        send(&mut app, "<PageDown>");
    }
    let furthest = app.views.recommendation.scroll.offset;
    assert!(furthest < 40 * 10, "the scroll is clamped to the content: {furthest}");
    send(&mut app, "<Up>");
    assert_eq!(app.views.recommendation.scroll.offset, furthest.saturating_sub(1), "one Up moves back at once");
    let text = screen(&app, 100, 30);
    let body: Vec<&str> = text.lines().skip(3).take(5).collect();
    assert!(body.iter().any(|l| l.trim_matches(['│', ' ']).len() > 3), "{text}");
}

#[test]
fn effects_leave_as_effects_and_their_outcomes_come_back_through_the_app() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use crosswalk::tui::app::{Effect, Outcome};
    let mut app = fresh_app();
    send(&mut app, "<Tab>");
    assert_eq!(send(&mut app, "3"), vec![Effect::Save], "an answer asks for a save");
    app.on_outcome(Outcome::SaveFailed("No space left on device".into()));
    assert!(screen(&app, 100, 30).contains("NOT SAVED: No space left on device"));
    app.on_outcome(Outcome::Saved { at: "09:41:00".into(), history_failed: None });
    assert!(screen(&app, 100, 30).contains("saved 09:41:00"));

    // Ctrl-C while writing a note keeps the note, saves, then quits, in that order.
    send(&mut app, "eSay it twice");
    let effects = app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(effects, vec![Effect::Save, Effect::Quit]);
    let s = app.session.as_ref().expect("open");
    let id = &app.questionnaire.questions[s.walk[1]].id;
    assert_eq!(s.assessment.answers[id].note, "Say it twice");

    app.view = View::Export;
    assert_eq!(send(&mut app, "<Enter>"), vec![Effect::Export]);
    let file = std::path::PathBuf::from("exports/northwind/roadmap.md");
    app.on_outcome(Outcome::Exported { folder: "exports/northwind".into(), files: vec![file] });
    let text = screen(&app, 100, 30);
    assert!(text.contains("exported 1 files to exports/northwind") && text.contains("roadmap.md"), "{text}");
    app.on_outcome(Outcome::ExportFailed("Permission denied".into()));
    assert_eq!(app.message.as_deref(), Some("export failed: Permission denied"));
}

#[test]
fn every_overlay_hint_and_footer_comes_from_the_keymap() {
    // The help overlay lists every overlay's keys, including those overlays used to match raw.
    let mut app = fresh_app();
    send(&mut app, "?");
    let mut text = String::new();
    for _ in 0..12 {
        text.push_str(&screen(&app, 160, 48));
        send(&mut app, "<PageDown>");
    }
    for row in ["open read-only", "keep the note and close the editor", "previous match", "clear the text"] {
        assert!(text.contains(row), "help lacks {row:?}");
    }
}

#[test]
fn evidence_seen_is_recorded_on_a_level_with_its_reference() {
    let mut app = fresh_app();
    at_question(&mut app, "AC-01");
    send(&mut app, "v");
    assert!(app.message.clone().unwrap_or_default().contains("answer with a level first"), "{:?}", app.message);
    send(&mut app, "3<Left>vIdP policy export, 2026-11<Enter>");
    let stored = |app: &App| app.session.as_ref().expect("open").assessment.answers.get("AC-01").cloned();
    let answer = stored(&app).expect("answered");
    assert_eq!(answer.level_value(), Some(3));
    assert_eq!(answer.evidence_seen.as_deref(), Some("IdP policy export, 2026-11"));
    assert!(screen(&app, 120, 40).contains("Evidence seen: IdP policy export, 2026-11"));
    // Changing the level keeps the reference.
    send(&mut app, "4<Left>");
    assert_eq!(stored(&app).and_then(|a| a.evidence_seen), Some("IdP policy export, 2026-11".into()));
}

/// Whatever the bars say, the Dashboard and the Recommendation say what stops an audit, and
/// the Recommendation says how its figures were made.
#[test]
fn blockers_and_the_basis_of_preparation_are_on_screen() {
    let mut app = fresh_app();
    let until = |app: &mut App, view: View| {
        for _ in 0..View::ALL.len() {
            if app.view == view {
                return;
            }
            send(app, "<Tab>");
        }
        panic!("never reached {view:?}");
    };
    until(&mut app, View::Dashboard);
    let dashboard = screen(&app, 120, 40);
    assert!(dashboard.contains("Not audit-ready") && dashboard.contains("ISO 27001: 4.3 6.1.2"), "{dashboard}");
    until(&mut app, View::Recommendation);
    let recommendation = screen(&app, 120, 40);
    assert!(recommendation.contains("Basis: management's workshop answers"), "{recommendation}");
    assert!(recommendation.contains("not audit-ready: system description"), "{recommendation}");
    // Closing the ISMS scope blocker takes 4.3 off the list.
    send(&mut app, "/GOV-04<Enter>3");
    until(&mut app, View::Dashboard);
    assert!(!screen(&app, 120, 40).contains("ISO 27001: 4.3 "), "4.3 closed at level 3");
}

/// An assessment file whose n/a answer the question's policy refuses opens with a notice that
/// names the file and the question; the answer is kept, the question stays open.
#[test]
fn opening_a_file_with_a_refused_not_applicable_says_so() {
    use crosswalk::tui::app::Outcome;
    let mut app = fresh_app();
    let mut assessment = crosswalk::Assessment::new("Small Co", "", "2026-11-25T09:00:00Z");
    assessment.set_answer("GOV-09", crosswalk::Answer::not_applicable("We are small, no audit needed"));
    app.on_outcome(Outcome::Opened {
        assessment: Box::new(assessment),
        path: std::path::PathBuf::from("small-co.toml"),
        read_only: true,
        existing_client: false,
    });
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("small-co.toml") && message.contains("GOV-09"), "{message}");
    let session = app.session.as_ref().expect("open");
    assert!(matches!(session.assessment.answer("GOV-09"), AnswerState::NotApplicable(_)), "the answer is kept");
    let qi = app.questionnaire.question_index("GOV-09").expect("GOV-09");
    assert_eq!(session.analysis.readiness.inputs[qi], crosswalk::engine::Input::Unanswered, "and not scored");
}
