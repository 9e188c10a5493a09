//! The build, in one screen: load → validate → resolve → render → write.
//!
//! `check` runs the same steps without writing. Each step only adds diagnostics; the write step
//! runs only when the whole run has no error, so a failed build publishes nothing.

use crate::diag::{Code, Diagnostic, Diagnostics, Severity};
use crate::project::Project;
use crate::render::templates::Theme;
use crate::render::{self, OutFile, RenderOptions};
use crate::resolve::SiteModel;
use crate::routes::Routes;
use crate::{output, project, resolve, validate};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct BuildOptions {
    pub root: PathBuf,
    /// `None` for `check`: nothing is written.
    pub out: Option<PathBuf>,
    pub sites: Vec<String>,
    pub drafts: bool,
    pub today: NaiveDate,
    /// How the previous output goes once the new one is in place.
    pub cleanup: output::Cleanup,
}

#[derive(Default)]
pub struct Report {
    pub diags: Diagnostics,
    pub sites: usize,
    pub documents: usize,
    pub pages: usize,
    pub attachments: usize,
}

/// The build day (SPEC §3): `SOURCE_DATE_EPOCH` when set, else today in Vietnam (UTC+7).
pub fn build_day() -> NaiveDate {
    let vn = chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset");
    if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        && let Some(t) = chrono::DateTime::from_timestamp(secs, 0)
    {
        return t.with_timezone(&vn).date_naive();
    }
    chrono::Utc::now().with_timezone(&vn).date_naive()
}

/// A `SOURCE_DATE_EPOCH` that is set but is not a date: the build day would silently become
/// today, and with it every validity status (issue #13). `None` when unset or valid.
pub fn invalid_source_date_epoch() -> Option<String> {
    let raw = std::env::var_os("SOURCE_DATE_EPOCH")?;
    let valid = raw
        .to_str()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .is_some();
    (!valid).then(|| {
        format!(
            "biến môi trường SOURCE_DATE_EPOCH = `{}` không phải một thời điểm: cần số giây kể từ 1970-01-01 UTC (ví dụ `1767200400`). Sửa giá trị, hoặc bỏ biến này để dùng ngày hôm nay.",
            crate::text::chars::escape_for_terminal(&raw.to_string_lossy())
        )
    })
}

/// With `NIEMYET_TIMINGS` set, each step's wall time goes to standard error (for profiling;
/// `cargo bench --bench build` reports whole runs).
struct Timings(Option<std::time::Instant>);

impl Timings {
    fn new() -> Self {
        Timings(std::env::var_os("NIEMYET_TIMINGS").map(|_| std::time::Instant::now()))
    }
    fn step(&mut self, name: &str) {
        if let Some(t) = &mut self.0 {
            eprintln!("{name:>10}: {:6.0} ms", t.elapsed().as_secs_f64() * 1000.0);
            *t = std::time::Instant::now();
        }
    }
}

pub fn run(opts: &BuildOptions) -> Report {
    let mut report = Report::default();
    let mut timings = Timings::new();
    // 1 + 2. Load and validate; the bodies, checked, are read again page by page.
    let (project, theme) = load(opts, true, &mut report.diags, &mut timings);
    // 3. Resolve every site first: most content errors are known before anything is written.
    let models = resolve_sites(&project, opts.drafts, &mut report.diags);
    timings.step("resolve");
    // 4 + 5. Render and write.
    if let Some(theme) = &theme {
        render_and_write(opts, models, theme, &mut report, &mut timings);
    }
    if project.sites.is_empty() && !report.diags.has_errors() {
        report.diags.push(no_sites());
    }
    free(project);
    report
}

/// Frees a project's documents on every core: dropped here on one, a province's hundred thousand
/// documents kept the build waiting after its site was already published.
fn free(project: Project) {
    project
        .sites
        .into_par_iter()
        .flat_map(|site| site.documents)
        .for_each(drop);
}

/// The project, loaded and checked without rendering a page: loaded, validated, resolved, every
/// body's links checked and the theme's templates parsed. `posters` prints from this project
/// when the diagnostics have no error.
pub fn check_content(opts: &BuildOptions) -> (Project, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut timings = Timings::new();
    let (project, _theme) = load(opts, false, &mut diags, &mut timings);
    for model in resolve_sites(&project, opts.drafts, &mut diags) {
        let routes = Routes::of(&model, std::iter::empty());
        render::check_links(&model, &routes, &mut diags);
    }
    if project.sites.is_empty() && !diags.has_errors() {
        diags.push(no_sites());
    }
    (project, diags)
}

