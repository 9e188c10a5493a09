//! `niemyet posters` (SPEC §7): every QR code on every example poster is decoded from a raster
//! of the PDF and followed to a page of the built site; the PDF's text and fonts are read back;
//! the ledger keeps its codes; bad input prints nothing.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command as Std;

/// An external tool, or a skip note (a failure under CI=true).
fn tool(name: &str) -> bool {
    let ok = Std::new(name).arg("-v").output().is_ok();
    if !ok {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("`{name}` is required under CI=true (poppler-utils, zbar-tools)");
        }
        eprintln!("note: `{name}` missing, skipping the part of the test that needs it");
    }
    ok
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The example project of the repository, copied into a temp folder.
pub fn example() -> Project {
    let p = Project {
        dir: tempfile::tempdir().unwrap(),
    };
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &p.path("content"),
    );
    p
}

/// The example project with real-looking addresses (`namdong.gov.vn`): `posters` refuses the
/// examples' `example.` hosts (SPEC §9 placeholders).
pub fn printable_example() -> Project {
    let p = example();
    for site in ["nam-dong", "binh-an", "quang-tri"] {
        let rel = format!("content/{site}/_site.yaml");
        let text = p.read(&rel).replace(".example.gov.vn", ".gov.vn");
        p.write(&rel, &text);
    }
    p
}

/// (code, target) pairs of a ledger, in order.
fn ledger(p: &Project, site: &str) -> Vec<(String, String)> {
    let text = p.read(&format!("content/{site}/_ma-qr.yaml"));
    let mut out = Vec::new();
    let mut code = None;
    for line in text.lines() {
        let unq = |v: &str| v.trim().trim_matches('"').to_string();
        if let Some(v) = line.strip_prefix("- ma:") {
            code = Some(unq(v));
        } else if let Some(v) = line.trim_start().strip_prefix("dich:") {
            out.push((code.take().expect("ma before dich"), unq(v)));
        }
    }
    out
}

fn code_of(entries: &[(String, String)], target: &str) -> String {
    entries
        .iter()
        .find(|(_, t)| t == target)
        .unwrap_or_else(|| panic!("no ledger entry for {target}: {entries:?}"))
        .0
        .clone()
}

/// Every QR code on every page of `pdf`, decoded from a 100 dpi raster (the service codes get
/// ~8 pixels per module) by rqrr and by zbarimg, which must agree (one list per page).
fn decode_pages(pdf: &Path) -> Vec<Vec<String>> {
    decode_at(pdf, 100.0, None)
}

/// The codes rqrr and zbarimg read on each page of `pdf` (or only on page `page`) rasterised at
/// `dpi`; the two decoders must agree.
fn decode_at(pdf: &Path, dpi: f32, page: Option<usize>) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let mut cmd = Std::new("pdftoppm");
    cmd.args(["-r", &dpi.to_string(), "-gray", "-png"]);
    if let Some(n) = page {
        cmd.args(["-f", &n.to_string(), "-l", &n.to_string()]);
    }
    let st = cmd.arg(pdf).arg(&prefix).status().unwrap();
    assert!(st.success());
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pngs.sort();
    pngs.iter()
        .map(|png| {
            let mut img = image::open(png).unwrap().to_luma8();
            // rqrr looks for finder patterns many pixels wide: below 100 dpi it gets the same
            // frame enlarged with bilinear interpolation (no detail added, as a scanner scales
            // its preview); zbarimg reads the raster as it is.
            let scale = (100.0 / dpi).ceil().max(1.0) as u32;
            if scale > 1 {
                let (w, h) = img.dimensions();
                img = image::imageops::resize(
                    &img,
                    w * scale,
                    h * scale,
                    image::imageops::FilterType::Triangle,
                );
            }
            let mut prepared = rqrr::PreparedImage::prepare(img);
            let mut found: Vec<String> = prepared
                .detect_grids()
                .into_iter()
                .map(|g| g.decode().expect("a detected QR code decodes").1)
                .collect();
            found.sort();
            // A second, independent decoder (the one phones' scanners are closest to).
            if tool("zbarimg") {
                let out = Std::new("zbarimg")
                    .args(["--raw", "-q", "-Sqrcode.enable"])
                    .arg(png)
                    .output()
                    .unwrap();
                let mut zbar: Vec<String> = String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .map(str::to_string)
                    .collect();
                zbar.sort();
                assert_eq!(
                    zbar,
                    found,
                    "zbarimg and rqrr read {} at {dpi} dpi",
                    png.display()
                );
            }
            found
        })
        .collect()
}

