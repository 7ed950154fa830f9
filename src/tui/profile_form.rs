//! The business-profile form as a flat list of fields: each knows its label, how to show
//! its value, and how arrows, Space and typed text change it.

use crate::Framework;
use crate::assessment::Assessment;
use crate::catalog::Category;
use crate::profile::{Applicability, Certification, Deadline, PhysicalScope, Region, Regulation, Sector};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Client,
    Consultant,
    Headquarters,
    Sector,
    Buyers(Region),
    Regulation(Regulation),
    Certification(Certification),
    DeadlineWeeks,
    DeadlineFramework,
    TeamFte,
    Headcount,
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
        Field::DeadlineWeeks => Some("Deadlines and capacity"),
        Field::Physical => Some("Scope"),
        _ => None,
    }
}

pub fn fields() -> Vec<Field> {
    let mut out = vec![Field::Client, Field::Consultant, Field::Headquarters, Field::Sector];
    out.extend(Region::ALL.map(Field::Buyers));
    out.extend(Regulation::ALL.map(Field::Regulation));
    out.extend(Certification::ALL.map(Field::Certification));
    out.extend([Field::DeadlineWeeks, Field::DeadlineFramework, Field::TeamFte, Field::Headcount, Field::Physical]);
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
        Field::DeadlineWeeks => "Deal deadline (weeks, 0 = none)".into(),
        Field::DeadlineFramework => "The deal asks for".into(),
        Field::TeamFte => "Team time for compliance (FTE)".into(),
        Field::Headcount => "Headcount (sets the ISO cost band)".into(),
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
        Field::Headquarters => p.headquarters.map_or("not set".into(), |r| r.label().into()),
        Field::Sector => p.sector.label().into(),
        Field::Buyers(r) => format!("{}%", p.buyers.share(r)),
        // NIS2 is often still open in a first workshop: yes, no or not yet known.
        Field::Regulation(Regulation::Nis2) => p.nis2().label().into(),
        Field::Regulation(r) => tick(p.regulations.contains(&r)),
        Field::Certification(c) => tick(p.certifications.contains(&c)),
        Field::DeadlineWeeks => p.deadline.as_ref().map_or("none".into(), |d| {
            let left = d.weeks_left(&crate::clock::now_rfc3339());
            match &d.set {
                Some(set) if left != d.weeks => format!("{left} (set to {} on {set})", d.weeks),
                _ => left.to_string(),
            }
        }),
        Field::DeadlineFramework => match p.deadline {
            None => "-".into(),
            Some(Deadline { framework: None, .. }) => "either".into(),
            Some(Deadline { framework: Some(f), .. }) => f.label().into(),
        },
        Field::TeamFte => format!("{:.1}", p.team_fte),
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
        Field::Client | Field::Consultant | Field::Buyers(_) | Field::DeadlineWeeks | Field::TeamFte | Field::Headcount
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
        Field::Regulation(Regulation::Nis2) => {
            let next = cycle(&Applicability::ALL, p.nis2(), delta);
            p.set_nis2(next);
        }
        Field::Regulation(r) => flip(&mut p.regulations, r),
        Field::Certification(c) => flip(&mut p.certifications, c),
        Field::DeadlineWeeks => {
            let today = crate::clock::now_rfc3339();
            let weeks = p.deadline.as_ref().map_or(0, |d| i32::from(d.weeks_left(&today))) + 4 * delta;
            set_deadline_weeks(a, weeks.clamp(0, 520) as u16);
        }
        Field::DeadlineFramework => {
            if let Some(d) = p.deadline.as_mut() {
                d.framework = cycle(&[None, Some(Framework::Soc2), Some(Framework::Iso27001)], d.framework, delta);
            }
        }
        Field::TeamFte => p.team_fte = (p.capacity_fte() + 0.5 * f64::from(delta)).clamp(0.5, 50.0),
        Field::Headcount => p.headcount = (i64::from(p.headcount) + 10 * i64::from(delta)).clamp(1, 1_000_000) as u32,
        Field::Physical => p.physical = cycle(&PhysicalScope::ALL, p.physical, delta),
        Field::Soc2Category(c) => flip(&mut p.soc2_categories, c),
        Field::Observation => p.observation_months = (i32::from(p.observation_window()) + delta).clamp(3, 12) as u8,
    }
}

/// Sets the deadline `weeks` from today (the date is kept, so it counts down by the next
/// workshop).
fn set_deadline_weeks(a: &mut Assessment, weeks: u16) {
    let today = crate::clock::now_rfc3339();
    let p = &mut a.profile;
    let framework = p.deadline.as_ref().and_then(|d| d.framework);
    p.deadline = (weeks > 0).then(|| Deadline::new(weeks, framework, &today));
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
        // Empty means no deadline, as 0 does.
        Field::DeadlineWeeks if text.is_empty() => set_deadline_weeks(a, 0),
        Field::DeadlineWeeks => set_deadline_weeks(a, number(520.0)?.round() as u16),
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
        assert!(set_text(Field::DeadlineWeeks, &mut a, "0").is_ok());
        assert_eq!(a.profile.deadline, None);
    }
}
