//! Front-matter values are plain text (SPEC §9): every payload of `fixtures/xss-payloads.txt`,
//! put in titles, names, titles of people, area names, issuers and recipients, is published
//! only as escaped text: in pages, in `feed.xml` and `sitemap.xml`. Allowed raw HTML in a body
//! cannot smuggle markup through an attribute either. Exit 0: these are neutralized, not refused.

use crate::common::{DECISION, Project, SITE};

fn payloads() -> Vec<&'static str> {
    include_str!("fixtures/xss-payloads.txt")
        .lines()
        .filter(|l| !l.is_empty())
        .collect()
}

/// YAML double-quoted form of a payload.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Markup that must never appear unescaped in any published file.
const FORBIDDEN: &[&str] = &[
    "<script>alert",
    "<svg onload",
    "<iframe src",
    "<img src=x",
    "<style>*",
    "href=\"javascript",
    "onerror=alert(1)>",
    "49{%",
    "]]></summary><",
];

#[test]
fn front_matter_payloads_are_text_everywhere() {
    let p = Project::new();
    let x = payloads();
    let site = SITE
        .replace("\"Xã Bình Minh\"", &q(&format!("Xã Bình Minh {}", x[0])))
        .replace("\"Thôn 1\"", &q(&format!("Thôn 1 {}", x[1])))
        .replace("\"Thôn Đông Tâm\"", &q(&format!("Thôn Đông Tâm {}", x[2])))
        .replace("\"Chủ tịch UBND xã\"", &q(&format!("Chủ tịch {}", x[3])))
        .replace("\"Trần Văn Nam\"", &q(&format!("Trần Văn Nam {}", x[4])))
        .replace("\"Công an xã Bình Minh\"", &q(&format!("Công an {}", x[8])));
    p.write("content/xa-binh-minh/_site.yaml", &site);
    let decision = DECISION
        .replace(
            "\"Về việc thành lập Tổ công tác triển khai Đề án 06 xã Bình Minh\"",
            &q(&format!("Về việc thành lập {} {}", x[5], x[6])),
        )
        .replace(
            "  ho_ten: \"Nguyễn Văn Hùng\"",
            &format!("  ho_ten: {}", q(&format!("Nguyễn Văn Hùng {}", x[7]))),
        )
        .replace("\"Như Điều 3;\"", &q(x[9]))
        .replace(
            "noi_nhan:",
            &format!(
                "co_quan_ban_hanh: {}\nlinh_vuc: [{}]\nnoi_nhan:",
                q(x[0]),
                q(x[1])
            ),
        );
    p.write(
        "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md",
        &decision,
    );
    p.write(
        "content/xa-binh-minh/van-ban/2025/thong-bao-99.md",
        &crate::notice(
            "Viết tắt <abbr title='\"><script>alert(1)</script>'>UBND</abbr>.\n\n\
             Ảnh <img/src=\"/tep/a.png\"/onerror=alert(1)> đây.\n",
        ),
    );
    let r = p.build();
    r.ok();
    let files = crate::survive::tree(&p.path("public"));
    assert!(files.len() > 10);
    // The theme's own static files are trusted; everything built from content is checked.
    for (path, bytes) in files.iter().filter(|(n, _)| !n.contains("/static/")) {
        let text = String::from_utf8_lossy(bytes);
        for bad in FORBIDDEN {
            assert!(!text.contains(bad), "`{bad}` unescaped in {path}");
        }
    }
    let page = p.read("public/xa-binh-minh/van-ban/quyet-dinh-15/index.html");
    assert!(
        page.contains("]]&gt;&lt;/summary&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        page.contains("&amp;lt;script&amp;gt;"),
        "pre-escaped text is escaped again"
    );
    assert!(
        page.contains("{{ 7*7 }}{% raw %}&lt;script&gt;"),
        "values are never templates"
    );
    let feed = p.read("public/xa-binh-minh/feed.xml");
    assert!(
        feed.contains("Xã Bình Minh &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{feed}"
    );
    assert!(
        feed.contains("]]&gt;&lt;/summary&gt;&lt;script&gt;"),
        "{feed}"
    );
    let area = p.read("public/xa-binh-minh/khu-dan-cu/thon-1/index.html");
    assert!(
        area.contains("Thôn 1 &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "{area}"
    );
    let notice = p.read("public/xa-binh-minh/van-ban/thong-bao-99/index.html");
    assert!(
        notice.contains(
            "<abbr title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">UBND</abbr>"
        ),
        "{notice}"
    );
    // Not a tag for CommonMark (no space after the name): published as text, never as a tag.
    assert!(notice.contains("Ảnh &lt;img/src="), "{notice}");
    let sitemap = p.read("public/xa-binh-minh/sitemap.xml");
    assert!(
        sitemap
            .lines()
            .filter(|l| l.contains("<loc>"))
            .all(|l| l.is_ascii()),
        "{sitemap}"
    );
}

#[test]
fn attachment_name_with_markup_is_refused() {
    let p = Project::new();
    let name = "\"><svg onload=alert(1)>.pdf";
    p.write(&format!("content/xa-binh-minh/tep/{name}"), "%PDF-1.4\n");
    p.write(
        crate::NOTICE,
        &crate::notice_with(
            &format!("kem_theo: [{}]\n", q(&format!("tep/{name}"))),
            "Nội dung.\n",
        ),
    );
    crate::refused(&p, &[(&format!("{}:6:12", crate::NOTICE), "kem-theo-ten")]);
}

#[test]
fn every_page_forbids_inline_script() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/_ma-qr.yaml",
        "- ma: K7CM\n  dich: /khu-dan-cu/thon-1/\n  in_lan_dau: 2025-09-01\n",
    );
    p.build().ok();
    let files = crate::survive::tree(&p.path("public"));
    let pages: Vec<&(String, Vec<u8>)> =
        files.iter().filter(|(n, _)| n.ends_with(".html")).collect();
    assert!(pages.iter().any(|(n, _)| n.ends_with("q/k7cm/index.html")));
    for (name, bytes) in pages {
        let html = String::from_utf8_lossy(bytes);
        let csp = html
            .split("http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("{name}: no CSP meta"));
        let script_src = csp
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap_or_else(|| panic!("{name}: no script-src in {csp}"));
        assert!(
            !script_src.contains("unsafe-inline"),
            "{name}: {script_src}"
        );
        assert!(csp.contains("object-src 'none'"), "{name}: {csp}");
        assert!(!html.contains("<script>"), "{name}: inline script");
    }
}
