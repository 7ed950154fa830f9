//! How much of each framework the loaded questionnaire can evidence (`crosswalk validate`).

use super::Questionnaire;
use crate::catalog::Catalog;
use crate::framework::Framework;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub domains: usize,
    pub questions: usize,
    pub core: usize,
    pub deep_dive: usize,
    pub soc2: Soc2Coverage,
    pub iso27001: IsoCoverage,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Soc2Coverage {
    pub criteria: usize,
    pub covered: usize,
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IsoCoverage {
    pub controls: usize,
    pub covered: usize,
    pub clauses: usize,
    pub clauses_covered: usize,
    pub missing: Vec<String>,
}

impl Coverage {
    pub fn of(questionnaire: &Questionnaire, catalog: &Catalog) -> Coverage {
        let soc2 = questionnaire.covered(Framework::Soc2);
        let iso = questionnaire.covered(Framework::Iso27001);
        let missing = |fw, covered: &std::collections::BTreeSet<usize>| -> Vec<String> {
            catalog.of(fw).filter(|(i, _)| !covered.contains(i)).map(|(_, r)| r.id.clone()).collect()
        };
        let core = questionnaire.core_count();
        Coverage {
            domains: questionnaire.domains.len(),
            questions: questionnaire.questions.len(),
            core,
            deep_dive: questionnaire.questions.len() - core,
            soc2: Soc2Coverage {
                criteria: catalog.of(Framework::Soc2).count(),
                covered: soc2.len(),
                missing: missing(Framework::Soc2, &soc2),
            },
            iso27001: IsoCoverage {
                controls: catalog.annex_a().count(),
                covered: catalog.annex_a().filter(|(i, _)| iso.contains(i)).count(),
                clauses: catalog.clauses().count(),
                clauses_covered: catalog.clauses().filter(|(i, _)| iso.contains(i)).count(),
                missing: missing(Framework::Iso27001, &iso),
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
        if !self.soc2.missing.is_empty() {
            out.push_str(&format!("not evidenced by any question (SOC 2): {}\n", self.soc2.missing.join(", ")));
        }
        if !self.iso27001.missing.is_empty() {
            out.push_str(&format!("not evidenced by any question (ISO 27001): {}\n", self.iso27001.missing.join(", ")));
        }
        out
    }
}
