//! The map of a site (SPEC §6): every page a built site holds and every other file it publishes,
//! as one value built once after `resolve`.
//!
//! Whatever needs to know what a site *is* asks this table instead of knowing URL shapes itself:
//! `render` walks it page by page, link checks ask it whether a target exists, the search index
//! reads page kinds from it, `serve` derives what to render again after an edit from each page's
//! [`Deps`], and the sitemap is written from it. The URL shapes themselves live in the small path
//! functions below (`document`, `guide`, `commune`, `area`, `qr` …), used by views and posters too.
//!
//! Adding a page kind: a [`PageKind`] variant, its entry in [`Routes::of`], its view in
//! `render::pages` (the compiler points at each `match`), and a template. This module never reads
//! the disk and never renders anything.

use crate::resolve::{Relation, SiteModel};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// Documents on the home page.
pub const HOME_DOCUMENTS: usize = 8;
/// Documents on a commune's page; the rest are on its list (`/van-ban/don-vi/XA/`).
pub const COMMUNE_DOCUMENTS: usize = 20;
/// Newest documents on the page a QR code opens (an area's): its commune's and the site's own.
pub const AREA_DOCUMENTS: usize = 5;
/// Documents on one page of a list: about 30 KB of HTML, so that a list stays usable on a phone
/// however many documents a province has (SPEC §6: `/van-ban/trang/2/`, ...).
pub const LIST_PAGE: usize = 100;
/// Documents of one relation a document's page lists among those citing it ("Căn cứ", "Thay
/// thế" …). When one relation has more (a province's founding decision is the basis of thousands
/// of documents), all of them are on their own list, `/van-ban/SLUG/lien-quan/`, in pages of
/// [`LIST_PAGE`], and the document's page links to it: it stays the size of its own text.
pub const CITED_BY_SHOWN: usize = 20;
/// Addresses in one sitemap file, the protocol's limit (sitemaps.org): a province of 100,000
/// documents has more pages, so its `sitemap.xml` becomes an index of `sitemap-1.xml`,
/// `sitemap-2.xml` … (SPEC §6).
pub const SITEMAP_URLS: usize = 50_000;

/// What a page is, with the index of what it is made from in the [`SiteModel`] (or its
/// `info`) — never a path to parse again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// `/`: newest documents, services, task force, hotlines.
    Home,
    /// `/van-ban/`: every document, by year.
    Documents,
    /// `/van-ban/loai/LOAI/`: the documents of one type (its `loai` key).
    DocumentsOfKind(String),
    /// `/van-ban/nam/YEAR/`
    DocumentsOfYear(i32),
    /// `/van-ban/don-vi/XA/`: the documents of `info.communes[i]` (its `don_vi`).
    DocumentsOfUnit(usize),
    /// `/van-ban/SLUG/`: one document, `model.docs[i]`.
    Document(usize),
    /// `/van-ban/SLUG/lien-quan/`: every document citing `model.docs[i]`, when its page cannot
    /// show them all ([`CITED_BY_SHOWN`]).
    DocumentsCiting(usize),
    /// `/dich-vu/`
    Services,
    /// `/dich-vu/NAME/`: one guide, `model.guides[i]`.
    Service(usize),
    /// `/to-cong-tac/`
    Roster,
    /// `/khu-dan-cu/`: every commune and area.
    Areas,
    /// `/khu-dan-cu/XA/`: `info.communes[i]`, its areas and documents.
    Commune(usize),
    /// `/khu-dan-cu/XA/THON/` or `/khu-dan-cu/THON/`: `info.communes[c].areas[i]` when
    /// `commune` is `Some(c)`, else `info.areas[i]`.
    Area { commune: Option<usize>, area: usize },
    /// `/q/code/` (SPEC §7): `site.ledger[entry]`, a redirect.
    QrCode(usize),
    /// `/tim-kiem/`
    Search,
    /// `/404.html`
    NotFound,
}

impl PageKind {
    /// Whether the sitemap lists the page: not search, not redirects, not the 404 page.
    pub fn in_sitemap(&self) -> bool {
        !matches!(
            self,
            PageKind::Search | PageKind::QrCode(_) | PageKind::NotFound
        )
    }

    /// Whether a link in a body may point at the page (a printed code's redirect is not a page
    /// to link to).
    pub fn link_target(&self) -> bool {
        !matches!(self, PageKind::QrCode(_))
    }
}

