//! Document numbers (`so_hieu`) as Decree 30/2020/NĐ-CP prints them: `290/QĐ-UBND`.
//!
//! A document is identified by issuer + year + number, and references between documents compare
//! numbers exactly (SPEC §3), so a number must be typed exactly as printed: digits, `/`, a symbol
//! in capitals. Clerks copy numbers out of Word and PDF files and bring along the `Số:` label,
//! blanks of unsigned drafts, invisible characters and letters that only look right (`Ð` U+00D0
//! instead of `Đ` U+0110). This module parses a number strictly, explains every problem in
//! Vietnamese with a corrected value when one can be worked out, and checks that the type
//! abbreviation agrees with `loai`. It must never treat two different symbols as equal (HD is not
//! HĐ, CT is not CTr, DA is not ĐA) and never accept a number it had to correct.

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::chars::{self, SuspiciousKind, nfc, replace_suspicious, strip_invisible};
use crate::words::{DocKind, Word};

/// Every type abbreviation that can open a symbol, with the type's name: Decree 30/2020
/// Appendix III, plus the legal normative documents that task forces cite (NĐ, TT, TTLT, NQLT).
pub const TYPE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("TC", "Thông cáo"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    ("BC", "Báo cáo"),
    ("BB", "Biên bản"),
    ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"),
    ("CĐ", "Công điện"),
    ("GN", "Bản ghi nhớ"),
    ("TTh", "Bản thỏa thuận"),
    ("GUQ", "Giấy ủy quyền"),
    ("GM", "Giấy mời"),
    ("GGT", "Giấy giới thiệu"),
    ("GNP", "Giấy nghỉ phép"),
    ("PG", "Phiếu gửi"),
    ("PC", "Phiếu chuyển"),
    ("PB", "Phiếu báo"),
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("TTLT", "Thông tư liên tịch"),
    ("NQLT", "Nghị quyết liên tịch"),
];

/// Symbol segments that Decree 30/2020 writes in mixed case; they are correct only as written.
pub const MIXED_CASE_SEGMENTS: &[&str] = &["QyĐ", "CTr", "TTr", "TTg", "TTh"];

/// The type name in capitals as printed (`"QUYẾT ĐỊNH"`), for a known `loai`.
pub fn type_name(loai: &str) -> Option<&'static str> {
    DocKind::parse(loai).map(DocKind::printed_name)
}

/// The type abbreviation (`"QĐ"`) of a known `loai`; `None` for `cong-van` and unknown types.
pub fn type_abbreviation(loai: &str) -> Option<&'static str> {
    DocKind::parse(loai).and_then(DocKind::abbreviation)
}

/// True when `loai` is one of the types of SPEC §3.
pub fn is_known_type(loai: &str) -> bool {
    DocKind::parse(loai).is_some()
}

/// The name of the type an abbreviation stands for (`"KH"` → `"Kế hoạch"`), compared exactly.
pub fn abbreviation_name(abbr: &str) -> Option<&'static str> {
    TYPE_ABBREVIATIONS
        .iter()
        .find(|(a, _)| *a == abbr)
        .map(|(_, name)| *name)
}

/// The `loai` whose abbreviation is `abbr` (`"KH"` → `"ke-hoach"`), compared exactly.
pub fn loai_for_abbreviation(abbr: &str) -> Option<&'static str> {
    DocKind::ALL
        .iter()
        .find(|k| k.abbreviation() == Some(abbr))
        .map(|k| k.key())
}

/// A parsed `so_hieu`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocNumber {
    /// The digits as written, e.g. `"02"`.
    pub number: String,
    /// The year of `01/2022/QĐ-UBND`, when the number carries one.
    pub year: Option<String>,
    /// Everything after the last `/`, e.g. `"QĐ-UBND"`.
    pub symbol: String,
    /// The first symbol segment when it is a known type abbreviation (`TYPE_ABBREVIATIONS`).
    pub type_abbr: Option<String>,
}

impl DocNumber {
    /// The text numbers are compared by: NFC, exactly as printed, e.g. `"290/QĐ-UBND"`.
    pub fn key(&self) -> String {
        let raw = match &self.year {
            Some(year) => format!("{}/{}/{}", self.number, year, self.symbol),
            None => format!("{}/{}", self.number, self.symbol),
        };
        nfc(&raw)
    }
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// What is wrong with a `so_hieu`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberProblemKind {
    Empty,
    /// `Số: 290/QĐ-UBND`: the label was copied with the number.
    CopiedPrefix,
    /// `   /KH-UBND`: the number of an unsigned draft is still blank.
    DraftBlank,
    /// Zero-width characters, direction controls, control characters, unusual spaces.
    Invisible,
    /// Characters that look right but are others (`Ð`, Cyrillic letters, `–`, `\`, fullwidth).
    LookAlike,
    SurroundingSpace,
    InnerSpace,
    MissingSlash,
    TooManyParts,
    NotDigits,
    Zero,
    MissingLeadingZero,
    ExtraLeadingZero,
    BadYear,
    EmptySymbol,
    BadDash,
    Lowercase,
    BadSymbolChar,
}

/// A problem with a `so_hieu`, in Vietnamese, with the corrected value when one is certain
/// enough to offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberProblem {
    pub kind: NumberProblemKind,
    pub message: String,
    pub hint: String,
    /// The corrected value; it always parses without problem.
    pub suggestion: Option<String>,
    /// 0-based character offset of the offending character in the value, for the column.
    pub char_offset: Option<usize>,
}

impl NumberProblem {
    /// True when the number is blank or only its number part is (`   /KH-UBND`): what an
    /// unsigned draft carries, accepted when `ban_nhap: true` (SPEC §9).
    pub fn is_blank(&self) -> bool {
        matches!(
            self.kind,
            NumberProblemKind::Empty | NumberProblemKind::DraftBlank
        )
    }
}

struct Found {
    kind: NumberProblemKind,
    message: String,
    hint: String,
    offset: Option<usize>,
}

impl Found {
    fn new(kind: NumberProblemKind, message: String, hint: &str, offset: Option<usize>) -> Self {
        Found {
            kind,
            message,
            hint: hint.to_string(),
            offset,
        }
    }
}

