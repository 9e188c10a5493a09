//! What templates see: plain serializable views of the resolved site, built once per site.
//!
//! Every string here is plain text; templates autoescape it. Only `*_html` fields carry markup,
//! and those come from the Markdown renderer (checked, and sanitized when raw HTML was present).

use crate::project::{Area, Level, SiteInfo};
use crate::resolve::{Cited, DocEntry, Relation, SiteModel};
use crate::routes;
use crate::text::date::{date_line, date_vi, date_words};
use crate::text::number;
use crate::words::{Channel, Role, Word};
use chrono::NaiveDate;
use serde::Serialize;

/// A struct whose fields a template may see beside another's in one map (a document's page: its
/// summary's fields and its own, as `doc`): the struct, its `Serialize`, and `serialize_fields`,
/// which writes its fields into a struct being serialized. One list of fields, where serde's
/// `flatten` would copy every key through a map on every page.
macro_rules! template_fields {
    (
        $(#[$meta:meta])*
        pub struct $name:ident<$lt:lifetime> {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name<$lt> {
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        impl $name<'_> {
            /// How many fields [`Self::serialize_fields`] writes.
            pub const FIELDS: usize = [$(stringify!($field)),*].len();

            /// Writes each field into `out`, under its name.
            pub fn serialize_fields<S: serde::ser::SerializeStruct>(
                &self,
                out: &mut S,
            ) -> Result<(), S::Error> {
                $( out.serialize_field(stringify!($field), &self.$field)?; )*
                Ok(())
            }
        }

        impl Serialize for $name<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let mut out = s.serialize_struct(stringify!($name), Self::FIELDS)?;
                self.serialize_fields(&mut out)?;
                out.end()
            }
        }
    };
}

#[derive(Serialize, Clone)]
pub struct SiteView {
    pub code: String,
    pub name: String,
    pub level: &'static str,
    pub level_name: &'static str,
    pub province: String,
    pub district: Option<String>,
    pub issuer: String,
    pub hotline: String,
    pub hotline_tel: String,
    pub standing_body: Option<String>,
    pub base_url: String,
    pub base_path: String,
    pub has_areas: bool,
    pub communes: Vec<CommuneLink>,
}

/// A commune of a province or district: its page here and its own site, when it has one
/// (`trang`, SPEC §5).
#[derive(Serialize, Clone)]
pub struct CommuneLink {
    pub url: String,
    pub label: String,
    pub site: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub url: String,
    pub label: String,
}

#[derive(Serialize, Clone)]
pub struct Status {
    /// `con`, `het`, `chua`, `thay-the`
    pub code: &'static str,
    pub label: String,
    /// Since when the status holds (`01/01/2025`), when the documents say (SPEC §6: a status
    /// states since when it holds, never the build day, so a page changes only with its content
    /// or its status).
    pub since: Option<String>,
    /// The document that replaced this one (`thay-the`), for the banner's link.
    pub by: Option<Link>,
}

#[derive(Serialize, Clone)]
pub struct CitedView {
    pub label: &'static str,
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct SignerView<'m> {
    pub authority: Option<&'m str>,
    pub titles: &'m [String],
    pub name: &'m str,
}

#[derive(Serialize, Clone)]
pub struct AttachmentView {
    pub url: String,
    pub name: String,
    pub kind: String,
    pub size: String,
}

template_fields! {
/// What a list shows of a document. It borrows what the model holds: a province's lists show a
/// hundred thousand of them, made once per build.
#[derive(Clone)]
pub struct DocSummary<'m> {
    pub url: String,
    pub slug: &'m str,
    pub kind: &'static str,
    pub kind_name: String,
    pub number: Option<&'m str>,
    pub date: Option<String>,
    pub year: Option<i32>,
    pub title: &'m str,
    pub issuer: &'m str,
    pub draft: bool,
    pub status: Option<Status>,
}
}

impl DocSummary<'_> {
    /// How a page and the feed name the document: "Quyết định 12/QĐ-UBND — title", or its title
    /// alone when it has no number.
    pub fn full_title(&self) -> String {
        match self.number {
            Some(n) => format!("{} {} — {}", self.kind_name, n, self.title),
            None => self.title.to_string(),
        }
    }
}

template_fields! {
/// What a document's page shows besides its [`DocSummary`]; templates read both as one `doc`
/// ([`DocPage`]). What the document holds is borrowed: the template's value is its only copy.
#[derive(Clone)]
pub struct DocView<'m> {
    pub parent_body: Option<&'m str>,
    pub issuer_upper: String,
    pub parent_upper: Option<String>,
    pub date_line: Option<String>,
    pub type_name: String,
    pub addressees: &'m [String],
    pub signer: Option<SignerView<'m>>,
    pub recipients: &'m [String],
    pub attachments: Vec<AttachmentView>,
    pub cites: Vec<CitedView>,
    /// The documents citing this one, at most [`routes::CITED_BY_SHOWN`] of each relation.
    pub cited_by: Vec<CitedView>,
    /// The list of all of them, when some are not shown here.
    pub cited_by_all: Option<Link>,
    pub topics: &'m [String],
    pub unit: Option<Link>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    /// Documents that amend this one, for the banner at the top.
    pub amended_by: Vec<Link>,
    /// The trích yếu as the heading block shows it under the type name: "QUY CHẾ" / "Hoạt động
    /// của ...", not "QUY CHẾ" / "Quy chế hoạt động của ...".
    pub heading_title: String,
    /// For a document issued with a decision (`ban_hanh_kem_theo`): "Ban hành kèm theo Quyết
    /// định số ... ngày ... của ...", the line under its heading block on paper.
    pub issued_with: Option<String>,
    /// The contents list, when the body has more than [`TOC_MIN`] sections.
    pub toc: Vec<TocEntry>,
    pub body_html: String,
    /// What was issued with this decision, printed after its signature as on paper.
    pub annexes: Vec<AnnexView>,
}
}

