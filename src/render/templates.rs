//! The theme: Tera templates and static files, the default one embedded in the binary.
//!
//! A project theme (`themes/NAME/`, chosen by `giao_dien` in `niemyet.yaml`) overrides any
//! template or static file by name; what it does not override comes from the default theme. An
//! error in a template is a content error naming the template file and line. Templates always
//! autoescape: front-matter values are plain text and can never become markup. The project
//! theme's files come already read (`project::theme`): nothing here touches the disk.

use crate::diag::{Code, Diagnostic, Pos, Severity, SourceFile};
use crate::project::theme::ThemeFiles;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

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
    /// Static file path → its content-addressed name (`style.css` → `style.0123abcd.css`), which
    /// templates ask for with `asset(name="style.css")`. Both names are published: the hashed
    /// one for pages (a page never loads a newer stylesheet than it was built for, so hosting may
    /// cache it for a year), the plain one for themes that write `static/style.css` themselves.
    pub assets: BTreeMap<String, String>,
    /// Content-addressed name → bytes (stylesheets with their `url(...)` references rewritten to
    /// the content-addressed names).
    hashed: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The bytes of a published static file, by its plain or content-addressed path.
    pub fn static_file(&self, path: &str) -> Option<&[u8]> {
        if let Some(b) = self.statics.get(path) {
            return Some(b);
        }
        self.hashed.get(path).map(Vec::as_slice)
    }

    /// Every path published under `static/`: plain names, then content-addressed ones.
    pub fn static_paths(&self) -> impl Iterator<Item = &str> {
        self.statics
            .keys()
            .chain(self.hashed.keys())
            .map(String::as_str)
    }
}

