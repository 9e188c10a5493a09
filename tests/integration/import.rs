//! `niemyet import` (SPEC §10) on the two real samples (text copied from signed files) and on
//! the generated Word fixtures: what is recognized, golden files, the import → build round trip
//! (every sentence of the source on the built page, the draft never published, decision and
//! regulation linked both ways), and hostile or wrong files refused in Vietnamese.

use crate::common::Project;
use crate::docx;
use std::path::{Path, PathBuf};

const SITE: &str = "content/xa-binh-minh";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A project with the fixtures copied into `nhap/`.
fn project_with(files: &[&str]) -> Project {
    let p = Project::new();
    for f in files {
        let bytes = std::fs::read(fixture(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        p.write_bytes(&format!("nhap/{f}"), &bytes);
    }
    p
}

fn import(p: &Project, args: &[&str]) -> crate::common::Run {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--site", "xa-binh-minh"]);
    p.run(&all)
}

#[test]
fn docx_fixtures_are_generated() {
    for (name, bytes) in docx::fixtures() {
        let path = fixture(name);
        if std::env::var_os("NIEMYET_GHI_MAU").is_some() {
            std::fs::write(&path, &bytes).unwrap();
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == bytes,
            "{name} differs from tests/integration/docx.rs: run `NIEMYET_GHI_MAU=1 cargo test --test integration docx_fixtures`"
        );
    }
}

#[test]
fn samples_give_what_their_readme_says() {
    let p = project_with(&["ke-hoach-02-xuan-loc.txt", "quyet-dinh-01-son-linh.txt"]);
    let run = import(&p, &["nhap"]);
    run.ok().says("Đã nhập 3 văn bản từ 2 tệp");
    // `ke-hoach-02` is taken by the project's plan of 2025: the imported one keeps its year.
    let plan = p.read(&format!("{SITE}/van-ban/2022/ke-hoach-02-2022.md"));
    for line in [
        "loai: ke-hoach",
        "so_hieu: \"02/KH-TCTĐA06\"",
        "ngay_ban_hanh: 2022-12-14",
        "dia_danh: \"Xuân Lộc\"",
        "  - so_hieu: \"167/KH-BCĐ\"",
        "    ngay: 2022-12-13",
        "  ho_ten: \"Nguyễn Thị Cát Tiên\"",
        "  chuc_vu: [\"TỔ TRƯỞNG\", \"CHỦ TỊCH UBND HUYỆN\"]",
        "  - \"Công an tỉnh;\"",
        "## I. MỤC ĐÍCH, YÊU CẦU",
        "## VI. TỔ CHỨC THỰC HIỆN",
    ] {
        assert!(
            plan.lines().any(|l| l == line),
            "plan lacks `{line}`:\n{plan}"
        );
    }
    assert_eq!(plan.lines().filter(|l| l.starts_with("## ")).count(), 6);
    let decision = p.read(&format!("{SITE}/van-ban/2022/quyet-dinh-01.md"));
    for line in [
        "loai: quyet-dinh",
        "so_hieu: \"01/QĐ-TCT\"",
        "ngay_ban_hanh: 2022-03-29",
        "**TỔ TRƯỞNG TỔ CÔNG TÁC ĐỀ ÁN 06**",
        "  - so_hieu: \"06/QĐ-TTg\"",
        "  - so_hieu: \"1620/QĐ-UBND\"",
        "  - so_hieu: \"34/KH-UBND\"",
        "  ho_ten: \"Nguyễn Minh Tuấn\"",
    ] {
        assert!(
            decision.lines().any(|l| l == line),
            "decision lacks `{line}`:\n{decision}"
        );
    }
    assert_eq!(
        decision
            .lines()
            .filter(|l| l.starts_with("Căn cứ "))
            .count(),
        4
    );
    for n in 1..=3 {
        assert!(
            decision.contains(&format!("\n**Điều {n}.** ")),
            "Điều {n}:\n{decision}"
        );
    }
    let rules = p.read(&format!(
        "{SITE}/van-ban/2022/quy-che-kem-theo-quyet-dinh-01.md"
    ));
    assert!(
        rules.contains("\nloai: quy-che\nban_hanh_kem_theo: \"01/QĐ-TCT\"\n"),
        "{rules}"
    );
    assert!(!rules.contains("so_hieu:"));
    assert_eq!(
        rules
            .lines()
            .filter(|l| l.starts_with("## Chương "))
            .count(),
        4
    );
    assert_eq!(
        rules.lines().filter(|l| l.starts_with("### Điều ")).count(),
        15
    );
    // Both dates printed in the file disagree: a person is told to look.
    run.says("khác ngày ban hành của quyết định");
    insta::assert_snapshot!("ke-hoach-02-xuan-loc", plan);
    insta::assert_snapshot!("quyet-dinh-01-son-linh", decision);
    insta::assert_snapshot!("quy-che-son-linh", rules);
}

/// Words of a text: letters and digits, in order.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The visible text of an HTML page, tags removed and entities decoded.
fn page_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

fn contains_run(hay: &[String], needle: &[String]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn import_then_build_keeps_every_sentence() {
    let p = project_with(&["ke-hoach-02-xuan-loc.txt", "quyet-dinh-01-son-linh.txt"]);
    import(&p, &["nhap"]).ok();
    p.build().ok();
    let page =
        |slug: &str| page_text(&p.read(&format!("public/xa-binh-minh/van-ban/{slug}/index.html")));
    let cases = [
        ("ke-hoach-02-xuan-loc.txt", vec![page("ke-hoach-02-2022")]),
        (
            "quyet-dinh-01-son-linh.txt",
            vec![
                page("quyet-dinh-01"),
                page("quy-che-kem-theo-quyet-dinh-01"),
            ],
        ),
    ];
    for (source, pages) in cases {
        let text = std::fs::read_to_string(fixture(source)).unwrap();
        let page_words: Vec<Vec<String>> = pages.iter().map(|t| words(t)).collect();
        for line in text.lines() {
            let line = line.replace("[bookmark: dieu_8]", "");
            // A numbered paragraph is an ordered list: the browser prints its number.
            let line = line.trim_start();
            let line = match line.split_once(". ") {
                Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => rest,
                _ => line,
            };
            let w = words(line);
            assert!(
                page_words.iter().any(|pw| contains_run(pw, &w)),
                "{source}: not on the built page: {line:?}"
            );
        }
    }
}

#[test]
fn word_files_import_as_recognized() {
    let p = project_with(&[
        "quyet-dinh-kem-quy-che.docx",
        "cong-van.docx",
        "du-thao-ke-hoach.docx",
    ]);
    let run = import(&p, &["nhap"]);
    run.ok().says("Đã nhập 4 văn bản từ 3 tệp");
    let decision = p.read(&format!("{SITE}/van-ban/2025/quyet-dinh-07.md"));
    let rules = p.read(&format!(
        "{SITE}/van-ban/2025/quy-che-kem-theo-quyet-dinh-07.md"
    ));
    let letter = p.read(&format!("{SITE}/van-ban/2025/cong-van-112.md"));
    let draft = p.read(&format!(
        "{SITE}/van-ban/2025/du-thao-ke-hoach-trien-khai-dich-vu-cong-truc.md"
    ));
    // Split bold runs, tracked changes, the site's own issuer left to the default.
    assert!(
        decision.contains("so_hieu: \"07/QĐ-TCT\"\nngay_ban_hanh: 2025-08-15\n"),
        "{decision}"
    );
    assert!(decision.contains(
        "trich_yeu: \"Ban hành Quy chế hoạt động của Tổ công tác triển khai Đề án 06 xã Bình Minh\""
    ));
    assert!(
        decision.contains(
            "co_quan_ban_hanh: \"Tổ công tác Đề án 06\"\nco_quan_chu_quan: \"UBND xã Bình Minh\"\n"
        ),
        "{decision}"
    );
    assert!(!decision.contains("dia_danh"));
    assert!(decision.contains("**Điều 1.** Ban hành kèm theo"));
    assert!(
        decision.contains("ngày 05/7/2025 của Ủy ban nhân dân xã"),
        "{decision}"
    );
    assert!(
        !decision.contains("01/7/2025"),
        "deleted text must go: {decision}"
    );
    assert!(rules.contains("| STT | Thành viên | Nhiệm vụ |"), "{rules}");
    assert!(
        rules.contains("|  | Kích hoạt tài khoản VNeID tại nhà văn hóa thôn |  |"),
        "{rules}"
    );
    assert!(
        rules.contains("- Bảo đảm *bí mật* thông tin công dân."),
        "{rules}"
    );
    assert!(
        letter.contains("loai: cong-van\nso_hieu: \"112/UBND-CA\""),
        "{letter}"
    );
    assert!(
        letter.contains("trich_yeu: \"V/v đôn đốc kích hoạt tài khoản định danh điện tử mức 2\""),
        "{letter}"
    );
    assert!(
        letter.contains("kinh_gui:\n  - \"Trưởng các thôn;\"\n  - \"Công an xã.\"\n"),
        "{letter}"
    );
    assert!(
        letter.contains("  tham_quyen: \"KT. CHỦ TỊCH\"\n  chuc_vu: \"PHÓ CHỦ TỊCH\"\n"),
        "{letter}"
    );
    assert!(draft.contains("ban_nhap: true"), "{draft}");
    assert!(
        !draft.contains("so_hieu") && !draft.contains("ngay_ban_hanh"),
        "{draft}"
    );
    assert!(
        draft.contains("## I. MỤC ĐÍCH, YÊU CẦU\n\n1. Hoàn thành"),
        "{draft}"
    );
    assert!(
        draft.contains("### 1. Công an xã\n\na) Thu nhận hồ sơ tại thôn."),
        "{draft}"
    );
    for (name, text) in [
        ("docx-quyet-dinh", &decision),
        ("docx-quy-che", &rules),
        ("docx-cong-van", &letter),
        ("docx-du-thao", &draft),
    ] {
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn word_files_build_with_links_both_ways_and_no_draft() {
    let p = project_with(&["quyet-dinh-kem-quy-che.docx", "du-thao-ke-hoach.docx"]);
    import(&p, &["nhap"]).ok();
    p.build().ok();
    let decision_page = p.read("public/xa-binh-minh/van-ban/quyet-dinh-07/index.html");
    let rules_page =
        p.read("public/xa-binh-minh/van-ban/quy-che-kem-theo-quyet-dinh-07/index.html");
    assert!(decision_page.contains("/van-ban/quy-che-kem-theo-quyet-dinh-07/"));
    assert!(rules_page.contains("/van-ban/quyet-dinh-07/"));
    // The cited decision of the site is linked from the imported one.
    assert!(decision_page.contains("/van-ban/quyet-dinh-15/"));
    assert!(
        !p.path("public/xa-binh-minh/van-ban/du-thao-ke-hoach-trien-khai-dich-vu-cong-truc")
            .exists()
    );
}

#[test]
fn a_reference_the_import_made_ambiguous_is_reported() {
    let p = project_with(&["ke-hoach-02-xuan-loc.txt"]);
    p.write(
        &format!("{SITE}/van-ban/2022/ke-hoach-02-cu.md"),
        "---\nloai: ke-hoach\nso_hieu: \"02/KH-TCTĐA06\"\nngay_ban_hanh: 2022-03-01\nco_quan_ban_hanh: \"Tổ công tác Đề án 06\"\ntrich_yeu: \"Kế hoạch cũ\"\n---\nNội dung.\n",
    );
    p.write(
        &format!("{SITE}/van-ban/2022/thong-bao-09.md"),
        "---\nloai: thong-bao\nso_hieu: \"09/TB-UBND\"\nngay_ban_hanh: 2022-12-20\ntrich_yeu: \"Thông báo\"\nlien_quan:\n  - \"02/KH-TCTĐA06\"\n---\nNội dung.\n",
    );
    p.check().ok();
    let run = import(&p, &["nhap/ke-hoach-02-xuan-loc.txt"]);
    run.ok()
        .warning_at(
            &format!("{SITE}/van-ban/2022/thong-bao-09.md:7"),
            "tham-chieu-mo-ho",
        )
        .says("kiểm tra sau khi nhập: 0 lỗi, 1 cảnh báo");
}

#[test]
fn never_overwrites_and_names_the_file() {
    let p = project_with(&["cong-van.docx"]);
    import(&p, &["nhap/cong-van.docx"]).ok();
    let path = format!("{SITE}/van-ban/2025/cong-van-112.md");
    p.write(&path, "sửa tay\n");
    let run = import(&p, &["nhap/cong-van.docx"]);
    assert_eq!(run.code, 1, "{run:?}");
    run.says("content/xa-binh-minh/van-ban/2025/cong-van-112.md` đã có: không ghi đè");
    assert_eq!(p.read(&path), "sửa tay\n");
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let p = project_with(&["cong-van.docx"]);
    p.write_bytes(
        "nhap/cu.doc",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    );
    p.write("nhap/rong.txt", "");
    let run = import(&p, &["nhap"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        p.path(&format!("{SITE}/van-ban/2025/cong-van-112.md"))
            .exists()
    );
    run.says("nhap/cu.doc:1:1: lỗi[nhap]: Đây là tệp Word 97–2003 (.doc)")
        .says("Lưu thành (Save As)")
        .says("nhap/rong.txt:1:1: lỗi[nhap]: Tệp rỗng")
        .says("Đã nhập 1 văn bản từ 1 tệp; 2 tệp không nhập được");
}

#[test]
fn hostile_files_are_refused_in_vietnamese() {
    let p = Project::new();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bom.docx", docx::zip_bomb(), "Nội dung tệp quá lớn"),
        ("thuc-the.docx", docx::entity_expansion(), "DOCTYPE"),
        ("long-sau.docx", docx::deep_nesting(), "lồng nhau quá sâu"),
        (
            "khong-phai.docx",
            docx::not_a_docx(),
            "không phải tệp Word .docx",
        ),
        ("rong.docx", Vec::new(), "Tệp rỗng"),
        (
            "cu.docx",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0],
            "Word 97–2003",
        ),
        (
            "ban-quet.pdf",
            b"%PDF-1.7\n%binary".to_vec(),
            "không đọc PDF",
        ),
        (
            "cat-doi.docx",
            docx::cong_van()[..900].to_vec(),
            "không phải tệp Word .docx",
        ),
        (
            "anh.jpg",
            vec![0xFF, 0xD8, 0xFF, 0xE0],
            "chỉ đọc văn bản Word (.docx)",
        ),
    ];
    for (name, bytes, _) in &cases {
        p.write_bytes(&format!("nhap/{name}"), bytes);
    }
    // 50 MB that are not a zip.
    let big: Vec<u8> = (0..50 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
        .collect();
    p.write_bytes("nhap/lon.docx", &big);
    for (name, _, message) in cases.iter().map(|(n, b, m)| (*n, b, *m)).chain([(
        "lon.docx",
        &Vec::new(),
        "không phải tệp Word .docx",
    )]) {
        let run = import(&p, &[&format!("nhap/{name}")]);
        assert_eq!(run.code, 1, "{name}: {run:?}");
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        run.says(&format!("nhap/{name}:1:1: lỗi[nhap]: "))
            .says(message)
            .says("gợi ý:");
    }
    assert!(!p.path(&format!("{SITE}/van-ban/2022")).exists());
}

#[test]
fn json_report_for_tools() {
    let p = project_with(&["cong-van.docx"]);
    let run = import(&p, &["nhap/cong-van.docx", "--format", "json"]);
    run.ok();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("one JSON object");
    let doc = &v["files"][0]["documents"][0];
    assert_eq!(
        doc["path"],
        "content/xa-binh-minh/van-ban/2025/cong-van-112.md"
    );
    assert_eq!(doc["recognized"]["loai"], "cong-van");
    assert_eq!(doc["recognized"]["so_hieu"], "112/UBND-CA");
    assert_eq!(doc["recognized"]["ngay_ban_hanh"], "2025-08-20");
    assert_eq!(doc["recognized"]["nguoi_ky"], "Trần Thị Lan");
    assert_eq!(doc["recognized"]["can_cu"], 1);
    assert_eq!(v["summary"]["documents"], 1);
    assert_eq!(v["summary"]["failed"], 0);
}

#[test]
fn bad_usage_exits_2() {
    let p = project_with(&["cong-van.docx"]);
    let run = p.run(&["import", "nhap/cong-van.docx", "--site", "khong-co"]);
    assert_eq!(run.code, 2, "{run:?}");
    let run = import(&p, &["nhap/khong-co.docx"]);
    assert_eq!(run.code, 2, "{run:?}");
    run.says("không tìm thấy `nhap/khong-co.docx`");
    let help = p.run(&["import", "--help"]);
    help.ok()
        .says("Mã đơn vị nhận văn bản")
        .says("Dạng báo cáo");
}
