//! The QR ledger `content/SITE/_ma-qr.yaml` (SPEC §7): every code ever printed for a site.
//!
//! A printed code must keep working for years, so entries are never removed or reused. Only
//! `posters` writes this file; `build` and `check` only read it.

use super::fields::{Fields, Located};
use crate::diag::{Diagnostic, SourceFile};
use crate::yaml::{Node, Value};
use chrono::NaiveDate;
use std::sync::Arc;

pub const FILE_NAME: &str = "_ma-qr.yaml";

/// Characters of a `/q/` code: uppercase letters and digits without look-alikes (no 0/O, 1/I/L),
/// all inside QR alphanumeric mode.
pub const CODE_ALPHABET: &str = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const KEYS: &[&str] = &["ma", "dich", "in_lan_dau", "chuyen_den", "ghi_chu"];

#[derive(Debug, Clone)]
pub struct LedgerEntry {
    pub code: Located<String>,
    /// The site path the code was printed for, e.g. `/khu-dan-cu/huong-phu/thon-2/`.
    pub target: Located<String>,
    pub first_printed: Option<NaiveDate>,
    /// Where the code leads now, when its original target is gone.
    pub moved_to: Option<Located<String>>,
    pub note: Option<String>,
}

impl LedgerEntry {
    /// The page a `/q/CODE/` address leads to today.
    pub fn current_target(&self) -> &Located<String> {
        self.moved_to.as_ref().unwrap_or(&self.target)
    }
}

pub fn parse(file: &Arc<SourceFile>, root: &Node) -> (Vec<LedgerEntry>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut out = Vec::new();
    let items = match &root.value {
        Value::Seq(items) => items.as_slice(),
        _ if root.is_null() => &[],
        _ => {
            diags.push(
                file.error(root.pos, "so-qr", "Sổ mã QR phải là một danh sách các mục `- ma: ...`.")
                    .hint("Tệp này do `niemyet posters` ghi; lấy lại bản đúng từ lịch sử (Git) thay vì sửa tay."),
            );
            return (out, diags);
        }
    };
    for item in items {
        let mut f = Fields::new(file, item, KEYS, item.pos, "sổ mã QR");
        let code = f.required_string("ma", "Mỗi mục cần `ma` (mã đã in).");
        let target = f.required_string(
            "dich",
            "Mỗi mục cần `dich` (trang mà mã trỏ tới, ví dụ `/khu-dan-cu/thon-2/`).",
        );
        let first = f.string("in_lan_dau").and_then(|s| {
            super::document::date_value(file, "in_lan_dau", &s, &mut diags).map(|d| d.value)
        });
        let moved_to = f.string("chuyen_den");
        let note = f.string("ghi_chu").map(|s| s.value);
        diags.extend(f.finish());
        if let (Some(code), Some(target)) = (code, target) {
            out.push(LedgerEntry {
                code,
                target,
                first_printed: first,
                moved_to,
                note,
            });
        }
    }
    (out, diags)
}

/// A code `posters` is about to print for the first time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub code: String,
    pub target: String,
    pub first_printed: NaiveDate,
}

/// The comment that opens a ledger `posters` creates.
pub const HEADER: &str = "\
# Sổ mã QR đã in trên áp phích, do `niemyet posters` ghi; lưu cùng nội dung (Git).
# Không xóa mục nào, không sửa `ma` hay `dich`: mã đã in phải dùng được nhiều năm.
# Khi trang đích không còn (khu dân cư đổi tên, sáp nhập), thêm vào mục đó
# `chuyen_den: \"/đường-dẫn-mới/\"` để mã cũ dẫn tới trang thay thế.
";

/// A YAML double-quoted scalar: every string of the ledger is written this way, so that a
/// code such as `NO` or `22345` can never be read back as a boolean or a number.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn entry_text(
    code: &str,
    target: &str,
    first: Option<NaiveDate>,
    moved: Option<&str>,
    note: Option<&str>,
) -> String {
    let mut s = format!("- ma: {}\n  dich: {}\n", quoted(code), quoted(target));
    if let Some(d) = first {
        s.push_str(&format!("  in_lan_dau: {}\n", d.format("%Y-%m-%d")));
    }
    if let Some(m) = moved {
        s.push_str(&format!("  chuyen_den: {}\n", quoted(m)));
    }
    if let Some(n) = note {
        s.push_str(&format!("  ghi_chu: {}\n", quoted(n)));
    }
    s
}

