//! Colours and emphasis. Three looks: the default, a high-contrast one for washed-out
//! meeting-room projectors, and a monochrome one when NO_COLOR is set.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeKind {
    #[default]
    Default,
    HighContrast,
    Monochrome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Theme {
    pub kind: ThemeKind,
}

impl Theme {
    /// The starting theme: monochrome when NO_COLOR is set to anything non-empty.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { kind: if no_color { ThemeKind::Monochrome } else { ThemeKind::Default } }
    }

    /// Cycles default -> high contrast -> default; monochrome stays monochrome (the user
    /// asked for no colour).
    pub fn toggled(self) -> Theme {
        let kind = match self.kind {
            ThemeKind::Default => ThemeKind::HighContrast,
            ThemeKind::HighContrast => ThemeKind::Default,
            ThemeKind::Monochrome => ThemeKind::Monochrome,
        };
        Theme { kind }
    }

    fn color(self, default: Color, high: Color) -> Style {
        match self.kind {
            ThemeKind::Default => Style::new().fg(default),
            ThemeKind::HighContrast => Style::new().fg(high).add_modifier(Modifier::BOLD),
            ThemeKind::Monochrome => Style::new(),
        }
    }

    pub fn base(self) -> Style {
        match self.kind {
            ThemeKind::HighContrast => Style::new().fg(Color::White).bg(Color::Black),
            _ => Style::new(),
        }
    }

    pub fn title(self) -> Style {
        self.color(Color::Cyan, Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn muted(self) -> Style {
        match self.kind {
            ThemeKind::Default => Style::new().fg(Color::Gray),
            ThemeKind::HighContrast => Style::new().fg(Color::White),
            ThemeKind::Monochrome => Style::new(),
        }
    }

    pub fn accent(self) -> Style {
        self.color(Color::LightCyan, Color::LightYellow).add_modifier(Modifier::BOLD)
    }

    pub fn soc2(self) -> Style {
        self.color(Color::LightBlue, Color::LightCyan)
    }

    pub fn iso(self) -> Style {
        self.color(Color::LightMagenta, Color::LightYellow)
    }

    pub fn good(self) -> Style {
        self.color(Color::Green, Color::LightGreen)
    }

    pub fn warn(self) -> Style {
        self.color(Color::Yellow, Color::LightYellow)
    }

    pub fn bad(self) -> Style {
        self.color(Color::Red, Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        match self.kind {
            ThemeKind::Default => Style::new().bg(Color::Blue).fg(Color::White).add_modifier(Modifier::BOLD),
            ThemeKind::HighContrast => Style::new().bg(Color::White).fg(Color::Black).add_modifier(Modifier::BOLD),
            ThemeKind::Monochrome => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    pub fn key(self) -> Style {
        self.color(Color::LightYellow, Color::LightYellow).add_modifier(Modifier::BOLD)
    }

    /// Style for a readiness percentage: red below 40, amber below 70, green above.
    pub fn level(self, percent: f64) -> Style {
        if percent >= 70.0 {
            self.good()
        } else if percent >= 40.0 {
            self.warn()
        } else {
            self.bad()
        }
    }
}
