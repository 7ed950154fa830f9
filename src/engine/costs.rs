//! Costs like for like: one table per plan in the client's currency, by category (external
//! audit fees per event, internal labour, outside help, tools), each line a low-high range
//! with its source and date, totalled for year 1 and for three years; and the yearly cost of
//! keeping the reports and certificates once they are in hand.

use super::effort::Range;
use super::rates::{AuditEvent, ForFramework, Price, Rates, RunActivity, Source, Tool};
use super::roadmap::{LARGE_SCOPE_HEADCOUNT, Milestone, MilestoneKind, PlanItem, Programme};
use crate::framework::Framework;
use crate::profile::{Currency, Profile};
use crate::questionnaire::Owner;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CostCategory {
    AuditFee,
    InternalLabour,
    OutsideHelp,
    Tools,
}

impl CostCategory {
    pub fn key(self) -> &'static str {
        match self {
            CostCategory::AuditFee => "audit_fee",
            CostCategory::InternalLabour => "internal_labour",
            CostCategory::OutsideHelp => "outside_help",
            CostCategory::Tools => "tools",
        }
    }
}

/// What a cost line pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "of")]
pub enum CostItem {
    Audit(AuditEvent),
    /// Building the controls (the plan's work items).
    Readiness,
    /// Keeping them: the yearly run work.
    Upkeep,
    Tool(Tool),
}

impl CostItem {
    pub fn key(self) -> &'static str {
        match self {
            CostItem::Audit(e) => e.key(),
            CostItem::Readiness => "readiness",
            CostItem::Upkeep => "upkeep",
            CostItem::Tool(t) => t.key(),
        }
    }
}

/// An amount in the client's currency; `high` none for an open range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Money {
    pub low: f64,
    pub high: Option<f64>,
}

impl std::ops::Add for Money {
    type Output = Money;

    fn add(self, other: Money) -> Money {
        Money { low: self.low + other.low, high: self.high.zip(other.high).map(|(a, b)| a + b) }
    }
}

impl Money {
    fn range(low: f64, high: f64) -> Money {
        Money { low, high: Some(high) }
    }

    fn rounded(self) -> Money {
        let r = |v: f64| (v / 100.0).round() * 100.0;
        Money { low: r(self.low), high: self.high.map(r) }
    }
}

/// Whether a line is new money or what the client already pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Spend {
    /// New spend the programme adds.
    #[default]
    New,
    /// A tool or service the client already has and pays for (profile `tools_held`): the
    /// current run-rate, not part of the programme's incremental cost.
    Current,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostLine {
    pub category: CostCategory,
    pub item: CostItem,
    /// The framework it is for; none when it serves both (combined work, tools, tracks).
    pub framework: Option<Framework>,
    /// Programme year it falls in: 1 is weeks 0-51 from the programme start, 2 weeks 52-103,
    /// 3 weeks 104-155; above 3 only in [`Costs::later`].
    pub year: u8,
    /// Week of its first event (an audit fee: when the audit's fieldwork or invoice falls);
    /// none for labour and tools, spread over the year.
    pub week: Option<u32>,
    /// Events or years this line counts (two surveillance audits, three years of a tool).
    pub count: u32,
    pub amount: Money,
    /// The figure as the source quotes it (per event or per year), when it is a quote.
    pub original: Option<Price>,
    /// Person-days behind a labour line.
    pub days: Option<Range>,
    pub spend: Spend,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Totals {
    pub year1: Money,
    pub three_year: Money,
}

/// One programme year, in weeks from the programme start (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearSpan {
    pub year: u8,
    pub start_week: u32,
    pub end_week: u32,
}

/// How the labour lines tie to the plan's person-days: every work item's days are in exactly
/// one readiness line (internal or outside help), in the year the item ends.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabourTie {
    /// The plan's person-days (the sum of its work items).
    pub plan_days: Range,
    /// The client's own days and the days bought in; together the plan's days.
    pub internal_days: Range,
    pub outside_days: Range,
    /// Share of the security / GRC workstream's days bought in (midpoint of the rates file's
    /// range, the same for both ends so the two parts add up to the plan's days).
    pub outside_share: f64,
    /// Readiness days by the year their items end (years 1-3, then any later).
    pub by_year: Vec<(u8, Range)>,
}

