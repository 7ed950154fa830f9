//! Which framework first. Driven first by who buys (regions, sector, named regulations,
//! public procurement), then by readiness gap, deadlines and what the client already holds.
//! Every factor is a signed number of points (positive favours ISO 27001, negative SOC 2),
//! so the consultant can show exactly what decided it and what would change it.

use super::effort::Range;
use crate::framework::Framework;
use crate::profile::{Certification, Profile, Region, Regulation, Sector};
use serde::Serialize;

/// What to pursue: one of the two frameworks, or a regulated framework the data demands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Soc2,
    Iso27001,
    Hipaa,
    PciDss,
}

impl Target {
    pub fn key(self) -> &'static str {
        match self {
            Target::Soc2 => "soc2",
            Target::Iso27001 => "iso27001",
            Target::Hipaa => "hipaa",
            Target::PciDss => "pci_dss",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Target::Soc2 => "SOC 2",
            Target::Iso27001 => "ISO 27001",
            Target::Hipaa => "HIPAA",
            Target::PciDss => "PCI DSS",
        }
    }
}

impl From<Framework> for Target {
    fn from(f: Framework) -> Target {
        match f {
            Framework::Soc2 => Target::Soc2,
            Framework::Iso27001 => Target::Iso27001,
        }
    }
}

/// What a factor is, with the figures behind it. The report and the TUI put it in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FactorKind {
    /// Share of the pipeline per region, in percent, regions with a share only.
    BuyerRegions {
        shares: Vec<(Region, u8)>,
    },
    Headquarters {
        region: Region,
    },
    /// A fintech or healthtech selling in North America, where buyers expect a Type II report.
    RegulatedSectorInNorthAmerica {
        sector: Sector,
    },
    /// A public-sector supplier: procurement outside North America asks for ISO.
    PublicSectorSupplier,
    Regulation {
        regulation: Regulation,
    },
    /// A SOC 2 Type I report is held: the Type II is the natural next step.
    HoldsSoc2Type1,
    /// A framework already held: the other one is next. Carries [`HELD_POINTS`].
    Holds {
        framework: Framework,
    },
    /// Share of each framework's work still open (0-1) and how much of it is known (0-1).
    ReadinessGap {
        soc2_open: f64,
        iso_open: f64,
        known: f64,
    },
    DealDeadline {
        framework: Framework,
        weeks: u16,
        reach: DeadlineReach,
    },
}

/// Whether going first can meet a deal deadline, from the audit calendar's floor (the dates
/// with capacity no limit); it sets how much the deadline weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reach")]
pub enum DeadlineReach {
    /// Going first can meet it, given the capacity; or the floor is not known (what it asks
    /// for is held). Full weight.
    Reachable,
    /// No order meets it: going first still lands `weeks_late` weeks after it, and brings it
    /// `weeks_gained` weeks sooner than the other order.
    Unreachable { weeks_late: u32, weeks_gained: u32 },
}

impl DeadlineReach {
    /// The share of the deadline's weight: 1 when going first can meet it; otherwise the
    /// share of the other order's delay that going first removes, gained / (gained + late).
    /// It falls to 1 as the deadline comes within reach, so the weight has no step, and
    /// to 0 when going first gains nothing: a deadline missed either way is for negotiating,
    /// not for choosing the order.
    pub fn share(self) -> f64 {
        match self {
            DeadlineReach::Reachable => 1.0,
            DeadlineReach::Unreachable { weeks_late, weeks_gained } => {
                let (late, gained) = (f64::from(weeks_late), f64::from(weeks_gained));
                if late + gained > 0.0 { gained / (late + gained) } else { 1.0 }
            }
        }
    }

    fn of(floor: &CalendarFloor, framework: Framework, weeks: u16) -> DeadlineReach {
        let (Some(first), Some(second)) = (floor.week(framework, framework), floor.week(framework.other(), framework))
        else {
            return DeadlineReach::Reachable;
        };
        let deadline = i64::from(weeks);
        if first <= deadline {
            return DeadlineReach::Reachable;
        }
        let weeks_late = u32::try_from(first - deadline).unwrap_or(u32::MAX);
        let weeks_gained = u32::try_from((second - first).max(0)).unwrap_or(u32::MAX);
        DeadlineReach::Unreachable { weeks_late, weeks_gained }
    }
}

