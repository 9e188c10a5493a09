//! What issue 16 asks of the pages a resident reads, measured in Chromium: a status banner that
//! cannot be missed (on screen and in print), a contents list and "về đầu trang" links on long
//! documents, and tap targets a finger can hit.

use crate::{BROWSER_TURN, browser, page_kinds, servers};
use serde_json::{Value, json};

const REPLACED: &str = "/van-ban/quyet-dinh-290-thanh-lap-to-cong-tac/";
const REPLACED_BY: &str = "/van-ban/quyet-dinh-1350-kien-toan-to-cong-tac/";
const LONG: &str = "/van-ban/quy-che-hoat-dong-to-cong-tac/";
/// A decision and the regulation issued with it.
const DECISION: &str = "/van-ban/quyet-dinh-291-ban-hanh-quy-che/";

#[test]
fn replaced_document_shows_a_full_width_banner_on_screen_and_in_print() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    for width in [390, 1280] {
        let page = b.page(width);
        let errors = page.open(&mut b, &format!("{}{REPLACED}", servers["nam-dong"].base));
        assert!(errors.is_empty(), "{errors:?}");
        let v = page.eval(
            &mut b,
            "(() => { const b = document.querySelector('.banner-thay-the'); if (!b) return null;
               const r = b.getBoundingClientRect(), m = document.querySelector('main').getBoundingClientRect();
               const a = b.querySelector('a'), ar = a.getBoundingClientRect();
               return { text: b.textContent, href: a.getAttribute('href'), width: r.width, main: m.width,
                        top: r.top, first: [...document.querySelectorAll('.thuoc-tinh, .vanban h1')].every(e => e.getBoundingClientRect().top > r.bottom),
                        link_h: ar.height }; })()",
        );
        assert!(v.is_object(), "@{width}: no banner on a replaced document");
        let text = v["text"].as_str().unwrap_or("");
        assert!(
            text.contains("đã bị thay thế từ ngày 05/07/2023"),
            "@{width}: {text}"
        );
        assert_eq!(v["href"], REPLACED_BY, "@{width}");
        assert!(
            v["first"] == true,
            "@{width}: banner not above the summary and title: {v}"
        );
        // Full width: the content width of main (its padding is 1rem each side).
        let (w, main) = (num(&v["width"]), num(&v["main"]));
        assert!(
            w >= main - 40.0,
            "@{width}: banner {w} px wide in a {main} px main"
        );
        assert!(num(&v["link_h"]) >= 44.0, "@{width}: banner link {v}");
        print_media(&mut b, &page, true);
        let shown = page.eval(
            &mut b,
            "[getComputedStyle(document.querySelector('.banner-thay-the')).display, getComputedStyle(document.querySelector('.masthead')).display]",
        );
        print_media(&mut b, &page, false);
        assert_eq!(
            shown,
            json!(["block", "none"]),
            "@{width}: print shows {shown}"
        );
    }
}

#[test]
fn long_document_has_a_contents_list_and_links_back_to_the_top() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let page = b.page(390);
    page.open(&mut b, &format!("{}{LONG}", servers["nam-dong"].base));
    let v = page.eval(
        &mut b,
        "(() => { const links = [...document.querySelectorAll('.muc-luc a')];
           const top = [...document.querySelectorAll('.ve-dau a')];
           return { n: links.length,
             texts: links.map(a => a.textContent),
             missing: links.filter(a => !document.getElementById(a.getAttribute('href').slice(1))).map(a => a.href),
             small: links.concat(top).filter(a => a.getBoundingClientRect().height < 44).map(a => a.textContent),
             tops: top.length,
             top_ok: top.every(a => document.getElementById(a.getAttribute('href').slice(1)) !== null),
             summary_first: document.querySelector('.thuoc-tinh').getBoundingClientRect().top < document.querySelector('.vanban').getBoundingClientRect().top }; })()",
    );
    assert_eq!(v["n"], 14, "4 chapters and 10 articles: {v}");
    assert_eq!(v["texts"][0], "Chương I. QUY ĐỊNH CHUNG", "{v}");
    assert_eq!(
        v["texts"][1], "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng",
        "{v}"
    );
    assert_eq!(v["missing"], json!([]), "contents links to no anchor: {v}");
    assert_eq!(v["small"], json!([]), "links under 44 px: {v}");
    assert_eq!(
        v["tops"], 4,
        "one before chapters II–IV and one at the end: {v}"
    );
    assert!(v["top_ok"] == true && v["summary_first"] == true, "{v}");
    // A shared anchor opens at its article (in a new tab: a fragment change fires no load).
    let page = b.page(390);
    page.open(
        &mut b,
        &format!("{}{LONG}#dieu-8-che-do-hop", servers["nam-dong"].base),
    );
    let y = page.eval(
        &mut b,
        "document.getElementById('dieu-8-che-do-hop').getBoundingClientRect().top",
    );
    assert!((0.0..100.0).contains(&num(&y)), "anchor at {y}");
}

