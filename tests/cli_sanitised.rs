//! Every line the command line prints from data passes the sanitiser: whatever control
//! characters, C1 controls or bidi overrides a client name, note, answer id, file name or
//! argument holds, stdout and stderr carry none of them raw (JSON carries them escaped).

use crosswalk::Answer;
use crosswalk::sanitize::is_hazard;
use crosswalk::store::{EditLock, Store};
use proptest::prelude::*;
use std::path::Path;
use std::process::{Command, Stdio};

/// Text mixing plain words with the characters a hostile file would carry.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z ]{1,6}",
        Just("\x1b]0;pwned\x07".to_string()),
        Just("\x1b]52;c;aGk=\x07".to_string()),
        Just("\x1b[2J".to_string()),
        Just("\u{9b}31m".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{2066}".to_string()),
        Just("\r".to_string()),
        Just("\x7f".to_string()),
        Just("\u{85}".to_string()),
        (0u32..0x20).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        (0x80u32..0xa0).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
    ];
    proptest::collection::vec(piece, 1..6).prop_map(|pieces| format!("X{}", pieces.concat()))
}

/// The raw hazards in one output stream (line breaks and tabs are layout, not hazards).
fn hazards(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes).chars().filter(|&c| is_hazard(c) && c != '\n' && c != '\t').collect()
}

fn run(data_dir: &Path, args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    // A NUL cannot be passed in an argument at all.
    let output = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(args.iter().map(|a| a.replace('\0', "_")))
        .env("CROSSWALK_DATA_DIR", data_dir)
        .stdin(Stdio::null())
        .output()
        .expect("run crosswalk");
    (output.stdout, output.stderr)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn no_output_path_prints_a_raw_control_character(
        client in hostile_text(),
        note in hostile_text(),
        id in hostile_text(),
        name in hostile_text(),
        argument in hostile_text(),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(Some(dir.path())).expect("store");
        let path = store.create(&client, "").expect("create");
        {
            let lock = EditLock::acquire(&path).expect("lock");
            let mut a = lock.load().expect("load");
            a.set_answer("GOV-01", Answer { note: note.clone(), ..Answer::level(2) });
            a.set_answer("PHY-02", Answer::not_applicable(&note));
            a.set_answer(&id, Answer { note: note.clone(), ..Answer::level(1) });
            lock.save(&mut a).expect("save");
        }
        // A file name with control characters, and a broken file whose error echoes text.
        let odd = dir.path().join(format!("{}.toml", name.replace(['/', '\0'], "_")));
        std::fs::copy(&path, &odd).expect("copy");
        std::fs::write(dir.path().join("broken.toml"), format!("client = \"{}\n", name.escape_default()))
            .expect("write broken");
        let file = path.display().to_string();
        let odd_file = odd.display().to_string();
        let out = dir.path().join(format!("out-{}.md", name.replace(['/', '\0'], "_"))).display().to_string();
        let runs: Vec<Vec<&str>> = vec![
            vec!["list"],
            vec!["report", &file],
            vec!["report", &file, "--format", "csv"],
            vec!["report", &file, "--format", "soa"],
            vec!["report", &file, "--format", "json"],
            vec!["report", &odd_file, "-o", &out],
            vec!["report", &odd_file, "-o", &out],
            vec!["diff", &file, &odd_file],
            vec!["snapshot", &odd_file],
            vec!["history", &odd_file],
            vec!["diff", &odd_file],
            vec!["validate", &argument],
            vec!["report", &argument],
            vec!["report", &file, "--format", &argument],
            vec!["open", &argument],
            vec![&argument],
        ];
        for args in &runs {
            let (stdout, stderr) = run(dir.path(), args);
            prop_assert!(hazards(&stdout).is_empty(), "stdout of {:?}: {:?}", args, hazards(&stdout));
            prop_assert!(hazards(&stderr).is_empty(), "stderr of {:?}: {:?}", args, hazards(&stderr));
        }
        // The JSON still carries the exact text, escaped.
        let (json, _) = run(dir.path(), &["report", &file, "--format", "json"]);
        let value: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
        prop_assert_eq!(value["client"].as_str(), Some(client.as_str()));
    }
}
