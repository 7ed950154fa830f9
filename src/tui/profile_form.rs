//! The business-profile form as a flat list of fields: each knows its label, how to show
//! its value, and how it is edited (its [`Kind`]): typed, chosen from a list, or ticked.
//! Adding a field: a `Field` variant, then its arm in `label`, `value`, `kind` and the setter
//! its kind uses (`set_text`/`set_integer`, `options`/`choose`, or `toggle`).

use crate::Framework;
use crate::assessment::Assessment;
use crate::catalog::Category;
use crate::profile::{
    Applicability, Certification, Currency, Deadline, Lead, PhysicalScope, Region, Regulation, Scheme, Sector, Tool,
};
use crate::questionnaire::Owner;

/// Deadlines the form offers slots for; a file may hold more, kept as they are.
pub const DEADLINE_SLOTS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Client,
    Consultant,
    /// Who is in the room, typed as "Name (Role), Name (Role)".
    Attendees,
    Headquarters,
    Sector,
    Buyers(Region),
    Regulation(Regulation),
    /// Whether a works council must agree monitoring tools: yes, no, not yet known.
    WorksCouncil,
    Certification(Certification),
    /// A deadline slot: what asks for it, when (weeks or a date), for which framework.
    DeadlineName(usize),
    DeadlineWhen(usize),
    DeadlineFramework(usize),
    TeamFte,
    EngineeringPercent,
    ItPercent,
    ProgrammeStart,
    Currency,
    Headcount,
    /// Production systems or applications in scope; empty when not known.
    SystemsInScope,
    /// A workstream's lead (a person or a role), and who confirmed its capacity.
    Lead(Owner),
    ConfirmedBy(Owner),
    /// A tool or service the client already pays for.
    ToolHeld(Tool),
    Scheme(Scheme),
    Physical,
    Soc2Category(Category),
    Observation,
}

/// Section headings shown above the first field of each group.
pub fn section(field: Field) -> Option<&'static str> {
    match field {
        Field::Client => Some("Client"),
        Field::Headquarters => Some("Market"),
        Field::Buyers(Region::NorthAmerica) => Some("Where the buyers are (% of pipeline)"),
        Field::Regulation(Regulation::Nis2) => Some("Regulations and procurement"),
        Field::Certification(Certification::Iso27001) => Some("Already held"),
        Field::DeadlineName(0) => Some("Deadlines (up to three)"),
        Field::TeamFte => Some("Capacity and plan"),
        Field::SystemsInScope => Some("Systems and employee representation"),
        Field::Lead(Owner::Engineering) => Some("Workstream leads (capacity is assumed until confirmed)"),
        Field::ToolHeld(Tool::GrcPlatform) => Some("Tools already paid for"),
        Field::Scheme(Scheme::Fedramp) => Some("Schemes asked for (not scored)"),
        Field::Physical => Some("Scope"),
        _ => None,
    }
}

pub fn fields() -> Vec<Field> {
    let mut out = vec![Field::Client, Field::Consultant, Field::Attendees, Field::Headquarters, Field::Sector];
    out.extend(Region::ALL.map(Field::Buyers));
    out.extend(Regulation::ALL.map(Field::Regulation));
    out.extend(Certification::ALL.map(Field::Certification));
    for slot in 0..DEADLINE_SLOTS {
        out.extend([Field::DeadlineName(slot), Field::DeadlineWhen(slot), Field::DeadlineFramework(slot)]);
    }
    out.extend([
        Field::TeamFte,
        Field::EngineeringPercent,
        Field::ItPercent,
        Field::Headcount,
        Field::ProgrammeStart,
        Field::Currency,
    ]);
    out.extend(Scheme::ALL.map(Field::Scheme));
    out.push(Field::Physical);
    out.extend(Category::OPTIONAL_SOC2.map(Field::Soc2Category));
    out.push(Field::Observation);
    // Added after the first release: at the end, so the fields a consultant knows keep their
    // places.
    out.extend([Field::SystemsInScope, Field::WorksCouncil]);
    for owner in Owner::ALL {
        out.extend([Field::Lead(owner), Field::ConfirmedBy(owner)]);
    }
    out.extend(Tool::ALL.map(Field::ToolHeld));
    out
}

