//! What a publish sends, replaces, keeps and deletes, and in which order (SPEC §11).
//!
//! The built site on disk is what is published: every file under `public/SITE/` is hashed and
//! compared with the manifest that the last successful publish left on the hosting (and, on S3,
//! with the ETag the hosting lists for it). The order never leaves a live page pointing at a
//! missing file: attachments and assets first, then feeds, sitemap and the search index, then
//! pages (deepest first, so a list is replaced after the pages it links to), the home page last;
//! deletions only after every upload. Nothing here talks to a hosting.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The manifest's name at the root of the published folder. It is written last, after every
/// upload and deletion succeeded, so that an interrupted publish is simply done again.
pub const MANIFEST: &str = ".niemyet-xuat-ban.json";

/// Steps of a publish, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// `tep/`: attachments of documents.
    Attachments,
    /// `static/` and any other file that is not a page or data: stylesheets, scripts, images.
    Assets,
    /// Feeds, sitemap, robots.txt and the search index (`.xml`, `.json`, `.txt`).
    Data,
    /// Every HTML page except the home page.
    Pages,
    /// `index.html` at the site's root.
    Home,
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::Attachments => "tệp đính kèm",
            Step::Assets => "tệp giao diện",
            Step::Data => "nguồn tin, sơ đồ trang, chỉ mục tìm kiếm",
            Step::Pages => "trang",
            Step::Home => "trang chủ",
        }
    }

    /// The step of a published path, from its shape alone.
    pub fn of(path: &str) -> Step {
        let ext = extension(path);
        if path.starts_with("tep/") {
            Step::Attachments
        } else if path == "index.html" {
            Step::Home
        } else if ext == "html" {
            Step::Pages
        } else if path.starts_with("static/") {
            Step::Assets
        } else if matches!(ext.as_str(), "xml" | "json" | "txt") {
            Step::Data
        } else {
            Step::Assets
        }
    }
}

/// One built file.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// Relative to the site's folder, `/`-separated: the same path on the hosting.
    pub path: String,
    pub abs: PathBuf,
    pub size: u64,
    pub sha256: String,
}

impl LocalFile {
    pub fn step(&self) -> Step {
        Step::of(&self.path)
    }
}

/// What the hosting holds, as the last successful publish recorded it.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// Format version; a newer version than this program knows is refused.
    pub niemyet: u32,
    pub files: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    pub sha256: String,
    pub size: u64,
    /// The ETag S3 returned when the file was written (absent on SFTP and FTP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
}

pub const MANIFEST_VERSION: u32 = 1;

impl Manifest {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// `None` when the bytes are not a manifest this program can read (then everything is sent
    /// again and nothing is deleted: safe, only slower).
    pub fn from_bytes(bytes: &[u8]) -> Option<Manifest> {
        serde_json::from_slice::<Manifest>(bytes)
            .ok()
            .filter(|m| m.niemyet == MANIFEST_VERSION)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Not on the hosting yet.
    Upload,
    /// On the hosting with other content.
    Replace,
}

#[derive(Debug, Default)]
pub struct Plan {
    /// In the order they must be written.
    pub sends: Vec<(LocalFile, Action)>,
    pub unchanged: Vec<LocalFile>,
    /// Paths the last publish wrote that are no longer built, in the order they are deleted
    /// (pages before the files they linked to).
    pub deletes: Vec<String>,
}

impl Plan {
    pub fn bytes_to_send(&self) -> u64 {
        self.sends.iter().map(|(f, _)| f.size).sum()
    }
}

/// Every file of a built site, hashed, sorted by path.
pub fn local_files(dir: &Path) -> std::io::Result<Vec<LocalFile>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .map_err(std::io::Error::other)?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if rel == MANIFEST {
            continue;
        }
        let bytes = std::fs::read(entry.path())?;
        files.push(LocalFile {
            path: rel,
            abs: entry.path().to_path_buf(),
            size: bytes.len() as u64,
            sha256: hex(&Sha256::digest(&bytes)),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Compares the built files with what the hosting holds. `listed` is the hosting's own listing
/// with ETags (S3), `None` where the protocol has none worth its cost.
pub fn plan(
    local: Vec<LocalFile>,
    remote: &Manifest,
    listed: Option<&BTreeMap<String, String>>,
) -> Plan {
    let mut plan = Plan::default();
    let built: std::collections::BTreeSet<&str> = local.iter().map(|f| f.path.as_str()).collect();
    plan.deletes = remote
        .files
        .keys()
        .filter(|p| !built.contains(p.as_str()))
        .cloned()
        .collect();
    plan.deletes
        .sort_by(|a, b| order_key(b).cmp(&order_key(a)).then_with(|| a.cmp(b)));
    for file in local {
        let recorded = remote.files.get(&file.path);
        let on_host = match listed {
            Some(l) => l.get(&file.path),
            None => None,
        };
        let same = recorded.is_some_and(|r| {
            r.sha256 == file.sha256
                && match (listed, &r.etag) {
                    // S3: the object must still be there, as this program wrote it.
                    (Some(_), Some(etag)) => on_host == Some(etag),
                    (Some(_), None) => false,
                    (None, _) => true,
                }
        });
        if same {
            plan.unchanged.push(file);
        } else if recorded.is_some() || on_host.is_some() {
            plan.sends.push((file, Action::Replace));
        } else {
            plan.sends.push((file, Action::Upload));
        }
    }
    plan.sends
        .sort_by(|(a, _), (b, _)| order_key(&a.path).cmp(&order_key(&b.path)));
    plan
}

/// Sort key of the upload order (see module doc). Within data, content-hashed files (search
/// index chunks) come before the file that names them; within pages, deeper paths first.
fn order_key(path: &str) -> (Step, bool, std::cmp::Reverse<usize>, &str) {
    let step = Step::of(path);
    let depth = if step == Step::Pages {
        path.matches('/').count()
    } else {
        0
    };
    (
        step,
        !is_content_hashed(path),
        std::cmp::Reverse(depth),
        path,
    )
}

/// A file name carrying a content hash (`style.3f2a9c1b.css`, `t-0123456789abcdef.json`): its
/// content never changes under that name, so hostings may cache it for a year.
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    stem.split(['.', '-', '_']).any(|seg| {
        seg.len() >= 8
            && seg.bytes().all(|b| b.is_ascii_hexdigit())
            && seg.bytes().any(|b| b.is_ascii_digit())
    })
}

fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// `Content-Type` of a published file; text types say UTF-8.
pub fn content_type(path: &str) -> &'static str {
    if path.rsplit('/').next() == Some("feed.xml") {
        return "application/atom+xml; charset=utf-8";
    }
    match extension(path).as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// `Cache-Control` of a published file: a year for content-hashed names, five minutes for pages
/// and data (so an edit shows soon), an hour for other assets and attachments.
pub fn cache_control(path: &str) -> &'static str {
    if path == MANIFEST {
        return "no-cache";
    }
    match Step::of(path) {
        _ if is_content_hashed(path) && !path.ends_with(".html") => {
            "public, max-age=31536000, immutable"
        }
        Step::Pages | Step::Home | Step::Data => "public, max-age=300",
        Step::Attachments | Step::Assets => "public, max-age=3600",
    }
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, hash: &str) -> LocalFile {
        LocalFile {
            path: path.into(),
            abs: PathBuf::new(),
            size: 10,
            sha256: hash.into(),
        }
    }

