//! Rendering a resolved site into output files (pipeline step 4).
//!
//! Bodies are rendered in parallel; links in them are then checked against the full set of
//! pages, anchors and files of the site (SPEC §9 "Links"), and every page goes through the theme.
//! This module produces bytes in memory and never touches the output folder: `output` does.

pub mod feeds;
pub mod markdown;
pub mod templates;
pub mod views;

use crate::diag::{Code, Diagnostics, Pos, SourceFile};
use crate::resolve::SiteModel;
use chrono::{Datelike, NaiveDate};
use markdown::Rendered;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::path::PathBuf;
use templates::Theme;
use views::*;

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

/// Everything a page template gets besides its own data.
fn base_context(site: &SiteView, title: &str, path: &str, description: &str) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("site", site);
    ctx.insert("page_title", title);
    ctx.insert("page_path", path);
    ctx.insert(
        "canonical",
        &format!("{}{}", site.base_url, path.trim_start_matches('/')),
    );
    ctx.insert("description", &truncate(description, 160));
    ctx
}

pub fn truncate(s: &str, max: usize) -> String {
    // Whitespace collapsed, but only as far as needed: `s` may be a whole document's text.
    let mut flat = String::with_capacity(max * 2);
    let mut chars = 0;
    for word in s.split_whitespace() {
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
    let cut: String = flat.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
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

/// Path (`/x/y/`) of a page for a file name `x/y/index.html`.
fn index_file(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

pub struct SiteOutput {
    pub files: Vec<OutFile>,
    pub pages: usize,
    pub attachments: usize,
    /// Output path of every page the site has (`van-ban/x/index.html`), rendered or not: with a
    /// `want` filter, the pages left out are the ones the caller already holds.
    pub page_files: Vec<String>,
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
pub fn site(
    model: &SiteModel,
    theme: &Theme,
    opts: &RenderOptions,
    emit: Emit,
    diags: &mut Diagnostics,
) -> SiteOutput {
    let (docs, guides) = bodies(model);
    let docs: Vec<&Rendered> = docs.iter().collect();
    let guides: Vec<&Rendered> = guides.iter().collect();
    site_pages(
        model,
        theme,
        opts,
        &docs,
        &guides,
        &|_| true,
        None,
        emit,
        diags,
    )
}

/// The Markdown bodies of a site's documents and guides (in model order), in parallel.
pub fn bodies(model: &SiteModel) -> (Vec<Rendered>, Vec<Rendered>) {
    let bp = base_path(model.info);
    let docs = model
        .docs
        .par_iter()
        .map(|e| markdown::render(&e.doc.body, &bp))
        .collect();
    let guides = model
        .guides
        .par_iter()
        .map(|g| markdown::render(&g.body, &bp))
        .collect();
    (docs, guides)
}

/// Renders the pages of one site for which `want(output path)` holds, from bodies already
/// rendered (by `bodies`, or kept by `serve` between edits). Links of every body are checked and
/// the non-page files (feed, sitemap, static, attachments) are always produced: they are cheap,
/// and a partial site must never miss a broken link.
#[allow(clippy::too_many_arguments)]
pub fn site_pages(
    model: &SiteModel,
    theme: &Theme,
    opts: &RenderOptions,
    doc_bodies: &[&Rendered],
    guide_bodies: &[&Rendered],
    want: &dyn Fn(&str) -> bool,
    summaries: Option<Vec<DocSummary>>,
    emit: Emit,
    diags: &mut Diagnostics,
) -> SiteOutput {
    let info = model.info;
    let sv = site_view(model, opts.today);
    let bp = sv.base_path.clone();
    let mut page_files: Vec<String> = Vec::new();
    let mut wanted = |out: &str| {
        page_files.push(out.to_string());
        want(out)
    };
    // 2. The site's pages and files, for link checks.
    // Every page with its anchors (borrowed from the bodies: a big site has thousands).
    static NO_ANCHORS: BTreeSet<String> = BTreeSet::new();
    let mut pages: FxHashMap<String, &BTreeSet<String>> = FxHashMap::default();
    for p in ["/", "/van-ban/", "/dich-vu/", "/to-cong-tac/", "/tim-kiem/"] {
        pages.insert(p.into(), &NO_ANCHORS);
    }
    for (e, r) in model.docs.iter().zip(doc_bodies) {
        pages.insert(format!("/van-ban/{}/", e.slug), &r.anchors);
    }
    for (g, r) in model.guides.iter().zip(guide_bodies) {
        pages.insert(format!("/dich-vu/{}/", g.name), &r.anchors);
    }
    let kinds: BTreeSet<&str> = model.docs.iter().map(|e| e.doc.kind_text()).collect();
    let years: BTreeSet<i32> = model.docs.iter().filter_map(|e| e.year()).collect();
    for k in &kinds {
        pages.insert(format!("/van-ban/loai/{k}/"), &NO_ANCHORS);
    }
    for y in &years {
        pages.insert(format!("/van-ban/nam/{y}/"), &NO_ANCHORS);
    }
    let areas = area_views(info, &bp);
    if sv.has_areas || !info.communes.is_empty() {
        pages.insert("/khu-dan-cu/".into(), &NO_ANCHORS);
    }
    for c in &info.communes {
        pages.insert(format!("/khu-dan-cu/{}/", c.code.value), &NO_ANCHORS);
    }
    for a in &areas {
        pages.insert(format!("/{}", a.path), &NO_ANCHORS);
    }
    // Attachments: those of published documents, plus `tep/` files their bodies link to.
    let mut attachments: BTreeSet<String> = BTreeSet::new();
    for e in &model.docs {
        for a in &e.doc.attachments {
            let p = a.value.trim_start_matches("./");
            if model.site.attachment_files.contains(p) {
                attachments.insert(p.to_string());
            }
        }
    }
    let ctx = LinkContext {
        pages: &pages,
        site_dir: &model.site.dir,
        tep: &model.site.attachment_files,
        bp: &bp,
    };
    // Each body on its own core; the findings are merged in document order.
    let checked: Vec<(Diagnostics, BTreeSet<String>)> = model
        .docs
        .par_iter()
        .zip(doc_bodies.par_iter())
        .map(|(e, r)| {
            let mut found = Diagnostics::new();
            let mut linked = BTreeSet::new();
            check_body(
                &e.doc.file,
                &e.doc.body,
                e.doc.body_line,
                r,
                &format!("/van-ban/{}/", e.slug),
                &ctx,
                &mut linked,
                &mut found,
            );
            (found, linked)
        })
        .collect();
    for (found, linked) in checked {
        diags.extend(found.into_vec());
        attachments.extend(linked);
    }
    for (g, r) in model.guides.iter().zip(guide_bodies) {
        check_body(
            &g.file,
            &g.body,
            g.body_line,
            r,
            &format!("/dich-vu/{}/", g.name),
            &ctx,
            &mut attachments,
            diags,
        );
    }
    // QR ledger targets.
    let page_set: BTreeSet<String> = pages.keys().cloned().collect();
    crate::resolve::ledger(model.site, &page_set, diags);

    // 3. Pages.
    let sizes = |p: &str| {
        std::fs::metadata(model.site.dir.join(p))
            .ok()
            .map(|m| m.len())
    };
    // `serve` has them already (for its page fingerprints).
    let summaries: Vec<DocSummary> = summaries.unwrap_or_else(|| {
        (0..model.docs.len())
            .into_par_iter()
            .map(|i| summary(model, i, opts.today, &bp))
            .collect()
    });
    let guides: Vec<GuideView> = model
        .guides
        .iter()
        .zip(guide_bodies)
        .map(|(g, r)| guide_view(g, &bp, r.html.clone()))
        .collect();
    let roster = roster_groups(info);
    let mut jobs: Vec<(String, String, tera::Context)> = Vec::new();

    if wanted("index.html") {
        let mut home = base_context(
            &sv,
            &sv.name,
            "/",
            &format!(
                "Trang thông tin của Tổ công tác triển khai Đề án 06 — {}: văn bản, hướng dẫn dịch vụ công trực tuyến, đường dây nóng.",
                sv.name
            ),
        );
        home.insert("documents", &summaries.iter().take(8).collect::<Vec<_>>());
        home.insert("guides", &guides);
        home.insert("roster", &roster);
        home.insert("areas", &areas);
        jobs.push(("index.html".into(), "index.html".into(), home));
    }

    let kind_links: Vec<Link> = kinds
        .iter()
        .map(|k| Link {
            url: format!("{bp}van-ban/loai/{k}/"),
            label: format!(
                "{} ({})",
                crate::text::number::type_name(k)
                    .map(title_case)
                    .unwrap_or_default(),
                summaries.iter().filter(|s| s.kind == *k).count()
            ),
        })
        .collect();
    let year_links: Vec<Link> = years
        .iter()
        .rev()
        .map(|y| Link {
            url: format!("{bp}van-ban/nam/{y}/"),
            label: format!(
                "{y} ({})",
                summaries.iter().filter(|s| s.year == Some(*y)).count()
            ),
        })
        .collect();
    let list_page = |title: &str, path: &str, docs: Vec<&DocSummary>| {
        let mut c = base_context(
            &sv,
            title,
            path,
            &format!("{title} của Tổ công tác triển khai Đề án 06 — {}.", sv.name),
        );
        #[derive(serde::Serialize)]
        struct Group<'a> {
            label: String,
            documents: Vec<&'a DocSummary>,
        }
        let mut groups: Vec<Group> = Vec::new();
        for d in docs {
            let label = d
                .year
                .map_or("Chưa ghi năm".to_string(), |y| format!("Năm {y}"));
            match groups.last_mut() {
                Some(g) if g.label == label => g.documents.push(d),
                _ => groups.push(Group {
                    label,
                    documents: vec![d],
                }),
            }
        }
        c.insert("groups", &groups);
        c.insert("kinds", &kind_links);
        c.insert("years", &year_links);
        c
    };
    if wanted("van-ban/index.html") {
        jobs.push((
            "van-ban/index.html".into(),
            "documents.html".into(),
            list_page("Văn bản", "/van-ban/", summaries.iter().collect()),
        ));
    }
    for k in &kinds {
        let name = crate::text::number::type_name(k)
            .map(title_case)
            .unwrap_or_default();
        let path = format!("/van-ban/loai/{k}/");
        if !wanted(&index_file(&path)) {
            continue;
        }
        let docs = summaries.iter().filter(|s| s.kind == *k).collect();
        jobs.push((
            index_file(&path),
            "documents.html".into(),
            list_page(&name, &path, docs),
        ));
    }
    for y in &years {
        let path = format!("/van-ban/nam/{y}/");
        if !wanted(&index_file(&path)) {
            continue;
        }
        let docs = summaries.iter().filter(|s| s.year == Some(*y)).collect();
        jobs.push((
            index_file(&path),
            "documents.html".into(),
            list_page(&format!("Văn bản năm {y}"), &path, docs),
        ));
    }
    // Document pages are most of a site: each is built and rendered on its own core, so that
    // no more than a page per core of template context is alive at once.
    let doc_pages: Vec<usize> = (0..model.docs.len())
        .filter(|&i| wanted(&index_file(&format!("/van-ban/{}/", model.docs[i].slug))))
        .collect();
    let doc_files: Vec<Result<Option<OutFile>, crate::diag::Diagnostic>> = doc_pages
        .par_iter()
        .map(|&i| {
            let (e, r) = (&model.docs[i], doc_bodies[i]);
            let view = doc_view(model, i, opts.today, &bp, r.html.clone(), &sizes);
            let path = format!("/van-ban/{}/", e.slug);
            let title = match &view.summary.number {
                Some(n) => format!("{} {} — {}", view.summary.kind_name, n, view.summary.title),
                None => view.summary.title.clone(),
            };
            let mut c = base_context(
                &sv,
                &title,
                &path,
                &format!("{}. {}", view.summary.title, r.text),
            );
            c.insert("doc", &view);
            page_bytes(theme, "document.html", &c)
                .map(|html| emit(OutFile::Bytes(index_file(&path), html)))
        })
        .collect();
    if wanted("dich-vu/index.html") {
        let mut c = base_context(
            &sv,
            "Dịch vụ công thiết yếu",
            "/dich-vu/",
            "Hướng dẫn từng bước các dịch vụ công trực tuyến thiết yếu.",
        );
        c.insert("guides", &guides);
        jobs.push(("dich-vu/index.html".into(), "services.html".into(), c));
    }
    for (g, r) in guides.iter().zip(guide_bodies) {
        let path = format!("/dich-vu/{}/", g.name);
        if !wanted(&index_file(&path)) {
            continue;
        }
        let mut c = base_context(
            &sv,
            &g.title,
            &path,
            &format!("Hướng dẫn {}: {}", g.title, r.text),
        );
        c.insert("guide", g);
        jobs.push((index_file(&path), "service.html".into(), c));
    }
    if wanted("to-cong-tac/index.html") {
        let mut c = base_context(
            &sv,
            "Tổ công tác",
            "/to-cong-tac/",
            &format!(
                "Thành viên và số điện thoại liên hệ của Tổ công tác triển khai Đề án 06 — {}.",
                sv.name
            ),
        );
        c.insert("roster", &roster);
        jobs.push(("to-cong-tac/index.html".into(), "roster.html".into(), c));
    }
    if pages.contains_key("/khu-dan-cu/") && wanted("khu-dan-cu/index.html") {
        let mut c = base_context(
            &sv,
            "Khu dân cư",
            "/khu-dan-cu/",
            "Các thôn, tổ dân phố và người liên hệ.",
        );
        c.insert("areas", &areas);
        jobs.push(("khu-dan-cu/index.html".into(), "areas.html".into(), c));
    }
    for commune in &info.communes {
        let path = format!("/khu-dan-cu/{}/", commune.code.value);
        if !wanted(&index_file(&path)) {
            continue;
        }
        let mut c = base_context(
            &sv,
            &commune.name,
            &path,
            &format!("{}: khu dân cư, văn bản và dịch vụ công.", commune.name),
        );
        c.insert(
            "commune",
            &Link {
                url: format!("{bp}khu-dan-cu/{}/", commune.code.value),
                label: commune.name.clone(),
            },
        );
        c.insert(
            "areas",
            &areas
                .iter()
                .filter(|a| {
                    a.commune
                        .as_ref()
                        .is_some_and(|l| l.label == commune.name && a.path.starts_with(&path[1..]))
                })
                .collect::<Vec<_>>(),
        );
        let docs: Vec<&DocSummary> = model
            .docs
            .iter()
            .zip(&summaries)
            .filter(|(e, _)| {
                e.doc
                    .unit
                    .as_ref()
                    .is_some_and(|u| u.value == commune.code.value)
            })
            .map(|(_, s)| s)
            .collect();
        c.insert("documents", &docs);
        jobs.push((index_file(&path), "commune.html".into(), c));
    }
    for a in &areas {
        let path = format!("/{}", a.path);
        if !wanted(&index_file(&path)) {
            continue;
        }
        let mut c = base_context(
            &sv,
            &a.name,
            &path,
            &format!(
                "{}: người liên hệ và hướng dẫn dịch vụ công trực tuyến.",
                a.name
            ),
        );
        c.insert("area", a);
        c.insert("guides", &guides);
        jobs.push((index_file(&path), "area.html".into(), c));
    }
    for e in &model.site.ledger {
        let code = &e.code.value;
        let target = e.current_target().value.trim_start_matches('/');
        let target = if target.ends_with('/') || target.is_empty() {
            target.to_string()
        } else {
            format!("{target}/")
        };
        let path = format!("/q/{code}/");
        let upper = format!("Q/{code}/index.html");
        // Both are pages of the site (serve keeps track of each); rendered when either is wanted.
        let (want_lower, want_upper) = (wanted(&index_file(&path)), wanted(&upper));
        if !want_lower && !want_upper {
            continue;
        }
        let mut c = base_context(&sv, "Đang chuyển trang…", &path, "Địa chỉ ngắn của mã QR.");
        c.insert("target", &format!("{bp}{target}"));
        c.insert("target_abs", &format!("{}{target}", sv.base_url));
        // Posters encode `HTTPS://HOST/Q/CODE/` (QR alphanumeric mode, a smaller code): the
        // uppercase path must resolve too on case-sensitive static hosting. Same bytes.
        jobs.push((upper, "redirect.html".into(), c.clone()));
        jobs.push((index_file(&path), "redirect.html".into(), c));
    }
    if wanted("tim-kiem/index.html") {
        let c = base_context(
            &sv,
            "Tìm kiếm",
            "/tim-kiem/",
            "Tìm văn bản và hướng dẫn, gõ có dấu hoặc không dấu.",
        );
        jobs.push(("tim-kiem/index.html".into(), "search.html".into(), c));
    }
    if wanted("404.html") {
        let c = base_context(
            &sv,
            "Không tìm thấy trang",
            "/404.html",
            "Không tìm thấy trang.",
        );
        jobs.push(("404.html".into(), "404.html".into(), c));
    }

    let rendered: Vec<Result<Option<OutFile>, crate::diag::Diagnostic>> = jobs
        .par_iter()
        .map(|(out, tpl, ctx)| {
            page_bytes(theme, tpl, ctx).map(|html| emit(OutFile::Bytes(out.clone(), html)))
        })
        .collect();
    drop(jobs);
    let mut files = Vec::new();
    let pages_count = rendered.len() + doc_files.len();
    for r in rendered.into_iter().chain(doc_files) {
        match r {
            Ok(f) => files.extend(f),
            Err(d) => diags.push(d),
        }
    }
    let mut others = Vec::new();
    let mut page_urls: Vec<String> = pages
        .keys()
        .filter(|p| !p.starts_with("/tim-kiem"))
        .cloned()
        .collect();
    page_urls.sort_unstable();
    others.push(OutFile::Bytes(
        "sitemap.xml".into(),
        feeds::sitemap(&sv.base_url, &page_urls).into_bytes(),
    ));
    others.push(OutFile::Bytes(
        "feed.xml".into(),
        feeds::atom(&sv, &summaries, opts.today).into_bytes(),
    ));
    others.push(OutFile::Bytes(
        "robots.txt".into(),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            sv.base_url
        )
        .into_bytes(),
    ));
    for (name, bytes) in &theme.statics {
        others.push(OutFile::Bytes(format!("static/{name}"), bytes.to_vec()));
    }
    let attachment_count = attachments.len();
    for a in attachments {
        others.push(OutFile::Copy(a.clone(), model.site.dir.join(&a)));
    }
    files.extend(others.into_par_iter().filter_map(emit).collect::<Vec<_>>());
    let _ = opts.today.year();
    SiteOutput {
        files,
        pages: pages_count,
        attachments: attachment_count,
        page_files,
    }
}

struct LinkContext<'a> {
    pages: &'a FxHashMap<String, &'a BTreeSet<String>>,
    site_dir: &'a std::path::Path,
    tep: &'a BTreeSet<String>,
    bp: &'a str,
}

/// Raw-HTML problems and links of one body, located in its file (SPEC §9 "Links").
#[allow(clippy::too_many_arguments)]
fn check_body(
    file: &SourceFile,
    body: &str,
    body_line: usize,
    r: &Rendered,
    page: &str,
    ctx: &LinkContext,
    attachments: &mut BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    let locate = |offset: usize| {
        let p = crate::diag::pos_in(body, offset);
        Pos::new(p.line + body_line - 1, p.column)
    };
    for p in &r.problems {
        diags.push(
            file.error(locate(p.offset), p.code, p.message.clone())
                .hint(p.hint.clone()),
        );
    }
    if r.more_problems > 0 {
        let offset = r.problems.last().map_or(0, |p| p.offset);
        diags.push(
            file.error(
                locate(offset),
                Code::Html,
                format!(
                    "Còn {} chỗ HTML hoặc liên kết không được phép nữa; chỉ hiện {} chỗ đầu.",
                    r.more_problems,
                    markdown::MAX_PROBLEMS
                ),
            )
            .hint(
                "Tệp này có vẻ được dán từ một trang web: chép lại nội dung dưới dạng chữ thường.",
            ),
        );
    }
    // A body with a million dead links gets the first ones named, then one line: bounded time.
    let mut reported = 0usize;
    let budget = crate::validate::MAX_PER_FILE;
    for l in &r.links {
        if reported > budget {
            break;
        }
        let mut found = Diagnostics::new();
        check_link(file, l, page, ctx, attachments, &mut found, &locate);
        if !found.is_empty() {
            diags.extend(found);
            reported += 1;
            if reported > budget {
                diags.push(
                    file.error(
                        locate(l.offset),
                        Code::LienKetHong,
                        format!("Tệp còn nhiều liên kết lỗi nữa; chỉ hiện {budget} chỗ đầu."),
                    )
                    .hint("Sửa các liên kết trên rồi chạy lại để xem tiếp."),
                );
            }
        }
    }
}

/// One link of a body: scheme, then the page, anchor or `tep/` file it names.
fn check_link(
    file: &SourceFile,
    l: &markdown::Link,
    page: &str,
    ctx: &LinkContext,
    attachments: &mut BTreeSet<String>,
    diags: &mut Diagnostics,
    locate: &dyn Fn(usize) -> Pos,
) {
    let url = l.url.trim();
    let lower = url.to_lowercase();
    if markdown::scheme_problem(url).is_some() {
        return; // already a problem
    }
    if lower.starts_with("http://") {
        diags.push(
            file.warning(
                locate(l.offset),
                Code::Http,
                format!("Liên kết không mã hóa `{url}`."),
            )
            .hint("Dùng `https://` nếu trang đích hỗ trợ."),
        );
        return;
    }
    if lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || url.starts_with("//")
    {
        return;
    }
    let (path_part, anchor) = match url.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (url, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let target = if path_part.is_empty() {
        page.to_string()
    } else if let Some(rest) = path_part.strip_prefix('/') {
        format!("/{rest}")
    } else {
        join(page, path_part)
    };
    let target = percent_decode(&target);
    if let Some(file_path) = target.strip_prefix("/tep/") {
        let p = format!("tep/{file_path}");
        if ctx.tep.contains(&p) {
            // The same rule as `kem_theo`: never publish what a browser would run.
            match crate::validate::attachment_type_problem(ctx.site_dir, &p) {
                Some((message, hint)) => diags.push(
                    file.error(locate(l.offset), Code::KemTheoLoai, message)
                        .hint(hint),
                ),
                None => {
                    attachments.insert(p);
                }
            }
            return;
        }
        let near = nearest(ctx.tep.iter().map(|s| format!("/{s}")), &target);
        diags.push(
            file.error(
                locate(l.offset),
                Code::LienKetHong,
                format!("Liên kết tới tệp `{url}` không tồn tại trong `tep/`."),
            )
            .hint(format!("{near}Chép tệp vào `tep/` hoặc sửa đường dẫn.")),
        );
        return;
    }
    let key = if target.ends_with('/')
        || target.ends_with(".html")
        || target.ends_with(".xml")
        || target.ends_with(".txt")
    {
        target.clone()
    } else {
        format!("{target}/")
    };
    let known_file = matches!(
        key.as_str(),
        "/feed.xml" | "/sitemap.xml" | "/robots.txt" | "/404.html"
    );
    match ctx.pages.get(&key) {
        Some(anchors) => {
            if let Some(a) = anchor
                && !a.is_empty()
                && !anchors.contains(a)
            {
                let near = nearest(anchors.iter().map(|x| format!("#{x}")), &format!("#{a}"));
                diags.push(
                    file.error(
                        locate(l.offset),
                        Code::LienKetNeo,
                        format!("Trang `{key}` không có mục `#{a}`."),
                    )
                    .hint(format!(
                        "{near}Mục được đặt tên theo tiêu đề, không dấu, nối bằng `-`."
                    )),
                );
            }
        }
        None if known_file => {}
        None => {
            let near = nearest(ctx.pages.keys().cloned(), &key);
            diags.push(
                    file.error(locate(l.offset), Code::LienKetHong, format!("Liên kết `{url}` không dẫn tới trang nào của trang web."))
                        .hint(format!("{near}Đường dẫn văn bản lấy theo tên tệp: `/van-ban/TÊN-TỆP/`. Văn bản nháp không được liên kết.")),
                );
        }
    }
    let _ = ctx.bp;
}

fn nearest(candidates: impl Iterator<Item = String>, target: &str) -> String {
    crate::text::suggest::closest(target, candidates)
        .map(|c| format!("Có phải ý bạn là `{c}`? "))
        .unwrap_or_default()
}

/// Resolves a relative URL against a page path (`/van-ban/a/` + `../b/` → `/van-ban/b/`).
pub fn join(page: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').filter(|s| !s.is_empty()).collect();
    if !page.ends_with('/') {
        parts.pop();
    }
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let trailing = rel.ends_with('/') || rel.ends_with("/.") || rel.ends_with("..");
    let mut out = format!("/{}", parts.join("/"));
    if trailing && out != "/" {
        out.push('/');
    }
    out
}

/// Decodes `%XX` escapes of a URL path (invalid escapes stay as written).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (
                hex(bytes[i + 1]),
                hex(bytes.get(i + 2).copied().unwrap_or(0)),
            )
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
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

    #[test]
    fn relative_links_join_like_a_browser() {
        assert_eq!(join("/van-ban/a/", "../b/"), "/van-ban/b/");
        assert_eq!(join("/van-ban/a/", "../../dich-vu/x/"), "/dich-vu/x/");
        assert_eq!(join("/van-ban/a/", "../../../../x"), "/x");
    }
}
