//! `crosswalk diff OLD NEW`: progress between two workshops with the same client, as markdown.
//! Both sides must be analysed against the same questionnaire (domains and gaps are matched
//! by it). Notes are left out entirely: a note may be consultant-only on either side, and
//! the progress report is for the client.

use super::ReportData;
use super::escape::{md_heading, md_inline};
use super::figures::{answer_label, number, percent, percent_change, points, range};
use super::table::{MdTable, question_cell, work_items};
use crate::engine::readiness::Figure;
use crate::engine::roadmap::WorkItem;
use crate::framework::Framework;
use std::fmt::Write as _;

const TITLE_CHARS: usize = 120;

pub fn render(old: &ReportData<'_>, new: &ReportData<'_>) -> String {
    let mut out = String::with_capacity(16 * 1024);
    title(&mut out, old, new);
    recommendation(&mut out, old, new);
    readiness(&mut out, old, new);
    effort(&mut out, old, new);
    answers_changed(&mut out, old, new);
    gaps_moved(&mut out, old, new);
    out
}

fn title(out: &mut String, old: &ReportData<'_>, new: &ReportData<'_>) {
    let _ = write!(
        out,
        "# Progress: {}\n\nFrom the assessment of {} to the assessment of {}.\n\n",
        md_heading(&new.assessment.client, TITLE_CHARS),
        md_inline(old.date()),
        md_inline(new.date()),
    );
    if old.assessment.client != new.assessment.client {
        let _ = write!(
            out,
            "Note: the earlier assessment is for \"{}\"; check that both files are the same client.\n\n",
            md_heading(&old.assessment.client, TITLE_CHARS),
        );
    }
}

/// `+12 pts`, `-3 pts`, `no change`: the difference of the two percentages shown.
fn change(before: f64, after: f64) -> String {
    match percent_change(before, after) {
        0 => "no change".into(),
        delta => format!("{delta:+} pts"),
    }
}

fn recommendation(out: &mut String, old: &ReportData<'_>, new: &ReportData<'_>) {
    let (a, b) = (&old.analysis.recommendation, &new.analysis.recommendation);
    let verdict = if a.first == b.first && a.framework_first == b.framework_first {
        format!("The recommendation is unchanged: {} first.", b.first.label())
    } else {
        format!("The recommendation moved from {} first to {} first.", a.first.label(), b.first.label())
    };
    let _ = write!(out, "## Recommendation\n\n{verdict}\n\n");
    let order = |r: &crate::engine::Recommendation| r.order.iter().map(|t| t.label()).collect::<Vec<_>>().join(" → ");
    let mut table = MdTable::new(&["", "Before", "After"]);
    table.row(vec!["First".into(), a.first.label().into(), b.first.label().into()]);
    table.row(vec!["Order".into(), order(a), order(b)]);
    table.row(vec!["Score (positive favours ISO 27001)".into(), points(a.score), points(b.score)]);
    table.row(vec!["Confidence".into(), a.confidence.key().into(), b.confidence.key().into()]);
    out.push_str(&table.finish());
}

fn readiness(out: &mut String, old: &ReportData<'_>, new: &ReportData<'_>) {
    out.push_str("## Readiness\n\n");
    let mut table = MdTable::new(&[&["Framework"], FIGURE_COLUMNS.as_slice()].concat());
    for fw in Framework::ALL {
        let before = old.analysis.readiness.framework(fw).figure;
        let after = new.analysis.readiness.framework(fw).figure;
        table.row(figure_row(fw.label().into(), before, after));
    }
    out.push_str(&table.finish());
    domains_moved(out, old, new);
}

/// The columns [`figure_row`] fills after its label, shared by both readiness tables.
const FIGURE_COLUMNS: [&str; 5] =
    ["Readiness before", "Readiness after", "Change", "Coverage before", "Coverage after"];

fn figure_row(label: String, before: Figure, after: Figure) -> Vec<String> {
    vec![
        label,
        percent(before.readiness),
        percent(after.readiness),
        change(before.readiness, after.readiness),
        percent(before.coverage),
        percent(after.coverage),
    ]
}

