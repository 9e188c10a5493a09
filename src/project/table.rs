//! Lists saved from Excel as CSV (SPEC §5): `to-cong-tac.csv` and `khu-dan-cu.csv`.
//!
//! Offices keep rosters in Excel; "CSV UTF-8" from Excel starts with a BOM and ends lines with
//! CRLF — both are taken care of by the loader before this module sees the text. Every row
//! problem is located at its line and column in the CSV file. Reading is strict (SPEC §9): an
//! unclosed quote, a row with more cells than the header, a header column written twice and a
//! hidden direction character in a cell are errors at their cell, never silently dropped.

use super::fields::Located;
use super::keys::{AREA_COLUMNS, Column, IGNORED_COLUMNS, ROSTER_COLUMNS};
use super::site::{Area, Contact, Member};
use crate::diag::{Code, Diagnostic, Pos, SourceFile};
use crate::text::slug::fold_label;
use std::sync::Arc;

/// The separators Excel writes: `,` ("CSV UTF-8 (Comma delimited)"), `;` (the same in a
/// Vietnamese or European locale, where `,` is the decimal mark) and Tab ("Text (Tab delimited)").
const SEPARATORS: [char; 3] = [',', ';', '\t'];

struct Row {
    line: usize,
    /// The cells in the order of the file's `Column`s.
    fields: Vec<String>,
    /// The column (1-based, in characters) where each of `fields` starts.
    columns: Vec<usize>,
}

impl Row {
    fn pos(&self, i: usize) -> Pos {
        Pos::new(self.line, self.columns.get(i).copied().unwrap_or(1))
    }

    fn located(&self, i: usize) -> Located<String> {
        Located::new(self.fields[i].clone(), self.pos(i))
    }
}

/// The separator of a CSV file, read from its header line: the one of `SEPARATORS` found most
/// often outside quotes (`,` when none is).
fn separator(header: &str) -> char {
    let mut counts = [0usize; SEPARATORS.len()];
    let mut quoted = false;
    for c in header.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if let Some(i) = SEPARATORS.iter().position(|&s| s == c && !quoted) {
            counts[i] += 1;
        }
    }
    let best = (0..SEPARATORS.len())
        .rev()
        .max_by_key(|&i| counts[i])
        .unwrap_or(0);
    SEPARATORS[best]
}

/// Reads rows, checks the header against `columns`; returns rows in column order.
fn read(file: &SourceFile, columns: &[Column], diags: &mut Vec<Diagnostic>) -> Option<Vec<Row>> {
    let sep = separator(file.line(1));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .delimiter(sep as u8)
        // Rows with fewer cells are fine (Excel drops trailing empty ones); more are an error.
        .flexible(true)
        .from_reader(file.text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(_) => {
            diags.push(
                file.error(Pos::START, Code::Csv, "Không đọc được dòng tiêu đề CSV.")
                    .hint("Lưu lại từ Excel bằng \"CSV UTF-8 (Comma delimited)\"."),
            );
            return None;
        }
    };
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
    let quotes_ok = unclosed_quote(file, sep, diags);
    let index = header(file, sep, &names, columns, diags)?;
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
                let starts = cell_columns(file.line(line), sep);
                let cell_pos = |i: usize| Pos::new(line, starts.get(i).copied().unwrap_or(1));
                if r.len() > names.len() {
                    diags.push(
                        file.error(cell_pos(names.len()), Code::CsvThuaO, format!(
                            "Dòng này có {} ô, nhiều hơn {} cột của dòng tiêu đề: ô thừa sẽ bị bỏ mất.",
                            r.len(), names.len()
                        ))
                        .hint(format!("Có thể trong một ô có dấu phân cách (`{}`): đặt ô đó trong ngoặc kép, hoặc xóa ô thừa.", shown(sep))),
                    );
                    continue;
                }
                let mut hidden = false;
                for (i, cell) in r.iter().enumerate() {
                    hidden |= hidden_in_cell(file, cell_pos(i), cell, diags);
                    if names.get(i).is_some_and(|n| n.is_empty()) && !cell.trim().is_empty() {
                        hidden = true;
                        diags.push(
                            file.error(cell_pos(i), Code::CsvThuaO, "Ô này có nội dung nhưng cột của nó không có tên ở dòng tiêu đề: nội dung sẽ bị bỏ mất.")
                                .hint("Đặt tên cho cột ở dòng đầu (ví dụ `Điện thoại`), hoặc xóa nội dung ô."),
                        );
                    }
                }
                if hidden {
                    continue;
                }
                rows.push(Row {
                    line,
                    fields: index
                        .iter()
                        .map(|i| i.and_then(|i| r.get(i)).unwrap_or("").trim().to_string())
                        .collect(),
                    columns: index
                        .iter()
                        .map(|i| i.map_or(1, |i| cell_pos(i).column()))
                        .collect(),
                });
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                diags.push(
                    file.error(Pos::new(line, 1), Code::Csv, "Dòng CSV không đọc được.")
                        .hint(
                            "Kiểm tra dấu ngoặc kép trong ô; lưu lại từ Excel bằng \"CSV UTF-8\".",
                        ),
                );
            }
        }
    }
    Some(rows)
}

