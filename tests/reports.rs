//! Client deliverables: golden snapshots of every format, GFM validity whatever the client
//! typed, consultant-only notes kept out, the Statement of Applicability's shape, and the
//! `report` and `diff` commands through the binary.

use crosswalk::engine::{self, Analysis};
use crosswalk::report::{self, Format, ReportData};
use crosswalk::{Answer, Assessment, Catalog, Questionnaire};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const PRIVATE_MARKERS: [&str; 3] = ["SECRET-CONSULTANT-ONLY-7f3a", "CONSULTANT ONLY", "handle tactfully"];

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports").join(name)
}

/// A fixture as the commands see it: read, then answers to renamed or merged questions
/// carried over to the current ones.
fn load(name: &str) -> Assessment {
    let mut a = crosswalk::store::load(&fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"));
    crosswalk::questionnaire::carry_over(questionnaire(), &mut a);
    a
}

fn questionnaire() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(Questionnaire::embedded)
}

fn analyze(assessment: &Assessment) -> Analysis {
    engine::analyze(Catalog::embedded(), questionnaire(), assessment)
}

fn data<'a>(assessment: &'a Assessment, analysis: &'a Analysis) -> ReportData<'a> {
    ReportData { catalog: Catalog::embedded(), questionnaire: questionnaire(), assessment, analysis }
}

fn render(format: Format, assessment: &Assessment) -> String {
    let analysis = analyze(assessment);
    report::render(format, &data(assessment, &analysis))
}

fn render_diff(old: &Assessment, new: &Assessment) -> String {
    let (a, b) = (analyze(old), analyze(new));
    report::diff::render(&data(old, &a), &data(new, &b))
}

// ---------------------------------------------------------------------------------------
// Golden snapshots
// ---------------------------------------------------------------------------------------

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("markdown", render(Format::Markdown, &load("lumenfield.toml")));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!("json", render(Format::Json, &load("lumenfield.toml")));
}

#[test]
fn csv_snapshot() {
    insta::assert_snapshot!("csv", render(Format::Csv, &load("lumenfield.toml")));
}

#[test]
fn soa_snapshot() {
    insta::assert_snapshot!("soa", render(Format::Soa, &load("lumenfield.toml")));
}

#[test]
fn evidence_snapshot() {
    insta::assert_snapshot!("evidence", render(Format::Evidence, &load("lumenfield.toml")));
}

#[test]
fn evidence_csv_snapshot() {
    insta::assert_snapshot!("evidence_csv", render(Format::EvidenceCsv, &load("lumenfield.toml")));
}

#[test]
fn chart_snapshots() {
    insta::assert_snapshot!("readiness_svg", render(Format::ReadinessSvg, &load("lumenfield.toml")));
    insta::assert_snapshot!("timeline_svg", render(Format::TimelineSvg, &load("lumenfield.toml")));
}

#[test]
fn diff_snapshot() {
    let text = render_diff(&load("lumenfield.toml"), &load("lumenfield-followup.toml"));
    insta::assert_snapshot!("diff", text);
}

// ---------------------------------------------------------------------------------------
// GFM validity
// ---------------------------------------------------------------------------------------

/// Cells in one source table line: unescaped pipes minus the outer two. Counted on the source
/// because pulldown-cmark pads or cuts rows to the header's width, hiding a broken row.
fn source_cells(line: &str) -> usize {
    let mut pipes: usize = 0;
    let mut escaped = false;
    for c in line.trim().chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '|' {
            pipes += 1;
        }
    }
    pipes.saturating_sub(1)
}

/// The GFM extensions a GitHub or Confluence page would apply.
fn gfm_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
}

/// Links the report itself writes (its charts); client text must never produce any other.
const OWN_LINKS: [&str; 2] = ["readiness.svg", "timeline.svg"];

/// Parses `markdown` as GFM and checks: no HTML at all, no link or image but the report's
/// own charts, every table row (in the parsed events and in the source) has its header's
/// column count, and every line that looks like a table row belongs to a parsed table.
/// Returns the number of tables.
fn assert_valid_gfm(markdown: &str) -> usize {
    let mut tables = 0;
    let mut columns = 0;
    let mut cells = 0;
    let mut table_lines = std::collections::BTreeSet::new();
    let line_of = |offset: usize| markdown[..offset].matches('\n').count();
    for (event, span) in Parser::new_ext(markdown, gfm_options()).into_offset_iter() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => panic!("HTML in the report: {html:?}"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                assert!(OWN_LINKS.contains(&dest_url.as_ref()), "live link in the report: {dest_url:?}");
            }
            Event::Start(Tag::Heading { .. } | Tag::List(_) | Tag::BlockQuote(_) | Tag::CodeBlock(_))
                if !markdown[span.clone()].starts_with(['#', '-', '|']) =>
            {
                panic!("typed text opened a block: {:?}", &markdown[span]);
            }
            Event::Start(Tag::Table(alignments)) => {
                tables += 1;
                columns = alignments.len();
                (line_of(span.start)..=line_of(span.end.saturating_sub(1))).for_each(|l| {
                    table_lines.insert(l);
                });
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                cells = 0;
                let source = &markdown[span.clone()];
                let row = source.lines().next().unwrap_or_default();
                assert_eq!(source_cells(row), columns, "row with the wrong number of cells: {row}");
            }
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => assert_eq!(cells, columns),
            _ => {}
        }
    }
    for (number, line) in markdown.lines().enumerate() {
        if line.starts_with('|') {
            assert!(
                table_lines.contains(&number),
                "line {} looks like a table row outside a table: {line}",
                number + 1
            );
        }
    }
    tables
}

