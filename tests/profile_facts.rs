//! Profile facts the questionnaire no longer asks: hosting and premises, NIS2 applicability
//! (yes, no, not yet known) and the sectors a consultant meets. Each survives a save and a
//! reload, and files written before them still load.

use crosswalk::assessment::Assessment;
use crosswalk::profile::{Applicability, PhysicalScope, Profile, Regulation, Sector};
use crosswalk::store;

fn round_trip(profile: Profile) -> Profile {
    let mut a = Assessment::new("Acme", "", "2026-01-01T00:00:00Z");
    a.profile = profile;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("acme.toml");
    store::EditLock::acquire(&path).and_then(|lock| lock.save(&mut a)).expect("save");
    store::load(&path).expect("reload").profile
}

#[test]
fn nis2_is_yes_no_or_not_yet_known_and_keeps_the_regulations_in_step() {
    let mut p = Profile::default();
    assert_eq!(p.nis2(), Applicability::NotYetKnown, "a new profile has not answered it");
    p.set_nis2(Applicability::Yes);
    assert!(p.regulations.contains(&Regulation::Nis2), "yes puts NIS2 among the regulations the engine weighs");
    assert_eq!(round_trip(p.clone()).nis2(), Applicability::Yes);
    p.set_nis2(Applicability::No);
    assert!(!p.regulations.contains(&Regulation::Nis2));
    let back = round_trip(p.clone());
    assert_eq!(back.nis2(), Applicability::No, "no is kept apart from not yet known");
    assert_eq!(back, p);
    p.set_nis2(Applicability::NotYetKnown);
    assert_eq!(round_trip(p).nis2(), Applicability::NotYetKnown);
}

#[test]
fn a_file_from_before_the_three_way_answer_reads_nis2_among_the_regulations_as_yes() {
    let text = "format_version = 1\nclient = \"Acme\"\ncreated = \"2026-01-01T00:00:00Z\"\nupdated = \"2026-01-01T00:00:00Z\"\n\n[profile]\nregulations = [\"nis2\", \"gdpr\"]\n";
    let a = store::parse("old.toml", text).expect("old file loads");
    assert_eq!(a.profile.nis2(), Applicability::Yes);
    let without = text.replace("\"nis2\", ", "");
    assert_eq!(store::parse("old.toml", &without).expect("loads").profile.nis2(), Applicability::NotYetKnown);
}

#[test]
fn a_bad_nis2_value_names_the_field() {
    let text = "format_version = 1\nclient = \"Acme\"\ncreated = \"2026-01-01T00:00:00Z\"\nupdated = \"2026-01-01T00:00:00Z\"\n\n[profile]\nnis2 = \"maybe\"\n";
    let message = store::parse("bad.toml", text).expect_err("refused").to_string();
    assert!(message.contains("bad.toml") && message.contains("nis2"), "{message}");
}

#[test]
fn every_sector_survives_a_save() {
    for sector in Sector::ALL {
        let p = Profile { sector, ..Profile::default() };
        assert_eq!(round_trip(p).sector, sector);
    }
    for needed in [
        Sector::TransportLogistics,
        Sector::Manufacturing,
        Sector::EnergyUtilities,
        Sector::PublicSector,
        Sector::Education,
        Sector::ProfessionalServices,
    ] {
        assert!(Sector::ALL.contains(&needed), "{needed:?} is offered");
        assert!(!needed.label().is_empty());
    }
}

#[test]
fn hosting_and_premises_are_profile_facts() {
    assert!(PhysicalScope::CloudOnly.production_in_cloud() && !PhysicalScope::CloudOnly.premises_in_scope());
    assert!(PhysicalScope::Offices.production_in_cloud() && PhysicalScope::Offices.premises_in_scope());
    assert!(!PhysicalScope::OwnDatacenter.production_in_cloud() && PhysicalScope::OwnDatacenter.premises_in_scope());
    // The questionnaire no longer asks where production is hosted.
    let q = crosswalk::Questionnaire::embedded();
    assert!(q.question("PHY-01").is_none(), "hosting is recorded in the profile, not on a maturity scale");
}
