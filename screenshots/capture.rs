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
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::channel;
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

/// (file name, keys to send before the picture, text to wait for)
const SHOTS: &[(&str, &str, &str)] = &[
    ("1-question.png", "", "Answer"),
    ("2-domains.png", "\t", "Deep-dive"),
    ("3-dashboard.png", "\t", "Readiness by domain"),
    ("4-recommendation.png", "\t", "What would change it"),
    ("5-roadmap.png", "\t", "Audit milestones"),
    ("6-export.png", "\t", "deliverables"),
    ("7-profile.png", "\t", "Business profile"),
    ("8-help.png", "?", "any other key closes"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, binary, demo, out] = args.as_slice() else {
        return Err("usage: screenshots <crosswalk binary> <demo.toml> <out dir>".into());
    };
    let data = std::env::temp_dir().join(format!("crosswalk-shots-{}", std::process::id()));
    std::fs::create_dir_all(&data)?;
    std::fs::copy(demo, data.join("demo.toml"))?;

    let pair = native_pty_system().openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })?;
    let mut cmd = CommandBuilder::new(binary);
    cmd.args(["open", "demo"]);
    cmd.cwd(&data);
    cmd.env("TERM", "xterm-256color");
    cmd.env("CROSSWALK_DATA_DIR", &data);
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
    let settle = |parser: &mut vt100::Parser, wait_for: &str| -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            while let Ok(bytes) = rx.recv_timeout(Duration::from_millis(150)) {
                parser.process(&bytes);
            }
            if parser.screen().contents().contains(wait_for) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {wait_for:?}:\n{}", parser.screen().contents()));
            }
        }
    };
    std::fs::create_dir_all(out)?;
    for (name, keys, wait_for) in SHOTS {
        writer.write_all(keys.as_bytes())?;
        writer.flush()?;
        settle(&mut parser, wait_for)?;
        let svg_path = data.join(name.replace(".png", ".svg"));
        std::fs::write(&svg_path, to_svg(parser.screen()))?;
        let png = PathBuf::from(out).join(name);
        convert(&svg_path, &png)?;
        println!("wrote {}", png.display());
    }
    writer.write_all(b"q")?;
    writer.flush()?;
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
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
