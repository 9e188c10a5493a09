//! `niemyet init DIR`: a fresh project with one commune site that builds as it is, and the files
//! an editor needs (SPEC §12: `.vscode/`, `schema/`).
//!
//! `init` never overwrites a file (SPEC §9): it writes only the files that are missing, says which
//! it kept, and refuses a folder that already holds someone else's files. In an existing project
//! (one with `content/`) it only adds the editor files it lacks, and refuses when none is missing.

use super::Outcome;
use crate::render::templates::SHARED_GUIDES;
use std::path::Path;

const SITE_YAML: &str = r#"# Thông tin đơn vị — xem HUONG-DAN.md ở thư mục dự án. Số điện thoại luôn đặt trong ngoặc kép.
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

/// `HUONG-DAN.md`: the clerk's short guide (what to edit first, how to check, build, print,
/// publish). Files `init` and `new` write point to it: the clerk has this file, not the SPEC.
pub const GUIDE_FILE: &str = "HUONG-DAN.md";
const GUIDE: &str = include_str!("huong-dan.md");

/// `.vscode/settings.json`: the YAML extension validates the three YAML files of a project
/// against the schemas `init` writes into `schema/` (SPEC §12).
const VSCODE_SETTINGS: &str = r#"{
  "yaml.schemas": {
    "./schema/site.schema.json": ["**/content/*/_site.yaml"],
    "./schema/niemyet.schema.json": ["**/niemyet.yaml"],
    "./schema/ma-qr.schema.json": ["**/content/*/_ma-qr.yaml"]
  },
  "files.encoding": "utf8",
  "files.eol": "\n"
}
"#;

/// `.vscode/tasks.json`: `niemyet check` as the default build task (Ctrl+Shift+B), its output
/// read by two problem matchers (errors, warnings) into the Problems panel.
const VSCODE_TASKS: &str = r#"{
  "version": "2.0.0",
  "tasks": [
    {
      "label": "niemyet: kiểm tra",
      "type": "shell",
      "command": "niemyet check",
      "group": { "kind": "build", "isDefault": true },
      "presentation": { "reveal": "silent", "clear": true },
      "problemMatcher": [
        {
          "owner": "niemyet",
          "source": "niemyet",
          "fileLocation": ["relative", "${workspaceFolder}"],
          "severity": "error",
          "pattern": {
            "regexp": "^(\\S.*?):(\\d+):(\\d+): lỗi\\[([a-z0-9-]+)\\]: (.*)$",
            "file": 1, "line": 2, "column": 3, "code": 4, "message": 5
          }
        },
        {
          "owner": "niemyet",
          "source": "niemyet",
          "fileLocation": ["relative", "${workspaceFolder}"],
          "severity": "warning",
          "pattern": {
            "regexp": "^(\\S.*?):(\\d+):(\\d+): cảnh báo\\[([a-z0-9-]+)\\]: (.*)$",
            "file": 1, "line": 2, "column": 3, "code": 4, "message": 5
          }
        }
      ]
    }
  ]
}
"#;

const VSCODE_EXTENSIONS: &str = r#"{
  "recommendations": ["redhat.vscode-yaml"]
}
"#;

/// Files for editors (SPEC §12); also added to an existing project that lacks them.
fn editor_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = vec![
        (".vscode/settings.json".into(), VSCODE_SETTINGS.into()),
        (".vscode/tasks.json".into(), VSCODE_TASKS.into()),
        (".vscode/extensions.json".into(), VSCODE_EXTENSIONS.into()),
    ];
    for f in crate::schema::all() {
        files.push((
            format!("{}/{}", super::schema::DEFAULT_DIR, f.name),
            f.text(),
        ));
    }
    files
}

pub fn run(dir: &Path) -> Outcome {
    if dir.join("content").exists() {
        return add_editor_files(dir);
    }
    if let Some(msg) = foreign_folder(dir) {
        return Outcome::Usage(msg);
    }
    let mut files = editor_files();
    files.extend([
        ("niemyet.yaml".into(), "# Cài đặt dự án niemyet.\n# giao_dien: ten-giao-dien   # thư mục trong themes/; bỏ trống để dùng giao diện mặc định\n".into()),
        ("content/xa-mau/_site.yaml".into(), SITE_YAML.into()),
        ("content/xa-mau/van-ban/2025/quyet-dinh-01.md".into(), FIRST_DOC.into()),
        (".gitignore".into(), "/public/\n/posters/\n".into()),
        (GUIDE_FILE.into(), GUIDE.into()),
    ]);
    for (name, text) in SHARED_GUIDES {
        files.push((format!("content/_chung/dich-vu/{name}"), text.to_string()));
    }
    let kept = match write_all(dir, files) {
        Ok(kept) => kept,
        Err(msg) => return Outcome::Usage(msg),
    };
    println!("Đã tạo dự án mới trong {}.", dir.display());
    for rel in &kept {
        println!("Giữ nguyên `{rel}` đã có (không ghi đè).");
    }
    println!(
        "Tiếp theo: đọc {GUIDE_FILE}, sửa content/xa-mau/_site.yaml, rồi chạy `niemyet check` trong {}.",
        dir.display()
    );
    println!(
        "Soạn thảo bằng VS Code: mở thư mục này, cài tiện ích YAML được đề nghị; Ctrl+Shift+B để kiểm tra."
    );
    Outcome::Ok
}

/// An existing project gets the editor files it lacks (a project made before `init` wrote them);
/// with nothing missing, `init` is refused like any second run.
fn add_editor_files(dir: &Path) -> Outcome {
    let missing: Vec<(String, String)> = editor_files()
        .into_iter()
        .filter(|(rel, _)| !dir.join(rel).exists())
        .collect();
    if missing.is_empty() {
        return Outcome::Usage(format!(
            "`{}` đã có thư mục `content/`: đây đã là một dự án, không ghi đè.",
            dir.display()
        ));
    }
    let names: Vec<String> = missing.iter().map(|(rel, _)| rel.clone()).collect();
    if let Err(msg) = write_all(dir, missing) {
        return Outcome::Usage(msg);
    }
    println!(
        "`{}` đã là một dự án: chỉ thêm các tệp cho trình soạn thảo còn thiếu.",
        dir.display()
    );
    for rel in names {
        println!("Đã thêm `{rel}`.");
    }
    Outcome::Ok
}

/// Writes each missing file; returns those that were already there (kept as they were).
fn write_all(dir: &Path, files: Vec<(String, String)>) -> Result<Vec<String>, String> {
    let mut kept = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        match write_new(&path, &text) {
            Ok(true) => {}
            Ok(false) => kept.push(rel),
            Err(e) => {
                return Err(format!(
                    "không ghi được {}: {}.",
                    path.display(),
                    crate::diag::io_reason(&e)
                ));
            }
        }
    }
    Ok(kept)
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
                || n == "niemyet.yaml"
                || n == GUIDE_FILE)
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
