//! Reading text copied out of a signed PDF or Word file (`.txt`, UTF-8).
//!
//! Such a copy has one line per printed line or per paragraph, tabs and runs of spaces where
//! the columns of the header were, and leftovers of the copying tool (`[bookmark: dieu_8]`, page
//! numbers alone on a line). This module turns it into lines; it never joins lines itself
//! (recognizing the layout decides that) and never decodes a file that is not UTF-8: those get
//! the same encoding diagnosis as content files.

use super::Refusal;
use super::source::{Block, Line, Origin};

/// Copied text larger than this is not one document.
pub const MAX_TEXT: usize = 4 * 1024 * 1024;

pub fn read(bytes: &[u8]) -> Result<Vec<Block>, Refusal> {
    if bytes.len() > MAX_TEXT {
        return Err(Refusal::too_large(bytes.len(), MAX_TEXT));
    }
    let text = crate::text::encoding::decode_utf8(bytes).map_err(|p| Refusal {
        message: format!("{} (dòng {}, cột {})", p.message, p.line, p.column),
        hint: p.hint,
    })?;
    Ok(lines(&crate::project::load::normalize_text(text)))
}

/// Lines of copied text, artefacts of the copying removed, empty lines kept as gaps.
pub fn lines(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut gap = false;
    for raw in text.split('\n') {
        let cleaned = strip_bookmarks(raw);
        // The two columns of a header or a closing block copied side by side: one line each,
        // as if copied one column after the other.
        let pieces = super::words::columns(&cleaned).unwrap_or_else(|| vec![cleaned]);
        let split = pieces.len() > 1;
        for piece in pieces {
            let mut line = Line::plain(&piece, Origin::Text);
            if line.is_empty() || is_page_number(&line.text) {
                gap = true;
                continue;
            }
            line.gap_before = gap || split;
            line.joinable = !split;
            gap = false;
            out.push(Block::Line(line));
        }
    }
    out
}

/// `[bookmark: dieu_8]`, as some converters write Word bookmarks into the text.
fn strip_bookmarks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("[bookmark:") {
        out.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A page number alone on its line: `2`, `- 2 -`, `Trang 2`.
fn is_page_number(s: &str) -> bool {
    let t = s
        .trim_start_matches("Trang ")
        .trim_matches(|c| c == '-' || c == ' ');
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<(String, bool)> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some((l.text.clone(), l.gap_before)),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn copy_artefacts_go_and_gaps_are_kept() {
        let b = lines("\tSố: 01/QĐ-TCT\n\n- 2 -\n[bookmark: dieu_8]Điều 7. Thư ký\r\n");
        assert_eq!(
            texts(&b),
            vec![
                ("Số: 01/QĐ-TCT".to_string(), false),
                ("Điều 7. Thư ký".to_string(), true)
            ]
        );
    }

    #[test]
    fn refuses_legacy_encodings_and_huge_files() {
        assert!(read(&[0x53, 0xe8, 0x20, 0x31]).is_err());
        assert!(read(&vec![b'a'; MAX_TEXT + 1]).is_err());
        assert!(read("Số: 01/QĐ-UBND".as_bytes()).is_ok());
    }
}
