//! Content rules that need no rendering (pipeline step 2): SPEC §3, §5, §8 and §9.
//!
//! Each rule is one function that reads the loaded project and pushes located diagnostics; none
//! stops at the first problem. Rules that need the rendered Markdown (links, raw HTML) run in
//! `resolve`/`render`; rules that compare documents by number run in `resolve`.

pub mod placeholders;

use crate::diag::{Code, Diagnostics, Pos, SourceFile};
use crate::project::{Document, Level, Located, Project, Site, SiteInfo};
use crate::text::{chars, number, pii, slug};
use crate::words::Word;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

pub fn project(project: &Project, today: NaiveDate, diags: &mut Diagnostics) {
    rules(project, today, true, diags);
}

/// The rules of [`project`] but those about each document alone, for a project whose documents
/// were checked by [`documents`] as they were loaded.
pub fn project_but_documents(project: &Project, today: NaiveDate, diags: &mut Diagnostics) {
    rules(project, today, false, diags);
}

/// The rules about each document alone (those comparing documents run in `resolve`), for a
/// batch of documents of `site` on every core: `build` checks each batch as it is read, then
/// drops the bodies.
pub fn documents(
    site: &Site,
    docs: &[Document],
    today: NaiveDate,
    diags: &mut Vec<crate::diag::Diagnostic>,
) {
    let allowed: BTreeSet<String> = site.info.iter().flat_map(contact_numbers).collect();
    let per_doc: Vec<Diagnostics> = docs
        .par_iter()
        .map(|doc| {
            let mut d = Diagnostics::new();
            document_with(site, doc, &allowed, today, &mut d);
            d
        })
        .collect();
    for d in per_doc {
        diags.extend(d.into_vec());
    }
}

fn rules(project: &Project, today: NaiveDate, with_documents: bool, diags: &mut Diagnostics) {
    let all_contacts: BTreeSet<String> = project
        .sites
        .iter()
        .filter_map(|s| s.info.as_ref())
        .flat_map(contact_numbers)
        .collect();
    for g in &project.shared_guides {
        personal_data(&g.file, &all_contacts, 1..g.body_line, diags);
    }
    for site in &project.sites {
        self::site(project, site, today, with_documents, diags);
    }
}

fn site(
    project: &Project,
    site: &Site,
    today: NaiveDate,
    with_documents: bool,
    diags: &mut Diagnostics,
) {
    let allowed: BTreeSet<String> = site.info.iter().flat_map(contact_numbers).collect();
    if let Some(info) = &site.info {
        areas(info, diags);
        poster_guides(project, site, info, diags);
        personal_data_outside_contacts(info, &allowed, diags);
    }
    placeholders::site(site, diags);
    if with_documents {
        let mut found = Vec::new();
        documents(site, &site.documents, today, &mut found);
        diags.extend(found);
    }
    for g in &site.local_guides {
        personal_data(&g.file, &allowed, 1..g.body_line, diags);
    }
    attachment_names(site, diags);
    if let Some(file) = &site.ledger_file {
        for e in &site.ledger {
            suspicious_chars(file, &e.code, "Mã QR", diags);
            suspicious_chars(file, &e.target, "Đích của mã QR", diags);
            if let Some(m) = &e.moved_to {
                suspicious_chars(file, m, "`chuyen_den`", diags);
            }
        }
    }
}

/// The rules about one document alone, without the rest of the site (those that compare it
/// with other documents run in `resolve`): `serve` checks a saved document with this.
pub fn document_alone(site: &Site, doc: &Document, today: NaiveDate, diags: &mut Diagnostics) {
    let allowed: BTreeSet<String> = site.info.iter().flat_map(contact_numbers).collect();
    document_with(site, doc, &allowed, today, diags);
}

fn document_with(
    site: &Site,
    doc: &Document,
    allowed: &BTreeSet<String>,
    today: NaiveDate,
    diags: &mut Diagnostics,
) {
    document(site, doc, today, diags);
    placeholders::document(doc, diags);
    personal_data(&doc.file, allowed, 1..doc.body_line, diags);
}

