//! The personal-data guard: citizen ID numbers and personal phone numbers must not be published.
//!
//! Đề án 06 is about citizen data, and its plans demand that citizens' information stay secure; a
//! task-force site that leaks a CCCD (12 digits), an old CMND (9 digits) or a resident's mobile
//! number does harm that cannot be undone (SPEC §8). Clerks paste lists and meeting notes, so the
//! build scans every body and front-matter value for digit runs shaped like those numbers and
//! refuses to publish them. Administrative text is full of other numbers (money, dates, document
//! numbers, hotlines, landlines, statistics), and a guard that cries wolf gets switched off, so
//! every exception is spelled out below and tested on realistic text. This module only finds; it
//! must never rewrite or mask the text, and it must never skip a line unless that line carries
//! the explicit opt-out marker.

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

/// Written on a line, it allows the numbers of that line (SPEC §9).
pub const OPT_OUT: &str = "<!-- niemyet: cho-phep-so -->";

/// The same exception on a line of YAML (front matter, `_site.yaml`), written as a YAML comment:
/// an HTML comment is not a comment in YAML and would become part of the value. Accepted only on
/// YAML lines: in a Markdown body `# ...` is a heading, which would publish the marker.
pub const OPT_OUT_YAML: &str = "# niemyet: cho-phep-so";

/// The kind of personal number found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PiiKind {
    /// Căn cước công dân: 12 digits.
    Cccd,
    /// Chứng minh nhân dân: 9 digits.
    Cmnd,
    /// A mobile number: 10 digits starting 03/05/07/08/09, or +84 and 9 digits.
    Mobile,
}

/// The opt-out sentence shared by every hint (a macro so that hints stay `&'static str`).
macro_rules! opt_out_hint {
    () => {
        "Nếu đây là số công khai có chủ ý, thêm `<!-- niemyet: cho-phep-so -->` vào cuối dòng. \
         Trên dòng YAML (phần đầu tệp, _site.yaml), thêm chú thích `# niemyet: cho-phep-so` vào \
         cuối dòng."
    };
}

impl PiiKind {
    /// What was found, in Vietnamese.
    pub fn message(&self) -> &'static str {
        match self {
            PiiKind::Cccd => {
                "Có thể là số Căn cước công dân (12 chữ số) của công dân: không được công bố."
            }
            PiiKind::Cmnd => {
                "Có thể là số Chứng minh nhân dân (9 chữ số) của công dân: không được công bố."
            }
            PiiKind::Mobile => {
                "Có thể là số điện thoại di động cá nhân: không được công bố nếu không phải số \
                 liên hệ đã khai báo."
            }
        }
    }

    /// How to fix it, in Vietnamese.
    pub fn hint(&self) -> &'static str {
        match self {
            PiiKind::Cccd | PiiKind::Cmnd => concat!("Xóa số này. ", opt_out_hint!()),
            PiiKind::Mobile => concat!(
                "Xóa số này, hoặc khai báo nó là số liên hệ trong `_site.yaml` (`dien_thoai`, \
                 `duong_day_nong`, `lien_he`). ",
                opt_out_hint!()
            ),
        }
    }
}

/// A number that looks like personal data, with its byte range in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub byte_start: usize,
    pub byte_end: usize,
    pub kind: PiiKind,
    /// The number as written, e.g. `0912 345 678`.
    pub text: String,
}

/// The ASCII digits of `s`: `0912.345.678` → `0912345678`.
pub fn digits_only(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// A phone number in its national form, digits only: `+84 912 345 678`, `84912345678`,
/// `0912.345.678` and `(+84) 912-345-678` all give `0912345678`. Other numbers give their digits.
pub fn normalize_phone(s: &str) -> String {
    let digits = digits_only(s);
    let international = s
        .trim_start_matches(|c: char| c == '(' || c.is_whitespace())
        .starts_with('+');
    let national = |rest: &str| {
        // `+84 (0) 912 ...`: the trunk zero written after the country code.
        let rest = if rest.len() == 10 {
            rest.strip_prefix('0').unwrap_or(rest)
        } else {
            rest
        };
        format!("0{rest}")
    };
    if let Some(rest) = digits.strip_prefix("84").filter(|_| international) {
        return national(rest);
    }
    if let Some(rest) = digits.strip_prefix("0084").filter(|r| r.len() >= 9) {
        return national(rest);
    }
    if let Some(rest) = digits
        .strip_prefix("84")
        .filter(|r| (r.len() == 9 || r.len() == 10) && !r.starts_with('0'))
    {
        return national(rest);
    }
    digits
}

/// True when `line` carries the opt-out marker (spaces inside the marker do not matter).
pub fn has_opt_out(line: &str) -> bool {
    // Most lines have no `<` at all: no marker, no need to compact them.
    if !line.contains('<') {
        return false;
    }
    let compact: String = line.split_whitespace().collect();
    compact.contains("<!--niemyet:cho-phep-so-->")
}

/// True when a YAML `line` ends with the comment `OPT_OUT_YAML` (a `#` that starts a comment:
/// at the start of the line or after a space; spaces inside the marker do not matter). The
/// HTML-comment form after `#` (`# <!-- niemyet: cho-phep-so -->`) is accepted too.
pub fn has_yaml_opt_out(line: &str) -> bool {
    line.match_indices('#').any(|(i, _)| {
        let starts_comment = line[..i]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let comment: String = line[i + 1..].split_whitespace().collect();
        starts_comment
            && (comment == "niemyet:cho-phep-so" || comment == "<!--niemyet:cho-phep-so-->")
    })
}

/// Every CCCD, CMND or mobile number of `text`, in order. Lines carrying `OPT_OUT` are skipped;
/// numbers whose digits (`digits_only`) or phone form (`normalize_phone`) are in `allowed` are
/// declared contacts and not findings.
pub fn scan(text: &str, allowed: &BTreeSet<String>) -> Vec<Finding> {
    scan_lines(text, allowed, 0..0, usize::MAX)
}

/// `scan`, where the lines numbered (1-based) in `yaml_lines` are YAML and may also carry the
/// YAML form of the opt-out, `OPT_OUT_YAML`. Stops after `limit` findings: a hostile file full
/// of numbers must not cost memory in proportion to its numbers.
pub fn scan_lines(
    text: &str,
    allowed: &BTreeSet<String>,
    yaml_lines: std::ops::Range<usize>,
    limit: usize,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (n, offset, line) in lines_with_enough_digits(text) {
        if findings.len() >= limit {
            findings.truncate(limit);
            break;
        }
        let opted_out =
            has_opt_out(line) || (yaml_lines.contains(&(n + 1)) && has_yaml_opt_out(line));
        if !opted_out {
            // A number split by zero-width or direction characters is still that number: scan
            // the line without them, and point back into the line as written.
            let (seen, map) = without_hidden(line);
            for (start, end, kind) in scan_line(&seen) {
                let (start, end) = (map(start), map(end));
                let Some(found) = line.get(start..end) else {
                    continue;
                };
                if allowed.contains(&digits_only(found))
                    || allowed.contains(&normalize_phone(found))
                {
                    continue;
                }
                findings.push(Finding {
                    byte_start: offset + start,
                    byte_end: offset + end,
                    kind,
                    text: found.to_string(),
                });
            }
        }
    }
    findings
}

/// The lines of `text` (0-based number, byte offset, line without its `\n`) with at least 9 ASCII
/// digits: the shortest personal number (an old CMND) has 9, so a line with fewer holds none.
/// Most lines of a document are such lines, and every document is scanned: line ends are found
/// with memchr, and each line's digits counted without a branch (vector instructions).
fn lines_with_enough_digits(text: &str) -> Vec<(usize, usize, &str)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for (n, end) in ends.enumerate() {
        if digit_count(&bytes[start..end]) >= 9
            && let Some(line) = text.get(start..end)
        {
            found.push((n, start, line));
        }
        start = end + 1;
    }
    found
}

