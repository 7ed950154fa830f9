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
    // Esc twice: the first only warns that typed text would be dropped.
    send(&mut app, "<Esc><Esc>nNo offices: the team works remotely<Enter>");
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
    send(&mut app, "<Esc><Esc>");
    assert_eq!(answer(&app, "PHY-03"), AnswerState::Unanswered);
}

#[test]
fn consultant_only_notes_stay_off_the_projected_screen() {
    let mut app = fresh_app();
    at_question(&mut app, "AC-01");
    send(&mut app, "eCTO is leaving in March<C-s>");
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
    let effects = send(&mut app, "3");
    assert_eq!(effects[0], Effect::Save, "an answer asks for a save");
    let next = current_id(&app);
    assert!(matches!(&effects[1], Effect::Remember(p) if p.question == next), "and keeps the place: {effects:?}");
    app.on_outcome(Outcome::SaveFailed("No space left on device".into()));
    assert!(screen(&app, 100, 30).contains("NOT SAVED: No space left on device"));
    app.on_outcome(Outcome::Saved { at: "09:41:00".into(), history_failed: None });
    assert!(screen(&app, 100, 30).contains("saved 09:41:00"));

    // Ctrl-C while writing a note keeps the note, saves, then quits, in that order.
    send(&mut app, "eSay it twice");
    let effects = app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!((effects.first(), effects.last()), (Some(&Effect::Save), Some(&Effect::Quit)), "{effects:?}");
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
    assert!(dashboard.contains("Not audit-ready") && dashboard.contains("ISO 27001: 4.3, 6.1.2"), "{dashboard}");
    until(&mut app, View::Recommendation);
    let recommendation = screen(&app, 120, 40);
    assert!(recommendation.contains("Basis: management's workshop answers"), "{recommendation}");
    assert!(recommendation.contains("not audit-ready: system description"), "{recommendation}");
    // Closing the ISMS scope blocker takes 4.3 off the list.
    send(&mut app, "/GOV-04<Enter>3");
    until(&mut app, View::Dashboard);
    assert!(!screen(&app, 120, 40).contains("ISO 27001: 4.3,"), "4.3 closed at level 3");
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
        place: Default::default(),
    });
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("small-co.toml") && message.contains("GOV-09"), "{message}");
    let session = app.session.as_ref().expect("open");
    assert!(matches!(session.assessment.answer("GOV-09"), AnswerState::NotApplicable(_)), "the answer is kept");
    let qi = app.questionnaire.question_index("GOV-09").expect("GOV-09");
    assert_eq!(session.analysis().readiness.inputs[qi], crosswalk::engine::Input::Unanswered, "and not scored");
}

/// Whether any three consecutive letters of `secret` are on the screen.
fn shows_any_of(app: &App, secret: &str) -> Option<String> {
    let chars: Vec<char> = secret.chars().collect();
    for (w, h) in [(80, 24), (100, 30), (160, 48)] {
        let text = screen(app, w, h);
        if let Some(piece) = chars
            .windows(3)
            .filter(|w| w.iter().all(|c| c.is_alphanumeric()))
            .map(|w| w.iter().collect::<String>())
            .find(|p| text.contains(p.as_str()))
        {
            return Some(format!("{piece:?} at {w}x{h}:\n{text}"));
        }
    }
    None
}

