//! One `import` run: the sources expanded from files and folders, each read and recognized (in
//! parallel), the documents written under `content/SITE/van-ban/YEAR/` without ever replacing a
//! file, then the rules of `check` run on the site: their findings about the new files, and what
//! the new files changed elsewhere (compared with a check before writing), are kept.
//!
//! A source that cannot be imported does not stop the others. Nothing here prints: the command
//! (`cli/import.rs`) reports, and the benchmark calls the same function.

use super::write::{Imported, SiteDefaults};
use super::{Refusal, layout, write};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::pipeline::{self, BuildOptions};
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub struct Options {
    pub root: PathBuf,
    pub site: String,
    pub inputs: Vec<PathBuf>,
    pub today: NaiveDate,
}

/// The outcome for one source file.
pub struct SourceReport {
    /// The source as the user named it (or as found in the folder they named).
    pub source: String,
    pub result: Result<Vec<Written>, Refusal>,
}

/// A document written by the run.
pub struct Written {
    /// Path relative to the project root, as diagnostics name files: `content/SITE/van-ban/...`.
    pub path: String,
    pub doc: Imported,
}

pub struct Report {
    pub sources: Vec<SourceReport>,
    /// Findings of `check` about the written files.
    pub diags: Diagnostics,
}

impl Report {
    pub fn failed(&self) -> usize {
        self.sources.iter().filter(|s| s.result.is_err()).count()
    }

    pub fn written(&self) -> impl Iterator<Item = &Written> {
        self.sources
            .iter()
            .filter_map(|s| s.result.as_ref().ok())
            .flatten()
    }
}

/// The source files named by the user: files as given, folders walked (sorted) for the files
/// an import takes. A name that does not exist is bad usage.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let before = out.len();
            for e in walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
            {
                if e.file_type().is_file() && super::is_candidate(e.path()) {
                    out.push(e.path().to_path_buf());
                }
            }
            if out.len() == before {
                return Err(format!(
                    "thư mục `{}` không có tệp .docx hay .txt nào để nhập.",
                    input.display()
                ));
            }
        } else if input.exists() {
            out.push(input.clone());
        } else {
            return Err(format!(
                "không tìm thấy `{}`. Chỉ ra tệp .docx, .txt hoặc thư mục chứa chúng.",
                input.display()
            ));
        }
    }
    Ok(out)
}

/// The site's `co_quan` and `dia_danh`, which documents leave to the default.
pub fn site_defaults(root: &Path, site: &str) -> SiteDefaults {
    let mut ignored = Diagnostics::new();
    let project = crate::project::load::load(root, &[site.to_string()], &mut ignored);
    project
        .sites
        .iter()
        .find(|s| s.code == site)
        .and_then(|s| s.info.as_ref())
        .map(|info| SiteDefaults {
            issuer: info.issuer.clone(),
            place: info.place.clone(),
        })
        .unwrap_or_default()
}

/// Reads and recognizes one source into the documents it holds.
pub fn convert(
    path: &Path,
    defaults: &SiteDefaults,
    this_year: i32,
) -> Result<Vec<Imported>, Refusal> {
    let blocks = super::read(path)?;
    let found = layout::recognize(blocks);
    if found
        .iter()
        .all(|d| d.title.is_none() && d.number.is_none() && d.body.is_empty())
    {
        return Err(Refusal::new(
            "Tệp không có chữ nào để nhập.",
            "Tệp Word chỉ có ảnh quét thì không có chữ: xin bản Word gốc từ nơi ban hành.",
        ));
    }
    Ok(write::documents(found, defaults, this_year))
}

pub fn run(opts: &Options, sources: &[PathBuf]) -> Report {
    let defaults = site_defaults(&opts.root, &opts.site);
    let converted: Vec<Result<Vec<Imported>, Refusal>> = sources
        .par_iter()
        .map(|p| convert(p, &defaults, opts.today.year()))
        .collect();
    // What `check` says before: a new document can make other files' references ambiguous.
    let before = if converted.iter().any(Result::is_ok) {
        check_site(opts)
    } else {
        Vec::new()
    };
    let site_dir = opts.root.join("content").join(&opts.site);
    let mut stems = existing_stems(&site_dir);
    let mut reports = Vec::with_capacity(sources.len());
    for (path, result) in sources.iter().zip(converted) {
        let result = result.and_then(|docs| write_all(&site_dir, &opts.site, docs, &mut stems));
        reports.push(SourceReport {
            source: path.display().to_string(),
            result,
        });
    }
    let mut report = Report {
        sources: reports,
        diags: Diagnostics::new(),
    };
    if report.written().next().is_some() {
        report.diags = check_written(opts, &report, &before);
    }
    report
}

