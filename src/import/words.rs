//! The words of the Decree 30/2020 layout, recognized in one line of text: the national motto,
//! `Số:`, the place-and-date line, type names, `V/v`, the signature's authority prefixes, a
//! person's name. Each test looks at one line and never guesses beyond it.

use crate::text::number::DOC_TYPES;
use chrono::NaiveDate;

pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// Case-insensitive `starts_with` for Vietnamese text.
pub fn starts_ci(s: &str, prefix: &str) -> bool {
    let mut a = s.chars().flat_map(char::to_lowercase);
    prefix
        .chars()
        .flat_map(char::to_lowercase)
        .all(|p| a.next() == Some(p))
}

/// Has letters and none of them is lowercase (`UBND HUYỆN NAM ĐÔNG`, `QUYẾT ĐỊNH:`).
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

pub fn starts_lowercase(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` and `Độc lập - Tự do - Hạnh phúc`.
pub fn is_motto(s: &str) -> bool {
    let u = upper(s);
    u.starts_with("CỘNG HÒA XÃ HỘI")
        || u.starts_with("CỘNG HOÀ XÃ HỘI")
        || (u.starts_with("ĐỘC LẬP") && u.contains("TỰ DO"))
}

/// A line drawn with characters: `-------`, `___`, `***`.
pub fn is_separator(s: &str) -> bool {
    s.chars().count() >= 3
        && s.chars()
            .all(|c| matches!(c, '-' | '_' | '=' | '—' | '–' | '*' | '.' | '~' | ' ' | '…'))
}

/// A bullet at the start of a line: `- `, `+ `, `• `.
pub fn bullet(s: &str) -> Option<&str> {
    for m in ["- ", "+ ", "• ", "– ", "— ", "* ", "o "] {
        if let Some(rest) = s.strip_prefix(m) {
            return Some(rest.trim_start());
        }
    }
    None
}

/// The `Số:` line: `Some(Some(number), rest)`, or `Some(None, rest)` for a blank number (an
/// unsigned draft, `Số:   /KH-UBND`), or `None` when the line is something else. `rest` is what
/// follows the number on the same line (a copied header may put the date line there).
pub fn number_line(s: &str) -> Option<(Option<String>, String)> {
    let t = s.trim_start_matches('*');
    let after = ["Số", "SỐ", "số"].iter().find_map(|p| t.strip_prefix(p))?;
    let after = after.trim_start_matches(['*', ' ']);
    // `Số: 290/QĐ-UBND`, or a copy that lost the colon: `Số 290/QĐ-UBND`.
    let rest = match after.strip_prefix(':') {
        Some(r) => r,
        None if after.starts_with(|c: char| c.is_ascii_digit()) && after.contains('/') => after,
        None => return None,
    };
    let rest = rest.trim().replace('*', "");
    let glued = glue_number(&rest);
    let mut parts = glued.splitn(2, ' ');
    let token = parts.next().unwrap_or("");
    let tail = parts.next().unwrap_or("").to_string();
    let token_clean = token.trim_start_matches(['.', '…', '_']);
    if token.is_empty() || token_clean.starts_with('/') {
        return Some((None, tail));
    }
    if token.starts_with(|c: char| c.is_ascii_digit()) && token.contains('/') {
        let number = token.trim_end_matches([',', ';', '.']).to_string();
        return Some((Some(number), tail));
    }
    Some((None, glued))
}

/// `1433 / UBND - TTHC` → `1433/UBND-TTHC`: spaces next to `/` and `-` inside the number (the
/// first token) dropped; the rest of the line is left as it is.
fn glue_number(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut in_number = true;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && in_number {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| **c != ' ').copied();
            if matches!(prev, Some('/' | '-')) || matches!(next, Some('/' | '-')) {
                continue;
            }
            in_number = false;
        }
        out.push(c);
    }
    out
}

/// The place-and-date line, `Nam Đông, ngày 15 tháng 4 năm 2022`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLine {
    pub place: Option<String>,
    pub date: Option<NaiveDate>,
    /// Day or month left blank: an unsigned draft.
    pub blank: bool,
    /// A day and month that make no calendar date (`ngày 31 tháng 2`).
    pub impossible: bool,
    pub year: Option<i32>,
}

pub fn date_line(s: &str) -> Option<DateLine> {
    let lower = s.to_lowercase();
    let at = find_word(&lower, "ngày")?;
    let (day, month, year, _) = date_after(&lower[at..])?;
    let place = s
        .get(..at)
        .unwrap_or("")
        .trim()
        .trim_end_matches(',')
        .trim()
        .replace('*', "");
    let place = (!place.is_empty() && place.chars().count() <= 60).then_some(place);
    let blank = day.is_none() || month.is_none();
    let date = match (day, month, year) {
        (Some(d), Some(m), Some(y)) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    };
    Some(DateLine {
        place,
        date,
        blank,
        impossible: !blank && year.is_some() && date.is_none(),
        year,
    })
}

/// Byte index of `word` in `s` where it stands as a word.
fn find_word(s: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s.get(from..)?.find(word) {
        let at = from + i;
        let before_ok = s[..at].chars().last().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = s[at + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// Day, month, year (each possibly blank) and the bytes consumed.
pub type DateParts = (Option<u32>, Option<u32>, Option<i32>, usize);

/// After `ngày`: `15 tháng 4 năm 2022` or `15/4/2022` (lowercase text). Day, month, year and the
/// byte length consumed. Blanks (`ngày   tháng   năm 2022`) give `None` day and month.
pub fn date_after(s: &str) -> Option<DateParts> {
    let rest = s.strip_prefix("ngày")?;
    let base = s.len() - rest.len();
    let trimmed = rest.trim_start_matches([' ', '*']);
    let skip = rest.len() - trimmed.len();
    // 15/4/2022 or 15-4-2022 or 15.4.2022
    let token: String = trimmed
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
        .collect();
    let parts: Vec<&str> = token.split(['/', '-', '.']).collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty()) {
        let d = parts[0].parse().ok();
        let m = parts[1].parse().ok();
        let y = parts[2].parse().ok().filter(|y: &i32| *y >= 1900);
        return Some((d, m, y, base + skip + token.len()));
    }
    let t_at = find_word(trimmed, "tháng")?;
    let n_at = find_word(trimmed, "năm")?;
    if n_at < t_at || t_at > 20 || n_at - t_at > 30 {
        return None;
    }
    let num = |x: &str| -> Option<u32> {
        let d: String = x.chars().filter(|c| c.is_ascii_digit()).collect();
        d.parse().ok()
    };
    let day = num(&trimmed[..t_at]);
    let month = num(&trimmed[t_at + "tháng".len()..n_at]);
    let after_year = &trimmed[n_at + "năm".len()..];
    let y_text = after_year.trim_start_matches([' ', '*']);
    let digits: String = y_text.chars().take_while(char::is_ascii_digit).collect();
    let year = digits.parse().ok().filter(|y: &i32| *y >= 1900);
    let used = n_at + "năm".len() + (after_year.len() - y_text.len()) + digits.len();
    Some((day, month, year, base + skip + used))
}

/// The type printed as the document's name (`KẾ HOẠCH`), as a `loai` key.
pub fn type_name(s: &str) -> Option<&'static str> {
    let u = upper(s).replace('*', "");
    let u = u.trim();
    DOC_TYPES
        .iter()
        .find(|(_, name, _)| *name == u)
        .map(|(key, _, _)| *key)
}

/// `V/v đôn đốc ...`: the trích yếu of a công văn.
pub fn is_vv(s: &str) -> bool {
    starts_ci(s, "v/v ") || starts_ci(s, "v/v:") || starts_ci(s, "về việc ")
}

/// `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, `TL.`, `TUQ.`, `Q.`: the signature's authority,
/// spacing normalized (`KT.CHỦ TỊCH` → `KT. CHỦ TỊCH`).
pub fn authority(s: &str) -> Option<String> {
    let t = s.replace('*', "");
    for p in ["TUQ.", "TM.", "KT.", "TL.", "Q."] {
        if let Some(rest) = t.strip_prefix(p) {
            let rest = rest.trim();
            if is_all_caps(rest) {
                return Some(format!("{p} {rest}"));
            }
        }
    }
    None
}

/// Military and police ranks printed before a signer's name (`Thượng tá Nguyễn Văn A`).
const RANKS: &[&str] = &[
    "Đại tướng ",
    "Thượng tướng ",
    "Trung tướng ",
    "Thiếu tướng ",
    "Đại tá ",
    "Thượng tá ",
    "Trung tá ",
    "Thiếu tá ",
    "Đại úy ",
    "Thượng úy ",
    "Trung úy ",
    "Thiếu úy ",
];

/// The name without a rank printed before it.
pub fn without_rank(s: &str) -> &str {
    let t = s.trim();
    RANKS.iter().find_map(|r| t.strip_prefix(r)).unwrap_or(t)
}

/// `Nguyễn Thị Cát Tiên`: two to six capitalized words, nothing else (a rank may come first).
pub fn is_name(s: &str) -> bool {
    let t = s.replace('*', "");
    let t = without_rank(&t);
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(|c| c.is_lowercase() && c.is_alphabetic())
        })
}

