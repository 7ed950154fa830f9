//! Every file and folder crosswalk writes is owner-only, even under `umask 000` (a shared
//! machine, a misconfigured shell): assessments hold a client's confidential findings. This
//! binary sets the umask for its whole process, so it holds only these tests.
#![cfg(unix)]

use crosswalk::Answer;
use crosswalk::store::{self, EditLock, Store};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

fn permissive_umask() {
    // SAFETY: umask only changes this process's file creation mask.
    unsafe { libc::umask(0) };
}

#[test]
fn under_umask_000_the_store_creates_only_owner_only_files_and_folders() {
    permissive_umask();
    let parent = tempfile::tempdir().expect("tempdir");
    let folder = parent.path().join("deep").join("crosswalk");
    let store = Store::open(Some(&folder)).expect("open");
    assert_eq!(mode(&folder), 0o700, "data folder");
    assert_eq!(mode(folder.parent().expect("parent")), 0o700, "missing parents too");

    let path = store.create("Acme", "").expect("create");
    assert_eq!(mode(&path), 0o600, "new assessment");
    let lock = EditLock::acquire(&path).expect("lock");
    assert_eq!(mode(&path.with_file_name("acme.toml.lock")), 0o600, "lock");
    let mut a = lock.load().expect("load");
    a.set_answer("GOV-01", Answer::level(3));
    lock.save(&mut a).expect("save");
    assert_eq!(mode(&path), 0o600, "saved assessment");
    assert_eq!(mode(&path.with_file_name("acme.toml.bak")), 0o600, "backup");

    let exports = folder.join("exports").join("acme");
    store::create_export_folder(&exports).expect("export folder");
    assert_eq!(mode(&exports), 0o700, "export folder");
    assert_eq!(mode(&folder.join("exports")), 0o700, "exports/");
    store::write_export(&exports.join("roadmap.md"), b"# roadmap").expect("export");
    assert_eq!(mode(&exports.join("roadmap.md")), 0o600, "exported file");

    let draft = store::Draft {
        kind: store::DraftKind::Justification,
        question: "PHY-02".into(),
        field: String::new(),
        text: "no office".into(),
        private: false,
    };
    let draft_path = store::write_draft(&path, &draft).expect("draft");
    assert_eq!(mode(&draft_path), 0o600, "draft");
    assert_eq!(store::take_draft(&path).expect("take"), Some(draft));

    let copy = store::save_copy(&a, &path, parent.path()).expect("copy");
    assert_eq!(mode(&copy), 0o600, "copy saved elsewhere");
}

#[test]
fn a_copied_in_world_readable_file_leaves_no_world_readable_backup() {
    permissive_umask();
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(Some(dir.path())).expect("open");
    let made = store.create("Acme", "").expect("create");
    let path = dir.path().join("copied.toml");
    fs::copy(&made, &path).expect("copy in");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    let lock = EditLock::acquire(&path).expect("lock");
    let mut a = lock.load().expect("load");
    lock.save(&mut a).expect("save");
    assert_eq!(mode(&path), 0o600, "the assessment");
    assert_eq!(mode(&path.with_file_name("copied.toml.bak")), 0o600, "its backup");
}

#[test]
fn under_umask_000_report_output_and_a_kept_aside_change_are_owner_only() {
    permissive_umask();
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(Some(dir.path())).expect("open");
    let path = store.create("Acme", "").expect("create");
    let out = dir.path().join("report.md");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(["report", "acme", "-o"])
        .arg(&out)
        .env("CROSSWALK_DATA_DIR", dir.path())
        .status()
        .expect("run");
    assert!(status.success());
    assert_eq!(mode(&out), 0o600, "report -o");

    let lock = EditLock::acquire(&path).expect("lock");
    let mut a = lock.load().expect("load");
    fs::write(&path, fs::read_to_string(&path).expect("read").replace("Acme", "Acme Ltd")).expect("edit on disk");
    let store::SaveOutcome::KeptChangedOnDisk { kept } = lock.save(&mut a).expect("save") else {
        panic!("change on disk not noticed")
    };
    assert_eq!(mode(&kept), 0o600, "the version kept aside");
}
