//! The clerk's habits (issue 12, SPEC §9): lists saved by Excel in a Vietnamese locale, text
//! pasted from Word, placeholders left from `init`/`new`, unsigned drafts. Each test fails
//! without its rule and asserts the Vietnamese message at its `path:line:column`.

use crate::common::*;
use std::path::Path;

const SITE_FILE: &str = "content/xa-binh-minh/_site.yaml";
const ROSTER: &str = "content/xa-binh-minh/to-cong-tac.csv";
const AREAS: &str = "content/xa-binh-minh/khu-dan-cu.csv";

/// The fixture site without its YAML roster and areas, so that CSV files can hold them.
fn site_for_csv() -> Project {
    let p = Project::new();
    let head = SITE.split("to_cong_tac:").next().expect("a roster");
    p.write(
        SITE_FILE,
        &format!("{head}dich_vu_tren_poster:\n  - dang-ky-tam-tru\n"),
    );
    p
}

/// A file of `tests/fixtures/excel/`, as bytes (BOM, CRLF and all).
fn excel(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/excel")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The number of errors a run printed.
fn errors(run: &Run) -> usize {
    run.stderr.lines().filter(|l| l.contains(": lỗi[")).count()
}

#[test]
fn lists_saved_by_excel_in_a_vietnamese_locale_build() {
    let p = site_for_csv();
    let roster = excel("to-cong-tac.csv");
    assert!(roster.starts_with("\u{FEFF}".as_bytes()) && roster.windows(2).any(|w| w == b"\r\n"));
    p.write_bytes(ROSTER, &roster);
    p.write_bytes(AREAS, &excel("khu-dan-cu.csv"));
    p.build().ok();
    let team = p.read("public/xa-binh-minh/to-cong-tac/index.html");
    // A quoted cell keeps its `;`; the label `Tổ trưởng` is the role `to-truong`.
    assert!(team.contains("Chủ tịch UBND xã; Tổ trưởng"), "{team}");
    assert!(team.contains("Trần Văn Bảy") && team.contains("0233 3851 234"));
    let area = p.read("public/xa-binh-minh/khu-dan-cu/thon-1/index.html");
    assert!(area.contains("Trần Văn Nam") && area.contains("Lê Thị Hoa"));
    assert!(area.contains("Chi hội trưởng; Phụ nữ"), "{area}");
    assert!(
        p.path("public/xa-binh-minh/khu-dan-cu/thon-dong-tam/index.html")
            .exists()
    );
}

#[test]
fn a_tab_separated_list_builds() {
    let p = site_for_csv();
    p.write(
        ROSTER,
        "ho_ten\tchuc_vu\tvai_tro\tdien_thoai\nNguyễn Văn Hùng\tChủ tịch UBND xã, Tổ trưởng\tto-truong\t0912 345 678\n",
    );
    p.build().ok();
    let team = p.read("public/xa-binh-minh/to-cong-tac/index.html");
    assert!(team.contains("Chủ tịch UBND xã, Tổ trưởng"), "{team}");
}

#[test]
fn a_wrong_header_is_one_error_naming_the_columns() {
    let p = site_for_csv();
    p.write(
        ROSTER,
        "Tên;Chức vụ\nNguyễn Văn Hùng;Chủ tịch UBND xã\nLê Thị Mai;Trưởng Công an xã\nTrần Văn Bảy;Công chức\n",
    );
    let run = p.check();
    run.error_at(&format!("{ROSTER}:1:1"), "csv-cot")
        .says("Dòng tiêu đề không đúng mẫu: thiếu cột `Họ và tên` (ho_ten), `Vai trò` (vai_tro); không biết cột `Tên`.")
        .says("Dòng đầu (tiêu đề) phải có các cột `Họ và tên`, `Chức vụ`, `Vai trò` (hoặc `ho_ten`, `chuc_vu`, `vai_tro`), có thể thêm `Điện thoại` (hoặc `dien_thoai`)");
    assert_eq!(errors(&run), 1, "{}", run.stderr);
}

#[test]
fn a_phone_without_its_leading_zero_is_refused_with_the_fix() {
    let p = site_for_csv();
    p.write(
        ROSTER,
        "Họ và tên;Chức vụ;Vai trò;Điện thoại\nNguyễn Văn Hùng;Chủ tịch UBND xã;to-truong;914555666\n",
    );
    p.check()
        .error_at(&format!("{ROSTER}:2:44"), "dien-thoai")
        .says("số điện thoại mất số 0 ở đầu")
        .says("Viết `0914555666`: định dạng cột Điện thoại là Văn bản (Text) trong Excel, hoặc gõ lại số 0 ở đầu.");
}

#[test]
fn a_landline_without_its_leading_zero_is_refused_in_yaml_too() {
    let p = Project::new();
    p.write(SITE_FILE, &SITE.replace("\"0233 3851 234\"", "2333851234"));
    p.check()
        .error_at(&format!("{SITE_FILE}:7:17"), "dien-thoai")
        .says("Viết `02333851234`");
}

#[test]
fn a_phone_in_scientific_notation_is_refused() {
    let p = site_for_csv();
    p.write(
        AREAS,
        "Đơn vị;Mã;Tên;Người liên hệ;Chức vụ;Điện thoại\n;thon-1;Thôn 1;Trần Văn Nam;Trưởng thôn;8,49146E+10\n",
    );
    p.check()
        .error_at(&format!("{AREAS}:2:41"), "dien-thoai")
        .says("Excel đã đổi số điện thoại sang dạng số mũ")
        .says("định dạng cột Điện thoại là Văn bản (Text) trong Excel");
}

#[test]
fn free_text_in_a_phone_cell_is_refused_and_never_a_tel_link() {
    let p = site_for_csv();
    p.write(
        ROSTER,
        "ho_ten,chuc_vu,vai_tro,dien_thoai\nNguyễn Văn Hùng,Chủ tịch UBND xã,to-truong,liên hệ UBND\n",
    );
    let run = p.build();
    run.error_at(&format!("{ROSTER}:2:44"), "dien-thoai")
        .says("không phải một số điện thoại: `liên hệ UBND`");
    assert!(
        !p.path("public/xa-binh-minh/to-cong-tac/index.html")
            .exists()
    );
}

const DOC: &str = "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md";

#[test]
fn word_quotes_in_a_number_are_one_error_that_names_them() {
    let p = Project::new();
    p.write(
        DOC,
        &DECISION
            .replace("so_hieu: \"15/QĐ-UBND\"", "so_hieu: “15/QĐ-UBND”")
            .replace(
                "ngay_ban_hanh: 2025-07-05",
                "ngay_ban_hanh: \"2025-07-05”\"",
            )
            .replace("  - \"06/QĐ-TTg\"", "  - “06/QĐ-TTg”"),
    );
    let run = p.check();
    run.error_at(&format!("{DOC}:3:10"), "ngoac-word")
        .error_at(&format!("{DOC}:4:27"), "ngoac-word")
        .error_at(&format!("{DOC}:10:5"), "ngoac-word")
        .says("`so_hieu` có dấu ngoặc kép kiểu Word `“`")
        .says("gõ dấu `\"` trên bàn phím: `so_hieu: \"15/QĐ-UBND\"`");
    // The number's own rules do not report the same quotes again.
    assert_eq!(errors(&run), 3, "{}", run.stderr);
}

#[test]
fn a_summary_wrapped_in_word_quotes_is_a_warning_and_kept() {
    let p = Project::new();
    p.write(
        DOC,
        &DECISION
            .replace(
                "trich_yeu: \"Về việc thành lập",
                "trich_yeu: \"“Về việc thành lập",
            )
            .replace("xã Bình Minh\"\nnguoi_ky", "xã Bình Minh”\"\nnguoi_ky"),
    );
    let run = p.build();
    run.ok()
        .warning_at(&format!("{DOC}:5:13"), "ngoac-word")
        .says("nằm trọn trong dấu ngoặc kép kiểu Word");
    let page = p.read("public/xa-binh-minh/van-ban/quyet-dinh-15/index.html");
    assert!(page.contains("“Về việc thành lập"), "kept as written");
}

#[test]
fn placeholders_of_init_warn_in_build_and_stop_posters() {
    let dir = tempfile::tempdir().unwrap();
    let p = Project { dir };
    p.run(&["init", "."]).ok();
    let site = "content/xa-mau/_site.yaml";
    let build = p.build();
    build
        .ok()
        .warning_at(&format!("{site}:7:11"), "gia-tri-mau")
        .warning_at(&format!("{site}:2:6"), "gia-tri-mau")
        .says("`base_url` vẫn là địa chỉ mẫu `https://xamau.example.gov.vn/`.")
        .says("`ten` vẫn là giá trị mẫu `Xã Mẫu`.");
    let posters = p.run(&["posters"]);
    posters
        .error_at(&format!("{site}:7:11"), "gia-tri-mau")
        .says("Không in áp phích với giá trị mẫu");
    assert!(!p.path("posters").exists(), "nothing printed");
    assert!(
        !p.path("content/xa-mau/_ma-qr.yaml").exists(),
        "no code given"
    );
}

#[test]
fn placeholders_of_new_are_warned_about() {
    let p = Project::new();
    p.run(&["new", "cong-van", "--site", "xa-binh-minh"]).ok();
    // Written under the build day's year (`SOURCE_DATE_EPOCH` of the tests: 2026).
    let doc = "content/xa-binh-minh/van-ban/2026/cong-van.md";
    let text = p.read(doc);
    let line_of = |needle: &str| {
        1 + text
            .lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("`{needle}` in:\n{text}"))
    };
    let run = p.check();
    run.ok()
        .says("Văn bản này là bản nháp (`ban_nhap: true`)")
        .warning_at(&format!("{doc}:{}", line_of("trich_yeu:")), "gia-tri-mau")
        .warning_at(&format!("{doc}:{}", line_of("ho_ten:")), "gia-tri-mau")
        .warning_at(
            &format!("{doc}:{}:1", line_of("Nội dung văn bản viết ở đây")),
            "gia-tri-mau",
        )
        .says("Thân văn bản vẫn là câu mẫu do `niemyet new` viết.");
}

