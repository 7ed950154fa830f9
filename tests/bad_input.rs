//! Broken questionnaire files through the real binary: each file in tests/bad_questionnaires
//! (or each folder, for problems that need two files) is validated on its own and must fail
//! with its specific message naming file, line and field. The expectation lives in the file's
//! own header comments (`# expect-line`, `# expect-field`, `# expect-message`).
//! Also: `validate --format json` and the `mapping` exports.

use crosswalk::{Catalog, Framework, Questionnaire};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_crosswalk");
const BAD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad_questionnaires");

/// A valid module a consultant might add: a new domain with one question.
const GOOD_MODULE: &str = r#"id = "custom-checks"
title = "Custom checks"
order = 200
overlap = 0.70
summary = "A consultant's own module"

[[question]]
id = "CUS-01"
core = false
text = "Do you review firewall rules every quarter?"
guidance = "Rules are reviewed and stale ones removed."
evidence = ["Review ticket"]
owner = "engineering"
effort_days = 2
phase = "cloud"
action = "Review the firewall rules and remove stale ones"
effort_for = "both"
not_applicable = ["A.8.20"]
soc2 = { "CC6.6" = 0.5 }
iso27001 = { "A.8.20" = 0.5 }
"#;

fn crosswalk(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        // The environment must not point the binary at someone's own modules or data.
        .env_remove("CROSSWALK_QUESTIONNAIRES")
        .env_remove("CROSSWALK_DATA_DIR")
        .output()
        .expect("run the crosswalk binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[derive(Debug)]
struct Expected {
    file: PathBuf,
    line: usize,
    field: String,
    message: String,
}

fn header(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| l.strip_prefix(&format!("# expect-{key}:"))).map(|v| v.trim().to_string())
}

/// Copies one case (a file, or a folder of files) into a fresh temporary folder and reads
/// its expectation from whichever file carries the headers.
fn stage(case: &Path) -> (tempfile::TempDir, Expected) {
    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<PathBuf> = if case.is_dir() {
        let mut v: Vec<PathBuf> =
            std::fs::read_dir(case).expect("read case").map(|e| e.expect("entry").path()).collect();
        v.sort();
        v
    } else {
        vec![case.to_path_buf()]
    };
    let mut expected = None;
    for file in files {
        let target = dir.path().join(file.file_name().expect("file name"));
        std::fs::copy(&file, &target).expect("copy case");
        let body = std::fs::read_to_string(&file).expect("read case");
        if let Some(line) = header(&body, "line") {
            expected = Some(Expected {
                file: target,
                line: line.parse().unwrap_or_else(|_| panic!("{}: bad expect-line", file.display())),
                field: header(&body, "field").unwrap_or_default(),
                message: header(&body, "message").unwrap_or_default(),
            });
        }
    }
    let expected = expected.unwrap_or_else(|| panic!("{}: no `# expect-line` header", case.display()));
    (dir, expected)
}

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(BAD).expect("bad_questionnaires folder").map(|e| e.expect("entry").path()).collect();
    v.sort();
    v
}