/// The columns of a line copied from a two-column layout (header: issuing body | motto; number
/// | date; closing: recipients | signature), split where a tab or a run of three or more spaces
/// was; `None` when the line is not such a line (a body line keeps its tabs as spaces).
pub fn columns(raw: &str) -> Option<Vec<String>> {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut spaces = 0;
    for c in raw.chars() {
        if c == '\t' || (c == ' ' && spaces >= 2) {
            if !cur.trim().is_empty() {
                parts.push(cur.trim().to_string());
            }
            cur.clear();
            spaces = 0;
            continue;
        }
        spaces = if c == ' ' { spaces + 1 } else { 0 };
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        parts.push(cur.trim().to_string());
    }
    if parts.len() < 2 {
        return motto_split(raw);
    }
    let layout = |p: &String| {
        is_motto(p)
            || number_line(p).is_some()
            || (date_line(p).is_some() && p.chars().count() < 80)
            || is_noi_nhan(p)
            || authority(p).is_some()
            || is_signed_mark(p)
    };
    let closing_like = |p: &String| {
        (is_all_caps(p) && p.starts_with(char::is_alphabetic)) || is_name(p) || bullet(p).is_some()
    };
    // Every column must be header or closing material: blanks of a draft (`Số:    /KH`,
    // `ngày    tháng`) are spaces inside one column.
    parts
        .iter()
        .all(|p| layout(p) || closing_like(p))
        .then_some(parts)
}

