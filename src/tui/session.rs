//! An open assessment and the consultant's place in it: the walk through the questions, the
//! open deep-dives, the selected domain. Every change to an answer goes through
//! [`Session::update_answer`], the one place that refuses read-only edits and re-scores.

use crate::assessment::{Answer, Assessment};
use crate::catalog::Catalog;
use crate::engine::{self, Analysis};
use crate::questionnaire::{Questionnaire, in_core_walk};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Why a change was not made.
pub const READ_ONLY: &str = "read-only: another crosswalk is editing this assessment";

#[derive(Debug, Clone)]
pub struct Session {
    /// The catalog the walk's scope rule reads (which SOC 2 categories a question feeds).
    catalog: &'static Catalog,
    pub assessment: Assessment,
    pub path: Option<PathBuf>,
    pub read_only: bool,
    pub analysis: Analysis,
    /// The analysis when the assessment was opened: the dashboard shows movement since.
    pub baseline: Analysis,
    pub opened_answers: BTreeMap<String, Answer>,
    /// Domains whose deep-dive questions are open.
    pub expanded: BTreeSet<usize>,
    /// Questions in walking order: every domain's core questions, plus deep-dive where open.
    pub walk: Vec<usize>,
    /// Position in `walk`.
    pub cursor: usize,
    /// The domain the Domains and Dashboard views point at.
    pub domain_cursor: usize,
    /// Files written by the last export.
    pub exported: Vec<PathBuf>,
}

impl Session {
    pub fn new(
        catalog: &'static Catalog,
        questionnaire: &Questionnaire,
        assessment: Assessment,
        path: Option<PathBuf>,
        read_only: bool,
    ) -> Session {
        let analysis = engine::analyze(catalog, questionnaire, &assessment);
        let mut session = Session {
            catalog,
            opened_answers: assessment.answers.clone(),
            baseline: analysis.clone(),
            analysis,
            assessment,
            path,
            read_only,
            expanded: BTreeSet::new(),
            walk: Vec::new(),
            cursor: 0,
            domain_cursor: 0,
            exported: Vec::new(),
        };
        session.rebuild_walk(questionnaire);
        // Resume where the last workshop stopped: the first unanswered question.
        session.cursor = session
            .walk
            .iter()
            .position(|&qi| !session.assessment.answers.contains_key(&questionnaire.questions[qi].id))
            .unwrap_or(0);
        session
    }

    pub fn current_question(&self) -> Option<usize> {
        self.walk.get(self.cursor).copied()
    }

    /// Recomputes the walk after deep-dives open or close, staying on the same question: each
    /// domain's core questions for this client's scope (see [`in_core_walk`]), or all of them
    /// once its deep-dive is open.
    pub fn rebuild_walk(&mut self, questionnaire: &Questionnaire) {
        let current = self.current_question();
        let (catalog, profile) = (self.catalog, &self.assessment.profile);
        self.walk = questionnaire
            .domains
            .iter()
            .enumerate()
            .flat_map(|(di, d)| {
                let open = self.expanded.contains(&di);
                d.questions
                    .iter()
                    .copied()
                    .filter(move |&qi| open || in_core_walk(&questionnaire.questions[qi], catalog, profile))
            })
            .collect();
        if let Some(q) = current {
            self.cursor = self.walk.iter().position(|&x| x == q).unwrap_or(self.cursor);
        }
        self.cursor = self.cursor.min(self.walk.len().saturating_sub(1));
    }

    pub fn toggle_deep_dive(&mut self, questionnaire: &Questionnaire, domain: usize) {
        if !self.expanded.remove(&domain) {
            self.expanded.insert(domain);
        }
        self.rebuild_walk(questionnaire);
    }

    /// Moves `delta` questions along the walk, stopping at either end.
    pub fn step(&mut self, delta: isize) {
        let last = self.walk.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }

    /// Puts the cursor on a question, opening its domain's deep-dive if it is not in the walk.
    pub fn jump_to(&mut self, questionnaire: &Questionnaire, question: usize) {
        if !self.walk.contains(&question) {
            self.expanded.insert(questionnaire.questions[question].domain);
            self.rebuild_walk(questionnaire);
        }
        if let Some(pos) = self.walk.iter().position(|&q| q == question) {
            self.cursor = pos;
        }
    }

    /// The current question's answer, if any.
    pub fn current_answer(&self, questionnaire: &Questionnaire) -> Option<&Answer> {
        let qi = self.current_question()?;
        self.assessment.answers.get(&questionnaire.questions[qi].id)
    }

    /// Changes the current question's answer and re-scores. Refused when read-only.
    pub fn update_answer(
        &mut self,
        catalog: &Catalog,
        questionnaire: &Questionnaire,
        update: impl FnOnce(&mut Answer),
    ) -> Result<(), &'static str> {
        if self.read_only {
            return Err(READ_ONLY);
        }
        let Some(qi) = self.current_question() else { return Err("no question to answer") };
        let id = &questionnaire.questions[qi].id;
        let mut answer = self.assessment.answers.get(id).cloned().unwrap_or_default();
        update(&mut answer);
        self.assessment.set_answer(id, answer);
        self.rescore(catalog, questionnaire);
        Ok(())
    }

    /// Recomputes the analysis after any change to answers or profile.
    pub fn rescore(&mut self, catalog: &Catalog, questionnaire: &Questionnaire) {
        self.analysis = engine::analyze(catalog, questionnaire, &self.assessment);
    }

    /// Number of answers that differ from when the assessment was opened.
    pub fn changed_since_open(&self) -> usize {
        let keys: BTreeSet<&String> = self.opened_answers.keys().chain(self.assessment.answers.keys()).collect();
        keys.into_iter().filter(|k| self.opened_answers.get(*k) != self.assessment.answers.get(*k)).count()
    }
}
