//! `crosswalk report` and `crosswalk diff`: load assessments through the store, analyse them
//! and print or write the deliverable. The text itself comes from `crosswalk::report`.

use super::out;
use clap::ValueEnum;
use crosswalk::engine::{self, Analysis};
use crosswalk::report::{self, ReportData};
use crosswalk::store::Store;
use crosswalk::{Assessment, Catalog, Questionnaire};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// The client-ready roadmap
    Markdown,
    /// The whole result with documented keys, for GRC tools and scripts
    Json,
    /// The gap list, one row per gap
    Csv,
    /// The draft ISO 27001 Statement of Applicability as CSV
    Soa,
}

impl From<ReportFormat> for report::Format {
    fn from(format: ReportFormat) -> report::Format {
        match format {
            ReportFormat::Markdown => report::Format::Markdown,
            ReportFormat::Json => report::Format::Json,
            ReportFormat::Csv => report::Format::Csv,
            ReportFormat::Soa => report::Format::Soa,
        }
    }
}

/// Where the assessments live and which questionnaire to score them against.
pub struct Sources<'a> {
    pub data_dir: Option<&'a Path>,
    pub questionnaires: Option<&'a PathBuf>,
}

/// Where `report -o` writes, and whether it may replace an existing file.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub path: &'a Path,
    pub force: bool,
}

pub fn report(sources: &Sources<'_>, name: &str, format: ReportFormat, output: Option<Target<'_>>) -> ExitCode {
    let questionnaire = match super::load_questionnaire(sources.questionnaires) {
        Ok(q) => q,
        Err(code) => return code,
    };
    // Refused before any work, so a mistyped -o never costs the file it names.
    if let Some(target) = output
        && let Err(e) = crosswalk::store::check_export_target(target.path, target.force)
    {
        return finish(Err(e.to_string()));
    }
    let output = output.map(|t| t.path);
    let result = open_store(sources).and_then(|store| load_assessment(&store, name)).and_then(|assessment| {
        let analysis = analyze(&questionnaire, &assessment);
        let text = report::render(format.into(), &report_data(&questionnaire, &assessment, &analysis));
        deliver(&text, output)
    });
    finish(result)
}

pub fn diff(sources: &Sources<'_>, old: &str, new: &str) -> ExitCode {
    let questionnaire = match super::load_questionnaire(sources.questionnaires) {
        Ok(q) => q,
        Err(code) => return code,
    };
    let result = open_store(sources).and_then(|store| {
        let before = load_assessment(&store, old)?;
        let after = load_assessment(&store, new)?;
        let (a, b) = (analyze(&questionnaire, &before), analyze(&questionnaire, &after));
        let text =
            report::diff::render(&report_data(&questionnaire, &before, &a), &report_data(&questionnaire, &after, &b));
        deliver(&text, None)
    });
    finish(result)
}

fn open_store(sources: &Sources<'_>) -> Result<Store, String> {
    Store::open(sources.data_dir).map_err(|e| e.to_string())
}

/// `NAME|FILE` -> the assessment, read without taking the edit lock: a report may be made
/// while the workshop is still open in another window.
fn load_assessment(store: &Store, name: &str) -> Result<Assessment, String> {
    let path = store.resolve(name).map_err(|e| e.to_string())?;
    crosswalk::store::load(&path).map_err(|e| e.to_string())
}

fn analyze(questionnaire: &Questionnaire, assessment: &Assessment) -> Analysis {
    engine::analyze(Catalog::embedded(), questionnaire, assessment)
}

fn report_data<'a>(
    questionnaire: &'a Questionnaire,
    assessment: &'a Assessment,
    analysis: &'a Analysis,
) -> ReportData<'a> {
    ReportData { catalog: Catalog::embedded(), questionnaire, assessment, analysis }
}

/// Prints the text, or writes it to `output` and says where it went.
fn deliver(text: &str, output: Option<&Path>) -> Result<(), String> {
    match output {
        None => out::print(text).map_err(|e| format!("cannot print: {e}")),
        Some(path) => {
            crosswalk::store::write_export(path, text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            out::println(&format!("Report written to {}", path.display())).map_err(|e| format!("cannot print: {e}"))
        }
    }
}

fn finish(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            out::error(&message);
            ExitCode::from(1)
        }
    }
}
