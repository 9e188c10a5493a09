//! Walking `content/` and reading every file into the `Project` (pipeline step 1).
//!
//! Every text file goes through one door, `read_text`: size bound, UTF-8 only (legacy Vietnamese
//! encodings are refused with a conversion hint), CRLF → LF, Unicode NFC. Symlinks that leave the
//! project root and loops are errors; editor and OS junk is skipped. Documents are parsed in
//! parallel; the result is sorted so that the order of the file system never shows in output.

use super::Located;
use super::fields::Fields;
use super::front_matter::split_front_matter;
use super::site::{CsvLists, Site};
use super::{Guide, Project, document, guide, ledger, site, table};
use crate::diag::{Code, Diagnostic, Diagnostics, Pos, Severity, SourceFile};
use crate::yaml;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

/// No real `_site.yaml`, ledger or CSV comes near this; bounds memory on hostile input.
pub const MAX_TEXT_FILE: u64 = 8 * 1024 * 1024;

/// The bound for Markdown, lower: the Markdown parser holds a node per block and inline element,
/// up to about 100 bytes per byte of hostile input (8 million nested `>`), so 2 MiB keeps any
/// body under about 200 MB of memory. The longest real Quy chế is around 100 KB of Markdown; a
/// body bigger than 2 MiB is a pasted list, which belongs in `tep/` (or is personal data).
pub const MAX_MARKDOWN_FILE: u64 = 2 * 1024 * 1024;

