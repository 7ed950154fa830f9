//! One set of numbers: the Dashboard, the markdown roadmap and the JSON show the same
//! readiness and coverage for every domain and both frameworks, on every report fixture.

mod common;

use common::{screen, send};
use crosswalk::engine;
use crosswalk::report::{self, Format, ReportData};
use crosswalk::tui::app::View;
use crosswalk::{Assessment, Catalog, Framework, Questionnaire};
use std::path::Path;

const FIXTURES: [&str; 3] = ["lumenfield.toml", "lumenfield-followup.toml", "hostile.toml"];

fn load(name: &str) -> Assessment {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports").join(name);
    crosswalk::store::load(&path).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// The Dashboard of `assessment` at 160x48, reached with Tab as the consultant would.
fn dashboard(assessment: &Assessment) -> String {
    let mut app = crosswalk::tui::demo_app(Questionnaire::embedded(), assessment.clone());
    for _ in 0..View::ALL.len() {
        if app.view == View::Dashboard {
            break;
        }
        send(&mut app, "<Tab>");
    }
    assert_eq!(app.view, View::Dashboard);
    screen(&app, 160, 48)
}

/// A framework's figures as every format can state them: `n/a`, `not assessed` or the
/// readiness and coverage percentages.
#[derive(Debug, PartialEq)]
enum Cell {
    NotInScope,
    NotAssessed,
    Figures(String, String),
}

/// The two framework cells of a Dashboard row, read after the domain's title.
fn screen_cells(row: &str) -> [Cell; 2] {
    let mut tokens = row.split_whitespace().peekable();
    let mut cells = Vec::new();
    while let Some(token) = tokens.next() {
        if token == "n/a" {
            cells.push(Cell::NotInScope);
        } else if token == "not" && tokens.peek() == Some(&"assessed") {
            tokens.next();
            cells.push(Cell::NotAssessed);
        } else if let Some(readiness) = token.strip_suffix('%').or_else(|| percent_after_bar(token)) {
            // `█████░░  62%` or `██████████ 100%`; then `cov  27%`.
            let coverage = loop {
                match tokens.next() {
                    Some(t) if t.ends_with('%') => break t.trim_end_matches('%').to_string(),
                    Some(_) => {}
                    None => panic!("no coverage after a readiness figure: {row}"),
                }
            };
            cells.push(Cell::Figures(format!("{readiness}%"), format!("{coverage}%")));
        }
    }
    cells.try_into().unwrap_or_else(|c| panic!("expected two framework cells in {row:?}, got {c:?}"))
}

/// A bar glued to its figure (`██████████100%` does not happen, but be safe).
fn percent_after_bar(token: &str) -> Option<&str> {
    let digits = token.trim_start_matches(['█', '░']);
    (digits.len() < token.len()).then(|| digits.strip_suffix('%')).flatten().filter(|d| !d.is_empty())
}

/// The same two cells from a row of the markdown "Readiness by domain" table.
fn markdown_cells(cells: &[&str]) -> [Cell; 2] {
    let cell = |readiness: &str, coverage: &str| match readiness {
        "n/a (not in scope)" => Cell::NotInScope,
        "not assessed" => Cell::NotAssessed,
        _ => Cell::Figures(readiness.into(), coverage.into()),
    };
    [cell(cells[2], cells[3]), cell(cells[4], cells[5])]
}

/// The same two cells from a JSON domain: its one-decimal figures rounded as documented.
fn json_cells(domain: &serde_json::Value) -> [Cell; 2] {
    let cell = |figure: &serde_json::Value| {
        if figure.is_null() {
            return Cell::NotInScope;
        }
        let whole = |key: &str| format!("{}%", figure[key].as_f64().expect("a number").round());
        if figure["coverage"].as_f64() == Some(0.0) {
            Cell::NotAssessed
        } else {
            Cell::Figures(whole("readiness"), whole("coverage"))
        }
    };
    [cell(&domain["soc2"]), cell(&domain["iso27001"])]
}

#[test]
fn dashboard_report_and_json_show_the_same_figures() {
    let questionnaire = Questionnaire::embedded();
    for fixture in FIXTURES {
        let assessment = load(fixture);
        let analysis = engine::analyze(Catalog::embedded(), &questionnaire, &assessment);
        let data = ReportData {
            catalog: Catalog::embedded(),
            questionnaire: &questionnaire,
            assessment: &assessment,
            analysis: &analysis,
        };
        let markdown = report::render(Format::Markdown, &data);
        let json: serde_json::Value = serde_json::from_str(&report::render(Format::Json, &data)).expect("JSON");
        let screen = dashboard(&assessment);

        let mut compared = 0;
        for (index, domain) in questionnaire.domains.iter().enumerate() {
            let row = screen
                .lines()
                .find_map(|l| l.split_once(&format!(" {} ", domain.title)).map(|(_, rest)| rest))
                .unwrap_or_else(|| panic!("{fixture}: {} not on the Dashboard:\n{screen}", domain.title));
            let on_screen = screen_cells(row);
            let md_row = markdown
                .lines()
                .find(|l| l.starts_with(&format!("| {} ", domain.title)) && l.contains(" of "))
                .unwrap_or_else(|| panic!("{fixture}: {} not in the report", domain.title));
            let md: Vec<&str> = md_row.trim_matches('|').split(" | ").map(str::trim).collect();
            let in_json = &json["readiness"]["domains"][index];
            assert_eq!(in_json["title"], domain.title.as_str());
            assert_eq!(on_screen, markdown_cells(&md), "{fixture}: {} on screen and in the report", domain.title);
            assert_eq!(on_screen, json_cells(in_json), "{fixture}: {} on screen and in the JSON", domain.title);
            compared += on_screen.iter().filter(|c| matches!(c, Cell::Figures(..))).count();
        }
        assert!(compared >= 4, "{fixture}: too few assessed domains to compare ({compared})");

        for fw in Framework::ALL {
            let line = screen.lines().find(|l| l.starts_with(fw.label()) && l.contains("coverage")).expect("headline");
            let figures: Vec<&str> = line.split_whitespace().filter(|t| t.ends_with('%')).collect();
            let key = fw.key();
            let whole = |v: &serde_json::Value| format!("{}%", v.as_f64().expect("number").round());
            assert_eq!(figures[0], whole(&json["readiness"][key]), "{fixture}: {key} readiness");
            assert_eq!(figures[1], whole(&json["readiness"]["coverage"][key]), "{fixture}: {key} coverage");
            let md_line = |label: &str| {
                let row = markdown.lines().find(|l| l.starts_with(&format!("| {label} "))).expect("readiness table");
                row.trim_matches('|').split(" | ").map(str::trim).nth(1 + fw.index()).expect("cell").to_string()
            };
            assert_eq!(figures[0], md_line("Readiness"), "{fixture}: {key} readiness in the report");
            assert_eq!(figures[1], md_line("Coverage"), "{fixture}: {key} coverage in the report");
        }
    }
}
