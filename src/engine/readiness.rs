//! Readiness for both frameworks from one set of answers: per requirement, per domain and
//! overall, each with the share of it that rests on answers (coverage) and the answers that
//! produced it, so "why 62%?" always has an answer.

use super::scoping;
use crate::assessment::{AnswerState, Assessment, MAX_LEVEL};
use crate::catalog::{Catalog, Category, ReqIdx};
use crate::framework::Framework;
use crate::profile::Profile;
use crate::questionnaire::Questionnaire;
use serde::Serialize;

/// Score of one answer state on 0.0-1.0, or why it has none.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Input {
    Unanswered,
    /// "Unknown / ask later": not assessed. Counts like an unanswered question (no score, no
    /// coverage) but is listed as a follow-up; scoring it 0 would call a question nobody
    /// could answer "not implemented".
    Unknown,
    NotApplicable,
    /// Not applicable, still to confirm (carried over from an earlier version of the question,
    /// or marked so; see [`scoping::unconfirmed_not_applicable`]): a proposed exclusion. Not
    /// assessed, like unknown, and it excludes nothing; but no work is planned for it until
    /// the follow-up says the question applies after all.
    ProposedNotApplicable,
    /// Answered with a maturity level.
    Scored(f64),
}

impl Input {
    pub fn of(state: AnswerState<'_>) -> Input {
        match state {
            AnswerState::Unanswered => Input::Unanswered,
            AnswerState::NotApplicable(_) => Input::NotApplicable,
            AnswerState::Unknown => Input::Unknown,
            AnswerState::Level(level) => Input::Scored(f64::from(level) / f64::from(MAX_LEVEL)),
        }
    }

    /// Whether the question has been assessed: a level or not applicable.
    pub fn is_assessed(self) -> bool {
        matches!(self, Input::Scored(_) | Input::NotApplicable)
    }
}

/// Reference weight at which one answer alone fully evidences a requirement. Below it (a
/// partial link), the answered weight counts as this much, so a lone side link at level 4
/// reads 50% at weight 0.25, never 100%: the figure is weighted by the evidence behind it.
pub const FULL_EVIDENCE_WEIGHT: f64 = 0.5;

/// One answer's part in a figure: question, weight and the score it brought.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Contribution {
    pub question: usize,
    pub weight: f64,
    pub input: Input,
}

/// A readiness figure with its basis. `readiness` is the estimate from the answers given;
/// `coverage` is how much of the applicable evidence weight those answers represent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Figure {
    /// 0-100; 0 when nothing has been answered yet (see `coverage`).
    pub readiness: f64,
    /// 0-100: share of the figure that rests on answers.
    pub coverage: f64,
}

/// Sums weights over contributions; the one place readiness arithmetic lives.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    applicable: f64,
    answered: f64,
    achieved: f64,
    /// Weight of answers saying "not applicable": known, and nothing left to ask.
    excluded: f64,
}

impl Tally {
    fn add(&mut self, weight: f64, input: Input) {
        match input {
            Input::NotApplicable => self.excluded += weight,
            Input::Unanswered | Input::Unknown | Input::ProposedNotApplicable => self.applicable += weight,
            Input::Scored(score) => {
                self.applicable += weight;
                self.answered += weight;
                self.achieved += weight * score;
            }
        }
    }

    /// The mean score over the answered weight, as a domain or framework total sees it.
    fn readiness(&self) -> Option<f64> {
        (self.answered > 0.0).then(|| 100.0 * self.achieved / self.answered)
    }

    /// One requirement's readiness: as [`Tally::readiness`], but weighted by the evidence
    /// behind it, so partial links alone cannot make it read as fully ready.
    fn evidenced_readiness(&self) -> Option<f64> {
        (self.answered > 0.0).then(|| 100.0 * self.achieved / self.answered.max(FULL_EVIDENCE_WEIGHT))
    }

    /// Only partial links are answered: the figure is held down by [`FULL_EVIDENCE_WEIGHT`].
    fn insufficient_evidence(&self) -> bool {
        self.answered > 0.0 && self.answered < FULL_EVIDENCE_WEIGHT
    }

    /// Share of the evidence that is known. Everything answered "not applicable" is fully
    /// known (100%), not "not assessed".
    fn coverage(&self) -> f64 {
        if self.applicable > 0.0 {
            100.0 * self.answered / self.applicable
        } else if self.excluded > 0.0 {
            100.0
        } else {
            0.0
        }
    }