/// The ASCII digits in `bytes`, counted in a byte per 255 bytes: the compiler then adds 16 bytes
/// or more per instruction (a count in a `usize` widens every byte first).
fn digit_count(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let n = chunk
                .iter()
                .fold(0u8, |n, b| n.wrapping_add(u8::from(b.is_ascii_digit())));
            usize::from(n)
        })
        .sum()
}

/// `line` without the hidden characters of [`super::chars::is_hidden`], and a function that maps
/// a byte offset in that text back to the line as written.
fn without_hidden(line: &str) -> (std::borrow::Cow<'_, str>, impl Fn(usize) -> usize) {
    let mut kept = String::new();
    // (offset in `kept`, offset in `line`) at each place where hidden characters were dropped.
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    if !line.is_ascii() && line.chars().any(super::chars::is_hidden) {
        for (i, c) in line.char_indices() {
            if super::chars::is_hidden(c) {
                continue;
            }
            if kept.len() + shifts.last().map_or(0, |s| s.1 - s.0) != i {
                shifts.push((kept.len(), i));
            }
            kept.push(c);
        }
    }
    let seen = if kept.is_empty() && shifts.is_empty() {
        std::borrow::Cow::Borrowed(line)
    } else {
        std::borrow::Cow::Owned(kept)
    };
    let map = move |at: usize| {
        let i = shifts.partition_point(|&(k, _)| k <= at);
        match i.checked_sub(1).and_then(|i| shifts.get(i)) {
            Some(&(k, l)) => l + (at - k),
            None => at,
        }
    };
    (seen, map)
}

/// Digit groups joined by single separators: `0912 345 678`, `038.123.456.789`, `+84-912...`.
struct Chain {
    /// Byte range of each digit run in the line.
    groups: Vec<(usize, usize)>,
    /// The separator after each group but the last.
    separators: Vec<char>,
    /// Where the number starts: the first digit, or the `+` / `(+84)` before it.
    start: usize,
    /// Written with a country code outside the digits (`+84...`, `(+84) 912...`).
    international: bool,
    /// `(+84) 912 345 678`: the country code is in parentheses, not among the digits.
    country_in_parentheses: bool,
}

impl Chain {
    fn end(&self) -> usize {
        self.groups.last().map_or(self.start, |g| g.1)
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

fn is_separator(c: char) -> bool {
    is_space(c) || matches!(c, '.' | '-' | '\u{2010}' | '\u{2011}')
}

fn chains(line: &str) -> Vec<Chain> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(line.len(), |(b, _)| *b);
    let char_at = |i: usize| chars.get(i).map(|(_, c)| *c);
    let is_digit_at = |i: usize| char_at(i).is_some_and(|c| c.is_ascii_digit());
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_digit_at(i) {
            i += 1;
            continue;
        }
        let plus = i > 0 && char_at(i - 1) == Some('+');
        let mut chain = Chain {
            groups: Vec::new(),
            separators: Vec::new(),
            start: if plus { byte_at(i - 1) } else { byte_at(i) },
            international: plus,
            country_in_parentheses: false,
        };
        loop {
            let run_start = i;
            while is_digit_at(i) {
                i += 1;
            }
            chain.groups.push((byte_at(run_start), byte_at(i)));
            match char_at(i) {
                Some(sep) if is_separator(sep) && is_digit_at(i + 1) => {
                    chain.separators.push(sep);
                    i += 1;
                }
                _ => break,
            }
        }
        if !plus {
            attach_country_code(line, &mut chain);
        }
        found.push(chain);
    }
    found
}

/// `(+84) 912 345 678`: the country code written apart, in parentheses.
fn attach_country_code(line: &str, chain: &mut Chain) {
    let Some(before) = line.get(..chain.start) else {
        return;
    };
    let before = before.strip_suffix(is_space).unwrap_or(before);
    for code in ["(+84)", "(84)"] {
        if let Some(rest) = before.strip_suffix(code) {
            chain.start = rest.len();
            chain.international = true;
            chain.country_in_parentheses = true;
            return;
        }
    }
}

