//! Benchmark: posters for 1,000 residential areas (a district site: the size of a province) (40 communes × 25 areas, two
//! contacts each, four services per poster), A4.
//!
//! Run: `cargo bench --bench posters` (release profile). Prints the time of the project check
//! alone, of the whole `posters` run (check included), of a second run (every code reused), and
//! the sizes of one poster, of a commune's batch and of the province's batch.

use niemyet::pipeline::{self, BuildOptions};
use niemyet::posters::{self, Options, Outcome, Paper};
use std::path::Path;
use std::time::Instant;

const COMMUNES: usize = 40;
const AREAS: usize = 25;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn province(root: &Path) {
    let guides = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/_chung/dich-vu");
    for e in std::fs::read_dir(guides).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        write(
            root,
            &format!("content/_chung/dich-vu/{name}"),
            &std::fs::read_to_string(e.path()).unwrap(),
        );
    }
    let mut s = String::from(
        "ten: \"Huyện Hướng Hóa\"\ncap: huyen\ntinh: \"Quảng Trị\"\n\
         base_url: \"https://dean06.huonghoa.gov.vn/\"\nduong_day_nong: \"0233 3852 006\"\n\
         dich_vu_tren_poster: [dang-ky-tam-tru, lien-thong-khai-sinh, lien-thong-khai-tu, giam-tru-bhyt-ho-gia-dinh]\n\
         don_vi:\n",
    );
    let mut phone = 0;
    for c in 0..COMMUNES {
        s.push_str(&format!(
            "  - ma: xa-{c}\n    ten: \"Xã Hướng Phùng {c}\"\n    khu_dan_cu:\n"
        ));
        for a in 0..AREAS {
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
                    phone / 1000,
                    phone % 1000
                ));
            }
        }
    }
    write(root, "content/huong-hoa/_site.yaml", &s);
}

fn run(root: &Path, out: &Path) -> f64 {
    let started = Instant::now();
    let outcome = posters::run(
        &Options {
            root: root.to_path_buf(),
            sites: Vec::new(),
            out: out.to_path_buf(),
            paper: Paper::A4,
            areas: Vec::new(),
            today: pipeline::build_day(),
        },
        &(),
    );
    let secs = started.elapsed().as_secs_f64();
    match outcome {
        Outcome::Done(s, _) => assert_eq!(s.posters, COMMUNES * AREAS),
        Outcome::ContentErrors(d) => panic!("{}", d.render()),
        Outcome::Usage(m) => panic!("{m}"),
    }
    secs
}

fn size(p: &Path) -> u64 {
    std::fs::metadata(p).unwrap().len()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    province(root);
    let out = root.join("posters");

    let started = Instant::now();
    let check = pipeline::run(&BuildOptions {
        root: root.to_path_buf(),
        out: None,
        sites: Vec::new(),
        drafts: false,
        today: pipeline::build_day(),
        cleanup: Default::default(),
    });
    assert!(!check.diags.has_errors(), "{}", check.diags.render());
    let check_secs = started.elapsed().as_secs_f64();

    let first = run(root, &out);
    let second = run(root, &out);

    let mut area_sizes: Vec<u64> = (0..COMMUNES)
        .flat_map(|c| (0..AREAS).map(move |a| (c, a)))
        .map(|(c, a)| size(&out.join(format!("huong-hoa/xa-{c}/thon-{a}.pdf"))))
        .collect();
    area_sizes.sort();
    let total: u64 = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len())
        .sum();
    let n = COMMUNES * AREAS;
    println!(
        "posters: {n} areas ({COMMUNES} communes × {AREAS}), A4, {} threads",
        rayon::current_num_threads()
    );
    println!("  check alone (load, validate, render the site in memory): {check_secs:.2} s");
    println!(
        "  posters, first run (check + {n} area PDFs + {COMMUNES} commune batches + 1 site batch, ledger written): {first:.2} s"
    );
    println!("  posters, second run (every code reused): {second:.2} s");
    println!(
        "  one poster: median {} KB, max {} KB; one commune batch ({AREAS} pages): {} KB; site batch ({n} pages): {:.1} MB; all files: {:.1} MB",
        area_sizes[n / 2] / 1000,
        area_sizes[n - 1] / 1000,
        size(&out.join("huong-hoa/xa-0/_tat-ca.pdf")) / 1000,
        size(&out.join("huong-hoa/_tat-ca.pdf")) as f64 / 1e6,
        total as f64 / 1e6
    );
}
