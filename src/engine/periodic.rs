//! Periodic controls inside the SOC 2 Type II window. A Type II opinion covers operation
//! throughout the period: a yearly control whose only run falls before the window opens "did
//! not operate during the period" and cannot be tested, whatever the build did. So every
//! periodic control mapped to an in-scope SOC 2 criterion runs at least once in the window,
//! early enough (four weeks before it closes) for its record to be in the auditor's sample.
//! The runs are upkeep, not build work: their days are in the yearly run work (which counts
//! from the day the window opens), never in the readiness labour.

/// How often a periodic control runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Yearly,
    Quarterly,
}

impl Frequency {
    /// Weeks between two runs.
    pub fn weeks(self) -> u32 {
        match self {
            Frequency::Yearly => 52,
            Frequency::Quarterly => 13,
        }
    }
}

/// The periodic controls, by question id (the questions' own wording names the schedule):
/// the risk assessment and its fraud scenarios, the policy set's review and approval,
/// awareness training, vendor reviews, the restore test, the continuity exercise, the incident
/// tabletop, control self-testing, the penetration test yearly; access reviews each quarter.
pub const PERIODIC: &[(&str, Frequency)] = &[
    ("RISK-02", Frequency::Yearly),
    ("RISK-06", Frequency::Yearly),
    ("GOV-01", Frequency::Yearly),
    ("PPL-03", Frequency::Yearly),
    ("VEN-03", Frequency::Yearly),
    ("BC-02", Frequency::Yearly),
    ("BC-08", Frequency::Yearly),
    ("IR-05", Frequency::Yearly),
    ("GOV-07", Frequency::Yearly),
    ("AC-07", Frequency::Quarterly),
    ("VUL-05", Frequency::Yearly),
];

/// Weeks before the window closes by which every run is done: its record must be in the
/// period the auditor samples, not in the last days of it.
pub const BEFORE_CLOSE: u32 = 4;

/// The weeks the `index`-th of `count` periodic controls runs in a window from `open` to
/// `close`: yearly ones spread over the usable span so they do not all land at once, a
/// quarterly one every quarter from early in the window; at least one run each, all in
/// `[open, close - BEFORE_CLOSE]` (the opening week when the window is shorter than that).
pub fn runs_in_window(open: u32, close: u32, index: usize, count: usize, frequency: Frequency) -> Vec<u32> {
    let last = close.saturating_sub(BEFORE_CLOSE).max(open);
    let span = last - open;
    match frequency {
        Frequency::Yearly => {
            let share = u32::try_from((index + 1) * span as usize / (count + 1)).unwrap_or(span);
            vec![open + share.min(span)]
        }
        Frequency::Quarterly => {
            let first = open + span.min(1);
            (0..).map(|k| first + k * frequency.weeks()).take_while(|&w| w <= last).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_run_falls_in_the_usable_part_of_the_window() {
        for (open, close) in [(36u32, 62u32), (30, 43), (10, 12), (0, 52)] {
            let last = close.saturating_sub(BEFORE_CLOSE).max(open);
            for (i, (_, f)) in PERIODIC.iter().enumerate() {
                let runs = runs_in_window(open, close, i, PERIODIC.len(), *f);
                assert!(!runs.is_empty());
                assert!(runs.iter().all(|&w| w >= open && w <= last), "{open}-{close}: {runs:?}");
            }
        }
        // A quarterly control runs each quarter of a six-month window.
        assert_eq!(runs_in_window(36, 62, 0, 1, Frequency::Quarterly).len(), 2);
    }
}
