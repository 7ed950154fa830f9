//! The planning rates: exchange rates, day rates, default capacities, the headcount scale,
//! calendar lead times, audit fees, tools, market references and the yearly run work. Shipped
//! embedded (`questionnaires/rates.toml`); a consultant's own file replaces it whole. Errors
//! name the file, line and field.

use crate::framework::Framework;
use crate::profile::Currency;
use crate::source::{Diagnostic, LineIndex, toml_diagnostic};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use toml::Spanned;

/// The file shipped in the binary.
pub const EMBEDDED: &str = include_str!("../../questionnaires/rates.toml");
/// Its name in diagnostics and in the data folder.
pub const FILE_NAME: &str = "rates.toml";

/// Where a figure comes from and when it was taken.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub text: String,
    pub date: String,
}

/// A low-high amount in the currency its source quotes; `high` none for an open range
/// ("100,000 and more").
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Price {
    pub currency: Currency,
    pub low: f64,
    pub high: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditEvent {
    Type1,
    Type2,
    #[serde(rename = "stage1_and_2")]
    Stage1And2,
    Surveillance,
    Recertification,
    /// A SOC 2 readiness check (mock audit) by an outside firm before the first audit.
    ReadinessCheck,
    /// An ISO 27001 internal audit by an outside auditor: the ISMS team may not audit its
    /// own work.
    InternalAudit,
}

impl AuditEvent {
    pub const ALL: [AuditEvent; 7] = [
        AuditEvent::Type1,
        AuditEvent::Type2,
        AuditEvent::Stage1And2,
        AuditEvent::Surveillance,
        AuditEvent::Recertification,
        AuditEvent::ReadinessCheck,
        AuditEvent::InternalAudit,
    ];

    /// The events every rates file must price; the others are costed when priced.
    pub const REQUIRED: [AuditEvent; 5] = [
        AuditEvent::Type1,
        AuditEvent::Type2,
        AuditEvent::Stage1And2,
        AuditEvent::Surveillance,
        AuditEvent::Recertification,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AuditEvent::Type1 => "type1",
            AuditEvent::Type2 => "type2",
            AuditEvent::Stage1And2 => "stage1_and_2",
            AuditEvent::Surveillance => "surveillance",
            AuditEvent::Recertification => "recertification",
            AuditEvent::ReadinessCheck => "readiness_check",
            AuditEvent::InternalAudit => "internal_audit",
        }
    }

    pub fn framework(self) -> Framework {
        match self {
            AuditEvent::Type1 | AuditEvent::Type2 | AuditEvent::ReadinessCheck => Framework::Soc2,
            _ => Framework::Iso27001,
        }
    }
}

/// Which organisations a fee or reference applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeScope {
    Any,
    MidMarket,
    Large,
}

impl FeeScope {
    fn fits(self, large: bool) -> bool {
        match self {
            FeeScope::Any => true,
            FeeScope::MidMarket => !large,
            FeeScope::Large => large,
        }
    }
}

/// Tools and recurring services, priced per year; the profile records which the client
/// already pays for.
pub use crate::profile::Tool;

/// The recurring work of keeping a report or certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunActivity {
    AccessReviews,
    VendorReviews,
    RiskReview,
    PolicyAndTraining,
    EvidenceCollection,
    InternalAudit,
    ManagementReview,
    ExternalAuditSupport,
}

impl RunActivity {
    pub fn key(self) -> &'static str {
        match self {
            RunActivity::AccessReviews => "access_reviews",
            RunActivity::VendorReviews => "vendor_reviews",
            RunActivity::RiskReview => "risk_review",
            RunActivity::PolicyAndTraining => "policy_and_training",
            RunActivity::EvidenceCollection => "evidence_collection",
            RunActivity::InternalAudit => "internal_audit",
            RunActivity::ManagementReview => "management_review",
            RunActivity::ExternalAuditSupport => "external_audit_support",
        }
    }
}

/// Which framework a piece of recurring work keeps: one, or both at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForFramework {
    Both,
    Soc2,
    Iso27001,
}

