//! The plan's profile fields in assessment files: several named deadlines (a date or weeks),
//! capacities, programme start, currency and other schemes. Files from before them still load;
//! the old single `deadline` table becomes the only entry of `deadlines`; bad values name the
//! file, line and field.

use crosswalk::Framework;
use crosswalk::profile::{Currency, Scheme};
use crosswalk::store;
use proptest::prelude::*;

const V1: &str = include_str!("fixtures/assessments/v1.toml");
const V0: &str = include_str!("fixtures/assessments/v0.toml");

#[test]
fn the_old_single_deadline_loads_as_the_only_deadline() {
    let a = store::parse("v1.toml", V1).expect("the v1 fixture loads");
    assert_eq!(a.profile.deadlines.len(), 1);
    let d = &a.profile.deadlines[0];
    assert_eq!((d.weeks, d.framework, d.set.as_deref()), (26, Some(Framework::Iso27001), Some("2026-03-02")));
    assert_eq!(d.name, "");
    // Saved again, it is written as the new list and reads back the same.
    let text = toml::to_string(&a).expect("encodes");
    assert!(text.contains("[[profile.deadlines]]"), "{text}");
    assert!(!text.contains("[profile.deadline]"), "{text}");
    assert_eq!(store::parse("again.toml", &text).expect("reads back").profile, a.profile);
    // Format 0 files keep loading too.
    store::parse("v0.toml", V0).expect("the v0 fixture loads");
}

#[test]
fn several_named_deadlines_with_dates_or_weeks_load() {
    let text = V1.replace(
        "[profile.deadline]\nweeks = 26\nframework = \"iso27001\"\nset = \"2026-03-02\"\n",
        "[[profile.deadlines]]\nname = \"Hansa Logistik contract\"\nframework = \"iso27001\"\ndate = \"2026-12-01\"\n\n\
         [[profile.deadlines]]\nname = \"US prospect\"\nframework = \"soc2\"\nweeks = 40\nset = \"2026-03-02\"\n",
    );
    let text = text.replace(
        "team_fte = 1.5",
        "team_fte = 1.5\nengineering_percent = 10\nit_percent = 30\nprogramme_start = \"2026-04-01\"\n\
         currency = \"NOK\"\nschemes = [\"tisax\", \"iso27701\"]",
    );
    let a = store::parse("acme.toml", &text).expect("loads");
    let p = &a.profile;
    assert_eq!(p.deadlines.len(), 2);
    assert_eq!(p.deadlines[0].date.as_deref(), Some("2026-12-01"));
    assert_eq!(p.deadlines[1].name, "US prospect");
    assert_eq!((p.engineering_percent, p.it_percent), (Some(10), Some(30)));
    assert_eq!(p.programme_start.as_deref(), Some("2026-04-01"));
    assert_eq!(p.currency(), Currency::Nok);
    assert!(p.schemes.contains(&Scheme::Tisax) && p.schemes.contains(&Scheme::Iso27701));
    // Deadline weeks count from the programme start.
    let analysis =
        crosswalk::engine::analyze(crosswalk::Catalog::embedded(), &crosswalk::Questionnaire::embedded(), &a);
    let checks = &analysis.roadmap.plan().deadlines;
    assert_eq!(checks[0].week, 34, "2026-04-01 to 2026-12-01 is 34 whole weeks");
    assert_eq!(checks[1].date, "2026-12-07");
}

fn error_of(text: &str) -> String {
    match store::parse("acme.toml", text) {
        Ok(_) => panic!("should not load"),
        Err(e) => e.to_string(),
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1).expect("needle in text")
}

#[test]
fn bad_plan_fields_name_the_line_and_field() {
    for (from, to, field) in [
        ("set = \"2026-03-02\"", "set = \"2026-03-02\"\ndate = \"2026-02-31\"", "date"),
        ("team_fte = 1.5", "team_fte = 1.5\nprogramme_start = \"next spring\"", "programme_start"),
        ("team_fte = 1.5", "team_fte = 1.5\nengineering_percent = 150", "engineering_percent"),
        ("team_fte = 1.5", "team_fte = 1.5\ncurrency = \"DOGE\"", "currency"),
        ("team_fte = 1.5", "team_fte = 1.5\nschemes = [\"soc3\"]", "schemes"),
        ("weeks = 26", "weeks = \"soon\"", "weeks"),
    ] {
        let text = V1.replace(from, to);
        let needle = to.lines().last().expect("line");
        let message = error_of(&text);
        let line = line_of(&text, needle);
        assert!(message.starts_with(&format!("acme.toml:{line}: field `{field}`")), "{to}: {message}");
    }
}