/// Attachments are published under folded names (`Phụ lục 1.pdf` → `phu-luc-1.pdf`, SPEC §6):
/// two files whose names fold alike would be published at one address.
fn attachment_names(site: &Site, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for rel in site.attachment_files.keys() {
        let folded = crate::text::slug::attachment_path(rel);
        if let Some(first) = seen.get(&folded) {
            diags.push(
                Diagnostic::at_path(
                    Severity::Error,
                    format!("{}/{rel}", site.rel_dir),
                    Code::TepTrungTen,
                    format!(
                        "Tệp `{rel}` và tệp `{first}` cùng được đăng thành `{folded}` (tên tệp bỏ dấu, chữ thường)."
                    ),
                )
                .related_path(
                    format!("{}/{first}", site.rel_dir),
                    Pos::START,
                    "tên này dùng lần đầu ở đây",
                )
                .hint("Đổi tên một trong hai tệp cho khác hẳn, rồi sửa `kem_theo` và liên kết tới nó."),
            );
        } else {
            seen.insert(folded, rel);
        }
    }
}

/// A code, number or path copied from Word, a PDF or a web page may carry characters nobody
/// sees (zero-width space, direction marks) or letters of another script that look Latin (Ð
/// U+00D0 for Đ): they break addresses and comparisons silently, so they are errors at their
/// exact column (SPEC §9). Returns true when one was reported.
fn suspicious_chars(
    file: &SourceFile,
    v: &Located<String>,
    what: &str,
    diags: &mut Diagnostics,
) -> bool {
    let Some(found) = chars::find_suspicious(&v.value) else {
        return false;
    };
    // The value's position is that of its opening quote when it is quoted.
    let quoted = file
        .line(v.pos.line())
        .chars()
        .nth(v.pos.column().saturating_sub(1))
        .is_some_and(|c| c == '"' || c == '\'');
    let column = v.pos.column() + found.char_index + usize::from(quoted);
    let fixed = chars::replace_suspicious(&v.value);
    let hint = match found.replacement {
        Some(r) if r != ' ' => format!(
            "Xóa ký tự này và gõ lại `{r}` bằng bàn phím (bộ gõ tiếng Việt cho chữ Đ): `{fixed}`."
        ),
        _ => format!(
            "Ký tự này thường dính vào khi chép từ Word, PDF hoặc trang web: xóa nó, viết `{fixed}`."
        ),
    };
    diags.push(
        file.error(
            Pos::new(v.pos.line(), column),
            Code::KyTuLa,
            format!(
                "{what} `{}` có {} ở vị trí thứ {}.",
                v.value,
                found.what,
                found.char_index + 1
            ),
        )
        .hint(hint),
    );
    true
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

use crate::diag::{Diagnostic, MAX_PER_FILE, Severity};

/// Scans a whole file; `yaml_lines` (1-based) are its YAML lines, where the opt-out may also be
/// written as the YAML comment `# niemyet: cho-phep-so`.
fn personal_data(
    file: &SourceFile,
    allowed: &BTreeSet<String>,
    yaml_lines: std::ops::Range<usize>,
    diags: &mut Diagnostics,
) {
    let findings = pii::scan_lines(&file.text, allowed, yaml_lines, MAX_PER_FILE + 1);
    for (i, f) in findings.iter().enumerate() {
        let pos = file.pos_of_byte(f.byte_start);
        if i == MAX_PER_FILE {
            diags.push(
                file.error(pos, Code::DuLieuCaNhan, format!("Tệp còn nhiều số giống dữ liệu cá nhân nữa; chỉ hiện {MAX_PER_FILE} chỗ đầu."))
                    .hint("Tệp này có vẻ là một danh sách công dân: danh sách như vậy không được công bố. Xóa các số rồi chạy lại."),
            );
            break;
        }
        diags.push(
            file.error(pos, Code::DuLieuCaNhan, f.kind.message())
                .hint(f.kind.hint()),
        );
    }
}

/// `_site.yaml` and the CSV lists declare contacts, so their numbers are allowed; ID numbers
/// and undeclared mobiles (in a name or title column, say) are not.
fn personal_data_outside_contacts(
    info: &SiteInfo,
    allowed: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    personal_data(&info.file, allowed, 1..usize::MAX, diags);
    let mut csv: BTreeMap<&str, &SourceFile> = BTreeMap::new();
    let areas = info
        .areas
        .iter()
        .chain(info.communes.iter().flat_map(|c| c.areas.iter()));
    for f in info
        .roster
        .iter()
        .map(|m| &m.file)
        .chain(areas.map(|a| &a.file))
    {
        if f.path.ends_with(".csv") {
            csv.insert(&f.path, f);
        }
    }
    for f in csv.values() {
        personal_data(f, allowed, 0..0, diags);
    }
}

fn areas(info: &SiteInfo, diags: &mut Diagnostics) {
    let mut commune_codes: BTreeMap<&str, &crate::project::site::Commune> = BTreeMap::new();
    for c in &info.communes {
        code_shape(&c.file, &c.code, "xã", diags);
        if let Some(first) = commune_codes.get(c.code.value.as_str()) {
            diags.push(
                c.file
                    .error(
                        c.code.pos,
                        Code::MaTrung,
                        format!("Mã xã `{}` bị trùng.", c.code.value),
                    )
                    .related(&first.file, first.code.pos, "mã này dùng lần đầu ở đây")
                    .hint("Mỗi xã một mã riêng."),
            );
        } else {
            commune_codes.insert(&c.code.value, c);
        }
        area_list(&c.areas, diags);
    }
    area_list(&info.areas, diags);
    // Since 1 July 2025 a province's communes sit directly under it; before, a district's did
    // (SPEC §5): both list them in `don_vi`, with their areas; a commune lists its own areas.
    let has_communes = matches!(info.level, Level::District | Level::Province);
    if has_communes && !info.areas.is_empty() {
        let a = &info.areas[0];
        diags.push(
            a.file
                .error(a.code.pos, Code::KhuDanCu, format!("Trang cấp {} khai khu dân cư trong từng xã (`don_vi`), không khai trực tiếp.", level_word(info.level)))
                .hint("Chuyển khu dân cư vào `khu_dan_cu` của xã trong `don_vi` (hoặc điền cột `don_vi` trong khu-dan-cu.csv)."),
        );
    }
    if !has_communes && !info.communes.is_empty() {
        let c = &info.communes[0];
        diags.push(
            c.file
                .error(
                    c.code.pos,
                    Code::DonVi,
                    "Chỉ trang cấp tỉnh (`cap: tinh`) hoặc cấp huyện (`cap: huyen`) mới khai `don_vi`.",
                )
                .hint("Trang của xã, phường, đặc khu khai khu dân cư của mình bằng `khu_dan_cu`."),
        );
    }
}

/// "tỉnh" or "huyện", for messages.
fn level_word(level: Level) -> &'static str {
    match level {
        Level::Province => "tỉnh",
        Level::District => "huyện",
        Level::Commune => "xã",
    }
}

