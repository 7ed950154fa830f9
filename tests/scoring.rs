//! Scoring, scoping and the Statement of Applicability: the reproductions of the review's
//! findings through the shipped binary, the SoA's shape and rules as properties, and a
//! snapshot of the SoA of a cloud-only client.

use crosswalk::engine::{self, scoping};
use crosswalk::report::{self, Format, ReportData, soa};
use crosswalk::{Answer, Assessment, Catalog, Framework, Questionnaire};
use proptest::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// What the reports read of `assessment` and its analysis, with the embedded catalog and
/// questionnaire.
fn report_data<'a>(assessment: &'a Assessment, analysis: &'a engine::Analysis) -> ReportData<'a> {
    ReportData { catalog: Catalog::embedded(), questionnaire: questionnaire(), assessment, analysis }
}

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports").join(name)
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).expect("fixture")
}

fn questionnaire() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(Questionnaire::embedded)
}

fn crosswalk(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("CROSSWALK_QUESTIONNAIRES")
        .output()
        .expect("run crosswalk")
}

/// Writes `text` as `name` in a fresh folder and runs `report --format FORMAT` on it through
/// the binary: (stdout, stderr).
fn report_of(text: &str, name: &str, format: &str) -> (String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write assessment");
    let output = crosswalk(dir.path(), &["report", path.to_str().expect("utf-8"), "--format", format]);
    assert!(output.status.success(), "crosswalk failed: {}", String::from_utf8_lossy(&output.stderr));
    (String::from_utf8(output.stdout).expect("utf-8"), String::from_utf8(output.stderr).expect("utf-8"))
}

fn json_of(text: &str) -> (Value, String) {
    let (out, err) = report_of(text, "client.toml", "json");
    (serde_json::from_str(&out).expect("valid JSON"), err)
}

fn soa_row<'a>(json: &'a Value, control: &str) -> &'a Value {
    json["soa"].as_array().expect("soa").iter().find(|r| r["control"] == control).expect("control listed")
}

