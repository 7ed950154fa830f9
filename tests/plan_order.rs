//! The order of the plan on a real workshop (the Lumenfield fixture, whose plans include SOC 2
//! first, then ISO 27001): each item-level prerequisite holds, ISO 27001 additions to controls mapped to
//! in-scope SOC 2 criteria are built before the Type II window opens, and no work starts
//! before the programme is mobilised.

use crosswalk::engine::roadmap::{MilestoneKind, Plan, PlanItem, PlanKind, Programme, PullForward};
use crosswalk::engine::{self, Analysis, Rates};
use crosswalk::{Assessment, Catalog, Framework, Questionnaire};
use std::path::Path;

fn lumenfield() -> Assessment {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports/lumenfield.toml");
    crosswalk::store::load(&path).expect("fixture loads")
}

fn analyze_with(a: &Assessment, rates: &Rates) -> Analysis {
    engine::analyze_with(Catalog::embedded(), &Questionnaire::embedded(), a, rates)
}

fn analyze(a: &Assessment) -> Analysis {
    analyze_with(a, Rates::embedded())
}

/// The plan with SOC 2 first, then ISO 27001 (recommended or the other order).
fn soc2_first(analysis: &Analysis) -> &Plan {
    let plans = &analysis.roadmap.plans;
    plans.iter().find(|p| p.kind == PlanKind::Sequential && p.first == Framework::Soc2).expect("SOC 2 first planned")
}

fn items<'a>(plan: &'a Plan, id: &str) -> Vec<&'a PlanItem> {
    let found: Vec<&PlanItem> = plan.items().filter(|i| i.id == id).collect();
    assert!(!found.is_empty(), "{id} is on the plan (the fixture leaves it open)");
    found
}

/// Every part of `before` ends before any part of `after` starts, in every plan.
fn assert_before(before: &str, after: &str) {
    let analysis = analyze(&lumenfield());
    for plan in &analysis.roadmap.plans {
        let end = items(plan, before).iter().map(|i| i.end_week).max().expect("on the plan");
        let start = items(plan, after).iter().map(|i| i.start_week).min().expect("on the plan");
        assert!(
            end <= start,
            "{:?} {:?}: {before} ends in week {end}, {after} starts in week {start}",
            plan.kind,
            plan.first
        );
        assert!(
            items(plan, after).iter().any(|i| i.after.iter().any(|a| a == before)),
            "{after} names {before} as its prerequisite"
        );
    }
}

#[test]
fn the_security_lead_is_appointed_before_controls_get_owners() {
    // GOV-02 appoints the lead and writes down who owns each area; GOV-12 gives every control
    // an owner and GOV-06 sets each control's owner and frequency.
    assert_before("GOV-02", "GOV-12");
    assert_before("GOV-02", "GOV-06");
}

#[test]
fn the_business_impact_analysis_comes_before_rto_and_rpo() {
    assert_before("BC-07", "BC-03");
}

#[test]
fn the_retention_schedule_comes_before_deletion() {
    assert_before("DATA-07", "DATA-06");
}

#[test]
fn the_vendor_register_comes_before_vendor_reviews() {
    assert_before("VEN-01", "VEN-03");
    assert_before("VEN-01", "VEN-06");
}

#[test]
fn the_isms_scope_comes_before_the_risk_assessment() {
    // GOV-04 is ISO 27001 work, yet with SOC 2 first the risk assessment (shared) runs in the
    // first programme: the scope is pulled forward with it.
    assert_before("GOV-20", "GOV-04");
    assert_before("GOV-04", "RISK-02");
    let analysis = analyze(&lumenfield());
    let plan = soc2_first(&analysis);
    assert_eq!(plan.first, Framework::Soc2);
    let scope = items(plan, "GOV-04")[0];
    assert_eq!(scope.programme, Programme::Second);
    assert_eq!(scope.pulled_forward, Some(PullForward::Prerequisite));
}

