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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factor {
    pub name: String,
    pub detail: String,
    /// Signed contribution: positive favours ISO 27001, negative SOC 2.
    pub points: f64,
}

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

/// A change of input that would flip the decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flip {
    pub change: String,
    pub result: String,
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
    /// Sum of the factors' points.
    pub score: f64,
    pub confidence: &'static str,
    /// Ranked by weight (absolute points), largest first.
    pub factors: Vec<Factor>,
    /// The smallest changes that flip SOC 2 / ISO 27001 order, smallest first.
    pub flips: Vec<Flip>,
    /// SOC 2 Type I stopgap or deadline warning, when a deadline is set.
    pub deadline_advice: Option<String>,
    pub summary: String,
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

fn region_short(region: Region) -> &'static str {
    match region {
        Region::NorthAmerica => "North America",
        Region::Europe => "Europe",
        Region::Apac => "APAC",
        Region::MiddleEastAfrica => "Middle East/Africa",
        Region::LatinAmerica => "Latin America",
    }
}

fn factor(name: &str, detail: String, points: f64) -> Factor {
    Factor { name: name.to_string(), detail, points: (points * 10.0).round() / 10.0 }
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
        let shares: Vec<String> = Region::ALL
            .into_iter()
            .filter(|&r| buyers.share(r) > 0)
            .map(|r| format!("{}% {}", buyers.share(r), region_short(r)))
            .collect();
        out.push(factor("Buyer regions", format!("Pipeline: {}", shares.join(", ")), 0.5 * (iso_markets - na)));
    }
    match profile.headquarters {
        Some(Region::Europe) => out.push(factor("Headquarters", "Headquartered in Europe".into(), 5.0)),
        Some(Region::NorthAmerica) => out.push(factor("Headquarters", "Headquartered in North America".into(), -5.0)),
        Some(Region::Apac | Region::MiddleEastAfrica) => {
            out.push(factor("Headquarters", "Headquartered outside North America and Europe".into(), 3.0))
        }
        _ => {}
    }
    let na_share = na / 100.0;
    match profile.sector {
        Sector::Fintech | Sector::Healthtech if na_share > 0.0 => out.push(factor(
            "Sector",
            format!("{} selling in North America: buyers expect a SOC 2 Type II report", profile.sector.label()),
            -15.0 * na_share,
        )),
        Sector::PublicSector => out.push(factor(
            "Sector",
            "Public-sector supplier: procurement outside North America asks for ISO certification".into(),
            15.0 * (1.0 - na_share),
        )),
        _ => {}
    }
    for regulation in &profile.regulations {
        let (points, detail) = match regulation {
            Regulation::Nis2 => (15.0, "NIS2 in scope: EU supervisors and buyers read ISO 27001 as the baseline"),
            Regulation::Dora => (20.0, "DORA applies: EU financial entities and their ICT providers map to ISO 27001"),
            Regulation::Gdpr => (5.0, "GDPR Article 32 pairs naturally with an ISO 27001 ISMS"),
            Regulation::Hipaa => (-10.0, "HIPAA: US health buyers pair it with a SOC 2 report"),
            Regulation::PciDss => (0.0, "PCI DSS applies to card data whichever framework comes next"),
            Regulation::PublicProcurement => {
                (15.0 * (1.0 - na_share), "Public-sector buyers: tenders outside North America often require ISO 27001")
            }
        };
        if points != 0.0 {
            out.push(factor(&format!("Regulation: {}", regulation.label()), detail.into(), points));
        }
    }
    // A framework already held is not a factor but a fact: `recommend` takes it out of the
    // order. A Type I report is a start on SOC 2, not the report buyers want.
    if profile.certifications.contains(&Certification::Soc2Type1) && !profile.holds(Framework::Soc2) {
        out.push(factor(
            "Existing: SOC 2 Type I report",
            "Holds a SOC 2 Type I: the Type II is the natural next step".into(),
            -10.0,
        ));
    }
    // Compare how much of each framework is still open, not how big each is: ISO 27001 is
    // always more work from nothing, which says nothing about this client's readiness.
    let open = |days: Range, full: f64| if full > 0.0 { (days.high / full).clamp(0.0, 1.0) } else { 0.0 };
    let (soc2_open, iso_open) = (open(gaps.soc2_days, gaps.soc2_full_days), open(gaps.iso_days, gaps.iso_full_days));
    let known = if gaps.known.is_finite() { gaps.known.clamp(0.0, 1.0) } else { 0.0 };
    // At most 10 points: readiness breaks ties, it does not overrule the buyers.
    let points = 10.0 * known * (soc2_open - iso_open);
    if points.abs() >= 0.05 {
        out.push(factor(
            "Readiness gap",
            format!(
                "{:.0}% of the SOC 2 work still open, {:.0}% of the ISO 27001 work ({:.0}% of it known from answers)",
                soc2_open * 100.0,
                iso_open * 100.0,
                known * 100.0
            ),
            points,
        ));
    }
    if let Some(deadline) = &profile.deadline
        && let Some(framework) = deadline.framework
    {
        // A deal within a year weighs the full 20 points, fading to nothing at three years.
        let urgency = ((156.0 - f64::from(deadline.weeks)) / 104.0).clamp(0.0, 1.0);
        let points = if framework == Framework::Iso27001 { 20.0 } else { -20.0 } * urgency;
        out.push(factor(
            "Deal deadline",
            format!("A deal needs {} within {} weeks", framework.label(), deadline.weeks),
            points,
        ));
    }
    out.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()).then_with(|| a.name.cmp(&b.name)));
    out
}