const FORMAT_EXAMPLE: &str = "Ghi số và ký hiệu đúng như trên văn bản đã ký, dạng SỐ/KÝ HIỆU \
     (`290/QĐ-UBND`) hoặc SỐ/NĂM/KÝ HIỆU (`01/2022/QĐ-UBND`).";

/// Parses a document's own `so_hieu` strictly (SPEC §9): `NUMBER/SYMBOL` or
/// `NUMBER/YYYY/SYMBOL`, NUMBER digits with a leading zero below 10, SYMBOL capitals, digits and
/// `Đ` joined by `-` (plus the mixed-case `QyĐ`, `CTr`, `TTr`, `TTg`, `TTh`).
pub fn parse_so_hieu(s: &str) -> Result<DocNumber, NumberProblem> {
    let found = match check(s) {
        Ok(number) => return Ok(number),
        Err(found) => found,
    };
    let suggestion = match found.kind {
        NumberProblemKind::Empty | NumberProblemKind::DraftBlank | NumberProblemKind::Zero => None,
        _ => repair(s).filter(|fixed| fixed != s && check(fixed).is_ok()),
    };
    let hint = match &suggestion {
        Some(fixed) => format!("{} Viết là `{fixed}`.", found.hint),
        None => found.hint,
    };
    Err(NumberProblem {
        kind: found.kind,
        message: found.message,
        hint,
        suggestion,
        char_offset: found.offset,
    })
}

fn check(s: &str) -> Result<DocNumber, Found> {
    check_present(s)?;
    check_characters(s)?;
    check_spaces(s)?;
    let (number, year, symbol) = split_parts(s)?;
    check_number_part(s, number)?;
    let mut symbol_offset = number.chars().count() + 1;
    if let Some(year) = year {
        check_year(s, year, symbol_offset)?;
        symbol_offset += year.chars().count() + 1;
    }
    check_symbol(s, symbol, symbol_offset)?;
    let type_abbr = symbol
        .split('-')
        .next()
        .filter(|first| abbreviation_name(first).is_some())
        .map(str::to_string);
    Ok(DocNumber {
        number: number.to_string(),
        year: year.map(str::to_string),
        symbol: symbol.to_string(),
        type_abbr,
    })
}

/// Something is written, and it is not the `Số:` label or the blank of an unsigned draft.
fn check_present(s: &str) -> Result<(), Found> {
    use NumberProblemKind as K;
    if strip_invisible(s).trim().is_empty() {
        return Err(Found::new(
            K::Empty,
            "`so_hieu` đang để trống.".to_string(),
            "Ghi số và ký hiệu đúng như trên văn bản đã ký, ví dụ `290/QĐ-UBND`. Nếu văn bản \
             chưa ký, đặt `ban_nhap: true`.",
            None,
        ));
    }
    if let Some(rest) = strip_copied_prefix(s) {
        if is_draft_blank(&rest) {
            return Err(draft_blank(s));
        }
        return Err(Found::new(
            K::CopiedPrefix,
            format!("Số hiệu `{s}` có chữ `Số` chép từ văn bản."),
            "Bỏ chữ 'Số:', chỉ ghi số và ký hiệu.",
            Some(leading_blanks(s)),
        ));
    }
    if is_draft_blank(s) {
        return Err(draft_blank(s));
    }
    Ok(())
}

fn leading_blanks(s: &str) -> usize {
    s.chars().take_while(|c| c.is_whitespace()).count()
}

/// No invisible characters, no look-alikes, no `\` for `/`.
fn check_characters(s: &str) -> Result<(), Found> {
    use NumberProblemKind as K;
    if let Some(found) = chars::find_suspicious(s) {
        let position = found.char_index + 1;
        return Err(if found.kind == SuspiciousKind::LookAlike {
            let hint = match found.replacement {
                Some('-') => "Dùng dấu gạch nối `-` trên bàn phím.",
                Some('/') => "Dùng dấu gạch chéo `/` trên bàn phím.",
                Some('Đ' | 'đ') => {
                    "Chữ này trông giống nhưng máy coi là chữ khác, nên số hiệu sẽ không khớp \
                     khi tra cứu: gõ lại bằng bộ gõ tiếng Việt (UniKey: DD theo kiểu Telex, D9 \
                     theo kiểu VNI)."
                }
                _ => {
                    "Ký tự này trông giống nhưng máy coi là ký tự khác, nên số hiệu sẽ không \
                     khớp khi tra cứu: xóa và gõ lại bằng bàn phím."
                }
            };
            Found::new(
                K::LookAlike,
                format!("Số hiệu `{s}` có {} ở vị trí thứ {position}.", found.what),
                hint,
                Some(found.char_index),
            )
        } else {
            Found::new(
                K::Invisible,
                format!("Số hiệu có {} ở vị trí thứ {position}.", found.what),
                "Ký tự này thường dính vào khi chép từ Word, PDF hoặc trang web: xóa cả số \
                 hiệu và gõ lại bằng bàn phím.",
                Some(found.char_index),
            )
        });
    }
    if let Some(index) = s.chars().position(|c| c == '\\') {
        return Err(Found::new(
            K::LookAlike,
            format!(
                "Số hiệu `{s}` có dấu `\\` (U+005C, gạch chéo ngược) ở vị trí thứ {} thay cho \
                 dấu `/`.",
                index + 1
            ),
            "Dùng dấu gạch chéo `/`.",
            Some(index),
        ));
    }
    Ok(())
}

/// No space around or inside the number.
fn check_spaces(s: &str) -> Result<(), Found> {
    use NumberProblemKind as K;
    if s.trim() != s {
        let offset = if leading_blanks(s) > 0 {
            0
        } else {
            s.trim_end().chars().count()
        };
        return Err(Found::new(
            K::SurroundingSpace,
            format!("Số hiệu `{s}` có khoảng trắng thừa ở đầu hoặc cuối."),
            "Xóa khoảng trắng thừa.",
            Some(offset),
        ));
    }
    if let Some(index) = s.chars().position(char::is_whitespace) {
        return Err(Found::new(
            K::InnerSpace,
            format!("Số hiệu `{s}` có khoảng trắng ở vị trí thứ {}.", index + 1),
            "Số hiệu viết liền, không có khoảng trắng.",
            Some(index),
        ));
    }
    Ok(())
}

