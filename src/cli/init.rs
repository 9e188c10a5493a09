//! `niemyet init DIR`: a fresh project with one commune site that builds as it is.
//!
//! `init` never overwrites a file (SPEC §9): it writes only the files that are missing, says which
//! it kept, and refuses a folder that already holds someone else's files.

use super::Outcome;
use crate::render::templates::SHARED_GUIDES;
use std::path::Path;

const SITE_YAML: &str = r#"# Thông tin đơn vị — xem SPEC §5. Số điện thoại luôn đặt trong ngoặc kép.
ten: "Xã Mẫu"
cap: xa                     # tinh, huyen hoặc xa (phường, thị trấn, đặc khu cũng là xa)
tinh: "Tỉnh Mẫu"
co_quan: "UBND xã Mẫu"
dia_danh: "Mẫu"
base_url: "https://xamau.example.gov.vn/"
duong_day_nong: "0200 3000 000"
co_quan_thuong_truc: "Công an xã Mẫu"
to_cong_tac:
  - ho_ten: "Nguyễn Văn Mẫu"
    chuc_vu: "Chủ tịch UBND xã"
    vai_tro: to-truong
  - ho_ten: "Trần Thị Mẫu"
    chuc_vu: "Trưởng Công an xã"
    vai_tro: to-pho
khu_dan_cu:
  - ma: thon-1
    ten: "Thôn 1"
    lien_he:
      - ho_ten: "Lê Văn Mẫu"
        chuc_vu: "Trưởng thôn"
        dien_thoai: "0200 3000 001"
dich_vu_tren_poster:
  - dang-ky-tam-tru
"#;

const FIRST_DOC: &str = r#"---
loai: quyet-dinh
so_hieu: "01/QĐ-UBND"
ngay_ban_hanh: 2025-07-01
trich_yeu: "Về việc thành lập Tổ công tác triển khai Đề án 06 xã Mẫu"
nguoi_ky:
  ho_ten: "Nguyễn Văn Mẫu"
  chuc_vu: "CHỦ TỊCH"
can_cu:
  - "06/QĐ-TTg"
noi_nhan:
  - "Như Điều 3;"
  - "Lưu: VT."
---

**CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MẪU**

Căn cứ Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022 của Thủ tướng Chính phủ;

**QUYẾT ĐỊNH:**

**Điều 1.** Thành lập Tổ công tác triển khai Đề án 06 xã Mẫu.

**Điều 2.** Quyết định có hiệu lực kể từ ngày ký.
"#;

pub fn run(dir: &Path) -> Outcome {
    if dir.join("content").exists() {
        return Outcome::Usage(format!(
            "`{}` đã có thư mục `content/`: đây đã là một dự án, không ghi đè.",
            dir.display()
        ));
    }
    if let Some(msg) = foreign_folder(dir) {
        return Outcome::Usage(msg);
    }
    let mut files: Vec<(String, String)> = vec![
        ("niemyet.yaml".into(), "# Cài đặt dự án niemyet.\n# giao_dien: ten-giao-dien   # thư mục trong themes/; bỏ trống để dùng giao diện mặc định\n".into()),
        ("content/xa-mau/_site.yaml".into(), SITE_YAML.into()),
        ("content/xa-mau/van-ban/2025/quyet-dinh-01.md".into(), FIRST_DOC.into()),
        (".gitignore".into(), "/public/\n/posters/\n".into()),
    ];
    for (name, text) in SHARED_GUIDES {
        files.push((format!("content/_chung/dich-vu/{name}"), text.to_string()));
    }
    let mut kept = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        match write_new(&path, &text) {
            Ok(true) => {}
            Ok(false) => kept.push(rel),
            Err(e) => {
                return Outcome::Usage(format!(
                    "không ghi được {}: {}.",
                    path.display(),
                    crate::diag::io_reason(&e)
                ));
            }
        }
    }
    println!("Đã tạo dự án mới trong {}.", dir.display());
    for rel in &kept {
        println!("Giữ nguyên `{rel}` đã có (không ghi đè).");
    }
    println!("Tiếp theo: cd {} && niemyet build", dir.display());
    Outcome::Ok
}

/// `init` writes into an empty or missing folder, or one that only holds what a fresh repository
/// holds (`.git`, dotfiles, README, LICENSE): a folder with other files is someone's, not a
/// project, and `init` must never scatter files into it (`niemyet init /etc`).
fn foreign_folder(dir: &Path) -> Option<String> {
    let entries = std::fs::read_dir(dir).ok()?;
    let mut foreign: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            let upper = n.to_uppercase();
            !(n.starts_with('.')
                || upper.starts_with("README")
                || upper.starts_with("LICENSE")
                || n == "niemyet.yaml")
        })
        .collect();
    if foreign.is_empty() {
        return None;
    }
    foreign.sort();
    let shown: Vec<String> = foreign.iter().take(3).map(|n| format!("`{n}`")).collect();
    Some(format!(
        "thư mục `{}` không trống ({}{}) và không phải dự án niemyet: không tạo dự án ở đây để khỏi lẫn với tệp đã có. Chọn một thư mục mới, ví dụ `niemyet init du-an-de-an-06`.",
        dir.display(),
        shown.join(", "),
        if foreign.len() > 3 { ", ..." } else { "" }
    ))
}

/// Writes `text` to a new file; `Ok(false)` when the file already exists (it is left as it was).
pub(super) fn write_new(path: &Path, text: &str) -> std::io::Result<bool> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => f.write_all(text.as_bytes()).map(|_| true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}
