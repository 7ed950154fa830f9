//! Escaping for the text formats: whatever a client typed must not break a CSV row or a
//! markdown table, and must never render as HTML.

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A leading
/// `=`, `+`, `-` or `@` is prefixed with `'` so spreadsheets do not run it as a formula.
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// Joins fields into one CSV line (without the line break).
pub fn csv_row<S: AsRef<str>>(fields: &[S]) -> String {
    fields.iter().map(|f| csv_field(f.as_ref())).collect::<Vec<_>>().join(",")
}

/// Inline markdown text: escapes every character GFM could read as markup or HTML, and folds
/// line breaks to spaces so a note cannot end a paragraph or a table row.
pub fn md_inline(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut last_space = false;
    for c in value.chars() {
        match c {
            '\n' | '\r' | '\t' => {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
                continue;
            }
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.' | '!' | '|' | '~'
            | '>' | '<' | '&' | '"' | '\'' | ':' | '=' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => continue,
            c => out.push(c),
        }
        last_space = c == ' ';
    }
    out.trim().to_string()
}

/// A markdown table cell: inline-escaped, and capped so one very long note cannot make a
/// table unreadable (the full text goes to the appendix).
pub fn md_cell(value: &str, max_chars: usize) -> String {
    let escaped = md_inline(value);
    if escaped.chars().count() <= max_chars {
        return escaped;
    }
    let mut cut: String = escaped.chars().take(max_chars).collect();
    // Never end on a lone escaping backslash: it would escape the ellipsis or the pipe.
    let trailing = cut.chars().rev().take_while(|&c| c == '\\').count();
    if trailing % 2 == 1 {
        cut.pop();
    }
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("-0.5"), "-0.5");
    }

    #[test]
    fn markdown_escapes_markup_and_html() {
        assert_eq!(md_inline("a|b"), "a\\|b");
        assert_eq!(md_inline("<script>"), "\\<script\\>");
        assert_eq!(md_inline("line1\n\nline2"), "line1 line2");
        assert!(md_cell(&"x|".repeat(100), 10).ends_with('…'));
        assert!(!md_cell(&"|".repeat(100), 5).trim_end_matches('…').ends_with("\\\\"));
    }
}
