//! Content rules that need no rendering (pipeline step 2): SPEC §3, §5, §8 and §9.
//!
//! Each rule is one function that reads the loaded project and pushes located diagnostics; none
//! stops at the first problem. Rules that need the rendered Markdown (links, raw HTML) run in
//! `resolve`/`render`; rules that compare documents by number run in `resolve`.

use crate::diag::{Diagnostics, Pos, SourceFile};
use crate::project::{Document, Level, Project, Site, SiteInfo};
use crate::text::{number, pii, slug};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

pub fn project(project: &Project, today: NaiveDate, diags: &mut Diagnostics) {
    let all_contacts: BTreeSet<String> = project
        .sites
        .iter()
        .filter_map(|s| s.info.as_ref())
        .flat_map(contact_numbers)
        .collect();
    for g in &project.shared_guides {
        personal_data(&g.file, &all_contacts, diags);
    }
    for site in &project.sites {
        self::site(project, site, today, diags);
    }
}

fn site(project: &Project, site: &Site, today: NaiveDate, diags: &mut Diagnostics) {
    let allowed: BTreeSet<String> = site.info.iter().flat_map(contact_numbers).collect();
    if let Some(info) = &site.info {
        roster(info, diags);
        areas(info, diags);
        poster_guides(project, site, info, diags);
        personal_data_outside_contacts(info, &allowed, diags);
    }
    // Documents are independent of each other here: check them on every core, keep file order.
    let per_doc: Vec<Diagnostics> = site
        .documents
        .par_iter()
        .map(|doc| {
            let mut d = Diagnostics::new();
            document(site, doc, today, &mut d);
            personal_data(&doc.file, &allowed, &mut d);
            d
        })
        .collect();
    for d in per_doc {
        diags.extend(d.into_vec());
    }
    for g in &site.local_guides {
        personal_data(&g.file, &allowed, diags);
    }
}

/// Every phone number declared in a contact field of the site, as digits (SPEC §9).
pub fn contact_numbers(info: &SiteInfo) -> Vec<String> {
    let mut out = vec![pii::normalize_phone(&info.hotline)];
    out.extend(
        info.roster
            .iter()
            .filter_map(|m| m.phone.as_deref())
            .map(pii::normalize_phone),
    );
    let areas = info
        .areas
        .iter()
        .chain(info.communes.iter().flat_map(|c| c.areas.iter()));
    for a in areas {
        out.extend(
            a.contacts
                .iter()
                .filter_map(|c| c.phone.as_deref())
                .map(pii::normalize_phone),
        );
    }
    out.retain(|n| !n.is_empty());
    out
}

fn personal_data(file: &SourceFile, allowed: &BTreeSet<String>, diags: &mut Diagnostics) {
    for f in pii::scan(&file.text, allowed) {
        let pos = file.pos_of_byte(f.byte_start);
        diags.push(
            file.error(pos, "du-lieu-ca-nhan", f.kind.message())
                .hint(f.kind.hint()),
        );
    }
}

/// `_site.yaml` declares contacts, so numbers there are allowed; ID numbers are not.
fn personal_data_outside_contacts(
    info: &SiteInfo,
    allowed: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    personal_data(&info.file, allowed, diags);
}

fn roster(info: &SiteInfo, diags: &mut Diagnostics) {
    for m in &info.roster {
        if !crate::project::site::ROLES
            .iter()
            .any(|(k, _)| *k == m.role.value)
        {
            diags.push(
                m.file
                    .error(m.role.pos, "vai-tro", format!("Vai trò `{}` không hợp lệ.", m.role.value))
                    .hint("Dùng một trong: to-truong, to-pho-thuong-truc, to-pho, thanh-vien, thu-ky, giup-viec."),
            );
        }
    }
}

fn areas(info: &SiteInfo, diags: &mut Diagnostics) {
    let mut commune_codes: BTreeMap<&str, Pos> = BTreeMap::new();
    for c in &info.communes {
        code_shape(&c.file, &c.code, "xã", diags);
        if let Some(first) = commune_codes.insert(&c.code.value, c.code.pos) {
            diags.push(
                c.file
                    .error(
                        c.code.pos,
                        "ma-trung",
                        format!("Mã xã `{}` bị trùng.", c.code.value),
                    )
                    .note(format!("mã này đã dùng ở dòng {}", first.line))
                    .hint("Mỗi xã một mã riêng."),
            );
        }
        area_list(&c.areas, diags);
    }
    area_list(&info.areas, diags);
    if info.level == Level::District && !info.areas.is_empty() {
        let a = &info.areas[0];
        diags.push(
            a.file
                .error(a.code.pos, "khu-dan-cu", "Trang cấp huyện khai khu dân cư trong từng xã (`don_vi`), không khai trực tiếp.")
                .hint("Chuyển khu dân cư vào `khu_dan_cu` của xã trong `don_vi` (hoặc điền cột `don_vi` trong khu-dan-cu.csv)."),
        );
    }
    if info.level != Level::District && !info.communes.is_empty() {
        let c = &info.communes[0];
        diags.push(
            c.file
                .error(
                    c.code.pos,
                    "don-vi",
                    "Chỉ trang cấp huyện (`cap: huyen`) mới khai `don_vi`.",
                )
                .hint("Trang của xã khai khu dân cư bằng `khu_dan_cu`."),
        );
    }
}

