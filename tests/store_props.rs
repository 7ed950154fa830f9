//! Property tests for the assessment store: whatever a consultant types survives a save, and
//! no file content, however broken, makes loading panic.

use crosswalk::assessment::{Answer, Assessment, FORMAT_VERSION, Level, Response};
use crosswalk::catalog::Category;
use crosswalk::framework::Framework;
use crosswalk::profile::{
    Applicability, BuyerMix, Certification, Currency, Deadline, PhysicalScope, Profile, Region, Regulation, Scheme,
    Sector,
};
use crosswalk::store::{self, EditLock, Store};
use proptest::collection::{btree_map, btree_set, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use std::fs;

const V1_FIXTURE: &str = include_str!("fixtures/assessments/v1.toml");
const V2_FIXTURE: &str = include_str!("fixtures/assessments/v2.toml");

/// Any text at all: every Unicode scalar, including quotes, backslashes, newlines, tabs, NUL
/// and other control characters, with the awkward ones made likely.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    let awkward =
        select(vec!['"', '\'', '\\', '\n', '\r', '\t', '\0', '\u{7f}', '#', '=', '[', ']', '.', ' ', 'é', '🚀']);
    vec(prop_oneof![any::<char>(), awkward], 0..max).prop_map(String::from_iter)
}

fn non_blank_text(max: usize) -> impl Strategy<Value = String> {
    any_text(max).prop_filter("not blank", |s| !s.trim().is_empty())
}

