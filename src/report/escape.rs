//! Escaping for the text formats: whatever a client typed must not break a CSV row or a
//! markdown table, and must never render as HTML or a link.
//!
//! Markdown escaping is minimal on purpose: the raw file is pasted into tickets, chat and
//! wikis that do not render markdown, where `2026\-10\-14` reads as broken. A character is
//! escaped only where GFM would give it a meaning at that position; digits, hyphens, dots
//! and parentheses in running text stay as typed.

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field that
/// a spreadsheet would run as a formula (starting, after any leading spaces, with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) is prefixed with `'`, unless it is a plain number.
pub fn csv_field(value: &str) -> String {
    let value = if is_formula_like(value) { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// Whether a spreadsheet could read the field as a formula (OWASP CSV injection list).
fn is_formula_like(value: &str) -> bool {
    let rest = value.trim_start_matches(' ');
    rest.starts_with(['=', '+', '-', '@', '\t', '\r']) && rest.trim().parse::<f64>().is_err()
}

/// Joins fields into one CSV line (without the line break).
pub fn csv_row<S: AsRef<str>>(fields: &[S]) -> String {
    fields.iter().map(|f| csv_field(f.as_ref())).collect::<Vec<_>>().join(",")
}

/// Inline markdown text, for a table cell, a list item or a sentence. Line breaks fold to
/// spaces (a note cannot end a paragraph or a table row) and control characters go. Escaped:
/// - always: `|` (cells), `` ` `` (code spans), `*` (emphasis), `[` and `]` (links and
///   images), `<` (HTML and autolinks), a backslash before punctuation; `~` when there are
///   two (strikethrough);
/// - `_` where it could open or close emphasis (not inside a word like `snake_case`);
/// - `&` when it starts an entity (`&lt;` would render as `<`);
/// - at the start: anything that would open a block (`#`, `>`, `-`, `+`, `=`, `1.`, `1)`);
/// - the `:` of `javascript:` and of `scheme://`, the `.` of a leading `www.` and the `@` of
///   an e-mail address, so no renderer turns typed text into a link.
pub fn md_inline(value: &str) -> String {
    let chars = fold(value);
    // A lone `~` ("~6 weeks") cannot strike anything through; two can.
    let tildes = chars.iter().filter(|&&c| c == '~').count();
    let mut out = String::with_capacity(chars.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '|' | '`' | '*' | '[' | ']' | '<' => true,
            '~' => tildes > 1,
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            '_' => !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)),
            '&' => starts_entity(&chars[i + 1..]),
            ':' => link_colon(&chars[..i], &chars[i + 1..]),
            // `name@example.com` would become a mailto link.
            '@' => {
                prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '.' | '-' | '_' | '+'))
                    && next.is_some_and(char::is_alphanumeric)
            }
            '.' => leading_www(&chars[..i]),
            '#' | '>' | '-' | '+' | '=' if i == 0 => true,
            _ => false,
        } || (i > 0 && ordered_list_marker(&chars, i));
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Line breaks and tabs to single spaces, control characters dropped, ends trimmed.
fn fold(value: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            if out.last() != Some(&' ') {
                out.push(' ');
            }
        } else if !c.is_control() {
            out.push(c);
        }
    }
    let start = out.iter().position(|c| !c.is_whitespace()).unwrap_or(out.len());
    let end = out.iter().rposition(|c| !c.is_whitespace()).map_or(start, |e| e + 1);
    out[start..end].to_vec()
}

/// `&name;`, `&#123;`, `&#x1F;`: an entity or character reference after the `&`.
fn starts_entity(rest: &[char]) -> bool {
    let body = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '#').count();
    body > 0 && body <= 32 && rest.get(body) == Some(&';')
}

/// The colon of `javascript:` (any case) or of a URL scheme followed by `//`.
fn link_colon(before: &[char], after: &[char]) -> bool {
    let scheme: String =
        before.iter().rev().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')).collect();
    let scheme: String = scheme.chars().rev().collect::<String>().to_ascii_lowercase();
    scheme.ends_with("javascript")
        || scheme.ends_with("vbscript")
        || scheme.ends_with("data")
        || (!scheme.is_empty() && after.starts_with(&['/', '/']))
}

