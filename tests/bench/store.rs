//! Saving benchmark: an assessment with every shipped question answered and noted, saved the
//! way the TUI saves after each change (atomic write, fsync, backup, rename, folder fsync).
//! Target: under 5 ms per save, so saving on every keystroke is invisible.
//!
//! Run with `cargo bench --bench store`. Prints markdown table rows for BENCHMARKS.md.

use crosswalk::Questionnaire;
use crosswalk::store::{self, EditLock, Store};
use std::time::Duration;

#[path = "common.rs"]
mod common;
use common::{TABLE_HEADER, fully_answered, ms, row, time};

const RUNS: usize = 300;

/// The two flushes a durable save cannot avoid, with nothing else: what the disk costs,
/// so the save row can be read as "floor plus crosswalk's own work".
fn disk_floor(folder: &std::path::Path, contents: &[u8]) {
    use std::io::Write;
    let path = folder.join("floor.tmp");
    let mut file = std::fs::File::create(&path).expect("create");
    file.write_all(contents).expect("write");
    file.sync_all().expect("fsync file");
    std::fs::File::open(folder).and_then(|d| d.sync_all()).expect("fsync folder");
    std::fs::remove_file(&path).expect("remove");
}

fn main() {
    let questionnaire = Questionnaire::embedded();
    // On the target folder's disk, not a RAM-backed /tmp, so the fsyncs cost what they cost.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("bench folder");
    let store = Store::open(Some(dir.path())).expect("open store");
    let path = store.create("Benchmark Client GmbH", "Jane Doe").expect("create");
    let lock = EditLock::acquire(&path).expect("lock");
    let mut assessment = fully_answered(&questionnaire);
    store::record_questionnaire_versions(&mut assessment, &questionnaire);
    lock.save(&mut assessment).expect("first save");
    let bytes = std::fs::metadata(&path).expect("metadata").len();
    let first = questionnaire.questions[0].id.clone();

    let save = time(RUNS, |i| {
        // One keystroke's worth of change, so every save writes new contents.
        assessment.answers.get_mut(&first).expect("answered").note.push(char::from(b'a' + (i % 26) as u8));
        lock.save(&mut assessment).expect("save");
    });
    let load = time(RUNS, |_| {
        std::hint::black_box(store::load(&path).expect("load"));
    });
    let encode = time(RUNS, |_| {
        std::hint::black_box(toml::to_string(&assessment).expect("encode"));
    });
    let contents = std::fs::read(&path).expect("read");
    let floor = time(RUNS, |_| disk_floor(dir.path(), &contents));

    println!(
        "\nAssessment: {} questions answered and noted, {:.1} KB on disk; folder {}\n",
        questionnaire.questions.len(),
        bytes as f64 / 1024.0,
        dir.path().display()
    );
    println!("{TABLE_HEADER}");
    row(&format!("save, all {} questions answered and noted", questionnaire.questions.len()), &save);
    row("of which: encoding the TOML (no disk)", &encode);
    row("load (read-only open) of the same file", &load);
    row("disk floor: write + fsync a file of that size, fsync the folder", &floor);
    let verdict = if save.p95 < Duration::from_millis(5) { "met" } else { "MISSED" };
    println!("\nTarget: save under 5 ms (p95): {verdict}.");
    println!(
        "A save is bounded below by the disk floor (two flushes); crosswalk's own work on top is \
         about {} (best save minus best floor, the least noisy pair).",
        ms(save.min.saturating_sub(floor.min))
    );
}
