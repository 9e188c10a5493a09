//! The hostile corpus (issue #6): what a file can hold that must never be published.
//!
//! `corpus` has one fixture per threat, each asserting the exact exit code, the location
//! (`path:line:column`) and code of the refusal, and that a failed run published nothing;
//! `escaped` proves that markup in front-matter values reaches pages, feed and sitemap only as
//! text; `fuzz` feeds random bytes, Markdown and YAML to the loader and renderer; `survive` builds
//! twice and across `--site` orders and kills or starves builds mid-write. A separate test binary
//! from `integration` so it can be run alone: `cargo test --test hostile`.

// The shared project helpers; not every helper is used here.
#[allow(dead_code)]
#[path = "../integration/common.rs"]
mod common;

mod corpus;
mod escaped;
mod fuzz;
mod serve;
mod survive;

use common::{Project, Run};

/// A notice with a short front matter: its body starts on line 8.
pub const NOTICE: &str = "content/xa-binh-minh/van-ban/2025/thong-bao-99.md";
pub const SITE_FILE: &str = "content/xa-binh-minh/_site.yaml";

pub fn notice(body: &str) -> String {
    format!(
        "---\nloai: thong-bao\nso_hieu: \"99/TB-UBND\"\nngay_ban_hanh: 2025-09-01\n\
         trich_yeu: \"Thông báo lịch tiếp dân\"\n---\n\n{body}"
    )
}

/// A notice whose front matter gets `extra` lines (from line 6) before the closing `---`.
pub fn notice_with(extra: &str, body: &str) -> String {
    format!(
        "---\nloai: thong-bao\nso_hieu: \"99/TB-UBND\"\nngay_ban_hanh: 2025-09-01\n\
         trich_yeu: \"Thông báo lịch tiếp dân\"\n{extra}---\n\n{body}"
    )
}

/// `build` refused with exit 1, every expected `(location, code)` reported, no panic, and
/// nothing published: no output folder, no staging folder left beside it.
#[track_caller]
pub fn refused(p: &Project, expected: &[(&str, &str)]) -> Run {
    let r = p.build();
    assert_eq!(r.code, 1, "expected exit 1\nstderr:\n{}", r.stderr);
    for (location, code) in expected {
        r.error_at(location, code);
    }
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.stderr.contains("Không công bố gì"), "{}", r.stderr);
    nothing_published(p);
    r
}

#[track_caller]
pub fn nothing_published(p: &Project) {
    let leftovers: Vec<String> = std::fs::read_dir(p.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n == "public" || n.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "published from a failed run: {leftovers:?}"
    );
}
