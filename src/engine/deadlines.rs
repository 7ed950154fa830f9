//! Deadlines against a plan: an honest verdict per deadline (met, at risk, missed) from the
//! week range of the milestone that answers it, and the capacity that would meet it, solved
//! for by re-running the plan's timeline rather than guessed.

use super::effort::Range;
use super::roadmap::{Blueprint, Capacity, Milestone, MilestoneKind};
use super::schedule::{Capacities, Mode, owner_index};
use crate::framework::Framework;
use crate::profile::Profile;
use crate::questionnaire::Owner;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Met even at the high estimate.
    Met,
    /// Met at the low estimate, missed at the high one.
    AtRisk,
    /// Missed even at the low estimate.
    Missed,
    /// The client already holds what the deadline asks for.
    Held,
    /// The date is before the programme starts.
    Passed,
}

impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::AtRisk => "at_risk",
            Verdict::Missed => "missed",
            Verdict::Held => "held",
            Verdict::Passed => "passed",
        }
    }

    /// The verdict for a milestone landing in weeks `low`-`high` against a deadline in week
    /// `deadline`.
    pub fn of(low: u32, high: u32, deadline: i64) -> Verdict {
        if i64::from(high) <= deadline {
            Verdict::Met
        } else if i64::from(low) <= deadline {
            Verdict::AtRisk
        } else {
            Verdict::Missed
        }
    }
}

/// What it would take to meet a deadline at the high estimate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum CapacityNeed {
    /// Nothing more: it is met.
    None,
    /// Raise one workstream to this many FTE (the smallest single change that meets it).
    Owner { owner: Owner, fte: f64 },
    /// No single workstream is enough: every workstream's capacity times this factor.
    AllWorkstreams { factor: f64 },
    /// The audit calendar alone (lead times, the observation window) is longer than the time
    /// left: no capacity meets it.
    Unreachable,
}

/// A report that can bridge a SOC 2 deadline while the Type II is not yet in hand.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stopgap {
    pub kind: MilestoneKind,
    pub week_low: u32,
    pub week: u32,
    pub verdict: Verdict,
}

/// The shortest first observation window auditors accept, in months: a first Type II often
/// covers three months, the next ones a year.
pub const SHORTEST_WINDOW_MONTHS: u8 = 3;

/// A SOC 2 deadline missed or at risk with the profile's window: the same plan with the
/// shortest first window instead, for the client to choose.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WindowOption {
    pub months: u8,
    /// Weeks of the window at the high estimate: it opens and closes.
    pub start_week: u32,
    pub end_week: u32,
    /// The same window at the low estimate: each report week goes with the window of its own
    /// estimate, so a report never reads as due before its window has closed.
    pub start_week_low: u32,
    pub end_week_low: u32,
    /// The Type II report, low and high estimate.
    pub report_week_low: u32,
    pub report_week: u32,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineCheck {
    pub name: String,
    /// What the deadline asks for; none when either framework would do.
    pub framework: Option<Framework>,
    /// The framework whose milestone answers it.
    pub target: Framework,
    /// The milestone that answers it (Type II report, certificate).
    pub milestone: MilestoneKind,
    /// Whole weeks from the programme start to the deadline (negative: before the start).
    pub week: i64,
    /// `YYYY-MM-DD`, or empty when it cannot be worked out.
    pub date: String,
    /// The milestone's weeks, low and high estimate; none when held.
    pub milestone_weeks: Option<Range>,
    pub verdict: Verdict,
    pub stopgap: Option<Stopgap>,
    /// A shorter first observation window, when the deadline is missed or at risk with the
    /// profile's and the profile's is longer.
    pub window_option: Option<WindowOption>,
    pub need: CapacityNeed,
    /// The framework it asks for comes second in this plan.
    pub second_in_plan: bool,
}