pub fn label(field: Field) -> String {
    match field {
        Field::Client => "Client name".into(),
        Field::Consultant => "Consultant".into(),
        Field::Attendees => "Attendees: name (role), ...".into(),
        Field::Headquarters => "Headquarters".into(),
        Field::Sector => "Sector".into(),
        Field::Buyers(r) => r.label().into(),
        Field::Regulation(r) => r.label().into(),
        Field::WorksCouncil => "Works council must agree monitoring tools".into(),
        Field::Certification(c) => c.label().into(),
        Field::DeadlineName(i) => format!("Deadline {}: who asks", i + 1),
        Field::DeadlineWhen(i) => format!("Deadline {}: weeks or date", i + 1),
        Field::DeadlineFramework(i) => format!("Deadline {}: asks for", i + 1),
        Field::TeamFte => "Compliance lead (FTE)".into(),
        Field::EngineeringPercent => "Engineering time (%)".into(),
        Field::ItPercent => "IT time (%)".into(),
        Field::ProgrammeStart => "Programme start".into(),
        Field::Currency => "Currency for costs".into(),
        Field::Headcount => "Headcount".into(),
        Field::SystemsInScope => "Production systems in scope".into(),
        Field::Lead(o) => format!("{} lead", o.label()),
        Field::ConfirmedBy(o) => format!("{}: capacity confirmed by", o.label()),
        Field::ToolHeld(t) => t.label().into(),
        Field::Scheme(s) => s.label().into(),
        Field::Physical => "Hosting and premises".into(),
        Field::Soc2Category(c) => format!("SOC 2 category: {}", c.label()),
        Field::Observation => "SOC 2 Type II window (months)".into(),
    }
}

fn tick(on: bool) -> String {
    if on { "[x]".into() } else { "[ ]".into() }
}

pub fn value(field: Field, a: &Assessment) -> String {
    let p = &a.profile;
    match field {
        Field::Client => a.client.clone(),
        Field::Consultant => {
            if a.consultant.is_empty() {
                "-".into()
            } else {
                a.consultant.clone()
            }
        }
        Field::Attendees if a.attendees.is_empty() => "-".into(),
        Field::Attendees => a
            .attendees
            .iter()
            .map(|p| if p.role.is_empty() { p.name.clone() } else { format!("{} ({})", p.name, p.role) })
            .collect::<Vec<_>>()
            .join(", "),
        Field::Headquarters => p.headquarters.map_or("not set".into(), |r| r.label().into()),
        Field::Sector => p.sector.label().into(),
        Field::Buyers(r) => format!("{}%", p.buyers.share(r)),
        // NIS2 is often still open in a first workshop: yes, no or not yet known.
        Field::Regulation(Regulation::Nis2) => p.nis2().label().into(),
        Field::Regulation(r) => tick(p.regulations.contains(&r)),
        Field::WorksCouncil => p.works_council.label().into(),
        Field::Certification(c) => tick(p.certifications.contains(&c)),
        Field::DeadlineName(i) => p
            .deadlines
            .get(i)
            .map_or("-".into(), |d| if d.name.trim().is_empty() { "(unnamed)".into() } else { d.name.clone() }),
        Field::DeadlineWhen(i) => p.deadlines.get(i).map_or("none".into(), |d| match &d.date {
            Some(date) => date.clone(),
            None => {
                let left = d.weeks_left(&crate::clock::now_rfc3339());
                match &d.set {
                    Some(set) if left != d.weeks => format!("{left} weeks (set to {} on {set})", d.weeks),
                    _ => format!("{left} weeks"),
                }
            }
        }),
        Field::DeadlineFramework(i) => match p.deadlines.get(i) {
            None => "-".into(),
            Some(Deadline { framework: None, .. }) => "either".into(),
            Some(Deadline { framework: Some(f), .. }) => f.label().into(),
        },
        Field::TeamFte => format!("{:.1}", p.team_fte),
        Field::EngineeringPercent => {
            p.engineering_percent.map_or("default for the headcount".into(), |v| format!("{v}%"))
        }
        Field::ItPercent => p.it_percent.map_or("default for the headcount".into(), |v| format!("{v}%")),
        Field::ProgrammeStart => p.programme_start.clone().unwrap_or_else(|| "the assessment date".into()),
        Field::Currency => currency_label(p.currency, p),
        Field::Scheme(s) => tick(p.schemes.contains(&s)),
        Field::Headcount => p.headcount.to_string(),
        Field::SystemsInScope => p.systems_in_scope.map_or("not known".into(), |n| n.to_string()),
        Field::Lead(o) => p.lead(o).unwrap_or("not named").into(),
        Field::ConfirmedBy(o) => p.capacity_confirmed_by(o).unwrap_or("nobody: assumed").into(),
        Field::ToolHeld(t) => tick(p.holds_tool(t)),
        Field::Physical => p.physical.label().into(),
        Field::Soc2Category(c) => tick(p.soc2_categories.contains(&c)),
        Field::Observation => p.observation_window().to_string(),
    }
}