/// What a page shows of the site's documents: what `serve` must compare to know whether an edit
/// changes it. Everything else a page shows comes from `_site.yaml`, the guides or the ledger,
/// whose edits rebuild the whole site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deps<'r> {
    /// Nothing of any document.
    SiteOnly,
    /// The document itself (its source, summary and relations), and the summaries of the
    /// documents it cites or is cited by.
    Document(usize),
    /// The summaries of these documents, in this order; `nav`: also the types and years that
    /// exist (the navigation of the document lists); `part`: its place among the list's pages;
    /// `about`: the document whose name the list's heading gives.
    Summaries {
        docs: &'r [usize],
        nav: bool,
        part: Option<&'r Part>,
        about: Option<usize>,
    },
}

/// One page of the site.
#[derive(Debug, Clone)]
pub struct Page {
    pub kind: PageKind,
    /// Its address inside the site, below the base path: `/`, `/van-ban/slug/`, `/404.html`.
    pub path: String,
    /// Documents the page lists, in the order shown (the lists, the home page, a commune).
    pub docs: Vec<usize>,
    /// Which page of a list cut into pages of [`LIST_PAGE`] documents this is.
    pub part: Option<Part>,
}

/// The place of a page in a list cut into pages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Part {
    /// 1 for the list's first page.
    pub number: usize,
    pub of: usize,
    /// The list's first page (`/van-ban/loai/quyet-dinh/`); page `n` is `FIRST` + `trang/n/`.
    pub first: String,
}

impl Part {
    /// The address of page `n` of the list.
    pub fn path(&self, n: usize) -> String {
        list_part(&self.first, n)
    }
}

impl Page {
    /// A page that is not one part of a paginated list.
    fn whole(kind: PageKind, path: String, docs: Vec<usize>) -> Page {
        Page {
            kind,
            path,
            docs,
            part: None,
        }
    }

    /// The output file: `van-ban/slug/index.html` for `/van-ban/slug/`.
    pub fn file(&self) -> String {
        if self.path.ends_with('/') {
            format!("{}index.html", self.path.trim_start_matches('/'))
        } else {
            self.path.trim_start_matches('/').to_string()
        }
    }

    pub fn deps(&self) -> Deps<'_> {
        match self.kind {
            PageKind::Document(i) => Deps::Document(i),
            PageKind::Home | PageKind::Commune(_) | PageKind::Area { .. } => Deps::Summaries {
                docs: &self.docs,
                nav: false,
                part: None,
                about: None,
            },
            PageKind::Documents
            | PageKind::DocumentsOfKind(_)
            | PageKind::DocumentsOfYear(_)
            | PageKind::DocumentsOfUnit(_) => Deps::Summaries {
                docs: &self.docs,
                nav: true,
                part: self.part.as_ref(),
                about: None,
            },
            PageKind::DocumentsCiting(i) => Deps::Summaries {
                docs: &self.docs,
                nav: true,
                part: self.part.as_ref(),
                about: Some(i),
            },
            PageKind::Services
            | PageKind::Service(_)
            | PageKind::Roster
            | PageKind::Areas
            | PageKind::QrCode(_)
            | PageKind::Search
            | PageKind::NotFound => Deps::SiteOnly,
        }
    }
}

/// A published file that is not a page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileKind {
    /// `sitemap.xml`: every page's address, or the index of the parts when there are more than
    /// [`SITEMAP_URLS`].
    Sitemap,
    /// `sitemap-K.xml`, K from 1: the K-th [`SITEMAP_URLS`] addresses in sitemap order.
    SitemapPart(usize),
    Feed,
    Robots,
    /// A file of the theme's `static/` folder, by its name there.
    Static(String),
}

/// Files with fixed names that a body may link to.
const LINKABLE_FILES: [&str; 3] = ["/feed.xml", "/sitemap.xml", "/robots.txt"];

/// The pages and files of one site.
#[derive(Debug)]
pub struct Routes {
    pub pages: Vec<Page>,
    pub files: Vec<(FileKind, String)>,
    /// The document types (`loai`) and years that have a list page, in list order.
    pub kinds: Vec<String>,
    pub years: Vec<i32>,
    by_path: FxHashMap<String, usize>,
}

