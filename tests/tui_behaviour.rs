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