/// The milestone that answers a deadline for `framework`.
pub(crate) fn answer(framework: Framework) -> MilestoneKind {
    match framework {
        Framework::Soc2 => MilestoneKind::Type2Report,
        Framework::Iso27001 => MilestoneKind::Certificate,
    }
}

/// Capacity a thousand times the plan's: no longer what limits the dates.
const UNBOUNDED: f64 = 1000.0;

/// The week `fw`'s deal milestone (Type II report, certificate) lands at the high estimate
/// when capacity no longer limits it: the audit calendar's floor (lead times, readiness
/// check, remediation, operating period, observation window, report lag). A deadline before
/// it is one no capacity meets.
pub(crate) fn floor(blueprint: &Blueprint, caps: &Capacities, fw: Framework) -> Option<u32> {
    blueprint.timeline(&caps.map(|c| c * UNBOUNDED), false, Mode::Parallel).week(fw, answer(fw))
}

/// Highest FTE the solver tries for one workstream.
const MAX_FTE: f64 = 50.0;

pub(crate) fn check(
    profile: &Profile,
    blueprint: &Blueprint,
    caps: &Capacities,
    milestones: &[Milestone],
    start: &str,
    today: &str,
    capacities: &[Capacity],
) -> Vec<DeadlineCheck> {
    let find = |fw: Framework, kind: MilestoneKind| {
        milestones.iter().find(|m| m.framework == Some(fw) && m.kind == kind && !m.upkeep)
    };
    profile
        .deadlines
        .iter()
        .map(|d| {
            let due = d.due(today).unwrap_or_default();
            let week = crate::clock::days_between(start, &due).map_or(i64::from(d.weeks), |days| days.div_euclid(7));
            // Either framework: whichever report or certificate this plan delivers first.
            let target = d.framework.unwrap_or_else(|| {
                Framework::ALL
                    .into_iter()
                    .filter(|&fw| !profile.holds(fw))
                    .min_by_key(|&fw| find(fw, answer(fw)).map_or(u32::MAX, |m| m.week))
                    .unwrap_or(blueprint_first(blueprint))
            });
            let kind = answer(target);
            let second_in_plan = d.framework == Some(blueprint_first(blueprint).other())
                && blueprint_is_sequential(blueprint)
                && !profile.holds(target);
            let base = DeadlineCheck {
                name: d.name.clone(),
                framework: d.framework,
                target,
                milestone: kind,
                week,
                date: due,
                milestone_weeks: None,
                verdict: Verdict::Held,
                stopgap: None,
                window_option: None,
                need: CapacityNeed::None,
                second_in_plan,
            };
            if profile.holds(target) {
                return base;
            }
            let Some(m) = find(target, kind) else { return base };
            let milestone_weeks = Some(Range { low: f64::from(m.week_low), high: f64::from(m.week) });
            if week < 0 {
                return DeadlineCheck { milestone_weeks, verdict: Verdict::Passed, ..base };
            }
            let verdict = Verdict::of(m.week_low, m.week, week);
            let stopgap = (target == Framework::Soc2 && verdict != Verdict::Met)
                .then(|| find(Framework::Soc2, MilestoneKind::Type1Report))
                .flatten()
                .map(|t1| Stopgap {
                    kind: MilestoneKind::Type1Report,
                    week_low: t1.week_low,
                    week: t1.week,
                    verdict: Verdict::of(t1.week_low, t1.week, week),
                });
            let window_option = (target == Framework::Soc2
                && verdict != Verdict::Met
                && profile.observation_window() > SHORTEST_WINDOW_MONTHS)
                .then(|| shorter_window(blueprint, caps, week))
                .flatten();
            let need = if verdict == Verdict::Met {
                CapacityNeed::None
            } else {
                solve(blueprint, caps, capacities, target, kind, week)
            };
            DeadlineCheck { milestone_weeks, verdict, stopgap, window_option, need, ..base }
        })
        .collect()
}

