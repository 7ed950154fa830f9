//! The shipped questionnaire: every module validates, every SOC 2 criterion, Annex A control
//! and leaf clause is evidenced, the workshop core is the right size, the seed domains carry
//! their overlap weights, and one-framework-only work is marked.

use crosswalk::catalog::Category;
use crosswalk::questionnaire::{Coverage, embedded_sources};
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
    assert!((50..=70).contains(&core), "core questions: {core}, expected 50-70 for a 2-4 hour workshop");
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
    let only = |fw: Framework| q.questions.iter().filter(move |x| x.only == Some(fw));
    let iso_only_refs: BTreeSet<&str> =
        only(Framework::Iso27001).flat_map(|x| x.references.iter().map(|r| catalog.get(r.req).id.as_str())).collect();
    // The ISO-only work the seeds list: ISMS scope, SoA / risk treatment, internal audit,
    // management review, continual improvement, threat intelligence.
    for required in ["4.3", "6.1.3", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.1", "A.5.7"] {
        assert!(iso_only_refs.contains(required), "no question marked only = \"iso27001\" evidences {required}");
    }
    // Detailed physical controls are ISO-only work too.
    assert!(only(Framework::Iso27001).any(|x| q.domain_of(x).id == "physical"), "no ISO-only physical question");
    // SOC 2 asks for a system description and evidence over the Type II observation period.
    let soc2_only: Vec<_> = only(Framework::Soc2).collect();
    assert!(!soc2_only.is_empty(), "no question marked only = \"soc2\"");
    assert!(soc2_only.iter().any(|x| x.text.to_lowercase().contains("description")), "no system description question");
    assert!(soc2_only.iter().all(|x| !x.evidences(Framework::Iso27001)));
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
