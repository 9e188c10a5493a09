//! Reading typed values out of a located YAML map, reporting every problem.
//!
//! Each reader takes one key, checks its type and records a located diagnostic instead of
//! failing, so a file with five mistakes shows five errors. `finish` reports unknown keys with a
//! "did you mean" hint and required keys that are missing (at the position given for the map,
//! the opening `---` of front matter).

use crate::diag::{Diagnostic, Pos, SourceFile};
use crate::yaml::{Node, Value};
use std::collections::BTreeSet;

/// A value with the position it was written at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Located<T> {
    pub fn new(value: T, pos: Pos) -> Located<T> {
        Located { value, pos }
    }
}

pub struct Fields<'a> {
    pub file: &'a SourceFile,
    entries: Vec<(&'a str, &'a Node, &'a Node)>,
    known: &'static [&'static str],
    /// Where "missing key" errors point.
    anchor: Pos,
    seen: BTreeSet<&'a str>,
    pub diags: Vec<Diagnostic>,
    /// What the map describes, for messages: "văn bản", "đơn vị", ...
    what: &'static str,
}

impl<'a> Fields<'a> {
    /// `node` must be a map (anything else is reported and yields no entries).
    pub fn new(
        file: &'a SourceFile,
        node: &'a Node,
        known: &'static [&'static str],
        anchor: Pos,
        what: &'static str,
    ) -> Fields<'a> {
        let mut diags = Vec::new();
        let mut entries = Vec::new();
        match &node.value {
            Value::Map(m) => {
                // A map, not a list: a hostile file may hold 100 000 keys.
                let mut first: std::collections::HashMap<&str, Pos> =
                    std::collections::HashMap::new();
                for (k, v) in m {
                    let Some(key) = k.as_str() else {
                        diags.push(
                            file.error(k.pos, "khoa-sai", "Tên khóa phải là chữ.")
                                .hint("Viết `tên_khóa: giá trị`."),
                        );
                        continue;
                    };
                    if let Some(p) = first.get(key) {
                        diags.push(
                            file.error(k.pos, "khoa-lap", format!("Khóa `{key}` bị lặp lại."))
                                .note(format!("khóa này đã có ở dòng {}", p.line))
                                .hint("Giữ một khóa và xóa khóa còn lại."),
                        );
                        continue;
                    }
                    first.insert(key, k.pos);
                    entries.push((key, k, v));
                }
            }
            _ if node.is_null() => {}
            _ => diags.push(
                file.error(
                    node.pos,
                    "kieu-sai",
                    format!("Dữ liệu {what} phải là các dòng `khóa: giá trị`."),
                )
                .hint("Xem mẫu bằng lệnh `niemyet new`."),
            ),
        }
        Fields {
            file,
            entries,
            known,
            anchor,
            seen: BTreeSet::new(),
            diags,
            what,
        }
    }

    pub fn is_present(&self, key: &str) -> bool {
        self.entries
            .iter()
            .any(|(k, _, v)| *k == key && !v.is_null())
    }

    /// The raw node of a key (null counts as absent).
    pub fn node(&mut self, key: &'static str) -> Option<&'a Node> {
        debug_assert!(self.known.contains(&key), "{key} must be listed as known");
        self.seen.insert(key);
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
            .filter(|v| !v.is_null())
    }

    pub fn key_pos(&self, key: &str) -> Option<Pos> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, k, _)| k.pos)
    }

    pub fn type_error(&mut self, key: &str, node: &Node, expected: &str) {
        self.diags.push(
            self.file
                .error(
                    node.pos,
                    "kieu-sai",
                    format!(
                        "`{key}` phải là {expected}, nhưng đang là {}.",
                        node.kind_name()
                    ),
                )
                .hint(match expected {
                    "một danh sách" => {
                        format!("Viết mỗi mục trên một dòng: `{key}:` rồi `  - ...`.")
                    }
                    _ => format!("Viết `{key}: ...` theo đúng mẫu."),
                }),
        );
    }

    pub fn missing(&mut self, key: &str, hint: &str) {
        self.diags.push(
            self.file
                .error(
                    self.anchor,
                    "thieu-khoa",
                    format!("Thiếu khóa bắt buộc `{key}` của {}.", self.what),
                )
                .hint(hint.to_string()),
        );
    }

    pub fn string(&mut self, key: &'static str) -> Option<Located<String>> {
        let node = self.node(key)?;
        match &node.value {
            Value::Scalar { text, .. } => Some(Located::new(text.trim().to_string(), node.pos)),
            _ => {
                self.type_error(key, node, "một giá trị đơn");
                None
            }
        }
    }

    pub fn required_string(&mut self, key: &'static str, hint: &str) -> Option<Located<String>> {
        let v = self.string(key);
        match &v {
            Some(s) if s.value.is_empty() => {
                self.missing(key, hint);
                None
            }
            None if !self
                .entries
                .iter()
                .any(|(k, _, v)| *k == key && !v.is_null()) =>
            {
                self.missing(key, hint);
                None
            }
            _ => v,
        }
    }

    /// `true` or `false`, nothing else (`yes`, `on`, `'true'` are refused: SPEC §9 drafts).
    pub fn boolean(&mut self, key: &'static str) -> Option<Located<bool>> {
        let node = self.node(key)?;
        match &node.value {
            Value::Scalar { text, plain: true } if text == "true" => {
                Some(Located::new(true, node.pos))
            }
            Value::Scalar { text, plain: true } if text == "false" => {
                Some(Located::new(false, node.pos))
            }
            _ => {
                let shown = node.as_str().unwrap_or("");
                self.diags.push(
                    self.file
                        .error(
                            node.pos,
                            "kieu-sai",
                            format!("`{key}` chỉ nhận `true` hoặc `false`, không nhận `{shown}`."),
                        )
                        .hint(format!(
                            "Viết `{key}: true` hoặc `{key}: false`, không có ngoặc kép."
                        )),
                );
                None
            }
        }
    }

    pub fn integer(&mut self, key: &'static str) -> Option<Located<u32>> {
        let node = self.node(key)?;
        match node.as_str().map(str::trim).map(str::parse::<u32>) {
            Some(Ok(n)) => Some(Located::new(n, node.pos)),
            _ => {
                self.diags.push(
                    self.file
                        .error(
                            node.pos,
                            "kieu-sai",
                            format!("`{key}` phải là một số nguyên dương."),
                        )
                        .hint(format!("Ví dụ: `{key}: 4`.")),
                );
                None
            }
        }
    }

    /// A list of strings; a single string is accepted as a list of one.
    pub fn string_list(&mut self, key: &'static str) -> Vec<Located<String>> {
        let Some(node) = self.node(key) else {
            return Vec::new();
        };
        self.strings_of(key, node)
    }

    pub fn strings_of(&mut self, key: &str, node: &Node) -> Vec<Located<String>> {
        match &node.value {
            Value::Scalar { text, .. } => vec![Located::new(text.trim().to_string(), node.pos)],
            Value::Seq(items) => {
                let mut out = Vec::new();
                for item in items {
                    match &item.value {
                        Value::Scalar { text, .. } if !item.is_null() => {
                            out.push(Located::new(text.trim().to_string(), item.pos))
                        }
                        _ => self.type_error(key, item, "một dòng chữ"),
                    }
                }
                out
            }
            Value::Map(_) => {
                self.type_error(key, node, "một danh sách");
                Vec::new()
            }
        }
    }

    /// Items of a list whose elements are maps or scalars (callers decide per item).
    pub fn list(&mut self, key: &'static str) -> Vec<&'a Node> {
        let Some(node) = self.node(key) else {
            return Vec::new();
        };
        match &node.value {
            Value::Seq(items) => items.iter().collect(),
            _ => {
                self.type_error(key, node, "một danh sách");
                Vec::new()
            }
        }
    }

    /// Reports keys that are not known, with a "did you mean" hint. Returns the diagnostics.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        let mut unknown = 0usize;
        for (key, k, _) in &self.entries {
            if self.known.contains(key) {
                continue;
            }
            unknown += 1;
            // A pasted or generated map may hold thousands of stray keys: name the first ones.
            if unknown > crate::diag::MAX_PER_FILE {
                self.diags.push(
                    self.file
                        .error(
                            k.pos,
                            "khoa-la",
                            format!(
                                "Còn nhiều khóa lạ nữa trong {}; chỉ hiện {} khóa đầu.",
                                self.what,
                                crate::diag::MAX_PER_FILE
                            ),
                        )
                        .hint("Tệp này có vẻ không phải phần đầu của một văn bản: kiểm tra lại nội dung."),
                );
                break;
            }
            let mut d = self.file.error(
                k.pos,
                "khoa-la",
                format!("Khóa `{key}` không có trong mẫu {}.", self.what),
            );
            d = match suggest(key, self.known) {
                Some(s) => d.hint(format!("Có phải ý bạn là `{s}`?")),
                None => d.hint(format!(
                    "Các khóa được dùng: {}.",
                    self.known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            self.diags.push(d);
        }
        self.diags
    }
}

/// The known key closest to `key`, when close enough to be a typo (also for keys typed with
/// diacritics: `trích_yếu` → `trich_yeu`).
pub fn suggest(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let folded = deunicode::deunicode(key)
        .to_lowercase()
        .replace([' ', '-'], "_");
    if let Some(k) = known.iter().find(|k| **k == folded) {
        return Some(k);
    }
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&folded, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys() {
        let known = &["trich_yeu", "so_hieu", "loai"];
        assert_eq!(suggest("trich_yue", known), Some("trich_yeu"));
        assert_eq!(suggest("trích_yếu", known), Some("trich_yeu"));
        assert_eq!(suggest("so-hieu", known), Some("so_hieu"));
        assert_eq!(suggest("hoan_toan_khac", known), None);
    }
}
