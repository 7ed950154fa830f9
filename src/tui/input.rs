//! A small text editor for names, justifications and multi-line notes. Works in characters,
//! not bytes, so any Unicode the client dictates is safe to edit, and lays text out by
//! display width, so wide characters (CJK, emoji, flags) never spill past the box.
//!
//! Rules for text coming in:
//! - A paste is text, never keys: it goes in whole at the cursor. A one-line field joins the
//!   pasted lines with spaces and says so; a note keeps them.
//! - A tab (typed or pasted) is stored as four spaces: notes are read in reports, terminals and
//!   spreadsheets that would each show a tab differently.
//! - Control characters are left out (a paste says how many); bidi controls are kept as text
//!   and shown as `<U+202E>`, so they cannot reorder what the editor shows.
//! - Limits apply where text enters: a key or a paste that would pass the limit is refused
//!   with a notice. Text longer than the limit that comes from the file is kept whole: it can
//!   be read, moved through and shortened, never cut by opening the editor.

use crate::sanitize;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Longest note that can be typed or pasted.
pub const NOTE_MAX_CHARS: usize = 20_000;
/// Longest one-line text (justifications, names, values) that can be typed or pasted.
pub const LINE_MAX_CHARS: usize = 500;
/// What a tab becomes.
pub const TAB_AS_SPACES: &str = "    ";
/// The cursor mark drawn in the text.
const CURSOR: char = '▏';

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextInput {
    pub value: String,
    /// Cursor position in characters.
    pub cursor: usize,
    pub multiline: bool,
    /// Upper bound on what typing and pasting may reach, so a stuck key or a wrong paste
    /// cannot grow a note without end. Text loaded longer than this is kept.
    pub max_chars: usize,
    /// A prefilled short value is replaced by the first character typed, as in a form field.
    pub replace_on_type: bool,
    /// What the last edit could not do as asked, for the editor to show until the next edit.
    pub notice: Option<Notice>,
}

/// Something the editor tells the consultant about text that came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A key was refused: the text is at its limit.
    AtLimit { max: usize },
    /// A paste was refused whole: it would take the text past its limit.
    PasteTooLong { pasted: usize, room: usize },
    /// A one-line field joined a multi-line paste into one line.
    LinesJoined { lines: usize },
    /// Control characters in a paste were left out.
    ControlsLeftOut { count: usize },
    /// The text from the file is longer than typing may make it: kept whole.
    OverLimit { len: usize, max: usize },
}

impl Notice {
    pub fn text(&self) -> String {
        match *self {
            Notice::AtLimit { max } => format!("limit reached: this text holds at most {max} characters"),
            Notice::PasteTooLong { pasted, room } => {
                format!("paste refused: {pasted} characters, room for {room} (nothing was changed)")
            }
            Notice::LinesJoined { lines } => format!("pasted {lines} lines joined into one (this field is one line)"),
            Notice::ControlsLeftOut { count } => format!("{count} control characters in the paste were left out"),
            Notice::OverLimit { len, max } => {
                format!("kept whole: {len} characters, over the typing limit of {max}")
            }
        }
    }
}

/// What a key or paste did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    Edited,
    Submit,
    Cancel,
    Ignored,
    /// Nothing changed; [`TextInput::notice`] says why.
    Refused,
}

impl TextInput {
    pub fn new(value: &str, multiline: bool) -> TextInput {
        let max_chars = if multiline { NOTE_MAX_CHARS } else { LINE_MAX_CHARS };
        let len = value.chars().count();
        let notice = (len > max_chars).then_some(Notice::OverLimit { len, max: max_chars });
        TextInput { cursor: len, value: value.to_string(), multiline, max_chars, replace_on_type: false, notice }
    }

    /// A single-line field showing its current value, replaced as soon as the user types.
    pub fn prefilled(value: &str) -> TextInput {
        TextInput { replace_on_type: !value.is_empty(), ..TextInput::new(value, false) }
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.value.char_indices().nth(char_index).map_or(self.value.len(), |(i, _)| i)
    }

    fn len(&self) -> usize {
        self.value.chars().count()
    }

