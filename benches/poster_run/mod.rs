//! Posters for N residential areas (issue 18.4): generates a district project of N areas (25 per
//! commune, two helpers each, four services on the back) and times `niemyet posters` on it as a
//! child process, like a clerk runs it: load, check, lay out, PDFs, write. One untimed run first
//! writes the ledger (every later run reuses its codes, as a reprint does); then the median of
//! `runs` timed runs, and the size of the area posters (median and largest, in KB).
//!
//! Used by `cargo bench --bench posters [-- N [RUNS]]` and `cargo bench --bench build --
//! posters N [RUNS]`. It never asserts on time: it prints figures for the README.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// 2026-01-01, so that the printed date does not move between runs.
const EPOCH: &str = "1767200400";
const AREAS_PER_COMMUNE: usize = 25;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("a file inside the project")).expect("mkdir");
    std::fs::write(p, text).expect("write the generated project");
}

/// A district site with `n` areas and the shared guides of the example project.
fn project(root: &Path, n: usize) {
    let guides = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/_chung/dich-vu");
    for e in std::fs::read_dir(guides).expect("the example guides") {
        let e = e.expect("a guide");
        let name = e.file_name().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(e.path()).expect("a guide's text");
        write(root, &format!("content/_chung/dich-vu/{name}"), &text);
    }
    let mut s = String::from(
        "ten: \"Huyện Hướng Hóa\"\ncap: huyen\ntinh: \"Quảng Trị\"\n\
         base_url: \"https://dean06.huonghoa.gov.vn/\"\nduong_day_nong: \"0233 3852 006\"\n\
         dich_vu_tren_poster: [dang-ky-tam-tru, lien-thong-khai-sinh, lien-thong-khai-tu, giam-tru-bhyt-ho-gia-dinh]\n\
         don_vi:\n",
    );
    let mut phone = 0;
    for c in 0..n.div_ceil(AREAS_PER_COMMUNE) {
        s.push_str(&format!(
            "  - ma: xa-{c}\n    ten: \"Xã Hướng Phùng {c}\"\n    khu_dan_cu:\n"
        ));
        for a in 0..AREAS_PER_COMMUNE.min(n - c * AREAS_PER_COMMUNE) {
            s.push_str(&format!(
                "      - ma: thon-{a}\n        ten: \"Thôn Xuân Hòa {a}\"\n        lien_he:\n"
            ));
            for (who, title) in [
                ("Nguyễn Văn Lực", "Trưởng thôn"),
                ("Trần Thị Ngọc", "Bí thư Chi đoàn"),
            ] {
                phone += 1;
                s.push_str(&format!(
                    "          - {{ho_ten: \"{who}\", chuc_vu: \"{title}\", dien_thoai: \"0912 {:03} {:03}\"}}\n",
                    phone / 1000 % 1000,
                    phone % 1000
                ));
            }
        }
    }
    write(root, "content/huong-hoa/_site.yaml", &s);
}

/// One `niemyet posters` run, in seconds. `NIEMYET_BIN` times another build of niemyet (an
/// older commit, for a before/after figure).
fn posters(root: &Path) -> f64 {
    let bin =
        std::env::var_os("NIEMYET_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_niemyet").into());
    let started = Instant::now();
    let out = Command::new(bin)
        .arg("posters")
        .arg("--root")
        .arg(root)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("run niemyet");
    let secs = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    secs
}

/// Arguments: `[N [RUNS]]` (1,000 areas, 5 runs).
pub fn main(args: &[String]) {
    let n: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5).max(1);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    project(root, n);
    posters(root);
    let mut times: Vec<f64> = (0..runs).map(|_| posters(root)).collect();
    times.sort_by(|a, b| a.total_cmp(b));
    let mut sizes: Vec<u64> = walkdir::WalkDir::new(root.join("posters"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('_'))
        .filter_map(|e| e.metadata().ok().map(|m| m.len()))
        .collect();
    sizes.sort();
    let batch = |rel: &str| {
        std::fs::metadata(root.join("posters/huong-hoa").join(rel)).map_or(0, |m| m.len())
    };
    println!(
        "posters: {n} areas ({} communes of up to {AREAS_PER_COMMUNE}), A4, {} cores",
        n.div_ceil(AREAS_PER_COMMUNE),
        std::thread::available_parallelism().map_or(1, |p| p.get())
    );
    println!(
        "  niemyet posters: median {:.2} s of {runs} runs (fastest {:.2} s, slowest {:.2} s)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    if let (Some(median), Some(max)) = (sizes.get(sizes.len() / 2), sizes.last()) {
        println!(
            "  one area's poster (front and back): median {:.1} KB, largest {:.1} KB; commune batch {:.0} KB; site batch {:.1} MB",
            *median as f64 / 1000.0,
            *max as f64 / 1000.0,
            batch("xa-0/_tat-ca.pdf") as f64 / 1000.0,
            batch("_tat-ca.pdf") as f64 / 1e6
        );
    }
}
