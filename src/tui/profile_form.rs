//! The business-profile form as a flat list of fields: each knows its label, how to show
//! its value, and how arrows, Space and typed text change it.

use crate::Framework;
use crate::assessment::Assessment;
use crate::catalog::Category;
use crate::profile::{Certification, Currency, Deadline, PhysicalScope, Region, Regulation, Scheme, Sector};

/// Deadlines the form offers slots for; a file may hold more, shown and kept as they are.
pub const DEADLINE_SLOTS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Client,
    Consultant,
    Headquarters,
    Sector,
    Buyers(Region),
    Regulation(Regulation),
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
        Field::Scheme(Scheme::Fedramp) => Some("Schemes asked for (not scored)"),
        Field::Physical => Some("Scope"),
        _ => None,
    }
}

pub fn fields() -> Vec<Field> {
    let mut out = vec![Field::Client, Field::Consultant, Field::Headquarters, Field::Sector];
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
    out
}

pub fn label(field: Field) -> String {
    match field {
        Field::Client => "Client name".into(),
        Field::Consultant => "Consultant".into(),
        Field::Headquarters => "Headquarters".into(),
        Field::Sector => "Sector".into(),
        Field::Buyers(r) => r.label().into(),
        Field::Regulation(r) => r.label().into(),
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
        Field::Scheme(s) => s.label().into(),
        Field::Physical => "Physical scope".into(),
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
        Field::Headquarters => p.headquarters.map_or("not set".into(), |r| r.label().into()),
        Field::Sector => p.sector.label().into(),
        Field::Buyers(r) => format!("{}%", p.buyers.share(r)),
        Field::Regulation(r) => tick(p.regulations.contains(&r)),
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
        Field::Currency => match p.currency {
            Some(c) => c.code().into(),
            None => format!("{} (from headquarters)", p.currency().code()),
        },
        Field::Scheme(s) => tick(p.schemes.contains(&s)),
        Field::Headcount => p.headcount.to_string(),
        Field::Physical => p.physical.label().into(),
        Field::Soc2Category(c) => tick(p.soc2_categories.contains(&c)),
        Field::Observation => p.observation_window().to_string(),
    }
}

/// Whether Enter opens a text box for this field (free text and numbers).
pub fn is_typed(field: Field) -> bool {
    matches!(
        field,
        Field::Client
            | Field::Consultant
            | Field::Buyers(_)
            | Field::DeadlineName(_)
            | Field::DeadlineWhen(_)
            | Field::TeamFte
            | Field::EngineeringPercent
            | Field::ItPercent
            | Field::ProgrammeStart
            | Field::Headcount
    )
}

fn cycle<T: Copy + PartialEq>(all: &[T], current: T, delta: i32) -> T {
    let i = all.iter().position(|&x| x == current).unwrap_or(0) as i32;
    let n = all.len() as i32;
    all[((i + delta).rem_euclid(n)) as usize]
}

fn flip<T: Ord>(set: &mut std::collections::BTreeSet<T>, item: T) {
    if !set.remove(&item) {
        set.insert(item);
    }
}

