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
use std::collections::BTreeSet;

/// Checks the links of every body of the site and the QR ledger's targets; returns the
/// attachments to publish (paths inside the site folder).
pub fn check(
    model: &SiteModel,
    routes: &Routes,
    doc_bodies: &[&Rendered],
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
    let ctx = LinkContext {
        routes,
        doc_bodies,
        guide_bodies,
        tep: &model.site.attachment_files,
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
                e.doc.body(),
                e.doc.body_line,
                r,
                &routes::document(&e.slug),
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

struct LinkContext<'a> {
    routes: &'a Routes,
    doc_bodies: &'a [&'a Rendered],
    guide_bodies: &'a [&'a Rendered],
    tep: &'a std::collections::BTreeMap<String, crate::project::site::AttachmentFile>,
}

impl LinkContext<'_> {
    /// The sections (`#anchors`) of a page: those of a document's or a guide's body.
    fn anchors(&self, page: &Page) -> &BTreeSet<String> {
        static NONE: BTreeSet<String> = BTreeSet::new();
        match page.kind {
            PageKind::Document(i) => &self.doc_bodies[i].anchors,
            PageKind::Service(i) => &self.guide_bodies[i].anchors,
            _ => &NONE,
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
    ctx: &LinkContext,
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
    ctx: &LinkContext,
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
            let anchors = ctx.anchors(p);
            if let Some(a) = anchor
                && !a.is_empty()
                && !anchors.contains(a)
            {
                let near = nearest(anchors.iter().map(|x| format!("#{x}")), &format!("#{a}"));
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
