//! The assessment store: format, versions, errors, file names, locking, listing.

use crosswalk::Questionnaire;
use crosswalk::assessment::{Answer, Assessment, FORMAT_VERSION, Level, Response};
use crosswalk::store::{self, EditLock, Store, StoreError};
use std::fs;
use std::path::{Path, PathBuf};

const V0_FIXTURE: &str = include_str!("fixtures/assessments/v0.toml");
const V1_FIXTURE: &str = include_str!("fixtures/assessments/v1.toml");
const V2_FIXTURE: &str = include_str!("fixtures/assessments/v2.toml");
const FORMAT_DOC: &str = include_str!("../src/store/FORMAT.md");

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(Some(dir.path())).expect("open store");
    (dir, store)
}

/// Writes `text` as `name` in the store folder, as a consultant editing by hand would.
fn hand_written(store: &Store, name: &str, text: &str) -> PathBuf {
    let path = store.folder().join(name);
    fs::write(&path, text).expect("write file");
    path
}

/// 1-based line of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("needle in text") + 1
}

fn load_err(path: &Path) -> StoreError {
    match store::load(path) {
        Ok(a) => panic!("expected an error, loaded {a:?}"),
        Err(e) => e,
    }
}

/// The v2 fixture (the current format) as a model, for comparisons.
fn acme() -> Assessment {
    store::parse("v2.toml", V2_FIXTURE).expect("v2 fixture loads")
}

/// The v1 fixture as a model: what format 1 could say of the same workshop.
fn acme_v1() -> Assessment {
    store::parse("v1.toml", V1_FIXTURE).expect("v1 fixture loads")
}

// --- format versions --------------------------------------------------------------------

#[test]
fn v2_fixture_loads() {
    let a = acme();
    assert_eq!(a.format_version, 2);
    assert_eq!(a.client, "Acme Corp");
    assert_eq!(
        a.answers["GOV-01"],
        Answer {
            note: "Policy approved by the board, March 2025.\nReviewed yearly.".into(),
            evidence_seen: Some("Board minutes approving the policy set, 2025-03".into()),
            given_by: Some("Dana Ruiz, CEO".into()),
            ..Answer::level(3)
        }
    );
    assert_eq!(a.answers["AC-03"].response, Response::Unknown);
    assert!(a.answers["AC-03"].note_private && a.answers["AC-03"].is_follow_up());
    assert_eq!(a.answers["IR-04"], Answer { to_confirm: true, ..Answer::level(2) });
    assert_eq!(a.answers["PHY-02"].justification(), Some("Fully remote company; no offices or data centres"));
    assert_eq!(a.questionnaires.len(), 2);
    assert_eq!(a.profile.buyers.europe, 60);
}

#[test]
fn v1_fixture_migrates_ask_later_into_unknown_or_to_confirm() {
    let migrated = acme_v1();
    assert_eq!(migrated.format_version, FORMAT_VERSION);
    // What format 2 adds (evidence seen, who answered, IR-04) is not in the v1 file; the rest
    // is the same workshop.
    let mut expected = acme();
    expected.answers.remove("IR-04");
    let gov = expected.answers.get_mut("GOV-01").expect("GOV-01");
    gov.evidence_seen = None;
    gov.given_by = None;
    assert_eq!(migrated, expected);

    // ask_later with a level meant "to confirm"; alone it meant "unknown".
    let with_level = V1_FIXTURE.replace("[answers.GOV-01]\nlevel = 3", "[answers.GOV-01]\nlevel = 3\nask_later = true");
    let a = store::parse("v1.toml", &with_level).expect("loads");
    assert_eq!(a.answers["GOV-01"].response, Response::Level(Level::new(3).expect("level")));
    assert!(a.answers["GOV-01"].to_confirm);
}