#[test]
fn a_private_note_is_never_on_screen_unless_revealed() {
    let secret = "Qzvx lxqves Mxrch";
    let mut app = fresh_app();
    at_question(&mut app, "AC-01");
    send(&mut app, "c");
    for ch in secret.chars() {
        send(&mut app, &ch.to_string());
        assert_eq!(shows_any_of(&app, secret), None, "masked while typed");
    }
    send(&mut app, "<C-s>");
    let answer = &app.session.as_ref().expect("open").assessment.answers["AC-01"];
    assert_eq!((answer.note.as_str(), answer.note_private), (secret, true), "kept, consultant-only");
    assert_eq!(shows_any_of(&app, secret), None, "hidden on the question");

    send(&mut app, "r");
    assert!(screen(&app, 100, 30).contains(secret), "revealed at the consultant's discretion");
    send(&mut app, "<Right><Left>");
    assert_eq!(shows_any_of(&app, secret), None, "masked again after leaving the question");
    send(&mut app, "r<Tab><BackTab>");
    assert_eq!(shows_any_of(&app, secret), None, "masked again after leaving the view");
    send(&mut app, "r/AC-01<Enter>");
    assert_eq!(shows_any_of(&app, secret), None, "masked again after a jump, even to itself");
    send(&mut app, "rr");
    assert_eq!(shows_any_of(&app, secret), None, "a second press masks it");

    // Reopening the note keeps it masked; Ctrl-R shows it while typing, Ctrl-P makes it public.
    send(&mut app, "e");
    assert_eq!(shows_any_of(&app, secret), None, "masked in the editor");
    send(&mut app, "<C-r>");
    assert!(screen(&app, 100, 30).contains(secret));
    send(&mut app, "<C-r>!");
    assert_eq!(shows_any_of(&app, secret), None);
    send(&mut app, "<C-p><C-s>");
    let answer = &app.session.as_ref().expect("open").assessment.answers["AC-01"];
    assert!(!answer.note_private && answer.note.ends_with('!'));
    assert!(screen(&app, 100, 30).contains(secret), "a client-visible note shows");
}

/// The ids of the questions in walking order.
fn walk_ids(app: &App) -> Vec<String> {
    let s = app.session.as_ref().expect("open");
    s.walk.iter().map(|&q| app.questionnaire.questions[q].id.clone()).collect()
}

fn current_id(app: &App) -> String {
    let s = app.session.as_ref().expect("open");
    app.questionnaire.questions[s.current_question().expect("a question")].id.clone()
}

#[test]
fn quitting_remembers_the_place_and_opening_comes_back_to_it() {
    use crosswalk::tui::app::Effect;
    let mut app = fresh_app();
    send(&mut app, "<Tab>3");
    at_question(&mut app, "IR-05"); // a deep-dive question: its deep-dive opens
    send(&mut app, "<Left><Left>");
    assert_eq!(current_id(&app), "IR-03");
    let effects = send(&mut app, "q");
    let Some(Effect::Remember(place)) = effects.first().cloned() else { panic!("{effects:?}") };
    assert_eq!(effects.last(), Some(&Effect::Quit), "the place is kept before quitting");
    assert_eq!((place.view.as_str(), place.question.as_str()), ("question", "IR-03"));
    assert_eq!(place.deep_dives, vec!["incident-response".to_string()]);

    // The next open, as the shell does it: the same assessment, then the place.
    let assessment = app.session.as_ref().expect("open").assessment.clone();
    let mut again = crosswalk::tui::demo_app(crosswalk::Questionnaire::embedded(), assessment.clone());
    assert_eq!(current_id(&again), walk_ids(&again)[1], "without a place: the first unanswered");
    again.resume(&place);
    assert_eq!((again.view, current_id(&again).as_str()), (View::Question, "IR-03"));
    assert!(screen(&again, 100, 30).contains("deep-dive open"));

    // Another view is remembered as such; moving nowhere asks for no second write.
    send(&mut again, "<Tab>");
    let effects = send(&mut again, "o");
    assert!(matches!(&effects[0], Effect::Remember(p) if p.view == "domains" && p.question == "IR-03"), "{effects:?}");
    let mut third = crosswalk::tui::demo_app(crosswalk::Questionnaire::embedded(), assessment);
    third.resume(&place);
    assert!(!send(&mut third, "q").iter().any(|e| matches!(e, Effect::Remember(_))), "unchanged place not rewritten");
}

#[test]
fn closing_a_deep_dive_stays_in_its_domain() {
    let mut app = fresh_app();
    // The first deep-dive question that follows a core one in its domain (content moves
    // questions between core and deep-dive, so it is looked up rather than named).
    let q = &app.questionnaire;
    let (deep, core) = q
        .domains
        .iter()
        .find_map(|d| {
            d.questions.windows(2).find_map(|w| {
                let (before, after) = (&q.questions[w[0]], &q.questions[w[1]]);
                (before.core && !after.core).then(|| (after.id.clone(), before.id.clone()))
            })
        })
        .expect("a deep-dive question after a core one");
    at_question(&mut app, &deep);
    send(&mut app, "d");
    let s = app.session.as_ref().expect("open");
    let current = &app.questionnaire.questions[s.current_question().expect("a question")];
    assert_eq!(current.id, core, "the last core question before {deep}, not another domain");
}

