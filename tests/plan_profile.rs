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
