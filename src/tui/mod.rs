//! The workshop TUI: a thin layer over the core. `app` routes keys to the views and
//! overlays (each owns its state, update and drawing), `shell` carries out effects against the
//! store, `ui` draws the frame, and this file owns the terminal and the event loop.

pub mod agenda;
pub mod app;
pub mod history;
pub mod input;
pub mod keymap;
pub mod overlays;
pub mod profile_form;
pub mod session;
pub mod shell;
pub mod theme;
pub mod ui;
pub mod views;
pub mod widgets;

use crate::assessment::Assessment;
use crate::catalog::Catalog;
use crate::questionnaire::Questionnaire;
use crate::store::Store;
use app::{App, Effect};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use shell::Shell;
use std::io::{self, Stdout};
use std::path::{Path, PathBuf};

/// How long the loop waits for input before redrawing anyway.
const IDLE_REDRAW: std::time::Duration = std::time::Duration::from_millis(250);

/// Where the TUI starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Home,
    New { client: String },
    Open { name: String },
}

/// Puts the terminal back as it was. Safe to call more than once and never panics: it runs
/// on quit, on error and from the panic hook.
fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen, crossterm::cursor::Show);
}

fn setup_terminal() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Runs the workshop TUI until the consultant quits. Answers are saved as they are given,
/// so leaving by any route (q, Ctrl-C, a closed terminal) loses nothing.
pub fn run(questionnaire: Questionnaire, data_dir: Option<&Path>, start: Start) -> Result<(), String> {
    let store = Store::open(data_dir).map_err(|e| e.to_string())?;
    let mut shell = Shell::new(store);
    let mut app = App::new(Catalog::embedded(), questionnaire, theme::Theme::from_env());
    for outcome in shell.list(&app.questionnaire) {
        app.on_outcome(outcome);
    }
    match start {
        Start::Home => {}
        Start::New { client } => shell.perform(&mut app, Effect::Create { client }),
        Start::Open { name } => match shell.store.resolve(&name) {
            Ok(path) => {
                let outcome = shell.open(&path, false, false);
                app.on_outcome(outcome);
            }
            Err(e) => return Err(e.to_string()),
        },
    }
    let mut terminal = setup_terminal().map_err(|e| {
        restore_terminal();
        format!("cannot start the terminal interface: {e}")
    })?;
    let result = event_loop(&mut terminal, &mut app, &mut shell);
    restore_terminal();
    result.map_err(|e| format!("terminal error: {e}"))
}

fn event_loop<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, shell: &mut Shell) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    let initial = terminal.size().map_err(Into::into)?;
    let mut size = (initial.width, initial.height);
    let started = std::time::Instant::now();
    loop {
        // A monotonic clock: the agenda must not jump when the wall clock is set.
        app.tick(started.elapsed().as_secs());
        terminal.draw(|frame| ui::render(app, frame)).map_err(Into::into)?;
        // Wake up now and then even without input: drawing re-reads the terminal size, so a
        // resize whose signal got lost still redraws within a moment. Unchanged frames send
        // nothing to the terminal.
        if !event::poll(IDLE_REDRAW)? {
            // Nothing typed for a moment: catch the figures up with the last answers.
            app.idle();
            continue;
        }
        let effects = match event::read()? {
            Event::Resize(width, height) => {
                size = (width, height);
                Vec::new()
            }
            // Too small to draw means too small to see what a key does: only quitting works.
            // The size comes from the events in order, so keys typed before a resize are
            // judged by the size they were typed at.
            Event::Key(key) if size.0 < ui::MIN_WIDTH || size.1 < ui::MIN_HEIGHT => {
                let quit = keymap::lookup(keymap::Context::Global, &key) == Some(keymap::Action::Quit);
                if quit { app.quit() } else { Vec::new() }
            }
            Event::Key(key) => app.handle_key(key),
            Event::Mouse(mouse) => app.handle_mouse(mouse, ui::tab_at),
            _ => Vec::new(),
        };
        // In order: a note kept on Ctrl-C is saved before the quit.
        for effect in effects {
            if effect == Effect::Quit {
                return Ok(());
            }
            shell.perform(app, effect);
        }
    }
}

/// Draws the app once into an off-screen buffer: used by snapshot tests and benchmarks.
pub fn render_to_buffer(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend never fails");
    let _ = terminal.draw(|frame| ui::render(app, frame));
    terminal
}

/// Path-free helper for tests and demos: an app with `assessment` open, not backed by a file.
pub fn demo_app(questionnaire: Questionnaire, assessment: Assessment) -> App {
    let mut app = App::new(Catalog::embedded(), questionnaire, theme::Theme::default());
    app.open_session(assessment, None::<PathBuf>, false);
    app
}