fn area_list(areas: &[crate::project::Area], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, Pos> = BTreeMap::new();
    for a in areas {
        code_shape(&a.file, &a.code, "khu dân cư", diags);
        if a.name.value.trim().is_empty() {
            diags.push(
                a.file
                    .error(a.name.pos, "ten-trong", "Khu dân cư chưa có tên.")
                    .hint("Điền tên, ví dụ `Thôn 2`."),
            );
        }
        if let Some(first) = seen.insert(&a.code.value, a.code.pos) {
            diags.push(
                a.file
                    .error(
                        a.code.pos,
                        "ma-trung",
                        format!(
                            "Mã khu dân cư `{}` bị trùng trong cùng một xã.",
                            a.code.value
                        ),
                    )
                    .note(format!("mã này đã dùng ở dòng {}", first.line))
                    .hint("Mỗi khu dân cư một mã riêng, ví dụ `thon-2`, `thon-2b`."),
            );
        }
    }
}

fn code_shape(
    file: &SourceFile,
    code: &crate::project::Located<String>,
    what: &str,
    diags: &mut Diagnostics,
) {
    if !slug::is_slug(&code.value) {
        let s = slug::slugify(&code.value);
        diags.push(
            file.error(code.pos, "ma", format!("Mã {what} `{}` phải viết thường, không dấu, nối bằng `-` (dùng trong địa chỉ trang).", code.value))
                .hint(if s.is_empty() { "Ví dụ: `thon-2`.".to_string() } else { format!("Viết `{s}`.") }),
        );
    }
}

fn poster_guides(project: &Project, site: &Site, info: &SiteInfo, diags: &mut Diagnostics) {
    for g in &info.poster_guides {
        let exists = site
            .local_guides
            .iter()
            .chain(&project.shared_guides)
            .any(|x| x.name == g.value);
        if !exists {
            let names: Vec<&str> = site
                .local_guides
                .iter()
                .chain(&project.shared_guides)
                .map(|x| x.name.as_str())
                .collect();
            let near = names
                .iter()
                .min_by_key(|n| strsim::levenshtein(n, &g.value))
                .map(|n| format!("Có phải ý bạn là `{n}`? "))
                .unwrap_or_default();
            diags.push(
                info.file
                    .error(
                        g.pos,
                        "dich-vu",
                        format!("Không có hướng dẫn dịch vụ `{}`.", g.value),
                    )
                    .hint(format!(
                        "{near}Tên là tên tệp trong `dich-vu/` không có `.md`."
                    )),
            );
        }
    }
}