#[test]
fn a_real_place_named_mau_son_is_not_a_placeholder() {
    let p = Project::printable();
    p.write(
        SITE_FILE,
        &p.read(SITE_FILE)
            .replace("Xã Bình Minh", "Xã Mẫu Sơn")
            .replace("Bình Minh\"", "Mẫu Sơn\""),
    );
    let run = p.check();
    run.ok();
    assert!(!run.stderr.contains("gia-tri-mau"), "{}", run.stderr);
}

const DRAFT: &str = "content/xa-binh-minh/van-ban/2025/du-thao-ke-hoach.md";

/// A draft as the unsigned paper reads: `Số:    /KH-UBND`, "ngày   tháng   năm 2025".
fn draft(number: &str, date: &str) -> String {
    format!(
        "---\nloai: ke-hoach\nso_hieu: \"{number}\"\nngay_ban_hanh: \"{date}\"\ntrich_yeu: \"Kế hoạch triển khai Đề án 06 năm 2026\"\nban_nhap: true\n---\n\nNội dung dự thảo.\n"
    )
}

#[test]
fn a_draft_with_a_blank_number_and_date_is_accepted_and_never_published() {
    for (number, date) in [
        ("   /KH-UBND", "ngày   tháng   năm 2025"),
        ("/KH-UBND", ""),
        ("", "   /   /2025"),
    ] {
        let p = Project::new();
        p.write(DRAFT, &draft(number, date));
        let run = p.build();
        run.ok();
        assert!(
            !run.stderr.contains("lỗi["),
            "{number:?} {date:?}: {}",
            run.stderr
        );
        assert!(
            !p.path("public/xa-binh-minh/van-ban/du-thao-ke-hoach")
                .exists()
        );
        p.run(&["build", "--drafts"]).ok();
        assert!(
            p.path("public/xa-binh-minh/van-ban/du-thao-ke-hoach/index.html")
                .exists()
        );
    }
}

