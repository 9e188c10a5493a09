//! Rendering a resolved site into output files (pipeline step 4).
//!
//! Bodies are rendered in parallel; links in them are then checked against the full set of
//! pages, anchors and files of the site (SPEC §9 "Links"), and every page goes through the theme.
//! This module produces bytes in memory and never touches the output folder: `output` does.

pub mod feeds;
mod links;
pub mod markdown;
mod pages;
pub mod templates;
pub mod views;

pub use links::percent_decode;

use crate::diag::Diagnostics;
use crate::resolve::SiteModel;
use crate::routes::{self, FileKind, Page, PageKind, Routes};
use chrono::NaiveDate;
use links::DocLinks;
use markdown::Rendered;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Mutex;
use templates::Theme;
use views::{DocSummary, base_path, summary};

/// One file of the built site, at a path relative to the site's output folder.
#[derive(Debug)]
pub enum OutFile {
    Bytes(String, Vec<u8>),
    Copy(String, PathBuf),
}

impl OutFile {
    pub fn path(&self) -> &str {
        match self {
            OutFile::Bytes(p, _) | OutFile::Copy(p, _) => p,
        }
    }
}

pub struct RenderOptions {
    pub today: NaiveDate,
    /// Project root, for attachment sources.
    pub root: PathBuf,
}

/// Characters of a page's description (`<meta name="description">`).
pub const DESCRIPTION_CHARS: usize = 160;

pub fn truncate(s: &str, max: usize) -> String {
    truncate_words(s.split_whitespace(), max)
}

/// [`truncate`] of `words` joined by single spaces: a page's description made of a heading and
/// a whole document's text, without copying the text first.
pub fn truncate_words<'s>(words: impl Iterator<Item = &'s str>, max: usize) -> String {
    // Whitespace collapsed, but only as far as needed: `words` may be a whole document's text.
    let mut flat = String::with_capacity(max * 2);
    let mut chars = 0;
    for word in words {
        if chars > max {
            break;
        }
        if !flat.is_empty() {
            flat.push(' ');
            chars += 1;
        }
        flat.push_str(word);
        chars += word.chars().count();
    }
    if chars <= max {
        return flat;
    }
    let end = flat.char_indices().nth(max).map_or(flat.len(), |(i, _)| i);
    let cut = &flat[..end];
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut,
    };
    format!("{cut}…")
}

/// One page rendered straight into bytes (Tera's `render` would check the whole page is UTF-8
/// once more to make a `String`: a tenth of a big build's rendering).
fn page_bytes(
    theme: &Theme,
    template: &str,
    ctx: &tera::Context,
) -> Result<Vec<u8>, crate::diag::Diagnostic> {
    let mut out = Vec::with_capacity(32 * 1024);
    theme
        .tera
        .render_to(template, ctx, &mut out)
        .map_err(|e| templates::render_error(theme, template, &e))?;
    Ok(out)
}

type PageResult = Result<Option<OutFile>, crate::diag::Diagnostic>;

pub struct SiteOutput {
    pub files: Vec<OutFile>,
    pub pages: usize,
    pub attachments: usize,
}

/// What becomes of each file as soon as it is rendered, from any thread: `build` writes it and
/// indexes it (returning `None`, so a big site is never whole in memory), `serve` keeps it
/// ([`keep`]). Files returned are collected in [`SiteOutput::files`].
pub type Emit<'a> = &'a (dyn Fn(OutFile) -> Option<OutFile> + Sync);

/// The [`Emit`] that keeps every file.
pub fn keep(file: OutFile) -> Option<OutFile> {
    Some(file)
}

/// Renders one site. Problems are pushed to `diags`; the caller publishes nothing if any is an error.
///
/// A document's body is rendered with its page and only its links and anchors are kept for the
/// link check: a big site's bodies are never all in memory at once.
pub fn site(
    model: &SiteModel,
    routes: &Routes,
    theme: &Theme,
    opts: &RenderOptions,
    emit: Emit,
    diags: &mut Diagnostics,
) -> SiteOutput {
    let guides = guide_bodies(model);
    let guides: Vec<&Rendered> = guides.iter().collect();
    let bodies = Bodies {
        docs: None,
        guides: &guides,
    };
    site_pages(
        model,
        routes,
        theme,
        opts,
        bodies,
        &|_| true,
        None,
        emit,
        diags,
    )
}

/// The Markdown bodies of a site's guides (in model order), in parallel.
fn guide_bodies(model: &SiteModel) -> Vec<Rendered> {
    let bp = base_path(model.info);
    model
        .guides
        .par_iter()
        .map(|g| markdown::render(g.body(), &bp))
        .collect()
}

