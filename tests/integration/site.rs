//! The public site as files: search index, theme overrides of static files, page weight.

use crate::common::Project;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap().len()
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn search_index_is_published_folded_and_deterministic() {
    let p = Project::new();
    p.build().ok();
    let first = files_under(&p.path("public/xa-binh-minh/tim-kiem/chi-muc"));
    let manifest = json(&first["muc-luc.json"]);
    // Two documents, one guide, the roster and two areas.
    assert_eq!(manifest["pages"], 6, "{manifest}");
    // Every chunk the manifest names is published, and nothing else is.
    let keys: Vec<&str> = manifest["keys"].as_str().unwrap().split(' ').collect();
    let hashes = manifest["chunks"].as_str().unwrap();
    let width = hashes.len() / keys.len();
    let chunks: Vec<String> = (0..keys.len())
        .map(|k| format!("t-{k}-{}.json", &hashes[k * width..(k + 1) * width]))
        .collect();
    let mut named: Vec<String> = chunks.iter().cloned().chain(["m-0.json".into()]).collect();
    named.push("muc-luc.json".into());
    named.sort();
    assert_eq!(first.keys().cloned().collect::<Vec<_>>(), named);
    // Words are folded (no tone marks, đ → d) and a document's number is indexed whole. A chunk
    // is `["word", "POSTINGS", …]`, a number after a postings string when the word is capped.
    let mut words = Vec::new();
    for c in &chunks {
        let rows = json(&first[c]);
        let mut rows = rows.as_array().unwrap().iter().peekable();
        while let Some(word) = rows.next() {
            words.push(word.as_str().unwrap().to_string());
            assert!(rows.next().unwrap().is_string());
            rows.next_if(|v| v.is_number());
        }
    }
    for w in ["dang", "ky", "to", "cong", "tac", "15/qd-ubnd"] {
        assert!(words.iter().any(|x| x == w), "{w} missing: {words:?}");
    }
    assert!(
        !words.iter().any(|w| w.contains(['đ', 'ă', 'ế', 'Đ'])),
        "{words:?}"
    );
    // Descriptions carry the page's address relative to the site, its title and kind, after the
    // version of the page numbering that the manifest names too.
    let meta = json(&first["m-0.json"]);
    assert_eq!(meta[0], manifest["meta_version"]);
    assert!(
        meta.as_array().unwrap()[1..]
            .iter()
            .any(|m| m[0] == "van-ban/quyet-dinh-15/"
                && m[2].as_str().unwrap().contains("15/QĐ-UBND")),
        "{meta}"
    );
    std::fs::remove_dir_all(p.path("public")).unwrap();
    p.build().ok();
    let second = files_under(&p.path("public/xa-binh-minh/tim-kiem/chi-muc"));
    assert!(first == second, "the index differs between two builds");
}

#[test]
fn search_page_loads_only_the_sites_own_script() {
    let p = Project::new();
    p.build().ok();
    let html = p.read("public/xa-binh-minh/tim-kiem/index.html");
    let script = linked(&html, "<script src=\"", "\" defer></script>");
    assert!(
        script.starts_with("/static/search.") && script.ends_with(".js"),
        "{html}"
    );
    assert_eq!(
        p.read(&format!("public/xa-binh-minh{script}")),
        p.read("public/xa-binh-minh/static/search.js")
    );
    assert!(html.contains("data-chi-muc=\"/tim-kiem/chi-muc/\""));
    assert!(html.contains("script-src 'self';"));
    // No other page carries a script.
    let doc = p.read("public/xa-binh-minh/van-ban/quyet-dinh-15/index.html");
    assert!(!doc.contains("<script"), "{doc}");
}

#[test]
fn theme_override_replaces_a_static_file_and_keeps_the_others() {
    let p = Project::new();
    p.write("niemyet.yaml", "giao_dien: rieng\n");
    p.write(
        "themes/rieng/static/style.css",
        "body { color: #123456; }\n",
    );
    p.write("themes/rieng/static/logo.png", "PNG");
    p.build().ok();
    assert_eq!(
        p.read("public/xa-binh-minh/static/style.css"),
        "body { color: #123456; }\n"
    );
    assert_eq!(p.read("public/xa-binh-minh/static/logo.png"), "PNG");
    // Pages load the stylesheet by its content-addressed name: the theme's own.
    let home = p.read("public/xa-binh-minh/index.html");
    let css = linked(&home, "<link rel=\"stylesheet\" href=\"", "\"");
    assert_ne!(css, "/static/style.css");
    assert_eq!(
        p.read(&format!("public/xa-binh-minh{css}")),
        "body { color: #123456; }\n"
    );
    assert!(p.path("public/xa-binh-minh/static/search.js").is_file());
    assert!(
        p.path("public/xa-binh-minh/static/fonts/BeVietnamPro-Regular.woff2")
            .is_file()
    );
}

