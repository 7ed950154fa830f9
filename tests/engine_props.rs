//! Properties of the engine over random answer sets and profiles on the shipped
//! questionnaire: raising an answer never lowers readiness or raises effort, answers on
//! questions that evidence only one framework never move the other's readiness, every figure
//! stays within 0-100, and `analyze` never panics.

use crosswalk::catalog::Category;
use crosswalk::engine::{self, Effort, Readiness};
use crosswalk::profile::{Certification, Deadline, PhysicalScope, Region, Regulation, Sector};
use crosswalk::{Answer, Assessment, Catalog, Framework, Profile, Questionnaire};
use proptest::prelude::*;
use std::sync::OnceLock;

const EPS: f64 = 1e-9;

fn questionnaire() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(Questionnaire::embedded)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Unanswered,
    Unknown,
    NotApplicable,
    Level(u8),
}

impl State {
    fn answer(self) -> Answer {
        match self {
            State::Unanswered => Answer::default(),
            State::Unknown => Answer::unknown(),
            State::NotApplicable => Answer::not_applicable("not used here"),
            State::Level(l) => Answer::level(l),
        }
    }

    /// One or more steps up the maturity scale, where there are any. (Unknown to a level is
    /// not a raise: unknown is not assessed, and level 0 is lower than no figure at all.)
    fn raised(self, to: u8) -> Option<State> {
        match self {
            State::Level(l) if l < 4 => Some(State::Level((l + 1).max(to.min(4)))),
            _ => None,
        }
    }
}

fn state() -> impl Strategy<Value = State> {
    prop_oneof![
        2 => Just(State::Unanswered),
        1 => Just(State::Unknown),
        1 => Just(State::NotApplicable),
        6 => (0u8..=4).prop_map(State::Level),
    ]
}

fn answers() -> impl Strategy<Value = Vec<State>> {
    prop::collection::vec(state(), questionnaire().questions.len())
}

fn subset<T: Clone + Ord + std::fmt::Debug>(all: &'static [T]) -> impl Strategy<Value = std::collections::BTreeSet<T>> {
    prop::collection::vec(any::<bool>(), all.len())
        .prop_map(move |mask| all.iter().zip(mask).filter(|(_, m)| *m).map(|(x, _)| x.clone()).collect())
}

fn profile() -> impl Strategy<Value = Profile> {
    let buyers = prop::collection::vec(0u8..=100, 5);
    let fte =
        prop_oneof![4 => 0.1f64..5.0, 1 => Just(0.0), 1 => Just(f64::NAN), 1 => Just(-1.0), 1 => Just(f64::INFINITY)];
    let deadline =
        prop::option::of((0u16..200, prop::option::of(prop_oneof![Just(Framework::Soc2), Just(Framework::Iso27001)])));
    (
        (
            prop::option::of(prop::sample::select(Region::ALL.to_vec())),
            prop::sample::select(Sector::ALL.to_vec()),
            buyers,
        ),
        (subset(&Regulation::ALL), subset(&Certification::ALL), subset(&Category::OPTIONAL_SOC2)),
        (deadline, fte, 0u32..2000, prop::sample::select(PhysicalScope::ALL.to_vec()), any::<u8>()),
    )
        .prop_map(
            |(
                (hq, sector, shares),
                (regulations, certifications, categories),
                (deadline, fte, headcount, physical, months),
            )| {
                let mut p = Profile {
                    headquarters: hq,
                    sector,
                    regulations,
                    certifications,
                    soc2_categories: categories,
                    ..Profile::default()
                };
                for (region, share) in Region::ALL.into_iter().zip(shares) {
                    p.buyers.set(region, share);
                }
                p.deadlines = deadline
                    .map(|(weeks, framework)| {
                        let mut d = Deadline::new(weeks, framework, "");
                        d.set = None;
                        d
                    })
                    .into_iter()
                    .collect();
                p.team_fte = fte;
                p.headcount = headcount;
                p.physical = physical;
                p.observation_months = months;
                p
            },
        )
}

fn assessment(profile: &Profile, states: &[State]) -> Assessment {
    let mut a = Assessment::new("property", "", "2026-01-01T00:00:00Z");
    a.profile = profile.clone();
    for (q, s) in questionnaire().questions.iter().zip(states) {
        a.set_answer(&q.id, s.answer());
    }
    a
}