proptest! {
    /// Any text typed as a deadline's name survives a save and load, and any date the
    /// calendar has is accepted.
    #[test]
    fn deadline_names_and_dates_round_trip(name in "\\PC{0,40}", days in 0i64..20000, weeks in any::<u16>()) {
        let mut a = store::parse("v1.toml", V1).expect("loads");
        let date = crosswalk::clock::add_days("2000-01-01", days);
        a.profile.deadlines[0].name = name.clone();
        a.profile.deadlines[0].date = date.clone();
        a.profile.deadlines[0].weeks = weeks;
        let text = toml::to_string(&a).expect("encodes");
        let back = store::parse("v1.toml", &text).expect("reads back");
        prop_assert_eq!(&back.profile.deadlines[0].name, &name);
        prop_assert_eq!(&back.profile.deadlines[0].date, &date);
        prop_assert_eq!(back.profile, a.profile);
    }
}

#[test]
fn the_format_doc_describes_the_plan_fields() {
    let doc = include_str!("../src/store/FORMAT.md");
    for field in
        ["deadlines", "name", "date", "engineering_percent", "it_percent", "programme_start", "currency", "schemes"]
    {
        assert!(doc.contains(&format!("`{field}`")), "FORMAT.md does not describe `{field}`");
    }
}

// ---------------------------------------------------------------------------------------
// The rates file through the binary: a consultant's own figures, and their errors
// ---------------------------------------------------------------------------------------

fn crosswalk(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("CROSSWALK_QUESTIONNAIRES")
        .env_remove("CROSSWALK_RATES")
        .output()
        .expect("run crosswalk")
}

fn year1_low(json: &[u8]) -> f64 {
    let value: serde_json::Value = serde_json::from_slice(json).expect("JSON");
    value["roadmap"]["costs"]["totals"]["year1"]["low"].as_f64().expect("year 1 total")
}

#[test]
fn a_rates_file_in_the_data_folder_or_a_flag_replaces_the_shipped_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reports/lumenfield.toml");
    let shipped = crosswalk(dir.path(), &["report", fixture, "--format", "json"]);
    assert!(shipped.status.success(), "{}", String::from_utf8_lossy(&shipped.stderr));
    // Twice the internal day rate: the labour lines, and so the year-1 total, go up.
    let dearer = crosswalk::engine::rates::EMBEDDED.replace("internal = [450, 750]", "internal = [900, 1500]");
    std::fs::write(dir.path().join("rates.toml"), &dearer).expect("write rates");
    let own = crosswalk(dir.path(), &["report", fixture, "--format", "json"]);
    assert!(own.status.success(), "{}", String::from_utf8_lossy(&own.stderr));
    assert!(year1_low(&own.stdout) > year1_low(&shipped.stdout), "the data folder's rates are used");
    // A flag wins over the data folder.
    let elsewhere = dir.path().join("shipped-rates.toml");
    std::fs::write(&elsewhere, crosswalk::engine::rates::EMBEDDED).expect("write rates");
    let flagged =
        crosswalk(dir.path(), &["--rates", &elsewhere.display().to_string(), "report", fixture, "--format", "json"]);
    assert_eq!(year1_low(&flagged.stdout), year1_low(&shipped.stdout));
}

#[test]
fn a_broken_rates_file_is_refused_naming_file_line_and_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reports/lumenfield.toml");
    let broken = crosswalk::engine::rates::EMBEDDED.replace("NOK = 11.7", "NOK = -11.7");
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, &broken).expect("write rates");
    let out = crosswalk(dir.path(), &["--rates", &path.display().to_string(), "report", fixture]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = broken.lines().position(|l| l.starts_with("NOK = ")).map(|i| i + 1).expect("line");
    assert!(stderr.contains(&format!("mine.toml:{line}: field `NOK`")), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing is reported on broken rates");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever a consultant types into a rates file, parsing returns rates or diagnostics
    /// naming the file; it never panics, and what it accepts never breaks the plan.
    #[test]
    fn any_edit_of_the_rates_file_is_parsed_or_named(line in 0usize..200, junk in "\\PC{0,12}") {
        let text: String = crosswalk::engine::rates::EMBEDDED
            .lines()
            .enumerate()
            .map(|(i, l)| if i == line { format!("{l}{junk}\n") } else { format!("{l}\n") })
            .collect();
        match crosswalk::engine::Rates::parse("mine.toml", &text) {
            Ok(rates) => {
                let a = store::parse("v1.toml", V1).expect("loads");
                let q = crosswalk::Questionnaire::embedded();
                let analysis = crosswalk::engine::analyze_with(crosswalk::Catalog::embedded(), &q, &a, &rates);
                prop_assert!(analysis.roadmap.plan().costs.totals.three_year.low.is_finite());
            }
            Err(problems) => prop_assert!(problems.iter().all(|p| p.file == "mine.toml" && p.line >= 1)),
        }
    }
}