#[test]
fn every_broken_file_fails_with_its_own_message() {
    let cases = cases();
    // One case per problem the issue names; a deleted case should not pass silently.
    for required in [
        "toml_syntax.toml",
        "unknown_soc2_criterion.toml",
        "unknown_iso_control.toml",
        "duplicate_id_within_file.toml",
        "duplicate_id_of_embedded.toml",
        "duplicate_id_across_files",
        "weight_above_one.toml",
        "weight_zero.toml",
        "missing_text.toml",
        "empty_text.toml",
        "unknown_owner.toml",
        "unknown_phase.toml",
        "overlap_above_one.toml",
        "unknown_field.toml",
        "missing_action.toml",
        "empty_action.toml",
        "action_too_long.toml",
        "unknown_effort_share.toml",
        "effort_for_framework_not_evidenced.toml",
        "na_excludes_clause.toml",
        "na_excludes_security_criterion.toml",
        "na_excludes_unreferenced.toml",
        "na_on_mandatory_clause.toml",
        "na_unknown_word.toml",
        "replaces_itself.toml",
        "replaces_chain.toml",
    ] {
        assert!(cases.iter().any(|c| c.ends_with(required)), "missing bad-input case {required}");
    }
    let mut failures = Vec::new();
    for case in &cases {
        let (dir, expected) = stage(case);
        let out = crosswalk(&["validate", &dir.path().display().to_string()]);
        let stderr = text(&out.stderr);
        let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error: ")).collect();
        let location = format!("error: {}:{}: ", expected.file.display(), expected.line);
        let field = if expected.field.is_empty() { String::new() } else { format!("field `{}`: ", expected.field) };
        let ok = !out.status.success()
            && out.status.code() == Some(1)
            && errors.len() == 1
            && errors[0].starts_with(&format!("{location}{field}"))
            && errors[0].contains(&expected.message)
            && !expected.message.is_empty()
            && !text(&out.stdout).contains("ok: all questionnaire files are valid");
        if !ok {
            failures.push(format!(
                "{}: expected one error `{location}{field}...{}...`, exit 1; got exit {:?}:\n{stderr}",
                case.display(),
                expected.message,
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn broken_files_never_panic_the_library_either() {
    // The same cases through the library: an Err with a diagnostic on the expected line.
    for case in cases() {
        let (dir, expected) = stage(&case);
        let result = Questionnaire::load(Some(dir.path()));
        let Err(diagnostics) = result else { panic!("{} loaded without error", case.display()) };
        assert!(
            diagnostics.iter().any(|d| d.line == expected.line && d.field == expected.field),
            "{}: {diagnostics:?}",
            case.display()
        );
    }
}

#[test]
fn a_good_folder_validates_and_counts_the_new_domain() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("custom.toml"), GOOD_MODULE).expect("write module");
    let out = crosswalk(&["validate", &dir.path().display().to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let embedded = Questionnaire::embedded();
    assert!(stdout.contains(&format!("domains: {}", embedded.domains.len() + 1)), "{stdout}");
    assert!(stdout.contains(&format!("questions: {}", embedded.questions.len() + 1)), "{stdout}");
    assert!(stdout.contains("ok: all questionnaire files are valid"), "{stdout}");
}

#[test]
fn validate_json_reports_coverage_or_errors() {
    let good = tempfile::tempdir().expect("tempdir");
    std::fs::write(good.path().join("custom.toml"), GOOD_MODULE).expect("write module");
    let out = crosswalk(&["validate", &good.path().display().to_string(), "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("validate --format json prints JSON");
    let embedded = Questionnaire::embedded();
    assert_eq!(v["valid"], true);
    assert_eq!(v["domains"], embedded.domains.len() + 1);
    assert_eq!(v["questions"], embedded.questions.len() + 1);
    assert_eq!(v["soc2"]["criteria"], 61);
    assert_eq!(v["soc2"]["covered"], 61);
    assert_eq!(v["iso27001"]["controls"], 93);
    assert_eq!(v["iso27001"]["covered"], 93);
    assert_eq!(v["iso27001"]["clauses"], 30);
    assert_eq!(v["iso27001"]["clauses_covered"], 30);
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0));
    // The core-walk figures the checks read, each backed by the library's own count.
    let coverage = crosswalk::questionnaire::Coverage::of(&embedded, Catalog::embedded());
    assert_eq!(v["core_questions"], embedded.core_count());
    assert_eq!(v["iso27001"]["clauses_core_covered"], coverage.iso27001.clauses_core_covered);
    assert_eq!(v["soc2"]["security_core_covered"], coverage.soc2.security_core_covered);
    assert_eq!(v["soc2"]["security_criteria"], 33);
    for key in ["clauses_core_weak_only", "clauses_core_missing"] {
        assert!(v["iso27001"][key].is_array(), "{key} listed separately: {v}");
    }
    for key in ["security_core_weak_only", "security_core_missing"] {
        assert!(v["soc2"][key].is_array(), "{key} listed separately: {v}");
    }

    let (bad, expected) = stage(&Path::new(BAD).join("unknown_owner.toml"));
    let out = crosswalk(&["validate", &bad.path().display().to_string(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON even when invalid");
    assert_eq!(v["valid"], false);
    let errors = v["errors"].as_array().expect("errors array");
    assert_eq!(errors.len(), 1, "{v}");
    assert_eq!(errors[0]["file"], expected.file.display().to_string());
    assert_eq!(errors[0]["line"], expected.line);
    assert_eq!(errors[0]["field"], "owner");
    assert!(errors[0]["message"].as_str().is_some_and(|m| m.contains("unknown owner `marketing`")), "{v}");
}

#[test]
fn validate_of_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no-such-folder");
    let out = crosswalk(&["validate", &missing.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no-such-folder") && stderr.contains("cannot read"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// One CSV line's cells, with RFC 4180 quoting (actions may hold commas and quotes).
fn csv_cells(line: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn mapping_csv_rows_name_known_references_with_valid_weights() {
    let out = crosswalk(&["mapping", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("question_id,domain,framework,ref,weight,core,action"));
    let catalog = Catalog::embedded();
    let q = Questionnaire::embedded();
    let mut rows = 0;
    for line in lines {
        let cells = csv_cells(line);
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        assert_eq!(cells.len(), 7, "row `{line}`");
        let question = q.question(cells[0]).unwrap_or_else(|| panic!("unknown question in `{line}`"));
        assert_eq!(q.domain_of(question).id, cells[1], "row `{line}`");
        let fw = Framework::from_key(cells[2]).unwrap_or_else(|| panic!("framework in `{line}`"));
        let req = catalog.find(fw, cells[3]).unwrap_or_else(|| panic!("unknown ref in `{line}`"));
        let weight: f64 = cells[4].parse().unwrap_or_else(|_| panic!("weight in `{line}`"));
        assert!(weight > 0.0 && weight <= 1.0, "row `{line}`");
        assert_eq!(cells[5], question.core.to_string(), "row `{line}`");
        assert_eq!(cells[6], question.action, "row `{line}`");
        let listed = question.references.iter().find(|r| r.req == req).expect("row matches a reference");
        assert!((listed.weight - weight).abs() < 0.006, "row `{line}` vs weight {}", listed.weight);
        rows += 1;
    }
    let references: usize = q.questions.iter().map(|x| x.references.len()).sum();
    assert_eq!(rows, references, "one row per (question, reference)");
}

#[test]
fn mapping_markdown_groups_rows_by_domain() {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let out = crosswalk(&["mapping", "--format", "markdown"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    // Read it as a markdown reader would: level-2 headings, then the first cell of each row.
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    let (mut in_heading, mut in_cell, mut first_cell) = (false, false, false);
    let mut buffer = String::new();
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => {
                in_heading = true;
                buffer.clear();
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                in_heading = false;
                sections.push((buffer.clone(), Vec::new()));
            }
            Event::Start(Tag::TableRow) => first_cell = true,
            Event::Start(Tag::TableCell) => {
                in_cell = first_cell;
                buffer.clear();
            }
            Event::End(TagEnd::TableCell) => {
                if in_cell && let Some((_, rows)) = sections.last_mut() {
                    rows.push(buffer.clone());
                }
                in_cell = false;
                first_cell = false;
            }
            Event::Text(t) | Event::Code(t) if in_heading || in_cell => buffer.push_str(&t),
            _ => {}
        }
    }
    let q = Questionnaire::embedded();
    assert_eq!(
        sections.len(),
        q.domains.len(),
        "one section per domain: {:?}",
        sections.iter().map(|s| &s.0).collect::<Vec<_>>()
    );
    for (domain, (heading, rows)) in q.domains.iter().zip(&sections) {
        assert!(heading.starts_with(&domain.title), "section `{heading}`, expected {}", domain.title);
        let ids: Vec<&str> = rows.iter().filter_map(|cell| cell.split_whitespace().next()).collect();
        let expected: Vec<&str> = domain.questions.iter().map(|&qi| q.questions[qi].id.as_str()).collect();
        assert_eq!(ids, expected, "rows of the {} section", domain.title);
    }
}
