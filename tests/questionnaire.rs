//! The shipped questionnaire: every module validates, every SOC 2 criterion, Annex A control
//! and leaf clause is evidenced, the workshop core is the right size, the seed domains carry
//! their overlap weights, and one-framework-only work is marked.

use crosswalk::catalog::Category;
use crosswalk::profile::Profile;
use crosswalk::questionnaire::{
    ACTION_MAX_CHARS, Coverage, EffortShare, STRONG_WEIGHT, embedded_sources, in_core_walk,
};
use crosswalk::{Catalog, Framework, Questionnaire};
use std::collections::BTreeSet;

fn shipped() -> Questionnaire {
    match Questionnaire::from_sources(Catalog::embedded(), &embedded_sources()) {
        Ok(q) => q,
        Err(diagnostics) => {
            let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            panic!("shipped questionnaire is invalid:\n{}", lines.join("\n"))
        }
    }
}

#[test]
fn every_shipped_module_validates_on_its_own_and_together() {
    let catalog = Catalog::embedded();
    let sources = embedded_sources();
    assert!(sources.len() >= 10, "expected at least the ten seed domains, found {} modules", sources.len());
    for source in &sources {
        if let Err(d) = Questionnaire::from_sources(catalog, std::slice::from_ref(source)) {
            panic!("{} does not validate: {}", source.name, d[0]);
        }
    }
    let q = shipped();
    assert_eq!(q.domains.len(), sources.len(), "every module becomes one domain");
    for question in &q.questions {
        assert!(!question.text.is_empty() && !question.guidance.is_empty(), "{} lacks text or guidance", question.id);
        assert!(!question.evidence.is_empty(), "{} names no evidence for the auditor", question.id);
        assert!(question.effort_days > 0.0, "{} has no effort figure", question.id);
        assert!(!question.references.is_empty(), "{} evidences nothing", question.id);
        assert!(question.references.iter().all(|r| r.weight > 0.0 && r.weight <= 1.0), "{} weight range", question.id);
        if let Some(only) = question.only {
            assert!(
                !question.evidences(only.other()),
                "{} is marked only {only} but evidences {}",
                question.id,
                only.other()
            );
        }
    }
}

fn uncovered(q: &Questionnaire, items: Vec<(usize, &crosswalk::catalog::Requirement)>) -> Vec<String> {
    let covered: BTreeSet<usize> =
        q.covered(Framework::Soc2).into_iter().chain(q.covered(Framework::Iso27001)).collect();
    items.into_iter().filter(|(i, _)| !covered.contains(i)).map(|(_, r)| r.id.clone()).collect()
}

#[test]
fn every_soc2_criterion_is_evidenced_by_a_question() {
    let catalog = Catalog::embedded();
    let q = shipped();
    let all: Vec<_> = catalog.of(Framework::Soc2).collect();
    assert_eq!(all.len(), 61);
    let missing = uncovered(&q, all);
    assert!(missing.is_empty(), "SOC 2 criteria with no question: {missing:?}");
}

#[test]
fn every_annex_a_control_is_evidenced_by_a_question() {
    let catalog = Catalog::embedded();
    let q = shipped();
    let all: Vec<_> = catalog.annex_a().collect();
    assert_eq!(all.len(), 93);
    let missing = uncovered(&q, all);
    assert!(missing.is_empty(), "Annex A controls with no question: {missing:?}");
}

#[test]
fn every_leaf_clause_is_evidenced_by_a_question() {
    let catalog = Catalog::embedded();
    let q = shipped();
    let all: Vec<_> = catalog.clauses().collect();
    assert_eq!(all.len(), 30);
    let missing = uncovered(&q, all);
    assert!(missing.is_empty(), "clauses 4.1-10.2 with no question: {missing:?}");
}

