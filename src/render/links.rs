//! Link checking (SPEC §9 "Links"): every link of every body, located in its file, asked of the
//! site's route table (pages and their sections) and of its `tep/` files. Raw-HTML problems the
//! Markdown renderer found are reported here too, so that one pass locates everything.
//!
//! It also decides which attachments are published: those of published documents and the
//! `tep/` files their bodies link to.

use super::markdown::{self, Rendered};
use crate::diag::{Code, Diagnostics, Pos, SourceFile};
use crate::resolve::SiteModel;
use crate::routes::{self, LinkTarget, Page, PageKind, Routes};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeSet;

/// Checks the links of every body of the site, all rendered in `doc_bodies` (`serve`), and the
/// QR ledger's targets; returns the attachments to publish (paths inside the site folder).
pub fn check(
    model: &SiteModel,
    routes: &Routes,
    doc_bodies: &[&Rendered],
    guide_bodies: &[&Rendered],
    diags: &mut Diagnostics,
) -> BTreeSet<String> {
    let known = |j: usize| doc_bodies.get(j).map(|r| Anchors::Set(&r.anchors));
    let docs: Vec<DocLinks> = model
        .docs
        .par_iter()
        .zip(doc_bodies.par_iter())
        .enumerate()
        .map(|(i, (e, r))| check_document(model, routes, guide_bodies, i, &e.doc.file, r, &known))
        .collect();
    finish(model, routes, docs, guide_bodies, diags)
}

/// What the link check keeps of a document's body once its page is written: the findings of its
/// links, made while its text was at hand, and its anchors for the links of other pages. A big
/// build keeps this instead of the bodies.
#[derive(Default)]
pub struct DocLinks {
    /// What its links gave, boxed: most bodies give nothing, and a province keeps one of these
    /// per document.
    found: Option<Box<Found>>,
    /// The body's own anchors, one per line.
    anchors: Box<str>,
}

#[derive(Default)]
struct Found {
    /// The findings, in the order of the body; exact if every anchor in `assumed` exists.
    diags: Diagnostics,
    /// `tep/` files the links publish.
    attachments: BTreeSet<String>,
    /// Anchors of other documents the links name, taken to exist while those were not rendered
    /// yet: (document index, anchor).
    assumed: Vec<(usize, String)>,
}

impl DocLinks {
    /// A body that could not be read: the reason, and nothing to check.
    pub fn failed(d: crate::diag::Diagnostic) -> Self {
        DocLinks {
            found: Some(Box::new(Found {
                diags: one(d),
                ..Found::default()
            })),
            anchors: Box::default(),
        }
    }
}

fn one(d: crate::diag::Diagnostic) -> Diagnostics {
    let mut diags = Diagnostics::new();
    diags.push(d);
    diags
}

