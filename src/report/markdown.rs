//! The client-ready roadmap in GitHub-flavoured markdown: what the consultant sends after the
//! workshop, as it is. A main body a client reads in about ten pages (the decision and what
//! would change it, readiness, the plan by owner with each gap's note beside it, milestones
//! and deadlines, costs, the basis of preparation), then appendices: the draft Statement of
//! Applicability, SOC 2 criteria coverage, the evidence requests, the schedule by phase and
//! the answers. Every table names a gap by its action; question text appears only in the
//! answers appendix.
//!
//! Every piece of text that came from a person (client, consultant, notes, justifications) or
//! from a questionnaire file goes through [`md_inline`] (or [`md_heading`] for the title), so whatever was typed
//! the tables keep their shape and nothing renders as HTML. Consultant-only notes are never
//! read: notes come only through [`ReportData::client_note`].

use super::ReportData;
use super::charts;
use super::escape::{md_heading, md_inline};
use super::figures::{answer_label, percent, points, range};
use super::soa::{self, SoaRow};
use super::table::{MdTable, action_cell, question_cell, work_items};
use super::{plan_text, words};
use crate::assessment::{Answer, AnswerState, LEVEL_LABELS};
use crate::catalog::Category;
use crate::engine::Target;
use crate::engine::readiness::{Contribution, DomainScore, Figure, Input};
use crate::engine::roadmap::{PlanKind, WorkItem};
use crate::engine::scoping;
use crate::framework::Framework;
use crate::questionnaire::Question;
use std::fmt::Write as _;

/// Longest client name in the title; the full name is in the header list below it.
const TITLE_CHARS: usize = 120;

pub fn render(data: &ReportData<'_>) -> String {
    let mut out = String::with_capacity(96 * 1024);
    title_block(&mut out, data);
    executive_summary(&mut out, data);
    recommendation(&mut out, data);
    domain_readiness(&mut out, data);
    iso_clauses(&mut out, data);
    plan_by_owner(&mut out, data);
    super::plan_md::milestones_and_deadlines(&mut out, data);
    super::plan_md::costs_section(&mut out, data);
    follow_ups_summary(&mut out, data);
    basis_of_preparation(&mut out, data);
    // Appendices: everything after this heading is reference material.
    statement_of_applicability(&mut out, data);
    soc2_coverage(&mut out, data);
    evidence_requests(&mut out, data);
    schedule(&mut out, data);
    appendix(&mut out, data);
    follow_ups(&mut out, data);
    out
}

fn title_block(out: &mut String, data: &ReportData<'_>) {
    let a = data.assessment;
    let consultant = if a.consultant.trim().is_empty() { "not recorded".to_string() } else { md_inline(&a.consultant) };
    let _ = write!(
        out,
        "# Security compliance roadmap: {}\n\n\
         - **Client:** {}\n\
         - **Date:** {}\n\
         - **Consultant:** {}\n\
         - **SOC 2 scope:** {}\n\
         - **ISO 27001 scope:** {}\n\n",
        md_heading(&a.client, TITLE_CHARS),
        md_inline(&a.client),
        md_inline(data.date()),
        consultant,
        soc2_scope(data),
        iso_scope(data),
    );
}

fn soc2_scope(data: &ReportData<'_>) -> String {
    let profile = &data.assessment.profile;
    let (inside, outside): (Vec<Category>, Vec<Category>) =
        std::iter::once(Category::Security).chain(Category::OPTIONAL_SOC2).partition(|&c| profile.soc2_in_scope(c));
    let mut text = format!("{} criteria", labels(&inside));
    if !outside.is_empty() {
        let _ = write!(text, " ({} not in scope)", labels(&outside));
    }
    text
}

fn labels(categories: &[Category]) -> String {
    categories.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")
}

fn iso_scope(data: &ReportData<'_>) -> String {
    let profile = &data.assessment.profile;
    let (applicable, total) = annex_a_applicability(data);
    format!(
        "ISMS for an organisation of {} people; hosting and premises: {}; {applicable} of {total} Annex A controls applicable \
         (see the Statement of Applicability)",
        profile.headcount,
        profile.physical.label(),
    )
}

