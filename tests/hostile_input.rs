//! Reproductions of the ways a workshop could lose answers or let pasted or long text act,
//! through the real binary in a pseudo-terminal: a multi-line paste, long text from the
//! file, a save that fails, a read-only folder, and a kill while a note is being typed.
#![cfg(unix)]

mod pty;

use crosswalk::Answer;
use crosswalk::store::{self, EditLock, Store};
use pty::{ENTER, KEEP_NOTE, Launch, TAB, Tui};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn new_workshop(dir: &Path) -> Tui {
    let mut tui = Tui::start(dir, &["new", "--client", "Acme Robotics"]);
    tui.wait_for("Business profile");
    tui.send(TAB);
    tui.wait_for("GOV-01");
    tui
}

fn jump_to(tui: &mut Tui, id: &str) {
    tui.send("/");
    tui.wait_for("Jump to a question");
    tui.type_text(id);
    tui.send(ENTER);
    tui.pump(Duration::from_millis(100));
}

fn assessment_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_multi_line_paste_into_a_justification_is_one_justification_not_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = new_workshop(dir.path());
    jump_to(&mut tui, "PHY-02");
    tui.send("n");
    tui.wait_for("Not applicable: why?");
    tui.paste("Fully remote company, no offices.\n2024 audit confirmed by the COO\n");
    tui.wait_for("pasted 2 lines joined into one");
    tui.send(ENTER);
    tui.wait_for("Not applicable: confirm");
    tui.send(ENTER);
    tui.wait_for("saved");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    assert_eq!(assessment_files(dir.path()), vec!["acme-robotics.toml"], "no assessment created by pasted keys");
    let answers = store::load(&dir.path().join("acme-robotics.toml")).expect("loads").answers;
    assert_eq!(answers.len(), 1, "only the question pasted into is answered: {answers:?}");
    assert_eq!(
        answers["PHY-02"].justification(),
        Some("Fully remote company, no offices. 2024 audit confirmed by the COO")
    );
}

#[test]
fn a_paste_with_no_editor_open_is_ignored_and_a_note_keeps_its_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = new_workshop(dir.path());
    tui.paste("3\n2\n4\nq\n");
    tui.wait_for("paste ignored");
    tui.send("e");
    tui.wait_for("keep the note");
    tui.paste("first line\nsecond line\n\tindented");
    tui.wait_for("second line");
    tui.send(KEEP_NOTE);
    tui.wait_for("saved");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let answers = store::load(&dir.path().join("acme-robotics.toml")).expect("loads").answers;
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert_eq!(answers["GOV-01"].level_value(), None, "pasted digits answered nothing");
    assert_eq!(answers["GOV-01"].note, "first line\nsecond line\n    indented");
}

#[test]
fn long_texts_from_the_file_survive_opening_their_editors_and_two_saves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(Some(dir.path())).expect("store");
    let path = store.create("Acme Robotics", "").expect("create");
    let note = "evidence line, ".repeat(2_459) + "end"; // 36,888 characters
    let why = "n".repeat(899) + "!";
    {
        let lock = EditLock::acquire(&path).expect("lock");
        let mut assessment = lock.load().expect("load");
        assessment.set_answer("GOV-01", Answer { note: note.clone(), ..Answer::level(2) });
        assessment.set_answer("PHY-02", Answer::not_applicable(&why));
        lock.save(&mut assessment).expect("save");
    }
    let mut tui = Tui::start(dir.path(), &["open", "acme-robotics"]);
    tui.wait_for("Questions");
    jump_to(&mut tui, "GOV-01");
    tui.send("e");
    tui.wait_for("kept whole");
    tui.send("x"); // refused: over the typing limit
    tui.wait_for("kept whole");
    tui.send(KEEP_NOTE);
    tui.wait_for("saved");
    jump_to(&mut tui, "PHY-02");
    tui.send("n");
    tui.wait_for("kept whole");
    tui.send(ENTER);
    tui.wait_for("Not applicable: confirm");
    tui.send(ENTER);
    tui.wait_for("saved");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    for file in [path.clone(), path.with_file_name("acme-robotics.toml.bak")] {
        let answers = store::load(&file).expect("loads").answers;
        assert_eq!(answers["GOV-01"].note.chars().count(), note.chars().count(), "{}", file.display());
        assert_eq!(answers["GOV-01"].note, note);
        assert_eq!(answers["PHY-02"].justification(), Some(why.as_str()), "{}", file.display());
    }
}