/// The default theme, overridden by the files of the project's theme (read by
/// `project::theme::read`) where they share a name.
pub fn load(files: ThemeFiles) -> Result<Theme, Vec<Diagnostic>> {
    let mut sources: BTreeMap<String, (String, String)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, s)| {
            (
                n.to_string(),
                (format!("themes/default/templates/{n}"), s.to_string()),
            )
        })
        .collect();
    for (name, file) in files.templates {
        sources.insert(name, (file.path.clone(), file.text.clone()));
    }
    let mut statics: BTreeMap<String, Cow<'static, [u8]>> = DEFAULT_STATIC
        .iter()
        .map(|(n, b)| (n.to_string(), Cow::Borrowed(*b)))
        .collect();
    for (path, bytes) in files.statics {
        statics.insert(path, Cow::Owned(bytes));
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    // Tera's own `safe` copies the string it marks: a document's whole body, on every page.
    // Marking the value it was given shares the text instead; same output.
    tera.register_filter(
        "safe",
        |value: &tera::Value, _: tera::Kwargs, _: &tera::State| {
            if value.is_string() {
                value.clone().mark_safe()
            } else {
                tera::Value::safe_string(&value.to_string())
            }
        },
    );
    // Before the templates: Tera checks the functions they call when it parses them.
    let (assets, hashed) = content_addressed(&statics);
    let names = assets.clone();
    tera.register_function("asset", move |kwargs: tera::Kwargs, _: &tera::State| {
        let name: &str = kwargs.must_get("name")?;
        match names.get(name) {
            Some(hashed) => Ok(format!("static/{hashed}")),
            None => Err(tera::Error::message(format!(
                "asset(name=\"{name}\"): giao diện không có tệp `static/{name}`"
            ))),
        }
    });
    // All at once, so that inheritance between templates resolves.
    let all: Vec<(&str, &str)> = sources
        .iter()
        .map(|(n, (_, s))| (n.as_str(), s.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(all) {
        return Err(load_errors(&sources, &e));
    }
    Ok(Theme {
        tera,
        statics,
        sources,
        assets,
        hashed,
    })
}

const TEMPLATE_HINT: &str = "Sửa mẫu này (cú pháp Tera), hoặc xóa nó để dùng mẫu mặc định.";

/// Tera's own escaping, byte for byte (`&`, `<`, `>`, `"`, `'`), written in runs: Tera's
/// default writes every byte of every value with its own call, which cost more than all the
/// rest of the autoescaping (a page has thousands of escaped values: titles, numbers, URLs).
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    /// Which bytes are escaped: one table lookup a byte to find the next.
    const SPECIAL: [bool; 256] = {
        let mut table = [false; 256];
        table[b'&' as usize] = true;
        table[b'<' as usize] = true;
        table[b'>' as usize] = true;
        table[b'"' as usize] = true;
        table[b'\'' as usize] = true;
        table
    };
    let bytes = input.as_bytes();
    let mut start = 0;
    while let Some(k) = bytes[start..].iter().position(|&b| SPECIAL[usize::from(b)]) {
        let i = start + k;
        let entity: &[u8] = match bytes[i] {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            _ => b"&#39;",
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

/// Every error Tera found while loading the templates, each located in its template file
/// (`themes/NAME/templates/FILE:line:column`) and said in Vietnamese. Tera reports a syntax
/// error with its place, a loop of `include`/`extends` as the chain of names, and the checks of
/// the whole set (unknown functions or filters, a block no parent has) as one text of reports
/// `error: MESSAGE\n --> NAME:LINE:COLUMN`, which is read back here.
fn load_errors(sources: &BTreeMap<String, (String, String)>, e: &tera::Error) -> Vec<Diagnostic> {
    let found = located_errors(sources, e);
    if !found.is_empty() {
        return found;
    }
    vec![
        Diagnostic::at_path(
            Severity::Error,
            "themes",
            Code::MauGiaoDien,
            "Không nạp được các mẫu giao diện.",
        )
        .note(format!("Tera: {e}"))
        .hint("Kiểm tra `{% extends %}` và `{% include %}` trỏ tới mẫu có thật."),
    ]
}

/// Tera's error located in the templates it names, one diagnostic per place; empty when it
/// names none we know.
fn located_errors(
    sources: &BTreeMap<String, (String, String)>,
    e: &tera::Error,
) -> Vec<Diagnostic> {
    let locate = |name: &str, needle: Option<&str>| -> Option<(Arc<SourceFile>, Pos)> {
        let (path, src) = sources.get(name)?;
        let file = SourceFile::new(path.clone(), src.clone());
        let pos = needle
            .and_then(|n| src.find(n))
            .map_or(Pos::START, |at| file.pos_of_byte(at));
        Some((file, pos))
    };
    let located = |name: &str, needle: Option<&str>, message: String| {
        locate(name, needle).map(|(file, pos)| {
            file.error(pos, Code::MauGiaoDien, message)
                .hint(TEMPLATE_HINT)
        })
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => sources
            .get(r.filename())
            .map(|(path, src)| template_error(path, src, e))
            .into_iter()
            .collect(),
        tera::ErrorKind::CircularInclude { include_chain, .. } => {
            // The last include of the chain closes the loop.
            let n = include_chain.len();
            let (from, to) = match (include_chain.get(n.wrapping_sub(2)), include_chain.last()) {
                (Some(f), Some(t)) => (f.as_str(), t.as_str()),
                _ => ("", ""),
            };
            located(
                from,
                Some(to),
                format!(
                    "Các mẫu giao diện `include` lẫn nhau thành vòng lặp: {}.",
                    include_chain.join(" → ")
                ),
            )
            .into_iter()
            .collect()
        }
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => located(
            tpl,
            Some("extends"),
            format!(
                "Các mẫu giao diện `extends` lẫn nhau thành vòng lặp: {}.",
                inheritance_chain.join(" → ")
            ),
        )
        .into_iter()
        .collect(),
        tera::ErrorKind::MissingParent { current, parent } => located(
            current,
            Some("extends"),
            format!("Mẫu `{current}` kế thừa (`extends`) mẫu `{parent}` không có."),
        )
        .into_iter()
        .collect(),
        tera::ErrorKind::Msg(text) => reports(sources, text),
        _ => Vec::new(),
    }
}

/// The checks of the whole set of templates, which Tera reports as one text.
fn reports(sources: &BTreeMap<String, (String, String)>, text: &str) -> Vec<Diagnostic> {
    text.split("\n\n")
        .filter_map(|report| {
            let (message, place) = report_parts(report)?;
            let (name, line, column) = place;
            let (path, src) = sources.get(name)?;
            let file = SourceFile::new(path.clone(), src.clone());
            Some(
                file.error(
                    Pos::new(line, column),
                    Code::MauGiaoDien,
                    vietnamese(message),
                )
                .hint(TEMPLATE_HINT),
            )
        })
        .collect()
}

/// `error: MESSAGE` and `--> NAME:LINE:COLUMN` of one Tera report.
fn report_parts(report: &str) -> Option<(&str, (&str, usize, usize))> {
    let mut lines = report.lines();
    let message = lines.next()?.trim().strip_prefix("error:")?.trim();
    let place = lines.find_map(|l| l.trim().strip_prefix("-->"))?.trim();
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((message, (parts.next()?, line, column)))
}

/// Tera's messages about a theme, in Vietnamese where we know them.
fn vietnamese(message: &str) -> String {
    let quoted = || message.split('`').nth(1).unwrap_or("");
    if message.starts_with("Unknown function") {
        format!(
            "Hàm `{}` không có trong mẫu giao diện của niemyet.",
            quoted()
        )
    } else if message.starts_with("Unknown filter") {
        format!(
            "Bộ lọc (filter) `{}` không có trong mẫu giao diện của niemyet.",
            quoted()
        )
    } else if message.starts_with("Unknown test") {
        format!(
            "Phép thử (test) `{}` không có trong mẫu giao diện của niemyet.",
            quoted()
        )
    } else if message.starts_with("Block") && message.contains("not defined in any parent") {
        format!("Khối `{}` không có trong mẫu cha nào.", quoted())
    } else {
        format!("Lỗi trong mẫu giao diện (Tera: {message}).")
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
    file.error(pos, Code::MauGiaoDien, vietnamese(&msg))
        .hint(TEMPLATE_HINT)
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

/// Content-addressed names of static files: `fonts/x.woff2` → `fonts/x.89ab01cd.woff2`, and the
/// bytes published under them. Stylesheets are renamed last, after the files their `url(...)`
/// point at have their new names written into them, so a font change renames the stylesheet too.
fn content_addressed(
    statics: &BTreeMap<String, Cow<'static, [u8]>>,
) -> (BTreeMap<String, String>, BTreeMap<String, Vec<u8>>) {
    let mut names = BTreeMap::new();
    let mut hashed = BTreeMap::new();
    let is_css = |p: &str| p.ends_with(".css");
    for (path, bytes) in statics.iter().filter(|(p, _)| !is_css(p)) {
        let name = hashed_name(path, bytes);
        hashed.insert(name.clone(), bytes.to_vec());
        names.insert(path.clone(), name);
    }
    for (path, bytes) in statics.iter().filter(|(p, _)| is_css(p)) {
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        let mut css = String::from_utf8_lossy(bytes).into_owned();
        for (target, name) in &names {
            let rel = match dir {
                "" => Some(target.as_str()),
                d => target.strip_prefix(d).and_then(|t| t.strip_prefix('/')),
            };
            let rel_new = match dir {
                "" => Some(name.as_str()),
                d => name.strip_prefix(d).and_then(|t| t.strip_prefix('/')),
            };
            if let (Some(rel), Some(rel_new)) = (rel, rel_new) {
                for q in ["\"", "'", ""] {
                    css = css.replace(
                        &format!("url({q}{rel}{q})"),
                        &format!("url({q}{rel_new}{q})"),
                    );
                }
            }
        }
        let name = hashed_name(path, css.as_bytes());
        hashed.insert(name.clone(), css.into_bytes());
        names.insert(path.clone(), name);
    }
    (names, hashed)
}

/// `style.css` + bytes → `style.0123abcd.css`: 32 bits of FNV-1a, written out here because the
/// name must stay the same across releases of niemyet and of Rust (the standard hasher may change).
fn hashed_name(path: &str, bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let tag = format!("{:08x}", (h >> 32) as u32 ^ h as u32);
    let (dir, file) = path.rsplit_once('/').map_or(("", path), |(d, f)| (d, f));
    let file = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{tag}.{ext}"),
        _ => format!("{file}.{tag}"),
    };
    if dir.is_empty() {
        file
    } else {
        format!("{dir}/{file}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        escape_html(s, &mut out).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("escaping keeps UTF-8")
    }

    #[test]
    fn escaping_writes_what_tera_writes() {
        let mut theirs = Vec::new();
        let s = "<a href=\"x\">Tom & Jerry's</a> Đề án 06 >";
        tera::escape_html(s, &mut theirs).expect("writing to a Vec cannot fail");
        assert_eq!(ours(s), String::from_utf8(theirs).expect("UTF-8"));
        assert_eq!(
            ours("'a'&\"b\"<c>"),
            "&#39;a&#39;&amp;&quot;b&quot;&lt;c&gt;"
        );
        assert_eq!(ours(""), "");
    }

    proptest::proptest! {
        #[test]
        fn escaping_agrees_with_tera_on_any_text(s in "[<>&\"'a-zđệ ]{0,40}|\\PC{0,40}") {
            let mut theirs = Vec::new();
            tera::escape_html(&s, &mut theirs).expect("writing to a Vec cannot fail");
            proptest::prop_assert_eq!(ours(&s).into_bytes(), theirs);
        }
    }
}