/// The separator as a message shows it.
fn shown(sep: char) -> &'static str {
    match sep {
        ';' => ";",
        '\t' => "Tab",
        _ => ",",
    }
}

/// The column of `columns` a heading names: its key or one of its labels, folded (SPEC §9).
fn column_of(name: &str, columns: &[Column]) -> Option<usize> {
    let folded = fold_label(name);
    columns.iter().position(|c| {
        fold_label(c.key) == folded || c.labels.iter().any(|l| fold_label(l) == folded)
    })
}

/// Checks the header line against `columns` (each once, none unknown, no hidden character);
/// the index of each of `columns` among the cells (`None` for an optional column the file
/// lacks), or `None` when the header is wrong. Missing and unknown columns make one error for
/// the whole line, naming the expected columns: a wrong header is one mistake, not one per row.
fn header(
    file: &SourceFile,
    sep: char,
    names: &[String],
    columns: &[Column],
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Option<usize>>> {
    let header_starts = cell_columns(file.line(1), sep);
    let header_pos = |i: usize| Pos::new(1, header_starts.get(i).copied().unwrap_or(1));
    let mut ok = true;
    let mut index: Vec<Option<usize>> = vec![None; columns.len()];
    let mut unknown = Vec::new();
    for (i, n) in names.iter().enumerate() {
        ok &= !hidden_in_cell(file, header_pos(i), n, diags);
        let ignored = IGNORED_COLUMNS
            .iter()
            .any(|c| fold_label(c) == fold_label(n));
        match column_of(n, columns) {
            Some(c) => match index[c] {
                Some(first) => {
                    ok = false;
                    diags.push(
                        file.error(
                            header_pos(i),
                            Code::CsvCot,
                            format!("Cột `{n}` có hai lần trong dòng tiêu đề."),
                        )
                        .related(file, header_pos(first), "cột này có lần đầu ở đây")
                        .hint("Xóa hoặc đổi tên một trong hai cột: mỗi cột chỉ có một lần."),
                    );
                }
                None => index[c] = Some(i),
            },
            // Excel leaves empty headings over columns once touched: their cells are checked in
            // `read` (content under no heading would be lost).
            None if ignored || n.is_empty() => {}
            None => unknown.push(n.as_str()),
        }
    }
    let missing: Vec<&Column> = columns
        .iter()
        .zip(&index)
        .filter(|(c, i)| c.required && i.is_none())
        .map(|(c, _)| c)
        .collect();
    if !missing.is_empty() || !unknown.is_empty() {
        diags.push(wrong_header(file, &missing, &unknown, columns));
        return None;
    }
    ok.then_some(index)
}

/// The one error of a header that lacks or does not know columns.
fn wrong_header(
    file: &SourceFile,
    missing: &[&Column],
    unknown: &[&str],
    columns: &[Column],
) -> Diagnostic {
    let quoted = |v: Vec<String>| v.join(", ");
    let mut problems = Vec::new();
    if !missing.is_empty() {
        let names = missing
            .iter()
            .map(|c| format!("`{}` ({})", c.labels[0], c.key))
            .collect();
        problems.push(format!("thiếu cột {}", quoted(names)));
    }
    if !unknown.is_empty() {
        let names = unknown.iter().map(|n| format!("`{n}`")).collect();
        problems.push(format!("không biết cột {}", quoted(names)));
    }
    let listed = |v: Vec<&str>| {
        v.iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let of = |required: bool, name: fn(&Column) -> &'static str| {
        listed(
            columns
                .iter()
                .filter(|c| c.required == required)
                .map(name)
                .collect(),
        )
    };
    let mut hint = format!(
        "Dòng đầu (tiêu đề) phải có các cột {} (hoặc {}), có thể thêm {} (hoặc {}); cột `STT` được bỏ qua.",
        of(true, |c| c.labels[0]),
        of(true, |c| c.key),
        of(false, |c| c.labels[0]),
        of(false, |c| c.key),
    );
    let candidates = columns
        .iter()
        .flat_map(|c| std::iter::once(c.key).chain(c.labels.iter().copied()));
    if let Some(first) = unknown.first()
        && let Some(s) = crate::text::suggest::did_you_mean(first, candidates)
    {
        hint = format!("{s} {hint}");
    }
    file.error(
        Pos::START,
        Code::CsvCot,
        format!("Dòng tiêu đề không đúng mẫu: {}.", problems.join("; ")),
    )
    .hint(hint)
}

/// An opening quote that is never closed makes the rest of the file one cell: every area after
/// it would vanish without a word. Reported at the quote; true when the file is free of it.
fn unclosed_quote(file: &SourceFile, sep: char, diags: &mut Vec<Diagnostic>) -> bool {
    let text = file.text.as_str();
    let mut open: Option<usize> = None;
    let mut at_cell_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (open, c) {
            (None, '"') if at_cell_start => open = Some(i),
            (None, _) => at_cell_start = c == sep || c == '\n',
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
        file.error(file.pos_of_byte(at), Code::CsvNgoacKep, "Dấu ngoặc kép mở ô này không được đóng: phần còn lại của tệp sẽ thành một ô.")
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
    let quoted = file.line(cell.line()).chars().nth(cell.column() - 1) == Some('"');
    let column = cell.column() + usize::from(quoted) + found.char_index;
    diags.push(
        file.error(Pos::new(cell.line(), column), Code::KyTuAn, format!("Ô này có {}.", found.what))
            .hint("Ký tự này không nhìn thấy được nhưng làm chữ hiển thị sai hoặc che một con số: xóa nó (thường dính vào khi chép từ trang web hoặc PDF)."),
    );
    true
}

/// The column (1-based, in characters) where each cell of a CSV line starts; separators inside
/// quotes do not count.
fn cell_columns(line: &str, sep: char) -> Vec<usize> {
    let mut starts = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            c if c == sep && !quoted => starts.push(i + 2),
            _ => {}
        }
    }
    starts
}

