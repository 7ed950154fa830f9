//! Capacity a CISO can sign: workstream leads and who confirmed each capacity (assumed until
//! then), the dates at half the assumed capacity, systems in scope scaling the technical
//! person-days, and a 3-month first observation window offered when a SOC 2 deadline slips.

use crosswalk::engine::deadlines::{SHORTEST_WINDOW_MONTHS, Verdict};
use crosswalk::engine::roadmap::{HALVED, MilestoneKind};
use crosswalk::engine::{self, Analysis, Rates};
use crosswalk::profile::{Lead, Tool};
use crosswalk::questionnaire::Owner;
use crosswalk::{Answer, Assessment, Catalog, Framework, Profile, Questionnaire, store};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

const V1: &str = include_str!("fixtures/assessments/v1.toml");

fn questionnaire() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(Questionnaire::embedded)
}

fn analyze(a: &Assessment) -> Analysis {
    engine::analyze_with(Catalog::embedded(), questionnaire(), a, Rates::embedded())
}

fn lumenfield() -> Assessment {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports/lumenfield.toml");
    store::load(&path).expect("fixture loads")
}

const LEADS: &str = "[profile.leads.engineering]\nname = \"Head of Platform\"\nconfirmed_by = \"CTO, 2026-10-14\"\n\n\
                     [profile.leads.security]\nname = \"Marta Nilsen\"\n\n[profile.buyers]";

#[test]
fn leads_and_confirmations_load_and_the_plan_marks_the_rest_assumed() {
    let text = V1
        .replace("[profile.buyers]", LEADS)
        .replace("team_fte = 1.5", "team_fte = 1.5\nsystems_in_scope = 12\ntools_held = [\"grc_platform\"]");
    let a = store::parse("acme.toml", &text).expect("loads");
    let p = &a.profile;
    assert_eq!(p.lead(Owner::Engineering), Some("Head of Platform"));
    assert_eq!(p.lead(Owner::Security), Some("Marta Nilsen"));
    assert_eq!(p.lead(Owner::It), None);
    assert_eq!(p.capacity_confirmed_by(Owner::Engineering), Some("CTO, 2026-10-14"));
    assert_eq!(p.capacity_confirmed_by(Owner::Security), None);
    assert_eq!(p.systems_in_scope, Some(12));
    assert!(p.holds_tool(Tool::GrcPlatform));
    let analysis = analyze(&a);
    let caps = &analysis.roadmap.capacities;
    let cap = |o: Owner| caps.iter().find(|c| c.owner == o).expect("capacity");
    assert!(!cap(Owner::Engineering).assumed());
    assert_eq!(cap(Owner::Engineering).lead.as_deref(), Some("Head of Platform"));
    assert!(cap(Owner::Security).assumed() && cap(Owner::It).assumed());
    // The halved line halves only what nobody confirmed.
    let plan = analysis.roadmap.plan();
    assert_eq!(plan.halved.factor, HALVED);
    assert!(!plan.halved.owners.contains(&Owner::Engineering));
    assert!(plan.halved.owners.contains(&Owner::Security));
    // Saved and read back, the fields survive.
    let again = store::parse("again.toml", &toml::to_string(&a).expect("encodes")).expect("reads back");
    assert_eq!(again.profile, a.profile);
}

#[test]
fn a_bad_lead_field_names_the_line_and_field() {
    let text = V1.replace("[profile.buyers]", "[profile.leads.engineering]\nnmae = \"CTO\"\n\n[profile.buyers]");
    let message = match store::parse("acme.toml", &text) {
        Ok(_) => panic!("an unknown field should not load"),
        Err(e) => e.to_string(),
    };
    let line = text.lines().position(|l| l.starts_with("nmae")).expect("line") + 1;
    assert!(message.starts_with(&format!("acme.toml:{line}")), "{message}");
    assert!(message.contains("nmae"), "{message}");
    let text = V1.replace("[profile.buyers]", "[profile.leads.marketing]\nname = \"CMO\"\n\n[profile.buyers]");
    assert!(store::parse("acme.toml", &text).is_err(), "an unknown workstream is refused");
}

#[test]
fn halving_the_assumed_capacity_moves_the_headline_dates_later() {
    let analysis = analyze(&lumenfield());
    for plan in &analysis.roadmap.plans {
        assert_eq!(plan.halved.owners.len(), Owner::ALL.len(), "nothing is confirmed in the fixture");
        for m in &plan.halved.milestones {
            assert!(m.week >= m.planned_week, "{:?} moved earlier at half the capacity", m.kind);
        }
        assert!(plan.halved.finish_week > plan.finish_week);
    }
    let plan = analysis.roadmap.plan();
    let type2 = plan.halved.milestones.iter().find(|m| m.kind == MilestoneKind::Type2Report).expect("Type II");
    assert!(type2.week > type2.planned_week, "the Type II report slips when the people are not there");
    // With every capacity confirmed, nothing is halved.
    let mut confirmed = lumenfield();
    for o in Owner::ALL {
        confirmed.profile.leads.insert(o, Lead { name: "lead".into(), confirmed_by: Some("COO".into()) });
    }
    let analysis = analyze(&confirmed);
    assert!(analysis.roadmap.plan().halved.owners.is_empty());
}

