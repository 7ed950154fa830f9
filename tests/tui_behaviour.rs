//! Workshop behaviours that protect the consultant in front of a client, driven by keys.

mod common;

use common::{fresh_app, screen, send};
use crosswalk::AnswerState;
use crosswalk::tui::app::{App, View};

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
    send(&mut app, "nNo offices<Enter>");
    assert_eq!(answer(&app, "PHY-02"), AnswerState::NotApplicable("No offices"));
    assert_eq!(app.message, None, "no stale message after a successful answer");
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
    let hits = crosswalk::tui::app::search(&q, "restore backup");
    assert!(!hits.is_empty());
    for &i in &hits {
        let haystack = format!("{} {}", q.questions[i].text, q.questions[i].guidance).to_lowercase();
        assert!(haystack.contains("restore") && haystack.contains("backup"), "{}", q.questions[i].id);
    }
    assert!(crosswalk::tui::app::search(&q, "restore zebra").is_empty());
    assert_eq!(q.questions[crosswalk::tui::app::search(&q, "ac-0")[0]].id, "AC-01", "id prefixes first");
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
    assert!(app.session.as_ref().expect("open").scroll > 0);
    send(&mut app, "<Tab><Tab><Tab><Tab><Tab><Tab>");
    assert_eq!(app.view, View::Recommendation);
    assert_eq!(app.session.as_ref().expect("open").scroll, 0);
    // Scrolling far past the end still shows content, never an empty box.
    for _ in 0..40 {
        send(&mut app, "<PageDown>");
    }
    let text = screen(&app, 100, 30);
    let body: Vec<&str> = text.lines().skip(3).take(5).collect();
    assert!(body.iter().any(|l| l.trim_matches(['│', ' ']).len() > 3), "{text}");
}
