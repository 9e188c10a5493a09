//! `niemyet publish`: build, then send each site's changed files to its hosting (SPEC §11).
//!
//! The build goes to `ROOT/public`, as `build` does, so what is published is exactly what a clerk
//! can open on disk. Nothing is sent when the content has errors or placeholders (exit 1); a
//! hosting failure exits 3 with what to check, after the other sites were tried. `--dry-run`
//! connects and reads, and changes nothing.

use super::Outcome;
use crate::diag::Code;
use crate::diag::Diagnostics;
use crate::diag::print as print_diagnostics;
use crate::pipeline::{self, BuildOptions};
use crate::project::Located;
use crate::publish::{self, Action, Failure, Plan, Progress, Summary, Target};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub struct Options {
    pub root: PathBuf,
    pub sites: Vec<String>,
    pub dry_run: bool,
    pub max_deletes: usize,
}

pub fn run(opts: Options) -> Outcome {
    let root = &opts.root;
    if let Some(msg) = crate::validate::usage_unknown_sites(root, &opts.sites) {
        return Outcome::Usage(msg);
    }
    let mut d = Vec::new();
    let settings = crate::project::load::settings(root, &mut d);
    let mut diags = Diagnostics::new();
    diags.extend(d);
    if diags.has_errors() {
        return content_errors(&diags);
    }
    let targets = match chosen_targets(&settings, &opts.sites) {
        Ok(t) => t,
        Err(msg) => return Outcome::Usage(msg),
    };
    let file = settings.file.as_ref();
    for (site, target) in &targets {
        if !root.join("content").join(site).is_dir()
            && let Some(file) = file
        {
            diags.push(
                file.error(
                    target.pos,
                    Code::XuatBan,
                    format!(
                        "`xuat_ban` có đơn vị `{site}` nhưng không có thư mục `content/{site}/`."
                    ),
                )
                .hint("Sửa mã đơn vị cho đúng tên thư mục, hoặc xóa dòng này."),
            );
        }
    }
    if diags.has_errors() {
        return content_errors(&diags);
    }
    let out = root.join("public");
    if let Err(outcome) = build(root, &out, &targets) {
        return outcome;
    }
    let mut failed = false;
    for (site, target) in &targets {
        let ok = publish_site(&out.join(site), site, &target.value, &opts);
        failed |= !ok;
    }
    if failed {
        Outcome::HostingFailed
    } else {
        Outcome::Ok
    }
}

/// The sites to publish with their targets: `--site` ones, or every site of `xuat_ban`.
fn chosen_targets(
    settings: &crate::project::load::Settings,
    sites: &[String],
) -> Result<Vec<(String, Located<Target>)>, String> {
    if settings.publish.is_empty() {
        return Err(
            "Chưa có nơi đăng trang nào. Thêm vào `niemyet.yaml`, ví dụ:\n  xuat_ban:\n    \
                    nam-dong: s3://ten-bucket/?endpoint=https://s3.nha-cung-cap.vn&region=hn\n\
                    (xem docs/xuat-ban.md)."
                .into(),
        );
    }
    if sites.is_empty() {
        return Ok(settings
            .publish
            .iter()
            .map(|(s, t)| (s.clone(), t.clone()))
            .collect());
    }
    let mut out: Vec<(String, Located<Target>)> = Vec::new();
    for s in sites {
        if out.iter().any(|(done, _)| done == s) {
            continue;
        }
        match settings.publish.get(s) {
            Some(t) => out.push((s.clone(), t.clone())),
            None => {
                return Err(format!(
                    "Đơn vị `{s}` chưa có nơi đăng trang: thêm `{s}: ĐỊA_CHỈ` vào `xuat_ban` trong `niemyet.yaml` (xem docs/xuat-ban.md)."
                ));
            }
        }
    }
    Ok(out)
}

/// Builds the chosen sites into `out` and refuses placeholders. `Err` carries the outcome.
fn build(root: &Path, out: &Path, targets: &[(String, Located<Target>)]) -> Result<(), Outcome> {
    let _ = crate::output::recover_interrupted(out);
    if let Err(msg) = crate::output::check_out_dir(root, out) {
        return Err(Outcome::Usage(msg));
    }
    let sites: Vec<String> = targets.iter().map(|(s, _)| s.clone()).collect();
    let report = pipeline::run(&BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        sites: sites.clone(),
        drafts: false,
        today: pipeline::build_day(),
        cleanup: crate::output::Cleanup::Background,
    });
    // Placeholders are warnings for a build, errors for what goes live (SPEC §9).
    use crate::validate::placeholders::Refusal;
    let diags = crate::validate::placeholders::refuse(report.diags, Refusal::Publish);
    if diags.has_errors() {
        return Err(content_errors(&diags));
    }
    print_diagnostics(&diags);
    println!(
        "Đã dựng {} đơn vị vào {}: {} văn bản, {} trang, {} tệp đính kèm.",
        report.sites,
        out.display(),
        report.documents,
        report.pages,
        report.attachments
    );
    Ok(())
}

