//! Report benchmark: the markdown roadmap of an assessment with every shipped question
//! answered and noted (the largest report a real workshop produces). Target: under 10 ms,
//! so exporting from the TUI feels instant.
//!
//! Run with `cargo bench --bench report`. Prints markdown table rows for BENCHMARKS.md.

use crosswalk::engine::{self, Analysis};
use crosswalk::report::{self, Format, ReportData};
use crosswalk::{Catalog, Questionnaire};
use std::hint::black_box;

#[path = "common.rs"]
mod common;
use common::{TABLE_HEADER, fully_answered, row, time};

const RUNS: usize = 300;

fn main() {
    let catalog = Catalog::embedded();
    let questionnaire = Questionnaire::embedded();
    let assessment = fully_answered(&questionnaire);
    let analysis: Analysis = engine::analyze(catalog, &questionnaire, &assessment);
    let data = ReportData { catalog, questionnaire: &questionnaire, assessment: &assessment, analysis: &analysis };
    let size = report::render(Format::Markdown, &data).len();

    println!(
        "Report of {} questions, all answered with notes ({} KiB of markdown)\n",
        questionnaire.questions.len(),
        size / 1024
    );
    println!("{TABLE_HEADER}");
    row("markdown report", &time(RUNS, |_| drop(black_box(report::render(Format::Markdown, black_box(&data))))));
    row(
        "analyze + markdown report",
        &time(RUNS, |_| {
            let analysis = engine::analyze(catalog, &questionnaire, black_box(&assessment));
            let data =
                ReportData { catalog, questionnaire: &questionnaire, assessment: &assessment, analysis: &analysis };
            drop(black_box(report::render(Format::Markdown, &data)));
        }),
    );
    for (name, format) in [
        ("json export", Format::Json),
        ("csv gap list", Format::Csv),
        ("soa csv", Format::Soa),
        ("evidence requests (markdown)", Format::Evidence),
        ("evidence requests (csv)", Format::EvidenceCsv),
        ("readiness chart (svg)", Format::ReadinessSvg),
        ("timeline chart (svg)", Format::TimelineSvg),
    ] {
        row(name, &time(RUNS, |_| drop(black_box(report::render(format, black_box(&data))))));
    }
}