    fn manifest(entries: &[(&str, &str, Option<&str>)]) -> Manifest {
        Manifest {
            niemyet: MANIFEST_VERSION,
            files: entries
                .iter()
                .map(|(p, h, e)| {
                    (
                        p.to_string(),
                        Entry {
                            sha256: h.to_string(),
                            size: 10,
                            etag: e.map(str::to_string),
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn order_is_attachments_assets_data_pages_home() {
        let local = [
            "index.html",
            "van-ban/index.html",
            "van-ban/qd-1/index.html",
            "feed.xml",
            "tim-kiem/chi-muc/muc-luc.json",
            "tim-kiem/chi-muc/t-0123456789abcdef.json",
            "static/style.css",
            "tep/2024/phu-luc.pdf",
            "404.html",
        ]
        .map(|p| file(p, "h"))
        .to_vec();
        let p = plan(local, &Manifest::default(), None);
        let order: Vec<&str> = p.sends.iter().map(|(f, _)| f.path.as_str()).collect();
        assert_eq!(
            order,
            [
                "tep/2024/phu-luc.pdf",
                "static/style.css",
                "tim-kiem/chi-muc/t-0123456789abcdef.json",
                "feed.xml",
                "tim-kiem/chi-muc/muc-luc.json",
                "van-ban/qd-1/index.html",
                "van-ban/index.html",
                "404.html",
                "index.html",
            ]
        );
        assert!(p.sends.iter().all(|(_, a)| *a == Action::Upload));
    }

    #[test]
    fn unchanged_replaced_and_deleted() {
        let remote = manifest(&[
            ("index.html", "a", None),
            ("van-ban/cu/index.html", "b", None),
            ("static/cu.css", "c", None),
            ("feed.xml", "d", None),
        ]);
        let p = plan(
            vec![file("index.html", "a"), file("feed.xml", "x")],
            &remote,
            None,
        );
        assert_eq!(p.unchanged.len(), 1);
        assert_eq!(p.sends.len(), 1);
        assert_eq!(p.sends[0].1, Action::Replace);
        assert_eq!(p.deletes, ["van-ban/cu/index.html", "static/cu.css"]);
    }

    #[test]
    fn s3_listing_overrides_a_stale_manifest() {
        let remote = manifest(&[("a.html", "h", Some("e1")), ("b.html", "h", Some("e2"))]);
        let listed: BTreeMap<String, String> = [("a.html".to_string(), "e1".to_string())].into();
        // b.html vanished from the bucket: it is sent again although the manifest has it.
        let p = plan(
            vec![file("a.html", "h"), file("b.html", "h")],
            &remote,
            Some(&listed),
        );
        assert_eq!(p.unchanged.len(), 1);
        assert_eq!(p.sends[0].0.path, "b.html");
    }

    #[test]
    fn hashed_names_and_headers() {
        assert!(is_content_hashed("static/style.3f2a9c1b.css"));
        assert!(is_content_hashed(
            "tim-kiem/chi-muc/t-0123456789abcdef.json"
        ));
        assert!(!is_content_hashed("static/style.css"));
        assert!(!is_content_hashed("tep/2024/bao-cao-thang.pdf"));
        assert_eq!(
            cache_control("static/style.3f2a9c1b.css"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("van-ban/index.html"), "public, max-age=300");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("feed.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("tep/a.PDF"), "application/pdf");
    }

    #[test]
    fn manifest_round_trip_and_unknown_versions() {
        let m = manifest(&[("index.html", "a", Some("e"))]);
        assert_eq!(Manifest::from_bytes(&m.to_bytes()), Some(m));
        assert_eq!(
            Manifest::from_bytes(b"{\"niemyet\": 9, \"files\": {}}"),
            None
        );
        assert_eq!(Manifest::from_bytes(b"rac"), None);
    }
}
