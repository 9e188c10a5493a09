//! Snapshots of what a clerk and a resident see: the diagnostics of a broken project and the
//! representative pages of a valid one. A change of output shows up here as a diff to review
//! (`tests/integration/snapshots/`; `INSTA_UPDATE=always cargo test` writes the new ones).

use crate::common::Project;

#[test]
fn diagnostics_of_a_broken_project() {
    let p = Project::fixture("hong");
    let run = p.check();
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("check_hong", run.stderr);
}

#[test]
fn representative_pages_of_a_commune_site() {
    let p = Project::new();
    p.build().ok();
    for (name, page) in [
        ("trang_chu", "index.html"),
        ("danh_sach_van_ban", "van-ban/index.html"),
        ("quyet_dinh", "van-ban/quyet-dinh-15/index.html"),
        ("ke_hoach", "van-ban/ke-hoach-02/index.html"),
        ("huong_dan", "dich-vu/dang-ky-tam-tru/index.html"),
        ("to_cong_tac", "to-cong-tac/index.html"),
        ("khu_dan_cu", "khu-dan-cu/thon-1/index.html"),
        ("tim_kiem", "tim-kiem/index.html"),
        ("so_do_trang", "sitemap.xml"),
    ] {
        let text = p.read(&format!("public/xa-binh-minh/{page}"));
        insta::assert_snapshot!(name, text);
    }
}