#[test]
fn dropping_a_reference_is_caught_by_the_coverage_check() {
    // The coverage checks above would be worthless if removing the only question behind a
    // requirement went unnoticed: drop every question evidencing A.5.7 and look again.
    let catalog = Catalog::embedded();
    let q = shipped();
    let a57 = catalog.find(Framework::Iso27001, "A.5.7").expect("A.5.7 in catalog");
    let sources: Vec<_> = embedded_sources()
        .into_iter()
        .map(|mut s| {
            let blocks: Vec<&str> = s.text.split("[[question]]").collect();
            let kept: Vec<&str> = blocks
                .iter()
                .enumerate()
                .filter(|(i, b)| {
                    *i == 0 || {
                        let id = b.lines().find_map(|l| l.strip_prefix("id = ")).unwrap_or("").trim_matches('"');
                        q.question(id).is_none_or(|qq| qq.references.iter().all(|r| r.req != a57))
                    }
                })
                .map(|(_, b)| *b)
                .collect();
            s.text = kept.join("[[question]]");
            s
        })
        .collect();
    let reduced = Questionnaire::from_sources(catalog, &sources).expect("still valid");
    let coverage = Coverage::of(&reduced, catalog);
    assert!(coverage.iso27001.missing.contains(&"A.5.7".to_string()), "{:?}", coverage.iso27001.missing);
    assert!(!coverage.is_complete());
    assert!(Coverage::of(&q, catalog).is_complete());
}

#[test]
fn validate_summary_reports_full_coverage_and_core_split() {
    let catalog = Catalog::embedded();
    let q = shipped();
    let c = Coverage::of(&q, catalog);
    assert_eq!((c.soc2.criteria, c.soc2.covered), (61, 61));
    assert_eq!((c.iso27001.controls, c.iso27001.covered), (93, 93));
    assert_eq!((c.iso27001.clauses, c.iso27001.clauses_covered), (30, 30));
    assert_eq!(c.core + c.deep_dive, c.questions);
    let text = c.to_text();
    assert!(text.contains("SOC 2 criteria covered: 61 of 61"), "{text}");
    assert!(text.contains(&format!("{} core", c.core)), "{text}");
}

#[test]
fn core_set_fits_one_workshop_and_touches_every_domain() {
    let q = shipped();
    let core = q.core_count();
    assert!((55..=70).contains(&core), "core questions: {core}, expected 55-70 for a 2-3 hour workshop");
    assert!(q.questions.len() > core, "there should be deep-dive questions too");
    for d in &q.domains {
        assert!(d.questions.iter().any(|&i| q.questions[i].core), "domain {} has no core question", d.id);
    }
    // The core alone must already touch every SOC 2 Security series (CC1-CC9), which is
    // always in scope, or a first recommendation would rest on nothing for that series.
    let catalog = Catalog::embedded();
    let core_refs: BTreeSet<usize> =
        q.questions.iter().filter(|x| x.core).flat_map(|x| x.references.iter().map(|r| r.req)).collect();
    let groups = |cat: Category| -> BTreeSet<&str> {
        catalog.requirements.iter().filter(|r| r.category == cat).map(|r| r.group.as_str()).collect()
    };
    let core_groups = |cat: Category| -> BTreeSet<&str> {
        core_refs.iter().map(|&i| catalog.get(i)).filter(|r| r.category == cat).map(|r| r.group.as_str()).collect()
    };
    assert_eq!(core_groups(Category::Security), groups(Category::Security), "core misses a CC series");
}

/// The seed overlap table: domain, its overlap, and a requirement the domain must evidence
/// (from the seed row) so the test checks it is the right module and not just a number.
const SEED_DOMAINS: [(&str, f64, &str, &str); 10] = [
    ("access-control", 0.95, "CC6.1", "A.8.5"),
    ("change-management", 0.90, "CC8.1", "A.8.32"),
    ("incident-response", 0.90, "CC7.4", "A.5.26"),
    ("network-monitoring", 0.85, "CC6.6", "A.8.20"),
    ("vulnerability", 0.85, "CC7.1", "A.8.8"),
    ("data-protection", 0.80, "CC6.7", "A.8.24"),
    ("vendors", 0.80, "CC9.2", "A.5.19"),
    ("risk", 0.60, "CC3.2", "6.1.2"),
    ("governance", 0.50, "CC1.3", "5.3"),
    ("physical", 0.40, "CC6.4", "A.7.1"),
];

