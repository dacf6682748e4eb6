//! Bevy-free core of cleanroom: the level model, validation, runner, scoring, station models and
//! records.
//!
//! Everything here works without rendering, so the level checker, the tests and any other
//! front end can use it without building the game.

pub mod common;
pub mod curriculum;
pub mod draw;
pub mod isbt128;
pub mod level;
pub mod procedure;
pub mod records;
pub mod stations;
