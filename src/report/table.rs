//! GitHub-flavoured markdown tables.
//!
//! The table lays the columns out but does not escape anything: every cell handed to
//! [`MdTable::row`] must already be escaped with [`super::escape::md_inline`] (or be text
//! this crate wrote), which also folds line breaks so a cell cannot end its row.

use super::ReportData;
use super::escape::md_inline;
use super::figures::range;
use crate::engine::roadmap::WorkItem;
use crate::questionnaire::Question;

/// Columns up to this width are padded so the raw file lines up; wider ones (notes,
/// evidence lists) are not, or one long note would pad every row of its table.
const ALIGN_UP_TO: usize = 48;

/// A markdown table with a fixed header; rows must have the header's column count.
pub struct MdTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl MdTable {
    pub fn new(header: &[&str]) -> MdTable {
        MdTable { header: header.iter().map(|h| h.to_string()).collect(), rows: Vec::new() }
    }

    /// Adds a row of already-escaped cells; a short row is padded with empty cells and a
    /// long one is cut, so the table always keeps its header's shape.
    pub fn row(&mut self, mut cells: Vec<String>) -> &mut MdTable {
        cells.resize(self.header.len(), String::new());
        self.rows.push(cells);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table followed by a blank line, ready to append to a document.
    pub fn finish(&self) -> String {
        let width = |cell: &str| cell.chars().count();
        let widths: Vec<usize> = (0..self.header.len())
            .map(|c| {
                let widest = std::iter::once(&self.header).chain(&self.rows).map(|r| width(&r[c])).max().unwrap_or(0);
                if widest <= ALIGN_UP_TO { widest.max(3) } else { 3 }
            })
            .collect();
        let mut out = String::new();
        let line = |out: &mut String, cells: &[String]| {
            for (cell, &w) in cells.iter().zip(&widths) {
                out.push_str("| ");
                out.push_str(cell);
                out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(cell))));
                out.push(' ');
            }
            out.push_str("|\n");
        };
        line(&mut out, &self.header);
        for &w in &widths {
            out.push('|');
            out.extend(std::iter::repeat_n('-', w + 2));
        }
        out.push_str("|\n");
        for row in &self.rows {
            line(&mut out, row);
        }
        out.push('\n');
        out
    }
}

/// `**AC-07** Do system owners review...`: a question as a table cell, for the answers
/// appendix (the one place question text appears).
pub fn question_cell(id: &str, text: &str) -> String {
    format!("**{}** {}", md_inline(id), md_inline(text))
}

/// `**AC-07** Review access to key systems and remove what is not needed`: the work a gap
/// calls for, as every plan and list shows it (the question text is for the appendix). A
/// question without an action (a module written before actions) shows its text.
pub fn action_cell(question: &Question) -> String {
    let action = if question.action.trim().is_empty() { &question.text } else { &question.action };
    format!("**{}** {}", md_inline(&question.id), md_inline(action))
}

/// A table of work items: action, domain, owner and person-days under `effort_header`.
pub fn work_items(data: &ReportData<'_>, items: &[&WorkItem], effort_header: &str) -> String {
    let mut table = MdTable::new(&["Action", "Domain", "Owner", effort_header]);
    for item in items {
        table.row(vec![
            action_cell(data.question(item.question)),
            md_inline(&item.domain),
            item.owner.label().into(),
            range(item.days),
        ]);
    }
    table.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_gfm_table() {
        let mut t = MdTable::new(&["A", "B"]);
        t.row(vec!["1".into(), "x \\| y".into()]);
        t.row(vec!["only one".into()]);
        let text = t.finish();
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(lines[1].starts_with("|-") && lines[1].ends_with("-|"), "{text}");
        assert!(lines[2].contains("x \\| y"));
        assert!(lines.iter().all(|l| l.starts_with('|') && l.ends_with('|')));
    }
}