/// A folder tree that user `nobody` owns, for tests where permissions must apply.
struct NobodysFolders {
    _root: tempfile::TempDir,
    data: PathBuf,
    home: PathBuf,
}

fn nobodys_folders() -> NobodysFolders {
    let root = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod root");
    let mut made = Vec::new();
    for name in ["data", "home"] {
        let folder = root.path().join(name);
        std::fs::create_dir(&folder).expect("mkdir");
        std::os::unix::fs::chown(&folder, Some(65534), Some(65534)).expect("chown");
        made.push(folder);
    }
    let home = made.pop().expect("home");
    let data = made.pop().expect("data");
    NobodysFolders { _root: root, data, home }
}

fn workshop_as_nobody(folders: &NobodysFolders, args: &[&str]) -> Tui {
    let mut launch = Launch::crosswalk(&folders.data, args).run_as_nobody();
    launch.env.push(("HOME", folders.home.display().to_string()));
    Tui::launch(&folders.data, launch, 110, 30)
}

/// Answers GOV-01, then makes the folder refuse writes and answers the next question: not saved.
fn failing_save(folders: &NobodysFolders) -> Tui {
    let mut tui = workshop_as_nobody(folders, &["new", "--client", "Acme Robotics"]);
    tui.wait_for("Business profile");
    tui.send(TAB);
    tui.wait_for("GOV-01");
    tui.send("3");
    tui.wait_for("saved");
    std::fs::set_permissions(&folders.data, std::fs::Permissions::from_mode(0o500)).expect("chmod");
    tui.send("2");
    tui.wait_for("NOT SAVED");
    tui.wait_for("Permission denied");
    tui
}

#[test]
fn after_a_failed_save_q_asks_and_a_copy_elsewhere_keeps_every_answer() {
    let folders = nobodys_folders();
    let mut tui = failing_save(&folders);
    tui.send("q");
    tui.wait_for("The last 1 change could not be saved:");
    tui.wait_for("Permission denied (os");
    assert!(tui.child.try_wait().expect("status").is_none(), "q did not quit");
    tui.send("c");
    tui.wait_for("every answer is saved in a copy");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0, "nothing is lost any more: q quits");

    let copies: Vec<PathBuf> = std::fs::read_dir(&folders.home)
        .expect("home")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".copy-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let answers = store::load(&copies[0]).expect("copy loads").answers;
    let levels: Vec<Option<u8>> = answers.values().map(|a| a.level_value()).collect();
    assert_eq!(answers["GOV-01"].level_value(), Some(3));
    assert_eq!(levels.len(), 2, "the unsaved answer is in the copy: {answers:?}");
    assert!(levels.contains(&Some(2)), "{answers:?}");
}

#[test]
fn after_a_failed_save_losing_the_changes_is_a_choice_with_a_non_zero_exit() {
    let folders = nobodys_folders();
    let mut tui = failing_save(&folders);
    tui.send("q");
    tui.wait_for("l: quit and lose 1 change");
    tui.send("q"); // q again is not an answer to the question
    tui.pump(Duration::from_millis(200));
    assert!(tui.child.try_wait().expect("status").is_none(), "a second q did not quit");
    tui.send("l");
    assert_eq!(tui.wait_exit(), 3);
}

