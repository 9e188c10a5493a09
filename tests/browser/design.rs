//! What issue 16 asks of the pages a resident reads, measured in Chromium: a status banner that
//! cannot be missed (on screen and in print), a contents list and "về đầu trang" links on long
//! documents, and tap targets a finger can hit.

use crate::{BROWSER_TURN, browser, servers};
use serde_json::{Value, json};

const REPLACED: &str = "/van-ban/quyet-dinh-290-thanh-lap-to-cong-tac/";
const REPLACED_BY: &str = "/van-ban/quyet-dinh-1350-kien-toan-to-cong-tac/";
const LONG: &str = "/van-ban/quy-che-hoat-dong-to-cong-tac/";

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
