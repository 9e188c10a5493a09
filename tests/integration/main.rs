//! Integration tests: the real `niemyet` binary on small projects written into temp folders.
//! One test binary (modules below) keeps linking time low.

mod cli;
mod common;
mod docx;
mod editor;
mod habits;
mod import;
mod layers;
mod posters;
mod rule_fixtures;
mod rules;
mod serve;
mod site;
mod snapshots;