/// The anchors of a body: as rendered, or as a document keeps them after its page.
#[derive(Clone, Copy)]
pub enum Anchors<'a> {
    Set(&'a BTreeSet<String>),
    Lines(&'a str),
}

impl<'a> Anchors<'a> {
    fn contains(self, anchor: &str) -> bool {
        match self {
            Anchors::Set(set) => set.contains(anchor),
            Anchors::Lines(lines) => lines.split('\n').any(|a| a == anchor),
        }
    }

    fn names(self) -> Box<dyn Iterator<Item = &'a str> + 'a> {
        match self {
            Anchors::Set(set) => Box::new(set.iter().map(String::as_str)),
            Anchors::Lines(lines) => Box::new(lines.split('\n').filter(|a| !a.is_empty())),
        }
    }
}

/// Checks the links of document `i`'s body, `r` rendered from `source`, before the other
/// documents' bodies are known (`build`, `check`): a link to a section of another document is
/// taken as good and noted, for [`finish`] to confirm with the anchors this keeps.
pub fn check_alone(
    model: &SiteModel,
    routes: &Routes,
    guide_bodies: &[&Rendered],
    i: usize,
    source: &SourceFile,
    r: &Rendered,
) -> DocLinks {
    let mut links = check_document(model, routes, guide_bodies, i, source, r, &|_| None);
    let anchors: Vec<&str> = r.anchors.iter().map(String::as_str).collect();
    links.anchors = anchors.join("\n").into_boxed_str();
    links
}

/// Checks the links of document `i`'s body, `r` rendered from `source`. `others(j)` gives the
/// anchors of document `j` when known; a link to an anchor of a document not known yet is taken
/// as good and noted.
fn check_document<'o>(
    model: &SiteModel,
    routes: &Routes,
    guide_bodies: &[&Rendered],
    i: usize,
    source: &SourceFile,
    r: &Rendered,
    others: &(dyn Fn(usize) -> Option<Anchors<'o>> + Sync),
) -> DocLinks {
    let e = &model.docs[i];
    let ctx = LinkContext {
        routes,
        doc: Some((i, &r.anchors)),
        others,
        guide_bodies,
        tep: &model.site.attachment_files,
        assumed: RefCell::default(),
    };
    let mut diags = Diagnostics::new();
    let mut attachments = BTreeSet::new();
    let body = e.doc.body_in(source);
    let page = routes::document(&e.slug);
    check_body(
        source,
        body,
        e.doc.body_line,
        r,
        &page,
        &ctx,
        &mut attachments,
        &mut diags,
    );
    let assumed = ctx.assumed.into_inner();
    let nothing = diags.is_empty() && attachments.is_empty() && assumed.is_empty();
    DocLinks {
        found: (!nothing).then(|| {
            Box::new(Found {
                diags,
                attachments,
                assumed,
            })
        }),
        anchors: Box::default(),
    }
}

/// The end of the link check, once every document's body was checked ([`check_document`], in
/// model order): the anchors taken as good are confirmed (a body that named a missing one is
/// read and checked again, now knowing every anchor), the guides' links and the QR ledger's
/// targets are checked. Returns the attachments to publish (paths inside the site folder).
pub fn finish(
    model: &SiteModel,
    routes: &Routes,
    docs: Vec<DocLinks>,
    guide_bodies: &[&Rendered],
    diags: &mut Diagnostics,
) -> BTreeSet<String> {
    // Attachments: those of published documents, plus `tep/` files their bodies link to.
    let mut attachments: BTreeSet<String> = BTreeSet::new();
    for e in &model.docs {
        for a in &e.doc.attachments {
            let p = a.value.trim_start_matches("./");
            if model.site.attachment_files.contains_key(p) {
                attachments.insert(p.to_string());
            }
        }
    }
    let known = |j: usize| docs.get(j).map(|d| Anchors::Lines(&d.anchors));
    let rechecked: Vec<Option<Diagnostics>> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| {
            let good = d
                .found
                .iter()
                .flat_map(|f| &f.assumed)
                .all(|(j, a)| known(*j).is_some_and(|k| k.contains(a)));
            (!good).then(|| recheck(model, routes, guide_bodies, i, &known))
        })
        .collect();
    for (d, again) in docs.into_iter().zip(rechecked) {
        let found = d.found.map(|f| *f).unwrap_or_default();
        diags.extend(again.unwrap_or(found.diags).into_vec());
        attachments.extend(found.attachments);
    }
    let ctx = LinkContext {
        routes,
        doc: None,
        others: &|_| None,
        guide_bodies,
        tep: &model.site.attachment_files,
        assumed: RefCell::default(),
    };
    for (g, r) in model.guides.iter().zip(guide_bodies) {
        check_body(
            &g.file,
            g.body(),
            g.body_line,
            r,
            &routes::guide(&g.name),
            &ctx,
            &mut attachments,
            diags,
        );
    }
    crate::resolve::ledger(
        model.site,
        &|p| routes.is_page(p),
        &|old| crate::text::suggest::nearest_sibling(old, routes.link_targets()),
        diags,
    );
    attachments
}

/// Document `i` checked again with every anchor known: its text read again and rendered.
fn recheck<'o>(
    model: &SiteModel,
    routes: &Routes,
    guide_bodies: &[&Rendered],
    i: usize,
    known: &(dyn Fn(usize) -> Option<Anchors<'o>> + Sync),
) -> Diagnostics {
    let bp = super::views::base_path(model.info);
    match super::document_body(model, i, &bp) {
        Ok((source, r)) => check_document(model, routes, guide_bodies, i, &source, &r, known)
            .found
            .map(|f| f.diags)
            .unwrap_or_default(),
        Err(d) => one(d),
    }
}

struct LinkContext<'a, 'o> {
    routes: &'a Routes,
    /// The document whose body is checked, with its anchors.
    doc: Option<(usize, &'a BTreeSet<String>)>,
    /// The anchors of another document, when known.
    others: &'a (dyn Fn(usize) -> Option<Anchors<'o>> + Sync),
    guide_bodies: &'a [&'a Rendered],
    tep: &'a std::collections::BTreeMap<String, crate::project::site::AttachmentFile>,
    /// Anchors of other documents taken as good (see [`DocLinks::assumed`]).
    assumed: RefCell<Vec<(usize, String)>>,
}

impl<'o> LinkContext<'_, 'o> {
    /// The sections (`#anchors`) of a page: those of a document's or a guide's body; `None` for
    /// a document not known yet.
    fn anchors(&self, page: &Page) -> Option<Anchors<'_>> {
        static NONE: BTreeSet<String> = BTreeSet::new();
        match page.kind {
            PageKind::Document(i) => match self.doc {
                Some((own, anchors)) if own == i => Some(Anchors::Set(anchors)),
                _ => (self.others)(i),
            },
            PageKind::Service(i) => Some(Anchors::Set(&self.guide_bodies[i].anchors)),
            _ => Some(Anchors::Set(&NONE)),
        }
    }
}

