//! `niemyet import FILE|DIR... --site SITE` (SPEC §10): reports, per source file, what was
//! recognized and what a person must look at (`path:line` in the written file), then the
//! findings of `check` on the new files and a summary line. Exit 0 when every file was written,
//! 1 when one could not be imported (the others are still written), 2 for bad usage.

use super::{Format, Outcome};
use crate::diag::Diagnostics;
use crate::import::run::{self, Options, Report, Written};
use crate::text::number;
use std::fmt::Write as _;
use std::path::PathBuf;

pub fn run(root: PathBuf, site: String, inputs: Vec<PathBuf>, format: Format) -> Outcome {
    if let Some(msg) = crate::validate::usage_unknown_sites(&root, std::slice::from_ref(&site)) {
        return Outcome::Usage(msg);
    }
    let sources = match run::expand(&inputs) {
        Ok(s) => s,
        Err(msg) => return Outcome::Usage(msg),
    };
    let opts = Options {
        root,
        site,
        inputs,
        today: crate::pipeline::build_day(),
    };
    let report = run::run(&opts, &sources);
    match format {
        Format::Text => print_text(&report),
        Format::Json => println!("{}", json(&report)),
    }
    if report.failed() > 0 {
        Outcome::ContentErrors
    } else {
        Outcome::Ok
    }
}

/// `KẾ HOẠCH` → `Kế hoạch`.
fn type_label(loai: Option<&str>) -> String {
    let caps = loai.and_then(number::type_name).unwrap_or("VĂN BẢN");
    let lower = caps.to_lowercase();
    let mut cs = lower.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

fn vn_date(iso: &str) -> String {
    let p: Vec<&str> = iso.split('-').collect();
    match p.as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

fn describe(w: &Written) -> String {
    let s = &w.doc.summary;
    let mut out = String::new();
    let _ = writeln!(out, "  → {}", w.path);
    let mut head = type_label(s.loai.as_deref());
    match (&s.so_hieu, &s.ban_hanh_kem_theo) {
        (Some(n), _) => {
            let _ = write!(head, " số {n}");
        }
        (None, Some(w)) => {
            let _ = write!(head, " ban hành kèm theo {w}");
        }
        (None, None) if s.ban_nhap => head.push_str(" (dự thảo, chưa có số)"),
        (None, None) => head.push_str(" (không thấy số)"),
    }
    if let Some(d) = &s.ngay_ban_hanh {
        let _ = write!(head, " ngày {}", vn_date(d));
    }
    match &s.nguoi_ky {
        Some(n) if s.chuc_vu.is_empty() => {
            let _ = write!(head, " · người ký: {n}");
        }
        Some(n) => {
            let _ = write!(head, " · người ký: {n} ({})", s.chuc_vu.join(", "));
        }
        // A regulation issued with a decision is signed through the decision.
        None if s.ban_hanh_kem_theo.is_some() => {}
        None => head.push_str(" · chưa nhận ra người ký"),
    }
    let _ = writeln!(out, "    {head}");
    let _ = writeln!(
        out,
        "    {} căn cứ · {} nơi nhận · {} mục · {} chương · {} điều · {} bảng",
        s.can_cu, s.noi_nhan, s.muc, s.chuong, s.dieu, s.bang
    );
    if !w.doc.notes.is_empty() {
        let _ = writeln!(out, "    Cần xem:");
        for (line, msg) in &w.doc.notes {
            let _ = writeln!(out, "      {}:{line}: {msg}", w.path);
        }
    }
    out
}

fn print_text(report: &Report) {
    let mut failures = Diagnostics::new();
    let mut out = String::new();
    for s in &report.sources {
        match &s.result {
            Ok(docs) => {
                let _ = writeln!(out, "{}", s.source);
                for w in docs {
                    out.push_str(&describe(w));
                }
            }
            Err(r) => {
                let _ = writeln!(out, "{}: không nhập được (xem lỗi bên dưới).", s.source);
                failures.push(run::refusal_diagnostic(&s.source, r));
            }
        }
    }
    print!("{out}");
    crate::diag::print(&failures);
    crate::diag::print(&report.diags);
    println!("{}", summary_line(report));
}

fn summary_line(report: &Report) -> String {
    let docs = report.written().count();
    let notes: usize = report.written().map(|w| w.doc.notes.len()).sum();
    let failed = report.failed();
    let mut s = format!(
        "Đã nhập {docs} văn bản từ {} tệp",
        report.sources.len() - failed
    );
    if failed > 0 {
        let _ = write!(s, "; {failed} tệp không nhập được");
    }
    let _ = write!(
        s,
        "; {notes} chỗ cần xem; kiểm tra sau khi nhập: {} lỗi, {} cảnh báo.",
        report.diags.error_count(),
        report.diags.warning_count()
    );
    if report.diags.error_count() > 0 {
        s.push_str(" Sửa các lỗi trên trước khi dựng trang (`niemyet check`).");
    }
    s
}

fn json(report: &Report) -> serde_json::Value {
    let files: Vec<serde_json::Value> = report
        .sources
        .iter()
        .map(|s| match &s.result {
            Ok(docs) => serde_json::json!({
                "source": s.source,
                "documents": docs.iter().map(|w| serde_json::json!({
                    "path": w.path,
                    "recognized": w.doc.summary,
                    "notes": w.doc.notes.iter().map(|(line, m)| serde_json::json!({
                        "path": w.path, "line": line, "message": m,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "error": null,
            }),
            Err(r) => serde_json::json!({
                "source": s.source,
                "documents": [],
                "error": { "message": r.message, "hint": r.hint },
            }),
        })
        .collect();
    serde_json::json!({
        "files": files,
        "diagnostics": report.diags.sorted().iter().map(|d| d.to_json()).collect::<Vec<_>>(),
        "summary": {
            "files": report.sources.len(),
            "failed": report.failed(),
            "documents": report.written().count(),
            "notes": report.written().map(|w| w.doc.notes.len()).sum::<usize>(),
            "errors": report.diags.error_count(),
            "warnings": report.diags.warning_count(),
            "text": summary_line(report),
        },
    })
}
