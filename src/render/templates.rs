//! The theme: Tera templates and static files, the default one embedded in the binary.
//!
//! A project theme (`themes/NAME/`, chosen by `giao_dien` in `niemyet.yaml`) overrides any
//! template or static file by name; what it does not override comes from the default theme. An
//! error in a template is a content error naming the template file and line. Templates always
//! autoescape: front-matter values are plain text and can never become markup.

use crate::diag::{Code, Diagnostic, Pos, Severity, SourceFile};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The default theme's templates (name, source), embedded at build time.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded::THEME_TEMPLATES;

/// The default theme's static files (path under `static/`, bytes).
pub const DEFAULT_STATIC: &[(&str, &[u8])] = embedded::THEME_STATIC;

/// The shared service guides of the example project, written by `niemyet init`.
pub const SHARED_GUIDES: &[(&str, &str)] = embedded::SHARED_GUIDES;

pub struct Theme {
    pub tera: tera::Tera,
    /// Static files published under `/static/`, by path.
    pub statics: BTreeMap<String, Cow<'static, [u8]>>,
    /// Template name → (path for messages, source).
    pub sources: BTreeMap<String, (String, String)>,
}

/// Loads the default theme, overridden by `themes/NAME/` when `name` is not `default`.
pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut sources: BTreeMap<String, (String, String)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, s)| {
            (
                n.to_string(),
                (format!("themes/default/templates/{n}"), s.to_string()),
            )
        })
        .collect();
    let mut statics: BTreeMap<String, Cow<'static, [u8]>> = DEFAULT_STATIC
        .iter()
        .map(|(n, b)| (n.to_string(), Cow::Borrowed(*b)))
        .collect();
    let mut diags = Vec::new();
    if name != "default" {
        let dir = root.join("themes").join(name);
        let tdir = dir.join("templates");
        if tdir.is_dir() {
            for entry in walkdir::WalkDir::new(&tdir)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = crate::project::load::rel(&tdir, entry.path());
                match crate::project::load::read_text(root, entry.path()) {
                    Ok(f) => {
                        sources.insert(rel, (f.path.clone(), f.text.clone()));
                    }
                    Err(e) => diags.push(e),
                }
            }
        }
        let sdir = dir.join("static");
        if sdir.is_dir() {
            for entry in walkdir::WalkDir::new(&sdir)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = crate::project::load::rel(&sdir, entry.path());
                match std::fs::read(entry.path()) {
                    Ok(b) => {
                        statics.insert(rel, Cow::Owned(b));
                    }
                    Err(e) => diags.push(Diagnostic::at_path(
                        Severity::Error,
                        crate::project::load::rel(root, entry.path()),
                        Code::GiaoDien,
                        format!("Không đọc được tệp giao diện: {e}."),
                    )),
                }
            }
        }
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    if diags.is_empty() {
        // All at once, so that inheritance between templates resolves.
        let all: Vec<(&str, &str)> = sources
            .iter()
            .map(|(n, (_, s))| (n.as_str(), s.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(all) {
            let d = match e.kind() {
                tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => sources
                    .get(r.filename())
                    .map(|(path, src)| template_error(path, src, &e)),
                _ => None,
            };
            diags.push(d.unwrap_or_else(|| {
                Diagnostic::at_path(
                    Severity::Error,
                    "themes",
                    Code::MauGiaoDien,
                    format!("Lỗi mẫu giao diện: {e}"),
                )
                .hint("Kiểm tra `{% extends %}` và `{% include %}` trỏ tới mẫu có thật.")
            }));
        }
    }
    if diags.is_empty() {
        Ok(Theme {
            tera,
            statics,
            sources,
        })
    } else {
        Err(diags)
    }
}

/// A Tera error as a located diagnostic on the template file.
pub fn template_error(path: &str, src: &str, e: &tera::Error) -> Diagnostic {
    let (pos, msg) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let s = r.span();
            (
                Pos::new(s.start_line, s.start_col + 1),
                r.message().to_string(),
            )
        }
        other => (Pos::START, other.to_string()),
    };
    let file = SourceFile::new(path, src);
    file.error(
        pos,
        Code::MauGiaoDien,
        format!("Lỗi trong mẫu giao diện: {msg}"),
    )
    .hint("Sửa mẫu này (cú pháp Tera), hoặc xóa nó để dùng mẫu mặc định.")
}

/// A rendering error of template `name`, located in the template that failed.
pub fn render_error(theme: &Theme, name: &str, e: &tera::Error) -> Diagnostic {
    let file = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r)
            if !r.filename().is_empty() =>
        {
            r.filename().to_string()
        }
        _ => name.to_string(),
    };
    match theme.sources.get(&file).or_else(|| theme.sources.get(name)) {
        Some((path, src)) => template_error(path, src, e),
        None => Diagnostic::at_path(
            Severity::Error,
            name,
            Code::MauGiaoDien,
            format!("Lỗi mẫu giao diện: {e}"),
        ),
    }
}