fn content_errors(diags: &Diagnostics) -> Outcome {
    print_diagnostics(diags);
    eprintln!("Không đăng gì: hãy sửa các lỗi trên rồi chạy lại. Trang đang đăng vẫn giữ nguyên.");
    Outcome::ContentErrors
}

/// Publishes one site; prints the plan or the summary, or what went wrong. `false` on failure.
fn publish_site(dir: &Path, site: &str, target: &Target, opts: &Options) -> bool {
    let started = Instant::now();
    println!("Đơn vị {site} → {target}");
    let mut hosting = match publish::connect(target) {
        Ok(h) => h,
        Err(e) => return report_failure(Failure::Host(e)),
    };
    let (plan, remote) = match publish::prepare(hosting.as_mut(), dir) {
        Ok(p) => p,
        Err(f) => return report_failure(f),
    };
    if opts.dry_run {
        print_plan(&plan, opts.max_deletes);
        return true;
    }
    let bar = Bar::new();
    let result = publish::execute(hosting.as_mut(), plan, &remote, opts.max_deletes, &bar);
    bar.0.finish_and_clear();
    match result {
        Ok(s) => {
            print_summary(&s, started.elapsed().as_secs_f64());
            true
        }
        Err(f) => report_failure(f),
    }
}

fn report_failure(f: Failure) -> bool {
    match f {
        Failure::Host(e) => eprintln!(
            "lỗi: {e}\n  Chưa xóa tệp nào; trang đang đăng vẫn hoạt động. Sửa xong, chạy lại `niemyet publish` để hoàn tất."
        ),
        Failure::TooManyDeletes { deletes, max } => {
            eprintln!(
                "lỗi: Lần đăng này sẽ xóa {} tệp khỏi nơi lưu trữ, nhiều hơn giới hạn {max}. Chưa gửi và chưa xóa gì.",
                deletes.len()
            );
            for p in &deletes {
                eprintln!("  sẽ xóa: {p}");
            }
            eprintln!(
                "  gợi ý: Nếu đúng là các trang này đã bị bỏ, chạy lại với `--max-deletes {}`; nếu không, kiểm tra thư mục `content/` và mục `xuat_ban`.",
                deletes.len()
            );
        }
        Failure::Local(msg) => eprintln!("lỗi: {msg} Chưa gửi gì; hãy chạy lại `niemyet publish`."),
    }
    false
}

fn print_plan(plan: &Plan, max_deletes: usize) {
    println!("Chạy thử: không gửi, không xóa gì trên nơi lưu trữ.");
    for (action, title) in [
        (Action::Upload, "Tải lên mới"),
        (Action::Replace, "Thay thế"),
    ] {
        let files: Vec<_> = plan.sends.iter().filter(|(_, a)| *a == action).collect();
        let bytes: u64 = files.iter().map(|(f, _)| f.size).sum();
        println!("{title}: {} tệp, {}", files.len(), size(bytes));
        for (f, _) in files {
            println!("  {:<12} {}", short_step(f.step()), f.path);
        }
    }
    println!("Xóa: {} tệp", plan.deletes.len());
    for p in &plan.deletes {
        println!("  {p}");
    }
    if plan.deletes.len() > max_deletes {
        println!(
            "  (nhiều hơn giới hạn {max_deletes}: lần đăng thật sẽ dừng trước khi gửi, trừ khi chạy với `--max-deletes {}`)",
            plan.deletes.len()
        );
    }
    println!("Giữ nguyên: {} tệp", plan.unchanged.len());
}

fn short_step(step: publish::Step) -> &'static str {
    match step {
        publish::Step::Attachments => "[đính kèm]",
        publish::Step::Assets => "[giao diện]",
        publish::Step::Data => "[dữ liệu]",
        publish::Step::Pages => "[trang]",
        publish::Step::Home => "[trang chủ]",
    }
}

fn print_summary(s: &Summary, secs: f64) {
    println!(
        "Đã đăng: gửi {} tệp ({} mới, {} thay thế), {}; xóa {} tệp; {} tệp không đổi; trong {} giây.",
        s.uploaded + s.replaced,
        s.uploaded,
        s.replaced,
        size(s.bytes_sent),
        s.deleted,
        s.unchanged,
        format!("{secs:.1}").replace('.', ",")
    );
}

/// `1,2 MB`, `340 KB`, `12 byte`: Vietnamese decimal comma.
fn size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0).replace('.', ",")
    } else if bytes >= 1_000 {
        format!("{} KB", bytes.div_ceil(1_000))
    } else {
        format!("{bytes} byte")
    }
}

/// A progress bar on a terminal only (SPEC §1).
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Bar {
        if !std::io::stderr().is_terminal() {
            return Bar(ProgressBar::hidden());
        }
        let b = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg}") {
            b.set_style(style);
        }
        Bar(b)
    }
}

impl Progress for Bar {
    fn start(&self, _files: u64, bytes: u64) {
        self.0.set_length(bytes);
    }
    fn sent(&self, path: &str, bytes: u64) {
        self.0.inc(bytes);
        self.0.set_message(path.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_vietnamese() {
        assert_eq!(size(12), "12 byte");
        assert_eq!(size(3_400), "4 KB");
        assert_eq!(size(1_260_000), "1,3 MB");
    }
}
