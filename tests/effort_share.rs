//! A question's work is allocated by its effort share, not by its mapping weights: its days
//! count in full for each framework the share names (when it evidences an in-scope
//! requirement of it) and not at all for the others.

use crosswalk::catalog::Category;
use crosswalk::engine::{self, effort::share};
use crosswalk::profile::Profile;
use crosswalk::questionnaire::EffortShare;
use crosswalk::{Assessment, Catalog, Framework, Questionnaire};

fn analysed(profile: Profile) -> (Questionnaire, engine::Analysis) {
    let q = Questionnaire::embedded();
    let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
    a.profile = profile;
    let analysis = engine::analyze(Catalog::embedded(), &q, &a);
    (q, analysis)
}

#[test]
fn days_follow_the_effort_share_not_the_weights() {
    let everything = Profile { soc2_categories: Category::OPTIONAL_SOC2.into_iter().collect(), ..Profile::default() };
    let (q, analysis) = analysed(everything);
    for (i, x) in q.questions.iter().enumerate() {
        for fw in Framework::ALL {
            let expected = if x.effort_for.serves(fw) && x.evidences(fw) { 1.0 } else { 0.0 };
            assert_eq!(share(&q, &analysis.readiness, i, fw), expected, "{} for {fw}", x.id);
        }
    }
    // A side link does not carry work: PRV-05 (rights requests) is SOC 2 Privacy work.
    let dsar = q.question_index("PRV-05").expect("PRV-05");
    assert_eq!(q.questions[dsar].effort_for, EffortShare::Soc2);
    assert_eq!(share(&q, &analysis.readiness, dsar, Framework::Iso27001), 0.0);
    // ISO's own work carries its whole effort even where a weight to ISO is partial.
    let internal_audit = q.question_index("GOV-09").expect("GOV-09");
    assert_eq!(share(&q, &analysis.readiness, internal_audit, Framework::Iso27001), 1.0);
    assert_eq!(
        share(&q, &analysis.readiness, internal_audit, Framework::Soc2),
        0.0,
        "a side link to CC4.1 is not SOC 2 work"
    );
}

#[test]
fn with_nothing_answered_the_full_effort_is_the_sum_of_the_days_each_framework_is_served() {
    for profile in [
        Profile::default(),
        Profile { soc2_categories: Category::OPTIONAL_SOC2.into_iter().collect(), ..Profile::default() },
    ] {
        let (q, analysis) = analysed(profile);
        let first = analysis.effort.first;
        let expected: f64 =
            (0..q.questions.len()).map(|i| q.questions[i].effort_days * share(&q, &analysis.readiness, i, first)).sum();
        assert!((analysis.effort.first_full_days - expected).abs() < 1e-9);
        // Out-of-scope categories bring no work: with Security only, privacy-only work is absent.
        let privacy_only: f64 = q
            .questions
            .iter()
            .enumerate()
            .filter(|(_, x)| {
                x.effort_for == EffortShare::Soc2
                    && x.references.iter().all(|r| Catalog::embedded().get(r.req).category == Category::Privacy)
            })
            .map(|(i, _)| share(&q, &analysis.readiness, i, Framework::Soc2))
            .sum();
        let privacy_in_scope = analysis
            .readiness
            .requirements
            .iter()
            .any(|r| r.in_scope && Catalog::embedded().get(r.req).category == Category::Privacy);
        assert_eq!(privacy_only > 0.0, privacy_in_scope);
    }
}
