//! The terminal is given back whatever ends the workshop, and what was being typed survives:
//! SIGTERM, SIGINT, SIGHUP and SIGQUIT, a closed terminal, Ctrl-C in a justification or an
//! evidence reference, Ctrl-Z and `fg`, and no terminal at all. Through the real binary in a pseudo-terminal.
#![cfg(unix)]

mod pty;

use crosswalk::store;
use pty::{ENTER, KEEP_NOTE, Launch, TAB, Tui};
use std::path::Path;
use std::time::Duration;

/// A new assessment for Acme Robotics, on its first question.
fn at_the_first_question(dir: &Path) -> Tui {
    let mut tui = Tui::start(dir, &["new", "--client", "Acme Robotics"]);
    tui.wait_for("Business profile");
    tui.send(TAB);
    tui.wait_for("GOV-01");
    tui
}

/// A new assessment with one answer saved and a note being typed (not submitted).
fn typing_a_note(dir: &Path, note: &str) -> Tui {
    let mut tui = at_the_first_question(dir);
    tui.send("3");
    tui.wait_for("saved");
    tui.send("e");
    tui.wait_for("keep the note");
    tui.type_text(note);
    tui.wait_for(note);
    let screen = tui.parser.screen();
    assert!(screen.alternate_screen() && screen.bracketed_paste(), "the workshop has the terminal");
    assert_ne!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse tracking is on");
    tui
}

fn saved_notes(dir: &Path) -> Vec<String> {
    let assessment = store::load(&dir.join("acme-robotics.toml")).expect("assessment loads");
    assessment.answers.values().map(|a| a.note.clone()).filter(|n| !n.is_empty()).collect()
}

#[test]
fn each_terminating_signal_restores_the_terminal_and_keeps_the_note_being_typed() {
    for (signal, name) in
        [(libc::SIGTERM, "SIGTERM"), (libc::SIGINT, "SIGINT"), (libc::SIGHUP, "SIGHUP"), (libc::SIGQUIT, "SIGQUIT")]
    {
        let dir = tempfile::tempdir().expect("tempdir");
        let note = format!("typed before {name}");
        let mut tui = typing_a_note(dir.path(), &note);
        tui.signal(signal);
        let code = tui.wait_exit();
        assert_eq!(code, 128 + signal as u32, "{name}: exit status says which signal");
        tui.assert_restored(name);
        assert_eq!(saved_notes(dir.path()), vec![note], "{name}: the note is saved");
        let answers = store::load(&dir.path().join("acme-robotics.toml")).expect("loads").answers;
        assert_eq!(answers["GOV-01"].level_value(), Some(3), "{name}: the acknowledged answer is there");
    }
}

#[test]
fn closing_the_terminal_keeps_the_note_being_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = typing_a_note(dir.path(), "window closed mid-sentence");
    tui.close_terminal();
    tui.wait_exit();
    assert_eq!(saved_notes(dir.path()), vec!["window closed mid-sentence".to_string()]);
}

/// Opens PHY-02's not-applicable justification and types `text` without submitting it.
fn typing_a_justification(tui: &mut Tui, text: &str) {
    tui.send("/");
    tui.wait_for("Jump to a question");
    tui.type_text("PHY-02");
    tui.send(ENTER);
    tui.wait_for("PHY-02");
    tui.send("n");
    tui.wait_for("Not applicable: why?");
    tui.type_text(text);
    tui.wait_for(text);
}

#[test]
fn a_justification_being_typed_survives_sigterm_and_ctrl_c_and_comes_back_on_open() {
    for (how, keys_or_signal) in [("SIGTERM", None), ("Ctrl-C", Some("\x03"))] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut tui = at_the_first_question(dir.path());
        typing_a_justification(&mut tui, "no office at all, the team works remotely");
        match keys_or_signal {
            Some(keys) => tui.send(keys),
            None => tui.signal(libc::SIGTERM),
        }
        tui.wait_exit();
        tui.assert_restored(how);
        let file = dir.path().join("acme-robotics.toml");
        let answers = store::load(&file).expect("loads").answers;
        assert!(
            answers.get("PHY-02").is_none_or(|a| a.justification().is_none()),
            "{how}: not submitted, not an answer"
        );
        assert!(dir.path().join("acme-robotics.toml.draft").is_file(), "{how}: kept as a draft");

        let mut again = Tui::start(dir.path(), &["open", "acme-robotics"]);
        again.wait_for("restored text typed before crosswalk was interrupted");
        again.wait_for("no office at all, the team works remotely");
        again.send(ENTER);
        again.wait_for("Not applicable: confirm");
        again.send(ENTER);
        again.wait_for("saved");
        again.send("q");
        assert_eq!(again.wait_exit(), 0);
        let answers = store::load(&file).expect("loads").answers;
        assert_eq!(answers["PHY-02"].justification(), Some("no office at all, the team works remotely"), "{how}");
        assert!(!dir.path().join("acme-robotics.toml.draft").exists(), "{how}: the draft was handed back");
    }
}