/// Per domain and framework, only the figures that moved.
fn domains_moved(out: &mut String, old: &ReportData<'_>, new: &ReportData<'_>) {
    let mut table = MdTable::new(&[&["Domain", "Framework"], FIGURE_COLUMNS.as_slice()].concat());
    for (before, after) in old.analysis.readiness.domains.iter().zip(&new.analysis.readiness.domains) {
        let title = md_inline(&new.questionnaire.domains[after.domain].title);
        for fw in Framework::ALL {
            let i = fw.index();
            if !(before.relevant[i] || after.relevant[i]) || before.figures[i] == after.figures[i] {
                continue;
            }
            let mut row = figure_row(title.clone(), before.figures[i], after.figures[i]);
            row.insert(1, fw.label().into());
            table.row(row);
        }
    }
    out.push_str("### By domain\n\n");
    if table.is_empty() {
        out.push_str("No domain moved.\n\n");
    } else {
        out.push_str(&table.finish());
    }
}

fn effort(out: &mut String, old: &ReportData<'_>, new: &ReportData<'_>) {
    let (a, b) = (&old.analysis.effort, &new.analysis.effort);
    let _ = write!(
        out,
        "## Effort\n\n- Before: {} first, {} person-days ({} weeks at {} FTE); adding {} {} person-days.\n\
         - After: {} first, {} person-days ({} weeks at {} FTE); adding {} {} person-days.\n\n",
        a.first.label(),
        range(a.first_days),
        range(a.first_weeks),
        number(a.fte),
        a.second.label(),
        range(a.second_days),
        b.first.label(),
        range(b.first_days),
        range(b.first_weeks),
        number(b.fte),
        b.second.label(),
        range(b.second_days),
    );
}

fn answers_changed(out: &mut String, old: &ReportData<'_>, new: &ReportData<'_>) {
    out.push_str("## Answers changed\n\n");
    let mut table = MdTable::new(&["Question", "Before", "After"]);
    let mut cleared = 0;
    for q in &new.questionnaire.questions {
        let before = answer_label(old.answer(&q.id));
        let after = answer_label(new.answer(&q.id));
        if before != after {
            let unanswered = |a: Option<&crate::assessment::Answer>| {
                a.is_none_or(|a| a.state() == crate::assessment::AnswerState::Unanswered)
            };
            cleared += usize::from(!unanswered(old.answer(&q.id)) && unanswered(new.answer(&q.id)));
            table.row(vec![question_cell(&q.id, &q.text), md_inline(&before), md_inline(&after)]);
        }
    }
    if table.is_empty() {
        out.push_str("No answer changed.\n\n");
    } else {
        out.push_str(&table.finish());
    }
    if cleared > 0 {
        // Readiness is estimated from the answers given, so removing a low answer can raise it:
        // say so, or a cleared answer reads as progress.
        let _ = write!(
            out,
            "{cleared} answer(s) were cleared: they no longer count, so a readiness figure can rise while its \
             coverage falls. That is not progress.\n\n"
        );
    }
}

fn gaps_moved(out: &mut String, old: &ReportData<'_>, new: &ReportData<'_>) {
    let old_gaps = &old.analysis.roadmap.gaps;
    let new_gaps = &new.analysis.roadmap.gaps;
    let closed: Vec<&WorkItem> = old_gaps.iter().filter(|g| !new_gaps.iter().any(|n| n.id == g.id)).collect();
    let opened: Vec<&WorkItem> = new_gaps.iter().filter(|g| !old_gaps.iter().any(|o| o.id == g.id)).collect();
    gap_table(out, "Gaps closed", "None closed.", "Person-days it needed", &closed);
    gap_table(out, "Gaps opened", "None opened.", "Person-days", &opened);
}

fn gap_table(out: &mut String, heading: &str, none: &str, effort_header: &str, items: &[&WorkItem]) {
    let _ = write!(out, "## {heading}\n\n");
    if items.is_empty() {
        let _ = write!(out, "{none}\n\n");
        return;
    }
    out.push_str(&work_items(items, effort_header));
}
