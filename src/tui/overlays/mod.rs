//! Pop-ups over the current view. Each module owns one overlay's state, update and drawing,
//! with its own keymap context. Adding one: a module, an [`Overlay`] variant, and an arm in
//! each of the three matches below.

pub mod choice;
pub mod evidence;
pub mod help;
pub mod justification;
pub mod locked;
pub mod new_client;
pub mod note;
pub mod profile_text;
pub mod search;
pub mod unsaved;
pub mod why;

use super::app::{App, Ctx};
use super::input::TextInput;
use super::keymap::{Action, Context};
use super::session::Session;
use super::widgets::{Scroll, centered};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help(help::Help),
    Why(why::Why),
    Search(search::Search),
    Choice(choice::Choice),
    Note(note::NoteEditor),
    Justification(justification::Justification),
    EvidenceSeen(evidence::EvidenceSeen),
    ProfileText(profile_text::ProfileText),
    NewClient(new_client::NewClient),
    Locked(locked::Locked),
    Unsaved(unsaved::Unsaved),
}

impl Overlay {
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help(_) | Overlay::Why(_) => Context::Reader,
            Overlay::Search(_) => Context::Search,
            Overlay::Choice(_) => Context::Choice,
            Overlay::Note(_) => Context::Note,
            Overlay::Justification(_) | Overlay::EvidenceSeen(_) | Overlay::ProfileText(_) | Overlay::NewClient(_) => {
                Context::TextField
            }
            Overlay::Locked(_) => Context::Locked,
            Overlay::Unsaved(_) => Context::Unsaved,
        }
    }

    /// The text editor of an overlay that takes text, for a paste.
    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self {
            Overlay::Search(o) => Some(&mut o.input),
            Overlay::Note(o) => Some(&mut o.input),
            Overlay::Justification(o) => Some(&mut o.input),
            Overlay::EvidenceSeen(o) => Some(&mut o.input),
            Overlay::ProfileText(o) => Some(&mut o.input),
            Overlay::NewClient(o) => Some(&mut o.input),
            Overlay::Help(_) | Overlay::Why(_) | Overlay::Choice(_) | Overlay::Locked(_) | Overlay::Unsaved(_) => None,
        }
    }

    /// Handles a key: `action` is what the keymap says it means here (none for typed text).
    /// Returns whether the overlay stays open.
    pub fn update(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        session: Option<&mut Session>,
        cx: &mut Ctx,
    ) -> bool {
        match self {
            Overlay::Help(o) => o.update(action, cx),
            Overlay::Why(o) => o.update(action, session.as_deref(), cx),
            Overlay::Search(o) => o.update(action, key, cx),
            Overlay::Choice(o) => o.update(action, session, cx),
            Overlay::Note(o) => o.update(action, key, session, cx),
            Overlay::Justification(o) => o.update(action, key, session, cx),
            Overlay::EvidenceSeen(o) => o.update(action, key, session, cx),
            Overlay::ProfileText(o) => o.update(action, key, session, cx),
            Overlay::NewClient(o) => o.update(action, key, cx),
            Overlay::Locked(o) => o.update(action, cx),
            Overlay::Unsaved(o) => o.update(action, cx),
        }
    }

    pub fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let boxed = match self {
            Overlay::Help(o) => o.draw(app, area),
            Overlay::Why(o) => o.draw(app, area),
            Overlay::Search(o) => o.draw(app, area),
            Overlay::Choice(o) => o.draw(app),
            Overlay::Note(o) => o.draw(app),
            Overlay::Justification(o) => o.draw(app),
            Overlay::EvidenceSeen(o) => o.draw(app),
            Overlay::ProfileText(o) => o.draw(app),
            Overlay::NewClient(o) => o.draw(app),
            Overlay::Locked(o) => o.draw(app),
            Overlay::Unsaved(o) => o.draw(app),
        };
        boxed.render(app, frame, area);
    }
}