/// How a session ends in the middle of typing.
#[derive(Clone, Copy)]
enum Ending {
    Signal(i32),
    CtrlC,
    ClosedTerminal,
}

#[test]
fn an_evidence_reference_being_typed_survives_signals_a_closed_terminal_and_ctrl_c() {
    let typed = "access review export, 2026-11";
    for (how, ending) in [
        ("SIGTERM", Ending::Signal(libc::SIGTERM)),
        ("SIGHUP", Ending::Signal(libc::SIGHUP)),
        ("closed terminal", Ending::ClosedTerminal),
        ("Ctrl-C", Ending::CtrlC),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut tui = at_the_first_question(dir.path());
        tui.send("3");
        tui.wait_for("saved");
        // Answering moves on: back to GOV-01, whose level the evidence backs.
        tui.send("\x1b[D");
        tui.wait_for("GOV-01  core");
        tui.send("v");
        tui.wait_for("Evidence seen: which document or export?");
        tui.type_text(typed);
        tui.wait_for(typed);
        match ending {
            Ending::Signal(signal) => tui.signal(signal),
            Ending::CtrlC => tui.send("\x03"),
            Ending::ClosedTerminal => tui.close_terminal(),
        }
        tui.wait_exit();
        if !matches!(ending, Ending::ClosedTerminal) {
            tui.assert_restored(how);
        }
        let file = dir.path().join("acme-robotics.toml");
        let answers = store::load(&file).expect("loads").answers;
        assert_eq!(answers["GOV-01"].level_value(), Some(3), "{how}: the answer is there");
        assert_eq!(answers["GOV-01"].evidence_seen, None, "{how}: not submitted, not recorded as seen");
        assert!(dir.path().join("acme-robotics.toml.draft").is_file(), "{how}: kept as a draft");

        let mut again = Tui::start(dir.path(), &["open", "acme-robotics"]);
        again.wait_for("restored text typed before crosswalk was interrupted");
        again.wait_for("Evidence seen: which document or export?");
        again.wait_for(typed);
        again.send(ENTER);
        again.wait_for("saved");
        again.send("q");
        assert_eq!(again.wait_exit(), 0, "{how}");
        let answers = store::load(&file).expect("loads").answers;
        assert_eq!(answers["GOV-01"].evidence_seen.as_deref(), Some(typed), "{how}: submitted on the next open");
        assert!(!dir.path().join("acme-robotics.toml.draft").exists(), "{how}: the draft was handed back");
    }
}

fn process_state(pid: i32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name, which is in parentheses.
    stat.rsplit(')').next().and_then(|rest| rest.trim_start().chars().next()).unwrap_or('?')
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_takes_it_again_and_redraws() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = at_the_first_question(dir.path());
    tui.send("\x1a");
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while process_state(tui.pid()) != 'T' && std::time::Instant::now() < deadline {
        tui.pump(Duration::from_millis(30));
    }
    assert_eq!(process_state(tui.pid()), 'T', "Ctrl-Z stops the process");
    tui.pump(Duration::from_millis(100));
    tui.assert_restored("suspended");

    // What a shell does on `fg`: the terminal back in line mode, then SIGCONT.
    tui.signal(libc::SIGCONT);
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !tui.parser.screen().alternate_screen() && std::time::Instant::now() < deadline {
        tui.pump(Duration::from_millis(30));
    }
    tui.wait_for("GOV-01");
    assert!(!tui.line_mode(), "raw mode again: keys arrive one by one");
    tui.send("3");
    tui.wait_for("saved");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored("quit after resume");
    let answers = store::load(&dir.path().join("acme-robotics.toml")).expect("loads").answers;
    assert_eq!(answers["GOV-01"].level_value(), Some(3));
}