fn pdftotext(pdf: &Path) -> String {
    let out = Std::new("pdftotext").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// What a poster's code for `code` encodes: scheme and host upper case, the path lower case.
fn qr_url(host: &str, code: &str) -> String {
    format!(
        "HTTPS://{}/q/{}/",
        host.to_ascii_uppercase(),
        code.to_ascii_lowercase()
    )
}

/// What the service codes of a site's posters encode, sorted (as `decode_at` lists them).
fn service_urls(entries: &[(String, String)], host: &str) -> Vec<String> {
    let mut urls: Vec<String> = entries
        .iter()
        .filter(|(_, t)| t.starts_with("/dich-vu/"))
        .map(|(c, _)| qr_url(host, c))
        .collect();
    urls.sort();
    urls
}

/// `HTTPS://HOST/q/code/` → the built file `OUT/SITE/q/code/index.html`, and its target.
fn follow(p: &Project, site: &str, host: &str, url: &str) -> String {
    let prefix = format!("HTTPS://{}/", host.to_ascii_uppercase());
    let path = url
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{url} is not an https address of {host}"));
    assert!(path.starts_with("q/") && path.ends_with('/'), "{url}");
    assert_eq!(path, path.to_ascii_lowercase(), "one lowercase path: {url}");
    let html = p.read(&format!("public/{site}/{path}index.html"));
    let target = html
        .split("content=\"0; url=")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_else(|| panic!("no redirect in {html}"))
        .to_string();
    assert!(
        p.path(&format!("public/{site}{target}index.html"))
            .is_file(),
        "{url} leads to {target}, which is not a page of the site"
    );
    target
}

#[test]
fn every_code_on_every_example_poster_leads_to_its_page() {
    let p = printable_example();
    let run = p.run(&["posters"]);
    run.ok();
    assert!(
        run.stdout.contains("Đã in 21 áp phích khổ A4"),
        "{}",
        run.stdout
    );
    // A size a clerk can read: never "0,0 MB" for a few small files.
    assert!(
        !run.stdout.contains(" 0,0 MB")
            && (run.stdout.contains(" KB,") || run.stdout.contains(" MB,")),
        "{}",
        run.stdout
    );
    p.build().ok();
    if !tool("pdftoppm") {
        return;
    }
    let sites = [("nam-dong", "namdong.gov.vn"), ("binh-an", "binhan.gov.vn")];
    let mut checked = 0;
    for (site, host) in sites {
        let entries = ledger(&p, site);
        let services = service_urls(&entries, host);
        assert_eq!(services.len(), 4, "{site}: 4 services on its posters");
        for (code, target) in entries
            .iter()
            .filter(|(_, t)| t.starts_with("/khu-dan-cu/"))
        {
            let stem = target
                .trim_start_matches("/khu-dan-cu/")
                .trim_end_matches('/');
            let pdf = p.path(&format!("posters/{site}/{stem}.pdf"));
            let pages = decode_pages(&pdf);
            let main = qr_url(host, code);
            // The front holds the area's code alone; the back the site's services.
            assert_eq!(
                pages,
                [vec![main.clone()], services.clone()],
                "{}",
                pdf.display()
            );
            assert_eq!(&follow(&p, site, host, &main), target);
            checked += 1;
        }
        for url in &services {
            assert!(follow(&p, site, host, url).starts_with("/dich-vu/"));
        }
    }
    assert_eq!(checked, 17);
    // A batch holds every poster of its commune, page after page.
    // A batch holds every poster of its commune, front then back, ready for a double-sided print.
    let pages = decode_pages(&p.path("posters/nam-dong/huong-phu/_tat-ca.pdf"));
    assert_eq!(pages.len(), 8);
    for (i, codes) in pages.iter().enumerate() {
        assert_eq!(
            codes.len(),
            if i % 2 == 0 { 1 } else { 4 },
            "page {}",
            i + 1
        );
    }
}

/// Resolutions a phone's scanner works at, in dots per inch of the printed page. Scanners read
/// preview frames about 1080 pixels across, with a field of view of ~65°:
/// - at 1.5 m from a notice board the frame spans ~1.9 m: 1080 / 1910 mm = 0.57 px/mm ≈ 14.4 dpi;
/// - the tougher case, the same phone at 2 m (~2.5 m across): 0.42 px/mm ≈ 10.8 dpi;
/// - the back's service codes are read at arm's length, 40 cm (~0.5 m across): 2.1 px/mm ≈
///   54 dpi; the tougher case 50 cm: 1.7 px/mm ≈ 43 dpi.
const FROM_1_5_M_DPI: f32 = 14.4;
const FROM_2_M_DPI: f32 = 10.8;
const FROM_40_CM_DPI: f32 = 54.0;
const FROM_50_CM_DPI: f32 = 43.0;

#[test]
fn every_code_decodes_at_the_scale_a_phone_sees() {
    let p = printable_example();
    p.run(&["posters", "--site", "nam-dong"]).ok();
    if !tool("pdftoppm") {
        return;
    }
    let host = "namdong.gov.vn";
    let entries = ledger(&p, "nam-dong");
    let services = service_urls(&entries, host);
    let areas: Vec<&(String, String)> = entries
        .iter()
        .filter(|(_, t)| t.starts_with("/khu-dan-cu/"))
        .collect();
    assert_eq!(areas.len(), 11);
    for (code, target) in areas {
        let stem = target
            .trim_start_matches("/khu-dan-cu/")
            .trim_end_matches('/');
        let pdf = p.path(&format!("posters/nam-dong/{stem}.pdf"));
        for dpi in [FROM_1_5_M_DPI, FROM_2_M_DPI] {
            let front = decode_at(&pdf, dpi, Some(1));
            assert_eq!(front, [vec![qr_url(host, code)]], "{stem} at {dpi} dpi");
        }
    }
    // The back is the same for every area: one is enough.
    let pdf = p.path("posters/nam-dong/huong-phu/thon-2.pdf");
    for dpi in [FROM_40_CM_DPI, FROM_50_CM_DPI] {
        assert_eq!(
            decode_at(&pdf, dpi, Some(2)),
            std::slice::from_ref(&services),
            "{dpi} dpi"
        );
    }
}

#[test]
fn poster_text_is_intact_vietnamese_and_fonts_are_embedded() {
    let p = printable_example();
    p.run(&["posters", "--site", "nam-dong"]).ok();
    if !tool("pdftotext") || !tool("pdffonts") {
        return;
    }
    let pdf = p.path("posters/nam-dong/thuong-long/thon-2.pdf");
    let text = pdftotext(&pdf);
    let code = code_of(&ledger(&p, "nam-dong"), "/khu-dan-cu/thuong-long/thon-2/");
    for expected in [
        "TỔ CÔNG TÁC TRIỂN KHAI ĐỀ ÁN 06 · HUYỆN NAM ĐÔNG",
        "Thôn 2",
        "Xã Thượng Long, Huyện Nam Đông, Thừa Thiên Huế",
        "Quét mã để xem",
        "hướng dẫn",
        "dịch vụ công",
        &format!("namdong.gov.vn/q/{}", code.to_ascii_lowercase()),
        "Hồ Thị Liên",
        "A Lăng Văn Thuận",
        "0337 408 651",
        "0234 3871 206",
        "1800 1096",
        "1900 0368",
        "Đăng ký tạm trú",
        "Giảm trừ mức đóng khi",
    ] {
        assert!(
            text.contains(expected),
            "`{expected}` missing from:\n{text}"
        );
    }
    let fonts = Std::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    for face in ["BeVietnamPro-Bold", "BeVietnamPro-Regular"] {
        let line = fonts
            .lines()
            .find(|l| l.contains(face))
            .unwrap_or_else(|| panic!("{face} missing:\n{fonts}"));
        // emb sub uni
        assert!(line.contains("yes yes yes"), "{line}");
    }
    // Each poster stays small.
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 40_000, "{size} bytes");
}

