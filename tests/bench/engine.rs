//! Benchmark: scoring + recommendation + roadmap (`engine::analyze`) for the shipped
//! questionnaire fully answered, and for synthetic questionnaires of 1,000 and 10,000
//! questions generated as module TOML and loaded like a consultant's own modules.
//!
//! Run with `cargo bench --bench engine`. No framework: each size runs a fixed number of
//! iterations timed with `Instant`, and min / median / p95 are printed. Target: under 1 ms
//! for the shipped set, and time per question roughly constant as the set grows.

use crosswalk::engine::recommend::{self, GapInputs};
use crosswalk::engine::{self, Effort, Readiness, roadmap};
use crosswalk::questionnaire::{ModuleSource, Owner, Phase};
use crosswalk::{Answer, Assessment, Catalog, Framework, Profile, Questionnaire};
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// SplitMix64: a fixed-seed generator, so every run benchmarks the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const QUESTIONS_PER_DOMAIN: usize = 50;

/// Module files totalling `questions` questions, 50 per domain, each evidencing a few random
/// SOC 2 criteria and ISO references (some only one framework, as in the shipped set).
fn synthetic_sources(catalog: &Catalog, questions: usize, rng: &mut Rng) -> Vec<ModuleSource> {
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
                    "\n[[question]]\nid = \"SYN-{d}-{n}\"\ncore = {core}\ntext = \"Synthetic question {n} of domain {d}?\"\nguidance = \"What good looks like.\"\nevidence = [\"An export\", \"A ticket\"]\nowner = \"{owner}\"\neffort_days = {effort}\nphase = \"{phase}\"\n",
                );
                let (n_soc2, n_iso) = (1 + rng.below(3), 1 + rng.below(4));
                match rng.below(10) {
                    0 => {
                        let iso = refs(rng, &iso, n_iso);
                        let _ = writeln!(text, "only = \"iso27001\"\niso27001 = {{ {iso} }}");
                    }
                    1 => {
                        let soc2 = refs(rng, &soc2, n_soc2);
                        let _ = writeln!(text, "only = \"soc2\"\nsoc2 = {{ {soc2} }}");
                    }
                    _ => {
                        let (soc2, iso) = (refs(rng, &soc2, n_soc2), refs(rng, &iso, n_iso));
                        let _ = writeln!(text, "soc2 = {{ {soc2} }}\niso27001 = {{ {iso} }}");
                    }
                }
            }
            ModuleSource { name: format!("synthetic-{d}.toml"), text }
        })
        .collect()
}

/// Every question answered: mostly levels, some unknown and some not applicable.
fn answered(q: &Questionnaire, rng: &mut Rng) -> Assessment {
    let mut a = Assessment::new("benchmark", "", "2026-01-01T00:00:00Z");
    a.profile = Profile { team_fte: 1.5, ..Profile::default() };
    a.profile.buyers.north_america = 55;
    a.profile.buyers.europe = 45;
    for question in &q.questions {
        let answer = match rng.below(20) {
            0 => Answer::unknown(),
            1 => Answer::not_applicable("not used"),
            _ => Answer::level(rng.below(5) as u8),
        };
        a.set_answer(&question.id, answer);
    }
    a
}

struct Stats {
    min: Duration,
    median: Duration,
    p95: Duration,
}

fn time(iterations: usize, mut f: impl FnMut()) -> Stats {
    for _ in 0..iterations.div_ceil(10) {
        f();
    }
    let mut samples: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort();
    let at = |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize];
    Stats { min: samples[0], median: at(0.5), p95: at(0.95) }
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let catalog = Catalog::embedded();
    let mut rng = Rng(0x00c0_ffee_5eed);
    let shipped = Questionnaire::embedded();
    let mut cases: Vec<(String, Questionnaire, usize)> = vec![("shipped".into(), shipped, 2000)];
    for (n, iterations) in [(1_000, 400), (10_000, 40)] {
        let sources = synthetic_sources(catalog, n, &mut rng);
        let start = Instant::now();
        let q = match Questionnaire::from_sources(catalog, &sources) {
            Ok(q) => q,
            Err(d) => panic!("synthetic questionnaire is invalid: {}", d[0]),
        };
        println!("loaded {n} synthetic questions in {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
        cases.push((format!("synthetic {n}"), q, iterations));
    }

    println!("\nengine::analyze (readiness + gaps + effort + recommendation + roadmap), fully answered");
    println!(
        "{:<16} {:>9} {:>6} {:>11} {:>11} {:>11} {:>13}",
        "questionnaire", "questions", "runs", "min", "median", "p95", "median/quest."
    );
    let mut per_question = Vec::new();
    for (name, q, iterations) in &cases {
        let assessment = answered(q, &mut rng);
        let stats = time(*iterations, || {
            black_box(engine::analyze(catalog, q, black_box(&assessment)));
        });
        let per = micros(stats.median) / q.questions.len() as f64;
        per_question.push(per);
        println!(
            "{name:<16} {:>9} {:>6} {:>8.1} µs {:>8.1} µs {:>8.1} µs {:>10.3} µs",
            q.questions.len(),
            iterations,
            micros(stats.min),
            micros(stats.median),
            micros(stats.p95),
            per
        );
    }
    println!("\nmedian by stage, µs");
    println!(
        "{:<16} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "questionnaire", "readiness", "gaps", "effort x2", "recommend", "roadmap"
    );
    for (name, q, iterations) in &cases {
        let a = answered(q, &mut rng);
        let runs = (*iterations).max(20);
        let readiness = Readiness::compute(catalog, q, &a);
        let gaps = engine::effort::gaps(q, &readiness);
        let fte = a.profile.capacity_fte();
        let effort = |fw| Effort::compute(q, &readiness, &gaps, fw, fte);
        let (soc2, iso) = (effort(Framework::Soc2), effort(Framework::Iso27001));
        let inputs = GapInputs {
            soc2_days: soc2.first_days,
            iso_days: iso.first_days,
            soc2_weeks: soc2.first_weeks.high,
            iso_weeks: iso.first_weeks.high,
            known: 1.0,
        };
        let stages = [
            time(runs, || {
                black_box(Readiness::compute(catalog, q, black_box(&a)));
            }),
            time(runs, || {
                black_box(engine::effort::gaps(q, black_box(&readiness)));
            }),
            time(runs, || {
                black_box((effort(Framework::Soc2), effort(Framework::Iso27001)));
            }),
            time(runs, || {
                black_box(recommend::recommend(black_box(&a.profile), &inputs));
            }),
            time(runs, || {
                black_box(roadmap::plan(catalog, q, &readiness, &gaps, &soc2, &a.profile));
            }),
        ];
        let m: Vec<f64> = stages.iter().map(|s| micros(s.median)).collect();
        println!("{name:<16} {:>10.1} {:>10.1} {:>10.1} {:>10.1} {:>10.1}", m[0], m[1], m[2], m[3], m[4]);
    }
    let growth = per_question[2] / per_question[1];
    println!("\ntime per question, 10,000 vs 1,000: x{growth:.2} (1.0 = linear)");
}