#[test]
fn the_gfm_check_catches_broken_tables_and_html() {
    let broken_row = "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n";
    let split_row = "| a | b |\n|---|---|\n| 1\n| 2 |\n";
    let html = "Text <b>bold</b>\n";
    let link = "Text [x](javascript:alert(1))\n";
    let autolink = "Text <https://evil.example>\n";
    for bad in [broken_row, split_row, html, link, autolink] {
        assert!(std::panic::catch_unwind(|| assert_valid_gfm(bad)).is_err(), "accepted: {bad:?}");
    }
    assert_eq!(assert_valid_gfm("| a | b |\n|---|---|\n| 1 \\| x | 2 |\n"), 1);
}

fn assert_no_private_notes(text: &str) {
    for marker in PRIVATE_MARKERS {
        assert!(!text.contains(marker), "consultant-only note leaked: {marker}");
    }
}

#[test]
fn the_raw_roadmap_reads_cleanly() {
    let markdown = render(Format::Markdown, &load("lumenfield.toml"));
    let backslashes = markdown.matches('\\').count();
    assert!(backslashes < 50, "{backslashes} backslashes in the raw roadmap");
    for plain in ["2026-10-14", "(Northgate Assurance)"] {
        assert!(markdown.contains(plain), "{plain} is shown as typed");
    }
    assert!(!markdown.lines().any(|l| l.starts_with('|') && l.contains('…')), "a table cell was cut short");
}

#[test]
fn the_main_body_reads_in_about_ten_pages_with_notes_beside_their_gaps() {
    let assessment = load("lumenfield.toml");
    let markdown = render(Format::Markdown, &assessment);
    let body: Vec<&str> = markdown.lines().take_while(|l| !l.starts_with("## Appendix")).collect();
    assert!(body.len() <= 300, "main body of {} lines", body.len());
    for section in [
        "## Why",
        "## Readiness by domain",
        "### ISO 27001 clauses",
        "## The plan",
        "## Milestones and deadlines",
        "## Costs",
        "## Basis of preparation",
    ] {
        assert!(body.iter().any(|l| l.starts_with(section)), "{section} in the main body");
    }
    for appendix in ["Statement of Applicability", "SOC 2 criteria coverage", "Evidence requests", "Answers"] {
        assert!(markdown.lines().any(|l| l.starts_with("## Appendix") && l.contains(appendix)), "appendix {appendix}");
    }
    // A client-visible note is on its gap's row in the plan.
    let gov = body.iter().find(|l| l.starts_with("| **GOV-01**")).expect("GOV-01 in the plan");
    let note = assessment.answers["GOV-01"].note.as_str();
    assert!(gov.contains(&report::escape::md_inline(note)), "{gov}");
    // Actions, not questions: question text appears only in the answers appendix.
    let (before_answers, answers) = markdown.split_once("## Appendix E").expect("answers appendix");
    for q in &questionnaire().questions {
        let text = report::escape::md_inline(&q.text);
        assert!(!before_answers.contains(&text), "{}: question text outside the answers appendix", q.id);
        if assessment.answers.get(&q.id).is_some_and(|a| !a.is_empty()) {
            assert!(answers.contains(&text), "{}: answered question in the appendix", q.id);
        }
    }
    assert!(
        body.iter().any(
            |l| l.contains(&report::escape::md_inline(&questionnaire().question("GOV-01").expect("GOV-01").action))
        )
    );
    // The answers appendix says who gave each answer and what evidence was seen.
    let mut attributed = assessment.clone();
    attributed.set_answer(
        "GOV-01",
        Answer {
            note: note.into(),
            given_by: Some("Maria Koch (CTO)".into()),
            evidence_seen: Some("Signed policy set, 2026-10".into()),
            ..Answer::level(2)
        },
    );
    let with_names = render(Format::Markdown, &attributed);
    let (_, appendix) = with_names.split_once("## Appendix E").expect("answers appendix");
    let row = appendix.lines().find(|l| l.starts_with("| **GOV-01**")).expect("GOV-01 answered");
    assert!(row.contains("| Maria Koch (CTO) | Signed policy set, 2026-10 |"), "{row}");
    // Every clause 4-10 has a row.
    for (_, clause) in Catalog::embedded().clauses() {
        assert!(body.iter().any(|l| l.starts_with(&format!("| {} ", clause.id))), "clause {}", clause.id);
    }
}