/// The text of a table's name column at 80x24 (rows inside the border, after the marker),
/// joined as one line of words.
fn name_column(text: &str, width: usize) -> String {
    let header = text.lines().position(|l| l.contains("│  Domain")).expect("the table header");
    let names: Vec<String> = text
        .lines()
        .skip(header + 1)
        .map(|l| l.chars().skip(3).take(width).collect::<String>().trim().to_string())
        .collect();
    names.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn full_domain_names_at_80x24_on_domains_and_dashboard() {
    let mut app = fresh_app();
    send(&mut app, "<Tab><Tab>");
    for (view, width) in [(View::Domains, 23), (View::Dashboard, 28)] {
        assert_eq!(app.view, view);
        let domains: Vec<String> = app.questionnaire.domains.iter().map(|d| d.title.clone()).collect();
        for (i, title) in domains.iter().enumerate() {
            // The table scrolls to the selected row, so each name is checked with it selected.
            while app.session.as_ref().expect("open").domain_cursor < i {
                send(&mut app, "<Down>");
            }
            let text = screen(&app, 80, 24);
            let column = name_column(&text, width);
            assert!(column.contains(title.as_str()), "{view:?}: {title:?} cut:\n{text}");
        }
        send(&mut app, "<Tab>");
        for _ in 0..20 {
            send(&mut app, "<Up>");
        }
    }
}

#[test]
fn evidence_is_counted_never_silently_dropped_at_80x24() {
    let mut app = fresh_app();
    send(&mut app, "<Tab>");
    // A long note on the first question crowds the screen most.
    send(&mut app, "eOne line of note<Enter>two<Enter>three<Enter>four<C-s>");
    let walk = app.session.as_ref().expect("open").walk.clone();
    let mut counted = 0;
    for _ in &walk {
        let q = app.questionnaire.questions[app.session.as_ref().expect("open").current_question().expect("q")].clone();
        let text = screen(&app, 80, 24);
        let shown = text.lines().filter(|l| l.starts_with("  • ")).count();
        let more = text
            .lines()
            .find_map(|l| l.trim().strip_prefix('+').and_then(|r| r.strip_suffix(" more")))
            .map_or(0, |n| n.parse::<usize>().expect("a count"));
        assert_eq!(shown + more, q.evidence.len(), "{}:\n{text}", q.id);
        counted += usize::from(more > 0);
        send(&mut app, "<Right>");
    }
    assert!(counted > 0, "no screen needed the count: the test proves nothing");
}

fn profile(app: &App) -> &crosswalk::Profile {
    &app.session.as_ref().expect("open").assessment.profile
}

/// Moves the profile cursor to the field labelled `label`.
fn at_field(app: &mut App, label: &str) {
    send(app, &"<Up>".repeat(60));
    for _ in 0..60 {
        let fields = crosswalk::tui::profile_form::fields();
        if crosswalk::tui::profile_form::label(fields[app.views.profile.cursor]).starts_with(label) {
            return;
        }
        send(app, "<Down>");
    }
    panic!("no field {label}");
}

#[test]
fn numbers_take_a_decimal_comma_and_whole_number_fields_refuse_fractions() {
    let mut app = fresh_app();
    at_field(&mut app, "Compliance lead");
    send(&mut app, "<Enter>0,8<Enter>");
    assert_eq!(profile(&app).team_fte, 0.8, "a Norwegian decimal comma");
    at_field(&mut app, "Deadline 1: weeks");
    send(&mut app, "<Enter>1.5<Enter>");
    assert!(app.overlay.is_some(), "refused: the box stays open");
    assert!(screen(&app, 100, 30).contains("1.5 is not a whole number"));
    assert!(profile(&app).deadlines.is_empty(), "never silently rounded to 2");
    send(&mut app, "<C-u>12<Enter>");
    assert_eq!(profile(&app).deadlines.first().map(|d| d.weeks), Some(12));
}

#[test]
fn enter_edits_space_ticks_and_arrows_only_move() {
    let mut app = fresh_app();
    at_field(&mut app, "GDPR");
    let before = profile(&app).clone();
    send(&mut app, "<Left><Right><Right>");
    assert_eq!(profile(&app), &before, "arrows never tick");
    send(&mut app, "<Space>");
    assert!(profile(&app).regulations.contains(&crosswalk::profile::Regulation::Gdpr));
    at_field(&mut app, "Sector");
    send(&mut app, "<Space>");
    assert_eq!(profile(&app), &{
        let mut p = before.clone();
        p.regulations.insert(crosswalk::profile::Regulation::Gdpr);
        p
    });
    assert!(app.message.clone().unwrap_or_default().contains("Space ticks checkboxes"));
    send(&mut app, "<Enter>");
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("↑/k ↓/j choose") && text.contains("Fintech"),
        "Enter opens the list to choose from:\n{text}"
    );
    send(&mut app, "<Down><Enter>");
    assert_ne!(profile(&app).sector, before.sector);
}

