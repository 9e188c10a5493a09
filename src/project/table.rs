//! Lists saved from Excel as CSV (SPEC §5): `to-cong-tac.csv` and `khu-dan-cu.csv`.
//!
//! Offices keep rosters in Excel; "CSV UTF-8" from Excel starts with a BOM and ends lines with
//! CRLF — both are taken care of by the loader before this module sees the text. Every row
//! problem is located at its line and column in the CSV file. Reading is strict (SPEC §9): an
//! unclosed quote, a row with more cells than the header, a header column written twice and a
//! hidden direction character in a cell are errors at their cell, never silently dropped.

use super::fields::Located;
use super::site::{Area, Contact, Member};
use crate::diag::{Diagnostic, Pos, SourceFile};
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

/// The cell separator of "CSV UTF-8 (Comma delimited)" as Excel saves it.
const SEPARATOR: char = ',';

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
        .delimiter(SEPARATOR as u8)
        // Rows with fewer cells are fine (Excel drops trailing empty ones); more are an error.
        .flexible(true)
        .from_reader(file.text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(_) => {
            diags.push(
                file.error(Pos::START, "csv", "Không đọc được dòng tiêu đề CSV.")
                    .hint("Lưu lại từ Excel bằng \"CSV UTF-8 (Comma delimited)\"."),
            );
            return None;
        }
    };
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
    let quotes_ok = unclosed_quote(file, diags);
    let index = header(file, &names, columns, diags)?;
    if !quotes_ok {
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
                let starts = cell_columns(file.line(line));
                let cell_pos = |i: usize| Pos::new(line, starts.get(i).copied().unwrap_or(1));
                if r.len() > names.len() {
                    diags.push(
                        file.error(cell_pos(names.len()), "csv-thua-o", format!(
                            "Dòng này có {} ô, nhiều hơn {} cột của dòng tiêu đề: ô thừa sẽ bị bỏ mất.",
                            r.len(), names.len()
                        ))
                        .hint("Có thể trong một ô có dấu phân cách (dấu phẩy): đặt ô đó trong ngoặc kép, hoặc xóa ô thừa."),
                    );
                    continue;
                }
                let mut hidden = false;
                for (i, cell) in r.iter().enumerate() {
                    hidden |= hidden_in_cell(file, cell_pos(i), cell, diags);
                }
                if hidden {
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
                    file.error(Pos::new(line, 1), "csv", "Dòng CSV không đọc được.")
                        .hint(
                            "Kiểm tra dấu ngoặc kép trong ô; lưu lại từ Excel bằng \"CSV UTF-8\".",
                        ),
                );
            }
        }
    }
    Some(rows)
}

/// Checks the header line against `columns` (each once, none unknown, no hidden character);
/// the index of each of `columns` among the cells, or `None` when the header is wrong.
fn header(
    file: &SourceFile,
    names: &[String],
    columns: &[&'static str],
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<usize>> {
    let header_starts = cell_columns(file.line(1));
    let header_pos = |i: usize| Pos::new(1, header_starts.get(i).copied().unwrap_or(1));
    let mut ok = true;
    for (i, n) in names.iter().enumerate() {
        ok &= !hidden_in_cell(file, header_pos(i), n, diags);
        if let Some(first) = names[..i].iter().position(|m| m == n) {
            ok = false;
            diags.push(
                file.error(
                    header_pos(i),
                    "csv-cot",
                    format!("Cột `{n}` có hai lần trong dòng tiêu đề."),
                )
                .note(format!(
                    "lần đầu ở {}:1:{}",
                    file.path,
                    header_pos(first).column
                ))
                .hint("Xóa hoặc đổi tên một trong hai cột: mỗi cột chỉ có một lần."),
            );
        }
    }
    let mut index = Vec::new();
    for col in columns {
        match names.iter().position(|n| n == col) {
            Some(i) => index.push(i),
            None => {
                ok = false;
                diags.push(
                    file.error(
                        Pos::START,
                        "csv-cot",
                        format!("Thiếu cột `{col}` trong dòng tiêu đề."),
                    )
                    .hint(format!("Dòng đầu phải là: {}", columns.join(","))),
                );
            }
        }
    }
    for (i, n) in names.iter().enumerate() {
        if !columns.contains(&n.as_str()) {
            let mut d = file.error(
                header_pos(i),
                "csv-cot",
                format!("Cột `{n}` không có trong mẫu."),
            );
            d = match super::fields::suggest(n, columns) {
                Some(s) => d.hint(format!("Có phải ý bạn là `{s}`?")),
                None => d.hint(format!("Các cột được dùng: {}.", columns.join(", "))),
            };
            diags.push(d);
            ok = false;
        }
    }
    ok.then_some(index)
}

/// An opening quote that is never closed makes the rest of the file one cell: every area after
/// it would vanish without a word. Reported at the quote; true when the file is free of it.
fn unclosed_quote(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> bool {
    let text = file.text.as_str();
    let mut open: Option<usize> = None;
    let mut at_cell_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (open, c) {
            (None, '"') if at_cell_start => open = Some(i),
            (None, _) => at_cell_start = c == SEPARATOR || c == '\n',
            (Some(_), '"') => {
                if chars.peek().is_some_and(|&(_, n)| n == '"') {
                    chars.next();
                } else {
                    open = None;
                    at_cell_start = false;
                }
            }
            (Some(_), _) => {}
        }
    }
    let Some(at) = open else { return true };
    diags.push(
        file.error(file.pos_of_byte(at), "csv-ngoac-kep", "Dấu ngoặc kép mở ô này không được đóng: phần còn lại của tệp sẽ thành một ô.")
            .hint("Thêm dấu `\"` đóng ở cuối ô (trong ô, dấu ngoặc kép viết thành `\"\"`), hoặc xóa dấu mở."),
    );
    false
}

/// A direction or invisible character in a cell (SPEC §9), reported at its place; true if found.
fn hidden_in_cell(file: &SourceFile, cell: Pos, value: &str, diags: &mut Vec<Diagnostic>) -> bool {
    let Some(found) = crate::text::chars::find_hidden(value).into_iter().next() else {
        return false;
    };
    // The cell's text starts after its opening quote, when it has one.
    let quoted = file.line(cell.line).chars().nth(cell.column - 1) == Some('"');
    let column = cell.column + usize::from(quoted) + found.char_index;
    diags.push(
        file.error(Pos::new(cell.line, column), "ky-tu-an", format!("Ô này có {}.", found.what))
            .hint("Ký tự này không nhìn thấy được nhưng làm chữ hiển thị sai hoặc che một con số: xóa nó (thường dính vào khi chép từ trang web hoặc PDF)."),
    );
    true
}

/// The column (1-based, in characters) where each cell of a CSV line starts; separators inside
/// quotes do not count.
fn cell_columns(line: &str) -> Vec<usize> {
    let mut starts = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            c if c == SEPARATOR && !quoted => starts.push(i + 2),
            _ => {}
        }
    }
    starts
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
                "csv-trong",
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
        out.push(Member {
            name: f[0].clone(),
            title: f[1].clone(),
            role: Located::new(f[2].clone(), pos_of(file, row.line, &f[2])),
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
                    "csv-trong",
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
                        "csv-ten",
                        format!(
                            "Khu dân cư `{}` có tên khác nhau giữa các dòng: `{}` và `{}`.",
                            f[1], area.name.value, f[2]
                        ),
                    )
                    .note(format!("dòng đầu của khu này: dòng {}", area.code.pos.line))
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
