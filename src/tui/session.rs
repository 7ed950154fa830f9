//! An open assessment and the consultant's place in it: the walk through the questions, the
//! open deep-dives, the selected domain. Every change to an answer goes through
//! [`Session::update_answer`], the one place that refuses read-only edits and re-scores.

use crate::assessment::{Answer, Assessment};
use crate::catalog::Catalog;
use crate::engine::live::{LiveAnalysis, Need};
use crate::engine::{Analysis, Rates};
use crate::questionnaire::{Questionnaire, in_core_walk};
use crate::store::Workshop;
use crate::tui::agenda::Agenda;
use crate::tui::history::{Change, History, ProfileState};
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
    /// The figures, caught up as far as the view on screen needs (see [`Session::refresh`]).
    live: LiveAnalysis,
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
    /// Answer and profile changes of this session, for undo and redo.
    pub history: History,
    /// Time budget and time spent per domain.
    pub agenda: Agenda,
}

/// Where an undone or redone change happened, to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    Question(usize),
    Profile,
}

impl Session {
    pub fn new(
        catalog: &'static Catalog,
        questionnaire: &Questionnaire,
        assessment: Assessment,
        path: Option<PathBuf>,
        read_only: bool,
    ) -> Session {
        let live = LiveAnalysis::new(catalog, questionnaire, &assessment, Rates::current());
        let mut session = Session {
            catalog,
            opened_answers: assessment.answers.clone(),
            baseline: live.analysis().clone(),
            live,
            assessment,
            path,
            read_only,
            expanded: BTreeSet::new(),
            walk: Vec::new(),
            cursor: 0,
            domain_cursor: 0,
            exported: Vec::new(),
            history: History::default(),
            agenda: Agenda::new(questionnaire),
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

    /// Recomputes the walk after deep-dives open or close: each domain's core questions for
    /// this client's scope (see [`in_core_walk`]), or all of them once its deep-dive is open.
    /// The cursor stays on the same question, or, when it left the walk (its deep-dive closed),
    /// on the nearest question before it in the same domain: closing a deep-dive never jumps to
    /// another domain.
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
            self.cursor =
                self.walk.iter().position(|&x| x == q).unwrap_or_else(|| self.nearest_in_domain(questionnaire, q));
        }
        self.cursor = self.cursor.min(self.walk.len().saturating_sub(1));
    }

    /// The walk position of the last question of `question`'s domain asked before it, or the
    /// domain's first one in the walk.
    fn nearest_in_domain(&self, questionnaire: &Questionnaire, question: usize) -> usize {
        let domain = questionnaire.questions[question].domain;
        let order = &questionnaire.domains[domain].questions;
        let rank = |q: usize| order.iter().position(|&x| x == q);
        let own = rank(question);
        let in_domain = || self.walk.iter().enumerate().filter(|&(_, &q)| questionnaire.questions[q].domain == domain);
        in_domain().rfind(|&(_, &q)| rank(q) < own).or_else(|| in_domain().next()).map_or(self.cursor, |(pos, _)| pos)
    }

    /// Where the consultant is, for the workshop sidecar (the view is the app's to add).
    pub fn place(&self, questionnaire: &Questionnaire) -> Workshop {
        let mut place = Workshop {
            question: self.current_question().map(|q| questionnaire.questions[q].id.clone()).unwrap_or_default(),
            deep_dives: self.expanded.iter().map(|&d| questionnaire.domains[d].id.clone()).collect(),
            ..Workshop::default()
        };
        self.agenda.save_into(questionnaire, &mut place);
        place
    }