/// A header copied from a PDF line by line, one space between the columns: the issuing body and
/// the motto on one line (`UBND HUYỆN NAM ĐÔNG CỘNG HÒA XÃ HỘI ...`).
fn motto_split(raw: &str) -> Option<Vec<String>> {
    let t = raw.trim();
    let at = [
        "CỘNG HÒA XÃ HỘI",
        "CỘNG HOÀ XÃ HỘI",
        "Độc lập -",
        "ĐỘC LẬP -",
        "Độc lập –",
    ]
    .iter()
    .filter_map(|m| t.find(m))
    .filter(|&i| i > 0)
    .min()?;
    let (left, right) = t.split_at(at);
    let left = left.trim();
    (is_all_caps(left) && authority(left).is_none())
        .then(|| vec![left.to_string(), right.trim().to_string()])
}

/// A closing line copied from a PDF with the two columns joined by one space:
/// `Nơi nhận: TM. TỔ CÔNG TÁC`, `- BCĐ Đề án 06 tỉnh; TỔ TRƯỞNG`, `- Lưu: VT. Hồ Văn Thành`.
/// Returns the recipients' part and the signature's part.
pub fn split_closing(s: &str) -> Option<(String, String)> {
    let cut = |at: usize| {
        let (l, r) = s.split_at(at);
        Some((l.trim().to_string(), r.trim().to_string()))
    };
    for p in [" TM. ", " KT. ", " TL. ", " TUQ. ", " Q. "] {
        if let Some(i) = s.find(p)
            && authority(s[i..].trim()).is_some()
        {
            return cut(i);
        }
    }
    let end = s.rfind([';', '.'])?;
    let rest = s.get(end + 1..)?.trim();
    let caps = is_all_caps(rest)
        && rest.starts_with(char::is_alphabetic)
        && rest.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    if caps || is_name(rest) {
        return cut(end + 1);
    }
    None
}

