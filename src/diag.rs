//! Diagnostics: every content problem of a run, collected as data and printed once.
//!
//! A clerk fixes files one by one, so every error carries `path:line:column`, a one-line reason in
//! Vietnamese, the source line with a caret and a hint. Diagnostics are sorted before printing so
//! the same input always prints the same text. Nothing here may panic on odd input: a position
//! past the end of a line is clamped, never indexed blindly.

mod codes;
pub mod sarif;

pub use codes::{Code, CodeInfo};

use std::fmt::Write as _;
use std::sync::Arc;

/// At most this many diagnostics of one kind per file, then one line saying there are more: a
/// hostile or pasted file with a million numbers or tags must cost bounded time and memory, and
/// a clerk reads the first screen anyway.
pub const MAX_PER_FILE: usize = 50;

/// A position in a source file, 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    // u32, not usize: a position sits in every located front-matter value of every document
    // (100,000 documents hold millions); files are far below 4 GiB lines, and `new` saturates.
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, column: 1 };

    pub fn new(line: usize, column: usize) -> Pos {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).max(1);
        Pos {
            line: narrow(line),
            column: narrow(column),
        }
    }

    /// The line, for indexing a file's lines.
    pub fn line(self) -> usize {
        self.line as usize
    }

    /// The column (in characters), for counting along a line.
    pub fn column(self) -> usize {
        self.column as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        }
    }

    fn json(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A file's text as the diagnostics see it: its path relative to the project root and its
/// (NFC-normalized, LF) text, so that each diagnostic can quote its line.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// Byte offset of each line's start, built on first use: a hostile file with 100 000
    /// problems must not cost a scan of the whole text per diagnostic.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        })
    }

    /// The text of line `n` (1-based), or "" past the end.
    pub fn line(&self, n: usize) -> &str {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let index = n.saturating_sub(1);
        let Some(&start) = starts.get(index) else {
            return "";
        };
        // The next line starts after this line's `\n`.
        let end = starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next.saturating_sub(1));
        self.text.get(start..end).unwrap_or("")
    }

    pub fn error(&self, pos: Pos, code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, self, pos, code, message)
    }

    pub fn warning(&self, pos: Pos, code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, self, pos, code, message)
    }

    /// Position (1-based line and column) of a byte offset in the text.
    pub fn pos_of_byte(&self, offset: usize) -> Pos {
        pos_in(&self.text, offset)
    }
}

/// Position of byte `offset` inside `text` (clamped to the text and to char boundaries).
pub fn pos_in(text: &str, offset: usize) -> Pos {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Pos::new(line, column)
}

/// Another place a diagnostic is about: the first of a duplicate, the file a link comes from.
/// Printed like a compiler's "first defined here", given to tools as `related`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub path: String,
    pub pos: Pos,
    pub message: String,
    /// The quoted source line of that place, when its text is known.
    pub source_line: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub pos: Pos,
    /// Where the problem ends, exclusive (the character after the last one), columns in
    /// characters. By default the rest of the source line from `pos`, trailing spaces left out.
    pub end: Pos,
    /// Stable machine code (`so-hieu`, `khoa-la`, ...) from the registry, for editors and tests.
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
    /// The quoted source line, captured when the diagnostic is made.
    pub source_line: Option<String>,
    /// Other places this diagnostic refers to (e.g. the first of a duplicate).
    pub related: Vec<Related>,
    /// Plain remarks that are not places.
    pub notes: Vec<String>,
}

/// The default end of a diagnostic starting at `pos` on `line`: the rest of the line without
/// trailing spaces, or `pos` itself when the line has nothing there.
fn end_of_line_from(line: &str, pos: Pos) -> Pos {
    let width = line.trim_end().chars().count();
    let column = if pos.column() <= width {
        width + 1
    } else {
        pos.column()
    };
    Pos::new(pos.line(), column)
}

