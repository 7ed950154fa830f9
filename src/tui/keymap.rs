//! Every key the workshop understands, as one table. Views and overlays look keys up here,
//! and the `?` overlay and every footer or overlay hint are generated from the same rows, so
//! what the help says is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. A context falls back along [`Context::fallbacks`]: views to
/// `Global`, text fields to the editing keys; everything ends at `Always` (Ctrl-C).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Always,
    Global,
    Home,
    Profile,
    Question,
    Domains,
    Dashboard,
    Lists,
    Export,
    /// Help and why: read-only text that scrolls.
    Reader,
    Search,
    /// Choosing a profile value from a list.
    Choice,
    Note,
    /// One-line text boxes: n/a justification, profile values, the new client's name.
    TextField,
    /// Editing keys shared by every text box (the editor itself handles them).
    TextEdit,
    Locked,
    /// Leaving while changes are not saved.
    Unsaved,
}

impl Context {
    /// The order the help overlay lists contexts in.
    pub const ALL: [Context; 17] = [
        Context::Global,
        Context::Always,
        Context::Home,
        Context::Profile,
        Context::Question,
        Context::Domains,
        Context::Dashboard,
        Context::Lists,
        Context::Export,
        Context::Reader,
        Context::Search,
        Context::Choice,
        Context::Note,
        Context::TextField,
        Context::TextEdit,
        Context::Locked,
        Context::Unsaved,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Context::Always => "Everywhere, even while typing",
            Context::Global => "Everywhere",
            Context::Home => "Home",
            Context::Profile => "Profile",
            Context::Question => "Question",
            Context::Domains => "Domains",
            Context::Dashboard => "Dashboard",
            Context::Lists => "Recommendation, roadmap",
            Context::Export => "Export",
            Context::Reader => "Help and why",
            Context::Search => "Find a question",
            Context::Choice => "Choosing a value",
            Context::Note => "Note editor",
            Context::TextField => "Text boxes (justification, profile values, client name)",
            Context::TextEdit => "Editing text",
            Context::Locked => "Assessment in use",
            Context::Unsaved => "Leaving with changes not saved",
        }
    }

    /// Where a key not bound here is looked up next, in order.
    pub fn fallbacks(self) -> &'static [Context] {
        match self {
            Context::Always => &[],
            Context::Search | Context::Note | Context::TextField => &[Context::TextEdit, Context::Always],
            Context::Reader
            | Context::Locked
            | Context::Unsaved
            | Context::TextEdit
            | Context::Global
            | Context::Choice => &[Context::Always],
            _ => &[Context::Global, Context::Always],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    NextView,
    PrevView,
    Back,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Open,
    Search,
    ToggleTheme,
    NewAssessment,
    Answer(u8),
    NotApplicable,
    Unknown,
    ClearAnswer,
    EditNote,
    TogglePrivate,
    /// Record (or change) the reference of evidence the consultant inspected.
    EvidenceSeen,
    /// Start (or continue) a consultant-only note, masked from the first key.
    PrivateNote,
    /// Show a consultant-only note on screen until the question is left.
    RevealNote,
    ToggleDeepDive,
    Toggle,
    Export,
    Why,
    Home,
    /// Close an overlay without changing anything.
    Close,
    /// Accept what was typed.
    Submit,
    /// Leave a text box without applying what was typed.
    Cancel,
    /// Keep the note as typed and close the editor.
    KeepNote,
    /// Open the locked assessment read-only.
    ReadOnly,
    /// A key the text editor itself handles (listed so help is complete).
    Edit,
    /// Stop to the shell as Ctrl-Z does; `fg` resumes.
    Suspend,
    /// Try the failed save again.
    Retry,
    /// Write every answer to a new file outside the data folder.
    SaveCopy,
    /// Leave although the changes are not saved.
    LoseChanges,
    Undo,
    Redo,
    Rename,
    Duplicate,
    Archive,
    /// Record which attendee gave the answer (the next one, then nobody).
    GivenBy,
    /// The agenda's session: longer or shorter by one step.
    Longer,
    Shorter,
    /// The next question still open (unanswered or to ask later).
    NextOpen,
    PrevOpen,
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [KeyCode],
    pub ctrl: bool,
    pub action: Action,
    /// The full description for the help overlay.
    pub help: &'static str,
    /// One or two words for footers and overlay hints.
    pub short: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [KeyCode],
    action: Action,
    short: &'static str,
    help: &'static str,
) -> Binding {
    Binding { context, keys, ctrl: false, action, help, short }
}