#[test]
fn realistic_report_is_valid_gfm_without_private_notes() {
    let assessment = load("lumenfield.toml");
    let markdown = render(Format::Markdown, &assessment);
    assert!(assert_valid_gfm(&markdown) >= 10);
    for format in [Format::Markdown, Format::Json, Format::Csv, Format::Soa, Format::Evidence, Format::EvidenceCsv] {
        assert_no_private_notes(&render(format, &assessment));
    }
    assert_no_private_notes(&render_diff(&assessment, &load("lumenfield-followup.toml")));
}

#[test]
fn hostile_text_keeps_every_table_and_renders_no_html() {
    let hostile = load("hostile.toml");
    let markdown = render(Format::Markdown, &hostile);
    assert!(assert_valid_gfm(&markdown) >= 10);
    assert!(markdown.contains("Evil \\| Corp"), "the client name is shown, escaped");
    assert!(markdown.contains("日本語のメモ"), "unicode survives");
    // No cell is cut short: the 5,000-character note is in its table in full.
    let long_note = hostile.answers.values().map(|a| a.note.as_str()).max_by_key(|n| n.len()).unwrap_or_default();
    assert!(long_note.len() >= 5000);
    assert!(markdown.contains(&crosswalk::report::escape::md_inline(long_note)), "the long note is whole");
    assert!(!markdown.lines().any(|l| l.starts_with('|') && l.contains('…')), "a cell was cut");
    for format in [Format::Markdown, Format::Json, Format::Csv, Format::Soa] {
        assert_no_private_notes(&render(format, &hostile));
    }
    let diff = render_diff(&load("lumenfield.toml"), &hostile);
    assert_valid_gfm(&diff);
    assert_no_private_notes(&diff);
}

#[test]
fn hostile_csv_keeps_its_columns() {
    let hostile = load("hostile.toml");
    for (format, columns) in [(Format::Csv, 14), (Format::Soa, 13)] {
        let records = parse_csv(&render(format, &hostile));
        assert!(records.iter().all(|r| r.len() == columns), "{format:?}: a record lost its shape");
    }
}

/// A minimal RFC 4180 reader, enough to check what the exports write.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted && field.is_empty() && record.is_empty(), "CSV must end with a complete record");
    records
}

