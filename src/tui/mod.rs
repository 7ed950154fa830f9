//! The workshop TUI: a thin layer over the core. `app` holds state and turns keys into
//! effects, `ui` and `screens` draw, and this file owns the terminal and carries out effects
//! (saving after every change, opening with the edit lock, exporting).

pub mod app;
pub mod input;
pub mod keymap;
pub mod profile_form;
pub mod screens;
pub mod theme;
pub mod ui;
pub mod widgets;

use crate::assessment::Assessment;
use crate::catalog::Catalog;
use crate::clock;
use crate::questionnaire::Questionnaire;
use crate::report;
use crate::store::{self, EditLock, Store, StoreError};
use app::{App, Effect, HomeEntry, Overlay, SaveState};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
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

/// The open assessment's file and its edit lock (none when read-only).
struct Workspace {
    store: Store,
    lock: Option<EditLock>,
}

impl Workspace {
    fn refresh_home(&self, app: &mut App) {
        app.home = match self.store.list(&app.questionnaire) {
            Ok(entries) => {
                let mut entries: Vec<HomeEntry> = entries.into_iter().map(home_entry).collect();
                // The assessment from the last workshop first: that is the one to resume.
                entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.client.cmp(&b.client)));
                entries
            }
            Err(e) => {
                app.message = Some(e.to_string());
                Vec::new()
            }
        };
        app.home_cursor = app.home_cursor.min(app.home.len());
    }

    /// Carries out an effect; failures become messages on screen, never a crash.
    fn perform(&mut self, app: &mut App, effect: Effect) {
        match effect {
            Effect::Quit => {}
            Effect::Save | Effect::SaveAndQuit => self.save(app),
            Effect::CloseSession => {
                // Everything is saved already; letting go of the lock frees the file for others.
                self.lock = None;
                self.refresh_home(app);
            }
            Effect::Create { client } => match self.existing(&client, &app.questionnaire) {
                // One client, one assessment: starting "new" for a client already on file
                // resumes it instead of creating a look-alike.
                Some(path) => {
                    self.open(app, &path, false);
                    if app.session.is_some() {
                        app.message = Some(format!("{client} already has an assessment: resumed it"));
                    }
                }
                None => match self.store.create(&client, "") {
                    Ok(path) => self.open(app, &path, false),
                    Err(e) => app.message = Some(e.to_string()),
                },
            },
            Effect::Open { path, read_only } => self.open(app, &path, read_only),
            Effect::Export => export(app, self.store.folder()),
        }
    }

    /// The assessment already on file for this client name, if exactly one.
    fn existing(&self, client: &str, questionnaire: &Questionnaire) -> Option<PathBuf> {
        let wanted = client.trim().to_lowercase();
        let entries = self.store.list(questionnaire).ok()?;
        let mut matches =
            entries.into_iter().filter(|e| e.summary.as_ref().is_ok_and(|s| s.client.trim().to_lowercase() == wanted));
        match (matches.next(), matches.next()) {
            (Some(one), None) => Some(one.path),
            _ => None,
        }
    }

    fn open(&mut self, app: &mut App, path: &Path, read_only: bool) {
        let loaded: Result<(Assessment, Option<EditLock>), StoreError> = if read_only {
            store::load(path).map(|a| (a, None))
        } else {
            EditLock::acquire(path).and_then(|lock| lock.load().map(|a| (a, Some(lock))))
        };
        match loaded {
            Ok((assessment, lock)) => {
                let orphans = store::orphaned_answers(&assessment, &app.questionnaire).len();
                self.lock = lock;
                app.open_session(assessment, Some(path.to_path_buf()), read_only);
                if orphans > 0 {
                    let (count, have) = if orphans == 1 {
                        ("1 answer".to_string(), "has")
                    } else {
                        (format!("{orphans} answers"), "have")
                    };
                    app.message = Some(format!(
                        "{count} {have} no question in the loaded questionnaires: kept in the file, not scored"
                    ));
                }
            }
            Err(e @ StoreError::Locked { .. }) => {
                app.overlay = Overlay::Locked { path: path.to_path_buf(), message: e.to_string() };
            }
            Err(e) => app.message = Some(e.to_string()),
        }
    }

    fn save(&mut self, app: &mut App) {
        let Some(session) = app.session.as_mut() else { return };
        let Some(lock) = &self.lock else {
            // Read-only or not backed by a file (demo): nothing to write.
            return;
        };
        store::record_questionnaire_versions(&mut session.assessment, &app.questionnaire);
        // The first save after a long pause starts a new workshop: keep the state before it
        // for `crosswalk history` and `diff`. A failure is shown, and the answer still saved.
        if let Some(path) = session.path.as_deref()
            && let Err(e) =
                store::history::snapshot_before_edit(path, &session.assessment.updated, &clock::now_rfc3339())
        {
            app.message = Some(format!("the previous workshop was not kept: {e}"));
        }
        app.save_state = match lock.save(&mut session.assessment) {
            Ok(()) => SaveState::Saved(clock::now_rfc3339().get(11..19).unwrap_or("").to_string()),
            Err(e) => SaveState::Failed(e.to_string()),
        };
    }
}