#[test]
fn esc_never_drops_typed_text_without_asking() {
    let mut app = fresh_app();
    at_question(&mut app, "PHY-02");
    send(&mut app, "nFully remote<Esc>");
    assert!(app.overlay.is_some(), "the first Esc asks");
    assert!(screen(&app, 100, 30).contains("Esc again drops what you typed"));
    send(&mut app, "!<Esc>");
    assert!(app.overlay.is_some(), "typing again: the next Esc asks again");
    send(&mut app, "<Esc>");
    assert!(app.overlay.is_none());
    assert_eq!(answer(&app, "PHY-02"), AnswerState::Unanswered, "leaving never applies");

    send(&mut app, "eA note<Esc>");
    assert!(app.overlay.is_some(), "the note editor asks the same way");
    send(&mut app, "<C-s>");
    assert_eq!(app.session.as_ref().expect("open").assessment.answers["PHY-02"].note, "A note");
    send(&mut app, "e<Esc>");
    assert!(app.overlay.is_none(), "nothing typed: Esc leaves at once");

    send(&mut app, "3<Left>vAccess review export<Esc>");
    assert!(app.overlay.is_some(), "the evidence box asks the same way");
    send(&mut app, "<Esc>");
    assert!(app.overlay.is_none());
    let kept = &app.session.as_ref().expect("open").assessment.answers["PHY-02"];
    assert_eq!(kept.evidence_seen, None, "leaving never records evidence");
}

#[test]
fn undo_and_redo_several_steps_of_answers_and_profile() {
    let mut app = fresh_app();
    at_field(&mut app, "Headcount");
    send(&mut app, "<Enter>250<Enter><Tab>");
    let ids = walk_ids(&app)[..3].to_vec();
    send(&mut app, "321");
    assert!(ids.iter().all(|id| answer(&app, id) != AnswerState::Unanswered));
    send(&mut app, "zz");
    assert_eq!(current_id(&app), ids[1], "undo shows the question it changed");
    assert_eq!(answer(&app, &ids[1]), AnswerState::Unanswered);
    assert_eq!(answer(&app, &ids[0]), AnswerState::Level(3));
    send(&mut app, "z");
    assert_eq!(answer(&app, &ids[0]), AnswerState::Unanswered);
    send(&mut app, "z");
    assert_eq!((app.view, profile(&app).headcount), (View::Profile, 50), "then the profile change");
    send(&mut app, "z");
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));
    send(&mut app, "yyy");
    assert_eq!(profile(&app).headcount, 250);
    assert_eq!(answer(&app, &ids[1]), AnswerState::Level(2));
    assert_eq!(answer(&app, &ids[2]), AnswerState::Unanswered, "one step short of the last");
}

#[test]
fn next_open_question_skips_answers_and_ask_later_is_not_answered() {
    let mut app = fresh_app();
    send(&mut app, "<Tab>3u2");
    assert!(screen(&app, 100, 30).contains("2 answered · 1 to ask later"), "{}", screen(&app, 100, 30));
    let ids = walk_ids(&app);
    send(&mut app, &format!("/{}<Enter>]", ids[0]));
    assert_eq!(current_id(&app), ids[1], "ask later is still open");
    send(&mut app, "]");
    assert_eq!(current_id(&app), ids[3], "answered questions are skipped");
    send(&mut app, "[");
    assert_eq!(current_id(&app), ids[1]);
}

