//! The search index behind `/tim-kiem/` (SPEC §6), built at build time with Pagefind as a library.
//!
//! Residents type without diacritics. Pagefind folds tone marks by itself but not `đ`/`Đ` (a
//! letter of its own, not a mark), so "dang ky", "qd" or "290/QD-UBND" would miss "đăng ký" and
//! "290/QĐ-UBND". Every indexed page therefore carries a hidden copy of its text folded with
//! [`fold_for_search`] (đ→d, tones dropped); the search script folds the query the same way.
//! Only the parts of Pagefind's bundle the site's own search script needs are published (no
//! default UI): the engine, its worker and WASM, and the index. This module must never publish a
//! page's draft or anything the rendered pages do not already show, and its output must be
//! byte-identical for the same input (pages are added in a fixed order; Pagefind's gzip headers
//! carry no time).

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::render::OutFile;
use crate::render::views::{base_path, title_case};
use crate::resolve::SiteModel;
use crate::text::date::date_vi;
use crate::text::slug::fold_for_search;

/// Folder of the index in a built site.
pub const DIR: &str = "pagefind";

/// One page to index: its URL, what a result shows, and the text of its `<main>`.
struct Entry {
    url: String,
    title: String,
    kind: String,
    description: String,
    /// The document's own number: weighted above the numbers it merely cites.
    number: Option<String>,
    main: String,
}

/// Builds the index of one site from its rendered pages. Returns the files to publish under
/// `/pagefind/`; a failure of Pagefind is an error of the run (the site would have a dead search).
pub fn index(model: &SiteModel, pages: &[OutFile], diags: &mut Diagnostics) -> Vec<OutFile> {
    let entries = entries(model, pages);
    let built = std::thread::scope(|s| {
        // A runtime of our own, on a thread of our own: the caller may already be inside a
        // tokio runtime (`serve`), where blocking on another one would panic.
        s.spawn(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(anyhow::Error::from)
                .and_then(|rt| rt.block_on(build(&entries)))
        })
        .join()
        .unwrap_or_else(|_| Err(anyhow::anyhow!("Pagefind dừng bất thường")))
    });
    match built {
        Ok(files) => files,
        Err(e) => {
            diags.push(
                Diagnostic::at_path(
                    Severity::Error,
                    format!("content/{}", model.site.code),
                    "tim-kiem",
                    format!("Không tạo được chỉ mục tìm kiếm: {e:#}."),
                )
                .hint("Đây là lỗi của niemyet, không phải của nội dung: hãy báo lỗi kèm thông báo này."),
            );
            Vec::new()
        }
    }
}

async fn build(entries: &[Entry]) -> anyhow::Result<Vec<OutFile>> {
    let config = pagefind::options::PagefindServiceConfig::builder()
        .force_language("vi".into())
        .build();
    let mut index = pagefind::api::PagefindIndex::new(Some(config))?;
    for e in entries {
        index
            .add_html_file(None, Some(e.url.clone()), page_html(e))
            .await?;
    }
    let mut files: Vec<OutFile> = index
        .get_files()
        .await?
        .into_iter()
        .filter_map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            let name = name.trim_start_matches("./").trim_start_matches('/');
            let name = name.strip_prefix("pagefind/").unwrap_or(name).to_string();
            published(&name).then(|| OutFile::Bytes(format!("{DIR}/{name}"), f.contents))
        })
        .collect();
    files.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(files)
}

/// The parts of Pagefind's bundle our search script uses; the default UIs (≈ 390 KB) are left out.
fn published(name: &str) -> bool {
    name == "pagefind.js"
        || name == "pagefind-worker.js"
        || name == "pagefind-entry.json"
        || (name.starts_with("wasm.") && name.ends_with(".pagefind"))
        || name.ends_with(".pf_meta")
        || name.starts_with("fragment/")
        || name.starts_with("index/")
        || name.starts_with("filter/")
}

/// The HTML Pagefind reads for one page: result metadata outside the body, the page's main
/// content, and the folded copy hidden inside it.
fn page_html(e: &Entry) -> String {
    // Pagefind folds tone marks by itself but not đ/Đ: only words holding one need a folded
    // copy. Folding every word doubled the text Pagefind indexes for nothing.
    let text = format!("{} {}", e.title, html_text(&e.main));
    let folded = text
        .split_whitespace()
        .filter(|w| w.contains(['đ', 'Đ']))
        .map(fold_for_search)
        .collect::<Vec<_>>()
        .join(" ");
    let number = e
        .number
        .as_ref()
        .map(|n| {
            format!(
                "<p data-pagefind-weight=\"10\">{} {}</p>",
                escape(n),
                escape(&fold_for_search(n))
            )
        })
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><title>{t}</title></head><body>\
         <p data-pagefind-meta=\"title\">{t}</p>\
         <p data-pagefind-meta=\"kind\">{k}</p>\
         <p data-pagefind-meta=\"description\">{d}</p>\
         <main data-pagefind-body>{n}{m}<div hidden>{f}</div></main></body></html>",
        n = number,
        t = escape(&e.title),
        k = escape(&e.kind),
        d = escape(&e.description),
        m = e.main,
        f = escape(&folded),
    )
}

