//! A document's or guide's file split into its `---` YAML block and its Markdown body (SPEC §3).
//!
//! Problems with the whole file (empty, no or unclosed front matter) point at `path:1:1`
//! (SPEC §9). This reads no file: it takes the text `load` read through its one door.

use crate::diag::{Code, Diagnostic, Pos, SourceFile};
use crate::yaml;
use std::sync::Arc;

/// A text file split into YAML front matter and Markdown body.
#[derive(Debug)]
pub struct FrontMatter {
    pub file: Arc<SourceFile>,
    pub yaml: yaml::Node,
    /// Position of the opening `---`.
    pub open_pos: Pos,
    /// Byte offset in `file.text` where the body starts.
    pub body_start: usize,
    pub body_line: usize,
}

impl FrontMatter {
    /// The Markdown after the closing `---`.
    pub fn body(&self) -> &str {
        &self.file.text[self.body_start..]
    }
}

/// Splits `---` front matter from the body. Problems with the whole file point at 1:1.
pub fn split_front_matter(file: Arc<SourceFile>) -> Result<FrontMatter, Diagnostic> {
    let text = file.text.as_str();
    if text.trim().is_empty() {
        return Err(file
            .error(Pos::START, Code::TepRong, "Tệp rỗng.")
            .hint("Thêm phần đầu `---` ... `---` và nội dung, hoặc xóa tệp."));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(file
            .error(Pos::START, Code::FrontMatter, "Tệp không bắt đầu bằng phần đầu `---` (front matter).")
            .hint("Dòng đầu tiên phải là `---`, tiếp theo là các dòng `khóa: giá trị`, rồi một dòng `---`."));
    }
    let mut offset = first.len();
    let yaml_start = offset;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let t = line.trim_end();
        if t == "---" || t == "..." {
            let yaml_text = &text[yaml_start..offset];
            let body_start = offset + line.len();
            let node = yaml::parse(yaml_text, 1)
                .map_err(|e| file.error(e.pos, Code::Yaml, e.message).hint(e.hint))?;
            return Ok(FrontMatter {
                yaml: node,
                open_pos: Pos::START,
                body_start,
                body_line: line_no + 1,
                file,
            });
        }
        offset += line.len();
    }
    Err(file
        .error(
            Pos::START,
            Code::FrontMatter,
            "Phần đầu `---` chưa được đóng.",
        )
        .hint("Thêm một dòng chỉ có `---` sau dòng `khóa: giá trị` cuối cùng."))
}
