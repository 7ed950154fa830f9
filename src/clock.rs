//! Wall-clock timestamps as RFC 3339 UTC strings, without a date-time dependency.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_rfc3339() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    format_unix(secs)
}

/// Formats seconds since the Unix epoch as RFC 3339 UTC.
pub fn format_unix(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, (rem % 3600) / 60, rem % 60)
}

/// The date part of an RFC 3339 timestamp, for reports ("2026-11-25").
pub fn date_part(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

/// Whole days from date `from` to date `to` (each `YYYY-MM-DD...`); none if either is not a
/// date.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    Some(days_from_civil(parse_date(to)?) - days_from_civil(parse_date(from)?))
}

/// Date `days` after `date` (`YYYY-MM-DD...`), as `YYYY-MM-DD`; none if it is not a date.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    let (y, m, d) = civil_from_days(days_from_civil(parse_date(date)?) + days);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The last working day (Monday to Friday) of week `week` counted from `start`: week 1 is
/// `start` to `start` + 6 days. A work item ending in week `week` is due then.
pub fn last_working_day_of_week(start: &str, week: u32) -> Option<String> {
    let last = days_from_civil(parse_date(start)?) + 7 * i64::from(week.max(1)) - 1;
    // 1970-01-01 was a Thursday: Monday is 0.
    let weekday = (last + 3).rem_euclid(7);
    let back = match weekday {
        5 => 1,
        6 => 2,
        _ => 0,
    };
    let (y, m, d) = civil_from_days(last - back);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Whether `text` is a real calendar date `YYYY-MM-DD` (no time part, no 31 February).
pub fn is_date(text: &str) -> bool {
    text.len() == 10 && add_days(text, 0).as_deref() == Some(text)
}

fn parse_date(text: &str) -> Option<(i64, u32, u32)> {
    let date = text.get(..10)?;
    let mut parts = date.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
    let d = parts.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
    Some((y, m, d))
}

/// Inverse of [`civil_from_days`]: days since 1970-01-01 (same algorithm family).
fn days_from_civil((y, m, d): (i64, u32, u32)) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day); Howard Hinnant's
/// well-known algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_unix(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_unix(1_795_609_425), "2026-11-25T12:23:45Z");
        assert_eq!(date_part("2026-11-25T12:23:45Z"), "2026-11-25");
    }

    #[test]
    fn adds_days_across_months_and_leap_years() {
        assert_eq!(add_days("2026-12-02", 30).as_deref(), Some("2027-01-01"));
        assert_eq!(add_days("2024-02-28", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(add_days("2026-03-01", -1).as_deref(), Some("2026-02-28"));
        assert!(is_date("2026-12-02"));
        assert!(!is_date("2026-02-31"));
        assert!(!is_date("2026-12-02T00:00:00Z"));
        assert!(!is_date("next week"));
    }

    #[test]
    fn days_between_dates_round_trips_with_formatting() {
        assert_eq!(days_between("2026-11-25", "2026-12-09T10:00:00Z"), Some(14));
        assert_eq!(days_between("2024-02-28", "2024-03-01"), Some(2));
        assert_eq!(days_between("2026-01-10", "2026-01-03"), Some(-7));
        assert_eq!(days_between("not a date", "2026-01-03"), None);
        for secs in [0u64, 951_782_400, 1_795_609_425] {
            let date = format_unix(secs);
            assert_eq!(days_between("1970-01-01", &date), Some((secs / 86_400) as i64));
        }
    }

    #[test]
    fn an_item_is_due_on_the_last_working_day_of_its_end_week() {
        // 2026-10-14 is a Wednesday: week 1 runs to Tuesday 2026-10-20.
        assert_eq!(last_working_day_of_week("2026-10-14", 1).as_deref(), Some("2026-10-20"));
        // Week 24 ends on Tuesday 2027-03-30.
        assert_eq!(last_working_day_of_week("2026-10-14", 24).as_deref(), Some("2027-03-30"));
        // A Monday start: the week ends on a Sunday, due the Friday before.
        assert_eq!(last_working_day_of_week("2026-10-12", 1).as_deref(), Some("2026-10-16"));
        // A Saturday start: the week ends on a Friday.
        assert_eq!(last_working_day_of_week("2026-10-10", 1).as_deref(), Some("2026-10-16"));
        assert_eq!(last_working_day_of_week("someday", 3), None);
    }
}
