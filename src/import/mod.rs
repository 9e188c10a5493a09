//! `niemyet import` (SPEC §10): a signed document, as a Word file or as text copied from a PDF,
//! becomes a Markdown document of SPEC §3 under `content/SITE/van-ban/YEAR/`.
//!
//! The pipeline of one file: read (`docx`, `txt`) into styled lines and tables → recognize the
//! Decree 30/2020 layout (`layout`, with `words` and `cite`) → write the body as Markdown
//! (`body`) and the front matter (`write`). The importer decides only what the source shows:
//! whatever it cannot decide is left out so that `check` points at the missing key. It must
//! never drop a sentence of the source, never overwrite a file, and never panic or hang on a
//! hostile file: every refusal is a Vietnamese message with the way out.

pub mod body;
pub mod cite;
pub mod docx;
pub mod layout;
pub mod run;
pub mod source;
pub mod txt;
pub mod words;
pub mod write;

use std::path::Path;

/// Why a file could not be imported, and what the clerk can do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub hint: String,
}

const SAVE_AS_DOCX: &str = "Mở tệp bằng Word hoặc LibreOffice Writer, chọn Tệp → Lưu thành (Save As) → kiểu \"Word Document (.docx)\", rồi nhập tệp .docx đó.";

impl Refusal {
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Refusal {
        Refusal {
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn not_docx() -> Refusal {
        Refusal::new(
            "Tệp không phải tệp Word .docx đọc được (không mở được như tệp .docx, hoặc thiếu phần nội dung word/document.xml).",
            SAVE_AS_DOCX,
        )
    }

    pub fn too_large(size: usize, max: usize) -> Refusal {
        Refusal::new(
            format!(
                "Nội dung tệp quá lớn ({} MB; một văn bản tối đa {} MB).",
                size / (1024 * 1024),
                max / (1024 * 1024)
            ),
            "Một văn bản hành chính không lớn như vậy: kiểm tra đúng tệp chưa; phụ lục lớn (ảnh, bảng biểu) để riêng trong `tep/` và liệt kê trong `kem_theo`.",
        )
    }
}

/// What a source file is, from its name and its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Text,
}

/// The importable kind of `path`, or why it cannot be imported.
pub fn kind_of(path: &Path, head: &[u8]) -> Result<Kind, Refusal> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if head.is_empty() {
        return Err(Refusal::new(
            "Tệp rỗng (0 byte).",
            "Kiểm tra lại tệp: có thể việc sao chép hoặc tải về chưa xong. Lấy lại tệp gốc rồi nhập lại.",
        ));
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Refusal::new(
            "Đây là tệp Word 97–2003 (.doc) hoặc tệp Word có mật khẩu: niemyet chỉ đọc .docx.",
            SAVE_AS_DOCX,
        ));
    }
    if head.starts_with(b"%PDF") {
        return Err(Refusal::new(
            "Đây là tệp PDF: niemyet không đọc PDF.",
            "Cách 1: mở PDF bằng Word (Word tự chuyển PDF thành văn bản), kiểm tra lại rồi Lưu thành .docx. \
             Cách 2: chọn toàn bộ chữ trong PDF, sao chép vào Notepad và lưu thành tệp .txt (UTF-8). \
             PDF chỉ có ảnh quét thì không có chữ để chép: xin bản Word gốc từ nơi ban hành.",
        ));
    }
    if head.starts_with(b"{\\rtf") {
        return Err(Refusal::new(
            "Đây là tệp RTF: niemyet chỉ đọc .docx và .txt.",
            SAVE_AS_DOCX,
        ));
    }
    match ext.as_str() {
        "docx" | "docm" => Ok(Kind::Docx),
        // A Word file saved under a text name.
        "txt" if head.starts_with(b"PK\x03\x04") => Ok(Kind::Docx),
        "txt" | "text" => Ok(Kind::Text),
        "doc" => Err(Refusal::new(
            "Tệp .doc (Word 97–2003): niemyet chỉ đọc .docx.",
            SAVE_AS_DOCX,
        )),
        "odt" | "rtf" | "wps" | "pages" => Err(Refusal::new(
            format!("Tệp .{ext}: niemyet chỉ đọc .docx và .txt."),
            SAVE_AS_DOCX,
        )),
        _ => Err(Refusal::new(
            format!(
                "Không nhập được tệp {}: niemyet chỉ đọc văn bản Word (.docx) và chữ sao chép từ văn bản (.txt).",
                if ext.is_empty() {
                    "không có đuôi".to_string()
                } else {
                    format!(".{ext}")
                }
            ),
            format!("{SAVE_AS_DOCX} Ảnh chụp, bản quét thì cần bản Word gốc từ nơi ban hành."),
        )),
    }
}

/// True for files a folder import takes (or reports): Word, text, and the formats clerks
/// confuse with them.
pub fn is_candidate(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with("~$") || name.starts_with('.') {
        return false;
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "docx" | "docm" | "txt" | "doc" | "pdf" | "odt" | "rtf"
    )
}

/// Reads one source file into lines and tables.
pub fn read(path: &Path) -> Result<Vec<source::Block>, Refusal> {
    let unreadable = |_| {
        Refusal::new(
            "Không đọc được tệp.",
            "Kiểm tra tệp còn tồn tại, không bị chương trình khác khóa, và có quyền đọc.",
        )
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Refusal::new(
            "Đây không phải một tệp thường.",
            "Chỉ ra tệp .docx hoặc .txt, hoặc thư mục chứa chúng.",
        ));
    }
    let mut head = [0u8; 8];
    let n = {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(unreadable)?;
        f.read(&mut head).map_err(unreadable)?
    };
    match kind_of(path, &head[..n])? {
        Kind::Docx => {
            let f = std::fs::File::open(path).map_err(unreadable)?;
            docx::read(std::io::BufReader::new(f))
        }
        Kind::Text => {
            if meta.len() > txt::MAX_TEXT as u64 {
                return Err(Refusal::too_large(meta.len() as usize, txt::MAX_TEXT));
            }
            let bytes = std::fs::read(path).map_err(unreadable)?;
            txt::read(&bytes)
        }
    }
}
