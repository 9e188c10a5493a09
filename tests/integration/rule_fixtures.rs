//! The rules of SPEC §9 as fixture projects: `tests/fixtures/rules/FAMILY/CASE/` is the valid
//! `binh-minh` project broken (or, for the cases that must pass, bent) in one place, and
//! `expected.txt` beside its `content/` is exactly what `niemyet check` prints on stderr for it:
//! every location, code, message, source line and hint. A case can be opened and checked by hand
//! (`niemyet check --root tests/fixtures/rules/so-hieu/thieu-so-0`). After a deliberate change of
//! a message, `NIEMYET_BLESS=1 cargo test --test integration rule_fixtures` rewrites the
//! `expected.txt` files; review their diff like code.

use crate::common::EPOCH;
use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The folder of the rule fixtures' families.
fn families() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// The case folders of family `name`, in order.
#[track_caller]
fn cases(name: &str) -> Vec<PathBuf> {
    let dir = families().join(name);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable fixture folder").path())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no case in {}", dir.display());
    cases
}

/// Checks every case of a family: exit 1 exactly when the expected output has an error, and
/// stderr byte for byte. All cases run before the first mismatch is reported.
#[track_caller]
fn family(name: &str) {
    let cases = cases(name);
    let bless = std::env::var_os("NIEMYET_BLESS").is_some();
    let mut wrong = Vec::new();
    for case in &cases {
        let out = Command::cargo_bin("niemyet")
            .expect("the niemyet binary")
            .args(["check", "--root"])
            .arg(case)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .output()
            .expect("niemyet runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let expected_path = case.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, stderr.as_bytes()).expect("write expected.txt");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let code = out.status.code();
        let expected_code = if expected.contains(": lỗi[") { 1 } else { 0 };
        if stderr != expected || code != Some(expected_code) {
            wrong.push(format!(
                "{name}/{}: exit {code:?} (expected {expected_code})\n--- expected\n{expected}\n--- got\n{stderr}",
                case.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned())
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn so_hieu() {
    family("so-hieu");
}

#[test]
fn ngay() {
    family("ngay");
}

#[test]
fn duong_dan() {
    family("duong-dan");
}

#[test]
fn kem_theo() {
    family("kem-theo");
}

#[test]
fn html() {
    family("html");
}

#[test]
fn du_lieu_ca_nhan() {
    family("du-lieu-ca-nhan");
}

#[test]
fn don_vi() {
    family("don-vi");
}

#[test]
fn lien_ket() {
    family("lien-ket");
}

/// `build` drops each document's text once checked, checks a document's links with its page
/// (before the other documents' bodies are read again) and confirms the anchors of other pages at
/// the end; a problem found later reads the file again to quote it. It must report exactly what
/// `check` reports, and publish nothing when that is an error.
#[test]
fn build_reports_what_check_reports() {
    let mut names: Vec<String> = std::fs::read_dir(families())
        .expect("the rule fixtures")
        .map(|e| {
            e.expect("a family")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    for family in &names {
        for case in cases(family) {
            let expected = std::fs::read_to_string(case.join("expected.txt")).expect("expected");
            let findings = expected.split("Tổng cộng:").next().expect("the findings");
            let out_dir = tempfile::tempdir().expect("temp dir");
            let out = Command::cargo_bin("niemyet")
                .expect("the niemyet binary")
                .args(["build", "--root"])
                .arg(&case)
                .arg("--out")
                .arg(out_dir.path().join("public"))
                .env("SOURCE_DATE_EPOCH", EPOCH)
                .output()
                .expect("niemyet runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                stderr.starts_with(findings),
                "{}: build printed\n{stderr}\ncheck prints\n{expected}",
                case.display()
            );
            let failed = expected.contains(": lỗi[");
            assert_eq!(
                out.status.code(),
                Some(i32::from(failed)),
                "{}",
                case.display()
            );
            assert_eq!(
                out_dir.path().join("public").exists(),
                !failed,
                "{}",
                case.display()
            );
        }
    }
}

/// A link to a section of another document is good when that section exists, whichever of the
/// two pages is rendered first; a missing one names the sections the page has.
#[test]
fn links_to_sections_of_other_documents_are_checked_both_ways() {
    let p = crate::common::Project::fixture("rules/lien-ket/neo-khong-co");
    let plan = "content/xa-binh-minh/van-ban/2025/ke-hoach-02.md";
    let decision = "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md";
    // The plan names a section the decision has, the decision one the plan lacks.
    p.write(plan, &p.read(plan).replace("#dieu-9", "#dieu-2-hieu-luc"));
    let decision_text = p.read(decision);
    p.write(
        decision,
        &format!("{decision_text}\nXem [kế hoạch](/van-ban/ke-hoach-02/#muc-khong-co).\n"),
    );
    let run = p.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("lỗi[lien-ket-neo]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Trang `/van-ban/ke-hoach-02/` không có mục `#muc-khong-co`."),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{decision}:")),
        "{}",
        run.stderr
    );
    let check = p.check();
    assert_eq!(
        check.stderr,
        run.stderr.split("Không công bố gì").next().unwrap_or("")
    );
}