impl Diagnostic {
    fn new(
        severity: Severity,
        file: &SourceFile,
        pos: Pos,
        code: Code,
        message: impl Into<String>,
    ) -> Diagnostic {
        let line = file.line(pos.line());
        Diagnostic {
            severity,
            path: file.path.clone(),
            pos,
            end: end_of_line_from(line, pos),
            code,
            message: message.into(),
            hint: None,
            source_line: (!line.is_empty()).then(|| line.to_string()),
            related: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// A diagnostic about a path that has no readable text (binary file, missing folder...).
    pub fn at_path(
        severity: Severity,
        path: impl Into<String>,
        code: Code,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            path: path.into(),
            pos: Pos::START,
            end: Pos::START,
            code,
            message: message.into(),
            hint: None,
            source_line: None,
            related: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Moves a diagnostic without text to `pos` (its span becomes empty).
    pub fn at(mut self, pos: Pos) -> Diagnostic {
        self.pos = pos;
        self.end = pos;
        self
    }

    /// Sets the span to `chars` characters from the start (on the start's line).
    pub fn span_chars(mut self, chars: usize) -> Diagnostic {
        self.end = Pos::new(self.pos.line(), self.pos.column() + chars);
        self
    }

    /// Adds another place of `file` this diagnostic is about, with its source line.
    pub fn related(
        mut self,
        file: &SourceFile,
        pos: Pos,
        message: impl Into<String>,
    ) -> Diagnostic {
        let line = file.line(pos.line());
        self.related.push(Related {
            path: file.path.clone(),
            pos,
            message: message.into(),
            source_line: (!line.is_empty()).then(|| line.to_string()),
        });
        self
    }

    /// Adds another place known only by its path (a binary file: no line to quote).
    pub fn related_path(
        mut self,
        path: impl Into<String>,
        pos: Pos,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.related.push(Related {
            path: path.into(),
            pos,
            message: message.into(),
            source_line: None,
        });
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, Pos, Severity, &str, &str) {
        (
            &self.path,
            self.pos,
            self.severity,
            self.code.as_str(),
            &self.message,
        )
    }

    /// The human form: `path:line:column: lỗi[code]: message`, the line with a caret, the hint.
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Content reaches the terminal only escaped: an ESC or BEL in a file must not drive the
        // clerk's terminal, and a U+202E must not reorder the line it is quoted on.
        let esc = crate::text::chars::escape_for_terminal;
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            esc(&self.path),
            self.pos.line,
            self.pos.column,
            self.severity.label(),
            self.code,
            esc(&self.message)
        );
        if let Some(src) = &self.source_line {
            quote_line(&mut out, src, self.pos, '^');
        }
        // Like rustc's "first defined here": the other place, then its line marked with `-`.
        for r in &self.related {
            let _ = writeln!(
                out,
                "   ::: {}:{}:{}: {}",
                esc(&r.path),
                r.pos.line,
                r.pos.column,
                esc(&r.message)
            );
            if let Some(src) = &r.source_line {
                quote_line(&mut out, src, r.pos, '-');
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "   = ghi chú: {}", esc(note));
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "   = gợi ý: {}", esc(hint));
        }
        out
    }

    /// One object of `check --format json` (documented in docs/chan-doan.md).
    pub fn to_json(&self) -> serde_json::Value {
        let related: Vec<serde_json::Value> = self
            .related
            .iter()
            .map(|r| {
                serde_json::json!({
                    "path": r.path,
                    "line": r.pos.line,
                    "column": r.pos.column,
                    "message": r.message,
                })
            })
            .collect();
        serde_json::json!({
            "path": self.path,
            "line": self.pos.line,
            "column": self.pos.column,
            "end_line": self.end.line,
            "end_column": self.end.column,
            "severity": self.severity.json(),
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "related": related,
            "notes": self.notes,
        })
    }
}

/// ` 12 | the line` and a marker under column `pos.column`: content reaches the terminal only
/// escaped (an ESC must not drive it, a U+202E must not reorder the line), tabs shown as one
/// space, and the marker stands under the same character once the ones before it are escaped.
fn quote_line(out: &mut String, src: &str, pos: Pos, marker: char) {
    let esc = crate::text::chars::escape_for_terminal;
    let number = pos.line.to_string();
    let pad = " ".repeat(number.len());
    let shown = esc(src).replace('\t', " ");
    let _ = writeln!(out, " {number} | {shown}");
    let before: String = src.chars().take(pos.column().saturating_sub(1)).collect();
    let col = esc(&before).chars().count().min(shown.chars().count());
    let _ = writeln!(out, " {pad} | {}{marker}", " ".repeat(col));
}

