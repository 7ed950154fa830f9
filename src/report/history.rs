//! `crosswalk history NAME`: the workshops kept for an assessment, oldest first, with the
//! answers and readiness at the end of each, then the current state.

use super::escape::{md_heading, md_inline};
use super::figures::percent;
use super::table::MdTable;
use std::fmt::Write as _;

/// One kept state: a snapshot taken before a workshop, or the assessment as it is now.
#[derive(Debug, Clone, PartialEq)]
pub struct Workshop {
    /// When the state was last saved (`updated`), RFC 3339.
    pub updated: String,
    pub answered: usize,
    pub total: usize,
    pub soc2: f64,
    pub iso27001: f64,
    /// The file it is kept in, as `crosswalk diff` takes it.
    pub file: String,
    pub current: bool,
}

pub fn render(client: &str, workshops: &[Workshop]) -> String {
    let mut out = String::new();
    let _ = write!(out, "# Workshops: {}\n\n", md_heading(client, 120));
    if workshops.len() < 2 {
        out.push_str(
            "No earlier workshop is kept yet. One is kept when the assessment is edited after a pause of several \
             hours, or with `crosswalk snapshot NAME`.\n\n",
        );
    }
    let mut table = MdTable::new(&["#", "State of", "Answers", "SOC 2", "ISO 27001", "File"]);
    for (i, w) in workshops.iter().enumerate() {
        let when = w.updated.replace('T', " ").trim_end_matches('Z').chars().take(16).collect::<String>();
        let label = if w.current { format!("{} (current)", md_inline(&when)) } else { md_inline(&when) };
        table.row(vec![
            (i + 1).to_string(),
            label,
            format!("{} of {}", w.answered, w.total),
            percent(w.soc2),
            percent(w.iso27001),
            md_inline(&w.file),
        ]);
    }
    out.push_str(&table.finish());
    out
}
