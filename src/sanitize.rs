//! The one rule for showing untrusted text (client names, notes, file names, ids, arguments)
//! on a terminal: characters that could act instead of being read are replaced by visible,
//! inert stand-ins. A terminal obeys C0 controls (ESC starts sequences that set the window
//! title or write the clipboard), C1 controls (U+009B is a one-character CSI on many
//! terminals) and bidirectional overrides (U+202E makes `exe.txt` read as `txt.exe`). Text is
//! never dropped: each hazard becomes something the reader can see and report.
//!
//! - C0 controls and DEL become their Unicode control pictures (`ESC` -> `␛`, `BEL` -> `␇`).
//! - C1 controls, bidi embeddings, overrides, isolates and marks, and the Unicode line and
//!   paragraph separators become `<U+XXXX>`.
//!
//! The command line passes every line it prints through [`inert`]; the TUI uses [`is_hazard`]
//! and [`stand_in`] for the same characters; JSON output keeps the text exact with
//! [`escape_json_hazards`].

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` can act on a terminal rather than be read.
pub fn is_hazard(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Bidirectional formatting characters: embeddings and overrides (U+202A-U+202E), isolates
/// (U+2066-U+2069) and the directional marks (U+200E, U+200F, U+061C).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The visible, inert text shown in place of a hazard.
pub fn stand_in(c: char) -> String {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).map_or_else(|| code_point(c), String::from),
        '\u{7F}' => "␡".to_string(),
        _ => code_point(c),
    }
}

fn code_point(c: char) -> String {
    format!("<U+{:04X}>", c as u32)
}

/// Text for a terminal: line breaks and tabs are kept (multi-line messages, tables), every
/// other hazard is replaced by its [`stand_in`]. Borrowed when there is nothing to replace.
pub fn inert(text: &str) -> Cow<'_, str> {
    replace(text, |c| is_hazard(c) && c != '\n' && c != '\t')
}

/// One line for a terminal: like [`inert`], and line breaks and tabs are shown too, so a
/// value cannot break out of its line, its table cell or its message.
pub fn inert_line(text: &str) -> Cow<'_, str> {
    replace(text, is_hazard)
}

fn replace(text: &str, hazard: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hazard(c) {
            out.push_str(&stand_in(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON text with every hazard JSON leaves raw (C1 controls, bidi characters, U+2028/9, DEL)
/// written as a `\uXXXX` escape: the same string to a parser, inert on a terminal. Only valid
/// for JSON produced by a serialiser, where such characters can only occur inside strings.
pub fn escape_json_hazards(json: &str) -> Cow<'_, str> {
    if !json.chars().any(|c| is_hazard(c) && c != '\n') {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // The serialiser already escaped C0 inside strings; the only raw ones left are the
        // layout's own line breaks.
        if is_hazard(c) && c != '\n' {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hazards_become_visible_stand_ins() {
        assert_eq!(inert("Evil\x1b]0;pwned\x07"), "Evil␛]0;pwned␇");
        assert_eq!(inert("a\u{9b}31m"), "a<U+009B>31m");
        assert_eq!(inert("file\u{202E}txt.exe"), "file<U+202E>txt.exe");
        assert_eq!(inert("two\nlines\tand a tab"), "two\nlines\tand a tab");
        assert_eq!(inert_line("two\nlines"), "two␊lines");
        assert_eq!(inert("\x7f\r"), "␡␍");
        assert!(matches!(inert("plain text, ünïcode 株式会社"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_the_text_and_escapes_what_json_leaves_raw() {
        let json =
            serde_json::to_string(&serde_json::json!({ "client": "A\u{9b}B\u{202e}C\x1bD" })).unwrap_or_default();
        let escaped = escape_json_hazards(&json);
        assert!(!escaped.chars().any(|c| is_hazard(c) && c != '\n'), "{escaped}");
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap_or_default();
        assert_eq!(back["client"], "A\u{9b}B\u{202e}C\x1bD");
    }

    proptest! {
        #[test]
        fn inert_text_holds_no_hazard_and_loses_no_plain_character(text in any::<String>()) {
            let shown = inert_line(&text);
            prop_assert!(!shown.chars().any(is_hazard));
            let plain: String = text.chars().filter(|&c| !is_hazard(c)).collect();
            let kept: String = shown.chars().filter(|&c| !is_hazard(c)).collect();
            // Every plain character survives, in order (stand-ins only add characters).
            let mut rest = kept.chars();
            prop_assert!(plain.chars().all(|c| rest.any(|k| k == c)));
        }

        #[test]
        fn escaped_json_round_trips_any_string(text in any::<String>()) {
            let json = serde_json::to_string_pretty(&serde_json::json!({ "note": text })).unwrap_or_default();
            let escaped = escape_json_hazards(&json);
            prop_assert!(!escaped.chars().any(|c| is_hazard(c) && c != '\n'));
            let back: serde_json::Value = serde_json::from_str(&escaped).unwrap_or_default();
            prop_assert_eq!(back["note"].as_str(), Some(text.as_str()));
        }
    }
}