fn framework_first(score: f64) -> Framework {
    // A tie goes to SOC 2: the default for B2B SaaS when nothing points elsewhere.
    if score > 0.0 { Framework::Iso27001 } else { Framework::Soc2 }
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
    // What the client already holds is not in question: the other framework is next.
    let first_fw = match held.as_slice() {
        [only] => only.other(),
        _ => framework_first(score),
    };
    let regulated = regulated_first(profile);
    let mut order = regulated.clone();
    order.extend([first_fw, first_fw.other()].into_iter().filter(|f| !held.contains(f)).map(Target::from));
    let both = held.is_empty() && needs_both(profile);
    let margin = score.abs();
    let confidence = if !held.is_empty() {
        "high"
    } else if profile.buyers.total() == 0 {
        "low"
    } else if margin >= 30.0 {
        "high"
    } else if margin >= 12.0 {
        "medium"
    } else {
        "low"
    };
    let flips = if held.is_empty() { flips(profile, gaps, first_fw) } else { Vec::new() };
    let deadline_advice = deadline_advice(profile, gaps, first_fw);
    let summary = summary(first_fw, &regulated, both, &held, &factors);
    Recommendation {
        first: order.first().copied().unwrap_or(first_fw.into()),
        order,
        framework_first: first_fw,
        held,
        both,
        score: (score * 10.0).round() / 10.0,
        confidence,
        factors,
        flips,
        deadline_advice,
        summary,
    }
}

fn summary(first: Framework, regulated: &[Target], both: bool, held: &[Framework], factors: &[Factor]) -> String {
    let mut s = String::new();
    if !regulated.is_empty() {
        let names: Vec<&str> = regulated.iter().map(|t| t.label()).collect();
        s.push_str(&format!("{} first: the data the client handles demands it. Then: ", names.join(" and ")));
    }
    match held {
        [a, b] => {
            s.push_str(&format!(
                "keep both {} and {} current: surveillance audits and the yearly Type II report.",
                a.label(),
                b.label()
            ));
            return s;
        }
        [one] => {
            s.push_str(&format!(
                "{} next: the client already holds {}, which carries much of the work over.",
                first.label(),
                one.label()
            ));
            return s;
        }
        _ => {}
    }
    let reasons: Vec<&str> =
        factors.iter().filter(|f| f.favours() == Some(first)).take(2).map(|f| f.name.as_str()).collect();
    s.push_str(&format!("{} first", first.label()));
    if both {
        s.push_str(&format!(", with {} straight after: buyers on both sides ask for it", first.other().label()));
    } else {
        s.push_str(&format!(", then add {}", first.other().label()));
    }
    if reasons.is_empty() {
        s.push_str(" (no strong driver either way: the default for B2B SaaS).");
    } else {
        s.push_str(&format!(" (driven by {}).", reasons.join(" and ")));
    }
    s
}