fn response() -> impl Strategy<Value = Response> {
    prop_oneof![
        Just(Response::Unanswered),
        (0..=4u8).prop_map(|l| Response::Level(Level::new(l).expect("0-4"))),
        non_blank_text(40).prop_map(Response::NotApplicable),
        Just(Response::Unknown),
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    (response(), any::<bool>(), option::of(non_blank_text(40)), option::of(any_text(30)), any_text(200), any::<bool>())
        .prop_map(|(response, to_confirm, evidence_seen, given_by, note, note_private)| Answer {
            // Confirmation is only held on a level or n/a (the store refuses it on nothing).
            to_confirm: to_confirm && matches!(response, Response::Level(_) | Response::NotApplicable(_)),
            response,
            evidence_seen,
            given_by,
            note,
            note_private,
        })
}

fn profile() -> impl Strategy<Value = Profile> {
    // Shares of one pipeline: at most 100% together (the store refuses more).
    let buyers = [0u8..=20, 0u8..=20, 0u8..=20, 0u8..=20, 0u8..=20].prop_map(|[na, eu, ap, me, la]| BuyerMix {
        north_america: na,
        europe: eu,
        apac: ap,
        middle_east_africa: me,
        latin_america: la,
    });
    // Several deadlines, named with any text, in weeks or on a date.
    let deadline = (any::<u16>(), option::of(select(Framework::ALL.to_vec())), any_text(30), option::of(0i64..4000))
        .prop_map(|(weeks, framework, name, date)| Deadline {
            name,
            weeks,
            date: date.and_then(|days| crosswalk::clock::add_days("2026-01-01", days)),
            framework,
            set: Some("2026-11-25".into()),
        });
    let plan = (
        option::of(0u8..=100),
        option::of(0u8..=100),
        option::of((0i64..4000).prop_map(|days| crosswalk::clock::add_days("2026-01-01", days).unwrap_or_default())),
        option::of(select(Currency::ALL.to_vec())),
        btree_set(select(Scheme::ALL.to_vec()), 0..3),
    );
    let categories = select(vec![
        Category::Security,
        Category::Availability,
        Category::Confidentiality,
        Category::ProcessingIntegrity,
        Category::Privacy,
    ]);
    (
        (option::of(select(Region::ALL.to_vec())), select(Sector::ALL.to_vec()), buyers),
        (btree_set(select(Regulation::ALL.to_vec()), 0..4), btree_set(select(Certification::ALL.to_vec()), 0..3)),
        // Team time is a real, positive amount (the store refuses 0, negatives, NaN, infinity).
        (
            vec(deadline, 0..4),
            any::<f64>().prop_filter("positive", |f| f.is_finite() && *f > 0.0 && *f <= 1000.0),
            any::<u32>(),
        ),
        (
            select(PhysicalScope::ALL.to_vec()),
            btree_set(categories, 0..3),
            any::<u8>(),
            select(Applicability::ALL.to_vec()),
        ),
        plan,
    )
        .prop_map(
            |(
                (headquarters, sector, buyers),
                (regulations, certifications),
                (deadlines, team_fte, headcount),
                (physical, soc2_categories, observation_months, nis2),
                (engineering_percent, it_percent, programme_start, currency, schemes),
            )| {
                // Fields other parts of the profile add later start from their defaults.
                #[allow(clippy::needless_update)]
                let profile = Profile {
                    headquarters,
                    sector,
                    buyers,
                    regulations,
                    nis2,
                    certifications,
                    deadlines,
                    team_fte,
                    engineering_percent,
                    it_percent,
                    programme_start,
                    currency,
                    schemes,
                    headcount,
                    physical,
                    soc2_categories,
                    observation_months,
                    ..Profile::default()
                };
                profile
            },
        )
}

fn assessment() -> impl Strategy<Value = Assessment> {
    (
        (non_blank_text(60), any_text(40), any_text(30), any_text(30)),
        btree_map(any_text(20), any_text(20), 0..4),
        profile(),
        // Question ids are short codes in practice, but any text must survive as a key.
        btree_map(prop_oneof![3 => "[A-Z]{2,4}-[0-9]{2}", 1 => any_text(20)], answer(), 0..30),
        // Attendees are typed in the room: any names and roles must survive too.
        prop::collection::vec(
            (any_text(30), any_text(20)).prop_map(|(name, role)| crosswalk::assessment::Attendee { name, role }),
            0..4,
        ),
    )
        .prop_map(|((client, consultant, created, updated), questionnaires, profile, answers, attendees)| {
            Assessment {
                format_version: FORMAT_VERSION,
                client,
                consultant,
                created,
                updated,
                questionnaires,
                profile,
                answers,
                attendees,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_assessment_saved_then_loaded_is_equal(mut original in assessment()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(Some(dir.path())).expect("open");
        let path = store.create(&original.client, &original.consultant).expect("create");
        let lock = EditLock::acquire(&path).expect("lock");
        lock.save(&mut original).expect("save");
        let loaded = store::load(&path).expect("load what was saved");
        prop_assert_eq!(loaded, original);
    }
}

/// Mutations of a valid file: the paths deepest into the decoder are reached by files that are
/// almost right.
fn mutated_fixture() -> impl Strategy<Value = String> {
    let edit = (any::<prop::sample::Index>(), 0..12usize, any_text(12));
    (any::<bool>(), vec(edit, 1..4)).prop_map(|(old, edits)| {
        let mut text: Vec<char> = if old { V1_FIXTURE } else { V2_FIXTURE }.chars().collect();
        for (at, remove, insert) in edits {
            let start = at.index(text.len() + 1);
            let end = (start + remove).min(text.len());
            text.splice(start..end, insert.chars());
        }
        String::from_iter(text)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_load_without_panicking_or_changing_the_file(bytes in vec(any::<u8>(), 0..600)) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("garbage.toml");
        fs::write(&path, &bytes).expect("write");
        let _ = store::load(&path);
        prop_assert_eq!(fs::read(&path).expect("read"), bytes);
    }

    #[test]
    fn arbitrary_text_parses_without_panicking(text in any_text(400)) {
        let _ = store::parse("any.toml", &text);
    }

    /// Whatever loads must also save and load back to the same thing: a file the consultant
    /// edited by hand must never become unsaveable or change meaning on the next save.
    #[test]
    fn nearly_valid_files_either_fail_cleanly_or_round_trip(text in mutated_fixture()) {
        match store::parse("mutated.toml", &text) {
            Err(e) => {
                let message = e.to_string();
                prop_assert!(message.starts_with("mutated.toml:"), "error without file and line: {}", message);
            }
            Ok(mut loaded) => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("mutated.toml");
                fs::write(&path, &text).expect("write");
                let lock = EditLock::acquire(&path).expect("lock");
                lock.save(&mut loaded).expect("whatever loads can be saved");
                prop_assert_eq!(store::load(&path).expect("reload"), loaded);
            }
        }
    }
}

fn draft() -> impl Strategy<Value = store::Draft> {
    use store::DraftKind;
    let kind = select(vec![DraftKind::Note, DraftKind::Justification, DraftKind::Evidence, DraftKind::ProfileText]);
    (kind, any_text(20), any_text(20), any_text(300), any::<bool>())
        .prop_map(|(kind, question, field, text, private)| store::Draft { kind, question, field, text, private })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Typed text kept as a draft (a note, a justification, an evidence reference, a profile
    /// value) comes back exactly as typed, and is handed over once.
    #[test]
    fn a_draft_comes_back_as_typed(draft in draft()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("acme.toml");
        store::write_draft(&path, &draft).expect("write draft");
        prop_assert_eq!(store::take_draft(&path).expect("take"), Some(draft));
        prop_assert_eq!(store::take_draft(&path).expect("take again"), None);
    }

    /// A draft file damaged or written by hand never makes reading it panic, and a draft that
    /// cannot be read stays on disk.
    #[test]
    fn any_draft_file_reads_without_panicking(bytes in vec(any::<u8>(), 0..300)) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("acme.toml");
        let draft_file = dir.path().join("acme.toml.draft");
        fs::write(&draft_file, &bytes).expect("write");
        if store::take_draft(&path).is_err() {
            prop_assert_eq!(fs::read(&draft_file).expect("still there"), bytes);
        }
    }
}
