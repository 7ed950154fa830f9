//! Everything the command line prints goes through here, so every line that carries data
//! (client names, notes, file names, ids, arguments echoed in errors) passes the one
//! sanitiser, [`crosswalk::sanitize::inert`], on its way to the terminal.

use crosswalk::sanitize::inert;
use std::io::{self, Write};

/// Prints `text` to stdout. A reader that stopped reading (`crosswalk report | head`) is not
/// an error: the output it wanted was delivered, so this returns `Ok` and prints nothing more.
pub fn print(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(inert(text).as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Prints `text` and a line break to stdout (see [`print`]).
pub fn println(text: &str) -> io::Result<()> {
    print(&format!("{text}\n"))
}

/// Prints one `error: ...` line per line of `message` to stderr. Never fails: there is
/// nowhere left to report a failure to write an error.
pub fn error(message: &str) {
    let mut text = String::new();
    for line in message.lines() {
        text.push_str("error: ");
        text.push_str(line);
        text.push('\n');
    }
    let _ = io::stderr().lock().write_all(inert(&text).as_bytes());
}

/// Prints `text` to stderr as it is (after sanitising), for clap's usage messages.
pub fn stderr(text: &str) {
    let _ = io::stderr().lock().write_all(inert(text).as_bytes());
}