/// (applicable, total) Annex A controls.
fn annex_a_applicability(data: &ReportData<'_>) -> (usize, usize) {
    let rows = soa::rows(data);
    (rows.iter().filter(|r| r.applicable).count(), rows.len())
}

/// "Not audit-ready" while a certification blocker is open, with the blockers listed: gaps
/// that stop an audit whatever the percentages say.
fn certification_blockers(out: &mut String, data: &ReportData<'_>) {
    let blockers = &data.analysis.blockers;
    for framework in Framework::ALL {
        if data.assessment.profile.holds(framework) {
            continue;
        }
        let open: Vec<_> = crate::engine::blockers::open(blockers, framework).collect();
        if open.is_empty() {
            let _ = write!(out, "**{}:** no certification blocker open.\n\n", framework.label());
            continue;
        }
        let _ = write!(
            out,
            "**{}: {}.** {} certification blocker{} open; each stops the audit whatever the percentages say:\n\n",
            framework.label(),
            words::NOT_AUDIT_READY,
            open.len(),
            if open.len() == 1 { "" } else { "s" },
        );
        for b in open {
            let questions: Vec<String> = b.questions.iter().map(|&qi| data.question(qi).id.clone()).collect();
            // Plain words first; the clause and the questions, for whoever follows it up, last.
            let clause =
                if framework == Framework::Iso27001 { format!("clause {}; ", b.reference) } else { String::new() };
            let _ = writeln!(
                out,
                "- {}: blocks {}; {} ({clause}{})",
                words::blocker_title(b.topic),
                words::stages(b),
                b.readiness.map_or_else(|| "not assessed".to_string(), |r| format!("{} ready", percent(r))),
                if questions.is_empty() { "no question loaded".to_string() } else { id_list(&questions) },
            );
        }
        out.push('\n');
    }
}

/// A requirement's readiness cell: "not assessed", or the figure with a mark when only
/// partial links stand behind it.
fn readiness_cell(score: &crate::engine::readiness::RequirementScore) -> String {
    match score.readiness {
        None => "not assessed".into(),
        Some(r) if score.insufficient_evidence => format!("{} (insufficient evidence)", percent(r)),
        Some(r) => percent(r),
    }
}

// ---------------------------------------------------------------------------------------
// Executive summary and recommendation
// ---------------------------------------------------------------------------------------

fn executive_summary(out: &mut String, data: &ReportData<'_>) {
    let rec = &data.analysis.recommendation;
    let _ = write!(
        out,
        "## Executive summary\n\n**Recommendation:** {} Confidence: {}.\n\n",
        md_inline(&words::summary(data.analysis)),
        rec.confidence.key(),
    );
    out.push_str(&readiness_table(data));
    certification_blockers(out, data);
    out.push_str(
        "Readiness is how close the answered controls are to implemented with evidence; coverage is how much of \
         the figure rests on answers (questions not yet asked can still move it).\n\n",
    );
    effort_lines(out, data);
}

fn readiness_table(data: &ReportData<'_>) -> String {
    let readiness = &data.analysis.readiness;
    let [soc2, iso] = [Framework::Soc2, Framework::Iso27001].map(|fw| readiness.framework(fw));
    let mut table = MdTable::new(&["", "SOC 2", "ISO 27001"]);
    table.row(vec!["Readiness".into(), percent(soc2.figure.readiness), percent(iso.figure.readiness)]);
    table.row(vec!["Coverage".into(), percent(soc2.figure.coverage), percent(iso.figure.coverage)]);
    let answered =
        |s: &crate::engine::readiness::FrameworkScore| format!("{} of {}", s.answered_requirements, s.requirements);
    table.row(vec!["Requirements with answers".into(), answered(soc2), answered(iso)]);
    // The headline never reads as audit-ready while a certification blocker is open.
    let audit_ready = |fw: Framework| match crate::engine::blockers::open(&data.analysis.blockers, fw).count() {
        _ if data.assessment.profile.holds(fw) => "held".to_string(),
        0 => "yes".to_string(),
        1 => format!("{}: 1 blocker open", words::NOT_AUDIT_READY),
        n => format!("{}: {n} blockers open", words::NOT_AUDIT_READY),
    };
    table.row(vec!["Audit-ready".into(), audit_ready(Framework::Soc2), audit_ready(Framework::Iso27001)]);
    table.finish()
}

