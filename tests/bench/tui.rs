//! TUI benchmark: how long a frame takes to draw, for every screen at 200x60, with the shipped
//! questionnaire and a synthetic 10,000-question one, plus keystroke-to-frame (answer, rescore,
//! redraw) and cold start of the real binary to its first frame in a pseudo-terminal.
//! Targets: busiest screen under 2 ms shipped and under 16 ms at 10,000 questions; cold start
//! under 100 ms.
//!
//! Run with `cargo bench --bench tui` (it builds the release binary first for the cold start).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use crosswalk::tui::app::App;
use crosswalk::tui::overlays::{Overlay, help::Help, why::Why};
use crosswalk::tui::views::View;
use crosswalk::tui::{demo_app, ui};
use crosswalk::{Assessment, Questionnaire};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::io::Read;
use std::time::Duration;

#[path = "common.rs"]
mod common;
use common::{Rng, Stats, TABLE_HEADER, fully_answered, row, synthetic, time};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

fn frame_time(app: &App, runs: usize) -> Stats {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    time(runs, |_| {
        let _ = terminal.draw(|frame| ui::render(black_box(app), frame));
    })
}

/// Every screen and the two largest overlays, drawn; returns the slowest median.
fn screens(name: &str, questionnaire: Questionnaire, assessment: Assessment, runs: usize) -> Duration {
    let mut app = demo_app(questionnaire, assessment);
    let mut slowest = Duration::ZERO;
    for view in View::ALL {
        app.view = view;
        app.overlay = None;
        let stats = frame_time(&app, runs);
        slowest = slowest.max(stats.median);
        row(&format!("{name}: {}", view.title()), &stats);
    }
    app.view = View::Dashboard;
    for (label, overlay) in
        [("why overlay", Overlay::Why(Why::new(0))), ("help overlay", Overlay::Help(Help::default()))]
    {
        app.overlay = Some(overlay);
        let stats = frame_time(&app, runs);
        slowest = slowest.max(stats.median);
        row(&format!("{name}: {label}"), &stats);
    }
    app.overlay = None;
    app.view = View::Question;
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    let stats = time(runs, |i| {
        // Alternate two levels so every key really changes the answer and the scores.
        let key = KeyCode::Char(if i % 2 == 0 { '2' } else { '3' });
        app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
        app.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        let _ = terminal.draw(|frame| ui::render(&app, frame));
    });
    row(&format!("{name}: keystroke to frame (answer, rescore, redraw)"), &stats);
    slowest
}

/// Starts the release binary in a pseudo-terminal and waits for its first frame.
fn cold_start(binary: &str, runs: usize) -> Stats {
    let dir = tempfile::tempdir().expect("tempdir");
    time(runs, |_| {
        let pair =
            native_pty_system().openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut cmd = CommandBuilder::new(binary);
        cmd.env("CROSSWALK_DATA_DIR", dir.path());
        cmd.env("TERM", "xterm-256color");
        let mut child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        // The home screen's first frame has drawn once its last line, the key hints, is out.
        while !String::from_utf8_lossy(&seen).contains("quit") {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        let _ = child.kill();
        let _ = child.wait();
    })
}

fn main() {
    let shipped = Questionnaire::embedded();
    let answered = fully_answered(&shipped);
    println!("Frame draw at {WIDTH}x{HEIGHT}, every question answered with a note\n\n{TABLE_HEADER}");
    let small = screens("shipped", shipped, answered, 300);
    let big_questionnaire = synthetic(10_000, &mut Rng(0x5eed));
    let big_answers = fully_answered(&big_questionnaire);
    let big = screens("10,000 questions", big_questionnaire, big_answers, 30);

    let status = std::process::Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bin", "crosswalk"])
        .status()
        .expect("cargo build");
    assert!(status.success(), "release build failed");
    let binary = concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/crosswalk");
    let start = cold_start(binary, 20);
    row("cold start to first frame (release binary, home screen)", &start);

    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!(
        "\nbusiest screen, shipped: {:.3} ms (target 2 ms: {})",
        small.as_secs_f64() * 1e3,
        verdict(small < Duration::from_millis(2))
    );
    println!(
        "busiest screen, 10,000 questions: {:.3} ms (target 16 ms: {})",
        big.as_secs_f64() * 1e3,
        verdict(big < Duration::from_millis(16))
    );
    println!(
        "cold start median: {:.1} ms (target 100 ms: {})",
        start.median.as_secs_f64() * 1e3,
        verdict(start.median < Duration::from_millis(100))
    );
}
