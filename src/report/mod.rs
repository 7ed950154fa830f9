//! Client deliverables and exports: pure functions from loaded data to text.

pub mod escape;
pub mod mapping;
