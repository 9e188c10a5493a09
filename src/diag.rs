//! Diagnostics: every content problem of a run, collected as data and printed once.
//!
//! A clerk fixes files one by one, so every error carries `path:line:column`, a one-line reason in
//! Vietnamese, the source line with a caret and a hint. Diagnostics are sorted before printing so
//! the same input always prints the same text. Nothing here may panic on odd input: a position
//! past the end of a line is clamped, never indexed blindly.

use std::fmt::Write as _;
use std::sync::Arc;

/// At most this many diagnostics of one kind per file, then one line saying there are more: a
/// hostile or pasted file with a million numbers or tags must cost bounded time and memory, and
/// a clerk reads the first screen anyway.
pub const MAX_PER_FILE: usize = 50;

/// A position in a source file, 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, column: 1 };

    pub fn new(line: usize, column: usize) -> Pos {
        Pos {
            line: line.max(1),
            column: column.max(1),
        }
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

    pub fn error(&self, pos: Pos, code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, self, pos, code, message)
    }

    pub fn warning(&self, pos: Pos, code: &'static str, message: impl Into<String>) -> Diagnostic {
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
    Pos { line, column }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub pos: Pos,
    /// Stable machine code (`so-hieu`, `khoa-la`, ...), for editors and tests.
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
    /// The quoted source line, captured when the diagnostic is made.
    pub source_line: Option<String>,
    /// Secondary places (e.g. the other file of a collision), printed as notes.
    pub notes: Vec<String>,
}

impl Diagnostic {
    fn new(
        severity: Severity,
        file: &SourceFile,
        pos: Pos,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let line = file.line(pos.line);
        Diagnostic {
            severity,
            path: file.path.clone(),
            pos,
            code,
            message: message.into(),
            hint: None,
            source_line: (!line.is_empty()).then(|| line.to_string()),
            notes: Vec::new(),
        }
    }

    /// A diagnostic about a path that has no readable text (binary file, missing folder...).
    pub fn at_path(
        severity: Severity,
        path: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            path: path.into(),
            pos: Pos::START,
            code,
            message: message.into(),
            hint: None,
            source_line: None,
            notes: Vec::new(),
        }
    }

    pub fn at(mut self, pos: Pos) -> Diagnostic {
        self.pos = pos;
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
            self.code,
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
            let number = self.pos.line.to_string();
            let pad = " ".repeat(number.len());
            let shown = esc(src).replace('\t', " ");
            let _ = writeln!(out, " {number} | {shown}");
            // The caret stands under the same character once the ones before it are escaped.
            let before: String = src
                .chars()
                .take(self.pos.column.saturating_sub(1))
                .collect();
            let col = esc(&before).chars().count().min(shown.chars().count());
            let _ = writeln!(out, " {pad} | {}^", " ".repeat(col));
        }
        for note in &self.notes {
            let _ = writeln!(out, "   = ghi chú: {}", esc(note));
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "   = gợi ý: {}", esc(hint));
        }
        out
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "path": self.path,
            "line": self.pos.line,
            "column": self.pos.column,
            "severity": self.severity.json(),
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "notes": self.notes,
        })
    }
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
        let d = f.error(Pos::new(2, 10), "so-hieu", "Sai").hint("Sửa");
        let r = d.render();
        assert!(r.starts_with("a.md:2:10: lỗi[so-hieu]: Sai\n"), "{r}");
        assert!(
            r.contains(" 2 | so_hieu: Số 2/KH\n   |          ^\n"),
            "{r}"
        );
        assert!(r.contains("= gợi ý: Sửa"));
    }

    #[test]
    fn control_characters_never_reach_the_terminal_raw() {
        let f = SourceFile::new(
            "a.md",
            "---\ntrich_yeu: \"a\u{1b}[2Jb\u{7}\u{202E}c\"\n---\n",
        );
        let d = f.error(Pos::new(2, 20), "ky-tu", "Có \u{1b}[31m");
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
