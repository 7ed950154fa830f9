//! Properties of the plan: more capacity never lengthens the calendar; every item starts after
//! what it depends on; every week is whole and every date is its week; the parallel plan is
//! never longer than the same work one item after another; a deadline's verdict agrees with its
//! milestone's week range; a larger organisation never needs fewer days for the same answers.

use crosswalk::engine::deadlines::Verdict;
use crosswalk::engine::roadmap::{MilestoneKind, Plan, PlanFlag, PlanItem, Programme};
use crosswalk::engine::schedule::Step;
use crosswalk::engine::{self, Analysis, Rates};
use crosswalk::profile::{Applicability, Deadline, Regulation};
use crosswalk::{Answer, Assessment, Catalog, Framework, Profile, Questionnaire};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use std::sync::OnceLock;

fn questionnaire() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(Questionnaire::embedded)
}

#[derive(Debug, Clone)]
struct Case {
    levels: Vec<Option<u8>>,
    profile: Profile,
}

fn case() -> impl Strategy<Value = Case> {
    let n = questionnaire().questions.len();
    let deadline = (1u16..120, option::of(select(Framework::ALL.to_vec()))).prop_map(|(weeks, framework)| {
        let mut d = Deadline::new(weeks, framework, "2026-01-05");
        d.name = format!("deal in {weeks} weeks");
        d
    });
    (
        vec(option::of(0u8..=4), n),
        (0u8..=100, 1u32..3000, 0.2f64..4.0, option::of(0u8..=40), option::of(0u8..=60)),
        (
            vec(deadline, 0..3),
            proptest::collection::btree_set(select(Regulation::ALL.to_vec()), 0..3),
            select(Applicability::ALL.to_vec()),
        ),
    )
        .prop_map(|(levels, (na, headcount, fte, eng, it), (deadlines, regulations, works_council))| {
            let mut profile = Profile {
                headcount,
                team_fte: fte,
                engineering_percent: eng,
                it_percent: it,
                deadlines,
                regulations,
                works_council,
                ..Profile::default()
            };
            profile.buyers.north_america = na;
            profile.buyers.europe = 100 - na;
            Case { levels, profile }
        })
}

fn assessment(case: &Case) -> Assessment {
    let mut a = Assessment::new("plan property", "", "2026-01-05T09:00:00Z");
    a.profile = case.profile.clone();
    for (q, level) in questionnaire().questions.iter().zip(&case.levels) {
        if let Some(level) = level {
            a.set_answer(&q.id, Answer::level(*level));
        }
    }
    a
}

fn analyze(a: &Assessment) -> Analysis {
    engine::analyze_with(Catalog::embedded(), questionnaire(), a, Rates::embedded())
}

/// The plan of the same kind leading with the same framework.
fn same<'a>(plans: &'a [Plan], like: &Plan) -> &'a Plan {
    plans.iter().find(|p| p.kind == like.kind && p.first == like.first).expect("the same plan is made")
}

fn programme_release(plan: &Plan) -> u32 {
    let gate = if plan.first == Framework::Soc2 { MilestoneKind::Type1Report } else { MilestoneKind::Stage1 };
    plan.milestone(plan.first, gate).map_or(0, |m| m.week)
}

