//! The `crosswalk` binary: parse the command line and hand over to a subcommand or the TUI.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse())
}