/// An all-in market figure, shown beside the plan's totals as a check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    pub framework: Framework,
    pub amount: Money,
    pub original: Price,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Costs {
    pub currency: Currency,
    /// Years 1 to 3.
    pub lines: Vec<CostLine>,
    /// New spend: year 1 and three years, without what the client already pays.
    pub totals: Totals,
    /// What the client already pays for the tools it holds, over the same years.
    pub current: Totals,
    pub years: Vec<YearSpan>,
    /// Events after the three years (the ISO 27001 recertification, usually year 4), for the
    /// footnote; not in the totals.
    pub later: Vec<CostLine>,
    pub labour: LabourTie,
    pub references: Vec<Reference>,
    /// The exchange rates used, and where they come from.
    pub exchange: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunLine {
    pub activity: RunActivity,
    pub framework: ForFramework,
    pub days: Range,
}

/// Keeping both reports and certificates a year, once in hand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunCost {
    pub lines: Vec<RunLine>,
    pub days: Range,
    pub labour: Money,
    /// Yearly external audits: the Type II report and an ISO surveillance audit.
    pub fees: Money,
    /// Tools the client does not hold yet, a year.
    pub tools: Money,
    /// Tools it already pays for, a year (the current run-rate, not in `total`).
    pub tools_current: Money,
    pub total: Money,
}

pub const WEEKS_PER_YEAR: u32 = 52;
const YEARS: u32 = 3;

/// The programme year a week falls in: week 0 to 51 is year 1.
pub fn year_of(week: u32) -> u8 {
    u8::try_from(week / WEEKS_PER_YEAR + 1).unwrap_or(u8::MAX)
}

fn convert(rates: &Rates, price: Price, to: Currency) -> Money {
    Money {
        low: rates.convert(price.low, price.currency, to),
        high: price.high.map(|h| rates.convert(h, price.currency, to)),
    }
}

/// The audit fees a milestone brings, and the week each falls in.
fn events_of(m: &Milestone, milestones: &[Milestone]) -> Vec<(AuditEvent, u32)> {
    let at = |kind: MilestoneKind| {
        milestones.iter().find(|o| o.framework == m.framework && o.kind == kind).map_or(m.week, |o| o.week)
    };
    match m.kind {
        MilestoneKind::Type1Report => vec![(AuditEvent::Type1, m.week)],
        // The Type II fieldwork (and the firm's invoice) follows the end of the period, not
        // the report's issue date.
        MilestoneKind::Type2Report => vec![(AuditEvent::Type2, at(MilestoneKind::ObservationEnd))],
        MilestoneKind::Type2Renewal => vec![(AuditEvent::Type2, m.week)],
        MilestoneKind::ReadinessCheck => vec![(AuditEvent::ReadinessCheck, m.week)],
        MilestoneKind::InternalAuditAndReview => vec![(AuditEvent::InternalAudit, m.week)],
        MilestoneKind::Stage1 => vec![(AuditEvent::Stage1And2, m.week)],
        // Each surveillance audit and the recertification follow a year's internal audit, in
        // the week that audit is planned (weeks before the external one).
        MilestoneKind::YearlyInternalAudit => vec![(AuditEvent::InternalAudit, m.week)],
        MilestoneKind::Surveillance1 | MilestoneKind::Surveillance2 => vec![(AuditEvent::Surveillance, m.week)],
        MilestoneKind::Recertification => vec![(AuditEvent::Recertification, m.week)],
        _ => Vec::new(),
    }
}

fn labour_source(rates: &Rates, what: &str) -> Source {
    Source { text: format!("{what}: {}", rates.day_source.text), date: rates.day_source.date.clone() }
}

