//! The documents a `Căn cứ ...` / `Thực hiện ...` paragraph cites: number, date and trích yếu
//! of each (SPEC §3 `can_cu`). A paragraph may cite several, separated by `;`. A law cited by
//! name keeps only its name (and date). Nothing here guesses a number that is not printed.

use super::words::{date_after, starts_ci};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basis {
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
}

/// Names of the documents a basis may cite, as they start a citation.
const DOCUMENT_NAMES: &[&str] = &[
    "Hiến pháp",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị quyết",
    "Nghị định",
    "Thông tư",
    "Quyết định",
    "Chỉ thị",
    "Kế hoạch",
    "Văn bản",
    "Công văn",
    "Hướng dẫn",
    "Thông báo",
    "Chương trình",
    "Đề án",
    "Quy chế",
    "Quy định",
    "Công điện",
    "Kết luận",
    "Chỉ đạo",
];

/// Words after the issuer that start the cited document's trích yếu (the first one found). Verbs
/// that often belong to an issuer's name ("Tổ công tác *triển khai* Đề án 06") are not here.
const TITLE_STARTS: &[&str] = &[
    " về việc ",
    " về ",
    " phê duyệt ",
    " ban hành ",
    " quy định ",
    " hướng dẫn ",
];

/// After a comma, words that start the citing sentence's own clause, not the cited title.
const CLAUSE_STARTS: &[&str] = &["đến ", "đề nghị ", "yêu cầu ", "nay ", "để "];

pub fn parse(paragraph: &str) -> Vec<Basis> {
    let text = paragraph.replace('*', "");
    let text = text.trim();
    let text = ["Căn cứ ", "Thực hiện "]
        .iter()
        .find_map(|p| strip_prefix_ci(text, p))
        .unwrap_or(text);
    text.split(';')
        .filter_map(|part| one(part.trim()))
        .collect()
}

fn strip_prefix_ci<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    if starts_ci(s, p) {
        s.get(p.len()..)
    } else {
        None
    }
}

fn one(part: &str) -> Option<Basis> {
    let part = part
        .trim_start_matches("và ")
        .trim_end_matches(['.', ','])
        .trim();
    let number = first_number(part);
    let lower = part.to_lowercase();
    let date_at = find_date(&lower);
    let date = date_at.map(|(d, _, _)| d);
    if let Some(n) = number {
        let after = match (date_at, part.find(&n)) {
            (Some((_, _, end)), _) => part.get(end..).unwrap_or(""),
            (None, Some(i)) => part.get(i + n.len()..).unwrap_or(""),
            (None, None) => "",
        };
        return Some(Basis {
            number: Some(n),
            date,
            title: cited_title(after),
        });
    }
    if !DOCUMENT_NAMES.iter().any(|d| part.starts_with(d)) {
        return None;
    }
    let name = match date_at {
        Some((_, start, _)) => part.get(..start).unwrap_or(part),
        None => part,
    };
    let name = name.trim().trim_end_matches(',').trim();
    (!name.is_empty()).then(|| Basis {
        number: None,
        date,
        title: Some(name.to_string()),
    })
}

/// The first date `ngày ...` in lowercase text: the date, where `ngày` starts, where it ends.
fn find_date(lower: &str) -> Option<(NaiveDate, usize, usize)> {
    let mut from = 0;
    while let Some(i) = lower.get(from..)?.find("ngày") {
        let at = from + i;
        if let Some((Some(d), Some(m), Some(y), used)) = date_after(&lower[at..])
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            let start = if lower[..at].ends_with(' ') {
                at - 1
            } else {
                at
            };
            return Some((date, start, at + used));
        }
        from = at + "ngày".len();
    }
    None
}

/// The first document number in a text: digits, `/`, a symbol with letters (`06/QĐ-TTg`,
/// `59/2022/NĐ-CP`), never a date (`13/12/2022`).
pub fn first_number(s: &str) -> Option<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '“' | '”' | '"'))
        .map(|w| w.trim_end_matches(['.', ':']))
        .find(|w| {
            w.starts_with(|c: char| c.is_ascii_digit())
                && w.contains('/')
                && w.chars().any(char::is_alphabetic)
        })
        .and_then(crate::text::number::parse_reference_number)
}