fn effort_lines(out: &mut String, data: &ReportData<'_>) {
    let effort = &data.analysis.effort;
    if effort.second_held {
        let _ = writeln!(
            out,
            "- **{} is already held:** keep it current (surveillance audits or the yearly report); nothing to add.",
            effort.second.label(),
        );
    }
    super::plan_md::summary(out, data);
}

fn recommendation(out: &mut String, data: &ReportData<'_>) {
    let rec = &data.analysis.recommendation;
    let order: Vec<&str> = rec.order.iter().map(|t| t.label()).collect();
    let heading = if rec.first == Target::from(rec.framework_first) {
        format!("Why {} first", rec.first.label())
    } else {
        format!("Why {} first, then {}", rec.first.label(), rec.framework_first.label())
    };
    let _ = write!(
        out,
        "## {heading}\n\nOrder: {}. The factors below decide between SOC 2 and ISO 27001; a regulated framework \
         comes first when the data the client handles demands it. Score {} (positive points favour ISO 27001, \
         negative favour SOC 2); confidence {}.{}\n\n",
        order.join(" → "),
        points(rec.score),
        rec.confidence.key(),
        if rec.both { " Buyers on both sides ask for both: plan them back to back." } else { "" },
    );
    if let Some(sentence) = combined_comparison(data) {
        // The same paragraph: the comparison belongs with the order it questions.
        out.truncate(out.trim_end().len());
        let _ = write!(out, " {}\n\n", md_inline(&sentence));
    }
    if rec.factors.is_empty() {
        out.push_str("No factor points either way yet: complete the business profile.\n\n");
    } else {
        let mut table = MdTable::new(&["Factor", "Points", "Favours", "Why"]);
        for f in &rec.factors {
            let favours = f.favours().map_or("Neither", Framework::label);
            table.row(vec![
                md_inline(&words::factor_name(f)),
                points(f.points),
                favours.into(),
                md_inline(&words::factor_detail(f)),
            ]);
        }
        out.push_str(&table.finish());
    }
    out.push_str("### What would change it\n\n");
    if rec.flips.is_empty() {
        out.push_str("No single change of the business profile that we tested would change the order.\n\n");
    } else {
        for flip in &rec.flips {
            let _ = writeln!(
                out,
                "- If {}: {}.",
                md_inline(&words::flip_change(&flip.change)),
                md_inline(&words::flip_result(flip))
            );
        }
        out.push('\n');
    }
}

/// The plan set out against the other way of running both, when buyers on both sides ask and
/// a combined programme was planned: the sequential order against the combined programme, or
/// a combined programme that leads against the sequential order; the deal's framework first.
fn combined_comparison(data: &ReportData<'_>) -> Option<String> {
    let roadmap = &data.analysis.roadmap;
    let rec = &data.analysis.recommendation;
    let plan = roadmap.plan();
    let other = match plan.kind {
        PlanKind::Combined => roadmap.plans.iter().find(|p| p.kind == PlanKind::Sequential && p.first == plan.first),
        PlanKind::Sequential => roadmap.plans.iter().find(|p| p.kind == PlanKind::Combined),
    }?;
    let deal = data.assessment.profile.deal_deadline().and_then(|d| d.framework).unwrap_or(rec.framework_first);
    let sentence =
        (rec.both).then(|| plan_text::against_other(roadmap, plan, other, [deal, deal.other()])).flatten()?;
    // What the plan set out gives up: the deal's framework sooner in another plan beside it.
    let answer = crate::engine::deadlines::answer(deal);
    let week = |p: &crate::engine::roadmap::Plan| p.milestone(deal, answer).map(|m| m.week);
    let sooner = roadmap.plans.iter().filter(|p| week(p) < week(plan) && week(p).is_some()).min_by_key(|p| week(p));
    Some(match sooner.and_then(|p| plan_text::gives_up(roadmap, plan, p, deal)) {
        Some(cost) => format!("{sentence} {cost}"),
        None => sentence,
    })
}

