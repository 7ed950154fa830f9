//! The views Tab cycles through, and home. Each module owns its view's state, its update
//! (keymap actions in, [`Msg`](super::app::Msg)s out) and its drawing (from shared references
//! only). Adding a view: a module here, a `View` variant, a keymap context, a footer.

pub mod dashboard;
pub mod domains;
pub mod export;
pub mod home;
pub mod profile;
pub mod question;
pub mod recommendation;
pub mod roadmap;

use super::app::{App, Ctx};
use super::keymap::{Action, Context};
use super::session::Session;
use ratatui::Frame;
use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Profile,
    Question,
    Domains,
    Dashboard,
    Recommendation,
    Roadmap,
    Export,
}

impl View {
    pub const ALL: [View; 7] = [
        View::Profile,
        View::Question,
        View::Domains,
        View::Dashboard,
        View::Recommendation,
        View::Roadmap,
        View::Export,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Profile => "Profile",
            View::Question => "Questions",
            View::Domains => "Domains",
            View::Dashboard => "Dashboard",
            View::Recommendation => "Recommendation",
            View::Roadmap => "Roadmap",
            View::Export => "Export",
        }
    }

    pub fn context(self) -> Context {
        match self {
            View::Profile => Context::Profile,
            View::Question => Context::Question,
            View::Domains => Context::Domains,
            View::Dashboard => Context::Dashboard,
            View::Recommendation | View::Roadmap => Context::Lists,
            View::Export => Context::Export,
        }
    }

    /// The actions the footer offers, in order.
    pub fn footer(self) -> &'static [Action] {
        match self {
            View::Profile => profile::FOOTER,
            View::Question => question::FOOTER,
            View::Domains => domains::FOOTER,
            View::Dashboard => dashboard::FOOTER,
            View::Recommendation | View::Roadmap => recommendation::FOOTER,
            View::Export => export::FOOTER,
        }
    }

    /// The view's name in the workshop sidecar (a file format: never rename one).
    pub fn key(self) -> &'static str {
        match self {
            View::Profile => "profile",
            View::Question => "question",
            View::Domains => "domains",
            View::Dashboard => "dashboard",
            View::Recommendation => "recommendation",
            View::Roadmap => "roadmap",
            View::Export => "export",
        }
    }

    pub fn from_key(key: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.key() == key)
    }

    pub fn step(self, delta: i32) -> View {
        let i = View::ALL.iter().position(|&v| v == self).unwrap_or(0) as i32;
        View::ALL[(i + delta).rem_euclid(View::ALL.len() as i32) as usize]
    }

    /// Where Esc goes: from the question or the profile to the domains, from elsewhere to
    /// the question.
    pub fn back(self) -> View {
        match self {
            View::Question | View::Profile => View::Domains,
            _ => View::Question,
        }
    }
}

/// The state of every view of the open assessment (reset when another one opens).
#[derive(Debug, Clone, Default)]
pub struct Views {
    pub profile: profile::ProfileView,
    pub question: question::QuestionView,
    pub recommendation: recommendation::RecommendationView,
    pub roadmap: roadmap::RoadmapView,
}

impl Views {
    pub fn update(&mut self, view: View, action: Action, session: &mut Session, cx: &mut Ctx) {
        match view {
            View::Profile => self.profile.update(action, session, cx),
            View::Question => self.question.update(action, session, cx),
            View::Domains => domains::update(action, session, cx),
            View::Dashboard => dashboard::update(action, session, cx),
            View::Recommendation => self.recommendation.update(action, session, cx),
            View::Roadmap => self.roadmap.update(action, session, cx),
            View::Export => export::update(action, session, cx),
        }
    }

    pub fn draw(&self, view: View, app: &App, session: &Session, frame: &mut Frame, area: Rect) {
        match view {
            View::Profile => self.profile.draw(app, session, frame, area),
            View::Question => self.question.draw(app, session, frame, area),
            View::Domains => domains::draw(app, session, frame, area),
            View::Dashboard => dashboard::draw(app, session, frame, area),
            View::Recommendation => self.recommendation.draw(app, session, frame, area),
            View::Roadmap => self.roadmap.draw(app, session, frame, area),
            View::Export => export::draw(app, session, frame, area),
        }
    }

    /// What leaving a view forgets: each long view starts at its top next time (a scroll
    /// kept from an earlier visit could open it on a part the room has not seen the top of),
    /// and a revealed consultant-only note is masked again.
    pub fn leave(&mut self) {
        self.recommendation.scroll = Default::default();
        self.roadmap.scroll = Default::default();
        self.question.revealed = None;
    }
}
