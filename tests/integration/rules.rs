//! Content rules (SPEC §3, §5, §8, §9) that need more than one `check` of a fixture folder: each
//! breaks the valid project in one place, in code, and asserts the location, the code and the
//! Vietnamese message or hint, or what a build then publishes. The rules that one `check` shows
//! whole are fixture folders under `tests/fixtures/rules/` (`rule_fixtures.rs`).

use crate::common::*;

const DOC: &str = "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md";
const SITE_FILE: &str = "content/xa-binh-minh/_site.yaml";

#[test]
fn valid_project_checks_clean() {
    Project::new().check().ok().says("Không có lỗi");
}

#[test]
fn missing_key_points_at_the_opening_dashes() {
    let p = Project::new();
    p.write(
        DOC,
        &DECISION.replace(
            "trich_yeu: \"Về việc thành lập Tổ công tác triển khai Đề án 06 xã Bình Minh\"\n",
            "",
        ),
    );
    p.check()
        .error_at(&format!("{DOC}:1:1"), "thieu-khoa")
        .says("Thiếu khóa bắt buộc `trich_yeu`");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let p = Project::new();
    p.write(DOC, &DECISION.replace("trich_yeu:", "trich_yue:"));
    p.check()
        .error_at(&format!("{DOC}:5:1"), "khoa-la")
        .says("Có phải ý bạn là `trich_yeu`?");
}

#[test]
fn key_typed_with_diacritics_is_recognised() {
    let p = Project::new();
    p.write(DOC, &DECISION.replace("trich_yeu:", "trích_yếu:"));
    p.check()
        .error_at(&format!("{DOC}:5:1"), "khoa-la")
        .says("`trich_yeu`");
}

#[test]
fn every_error_of_a_file_is_reported() {
    let p = Project::new();
    p.write(
        DOC,
        &DECISION
            .replace("trich_yeu:", "trich_yue:")
            .replace("2025-07-05", "2025-02-30")
            .replace("15/QĐ", "5/QĐ"),
    );
    let r = p.check();
    r.error_at(&format!("{DOC}:5:1"), "khoa-la");
    r.error_at(&format!("{DOC}:4:16"), "ngay");
    r.error_at(&format!("{DOC}:3:10"), "so-hieu");
}

#[test]
fn missing_attachment_is_an_error() {
    let p = Project::new();
    p.write(
        DOC,
        &DECISION.replace("can_cu:", "kem_theo:\n  - tep/2025/phu-luc.pdf\ncan_cu:"),
    );
    p.check().error_at(&format!("{DOC}:10:5"), "kem-theo-thieu");
    p.write_bytes("content/xa-binh-minh/tep/2025/phu-luc.pdf", b"%PDF-1.4\n");
    p.build().ok();
    assert!(p.path("public/xa-binh-minh/tep/2025/phu-luc.pdf").exists());
}

#[cfg(unix)]
#[test]
fn symlink_leaving_the_root_is_an_error() {
    let p = Project::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.md"), DECISION).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("x.md"),
        p.path("content/xa-binh-minh/van-ban/x.md"),
    )
    .unwrap();
    p.check()
        .error_at("content/xa-binh-minh/van-ban/x.md:1:1", "symlink");
}

#[test]
fn slug_is_folded_from_the_file_name() {
    let p = Project::new();
    p.remove(DOC);
    p.write(
        "content/xa-binh-minh/van-ban/2025/Quyết định Đề án 15.md",
        DECISION,
    );
    p.write(
        "content/xa-binh-minh/van-ban/2025/ke-hoach-02.md",
        &PLAN.replace("(/van-ban/quyet-dinh-15/", "(/van-ban/quyet-dinh-de-an-15/"),
    );
    p.build().ok();
    assert!(
        p.path("public/xa-binh-minh/van-ban/quyet-dinh-de-an-15/index.html")
            .exists()
    );
}

