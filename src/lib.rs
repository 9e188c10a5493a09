//! niemyet as a library: the pipeline behind the `niemyet` binary, also used by the benchmark
//! harness. See `pipeline.rs` for the build in one screen.

// Diagnostics travel by value on the cold path of a failed file; boxing them buys nothing.
#![allow(clippy::result_large_err)]

/// A `memchr::memmem::Finder` for a fixed string, made once for the whole run: making one costs
/// more than searching a page with it, and pages are searched for the same few strings (a
/// one-shot `memmem::find` makes a new one every time).
macro_rules! finder {
    ($needle:expr) => {{
        static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new($needle));
        &*FINDER
    }};
}

pub mod cli;
pub mod diag;
pub mod import;
pub mod output;
pub mod pipeline;
pub mod posters;
pub mod project;
pub mod publish;
pub mod qr;
pub mod render;
pub mod resolve;
pub mod routes;
pub mod schema;
pub mod search;
pub mod serve;
pub mod text;
pub mod validate;
pub mod words;
pub mod yaml;
