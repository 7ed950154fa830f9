//! Text typed into the app's editors rather than keys: a paste goes to the open editor as
//! text, and text typed but not yet submitted when the session ends (a signal, a closed
//! terminal, Ctrl-C) is taken out for the run loop to keep, then reopened in its editor.

use super::app::{App, Effect};
use super::overlays::{self, Overlay};
use super::profile_form::Field;
use super::session::Session;
use super::views::View;

/// Text typed in an editor still open when the session ends without it being submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedText {
    Note {
        question: String,
        text: String,
        private: bool,
    },
    Justification {
        question: String,
        text: String,
    },
    /// The reference to evidence seen for the question's answer.
    Evidence {
        question: String,
        text: String,
    },
    Profile {
        field: Field,
        text: String,
    },
}

impl App {
    /// A paste: text for the open editor, never keys. With no editor open it is ignored, with
    /// a message, so pasted text can never answer a question or run a command.
    pub fn handle_paste(&mut self, text: &str) -> Vec<Effect> {
        match self.overlay.as_mut().and_then(Overlay::input_mut) {
            Some(input) => {
                input.paste(text);
            }
            None => {
                self.message = Some("paste ignored: open a note (e) or a text field first".into());
                return Vec::new();
            }
        }
        if let Some(Overlay::Search(search)) = self.overlay.as_mut() {
            search.refresh(&self.questionnaire);
        }
        Vec::new()
    }

    /// Takes the text of an editor still open, for the run loop to keep when the session ends
    /// without the consultant submitting it (a signal, a closed terminal, Ctrl-C).
    pub fn take_typed_text(&mut self) -> Option<TypedText> {
        let question = self
            .session
            .as_ref()
            .and_then(Session::current_question)
            .map(|qi| self.questionnaire.questions[qi].id.clone())
            .unwrap_or_default();
        let typed = match self.overlay.as_ref()? {
            Overlay::Note(o) => TypedText::Note { question, text: o.input.value.clone(), private: o.private },
            Overlay::Justification(o) if !o.input.value.trim().is_empty() => {
                TypedText::Justification { question, text: o.input.value.clone() }
            }
            Overlay::EvidenceSeen(o) if !o.input.value.trim().is_empty() && o.leave.typed(&o.input.value) => {
                TypedText::Evidence { question, text: o.input.value.clone() }
            }
            Overlay::ProfileText(o) if !o.input.replace_on_type => {
                TypedText::Profile { field: o.field, text: o.input.value.clone() }
            }
            _ => return None,
        };
        self.overlay = None;
        Some(typed)
    }

    /// Keeps a note typed when the session ended: a note is never thrown away (as with Esc).
    /// Returns whether it changed the answer (the caller saves).
    pub fn keep_note(&mut self, question: &str, text: &str, private: bool) -> bool {
        let Some(qi) = self.questionnaire.questions.iter().position(|q| q.id == question) else { return false };
        let Some(session) = self.session.as_mut() else { return false };
        session.jump_to(&self.questionnaire, qi);
        let note = text.trim_end().to_string();
        let private = private && !note.is_empty();
        let changed = session
            .update_answer(&self.questionnaire, |a| {
                a.note = note;
                a.note_private = private;
            })
            .is_ok();
        if changed {
            self.unsaved += 1;
        }
        changed
    }

    /// Opens the editor again with text typed in an earlier session that ended before it was
    /// submitted.
    pub(super) fn restore_typed_text(&mut self, typed: TypedText) {
        let Some(session) = self.session.as_mut() else { return };
        let find = |id: &str| self.questionnaire.questions.iter().position(|q| q.id == id);
        let overlay = match typed {
            TypedText::Note { question, text, private } => find(&question).map(|qi| {
                session.jump_to(&self.questionnaire, qi);
                Overlay::Note(overlays::note::NoteEditor::new(&text, private))
            }),
            TypedText::Justification { question, text } => find(&question).map(|qi| {
                session.jump_to(&self.questionnaire, qi);
                let excludes = overlays::justification::Excludes::of(self.catalog, &self.questionnaire.questions[qi]);
                Overlay::Justification(overlays::justification::Justification::new(&text, excludes))
            }),
            TypedText::Evidence { question, text } => find(&question).map(|qi| {
                session.jump_to(&self.questionnaire, qi);
                Overlay::EvidenceSeen(overlays::evidence::EvidenceSeen::new(&text))
            }),
            TypedText::Profile { field, text } => {
                let mut editor = overlays::profile_text::ProfileText::new(field, &text);
                editor.input.replace_on_type = false;
                Some(Overlay::ProfileText(editor))
            }
        };
        let Some(overlay) = overlay else { return };
        self.view = if matches!(overlay, Overlay::ProfileText(_)) { View::Profile } else { View::Question };
        self.overlay = Some(overlay);
        self.message =
            Some("restored text typed before crosswalk was interrupted: Enter keeps it, Esc drops it".into());
    }
}