/// Raw-HTML problems and links of one body, located in its file (SPEC §9 "Links").
#[allow(clippy::too_many_arguments)]
fn check_body(
    file: &SourceFile,
    body: &str,
    body_line: usize,
    r: &Rendered,
    page: &str,
    ctx: &LinkContext<'_, '_>,
    attachments: &mut BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    let locate = |offset: usize| {
        let p = crate::diag::pos_in(body, offset);
        Pos::new(p.line() + body_line - 1, p.column())
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
    let budget = crate::diag::MAX_PER_FILE;
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
    ctx: &LinkContext<'_, '_>,
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
    let (target, anchor) = target_path(url, page);
    let at = || locate(l.offset);
    if target.starts_with("/tep/") {
        check_file_link(file, &at, url, &target, ctx, attachments, diags);
    } else {
        check_page_link(file, &at, url, &target, anchor, ctx, diags);
    }
}

/// The site path a link names (resolved against `page`, percent-decoded), and its anchor.
fn target_path<'u>(url: &'u str, page: &str) -> (String, Option<&'u str>) {
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
    (percent_decode(&target), anchor)
}

/// A link to a `tep/` file (`target` starts with `/tep/`): the file exists and may be published,
/// and is then an attachment of the site.
fn check_file_link(
    file: &SourceFile,
    at: &dyn Fn() -> Pos,
    url: &str,
    target: &str,
    ctx: &LinkContext<'_, '_>,
    attachments: &mut BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    let p = format!("tep/{}", &target["/tep/".len()..]);
    if ctx.tep.contains_key(&p) {
        // The same rule as `kem_theo`: never publish what a browser would run.
        let head = ctx.tep.get(&p).map_or(&[][..], |a| &a.head);
        match crate::validate::attachment_type_problem(&p, head) {
            Some((message, hint)) => {
                diags.push(file.error(at(), Code::KemTheoLoai, message).hint(hint))
            }
            None => {
                attachments.insert(p);
            }
        }
        return;
    }
    let near = nearest(ctx.tep.keys().map(|s| format!("/{s}")), target);
    diags.push(
        file.error(
            at(),
            Code::LienKetHong,
            format!("Liên kết tới tệp `{url}` không tồn tại trong `tep/`."),
        )
        .hint(format!("{near}Chép tệp vào `tep/` hoặc sửa đường dẫn.")),
    );
}

/// A link to a page or a generated file: it exists, and so does the anchor it names.
fn check_page_link(
    file: &SourceFile,
    at: &dyn Fn() -> Pos,
    url: &str,
    target: &str,
    anchor: Option<&str>,
    ctx: &LinkContext<'_, '_>,
    diags: &mut Diagnostics,
) {
    let key = if target.ends_with('/')
        || target.ends_with(".html")
        || target.ends_with(".xml")
        || target.ends_with(".txt")
    {
        target.to_string()
    } else {
        format!("{target}/")
    };
    match ctx.routes.link_target(&key) {
        Some(LinkTarget::Page(p)) => {
            let Some(a) = anchor.filter(|a| !a.is_empty()) else {
                return;
            };
            let Some(anchors) = ctx.anchors(p) else {
                if let PageKind::Document(j) = p.kind {
                    ctx.assumed.borrow_mut().push((j, a.to_string()));
                }
                return;
            };
            if !anchors.contains(a) {
                let near = nearest(anchors.names().map(|x| format!("#{x}")), &format!("#{a}"));
                diags.push(
                    file.error(
                        at(),
                        Code::LienKetNeo,
                        format!("Trang `{key}` không có mục `#{a}`."),
                    )
                    .hint(format!(
                        "{near}Mục được đặt tên theo tiêu đề, không dấu, nối bằng `-`."
                    )),
                );
            }
        }
        Some(LinkTarget::File) => {}
        None => {
            let near = nearest(ctx.routes.link_targets().map(str::to_string), &key);
            diags.push(
                    file.error(at(), Code::LienKetHong, format!("Liên kết `{url}` không dẫn tới trang nào của trang web."))
                        .hint(format!("{near}Đường dẫn văn bản lấy theo tên tệp: `/van-ban/TÊN-TỆP/`. Văn bản nháp không được liên kết.")),
                );
        }
    }
}

fn nearest(candidates: impl Iterator<Item = String>, target: &str) -> String {
    crate::text::suggest::did_you_mean(target, candidates)
        .map(|c| format!("{c} "))
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
    fn relative_links_join_like_a_browser() {
        assert_eq!(join("/van-ban/a/", "../b/"), "/van-ban/b/");
        assert_eq!(join("/van-ban/a/", "../../dich-vu/x/"), "/dich-vu/x/");
        assert_eq!(join("/van-ban/a/", "../../../../x"), "/x");
    }
}
