//! `niemyet posters`: QR posters for residential areas (SPEC §7). Flags become `posters::Options`
//! here; the work is in `crate::posters`. A progress bar is shown only on a terminal.

use super::{Outcome, PaperSize};
use crate::diag::print as print_diagnostics;
use crate::posters::{self, Paper, Progress};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }
    fn page(&self) {
        self.0.inc(1);
    }
}

pub fn run(
    root: PathBuf,
    sites: Vec<String>,
    out: Option<PathBuf>,
    kho: PaperSize,
    areas: Vec<String>,
) -> Outcome {
    if let Some(msg) = crate::validate::usage_unknown_sites(&root, &sites) {
        return Outcome::Usage(msg);
    }
    let started = Instant::now();
    let out = out.unwrap_or_else(|| root.join("posters"));
    if let Some(msg) = crate::output::inside_project(&root, &out) {
        return Outcome::Usage(msg);
    }
    let opts = posters::Options {
        root,
        sites,
        out: out.clone(),
        paper: match kho {
            PaperSize::A4 => Paper::A4,
            PaperSize::A3 => Paper::A3,
        },
        areas,
        today: crate::pipeline::build_day(),
    };
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} trang áp phích") {
            b.set_style(style);
        }
        b
    } else {
        ProgressBar::hidden()
    };
    let outcome = posters::run(&opts, &Bar(bar.clone()));
    bar.finish_and_clear();
    match outcome {
        posters::Outcome::Usage(msg) => Outcome::Usage(msg),
        posters::Outcome::ContentErrors(diags) => {
            print_diagnostics(&diags);
            eprintln!("Chưa có áp phích nào để in: hãy sửa các lỗi trên rồi chạy lại.");
            Outcome::ContentErrors
        }
        posters::Outcome::Done(s, warnings) => {
            print_diagnostics(&warnings);
            let batches = s
                .files
                .iter()
                .filter(|f| f.ends_with(posters::BATCH_FILE))
                .count();
            println!(
                "Đã in {} áp phích khổ {} vào {}: {} tệp PDF ({} tệp gộp để in một lần), {}, {} giây.",
                s.posters,
                match kho {
                    PaperSize::A4 => "A4",
                    PaperSize::A3 => "A3",
                },
                out.display(),
                s.files.len(),
                batches,
                crate::render::views::human_size(s.bytes),
                format!("{:.2}", started.elapsed().as_secs_f64()).replace('.', ",")
            );
            if s.two_sided {
                println!(
                    "Mặt sau của mỗi áp phích là mã QR của từng dịch vụ: in hai mặt (lật theo cạnh dài); tệp gộp đã xếp mặt trước, mặt sau liền nhau."
                );
            }
            if s.new_codes > 0 {
                println!(
                    "Sổ mã QR: thêm {} mã mới vào {}. Hãy giữ và sao lưu sổ này cùng nội dung, không sửa tay: mỗi mã đã in phải còn trong sổ.",
                    s.new_codes,
                    s.ledgers.join(", ")
                );
            } else {
                println!("Sổ mã QR: không có mã mới, các mã đã in được dùng lại.");
            }
            Outcome::Ok
        }
    }
}
