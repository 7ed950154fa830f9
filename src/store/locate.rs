//! Which field a TOML error is about. serde's type errors ("invalid type: string, expected
//! u8") and syntax errors carry a position but no key; the key written at that position is the
//! field the consultant has to fix.

use crate::source::{Diagnostic, toml_diagnostic};
use toml::de::{DeTable, DeValue};

/// The diagnostic for a TOML error, with the field filled in from the error's position when
/// the message does not name it.
pub fn diagnostic_for(file: &str, text: &str, error: &toml::de::Error) -> Diagnostic {
    let mut diagnostic = toml_diagnostic(file, text, error);
    if diagnostic.field.is_empty()
        && let Some(at) = error.span().map(|s| s.start)
    {
        // Recovering parse: a syntax error still yields the table around it.
        let (table, _) = DeTable::parse_recoverable(text);
        let field = key_at(table.get_ref(), at).or_else(|| key_before_on_line(table.get_ref(), text, at));
        diagnostic.field = field.unwrap_or_default();
    }
    diagnostic
}

/// The last key written before `offset` on the same line: a syntax error in a value (an
/// unterminated string) is reported just past the value, outside its span.
fn key_before_on_line(table: &DeTable<'_>, text: &str, offset: usize) -> Option<String> {
    let line_start = text.get(..offset).and_then(|before| before.rfind('\n')).map_or(0, |i| i + 1);
    let mut keys = Vec::new();
    collect_keys(table, &mut keys);
    keys.into_iter().filter(|(at, _)| (line_start..=offset).contains(at)).max_by_key(|(at, _)| *at).map(|(_, key)| key)
}

fn collect_keys(table: &DeTable<'_>, out: &mut Vec<(usize, String)>) {
    for (key, value) in table {
        out.push((key.span().start, key.get_ref().to_string()));
        match value.get_ref() {
            DeValue::Table(inner) => collect_keys(inner, out),
            DeValue::Array(items) => {
                items.iter().filter_map(|i| i.get_ref().as_table()).for_each(|t| collect_keys(t, out))
            }
            _ => {}
        }
    }
}

/// The innermost key whose key or value contains byte `offset`.
fn key_at(table: &DeTable<'_>, offset: usize) -> Option<String> {
    table.iter().find_map(|(key, value)| {
        let here = key.span().contains(&offset) || value.span().contains(&offset);
        key_inside(value.get_ref(), offset).or_else(|| here.then(|| key.get_ref().to_string()))
    })
}

fn key_inside(value: &DeValue<'_>, offset: usize) -> Option<String> {
    match value {
        DeValue::Table(table) => key_at(table, offset),
        DeValue::Array(items) => items.iter().find_map(|item| key_inside(item.get_ref(), offset)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_holding_an_offset_is_the_innermost() {
        let text = "a = 1\n[t]\nb = \"x\"\n[t.u]\nc = [1, 2]\n";
        let table = DeTable::parse(text).expect("valid");
        let at = |needle: &str| text.find(needle).expect("needle");
        assert_eq!(key_at(table.get_ref(), at("1")), Some("a".into()));
        assert_eq!(key_at(table.get_ref(), at("\"x\"")), Some("b".into()));
        assert_eq!(key_at(table.get_ref(), at("2]")), Some("c".into()));
    }
}