fn read_back(text: &str) -> Option<Vec<LedgerEntry>> {
    let file = SourceFile::new(FILE_NAME, text);
    let node = crate::yaml::parse(text, 0).ok()?;
    let (entries, diags) = parse(&file, &node);
    diags.is_empty().then_some(entries)
}

/// The ledger's new text: `existing` kept byte for byte (comments, order, every entry) with
/// `new` appended at the end. When appending cannot give a ledger that reads back as the old
/// entries followed by the new ones (a hand-written flow list such as `[]`), the entries are
/// written out again, all of them, in the same order. `existing` must be a valid ledger.
pub fn append(existing: Option<&str>, new: &[NewEntry]) -> String {
    let old = existing.and_then(read_back).unwrap_or_default();
    let mut text = match existing {
        Some(t) if !t.trim().is_empty() => {
            let mut t = t.to_string();
            if !t.ends_with('\n') {
                t.push('\n');
            }
            t
        }
        _ => HEADER.to_string(),
    };
    let mut tail = String::new();
    for e in new {
        tail.push_str(&entry_text(
            &e.code,
            &e.target,
            Some(e.first_printed),
            None,
            None,
        ));
    }
    text.push_str(&tail);
    let expected: Vec<&str> = old
        .iter()
        .map(|e| e.code.value.as_str())
        .chain(new.iter().map(|e| e.code.as_str()))
        .collect();
    let reads_back = read_back(&text).is_some_and(|entries| {
        entries
            .iter()
            .map(|e| e.code.value.as_str())
            .eq(expected.iter().copied())
    });
    if reads_back {
        return text;
    }
    let mut text = HEADER.to_string();
    for e in &old {
        text.push_str(&entry_text(
            &e.code.value,
            &e.target.value,
            e.first_printed,
            e.moved_to.as_ref().map(|m| m.value.as_str()),
            e.note.as_deref(),
        ));
    }
    text.push_str(&tail);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
    }

    fn new(code: &str, target: &str) -> NewEntry {
        NewEntry {
            code: code.into(),
            target: target.into(),
            first_printed: day(),
        }
    }

    #[test]
    fn a_new_ledger_has_the_header_and_reads_back() {
        let t = append(None, &[new("NO234", "/khu-dan-cu/thon-1/")]);
        assert!(t.starts_with(HEADER));
        assert!(
            t.ends_with(
                "- ma: \"NO234\"\n  dich: \"/khu-dan-cu/thon-1/\"\n  in_lan_dau: 2026-01-01\n"
            ),
            "{t}"
        );
        let back = read_back(&t).unwrap();
        assert_eq!(back[0].code.value, "NO234");
        assert_eq!(back[0].first_printed, Some(day()));
    }

    #[test]
    fn existing_text_is_kept_byte_for_byte() {
        let old = "# ghi chú của xã\n- ma: ABCDE\n  dich: /khu-dan-cu/thon-9/\n  chuyen_den: /khu-dan-cu/thon-10/\n  ghi_chu: sáp nhập 2025";
        let t = append(Some(old), &[new("FGHJK", "/dich-vu/x/")]);
        assert!(t.starts_with(old));
        let codes: Vec<String> = read_back(&t)
            .unwrap()
            .into_iter()
            .map(|e| e.code.value)
            .collect();
        assert_eq!(codes, ["ABCDE", "FGHJK"]);
    }

    #[test]
    fn a_flow_list_is_rewritten_with_every_entry_in_order() {
        let old = "[{ma: ABCDE, dich: /a/, chuyen_den: /b/, ghi_chu: \"x \\\"y\\\"\"}]\n";
        let t = append(Some(old), &[new("FGHJK", "/c/")]);
        let back = read_back(&t).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].moved_to.as_ref().unwrap().value, "/b/");
        assert_eq!(back[0].note.as_deref(), Some("x \"y\""));
        assert_eq!(back[1].code.value, "FGHJK");
    }
}
