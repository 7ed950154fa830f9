//! `crosswalk diff OLD NEW`: progress between two workshops with the same client, as markdown.
//! Both sides must be analysed against the same questionnaire (domains and gaps are matched
//! by it).
//!
//! Progress (answers raised) and changes of the profile (capacity, window, deadline, scope)
//! both move the plan; the diff keeps them apart by analysing a third state, the earlier
//! answers under the later profile, so "FTE 0.8 -> 1.5" never reads as progress. Notes: only
//! a note that is client-visible now is shown, and only as it reads now (the earlier text
//! may have been consultant-only).

use super::ReportData;
use super::escape::{md_heading, md_inline};
use super::figures::{answer_label, number, percent, percent_change, points, range};
use super::table::{MdTable, action_cell, work_items};
use crate::engine::readiness::Figure;
use crate::engine::roadmap::{MilestoneKind, WorkItem};
use crate::framework::Framework;
use std::fmt::Write as _;

const TITLE_CHARS: usize = 120;

pub fn render(old: &ReportData<'_>, new: &ReportData<'_>) -> String {
    let mut out = String::with_capacity(16 * 1024);
    title(&mut out, old, new);
    recommendation(&mut out, old, new);
    readiness(&mut out, old, new);
    profile_changes(&mut out, old, new);
    plan_moved(&mut out, old, new);
    answers_changed(&mut out, old, new);
    notes_edited(&mut out, old, new);
    gaps_moved(&mut out, old, new);
    // How the figures were made holds for both workshops.
    let _ = write!(out, "## Basis of preparation\n\n{}\n", super::words::BASIS_OF_PREPARATION);
    out
}

/// One profile setting that differs: what, before, after (already escaped).
fn profile_rows(old: &ReportData<'_>, new: &ReportData<'_>) -> Vec<[String; 3]> {
    let (a, b) = (&old.assessment.profile, &new.assessment.profile);
    let mut rows: Vec<[String; 3]> = Vec::new();
    let mut row = |what: &str, before: String, after: String| {
        if before != after {
            rows.push([what.to_string(), before, after]);
        }
    };
    row("Team capacity for compliance", format!("{} FTE", number(a.team_fte)), format!("{} FTE", number(b.team_fte)));
    row("Headcount", a.headcount.to_string(), b.headcount.to_string());
    row(
        "SOC 2 observation window",
        format!("{} months", a.observation_months),
        format!("{} months", b.observation_months),
    );
    row("Deal deadline", deadline_text(old), deadline_text(new));
    let categories = |p: &crate::profile::Profile| {
        let list: Vec<&str> = p.soc2_categories.iter().map(|c| c.label()).collect();
        if list.is_empty() { "Security only".to_string() } else { format!("Security, {}", list.join(", ")) }
    };
    row("SOC 2 scope", categories(a), categories(b));
    row("Hosting and premises", a.physical.label().into(), b.physical.label().into());
    let region = |p: &crate::profile::Profile| p.headquarters.map_or("not recorded", |r| r.label()).to_string();
    row("Headquarters", region(a), region(b));
    row("Sector", a.sector.label().into(), b.sector.label().into());
    let buyers = |p: &crate::profile::Profile| {
        let m = &p.buyers;
        format!(
            "NA {}%, EU {}%, APAC {}%, MEA {}%, LatAm {}%",
            m.north_america, m.europe, m.apac, m.middle_east_africa, m.latin_america
        )
    };
    row("Buyer regions", buyers(a), buyers(b));
    let set = |items: Vec<&str>| if items.is_empty() { "none".to_string() } else { items.join(", ") };
    row(
        "Regulations",
        set(a.regulations.iter().map(|r| r.label()).collect()),
        set(b.regulations.iter().map(|r| r.label()).collect()),
    );
    row("NIS2 applies", a.nis2().label().into(), b.nis2().label().into());
    row(
        "Certifications held",
        set(a.certifications.iter().map(|c| c.label()).collect()),
        set(b.certifications.iter().map(|c| c.label()).collect()),
    );
    if rows.is_empty() && a != b {
        rows.push(["Other profile settings".into(), "as before".into(), "changed".into()]);
    }
    rows
}

/// `week 30 (SOC 2)` counted from the assessment's own date, or `none`.
fn deadline_text(data: &ReportData<'_>) -> String {
    match &data.assessment.profile.deadline {
        None => "none".into(),
        Some(d) => {
            let what = d.framework.map_or_else(String::new, |f| format!(" for {}", f.label()));
            format!("{} weeks left{what} on {}", d.weeks_left(&data.assessment.updated), md_inline(data.date()))
        }
    }
}