#[test]
fn term_dumb_does_not_start_the_workshop_and_writes_no_escapes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut launch = Launch::crosswalk(dir.path(), &["new", "--client", "Acme Robotics"]);
    launch.env.push(("TERM", "dumb".into()));
    let mut tui = Tui::launch(dir.path(), launch, 100, 30);
    assert_eq!(tui.wait_exit(), 2);
    assert!(tui.screen().contains("TERM is `dumb`"), "{}", tui.screen());
    assert!(!tui.bytes.contains(&0x1b), "no escape bytes: {:?}", String::from_utf8_lossy(&tui.bytes));
    assert!(!dir.path().join("acme-robotics.toml").exists(), "nothing created unseen");
}

#[test]
fn without_a_terminal_the_workshop_does_not_start_and_writes_nothing_to_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [vec!["new", "--client", "Acme Robotics"], vec![]] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_crosswalk"))
            .args(&args)
            .env("CROSSWALK_DATA_DIR", dir.path())
            .env("TERM", "xterm-256color")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run crosswalk");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}: {:?}", String::from_utf8_lossy(&output.stdout));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("needs an interactive terminal"), "{stderr}");
    }
    assert!(!dir.path().join("acme-robotics.toml").exists(), "nothing created unseen");
}

#[test]
fn keeping_a_note_then_quitting_restores_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = typing_a_note(dir.path(), "kept by Ctrl-S");
    tui.send(KEEP_NOTE);
    tui.wait_for("Note: kept by Ctrl-S");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored("q");
}

#[test]
fn a_profile_value_being_typed_survives_sigterm_and_comes_back_on_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = Tui::start(dir.path(), &["new", "--client", "Acme Robotics"]);
    tui.wait_for("Business profile");
    tui.send(ENTER);
    tui.type_text("Acme Robotics GmbH");
    tui.wait_for("Acme Robotics GmbH");
    tui.signal(libc::SIGTERM);
    assert_eq!(tui.wait_exit(), 128 + libc::SIGTERM as u32);
    tui.assert_restored("SIGTERM in a profile value");
    let file = dir.path().join("acme-robotics.toml");
    assert_eq!(store::load(&file).expect("loads").client, "Acme Robotics", "not submitted, not applied");

    let mut again = Tui::start(dir.path(), &["open", "acme-robotics"]);
    again.wait_for("restored text typed before crosswalk was interrupted");
    again.wait_for("Acme Robotics GmbH");
    again.send(ENTER);
    again.wait_for("saved");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    assert_eq!(store::load(&file).expect("loads").client, "Acme Robotics GmbH");
}

#[test]
fn with_stdout_redirected_the_workshop_does_not_start_and_the_file_stays_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.txt");
    let script =
        format!("exec '{}' new --client 'Acme Robotics' > '{}'", env!("CARGO_BIN_EXE_crosswalk"), out.display());
    let launch = Launch {
        program: "sh",
        args: vec!["-c".into(), script],
        env: vec![("CROSSWALK_DATA_DIR", dir.path().display().to_string())],
    };
    let mut tui = Tui::launch(dir.path(), launch, 100, 30);
    assert_eq!(tui.wait_exit(), 2);
    assert!(tui.screen().contains("standard output is not a terminal"), "{}", tui.screen());
    assert_eq!(std::fs::read(&out).expect("redirected output"), Vec::<u8>::new(), "no escape bytes");
    assert!(!dir.path().join("acme-robotics.toml").exists());
}

#[test]
fn a_draft_for_a_question_no_longer_asked_stays_on_disk_and_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store::Store::open(Some(dir.path())).expect("store");
    let path = store.create("Acme Robotics", "").expect("create");
    let draft = store::Draft {
        kind: store::DraftKind::Justification,
        question: "OLD-99".into(),
        field: String::new(),
        text: "typed against another questionnaire".into(),
        private: false,
    };
    store::write_draft(&path, &draft).expect("draft");
    let mut tui = Tui::start(dir.path(), &["open", "acme-robotics"]);
    tui.wait_for("kept in acme-robotics.toml.draft");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(store::read_draft(&path).expect("read"), Some(draft), "the text is still there");
}
