//! `--format json`: the whole result for GRC tools and scripts. Built key by key rather than
//! by serialising the engine's structs, so the keys are a contract that survives refactoring
//! of the engine; every key is documented in `src/report/JSON.md`. Bump [`SCHEMA`] on any
//! change that removes or renames a key.

use super::ReportData;
use super::figures::round1;
use super::soa;
use crate::assessment::{Answer, AnswerState};
use crate::engine::readiness::{DomainScore, Figure};
use crate::engine::roadmap::{Cost, Milestone, OwnerLoad, RoadmapPhase, WorkItem};
use crate::engine::{Factor, Range};
use crate::framework::Framework;
use serde_json::{Value, json};

/// Identifies the shape of this document.
pub const SCHEMA: &str = "crosswalk.report/2";

pub fn render(data: &ReportData<'_>) -> String {
    let mut text = serde_json::to_string_pretty(&document(data)).unwrap_or_default();
    text.push('\n');
    text
}

/// The report as a JSON value (keys sorted, so the output is stable byte for byte).
pub fn document(data: &ReportData<'_>) -> Value {
    let a = data.assessment;
    json!({
        "schema": SCHEMA,
        "client": a.client,
        "consultant": a.consultant,
        "date": data.date(),
        "created": a.created,
        "updated": a.updated,
        "scope": scope(data),
        "readiness": readiness(data),
        "recommendation": recommendation(data),
        "effort": effort(data),
        "costs": data.analysis.roadmap.costs.iter().map(cost).collect::<Vec<_>>(),
        "roadmap": roadmap(data),
        "gaps": data.analysis.roadmap.gaps.iter().map(|g| gap(data, g)).collect::<Vec<_>>(),
        "follow_ups": follow_ups(data),
        "blockers": blockers(data),
        "basis_of_preparation": super::words::BASIS_OF_PREPARATION,
        "soa": soa_rows(data),
        "answers": answers(data),
        "orphaned_answers": orphaned(data),
    })
}

fn range(r: Range) -> Value {
    json!({ "low": round1(r.low), "high": round1(r.high) })
}

fn scope(data: &ReportData<'_>) -> Value {
    let profile = &data.assessment.profile;
    let categories: Vec<Value> = std::iter::once(crate::catalog::Category::Security)
        .chain(crate::catalog::Category::OPTIONAL_SOC2)
        .filter(|&c| profile.soc2_in_scope(c))
        .map(|c| json!(c))
        .collect();
    let applicable = soa::rows(data).iter().filter(|r| r.applicable).count();
    json!({
        "soc2_categories": categories,
        "headcount": profile.headcount,
        "physical": profile.physical,
        "nis2": profile.nis2(),
        "annex_a_applicable": applicable,
        "annex_a_total": data.catalog.annex_a().count(),
    })
}

fn figure(f: Figure) -> Value {
    json!({ "readiness": round1(f.readiness), "coverage": round1(f.coverage) })
}

fn readiness(data: &ReportData<'_>) -> Value {
    let r = &data.analysis.readiness;
    let [soc2, iso] = [Framework::Soc2, Framework::Iso27001].map(|fw| r.framework(fw));
    let requirements = |s: &crate::engine::readiness::FrameworkScore| json!({ "in_scope": s.requirements, "answered": s.answered_requirements });
    json!({
        "soc2": round1(soc2.figure.readiness),
        "iso27001": round1(iso.figure.readiness),
        "coverage": { "soc2": round1(soc2.figure.coverage), "iso27001": round1(iso.figure.coverage) },
        "requirements": { "soc2": requirements(soc2), "iso27001": requirements(iso) },
        "domains": r.domains.iter().map(|d| domain(data, d)).collect::<Vec<_>>(),
        "clauses": clauses(data),
        "audit_ready": {
            "soc2": crate::engine::blockers::open(&data.analysis.blockers, Framework::Soc2).next().is_none(),
            "iso27001": crate::engine::blockers::open(&data.analysis.blockers, Framework::Iso27001).next().is_none(),
        },
    })
}