fn required(
    file: &SourceFile,
    row: &Row,
    i: usize,
    col: &Column,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if row.fields[i].is_empty() {
        diags.push(
            file.error(
                row.pos(i),
                Code::CsvTrong,
                format!(
                    "Ô `{}` ({}) của dòng này đang trống.",
                    col.labels[0], col.key
                ),
            )
            .hint(format!("Điền `{}` hoặc xóa cả dòng.", col.labels[0])),
        );
        return false;
    }
    true
}

/// The phone cell `i` of a row, checked like a phone field of `_site.yaml`.
fn phone(
    file: &SourceFile,
    row: &Row,
    i: usize,
    col: &Column,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let cell = row.located(i);
    if cell.value.is_empty() {
        return None;
    }
    super::site::check_phone(file, col.labels[0], &cell, diags);
    Some(cell.value)
}

pub fn roster(file: &Arc<SourceFile>, diags: &mut Vec<Diagnostic>) -> Vec<Member> {
    let columns = ROSTER_COLUMNS;
    let Some(rows) = read(file, columns, diags) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in rows {
        let ok = [0, 1, 2]
            .iter()
            .all(|&i| required(file, &row, i, &columns[i], diags));
        if !ok {
            continue;
        }
        let f = &row.fields;
        out.push(Member {
            name: f[0].clone(),
            title: f[1].clone(),
            role: super::site::role(file, &row.located(2), true, diags),
            phone: phone(file, &row, 3, &columns[3], diags),
            file: file.clone(),
        });
    }
    out
}

/// Areas with their commune code (`""` on a commune site), one area per `(don_vi, ma)`, contacts
/// gathered from consecutive or scattered rows in file order.
pub fn areas(file: &Arc<SourceFile>, diags: &mut Vec<Diagnostic>) -> Vec<(String, Area)> {
    let columns = AREA_COLUMNS;
    let Some(rows) = read(file, columns, diags) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Area)> = Vec::new();
    for row in rows {
        if !(required(file, &row, 1, &columns[1], diags)
            && required(file, &row, 2, &columns[2], diags))
        {
            continue;
        }
        let f = &row.fields;
        let contact = (!f[3].is_empty()).then(|| Contact {
            name: f[3].clone(),
            title: f[4].clone(),
            phone: phone(file, &row, 5, &columns[5], diags),
        });
        if contact.is_none() && (!f[4].is_empty() || !f[5].is_empty()) {
            diags.push(
                file.error(
                    row.pos(3),
                    Code::CsvTrong,
                    "Có chức vụ hoặc số điện thoại liên hệ nhưng thiếu họ tên người liên hệ.",
                )
                .hint("Điền họ tên người liên hệ (cột `Người liên hệ`, `lien_he_ho_ten`)."),
            );
        }
        if let Some((_, area)) = out
            .iter_mut()
            .find(|(u, a)| *u == f[0] && a.code.value == f[1])
        {
            if area.name.value != f[2] {
                diags.push(
                    file.error(
                        row.pos(2),
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
                code: row.located(1),
                name: row.located(2),
                contacts: contact.into_iter().collect(),
                file: file.clone(),
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_read_from_the_header_outside_quotes() {
        assert_eq!(separator("ho_ten,chuc_vu,vai_tro"), ',');
        assert_eq!(separator("Họ và tên;Chức vụ;\"Vai trò, nhiệm vụ\""), ';');
        assert_eq!(separator("ho_ten\tchuc_vu"), '\t');
        assert_eq!(separator("ho_ten"), ',');
    }

    #[test]
    fn headings_are_keys_or_labels_in_any_case_and_accent() {
        assert_eq!(column_of("HỌ VÀ TÊN", ROSTER_COLUMNS), Some(0));
        assert_eq!(column_of("ho ten", ROSTER_COLUMNS), Some(0));
        assert_eq!(column_of("Dien thoai", ROSTER_COLUMNS), Some(3));
        assert_eq!(column_of("Số điện thoại liên hệ", AREA_COLUMNS), Some(5));
        assert_eq!(column_of("Chức vụ", AREA_COLUMNS), Some(4));
        assert_eq!(column_of("Ghi chú", ROSTER_COLUMNS), None);
    }
}