// ---------------------------------------------------------------------------------------
// Readiness and gaps
// ---------------------------------------------------------------------------------------

fn domain_readiness(out: &mut String, data: &ReportData<'_>) {
    out.push_str(
        "## Readiness by domain\n\nOverlap is the share of a domain's work that carries from one framework to \
         the other: high-overlap domains are done once for both.\n\n",
    );
    let _ = write!(out, "![Readiness by domain for SOC 2 and ISO 27001]({})\n\n", charts::READINESS_FILE);
    let mut table = MdTable::new(&[
        "Domain",
        "Overlap",
        "SOC 2",
        "SOC 2 coverage",
        "ISO 27001",
        "ISO 27001 coverage",
        "Questions answered",
    ]);
    for score in &data.analysis.readiness.domains {
        let domain = &data.questionnaire.domains[score.domain];
        let [soc2, soc2_cov] = domain_cells(score, Framework::Soc2);
        let [iso, iso_cov] = domain_cells(score, Framework::Iso27001);
        table.row(vec![
            md_inline(&domain.title),
            match domain.overlap_estimate {
                Some(_) => format!("{} (estimate)", percent(score.overlap * 100.0)),
                None => percent(score.overlap * 100.0),
            },
            soc2,
            soc2_cov,
            iso,
            iso_cov,
            format!("{} of {}", score.answered, score.questions),
        ]);
    }
    out.push_str(&table.finish());
    let estimates: Vec<String> = data
        .questionnaire
        .domains
        .iter()
        .filter_map(|d| {
            d.overlap_estimate.as_ref().map(|basis| format!("- {}: {}", md_inline(&d.title), md_inline(basis)))
        })
        .collect();
    if !estimates.is_empty() {
        out.push_str("Overlap estimates (the published overlap table gives no figure for these domains):\n\n");
        out.push_str(&estimates.join("\n"));
        out.push_str("\n\n");
    }
}

/// ISO 27001 clauses 4-10: the management system an auditor checks before any control.
fn iso_clauses(out: &mut String, data: &ReportData<'_>) {
    out.push_str(
        "### ISO 27001 clauses 4 to 10\n\nThe management system itself: every clause is required and none can be \
         excluded. A figure resting only on partial links (weight below 0.5) is weighted down by the evidence \
         behind it and marked \"insufficient evidence\".\n\n",
    );
    let requirements = &data.analysis.readiness.requirements;
    let mut table = MdTable::new(&["Clause", "Title", "Readiness", "Coverage"]);
    for (idx, clause) in data.catalog.clauses() {
        let score = &requirements[idx];
        table.row(vec![
            md_inline(&clause.id),
            md_inline(&clause.title),
            readiness_cell(score),
            percent(score.coverage),
        ]);
    }
    out.push_str(&table.finish());
}

/// Readiness and coverage cells: `n/a (not in scope)` when the domain does not feed the
/// framework in scope,
/// `not assessed` until something in it is answered.
fn domain_cells(score: &DomainScore, framework: Framework) -> [String; 2] {
    let i = framework.index();
    let Figure { readiness, coverage } = score.figures[i];
    if !score.relevant[i] {
        [words::NOT_IN_SCOPE.into(), words::NOT_IN_SCOPE.into()]
    } else if coverage == 0.0 {
        ["not assessed".into(), percent(0.0)]
    } else {
        [percent(readiness), percent(coverage)]
    }
}

