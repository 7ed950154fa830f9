//! The store never writes through a link it did not make, never overwrites a change made on
//! disk by something else, and `report -o` never replaces a file the workshop depends on.

use crosswalk::Answer;
use crosswalk::store::{self, EditLock, SaveOutcome, Store, StoreError};
use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(Some(dir.path())).expect("open store");
    (dir, store)
}

fn crosswalk(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(args)
        .env("CROSSWALK_DATA_DIR", data_dir)
        .stdin(Stdio::null())
        .output()
        .expect("run crosswalk")
}

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_link_to_another_assessment_is_refused_and_the_other_is_untouched() {
    let (_dir, store) = temp_store();
    let acme = store.create("Acme", "").expect("create acme");
    let beta = store.create("Beta", "").expect("create beta");
    let beta_before = fs::read(&beta).expect("read beta");
    std::os::unix::fs::symlink(&beta, acme.with_file_name("acme.toml.lock")).expect("symlink");

    let err = EditLock::acquire(&acme).expect_err("a linked lock is refused");
    assert!(matches!(err, StoreError::Symlink { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("acme.toml.lock") && message.contains("symbolic link"), "{message}");
    assert_eq!(fs::read(&beta).expect("read beta"), beta_before, "beta.toml unchanged");
    assert!(EditLock::acquire(&beta).is_ok(), "beta itself still opens");
}

#[cfg(unix)]
#[test]
fn a_lock_link_pointing_outside_the_folder_is_refused_and_its_target_untouched() {
    let (_dir, store) = temp_store();
    let outside = tempfile::tempdir().expect("outside");
    let target = outside.path().join("precious.txt");
    fs::write(&target, "keep me").expect("write");
    let acme = store.create("Acme", "").expect("create");
    std::os::unix::fs::symlink(&target, acme.with_file_name("acme.toml.lock")).expect("symlink");
    assert!(matches!(EditLock::acquire(&acme), Err(StoreError::Symlink { .. })));
    assert_eq!(fs::read_to_string(&target).expect("read"), "keep me");

    // A dangling link is refused too: following it would create a file wherever it points.
    let dangling = outside.path().join("not-yet.txt");
    let beta = store.create("Beta", "").expect("create");
    std::os::unix::fs::symlink(&dangling, beta.with_file_name("beta.toml.lock")).expect("symlink");
    assert!(matches!(EditLock::acquire(&beta), Err(StoreError::Symlink { .. })));
    assert!(!dangling.exists(), "nothing created through the link");
}

#[cfg(unix)]
#[test]
fn an_assessment_that_is_a_link_is_read_but_not_edited_through() {
    let (dir, store) = temp_store();
    let real = store.create("Acme", "").expect("create");
    let link = dir.path().join("linked.toml");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    assert!(matches!(EditLock::acquire(&link), Err(StoreError::Symlink { .. })));
    assert_eq!(store::load(&link).expect("reading through a link is fine").client, "Acme");
}

#[test]
fn a_change_made_on_disk_since_loading_is_kept_aside_before_saving() {
    let (dir, store) = temp_store();
    let path = store.create("Acme", "").expect("create");
    let lock = EditLock::acquire(&path).expect("lock");
    let mut ours = lock.load().expect("load");
    ours.set_answer("GOV-01", Answer::level(3));
    assert_eq!(lock.save(&mut ours).expect("save"), SaveOutcome::Saved);

    // A colleague's edit (or a git pull) while the workshop has the file open.
    let mut theirs = store::load(&path).expect("load");
    theirs.set_answer("AC-01", Answer { note: "added by a colleague".into(), ..Answer::level(1) });
    fs::write(&path, toml::to_string(&theirs).expect("encode")).expect("write theirs");

    ours.set_answer("GOV-02", Answer::level(2));
    let outcome = lock.save(&mut ours).expect("save");
    let SaveOutcome::KeptChangedOnDisk { kept } = outcome else { panic!("the change was not noticed: {outcome:?}") };
    assert_eq!(kept.parent(), Some(dir.path()), "kept next to the assessment");
    let kept_answers = store::load(&kept).expect("the kept copy is an assessment").answers;
    assert_eq!(kept_answers["AC-01"].note, "added by a colleague");
    let saved = store::load(&path).expect("load").answers;
    assert_eq!((saved["GOV-01"].level_value(), saved["GOV-02"].level_value()), (Some(3), Some(2)), "ours is saved");

    // Known from now on: the next save is an ordinary one, and the other version stays.
    ours.set_answer("GOV-03", Answer::level(1));
    assert_eq!(lock.save(&mut ours).expect("save"), SaveOutcome::Saved);
    assert!(store::load(&kept).is_ok_and(|a| a.answers.contains_key("AC-01")), "still kept after more saves");
}

#[test]
fn touching_the_file_is_not_a_change() {
    let (_dir, store) = temp_store();
    let path = store.create("Acme", "").expect("create");
    let lock = EditLock::acquire(&path).expect("lock");
    let mut a = lock.load().expect("load");
    let same = fs::read(&path).expect("read");
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&path, &same).expect("rewrite the same bytes");
    a.set_answer("GOV-01", Answer::level(3));
    assert_eq!(lock.save(&mut a).expect("save"), SaveOutcome::Saved);
}

#[test]
fn report_output_never_replaces_an_assessment_its_backup_or_its_lock() {
    let (dir, store) = temp_store();
    let path = store.create("Mode Test", "").expect("create");
    {
        let lock = EditLock::acquire(&path).expect("lock");
        let mut a = lock.load().expect("load");
        a.set_answer("GOV-01", Answer::level(3));
        lock.save(&mut a).expect("save");
    }
    let before: Vec<Vec<u8>> =
        ["mode-test.toml", "mode-test.toml.bak"].iter().map(|f| fs::read(dir.path().join(f)).expect("read")).collect();
    for target in ["mode-test.toml", "mode-test.toml.bak", "mode-test.toml.lock"] {
        for force in [false, true] {
            let out = dir.path().join(target).display().to_string();
            let mut args = vec!["report", "mode-test", "-o", out.as_str()];
            if force {
                args.push("--force");
            }
            let output = crosswalk(dir.path(), &args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{target} force={force}: {stderr}");
            assert!(stderr.contains("a report never replaces one"), "{target}: {stderr}");
        }
    }
    let after: Vec<Vec<u8>> =
        ["mode-test.toml", "mode-test.toml.bak"].iter().map(|f| fs::read(dir.path().join(f)).expect("read")).collect();
    assert_eq!(before, after, "the assessment and its backup are untouched");

    // One that does not load at the moment (a hand edit in progress) is still an assessment.
    let broken = dir.path().join("broken.toml");
    fs::write(&broken, "format_version = 1\nclient = \"Half edited\n").expect("write");
    let out = broken.display().to_string();
    let output = crosswalk(dir.path(), &["report", "mode-test", "-o", &out, "--force"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(fs::read_to_string(&broken).expect("read").starts_with("format_version = 1"));
    assert!(store::load(&path).is_ok());
}

#[test]
fn report_output_replaces_another_existing_file_only_with_force() {
    let (dir, store) = temp_store();
    store.create("Acme", "").expect("create");
    let target = dir.path().join("roadmap.md");
    fs::write(&target, "an earlier draft").expect("write");
    let out = target.display().to_string();
    let refused = crosswalk(dir.path(), &["report", "acme", "-o", &out]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("already exists: pass --force"));
    assert_eq!(fs::read_to_string(&target).expect("read"), "an earlier draft");

    let forced = crosswalk(dir.path(), &["report", "acme", "-o", &out, "--force"]);
    assert!(forced.status.success(), "{}", String::from_utf8_lossy(&forced.stderr));
    assert!(fs::read_to_string(&target).expect("read").contains("Acme"));

    // The charts written next to a markdown report are files too: replaced only with --force.
    let next = dir.path().join("second.md").display().to_string();
    let refused = crosswalk(dir.path(), &["report", "acme", "-o", &next]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("readiness.svg already exists"), "{refused:?}");
    let fresh_folder = tempfile::tempdir().expect("tempdir");
    let fresh = fresh_folder.path().join("new.md").display().to_string();
    assert!(crosswalk(dir.path(), &["report", "acme", "-o", &fresh]).status.success(), "a new file needs no force");
}

#[cfg(unix)]
#[test]
fn report_output_over_a_link_replaces_the_link_not_its_target() {
    let (dir, store) = temp_store();
    store.create("Acme", "").expect("create");
    let outside = tempfile::tempdir().expect("outside");
    let target = outside.path().join("precious.txt");
    fs::write(&target, "keep me").expect("write");
    let link = dir.path().join("report.md");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let out = link.display().to_string();
    assert_eq!(crosswalk(dir.path(), &["report", "acme", "-o", &out]).status.code(), Some(1), "exists: refused");
    assert!(crosswalk(dir.path(), &["report", "acme", "-o", &out, "--force"]).status.success());
    assert_eq!(fs::read_to_string(&target).expect("read"), "keep me", "the link's target is untouched");
    assert!(!fs::symlink_metadata(&link).expect("meta").file_type().is_symlink(), "the link became the report");
}

#[test]
fn a_data_folder_that_is_a_file_is_named_in_the_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("not-a-folder");
    fs::write(&file, "x").expect("write");
    let err = Store::open(Some(&file)).expect_err("a file is not a folder");
    assert!(matches!(err, StoreError::NotAFolder { .. }));
    let output = crosswalk(&file, &["list"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains(&format!("{} is a file, not a folder", file.display())), "{stderr}");
    assert!(!stderr.contains("os error 17"), "{stderr}");
}

#[test]
fn report_into_a_closed_pipe_exits_quietly() {
    let (dir, store) = temp_store();
    store.create("Acme", "").expect("create");
    for args in [vec!["report", "acme"], vec!["list"], vec!["mapping"], vec!["report", "acme", "--format", "json"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
            .args(&args)
            .env("CROSSWALK_DATA_DIR", dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // `| head -0`: the reader is gone before anything is written.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{args:?}: {:?} {stderr}", output.status);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn an_edit_of_the_same_length_right_after_a_save_is_still_seen() {
    let (_dir, store) = temp_store();
    let path = store.create("Acme", "").expect("create");
    let lock = EditLock::acquire(&path).expect("lock");
    let mut ours = lock.load().expect("load");
    ours.set_answer("GOV-01", Answer::level(3));
    lock.save(&mut ours).expect("save");
    let text = fs::read_to_string(&path).expect("read");
    let edited = text.replace("level = 3", "level = 1");
    assert_eq!(edited.len(), text.len());
    fs::write(&path, edited).expect("same-length edit within the same second");
    ours.set_answer("GOV-02", Answer::level(2));
    assert!(matches!(lock.save(&mut ours).expect("save"), SaveOutcome::KeptChangedOnDisk { .. }));
}
