//! `crosswalk report` and `crosswalk diff`: load assessments through the store, analyse them
//! and print or write the deliverable. The text itself comes from `crosswalk::report`.

use super::out;
use clap::ValueEnum;
use crosswalk::Framework;
use crosswalk::engine::{self, Analysis};
use crosswalk::report::history::Workshop;
use crosswalk::report::{self, ReportData};
use crosswalk::store::{Progress, Store, history};
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
    /// What the auditor will ask for, by owner (markdown)
    Evidence,
    /// The evidence request list as CSV, one row per item
    EvidenceCsv,
    /// Chart of readiness per domain for both frameworks (SVG)
    ReadinessSvg,
    /// Chart of the plan's timeline (SVG)
    TimelineSvg,
}

impl From<ReportFormat> for report::Format {
    fn from(format: ReportFormat) -> report::Format {
        match format {
            ReportFormat::Markdown => report::Format::Markdown,
            ReportFormat::Json => report::Format::Json,
            ReportFormat::Csv => report::Format::Csv,
            ReportFormat::Soa => report::Format::Soa,
            ReportFormat::Evidence => report::Format::Evidence,
            ReportFormat::EvidenceCsv => report::Format::EvidenceCsv,
            ReportFormat::ReadinessSvg => report::Format::ReadinessSvg,
            ReportFormat::TimelineSvg => report::Format::TimelineSvg,
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
    // Refused before any work, so a mistyped -o never costs the file it names (nor the
    // charts written next to a markdown report).
    if let Some(target) = output {
        let mut paths = vec![target.path.to_path_buf()];
        if format == ReportFormat::Markdown {
            paths.extend(chart_paths(target.path));
        }
        for path in paths {
            if let Err(e) = crosswalk::store::check_export_target(&path, target.force) {
                return finish(Err(e.to_string()));
            }
        }
    }
    let output = output.map(|t| t.path);
    let result =
        open_store(sources).and_then(|store| load_assessment(&store, name, &questionnaire)).and_then(|assessment| {
            let analysis = analyze(&questionnaire, &assessment);
            let data = report_data(&questionnaire, &assessment, &analysis);
            deliver(&report::render(format.into(), &data), output)?;
            match output {
                Some(path) if format == ReportFormat::Markdown => write_charts(&data, path),
                _ => Ok(()),
            }
        });
    finish(result)
}

/// `diff OLD NEW` compares two files; `diff NAME` the last kept workshop with now.
pub fn diff(sources: &Sources<'_>, old: &str, new: Option<&str>) -> ExitCode {
    let questionnaire = match super::load_questionnaire(sources.questionnaires) {
        Ok(q) => q,
        Err(code) => return code,
    };
    let result = open_store(sources).and_then(|store| {
        let (before, after) = match new {
            Some(new) => (load_assessment(&store, old, &questionnaire)?, load_assessment(&store, new, &questionnaire)?),
            None => {
                let path = store.resolve(old).map_err(|e| e.to_string())?;
                let now = crosswalk::store::load(&path).map_err(|e| e.to_string())?;
                let kept = history::snapshots(&path).map_err(|e| e.to_string())?;
                // A snapshot of the state as it is now is not an earlier workshop.
                let Some(last) = kept.iter().rev().find(|k| k.taken != now.updated) else {
                    return Err(format!(
                        "no earlier workshop is kept for {old}; `crosswalk snapshot {old}` keeps one, or give two files"
                    ));
                };
                let mut before = crosswalk::store::load(&last.path).map_err(|e| e.to_string())?;
                let mut now = now;
                crosswalk::questionnaire::carry_over(&questionnaire, &mut before);
                crosswalk::questionnaire::carry_over(&questionnaire, &mut now);
                (before, now)
            }
        };
        let (a, b) = (analyze(&questionnaire, &before), analyze(&questionnaire, &after));
        let text =
            report::diff::render(&report_data(&questionnaire, &before, &a), &report_data(&questionnaire, &after, &b));
        deliver(&text, None)
    });
    finish(result)
}

/// `crosswalk snapshot NAME`: keeps the assessment as it is now.
pub fn snapshot(sources: &Sources<'_>, name: &str) -> ExitCode {
    let result = open_store(sources).and_then(|store| {
        let path = store.resolve(name).map_err(|e| e.to_string())?;
        let kept = history::snapshot(&path).map_err(|e| e.to_string())?;
        out::println(&format!("Workshop kept as {}", kept.display())).map_err(|e| format!("cannot print: {e}"))?;
        Ok(())
    });
    finish(result)
}

/// `crosswalk history NAME`: every kept workshop, then the current state.
pub fn history(sources: &Sources<'_>, name: &str) -> ExitCode {
    let questionnaire = match super::load_questionnaire(sources.questionnaires) {
        Ok(q) => q,
        Err(code) => return code,
    };
    let result = open_store(sources).and_then(|store| {
        let path = store.resolve(name).map_err(|e| e.to_string())?;
        let current = crosswalk::store::load(&path).map_err(|e| e.to_string())?;
        let mut workshops = Vec::new();
        // A snapshot of the current state is the current row, not a workshop of its own.
        for kept in
            history::snapshots(&path).map_err(|e| e.to_string())?.into_iter().filter(|k| k.taken != current.updated)
        {
            let assessment = crosswalk::store::load(&kept.path).map_err(|e| e.to_string())?;
            workshops.push(workshop(&questionnaire, &assessment, &kept.path, false));
        }
        workshops.push(workshop(&questionnaire, &current, &path, true));
        deliver(&report::history::render(&current.client, &workshops), None)
    });
    finish(result)
}

fn workshop(questionnaire: &Questionnaire, assessment: &Assessment, path: &Path, current: bool) -> Workshop {
    // Earlier workshops may hold answers under retired question ids: count them where they
    // belong now, as every other reader of an assessment does.
    let mut assessment = assessment.clone();
    crosswalk::questionnaire::carry_over(questionnaire, &mut assessment);
    let assessment = &assessment;
    let analysis = analyze(questionnaire, assessment);
    let progress = Progress::of(assessment, questionnaire);
    let figure = |fw: Framework| analysis.readiness.framework(fw).figure.readiness;
    Workshop {
        updated: assessment.updated.clone(),
        answered: progress.answered,
        total: progress.total,
        soc2: figure(Framework::Soc2),
        iso27001: figure(Framework::Iso27001),
        file: path.display().to_string(),
        current,
    }
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
        "warning: {file}: answer `{question}`: not applicable is not allowed for this question (what it evidences \
         cannot be scoped out); ignored, the question stays open: answer it with a level"
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
        None => out::print(text).map_err(|e| format!("cannot print: {e}")),
        Some(path) => {
            crosswalk::store::write_export(path, text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            out::println(&format!("Report written to {}", path.display())).map_err(|e| format!("cannot print: {e}"))
        }
    }
}

/// The roadmap links its charts by file name: write them next to it.
const CHARTS: [(&str, report::Format); 2] = [
    (report::charts::READINESS_FILE, report::Format::ReadinessSvg),
    (report::charts::TIMELINE_FILE, report::Format::TimelineSvg),
];

/// Where the charts of a markdown report written to `roadmap` go: next to it.
fn chart_paths(roadmap: &Path) -> Vec<PathBuf> {
    let folder = roadmap.parent().unwrap_or(Path::new("."));
    CHARTS.iter().map(|(file, _)| folder.join(file)).collect()
}

fn write_charts(data: &ReportData<'_>, roadmap: &Path) -> Result<(), String> {
    for (path, (_, format)) in chart_paths(roadmap).into_iter().zip(CHARTS) {
        crosswalk::store::write_export(&path, report::render(format, data).as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        out::println(&format!("Chart written to {}", path.display())).map_err(|e| format!("cannot print: {e}"))?;
    }
    Ok(())
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