/// The plan: for each owner, the gaps found in the workshop, most important first, with the
/// weeks they fall in and the client-visible note beside each.
fn plan_by_owner(out: &mut String, data: &ReportData<'_>) {
    let roadmap = &data.analysis.roadmap;
    let _ = write!(
        out,
        "## The plan\n\nWork for each owner, most important first (ranked by how much closing each gap moves \
         readiness, the recommended first framework counted double). Weeks count from the programme start ({}); \
         the owners' workstreams run in parallel at the capacities in Appendix D; person-days are to reach \
         \"implemented\". Questions not yet answered are listed in Appendix D.\n\n",
        data.analysis.roadmap.start,
    );
    let _ = write!(out, "![Plan timeline with workstreams, milestones and deadlines]({})\n\n", charts::TIMELINE_FILE);
    let inputs = &data.analysis.readiness.inputs;
    // The answered gaps, and every question that closes an open certification blocker: the
    // summary names those, so the plan shows them with their weeks even before they are asked.
    let blocking: Vec<usize> =
        data.analysis.blockers.iter().filter(|b| b.open).flat_map(|b| b.questions.iter().copied()).collect();
    let listed: Vec<&WorkItem> = roadmap
        .gaps
        .iter()
        .filter(|item| inputs[item.question] != Input::Unanswered || blocking.contains(&item.question))
        .collect();
    if listed.is_empty() {
        out.push_str("No gaps among the answered questions.\n\n");
        return;
    }
    for load in &roadmap.owners {
        let mine: Vec<&&WorkItem> = listed.iter().filter(|g| g.owner == load.owner).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = write!(out, "### {}\n\n", owner_heading(data, load.owner, &mine));
        let mut table = MdTable::new(&["Action", "Domain", "Answer", "Weeks", "Person-days", "Note"]);
        for item in mine {
            table.row(vec![
                action_cell(data.question(item.question)),
                md_inline(&item.domain),
                answer_label(data.answer(&item.id)),
                // A gap no plan item carries serves nothing in scope (an optional SOC 2
                // category not chosen) or a framework already held: said, not left blank.
                data.item_weeks(item).map_or_else(|| "not in the plan".into(), |(a, b)| week_range(a, b)),
                range(data.planned_days(item)),
                note_cell(data, item),
            ]);
        }
        out.push_str(&table.finish());
    }
}

/// An owner's heading: the whole workstream as scheduled (Appendix D's figures), and how much
/// of it the table below lists.
fn owner_heading(data: &ReportData<'_>, owner: crate::questionnaire::Owner, listed: &[&&WorkItem]) -> String {
    let plan = data.analysis.roadmap.plan();
    let Some(stream) = plan.workstreams.iter().find(|w| w.owner == owner) else {
        return format!("{}: {} gaps, none in the plan", owner.label(), listed.len());
    };
    let shown = |q: Option<usize>| q.is_some_and(|q| listed.iter().any(|g| g.question == q));
    let more: Vec<_> = stream.items.iter().filter(|i| !shown(i.question)).collect();
    let more_days = more.iter().fold(crate::engine::Range::default(), |sum, i| sum + i.days);
    // Who does it and at what capacity: the board's question, beside the work.
    let capacity = data.analysis.roadmap.capacities.iter().find(|c| c.owner == owner);
    let lead = capacity.and_then(|c| c.lead.as_deref()).map_or_else(|| "to name".to_string(), md_inline);
    let source = capacity.map_or_else(String::new, super::plan_md::capacity_source);
    let mut heading = format!(
        "{}, {} FTE ({source}), lead {lead}: {} person-days scheduled: {} gaps below",
        owner.label(),
        super::figures::number(stream.capacity_fte),
        range(stream.days),
        listed.len()
    );
    if !more.is_empty() {
        let items = if more.len() == 1 { "item" } else { "items" };
        let _ = write!(heading, ", {} more {items} ({} person-days) in Appendix D", more.len(), range(more_days));
    }
    heading
}

