//! `niemyet check`: every rule of `build`, nothing written; `--format json` for editors and CI.

use super::{Format, Outcome};
use crate::pipeline::{self, BuildOptions};
use std::path::PathBuf;

pub fn run(root: PathBuf, sites: Vec<String>, format: Format) -> Outcome {
    if let Some(msg) = crate::validate::usage_unknown_sites(&root, &sites) {
        return Outcome::Usage(msg);
    }
    let report = pipeline::run(&BuildOptions {
        root,
        out: None,
        sites,
        drafts: false,
        today: pipeline::build_day(),
        cleanup: Default::default(),
    });
    match format {
        Format::Text => {
            crate::diag::print(&report.diags);
            if !report.diags.has_errors() {
                println!(
                    "Không có lỗi: {} đơn vị, {} văn bản, {} cảnh báo.",
                    report.sites,
                    report.documents,
                    report.diags.warning_count()
                );
            }
        }
        Format::Json => {
            for d in report.diags.sorted() {
                println!("{}", d.to_json());
            }
        }
    }
    if report.diags.has_errors() {
        Outcome::ContentErrors
    } else {
        Outcome::Ok
    }
}