/// Steps 1 and 2: the project read and validated, and its theme (`None` when it has errors).
/// Each document is checked as soon as it is read; with `release`, its body is then dropped
/// (`build` reads it again for its page), so that a province's texts are never all in memory.
fn load(
    opts: &BuildOptions,
    release: bool,
    diags: &mut Diagnostics,
    timings: &mut Timings,
) -> (Project, Option<Theme>) {
    // Bytes of texts kept for their pages so far ([`KEPT_TEXTS`]).
    let kept = AtomicUsize::new(0);
    let each = |site: &project::Site, docs: &mut [project::Document], d: &mut Vec<Diagnostic>| {
        validate::documents(site, docs, opts.today, d);
        if release {
            docs.par_iter_mut().for_each(|doc| {
                // A draft gets no page unless drafts are built: its text is not worth keeping.
                let len = doc.file.text.len();
                let keep = (opts.drafts || !doc.draft)
                    && kept.fetch_add(len, Ordering::Relaxed) + len <= KEPT_TEXTS;
                doc.release_body(keep);
            });
        }
    };
    let project = project::load::load_with(&opts.root, &opts.sites, diags, &each);
    timings.step("load");
    validate::project_but_documents(&project, opts.today, diags);
    timings.step("validate");
    let files = project::theme::read(&opts.root, &project.theme);
    let theme = match files.and_then(render::templates::load) {
        Ok(t) => Some(t),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    (project, theme)
}

/// How many bytes of checked document texts a build keeps in memory for their pages: the first
/// ones loaded; the others are read again page by page. A page made from a kept text spares the
/// build opening, reading and hashing its file once more (at 10,000 documents, all kept: 7 % of
/// the build's time, 40 MB more at its peak); each text leaves memory with its page. A province
/// of 100,000 keeps a tenth of its texts: 20 MB more at its peak, under its 600 MiB.
const KEPT_TEXTS: usize = 64 << 20;

/// Step 3: the model of every site that has its `_site.yaml`.
fn resolve_sites<'p>(
    project: &'p Project,
    drafts: bool,
    diags: &mut Diagnostics,
) -> Vec<SiteModel<'p>> {
    // Sites side by side (most of a site's resolution runs on one core); their problems are
    // kept in site order.
    let resolved: Vec<(SiteModel, Diagnostics)> = project
        .sites
        .par_iter()
        .filter_map(|site| {
            let info = site.info.as_ref()?;
            let mut d = Diagnostics::new();
            let model = resolve::site(project, site, info, drafts, &mut d);
            Some((model, d))
        })
        .collect();
    resolve::forget_memos();
    let mut models = Vec::with_capacity(resolved.len());
    for (model, d) in resolved {
        models.push(model);
        diags.extend(d.into_vec());
    }
    models
}

/// Steps 4 and 5. When publishing, each file is written to the staging folder as soon as it is
/// rendered and fed to the search index: a big site is never whole in memory, and writing
/// overlaps rendering. Only a run without any error swaps the staging folder in.
fn render_and_write(
    opts: &BuildOptions,
    models: Vec<SiteModel>,
    theme: &Theme,
    report: &mut Report,
    timings: &mut Timings,
) {
    let diags = &mut report.diags;
    let render_opts = RenderOptions {
        today: opts.today,
        root: opts.root.clone(),
    };
    let mut staging = None;
    if let (Some(out), false) = (&opts.out, diags.has_errors()) {
        let rebuilt: Vec<String> = if opts.sites.is_empty() {
            Vec::new()
        } else {
            models.iter().map(|m| m.site.code.clone()).collect()
        };
        match output::Staging::begin(out, &rebuilt, opts.cleanup) {
            Ok(s) => staging = Some(s),
            Err(e) => diags.push(write_error(out, &e)),
        }
    }
    let write_failed: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let write = |code: &str, f: &OutFile| {
        if let Some(s) = &staging
            && let Err(e) = s.write(code, f)
        {
            let mut failed = write_failed.lock().unwrap_or_else(|e| e.into_inner());
            failed.get_or_insert(e);
        }
    };
    // A site's search index is written while the next site renders: its serial parts (sorting
    // the pages, cutting chunks) leave a core free that the next site's pages take.
    rayon::scope(|scope| {
        for model in models {
            let code = model.site.code.clone();
            let routes = Routes::of(&model, theme.static_paths());
            let indexer = staging
                .as_ref()
                .map(|_| crate::search::Indexer::new(&model, &routes));
            let emit = |f: OutFile| -> Option<OutFile> {
                if let Some(ix) = &indexer {
                    ix.add(&f);
                }
                write(&code, &f);
                None
            };
            let out = render::site(&model, &routes, theme, &render_opts, &emit, diags);
            report.sites += 1;
            report.documents += model.docs.len();
            report.pages += out.pages;
            report.attachments += out.attachments;
            timings.step("render");
            // The site's model and route table are done with: a province's are a fifth of the
            // build's memory, and the index's postings are about to be made.
            let pages = indexer.map(crate::search::Indexer::into_pages);
            drop(routes);
            drop(model);
            // The search index is only worth its cost when something will be published: `check`
            // (and `posters`, which checks first) and a run that already failed skip it.
            if let Some(pages) = pages
                && !diags.has_errors()
            {
                let write = &write;
                scope.spawn(move |_| pages.finish().par_iter().for_each(|f| write(&code, f)));
            }
        }
    });
    timings.step("search");
    if let (Some(out), Some(e)) = (&opts.out, write_failed.into_inner().unwrap_or(None)) {
        diags.push(write_error(out, &e));
    }
    // Swap the new site in, only when nothing is wrong; otherwise the staging folder is dropped
    // and the previous site stays as it was.
    if let (Some(out), Some(s)) = (&opts.out, staging)
        && !diags.has_errors()
        && let Err(e) = s.commit()
    {
        diags.push(write_error(out, &e));
    }
    timings.step("write");
}

fn no_sites() -> Diagnostic {
    Diagnostic::at_path(
        Severity::Error,
        "content",
        Code::KhongCoDonVi,
        "Thư mục `content/` chưa có đơn vị nào.",
    )
    .hint("Tạo `content/MÃ_ĐƠN_VỊ/_site.yaml`, hoặc chạy `niemyet init THƯ_MỤC` để có dự án mẫu.")
}

fn write_error(out: &std::path::Path, e: &anyhow::Error) -> Diagnostic {
    Diagnostic::at_path(
        Severity::Error,
        out.display().to_string(),
        Code::Ghi,
        format!("Không ghi được trang: {e:#}."),
    )
    .hint("Kiểm tra chỗ trống trên ổ đĩa và quyền ghi. Trang cũ vẫn giữ nguyên.")
}
