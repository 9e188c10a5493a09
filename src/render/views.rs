//! What templates see: plain serializable views of the resolved site, built once per site.
//!
//! Every string here is plain text; templates autoescape it. Only `*_html` fields carry markup,
//! and those come from the Markdown renderer (checked, and sanitized when raw HTML was present).

use crate::project::site::ROLES;
use crate::project::{Area, Level, SiteInfo};
use crate::resolve::{Cited, DocEntry, Relation, SiteModel};
use crate::text::date::{date_line, date_vi};
use crate::text::number;
use chrono::NaiveDate;
use serde::Serialize;

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
    pub communes: Vec<Link>,
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
pub struct SignerView {
    pub authority: Option<String>,
    pub titles: Vec<String>,
    pub name: String,
}

#[derive(Serialize, Clone)]
pub struct AttachmentView {
    pub url: String,
    pub name: String,
    pub kind: String,
    pub size: String,
}

#[derive(Serialize, Clone)]
pub struct DocSummary {
    pub url: String,
    pub slug: String,
    pub kind: String,
    pub kind_name: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub year: Option<i32>,
    pub title: String,
    pub issuer: String,
    pub draft: bool,
    pub status: Option<Status>,
}

#[derive(Serialize, Clone)]
pub struct DocView {
    #[serde(flatten)]
    pub summary: DocSummary,
    pub parent_body: Option<String>,
    pub issuer_upper: String,
    pub parent_upper: Option<String>,
    pub date_line: Option<String>,
    pub type_name: String,
    pub addressees: Vec<String>,
    pub signer: Option<SignerView>,
    pub recipients: Vec<String>,
    pub attachments: Vec<AttachmentView>,
    pub cites: Vec<CitedView>,
    pub cited_by: Vec<CitedView>,
    pub topics: Vec<String>,
    pub unit: Option<Link>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub body_html: String,
}

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
    match level {
        Level::Province => "Tỉnh",
        Level::District => "Huyện",
        Level::Commune => "Xã",
    }
}

pub fn tel(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

pub fn base_path(info: &SiteInfo) -> String {
    let rest = info
        .base_url
        .value
        .strip_prefix("https://")
        .unwrap_or(&info.base_url.value);
    match rest.find('/') {
        Some(i) => {
            let p = rest[i..].trim_end_matches('/');
            format!("{p}/")
        }
        None => "/".to_string(),
    }
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
            .map(|c| Link {
                url: format!("{bp}khu-dan-cu/{}/", c.code.value),
                label: c.name.clone(),
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
        let _ = bp;
        return Some(Status {
            code: "thay-the",
            label: format!(
                "Bị thay thế bởi {}",
                r.number
                    .clone()
                    .unwrap_or_else(|| r.doc.title_text().to_string())
            ),
            since: r.date.map(date_vi),
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
        });
    }
    if let Some(from) = from
        && from > today
    {
        return Some(Status {
            code: "chua",
            label: format!("Chưa có hiệu lực (từ {})", date_vi(from)),
            since: None,
        });
    }
    if from.is_some() || to.is_some() {
        return Some(Status {
            code: "con",
            label: "Còn hiệu lực".into(),
            since: from.or(e.date).map(date_vi),
        });
    }
    // Normative and directing documents take effect when signed unless they say otherwise;
    // reports, letters and invitations have no validity to show.
    let lasting = matches!(
        e.doc.kind_text(),
        "quyet-dinh"
            | "chi-thi"
            | "quy-che"
            | "quy-dinh"
            | "huong-dan"
            | "chuong-trinh"
            | "ke-hoach"
            | "phuong-an"
            | "de-an"
    );
    (lasting && e.date.is_some_and(|d| d <= today)).then(|| Status {
        code: "con",
        label: "Còn hiệu lực".into(),
        since: e.date.map(date_vi),
    })
}

pub fn doc_url(bp: &str, e: &DocEntry) -> String {
    format!("{bp}van-ban/{}/", e.slug)
}

pub fn summary(model: &SiteModel, i: usize, today: NaiveDate, bp: &str) -> DocSummary {
    let e = &model.docs[i];
    let kind = e.doc.kind_text().to_string();
    DocSummary {
        url: doc_url(bp, e),
        slug: e.slug.clone(),
        kind_name: number::type_name(&kind).map(title_case).unwrap_or_default(),
        kind,
        number: e.number.clone(),
        date: e.date.map(date_vi),
        year: e.year(),
        title: e.doc.title_text().to_string(),
        issuer: e.issuer.clone(),
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

fn cited_view(model: &SiteModel, c: &Cited, bp: &str) -> CitedView {
    let target = c.target.map(|t| &model.docs[t]);
    CitedView {
        label: relation_labels(c.relation).0,
        number: c
            .number
            .clone()
            .or_else(|| target.and_then(|t| t.number.clone())),
        date: c.date.or(target.and_then(|t| t.date)).map(date_vi),
        issuer: c.issuer.clone(),
        title: c
            .title
            .clone()
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

pub fn doc_view(
    model: &SiteModel,
    i: usize,
    today: NaiveDate,
    bp: &str,
    body_html: String,
    sizes: &dyn Fn(&str) -> Option<u64>,
) -> DocView {
    let e = &model.docs[i];
    let d = e.doc;
    let parent = d.parent_body.clone();
    DocView {
        summary: summary(model, i, today, bp),
        issuer_upper: e.issuer.to_uppercase(),
        parent_upper: parent.as_ref().map(|p| p.to_uppercase()),
        parent_body: parent,
        date_line: e.date.map(|date| date_line(&e.place, date)),
        type_name: number::type_name(d.kind_text()).unwrap_or("").to_string(),
        addressees: d.addressees.clone(),
        signer: d.signer.as_ref().map(|s| SignerView {
            authority: s.authority.clone(),
            titles: s.titles.clone(),
            name: s.name.clone(),
        }),
        recipients: d.recipients.clone(),
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
            .map(|c| cited_view(model, c, bp))
            .collect(),
        cited_by: e
            .cited_by
            .iter()
            .map(|(r, j)| {
                let t = &model.docs[*j];
                CitedView {
                    label: relation_labels(*r).1,
                    number: t.number.clone(),
                    date: t.date.map(date_vi),
                    issuer: Some(t.issuer.clone()),
                    title: Some(t.doc.title_text().to_string()),
                    url: Some(doc_url(bp, t)),
                }
            })
            .collect(),
        topics: d.topics.clone(),
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
        body_html,
    }
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
            .filter_map(|c| {
                crate::project::guide::CHANNELS
                    .iter()
                    .find(|(k, _)| *k == c.value)
                    .map(|(k, l)| ChannelView {
                        key: k.to_string(),
                        label: l,
                    })
            })
            .collect(),
        link: g.link.as_ref().map(|l| l.value.clone()),
        requirements: g.requirements.clone(),
        body_html,
    }
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
    ROLES
        .iter()
        .map(|(role, label)| RoleGroup {
            role: role.to_string(),
            label,
            members: info
                .roster
                .iter()
                .filter(|m| m.role.value == *role)
                .map(|m| contact(&m.name, &m.title, m.phone.as_deref()))
                .collect(),
        })
        .filter(|g| !g.members.is_empty())
        .collect()
}