/// Problems of the page in view: targets under 44 px (48 for main actions) that are not links
/// inside running text, and phone numbers broken over two lines.
const TAP_PROBLEMS: &str = r#"(() => {
  const out = [];
  const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.right > 0 && getComputedStyle(e).visibility !== 'hidden'; };
  const inText = a => { if (a.closest('.noi-dung')) return true; const p = a.parentElement;
    return p.tagName === 'P' && getComputedStyle(a).display === 'inline' && p.textContent.trim().length > a.textContent.trim().length + 15; };
  const name = e => e.tagName.toLowerCase() + '"' + (e.textContent || e.value || '').trim().slice(0, 40) + '"';
  for (const e of document.querySelectorAll('a[href], button, input, summary')) {
    if (!shown(e)) continue;
    const tel = e.matches('a[href^="tel:"]');
    if (!tel && inText(e)) continue;
    const r = e.getBoundingClientRect();
    const min = e.matches('button, .button, .hotline, .nav a, .goi') ? 48 : 44;
    if (r.height < min - 0.5 || r.width < 44 - 0.5) out.push(name(e) + ' ' + Math.round(r.width) + '×' + Math.round(r.height) + ' < ' + min);
    if (!tel) continue;
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const m = /[+\d][\d .]{5,}\d/.exec(t.data);
      if (!m) continue;
      const range = document.createRange();
      range.setStart(t, m.index); range.setEnd(t, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map(q => Math.round(q.top)));
      if (tops.size > 1) out.push(name(e) + ': the number wraps');
    }
  }
  return out;
})()"#;

#[test]
fn every_tap_target_is_large_and_phone_numbers_never_wrap() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let mut problems = Vec::new();
    for width in [360, 390, 1280] {
        let page = b.page(width);
        for (site, _kind, path) in page_kinds() {
            page.open(&mut b, &format!("{}{path}", servers[site].base));
            let v = page.eval(&mut b, TAP_PROBLEMS);
            for p in v.as_array().into_iter().flatten() {
                problems.push(format!(
                    "{site}{path} @{width}px: {}",
                    p.as_str().unwrap_or("")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn header_and_navigation_fit_a_quarter_of_a_small_phone_in_one_row() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let page = b.page(360);
    b.call(
        Some(&page.session),
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 360, "height": 640, "deviceScaleFactor": 1, "mobile": true}),
    );
    for site in ["nam-dong", "binh-an"] {
        page.open(&mut b, &format!("{}/van-ban/", servers[site].base));
        let v = page.eval(
            &mut b,
            "(() => { const links = [...document.querySelectorAll('.nav a')].filter(a => a.getBoundingClientRect().width > 0);
               return { bottom: document.querySelector('.nav').getBoundingClientRect().bottom,
                        rows: new Set(links.map(a => Math.round(a.getBoundingClientRect().top))).size, n: links.length }; })()",
        );
        assert!(
            num(&v["bottom"]) <= 160.0,
            "{site}: header and navigation end at {v}"
        );
        assert_eq!(v["rows"], 1, "{site}: navigation in more than one row: {v}");
        assert!(v["n"].as_u64().unwrap_or(0) >= 4, "{site}: {v}");
    }
}

