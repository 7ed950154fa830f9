//! A small text editor for names, justifications and multi-line notes. Works in characters,
//! not bytes, so any Unicode the client dictates is safe to edit.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextInput {
    pub value: String,
    /// Cursor position in characters.
    pub cursor: usize,
    pub multiline: bool,
    /// Upper bound on length so a stuck key cannot grow a note without end.
    pub max_chars: usize,
    /// A prefilled short value is replaced by the first character typed, as in a form field.
    pub replace_on_type: bool,
}

/// What a key did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    Edited,
    Submit,
    Cancel,
    Ignored,
}

impl TextInput {
    pub fn new(value: &str, multiline: bool) -> TextInput {
        let max_chars = if multiline { 20_000 } else { 500 };
        let value: String = value.chars().take(max_chars).collect();
        TextInput { cursor: value.chars().count(), value, multiline, max_chars, replace_on_type: false }
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

    pub fn insert(&mut self, c: char) {
        if self.len() >= self.max_chars || (c.is_control() && c != '\n') {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.value.insert(at, c);
        self.cursor += 1;
    }

    /// Applies a key. Single-line: Enter submits, Esc cancels. Multi-line: Enter adds a line
    /// break, Esc or Ctrl-S keeps the text (a note is never thrown away by a stray Esc).
    pub fn handle(&mut self, key: &KeyEvent) -> InputOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if std::mem::take(&mut self.replace_on_type) && matches!(key.code, KeyCode::Char(_)) && !ctrl {
            self.value.clear();
            self.cursor = 0;
        }
        match key.code {
            KeyCode::Esc if self.multiline => InputOutcome::Submit,
            KeyCode::Esc => InputOutcome::Cancel,
            KeyCode::Char('s') if ctrl => InputOutcome::Submit,
            KeyCode::Enter if self.multiline => {
                self.insert('\n');
                InputOutcome::Edited
            }
            KeyCode::Enter => InputOutcome::Submit,
            KeyCode::Char('u') if ctrl => {
                self.value.clear();
                self.cursor = 0;
                InputOutcome::Edited
            }
            KeyCode::Char(c) if !ctrl => {
                self.insert(c);
                InputOutcome::Edited
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let start = self.byte_at(self.cursor - 1);
                let end = self.byte_at(self.cursor);
                self.value.replace_range(start..end, "");
                self.cursor -= 1;
                InputOutcome::Edited
            }
            KeyCode::Delete if self.cursor < self.len() => {
                let start = self.byte_at(self.cursor);
                let end = self.byte_at(self.cursor + 1);
                self.value.replace_range(start..end, "");
                InputOutcome::Edited
            }
            KeyCode::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                InputOutcome::Edited
            }
            KeyCode::Right => {
                self.cursor = (self.cursor + 1).min(self.len());
                InputOutcome::Edited
            }
            KeyCode::Home => {
                self.cursor = 0;
                InputOutcome::Edited
            }
            KeyCode::End => {
                self.cursor = self.len();
                InputOutcome::Edited
            }
            _ => InputOutcome::Ignored,
        }
    }

    /// The text with a visible cursor mark, for rendering.
    pub fn with_cursor(&self) -> String {
        let at = self.byte_at(self.cursor);
        format!("{}▏{}", &self.value[..at], &self.value[at..])
    }
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
}