/// Candidate single changes of the profile, each with its size; the ones that flip the
/// framework order are the answer to "what would change your mind?".
fn flips(profile: &Profile, gaps: &GapInputs, current: Framework) -> Vec<Flip> {
    // (change, size, profile, kind): the smallest change of each kind is kept.
    let mut candidates: Vec<(String, f64, Profile, &str)> = Vec::new();
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
                let change = format!("{step} points of pipeline move from {} to {}", from.label(), to.label());
                candidates.push((change, f64::from(step) / 10.0, p, "shift"));
            }
        }
    }
    for regulation in Regulation::ALL {
        let mut p = profile.clone();
        let change = if p.regulations.remove(&regulation) {
            format!("{} no longer applies", regulation.label())
        } else if plausible(profile, regulation) {
            p.regulations.insert(regulation);
            format!("{} applies", regulation.label())
        } else {
            continue;
        };
        candidates.push((change, 1.0, p, regulation.key()));
    }
    if let Some(deadline) = &profile.deadline {
        let mut p = profile.clone();
        p.deadline = None;
        candidates.push(("the deal deadline goes away".into(), 1.0, p, "deadline"));
        for framework in Framework::ALL.into_iter().filter(|&f| deadline.framework != Some(f)) {
            let mut p = profile.clone();
            p.deadline = Some(crate::profile::Deadline { framework: Some(framework), ..deadline.clone() });
            let change = format!("the deal within {} weeks asks for {} instead", deadline.weeks, framework.label());
            candidates.push((change, 1.0, p, "deadline"));
        }
    } else {
        for framework in Framework::ALL {
            let mut p = profile.clone();
            p.deadline = Some(crate::profile::Deadline { weeks: 12, framework: Some(framework), set: None });
            let change = format!("a signed deal requires {} within 12 weeks", framework.label());
            candidates.push((change, 1.0, p, "deadline"));
        }
    }
    let mut out: Vec<(Flip, &str)> = candidates
        .into_iter()
        .filter_map(|(change, size, p, kind)| {
            let score: f64 = factors(&p, gaps).iter().map(|f| f.points).sum();
            let now = framework_first(score);
            (now != current)
                .then(|| (Flip { change, result: format!("{} first", now.label()), size, profile: p }, kind))
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

fn weeks_text(weeks: Range) -> String {
    let (low, high) = (weeks.low.ceil(), weeks.high.ceil());
    if low == high { format!("about {high:.0} weeks") } else { format!("{low:.0}-{high:.0} weeks") }
}

/// When a deal deadline falls inside the Type II observation window, a Type I report can
/// bridge it; when even that cannot make it, say so plainly. Weeks are the roadmap's own
/// arithmetic (readiness + fixed audit lead times), as a low-high range.
fn deadline_advice(profile: &Profile, gaps: &GapInputs, first: Framework) -> Option<String> {
    let deadline = profile.deadline.as_ref()?;
    let weeks = f64::from(deadline.weeks);
    let wants = deadline.framework.unwrap_or(first);
    if profile.holds(wants) {
        let what = if wants == Framework::Soc2 { "SOC 2 Type II report" } else { "ISO 27001 certificate" };
        return Some(format!("The client already holds a {what}: share it with the buyer under NDA."));
    }
    if deadline.weeks == 0 {
        return Some(format!(
            "The deal's deadline for {} has passed: agree a new date with the buyer, backed by this roadmap.",
            wants.label()
        ));
    }
    let offset = |r: Range, add: f64| Range { low: r.low + add, high: r.high + add };
    Some(match wants {
        Framework::Soc2 => {
            let ready = gaps.soc2_weeks;
            let months = profile.observation_window();
            let window = f64::from(months) * WEEKS_PER_MONTH;
            let type2 = offset(ready, window + TYPE2_REPORT_WEEKS);
            let type1 = offset(ready, TYPE1_WEEKS);
            if weeks >= type2.high.ceil() {
                format!("A SOC 2 Type II report fits the {weeks:.0}-week deadline ({}).", weeks_text(type2))
            } else if weeks >= type1.low.ceil() {
                let bridge = if weeks < offset(ready, window).high.ceil() {
                    "while the Type II observation window runs"
                } else {
                    "until the Type II report is issued"
                };
                format!(
                    "A Type II report needs {} (readiness, a {months}-month observation window, ~{TYPE2_REPORT_WEEKS:.0} weeks to report): past the {weeks:.0}-week deadline. Offer a SOC 2 Type I report as a stopgap ({}) {bridge}.",
                    weeks_text(type2),
                    weeks_text(type1)
                )
            } else {
                format!(
                    "Even a SOC 2 Type I report needs {}, past the {weeks:.0}-week deadline: share the roadmap and a readiness letter with the buyer and negotiate the date.",
                    weeks_text(type1)
                )
            }
        }
        Framework::Iso27001 => {
            let cert = offset(gaps.iso_weeks, ISMS_RUN_IN_WEEKS + STAGES_TO_CERTIFICATE_WEEKS);
            if weeks >= cert.high.ceil() {
                format!("ISO 27001 certification fits the {weeks:.0}-week deadline ({}).", weeks_text(cert))
            } else {
                format!(
                    "ISO 27001 certification needs {} (readiness, an internal audit and management review cycle, Stage 1 and Stage 2): past the {weeks:.0}-week deadline. Share the Statement of Applicability and audit booking with the buyer.",
                    weeks_text(cert)
                )
            }
        }
    })
}