#[test]
fn a_blank_number_without_ban_nhap_is_refused_with_the_draft_hint() {
    let p = Project::new();
    p.write(
        DRAFT,
        &draft("   /KH-UBND", "2025-06-01").replace("ban_nhap: true\n", ""),
    );
    p.check()
        .error_at(&format!("{DRAFT}:3:10"), "so-hieu")
        .says("còn để trống phần số: đây là bản nháp chưa ký.")
        .says("`ban_nhap: true`");
}

#[test]
fn a_draft_is_never_told_to_set_ban_nhap() {
    let p = Project::new();
    p.write(DRAFT, &draft("00/KH-UBND", "ngày 32 tháng 13 năm 2025"));
    let run = p.check();
    run.error_at(&format!("{DRAFT}:3:10"), "so-hieu")
        .error_at(&format!("{DRAFT}:4:16"), "ngay");
    assert!(!run.stderr.contains("ban_nhap"), "{}", run.stderr);
}

const PROVINCE: &str = "content/quang-tri/_site.yaml";

#[test]
fn a_province_links_to_the_own_site_of_its_commune() {
    let p = crate::posters::example();
    let commune = "public/quang-tri/khu-dan-cu/binh-an/index.html";
    let link =
        "<a class=\"more\" href=\"https://binhan.example.gov.vn/\">Trang riêng của Xã Bình An</a>";
    p.build().ok();
    assert!(p.read(commune).contains(link), "{}", p.read(commune));
    assert!(
        p.read("public/quang-tri/khu-dan-cu/index.html")
            .contains(link)
    );
    // Built alone, the province still finds the commune site's address.
    p.run(&["build", "--site", "quang-tri"]).ok();
    assert!(p.read(commune).contains(link));
    // A commune without `trang` has no such link.
    assert!(
        !p.read("public/quang-tri/khu-dan-cu/dong-ha/index.html")
            .contains("Trang riêng")
    );
}

