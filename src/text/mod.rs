//! Pure text rules of Vietnamese administrative writing: slugs, document numbers, dates, file
//! encodings, suspicious characters and personal data.
//!
//! Everything here is a pure function of its input: no file system, no clock, no global state, so
//! the validator, the renderer and the tests can all call it freely. These functions must never
//! panic on any input a clerk can type or paste; a problem is returned as data with a Vietnamese
//! message and a hint that says how to fix it.

pub mod chars;
pub mod date;
pub mod encoding;
pub mod number;
pub mod phone;
pub mod pii;
pub mod slug;
pub mod suggest;