const fn ctrl(
    context: Context,
    keys: &'static [KeyCode],
    action: Action,
    short: &'static str,
    help: &'static str,
) -> Binding {
    Binding { context, keys, ctrl: true, action, help, short }
}

use Action as A;
use Context as C;
use KeyCode as K;

/// Rows of a context are looked up before its fallbacks, so a screen can reuse a key.
pub const KEYMAP: &[Binding] = &[
    bind(C::Home, &[K::Char('n')], A::NewAssessment, "new", "start a new assessment"),
    bind(C::Home, &[K::Enter], A::Open, "open", "resume the selected assessment"),
    bind(C::Home, &[K::Char('r')], A::Rename, "rename", "rename the selected assessment's client"),
    bind(C::Home, &[K::Char('c')], A::Duplicate, "copy", "copy the selected assessment for another client"),
    bind(C::Home, &[K::Char('a')], A::Archive, "archive", "move the selected assessment into archive/ (press twice)"),
    bind(C::Question, &[K::Char('0')], A::Answer(0), "answer", "answer 0: not in place"),
    bind(C::Question, &[K::Char('1')], A::Answer(1), "answer", "answer 1: ad hoc"),
    bind(C::Question, &[K::Char('2')], A::Answer(2), "answer", "answer 2: documented"),
    bind(C::Question, &[K::Char('3')], A::Answer(3), "answer", "answer 3: implemented"),
    bind(C::Question, &[K::Char('4')], A::Answer(4), "answer", "answer 4: implemented, with evidence over time"),
    bind(C::Question, &[K::Char('n')], A::NotApplicable, "n/a", "not applicable (asks for the justification)"),
    bind(C::Question, &[K::Char('u')], A::Unknown, "ask later", "unknown: ask later (not assessed until confirmed)"),
    bind(
        C::Question,
        &[K::Char('v')],
        A::EvidenceSeen,
        "evidence seen",
        "mark evidence you inspected for this answer, with its reference (else self-reported)",
    ),
    bind(C::Question, &[K::Char('x')], A::ClearAnswer, "clear", "clear the answer"),
    bind(C::Question, &[K::Char('e')], A::EditNote, "note", "write or edit the note"),
    bind(
        C::Question,
        &[K::Char('c')],
        A::PrivateNote,
        "private",
        "write a consultant-only note: masked while typed, hidden on screen",
    ),
    bind(C::Question, &[K::Char('p')], A::TogglePrivate, "private", "mark the note consultant-only / client-visible"),
    bind(
        C::Question,
        &[K::Char('r')],
        A::RevealNote,
        "reveal",
        "show the consultant-only note until you leave the question",
    ),
    bind(
        C::Question,
        &[K::Char('d')],
        A::ToggleDeepDive,
        "deep-dive",
        "open or close this domain's deep-dive questions",
    ),
    bind(
        C::Question,
        &[K::Char(']'), K::Char('>')],
        A::NextOpen,
        "next open",
        "next question not yet answered (or to ask later)",
    ),
    bind(
        C::Question,
        &[K::Char('['), K::Char('<')],
        A::PrevOpen,
        "previous open",
        "previous question not yet answered",
    ),
    bind(
        C::Question,
        &[K::Char('g')],
        A::GivenBy,
        "given by",
        "who gave the answer: the next attendee (profile), then nobody",
    ),
    bind(C::Question, &[K::Left, K::Char('h')], A::Up, "previous", "previous question"),
    bind(C::Question, &[K::Right, K::Char('l')], A::Down, "next", "next question"),
    bind(C::Domains, &[K::Enter], A::Open, "walk", "walk this domain's questions"),
    bind(C::Domains, &[K::Char('d')], A::ToggleDeepDive, "deep-dive", "open or close the deep-dive questions"),
    bind(C::Domains, &[K::Char('w')], A::Why, "why", "explain the domain's readiness: answers and weights"),
    bind(C::Domains, &[K::Char('+'), K::Char('=')], A::Longer, "longer", "agenda: a longer session (budgets grow)"),
    bind(C::Domains, &[K::Char('-')], A::Shorter, "shorter", "agenda: a shorter session"),
    bind(C::Dashboard, &[K::Char('w'), K::Enter], A::Why, "why", "explain the domain's readiness: answers and weights"),
    bind(C::Profile, &[K::Char(' ')], A::Toggle, "tick", "tick or untick a checkbox"),
    bind(C::Profile, &[K::Enter], A::Open, "edit", "edit the value: type it, or choose it from a list"),
    bind(C::Export, &[K::Enter, K::Char('w')], A::Export, "write files", "write every deliverable"),
    bind(C::Global, &[K::Up, K::Char('k')], A::Up, "move", "move up"),
    bind(C::Global, &[K::Down, K::Char('j')], A::Down, "move", "move down"),
    bind(C::Global, &[K::PageUp], A::PageUp, "page", "page up"),
    bind(C::Global, &[K::PageDown], A::PageDown, "page", "page down"),
    bind(C::Global, &[K::Tab], A::NextView, "next view", "next view"),
    bind(C::Global, &[K::BackTab], A::PrevView, "previous view", "previous view"),
    bind(C::Global, &[K::Esc], A::Back, "back", "back / close"),
    bind(C::Global, &[K::Char('/')], A::Search, "find", "jump to a question by text or id"),
    bind(C::Global, &[K::Char('z')], A::Undo, "undo", "undo the last answer or profile change (several steps)"),
    bind(C::Global, &[K::Char('y')], A::Redo, "redo", "redo what was undone"),
    bind(C::Global, &[K::Char('t')], A::ToggleTheme, "contrast", "high-contrast theme on/off"),
    bind(C::Global, &[K::Char('o')], A::Home, "other", "close this assessment and open another (home)"),
    bind(C::Global, &[K::Char('?')], A::Help, "help", "show every key"),
    bind(C::Global, &[K::Char('q')], A::Quit, "quit", "quit (answers are saved as given; asks first if a save failed)"),
    ctrl(C::Always, &[K::Char('c')], A::Quit, "quit", "quit; text being typed is kept first"),
    ctrl(C::Always, &[K::Char('z')], A::Suspend, "suspend", "suspend to the shell (fg resumes where you were)"),
    bind(C::Reader, &[K::Up, K::Char('k')], A::Up, "scroll", "scroll up"),
    bind(C::Reader, &[K::Down, K::Char('j')], A::Down, "scroll", "scroll down"),
    bind(C::Reader, &[K::PageUp], A::PageUp, "page", "page up"),
    bind(C::Reader, &[K::PageDown], A::PageDown, "page", "page down"),
    bind(C::Reader, &[K::Char('q')], A::Quit, "quit", "quit"),
    bind(C::Reader, &[K::Esc, K::Enter], A::Close, "close", "close (any other key closes too)"),
    bind(C::Search, &[K::Up], A::Up, "choose", "previous match"),
    bind(C::Search, &[K::Down], A::Down, "choose", "next match"),
    bind(C::Search, &[K::Enter], A::Submit, "jump", "show the chosen question"),
    ctrl(C::Search, &[K::Char('s')], A::Submit, "jump", "show the chosen question"),
    bind(C::Search, &[K::Esc], A::Cancel, "close", "close without jumping"),
    bind(C::Note, &[K::Enter], A::Edit, "new line", "start a new line"),
    ctrl(C::Note, &[K::Char('s')], A::KeepNote, "keep the note", "keep the note and close the editor"),
    bind(C::Note, &[K::Esc], A::Cancel, "leave", "leave the editor (asks first if that would drop typed text)"),
    ctrl(C::Note, &[K::Char('p')], A::TogglePrivate, "private", "consultant-only (masked) / client-visible"),
    ctrl(C::Note, &[K::Char('r')], A::RevealNote, "reveal", "show / mask a consultant-only note while typing"),
    bind(C::TextField, &[K::Enter], A::Submit, "done", "accept what was typed"),
    ctrl(C::TextField, &[K::Char('s')], A::Submit, "done", "accept what was typed"),
    bind(
        C::TextField,
        &[K::Esc],
        A::Cancel,
        "leave",
        "leave, the value as it was (asks first if that would drop typed text)",
    ),
    bind(C::Choice, &[K::Up, K::Char('k')], A::Up, "choose", "previous option"),
    bind(C::Choice, &[K::Down, K::Char('j')], A::Down, "choose", "next option"),
    bind(C::Choice, &[K::Enter, K::Char(' ')], A::Submit, "set", "set the chosen option"),
    bind(C::Choice, &[K::Esc], A::Cancel, "leave", "leave, the value as it was"),
    bind(C::TextEdit, &[K::Left, K::Right], A::Edit, "move", "move the cursor"),
    bind(C::TextEdit, &[K::Home, K::End], A::Edit, "start/end", "to the start / end"),
    bind(C::TextEdit, &[K::Backspace, K::Delete], A::Edit, "delete", "delete before / after the cursor"),
    ctrl(C::TextEdit, &[K::Char('u')], A::Edit, "clear", "clear the text"),
    bind(C::Locked, &[K::Char('r')], A::ReadOnly, "open read-only", "open read-only"),
    bind(C::Locked, &[K::Esc, K::Enter], A::Close, "back", "back to where you were"),
    bind(C::Unsaved, &[K::Char('r')], A::Retry, "retry", "try saving again"),
    bind(
        C::Unsaved,
        &[K::Char('c')],
        A::SaveCopy,
        "save a copy",
        "save every answer in a new file outside the data folder",
    ),
    bind(C::Unsaved, &[K::Char('l')], A::LoseChanges, "lose them", "leave and lose the changes not saved"),
    bind(C::Unsaved, &[K::Esc], A::Close, "back", "back to the workshop"),
];