#[test]
fn a_commune_page_that_is_not_a_site_is_refused_with_the_nearest() {
    let p = crate::posters::example();
    let text = p.read(PROVINCE);
    let line = 1 + text
        .lines()
        .position(|l| l.contains("trang: binh-an"))
        .unwrap();
    p.write(PROVINCE, &text.replace("trang: binh-an", "trang: binhan"));
    p.check()
        .error_at(&format!("{PROVINCE}:{line}:12"), "trang")
        .says("`trang: binhan` không phải một đơn vị khác của dự án.")
        .says("Có phải ý bạn là `binh-an`?");
}

#[test]
fn a_vanished_qr_target_gets_a_hint_naming_the_new_address() {
    let p = Project::new();
    p.write(SITE_FILE, &SITE.replace("ma: thon-1", "ma: thon-mot"));
    p.write(
        "content/xa-binh-minh/_ma-qr.yaml",
        "- ma: K7PQ\n  dich: /khu-dan-cu/thon-1/\n  in_lan_dau: 2025-07-01\n",
    );
    p.check()
        .error_at("content/xa-binh-minh/_ma-qr.yaml:2:9", "ma-qr-dich")
        .says("thêm `chuyen_den: /khu-dan-cu/thon-mot/` vào mục `K7PQ`: mã đã in `https://binhminh.example.gov.vn/q/k7pq/` sẽ dẫn tới `https://binhminh.example.gov.vn/khu-dan-cu/thon-mot/`.");
}

/// Every file under `dir`, as (relative path, text).
fn texts(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read_to_string(e.path()).unwrap_or_default())
        })
        .collect()
}