#[test]
fn a_read_only_data_folder_opens_read_only() {
    let folders = nobodys_folders();
    let store = Store::open(Some(&folders.data)).expect("store");
    let path = store.create("Acme Robotics", "").expect("create");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod file");
    std::os::unix::fs::chown(&folders.data, Some(0), Some(0)).expect("chown to root");
    std::fs::set_permissions(&folders.data, std::fs::Permissions::from_mode(0o755)).expect("chmod folder");
    let mut tui = workshop_as_nobody(&folders, &["open", "acme-robotics"]);
    tui.wait_for("is read-only: opened read-only");
    tui.wait_for("READ-ONLY");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// Kill test with typing: a note is typed character by character and the workshop is ended
/// by a random terminating signal at a random moment. Every time, the file parses, holds the
/// answers given, and the note holds what had appeared on screen.
#[test]
fn signals_at_random_moments_while_typing_a_note_lose_nothing_typed() {
    let signals = [libc::SIGTERM, libc::SIGHUP, libc::SIGINT, libc::SIGQUIT];
    let mut seed = u64::from(std::process::id()) | 1;
    let mut next = move |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % bound as u64).unwrap_or(0)
    };
    let words = "Okta rollout half done; MFA for admins only; review in March";
    for round in 0..8 {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut tui = new_workshop(dir.path());
        tui.send("3");
        tui.wait_for("saved");
        tui.send("e");
        tui.wait_for("keep the note");
        let cut = 1 + next(words.len() - 1);
        tui.type_text(&words[..cut]);
        tui.wait_for(words[..cut].rsplit(' ').next().unwrap_or(""));
        let signal = signals[next(signals.len())];
        tui.signal(signal);
        assert_eq!(tui.wait_exit(), 128 + signal as u32, "round {round}");
        tui.assert_restored(&format!("round {round}"));
        let answers = store::load(&dir.path().join("acme-robotics.toml")).expect("parses").answers;
        assert_eq!(answers["GOV-01"].level_value(), Some(3), "round {round}");
        let notes: Vec<&str> = answers.values().map(|a| a.note.as_str()).filter(|n| !n.is_empty()).collect();
        assert_eq!(notes, vec![words[..cut].trim_end()], "round {round}, signal {signal}");
    }
}

#[test]
fn a_lock_file_linked_to_another_assessment_is_refused_by_the_workshop() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(Some(dir.path())).expect("store");
    let acme = store.create("Acme", "").expect("create");
    let beta = store.create("Beta", "").expect("create");
    let before = std::fs::read(&beta).expect("read");
    std::os::unix::fs::symlink(&beta, acme.with_file_name("acme.toml.lock")).expect("symlink");
    let mut tui = Tui::start(dir.path(), &["open", "acme"]);
    tui.wait_for("is a symbolic link");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(std::fs::read(&beta).expect("read"), before, "beta.toml is untouched");
}

#[test]
fn a_change_on_disk_while_open_is_kept_beside_the_file_and_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = new_workshop(dir.path());
    tui.send("3");
    tui.wait_for("saved");
    let file = dir.path().join("acme-robotics.toml");
    // A colleague's edit, as a `git pull` would bring it.
    let theirs =
        std::fs::read_to_string(&file).expect("read").replace("[answers", "[answers.AC-01]\nlevel = 1\n\n[answers");
    std::fs::write(&file, &theirs).expect("write");
    tui.send("2");
    tui.wait_for("changed on disk");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let kept: Vec<String> = assessment_files(dir.path()).into_iter().filter(|n| n.contains(".on-disk-")).collect();
    assert_eq!(kept.len(), 1, "{:?}", assessment_files(dir.path()));
    let theirs = store::load(&dir.path().join(&kept[0])).expect("kept copy loads").answers;
    assert_eq!(theirs["AC-01"].level_value(), Some(1), "their answer is kept");
    let ours = store::load(&file).expect("loads").answers;
    assert_eq!(ours.values().filter(|a| a.level_value().is_some()).count(), 2, "ours is saved: {ours:?}");
}

#[test]
fn bidi_overrides_and_escapes_in_a_client_name_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(Some(dir.path())).expect("store");
    store.create("Evil\u{202E}gnp.exe\u{9b}31m", "").expect("create");
    let mut tui = Tui::start(dir.path(), &[]);
    tui.wait_for("Evil");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let stream = String::from_utf8_lossy(&tui.bytes);
    assert!(!stream.contains('\u{202E}'), "a bidi override reached the terminal");
    assert!(!stream.contains('\u{9b}'), "a C1 control reached the terminal");
}
