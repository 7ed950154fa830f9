//! TUI benchmark: how long a frame takes to draw, for every screen at 200x60, with the shipped
//! questionnaire and a synthetic 10,000-question one, plus keystroke-to-frame on the question
//! screen, the re-score it defers, and cold start of the real binary to its first frame in a
//! pseudo-terminal, with where the cold start's time goes.
//! Targets: busiest screen under 2 ms shipped and under 16 ms at 10,000 questions; keystroke
//! to frame under 16 ms at 10,000 questions; cold start under 40 ms.
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

/// Every screen and the two largest overlays, drawn; returns the slowest median and the
/// keystroke-to-frame median on the question screen.
fn screens(name: &str, questionnaire: Questionnaire, assessment: Assessment, runs: usize) -> (Duration, Duration) {
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
    row(&format!("{name}: keystroke to frame on the question screen (answer, redraw)"), &stats);
    let rescore = time(runs, |i| {
        let key = KeyCode::Char(if i % 2 == 0 { '2' } else { '3' });
        app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
        app.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        app.idle();
    });
    row(&format!("{name}: the re-score an idle moment or a view with figures catches up"), &rescore);
    // The profile shows the live recommendation: a tick there re-scores before the frame.
    app.view = View::Profile;
    let fields = crosswalk::tui::profile_form::fields();
    let tick =
        fields.iter().position(|&f| crosswalk::tui::profile_form::kind(f) == crosswalk::tui::profile_form::Kind::Tick);
    app.views.profile.cursor = tick.expect("a checkbox field");
    let figures = time(runs, |_| {
        app.handle_key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE));
        let _ = terminal.draw(|frame| ui::render(&app, frame));
    });
    row(&format!("{name}: a profile tick (change, decide again, redraw the live recommendation)"), &figures);
    let plan = time(runs, |_| {
        app.handle_key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE));
        app.idle();
    });
    row(&format!("{name}: a profile tick and the plan an idle moment catches up"), &plan);
    // A deal deadline weighs by reach: the decision then runs the audit calendar's floor in
    // both orders (two timelines), the one part of a profile tick that grows with the work.
    let session = app.session.as_mut().expect("an open assessment");
    let deal = crosswalk::profile::Deadline::new(20, Some(crosswalk::Framework::Soc2), "");
    session.assessment.profile.deadlines.push(deal);
    let with_deadline = time(runs, |_| {
        app.handle_key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE));
        let _ = terminal.draw(|frame| ui::render(&app, frame));
    });
    row(&format!("{name}: a profile tick with a deal deadline (its reach decided again)"), &with_deadline);
    app.session.as_mut().expect("an open assessment").assessment.profile.deadlines.pop();
    // A SOC 2 category is scope: readiness is computed again too.
    let scope = fields.iter().position(|&f| matches!(f, crosswalk::tui::profile_form::Field::Soc2Category(_)));
    app.views.profile.cursor = scope.expect("a SOC 2 category field");
    let scoped = time(runs, |_| {
        app.handle_key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE));
        let _ = terminal.draw(|frame| ui::render(&app, frame));
    });
    row(&format!("{name}: a SOC 2 category tick (scope: re-score, decide, redraw)"), &scoped);
    (slowest, stats.median)
}

/// Where a cold start spends its time before the first frame, measured in process: loading
/// the questionnaires, building the catalog, listing the data folder, drawing home.
fn cold_start_parts(runs: usize) {
    let q = time(runs, |_| {
        black_box(Questionnaire::embedded());
    });
    row("cold start part: parse the embedded questionnaires", &q);
    let c = time(runs, |_| {
        let soc2 = include_str!("../../questionnaires/frameworks/soc2.toml");
        let iso = include_str!("../../questionnaires/frameworks/iso27001.toml");
        black_box(crosswalk::Catalog::parse(soc2, iso).expect("the embedded catalog parses"));
    });
    row("cold start part: build the catalog", &c);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = crosswalk::store::Store::open(Some(dir.path())).expect("store");
    for i in 0..20 {
        store.create(&format!("Client {i}"), "").expect("create");
    }
    let questionnaire = Questionnaire::embedded();
    let l = time(runs, |_| {
        black_box(store.list(&questionnaire).expect("list"));
    });
    row("cold start part: list a data folder of 20 assessments", &l);
    let app = App::new(crosswalk::Catalog::embedded(), questionnaire, crosswalk::tui::theme::Theme::default());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test backend");
    let d = time(runs, |_| {
        let _ = terminal.draw(|frame| ui::render(black_box(&app), frame));
    });
    row("cold start part: draw the home screen", &d);
}

/// Starts the release binary in a pseudo-terminal and waits for its first frame. Only spawn to
/// first frame is timed: stopping the child afterwards (portable-pty sends SIGHUP and polls for
/// the exit, and crosswalk saves and restores the terminal on SIGHUP) is not start-up.
fn cold_start(binary: &str, runs: usize) -> Stats {
    let dir = tempfile::tempdir().expect("tempdir");
    let once = || {
        let pair =
            native_pty_system().openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut cmd = CommandBuilder::new(binary);
        cmd.env("CROSSWALK_DATA_DIR", dir.path());
        cmd.env("TERM", "xterm-256color");
        let start = std::time::Instant::now();
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
        let first_frame = start.elapsed();
        let _ = child.kill();
        let _ = child.wait();
        first_frame
    };
    for _ in 0..runs.div_ceil(10) {
        once();
    }
    Stats::of((0..runs).map(|_| once()).collect())
}

fn main() {
    let shipped = Questionnaire::embedded();
    let answered = fully_answered(&shipped);
    println!("Frame draw at {WIDTH}x{HEIGHT}, every question answered with a note\n\n{TABLE_HEADER}");
    let (small, _) = screens("shipped", shipped, answered, 300);
    let big_questionnaire = synthetic(10_000, &mut Rng(0x5eed));
    let big_answers = fully_answered(&big_questionnaire);
    let (big, big_key) = screens("10,000 questions", big_questionnaire, big_answers, 30);

    let status = std::process::Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bin", "crosswalk"])
        .status()
        .expect("cargo build");
    assert!(status.success(), "release build failed");
    let binary = concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/crosswalk");
    let start = cold_start(binary, 20);
    row("cold start to first frame (release binary, home screen)", &start);
    cold_start_parts(20);

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
        "keystroke to frame, 10,000 questions: {:.3} ms (target 16 ms: {})",
        big_key.as_secs_f64() * 1e3,
        verdict(big_key < Duration::from_millis(16))
    );
    println!(
        "cold start median: {:.1} ms (target 40 ms: {})",
        start.median.as_secs_f64() * 1e3,
        verdict(start.median < Duration::from_millis(40))
    );
}
