//! A site: one administrative unit (`content/SITE/`), its `_site.yaml` and what it holds.

use super::document::Document;
use super::fields::{Fields, Located};
use super::guide::Guide;
use super::keys;
use super::ledger::LedgerEntry;
use crate::diag::{Code, Diagnostic, Pos, SourceFile};
use crate::yaml::{Node, Value};
use std::path::PathBuf;
use std::sync::Arc;

use crate::words::Word;
pub use crate::words::{Level, Role};

#[derive(Debug, Clone)]
pub struct Contact {
    pub name: String,
    pub title: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub title: String,
    /// `vai_tro`; one that is not a `Role` is reported when read and leaves `None`.
    pub role: Option<Role>,
    pub phone: Option<String>,
    pub file: Arc<SourceFile>,
}

/// `vai_tro` as a `Role` (from `_site.yaml` or `to-cong-tac.csv`, where Excel lists may carry
/// the label, `Tổ trưởng`, in any case); anything else is an error at the value with the nearest
/// role as a hint.
pub fn role(
    file: &SourceFile,
    written: &Located<String>,
    labels_too: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Role> {
    let value = &written.value;
    let by_label = || {
        let lower = crate::text::chars::nfc(value).to_lowercase();
        Role::ALL
            .iter()
            .copied()
            .find(|r| r.label().to_lowercase() == lower)
    };
    let role = Role::parse(value).or_else(|| labels_too.then(by_label).flatten());
    if role.is_none() {
        diags.push(
            file.error(
                written.pos,
                Code::VaiTro,
                format!("Vai trò `{}` không hợp lệ.", written.value),
            )
            .hint(crate::text::suggest::one_of_hint(
                &written.value,
                &Role::keys(),
            )),
        );
    }
    role
}

#[derive(Debug, Clone)]
pub struct Area {
    pub code: Located<String>,
    pub name: Located<String>,
    pub contacts: Vec<Contact>,
    pub file: Arc<SourceFile>,
}

#[derive(Debug, Clone)]
pub struct Commune {
    pub code: Located<String>,
    pub name: String,
    /// `trang`: the code of the commune's own site in the project (SPEC §5).
    pub page: Option<Located<String>>,
    /// That site's address (`https://.../`), found by [`link_commune_pages`].
    pub page_url: Option<String>,
    pub areas: Vec<Area>,
    pub file: Arc<SourceFile>,
}

#[derive(Debug, Clone)]
pub struct SiteInfo {
    pub file: Arc<SourceFile>,
    pub name: String,
    pub level: Level,
    pub province: String,
    pub district: Option<String>,
    pub issuer: Option<String>,
    pub place: Option<String>,
    pub base_url: Located<BaseUrl>,
    pub hotline: String,
    pub standing_body: Option<String>,
    pub roster: Vec<Member>,
    /// A district's communes (`don_vi`).
    pub communes: Vec<Commune>,
    /// A commune site's own residential areas (`khu_dan_cu`).
    pub areas: Vec<Area>,
    pub poster_guides: Vec<Located<String>>,
}

/// Services a poster shows: the first of `dich_vu_tren_poster` (the area page lists them first).
pub const MAX_POSTER_SERVICES: usize = 4;

/// A file under a site's `tep/`, as the loader found it: nothing below `load` reads the disk.
#[derive(Debug, Clone, Default)]
pub struct AttachmentFile {
    pub size: u64,
    /// Its first bytes (at most [`AttachmentFile::HEAD`]), for the type checks (SPEC §9).
    pub head: Vec<u8>,
}

impl AttachmentFile {
    pub const HEAD: usize = 1024;
}

#[derive(Debug)]
pub struct Site {
    /// Folder name: the site's ASCII code.
    pub code: String,
    pub dir: PathBuf,
    /// `content/CODE`, for messages.
    pub rel_dir: String,
    /// `None` when `_site.yaml` is missing or broken (its errors are reported).
    pub info: Option<SiteInfo>,
    pub documents: Vec<Document>,
    pub local_guides: Vec<Guide>,
    pub ledger: Vec<LedgerEntry>,
    pub ledger_file: Option<Arc<SourceFile>>,
    /// Files under `tep/`, as `tep/...` paths with `/` separators.
    pub attachment_files: std::collections::BTreeMap<String, AttachmentFile>,
}

impl SiteInfo {
    /// The base URL without its trailing slash (`https://host/path`).
    pub fn base(&self) -> &str {
        self.base_url.value.as_str().trim_end_matches('/')
    }
}

/// `base_url` (SPEC §5): an https address, parsed once when read. The text is kept as written
/// (pages and QR codes print it so), the parsed URL answers for its host and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    text: String,
    url: url::Url,
}

