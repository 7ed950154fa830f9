//! Random typing never breaks the workshop: any sequence of keys, typed text included, leaves
//! the app in a state that draws at the smallest size and keeps its invariants.

mod common;

use common::{fresh_app, key, screen};
use crossterm::event::KeyCode;
use crosswalk::Answer;
use crosswalk::tui::app::Effect;
use proptest::prelude::*;

/// Keys a consultant (or a cat on the keyboard) might press: every bound key, editing keys,
/// and arbitrary characters including non-ASCII and control characters.
fn any_key() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        4 => prop::sample::select(vec![
            KeyCode::Tab, KeyCode::BackTab, KeyCode::Enter, KeyCode::Esc, KeyCode::Up, KeyCode::Down,
            KeyCode::Left, KeyCode::Right, KeyCode::PageUp, KeyCode::PageDown, KeyCode::Backspace,
            KeyCode::Delete, KeyCode::Home, KeyCode::End,
        ]),
        4 => prop::sample::select("0123456789nuxepdvwt/? hjkl".chars().collect::<Vec<_>>()).prop_map(KeyCode::Char),
        1 => any::<char>().prop_map(KeyCode::Char),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_never_panic_and_keep_invariants(keys in prop::collection::vec(any_key(), 0..300)) {
        let mut app = fresh_app();
        for (i, code) in keys.into_iter().enumerate() {
            // `q` quits and `o` closes the assessment (both tested elsewhere); everything else
            // is fair game.
            if matches!(code, KeyCode::Char('q' | 'o' | 'Q' | 'O')) {
                continue;
            }
            if app.handle_key(key(code)).contains(&Effect::Quit) {
                break;
            }
            if i % 25 == 0 {
                let _ = screen(&app, 80, 24);
            }
        }
        let _ = screen(&app, 80, 24);
        let _ = screen(&app, 200, 60);
        let session = app.session.as_ref().expect("the assessment stays open");
        prop_assert!(session.cursor < session.walk.len().max(1));
        let a = &session.assessment;
        prop_assert!(!a.client.trim().is_empty(), "the client name can never be emptied");
        for region in crosswalk::profile::Region::ALL {
            prop_assert!(a.profile.buyers.share(region) <= 100);
        }
        for answer in a.answers.values() {
            prop_assert!(answer.level_value().is_none_or(|l| l <= 4));
            // An n/a answer always carries its justification (it feeds the SoA).
            prop_assert!(answer.justification().is_none_or(|why| !why.trim().is_empty()));
            // Evidence seen is a reference on a level, never blank.
            prop_assert!(answer.evidence_seen.as_ref().is_none_or(|r| !r.trim().is_empty()));
            prop_assert!(*answer != Answer::default(), "empty answers are not stored");
        }
        // Whatever was typed, the assessment still saves and loads back.
        let text = toml::to_string(a).expect("encodes");
        let back = crosswalk::store::parse("random.toml", &text).expect("loads back");
        prop_assert_eq!(&back, a);
    }
}
