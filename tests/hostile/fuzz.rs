//! Property tests: random bytes, random Markdown and random YAML through the loader and the
//! renderer, calling the library functions the binary uses. Each case must return without a
//! panic. No case is timed (time belongs in `cargo bench --bench build -- pathological`); the one
//! test that runs the binary on slow inputs fails only if it hangs for minutes.
//! Case counts stay modest so the suite stays fast.

use niemyet::diag::SourceFile;
use niemyet::project::front_matter::split_front_matter;
use niemyet::project::load::normalize_text;
use niemyet::render::markdown;
use niemyet::text::{chars, date, encoding, number, pii, slug};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// Everything a text file goes through, from bytes to rendered HTML.
fn through_everything(bytes: &[u8], csv: bool) {
    let decoded = if csv {
        encoding::decode_csv(bytes)
    } else {
        encoding::decode_utf8(bytes)
    };
    let Ok(text) = decoded else { return };
    let text = normalize_text(text);
    let file = SourceFile::new("content/x/van-ban/a.md", text.clone());
    let _ = pii::scan(&text, &BTreeSet::new());
    let _ = niemyet::yaml::parse(&text, 0);
    if let Ok(fm) = split_front_matter(file) {
        let _ = niemyet::project::document::parse("van-ban/a.md".into(), "a".into(), &fm);
        let _ = niemyet::project::guide::parse("a".into(), &fm, false);
        let r = markdown::render(fm.body(), "/");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(r.problems.len() <= markdown::MAX_PROBLEMS);
    }
    let r = markdown::render(&text, "/pre/");
    for p in &r.problems {
        assert!(p.offset <= text.len());
    }
    for line in text.lines().take(50) {
        let _ = number::parse_so_hieu(line);
        let _ = number::parse_reference_number(line);
        let _ = date::parse_date(line);
        let _ = slug::slugify(line);
        let _ = niemyet::search::number_key(line);
        let _ = chars::find_all_suspicious(line);
    }
}

/// The raw tags of HTML output (text between `<` and `>`, honouring double quotes): text is
/// escaped, so every `<` left is a tag.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let mut quoted = false;
        let end = after
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map_or(after.len(), |(j, _)| j);
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

/// Pieces hostile Markdown is made of.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script>alert(1)</script>".to_string()),
        Just("<b onclick=x>".to_string()),
        Just("<div\n".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<img src=x onerror=y>".to_string()),
        Just("[a](javascript:x)".to_string()),
        Just("[a](/van-ban/x/#y)".to_string()),
        Just("![a](data:x)".to_string()),
        Just("<http://a.vn>".to_string()),
        Just("&#106;&colon;&".to_string()),
        Just("## Điều 1 {#x}".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |".to_string()),
        Just("[^1]\n\n[^1]: chú thích".to_string()),
        Just("```\n<script>\n```".to_string()),
        Just("> > > ".to_string()),
        Just("* ".to_string()),
        Just("0912 345 678 và 046095001234".to_string()),
        Just("<!-- niemyet: cho-phep-so -->".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        "[a-zđĐạ <>\\[\\]()*_`#!&;:/\"'=-]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

/// Pieces hostile YAML is made of.
fn yaml_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("loai: quyet-dinh\n".to_string()),
        Just("so_hieu: \"290/QĐ-UBND\"\n".to_string()),
        Just("ngay_ban_hanh: 2025-02-30\n".to_string()),
        Just("trich_yeu: \"<script>\"\n".to_string()),
        Just("a: &x [1, 2]\n".to_string()),
        Just("b: *x\n".to_string()),
        Just("c: [[[[[[[[\n".to_string()),
        Just("d: {e: {f: {g: [1]}}}\n".to_string()),
        Just("  - x\n".to_string()),
        Just("\t- y\n".to_string()),
        Just("? k\n: v\n".to_string()),
        Just("'unclosed\n".to_string()),
        Just("!!binary aGk=\n".to_string()),
        Just("---\n".to_string()),
        Just("...\n".to_string()),
        Just("kem_theo: [tep/../x.pdf]\n".to_string()),
        Just("nguoi_ky: {ho_ten: 1, chuc_vu: [a, {b: c}]}\n".to_string()),
        "[a-z_]{1,8}: [^\n]{0,10}\n",
        any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), csv in any::<bool>()) {
        through_everything(&bytes, csv);
    }

    #[test]
    fn random_markdown_never_panics_and_never_keeps_script(
        pieces in proptest::collection::vec(markdown_piece(), 0..40),
    ) {
        let body = pieces.concat();
        let r = markdown::render(&body, "/");
        // A body without problems is published as is: it never carries script. (A body with
        // problems is not published at all.)
        let clean = r.problems.is_empty() && r.more_problems == 0;
        for tag in tags(&r.html).into_iter().filter(|_| clean) {
            let lower = tag.to_lowercase();
            prop_assert!(!lower.starts_with("script"), "{}", r.html);
            prop_assert!(
                !lower.split_whitespace().skip(1).any(|a| a.starts_with("on")),
                "{tag} in {}", r.html
            );
            prop_assert!(!lower.contains("javascript:"), "{tag} in {}", r.html);
        }
        let doc = format!("---\nloai: thong-bao\ntrich_yeu: x\n---\n{body}");
        through_everything(doc.as_bytes(), false);
    }

    #[test]
    fn random_yaml_never_panics(pieces in proptest::collection::vec(yaml_piece(), 0..30)) {
        let yaml = pieces.concat();
        let _ = niemyet::yaml::parse(&yaml, 1);
        let doc = format!("---\n{yaml}---\nNội dung.\n");
        through_everything(doc.as_bytes(), false);
    }
}