/// The audit calendar's floor for both orders: the earliest week, counted as a deal
/// deadline's weeks are (from the assessment's date), each framework's deal milestone (SOC 2
/// Type II report, ISO 27001 certificate) can land whatever the capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CalendarFloor {
    /// `[first framework][milestone's framework]`, by [`Framework::index`]; none when not
    /// known (held, or no plan).
    pub weeks: [[Option<i64>; 2]; 2],
}

impl CalendarFloor {
    pub fn week(&self, first: Framework, milestone: Framework) -> Option<i64> {
        self.weeks[first.index()][milestone.index()]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factor {
    pub kind: FactorKind,
    /// Signed contribution: positive favours ISO 27001, negative SOC 2.
    pub points: f64,
}

/// How firmly the factors decide the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn key(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// Points of a framework already held, towards the other one. More than every other factor
/// together can reach (at most 155 towards ISO 27001, 120 towards SOC 2), so what the client
/// holds always decides, and the score's sign agrees with the order.
pub const HELD_POINTS: f64 = 200.0;

impl Factor {
    pub fn favours(&self) -> Option<Framework> {
        if self.points > 0.0 {
            Some(Framework::Iso27001)
        } else if self.points < 0.0 {
            Some(Framework::Soc2)
        } else {
            None
        }
    }
}

/// One change of the profile that would flip the order, as data; `report::words` says it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FlipChange {
    /// This many points of the buyer pipeline move from one region to another.
    PipelineShift {
        points: u8,
        from: Region,
        to: Region,
    },
    RegulationDropped {
        regulation: Regulation,
    },
    RegulationAdded {
        regulation: Regulation,
    },
    DeadlineRemoved,
    /// The deal deadline asks for the other framework instead.
    DeadlineAsksFor {
        weeks: u16,
        framework: Framework,
    },
    /// A new signed deal asks for a framework within this many weeks.
    SignedDeal {
        framework: Framework,
        weeks: u16,
    },
}

/// A change of input that would flip the decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flip {
    pub change: FlipChange,
    /// What would come first after the change.
    pub result: Framework,
    /// How big a change it is, for ordering (smaller first).
    pub size: f64,
    /// The profile with the change applied, so a caller can show or test the what-if.
    #[serde(skip)]
    pub profile: Profile,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// The first thing to pursue (a regulated framework when the data demands it).
    pub first: Target,
    /// The whole order, e.g. `[hipaa, soc2, iso27001]`.
    pub order: Vec<Target>,
    /// Which of SOC 2 and ISO 27001 comes first.
    pub framework_first: Framework,
    /// Frameworks the client already holds (ISO certificate, SOC 2 Type II report): out of
    /// the order, kept up by surveillance or the yearly report.
    pub held: Vec<Framework>,
    /// Buyers need both soon: run them back to back rather than "one, then maybe the other".
    pub both: bool,
    /// Sum of the factors' points; its sign always agrees with `framework_first`.
    pub score: f64,
    pub confidence: Confidence,
    /// Ranked by weight (absolute points), largest first.
    pub factors: Vec<Factor>,
    /// Indices into `factors` of the ones that carried the decision: the fewest factors on
    /// the winning side, largest first, that would decide it alone against every factor on
    /// the other side. Empty when nothing pointed anywhere (the SOC 2 default).
    pub drivers: Vec<usize>,
    /// The smallest changes that flip SOC 2 / ISO 27001 order, smallest first.
    pub flips: Vec<Flip>,
}

/// Person-days to close each framework's gaps if it went first, used as the readiness factor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GapInputs {
    pub soc2_days: Range,
    pub iso_days: Range,
    /// Person-days each framework's work would take from nothing (the yardstick for how much
    /// of it is still open).
    pub soc2_full_days: f64,
    pub iso_full_days: f64,
    /// Calendar weeks to be ready for each framework's first audit, unrounded, low-high.
    pub soc2_weeks: Range,
    pub iso_weeks: Range,
    /// 0-1: how much of the readiness picture rests on answers. The readiness factor is
    /// scaled by it, so an empty questionnaire does not pretend to know which gap is smaller.
    pub known: f64,
    /// The audit calendar's floor in each order: how far going first helps meet a deadline.
    pub floor: CalendarFloor,
}