fn readiness(a: &Assessment) -> Readiness {
    Readiness::compute(Catalog::embedded(), questionnaire(), a)
}

/// The effort figures for a fixed first framework (the recommendation itself may change when
/// readiness changes, which is intended, so effort is compared framework by framework).
fn efforts(a: &Assessment) -> (Vec<engine::Gap>, [Effort; 2]) {
    let r = readiness(a);
    let gaps = engine::effort::gaps(questionnaire(), &r);
    let fte = a.profile.capacity_fte();
    let e = Framework::ALL.map(|fw| Effort::compute(questionnaire(), &r, &gaps, fw, fte));
    (gaps, e)
}

fn only_evidences(framework: Framework) -> Vec<usize> {
    questionnaire()
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.evidences(framework) && !q.evidences(framework.other()))
        .map(|(i, _)| i)
        .collect()
}

fn in_range(x: f64) -> bool {
    (0.0..=100.0).contains(&x)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn raising_an_answer_never_lowers_readiness(profile in profile(), states in answers(), pick in any::<prop::sample::Index>(), to in 0u8..5) {
        let raisable: Vec<usize> = (0..states.len()).filter(|&i| states[i].raised(to).is_some()).collect();
        prop_assume!(!raisable.is_empty());
        let i = raisable[pick.index(raisable.len())];
        let mut higher = states.clone();
        higher[i] = states[i].raised(to).expect("raisable");
        let (before, after) = (readiness(&assessment(&profile, &states)), readiness(&assessment(&profile, &higher)));
        let id = &questionnaire().questions[i].id;
        for fw in Framework::ALL {
            let (b, a) = (before.framework(fw).figure, after.framework(fw).figure);
            prop_assert!(a.readiness >= b.readiness - EPS, "{fw} overall fell {} -> {} raising {id}", b.readiness, a.readiness);
        }
        for (b, a) in before.domains.iter().zip(&after.domains) {
            for k in 0..2 {
                prop_assert!(a.figures[k].readiness >= b.figures[k].readiness - EPS, "domain {} fell raising {id}", b.domain);
            }
        }
        for (b, a) in before.requirements.iter().zip(&after.requirements) {
            prop_assert_eq!(b.in_scope, a.in_scope);
            match (b.readiness, a.readiness) {
                (Some(x), Some(y)) => prop_assert!(y >= x - EPS, "requirement {} fell {x} -> {y} raising {id}", b.req),
                (None, None) => {}
                other => prop_assert!(false, "requirement {} answered-ness changed: {other:?}", b.req),
            }
        }
    }

    #[test]
    fn raising_an_answer_never_raises_effort(profile in profile(), states in answers(), pick in any::<prop::sample::Index>(), to in 0u8..5) {
        let raisable: Vec<usize> = (0..states.len()).filter(|&i| states[i].raised(to).is_some()).collect();
        prop_assume!(!raisable.is_empty());
        let i = raisable[pick.index(raisable.len())];
        let mut higher = states.clone();
        higher[i] = states[i].raised(to).expect("raisable");
        let (gaps_b, eff_b) = efforts(&assessment(&profile, &states));
        let (gaps_a, eff_a) = efforts(&assessment(&profile, &higher));
        let id = &questionnaire().questions[i].id;
        for (b, a) in gaps_b.iter().zip(&gaps_a) {
            prop_assert!(a.days.low <= b.days.low + EPS && a.days.high <= b.days.high + EPS, "gap of question {} grew raising {id}", b.question);
        }
        for (b, a) in eff_b.iter().zip(&eff_a) {
            for (x, y, what) in [
                (b.first_days, a.first_days, "first_days"),
                (b.second_days, a.second_days, "second_days"),
                (b.first_weeks, a.first_weeks, "first_weeks"),
                (b.second_weeks, a.second_weeks, "second_weeks"),
            ] {
                prop_assert!(y.low <= x.low + EPS && y.high <= x.high + EPS, "{} first: {what} grew {x:?} -> {y:?} raising {id}", b.first);
            }
        }
    }

    #[test]
    fn one_framework_answers_never_move_the_other(profile in profile(), states in answers(), pick in any::<prop::sample::Index>(), new in state(), iso_side in any::<bool>()) {
        // A question evidencing only ISO requirements changes to any other state: SOC 2
        // readiness is untouched at every level (and the reverse for SOC 2-only questions).
        let side = if iso_side { Framework::Iso27001 } else { Framework::Soc2 };
        let other = side.other();
        let candidates = only_evidences(side);
        prop_assume!(!candidates.is_empty());
        let i = candidates[pick.index(candidates.len())];
        prop_assume!(states[i] != new);
        let mut changed = states.clone();
        changed[i] = new;
        let (before, after) = (readiness(&assessment(&profile, &states)), readiness(&assessment(&profile, &changed)));
        let id = &questionnaire().questions[i].id;
        prop_assert_eq!(before.framework(other), after.framework(other), "{} moved by {}-only {}", other, side, id);
        for (b, a) in before.domains.iter().zip(&after.domains) {
            prop_assert_eq!(b.figures[other.index()], a.figures[other.index()], "domain {} {} moved by {}", b.domain, other, id);
        }
        for (b, a) in before.requirements.iter().zip(&after.requirements).filter(|(b, _)| b.framework == other) {
            prop_assert_eq!((b.readiness, b.coverage, b.in_scope), (a.readiness, a.coverage, a.in_scope), "requirement {} moved by {}", b.req, id);
        }
    }

    /// Unknown is "not assessed": it reads exactly as no answer, so it can never lower (or
    /// raise) any figure; only coverage and the follow-up list know about it.
    #[test]
    fn unknown_is_never_scored(profile in profile(), states in answers(), pick in any::<prop::sample::Index>()) {
        let i = pick.index(states.len());
        let (mut unknown, mut unanswered) = (states.clone(), states.clone());
        unknown[i] = State::Unknown;
        unanswered[i] = State::Unanswered;
        let (u, n) = (readiness(&assessment(&profile, &unknown)), readiness(&assessment(&profile, &unanswered)));
        let id = &questionnaire().questions[i].id;
        for fw in Framework::ALL {
            prop_assert_eq!(u.framework(fw), n.framework(fw), "{} moved by unknown {}", fw, id);
        }
        for (a, b) in u.requirements.iter().zip(&n.requirements) {
            prop_assert_eq!((a.readiness, a.coverage, a.in_scope), (b.readiness, b.coverage, b.in_scope), "requirement {} moved by unknown {}", a.req, id);
        }
        for (a, b) in u.domains.iter().zip(&n.domains) {
            prop_assert_eq!(a.figures, b.figures);
            prop_assert_eq!(a.answered, b.answered, "unknown is not answered");
        }
    }

    /// Not applicable never changes the readiness of an ISO clause or a SOC 2 Security
    /// criterion, nor takes one out of scope: for them an n/a answer is no evidence either
    /// way. (Its coverage may rise: the question no longer waits for an answer there.)
    #[test]
    fn not_applicable_never_moves_a_clause_or_security_criterion(profile in profile(), states in answers(), pick in any::<prop::sample::Index>()) {
        let i = pick.index(states.len());
        let (mut na, mut open) = (states.clone(), states.clone());
        na[i] = State::NotApplicable;
        open[i] = State::Unanswered;
        let (a, b) = (readiness(&assessment(&profile, &na)), readiness(&assessment(&profile, &open)));
        let id = &questionnaire().questions[i].id;
        for (x, y) in a.requirements.iter().zip(&b.requirements) {
            let category = Catalog::embedded().get(x.req).category;
            if matches!(category, Category::Clause | Category::Security) {
                prop_assert_eq!((x.readiness, x.in_scope), (y.readiness, y.in_scope), "{} moved by n/a on {}", Catalog::embedded().get(x.req).id, id);
                prop_assert!(x.in_scope, "{} left scope", Catalog::embedded().get(x.req).id);
            }
        }
    }

    /// The score's sign agrees with the order, held frameworks included: positive means ISO
    /// 27001 first, anything else SOC 2 (a tie goes to SOC 2).
    #[test]
    fn the_score_sign_agrees_with_the_order(profile in profile(), states in answers()) {
        let rec = engine::analyze(Catalog::embedded(), questionnaire(), &assessment(&profile, &states)).recommendation;
        let by_sign = if rec.score > 0.0 { Framework::Iso27001 } else { Framework::Soc2 };
        prop_assert_eq!(by_sign, rec.framework_first, "score {} with {:?}", rec.score, rec.factors);
        if let [held] = rec.held.as_slice() {
            prop_assert_eq!(rec.framework_first, held.other(), "the framework not held is next");
        }
    }

    #[test]
    fn figures_stay_in_range_and_analyze_never_panics(profile in profile(), states in answers()) {
        let a = assessment(&profile, &states);
        let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &a);
        let r = &analysis.readiness;
        for fw in Framework::ALL {
            let f = r.framework(fw).figure;
            prop_assert!(in_range(f.readiness) && in_range(f.coverage), "{fw}: {f:?}");
        }
        for d in &r.domains {
            for f in d.figures {
                prop_assert!(in_range(f.readiness) && in_range(f.coverage), "domain {}: {f:?}", d.domain);
            }
        }
        for req in &r.requirements {
            prop_assert!(req.readiness.is_none_or(in_range) && in_range(req.coverage), "requirement {}: {:?}", req.req, req.readiness);
        }
        let e = &analysis.effort;
        for range in [e.first_days, e.second_days, e.first_weeks, e.second_weeks] {
            prop_assert!(range.low.is_finite() && range.high.is_finite() && 0.0 <= range.low && range.low <= range.high + EPS, "{range:?}");
        }
        prop_assert!(analysis.gaps.iter().all(|g| 0.0 <= g.days.low && g.days.low <= g.days.high + EPS));
        // Unknown answers, and n/a where the question refuses it (to ask again).
        let refused = |i: usize| states[i] == State::NotApplicable && !questionnaire().questions[i].allows_not_applicable();
        let unknown: Vec<usize> = (0..states.len()).filter(|&i| states[i] == State::Unknown || refused(i)).collect();
        prop_assert!(analysis.blockers.iter().all(|b| b.open == b.readiness.is_none_or(|r| r < b.closed_at)));
        prop_assert_eq!(&analysis.follow_ups, &unknown, "follow-ups are exactly the unknown answers and the refused n/a");
        for (i, s) in states.iter().enumerate() {
            let expected = match s {
                State::Unanswered => engine::Input::Unanswered,
                // Required work cannot be answered away: n/a there stays an open question.
                State::NotApplicable if !questionnaire().questions[i].allows_not_applicable() => engine::Input::Unanswered,
                State::NotApplicable => engine::Input::NotApplicable,
                State::Unknown => engine::Input::Unknown,
                State::Level(l) => engine::Input::Scored(f64::from(*l) / 4.0),
            };
            prop_assert_eq!(r.inputs[i], expected, "input of question {}", i);
        }
        let rec = &analysis.recommendation;
        prop_assert!(rec.score.is_finite());
        // The score's sign agrees with the order, whatever the client already holds (a tie
        // goes to SOC 2).
        let by_sign = if rec.score > 0.0 { Framework::Iso27001 } else { Framework::Soc2 };
        prop_assert_eq!(by_sign, rec.framework_first, "score {} with {:?}", rec.score, rec.factors);
        prop_assert!(rec.score == 0.0 || rec.score.abs() >= 0.1 - EPS, "score {} is in tenths", rec.score);
        // "Driven by" names only factors for the decision that, with everything against it,
        // would still decide it; dropping the smallest of them would not.
        let against: f64 = rec.factors.iter().filter(|f| f.favours() != Some(rec.framework_first)).map(|f| f.points).sum();
        // Points come in tenths: a sum within half a tenth of 0 is a tie (SOC 2).
        let decides = |x: f64| (if x > 0.05 { Framework::Iso27001 } else { Framework::Soc2 }) == rec.framework_first;
        let points: Vec<f64> = rec.drivers.iter().map(|&i| rec.factors[i].points).collect();
        prop_assert!(rec.drivers.iter().all(|&i| rec.factors[i].favours() == Some(rec.framework_first)));
        prop_assert!(decides(against + points.iter().sum::<f64>()), "drivers {:?} do not carry it", rec.drivers);
        if let Some((_, needed)) = points.split_last() {
            prop_assert!(!decides(against + needed.iter().sum::<f64>()), "the last driver of {:?} was not needed", rec.drivers);
        }
        // Both frameworks in the order, less the ones already held, after any regulated one.
        let regulated = rec.order.iter().filter(|t| matches!(t.key(), "hipaa" | "pci_dss")).count();
        prop_assert_eq!(rec.order.len(), 2 - rec.held.len() + regulated);
        for held in &rec.held {
            prop_assert!(!rec.order.contains(&(*held).into()), "a held framework is not planned again");
        }
        for plan in &analysis.roadmap.plans {
            prop_assert!(plan.days.high.is_finite());
            prop_assert!(plan.milestones.iter().all(|m| m.week_low <= m.week));
            prop_assert!(plan.costs.totals.year1.low.is_finite());
        }
    }
}

