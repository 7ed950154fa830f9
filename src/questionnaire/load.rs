//! Reading module files: TOML shape first, then meaning (known references, unique ids,
//! weights in range), each problem reported with file, line and field.

use super::Questionnaire;
use super::model::{Domain, EffortShare, NaPolicy, Owner, Phase, Question, Reference};
use crate::catalog::{Catalog, Category};
use crate::framework::Framework;
use crate::profile::Regulation;
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
    #[serde(default)]
    overlap_estimate: Option<Spanned<String>>,
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
    action: Spanned<String>,
    guidance: String,
    evidence: Vec<String>,
    owner: Spanned<String>,
    effort_days: Spanned<f64>,
    phase: Spanned<String>,
    only: Option<Spanned<String>>,
    effort_for: Spanned<String>,
    not_applicable: Spanned<RawNa>,
    #[serde(default)]
    replaces: Vec<Spanned<String>>,
    #[serde(default)]
    applies_if: Vec<Spanned<String>>,
    soc2: Option<Spanned<RefTable>>,
    iso27001: Option<Spanned<RefTable>>,
}

/// `not_applicable = "refused"`, or the list of requirements such an answer excludes.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawNa {
    Word(String),
    Excludes(Vec<String>),
}

/// Longest accepted `action`: plans and reports show it on one line.
pub const ACTION_MAX_CHARS: usize = 90;

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
    // Where each `replaces` entry was written, to check the aliases once every id is known.
    let mut aliases: Vec<Alias> = Vec::new();
    modules.sort_by_key(|(_, _, raw)| raw.order);
    for (_, source, raw) in modules {
        // Later sources are the consultant's own: problems between two files go to the later.
        let rank = sources.iter().position(|s| std::ptr::eq(s, source)).unwrap_or(0);
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
            for old in &q.replaces {
                let at = Diagnostic {
                    file: source.name.clone(),
                    line: report.lines.line(old.span().start),
                    field: "replaces".into(),
                    message: String::new(),
                };
                aliases.push(Alias { by: q.id.get_ref().clone(), old: old.get_ref().trim().to_string(), at, rank });
            }
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
            overlap_estimate: raw.overlap_estimate.map(|b| b.into_inner().trim().to_string()),
            summary: raw.summary,
            questions: indices,
            source: source.name.clone(),
            version: content_hash(&source.text),
        });
    }
    check_alias_chains(&questions, aliases, &mut diagnostics);
    if diagnostics.is_empty() { Ok(Questionnaire::assemble(domains, questions)) } else { Err(diagnostics) }
}

/// One `replaces` entry: question `by` takes over `old`, written at `at` in source `rank`.
struct Alias {
    by: String,
    old: String,
    at: Diagnostic,
    rank: usize,
}