#[test]
fn v1_errors_still_name_line_and_field() {
    let text = V1_FIXTURE.replace("level = 3", "level = 7");
    let err = store::parse("acme.toml", &text).expect_err("level 7");
    let line = line_of(&text, "level = 7");
    assert_eq!(err.to_string(), format!("acme.toml:{line}: field `level`: answer `GOV-01`: level 7 is outside 0-4"));
    let text = V1_FIXTURE.replace(
        "not_applicable = \"Fully remote company; no offices or data centres\"",
        "level = 0\nnot_applicable = \"Fully remote company; no offices or data centres\"",
    );
    let err = store::parse("acme.toml", &text).expect_err("level and n/a");
    assert!(err.to_string().starts_with(&format!("acme.toml:{}: field `level`", line_of(&text, "level = 0"))), "{err}");
}

#[test]
fn v2_refuses_two_responses_and_a_confirmation_of_nothing() {
    let text = V2_FIXTURE.replace("[answers.AC-03]\nunknown = true", "[answers.AC-03]\nlevel = 1\nunknown = true");
    let err = store::parse("acme.toml", &text).expect_err("level and unknown");
    let line = line_of(&text, "level = 1");
    assert!(
        err.to_string().starts_with(&format!("acme.toml:{line}: field `level`: answer `AC-03`: has more than one")),
        "{err}"
    );
    let text = V2_FIXTURE.replace("[answers.AC-03]\nunknown = true", "[answers.AC-03]\nto_confirm = true");
    let err = store::parse("acme.toml", &text).expect_err("nothing to confirm");
    let line = line_of(&text, "to_confirm = true");
    assert!(err.to_string().starts_with(&format!("acme.toml:{line}: field `to_confirm`: answer `AC-03`")), "{err}");
    let text = V2_FIXTURE
        .replace("evidence_seen = \"Board minutes approving the policy set, 2025-03\"", "evidence_seen = \" \"");
    let err = store::parse("acme.toml", &text).expect_err("blank evidence");
    assert!(err.to_string().contains("field `evidence_seen`: answer `GOV-01`"), "{err}");
}

#[test]
fn v0_fixture_migrates_to_the_current_model() {
    let migrated = store::parse("v0.toml", V0_FIXTURE).expect("v0 fixture loads");
    // Format 0 had no private notes and no questionnaire versions; everything else carries over.
    let mut expected = acme_v1();
    expected.questionnaires.clear();
    expected.answers.get_mut("AC-03").expect("AC-03").note_private = false;
    assert_eq!(migrated, expected);
    assert_eq!(migrated.format_version, FORMAT_VERSION);
}

#[test]
fn v0_status_errors_name_line_and_field() {
    let text = V0_FIXTURE.replace("status = \"3\"", "status = \"high\"");
    let err = store::parse("old.toml", &text).expect_err("bad status");
    let line = line_of(&text, "status = \"high\"");
    assert!(err.to_string().starts_with(&format!("old.toml:{line}: field `status`: answer `GOV-01`")), "{err}");

    let text = V0_FIXTURE.replace("justification = \"Fully remote company; no offices or data centres\"\n", "");
    let err = store::parse("old.toml", &text).expect_err("na without justification");
    assert!(err.to_string().contains("field `justification`"), "{err}");
}

#[test]
fn migrated_file_is_rewritten_as_current_format_on_save_and_old_one_kept_as_backup() {
    let (_dir, store) = temp_store();
    let path = hand_written(&store, "acme.toml", V0_FIXTURE);
    let lock = EditLock::acquire(&path).expect("lock");
    let mut a = lock.load().expect("load v0");
    lock.save(&mut a).expect("save");
    let saved = fs::read_to_string(&path).expect("read");
    assert!(saved.starts_with("format_version = 2\n"), "{saved}");
    assert_eq!(fs::read_to_string(path.with_file_name("acme.toml.bak")).expect("backup"), V0_FIXTURE);
    assert_eq!(store::load(&path).expect("reload"), a);
}