#[test]
fn a_document_page_with_its_css_weighs_under_60_kb_gzip() {
    let p = Project::new();
    // A long document: 300 paragraphs of Vietnamese text.
    let mut body = p.read("content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md");
    for i in 1..=300 {
        body.push_str(&format!(
            "\n{i}. Tổ công tác phối hợp với Công an xã hướng dẫn người dân đăng ký tài khoản định danh điện tử mức 2 và sử dụng dịch vụ công trực tuyến.\n"
        ));
    }
    p.write("content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md", &body);
    p.build().ok();
    let html =
        std::fs::read(p.path("public/xa-binh-minh/van-ban/quyet-dinh-15/index.html")).unwrap();
    let css = std::fs::read(p.path("public/xa-binh-minh/static/style.css")).unwrap();
    let total = gzip_len(&html) + gzip_len(&css);
    assert!(
        total < 60 * 1024,
        "document page + CSS = {total} bytes gzip"
    );
}

#[test]
fn every_page_has_title_description_canonical_and_open_graph() {
    let p = Project::new();
    p.build().ok();
    for page in [
        "index.html",
        "van-ban/index.html",
        "van-ban/quyet-dinh-15/index.html",
        "dich-vu/index.html",
        "dich-vu/dang-ky-tam-tru/index.html",
        "to-cong-tac/index.html",
        "khu-dan-cu/thon-1/index.html",
        "tim-kiem/index.html",
        "404.html",
    ] {
        let html = p.read(&format!("public/xa-binh-minh/{page}"));
        for needle in [
            "<html lang=\"vi\">",
            "<title>",
            "<meta name=\"description\" content=\"",
            "<link rel=\"canonical\" href=\"https://binhminh.example.gov.vn/",
            "<meta property=\"og:title\"",
            "<meta property=\"og:url\" content=\"https://binhminh.example.gov.vn/",
            "class=\"skip\" href=\"#noi-dung\"",
        ] {
            assert!(html.contains(needle), "{page}: no {needle}");
        }
    }
}

#[test]
fn document_page_shows_status_relations_and_attachments() {
    let p = Project::new();
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.resize(3000, b'%');
    p.write_bytes("content/xa-binh-minh/tep/2025/phu-luc.pdf", &pdf);
    let plan = crate::common::PLAN.replace(
        "nguoi_ky:",
        "kem_theo:\n  - tep/2025/phu-luc.pdf\nhieu_luc:\n  tu_ngay: 2025-08-01\n  den_ngay: 2025-12-31\nnguoi_ky:",
    );
    p.write("content/xa-binh-minh/van-ban/2025/ke-hoach-02.md", &plan);
    p.build().ok();
    let plan = p.read("public/xa-binh-minh/van-ban/ke-hoach-02/index.html");
    assert!(plan.contains("badge-het\">Hết hiệu lực</span>"), "{plan}");
    assert!(plan.contains("<a href=\"/tep/2025/phu-luc.pdf\" download=\"phu-luc.pdf\">phu-luc.pdf</a> <span class=\"muted\">(PDF, 3 KB)</span>"), "{plan}");
    assert!(plan.contains("href=\"/van-ban/quyet-dinh-15/\""));
    let decision = p.read("public/xa-binh-minh/van-ban/quyet-dinh-15/index.html");
    assert!(decision.contains("Được căn cứ bởi:"), "{decision}");
    assert!(decision.contains("href=\"/van-ban/ke-hoach-02/\""));
    assert!(decision.contains("badge-con\">Còn hiệu lực</span>"));
}

/// The address between `before` and `after` in a page, e.g. the stylesheet a page links.
fn linked(html: &str, before: &str, after: &str) -> String {
    let start = html
        .find(before)
        .map(|i| i + before.len())
        .unwrap_or_else(|| panic!("no `{before}` in {html}"));
    let len = html[start..].find(after).expect("closed");
    html[start..start + len].to_string()
}

