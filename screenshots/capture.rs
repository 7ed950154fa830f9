//! Takes PNG pictures of each main screen of the real binary on the demo assessment:
//! runs `crosswalk` in a pseudo-terminal, reads the screen through a terminal emulator, writes
//! it as SVG and converts it with `rsvg-convert`. Run through `screenshots/make.sh`, which
//! installs what this needs.
//!
//! Usage: cargo run --release --example screenshots -- <crosswalk binary> <demo.toml> <out dir>

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const COLS: u16 = 120;
const ROWS: u16 = 36;
const FONT_SIZE: f64 = 16.0;
/// DejaVu Sans Mono advance width per em.
const CELL_WIDTH: f64 = FONT_SIZE * 1233.0 / 2048.0;
const LINE_HEIGHT: f64 = FONT_SIZE * 1.17;
const BASELINE: f64 = FONT_SIZE * 0.93;
const BACKGROUND: (u8, u8, u8) = (0x1d, 0x1f, 0x21);
const FOREGROUND: (u8, u8, u8) = (0xe5, 0xe5, 0xe5);

/// How long one screen may take to show its text before the run fails, naming it.
const WAIT: Duration = Duration::from_secs(10);
/// Output stays quiet this long once the text is there: the frame is complete.
const QUIET: Duration = Duration::from_millis(200);

/// One picture: the file, the screen's name for messages, the keys that lead to it from the
/// one before, and a text only that screen shows.
struct Shot {
    file: &'static str,
    screen: &'static str,
    keys: &'static str,
    wait_for: &'static str,
}

/// `open` resumes on the question screen (the first one unanswered); Tab walks the views in their order (Profile comes
/// round last) and `?` opens the key list over the profile.
const SHOTS: &[Shot] = &[
    // One question back: an answered one, and the opening message is gone.
    Shot { file: "1-question.png", screen: "question", keys: "\x1b[D", wait_for: "4 of 69 in this walk" },
    Shot { file: "2-domains.png", screen: "domains", keys: "\t", wait_for: "Enter walks a domain" },
    Shot { file: "3-dashboard.png", screen: "dashboard", keys: "\t", wait_for: "Readiness by domain" },
    Shot { file: "4-recommendation.png", screen: "recommendation", keys: "\t", wait_for: "Which framework first" },
    Shot { file: "5-roadmap.png", screen: "roadmap", keys: "\t", wait_for: "Milestones (week, date)" },
    Shot { file: "6-export.png", screen: "export", keys: "\t", wait_for: "write the deliverables" },
    Shot { file: "7-profile.png", screen: "profile", keys: "\t", wait_for: "Business profile" },
    Shot { file: "8-help.png", screen: "help", keys: "?", wait_for: "Everywhere, even while typing" },
];

fn main() {
    if let Err(e) = run() {
        eprintln!("screenshots: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, binary, demo, out] = args.as_slice() else {
        return Err("usage: screenshots <crosswalk binary> <demo.toml> <out dir>".into());
    };
    let data = std::env::temp_dir().join(format!("crosswalk-shots-{}", std::process::id()));
    std::fs::create_dir_all(&data)?;
    std::fs::copy(demo, data.join("demo.toml"))?;
    let result = capture(binary, &data, Path::new(out));
    let _ = std::fs::remove_dir_all(&data);
    result
}

fn capture(binary: &str, data: &Path, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let pair = native_pty_system().openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })?;
    let mut cmd = CommandBuilder::new(binary);
    cmd.args(["open", "demo"]);
    cmd.cwd(data);
    cmd.env("TERM", "xterm-256color");
    cmd.env("CROSSWALK_DATA_DIR", data);
    let mut child = pair.slave.spawn_command(cmd)?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader()?;
    let mut writer = pair.master.take_writer()?;
    let (tx, rx) = channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let size = |n| NonZeroU16::new(n).ok_or("size");
    let mut parser = vt100::Parser::new(size(ROWS)?, size(COLS)?, 0);
    std::fs::create_dir_all(out)?;
    for shot in SHOTS {
        writer.write_all(shot.keys.as_bytes())?;
        writer.flush()?;
        if let Err(e) = wait_for(&mut parser, &rx, shot) {
            let _ = child.kill();
            return Err(e.into());
        }
        let svg_path = data.join(shot.file.replace(".png", ".svg"));
        std::fs::write(&svg_path, to_svg(parser.screen()))?;
        let png = out.join(shot.file);
        convert(&svg_path, &png)?;
        println!("wrote {} ({})", png.display(), shot.screen);
    }
    writer.write_all(b"q")?;
    writer.flush()?;
    let _ = child.wait();
    Ok(())
}

