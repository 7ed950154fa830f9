//! The workshop TUI: a thin layer over the core. `app` holds state and turns keys into
//! effects, `ui` and `screens` draw, and this file owns the terminal and carries out effects
//! (saving after every change, opening with the edit lock, exporting).

pub mod app;
pub mod input;
pub mod keymap;
pub mod profile_form;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod widgets;

use crate::assessment::Assessment;
use crate::catalog::Catalog;
use crate::clock;
use crate::questionnaire::Questionnaire;
use crate::report;
use crate::store::{self, EditLock, Store, StoreError};
use app::{App, Effect, HomeEntry, Overlay, SaveState, TypedText};
use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Buffer;
use std::io;
use std::path::{Path, PathBuf};
use terminal::{Interruption, Signals};

/// How long the loop waits for input before redrawing anyway; also how soon a signal is
/// acted on.
const IDLE_REDRAW: std::time::Duration = std::time::Duration::from_millis(100);

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

/// SIGHUP's number, the exit status base for a terminal that went away.
const HANGUP: i32 = 1;

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
            Effect::SaveCopy => self.save_copy(app),
            // Carried out by the run loop.
            Effect::QuitLosingChanges | Effect::Suspend => {}
        }
    }

    /// Writes the whole assessment as a new file outside the data folder (the home folder,
    /// else the temporary folder): the answers survive a disk that refuses to save them.
    fn save_copy(&mut self, app: &mut App) {
        let Some(session) = app.session.as_ref() else { return };
        let original = session.path.clone().unwrap_or_else(|| PathBuf::from("assessment.toml"));
        let folders = [directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()), Some(std::env::temp_dir())];
        let mut last_error = String::from("no folder to write to");
        for folder in folders.into_iter().flatten() {
            match store::save_copy(&session.assessment, &original, &folder) {
                Ok(path) => {
                    app.unsaved = 0;
                    app.message = Some(format!("every answer is saved in a copy: {}", path.display()));
                    return;
                }
                Err(e) => last_error = e.to_string(),
            }
        }
        app.message = Some(format!("the copy could not be saved either: {last_error}"));
    }

    /// Keeps text typed in an editor still open when the session ends: a note goes into its
    /// answer (and is saved), a justification or profile value waits as a draft for the next
    /// session. If saving is failing, the whole assessment is also copied elsewhere.
    fn preserve_typed_text(&mut self, app: &mut App) {
        if let Some(typed) = app.take_typed_text() {
            let path = app.session.as_ref().and_then(|s| s.path.clone());
            let draft = match &typed {
                TypedText::Note { question, text } => {
                    if app.keep_note(question, text).is_some() {
                        self.save(app);
                    }
                    // A note that could not be saved waits as a draft too.
                    (app.unsaved > 0).then(|| store::Draft {
                        kind: store::DraftKind::Note,
                        question: question.clone(),
                        field: String::new(),
                        text: text.clone(),
                    })
                }
                TypedText::Justification { question, text } => Some(store::Draft {
                    kind: store::DraftKind::Justification,
                    question: question.clone(),
                    field: String::new(),
                    text: text.clone(),
                }),
                TypedText::Profile { field, text } => Some(store::Draft {
                    kind: store::DraftKind::ProfileText,
                    question: String::new(),
                    field: profile_form::label(*field),
                    text: text.clone(),
                }),
            };
            if let (Some(draft), Some(path), Some(_)) = (draft, path, &self.lock) {
                let _ = store::write_draft(&path, &draft);
            }
        }
        if app.has_unsaved_changes() {
            self.save(app);
        }
        if app.has_unsaved_changes() {
            self.save_copy(app);
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
                let editing = lock.is_some();
                self.lock = lock;
                app.open_session(assessment, Some(path.to_path_buf()), read_only);
                if editing {
                    restore_draft(app, path);
                    if app.overlay != Overlay::None {
                        return;
                    }
                }
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
            // A read-only folder (a mounted share, a read-only checkout) can still be viewed.
            Err(StoreError::ReadOnly { folder, .. }) if !read_only => {
                self.open(app, path, true);
                if app.session.is_some() {
                    app.message = Some(format!("{} is read-only: opened read-only", folder.display()));
                }
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
        app.save_state = match lock.save(&mut session.assessment) {
            Ok(outcome) => {
                if let store::SaveOutcome::KeptChangedOnDisk { kept } = outcome {
                    app.message = Some(format!(
                        "the file had changed on disk since it was opened: that version is kept as {}, yours is saved",
                        kept.file_name().unwrap_or_default().to_string_lossy()
                    ));
                }
                SaveState::Saved(clock::now_rfc3339().get(11..19).unwrap_or("").to_string())
            }
            Err(e) => {
                // The header has room for a few words only: the full reason goes on the
                // message line, and the quit question repeats it.
                app.message = Some(format!("NOT SAVED: {e}"));
                SaveState::Failed(e.to_string())
            }
        };
        if matches!(app.save_state, SaveState::Saved(_)) {
            app.unsaved = 0;
        }
    }
}

/// Reopens the editor with text typed before the last session ended, if any was kept.
fn restore_draft(app: &mut App, path: &Path) {
    let draft = match store::take_draft(path) {
        Ok(Some(draft)) => draft,
        Ok(None) => return,
        Err(e) => {
            app.message = Some(format!("a draft from an earlier session could not be read: {e}"));
            return;
        }
    };
    let typed = match draft.kind {
        store::DraftKind::Note => TypedText::Note { question: draft.question, text: draft.text },
        store::DraftKind::Justification => TypedText::Justification { question: draft.question, text: draft.text },
        store::DraftKind::ProfileText => {
            match profile_form::fields().into_iter().find(|&f| profile_form::label(f) == draft.field) {
                Some(field) => TypedText::Profile { field, text: draft.text },
                None => return,
            }
        }
    };
    if app.restore_typed_text(typed) {
        app.message = Some("restored text typed before crosswalk was interrupted: Enter keeps it, Esc drops it".into());
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

/// Renders every deliverable and writes it into `folder` (created owner-only if missing,
/// refused if it is a symbolic link).
fn write_deliverables(data: &report::ReportData<'_>, folder: &Path) -> io::Result<Vec<PathBuf>> {
    store::create_export_folder(folder).map_err(io::Error::other)?;
    screens::export::DELIVERABLES
        .iter()
        .map(|&(file, _, format)| {
            let path = folder.join(file);
            store::write_export(&path, report::render(format, data).as_bytes())?;
            Ok(path)
        })
        .collect()
}

/// Runs the workshop TUI until the consultant quits. Answers are saved as they are given,
/// and text still being typed is kept when the session ends by any route (q, Ctrl-C, a
/// signal, a closed terminal), so leaving loses nothing the consultant did not choose to.
pub fn run(questionnaire: Questionnaire, data_dir: Option<&Path>, start: Start) -> Result<Exit, String> {
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
    let signals = Signals::install().map_err(|e| format!("cannot watch for signals: {e}"))?;
    terminal::restore_on_panic();
    let mut screen = terminal::enter().map_err(|e| {
        terminal::leave();
        format!("cannot start the terminal interface: {e}")
    })?;
    let ended = event_loop(&mut screen, &mut app, &mut workspace, &signals);
    // Whatever ended the loop (quit, a signal, a terminal that went away), what was typed is
    // kept before the terminal is given back.
    if !matches!(ended, Ok(Ended::LosingChanges)) {
        workspace.preserve_typed_text(&mut app);
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

/// Replaces what a terminal could act on in the finished frame: whatever a screen draws from
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

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    workspace: &mut Workspace,
    signals: &Signals,
) -> io::Result<Ended>
where
    B::Error: Into<io::Error>,
{
    let initial = terminal.size().map_err(Into::into)?;
    let mut size = (initial.width, initial.height);
    loop {
        match signals.take() {
            Some(Interruption::Stop(signal)) => return Ok(Ended::Signal(signal)),
            Some(Interruption::Suspend) => {
                terminal::suspend()?;
                signals.clear_resumed();
                redraw_all(terminal)?;
            }
            Some(Interruption::Resumed) => {
                terminal::resume()?;
                redraw_all(terminal)?;
            }
            None => {}
        }
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
            terminal::Waited::Gone => return Ok(Ended::Signal(HANGUP)),
            // Idle still asks crossterm (without waiting): a resize is seen that way.
            terminal::Waited::Ready | terminal::Waited::Idle => {}
        }
        if !event::poll(std::time::Duration::ZERO)? {
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
            Event::Paste(text) => app.handle_paste(&text),
            Event::Mouse(mouse) => app.handle_mouse(mouse, ui::tab_at),
            _ => None,
        };
        match effect {
            None => {}
            Some(Effect::Quit) => return Ok(Ended::Quit),
            Some(Effect::QuitLosingChanges) => return Ok(Ended::LosingChanges),
            Some(Effect::Suspend) => {
                terminal::suspend()?;
                signals.clear_resumed();
                redraw_all(terminal)?;
            }
            Some(Effect::SaveAndQuit) => {
                workspace.perform(app, Effect::SaveAndQuit);
                return Ok(Ended::Quit);
            }
            Some(effect) => workspace.perform(app, effect),
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
