//! Commands, flags, exit codes and output (SPEC §1, §6).

use crate::common::*;

const SITE_OUT: &str = "public/xa-binh-minh";

#[test]
fn build_writes_every_page_kind_and_a_summary() {
    let p = Project::new();
    let run = p.build();
    run.ok();
    assert!(run.stdout.contains("Đã dựng 1 đơn vị"), "{}", run.stdout);
    for page in [
        "index.html",
        "van-ban/index.html",
        "van-ban/quyet-dinh-15/index.html",
        "van-ban/ke-hoach-02/index.html",
        "van-ban/loai/quyet-dinh/index.html",
        "van-ban/nam/2025/index.html",
        "dich-vu/index.html",
        "dich-vu/dang-ky-tam-tru/index.html",
        "to-cong-tac/index.html",
        "khu-dan-cu/index.html",
        "khu-dan-cu/thon-1/index.html",
        "khu-dan-cu/thon-dong-tam/index.html",
        "tim-kiem/index.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "static/style.css",
    ] {
        assert!(
            p.path(&format!("{SITE_OUT}/{page}")).is_file(),
            "missing {page}"
        );
    }
}

#[test]
fn document_page_shows_the_official_header_and_signature() {
    let p = Project::new();
    p.build().ok();
    let html = p.read(&format!("{SITE_OUT}/van-ban/ke-hoach-02/index.html"));
    assert!(html.contains("Số: 02/KH-UBND"), "{html}");
    assert!(html.contains("Bình Minh, ngày 01 tháng 8 năm 2025"));
    assert!(html.contains("KẾ HOẠCH"));
    assert!(html.contains("Triển khai dịch vụ công trực tuyến năm 2025"));
    assert!(html.contains("<strong>KT. CHỦ TỊCH</strong>"));
    assert!(html.contains("UBND XÃ BÌNH MINH"));
    // The legal basis links to the decision, which shows the reverse relation.
    assert!(html.contains("href=\"/van-ban/quyet-dinh-15/\""));
    let decision = p.read(&format!("{SITE_OUT}/van-ban/quyet-dinh-15/index.html"));
    assert!(decision.contains("Được căn cứ bởi"));
    assert!(decision.contains("href=\"/van-ban/ke-hoach-02/\""));
    assert!(decision.contains("ngày 05 tháng 7 năm 2025"));
    assert!(decision.contains("id=\"dieu-1-thanh-lap\""));
}

#[test]
fn exit_code_2_for_bad_usage_and_unknown_site() {
    let p = Project::new();
    assert_eq!(p.run(&["build", "--khong-co"]).code, 2);
    let r = p.run(&["build", "--site", "khong-co"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("Không có đơn vị `khong-co`"),
        "{}",
        r.stderr
    );
}

#[test]
fn help_lists_every_command() {
    let p = Project::new();
    let r = p.run(&["--help"]);
    assert_eq!(r.code, 0);
    for c in [
        "build", "check", "serve", "new", "posters", "init", "publish",
    ] {
        assert!(r.stdout.contains(c), "{c} missing from help");
    }
}

#[test]
fn drafts_are_published_only_with_the_flag() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/van-ban/2025/du-thao.md",
        "---\nloai: ke-hoach\ntrich_yeu: \"Dự thảo kế hoạch\"\nban_nhap: true\n---\nNội dung.\n",
    );
    p.build().ok();
    assert!(!p.path(&format!("{SITE_OUT}/van-ban/du-thao")).exists());
    assert!(
        !p.read(&format!("{SITE_OUT}/van-ban/index.html"))
            .contains("Dự thảo kế hoạch")
    );
    p.run(&["build", "--drafts"]).ok();
    assert!(
        p.path(&format!("{SITE_OUT}/van-ban/du-thao/index.html"))
            .exists()
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let p = Project::new();
    p.build().ok();
    let before = p.read(&format!("{SITE_OUT}/van-ban/quyet-dinh-15/index.html"));
    p.write(
        "content/xa-binh-minh/van-ban/2025/hong.md",
        "---\nloai: [\n---\n",
    );
    let r = p.build();
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("Không công bố gì"));
    assert_eq!(
        p.read(&format!("{SITE_OUT}/van-ban/quyet-dinh-15/index.html")),
        before
    );
    assert!(!p.path(&format!("{SITE_OUT}/van-ban/hong")).exists());
}