impl Routes {
    /// The table of a resolved site; `statics` are the names of the theme's static files.
    pub fn of<'a>(model: &SiteModel, statics: impl IntoIterator<Item = &'a str>) -> Routes {
        let mut pages = Vec::with_capacity(model.docs.len() + 64);
        let mut add = |kind, path, docs| pages.push(Page::whole(kind, path, docs));
        let all: Vec<usize> = (0..model.docs.len()).collect();
        let kinds: BTreeSet<&str> = model.docs.iter().map(|e| e.doc.kind_text()).collect();
        let years: BTreeSet<i32> = model.docs.iter().filter_map(|e| e.year()).collect();

        add(
            PageKind::Home,
            "/".into(),
            all.iter().copied().take(HOME_DOCUMENTS).collect(),
        );
        let mut lists: Vec<(PageKind, String, Vec<usize>)> = Vec::new();
        for k in &kinds {
            let docs = filter(&all, |i| model.docs[i].doc.kind_text() == *k);
            lists.push((PageKind::DocumentsOfKind(k.to_string()), kind_list(k), docs));
        }
        for &y in &years {
            let docs = filter(&all, |i| model.docs[i].year() == Some(y));
            lists.push((PageKind::DocumentsOfYear(y), year_list(y), docs));
        }
        for (i, e) in model.docs.iter().enumerate() {
            add(PageKind::Document(i), document(&e.slug), Vec::new());
            if let Some(docs) = all_citing(&e.cited_by) {
                lists.push((PageKind::DocumentsCiting(i), citing_list(&e.slug), docs));
            }
        }
        lists.insert(0, (PageKind::Documents, "/van-ban/".into(), all));
        add(PageKind::Services, "/dich-vu/".into(), Vec::new());
        for (i, g) in model.guides.iter().enumerate() {
            add(PageKind::Service(i), guide(&g.name), Vec::new());
        }
        add(PageKind::Roster, "/to-cong-tac/".into(), Vec::new());
        for (i, e) in model.site.ledger.iter().enumerate() {
            add(PageKind::QrCode(i), qr(&e.code.value), Vec::new());
        }
        add(PageKind::Search, "/tim-kiem/".into(), Vec::new());
        add(PageKind::NotFound, "/404.html".into(), Vec::new());
        area_pages(model, &mut pages, &mut lists);
        for (kind, first, docs) in lists {
            add_list(&mut pages, kind, first, docs);
        }

        let mut files = vec![
            (FileKind::Sitemap, "sitemap.xml".to_string()),
            (FileKind::Feed, "feed.xml".to_string()),
            (FileKind::Robots, "robots.txt".to_string()),
        ];
        let in_sitemap = pages.iter().filter(|p| p.kind.in_sitemap()).count();
        for k in 1..=sitemap_parts(in_sitemap, SITEMAP_URLS) {
            files.push((FileKind::SitemapPart(k), format!("sitemap-{k}.xml")));
        }
        for name in statics {
            files.push((FileKind::Static(name.to_string()), format!("static/{name}")));
        }
        // Kept for the whole build: a province's hundred thousand pages without the room
        // their growth left.
        pages.shrink_to_fit();
        let by_path = pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.path.clone(), i))
            .collect();
        Routes {
            pages,
            files,
            kinds: kinds.iter().map(|k| k.to_string()).collect(),
            years: years.iter().rev().copied().collect(),
            by_path,
        }
    }

    /// The page at an address inside the site (`/van-ban/x/`), if there is one.
    pub fn page(&self, path: &str) -> Option<&Page> {
        self.by_path.get(path).map(|&i| &self.pages[i])
    }

    /// The page whose output file is `file` (`van-ban/x/index.html`).
    pub fn page_of_file(&self, file: &str) -> Option<&Page> {
        self.index_of_file(file).map(|i| &self.pages[i])
    }

    /// The number in [`Routes::pages`] of the page whose output file is `file`.
    pub fn index_of_file(&self, file: &str) -> Option<usize> {
        let path = match file.strip_suffix("index.html") {
            Some(dir) => format!("/{dir}"),
            None => format!("/{file}"),
        };
        self.by_path.get(&path).copied()
    }

    /// How many documents the list whose first page is at `first` holds, over all its pages.
    pub fn list_len(&self, first: &str) -> usize {
        match self.page(first) {
            Some(Page {
                part: Some(part), ..
            }) => (1..=part.of)
                .filter_map(|n| self.page(&part.path(n)))
                .map(|p| p.docs.len())
                .sum(),
            Some(p) => p.docs.len(),
            None => 0,
        }
    }

    /// Whether a link may point at `path` (`/van-ban/x/`, `/feed.xml`): a page a body may link
    /// to, or a published file with a fixed name.
    pub fn link_target(&self, path: &str) -> Option<LinkTarget<'_>> {
        match self.page(path) {
            // The 404 page is linked to as a file: it has no sections.
            Some(p) if p.kind == PageKind::NotFound => Some(LinkTarget::File),
            Some(p) if p.kind.link_target() => Some(LinkTarget::Page(p)),
            Some(_) => None,
            None => LINKABLE_FILES.contains(&path).then_some(LinkTarget::File),
        }
    }

    /// Whether `path` is a page a person can be sent to (a link, a printed code's target).
    pub fn is_page(&self, path: &str) -> bool {
        self.page(path)
            .is_some_and(|p| p.kind.link_target() && p.kind != PageKind::NotFound)
    }

    /// The addresses a body may link to, for "did you mean" hints.
    pub fn link_targets(&self) -> impl Iterator<Item = &str> {
        self.pages
            .iter()
            .filter(|p| p.kind.link_target() && p.kind != PageKind::NotFound)
            .map(|p| p.path.as_str())
    }

    /// The addresses the sitemap lists, sorted.
    pub fn sitemap(&self) -> Vec<String> {
        let mut urls: Vec<String> = self
            .pages
            .iter()
            .filter(|p| p.kind.in_sitemap())
            .map(|p| p.path.clone())
            .collect();
        urls.sort_unstable();
        urls
    }
}

