//! Placeholders left from `init`, `new` or the examples (SPEC §9): an `example.` host in
//! `base_url`, `...` in a name, the body sentence `new` writes, a site named "Mẫu".
//!
//! One detection for every command: `build` and `check` show them as warnings (a sample project
//! is worth previewing), `posters` and `publish` turn the findings that concern what they send
//! out (`_site.yaml` for posters, everything but drafts for publish) into errors with [`refuse`],
//! because a printed or published example address is permanent harm (QR codes on walls, search
//! engines, links in letters). This module only reads the loaded project; it never changes a
//! value.

use crate::diag::{Code, Diagnostic, Diagnostics, Severity, SourceFile};
use crate::project::Site;
use crate::yaml::{Node, Value};

/// The body `niemyet new` writes under the front matter, for the clerk to replace.
pub const TEMPLATE_BODY: &str = "Nội dung văn bản viết ở đây bằng Markdown.";

/// The keys of a document whose sample value (`"..."`, `xã Mẫu`) must not go out unchanged:
/// names, the summary and the addressees. Other lists (`noi_nhan`) may end with a real `...`.
const DOCUMENT_NAMES: &[&str] = &[
    "ho_ten",
    "chuc_vu",
    "trich_yeu",
    "kinh_gui",
    "co_quan_ban_hanh",
    "co_quan_chu_quan",
    "dia_danh",
];

/// Warnings for the placeholders of `site`'s `_site.yaml` (its documents': [`document`]).
pub fn site(site: &Site, diags: &mut Diagnostics) {
    if let Some(info) = &site.info
        && let Ok(root) = crate::yaml::parse(&info.file.text, 0)
    {
        if let Value::Map(entries) = &root.value {
            for (k, v) in entries {
                if k.as_str() == Some("base_url")
                    && let Some(url) = v.as_str()
                    && is_example_host(url)
                {
                    diags.push(
                        info.file
                            .warning(v.pos, Code::GiaTriMau, format!("`base_url` vẫn là địa chỉ mẫu `{url}`."))
                            .hint("Ghi địa chỉ thật của trang (tên miền đơn vị được cấp, ví dụ `https://binhan.tinh.gov.vn/`): mã QR và liên kết đã in sẽ trỏ mãi tới địa chỉ này. Trước khi sửa, trang chỉ để xem thử: `posters` và `publish` sẽ từ chối."),
                    );
                }
            }
        }
        samples(&info.file, &root, None, &|_| true, diags);
    }
}

/// Warnings for the placeholders of one document (checked with the document's other rules, while
/// its body is at hand).
pub fn document(doc: &crate::project::Document, diags: &mut Diagnostics) {
    let mut found = Diagnostics::new();
    document_samples(doc, &mut found);
    for d in found.into_vec() {
        // A draft is never published: its samples are expected, so they stay warnings.
        diags.push(if doc.draft { d.note(DRAFT_NOTE) } else { d });
    }
}

/// Said of a placeholder in a draft, which `refuse` leaves a warning.
const DRAFT_NOTE: &str = "Văn bản này là bản nháp (`ban_nhap: true`) nên chưa được đăng; sửa trước khi đổi thành `ban_nhap: false`.";

/// The samples of one document: in its names and summary, and `new`'s body sentence.
fn document_samples(doc: &crate::project::Document, diags: &mut Diagnostics) {
    let text = doc.file.text.as_str();
    // Only the front matter and the body's first line are read: a big site's bodies are long.
    let head_len: usize = text
        .split_inclusive('\n')
        .take(doc.body_line.saturating_sub(1))
        .map(str::len)
        .sum();
    let (head, body) = text.split_at(head_len.min(text.len()));
    // Reading the front matter again costs a parse: only for one that holds a sample.
    let maybe = ["...", "…", "Mẫu", "MẪU"].iter().any(|s| head.contains(s));
    if maybe && let Ok(fm) = crate::project::front_matter::split_front_matter(doc.file.clone()) {
        let watched = |key: &str| DOCUMENT_NAMES.contains(&key);
        samples(&doc.file, &fm.yaml, None, &watched, diags);
    }
    let first = body.lines().enumerate().find(|(_, l)| !l.trim().is_empty());
    if let Some((i, line)) = first
        && line.trim() == TEMPLATE_BODY
    {
        diags.push(
            doc.file
                .warning(
                    crate::diag::Pos::new(doc.body_line + i, 1),
                    Code::GiaTriMau,
                    "Thân văn bản vẫn là câu mẫu do `niemyet new` viết.",
                )
                .hint("Thay câu này bằng nội dung văn bản, chép từ bản đã ký."),
        );
    }
}