/// Weeks from the end of the Type II observation window to the report in hand.
pub const TYPE2_REPORT_WEEKS: f64 = 6.0;
/// Weeks from readiness to a SOC 2 Type I report.
pub const TYPE1_WEEKS: f64 = 6.0;
/// Weeks of ISMS operation (internal audit, management review) before Stage 1, then to the
/// certificate after Stage 2.
pub const ISMS_RUN_IN_WEEKS: f64 = 8.0;
pub const STAGES_TO_CERTIFICATE_WEEKS: f64 = 8.0;
pub const WEEKS_PER_MONTH: f64 = 4.33;

fn factor(kind: FactorKind, points: f64) -> Factor {
    Factor { kind, points: (points * 10.0).round() / 10.0 }
}

/// The signed factors for a profile. Pure and cheap: re-run for every "what would change it".
pub fn factors(profile: &Profile, gaps: &GapInputs) -> Vec<Factor> {
    let mut out = Vec::new();
    let buyers = &profile.buyers;
    let na = f64::from(buyers.north_america);
    // Europe, APAC and the Middle East buy on ISO certificates; Latin America leans that way.
    let iso_markets = f64::from(buyers.europe)
        + f64::from(buyers.apac)
        + f64::from(buyers.middle_east_africa)
        + 0.5 * f64::from(buyers.latin_america);
    if buyers.total() > 0 {
        let shares: Vec<(Region, u8)> =
            Region::ALL.into_iter().filter(|&r| buyers.share(r) > 0).map(|r| (r, buyers.share(r))).collect();
        out.push(factor(FactorKind::BuyerRegions { shares }, 0.5 * (iso_markets - na)));
    }
    let headquarters = match profile.headquarters {
        Some(Region::Europe) => 5.0,
        Some(Region::NorthAmerica) => -5.0,
        Some(Region::Apac | Region::MiddleEastAfrica) => 3.0,
        _ => 0.0,
    };
    if let Some(region) = profile.headquarters
        && headquarters != 0.0
    {
        out.push(factor(FactorKind::Headquarters { region }, headquarters));
    }
    let na_share = na / 100.0;
    match profile.sector {
        Sector::Fintech | Sector::Healthtech if na_share > 0.0 => {
            out.push(factor(FactorKind::RegulatedSectorInNorthAmerica { sector: profile.sector }, -15.0 * na_share))
        }
        Sector::PublicSector => out.push(factor(FactorKind::PublicSectorSupplier, 15.0 * (1.0 - na_share))),
        _ => {}
    }
    for &regulation in &profile.regulations {
        let points = match regulation {
            // NIS2 and DORA name neither framework: their obligations are tracks in the plan.
            // They move the order only as the seeds' procurement logic does: EU buyers in
            // these regulated sectors ask for ISO 27001 by name. GDPR Article 32 is neutral.
            Regulation::Nis2 => 10.0,
            Regulation::Dora => 10.0,
            Regulation::Gdpr => 0.0,
            Regulation::Hipaa => -10.0,
            Regulation::PciDss => 0.0,
            Regulation::PublicProcurement => 15.0 * (1.0 - na_share),
        };
        if points != 0.0 {
            out.push(factor(FactorKind::Regulation { regulation }, points));
        }
    }
    // A framework already held decides what is next; a Type I report is a start on SOC 2,
    // not the report buyers want.
    for framework in Framework::ALL.into_iter().filter(|&f| profile.holds(f)) {
        let towards_iso = if framework == Framework::Soc2 { 1.0 } else { -1.0 };
        out.push(factor(FactorKind::Holds { framework }, towards_iso * HELD_POINTS));
    }
    if profile.certifications.contains(&Certification::Soc2Type1) && !profile.holds(Framework::Soc2) {
        out.push(factor(FactorKind::HoldsSoc2Type1, -10.0));
    }
    // Compare how much of each framework is still open, not how big each is: ISO 27001 is
    // always more work from nothing, which says nothing about this client's readiness.
    let open = |days: Range, full: f64| if full > 0.0 { (days.high / full).clamp(0.0, 1.0) } else { 0.0 };
    let (soc2_open, iso_open) = (open(gaps.soc2_days, gaps.soc2_full_days), open(gaps.iso_days, gaps.iso_full_days));
    let known = if gaps.known.is_finite() { gaps.known.clamp(0.0, 1.0) } else { 0.0 };
    // At most 10 points: readiness breaks ties, it does not overrule the buyers.
    let points = 10.0 * known * (soc2_open - iso_open);
    if points.abs() >= 0.05 {
        out.push(factor(FactorKind::ReadinessGap { soc2_open, iso_open, known }, points));
    }
    if let Some(deadline) = profile.deal_deadline()
        && let Some(framework) = deadline.framework
    {
        // A deal within a year weighs the full 20 points, fading to nothing at three years,
        // times the share of the delay going first removes when no order meets it.
        let urgency = ((156.0 - f64::from(deadline.weeks)) / 104.0).clamp(0.0, 1.0);
        let reach = DeadlineReach::of(&gaps.floor, framework, deadline.weeks);
        let points = if framework == Framework::Iso27001 { 20.0 } else { -20.0 } * urgency * reach.share();
        out.push(factor(FactorKind::DealDeadline { framework, weeks: deadline.weeks, reach }, points));
    }
    // Stable: equal weights keep the order above.
    out.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
    out
}