/// `NUMBER/SYMBOL` or `NUMBER/YEAR/SYMBOL`.
fn split_parts(s: &str) -> Result<(&str, Option<&str>, &str), Found> {
    use NumberProblemKind as K;
    let parts: Vec<&str> = s.split('/').collect();
    match parts.as_slice() {
        [number, symbol] => Ok((*number, None, *symbol)),
        [number, year, symbol] => Ok((*number, Some(*year), *symbol)),
        [_] => Err(Found::new(
            K::MissingSlash,
            format!("Số hiệu `{s}` thiếu dấu `/` giữa số và ký hiệu."),
            FORMAT_EXAMPLE,
            None,
        )),
        _ => Err(Found::new(
            K::TooManyParts,
            format!(
                "Số hiệu `{s}` có {} dấu `/`: chỉ được có một hoặc hai.",
                parts.len() - 1
            ),
            FORMAT_EXAMPLE,
            None,
        )),
    }
}

fn check_year(s: &str, year: &str, offset: usize) -> Result<(), Found> {
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Found::new(
            NumberProblemKind::BadYear,
            format!("Phần năm `{year}` của số hiệu `{s}` phải gồm 4 chữ số."),
            "Viết theo dạng SỐ/NĂM/KÝ HIỆU như trên văn bản, ví dụ `01/2022/QĐ-UBND`.",
            Some(offset),
        ));
    }
    Ok(())
}

fn draft_blank(s: &str) -> Found {
    Found::new(
        NumberProblemKind::DraftBlank,
        format!("Số hiệu `{s}` còn để trống phần số: đây là bản nháp chưa ký."),
        "Điền số của văn bản đã ký, ví dụ `02/KH-UBND`. Nếu văn bản chưa ký, đặt \
         `ban_nhap: true` để không công bố.",
        Some(0),
    )
}

fn check_number_part(s: &str, number: &str) -> Result<(), Found> {
    use NumberProblemKind as K;
    if let Some((index, bad)) = number
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_digit())
    {
        return Err(Found::new(
            K::NotDigits,
            format!(
                "Phần số `{number}` của số hiệu `{s}` có ký tự `{bad}` không phải chữ số, ở vị \
                 trí thứ {}.",
                index + 1
            ),
            "Phần trước dấu `/` chỉ gồm chữ số 0–9.",
            Some(index),
        ));
    }
    let significant = number.trim_start_matches('0');
    if significant.is_empty() {
        return Err(Found::new(
            K::Zero,
            format!("Số hiệu `{s}` có số `{number}`: văn bản không có số 0."),
            "Ghi đúng số trên văn bản đã ký.",
            Some(0),
        ));
    }
    if number.len() == 1 {
        return Err(Found::new(
            K::MissingLeadingZero,
            format!("Số hiệu `{s}`: số nhỏ hơn 10 phải có số 0 ở đầu (Nghị định 30/2020/NĐ-CP)."),
            "Thêm số 0 vào trước số.",
            Some(0),
        ));
    }
    let expected_len = significant.len().max(2);
    if number.len() > expected_len {
        return Err(Found::new(
            K::ExtraLeadingZero,
            format!("Số hiệu `{s}` có số 0 thừa ở đầu phần số `{number}`."),
            "Chỉ số nhỏ hơn 10 mới có một số 0 ở đầu (`02`); số từ 10 trở lên không có số 0 ở \
             đầu.",
            Some(0),
        ));
    }
    Ok(())
}

fn check_symbol(s: &str, symbol: &str, symbol_offset: usize) -> Result<(), Found> {
    use NumberProblemKind as K;
    if symbol.is_empty() {
        return Err(Found::new(
            K::EmptySymbol,
            format!("Số hiệu `{s}` thiếu ký hiệu sau dấu `/`."),
            "Ghi đủ ký hiệu như trên văn bản, ví dụ `290/QĐ-UBND`.",
            Some(symbol_offset.saturating_sub(1)),
        ));
    }
    let mut offset = symbol_offset;
    let segments: Vec<&str> = symbol.split('-').collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            // Point at the dash that has nothing on one side.
            let dash = if i == last {
                offset.saturating_sub(1)
            } else {
                offset
            };
            return Err(Found::new(
                K::BadDash,
                format!("Ký hiệu `{symbol}` của số hiệu có dấu `-` thừa hoặc đặt sai chỗ."),
                "Các phần của ký hiệu nối với nhau bằng đúng một dấu `-`.",
                Some(dash),
            ));
        }
        if !MIXED_CASE_SEGMENTS.contains(segment) {
            for (j, ch) in segment.chars().enumerate() {
                if ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == 'Đ' {
                    continue;
                }
                let at = offset + j;
                return Err(symbol_char_problem(symbol, ch, at));
            }
        }
        offset += segment.chars().count() + 1;
    }
    Ok(())
}

fn symbol_char_problem(symbol: &str, ch: char, at: usize) -> Found {
    use NumberProblemKind as K;
    let position = at + 1;
    let cp = chars::code_point(ch);
    if ch == 'đ' {
        return Found::new(
            K::Lowercase,
            format!(
                "Ký hiệu `{symbol}` có chữ đ thường {cp} ở vị trí thứ {position}: trong ký hiệu \
                 phải viết hoa Đ U+0110."
            ),
            "Viết hoa chữ Đ.",
            Some(at),
        );
    }
    if ch.is_lowercase() {
        return Found::new(
            K::Lowercase,
            format!("Ký hiệu `{symbol}` có chữ thường `{ch}` ở vị trí thứ {position}."),
            "Ký hiệu viết chữ in hoa, trừ các viết tắt QyĐ, CTr, TTr, TTg, TTh viết đúng như \
             Nghị định 30/2020/NĐ-CP.",
            Some(at),
        );
    }
    let what = if ch.is_alphabetic() {
        format!("chữ `{ch}` ({cp})")
    } else {
        format!("ký tự `{ch}` ({cp})")
    };
    Found::new(
        K::BadSymbolChar,
        format!(
            "Ký hiệu `{symbol}` của số hiệu có {what} ở vị trí thứ {position}, không được dùng \
             trong ký hiệu."
        ),
        "Ký hiệu chỉ gồm chữ in hoa không dấu, chữ số, chữ Đ và dấu `-`.",
        Some(at),
    )
}

