//! The command line: parsing with clap and one function per subcommand.

mod export;
mod out;

use clap::{Parser, Subcommand, ValueEnum};
use crosswalk::questionnaire::Coverage;
use crosswalk::report::mapping::{mapping_csv, mapping_markdown};
use crosswalk::store::Store;
use crosswalk::tui::Start;
use crosswalk::{Catalog, Diagnostic, Questionnaire};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "crosswalk", version, about = "SOC 2 or ISO 27001 first, and what will it take?")]
pub struct Cli {
    /// Folder holding the assessments (default: the platform data folder for crosswalk)
    #[arg(long, global = true, env = "CROSSWALK_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Folder of questionnaire modules applied over the embedded ones
    #[arg(long, global = true, env = "CROSSWALK_QUESTIONNAIRES", value_name = "DIR")]
    pub questionnaires: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new assessment for a client and open it
    New {
        /// Client name (the file name is derived from it)
        #[arg(long)]
        client: String,
    },
    /// Resume a saved assessment (a name from `crosswalk list` or a file path)
    Open {
        #[arg(value_name = "NAME|FILE")]
        assessment: String,
    },
    /// Check questionnaire modules and print what they cover
    Validate {
        /// Folder of modules to check (applied over the embedded ones)
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Print which SOC 2 criteria and ISO 27001 clauses and controls each question feeds
    Mapping {
        #[arg(long, value_enum, default_value_t = MappingFormat::Csv)]
        format: MappingFormat,
    },
    /// List the assessments in the data folder: client, last update, progress, file
    List,
    /// Write the client deliverable for an assessment (a name from `crosswalk list` or a file path)
    Report {
        #[arg(value_name = "NAME|FILE")]
        assessment: String,
        #[arg(long, value_enum, default_value_t = export::ReportFormat::Markdown)]
        format: export::ReportFormat,
        /// Write to FILE instead of printing (an existing file only with --force; never over
        /// an assessment, its backup or its lock)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Progress between two workshops, as markdown: NAME alone compares the last kept
    /// workshop with now; OLD NEW compares two files
    Diff {
        #[arg(value_name = "NAME|OLD")]
        old: String,
        #[arg(value_name = "NEW")]
        new: Option<String>,
    },
    /// Keep the assessment as it is now as a workshop, for `history` and `diff NAME`
    Snapshot {
        #[arg(value_name = "NAME|FILE")]
        assessment: String,
    },
    /// List the workshops kept for an assessment: date, answers, readiness
    History {
        #[arg(value_name = "NAME|FILE")]
        assessment: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MappingFormat {
    Csv,
    Markdown,
}

/// Parses the command line. Usage errors echo the offending argument, so they are printed
/// through the sanitiser like everything else; help and version go to stdout.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        let text = e.render().to_string();
        if e.use_stderr() {
            out::stderr(&text);
        } else if out::print(&text).is_err() {
            return ExitCode::from(1);
        }
        ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
    })
}

/// Runs a subcommand; `None` means "start the interactive tool".
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Validate { dir, format }) => validate(dir.as_ref().or(cli.questionnaires.as_ref()), format),
        Some(Command::Mapping { format }) => match load_questionnaire(cli.questionnaires.as_ref()) {
            Ok(q) => {
                let catalog = Catalog::embedded();
                printed(out::print(&match format {
                    MappingFormat::Csv => mapping_csv(&q, catalog),
                    MappingFormat::Markdown => mapping_markdown(&q, catalog),
                }))
            }
            Err(code) => code,
        },
        Some(Command::List) => match load_questionnaire(cli.questionnaires.as_ref()) {
            Ok(q) => match Store::open(cli.data_dir.as_deref()).and_then(|store| store.list_text(&q)) {
                Ok(text) => printed(out::print(&text)),
                Err(e) => {
                    out::error(&e.to_string());
                    ExitCode::from(1)
                }
            },
            Err(code) => code,
        },
        Some(Command::New { client }) => workshop(&cli.questionnaires, cli.data_dir.as_deref(), Start::New { client }),
        Some(Command::Open { assessment }) => {
            workshop(&cli.questionnaires, cli.data_dir.as_deref(), Start::Open { name: assessment })
        }
        Some(Command::Report { assessment, format, output, force }) => {
            let target = output.as_deref().map(|path| export::Target { path, force });
            export::report(&export_sources(&cli.data_dir, &cli.questionnaires), &assessment, format, target)
        }
        Some(Command::Diff { old, new }) => {
            export::diff(&export_sources(&cli.data_dir, &cli.questionnaires), &old, new.as_deref())
        }
        Some(Command::Snapshot { assessment }) => {
            export::snapshot(&export_sources(&cli.data_dir, &cli.questionnaires), &assessment)
        }
        Some(Command::History { assessment }) => {
            export::history(&export_sources(&cli.data_dir, &cli.questionnaires), &assessment)
        }
        None => workshop(&cli.questionnaires, cli.data_dir.as_deref(), Start::Home),
    }
}