/// The link check's part of every document's body, in model order: those made with their pages
/// in `kept`, the others made now (each body read, rendered and dropped in turn).
fn doc_links(
    model: &SiteModel,
    routes: &Routes,
    guides: &[&Rendered],
    mut kept: Vec<Option<DocLinks>>,
) -> Vec<DocLinks> {
    let bp = base_path(model.info);
    kept.resize_with(model.docs.len(), || None);
    kept.into_par_iter()
        .enumerate()
        .map(|(i, done)| {
            done.unwrap_or_else(|| match document_body(model, i, &bp) {
                Ok((source, r)) => links::check_alone(model, routes, guides, i, &source, &r),
                Err(d) => DocLinks::failed(d),
            })
        })
        .collect()
}

/// Document `i`'s file as it was checked ([`crate::project::Document::source`]: kept or read
/// again in `build`) and its body rendered.
fn document_body(
    model: &SiteModel,
    i: usize,
    bp: &str,
) -> Result<(std::sync::Arc<crate::diag::SourceFile>, Rendered), crate::diag::Diagnostic> {
    let doc = &model.docs[i].doc;
    Ok(rendered(doc, doc.source()?, bp))
}

/// [`document_body`] for document `i`'s own page, which takes its kept text out of memory
/// ([`crate::project::Document::take_source`]), unless the document is also shown on another
/// page (issued with a decision, it is that decision's annex): both pages then read the same
/// text, never one the kept text and the other the file.
fn page_body(
    model: &SiteModel,
    i: usize,
    bp: &str,
) -> Result<(std::sync::Arc<crate::diag::SourceFile>, Rendered), crate::diag::Diagnostic> {
    let entry = &model.docs[i];
    let annex = entry
        .cites
        .iter()
        .any(|c| c.relation == crate::resolve::Relation::IssuedWith && c.target.is_some());
    let source = if annex {
        entry.doc.source()?
    } else {
        entry.doc.take_source()?
    };
    Ok(rendered(entry.doc, source, bp))
}

/// A document's `source` with its body rendered.
fn rendered(
    doc: &crate::project::Document,
    source: std::sync::Arc<crate::diag::SourceFile>,
    bp: &str,
) -> (std::sync::Arc<crate::diag::SourceFile>, Rendered) {
    let r = markdown::render(doc.body_in(&source), bp);
    (source, r)
}

/// Checks the links of every body of a site against its route table, without rendering a page.
pub fn check_links(model: &SiteModel, routes: &Routes, diags: &mut Diagnostics) {
    let guides = guide_bodies(model);
    let guides: Vec<&Rendered> = guides.iter().collect();
    let docs = doc_links(model, routes, &guides, Vec::new());
    links::finish(model, routes, docs, &guides, diags);
}

/// The rendered bodies of a site's documents and guides, in model order.
#[derive(Clone, Copy)]
pub struct Bodies<'a> {
    /// `None`: each document's body is rendered with its page (`build`).
    pub docs: Option<&'a [&'a Rendered]>,
    pub guides: &'a [&'a Rendered],
}

/// Renders the pages of the route table for which `want(page)` holds, from bodies already
/// rendered (kept by `serve` between edits) or rendered page by page. Links of every body are
/// checked and the non-page files (feed, sitemap, static, attachments) are always produced: they
/// are cheap, and a partial site must never miss a broken link.
#[allow(clippy::too_many_arguments)]
pub fn site_pages(
    model: &SiteModel,
    routes: &Routes,
    theme: &Theme,
    opts: &RenderOptions,
    bodies: Bodies,
    want: &(dyn Fn(&Page) -> bool + Sync),
    summaries: Option<Vec<DocSummary>>,
    emit: Emit,
    diags: &mut Diagnostics,
) -> SiteOutput {
    // 1. Pages. `serve` has the summaries already (for its page fingerprints).
    let bp = base_path(model.info);
    let summaries: Vec<DocSummary> = summaries.unwrap_or_else(|| {
        (0..model.docs.len())
            .into_par_iter()
            .map(|i| summary(model, i, opts.today, &bp))
            .collect()
    });
    let shared = pages::Shared::new(model, routes, summaries, bodies.guides);
    let (mut files, pages_count, kept) = render_pages(
        model, routes, theme, &shared, bodies, &bp, want, emit, diags,
    );
    // 2. Links of every body, against the route table; they decide the attachments too.
    let attachments = match bodies.docs {
        Some(docs) => links::check(model, routes, docs, bodies.guides, diags),
        None => {
            let docs = doc_links(model, routes, bodies.guides, kept);
            links::finish(model, routes, docs, bodies.guides, diags)
        }
    };
    // 3. The other files.
    let attachment_count = attachments.len();
    files.extend(other_files(
        model,
        routes,
        theme,
        &shared,
        attachments,
        emit,
    ));
    SiteOutput {
        files,
        pages: pages_count,
        attachments: attachment_count,
    }
}