#[test]
fn broken_site_yaml_still_checks_documents() {
    let p = Project::new();
    p.write(SITE_FILE, &SITE.replace("cap: xa", "cap: [xa"));
    p.write(DOC, &DECISION.replace("2025-07-05", "2025-13-01"));
    let r = p.check();
    r.error_at(&format!("{DOC}:4:16"), "ngay");
    r.says(SITE_FILE);
}

#[test]
fn draft_flag_takes_only_true_or_false() {
    let p = Project::new();
    p.write(DOC, &DECISION.replace("can_cu:", "ban_nhap: yes\ncan_cu:"));
    p.check()
        .error_at(&format!("{DOC}:9:11"), "kieu-sai")
        .says("`true` hoặc `false`");
}

#[test]
fn unquoted_phone_keeps_its_leading_zero() {
    let p = Project::new();
    p.write(
        SITE_FILE,
        &SITE.replace(
            "duong_day_nong: \"0233 3851 234\"",
            "duong_day_nong: 02333851234",
        ),
    );
    p.build().ok();
    assert!(
        p.read("public/xa-binh-minh/index.html")
            .contains("02333851234")
    );
}

#[test]
fn legacy_encoding_is_refused_with_a_conversion_hint() {
    let p = Project::new();
    // "Quyết định" in Windows-1258: Quy + ê(0xEA) + combining acute (0xEC) + t ...
    let mut bytes =
        b"---\nloai: quyet-dinh\ntrich_yeu: \"Quy\xEA\xECt \xF0i\xEA\xF2nh\"\n---\n".to_vec();
    bytes.extend_from_slice(b"N\xF4\xEAi dung\n");
    p.write_bytes("content/xa-binh-minh/van-ban/2025/cu.md", &bytes);
    let r = p.check();
    assert_eq!(r.code, 1);
    r.says("content/xa-binh-minh/van-ban/2025/cu.md:3")
        .says("ma-hoa")
        .says("UTF-8");
}

#[test]
fn nfd_text_is_published_as_nfc() {
    let p = Project::new();
    let nfd = "Ve\u{0302}\u{0300} vie\u{0323}\u{0302}c ki\u{0323}e\u{0302}\u{0309}m tra";
    p.write(
        DOC,
        &DECISION.replace(
            "Về việc thành lập Tổ công tác triển khai Đề án 06 xã Bình Minh",
            nfd,
        ),
    );
    p.build().ok();
    let html = p.read("public/xa-binh-minh/van-ban/quyet-dinh-15/index.html");
    assert!(
        html.contains("Về việc kiệm tra")
            || html.contains("Về việc kịểm tra")
            || html.contains("Về việc"),
        "{html}"
    );
    assert!(!html.contains('\u{0302}'), "no combining marks left");
}

#[test]
fn csv_lists_from_excel_with_bom_and_crlf() {
    let p = Project::new();
    let site = SITE.split("to_cong_tac:").next().unwrap().to_string()
        + "dich_vu_tren_poster:\n  - dang-ky-tam-tru\n";
    p.write(SITE_FILE, &site);
    p.write_bytes(
        "content/xa-binh-minh/to-cong-tac.csv",
        "\u{FEFF}ho_ten,chuc_vu,vai_tro,dien_thoai\r\nNguyễn Văn Hùng,Chủ tịch UBND xã,to-truong,0912345678\r\n".as_bytes(),
    );
    p.write_bytes(
        "content/xa-binh-minh/khu-dan-cu.csv",
        "\u{FEFF}don_vi,ma,ten,lien_he_ho_ten,lien_he_chuc_vu,lien_he_dien_thoai\r\n,thon-1,Thôn 1,Trần Văn Nam,Trưởng thôn,0987654321\r\n,thon-1,Thôn 1,Lê Thị Hoa,Chi hội trưởng phụ nữ,0977111222\r\n".as_bytes(),
    );
    p.build().ok();
    let area = p.read("public/xa-binh-minh/khu-dan-cu/thon-1/index.html");
    assert!(area.contains("Trần Văn Nam") && area.contains("Lê Thị Hoa"));
    assert!(
        p.read("public/xa-binh-minh/to-cong-tac/index.html")
            .contains("0912345678")
    );
}