/// A document's page as its template sees it, `doc`: its summary's fields and the page's own in
/// one map (`doc.title`, `doc.body_html`).
pub struct DocPage<'a, 'm> {
    pub summary: &'a DocSummary<'m>,
    pub view: &'a DocView<'m>,
}

impl Serialize for DocPage<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fields = DocSummary::FIELDS + DocView::FIELDS;
        let mut out = s.serialize_struct("DocPage", fields)?;
        self.summary.serialize_fields(&mut out)?;
        self.view.serialize_fields(&mut out)?;
        out.end()
    }
}

/// A document issued with a decision (a Quy chế) as the decision's page shows it: after the
/// decision's signature, from a new printed page, under its own heading block (Decree 30/2020).
#[derive(Serialize, Clone)]
pub struct AnnexView {
    /// The anchor of its heading block; its body's anchors start with it too, so that they never
    /// meet the decision's own.
    pub id: String,
    /// Its own page.
    pub url: String,
    pub type_name: String,
    pub heading_title: String,
    pub issued_with: String,
    pub body_html: String,
}

/// One line of a document's contents list: a heading of the body and its anchor.
#[derive(Serialize, Clone)]
pub struct TocEntry {
    pub id: String,
    /// 2 for a chapter or a part (I., II.), 3 for an article or a point under it.
    pub level: u8,
    /// The heading's text as the renderer escaped it (tags removed).
    pub text_html: String,
}

/// A document with more sections than this gets a contents list and "về đầu trang" links.
pub const TOC_MIN: usize = 3;

/// The anchor at the top of a document that "về đầu trang" leads to.
const TOP_ID: &str = "dau-trang";

#[derive(Serialize, Clone)]
pub struct ChannelView {
    pub key: String,
    pub label: &'static str,
}

#[derive(Serialize, Clone)]
pub struct GuideView {
    pub url: String,
    pub name: String,
    pub title: String,
    pub order: Option<u32>,
    pub agency: Option<String>,
    pub channels: Vec<ChannelView>,
    pub link: Option<String>,
    pub requirements: Vec<String>,
    pub body_html: String,
}

/// The life events a resident comes with, and the essential services each one needs, by their
/// number in the national list of 25 (`stt`, DOMAIN.md): the page a QR code opens groups its
/// guides by them; the list page `/dich-vu/` keeps the official order.
pub const LIFE_EVENTS: &[(&str, &[u32])] = &[
    ("Sinh con", &[9, 15]),
    ("Kết hôn", &[11]),
    ("Gia đình có người mất", &[10, 16]),
    ("Nơi ở: thường trú, tạm trú, lưu trú", &[3, 4, 5, 6]),
    ("Căn cước, hộ chiếu, lý lịch tư pháp", &[1, 2, 12, 22]),
    ("Xe máy, giấy phép lái xe, phạt giao thông", &[7, 8, 20]),
    ("Bảo hiểm y tế, trợ cấp thất nghiệp", &[17, 23]),
    ("Đất đai, điện", &[19, 24, 25]),
    ("Thuế, con dấu", &[13, 14, 18]),
    ("Thi tốt nghiệp, xét tuyển", &[21]),
];

/// Where the guides no life event claims go (a province's own services, a guide without `stt`).
const OTHER_SERVICES: &str = "Dịch vụ khác";

/// The guides of one life event, in the official order.
#[derive(Serialize)]
pub struct GuideGroup<'a> {
    pub title: &'static str,
    pub guides: Vec<&'a GuideView>,
}

/// `guides` (in the official order) grouped by [`LIFE_EVENTS`]; empty groups are left out.
pub fn life_event_groups(guides: &[GuideView]) -> Vec<GuideGroup<'_>> {
    let event_of = |g: &GuideView| {
        g.order
            .and_then(|n| LIFE_EVENTS.iter().position(|(_, stts)| stts.contains(&n)))
    };
    let mut groups: Vec<GuideGroup> = LIFE_EVENTS
        .iter()
        .map(|(title, _)| GuideGroup {
            title,
            guides: Vec::new(),
        })
        .chain(std::iter::once(GuideGroup {
            title: OTHER_SERVICES,
            guides: Vec::new(),
        }))
        .collect();
    for g in guides {
        let at = event_of(g).unwrap_or(LIFE_EVENTS.len());
        groups[at].guides.push(g);
    }
    groups.retain(|g| !g.guides.is_empty());
    groups
}

