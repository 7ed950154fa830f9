//! End-to-end: the real binary in a pseudo-terminal, read through a terminal emulator, as a
//! consultant would drive it. Text is matched on the emulated screen, never the byte stream.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
}

impl Tui {
    fn start(data_dir: &Path, args: &[&str], cols: u16, rows: u16) -> Tui {
        Tui::start_with(data_dir, args, cols, rows, &[])
    }

    fn start_with(data_dir: &Path, args: &[&str], cols: u16, rows: u16, extra_env: &[(&str, &str)]) -> Tui {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_crosswalk"));
        cmd.args(args);
        cmd.cwd(data_dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("CROSSWALK_DATA_DIR", data_dir);
        cmd.env_remove("NO_COLOR");
        for (key, value) in extra_env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn crosswalk");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let parser = vt100::Parser::new(nonzero(rows), nonzero(cols), 0);
        Tui { child, master: pair.master, writer, output: rx, parser }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until `text` is on screen; fails with the screen as it is.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if self.screen().contains(text) {
                return;
            }
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
        // Give the app a moment so each key is its own event (Esc + key would read as Alt).
        self.pump(Duration::from_millis(60));
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize");
        self.parser.screen_mut().set_size(nonzero(rows), nonzero(cols));
    }

    fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
        }
        panic!("crosswalk did not exit; screen:\n{}", self.screen());
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal sizes are positive")
}

/// Keeps a note (Esc would ask before dropping typed text).
const CTRL_S: &str = "\x13";
const TAB: &str = "\t";
const ENTER: &str = "\r";

#[test]
fn create_answer_note_quit_then_resume() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = Tui::start(dir.path(), &["new", "--client", "Acme Robotics"], 100, 30);
    tui.wait_for("Business profile");
    tui.send(TAB);
    tui.wait_for("GOV-01");
    for key in ["3", "2", "4"] {
        tui.send(key);
    }
    tui.wait_for("saved");
    tui.send("e");
    tui.wait_for("Note");
    tui.send("Policy set approved in March");
    tui.send(CTRL_S);
    tui.wait_for("Note: Policy set approved in March");
    // Export from the last view: Shift-Tab from the question view wraps to Profile, so go
    // forward five views to Export.
    tui.send(&TAB.repeat(5));
    tui.wait_for("Press Enter to write the deliverables");
    tui.send(ENTER);
    tui.wait_for("Written:");
    tui.send("q");
    assert!(tui.wait_exit(), "quit exits cleanly");

    let exported = dir.path().join("exports").join("acme-robotics");
    let roadmap = std::fs::read_to_string(exported.join("roadmap.md")).expect("roadmap exported");
    assert!(roadmap.contains("Acme Robotics"), "{roadmap}");
    for file in ["soa.csv", "gaps.csv", "report.json", "evidence.md", "evidence.csv", "readiness.svg", "timeline.svg"] {
        assert!(exported.join(file).is_file(), "{file} exported");
    }

    let file = dir.path().join("acme-robotics.toml");
    let saved = std::fs::read_to_string(&file).expect("assessment file written");
    assert!(saved.contains("Policy set approved in March"), "{saved}");

    let mut again = Tui::start(dir.path(), &["open", "Acme Robotics"], 100, 30);
    again.wait_for("3 answered");
    again.send("/GOV-01");
    again.send(ENTER);
    again.wait_for("Implemented");
    again.send(&format!("{TAB}{TAB}"));
    again.wait_for("3 answers changed since opened".replace('3', "0").as_str());
    again.send("q");
    assert!(again.wait_exit());
}

#[test]
fn home_screen_lists_saved_assessments_and_opens_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = Tui::start(dir.path(), &["new", "--client", "Globex"], 100, 30);
    first.wait_for("Business profile");
    first.send("q");
    assert!(first.wait_exit());

    // Starting "new" for a client already on file resumes it rather than duplicating it.
    let mut again = Tui::start(dir.path(), &["new", "--client", "globex"], 100, 30);
    again.wait_for("already has an assessment");
    again.send("q");
    assert!(again.wait_exit());
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "one client, one assessment");

    let mut home = Tui::start(dir.path(), &[], 100, 30);
    home.wait_for("Globex");
    home.wait_for("New assessment");
    home.send("j");
    home.send(ENTER);
    home.wait_for("Business profile");
    // `o` closes the assessment and goes home, releasing the lock for another window.
    home.send("o");
    home.wait_for("New assessment");
    let mut other = Tui::start(dir.path(), &["open", "globex"], 100, 30);
    other.wait_for("Business profile");
    assert!(!other.screen().contains("Assessment in use"), "the lock was released");
    other.send("q");
    assert!(other.wait_exit());
    home.send("q");
    assert!(home.wait_exit());
}

#[test]
fn too_small_terminal_then_resize_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = Tui::start(dir.path(), &["new", "--client", "Initech"], 100, 30);
    tui.wait_for("Business profile");
    tui.send(TAB);
    tui.wait_for("GOV-01");
    tui.resize(60, 20);
    tui.wait_for("Please enlarge the terminal");
    // Keys pressed while nothing can be seen must not answer anything.
    tui.send("0");
    tui.send("0");
    // Let the keys be read before the terminal grows again.
    tui.pump(Duration::from_millis(300));
    tui.resize(100, 30);
    tui.wait_for("GOV-01");
    tui.send("q");
    assert!(tui.wait_exit());
    let saved = std::fs::read_to_string(dir.path().join("initech.toml")).expect("file");
    assert!(!saved.contains("level"), "blind keys answered questions: {saved}");
}