#[test]
fn same_input_same_bytes_and_a_reprint_reuses_every_code() {
    let p = Project::printable();
    p.run(&["posters"]).ok();
    let first = crate::cli::tree(&p.path("posters"));
    let ledger1 = p.read("content/xa-binh-minh/_ma-qr.yaml");
    assert_eq!(
        first.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(),
        [
            "xa-binh-minh/_tat-ca.pdf",
            "xa-binh-minh/thon-1.pdf",
            "xa-binh-minh/thon-dong-tam.pdf"
        ]
    );
    // 2 areas + 1 service, first printed on the build day.
    assert_eq!(ledger1.matches("- ma: ").count(), 3, "{ledger1}");
    assert!(ledger1.contains("in_lan_dau: 2026-01-01"), "{ledger1}");
    let run = p.run(&["posters"]);
    run.ok().says("không có mã mới");
    assert_eq!(
        crate::cli::tree(&p.path("posters")),
        first,
        "byte-identical"
    );
    assert_eq!(p.read("content/xa-binh-minh/_ma-qr.yaml"), ledger1);
    // Editing the guide changes the poster's text, never its codes.
    p.write(
        "content/_chung/dich-vu/dang-ky-tam-tru.md",
        &GUIDE.replace(
            "ten: \"Đăng ký tạm trú\"",
            "ten: \"Đăng ký tạm trú (trực tuyến)\"",
        ),
    );
    p.run(&["posters"]).ok();
    assert_eq!(p.read("content/xa-binh-minh/_ma-qr.yaml"), ledger1);
    assert_ne!(crate::cli::tree(&p.path("posters")), first);
    if tool("pdftotext") {
        let text = pdftotext(&p.path("posters/xa-binh-minh/thon-1.pdf"));
        assert!(text.contains("(trực") && text.contains("tuyến)"), "{text}");
    }
}

