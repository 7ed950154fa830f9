//! Helpers shared by the TUI tests: synthetic keys and a fresh workshop state.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use crosswalk::tui::app::{App, Effect};
use crosswalk::{Assessment, Questionnaire};

/// A fresh assessment as `crosswalk new` would start it, not backed by a file.
pub fn fresh_app() -> App {
    let assessment = Assessment::new("Northwind Analytics", "Dana Reyes", "2026-11-25T09:00:00Z");
    crosswalk::tui::demo_app(Questionnaire::embedded(), assessment)
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Sends keys written as a small script: plain characters are typed; `<Tab>`, `<Enter>`,
/// `<Esc>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<BackTab>`, `<Space>`, `<PageDown>` are
/// keys; `<C-r>` is Ctrl+r. Returns the effects the app asked for.
pub fn send(app: &mut App, script: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if let Some(ctrl) = rest.strip_prefix("<C-").and_then(|r| r.chars().next()) {
            effects.extend(app.handle_key(KeyEvent::new(KeyCode::Char(ctrl), KeyModifiers::CONTROL)));
            rest = &rest["<C-x>".len()..];
            continue;
        }
        let (code, used) = if c == '<' && rest[1..].starts_with(|n: char| n.is_ascii_uppercase()) {
            let end = rest.find('>').expect("closing >");
            let code = match &rest[1..end] {
                "Tab" => KeyCode::Tab,
                "BackTab" => KeyCode::BackTab,
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Up" => KeyCode::Up,
                "Down" => KeyCode::Down,
                "Left" => KeyCode::Left,
                "Right" => KeyCode::Right,
                "Space" => KeyCode::Char(' '),
                "PageDown" => KeyCode::PageDown,
                other => panic!("unknown key <{other}>"),
            };
            (code, end + 1)
        } else {
            (KeyCode::Char(c), c.len_utf8())
        };
        effects.extend(app.handle_key(key(code)));
        rest = &rest[used..];
    }
    effects
}

/// The text of the screen, one line per row, trailing spaces trimmed.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let terminal = crosswalk::tui::render_to_buffer(app, width, height);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Profile keys from a fresh state: a US-headquartered SaaS with 60% North American and
/// 40% European pipeline, GDPR, a named SOC 2 deal in 20 weeks and 1.5 FTE of compliance lead time.
pub const PROFILE_SCRIPT: &str = concat!(
    "<Down><Down><Down><Enter><Down><Enter>",      // headquarters: North America
    "<Down><Down><Enter>60<Enter>",                // buyers: North America 60%
    "<Down><Enter>40<Enter>",                      // buyers: Europe 40%
    "<Down><Down><Down><Down><Down><Down><Space>", // GDPR
    "<Down><Down><Down><Down><Down><Down><Down><Down><Down><Enter>US enterprise deal<Enter>", // deadline name
    "<Down><Enter>20<Enter>",                      // deadline in 20 weeks
    "<Down><Enter><Down><Enter>",                  // the deal asks for SOC 2
    "<Down><Down><Down><Down><Down><Down><Down><Enter>1.5<Enter>", // compliance lead 1.5 FTE
);

/// Question keys: answers, an n/a with its justification, an ask-later, a note.
pub const ANSWER_SCRIPT: &str = concat!(
    "3323",
    // Office entry may be not applicable (Enter again confirms what it excludes); back to the
    // internal audit to go on in order.
    "/PHY-02<Enter>nNo physical office in scope<Enter><Enter>/GOV-09<Enter>",
    "u2",
    "eOkta rollout | half done<Enter>MFA for admins only<C-s>",
    "<Right>3342213324",
);