#[test]
fn future_format_version_is_refused_with_a_clear_message() {
    let (_dir, store) = temp_store();
    let text = V2_FIXTURE.replace("format_version = 2", "format_version = 3");
    let path = hand_written(&store, "acme.toml", &text);
    let err = load_err(&path);
    assert!(matches!(err, StoreError::NewerFormat(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.starts_with("acme.toml:1: field `format_version`: "), "{message}");
    assert!(message.contains("written by a newer crosswalk (format 3); this build reads up to 2"), "{message}");
    assert_eq!(fs::read_to_string(&path).expect("read"), text);
}

#[test]
fn a_missing_or_malformed_version_is_an_error_not_a_guess() {
    let without = V2_FIXTURE.replace("format_version = 2\n", "");
    let err = store::parse("a.toml", &without).expect_err("no version");
    assert!(err.to_string().contains("field `format_version`"), "{err}");
    for bad in ["\"1\"", "-1", "1.0", "99999999999999999999"] {
        let text = V2_FIXTURE.replace("format_version = 2", &format!("format_version = {bad}"));
        let err = store::parse("a.toml", &text).expect_err(bad);
        assert!(err.to_string().starts_with("a.toml:1: field `format_version`"), "{bad}: {err}");
    }
}

#[test]
fn the_documented_example_is_the_v2_fixture() {
    let start = FORMAT_DOC.find("```toml\n").expect("FORMAT.md has a ```toml example") + "```toml\n".len();
    let end = start + FORMAT_DOC[start..].find("```").expect("example is closed");
    let example = store::parse("FORMAT.md", &FORMAT_DOC[start..end]).expect("documented example loads");
    assert_eq!(example, acme());
}

#[test]
fn the_format_doc_describes_every_field() {
    let fields = [
        "format_version",
        "client",
        "consultant",
        "created",
        "updated",
        "questionnaires",
        "profile",
        "headquarters",
        "sector",
        "buyers",
        "regulations",
        "certifications",
        "deadline",
        "weeks",
        "framework",
        "set",
        "team_fte",
        "headcount",
        "physical",
        "soc2_categories",
        "observation_months",
        "answers",
        "attendees",
        "role",
        "level",
        "not_applicable",
        "unknown",
        "to_confirm",
        "evidence_seen",
        "given_by",
        "ask_later",
        "note",
        "note_private",
        "status",
        "justification",
    ];
    for field in fields {
        assert!(FORMAT_DOC.contains(&format!("`{field}`")), "FORMAT.md does not describe `{field}`");
    }
}

// --- broken files -----------------------------------------------------------------------

/// Loads `text` as `acme.toml` from disk, checks the error and that the file is byte-for-byte
/// untouched, and returns the message.
fn broken_file_message(text: &str) -> String {
    let (_dir, store) = temp_store();
    let path = hand_written(&store, "acme.toml", text);
    let before = fs::metadata(&path).expect("metadata").modified().expect("mtime");
    let message = load_err(&path).to_string();
    assert_eq!(fs::read(&path).expect("read"), text.as_bytes(), "a failed load changed the file");
    assert_eq!(fs::metadata(&path).expect("metadata").modified().expect("mtime"), before);
    assert_eq!(fs::read_dir(store.folder()).expect("list").count(), 1, "a failed load created files");
    message
}

#[test]
fn out_of_range_level_names_file_line_and_field() {
    let text = V2_FIXTURE.replace("level = 3", "level = 7");
    let line = line_of(&text, "level = 7");
    let message = broken_file_message(&text);
    assert_eq!(message, format!("acme.toml:{line}: field `level`: answer `GOV-01`: level 7 is outside 0-4"));
}

#[test]
fn a_level_and_not_applicable_together_are_refused_not_guessed() {
    let text = V2_FIXTURE.replace(
        "not_applicable = \"Fully remote company; no offices or data centres\"",
        "level = 0\nnot_applicable = \"Fully remote company; no offices or data centres\"",
    );
    assert_ne!(text, V2_FIXTURE, "fixture has the n/a answer");
    let line = line_of(&text, "level = 0");
    let message = broken_file_message(&text);
    assert!(
        message.starts_with(&format!("acme.toml:{line}: field `level`: answer `PHY-02`: has more than one")),
        "{message}"
    );
}

#[test]
fn impossible_profile_values_name_file_line_and_field_and_are_never_saved() {
    let text = V2_FIXTURE.replace("team_fte = 1.5", "team_fte = 0.0");
    let line = line_of(&text, "team_fte = 0.0");
    let message = broken_file_message(&text);
    assert!(message.starts_with(&format!("acme.toml:{line}: field `team_fte`: ")), "{message}");
    assert!(message.contains("must be more than 0"), "{message}");

    let text = V2_FIXTURE.replace("europe = 60", "europe = 90");
    let message = broken_file_message(&text);
    assert!(message.contains("buyer shares add up to"), "{message}");
    assert!(message.starts_with("acme.toml:"), "{message}");

    // Saving refuses what loading would refuse, so no file is ever written that cannot be read.
    let (_dir, store) = temp_store();
    let path = store.create("Acme Corp", "").expect("create");
    let lock = EditLock::acquire(&path).expect("lock");
    let mut assessment = lock.load().expect("load");
    assessment.profile.team_fte = f64::NAN;
    let before = fs::read(&path).expect("read");
    assert!(lock.save(&mut assessment).is_err(), "NaN team time must not be saved");
    assert_eq!(fs::read(&path).expect("read"), before);
}

#[test]
fn wrong_types_name_the_field_even_when_serde_does_not() {
    for (from, to, field) in [
        ("team_fte = 1.5", "team_fte = \"lots\"", "team_fte"),
        ("level = 3", "level = \"three\"", "level"),
        ("sector = \"fintech\"", "sector = \"banking\"", "sector"),
        ("weeks = 26", "weeks = -2", "weeks"),
        ("unknown = true", "unknown = 1", "unknown"),
    ] {
        let text = V2_FIXTURE.replace(from, to);
        let line = line_of(&text, to);
        let message = broken_file_message(&text);
        assert!(message.starts_with(&format!("acme.toml:{line}: field `{field}`: ")), "{to}: {message}");
    }
}

#[test]
fn unknown_and_missing_fields_are_named() {
    let text = V2_FIXTURE.replace("unknown = true", "unknown_ = true");
    let message = broken_file_message(&text);
    assert!(message.starts_with(&format!("acme.toml:{}: field `unknown_`: ", line_of(&text, "unknown_"))), "{message}");

    let text = V2_FIXTURE.replace("client = \"Acme Corp\"\n", "");
    let message = broken_file_message(&text);
    assert!(message.contains("field `client`"), "{message}");
}

#[test]
fn syntax_errors_name_the_line() {
    let text = V2_FIXTURE.replace("consultant = \"Jane Doe\"", "consultant = \"Jane Doe");
    let message = broken_file_message(&text);
    assert!(
        message.starts_with(&format!("acme.toml:{}: field `consultant`: ", line_of(&text, "consultant ="))),
        "{message}"
    );
    let text = V2_FIXTURE.replace("headcount = 120", "headcount = 120 120");
    let message = broken_file_message(&text);
    assert!(message.starts_with(&format!("acme.toml:{}:", line_of(&text, "headcount ="))), "{message}");
}

#[test]
fn meaning_errors_are_all_reported_at_their_lines() {
    let text = V2_FIXTURE
        .replace("client = \"Acme Corp\"", "client = \"  \"")
        .replace("not_applicable = \"Fully remote company; no offices or data centres\"", "not_applicable = \"\"");
    let message = broken_file_message(&text);
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 2, "{message}");
    let client_line = line_of(&text, "client = ");
    assert!(lines[0].starts_with(&format!("acme.toml:{client_line}: field `client`: ")), "{message}");
    let na_line = line_of(&text, "not_applicable = \"\"");
    assert!(
        lines[1].starts_with(&format!("acme.toml:{na_line}: field `not_applicable`: answer `PHY-02`")),
        "{message}"
    );
}

#[test]
fn non_utf8_files_are_an_error_with_a_line() {
    let (_dir, store) = temp_store();
    let path = store.folder().join("latin1.toml");
    let bytes = b"format_version = 1\nclient = \"Caf\xe9\"\n".to_vec();
    fs::write(&path, &bytes).expect("write");
    assert_eq!(load_err(&path).to_string(), "latin1.toml:2: not UTF-8 text (byte 32); save the file as UTF-8");
    assert_eq!(fs::read(&path).expect("read"), bytes);
}

#[test]
fn saving_refuses_a_model_that_would_not_load_back() {
    let (_dir, store) = temp_store();
    let path = store.create("Acme", "").expect("create");
    let before = fs::read(&path).expect("read");
    let lock = EditLock::acquire(&path).expect("lock");
    let mut a = lock.load().expect("load");
    // A level out of range or two responses at once cannot be built; blank text can.
    a.answers.insert("GOV-01".into(), Answer { evidence_seen: Some("  ".into()), ..Answer::level(3) });
    let updated = a.updated.clone();
    let err = lock.save(&mut a).expect_err("a blank evidence reference must not be written");
    assert!(err.to_string().contains("acme.toml not saved: answer `GOV-01`: evidence_seen must name"), "{err}");
    assert_eq!(a.updated, updated, "a refused save must not stamp the model");
    assert_eq!(fs::read(&path).expect("read"), before);
}

// --- saving -----------------------------------------------------------------------------

#[test]
fn save_stamps_updated_and_keeps_the_previous_version_as_backup() {
    let (_dir, store) = temp_store();
    let path = hand_written(&store, "acme.toml", V2_FIXTURE);
    let lock = EditLock::acquire(&path).expect("lock");
    let mut a = lock.load().expect("load");
    a.set_answer("GOV-02", Answer::level(1));
    lock.save(&mut a).expect("first save");
    assert_ne!(a.updated, "2026-03-02T11:47:12Z");
    assert_eq!(fs::read_to_string(path.with_file_name("acme.toml.bak")).expect("backup"), V2_FIXTURE);

    let first_save = fs::read_to_string(&path).expect("read");
    a.set_answer("GOV-03", Answer::level(2));
    lock.save(&mut a).expect("second save");
    assert_eq!(fs::read_to_string(path.with_file_name("acme.toml.bak")).expect("backup"), first_save);
    assert_eq!(store::load(&path).expect("reload"), a);
}

#[test]
fn no_temporary_files_are_left_behind() {
    let (_dir, store) = temp_store();
    let path = store.create("Acme", "").expect("create");
    let lock = EditLock::acquire(&path).expect("lock");
    let mut a = lock.load().expect("load");
    for level in 0..5 {
        a.set_answer("GOV-01", Answer::level(level));
        lock.save(&mut a).expect("save");
    }
    let mut names: Vec<String> = fs::read_dir(store.folder())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into())
        .collect();
    names.sort();
    assert_eq!(names, ["acme.toml", "acme.toml.bak", "acme.toml.lock"]);
}