/// A question may take over a question that is still asked (a split), but not one that itself
/// takes over others: answers would then travel two steps, one per opening, instead of once.
/// The problem is reported in the later of the two files, the consultant's own.
fn check_alias_chains(questions: &[Question], aliases: Vec<Alias>, out: &mut Vec<Diagnostic>) {
    for alias in &aliases {
        let Some(current) = questions.iter().find(|q| q.id == alias.old) else { continue };
        if current.replaces.is_empty() {
            continue;
        }
        let own = aliases.iter().find(|a| a.by == current.id);
        let at = match own {
            Some(own) if own.rank > alias.rank => own.at.clone(),
            _ => alias.at.clone(),
        };
        out.push(Diagnostic {
            message: format!(
                "`{}` replaces `{}`, which itself replaces {}: name the original ids instead",
                alias.by,
                alias.old,
                current.replaces.join(", ")
            ),
            ..at
        });
    }
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
    if let Some(basis) = &raw.overlap_estimate
        && basis.get_ref().trim().is_empty()
    {
        report.at(basis, "overlap_estimate", "must state the basis of the estimate".into());
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
    check_action(q, report);
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
    let effort_for = check_effort_for(q, only, &references, report);
    let not_applicable = check_not_applicable(q, catalog, &references, report);
    let replaces = check_replaces(q, report);
    let applies_if = check_applies_if(q, report);
    if report.out.len() > before {
        return None;
    }
    Some(Question {
        id: id.clone(),
        domain,
        core: q.core,
        text: q.text.get_ref().trim().to_string(),
        action: q.action.get_ref().trim().to_string(),
        guidance: q.guidance.trim().to_string(),
        evidence: q.evidence.clone(),
        owner: owner?,
        effort_days: effort,
        phase: phase?,
        only,
        effort_for: effort_for?,
        references,
        not_applicable: not_applicable?,
        replaces,
        applies_if,
    })
}

/// `applies_if` names regulations by their profile keys.
fn check_applies_if(q: &RawQuestion, report: &mut Reporter<'_>) -> Vec<Regulation> {
    let mut out = Vec::new();
    for key in &q.applies_if {
        match Regulation::ALL.into_iter().find(|r| r.key() == key.get_ref()) {
            Some(regulation) => out.push(regulation),
            None => {
                let known: Vec<&str> = Regulation::ALL.iter().map(|r| r.key()).collect();
                report.at(
                    key,
                    "applies_if",
                    format!("unknown regulation `{}` (expected one of {})", key.get_ref(), known.join(", ")),
                );
            }
        }
    }
    out
}

fn check_action(q: &RawQuestion, report: &mut Reporter<'_>) {
    let id = q.id.get_ref();
    let action = q.action.get_ref().trim();
    let chars = action.chars().count();
    if action.is_empty() {
        report.at(&q.action, "action", format!("question `{id}` has an empty action"));
    } else if chars > ACTION_MAX_CHARS {
        report.at(&q.action, "action", format!("action of `{id}` is {chars} characters, at most {ACTION_MAX_CHARS}"));
    }
}

/// The work must be for a framework the question evidences, and agree with `only`.
fn check_effort_for(
    q: &RawQuestion,
    only: Option<Framework>,
    references: &[Reference],
    report: &mut Reporter<'_>,
) -> Option<EffortShare> {
    let id = q.id.get_ref();
    let Some(share) = EffortShare::from_key(q.effort_for.get_ref()) else {
        report.at(
            &q.effort_for,
            "effort_for",
            format!("unknown effort share `{}` (expected both, soc2 or iso27001)", q.effort_for.get_ref()),
        );
        return None;
    };
    if let Some(only) = only
        && share != EffortShare::Both
        && share.only() != Some(only)
    {
        report.at(
            &q.effort_for,
            "effort_for",
            format!("question `{id}` is only for {only}, its work cannot be for another"),
        );
    }
    for framework in Framework::ALL {
        if share.serves(framework) && !references.iter().any(|r| r.framework == framework) {
            report.at(
                &q.effort_for,
                "effort_for",
                format!("question `{id}` does work for {framework} but evidences no {framework} requirement"),
            );
        }
    }
    Some(share)
}

/// Weight at or above which a clause reference makes the question mandatory ISO work.
const MANDATORY_CLAUSE_WEIGHT: f64 = 0.5;

/// An n/a answer may exclude only Annex A controls and optional SOC 2 criteria the question
/// references; questions carrying a clause substantially are mandatory and refuse n/a.
fn check_not_applicable(
    q: &RawQuestion,
    catalog: &Catalog,
    references: &[Reference],
    report: &mut Reporter<'_>,
) -> Option<NaPolicy> {
    let id = q.id.get_ref();
    let field = "not_applicable";
    let listed = match q.not_applicable.get_ref() {
        RawNa::Word(word) if word == "refused" => return Some(NaPolicy::Refused),
        RawNa::Word(word) => {
            report.at(
                &q.not_applicable,
                field,
                format!("`{word}` is not a policy: write \"refused\" or the list of requirements n/a excludes"),
            );
            return None;
        }
        RawNa::Excludes(list) => list,
    };
    if let Some(clause) = references
        .iter()
        .find(|r| catalog.get(r.req).category == Category::Clause && r.weight >= MANDATORY_CLAUSE_WEIGHT)
    {
        report.at(
            &q.not_applicable,
            field,
            format!(
                "question `{id}` evidences clause {} at weight {}: mandatory ISMS work refuses n/a",
                catalog.get(clause.req).id,
                clause.weight
            ),
        );
    }
    let mut excludes = Vec::new();
    for name in listed {
        let req = references.iter().map(|r| r.req).find(|&req| catalog.get(req).id == *name);
        match req {
            None => report.at(
                &q.not_applicable,
                field,
                format!("`{name}` is not a reference of question `{id}`: n/a can only exclude what it evidences"),
            ),
            Some(req) if catalog.get(req).category == Category::Clause => {
                report.at(&q.not_applicable, field, format!("ISO clause {name} is mandatory: n/a can never exclude it"))
            }
            Some(req) if catalog.get(req).category == Category::Security => report.at(
                &q.not_applicable,
                field,
                format!("SOC 2 Security criterion {name} is in every report: n/a can never exclude it"),
            ),
            Some(req) if !excludes.contains(&req) => excludes.push(req),
            Some(_) => {}
        }
    }
    Some(NaPolicy::Allowed { excludes })
}

fn check_replaces(q: &RawQuestion, report: &mut Reporter<'_>) -> Vec<String> {
    let id = q.id.get_ref();
    let mut out: Vec<String> = Vec::new();
    for old in &q.replaces {
        let name = old.get_ref().trim();
        if name.is_empty() || name.chars().any(char::is_whitespace) {
            report.at(old, "replaces", format!("old question id `{name}` must be non-empty with no spaces"));
        } else if name == id {
            report.at(old, "replaces", format!("question `{id}` cannot replace itself"));
        } else if out.iter().any(|o| o == name) {
            report.at(old, "replaces", format!("`{name}` is listed twice"));
        } else {
            out.push(name.to_string());
        }
    }
    out
}
