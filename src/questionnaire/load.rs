//! Reading module files: TOML shape first, then meaning (known references, unique ids,
//! weights in range), each problem reported with file, line and field.

use super::Questionnaire;
use super::model::{Domain, Owner, Phase, Question, Reference};
use crate::catalog::{Catalog, Category};
use crate::framework::Framework;
use crate::source::{Diagnostic, LineIndex, content_hash, toml_diagnostic};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use toml::Spanned;

include!(concat!(env!("OUT_DIR"), "/embedded_modules.rs"));

/// The text of one module file and the name to report it by.
#[derive(Debug, Clone)]
pub struct ModuleSource {
    pub name: String,
    pub text: String,
}

pub fn embedded_sources() -> Vec<ModuleSource> {
    EMBEDDED_MODULES
        .iter()
        .map(|(name, text)| ModuleSource { name: format!("modules/{name}"), text: (*text).to_string() })
        .collect()
}

/// Every `*.toml` in `dir` and in `dir/modules`, sorted by path so the result is the same on
/// every machine.
pub fn sources_from_dir(dir: &Path) -> Result<Vec<ModuleSource>, Diagnostic> {
    let unreadable = |path: &Path, e: std::io::Error| Diagnostic {
        file: path.display().to_string(),
        line: 0,
        field: String::new(),
        message: format!("cannot read: {e}"),
    };
    let mut paths = Vec::new();
    for folder in [dir.to_path_buf(), dir.join("modules")] {
        if folder != dir && !folder.is_dir() {
            continue;
        }
        let entries = std::fs::read_dir(&folder).map_err(|e| unreadable(&folder, e))?;
        for entry in entries {
            let path = entry.map_err(|e| unreadable(&folder, e))?.path();
            if path.extension().is_some_and(|x| x == "toml") && path.is_file() {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).map_err(|e| unreadable(&path, e))?;
            let text = String::from_utf8(bytes).map_err(|e| Diagnostic {
                file: path.display().to_string(),
                line: 0,
                field: String::new(),
                message: format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
            })?;
            Ok(ModuleSource { name: path.display().to_string(), text })
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModule {
    id: Spanned<String>,
    title: Spanned<String>,
    order: i64,
    overlap: Spanned<f64>,
    summary: String,
    #[serde(default)]
    question: Vec<Spanned<RawQuestion>>,
}

type RefTable = BTreeMap<String, Spanned<f64>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    core: bool,
    text: Spanned<String>,
    guidance: String,
    evidence: Vec<String>,
    owner: Spanned<String>,
    effort_days: Spanned<f64>,
    phase: Spanned<String>,
    only: Option<Spanned<String>>,
    soc2: Option<Spanned<RefTable>>,
    iso27001: Option<Spanned<RefTable>>,
}

/// Reports problems in one file at the line of the offending value.
struct Reporter<'a> {
    file: &'a str,
    lines: LineIndex,
    out: &'a mut Vec<Diagnostic>,
}

impl Reporter<'_> {
    fn at<T>(&mut self, spanned: &Spanned<T>, field: &str, message: String) {
        self.out.push(Diagnostic {
            file: self.file.to_string(),
            line: self.lines.line(spanned.span().start),
            field: field.to_string(),
            message,
        });
    }
}

/// A TOML syntax error names a line but no field; when that line is a `key = value` pair,
/// name its key, so "field `text`" points the consultant at the broken value.
fn with_key_of_line(mut d: Diagnostic, text: &str) -> Diagnostic {
    if d.field.is_empty()
        && let Some(line) = d.line.checked_sub(1).and_then(|i| text.lines().nth(i))
        && let Some((key, _)) = line.split_once('=')
    {
        let key = key.trim().trim_matches('"');
        if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            d.field = key.to_string();
        }
    }
    d
}

fn parse_owner(key: &str) -> Option<Owner> {
    Owner::ALL.into_iter().find(|o| o.key() == key)
}

fn parse_phase(key: &str) -> Option<Phase> {
    Phase::ALL.into_iter().find(|p| p.key() == key)
}

fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> String {
    all.iter().map(|&x| key(x)).collect::<Vec<_>>().join(", ")
}

pub(super) fn build(catalog: &Catalog, sources: &[ModuleSource]) -> Result<Questionnaire, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    // Parsed modules keyed by domain id; a later source with the same id replaces the earlier.
    let mut modules: Vec<(String, &ModuleSource, RawModule)> = Vec::new();
    for source in sources {
        match toml::from_str::<RawModule>(&source.text) {
            Err(e) => diagnostics.push(with_key_of_line(toml_diagnostic(&source.name, &source.text, &e), &source.text)),
            Ok(raw) => {
                let id = raw.id.get_ref().clone();
                match modules.iter().position(|(existing, _, _)| *existing == id) {
                    Some(i) => modules[i] = (id, source, raw),
                    None => modules.push((id, source, raw)),
                }
            }
        }
    }

    let mut domains = Vec::new();
    let mut questions: Vec<Question> = Vec::new();
    let mut first_seen: HashMap<String, String> = HashMap::new();
    modules.sort_by_key(|(_, _, raw)| raw.order);
    for (_, source, raw) in modules {
        let mut report = Reporter { file: &source.name, lines: LineIndex::new(&source.text), out: &mut diagnostics };
        let domain_index = domains.len();
        check_domain(&raw, &mut report);
        let mut indices = Vec::new();
        for spanned in &raw.question {
            let q = spanned.get_ref();
            let location = format!("{}:{}", source.name, report.lines.line(q.id.span().start));
            if let Some(first) = first_seen.get(q.id.get_ref()) {
                report.at(
                    &q.id,
                    "id",
                    format!("duplicate question id `{}` (first defined at {first})", q.id.get_ref()),
                );
                continue;
            }
            first_seen.insert(q.id.get_ref().clone(), location);
            if let Some(question) = check_question(q, domain_index, catalog, &mut report) {
                indices.push(questions.len());
                questions.push(question);
            }
        }
        domains.push(Domain {
            id: raw.id.into_inner(),
            title: raw.title.into_inner(),
            order: raw.order,
            overlap: *raw.overlap.get_ref(),
            summary: raw.summary,
            questions: indices,
            source: source.name.clone(),
            version: content_hash(&source.text),
        });
    }
    if diagnostics.is_empty() { Ok(Questionnaire::assemble(domains, questions)) } else { Err(diagnostics) }
}