#[test]
fn stale_temporaries_from_a_crash_are_removed_when_editing_starts() {
    let (_dir, store) = temp_store();
    let path = store.create("Acme", "").expect("create");
    let stale = store.folder().join(".acme.toml.999999-0.tmp");
    fs::write(&stale, "half a file").expect("write");
    let other = store.folder().join(".other.toml.999999-0.tmp");
    fs::write(&other, "another assessment's save in progress").expect("write");
    let _lock = EditLock::acquire(&path).expect("lock");
    assert!(!stale.exists());
    assert!(other.exists(), "only this assessment's temporaries are ours to remove");
}

#[test]
fn orphaned_answers_are_reported_and_survive_saving() {
    let questionnaire = Questionnaire::embedded();
    let known = questionnaire.questions[0].id.clone();
    let (_dir, store) = temp_store();
    let path = store.create("Acme", "").expect("create");
    let lock = EditLock::acquire(&path).expect("lock");
    let mut a = lock.load().expect("load");
    a.set_answer(&known, Answer::level(2));
    a.set_answer("RETIRED-99", Answer { note: "asked in the 2025 workshop".into(), ..Answer::level(4) });
    a.set_answer("ZZ-OLD", Answer::unknown());
    assert_eq!(store::orphaned_answers(&a, &questionnaire), ["RETIRED-99", "ZZ-OLD"]);

    lock.save(&mut a).expect("save");
    let reloaded = store::load(&path).expect("reload");
    assert_eq!(reloaded.answers["RETIRED-99"], a.answers["RETIRED-99"]);
    assert_eq!(store::orphaned_answers(&reloaded, &questionnaire), ["RETIRED-99", "ZZ-OLD"]);
    assert_eq!(reloaded, a);
}

