//! How numbers, ranges, money and answers read on screen and in the reports. One rounding
//! path: the Dashboard, the markdown, the diff, the CSV and the JSON show the same figure for
//! the same thing. JSON carries [`round1`]; every whole percentage is that value rounded
//! half away from zero ([`whole_percent`]), so a reader rounding the JSON gets the screen's
//! figure and no value is rounded twice in different ways.

use crate::assessment::{Answer, AnswerState, LEVEL_LABELS};
use crate::engine::Range;
use crate::engine::costs::Money;
use crate::profile::Currency;

/// Rounds to one decimal, the precision every exported figure uses (more would be false
/// precision, and stable rounding keeps snapshots and JSON consumers steady).
pub fn round1(value: f64) -> f64 {
    // Adding 0.0 turns -0.0 into 0.0, so a tiny negative never prints as "-0".
    if value.is_finite() { (value * 10.0).round() / 10.0 + 0.0 } else { 0.0 }
}

/// `12`, `2.5`: whole numbers without a trailing `.0`.
pub fn number(value: f64) -> String {
    let rounded = round1(value);
    if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") }
}

/// A readiness or coverage figure as a whole percentage: the one-decimal figure the JSON
/// carries, rounded half away from zero.
pub fn whole_percent(value: f64) -> i64 {
    round1(value).round() as i64
}

/// `42%`: readiness and coverage read as whole percentages.
pub fn percent(value: f64) -> String {
    format!("{}%", whole_percent(value))
}

/// How many points a percentage moved, as the difference of the two figures shown (so the
/// change always agrees with the before and after columns).
pub fn percent_change(before: f64, after: f64) -> i64 {
    whole_percent(after) - whole_percent(before)
}

/// An estimate: one decimal below 10, whole numbers from 10 up (a decimal on 126 person-days
/// would claim a precision the estimate does not have).
pub fn estimate(value: f64) -> String {
    if value.abs() >= 10.0 { number(value.round()) } else { number(value) }
}

/// `8–12`, or `8` when both ends agree.
pub fn range(r: Range) -> String {
    let (low, high) = (estimate(r.low), estimate(r.high));
    if low == high { low } else { format!("{low}–{high}") }
}

/// Signed points of a recommendation factor: `+12.5`, `-20`, `0`.
pub fn points(value: f64) -> String {
    let rounded = round1(value);
    if rounded > 0.0 { format!("+{}", number(rounded)) } else { number(rounded) }
}

/// `120,000`: thousands separated the way the cost quotes are written.
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `EUR 20,000–60,000`, or `EUR 100,000+` when the top is open.
pub fn money(amount: Money, currency: Currency) -> String {
    let whole = |v: f64| thousands(v.max(0.0).round() as u64);
    match amount.high {
        Some(high) if whole(high) == whole(amount.low) => format!("{} {}", currency.code(), whole(high)),
        Some(high) => format!("{} {}–{}", currency.code(), whole(amount.low), whole(high)),
        None => format!("{} {}+", currency.code(), whole(amount.low)),
    }
}

/// The whole weeks a work item runs in, counted from week 1: an item from week 0 to 4 runs
/// in weeks `1–4`.
pub fn weeks_span(start_week: u32, end_week: u32) -> String {
    let first = start_week + 1;
    let last = end_week.max(first);
    if first == last { first.to_string() } else { format!("{first}–{last}") }
}

/// An answer as the client reads it: `3 Implemented`, `Not applicable`, `Ask later`,
/// `1 Ad hoc (to confirm)`, `Not answered`.
pub fn answer_label(answer: Option<&Answer>) -> String {
    let Some(answer) = answer else { return "Not answered".into() };
    match answer.state() {
        AnswerState::Unanswered => "Not answered".into(),
        AnswerState::Unknown => "Unknown (not assessed), ask later".into(),
        AnswerState::NotApplicable(_) => format!("Not applicable{}", to_confirm(answer)),
        AnswerState::Level(level) => {
            let label = LEVEL_LABELS.get(usize::from(level)).copied().unwrap_or("");
            format!("{level} {label}{}", to_confirm(answer))
        }
    }
}

fn to_confirm(answer: &Answer) -> &'static str {
    if answer.to_confirm { " (to confirm)" } else { "" }
}

/// Compact machine form of an answer for CSV and JSON: `0`-`4`, `na`, `unknown`, or empty.
pub fn answer_key(answer: Option<&Answer>) -> String {
    match answer.map(Answer::state) {
        None | Some(AnswerState::Unanswered) => String::new(),
        Some(AnswerState::Unknown) => "unknown".into(),
        Some(AnswerState::NotApplicable(_)) => "na".into(),
        Some(AnswerState::Level(level)) => level.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_without_false_precision() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(2.25), "2.3");
        assert_eq!(number(f64::NAN), "0");
        assert_eq!(percent(61.96), "62%");
        // 10.45 is 10.5 in the JSON, so 11% everywhere (not 10% from the raw value).
        assert_eq!(percent(10.45), "11%");
        assert_eq!(percent(0.5), "1%");
        assert_eq!(percent(f64::NAN), "0%");
        assert_eq!(percent_change(10.45, 12.44), 1);
        assert_eq!(range(Range { low: 8.0, high: 12.04 }), "8–12");
        assert_eq!(range(Range { low: 3.0, high: 3.0 }), "3");
        assert_eq!(range(Range { low: 2.25, high: 126.2 }), "2.3–126");
        assert_eq!(points(12.5), "+12.5");
        assert_eq!(points(-20.0), "-20");
        assert_eq!(points(0.0), "0");
        assert_eq!(points(-0.01), "0");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(25_000), "25,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        let m = |low: f64, high: Option<f64>| money(Money { low, high }, Currency::Nok);
        assert_eq!(m(120_000.0, Some(450_000.4)), "NOK 120,000–450,000");
        assert_eq!(m(100_000.0, None), "NOK 100,000+");
    }

    #[test]
    fn week_spans_count_from_one() {
        assert_eq!(weeks_span(0, 4), "1–4");
        assert_eq!(weeks_span(4, 5), "5");
        assert_eq!(weeks_span(4, 4), "5");
    }

    #[test]
    fn answers_read_in_words() {
        assert_eq!(answer_label(None), "Not answered");
        assert_eq!(answer_label(Some(&Answer::level(3))), "3 Implemented");
        assert_eq!(answer_label(Some(&Answer::unknown())), "Unknown (not assessed), ask later");
        let confirm = Answer { to_confirm: true, ..Answer::level(1) };
        assert_eq!(answer_label(Some(&confirm)), "1 Ad hoc (to confirm)");
        let carried_na = Answer { to_confirm: true, ..Answer::not_applicable("no server rooms") };
        assert_eq!(answer_label(Some(&carried_na)), "Not applicable (to confirm)");
        assert_eq!(answer_key(Some(&Answer::not_applicable("cloud only"))), "na");
    }
}
