//! One view per page kind: the template and the Tera context of a page of the route table.
//!
//! What several pages show (the site, document summaries, guides, roster, areas, the lists'
//! navigation) is made once per render in [`Shared`]; each page then only picks its part. Nothing
//! here reads the disk: attachment sizes come from the loader, through `sizes`.

use super::markdown::Rendered;
use super::views::*;
use crate::resolve::SiteModel;
use crate::routes::{self, Page, PageKind, Part, Routes};

/// What the pages of one render share.
pub struct Shared<'a> {
    pub model: &'a SiteModel<'a>,
    pub site: SiteView,
    /// `site` as the templates see it, made once: every page's context has it, and a province's
    /// list of communes made it the largest part of most contexts.
    site_value: tera::Value,
    pub summaries: Vec<DocSummary<'a>>,
    pub guides: Vec<GuideView>,
    pub roster: Vec<RoleGroup>,
    pub areas: Vec<AreaView>,
    /// The lists' links to each kind's list and each year's, as the templates see them: every
    /// list page shows them.
    kind_links: tera::Value,
    year_links: tera::Value,
    /// Where each commune's areas start in `areas` (communes' areas come first, in order, then
    /// the site's own), and where they end: `area_starts[communes]`.
    area_starts: Vec<usize>,
}

impl<'a> Shared<'a> {
    pub fn new(
        model: &'a SiteModel<'a>,
        routes: &Routes,
        summaries: Vec<DocSummary<'a>>,
        guide_bodies: &[&Rendered],
    ) -> Shared<'a> {
        let site = site_view(model);
        let bp = site.base_path.clone();
        let guides = model
            .guides
            .iter()
            .zip(guide_bodies)
            .map(|(g, r)| guide_view(g, &bp, r.html.clone()))
            .collect();
        let count = |p: &str| routes.list_len(p);
        let kind_links: Vec<Link> = routes
            .kinds
            .iter()
            .map(|k| {
                let path = routes::kind_list(k);
                Link {
                    url: format!("{bp}{}", &path[1..]),
                    label: format!("{} ({})", kind_title(k), count(&path)),
                }
            })
            .collect();
        let year_links: Vec<Link> = routes
            .years
            .iter()
            .map(|&y| {
                let path = routes::year_list(y);
                Link {
                    url: format!("{bp}{}", &path[1..]),
                    label: format!("{y} ({})", count(&path)),
                }
            })
            .collect();
        let mut area_starts = vec![0];
        for c in &model.info.communes {
            area_starts.push(area_starts.last().copied().unwrap_or(0) + c.areas.len());
        }
        Shared {
            model,
            roster: roster_groups(model.info),
            areas: area_views(model.info, &bp),
            area_starts,
            site_value: tera::Value::from_serializable(&site),
            site,
            summaries,
            guides,
            kind_links: tera::Value::from_serializable(&kind_links),
            year_links: tera::Value::from_serializable(&year_links),
        }
    }

    /// The template and context of `page`; `body` is the rendered body of a document or guide
    /// page; `sizes` gives an attachment's size in bytes.
    pub fn view(
        &self,
        page: &Page,
        body: Option<&Rendered>,
        sizes: &dyn Fn(&str) -> Option<u64>,
    ) -> (&'static str, tera::Context) {
        let sv = &self.site;
        let path = page.path.as_str();
        match &page.kind {
            PageKind::Home => {
                let mut c = self.context(
                    &sv.name,
                    path,
                    &format!(
                        "Trang thông tin của Tổ công tác triển khai Đề án 06 — {}: văn bản, hướng dẫn dịch vụ công trực tuyến, đường dây nóng.",
                        sv.name
                    ),
                );
                c.insert("documents", &self.summaries_of(&page.docs));
                c.insert("guides", &self.guides);
                c.insert("roster", &self.roster);
                c.insert("areas", &self.areas);
                ("index.html", c)
            }
            PageKind::Documents => ("documents.html", self.list("Văn bản", page)),
            PageKind::DocumentsOfKind(k) => ("documents.html", self.list(&kind_title(k), page)),
            PageKind::DocumentsOfYear(y) => (
                "documents.html",
                self.list(&format!("Văn bản năm {y}"), page),
            ),
            PageKind::DocumentsOfUnit(ci) => {
                let name = &self.model.info.communes[*ci].name;
                (
                    "documents.html",
                    self.list(&format!("Văn bản của {name}"), page),
                )
            }
            PageKind::Document(i) => ("document.html", self.document(*i, page, body, sizes)),
            PageKind::DocumentsCiting(i) => ("documents.html", self.citing(*i, page)),
            PageKind::Services => {
                let mut c = self.context(
                    "Dịch vụ công thiết yếu",
                    path,
                    "Hướng dẫn từng bước các dịch vụ công trực tuyến thiết yếu.",
                );
                c.insert("guides", &self.guides);
                ("services.html", c)
            }
            PageKind::Service(i) => {
                let g = &self.guides[*i];
                let text = body.map_or("", |r| r.text.as_str());
                let description = described(&format!("Hướng dẫn {}:", g.title), text);
                let mut c = self.context_cut(&g.title, path, description);
                c.insert("guide", g);
                let url = format!("{}{}", sv.base_url, path.trim_start_matches('/'));
                c.insert("guide_url", &url);
                c.insert("guide_qr", &qr_svg(&url));
                ("service.html", c)
            }
            PageKind::Roster => {
                let mut c = self.context(
                    "Tổ công tác",
                    path,
                    &format!(
                        "Thành viên và số điện thoại liên hệ của Tổ công tác triển khai Đề án 06 — {}.",
                        sv.name
                    ),
                );
                c.insert("roster", &self.roster);
                ("roster.html", c)
            }
            PageKind::Areas => {
                let mut c =
                    self.context("Khu dân cư", path, "Các thôn, tổ dân phố và người liên hệ.");
                c.insert("areas", &self.areas);
                ("areas.html", c)
            }
            PageKind::Commune(ci) => ("commune.html", self.commune(*ci, page)),
            PageKind::Area { commune, area } => {
                let area = &self.areas[self.area_index(*commune, *area)];
                let mut c = self.context(
                    &area.name,
                    path,
                    &format!(
                        "{}: người liên hệ và hướng dẫn dịch vụ công trực tuyến.",
                        area.name
                    ),
                );
                c.insert("area", area);
                c.insert("guides", &self.guides);
                c.insert("top_guides", &self.poster_guides());
                c.insert("guide_groups", &life_event_groups(&self.guides));
                c.insert("documents", &self.summaries_of(&page.docs));
                ("area.html", c)
            }
            PageKind::QrCode(entry) => ("redirect.html", self.redirect(*entry)),
            PageKind::Search => (
                "search.html",
                self.context(
                    "Tìm kiếm",
                    path,
                    "Tìm văn bản và hướng dẫn, gõ có dấu hoặc không dấu.",
                ),
            ),
            PageKind::NotFound => (
                "404.html",
                self.context("Không tìm thấy trang", path, "Không tìm thấy trang."),
            ),
        }
    }

    /// Everything a page template gets besides its own data.
    fn context(&self, title: &str, path: &str, description: &str) -> tera::Context {
        self.context_cut(
            title,
            path,
            super::truncate(description, super::DESCRIPTION_CHARS),
        )
    }

    /// [`Self::context`] with a description already cut to [`super::DESCRIPTION_CHARS`].
    fn context_cut(&self, title: &str, path: &str, description: String) -> tera::Context {
        let site = &self.site;
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("page_title", title);
        ctx.insert("page_path", path);
        ctx.insert(
            "canonical",
            &format!("{}{}", site.base_url, path.trim_start_matches('/')),
        );
        ctx.insert_value("description", description.into());
        ctx
    }

    /// The index in `areas` of `info.communes[c].areas[i]`, or of `info.areas[i]`.
    fn area_index(&self, commune: Option<usize>, i: usize) -> usize {
        match commune {
            Some(c) => self.area_starts[c] + i,
            None => self.area_starts[self.area_starts.len() - 1] + i,
        }
    }

    /// The services a poster shows, in its order (`dich_vu_tren_poster`), the most used first on
    /// the page its code opens; without that list, the first of the official order.
    fn poster_guides(&self) -> Vec<&GuideView> {
        let named: Vec<&GuideView> = self
            .model
            .info
            .poster_guides
            .iter()
            .filter_map(|n| self.guides.iter().find(|g| g.name == n.value))
            .collect();
        if named.is_empty() {
            self.guides
                .iter()
                .take(crate::project::site::MAX_POSTER_SERVICES)
                .collect()
        } else {
            named
        }
    }

    fn summaries_of(&self, docs: &[usize]) -> Vec<&DocSummary<'a>> {
        docs.iter().map(|&i| &self.summaries[i]).collect()
    }

    /// A list of documents, grouped by year; one page of it when it is long.
    fn list(&self, title: &str, page: &Page) -> tera::Context {
        let title = match &page.part {
            Some(p) if p.number > 1 => format!("{title} (trang {}/{})", p.number, p.of),
            _ => title.to_string(),
        };
        let title = title.as_str();
        let mut c = self.context(
            title,
            &page.path,
            &format!(
                "{title} của Tổ công tác triển khai Đề án 06 — {}.",
                self.site.name
            ),
        );
        #[derive(serde::Serialize)]
        struct Group<'a> {
            label: String,
            documents: Vec<&'a DocSummary<'a>>,
        }
        let mut groups: Vec<Group> = Vec::new();
        for d in self.summaries_of(&page.docs) {
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
        c.insert_value("kinds", self.kind_links.clone());
        c.insert_value("years", self.year_links.clone());
        let first = page.part.as_ref().map_or(&page.path, |p| &p.first);
        c.insert("list_path", first);
        if let Some(part) = &page.part {
            c.insert("pages", &self.part_links(part));
        }
        c
    }

    /// The links between the pages of a long list: the first, the last, and the pages around
    /// this one (a province's list has hundreds of pages).
    fn part_links(&self, part: &Part) -> PartLinks {
        let url = |n: usize| format!("{}{}", self.site.base_path, &part.path(n)[1..]);
        let mut around: Vec<usize> = vec![1];
        around.extend(part.number.saturating_sub(2).max(2)..=(part.number + 2).min(part.of));
        if part.of > 1 {
            around.push(part.of);
        }
        around.sort_unstable();
        around.dedup();
        let mut links = Vec::new();
        for (i, &n) in around.iter().enumerate() {
            if i > 0 && n > around[i - 1] + 1 {
                links.push(PartLink {
                    label: "…".into(),
                    url: None,
                    current: false,
                });
            }
            links.push(PartLink {
                label: n.to_string(),
                url: Some(url(n)),
                current: n == part.number,
            });
        }
        PartLinks {
            number: part.number,
            of: part.of,
            prev: (part.number > 1).then(|| url(part.number - 1)),
            next: (part.number < part.of).then(|| url(part.number + 1)),
            links,
        }
    }

    fn document(
        &self,
        i: usize,
        page: &Page,
        body: Option<&Rendered>,
        sizes: &dyn Fn(&str) -> Option<u64>,
    ) -> tera::Context {
        let (html, text) = body.map_or(("", ""), |r| (r.html.as_str(), r.text.as_str()));
        let summary = &self.summaries[i];
        let description = described(&format!("{}.", summary.title), text);
        let mut c = self.context_cut(&summary.full_title(), &page.path, description);
        let view = doc_view(self.model, i, &self.site.base_path, html, sizes);
        c.insert(
            "doc",
            &DocPage {
                summary,
                view: &view,
            },
        );
        c
    }

    /// The list of every document citing document `i`, with a line naming and linking it.
    fn citing(&self, i: usize, page: &Page) -> tera::Context {
        let e = &self.model.docs[i];
        let name = cited_name(e);
        let mut c = self.list(&format!("Văn bản liên quan đến {name}"), page);
        let back = Link {
            url: format!("{}{}", self.site.base_path, &routes::document(&e.slug)[1..]),
            label: name,
        };
        c.insert("about", &back);
        c
    }

    fn commune(&self, ci: usize, page: &Page) -> tera::Context {
        let commune = &self.model.info.communes[ci];
        let mut c = self.context(
            &commune.name,
            &page.path,
            &format!("{}: khu dân cư, văn bản và dịch vụ công.", commune.name),
        );
        c.insert(
            "commune",
            &Link {
                url: format!("{}{}", self.site.base_path, &page.path[1..]),
                label: commune.name.clone(),
            },
        );
        c.insert("commune_site", &commune.page_url);
        let areas = &self.areas[self.area_starts[ci]..self.area_starts[ci + 1]];
        c.insert("areas", &areas.iter().collect::<Vec<_>>());
        c.insert("documents", &self.summaries_of(&page.docs));
        c.insert(
            "all_documents",
            &format!(
                "{}{}",
                self.site.base_path,
                &routes::unit_list(&commune.code.value)[1..]
            ),
        );
        c
    }

    /// The page of a printed code: a redirect to its current target.
    fn redirect(&self, entry: usize) -> tera::Context {
        let e = &self.model.site.ledger[entry];
        let target = e.current_target().value.trim_start_matches('/');
        let target = if target.ends_with('/') || target.is_empty() {
            target.to_string()
        } else {
            format!("{target}/")
        };
        let mut c = self.context(
            "Đang chuyển trang…",
            &routes::qr(&e.code.value),
            "Địa chỉ ngắn của mã QR.",
        );
        c.insert("target", &format!("{}{target}", self.site.base_path));
        c.insert("target_abs", &format!("{}{target}", self.site.base_url));
        c
    }
}

/// The navigation between the pages of a long list.
#[derive(serde::Serialize)]
struct PartLinks {
    number: usize,
    of: usize,
    prev: Option<String>,
    next: Option<String>,
    links: Vec<PartLink>,
}

#[derive(serde::Serialize)]
struct PartLink {
    label: String,
    /// `None` for the "…" between page numbers.
    url: Option<String>,
    current: bool,
}

/// A page's description: `head`, then as much of `text` (a whole body's) as it needs.
fn described(head: &str, text: &str) -> String {
    super::truncate_words(
        head.split_whitespace().chain(text.split_whitespace()),
        super::DESCRIPTION_CHARS,
    )
}

/// "Quyết định" for `quyet-dinh`.
fn kind_title(kind: &str) -> String {
    crate::text::number::type_name(kind)
        .map(title_case)
        .unwrap_or_default()
}
