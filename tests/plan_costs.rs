//! Costs a CISO can defend: the labour lines tie to the plan's person-days, every fee sits in
//! the programme year of the week it falls in, tools the client already pays for are the
//! current run-rate rather than new spend, and the events a plan has (readiness check,
//! outside internal audit, pentest retest, recertification) are costed.

use crosswalk::engine::costs::{CostCategory, CostItem, CostLine, Costs, Spend, year_of};
use crosswalk::engine::rates::{AuditEvent, Tool};
use crosswalk::engine::roadmap::{MilestoneKind, Plan};
use crosswalk::engine::{self, Analysis, Rates};
use crosswalk::{Answer, Assessment, Catalog, Framework, Profile, Questionnaire, store};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn questionnaire() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(Questionnaire::embedded)
}

fn analyze(a: &Assessment) -> Analysis {
    engine::analyze_with(Catalog::embedded(), questionnaire(), a, Rates::embedded())
}

fn lumenfield() -> Assessment {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports/lumenfield.toml");
    crosswalk::store::load(&path).expect("fixture loads")
}

fn readiness_days(lines: &[CostLine]) -> (f64, f64) {
    lines
        .iter()
        .filter(|l| l.item == CostItem::Readiness)
        .filter_map(|l| l.days)
        .fold((0.0, 0.0), |(lo, hi), d| (lo + d.low, hi + d.high))
}

fn assert_close(a: f64, b: f64, what: &str) -> Result<(), TestCaseError> {
    prop_assert!((a - b).abs() < 1e-6 * b.abs().max(1.0), "{what}: {a} != {b}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn labour_lines_add_up_to_the_plans_person_days(
        levels in vec(option::of(0u8..=4), questionnaire().questions.len()),
        headcount in 5u32..3000,
        months in 3u8..=12,
        na in 0u8..=100,
    ) {
        let mut a = Assessment::new("costs property", "", "2026-01-05T09:00:00Z");
        a.profile = Profile { headcount, observation_months: months, ..Profile::default() };
        a.profile.buyers.north_america = na;
        a.profile.buyers.europe = 100 - na;
        for (q, level) in questionnaire().questions.iter().zip(&levels) {
            if let Some(level) = level {
                a.set_answer(&q.id, Answer::level(*level));
            }
        }
        let analysis = analyze(&a);
        for plan in &analysis.roadmap.plans {
            let c = &plan.costs;
            let tie = &c.labour;
            // The plan's days, all of them, and nothing else.
            assert_close(tie.plan_days.low, plan.days.low, "plan days (low)")?;
            assert_close(tie.plan_days.high, plan.days.high, "plan days (high)")?;
            assert_close(tie.internal_days.low + tie.outside_days.low, plan.days.low, "internal + outside (low)")?;
            assert_close(tie.internal_days.high + tie.outside_days.high, plan.days.high, "internal + outside (high)")?;
            let by_year = tie.by_year.iter().fold((0.0, 0.0), |(lo, hi), (_, d)| (lo + d.low, hi + d.high));
            assert_close(by_year.0, plan.days.low, "by year (low)")?;
            assert_close(by_year.1, plan.days.high, "by year (high)")?;
            // The readiness lines, in the table or after it, carry exactly those days.
            let all: Vec<CostLine> = c.lines.iter().chain(&c.later).cloned().collect();
            let (lo, hi) = readiness_days(&all);
            assert_close(lo, plan.days.low, "readiness lines (low)")?;
            assert_close(hi, plan.days.high, "readiness lines (high)")?;
            check_years(plan, c)?;
        }
    }
}