fn home_entry(entry: store::ListEntry) -> HomeEntry {
    match entry.summary {
        Ok(s) => HomeEntry {
            client: s.client,
            updated: s.updated.replace('T', " ").trim_end_matches('Z').chars().take(16).collect(),
            progress: format!("{}/{}", s.progress.answered, s.progress.total),
            file: entry.file,
            path: entry.path,
            error: None,
        },
        Err(error) => HomeEntry {
            client: "?".into(),
            updated: String::new(),
            progress: String::new(),
            file: entry.file,
            path: entry.path,
            error: Some(error),
        },
    }
}

/// Writes every deliverable next to the assessments, in `exports/<file stem>/`.
fn export(app: &mut App, data_folder: &Path) {
    let Some(session) = app.session.as_mut() else { return };
    let stem = session
        .path
        .as_deref()
        .and_then(|p| p.file_stem())
        .map_or_else(|| store::file_stem_for(&session.assessment.client), |s| s.to_string_lossy().into_owned());
    let folder = data_folder.join("exports").join(&stem);
    let data = report::ReportData {
        catalog: app.catalog,
        questionnaire: &app.questionnaire,
        assessment: &session.assessment,
        analysis: &session.analysis,
    };
    match write_deliverables(&data, &folder) {
        Ok(paths) => {
            app.message = Some(format!("exported {} files to {}", paths.len(), folder.display()));
            session.exported = paths;
        }
        Err(e) => app.message = Some(format!("export failed: {e}")),
    }
}

/// Renders every deliverable and writes it into `folder` (created owner-only if missing).
fn write_deliverables(data: &report::ReportData<'_>, folder: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(folder)?;
    screens::export::DELIVERABLES
        .iter()
        .map(|&(file, _, format)| {
            let path = folder.join(file);
            store::write_export(&path, report::render(format, data).as_bytes())?;
            Ok(path)
        })
        .collect()
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
    let mut workspace = Workspace { store, lock: None };
    let mut app = App::new(Catalog::embedded(), questionnaire, theme::Theme::from_env());
    workspace.refresh_home(&mut app);
    match start {
        Start::Home => {}
        Start::New { client } => workspace.perform(&mut app, Effect::Create { client }),
        Start::Open { name } => match workspace.store.resolve(&name) {
            Ok(path) => workspace.open(&mut app, &path, false),
            Err(e) => return Err(e.to_string()),
        },
    }
    let mut terminal = setup_terminal().map_err(|e| {
        restore_terminal();
        format!("cannot start the terminal interface: {e}")
    })?;
    let result = event_loop(&mut terminal, &mut app, &mut workspace);
    restore_terminal();
    result.map_err(|e| format!("terminal error: {e}"))
}

fn event_loop<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, workspace: &mut Workspace) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    let initial = terminal.size().map_err(Into::into)?;
    let mut size = (initial.width, initial.height);
    loop {
        terminal.draw(|frame| ui::render(app, frame)).map_err(Into::into)?;
        // Wake up now and then even without input: drawing re-reads the terminal size, so a
        // resize whose signal got lost still redraws within a moment. Unchanged frames send
        // nothing to the terminal.
        if !event::poll(IDLE_REDRAW)? {
            continue;
        }
        let effect = match event::read()? {
            Event::Resize(width, height) => {
                size = (width, height);
                None
            }
            // Too small to draw means too small to see what a key does: only quitting works.
            // The size comes from the events in order, so keys typed before a resize are
            // judged by the size they were typed at.
            Event::Key(key) if size.0 < ui::MIN_WIDTH || size.1 < ui::MIN_HEIGHT => {
                let quit = keymap::lookup(keymap::Context::Global, &key) == Some(keymap::Action::Quit);
                if quit { Some(Effect::Quit) } else { None }
            }
            Event::Key(key) => app.handle_key(key),
            Event::Mouse(mouse) => app.handle_mouse(mouse, ui::tab_at),
            _ => None,
        };
        if let Some(effect) = effect {
            if effect == Effect::Quit {
                return Ok(());
            }
            let quit = effect == Effect::SaveAndQuit;
            workspace.perform(app, effect);
            if quit {
                return Ok(());
            }
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
    let mut app = App::new(Catalog::embedded(), questionnaire, theme::Theme { kind: theme::ThemeKind::Default });
    app.open_session(assessment, None::<PathBuf>, false);
    app
}