fn area_list(areas: &[crate::project::Area], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &crate::project::Area> = BTreeMap::new();
    for a in areas {
        code_shape(&a.file, &a.code, "khu dân cư", diags);
        if a.name.value.trim().is_empty() {
            diags.push(
                a.file
                    .error(a.name.pos, Code::TenTrong, "Khu dân cư chưa có tên.")
                    .hint("Điền tên, ví dụ `Thôn 2`."),
            );
        }
        if let Some(first) = seen.get(a.code.value.as_str()) {
            diags.push(
                a.file
                    .error(
                        a.code.pos,
                        Code::MaTrung,
                        format!(
                            "Mã khu dân cư `{}` bị trùng trong cùng một xã.",
                            a.code.value
                        ),
                    )
                    .related(&first.file, first.code.pos, "mã này dùng lần đầu ở đây")
                    .hint("Mỗi khu dân cư một mã riêng, ví dụ `thon-2`, `thon-2b`."),
            );
        } else {
            seen.insert(&a.code.value, a);
        }
    }
}

fn code_shape(
    file: &SourceFile,
    code: &crate::project::Located<String>,
    what: &str,
    diags: &mut Diagnostics,
) {
    if suspicious_chars(file, code, &format!("Mã {what}"), diags) {
        return;
    }
    if !slug::is_slug(&code.value) {
        let s = slug::slugify(&code.value);
        diags.push(
            file.error(code.pos, Code::Ma, format!("Mã {what} `{}` phải viết thường, không dấu, nối bằng `-` (dùng trong địa chỉ trang).", code.value))
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
            let near = crate::text::suggest::did_you_mean(&g.value, names)
                .map(|n| format!("{n} "))
                .unwrap_or_default();
            diags.push(
                info.file
                    .error(
                        g.pos,
                        Code::DichVu,
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
    own_number(doc, diags);
    dates(doc, today, diags);
    slug_override(doc, diags);
    unit(site, doc, diags);
    for a in &doc.attachments {
        attachment(site, &doc.file, a, diags);
    }
    cited_numbers(doc, diags);
}

/// `so_hieu` as printed, agreeing with `loai`, and absent from a document issued with a decision.
fn own_number(doc: &Document, diags: &mut Diagnostics) {
    let file = &doc.file;
    if let (Some(n), Some(parsed)) = (&doc.number, &doc.parsed_number) {
        match &**parsed {
            // An unsigned draft's number is blank until it is signed (SPEC §9).
            Err(p) if doc.draft && p.is_blank() => {}
            Err(p) => {
                let pos = Pos::new(n.pos.line(), n.pos.column() + p.char_offset.unwrap_or(0));
                let mut d = file.error(pos, Code::SoHieu, p.message.clone());
                let hint = match &p.suggestion {
                    Some(s) => format!("{} Viết `so_hieu: \"{s}\"`.", p.hint),
                    None => p.hint.clone(),
                };
                d = d.hint(hint);
                diags.push(d);
            }
            Ok(parsed) => {
                if let Some(kind) = doc.kind()
                    && let Err(msg) = number::check_type_matches(kind.key(), parsed)
                {
                    diags.push(file.error(n.pos, Code::SoHieuLoai, msg).hint(
                        "Sửa `loai` cho đúng loại văn bản, hoặc sửa ký hiệu cho đúng bản giấy.",
                    ));
                }
            }
        }
        if doc.issued_with.is_some() {
            diags.push(
                file.error(n.pos, Code::KemTheoSoHieu, "Văn bản ban hành kèm theo một quyết định không có số hiệu riêng.")
                    .hint("Xóa `so_hieu` (và `ngay_ban_hanh`): văn bản lấy số và ngày của quyết định ban hành nó."),
            );
        }
    }
}

/// The issue date is not after the build day, validity ends after it starts, and neither the
/// validity nor a cited basis comes after the issue date.
fn dates(doc: &Document, today: NaiveDate, diags: &mut Diagnostics) {
    let file = &doc.file;
    if let Some(d) = &doc.date
        && d.value > today
    {
        diags.push(
            file.warning(
                d.pos,
                Code::NgayTuongLai,
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
                Code::HieuLuc,
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
            file.warning(from.pos, Code::HieuLuc, "Văn bản có hiệu lực trước ngày ban hành.")
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
                    Code::CanCuSau,
                    "Văn bản làm căn cứ có ngày sau ngày ban hành văn bản này.",
                )
                .hint("Kiểm tra lại ngày của căn cứ."),
            );
        }
    }
}

fn slug_override(doc: &Document, diags: &mut Diagnostics) {
    let file = &doc.file;
    if let Some(s) = &doc.slug_override
        && !suspicious_chars(file, s, "`duong_dan`", diags)
        && !slug::is_slug(&s.value)
    {
        diags.push(
            file.error(
                s.pos,
                Code::DuongDan,
                format!(
                    "`duong_dan` phải là chữ thường không dấu, số và `-`: `{}`.",
                    s.value
                ),
            )
            .hint(format!("Viết `duong_dan: {}`.", slug::slugify(&s.value))),
        );
    }
}

/// `don_vi` names a commune declared in the site's `_site.yaml`.
fn unit(site: &Site, doc: &Document, diags: &mut Diagnostics) {
    let file = &doc.file;
    if let Some(u) = &doc.unit
        && !suspicious_chars(file, u, "Mã đơn vị `don_vi`", diags)
    {
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
                    Code::DonVi,
                    format!(
                        "Đơn vị `{}` không có trong `don_vi` của _site.yaml.",
                        u.value
                    ),
                )
                .hint(hint),
            );
        }
    }
}