#[test]
fn page_a_qr_code_opens_puts_call_buttons_poster_services_and_news_first() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let page = b.page(390);
    page.open(
        &mut b,
        &format!("{}/khu-dan-cu/thon-an-phu/", servers["binh-an"].base),
    );
    let v = page.eval(
        &mut b,
        "(() => { const calls = [...document.querySelectorAll('.help a.goi')];
           return { h1: document.querySelector('h1').textContent,
             calls: calls.map(a => [a.getAttribute('href'), a.querySelector('.goi-dong').textContent]),
             low: calls.filter(a => a.getBoundingClientRect().height < 48).length,
             first_call_bottom: calls.length ? calls[0].getBoundingClientRect().bottom : 9999,
             services: [...document.querySelectorAll('[aria-labelledby=h-dv] .cards a')].map(a => a.getAttribute('href')),
             all: document.querySelector('[aria-labelledby=h-dv] .more')?.textContent,
             docs: document.querySelectorAll('[aria-labelledby=h-vb] .docs li').length }; })()",
    );
    assert_eq!(v["h1"], "Thôn An Phú", "{v}");
    assert_eq!(
        v["calls"],
        json!([
            ["tel:0913804256", "Gọi Trần Văn Bình — 0913 804 256"],
            ["tel:0976230418", "Gọi Lê Thị Hoa — 0976 230 418"],
            [
                "tel:02333851118",
                "Đường dây nóng Tổ công tác — 0233 3851 118"
            ]
        ]),
        "{v}"
    );
    assert_eq!(v["low"], 0, "call buttons under 48 px: {v}");
    assert!(
        num(&v["first_call_bottom"]) < 844.0,
        "first call button below the first screen: {v}"
    );
    assert_eq!(
        v["services"],
        json!([
            "/dich-vu/dang-ky-tam-tru/",
            "/dich-vu/thong-bao-luu-tru/",
            "/dich-vu/lien-thong-khai-sinh/",
            "/dich-vu/cap-phieu-ly-lich-tu-phap/"
        ]),
        "the poster's services, in its order: {v}"
    );
    assert_eq!(v["all"], "Xem tất cả 25 dịch vụ", "{v}");
    assert!(
        v["docs"].as_u64().is_some_and(|n| (1..=5).contains(&n)),
        "{v}"
    );
}

/// Issue 16.2: on the page a QR code opens, every service can be found by the life event that
/// brings a resident (each a line to open, 48 px); `/dich-vu/` keeps the official order; channel
/// chips are facts, not buttons.
#[test]
fn page_a_qr_code_opens_groups_services_by_life_event() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let base = &servers["nam-dong"].base;
    let page = b.page(390);
    page.open(&mut b, &format!("{base}{}", crate::QR_TARGET));
    let v = page.eval(
        &mut b,
        "(() => { const ds = [...document.querySelectorAll('[aria-labelledby=h-viec] details')];
           const first = ds[0]; first.open = true;
           const links = [...first.querySelectorAll('a')];
           return { groups: ds.map(d => d.querySelector('summary').firstChild.textContent.trim()),
             services: ds.flatMap(d => [...d.querySelectorAll('a')]).length,
             low_summary: ds.filter(d => d.querySelector('summary').getBoundingClientRect().height < 48).length,
             birth: links.map(a => a.getAttribute('href')),
             low_link: links.filter(a => a.getBoundingClientRect().height < 44).length }; })()",
    );
    assert_eq!(v["groups"][0], "Sinh con", "the first life event: {v}");
    assert!(
        v["groups"].as_array().is_some_and(|g| g.len() >= 8),
        "too few life events: {v}"
    );
    assert_eq!(v["services"], 25, "every service in one group: {v}");
    assert_eq!(
        v["birth"],
        json!([
            "/dich-vu/dang-ky-khai-sinh/",
            "/dich-vu/lien-thong-khai-sinh/"
        ]),
        "{v}"
    );
    assert_eq!(
        (&v["low_summary"], &v["low_link"]),
        (&json!(0), &json!(0)),
        "{v}"
    );
    page.open(&mut b, &format!("{base}/dich-vu/"));
    let v = page.eval(
        &mut b,
        "(() => { const chip = document.querySelector('.chip'), cs = getComputedStyle(chip);
           return { order: [...document.querySelectorAll('.services > li > a')].map(a => a.textContent).slice(8, 10),
             chip_is_link: !!chip.closest('a'), chip_border: cs.borderStyle, chip_bg: cs.backgroundColor }; })()",
    );
    assert_eq!(
        v,
        json!({"order": ["Đăng ký khai sinh", "Đăng ký khai tử"], "chip_is_link": false,
               "chip_border": "none", "chip_bg": "rgba(0, 0, 0, 0)"}),
        "/dich-vu/ in the official order, chips that do not look like buttons"
    );
}