    /// Inserts typed text at the cursor if it fits under the limit.
    fn insert_str(&mut self, text: &str) -> InputOutcome {
        let added = text.chars().count();
        if self.len() + added > self.max_chars {
            let len = self.len();
            let max = self.max_chars;
            self.notice = Some(if len > max { Notice::OverLimit { len, max } } else { Notice::AtLimit { max } });
            return InputOutcome::Refused;
        }
        let at = self.byte_at(self.cursor);
        self.value.insert_str(at, text);
        self.cursor += added;
        InputOutcome::Edited
    }

    /// Types one character (control characters other than a line break are ignored).
    pub fn insert(&mut self, c: char) -> InputOutcome {
        match c {
            '\t' => self.insert_str(TAB_AS_SPACES),
            '\n' if self.multiline => self.insert_str("\n"),
            c if c.is_control() => InputOutcome::Ignored,
            c => self.insert_str(c.encode_utf8(&mut [0; 4])),
        }
    }

    /// Inserts pasted text at the cursor, whole or not at all (see the module rules).
    pub fn paste(&mut self, text: &str) -> InputOutcome {
        if std::mem::take(&mut self.replace_on_type) {
            self.value.clear();
            self.cursor = 0;
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut controls = 0;
        let mut clean = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\n' => clean.push('\n'),
                '\t' => clean.push_str(TAB_AS_SPACES),
                c if c.is_control() => controls += 1,
                c => clean.push(c),
            }
        }
        let mut joined = None;
        if !self.multiline {
            let lines: Vec<&str> = clean.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect();
            if lines.len() > 1 {
                joined = Some(lines.len());
            }
            clean = lines.join(" ");
        }
        let pasted = clean.chars().count();
        let room = self.max_chars.saturating_sub(self.len());
        if pasted > room {
            self.notice = Some(Notice::PasteTooLong { pasted, room });
            return InputOutcome::Refused;
        }
        let at = self.byte_at(self.cursor);
        self.value.insert_str(at, &clean);
        self.cursor += pasted;
        self.notice = match (joined, controls) {
            (Some(lines), _) => Some(Notice::LinesJoined { lines }),
            (None, 0) => None,
            (None, count) => Some(Notice::ControlsLeftOut { count }),
        };
        InputOutcome::Edited
    }

    /// Applies a key. Single-line: Enter submits, Esc cancels. Multi-line: Enter adds a line
    /// break, Esc or Ctrl-S keeps the text (a note is never thrown away by a stray Esc).
    pub fn handle(&mut self, key: &KeyEvent) -> InputOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if std::mem::take(&mut self.replace_on_type) && matches!(key.code, KeyCode::Char(_)) && !ctrl {
            self.value.clear();
            self.cursor = 0;
        }
        let over = self.len() > self.max_chars;
        self.notice = over.then_some(Notice::OverLimit { len: self.len(), max: self.max_chars });
        match key.code {
            KeyCode::Esc if self.multiline => InputOutcome::Submit,
            KeyCode::Esc => InputOutcome::Cancel,
            KeyCode::Char('s') if ctrl => InputOutcome::Submit,
            KeyCode::Enter if self.multiline => self.insert('\n'),
            KeyCode::Enter => InputOutcome::Submit,
            KeyCode::Tab if self.multiline => self.insert('\t'),
            KeyCode::Char('u') if ctrl => {
                self.value.clear();
                self.cursor = 0;
                self.notice = None;
                InputOutcome::Edited
            }
            KeyCode::Char(c) if !ctrl => self.insert(c),
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.remove_at_cursor()
            }
            KeyCode::Delete if self.cursor < self.len() => self.remove_at_cursor(),
            code => match self.moved_cursor(code) {
                Some(to) => {
                    self.cursor = to;
                    InputOutcome::Edited
                }
                None => InputOutcome::Ignored,
            },
        }
    }

    /// Removes the character under the cursor.
    fn remove_at_cursor(&mut self) -> InputOutcome {
        let (start, end) = (self.byte_at(self.cursor), self.byte_at(self.cursor + 1));
        self.value.replace_range(start..end, "");
        InputOutcome::Edited
    }

    /// Where a cursor key moves the cursor; none for other keys (and for Up and Down in a
    /// one-line box).
    fn moved_cursor(&self, code: KeyCode) -> Option<usize> {
        Some(match code {
            KeyCode::Left => self.cursor.saturating_sub(1),
            KeyCode::Right => (self.cursor + 1).min(self.len()),
            KeyCode::Up if self.multiline => self.line_start(self.cursor).saturating_sub(1),
            KeyCode::Down if self.multiline => (self.line_end(self.cursor) + 1).min(self.len()),
            KeyCode::Home => 0,
            KeyCode::End => self.len(),
            _ => return None,
        })
    }

    /// Character index where the line holding `at` starts.
    fn line_start(&self, at: usize) -> usize {
        let before: Vec<char> = self.value.chars().take(at).collect();
        before.iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1)
    }

    /// Character index of the line break ending the line holding `at` (or the end).
    fn line_end(&self, at: usize) -> usize {
        self.value.chars().skip(at).position(|c| c == '\n').map_or(self.len(), |i| at + i)
    }

    /// The text with a visible cursor mark, hazards shown as stand-ins, on one line.
    pub fn with_cursor(&self) -> String {
        let at = self.byte_at(self.cursor);
        format!("{}{CURSOR}{}", shown(&self.value[..at]), shown(&self.value[at..]))
    }

    /// The rows to draw in a box `width` columns wide and `height` rows high: the text with
    /// its cursor mark, wrapped by display width (a wide character that does not fit moves to
    /// the next row whole), scrolled so the cursor's row is always in view.
    pub fn rows(&self, width: usize, height: usize) -> Vec<String> {
        let width = width.max(2);
        let at = self.byte_at(self.cursor);
        let marked = format!("{}{CURSOR}{}", &self.value[..at], &self.value[at..]);
        let mut rows = Vec::new();
        let mut cursor_row = 0;
        for line in marked.split('\n') {
            let line = shown(line);
            let mut row = String::new();
            let mut used = 0;
            for grapheme in line.graphemes(true) {
                // A cluster wider than the box (a base with many spacing marks) is laid out
                // by its characters, so no row ever passes the width.
                let pieces: Vec<&str> = if grapheme.width() > width {
                    grapheme.char_indices().map(|(i, c)| &grapheme[i..i + c.len_utf8()]).collect()
                } else {
                    vec![grapheme]
                };
                for piece in pieces {
                    let w = piece.width();
                    if used + w > width && !row.is_empty() {
                        rows.push(std::mem::take(&mut row));
                        used = 0;
                    }
                    if piece.contains(CURSOR) {
                        cursor_row = rows.len();
                    }
                    row.push_str(piece);
                    used += w;
                }
            }
            rows.push(row);
        }
        let height = height.max(1);
        let first = (cursor_row + 1).saturating_sub(height);
        rows.into_iter().skip(first).take(height).collect()
    }
}

