//! `niemyet new LOAI --site SITE`: a new document with commented front matter, ready to fill in.

use super::Outcome;
use crate::text::{number, slug};
use crate::words::{DocKind, Word};
use std::path::{Path, PathBuf};

pub fn run(
    root: PathBuf,
    loai: &str,
    site: &str,
    so_hieu: Option<String>,
    trich_yeu: Option<String>,
) -> Outcome {
    let root = match project_root(&root) {
        Ok(r) => r,
        Err(msg) => return Outcome::Usage(msg),
    };
    if let Some(msg) = usage_problem(&root, loai, site, &so_hieu, &trich_yeu) {
        return Outcome::Usage(msg);
    }
    let today = crate::pipeline::build_day();
    if let Some(s) = &so_hieu
        && let Some(file) = number_in_use(&root, site, s, today)
    {
        eprintln!(
            "niemyet: số hiệu `{s}` đã dùng cho `{file}` năm nay. Mở tệp đó để sửa, hoặc kiểm tra lại số trên bản giấy."
        );
        return Outcome::ContentErrors;
    }
    let path = new_path(&root, site, loai, &so_hieu, &trich_yeu, today);
    let text = front_matter(loai, &so_hieu, &trich_yeu, today);
    // A file that appeared since the name was chosen is never overwritten.
    let written = super::init::write_new(&path, &text).and_then(|new| {
        new.then_some(())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::AlreadyExists))
    });
    if let Err(e) = written {
        return Outcome::Usage(format!(
            "không ghi được {}: {}.",
            path.display(),
            crate::diag::io_reason(&e)
        ));
    }
    println!("{}", path.display());
    Outcome::Ok
}

/// Why the arguments cannot make a document (unknown type or site, malformed number or title).
fn usage_problem(
    root: &Path,
    loai: &str,
    site: &str,
    so_hieu: &Option<String>,
    trich_yeu: &Option<String>,
) -> Option<String> {
    if !number::is_known_type(loai) {
        let keys = DocKind::keys();
        let hint = crate::text::suggest::did_you_mean(loai, &keys)
            .map(|s| format!(" {s}"))
            .unwrap_or_default();
        return Some(format!(
            "loại văn bản `{loai}` không có trong danh mục.{hint} Các loại: {}.",
            keys.join(", ")
        ));
    }
    if let Some(msg) = crate::validate::usage_unknown_sites(root, &[site.to_string()]) {
        return Some(msg);
    }
    if let Some(s) = &so_hieu
        && let Err(p) = number::parse_so_hieu(s)
    {
        return Some(format!("số hiệu `{s}`: {} {}", p.message, p.hint));
    }
    if let Some(msg) = trich_yeu.as_deref().and_then(not_one_line) {
        return Some(msg);
    }
    None
}

