//! `--format json`: the whole result for GRC tools and scripts. Built key by key rather than
//! by serialising the engine's structs, so the keys are a contract that survives refactoring
//! of the engine; every key is documented in `src/report/JSON.md`. Bump [`SCHEMA`] on any
//! change that removes or renames a key.

use super::ReportData;
use super::figures::round1;
use super::soa;
use crate::assessment::{Answer, AnswerState};
use crate::engine::costs::{Costs, Money, RunCost};
use crate::engine::deadlines::{CapacityNeed, DeadlineCheck};
use crate::engine::rates::{ForFramework, Price};
use crate::engine::readiness::{DomainScore, Figure};
use crate::engine::roadmap::{Milestone, OwnerLoad, Plan, PlanFlag, PlanItem, PlanKind, Roadmap, WorkItem, Workstream};
use crate::engine::{Factor, Range};
use crate::framework::Framework;
use serde_json::{Value, json};

/// Identifies the shape of this document.
pub const SCHEMA: &str = "crosswalk.report/3";

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
        "summary": super::words::summary(data.analysis),
        "drivers": rec.drivers.iter().map(|&i| super::words::factor_name(&rec.factors[i])).collect::<Vec<_>>(),
        "factors": rec.factors.iter().map(factor).collect::<Vec<_>>(),
        "flips": rec.flips.iter().map(|f| json!({
            "change": super::words::flip_change(&f.change),
            "result": super::words::flip_result(f),
            "what": f.change,
            "first": f.result,
        })).collect::<Vec<_>>(),
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

fn money(m: Money) -> Value {
    json!({ "low": m.low.round(), "high": m.high.map(f64::round) })
}

fn price(p: Price) -> Value {
    json!({ "currency": p.currency.code(), "low": p.low.round(), "high": p.high.map(f64::round) })
}

fn optional_range(r: Option<Range>) -> Value {
    r.map_or(Value::Null, range)
}

fn roadmap(data: &ReportData<'_>) -> Value {
    let r = &data.analysis.roadmap;
    let mut value = plan(r, r.plan());
    value["start"] = json!(r.start);
    value["currency"] = json!(r.currency.code());
    value["capacities"] = r
        .capacities
        .iter()
        .map(|c| {
            json!({
                "owner": c.owner.key(), "fte": round1(c.fte), "source": c.source,
                "lead": c.lead, "confirmed_by": c.confirmed_by, "assumed": c.assumed(),
            })
        })
        .collect();
    value["tracks"] = r
        .tracks
        .iter()
        .map(|&kind| {
            let done = r.plan().milestones.iter().find(|m| m.track == Some(kind));
            json!({
                "kind": kind.key(),
                "items": kind.work().iter().map(|w| w.id).collect::<Vec<_>>(),
                "done_week": done.map(|m| m.week),
                "done_date": done.map(|m| r.date_of(m.week)),
            })
        })
        .collect();
    value["follow_ups"] =
        r.follow_ups.iter().map(|f| json!({ "scheme": f.scheme.key(), "reason": f.reason })).collect();
    value["alternatives"] = r.plans.iter().skip(1).map(|p| plan(r, p)).collect();
    value["owners"] = r.owners.iter().map(owner_load).collect();
    value
}

fn plan(r: &Roadmap, p: &Plan) -> Value {
    json!({
        "kind": match p.kind { PlanKind::Sequential => "sequential", PlanKind::Combined => "combined" },
        "first": p.first.key(),
        "workstreams": p.workstreams.iter().map(workstream).collect::<Vec<_>>(),
        "milestones": p.milestones.iter().map(|m| milestone(r, m)).collect::<Vec<_>>(),
        "deadlines": p.deadlines.iter().map(|d| deadline(r, d)).collect::<Vec<_>>(),
        "flags": p.flags.iter().map(flag).collect::<Vec<_>>(),
        "costs": costs(&p.costs),
        "run": run(&p.run),
        "ready": { "soc2": optional_range(p.ready[0]), "iso27001": optional_range(p.ready[1]) },
        "finish_week": p.finish_week,
        "serial_finish_week": p.serial_finish_week,
        "mobilisation_weeks": p.mobilisation,
        "halved": {
            "factor": p.halved.factor,
            "owners": p.halved.owners.iter().map(|o| o.key()).collect::<Vec<_>>(),
            "finish_week": p.halved.finish_week,
            "milestones": p.halved.milestones.iter().map(|m| json!({
                "kind": m.kind.key(),
                "framework": m.framework.map(Framework::key),
                "week": m.week,
                "date": r.date_of(m.week),
                "planned_week": m.planned_week,
            })).collect::<Vec<_>>(),
        },
        "days": range(p.days),
    })
}

fn workstream(w: &Workstream) -> Value {
    json!({
        "owner": w.owner.key(),
        "capacity_fte": round1(w.capacity_fte),
        "days": range(w.days),
        "start_week": w.start_week,
        "end_week": w.end_week,
        "items": w.items.iter().map(plan_item).collect::<Vec<_>>(),
    })
}

fn plan_item(i: &PlanItem) -> Value {
    json!({
        "id": i.id,
        "action": i.action,
        "programme": i.programme.key(),
        "step": i.step.key(),
        "start_week": i.start_week,
        "end_week": i.end_week,
        "days": range(i.days),
        "built_for_both": i.built_for_both,
        "maps_to": Framework::ALL.into_iter().filter(|fw| i.maps_to[fw.index()]).map(Framework::key).collect::<Vec<_>>(),
        "after": i.after,
        "pulled_forward": i.pulled_forward,
    })
}

