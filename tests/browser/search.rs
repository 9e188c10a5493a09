//! Search beyond finding: results listed ten at a time, and a site published again while its
//! search page is open (the page's index and the new files must never mix into a wrong title).

use crate::cdp::{Browser, Page};
use crate::{BROWSER_TURN, browser, built, copy_dir, server};
use std::path::Path;
use std::time::{Duration, Instant};

/// Polls the expression `js` until it is true; whether it became true within 20 s.
fn wait_until(b: &mut Browser, page: &Page, js: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if page.eval(b, js).as_bool() == Some(true) {
            return true;
        }
        b.pump(Duration::from_millis(150));
    }
    false
}

/// The results listed: each link's address and text.
fn results(b: &mut Browser, page: &Page) -> Vec<(String, String)> {
    let v = page.eval(
        b,
        "Array.from(document.querySelectorAll('#ket-qua li > a')).map(a => [a.getAttribute('href'), a.textContent])",
    );
    serde_json::from_value(v).unwrap_or_default()
}

fn status(b: &mut Browser, page: &Page) -> String {
    let v = page.eval(b, "document.getElementById('trang-thai').textContent");
    v.as_str().unwrap_or("").to_string()
}

#[test]
fn results_are_listed_ten_at_a_time_and_more_lists_the_next_ten() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let site = server::start(&built().out.join("nam-dong"));
    let page = b.page(390);
    page.open(&mut b, &format!("{}/tim-kiem/?q=xa", site.base));
    let listed = "document.querySelectorAll('#ket-qua li').length";
    assert!(wait_until(&mut b, &page, &format!("{listed} > 0")));
    let said = status(&mut b, &page);
    let total: usize = said
        .strip_prefix("Tìm thấy ")
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("status: {said}"));
    assert!(
        total > 20,
        "“xa” should find more than two pages of results: {said}"
    );
    let mut shown = 10;
    loop {
        assert_eq!(results(&mut b, &page).len(), shown);
        let button = page.eval(
            &mut b,
            "(document.querySelector('button.more') || {}).textContent || null",
        );
        if shown == total {
            assert!(button.is_null(), "{button}");
            break;
        }
        let next = (total - shown).min(10);
        assert_eq!(button, format!("Xem thêm {next} kết quả").as_str());
        if shown == 10 {
            page.screenshot(
                &mut b,
                &crate::target_dir().join("screenshots/nam-dong-tim-kiem-xem-them-390.png"),
            );
        }
        page.eval(
            &mut b,
            "document.querySelector('button.more').click(), true",
        );
        shown += next;
        assert!(wait_until(&mut b, &page, &format!("{listed} === {shown}")));
    }
    let mut hrefs: Vec<String> = results(&mut b, &page).into_iter().map(|r| r.0).collect();
    hrefs.sort();
    hrefs.dedup();
    assert_eq!(hrefs.len(), total, "each page listed once");
}

/// A service guide added to every site: every page after the guides gets a new number.
const NEW_GUIDE: &str = "---\nten: \"Thử nghiệm xuất bản lại\"\nstt: 99\nco_quan: \"UBND xã\"\n\
                         kenh: [truc-tiep]\n---\nMột thủ tục thêm vào khi trang tìm kiếm đang mở.\n";

/// The number searched after the new build, and its page.
const NUMBER: &str = "290/QD-UBND";
const NUMBER_PAGE: &str = "/van-ban/quyet-dinh-290-thanh-lap-to-cong-tac/";

#[test]
fn a_site_published_again_while_its_search_page_is_open_lists_true_titles() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-republish");
    let _ = std::fs::remove_dir_all(&work);
    let root = work.join("project");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    let build = |n: usize| {
        let out = work.join(format!("out-{n}"));
        crate::build(&root, &out);
        out.join("nam-dong")
    };
    let served = work.join("site");
    std::fs::rename(build(1), &served).expect("publish");
    let site = server::start(&served);
    let page = b.page(390);
    // The page loads the first build's manifest and every word chunk, and finds nothing: one
    // absent word sorting just after each chunk's key.
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(served.join("tim-kiem/chi-muc/muc-luc.json")).expect("manifest"),
    )
    .expect("JSON");
    let keys: Vec<&str> = manifest["keys"].as_str().unwrap_or("").split(' ').collect();
    let absent: Vec<String> = keys.iter().map(|k| format!("{k}0qz")).collect();
    page.open(
        &mut b,
        &format!("{}/tim-kiem/?q={}", site.base, absent.join("+")),
    );
    assert!(wait_until(
        &mut b,
        &page,
        "document.getElementById('trang-thai').textContent.startsWith('Không tìm thấy')"
    ));
    let chunks = page.eval(
        &mut b,
        "performance.getEntriesByType('resource').filter(e => /\\/t-[0-9]+-/.test(e.name)).length",
    );
    assert_eq!(chunks, keys.len(), "every word chunk loaded by {absent:?}");
    std::fs::write(
        root.join("content/_chung/dich-vu/aa-thu-nghiem.md"),
        NEW_GUIDE,
    )
    .expect("write guide");
    let second = build(2);
    std::fs::remove_dir_all(&served).expect("unpublish");
    std::fs::rename(&second, &served).expect("publish again");
    // The same page, not reloaded, searches with the first build's manifest and word chunks
    // still in memory: the second build's descriptions tell it, and it starts again.
    page.eval(
        &mut b,
        "(() => { const i = document.getElementById('tu-khoa'); i.value = ''; i.focus(); return true; })()",
    );
    page.type_text(&mut b, NUMBER);
    let first = format!(
        "(document.querySelector('#ket-qua li > a') || {{}}).getAttribute?.('href') === '{NUMBER_PAGE}'"
    );
    let found = wait_until(&mut b, &page, &first);
    let listed = results(&mut b, &page);
    assert!(found, "{}: {listed:?}", status(&mut b, &page));
    // Every result carries the title the second build gives its address.
    let titles = titles(&served.join("tim-kiem/chi-muc"));
    for (href, text) in &listed {
        assert_eq!(Some(text), titles.get(href.as_str()), "{href}");
    }
    let manifests = page.eval(
        &mut b,
        "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/muc-luc.json')).length",
    );
    assert_eq!(manifests, 2, "the second build's manifest was loaded");
}

/// Each page's title by address (`/van-ban/…/`), from the description chunks of an index.
fn titles(index: &Path) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    for e in std::fs::read_dir(index).expect("index").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with("m-") {
            continue;
        }
        let chunk: Vec<serde_json::Value> =
            serde_json::from_slice(&std::fs::read(e.path()).expect("read")).expect("JSON");
        for p in &chunk[1..] {
            let url = p[0].as_str().unwrap_or("");
            out.insert(format!("/{url}"), p[1].as_str().unwrap_or("").to_string());
        }
    }
    out
}