/// Reports a group of places that hold one value which must be unique (a number, a slug, a
/// code), in the group's stable order. SPEC §9: each place after the first gets its own
/// diagnostic, made by `make(i)`, with the first place as its related place; a large group is
/// counted, never listed in every message (3,000 copies of one number must not print every other
/// file 3,000 times).
pub fn report_duplicates(
    places: &[(&SourceFile, Pos)],
    first_message: &str,
    mut make: impl FnMut(usize) -> Diagnostic,
) -> Vec<Diagnostic> {
    let Some(&(first_file, first_pos)) = places.first() else {
        return Vec::new();
    };
    let others = places.len().saturating_sub(2);
    (1..places.len())
        .map(|i| {
            let d = make(i).related(first_file, first_pos, first_message);
            if others > 0 {
                d.note(format!("và {} nơi khác cũng trùng", group_digits(others)))
            } else {
                d
            }
        })
        .collect()
}

/// `2997` → `2.997` (Vietnamese digit grouping).
pub(crate) fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// All diagnostics of a run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted (path, position, severity, code, message) and without exact repeats.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        v.dedup_by(|a, b| a == b);
        v
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Everything, rendered for a terminal, followed by the count line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            out.push_str(&d.render());
            out.push('\n');
        }
        let (e, w) = (self.error_count(), self.warning_count());
        if e > 0 || w > 0 {
            let _ = writeln!(out, "Tổng cộng: {e} lỗi, {w} cảnh báo.");
        }
        out
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// An operating-system error in Vietnamese, without the path it happened on: messages name the
/// project's own relative paths, never the machine's, and never the OS's English text (SPEC §9).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "không tồn tại",
        K::PermissionDenied => "không có quyền truy cập",
        K::AlreadyExists => "đã có sẵn",
        K::StorageFull | K::QuotaExceeded => "ổ đĩa đã đầy",
        K::FileTooLarge => "tệp vượt quá giới hạn kích thước cho phép",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc",
        K::NotADirectory => "một phần của đường dẫn không phải thư mục",
        K::IsADirectory => "đây là thư mục, không phải tệp",
        K::DirectoryNotEmpty => "thư mục không trống",
        K::InvalidFilename => "tên tệp không hợp lệ hoặc quá dài",
        K::ResourceBusy => "tệp đang được chương trình khác dùng",
        K::AddrInUse => "cổng này đang được chương trình khác dùng",
        K::CrossesDevices => "không thể chuyển giữa hai ổ đĩa khác nhau",
        K::InvalidData => "dữ liệu không hợp lệ",
        K::Interrupted => "bị ngắt giữa chừng",
        _ => "lỗi của hệ điều hành",
    };
    match e.raw_os_error() {
        Some(code) => format!("{what} (mã lỗi {code})"),
        None => what.to_string(),
    }
}

