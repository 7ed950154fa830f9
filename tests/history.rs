//! Workshops over time: snapshots kept next to the assessment (owner-only, atomic, one per
//! state), `crosswalk history`, `crosswalk diff NAME` and the save path's new-workshop hook.

use crosswalk::store::history;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports").join(name)
}

fn crosswalk(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("CROSSWALK_QUESTIONNAIRES")
        .output()
        .expect("run crosswalk")
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "crosswalk failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

/// A data folder holding `lumenfield.toml` with the contents of `source`.
fn folder_with(source: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("lumenfield.toml");
    std::fs::copy(fixture(source), &path).expect("copy fixture");
    (dir, path)
}

#[test]
fn a_snapshot_is_an_exact_owner_only_copy_kept_once_per_state() {
    let (dir, path) = folder_with("lumenfield.toml");
    let printed = stdout(&crosswalk(dir.path(), &["snapshot", "lumenfield"]));
    let kept = history::snapshots(&path).expect("history");
    assert_eq!(kept.len(), 1);
    assert!(printed.contains(&kept[0].path.display().to_string()), "{printed}");
    assert_eq!(std::fs::read(&kept[0].path).expect("snapshot"), std::fs::read(&path).expect("assessment"));
    let assessment = crosswalk::store::load(&kept[0].path).expect("a snapshot loads as an assessment");
    assert_eq!(kept[0].taken, assessment.updated);
    assert_eq!(kept[0].path.parent(), Some(history::folder_for(&path).as_path()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode(&kept[0].path), 0o600);
        assert_eq!(mode(&history::folder_for(&path)), 0o700);
    }
    // The same state again keeps no second copy, and no temporary file is left.
    stdout(&crosswalk(dir.path(), &["snapshot", "lumenfield"]));
    let files: Vec<_> = std::fs::read_dir(history::folder_for(&path)).expect("list").collect();
    assert_eq!(files.len(), 1);
    // The listing of assessments is not confused by the history folder.
    let list = stdout(&crosswalk(dir.path(), &["list"]));
    assert_eq!(list.matches("Lumenfield").count(), 1, "{list}");
}

/// Answers, SOC 2 and ISO 27001 readiness of a fixture as every report shows them, after its
/// answers to renamed or merged questions are carried over.
fn expected_figures(source: &str) -> [String; 3] {
    let questionnaire = crosswalk::Questionnaire::embedded();
    let mut assessment = crosswalk::store::load(&fixture(source)).expect("fixture");
    crosswalk::questionnaire::carry_over(&questionnaire, &mut assessment);
    let analysis = crosswalk::engine::analyze(crosswalk::Catalog::embedded(), &questionnaire, &assessment);
    let progress = crosswalk::store::Progress::of(&assessment, &questionnaire);
    let figure = |fw| crosswalk::report::figures::percent(analysis.readiness.framework(fw).figure.readiness);
    [
        format!("{} of {}", progress.answered, progress.total),
        figure(crosswalk::Framework::Soc2),
        figure(crosswalk::Framework::Iso27001),
    ]
}

#[test]
fn history_lists_workshops_and_diff_name_compares_the_last_two() {
    let (dir, path) = folder_with("lumenfield.toml");
    stdout(&crosswalk(dir.path(), &["snapshot", "lumenfield"]));
    // The next workshop: the follow-up state replaces the file.
    std::fs::copy(fixture("lumenfield-followup.toml"), &path).expect("next workshop");
    let listed = stdout(&crosswalk(dir.path(), &["history", "lumenfield"]));
    let rows: Vec<&str> = listed.lines().filter(|l| l.starts_with("| 1") || l.starts_with("| 2")).collect();
    assert_eq!(rows.len(), 2, "{listed}");
    assert!(rows[0].contains("2026-10-14") && rows[1].contains("(current)"), "{listed}");
    for (row, source) in rows.iter().zip(["lumenfield.toml", "lumenfield-followup.toml"]) {
        let [answers, soc2, iso] = expected_figures(source);
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(cells[2..5], [answers.as_str(), soc2.as_str(), iso.as_str()], "{source}: {row}");
    }

    let by_name = stdout(&crosswalk(dir.path(), &["diff", "lumenfield"]));
    let by_files = stdout(&crosswalk(
        dir.path(),
        &["diff", fixture("lumenfield.toml").to_str().expect("path"), path.to_str().expect("path")],
    ));
    assert_eq!(by_name, by_files);
    assert!(by_name.contains("From the assessment of 2026-10-14 to the assessment of 2026-11-25"));
}

#[test]
fn diff_name_without_an_earlier_workshop_says_how_to_keep_one() {
    let (dir, _) = folder_with("lumenfield.toml");
    let output = crosswalk(dir.path(), &["diff", "lumenfield"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("crosswalk snapshot lumenfield"), "{stderr}");
    // A snapshot of the state as it is now is not an earlier workshop either.
    stdout(&crosswalk(dir.path(), &["snapshot", "lumenfield"]));
    assert!(!crosswalk(dir.path(), &["diff", "lumenfield"]).status.success());
    let listed = stdout(&crosswalk(dir.path(), &["history", "lumenfield"]));
    assert!(listed.contains("| 1 ") && !listed.contains("| 2 "), "one state, listed once: {listed}");
}

#[test]
fn the_first_save_after_a_pause_keeps_the_state_before_it() {
    let (_dir, path) = folder_with("lumenfield.toml");
    let before = std::fs::read(&path).expect("read");
    let updated = crosswalk::store::load(&path).expect("load").updated;
    // Within the same workshop: nothing kept.
    let soon = "2026-10-14T17:00:00Z";
    assert_eq!(history::snapshot_before_edit(&path, &updated, soon).expect("hook"), None);
    assert!(history::snapshots(&path).expect("history").is_empty());
    // The next morning: the state before the edit is kept.
    let next_day = "2026-10-15T09:00:00Z";
    let kept = history::snapshot_before_edit(&path, &updated, next_day).expect("hook").expect("kept");
    assert_eq!(std::fs::read(kept).expect("snapshot"), before);
    // A file not saved yet has nothing to keep.
    let missing = path.with_file_name("new-client.toml");
    assert_eq!(history::snapshot_before_edit(&missing, &updated, next_day).expect("hook"), None);
}
