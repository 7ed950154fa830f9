//! crosswalk: score one set of workshop answers against SOC 2 and ISO/IEC 27001:2022 at once,
//! recommend which framework to pursue first, and plan the work.
//!
//! Everything here is pure core: no terminal, no printing. The binary's command line and
//! the TUI (`tui`) sit on top.

pub mod assessment;
pub mod catalog;
pub mod clock;
pub mod engine;
pub mod framework;
pub mod profile;
pub mod questionnaire;
pub mod report;
pub mod sanitize;
pub mod source;
pub mod store;
pub mod tui;

pub use assessment::{Answer, AnswerState, Assessment};
pub use catalog::Catalog;
pub use framework::Framework;
pub use profile::Profile;
pub use questionnaire::Questionnaire;
pub use source::Diagnostic;
