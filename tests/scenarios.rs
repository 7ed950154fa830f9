//! Scenario tests written as data: each `tests/scenarios/*.toml` holds a business profile
//! (the same TOML shape as `profile::Profile`), a set of answers and the decision it should
//! produce, with the reason that decision is right. This file runs them all through
//! `engine::analyze` and checks each expectation, then checks the cross-scenario facts
//! (the second framework's increment, and that every "what would change it" really does).

use crosswalk::engine::{self, Analysis, Effort};
use crosswalk::{Answer, Assessment, Catalog, Framework, Profile, Questionnaire};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    name: String,
    /// Why the expected decision is the right one (from the seeds' facts).
    reason: String,
    /// Level for every question not answered otherwise; none leaves them unanswered.
    default_level: Option<u8>,
    /// Levels by what a question evidences: both frameworks, only SOC 2, only ISO 27001.
    #[serde(default)]
    levels: Levels,
    #[serde(default)]
    profile: Profile,
    /// Question id -> level 0-4, "unknown" or "n/a".
    #[serde(default)]
    answers: BTreeMap<String, toml::Value>,
    expect: Expect,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Levels {
    shared: Option<u8>,
    soc2_only: Option<u8>,
    iso_only: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// "soc2", "iso27001", "hipaa" or "pci_dss".
    first: String,
    framework_first: Option<Framework>,
    both: Option<bool>,
    order: Option<Vec<String>>,
    /// Substrings the deadline advice must contain (all of them).
    #[serde(default)]
    deadline_advice_contains: Vec<String>,
    /// Substrings it must not contain.
    #[serde(default)]
    deadline_advice_excludes: Vec<String>,
    /// Calendar weeks (high end) to add the second framework after the first: [min, max].
    second_weeks_high: Option<[f64; 2]>,
    /// Person-days (high end) to close the first framework's gaps: [min, max].
    first_days_high: Option<[f64; 2]>,
    /// Minimum confidence: "low", "medium" or "high".
    min_confidence: Option<String>,
}

struct Loaded {
    path: PathBuf,
    scenario: Scenario,
    assessment: Assessment,
}

fn load(path: &Path, q: &Questionnaire) -> Loaded {
    let text = std::fs::read_to_string(path).expect("read scenario");
    let scenario: Scenario =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: not a valid scenario: {e}", path.display()));
    let mut assessment = Assessment::new(&scenario.name, "scenario test", "2026-01-01T00:00:00Z");
    assessment.profile = scenario.profile.clone();
    for question in &q.questions {
        let (soc2, iso) = (question.evidences(Framework::Soc2), question.evidences(Framework::Iso27001));
        let by_class = match (soc2, iso) {
            (true, true) => scenario.levels.shared,
            (true, false) => scenario.levels.soc2_only,
            (false, true) => scenario.levels.iso_only,
            (false, false) => None,
        };
        if let Some(level) = by_class.or(scenario.default_level) {
            assessment.set_answer(&question.id, Answer::level(level));
        }
    }
    for (id, value) in &scenario.answers {
        assert!(q.question(id).is_some(), "{}: unknown question {id}", path.display());
        let answer = match value {
            toml::Value::Integer(l) if (0..=4).contains(l) => Answer::level(*l as u8),
            toml::Value::String(s) if s == "unknown" => Answer::unknown(),
            toml::Value::String(s) if s == "n/a" => Answer::not_applicable("out of scope for this client"),
            other => panic!("{}: answer for {id} must be 0-4, \"unknown\" or \"n/a\", not {other}", path.display()),
        };
        assessment.set_answer(id, answer);
    }
    Loaded { path: path.to_path_buf(), scenario, assessment }
}

