//! `niemyet build`: build every site (or `--site` ones) into `--out`, atomically.

use super::Outcome;
use crate::pipeline::{self, BuildOptions};
use std::path::PathBuf;
use std::time::Instant;

pub fn run(root: PathBuf, out: Option<PathBuf>, sites: Vec<String>, drafts: bool) -> Outcome {
    if let Some(msg) = crate::validate::usage_unknown_sites(&root, &sites) {
        return Outcome::Usage(msg);
    }
    let out = out.unwrap_or_else(|| root.join("public"));
    // A build killed mid-swap (non-Linux fallback) left the last site aside: restore it first, so
    // that even a failing run leaves the previous site in place.
    let _ = crate::output::recover_interrupted(&out);
    if let Err(msg) = crate::output::check_out_dir(&root, &out) {
        return Outcome::Usage(msg);
    }
    let started = Instant::now();
    let report = pipeline::run(&BuildOptions {
        root,
        out: Some(out.clone()),
        sites,
        drafts,
        today: pipeline::build_day(),
        cleanup: crate::output::Cleanup::Background,
    });
    crate::diag::print(&report.diags);
    if report.diags.has_errors() {
        eprintln!(
            "Không công bố gì: hãy sửa các lỗi trên rồi chạy lại. Trang cũ (nếu có) vẫn giữ nguyên."
        );
        return Outcome::ContentErrors;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "Đã dựng {} đơn vị vào {}: {} văn bản, {} trang, {} tệp đính kèm, {} cảnh báo, trong {} giây.",
        report.sites,
        out.display(),
        report.documents,
        report.pages,
        report.attachments,
        report.diags.warning_count(),
        format!("{secs:.2}").replace('.', ",")
    );
    Outcome::Ok
}