/// True when `line` has a [`Chain`] of 9 digits or more: every personal number has 9 digits of
/// its own at least (an old CMND; `(+84) 912 345 678`, whose `84` stands apart), so a line
/// without one holds none. Most lines with 9 digits are table rows and dates (`| 1 | 644 | 515 |`),
/// and this pass over their characters spares them the whole scan.
fn has_long_chain(line: &str) -> bool {
    // Digits of the chain going on, and whether the last character continues it.
    let (mut digits, mut joined) = (0, false);
    let mut prev_digit = false;
    for c in line.chars() {
        if c.is_ascii_digit() {
            digits = if joined { digits + 1 } else { 1 };
            if digits >= 9 {
                return true;
            }
            (joined, prev_digit) = (true, true);
        } else {
            // A single separator after a digit may join the next digits to this chain.
            joined = prev_digit && is_separator(c);
            prev_digit = false;
        }
    }
    false
}

fn scan_line(line: &str) -> Vec<(usize, usize, PiiKind)> {
    if !has_long_chain(line) {
        return Vec::new();
    }
    scan_chains(line)
}

/// [`scan_line`] of a line that has a long chain.
fn scan_chains(line: &str) -> Vec<(usize, usize, PiiKind)> {
    let urls = url_spans(line);
    let mut hits = Vec::new();
    for chain in chains(line) {
        if excluded_by_context(line, &chain) {
            continue;
        }
        let in_url = urls.iter().any(|(s, e)| (*s..*e).contains(&chain.start));
        let last = chain.groups.len().saturating_sub(1);
        if let Some(kind) = classify(line, &chain, 0, last, in_url) {
            hits.push((chain.start, chain.end(), kind));
            continue;
        }
        // Two numbers written one after the other (`0912345678 0987654321`), or a number after
        // a year or a count: look for complete numbers between spaces inside the chain.
        let mut i = 0;
        while i <= last {
            let mut matched = None;
            let mut digit_count = 0;
            for j in i..=last {
                digit_count += chain.groups.get(j).map_or(0, |g| g.1.saturating_sub(g.0));
                // No personal number is longer than 13 digits (`0084 ...`): stop looking.
                if (i, j) == (0, last) || digit_count > 13 {
                    break;
                }
                let starts_clean =
                    i == 0 || chain.separators.get(i - 1).copied().is_some_and(is_space);
                let ends_clean =
                    j == last || chain.separators.get(j).copied().is_some_and(is_space);
                if (10..=13).contains(&digit_count)
                    && starts_clean
                    && ends_clean
                    && let Some(kind) = classify_part(line, &chain, i, j, in_url)
                {
                    matched = Some((j, kind));
                    break;
                }
            }
            match matched {
                Some((j, kind)) => {
                    let start = if i == 0 {
                        chain.start
                    } else {
                        chain.groups.get(i).map_or(chain.start, |g| g.0)
                    };
                    let end = chain.groups.get(j).map_or(chain.end(), |g| g.1);
                    hits.push((start, end, kind));
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }
    hits
}

/// The digits of groups `i..=j`, with `84` in front for a `(+84)` written apart.
fn digits_of(line: &str, chain: &Chain, i: usize, j: usize) -> String {
    let mut digits = String::new();
    if chain.country_in_parentheses && i == 0 {
        digits.push_str("84");
    }
    for &(s, e) in chain.groups.get(i..=j).unwrap_or_default() {
        digits.push_str(line.get(s..e).unwrap_or_default());
    }
    digits
}

fn is_mobile(digits: &str, international: bool) -> bool {
    let b = digits.as_bytes();
    let mobile_digit = |i: usize| matches!(b.get(i), Some(b'3' | b'5' | b'7' | b'8' | b'9'));
    match b.len() {
        10 => !international && b.first() == Some(&b'0') && mobile_digit(1),
        11 => digits.starts_with("84") && mobile_digit(2),
        // `+84 0912 345 678`: the trunk zero kept after the country code.
        12 => international && digits.starts_with("840") && mobile_digit(3),
        13 => !international && digits.starts_with("0084") && mobile_digit(4),
        _ => false,
    }
}

/// The kind of the whole chain, or of groups `i..=j` of it.
fn classify(line: &str, chain: &Chain, i: usize, j: usize, in_url: bool) -> Option<PiiKind> {
    let digits = digits_of(line, chain, i, j);
    let international = chain.international && i == 0;
    if is_mobile(&digits, international) {
        return Some(PiiKind::Mobile);
    }
    // Long numeric identifiers in web addresses (posts, files) are not ID cards.
    if international || in_url {
        return None;
    }
    let kind = match digits.len() {
        12 => PiiKind::Cccd,
        9 => PiiKind::Cmnd,
        _ => return None,
    };
    if is_quantity(line, chain, i, j, &digits) {
        return None;
    }
    Some(kind)
}

/// A part of a longer chain: only what cannot be a piece of a bigger quantity, i.e. mobile
/// numbers and CCCD numbers (which start with a 0: the province code).
fn classify_part(line: &str, chain: &Chain, i: usize, j: usize, in_url: bool) -> Option<PiiKind> {
    let digits = digits_of(line, chain, i, j);
    match classify(line, chain, i, j, in_url)? {
        PiiKind::Cmnd => None,
        PiiKind::Cccd if !digits.starts_with('0') => None,
        kind => Some(kind),
    }
}

/// Money, counts and account numbers shaped like an ID number.
fn is_quantity(line: &str, chain: &Chain, i: usize, j: usize, digits: &str) -> bool {
    let groups = chain.groups.get(i..=j).unwrap_or_default();
    let separators = chain.separators.get(i..j).unwrap_or_default();
    let len = |g: &(usize, usize)| g.1.saturating_sub(g.0);
    // `150.000.000`: thousands separators, and quantities do not start with 0.
    let thousands = !separators.is_empty()
        && separators.iter().all(|s| *s == '.')
        && !digits.starts_with('0')
        && groups.first().is_some_and(|g| (1..=3).contains(&len(g)))
        && groups.iter().skip(1).all(|g| len(g) == 3);
    // `3713.0.1057895` (a treasury account): nobody groups an ID number by single digits.
    let single_digit_group = groups.len() > 1 && groups.iter().any(|g| len(g) == 1);
    let end = groups.last().map_or(chain.end(), |g| g.1);
    let start = groups.first().map_or(chain.start, |g| g.0);
    // `CMND số 191.456.789`: dots group an ID number too (SPEC §9); what the text says it is
    // decides over the shape.
    let thousands = thousands && !preceded_by_id_word(line, start);
    thousands || single_digit_group || followed_by_currency(line, end)
}

/// Words that announce an identity number, folded to lowercase ASCII-ish as written.
const ID_WORDS: &[&str] = &[
    "cmnd",
    "cccd",
    "cmtnd",
    "cmt",
    "căn cước",
    "chứng minh",
    "định danh",
    "hộ chiếu",
    "passport",
];

/// True when one of `ID_WORDS` stands shortly before byte `start` of `line` ("CMND số", "số
/// CCCD:", "Căn cước công dân số").
fn preceded_by_id_word(line: &str, start: usize) -> bool {
    let before = line.get(..start).unwrap_or_default();
    let tail: String = before
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail = tail.nfc().collect::<String>().to_lowercase();
    ID_WORDS.iter().any(|w| tail.contains(w))
}

/// Context that makes the chain part of something else: an identifier (`H57.23-220415`), a
/// decimal (`12,038123456`), a percentage, a run of years.
fn excluded_by_context(line: &str, chain: &Chain) -> bool {
    let before = line.get(..chain.start).unwrap_or_default();
    let after = line.get(chain.end()..).unwrap_or_default();
    let mut back = before.chars().rev();
    let prev = back.next();
    let prev2 = back.next();
    let mut fwd = after.chars();
    let next = fwd.next();
    let next2 = fwd.next();
    let identifier = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    if identifier(prev) || identifier(next) {
        return true;
    }
    if (prev == Some(',') && digit(prev2)) || (next == Some(',') && digit(next2)) {
        return true;
    }
    if next == Some('%') || (next.is_some_and(is_space) && next2 == Some('%')) {
        return true;
    }
    // `2020-2025-2030`, `2022 2023 2024`: years one after the other.
    let group_text = |g: &(usize, usize)| line.get(g.0..g.1).unwrap_or_default();
    let all_years = chain.groups.len() > 1
        && chain.groups.iter().all(|g| {
            let t = group_text(g);
            t.len() == 4 && (t.starts_with("19") || t.starts_with("20"))
        });
    if all_years {
        return true;
    }
    // `16.1234567`: a decimal written with a point.
    let group_len = |g: Option<&(usize, usize)>| g.map_or(0, |g| g.1.saturating_sub(g.0));
    if chain.groups.len() == 2 && chain.separators.first() == Some(&'.') {
        let first = chain
            .groups
            .first()
            .and_then(|g| line.get(g.0..g.1))
            .unwrap_or_default();
        let first_ok = first == "0" || (first.len() <= 3 && !first.starts_with('0'));
        if first_ok && group_len(chain.groups.get(1)) >= 4 {
            return true;
        }
    }
    false
}

const CURRENCY: &[&str] = &[
    "đồng", "vnđ", "vnd", "đ", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "usd",
];

/// `150.000.000 đồng`, `2.000.000đ`, `500 triệu`: what follows the number is a currency word.
fn followed_by_currency(line: &str, end: usize) -> bool {
    let Some(rest) = line.get(end..) else {
        return false;
    };
    let rest = rest.strip_prefix(is_space).unwrap_or(rest);
    let head: String = rest
        .chars()
        .take(16)
        .nfc()
        .collect::<String>()
        .to_lowercase();
    CURRENCY.iter().any(|word| {
        head.strip_prefix(word).is_some_and(|after| {
            let whole_word = !after.chars().next().is_some_and(char::is_alphabetic);
            // "đồng chí" (comrade) is a person, not money.
            whole_word && !(*word == "đồng" && after.trim_start().starts_with("chí"))
        })
    })
}

/// Byte ranges of web addresses in the line.
fn url_spans(line: &str) -> Vec<(usize, usize)> {
    let lower = line.to_ascii_lowercase();
    let mut spans = Vec::new();
    for scheme in ["http://", "https://", "www."] {
        for (start, _) in lower.match_indices(scheme) {
            let tail = line.get(start..).unwrap_or_default();
            let len = tail
                .find(|c: char| c.is_whitespace() || "<>\"'`)]".contains(c))
                .unwrap_or(tail.len());
            spans.push((start, start + len));
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lines_with_nine_digits_are_scanned_with_their_number_and_offset() {
        let text = "12345678\nSố 001 234 567 89\n\nx 1\n\n123456789";
        assert_eq!(
            lines_with_enough_digits(text),
            vec![
                (1, 9, "Số 001 234 567 89"),
                (5, text.len() - 9, "123456789")
            ]
        );
        assert!(lines_with_enough_digits("").is_empty());
    }

    #[test]
    fn digits_are_counted_across_the_byte_counters_limit() {
        let long = "1a".repeat(600);
        assert_eq!(digit_count(long.as_bytes()), 600);
        assert_eq!(digit_count("0".repeat(256).as_bytes()), 256);
        assert_eq!(digit_count("Số 0912 và ٣".as_bytes()), 4);
    }
    use proptest::prelude::*;

    fn none() -> BTreeSet<String> {
        BTreeSet::new()
    }

    fn kinds(text: &str) -> Vec<(PiiKind, String)> {
        scan(text, &none())
            .into_iter()
            .map(|f| (f.kind, f.text))
            .collect()
    }

    /// A realistic page of a district task force: money, dates, numbers, hotlines, document
    /// numbers, percentages and statistics, and no personal data. The site's own declared
    /// contact (0912 345 678) appears in several forms.
    const GOOD_TEXT: &str = "\
# KẾ HOẠCH Triển khai Đề án 06 trên địa bàn huyện Nam Đông năm 2023
Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;
Căn cứ Nghị định số 59/2022/NĐ-CP ngày 05/9/2022 quy định về định danh và xác thực điện tử;
Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 về công tác văn thư;
Căn cứ Thông tư số 55/2021/TT-BCA ngày 15/5/2021 của Bộ Công an;
Căn cứ Kế hoạch số 02/KH-TCTĐA06 ngày 2022-04-15 của Tổ công tác;
Thực hiện Công văn số 1433/UBND-TTHC ngày 15.04.2022 của UBND tỉnh;
## I. MỤC ĐÍCH, YÊU CẦU
1. Phấn đấu đến ngày 31/12/2023 có 100% công dân từ đủ 14 tuổi được cấp thẻ Căn cước công dân.
2. Tỷ lệ hồ sơ trực tuyến toàn trình đạt trên 80%, phấn đấu 98,5% vào năm 2025.
3. Giai đoạn 2022-2025, tầm nhìn đến năm 2030; các năm 2022 2023 2024 đều có báo cáo.
## II. KẾT QUẢ NĂM 2022
- Toàn huyện đã kích hoạt 12.345 tài khoản định danh điện tử mức 2, đạt 67,8%.
- Đã thu nhận 25.678 hồ sơ cấp Căn cước công dân, trong đó 6.543 hồ sơ cấp lưu động.
- Dân số toàn huyện 123.456.789 lượt tra cứu trên hệ thống (số liệu lũy kế).
- Tổng số lượt truy cập Cổng: 1.234.567.890 lượt.
- Kinh phí thực hiện: 150.000.000 đồng (Một trăm năm mươi triệu đồng).
- Hỗ trợ mỗi thôn 2.000.000đ/tháng; tổng cộng 1.500.000.000 đồng.
- Dự toán năm 2024: 120.000.000.000 (nguồn ngân sách tỉnh), 25.000.000.000 VNĐ vốn đối ứng.
- Mức chi 500000000 đồng cho mua sắm thiết bị; 1,5 tỷ đồng cho đào tạo; 300 triệu cho tuyên truyền.
- Chi trả an sinh xã hội qua tài khoản: 3.456 người, tổng số tiền 4.567.890.000 đồng.
- Tài khoản dự toán số 3713.0.1057895 tại Kho bạc Nhà nước huyện.
## III. NHIỆM VỤ
1. Từ 7h30 đến 11h30 và 13h30 đến 17h00 các ngày từ thứ Hai đến thứ Sáu, tiếp nhận hồ sơ.
2. Đường dây nóng của Cổng Dịch vụ công quốc gia: 1800 1096 (miễn phí).
3. Tổng đài hỗ trợ của Bộ Công an: 1900 0368 hoặc 1900.0368; tổng đài 18001096.
4. Điện thoại Văn phòng UBND huyện: 0234 3871 206; Fax: 0234.3871.207.
5. Công an huyện: (0234) 3.871.113; trực ban 02343871114.
6. Tổ trưởng Tổ công tác: ông Lê Văn Hùng, điện thoại 0912 345 678.
7. Liên hệ Tổ công tác qua Zalo 0912.345.678 hoặc gọi +84 912 345 678.
8. Các số khẩn cấp: 113, 114, 115; tổng đài 1022 của tỉnh.
## IV. TỔ CHỨC THỰC HIỆN
| STT | Đơn vị | Số hộ | Tỷ lệ |
| --- | --- | --- | --- |
| 1 | Thôn Đông Tâm | 325 | 98,5% |
| 2 | Thôn Phú Mậu | 1.204 | 87,25% |
| 3 | Tổ dân phố 5 | 12.031 | 100 % |
Trang thông tin: https://namdong.gov.vn/tin-tuc/2023/04/15/bai-viet-123456789012.html
Fanpage: https://www.facebook.com/congannamdong/posts/123456789012345
Dịch vụ công: https://dichvucong.gov.vn/p/home/dvc-tthc-chi-tiet.html?ma_thu_tuc=1.001612
Tọa độ trụ sở: 16.1647123, 107.6927456; cao độ 45 m.
Mã hồ sơ mẫu: H57.23-220415-0001; mã bưu chính 49000; Quốc lộ 49, km 12+500.
Mã định danh cơ quan: 000.00.12.H57; mã QHNS 1234567.
Phiên bản ứng dụng VNeID 2.1.9 trở lên; tải tại CH Play hoặc App Store.
Thời hạn: trước ngày 20 hằng tháng gửi báo cáo về Công an huyện (qua số fax 0234 3871 208).
Quyết định 290/QĐ-UBND ngày 15 tháng 4 năm 2022 và Quyết định số 01/2022/QĐ-UBND.
Báo cáo số 123/BC-UBND ngày 20/10/2023; Tờ trình số 45/TTr-CAH ngày 2023-10-01.
Đồng chí Phó Chủ tịch UBND huyện trực tiếp chỉ đạo, báo cáo định kỳ ngày 10, 15, 18, 20.
Số liệu tính đến 17 giờ 00 ngày 30/6/2023: 45.678/50.000 hồ sơ (91,36%).
Khoản 2 Điều 13 Luật Căn cước số 26/2023/QH15 có hiệu lực từ ngày 01/7/2024.
Phí cấp đổi thẻ: 50.000 đồng/thẻ; cấp lại: 70.000 đồng/thẻ; cấp lần đầu miễn phí.
Mỗi xã có 2-3 tình nguyện viên; 5 - 7 thành viên mỗi Tổ công tác thôn.
Số thẻ BHYT cấp mới: 2.345 thẻ; 1.234 trường hợp trẻ dưới 6 tuổi.
Địa chỉ: số 12 đường Hồ Chí Minh, thị trấn Khe Tre, huyện Nam Đông.
Email: tocongtac06@namdong.gov.vn; website www.namdong.gov.vn/de-an-06/2023.
Văn bản gồm 03 trang, 05 phụ lục, ban hành kèm theo Quyết định số 02/QĐ-TCT.
Hội nghị lúc 08:00 ngày 2023-01-05 tại Hội trường, tầng 2, phòng 201.
Tỷ lệ tăng 12,5 % so với cùng kỳ; giảm 0,75% số hồ sơ trễ hạn.
Tổng dân số 35.123 người, 9.876 hộ gia đình, 11 xã và 1 thị trấn.
Giai đoạn 2020 - 2025: 1.000 tỷ đồng; 20 triệu USD vốn ODA.
Ghi chú: ước tính 123 456 789 đồng tiền điện tháng 3.
";

    fn declared() -> BTreeSet<String> {
        BTreeSet::from([normalize_phone("0912 345 678")])
    }

    #[test]
    fn realistic_text_has_no_findings() {
        let findings = scan(GOOD_TEXT, &declared());
        assert_eq!(findings, vec![], "false alarms");
        assert!(GOOD_TEXT.lines().count() >= 60);
    }

    #[test]
    fn declared_contacts_are_only_allowed_when_declared() {
        let findings = scan(GOOD_TEXT, &none());
        let texts: Vec<&str> = findings.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["0912 345 678", "0912.345.678", "+84 912 345 678"]);
        assert!(findings.iter().all(|f| f.kind == PiiKind::Mobile));
    }

    #[test]
    fn cccd_in_every_written_form() {
        for (text, found) in [
            ("CCCD số 038123456789 cấp ngày 15/04/2022", "038123456789"),
            ("CCCD: 0381 2345 6789.", "0381 2345 6789"),
            ("CCCD 038 123 456 789", "038 123 456 789"),
            ("CCCD 038.123.456.789", "038.123.456.789"),
            ("CCCD 038-123-456-789", "038-123-456-789"),
            ("(046095001234)", "046095001234"),
            (
                "số 046\u{00A0}095\u{00A0}001\u{00A0}234",
                "046\u{00A0}095\u{00A0}001\u{00A0}234",
            ),
        ] {
            let findings = scan(text, &none());
            assert_eq!(findings.len(), 1, "{text}: {findings:?}");
            let f = &findings[0];
            assert_eq!(f.kind, PiiKind::Cccd, "{text}");
            assert_eq!(f.text, found);
            assert_eq!(&text[f.byte_start..f.byte_end], found);
        }
    }

    #[test]
    fn cmnd_in_written_forms() {
        assert_eq!(
            kinds("CMND số 201234567"),
            [(PiiKind::Cmnd, "201234567".into())]
        );
        assert_eq!(
            kinds("CMND 201 234 567."),
            [(PiiKind::Cmnd, "201 234 567".into())]
        );
        assert_eq!(
            kinds("CMND 012.345.678"),
            [(PiiKind::Cmnd, "012.345.678".into())]
        );
    }

    #[test]
    fn mobiles_in_every_written_form() {
        for (text, found) in [
            ("Gọi 0912345678 nhé", "0912345678"),
            ("Gọi 0912 345 678", "0912 345 678"),
            ("Gọi 0912.345.678", "0912.345.678"),
            ("Gọi 0912-345-678", "0912-345-678"),
            ("Gọi 091 234 5678", "091 234 5678"),
            ("Gọi +84 912 345 678", "+84 912 345 678"),
            ("Gọi +84912345678", "+84912345678"),
            ("Gọi 84912345678", "84912345678"),
            ("Gọi +84-912-345-678", "+84-912-345-678"),
            ("Gọi (+84) 912 345 678", "(+84) 912 345 678"),
            ("Gọi 0084 912 345 678", "0084 912 345 678"),
            ("Gọi +84 0912 345 678", "+84 0912 345 678"),
            ("[Gọi ngay](tel:0987654321)", "0987654321"),
            ("[Gọi ngay](tel:+84987654321)", "+84987654321"),
            ("Zalo: https://zalo.me/0987654321", "0987654321"),
            ("03 số: 0356789012", "0356789012"),
            ("**0708123456**", "0708123456"),
            ("| 1 | Nguyễn Văn A | 0858123456 | Thôn 3 |", "0858123456"),
        ] {
            let findings = scan(text, &none());
            assert_eq!(findings.len(), 1, "{text}: {findings:?}");
            let f = &findings[0];
            assert_eq!(f.kind, PiiKind::Mobile, "{text}");
            assert_eq!(f.text, found, "{text}");
            assert_eq!(&text[f.byte_start..f.byte_end], found);
        }
    }

    #[test]
    fn numbers_next_to_each_other_are_found_apart() {
        assert_eq!(
            kinds("SĐT: 0912345678 0987654321"),
            [
                (PiiKind::Mobile, "0912345678".into()),
                (PiiKind::Mobile, "0987654321".into())
            ]
        );
        assert_eq!(
            kinds("Tổ 3 0912 345 678"),
            [(PiiKind::Mobile, "0912 345 678".into())]
        );
        assert_eq!(
            kinds("năm 2022 038123456789"),
            [(PiiKind::Cccd, "038123456789".into())]
        );
        // A long space-grouped number is not cut into pieces that start without a 0.
        assert_eq!(kinds("Mã 1234 5678 9012 3456 7890"), []);
    }

    #[test]
    fn numbers_split_by_invisible_characters_are_seen_through() {
        let text = "CCCD 0461\u{200B}9000\u{200B}1122, gọi 0912\u{2060}345\u{FEFF}678.";
        let found = scan(text, &none());
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].kind, PiiKind::Cccd);
        assert_eq!(
            &text[found[0].byte_start..found[0].byte_end],
            "0461\u{200B}9000\u{200B}1122"
        );
        assert_eq!(found[1].kind, PiiKind::Mobile);
        assert_eq!(
            &text[found[1].byte_start..found[1].byte_end],
            "0912\u{2060}345\u{FEFF}678"
        );
        // A declared contact stays allowed however it is split.
        let allowed: BTreeSet<String> = ["0912345678".to_string()].into();
        assert_eq!(scan(text, &allowed).len(), 1);
    }

    #[test]
    fn dots_group_an_id_number_that_the_text_names() {
        for text in [
            "CMND số 191.456.789",
            "số CCCD: 191.456.789.123",
            "Giấy chứng minh nhân dân 191.456.789",
        ] {
            assert_eq!(kinds(text).len(), 1, "{text}");
        }
        // Without such a word, thousands separators still mean a quantity.
        assert_eq!(kinds("Kinh phí 191.456.789"), []);
    }

    #[test]
    fn what_is_never_flagged() {
        for text in [
            "Hotline 1800 1096, 1900.0368, 18001096, 1900 0368.",
            "Điện thoại 0234 3871 206 hoặc 02343871206.",
            "Số 290/QĐ-UBND và 01/2022/NĐ-CP.",
            "Ngày 2022-04-15, 15/04/2022, 15.04.2022.",
            "Năm 2022, năm 1945.",
            "Tỷ lệ 98,5%, 100 %, 12,038123456%.",
            "Chi 1.500.000 đồng, 2.000.000đ, 150.000.000 đồng, 150.000.000 VNĐ.",
            "Chi 500000000 đồng, 500000000đ, 123456789 VND, 038123456789 triệu.",
            "Chi 150.000.000 và 120.000.000.000.",
            "Thống kê 12.345 tài khoản.",
            "Mã H57.23-220415-0001, mã ABC038123456789, file_038123456789.pdf.",
            "Số thập phân 3,038123456789 và 038123456789,5 ha.",
            "Tọa độ 16.1234567",
            "https://www.facebook.com/x/posts/123456789012",
            "Các năm 2020-2025-2030 và 2022 2023 2024.",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    #[test]
    fn comrade_is_not_money() {
        assert_eq!(
            kinds("Liên hệ 0912345678 đồng chí Hùng; CCCD 038123456789 đồng chí Hùng"),
            [
                (PiiKind::Mobile, "0912345678".into()),
                (PiiKind::Cccd, "038123456789".into())
            ]
        );
    }

    #[test]
    fn opt_out_skips_only_its_line() {
        let text = "Số 038123456789 <!-- niemyet: cho-phep-so -->\nSố 038123456780\n";
        let findings = scan(text, &none());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].text, "038123456780");
        assert_eq!(
            findings[0].byte_start,
            text.find("038123456780").unwrap_or(0)
        );
        assert!(has_opt_out("x <!--niemyet:cho-phep-so-->"));
        assert!(has_opt_out(
            "dien_thoai: '0912' # <!--  niemyet:  cho-phep-so  -->"
        ));
        assert!(!has_opt_out("<!-- niemyet -->"));
    }

    #[test]
    fn yaml_opt_out_counts_only_on_yaml_lines() {
        let text = "---\nghi_chu: \"CCCD 038123456789\" # niemyet: cho-phep-so\n---\n\
                    # niemyet: cho-phep-so 038123456780\n";
        let found: Vec<String> = scan_lines(text, &none(), 1..4, usize::MAX)
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(found, ["038123456780"]);
        assert_eq!(scan(text, &none()).len(), 2);
        assert!(has_yaml_opt_out(
            "a: '0912345678'  #  niemyet:  cho-phep-so "
        ));
        assert!(has_yaml_opt_out("a: 1 # <!-- niemyet: cho-phep-so -->"));
        assert!(has_yaml_opt_out(OPT_OUT_YAML));
        // Inside a value (no space before `#`) or followed by more words, it is not the marker.
        assert!(!has_yaml_opt_out("a: x#niemyet: cho-phep-so"));
        assert!(!has_yaml_opt_out("a: 1 # niemyet: cho-phep-so nhé"));
    }

    #[test]
    fn allowed_numbers_match_in_any_form() {
        let allowed = BTreeSet::from(["0987654321".to_string(), "038123456789".to_string()]);
        let text = "0987 654 321, +84 987 654 321, 84987654321, 038.123.456.789, 0987654320";
        let found: Vec<String> = scan(text, &allowed).into_iter().map(|f| f.text).collect();
        assert_eq!(found, ["0987654320"]);
    }

    #[test]
    fn byte_ranges_count_multibyte_text_and_lines() {
        let text = "Đăng ký tạm trú\r\nÔng Nguyễn Văn Đức, SĐT 0912 345 678.\n";
        let f = &scan(text, &none())[0];
        assert_eq!(&text[f.byte_start..f.byte_end], "0912 345 678");
        assert_eq!(f.byte_start, text.find("0912").unwrap_or(0));
    }

    #[test]
    fn the_limit_bounds_the_findings() {
        let text = "0912 345 678\n".repeat(1000);
        assert_eq!(scan_lines(&text, &none(), 0..0, 7).len(), 7);
        assert_eq!(scan(&text, &none()).len(), 1000);
    }

    #[test]
    fn long_runs_of_grouped_digits_stay_linear() {
        // Thousands of single-digit groups: the search for parts stops after 13 digits.
        let line = "1 ".repeat(20_000);
        assert_eq!(kinds(&line), []);
        let line = format!("{}0912 345 678", "7 ".repeat(20_000));
        assert_eq!(kinds(&line), [(PiiKind::Mobile, "0912 345 678".into())]);
    }

    #[test]
    fn normalization_helpers() {
        assert_eq!(digits_only("0912.345.678"), "0912345678");
        for phone in [
            "+84 912 345 678",
            "84912345678",
            "0912.345.678",
            "0912-345-678",
            "(+84) 912 345 678",
            "+84 (0) 912 345 678",
            "0084 912 345 678",
        ] {
            assert_eq!(normalize_phone(phone), "0912345678", "{phone}");
        }
        assert_eq!(normalize_phone("+84 234 3871 206"), "02343871206");
        assert_eq!(normalize_phone("0234 3871 206"), "02343871206");
        assert_eq!(normalize_phone("1800 1096"), "18001096");
        assert_eq!(normalize_phone(""), "");
    }

    #[test]
    fn messages_are_vietnamese_and_name_the_fix() {
        assert_eq!(
            PiiKind::Cccd.message(),
            "Có thể là số Căn cước công dân (12 chữ số) của công dân: không được công bố."
        );
        assert_eq!(
            PiiKind::Cmnd.hint(),
            "Xóa số này. Nếu đây là số công khai có chủ ý, thêm `<!-- niemyet: cho-phep-so -->` \
             vào cuối dòng. Trên dòng YAML (phần đầu tệp, _site.yaml), thêm chú thích \
             `# niemyet: cho-phep-so` vào cuối dòng."
        );
        for kind in [PiiKind::Cccd, PiiKind::Cmnd, PiiKind::Mobile] {
            assert!(kind.hint().contains(OPT_OUT), "{kind:?}");
            assert!(kind.hint().ends_with(opt_out_hint!()), "{kind:?}");
        }
        assert!(PiiKind::Mobile.hint().contains("`dien_thoai`"));
    }

    // ---- property tests ----

    fn good_lines() -> Vec<&'static str> {
        GOOD_TEXT.lines().collect()
    }

    /// A PII number written in one of its forms, with its kind.
    fn pii() -> impl Strategy<Value = (PiiKind, String)> {
        let mobile = (
            proptest::sample::select(vec!['3', '5', '7', '8', '9']),
            "[0-9]{8}",
            0usize..9,
        )
            .prop_map(|(second, rest, form)| {
                let d = format!("0{second}{rest}");
                let g = |a: usize, b: usize| d.get(a..b).unwrap_or_default().to_string();
                let national = g(1, 10);
                let text = match form {
                    0 => d.clone(),
                    1 => format!("{} {} {}", g(0, 4), g(4, 7), g(7, 10)),
                    2 => format!("{}.{}.{}", g(0, 4), g(4, 7), g(7, 10)),
                    3 => format!("{}-{}-{}", g(0, 4), g(4, 7), g(7, 10)),
                    4 => format!("{} {} {}", g(0, 3), g(3, 6), g(6, 10)),
                    5 => format!("+84 {} {} {}", g(1, 4), g(4, 7), g(7, 10)),
                    6 => format!("+84{national}"),
                    7 => format!("84{national}"),
                    _ => format!("(+84) {national}"),
                };
                (PiiKind::Mobile, text)
            });
        let cccd = ("0[0-9]{11}", 0usize..5).prop_map(|(d, form)| {
            let g = |a: usize, b: usize| d.get(a..b).unwrap_or_default().to_string();
            let text = match form {
                0 => d.clone(),
                1 => format!("{} {} {}", g(0, 4), g(4, 8), g(8, 12)),
                2 => format!("{} {} {} {}", g(0, 3), g(3, 6), g(6, 9), g(9, 12)),
                3 => format!("{}.{}.{}.{}", g(0, 3), g(3, 6), g(6, 9), g(9, 12)),
                _ => format!("{}.{}.{}", g(0, 4), g(4, 8), g(8, 12)),
            };
            (PiiKind::Cccd, text)
        });
        let cmnd = ("[0-3][0-9]{8}", 0usize..2).prop_map(|(d, form)| {
            let g = |a: usize, b: usize| d.get(a..b).unwrap_or_default().to_string();
            let text = match form {
                0 => d.clone(),
                _ => format!("{} {} {}", g(0, 3), g(3, 6), g(6, 9)),
            };
            (PiiKind::Cmnd, text)
        });
        prop_oneof![mobile, cccd, cmnd]
    }

    const TEMPLATES: &[&str] = &[
        "Liên hệ anh Nam: {}.",
        "Ông Nguyễn Văn A, CCCD số {} cấp ngày 15/04/2022, trú tại thôn 2.",
        "({})",
        "{}",
        "[Gọi ngay](tel:{})",
        "Số: {}, thôn Đông Tâm",
        "**{}** là số của bà B",
        "| 1 | Nguyễn Thị C | {} | Thôn 3 |",
        "Danh sách: {}; {}",
    ];

    proptest! {
        #[test]
        fn never_panics_and_ranges_are_valid(
            text in "([0-9]{1,13}|[ .\\-+,%/()]|\\+84|đồng|đ|tỷ|https://x.vn/|tel:|\u{00A0}|\n|\r|[a-zĐđạ]{1,3}|<!-- niemyet: cho-phep-so -->){0,40}",
            allowed in proptest::collection::btree_set("[0-9]{9,12}", 0..3),
        ) {
            let findings = scan(&text, &allowed);
            let mut last_end = 0;
            for f in &findings {
                prop_assert!(f.byte_start >= last_end);
                prop_assert!(f.byte_start < f.byte_end);
                prop_assert_eq!(text.get(f.byte_start..f.byte_end), Some(f.text.as_str()));
                last_end = f.byte_end;
            }
        }

        #[test]
        fn a_line_without_a_chain_of_nine_digits_has_no_findings(
            line in "([0-9]{1,13}|[ .\\-+,%/()|]|\\+84|\\(\\+84\\)|\\(84\\)|đồng|CCCD số|https://x.vn/|\u{00A0}|\u{2010}|\u{202F}|[a-zĐđạ]{1,3}){0,30}",
        ) {
            prop_assert!(has_long_chain(&line) || scan_chains(&line).is_empty(), "{:?}", line);
        }

        #[test]
        fn arbitrary_unicode_never_panics(text in "\\PC*") {
            let findings = scan(&text, &none());
            for f in &findings {
                prop_assert_eq!(text.get(f.byte_start..f.byte_end), Some(f.text.as_str()));
            }
            let _ = normalize_phone(&text);
        }

        #[test]
        fn good_lines_in_any_order_have_no_findings(
            lines in Just(good_lines()).prop_shuffle(),
            keep in 1usize..70,
        ) {
            let text = lines.iter().take(keep).copied().collect::<Vec<_>>().join("\n");
            prop_assert_eq!(scan(&text, &declared()), vec![]);
        }

        #[test]
        fn pii_is_found_with_its_range(
            (kind, number) in pii(),
            template in proptest::sample::select(TEMPLATES.to_vec()),
            before in proptest::sample::subsequence(good_lines(), 0..6),
            after in proptest::sample::subsequence(good_lines(), 0..6),
        ) {
            let line = template.replacen("{}", &number, 1).replacen("{}", "(không có)", 1);
            let mut text = before.join("\n");
            if !text.is_empty() {
                text.push('\n');
            }
            let line_start = text.len();
            text.push_str(&line);
            for l in &after {
                text.push('\n');
                text.push_str(l);
            }
            let start = line_start + template.find("{}").unwrap_or(0);
            let findings = scan(&text, &declared());
            prop_assert_eq!(findings.len(), 1, "{:?}: {:?}", line, findings);
            let f = &findings[0];
            prop_assert_eq!(f.kind, kind);
            prop_assert_eq!(f.byte_start, start);
            prop_assert_eq!(f.byte_end, start + number.len());
            prop_assert_eq!(&f.text, &number);

            // The same line with the opt-out marker, or the number declared, is allowed.
            let opted = text.replacen(&line, &format!("{line} {OPT_OUT}"), 1);
            prop_assert_eq!(scan(&opted, &declared()), vec![]);
            let mut allowed = declared();
            allowed.insert(normalize_phone(&number));
            prop_assert_eq!(scan(&text, &allowed), vec![]);
        }
    }
}