/// `(Đã ký)`, `(ký, đóng dấu)`: marks of the signed original, not text.
pub fn is_signed_mark(s: &str) -> bool {
    let l = s.to_lowercase();
    let l = l.trim_start_matches('(');
    l.starts_with("đã ký")
        || l.starts_with("ký,")
        || l.starts_with("ký tên")
        || l.starts_with("ký và")
        || l.starts_with("ký)")
        || l.starts_with("đã ký")
}

pub fn is_noi_nhan(s: &str) -> bool {
    starts_ci(s.trim_start_matches('*'), "nơi nhận")
}

pub fn is_kinh_gui(s: &str) -> bool {
    starts_ci(s.trim_start_matches('*'), "kính gửi")
}

/// `Căn cứ ...` or `Thực hiện ...`: a paragraph that cites the documents this one rests on.
pub fn is_basis(s: &str) -> bool {
    starts_ci(s, "căn cứ ") || starts_ci(s, "thực hiện ")
}

/// `(Kèm theo Quyết định số ...)`, `(Ban hành kèm theo ...)`.
pub fn is_issued_with_line(s: &str) -> bool {
    let l = s.to_lowercase();
    (l.starts_with('(')
        || l.starts_with("*(")
        || l.starts_with("kèm theo")
        || l.starts_with("ban hành kèm theo"))
        && l.contains("kèm theo")
}

/// `QUYẾT ĐỊNH:` above a decision's articles.
pub fn is_operative(s: &str) -> bool {
    let u = upper(s).replace('*', "");
    let u = u.trim().trim_end_matches(':').trim();
    matches!(u, "QUYẾT ĐỊNH" | "CHỈ THỊ" | "QUY ĐỊNH" | "NGHỊ QUYẾT") && s.trim_end().ends_with(':')
}

/// `Chương I`, `CHƯƠNG 2`: its number and the title on the same line.
pub fn chapter(s: &str) -> Option<(String, String)> {
    let rest = s
        .strip_prefix("Chương ")
        .or_else(|| s.strip_prefix("CHƯƠNG "))?;
    let num: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    if num.is_empty() || !(is_roman(&num) || num.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let after = rest[num.len()..].trim_start();
    let title = after.trim_start_matches(['.', ':', '-', '–', ' ']).trim();
    // "Chương II của Luật ..." is a sentence, not a heading.
    let heading = title.is_empty()
        || after.starts_with(['.', ':', '-', '–'])
        || title.starts_with(char::is_uppercase);
    heading.then(|| (num, title.to_string()))
}

/// `Điều 5.` / `Điều 5:` / `Điều 5` alone: the article number and the text after it, with the
/// character count of the prefix (to cut it from the styled line).
pub fn article(s: &str) -> Option<(String, String, usize)> {
    let t = s.trim_start_matches('*');
    let lead = s.chars().count() - t.chars().count();
    let rest = t.strip_prefix("Điều ")?;
    let num: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if num.is_empty() {
        return None;
    }
    let after = &rest[num.len()..];
    let body = after.trim_start_matches(['.', ':', '*']);
    // `Điều 5.`, `Điều 5:` or `Điều 5` alone; "Điều 5 của Quy chế" is a sentence that a copy
    // broke before "Điều".
    let marked = after.trim_start_matches('*').starts_with(['.', ':']);
    if !(body.trim().is_empty() || (marked && body.starts_with(' '))) {
        return None;
    }
    let prefix =
        lead + "Điều ".chars().count() + num.len() + (after.chars().count() - body.chars().count());
    Some((num, body.trim().replace("**", ""), prefix))
}

pub fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

/// `II. NHIỆM VỤ` (a plan's section): the numeral and the title.
pub fn roman_section(s: &str) -> Option<(String, String)> {
    let t = s.trim_start_matches('*');
    let num: String = t
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
        .collect();
    if !is_roman(&num) {
        return None;
    }
    let rest = &t[num.len()..];
    let title = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix("."))
        .or_else(|| rest.strip_prefix("/ "))?;
    let title = title.trim().trim_end_matches("**").trim();
    (!title.is_empty()).then(|| (num, title.replace("**", "")))
}

