//! Random text, pasted or typed into any editor, never changes an answer it was not meant
//! for: a paste is text, never keys, and typing in a note stays in the note.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use crosswalk::tui::app::View;
use crosswalk::tui::overlays::Overlay;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn answers(app: &crosswalk::tui::app::App) -> BTreeMap<String, crosswalk::Answer> {
    app.session.as_ref().map(|s| s.assessment.answers.clone()).unwrap_or_default()
}

fn current_id(app: &crosswalk::tui::app::App) -> String {
    let s = app.session.as_ref().expect("session");
    app.questionnaire.questions[s.current_question().expect("question")].id.clone()
}

/// A workshop with a few answers, on the question view.
fn answered_app() -> crosswalk::tui::app::App {
    let mut app = common::fresh_app();
    common::send(&mut app, "<Tab>3213");
    assert_eq!(app.view, View::Question);
    app
}

/// Where the text goes: which editor is open, or none.
#[derive(Debug, Clone, Copy)]
enum Target {
    Nothing,
    Note,
    Justification,
    Search,
    Profile,
}

fn open(app: &mut crosswalk::tui::app::App, target: Target) {
    match target {
        Target::Nothing => {}
        Target::Note => {
            common::send(app, "e");
        }
        Target::Justification => {
            common::send(app, "/PHY-02<Enter>n");
            assert!(matches!(app.overlay, Some(Overlay::Justification(_))), "{:?}", app.message);
        }
        Target::Search => {
            common::send(app, "/");
        }
        Target::Profile => {
            common::send(app, "<BackTab>");
            common::send(app, "<Enter>");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_paste_changes_no_answer_but_the_one_being_edited(
        text in any::<String>(),
        target in prop_oneof![
            Just(Target::Nothing), Just(Target::Note), Just(Target::Justification),
            Just(Target::Search), Just(Target::Profile)
        ],
    ) {
        let mut app = answered_app();
        open(&mut app, target);
        let edited = current_id(&app);
        let before = answers(&app);
        let effect = app.handle_paste(&text);
        prop_assert!(effect.is_empty(), "a paste asks for nothing");
        prop_assert_eq!(answers(&app), before.clone(), "the paste alone changes no answer");
        // Submitting stores the text where it was meant to go, and nowhere else.
        let submit = match target {
            Target::Note => KeyCode::Esc,
            _ => KeyCode::Enter,
        };
        app.handle_key(KeyEvent::new(submit, KeyModifiers::NONE));
        let after = answers(&app);
        for (id, answer) in &before {
            if *id != edited {
                prop_assert_eq!(after.get(id), Some(answer), "{} changed", id);
            }
        }
        for id in after.keys() {
            prop_assert!(before.contains_key(id) || *id == edited, "{} appeared", id);
        }
        if let (Target::Note, Some(note)) = (target, after.get(&edited).map(|a| a.note.clone())) {
            prop_assert_eq!(before.get(&edited).map(|a| a.state()), after.get(&edited).map(|a| a.state()));
            prop_assert!(!note.chars().any(|c| c.is_control() && c != '\n'), "{:?}", note);
        }
    }

    #[test]
    fn typing_in_a_note_changes_no_answer_until_kept_and_then_only_its_note(text in any::<String>()) {
        let mut app = answered_app();
        common::send(&mut app, "e");
        let edited = current_id(&app);
        let before = answers(&app);
        for c in text.chars() {
            let code = match c {
                '\n' | '\r' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                c => KeyCode::Char(c),
            };
            let effect = app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            prop_assert!(effect.is_empty(), "typing asks for nothing");
        }
        prop_assert_eq!(answers(&app), before.clone());
        prop_assert!(matches!(app.overlay, Some(Overlay::Note(_))), "still in the note");
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        let after = answers(&app);
        for (id, answer) in &after {
            if *id == edited {
                let was = before.get(id).cloned().unwrap_or_default();
                prop_assert_eq!(crosswalk::Answer { note: was.note.clone(), ..answer.clone() }, was);
            } else {
                prop_assert_eq!(before.get(id), Some(answer));
            }
        }
    }
}