fn document(site: &Site, doc: &Document, today: NaiveDate, diags: &mut Diagnostics) {
    let file = &doc.file;
    if let Some(kind) = &doc.kind
        && !number::is_known_type(&kind.value)
    {
        let keys: Vec<&str> = number::DOC_TYPES.iter().map(|t| t.0).collect();
        let mut d = file.error(
            kind.pos,
            "loai",
            format!("Loại văn bản `{}` không có trong danh mục.", kind.value),
        );
        d = match crate::project::fields::suggest(&kind.value, &keys) {
            Some(s) => d.hint(format!("Có phải ý bạn là `{s}`?")),
            None => d.hint(format!("Dùng một trong: {}.", keys.join(", "))),
        };
        diags.push(d);
    }
    if let Some(n) = &doc.number {
        match number::parse_so_hieu(&n.value) {
            Err(p) => {
                let pos = Pos::new(n.pos.line, n.pos.column + p.char_offset.unwrap_or(0));
                let mut d = file.error(pos, "so-hieu", p.message.clone());
                let hint = match &p.suggestion {
                    Some(s) => format!("{} Viết `so_hieu: \"{s}\"`.", p.hint),
                    None => p.hint.clone(),
                };
                d = d.hint(hint);
                diags.push(d);
            }
            Ok(parsed) => {
                if let Some(kind) = &doc.kind
                    && number::is_known_type(&kind.value)
                    && let Err(msg) = number::check_type_matches(&kind.value, &parsed)
                {
                    diags.push(file.error(n.pos, "so-hieu-loai", msg).hint(
                        "Sửa `loai` cho đúng loại văn bản, hoặc sửa ký hiệu cho đúng bản giấy.",
                    ));
                }
            }
        }
        if doc.issued_with.is_some() {
            diags.push(
                file.error(n.pos, "kem-theo-so-hieu", "Văn bản ban hành kèm theo một quyết định không có số hiệu riêng.")
                    .hint("Xóa `so_hieu` (và `ngay_ban_hanh`): văn bản lấy số và ngày của quyết định ban hành nó."),
            );
        }
    }
    if let Some(d) = &doc.date
        && d.value > today
    {
        diags.push(
            file.warning(
                d.pos,
                "ngay-tuong-lai",
                format!(
                    "Ngày ban hành {} ở sau ngày dựng trang.",
                    crate::text::date::date_vi(d.value)
                ),
            )
            .hint("Kiểm tra lại năm, tháng, ngày."),
        );
    }
    if let (Some(from), Some(to)) = (&doc.valid_from, &doc.valid_to)
        && to.value < from.value
    {
        diags.push(
            file.error(
                to.pos,
                "hieu-luc",
                format!(
                    "Hiệu lực kết thúc ({}) trước khi bắt đầu ({}).",
                    crate::text::date::date_vi(to.value),
                    crate::text::date::date_vi(from.value)
                ),
            )
            .hint("Sửa `den_ngay` thành ngày sau `tu_ngay`."),
        );
    }
    if let (Some(issued), Some(from)) = (&doc.date, &doc.valid_from)
        && from.value < issued.value
    {
        diags.push(
            file.warning(from.pos, "hieu-luc", "Văn bản có hiệu lực trước ngày ban hành.")
                .hint("Kiểm tra lại `tu_ngay`: hiệu lực hồi tố hiếm khi đúng với văn bản của Tổ công tác."),
        );
    }
    for b in &doc.bases {
        if let (Some(bd), Some(own)) = (b.date, doc.date.as_ref())
            && bd > own.value
        {
            diags.push(
                file.warning(
                    b.pos,
                    "can-cu-sau",
                    "Văn bản làm căn cứ có ngày sau ngày ban hành văn bản này.",
                )
                .hint("Kiểm tra lại ngày của căn cứ."),
            );
        }
    }
    if let Some(s) = &doc.slug_override
        && !slug::is_slug(&s.value)
    {
        diags.push(
            file.error(
                s.pos,
                "duong-dan",
                format!(
                    "`duong_dan` phải là chữ thường không dấu, số và `-`: `{}`.",
                    s.value
                ),
            )
            .hint(format!("Viết `duong_dan: {}`.", slug::slugify(&s.value))),
        );
    }
    if let Some(u) = &doc.unit {
        let declared = site
            .info
            .as_ref()
            .is_some_and(|i| i.communes.iter().any(|c| c.code.value == u.value));
        if !declared {
            let hint = match &site.info {
                Some(i) if !i.communes.is_empty() => format!(
                    "Các mã xã đã khai: {}.",
                    i.communes
                        .iter()
                        .map(|c| format!("`{}`", c.code.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => "Khai xã này trong `don_vi` của _site.yaml, hoặc xóa `don_vi` khỏi văn bản."
                    .into(),
            };
            diags.push(
                file.error(
                    u.pos,
                    "don-vi",
                    format!(
                        "Đơn vị `{}` không có trong `don_vi` của _site.yaml.",
                        u.value
                    ),
                )
                .hint(hint),
            );
        }
    }
    for a in &doc.attachments {
        attachment(site, file, a, diags);
    }
}

/// `kem_theo` paths lie inside the site's `tep/` folder and exist (SPEC §9 "Attachments").
fn attachment(
    site: &Site,
    file: &SourceFile,
    a: &crate::project::Located<String>,
    diags: &mut Diagnostics,
) {
    let p = a.value.trim_start_matches("./");
    let bad_path = p.starts_with('/')
        || p.contains('\\')
        || p.split('/').any(|s| s == ".." || s == "." || s.is_empty());
    if bad_path || !p.starts_with("tep/") {
        diags.push(
            file.error(a.pos, "kem-theo", format!("Đường dẫn tệp đính kèm `{}` phải nằm trong thư mục `tep/` của đơn vị.", a.value))
                .hint("Viết đường dẫn tính từ thư mục đơn vị, không dùng `..`, ví dụ `tep/2024/phu-luc.pdf`."),
        );
        return;
    }
    let lower = p.to_lowercase();
    if [".html", ".htm", ".svg", ".xhtml", ".js", ".xml"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        diags.push(
            file.error(a.pos, "kem-theo-loai", "Không đính kèm tệp HTML, SVG hoặc JavaScript: chúng có thể chứa mã chạy trên trang.")
                .hint("Chuyển tệp sang PDF (In → Lưu dưới dạng PDF) rồi đính kèm tệp PDF."),
        );
        return;
    }
    if !site.attachment_files.contains(p) {
        let near = site
            .attachment_files
            .iter()
            .min_by_key(|f| strsim::levenshtein(f, p))
            .map(|f| format!("Có phải là `{f}`? "))
            .unwrap_or_default();
        diags.push(
            file.error(
                a.pos,
                "kem-theo-thieu",
                format!(
                    "Không tìm thấy tệp đính kèm `{}` trong `{}/`.",
                    a.value, site.rel_dir
                ),
            )
            .hint(format!(
                "{near}Chép tệp vào đúng chỗ hoặc sửa đường dẫn (phân biệt chữ hoa, chữ thường)."
            )),
        );
    }
}

pub fn usage_unknown_sites(project_root: &std::path::Path, only: &[String]) -> Option<String> {
    let content = project_root.join("content");
    let missing: Vec<&String> = only
        .iter()
        .filter(|s| !content.join(s).is_dir() || s.starts_with('_'))
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "Không có đơn vị {} trong `{}`.",
            missing
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", "),
            content.display()
        )
    })
}