#[derive(Serialize, Clone)]
pub struct ContactView {
    pub name: String,
    pub title: String,
    pub phone: Option<String>,
    pub tel: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct AreaView {
    pub url: String,
    pub path: String,
    pub code: String,
    pub name: String,
    pub commune: Option<Link>,
    pub contacts: Vec<ContactView>,
}

#[derive(Serialize, Clone)]
pub struct RoleGroup {
    pub role: String,
    pub label: &'static str,
    pub members: Vec<ContactView>,
}

pub fn level_name(level: Level) -> &'static str {
    level.label()
}

pub fn tel(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

pub fn base_path(info: &SiteInfo) -> String {
    format!("{}/", info.base_url.value.path().trim_end_matches('/'))
}

pub fn site_view(model: &SiteModel) -> SiteView {
    let info = model.info;
    let bp = base_path(info);
    SiteView {
        code: model.site.code.clone(),
        name: info.name.clone(),
        level: info.level.key(),
        level_name: level_name(info.level),
        province: info.province.clone(),
        district: info.district.clone(),
        issuer: info.issuer.clone().unwrap_or_else(|| info.name.clone()),
        hotline: info.hotline.clone(),
        hotline_tel: tel(&info.hotline),
        standing_body: info.standing_body.clone(),
        base_url: format!("{}/", info.base()),
        base_path: bp.clone(),
        has_areas: !info.areas.is_empty() || info.communes.iter().any(|c| !c.areas.is_empty()),
        communes: info
            .communes
            .iter()
            .map(|c| CommuneLink {
                url: format!("{bp}khu-dan-cu/{}/", c.code.value),
                label: c.name.clone(),
                site: c.page_url.clone(),
            })
            .collect(),
    }
}

/// The validity status of a document on `today` (Decree-30 documents; SPEC §3 `hieu_luc`).
pub fn status(model: &SiteModel, i: usize, today: NaiveDate, bp: &str) -> Option<Status> {
    let e = &model.docs[i];
    let replaced_by = e
        .cited_by
        .iter()
        .filter(|(r, _)| *r == Relation::Replaces)
        .map(|(_, j)| &model.docs[*j])
        .find(|r| r.date.is_none_or(|d| d <= today));
    if let Some(r) = replaced_by {
        let name = r
            .number
            .clone()
            .unwrap_or_else(|| r.doc.title_text().to_string());
        return Some(Status {
            code: "thay-the",
            label: format!("Bị thay thế bởi {name}"),
            since: r.date.map(date_vi),
            by: Some(Link {
                url: doc_url(bp, r),
                label: cited_name(r),
            }),
        });
    }
    let from = e.doc.valid_from.as_ref().map(|d| d.value);
    let to = e.doc.valid_to.as_ref().map(|d| d.value);
    if let Some(to) = to
        && to < today
    {
        return Some(Status {
            code: "het",
            label: "Hết hiệu lực".into(),
            since: to.succ_opt().map(date_vi),
            by: None,
        });
    }
    if let Some(from) = from
        && from > today
    {
        return Some(Status {
            code: "chua",
            label: format!("Chưa có hiệu lực (từ {})", date_vi(from)),
            since: None,
            by: None,
        });
    }
    if from.is_some() || to.is_some() {
        return Some(Status {
            code: "con",
            label: "Còn hiệu lực".into(),
            since: from.or(e.date).map(date_vi),
            by: None,
        });
    }
    let lasting = e.doc.kind().is_some_and(|k| k.has_validity());
    (lasting && e.date.is_some_and(|d| d <= today)).then(|| Status {
        code: "con",
        label: "Còn hiệu lực".into(),
        since: e.date.map(date_vi),
        by: None,
    })
}

/// "Quyết định số 1350/QĐ-UBND ngày 12/05/2023", or the title of a document without a number:
/// how a banner names another document.
pub fn cited_name(e: &DocEntry) -> String {
    let kind = number::type_name(e.doc.kind_text())
        .map(title_case)
        .unwrap_or_default();
    let mut s = match &e.number {
        Some(n) => format!("{kind} số {n}"),
        None => e.doc.title_text().to_string(),
    };
    if let Some(d) = e.date {
        s.push_str(&format!(" ngày {}", date_vi(d)));
    }
    s.trim().to_string()
}

pub fn doc_url(bp: &str, e: &DocEntry) -> String {
    format!("{bp}van-ban/{}/", e.slug)
}

pub fn summary<'m>(model: &'m SiteModel, i: usize, today: NaiveDate, bp: &str) -> DocSummary<'m> {
    let e = &model.docs[i];
    let kind = e.doc.kind_text();
    DocSummary {
        url: doc_url(bp, e),
        slug: &e.slug,
        kind_name: number::type_name(kind).map(title_case).unwrap_or_default(),
        kind,
        number: e.number.as_deref(),
        date: e.date.map(date_vi),
        year: e.year(),
        title: e.doc.title_text(),
        issuer: &e.issuer,
        draft: e.doc.draft,
        status: status(model, i, today, bp),
    }
}

