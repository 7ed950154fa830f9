//! Embeds every questionnaire module under `questionnaires/modules/` into the binary, so the
//! tool runs with no files on disk and a new module needs no code change.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("questionnaires/modules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("/// Embedded questionnaire modules: (file name, contents).\n");
    out.push_str("pub const EMBEDDED_MODULES: &[(&str, &str)] = &[\n");
    for name in &names {
        println!("cargo:rerun-if-changed={}/{}", dir.display(), name);
        let path = fs::canonicalize(dir.join(name)).expect("module path");
        let _ = writeln!(out, "    ({name:?}, include_str!({:?})),", path.display().to_string());
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("embedded_modules.rs");
    fs::write(dest, out).expect("write embedded module list");
}