#[test]
fn home_renames_copies_and_archives_through_the_store() {
    use crosswalk::tui::app::Effect;
    use crosswalk::tui::shell::Shell;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = crosswalk::store::Store::open(Some(dir.path())).expect("store");
    store.create("Initech", "").expect("create");
    let mut shell = Shell::new(store);
    let mut app = App::new(
        crosswalk::Catalog::embedded(),
        crosswalk::Questionnaire::embedded(),
        crosswalk::tui::theme::Theme::default(),
    );
    let run = |app: &mut App, shell: &mut Shell, keys: &str| {
        for effect in send(app, keys) {
            shell.perform(app, effect);
        }
    };
    run(&mut app, &mut shell, "");
    for outcome in shell.list(&app.questionnaire) {
        app.on_outcome(outcome);
    }
    run(&mut app, &mut shell, "<Down>r<C-u>Initrode<Enter>");
    assert!(dir.path().join("initrode.toml").is_file() && !dir.path().join("initech.toml").exists());
    assert_eq!(app.home.entries[0].client, "Initrode");

    run(&mut app, &mut shell, "c<C-u>Initech<Enter>");
    assert!(dir.path().join("initech.toml").is_file(), "the copy is a new assessment");
    assert_eq!(app.home.entries.len(), 2);

    let effects = send(&mut app, "a");
    assert!(effects.is_empty() && app.message.clone().unwrap_or_default().contains("again archives"));
    let archived = app.home.entries[app.home.cursor - 1].file.clone();
    run(&mut app, &mut shell, "a");
    assert!(dir.path().join("archive").join(&archived).is_file(), "moved aside, recoverable");
    assert_eq!(app.home.entries.len(), 1, "and no longer listed");
    assert!(
        send(&mut app, "<Down>a<Down>a").iter().all(|e| !matches!(e, Effect::Archive { .. })),
        "one press per row asks"
    );
}

#[test]
fn the_agenda_counts_time_on_the_question_on_screen_and_marks_an_overrun() {
    let mut app = fresh_app();
    send(&mut app, "<Tab>");
    let budget = app.session.as_ref().expect("open").agenda.budget_seconds(0);
    app.tick(1_000);
    app.tick(1_000 + 300);
    let header = screen(&app, 100, 30).lines().next().unwrap_or_default().to_string();
    assert!(header.contains(&format!("5/{} min", budget.div_ceil(60))) && !header.contains("over"), "{header}");
    // Away from the question view the clock runs for no domain.
    send(&mut app, "<Tab>");
    app.tick(1_000 + 900);
    send(&mut app, "<BackTab>");
    app.tick(1_000 + 901);
    assert_eq!(
        app.session.as_ref().expect("open").agenda.elapsed[0],
        301,
        "the ten minutes away are not, the second back is"
    );
    // Past the budget, in steps a real clock would take, a gentle marker.
    let mut now = 1_000 + 901;
    while app.session.as_ref().expect("open").agenda.elapsed[0] <= budget {
        now += 60;
        app.tick(now);
    }
    let header = screen(&app, 100, 30).lines().next().unwrap_or_default().to_string();
    assert!(header.contains("over"), "{header}");
    // The time is part of the place kept for the next open.
    let place = app.place().expect("open");
    assert_eq!(
        place.elapsed_seconds.get("governance").copied(),
        Some(app.session.as_ref().expect("open").agenda.elapsed[0])
    );
    // A longer session on the Domains view gives every domain more time.
    send(&mut app, "<Tab>++");
    assert_eq!(app.session.as_ref().expect("open").agenda.minutes, 150);
    assert!(app.session.as_ref().expect("open").agenda.budget_seconds(0) > budget);
}

#[test]
fn answering_never_waits_for_a_rescore_and_the_figures_catch_up_before_they_show() {
    let mut app = fresh_app();
    send(&mut app, "<Tab>4444");
    let s = app.session.as_ref().expect("open");
    assert!(!s.is_fresh(), "the question screen shows no figures: no re-score per key");
    let before = s.analysis().readiness.framework(crosswalk::Framework::Iso27001).figure.readiness;
    send(&mut app, "<Tab>");
    let s = app.session.as_ref().expect("open");
    assert!(s.is_fresh(), "a view with figures is brought up to date before it draws");
    assert!(s.analysis().readiness.framework(crosswalk::Framework::Iso27001).figure.readiness > before);
    send(&mut app, "<BackTab>3");
    app.idle();
    assert!(app.session.as_ref().expect("open").is_fresh(), "an idle moment catches up too");
}

