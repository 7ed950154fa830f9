//! One file per screen; each draws from a shared reference to the app and changes nothing.

pub mod dashboard;
pub mod domains;
pub mod export;
pub mod home;
pub mod overlays;
pub mod profile;
pub mod question;
pub mod recommendation;
pub mod roadmap;