#[test]
fn second_instance_is_refused_and_may_open_read_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = Tui::start(dir.path(), &["new", "--client", "Umbrella"], 100, 30);
    first.wait_for("Business profile");

    let mut second = Tui::start(dir.path(), &["open", "Umbrella"], 100, 30);
    second.wait_for("Assessment in use");
    second.wait_for("open in another crosswalk");
    second.send("r");
    second.wait_for("READ-ONLY");
    second.send(TAB);
    second.send("3");
    second.wait_for("read-only");
    second.send("q");
    assert!(second.wait_exit());

    // The first instance still owns the file and saves into it.
    first.send(TAB);
    first.send("4");
    first.wait_for("saved");
    first.send("q");
    assert!(first.wait_exit());
    let saved = std::fs::read_to_string(dir.path().join("umbrella.toml")).expect("file");
    assert!(saved.contains("level = 4"), "{saved}");
    assert!(!saved.contains("level = 3"), "the read-only instance wrote nothing: {saved}");
}

#[test]
fn no_color_draws_without_colour() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = Tui::start_with(dir.path(), &["new", "--client", "Hooli"], 100, 30, &[("NO_COLOR", "1")]);
    tui.wait_for("Business profile");
    tui.send(TAB);
    tui.wait_for("GOV-01");
    let screen = tui.parser.screen();
    let mut coloured = 0;
    for row in 0..30 {
        for col in 0..100 {
            if let Some(cell) = screen.cell(row, col)
                && (cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default)
            {
                coloured += 1;
            }
        }
    }
    assert_eq!(coloured, 0, "NO_COLOR: every cell in default colours");
    tui.send("q");
    assert!(tui.wait_exit());
}

#[test]
fn private_note_is_masked_on_the_real_terminal_until_revealed() {
    let secret = "Qzvx lxqves Mxrch";
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = Tui::start(dir.path(), &["new", "--client", "Initech"], 100, 30);
    tui.wait_for("Business profile");
    tui.send(TAB);
    tui.wait_for("GOV-01");
    tui.send("c");
    tui.wait_for("Consultant-only note");
    for ch in secret.chars() {
        tui.send(&ch.to_string());
        for word in secret.split(' ') {
            assert!(!tui.screen().contains(&word[..3]), "typed text on screen:\n{}", tui.screen());
        }
    }
    tui.wait_for("•••••");
    tui.send(CTRL_S);
    tui.wait_for("Consultant-only note kept");
    assert!(!tui.screen().contains("Qzv"), "{}", tui.screen());
    tui.send("r");
    tui.wait_for(secret);
    tui.send("l");
    tui.wait_for("2 of ");
    tui.send("h");
    tui.wait_for("Consultant-only note kept");
    assert!(!tui.screen().contains("Qzv"), "masked again on coming back:\n{}", tui.screen());
    tui.send("q");
    assert!(tui.wait_exit());
    let saved = std::fs::read_to_string(dir.path().join("initech.toml")).expect("saved");
    assert!(saved.contains(secret) && saved.contains("note_private = true"), "{saved}");
}

#[test]
fn open_resumes_the_view_question_and_deep_dives_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = Tui::start(dir.path(), &["new", "--client", "Fjordline"], 100, 30);
    tui.wait_for("Business profile");
    tui.send(TAB);
    tui.wait_for("GOV-01");
    tui.send("3");
    tui.send("/IR-05");
    tui.send(ENTER);
    tui.wait_for("IR-05");
    tui.send("h");
    tui.send("h");
    tui.wait_for("IR-03");
    tui.send("q");
    assert!(tui.wait_exit());
    assert!(dir.path().join("fjordline.toml.workshop").is_file(), "the place is kept beside the file");

    let mut again = Tui::start(dir.path(), &["open", "Fjordline"], 100, 30);
    again.wait_for("IR-03");
    again.wait_for("deep-dive open");
    // Closing the deep-dive on one of its questions stays in the domain.
    again.send("l");
    again.send("l");
    again.wait_for("IR-05");
    again.send("d");
    again.wait_for("IR-04");
    again.send(TAB);
    again.wait_for("Enter walks a domain");
    again.send("q");
    assert!(again.wait_exit());

    // A prefix of the client name, in any case, is enough.
    let mut third = Tui::start(dir.path(), &["open", "fjord"], 100, 30);
    third.wait_for("Enter walks a domain");
    third.send("q");
    assert!(third.wait_exit());
}

#[test]
fn the_first_edit_of_a_new_workshop_keeps_the_previous_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports/lumenfield.toml");
    let file = dir.path().join("lumenfield.toml");
    std::fs::copy(&fixture, &file).expect("copy fixture");
    let history = dir.path().join("lumenfield.history");

    // Last saved weeks ago: the first answer of today's workshop keeps the file as it was.
    let mut tui = Tui::start(dir.path(), &["open", "lumenfield"], 100, 30);
    tui.wait_for("answered");
    tui.send("/GOV-01");
    tui.send(ENTER);
    tui.wait_for("GOV-01");
    tui.send("4");
    tui.wait_for("saved");
    tui.send("1");
    tui.wait_for("saved");
    tui.send("q");
    assert!(tui.wait_exit());
    let kept: Vec<_> = std::fs::read_dir(&history).expect("history folder").filter_map(Result::ok).collect();
    assert_eq!(kept.len(), 1, "one snapshot for the workshop, not one per save");
    assert_eq!(std::fs::read(kept[0].path()).expect("snapshot"), std::fs::read(&fixture).expect("fixture"));
    assert_ne!(std::fs::read(&file).expect("saved"), std::fs::read(&fixture).expect("fixture"), "the edit was saved");
}