#[test]
fn questionnaire_versions_are_recorded_for_answered_domains_only() {
    let questionnaire = Questionnaire::embedded();
    let question = &questionnaire.questions[0];
    let domain = questionnaire.domain_of(question);
    let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
    a.questionnaires.insert("retired-domain".into(), "0123456789abcdef".into());
    a.set_answer(&question.id, Answer::level(1));
    store::record_questionnaire_versions(&mut a, &questionnaire);
    assert_eq!(a.questionnaires.len(), 2, "{:?}", a.questionnaires);
    assert_eq!(a.questionnaires[&domain.id], domain.version);
    assert_eq!(a.questionnaires["retired-domain"], "0123456789abcdef");
}

// --- file names -------------------------------------------------------------------------

fn is_safe_file_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".toml") else { return false };
    !stem.is_empty()
        && stem.len() <= 70
        && stem.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !["con", "prn", "aux", "nul", "com1", "lpt1"].contains(&stem)
}

#[test]
fn unsafe_client_names_map_to_safe_files_inside_the_folder() {
    let (_dir, store) = temp_store();
    let long = "Very Long Holding Company Name ".repeat(20);
    let names = [
        "../../etc/passwd",
        "CON",
        "con",
        "a/b",
        "a\\b",
        "..",
        ".",
        "nul.txt",
        &long,
        "Zürich Bank",
        "株式会社",
        "C:\\Windows",
        "\u{0}null\u{0}byte",
        "tab\tand\nnewline",
        "emoji 🚀 corp",
    ];
    let mut seen = std::collections::HashSet::new();
    for client in names {
        let path = store.create(client, "").expect("create");
        assert_eq!(path.parent(), Some(store.folder()), "{client:?} escaped the folder: {}", path.display());
        let name = path.file_name().expect("file name").to_string_lossy().into_owned();
        assert!(is_safe_file_name(&name), "{client:?} -> unsafe name {name:?}");
        assert!(seen.insert(name.clone()), "{client:?} reused {name}");
        assert_eq!(store::load(&path).expect("load").client, client);
    }
    // Nothing was written anywhere but the folder's top level.
    assert!(fs::read_dir(store.folder()).expect("list").all(|e| e.expect("entry").path().is_file()));
}

