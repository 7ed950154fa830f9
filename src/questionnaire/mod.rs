//! Questionnaire modules: one TOML file per security domain, embedded by default and
//! replaceable or extendable from a folder of the consultant's own.

mod carry;
mod coverage;
mod load;
mod model;
mod walk;

pub use carry::{Carried, carry_over};
pub use coverage::{Coverage, STRONG_WEIGHT};
pub use load::{ACTION_MAX_CHARS, ModuleSource, embedded_sources, sources_from_dir};
pub use model::{Domain, EffortShare, NaPolicy, Owner, Phase, Question, Reference};
pub use walk::in_core_walk;

use crate::catalog::Catalog;
use crate::framework::Framework;
use crate::source::Diagnostic;
use std::collections::HashMap;
use std::path::Path;

/// All loaded domains and questions, validated against the catalog.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    pub domains: Vec<Domain>,
    pub questions: Vec<Question>,
    by_id: HashMap<String, usize>,
}

impl Questionnaire {
    /// The embedded modules, optionally with a folder of the consultant's own applied on top:
    /// a module with an embedded module's `id` replaces it, a new `id` adds a domain.
    pub fn load(overrides: Option<&Path>) -> Result<Questionnaire, Vec<Diagnostic>> {
        let mut sources = embedded_sources();
        if let Some(dir) = overrides {
            sources.extend(sources_from_dir(dir).map_err(|d| vec![d])?);
        }
        Questionnaire::from_sources(Catalog::embedded(), &sources)
    }

    /// The embedded modules alone. They are checked by the test suite, so failure here is a
    /// build defect.
    pub fn embedded() -> Questionnaire {
        match Questionnaire::from_sources(Catalog::embedded(), &embedded_sources()) {
            Ok(q) => q,
            Err(d) => panic!("embedded questionnaires are invalid: {}", d[0]),
        }
    }

    /// Parses and validates module sources in order; a later module with the same domain id
    /// replaces an earlier one. Every problem is reported, not just the first.
    pub fn from_sources(catalog: &Catalog, sources: &[ModuleSource]) -> Result<Questionnaire, Vec<Diagnostic>> {
        load::build(catalog, sources)
    }

    pub(crate) fn assemble(domains: Vec<Domain>, questions: Vec<Question>) -> Questionnaire {
        let by_id = questions.iter().enumerate().map(|(i, q)| (q.id.clone(), i)).collect();
        Questionnaire { domains, questions, by_id }
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.by_id.get(id).map(|&i| &self.questions[i])
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn domain_of(&self, question: &Question) -> &Domain {
        &self.domains[question.domain]
    }

    pub fn core_count(&self) -> usize {
        self.questions.iter().filter(|q| q.core).count()
    }

    /// Requirements of `framework` evidenced by at least one question.
    pub fn covered(&self, framework: Framework) -> std::collections::BTreeSet<usize> {
        self.questions.iter().flat_map(|q| q.references_of(framework).map(|r| r.req)).collect()
    }
}