/// Renders the wanted pages in parallel: the files `emit` returns, the number of pages, and the
/// link check of the bodies rendered with their pages (by document index; empty when
/// `bodies.docs` is given).
#[allow(clippy::too_many_arguments)]
fn render_pages(
    model: &SiteModel,
    routes: &Routes,
    theme: &Theme,
    shared: &pages::Shared,
    bodies: Bodies,
    bp: &str,
    want: &(dyn Fn(&Page) -> bool + Sync),
    emit: Emit,
    diags: &mut Diagnostics,
) -> (Vec<OutFile>, usize, Vec<Option<DocLinks>>) {
    let sizes = |p: &str| model.site.attachment_files.get(p).map(|a| a.size);
    let render_page = |page: &Page, body: Option<&Rendered>| {
        let (template, ctx) = shared.view(page, body, &sizes);
        page_bytes(theme, template, &ctx).map(|html| emit(OutFile::Bytes(page.file(), html)))
    };
    // Each page is built and rendered on its own core, so that no more than a page per core of
    // template context (and of body) is alive at once. Only what a page leaves (a file `emit`
    // returned, a problem, its body's link check) is kept: nothing per page of a province's
    // hundred thousand.
    let left: Mutex<Vec<(usize, PageResult)>> = Mutex::default();
    let kept: Mutex<Vec<Option<DocLinks>>> = Mutex::default();
    if bodies.docs.is_none() {
        lock(&kept).resize_with(model.docs.len(), || None);
    }
    let mut wanted: Vec<(usize, &Page)> = routes
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| want(p))
        .collect();
    // Service pages first: each draws a QR code, several times the work of a document page, and
    // met last (the route table lists them after the documents) they left one core working
    // alone at the end of each site. What a page leaves is put back in route order below.
    wanted.sort_by_key(|(_, p)| !matches!(p.kind, PageKind::Service(_)));
    // One page a piece of work: rayon otherwise runs a share of a few hundred pages on one core
    // with nothing left to steal, and the other core waited up to a tenth of a second for the
    // last share of each site.
    wanted.par_iter().with_max_len(1).for_each(|&(n, page)| {
        let result = match (&page.kind, bodies.docs) {
            (PageKind::Document(i), None) => {
                let (result, links) = match page_body(model, *i, bp) {
                    Ok((source, r)) => {
                        let links =
                            links::check_alone(model, routes, bodies.guides, *i, &source, &r);
                        (render_page(page, Some(&r)), links)
                    }
                    Err(d) => (Err(d), DocLinks::default()),
                };
                lock(&kept)[*i] = Some(links);
                result
            }
            (PageKind::Document(i), Some(docs)) => render_page(page, Some(docs[*i])),
            (PageKind::Service(i), _) => render_page(page, Some(bodies.guides[*i])),
            _ => render_page(page, None),
        };
        if !matches!(result, Ok(None)) {
            lock(&left).push((n, result));
        }
    });
    let mut left = left.into_inner().unwrap_or_else(|e| e.into_inner());
    left.sort_unstable_by_key(|(n, _)| *n);
    let mut files = Vec::new();
    for (_, r) in left {
        match r {
            Ok(f) => files.extend(f),
            Err(d) => diags.push(d),
        }
    }
    let kept = kept.into_inner().unwrap_or_else(|e| e.into_inner());
    (files, wanted.len(), kept)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The site's files other than pages (sitemap, feed, robots.txt, theme static files, attachments),