/// "QUYẾT ĐỊNH" → "Quyết định".
pub fn title_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn relation_labels(r: Relation) -> (&'static str, &'static str) {
    match r {
        Relation::Basis => ("Căn cứ", "Được căn cứ bởi"),
        Relation::Related => ("Liên quan", "Được nhắc đến trong"),
        Relation::Replaces => ("Thay thế", "Bị thay thế bởi"),
        Relation::Amends => ("Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
        Relation::IssuedWith => ("Ban hành kèm theo", "Văn bản ban hành kèm theo"),
    }
}

/// Reference `c` of the document `citing`.
fn cited_view(
    model: &SiteModel,
    citing: &crate::project::Document,
    c: &Cited,
    bp: &str,
) -> CitedView {
    let target = c.target.map(|t| &model.docs[t]);
    let written = c.written(citing);
    CitedView {
        label: relation_labels(c.relation).0,
        number: written
            .number
            .map(str::to_string)
            .or_else(|| target.and_then(|t| t.number.clone())),
        date: written.date.or(target.and_then(|t| t.date)).map(date_vi),
        issuer: written.issuer.map(str::to_string),
        title: written
            .title
            .map(str::to_string)
            .or_else(|| target.map(|t| t.doc.title_text().to_string())),
        url: target.map(|t| doc_url(bp, t)),
    }
}

/// An attachment as a document page lists it: published under its folded path (SPEC §6), the
/// link offering the file's own name for download.
pub fn attachment_view(bp: &str, path: &str, size: Option<u64>) -> AttachmentView {
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_uppercase())
        .unwrap_or_default();
    AttachmentView {
        url: format!("{bp}{}", crate::text::slug::attachment_path(path)),
        name,
        kind: ext,
        size: size.map(human_size).unwrap_or_default(),
    }
}

pub fn human_size(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MB", n as f64 / (1024.0 * 1024.0)).replace('.', ",")
    } else {
        format!("{} KB", n.div_ceil(1024))
    }
}

pub fn doc_view<'m>(
    model: &'m SiteModel,
    i: usize,
    bp: &str,
    body_html: &str,
    sizes: &dyn Fn(&str) -> Option<u64>,
) -> DocView<'m> {
    let e = &model.docs[i];
    let d = e.doc;
    let parent = d.parent_body.as_deref();
    let type_name = number::type_name(d.kind_text()).unwrap_or("").to_string();
    let (own_line, body_html) = own_issued_with_line(body_html);
    let (toc, body_html, annexes) = contents(model, i, paper_layout(body_html), bp);
    let issued_with = e
        .cites
        .iter()
        .find(|c| c.relation == Relation::IssuedWith)
        .and_then(|c| c.target)
        .map(|t| own_line.unwrap_or_else(|| issued_with_line(&model.docs[t])));
    DocView {
        issuer_upper: e.issuer.to_uppercase(),
        parent_upper: parent.as_ref().map(|p| p.to_uppercase()),
        parent_body: parent,
        date_line: e.date.map(|date| date_line(&e.place, date)),
        heading_title: after_type_name(d.title_text(), &type_name),
        type_name,
        addressees: &d.addressees,
        signer: d.signer.as_ref().map(|s| SignerView {
            authority: s.authority.as_deref(),
            titles: &s.titles,
            name: &s.name,
        }),
        recipients: &d.recipients,
        attachments: d
            .attachments
            .iter()
            .map(|a| {
                let p = a.value.trim_start_matches("./");
                attachment_view(bp, p, sizes(p))
            })
            .collect(),
        cites: e
            .cites
            .iter()
            .filter(|c| c.relation != Relation::IssuedWith || c.target.is_some())
            .map(|c| cited_view(model, d, c, bp))
            .collect(),
        cited_by: e
            .cited_by
            .chunk_by(|a, b| a.0 == b.0)
            .flat_map(|group| group.iter().take(routes::CITED_BY_SHOWN))
            .map(|&(r, j)| citing_view(model, r, j, bp))
            .collect(),
        cited_by_all: routes::all_citing(&e.cited_by).map(|citing| Link {
            url: format!("{bp}{}", &routes::citing_list(&e.slug)[1..]),
            label: format!(
                "Xem tất cả {} văn bản liên quan đến văn bản này",
                crate::diag::group_digits(citing.len())
            ),
        }),
        topics: &d.topics,
        unit: d.unit.as_ref().and_then(|u| {
            model
                .info
                .communes
                .iter()
                .find(|c| c.code.value == u.value)
                .map(|c| Link {
                    url: format!("{bp}khu-dan-cu/{}/", c.code.value),
                    label: c.name.clone(),
                })
        }),
        valid_from: d.valid_from.as_ref().map(|x| date_vi(x.value)),
        valid_to: d.valid_to.as_ref().map(|x| date_vi(x.value)),
        amended_by: e
            .cited_by
            .iter()
            .filter(|(r, _)| *r == Relation::Amends)
            .map(|(_, j)| Link {
                url: doc_url(bp, &model.docs[*j]),
                label: cited_name(&model.docs[*j]),
            })
            .collect(),
        toc,
        body_html,
        issued_with,
        annexes,
    }
}

/// Document `j` as it shows among the documents citing another (relation `r`).
fn citing_view(model: &SiteModel, r: Relation, j: usize, bp: &str) -> CitedView {
    let t = &model.docs[j];
    CitedView {
        label: relation_labels(r).1,
        number: t.number.clone(),
        date: t.date.map(date_vi),
        issuer: Some(t.issuer.clone()),
        title: Some(t.doc.title_text().to_string()),
        url: Some(doc_url(bp, t)),
    }
}