/// What an overlay draws: a titled box of lines, centred, at most `width` x `height`.
pub struct Boxed {
    pub title: String,
    pub lines: Vec<Line<'static>>,
    pub width: u16,
    pub height: u16,
    pub scroll: Scroll,
}

impl Boxed {
    pub fn new(title: impl Into<String>, lines: Vec<Line<'static>>, width: u16, height: u16) -> Boxed {
        Boxed { title: title.into(), lines, width, height, scroll: Scroll::default() }
    }

    fn render(self, app: &App, frame: &mut Frame, area: Rect) {
        let t = app.theme;
        let rect = centered(area, self.width, self.height);
        frame.render_widget(Clear, rect);
        let block = Block::bordered().title(self.title).title_style(t.title()).border_style(t.accent()).style(t.base());
        let paragraph = Paragraph::new(self.lines).wrap(Wrap { trim: false }).scroll((self.scroll.offset, 0));
        frame.render_widget(paragraph.block(block), rect);
    }
}

/// The lines of a text box: the text wrapped to `width` columns, at most `rows` of it around
/// the cursor, then the editor's notice if it has one.
pub fn editor_lines(app: &App, input: &TextInput, width: u16, rows: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> =
        input.rows(usize::from(width.saturating_sub(2)), rows).into_iter().map(Line::from).collect();
    if let Some(notice) = input.notice {
        lines.push(Line::from(ratatui::text::Span::styled(notice.text(), app.theme.warn())));
    }
    lines
}

/// How a reading overlay (help, why) takes an action: scroll, quit, or close on anything else.
pub fn read(scroll: &mut Scroll, lines: usize, action: Option<Action>, cx: &mut Ctx) -> bool {
    match action {
        Some(a @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)) => {
            scroll.apply(a, lines);
            true
        }
        Some(Action::Quit) => {
            cx.send(super::app::Msg::Effect(super::app::Effect::Quit));
            false
        }
        // Esc, Enter and any other key close, so nobody gets stuck in a pop-up.
        _ => false,
    }
}

/// What Esc does in a box where something can be typed, the same in all of them: leave at
/// once when nothing was typed; otherwise say what would be lost and leave on the second Esc.
/// Typed text is never dropped without that second press.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Leave {
    initial: String,
    warned: bool,
}

impl Leave {
    pub fn new(initial: &str) -> Leave {
        Leave { initial: initial.to_string(), warned: false }
    }

    /// Esc was pressed with `current` in the box: whether to close now.
    pub fn escape(&mut self, current: &str) -> bool {
        let close = current == self.initial || self.warned;
        self.warned = !close;
        close
    }

    /// Esc and quit, the same in every one-line text box: Esc closes only as [`Leave::escape`]
    /// allows; quit asks the run loop to quit and leaves the box open, so what was typed is
    /// still there for the loop to keep. Returns whether the box stays open, or `None` for any
    /// other action.
    pub fn escape_or_quit(&mut self, action: Option<Action>, current: &str, cx: &mut Ctx) -> Option<bool> {
        match action {
            Some(Action::Cancel) => Some(!self.escape(current)),
            Some(Action::Quit) => {
                cx.send(super::app::Msg::Effect(super::app::Effect::Quit));
                Some(true)
            }
            _ => None,
        }
    }

    /// Whether `current` differs from what the box opened with: text typed, not yet kept.
    pub fn typed(&self, current: &str) -> bool {
        current != self.initial
    }

    /// Any other key: the next Esc asks again.
    pub fn other_key(&mut self) {
        self.warned = false;
    }

    /// The warning line while a second Esc would drop typed text.
    pub fn warning(&self, t: super::theme::Theme, keep: &str) -> Option<Line<'static>> {
        let text = format!("Esc again drops what you typed; {keep} keeps it");
        self.warned.then(|| Line::from(ratatui::text::Span::styled(text, t.bad())))
    }
}
