//! `niemyet serve`: live preview of one site (SPEC §1); the server itself is `crate::serve`.

use super::Outcome;
use std::path::{Path, PathBuf};

/// The site to preview: `--site`, else the first site folder of `content/` by name.
fn pick_site(root: &Path, site: Option<String>) -> Result<String, String> {
    if let Some(s) = site {
        if let Some(msg) = crate::validate::usage_unknown_sites(root, std::slice::from_ref(&s)) {
            return Err(msg);
        }
        return Ok(s);
    }
    let mut sites: Vec<String> = std::fs::read_dir(root.join("content"))
        .map_err(|_| {
            format!(
                "Không tìm thấy thư mục `content/` trong `{}`. Chạy lệnh trong thư mục dự án, hoặc chỉ rõ bằng `--root THƯ_MỤC`.",
                root.display()
            )
        })?
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('_') && !crate::project::load::is_junk(n))
        .collect();
    sites.sort();
    sites.into_iter().next().ok_or_else(|| {
        "Thư mục `content/` chưa có đơn vị nào để xem trước. Tạo `content/MÃ_ĐƠN_VỊ/_site.yaml`, hoặc chạy `niemyet init THƯ_MỤC`.".to_string()
    })
}

pub fn run(root: PathBuf, site: Option<String>, port: u16) -> Outcome {
    let site = match pick_site(&root, site) {
        Ok(s) => s,
        Err(msg) => return Outcome::Usage(msg),
    };
    let opts = crate::serve::ServeOptions {
        root,
        site,
        port,
        today: crate::pipeline::build_day(),
        on_ready: None,
    };
    match crate::serve::run(opts) {
        Ok(()) => Outcome::Ok,
        Err(e) => Outcome::Usage(format!("{e:#}")),
    }
}
