//! Dates: reading `YYYY-MM-DD` strictly and printing them the Vietnamese way.
//!
//! Front matter takes dates only as `YYYY-MM-DD` (SPEC §9), because `05/04/2022` means the 5th of
//! April to a clerk and the 4th of May to software. Clerks still type what they see on paper, so a
//! refused date says what was probably meant, spelled out in words, and how to write it. Printing
//! follows Decree 30/2020/NĐ-CP: `Nam Đông, ngày 05 tháng 01 năm 2023` (day below 10 and months 1
//! and 2 take a leading zero). This module must never guess silently: a date that is not exactly
//! `YYYY-MM-DD` on the calendar is always a problem, even when the intended day is obvious.

use chrono::{Datelike, NaiveDate};

use super::chars::{find_suspicious, replace_suspicious};

/// The first year a document of the Democratic Republic of Vietnam can carry.
pub const MIN_YEAR: i32 = 1945;
/// The last year accepted, to catch typos such as `20222` or `2202`.
pub const MAX_YEAR: i32 = 2100;

/// What is wrong with a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblemKind {
    Empty,
    /// Not written as `YYYY-MM-DD` (the day itself may be fine: see `suggestion`).
    Format,
    /// No such day: month 13, day 32, 29 February of a common year.
    NotOnCalendar,
    /// A year outside 1945..=2100.
    YearOutOfRange,
}

/// A problem with a date, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateProblem {
    pub kind: DateProblemKind,
    pub message: String,
    pub hint: String,
    /// The date as it should be written, when it can be worked out (`2022-04-15`).
    pub suggestion: Option<String>,
}

impl DateProblem {
    fn new(kind: DateProblemKind, message: String, hint: String) -> Self {
        DateProblem {
            kind,
            message,
            hint,
            suggestion: None,
        }
    }
}

const EXAMPLE_HINT: &str =
    "Viết ngày theo dạng NĂM-THÁNG-NGÀY, ví dụ ngày 15 tháng 4 năm 2022 là `2022-04-15`.";

/// Reads a date written exactly `YYYY-MM-DD`, a day of the calendar, in 1945..=2100.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateProblem> {
    if s.trim().is_empty() {
        return Err(DateProblem::new(
            DateProblemKind::Empty,
            "Ngày đang để trống.".to_string(),
            EXAMPLE_HINT.to_string(),
        ));
    }
    if let Some(found) = find_suspicious(s) {
        let cleaned = replace_suspicious(s);
        let mut problem = DateProblem::new(
            DateProblemKind::Format,
            format!(
                "Ngày `{s}` có {} ở vị trí thứ {}.",
                found.what,
                found.char_index + 1
            ),
            "Ký tự này thường dính vào khi chép từ Word, PDF hoặc trang web: xóa và gõ lại \
             ngày bằng bàn phím."
                .to_string(),
        );
        if let Ok(date) = parse_date(cleaned.trim()) {
            let iso = iso(date);
            problem.hint = format!("{} Ghi `{iso}`.", problem.hint);
            problem.suggestion = Some(iso);
        }
        return Err(problem);
    }
    if s.trim() != s {
        let mut problem = DateProblem::new(
            DateProblemKind::Format,
            format!("Ngày `{s}` có khoảng trắng thừa ở đầu hoặc cuối."),
            "Xóa khoảng trắng thừa.".to_string(),
        );
        if let Ok(date) = parse_date(s.trim()) {
            let iso = iso(date);
            problem.hint = format!("Xóa khoảng trắng thừa: `{iso}`.");
            problem.suggestion = Some(iso);
        }
        return Err(problem);
    }
    if let Some((year, month, day)) = strict_parts(s) {
        return on_calendar(s, year, month, day);
    }
    if let Some(prefix) = s.get(..10).filter(|p| strict_parts(p).is_some())
        && s.get(10..11).is_some_and(|sep| sep == "T" || sep == " ")
    {
        let date = parse_date(prefix)?;
        return Err(DateProblem {
            kind: DateProblemKind::Format,
            message: format!(
                "Ngày `{s}` có cả giờ: chỉ ghi ngày, theo dạng NĂM-THÁNG-NGÀY: {prefix}."
            ),
            hint: format!("Bỏ phần giờ, ghi `{prefix}` ({}).", date_words(date)),
            suggestion: Some(prefix.to_string()),
        });
    }
    let Some(guess) = interpret(s) else {
        return Err(DateProblem::new(
            DateProblemKind::Format,
            format!("`{s}` không phải là ngày viết theo dạng NĂM-THÁNG-NGÀY."),
            EXAMPLE_HINT.to_string(),
        ));
    };
    let date = on_calendar(s, guess.year, guess.month, guess.day)?;
    let iso = iso(date);
    let mut problem = DateProblem::new(
        DateProblemKind::Format,
        format!("Ngày `{s}` phải viết theo dạng NĂM-THÁNG-NGÀY: {iso}."),
        format!(
            "Ghi `{iso}` ({}): năm 4 chữ số, tháng và ngày 2 chữ số, nối bằng dấu `-`.",
            date_words(date)
        ),
    );
    if let Some(note) = guess.note {
        problem.hint = format!("{} {note}", problem.hint);
    }
    problem.suggestion = Some(iso);
    Err(problem)
}

