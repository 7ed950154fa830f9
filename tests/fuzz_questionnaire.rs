//! Whatever text a consultant's module holds, loading it never panics: it either loads or
//! returns diagnostics that point inside the file they name.

use crosswalk::questionnaire::{ModuleSource, embedded_sources};
use crosswalk::{Catalog, Questionnaire};
use proptest::prelude::*;

const NAME: &str = "fuzzed.toml";

fn shipped_module(index: usize) -> String {
    let sources = embedded_sources();
    sources[index % sources.len()].text.clone()
}

/// Loads `text` as one module (alone, and on top of the embedded ones) and checks the result.
fn check(text: String) -> Result<(), TestCaseError> {
    let catalog = Catalog::embedded();
    let fuzzed = ModuleSource { name: NAME.into(), text };
    let mut with_embedded = embedded_sources();
    with_embedded.push(fuzzed.clone());
    for sources in [vec![fuzzed], with_embedded] {
        match Questionnaire::from_sources(catalog, &sources) {
            Ok(q) => {
                for question in &q.questions {
                    prop_assert!(question.references.iter().all(|r| r.weight > 0.0 && r.weight <= 1.0));
                }
            }
            Err(diagnostics) => {
                prop_assert!(!diagnostics.is_empty(), "Err without a diagnostic");
                for d in &diagnostics {
                    prop_assert!(!d.message.is_empty(), "{d:?}");
                    let source = sources.iter().find(|s| s.name == d.file);
                    prop_assert!(source.is_some(), "diagnostic names an unknown file: {d}");
                    let lines = source.map_or(0, |s| s.text.matches('\n').count() + 1);
                    prop_assert!(d.line >= 1 && d.line <= lines, "line {} outside 1..={lines}: {d}", d.line);
                    // The embedded modules are valid: a problem reported in one of them can
                    // only be a duplicate id the fuzzed module provoked (when it sorts first).
                    prop_assert!(
                        d.file == NAME || d.message.starts_with("duplicate question id"),
                        "diagnostic on an untouched file: {d}"
                    );
                }
            }
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Edit {
    /// Replace the byte at (position % len) with this byte.
    Byte(usize, u8),
    Insert(usize, String),
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Edit::Byte(p, b)),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "\"",
                "=",
                "[",
                "]",
                "[[question]]\n",
                "\n",
                "{",
                "}",
                ",",
                "1.5",
                "-0",
                "nan",
                "#",
                "\\u{0}",
                "é",
                "id = \"AC-01\"\n",
                // Aliases: a retired id some shipped question replaces, and a replaces list.
                "id = \"PHY-01\"\n",
                "replaces = [\"GOV-11\", \"PHY-01\"]\n",
                "not_applicable = [\"CC6.6\", \"9.1\"]\n",
                "\"CC9.9\" = 1"
            ])
        )
            .prop_map(|(p, s)| Edit::Insert(p, s.to_string())),
        any::<usize>().prop_map(Edit::Truncate),
        any::<usize>().prop_map(Edit::DeleteLine),
        any::<usize>().prop_map(Edit::DuplicateLine),
    ]
}

fn apply(text: &str, edit: &Edit) -> String {
    let mut bytes = text.as_bytes().to_vec();
    match edit {
        Edit::Byte(p, b) if !bytes.is_empty() => {
            let i = p % bytes.len();
            bytes[i] = *b;
        }
        Edit::Insert(p, s) => {
            let i = p % (bytes.len() + 1);
            bytes.splice(i..i, s.bytes());
        }
        Edit::Truncate(p) => bytes.truncate(p % (bytes.len() + 1)),
        Edit::DeleteLine(n) | Edit::DuplicateLine(n) => {
            let mut lines: Vec<&str> = text.split('\n').collect();
            let i = n % lines.len();
            if matches!(edit, Edit::DeleteLine(_)) {
                lines.remove(i);
            } else {
                lines.insert(i, lines[i]);
            }
            return lines.join("\n");
        }
        Edit::Byte(..) => {}
    }
    // Module text is a String: random byte edits that break UTF-8 become replacement chars,
    // as `sources_from_dir` would reject them before parsing anyway.
    String::from_utf8_lossy(&bytes).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(text in any::<String>()) {
        check(text)?;
    }

    #[test]
    fn toml_looking_noise_never_panics(text in "([a-z_]{1,8} = (\"[^\"\\n]{0,10}\"|[0-9.e+-]{1,6}|true|\\{[^}\\n]{0,20}\\}|\\[[^\\]\\n]{0,20}\\])\n|\\[\\[question\\]\\]\n|\n){0,30}") {
        check(text)?;
    }

    #[test]
    fn mutated_shipped_modules_never_panic(module in 0usize..64, edits in prop::collection::vec(edit(), 1..6)) {
        let mut text = shipped_module(module);
        for e in &edits {
            text = apply(&text, e);
        }
        check(text)?;
    }
}

#[test]
fn an_untouched_shipped_module_loads() {
    // The harness itself: an unmutated module passes `check` and loads.
    for i in 0..embedded_sources().len() {
        let text = shipped_module(i);
        assert!(
            Questionnaire::from_sources(Catalog::embedded(), &[ModuleSource { name: NAME.into(), text: text.clone() }])
                .is_ok()
        );
        if let Err(e) = check(text) {
            panic!("{e}");
        }
    }
}