/// ISO 27001 clauses 4-10 with their readiness (`null` until assessed) and coverage.
fn clauses(data: &ReportData<'_>) -> Vec<Value> {
    data.catalog
        .clauses()
        .map(|(idx, clause)| {
            let score = &data.analysis.readiness.requirements[idx];
            json!({
                "id": clause.id,
                "title": clause.title,
                "readiness": score.readiness.map(round1),
                "coverage": round1(score.coverage),
                "insufficient_evidence": score.insufficient_evidence,
            })
        })
        .collect()
}

/// Open certification blockers: gaps that stop an audit whatever the percentages say.
fn blockers(data: &ReportData<'_>) -> Vec<Value> {
    data.analysis
        .blockers
        .iter()
        .filter(|b| b.open)
        .map(|b| {
            json!({
                "framework": b.framework.key(),
                "ref": b.reference,
                "title": super::words::blocker_title(b.topic),
                "blocks": b.blocks.iter().map(|s| s.key()).collect::<Vec<_>>(),
                "questions": b.questions.iter().map(|&qi| data.question(qi).id.as_str()).collect::<Vec<_>>(),
                "readiness": b.readiness.map(round1),
                "closed_at": b.closed_at,
            })
        })
        .collect()
}

fn domain(data: &ReportData<'_>, score: &DomainScore) -> Value {
    let d = &data.questionnaire.domains[score.domain];
    let per = |fw: Framework| {
        let i = fw.index();
        if score.relevant[i] { figure(score.figures[i]) } else { Value::Null }
    };
    json!({
        "id": d.id,
        "title": d.title,
        "overlap": round1(score.overlap * 100.0),
        "overlap_estimate": d.overlap_estimate,
        "answered": score.answered,
        "questions": score.questions,
        "soc2": per(Framework::Soc2),
        "iso27001": per(Framework::Iso27001),
    })
}

fn recommendation(data: &ReportData<'_>) -> Value {
    let rec = &data.analysis.recommendation;
    json!({
        "first": rec.first.key(),
        "order": rec.order.iter().map(|t| t.key()).collect::<Vec<_>>(),
        "framework_first": rec.framework_first.key(),
        "both": rec.both,
        "score": round1(rec.score),
        "confidence": rec.confidence.key(),
        "summary": super::words::summary(rec),
        "drivers": rec.drivers.iter().map(|&i| super::words::factor_name(&rec.factors[i])).collect::<Vec<_>>(),
        "factors": rec.factors.iter().map(factor).collect::<Vec<_>>(),
        "flips": rec.flips.iter().map(|f| json!({ "change": f.change, "result": f.result })).collect::<Vec<_>>(),
        "deadline_advice": rec.deadline_advice,
    })
}

fn factor(f: &Factor) -> Value {
    json!({
        "kind": serde_json::to_value(&f.kind).ok().and_then(|v| v.get("kind").cloned()),
        "name": super::words::factor_name(f),
        "detail": super::words::factor_detail(f),
        "points": round1(f.points),
        "favours": f.favours().map(Framework::key),
    })
}

fn effort(data: &ReportData<'_>) -> Value {
    let e = &data.analysis.effort;
    let domains: Vec<Value> = e
        .increments
        .iter()
        .map(|inc| {
            json!({
                "id": data.questionnaire.domains[inc.domain].id,
                "overlap": round1(inc.overlap * 100.0),
                "shared_days": range(inc.shared),
                "rework_days": range(inc.rework),
                "unique_days": range(inc.unique),
            })
        })
        .collect();
    json!({
        "first": e.first.key(),
        "second": e.second.key(),
        "fte": round1(e.fte),
        "first_days": range(e.first_days),
        "first_weeks": range(e.first_weeks),
        "second_days": range(e.second_days),
        "second_weeks": range(e.second_weeks),
        "second_held": e.second_held,
        "domains": domains,
    })
}

fn cost(c: &Cost) -> Value {
    json!({
        "framework": c.framework.key(),
        "item": c.item,
        "currency": c.currency,
        "low": c.low,
        "high": c.high,
        "note": c.note,
    })
}

fn roadmap(data: &ReportData<'_>) -> Value {
    let r = &data.analysis.roadmap;
    json!({
        "phases": r.phases.iter().map(phase).collect::<Vec<_>>(),
        "milestones": r.milestones.iter().map(milestone).collect::<Vec<_>>(),
        "owners": r.owners.iter().map(owner_load).collect::<Vec<_>>(),
    })
}