/// `1. ...`, `12) ...`: the number, its character count with the mark, and the text.
pub fn numbered(s: &str) -> Option<(String, usize, String)> {
    let t = s.trim_start_matches('*');
    let num: String = t.chars().take_while(char::is_ascii_digit).collect();
    if num.is_empty() || num.len() > 3 {
        return None;
    }
    let rest = &t[num.len()..];
    let text = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    let prefix = (s.len() - t.len()) + num.len() + 2;
    Some((num, prefix, text.trim().to_string()))
}

/// `a) ...`, `đ) ...`: a lettered point.
pub fn lettered(s: &str) -> bool {
    let mut cs = s.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some(')'), Some(' ')) if c.is_lowercase())
}

/// Ends a sentence or a list item: `.`, `;`, `:`, `!`, `?`, `./.`, possibly inside quotes or
/// parentheses.
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['”', '"', ')', '*', '’', '\'', ' ']);
    t.ends_with(['.', ';', ':', '!', '?', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_lines() {
        assert_eq!(
            number_line("Số: 02/KH-TCTĐA06"),
            Some((Some("02/KH-TCTĐA06".into()), String::new()))
        );
        assert_eq!(
            number_line("Số: 1433 / UBND - TTHC"),
            Some((Some("1433/UBND-TTHC".into()), String::new()))
        );
        assert_eq!(
            number_line("Số: **1433**/UBND-TTHC"),
            Some((Some("1433/UBND-TTHC".into()), String::new()))
        );
        assert_eq!(number_line("Số:    /KH-UBND").map(|x| x.0), Some(None));
        assert_eq!(number_line("Số: ....../QĐ-UBND").map(|x| x.0), Some(None));
        let (n, rest) = number_line("Số: 290/QĐ-UBND Nam Đông, ngày 15 tháng 4 năm 2022").unwrap();
        assert_eq!(n.as_deref(), Some("290/QĐ-UBND"));
        assert_eq!(rest, "Nam Đông, ngày 15 tháng 4 năm 2022");
        assert_eq!(number_line("Số liệu thống kê"), None);
        assert_eq!(
            number_line("Số 290/QĐ-UBND").and_then(|x| x.0).as_deref(),
            Some("290/QĐ-UBND")
        );
        assert_eq!(number_line("Số 25 người"), None);
    }

    #[test]
    fn date_lines() {
        let d = date_line("Xuân Lộc, ngày 14 tháng 12 năm 2022").unwrap();
        assert_eq!(d.place.as_deref(), Some("Xuân Lộc"));
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2022, 12, 14));
        let d = date_line("Sơn Lĩnh, ngày 29  tháng 3 năm 2022").unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2022, 3, 29));
        let d = date_line("Nam Đông, ngày **05** tháng 01 năm 2023").unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2023, 1, 5));
        let d = date_line("Nam Đông, ngày    tháng    năm 2022").unwrap();
        assert!(d.blank);
        assert_eq!(d.year, Some(2022));
        let d = date_line("Hà Nội, ngày 31 tháng 2 năm 2022").unwrap();
        assert!(d.impossible);
        assert_eq!(date_line("Độc lập - Tự do - Hạnh phúc"), None);
    }

    #[test]
    fn signature_words() {
        assert_eq!(authority("KT.CHỦ TỊCH").as_deref(), Some("KT. CHỦ TỊCH"));
        assert_eq!(
            authority("TM. ỦY BAN NHÂN DÂN").as_deref(),
            Some("TM. ỦY BAN NHÂN DÂN")
        );
        assert_eq!(authority("Q. Chủ tịch"), None);
        assert!(is_name("Nguyễn Thị Cát Tiên"));
        assert!(!is_name("CHỦ TỊCH UBND XÃ"));
        assert!(!is_name("Lưu: VT"));
        assert!(is_signed_mark("(Đã ký)"));
        assert!(is_name("Thượng tá Nguyễn Văn Bình"));
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(
            split_closing("Nơi nhận: TM. TỔ CÔNG TÁC"),
            pair("Nơi nhận:", "TM. TỔ CÔNG TÁC")
        );
        assert_eq!(
            split_closing("- BCĐ Đề án 06 tỉnh; TỔ TRƯỞNG"),
            pair("- BCĐ Đề án 06 tỉnh;", "TỔ TRƯỞNG")
        );
        assert_eq!(
            split_closing("- Lưu: VT. Hồ Văn Thành"),
            pair("- Lưu: VT.", "Hồ Văn Thành")
        );
        assert_eq!(split_closing("- UBND TỈNH (b/c);"), None);
        assert_eq!(split_closing("- Như trên;"), None);
        assert_eq!(without_rank("Thượng tá Nguyễn Văn Bình"), "Nguyễn Văn Bình");
        assert_eq!(
            columns("UBND HUYỆN NAM ĐÔNG\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            Some(vec![
                "UBND HUYỆN NAM ĐÔNG".to_string(),
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string()
            ])
        );
        assert_eq!(
            columns("- Như trên;      KT. CHỦ TỊCH").map(|c| c.len()),
            Some(2)
        );
        assert_eq!(columns("1\tCông an xã\tThu nhận hồ sơ"), None);
        assert_eq!(columns("Số:    /KH-UBND"), None);
        assert_eq!(
            columns("TỔ CÔNG TÁC ĐỀ ÁN 06 Độc lập - Tự do - Hạnh phúc"),
            Some(vec![
                "TỔ CÔNG TÁC ĐỀ ÁN 06".to_string(),
                "Độc lập - Tự do - Hạnh phúc".to_string()
            ])
        );
        assert_eq!(columns("Nam Đông, ngày    tháng    năm 2022"), None);
    }

    #[test]
    fn structure_words() {
        assert_eq!(chapter("Chương I"), Some(("I".into(), String::new())));
        assert_eq!(chapter("Chương trình hành động"), None);
        assert_eq!(
            article("Điều 1. Ban hành").map(|a| (a.0, a.1, a.2)),
            Some(("1".into(), "Ban hành".into(), 7))
        );
        assert_eq!(article("Điều 12:Chế độ"), None);
        assert_eq!(article("Điều 5 của Quy chế này"), None);
        assert_eq!(article("Điều 5").map(|a| a.0), Some("5".into()));
        assert_eq!(chapter("Chương II của Luật Cư trú"), None);
        assert_eq!(
            chapter("Chương II. NHIỆM VỤ"),
            Some(("II".into(), "NHIỆM VỤ".into()))
        );
        assert_eq!(
            roman_section("II. NHIỆM VỤ"),
            Some(("II".into(), "NHIỆM VỤ".into()))
        );
        assert_eq!(roman_section("Vì vậy"), None);
        assert_eq!(
            numbered("3. Thời gian: từ tháng 12"),
            Some(("3".into(), 3, "Thời gian: từ tháng 12".into()))
        );
        assert!(lettered("đ) Thực hiện"));
        assert_eq!(type_name("QUYẾT ĐỊNH"), Some("quyet-dinh"));
        assert_eq!(type_name("QUYẾT ĐỊNH:"), None);
        assert!(is_operative("QUYẾT ĐỊNH:"));
        assert!(is_motto("Độc lập - Tự do - Hạnh phúc"));
        assert!(ends_sentence("thi hành Quyết định này./."));
        assert!(!ends_sentence("Đề án"));
    }
}