/// Path relative to the project root with `/` separators, for messages and output.
pub fn rel(root: &Path, path: &Path) -> String {
    let r = path.strip_prefix(root).unwrap_or(path);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a text file through the one door every text passes (see module doc).
pub fn read_text(root: &Path, path: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    read_through_the_door(root, path, None)
}

/// A document's file read again ([`read_text`]'s door), refused with `doc-tep` unless its text
/// is the one that was checked, whose [`text_hash`] is `checked`: what is published is what was
/// checked. A decoded text that already hashes so was normalized and scanned then, and is taken
/// as it is (a build reads every document twice: the second time costs the reading only).
pub fn read_again(root: &Path, path: &Path, checked: u64) -> Result<Arc<SourceFile>, Diagnostic> {
    read_through_the_door(root, path, Some(checked))
}

fn read_through_the_door(
    root: &Path,
    path: &Path,
    checked: Option<u64>,
) -> Result<Arc<SourceFile>, Diagnostic> {
    let rel_path = rel(root, path);
    let fail = |code, msg: String, hint: &str| {
        Diagnostic::at_path(Severity::Error, rel_path.clone(), code, msg).hint(hint.to_string())
    };
    let (file, meta) = match open_text(root, path) {
        Ok(opened) => opened,
        Err(NotOpened::LinkOut) => return Err(symlink_out(rel_path.clone())),
        Err(NotOpened::Io(e)) => {
            return Err(fail(
                Code::DocTep,
                format!("Không đọc được tệp: {}.", crate::diag::io_reason(&e)),
                "Kiểm tra tệp còn tồn tại và có quyền đọc.",
            ));
        }
        // A FIFO or a device would block or never end when read.
        Err(NotOpened::NotAFile) => {
            return Err(fail(
                Code::DocTep,
                "Đây không phải một tệp thường (có thể là thiết bị hoặc ống dẫn).".into(),
                "Thay nó bằng một tệp văn bản thật.",
            ));
        }
    };
    let max = if has_ext(path, "md") {
        MAX_MARKDOWN_FILE
    } else {
        MAX_TEXT_FILE
    };
    if meta.len() > max {
        return Err(fail(
            Code::TepLon,
            format!(
                "Tệp quá lớn ({} MB; tối đa {} MB).",
                format!("{:.1}", meta.len() as f64 / (1024.0 * 1024.0)).replace('.', ","),
                max / (1024 * 1024)
            ),
            "Một văn bản không cần lớn như vậy: tách thành nhiều văn bản, hoặc đưa phụ lục vào `tep/` và liệt kê trong `kem_theo`.",
        ));
    }
    let bytes = read_sized(file, meta.len()).map_err(|e| {
        fail(
            Code::DocTep,
            format!("Không đọc được tệp: {}.", crate::diag::io_reason(&e)),
            "Kiểm tra tệp có quyền đọc.",
        )
    })?;
    let decoded = if has_ext(path, "csv") {
        crate::text::encoding::decode_csv_vec(bytes)
    } else {
        crate::text::encoding::decode_utf8_vec(bytes)
    };
    let text = decoded.map_err(|p| {
        Diagnostic::at_path(
            Severity::Error,
            rel_path.clone(),
            Code::MaHoa,
            p.message.clone(),
        )
        .at(Pos::new(p.line, p.column))
        .hint(p.hint.clone())
    })?;
    if checked.is_some_and(|hash| text_hash(&text) == hash) {
        return Ok(SourceFile::new(rel_path, text));
    }
    let file = SourceFile::new(rel_path.clone(), normalize_text(text));
    if let Some(d) = control_character(&file) {
        return Err(d);
    }
    if checked.is_some_and(|hash| text_hash(&file.text) != hash) {
        return Err(fail(
            Code::DocTep,
            "Tệp đã thay đổi trong lúc đang dựng trang web, sau khi đã được kiểm tra.".into(),
            "Lưu xong văn bản rồi chạy lại lệnh. Trang web cũ vẫn giữ nguyên.",
        ));
    }
    Ok(file)
}

/// A file's bytes, `len` (its size when it was looked at) giving the buffer's size: no second
/// look at the file's size. A file that grew since is read whole.
fn read_sized(file: std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    // Through `take`: `File::read_to_end` would ask the file's size again (one more `statx`).
    file.take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Why a text file was not opened.
enum NotOpened {
    Io(std::io::Error),
    /// A link that leads out of the project.
    LinkOut,
    /// A folder, a FIFO, a device.
    NotAFile,
}

/// `path` opened for reading with what it is, when it is a regular file; a link is followed only
/// when it stays inside `root`. Every document is opened twice in a build: the file is opened
/// first and asked what it is (`O_NOFOLLOW`: a link fails to open; `O_NONBLOCK`: opening a FIFO
/// never waits), where a separate `lstat` walked its path once more.
#[cfg(unix)]
fn open_text(root: &Path, path: &Path) -> Result<(std::fs::File, std::fs::Metadata), NotOpened> {
    use std::os::unix::fs::OpenOptionsExt;
    let open = |flags| {
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(flags)
            .open(path)
    };
    // Never the controlling terminal, whatever device a path turns out to be.
    let flags = libc::O_NONBLOCK | libc::O_NOCTTY;
    let file = match open(flags | libc::O_NOFOLLOW) {
        // The error a link gives differs between systems (`ELOOP` on Linux, `EMLINK` on
        // FreeBSD): a failed open asks whether the path is a link.
        Err(_) if is_link(path) => {
            if !stays_inside(root, path) {
                return Err(NotOpened::LinkOut);
            }
            open(flags)
        }
        opened => opened,
    };
    let file = file.map_err(NotOpened::Io)?;
    let meta = file.metadata().map_err(NotOpened::Io)?;
    if !meta.is_file() {
        return Err(NotOpened::NotAFile);
    }
    Ok((file, meta))
}

#[cfg(unix)]
fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Elsewhere the path is looked at first, and only a regular file is opened.
#[cfg(not(unix))]
fn open_text(root: &Path, path: &Path) -> Result<(std::fs::File, std::fs::Metadata), NotOpened> {
    let meta = match std::fs::symlink_metadata(path).map_err(NotOpened::Io)? {
        link if link.file_type().is_symlink() => {
            if !stays_inside(root, path) {
                return Err(NotOpened::LinkOut);
            }
            std::fs::metadata(path).map_err(NotOpened::Io)?
        }
        meta => meta,
    };
    if !meta.is_file() {
        return Err(NotOpened::NotAFile);
    }
    let file = std::fs::File::open(path).map_err(NotOpened::Io)?;
    Ok((file, meta))
}

/// What a released document remembers of its checked text (not a defence against a forger:
/// against a file edited while a build runs).
pub fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

/// The first control character of a text (ESC, BEL, DEL...; tab, line feed and form feed are
/// text): it would act on the terminal of whoever reads the file, and reach pages and titles raw.
fn control_character(file: &SourceFile) -> Option<Diagnostic> {
    use crate::text::chars::{describe, is_unwanted_control};
    // On bytes: C0 controls and DEL are single bytes, C1 controls (U+0080–U+009F) are 0xC2
    // followed by 0x80–0x9F; every file is read, so this scan must cost little.
    let bytes = file.text.as_bytes();
    let control = |b: u8, next: Option<u8>| {
        (b < 0x20 && b != b'\t' && b != b'\n' && b != 0x0C)
            || b == 0x7F
            || (b == 0xC2 && next.is_some_and(|n| (0x80..=0x9F).contains(&n)))
    };
    // A block test first (almost every file has none), then the exact place.
    if !any_in_blocks(bytes, 1, |w, j| control(w[j], Some(w[j + 1])))
        && !bytes.last().is_some_and(|&b| control(b, None))
    {
        return None;
    }
    let at = (0..bytes.len()).position(|i| control(bytes[i], bytes.get(i + 1).copied()))?;
    let ch = file.text[at..].chars().next()?;
    debug_assert!(is_unwanted_control(ch));
    let what = describe(ch).map_or_else(|| crate::text::chars::code_point(ch), |i| i.what);
    Some(
        file.error(file.pos_of_byte(at), Code::KyTuDieuKhien, format!("Tệp có {what}: ký tự này không phải chữ và không được đăng."))
            .hint("Xóa ký tự này (thường dính vào khi chép từ cửa sổ dòng lệnh, PDF hoặc Word), rồi lưu lại tệp."),
    )
}

/// True when `path` (a symlink, or below one) leads to a place inside the project root.
fn stays_inside(root: &Path, path: &Path) -> bool {
    let canon_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.canonicalize()
        .is_ok_and(|target| target.starts_with(&canon_root))
}

fn symlink_out(rel_path: String) -> Diagnostic {
    Diagnostic::at_path(
        Severity::Error,
        rel_path,
        Code::Symlink,
        "Liên kết tượng trưng (symlink) trỏ ra ngoài thư mục dự án hoặc tới nơi không tồn tại.",
    )
    .hint("Chép tệp thật vào trong dự án thay cho liên kết.")
}

/// CRLF and lone CR → LF, then Unicode NFC (SPEC: all text is NFC from the moment it is read).
/// Text that is already LF and NFC (almost every file) is returned as it came, not copied.
pub fn normalize_text(text: String) -> String {
    let lf = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if surely_nfc(&lf)
        || unicode_normalization::is_nfc_quick(lf.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        lf
    } else {
        lf.nfc().collect()
    }
}

/// True for text made only of characters that are NFC whatever surrounds them: everything below
/// U+0300 (ASCII, Latin-1, the Latin letters of Vietnamese such as ă, đ, ơ, ư), the precomposed
/// Vietnamese letters U+1EA0–U+1EF9 and common punctuation (dashes, quotes, ellipsis). Almost every
/// document is; the full check looks up every character and costs more than reading the file.
/// Read on the UTF-8 bytes, without decoding characters, in blocks the compiler can vectorize.
fn surely_nfc(s: &str) -> bool {
    let bytes = s.as_bytes();
    !any_in_blocks(bytes, 2, |w, j| not_surely_nfc_at(w[j], w[j + 1], w[j + 2]))
        && !bytes.iter().rev().take(2).any(|&b| b >= 0xCC)
}

/// Whether the character starting at byte `b` (then `b1`, `b2`) may change under NFC. A lead byte
/// below 0xCC starts a character below U+0300 (continuation bytes are below it too, so a window
/// starting inside a character passes); U+1EA0–U+1EF9 are `E1 BA A0`–`E1 BB B9` and
/// U+2010–U+2027 are `E2 80 90`–`E2 80 A7`. (In the last two bytes of a text only a two-byte
/// character can start: `surely_nfc` checks those alone.)
fn not_surely_nfc_at(b: u8, b1: u8, b2: u8) -> bool {
    let vietnamese = b == 0xE1 && ((b1 == 0xBA && b2 >= 0xA0) || (b1 == 0xBB && b2 <= 0xB9));
    let punctuation = b == 0xE2 && b1 == 0x80 && (0x90..=0xA7).contains(&b2);
    b >= 0xCC && !vietnamese && !punctuation
}

/// Bytes scanned per block by [`any_in_blocks`].
const BLOCK: usize = 64;

/// Whether `at(window, j)` holds for some position of `bytes` that has `ahead` bytes after it:
/// `window` is `bytes` from a block's start, with `j` + `ahead` inside it. Blocks of a fixed
/// size with no early exit inside one, so that the compiler vectorizes the test; every file is
/// read through such scans, twice per build, and a byte at a time they cost more than the read.
fn any_in_blocks(bytes: &[u8], ahead: usize, at: impl Fn(&[u8], usize) -> bool) -> bool {
    let Some(positions) = bytes.len().checked_sub(ahead) else {
        return false;
    };
    let mut start = 0;
    while start + BLOCK <= positions {
        let window = &bytes[start..start + BLOCK + ahead];
        if (0..BLOCK).fold(false, |found, j| found | at(window, j)) {
            return true;
        }
        start += BLOCK;
    }
    let window = &bytes[start..];
    (0..positions - start).any(|j| at(window, j))
}

/// Direction and invisible characters in any YAML value or key (SPEC §9): errors at their place.
/// A title with U+202E would be published reversed, a name with U+200B would not match itself.
/// At most `MAX_PER_FILE` of them per file, then one line saying there are more.
pub fn hidden_in_values(file: &SourceFile, node: &yaml::Node, out: &mut Vec<Diagnostic>) {
    use crate::diag::MAX_PER_FILE;
    let mut found = Vec::new();
    hidden_in_node(file, node, &mut found, MAX_PER_FILE + 1);
    if found.len() > MAX_PER_FILE {
        found.truncate(MAX_PER_FILE);
        let pos = found.last().map_or(Pos::START, |d| d.pos);
        found.push(
            file.error(pos, Code::KyTuAn, format!("Tệp còn nhiều ký tự ẩn nữa; chỉ hiện {MAX_PER_FILE} chỗ đầu."))
                .hint("Tệp này có lẽ được chép từ trang web hoặc PDF: gõ lại các giá trị, hoặc dán dưới dạng chữ thuần (không định dạng)."),
        );
    }
    out.extend(found);
}

fn hidden_in_node(file: &SourceFile, node: &yaml::Node, out: &mut Vec<Diagnostic>, limit: usize) {
    if out.len() >= limit {
        return;
    }
    match &node.value {
        yaml::Value::Scalar { text, .. } => {
            for found in crate::text::chars::find_hidden(text).into_iter().take(3) {
                out.push(
                    file.error(literal_pos(file, node.pos, found.ch), Code::KyTuAn, format!("Giá trị này có {}.", found.what))
                        .hint("Ký tự này không nhìn thấy được nhưng đảo chiều hoặc che chữ khi hiển thị: xóa nó (thường dính vào khi chép từ trang web, PDF hoặc Word), gõ lại bằng bàn phím."),
                );
            }
        }
        yaml::Value::Seq(items) => items
            .iter()
            .for_each(|n| hidden_in_node(file, n, out, limit)),
        yaml::Value::Map(pairs) => pairs.iter().for_each(|(k, v)| {
            hidden_in_node(file, k, out, limit);
            hidden_in_node(file, v, out, limit);
        }),
    }
}

/// Where `ch` is written in the file, at or after the start of the value at `start` (a quoted or
/// block value starts before its text); the value's start when the character came from an escape
/// such as `"\u202E"`.
fn literal_pos(file: &SourceFile, start: Pos, ch: char) -> Pos {
    let line = file.line(start.line());
    let line_offset = (line.as_ptr() as usize).saturating_sub(file.text.as_ptr() as usize);
    let from = line_offset
        + line
            .char_indices()
            .nth(start.column().saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
    match file.text.get(from..).and_then(|rest| rest.find(ch)) {
        Some(i) => file.pos_of_byte(from + i),
        None => start,
    }
}

/// Editor and OS junk that is never content (SPEC §9 "Files").
pub fn is_junk(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.ends_with('~')
        || lower.ends_with(".swp")
        || lower.ends_with(".swo")
        || lower.ends_with(".bak")
        || lower.ends_with(".tmp")
        || name.starts_with("~$")
        || lower == "thumbs.db"
        || lower == "desktop.ini"
}

/// Walks `dir` (following symlinks that stay inside `root`), returning files, sorted.
fn walk(root: &Path, canon_root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    // The folder itself may be a symlink (`content/_chung`, a site folder, a theme).
    if dir.exists()
        && !dir
            .canonicalize()
            .is_ok_and(|target| target.starts_with(canon_root))
    {
        diags.push(symlink_out(rel(root, dir)));
        return files;
    }
    let mut escapes = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            if e.depth() > 0 && is_junk(&name) {
                return false;
            }
            if e.path_is_symlink() {
                match e.path().canonicalize() {
                    Ok(t) if t.starts_with(canon_root) => true,
                    _ => {
                        escapes.push(e.path().to_path_buf());
                        false
                    }
                }
            } else {
                true
            }
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => match bad_name(root, dir, e.path()) {
                None => files.push(e.into_path()),
                Some(d) => diags.push(d),
            },
            Ok(_) => {}
            Err(e) => {
                // Editor leftovers are ignored even when they are dangling links (Emacs's
                // `.#name.md` always is): following one fails before `filter_entry` sees it.
                if e.depth() > 0
                    && e.path()
                        .and_then(Path::file_name)
                        .is_some_and(|n| is_junk(&n.to_string_lossy()))
                {
                    continue;
                }
                let path = e.path().map(|p| rel(root, p)).unwrap_or_default();
                let dangling = e.path().is_some_and(|p| {
                    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
                        && !p.exists()
                });
                let msg = if e.loop_ancestor().is_some() {
                    "Liên kết tượng trưng (symlink) tạo thành vòng lặp.".to_string()
                } else if dangling {
                    "Liên kết tượng trưng (symlink) trỏ tới nơi không tồn tại.".to_string()
                } else {
                    let reason = e.io_error().map_or_else(
                        || "lỗi của hệ điều hành".to_string(),
                        crate::diag::io_reason,
                    );
                    format!("Không đọc được: {reason}.")
                };
                diags.push(
                    Diagnostic::at_path(Severity::Error, path, Code::Symlink, msg)
                        .hint("Xóa liên kết này hoặc cho nó trỏ tới một thư mục bên trong dự án."),
                );
            }
        }
    }
    for p in escapes {
        diags.push(symlink_out(rel(root, &p)));
    }
    files
}

/// A file whose path (below the walked folder) is not UTF-8, or holds a control, invisible or
/// direction character, is refused: such names print misleadingly (`phu-luc\u{202E}fdp.html`
/// shows as `phu-lucלmth.pdf`), break messages and addresses, and never come from a clerk's
/// keyboard.
fn bad_name(root: &Path, dir: &Path, path: &Path) -> Option<Diagnostic> {
    use crate::text::chars::{SuspiciousKind, find_all_suspicious};
    // Below the walked folder: the site folder's own name is checked as the site code.
    let r = path.strip_prefix(dir).unwrap_or(path);
    let fail = |msg: String, hint: &str| {
        Some(
            Diagnostic::at_path(Severity::Error, rel(root, path), Code::TenTep, msg)
                .hint(hint.to_string()),
        )
    };
    for c in r.components() {
        let Some(name) = c.as_os_str().to_str() else {
            return fail(
                "Tên tệp hoặc thư mục không phải chữ Unicode (UTF-8): có thể được đặt trên máy dùng bảng mã cũ.".into(),
                "Đổi tên tệp (hoặc thư mục) bằng chữ không dấu, ví dụ `phu-luc-01.pdf`.",
            );
        };
        let hidden = find_all_suspicious(name).into_iter().find(|f| {
            matches!(
                f.kind,
                SuspiciousKind::Invisible | SuspiciousKind::Bidi | SuspiciousKind::Control
            )
        });
        if let Some(f) = hidden {
            return fail(
                format!(
                    "Tên tệp hoặc thư mục `{}` có {} ở vị trí thứ {}.",
                    name.escape_debug(),
                    f.what,
                    f.char_index + 1
                ),
                "Ký tự này không nhìn thấy được và có thể làm tên tệp hiển thị sai: đổi tên, gõ lại bằng bàn phím.",
            );
        }
        if let Some(d) = personal_data_in_name(root, path, name) {
            return Some(d);
        }
    }
    None
}

/// A file name becomes a published address (slug, sitemap, feed): a CCCD, CMND or mobile number
/// in it is published as surely as one in a body (SPEC §9).
fn personal_data_in_name(root: &Path, path: &Path, name: &str) -> Option<Diagnostic> {
    let finding = crate::text::pii::scan(name, &BTreeSet::new())
        .into_iter()
        .next()?;
    Some(
        Diagnostic::at_path(
            Severity::Error,
            rel(root, path),
            Code::DuLieuCaNhan,
            format!(
                "Tên tệp hoặc thư mục `{name}` có số `{}`. {} Tên tệp trở thành địa chỉ trang web.",
                finding.text,
                finding.kind.message()
            ),
        )
        .hint("Đổi tên tệp, bỏ con số này (ví dụ `xac-nhan-cu-tru-01.md`)."),
    )
}

/// An attachment's size and first bytes, read once here for the checks and pages after load.
fn attachment_file(path: &Path) -> super::site::AttachmentFile {
    use std::io::Read;
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let mut head = Vec::with_capacity(super::site::AttachmentFile::HEAD);
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f
            .take(super::site::AttachmentFile::HEAD as u64)
            .read_to_end(&mut head);
    }
    super::site::AttachmentFile { size, head }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn has_ext(p: &Path, ext: &str) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Loads the project. `only` restricts the sites (empty: all). Diagnostics collect every problem.
pub fn load(root: &Path, only: &[String], diags: &mut Diagnostics) -> Project {
    load_with(root, only, diags, &|_, _, _| {})
}

/// What a caller does with each batch of documents of a site as soon as they are read, before
/// the next batch is: `build` checks them and drops their bodies, so that a province's texts are
/// never all in memory. The site has everything but its documents.
pub type EachBatch<'a> = &'a (dyn Fn(&Site, &mut [super::Document], &mut Vec<Diagnostic>) + Sync);

/// Documents read at once before `EachBatch` sees them: enough to keep every core busy.
const BATCH: usize = 4096;

/// [`load`], handing each batch of documents to `each` as it is read.
pub fn load_with(
    root: &Path,
    only: &[String],
    diags: &mut Diagnostics,
    each: EachBatch,
) -> Project {
    let mut d = Vec::new();
    let canon_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let theme = settings(root, &mut d).theme;
    let content = root.join("content");
    let mut guide_paths = Vec::new();
    let mut site_paths = Vec::new();
    let mut all_codes = Vec::new();
    if !content.is_dir() {
        d.push(
            Diagnostic::at_path(Severity::Error, "content", Code::KhongCoContent, "Không tìm thấy thư mục `content/`.")
                .hint("Chạy lệnh trong thư mục dự án, hoặc chỉ rõ bằng `--root THƯ_MỤC`; tạo dự án mới bằng `niemyet init THƯ_MỤC`."),
        );
        diags.extend(d);
        return without_sites(root, theme);
    }
    if !stays_inside(root, &content) {
        d.push(symlink_out("content".into()));
        diags.extend(d);
        return without_sites(root, theme);
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&content)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries {
        let name = file_name(&path);
        if is_junk(&name) {
            continue;
        }
        if path.is_symlink() && !stays_inside(root, &path) {
            d.push(symlink_out(rel(root, &path)));
            continue;
        }
        if name == "_chung" {
            let dir = path.join("dich-vu");
            for f in walk(root, &canon_root, &dir, &mut d) {
                if has_ext(&f, "md") && f.parent() == Some(dir.as_path()) {
                    guide_paths.push(f);
                }
            }
            continue;
        }
        if !path.is_dir() {
            d.push(
                Diagnostic::at_path(
                    Severity::Warning,
                    rel(root, &path),
                    Code::TepThua,
                    "Tệp nằm ngoài thư mục của đơn vị nào nên không được dùng.",
                )
                .hint("Đặt văn bản vào `content/MÃ_ĐƠN_VỊ/van-ban/`."),
            );
            continue;
        }
        all_codes.push(name.clone());
        if !only.is_empty() && !only.contains(&name) {
            continue;
        }
        site_paths.push(path);
    }
    let guides: Vec<(Option<Guide>, Vec<Diagnostic>)> = guide_paths
        .par_iter()
        .map(|p| load_guide(root, p, false))
        .collect();
    let mut shared = Vec::new();
    for (g, gd) in guides {
        shared.extend(g);
        d.extend(gd);
    }
    shared.sort_by(|a, b| a.name.cmp(&b.name));
    // Sites side by side: one site's walk and settings (read on one core) overlap another's
    // documents. Their diagnostics are kept in site order.
    let per_site: Vec<(Site, Vec<Diagnostic>)> = site_paths
        .par_iter()
        .map(|p| {
            let mut sd = Vec::new();
            let site = load_site(root, &canon_root, p, each, &mut sd);
            (site, sd)
        })
        .collect();
    let mut loaded = Vec::with_capacity(per_site.len());
    for (site, sd) in per_site {
        loaded.push(site);
        d.extend(sd);
    }
    super::site::link_commune_pages(root, &mut loaded, &all_codes, &mut d);
    diags.extend(d);
    Project {
        root: root.to_path_buf(),
        theme,
        shared_guides: shared,
        sites: loaded,
    }
}

/// The project when `content/` cannot be read at all.
fn without_sites(root: &Path, theme: String) -> Project {
    Project {
        root: root.to_path_buf(),
        theme,
        shared_guides: Vec::new(),
        sites: Vec::new(),
    }
}

/// Project settings read from `niemyet.yaml` (SPEC §9, §11).
#[derive(Debug, Default)]
pub struct Settings {
    /// Theme name (`giao_dien`), `default` when unset.
    pub theme: String,
    /// Where each site is published (`xuat_ban`), by site code; only valid targets.
    pub publish: std::collections::BTreeMap<String, Located<super::publish_target::Target>>,
    /// The file itself, for messages that point into it.
    pub file: Option<Arc<SourceFile>>,
}

/// Reads `niemyet.yaml`; every problem becomes a diagnostic in `d` (content errors, exit 1).
pub fn settings(root: &Path, d: &mut Vec<Diagnostic>) -> Settings {
    let mut settings = Settings {
        theme: "default".into(),
        ..Settings::default()
    };
    let path = root.join("niemyet.yaml");
    if !path.exists() {
        return settings;
    }
    let file = match read_text(root, &path) {
        Ok(f) => f,
        Err(e) => {
            d.push(e);
            return settings;
        }
    };
    let node = match yaml::parse(&file.text, 0) {
        Ok(n) => n,
        Err(e) => {
            d.push(file.error(e.pos, Code::Yaml, e.message).hint(e.hint));
            return settings;
        }
    };
    hidden_in_values(&file, &node, d);
    let secrets_before = d.len();
    secret_keys(&file, &node, d);
    // A secret key is also an unknown key: its one message is the one about the secret.
    let secret_at: Vec<Pos> = d[secrets_before..].iter().map(|x| x.pos).collect();
    let mut f = Fields::new(&file, &node, &super::keys::PROJECT, Pos::START);
    let theme = f.string("giao_dien");
    settings.theme = match theme {
        Some(t) if crate::text::slug::is_slug(&t.value) || t.value == "default" => t.value,
        Some(t) => {
            f.diags.push(
                file.error(t.pos, Code::GiaoDien, format!("Tên giao diện `{}` không hợp lệ.", t.value))
                    .hint("Tên giao diện là tên thư mục trong `themes/`, chữ thường không dấu, ví dụ `giao_dien: tinh-nha`."),
            );
            "default".into()
        }
        None => "default".into(),
    };
    if let Some(targets) = f.node("xuat_ban") {
        settings.publish = publish_targets(&file, targets, &mut f.diags);
    }
    d.extend(
        f.finish()
            .into_iter()
            .filter(|x| !(x.code == "khoa-la" && secret_at.contains(&x.pos))),
    );
    let theme_dir = root.join("themes").join(&settings.theme);
    if settings.theme != "default" && theme_dir.exists() {
        let canon_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let before = d.len();
        // Walked only for its symlinks: a theme is content (SPEC §9), and one that leads out of
        // the project would publish files from elsewhere on the machine.
        walk(root, &canon_root, &theme_dir, d);
        if d[before..].iter().any(|x| x.code == "symlink") {
            settings.theme = "default".into();
            settings.file = Some(file);
            return settings;
        }
    }
    if settings.theme != "default" && !theme_dir.is_dir() {
        d.push(
            file.error(Pos::START, Code::GiaoDien, format!("Không có thư mục giao diện `themes/{}/`.", settings.theme))
                .hint("Tạo thư mục đó (chứa `templates/` và `static/`) hoặc xóa khóa `giao_dien` để dùng giao diện mặc định."),
        );
    }
    settings.file = Some(file);
    settings
}

/// `xuat_ban: {SITE: URL}`: each URL parsed (`publish::target`, a leaf module), every problem
/// reported at its value.
fn publish_targets(
    file: &SourceFile,
    node: &yaml::Node,
    d: &mut Vec<Diagnostic>,
) -> std::collections::BTreeMap<String, Located<super::publish_target::Target>> {
    let mut out = std::collections::BTreeMap::new();
    let yaml::Value::Map(entries) = &node.value else {
        d.push(
            file.error(node.pos, Code::XuatBan, "`xuat_ban` phải là các dòng `mã-đơn-vị: địa chỉ`.")
                .hint("Ví dụ:\n  xuat_ban:\n    nam-dong: s3://ten-bucket/?endpoint=https://s3.nha-cung-cap.vn"),
        );
        return out;
    };
    for (k, v) in entries {
        let site = k.as_str().unwrap_or("").to_string();
        if !crate::text::slug::is_slug(&site) {
            d.push(
                file.error(k.pos, Code::XuatBan, format!("`{site}` không phải mã đơn vị."))
                    .hint("Mã đơn vị là tên thư mục trong `content/`, chữ thường không dấu, ví dụ `nam-dong`."),
            );
            continue;
        }
        let Some(text) = v.as_str().filter(|_| !v.is_null()) else {
            d.push(
                file.error(
                    v.pos,
                    Code::XuatBan,
                    format!("Đơn vị `{site}` chưa có địa chỉ nơi đăng trang."),
                )
                .hint("Viết một địa chỉ `s3://...`, `sftp://...` hoặc `ftps://...` sau dấu `:`."),
            );
            continue;
        };
        match super::publish_target::parse(text) {
            Ok(t) => {
                if out.insert(site.clone(), Located::new(t, v.pos)).is_some() {
                    d.push(
                        file.error(
                            k.pos,
                            Code::KhoaLap,
                            format!("Đơn vị `{site}` có hai nơi đăng trang."),
                        )
                        .hint("Giữ một dòng."),
                    );
                }
            }
            Err(e) => d.push(file.error(v.pos, Code::XuatBan, e.message).hint(e.hint)),
        }
    }
    out
}

/// A key that names a password, token or private key, anywhere in `niemyet.yaml`: secrets never
/// live in the project (SPEC §11), whatever the key is called.
fn secret_keys(file: &SourceFile, node: &yaml::Node, d: &mut Vec<Diagnostic>) {
    match &node.value {
        yaml::Value::Map(entries) => {
            for (k, v) in entries {
                if let Some(key) = k.as_str()
                    && super::publish_target::looks_secret(key)
                {
                    d.push(
                        file.error(k.pos, Code::BiMat, format!("Không được ghi mật khẩu hay khóa bí mật (`{key}`) vào niemyet.yaml: tệp này được lưu cùng nội dung."))
                            .hint("Xóa dòng này. Mật khẩu và khóa đặt trong biến môi trường: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (S3), SSH agent hoặc `NIEMYET_SSH_KEY` (SFTP), `NIEMYET_FTP_PASSWORD` (FTPS); xem docs/xuat-ban.md."),
                    );
                }
                secret_keys(file, v, d);
            }
        }
        yaml::Value::Seq(items) => items.iter().for_each(|i| secret_keys(file, i, d)),
        yaml::Value::Scalar { .. } => {}
    }
}

fn load_guide(root: &Path, path: &Path, local: bool) -> (Option<Guide>, Vec<Diagnostic>) {
    let file = match read_text(root, path) {
        Ok(f) => f,
        Err(e) => return (None, vec![e]),
    };
    let fm = match split_front_matter(file) {
        Ok(fm) => fm,
        Err(e) => return (None, vec![e]),
    };
    let name = stem(path);
    let mut diags = Vec::new();
    if !crate::text::slug::is_slug(&name) {
        diags.push(
            fm.file
                .error(
                    Pos::START,
                    Code::TenTep,
                    format!(
                        "Tên tệp hướng dẫn `{name}.md` phải viết thường, không dấu, nối bằng `-`."
                    ),
                )
                .hint(format!(
                    "Đổi tên tệp thành `{}.md`.",
                    crate::text::slug::slugify(&name)
                )),
        );
    }
    let (g, gd) = guide::parse(name, &fm, local);
    diags.extend(gd);
    hidden_in_values(&fm.file, &fm.yaml, &mut diags);
    (g, diags)
}

/// Reads and parses one document; `rel_path` is relative to its site folder. Also used by
/// `serve` to reload just the file that changed.
pub fn load_document(
    root: &Path,
    rel_path: &str,
    path: &Path,
) -> (Option<super::Document>, Vec<Diagnostic>) {
    read_document(&Arc::from(root), rel_path, path)
}

/// [`load_document`] with the root its documents share.
fn read_document(
    root: &Arc<Path>,
    rel_path: &str,
    path: &Path,
) -> (Option<super::Document>, Vec<Diagnostic>) {
    let file = match read_text(root, path) {
        Ok(f) => f,
        Err(e) => return (None, vec![e]),
    };
    match split_front_matter(file) {
        Ok(fm) => {
            let (mut doc, mut dd) = document::parse(rel_path.to_string(), stem(path), &fm);
            hidden_in_values(&fm.file, &fm.yaml, &mut dd);
            doc.origin = Some(document::Origin::new(Arc::clone(root), path, &fm.file.path));
            (Some(doc), dd)
        }
        Err(e) => (None, vec![e]),
    }
}

fn load_site(
    root: &Path,
    canon_root: &Path,
    dir: &Path,
    each: EachBatch,
    d: &mut Vec<Diagnostic>,
) -> Site {
    let code = file_name(dir);
    let rel_dir = rel(root, dir);
    site_code(&code, &rel_dir, d);
    // The site code is the first part of every published address.
    d.extend(personal_data_in_name(root, dir, &code));
    let files = site_files(root, dir, walk(root, canon_root, dir, d), d);
    let csv = csv_lists(root, &files, d);
    let info = site_info(root, &code, &rel_dir, files.site_yaml.as_deref(), csv, d);
    let (ledger, ledger_file) = site_ledger(root, files.ledger.as_deref(), d);
    let mut local_guides = Vec::new();
    for p in &files.guides {
        let (g, gd) = load_guide(root, p, true);
        local_guides.extend(g);
        d.extend(gd);
    }
    local_guides.sort_by(|a, b| a.name.cmp(&b.name));
    let mut site = Site {
        code,
        dir: dir.to_path_buf(),
        rel_dir,
        info,
        documents: Vec::new(),
        local_guides,
        ledger,
        ledger_file,
        attachment_files: files.attachments,
    };
    let shared_root: Arc<Path> = Arc::from(root);
    let mut documents = Vec::with_capacity(files.docs.len());
    for batch in files.docs.chunks(BATCH) {
        let parsed: Vec<(Option<super::Document>, Vec<Diagnostic>)> = batch
            .par_iter()
            .map(|(r, p)| read_document(&shared_root, r, p))
            .collect();
        let first = documents.len();
        for (doc, dd) in parsed {
            documents.extend(doc);
            d.extend(dd);
        }
        each(&site, &mut documents[first..], d);
    }
    site.documents = documents;
    site
}

/// A site folder's name is its code: lowercase ASCII joined by `-`.
fn site_code(code: &str, rel_dir: &str, d: &mut Vec<Diagnostic>) {
    if !crate::text::slug::is_slug(code) {
        let hidden = crate::text::chars::find_suspicious(code)
            .map(|f| format!(" Tên này có {} ở vị trí thứ {}.", f.what, f.char_index + 1))
            .unwrap_or_default();
        d.push(
            Diagnostic::at_path(
                Severity::Error,
                rel_dir.to_string(),
                Code::MaDonVi,
                format!(
                    "Tên thư mục đơn vị `{}` phải viết thường, không dấu, nối bằng `-`.{hidden}",
                    code.escape_debug()
                ),
            )
            .hint(format!(
                "Đổi tên thư mục thành `{}`.",
                crate::text::slug::slugify(code)
            )),
        );
    }
}

/// The files of a site folder, by their part (SPEC §2).
struct SiteFiles {
    site_yaml: Option<PathBuf>,
    ledger: Option<PathBuf>,
    roster_csv: Option<PathBuf>,
    areas_csv: Option<PathBuf>,
    /// (path inside the site, path) of each document.
    docs: Vec<(String, PathBuf)>,
    guides: Vec<PathBuf>,
    attachments: std::collections::BTreeMap<String, super::site::AttachmentFile>,
}

/// Sorts the walked files of a site into their parts; any other file is a warning.
fn site_files(root: &Path, dir: &Path, files: Vec<PathBuf>, d: &mut Vec<Diagnostic>) -> SiteFiles {
    let mut parts = SiteFiles {
        site_yaml: None,
        ledger: None,
        roster_csv: None,
        areas_csv: None,
        docs: Vec::new(),
        guides: Vec::new(),
        attachments: std::collections::BTreeMap::new(),
    };
    for f in files {
        let r = rel(dir, &f);
        let top = r.split('/').next().unwrap_or("");
        match (top, r.as_str()) {
            (_, "_site.yaml") => parts.site_yaml = Some(f),
            (_, ledger::FILE_NAME) => parts.ledger = Some(f),
            (_, "to-cong-tac.csv") => parts.roster_csv = Some(f),
            (_, "khu-dan-cu.csv") => parts.areas_csv = Some(f),
            ("van-ban", _) if has_ext(&f, "md") => parts.docs.push((r, f)),
            ("dich-vu", _) if has_ext(&f, "md") && !r["dich-vu/".len()..].contains('/') => parts.guides.push(f),
            ("tep", _) => {
                parts.attachments.insert(r, attachment_file(&f));
            }
            _ => d.push(
                Diagnostic::at_path(Severity::Warning, rel(root, &f), Code::TepThua, "Tệp này không được dùng khi dựng trang.")
                    .hint("Văn bản đặt trong `van-ban/` (đuôi .md), hướng dẫn trong `dich-vu/`, tệp đính kèm trong `tep/`. Tệp Word cần chuyển sang Markdown."),
            ),
        }
    }
    parts
}

/// The roster and the residential areas, read before `_site.yaml`, which they complete.
fn csv_lists(root: &Path, files: &SiteFiles, d: &mut Vec<Diagnostic>) -> CsvLists {
    let mut csv = CsvLists::default();
    if let Some(p) = &files.roster_csv {
        match read_text(root, p) {
            Ok(f) => csv.roster = Some(table::roster(&f, d)),
            Err(e) => d.push(e),
        }
    }
    if let Some(p) = &files.areas_csv {
        match read_text(root, p) {
            Ok(f) => csv.areas = Some(table::areas(&f, d)),
            Err(e) => d.push(e),
        }
    }
    csv
}

/// `_site.yaml`, which every site must have.
fn site_info(
    root: &Path,
    code: &str,
    rel_dir: &str,
    path: Option<&Path>,
    csv: CsvLists,
    d: &mut Vec<Diagnostic>,
) -> Option<super::SiteInfo> {
    match path {
        None => {
            d.push(
                Diagnostic::at_path(Severity::Error, format!("{rel_dir}/_site.yaml"), Code::ThieuSite, format!("Thư mục đơn vị `{code}` chưa có tệp `_site.yaml`."))
                    .hint("Tạo `_site.yaml` với ít nhất `ten`, `cap`, `tinh`, `base_url`, `duong_day_nong` (xem `niemyet init`)."),
            );
            None
        }
        Some(p) => match read_text(root, p) {
            Err(e) => {
                d.push(e);
                None
            }
            Ok(file) => match yaml::parse(&file.text, 0) {
                Err(e) => {
                    d.push(file.error(e.pos, Code::Yaml, e.message).hint(e.hint));
                    None
                }
                Ok(node) => {
                    let (info, sd) = site::parse(&file, &node, csv);
                    d.extend(sd);
                    hidden_in_values(&file, &node, d);
                    info
                }
            },
        },
    }
}

/// The QR ledger, when the site has one, and its file for messages that point into it.
fn site_ledger(
    root: &Path,
    path: Option<&Path>,
    d: &mut Vec<Diagnostic>,
) -> (Vec<ledger::LedgerEntry>, Option<Arc<SourceFile>>) {
    match path {
        None => (Vec::new(), None),
        Some(p) => match read_text(root, p) {
            Err(e) => {
                d.push(e);
                (Vec::new(), None)
            }
            Ok(file) => match yaml::parse(&file.text, 0) {
                Err(e) => {
                    d.push(file.error(e.pos, Code::Yaml, e.message).hint(e.hint));
                    (Vec::new(), Some(file))
                }
                Ok(node) => {
                    let (entries, ld) = ledger::parse(&file, &node);
                    d.extend(ld);
                    hidden_in_values(&file, &node, d);
                    (entries, Some(file))
                }
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters `surely_nfc` lets through, as its documentation lists them.
    fn always_nfc(c: char) -> bool {
        (c as u32) < 0x300
            || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
            || ('\u{2010}'..='\u{2027}').contains(&c)
    }

    #[test]
    fn the_nfc_shortcut_is_exact_across_blocks_and_at_the_end() {
        let chars = (0..0x3000u32)
            .chain(0x1E00..0x2100)
            .chain([0xFEFF, 0x1F600])
            .filter_map(char::from_u32);
        for c in chars {
            for before in [0, 1, 61, 62, 63, 64, 65, 127, 128] {
                for after in ["", "a", "ệ"] {
                    let s = format!("{}{c}{after}", "a".repeat(before));
                    assert_eq!(
                        surely_nfc(&s),
                        always_nfc(c),
                        "U+{:04X} {before} {after}",
                        c as u32
                    );
                }
            }
        }
    }

    #[test]
    fn control_characters_are_found_in_any_block_and_at_the_end() {
        for at in [0, 1, 62, 63, 64, 65, 127, 128, 129] {
            for (bad, shown) in [("\u{1B}", 1), ("\u{7F}", 1), ("\u{85}", 2)] {
                for after in ["", "x", "ệ"] {
                    let text = format!("{}{bad}{after}", "a".repeat(at));
                    let d = control_character(&SourceFile::new("a.md", text.as_str()))
                        .expect("a control character is found");
                    assert_eq!(
                        d.pos,
                        Pos::new(1, at + 1),
                        "{bad:?} at {at} ({shown} bytes)"
                    );
                }
            }
        }
        let clean = format!("{}\t\n\u{0C}ệ\u{A0}", "Đề án 06 ".repeat(20));
        assert!(control_character(&SourceFile::new("a.md", clean.as_str())).is_none());
    }

    #[test]
    fn the_nfc_shortcut_reads_bytes_as_the_character_ranges_say() {
        let mut s = String::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            s.clear();
            s.push('ệ');
            s.push(c);
            s.push('a');
            assert_eq!(surely_nfc(&s), always_nfc(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_nfc_shortcut_agrees_with_the_full_check() {
        use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
        for u in (0..0x300u32).chain(0x1EA0..=0x1EF9).chain(0x2010..=0x2027) {
            let c = char::from_u32(u).unwrap();
            let s = format!("a{c}b");
            assert!(surely_nfc(&s));
            assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "U+{u:04X}");
            assert_eq!(s.nfc().collect::<String>(), s, "U+{u:04X}");
        }
        // Decomposed Vietnamese takes the full path and is composed.
        assert!(!surely_nfc("Tha\u{0302}\u{0301}n"));
        assert_eq!(normalize_text("Tha\u{0302}\u{0301}n".to_string()), "Thấn");
    }

    #[test]
    fn front_matter_split_reports_positions() {
        let f = SourceFile::new("a.md", "---\nloai: x\n---\nThân\n");
        let fm = split_front_matter(f).unwrap();
        assert_eq!(fm.body(), "Thân\n");
        assert_eq!(fm.body_line, 4);
        let f = SourceFile::new("b.md", "---\nloai: x\n");
        assert_eq!(split_front_matter(f).unwrap_err().code, "front-matter");
    }

    #[test]
    fn hidden_characters_are_located_in_values_and_bounded_per_file() {
        let text = "ten: \"Thôn\u{200B} 1\"\nds:\n  - \"a\\u202Eb\"\n";
        let f = SourceFile::new("a.yaml", text);
        let node = yaml::parse(text, 0).unwrap();
        let mut d = Vec::new();
        hidden_in_values(&f, &node, &mut d);
        let places: Vec<(usize, usize)> =
            d.iter().map(|x| (x.pos.line(), x.pos.column())).collect();
        // The literal one at its column; the one from an escape at its value.
        assert_eq!(places, [(1, 11), (3, 5)]);
        let many: String = (0..200).map(|i| format!("k{i}: \"x\u{200B}\"\n")).collect();
        let f = SourceFile::new("b.yaml", many.clone());
        let mut d = Vec::new();
        hidden_in_values(&f, &yaml::parse(&many, 0).unwrap(), &mut d);
        assert_eq!(d.len(), crate::diag::MAX_PER_FILE + 1);
    }

    /// `text` written as `name` in a new folder, and loaded as a document.
    fn written_document(
        name: &str,
        text: &str,
    ) -> (tempfile::TempDir, PathBuf, super::super::Document) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (doc, _) = load_document(dir.path(), name, &path);
        (dir, path, doc.expect("a document"))
    }

    #[test]
    fn a_released_body_is_read_again_only_while_the_file_is_unchanged() {
        let text = "---\nloai: ke-hoach\ntrich_yeu: \"Thử\"\n---\n\n## Mục I\r\nNội dung.\n";
        let (_dir, path, mut doc) = written_document("ke-hoach-01.md", text);
        let body = doc.body().to_string();
        assert_eq!(body, "\n## Mục I\nNội dung.\n");
        doc.release_body(false);
        // The text is gone; a diagnostic found later reads it again to quote its line.
        assert!(doc.file.text.is_empty());
        assert_eq!(doc.file.path, "ke-hoach-01.md");
        assert_eq!(doc.diag_file().line(2), "loai: ke-hoach");
        let again = doc.source().expect("the same text");
        assert_eq!(doc.body_in(&again), body);
        assert_eq!(again.line(6), "## Mục I");
        // Saved again while the build runs: what was checked is no longer what would be
        // published.
        std::fs::write(&path, text.replace("Nội dung", "Nội dung khác")).unwrap();
        let refused = doc.source().unwrap_err();
        assert_eq!(refused.code, "doc-tep");
        assert!(
            refused.message.contains("đã thay đổi"),
            "{}",
            refused.message
        );
        // A diagnostic still points at the file, without quoting a line it cannot trust.
        assert_eq!(doc.diag_file().line(2), "");
        std::fs::remove_file(&path).unwrap();
        assert_eq!(doc.source().unwrap_err().code, "doc-tep");
    }

    #[test]
    fn a_kept_text_goes_to_the_page_once_and_is_read_again_after() {
        let text = "---\nloai: ke-hoach\ntrich_yeu: \"Thử\"\n---\n\nNội dung.\n";
        let (_dir, path, mut doc) = written_document("ke-hoach-02.md", text);
        doc.release_body(true);
        assert!(doc.file.text.is_empty(), "the document no longer holds it");
        // Saved again after the check: a reader still gets the text that was checked, from
        // memory, without reading the file; so does the page, which takes it.
        std::fs::write(&path, text.replace("Nội dung", "Nội dung khác")).unwrap();
        let shared = doc.source().expect("the kept text");
        assert_eq!(doc.body_in(&shared), "\nNội dung.\n");
        let page = doc.take_source().expect("the kept text");
        assert_eq!(doc.body_in(&page), "\nNội dung.\n");
        // Taken by the page: it has left memory, and the changed file is refused.
        assert_eq!(doc.source().unwrap_err().code, "doc-tep");
        std::fs::write(&path, text).unwrap();
        let again = doc.source().expect("the same text, read again");
        assert_eq!(doc.body_in(&again), "\nNội dung.\n");
    }

    #[test]
    fn crlf_and_nfd_are_normalized() {
        let nfd = "Đe\u{0302}\u{0300}\r\nx";
        assert_eq!(normalize_text(nfd.to_string()), "Đề\nx");
    }
}