#[test]
fn static_files_are_published_under_content_addressed_names_that_change_with_their_bytes() {
    let p = Project::new();
    p.build().ok();
    let home = p.read("public/xa-binh-minh/index.html");
    let css = linked(&home, "<link rel=\"stylesheet\" href=\"", "\"");
    assert!(
        css.starts_with("/static/style.") && css.ends_with(".css"),
        "{css}"
    );
    // The stylesheet asks for its fonts (the printed guides' headings) by their
    // content-addressed names too, and they exist.
    let sheet = p.read(&format!("public/xa-binh-minh{css}"));
    let font_rel = linked(&sheet, "url(\"", "\")");
    assert!(
        font_rel.starts_with("fonts/BeVietnamPro-Regular.")
            && font_rel != "fonts/BeVietnamPro-Regular.woff2",
        "{font_rel}"
    );
    let font = format!("/static/{font_rel}");
    assert_eq!(
        std::fs::read(p.path(&format!("public/xa-binh-minh{font}"))).unwrap(),
        std::fs::read(p.path("public/xa-binh-minh/static/fonts/BeVietnamPro-Regular.woff2"))
            .unwrap()
    );
    // A theme whose stylesheet differs gets another name; the same bytes, the same name.
    p.write("niemyet.yaml", "giao_dien: rieng\n");
    p.write(
        "themes/rieng/static/style.css",
        "body { color: #123456; }\n",
    );
    p.build().ok();
    let other = linked(
        &p.read("public/xa-binh-minh/index.html"),
        "<link rel=\"stylesheet\" href=\"",
        "\"",
    );
    assert_ne!(other, css);
    p.build().ok();
    let again = linked(
        &p.read("public/xa-binh-minh/index.html"),
        "<link rel=\"stylesheet\" href=\"",
        "\"",
    );
    assert_eq!(again, other);
}

/// 2026-03-01 00:00 UTC+7, two months after the tests' usual build day.
const MARCH: &str = "1772298000";

#[test]
fn two_build_days_without_a_status_change_give_identical_sites() {
    let p = Project::new();
    p.build().ok();
    let january = crate::cli::tree(&p.path("public"));
    p.cmd()
        .env("SOURCE_DATE_EPOCH", MARCH)
        .arg("build")
        .assert()
        .success();
    let march = crate::cli::tree(&p.path("public"));
    assert_eq!(january.len(), march.len());
    for ((path, bytes), (path2, bytes2)) in january.iter().zip(&march) {
        assert_eq!(path, path2);
        assert!(bytes == bytes2, "{path} changed with the build day alone");
    }
    // The status says since when it holds, not "as of" the build day.
    let page = p.read("public/xa-binh-minh/van-ban/quyet-dinh-15/index.html");
    assert!(page.contains("Còn hiệu lực"), "{page}");
    assert!(page.contains("từ ngày 05/07/2025"), "{page}");
    assert!(
        !page.contains("01/03/2026") && !page.contains("tính đến"),
        "{page}"
    );
}

#[test]
fn a_status_that_changes_between_build_days_changes_its_pages_and_says_since_when() {
    let p = Project::new();
    let plan = crate::common::PLAN.replace(
        "ngay_ban_hanh: 2025-08-01\n",
        "ngay_ban_hanh: 2025-08-01\nhieu_luc: {tu_ngay: 2025-08-01, den_ngay: 2026-01-31}\n",
    );
    p.write("content/xa-binh-minh/van-ban/2025/ke-hoach-02.md", &plan);
    p.build().ok();
    let page = "public/xa-binh-minh/van-ban/ke-hoach-02/index.html";
    let before = p.read(page);
    assert!(
        before.contains("Còn hiệu lực") && before.contains("từ ngày 01/08/2025"),
        "{before}"
    );
    let unrelated = p.read("public/xa-binh-minh/dich-vu/dang-ky-tam-tru/index.html");
    p.cmd()
        .env("SOURCE_DATE_EPOCH", MARCH)
        .arg("build")
        .assert()
        .success();
    let after = p.read(page);
    assert!(
        after.contains("Hết hiệu lực") && after.contains("từ ngày 01/02/2026"),
        "{after}"
    );
    assert_eq!(
        p.read("public/xa-binh-minh/dich-vu/dang-ky-tam-tru/index.html"),
        unrelated
    );
}

