//! The workshop TUI: a thin layer over the core. `app` routes keys to the views and
//! overlays (each owns its state, update and drawing), `shell` carries out effects against the
//! store, `ui` draws the frame, and this file owns the terminal and the event loop.

pub mod agenda;
pub mod app;
pub mod effects;
pub mod history;
pub mod input;
pub mod keymap;
pub mod overlays;
pub mod profile_form;
pub mod session;
pub mod shell;
pub mod terminal;
pub mod theme;
pub mod typed_text;
pub mod ui;
pub mod views;
pub mod widgets;

use crate::assessment::Assessment;
use crate::catalog::Catalog;
use crate::questionnaire::Questionnaire;
use crate::store::Store;
use app::{App, Effect};
use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Buffer;
use shell::Shell;
use std::io;
use std::path::{Path, PathBuf};
use terminal::{Interruption, Signals, Waited};

/// How long the loop waits for input before redrawing anyway; also how soon a signal is
/// acted on.
const IDLE_REDRAW: std::time::Duration = std::time::Duration::from_millis(100);

/// SIGHUP's number: a terminal that went away ends the session as its hang-up signal would.
const HANGUP: i32 = 1;

/// How the workshop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The consultant quit; everything is saved.
    Normal,
    /// A signal (its number) ended the session; typed text was kept and the terminal restored.
    Signal(i32),
    /// The consultant quit choosing to lose changes that could not be saved.
    Unsaved,
}

/// Why the event loop stopped.
enum Ended {
    Quit,
    Signal(i32),
    LosingChanges,
}

/// Where the TUI starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Home,
    New { client: String },
    Open { name: String },
}

/// Runs the workshop TUI until the consultant quits. Answers are saved as they are given,
/// and text still being typed is kept when the session ends by any route (q, Ctrl-C, a
/// signal, a closed terminal), so leaving loses nothing the consultant did not choose to.
pub fn run(questionnaire: Questionnaire, data_dir: Option<&Path>, start: Start) -> Result<Exit, String> {
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
                for outcome in shell.open_for_editing(&path, false, &app.questionnaire) {
                    app.on_outcome(outcome);
                }
            }
            Err(e) => return Err(e.to_string()),
        },
    }
    let signals = Signals::install().map_err(|e| format!("cannot watch for signals: {e}"))?;
    terminal::restore_on_panic();
    let mut screen = terminal::enter().map_err(|e| {
        terminal::leave();
        format!("cannot start the terminal interface: {e}")
    })?;
    let ended = event_loop(&mut screen, &mut app, &mut shell, &signals);
    // Whatever ended the loop (quit, a signal, a terminal that went away), what was typed is
    // kept before the terminal is given back.
    if !matches!(ended, Ok(Ended::LosingChanges)) {
        shell.preserve_typed_text(&mut app);
    }
    terminal::leave();
    // `leave` has shown the cursor. Dropping ratatui's terminal would try again and, with the
    // terminal gone, report the failure on a dead stderr, which panics.
    std::mem::forget(screen);
    match ended {
        Ok(Ended::Quit) => Ok(Exit::Normal),
        Ok(Ended::Signal(signal)) => Ok(Exit::Signal(signal)),
        Ok(Ended::LosingChanges) => Ok(Exit::Unsaved),
        Err(e) => Err(format!("terminal error: {e}")),
    }
}

/// Replaces what a terminal could act on in the finished frame: whatever a view draws from
/// data (a client name, a note with U+202E), no cell can reorder or restyle the screen.
fn make_inert(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(crate::sanitize::is_hazard) {
            let kept: String = cell.symbol().chars().filter(|&c| !crate::sanitize::is_hazard(c)).collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

/// Makes the next frame repaint every cell: the screen was someone else's meanwhile (a
/// shell after Ctrl-Z). Without querying the cursor, which `Terminal::clear` would do.
fn redraw_all<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    terminal.backend_mut().clear().map_err(Into::into)?;
    terminal.current_buffer_mut().reset();
    // The reset buffer becomes the one the next frame is compared with.
    terminal.swap_buffers();
    Ok(())
}

fn suspend<B: Backend>(terminal: &mut Terminal<B>, signals: &Signals) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    terminal::suspend()?;
    signals.clear_resumed();
    redraw_all(terminal)
}

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    shell: &mut Shell,
    signals: &Signals,
) -> io::Result<Ended>
where
    B::Error: Into<io::Error>,
{
    let initial = terminal.size().map_err(Into::into)?;
    let mut size = (initial.width, initial.height);
    let started = std::time::Instant::now();
    loop {
        match signals.take() {
            Some(Interruption::Stop(signal)) => return Ok(Ended::Signal(signal)),
            Some(Interruption::Suspend) => suspend(terminal, signals)?,
            Some(Interruption::Resumed) => {
                terminal::resume()?;
                redraw_all(terminal)?;
            }
            None => {}
        }
        // A monotonic clock: the agenda must not jump when the wall clock is set.
        app.tick(started.elapsed().as_secs());
        terminal
            .draw(|frame| {
                ui::render(app, frame);
                make_inert(frame.buffer_mut());
            })
            .map_err(Into::into)?;
        // Wake up now and then even without input: drawing re-reads the terminal size, so a
        // resize whose signal got lost still redraws within a moment, and signals are seen.
        // Unchanged frames send nothing to the terminal.
        match terminal::wait_for_input(IDLE_REDRAW) {
            Waited::Gone => return Ok(Ended::Signal(HANGUP)),
            // A resize reaches crossterm by a signal, not on the input: ask it before idling.
            Waited::Idle if !event::poll(std::time::Duration::ZERO)? => {
                // Nothing typed for a moment: catch the figures up with the last answers.
                app.idle();
                continue;
            }
            Waited::Idle => {}
            Waited::Ready => {}
        }
        // Asked without waiting even when idle: a resize arrives that way. Then every event
        // crossterm already read (a burst of keys comes in one read) is handled before the
        // next wait, so none waits for the idle timeout.
        while event::poll(std::time::Duration::ZERO)? {
            if let Some(ended) = handle_event(event::read()?, terminal, app, shell, signals, &mut size)? {
                return Ok(ended);
            }
            if terminal::wait_for_input(std::time::Duration::ZERO) == Waited::Gone {
                return Ok(Ended::Signal(HANGUP));
            }
        }
    }
}

/// Handles one terminal event; `Some` when it ends the session.
fn handle_event<B: Backend>(
    event: Event,
    terminal: &mut Terminal<B>,
    app: &mut App,
    shell: &mut Shell,
    signals: &Signals,
    size: &mut (u16, u16),
) -> io::Result<Option<Ended>>
where
    B::Error: Into<io::Error>,
{
    let effects = match event {
        Event::Resize(width, height) => {
            *size = (width, height);
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
        Event::Paste(text) => app.handle_paste(&text),
        Event::Mouse(mouse) => app.handle_mouse(mouse, ui::tab_at),
        _ => Vec::new(),
    };
    // In order: a note kept on Ctrl-C is saved before the quit.
    for effect in effects {
        match effect {
            Effect::Quit => return Ok(Some(Ended::Quit)),
            Effect::QuitLosingChanges => return Ok(Some(Ended::LosingChanges)),
            Effect::Suspend => suspend(terminal, signals)?,
            effect => shell.perform(app, effect),
        }
    }
    Ok(None)
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
