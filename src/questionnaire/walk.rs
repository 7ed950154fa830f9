//! Which questions a first workshop walks: the rule lives here so the TUI, the reports and
//! the checks agree on it.

use super::Question;
use crate::catalog::Catalog;
use crate::framework::Framework;
use crate::profile::Profile;

/// Whether `question` is asked in the core walk for a client with `profile`: a core
/// question, unless every framework its work is for sees it only through optional SOC 2
/// categories the client left out of scope (a privacy question on a Security-only SOC 2
/// with no ISO part stays in the deep-dive).
pub fn in_core_walk(question: &Question, catalog: &Catalog, profile: &Profile) -> bool {
    question.core
        && Framework::ALL.into_iter().filter(|&fw| question.effort_for.serves(fw)).any(|fw| match fw {
            Framework::Iso27001 => question.evidences(fw),
            Framework::Soc2 => question.references_of(fw).any(|r| profile.soc2_in_scope(catalog.get(r.req).category)),
        })
}