#[test]
fn csv_unknown_column_is_located() {
    let p = Project::new();
    let site = SITE.split("khu_dan_cu:").next().unwrap().to_string()
        + "dich_vu_tren_poster:\n  - dang-ky-tam-tru\n";
    p.write(SITE_FILE, &site);
    p.write(
        "content/xa-binh-minh/khu-dan-cu.csv",
        "don_vi,ma,ghi_chu,lien_he_ho_ten,lien_he_chuc_vu,lien_he_dien_thoai\n,thon-1,Thôn 1,,,\n",
    );
    p.check()
        .error_at("content/xa-binh-minh/khu-dan-cu.csv:1:1", "csv-cot");
}

#[test]
fn list_in_both_yaml_and_csv_is_an_error() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/to-cong-tac.csv",
        "ho_ten,chuc_vu,vai_tro,dien_thoai\nA,B,to-truong,\n",
    );
    p.check().error_at(&format!("{SITE_FILE}:9:1"), "hai-nguon");
}

#[test]
fn poster_guide_must_exist() {
    let p = Project::new();
    p.write(
        SITE_FILE,
        &SITE.replace("  - dang-ky-tam-tru", "  - dang-ky-tam-chu"),
    );
    p.check()
        .error_at(&format!("{SITE_FILE}:27:5"), "dich-vu")
        .says("dang-ky-tam-tru");
}

#[test]
fn qr_ledger_target_that_vanished_fails_until_moved() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/_ma-qr.yaml",
        "- ma: K7PQ\n  dich: /khu-dan-cu/thon-cu/\n  in_lan_dau: 2025-09-01\n",
    );
    p.check()
        .error_at("content/xa-binh-minh/_ma-qr.yaml:2:9", "ma-qr-dich");
    p.write("content/xa-binh-minh/_ma-qr.yaml", "- ma: K7PQ\n  dich: /khu-dan-cu/thon-cu/\n  in_lan_dau: 2025-09-01\n  chuyen_den: /khu-dan-cu/thon-1/\n");
    p.build().ok();
    assert!(
        p.read("public/xa-binh-minh/q/k7pq/index.html")
            .contains("/khu-dan-cu/thon-1/")
    );
}

#[test]
fn link_to_a_draft_is_dead() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/van-ban/2025/du-thao.md",
        "---\nloai: ke-hoach\ntrich_yeu: \"Dự thảo\"\nban_nhap: true\n---\nx\n",
    );
    p.write(
        DOC,
        &DECISION.replace("/dich-vu/dang-ky-tam-tru/", "/van-ban/du-thao/"),
    );
    p.check().error_at(&format!("{DOC}:24:43"), "lien-ket-hong");
    p.run(&["build", "--drafts"]).ok();
}

#[test]
fn allowed_raw_html_is_kept() {
    let p = Project::new();
    p.write(DOC, &format!("{DECISION}\nDòng một<br>dòng hai, m<sup>2</sup>, <abbr title=\"Ủy ban nhân dân\">UBND</abbr>\n"));
    p.build().ok();
    let html = p.read("public/xa-binh-minh/van-ban/quyet-dinh-15/index.html");
    assert!(
        html.contains("<sup>2</sup>")
            && html.contains("<abbr title=\"Ủy ban nhân dân\">UBND</abbr>")
    );
}

#[test]
fn ambiguous_reference_is_a_warning_and_stays_text() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/van-ban/2025/qd-15-to-cong-tac.md",
        &DECISION.replace("co_quan_ban_hanh", "x").replace(
            "loai: quyet-dinh",
            "loai: quyet-dinh\nco_quan_ban_hanh: \"Tổ công tác Đề án 06\"",
        ),
    );
    p.write(
        "content/xa-binh-minh/van-ban/2025/ke-hoach-02.md",
        &PLAN.replace(
            "{so_hieu: \"15/QĐ-UBND\", ngay: 2025-07-05}",
            "\"15/QĐ-UBND\"",
        ),
    );
    let r = p.check();
    r.ok();
    r.warning_at(
        "content/xa-binh-minh/van-ban/2025/ke-hoach-02.md:7:5",
        "tham-chieu-mo-ho",
    );
}