#[test]
fn a_missed_soc2_deadline_offers_a_three_month_first_window_with_its_dates() {
    let a = lumenfield();
    assert_eq!(a.profile.observation_window(), 6);
    let analysis = analyze(&a);
    let plan = analysis.roadmap.plan();
    let d = &plan.deadlines[0];
    assert_eq!(d.target, Framework::Soc2);
    assert_ne!(d.verdict, Verdict::Met);
    let option = d.window_option.expect("a shorter window is offered");
    assert_eq!(option.months, SHORTEST_WINDOW_MONTHS);
    assert_eq!(option.end_week - option.start_week, 13, "three months in whole weeks");
    let six = plan.milestone(Framework::Soc2, MilestoneKind::Type2Report).expect("Type II").week;
    assert_eq!(six - option.report_week, 26 - 13, "the report comes a quarter sooner");
    assert_eq!(option.verdict, Verdict::of(option.report_week_low, option.report_week, d.week));
    // Already at three months: nothing shorter to offer.
    let mut short = a.clone();
    short.profile.observation_months = 3;
    let analysis = analyze(&short);
    assert!(analysis.roadmap.plan().deadlines.iter().all(|d| d.window_option.is_none()));
    // The JSON carries it with its dates.
    let data = crosswalk::report::ReportData {
        catalog: Catalog::embedded(),
        questionnaire: questionnaire(),
        assessment: &a,
        analysis: &analyze(&a),
    };
    let json = crosswalk::report::json::document(&data);
    let w = &json["roadmap"]["deadlines"][0]["window_option"];
    assert_eq!(w["months"], 3);
    assert!(w["start_date"].is_string() && w["report_date"].is_string(), "{w}");
}

#[test]
fn systems_in_scope_scale_engineering_and_it_days_by_the_documented_factor() {
    let mut a = Assessment::new("systems", "", "2026-01-05T09:00:00Z");
    a.profile = Profile { headcount: 150, ..Profile::default() };
    for q in &questionnaire().questions {
        a.set_answer(&q.id, Answer::level(1));
    }
    let days = |a: &Assessment, owner: Owner| {
        let analysis = analyze(a);
        analysis
            .gaps
            .iter()
            .filter(|g| questionnaire().questions[g.question].owner == owner)
            .map(|g| g.days.high)
            .sum::<f64>()
    };
    let mut many = a.clone();
    many.profile.systems_in_scope = Some(40);
    let factor = Rates::embedded().systems_factor(Some(40));
    assert_eq!(factor, 1.35);
    assert!((days(&many, Owner::Engineering) / days(&a, Owner::Engineering) - factor).abs() < 1e-9);
    assert!((days(&many, Owner::It) / days(&a, Owner::It) - factor).abs() < 1e-9);
    // Policies and people processes do not repeat per system.
    assert!((days(&many, Owner::Hr) - days(&a, Owner::Hr)).abs() < 1e-9);
    assert_eq!(Rates::embedded().systems_factor(None), 1.0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn more_systems_in_scope_never_need_fewer_days(
        levels in vec(option::of(0u8..=4), questionnaire().questions.len()),
        systems in option::of(0u32..500),
        more in 1u32..500,
        headcount in 5u32..3000,
    ) {
        let mut a = Assessment::new("systems property", "", "2026-01-05T09:00:00Z");
        a.profile = Profile { headcount, systems_in_scope: systems, ..Profile::default() };
        for (q, level) in questionnaire().questions.iter().zip(&levels) {
            if let Some(level) = level {
                a.set_answer(&q.id, Answer::level(*level));
            }
        }
        let mut bigger = a.clone();
        bigger.profile.systems_in_scope = Some(systems.unwrap_or(5).saturating_add(more));
        let (small, large) = (analyze(&a), analyze(&bigger));
        let total = |x: &Analysis| x.gaps.iter().map(|g| g.days.high).sum::<f64>();
        prop_assert!(total(&large) >= total(&small) - 1e-9);
        for plan in &small.roadmap.plans {
            let other = large.roadmap.plans.iter().find(|p| p.kind == plan.kind && p.first == plan.first).expect("same plan");
            prop_assert!(other.days.high >= plan.days.high - 1e-9 && other.days.low >= plan.days.low - 1e-9);
        }
    }
}