#[test]
fn the_ledger_keeps_its_entries_and_comments_and_moved_codes_are_reused() {
    let p = Project::printable();
    let old = "# sổ của xã, viết tay\n- ma: K7PQ\n  dich: /khu-dan-cu/thon-cu/\n  chuyen_den: /khu-dan-cu/thon-1/\n  in_lan_dau: 2024-05-01\n";
    p.write("content/xa-binh-minh/_ma-qr.yaml", old);
    p.run(&["posters"]).ok();
    let text = p.read("content/xa-binh-minh/_ma-qr.yaml");
    assert!(text.starts_with(old), "{text}");
    let entries = ledger(&p, "xa-binh-minh");
    assert_eq!(
        entries.len(),
        3,
        "thon-dong-tam and the service are new: {entries:?}"
    );
    assert!(!entries.iter().any(|(_, t)| t == "/khu-dan-cu/thon-1/"));
    if tool("pdftotext") {
        // The code printed for the old area now leads to thon-1: the poster reuses it.
        let t = pdftotext(&p.path("posters/xa-binh-minh/thon-1.pdf"));
        assert!(t.contains(&format!("{PRINTABLE_HOST}/q/k7pq")), "{t}");
    }
}

#[test]
fn a_ledger_target_that_vanished_stops_posters_until_moved() {
    let p = Project::printable();
    p.run(&["posters"]).ok();
    let code = code_of(&ledger(&p, "xa-binh-minh"), "/khu-dan-cu/thon-1/");
    p.write(
        "content/xa-binh-minh/_site.yaml",
        &printable_site().replace("ma: thon-1", "ma: thon-mot"),
    );
    let line = p
        .read("content/xa-binh-minh/_ma-qr.yaml")
        .lines()
        .position(|l| l.contains("/khu-dan-cu/thon-1/"))
        .unwrap()
        + 1;
    let before = crate::cli::tree(&p.path("posters"));
    p.run(&["posters"])
        .error_at(
            &format!("content/xa-binh-minh/_ma-qr.yaml:{line}"),
            "ma-qr-dich",
        )
        .says(&code);
    assert_eq!(
        crate::cli::tree(&p.path("posters")),
        before,
        "nothing printed"
    );
    let ledger_text = p.read("content/xa-binh-minh/_ma-qr.yaml");
    p.write(
        "content/xa-binh-minh/_ma-qr.yaml",
        &ledger_text.replace(
            "dich: \"/khu-dan-cu/thon-1/\"",
            "dich: \"/khu-dan-cu/thon-1/\"\n  chuyen_den: /khu-dan-cu/thon-mot/",
        ),
    );
    p.run(&["posters"]).ok();
    assert_eq!(
        code_of(&ledger(&p, "xa-binh-minh"), "/khu-dan-cu/thon-1/"),
        code
    );
    assert!(
        !ledger(&p, "xa-binh-minh")
            .iter()
            .any(|(_, t)| t.contains("thon-mot"))
    );
}

fn refuses(p: &Project, location: &str, code: &str) {
    p.run(&["posters"]).error_at(location, code);
    assert!(!p.path("posters").exists(), "no PDF for a broken project");
    assert!(!p.path("content/xa-binh-minh/_ma-qr.yaml").exists() || code == "yaml");
}