#[test]
fn creating_never_clobbers_an_existing_assessment() {
    let (_dir, store) = temp_store();
    let first = store.create("Acme", "Jane").expect("create");
    assert_eq!(first.file_name().expect("name"), "acme.toml");
    let first_bytes = fs::read(&first).expect("read");
    let second = store.create("ACME!", "Raj").expect("create");
    assert_eq!(second.file_name().expect("name"), "acme-2.toml");
    let third = store.create("Acme", "Jane").expect("a re-assessment of the same client");
    assert_eq!(third.file_name().expect("name"), "acme-3.toml");
    assert_eq!(fs::read(&first).expect("read"), first_bytes);
    assert_eq!(store::load(&second).expect("load").consultant, "Raj");
}

#[test]
fn a_deleted_assessments_backup_is_not_reused() {
    let (_dir, store) = temp_store();
    hand_written(&store, "acme.toml.bak", V2_FIXTURE);
    let path = store.create("Acme", "").expect("create");
    assert_eq!(path.file_name().expect("name"), "acme-2.toml");
}

#[test]
fn blank_client_names_are_refused_but_would_map_to_a_fallback_name() {
    let (_dir, store) = temp_store();
    for blank in ["", "   ", "\n"] {
        assert!(store.create(blank, "").is_err_and(|e| e.to_string().contains("client name must not be empty")));
        assert_eq!(store::file_stem_for(blank), "client");
    }
    assert_eq!(fs::read_dir(store.folder()).expect("list").count(), 0);
}