fn check_domain(raw: &RawModule, report: &mut Reporter<'_>) {
    let id = raw.id.get_ref();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        report.at(&raw.id, "id", format!("domain id `{id}` must be lowercase letters, digits and dashes"));
    }
    if raw.title.get_ref().trim().is_empty() {
        report.at(&raw.title, "title", "must not be empty".into());
    }
    let overlap = *raw.overlap.get_ref();
    if !(0.0..=1.0).contains(&overlap) {
        report.at(&raw.overlap, "overlap", format!("{overlap} is outside 0.0-1.0"));
    }
    if raw.question.is_empty() {
        report.at(&raw.id, "question", "the module has no [[question]]".into());
    }
}

fn check_question(q: &RawQuestion, domain: usize, catalog: &Catalog, report: &mut Reporter<'_>) -> Option<Question> {
    let before = report.out.len();
    let id = q.id.get_ref();
    if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
        report.at(&q.id, "id", format!("question id `{id}` must be non-empty with no spaces"));
    }
    if q.text.get_ref().trim().is_empty() {
        report.at(&q.text, "text", format!("question `{id}` has empty text"));
    }
    let owner = parse_owner(q.owner.get_ref());
    if owner.is_none() {
        let expected = keys(&Owner::ALL, Owner::key);
        report.at(&q.owner, "owner", format!("unknown owner `{}` (expected one of {expected})", q.owner.get_ref()));
    }
    let phase = parse_phase(q.phase.get_ref());
    if phase.is_none() {
        let expected = keys(&Phase::ALL, Phase::key);
        report.at(&q.phase, "phase", format!("unknown phase `{}` (expected one of {expected})", q.phase.get_ref()));
    }
    let effort = *q.effort_days.get_ref();
    if !(effort > 0.0 && effort <= 250.0) {
        report.at(&q.effort_days, "effort_days", format!("{effort} is outside (0, 250] person-days"));
    }
    let only = q.only.as_ref().and_then(|o| {
        let parsed = Framework::from_key(o.get_ref());
        if parsed.is_none() {
            report.at(o, "only", format!("unknown framework `{}` (expected soc2 or iso27001)", o.get_ref()));
        }
        parsed
    });

    let mut references = Vec::new();
    for (framework, table) in [(Framework::Soc2, &q.soc2), (Framework::Iso27001, &q.iso27001)] {
        let Some(table) = table else { continue };
        let field = framework.key();
        for (reference, weight) in table.get_ref() {
            let w = *weight.get_ref();
            match catalog.find(framework, reference) {
                None => {
                    let what = match framework {
                        Framework::Soc2 => "SOC 2 criterion",
                        Framework::Iso27001 => "ISO 27001 clause or Annex A control",
                    };
                    report.at(weight, field, format!("unknown {what} `{reference}` in question `{id}`"));
                }
                Some(_) if !(w > 0.0 && w <= 1.0) => {
                    report.at(weight, field, format!("weight {w} for `{reference}` is outside (0, 1]"));
                }
                Some(req) => references.push(Reference { framework, req, weight: w }),
            }
        }
        if only == Some(framework.other()) && !table.get_ref().is_empty() {
            report.at(
                table,
                field,
                format!("question `{id}` is marked only for {} but has {} references", framework.other(), framework),
            );
        }
    }
    let empty = |t: &Option<Spanned<RefTable>>| t.as_ref().is_none_or(|t| t.get_ref().is_empty());
    if empty(&q.soc2) && empty(&q.iso27001) {
        report.at(&q.id, "soc2", format!("question `{id}` evidences nothing: add `soc2` or `iso27001` references"));
    }
    if report.out.len() > before {
        return None;
    }
    let may_be_not_applicable =
        only != Some(Framework::Soc2) && references.iter().any(|r| catalog.get(r.req).category != Category::Clause);
    Some(Question {
        may_be_not_applicable,
        id: id.clone(),
        domain,
        core: q.core,
        text: q.text.get_ref().trim().to_string(),
        guidance: q.guidance.trim().to_string(),
        evidence: q.evidence.clone(),
        owner: owner?,
        effort_days: effort,
        phase: phase?,
        only,
        references,
    })
}
