//! Client deliverables and exports: pure functions from loaded data to text. The command line
//! and the TUI decide where the text goes; nothing here touches files or the terminal.
//!
//! Every client-facing format leaves out notes marked consultant-only (`note_private`).

pub mod charts;
pub mod csv;
pub mod diff;
pub mod escape;
pub mod evidence;
pub mod figures;
pub mod history;
pub mod json;
pub mod mapping;
pub mod markdown;
mod plan_md;
pub mod plan_text;
pub mod soa;
mod table;
pub mod words;

use crate::assessment::{Answer, Assessment};
use crate::catalog::Catalog;
use crate::engine::Analysis;
use crate::questionnaire::{Question, Questionnaire};

/// Everything a report is made from: the assessment and the engine's analysis of it, with the
/// catalog and questionnaire the analysis was computed against (its indices point into them).
#[derive(Debug, Clone, Copy)]
pub struct ReportData<'a> {
    pub catalog: &'a Catalog,
    pub questionnaire: &'a Questionnaire,
    pub assessment: &'a Assessment,
    pub analysis: &'a Analysis,
}

impl<'a> ReportData<'a> {
    pub fn question(&self, index: usize) -> &'a Question {
        &self.questionnaire.questions[index]
    }

    /// The regulations a question's work waits on, when none of them applies to the client
    /// yet (whether it does may not be known): the plan marks the item conditional.
    pub fn conditional_on(&self, index: usize) -> Option<&'a [crate::profile::Regulation]> {
        let q = self.question(index);
        let regulations = &self.assessment.profile.regulations;
        (!q.applies_if.is_empty() && !q.applies_if.iter().any(|r| regulations.contains(r)))
            .then_some(q.applies_if.as_slice())
    }

    /// The stored answer to a question, if any.
    pub fn answer(&self, question_id: &str) -> Option<&'a Answer> {
        self.assessment.answers.get(question_id)
    }

    /// The note the client may see: none when empty or marked consultant-only.
    pub fn client_note(&self, question_id: &str) -> Option<&'a str> {
        self.answer(question_id).and_then(client_note)
    }

    /// The recommended plan's item for a gap: the first one that carries its question.
    pub fn plan_item(&self, item: &crate::engine::roadmap::WorkItem) -> Option<&'a crate::engine::roadmap::PlanItem> {
        self.analysis.roadmap.plan().items().filter(|i| i.question == Some(item.question)).min_by_key(|i| i.start_week)
    }

    /// Person-days of the gap's work as the recommended plan schedules it (scaled to the
    /// organisation, a shared control's parts added up): the one figure the plan, the tables,
    /// the CSV and the costs use. A gap the plan does not schedule (nothing it serves is in
    /// scope, or its framework is held) has none, so the CSV adds up to the plan's days.
    pub fn planned_days(&self, item: &crate::engine::roadmap::WorkItem) -> crate::engine::Range {
        self.analysis
            .roadmap
            .plan()
            .items()
            .filter(|i| i.question == Some(item.question))
            .fold(crate::engine::Range::default(), |sum, i| sum + i.days)
    }

    /// Whole programme weeks (counted from 1) the gap's work runs in, in the recommended plan:
    /// the one schedule the plan, the CSV and the charts show.
    pub fn item_weeks(&self, item: &crate::engine::roadmap::WorkItem) -> Option<(u32, u32)> {
        let planned = self.plan_item(item)?;
        let first = planned.start_week + 1;
        Some((first, self.planned_end_week(item).unwrap_or(planned.end_week).max(first)))
    }

    /// The week the last part of the gap's work ends in the recommended plan.
    pub fn planned_end_week(&self, item: &crate::engine::roadmap::WorkItem) -> Option<u32> {
        self.analysis.roadmap.plan().items().filter(|i| i.question == Some(item.question)).map(|i| i.end_week).max()
    }

    /// The report date: when the assessment was last changed, so the same file always gives
    /// the same report.
    pub fn date(&self) -> &'a str {
        crate::clock::date_part(&self.assessment.updated)
    }
}

/// An answer's note unless it is empty or consultant-only. The one place that decides what
/// counts as client-visible, so no format can leak a private note by forgetting the flag.
pub fn client_note(answer: &Answer) -> Option<&str> {
    (!answer.note_private && !answer.note.trim().is_empty()).then_some(answer.note.as_str())
}

/// The export formats of `crosswalk report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The client-ready roadmap.
    Markdown,
    /// The whole result with the keys documented in `src/report/JSON.md`.
    Json,
    /// The gap list, one row per gap.
    Csv,
    /// The draft Statement of Applicability, one row per Annex A control.
    Soa,
    /// The evidence request list by owner, as markdown.
    Evidence,
    /// The evidence request list, one row per item.
    EvidenceCsv,
    /// Chart: readiness per domain for both frameworks (SVG).
    ReadinessSvg,
    /// Chart: the plan's timeline with milestones and the deadline (SVG).
    TimelineSvg,
}

/// Renders one assessment in the chosen format. Whatever the client typed, the result holds
/// no character a terminal would act on (`cat report.csv` is safe): JSON escapes them, the
/// text formats show them as visible stand-ins (see [`crate::sanitize`]).
pub fn render(format: Format, data: &ReportData<'_>) -> String {
    let text = match format {
        Format::Markdown => markdown::render(data),
        Format::Json => return crate::sanitize::escape_json_hazards(&json::render(data)).into_owned(),
        Format::Csv => csv::render(data),
        Format::Soa => soa::render(data),
        Format::Evidence => evidence::render_markdown(data),
        Format::EvidenceCsv => evidence::render_csv(data),
        Format::ReadinessSvg => charts::readiness_svg(data),
        Format::TimelineSvg => charts::timeline_svg(data),
    };
    crate::sanitize::inert(&text).into_owned()
}
