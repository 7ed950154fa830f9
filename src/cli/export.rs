//! `crosswalk report` and `crosswalk diff`: load assessments through the store, analyse them
//! and print or write the deliverable. The text itself comes from `crosswalk::report`.

use clap::ValueEnum;
use crosswalk::engine::{self, Analysis};
use crosswalk::report::{self, ReportData};
use crosswalk::store::Store;
use crosswalk::{Assessment, Catalog, Questionnaire};
use std::io::{self, Write as _};
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

pub fn report(sources: &Sources<'_>, name: &str, format: ReportFormat, output: Option<&Path>) -> ExitCode {
    let questionnaire = match super::load_questionnaire(sources.questionnaires) {
        Ok(q) => q,
        Err(code) => return code,
    };
    let result =
        open_store(sources).and_then(|store| load_assessment(&store, name, &questionnaire)).and_then(|assessment| {
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
        let before = load_assessment(&store, old, &questionnaire)?;
        let after = load_assessment(&store, new, &questionnaire)?;
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
/// while the workshop is still open in another window. Answers saved against renamed or
/// merged questions are carried over to the current ones (in memory; the file is untouched).
/// Answers the questionnaire refuses (not applicable where the question's policy forbids it)
/// are kept but ignored, with a warning for each.
fn load_assessment(store: &Store, name: &str, questionnaire: &Questionnaire) -> Result<Assessment, String> {
    let path = store.resolve(name).map_err(|e| e.to_string())?;
    let mut assessment = crosswalk::store::load(&path).map_err(|e| e.to_string())?;
    crosswalk::questionnaire::carry_over(questionnaire, &mut assessment);
    for id in engine::scoping::refused_not_applicable(questionnaire, &assessment) {
        eprintln!("{}", refused_warning(&path.display().to_string(), id));
    }
    Ok(assessment)
}

/// The warning for a not-applicable answer on a question whose policy forbids it.
pub fn refused_warning(file: &str, question: &str) -> String {
    format!(
        "warning: {file}: answer `{question}`: not applicable is not allowed for this question (work an audit \
         cannot go without); ignored, the question stays open"
    )
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
        None => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).map_err(|e| format!("cannot print: {e}"))
        }
        Some(path) => {
            crosswalk::store::write_export(path, text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            println!("Report written to {}", path.display());
            Ok(())
        }
    }
}

fn finish(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}