fn clause<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["readiness"]["clauses"].as_array().expect("clauses").iter().find(|c| c["id"] == id).expect("clause listed")
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` once in the fixture");
    text.replace(from, to)
}

// ---------------------------------------------------------------------------------------
// The review's reproductions, through the binary
// ---------------------------------------------------------------------------------------

/// GOV-09 (internal audit, clause 9.2) answered n/a "We are small" used to raise ISO
/// readiness (45.7% -> 47.3%). Its policy forbids n/a: the answer is ignored with a warning
/// naming the file and the question, and ISO readiness is what it is with GOV-09 open.
#[test]
fn gov_09_not_applicable_is_ignored_with_a_warning_and_iso_readiness_does_not_move() {
    let base = fixture_text("lumenfield.toml");
    let open = replace_once(&base, "[answers.GOV-09]\nlevel = 0\n", "");
    let na =
        replace_once(&base, "[answers.GOV-09]\nlevel = 0\n", "[answers.GOV-09]\nnot_applicable = \"We are small\"\n");
    let (before, quiet) = json_of(&open);
    let (after, warning) = json_of(&na);
    assert!(!quiet.contains("`GOV-09`"), "no warning without the n/a: {quiet}");
    assert!(warning.contains("client.toml") && warning.contains("`GOV-09`"), "names file and question: {warning}");
    assert_eq!(before["readiness"]["iso27001"], after["readiness"]["iso27001"], "ISO readiness moved");
    for id in ["9.2.1", "9.2.2"] {
        assert_eq!(clause(&before, id), clause(&after, id), "clause {id} moved");
    }
    assert_eq!(soa_row(&after, "A.5.35")["applicable"], true, "A.5.35 is not excluded by a refused n/a");
    let blockers = after["blockers"].as_array().expect("blockers");
    assert!(
        blockers
            .iter()
            .any(|b| b["ref"] == "9.2" && b["questions"].as_array().is_some_and(|q| q.contains(&"GOV-09".into())))
    );
}

/// VUL-04 n/a "we use macs" used to exclude A.8.7 (malware). It may exclude only what its
/// policy names; the SOC 2 Security criterion it feeds never moves.
#[test]
fn vul_04_not_applicable_cannot_exclude_a_8_7_unless_its_policy_allows() {
    let base = fixture_text("lumenfield.toml");
    let na =
        replace_once(&base, "[answers.VUL-04]\nlevel = 2\n", "[answers.VUL-04]\nnot_applicable = \"we use macs\"\n");
    let open = replace_once(&base, "[answers.VUL-04]\nlevel = 2\n", "");
    // The shipped module refuses n/a on VUL-04; the same module with a policy allowing it to
    // exclude A.8.7 shows the engine follows whatever the policy says.
    let module = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires/modules/55-vulnerability.toml");
    let shipped = std::fs::read_to_string(module).expect("module");
    let start = shipped.find("id = \"VUL-04\"").expect("VUL-04 in its module");
    let at = start + shipped[start..].find("not_applicable = ").expect("VUL-04 has a policy");
    let end = at + shipped[at..].find('\n').expect("line end");
    let allowing = format!("{}not_applicable = [\"A.8.7\"]{}", &shipped[..at], &shipped[end..]);
    let modules = tempfile::tempdir().expect("tempdir");
    std::fs::write(modules.path().join("55-vulnerability.toml"), allowing).expect("write module");
    let with = |text: &str, extra: &[&str]| -> (Value, String) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("client.toml");
        std::fs::write(&path, text).expect("write");
        let mut args = extra.to_vec();
        args.extend(["report", path.to_str().expect("utf-8"), "--format", "json"]);
        let output = crosswalk(dir.path(), &args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        (serde_json::from_slice(&output.stdout).expect("json"), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let allowed = ["--questionnaires", modules.path().to_str().expect("utf-8")];
    let q = questionnaire();
    let vul_04 = &q.questions[q.question_index("VUL-04").expect("VUL-04")];
    let a_8_7 = Catalog::embedded().find(Framework::Iso27001, "A.8.7").expect("A.8.7");
    let shipped_allows = vul_04.na_excludes().contains(&a_8_7);
    let (after, warning) = with(&na, &[]);
    assert_eq!(soa_row(&after, "A.8.7")["applicable"], !shipped_allows, "the shipped policy decides");
    assert!(
        !shipped_allows,
        "malware protection applies to macs: the shipped policy must not let VUL-04 exclude A.8.7"
    );
    assert!(warning.contains("`VUL-04`"), "a refused n/a is named: {warning}");
    let (before, _) = with(&open, &[]);
    assert_eq!(soa_row(&before, "A.8.7")["coverage"], soa_row(&after, "A.8.7")["coverage"]);
    assert_eq!(before["readiness"]["soc2"], after["readiness"]["soc2"], "SOC 2 Security moved");
    // Where a policy allows it, the exclusion is legitimate and stays, with its justification.
    let (excluded, quiet) = with(&na, &allowed);
    assert!(!quiet.contains("`VUL-04`"), "{quiet}");
    let row = soa_row(&excluded, "A.8.7");
    assert_eq!(row["applicable"], false);
    assert!(row["exclusion_justification"].as_str().is_some_and(|j| j.contains("VUL-04: we use macs")), "{row}");
    let (open_allowed, _) = with(&open, &allowed);
    assert_eq!(open_allowed["readiness"]["soc2"], excluded["readiness"]["soc2"], "SOC 2 Security moved");
}

/// CC5.2 read 100% at 20% coverage from CHG-01 (weight 0.25) alone. A lone partial link
/// cannot make a requirement fully ready: the report shows the figure weighted by the
/// evidence and says "insufficient evidence".
#[test]
fn cc5_2_is_not_fully_ready_on_a_lone_partial_link() {
    let text = "format_version = 2\nclient = \"Partial\"\ncreated = \"2026-11-01T09:00:00Z\"\n\
                updated = \"2026-11-01T09:00:00Z\"\n\n[answers.CHG-01]\nlevel = 4\n";
    let (markdown, _) = report_of(text, "partial.toml", "markdown");
    let row = markdown.lines().find(|l| l.starts_with("| CC5.2 ")).expect("CC5.2 in the SOC 2 table");
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    assert!(!cells[4].starts_with("100%"), "CC5.2 reads {}", cells[4]);
    assert!(cells[4].contains("insufficient evidence"), "says why: {row}");
    assert!(markdown.contains("weighted down by the evidence"), "the report says how the figure is made");
}

/// IR-04 "ask later" used to turn A.5.27 into "Not implemented". Unknown is not assessed, and
/// it is a follow-up.
#[test]
fn ir_04_ask_later_is_not_assessed_and_a_follow_up() {
    let (json, _) = json_of(&fixture_text("lumenfield.toml"));
    assert_eq!(soa_row(&json, "A.5.27")["status"], "not_assessed");
    let follow_ups = json["follow_ups"].as_array().expect("follow-ups");
    let ir_04 = follow_ups.iter().find(|f| f["id"] == "IR-04").expect("IR-04 is a follow-up");
    assert_eq!(ir_04["answer"]["state"], "unknown");
    let (markdown, _) = report_of(&fixture_text("lumenfield.toml"), "lumenfield.toml", "markdown");
    assert!(!markdown.lines().any(|l| l.starts_with("| A.5.27 ") && l.contains("Not implemented")), "A.5.27");
}

#[test]
fn a_held_soc2_report_counts_as_a_factor_and_the_score_agrees_with_the_order() {
    let (json, _) = json_of(&fixture_text("northwind-cloud.toml"));
    let rec = &json["recommendation"];
    assert_eq!(rec["framework_first"], "iso27001");
    assert!(rec["score"].as_f64().expect("score") > 0.0, "{}", rec["score"]);
    assert_eq!(rec["factors"][0]["kind"], "holds");
    assert_eq!(rec["drivers"].as_array().expect("drivers").len(), 1, "only what carried it");
}

#[test]
fn every_report_states_its_basis_of_preparation() {
    let text = fixture_text("northwind-cloud.toml");
    let (markdown, _) = report_of(&text, "n.toml", "markdown");
    assert!(markdown.contains("## Basis of preparation") && markdown.contains("not an attestation"));
    let counted = markdown.split("Evidence was inspected for ").nth(1).expect("counts the answers with evidence seen");
    let seen: usize = counted.split(' ').next().and_then(|n| n.parse().ok()).expect("a number");
    assert!(seen >= 3, "the fixture marks evidence seen on three answers (or their carried-over parts): {counted}");
    let (json, _) = json_of(&text);
    assert!(json["basis_of_preparation"].as_str().is_some_and(|b| b.contains("audit opinion")));
}

/// The blockers rest on this: mandatory ISO work cannot be answered away, and a question's
/// n/a never excludes an ISO clause or a SOC 2 Security criterion, nor, on a Privacy or
/// Processing Integrity question, an ISO control.
#[test]
fn not_applicable_policies_respect_mandatory_work() {
    let catalog = Catalog::embedded();
    for q in &questionnaire().questions {
        let mandatory =
            q.references.iter().any(|r| r.weight >= 0.5 && engine::blockers::is_mandatory_clause(catalog, r.req));
        assert!(!(mandatory && q.allows_not_applicable()), "{} evidences mandatory ISO work but allows n/a", q.id);
        use crosswalk::catalog::Category;
        let privacy = q
            .references
            .iter()
            .any(|r| matches!(catalog.get(r.req).category, Category::Privacy | Category::ProcessingIntegrity));
        for req in scoping::excludes(catalog, q) {
            let category = catalog.get(req).category;
            assert!(
                !matches!(category, Category::Clause | Category::Security),
                "{} n/a excludes {}",
                q.id,
                catalog.get(req).id
            );
            assert!(
                !(privacy && catalog.get(req).framework == Framework::Iso27001),
                "{}: a privacy n/a excludes ISO {}",
                q.id,
                catalog.get(req).id
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// The Statement of Applicability
// ---------------------------------------------------------------------------------------

#[test]
fn soa_snapshot_of_a_cloud_only_client() {
    let (csv, _) = report_of(&fixture_text("northwind-cloud.toml"), "northwind-cloud.toml", "soa");
    assert!(csv.starts_with(
        "control,title,theme,applicable,inclusion_reason,exclusion_justification,status,status_basis,owner,\
         evidence_to_collect,evidence_seen,source_questions,coverage\n"
    ));
    insta::assert_snapshot!("soa_cloud_only", csv);
}

#[test]
fn cloud_only_facilities_are_proposed_for_exclusion_and_home_working_controls_stay() {
    let (json, _) = json_of(&fixture_text("northwind-cloud.toml"));
    for control in soa::FACILITIES {
        let row = soa_row(&json, control);
        assert_eq!(row["applicable"], false, "{control}");
        let why = row["exclusion_justification"].as_str().expect("justified");
        assert!(why.contains("confirm") && why.contains("A.5.19-A.5.23") || why.contains("PHY-02"), "{control}: {why}");
    }
    for control in scoping::ALWAYS_APPLICABLE_PHYSICAL {
        assert_eq!(soa_row(&json, control)["applicable"], true, "{control} covers laptops and home working");
    }
    // The profile prefills inclusion: GDPR for privacy, NIS2 for incidents, the ISO deal for all.
    let a_5_34 = soa_row(&json, "A.5.34")["inclusion_reason"].to_string();
    assert!(a_5_34.contains("GDPR") && a_5_34.contains("contractual"), "{a_5_34}");
    assert!(soa_row(&json, "A.5.24")["inclusion_reason"].to_string().contains("NIS2"));
    // Evidence seen is the basis only where the consultant recorded it.
    assert_eq!(soa_row(&json, "A.5.1")["status_basis"], "evidence_seen");
    assert_eq!(soa_row(&json, "A.5.1")["evidence_seen"][0]["question"], "GOV-01");
    assert_eq!(soa_row(&json, "A.8.32")["status_basis"], "self_reported");
    // A workshop claim alone never reads "evidenced over time".
    assert!(json["soa"].as_array().expect("soa").iter().all(|r| r["status"] != "evidenced"));
}

/// The SoA's status rule, checked against the readiness it reads rather than the status code:
/// an "Implemented" control has every question that evidences it in full (weight 0.5 or more,
/// n/a answers that excluded it for themselves aside) answered at level 3 or more with no work
/// left on it; any status at all rests on at least one such question answered, never on side
/// links alone.
fn status_rule_holds(data: &ReportData<'_>) -> Result<(), String> {
    let requirements = &data.analysis.readiness.requirements;
    let annex_a: Vec<usize> = data.catalog.annex_a().map(|(idx, _)| idx).collect();
    for (row, &idx) in soa::rows(data).iter().zip(&annex_a) {
        let full: Vec<_> = requirements[idx]
            .contributions
            .iter()
            .filter(|c| c.weight >= 0.5 && c.input != engine::readiness::Input::NotApplicable)
            .collect();
        let level = |qi: usize| data.answer(&data.question(qi).id).and_then(Answer::level_value);
        let answered = full.iter().filter(|c| level(c.question).is_some()).count();
        match row.status {
            None | Some(soa::Status::NotAssessed) => {}
            Some(_) if answered == 0 => return Err(format!("{}: a status on side links alone", row.control)),
            Some(soa::Status::Implemented) => {
                for c in &full {
                    let id = &data.question(c.question).id;
                    if level(c.question).is_none_or(|l| l < 3) {
                        return Err(format!("{} implemented with {id} unanswered or below 3", row.control));
                    }
                    if data.analysis.gaps[c.question].days.high > 0.0 {
                        return Err(format!("{} implemented with work left on {id}", row.control));
                    }
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[test]
fn soa_status_rule_holds_for_every_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let Ok(mut a) = crosswalk::store::load(&path) else { continue };
        crosswalk::questionnaire::carry_over(questionnaire(), &mut a);
        let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &a);
        let data = report_data(&a, &analysis);
        status_rule_holds(&data).unwrap_or_else(|broken| panic!("{}: {broken}", path.display()));
        checked += 1;
    }
    assert!(checked >= 3, "the fixtures load");
}

fn lumenfield() -> Assessment {
    let mut a = crosswalk::store::load(&fixture_path("lumenfield.toml")).expect("fixture");
    crosswalk::questionnaire::carry_over(questionnaire(), &mut a);
    a
}

/// Lumenfield answered PHY-04 (server rooms) n/a; carried over to PHY-09 (siting, power and
/// cabling), which nobody was asked, it is a proposal: A.7.11 and A.7.12 stay applicable and
/// not assessed, their justification a proposed exclusion to confirm in every format. Once
/// confirmed for PHY-09 itself, the same n/a excludes them.
#[test]
fn a_carried_over_na_proposes_an_exclusion_and_excludes_nothing() {
    let a = lumenfield();
    assert!(a.answers["PHY-09"].to_confirm, "carried over, to confirm");
    let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &a);
    let data = report_data(&a, &analysis);
    let rows = soa::rows(&data);
    let csv = report::render(Format::Soa, &data);
    let markdown = report::render(Format::Markdown, &data);
    for control in ["A.7.11", "A.7.12"] {
        let row = rows.iter().find(|r| r.control == control).expect("listed");
        assert!(row.applicable, "{control} excluded on an n/a nobody gave for PHY-09");
        assert_eq!(row.status, Some(soa::Status::NotAssessed), "{control}");
        let why = soa::exclusion_text(row);
        assert!(why.starts_with(soa::PROPOSED_TO_CONFIRM) && why.contains("PHY-09"), "{control}: {why}");
        let csv_line = csv.lines().find(|l| l.starts_with(&format!("{control},"))).expect("csv row");
        assert!(csv_line.contains(",yes,") && csv_line.contains("Proposed, confirm"), "{csv_line}");
        let md_line = markdown.lines().find(|l| l.starts_with(&format!("| {control} "))).expect("markdown row");
        assert!(md_line.contains("Proposed, confirm"), "{md_line}");
    }
    let mut confirmed = a.clone();
    confirmed.answers.get_mut("PHY-09").expect("PHY-09").to_confirm = false;
    let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &confirmed);
    let data = report_data(&confirmed, &analysis);
    let rows = soa::rows(&data);
    assert!(rows.iter().filter(|r| ["A.7.11", "A.7.12"].contains(&r.control)).all(|r| !r.applicable));
}

/// Lumenfield answered PHY-04 (server rooms) n/a, which alone would exclude A.7.6 (working in
/// secure areas), while its offices are secured under A.7.1-A.7.3 (PHY-02). A.7.6 stays
/// applicable, not assessed, asking whether any area is designated secure; with no secured
/// office either (PHY-02 n/a too), the same answer excludes it.
#[test]
fn working_in_secure_areas_is_not_excluded_while_secure_areas_apply() {
    let row_of = |a: &Assessment, control: &str| {
        let analysis = engine::analyze(Catalog::embedded(), questionnaire(), a);
        let data = report_data(a, &analysis);
        let row = soa::rows(&data).into_iter().find(|r| r.control == control).expect("listed");
        let csv = report::render(Format::Soa, &data);
        let line = csv.lines().find(|l| l.starts_with(&format!("{control},"))).expect("csv row").to_string();
        (row.applicable, row.status, soa::exclusion_text(&row), line)
    };
    let a = lumenfield();
    assert!(matches!(a.answer("PHY-04"), crosswalk::assessment::AnswerState::NotApplicable(_)));
    let (applicable, status, why, line) = row_of(&a, "A.7.6");
    assert!(applicable, "A.7.6 excluded while A.7.1-A.7.3 apply");
    assert_eq!(status, Some(soa::Status::NotAssessed));
    assert!(
        why.contains("A.7.1, A.7.2, A.7.3") && why.contains("designated secure") && why.contains("PHY-04"),
        "{why}"
    );
    assert!(line.contains(",yes,") && line.contains("designated secure"), "{line}");
    let mut no_offices = a.clone();
    no_offices.set_answer("PHY-02", Answer::not_applicable("No offices of our own: everyone works from home"));
    let (applicable, _, why, _) = row_of(&no_offices, "A.7.6");
    assert!(!applicable && why.starts_with("PHY-04"), "{why}");
}

/// Inclusion reasons come from the profile where it can tell: GDPR for processors, breach
/// notification, backups and encryption as well as privacy; the SOC 2 commitments for a
/// control behind an in-scope SOC 2 criterion, and only there. Until the risk treatment is
/// done and approved, the appendix says it is a draft, not for approval.
#[test]
fn inclusion_reasons_follow_gdpr_and_soc2_commitments_and_the_soa_is_a_draft_until_approved() {
    let a = lumenfield();
    let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &a);
    let data = report_data(&a, &analysis);
    let rows = soa::rows(&data);
    let reasons = |control: &str| soa::inclusion_text(rows.iter().find(|r| r.control == control).expect("listed"));
    for control in ["A.5.19", "A.5.20", "A.5.24", "A.5.25", "A.5.26", "A.5.34", "A.8.13", "A.8.24"] {
        assert!(reasons(control).contains("GDPR"), "{control}: {}", reasons(control));
    }
    let requirements = &analysis.readiness.requirements;
    let annex_a: Vec<usize> = Catalog::embedded().annex_a().map(|(idx, _)| idx).collect();
    let mut committed = 0;
    for (row, &idx) in rows.iter().zip(&annex_a) {
        let behind_soc2 = requirements[idx].contributions.iter().filter(|c| c.weight >= 0.5).any(|c| {
            data.question(c.question)
                .references_of(Framework::Soc2)
                .any(|r| r.weight >= 0.5 && requirements[r.req].in_scope)
        });
        let says = row.inclusion.contains(&soa::Inclusion::Soc2Commitments);
        assert_eq!(says, row.applicable && behind_soc2, "{}", row.control);
        committed += usize::from(says);
    }
    assert!(committed > 0 && committed < rows.len(), "{committed} controls behind SOC 2 commitments");
    let draft = "Draft, not for approval";
    assert!(report::render(Format::Markdown, &data).contains(draft));
    let mut approved = a.clone();
    for id in ["RISK-03", "RISK-04", "RISK-05"] {
        approved.set_answer(id, Answer::level(3));
    }
    let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &approved);
    let data = report_data(&approved, &analysis);
    assert!(soa::awaiting_risk_treatment(&data).is_none());
    assert!(!report::render(Format::Markdown, &data).contains(draft));
}

fn any_answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        3 => Just(Answer::default()),
        1 => Just(Answer::unknown()),
        1 => Just(Answer::not_applicable("out of scope here")),
        1 => Just(Answer { to_confirm: true, ..Answer::not_applicable("carried over from an older question") }),
        6 => (0u8..=4, any::<bool>()).prop_map(|(l, seen)| Answer {
            evidence_seen: seen.then(|| "export, 2026-11".to_string()),
            ..Answer::level(l)
        }),
    ]
}

fn any_assessment() -> impl Strategy<Value = Assessment> {
    let n = questionnaire().questions.len();
    (prop::collection::vec(any_answer(), n), any::<bool>(), any::<bool>()).prop_map(|(answers, cloud, iso_deal)| {
        let mut a = Assessment::new("property", "", "2026-01-01T00:00:00Z");
        if cloud {
            a.profile.physical = crosswalk::profile::PhysicalScope::CloudOnly;
        }
        if iso_deal {
            a.profile.deadlines = vec![crosswalk::profile::Deadline::new(30, Some(Framework::Iso27001), "2026-01-01")];
        }
        for (q, answer) in questionnaire().questions.iter().zip(answers) {
            a.set_answer(&q.id, answer);
        }
        a
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every Annex A control once; "implemented" only with an answer at level 3 or more
    /// behind it; evidence seen only where an answer behind it carries a reference; an
    /// excluded control always says why.
    #[test]
    fn soa_rules_hold_for_any_answers(a in any_assessment()) {
        let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &a);
        let data = report_data(&a, &analysis);
        let rows = soa::rows(&data);
        let mut controls: Vec<&str> = rows.iter().map(|r| r.control).collect();
        prop_assert_eq!(controls.len(), 93);
        controls.sort_unstable();
        controls.dedup();
        prop_assert_eq!(controls.len(), 93, "a control is listed twice");
        if let Err(broken) = status_rule_holds(&data) {
            prop_assert!(false, "{}", broken);
        }
        for row in &rows {
            let level = |id: &str| a.answers.get(id).and_then(Answer::level_value);
            if row.status == Some(soa::Status::Implemented) {
                prop_assert!(row.evidence.iter().any(|s| level(s.id).is_some_and(|l| l >= 3)), "{} implemented without level 3", row.control);
            }
            if row.basis == Some(soa::Basis::EvidenceSeen) {
                prop_assert!(row.evidence.iter().any(|s| s.seen.is_some()), "{}", row.control);
            }
            prop_assert_eq!(row.applicable, row.exclusion.is_none());
            prop_assert!(!soa::exclusion_text(row).contains("carried over from an older question") || row.applicable,
                "{} excluded on an n/a still to confirm", row.control);
            if let Some(exclusion) = &row.exclusion {
                prop_assert!(!exclusion.text().trim().is_empty(), "{} excluded without a reason", row.control);
                prop_assert!(row.status.is_none());
            } else {
                prop_assert!(!row.inclusion.is_empty(), "{} included without a reason", row.control);
            }
        }
        let csv = report::render(Format::Soa, &data);
        prop_assert_eq!(csv.lines().next(), Some(soa::CSV_HEADER));
    }
}

/// Every blocker can be closed by a question of the shipped questionnaire: a renamed question
/// would otherwise leave a blocker open for ever.
#[test]
fn every_blocker_names_questions_that_close_it() {
    let a = Assessment::new("blockers", "", "2026-01-01T00:00:00Z");
    let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &a);
    assert_eq!(analysis.blockers.len(), 8, "six ISO clauses and two SOC 2 essentials");
    for b in &analysis.blockers {
        assert!(!b.questions.is_empty(), "{} has no question", b.reference);
        assert!(b.open && b.readiness.is_none(), "{} is open and not assessed on an empty assessment", b.reference);
    }
    // Level 3 everywhere closes all but the Type II's operating evidence, which needs evidence
    // over a period (level 4).
    let mut all = a.clone();
    for q in &questionnaire().questions {
        all.set_answer(&q.id, Answer::level(3));
    }
    let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &all);
    let open: Vec<&str> = analysis.blockers.iter().filter(|b| b.open).map(|b| b.reference).collect();
    assert_eq!(open, ["operating_evidence"]);
    for q in &questionnaire().questions {
        all.set_answer(&q.id, Answer::level(4));
    }
    let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &all);
    let open: Vec<&str> = analysis.blockers.iter().filter(|b| b.open).map(|b| b.reference).collect();
    assert!(open.is_empty(), "{open:?}");
    // A framework already held has no blockers left to show.
    all.profile.certifications.insert(crosswalk::profile::Certification::Iso27001);
    let analysis = engine::analyze(Catalog::embedded(), questionnaire(), &all);
    assert!(analysis.blockers.iter().all(|b| b.framework == Framework::Soc2));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever is typed as a justification, the check never panics, accepts only text of
    /// 20 characters or more, and calls a re-spaced, re-cased copy of another answer's a copy.
    #[test]
    fn justification_check_holds_for_any_text(text in ".{0,60}", other in "[a-zA-Z ]{20,40}") {
        let mut a = Assessment::new("typed", "", "2026-01-01T00:00:00Z");
        a.set_answer("PHY-02", Answer::not_applicable(&other));
        let problem = a.justification_problem("PHY-03", &text);
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if words.chars().count() < crosswalk::assessment::MIN_JUSTIFICATION_CHARS {
            prop_assert!(problem.is_some());
        }
        let copy = format!("  {}  ", other.to_uppercase().replace(' ', "  "));
        if !other.trim().is_empty() && other.split_whitespace().collect::<Vec<_>>().join(" ").chars().count() >= 20 {
            prop_assert_eq!(a.justification_problem("PHY-03", &copy), Some(crosswalk::assessment::JustificationProblem::CopyOf("PHY-02".into())));
        }
    }

    /// A SOC 2 category out of scope is a profile choice: choosing categories never moves an
    /// ISO requirement's readiness or takes an Annex A control out of the SoA.
    #[test]
    fn soc2_categories_never_touch_iso(a in any_assessment(), categories in prop::collection::btree_set(prop::sample::select(crosswalk::catalog::Category::OPTIONAL_SOC2.to_vec()), 0..4)) {
        let mut other = a.clone();
        other.profile.soc2_categories = categories;
        let (x, y) = (engine::analyze(Catalog::embedded(), questionnaire(), &a), engine::analyze(Catalog::embedded(), questionnaire(), &other));
        for (p, q) in x.readiness.requirements.iter().zip(&y.readiness.requirements) {
            if p.framework == Framework::Iso27001 {
                prop_assert_eq!((p.readiness, p.in_scope), (q.readiness, q.in_scope));
            }
        }
    }
}

/// A Privacy question answered not applicable never puts its justification against an ISO
/// control, whatever its policy lists: the SOC 2 category is a profile choice. (The shipped
/// policies already list none; this gives one every reference to exclude.)
#[test]
fn a_privacy_justification_never_appears_against_iso_controls() {
    use crosswalk::questionnaire::NaPolicy;
    let catalog = Catalog::embedded();
    let mut q = questionnaire().clone();
    let is_privacy = |question: &crosswalk::questionnaire::Question| {
        question.references.iter().any(|r| catalog.get(r.req).category == crosswalk::catalog::Category::Privacy)
            && question.evidences(Framework::Iso27001)
    };
    let mut ids = Vec::new();
    for question in q.questions.iter_mut().filter(|question| is_privacy(question)) {
        question.not_applicable = NaPolicy::Allowed { excludes: question.references.iter().map(|r| r.req).collect() };
        ids.push(question.id.clone());
    }
    assert!(!ids.is_empty(), "privacy questions that also feed ISO");
    let mut a = Assessment::new("privacy", "", "2026-01-01T00:00:00Z");
    a.profile.soc2_categories.insert(crosswalk::catalog::Category::Privacy);
    for id in &ids {
        a.set_answer(id, Answer::not_applicable(&format!("PRIVACY-REASON-{id} no consumer data")));
    }
    let analysis = engine::analyze(catalog, &q, &a);
    let data = ReportData { catalog, questionnaire: &q, assessment: &a, analysis: &analysis };
    let soa_csv = report::render(Format::Soa, &data);
    assert!(!soa_csv.contains("PRIVACY-REASON"), "a privacy justification reached the SoA");
    for r in analysis.readiness.requirements.iter().filter(|r| r.framework == Framework::Iso27001) {
        let excluded_by: Vec<&str> = r
            .contributions
            .iter()
            .filter(|c| c.input == engine::Input::NotApplicable)
            .map(|c| q.questions[c.question].id.as_str())
            .collect();
        assert!(excluded_by.is_empty(), "{} scoped out by privacy n/a on {excluded_by:?}", catalog.get(r.req).id);
    }
    // The Privacy criteria themselves may be scoped out: that is the category's business.
    let p_excluded = analysis.readiness.requirements.iter().any(|r| {
        catalog.get(r.req).category == crosswalk::catalog::Category::Privacy
            && r.contributions.iter().any(|c| c.input == engine::Input::NotApplicable)
    });
    assert!(p_excluded, "n/a still scopes out the Privacy criteria its policy lists");
}