/// How a field is edited. Enter edits every kind (a text box, or a list to choose from, or a
/// tick); Space ticks a checkbox; arrows only move between fields.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Text,
    /// A whole number from `min` to `max`; a fraction is refused, never rounded.
    Integer {
        min: u32,
        max: u32,
    },
    /// A number that may have a fraction, typed with a decimal point or comma.
    Decimal {
        max: f64,
    },
    Choice,
    Tick,
}

pub fn kind(field: Field) -> Kind {
    match field {
        // Free text, or a value with its own rules (weeks or a date; a percentage or empty for
        // the default; a date or empty for the assessment's).
        Field::Client
        | Field::Consultant
        | Field::Attendees
        | Field::DeadlineName(_)
        | Field::DeadlineWhen(_)
        | Field::EngineeringPercent
        | Field::ItPercent
        | Field::ProgrammeStart
        | Field::SystemsInScope
        | Field::Lead(_)
        | Field::ConfirmedBy(_) => Kind::Text,
        Field::Buyers(_) => Kind::Integer { min: 0, max: 100 },
        Field::Headcount => Kind::Integer { min: 1, max: 1_000_000 },
        Field::Observation => Kind::Integer { min: 3, max: 12 },
        Field::TeamFte => Kind::Decimal { max: 50.0 },
        // NIS2 is a choice of three (applies, does not, not yet known), not a tick.
        Field::Headquarters
        | Field::Sector
        | Field::DeadlineFramework(_)
        | Field::Currency
        | Field::Physical
        | Field::Regulation(Regulation::Nis2)
        | Field::WorksCouncil => Kind::Choice,
        Field::Regulation(_)
        | Field::Certification(_)
        | Field::Soc2Category(_)
        | Field::Scheme(_)
        | Field::ToolHeld(_) => Kind::Tick,
    }
}

/// The options of a choice field, and which one is set now.
pub fn options(field: Field, a: &Assessment) -> (Vec<String>, usize) {
    let labels: Vec<String> = match field {
        Field::Headquarters => {
            std::iter::once("not set".to_string()).chain(Region::ALL.map(|r| r.label().to_string())).collect()
        }
        Field::Sector => Sector::ALL.iter().map(|s| s.label().to_string()).collect(),
        Field::DeadlineFramework(_) => FRAMEWORK_CHOICES.iter().map(|&f| framework_label(f)).collect(),
        Field::Currency => {
            std::iter::once(None).chain(Currency::ALL.map(Some)).map(|c| currency_label(c, &a.profile)).collect()
        }
        Field::Physical => PhysicalScope::ALL.iter().map(|s| s.label().to_string()).collect(),
        Field::Regulation(Regulation::Nis2) | Field::WorksCouncil => {
            Applicability::ALL.iter().map(|s| s.label().to_string()).collect()
        }
        _ => Vec::new(),
    };
    let current = value(field, a);
    let at = labels.iter().position(|l| *l == current).unwrap_or(0);
    (labels, at)
}

