//! File names derived from client names. The client name is free text typed in a workshop
//! ("Acme Corp.", "../../etc/passwd", "CON", "株式会社"), so the file name keeps only lowercase
//! ASCII letters, digits and dashes: nothing that can leave the folder, hide a file, or hit a
//! name Windows reserves.

use std::path::{Path, PathBuf};

/// Longest stem we derive. Short enough that a `-NNNN` suffix, `.toml.bak` and the temporary
/// names used while saving all stay far below the 255-byte limit of common file systems.
const MAX_STEM_LEN: usize = 60;

/// Stem used when nothing of the client name survives (empty, punctuation, non-Latin script).
const FALLBACK_STEM: &str = "client";

/// Device names Windows reserves with or without an extension (`con.toml` cannot be created).
const WINDOWS_RESERVED: [&str; 24] = [
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt0",
    "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The safe file stem for a client name: `"Acme Corp."` -> `acme-corp`.
pub fn stem_for(client: &str) -> String {
    let mut slug = String::with_capacity(client.len().min(MAX_STEM_LEN));
    for c in client.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if let Some(letters) = latin_base_letters(c) {
            slug.push_str(letters);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            // Any other character separates words; runs collapse into one dash.
            slug.push('-');
        }
        if slug.len() > MAX_STEM_LEN {
            break;
        }
    }
    slug.truncate(MAX_STEM_LEN);
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        FALLBACK_STEM.to_string()
    } else if WINDOWS_RESERVED.contains(&slug) {
        format!("{slug}-{FALLBACK_STEM}")
    } else {
        slug.to_string()
    }
}

/// The `attempt`-th candidate file name for a stem: `acme.toml`, `acme-2.toml`, `acme-3.toml`...
pub fn candidate_file_name(stem: &str, attempt: u32) -> String {
    if attempt <= 1 { format!("{stem}.toml") } else { format!("{stem}-{attempt}.toml") }
}

/// `acme.toml` -> `acme.toml.<suffix>`, next to it (the backup and lock sidecars).
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// The file's name for messages: `acme.toml`, not the full data-folder path.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Plain lowercase spelling of common accented Latin letters, so "Zürich Bank" becomes
/// `zurich-bank` rather than `z-rich-bank`; none for anything else.
fn latin_base_letters(c: char) -> Option<&'static str> {
    let folded = match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' | 'ą' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'č' | 'Č' | 'ć' | 'Ć' => "c",
        'ð' | 'Ð' | 'đ' | 'Đ' | 'ď' | 'Ď' => "d",
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' | 'ę' | 'Ę' | 'ě' | 'Ě' => "e",
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'Ī' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => "n",
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ő' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ß' => "ss",
        'š' | 'Š' | 'ś' | 'Ś' | 'ş' | 'Ş' => "s",
        'ť' | 'Ť' => "t",
        'þ' | 'Þ' => "th",
        'ù'..='ü' | 'Ù'..='Ü' | 'ů' | 'Ů' | 'ű' | 'Ű' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ž' | 'Ž' | 'ź' | 'Ź' | 'ż' | 'Ż' => "z",
        _ => return None,
    };
    Some(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_words_and_drop_the_rest() {
        assert_eq!(stem_for("Acme Corp."), "acme-corp");
        assert_eq!(stem_for("  Zürich Bank AG  "), "zurich-bank-ag");
        assert_eq!(stem_for("../../etc/passwd"), "etc-passwd");
        assert_eq!(stem_for("a/b\\c"), "a-b-c");
        assert_eq!(stem_for("..."), "client");
        assert_eq!(stem_for(""), "client");
        assert_eq!(stem_for("株式会社"), "client");
    }

    #[test]
    fn reserved_windows_names_get_a_suffix() {
        assert_eq!(stem_for("CON"), "con-client");
        assert_eq!(stem_for("lpt1"), "lpt1-client");
        assert_eq!(stem_for("Console"), "console");
    }

    #[test]
    fn long_names_are_capped_without_a_trailing_dash() {
        let stem = stem_for(&"ab ".repeat(100));
        assert!(stem.len() <= MAX_STEM_LEN);
        assert!(!stem.ends_with('-'));
    }

    #[test]
    fn candidates_count_from_two() {
        assert_eq!(candidate_file_name("acme", 1), "acme.toml");
        assert_eq!(candidate_file_name("acme", 2), "acme-2.toml");
    }
}