/// The contents list of a document's page (its headings, then each annex and its headings) with
/// the body and annexes, "về đầu trang" links added when the list is long enough to be shown.
fn contents(
    model: &SiteModel,
    i: usize,
    body_html: String,
    bp: &str,
) -> (Vec<TocEntry>, String, Vec<AnnexView>) {
    let mut annexes: Vec<AnnexView> = model.docs[i]
        .cited_by
        .iter()
        .filter(|(r, _)| *r == Relation::IssuedWith)
        .enumerate()
        .map(|(n, &(_, j))| annex_view(model, i, j, n + 1, bp))
        .collect();
    let mut toc = headings(&body_html);
    for a in &annexes {
        let mut text = Vec::new();
        let name = format!("{} {}", title_case(&a.type_name), a.heading_title);
        // Writing to memory cannot fail.
        let _ = tera::escape_html(&name, &mut text);
        toc.push(TocEntry {
            id: a.id.clone(),
            level: 2,
            text_html: String::from_utf8_lossy(&text).into_owned(),
        });
        toc.extend(headings(&a.body_html));
    }
    if toc.len() > TOC_MIN {
        for a in &mut annexes {
            a.body_html = with_top_links(&a.body_html);
        }
        let body_html = with_top_links(&body_html);
        (toc, body_html, annexes)
    } else {
        (Vec::new(), body_html, annexes)
    }
}

/// Document `j`, issued with decision `i`, as the `n`-th annex of the decision's page.
/// Its body is rendered here: a build keeps no document's body beyond its own page.
fn annex_view(model: &SiteModel, i: usize, j: usize, n: usize, bp: &str) -> AnnexView {
    let e = &model.docs[j];
    // A body that cannot be read again is reported by the annex's own page, which fails the build.
    let html = super::document_body(model, j, bp)
        .map(|(_, r)| r.html)
        .unwrap_or_default();
    let id = format!("kem-theo-{n}");
    // Its anchors and the links to them get the annex's prefix: "dieu-1" is in both texts.
    let (own_line, html) = own_issued_with_line(&html);
    let body_html = paper_layout(html)
        .replace(" id=\"", &format!(" id=\"{id}-"))
        .replace(" href=\"#", &format!(" href=\"#{id}-"));
    let type_name = number::type_name(e.doc.kind_text())
        .unwrap_or("")
        .to_string();
    AnnexView {
        url: doc_url(bp, e),
        heading_title: after_type_name(e.doc.title_text(), &type_name),
        type_name,
        issued_with: own_line.unwrap_or_else(|| issued_with_line(&model.docs[i])),
        body_html,
        id,
    }
}

/// "Ban hành kèm theo Quyết định số 291/QĐ-UBND ngày 18 tháng 4 năm 2022 của UBND huyện Nam
/// Đông": the line in brackets under an attached document's heading block (Decree 30/2020).
fn issued_with_line(decision: &DocEntry) -> String {
    let mut s = format!(
        "Ban hành kèm theo {}",
        number::type_name(decision.doc.kind_text())
            .map(title_case)
            .unwrap_or_default()
    );
    if let Some(n) = &decision.number {
        s.push_str(&format!(" số {n}"));
    }
    if let Some(d) = decision.date {
        s.push_str(&format!(" {}", date_words(d)));
    }
    format!("{s} của {}", decision.issuer)
}

/// The "(Kèm theo Quyết định số ...)" line an imported regulation keeps at the top of its body,
/// in the source's words, and the body after it; the heading block shows the line.
fn own_issued_with_line(html: &str) -> (Option<String>, &str) {
    let found = html.strip_prefix("<p>(").and_then(|rest| {
        let (line, after) = rest.split_once(")</p>\n")?;
        let lower = line.to_lowercase();
        let plain = !line.contains(['<', '&']);
        (plain && (lower.starts_with("kèm theo ") || lower.starts_with("ban hành kèm theo ")))
            .then(|| (line.replace('\n', " "), after))
    });
    match found {
        Some((line, after)) => (Some(line), after),
        None => (None, html),
    }
}