    /// Goes back to a saved place: its deep-dives open, its question under the cursor.
    /// Ids no longer in the questionnaire are skipped.
    pub fn restore(&mut self, questionnaire: &Questionnaire, place: &Workshop) {
        self.agenda.restore(questionnaire, place);
        for id in &place.deep_dives {
            if let Some(d) = questionnaire.domains.iter().position(|d| &d.id == id) {
                self.expanded.insert(d);
            }
        }
        self.rebuild_walk(questionnaire);
        if let Some(q) = questionnaire.questions.iter().position(|q| q.id == place.question) {
            self.jump_to(questionnaire, q);
            self.domain_cursor = questionnaire.questions[q].domain;
        }
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

    /// Changes the current question's answer (the figures follow, see [`Session::refresh`]).
    /// Refused when read-only.
    pub fn update_answer(
        &mut self,
        questionnaire: &Questionnaire,
        update: impl FnOnce(&mut Answer),
    ) -> Result<(), &'static str> {
        if self.read_only {
            return Err(READ_ONLY);
        }
        let Some(qi) = self.current_question() else { return Err("no question to answer") };
        let id = &questionnaire.questions[qi].id;
        let before = self.assessment.answers.get(id).cloned();
        let mut answer = before.clone().unwrap_or_default();
        update(&mut answer);
        self.assessment.set_answer(id, answer);
        let after = self.assessment.answers.get(id).cloned();
        if after != before {
            let (before, after) = (before.map(Box::new), after.map(Box::new));
            self.history.record(Change::Answer { question: id.clone(), before, after });
        }
        self.live.answers_changed();
        Ok(())
    }

    /// Changes the profile (or the names on it) and re-scores; the edit's own refusal, or
    /// read-only, comes back as the message to show.
    pub fn update_profile(
        &mut self,
        questionnaire: &Questionnaire,
        edit: impl FnOnce(&mut Assessment) -> Result<(), String>,
    ) -> Result<(), String> {
        if self.read_only {
            return Err(READ_ONLY.into());
        }
        let before = ProfileState::of(&self.assessment);
        edit(&mut self.assessment)?;
        let after = ProfileState::of(&self.assessment);
        if after != before {
            self.history.record(Change::Profile { before: Box::new(before), after: Box::new(after) });
        }
        // The walk depends on the profile (which SOC 2 categories are in scope). The figures
        // see the profile change themselves (see `engine::live::reach`).
        self.rebuild_walk(questionnaire);
        Ok(())
    }

    /// Takes back the last change (`forward` false) or makes it again; says where it was.
    pub fn undo_redo(&mut self, questionnaire: &Questionnaire, forward: bool) -> Option<Changed> {
        if self.read_only {
            return None;
        }
        let change =
            if forward { self.history.redo(&mut self.assessment) } else { self.history.undo(&mut self.assessment) };
        let place = match change? {
            Change::Answer { question, .. } => {
                self.live.answers_changed();
                let q = questionnaire.questions.iter().position(|q| &q.id == question);
                q.map_or(Changed::Profile, Changed::Question)
            }
            Change::Profile { .. } => Changed::Profile,
        };
        self.rebuild_walk(questionnaire);
        Some(place)
    }

    /// The next (or, backwards, previous) question in the walk still open: unanswered or
    /// to ask later. Wraps around; none when every question has an answer.
    pub fn next_open(&self, questionnaire: &Questionnaire, forward: bool) -> Option<usize> {
        let n = self.walk.len();
        (1..=n).map(|step| if forward { (self.cursor + step) % n } else { (self.cursor + n - step % n) % n }).find(
            |&pos| {
                let state = self.assessment.answer(&questionnaire.questions[self.walk[pos]].id);
                matches!(state, crate::AnswerState::Unanswered | crate::AnswerState::Unknown)
            },
        )
    }

    /// The figures as last brought up to date (see [`Session::refresh`]).
    pub fn analysis(&self) -> &Analysis {
        self.live.analysis()
    }

    /// Brings the figures up to date with the answers and profile as far as `need` asks,
    /// redoing only the stages a change reached. Changes only leave them behind: the question
    /// screen, where answers are given one key each, shows no figures, so a keystroke there
    /// never waits for a re-score (tens of milliseconds at 10,000 questions); the profile
    /// form needs the recommendation but not the plan; the app catches up for views that show
    /// figures and when the keyboard is idle.
    pub fn refresh(&mut self, catalog: &Catalog, questionnaire: &Questionnaire, need: Need) {
        self.live.catch_up(catalog, questionnaire, &self.assessment, Rates::current(), need);
    }

    /// Whether the figures reflect every change made.
    pub fn is_fresh(&self) -> bool {
        self.live.is_current(&self.assessment, Need::Everything)
    }

    /// Number of answers that differ from when the assessment was opened.
    pub fn changed_since_open(&self) -> usize {
        let keys: BTreeSet<&String> = self.opened_answers.keys().chain(self.assessment.answers.keys()).collect();
        keys.into_iter().filter(|k| self.opened_answers.get(*k) != self.assessment.answers.get(*k)).count()
    }
}