#[test]
fn output_is_byte_identical_across_runs() {
    let p = Project::new();
    p.build().ok();
    let first = tree(&p.path("public"));
    p.build().ok();
    assert_eq!(first, tree(&p.path("public")));
    assert!(first.len() > 15);
}

pub fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn site_filter_rebuilds_one_site_and_keeps_the_others() {
    let p = Project::new();
    p.write(
        "content/xa-khac/_site.yaml",
        &SITE
            .replace("Bình Minh", "Khác")
            .replace("binhminh", "khac"),
    );
    p.build().ok();
    assert!(p.path("public/xa-khac/index.html").exists());
    p.write(
        "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md",
        &DECISION.replace("Thành lập Tổ", "Kiện toàn Tổ"),
    );
    p.run(&["build", "--site", "xa-binh-minh"]).ok();
    assert!(p.path("public/xa-khac/index.html").exists());
    assert!(
        p.read(&format!("{SITE_OUT}/van-ban/quyet-dinh-15/index.html"))
            .contains("Kiện toàn Tổ")
    );
}

#[test]
fn check_writes_nothing_and_json_has_one_object_per_diagnostic() {
    // Printable: the fixture's example address would add a placeholder warning.
    let p = Project::printable();
    p.write(
        "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md",
        &DECISION.replace("loai: quyet-dinh", "loai: quyet-dinh\ntrich_yue: x"),
    );
    let r = p.run(&["check", "--format", "json"]);
    assert_eq!(r.code, 1);
    assert!(!p.path("public").exists());
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{}", r.stdout);
    let d = &lines[0];
    assert_eq!(
        d["path"],
        "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md"
    );
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 1);
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "khoa-la");
    assert!(d["hint"].as_str().unwrap().contains("trich_yeu"));
}

#[test]
fn new_writes_a_document_that_checks_once_filled() {
    let p = Project::new();
    let r = p.run(&[
        "new",
        "quyet-dinh",
        "--site",
        "xa-binh-minh",
        "--so-hieu",
        "20/QĐ-UBND",
        "--trich-yeu",
        "Về việc kiện toàn Tổ công tác",
    ]);
    r.ok();
    let path = r.stdout.trim();
    assert!(
        path.ends_with("content/xa-binh-minh/van-ban/2026/quyet-dinh-20.md"),
        "{path}"
    );
    let text = std::fs::read_to_string(p.root().join(path)).unwrap();
    assert!(text.contains("so_hieu: \"20/QĐ-UBND\""));
    assert!(text.contains("trich_yeu: \"Về việc kiện toàn Tổ công tác\""));
    assert!(text.contains("# "), "front matter is commented");
    p.check().ok();
    assert_eq!(
        p.run(&["new", "khong-co-loai", "--site", "xa-binh-minh"])
            .code,
        2
    );
}

#[test]
fn new_refuses_a_number_already_used_this_year_naming_its_file() {
    let p = Project::new();
    let new = |number: &str| {
        p.run(&[
            "new",
            "quyet-dinh",
            "--site",
            "xa-binh-minh",
            "--so-hieu",
            number,
        ])
    };
    new("20/QĐ-UBND").ok();
    let again = new("20/QĐ-UBND");
    assert_eq!(again.code, 1, "{}", again.stderr);
    again.says("`20/QĐ-UBND` đã dùng cho `content/xa-binh-minh/van-ban/2026/quyet-dinh-20.md`");
    assert!(
        !p.path("content/xa-binh-minh/van-ban/2026/quyet-dinh-20-2.md")
            .exists()
    );
    // The decision 15 of 2025 does not keep 2026 from having its own number 15.
    new("15/QĐ-UBND").ok();
}

