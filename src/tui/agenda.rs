//! The workshop agenda: a time budget per domain, shared out of the session's length by each
//! domain's number of core questions, and the time actually spent on each. Time comes in
//! through [`Agenda::tick`] from whatever clock the caller has, so tests pass their own.

use crate::questionnaire::Questionnaire;
use crate::store::Workshop;

/// Session length when none was set.
pub const DEFAULT_MINUTES: u32 = 120;
/// Step of the +/- keys, and the shortest and longest session.
pub const STEP_MINUTES: u32 = 15;
const MAX_MINUTES: u32 = 600;
/// A longer gap between ticks (a laptop asleep, a break) is not counted as time on a domain.
const MAX_GAP_SECONDS: u64 = 15 * 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub minutes: u32,
    /// Seconds spent per domain, by domain index.
    pub elapsed: Vec<u64>,
    /// Core questions per domain, which share out the budget.
    core: Vec<u64>,
    last_tick: Option<u64>,
}

/// Where a domain stands against its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    pub spent_minutes: u64,
    pub budget_minutes: u64,
    pub over: bool,
}

impl Agenda {
    pub fn new(questionnaire: &Questionnaire) -> Agenda {
        let core = questionnaire
            .domains
            .iter()
            .map(|d| d.questions.iter().filter(|&&q| questionnaire.questions[q].core).count() as u64)
            .collect();
        Agenda { minutes: DEFAULT_MINUTES, elapsed: vec![0; questionnaire.domains.len()], core, last_tick: None }
    }

    /// Counts the time since the last tick for `domain` (none: the clock runs for nobody, as
    /// when the consultant is not on a question).
    pub fn tick(&mut self, now: u64, domain: Option<usize>) {
        let gap = self.last_tick.map_or(0, |last| now.saturating_sub(last));
        self.last_tick = Some(now);
        if let Some(spent) = domain.and_then(|d| self.elapsed.get_mut(d))
            && gap <= MAX_GAP_SECONDS
        {
            *spent += gap;
        }
    }

    pub fn budget_seconds(&self, domain: usize) -> u64 {
        let total: u64 = self.core.iter().sum();
        let share = self.core.get(domain).copied().unwrap_or(0);
        (u64::from(self.minutes) * 60 * share).checked_div(total).unwrap_or(0)
    }

    pub fn timing(&self, domain: usize) -> Timing {
        let spent = self.elapsed.get(domain).copied().unwrap_or(0);
        let budget = self.budget_seconds(domain);
        Timing { spent_minutes: spent / 60, budget_minutes: budget.div_ceil(60), over: spent > budget }
    }

    /// Lengthens (`delta` > 0) or shortens the session by one step.
    pub fn adjust(&mut self, longer: bool) {
        let minutes = if longer { self.minutes + STEP_MINUTES } else { self.minutes.saturating_sub(STEP_MINUTES) };
        self.minutes = minutes.clamp(STEP_MINUTES, MAX_MINUTES);
    }

    /// The agenda as the workshop sidecar keeps it (domain ids, not indices).
    pub fn save_into(&self, questionnaire: &Questionnaire, place: &mut Workshop) {
        place.minutes = self.minutes;
        place.elapsed_seconds = questionnaire
            .domains
            .iter()
            .zip(&self.elapsed)
            .filter(|&(_, &s)| s > 0)
            .map(|(d, &s)| (d.id.clone(), s))
            .collect();
    }

    pub fn restore(&mut self, questionnaire: &Questionnaire, place: &Workshop) {
        if place.minutes > 0 {
            self.minutes = place.minutes.clamp(STEP_MINUTES, MAX_MINUTES);
        }
        for (i, d) in questionnaire.domains.iter().enumerate() {
            self.elapsed[i] = place.elapsed_seconds.get(&d.id).copied().unwrap_or(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_follow_core_counts_and_time_goes_to_the_domain_on_screen() {
        let q = Questionnaire::embedded();
        let mut agenda = Agenda::new(&q);
        let total: u64 = (0..q.domains.len()).map(|d| agenda.budget_seconds(d)).sum();
        assert!(total <= 120 * 60 && total > 120 * 60 - q.domains.len() as u64, "the budgets share the session");
        agenda.tick(1000, Some(0));
        agenda.tick(1600, Some(0));
        agenda.tick(1700, None);
        agenda.tick(1760, Some(1));
        agenda.tick(1760 + 3600, Some(1));
        assert_eq!(agenda.elapsed[0], 600, "ten minutes on the first domain");
        assert_eq!(agenda.elapsed[1], 60, "an hour away from the keyboard is not counted");
        let budget = agenda.budget_seconds(0);
        agenda.tick(1760 + 3600 + budget, Some(0));
        assert!(!agenda.timing(0).over, "a gap over the limit is not counted");
        agenda.elapsed[0] = budget + 1;
        assert!(agenda.timing(0).over);
        agenda.adjust(true);
        assert_eq!(agenda.minutes, 135);
        let mut place = Workshop::default();
        agenda.save_into(&q, &mut place);
        let mut back = Agenda::new(&q);
        back.restore(&q, &place);
        assert_eq!((back.minutes, &back.elapsed), (135, &agenda.elapsed));
    }
}
