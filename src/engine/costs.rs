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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostLine {
    pub category: CostCategory,
    pub item: CostItem,
    /// The framework it is for; none when it serves both (combined work, tools, tracks).
    pub framework: Option<Framework>,
    /// Programme year it falls in: 1, 2 or 3.
    pub year: u8,
    /// Events or years this line counts (two surveillance audits, three years of a tool).
    pub count: u32,
    pub amount: Money,
    /// The figure as the source quotes it (per event or per year), when it is a quote.
    pub original: Option<Price>,
    /// Person-days behind a labour line.
    pub days: Option<Range>,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Totals {
    pub year1: Money,
    pub three_year: Money,
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
    pub lines: Vec<CostLine>,
    pub totals: Totals,
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
    pub tools: Money,
    pub total: Money,
}

const WEEKS_PER_YEAR: u32 = 52;
const YEARS: u32 = 3;

fn year_of(week: u32) -> Option<u8> {
    let y = week / WEEKS_PER_YEAR + 1;
    (y <= YEARS).then_some(y as u8)
}

fn convert(rates: &Rates, price: Price, to: Currency) -> Money {
    Money {
        low: rates.convert(price.low, price.currency, to),
        high: price.high.map(|h| rates.convert(h, price.currency, to)),
    }
}

fn event_of(kind: MilestoneKind) -> Option<AuditEvent> {
    match kind {
        MilestoneKind::Type1Report => Some(AuditEvent::Type1),
        MilestoneKind::Type2Report | MilestoneKind::Type2Renewal => Some(AuditEvent::Type2),
        MilestoneKind::Stage1 => Some(AuditEvent::Stage1And2),
        MilestoneKind::Surveillance1 | MilestoneKind::Surveillance2 => Some(AuditEvent::Surveillance),
        MilestoneKind::Recertification => Some(AuditEvent::Recertification),
        _ => None,
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
    // External audits, one line per event and year; the SOC 2 Type II comes every year.
    let mut events: Vec<(AuditEvent, Framework, u32)> = Vec::new();
    for m in milestones {
        let (Some(event), Some(fw)) = (event_of(m.kind), m.framework) else { continue };
        events.push((event, fw, m.week));
        if m.kind == MilestoneKind::Type2Renewal {
            let mut w = m.week + WEEKS_PER_YEAR;
            while w < YEARS * WEEKS_PER_YEAR {
                events.push((event, fw, w));
                w += WEEKS_PER_YEAR;
            }
        }
    }
    for (event, fw, week) in events {
        let (Some(year), Some(fee)) = (year_of(week), rates.fee(event, large)) else { continue };
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
            count: 1,
            amount,
            original: Some(fee.price),
            days: None,
            source: fee.source.clone(),
        });
    }
    // Labour: the work items by the year they end in; part of the security / GRC work is
    // bought in (outside help), the rest is the client's own time.
    let day = |rate: [f64; 2]| {
        [rates.convert(rate[0], rates.day_currency, to), rates.convert(rate[1], rates.day_currency, to)]
    };
    let (internal, consultant) = (day(rates.internal_day), day(rates.consultant_day));
    let [out_low, out_high] = rates.outside_share;
    let framework_of = |p: Programme| match p {
        Programme::First => Some(first),
        Programme::Second => Some(first.other()),
        Programme::Combined | Programme::Track(_) => None,
    };
    for item in items {
        let Some(year) = year_of(item.end_week.saturating_sub(1)) else { continue };
        let fw = framework_of(item.programme);
        let bought = item.owner == Owner::Security;
        let own = if bought {
            Range { low: item.days.low * (1.0 - out_high), high: item.days.high * (1.0 - out_low) }
        } else {
            item.days
        };
        let mut add = |category: CostCategory, days: Range, rate: [f64; 2], what: &str| {
            if days.high <= 0.0 {
                return;
            }
            let amount = Money::range(days.low * rate[0], days.high * rate[1]);
            match lines.iter_mut().find(|l| l.category == category && l.framework == fw && l.year == year) {
                Some(line) => {
                    line.amount = line.amount + amount;
                    line.days = line.days.map(|d| d + days);
                }
                None => lines.push(CostLine {
                    category,
                    item: CostItem::Readiness,
                    framework: fw,
                    year,
                    count: 1,
                    amount,
                    original: None,
                    days: Some(days),
                    source: labour_source(rates, what),
                }),
            }
        };
        add(CostCategory::InternalLabour, own, internal, "person-days of the plan at the internal day rate");
        if bought {
            let help = Range { low: item.days.low * out_low, high: item.days.high * out_high };
            add(CostCategory::OutsideHelp, help, consultant, "share of the security / GRC days at the consultant rate");
        }
    }
    // Upkeep once a report or certificate is in hand (or from the start when held): the
    // yearly run work, for the part of each year it runs.
    let live = |fw: Framework| {
        let kinds: &[MilestoneKind] = match fw {
            Framework::Soc2 => &[MilestoneKind::Type2Report, MilestoneKind::Type2Renewal],
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
                count: 1,
                amount: Money::range(days.low * internal[0], days.high * internal[1]),
                original: None,
                days: Some(days),
                source: labour_source(rates, "yearly run work at the internal day rate"),
            });
        }
    }
    for tool in &rates.tools {
        for year in 1..=YEARS {
            lines.push(CostLine {
                category: CostCategory::Tools,
                item: CostItem::Tool(tool.tool),
                framework: None,
                year: year as u8,
                count: 1,
                amount: convert(rates, tool.price, to),
                original: Some(tool.price),
                days: None,
                source: tool.source.clone(),
            });
        }
    }
    for line in &mut lines {
        line.amount = line.amount.rounded();
    }
    lines.sort_by(|a, b| a.year.cmp(&b.year).then(a.category.cmp(&b.category)).then(a.framework.cmp(&b.framework)));
    let sum = |pick: &dyn Fn(&CostLine) -> bool| {
        lines.iter().filter(|l| pick(l)).fold(Money::range(0.0, 0.0), |acc, l| acc + l.amount)
    };
    let totals = Totals { year1: sum(&|l| l.year == 1), three_year: sum(&|_| true) };
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
    Costs { currency: to, lines, totals, references, exchange: rates.currency_source.clone() }
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
    let fees = [AuditEvent::Type2, AuditEvent::Surveillance]
        .into_iter()
        .filter_map(|e| rates.fee(e, large))
        .fold(Money::range(0.0, 0.0), |acc, f| acc + convert(rates, f.price, to))
        .rounded();
    let tools = rates.tools.iter().fold(Money::range(0.0, 0.0), |acc, t| acc + convert(rates, t.price, to)).rounded();
    RunCost { lines, days, labour, fees, tools, total: labour + fees + tools }
}
