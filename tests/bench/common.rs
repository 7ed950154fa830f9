//! Shared by the benchmarks: timing, a fully answered workshop, and synthetic questionnaires
//! of any size. Each bench includes it with `#[path = "common.rs"] mod common;`.
#![allow(dead_code)]

use crosswalk::assessment::Answer;
use crosswalk::profile::{Region, Regulation};
use crosswalk::questionnaire::{ModuleSource, Owner, Phase};
use crosswalk::{Assessment, Catalog, Framework, Questionnaire};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

pub struct Stats {
    pub min: Duration,
    pub median: Duration,
    pub p95: Duration,
    pub runs: usize,
}

/// Runs `f` a tenth of `runs` times to warm up, then `runs` timed times.
pub fn time(runs: usize, mut f: impl FnMut(usize)) -> Stats {
    for i in 0..runs.div_ceil(10) {
        f(i);
    }
    let samples: Vec<Duration> = (0..runs)
        .map(|i| {
            let start = Instant::now();
            f(i);
            start.elapsed()
        })
        .collect();
    Stats::of(samples)
}

impl Stats {
    /// Min, median and p95 of samples measured by the caller (for a case whose own teardown
    /// must stay out of the timing).
    pub fn of(mut samples: Vec<Duration>) -> Stats {
        samples.sort();
        let runs = samples.len();
        let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
        Stats { min: samples[0], median: at(0.5), p95: at(0.95), runs }
    }
}

pub fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

pub fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// One markdown table row: `| name | min | median | p95 | runs |`.
pub fn row(name: &str, s: &Stats) {
    println!("| {name} | {} | {} | {} | {} |", ms(s.min), ms(s.median), ms(s.p95), s.runs);
}

pub const TABLE_HEADER: &str = "| case | min | median | p95 | runs |\n|---|---|---|---|---|";

/// A workshop's worth of notes: a few sentences per question, with characters that need
/// escaping (pipes, parentheses, quotes, line breaks) so escaping and encoding are measured.
pub fn note_for(index: usize, question: &str) -> String {
    format!(
        "{question}: discussed with the CTO | IT lead. Policy exists (v{index}.2, \"approved\" by the board) \
         but evidence of review is thin.\nFollow up: collect the last two review records and the ticket export."
    )
}

/// Every question answered and noted: mostly levels, one in seven n/a, one in seven unknown
/// with a consultant-only note.
pub fn fully_answered(questionnaire: &Questionnaire) -> Assessment {
    let mut assessment = Assessment::new("Benchmark Client GmbH", "Jane Doe", "2026-01-01T00:00:00Z");
    assessment.profile.headquarters = Some(Region::Europe);
    assessment.profile.regulations.insert(Regulation::Gdpr);
    assessment.profile.buyers.set(Region::NorthAmerica, 50);
    assessment.profile.buyers.set(Region::Europe, 50);
    assessment.profile.team_fte = 1.5;
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

/// SplitMix64: a fixed-seed generator, so every run benchmarks the same data.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const QUESTIONS_PER_DOMAIN: usize = 50;

/// Module files totalling `questions` questions, 50 per domain, each evidencing a few random
/// SOC 2 criteria and ISO references (some only one framework, as in the shipped set).
pub fn synthetic_sources(catalog: &Catalog, questions: usize, rng: &mut Rng) -> Vec<ModuleSource> {
    let ids = |fw: Framework| -> Vec<String> { catalog.of(fw).map(|(_, r)| r.id.clone()).collect() };
    let (soc2, iso) = (ids(Framework::Soc2), ids(Framework::Iso27001));
    let weights = ["0.25", "0.5", "1.0"];
    let refs = |rng: &mut Rng, pool: &[String], n: usize| -> String {
        let mut picked: Vec<&String> = Vec::new();
        while picked.len() < n {
            let r = &pool[rng.below(pool.len())];
            if !picked.contains(&r) {
                picked.push(r);
            }
        }
        picked.iter().map(|r| format!("\"{r}\" = {}", weights[rng.below(3)])).collect::<Vec<_>>().join(", ")
    };
    let domains = questions.div_ceil(QUESTIONS_PER_DOMAIN);
    (0..domains)
        .map(|d| {
            let overlap = [0.4, 0.5, 0.6, 0.8, 0.85, 0.9, 0.95][rng.below(7)];
            let mut text = format!(
                "id = \"synthetic-{d}\"\ntitle = \"Synthetic domain {d}\"\norder = {}\noverlap = {overlap}\nsummary = \"Generated for the benchmark\"\n",
                1000 + d
            );
            for n in 0..QUESTIONS_PER_DOMAIN.min(questions - d * QUESTIONS_PER_DOMAIN) {
                let owner = Owner::ALL[rng.below(Owner::ALL.len())].key();
                let phase = Phase::ALL[rng.below(Phase::ALL.len())].key();
                let (core, effort) = (rng.below(2) == 0, 1 + rng.below(10));
                let _ = write!(
                    text,
                    "\n[[question]]\nid = \"SYN-{d}-{n}\"\ncore = {core}\ntext = \"Synthetic question {n} of domain {d}?\"\naction = \"Synthetic action {n}\"\nnot_applicable = \"refused\"\nguidance = \"What good looks like.\"\nevidence = [\"An export\", \"A ticket\"]\nowner = \"{owner}\"\neffort_days = {effort}\nphase = \"{phase}\"\n",
                );
                let (n_soc2, n_iso) = (1 + rng.below(3), 1 + rng.below(4));
                match rng.below(10) {
                    0 => {
                        let iso = refs(rng, &iso, n_iso);
                        let _ = writeln!(text, "only = \"iso27001\"\neffort_for = \"iso27001\"\niso27001 = {{ {iso} }}");
                    }
                    1 => {
                        let soc2 = refs(rng, &soc2, n_soc2);
                        let _ = writeln!(text, "only = \"soc2\"\neffort_for = \"soc2\"\nsoc2 = {{ {soc2} }}");
                    }
                    _ => {
                        let (soc2, iso) = (refs(rng, &soc2, n_soc2), refs(rng, &iso, n_iso));
                        let _ = writeln!(text, "effort_for = \"both\"\nsoc2 = {{ {soc2} }}\niso27001 = {{ {iso} }}");
                    }
                }
            }
            ModuleSource { name: format!("synthetic-{d}.toml"), text }
        })
        .collect()
}

/// A synthetic questionnaire of `questions` questions, loaded like a consultant's own modules.
pub fn synthetic(questions: usize, rng: &mut Rng) -> Questionnaire {
    let sources = synthetic_sources(Catalog::embedded(), questions, rng);
    match Questionnaire::from_sources(Catalog::embedded(), &sources) {
        Ok(q) => q,
        Err(d) => panic!("synthetic questionnaire is invalid: {}", d[0]),
    }
}
