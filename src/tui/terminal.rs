//! The terminal the TUI draws on, and every way of giving it back. Entering turns on raw mode,
//! the alternate screen, mouse tracking and bracketed paste; [`leave`] turns all four off and
//! is safe to call from anywhere, any number of times (quit, error, panic hook, signal).
//!
//! Signals are not handled inside the signal handler: [`Signals`] only records them, and the
//! run loop (which polls often) saves what was typed, gives the terminal back and exits. A
//! second terminating signal while that is under way ends the process at once, so a stuck
//! save can never make crosswalk unkillable.

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, IsTerminal, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Why the workshop cannot run here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotInteractive {
    /// `TERM=dumb`: a terminal that cannot position the cursor (an editor's shell buffer).
    DumbTerminal,
    StdinNotTerminal,
    StdoutNotTerminal,
}

impl std::fmt::Display for NotInteractive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotInteractive::DumbTerminal => "TERM is `dumb`, which cannot draw screens",
            NotInteractive::StdinNotTerminal => "standard input is not a terminal",
            NotInteractive::StdoutNotTerminal => "standard output is not a terminal",
        })
    }
}

/// Whether the TUI can be shown: a real terminal on both ends that can draw. Without one, keys
/// would answer questions nobody sees, and the screen's escapes would land in a file or pipe.
pub fn check_interactive() -> Result<(), NotInteractive> {
    if std::env::var_os("TERM").is_some_and(|term| term == "dumb") {
        return Err(NotInteractive::DumbTerminal);
    }
    if !io::stdin().is_terminal() {
        return Err(NotInteractive::StdinNotTerminal);
    }
    if !io::stdout().is_terminal() {
        return Err(NotInteractive::StdoutNotTerminal);
    }
    Ok(())
}

/// Whether [`enter`] has changed the terminal and [`leave`] has not yet given it back: only
/// then does leaving write anything.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Takes over the terminal: raw mode, alternate screen, mouse tracking, bracketed paste (so a
/// paste arrives as text, never as keys).
pub fn enter() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    take_over()?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

fn take_over() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)
}

/// Gives the terminal back as it was. Never fails and never panics: by the time it runs the
/// terminal may be gone.
pub fn leave() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            io::stdout(),
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            crossterm::cursor::Show
        );
        let _ = disable_raw_mode();
    }
}

/// Makes a panic give the terminal back before the message is printed, so it can be read.
pub fn restore_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// Stops the process as Ctrl-Z does in a shell, with the terminal given back first; when the
/// shell continues it (`fg`), takes the terminal over again. The caller redraws everything.
pub fn suspend() -> io::Result<()> {
    leave();
    #[cfg(unix)]
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    take_over()
}

/// Re-applies raw mode and the screen modes after the process was stopped and continued by
/// something else (`kill -STOP`, a job-control shell): the shell puts the terminal back in
/// line mode meanwhile, which would hold keys until Enter.
pub fn resume() -> io::Result<()> {
    leave();
    take_over()
}

/// What waiting for input found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waited {
    /// Input (or a resize) may be ready: ask crossterm without blocking.
    Ready,
    /// Nothing within the time given, or a signal arrived.
    Idle,
    /// The terminal hung up (its window was closed): nothing more will arrive.
    Gone,
}

/// Waits up to `timeout` for the terminal. The wait happens here rather than in crossterm's
/// `poll`: crossterm retries a failing read forever, so a terminal that hangs up while it
/// waits would leave the process spinning, deaf to signals, with the typed text unsaved.
pub fn wait_for_input(timeout: std::time::Duration) -> Waited {
    #[cfg(unix)]
    {
        let mut tty = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
        let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: one valid pollfd, alive for the duration of the call.
        let ready = unsafe { libc::poll(&mut tty, 1, millis) };
        if ready > 0 && tty.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Waited::Gone;
        }
        // A resize arrives as a signal, which interrupts the wait: crossterm reads it next.
        if ready > 0 { Waited::Ready } else { Waited::Idle }
    }
    #[cfg(not(unix))]
    match crossterm::event::poll(timeout) {
        Ok(true) => Waited::Ready,
        Ok(false) => Waited::Idle,
        Err(_) => Waited::Gone,
    }
}

/// A signal the run loop has to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interruption {
    /// SIGTERM, SIGINT, SIGHUP (the terminal closed) or SIGQUIT: save, restore, exit.
    Stop(i32),
    /// SIGTSTP from outside (in raw mode Ctrl-Z is a key, see [`suspend`]).
    Suspend,
    /// SIGCONT: the process was stopped and has been continued.
    Resumed,
}

/// Signals recorded for the run loop.
pub struct Signals {
    stop: Arc<AtomicUsize>,
    stopping: Arc<AtomicBool>,
    suspend: Arc<AtomicBool>,
    resumed: Arc<AtomicBool>,
}

impl Signals {
    /// Starts recording. From now on SIGTERM, SIGINT, SIGHUP and SIGQUIT no longer end the
    /// process by themselves: the run loop must act on [`Signals::take`].
    pub fn install() -> io::Result<Signals> {
        let signals = Signals {
            stop: Arc::new(AtomicUsize::new(0)),
            stopping: Arc::new(AtomicBool::new(false)),
            suspend: Arc::new(AtomicBool::new(false)),
            resumed: Arc::new(AtomicBool::new(false)),
        };
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
            use signal_hook::flag;
            for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] {
                // Registered first, so it sees the flag as it was before this signal set it.
                flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&signals.stopping))?;
                flag::register(signal, Arc::clone(&signals.stopping))?;
                flag::register_usize(signal, Arc::clone(&signals.stop), signal as usize)?;
            }
            flag::register(SIGTSTP, Arc::clone(&signals.suspend))?;
            flag::register(SIGCONT, Arc::clone(&signals.resumed))?;
        }
        Ok(signals)
    }

    /// The most urgent signal recorded since the last call, if any.
    pub fn take(&self) -> Option<Interruption> {
        match self.stop.load(Ordering::SeqCst) {
            0 => {}
            signal => return Some(Interruption::Stop(i32::try_from(signal).unwrap_or(15))),
        }
        if self.suspend.swap(false, Ordering::SeqCst) {
            return Some(Interruption::Suspend);
        }
        self.resumed.swap(false, Ordering::SeqCst).then_some(Interruption::Resumed)
    }

    /// Forgets a SIGCONT that our own suspend caused: the caller has redrawn already.
    pub fn clear_resumed(&self) {
        self.resumed.store(false, Ordering::SeqCst);
    }
}