fn milestone(r: &Roadmap, m: &Milestone) -> Value {
    json!({
        "kind": m.kind.key(),
        "framework": m.framework.map(Framework::key),
        "track": m.track.map(|t| t.key()),
        "week": m.week,
        "week_low": m.week_low,
        "date": r.date_of(m.week),
        "date_low": r.date_of(m.week_low),
        "upkeep": m.upkeep,
        "low_assumes_no_major_nonconformity": m.low_assumes_no_major_nonconformity,
    })
}

fn deadline(r: &Roadmap, d: &DeadlineCheck) -> Value {
    let (required_fte, required_owner) = match d.need {
        CapacityNeed::Owner { owner, fte } => (Some(round1(fte)), Some(owner.key())),
        _ => (None, None),
    };
    json!({
        "name": d.name,
        "framework": d.framework.map(Framework::key),
        "target": d.target.key(),
        "milestone": d.milestone.key(),
        "week": d.week,
        "date": d.date,
        "milestone_weeks": optional_range(d.milestone_weeks),
        "verdict": d.verdict.key(),
        "stopgap": d.stopgap.map(|s| json!({
            "milestone": s.kind.key(), "week": s.week, "week_low": s.week_low, "verdict": s.verdict.key(),
        })),
        "window_option": d.window_option.map(|w| json!({
            "months": w.months,
            "start_week": w.start_week,
            "end_week": w.end_week,
            "start_date": r.date_of(w.start_week),
            "end_date": r.date_of(w.end_week),
            "start_week_low": w.start_week_low,
            "end_week_low": w.end_week_low,
            "report_week": w.report_week,
            "report_week_low": w.report_week_low,
            "report_date": r.date_of(w.report_week),
            "verdict": w.verdict.key(),
        })),
        "need": d.need,
        "required_fte": required_fte,
        "required_owner": required_owner,
        "second_in_plan": d.second_in_plan,
    })
}

fn flag(f: &PlanFlag) -> Value {
    match f {
        PlanFlag::ReworkInsideType2Window { items, start_week, end_week } => json!({
            "kind": "rework_inside_type2_window", "items": items, "start_week": start_week, "end_week": end_week,
        }),
        PlanFlag::WorksCouncilNotKnown { items } => json!({ "kind": "works_council_not_known", "items": items }),
        PlanFlag::ChecksInsideType2Window { items, start_week, end_week } => json!({
            "kind": "checks_inside_type2_window", "items": items, "start_week": start_week, "end_week": end_week,
        }),
    }
}

fn costs(c: &Costs) -> Value {
    let line = |l: &crate::engine::costs::CostLine| {
        json!({
                "category": l.category.key(),
                "item": l.item.key(),
                "framework": l.framework.map(Framework::key),
                "year": l.year,
                "week": l.week,
                "spend": l.spend,
                "count": l.count,
                "currency": c.currency.code(),
                "low": l.amount.low.round(),
                "high": l.amount.high.map(f64::round),
                "original": l.original.map(price),
                "days": l.days.map(range),
                "source": l.source.text,
                "source_date": l.source.date,
        })
    };
    let tie = &c.labour;
    json!({
        "currency": c.currency.code(),
        "lines": c.lines.iter().map(line).collect::<Vec<_>>(),
        "totals": { "year1": money(c.totals.year1), "three_year": money(c.totals.three_year) },
        "current": { "year1": money(c.current.year1), "three_year": money(c.current.three_year) },
        "years": c.years.iter().map(|y| json!({ "year": y.year, "start_week": y.start_week, "end_week": y.end_week })).collect::<Vec<_>>(),
        "later": c.later.iter().map(line).collect::<Vec<_>>(),
        "labour": {
            "plan_days": range(tie.plan_days),
            "internal_days": range(tie.internal_days),
            "outside_days": range(tie.outside_days),
            "outside_share": tie.outside_share,
            "by_year": tie.by_year.iter().map(|(y, d)| json!({ "year": y, "days": range(*d) })).collect::<Vec<_>>(),
        },
        "references": c.references.iter().map(|r| json!({
            "framework": r.framework.key(),
            "amount": money(r.amount),
            "original": price(r.original),
            "source": r.source.text,
            "source_date": r.source.date,
        })).collect::<Vec<_>>(),
        "exchange": { "source": c.exchange.text, "date": c.exchange.date },
    })
}

fn run(r: &RunCost) -> Value {
    json!({
        "lines": r.lines.iter().map(|l| json!({
            "activity": l.activity.key(),
            "framework": match l.framework {
                ForFramework::Both => "both",
                ForFramework::Soc2 => "soc2",
                ForFramework::Iso27001 => "iso27001",
            },
            "days": range(l.days),
        })).collect::<Vec<_>>(),
        "days": range(r.days),
        "labour": money(r.labour),
        "fees": money(r.fees),
        "tools": money(r.tools),
        "tools_current": money(r.tools_current),
        "total": money(r.total),
    })
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
                "exclusion_justification": Some(soa::exclusion_text(row)).filter(|t| !t.is_empty()),
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
