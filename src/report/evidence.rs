//! The evidence request list: what the auditor will ask to see, per owner, with the questions
//! and controls each item serves. The client's team works from it the day after the
//! workshop (`--format evidence` as markdown, `--format evidence-csv` for a tracker).
//!
//! Built from the questionnaire's evidence lists for every question that evidences an
//! in-scope requirement and was not answered not applicable. An item named by several
//! questions of the same owner is listed once.

use super::ReportData;
use super::escape::{csv_row, md_heading, md_inline};
use super::table::MdTable;
use crate::catalog::ReqIdx;
use crate::engine::readiness::Input;
use crate::framework::Framework;
use crate::questionnaire::Owner;
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub const CSV_HEADER: &str = "owner,evidence,questions,soc2,iso27001,seen";

/// Whether anyone has seen the evidence: the references the consultant recorded on the
/// answers to the item's questions (`evidence_seen`); otherwise it is self-reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    NotRecorded,
    /// `(question id, reference)` for each answer behind the item marked evidence seen.
    Recorded(Vec<(String, String)>),
}

impl Seen {
    pub fn label(&self) -> String {
        match self {
            Seen::NotRecorded => "not recorded".into(),
            Seen::Recorded(refs) => {
                let refs: Vec<String> = refs.iter().map(|(q, r)| format!("{q}: {r}")).collect();
                format!("seen ({})", refs.join("; "))
            }
        }
    }
}

/// One item to collect.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceRequest<'a> {
    pub owner: Owner,
    /// As the questionnaire names it ("Access review export with sign-off").
    pub item: &'a str,
    /// Question ids, in questionnaire order.
    pub questions: Vec<&'a str>,
    /// In-scope requirements the questions evidence, in catalog order.
    pub soc2: Vec<&'a str>,
    pub iso27001: Vec<&'a str>,
    pub seen: Seen,
}

/// Every evidence request, grouped by owner (in [`Owner::ALL`] order), items in the order
/// the questionnaire first names them.
pub fn requests<'a>(data: &ReportData<'a>) -> Vec<EvidenceRequest<'a>> {
    let readiness = &data.analysis.readiness;
    let mut by_owner: BTreeMap<Owner, Vec<(EvidenceRequest<'a>, Vec<ReqIdx>)>> = BTreeMap::new();
    for (qi, q) in data.questionnaire.questions.iter().enumerate() {
        if readiness.inputs[qi] == Input::NotApplicable {
            continue;
        }
        let reqs: Vec<ReqIdx> =
            q.references.iter().map(|r| r.req).filter(|&r| readiness.requirements[r].in_scope).collect();
        if reqs.is_empty() {
            continue;
        }
        let list = by_owner.entry(q.owner).or_default();
        for item in q.evidence.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
            let at = match list.iter().position(|(r, _)| r.item.eq_ignore_ascii_case(item)) {
                Some(at) => at,
                None => {
                    let request = EvidenceRequest {
                        owner: q.owner,
                        item,
                        questions: Vec::new(),
                        soc2: Vec::new(),
                        iso27001: Vec::new(),
                        seen: Seen::NotRecorded,
                    };
                    list.push((request, Vec::new()));
                    list.len() - 1
                }
            };
            let (request, all) = &mut list[at];
            if !request.questions.contains(&q.id.as_str()) {
                request.questions.push(&q.id);
                let seen =
                    data.answer(&q.id).filter(|a| a.level_value().is_some()).and_then(|a| a.evidence_seen.as_deref());
                if let Some(reference) = seen {
                    let entry = (q.id.clone(), reference.trim().to_string());
                    match &mut request.seen {
                        Seen::Recorded(refs) => refs.push(entry),
                        Seen::NotRecorded => request.seen = Seen::Recorded(vec![entry]),
                    }
                }
            }
            all.extend(&reqs);
        }
    }
    let catalog = data.catalog;
    by_owner
        .into_values()
        .flatten()
        .map(|(mut request, mut reqs)| {
            reqs.sort_unstable();
            reqs.dedup();
            for r in reqs {
                let requirement = catalog.get(r);
                match requirement.framework {
                    Framework::Soc2 => request.soc2.push(&requirement.id),
                    Framework::Iso27001 => request.iso27001.push(&requirement.id),
                }
            }
            request
        })
        .collect()
}

/// The markdown section body (no title), one table per owner under `heading` level
/// headings: used on its own and as the roadmap's appendix.
pub fn markdown_section(data: &ReportData<'_>, heading: &str) -> String {
    let mut out = String::new();
    let all = requests(data);
    if all.is_empty() {
        out.push_str("Nothing to collect: no question evidences a requirement in scope.\n\n");
        return out;
    }
    for owner in Owner::ALL {
        let mine: Vec<&EvidenceRequest<'_>> = all.iter().filter(|r| r.owner == owner).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = write!(out, "{heading} {} ({} items)\n\n", owner.label(), mine.len());
        let mut table = MdTable::new(&["Evidence", "Questions", "SOC 2 criteria", "ISO 27001", "Seen"]);
        for r in mine {
            table.row(vec![
                md_inline(r.item),
                md_inline(&r.questions.join(", ")),
                list_cell(&r.soc2),
                list_cell(&r.iso27001),
                md_inline(&r.seen.label()),
            ]);
        }
        out.push_str(&table.finish());
    }
    out
}

fn list_cell(ids: &[&str]) -> String {
    if ids.is_empty() { "-".into() } else { md_inline(&ids.join(", ")) }
}

/// `--format evidence`: the list as a document of its own.
pub fn render_markdown(data: &ReportData<'_>) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "# Evidence requests: {}\n\nWhat the auditor will ask to see, by the team that holds it, as of {}. Each item \
         names the questions it answers and the SOC 2 criteria and ISO 27001 clauses and controls it supports. \
         \"Seen\" says whether the consultant has inspected it; everything else is as reported in the workshop.\n\n",
        md_heading(&data.assessment.client, 120),
        md_inline(data.date()),
    );
    out.push_str(&markdown_section(data, "##"));
    out
}

/// `--format evidence-csv`: one row per item, for a tracker.
pub fn render_csv(data: &ReportData<'_>) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for r in requests(data) {
        out.push_str(&csv_row(&[
            r.owner.label(),
            r.item,
            &r.questions.join("; "),
            &r.soc2.join("; "),
            &r.iso27001.join("; "),
            &r.seen.label(),
        ]));
        out.push('\n');
    }
    out
}