/// through `emit` in parallel: the files it returns.
fn other_files(
    model: &SiteModel,
    routes: &Routes,
    theme: &Theme,
    shared: &pages::Shared,
    attachments: BTreeSet<String>,
    emit: Emit,
) -> Vec<OutFile> {
    let urls = routes.sitemap();
    let mut others: Vec<OutFile> = routes
        .files
        .iter()
        .map(|(kind, path)| {
            let bytes = match kind {
                FileKind::Sitemap => {
                    match routes::sitemap_parts(urls.len(), routes::SITEMAP_URLS) {
                        0 => feeds::sitemap(&shared.site.base_url, &urls),
                        parts => feeds::sitemap_index(&shared.site.base_url, parts),
                    }
                    .into_bytes()
                }
                FileKind::SitemapPart(k) => {
                    let part = urls.chunks(routes::SITEMAP_URLS).nth(k - 1);
                    feeds::sitemap(&shared.site.base_url, part.unwrap_or_default()).into_bytes()
                }
                FileKind::Feed => feeds::atom(&shared.site, &shared.summaries).into_bytes(),
                FileKind::Robots => format!(
                    "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
                    shared.site.base_url
                )
                .into_bytes(),
                FileKind::Static(name) => theme
                    .static_file(name)
                    .expect("the route table lists the theme's own static files")
                    .to_vec(),
            };
            OutFile::Bytes(path.clone(), bytes)
        })
        .collect();
    for a in attachments {
        let published = crate::text::slug::attachment_path(&a);
        others.push(OutFile::Copy(published, model.site.dir.join(&a)));
    }
    others.into_par_iter().filter_map(emit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_cut_at_a_word_with_whitespace_collapsed() {
        assert_eq!(truncate("  Kế   hoạch\n02 ", 160), "Kế hoạch 02");
        assert_eq!(truncate("abc def", 7), "abc def");
        assert_eq!(truncate("Đăng ký tạm trú trực tuyến", 12), "Đăng ký tạm…");
        assert_eq!(truncate("Đăngkýtạmtrútrựctuyến", 8), "Đăngkýtạ…");
        let long = "chữ ".repeat(10_000);
        let cut = truncate(&long, 160);
        assert!(cut.ends_with("chữ…") && cut.chars().count() <= 161, "{cut}");
    }
}

#[cfg(test)]
mod route_table {
    use super::*;
    use crate::routes::Routes;
    use std::collections::{BTreeSet, HashSet};

    /// Every page rendered is a page of the route table and every page of the table is rendered,
    /// on the example sites (a province or district with communes and areas, a commune site),
    /// and on a copy of them where a decision is the basis of more documents than its page lists.
    #[test]
    fn the_route_table_and_the_rendered_site_agree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen_kinds = HashSet::new();
        agree(root, &mut seen_kinds);
        let copy = many_citing(root);
        agree(copy.path(), &mut seen_kinds);
        // Every kind of page appears in these projects, so the check above covers each.
        assert_eq!(seen_kinds.len(), 16, "a page kind has no example");
    }

    fn agree(root: &std::path::Path, seen_kinds: &mut HashSet<std::mem::Discriminant<PageKind>>) {
        let mut diags = Diagnostics::new();
        let project = crate::project::load::load(root, &[], &mut diags);
        let files =
            crate::project::theme::read(root, &project.theme).expect("the example theme reads");
        let theme = templates::load(files).expect("the default theme loads");
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a real day");
        let opts = RenderOptions {
            today,
            root: root.to_path_buf(),
        };
        for site in &project.sites {
            let info = site.info.as_ref().expect("example sites have a _site.yaml");
            let model = crate::resolve::site(&project, site, info, false, &mut diags);
            let routes = Routes::of(&model, theme.static_paths());
            let out = super::site(&model, &routes, &theme, &opts, &keep, &mut diags);
            let mut expected: BTreeSet<String> = routes.pages.iter().map(Page::file).collect();
            expected.extend(routes.files.iter().map(|(_, p)| p.clone()));
            let attachments = out
                .files
                .iter()
                .filter(|f| matches!(f, OutFile::Copy(..)))
                .count();
            assert_eq!(attachments, out.attachments);
            let rendered_pages: BTreeSet<String> = out
                .files
                .iter()
                .filter(|f| matches!(f, OutFile::Bytes(..)))
                .map(|f| f.path().to_string())
                .collect();
            assert_eq!(rendered_pages, expected, "site {}", site.code);
            assert_eq!(out.pages, routes.pages.len());
            for p in &routes.pages {
                seen_kinds.insert(std::mem::discriminant(&p.kind));
                assert_eq!(
                    routes.page_of_file(&p.file()).map(|q| &q.path),
                    Some(&p.path)
                );
            }
        }
        assert!(!diags.has_errors(), "{}", diags.render());
    }

    /// The example content with one more notice based on decision 290 of `nam-dong` than its
    /// page lists.
    fn many_citing(example: &std::path::Path) -> tempfile::TempDir {
        fn copy(from: &std::path::Path, to: &std::path::Path) {
            std::fs::create_dir_all(to).expect("make a folder");
            for e in std::fs::read_dir(from).expect("read the example") {
                let e = e.expect("an entry");
                let target = to.join(e.file_name());
                if e.file_type().expect("its type").is_dir() {
                    copy(&e.path(), &target);
                } else {
                    std::fs::copy(e.path(), target).expect("copy a file");
                }
            }
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy(&example.join("content"), &dir.path().join("content"));
        for i in 1..=crate::routes::CITED_BY_SHOWN + 1 {
            std::fs::write(
                dir.path().join(format!("content/nam-dong/van-ban/2024/thong-bao-lich-{i}.md")),
                format!(
                    "---\nloai: thong-bao\nso_hieu: \"{}/TB-UBND\"\nngay_ban_hanh: 2024-05-{i:02}\ntrich_yeu: \"Lịch tiếp nhận hồ sơ đợt {i}\"\ncan_cu: [\"290/QĐ-UBND\"]\n---\n\nNội dung.\n",
                    100 + i
                ),
            )
            .expect("write a notice");
        }
        dir
    }
}