/// The factors that carried the decision for `first` (see [`Recommendation::drivers`]).
pub fn drivers(factors: &[Factor], first: Framework) -> Vec<usize> {
    let mut sum: f64 = factors.iter().filter(|f| f.favours() != Some(first)).map(|f| f.points).sum();
    let mut carried = Vec::new();
    for (i, f) in factors.iter().enumerate().filter(|(_, f)| f.favours() == Some(first)) {
        if framework_first(sum) == first {
            break;
        }
        carried.push(i);
        sum += f.points;
    }
    carried
}

fn framework_first(score: f64) -> Framework {
    // A tie goes to SOC 2: the default for B2B SaaS when nothing points elsewhere. Points come
    // in tenths, so anything under half a tenth is a tie that float sums left as noise; the
    // rounded score shown is then 0, and its sign still agrees with the order.
    if score > 0.05 { Framework::Iso27001 } else { Framework::Soc2 }
}

/// HIPAA and PCI DSS the client's data demands and it does not hold yet, in that order.
pub(crate) fn regulated_first(profile: &Profile) -> Vec<Target> {
    let mut out = Vec::new();
    if profile.regulations.contains(&Regulation::Hipaa) && !profile.certifications.contains(&Certification::Hipaa) {
        out.push(Target::Hipaa);
    }
    if profile.regulations.contains(&Regulation::PciDss) && !profile.certifications.contains(&Certification::PciDss) {
        out.push(Target::PciDss);
    }
    out
}

/// Buyers in both camps: at least 30% of the pipeline on each side.
fn needs_both(profile: &Profile) -> bool {
    let b = &profile.buyers;
    let na = b.north_america;
    let rest = b.europe.saturating_add(b.apac).saturating_add(b.middle_east_africa);
    na >= 30 && rest >= 30
}

pub fn recommend(profile: &Profile, gaps: &GapInputs) -> Recommendation {
    let factors = factors(profile, gaps);
    let score: f64 = factors.iter().map(|f| f.points).sum();
    let held: Vec<Framework> = Framework::ALL.into_iter().filter(|&f| profile.holds(f)).collect();
    // What the client already holds is a factor that outweighs the rest: the other is next.
    let first_fw = framework_first(score);
    let regulated = regulated_first(profile);
    let mut order = regulated.clone();
    order.extend([first_fw, first_fw.other()].into_iter().filter(|f| !held.contains(f)).map(Target::from));
    let both = held.is_empty() && needs_both(profile);
    let margin = score.abs();
    let confidence = if !held.is_empty() {
        Confidence::High
    } else if profile.buyers.total() == 0 {
        Confidence::Low
    } else if margin >= 30.0 {
        Confidence::High
    } else if margin >= 12.0 {
        Confidence::Medium
    } else {
        Confidence::Low
    };
    let flips = if held.is_empty() { flips(profile, gaps, first_fw) } else { Vec::new() };
    let drivers = drivers(&factors, first_fw);
    Recommendation {
        first: order.first().copied().unwrap_or(first_fw.into()),
        order,
        framework_first: first_fw,
        held,
        both,
        score: (score * 10.0).round() / 10.0,
        confidence,
        factors,
        drivers,
        flips,
    }
}