#[test]
fn statement_of_applicability_lists_each_annex_a_control_once() {
    for fixture in ["lumenfield.toml", "hostile.toml"] {
        let records = parse_csv(&render(Format::Soa, &load(fixture)));
        assert_eq!(records[0].join(","), report::soa::CSV_HEADER);
        let mut controls: Vec<&str> = records[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(controls.len(), 93, "{fixture}");
        controls.sort_unstable();
        controls.dedup();
        assert_eq!(controls.len(), 93, "{fixture}: a control is listed twice");
        let expected: Vec<&str> = Catalog::embedded().annex_a().map(|(_, r)| r.id.as_str()).collect();
        assert!(expected.iter().all(|id| controls.contains(id)));
    }
}

#[test]
fn an_assessment_with_no_answers_still_gives_every_report() {
    let empty = Assessment::new("New Client", "", "2026-01-05T10:00:00Z");
    assert_valid_gfm(&render(Format::Markdown, &empty));
    let records = parse_csv(&render(Format::Soa, &empty));
    assert_eq!(records.len(), 94);
    // An empty profile is "offices": nothing is proposed for exclusion, nothing is assessed.
    assert!(records[1..].iter().all(|r| r[3] == "yes" && r[6] == "not_assessed"));
    serde_json::from_str::<serde_json::Value>(&render(Format::Json, &empty)).expect("valid JSON");
    assert_valid_gfm(&render_diff(&empty, &load("lumenfield.toml")));
}

#[test]
fn excluded_controls_carry_the_not_applicable_justification() {
    let records = parse_csv(&render(Format::Soa, &load("lumenfield.toml")));
    let a_8_30 = records.iter().find(|r| r[0] == "A.8.30").expect("A.8.30 listed");
    assert_eq!(a_8_30[3], "no");
    assert_eq!(a_8_30[6], "", "an excluded control has no status");
    assert!(a_8_30[5].contains("CHG-09: No contractors"), "{}", a_8_30[5]);
}

#[test]
fn evidence_requests_serve_in_scope_controls_and_skip_not_applicable_answers() {
    let assessment = load("lumenfield.toml");
    let analysis = analyze(&assessment);
    let requests = report::evidence::requests(&data(&assessment, &analysis));
    assert!(requests.len() > 50);
    for r in &requests {
        assert!(!r.questions.is_empty(), "{r:?}");
        assert!(!r.soc2.is_empty() || !r.iso27001.is_empty(), "{r:?}");
    }
    // PHY-04 was answered not applicable: nothing is asked for it.
    assert!(requests.iter().all(|r| !r.questions.contains(&"PHY-04")));
    let grouped: Vec<_> = requests.iter().map(|r| r.owner).collect();
    assert!(grouped.is_sorted(), "grouped by owner");
    let records = parse_csv(&render(Format::EvidenceCsv, &assessment));
    assert_eq!(records[0].join(","), report::evidence::CSV_HEADER);
    assert_eq!(records.len(), requests.len() + 1);
    let markdown = render(Format::Evidence, &assessment);
    assert!(assert_valid_gfm(&markdown) >= 5);
    for r in &requests {
        assert!(markdown.contains(&report::escape::md_inline(r.item)), "{} listed", r.item);
    }
}

/// The cells of the diff's "How the plan moved" row starting with `label`.
fn plan_row(diff: &str, label: &str) -> Vec<String> {
    let line = diff.lines().find(|l| l.starts_with(&format!("| {label} "))).unwrap_or_else(|| panic!("row {label}"));
    line.trim_matches('|').split(" | ").map(|c| c.trim().to_string()).collect()
}

#[test]
fn diff_keeps_profile_changes_apart_from_progress() {
    let before = load("lumenfield.toml");
    let mut after = before.clone();
    after.profile.team_fte = 0.8;
    let diff = render_diff(&before, &after);
    assert!(diff.contains("No answer changed."));
    assert!(diff.contains("| Team capacity for compliance | 1.5 FTE | 0.8 FTE |"), "{diff}");
    let weeks = plan_row(&diff, "Calendar weeks, first framework");
    assert_ne!(weeks[1], weeks[3], "less capacity moves the calendar: {weeks:?}");
    assert_eq!(weeks[2], weeks[3], "all of it is the profile change: {weeks:?}");

    // The follow-up's larger US pipeline alone flips the order; with it held, what moves the
    // first framework's days is the answers: the middle column is the earlier plan.
    let followup = load("lumenfield-followup.toml");
    let mut earlier = before.clone();
    earlier.profile.buyers = followup.profile.buyers;
    let progress = render_diff(&earlier, &followup);
    let days = plan_row(&progress, "Person-days, first framework");
    assert_eq!(days[1], days[2], "{days:?}");
    assert_ne!(days[2], days[3], "{days:?}");
}

#[test]
fn diff_lists_client_visible_notes_as_they_read_now() {
    let before = load("lumenfield.toml");
    let mut after = before.clone();
    after.set_answer("GOV-01", Answer { note: "Board approved the policy set".into(), ..Answer::level(3) });
    after.set_answer(
        "RISK-02",
        Answer { note: "SECRET-CONSULTANT-ONLY-7f3a".into(), note_private: true, ..Answer::level(2) },
    );
    let diff = render_diff(&before, &after);
    assert!(diff.contains("## Notes edited"));
    assert!(diff.contains("Board approved the policy set"));
    assert_no_private_notes(&diff);
    assert!(!render_diff(&before, &before).contains("## Notes edited"));
}

#[test]
fn json_has_the_documented_keys() {
    let value: serde_json::Value =
        serde_json::from_str(&render(Format::Json, &load("lumenfield.toml"))).expect("valid JSON");
    assert_eq!(value["client"], "Lumenfield Analytics GmbH");
    assert!(value["readiness"]["soc2"].is_f64() && value["readiness"]["iso27001"].is_f64());
    assert!(!value["readiness"]["domains"].as_array().expect("domains").is_empty());
    let first = value["recommendation"]["first"].as_str().expect("first");
    assert!(["soc2", "iso27001", "hipaa", "pci_dss"].contains(&first));
    assert!(value["recommendation"]["factors"].is_array());
    let roadmap = &value["roadmap"];
    let workstreams = roadmap["workstreams"].as_array().expect("workstreams");
    assert!(!workstreams.is_empty());
    for w in workstreams {
        assert!(w["owner"].is_string() && w["capacity_fte"].is_number(), "{w}");
        for item in w["items"].as_array().expect("items") {
            for key in ["id", "action", "start_week", "end_week", "days"] {
                assert!(!item[key].is_null(), "item lacks {key}: {item}");
            }
        }
    }
    for m in roadmap["milestones"].as_array().expect("milestones") {
        assert!(m["kind"].is_string() && m["date"].is_string(), "{m}");
    }
    assert!(roadmap["deadlines"].is_array() && roadmap["tracks"].is_array());
    let costs = &roadmap["costs"];
    for line in costs["lines"].as_array().expect("cost lines") {
        for key in ["category", "currency", "source"] {
            assert!(line[key].is_string(), "cost line lacks {key}: {line}");
        }
    }
    assert!(costs["totals"]["year1"]["low"].is_number() && costs["totals"]["three_year"]["low"].is_number());
    for plan in roadmap["alternatives"].as_array().expect("alternatives") {
        assert!(plan["costs"]["totals"]["year1"].is_object() && plan["workstreams"].is_array());
    }
    assert_eq!(value["schema"], "crosswalk.report/3");
    assert!(value["effort"]["first_days"]["high"].is_number());
    assert!(!value["gaps"].as_array().expect("gaps").is_empty());
    assert_eq!(value["soa"].as_array().expect("soa").len(), 93);
}

#[test]
fn regulated_framework_comes_first_when_the_data_demands_it() {
    let value: serde_json::Value =
        serde_json::from_str(&render(Format::Json, &load("hostile.toml"))).expect("valid JSON");
    assert_eq!(value["recommendation"]["first"], "hipaa");
}

// ---------------------------------------------------------------------------------------
// Property: hostile strings anywhere a person types
// ---------------------------------------------------------------------------------------

fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("|".to_string()),
        Just("\\".to_string()),
        Just("`".to_string()),
        Just("```".to_string()),
        Just("<script>".to_string()),
        Just("<!--".to_string()),
        Just("<a href='x'>".to_string()),
        Just("&amp;".to_string()),
        Just("\n".to_string()),
        Just("\r\n\n".to_string()),
        Just("**".to_string()),
        Just("# ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("---".to_string()),
        Just("    ".to_string()),
        Just("[x](y)".to_string()),
        Just("\u{202e}".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("https://evil.example".to_string()),
        Just("www.evil.example".to_string()),
        Just("<https://x.example>".to_string()),
        Just("![img](x.png)".to_string()),
        Just("&lt;b&gt;".to_string()),
        Just("~~".to_string()),
        Just("_".to_string()),
        Just("> ".to_string()),
        Just("[^1]".to_string()),
        Just("[x]: https://evil.example".to_string()),
        "[a-z ]{0,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn any_typed_text_keeps_the_markdown_valid(
        client in hostile_text(),
        consultant in hostile_text(),
        note in hostile_text(),
        justification in hostile_text(),
    ) {
        let mut assessment = load("lumenfield.toml");
        assessment.client = client;
        assessment.consultant = consultant;
        assessment.set_answer("GOV-01", Answer {
            note: note.clone(),
            given_by: Some(justification.clone()),
            evidence_seen: Some(note.clone()),
            ..Answer::level(2)
        });
        assessment.set_answer("IR-04", Answer { note, ..Answer::unknown() });
        if !justification.trim().is_empty() {
            assessment.set_answer("PHY-02", Answer::not_applicable(&justification));
        }
        assert_valid_gfm(&render(Format::Markdown, &assessment));
        assert_valid_gfm(&render_diff(&load("lumenfield.toml"), &assessment));
        for (format, columns) in [(Format::Csv, 14), (Format::Soa, 13), (Format::EvidenceCsv, 6)] {
            assert_inert_csv(&render(format, &assessment), columns);
        }
        assert_valid_gfm(&render(Format::Evidence, &assessment));
        serde_json::from_str::<serde_json::Value>(&render(Format::Json, &assessment)).expect("valid JSON");
        let workshop = report::history::Workshop {
            updated: assessment.updated.clone(),
            answered: 1,
            total: 2,
            soc2: 10.0,
            iso27001: 20.0,
            file: assessment.client.clone(),
            current: true,
        };
        assert_valid_gfm(&report::history::render(&assessment.client, &[workshop]));
    }
}

/// Every record has `columns` fields and no field would run as a spreadsheet formula.
fn assert_inert_csv(text: &str, columns: usize) {
    for record in parse_csv(text) {
        assert_eq!(record.len(), columns, "a record lost its shape: {record:?}");
        for field in record {
            let rest = field.trim_start_matches(' ');
            let formula = rest.starts_with(['=', '+', '-', '@', '\t', '\r']) && rest.trim().parse::<f64>().is_err();
            assert!(!formula, "a field a spreadsheet would run: {field:?}");
        }
    }
}

#[test]
fn gap_csv_has_the_import_columns_and_neutralises_formulas() {
    let mut assessment = load("lumenfield.toml");
    assessment.set_answer("GOV-01", Answer { note: "  =HYPERLINK(\"x\")".into(), ..Answer::level(1) });
    let text = render(Format::Csv, &assessment);
    let records = parse_csv(&text);
    assert_eq!(records[0].join(","), report::csv::CSV_HEADER);
    assert_eq!(records[0].len(), 14);
    let gov = records.iter().find(|r| r[0] == "GOV-01").expect("GOV-01 is a gap");
    assert_eq!(gov[13], "'  =HYPERLINK(\"x\")");
    assert_eq!(gov[1], questionnaire().question("GOV-01").expect("GOV-01").action, "the action column");
    assert_eq!(gov[12], "gap");
    assert!(gov[5].parse::<u32>().expect("start week") >= 1);
    assert!(gov[6].parse::<u32>().expect("end week") >= gov[5].parse::<u32>().expect("start week"));
    assert!(records[1..].iter().all(|r| ["gap", "to_confirm", "not_assessed"].contains(&r[12].as_str())));
    assert_inert_csv(&text, 14);
}

// ---------------------------------------------------------------------------------------
// Through the binary
// ---------------------------------------------------------------------------------------

fn crosswalk(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("CROSSWALK_QUESTIONNAIRES")
        .output()
        .expect("run crosswalk")
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "crosswalk failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn fixture_arg(name: &str) -> String {
    fixture_path(name).display().to_string()
}

#[test]
fn report_command_prints_every_format_of_a_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let assessment = load("lumenfield.toml");
    let fixture = fixture_arg("lumenfield.toml");
    for (flag, format) in [
        ("markdown", Format::Markdown),
        ("json", Format::Json),
        ("csv", Format::Csv),
        ("soa", Format::Soa),
        ("evidence", Format::Evidence),
        ("evidence-csv", Format::EvidenceCsv),
        ("readiness-svg", Format::ReadinessSvg),
        ("timeline-svg", Format::TimelineSvg),
    ] {
        let printed = stdout(&crosswalk(dir.path(), &["report", &fixture, "--format", flag]));
        assert_eq!(printed, render(format, &assessment), "--format {flag}");
    }
    let default = stdout(&crosswalk(dir.path(), &["report", &fixture]));
    assert!(default.starts_with("# Security compliance roadmap: Lumenfield Analytics GmbH"));
}