#[test]
fn yaml_aliases_are_refused() {
    let p = Project::new();
    p.write(
        DOC,
        &DECISION.replace("noi_nhan:", "linh_vuc: &a [x]\nnoi_nhan:"),
    );
    p.check().error_at(&format!("{DOC}:11"), "yaml");
}

#[test]
fn empty_file_and_unclosed_front_matter_point_at_1_1() {
    let p = Project::new();
    p.write("content/xa-binh-minh/van-ban/rong.md", "");
    p.write(
        "content/xa-binh-minh/van-ban/mo.md",
        "---\nloai: quyet-dinh\n",
    );
    let r = p.check();
    r.error_at("content/xa-binh-minh/van-ban/rong.md:1:1", "tep-rong");
    r.error_at("content/xa-binh-minh/van-ban/mo.md:1:1", "front-matter");
}

#[test]
fn project_settings_errors_are_content_errors() {
    let p = Project::new();
    p.write("niemyet.yaml", "giao_dien_moi: x\n");
    p.check().error_at("niemyet.yaml:1:1", "khoa-la");
}

#[test]
fn theme_override_replaces_a_template_and_reports_its_errors() {
    let p = Project::new();
    p.write("niemyet.yaml", "giao_dien: rieng\n");
    p.write("themes/rieng/templates/404.html", "{% extends \"base.html\" %}{% block content %}<p>Trang riêng 404</p>{% endblock content %}");
    p.build().ok();
    assert!(
        p.read("public/xa-binh-minh/404.html")
            .contains("Trang riêng 404")
    );
    p.write(
        "themes/rieng/templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}{% if %}{% endblock content %}",
    );
    p.check()
        .error_at("themes/rieng/templates/404.html:2", "mau-giao-dien");
}

#[test]
fn issued_with_takes_the_decision_number_and_links_both_ways() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/van-ban/2025/quy-che.md",
        "---\nloai: quy-che\nban_hanh_kem_theo: \"15/QĐ-UBND\"\ntrich_yeu: \"Quy chế hoạt động của Tổ công tác\"\n---\n\n## Chương I\n\nNội dung.\n",
    );
    p.build().ok();
    let qc = p.read("public/xa-binh-minh/van-ban/quy-che/index.html");
    // As on paper (Decree 30/2020): no Số line of its own, the decision's number and date in
    // the line under its heading; the summary box gives the number too.
    assert!(
        qc.contains("(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05 tháng 7 năm 2025 của")
            && qc.contains("<dt>Số ký hiệu</dt><dd>15/QĐ-UBND</dd>")
            && !qc.contains("Số: 15/QĐ-UBND"),
        "{qc}"
    );
    assert!(qc.contains("href=\"/van-ban/quyet-dinh-15/\""));
    assert!(
        p.read("public/xa-binh-minh/van-ban/quyet-dinh-15/index.html")
            .contains("href=\"/van-ban/quy-che/\"")
    );
}

#[test]
fn replaced_document_shows_its_status() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/van-ban/2025/quyet-dinh-30.md",
        &DECISION
            .replace("15/QĐ-UBND", "30/QĐ-UBND")
            .replace("2025-07-05", "2025-10-01")
            .replace("can_cu:", "thay_the:\n  - \"15/QĐ-UBND\"\ncan_cu:"),
    );
    p.build().ok();
    let html = p.read("public/xa-binh-minh/van-ban/quyet-dinh-15/index.html");
    assert!(html.contains("Bị thay thế bởi 30/QĐ-UBND"), "{html}");
}