#[test]
fn iso_additions_to_soc2_controls_are_built_before_the_type2_window_opens() {
    let analysis = analyze(&lumenfield());
    let plan = soc2_first(&analysis);
    let open = plan.milestone(Framework::Soc2, MilestoneKind::ObservationStart).expect("window").week;
    let soc2 = Framework::Soc2.index();
    let pulled: Vec<&PlanItem> = plan.items().filter(|i| i.pulled_forward == Some(PullForward::Soc2Criteria)).collect();
    // DATA-05 (masking, A.8.11) maps to CC6.7 and C1.1 in scope for Lumenfield.
    assert!(pulled.iter().any(|i| i.id == "DATA-05"), "DATA-05 is built in the first programme");
    for item in &pulled {
        assert!(item.maps_to[soc2] && item.programme == Programme::Second);
        assert!(
            item.end_week <= open,
            "{} ends in week {} after the window opens in week {open}",
            item.id,
            item.end_week
        );
    }
    // The internal audit (CC4.1) runs after the window opens, and says so.
    let audit = items(plan, "GOV-09")[0];
    assert!(audit.end_week > open);
    assert!(plan.flags.iter().any(|f| matches!(f,
        crosswalk::engine::roadmap::PlanFlag::ChecksInsideType2Window { items, .. } if items.iter().any(|i| i == "GOV-09"))));
}

#[test]
fn work_starts_after_mobilisation_and_the_period_is_configurable() {
    let a = lumenfield();
    let analysis = analyze(&a);
    let mobilise = Rates::embedded().calendar.mobilise;
    assert_eq!(mobilise, 2);
    let plan = analysis.roadmap.plan();
    assert_eq!(plan.mobilisation, 2);
    assert_eq!(plan.items().map(|i| i.start_week).min(), Some(2));
    let text = include_str!("../questionnaires/rates.toml").replace("mobilise = 2", "mobilise = 0");
    let rates = Rates::parse("rates.toml", &text).expect("rates parse");
    let sooner = analyze_with(&a, &rates);
    assert_eq!(sooner.roadmap.plan().items().map(|i| i.start_week).min(), Some(0));
    let week = |p: &Plan| p.milestone(Framework::Soc2, MilestoneKind::Type2Report).expect("Type II").week;
    assert!(week(sooner.roadmap.plan()) < week(plan), "mobilisation delays the plan");
    // A rates file written before the field keeps the default.
    let old = include_str!("../questionnaires/rates.toml").replace("mobilise = 2\n", "");
    assert_eq!(Rates::parse("rates.toml", &old).expect("old rates parse").calendar.mobilise, 2);
}

#[test]
fn a_works_council_is_consulted_before_monitoring_tools_roll_out() {
    use crosswalk::profile::Applicability;
    let mut a = lumenfield();
    // Berlin headquarters, not yet known: flagged, not planned.
    let analysis = analyze(&a);
    let plan = analysis.roadmap.plan();
    assert!(plan.items().all(|i| i.id != "WC-01"));
    let flagged = plan.flags.iter().find_map(|f| match f {
        crosswalk::engine::roadmap::PlanFlag::WorksCouncilNotKnown { items } => Some(items.clone()),
        _ => None,
    });
    assert!(flagged.is_some_and(|items| items.iter().any(|i| i == "AST-01")), "the monitoring items are named");
    // Yes: the consultation comes first and takes its lead time, whatever the capacity.
    a.profile.works_council = Applicability::Yes;
    let analysis = analyze(&a);
    let lead = Rates::embedded().calendar.works_council;
    for plan in &analysis.roadmap.plans {
        let wc = items(plan, "WC-01")[0];
        assert_eq!(wc.owner, crosswalk::questionnaire::Owner::Legal);
        assert!(wc.end_week - wc.start_week >= lead, "{} weeks", wc.end_week - wc.start_week);
        for id in ["AST-01", "VUL-04", "NET-04"] {
            let start = items(plan, id).iter().map(|i| i.start_week).min().expect("on the plan");
            assert!(
                start >= wc.end_week,
                "{id} starts in week {start} before the works council agrees (week {})",
                wc.end_week
            );
        }
        assert!(
            !plan.flags.iter().any(|f| matches!(f, crosswalk::engine::roadmap::PlanFlag::WorksCouncilNotKnown { .. }))
        );
    }
    // No: nothing added, nothing flagged.
    a.profile.works_council = Applicability::No;
    let analysis = analyze(&a);
    assert!(analysis.roadmap.plan().items().all(|i| i.id != "WC-01"));
    assert!(
        analysis
            .roadmap
            .plan()
            .flags
            .iter()
            .all(|f| !matches!(f, crosswalk::engine::roadmap::PlanFlag::WorksCouncilNotKnown { .. }))
    );
}