/// A cited number with a hidden character silently stops resolving to its page.
fn cited_numbers(doc: &Document, diags: &mut Diagnostics) {
    let file = &doc.file;
    let cited = doc
        .replaces
        .iter()
        .chain(&doc.amends)
        .chain(doc.issued_with.iter())
        .cloned();
    let references = doc
        .bases
        .iter()
        .chain(&doc.related)
        .filter_map(|r| r.number.as_ref().map(|n| Located::new(n.clone(), r.pos)));
    for n in cited.chain(references) {
        suspicious_chars(file, &n, "Số hiệu được dẫn", diags);
    }
}

/// `kem_theo` paths lie inside the site's `tep/` folder and exist (SPEC §9 "Attachments").
fn attachment(
    site: &Site,
    file: &SourceFile,
    a: &crate::project::Located<String>,
    diags: &mut Diagnostics,
) {
    if suspicious_chars(file, a, "Đường dẫn tệp đính kèm", diags) {
        return;
    }
    let p = a.value.trim_start_matches("./");
    let bad_path = p.starts_with('/')
        || p.contains('\\')
        || p.split('/').any(|s| s == ".." || s == "." || s.is_empty());
    if bad_path || !p.starts_with("tep/") {
        diags.push(
            file.error(a.pos, Code::KemTheo, format!("Đường dẫn tệp đính kèm `{}` phải nằm trong thư mục `tep/` của đơn vị.", a.value))
                .hint("Viết đường dẫn tính từ thư mục đơn vị, không dùng `..`, ví dụ `tep/2024/phu-luc.pdf`."),
        );
        return;
    }
    if let Some(c) = p.chars().find(|c| UNSAFE_IN_NAMES.contains(*c)) {
        diags.push(
            file.error(a.pos, Code::KemTheoTen, format!("Tên tệp đính kèm `{}` có ký tự `{c}`: địa chỉ tải về sẽ hỏng hoặc trỏ sai chỗ.", a.value))
                .hint(format!("Đổi tên tệp chỉ dùng chữ, số, dấu cách, `-`, `_` và `.`, ví dụ `tep/{}`.", suggested_name(p))),
        );
        return;
    }
    let head = site.attachment_files.get(p).map_or(&[][..], |a| &a.head);
    if let Some((message, hint)) = attachment_type_problem(p, head) {
        diags.push(file.error(a.pos, Code::KemTheoLoai, message).hint(hint));
        return;
    }
    if !site.attachment_files.contains_key(p) {
        let near = crate::text::suggest::closest(p, site.attachment_files.keys())
            .map(|f| format!("Có phải là `{f}`? "))
            .unwrap_or_default();
        diags.push(
            file.error(
                a.pos,
                Code::KemTheoThieu,
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

/// Characters that break or redirect a download address (`#`, `?`, `%`), or that could close an
/// attribute if a theme forgot to escape one. Spaces and Vietnamese letters are fine.
const UNSAFE_IN_NAMES: &str = "#?%\"'<>\\`|*:;{}^[]";

fn suggested_name(p: &str) -> String {
    let name = p.rsplit('/').next().unwrap_or(p);
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{}.{}", slug::slugify(stem), ext.to_lowercase()),
        None => slug::slugify(name),
    }
}

/// File types an attachment may have: documents, spreadsheets, slides, images, archives, media.
/// Everything else is refused: HTML, SVG, XML and scripts run on the site's own origin when
/// opened, and an unknown type may be one of them under another name (SPEC §9 "Attachments").
pub const ATTACHMENT_TYPES: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv",
    "jpg", "jpeg", "png", "gif", "webp", "bmp", "tif", "tiff", "zip", "rar", "7z", "mp3", "mp4",
    "m4a", "wav",
];

/// Why the attachment `rel` (a `tep/...` path) whose first bytes are `head` must not be
/// published: its type, or content that is really markup whatever its name says. `None` when it
/// is fine or missing (a missing file is reported elsewhere).
pub fn attachment_type_problem(rel: &str, head: &[u8]) -> Option<(String, String)> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    let pdf_hint = "Chuyển tệp sang PDF (In → Lưu dưới dạng PDF) rồi đính kèm tệp PDF.".to_string();
    if !ATTACHMENT_TYPES.contains(&ext.as_str()) {
        let shown = if ext.is_empty() {
            "không có đuôi".to_string()
        } else {
            format!("đuôi `.{ext}`")
        };
        return Some((
            format!(
                "Tệp `{name}` ({shown}) không được công bố: chỉ đính kèm văn bản, bảng tính, \
                 hình ảnh, tệp nén, âm thanh hoặc video (HTML, SVG, XML, mã lệnh có thể chạy trên trang)."
            ),
            format!(
                "{pdf_hint} Các đuôi được dùng: {}.",
                ATTACHMENT_TYPES.join(", ")
            ),
        ));
    }
    let n = head.len();
    if looks_like_markup(head) {
        return Some((
            format!(
                "Tệp `{name}` mang đuôi `.{ext}` nhưng nội dung là HTML, SVG hoặc XML: trình duyệt có thể chạy mã trong đó."
            ),
            pdf_hint,
        ));
    }
    // A browser sniffs a "PDF" that starts with whitespace, a BOM or UTF-16 as HTML: a real PDF
    // starts with its header, and nothing else may take its name (issue #13).
    if ext == "pdf" && n > 0 && !head.starts_with(b"%PDF-") {
        return Some((
            format!(
                "Tệp `{name}` mang đuôi `.pdf` nhưng không phải tệp PDF (không bắt đầu bằng `%PDF-`): trình duyệt có thể mở nó như một trang web."
            ),
            pdf_hint,
        ));
    }
    None
}

/// What a browser's sniffer would take for HTML, SVG or XML: markup at the start of the file.
pub fn looks_like_markup(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let lower: Vec<u8> = text[start..]
        .iter()
        .take(64)
        .map(u8::to_ascii_lowercase)
        .collect();
    [
        "<!doctype",
        "<html",
        "<head",
        "<body",
        "<script",
        "<svg",
        "<?xml",
        "<iframe",
        "<!--",
        "<div",
        "<a ",
        "<img",
        "<style",
        "<title",
        "<table",
        "<p>",
        "<b>",
        "<br",
        "<h1",
        "<font",
    ]
    .iter()
    .any(|tag| lower.starts_with(tag.as_bytes()))
}

pub fn usage_unknown_sites(project_root: &std::path::Path, only: &[String]) -> Option<String> {
    let content = project_root.join("content");
    let missing: Vec<&String> = only
        .iter()
        // A site is a folder directly under `content/`, named by its code: `../x` or an
        // absolute path is not one, whatever it points to.
        .filter(|s| !slug::is_slug(s) || !content.join(s).is_dir())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_recognised_whatever_the_name() {
        assert!(looks_like_markup(b"\xEF\xBB\xBF  \n<!DOCTYPE html><html>"));
        assert!(looks_like_markup(
            b"<svg xmlns=\"http://www.w3.org/2000/svg\">"
        ));
        assert!(looks_like_markup(b"<?xml version=\"1.0\"?>"));
        assert!(looks_like_markup(b"<SCRIPT>alert(1)</SCRIPT>"));
        assert!(!looks_like_markup(b"%PDF-1.7\n%<html>"));
        assert!(!looks_like_markup(b"\x89PNG\r\n\x1a\n"));
        assert!(!looks_like_markup(b""));
    }

    #[test]
    fn attachment_types_are_an_allow_list() {
        assert_eq!(attachment_type_problem("tep/a.PDF", b""), None);
        assert_eq!(
            attachment_type_problem("tep/bảng kê.xlsx", b"PK\x03\x04"),
            None
        );
        assert!(attachment_type_problem("tep/a.pdf", b" <html>").is_some());
        for bad in [
            "tep/a.html",
            "tep/a.svg",
            "tep/a.xhtml",
            "tep/a.js",
            "tep/a.exe",
            "tep/README",
        ] {
            assert!(attachment_type_problem(bad, b"").is_some(), "{bad}");
        }
    }
}