/// Every line sits in the programme year of its week; the Type II fee at the end of its period.
fn check_years(plan: &Plan, c: &Costs) -> Result<(), TestCaseError> {
    prop_assert_eq!(c.years.len(), 3);
    prop_assert_eq!((c.years[0].start_week, c.years[0].end_week), (0, 52));
    for line in c.lines.iter().chain(&c.later) {
        if let Some(week) = line.week {
            prop_assert_eq!(line.year, year_of(week), "{:?} in week {}", line.item, week);
        }
        prop_assert!(c.lines.contains(line) == (line.year <= 3));
    }
    if let Some(end) = plan.milestone(Framework::Soc2, MilestoneKind::ObservationEnd).filter(|m| !m.upkeep) {
        let first = c
            .lines
            .iter()
            .chain(&c.later)
            .filter(|l| l.item == CostItem::Audit(AuditEvent::Type2))
            .find_map(|l| l.week);
        prop_assert_eq!(first, Some(end.week), "the first Type II fee falls when its period ends");
    }
    Ok(())
}

#[test]
fn a_type2_window_that_ends_in_year1_puts_its_fee_and_run_work_in_year1() {
    // A well-prepared client with a 3-month window: the period ends inside year 1.
    let mut a = Assessment::new("early window", "", "2026-01-05T09:00:00Z");
    a.profile = Profile { observation_months: 3, team_fte: 3.0, ..Profile::default() };
    a.profile.buyers.north_america = 100;
    for q in &questionnaire().questions {
        a.set_answer(&q.id, Answer::level(3));
    }
    let analysis = analyze(&a);
    let plan = analysis.roadmap.plan();
    assert_eq!(plan.first, Framework::Soc2);
    let end = plan.milestone(Framework::Soc2, MilestoneKind::ObservationEnd).expect("window").week;
    assert!(end < 52, "the window ends in year 1 (week {end})");
    let c = &plan.costs;
    let type2 = c.lines.iter().find(|l| l.item == CostItem::Audit(AuditEvent::Type2) && l.year == 1);
    assert!(type2.is_some_and(|l| l.week == Some(end)), "the first Type II fee is in year 1");
    // The window's reviews and evidence collection run in year 1 too.
    let upkeep = c.lines.iter().find(|l| l.item == CostItem::Upkeep && l.year == 1).expect("run work in year 1");
    assert!(upkeep.days.is_some_and(|d| d.high > 0.0));
}

#[test]
fn tools_the_client_pays_for_are_the_current_run_rate_not_new_spend() {
    let mut a = lumenfield();
    a.profile.tools_held.clear();
    let mut held = a.clone();
    held.profile.tools_held = [Tool::GrcPlatform, Tool::PenetrationTest].into_iter().collect();
    let (before, after) = (analyze(&a), analyze(&held));
    let (b, c) = (&before.roadmap.plan().costs, &after.roadmap.plan().costs);
    assert!(b.lines.iter().all(|l| l.spend == Spend::New));
    assert_eq!(b.current.three_year.low, 0.0);
    let tool = |costs: &Costs, t: Tool, year: u8| {
        costs.lines.iter().find(|l| l.item == CostItem::Tool(t) && l.year == year).cloned().expect("tool line")
    };
    for year in 1..=3 {
        for t in [Tool::GrcPlatform, Tool::PenetrationTest] {
            assert_eq!(tool(c, t, year).spend, Spend::Current);
        }
        // The retest is new work even when the test itself is already bought.
        assert_eq!(tool(c, Tool::PentestRetest, year).spend, Spend::New);
    }
    let paid = |year: u8| tool(b, Tool::GrcPlatform, year).amount + tool(b, Tool::PenetrationTest, year).amount;
    let year1 = paid(1);
    assert_eq!(c.current.year1, year1);
    assert!((b.totals.year1.low - c.totals.year1.low - year1.low).abs() < 1e-6);
    let three = paid(1) + paid(2) + paid(3);
    assert_eq!(c.current.three_year, three);
    assert!((b.totals.three_year.low - c.totals.three_year.low - three.low).abs() < 1e-6);
    let run = &after.roadmap.plan().run;
    assert!(run.tools_current.low > 0.0 && run.tools.low < before.roadmap.plan().run.tools.low);
}

