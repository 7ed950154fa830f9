//! `--format csv`: the gap list a GRC tool or tracker imports, one row per gap, most
//! important first (the same order as the markdown roadmap).
//!
//! Columns are a contract (listed in the README): add at the end, never rename. Columns whose data the plan does not give yet stay empty rather than
//! carrying something else under their name.

use super::ReportData;
use super::escape::csv_row;
use super::figures::number;
use crate::engine::readiness::Input;
use crate::engine::roadmap::WorkItem;

pub const CSV_HEADER: &str = "id,action,domain,owner,workstream,start_week,end_week,due_date,effort_low_days,\
                              effort_high_days,soc2,iso27001,status,note";

/// Where a gap stands: `gap` (answered below implemented), `to_confirm` (unknown or asked
/// later), `not_assessed` (no answer yet).
pub fn gap_status(data: &ReportData<'_>, item: &WorkItem) -> &'static str {
    let to_confirm = data.answer(&item.id).is_some_and(|a| a.is_follow_up());
    match data.analysis.readiness.inputs[item.question] {
        _ if to_confirm => "to_confirm",
        Input::Unanswered => "not_assessed",
        _ => "gap",
    }
}

pub fn render(data: &ReportData<'_>) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for item in &data.analysis.roadmap.gaps {
        let weeks = data.item_weeks(item);
        let week = |w: Option<u32>| w.map(|w| w.to_string()).unwrap_or_default();
        let planned = data.plan_item(item);
        // Due on the last working day of the week the item ends in (week 1 is the start date
        // to six days later), so a GRC tool never flags it overdue inside its own week.
        let due = data
            .planned_end_week(item)
            .and_then(|w| crate::clock::last_working_day_of_week(&data.analysis.roadmap.start, w))
            .unwrap_or_default();
        let days = data.planned_days(item);
        out.push_str(&csv_row(&[
            item.id.as_str(),
            &data.question(item.question).action,
            &item.domain,
            item.owner.label(),
            planned.map_or("", |p| p.owner.key()),
            &week(weeks.map(|w| w.0)),
            &week(weeks.map(|w| w.1)),
            &due,
            &number(days.low),
            &number(days.high),
            &item.soc2.join("; "),
            &item.iso27001.join("; "),
            gap_status(data, item),
            data.client_note(&item.id).unwrap_or_default(),
        ]));
        out.push('\n');
    }
    out
}