/// The rest of `s` after a copied `Số:` / `Số hiệu:` label, or `None` when there is none.
fn strip_copied_prefix(s: &str) -> Option<String> {
    let text = nfc(s.trim_start());
    for label in ["số hiệu", "so hieu", "số", "so"] {
        let mut rest = text.chars();
        let matches = label.chars().all(|expected| {
            rest.next()
                .is_some_and(|c| c.to_lowercase().eq(std::iter::once(expected)))
        });
        if !matches {
            continue;
        }
        let rest = rest.as_str();
        if rest.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        let rest = rest.trim_start();
        let rest = rest
            .strip_prefix(':')
            .or_else(|| rest.strip_prefix('.'))
            .unwrap_or(rest);
        return Some(rest.to_string());
    }
    None
}

/// `   /KH-UBND`, `…/QĐ-UBND`, `.../QĐ-UBND`, `/QĐ-UBND`: the number is still a blank.
fn is_draft_blank(s: &str) -> bool {
    let Some((number, _)) = s.split_once('/') else {
        return false;
    };
    strip_invisible(number)
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '.' | '…' | '_'))
}

/// The mechanical corrections of a number: label dropped, look-alikes replaced, spaces removed,
/// `/` inserted after the digits, number padded, symbol uppercased (keeping the mixed-case
/// abbreviations) and folded. The caller checks that the result parses.
fn repair(s: &str) -> Option<String> {
    let text = nfc(s);
    let text = strip_copied_prefix(&text).unwrap_or(text);
    let text: String = replace_suspicious(&text)
        .chars()
        .map(|c| if c == '\\' { '/' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut parts: Vec<String> = text.split('/').map(str::to_string).collect();
    if parts.len() == 1 {
        let digits_end = text.find(|c: char| !c.is_ascii_digit())?;
        let (number, symbol) = text.split_at_checked(digits_end)?;
        parts = vec![
            number.to_string(),
            symbol.trim_start_matches('-').to_string(),
        ];
    }
    if parts.len() > 3 {
        return None;
    }
    let mut parts = parts.into_iter();
    let number = parts.next()?;
    let number: String = number
        .chars()
        .map(|c| if matches!(c, 'O' | 'o') { '0' } else { c })
        .collect();
    let significant = number.trim_start_matches('0');
    let number = if significant.len() == 1 {
        format!("0{significant}")
    } else {
        significant.to_string()
    };
    let mut rest: Vec<String> = parts.collect();
    let symbol = rest.pop()?;
    let symbol = symbol
        .split('-')
        .filter(|segment| !segment.is_empty())
        .map(repair_segment)
        .collect::<Vec<_>>()
        .join("-");
    let mut fixed = number;
    for part in rest.iter().chain(std::iter::once(&symbol)) {
        fixed.push('/');
        fixed.push_str(part);
    }
    Some(fixed)
}

fn repair_segment(segment: &str) -> String {
    if MIXED_CASE_SEGMENTS.contains(&segment) || !segment.chars().any(char::is_lowercase) {
        return fold_symbol_letters(segment);
    }
    let upper = segment.to_uppercase();
    if let Some(canonical) = MIXED_CASE_SEGMENTS
        .iter()
        .find(|m| m.to_uppercase() == upper)
    {
        return (*canonical).to_string();
    }
    fold_symbol_letters(&upper)
}

/// Drops diacritics from symbol letters other than Đ: `UBNDXÃ` → `UBNDXA`.
fn fold_symbol_letters(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for c in segment.chars() {
        if c == 'Đ' || c.is_ascii() {
            out.push(c);
        } else {
            out.extend(std::iter::once(c).nfd().filter(|m| !is_combining_mark(*m)));
        }
    }
    out
}

/// Checks that the symbol's type abbreviation agrees with `loai`: a `ke-hoach` is numbered
/// `.../KH-...`, a `cong-van` has no type abbreviation. Abbreviations are compared exactly
/// (HD ≠ HĐ). An unknown `loai` is not judged here: it is reported where `loai` is read.
pub fn check_type_matches(loai: &str, n: &DocNumber) -> Result<(), String> {
    if !is_known_type(loai) {
        return Ok(());
    }
    let key = n.key();
    let found_name = |abbr: &str| abbreviation_name(abbr).unwrap_or("?");
    match (type_abbreviation(loai), n.type_abbr.as_deref()) {
        (None, None) => Ok(()),
        (None, Some(found)) => {
            let instead = match loai_for_abbreviation(found) {
                Some(other) => format!(" (ví dụ `{other}`)"),
                None => String::new(),
            };
            Err(format!(
                "Số hiệu `{key}` bắt đầu bằng viết tắt loại `{found}` ({}) nhưng `loai` là \
                 `{loai}`: công văn không có viết tắt loại, ký hiệu gồm tên viết tắt của cơ quan \
                 ban hành và đơn vị soạn thảo, ví dụ `1433/UBND-TTHC`. Sửa `loai` cho đúng loại \
                 văn bản{instead}, hoặc sửa số hiệu.",
                found_name(found),
            ))
        }
        (Some(expected), Some(found)) if expected == found => Ok(()),
        (Some(expected), Some(found)) => Err(format!(
            "Số hiệu `{key}` có viết tắt loại `{found}` ({}) nhưng `loai` là `{loai}` (viết tắt \
             `{expected}`). Sửa `loai` hoặc số hiệu cho khớp nhau.",
            found_name(found),
        )),
        (Some(expected), None) => {
            let name = found_name(expected);
            let first = n.symbol.split('-').next().unwrap_or_default();
            if first.to_uppercase() == expected.to_uppercase() {
                let fixed = DocNumber {
                    symbol: n.symbol.replacen(first, expected, 1),
                    ..n.clone()
                };
                Err(format!(
                    "Số hiệu `{key}`: viết tắt loại {name} phải viết đúng là `{expected}`, không \
                     phải `{first}` (Nghị định 30/2020/NĐ-CP). Viết là `{}`.",
                    fixed.key()
                ))
            } else {
                Err(format!(
                    "Số hiệu `{key}` không có viết tắt loại `{expected}` ({name}) ở đầu ký hiệu \
                     nhưng `loai` là `{loai}`. Ký hiệu của {} bắt đầu bằng `{expected}`, ví dụ \
                     `290/{expected}-UBND`; sửa số hiệu như trên văn bản, hoặc sửa `loai` (văn \
                     bản không có viết tắt loại là `cong-van`).",
                    name.to_lowercase(),
                ))
            }
        }
    }
}

/// Lenient normalization of a number cited in `can_cu`, `lien_quan`, `thay_the`, `sua_doi` or
/// `ban_hanh_kem_theo`: numbers of other bodies come in every form (`06/QĐ-TTg`,
/// `59/2022/NĐ-CP`), so nothing is refused; the text is only cleaned so that equal numbers compare
/// equal: invisible characters dropped, look-alikes replaced, a copied `Số:` removed, spaces
/// collapsed and removed around `/` and `-`, NFC. `None` when nothing number-like is left (no
/// digit at all).
pub fn parse_reference_number(s: &str) -> Option<String> {
    let text = replace_suspicious(&nfc(s)).replace('\\', "/");
    let text = strip_copied_prefix(&text).unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let glued = out.ends_with(['/', '-']) || word.starts_with(['/', '-']);
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(word);
    }
    let out = nfc(&out);
    out.chars().any(|c| c.is_ascii_digit()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(s: &str) -> NumberProblem {
        match parse_so_hieu(s) {
            Ok(n) => panic!("{s:?} should be refused, parsed as {n:?}"),
            Err(p) => p,
        }
    }

    fn ok(s: &str) -> DocNumber {
        match parse_so_hieu(s) {
            Ok(n) => n,
            Err(p) => panic!("{s:?} should parse: {p:?}"),
        }
    }

    #[test]
    fn doc_types_cover_spec_and_helpers_agree() {
        assert_eq!(DocKind::ALL.len(), 15);
        assert_eq!(type_name("quyet-dinh"), Some("QUYẾT ĐỊNH"));
        assert_eq!(type_abbreviation("quy-dinh"), Some("QyĐ"));
        assert_eq!(type_abbreviation("cong-van"), None);
        assert_eq!(type_name("cong-van"), Some("CÔNG VĂN"));
        assert_eq!(type_abbreviation("khong-co"), None);
        assert!(is_known_type("giay-moi"));
        assert!(!is_known_type("cong-dien"));
        assert_eq!(loai_for_abbreviation("KH"), Some("ke-hoach"));
        assert_eq!(loai_for_abbreviation("HĐ"), None);
        for kind in DocKind::ALL {
            if let Some(abbr) = kind.abbreviation() {
                assert!(abbreviation_name(abbr).is_some(), "{kind:?}");
                assert_eq!(loai_for_abbreviation(abbr), Some(kind.key()));
            }
        }
    }

    #[test]
    fn valid_numbers_parse() {
        let n = ok("290/QĐ-UBND");
        assert_eq!(n.number, "290");
        assert_eq!(n.year, None);
        assert_eq!(n.symbol, "QĐ-UBND");
        assert_eq!(n.type_abbr.as_deref(), Some("QĐ"));
        assert_eq!(n.key(), "290/QĐ-UBND");
        assert_eq!(n.to_string(), "290/QĐ-UBND");

        let n = ok("02/KH-TCTĐA06");
        assert_eq!(n.number, "02");
        assert_eq!(n.type_abbr.as_deref(), Some("KH"));

        let n = ok("01/2022/QĐ-UBND");
        assert_eq!(n.year.as_deref(), Some("2022"));
        assert_eq!(n.key(), "01/2022/QĐ-UBND");

        let n = ok("1433/UBND-TTHC");
        assert_eq!(n.type_abbr, None);

        assert_eq!(ok("06/QĐ-TTg").type_abbr.as_deref(), Some("QĐ"));
        assert_eq!(ok("15/QyĐ-UBND").type_abbr.as_deref(), Some("QyĐ"));
        assert_eq!(ok("03/CTr-UBND").type_abbr.as_deref(), Some("CTr"));
        assert_eq!(ok("12/TTr-CAH").type_abbr.as_deref(), Some("TTr"));
        assert_eq!(ok("10/NQ-HĐND").type_abbr.as_deref(), Some("NQ"));
        assert_eq!(ok("05/CĐ-UBND").type_abbr.as_deref(), Some("CĐ"));
        assert_eq!(ok("59/2022/NĐ-CP").type_abbr.as_deref(), Some("NĐ"));
        assert_eq!(ok("10/10").symbol, "10");
    }

    #[test]
    fn symbols_that_differ_only_by_d_stroke_stay_apart() {
        assert_eq!(ok("01/HD-UBND").type_abbr.as_deref(), Some("HD"));
        assert_eq!(ok("01/HĐ-UBND").type_abbr.as_deref(), Some("HĐ"));
        assert_eq!(ok("01/DA-UBND").type_abbr.as_deref(), Some("DA"));
        assert_eq!(ok("01/ĐA-UBND").type_abbr.as_deref(), Some("ĐA"));
        assert_ne!(ok("01/HD-UBND").key(), ok("01/HĐ-UBND").key());
    }

    #[test]
    fn empty_is_refused() {
        for s in ["", "   ", "\u{200B}"] {
            let p = problem(s);
            assert_eq!(p.kind, NumberProblemKind::Empty, "{s:?}");
            assert_eq!(p.message, "`so_hieu` đang để trống.");
            assert_eq!(p.suggestion, None);
        }
    }

    #[test]
    fn copied_prefix_is_refused_with_the_bare_number() {
        for s in [
            "Số: 290/QĐ-UBND",
            "Số 290/QĐ-UBND",
            "số: 290/QĐ-UBND",
            "SỐ: 290/QĐ-UBND",
            "So: 290/QĐ-UBND",
            "Số hiệu: 290/QĐ-UBND",
            "So\u{0302}\u{0301}: 290/QĐ-UBND",
        ] {
            let p = problem(s);
            assert_eq!(p.kind, NumberProblemKind::CopiedPrefix, "{s:?}");
            assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"), "{s:?}");
            assert_eq!(
                p.hint,
                "Bỏ chữ 'Số:', chỉ ghi số và ký hiệu. Viết là `290/QĐ-UBND`."
            );
            assert_eq!(p.char_offset, Some(0));
        }
        let p = problem("Số: 2/kh-ubnd");
        assert_eq!(p.kind, NumberProblemKind::CopiedPrefix);
        assert_eq!(p.suggestion.as_deref(), Some("02/KH-UBND"));
    }

    #[test]
    fn draft_blanks_are_refused_without_suggestion() {
        for s in [
            "   /KH-UBND",
            "…/QĐ-UBND",
            ".../QĐ-UBND",
            "/QĐ-UBND",
            "Số:    /KH-UBND",
            "___/2022/QĐ-UBND",
        ] {
            let p = problem(s);
            assert_eq!(p.kind, NumberProblemKind::DraftBlank, "{s:?}");
            assert_eq!(p.suggestion, None);
            assert!(
                p.message
                    .ends_with("còn để trống phần số: đây là bản nháp chưa ký.")
            );
            assert!(p.hint.contains("`ban_nhap: true`"));
        }
    }

    #[test]
    fn leading_zero_rules() {
        let p = problem("2/KH-UBND");
        assert_eq!(p.kind, NumberProblemKind::MissingLeadingZero);
        assert_eq!(p.suggestion.as_deref(), Some("02/KH-UBND"));
        assert_eq!(
            p.message,
            "Số hiệu `2/KH-UBND`: số nhỏ hơn 10 phải có số 0 ở đầu (Nghị định 30/2020/NĐ-CP)."
        );
        assert_eq!(p.hint, "Thêm số 0 vào trước số. Viết là `02/KH-UBND`.");
        assert_eq!(p.char_offset, Some(0));

        let p = problem("002/KH-UBND");
        assert_eq!(p.kind, NumberProblemKind::ExtraLeadingZero);
        assert_eq!(p.suggestion.as_deref(), Some("02/KH-UBND"));

        let p = problem("0290/QĐ-UBND");
        assert_eq!(p.kind, NumberProblemKind::ExtraLeadingZero);
        assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"));

        let p = problem("010/QĐ-UBND");
        assert_eq!(p.suggestion.as_deref(), Some("10/QĐ-UBND"));

        for zero in ["0/QĐ-UBND", "00/QĐ-UBND", "000/QĐ-UBND"] {
            let p = problem(zero);
            assert_eq!(p.kind, NumberProblemKind::Zero, "{zero}");
            assert_eq!(p.suggestion, None);
        }
        assert_eq!(ok("02/KH-UBND").number, "02");
        assert_eq!(ok("10/KH-UBND").number, "10");
        assert_eq!(ok("100/KH-UBND").number, "100");
        let p = problem("7/2022/QĐ-UBND");
        assert_eq!(p.suggestion.as_deref(), Some("07/2022/QĐ-UBND"));
    }

    #[test]
    fn missing_slash_and_extra_slashes() {
        let p = problem("290QĐ-UBND");
        assert_eq!(p.kind, NumberProblemKind::MissingSlash);
        assert_eq!(
            p.message,
            "Số hiệu `290QĐ-UBND` thiếu dấu `/` giữa số và ký hiệu."
        );
        assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"));

        let p = problem("290-QĐ-UBND");
        assert_eq!(p.kind, NumberProblemKind::MissingSlash);
        assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"));

        let p = problem("QĐ-UBND");
        assert_eq!(p.kind, NumberProblemKind::MissingSlash);
        assert_eq!(p.suggestion, None);

        let p = problem("1/2/2022/QĐ");
        assert_eq!(p.kind, NumberProblemKind::TooManyParts);
        assert!(p.message.contains("có 3 dấu `/`"));
    }

    #[test]
    fn lowercase_is_refused_keeping_mixed_case_abbreviations() {
        let p = problem("290/qđ-ubnd");
        assert_eq!(p.kind, NumberProblemKind::Lowercase);
        assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"));
        assert_eq!(p.char_offset, Some(4));
        assert_eq!(
            p.message,
            "Ký hiệu `qđ-ubnd` có chữ thường `q` ở vị trí thứ 5."
        );

        let p = problem("290/QđUBND");
        assert_eq!(
            p.message,
            "Ký hiệu `QđUBND` có chữ đ thường U+0111 ở vị trí thứ 6: trong ký hiệu phải viết \
             hoa Đ U+0110."
        );
        assert_eq!(p.suggestion.as_deref(), Some("290/QĐUBND"));

        assert_eq!(
            problem("01/qyđ-ubnd").suggestion.as_deref(),
            Some("01/QyĐ-UBND")
        );
        assert_eq!(
            problem("06/qđ-ttg").suggestion.as_deref(),
            Some("06/QĐ-TTg")
        );
        assert_eq!(
            problem("03/ctr-ubnd").suggestion.as_deref(),
            Some("03/CTr-UBND")
        );
        // Capitals of a mixed-case abbreviation are capitals: allowed, but not the abbreviation.
        assert_eq!(ok("01/QYĐ-UBND").type_abbr, None);
    }

    #[test]
    fn invisible_characters_are_named_with_position() {
        let p = problem("290/QĐ\u{200B}-UBND");
        assert_eq!(p.kind, NumberProblemKind::Invisible);
        assert_eq!(
            p.message,
            "Số hiệu có ký tự vô hình U+200B (zero-width space) ở vị trí thứ 7."
        );
        assert_eq!(p.char_offset, Some(6));
        assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"));

        for (s, code) in [
            ("\u{FEFF}290/QĐ-UBND", "U+FEFF"),
            ("290/QĐ-UB\u{00AD}ND", "U+00AD"),
            ("290/QĐ\u{2060}-UBND", "U+2060"),
            ("290/QĐ-\u{200D}UBND", "U+200D"),
            ("290/QĐ-\u{200C}UBND", "U+200C"),
            ("290\u{00A0}/QĐ-UBND", "U+00A0"),
            ("290/QĐ-UBND\u{00A0}", "U+00A0"),
            ("290/QĐ-\u{202E}UBND", "U+202E"),
            ("290/QĐ\t-UBND", "U+0009"),
        ] {
            let p = problem(s);
            assert_eq!(p.kind, NumberProblemKind::Invisible, "{s:?}");
            assert!(p.message.contains(code), "{s:?}: {}", p.message);
            assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"), "{s:?}");
        }
    }

    #[test]
    fn look_alikes_are_named_and_fixed() {
        let p = problem("290/QÐ-UBND");
        assert_eq!(p.kind, NumberProblemKind::LookAlike);
        assert_eq!(
            p.message,
            "Số hiệu `290/QÐ-UBND` có chữ Ð U+00D0 (Eth của tiếng Iceland) trông giống Đ \
             U+0110 ở vị trí thứ 6."
        );
        assert_eq!(p.char_offset, Some(5));
        assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"));

        for (s, code, fixed) in [
            ("290/QĐ-UB\u{041D}D", "U+041D", "290/QĐ-UBHD"),
            ("290/QĐ-\u{0423}BND", "U+0423", "290/QĐ-YBND"),
            ("290/\u{039A}H-UBND", "U+039A", "290/KH-UBND"),
            ("290/\u{0421}T-UBND", "U+0421", "290/CT-UBND"),
            ("290/ＱĐ-UBND", "U+FF31", "290/QĐ-UBND"),
            ("２９０/QĐ-UBND", "U+FF12", "290/QĐ-UBND"),
            ("290/QĐ–UBND", "U+2013", "290/QĐ-UBND"),
            ("290/QĐ—UBND", "U+2014", "290/QĐ-UBND"),
            ("290/QĐ−UBND", "U+2212", "290/QĐ-UBND"),
            ("290\\QĐ-UBND", "U+005C", "290/QĐ-UBND"),
        ] {
            let p = problem(s);
            assert_eq!(p.kind, NumberProblemKind::LookAlike, "{s:?}");
            assert!(p.message.contains(code), "{s:?}: {}", p.message);
            assert_eq!(p.suggestion.as_deref(), Some(fixed), "{s:?}");
        }
        // Greek Delta does not look like a Latin letter: it is simply not allowed.
        assert_eq!(
            problem("290/QĐ-UBN\u{0394}").kind,
            NumberProblemKind::BadSymbolChar
        );
        assert_eq!(
            problem("290/QĐ–UBND").hint,
            "Dùng dấu gạch nối `-` trên bàn phím. Viết là `290/QĐ-UBND`."
        );
        assert_eq!(
            problem("290\\QĐ-UBND").hint,
            "Dùng dấu gạch chéo `/`. Viết là `290/QĐ-UBND`."
        );
    }

    #[test]
    fn spaces_are_refused() {
        let p = problem(" 290/QĐ-UBND ");
        assert_eq!(p.kind, NumberProblemKind::SurroundingSpace);
        assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"));
        assert_eq!(p.char_offset, Some(0));
        let p = problem("290/QĐ-UBND  ");
        assert_eq!(p.char_offset, Some(11));

        let p = problem("290 / QĐ-UBND");
        assert_eq!(p.kind, NumberProblemKind::InnerSpace);
        assert_eq!(
            p.message,
            "Số hiệu `290 / QĐ-UBND` có khoảng trắng ở vị trí thứ 4."
        );
        assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"));
    }

    #[test]
    fn bad_parts_are_explained() {
        let p = problem("29O/QĐ-UBND");
        assert_eq!(p.kind, NumberProblemKind::NotDigits);
        assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"));
        assert_eq!(p.char_offset, Some(2));

        let p = problem("01/22/QĐ-UBND");
        assert_eq!(p.kind, NumberProblemKind::BadYear);
        assert_eq!(p.char_offset, Some(3));
        assert_eq!(p.suggestion, None);

        let p = problem("290/");
        assert_eq!(p.kind, NumberProblemKind::EmptySymbol);

        for s in ["290/QĐ--UBND", "290/-QĐ-UBND", "290/QĐ-UBND-"] {
            let p = problem(s);
            assert_eq!(p.kind, NumberProblemKind::BadDash, "{s}");
            assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBND"), "{s}");
        }
        assert_eq!(problem("290/QĐ--UBND").char_offset, Some(7));
        assert_eq!(problem("290/QĐ-UBND-").char_offset, Some(11));

        let p = problem("290/QĐ-UBNDXÃ");
        assert_eq!(p.kind, NumberProblemKind::BadSymbolChar);
        assert_eq!(
            p.message,
            "Ký hiệu `QĐ-UBNDXÃ` của số hiệu có chữ `Ã` (U+00C3) ở vị trí thứ 13, không được \
             dùng trong ký hiệu."
        );
        assert_eq!(p.suggestion.as_deref(), Some("290/QĐ-UBNDXA"));

        let p = problem("290/QĐ.UBND");
        assert_eq!(p.kind, NumberProblemKind::BadSymbolChar);
        assert_eq!(p.suggestion, None);
    }

    #[test]
    fn suggestions_always_parse() {
        for s in [
            "Số: 2/qđ–ubnd",
            " 290 / QÐ - UBND ",
            "\u{200B}7/KH-UBND",
            "0007/kh-ubnd",
            "290QĐ-UBND",
        ] {
            let p = problem(s);
            let fixed = p.suggestion.expect("a suggestion");
            assert!(parse_so_hieu(&fixed).is_ok(), "{s:?} -> {fixed:?}");
        }
    }

    #[test]
    fn type_must_match_loai() {
        assert_eq!(check_type_matches("quyet-dinh", &ok("290/QĐ-UBND")), Ok(()));
        assert_eq!(check_type_matches("ke-hoach", &ok("02/KH-TCTĐA06")), Ok(()));
        assert_eq!(check_type_matches("quy-dinh", &ok("01/QyĐ-UBND")), Ok(()));
        assert_eq!(
            check_type_matches("cong-van", &ok("1433/UBND-TTHC")),
            Ok(())
        );
        assert_eq!(
            check_type_matches("khong-ro", &ok("1433/UBND-TTHC")),
            Ok(())
        );

        let err = check_type_matches("quyet-dinh", &ok("12/KH-UBND")).unwrap_err();
        assert!(
            err.starts_with(
                "Số hiệu `12/KH-UBND` có viết tắt loại `KH` (Kế hoạch) nhưng `loai` là \
                 `quyet-dinh` (viết tắt `QĐ`)."
            ),
            "{err}"
        );
        let err = check_type_matches("ke-hoach", &ok("290/QĐ-UBND")).unwrap_err();
        assert!(err.contains("`QĐ` (Quyết định)"), "{err}");

        let err = check_type_matches("cong-van", &ok("12/KH-UBND")).unwrap_err();
        assert!(
            err.starts_with(
                "Số hiệu `12/KH-UBND` bắt đầu bằng viết tắt loại `KH` (Kế hoạch) nhưng `loai` \
                 là `cong-van`"
            ),
            "{err}"
        );
        assert!(err.contains("`ke-hoach`"), "{err}");
    }

    #[test]
    fn type_comparison_is_exact() {
        let err = check_type_matches("huong-dan", &ok("01/HĐ-UBND")).unwrap_err();
        assert!(err.contains("`HĐ` (Hợp đồng)"), "{err}");
        assert!(err.contains("(viết tắt `HD`)"), "{err}");
        let err = check_type_matches("chi-thi", &ok("01/CTr-UBND")).unwrap_err();
        assert!(err.contains("`CTr` (Chương trình)"), "{err}");
        let err = check_type_matches("de-an", &ok("01/DA-UBND")).unwrap_err();
        assert!(err.contains("`DA` (Dự án)"), "{err}");
        assert!(err.contains("(viết tắt `ĐA`)"), "{err}");
        assert_eq!(check_type_matches("de-an", &ok("01/ĐA-UBND")), Ok(()));
    }

    #[test]
    fn missing_or_miscased_type_abbreviation() {
        let err = check_type_matches("quyet-dinh", &ok("290/UBND-VP")).unwrap_err();
        assert!(
            err.starts_with(
                "Số hiệu `290/UBND-VP` không có viết tắt loại `QĐ` (Quyết định) ở đầu ký hiệu"
            ),
            "{err}"
        );
        let err = check_type_matches("quy-dinh", &ok("01/QYĐ-UBND")).unwrap_err();
        assert_eq!(
            err,
            "Số hiệu `01/QYĐ-UBND`: viết tắt loại Quy định phải viết đúng là `QyĐ`, không phải \
             `QYĐ` (Nghị định 30/2020/NĐ-CP). Viết là `01/QyĐ-UBND`."
        );
    }

    #[test]
    fn reference_numbers_are_normalized_leniently() {
        assert_eq!(
            parse_reference_number("  06/QĐ-TTg ").as_deref(),
            Some("06/QĐ-TTg")
        );
        assert_eq!(
            parse_reference_number("59/2022/NĐ-CP").as_deref(),
            Some("59/2022/NĐ-CP")
        );
        assert_eq!(
            parse_reference_number("30 / 2020 / NĐ - CP").as_deref(),
            Some("30/2020/NĐ-CP")
        );
        assert_eq!(
            parse_reference_number("Số: 290/QÐ\u{200B}-UBND").as_deref(),
            Some("290/QĐ-UBND")
        );
        assert_eq!(
            parse_reference_number("Luật   Cư trú   số 68/2020/QH14").as_deref(),
            Some("Luật Cư trú số 68/2020/QH14")
        );
        let nfd: String = "06/QĐ-TTg ngày 06/01/2022".nfd().collect();
        assert_eq!(
            parse_reference_number(&nfd).as_deref(),
            Some("06/QĐ-TTg ngày 06/01/2022")
        );
        assert_eq!(parse_reference_number(""), None);
        assert_eq!(parse_reference_number("   "), None);
        assert_eq!(parse_reference_number("Luật Cư trú"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse_so_hieu(&s);
            let _ = parse_reference_number(&s);
        }

        #[test]
        fn never_panics_on_number_like_text(s in "[0-9/\\\\ .…_QĐđÐqyrTgKHUBND\u{200B}\u{00A0}–-]{0,24}") {
            match parse_so_hieu(&s) {
                Ok(n) => {
                    proptest::prop_assert_eq!(n.key(), s.clone());
                    for loai in DocKind::keys() {
                        let _ = check_type_matches(loai, &n);
                    }
                }
                Err(p) => {
                    if let Some(fixed) = p.suggestion {
                        proptest::prop_assert!(parse_so_hieu(&fixed).is_ok(), "{:?} -> {:?}", s, fixed);
                    }
                    if let Some(offset) = p.char_offset {
                        proptest::prop_assert!(offset <= s.chars().count());
                    }
                }
            }
        }

        #[test]
        fn well_formed_numbers_round_trip(
            number in 1u32..5000,
            year in proptest::option::of(1990u32..2100),
            abbr in proptest::sample::select(vec!["QĐ", "KH", "QyĐ", "CTr", "TTr", "UBND", "HD", "HĐ"]),
            issuer in "[A-Z]{1,5}(Đ[A-Z0-9]{0,3})?",
        ) {
            let number = format!("{number:02}");
            let s = match year {
                Some(y) => format!("{number}/{y}/{abbr}-{issuer}"),
                None => format!("{number}/{abbr}-{issuer}"),
            };
            let parsed = parse_so_hieu(&s);
            proptest::prop_assert!(parsed.is_ok(), "{:?}: {:?}", s, parsed);
            if let Ok(n) = parsed {
                proptest::prop_assert_eq!(n.key(), s);
                proptest::prop_assert_eq!(n.number, number);
            }
        }
    }
}