impl BaseUrl {
    /// Where an unusable `base_url` points while its error is reported: the site is never
    /// published then, but the rest of `_site.yaml` is still checked.
    const UNUSABLE: &str = "https://base-url-sai.invalid/";

    fn parse(text: &str) -> Option<BaseUrl> {
        let url = url::Url::parse(text).ok()?;
        (url.scheme() == "https" && url.host_str().is_some()).then(|| BaseUrl {
            text: text.to_string(),
            url,
        })
    }

    fn unusable(text: &str) -> BaseUrl {
        BaseUrl {
            text: text.to_string(),
            url: url::Url::parse(Self::UNUSABLE).expect("a constant, valid URL"),
        }
    }

    /// As written in `_site.yaml`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The path, `/` or `/de-an-06/` (always with its slashes).
    pub fn path(&self) -> &str {
        self.url.path()
    }
}

/// Lists that may come from CSV instead of YAML; filled by the loader before `parse`.
#[derive(Default)]
pub struct CsvLists {
    pub roster: Option<Vec<Member>>,
    pub areas: Option<Vec<(String, Area)>>,
}

pub fn parse(
    file: &Arc<SourceFile>,
    root: &Node,
    csv: CsvLists,
) -> (Option<SiteInfo>, Vec<Diagnostic>) {
    let mut f = Fields::new(file, root, &keys::SITE, Pos::START);
    let mut diags = Vec::new();
    let name = f.required_string("ten", "Thêm tên đơn vị, ví dụ `ten: \"Xã Bình An\"`.");
    let level = f.required_string(
        "cap",
        "Thêm cấp của đơn vị: `cap: xa`, `cap: huyen` hoặc `cap: tinh`.",
    );
    let level = level.and_then(|l| level_of(file, l, &mut diags));
    let province = f.required_string("tinh", "Thêm tên tỉnh, ví dụ `tinh: \"Quảng Trị\"`.");
    let district = f.string("huyen").map(|s| s.value);
    let issuer = f.string("co_quan").map(|s| s.value);
    let place = f.string("dia_danh").map(|s| s.value);
    let base_url = f.required_string(
        "base_url",
        "Thêm địa chỉ trang sẽ công bố, ví dụ `base_url: \"https://binhan.example.gov.vn/\"`.",
    );
    let base_url = base_url.map(|b| parse_base_url(file, b, &mut diags));
    let hotline = f.required_string(
        "duong_day_nong",
        "Thêm số đường dây nóng của Tổ công tác trong ngoặc kép, ví dụ `duong_day_nong: \"0234 3871 206\"`.",
    );
    if let Some(h) = &hotline {
        check_phone(file, "duong_day_nong", h, &mut diags);
    }
    let standing_body = f.string("co_quan_thuong_truc").map(|s| s.value);

    let roster = roster(file, &mut f, csv.roster, &mut diags);

    let (communes, areas) = communes_and_areas(file, &mut f, csv.areas, &mut diags);
    let poster_guides = f.string_list("dich_vu_tren_poster");
    diags.extend(f.finish());

    let info = match (name, level, province, base_url, hotline) {
        (Some(name), Some(level), Some(province), Some(base_url), Some(hotline)) => {
            Some(SiteInfo {
                file: file.clone(),
                name: name.value,
                level,
                province: province.value,
                district,
                issuer,
                place,
                base_url,
                hotline: hotline.value,
                standing_body,
                roster,
                communes,
                areas,
                poster_guides,
            })
        }
        _ => None,
    };
    (info, diags)
}

/// `cap`: `xa`, `huyen` or `tinh`; a ward, a township or a special zone is a `xa`.
fn level_of(file: &SourceFile, l: Located<String>, diags: &mut Vec<Diagnostic>) -> Option<Level> {
    match Level::parse(&l.value) {
        Some(level) => Some(level),
        None => {
            let other = l.value.as_str();
            let hint = match other {
                "phuong" | "thi-tran" | "thi_tran" | "dac-khu" | "dac_khu" => {
                    "Phường, thị trấn và đặc khu dùng `cap: xa`.".to_string()
                }
                _ => format!(
                    "{} Phường, thị trấn, đặc khu là `xa`.",
                    crate::text::suggest::one_of_hint(other, &Level::keys())
                ),
            };
            diags.push(
                file.error(l.pos, Code::Cap, format!("Cấp `{other}` không hợp lệ."))
                    .hint(hint),
            );
            None
        }
    }
}