/// Left (-1) / right (+1): step numbers, cycle choices, flip ticks.
pub fn adjust(field: Field, a: &mut Assessment, delta: i32) {
    let p = &mut a.profile;
    match field {
        Field::Client | Field::Consultant => {}
        Field::Headquarters => {
            let options: Vec<Option<Region>> = std::iter::once(None).chain(Region::ALL.map(Some)).collect();
            p.headquarters = cycle(&options, p.headquarters, delta);
        }
        Field::Sector => p.sector = cycle(&Sector::ALL, p.sector, delta),
        Field::Buyers(r) => {
            let now = i32::from(p.buyers.share(r));
            p.buyers.set(r, (now + 5 * delta).clamp(0, 100) as u8);
        }
        Field::Regulation(r) => flip(&mut p.regulations, r),
        Field::Certification(c) => flip(&mut p.certifications, c),
        Field::DeadlineName(_) | Field::ProgrammeStart => {}
        Field::DeadlineWhen(i) => {
            let today = crate::clock::now_rfc3339();
            let weeks = p.deadlines.get(i).map_or(0, |d| i32::from(d.weeks_left(&today))) + 4 * delta;
            set_deadline_weeks(a, i, weeks.clamp(0, 520) as u16);
        }
        Field::DeadlineFramework(i) => {
            if let Some(d) = p.deadlines.get_mut(i) {
                d.framework = cycle(&[None, Some(Framework::Soc2), Some(Framework::Iso27001)], d.framework, delta);
            }
        }
        Field::EngineeringPercent => {
            let now = i32::from(p.engineering_percent.unwrap_or(5));
            p.engineering_percent = Some((now + 5 * delta).clamp(0, 100) as u8);
        }
        Field::ItPercent => {
            let now = i32::from(p.it_percent.unwrap_or(25));
            p.it_percent = Some((now + 5 * delta).clamp(0, 100) as u8);
        }
        Field::Currency => {
            let options: Vec<Option<Currency>> = std::iter::once(None).chain(Currency::ALL.map(Some)).collect();
            p.currency = cycle(&options, p.currency, delta);
        }
        Field::Scheme(s) => flip(&mut p.schemes, s),
        Field::TeamFte => p.team_fte = (p.capacity_fte() + 0.5 * f64::from(delta)).clamp(0.5, 50.0),
        Field::Headcount => p.headcount = (i64::from(p.headcount) + 10 * i64::from(delta)).clamp(1, 1_000_000) as u32,
        Field::Physical => p.physical = cycle(&PhysicalScope::ALL, p.physical, delta),
        Field::Soc2Category(c) => flip(&mut p.soc2_categories, c),
        Field::Observation => p.observation_months = (i32::from(p.observation_window()) + delta).clamp(3, 12) as u8,
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

/// Applies typed text; the error names what was expected.
pub fn set_text(field: Field, a: &mut Assessment, text: &str) -> Result<(), String> {
    let text = text.trim();
    let number = |max: f64| -> Result<f64, String> {
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && (0.0..=max).contains(v))
            .ok_or_else(|| format!("expected a number from 0 to {max}"))
    };
    match field {
        Field::Client if text.is_empty() => return Err("the client name cannot be empty".into()),
        Field::Client => a.client = text.to_string(),
        Field::Consultant => a.consultant = text.to_string(),
        Field::Buyers(r) => a.profile.buyers.set(r, number(100.0)?.round() as u8),
        Field::DeadlineName(i) => deadline_slot(a, i).name = text.to_string(),
        // Empty means no deadline, as 0 does.
        Field::DeadlineWhen(i) if text.is_empty() => set_deadline_weeks(a, i, 0),
        Field::DeadlineWhen(i) if crate::clock::is_date(text) => {
            let d = deadline_slot(a, i);
            d.date = Some(text.to_string());
            d.weeks = 0;
            d.set = None;
        }
        Field::DeadlineWhen(i) => match text.parse::<f64>() {
            Ok(v) if v.is_finite() && (0.0..=520.0).contains(&v) => set_deadline_weeks(a, i, v.round() as u16),
            _ => return Err("expected weeks from 0 to 520, or a date YYYY-MM-DD".into()),
        },
        Field::EngineeringPercent if text.is_empty() => a.profile.engineering_percent = None,
        Field::EngineeringPercent => a.profile.engineering_percent = Some(number(100.0)?.round() as u8),
        Field::ItPercent if text.is_empty() => a.profile.it_percent = None,
        Field::ItPercent => a.profile.it_percent = Some(number(100.0)?.round() as u8),
        Field::ProgrammeStart if text.is_empty() => a.profile.programme_start = None,
        Field::ProgrammeStart if crate::clock::is_date(text) => a.profile.programme_start = Some(text.to_string()),
        Field::ProgrammeStart => return Err("expected a date YYYY-MM-DD, or empty for the assessment date".into()),
        Field::TeamFte => match number(50.0)? {
            fte if fte > 0.0 => a.profile.team_fte = fte,
            _ => return Err("team time must be more than 0 FTE".into()),
        },
        Field::Headcount => a.profile.headcount = number(1_000_000.0)?.round().max(1.0) as u32,
        _ => return Err("this field changes with ←/→ or Space".into()),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_adjusts_without_panicking_and_typed_fields_validate() {
        let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
        for f in fields() {
            adjust(f, &mut a, 1);
            adjust(f, &mut a, -3);
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
        assert!(set_text(Field::DeadlineName(0), &mut a, "German shipper").is_ok());
        assert!(set_text(Field::DeadlineWhen(0), &mut a, "2026-10-05").is_ok());
        adjust(Field::DeadlineFramework(0), &mut a, 2);
        assert!(set_text(Field::DeadlineWhen(1), &mut a, "52").is_ok());
        adjust(Field::DeadlineFramework(1), &mut a, 1);
        let d = &a.profile.deadlines;
        assert_eq!(d.len(), 2);
        assert_eq!(
            (d[0].name.as_str(), d[0].date.as_deref(), d[0].framework),
            ("German shipper", Some("2026-10-05"), Some(Framework::Iso27001))
        );
        assert_eq!((d[1].weeks, d[1].framework), (52, Some(Framework::Soc2)));
        assert!(set_text(Field::DeadlineWhen(1), &mut a, "2026-02-30").is_err(), "not a date");
        assert!(set_text(Field::EngineeringPercent, &mut a, "12").is_ok());
        assert_eq!(a.profile.engineering_percent, Some(12));
        assert!(set_text(Field::ItPercent, &mut a, "101").is_err());
        assert!(set_text(Field::ProgrammeStart, &mut a, "2026-02-02").is_ok());
        assert!(set_text(Field::ProgrammeStart, &mut a, "soon").is_err());
        assert_eq!(a.profile.programme_start.as_deref(), Some("2026-02-02"));
        adjust(Field::Currency, &mut a, 1);
        assert_eq!(a.profile.currency, Some(Currency::Eur));
        adjust(Field::Scheme(Scheme::Tisax), &mut a, 1);
        assert!(a.profile.schemes.contains(&Scheme::Tisax));
        assert!(crate::profile::profile_problems(&a.profile).is_empty());
    }
}
