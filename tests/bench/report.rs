//! Report benchmark: the markdown roadmap of an assessment with every shipped question
//! answered and noted (the largest report a real workshop produces). Target: under 10 ms,
//! so exporting from the TUI feels instant.
//!
//! Run with `cargo bench --bench report`. Prints markdown table rows for BENCHMARKS.md.

use crosswalk::assessment::Answer;
use crosswalk::engine::{self, Analysis};
use crosswalk::profile::{Region, Regulation};
use crosswalk::report::{self, Format, ReportData};
use crosswalk::{Assessment, Catalog, Questionnaire};
use std::hint::black_box;
use std::time::{Duration, Instant};

const WARMUP: usize = 20;
const ITERATIONS: usize = 300;

/// A workshop's worth of notes: a few sentences per question, with characters that need
/// escaping (pipes, parentheses, quotes, line breaks) so the escaping cost is measured too.
fn note_for(index: usize, question: &str) -> String {
    format!(
        "{question}: discussed with the CTO | IT lead. Policy exists (v{index}.2, \"approved\" by the board) \
         but evidence of review is thin.\nFollow up: collect the last two review records and the ticket export."
    )
}

fn fully_answered(questionnaire: &Questionnaire) -> Assessment {
    let mut assessment = Assessment::new("Benchmark Client GmbH", "Jane Doe", "2026-01-01T00:00:00Z");
    assessment.profile.headquarters = Some(Region::Europe);
    assessment.profile.regulations.insert(Regulation::Gdpr);
    assessment.profile.buyers.set(Region::NorthAmerica, 50);
    assessment.profile.buyers.set(Region::Europe, 50);
    for (i, question) in questionnaire.questions.iter().enumerate() {
        let note = note_for(i, &question.id);
        let answer = match i % 7 {
            0 => Answer { note, ..Answer::not_applicable("Out of scope: fully remote, no offices.") },
            1 => Answer { note, note_private: true, ..Answer::unknown() },
            _ => Answer { note, ..Answer::level(u8::try_from(i % 5).unwrap_or(0)) },
        };
        assessment.set_answer(&question.id, answer);
    }
    assessment
}

struct Stats {
    min: Duration,
    median: Duration,
    p95: Duration,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    Stats { min: samples[0], median: at(0.5), p95: at(0.95) }
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn row(name: &str, s: &Stats) {
    println!("| {name} | {} | {} | {} | {ITERATIONS} |", ms(s.min), ms(s.median), ms(s.p95));
}

fn time(mut f: impl FnMut()) -> Stats {
    for _ in 0..WARMUP {
        f();
    }
    let samples = (0..ITERATIONS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    stats(samples)
}

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
    println!("| case | min | median | p95 | iterations |\n|---|---|---|---|---|");
    row("markdown report", &time(|| drop(black_box(report::render(Format::Markdown, black_box(&data))))));
    row(
        "analyze + markdown report",
        &time(|| {
            let analysis = engine::analyze(catalog, &questionnaire, black_box(&assessment));
            let data =
                ReportData { catalog, questionnaire: &questionnaire, assessment: &assessment, analysis: &analysis };
            drop(black_box(report::render(Format::Markdown, &data)));
        }),
    );
    for (name, format) in [("json export", Format::Json), ("csv gap list", Format::Csv), ("soa csv", Format::Soa)] {
        row(name, &time(|| drop(black_box(report::render(format, black_box(&data))))));
    }
}