/// Sets a choice field to its `index`-th option (as listed by [`options`]).
pub fn choose(field: Field, a: &mut Assessment, index: usize) {
    let p = &mut a.profile;
    match field {
        Field::Headquarters => p.headquarters = index.checked_sub(1).and_then(|i| Region::ALL.get(i).copied()),
        Field::Sector => p.sector = Sector::ALL.get(index).copied().unwrap_or(p.sector),
        Field::DeadlineFramework(i) => {
            if let (Some(d), Some(&f)) = (p.deadlines.get_mut(i), FRAMEWORK_CHOICES.get(index)) {
                d.framework = f;
            }
        }
        Field::Currency => {
            p.currency = index.checked_sub(1).and_then(|i| Currency::ALL.get(i).copied());
        }
        Field::Physical => p.physical = PhysicalScope::ALL.get(index).copied().unwrap_or(p.physical),
        Field::Regulation(Regulation::Nis2) => {
            if let Some(&choice) = Applicability::ALL.get(index) {
                p.set_nis2(choice);
            }
        }
        Field::WorksCouncil => p.works_council = Applicability::ALL.get(index).copied().unwrap_or(p.works_council),
        _ => {}
    }
}

/// Why a field cannot be edited now, if it cannot.
pub fn locked(field: Field, a: &Assessment) -> Option<&'static str> {
    match field {
        Field::DeadlineFramework(i) if a.profile.deadlines.get(i).is_none() => {
            Some("set this deadline's weeks or date first")
        }
        _ => None,
    }
}

const FRAMEWORK_CHOICES: [Option<Framework>; 3] = [None, Some(Framework::Soc2), Some(Framework::Iso27001)];

fn framework_label(f: Option<Framework>) -> String {
    f.map_or("either".into(), |f| f.label().into())
}

/// A currency choice as listed: a code, or "from headquarters" with the one that gives.
fn currency_label(c: Option<Currency>, p: &crate::profile::Profile) -> String {
    match c {
        Some(c) => c.code().into(),
        None => {
            format!("{} (from headquarters)", crate::profile::Profile { currency: None, ..p.clone() }.currency().code())
        }
    }
}

/// Flips a checkbox field; other fields are left alone.
pub fn toggle(field: Field, a: &mut Assessment) {
    let p = &mut a.profile;
    match field {
        Field::Regulation(Regulation::Nis2) => {}
        Field::Regulation(r) => flip(&mut p.regulations, r),
        Field::Certification(c) => flip(&mut p.certifications, c),
        Field::Soc2Category(c) => flip(&mut p.soc2_categories, c),
        Field::Scheme(s) => flip(&mut p.schemes, s),
        Field::ToolHeld(t) => flip(&mut p.tools_held, t),
        _ => {}
    }
}

fn flip<T: Ord>(set: &mut std::collections::BTreeSet<T>, item: T) {
    if !set.remove(&item) {
        set.insert(item);
    }
}

/// The deadline in slot `i`; a new one at the end of the list when the slot is empty (so the
/// list never holds placeholders).
fn deadline_slot(a: &mut Assessment, i: usize) -> &mut Deadline {
    let p = &mut a.profile;
    if i >= p.deadlines.len() {
        p.deadlines.push(Deadline::new(0, None, &crate::clock::now_rfc3339()));
        let last = p.deadlines.len() - 1;
        return &mut p.deadlines[last];
    }
    &mut p.deadlines[i]
}