    fn figure(&self) -> Figure {
        Figure { readiness: self.readiness().unwrap_or(0.0), coverage: self.coverage() }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequirementScore {
    pub req: ReqIdx,
    pub framework: Framework,
    /// In scope: SOC 2 Security or a chosen category; ISO unless every answer says n/a.
    pub in_scope: bool,
    /// Estimate from the answers, weighted by the evidence behind them (see
    /// [`FULL_EVIDENCE_WEIGHT`]); none until an evidencing question is answered.
    pub readiness: Option<f64>,
    pub coverage: f64,
    /// The answers behind the figure are partial links only (weight below
    /// [`FULL_EVIDENCE_WEIGHT`]): the figure is weighted down and reads "insufficient evidence".
    pub insufficient_evidence: bool,
    pub contributions: Vec<Contribution>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainScore {
    pub domain: usize,
    pub overlap: f64,
    /// Indexed by [`Framework::index`].
    pub figures: [Figure; 2],
    /// Whether the domain evidences the framework at all (within scope).
    pub relevant: [bool; 2],
    pub answered: usize,
    pub questions: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkScore {
    pub framework: Framework,
    pub figure: Figure,
    /// Requirements in scope, and how many of them have at least one answer.
    pub requirements: usize,
    pub answered_requirements: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    pub frameworks: [FrameworkScore; 2],
    pub domains: Vec<DomainScore>,
    pub requirements: Vec<RequirementScore>,
    /// Per question: its scoring input, indexed like [`Questionnaire::questions`].
    pub inputs: Vec<Input>,
}

impl Readiness {
    pub fn compute(catalog: &Catalog, questionnaire: &Questionnaire, assessment: &Assessment) -> Readiness {
        // Walk the stored answers once and place each by the questionnaire's id index: one
        // hash lookup per answer, rather than a string-keyed tree search per question, which
        // chases a pointer per comparison and stops scaling linearly on large questionnaires.
        // Answers to questions the questionnaire no longer has are ignored, as before.
        let mut inputs = vec![Input::Unanswered; questionnaire.questions.len()];
        for (id, answer) in &assessment.answers {
            if let Some(qi) = questionnaire.question_index(id) {
                let input = Input::of(answer.state());
                // "Not applicable" on required work (see `NaPolicy`) cannot make it
                // disappear: it stays an open question. One still to confirm is a proposal,
                // not yet an answer to this question.
                let allowed = questionnaire.questions[qi].allows_not_applicable();
                inputs[qi] = match input {
                    Input::NotApplicable if !allowed => Input::Unanswered,
                    Input::NotApplicable if scoping::unconfirmed_not_applicable(answer).is_some() => {
                        Input::ProposedNotApplicable
                    }
                    _ => input,
                };
            }
        }

        let mut requirements: Vec<RequirementScore> = catalog
            .requirements
            .iter()
            .enumerate()
            .map(|(req, r)| RequirementScore {
                req,
                framework: r.framework,
                in_scope: r.framework == Framework::Iso27001 || assessment.profile.soc2_in_scope(r.category),
                readiness: None,
                coverage: 0.0,
                insufficient_evidence: false,
                contributions: Vec::new(),
            })
            .collect();
        let excludes = excludes_of(catalog, questionnaire, &inputs);
        for (qi, q) in questionnaire.questions.iter().enumerate() {
            for r in &q.references {
                if let Some(input) = input_for(&excludes[qi], r.req, inputs[qi]) {
                    requirements[r.req].contributions.push(Contribution { question: qi, weight: r.weight, input });
                }
            }
        }
        for score in &mut requirements {
            let mut tally = Tally::default();
            score.contributions.iter().for_each(|c| tally.add(c.weight, c.input));
            score.readiness = tally.evidenced_readiness();
            score.coverage = tally.coverage();
            score.insufficient_evidence = tally.insufficient_evidence();
            // An Annex A control is excluded when every question evidencing it is n/a (as
            // its policy allows); the management-system clauses never drop out.
            let all_na =
                !score.contributions.is_empty() && score.contributions.iter().all(|c| c.input == Input::NotApplicable);
            if score.framework == Framework::Iso27001 && catalog.get(score.req).category != Category::Clause && all_na {
                score.in_scope = false;
            }
        }
        scoping::keep_dependants_applicable(catalog, &mut requirements);

        let frameworks = Framework::ALL.map(|fw| framework_score(fw, &requirements));
        let left_out = soc2_left_out(catalog, questionnaire, &assessment.profile);
        let domains = domain_scores(questionnaire, &requirements, &inputs, &excludes, &left_out);
        Readiness { frameworks, domains, requirements, inputs }
    }

    /// The same readiness under another choice of SOC 2 categories (`profile`'s), without
    /// scoring the answers again: a requirement's own figure does not depend on the scope,
    /// only whether a SOC 2 requirement is in scope does, and the framework and domain totals
    /// that count in-scope requirements. Equal to [`Readiness::compute`] with that profile.
    pub fn rescope(&mut self, catalog: &Catalog, questionnaire: &Questionnaire, profile: &Profile) {
        for score in self.requirements.iter_mut().filter(|r| r.framework == Framework::Soc2) {
            score.in_scope = profile.soc2_in_scope(catalog.get(score.req).category);
        }
        let excludes = excludes_of(catalog, questionnaire, &self.inputs);
        self.frameworks = Framework::ALL.map(|fw| framework_score(fw, &self.requirements));
        let left_out = soc2_left_out(catalog, questionnaire, profile);
        self.domains = domain_scores(questionnaire, &self.requirements, &self.inputs, &excludes, &left_out);
    }

    pub fn framework(&self, framework: Framework) -> &FrameworkScore {
        &self.frameworks[framework.index()]
    }

    /// Requirements of a framework that are in scope.
    pub fn in_scope(&self, framework: Framework) -> impl Iterator<Item = &RequirementScore> {
        self.requirements.iter().filter(move |r| r.framework == framework && r.in_scope)
    }
}

/// What each n/a answer excludes (see `scoping::excludes`); nothing for other answers.
fn excludes_of(catalog: &Catalog, questionnaire: &Questionnaire, inputs: &[Input]) -> Vec<Vec<ReqIdx>> {
    questionnaire
        .questions
        .iter()
        .zip(inputs)
        .map(|(q, &input)| if input == Input::NotApplicable { scoping::excludes(catalog, q) } else { Vec::new() })
        .collect()
}

/// Per domain: whether it is about an optional SOC 2 category the profile leaves out (see
/// [`scoping::soc2_category_out_of_scope`]).
fn soc2_left_out(catalog: &Catalog, questionnaire: &Questionnaire, profile: &Profile) -> Vec<bool> {
    (0..questionnaire.domains.len())
        .map(|d| scoping::soc2_category_out_of_scope(catalog, questionnaire, profile, d).is_some())
        .collect()
}

/// Per domain: the tallies of its answers over the in-scope requirements they evidence. A
/// domain about a SOC 2 category out of scope does not feed SOC 2 at all, even where one of
/// its questions also touches a Security criterion (that criterion rests on it all the same).
fn domain_scores(
    questionnaire: &Questionnaire,
    requirements: &[RequirementScore],
    inputs: &[Input],
    excludes: &[Vec<ReqIdx>],
    soc2_left_out: &[bool],
) -> Vec<DomainScore> {
    questionnaire
        .domains
        .iter()
        .enumerate()
        .map(|(di, d)| {
            let mut tallies = [Tally::default(); 2];
            let mut relevant = [false; 2];
            for &qi in &d.questions {
                for r in &questionnaire.questions[qi].references {
                    let left_out = r.framework == Framework::Soc2 && soc2_left_out[di];
                    if requirements[r.req].in_scope && !left_out {
                        if let Some(input) = input_for(&excludes[qi], r.req, inputs[qi]) {
                            tallies[r.framework.index()].add(r.weight, input);
                        }
                        relevant[r.framework.index()] = true;
                    }
                }
            }
            DomainScore {
                domain: di,
                overlap: d.overlap,
                figures: tallies.map(|t| t.figure()),
                relevant,
                answered: d.questions.iter().filter(|&&qi| inputs[qi].is_assessed()).count(),
                questions: d.questions.len(),
            }
        })
        .collect()
}

/// A question's input as one requirement sees it. A "not applicable" excludes only what the
/// question's n/a policy lists (Annex A controls, optional SOC 2 criteria; see
/// [`scoping::excludes`]); for its other references, such as ISO clauses 4-10 and SOC 2
/// Security criteria, the answer is no evidence either way (none), so they rest on the other
/// questions that evidence them, their readiness never moves through it, and they never drop
/// out of scope through it.
fn input_for(excludes: &[ReqIdx], req: ReqIdx, input: Input) -> Option<Input> {
    if input == Input::NotApplicable && !excludes.contains(&req) { None } else { Some(input) }
}

/// Overall readiness is the mean over in-scope requirements that have answers, so every
/// criterion or control counts once however many questions evidence it; coverage is the mean
/// coverage over all in-scope requirements.
fn framework_score(framework: Framework, requirements: &[RequirementScore]) -> FrameworkScore {
    let in_scope: Vec<&RequirementScore> =
        requirements.iter().filter(|r| r.framework == framework && r.in_scope).collect();
    let answered: Vec<f64> = in_scope.iter().filter_map(|r| r.readiness).collect();
    let readiness = if answered.is_empty() { 0.0 } else { answered.iter().sum::<f64>() / answered.len() as f64 };
    let coverage = if in_scope.is_empty() {
        0.0
    } else {
        in_scope.iter().map(|r| r.coverage).sum::<f64>() / in_scope.len() as f64
    };
    FrameworkScore {
        framework,
        figure: Figure { readiness, coverage },
        requirements: in_scope.len(),
        answered_requirements: answered.len(),
    }
}
