//! Reading a project theme (`themes/NAME/`, chosen by `giao_dien`) from the disk, once, during
//! load.
//!
//! Render turns these files into Tera templates and published static files; it never reads the
//! disk itself (ARCHITECTURE.md, invariants). Templates pass the one door of every text
//! (`load::read_text`: size bound, UTF-8, NFC, symlink policy); static files are read as bytes
//! under their own bound. `load::settings` has already walked the theme for symlinks that leave
//! the project and fallen back to the default theme when it found one. This module must never
//! merge with the default theme or parse a template: that is render's part.

use super::load::{read_text, rel};
use crate::diag::{Code, Diagnostic, Severity, SourceFile};
use std::path::Path;
use std::sync::Arc;

/// No font or picture of a theme comes near this; bounds memory on hostile input.
pub const MAX_STATIC_FILE: u64 = 32 * 1024 * 1024;

/// The files of a project theme, as read; empty for the embedded default theme.
#[derive(Debug, Default)]
pub struct ThemeFiles {
    /// Template name (path under `templates/`, `/` separators) → its text, whose path
    /// (`themes/NAME/templates/FILE`) is the one messages name.
    pub templates: Vec<(String, Arc<SourceFile>)>,
    /// Path under `static/` → bytes.
    pub statics: Vec<(String, Vec<u8>)>,
}

/// Reads the theme `name` of the project at `root`, sorted by file name; `default` reads
/// nothing (it is embedded in the binary). Every file that cannot be read is a diagnostic.
pub fn read(root: &Path, name: &str) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let mut files = ThemeFiles::default();
    if name == "default" {
        return Ok(files);
    }
    let mut diags = Vec::new();
    let dir = root.join("themes").join(name);
    let tdir = dir.join("templates");
    for path in files_under(&tdir) {
        match read_text(root, &path) {
            Ok(f) => files.templates.push((rel(&tdir, &path), f)),
            Err(e) => diags.push(e),
        }
    }
    let sdir = dir.join("static");
    for path in files_under(&sdir) {
        match read_static(root, &path) {
            Ok(bytes) => files.statics.push((rel(&sdir, &path), bytes)),
            Err(e) => diags.push(e),
        }
    }
    if diags.is_empty() {
        Ok(files)
    } else {
        Err(diags)
    }
}

/// The regular files below `dir`, sorted by name; symlinks are not followed.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

fn read_static(root: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let fail = |message: String| {
        Diagnostic::at_path(Severity::Error, rel(root, path), Code::GiaoDien, message)
    };
    let unreadable = |e: std::io::Error| {
        fail(format!(
            "Không đọc được tệp giao diện: {}.",
            crate::diag::io_reason(&e)
        ))
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_STATIC_FILE {
        return Err(fail(format!(
            "Tệp giao diện quá lớn ({} MB; tối đa {} MB).",
            format!("{:.1}", size as f64 / (1024.0 * 1024.0)).replace('.', ","),
            MAX_STATIC_FILE / (1024 * 1024)
        ))
        .hint("Nén tệp này (ảnh WebP, phông chữ WOFF2) hoặc đưa nó ra khỏi giao diện."));
    }
    std::fs::read(path).map_err(unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (path, bytes) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("mkdir");
            std::fs::write(path, bytes).expect("write");
        }
        dir
    }

    #[test]
    fn templates_are_named_under_templates_and_located_in_the_theme() {
        let dir = project_with(&[
            ("themes/rieng/templates/partials/head.html", b"<title>\r\n"),
            ("themes/rieng/static/css/style.css", b"body{}"),
        ]);
        let files = read(dir.path(), "rieng").expect("the theme reads");
        let (name, file) = &files.templates[0];
        assert_eq!(name, "partials/head.html");
        assert_eq!(file.path, "themes/rieng/templates/partials/head.html");
        assert_eq!(
            file.text, "<title>\n",
            "templates pass the one door of every text"
        );
        assert_eq!(
            files.statics,
            vec![("css/style.css".to_string(), b"body{}".to_vec())]
        );
    }

    #[test]
    fn the_default_theme_reads_nothing() {
        let dir = project_with(&[("themes/default/templates/base.html", b"x")]);
        let files = read(dir.path(), "default").expect("nothing to read");
        assert!(files.templates.is_empty() && files.statics.is_empty());
    }

    #[test]
    fn a_static_file_over_the_bound_is_refused_with_its_path() {
        let dir = project_with(&[("themes/rieng/static/video.mp4", b"")]);
        let big = std::fs::OpenOptions::new()
            .write(true)
            .open(dir.path().join("themes/rieng/static/video.mp4"))
            .expect("open");
        big.set_len(MAX_STATIC_FILE + 1).expect("a sparse file");
        let diags = read(dir.path(), "rieng").expect_err("refused");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].path, "themes/rieng/static/video.mp4");
        assert_eq!(
            diags[0].message,
            "Tệp giao diện quá lớn (32,0 MB; tối đa 32 MB)."
        );
    }
}