fn phase(p: &RoadmapPhase) -> Value {
    json!({
        "key": p.phase.map(|ph| ph.key()),
        "title": p.title,
        "framework": p.framework.key(),
        "start_week": round1(p.start_week),
        "weeks": range(p.weeks),
        "days": range(p.days),
        "owners": p.owners.iter().map(|o| o.key()).collect::<Vec<_>>(),
        "items": p.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
    })
}

fn milestone(m: &Milestone) -> Value {
    json!({ "framework": m.framework.key(), "name": m.name, "week": round1(m.week) })
}

fn owner_load(o: &OwnerLoad) -> Value {
    json!({ "owner": o.owner.key(), "label": o.owner.label(), "items": o.items, "days": range(o.days) })
}

/// `{state, level, to_confirm, evidence_seen}`: the answer without its note.
fn answer_state(answer: Option<&Answer>) -> Value {
    let (state, level) = match answer.map(Answer::state) {
        None | Some(AnswerState::Unanswered) => ("unanswered", None),
        Some(AnswerState::Unknown) => ("unknown", None),
        Some(AnswerState::NotApplicable(_)) => ("not_applicable", None),
        Some(AnswerState::Level(level)) => ("level", Some(level)),
    };
    json!({
        "state": state,
        "level": level,
        "to_confirm": answer.is_some_and(|a| a.to_confirm),
        "evidence_seen": answer.and_then(|a| a.evidence_seen.as_deref()),
    })
}

fn gap(data: &ReportData<'_>, item: &WorkItem) -> Value {
    let q = data.question(item.question);
    json!({
        "id": item.id,
        "question": item.title,
        "domain": data.questionnaire.domains[q.domain].id,
        "answer": answer_state(data.answer(&item.id)),
        "owner": item.owner.key(),
        "phase": item.phase.key(),
        "days": range(item.days),
        "importance": round1(item.importance),
        "soc2": item.soc2,
        "iso27001": item.iso27001,
    })
}

fn follow_ups(data: &ReportData<'_>) -> Vec<Value> {
    data.analysis
        .follow_ups
        .iter()
        .map(|&qi| {
            let q = data.question(qi);
            json!({
                "id": q.id,
                "question": q.text,
                "owner": q.owner.key(),
                "answer": answer_state(data.answer(&q.id)),
                "note": data.client_note(&q.id),
            })
        })
        .collect()
}

/// The SoA rows with the CSV's fields; lists stay lists, absent values are `null`.
fn soa_rows(data: &ReportData<'_>) -> Vec<Value> {
    soa::rows(data)
        .iter()
        .map(|row| {
            let seen: Vec<Value> =
                row.evidence.iter().filter_map(|s| s.seen.map(|seen| json!({ "question": s.id, "reference": seen }))).collect();
            json!({
                "control": row.control,
                "title": row.title,
                "theme": row.theme,
                "applicable": row.applicable,
                "inclusion_reason": row.inclusion.iter().map(|r| r.text()).collect::<Vec<_>>(),
                "exclusion_justification": row.exclusion.as_ref().map(soa::Exclusion::text),
                "status": row.status.map(soa::Status::key),
                "status_basis": row.basis.map(soa::Basis::key),
                "owner": row.owner.map(|o| o.key()),
                "evidence_to_collect": row.evidence.iter().map(|s| json!({ "question": s.id, "items": s.evidence })).collect::<Vec<_>>(),
                "evidence_seen": seen,
                "source_questions": row.evidence.iter().map(|s| s.id).collect::<Vec<_>>(),
                "coverage": row.coverage,
            })
        })
        .collect()
}

/// Answers in questionnaire order, with client-visible notes only.
fn answers(data: &ReportData<'_>) -> Vec<Value> {
    data.questionnaire
        .questions
        .iter()
        .filter_map(|q| {
            let answer = data.answer(&q.id).filter(|a| !a.is_empty())?;
            let mut value = answer_state(Some(answer));
            value["id"] = json!(q.id);
            value["not_applicable"] = json!(answer.justification());
            value["note"] = json!(super::client_note(answer));
            Some(value)
        })
        .collect()
}

fn orphaned<'a>(data: &ReportData<'a>) -> Vec<&'a str> {
    data.assessment
        .answers
        .keys()
        .filter(|id| data.questionnaire.question_index(id).is_none())
        .map(String::as_str)
        .collect()
}
