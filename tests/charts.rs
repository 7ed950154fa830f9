//! The SVG charts parse back as XML and carry the figures the roadmap states: every domain
//! with its readiness and coverage for both frameworks, every phase with its weeks, every
//! milestone with its week, the deadline and the observation window.

use crosswalk::engine;
use crosswalk::engine::roadmap::MilestoneKind;
use crosswalk::report::{self, Format, ReportData};
use crosswalk::{Assessment, Catalog, Questionnaire};
use std::path::Path;

const FIXTURES: [&str; 3] = ["lumenfield.toml", "lumenfield-followup.toml", "hostile.toml"];

fn load(name: &str) -> Assessment {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports").join(name);
    crosswalk::store::load(&path).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

// ---------------------------------------------------------------------------------------
// A small XML reader: elements, attributes, text, the five predefined entities
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every descendant (and self) with this name, document order.
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        if self.name == name {
            out.push(self);
        }
        for child in &self.children {
            child.all(name, out);
        }
    }

    fn groups(&self, class: &str) -> Vec<&Element> {
        let mut groups = Vec::new();
        self.all("g", &mut groups);
        groups.into_iter().filter(|g| g.attribute("class") == Some(class)).collect()
    }

    /// The text of the child `<text>` with this class.
    fn text_of(&self, class: &str) -> Option<&str> {
        self.children.iter().find(|c| c.name == "text" && c.attribute("class") == Some(class)).map(|c| c.text.as_str())
    }
}

fn decode(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').unwrap_or_else(|| panic!("unterminated entity in {raw:?}")) + at;
        out.push(match &rest[at + 1..end] {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            other => panic!("unknown entity &{other};"),
        });
        rest = &rest[end + 1..];
    }
    assert!(!rest.contains('<'), "raw < in text");
    out.push_str(rest);
    out
}

/// Parses a whole document; panics on anything not well-formed.
fn parse_xml(text: &str) -> Element {
    let mut rest = text.trim_start();
    if rest.starts_with("<?xml") {
        rest = &rest[rest.find("?>").expect("end of the XML declaration") + 2..];
    }
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let Some(open) = rest.find('<') else {
            assert!(rest.trim().is_empty(), "text after the root element");
            break;
        };
        let text = decode(&rest[..open]);
        stack.last_mut().expect("an open element").text.push_str(&text);
        rest = &rest[open..];
        let close = rest.find('>').expect("tag closes");
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let done = stack.pop().expect("an element to close");
            assert_eq!(done.name, name.trim(), "mismatched closing tag");
            stack.last_mut().expect("a parent").children.push(done);
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, mut attrs) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == ':'), "bad name {name:?}");
        let mut element = Element { name: name.into(), ..Element::default() };
        loop {
            attrs = attrs.trim_start();
            if attrs.is_empty() {
                break;
            }
            let eq = attrs.find('=').unwrap_or_else(|| panic!("attribute without a value in <{name}>"));
            let key = attrs[..eq].trim();
            assert!(attrs[eq + 1..].starts_with('"'), "unquoted attribute {key}");
            let value_end = attrs[eq + 2..].find('"').expect("attribute closes") + eq + 2;
            assert!(element.attribute(key).is_none(), "duplicate attribute {key}");
            element.attributes.push((key.into(), decode(&attrs[eq + 2..value_end])));
            attrs = &attrs[value_end + 1..];
        }
        if self_closing {
            stack.last_mut().expect("a parent").children.push(element);
        } else {
            stack.push(element);
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut document = stack.pop().expect("document");
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.pop().expect("root")
}

#[test]
fn the_xml_reader_rejects_broken_documents() {
    for bad in ["<svg><g></svg>", "<svg a=1></svg>", "<svg>a < b</svg>", "<svg></svg><svg></svg>", "<svg>&nbsp;</svg>"]
    {
        assert!(std::panic::catch_unwind(|| parse_xml(bad)).is_err(), "accepted {bad}");
    }
    let ok = parse_xml("<svg x=\"1\"><g class=\"a\"><text class=\"t\">&lt;b&gt;</text></g></svg>");
    assert_eq!(ok.groups("a")[0].text_of("t"), Some("<b>"));
}

// ---------------------------------------------------------------------------------------
// The charts
// ---------------------------------------------------------------------------------------

/// The cells of a markdown table row, trimmed.
fn cells(line: &str) -> Vec<&str> {
    line.trim().trim_matches('|').split(" | ").map(str::trim).collect()
}

