//! Browser tests: the example site built by the real binary, served on 127.0.0.1 and driven in
//! headless Chromium. Every page kind at 390 px and 1280 px (no horizontal overflow, no console
//! error, a screenshot under `target/screenshots/`), search typed without diacritics, every
//! internal link and asset, and axe-core with no serious or critical violation.
//!
//! Chromium missing: the tests fail when `CI=true` and are skipped with a note otherwise.

mod cdp;
mod design;
mod nu;
mod search;
mod server;

use cdp::Browser;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// 2026-01-01 00:00 UTC+7, the build day of the suite.
const EPOCH: &str = "1767200400";

/// A QR code added to the example's ledger so that `/q/` pages are tested too.
const QR_CODE: &str = "HP2T";
pub(crate) const QR_TARGET: &str = "/khu-dan-cu/huong-phu/thon-2/";

/// Chromium tests take turns: two cores, one browser at a time.
pub(crate) static BROWSER_TURN: Mutex<()> = Mutex::new(());

struct Built {
    out: PathBuf,
    /// A `/q/` code of `nam-dong` and the page it leads to.
    qr: (String, String),
}

fn target_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`.
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .to_path_buf()
}

/// The example project (content/ of the repository, plus a QR ledger entry), built once.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-site");
        let _ = std::fs::remove_dir_all(&work);
        let root = work.join("project");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &root.join("content"),
        );
        let ledger = root.join("content/nam-dong/_ma-qr.yaml");
        // A ledger shipped with the example (written by `posters`) is used as it is: its first
        // entry still pointing at its original page is the code under test.
        let existing = std::fs::read_to_string(&ledger).unwrap_or_default();
        let qr = first_ledger_entry(&existing).unwrap_or_else(|| {
            std::fs::write(
                &ledger,
                format!("- ma: {QR_CODE}\n  dich: {QR_TARGET}\n  in_lan_dau: 2025-12-01\n"),
            )
            .expect("write ledger");
            (QR_CODE.to_string(), QR_TARGET.to_string())
        });
        let out = work.join("public");
        build(&root, &out);
        Built { out, qr }
    })
}

/// `niemyet build` of the project `root` into `out`, on the suite's build day.
fn build(root: &Path, out: &Path) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_niemyet"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("run niemyet build");
    assert!(
        o.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `(code, target)` of the first entry of a ledger that has not moved (`chuyen_den`).
fn first_ledger_entry(yaml: &str) -> Option<(String, String)> {
    for entry in yaml.split("\n- ").map(|e| e.trim_start_matches("- ")) {
        let field = |k: &str| {
            entry.lines().find_map(|l| {
                l.trim()
                    .strip_prefix(k)
                    .map(|v| v.trim().trim_matches('"').to_string())
            })
        };
        if field("chuyen_den:").is_some() {
            continue;
        }
        if let (Some(code), Some(target)) = (field("ma:"), field("dich:")) {
            return Some((code, format!("/{}/", target.trim_matches('/'))));
        }
    }
    None
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir").flatten() {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).expect("copy");
        }
    }
}

/// Chromium, or `None` after printing why the test is skipped (never on CI).
fn browser() -> Option<Browser> {
    match cdp::chromium() {
        Some(bin) => Some(Browser::launch(&bin)),
        None if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("CI=true but chromium is not installed (apt-get install chromium)")
        }
        None => {
            eprintln!("note: chromium not found, browser test skipped");
            None
        }
    }
}

/// Page kinds of each site, by a short name used for screenshots.
fn page_kinds() -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("nam-dong", "trang-chu", "/".into()),
        ("nam-dong", "van-ban", "/van-ban/".into()),
        (
            "nam-dong",
            "van-ban-loai",
            "/van-ban/loai/quyet-dinh/".into(),
        ),
        ("nam-dong", "van-ban-nam", "/van-ban/nam/2022/".into()),
        (
            "nam-dong",
            "van-ban-quyet-dinh",
            "/van-ban/quyet-dinh-290-thanh-lap-to-cong-tac/".into(),
        ),
        (
            "nam-dong",
            "van-ban-ke-hoach",
            "/van-ban/ke-hoach-02-trien-khai-de-an-06-nam-2022/".into(),
        ),
        (
            "nam-dong",
            "van-ban-quy-che",
            "/van-ban/quy-che-hoat-dong-to-cong-tac/".into(),
        ),
        (
            "nam-dong",
            "van-ban-cong-van",
            "/van-ban/cong-van-1433-don-doc-cap-tai-khoan-dinh-danh/".into(),
        ),
        ("nam-dong", "dich-vu", "/dich-vu/".into()),
        (
            "nam-dong",
            "dich-vu-mot",
            "/dich-vu/dang-ky-tam-tru/".into(),
        ),
        ("nam-dong", "to-cong-tac", "/to-cong-tac/".into()),
        ("nam-dong", "khu-dan-cu", "/khu-dan-cu/".into()),
        ("nam-dong", "xa", "/khu-dan-cu/huong-phu/".into()),
        ("nam-dong", "thon", QR_TARGET.into()),
        ("nam-dong", "tim-kiem", "/tim-kiem/".into()),
        ("nam-dong", "404", "/khong-co-trang-nay/".into()),
        ("binh-an", "trang-chu", "/".into()),
        ("binh-an", "thon", "/khu-dan-cu/thon-an-phu/".into()),
        (
            "binh-an",
            "van-ban-bao-cao",
            "/van-ban/bao-cao-09-ket-qua-thang-9-2025/".into(),
        ),
        ("binh-an", "khu-dan-cu", "/khu-dan-cu/".into()),
        ("binh-an", "to-cong-tac", "/to-cong-tac/".into()),
    ]
}

fn servers() -> BTreeMap<&'static str, server::Server> {
    let b = built();
    ["nam-dong", "binh-an"]
        .into_iter()
        .map(|s| (s, server::start(&b.out.join(s))))
        .collect()
}

#[test]
fn every_page_kind_fits_phone_and_desktop_without_console_errors() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let shots = target_dir().join("screenshots");
    std::fs::create_dir_all(&shots).expect("screenshots dir");
    let mut problems = Vec::new();
    for width in [390, 1280] {
        let page = b.page(width);
        for (site, kind, path) in page_kinds() {
            let url = format!("{}{path}", servers[site].base);
            let errors = page.open(&mut b, &url);
            // The 404 page is served with status 404: Chromium logs that load itself as an error.
            let errors: Vec<String> = errors
                .into_iter()
                .filter(|e| !(kind == "404" && e.contains("404")))
                .collect();
            if !errors.is_empty() {
                problems.push(format!("{site}{path} @{width}px: {errors:?}"));
            }
            let overflow = page.eval(
                &mut b,
                "document.documentElement.scrollWidth - document.documentElement.clientWidth",
            );
            if overflow.as_f64().unwrap_or(0.0) > 0.0 {
                let wide = page.eval(
                    &mut b,
                    "Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')",
                );
                problems.push(format!(
                    "{site}{path} @{width}px: {overflow} px of horizontal overflow ({wide})"
                ));
            }
            page.screenshot(&mut b, &shots.join(format!("{site}-{kind}-{width}.png")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn qr_address_redirects_to_its_area_without_javascript_too() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let servers = servers();
    let base = &servers["nam-dong"].base;
    let (qr_code, qr_target) = &built().qr;
    let qr_code = qr_code.to_ascii_lowercase();
    let (code, body) = server::get(base, &format!("/q/{qr_code}/"));
    assert_eq!(code, 200);
    let html = String::from_utf8_lossy(&body);
    assert!(
        html.contains(&format!("content=\"0; url={qr_target}\"")),
        "meta refresh: {html}"
    );
    assert!(html.contains(&format!("href=\"{qr_target}\"")), "{html}");
    let Some(mut b) = browser() else { return };
    let page = b.page(390);
    let errors = page.open(&mut b, &format!("{base}/q/{qr_code}/"));
    // A guard against a hang, not a speed check: on a loaded 2-core machine Chromium's renderer
    // can take seconds to follow the refresh (10 s failed while five builds ran beside it).
    let deadline = Instant::now() + Duration::from_secs(45);
    let mut at = String::new();
    while Instant::now() < deadline {
        at = page
            .eval(&mut b, "location.pathname")
            .as_str()
            .unwrap_or("")
            .to_string();
        if at == *qr_target {
            break;
        }
        b.pump(Duration::from_millis(200));
    }
    assert_eq!(at, *qr_target, "the QR page did not lead to its area");
    assert!(errors.is_empty(), "{errors:?}");
}

/// Types `query` into the search box like a resident and waits for results (the index loads
/// over the network, so the list is polled).
fn search(b: &mut Browser, page: &cdp::Page, base: &str, query: &str, expect: &str) -> Vec<String> {
    page.open(b, &format!("{base}/tim-kiem/"));
    page.eval(
        b,
        "(() => { const i = document.getElementById('tu-khoa'); i.value = ''; i.focus(); return true; })()",
    );
    page.type_text(b, query);
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut found: Vec<String> = Vec::new();
    while Instant::now() < deadline {
        let v = page.eval(
            b,
            "Array.from(document.querySelectorAll('#ket-qua li > a')).map(a => a.getAttribute('href'))",
        );
        found = v
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if found.iter().any(|h| h == expect) {
            break;
        }
        b.pump(Duration::from_millis(200));
    }
    found
}

#[test]
fn search_typed_without_diacritics_finds_vietnamese_pages_and_numbers() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let page = b.page(390);
    let cases: &[(&str, &str, &str, bool)] = &[
        // (site, query, expected result, must be the first result)
        (
            "nam-dong",
            "dang ky tam tru",
            "/dich-vu/dang-ky-tam-tru/",
            true,
        ),
        ("nam-dong", "to cong tac", "/to-cong-tac/", false),
        (
            "nam-dong",
            "290/QD-UBND",
            "/van-ban/quyet-dinh-290-thanh-lap-to-cong-tac/",
            true,
        ),
        (
            "nam-dong",
            "290/QĐ-UBND",
            "/van-ban/quyet-dinh-290-thanh-lap-to-cong-tac/",
            true,
        ),
        (
            "nam-dong",
            "qd",
            "/van-ban/quyet-dinh-290-thanh-lap-to-cong-tac/",
            false,
        ),
        (
            "nam-dong",
            "dinh danh dien tu",
            "/van-ban/huong-dan-05-cap-tai-khoan-dinh-danh-dien-tu/",
            false,
        ),
        (
            "binh-an",
            "dang ky tam tru",
            "/dich-vu/dang-ky-tam-tru/",
            true,
        ),
    ];
    let mut problems = Vec::new();
    let shots = target_dir().join("screenshots");
    std::fs::create_dir_all(&shots).expect("screenshots dir");
    for (n, (site, query, expect, first)) in cases.iter().enumerate() {
        let found = search(&mut b, &page, &servers[site].base, query, expect);
        if n == 0 {
            page.screenshot(&mut b, &shots.join("nam-dong-tim-kiem-ket-qua-390.png"));
        }
        let ok = if *first {
            found.first().map(String::as_str) == Some(*expect)
        } else {
            found.iter().any(|h| h == expect)
        };
        if !ok {
            problems.push(format!(
                "{site}: “{query}” should find {expect}{}; got {found:?}",
                if *first { " first" } else { "" }
            ));
        }
        let errors = page.errors(&mut b);
        if !errors.is_empty() {
            problems.push(format!("{site}: “{query}”: console errors {errors:?}"));
        }
    }
    // A page reached with ?q= (the form's no-script address) searches at once.
    let found = {
        page.open(
            &mut b,
            &format!("{}/tim-kiem/?q=ke+hoach", servers["nam-dong"].base),
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut n = 0;
        while Instant::now() < deadline && n == 0 {
            n = page
                .eval(&mut b, "document.querySelectorAll('#ket-qua li').length")
                .as_u64()
                .unwrap_or(0);
            b.pump(Duration::from_millis(200));
        }
        n
    };
    if found == 0 {
        problems.push("?q=ke+hoach listed nothing".into());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `href`, `src`, CSS `url()` and meta-refresh targets of a page, and `<loc>` of a sitemap.
fn references(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for marker in ["href=\"", "src=\"", "url(\"", "url=", "<loc>"] {
        let mut rest = body;
        while let Some(i) = rest.find(marker) {
            rest = &rest[i + marker.len()..];
            let end = rest.find(['"', '<', ')', '\'']).unwrap_or(rest.len());
            out.push(rest[..end].replace("&amp;", "&"));
        }
    }
    out
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let b = built();
    let mut problems = Vec::new();
    for site in ["nam-dong", "binh-an"] {
        let srv = server::start(&b.out.join(site));
        let sitemap =
            std::fs::read_to_string(b.out.join(site).join("sitemap.xml")).expect("sitemap.xml");
        let base_url = references(&sitemap)
            .into_iter()
            .find(|l| l.starts_with("https://"))
            .map(|l| {
                let after = &l["https://".len()..];
                format!("https://{}/", after.split('/').next().unwrap_or(""))
            })
            .expect("an absolute URL in the sitemap");
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut queue: VecDeque<(String, String)> = [
            "/",
            "/sitemap.xml",
            "/feed.xml",
            "/robots.txt",
            "/404.html",
            "/tim-kiem/",
        ]
        .iter()
        .map(|p| (p.to_string(), "(start)".to_string()))
        .collect();
        let mut html_pages = 0;
        while let Some((path, from)) = queue.pop_front() {
            let path = path.split('#').next().unwrap_or("").to_string();
            if path.is_empty() || !seen.insert(path.clone()) {
                continue;
            }
            let (code, body) = server::get(&srv.base, &path);
            if code != 200 {
                problems.push(format!("{site}{path}: HTTP {code} (linked from {from})"));
                continue;
            }
            let text_like = path.ends_with('/')
                || path.ends_with(".html")
                || path.ends_with(".xml")
                || path.ends_with(".css")
                || path.ends_with(".txt");
            if !text_like {
                continue;
            }
            if path.ends_with('/') || path.ends_with(".html") {
                html_pages += 1;
            }
            let body = String::from_utf8_lossy(&body);
            let mut refs = references(&body);
            if path.ends_with("robots.txt") {
                refs.extend(
                    body.lines()
                        .filter_map(|l| l.strip_prefix("Sitemap: "))
                        .map(str::to_string),
                );
            }
            for r in refs {
                let local = if let Some(rest) = r.strip_prefix(&base_url) {
                    format!("/{rest}")
                } else if r.starts_with("https://")
                    || r.starts_with("http://")
                    || r.starts_with("tel:")
                    || r.starts_with("mailto:")
                    || r.starts_with("//")
                {
                    continue;
                } else if r.starts_with('/') {
                    r.clone()
                } else if r.starts_with('#') || r.is_empty() {
                    continue;
                } else {
                    // Relative (CSS `url(fonts/...)`): against the referring file's folder.
                    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
                    format!("{dir}{r}")
                };
                queue.push_back((local, path.clone()));
            }
        }
        // Every published page is reachable by links, and the crawl saw real pages.
        assert!(html_pages > 40, "{site}: only {html_pages} pages reached");
        for required in [
            "/tim-kiem/chi-muc/muc-luc.json",
            "/static/search.js",
            "/static/style.css",
        ] {
            assert!(
                seen.contains(required) || {
                    let (c, _) = server::get(&srv.base, required);
                    c == 200
                },
                "{site}: {required} missing"
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn pages_have_no_serious_accessibility_violations() {
    let _turn = BROWSER_TURN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let servers = servers();
    let axe = include_str!("axe.min.js");
    let mut problems = Vec::new();
    for width in [390, 1280] {
        let page = b.page(width);
        for (site, _kind, path) in page_kinds() {
            page.open(&mut b, &format!("{}{path}", servers[site].base));
            page.eval(&mut b, &format!("{axe};true"));
            let v = page.eval(
                &mut b,
                "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))",
            );
            for item in v.as_array().into_iter().flatten() {
                problems.push(format!(
                    "{site}{path} @{width}px: {}",
                    item.as_str().unwrap_or("")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