/// Placed in the same run: the first programme (with the work pulled forward into it), or
/// the second.
fn same_programme(a: &PlanItem, b: &PlanItem) -> bool {
    a.in_second_run() == b.in_second_run()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn more_capacity_never_lengthens_the_calendar(case in case(), owner in 0usize..3, extra in 0.1f64..3.0) {
        let a = assessment(&case);
        let mut more = a.clone();
        match owner {
            0 => more.profile.team_fte = (a.profile.capacity_fte() + extra).min(50.0),
            1 => more.profile.engineering_percent = Some(a.profile.engineering_percent.unwrap_or(5).saturating_add((extra * 10.0) as u8).min(100)),
            _ => more.profile.it_percent = Some(a.profile.it_percent.unwrap_or(25).saturating_add((extra * 10.0) as u8).min(100)),
        }
        let (before, after) = (analyze(&a), analyze(&more));
        for plan in &before.roadmap.plans {
            let other = same(&after.roadmap.plans, plan);
            prop_assert!(other.finish_week <= plan.finish_week, "finish {} -> {}", plan.finish_week, other.finish_week);
            for m in &plan.milestones {
                let later = other.milestones.iter().find(|o| o.kind == m.kind && o.framework == m.framework && o.track == m.track);
                prop_assert!(later.is_some_and(|o| o.week <= m.week && o.week_low <= m.week_low), "{:?} {:?} moved later", m.kind, m.framework);
            }
        }
    }

    #[test]
    fn every_item_starts_after_what_it_depends_on(case in case()) {
        let a = analyze(&assessment(&case));
        for plan in &a.roadmap.plans {
            let items: Vec<&PlanItem> = plan.items().collect();
            let release = programme_release(plan);
            for item in &items {
                prop_assert!(item.start_week <= item.end_week);
                if item.in_second_run() {
                    prop_assert!(item.start_week >= release, "{} starts before the first audit", item.id);
                }
                prop_assert!(item.start_week >= plan.mobilisation, "{} starts before the programme is mobilised", item.id);
                // Item-level prerequisites (security lead, BIA, retention schedule, vendor
                // register, ISMS scope) end before their dependants start.
                for before in &item.after {
                    for dep in items.iter().filter(|d| &d.id == before) {
                        prop_assert!(dep.end_week <= item.start_week, "{} starts in week {} before its prerequisite {} ends in week {}", item.id, item.start_week, dep.id, dep.end_week);
                    }
                }
                for before in item.step.after() {
                    for dep in items.iter().filter(|d| d.step == *before && same_programme(d, item)) {
                        prop_assert!(dep.end_week <= item.start_week, "{} ({:?}) starts in week {} before {} ({:?}) ends in week {}", item.id, item.step, item.start_week, dep.id, dep.step, dep.end_week);
                    }
                }
                if item.step == Step::InternalAudit {
                    let operate = Rates::embedded().calendar.operate;
                    let built = items.iter().filter(|d| d.step == Step::Controls && same_programme(d, item)).map(|d| d.end_week).max();
                    if let Some(built) = built {
                        prop_assert!(item.start_week >= built + operate, "internal audit before the controls ran");
                    }
                }
            }
            // Milestones follow the work they depend on.
            for fw in Framework::ALL {
                let order: &[MilestoneKind] = match fw {
                    Framework::Soc2 => &[MilestoneKind::ObservationStart, MilestoneKind::ObservationEnd, MilestoneKind::Type2Report],
                    Framework::Iso27001 => &[MilestoneKind::InternalAuditAndReview, MilestoneKind::Stage1, MilestoneKind::Stage2, MilestoneKind::Certificate],
                };
                let weeks: Vec<u32> = order.iter().filter_map(|&k| plan.milestone(fw, k).map(|m| m.week)).collect();
                prop_assert!(weeks.windows(2).all(|w| w[0] <= w[1]), "{fw}: {weeks:?}");
                if let (Some(ready), Some(open)) = (plan.ready[Framework::Soc2.index()], plan.milestone(Framework::Soc2, MilestoneKind::ObservationStart)) {
                    prop_assert!(f64::from(open.week) >= ready.high, "the Type II window opens before the controls are built");
                }
                // Time to act on what the checks found: the window does not open the week the
                // readiness check ends, nor Stage 1 the week the internal audit and review end.
                let remediate = crosswalk::engine::Rates::embedded().calendar.remediate;
                let gap = |before: MilestoneKind, after: MilestoneKind, fw: Framework| {
                    match (plan.milestone(fw, before), plan.milestone(fw, after)) {
                        (Some(b), Some(a)) => a.week >= b.week + remediate,
                        _ => true,
                    }
                };
                prop_assert!(gap(MilestoneKind::ReadinessCheck, MilestoneKind::ObservationStart, Framework::Soc2), "no time to fix the readiness check's findings");
                prop_assert!(gap(MilestoneKind::InternalAuditAndReview, MilestoneKind::Stage1, Framework::Iso27001), "no time to act on the internal audit");
            }
        }
    }

    #[test]
    fn weeks_are_whole_and_dates_are_their_weeks(case in case()) {
        let a = assessment(&case);
        let analysis = analyze(&a);
        let data = crosswalk::report::ReportData {
            catalog: Catalog::embedded(),
            questionnaire: questionnaire(),
            assessment: &a,
            analysis: &analysis,
        };
        let json = crosswalk::report::json::document(&data);
        let roadmap = &json["roadmap"];
        let start = roadmap["start"].as_str().expect("start date");
        for plan in std::iter::once(roadmap).chain(roadmap["alternatives"].as_array().expect("alternatives")) {
            for w in plan["workstreams"].as_array().expect("workstreams") {
                for item in w["items"].as_array().expect("items") {
                    prop_assert!(item["start_week"].is_u64() && item["end_week"].is_u64(), "{item}");
                }
            }
            for m in plan["milestones"].as_array().expect("milestones") {
                let week = m["week"].as_u64().expect("whole week");
                let date = crosswalk::clock::add_days(start, 7 * week as i64);
                prop_assert_eq!(m["date"].as_str(), date.as_deref());
            }
        }
    }

    #[test]
    fn nothing_mapped_to_an_in_scope_soc2_criterion_runs_after_the_window_opens_unflagged(case in case()) {
        let a = analyze(&assessment(&case));
        for plan in &a.roadmap.plans {
            let Some(open) = plan.milestone(Framework::Soc2, MilestoneKind::ObservationStart) else { continue };
            let flagged: Vec<&String> = plan.flags.iter().flat_map(|f| match f {
                PlanFlag::ReworkInsideType2Window { items, .. } | PlanFlag::ChecksInsideType2Window { items, .. } => items.iter(),
                PlanFlag::WorksCouncilNotKnown { .. } => [].iter(),
            }).collect();
            let soc2 = Framework::Soc2.index();
            // A periodic control's run in the window is what the period tests, not a change.
            for item in plan.items().filter(|i| (i.serves[soc2] || i.maps_to[soc2]) && !matches!(i.programme, Programme::Track(_)) && i.step != Step::Run) {
                if item.end_week > open.week {
                    prop_assert!(flagged.contains(&&item.id), "{} ({:?}) runs to week {} after the window opens in week {}, unflagged", item.id, item.programme, item.end_week, open.week);
                }
                // Building work on such controls is done before the window opens, in a SOC 2
                // first plan: only the ISMS checks may run on into the window.
                if plan.first == Framework::Soc2 && item.step.builds() && !item.in_second_run() {
                    prop_assert!(item.end_week <= open.week, "{} builds a SOC 2 control until week {}, window opens week {}", item.id, item.end_week, open.week);
                }
            }
        }
    }

    #[test]
    fn parallel_is_never_longer_than_serial(case in case()) {
        let a = analyze(&assessment(&case));
        for plan in &a.roadmap.plans {
            prop_assert!(plan.finish_week <= plan.serial_finish_week, "{} > {}", plan.finish_week, plan.serial_finish_week);
        }
    }

    #[test]
    fn a_deadline_verdict_agrees_with_its_milestone(case in case()) {
        let a = analyze(&assessment(&case));
        for plan in &a.roadmap.plans {
            for d in &plan.deadlines {
                match d.verdict {
                    Verdict::Held => prop_assert!(d.milestone_weeks.is_none()),
                    Verdict::Passed => prop_assert!(d.week < 0),
                    verdict => {
                        let m = plan.milestone(d.target, d.milestone).expect("the milestone is in the plan");
                        let weeks = d.milestone_weeks.expect("weeks");
                        prop_assert_eq!((weeks.low, weeks.high), (f64::from(m.week_low), f64::from(m.week)));
                        prop_assert_eq!(verdict, Verdict::of(m.week_low, m.week, d.week));
                        // Met means met at the high estimate; missed means missed at the low one.
                        match verdict {
                            Verdict::Met => prop_assert!(i64::from(m.week) <= d.week),
                            Verdict::Missed => prop_assert!(i64::from(m.week_low) > d.week),
                            _ => prop_assert!(i64::from(m.week_low) <= d.week && d.week < i64::from(m.week)),
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_larger_organisation_never_needs_fewer_days(case in case(), more in 1u32..5000) {
        let a = assessment(&case);
        let mut bigger = a.clone();
        bigger.profile.headcount = a.profile.headcount.saturating_add(more);
        let (small, large) = (analyze(&a), analyze(&bigger));
        let total = |x: &Analysis| x.gaps.iter().map(|g| g.days.high).sum::<f64>();
        prop_assert!(total(&large) >= total(&small) - 1e-9);
        for plan in &small.roadmap.plans {
            let other = same(&large.roadmap.plans, plan);
            prop_assert!(other.days.high >= plan.days.high - 1e-9 && other.days.low >= plan.days.low - 1e-9);
            prop_assert!(other.run.days.high >= plan.run.days.high - 1e-9);
        }
    }
}

#[test]
fn the_same_answers_scale_with_headcount_by_the_documented_factors() {
    // A 40-person and a 2,000-person company with the same answers get different days.
    let case = Case { levels: vec![Some(1); questionnaire().questions.len()], profile: Profile::default() };
    let mut small = assessment(&case);
    small.profile.headcount = 40;
    let mut large = small.clone();
    large.profile.headcount = 2000;
    let days = |a: &Assessment| analyze(a).roadmap.plan().days.high;
    let rates = Rates::embedded();
    let ratio = days(&large) / days(&small);
    let expected = rates.headcount_factor(2000) / rates.headcount_factor(40);
    assert!((ratio - expected).abs() < 0.05, "ratio {ratio}, factors say {expected}");
    assert!(ratio > 1.5);
}