/// Candidate single changes of the profile, each with its size; the ones that flip the
/// framework order are the answer to "what would change your mind?".
fn flips(profile: &Profile, gaps: &GapInputs, current: Framework) -> Vec<Flip> {
    // (change, size, profile, kind): the smallest change of each kind is kept.
    let mut candidates: Vec<(FlipChange, f64, Profile, &str)> = Vec::new();
    let flips_it = |p: &Profile| framework_first(factors(p, gaps).iter().map(|f| f.points).sum()) != current;
    // Move pipeline share between North America and each other region, 5 points at a time;
    // the first step that flips is the smallest shift in that direction.
    for other in [Region::Europe, Region::Apac, Region::MiddleEastAfrica, Region::LatinAmerica] {
        for towards_na in [true, false] {
            let (from, to) = if towards_na { (other, Region::NorthAmerica) } else { (Region::NorthAmerica, other) };
            let smallest = (5..=profile.buyers.share(from)).step_by(5).find_map(|step| {
                let mut p = profile.clone();
                p.buyers.set(from, p.buyers.share(from) - step);
                p.buyers.set(to, p.buyers.share(to).saturating_add(step));
                flips_it(&p).then_some((step, p))
            });
            if let Some((step, p)) = smallest {
                candidates.push((
                    FlipChange::PipelineShift { points: step, from, to },
                    f64::from(step) / 10.0,
                    p,
                    "shift",
                ));
            }
        }
    }
    for regulation in Regulation::ALL {
        let mut p = profile.clone();
        let change = if p.regulations.remove(&regulation) {
            FlipChange::RegulationDropped { regulation }
        } else if plausible(profile, regulation) {
            p.regulations.insert(regulation);
            FlipChange::RegulationAdded { regulation }
        } else {
            continue;
        };
        candidates.push((change, 1.0, p, regulation.key()));
    }
    if let Some(deadline) = profile.deal_deadline() {
        let position = profile.deadlines.iter().position(|d| d == deadline).unwrap_or(0);
        let mut p = profile.clone();
        p.deadlines.remove(position);
        candidates.push((FlipChange::DeadlineRemoved, 1.0, p, "deadline"));
        for framework in Framework::ALL.into_iter().filter(|&f| deadline.framework != Some(f)) {
            let mut p = profile.clone();
            p.deadlines[position].framework = Some(framework);
            candidates.push((FlipChange::DeadlineAsksFor { weeks: deadline.weeks, framework }, 1.0, p, "deadline"));
        }
    } else {
        for framework in Framework::ALL {
            let mut p = profile.clone();
            let mut deal = crate::profile::Deadline::new(12, Some(framework), "");
            deal.set = None;
            p.deadlines.push(deal);
            candidates.push((FlipChange::SignedDeal { framework, weeks: 12 }, 1.0, p, "deadline"));
        }
    }
    let mut out: Vec<(Flip, &str)> = candidates
        .into_iter()
        .filter_map(|(change, size, p, kind)| {
            let score: f64 = factors(&p, gaps).iter().map(|f| f.points).sum();
            let now = framework_first(score);
            (now != current).then_some((Flip { change, result: now, size, profile: p }, kind))
        })
        .collect();
    out.sort_by(|(a, _), (b, _)| a.size.total_cmp(&b.size).then_with(|| a.change.cmp(&b.change)));
    // One of each kind: the smallest pipeline shift says all the larger ones would too.
    let mut seen: Vec<&str> = Vec::new();
    out.retain(|(_, kind)| {
        let first_of_kind = !seen.contains(kind);
        seen.push(kind);
        first_of_kind
    });
    out.into_iter().map(|(flip, _)| flip).take(4).collect()
}