#[test]
fn init_makes_a_project_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("du-an");
    let mut c = assert_cmd::Command::cargo_bin("niemyet").unwrap();
    c.env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("init")
        .arg(&target)
        .assert()
        .success();
    let mut c = assert_cmd::Command::cargo_bin("niemyet").unwrap();
    c.env("SOURCE_DATE_EPOCH", EPOCH)
        .current_dir(&target)
        .arg("build")
        .assert()
        .success();
    assert!(target.join("public/xa-mau/index.html").exists());
    assert!(
        target
            .join("public/xa-mau/dich-vu/dang-ky-tam-tru/index.html")
            .exists()
    );
}

#[test]
fn out_dir_that_is_not_ours_is_refused() {
    let p = Project::new();
    p.write("tai-lieu/quan-trong.docx", "x");
    let r = p.run(&["build", "--out", "tai-lieu"]);
    assert_eq!(r.code, 2);
    assert!(p.path("tai-lieu/quan-trong.docx").exists());
    assert_eq!(p.run(&["build", "--out", "."]).code, 2);
}

#[test]
fn ledger_codes_get_redirect_pages() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/_ma-qr.yaml",
        "- ma: K7PQ\n  dich: /khu-dan-cu/thon-1/\n  in_lan_dau: 2025-09-01\n",
    );
    p.build().ok();
    let html = p.read(&format!("{SITE_OUT}/q/k7pq/index.html"));
    assert!(
        html.contains("http-equiv=\"refresh\" content=\"0; url=/khu-dan-cu/thon-1/\""),
        "{html}"
    );
    assert!(html.contains("href=\"/khu-dan-cu/thon-1/\""));
}

#[test]
fn same_errors_on_a_second_run() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/van-ban/2025/a.md",
        "---\nloai: quyet-dinh\nso_hieu: \"2/QĐ-UBND\"\n---\n",
    );
    p.write(
        "content/xa-binh-minh/van-ban/2025/b.md",
        "khong co front matter\n",
    );
    let a = p.check();
    let b = p.check();
    assert_eq!(a.code, 1);
    assert_eq!(a.stderr, b.stderr);
    let first_b = a.stderr.find("van-ban/2025/b.md").unwrap();
    let first_a = a.stderr.find("van-ban/2025/a.md").unwrap();
    assert!(first_a < first_b, "sorted by path");
}

#[test]
fn a_rebuild_removes_the_previous_site_in_the_background() {
    let p = Project::new();
    p.build().ok();
    std::fs::write(p.path("public/xa-binh-minh/cu.txt"), "trang cũ").unwrap();
    p.build().ok();
    assert!(!p.path("public/xa-binh-minh/cu.txt").exists());
    assert!(p.path("public/xa-binh-minh/index.html").is_file());
    // The previous site was moved aside and is removed by a process of its own.
    let aside = || -> Vec<String> {
        std::fs::read_dir(p.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public"))
            .collect()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !aside().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(aside().is_empty(), "left behind: {:?}", aside());
}

#[test]
fn the_hidden_cleanup_touches_only_folders_it_moved_aside() {
    let p = Project::new();
    // Named like ours but without the marker, and marked but named otherwise: both kept.
    p.write(".public.niemyet-rac-1/tai-lieu.txt", "của người dùng");
    p.write("khac/.niemyet-output", "");
    p.run(&[
        "__xoa-trang-cu",
        p.path(".public.niemyet-rac-1").to_str().unwrap(),
        p.path("khac").to_str().unwrap(),
    ])
    .ok();
    assert!(p.path(".public.niemyet-rac-1/tai-lieu.txt").is_file());
    assert!(p.path("khac/.niemyet-output").is_file());
    // The help does not show it.
    assert!(
        !String::from_utf8_lossy(&p.cmd().arg("--help").output().unwrap().stdout)
            .contains("xoa-trang-cu")
    );
}