#[test]
fn attachments_are_published_under_folded_ascii_names_offering_their_own_name() {
    let p = Project::new();
    p.write_bytes(
        "content/xa-binh-minh/tep/2025/Phụ lục 1.PDF",
        b"%PDF-1.4\n%%EOF\n",
    );
    let decision = crate::common::DECISION
        .replace("can_cu:", "kem_theo:\n  - \"tep/2025/Phụ lục 1.PDF\"\ncan_cu:")
        .replace(
            "Quyết định có hiệu lực kể từ ngày ký.",
            "Quyết định có hiệu lực kể từ ngày ký. Xem [phụ lục](</tep/2025/Phụ lục 1.PDF#trang-2>).",
        );
    p.write(
        "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md",
        &decision,
    );
    p.build().ok();
    assert_eq!(
        std::fs::read(p.path("public/xa-binh-minh/tep/2025/phu-luc-1.pdf")).unwrap(),
        b"%PDF-1.4\n%%EOF\n"
    );
    assert!(
        !p.path("public/xa-binh-minh/tep/2025/Phụ lục 1.PDF")
            .exists()
    );
    let page = p.read("public/xa-binh-minh/van-ban/quyet-dinh-15/index.html");
    assert!(
        page.contains("href=\"/tep/2025/phu-luc-1.pdf\" download=\"Phụ lục 1.PDF\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"/tep/2025/phu-luc-1.pdf#trang-2\""),
        "{page}"
    );
    // Every published path is ASCII, without spaces, and unique when case is folded.
    let mut folded = std::collections::BTreeSet::new();
    for (path, _) in crate::cli::tree(&p.path("public")) {
        assert!(path.is_ascii() && !path.contains(' '), "{path}");
        assert!(
            folded.insert(path.to_ascii_lowercase()),
            "{path} twice when case is folded"
        );
    }
}

#[test]
fn two_attachments_whose_names_fold_alike_are_an_error() {
    let p = Project::new();
    p.write_bytes("content/xa-binh-minh/tep/Phụ lục.pdf", b"%PDF-1.4\n");
    p.write_bytes("content/xa-binh-minh/tep/phu luc.pdf", b"%PDF-1.4\n");
    p.check()
        .error_at("content/xa-binh-minh/tep/phu luc.pdf:1:1", "tep-trung-ten")
        .says("`tep/phu-luc.pdf`");
}

#[test]
fn the_example_sites_are_safe_on_any_disk_and_host() {
    let p = crate::posters::example();
    p.build().ok();
    let files = crate::cli::tree(&p.path("public"));
    assert!(files.len() > 150, "{} files", files.len());
    let mut folded = std::collections::BTreeSet::new();
    for (path, _) in &files {
        assert!(path.is_ascii() && !path.contains(' '), "{path}");
        assert!(
            folded.insert(path.to_ascii_lowercase()),
            "{path} twice when case is folded"
        );
        // Every path made from content is lowercase (the theme's own file names may not be).
        if !path.contains("/static/") {
            assert_eq!(*path, path.to_ascii_lowercase(), "{path}");
        }
    }
    assert!(
        files.iter().any(|(p, _)| p.contains("/q/")),
        "the ledgers' pages are there"
    );
}

#[test]
fn long_document_lists_are_cut_into_pages_that_link_to_each_other() {
    let p = Project::new();
    for i in 1..=230 {
        p.write(
            &format!("content/xa-binh-minh/van-ban/2024/thong-bao-{i:03}.md"),
            &format!(
                "---\nloai: thong-bao\nso_hieu: \"{i:02}/TB-UBND\"\nngay_ban_hanh: 2024-03-{:02}\ntrich_yeu: \"Thông báo lịch tiếp dân số {i}\"\n---\n\nNội dung.\n",
                i % 28 + 1
            ),
        );
    }
    p.build().ok();
    let out = "public/xa-binh-minh/van-ban";
    let first = p.read(&format!("{out}/index.html"));
    let second = p.read(&format!("{out}/trang/2/index.html"));
    let third = p.read(&format!("{out}/trang/3/index.html"));
    assert!(!p.path(&format!("{out}/trang/4/index.html")).exists());
    let count = |html: &str| html.matches("<li>\n    <a href=\"/van-ban/").count();
    assert_eq!(
        (count(&first), count(&second), count(&third)),
        (100, 100, 32)
    );
    assert!(
        first.contains("href=\"/van-ban/trang/2/\" rel=\"next\""),
        "{first}"
    );
    assert!(
        second.contains("href=\"/van-ban/\" rel=\"prev\""),
        "{second}"
    );
    assert!(second.contains("Trang 2/3"), "{second}");
    assert!(third.contains("href=\"/van-ban/trang/3/\" aria-current=\"page\""));
    // The lists by type and year are cut the same way; every list page stays small.
    assert!(
        p.path(&format!("{out}/loai/thong-bao/trang/3/index.html"))
            .is_file()
    );
    assert!(
        p.path(&format!("{out}/nam/2024/trang/3/index.html"))
            .is_file()
    );
    for (path, bytes) in crate::cli::tree(&p.path("public")) {
        if path.contains("van-ban/") && !path.contains("van-ban/thong-bao") {
            assert!(bytes.len() < 100 * 1024, "{path}: {} bytes", bytes.len());
        }
    }
    // A body may link to a list page; the sitemap lists them.
    assert!(
        p.read("public/xa-binh-minh/sitemap.xml")
            .contains("/van-ban/trang/3/")
    );
}

#[test]
fn a_document_cited_by_hundreds_links_to_their_own_pages_instead_of_listing_them_all() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/van-ban/2024/quyet-dinh-05.md",
        "---\nloai: quyet-dinh\nso_hieu: \"05/QĐ-UBND\"\nngay_ban_hanh: 2024-01-05\ntrich_yeu: \"Thành lập Tổ công tác triển khai Đề án 06\"\n---\n\nNội dung.\n",
    );
    for i in 1..=130 {
        p.write(
            &format!("content/xa-binh-minh/van-ban/2024/thong-bao-{i:03}.md"),
            &format!(
                "---\nloai: thong-bao\nso_hieu: \"{i:02}/TB-UBND\"\nngay_ban_hanh: 2024-03-{:02}\ntrich_yeu: \"Thông báo lịch tiếp dân số {i}\"\ncan_cu: [\"05/QĐ-UBND\"]\n---\n\nNội dung.\n",
                i % 28 + 1
            ),
        );
    }
    // A rarer relation is shown on the page whatever the number of documents based on it.
    p.write(
        "content/xa-binh-minh/van-ban/2024/quyet-dinh-99.md",
        "---\nloai: quyet-dinh\nso_hieu: \"99/QĐ-UBND\"\nngay_ban_hanh: 2024-12-20\ntrich_yeu: \"Kiện toàn Tổ công tác\"\nthay_the: [\"05/QĐ-UBND\"]\n---\n\nNội dung.\n",
    );
    p.build().ok();
    let out = "public/xa-binh-minh/van-ban";
    let page = p.read(&format!("{out}/quyet-dinh-05/index.html"));
    assert_eq!(page.matches("Được căn cứ bởi:").count(), 20, "{page}");
    assert_eq!(page.matches("Bị thay thế bởi:").count(), 1, "{page}");
    assert!(
        page.contains(
            "<a href=\"/van-ban/quyet-dinh-05/lien-quan/\">Xem tất cả 131 văn bản liên quan đến văn bản này</a>"
        ),
        "{page}"
    );
    let first = p.read(&format!("{out}/quyet-dinh-05/lien-quan/index.html"));
    let second = p.read(&format!("{out}/quyet-dinh-05/lien-quan/trang/2/index.html"));
    assert!(
        !p.path(&format!("{out}/quyet-dinh-05/lien-quan/trang/3/index.html"))
            .exists()
    );
    let count = |html: &str| html.matches("<li>\n    <a href=\"/van-ban/").count();
    assert_eq!((count(&first), count(&second)), (100, 31));
    assert!(
        first.contains("<h1>Văn bản liên quan đến Quyết định số 05/QĐ-UBND ngày 05/01/2024</h1>"),
        "{first}"
    );
    assert!(
        first.contains("<a href=\"/van-ban/quyet-dinh-05/\">"),
        "{first}"
    );
    // Newest first: the replacing decision, then the notices by date.
    let newest = first
        .find("/van-ban/quyet-dinh-99/")
        .expect("the replacing decision");
    assert!(newest < first.find("/van-ban/thong-bao-").expect("a notice"));
    assert!(second.contains("href=\"/van-ban/quyet-dinh-05/lien-quan/\" rel=\"prev\""));
    // The filters count whole lists, not their first pages.
    assert!(first.contains(">Thông báo (130)</a>"), "{first}");
    for (path, bytes) in crate::cli::tree(&p.path("public")) {
        if path.ends_with(".html") {
            assert!(bytes.len() < 100 * 1024, "{path}: {} bytes", bytes.len());
        }
    }
    assert!(
        p.read("public/xa-binh-minh/sitemap.xml")
            .contains("/van-ban/quyet-dinh-05/lien-quan/trang/2/")
    );
    // A document cited by few lists them all and links to no such page.
    let few = p.read(&format!("{out}/quyet-dinh-99/index.html"));
    assert!(!few.contains("lien-quan/"));
    assert!(!p.path(&format!("{out}/quyet-dinh-99/lien-quan")).exists());
}

