//! GitHub-flavoured markdown tables built with comfy-table.
//!
//! comfy-table lays the columns out but does not escape anything: every cell handed to
//! [`MdTable::row`] must already be escaped with [`super::escape::md_cell`] or
//! [`super::escape::md_inline`] (or be text this crate wrote). It also splits cells on line
//! breaks, which would break a row; the escape helpers fold those to spaces.

use super::escape::{md_cell, md_inline};
use super::figures::range;
use crate::engine::roadmap::WorkItem;
use comfy_table::presets::ASCII_MARKDOWN;
use comfy_table::{ContentArrangement, Table};

/// A markdown table with a fixed header; rows must have the header's column count.
pub struct MdTable {
    table: Table,
    columns: usize,
}

impl MdTable {
    pub fn new(header: &[&str]) -> MdTable {
        let mut table = Table::new();
        table
            .load_style(ASCII_MARKDOWN)
            // Markdown has no line width: never wrap a cell (wrapping would add line breaks).
            .set_content_arrangement(ContentArrangement::Disabled)
            .force_no_tty()
            .set_header(header.iter().copied());
        MdTable { table, columns: header.len() }
    }

    /// Adds a row of already-escaped cells; a short row is padded with empty cells and a
    /// long one is cut, so the table always keeps its header's shape.
    pub fn row(&mut self, mut cells: Vec<String>) -> &mut MdTable {
        cells.resize(self.columns, String::new());
        self.table.add_row(cells);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The table followed by a blank line, ready to append to a document.
    pub fn finish(&self) -> String {
        format!("{}\n\n", self.table)
    }
}

/// Longest question text shown in a table cell; the full text is in the appendix.
pub const QUESTION_CHARS: usize = 110;

/// `**AC-07** Do system owners review...`: a question as a table cell.
pub fn question_cell(id: &str, text: &str) -> String {
    format!("**{}** {}", md_inline(id), md_cell(text, QUESTION_CHARS))
}

/// A table of work items: question, domain, owner and person-days under `effort_header`.
pub fn work_items(items: &[&WorkItem], effort_header: &str) -> String {
    let mut table = MdTable::new(&["Question", "Domain", "Owner", effort_header]);
    for item in items {
        table.row(vec![
            question_cell(&item.id, &item.title),
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