#[test]
fn no_external_audit_falls_in_the_year_end_break() {
    let a = lumenfield();
    let base = include_str!("../questionnaires/rates.toml");
    let with_break = |from: &str, to: &str| {
        let text = base.replace("year_end = [\"12-21\", \"01-03\"]", &format!("year_end = [\"{from}\", \"{to}\"]"));
        Rates::parse("rates.toml", &text).expect("rates parse")
    };
    // A break on one day far from the plan's audits: the plan as it would be without one.
    let quiet = analyze_with(&a, &with_break("07-04", "07-04"));
    let plan = quiet.roadmap.plan();
    let stage2 = plan.milestone(Framework::Iso27001, MilestoneKind::Stage2).expect("Stage 2").week;
    let date = quiet.roadmap.date_of(stage2);
    let later = crosswalk::clock::add_days(&date, 10).expect("date");
    // Now a break around that date: Stage 2 moves to the first week after it.
    let rates = with_break(&date[5..], &later[5..]);
    let moved = analyze_with(&a, &rates);
    let week = moved.roadmap.plan().milestone(Framework::Iso27001, MilestoneKind::Stage2).expect("Stage 2").week;
    assert!(week > stage2, "Stage 2 stays in week {week} inside the break");
    assert!(!rates.calendar.year_end.contains(&moved.roadmap.date_of(week)));
    // With the shipped break, none of the external audits of any plan is in it.
    let shipped = analyze(&a);
    for plan in &shipped.roadmap.plans {
        for m in plan.milestones.iter().filter(|m| {
            matches!(
                m.kind,
                MilestoneKind::Stage1 | MilestoneKind::Stage2 | MilestoneKind::Type1Report | MilestoneKind::Type2Report
            )
        }) {
            let on = shipped.roadmap.date_of(m.week);
            assert!(!Rates::embedded().calendar.year_end.contains(&on), "{:?} on {on}", m.kind);
        }
    }
    // A bad break names the field.
    let bad = base.replace("year_end = [\"12-21\", \"01-03\"]", "year_end = [\"Christmas\", \"01-03\"]");
    let errors = Rates::parse("rates.toml", &bad).expect_err("refused");
    assert!(errors.iter().any(|d| d.to_string().contains("MM-DD")), "{errors:?}");
}

#[test]
fn the_internal_audits_nonconformities_are_closed_between_it_and_the_management_review() {
    use crosswalk::engine::roadmap::NONCONFORMITY_ITEM;
    use crosswalk::engine::schedule::Step;
    let analysis = analyze(&lumenfield());
    for plan in &analysis.roadmap.plans {
        let nc = items(plan, NONCONFORMITY_ITEM);
        assert_eq!(nc.len(), 1, "{:?} {:?}: one nonconformity item", plan.kind, plan.first);
        let nc = nc[0];
        assert_eq!(nc.owner, crosswalk::questionnaire::Owner::Security);
        let audit_end = plan.items().filter(|i| i.step == Step::InternalAudit).map(|i| i.end_week).max();
        assert!(audit_end.is_some_and(|end| end <= nc.start_week), "{:?}: after the internal audit", plan.kind);
        for review in items(plan, "GOV-10") {
            assert!(nc.end_week <= review.start_week, "{:?}: before the management review", plan.kind);
            assert!(review.after.iter().any(|a| a == NONCONFORMITY_ITEM));
        }
    }
}

#[test]
fn the_risk_assessment_follows_its_inputs_and_treatment_approval_and_soa_are_one_step() {
    // Assets, legal and contract duties, and disruptions are what the assessment rates.
    for input in ["AST-02", "GOV-14", "BC-07"] {
        assert_before(input, "RISK-02");
    }
    assert_before("RISK-02", "RISK-03");
    assert_before("RISK-02", "RISK-06");
    // The risks come before what is derived from them: the risk-to-control links, the
    // objectives, and a treatment plan that answers the fraud scenarios too.
    assert_before("RISK-02", "GOV-12");
    assert_before("RISK-02", "RISK-01");
    assert_before("RISK-06", "RISK-03");
    // The treatment plan, the risk owners' approval and the SoA: each after the one before,
    // back to back (within two weeks), in every plan, whichever programme each belongs to.
    let chain = ["RISK-03", "RISK-05", "RISK-04"];
    for pair in chain.windows(2) {
        assert_before(pair[0], pair[1]);
    }
    let analysis = analyze(&lumenfield());
    for plan in &analysis.roadmap.plans {
        for pair in chain.windows(2) {
            let end = items(plan, pair[0]).iter().map(|i| i.end_week).max().expect("on the plan");
            let start = items(plan, pair[1]).iter().map(|i| i.start_week).min().expect("on the plan");
            assert!(
                start <= end + 2,
                "{:?} {:?}: {} ends {end}, {} starts {start}",
                plan.kind,
                plan.first,
                pair[0],
                pair[1]
            );
        }
    }
}