/// The plan row's note: whether the work waits on a regulation applying, then the note the
/// client may see.
fn note_cell(data: &ReportData<'_>, item: &WorkItem) -> String {
    let only_if =
        data.conditional_on(item.question).map(|r| format!("{}.", words::capitalised(&plan_text::only_if(r))));
    let note = data.client_note(&item.id).map(md_inline);
    [only_if.map(|s| md_inline(&s)), note].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// `3–7`, or `5` for a single week.
fn week_range(first: u32, last: u32) -> String {
    if first == last { first.to_string() } else { format!("{first}–{last}") }
}

fn id_list(ids: &[String]) -> String {
    if ids.is_empty() { "-".into() } else { md_inline(&ids.join(", ")) }
}

// ---------------------------------------------------------------------------------------
// Roadmap and people
// ---------------------------------------------------------------------------------------

/// How the figures were made, so no reader mistakes the roadmap for an audit opinion.
fn basis_of_preparation(out: &mut String, data: &ReportData<'_>) {
    let levels = || data.assessment.answers.values().filter(|a| matches!(a.state(), AnswerState::Level(_)));
    let (answered, evidence_seen) = (levels().count(), levels().filter(|a| a.evidence_seen.is_some()).count());
    let consultant = if data.assessment.consultant.trim().is_empty() {
        "the consultant".to_string()
    } else {
        md_inline(&data.assessment.consultant)
    };
    let _ = write!(
        out,
        "## Basis of preparation\n\nPrepared by {consultant} from management's answers in a workshop on {}. Answers are \
         as reported: evidence was not inspected unless the evidence requests say it was seen. Readiness figures, \
         effort and dates are estimates for planning. This roadmap is advisory: it is not an attestation, a \
         certification audit or an audit opinion. {}\n\n",
        md_inline(data.date()),
        words::evidence_count(evidence_seen, answered),
    );
}

fn evidence_requests(out: &mut String, data: &ReportData<'_>) {
    out.push_str(
        "## Appendix C: Evidence requests\n\nWhat the auditor will ask to see, by the team that holds it, with the \
         questions each item answers and the criteria and controls it supports.\n\n",
    );
    out.push_str(&super::evidence::markdown_section(data, "###"));
}

/// The schedule by workstream and the questions not yet answered.
fn schedule(out: &mut String, data: &ReportData<'_>) {
    let roadmap = &data.analysis.roadmap;
    super::plan_md::schedule(out, data);
    let inputs = &data.analysis.readiness.inputs;
    let unasked: Vec<&WorkItem> =
        roadmap.gaps.iter().filter(|item| inputs[item.question] == Input::Unanswered).collect();
    if !unasked.is_empty() {
        out.push_str(
            "### Not yet assessed\n\nThese questions have no answer yet. Their effort is a range: the low end assumes \
             the domain's average, the high end that nothing is in place.\n\n",
        );
        out.push_str(&work_items(data, &unasked, "Person-days"));
    }
}

// ---------------------------------------------------------------------------------------
// Statement of Applicability and SOC 2 coverage
// ---------------------------------------------------------------------------------------

fn statement_of_applicability(out: &mut String, data: &ReportData<'_>) {
    let rows = soa::rows(data);
    let excluded = rows.iter().filter(|r| !r.applicable).count();
    let _ = write!(
        out,
        "## Appendix A: Draft Statement of Applicability (ISO 27001 Annex A)\n\n{} of {} controls applicable, \
         {excluded} excluded. Exclusions carry the justification given in the workshop; proposed ones say \
         \"confirm\". Inclusion reasons are prefilled from the profile where it can tell, otherwise the risk \
         treatment plan decides. Status says how far a control is implemented and on what basis: self-reported in \
         the workshop, or evidence the consultant saw. \"Implemented\" needs every question that evidences the \
         control in full answered at level 3 or more, with no work left in the plan; a control that no answered \
         question evidences in full reads \"Not assessed\". No status here claims operation over a period, which \
         only an audit can show.\n\n",
        rows.len() - excluded,
        rows.len(),
    );
    if let Some(blocker) = soa::awaiting_risk_treatment(data) {
        let questions: Vec<String> = blocker.questions.iter().map(|&qi| data.question(qi).id.clone()).collect();
        let _ = write!(
            out,
            "**Draft, not for approval:** the risk treatment plan and the risk owners' approval of it ({}; {}) are \
             not done yet, and until they are the inclusion reasons and statuses here are provisional.\n\n",
            blocker.reference,
            questions.join(", "),
        );
    }
    let mut table =
        MdTable::new(&["Control", "Title", "Applicable", "Why", "Status", "Basis", "Owner", "Evidence from"]);
    for row in &rows {
        table.row(soa_cells(row));
    }
    out.push_str(&table.finish());
}

fn soa_cells(row: &SoaRow<'_>) -> Vec<String> {
    let why = match (&row.exclusion, &row.proposed_exclusion) {
        (Some(exclusion), _) => md_inline(&exclusion.text()),
        (None, Some(proposed)) => md_inline(&format!("{}; {}", soa::inclusion_text(row), proposed.text())),
        (None, None) => md_inline(&soa::inclusion_text(row)),
    };
    let evidence: Vec<String> = row.evidence.iter().map(|s| s.id.to_string()).collect();
    vec![
        md_inline(row.control),
        md_inline(row.title),
        if row.applicable { "Yes" } else { "No" }.into(),
        why,
        row.status.map_or("-", soa::Status::label).into(),
        row.basis.map_or("-", soa::Basis::label).into(),
        row.owner.map_or("-", |o| o.label()).into(),
        id_list(&evidence),
    ]
}

fn soc2_coverage(out: &mut String, data: &ReportData<'_>) {
    let _ = write!(out, "## Appendix B: SOC 2 criteria coverage\n\nIn scope: {}.\n\n", soc2_scope(data));
    let requirements = &data.analysis.readiness.requirements;
    let mut table = MdTable::new(&["Criterion", "Category", "Title", "Readiness", "Coverage", "Evidenced by"]);
    for (idx, criterion) in data.catalog.of(Framework::Soc2) {
        let score = &requirements[idx];
        if !score.in_scope {
            continue;
        }
        table.row(vec![
            md_inline(&criterion.id),
            criterion.category.label().into(),
            md_inline(&criterion.title),
            readiness_cell(score),
            percent(score.coverage),
            id_list(&evidencing_ids(data, &score.contributions)),
        ]);
    }
    out.push_str(&table.finish());
}

/// Question ids behind a requirement, strongest evidence first (n/a answers left out).
fn evidencing_ids(data: &ReportData<'_>, contributions: &[Contribution]) -> Vec<String> {
    let mut sorted: Vec<&Contribution> = contributions.iter().filter(|c| c.input != Input::NotApplicable).collect();
    sorted.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    sorted.iter().map(|c| data.question(c.question).id.clone()).collect()
}

// ---------------------------------------------------------------------------------------
// Follow-ups and appendix
// ---------------------------------------------------------------------------------------

/// What to confirm, counted by owner in the main body; the list is Appendix F.
fn follow_ups_summary(out: &mut String, data: &ReportData<'_>) {
    out.push_str("## Follow-ups\n\n");
    let unsettled = unsettled_flips(data);
    if data.analysis.follow_ups.is_empty() {
        let _ = write!(out, "{}\n\n", if unsettled.is_empty() { "None." } else { unsettled.trim_start() });
        return;
    }
    let mut by_owner: Vec<(crate::questionnaire::Owner, usize)> = Vec::new();
    for &qi in &data.analysis.follow_ups {
        let owner = data.question(qi).owner;
        match by_owner.iter_mut().find(|(o, _)| *o == owner) {
            Some((_, n)) => *n += 1,
            None => by_owner.push((owner, 1)),
        }
    }
    by_owner.sort();
    let counts: Vec<String> = by_owner.iter().map(|(o, n)| format!("{} {n}", o.label())).collect();
    let _ = write!(
        out,
        "{} answers to confirm before the next session ({}), listed in Appendix F.{unsettled}\n\n",
        data.analysis.follow_ups.len(),
        counts.join(", ")
    );
}

/// A "what would change it" the profile cannot settle yet (whether NIS2 applies is not known)
/// is a follow-up of its own, with the owner who finds out; empty when there is none.
fn unsettled_flips(data: &ReportData<'_>) -> String {
    use crate::engine::recommend::FlipChange;
    use crate::profile::{Applicability, Regulation};
    let profile = &data.assessment.profile;
    let open: Vec<String> = data
        .analysis
        .recommendation
        .flips
        .iter()
        .filter(|f| {
            matches!(f.change, FlipChange::RegulationAdded { regulation: Regulation::Nis2 })
                && profile.nis2() == Applicability::NotYetKnown
        })
        .map(|f| format!("whether {} ({}: {})", words::flip_change(&f.change), "if so", words::flip_result(f)))
        .collect();
    if open.is_empty() {
        return String::new();
    }
    format!(
        " {} to settle before the order is final: {}.",
        crate::questionnaire::Owner::Legal.label(),
        md_inline(&open.join("; "))
    )
}

fn follow_ups(out: &mut String, data: &ReportData<'_>) {
    out.push_str(
        "## Appendix F: Follow-ups\n\nTo confirm with the people named before the next session: answers marked \
         \"ask later\" in the workshop, answers carried over from an earlier version of a split or merged \
         question, which nobody has yet given for the question as it is asked now, and n/a answers to questions \
         whose work cannot be scoped out, to ask again.\n\n",
    );
    if data.analysis.follow_ups.is_empty() {
        out.push_str("None.\n\n");
        return;
    }
    let mut table = MdTable::new(&["Action", "Domain", "Owner", "Current answer", "Note"]);
    for &qi in &data.analysis.follow_ups {
        let q = data.question(qi);
        table.row(vec![
            action_cell(q),
            md_inline(&data.questionnaire.domains[q.domain].title),
            q.owner.label().into(),
            match data.answer(&q.id) {
                Some(answer) if scoping::is_refused_not_applicable(q, answer) => answer_with_justification(q, answer),
                answer => answer_label(answer),
            },
            data.client_note(&q.id).map(md_inline).unwrap_or_default(),
        ]);
    }
    out.push_str(&table.finish());
}

fn appendix(out: &mut String, data: &ReportData<'_>) {
    let scale: Vec<String> = LEVEL_LABELS.iter().enumerate().map(|(level, label)| format!("{level} {label}")).collect();
    let _ = write!(
        out,
        "## Appendix E: Answers\n\nMaturity levels: {}. Not applicable answers carry a justification (used in the \
         Statement of Applicability); unknown answers are not assessed until confirmed. \"Given by\" is the \
         attendee who gave the answer; \"Evidence seen\" what the consultant inspected.\n\n",
        scale.join(", "),
    );
    let mut table = MdTable::new(&["Question", "Domain", "Answer", "Given by", "Evidence seen", "Note"]);
    let typed =
        |text: Option<&String>| text.map(|t| md_inline(t)).filter(|t| !t.is_empty()).unwrap_or_else(|| "-".into());
    for q in &data.questionnaire.questions {
        let Some(answer) = data.answer(&q.id).filter(|a| !a.is_empty()) else { continue };
        let note = data.client_note(&q.id);
        table.row(vec![
            question_cell(&q.id, &q.text),
            md_inline(&data.questionnaire.domains[q.domain].title),
            answer_with_justification(q, answer),
            typed(answer.given_by.as_ref()),
            typed(answer.evidence_seen.as_ref()),
            note.map(md_inline).unwrap_or_default(),
        ]);
    }
    if table.is_empty() {
        out.push_str("No answers recorded yet.\n\n");
    } else {
        out.push_str(&table.finish());
    }
    orphaned_answers(out, data);
}

/// The answer with its n/a justification. An n/a the question refuses is not shown as if
/// accepted: it is no answer, and the question is asked again.
fn answer_with_justification(q: &Question, answer: &Answer) -> String {
    let mut text = if scoping::is_refused_not_applicable(q, answer) {
        md_inline(words::REFUSED_NOT_APPLICABLE)
    } else {
        md_inline(&answer_label(Some(answer)))
    };
    if let Some(why) = answer.justification() {
        let _ = write!(text, ": {}", md_inline(why));
    }
    text
}

/// Answers to questions the loaded questionnaire no longer has are kept in the file but
/// cannot be scored; say so rather than drop them silently.
fn orphaned_answers(out: &mut String, data: &ReportData<'_>) {
    let orphaned = data.assessment.answers.keys().filter(|id| data.questionnaire.question_index(id).is_none()).count();
    if orphaned > 0 {
        let _ = write!(
            out,
            "{orphaned} recorded answer(s) refer to questions that are not in the current questionnaire and are not \
             scored.\n\n"
        );
    }
}
