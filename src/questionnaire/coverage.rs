//! How much of each framework the loaded questionnaire can evidence (`crosswalk validate`).

use super::Questionnaire;
use crate::catalog::{Catalog, Category, ReqIdx};
use crate::framework::Framework;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub domains: usize,
    pub questions: usize,
    pub core: usize,
    /// The same as `core`, under the name the checks read.
    pub core_questions: usize,
    pub deep_dive: usize,
    pub soc2: Soc2Coverage,
    pub iso27001: IsoCoverage,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Soc2Coverage {
    pub criteria: usize,
    pub covered: usize,
    pub missing: Vec<String>,
    /// Security (CC) criteria: how many there are, and how many a core question evidences at
    /// weight [`STRONG_WEIGHT`] or more.
    pub security_criteria: usize,
    pub security_core_covered: usize,
    /// Security criteria the core walk reaches only through weights below [`STRONG_WEIGHT`].
    pub security_core_weak_only: Vec<String>,
    /// Security criteria no core question reaches at all.
    pub security_core_missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IsoCoverage {
    pub controls: usize,
    pub covered: usize,
    pub clauses: usize,
    pub clauses_covered: usize,
    pub missing: Vec<String>,
    /// Leaf clauses a core question evidences at weight [`STRONG_WEIGHT`] or more.
    pub clauses_core_covered: usize,
    /// Clauses the core walk reaches only through weights below [`STRONG_WEIGHT`].
    pub clauses_core_weak_only: Vec<String>,
    /// Clauses no core question reaches at all.
    pub clauses_core_missing: Vec<String>,
    /// Annex A controls a core question evidences at weight [`STRONG_WEIGHT`] or more.
    pub controls_core_covered: usize,
}

/// Weight from which an answer evidences a substantial part of a requirement.
pub const STRONG_WEIGHT: f64 = 0.5;

/// How the core walk reaches one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    Strong,
    WeakOnly,
    None,
}

fn core_reach(questionnaire: &Questionnaire, req: ReqIdx) -> Reach {
    let best = questionnaire.questions.iter().filter(|q| q.core).filter_map(|q| q.weight_for(req)).fold(0.0, f64::max);
    if best >= STRONG_WEIGHT {
        Reach::Strong
    } else if best > 0.0 {
        Reach::WeakOnly
    } else {
        Reach::None
    }
}

/// The ids among `reqs` the core walk reaches the way `reach` says.
fn ids_reached<'a>(
    questionnaire: &Questionnaire,
    catalog: &Catalog,
    reqs: impl Iterator<Item = (ReqIdx, &'a crate::catalog::Requirement)>,
    reach: Reach,
) -> Vec<String> {
    reqs.filter(|(i, _)| core_reach(questionnaire, *i) == reach).map(|(i, _)| catalog.get(i).id.clone()).collect()
}

impl Coverage {
    pub fn of(questionnaire: &Questionnaire, catalog: &Catalog) -> Coverage {
        let soc2 = questionnaire.covered(Framework::Soc2);
        let iso = questionnaire.covered(Framework::Iso27001);
        let missing = |fw, covered: &std::collections::BTreeSet<usize>| -> Vec<String> {
            catalog.of(fw).filter(|(i, _)| !covered.contains(i)).map(|(_, r)| r.id.clone()).collect()
        };
        let core = questionnaire.core_count();
        let security = || catalog.of(Framework::Soc2).filter(|(_, r)| r.category == Category::Security);
        let q = questionnaire;
        Coverage {
            domains: questionnaire.domains.len(),
            questions: questionnaire.questions.len(),
            core,
            core_questions: core,
            deep_dive: questionnaire.questions.len() - core,
            soc2: Soc2Coverage {
                criteria: catalog.of(Framework::Soc2).count(),
                covered: soc2.len(),
                missing: missing(Framework::Soc2, &soc2),
                security_criteria: security().count(),
                security_core_covered: ids_reached(q, catalog, security(), Reach::Strong).len(),
                security_core_weak_only: ids_reached(q, catalog, security(), Reach::WeakOnly),
                security_core_missing: ids_reached(q, catalog, security(), Reach::None),
            },
            iso27001: IsoCoverage {
                controls: catalog.annex_a().count(),
                covered: catalog.annex_a().filter(|(i, _)| iso.contains(i)).count(),
                clauses: catalog.clauses().count(),
                clauses_covered: catalog.clauses().filter(|(i, _)| iso.contains(i)).count(),
                missing: missing(Framework::Iso27001, &iso),
                clauses_core_covered: ids_reached(q, catalog, catalog.clauses(), Reach::Strong).len(),
                clauses_core_weak_only: ids_reached(q, catalog, catalog.clauses(), Reach::WeakOnly),
                clauses_core_missing: ids_reached(q, catalog, catalog.clauses(), Reach::None),
                controls_core_covered: ids_reached(q, catalog, catalog.annex_a(), Reach::Strong).len(),
            },
        }
    }

    pub fn is_complete(&self) -> bool {
        self.soc2.missing.is_empty() && self.iso27001.missing.is_empty()
    }

    /// The plain-text summary `crosswalk validate` prints.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "domains: {}\nquestions: {} ({} core, {} deep-dive)\nSOC 2 criteria covered: {} of {}\n\
             ISO 27001 Annex A controls covered: {} of {}\nISO 27001 clauses covered: {} of {}\n",
            self.domains,
            self.questions,
            self.core,
            self.deep_dive,
            self.soc2.covered,
            self.soc2.criteria,
            self.iso27001.covered,
            self.iso27001.controls,
            self.iso27001.clauses_covered,
            self.iso27001.clauses,
        );
        out.push_str(&format!(
            "core walk, at weight {STRONG_WEIGHT} or more: ISO 27001 clauses {} of {}, SOC 2 Security criteria {} of {}, \
             Annex A controls {} of {}\n",
            self.iso27001.clauses_core_covered,
            self.iso27001.clauses,
            self.soc2.security_core_covered,
            self.soc2.security_criteria,
            self.iso27001.controls_core_covered,
            self.iso27001.controls,
        ));
        for (what, weak, none) in [
            ("ISO 27001 clauses", &self.iso27001.clauses_core_weak_only, &self.iso27001.clauses_core_missing),
            ("SOC 2 Security criteria", &self.soc2.security_core_weak_only, &self.soc2.security_core_missing),
        ] {
            if !weak.is_empty() {
                out.push_str(&format!(
                    "{what} the core walk reaches only below {STRONG_WEIGHT}: {}\n",
                    weak.join(", ")
                ));
            }
            if !none.is_empty() {
                out.push_str(&format!("{what} the core walk does not reach: {}\n", none.join(", ")));
            }
        }
        if !self.soc2.missing.is_empty() {
            out.push_str(&format!("not evidenced by any question (SOC 2): {}\n", self.soc2.missing.join(", ")));
        }
        if !self.iso27001.missing.is_empty() {
            out.push_str(&format!("not evidenced by any question (ISO 27001): {}\n", self.iso27001.missing.join(", ")));
        }
        out
    }
}
