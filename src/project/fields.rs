//! Reading typed values out of a located YAML map, reporting every problem.
//!
//! Each reader takes one key, checks its type and records a located diagnostic instead of
//! failing, so a file with five mistakes shows five errors. `finish` reports unknown keys with a
//! "did you mean" hint and required keys that are missing (at the position given for the map,
//! the opening `---` of front matter).

use super::keys::Table;
use crate::diag::{Code, Diagnostic, Pos, SourceFile};
use crate::yaml::{Node, Value};
use std::collections::BTreeSet;

/// Word's typographic quotes, which Word puts in place of `"` and `'` as one types.
const WORD_QUOTES: [char; 4] = ['“', '”', '‘', '’'];

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
    /// The keys this map may hold (SPEC tables, shared with `niemyet schema`).
    known: &'static Table,
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
        known: &'static Table,
        anchor: Pos,
    ) -> Fields<'a> {
        let what = known.what;
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
                            file.error(k.pos, Code::KhoaSai, "Tên khóa phải là chữ.")
                                .hint("Viết `tên_khóa: giá trị`."),
                        );
                        continue;
                    };
                    if let Some(p) = first.get(key) {
                        diags.push(
                            file.error(k.pos, Code::KhoaLap, format!("Khóa `{key}` bị lặp lại."))
                                .span_chars(key.chars().count())
                                .related(file, *p, "khóa này có lần đầu ở đây")
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
                    Code::KieuSai,
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
        debug_assert!(
            self.known.get(key).is_some(),
            "{key} must be listed in the key table"
        );
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
                    Code::KieuSai,
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
                    Code::ThieuKhoa,
                    format!("Thiếu khóa bắt buộc `{key}` của {}.", self.what),
                )
                .hint(hint.to_string()),
        );
    }

    pub fn string(&mut self, key: &'static str) -> Option<Located<String>> {
        let node = self.node(key)?;
        match &node.value {
            Value::Scalar { .. } => Some(self.scalar(key, node)),
            _ => {
                self.type_error(key, node, "một giá trị đơn");
                None
            }
        }
    }

    pub fn required_string(&mut self, key: &'static str, hint: &str) -> Option<Located<String>> {
        // The schema says what the loader enforces: a key read as required is required there.
        debug_assert!(
            self.known.get(key).is_some_and(|k| k.required),
            "{key} is read as required: mark it required in project/keys.rs"
        );
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
                            Code::KieuSai,
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
                            Code::KieuSai,
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
            Value::Scalar { .. } => vec![self.scalar(key, node)],
            Value::Seq(items) => {
                let mut out = Vec::new();
                for item in items {
                    match &item.value {
                        Value::Scalar { .. } if !item.is_null() => out.push(self.scalar(key, item)),
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

    /// The trimmed text of a scalar `node` of `key`, after the Word habits (SPEC §9): typographic
    /// quotes in a code are an error and are dropped from the value (so the code's own rules do
    /// not report the same mistake again); prose wrapped whole in them is a warning and kept.
    fn scalar(&mut self, key: &str, node: &Node) -> Located<String> {
        let is_code = self.known.get(key).is_some_and(|k| k.is_code());
        self.scalar_as(key, node, is_code)
    }

    /// A scalar that is a number whatever its key's shape says: a reference written as its number
    /// alone (`can_cu: ["06/QĐ-TTg"]`).
    pub fn number_scalar(&mut self, key: &str, node: &Node) -> Located<String> {
        self.scalar_as(key, node, true)
    }

    fn scalar_as(&mut self, key: &str, node: &Node, is_code: bool) -> Located<String> {
        let (text, plain) = match &node.value {
            Value::Scalar { text, plain } => (text.trim(), *plain),
            _ => ("", true),
        };
        let found = text.char_indices().find(|(_, c)| WORD_QUOTES.contains(c));
        let Some((byte, quote)) = found else {
            return Located::new(text.to_string(), node.pos);
        };
        // Inside `"..."` the text starts one column after the node.
        let column = node.pos.column() + usize::from(!plain) + text[..byte].chars().count();
        let at = Pos::new(node.pos.line(), column);
        if is_code {
            let cleaned: String = text.chars().filter(|c| !WORD_QUOTES.contains(c)).collect();
            self.diags.push(
                self.file
                    .error(at, Code::NgoacWord, format!("`{key}` có dấu ngoặc kép kiểu Word `{quote}`: máy không đọc được `{text}` là mã hay số."))
                    .hint(format!("Xóa các dấu “ ” ‘ ’ (chúng dính vào khi chép từ Word); nếu cần ngoặc kép, gõ dấu `\"` trên bàn phím: `{key}: \"{cleaned}\"`.")),
            );
            return Located::new(cleaned.trim().to_string(), node.pos);
        }
        let wrapped = matches!(
            (text.chars().next(), text.chars().last()),
            (Some('“'), Some('”')) | (Some('‘'), Some('’'))
        ) && text.chars().count() > 1;
        if wrapped {
            let inner: String = text
                .chars()
                .skip(1)
                .take(text.chars().count() - 2)
                .collect();
            self.diags.push(
                self.file
                    .warning(at, Code::NgoacWord, format!("`{key}` nằm trọn trong dấu ngoặc kép kiểu Word `{quote}…`: trang sẽ hiện cả hai dấu này."))
                    .hint(format!("Nếu bản giấy không có hai dấu này, xóa chúng: `{key}: \"{inner}\"`. Giá trị được giữ nguyên như đang viết.")),
            );
        }
        Located::new(text.to_string(), node.pos)
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
            if self.known.get(key).is_some() {
                continue;
            }
            unknown += 1;
            // A pasted or generated map may hold thousands of stray keys: name the first ones.
            if unknown > crate::diag::MAX_PER_FILE {
                self.diags.push(
                    self.file
                        .error(
                            k.pos,
                            Code::KhoaLa,
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
            let mut d = self
                .file
                .error(
                    k.pos,
                    Code::KhoaLa,
                    format!("Khóa `{key}` không có trong mẫu {}.", self.what),
                )
                .span_chars(key.chars().count());
            d = match crate::text::suggest::did_you_mean(key, self.known.names()) {
                Some(s) => d.hint(s),
                None => d.hint(format!(
                    "Các khóa được dùng: {}.",
                    self.known
                        .names()
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