/// The plan's SOC 2 dates with the shortest first window.
fn shorter_window(blueprint: &Blueprint, caps: &Capacities, deadline: i64) -> Option<WindowOption> {
    let weeks = (f64::from(SHORTEST_WINDOW_MONTHS) * 52.0 / 12.0).ceil() as u32;
    let short = blueprint.with_observation_weeks(weeks);
    let high = short.timeline(caps, false, Mode::Parallel);
    let low = short.timeline(caps, true, Mode::Parallel);
    let dates = |t: &super::roadmap::Timeline| -> Option<(u32, u32, u32)> {
        Some((
            t.week(Framework::Soc2, MilestoneKind::ObservationStart)?,
            t.week(Framework::Soc2, MilestoneKind::ObservationEnd)?,
            t.week(Framework::Soc2, MilestoneKind::Type2Report)?,
        ))
    };
    let (start_week, end_week, report_week) = dates(&high)?;
    // The low estimate's window and report together, or the high's where it is no earlier.
    let (start_week_low, end_week_low, report_week_low) =
        dates(&low).filter(|l| l.2 <= report_week).unwrap_or((start_week, end_week, report_week));
    Some(WindowOption {
        months: SHORTEST_WINDOW_MONTHS,
        start_week,
        end_week,
        start_week_low,
        end_week_low,
        report_week_low,
        report_week,
        verdict: Verdict::of(report_week_low, report_week, deadline),
    })
}

fn blueprint_first(b: &Blueprint) -> Framework {
    b.first_framework()
}

fn blueprint_is_sequential(b: &Blueprint) -> bool {
    b.is_sequential()
}

/// The smallest capacity change that brings the milestone to `deadline` at the high estimate.
fn solve(
    blueprint: &Blueprint,
    caps: &Capacities,
    capacities: &[Capacity],
    fw: Framework,
    kind: MilestoneKind,
    deadline: i64,
) -> CapacityNeed {
    let meets = |c: &Capacities| {
        blueprint.timeline(c, false, Mode::Parallel).week(fw, kind).is_some_and(|w| i64::from(w) <= deadline)
    };
    let scaled = |factor: f64| caps.map(|c| c * factor);
    if floor(blueprint, caps, fw).is_none_or(|w| i64::from(w) > deadline) {
        return CapacityNeed::Unreachable;
    }
    // Bisection on a monotone question: more capacity never makes the plan longer.
    let bisect = |mut lo: f64, mut hi: f64, ok: &dyn Fn(f64) -> bool| {
        for _ in 0..11 {
            let mid = (lo + hi) / 2.0;
            if ok(mid) { hi = mid } else { lo = mid }
        }
        hi
    };
    let mut best: Option<(Owner, f64, f64)> = None;
    for c in capacities {
        let o = owner_index(c.owner);
        if !blueprint.has_work_for(c.owner) || caps[o] >= MAX_FTE {
            continue;
        }
        let with = |fte: f64| {
            let mut trial = *caps;
            trial[o] = fte;
            trial
        };
        if !meets(&with(MAX_FTE)) {
            continue;
        }
        let needed = (bisect(caps[o], MAX_FTE, &|fte| meets(&with(fte))) * 10.0).ceil() / 10.0;
        let increase = needed - caps[o];
        if best.is_none_or(|(_, _, inc)| increase < inc) {
            best = Some((c.owner, needed, increase));
        }
    }
    if let Some((owner, fte, _)) = best {
        return CapacityNeed::Owner { owner, fte };
    }
    let factor = (bisect(1.0, 1000.0, &|f| meets(&scaled(f))) * 10.0).ceil() / 10.0;
    CapacityNeed::AllWorkstreams { factor }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_follows_the_week_range() {
        assert_eq!(Verdict::of(34, 43, 39), Verdict::AtRisk);
        assert_eq!(Verdict::of(34, 39, 39), Verdict::Met);
        assert_eq!(Verdict::of(40, 43, 39), Verdict::Missed);
    }
}
