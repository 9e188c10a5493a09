//! Lists saved from Excel as CSV (SPEC §5): `to-cong-tac.csv` and `khu-dan-cu.csv`.
//!
//! Offices keep rosters in Excel; "CSV UTF-8" from Excel starts with a BOM and ends lines with
//! CRLF — both are taken care of by the loader before this module sees the text. Every row
//! problem is located at its line and column in the CSV file.

use super::fields::Located;
use super::site::{Area, Contact, Member};
use crate::diag::{Code, Diagnostic, Pos, SourceFile};
use std::sync::Arc;

pub const ROSTER_COLUMNS: &[&str] = &["ho_ten", "chuc_vu", "vai_tro", "dien_thoai"];
pub const AREA_COLUMNS: &[&str] = &[
    "don_vi",
    "ma",
    "ten",
    "lien_he_ho_ten",
    "lien_he_chuc_vu",
    "lien_he_dien_thoai",
];

struct Row {
    line: usize,
    fields: Vec<String>,
}

/// Reads rows, checks the header against `columns`; returns rows in column order.
fn read(
    file: &SourceFile,
    columns: &[&'static str],
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(file.text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(
                file.error(
                    Pos::START,
                    Code::Csv,
                    format!("Không đọc được dòng tiêu đề CSV: {e}."),
                )
                .hint("Lưu lại từ Excel bằng \"CSV UTF-8 (Comma delimited)\"."),
            );
            return None;
        }
    };
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
    let mut index = Vec::new();
    let mut ok = true;
    for col in columns {
        match names.iter().position(|n| n == col) {
            Some(i) => index.push(i),
            None => {
                ok = false;
                diags.push(
                    file.error(
                        Pos::START,
                        Code::CsvCot,
                        format!("Thiếu cột `{col}` trong dòng tiêu đề."),
                    )
                    .hint(format!("Dòng đầu phải là: {}", columns.join(","))),
                );
            }
        }
    }
    for (i, n) in names.iter().enumerate() {
        if !columns.contains(&n.as_str()) {
            let column = file
                .line(1)
                .find(n.as_str())
                .map_or(1, |b| file.line(1)[..b].chars().count() + 1);
            let mut d = file.error(
                Pos::new(1, column),
                Code::CsvCot,
                format!("Cột `{n}` không có trong mẫu."),
            );
            d = match crate::text::suggest::did_you_mean(n, columns.iter().copied()) {
                Some(s) => d.hint(s),
                None => d.hint(format!("Các cột được dùng: {}.", columns.join(", "))),
            };
            let _ = i;
            diags.push(d);
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(1, |p| p.line() as usize);
                if r.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                let fields = index
                    .iter()
                    .map(|&i| r.get(i).unwrap_or("").trim().to_string())
                    .collect();
                rows.push(Row { line, fields });
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                diags.push(
                    file.error(
                        Pos::new(line, 1),
                        Code::Csv,
                        format!("Dòng CSV không đọc được: {e}."),
                    )
                    .hint("Kiểm tra dấu ngoặc kép trong ô; lưu lại từ Excel bằng \"CSV UTF-8\"."),
                );
            }
        }
    }
    Some(rows)
}

fn pos_of(file: &SourceFile, line: usize, value: &str) -> Pos {
    let text = file.line(line);
    let column = if value.is_empty() {
        1
    } else {
        text.find(value)
            .map_or(1, |b| text[..b].chars().count() + 1)
    };
    Pos::new(line, column)
}

fn required(
    file: &SourceFile,
    row: &Row,
    i: usize,
    col: &str,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if row.fields[i].is_empty() {
        diags.push(
            file.error(
                Pos::new(row.line, 1),
                Code::CsvTrong,
                format!("Ô `{col}` của dòng này đang trống."),
            )
            .hint(format!("Điền `{col}` hoặc xóa cả dòng.")),
        );
        return false;
    }
    true
}

pub fn roster(file: &Arc<SourceFile>, diags: &mut Vec<Diagnostic>) -> Vec<Member> {
    let Some(rows) = read(file, ROSTER_COLUMNS, diags) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in rows {
        let ok = [0, 1, 2]
            .iter()
            .all(|&i| required(file, &row, i, ROSTER_COLUMNS[i], diags));
        if !ok {
            continue;
        }
        let f = &row.fields;
        let written = Located::new(f[2].clone(), pos_of(file, row.line, &f[2]));
        out.push(Member {
            name: f[0].clone(),
            title: f[1].clone(),
            role: super::site::role(file, &written, diags),
            phone: (!f[3].is_empty()).then(|| f[3].clone()),
            file: file.clone(),
        });
    }
    out
}

/// Areas with their commune code (`""` on a commune site), one area per `(don_vi, ma)`, contacts
/// gathered from consecutive or scattered rows in file order.
pub fn areas(file: &Arc<SourceFile>, diags: &mut Vec<Diagnostic>) -> Vec<(String, Area)> {
    let Some(rows) = read(file, AREA_COLUMNS, diags) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Area)> = Vec::new();
    for row in rows {
        if !(required(file, &row, 1, "ma", diags) && required(file, &row, 2, "ten", diags)) {
            continue;
        }
        let f = &row.fields;
        let contact = (!f[3].is_empty()).then(|| Contact {
            name: f[3].clone(),
            title: f[4].clone(),
            phone: (!f[5].is_empty()).then(|| f[5].clone()),
        });
        if contact.is_none() && (!f[4].is_empty() || !f[5].is_empty()) {
            diags.push(
                file.error(
                    Pos::new(row.line, 1),
                    Code::CsvTrong,
                    "Có chức vụ hoặc số điện thoại liên hệ nhưng thiếu `lien_he_ho_ten`.",
                )
                .hint("Điền họ tên người liên hệ."),
            );
        }
        if let Some((_, area)) = out
            .iter_mut()
            .find(|(u, a)| *u == f[0] && a.code.value == f[1])
        {
            if area.name.value != f[2] {
                diags.push(
                    file.error(
                        pos_of(file, row.line, &f[2]),
                        Code::CsvTen,
                        format!(
                            "Khu dân cư `{}` có tên khác nhau giữa các dòng: `{}` và `{}`.",
                            f[1], area.name.value, f[2]
                        ),
                    )
                    .related(file, area.code.pos, "dòng đầu của khu này")
                    .hint("Mỗi mã khu dân cư chỉ có một tên; sửa cho giống nhau."),
                );
            }
            area.contacts.extend(contact);
            continue;
        }
        out.push((
            f[0].clone(),
            Area {
                code: Located::new(f[1].clone(), pos_of(file, row.line, &f[1])),
                name: Located::new(f[2].clone(), pos_of(file, row.line, &f[2])),
                contacts: contact.into_iter().collect(),
                file: file.clone(),
            },
        ));
    }
    out
}