/// A free file name for the new document, under the site's documents of this year.
fn new_path(
    root: &Path,
    site: &str,
    loai: &str,
    so_hieu: &Option<String>,
    trich_yeu: &Option<String>,
    today: chrono::NaiveDate,
) -> PathBuf {
    let year = today.format("%Y").to_string();
    let base = match (&so_hieu, &trich_yeu) {
        (Some(s), _) => format!(
            "{loai}-{}",
            slug::slugify(s.split('/').next().unwrap_or(""))
        ),
        (None, Some(t)) => {
            let s = slug::slugify(t);
            let cut: Vec<&str> = s.split('-').take(8).collect();
            format!("{loai}-{}", cut.join("-"))
        }
        (None, None) => loai.to_string(),
    };
    let dir = root.join("content").join(site).join("van-ban").join(&year);
    let mut path = dir.join(format!("{base}.md"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.md"));
        n += 1;
    }
    path
}

/// The new document's text: commented front matter, filled with what the arguments give.
fn front_matter(
    loai: &str,
    so_hieu: &Option<String>,
    trich_yeu: &Option<String>,
    today: chrono::NaiveDate,
) -> String {
    let type_name = number::type_name(loai).unwrap_or("");
    let abbr = number::type_abbreviation(loai);
    let example_number = match abbr {
        Some(a) => format!("01/{a}-UBND"),
        None => "01/UBND-VP".to_string(),
    };
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let number_line = match &so_hieu {
        Some(s) => format!("so_hieu: {}", quote(s)),
        None => format!(
            "# so_hieu: \"{example_number}\"     # số và ký hiệu đúng như bản giấy; chưa ký thì để ban_nhap: true"
        ),
    };
    let draft_line = if so_hieu.is_some() {
        "ban_nhap: false"
    } else {
        "ban_nhap: true                    # đổi thành false khi văn bản đã ký và có số"
    };
    let title = trich_yeu
        .clone()
        .unwrap_or_else(|| "Về việc ...".to_string());
    let extra = match loai {
        "cong-van" | "giay-moi" => {
            "kinh_gui:                          # nơi nhận \"Kính gửi\"\n  - \"...\"\n"
        }
        _ => "",
    };
    format!(
        "---\n\
# {type_name} — tạo bằng `niemyet new`. Các khóa viết không dấu; xem HUONG-DAN.md.\n\
loai: {loai}\n\
{number_line}\n\
ngay_ban_hanh: {today}              # NĂM-THÁNG-NGÀY\n\
trich_yeu: {title}\n\
{extra}\
# co_quan_ban_hanh: \"...\"          # bỏ trống để dùng cơ quan của đơn vị\n\
nguoi_ky:\n  ho_ten: \"...\"\n  chuc_vu: \"CHỦ TỊCH\"\n  # tham_quyen: \"KT. CHỦ TỊCH\"\n\
can_cu:                             # căn cứ: số hiệu, hoặc {{so_hieu, ngay, co_quan, trich_yeu}}\n  - \"06/QĐ-TTg\"\n\
noi_nhan:\n  - \"Như Điều 3;\"\n  - \"Lưu: VT.\"\n\
{draft_line}\n\
---\n\n{body}\n",
        today = today.format("%Y-%m-%d"),
        title = quote(&title),
        body = crate::validate::placeholders::TEMPLATE_BODY,
    )
}

/// Why `--trich-yeu` cannot be written as it is: a line break (or another control character)
/// would break the front matter (`---` on a line of its own ends it), a hidden character would be
/// refused by `check` anyway.
fn not_one_line(t: &str) -> Option<String> {
    use crate::text::chars;
    let c = t.chars().find(|&c| c.is_control() || chars::is_hidden(c))?;
    let what = chars::describe(c).map_or_else(|| chars::code_point(c), |i| i.what);
    Some(format!(
        "trích yếu (`--trich-yeu`) phải là một dòng chữ, nhưng có {what}. Viết trích yếu trên một dòng, không xuống dòng."
    ))
}

/// The file of a document of the site that already has number `so_hieu` in the year of `today`
/// (SPEC §9: `new` never writes a second document with a number in use; a number repeats only
/// across years and issuers).
fn number_in_use(
    root: &std::path::Path,
    site: &str,
    so_hieu: &str,
    today: chrono::NaiveDate,
) -> Option<String> {
    use chrono::Datelike;
    let key = number::parse_reference_number(so_hieu)?;
    let mut ignored = crate::diag::Diagnostics::new();
    let project = crate::project::load::load(root, &[site.to_string()], &mut ignored);
    project
        .sites
        .iter()
        .flat_map(|s| &s.documents)
        .find(|d| {
            d.number
                .as_ref()
                .and_then(|n| number::parse_reference_number(&n.value))
                .is_some_and(|k| k == key)
                && d.date
                    .as_ref()
                    .is_none_or(|d| d.value.year() == today.year())
        })
        .map(|d| d.file.path.clone())
}

/// The project `new` writes into: `dir` when it holds `content/`, else the nearest folder above it
/// that does (a clerk runs `new` from `content/binh-an/van-ban/` as readily as from the project).
fn project_root(dir: &std::path::Path) -> Result<PathBuf, String> {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    absolute
        .ancestors()
        .find(|d| d.join("content").is_dir())
        .map(|d| if d == absolute { dir.to_path_buf() } else { d.to_path_buf() })
        .ok_or_else(|| {
            format!(
                "`{}` và các thư mục cha của nó không phải dự án niemyet (không có thư mục `content/`). Chạy lệnh trong thư mục dự án, hoặc chỉ rõ bằng `--root THƯ_MỤC_DỰ_ÁN`; tạo dự án mới bằng `niemyet init THƯ_MỤC`.",
                dir.display()
            )
        })
}