#[test]
fn the_ten_seed_domains_exist_with_their_overlap() {
    let catalog = Catalog::embedded();
    let q = shipped();
    for (id, overlap, soc2, iso) in SEED_DOMAINS {
        let Some(domain) = q.domains.iter().find(|d| d.id == id) else {
            panic!("seed domain `{id}` is missing; have {:?}", q.domains.iter().map(|d| &d.id).collect::<Vec<_>>())
        };
        assert!((domain.overlap - overlap).abs() < 1e-9, "{id}: overlap {} != seed {overlap}", domain.overlap);
        for (fw, reference) in [(Framework::Soc2, soc2), (Framework::Iso27001, iso)] {
            let req = catalog.find(fw, reference).expect("reference in catalog");
            let evidenced = domain.questions.iter().any(|&i| q.questions[i].references.iter().any(|r| r.req == req));
            assert!(evidenced, "{id} evidences no {reference}");
        }
    }
    for d in &q.domains {
        assert!((0.0..=1.0).contains(&d.overlap), "{}: overlap {}", d.id, d.overlap);
    }
}

#[test]
fn iso_only_and_soc2_only_work_is_marked() {
    let catalog = Catalog::embedded();
    let q = shipped();
    // One framework's own work is marked by its effort share, whatever side evidence the
    // answer also gives the other framework.
    let work_for = |share: EffortShare| q.questions.iter().filter(move |x| x.effort_for == share);
    let iso_work_refs: BTreeSet<&str> = work_for(EffortShare::Iso27001)
        .flat_map(|x| x.references.iter().map(|r| catalog.get(r.req).id.as_str()))
        .collect();
    // The ISO-only work the seeds list: ISMS scope, SoA / risk treatment, internal audit,
    // management review, continual improvement, threat intelligence.
    for required in ["4.3", "6.1.3", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.1", "A.5.7"] {
        assert!(iso_work_refs.contains(required), "no work for ISO 27001 alone evidences {required}");
    }
    // Detailed physical controls are ISO-only work too.
    assert!(work_for(EffortShare::Iso27001).any(|x| q.domain_of(x).id == "physical"), "no ISO-only physical work");
    // SOC 2 asks for a system description and evidence over the Type II observation period.
    let soc2_work: Vec<_> = work_for(EffortShare::Soc2).collect();
    assert!(soc2_work.iter().any(|x| x.text.to_lowercase().contains("description")), "no system description question");
    // `only` means no reference at all to the other framework.
    for x in &q.questions {
        if let Some(only) = x.only {
            assert!(!x.evidences(only.other()), "{} is only {only} but evidences the other", x.id);
            assert_eq!(x.effort_for.only(), Some(only), "{}: work only one framework references is for it", x.id);
        }
    }
}