#[test]
fn init_writes_a_guide_for_the_clerk_and_its_files_point_to_it() {
    let p = Project {
        dir: tempfile::tempdir().unwrap(),
    };
    let run = p.run(&["init", "."]);
    run.ok().says("Tiếp theo: đọc HUONG-DAN.md");
    let guide = p.read("HUONG-DAN.md");
    for step in [
        "## 1. Sửa trước tiên",
        "content/xa-mau/_site.yaml",
        "niemyet check",
        "niemyet serve",
        "niemyet build",
        "niemyet posters",
        "niemyet publish --dry-run",
        "định dạng cột\nĐiện thoại là Văn bản (Text)",
    ] {
        assert!(guide.contains(step), "`{step}` missing from HUONG-DAN.md");
    }
    assert!(
        p.read("content/xa-mau/_site.yaml")
            .contains("xem HUONG-DAN.md")
    );
    p.run(&["new", "ke-hoach", "--site", "xa-mau"]).ok();
    let written = texts(p.root());
    assert!(written.iter().any(|(rel, _)| rel.ends_with("ke-hoach.md")));
    for (rel, text) in written {
        assert!(!text.contains("SPEC"), "{rel} points to the SPEC");
        assert!(!text.to_lowercase().contains("commit"), "{rel} says commit");
    }
}

#[test]
fn new_from_a_subfolder_finds_the_project() {
    let p = Project::new();
    let sub = p.path("content/xa-binh-minh/van-ban");
    let out = p
        .cmd()
        .current_dir(&sub)
        .args(["new", "thong-bao", "--site", "xa-binh-minh"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        p.path("content/xa-binh-minh/van-ban/2026/thong-bao.md")
            .is_file()
    );
    assert!(
        !sub.join("content").exists(),
        "nothing written under the subfolder"
    );
}

#[test]
fn new_outside_any_project_says_how_to_fix_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = Project { dir };
    let run = p.run(&["new", "thong-bao", "--site", "xa-binh-minh"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    run.says("không phải dự án niemyet (không có thư mục `content/`)")
        .says("`--root THƯ_MỤC_DỰ_ÁN`");
    let help = p.run(&["new", "--help"]);
    help.says("thư mục cha gần nhất có `content/`");
}

#[test]
fn a_busy_port_is_said_in_vietnamese() {
    let p = Project::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = p.run(&["serve", "--port", &port]);
    assert_ne!(run.code, 0);
    run.says(&format!(
        "không mở được cổng {port} trên 127.0.0.1: cổng này đang được chương trình khác dùng"
    ))
    .says("Chọn cổng khác bằng `--port`.");
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    drop(taken);
}

#[test]
fn empty_headings_excel_leaves_are_ignored_but_never_hide_content() {
    let p = site_for_csv();
    p.write(
        ROSTER,
        "Họ và tên;Chức vụ;Vai trò;Điện thoại;;\nNguyễn Văn Hùng;Chủ tịch UBND xã;to-truong;0912 345 678;;\n",
    );
    p.build().ok();
    p.write(
        ROSTER,
        "Họ và tên;Chức vụ;Vai trò;Điện thoại;;\nNguyễn Văn Hùng;Chủ tịch UBND xã;to-truong;0912 345 678;;ghi chú\n",
    );
    p.check()
        .error_at(&format!("{ROSTER}:2:58"), "csv-thua-o")
        .says("cột của nó không có tên ở dòng tiêu đề");
}

#[test]
fn posters_are_refused_only_for_what_they_print() {
    let p = Project::printable();
    p.write(
        "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md",
        &DECISION.replace("Nguyễn Văn Hùng", "..."),
    );
    p.run(&["posters"])
        .ok()
        .warning_at(&format!("{DOC}:7:11"), "gia-tri-mau");
    p.write(SITE_FILE, &printable_site().replace("Trần Văn Nam", "..."));
    p.run(&["posters"])
        .error_at(&format!("{SITE_FILE}:21:17"), "gia-tri-mau");
}

#[test]
fn optional_columns_may_be_left_out() {
    let p = site_for_csv();
    p.write(
        ROSTER,
        "Họ và tên;Chức vụ;Vai trò\nNguyễn Văn Hùng;Chủ tịch UBND xã;Tổ trưởng\n",
    );
    p.write(AREAS, "Mã;Tên khu\nthon-1;Thôn 1\n");
    p.build().ok();
    assert!(
        p.read("public/xa-binh-minh/to-cong-tac/index.html")
            .contains("Nguyễn Văn Hùng")
    );
    assert!(
        p.path("public/xa-binh-minh/khu-dan-cu/thon-1/index.html")
            .is_file()
    );
}