#[test]
fn report_command_finds_an_assessment_by_name_in_the_data_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture_path("lumenfield.toml"), dir.path().join("lumenfield.toml")).expect("copy fixture");
    let printed = stdout(&crosswalk(dir.path(), &["report", "lumenfield", "--format", "csv"]));
    assert!(printed.starts_with(report::csv::CSV_HEADER));
}

#[test]
fn report_command_writes_the_output_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("out").join("roadmap.md");
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    let output =
        crosswalk(dir.path(), &["report", &fixture_arg("lumenfield.toml"), "-o", target.to_str().expect("utf-8 path")]);
    let printed = stdout(&output);
    assert!(printed.contains("roadmap.md"), "says where the report went: {printed}");
    let written = std::fs::read_to_string(&target).expect("report written");
    assert_eq!(written, render(Format::Markdown, &load("lumenfield.toml")));
    let mut files: Vec<String> = std::fs::read_dir(target.parent().expect("parent"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["readiness.svg", "roadmap.md", "timeline.svg"], "the charts it links, no temporary file");
}

#[test]
fn diff_command_compares_two_workshops() {
    let dir = tempfile::tempdir().expect("tempdir");
    let printed = stdout(&crosswalk(
        dir.path(),
        &["diff", &fixture_arg("lumenfield.toml"), &fixture_arg("lumenfield-followup.toml")],
    ));
    assert_eq!(printed, render_diff(&load("lumenfield.toml"), &load("lumenfield-followup.toml")));
}

