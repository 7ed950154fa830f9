//! Positions in source text, so every error about a user's file can name its line.

/// Maps byte offsets in one text to 1-based line numbers.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line of a byte offset (offsets past the end give the last line).
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// One problem found in a file the user handed us: file, line, field and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}:{}: field `{}`: {}", self.file, self.line, self.field, self.message)
        }
    }
}

/// Turns a TOML parse or shape error into a diagnostic with file, line and field.
pub fn toml_diagnostic(file: &str, text: &str, err: &toml::de::Error) -> Diagnostic {
    let lines = LineIndex::new(text);
    let line = err.span().map(|s| lines.line(s.start)).unwrap_or(1);
    let message = err.message().trim().to_string();
    // serde names the field in backticks ("missing field `text`", "unknown field `txt`").
    let field = message.split('`').nth(1).filter(|_| message.contains("field")).unwrap_or("").to_string();
    let message = if field.is_empty() && err.span().is_none() { message } else { message.replace('\n', " ") };
    Diagnostic { file: file.to_string(), line, field, message }
}

/// FNV-1a 64-bit: a stable content hash recorded in assessments so a consultant can tell
/// which questionnaire version an answer was given against. Not for security.
pub fn content_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let idx = LineIndex::new("a\nbb\n\nc");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line(6), 4);
        assert_eq!(idx.line(100), 4);
    }

    #[test]
    fn hash_differs_on_content() {
        assert_ne!(content_hash("a"), content_hash("b"));
        assert_eq!(content_hash("abc").len(), 16);
    }
}