/// What a link lands on.
pub enum LinkTarget<'r> {
    Page(&'r Page),
    File,
}

/// The pages of communes and residential areas, and each commune's list of documents.
/// Documents are grouped by commune in one pass (a province has a hundred communes and tens of
/// thousands of documents); indexes stay in model order, newest first.
fn area_pages(
    model: &SiteModel,
    pages: &mut Vec<Page>,
    lists: &mut Vec<(PageKind, String, Vec<usize>)>,
) {
    let info = model.info;
    let mut add = |kind, path, docs| pages.push(Page::whole(kind, path, docs));
    let has_areas = !info.areas.is_empty() || info.communes.iter().any(|c| !c.areas.is_empty());
    if has_areas || !info.communes.is_empty() {
        add(PageKind::Areas, "/khu-dan-cu/".into(), Vec::new());
    }
    // Documents of each commune (`don_vi`), and those of the whole site (no `don_vi`).
    let mut by_unit: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut whole_site = Vec::new();
    for (i, e) in model.docs.iter().enumerate() {
        match &e.doc.unit {
            Some(u) => by_unit.entry(u.value.as_str()).or_default().push(i),
            None => whole_site.push(i),
        }
    }
    for (ci, c) in info.communes.iter().enumerate() {
        let docs = by_unit
            .get(c.code.value.as_str())
            .cloned()
            .unwrap_or_default();
        // An area page shows the newest documents that concern it: its commune's and the site's.
        let concern = newest_of(&docs, &whole_site, AREA_DOCUMENTS);
        for (ai, a) in c.areas.iter().enumerate() {
            let kind = PageKind::Area {
                commune: Some(ci),
                area: ai,
            };
            add(
                kind,
                area(Some(&c.code.value), &a.code.value),
                concern.clone(),
            );
        }
        let newest = docs.iter().copied().take(COMMUNE_DOCUMENTS).collect();
        add(PageKind::Commune(ci), commune(&c.code.value), newest);
        if !docs.is_empty() {
            lists.push((
                PageKind::DocumentsOfUnit(ci),
                unit_list(&c.code.value),
                docs,
            ));
        }
    }
    let newest: Vec<usize> = (0..model.docs.len()).take(AREA_DOCUMENTS).collect();
    for (ai, a) in info.areas.iter().enumerate() {
        let kind = PageKind::Area {
            commune: None,
            area: ai,
        };
        add(kind, area(None, &a.code.value), newest.clone());
    }
}

/// How many `sitemap-K.xml` files `urls` addresses take at `limit` a file: none when they fit
/// in `sitemap.xml` itself.
pub fn sitemap_parts(urls: usize, limit: usize) -> usize {
    if urls <= limit {
        0
    } else {
        urls.div_ceil(limit)
    }
}

/// The documents of `/van-ban/SLUG/lien-quan/`: every document citing a document (its
/// `cited_by`, grouped by relation), each once, in model order (newest first); `None` when its
/// page lists them all, no relation having more than [`CITED_BY_SHOWN`].
pub fn all_citing(cited_by: &[(Relation, usize)]) -> Option<Vec<usize>> {
    let shows_all = (cited_by.chunk_by(|a, b| a.0 == b.0)).all(|g| g.len() <= CITED_BY_SHOWN);
    if shows_all {
        return None;
    }
    let mut docs: Vec<usize> = cited_by.iter().map(|&(_, j)| j).collect();
    docs.sort_unstable();
    docs.dedup();
    Some(docs)
}