/// Sets deadline `i` `weeks` from today (the date is kept, so it counts down by the next
/// workshop); 0 removes it. Its name and framework stay.
fn set_deadline_weeks(a: &mut Assessment, i: usize, weeks: u16) {
    if weeks == 0 {
        if i < a.profile.deadlines.len() {
            a.profile.deadlines.remove(i);
        }
        return;
    }
    let today = crate::clock::now_rfc3339();
    let d = deadline_slot(a, i);
    *d = Deadline { name: std::mem::take(&mut d.name), ..Deadline::new(weeks, d.framework, &today) };
}

/// A share of time typed as a whole percentage, or empty for the default.
fn percent(text: &str) -> Result<Option<u8>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    integer(text, 0, 100).map(|v| Some(u8::try_from(v).unwrap_or(100)))
}

/// Reads a number typed with a decimal point or a decimal comma ("0,8" as a Norwegian types
/// it); none for anything else.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    // One separator at most: "1,000.5" is ambiguous and refused rather than guessed.
    if text.matches([',', '.']).count() > 1 {
        return None;
    }
    text.replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Applies typed text; the error says what was expected.
pub fn set_text(field: Field, a: &mut Assessment, text: &str) -> Result<(), String> {
    let text = text.trim();
    match (field, kind(field)) {
        (Field::Client, _) if text.is_empty() => Err("the client name cannot be empty".into()),
        (Field::Client, _) => {
            a.client = text.to_string();
            Ok(())
        }
        (Field::Consultant, _) => {
            a.consultant = text.to_string();
            Ok(())
        }
        (Field::Attendees, _) => {
            a.attendees = parse_attendees(text)?;
            Ok(())
        }
        (Field::DeadlineName(i), _) => {
            deadline_slot(a, i).name = text.to_string();
            Ok(())
        }
        (Field::DeadlineWhen(i), _) => set_deadline_when(a, i, text),
        (Field::EngineeringPercent, _) => {
            a.profile.engineering_percent = percent(text)?;
            Ok(())
        }
        (Field::ItPercent, _) => {
            a.profile.it_percent = percent(text)?;
            Ok(())
        }
        (Field::ProgrammeStart, _) if text.is_empty() => {
            a.profile.programme_start = None;
            Ok(())
        }
        (Field::ProgrammeStart, _) if crate::clock::is_date(text) => {
            a.profile.programme_start = Some(text.to_string());
            Ok(())
        }
        (Field::ProgrammeStart, _) => Err("expected a date YYYY-MM-DD, or empty for the assessment date".into()),
        (Field::SystemsInScope | Field::Lead(_) | Field::ConfirmedBy(_), _) => set_plan_input(field, a, text),
        (_, Kind::Integer { min, max }) => set_integer(field, a, integer(text, min, max)?),
        (Field::TeamFte, Kind::Decimal { max }) => match parse_decimal(text) {
            Some(fte) if fte > 0.0 && fte <= max => {
                a.profile.team_fte = fte;
                Ok(())
            }
            Some(fte) if fte <= 0.0 => Err("team time must be more than 0 FTE".into()),
            _ => Err(format!("expected a number of FTE up to {max}, such as 1.5 or 0,8")),
        },
        _ => Err("this field is chosen from a list or ticked, not typed".into()),
    }
}

/// The plan inputs typed in the form: systems in scope (empty: not known), a workstream's
/// lead and who confirmed its capacity (empty: none).
fn set_plan_input(field: Field, a: &mut Assessment, text: &str) -> Result<(), String> {
    match field {
        Field::SystemsInScope if text.is_empty() => a.profile.systems_in_scope = None,
        Field::SystemsInScope => a.profile.systems_in_scope = Some(integer(text, 0, 100_000)?),
        Field::Lead(o) => set_lead(a, o, |lead| lead.name = text.to_string()),
        Field::ConfirmedBy(o) => {
            set_lead(a, o, |lead| lead.confirmed_by = (!text.is_empty()).then(|| text.to_string()))
        }
        _ => return Err("not a plan input".into()),
    }
    Ok(())
}