/// The pages worth finding: documents, guides, the roster, communes and residential areas. Lists
/// (home, `/van-ban/`, per type and year) only repeat what their pages hold.
fn entries(model: &SiteModel, pages: &[OutFile]) -> Vec<Entry> {
    let bp = base_path(model.info);
    let mut out = Vec::new();
    for f in pages {
        let OutFile::Bytes(path, bytes) = f else {
            continue;
        };
        let Some(dir) = path.strip_suffix("index.html") else {
            continue;
        };
        let html = String::from_utf8_lossy(bytes);
        let Some(main) = main_inner(&html) else {
            continue;
        };
        let description = meta_description(&html).unwrap_or_default();
        let h1 = between(main, "<h1", "</h1>")
            .map(|h| html_text(h.split_once('>').map_or(h, |(_, rest)| rest)))
            .unwrap_or_default();
        let mut number = None;
        let (title, kind) = if let Some(slug) = dir
            .strip_prefix("van-ban/")
            .and_then(|s| s.strip_suffix('/'))
            .filter(|s| !s.contains('/'))
        {
            let Some(e) = model.docs.iter().find(|e| e.slug == slug) else {
                continue;
            };
            let kind_name = crate::text::number::type_name(e.doc.kind_text())
                .map(title_case)
                .unwrap_or_default();
            let mut kind = kind_name.clone();
            if let Some(n) = &e.number {
                kind.push_str(&format!(" số {n}"));
                number = Some(n.clone());
            }
            if let Some(d) = e.date {
                kind.push_str(&format!(", ngày {}", date_vi(d)));
            }
            (e.doc.title_text().to_string(), kind)
        } else if let Some(name) = dir
            .strip_prefix("dich-vu/")
            .and_then(|s| s.strip_suffix('/'))
            .filter(|s| !s.is_empty() && !s.contains('/'))
        {
            let Some(g) = model.guides.iter().find(|g| g.name == name) else {
                continue;
            };
            (g.title.clone(), "Hướng dẫn dịch vụ công".to_string())
        } else if dir == "to-cong-tac/" {
            (h1, "Tổ công tác".to_string())
        } else if dir.starts_with("khu-dan-cu/") && dir != "khu-dan-cu/" {
            (h1, "Khu dân cư".to_string())
        } else {
            continue;
        };
        out.push(Entry {
            url: format!("{bp}{dir}"),
            title,
            kind,
            description,
            number,
            main: main.to_string(),
        });
    }
    out.sort_by(|a, b| a.url.cmp(&b.url));
    out
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let to = s[from..].find(end)? + from;
    Some(&s[from..to])
}

/// The content of the page's `<main>` element, without the element itself.
fn main_inner(html: &str) -> Option<&str> {
    let inner = between(html, "<main", "</main>")?;
    inner.split_once('>').map(|(_, rest)| rest)
}

fn meta_description(html: &str) -> Option<String> {
    let tag = between(html, "<meta name=\"description\" content=\"", "\"")?;
    Some(decode_entities(tag))
}

/// Text of an HTML fragment: tags dropped (as spaces, so words never glue), entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let text = decode_entities(&out);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the entities our templates and the Markdown renderer write (`&amp;`, `&#x2F;`, ...).
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Entities are short; look for `;` within 12 bytes, on char boundaries.
        let Some(end) = rest
            .char_indices()
            .take_while(|(i, _)| *i < 12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i)
        else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {

    #[test]
    fn entity_scan_never_splits_a_vietnamese_letter() {
        // Regression: `&gt; — Tổ` put byte 12 inside `ổ` and the build panicked.
        assert_eq!(decode_entities("&gt; — Tổ công tác"), "> — Tổ công tác");
        assert_eq!(decode_entities("a & Đề án 06 &amp; b"), "a & Đề án 06 & b");
    }

    use super::*;

    #[test]
    fn text_of_html_decodes_what_tera_escapes() {
        assert_eq!(
            html_text("<p>Số: 290&#x2F;QĐ-UBND</p><p>A &amp; B</p>"),
            "Số: 290/QĐ-UBND A & B"
        );
        assert_eq!(
            decode_entities("a & b &unknown; &#39;"),
            "a & b &unknown; '"
        );
    }

    #[test]
    fn main_content_is_found_inside_its_element() {
        let html = "<body><main id=\"noi-dung\" class=\"wrap\"><h1>X</h1></main></body>";
        assert_eq!(main_inner(html), Some("<h1>X</h1>"));
    }

    #[test]
    fn the_default_ui_is_not_published() {
        assert!(published("pagefind.js"));
        assert!(published("wasm.unknown.pagefind"));
        assert!(published("index/abc.pf_index"));
        assert!(!published("pagefind-ui.js"));
        assert!(!published("pagefind-component-ui.css"));
        assert!(!published("playground/index.html"));
    }
}
