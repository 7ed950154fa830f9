//! Benchmark: scoring + recommendation + roadmap (`engine::analyze`) for the shipped
//! questionnaire fully answered, and for synthetic questionnaires of 1,000 and 10,000
//! questions generated as module TOML and loaded like a consultant's own modules.
//!
//! Run with `cargo bench --bench engine`. No framework: each size runs a fixed number of
//! iterations timed with `Instant`, and min / median / p95 are printed. Target: under 1 ms
//! for the shipped set, and time per question roughly constant as the set grows.

use crosswalk::engine::recommend::{self, GapInputs};
use crosswalk::engine::{self, Effort, Readiness, roadmap};
use crosswalk::{Answer, Assessment, Catalog, Framework, Profile, Questionnaire};
use std::hint::black_box;
use std::time::Instant;

#[path = "common.rs"]
mod common;
use common::{Rng, micros, synthetic_sources, time};

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
        let stats = time(*iterations, |_| {
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
    // Deadlines that the plan misses make the engine solve for the capacity that would meet
    // them (the plan re-run under bisection): the costliest realistic profile.
    {
        let (_, q, iterations) = &cases[0];
        let mut a = answered(q, &mut rng);
        a.profile.deadlines = vec![
            crosswalk::profile::Deadline::new(26, Some(Framework::Iso27001), "2026-01-01"),
            crosswalk::profile::Deadline::new(30, Some(Framework::Soc2), "2026-01-01"),
        ];
        let stats = time(*iterations, |_| {
            black_box(engine::analyze(catalog, q, black_box(&a)));
        });
        println!(
            "{:<16} {:>9} {:>6} {:>8.1} µs {:>8.1} µs {:>8.1} µs   (two missed deadlines, capacity solved)",
            "shipped+deadln",
            q.questions.len(),
            iterations,
            micros(stats.min),
            micros(stats.median),
            micros(stats.p95),
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
            soc2_full_days: soc2.first_full_days,
            iso_full_days: iso.first_full_days,
            soc2_weeks: soc2.first_days.exact_weeks(fte),
            iso_weeks: iso.first_days.exact_weeks(fte),
            known: 1.0,
            floor: recommend::CalendarFloor::default(),
        };
        let stages = [
            time(runs, |_| {
                black_box(Readiness::compute(catalog, q, black_box(&a)));
            }),
            time(runs, |_| {
                black_box(engine::effort::gaps(q, black_box(&readiness)));
            }),
            time(runs, |_| {
                black_box((effort(Framework::Soc2), effort(Framework::Iso27001)));
            }),
            time(runs, |_| {
                black_box(recommend::recommend(black_box(&a.profile), &inputs));
            }),
            time(runs, |_| {
                black_box(roadmap::plan(roadmap::PlanInputs {
                    catalog,
                    questionnaire: q,
                    readiness: &readiness,
                    gaps: &gaps,
                    effort: &soc2,
                    profile: &a.profile,
                    rates: crosswalk::engine::Rates::embedded(),
                    updated: &a.updated,
                    both: true,
                }));
            }),
        ];
        let m: Vec<f64> = stages.iter().map(|s| micros(s.median)).collect();
        println!("{name:<16} {:>10.1} {:>10.1} {:>10.1} {:>10.1} {:>10.1}", m[0], m[1], m[2], m[3], m[4]);
    }
    let growth = per_question[2] / per_question[1];
    println!("\ntime per question, 10,000 vs 1,000: x{growth:.2} (1.0 = linear)");
}