/// Every scalar under `node` (of a key that `watched` accepts) that still holds a sample value.
fn samples(
    file: &SourceFile,
    node: &Node,
    key: Option<&str>,
    watched: &dyn Fn(&str) -> bool,
    diags: &mut Diagnostics,
) {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .for_each(|(k, v)| samples(file, v, k.as_str(), watched, diags)),
        Value::Seq(items) => items
            .iter()
            .for_each(|v| samples(file, v, key, watched, diags)),
        Value::Scalar { text, .. } => {
            let Some(key) = key.filter(|k| watched(k)) else {
                return;
            };
            if is_sample(text) {
                diags.push(
                    file.warning(node.pos, Code::GiaTriMau, format!("`{key}` vẫn là giá trị mẫu `{text}`."))
                        .hint("Thay bằng thông tin thật của đơn vị: áp phích và trang đăng lên không được mang giá trị mẫu."),
                );
            }
        }
    }
}

/// `...` anywhere, or the word "Mẫu" closing the value (`Xã Mẫu`, `Nguyễn Văn Mẫu`): the sample
/// names of `init`. A real name that merely holds the word (`xã Mẫu Sơn`) is not one.
fn is_sample(text: &str) -> bool {
    let last_word = text
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .map(crate::text::chars::nfc);
    text.contains("...")
        || text.contains('…')
        || matches!(last_word.as_deref(), Some("Mẫu" | "MẪU"))
}

/// A host with an `example` label (`binhan.example.gov.vn`, `example.com`): reserved for
/// documentation (RFC 2606), never a real site.
pub fn is_example_host(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or("");
    host.split('.')
        .any(|label| label.eq_ignore_ascii_case("example"))
}

/// What is about to go out for good, and so must carry no placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `posters` prints what `_site.yaml` says (names, contacts, the address in the QR code).
    Posters,
    /// `publish` puts every published page online (drafts are not).
    Publish,
}

/// The placeholder warnings of a run that matter to `what`, made errors (SPEC §9).
pub fn refuse(diags: Diagnostics, what: Refusal) -> Diagnostics {
    let doing = match what {
        Refusal::Posters => "in áp phích",
        Refusal::Publish => "đăng trang",
    };
    let matters = |d: &Diagnostic| match what {
        Refusal::Posters => d.path.ends_with("_site.yaml"),
        Refusal::Publish => !d.notes.iter().any(|n| n == DRAFT_NOTE),
    };
    let mut out = Diagnostics::new();
    out.extend(diags.into_vec().into_iter().map(|d| {
        if d.code == Code::GiaTriMau && d.severity == Severity::Warning && matters(&d) {
            Diagnostic {
                severity: Severity::Error,
                ..d
            }
            .note(format!(
                "Không {doing} với giá trị mẫu: bản in hay trang đã đăng không sửa lại được."
            ))
        } else {
            d
        }
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_hosts() {
        assert!(is_example_host("https://binhan.example.gov.vn/"));
        assert!(is_example_host("https://example.com"));
        assert!(!is_example_host("https://binhan.hue.gov.vn/"));
        assert!(!is_example_host("https://examples.vn/"));
    }

    #[test]
    fn sample_values_and_real_names() {
        for sample in [
            "...",
            "Về việc ...",
            "Xã Mẫu",
            "Nguyễn Văn Mẫu",
            "UBND XÃ MẪU",
            "Tỉnh Mẫu.",
        ] {
            assert!(is_sample(sample), "{sample}");
        }
        for real in ["Xã Mẫu Sơn", "Mẫu đơn CT01", "Nguyễn Văn An", "Thôn 1"] {
            assert!(!is_sample(real), "{real}");
        }
    }
}