/// The trích yếu without the type name the heading block already shows above it: under
/// "QUY CHẾ", "Quy chế hoạt động của Tổ công tác" reads "Hoạt động của Tổ công tác".
fn after_type_name(title: &str, type_name: &str) -> String {
    let prefix = format!("{} ", type_name.to_lowercase());
    match title.get(prefix.len()..) {
        Some(rest)
            if !type_name.is_empty()
                && lowercase_starts_with(title, &prefix)
                && !rest.trim().is_empty() =>
        {
            let rest = rest.trim_start();
            let mut c = rest.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
        _ => title.to_string(),
    }
}

/// `text.to_lowercase().starts_with(prefix)`, lowercasing no more of `text` than `prefix` needs
/// (a title is read on every document page). Characters are lowercased one by one: only a Greek
/// final sigma would differ, and no type name has one.
fn lowercase_starts_with(text: &str, prefix: &str) -> bool {
    let mut want = prefix.chars();
    for c in text.chars().flat_map(char::to_lowercase) {
        match want.next() {
            None => return true,
            Some(w) if w != c => return false,
            Some(_) => {}
        }
    }
    want.next().is_none()
}

/// Where the paper centres a line (Decree 30/2020): "QUYẾT ĐỊNH:" before the articles, and a
/// chapter's number and title on two lines ("Chương I" / "QUY ĐỊNH CHUNG").
fn paper_layout(html: &str) -> String {
    const DECISION: &str = "<p><strong>QUYẾT ĐỊNH:</strong></p>";
    const CHAPTER: &str = "<h2 id=\"";
    // Only lines that start with one of the two can change: memchr's search finds them, and the
    // text between them is copied as it is (this runs over every document body).
    let bytes = html.as_bytes();
    let line_start = |at: &usize| *at == 0 || bytes[at - 1] == b'\n';
    let decisions = finder!(DECISION.as_bytes()).find_iter(bytes);
    let mut starts: Vec<usize> = decisions
        .chain(finder!(CHAPTER.as_bytes()).find_iter(bytes))
        .filter(line_start)
        .collect();
    starts.sort_unstable();
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    for at in starts {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(html.len(), |n| at + n + 1);
        out.push_str(&html[copied..at]);
        let line = &html[at..end];
        if line.trim_end() == DECISION {
            out.push_str(&line.replacen("<p>", "<p class=\"can-giua\">", 1));
        } else if let Some(rest) = line.strip_prefix(CHAPTER)
            && let Some((id, text)) = rest.split_once("\">")
            && let Some(title) = text.strip_prefix("Chương ")
            && let Some((number, title)) = title.split_once(". ")
            && !number.contains('<')
        {
            out.push_str(&format!(
                "<h2 id=\"{id}\" class=\"chuong\">Chương {number}<br>{title}"
            ));
        } else {
            out.push_str(line);
        }
        copied = end;
    }
    out.push_str(&html[copied..]);
    out
}

/// The `<h2>` and `<h3>` headings of a body the Markdown renderer wrote (`<h2 id="...">`).
pub fn headings(html: &str) -> Vec<TocEntry> {
    let mut out = Vec::new();
    let mut rest = html;
    // memchr's searches, not `str::find`: this runs over every document body.
    let open = finder!(b"<h");
    while let Some(at) = open.find(rest.as_bytes()) {
        rest = &rest[at + 2..];
        let (level, close) = match rest.as_bytes().first() {
            Some(b'2') => (2, finder!(b"</h2>")),
            Some(b'3') => (3, finder!(b"</h3>")),
            _ => continue,
        };
        let Some(end) = memchr::memchr(b'>', &rest.as_bytes()[1..]) else {
            continue;
        };
        let (attrs, after) = (&rest[1..1 + end], &rest[2 + end..]);
        let Some((_, id)) = attrs.split_once(" id=\"") else {
            continue;
        };
        let id = id.split('"').next().unwrap_or_default();
        let Some(inner) = close.find(after.as_bytes()).map(|n| &after[..n]) else {
            continue;
        };
        out.push(TocEntry {
            id: id.to_string(),
            level,
            text_html: strip_tags(inner).trim().to_string(),
        });
    }
    out
}

/// The text of a heading's HTML; a line break (a chapter's two lines) reads as ". ".
fn strip_tags(html: &str) -> String {
    let html = if html.contains("<br>") {
        std::borrow::Cow::Owned(html.replace("<br>", ". "))
    } else {
        std::borrow::Cow::Borrowed(html)
    };
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A long body with a "về đầu trang" link before each chapter or part but the first, and at
/// its end; left out of the search index.
fn with_top_links(html: &str) -> String {
    let link =
        format!("<p class=\"ve-dau\" data-khong-tim><a href=\"#{TOP_ID}\">Về đầu trang</a></p>\n");
    let mut out = String::with_capacity(html.len() + 1024);
    let mut seen_first = false;
    let mut rest = html;
    let chapter = finder!(b"<h2 id=\"");
    while let Some(at) = chapter.find(rest.as_bytes()) {
        out.push_str(&rest[..at]);
        if seen_first {
            out.push_str(&link);
        }
        seen_first = true;
        out.push_str("<h2 id=\"");
        rest = &rest[at + 8..];
    }
    out.push_str(rest);
    out.push_str(&link);
    out
}

pub fn guide_view(g: &crate::project::Guide, bp: &str, body_html: String) -> GuideView {
    GuideView {
        url: format!("{bp}dich-vu/{}/", g.name),
        name: g.name.clone(),
        title: g.title.clone(),
        order: g.order,
        agency: g.agency.clone(),
        channels: g
            .channels
            .iter()
            .map(|c: &crate::project::Located<Channel>| ChannelView {
                key: c.value.key().to_string(),
                label: c.value.label(),
            })
            .collect(),
        link: g.link.as_ref().map(|l| l.value.clone()),
        requirements: g.requirements.clone(),
        body_html,
    }
}

/// An inline SVG QR code leading to `url`, for a printed page (black on white, with its quiet
/// zone); runs of dark modules drawn as one path so that it stays a few kilobytes.
pub fn qr_svg(url: &str) -> Option<String> {
    use crate::qr::{QUIET_ZONE, Symbol};
    let s = Symbol::encode(url, qrcode::EcLevel::M)?;
    let n = s.width + 2 * QUIET_ZONE;
    // A symbol is a few hundred runs: their numbers written without `format!`'s machinery.
    let mut d = String::with_capacity(4 * s.width * s.width);
    let (mut place, mut run) = (itoa::Buffer::new(), itoa::Buffer::new());
    for y in 0..s.width {
        let mut x = 0;
        while x < s.width {
            let start = x;
            while x < s.width && s.is_dark(x, y) {
                x += 1;
            }
            if x > start {
                let len = run.format(x - start);
                d.push('M');
                d.push_str(place.format(start + QUIET_ZONE));
                d.push(' ');
                d.push_str(place.format(y + QUIET_ZONE));
                d.push('h');
                d.push_str(len);
                d.push_str("v1h-");
                d.push_str(len);
                d.push('z');
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" width=\"128\" height=\"128\" role=\"img\" aria-label=\"Mã QR đến trang hướng dẫn này\" shape-rendering=\"crispEdges\"><rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/><path d=\"{d}\" fill=\"#000\"/></svg>"
    ))
}

pub fn contact(name: &str, title: &str, phone: Option<&str>) -> ContactView {
    ContactView {
        name: name.to_string(),
        title: title.to_string(),
        phone: phone.map(str::to_string),
        tel: phone.map(tel),
    }
}

/// Site path of an area page: `khu-dan-cu/XA/THON/` on a district site, `khu-dan-cu/THON/` else.
pub fn area_path(commune: Option<&str>, area: &Area) -> String {
    match commune {
        Some(c) => format!("khu-dan-cu/{c}/{}/", area.code.value),
        None => format!("khu-dan-cu/{}/", area.code.value),
    }
}

pub fn area_views(info: &SiteInfo, bp: &str) -> Vec<AreaView> {
    let mut out = Vec::new();
    let view = |commune: Option<(&str, &str)>, a: &Area| {
        let path = area_path(commune.map(|c| c.0), a);
        AreaView {
            url: format!("{bp}{path}"),
            path,
            code: a.code.value.clone(),
            name: a.name.value.clone(),
            commune: commune.map(|(code, name)| Link {
                url: format!("{bp}khu-dan-cu/{code}/"),
                label: name.to_string(),
            }),
            contacts: a
                .contacts
                .iter()
                .map(|c| contact(&c.name, &c.title, c.phone.as_deref()))
                .collect(),
        }
    };
    for c in &info.communes {
        for a in &c.areas {
            out.push(view(Some((&c.code.value, &c.name)), a));
        }
    }
    for a in &info.areas {
        out.push(view(None, a));
    }
    out
}

pub fn roster_groups(info: &SiteInfo) -> Vec<RoleGroup> {
    Role::ALL
        .iter()
        .map(|&role| RoleGroup {
            role: role.key().to_string(),
            label: role.label(),
            members: info
                .roster
                .iter()
                .filter(|m| m.role == Some(role))
                .map(|m| contact(&m.name, &m.title, m.phone.as_deref()))
                .collect(),
        })
        .filter(|g| !g.members.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(name: &str, order: Option<u32>) -> GuideView {
        GuideView {
            url: String::new(),
            name: name.into(),
            title: name.into(),
            order,
            agency: None,
            channels: Vec::new(),
            link: None,
            requirements: Vec::new(),
            body_html: String::new(),
        }
    }

    #[test]
    fn services_are_grouped_by_life_event_in_the_official_order() {
        let guides = [
            guide("khai-sinh", Some(9)),
            guide("thuong-tru", Some(3)),
            guide("lien-thong-khai-sinh", Some(15)),
            guide("rieng-cua-tinh", Some(31)),
            guide("khong-so", None),
        ];
        let groups: Vec<(&str, Vec<&str>)> = life_event_groups(&guides)
            .iter()
            .map(|g| (g.title, g.guides.iter().map(|g| g.name.as_str()).collect()))
            .collect();
        assert_eq!(
            groups,
            [
                ("Sinh con", vec!["khai-sinh", "lien-thong-khai-sinh"]),
                ("Nơi ở: thường trú, tạm trú, lưu trú", vec!["thuong-tru"]),
                ("Dịch vụ khác", vec!["rieng-cua-tinh", "khong-so"]),
            ]
        );
    }

    #[test]
    fn every_essential_service_has_exactly_one_life_event() {
        let mut seen: Vec<u32> = LIFE_EVENTS
            .iter()
            .flat_map(|(_, s)| s.iter().copied())
            .collect();
        seen.sort();
        assert_eq!(seen, (1..=25).collect::<Vec<u32>>());
    }

    #[test]
    fn heading_block_does_not_repeat_the_type_name() {
        assert_eq!(
            after_type_name("Quy chế hoạt động của Tổ công tác", "QUY CHẾ"),
            "Hoạt động của Tổ công tác"
        );
        assert_eq!(
            after_type_name("Ban hành Quy chế hoạt động", "QUYẾT ĐỊNH"),
            "Ban hành Quy chế hoạt động"
        );
        assert_eq!(after_type_name("Quy chế", "QUY CHẾ"), "Quy chế");
        assert_eq!(
            after_type_name("QUY ĐỊNH về việc tiếp nhận", "QUY ĐỊNH"),
            "Về việc tiếp nhận"
        );
    }

    #[test]
    fn a_title_is_lowercased_only_as_far_as_the_prefix_goes() {
        assert!(lowercase_starts_with("QUYẾT ĐỊNH Ban hành", "quyết định "));
        assert!(lowercase_starts_with("Kế hoạch", "kế hoạch"));
        assert!(!lowercase_starts_with("Kế", "kế hoạch"));
        assert!(!lowercase_starts_with("Quy chế", "quyết định"));
        assert!(lowercase_starts_with("", ""));
    }

    proptest::proptest! {
        #[test]
        fn lowercasing_a_prefix_agrees_with_lowercasing_the_whole(
            text in "[A-Za-zĐđẾếỊịẠạƠơƯưÂâ ]{0,12}",
            cut in 0usize..14,
            other in "[a-zđếịạơưâ ]{0,6}",
        ) {
            let lower = text.to_lowercase();
            let own: String = lower.chars().take(cut).collect();
            for prefix in [own.as_str(), other.as_str()] {
                proptest::prop_assert_eq!(
                    lowercase_starts_with(&text, prefix),
                    lower.starts_with(prefix)
                );
            }
        }
    }

    #[test]
    fn an_imported_regulation_keeps_its_own_kem_theo_line_in_the_heading_block() {
        let html = "<p>(Kèm theo Quyết định số 01/QĐ-TCT ngày 16/5/2022\ncủa Tổ trưởng)</p>\n<h2 id=\"a\">Chương I</h2>\n";
        assert_eq!(
            own_issued_with_line(html),
            (
                Some("Kèm theo Quyết định số 01/QĐ-TCT ngày 16/5/2022 của Tổ trưởng".to_string()),
                "<h2 id=\"a\">Chương I</h2>\n"
            )
        );
        let other = "<p>(Xem thêm phụ lục)</p>\n";
        assert_eq!(own_issued_with_line(other), (None, other));
    }

    #[test]
    fn headings_are_read_from_the_rendered_body_in_order() {
        let html = "<p>x</p><h2 id=\"chuong-i\">Chương I. <em>CHUNG</em></h2><hr>\
                    <h3 id=\"dieu-1\">Điều 1. A &amp; B</h3><h4 id=\"k\">k</h4><h2 id=\"ii\">II</h2>";
        let h = headings(html);
        let got: Vec<_> = h
            .iter()
            .map(|t| (t.id.as_str(), t.level, t.text_html.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("chuong-i", 2, "Chương I. CHUNG"),
                ("dieu-1", 3, "Điều 1. A &amp; B"),
                ("ii", 2, "II"),
            ]
        );
    }

    #[test]
    fn paper_centres_the_decision_line_and_breaks_chapters_in_two() {
        let html = "<p><strong>QUYẾT ĐỊNH:</strong></p>\n<h2 id=\"chuong-i\">Chương I. QUY ĐỊNH CHUNG</h2>\n\
                    <p><strong>Điều 1.</strong> X</p>\n";
        let out = paper_layout(html);
        assert!(
            out.starts_with("<p class=\"can-giua\"><strong>QUYẾT ĐỊNH:"),
            "{out}"
        );
        assert!(
            out.contains("<h2 id=\"chuong-i\" class=\"chuong\">Chương I<br>QUY ĐỊNH CHUNG</h2>"),
            "{out}"
        );
        assert!(out.contains("<p><strong>Điều 1.</strong> X</p>"), "{out}");
        let toc = headings(&out);
        assert_eq!(toc[0].id, "chuong-i");
        assert_eq!(toc[0].text_html, "Chương I. QUY ĐỊNH CHUNG");
    }

    #[test]
    fn a_printed_guide_code_decodes_to_its_page() {
        let url = "https://namdong.example.gov.vn/dich-vu/dang-ky-tam-tru/";
        let svg = qr_svg(url).unwrap_or_default();
        let n: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let d = svg.split(" d=\"").nth(1).and_then(|r| r.split('"').next());
        // Each run is `M x yhLENv1h-LENz`: paint it at 4 pixels per module.
        let mut dark = vec![false; n * n];
        for run in d.unwrap_or_default().split('z').filter(|r| !r.is_empty()) {
            let nums: Vec<usize> = run
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|t| t.parse().ok())
                .collect();
            let (x, y, len) = (nums[0], nums[1], nums[2]);
            for i in x..x + len {
                dark[y * n + i] = true;
            }
        }
        let px = 4;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(n * px, n * px, |x, y| {
            if dark[(y / px) * n + x / px] { 0 } else { 255 }
        });
        let found: Vec<String> = img
            .detect_grids()
            .into_iter()
            .filter_map(|g| g.decode().ok().map(|r| r.1))
            .collect();
        assert_eq!(found, [url]);
    }

    #[test]
    fn top_links_go_before_every_chapter_but_the_first_and_at_the_end() {
        let out = with_top_links("<h2 id=\"a\">A</h2><p>1</p><h2 id=\"b\">B</h2><p>2</p>");
        assert_eq!(out.matches("Về đầu trang").count(), 2);
        assert!(out.starts_with("<h2 id=\"a\">"), "{out}");
        let b = out.find("<h2 id=\"b\">").unwrap_or(0);
        assert!(out[..b].ends_with("</a></p>\n"), "{out}");
        assert!(out.ends_with("</a></p>\n"), "{out}");
    }
}
