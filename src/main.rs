//! The `crosswalk` binary: parse the command line and hand over to a subcommand or the TUI.

mod cli;

fn main() -> std::process::ExitCode {
    match cli::parse() {
        Ok(cli) => cli::run(cli),
        Err(code) => code,
    }
}