#[test]
fn page_a_qr_code_opens_weighs_under_30_kb_with_no_web_font() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let page = b.page(390);
    let errors = page.open(
        &mut b,
        &format!("{}/khu-dan-cu/thon-an-phu/", servers["binh-an"].base),
    );
    assert!(errors.is_empty(), "a request failed: {errors:?}");
    // Body bytes of the page and of everything it loaded, uncompressed (the test server does
    // not gzip): an upper bound of what a phone downloads.
    let v = page.eval(
        &mut b,
        "(() => { const all = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
           return { bytes: all.reduce((n, e) => n + e.encodedBodySize, 0), names: all.map(e => e.name) }; })()",
    );
    let bytes = num(&v["bytes"]);
    assert!(
        bytes > 1000.0 && bytes <= 30.0 * 1024.0,
        "{bytes} bytes: {v}"
    );
    let names = v["names"].to_string();
    assert!(!names.contains("woff"), "a web font loaded: {names}");
}

#[test]
fn home_documents_and_search_do_not_shift_while_loading() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let mut problems = Vec::new();
    for width in [390, 1280] {
        for path in [
            "/",
            "/van-ban/",
            "/tim-kiem/",
            "/tim-kiem/?q=tam%20tru",
            "/khu-dan-cu/huong-phu/thon-2/",
        ] {
            let page = b.page(width);
            page.open(&mut b, &format!("{}{path}", servers["nam-dong"].base));
            b.pump(std::time::Duration::from_millis(500));
            let cls = page.eval(
                &mut b,
                // Buffered entries arrive in a task after `observe`; the timer only ends the
                // collection (an observer with nothing to report never calls back).
                "new Promise(done => { let n = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) n += e.value; }).observe({type: 'layout-shift', buffered: true}); setTimeout(() => done(n), 300); })",
            );
            let cls = num(&cls);
            if cls > 0.01 {
                problems.push(format!("{path} @{width}px: layout shift {cls:.3}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn home_says_what_the_site_is_for_and_leads_to_search_villages_and_the_hotline() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let page = b.page(1280);
    for (site, village) in [
        ("nam-dong", "/khu-dan-cu/huong-phu/"),
        ("binh-an", "/khu-dan-cu/thon-an-phu/"),
    ] {
        page.open(&mut b, &format!("{}/", servers[site].base));
        let v = page.eval(
            &mut b,
            "(() => { const intro = document.querySelector('.gioi-thieu'); const r = intro.getBoundingClientRect();
               const rows = {}; for (const a of document.querySelectorAll('.cards a')) { const q = a.getBoundingClientRect(); (rows[Math.round(q.top)] ||= new Set()).add(Math.round(q.height)); }
               return { h1: intro.querySelector('h1').textContent, lead: intro.querySelector('.lead').textContent,
                 form: intro.querySelector('form').getAttribute('action') + ' ' + intro.querySelector('input').name,
                 call: intro.querySelector('a[href^=\"tel:\"]')?.textContent, intro_bottom: r.bottom,
                 villages: [...document.querySelectorAll('[aria-labelledby=h-thon] a')].map(a => a.getAttribute('href')),
                 uneven: Object.values(rows).filter(h => h.size > 1).length,
                 grids_uneven: [...document.querySelectorAll('.cards')].filter(g => new Set([...g.querySelectorAll('a')].map(a => Math.round(a.getBoundingClientRect().height))).size > 1).length,
                 below_nav: intro.querySelector('h1').getBoundingClientRect().top - document.querySelector('.nav').getBoundingClientRect().bottom }; })()",
        );
        assert!(
            v["h1"].as_str().is_some_and(|h| h.contains("Đề án 06")),
            "{v}"
        );
        assert!(
            v["lead"]
                .as_str()
                .is_some_and(|l| l.contains("thủ tục hành chính trực tuyến")),
            "{v}"
        );
        assert_eq!(v["form"], "/tim-kiem/ q", "{v}");
        assert!(
            v["call"]
                .as_str()
                .is_some_and(|c| c.contains("Gọi đường dây nóng")),
            "{v}"
        );
        assert!(
            num(&v["intro_bottom"]) < 900.0,
            "{site}: the introduction is not on the first screen: {v}"
        );
        assert!(v["villages"].to_string().contains(village), "{site}: {v}");
        assert_eq!(
            v["uneven"], 0,
            "{site}: cards of unequal height in a row: {v}"
        );
        assert_eq!(
            v["grids_uneven"], 0,
            "{site}: rows of cards of unequal height: {v}"
        );
        assert!(
            num(&v["below_nav"]) >= 32.0,
            "{site}: the title cramped under the navigation: {v}"
        );
    }
}

#[test]
fn documents_keep_the_paper_layout_of_decree_30() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let base = &servers["nam-dong"].base;
    let page = b.page(1280);
    page.open(
        &mut b,
        &format!("{base}/van-ban/cong-van-1433-don-doc-cap-tai-khoan-dinh-danh/"),
    );
    let v = page.eval(
        &mut b,
        "(() => { const h1 = document.querySelector('h1'), so = document.querySelector('.so p');
           return { in_issuer: !!h1.closest('.so') && Math.abs(h1.getBoundingClientRect().left - document.querySelector('.co-quan').getBoundingClientRect().left) < 1,
           text: h1.lastChild.textContent,
           below_number: h1.getBoundingClientRect().top >= so.getBoundingClientRect().bottom - 1,
           shown: document.querySelector('.vanban').innerText.includes('CÔNG VĂN') }; })()",
    );
    assert_eq!(
        v,
        json!({"in_issuer": true, "text": "V/v đôn đốc thu nhận hồ sơ và kích hoạt tài khoản định danh điện tử", "below_number": true, "shown": false}),
        "a công văn: V/v under Số, no type name"
    );
    page.open(&mut b, &format!("{base}{REPLACED}"));
    print_media(&mut b, &page, true);
    let v = page.eval(
        &mut b,
        "(() => { const p = [...document.querySelectorAll('.noi-dung p')].find(p => p.textContent === 'QUYẾT ĐỊNH:');
           const f = document.querySelector('.ban-in');
           return [p && getComputedStyle(p).textAlign, getComputedStyle(f).display, f.textContent]; })()",
    );
    print_media(&mut b, &page, false);
    assert_eq!(
        v,
        json!([
            "center",
            "block",
            format!(
                "Bản in từ https://namdong.example.gov.vn{REPLACED}, chỉ để tham khảo; bản chính thức là văn bản đã ký."
            )
        ]),
        "QUYẾT ĐỊNH: centred, the printed source line shown"
    );
    // Page numbers in print, centred in the top margin and not on the first page (Decree 30).
    let rules = page.eval(
        &mut b,
        "(() => { const all = r => [r, ...[...(r.cssRules || [])].flatMap(all)];
           return [...document.styleSheets].flatMap(s => [...s.cssRules].flatMap(all)).map(r => r.cssText)
             .filter(t => t.startsWith('@page')).join(' '); })()",
    );
    let rules = rules.as_str().unwrap_or("");
    print_media(&mut b, &page, true);
    let named_page = page.eval(
        &mut b,
        "getComputedStyle(document.querySelector('main')).page",
    );
    print_media(&mut b, &page, false);
    assert!(
        rules.contains("@top-center { content: counter(page)") && rules.contains("@page :first"),
        "print page numbers: {rules}"
    );
    assert!(
        rules.contains("@page van-ban { @bottom-center { content: \"Bản in chỉ để tham khảo; bản chính thức là văn bản đã ký.\"")
            && named_page == "van-ban",
        "every printed sheet of a document says it is a copy: {rules}"
    );
}