/// The cost table of one plan.
pub fn costs<'a>(
    profile: &Profile,
    rates: &Rates,
    items: impl Iterator<Item = &'a PlanItem>,
    milestones: &[Milestone],
    first: Framework,
    scale: f64,
) -> Costs {
    let to = profile.currency();
    let large = profile.headcount > LARGE_SCOPE_HEADCOUNT;
    let mut lines: Vec<CostLine> = Vec::new();
    // External audits, one line per event and year, by the week each falls in; the SOC 2
    // Type II comes every year.
    let mut events: Vec<(AuditEvent, Framework, u32)> = Vec::new();
    for m in milestones {
        let Some(fw) = m.framework else { continue };
        for (event, week) in events_of(m, milestones) {
            events.push((event, fw, week));
        }
        if m.kind == MilestoneKind::Type2Renewal {
            let mut w = m.week + WEEKS_PER_YEAR;
            while w < YEARS * WEEKS_PER_YEAR {
                events.push((AuditEvent::Type2, fw, w));
                w += WEEKS_PER_YEAR;
            }
        }
    }
    events.sort_by_key(|&(_, _, week)| week);
    for (event, fw, week) in events {
        let Some(fee) = rates.fee(event, large) else { continue };
        let year = year_of(week);
        let amount = convert(rates, fee.price, to);
        if let Some(line) = lines.iter_mut().find(|l| l.item == CostItem::Audit(event) && l.year == year) {
            line.count += 1;
            line.amount = line.amount + amount;
            continue;
        }
        lines.push(CostLine {
            category: CostCategory::AuditFee,
            item: CostItem::Audit(event),
            framework: Some(fw),
            year,
            week: Some(week),
            count: 1,
            amount,
            original: Some(fee.price),
            days: None,
            spend: Spend::New,
            source: fee.source.clone(),
        });
    }
    // Labour: the work items by the year they end in; a share of the security / GRC work is
    // bought in (outside help), the rest is the client's own time. One share for both ends of
    // the range, so the internal and outside days add up to the plan's days.
    let day = |rate: [f64; 2]| {
        [rates.convert(rate[0], rates.day_currency, to), rates.convert(rate[1], rates.day_currency, to)]
    };
    let (internal, consultant) = (day(rates.internal_day), day(rates.consultant_day));
    let outside_share = (rates.outside_share[0] + rates.outside_share[1]) / 2.0;
    let framework_of = |p: Programme| match p {
        Programme::First => Some(first),
        Programme::Second => Some(first.other()),
        Programme::Combined | Programme::Track(_) => None,
    };
    let mut tie = LabourTie {
        plan_days: Range::default(),
        internal_days: Range::default(),
        outside_days: Range::default(),
        outside_share,
        by_year: Vec::new(),
    };
    for item in items {
        let year = year_of(item.end_week.saturating_sub(1));
        let fw = framework_of(item.programme);
        let bought = item.owner == Owner::Security;
        let share = if bought { outside_share } else { 0.0 };
        let own = item.days.scale(1.0 - share);
        let help = item.days.scale(share);
        tie.plan_days = tie.plan_days + item.days;
        tie.internal_days = tie.internal_days + own;
        tie.outside_days = tie.outside_days + help;
        match tie.by_year.iter_mut().find(|(y, _)| *y == year) {
            Some((_, days)) => *days = *days + item.days,
            None => tie.by_year.push((year, item.days)),
        }
        let mut add = |category: CostCategory, days: Range, rate: [f64; 2], what: &str| {
            if days.high <= 0.0 {
                return;
            }
            let amount = Money::range(days.low * rate[0], days.high * rate[1]);
            let same = |l: &&mut CostLine| {
                l.category == category && l.item == CostItem::Readiness && l.framework == fw && l.year == year
            };
            match lines.iter_mut().find(same) {
                Some(line) => {
                    line.amount = line.amount + amount;
                    line.days = line.days.map(|d| d + days);
                }
                None => lines.push(CostLine {
                    category,
                    item: CostItem::Readiness,
                    framework: fw,
                    year,
                    week: None,
                    count: 1,
                    amount,
                    original: None,
                    days: Some(days),
                    spend: Spend::New,
                    source: labour_source(rates, what),
                }),
            }
        };
        add(CostCategory::InternalLabour, own, internal, "person-days of the plan at the internal day rate");
        if bought {
            add(CostCategory::OutsideHelp, help, consultant, "share of the security / GRC days at the consultant rate");
        }
    }
    tie.by_year.sort_by_key(|(y, _)| *y);
    // Upkeep: the yearly run work, for the part of each year it runs: from the day the SOC 2
    // observation window opens (its reviews and evidence are what the period tests), from the
    // ISO 27001 certificate, or from the start when held.
    let live = |fw: Framework| {
        let kinds: &[MilestoneKind] = match fw {
            Framework::Soc2 => &[MilestoneKind::ObservationStart, MilestoneKind::Type2Renewal],
            Framework::Iso27001 => &[MilestoneKind::Certificate, MilestoneKind::Surveillance1],
        };
        milestones
            .iter()
            .filter(|m| m.framework == Some(fw) && kinds.contains(&m.kind))
            .map(|m| if m.upkeep { 0 } else { m.week })
            .min()
    };
    let since = Framework::ALL.map(live);
    for year in 1..=YEARS {
        let (from, to_week) = ((year - 1) * WEEKS_PER_YEAR, year * WEEKS_PER_YEAR);
        let mut days = Range::default();
        for run in &rates.run {
            let start = Framework::ALL
                .into_iter()
                .filter(|&fw| run.framework.serves(fw))
                .filter_map(|fw| since[fw.index()])
                .min();
            let Some(start) = start else { continue };
            let weeks = to_week.saturating_sub(start.max(from)).min(WEEKS_PER_YEAR);
            let share = f64::from(weeks) / f64::from(WEEKS_PER_YEAR) * scale;
            days = days + Range { low: run.days[0] * share, high: run.days[1] * share };
        }
        if days.high > 0.0 {
            lines.push(CostLine {
                category: CostCategory::InternalLabour,
                item: CostItem::Upkeep,
                framework: None,
                year: year as u8,
                week: None,
                count: 1,
                amount: Money::range(days.low * internal[0], days.high * internal[1]),
                original: None,
                days: Some(days),
                spend: Spend::New,
                source: labour_source(rates, "yearly run work at the internal day rate"),
            });
        }
    }
    for tool in &rates.tools {
        let spend = if profile.holds_tool(tool.tool) { Spend::Current } else { Spend::New };
        for year in 1..=YEARS {
            lines.push(CostLine {
                category: CostCategory::Tools,
                item: CostItem::Tool(tool.tool),
                framework: None,
                year: year as u8,
                week: None,
                count: 1,
                amount: convert(rates, tool.price, to),
                original: Some(tool.price),
                days: None,
                spend,
                source: tool.source.clone(),
            });
        }
    }
    for line in &mut lines {
        line.amount = line.amount.rounded();
    }
    lines.sort_by(|a, b| {
        a.year
            .cmp(&b.year)
            .then(a.spend.cmp(&b.spend))
            .then(a.category.cmp(&b.category))
            .then(a.framework.cmp(&b.framework))
    });
    let (mut lines, later): (Vec<CostLine>, Vec<CostLine>) =
        lines.into_iter().partition(|l| u32::from(l.year) <= YEARS);
    lines.shrink_to_fit();
    let sum = |spend: Spend, pick: &dyn Fn(&CostLine) -> bool| {
        lines.iter().filter(|l| l.spend == spend && pick(l)).fold(Money::range(0.0, 0.0), |acc, l| acc + l.amount)
    };
    let totals_of = |spend: Spend| Totals { year1: sum(spend, &|l| l.year == 1), three_year: sum(spend, &|_| true) };
    let totals = totals_of(Spend::New);
    let current = totals_of(Spend::Current);
    let years = (1..=YEARS)
        .map(|y| YearSpan { year: y as u8, start_week: (y - 1) * WEEKS_PER_YEAR, end_week: y * WEEKS_PER_YEAR })
        .collect();
    let references = Framework::ALL
        .into_iter()
        .filter(|&fw| !profile.holds(fw))
        .flat_map(|fw| rates.references(fw, large))
        .map(|r| Reference {
            framework: r.framework,
            amount: convert(rates, r.price, to).rounded(),
            original: r.price,
            source: r.source.clone(),
        })
        .collect();
    Costs {
        currency: to,
        lines,
        totals,
        current,
        years,
        later,
        labour: tie,
        references,
        exchange: rates.currency_source.clone(),
    }
}