/// The first `n` of two ascending index lists merged (model order is newest first).
fn newest_of(a: &[usize], b: &[usize], n: usize) -> Vec<usize> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n);
    while out.len() < n && (i < a.len() || j < b.len()) {
        if j >= b.len() || (i < a.len() && a[i] < b[j]) {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out
}

/// A list of documents as pages of at most [`LIST_PAGE`] documents: `FIRST`, `FIRST/trang/2/` …
fn add_list(pages: &mut Vec<Page>, kind: PageKind, first: String, docs: Vec<usize>) {
    if docs.len() <= LIST_PAGE {
        pages.push(Page::whole(kind, first, docs));
        return;
    }
    let of = docs.len().div_ceil(LIST_PAGE);
    for (i, chunk) in docs.chunks(LIST_PAGE).enumerate() {
        let part = Part {
            number: i + 1,
            of,
            first: first.clone(),
        };
        pages.push(Page {
            kind: kind.clone(),
            path: part.path(i + 1),
            docs: chunk.to_vec(),
            part: Some(part),
        });
    }
}

fn filter(all: &[usize], keep: impl Fn(usize) -> bool) -> Vec<usize> {
    all.iter().copied().filter(|&i| keep(i)).collect()
}

// The URL shapes of SPEC §6, each written once. Paths are inside the site (below its base path).

pub fn document(slug: &str) -> String {
    format!("/van-ban/{slug}/")
}

/// Every document citing a document, when its page cannot show them all.
pub fn citing_list(slug: &str) -> String {
    format!("/van-ban/{slug}/lien-quan/")
}

pub fn kind_list(kind: &str) -> String {
    format!("/van-ban/loai/{kind}/")
}

pub fn year_list(year: i32) -> String {
    format!("/van-ban/nam/{year}/")
}

/// The documents of a commune of a province or district site (its `don_vi`).
pub fn unit_list(commune: &str) -> String {
    format!("/van-ban/don-vi/{commune}/")
}

/// Page `n` of a list whose first page is `first`.
pub fn list_part(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}trang/{n}/")
    }
}

pub fn guide(name: &str) -> String {
    format!("/dich-vu/{name}/")
}

pub fn commune(code: &str) -> String {
    format!("/khu-dan-cu/{code}/")
}

/// An area of a commune of a province or district site (`/khu-dan-cu/XA/THON/`), or of a
/// commune site (`/khu-dan-cu/THON/`).
pub fn area(commune: Option<&str>, code: &str) -> String {
    match commune {
        Some(c) => format!("/khu-dan-cu/{c}/{code}/"),
        None => format!("/khu-dan-cu/{code}/"),
    }
}

/// The permanent short address printed in a QR code (SPEC §7): lowercase, however the ledger
/// writes the code, so that one path serves it on hosts that fold case and on hosts that don't.
pub fn qr(code: &str) -> String {
    format!("/q/{}/", code.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitemap_over_the_protocols_limit_is_cut_into_parts() {
        assert_eq!(sitemap_parts(0, 3), 0);
        assert_eq!(sitemap_parts(3, 3), 0);
        assert_eq!(sitemap_parts(4, 3), 2);
        assert_eq!(sitemap_parts(9, 3), 3);
        assert_eq!(sitemap_parts(104_193, SITEMAP_URLS), 3);
        let index = crate::render::feeds::sitemap_index("https://xa.gov.vn/a/", 2);
        assert!(index.contains(
            "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <sitemap><loc>https://xa.gov.vn/a/sitemap-1.xml</loc></sitemap>\n  <sitemap><loc>https://xa.gov.vn/a/sitemap-2.xml</loc></sitemap>\n</sitemapindex>\n"
        ), "{index}");
    }

    #[test]
    fn a_long_list_is_cut_into_numbered_pages_and_a_short_one_is_not() {
        let mut pages = Vec::new();
        add_list(
            &mut pages,
            PageKind::Documents,
            "/van-ban/".into(),
            (0..250).collect(),
        );
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["/van-ban/", "/van-ban/trang/2/", "/van-ban/trang/3/"]
        );
        assert_eq!(pages[0].docs, (0..100).collect::<Vec<_>>());
        assert_eq!(pages[2].docs, (200..250).collect::<Vec<_>>());
        let part = pages[1].part.as_ref().expect("a part");
        assert_eq!((part.number, part.of), (2, 3));
        assert_eq!(part.path(1), "/van-ban/");
        assert_eq!(pages[1].file(), "van-ban/trang/2/index.html");
        let mut short = Vec::new();
        add_list(
            &mut short,
            PageKind::DocumentsOfYear(2024),
            year_list(2024),
            (0..100).collect(),
        );
        assert_eq!(short.len(), 1);
        assert!(short[0].part.is_none());
    }
}