#[test]
fn readiness_chart_carries_every_domain_and_its_figures() {
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
        let svg = parse_xml(&report::render(Format::ReadinessSvg, &data));
        assert_eq!(svg.name, "svg");
        assert_eq!(svg.attribute("xmlns"), Some("http://www.w3.org/2000/svg"));
        let markdown = report::render(Format::Markdown, &data);
        let domains = svg.groups("domain");
        assert_eq!(domains.len(), questionnaire.domains.len(), "{fixture}");
        for (group, domain) in domains.iter().zip(&questionnaire.domains) {
            assert_eq!(group.text_of("label"), Some(domain.title.as_str()));
            let row = markdown
                .lines()
                .find(|l| l.starts_with(&format!("| {} ", domain.title)) && l.contains(" of "))
                .expect("domain in the report");
            let c = cells(row);
            for (class, label, readiness, coverage) in
                [("soc2", "SOC 2", c[2], c[3]), ("iso27001", "ISO 27001", c[4], c[5])]
            {
                let expected = match readiness {
                    "n/a (not in scope)" | "not assessed" => format!("{label}: {readiness}"),
                    _ => format!("{label}: {readiness}, coverage {coverage}"),
                };
                assert_eq!(group.text_of(class), Some(expected.as_str()), "{fixture}: {}", domain.title);
            }
        }
    }
}

#[test]
fn timeline_chart_carries_workstreams_milestones_deadlines_and_window() {
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
        let svg = parse_xml(&report::render(Format::TimelineSvg, &data));
        let markdown = report::render(Format::Markdown, &data);
        let roadmap = &analysis.roadmap;

        let plan = roadmap.plan();
        // One bar per workstream, with the weeks the report's workstream table gives.
        let bars = svg.groups("workstream");
        assert_eq!(bars.len(), plan.workstreams.len(), "{fixture}");
        for (group, w) in bars.iter().zip(&plan.workstreams) {
            let row = markdown
                .lines()
                .skip_while(|l| !l.starts_with("## Appendix D"))
                .find(|l| l.starts_with(&format!("| {} ", w.owner.label())) && cells(l).len() == 6)
                .unwrap_or_else(|| panic!("{fixture}: workstream {} in the report", w.owner.label()));
            let weeks = format!("weeks {}", cells(row)[5]);
            assert_eq!(group.text_of("weeks"), Some(weeks.as_str()), "{fixture}: {}", w.owner.label());
        }

        // Every milestone of the first three years, at the week the report's table gives.
        let mut charted: Vec<(String, String)> = svg
            .groups("milestone")
            .iter()
            .map(|g| {
                let mut title = Vec::new();
                g.all("title", &mut title);
                (title[0].text.clone(), g.text_of("week").expect("week").trim_start_matches("week ").to_string())
            })
            .collect();
        for g in svg.groups("later") {
            let text = g.text_of("label").expect("label").trim_start_matches("Later: ");
            let (name, week) = text.rsplit_once(", week ").expect("name, week");
            charted.push((name.into(), week.into()));
        }
        let shown: Vec<_> = plan.milestones.iter().filter(|m| m.week < 156).collect();
        assert_eq!(charted.len(), shown.len(), "{fixture}: every milestone is on the chart");
        // A yearly management review is named in its internal audit's row.
        for m in shown.into_iter().filter(|m| m.kind != MilestoneKind::YearlyManagementReview) {
            let name = crosswalk::report::plan_text::milestone_label(m);
            let row = markdown
                .lines()
                // The label, and any caveat on its low date after it.
                .find(|l| l.starts_with('|') && cells(l).get(2).is_some_and(|c| c.starts_with(name.as_str())))
                .unwrap_or_else(|| panic!("{fixture}: milestone {name} in the report"));
            // The week cell reads "39" or "39 (34)" with the low estimate's week.
            let week = cells(row)[1].split(' ').next().expect("week").to_string();
            assert!(charted.contains(&(name.clone(), week.clone())), "{fixture}: {name} at week {week}");
        }

        // A line per deadline, at the week the plan's deadline check gives.
        let lines = svg.groups("deadline");
        let deadlines: Vec<_> = plan.deadlines.iter().filter(|d| d.week >= 0).collect();
        assert_eq!(lines.len(), deadlines.len(), "{fixture}");
        for (line, d) in lines.iter().zip(&deadlines) {
            let text = line.text_of("label").expect("deadline label");
            assert!(text.starts_with(&format!("Deadline: week {}", d.week)), "{fixture}: {text}");
        }
        assert_eq!(assessment.profile.deadlines.is_empty(), lines.is_empty() && plan.deadlines.is_empty());
        let window = svg.groups("observation");
        let starts = plan
            .milestones
            .iter()
            .any(|m| m.kind == crosswalk::engine::roadmap::MilestoneKind::ObservationStart && !m.upkeep);
        assert_eq!(window.len(), usize::from(starts), "{fixture}: the observation window is shaded");
    }
}