#[test]
fn a_province_after_the_2025_reform_lists_its_communes_and_their_areas() {
    let p = crate::posters::example();
    p.build().ok();
    let out = "public/quang-tri";
    for page in [
        "khu-dan-cu/index.html",
        "khu-dan-cu/dong-ha/index.html",
        "khu-dan-cu/dong-ha/khu-pho-1/index.html",
        "khu-dan-cu/con-co/khu-dan-cu-trung-tam/index.html",
        "van-ban/don-vi/dong-ha/index.html",
    ] {
        assert!(p.path(&format!("{out}/{page}")).is_file(), "{page}");
    }
    let commune = p.read(&format!("{out}/khu-dan-cu/dong-ha/index.html"));
    assert!(
        commune.contains("Khu phố 1") && commune.contains("3120/UBND-NC"),
        "{commune}"
    );
    // A commune site may not declare communes of its own.
    let site = p.read("content/binh-an/_site.yaml");
    p.write(
        "content/binh-an/_site.yaml",
        &format!("{site}don_vi:\n  - ma: thon-x\n    ten: \"Thôn X\"\n"),
    );
    p.check()
        .error_at("content/binh-an/_site.yaml:18:9", "don-vi")
        .says("cấp tỉnh (`cap: tinh`) hoặc cấp huyện");
}