/// Feeds the emulator until the shot's text is on screen and the output has gone quiet, or
/// fails after [`WAIT`] naming the screen, the text and what the screen showed instead. The
/// deadline holds however busy the output is (a redraw every 100 ms never holds it up).
fn wait_for(parser: &mut vt100::Parser, rx: &Receiver<Vec<u8>>, shot: &Shot) -> Result<(), String> {
    let deadline = Instant::now() + WAIT;
    let mut seen_at: Option<Instant> = None;
    while Instant::now() < deadline {
        let quiet = match rx.recv_timeout(QUIET) {
            Ok(bytes) => {
                parser.process(&bytes);
                false
            }
            Err(RecvTimeoutError::Timeout) => true,
            Err(RecvTimeoutError::Disconnected) => {
                return Err(format!(
                    "the {} screen: crosswalk exited while waiting for {:?}; last screen:\n{}",
                    shot.screen,
                    shot.wait_for,
                    parser.screen().contents()
                ));
            }
        };
        if parser.screen().contents().contains(shot.wait_for) {
            let since = *seen_at.get_or_insert_with(Instant::now);
            if quiet || since.elapsed() > 4 * QUIET {
                return Ok(());
            }
        } else {
            seen_at = None;
        }
    }
    Err(format!(
        "the {} screen: {:?} did not appear within {} s; the screen shows:\n{}",
        shot.screen,
        shot.wait_for,
        WAIT.as_secs(),
        parser.screen().contents()
    ))
}

fn convert(svg: &Path, png: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let status = Command::new("rsvg-convert").args(["--zoom", "2", "-o"]).arg(png).arg(svg).status()?;
    if !status.success() {
        return Err(format!("rsvg-convert failed on {}", svg.display()).into());
    }
    Ok(())
}

/// The xterm 256-colour palette.
fn palette(index: u8) -> (u8, u8, u8) {
    const BASE: [(u8, u8, u8); 16] = [
        (0x00, 0x00, 0x00),
        (0xcd, 0x00, 0x00),
        (0x00, 0xcd, 0x00),
        (0xcd, 0xcd, 0x00),
        (0x00, 0x00, 0xee),
        (0xcd, 0x00, 0xcd),
        (0x00, 0xcd, 0xcd),
        (0xe5, 0xe5, 0xe5),
        (0x7f, 0x7f, 0x7f),
        (0xff, 0x00, 0x00),
        (0x00, 0xff, 0x00),
        (0xff, 0xff, 0x00),
        (0x5c, 0x5c, 0xff),
        (0xff, 0x00, 0xff),
        (0x00, 0xff, 0xff),
        (0xff, 0xff, 0xff),
    ];
    match index {
        0..=15 => BASE[usize::from(index)],
        16..=231 => {
            let i = index - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (level(i / 36), level((i / 6) % 6), level(i % 6))
        }
        _ => {
            let v = 8 + (index - 232) * 10;
            (v, v, v)
        }
    }
}

fn rgb(color: vt100::Color, default: (u8, u8, u8)) -> (u8, u8, u8) {
    match color {
        vt100::Color::Default => default,
        vt100::Color::Idx(i) => palette(i),
        vt100::Color::Rgb(r, g, b) => (r, g, b),
    }
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// One `<rect>` per background run and one `<text>` per same-style run (librsvg ignores
/// per-glyph x lists, so each run gets a single x).
fn to_svg(screen: &vt100::Screen) -> String {
    let width = f64::from(COLS) * CELL_WIDTH;
    let height = f64::from(ROWS) * LINE_HEIGHT;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         font-family=\"DejaVu Sans Mono\" font-size=\"{FONT_SIZE}\" xml:space=\"preserve\">\
         <rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        hex(BACKGROUND)
    );
    for row in 0..ROWS {
        let y = f64::from(row) * LINE_HEIGHT;
        let mut col = 0;
        while col < COLS {
            let Some(cell) = screen.cell(row, col) else { break };
            let (mut fg, mut bg) = (rgb(cell.fgcolor(), FOREGROUND), rgb(cell.bgcolor(), BACKGROUND));
            if cell.inverse() {
                std::mem::swap(&mut fg, &mut bg);
            }
            let bold = cell.bold();
            let start = col;
            let mut text = String::new();
            while col < COLS {
                let Some(c) = screen.cell(row, col) else { break };
                let (mut f, mut b) = (rgb(c.fgcolor(), FOREGROUND), rgb(c.bgcolor(), BACKGROUND));
                if c.inverse() {
                    std::mem::swap(&mut f, &mut b);
                }
                if (f, b, c.bold()) != (fg, bg, bold) || c.is_wide() {
                    if col == start {
                        text.push_str(if c.has_contents() { c.contents() } else { " " });
                        col += if c.is_wide() { 2 } else { 1 };
                    }
                    break;
                }
                text.push_str(if c.has_contents() { c.contents() } else { " " });
                col += 1;
            }
            let x = f64::from(start) * CELL_WIDTH;
            let w = f64::from(col - start) * CELL_WIDTH;
            if bg != BACKGROUND {
                let _ = write!(
                    svg,
                    "<rect x=\"{x:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{LINE_HEIGHT:.2}\" fill=\"{}\"/>",
                    hex(bg)
                );
            }
            if !text.trim().is_empty() {
                let weight = if bold { " font-weight=\"bold\"" } else { "" };
                let _ = write!(
                    svg,
                    "<text x=\"{x:.2}\" y=\"{:.2}\" fill=\"{}\"{weight}>{}</text>",
                    y + BASELINE,
                    hex(fg),
                    escape(&text)
                );
            }
        }
    }
    svg.push_str("</svg>\n");
    svg
}