/// The dot of `www.` at the start of a word (GFM's extended autolinks start there).
fn leading_www(before: &[char]) -> bool {
    let n = before.len();
    n >= 3
        && before[n - 3..].iter().collect::<String>().eq_ignore_ascii_case("www")
        && (n == 3 || !before[n - 4].is_alphanumeric())
}

/// The `.` or `)` of `12.` or `3)` at the very start followed by a space or the end: an
/// ordered list marker.
fn ordered_list_marker(chars: &[char], i: usize) -> bool {
    matches!(chars[i], '.' | ')')
        && chars[..i].iter().all(char::is_ascii_digit)
        && i <= 9
        && chars.get(i + 1).is_none_or(|&c| c == ' ')
}

/// A heading: inline-escaped and clipped to `max_chars` (the full text is elsewhere in the
/// document), never ending on a lone escaping backslash.
pub fn md_heading(value: &str, max_chars: usize) -> String {
    let escaped = md_inline(value);
    if escaped.chars().count() <= max_chars {
        return escaped;
    }
    let mut cut: String = escaped.chars().take(max_chars).collect();
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
    fn csv_neutralises_formulas_after_leading_spaces_tabs_and_returns() {
        assert_eq!(csv_field("  =1+1"), "'  =1+1");
        assert_eq!(csv_field("@cmd"), "'@cmd");
        assert_eq!(csv_field("+44 20 7946"), "'+44 20 7946");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(csv_field("\rx"), "\"'\rx\"");
        assert_eq!(csv_field("- bullet"), "'- bullet");
        assert_eq!(csv_field("a-b"), "a-b");
        assert_eq!(csv_field(" 12"), " 12");
    }

    #[test]
    fn markdown_escapes_markup_and_html() {
        assert_eq!(md_inline("a|b"), "a\\|b");
        assert_eq!(md_inline("<script>"), "\\<script>");
        assert_eq!(md_inline("line1\n\nline2"), "line1 line2");
        assert_eq!(md_inline("[x](javascript:alert(1))"), "\\[x\\](javascript\\:alert(1))");
        assert_eq!(md_inline("see https://evil.example"), "see https\\://evil.example");
        assert_eq!(md_inline("www.evil.example"), "www\\.evil.example");
        assert_eq!(md_inline("mail dpo@client.example"), "mail dpo\\@client.example");
        assert_eq!(md_inline("@handle and a @ b"), "@handle and a @ b");
        assert_eq!(md_inline("&lt;b&gt; R&D"), "\\&lt;b\\&gt; R&D");
        assert_eq!(md_inline("**bold** _it_ snake_case"), "\\*\\*bold\\*\\* \\_it\\_ snake_case");
    }

    #[test]
    fn markdown_leaves_plain_prose_alone() {
        let prose = "Due 2026-10-14 (Northgate Assurance), 2.5 days; 40% done: ok! \"quoted\" it's {x} $5 ^ = +";
        assert_eq!(md_inline(prose), prose);
        assert_eq!(md_inline("path\\to\\file"), "path\\to\\file");
    }

    #[test]
    fn markdown_escapes_block_starts_only_at_the_start() {
        assert_eq!(md_inline("# not a heading"), "\\# not a heading");
        assert_eq!(md_inline("- not a list"), "\\- not a list");
        assert_eq!(md_inline("1. not a list"), "1\\. not a list");
        assert_eq!(md_inline("2026) fine"), "2026\\) fine");
        assert_eq!(md_inline("> quote"), "\\> quote");
        assert_eq!(md_inline("a # b - c > d 1. e"), "a # b - c > d 1. e");
        assert_eq!(md_inline("1.5 days"), "1.5 days");
        assert_eq!(md_inline("~6 weeks"), "~6 weeks");
        assert_eq!(md_inline("~gone~"), "\\~gone\\~");
    }

    #[test]
    fn headings_are_clipped_without_a_dangling_backslash() {
        assert!(md_heading(&"x|".repeat(100), 10).ends_with('…'));
        assert!(!md_heading(&"|".repeat(100), 5).trim_end_matches('…').ends_with("\\\\"));
        assert_eq!(md_heading("Short", 10), "Short");
    }
}