/// A rebuild that changes nothing writes no file: every published file is the same file as
/// before (same inode, same date), so disks, backups and `publish` see only real changes; an
/// edited document's page is a new file, and a link planted in the output is never kept.
#[cfg(unix)]
#[test]
fn a_rebuild_that_changes_nothing_writes_nothing() {
    use std::os::unix::fs::MetadataExt;
    let p = Project::new();
    assert_eq!(p.build().code, 0);
    let inodes = |p: &Project| -> std::collections::BTreeMap<String, u64> {
        walkdir::WalkDir::new(p.path("public"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(p.path("public")).unwrap();
                (
                    rel.to_string_lossy().into_owned(),
                    e.metadata().unwrap().ino(),
                )
            })
            .collect()
    };
    let first = inodes(&p);
    assert!(first.len() > 10, "{first:?}");
    assert_eq!(p.build().code, 0);
    assert_eq!(inodes(&p), first, "an unchanged rebuild rewrote files");

    // One edit: that page is written anew, the roster page is not.
    let plan = "content/xa-binh-minh/van-ban/2025/ke-hoach-02.md";
    let text = p.read(plan);
    p.write(plan, &format!("{text}\nMột đoạn mới.\n"));
    // A file of the output replaced by a link to a file outside: never kept as a link.
    let roster = "public/xa-binh-minh/to-cong-tac/index.html";
    let outside = p.path("ngoai.html");
    std::fs::copy(p.path(roster), &outside).unwrap();
    std::fs::remove_file(p.path(roster)).unwrap();
    std::os::unix::fs::symlink(&outside, p.path(roster)).unwrap();
    assert_eq!(p.build().code, 0);
    let second = inodes(&p);
    let changed: Vec<&String> = second
        .iter()
        .filter(|(k, v)| first.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        changed.iter().any(|k| k.contains("ke-hoach-02")),
        "{changed:?}"
    );
    assert!(
        changed.len() < first.len() / 2,
        "one edit rewrote {} of {} files",
        changed.len(),
        first.len()
    );
    let meta = std::fs::symlink_metadata(p.path(roster)).unwrap();
    assert!(meta.file_type().is_file(), "the planted link was kept");
}
