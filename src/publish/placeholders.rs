//! Placeholders left from `init`, `new` or the examples are errors for `publish` (SPEC §9): a
//! published example address is permanent harm (QR codes, search engines, links in letters).
//!
//! `build` only warns about them (or will: issue of its own); this module reads a site's
//! `_site.yaml` again, after a build without errors, and refuses what must never go live. It
//! never changes the build.

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::yaml::{Node, Value};
use std::path::Path;

/// Errors for every placeholder in `content/SITE/_site.yaml`: an `example.` host in `base_url`,
/// `...` in a value, and the word "Mẫu" of the sample names.
pub fn check(root: &Path, site: &str) -> Vec<Diagnostic> {
    let path = root.join("content").join(site).join("_site.yaml");
    let file = match crate::project::load::read_text(root, &path) {
        Ok(f) => f,
        Err(e) => return vec![e],
    };
    let Ok(node) = crate::yaml::parse(&file.text, 0) else {
        // Already reported by the build; nothing to add.
        return Vec::new();
    };
    let mut found = Vec::new();
    let Value::Map(entries) = &node.value else {
        return found;
    };
    for (k, v) in entries {
        if k.as_str() == Some("base_url")
            && let Some(url) = v.as_str()
            && is_example_host(url)
        {
            found.push(
                file.error(v.pos, Code::GiaTriMau, format!("`base_url` vẫn là địa chỉ mẫu `{url}`: không thể đăng trang với địa chỉ này."))
                    .hint("Ghi địa chỉ thật của trang (tên miền đơn vị được cấp, ví dụ `https://binhan.tinh.gov.vn/`). Mã QR và liên kết đã in sẽ trỏ mãi tới địa chỉ này."),
            );
        }
    }
    sample_values(&file, &node, &mut found);
    found
}

fn sample_values(file: &crate::diag::SourceFile, node: &Node, found: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .for_each(|(_, v)| sample_values(file, v, found)),
        Value::Seq(items) => items.iter().for_each(|v| sample_values(file, v, found)),
        Value::Scalar { text, .. } => {
            let sample_word = text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "Mẫu" || w == "MẪU");
            if text.contains("...") || text.contains('…') || sample_word {
                found.push(
                    file.error(
                        node.pos,
                        Code::GiaTriMau,
                        format!("`{text}` là giá trị mẫu, chưa được thay bằng thông tin thật."),
                    )
                    .hint("Thay bằng thông tin thật của đơn vị trước khi đăng trang."),
                );
            }
        }
    }
}

/// A host with an `example` label (`binhan.example.gov.vn`, `example.com`): reserved for
/// documentation (RFC 2606), never a real site.
pub fn is_example_host(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or("");
    host.split('.')
        .any(|label| label.eq_ignore_ascii_case("example"))
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
}