fn export_sources<'a>(data_dir: &'a Option<PathBuf>, questionnaires: &'a Option<PathBuf>) -> export::Sources<'a> {
    export::Sources { data_dir: data_dir.as_deref(), questionnaires: questionnaires.as_ref() }
}

/// The exit status for a command whose output was printed: a failed write is an error.
fn printed(result: std::io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out::error(&format!("cannot print: {e}"));
            ExitCode::from(1)
        }
    }
}

/// Starts the interactive workshop.
fn workshop(questionnaires: &Option<PathBuf>, data_dir: Option<&std::path::Path>, start: Start) -> ExitCode {
    // Checked before anything is created or drawn: without a terminal nobody would see the
    // questions the keys answer, and the escapes would land in a file or pipe.
    if let Err(reason) = crosswalk::tui::terminal::check_interactive() {
        out::error(&format!(
            "the workshop needs an interactive terminal: {reason}; `crosswalk list`, `report` and `diff` work without one"
        ));
        return ExitCode::from(2);
    }
    let questionnaire = match load_questionnaire(questionnaires.as_ref()) {
        Ok(q) => q,
        Err(code) => return code,
    };
    if let Start::New { client } = &start
        && client.trim().is_empty()
    {
        out::error("--client needs a name");
        return ExitCode::from(2);
    }
    match crosswalk::tui::run(questionnaire, data_dir, start) {
        Ok(crosswalk::tui::Exit::Normal) => ExitCode::SUCCESS,
        Ok(crosswalk::tui::Exit::Signal(signal)) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        Ok(crosswalk::tui::Exit::Unsaved) => ExitCode::from(3),
        Err(e) => {
            out::error(&e);
            ExitCode::from(1)
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        out::error(&d.to_string());
    }
}

/// Loads the questionnaire or prints every problem and returns the exit code to use.
pub fn load_questionnaire(dir: Option<&PathBuf>) -> Result<Questionnaire, ExitCode> {
    Questionnaire::load(dir.map(PathBuf::as_path)).map_err(|d| {
        print_diagnostics(&d);
        ExitCode::from(1)
    })
}

fn validate(dir: Option<&PathBuf>, format: TextOrJson) -> ExitCode {
    let result = Questionnaire::load(dir.map(PathBuf::as_path));
    match (result, format) {
        (Ok(q), TextOrJson::Text) => printed(out::print(&format!(
            "{}ok: all questionnaire files are valid\n",
            Coverage::of(&q, Catalog::embedded()).to_text()
        ))),
        (Ok(q), TextOrJson::Json) => {
            let mut value = serde_json::to_value(Coverage::of(&q, Catalog::embedded())).unwrap_or_default();
            value["valid"] = true.into();
            value["errors"] = serde_json::json!([]);
            printed(out::println(&json_text(&value)))
        }
        (Err(d), TextOrJson::Text) => {
            print_diagnostics(&d);
            out::stderr(&format!("{} error(s): questionnaire files are invalid\n", d.len()));
            ExitCode::from(1)
        }
        (Err(d), TextOrJson::Json) => {
            let json = serde_json::json!({ "valid": false, "errors": d });
            let _ = printed(out::println(&json_text(&json)));
            ExitCode::from(1)
        }
    }
}

/// Pretty JSON whose strings hold no raw character a terminal would act on.
fn json_text(value: &serde_json::Value) -> String {
    crosswalk::sanitize::escape_json_hazards(&serde_json::to_string_pretty(value).unwrap_or_default()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
