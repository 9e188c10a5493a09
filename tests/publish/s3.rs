//! S3 against moto: what is served over HTTP is what was built, byte for byte; only changes are
//! sent; deletions come last and are bounded; a cut connection leaves the old site served and a
//! rerun completes it.

use super::servers::{self, Server};
use super::{MANIFEST, built, edit_decision, project, publish, sent, set_target};
use crate::common::{Project, Run};

const BUCKET: &str = "trang-binh-minh";
const KEYS: &[(&str, &str)] = &[
    ("AWS_ACCESS_KEY_ID", "khoa-thu"),
    ("AWS_SECRET_ACCESS_KEY", "bi-mat-thu"),
];

fn url(port: u16) -> String {
    format!("s3://{BUCKET}/web?endpoint=http://127.0.0.1:{port}&region=hn")
}

fn start() -> Option<(Server, Project)> {
    let moto = servers::moto()?;
    servers::create_bucket(moto.port, BUCKET);
    let p = project(&url(moto.port));
    Some((moto, p))
}

fn get(moto: &Server, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    servers::http(moto.port, "GET", &format!("/{BUCKET}/web/{path}"))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// Every built file is served with exactly the built bytes.
#[track_caller]
fn assert_served(moto: &Server, p: &Project) {
    for (path, bytes) in built(p) {
        let (status, _, body) = get(moto, &path);
        assert_eq!(status, 200, "{path}");
        assert!(body == bytes, "{path}: served bytes differ from public/");
    }
}

#[track_caller]
fn ok(run: &Run) -> &Run {
    run.ok()
}

#[test]
fn s3_sends_everything_once_then_only_changes_and_serves_the_built_bytes() {
    let Some((moto, p)) = start() else { return };
    let first = publish(&p, KEYS, &[]);
    ok(&first);
    let total = built(&p).len();
    assert_eq!(sent(&first), total, "{}", first.stdout);
    assert_served(&moto, &p);
    let (_, h, _) = get(&moto, "index.html");
    assert_eq!(header(&h, "content-type"), "text/html; charset=utf-8");
    assert_eq!(header(&h, "cache-control"), "public, max-age=300");
    let (_, h, _) = get(&moto, "static/style.css");
    assert_eq!(header(&h, "content-type"), "text/css; charset=utf-8");
    let (_, h, _) = get(&moto, "tep/2025/phu-luc.pdf");
    assert_eq!(header(&h, "content-type"), "application/pdf");

    let again = publish(&p, KEYS, &[]);
    ok(&again);
    assert_eq!(sent(&again), 0, "nothing changed:\n{}", again.stdout);
    assert!(
        again.stdout.contains(&format!("{total} tệp không đổi")),
        "{}",
        again.stdout
    );

    edit_decision(&p);
    let plan = publish(&p, KEYS, &["--dry-run"]);
    ok(&plan);
    assert!(
        plan.stdout.contains("van-ban/quyet-dinh-15/index.html"),
        "{}",
        plan.stdout
    );
    assert!(
        !plan.stdout.contains("static/style.css"),
        "assets did not change:\n{}",
        plan.stdout
    );
    assert!(
        !plan.stdout.contains("tep/2025/phu-luc.pdf"),
        "{}",
        plan.stdout
    );
    let edited = publish(&p, KEYS, &[]);
    ok(&edited);
    let n = sent(&edited);
    assert!(
        n > 0 && n < total / 2,
        "{n} of {total} sent for one edit:\n{}",
        edited.stdout
    );
    assert_served(&moto, &p);

    // A deleted document: its page goes, after everything else was sent.
    p.remove("content/xa-binh-minh/van-ban/2025/ke-hoach-02.md");
    let deleted = publish(&p, KEYS, &[]);
    ok(&deleted);
    assert_eq!(get(&moto, "van-ban/ke-hoach-02/index.html").0, 404);
    assert_eq!(
        get(&moto, "tep/2025/phu-luc.pdf").0,
        404,
        "its attachment goes too"
    );
    assert_served(&moto, &p);
}

#[test]
fn s3_dry_run_changes_nothing() {
    let Some((moto, p)) = start() else { return };
    let run = publish(&p, KEYS, &["--dry-run"]);
    ok(&run);
    let total = built(&p).len();
    assert!(
        run.stdout.contains(&format!("Tải lên mới: {total} tệp")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Xóa: 0 tệp"), "{}", run.stdout);
    assert!(run.stdout.contains("Giữ nguyên: 0 tệp"), "{}", run.stdout);
    assert_eq!(get(&moto, "index.html").0, 404);
    assert_eq!(get(&moto, MANIFEST).0, 404);
}

#[test]
fn s3_max_deletes_stops_a_mass_delete_before_anything_is_sent() {
    let Some((moto, p)) = start() else { return };
    ok(&publish(&p, KEYS, &[]));
    p.remove("content/xa-binh-minh/van-ban/2025/ke-hoach-02.md");
    let refused = publish(&p, KEYS, &["--max-deletes", "1"]);
    assert_eq!(refused.code, 3, "{}\n{}", refused.stdout, refused.stderr);
    assert!(
        refused
            .stderr
            .contains("sẽ xóa: van-ban/ke-hoach-02/index.html"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("--max-deletes"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        get(&moto, "van-ban/ke-hoach-02/index.html").0,
        200,
        "nothing deleted"
    );
    let (_, _, home) = get(&moto, "index.html");
    assert!(home != built(&p)["index.html"], "nothing sent either");
    ok(&publish(&p, KEYS, &["--max-deletes", "100"]));
    assert_eq!(get(&moto, "van-ban/ke-hoach-02/index.html").0, 404);
    assert_served(&moto, &p);
}

#[test]
fn s3_cut_midway_keeps_the_old_site_served_and_a_rerun_completes() {
    let Some((moto, p)) = start() else { return };
    ok(&publish(&p, KEYS, &[]));
    let old_home = get(&moto, "index.html").2;
    let old_decision = get(&moto, "van-ban/quyet-dinh-15/index.html").2;

    edit_decision(&p);
    p.write(
        "content/xa-binh-minh/van-ban/2025/quyet-dinh-16.md",
        &crate::common::DECISION
            .replace("15/QĐ-UBND", "16/QĐ-UBND")
            .replace("thành lập Tổ công tác", "kiện toàn Tổ công tác"),
    );
    // The connection is cut after 12 KB have gone up: a few files at most.
    let proxy = servers::proxy(moto.port, 12_000);
    set_target(&p, &url(proxy.port));
    let cut = publish(&p, KEYS, &[]);
    assert_eq!(cut.code, 3, "{}\n{}", cut.stdout, cut.stderr);
    assert!(cut.stderr.contains("chạy lại"), "{}", cut.stderr);
    drop(proxy);
    // Each page is old or new, never part of one; the home page was not reached.
    assert!(
        get(&moto, "index.html").2 == old_home,
        "home page replaced before the end"
    );
    let decision = get(&moto, "van-ban/quyet-dinh-15/index.html").2;
    assert!(
        decision == old_decision || decision == built(&p)["van-ban/quyet-dinh-15/index.html"],
        "a page is half written"
    );

    set_target(&p, &url(moto.port));
    let rerun = publish(&p, KEYS, &[]);
    ok(&rerun);
    assert_served(&moto, &p);
    ok(&publish(&p, KEYS, &[]));
}

#[test]
fn s3_missing_bucket_says_so_and_exits_3() {
    let Some(moto) = servers::moto() else { return };
    let p = project(&url(moto.port));
    let run = publish(&p, KEYS, &[]);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("Không có bucket"), "{}", run.stderr);
}