/// Decree 30/2020: a decision is signed before what it issues; the regulation follows on a new
/// printed page under its own centred heading block, and the header's Số and date stay on one
/// row however many lines the issuing body takes.
#[test]
fn a_decision_is_signed_before_its_regulation_which_starts_a_new_printed_page() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let base = &servers["nam-dong"].base;
    let page = b.page(1280);
    page.open(&mut b, &format!("{base}{DECISION}"));
    print_media(&mut b, &page, true);
    let v = page.eval(
        &mut b,
        "(() => { const pl = document.querySelector('.phu-luc'); if (!pl) return null;
           const ky = document.querySelector('.vanban > .ky'), h = pl.querySelector('.tieu-de'), ch = pl.querySelector('h2.chuong');
           const qd = [...document.querySelectorAll('.noi-dung p')].find(p => p.textContent === 'QUYẾT ĐỊNH:');
           const cq = document.querySelector('.co-quan .gach strong'), motto = document.querySelector('.tieu-ngu .gach strong');
           return { after_signature: !!(ky.compareDocumentPosition(pl) & Node.DOCUMENT_POSITION_FOLLOWING),
             break_before: getComputedStyle(pl).breakBefore,
             heading: h.innerText, heading_align: getComputedStyle(h).textAlign, serif: getComputedStyle(h).fontFamily.includes('serif') && !getComputedStyle(h).fontFamily.includes('sans-serif'),
             chapter: ch.innerText, chapter_align: getComputedStyle(ch).textAlign,
             decides: qd && getComputedStyle(qd).textAlign,
             issuer_rule: parseFloat(getComputedStyle(cq, '::after').width) / cq.getBoundingClientRect().width,
             motto_rule: getComputedStyle(motto).borderBottomStyle,
             toc: [...document.querySelectorAll('.muc-luc a')].some(a => a.getAttribute('href') === '#kem-theo-1') }; })()",
    );
    print_media(&mut b, &page, false);
    assert!(v.is_object(), "no regulation after the decision");
    assert_eq!(v["after_signature"], true, "{v}");
    assert_eq!(v["break_before"], "page", "{v}");
    let heading = v["heading"].as_str().unwrap_or("");
    assert!(
        heading.starts_with("QUY CHẾ\nHoạt động của Tổ công tác")
            && heading.ends_with("(Ban hành kèm theo Quyết định số 291/QĐ-UBND ngày 18 tháng 4 năm 2022 của UBND huyện Nam Đông)"),
        "{heading}"
    );
    assert_eq!(v["chapter"], "Chương I\nQUY ĐỊNH CHUNG", "{v}");
    assert_eq!(
        (
            &v["heading_align"],
            &v["chapter_align"],
            &v["decides"],
            &v["serif"]
        ),
        (
            &json!("center"),
            &json!("center"),
            &json!("center"),
            &json!(true)
        ),
        "{v}"
    );
    let rule = num(&v["issuer_rule"]);
    assert!(
        (0.33..=0.5).contains(&rule),
        "rule under the issuer: {rule} of the line"
    );
    assert_eq!(v["motto_rule"], "solid", "{v}");
    assert_eq!(
        v["toc"], true,
        "the contents list leads to the regulation: {v}"
    );
    // On a phone the signature follows the text it signs, before the recipients.
    let phone = b.page(390);
    phone.open(&mut b, &format!("{base}{DECISION}"));
    let v = phone.eval(
        &mut b,
        "(() => { const top = s => document.querySelector(s).getBoundingClientRect().top;
           return top('.vanban > .ky .chu-ky') < top('.vanban > .ky .noi-nhan'); })()",
    );
    assert_eq!(
        v, true,
        "at 390 px the recipients come before the signature"
    );
    // Two columns in which the issuing body wraps: Số and the date still share a row.
    let narrow = b.page(560);
    narrow.open(&mut b, &format!("{base}{DECISION}"));
    let v = narrow.eval(
        &mut b,
        "(() => { const r = s => document.querySelector(s).getBoundingClientRect();
           return { lines: Math.round(r('.co-quan').height / parseFloat(getComputedStyle(document.querySelector('.co-quan p')).lineHeight)),
                    so: r('.so').top, ngay: r('.quoc-hieu .ngay').top, two_columns: r('.tieu-ngu').left > r('.co-quan').right - 1 }; })()",
    );
    assert!(
        num(&v["lines"]) >= 2.0,
        "the issuer does not wrap at 560 px: {v}"
    );
    assert_eq!(v["two_columns"], true, "{v}");
    assert!(
        (num(&v["so"]) - num(&v["ngay"])).abs() < 1.0,
        "Số and the date on different rows: {v}"
    );
}

fn print_media(b: &mut crate::cdp::Browser, page: &crate::cdp::Page, on: bool) {
    b.call(
        Some(&page.session),
        "Emulation.setEmulatedMedia",
        json!({"media": if on { "print" } else { "" }}),
    );
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}