// --- resolving NAME|FILE ----------------------------------------------------------------

#[test]
fn resolve_finds_by_path_file_name_stem_or_client() {
    let (_dir, store) = temp_store();
    let acme = store.create("Acme Corp", "").expect("create");
    let zurich = store.create("Zürich Bank", "").expect("create");
    assert_eq!(store.resolve(&acme.display().to_string()).expect("path"), acme);
    assert_eq!(store.resolve("acme-corp").expect("stem"), acme);
    assert_eq!(store.resolve("ACME-CORP.toml").expect("file name"), acme);
    assert_eq!(store.resolve("zürich bank").expect("client"), zurich);
    assert_eq!(store.resolve("ZÜRICH BANK").expect("client, any case"), zurich);
}

#[test]
fn resolve_explains_none_and_ambiguous() {
    let (_dir, store) = temp_store();
    store.create("Acme", "").expect("create");
    store.create("ACME", "").expect("create");
    let err = store.resolve("Globex").expect_err("none");
    assert!(matches!(err, StoreError::NotFound { .. }) && err.to_string().contains("no assessment `Globex`"), "{err}");
    // "acme" is a file stem: the file wins over client-name matches.
    assert_eq!(store.resolve("acme").expect("stem").file_name().expect("name"), "acme.toml");
    hand_written(&store, "initech-2025.toml", &V2_FIXTURE.replace("Acme Corp", "Initech"));
    hand_written(&store, "initech-2026.toml", &V2_FIXTURE.replace("Acme Corp", "Initech"));
    let err = store.resolve("Initech").expect_err("ambiguous");
    assert_eq!(
        err.to_string(),
        "`Initech` matches several assessments (initech-2025.toml, initech-2026.toml); give the file name instead"
    );
}

// --- locking ----------------------------------------------------------------------------

#[test]
fn a_second_editor_is_refused_with_who_holds_it_but_can_read() {
    let (_dir, store) = temp_store();
    let path = store.create("Acme", "").expect("create");
    let lock = EditLock::acquire(&path).expect("first editor");
    let err = EditLock::acquire(&path).expect_err("second editor");
    let message = err.to_string();
    let expected = format!("acme.toml is open in another crosswalk (pid {} since ", std::process::id());
    assert!(message.starts_with(&expected), "{message}");
    assert!(matches!(err, StoreError::Locked { .. }));
    assert_eq!(store::load(&path).expect("read-only open").client, "Acme");

    drop(lock);
    let again = EditLock::acquire(&path).expect("lock is released on drop");
    assert_eq!(again.path(), path);
}

// --- permissions ------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    let parent = tempfile::tempdir().expect("temp dir");
    let folder = parent.path().join("data").join("crosswalk");
    let store = Store::open(Some(&folder)).expect("open");
    assert_eq!(mode(&folder), 0o700);

    let path = store.create("Acme", "").expect("create");
    assert_eq!(mode(&path), 0o600);
    let lock = EditLock::acquire(&path).expect("lock");
    let mut a = lock.load().expect("load");
    lock.save(&mut a).expect("save");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&path.with_file_name("acme.toml.bak")), 0o600);
    assert_eq!(mode(&path.with_file_name("acme.toml.lock")), 0o600);
}

#[cfg(unix)]
#[test]
fn saving_replaces_loose_permissions_of_a_copied_in_file() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, store) = temp_store();
    let path = hand_written(&store, "acme.toml", V2_FIXTURE);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    let lock = EditLock::acquire(&path).expect("lock");
    let mut a = lock.load().expect("load");
    lock.save(&mut a).expect("save");
    assert_eq!(fs::metadata(&path).expect("metadata").permissions().mode() & 0o777, 0o600);
}