/// `YYYY-MM-DD` exactly: 4-2-2 ASCII digits joined by `-`.
/// A date left blank as on an unsigned draft (SPEC §9): empty, `ngày   tháng   năm 2022`,
/// `   /   /2022`. Nothing but the words, separators and at most a four-digit year.
pub fn is_blank_date(s: &str) -> bool {
    let lower = crate::text::chars::nfc(s).to_lowercase();
    let rest = ["ngày", "tháng", "năm"]
        .iter()
        .fold(lower, |text, word| text.replace(word, " "));
    let numbers: Vec<&str> = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    let only_separators = rest
        .chars()
        .all(|c| c.is_whitespace() || c.is_ascii_digit() || ".…_/-,".contains(c));
    only_separators && (numbers.is_empty() || matches!(numbers[..], [year] if year.len() == 4))
}

fn strict_parts(s: &str) -> Option<(u32, u32, u32)> {
    let bytes = s.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    let year = s.get(0..4)?.parse().ok()?;
    let month = s.get(5..7)?.parse().ok()?;
    let day = s.get(8..10)?.parse().ok()?;
    Some((year, month, day))
}

/// Checks that year-month-day is a day of the calendar within the accepted years.
fn on_calendar(s: &str, year: u32, month: u32, day: u32) -> Result<NaiveDate, DateProblem> {
    let year_ok = i32::try_from(year)
        .ok()
        .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y));
    let Some(year_i) = year_ok else {
        return Err(DateProblem::new(
            DateProblemKind::YearOutOfRange,
            format!("Năm {year} của ngày `{s}` nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}."),
            format!("Kiểm tra lại năm trên văn bản gốc. {EXAMPLE_HINT}"),
        ));
    };
    if !(1..=12).contains(&month) {
        let mut problem = DateProblem::new(
            DateProblemKind::NotOnCalendar,
            format!(
                "Ngày `{s}` có tháng {}: không có tháng này, tháng chỉ từ 01 đến 12.",
                two_digits(month)
            ),
            format!("Kiểm tra lại ngày trên văn bản gốc. {EXAMPLE_HINT}"),
        );
        if let Some(swapped) = NaiveDate::from_ymd_opt(year_i, day, month) {
            let iso = iso(swapped);
            problem.hint = format!(
                "Có lẽ ngày và tháng bị đảo chỗ: {} viết là `{iso}` (NĂM-THÁNG-NGÀY).",
                date_words(swapped)
            );
            problem.suggestion = Some(iso);
        }
        return Err(problem);
    }
    if let Some(date) = NaiveDate::from_ymd_opt(year_i, month, day) {
        return Ok(date);
    }
    let words = words(year_i, month, day);
    let hint = if day == 0 {
        "Ngày trong tháng bắt đầu từ 01. Kiểm tra lại ngày trên văn bản gốc.".to_string()
    } else {
        format!(
            "Tháng {} năm {year_i} chỉ có {} ngày. Kiểm tra lại ngày trên văn bản gốc.",
            month_text(month),
            days_in_month(year_i, month)
        )
    };
    Err(DateProblem::new(
        DateProblemKind::NotOnCalendar,
        format!("Ngày `{s}`: {words} không có trên lịch."),
        hint,
    ))
}

struct Guess {
    year: u32,
    month: u32,
    day: u32,
    note: Option<&'static str>,
}

/// What a date written another way probably means: `15/04/2022` (the Vietnamese order
/// day/month/year), `2022-4-5`, `2022/04/15`, `ngày 15 tháng 4 năm 2022`, `20220415`.
fn interpret(s: &str) -> Option<Guess> {
    let runs: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .collect();
    if s.to_lowercase().contains("tháng") {
        // `ngày 15 tháng 4 năm 2022`
        let [day, month, year] = runs.as_slice() else {
            return None;
        };
        return Some(Guess {
            year: number(year)?,
            month: number(month)?,
            day: number(day)?,
            note: None,
        });
    }
    let separators_only = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ' '));
    if !separators_only {
        return None;
    }
    match runs.as_slice() {
        [single] if single.len() == 8 => eight_digits(single),
        [first, second, third] if first.len() == 4 => Some(Guess {
            year: number(first)?,
            month: number(second)?,
            day: number(third)?,
            note: None,
        }),
        [first, second, third] if third.len() == 4 || third.len() == 2 => {
            day_month_year(first, second, third)
        }
        _ => None,
    }
}