/// Whether a regulation could apply to this client at all, so "what would change it" does
/// not suggest HIPAA to a European analytics firm with no US buyers.
fn plausible(profile: &Profile, regulation: Regulation) -> bool {
    let b = &profile.buyers;
    let in_europe = b.europe > 0 || profile.headquarters == Some(Region::Europe);
    let in_na = b.north_america > 0 || profile.headquarters == Some(Region::NorthAmerica);
    match regulation {
        // A NIS2 answer of "no" rules the flip out; "not yet known" keeps it worth naming.
        Regulation::Nis2 => in_europe && profile.nis2() != crate::profile::Applicability::No,
        Regulation::Gdpr => in_europe,
        Regulation::Dora => in_europe && profile.sector == Sector::Fintech,
        Regulation::Hipaa => in_na && profile.sector == Sector::Healthtech,
        Regulation::PciDss => matches!(profile.sector, Sector::Fintech | Sector::Saas | Sector::Other),
        Regulation::PublicProcurement => profile.sector != Sector::PublicSector,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_gaps() -> GapInputs {
        let zero = Range { low: 0.0, high: 0.0 };
        GapInputs {
            soc2_days: zero,
            iso_days: zero,
            soc2_full_days: 0.0,
            iso_full_days: 0.0,
            soc2_weeks: zero,
            iso_weeks: zero,
            known: 0.0,
            floor: CalendarFloor::default(),
        }
    }

    #[test]
    fn a_held_framework_is_a_factor_and_the_score_agrees_with_the_order() {
        // A SOC 2 Type II holder selling to North America: every other factor points to SOC 2.
        let mut p = Profile { headquarters: Some(Region::NorthAmerica), sector: Sector::Fintech, ..Profile::default() };
        p.buyers.north_america = 100;
        p.certifications.insert(Certification::Soc2Type2);
        p.deadlines = vec![crate::profile::Deadline::new(10, Some(Framework::Soc2), "2026-01-01")];
        let r = recommend(&p, &no_gaps());
        assert_eq!(r.framework_first, Framework::Iso27001);
        assert!(r.score > 0.0, "score {} must favour ISO 27001, which is next", r.score);
        let held = r.factors.iter().position(|f| f.kind == FactorKind::Holds { framework: Framework::Soc2 });
        assert_eq!(held, Some(0), "the held framework is the largest factor: {:?}", r.factors);
        assert_eq!(r.drivers, vec![0]);
    }

    #[test]
    fn a_deal_deadline_no_order_meets_weighs_by_the_delay_going_first_removes() {
        let p = Profile {
            deadlines: vec![crate::profile::Deadline::new(30, Some(Framework::Soc2), "")],
            ..Profile::default()
        };
        let weight = |soc2_first: i64, iso_first: i64| {
            let mut gaps = no_gaps();
            gaps.floor.weeks[Framework::Soc2.index()][Framework::Soc2.index()] = Some(soc2_first);
            gaps.floor.weeks[Framework::Iso27001.index()][Framework::Soc2.index()] = Some(iso_first);
            let f = factors(&p, &gaps).into_iter().find(|f| matches!(f.kind, FactorKind::DealDeadline { .. }));
            f.map(|f| f.points).expect("a deal deadline factor")
        };
        let reachable = weight(28, 50);
        assert_eq!(reachable, -20.0, "within reach by going first: the full weight");
        // 16 weeks late at the earliest, going first gains 11: 11 / 27 of the weight.
        let unreachable = weight(46, 57);
        assert!(unreachable.abs() < reachable.abs(), "{unreachable} against {reachable}");
        assert!((unreachable - -20.0 * 11.0 / 27.0).abs() < 0.05, "{unreachable}");
        assert_eq!(weight(46, 46), 0.0, "nothing gained by going first: no weight");
        // No floor known (nothing planned for it): the weight as before.
        assert_eq!(factors(&p, &no_gaps()).iter().map(|f| f.points).sum::<f64>(), -20.0);
    }

    #[test]
    fn drivers_leave_out_factors_that_did_not_carry_it() {
        let factors = vec![
            Factor {
                kind: FactorKind::DealDeadline {
                    framework: Framework::Soc2,
                    weeks: 30,
                    reach: DeadlineReach::Reachable,
                },
                points: -20.0,
            },
            Factor { kind: FactorKind::BuyerRegions { shares: vec![] }, points: 10.0 },
            Factor { kind: FactorKind::Headquarters { region: Region::Europe }, points: 5.0 },
            Factor { kind: FactorKind::Regulation { regulation: Regulation::Gdpr }, points: 5.0 },
            Factor { kind: FactorKind::ReadinessGap { soc2_open: 0.5, iso_open: 0.6, known: 0.5 }, points: -0.2 },
        ];
        // -20 alone against +20 already decides it (a tie goes to SOC 2): -0.2 did not carry it.
        assert_eq!(drivers(&factors, Framework::Soc2), vec![0]);
        assert!(drivers(&[], Framework::Soc2).is_empty(), "the default needs no driver");
    }
}