#[test]
fn there_are_questions_on_each_side_for_the_independence_property() {
    // Otherwise `one_framework_answers_never_move_the_other` would pass vacuously.
    assert!(!only_evidences(Framework::Iso27001).is_empty());
    assert!(!only_evidences(Framework::Soc2).is_empty());
}

/// "Not applicable" cannot make required work disappear: questions that refuse it stay open,
/// and an allowed n/a excludes only what its policy lists, never an ISO clause or a SOC 2
/// Security criterion.
#[test]
fn not_applicable_never_removes_required_work() {
    let q = questionnaire();
    let required: Vec<&crosswalk::questionnaire::Question> =
        q.questions.iter().filter(|question| !question.allows_not_applicable()).collect();
    for id in ["GOV-04", "RISK-04", "GOV-09"] {
        assert!(required.iter().any(|question| question.id == id), "{id} is mandatory work and refuses n/a");
    }

    let mut a = Assessment::new("n/a", "", "2026-01-01T00:00:00Z");
    for question in &q.questions {
        a.set_answer(&question.id, crosswalk::Answer::not_applicable("we think not"));
    }
    let analysis = engine::analyze(Catalog::embedded(), q, &a);
    for question in &required {
        let i = q.question_index(&question.id).expect("indexed");
        assert_eq!(analysis.readiness.inputs[i], engine::Input::Unanswered, "{} stays open", question.id);
    }
    assert!(analysis.effort.first_days.high > 0.0, "answering everything n/a leaves the required work");
    for score in &analysis.readiness.requirements {
        let category = Catalog::embedded().get(score.req).category;
        if matches!(category, crosswalk::catalog::Category::Clause | crosswalk::catalog::Category::Security) {
            assert!(score.in_scope, "{} stays in scope", Catalog::embedded().get(score.req).id);
            assert!(score.contributions.iter().all(|c| c.input != engine::Input::NotApplicable));
        }
        for c in &score.contributions {
            if c.input == engine::Input::NotApplicable {
                assert!(q.questions[c.question].na_excludes().contains(&score.req), "n/a excludes only what it lists");
            }
        }
    }
}

