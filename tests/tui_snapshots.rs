//! Snapshot of every screen and overlay at the smallest supported size (80x24), a common one
//! (100x30) and a large one (160x48), reached by synthetic keys from a fresh state, as a
//! consultant would.

mod common;

use common::{ANSWER_SCRIPT, PROFILE_SCRIPT, fresh_app, screen, send};
use crosswalk::tui::app::{App, Outcome};
use crosswalk::tui::overlays::{Overlay, locked::Locked};
use crosswalk::tui::theme::{Theme, ThemeKind};
use crosswalk::tui::views::View;
use crosswalk::tui::views::home::HomeEntry;
use crosswalk::{Catalog, Questionnaire};
use insta::assert_snapshot;
use std::path::PathBuf;

const SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (160, 48)];

/// A workshop in progress: the profile filled and a dozen questions answered.
fn workshop() -> App {
    let mut app = fresh_app();
    send(&mut app, PROFILE_SCRIPT);
    send(&mut app, "<Tab>");
    send(&mut app, ANSWER_SCRIPT);
    app
}

fn snapshot_each_size(name: &str, app: &App) {
    for (w, h) in SIZES {
        assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

fn at_view(view: View) -> App {
    let mut app = workshop();
    // Tab from the question view to the wanted view: the real key path.
    let steps = View::ALL.iter().position(|&v| v == view).unwrap_or(0) + View::ALL.len() - 1;
    for _ in 0..steps % View::ALL.len() {
        send(&mut app, "<Tab>");
    }
    assert_eq!(app.view, view);
    app
}

#[test]
fn home_screen() {
    let mut app = App::new(Catalog::embedded(), Questionnaire::embedded(), Theme { kind: ThemeKind::Default });
    app.on_outcome(Outcome::Listed(vec![
        HomeEntry {
            client: "Northwind Analytics".into(),
            updated: "2026-11-20 16:05".into(),
            progress: "58/117".into(),
            file: "northwind-analytics.toml".into(),
            path: PathBuf::from("northwind-analytics.toml"),
            error: None,
        },
        HomeEntry {
            client: "?".into(),
            updated: String::new(),
            progress: String::new(),
            file: "broken.toml".into(),
            path: PathBuf::from("broken.toml"),
            error: Some("line 3: bad level".into()),
        },
    ]));
    send(&mut app, "<Down>");
    snapshot_each_size("home", &app);
    send(&mut app, "n");
    assert!(matches!(app.overlay, Some(Overlay::NewClient(_))));
    send(&mut app, "Contoso");
    snapshot_each_size("home_new_client", &app);
}

#[test]
fn profile_screen() {
    let mut app = fresh_app();
    assert_eq!(app.view, View::Profile, "a new assessment starts on the profile");
    send(&mut app, PROFILE_SCRIPT);
    let p = &app.session.as_ref().expect("an open assessment").assessment.profile;
    assert_eq!((p.buyers.north_america, p.buyers.europe), (60, 40));
    assert_eq!(p.team_fte, 1.5);
    assert_eq!(p.deadlines.first().map(|d| (d.name.as_str(), d.weeks)), Some(("US enterprise deal", 20)));
    snapshot_each_size("profile", &app);
}

#[test]
fn question_screen() {
    snapshot_each_size("question", &at_view(View::Question));
}

#[test]
fn question_with_note_and_na() {
    let mut app = workshop();
    send(&mut app, "/GOV-05<Enter>");
    snapshot_each_size("question_note", &app);
}

#[test]
fn domains_screen() {
    let mut app = at_view(View::Domains);
    send(&mut app, "<Down><Down>d");
    snapshot_each_size("domains", &app);
}

#[test]
fn dashboard_screen() {
    snapshot_each_size("dashboard", &at_view(View::Dashboard));
}

#[test]
fn recommendation_screen() {
    snapshot_each_size("recommendation", &at_view(View::Recommendation));
}

#[test]
fn roadmap_screen() {
    snapshot_each_size("roadmap", &at_view(View::Roadmap));
}

#[test]
fn export_screen() {
    snapshot_each_size("export", &at_view(View::Export));
}

#[test]
fn help_overlay() {
    let mut app = workshop();
    send(&mut app, "?");
    snapshot_each_size("help", &app);
}

#[test]
fn search_overlay() {
    let mut app = workshop();
    send(&mut app, "/backup");
    snapshot_each_size("search", &app);
}

#[test]
fn note_editor() {
    let mut app = workshop();
    send(&mut app, "eLine one<Enter>Line two | with a pipe");
    snapshot_each_size("note_editor", &app);
}

#[test]
fn locked_notice() {
    let mut app = workshop();
    app.on_outcome(Outcome::Locked {
        path: PathBuf::from("northwind-analytics.toml"),
        message: "northwind-analytics.toml is open in another crosswalk (pid 4242 since 2026-11-25T09:00:00Z); it can still be opened read-only".into(),
    });
    assert!(matches!(app.overlay, Some(Overlay::Locked(Locked { .. }))));
    snapshot_each_size("locked", &app);
}

#[test]
fn too_small_terminal_asks_to_enlarge() {
    let app = workshop();
    let text = screen(&app, 60, 20);
    assert!(text.contains("Please enlarge the terminal to at least 80x24 (now 60x20)"), "{text}");
    assert_snapshot!("too_small_60x20", text);
}

#[test]
fn why_overlay_explains_a_domain() {
    let mut app = at_view(View::Dashboard);
    send(&mut app, "w");
    assert!(
        matches!(&app.overlay, Some(Overlay::Why(why)) if why.domain == 0),
        "w on the dashboard explains the first domain"
    );
    let text = screen(&app, 160, 48);
    assert!(text.contains("GOV-01") && text.contains("SOC 2 wt"), "{text}");
    snapshot_each_size("why", &app);
    send(&mut app, "x");
    assert_eq!(app.overlay, None, "any other key closes");
}

#[test]
fn help_scrolls_with_arrows_and_closes_on_other_keys() {
    let mut app = workshop();
    send(&mut app, "?<Down><Down><Down>");
    assert!(matches!(&app.overlay, Some(Overlay::Help(help)) if help.scroll.offset == 3));
    let scrolled = screen(&app, 80, 24);
    assert!(!scrolled.contains("move up"), "the first rows scrolled away:\n{scrolled}");
    send(&mut app, "x");
    assert_eq!(app.overlay, None);
}

/// Colour carries meaning on a projector, so it is checked on the buffer itself.
#[test]
fn themes_default_high_contrast_and_no_color() {
    use ratatui::style::Color;
    let selected_tab_bg = |app: &App| {
        let terminal = crosswalk::tui::render_to_buffer(app, 100, 30);
        // The question view is the second tab; its label starts at the tab's column + 1.
        let (start, _, _) = crosswalk::tui::ui::tab_ranges()[1];
        terminal.backend().buffer()[(start + 1, 1)].bg
    };
    let mut app = workshop();
    assert_eq!(selected_tab_bg(&app), Color::Blue);
    send(&mut app, "t");
    assert_eq!(app.theme.kind, ThemeKind::HighContrast);
    assert_eq!(selected_tab_bg(&app), Color::White);

    app.theme = Theme { kind: ThemeKind::Monochrome };
    for view in View::ALL {
        app.view = view;
        let terminal = crosswalk::tui::render_to_buffer(&app, 100, 30);
        let coloured = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
            .count();
        assert_eq!(coloured, 0, "no colour at all without colour ({view:?})");
    }
}

#[test]
fn justification_overlay() {
    let mut app = workshop();
    send(&mut app, "/PHY-01<Enter>nFully remote");
    snapshot_each_size("justification", &app);
}

#[test]
fn profile_value_overlay_with_its_error() {
    let mut app = fresh_app();
    send(&mut app, "<Down><Down><Down><Down><Down><Enter>150<Enter>");
    assert!(matches!(app.overlay, Some(Overlay::ProfileText(_))), "a refused value keeps the box open");
    snapshot_each_size("profile_value", &app);
}

#[test]
fn private_note_editor_is_masked() {
    let mut app = workshop();
    send(&mut app, "cBoard is split on the budget");
    let text = screen(&app, 80, 24);
    assert!(!text.contains("Board") && text.contains("•••••"), "{text}");
    snapshot_each_size("private_note_editor", &app);
}

#[test]
fn choice_overlay() {
    let mut app = fresh_app();
    send(&mut app, "<Down><Down><Down><Down><Enter><Down>");
    assert!(matches!(app.overlay, Some(Overlay::Choice(_))), "Enter on a choice field opens its list");
    snapshot_each_size("choice", &app);
}

#[test]
fn home_rename_overlay() {
    let mut app = App::new(Catalog::embedded(), Questionnaire::embedded(), Theme { kind: ThemeKind::Default });
    app.on_outcome(Outcome::Listed(vec![HomeEntry {
        client: "Northwind Analytics".into(),
        updated: "2026-11-20 16:05".into(),
        progress: "58/117".into(),
        file: "northwind-analytics.toml".into(),
        path: PathBuf::from("northwind-analytics.toml"),
        error: None,
    }]));
    send(&mut app, "<Down>r");
    snapshot_each_size("home_rename", &app);
}
