//! `crosswalk mapping`: where every score comes from, one row per (question, reference).

use super::escape::{csv_row, md_inline};
use crate::catalog::Catalog;
use crate::questionnaire::Questionnaire;
use std::fmt::Write as _;

pub const CSV_HEADER: &str = "question_id,domain,framework,ref,weight,core,action";

/// One line per (question, framework, reference, weight), in questionnaire order.
pub fn mapping_csv(questionnaire: &Questionnaire, catalog: &Catalog) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for q in &questionnaire.questions {
        let domain = &questionnaire.domains[q.domain].id;
        for r in &q.references {
            let weight = format_weight(r.weight);
            let core = if q.core { "true" } else { "false" };
            let row =
                csv_row(&[q.id.as_str(), domain, r.framework.key(), &catalog.get(r.req).id, &weight, core, &q.action]);
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

/// The same mapping as readable tables, one section per domain.
pub fn mapping_markdown(questionnaire: &Questionnaire, catalog: &Catalog) -> String {
    let mut out = String::from("# Question to framework mapping\n\n");
    out.push_str("Each answer feeds the SOC 2 criteria and ISO/IEC 27001:2022 clauses and controls below, ");
    out.push_str("with its weight (1.0 = evidences the requirement on its own, 0.5 = a substantial part).\n");
    for domain in &questionnaire.domains {
        let _ = write!(out, "\n## {} (overlap {})\n\n", md_inline(&domain.title), overlap_label(domain));
        out.push_str("| Question | Core | SOC 2 | ISO 27001 |\n|---|---|---|---|\n");
        for &qi in &domain.questions {
            let q = &questionnaire.questions[qi];
            let refs = |fw| {
                let list: Vec<String> = q
                    .references_of(fw)
                    .map(|r| format!("{} ({})", catalog.get(r.req).id, format_weight(r.weight)))
                    .collect();
                if list.is_empty() { "-".to_string() } else { md_inline(&list.join(", ")) }
            };
            let _ = writeln!(
                out,
                "| {} {} | {} | {} | {} |",
                md_inline(&q.id),
                md_inline(&q.text),
                if q.core { "core" } else { "deep-dive" },
                refs(crate::Framework::Soc2),
                refs(crate::Framework::Iso27001),
            );
        }
    }
    out
}

/// The overlap figure as shown beside a domain: an estimate says so, with its basis.
pub fn overlap_label(domain: &crate::questionnaire::Domain) -> String {
    let percent = format!("{:.0}%", domain.overlap * 100.0);
    match &domain.overlap_estimate {
        Some(basis) => format!("{percent}, estimate: {}", md_inline(basis)),
        None => percent,
    }
}

/// Weights print without trailing zeros: `1`, `0.5`, `0.25`.
pub fn format_weight(weight: f64) -> String {
    let s = format!("{weight:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