#[test]
fn a_profile_tick_shows_the_recommendation_at_once_and_the_plan_catches_up_when_idle() {
    let mut app = fresh_app();
    send(&mut app, "<Tab>4444<BackTab>");
    assert_eq!(app.view, View::Profile);
    for label in ["GDPR", "SOC 2 category: Privacy"] {
        at_field(&mut app, label);
        send(&mut app, "<Space>");
        let s = app.session.as_ref().expect("open");
        let full = crosswalk::engine::analyze(app.catalog, &app.questionnaire, &s.assessment);
        assert_eq!(s.analysis().recommendation, full.recommendation, "{label}: the live recommendation is current");
        assert_eq!(s.analysis().readiness, full.readiness, "{label}: and so is readiness");
        assert!(!s.is_fresh(), "{label}: the plan waits for an idle moment");
        app.idle();
        let s = app.session.as_ref().expect("open");
        assert!(s.is_fresh());
        assert_eq!(s.analysis(), &full, "{label}: caught up, the figures are the full analysis");
    }
    // Undoing the tick is a profile change like any other.
    send(&mut app, "z");
    assert!(!app.session.as_ref().expect("open").is_fresh());
    app.idle();
    let s = app.session.as_ref().expect("open");
    assert!(!s.assessment.profile.soc2_categories.contains(&crosswalk::catalog::Category::Privacy));
    assert_eq!(s.analysis(), &crosswalk::engine::analyze(app.catalog, &app.questionnaire, &s.assessment));
}

#[test]
fn attendees_in_the_profile_and_one_key_records_who_gave_an_answer() {
    let mut app = fresh_app();
    at_field(&mut app, "Attendees");
    send(&mut app, "<Enter>Dana Ruiz (CEO), Bo Lin (IT)<Enter>");
    let attendees = &app.session.as_ref().expect("open").assessment.attendees;
    assert_eq!(attendees.len(), 2);
    assert_eq!((attendees[0].name.as_str(), attendees[0].role.as_str()), ("Dana Ruiz", "CEO"));
    send(&mut app, "<Tab>3<Left>g");
    let id = current_id(&app);
    let given = |app: &App| app.session.as_ref().expect("open").assessment.answers[&id].given_by.clone();
    assert_eq!(given(&app).as_deref(), Some("Dana Ruiz, CEO"));
    assert!(screen(&app, 100, 30).contains("given by Dana Ruiz, CEO"));
    send(&mut app, "g");
    assert_eq!(given(&app).as_deref(), Some("Bo Lin, IT"));
    send(&mut app, "g");
    assert_eq!(given(&app), None, "after the last attendee: nobody");
    send(&mut app, "z");
    assert_eq!(given(&app).as_deref(), Some("Bo Lin, IT"), "undone like any answer change");
}

/// The screen's text as one run of words: borders dropped, wrapped lines joined.
fn words_on_screen(app: &App, width: u16, height: u16) -> String {
    let text = screen(app, width, height).replace(['│', '┌', '┐', '└', '┘', '─'], " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_roadmap_wraps_long_lines_at_every_width_rather_than_cutting_them() {
    use crosswalk::report::plan_text::deadline_sentence;
    let mut app = fresh_app();
    send(&mut app, common::PROFILE_SCRIPT);
    send(&mut app, "<Tab>");
    send(&mut app, common::ANSWER_SCRIPT);
    app.view = View::Roadmap;
    app.idle();
    let analysis = app.session.as_ref().expect("open").analysis().clone();
    let plan = analysis.roadmap.plan();
    assert!(!plan.deadlines.is_empty(), "the script names a deadline");
    for width in [80, 120, 200] {
        // Tall enough to hold the whole view, so what is missing was cut, not scrolled away.
        let shown = words_on_screen(&app, width, 2000);
        for d in &plan.deadlines {
            let sentence = deadline_sentence(d).split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(shown.contains(&sentence), "at {width} columns the deadline reads in full: {sentence}");
        }
        for item in plan.workstreams.iter().flat_map(|w| &w.items) {
            let action = item.action.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(shown.contains(&action), "at {width} columns {} reads in full: {action}", item.id);
        }
        let widest = screen(&app, width, 2000).lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(widest <= usize::from(width), "no line runs past {width} columns");
    }
}