fn number(run: &str) -> Option<u32> {
    run.parse::<u32>().ok()
}

/// `20220415`, or `15042022` when the first four digits are no year.
fn eight_digits(single: &str) -> Option<Guess> {
    let (head, tail) = single.split_at_checked(4)?;
    let head_year = number(head)
        .filter(|y| i32::try_from(*y).is_ok_and(|y| (MIN_YEAR..=MAX_YEAR).contains(&y)));
    if let Some(year) = head_year {
        let (month, day) = tail.split_at_checked(2)?;
        Some(Guess {
            year,
            month: number(month)?,
            day: number(day)?,
            note: None,
        })
    } else {
        let (day, month) = head.split_at_checked(2)?;
        Some(Guess {
            year: number(tail)?,
            month: number(month)?,
            day: number(day)?,
            note: None,
        })
    }
}

/// `15/04/2022` or `15/04/22` (the Vietnamese order), unless only month/day/year makes sense.
fn day_month_year(first: &str, second: &str, third: &str) -> Option<Guess> {
    let (year, year_note) = if third.len() == 2 {
        (
            2000 + number(third)?,
            Some("Năm viết 2 chữ số đã được hiểu là năm 20xx: kiểm tra lại."),
        )
    } else {
        (number(third)?, None)
    };
    let (day, month) = (number(first)?, number(second)?);
    if month > 12 && (1..=12).contains(&day) {
        // 04/15/2022 only makes sense as month/day/year.
        Some(Guess {
            year,
            month: day,
            day: month,
            note: Some("Ngày này được hiểu theo thứ tự tháng/ngày/năm: kiểm tra lại văn bản gốc."),
        })
    } else {
        Some(Guess {
            year,
            month,
            day,
            note: year_note,
        })
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn two_digits(n: u32) -> String {
    format!("{n:02}")
}

/// Decree 30/2020: months 1 and 2 take a leading zero, the others do not.
fn month_text(month: u32) -> String {
    if month <= 2 {
        two_digits(month)
    } else {
        month.to_string()
    }
}

fn words(year: i32, month: u32, day: u32) -> String {
    words_after("ngày", year, month, day)
}

fn words_after(lead: &str, year: i32, month: u32, day: u32) -> String {
    format!(
        "{lead} {} tháng {} năm {year}",
        two_digits(day),
        month_text(month)
    )
}

/// `2022-04-15`.
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `ngày 15 tháng 4 năm 2022`, `ngày 05 tháng 01 năm 2023` (Decree 30/2020 leading zeros).
pub fn date_words(d: NaiveDate) -> String {
    words(d.year(), d.month(), d.day())
}

/// The place-and-date line of a document (Decree 30/2020): `Nam Đông, ngày 05 tháng 01 năm 2023`,
/// `Nam Đông, ngày 15 tháng 4 năm 2022`. Without a place: `Ngày 15 tháng 4 năm 2022`.
pub fn date_line(place: &str, d: NaiveDate) -> String {
    let place = place.trim();
    if place.is_empty() {
        words_after("Ngày", d.year(), d.month(), d.day())
    } else {
        format!("{place}, {}", date_words(d))
    }
}

/// `15/04/2022`: day/month/year as lists and tables show it.
pub fn date_vi(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_dates_of_drafts() {
        for blank in [
            "",
            "ngày   tháng   năm 2022",
            "Ngày … tháng … năm 2025",
            "   /   /2022",
            "...",
        ] {
            assert!(is_blank_date(blank), "{blank:?}");
        }
        for filled in [
            "2022-04-15",
            "ngày 15 tháng 4 năm 2022",
            "15/04/2022",
            "sắp ký",
        ] {
            assert!(!is_blank_date(filled), "{filled:?}");
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test dates are valid")
    }

    fn problem(s: &str) -> DateProblem {
        match parse_date(s) {
            Ok(d) => panic!("{s:?} should be refused, read as {d}"),
            Err(p) => p,
        }
    }

    #[test]
    fn strict_dates_parse() {
        assert_eq!(parse_date("2022-04-15"), Ok(date(2022, 4, 15)));
        assert_eq!(parse_date("2024-02-29"), Ok(date(2024, 2, 29)));
        assert_eq!(parse_date("2000-02-29"), Ok(date(2000, 2, 29)));
        assert_eq!(parse_date("1945-09-02"), Ok(date(1945, 9, 2)));
        assert_eq!(parse_date("2100-12-31"), Ok(date(2100, 12, 31)));
    }

    #[test]
    fn vietnamese_order_gets_the_iso_form() {
        let p = problem("15/04/2022");
        assert_eq!(p.kind, DateProblemKind::Format);
        assert_eq!(
            p.message,
            "Ngày `15/04/2022` phải viết theo dạng NĂM-THÁNG-NGÀY: 2022-04-15."
        );
        assert_eq!(
            p.hint,
            "Ghi `2022-04-15` (ngày 15 tháng 4 năm 2022): năm 4 chữ số, tháng và ngày 2 chữ \
             số, nối bằng dấu `-`."
        );
        assert_eq!(p.suggestion.as_deref(), Some("2022-04-15"));
        assert_eq!(
            problem("05/04/2022").suggestion.as_deref(),
            Some("2022-04-05")
        );
        assert_eq!(
            problem("15.04.2022").suggestion.as_deref(),
            Some("2022-04-15")
        );
        assert_eq!(
            problem("15-4-2022").suggestion.as_deref(),
            Some("2022-04-15")
        );
    }

    #[test]
    fn missing_zeros_and_other_separators() {
        let p = problem("2022-4-5");
        assert_eq!(p.suggestion.as_deref(), Some("2022-04-05"));
        assert!(p.hint.contains("(ngày 05 tháng 4 năm 2022)"), "{}", p.hint);
        assert_eq!(
            problem("2022/04/15").suggestion.as_deref(),
            Some("2022-04-15")
        );
        assert_eq!(
            problem("2022.04.15").suggestion.as_deref(),
            Some("2022-04-15")
        );
        assert_eq!(
            problem("20220415").suggestion.as_deref(),
            Some("2022-04-15")
        );
        assert_eq!(
            problem("15042022").suggestion.as_deref(),
            Some("2022-04-15")
        );
    }

    #[test]
    fn words_and_timestamps_are_understood() {
        let p = problem("ngày 15 tháng 4 năm 2022");
        assert_eq!(p.suggestion.as_deref(), Some("2022-04-15"));
        let p = problem("2022-04-15T08:30:00");
        assert_eq!(p.kind, DateProblemKind::Format);
        assert_eq!(p.suggestion.as_deref(), Some("2022-04-15"));
        assert!(p.message.contains("có cả giờ"), "{}", p.message);
        let p = problem("2023-02-29 08:00");
        assert_eq!(p.kind, DateProblemKind::NotOnCalendar);
    }

    #[test]
    fn american_order_is_flagged_as_such() {
        let p = problem("04/15/2022");
        assert_eq!(p.suggestion.as_deref(), Some("2022-04-15"));
        assert!(p.hint.contains("tháng/ngày/năm"), "{}", p.hint);
    }

    #[test]
    fn two_digit_years_are_guessed_and_said() {
        let p = problem("15/04/22");
        assert_eq!(p.suggestion.as_deref(), Some("2022-04-15"));
        assert!(p.hint.contains("20xx"), "{}", p.hint);
    }

    #[test]
    fn impossible_days_are_named() {
        let p = problem("2023-02-29");
        assert_eq!(p.kind, DateProblemKind::NotOnCalendar);
        assert_eq!(
            p.message,
            "Ngày `2023-02-29`: ngày 29 tháng 02 năm 2023 không có trên lịch."
        );
        assert_eq!(
            p.hint,
            "Tháng 02 năm 2023 chỉ có 28 ngày. Kiểm tra lại ngày trên văn bản gốc."
        );
        assert_eq!(p.suggestion, None);

        let p = problem("2022-01-32");
        assert_eq!(
            p.message,
            "Ngày `2022-01-32`: ngày 32 tháng 01 năm 2022 không có trên lịch."
        );
        let p = problem("2022-04-31");
        assert_eq!(
            p.message,
            "Ngày `2022-04-31`: ngày 31 tháng 4 năm 2022 không có trên lịch."
        );
        assert_eq!(
            p.hint,
            "Tháng 4 năm 2022 chỉ có 30 ngày. Kiểm tra lại ngày trên văn bản gốc."
        );
        let p = problem("2022-04-00");
        assert_eq!(p.kind, DateProblemKind::NotOnCalendar);
        assert!(p.hint.starts_with("Ngày trong tháng bắt đầu từ 01."));
        // Written the Vietnamese way and impossible: still named as a calendar problem.
        let p = problem("31/04/2022");
        assert_eq!(p.kind, DateProblemKind::NotOnCalendar);
    }

    #[test]
    fn month_thirteen_and_swapped_day_month() {
        let p = problem("2022-13-05");
        assert_eq!(p.kind, DateProblemKind::NotOnCalendar);
        assert_eq!(
            p.message,
            "Ngày `2022-13-05` có tháng 13: không có tháng này, tháng chỉ từ 01 đến 12."
        );
        assert_eq!(p.suggestion.as_deref(), Some("2022-05-13"));
        assert!(
            p.hint.starts_with("Có lẽ ngày và tháng bị đảo chỗ"),
            "{}",
            p.hint
        );

        let p = problem("2022-15-15");
        assert_eq!(p.suggestion, None);
        let p = problem("2022-00-10");
        assert_eq!(p.kind, DateProblemKind::NotOnCalendar);
    }

    #[test]
    fn years_out_of_range() {
        for s in ["1900-01-01", "2101-01-01", "0000-01-01", "9999-12-31"] {
            let p = problem(s);
            assert_eq!(p.kind, DateProblemKind::YearOutOfRange, "{s}");
        }
        assert_eq!(
            problem("1900-01-01").message,
            "Năm 1900 của ngày `1900-01-01` nằm ngoài khoảng 1945–2100."
        );
    }

    #[test]
    fn empty_garbage_and_invisible() {
        assert_eq!(problem("").kind, DateProblemKind::Empty);
        assert_eq!(problem("  ").message, "Ngày đang để trống.");
        let p = problem("hôm qua");
        assert_eq!(
            p.message,
            "`hôm qua` không phải là ngày viết theo dạng NĂM-THÁNG-NGÀY."
        );
        assert_eq!(p.suggestion, None);
        assert_eq!(problem("2022-04").suggestion, None);
        assert_eq!(problem("99999999999999999999-1-1").suggestion, None);

        let p = problem("2022-04-15\u{200B}");
        assert!(p.message.contains("U+200B"), "{}", p.message);
        assert_eq!(p.suggestion.as_deref(), Some("2022-04-15"));
        let p = problem("２０２２-04-15");
        assert!(p.message.contains("U+FF12"), "{}", p.message);
        assert_eq!(p.suggestion.as_deref(), Some("2022-04-15"));
        let p = problem(" 2022-04-15");
        assert_eq!(p.suggestion.as_deref(), Some("2022-04-15"));
    }

    #[test]
    fn date_line_follows_decree_30() {
        assert_eq!(
            date_line("Nam Đông", date(2023, 1, 5)),
            "Nam Đông, ngày 05 tháng 01 năm 2023"
        );
        assert_eq!(
            date_line("Nam Đông", date(2022, 4, 15)),
            "Nam Đông, ngày 15 tháng 4 năm 2022"
        );
        assert_eq!(
            date_line("Bình An", date(2025, 7, 5)),
            "Bình An, ngày 05 tháng 7 năm 2025"
        );
        assert_eq!(
            date_line("Huế", date(2024, 2, 20)),
            "Huế, ngày 20 tháng 02 năm 2024"
        );
        assert_eq!(
            date_line("Huế", date(2024, 12, 31)),
            "Huế, ngày 31 tháng 12 năm 2024"
        );
        assert_eq!(
            date_line("  ", date(2022, 4, 15)),
            "Ngày 15 tháng 4 năm 2022"
        );
    }

    #[test]
    fn list_and_iso_forms() {
        assert_eq!(date_vi(date(2022, 4, 15)), "15/04/2022");
        assert_eq!(date_vi(date(2023, 1, 5)), "05/01/2023");
        assert_eq!(iso(date(2023, 1, 5)), "2023-01-05");
        assert_eq!(date_words(date(2023, 1, 5)), "ngày 05 tháng 01 năm 2023");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse_date(&s);
        }

        #[test]
        fn suggestions_parse(s in "[0-9/. T:-]{0,20}") {
            if let Err(p) = parse_date(&s)
                && let Some(fixed) = p.suggestion
            {
                proptest::prop_assert!(parse_date(&fixed).is_ok(), "{:?} -> {:?}", s, fixed);
            }
        }

        #[test]
        fn every_day_round_trips(days in 0i64..56_000) {
            let d = date(1945, 1, 1) + chrono::Duration::days(days);
            if d.year() <= MAX_YEAR {
                proptest::prop_assert_eq!(parse_date(&iso(d)), Ok(d));
                let vi = date_vi(d);
                let p = parse_date(&vi);
                proptest::prop_assert_eq!(p.err().and_then(|p| p.suggestion), Some(iso(d)));
            }
        }
    }
}
