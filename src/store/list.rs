//! What is in the data folder, for `crosswalk list` and the TUI's open screen.

use super::atomic::is_temporary;
use crate::assessment::Assessment;
use crate::questionnaire::Questionnaire;
use comfy_table::{Table, presets};
use std::io;
use std::path::{Path, PathBuf};

/// One assessment file in the data folder.
#[derive(Debug, Clone, PartialEq)]
pub struct ListEntry {
    /// File name within the folder, e.g. `acme.toml`.
    pub file: String,
    pub path: PathBuf,
    /// The summary, or why the file could not be read (it is listed either way).
    pub summary: Result<Summary, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub client: String,
    pub updated: String,
    pub progress: Progress,
}

/// Questions of the loaded questionnaire with a recorded response (a level, not applicable,
/// or "ask later"), out of all of them. Orphaned answers count towards neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub answered: usize,
    pub total: usize,
}

impl Progress {
    pub fn of(assessment: &Assessment, questionnaire: &Questionnaire) -> Progress {
        let answered = questionnaire.questions.iter().filter(|q| assessment.answer(&q.id).is_assessed()).count();
        Progress { answered, total: questionnaire.questions.len() }
    }
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let percent = (self.answered * 100).checked_div(self.total).unwrap_or(0);
        write!(f, "{} of {} ({percent}%)", self.answered, self.total)
    }
}

/// Answer ids with no question in `questionnaire`, e.g. after a module was replaced. They stay
/// in the file (saving never drops them) and are shown to the consultant.
pub fn orphaned_answers<'a>(assessment: &'a Assessment, questionnaire: &Questionnaire) -> Vec<&'a str> {
    assessment.answers.keys().filter(|id| questionnaire.question(id).is_none()).map(String::as_str).collect()
}

/// Assessment files in `folder`, sorted by name: `*.toml`, leaving out backups, lock files,
/// temporaries and hidden files.
pub fn assessment_files(folder: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let is_assessment = name.ends_with(".toml") && !name.starts_with('.') && !is_temporary(&name);
        if is_assessment && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

pub fn entry_for(path: PathBuf, questionnaire: &Questionnaire) -> ListEntry {
    let summary = super::load(&path)
        .map(|mut a| {
            // Answers to renamed or merged questions count where they now belong.
            crate::questionnaire::carry_over(questionnaire, &mut a);
            a
        })
        .map(|a| Summary { progress: Progress::of(&a, questionnaire), client: a.client, updated: a.updated })
        .map_err(|e| e.to_string());
    ListEntry { file: super::names::display_name(&path), path, summary }
}

/// The `crosswalk list` output: a table, unreadable files marked and explained below it, or
/// a friendly line for an empty folder.
pub fn render_list(folder: &Path, entries: &[ListEntry]) -> String {
    if entries.is_empty() {
        return format!("No assessments yet in {}.\n", folder.display());
    }
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_header(["Client", "Updated", "Progress", "File"]);
    let mut problems = String::new();
    for entry in entries {
        match &entry.summary {
            Ok(s) => {
                table.add_row([s.client.as_str(), &short_timestamp(&s.updated), &s.progress.to_string(), &entry.file])
            }
            Err(error) => {
                for line in error.lines() {
                    problems.push_str(&format!("error: {line}\n"));
                }
                table.add_row(["(unreadable, see below)", "-", "-", &entry.file])
            }
        };
    }
    format!("{table}\n{problems}")
}

/// `2026-11-25T12:23:45Z` -> `2026-11-25 12:23 UTC`; anything else (hand-edited) as it is.
fn short_timestamp(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16), rfc3339.ends_with('Z') && rfc3339.len() == 20) {
        (Some(date), Some(time), true) => format!("{date} {time} UTC"),
        _ => rfc3339.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_shortened_only_when_well_formed() {
        assert_eq!(short_timestamp("2026-11-25T12:23:45Z"), "2026-11-25 12:23 UTC");
        assert_eq!(short_timestamp("last tuesday"), "last tuesday");
    }

    #[test]
    fn progress_reads_as_a_fraction() {
        assert_eq!(Progress { answered: 3, total: 12 }.to_string(), "3 of 12 (25%)");
        assert_eq!(Progress { answered: 0, total: 0 }.to_string(), "0 of 0 (0%)");
    }
}
