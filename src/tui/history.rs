//! Undo and redo of answer and profile changes, for the session (not saved). Each step keeps
//! the state before and after, so undoing is setting the old state back and redoing the new.

use crate::assessment::{Answer, Assessment};
use crate::profile::Profile;

/// Steps kept; the oldest go first.
const MAX_STEPS: usize = 200;

/// What the profile form can change: the profile and the two names above it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileState {
    pub client: String,
    pub consultant: String,
    pub profile: Profile,
    pub attendees: Vec<crate::assessment::Attendee>,
}

impl ProfileState {
    pub fn of(a: &Assessment) -> ProfileState {
        ProfileState {
            client: a.client.clone(),
            consultant: a.consultant.clone(),
            profile: a.profile.clone(),
            attendees: a.attendees.clone(),
        }
    }

    fn restore(&self, a: &mut Assessment) {
        a.client.clone_from(&self.client);
        a.consultant.clone_from(&self.consultant);
        a.profile = self.profile.clone();
        a.attendees.clone_from(&self.attendees);
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Boxed: an answer with its note, references and attendee is far larger than the rest.
    Answer {
        question: String,
        before: Option<Box<Answer>>,
        after: Option<Box<Answer>>,
    },
    Profile {
        before: Box<ProfileState>,
        after: Box<ProfileState>,
    },
}

impl Change {
    fn apply(&self, a: &mut Assessment, forward: bool) {
        match self {
            Change::Answer { question, before, after } => {
                let state = if forward { after } else { before };
                a.set_answer(question, state.as_deref().cloned().unwrap_or_default());
            }
            Change::Profile { before, after } => (if forward { after } else { before }).restore(a),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// Records a change just made; a new change ends what could be redone.
    pub fn record(&mut self, change: Change) {
        if self.undo.len() == MAX_STEPS {
            self.undo.remove(0);
        }
        self.undo.push(change);
        self.redo.clear();
    }

    /// Takes back the last change; returns it so the caller can show where it happened.
    pub fn undo(&mut self, a: &mut Assessment) -> Option<&Change> {
        let change = self.undo.pop()?;
        change.apply(a, false);
        self.redo.push(change);
        self.redo.last()
    }

    pub fn redo(&mut self, a: &mut Assessment) -> Option<&Change> {
        let change = self.redo.pop()?;
        change.apply(a, true);
        self.undo.push(change);
        self.undo.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_steps_back_and_forward_and_a_new_change_ends_redo() {
        let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
        let mut h = History::default();
        for level in [1, 2, 3] {
            let before = a.answers.get("GOV-01").cloned();
            a.set_answer("GOV-01", Answer::level(level));
            let after = a.answers.get("GOV-01").cloned().map(Box::new);
            h.record(Change::Answer { question: "GOV-01".into(), before: before.map(Box::new), after });
        }
        h.undo(&mut a);
        h.undo(&mut a);
        assert_eq!(a.answers["GOV-01"].level_value(), Some(1));
        h.undo(&mut a);
        assert!(!a.answers.contains_key("GOV-01"), "back to unanswered");
        assert!(h.undo(&mut a).is_none(), "nothing more to undo");
        h.redo(&mut a);
        h.redo(&mut a);
        assert_eq!(a.answers["GOV-01"].level_value(), Some(2));
        let before = ProfileState::of(&a);
        a.client = "Acme AS".into();
        h.record(Change::Profile { before: Box::new(before), after: Box::new(ProfileState::of(&a)) });
        assert!(h.redo(&mut a).is_none(), "a new change ends redo");
        h.undo(&mut a);
        assert_eq!(a.client, "Acme");
    }
}