/// The yearly cost of keeping both frameworks once in hand.
pub fn run_cost(profile: &Profile, rates: &Rates, scale: f64) -> RunCost {
    let to = profile.currency();
    let large = profile.headcount > LARGE_SCOPE_HEADCOUNT;
    let lines: Vec<RunLine> = rates
        .run
        .iter()
        .map(|r| RunLine {
            activity: r.activity,
            framework: r.framework,
            days: Range { low: r.days[0] * scale, high: r.days[1] * scale },
        })
        .collect();
    let days = lines.iter().fold(Range::default(), |acc, l| acc + l.days);
    let internal = [
        rates.convert(rates.internal_day[0], rates.day_currency, to),
        rates.convert(rates.internal_day[1], rates.day_currency, to),
    ];
    let labour = Money::range(days.low * internal[0], days.high * internal[1]).rounded();
    let fees = [AuditEvent::Type2, AuditEvent::Surveillance, AuditEvent::InternalAudit]
        .into_iter()
        .filter_map(|e| rates.fee(e, large))
        .fold(Money::range(0.0, 0.0), |acc, f| acc + convert(rates, f.price, to))
        .rounded();
    let tools_where = |held: bool| {
        rates
            .tools
            .iter()
            .filter(|t| profile.holds_tool(t.tool) == held)
            .fold(Money::range(0.0, 0.0), |acc, t| acc + convert(rates, t.price, to))
            .rounded()
    };
    let (tools, tools_current) = (tools_where(false), tools_where(true));
    RunCost { lines, days, labour, fees, tools, tools_current, total: labour + fees + tools }
}