/// What follows the cited number and date: `của Thủ tướng Chính phủ phê duyệt Đề án ...` →
/// `Phê duyệt Đề án ...`. A sentence that goes on after the citation (`..., Tổ công tác xây
/// dựng kế hoạch`) is cut at the comma before its capitalized subject.
fn cited_title(after: &str) -> Option<String> {
    let padded = format!(" {}", after.trim());
    let lower = padded.to_lowercase();
    let start = TITLE_STARTS.iter().filter_map(|w| lower.find(w)).min()?;
    let mut title = padded.get(start..)?.trim().to_string();
    if let Some(cut) = title
        .char_indices()
        .filter(|(_, c)| *c == ',')
        .find(|(i, _)| {
            let after = title.get(i + 1..).unwrap_or("").trim_start();
            after.starts_with(char::is_uppercase)
                || CLAUSE_STARTS.iter().any(|w| after.starts_with(w))
        })
        .map(|(i, _)| i)
    {
        title.truncate(cut);
    }
    let title = title.trim().trim_end_matches([',', ';', '.', ':']).trim();
    let mut cs = title.chars();
    let first = cs.next()?;
    Some(first.to_uppercase().chain(cs).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn decision_basis() {
        let b = parse(
            "Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư;",
        );
        assert_eq!(
            b,
            vec![Basis {
                number: Some("06/QĐ-TTg".into()),
                date: d(2022, 1, 6),
                title: Some("Phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư".into()),
            }]
        );
    }

    #[test]
    fn laws_by_name_and_several_in_one_paragraph() {
        let b = parse(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ ngày 22/11/2019;",
        );
        assert_eq!(b.len(), 2);
        assert_eq!(
            b[0].title.as_deref(),
            Some("Luật Tổ chức chính quyền địa phương")
        );
        assert_eq!(b[0].date, d(2015, 6, 19));
        assert_eq!(
            b[1].title.as_deref(),
            Some("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ")
        );
        assert_eq!(b[1].number, None);
    }

    #[test]
    fn plan_basis_cut_before_the_main_clause() {
        let b = parse(
            "Thực hiện Kế hoạch số 167/KH-BCĐ ngày 13/12/2022 của Ban Chỉ đạo Đề án 06 tỉnh Đồng Nai về triển khai các giải pháp giai đoạn 2022 - 2025, tầm nhìn đến năm 2030 trên địa bàn tỉnh, Tổ công tác huyện xây dựng kế hoạch như sau:",
        );
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].number.as_deref(), Some("167/KH-BCĐ"));
        assert_eq!(b[0].date, d(2022, 12, 13));
        assert_eq!(
            b[0].title.as_deref(),
            Some(
                "Về triển khai các giải pháp giai đoạn 2022 - 2025, tầm nhìn đến năm 2030 trên địa bàn tỉnh"
            )
        );
    }

    #[test]
    fn spelled_out_dates_and_no_document() {
        let b = parse(
            "Căn cứ Nghị định số 59/2022/NĐ-CP ngày 05 tháng 9 năm 2022 của Chính phủ quy định về định danh và xác thực điện tử;",
        );
        assert_eq!(b[0].number.as_deref(), Some("59/2022/NĐ-CP"));
        assert_eq!(b[0].date, d(2022, 9, 5));
        assert!(parse("Căn cứ chức năng, nhiệm vụ được giao;").is_empty());
        let b = parse(
            "Thực hiện Kế hoạch số 02/KH-TCTĐA06 ngày 25/4/2022 của Tổ công tác triển khai Đề án 06 huyện, đến ngày 15 tháng 11 năm 2022, toàn huyện đạt 41,6%.",
        );
        assert_eq!(b[0].title, None);
    }
}