/// A deal deadline counts down between workshops: weeks are counted from the day they were set
/// to the assessment's last update, so reopening the file later shows less time left.
#[test]
fn the_deal_deadline_counts_down_from_the_day_it_was_set() {
    let mut a = Assessment::new("countdown", "", "2026-01-01T09:00:00Z");
    a.profile.buyers.north_america = 80;
    a.profile.deadlines = vec![Deadline::new(30, Some(Framework::Soc2), "2026-01-01T09:00:00Z")];
    let week = |a: &Assessment| {
        let analysis = engine::analyze(Catalog::embedded(), questionnaire(), a);
        let check = &analysis.roadmap.plan().deadlines[0];
        (check.week, check.date.clone())
    };
    // The programme starts on the assessment's date unless the profile sets one: the deadline
    // keeps its date and comes nearer.
    assert_eq!(week(&a), (30, "2026-07-30".to_string()));
    a.updated = "2026-03-01T09:00:00Z".into();
    assert_eq!(week(&a), (21, "2026-07-30".to_string()));
    assert_eq!(Deadline { set: None, ..Deadline::new(30, None, "2026-01-01") }.weeks_left("2027-01-01"), 30);
    assert_eq!(
        Deadline::new(4, None, "2026-01-01").weeks_left("2027-01-01"),
        0,
        "a passed deadline is 0, not negative"
    );
}