/// The binding a key press means in `context`: its own rows first, then its fallbacks.
pub fn binding(context: Context, key: &KeyEvent) -> Option<&'static Binding> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let code = normalise(key.code);
    std::iter::once(context)
        .chain(context.fallbacks().iter().copied())
        .find_map(|ctx| KEYMAP.iter().find(|b| b.context == ctx && b.ctrl == ctrl && b.keys.contains(&code)))
}

/// The action a key press means in `context`.
pub fn lookup(context: Context, key: &KeyEvent) -> Option<Action> {
    binding(context, key).map(|b| b.action)
}

/// Shift+letter arrives as an upper-case char on some terminals: treat `Q` like `q`.
fn normalise(code: KeyCode) -> KeyCode {
    match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    }
}

pub fn key_name(code: KeyCode) -> String {
    match code {
        K::Char(' ') => "Space".into(),
        K::Char(c) => c.to_string(),
        K::Enter => "Enter".into(),
        K::Esc => "Esc".into(),
        K::Tab => "Tab".into(),
        K::BackTab => "Shift-Tab".into(),
        K::Up => "↑".into(),
        K::Down => "↓".into(),
        K::Left => "←".into(),
        K::Right => "→".into(),
        K::PageUp => "PgUp".into(),
        K::PageDown => "PgDn".into(),
        other => format!("{other:?}"),
    }
}