#[test]
fn the_events_the_plan_has_are_costed() {
    let analysis = analyze(&lumenfield());
    let plan = analysis.roadmap.plan();
    let c = &plan.costs;
    let has = |item: CostItem| c.lines.iter().chain(&c.later).any(|l| l.item == item);
    // A mock audit before the SOC 2 window, an outside internal auditor for ISO 27001 (the
    // ISMS team may not audit its own work), and a pentest retest.
    assert!(has(CostItem::Audit(AuditEvent::ReadinessCheck)));
    assert!(has(CostItem::Audit(AuditEvent::InternalAudit)));
    assert!(has(CostItem::Tool(Tool::PentestRetest)));
    let check = plan.milestone(Framework::Soc2, MilestoneKind::ReadinessCheck).expect("mock audit").week;
    let line = c.lines.iter().find(|l| l.item == CostItem::Audit(AuditEvent::ReadinessCheck)).expect("line");
    assert_eq!((line.week, line.category), (Some(check), CostCategory::AuditFee));
    // The recertification falls after the three years: in the footnote, not the totals.
    let recert = plan.milestone(Framework::Iso27001, MilestoneKind::Recertification).expect("recertification").week;
    assert!(recert >= 156);
    assert!(c.later.iter().any(|l| l.item == CostItem::Audit(AuditEvent::Recertification) && l.week == Some(recert)));
    assert!(!c.lines.iter().any(|l| l.item == CostItem::Audit(AuditEvent::Recertification)));
}

#[test]
fn an_old_profile_without_the_new_fields_loads_with_their_defaults() {
    let a = store::parse("v1.toml", include_str!("fixtures/assessments/v1.toml")).expect("the v1 fixture loads");
    assert!(a.profile.tools_held.is_empty());
    assert_eq!(a.profile.systems_in_scope, None);
    assert!(a.profile.leads.is_empty());
    assert_eq!(a.profile.works_council, crosswalk::profile::Applicability::NotYetKnown);
    // And its single deadline table still loads as a list of one.
    assert_eq!(a.profile.deadlines.len(), 1);
    // Nothing held: every cost is new spend, as before the field existed.
    let analysis = analyze(&a);
    assert!(analysis.roadmap.plans.iter().all(|p| p.costs.lines.iter().all(|l| l.spend == Spend::New)));
}

#[test]
fn the_gap_csv_adds_up_to_the_plans_person_days() {
    // One set of person-days: the plan, the cost lines and the GRC import agree.
    let a = lumenfield();
    let analysis = analyze(&a);
    let data = crosswalk::report::ReportData {
        catalog: Catalog::embedded(),
        questionnaire: questionnaire(),
        assessment: &a,
        analysis: &analysis,
    };
    let csv = crosswalk::report::render(crosswalk::report::Format::Csv, &data);
    let mut reader = csv.lines();
    let header: Vec<&str> = reader.next().expect("header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect("column");
    let (lo, hi) = (col("effort_low_days"), col("effort_high_days"));
    let mut sum = (0.0, 0.0);
    let mut rows = 0usize;
    for line in reader {
        let cells = csv_cells(line);
        sum.0 += cells[lo].parse::<f64>().expect("low days");
        sum.1 += cells[hi].parse::<f64>().expect("high days");
        rows += 1;
    }
    let plan = analysis.roadmap.plan();
    let (plan_lo, plan_hi) =
        plan.items().filter(|i| i.question.is_some()).fold((0.0, 0.0), |(l, h), i| (l + i.days.low, h + i.days.high));
    // Each row is rounded to a tenth of a day.
    let slack = 0.05 * rows as f64;
    assert!((sum.0 - plan_lo).abs() <= slack, "CSV low {} vs plan {plan_lo}", sum.0);
    assert!((sum.1 - plan_hi).abs() <= slack, "CSV high {} vs plan {plan_hi}", sum.1);
    // And the cost lines carry every plan day, the booking work included.
    let tie = &plan.costs.labour;
    assert!((tie.plan_days.high - plan.days.high).abs() < 1e-6);
    assert!(plan.items().any(|i| i.id == "BOOK-SOC2" && i.owner == crosswalk::questionnaire::Owner::Security));
}

/// The cells of one CSV row (RFC 4180 quoting; no line breaks inside the rows checked here).
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().expect("cell").push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().expect("cell").push(c),
        }
    }
    cells
}