#[test]
fn question_ids_are_unique_and_stable_looking() {
    let q = shipped();
    let mut seen = BTreeSet::new();
    for x in &q.questions {
        assert!(seen.insert(x.id.as_str()), "duplicate id {}", x.id);
        assert!(x.id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'), "odd id {}", x.id);
        assert_eq!(q.question(&x.id).map(|y| &y.id), Some(&x.id));
    }
}

/// Every ISO leaf clause 4.1-10.2 and every SOC 2 Security criterion CC1.1-CC9.2 must be
/// evidenced by a core question at weight 0.5 or more, so a first recommendation made in one
/// sitting leaves nothing essential to the deep-dive. Fails when one loses its core question.
#[test]
fn every_clause_and_security_criterion_has_a_strong_core_question() {
    let catalog = Catalog::embedded();
    let q = shipped();
    let strong_core =
        |req: usize| q.questions.iter().any(|x| x.core && x.weight_for(req).is_some_and(|w| w >= STRONG_WEIGHT));
    let clauses: Vec<&str> = catalog.clauses().filter(|(i, _)| !strong_core(*i)).map(|(_, r)| r.id.as_str()).collect();
    assert!(clauses.is_empty(), "clauses with no core question at weight >= 0.5: {clauses:?}");
    let security: Vec<&str> = catalog
        .of(Framework::Soc2)
        .filter(|(_, r)| r.category == Category::Security)
        .filter(|(i, _)| !strong_core(*i))
        .map(|(_, r)| r.id.as_str())
        .collect();
    assert!(security.is_empty(), "Security criteria with no core question at weight >= 0.5: {security:?}");
    let c = Coverage::of(&q, catalog);
    assert_eq!((c.iso27001.clauses_core_covered, c.soc2.security_core_covered), (30, 33));
    assert!(c.iso27001.clauses_core_weak_only.is_empty() && c.soc2.security_core_weak_only.is_empty());
}

/// Full weight means the answer alone evidences the criterion, so no Security criterion has two
/// such answers: one question anchors it and the parts it is made of weigh less.
#[test]
fn no_security_criterion_rests_on_two_full_weight_answers() {
    let catalog = Catalog::embedded();
    let q = shipped();
    let doubled: Vec<String> = catalog
        .of(Framework::Soc2)
        .filter(|(_, r)| r.category == Category::Security)
        .filter_map(|(i, r)| {
            let full: Vec<&str> = q
                .questions
                .iter()
                .filter(|x| x.weight_for(i).is_some_and(|w| w >= 1.0))
                .map(|x| x.id.as_str())
                .collect();
            (full.len() > 1).then(|| format!("{} {full:?}", r.id))
        })
        .collect();
    assert!(doubled.is_empty(), "criteria with more than one full-weight question: {doubled:?}");
}

/// The controls new in ISO 27001:2022 that matter to a SaaS company are asked in the core walk.
#[test]
fn the_2022_controls_a_saas_company_needs_are_asked_in_core() {
    let catalog = Catalog::embedded();
    let q = shipped();
    for id in ["A.5.7", "A.5.23", "A.8.9", "A.8.11", "A.8.12", "A.8.16", "A.8.23", "A.8.28"] {
        let req = catalog.find(Framework::Iso27001, id).expect("known control");
        assert!(
            q.questions.iter().any(|x| x.core && x.weight_for(req).is_some_and(|w| w >= STRONG_WEIGHT)),
            "{id} is not asked in core at weight >= 0.5"
        );
    }
}

/// Every question names its work as a plan item: an imperative line short enough for a plan.
#[test]
fn every_question_has_an_action_for_the_plan() {
    let q = shipped();
    for x in &q.questions {
        let chars = x.action.chars().count();
        assert!(chars > 10, "{} has no real action: {:?}", x.id, x.action);
        assert!(chars <= 80, "{}: action is {chars} characters, at most 80 on a plan line", x.id);
        assert!(chars <= ACTION_MAX_CHARS);
        assert!(x.action.starts_with(|c: char| c.is_ascii_uppercase()), "{}: {:?}", x.id, x.action);
        assert!(!x.action.ends_with('?') && !x.action.ends_with('.'), "{}: an action, not a question", x.id);
        assert!(
            !x.action.starts_with("Do ") && !x.action.starts_with("Is ") && !x.action.starts_with("Are "),
            "{}",
            x.id
        );
        assert_ne!(x.action, x.text, "{}", x.id);
    }
}

/// "Not applicable" can never exclude an ISO clause or a SOC 2 Security criterion, and the
/// mandatory ISO work and the work every SOC 2 report needs refuse it altogether.
#[test]
fn no_na_policy_can_exclude_a_clause_or_a_security_criterion() {
    let catalog = Catalog::embedded();
    let q = shipped();
    for x in &q.questions {
        for &req in x.na_excludes() {
            let r = catalog.get(req);
            assert!(
                !matches!(r.category, Category::Clause | Category::Security),
                "{}: n/a would exclude {} ({:?})",
                x.id,
                r.id,
                r.category
            );
            assert!(x.weight_for(req).is_some(), "{}: n/a excludes {} it does not evidence", x.id, r.id);
        }
        let mandatory_clause =
            x.references.iter().any(|r| catalog.get(r.req).category == Category::Clause && r.weight >= 0.5);
        if mandatory_clause {
            assert!(!x.allows_not_applicable(), "{} carries a clause and must refuse n/a", x.id);
        }
    }
    // Scope, risk assessment and treatment, SoA, internal audit, management review, corrective
    // action; the SOC 2 system description and evidence over the period.
    for id in [
        "GOV-04", "GOV-20", "RISK-02", "RISK-03", "RISK-04", "RISK-05", "GOV-09", "GOV-10", "GOV-11", "GOV-05",
        "GOV-06",
    ] {
        let x = q.question(id).unwrap_or_else(|| panic!("{id} is shipped"));
        assert!(!x.allows_not_applicable(), "{id} is mandatory work and must refuse n/a");
    }
    // And the policy is not all-or-nothing: office questions may be scoped out.
    assert!(q.questions.iter().any(|x| !x.na_excludes().is_empty()), "no question may exclude anything");
}

/// Questions whose work only feeds an optional SOC 2 category leave the core walk when that
/// category is out of scope, and come back when it is chosen; the walk stays 55-70 questions.
#[test]
fn the_core_walk_follows_the_soc2_categories_in_scope() {
    let catalog = Catalog::embedded();
    let q = shipped();
    let walk = |p: &Profile| q.questions.iter().filter(|x| in_core_walk(x, catalog, p)).count();
    let security_only = Profile::default();
    let everything = Profile { soc2_categories: Category::OPTIONAL_SOC2.into_iter().collect(), ..Profile::default() };
    let (small, large) = (walk(&security_only), walk(&everything));
    assert!((55..=70).contains(&small) && (55..=70).contains(&large), "walk sizes {small} and {large}");
    assert!(small < large, "optional categories add to the walk");
    let specs = q.question("PI-01").expect("PI-01");
    assert!(
        specs.core && !in_core_walk(specs, catalog, &security_only),
        "processing-integrity work waits for that category in scope"
    );
    assert!(in_core_walk(specs, catalog, &everything));
    // Work that also serves ISO stays in the walk whatever the SOC 2 scope.
    let ropa = q.question("PRV-02").expect("PRV-02");
    assert!(in_core_walk(ropa, catalog, &security_only));
    for x in q.questions.iter().filter(|x| x.core && !in_core_walk(x, catalog, &security_only)) {
        assert!(!x.effort_for.serves(Framework::Iso27001), "{} serves ISO but left the walk", x.id);
    }
}

/// Domains the seed overlap table does not cover carry their overlap as a labelled estimate
/// with its basis; the seed domains carry the seed figure and no estimate label.
#[test]
fn overlap_estimates_are_labelled_with_their_basis() {
    let q = shipped();
    for d in &q.domains {
        let seeded = SEED_DOMAINS.iter().any(|(id, ..)| *id == d.id);
        match &d.overlap_estimate {
            Some(basis) => {
                assert!(!seeded, "{} has a seed figure but is labelled an estimate", d.id);
                assert!(basis.len() > 40, "{}: the basis should say what the estimate rests on", d.id);
            }
            None => assert!(seeded, "{}: overlap {} is not from the seed table and needs a basis", d.id, d.overlap),
        }
    }
}

/// Good practice figures (a day, a quarter, a year of logs, 72 hours) belong in the guidance:
/// a question asks about the practice, and a client who does it every two months still does it.
#[test]
fn question_text_carries_no_numbers_a_framework_does_not_require() {
    let q = shipped();
    for x in &q.questions {
        // Names that contain digits are not figures.
        let text = x.text.replace("NIS2", "").replace("SOC 2", "").replace("ISO 27001", "");
        assert!(!text.chars().any(|c| c.is_ascii_digit()), "{}: keep figures in the guidance: {}", x.id, x.text);
    }
}

#[test]
fn applies_if_names_regulations_by_their_profile_keys() {
    let q = shipped();
    let ir08 = q.question("IR-08").expect("IR-08");
    assert_eq!(ir08.applies_if, vec![crosswalk::profile::Regulation::Nis2, crosswalk::profile::Regulation::Dora]);
    // A key that names no regulation is an error on the field, not a silent "for everyone".
    let sources: Vec<_> = embedded_sources()
        .into_iter()
        .map(|mut s| {
            s.text = s.text.replace(r#"applies_if = ["nis2", "dora"]"#, r#"applies_if = ["nis3"]"#);
            s
        })
        .collect();
    let errors = Questionnaire::from_sources(Catalog::embedded(), &sources).expect_err("unknown regulation");
    assert!(errors.iter().any(|e| e.field == "applies_if" && e.message.contains("`nis3`")), "{errors:?}");
}