// --- listing ----------------------------------------------------------------------------

#[test]
fn list_shows_assessments_skips_sidecars_and_marks_unreadable_files() {
    let questionnaire = Questionnaire::embedded();
    let (_dir, store) = temp_store();
    let acme = store.create("Acme Corp", "").expect("create");
    store.create("Globex", "").expect("create");
    let lock = EditLock::acquire(&acme).expect("lock");
    let mut a = lock.load().expect("load");
    for q in questionnaire.questions.iter().take(3) {
        a.set_answer(&q.id, Answer::level(2));
    }
    a.set_answer("RETIRED-1", Answer::level(2));
    lock.save(&mut a).expect("save");
    lock.save(&mut a).expect("save again, so a .bak exists");
    hand_written(&store, "broken.toml", "format_version = 1\nclient = \n");
    hand_written(&store, "notes.txt", "not an assessment");

    let entries = store.list(&questionnaire).expect("list");
    let files: Vec<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(files, ["acme-corp.toml", "broken.toml", "globex.toml"]);
    let summary = entries[0].summary.as_ref().expect("acme readable");
    assert_eq!(summary.client, "Acme Corp");
    assert_eq!((summary.progress.answered, summary.progress.total), (3, questionnaire.questions.len()));
    assert!(entries[1].summary.as_ref().is_err_and(|e| e.starts_with("broken.toml:2:")));

    let text = store::render_list(store.folder(), &entries);
    for expected in
        ["Client", "Updated", "Progress", "File", "Acme Corp", "Globex", "(unreadable", "error: broken.toml:2:"]
    {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(text.contains(&format!("3 of {}", questionnaire.questions.len())), "{text}");
}

#[test]
fn an_empty_folder_lists_a_friendly_line() {
    let (_dir, store) = temp_store();
    let text = store.list_text(&Questionnaire::embedded()).expect("list");
    assert_eq!(text, format!("No assessments yet in {}.\n", store.folder().display()));
}

#[test]
fn the_list_command_prints_the_table() {
    let (dir, store) = temp_store();
    let run = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_crosswalk"))
            .args(["list", "--data-dir"])
            .arg(dir.path())
            .output()
            .expect("run crosswalk list");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    assert!(run().starts_with("No assessments yet in "));
    store.create("Acme Corp", "").expect("create");
    let table = run();
    assert!(table.contains("Acme Corp") && table.contains("acme-corp.toml") && table.contains("0 of "), "{table}");
}

fn run_crosswalk(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env_remove("CROSSWALK_DATA_DIR")
        .output()
        .expect("run crosswalk")
}

#[test]
fn report_and_history_take_a_unique_prefix_of_the_client_name_and_list_candidates_otherwise() {
    let (dir, store) = temp_store();
    store.create("Fjordline Shipping AS", "").expect("create");
    let out = run_crosswalk(dir.path(), &["report", "fjord"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Fjordline Shipping AS"));
    let out = run_crosswalk(dir.path(), &["history", "FJORDLINE"]);
    assert!(out.status.success(), "any case: {}", String::from_utf8_lossy(&out.stderr));

    store.create("Fjordline Air", "").expect("create");
    let out = run_crosswalk(dir.path(), &["report", "Fjord"]);
    assert!(!out.status.success(), "two clients start with it");
    let err = String::from_utf8_lossy(&out.stderr);
    for candidate in ["Fjordline Shipping AS (fjordline-shipping-as.toml)", "Fjordline Air (fjordline-air.toml)"] {
        assert!(err.contains(candidate), "{candidate} listed: {err}");
    }
    let out = run_crosswalk(dir.path(), &["report", "fjordline s"]);
    assert!(out.status.success(), "a longer prefix settles it: {}", String::from_utf8_lossy(&out.stderr));
    assert!(matches!(store.resolve(""), Err(StoreError::NotFound { .. })), "nothing typed matches nothing");
}