/// Prints diagnostics to stderr, sorted; same input, same text.
pub fn print(diags: &Diagnostics) {
    use std::io::Write;
    let text = diags.render();
    if !text.is_empty() {
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_points_at_the_column_of_vietnamese_text() {
        let f = SourceFile::new("a.md", "---\nso_hieu: Số 2/KH\n---\n");
        let d = f.error(Pos::new(2, 10), Code::SoHieu, "Sai").hint("Sửa");
        let r = d.render();
        assert!(r.starts_with("a.md:2:10: lỗi[so-hieu]: Sai\n"), "{r}");
        assert!(
            r.contains(" 2 | so_hieu: Số 2/KH\n   |          ^\n"),
            "{r}"
        );
        assert!(r.contains("= gợi ý: Sửa"));
    }

    #[test]
    fn a_group_of_duplicates_is_reported_at_each_later_place_pointing_at_the_first() {
        let f = SourceFile::new("a.yaml", "- ma: X\n- ma: X\n- ma: X\n- ma: X\n");
        let places: Vec<(&SourceFile, Pos)> = (1..=4).map(|l| (&*f, Pos::new(l, 7))).collect();
        let ds = report_duplicates(&places, "lần đầu ở đây", |i| {
            f.error(places[i].1, Code::MaQrTrung, "Trùng.")
        });
        assert_eq!(ds.len(), 3);
        for (d, line) in ds.iter().zip(2..) {
            assert_eq!(d.pos.line, line);
            assert_eq!(d.related.len(), 1);
            assert_eq!(
                (d.related[0].pos, d.related[0].message.as_str()),
                (Pos::new(1, 7), "lần đầu ở đây")
            );
            assert_eq!(d.notes, vec!["và 2 nơi khác cũng trùng".to_string()]);
        }
        assert!(report_duplicates(&places[..1], "x", |_| unreachable!()).is_empty());
    }

    #[test]
    fn related_places_are_quoted_escaped_with_their_marker() {
        let a = SourceFile::new("a.md", "x\nso_hieu: \"01/QĐ\u{202E}\"\n");
        let b = SourceFile::new("b\u{1b}.md", "so_hieu: \"01/QĐ\"\n");
        let d = b
            .error(Pos::new(1, 10), Code::SoHieuTrung, "Trùng.")
            .related(&a, Pos::new(2, 10), "lần đầu\u{7}");
        let r = d.render();
        assert!(
            !r.contains('\u{1b}') && !r.contains('\u{7}') && !r.contains('\u{202E}'),
            "{r:?}"
        );
        assert!(r.contains("   ::: a.md:2:10: lần đầu\\u{7}\n"), "{r}");
        assert!(
            r.contains(" 2 | so_hieu: \"01/QĐ\\u{202e}\"\n   |          -\n"),
            "{r}"
        );
    }

    #[test]
    fn counts_are_grouped_the_vietnamese_way() {
        assert_eq!(group_digits(7), "7");
        assert_eq!(group_digits(2997), "2.997");
        assert_eq!(group_digits(1_234_567), "1.234.567");
    }

    #[test]
    fn control_characters_never_reach_the_terminal_raw() {
        let f = SourceFile::new(
            "a.md",
            "---\ntrich_yeu: \"a\u{1b}[2Jb\u{7}\u{202E}c\"\n---\n",
        );
        let d = f.error(Pos::new(2, 20), Code::KyTuDieuKhien, "Có \u{1b}[31m");
        let r = d.render();
        assert!(
            !r.contains('\u{1b}') && !r.contains('\u{7}') && !r.contains('\u{202E}'),
            "{r:?}"
        );
        assert!(r.contains("Có \\u{1b}[31m"), "{r}");
        assert!(
            r.contains(" 2 | trich_yeu: \"a\\u{1b}[2Jb\\u{7}\\u{202e}c\"\n"),
            "{r}"
        );
        // Column 20 is the U+202E: the caret stands under its escape.
        let lines: Vec<&str> = r.lines().collect();
        let escape_at = lines[1].find("\\u{202e}").unwrap();
        assert_eq!(lines[2].find('^'), Some(escape_at), "{r}");
    }

    #[test]
    fn lines_are_found_by_number() {
        let f = SourceFile::new("a.md", "một\nhai\n\nbốn");
        assert_eq!(f.line(1), "một");
        assert_eq!(f.line(2), "hai");
        assert_eq!(f.line(3), "");
        assert_eq!(f.line(4), "bốn");
        assert_eq!(f.line(5), "");
        assert_eq!(f.line(0), "một");
        let g = SourceFile::new("b.md", "x\n");
        assert_eq!((g.line(1), g.line(2), g.line(3)), ("x", "", ""));
    }

    #[test]
    fn pos_of_byte_counts_characters() {
        let text = "ab\nđây x";
        let off = text.find('x').unwrap();
        assert_eq!(pos_in(text, off), Pos::new(2, 5));
        assert_eq!(pos_in(text, 10_000), Pos::new(2, 6));
    }
}