fn all() -> (Questionnaire, Vec<Loaded>) {
    let q = Questionnaire::embedded();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(DIR)
        .expect("scenarios folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let loaded = paths.iter().map(|p| load(p, &q)).collect();
    (q, loaded)
}

fn analyze(q: &Questionnaire, a: &Assessment) -> Analysis {
    engine::analyze(Catalog::embedded(), q, a)
}

fn rank(confidence: &str) -> u8 {
    match confidence {
        "low" => 0,
        "medium" => 1,
        "high" => 2,
        other => panic!("unknown confidence {other}"),
    }
}

fn within(value: f64, [lo, hi]: [f64; 2]) -> bool {
    value >= lo && value <= hi
}

/// Checks one scenario; returns the problems found.
fn check(q: &Questionnaire, s: &Loaded) -> Vec<String> {
    let a = analyze(q, &s.assessment);
    let r = &a.recommendation;
    let e = &s.scenario.expect;
    let mut problems = Vec::new();
    let mut expect = |ok: bool, what: String| {
        if !ok {
            problems.push(what);
        }
    };
    expect(!s.scenario.reason.trim().is_empty(), "no reason given".into());
    expect(r.first.key() == e.first, format!("first: expected {}, got {}", e.first, r.first.key()));
    if let Some(fw) = e.framework_first {
        expect(r.framework_first == fw, format!("framework_first: expected {fw}, got {}", r.framework_first));
    }
    if let Some(both) = e.both {
        expect(r.both == both, format!("both: expected {both}, got {}", r.both));
    }
    if let Some(order) = &e.order {
        let got: Vec<&str> = r.order.iter().map(|t| t.key()).collect();
        expect(got == *order, format!("order: expected {order:?}, got {got:?}"));
    }
    let advice = r.deadline_advice.clone().unwrap_or_default();
    for needle in &e.deadline_advice_contains {
        expect(advice.contains(needle.as_str()), format!("deadline advice lacks `{needle}`: `{advice}`"));
    }
    for needle in &e.deadline_advice_excludes {
        expect(!advice.contains(needle.as_str()), format!("deadline advice has `{needle}`: `{advice}`"));
    }
    if let Some(band) = e.second_weeks_high {
        let w = a.effort.second_weeks.high;
        expect(within(w, band), format!("second framework: {w} weeks, expected {band:?}"));
    }
    if let Some(band) = e.first_days_high {
        let d = a.effort.first_days.high;
        expect(within(d, band), format!("first framework: {d} person-days, expected {band:?}"));
    }
    if let Some(min) = &e.min_confidence {
        expect(rank(r.confidence.key()) >= rank(min), format!("confidence {} below {min}", r.confidence.key()));
    }
    // The decision must explain itself: the factors add up to the score and the top factor
    // favours the framework chosen (or the decision is close enough to be called low).
    let sum: f64 = r.factors.iter().map(|f| f.points).sum();
    expect(
        (sum - r.score).abs() < 0.11 * r.factors.len().max(1) as f64,
        format!("factors sum {sum} != score {}", r.score),
    );
    expect(
        r.factors.first().is_some_and(|f| f.favours() == Some(r.framework_first))
            || r.confidence == crosswalk::engine::recommend::Confidence::Low,
        format!("top factor does not favour {} ({:?})", r.framework_first, r.factors.first()),
    );
    expect(!crosswalk::report::words::summary(r).is_empty(), "empty summary".into());
    // The score's sign agrees with the order (a tie goes to SOC 2), held frameworks included.
    let by_sign = if r.score > 0.0 { Framework::Iso27001 } else { Framework::Soc2 };
    expect(by_sign == r.framework_first, format!("score {} but {} first", r.score, r.framework_first));
    problems
}

#[test]
fn every_scenario_reaches_its_expected_decision() {
    let (q, scenarios) = all();
    assert!(scenarios.len() >= 10, "expected at least 10 scenarios, found {}", scenarios.len());
    let mut failures = Vec::new();
    for s in &scenarios {
        let a = analyze(&q, &s.assessment);
        let r = &a.recommendation;
        println!(
            "{}: {} first ({}), order {:?}, both {}, score {}, confidence {}; first {:?} days / {:?} weeks, second {:?} weeks",
            s.scenario.name,
            r.first.label(),
            r.framework_first,
            r.order.iter().map(|t| t.key()).collect::<Vec<_>>(),
            r.both,
            r.score,
            r.confidence.key(),
            (a.effort.first_days.low.round(), a.effort.first_days.high.round()),
            (a.effort.first_weeks.low, a.effort.first_weeks.high),
            (a.effort.second_weeks.low, a.effort.second_weeks.high),
        );
        if let Some(advice) = &r.deadline_advice {
            println!("    deadline: {advice}");
        }
        let problems = check(&q, s);
        if !problems.is_empty() {
            failures.push(format!("{} ({}):\n  {}", s.scenario.name, s.path.display(), problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_required_scenarios_are_present() {
    let (_, scenarios) = all();
    let firsts: Vec<&str> = scenarios.iter().map(|s| s.scenario.expect.first.as_str()).collect();
    for target in ["soc2", "iso27001", "hipaa", "pci_dss"] {
        assert!(firsts.contains(&target), "no scenario expects {target} first");
    }
    assert!(
        scenarios.iter().any(|s| s.scenario.expect.deadline_advice_contains.iter().any(|n| n.contains("Type I"))),
        "no scenario checks the Type I stopgap"
    );
}

#[test]
fn every_flip_really_flips_the_decision() {
    let (q, scenarios) = all();
    for s in &scenarios {
        let a = analyze(&q, &s.assessment);
        let r = &a.recommendation;
        if !r.held.is_empty() {
            // What the client already holds decides: no profile change is offered as a flip.
            assert!(r.flips.is_empty(), "{}: flips offered although {:?} is held", s.scenario.name, r.held);
            continue;
        }
        assert!(!r.flips.is_empty(), "{}: no change of input would flip {} first", s.scenario.name, r.framework_first);
        for flip in &r.flips {
            assert_ne!(flip.profile, s.assessment.profile, "{}: `{}` changes nothing", s.scenario.name, flip.change);
            let mut changed = s.assessment.clone();
            changed.profile = flip.profile.clone();
            let again = analyze(&q, &changed).recommendation;
            assert_ne!(
                again.framework_first, r.framework_first,
                "{}: `{}` is listed as a flip but {} stays first",
                s.scenario.name, flip.change, r.framework_first
            );
            assert_eq!(flip.result, format!("{} first", again.framework_first.label()));
        }
        // Smallest first.
        assert!(r.flips.windows(2).all(|w| w[0].size <= w[1].size), "{}: flips not ordered", s.scenario.name);
    }
}

fn scenario<'a>(scenarios: &'a [Loaded], file: &str) -> &'a Loaded {
    scenarios.iter().find(|s| s.path.ends_with(file)).unwrap_or_else(|| panic!("scenario {file} missing"))
}

#[test]
fn adding_iso_to_a_mature_soc2_programme_is_weeks_not_months() {
    // Seeds: "adding the second framework is 8-12 weeks of focused effort" when the first is
    // in place. A mature SOC 2 company has the shared controls running (levels 3-4) and none
    // of the ISO-only work (scope, SoA, risk treatment, internal audit, management review,
    // improvement, threat intelligence, detailed physical): the increment is that work alone,
    // about 45-50 person-days, so 10 weeks at one FTE. With nothing in place the SOC 2 build
    // comes first and only part of it carries over, so the ISO increment is several times
    // larger.
    let (q, scenarios) = all();
    let mature = scenario(&scenarios, "mature_soc2_adds_iso.toml");
    let a = analyze(&q, &mature.assessment);
    assert_eq!(a.effort.first, Framework::Soc2);
    assert_eq!(a.effort.fte, 1.0);
    let weeks = a.effort.second_weeks.high;
    assert!((6.0..=14.0).contains(&weeks), "ISO increment for a mature SOC 2 company: {weeks} weeks");
    assert!(a.effort.first_days.high <= 5.0, "mature SOC 2: {} days left", a.effort.first_days.high);

    let mut empty = mature.assessment.clone();
    for question in &q.questions {
        empty.set_answer(&question.id, Answer::level(0));
    }
    let b = analyze(&q, &empty);
    let e = Effort::compute(&q, &b.readiness, &b.gaps, Framework::Soc2, 1.0);
    assert!(
        e.second_weeks.high >= 2.0 * weeks,
        "nothing in place: {} weeks to add ISO, mature: {weeks}",
        e.second_weeks.high
    );
    assert!(e.first_weeks.high > e.second_weeks.high, "the first framework is the bigger build");
    // The increment is overlap-driven: with every domain's overlap at 1.0 only the ISO-only
    // work would remain, and at 0.0 all shared work is redone.
    let rework: f64 = e.increments.iter().map(|i| i.rework.high).sum();
    let shared: f64 = e.increments.iter().map(|i| i.shared.high).sum();
    assert!(rework > 0.0 && rework < shared, "rework {rework} of shared {shared}");
    for inc in &e.increments {
        assert!((inc.rework.high - inc.shared.high * (1.0 - inc.overlap)).abs() < 1e-9);
    }
}

#[test]
fn the_type_ii_window_decides_the_stopgap() {
    // Same client, three deadlines: past the Type II report, inside the observation window,
    // and too soon for even a Type I.
    let (q, scenarios) = all();
    let base = scenario(&scenarios, "deadline_inside_type2_window.toml");
    let advice = |weeks: u16| {
        let mut a = base.assessment.clone();
        if let Some(d) = a.profile.deadline.as_mut() {
            d.weeks = weeks;
        }
        analyze(&q, &a).recommendation.deadline_advice.unwrap_or_default()
    };
    let window = base.assessment.profile.deadline.as_ref().map(|d| d.weeks).unwrap_or_default();
    assert!(advice(window).contains("stopgap"), "{}", advice(window));
    assert!(advice(104).contains("Type II report fits"), "{}", advice(104));
    assert!(advice(1).contains("Even a SOC 2 Type I"), "{}", advice(1));
}
