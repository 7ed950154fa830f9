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
    /// Weeks to be ready for the first audit of each framework (high end).
    pub soc2_weeks: f64,
    pub iso_weeks: f64,
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
    for cert in &profile.certifications {
        let (points, detail) = match cert {
            Certification::Iso27001 => (-40.0, "Already ISO 27001 certified: SOC 2 is the framework still missing"),
            Certification::Soc2Type2 => (40.0, "Already holds a SOC 2 Type II report: ISO 27001 is still missing"),
            Certification::Soc2Type1 => (-10.0, "Holds a SOC 2 Type I: the Type II is the natural next step"),
            _ => continue,
        };
        out.push(factor(&format!("Existing: {}", cert.label()), detail.into(), points));
    }
    let (soc2, iso) = (gaps.soc2_days.high, gaps.iso_days.high);
    if soc2 + iso > 0.0 {
        // At most 10 points: readiness breaks ties, it does not overrule the buyers.
        let known = if gaps.known.is_finite() { gaps.known.clamp(0.0, 1.0) } else { 0.0 };
        let points = 10.0 * known * (soc2 - iso) / soc2.max(iso);
        if points.abs() >= 0.05 {
            out.push(factor(
                "Readiness gap",
                format!(
                    "Up to {soc2:.0} person-days to SOC 2, up to {iso:.0} to ISO 27001 ({:.0}% of it known from answers)",
                    known * 100.0
                ),
                points,
            ));
        }
    }
    if let Some(deadline) = profile.deadline
        && let Some(framework) = deadline.framework
    {
        let points = if framework == Framework::Iso27001 { 20.0 } else { -20.0 };
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

fn regulated_first(profile: &Profile) -> Vec<Target> {
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
    let first_fw = framework_first(score);
    let regulated = regulated_first(profile);
    let mut order = regulated.clone();
    order.push(first_fw.into());
    order.push(first_fw.other().into());
    let both = needs_both(profile);
    let margin = score.abs();
    let confidence = if profile.buyers.total() == 0 {
        "low"
    } else if margin >= 30.0 {
        "high"
    } else if margin >= 12.0 {
        "medium"
    } else {
        "low"
    };
    let flips = flips(profile, gaps, first_fw);
    let deadline_advice = deadline_advice(profile, gaps, first_fw);
    let summary = summary(first_fw, &regulated, both, &factors);
    Recommendation {
        first: order[0],
        order,
        framework_first: first_fw,
        both,
        score: (score * 10.0).round() / 10.0,
        confidence,
        factors,
        flips,
        deadline_advice,
        summary,
    }
}

fn summary(first: Framework, regulated: &[Target], both: bool, factors: &[Factor]) -> String {
    let reasons: Vec<&str> =
        factors.iter().filter(|f| f.favours() == Some(first)).take(2).map(|f| f.name.as_str()).collect();
    let mut s = String::new();
    if !regulated.is_empty() {
        let names: Vec<&str> = regulated.iter().map(|t| t.label()).collect();
        s.push_str(&format!("{} first: the data the client handles demands it. Then ", names.join(" and ")));
    }
    s.push_str(&format!("{} first", first.label()));
    if both {
        s.push_str(&format!(", with {} straight after: buyers on both sides ask for it", first.other().label()));
    } else {
        s.push_str(&format!(", then add {}", first.other().label()));
    }
    if reasons.is_empty() {
        s.push_str(" (no strong driver either way: the default for B2B SaaS).");
    } else {
        s.push_str(&format!(" (driven by {}).", reasons.join(" and ").to_lowercase()));
    }
    s
}

/// Candidate single changes of the profile, each with its size; the ones that flip the
/// framework order are the answer to "what would change your mind?".
fn flips(profile: &Profile, gaps: &GapInputs, current: Framework) -> Vec<Flip> {
    let mut candidates: Vec<(String, f64, Profile)> = Vec::new();
    // Move pipeline share between North America and the largest other region, 5 points at a time.
    let other = [Region::Europe, Region::Apac, Region::MiddleEastAfrica, Region::LatinAmerica]
        .into_iter()
        .max_by_key(|&r| profile.buyers.share(r))
        .unwrap_or(Region::Europe);
    for step in (5..=100).step_by(5) {
        for towards_na in [true, false] {
            let mut p = profile.clone();
            let (from, to) = if towards_na { (other, Region::NorthAmerica) } else { (Region::NorthAmerica, other) };
            let moved = step.min(p.buyers.share(from));
            if moved < step {
                continue;
            }
            p.buyers.set(from, p.buyers.share(from) - moved);
            p.buyers.set(to, p.buyers.share(to).saturating_add(moved));
            candidates.push((
                format!("{moved} points of pipeline move from {} to {}", from.label(), to.label()),
                f64::from(moved) / 10.0,
                p,
            ));
        }
    }
    for regulation in Regulation::ALL {
        let mut p = profile.clone();
        let verb = if p.regulations.remove(&regulation) {
            "no longer applies"
        } else {
            p.regulations.insert(regulation);
            "applies"
        };
        candidates.push((format!("{} {verb}", regulation.label()), 1.0, p));
    }
    for cert in [Certification::Iso27001, Certification::Soc2Type2] {
        let mut p = profile.clone();
        if !p.certifications.remove(&cert) {
            p.certifications.insert(cert);
            candidates.push((format!("the client already held a {}", cert.label()), 1.5, p));
        }
    }
    for framework in Framework::ALL {
        let mut p = profile.clone();
        let weeks = p.deadline.map_or(12, |d| d.weeks);
        p.deadline = Some(crate::profile::Deadline { weeks, framework: Some(framework) });
        if p.deadline != profile.deadline {
            candidates.push((format!("a signed deal requires {} within {weeks} weeks", framework.label()), 1.0, p));
        }
    }
    let mut out: Vec<Flip> = candidates
        .into_iter()
        .filter_map(|(change, size, p)| {
            let score: f64 = factors(&p, gaps).iter().map(|f| f.points).sum();
            let now = framework_first(score);
            (now != current).then(|| Flip { change, result: format!("{} first", now.label()), size, profile: p })
        })
        .collect();
    out.sort_by(|a, b| a.size.total_cmp(&b.size).then_with(|| a.change.cmp(&b.change)));
    // Keep the smallest pipeline shift only; larger shifts of the same kind add nothing.
    let mut seen_shift = false;
    out.retain(|f| {
        let shift = f.change.contains("points of pipeline");
        let keep = !(shift && seen_shift);
        seen_shift |= shift;
        keep
    });
    out.truncate(4);
    out
}

/// When a deal deadline falls inside the Type II observation window, a Type I report can
/// bridge it; when even that cannot make it, say so plainly.
fn deadline_advice(profile: &Profile, gaps: &GapInputs, first: Framework) -> Option<String> {
    let deadline = profile.deadline?;
    let weeks = f64::from(deadline.weeks);
    let wants = deadline.framework.unwrap_or(first);
    Some(match wants {
        Framework::Soc2 => {
            let ready = gaps.soc2_weeks;
            let window = f64::from(profile.observation_window()) * WEEKS_PER_MONTH;
            let type2 = ready + window + TYPE2_REPORT_WEEKS;
            let type1 = ready + TYPE1_WEEKS;
            if weeks >= type2 {
                format!("A SOC 2 Type II report fits the {weeks:.0}-week deadline (about {type2:.0} weeks).")
            } else if weeks >= type1 {
                format!(
                    "A Type II report needs about {type2:.0} weeks ({ready:.0} to get ready, a {}-month observation window, ~{TYPE2_REPORT_WEEKS:.0} to report): past the {weeks:.0}-week deadline. Offer a SOC 2 Type I report as a stopgap (about {type1:.0} weeks) while the Type II window runs.",
                    profile.observation_window()
                )
            } else {
                format!(
                    "Even a SOC 2 Type I report needs about {type1:.0} weeks, past the {weeks:.0}-week deadline: share the roadmap and a readiness letter with the buyer and negotiate the date."
                )
            }
        }
        Framework::Iso27001 => {
            let cert = gaps.iso_weeks + ISMS_RUN_IN_WEEKS + STAGES_TO_CERTIFICATE_WEEKS;
            if weeks >= cert {
                format!("ISO 27001 certification fits the {weeks:.0}-week deadline (about {cert:.0} weeks).")
            } else {
                format!(
                    "ISO 27001 certification needs about {cert:.0} weeks (readiness, an internal audit and management review cycle, Stage 1 and Stage 2): past the {weeks:.0}-week deadline. Share the Statement of Applicability and audit booking with the buyer."
                )
            }
        }
    })
}