/// `to_cong_tac`, from `to-cong-tac.csv` when the site has one (never from both).
fn roster(
    file: &Arc<SourceFile>,
    f: &mut Fields,
    csv: Option<Vec<Member>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Member> {
    let roster_yaml = f.list("to_cong_tac");
    match csv {
        Some(list) => {
            if !roster_yaml.is_empty() {
                diags.push(both_error(
                    file,
                    f.key_pos("to_cong_tac"),
                    "to_cong_tac",
                    "to-cong-tac.csv",
                ));
            }
            list
        }
        None => roster_yaml
            .into_iter()
            .filter_map(|n| member(file, n, diags))
            .collect(),
    }
}

/// `don_vi` and `khu_dan_cu`, the areas from `khu-dan-cu.csv` when the site has one (never from
/// both), each placed under its commune.
fn communes_and_areas(
    file: &Arc<SourceFile>,
    f: &mut Fields,
    csv: Option<Vec<(String, Area)>>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Commune>, Vec<Area>) {
    let communes_yaml = f.list("don_vi");
    let areas_yaml = f.list("khu_dan_cu");
    let mut communes: Vec<Commune> = communes_yaml
        .into_iter()
        .filter_map(|n| commune(file, n, diags))
        .collect();
    let mut areas: Vec<Area> = areas_yaml
        .iter()
        .filter_map(|n| area(file, n, diags))
        .collect();
    if let Some(csv_areas) = csv {
        if !areas.is_empty() || communes.iter().any(|c| !c.areas.is_empty()) {
            diags.push(both_error(
                file,
                f.key_pos("khu_dan_cu").or(f.key_pos("don_vi")),
                "khu_dan_cu",
                "khu-dan-cu.csv",
            ));
        }
        for (unit, a) in csv_areas {
            if unit.is_empty() {
                areas.push(a);
            } else if let Some(c) = communes.iter_mut().find(|c| c.code.value == unit) {
                c.areas.push(a);
            } else {
                diags.push(
                    a.file
                        .error(
                            Pos::new(a.code.pos.line(), 1),
                            Code::DonVi,
                            format!("Đơn vị `{unit}` không có trong `don_vi` của _site.yaml."),
                        )
                        .hint("Cột `don_vi` phải là mã một xã khai trong `don_vi`; để trống nếu là trang của xã."),
                );
            }
        }
    }
    (communes, areas)
}

fn both_error(file: &SourceFile, pos: Option<Pos>, key: &str, csv: &str) -> Diagnostic {
    file.error(
        pos.unwrap_or(Pos::START),
        Code::HaiNguon,
        format!("Danh sách `{key}` có cả trong _site.yaml và trong {csv}."),
    )
    .hint(format!(
        "Giữ một nơi: xóa `{key}` khỏi _site.yaml hoặc xóa tệp {csv}."
    ))
}

/// `base_url` checked and parsed; an unusable one is reported and kept as `BaseUrl::unusable`.
fn parse_base_url(
    file: &SourceFile,
    b: Located<String>,
    diags: &mut Vec<Diagnostic>,
) -> Located<BaseUrl> {
    let ok = check_base_url(file, &b, diags);
    let parsed = ok.then(|| BaseUrl::parse(&b.value)).flatten();
    if ok && parsed.is_none() {
        diags.push(bad_base_url(file, &b));
    }
    Located::new(parsed.unwrap_or_else(|| BaseUrl::unusable(&b.value)), b.pos)
}

/// The shape rules of `base_url`; true when it passes them.
fn check_base_url(file: &SourceFile, b: &Located<String>, diags: &mut Vec<Diagnostic>) -> bool {
    let v = &b.value;
    let host = v.strip_prefix("https://").unwrap_or("");
    let host_part = host.split('/').next().unwrap_or("");
    if !v.starts_with("https://") {
        diags.push(
            file.error(
                b.pos,
                Code::BaseUrl,
                format!("`base_url` phải bắt đầu bằng `https://` (đang là `{v}`)."),
            )
            .hint("Mã QR in ra phải trỏ tới địa chỉ an toàn, lâu dài: dùng `https://`."),
        );
    } else if host_part.is_empty()
        || !host_part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
        || v.contains(['?', '#', ' '])
        // The path goes into every link and the sitemap: plain ASCII path characters only.
        || !host[host_part.len()..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~/".contains(c))
        || host.contains("//")
        || host.split('/').any(|seg| seg == ".." || seg == ".")
    {
        diags.push(bad_base_url(file, b));
    } else {
        return true;
    }
    false
}

fn bad_base_url(file: &SourceFile, b: &Located<String>) -> Diagnostic {
    file.error(
        b.pos,
        Code::BaseUrl,
        format!("`base_url` không phải địa chỉ web hợp lệ: `{}`.", b.value),
    )
    .hint("Ví dụ: `https://binhan.example.gov.vn/` (tên miền không dấu, không có khoảng trắng).")
}

/// `dien_thoai`, checked against the phone shape the schema states (`keys::PHONE`).
fn phone_of(f: &mut Fields<'_>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let phone = f.string("dien_thoai")?;
    check_phone(f.file, "dien_thoai", &phone, diags);
    Some(phone.value)
}

/// A phone field (`dien_thoai`, `duong_day_nong`, a CSV phone column) checked against the shape
/// the schema states (`keys::PHONE`) and against what Excel does to numbers (`text::phone`).
pub(super) fn check_phone(
    file: &SourceFile,
    key: &str,
    v: &Located<String>,
    diags: &mut Vec<Diagnostic>,
) {
    use crate::text::phone::{ExcelDamage, excel_damage};
    const EXCEL_FIX: &str =
        "định dạng cột Điện thoại là Văn bản (Text) trong Excel, hoặc gõ lại số 0 ở đầu";
    let value = &v.value;
    let d = match excel_damage(value) {
        Some(ExcelDamage::Exponent) => file
            .error(v.pos, Code::DienThoai, format!("`{key}` là `{value}`: Excel đã đổi số điện thoại sang dạng số mũ, các chữ số cuối đã mất."))
            .hint(format!("Gõ lại đủ số; để Excel không đổi nữa, {EXCEL_FIX}.")),
        Some(ExcelDamage::LostZero(whole)) => file
            .error(v.pos, Code::DienThoai, format!("`{key}` là `{value}`: số điện thoại mất số 0 ở đầu (Excel bỏ số 0 khi ô có kiểu Số), gọi sẽ không được."))
            .hint(format!("Viết `{whole}`: {EXCEL_FIX}.")),
        None if keys::is_phone(value) => return,
        None => file
            .error(v.pos, Code::DienThoai, format!("`{key}` không phải một số điện thoại: `{value}`."))
            .hint("Chỉ ghi số (có thể có dấu cách, `.`, `-`, ngoặc đơn), ví dụ `0234 3871 206`; lời ghi chú để ở khóa hoặc cột khác."),
    };
    diags.push(d);
}

fn str_of(f: &mut Fields<'_>, key: &'static str) -> Option<String> {
    f.string(key).map(|s| s.value)
}

fn member(file: &Arc<SourceFile>, node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Member> {
    let mut f = Fields::new(file, node, &keys::MEMBER, node.pos);
    let name = f.required_string("ho_ten", "Thêm `ho_ten`.");
    let title = f.required_string("chuc_vu", "Thêm `chuc_vu` (chức vụ chính quyền, đoàn thể).");
    let role = f.required_string("vai_tro", &format!("Thêm `vai_tro`: {}.", Role::one_of()));
    let phone = phone_of(&mut f, diags);
    diags.extend(f.finish());
    let role = role.as_ref().map(|r| self::role(file, r, false, diags));
    Some(Member {
        name: name?.value,
        title: title?.value,
        role: role?,
        phone,
        file: file.clone(),
    })
}

fn contacts(file: &SourceFile, node: Option<&Node>, diags: &mut Vec<Diagnostic>) -> Vec<Contact> {
    let Some(node) = node else {
        return Vec::new();
    };
    let Value::Seq(items) = &node.value else {
        diags.push(
            file.error(node.pos, Code::KieuSai, "`lien_he` phải là một danh sách.")
                .hint("Viết `lien_he:` rồi mỗi người một mục `- {ho_ten: ..., chuc_vu: ..., dien_thoai: \"...\"}`."),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let mut f = Fields::new(file, item, &keys::CONTACT, item.pos);
        let name = f.required_string("ho_ten", "Thêm `ho_ten` của người liên hệ.");
        let title = str_of(&mut f, "chuc_vu").unwrap_or_default();
        let phone = phone_of(&mut f, diags);
        diags.extend(f.finish());
        if let Some(name) = name {
            out.push(Contact {
                name: name.value,
                title,
                phone,
            });
        }
    }
    out
}

fn area(file: &Arc<SourceFile>, node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Area> {
    let mut f = Fields::new(file, node, &keys::AREA, node.pos);
    let code = f.required_string("ma", "Thêm mã khu dân cư không dấu, ví dụ `ma: thon-2`.");
    let name = f.required_string("ten", "Thêm tên khu dân cư, ví dụ `ten: \"Thôn 2\"`.");
    let lien_he = f.node("lien_he");
    let contacts = contacts(file, lien_he, diags);
    diags.extend(f.finish());
    Some(Area {
        code: code?,
        name: name?,
        contacts,
        file: file.clone(),
    })
}

fn commune(file: &Arc<SourceFile>, node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Commune> {
    let mut f = Fields::new(file, node, &keys::COMMUNE, node.pos);
    let code = f.required_string("ma", "Thêm mã xã không dấu, ví dụ `ma: huong-phu`.");
    let name = f.required_string("ten", "Thêm tên xã, ví dụ `ten: \"Xã Hương Phú\"`.");
    let page = f.string("trang");
    let areas = f
        .list("khu_dan_cu")
        .into_iter()
        .filter_map(|n| area(file, n, diags))
        .collect();
    diags.extend(f.finish());
    Some(Commune {
        code: code?,
        name: name?.value,
        page,
        page_url: None,
        areas,
        file: file.clone(),
    })
}

/// `trang` of each commune (SPEC §5): the code of a site of the project (`all`, whether built
/// this run or not), whose address the province's or district's pages link to. Anything else is
/// an error at the value with the nearest site code.
pub fn link_commune_pages(
    root: &std::path::Path,
    sites: &mut [Site],
    all: &[String],
    diags: &mut Vec<Diagnostic>,
) {
    let loaded: std::collections::BTreeMap<String, String> = sites
        .iter()
        .filter_map(|s| Some((s.code.clone(), format!("{}/", s.info.as_ref()?.base()))))
        .collect();
    for site in sites.iter_mut() {
        let own = site.code.clone();
        let Some(info) = &mut site.info else {
            continue;
        };
        for c in &mut info.communes {
            let Some(page) = &c.page else {
                continue;
            };
            if page.value == own || !all.contains(&page.value) {
                let others = all.iter().filter(|s| **s != own);
                let hint = crate::text::suggest::did_you_mean(&page.value, others.clone())
                    .unwrap_or_else(|| {
                        let codes: Vec<String> = others.map(|s| format!("`{s}`")).collect();
                        format!("Các đơn vị của dự án: {}.", codes.join(", "))
                    });
                diags.push(
                    info.file
                        .error(page.pos, Code::Trang, format!("`trang: {}` không phải một đơn vị khác của dự án.", page.value))
                        .hint(format!("{hint} `trang` là tên thư mục của trang riêng của xã trong `content/`; bỏ khóa này nếu xã chưa có trang riêng.")),
                );
                continue;
            }
            c.page_url = loaded
                .get(&page.value)
                .cloned()
                .or_else(|| base_url_of(root, &page.value));
        }
    }
}

/// The address of a site that is not loaded this run (`build --site tinh`), read from its
/// `_site.yaml`; `None` when it is unusable (its own run reports why).
fn base_url_of(root: &std::path::Path, code: &str) -> Option<String> {
    let path = root.join("content").join(code).join("_site.yaml");
    let file = super::load::read_text(root, &path).ok()?;
    let node = crate::yaml::parse(&file.text, 0).ok()?;
    let Value::Map(entries) = &node.value else {
        return None;
    };
    let text = entries
        .iter()
        .find(|(k, _)| k.as_str() == Some("base_url"))?
        .1
        .as_str()?
        .trim();
    let url = BaseUrl::parse(text)?;
    Some(format!("{}/", url.as_str().trim_end_matches('/')))
}