#[test]
fn bad_input_prints_nothing_and_says_where() {
    let p = Project::printable();
    p.write(
        "content/xa-binh-minh/_site.yaml",
        &printable_site().replace("https://binhminh", "http://binhminh"),
    );
    refuses(&p, "content/xa-binh-minh/_site.yaml:6:11", "base-url");

    let p = Project::printable();
    p.write(
        "content/xa-binh-minh/_site.yaml",
        &printable_site().replace("ten: \"Thôn 1\"", "ten: \"\""),
    );
    refuses(&p, "content/xa-binh-minh/_site.yaml:18", "thieu-khoa");

    let p = Project::printable();
    p.write(
        "content/xa-binh-minh/_site.yaml",
        &printable_site().replace(
            "  - dang-ky-tam-tru\n",
            "  - dang-ky-tam-tru\n  - dang-ky-tam-truu\n",
        ),
    );
    refuses(&p, "content/xa-binh-minh/_site.yaml:28:5", "dich-vu");

    let p = Project::printable();
    p.write(
        "content/xa-binh-minh/_ma-qr.yaml",
        "- ma: K7PQ\n  dich: [\n",
    );
    refuses(&p, "content/xa-binh-minh/_ma-qr.yaml:2", "yaml");

    // A character the poster font cannot draw is refused at the character, not drawn as nothing.
    let p = Project::printable();
    p.write(
        "content/xa-binh-minh/_site.yaml",
        &printable_site().replace("ten: \"Thôn Đông Tâm\"", "ten: \"Thôn Đông Tâm 東\""),
    );
    refuses(&p, "content/xa-binh-minh/_site.yaml:25:25", "poster-ky-tu");
}

#[test]
fn area_filter_paper_size_and_output_folder() {
    let p = Project::printable();
    let r = p.run(&["posters", "--khu", "thon-9"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("`thon-9`"), "{}", r.stderr);
    // A typo gets the nearest area.
    let r = p.run(&["posters", "--khu", "thon-dong-tm"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("Có phải ý bạn là `thon-dong-tam`?"),
        "{}",
        r.stderr
    );
    p.run(&["posters", "--khu", "thon-1", "--kho", "a3", "--out", "in"])
        .ok();
    let files: Vec<String> = crate::cli::tree(&p.path("in"))
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(
        files,
        ["xa-binh-minh/thon-1.pdf"],
        "no batch for a selection"
    );
    if tool("pdfinfo") {
        let out = Std::new("pdfinfo")
            .arg(p.path("in/xa-binh-minh/thon-1.pdf"))
            .output()
            .unwrap();
        let info = String::from_utf8(out.stdout).unwrap();
        assert!(info.contains("841.89 x 1190.55 pts (A3)"), "{info}");
    }
    let r = p.run(&["posters", "--site", "khong-co"]);
    assert_eq!(r.code, 2);
}

#[test]
fn build_publishes_one_lowercase_path_per_code() {
    let p = Project::printable();
    p.run(&["posters"]).ok();
    p.build().ok();
    let mut by_code = BTreeMap::new();
    for (code, target) in ledger(&p, "xa-binh-minh") {
        assert_eq!(
            code,
            code.to_ascii_lowercase(),
            "new codes are written as printed"
        );
        let page = p.read(&format!("public/xa-binh-minh/q/{code}/index.html"));
        assert!(page.contains(&format!("url={target}\"")), "{page}");
        by_code.insert(code, target);
    }
    assert_eq!(by_code.len(), 3);
    assert!(
        !p.path("public/xa-binh-minh/Q").exists(),
        "no uppercase twin"
    );
}

#[test]
fn an_uppercase_code_in_the_ledger_is_published_lowercase_and_never_given_again() {
    let p = Project::printable();
    p.run(&["posters"]).ok();
    let entries = ledger(&p, "xa-binh-minh");
    let ledger_path = "content/xa-binh-minh/_ma-qr.yaml";
    let (code, _) = &entries[0];
    let upper = p
        .read(ledger_path)
        .replace(code.as_str(), &code.to_ascii_uppercase());
    p.write(ledger_path, &upper);
    p.build().ok();
    assert!(
        p.path(&format!("public/xa-binh-minh/q/{code}/index.html"))
            .is_file()
    );
    // The same code in the other case is a duplicate.
    let twice =
        format!("{upper}- ma: \"{code}\"\n  dich: \"/to-cong-tac/\"\n  in_lan_dau: 2026-01-01\n");
    p.write(ledger_path, &twice);
    let line = upper.lines().count() + 1;
    p.check()
        .error_at(&format!("{ledger_path}:{line}"), "ma-qr-trung");
}