impl ForFramework {
    pub fn serves(self, framework: Framework) -> bool {
        match self {
            ForFramework::Both => true,
            ForFramework::Soc2 => framework == Framework::Soc2,
            ForFramework::Iso27001 => framework == Framework::Iso27001,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditFee {
    pub event: AuditEvent,
    pub scope: FeeScope,
    pub price: Price,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToolCost {
    pub tool: Tool,
    pub price: Price,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarketReference {
    pub framework: Framework,
    pub scope: FeeScope,
    pub price: Price,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RunWork {
    pub activity: RunActivity,
    pub framework: ForFramework,
    pub days: [f64; 2],
}

/// Default FTE for a small workstream: `base + per_100_staff x headcount / 100`, at most `max`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmallTeam {
    pub base: f64,
    pub per_100_staff: f64,
    pub max: f64,
}

impl SmallTeam {
    pub fn fte(self, headcount: u32) -> f64 {
        (self.base + self.per_100_staff * f64::from(headcount) / 100.0).min(self.max)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityDefaults {
    pub engineering_staff_share: f64,
    pub engineering_min_staff: f64,
    pub engineering_percent: u8,
    pub it_staff_share: f64,
    pub it_min_staff: f64,
    pub it_percent: u8,
    pub hr: SmallTeam,
    pub legal: SmallTeam,
    pub procurement: SmallTeam,
    pub leadership: SmallTeam,
}

fn default_remediate() -> u32 {
    4
}

fn default_mobilise() -> u32 {
    2
}

fn default_works_council() -> u32 {
    8
}

fn default_stage1_to_stage2_high() -> u32 {
    8
}

fn default_stage2_to_certificate_high() -> u32 {
    13
}

fn default_book_certification_body() -> u32 {
    16
}

fn default_surveillance_lead() -> u32 {
    8
}

fn default_internal_audit_lead() -> u32 {
    8
}

fn default_management_review_lead() -> u32 {
    4
}

/// A span of the calendar year, as (month, day) pairs; it may wrap over the new year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearEnd {
    pub from: (u8, u8),
    pub to: (u8, u8),
}

impl YearEnd {
    /// Whether the date (`YYYY-MM-DD`) falls in the break.
    pub fn contains(&self, date: &str) -> bool {
        let Some(md) = month_day(date) else { return false };
        if self.from <= self.to { self.from <= md && md <= self.to } else { md >= self.from || md <= self.to }
    }
}

fn month_day(text: &str) -> Option<(u8, u8)> {
    let (m, d) = text.get(text.len().checked_sub(5)?..)?.split_once('-')?;
    let (m, d) = (m.parse::<u8>().ok()?, d.parse::<u8>().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

fn default_year_end() -> YearEnd {
    YearEnd { from: (12, 21), to: (1, 3) }
}

fn year_end_span<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<YearEnd, D::Error> {
    let [from, to] = <[String; 2]>::deserialize(deserializer)?;
    match (month_day(&from).filter(|_| from.len() == 5), month_day(&to).filter(|_| to.len() == 5)) {
        (Some(from), Some(to)) => Ok(YearEnd { from, to }),
        _ => Err(serde::de::Error::custom(format!(
            "`{from}`, `{to}`: write two dates as \"MM-DD\", such as [\"12-21\", \"01-03\"]"
        ))),
    }
}

/// Points joined by straight lines, the end factors beyond them.
fn interpolate(points: &[(f64, f64)], x: f64) -> f64 {
    let Some(&(first_x, first_f)) = points.first() else { return 1.0 };
    if x <= first_x {
        return first_f;
    }
    for w in points.windows(2) {
        let ((x0, f0), (x1, f1)) = (w[0], w[1]);
        if x <= x1 {
            return f0 + (f1 - f0) * (x - x0) / (x1 - x0);
        }
    }
    points.last().map_or(1.0, |&(_, f)| f)
}

/// Lead times in whole weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// Weeks from the programme start to the first work: naming the people, kick-off,
    /// booking their time. A rates file without it keeps the default.
    #[serde(default = "default_mobilise")]
    pub mobilise: u32,
    /// Weeks a works council consultation takes at least, where the profile says there is
    /// one. A rates file without it keeps the default.
    #[serde(default = "default_works_council")]
    pub works_council: u32,
    /// The year-end break (`["12-21", "01-03"]`: month-day, from and to): no external audit
    /// or report is planned in it; one that would fall in it moves to the week after. A rates
    /// file without it keeps the default.
    #[serde(default = "default_year_end", deserialize_with = "year_end_span")]
    pub year_end: YearEnd,
    /// Weeks from choosing the CPA firm to the first SOC 2 fieldwork it can do.
    pub book_auditor: u32,
    /// Weeks from booking the certification body to ISO 27001 Stage 1 (application review
    /// and contract come first; certification bodies plan months ahead). A rates file
    /// without it keeps the default.
    #[serde(default = "default_book_certification_body")]
    pub book_certification_body: u32,
    pub operate: u32,
    pub readiness_check: u32,
    /// Weeks to fix what the readiness check (SOC 2) or the internal audit and management
    /// review (ISO 27001) find, before the window opens or Stage 1 starts. A rates file
    /// without it keeps the default.
    #[serde(default = "default_remediate")]
    pub remediate: u32,
    pub type1: u32,
    pub type2_report: u32,
    /// ISO 27001 Stage 1 to Stage 2 and Stage 2 to the certificate at the low estimate: no
    /// Stage 1 finding holds Stage 2 back and no major nonconformity at Stage 2.
    pub stage1_to_stage2: u32,
    pub stage2_to_certificate: u32,
    /// The same at the high estimate: Stage 1 findings to close before Stage 2, and a major
    /// nonconformity whose correction the certification body accepts before its decision.
    /// A rates file without them keeps the defaults.
    #[serde(default = "default_stage1_to_stage2_high")]
    pub stage1_to_stage2_high: u32,
    #[serde(default = "default_stage2_to_certificate_high")]
    pub stage2_to_certificate_high: u32,
    pub recertification: u32,
    /// Weeks before each anniversary of the certificate a surveillance audit is planned: it
    /// must fall within the year, so never on its last day. A rates file without it keeps
    /// the default.
    #[serde(default = "default_surveillance_lead")]
    pub surveillance_lead: u32,
    /// Weeks the yearly internal audit, and the management review, are done before each
    /// surveillance or recertification audit, which samples both. A rates file without them
    /// keeps the defaults.
    #[serde(default = "default_internal_audit_lead")]
    pub internal_audit_lead: u32,
    #[serde(default = "default_management_review_lead")]
    pub management_review_lead: u32,
}

impl Calendar {
    /// ISO 27001 Stage 1 to Stage 2, and Stage 2 to the certificate, at the low or the high
    /// estimate.
    pub fn iso_gaps(&self, low: bool) -> (u32, u32) {
        if low {
            (self.stage1_to_stage2, self.stage2_to_certificate)
        } else {
            (
                self.stage1_to_stage2_high.max(self.stage1_to_stage2),
                self.stage2_to_certificate_high.max(self.stage2_to_certificate),
            )
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rates {
    /// Where the figures came from: the embedded file's name or a path on disk.
    pub origin: String,
    /// Units of each currency for one euro, indexed like [`Currency::ALL`].
    per_eur: [f64; Currency::ALL.len()],
    pub currency_source: Source,
    pub day_currency: Currency,
    pub internal_day: [f64; 2],
    pub consultant_day: [f64; 2],
    pub day_source: Source,
    pub outside_share: [f64; 2],
    pub capacity: CapacityDefaults,
    /// (headcount, factor) points, headcount rising, factors never falling.
    pub scale: Vec<(f64, f64)>,
    /// (systems in scope, factor) points for engineering and IT work, systems rising,
    /// factors never falling.
    pub systems_scale: Vec<(f64, f64)>,
    pub calendar: Calendar,
    pub audit_fees: Vec<AuditFee>,
    pub tools: Vec<ToolCost>,
    pub market: Vec<MarketReference>,
    pub run: Vec<RunWork>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRates {
    currency: RawCurrency,
    day_rates: RawDayRates,
    outside_help: RawOutside,
    capacity: CapacityDefaults,
    scale: RawScale,
    calendar: Calendar,
    audit_fee: Vec<Spanned<RawFee>>,
    #[serde(default)]
    tool: Vec<Spanned<RawTool>>,
    #[serde(default)]
    market_reference: Vec<Spanned<RawReference>>,
    #[serde(default)]
    run: Vec<Spanned<RawRun>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCurrency {
    date: String,
    source: String,
    per_eur: BTreeMap<String, Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDayRates {
    currency: Spanned<String>,
    internal: Spanned<[f64; 2]>,
    consultant: Spanned<[f64; 2]>,
    source: String,
    date: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutside {
    share: Spanned<[f64; 2]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    headcount: Spanned<Vec<[f64; 2]>>,
    /// Optional: files without it use [`DEFAULT_SYSTEMS_SCALE`].
    #[serde(default)]
    systems: Option<Spanned<Vec<[f64; 2]>>>,
}

/// (systems in scope, factor) points when a rates file has none: the questionnaire's days
/// assume about five production systems; technical work repeats per system, policies do not.
const DEFAULT_SYSTEMS_SCALE: [(f64, f64); 5] = [(1.0, 0.85), (5.0, 1.0), (15.0, 1.15), (40.0, 1.35), (100.0, 1.6)];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFee {
    event: AuditEvent,
    scope: FeeScope,
    currency: Spanned<String>,
    low: Spanned<f64>,
    high: Option<Spanned<f64>>,
    source: String,
    date: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTool {
    tool: Tool,
    currency: Spanned<String>,
    low: Spanned<f64>,
    high: Option<Spanned<f64>>,
    source: String,
    date: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    framework: Framework,
    scope: FeeScope,
    currency: Spanned<String>,
    low: Spanned<f64>,
    high: Option<Spanned<f64>>,
    source: String,
    date: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRun {
    activity: RunActivity,
    framework: ForFramework,
    days: Spanned<[f64; 2]>,
}

struct Checker<'a> {
    file: &'a str,
    lines: LineIndex,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn at<T>(&mut self, spanned: &Spanned<T>, field: &str, message: String) {
        self.out.push(Diagnostic {
            file: self.file.to_string(),
            line: self.lines.line(spanned.span().start),
            field: field.to_string(),
            message,
        });
    }

    fn currency(&mut self, code: &Spanned<String>, field: &str) -> Currency {
        Currency::from_code(code.get_ref()).unwrap_or_else(|| {
            let known: Vec<&str> = Currency::ALL.iter().map(|c| c.code()).collect();
            self.at(code, field, format!("unknown currency `{}` (one of {})", code.get_ref(), known.join(", ")));
            Currency::Eur
        })
    }

    fn amount(&mut self, value: &Spanned<f64>, field: &str) -> f64 {
        let v = *value.get_ref();
        if !(v.is_finite() && v >= 0.0) {
            self.at(value, field, format!("{v} must be a number of at least 0"));
        }
        v
    }

    fn pair(&mut self, value: &Spanned<[f64; 2]>, field: &str, max: f64) -> [f64; 2] {
        let [low, high] = *value.get_ref();
        if !(low.is_finite() && high.is_finite() && 0.0 <= low && low <= high && high <= max) {
            self.at(value, field, format!("[{low}, {high}] must be [low, high] with 0 <= low <= high <= {max}"));
        }
        [low, high]
    }

    fn price(&mut self, currency: &Spanned<String>, low: &Spanned<f64>, high: Option<&Spanned<f64>>) -> Price {
        let currency = self.currency(currency, "currency");
        let low_v = self.amount(low, "low");
        let high_v = high.map(|h| {
            let v = self.amount(h, "high");
            if v < low_v {
                self.at(h, "high", format!("{v} is below low ({low_v})"));
            }
            v
        });
        Price { currency, low: low_v, high: high_v }
    }
}

impl Rates {
    /// The shipped rates (parsed once).
    pub fn embedded() -> &'static Rates {
        static EMBEDDED_RATES: OnceLock<Rates> = OnceLock::new();
        EMBEDDED_RATES.get_or_init(|| match Rates::parse(FILE_NAME, EMBEDDED) {
            Ok(rates) => rates,
            Err(problems) => panic!("embedded rates file is invalid: {}", problems[0]),
        })
    }

    /// The rates the process plans with: a consultant's file installed at start-up, else the
    /// shipped ones. Installed once, before any analysis, so one run never mixes two sets.
    pub fn current() -> &'static Rates {
        INSTALLED.get().unwrap_or_else(|| Rates::embedded())
    }

    /// Installs a consultant's rates for this process; false if rates were installed already.
    pub fn install(rates: Rates) -> bool {
        INSTALLED.set(rates).is_ok()
    }

    /// Reads a rates file; every problem names the file, line and field.
    pub fn parse(file: &str, text: &str) -> Result<Rates, Vec<Diagnostic>> {
        let raw: RawRates =
            toml::from_str(text).map_err(|e| vec![name_the_key(toml_diagnostic(file, text, &e), text)])?;
        let mut c = Checker { file, lines: LineIndex::new(text), out: Vec::new() };
        let mut per_eur = [0.0; Currency::ALL.len()];
        for (code, rate) in &raw.currency.per_eur {
            match Currency::from_code(code) {
                Some(currency) => {
                    let v = *rate.get_ref();
                    if !(v.is_finite() && v > 0.0) {
                        c.at(rate, code, format!("{v} must be more than 0 (units for one euro)"));
                    }
                    per_eur[currency as usize] = v;
                }
                None => c.at(rate, code, format!("unknown currency `{code}`")),
            }
        }
        for currency in Currency::ALL {
            if per_eur[currency as usize] == 0.0 && !raw.currency.per_eur.keys().any(|k| k == currency.code()) {
                c.out.push(Diagnostic {
                    file: file.to_string(),
                    line: 1,
                    field: format!("currency.per_eur.{}", currency.code()),
                    message: format!("no exchange rate for {}", currency.code()),
                });
            }
        }
        let day_currency = c.currency(&raw.day_rates.currency, "currency");
        let internal_day = c.pair(&raw.day_rates.internal, "internal", 1e6);
        let consultant_day = c.pair(&raw.day_rates.consultant, "consultant", 1e6);
        let outside_share = c.pair(&raw.outside_help.share, "share", 1.0);
        let cap = raw.capacity;
        for (name, v) in [
            ("engineering_staff_share", cap.engineering_staff_share),
            ("it_staff_share", cap.it_staff_share),
            ("engineering_min_staff", cap.engineering_min_staff / 1000.0),
            ("it_min_staff", cap.it_min_staff / 1000.0),
        ] {
            if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
                c.out.push(Diagnostic {
                    file: file.to_string(),
                    line: line_of_key(text, name),
                    field: name.to_string(),
                    message: "out of range".to_string(),
                });
            }
        }
        for (name, v) in [("engineering_percent", cap.engineering_percent), ("it_percent", cap.it_percent)] {
            if v > 100 {
                c.out.push(Diagnostic {
                    file: file.to_string(),
                    line: line_of_key(text, name),
                    field: name.to_string(),
                    message: format!("{v}% is more than 100%"),
                });
            }
        }
        for (name, team) in
            [("hr", cap.hr), ("legal", cap.legal), ("procurement", cap.procurement), ("leadership", cap.leadership)]
        {
            let ok = [team.base, team.per_100_staff, team.max].iter().all(|v| v.is_finite() && *v >= 0.0)
                && team.max > 0.0
                && team.max <= 1000.0;
            if !ok {
                c.out.push(Diagnostic {
                    file: file.to_string(),
                    line: line_of_key(text, name),
                    field: name.to_string(),
                    message: "base and per_100_staff must be at least 0, max more than 0 and at most 1000".into(),
                });
            }
        }
        let points = raw.scale.headcount.get_ref();
        let rising = points.windows(2).all(|w| w[0][0] < w[1][0] && w[0][1] <= w[1][1]);
        let sane = points.iter().all(|[h, f]| h.is_finite() && f.is_finite() && *h >= 0.0 && *f > 0.0 && *f <= 20.0);
        if points.is_empty() || !rising || !sane {
            c.at(
                &raw.scale.headcount,
                "headcount",
                "needs [headcount, factor] points with headcount rising and factors (0, 20] never falling".into(),
            );
        }
        let scale = points.iter().map(|[h, f]| (*h, *f)).collect();
        let systems_scale = match &raw.scale.systems {
            None => DEFAULT_SYSTEMS_SCALE.to_vec(),
            Some(spanned) => {
                let points = spanned.get_ref();
                let rising = points.windows(2).all(|w| w[0][0] < w[1][0] && w[0][1] <= w[1][1]);
                let sane =
                    points.iter().all(|[n, f]| n.is_finite() && f.is_finite() && *n >= 0.0 && *f > 0.0 && *f <= 20.0);
                if points.is_empty() || !rising || !sane {
                    c.at(
                        spanned,
                        "systems",
                        "needs [systems, factor] points with systems rising and factors (0, 20] never falling".into(),
                    );
                }
                points.iter().map(|[n, f]| (*n, *f)).collect()
            }
        };
        let cal = raw.calendar;
        if cal.recertification < 52 || cal.recertification > 156 {
            c.out.push(Diagnostic {
                file: file.to_string(),
                line: line_of_key(text, "recertification"),
                field: "recertification".into(),
                message: format!("{} weeks: a certificate runs three years, so 52-156", cal.recertification),
            });
        }
        if !(1..=26).contains(&cal.surveillance_lead) {
            c.out.push(Diagnostic {
                file: file.to_string(),
                line: line_of_key(text, "surveillance_lead"),
                field: "surveillance_lead".into(),
                message: format!(
                    "{} weeks: a surveillance audit falls within the year after the certificate, so 1-26 weeks before its anniversary",
                    cal.surveillance_lead
                ),
            });
        }
        let mut audit_fees = Vec::new();
        for fee in &raw.audit_fee {
            let f = fee.get_ref();
            let price = c.price(&f.currency, &f.low, f.high.as_ref());
            audit_fees.push(AuditFee {
                event: f.event,
                scope: f.scope,
                price,
                source: Source { text: f.source.clone(), date: f.date.clone() },
            });
        }
        for event in AuditEvent::REQUIRED {
            for large in [false, true] {
                if !audit_fees.iter().any(|f| f.event == event && f.scope.fits(large)) {
                    c.out.push(Diagnostic {
                        file: file.to_string(),
                        line: 1,
                        field: "audit_fee".into(),
                        message: format!(
                            "no fee for event `{}` at a {} scope",
                            event.key(),
                            if large { "large" } else { "mid-market" }
                        ),
                    });
                }
            }
        }
        let tools = raw
            .tool
            .iter()
            .map(|t| {
                let t = t.get_ref();
                let price = c.price(&t.currency, &t.low, t.high.as_ref());
                ToolCost { tool: t.tool, price, source: Source { text: t.source.clone(), date: t.date.clone() } }
            })
            .collect();
        let market = raw
            .market_reference
            .iter()
            .map(|m| {
                let m = m.get_ref();
                let price = c.price(&m.currency, &m.low, m.high.as_ref());
                MarketReference {
                    framework: m.framework,
                    scope: m.scope,
                    price,
                    source: Source { text: m.source.clone(), date: m.date.clone() },
                }
            })
            .collect();
        let run = raw
            .run
            .iter()
            .map(|r| {
                let r = r.get_ref();
                let days = c.pair(&r.days, "days", 1000.0);
                RunWork { activity: r.activity, framework: r.framework, days }
            })
            .collect();
        if !c.out.is_empty() {
            return Err(c.out);
        }
        Ok(Rates {
            origin: file.to_string(),
            per_eur,
            currency_source: Source { text: raw.currency.source, date: raw.currency.date },
            day_currency,
            internal_day,
            consultant_day,
            day_source: Source { text: raw.day_rates.source, date: raw.day_rates.date },
            outside_share,
            capacity: cap,
            scale,
            systems_scale,
            calendar: cal,
            audit_fees,
            tools,
            market,
            run,
        })
    }

    /// Reads a consultant's rates file from disk.
    pub fn from_file(path: &std::path::Path) -> Result<Rates, Vec<Diagnostic>> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            vec![Diagnostic { file: name.clone(), line: 1, field: String::new(), message: e.to_string() }]
        })?;
        Rates::parse(&name, &text)
    }

    /// `amount` in `from` expressed in `to`.
    pub fn convert(&self, amount: f64, from: Currency, to: Currency) -> f64 {
        amount / self.per_eur[from as usize] * self.per_eur[to as usize]
    }

    /// Units of `currency` for one euro.
    pub fn per_eur(&self, currency: Currency) -> f64 {
        self.per_eur[currency as usize]
    }

    /// How person-days scale with the organisation: the scale's points joined by straight
    /// lines, the end factors beyond them. Never falls as headcount rises.
    pub fn headcount_factor(&self, headcount: u32) -> f64 {
        interpolate(&self.scale, f64::from(headcount))
    }

    /// How engineering and IT person-days scale with the production systems in scope (the
    /// same kind of line as the headcount's); 1 when the number is not known.
    pub fn systems_factor(&self, systems: Option<u32>) -> f64 {
        systems.map_or(1.0, |n| interpolate(&self.systems_scale, f64::from(n)))
    }

    /// The fee for an audit event at this size of organisation.
    pub fn fee(&self, event: AuditEvent, large: bool) -> Option<&AuditFee> {
        // A fee for the exact scope wins over one for any scope.
        self.audit_fees
            .iter()
            .filter(|f| f.event == event && f.scope.fits(large))
            .min_by_key(|f| matches!(f.scope, FeeScope::Any))
    }

    /// The all-in market references for a framework at this size of organisation.
    pub fn references(&self, framework: Framework, large: bool) -> impl Iterator<Item = &MarketReference> {
        self.market.iter().filter(move |m| m.framework == framework && m.scope.fits(large))
    }
}

static INSTALLED: OnceLock<Rates> = OnceLock::new();

/// A type error names a line but not always the field: name the key set on that line.
fn name_the_key(mut d: Diagnostic, text: &str) -> Diagnostic {
    if d.field.is_empty()
        && let Some(line) = d.line.checked_sub(1).and_then(|i| text.lines().nth(i))
        && let Some((key, _)) = line.split_once('=')
    {
        let key = key.trim();
        if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            d.field = key.to_string();
        }
    }
    d
}

/// The first line that sets `key`, for checks on values without a span.
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start().starts_with(key) && l[l.find(key).unwrap_or(0) + key.len()..].trim_start().starts_with('=')
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_rates_load() {
        let rates = Rates::embedded();
        assert_eq!(rates.per_eur(Currency::Eur), 1.0);
        assert!(rates.fee(AuditEvent::Type2, false).is_some_and(|f| f.price.currency == Currency::Usd));
        assert!((rates.convert(116.0, Currency::Usd, Currency::Eur) - 100.0).abs() < 1e-9);
    }

    #[test]
    fn the_headcount_factor_never_falls() {
        let rates = Rates::embedded();
        let mut last = 0.0;
        for h in (0..6000).step_by(7) {
            let f = rates.headcount_factor(h);
            assert!(f >= last, "factor falls at {h}: {f} < {last}");
            last = f;
        }
        assert_eq!(rates.headcount_factor(150), 1.0);
    }

    #[test]
    fn a_bad_value_names_its_line_and_field() {
        let text = EMBEDDED.replace("low = 25000", "low = 90000");
        let problems = Rates::parse("mine.toml", &text).expect_err("high below low");
        let line = text.lines().position(|l| l.starts_with("high = 80000")).map(|i| i + 1);
        assert_eq!(problems[0].file, "mine.toml");
        assert_eq!(Some(problems[0].line), line, "{}", problems[0]);
        assert_eq!(problems[0].field, "high");

        let text = EMBEDDED.replace("currency = \"USD\"\nlow = 25000", "currency = \"XYZ\"\nlow = 25000");
        let problems = Rates::parse("mine.toml", &text).expect_err("unknown currency");
        assert_eq!(problems[0].field, "currency", "{}", problems[0]);
        assert!(problems[0].message.contains("XYZ"));

        let text = EMBEDDED.replace("book_auditor = 8", "book_auditor = \"eight\"");
        let problems = Rates::parse("mine.toml", &text).expect_err("not a number");
        assert_eq!(problems[0].field, "book_auditor", "{}", problems[0]);
        let line = text.lines().position(|l| l.starts_with("book_auditor")).map(|i| i + 1);
        assert_eq!(Some(problems[0].line), line);
    }

    #[test]
    fn falling_scale_factors_are_refused() {
        let text = EMBEDDED.replace("[300, 1.15]", "[300, 0.5]");
        let problems = Rates::parse("mine.toml", &text).expect_err("falling factor");
        assert_eq!(problems[0].field, "headcount");
    }
}
