//! The real binary in a pseudo-terminal, read through a terminal emulator (vt100), for the
//! tests of hostile input, signals and the terminal's state afterwards.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::FromRawFd;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const ESC: &str = "\x1b";
pub const TAB: &str = "\t";
pub const ENTER: &str = "\r";
/// Ctrl-S: keeps the note and closes its editor.
pub const KEEP_NOTE: &str = "\x13";

pub struct Tui {
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    output: Receiver<Vec<u8>>,
    /// The reader thread owns a copy of the master end; closing the terminal stops it first.
    reader: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
    pub parser: vt100::Parser,
    /// Every byte the program wrote, for checks on the stream itself.
    pub bytes: Vec<u8>,
}

/// How to start the binary.
pub struct Launch<'a> {
    pub program: &'a str,
    pub args: Vec<String>,
    pub env: Vec<(&'a str, String)>,
}

impl<'a> Launch<'a> {
    /// `crosswalk ARGS` with its data folder at `data_dir`.
    pub fn crosswalk(data_dir: &Path, args: &[&str]) -> Launch<'a> {
        Launch {
            program: env!("CARGO_BIN_EXE_crosswalk"),
            args: args.iter().map(|a| a.to_string()).collect(),
            env: vec![("CROSSWALK_DATA_DIR", data_dir.display().to_string())],
        }
    }

    /// The same, run as user `nobody` (so folder permissions apply even to root).
    pub fn run_as_nobody(mut self) -> Launch<'a> {
        let mut args = vec!["--reuid=65534".to_string(), "--regid=65534".into(), "--clear-groups".into()];
        args.push(self.program.to_string());
        args.extend(self.args);
        self.args = args;
        self.program = "setpriv";
        self
    }
}

impl Tui {
    pub fn start(data_dir: &Path, args: &[&str]) -> Tui {
        Tui::launch(data_dir, Launch::crosswalk(data_dir, args), 100, 30)
    }

    pub fn launch(cwd: &Path, launch: Launch<'_>, cols: u16, rows: u16) -> Tui {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open pty");
        let mut cmd = CommandBuilder::new(launch.program);
        cmd.args(&launch.args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (key, value) in &launch.env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn crosswalk");
        drop(pair.slave);
        let master_fd = pair.master.as_raw_fd().expect("master fd");
        // SAFETY: a new descriptor that only this File owns; close-on-exec, so programs
        // started by other tests cannot keep this terminal open.
        let mut reader = unsafe { std::fs::File::from_raw_fd(libc::fcntl(master_fd, libc::F_DUPFD_CLOEXEC, 0)) };
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let fd = std::os::fd::AsRawFd::as_raw_fd(&reader);
            while !stopping.load(Ordering::SeqCst) {
                let mut poll = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
                // SAFETY: one valid pollfd for the duration of the call.
                if unsafe { libc::poll(&mut poll, 1, 50) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(n) if n > 0 && tx.send(buf[..n].to_vec()).is_ok() => {}
                    _ => break,
                }
            }
        });
        let parser = vt100::Parser::new(nonzero(rows), nonzero(cols), 0);
        Tui {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            output: rx,
            reader: Some((stop, thread)),
            parser,
            bytes: Vec::new(),
        }
    }

    pub fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.bytes.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.bytes.extend_from_slice(&bytes);
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until `text` is on screen; fails with the screen as it is.
    pub fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(30));
            if self.screen().contains(text) {
                return;
            }
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
    }

    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("terminal still open");
        writer.write_all(keys.as_bytes()).expect("write keys");
        writer.flush().expect("flush");
        // Each key its own event (Esc + key would read as Alt).
        self.pump(Duration::from_millis(40));
    }

    /// Types text one character per write, as a person would (no paste).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// Pastes `text` as a terminal with bracketed paste does.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.process_id().expect("child pid")).expect("pid fits")
    }

    pub fn signal(&self, signal: i32) {
        // SAFETY: kill(2) with a pid we spawned and still hold; no memory is shared.
        let sent = unsafe { libc::kill(self.pid(), signal) };
        assert_eq!(sent, 0, "signal {signal} sent");
    }

    /// Closes the terminal, as closing the window does: the program gets SIGHUP.
    pub fn close_terminal(&mut self) {
        if let Some((stop, thread)) = self.reader.take() {
            stop.store(true, Ordering::SeqCst);
            let _ = thread.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// Waits for the program to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if self.master.is_some() {
                self.pump(Duration::from_millis(30));
            } else {
                std::thread::sleep(Duration::from_millis(30));
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // The last frames and the restoring escapes may still be in the pipe.
                self.pump(Duration::from_millis(100));
                return status.exit_code();
            }
        }
        panic!("crosswalk did not exit; screen:\n{}", self.screen());
    }

    /// Whether the pty is in line mode with echo, as a shell expects it (raw mode is off).
    pub fn line_mode(&self) -> bool {
        let fd = self.master.as_ref().and_then(|m| m.as_raw_fd()).expect("master fd");
        // SAFETY: termios is plain data; tcgetattr only writes into it.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        let got = unsafe { libc::tcgetattr(fd, &mut termios) };
        assert_eq!(got, 0, "tcgetattr");
        termios.c_lflag & libc::ICANON != 0 && termios.c_lflag & libc::ECHO != 0
    }

    /// Asserts the terminal is as a shell left it: line mode, main screen, no mouse tracking,
    /// no bracketed paste, cursor shown.
    pub fn assert_restored(&self, context: &str) {
        let screen = self.parser.screen();
        assert!(!screen.alternate_screen(), "{context}: still on the alternate screen");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "{context}: mouse tracking on");
        assert!(!screen.bracketed_paste(), "{context}: bracketed paste still on");
        assert!(!screen.hide_cursor(), "{context}: cursor hidden");
        assert!(self.line_mode(), "{context}: terminal left in raw mode");
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal sizes are positive")
}
