//! `--format csv`: the gap list for spreadsheets and trackers, one row per gap, most
//! important first (the same order as the markdown roadmap).

use super::ReportData;
use super::escape::csv_row;
use super::figures::{answer_key, number};

pub const CSV_HEADER: &str =
    "id,domain,question,answer,owner,phase,effort_low_days,effort_high_days,importance,soc2,iso27001";

pub fn render(data: &ReportData<'_>) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for item in &data.analysis.roadmap.gaps {
        let answer = answer_key(data.answer(&item.id));
        out.push_str(&csv_row(&[
            item.id.as_str(),
            &item.domain,
            &item.title,
            &answer,
            item.owner.label(),
            item.phase.label(),
            &number(item.days.low),
            &number(item.days.high),
            &number(item.importance),
            &item.soc2.join("; "),
            &item.iso27001.join("; "),
        ]));
        out.push('\n');
    }
    out
}