/// One change to an assessment, as the workshop makes them.
#[derive(Debug, Clone)]
enum Edit {
    Profile(Box<Profile>),
    Answers(Vec<State>),
    /// A save stamps a new date: deadlines count down to it.
    Date(&'static str),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => profile().prop_map(|p| Edit::Profile(Box::new(p))),
        1 => answers().prop_map(Edit::Answers),
        1 => prop::sample::select(vec!["2026-01-01T00:00:00Z", "2026-03-15T09:30:00Z", "2027-06-01T12:00:00Z"]).prop_map(Edit::Date),
    ]
}

fn apply(edit: &Edit, a: &mut Assessment, live: &mut engine::live::LiveAnalysis) {
    match edit {
        Edit::Profile(p) => a.profile = (**p).clone(),
        Edit::Answers(states) => {
            for (q, s) in questionnaire().questions.iter().zip(states) {
                a.set_answer(&q.id, s.answer());
            }
            live.answers_changed();
        }
        Edit::Date(d) => a.updated = (*d).to_string(),
    }
}

/// Exact equality of two analyses, except that a NaN equals itself: a profile's capacity may
/// be NaN, and the recommendation keeps the profile. `Debug` writes every float so that it
/// reads back to the same bits.
fn same(a: &engine::Analysis, b: &engine::Analysis) -> bool {
    a == b || format!("{a:?}") == format!("{b:?}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Redoing only the stages a change reaches gives exactly the full analysis, whatever
    /// the changes and however far each catch-up went in between.
    #[test]
    fn an_analysis_caught_up_stage_by_stage_equals_a_full_one(
        start in profile(),
        states in answers(),
        edits in prop::collection::vec((edit(), any::<bool>()), 1..4),
    ) {
        use engine::live::{LiveAnalysis, Need};
        let (catalog, rates) = (Catalog::embedded(), engine::Rates::current());
        let mut a = assessment(&start, &states);
        let mut live = LiveAnalysis::new(catalog, questionnaire(), &a, rates);
        prop_assert!(same(live.analysis(), &engine::analyze(catalog, questionnaire(), &a)));
        for (edit, everything) in &edits {
            apply(edit, &mut a, &mut live);
            let need = if *everything { Need::Everything } else { Need::Decision };
            live.catch_up(catalog, questionnaire(), &a, rates, need);
            prop_assert!(live.is_current(&a, need));
            let full = engine::analyze(catalog, questionnaire(), &a);
            let now = live.analysis();
            // What the decision stage brings is current even while the plan waits.
            prop_assert_eq!(&now.readiness, &full.readiness);
            prop_assert_eq!(&now.follow_ups, &full.follow_ups);
            prop_assert_eq!(&now.gaps, &full.gaps);
            prop_assert_eq!(format!("{:?}", now.recommendation), format!("{:?}", full.recommendation));
            prop_assert_eq!(&now.blockers, &full.blockers);
            if *everything {
                prop_assert!(same(now, &full), "caught up to everything, yet not the full analysis");
            }
        }
        live.catch_up(catalog, questionnaire(), &a, rates, Need::Everything);
        prop_assert!(same(live.analysis(), &engine::analyze(catalog, questionnaire(), &a)));
    }

    /// Re-scoping scores to other SOC 2 categories gives exactly what scoring under them does.
    #[test]
    fn rescoped_readiness_equals_readiness_scored_in_that_scope(old in profile(), new in profile(), states in answers()) {
        let mut rescoped = readiness(&assessment(&old, &states));
        rescoped.rescope(Catalog::embedded(), questionnaire(), &new);
        prop_assert_eq!(rescoped, readiness(&assessment(&new, &states)));
    }

    /// The scope rule is sound: a profile change it says leaves the scores alone never moves
    /// readiness.
    #[test]
    fn a_profile_change_outside_the_scope_never_moves_readiness(old in profile(), new in profile(), states in answers()) {
        use engine::live::{Stage, reach};
        let (before, after) = (readiness(&assessment(&old, &states)), readiness(&assessment(&new, &states)));
        match reach(&old, &new) {
            Some(Stage::Scores) => prop_assert_ne!(&old.soc2_categories, &new.soc2_categories),
            _ => prop_assert_eq!(before, after),
        }
    }
}