/// Text as the editor shows it: bidi and other hazards as visible stand-ins.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    sanitize::inert_line(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_unicode_by_character() {
        let mut input = TextInput::new("née", false);
        input.handle(&key(KeyCode::Left));
        input.handle(&key(KeyCode::Backspace));
        assert_eq!(input.value, "ne");
        input.handle(&key(KeyCode::Char('ü')));
        assert_eq!(input.value, "nüe");
        assert_eq!(input.handle(&key(KeyCode::Enter)), InputOutcome::Submit);
    }

    #[test]
    fn prefilled_value_is_replaced_by_typing_but_kept_on_enter() {
        let mut input = TextInput::prefilled("1.0");
        input.handle(&key(KeyCode::Char('2')));
        assert_eq!(input.value, "2");
        let mut kept = TextInput::prefilled("1.0");
        assert_eq!(kept.handle(&key(KeyCode::Enter)), InputOutcome::Submit);
        assert_eq!(kept.value, "1.0");
    }

    #[test]
    fn multiline_keeps_text_on_escape() {
        let mut input = TextInput::new("", true);
        input.handle(&key(KeyCode::Char('a')));
        input.handle(&key(KeyCode::Enter));
        input.handle(&key(KeyCode::Char('b')));
        assert_eq!(input.value, "a\nb");
        assert_eq!(input.handle(&key(KeyCode::Esc)), InputOutcome::Submit);
    }

    #[test]
    fn a_paste_into_one_line_is_joined_and_said_so() {
        let mut input = TextInput::new("", false);
        let pasted = "Fully remote company, no offices.\n2024 audit confirmed by the COO\n";
        assert_eq!(input.paste(pasted), InputOutcome::Edited);
        assert_eq!(input.value, "Fully remote company, no offices. 2024 audit confirmed by the COO");
        assert_eq!(input.notice, Some(Notice::LinesJoined { lines: 2 }));
        let mut note = TextInput::new("", true);
        note.paste("a\r\nb\tc\x1b");
        assert_eq!(note.value, "a\nb    c");
        assert_eq!(note.notice, Some(Notice::ControlsLeftOut { count: 1 }));
    }

    #[test]
    fn a_paste_past_the_limit_is_refused_whole() {
        let mut input = TextInput::new(&"x".repeat(LINE_MAX_CHARS - 3), false);
        assert_eq!(input.paste("abcd"), InputOutcome::Refused);
        assert_eq!(input.value.len(), LINE_MAX_CHARS - 3);
        assert_eq!(input.notice, Some(Notice::PasteTooLong { pasted: 4, room: 3 }));
        assert_eq!(input.paste("abc"), InputOutcome::Edited);
        assert_eq!(input.handle(&key(KeyCode::Char('d'))), InputOutcome::Refused);
        assert_eq!(input.notice, Some(Notice::AtLimit { max: LINE_MAX_CHARS }));
    }

    #[test]
    fn long_text_from_the_file_is_kept_whole_and_can_be_shortened() {
        let long = "y".repeat(900);
        let mut input = TextInput::new(&long, false);
        assert_eq!(input.value, long);
        assert_eq!(input.notice, Some(Notice::OverLimit { len: 900, max: LINE_MAX_CHARS }));
        assert_eq!(input.handle(&key(KeyCode::Char('z'))), InputOutcome::Refused);
        assert_eq!(input.handle(&key(KeyCode::Backspace)), InputOutcome::Edited);
        assert_eq!(input.value.len(), 899);
        assert_eq!(input.handle(&key(KeyCode::Enter)), InputOutcome::Submit);
    }

    #[test]
    fn a_typed_tab_is_kept_as_spaces_in_a_note() {
        let mut note = TextInput::new("a", true);
        note.handle(&key(KeyCode::Tab));
        note.handle(&key(KeyCode::Char('b')));
        assert_eq!(note.value, format!("a{TAB_AS_SPACES}b"));
    }

    proptest::proptest! {
        #[test]
        fn rows_never_pass_the_width_and_lose_no_text(text in ".{0,300}", width in 2usize..40, at in 0usize..300) {
            let mut input = TextInput::new(&text, true);
            input.cursor = at.min(input.len());
            let rows = input.rows(width, usize::MAX);
            for row in &rows {
                proptest::prop_assert!(row.width() <= width, "{:?} is wider than {}", row, width);
            }
            let shown: String = rows.concat().chars().filter(|&c| c != CURSOR).collect();
            let expected: String = text.split('\n').map(shown_text).collect();
            proptest::prop_assert_eq!(shown, expected);
        }

        #[test]
        fn a_paste_is_whole_or_nothing_and_never_passes_the_limit(
            start in ".{0,40}", pasted in any::<String>(), multiline in any::<bool>(), max in 1usize..80
        ) {
            let mut input = TextInput { max_chars: max, ..TextInput::new(&start, multiline) };
            let before = input.value.clone();
            match input.paste(&pasted) {
                InputOutcome::Refused => proptest::prop_assert_eq!(&input.value, &before),
                _ => {
                    proptest::prop_assert!(input.len() <= max.max(before.chars().count()));
                    proptest::prop_assert!(input.value.starts_with(&before));
                    // Inserted at the end: the cursor starts there.
                    let added = &input.value[before.len()..];
                    proptest::prop_assert!(!added.chars().any(|c| c.is_control() && c != '\n'));
                    proptest::prop_assert!(multiline || !added.contains('\n'));
                }
            }
        }
    }

    fn shown_text(line: &str) -> String {
        shown(line).into_owned()
    }

    use proptest::prelude::any;

    #[test]
    fn rows_fit_the_width_by_display_width_and_follow_the_cursor() {
        let input = TextInput::new("株式会社🇯🇵abc\u{202E}def", false);
        for row in input.rows(5, 10) {
            assert!(row.width() <= 5, "{row:?} is wider than 5");
        }
        let text: String = input.rows(5, 10).concat();
        assert!(text.contains("<U+202E>") && !text.contains('\u{202E}'), "{text}");
        let long = TextInput::new(&"line\n".repeat(50), true);
        let rows = long.rows(20, 3);
        assert_eq!(rows.len(), 3);
        assert!(rows.last().is_some_and(|r| r.contains(CURSOR)), "{rows:?}");
    }
}