/// "↑/k" style label for a binding.
pub fn keys_label(binding: &Binding) -> String {
    let names: Vec<String> = binding.keys.iter().map(|&k| key_name(k)).collect();
    let joined = names.join("/");
    if binding.ctrl { format!("Ctrl-{joined}") } else { joined }
}

/// The first binding of `action` seen from `context`.
fn find(context: Context, action: Action) -> Option<&'static Binding> {
    std::iter::once(context)
        .chain(context.fallbacks().iter().copied())
        .find_map(|ctx| KEYMAP.iter().find(|b| b.context == ctx && b.action == action))
}

/// Short hints for the given actions, taken from the table: (keys, words).
pub fn hint(context: Context, actions: &[Action]) -> Vec<(String, &'static str)> {
    actions.iter().filter_map(|&action| find(context, action)).map(|b| (keys_label(b), b.short)).collect()
}

/// The same hints as one line of text, for overlay titles and captions; neighbours that say
/// the same share the words: "↑/k ↓/j scroll, Esc/Enter close".
pub fn hint_text(context: Context, actions: &[Action]) -> String {
    let mut parts: Vec<(String, &str)> = Vec::new();
    for (keys, words) in hint(context, actions) {
        match parts.last_mut() {
            Some((last_keys, last_words)) if *last_words == words => {
                last_keys.push(' ');
                last_keys.push_str(&keys);
            }
            _ => parts.push((keys, words)),
        }
    }
    parts.iter().map(|(keys, words)| format!("{keys} {words}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                let clash = a.context == b.context && a.ctrl == b.ctrl && a.keys.iter().any(|k| b.keys.contains(k));
                assert!(!clash, "{:?} and {:?} share a key in {:?}", a.action, b.action, a.context);
            }
        }
    }

    #[test]
    fn screen_binding_wins_over_global() {
        let key = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(lookup(Context::Home, &key), Some(Action::Open));
        let q = KeyEvent::new(KeyCode::Char('Q'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Context::Question, &q), Some(Action::Quit));
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Context::Question, &c), Some(Action::Quit));
    }

    #[test]
    fn typing_in_a_text_box_never_reaches_a_command_key() {
        for context in [Context::Note, Context::TextField, Context::Search] {
            for c in ('a'..='z').chain('0'..='9').chain("/?- ".chars()) {
                let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                assert_eq!(lookup(context, &key), None, "{c:?} in {context:?}");
            }
            let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
            assert_eq!(lookup(context, &ctrl_c), Some(Action::Quit), "Ctrl-C works while typing");
        }
    }
}