#[test]
fn unknown_assessment_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = crosswalk(dir.path(), &["report", "no-such-client"]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no-such-client"), "names what was not found: {stderr}");
    let output = crosswalk(dir.path(), &["diff", &fixture_arg("lumenfield.toml"), "no-such-client"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-client"));
}

#[test]
fn broken_assessment_file_names_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.toml");
    std::fs::write(
        &broken,
        "format_version = 1\nclient = \"X\"\ncreated = \"a\"\nupdated = \"b\"\n[answers.GOV-01]\nlevel = 9\n",
    )
    .expect("write");
    let output = crosswalk(dir.path(), &["report", broken.to_str().expect("utf-8 path")]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.toml") && stderr.contains("level"), "{stderr}");
}

#[test]
fn a_cleared_answer_is_called_out_not_shown_as_progress() {
    let before = load("lumenfield.toml");
    let mut after = before.clone();
    let cleared = after.answers.keys().find(|id| after.answer(id) != crosswalk::AnswerState::Unanswered).cloned();
    let id = cleared.expect("the fixture has answers");
    after.answers.remove(&id);
    let diff = render_diff(&before, &after);
    assert!(diff.contains("1 answer(s) were cleared"), "{diff}");
    assert!(!render_diff(&before, &before).contains("were cleared"));
}

/// The gap list and the plan give a gap the same person-days: the plan's own figure, scaled to
/// the organisation and with a shared control's parts added up.
#[test]
fn gap_list_days_are_the_plans_days() {
    for name in ["lumenfield.toml", "lumenfield-followup.toml"] {
        let assessment = load(name);
        let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &assessment);
        let csv = render(Format::Csv, &assessment);
        let plan = analysis.roadmap.plan();
        let mut checked = 0;
        for item in &analysis.roadmap.gaps {
            let parts: Vec<_> = plan.items().filter(|p| p.question == Some(item.question)).collect();
            if parts.is_empty() {
                continue;
            }
            let low: f64 = parts.iter().map(|p| p.days.low).sum();
            let high: f64 = parts.iter().map(|p| p.days.high).sum();
            let row = csv.lines().find(|l| l.starts_with(&format!("{},", item.id))).expect("a row per gap");
            let shown = |x: f64| format!("{}", (x * 10.0).round() / 10.0);
            assert!(
                row.contains(&format!(",{},{},", shown(low), shown(high))),
                "{name} {}: plan {low}-{high} days, CSV row {row}",
                item.id
            );
            checked += 1;
        }
        assert!(checked > 20, "{name}: only {checked} gaps are in the plan");
    }
}

/// Buyers on both sides: the plan set out is compared with the other way of running both in
/// one sentence, with each plan's dates and the differences of the figures the plans table
/// shows. On Lumenfield one control set is ahead on every count, so it leads and is set
/// against the sequential order.
#[test]
fn buyers_on_both_sides_read_the_plan_against_the_other_way_of_running_both() {
    use crosswalk::Framework;
    use crosswalk::engine::roadmap::{MilestoneKind, PlanKind};
    let assessment = load("lumenfield.toml");
    let analysis = analyze(&assessment);
    assert!(analysis.recommendation.both, "the fixture's buyers are on both sides");
    let markdown = report::render(Format::Markdown, &data(&assessment, &analysis));
    let roadmap = &analysis.roadmap;
    let ours = roadmap.plan();
    assert_eq!(ours.kind, PlanKind::Combined, "the combined programme leads");
    let sequential = roadmap.plans.iter().find(|p| p.kind == PlanKind::Sequential && p.first == ours.first);
    let sequential = sequential.expect("the sequential order planned beside it");
    let sentence = markdown
        .lines()
        .take_while(|l| !l.starts_with("## Appendix"))
        .find(|l| l.contains("Against doing them one after another"))
        .expect("the comparison in the main body");
    for (fw, kind) in [(Framework::Soc2, MilestoneKind::Type2Report), (Framework::Iso27001, MilestoneKind::Certificate)]
    {
        let [a, b] = [ours, sequential].map(|p| p.milestone(fw, kind).expect("milestone").week);
        let dates = format!("({} against {})", roadmap.date_of(a), roadmap.date_of(b));
        assert!(sentence.contains(&dates), "{fw:?} dates {dates} in: {sentence}");
    }
    let shown = |v: f64| v.round();
    let (low, high) =
        (shown(sequential.days.low) - shown(ours.days.low), shown(sequential.days.high) - shown(ours.days.high));
    assert!(low > 0.0 && high > 0.0, "the sequential plan takes more days here");
    assert!(sentence.contains(&format!("{low}–{high} fewer person-days")), "{sentence}");
    assert!(sentence.contains("ahead on every count, which is why it is the plan set out here"), "{sentence}");
    assert!(!sentence.contains("consider it instead"), "{sentence}");
    // The deal asks for SOC 2, which SOC 2 first brings sooner: the paragraph says what the
    // plan set out gives up for it.
    let soc2_first = roadmap.plans.iter().find(|p| p.kind == PlanKind::Sequential && p.first == Framework::Soc2);
    let type2 =
        |p: &crosswalk::engine::Plan| p.milestone(Framework::Soc2, MilestoneKind::Type2Report).expect("Type II").week;
    let soc2_first = soc2_first.expect("the other order planned");
    assert!(type2(soc2_first) < type2(ours));
    let gives_up = format!(
        "What it gives up: SOC 2 first, then ISO 27001 would bring the SOC 2 Type II report {} weeks sooner ({})",
        type2(ours) - type2(soc2_first),
        roadmap.date_of(type2(soc2_first))
    );
    assert!(sentence.contains(&gives_up), "{sentence}");
    let headline = markdown.lines().find(|l| l.starts_with("**Recommendation:**")).expect("the recommendation");
    assert!(headline.contains("as one combined programme") && !headline.contains("straight after"), "{headline}");
    // One camp of buyers: no combined programme, no comparison.
    let mut one_side = assessment.clone();
    one_side.profile.buyers = Default::default();
    one_side.profile.buyers.north_america = 100;
    let single = render(Format::Markdown, &one_side);
    assert!(!single.contains("Against the combined programme") && !single.contains("Against doing them"));
}

/// Each owner's heading in the main body is the whole workstream as scheduled, and every
/// question that closes an open certification blocker is in the main-body plan.
#[test]
fn owner_headings_are_the_whole_workstream_and_blockers_are_in_the_plan() {
    let assessment = load("lumenfield.toml");
    let analysis = analyze(&assessment);
    let markdown = report::render(Format::Markdown, &data(&assessment, &analysis));
    let body: Vec<&str> = markdown.lines().take_while(|l| !l.starts_with("## Appendix")).collect();
    let (_, plan_section) = markdown.split_once("## The plan").expect("plan section");
    let plan_section = plan_section.split("\n## ").next().unwrap_or_default();
    for stream in &analysis.roadmap.plan().workstreams {
        let heading = plan_section
            .lines()
            .find(|l| l.starts_with(&format!("### {},", stream.owner.label())))
            .unwrap_or_else(|| panic!("a heading for {}", stream.owner.label()));
        let scheduled = format!(": {} person-days scheduled", report::figures::range(stream.days));
        assert!(heading.contains(&scheduled), "{heading}");
        let fte = format!(", {} FTE (", report::figures::number(stream.capacity_fte));
        assert!(heading.contains(&fte), "the capacity beside the work: {heading}");
    }
    for blocker in analysis.blockers.iter().filter(|b| b.open) {
        for &q in &blocker.questions {
            let id = &questionnaire().questions[q].id;
            let planned = analysis.roadmap.plan().items().any(|i| i.question == Some(q));
            if planned {
                assert!(
                    body.iter().any(|l| l.starts_with(&format!("| **{id}**"))),
                    "blocker question {id} in the plan"
                );
            }
        }
    }
}

/// A "what would change it" that rests on a fact the profile does not know yet (whether NIS2
/// applies) is a follow-up with the owner who finds out.
#[test]
fn an_unknown_fact_that_would_flip_the_order_is_a_follow_up() {
    use crosswalk::engine::recommend::FlipChange;
    use crosswalk::profile::{Applicability, Regulation};
    let mut assessment = load("lumenfield.toml");
    // An even pipeline: SOC 2 first, and NIS2 applying would make it ISO 27001.
    assessment.profile.buyers.north_america = 50;
    assessment.profile.buyers.europe = 40;
    assert_eq!(assessment.profile.nis2(), Applicability::NotYetKnown);
    let analysis = analyze(&assessment);
    let nis2 = FlipChange::RegulationAdded { regulation: Regulation::Nis2 };
    assert!(analysis.recommendation.flips.iter().any(|f| f.change == nis2), "NIS2 would flip it");
    let markdown = report::render(Format::Markdown, &data(&assessment, &analysis));
    let (_, follow_ups) = markdown.split_once("## Follow-ups").expect("follow-ups");
    let follow_ups = follow_ups.split("\n## ").next().unwrap_or_default();
    assert!(
        follow_ups.contains("Legal / privacy to settle before the order is final: whether NIS2 applies"),
        "{follow_ups}"
    );
    // Once it is known, nothing is left to settle.
    assessment.profile.set_nis2(Applicability::No);
    assert!(!render(Format::Markdown, &assessment).contains("to settle before the order is final"));
}

/// Work for a regulation not known to apply (NIS2 not yet known, no DORA) is marked as
/// conditional on it; once the regulation applies, the mark goes.
#[test]
fn work_for_a_regulation_not_known_to_apply_is_marked_conditional() {
    let mut assessment = load("lumenfield.toml");
    let row = |markdown: &str| {
        let (_, appendix) = markdown.split_once("### Work items by workstream").expect("work items");
        appendix.lines().find(|l| l.contains("| IR-08 ")).map(str::to_string).expect("IR-08 scheduled")
    };
    let marked = "(only if NIS2 or DORA applies)";
    assert!(row(&render(Format::Markdown, &assessment)).contains(marked));
    assessment.profile.set_nis2(crosswalk::profile::Applicability::Yes);
    assert!(!row(&render(Format::Markdown, &assessment)).contains(marked));
}

/// Lumenfield's file answers PHY-07 (media handling) n/a, which the question refuses: the
/// answers appendix does not show it as accepted, and the follow-ups list it, to ask again.
#[test]
fn a_refused_na_reads_as_not_accepted_and_is_a_follow_up() {
    let a = load("lumenfield.toml");
    let analysis = analyze(&a);
    let markdown = report::render(Format::Markdown, &data(&a, &analysis));
    let appendix = |title: &str| {
        let start = markdown.find(title).unwrap_or_else(|| panic!("{title}"));
        let rest = &markdown[start + title.len()..];
        rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
    };
    let row = |section: &str| section.lines().find(|l| l.contains("**PHY-07**")).map(str::to_string);
    let answers = row(&appendix("## Appendix E")).expect("PHY-07 in the answers");
    assert!(
        answers.contains(report::words::REFUSED_NOT_APPLICABLE) && !answers.contains("| Not applicable"),
        "{answers}"
    );
    let follow_up = row(&appendix("## Appendix F")).expect("PHY-07 a follow-up");
    assert!(follow_up.contains("ask again"), "{follow_up}");
    let phy_07 = questionnaire().question_index("PHY-07").expect("PHY-07");
    assert!(analysis.follow_ups.contains(&phy_07));
}

/// Lumenfield leaves Privacy and Processing integrity out of its SOC 2 scope: both domains read
/// the same in the SOC 2 columns, though a Privacy question also touches a Security criterion.
#[test]
fn domains_of_soc2_categories_out_of_scope_read_alike() {
    let markdown = render(Format::Markdown, &load("lumenfield.toml"));
    for domain in ["| Privacy ", "| Processing integrity "] {
        let row = markdown.lines().find(|l| l.starts_with(domain)).unwrap_or_else(|| panic!("{domain}"));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        assert_eq!(&cells[3..5], [report::words::NOT_IN_SCOPE; 2], "{row}");
    }
}

/// A deadline's full verdict, with its options, is said once in the main body (under
/// Deadlines); the executive summary gives the verdict and points there.
#[test]
fn a_deadline_is_argued_once_in_the_main_body() {
    let assessment = load("lumenfield.toml");
    let analysis = analyze(&assessment);
    let markdown = report::render(Format::Markdown, &data(&assessment, &analysis));
    let body = markdown.split("## Appendix A").next().expect("main body");
    let deadline = analysis.roadmap.plan().deadlines.first().expect("Lumenfield has a deal deadline");
    let full = report::plan_text::deadline_sentence(deadline);
    let verdict = report::plan_text::deadline_verdict(deadline);
    assert!(full.len() > verdict.len(), "the options add to the verdict here");
    assert_eq!(body.matches(&full).count(), 1, "{full}");
    assert_eq!(body.matches(&verdict).count(), 2, "the summary's verdict and the Deadlines entry");
}