/// Edits a workstream's lead entry; an entry left with neither a name nor a confirmation is
/// removed, so the file holds no empty tables.
fn set_lead(a: &mut Assessment, owner: Owner, edit: impl FnOnce(&mut Lead)) {
    let leads = &mut a.profile.leads;
    let lead = leads.entry(owner).or_default();
    edit(lead);
    if lead.name.is_empty() && lead.confirmed_by.is_none() {
        leads.remove(&owner);
    }
}

/// A deadline's "when": whole weeks from now, a date, or empty for none.
fn set_deadline_when(a: &mut Assessment, slot: usize, text: &str) -> Result<(), String> {
    if text.is_empty() {
        // Empty means no deadline, as 0 does.
        set_deadline_weeks(a, slot, 0);
        return Ok(());
    }
    if crate::clock::is_date(text) {
        let d = deadline_slot(a, slot);
        d.date = Some(text.to_string());
        d.weeks = 0;
        d.set = None;
        return Ok(());
    }
    match integer(text, 0, 520) {
        Ok(weeks) => {
            set_deadline_weeks(a, slot, u16::try_from(weeks).unwrap_or(520));
            Ok(())
        }
        // A number gets the number's message ("1.5 is not a whole number"), anything else the
        // two shapes a deadline can take.
        Err(e) if parse_decimal(text).is_some() => Err(format!("{e} of weeks, or a date YYYY-MM-DD")),
        Err(_) => Err("expected whole weeks from 0 to 520, or a date YYYY-MM-DD".into()),
    }
}

/// "Dana Ruiz (CEO), Bo Lin" -> two attendees; a name is needed for each.
pub fn parse_attendees(text: &str) -> Result<Vec<crate::assessment::Attendee>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, role) = match part.split_once('(') {
                Some((name, role)) => (name.trim(), role.trim().trim_end_matches(')').trim()),
                None => (part, ""),
            };
            if name.is_empty() {
                return Err(format!("`{part}`: a name first, then the role in brackets"));
            }
            Ok(crate::assessment::Attendee { name: name.to_string(), role: role.to_string() })
        })
        .collect()
}

/// A whole number from `min` to `max`; a fraction gets its own message (never rounded).
fn integer(text: &str, min: u32, max: u32) -> Result<u32, String> {
    let range = format!("expected a whole number from {min} to {max}");
    match parse_decimal(text) {
        Some(v) if v.fract() != 0.0 => Err(format!("{text} is not a whole number: {range}")),
        Some(v) if v >= f64::from(min) && v <= f64::from(max) => Ok(v as u32),
        _ => Err(range),
    }
}

