//! Kill test: a process saving as fast as it can is killed (SIGKILL on Unix: no destructors,
//! no flushing) at random moments. After every kill the assessment file must parse and hold
//! every answer the process acknowledged as saved.
//!
//! The saving process is this test binary re-run with an environment variable that turns
//! `kill_helper_saves_in_a_loop` from a no-op into the save loop.

use crosswalk::assessment::Answer;
use crosswalk::store::{self, EditLock, Store};
use std::collections::BTreeSet;
use std::hash::{BuildHasher, RandomState};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const HELPER_ENV: &str = "CROSSWALK_KILL_TEST_ASSESSMENT";
const HELPER_TEST: &str = "kill_helper_saves_in_a_loop";
const ROUNDS: usize = 25;

fn question_id(n: usize) -> String {
    format!("Q-{n:05}")
}

/// The answer saved as number `n`: distinct per `n`, with a note long enough that a file of a
/// few hundred answers takes real time to write.
fn answer_for(n: usize) -> Answer {
    let note = format!("answer {n}: {}", "evidence reviewed with the client; \"quoted\"\n".repeat(1 + n % 4));
    Answer { note, note_private: n.is_multiple_of(3), ..Answer::level(u8::try_from(n % 5).unwrap_or(0)) }
}

/// Child process body: resume the assessment, then add one answer and save, forever,
/// printing `saved N` only after `save` has returned.
#[test]
fn kill_helper_saves_in_a_loop() {
    let Some(path) = std::env::var_os(HELPER_ENV) else { return };
    let lock = EditLock::acquire(Path::new(&path)).expect("helper takes the edit lock");
    let mut assessment = lock.load().expect("helper loads the assessment");
    // Answers are numbered from 0 and never removed, so the count is the next number.
    let mut next = assessment.answers.len();
    let mut stdout = std::io::stdout();
    loop {
        assessment.set_answer(&question_id(next), answer_for(next));
        lock.save(&mut assessment).expect("helper saves");
        writeln!(stdout, "saved {next}").and_then(|()| stdout.flush()).expect("helper acknowledges");
        next += 1;
    }
}

/// Starts the helper with its stdout and stderr collected by threads, so the pipes never fill.
struct Saver {
    child: Child,
    acknowledged: thread::JoinHandle<Vec<usize>>,
    stderr: thread::JoinHandle<String>,
}

impl Saver {
    fn start(path: &Path) -> Saver {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", HELPER_TEST, "--nocapture", "--test-threads=1"])
            .env(HELPER_ENV, path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start helper");
        let stdout = child.stdout.take().expect("stdout");
        let acknowledged = thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| line.strip_prefix("saved ").and_then(|n| n.parse().ok()))
                .collect()
        });
        let mut stderr_pipe = child.stderr.take().expect("stderr");
        let stderr = thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr_pipe.read_to_string(&mut text);
            text
        });
        Saver { child, acknowledged, stderr }
    }

    /// Kills the helper and returns the numbers it acknowledged before dying.
    fn kill(mut self) -> Vec<usize> {
        self.child.kill().expect("kill helper");
        let status = self.child.wait().expect("reap helper");
        let stderr = self.stderr.join().expect("stderr reader");
        // Exiting on its own would mean the helper failed (say, it found the file locked or
        // unreadable), which this test must not mistake for a kill.
        assert!(status.code().is_none(), "helper exited by itself ({status}):\n{stderr}");
        self.acknowledged.join().expect("stdout reader")
    }
}

/// Small xorshift generator; the seed is random per run and printed on failure.
struct Rng(u64);

impl Rng {
    fn next_below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

fn check_survivors(path: &Path, acknowledged: &BTreeSet<usize>, context: &str) {
    let assessment = store::load(path).unwrap_or_else(|e| panic!("{context}: file unreadable after kill: {e}"));
    for &n in acknowledged {
        let saved = assessment.answers.get(&question_id(n));
        assert_eq!(saved, Some(&answer_for(n)), "{context}: acknowledged answer {n} lost or changed");
    }
    let backup = PathBuf::from(format!("{}.bak", path.display()));
    if backup.exists() {
        store::load(&backup).unwrap_or_else(|e| panic!("{context}: backup unreadable after kill: {e}"));
    }
}

#[test]
fn a_killed_saver_leaves_a_readable_file_with_every_acknowledged_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(Some(dir.path())).expect("open store");
    let path = store.create("Kill Test Ltd", "").expect("create");
    let seed = RandomState::new().hash_one(std::process::id()) | 1;
    let mut rng = Rng(seed);
    let mut acknowledged = BTreeSet::new();
    let started = Instant::now();

    for round in 1..=ROUNDS {
        let saver = Saver::start(&path);
        // From "before the first save" to "dozens of saves in", so kills land at every step
        // of a save: writing the temporary, flushing, linking the backup, renaming.
        thread::sleep(Duration::from_millis(5 + rng.next_below(120)));
        acknowledged.extend(saver.kill());
        check_survivors(&path, &acknowledged, &format!("round {round} (seed {seed:#x})"));
    }

    // The test only means something if the helper really was saving when it was killed.
    assert!(acknowledged.len() >= ROUNDS, "only {} saves acknowledged (seed {seed:#x})", acknowledged.len());
    eprintln!("{ROUNDS} kills, {} acknowledged saves, {:.1?}", acknowledged.len(), started.elapsed());
}