/// File names (without `.md`) of the site's documents: a page's address comes from its file
/// name, so two documents of a site must not share one (SPEC §9).
fn existing_stems(site_dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(site_dir.join("van-ban"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".md").map(crate::text::slug::slugify)
        })
        .collect()
}

/// Numbers restart every year: `ke-hoach-02` of 2022 next to the one of 2025 becomes
/// `ke-hoach-02-2022`, so both keep their own address.
fn unique_name(doc: &mut Imported, stems: &BTreeSet<String>) {
    let Some((dir, file)) = doc.rel_path.rsplit_once('/') else {
        return;
    };
    let stem = file.trim_end_matches(".md");
    if !stems.contains(stem) {
        return;
    }
    let year = dir.rsplit('/').next().unwrap_or("");
    doc.rel_path = format!("{dir}/{stem}-{year}.md");
}

/// Writes the documents of one source, none if any of their files already exists.
fn write_all(
    site_dir: &Path,
    site: &str,
    mut docs: Vec<Imported>,
    stems: &mut BTreeSet<String>,
) -> Result<Vec<Written>, Refusal> {
    for d in &mut docs {
        if site_dir.join(&d.rel_path).exists() {
            return Err(exists(site, &d.rel_path));
        }
        unique_name(d, stems);
        if site_dir.join(&d.rel_path).exists() {
            return Err(exists(site, &d.rel_path));
        }
    }
    for d in &docs {
        if let Some(stem) = d.rel_path.rsplit('/').next() {
            stems.insert(stem.trim_end_matches(".md").to_string());
        }
    }
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        let target = site_dir.join(&d.rel_path);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| {
                use std::io::Write;
                let mut f = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&target)?;
                f.write_all(d.text.as_bytes())
            });
        match written {
            Ok(()) => out.push(Written {
                path: format!("content/{site}/{}", d.rel_path),
                doc: d,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(exists(site, &d.rel_path));
            }
            Err(_) => {
                return Err(Refusal::new(
                    format!("Không ghi được `content/{site}/{}`.", d.rel_path),
                    "Kiểm tra quyền ghi và chỗ trống trên ổ đĩa.",
                ));
            }
        }
    }
    Ok(out)
}

fn exists(site: &str, rel: &str) -> Refusal {
    Refusal::new(
        format!("Tệp `content/{site}/{rel}` đã có: không ghi đè."),
        "Nếu văn bản này đã được nhập, không cần nhập lại; nếu là văn bản khác trùng số, đổi tên tệp đã có (hoặc xóa nó) rồi nhập lại.",
    )
}

/// Everything `check` says about the site (SPEC §8/§9), without rendering a page.
fn check_site(opts: &Options) -> Vec<Diagnostic> {
    let (_, found) = pipeline::check_content(&BuildOptions {
        root: opts.root.clone(),
        out: None,
        sites: vec![opts.site.clone()],
        drafts: false,
        today: opts.today,
        cleanup: Default::default(),
    });
    found.into_vec()
}

/// The rules of `check` (SPEC §8/§9) on the site, keeping what concerns the new files and what
/// the new files changed elsewhere (a reference that became ambiguous).
fn check_written(opts: &Options, report: &Report, before: &[Diagnostic]) -> Diagnostics {
    let written: BTreeSet<&str> = report.written().map(|w| w.path.as_str()).collect();
    let key = |d: &Diagnostic| (d.path.clone(), d.pos, d.code, d.message.clone());
    let known: BTreeSet<_> = before.iter().map(key).collect();
    let mut diags = Diagnostics::new();
    diags.extend(
        check_site(opts)
            .into_iter()
            .filter(|d| written.contains(d.path.as_str()) || !known.contains(&key(d))),
    );
    diags
}

/// A refusal as a diagnostic about the source file.
pub fn refusal_diagnostic(source: &str, r: &Refusal) -> Diagnostic {
    Diagnostic::at_path(
        Severity::Error,
        source.to_string(),
        "nhap",
        r.message.clone(),
    )
    .hint(r.hint.clone())
}