fn profile_changes(out: &mut String, old: &ReportData<'_>, new: &ReportData<'_>) {
    out.push_str(
        "## Profile changes

",
    );
    let rows = profile_rows(old, new);
    if rows.is_empty() {
        out.push_str("The business profile is unchanged: every move below comes from the answers.\n\n");
        return;
    }
    out.push_str(
        "These are changes of circumstance or of plan, not progress; the next table shows how much of the plan's \
         movement they explain.\n\n",
    );
    let mut table = MdTable::new(&["Setting", "Before", "After"]);
    for [what, before, after] in rows {
        table.row(vec![what, md_inline(&before), md_inline(&after)]);
    }
    out.push_str(&table.finish());
}

/// The plan under three states: before; the earlier answers under the later profile (what the
/// profile changes alone did); after.
fn plan_moved(out: &mut String, old: &ReportData<'_>, new: &ReportData<'_>) {
    let mut hybrid = old.assessment.clone();
    hybrid.profile = new.assessment.profile.clone();
    hybrid.updated = new.assessment.updated.clone();
    let analysis = crate::engine::analyze(new.catalog, new.questionnaire, &hybrid);
    let middle = ReportData { assessment: &hybrid, analysis: &analysis, ..*new };
    out.push_str(
        "## How the plan moved\n\n\"Profile changes alone\" applies the new profile to the earlier answers: the \
         difference from \"Before\" is what the profile changes did, the rest of the way to \"After\" is progress.\n\n",
    );
    let mut table = MdTable::new(&["", "Before", "Profile changes alone", "After"]);
    let states = [old, &middle, new];
    let cells = |f: &dyn Fn(&ReportData<'_>) -> String| -> Vec<String> { states.iter().map(|d| f(d)).collect() };
    let mut add = |label: String, values: Vec<String>| {
        table.row([vec![label], values].concat());
    };
    add("First framework".into(), cells(&|d| d.analysis.effort.first.label().into()));
    add("Person-days, first framework".into(), cells(&|d| range(d.analysis.effort.first_days)));
    add("Calendar weeks, first framework".into(), cells(&|d| range(d.analysis.effort.first_weeks)));
    add("Person-days, adding the second".into(), cells(&|d| range(d.analysis.effort.second_days)));
    for kind in [MilestoneKind::Type2Report, MilestoneKind::Certificate] {
        let week = |d: &ReportData<'_>| {
            d.analysis
                .roadmap
                .milestones
                .iter()
                .find(|m| m.kind == kind)
                .map_or("-".into(), |m| format!("week {}", number(m.week)))
        };
        let label = match kind {
            MilestoneKind::Type2Report => "SOC 2 Type II report",
            _ => "ISO 27001 certificate",
        };
        add(label.into(), cells(&week));
    }
    out.push_str(&table.finish());
}

/// Notes whose text changed and that the client may see now, as they read now.
fn notes_edited(out: &mut String, old: &ReportData<'_>, new: &ReportData<'_>) {
    let mut table = MdTable::new(&["Action", "Note now"]);
    for q in &new.questionnaire.questions {
        let before = old.answer(&q.id).map_or("", |a| a.note.trim());
        let after = new.answer(&q.id).map_or("", |a| a.note.trim());
        if before == after {
            continue;
        }
        match new.client_note(&q.id) {
            Some(note) => {
                table.row(vec![action_cell(q), md_inline(note)]);
            }
            // Cleared: say so only if the earlier note was one the client could see.
            None if after.is_empty() && old.client_note(&q.id).is_some() => {
                table.row(vec![action_cell(q), "(note removed)".into()]);
            }
            None => {}
        }
    }
    if !table.is_empty() {
        out.push_str("## Notes edited\n\n");
        out.push_str(&table.finish());
    }
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

fn answers_changed(out: &mut String, old: &ReportData<'_>, new: &ReportData<'_>) {
    out.push_str("## Answers changed\n\n");
    let mut table = MdTable::new(&["Action", "Before", "After"]);
    let mut cleared = 0;
    for q in &new.questionnaire.questions {
        let before = answer_label(old.answer(&q.id));
        let after = answer_label(new.answer(&q.id));
        if before != after {
            let unanswered = |a: Option<&crate::assessment::Answer>| {
                a.is_none_or(|a| a.state() == crate::assessment::AnswerState::Unanswered)
            };
            cleared += usize::from(!unanswered(old.answer(&q.id)) && unanswered(new.answer(&q.id)));
            table.row(vec![action_cell(q), md_inline(&before), md_inline(&after)]);
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
    gap_table(out, old, "Gaps closed", "None closed.", "Person-days it needed", &closed);
    gap_table(out, new, "Gaps opened", "None opened.", "Person-days", &opened);
}

/// `items` are gaps of `data`'s analysis.
fn gap_table(
    out: &mut String,
    data: &ReportData<'_>,
    heading: &str,
    none: &str,
    effort_header: &str,
    items: &[&WorkItem],
) {
    let _ = write!(out, "## {heading}\n\n");
    if items.is_empty() {
        let _ = write!(out, "{none}\n\n");
        return;
    }
    out.push_str(&work_items(data, items, effort_header));
}