fn set_integer(field: Field, a: &mut Assessment, v: u32) -> Result<(), String> {
    let p = &mut a.profile;
    match field {
        Field::Buyers(r) => p.buyers.set(r, u8::try_from(v).unwrap_or(100)),
        Field::Headcount => p.headcount = v,
        Field::Observation => p.observation_months = u8::try_from(v).unwrap_or(12),
        _ => return Err("not a number field".into()),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_field_edits_by_its_kind_and_typed_fields_validate() {
        let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
        for f in fields() {
            match kind(f) {
                Kind::Choice => {
                    let (labels, _) = options(f, &a);
                    choose(f, &mut a, labels.len().saturating_sub(1));
                }
                Kind::Tick => {
                    toggle(f, &mut a);
                    assert!(value(f, &a) == "[x]", "{f:?} ticks");
                }
                _ => {}
            }
            let _ = value(f, &a);
        }
        assert!(set_text(Field::Buyers(Region::Europe), &mut a, "55").is_ok());
        assert_eq!(a.profile.buyers.europe, 55);
        assert!(set_text(Field::Buyers(Region::Europe), &mut a, "155").is_err());
        assert!(set_text(Field::TeamFte, &mut a, "NaN").is_err());
        assert!(set_text(Field::Client, &mut a, "  ").is_err());
        for _ in 0..DEADLINE_SLOTS {
            assert!(set_text(Field::DeadlineWhen(0), &mut a, "0").is_ok());
        }
        assert!(a.profile.deadlines.is_empty(), "0 removes a deadline");
    }

    #[test]
    fn several_deadlines_capacities_start_and_currency_are_set_from_the_form() {
        let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
        assert_eq!(locked(Field::DeadlineFramework(0), &a), Some("set this deadline's weeks or date first"));
        assert!(set_text(Field::DeadlineName(0), &mut a, "German shipper").is_ok());
        assert!(set_text(Field::DeadlineWhen(0), &mut a, "2026-10-05").is_ok());
        choose(Field::DeadlineFramework(0), &mut a, 2);
        assert!(set_text(Field::DeadlineWhen(1), &mut a, "52").is_ok());
        choose(Field::DeadlineFramework(1), &mut a, 1);
        let d = &a.profile.deadlines;
        assert_eq!(d.len(), 2);
        assert_eq!(
            (d[0].name.as_str(), d[0].date.as_deref(), d[0].framework),
            ("German shipper", Some("2026-10-05"), Some(Framework::Iso27001))
        );
        assert_eq!((d[1].weeks, d[1].framework), (52, Some(Framework::Soc2)));
        assert!(set_text(Field::DeadlineWhen(1), &mut a, "2026-02-30").is_err(), "not a date");
        assert!(set_text(Field::DeadlineWhen(1), &mut a, "1.5").is_err(), "not whole weeks");
        assert!(set_text(Field::EngineeringPercent, &mut a, "12").is_ok());
        assert_eq!(a.profile.engineering_percent, Some(12));
        assert!(set_text(Field::ItPercent, &mut a, "101").is_err());
        assert!(set_text(Field::EngineeringPercent, &mut a, "").is_ok());
        assert_eq!(a.profile.engineering_percent, None, "empty is the default");
        assert!(set_text(Field::ProgrammeStart, &mut a, "2026-02-02").is_ok());
        assert!(set_text(Field::ProgrammeStart, &mut a, "soon").is_err());
        assert_eq!(a.profile.programme_start.as_deref(), Some("2026-02-02"));
        let (labels, _) = options(Field::Currency, &a);
        let nok = labels.iter().position(|l| l == "NOK").expect("NOK offered");
        choose(Field::Currency, &mut a, nok);
        assert_eq!(a.profile.currency, Some(Currency::Nok));
        toggle(Field::Scheme(Scheme::Tisax), &mut a);
        assert!(a.profile.schemes.contains(&Scheme::Tisax));
        assert!(crate::profile::profile_problems(&a.profile).is_empty());
    }

    #[test]
    fn decimal_comma_or_point_and_no_silent_rounding() {
        let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
        assert_eq!(set_text(Field::TeamFte, &mut a, "0,8"), Ok(()));
        assert_eq!(a.profile.team_fte, 0.8);
        assert_eq!(set_text(Field::TeamFte, &mut a, "1.5"), Ok(()));
        assert_eq!(a.profile.team_fte, 1.5);
        assert!(set_text(Field::TeamFte, &mut a, "1,000.5").is_err(), "ambiguous separators");
        let refused = set_text(Field::DeadlineWhen(0), &mut a, "1.5").expect_err("a fraction of a week");
        assert!(refused.contains("not a whole number"), "{refused}");
        assert!(a.profile.deadlines.is_empty(), "nothing changed");
        assert!(set_text(Field::Headcount, &mut a, "120,0").is_ok(), "a whole number with a zero fraction");
        assert_eq!(a.profile.headcount, 120);
    }

    #[test]
    fn leads_confirmations_systems_and_tools_are_set_from_the_form() {
        let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
        assert_eq!(value(Field::Lead(Owner::It), &a), "not named");
        assert_eq!(value(Field::ConfirmedBy(Owner::It), &a), "nobody: assumed");
        assert!(set_text(Field::Lead(Owner::It), &mut a, "  Head of IT ").is_ok());
        assert!(set_text(Field::ConfirmedBy(Owner::It), &mut a, "CFO").is_ok());
        assert_eq!(a.profile.lead(Owner::It), Some("Head of IT"));
        assert_eq!(a.profile.capacity_confirmed_by(Owner::It), Some("CFO"));
        // Cleared again, the entry goes.
        assert!(set_text(Field::Lead(Owner::It), &mut a, "").is_ok());
        assert!(set_text(Field::ConfirmedBy(Owner::It), &mut a, "").is_ok());
        assert!(a.profile.leads.is_empty());
        assert!(set_text(Field::SystemsInScope, &mut a, "12").is_ok());
        assert_eq!(a.profile.systems_in_scope, Some(12));
        assert!(set_text(Field::SystemsInScope, &mut a, "1.5").is_err());
        assert!(set_text(Field::SystemsInScope, &mut a, "").is_ok());
        assert_eq!(a.profile.systems_in_scope, None);
        choose(Field::WorksCouncil, &mut a, 1);
        assert_eq!(a.profile.works_council, Applicability::Yes);
        assert_eq!(value(Field::WorksCouncil, &a), "yes");
        toggle(Field::ToolHeld(Tool::PenetrationTest), &mut a);
        assert!(a.profile.holds_tool(Tool::PenetrationTest));
        assert_eq!(value(Field::ToolHeld(Tool::PenetrationTest), &a), "[x]");
    }

    proptest! {
        /// Any text typed as a lead or a confirmation is kept as typed (trimmed) and survives
        /// a save and load; empty means none.
        #[test]
        fn typed_leads_round_trip(name in "\\PC{0,60}", who in "\\PC{0,60}", at in 0usize..7) {
            let owner = Owner::ALL[at];
            let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
            prop_assert!(set_text(Field::Lead(owner), &mut a, &name).is_ok());
            prop_assert!(set_text(Field::ConfirmedBy(owner), &mut a, &who).is_ok());
            let expect = |t: &str| Some(t.trim()).filter(|t| !t.is_empty()).map(str::to_string);
            prop_assert_eq!(a.profile.lead(owner).map(str::to_string), expect(&name));
            prop_assert_eq!(a.profile.capacity_confirmed_by(owner).map(str::to_string), expect(&who));
            let text = toml::to_string(&a).expect("encodes");
            let back = crate::store::parse("acme.toml", &text).expect("reads back");
            prop_assert_eq!(back.profile.leads, a.profile.leads);
        }

        /// Whatever is typed, a number field either takes the number exactly or refuses with
        /// a message, and never leaves the profile outside its range.
        #[test]
        fn typed_numbers_are_taken_exactly_or_refused(text in "[0-9.,\\- a-z]{0,8}") {
            let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
            for field in [Field::Buyers(Region::Europe), Field::Headcount, Field::TeamFte, Field::Observation, Field::SystemsInScope] {
                let before = a.profile.clone();
                match set_text(field, &mut a, &text) {
                    // Empty means "not known" for the systems in scope.
                    Ok(()) if field == Field::SystemsInScope && text.trim().is_empty() => {
                        prop_assert_eq!(a.profile.systems_in_scope, None);
                    }
                    Ok(()) => {
                        let typed = parse_decimal(&text).expect("accepted text is a number");
                        let now: f64 = value(field, &a).trim_end_matches('%').parse().expect("a number");
                        prop_assert!((now - typed).abs() < 0.05, "{field:?}: {text:?} became {now}");
                    }
                    Err(message) => {
                        prop_assert!(!message.is_empty());
                        prop_assert_eq!(&a.profile, &before, "a refusal changes nothing");
                    }
                }
            }
        }
    }
}
