//! Every key the workshop screen understands, as one table. The handler looks keys up here
//! and the `?` overlay and footer hints are generated from the same rows, so what the help
//! says is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. `Global` applies everywhere unless a screen binds the key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Home,
    Profile,
    Question,
    Domains,
    Dashboard,
    Lists,
    Export,
}

impl Context {
    pub fn label(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Home => "Home",
            Context::Profile => "Profile",
            Context::Question => "Question",
            Context::Domains => "Domains",
            Context::Dashboard => "Dashboard",
            Context::Lists => "Recommendation, roadmap",
            Context::Export => "Export",
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
    ToggleDeepDive,
    Toggle,
    Export,
    Why,
    Home,
    Suspend,
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [KeyCode],
    pub ctrl: bool,
    pub action: Action,
    /// The full description for the help overlay.
    pub help: &'static str,
    /// One or two words for the footer.
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

use Action as A;
use Context as C;
use KeyCode as K;

/// Screen-specific rows come before global ones so a screen can reuse a key.
pub const KEYMAP: &[Binding] = &[
    bind(C::Home, &[K::Char('n')], A::NewAssessment, "new", "start a new assessment"),
    bind(C::Home, &[K::Enter], A::Open, "open", "resume the selected assessment"),
    bind(C::Question, &[K::Char('0')], A::Answer(0), "answer", "answer 0: not in place"),
    bind(C::Question, &[K::Char('1')], A::Answer(1), "answer", "answer 1: ad hoc"),
    bind(C::Question, &[K::Char('2')], A::Answer(2), "answer", "answer 2: documented"),
    bind(C::Question, &[K::Char('3')], A::Answer(3), "answer", "answer 3: implemented"),
    bind(C::Question, &[K::Char('4')], A::Answer(4), "answer", "answer 4: implemented, with evidence over time"),
    bind(C::Question, &[K::Char('n')], A::NotApplicable, "n/a", "not applicable (asks for the justification)"),
    bind(C::Question, &[K::Char('u')], A::Unknown, "ask later", "unknown: ask later (counts as a gap)"),
    bind(C::Question, &[K::Char('x')], A::ClearAnswer, "clear", "clear the answer"),
    bind(C::Question, &[K::Char('e')], A::EditNote, "note", "write or edit the note"),
    bind(
        C::Question,
        &[K::Char('p')],
        A::TogglePrivate,
        "private note",
        "mark the note consultant-only / client-visible",
    ),
    bind(
        C::Question,
        &[K::Char('d')],
        A::ToggleDeepDive,
        "deep-dive",
        "open or close this domain's deep-dive questions",
    ),
    bind(C::Question, &[K::Left, K::Char('h')], A::Up, "previous", "previous question"),
    bind(C::Question, &[K::Right, K::Char('l')], A::Down, "next", "next question"),
    bind(C::Domains, &[K::Enter], A::Open, "walk", "walk this domain's questions"),
    bind(C::Domains, &[K::Char('d')], A::ToggleDeepDive, "deep-dive", "open or close the deep-dive questions"),
    bind(C::Domains, &[K::Char('w')], A::Why, "why", "explain the domain's readiness: answers and weights"),
    bind(C::Dashboard, &[K::Char('w'), K::Enter], A::Why, "why", "explain the domain's readiness: answers and weights"),
    bind(C::Profile, &[K::Left, K::Char('h')], A::Left, "less", "previous value / less"),
    bind(C::Profile, &[K::Right, K::Char('l')], A::Right, "change", "next value / more"),
    bind(C::Profile, &[K::Char(' ')], A::Toggle, "tick", "tick or untick"),
    bind(C::Profile, &[K::Enter], A::Open, "type", "type a value"),
    bind(C::Export, &[K::Enter, K::Char('w')], A::Export, "write files", "write every deliverable"),
    bind(C::Global, &[K::Up, K::Char('k')], A::Up, "move", "move up"),
    bind(C::Global, &[K::Down, K::Char('j')], A::Down, "move", "move down"),
    bind(C::Global, &[K::PageUp], A::PageUp, "page", "page up"),
    bind(C::Global, &[K::PageDown], A::PageDown, "page", "page down"),
    bind(C::Global, &[K::Tab], A::NextView, "next view", "next view"),
    bind(C::Global, &[K::BackTab], A::PrevView, "previous view", "previous view"),
    bind(C::Global, &[K::Esc], A::Back, "back", "back / close"),
    bind(C::Global, &[K::Char('/')], A::Search, "find", "jump to a question by text or id"),
    bind(C::Global, &[K::Char('t')], A::ToggleTheme, "contrast", "high-contrast theme on/off"),
    bind(C::Global, &[K::Char('o')], A::Home, "other", "close this assessment and open another (home)"),
    bind(C::Global, &[K::Char('?')], A::Help, "help", "show every key"),
    bind(C::Global, &[K::Char('q')], A::Quit, "quit", "quit (answers are saved as given; asks first if a save failed)"),
    Binding { context: C::Global, keys: &[K::Char('c')], ctrl: true, action: A::Quit, help: "quit", short: "quit" },
    Binding {
        context: C::Global,
        keys: &[K::Char('z')],
        ctrl: true,
        action: A::Suspend,
        help: "suspend to the shell (fg resumes)",
        short: "suspend",
    },
];

/// The action a key press means in `context`, screen rows first.
pub fn lookup(context: Context, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let code = normalise(key.code);
    [context, Context::Global].into_iter().find_map(|ctx| {
        KEYMAP.iter().find(|b| b.context == ctx && b.ctrl == ctrl && b.keys.contains(&code)).map(|b| b.action)
    })
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

/// Short footer hint for the given actions, taken from the table.
pub fn hint(context: Context, actions: &[Action]) -> Vec<(String, &'static str)> {
    actions
        .iter()
        .filter_map(|&action| {
            [context, Context::Global]
                .into_iter()
                .find_map(|ctx| KEYMAP.iter().find(|b| b.context == ctx && b.action == action))
                .map(|b| (keys_label(b), b.short))
        })
        .collect()
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
}