/// A few whole projects with one random file each, through the real pipeline (in process).
#[test]
fn random_project_files_never_panic_the_pipeline() {
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new(Config {
        cases: 12,
        ..Config::default()
    });
    let files = prop_oneof![
        Just("content/xa-binh-minh/van-ban/x.md"),
        Just("content/xa-binh-minh/_site.yaml"),
        Just("content/xa-binh-minh/khu-dan-cu.csv"),
        Just("content/xa-binh-minh/_ma-qr.yaml"),
        Just("content/_chung/dich-vu/x.md"),
        Just("niemyet.yaml"),
    ];
    runner
        .run(
            &(
                files,
                proptest::collection::vec(any::<u8>(), 0..512),
                proptest::collection::vec(markdown_piece(), 0..10),
            ),
            |(path, bytes, pieces)| {
                let p = crate::common::Project::new();
                let mut content = pieces.concat().into_bytes();
                content.extend_from_slice(&bytes);
                p.write_bytes(path, &content);
                let report = niemyet::pipeline::run(&niemyet::pipeline::BuildOptions {
                    root: p.root().to_path_buf(),
                    out: None,
                    sites: Vec::new(),
                    drafts: false,
                    today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    cleanup: Default::default(),
                });
                let _ = report.diags.render();
                Ok(())
            },
        )
        .unwrap();
}

/// Inputs under the size limits built to be slow (issue #13: 40,000 identical headings hung
/// `check` for minutes): every one must finish. The wait below is only a guard against a hang,
/// two orders of magnitude above a normal run; it asserts nothing about speed.
#[test]
fn pathological_documents_finish() {
    let p = crate::common::Project::new();
    let doc = |n: u32, body: String| {
        p.write_bytes(
            &format!("content/xa-binh-minh/van-ban/2025/thong-bao-{n}.md"),
            crate::notice(&body)
                .replace("99/TB", &format!("{n}/TB"))
                .as_bytes(),
        );
    };
    doc(91, "## Mục\n\n".repeat(40_000));
    doc(
        92,
        (0..20_000)
            .map(|i| format!("## Điều {i}\n\n[xem](#dieu-{i})\n\n"))
            .collect(),
    );
    doc(93, "## Mục {#muc}\n\n".repeat(20_000));
    doc(
        94,
        format!("{}\n", "Số 12.345 và 2020-2021 ".repeat(70_000)),
    );
    doc(95, format!("{}\n", "[a](#b) ".repeat(200_000)));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_niemyet"))
        .arg("check")
        .current_dir(p.root())
        .env("SOURCE_DATE_EPOCH", crate::common::EPOCH)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            panic!("`check` hung on a pathological document");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
}
