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
