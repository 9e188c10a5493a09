//! The build, in one screen: load → validate → resolve → render → write.
//!
//! `check` runs the same steps without writing. Each step only adds diagnostics; the write step
//! runs only when the whole run has no error, so a failed build publishes nothing.

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::render::{self, OutFile, RenderOptions};
use crate::{output, project, resolve, validate};
use chrono::NaiveDate;
use std::path::PathBuf;

pub struct BuildOptions {
    pub root: PathBuf,
    /// `None` for `check`: nothing is written.
    pub out: Option<PathBuf>,
    pub sites: Vec<String>,
    pub drafts: bool,
    pub today: NaiveDate,
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

pub fn run(opts: &BuildOptions) -> Report {
    let mut report = Report::default();
    let diags = &mut report.diags;

    // 1. Load.
    let project = project::load::load(&opts.root, &opts.sites, diags);
    // 2. Validate.
    validate::project(&project, opts.today, diags);
    let theme = match render::templates::load(&opts.root, &project.theme) {
        Ok(t) => Some(t),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    let render_opts = RenderOptions {
        today: opts.today,
        root: opts.root.clone(),
    };
    let mut outputs: Vec<(String, Vec<OutFile>)> = Vec::new();
    let mut models = Vec::new();
    for site in &project.sites {
        let Some(info) = &site.info else { continue };
        // 3. Resolve.
        let model = resolve::site(&project, site, info, opts.drafts, diags);
        // 4. Render.
        let Some(theme) = &theme else { continue };
        let out = render::site(&model, theme, &render_opts, diags);
        report.sites += 1;
        report.documents += model.docs.len();
        report.pages += out.pages;
        report.attachments += out.attachments;
        outputs.push((site.code.clone(), out.files));
        models.push(model);
    }
    // The search index is only worth its cost when something will be published: `check` (and
    // `posters`, which checks first) and a run that already failed skip it. Sites are indexed
    // in parallel: Pagefind works on one core per index.
    if opts.out.is_some() && !diags.has_errors() {
        // Plain threads, not rayon: Pagefind blocks on its own runtime and may use rayon inside,
        // and a rayon worker waiting on it could leave no worker to run that work.
        let width = std::thread::available_parallelism().map_or(2, |n| n.get());
        let jobs: Vec<(&resolve::SiteModel, &Vec<OutFile>)> =
            models.iter().zip(outputs.iter().map(|(_, f)| f)).collect();
        let mut indexed: Vec<(Vec<OutFile>, Diagnostics)> = Vec::new();
        for chunk in jobs.chunks(width) {
            std::thread::scope(|s| {
                let handles: Vec<_> = chunk
                    .iter()
                    .map(|(model, files)| {
                        s.spawn(move || {
                            let mut d = Diagnostics::new();
                            let index = crate::search::index(model, files, &mut d);
                            (index, d)
                        })
                    })
                    .collect();
                for h in handles {
                    indexed.push(h.join().unwrap_or_else(|_| {
                        let mut d = Diagnostics::new();
                        d.push(Diagnostic::at_path(
                            Severity::Error,
                            "content",
                            "tim-kiem",
                            "Không tạo được chỉ mục tìm kiếm (luồng dừng bất thường).",
                        ));
                        (Vec::new(), d)
                    }));
                }
            });
        }
        for ((index, d), (_, files)) in indexed.into_iter().zip(outputs.iter_mut()) {
            files.extend(index);
            diags.extend(d.into_vec());
        }
    }
    if project.sites.is_empty() && !diags.has_errors() {
        diags.push(
            Diagnostic::at_path(Severity::Error, "content", "khong-co-don-vi", "Thư mục `content/` chưa có đơn vị nào.")
                .hint("Tạo `content/MÃ_ĐƠN_VỊ/_site.yaml`, hoặc chạy `niemyet init THƯ_MỤC` để có dự án mẫu."),
        );
    }
    // 5. Write, only when nothing is wrong.
    if let Some(out) = &opts.out
        && !diags.has_errors()
        && let Err(e) = output::publish(out, &outputs, &opts.sites)
    {
        diags.push(
            Diagnostic::at_path(
                Severity::Error,
                out.display().to_string(),
                "ghi",
                format!("Không ghi được trang: {e:#}."),
            )
            .hint("Kiểm tra chỗ trống trên ổ đĩa và quyền ghi. Trang cũ vẫn giữ nguyên."),
        );
    }
    report
}
