//! `niemyet publish` against real servers started here on 127.0.0.1 (SPEC §11): moto for S3,
//! a second sshd for SFTP, vsftpd for FTPS. No protocol is mocked: the point is that it works
//! against real servers. Its own test target, because it needs those servers (see `.ci/run`).

#[path = "../integration/common.rs"]
#[allow(dead_code)]
mod common;
mod servers;

mod ftps;
mod s3;
mod settings;
mod sftp;

use common::{Project, Run};
use std::collections::BTreeMap;
use std::path::Path;

pub const SITE: &str = "xa-binh-minh";

/// The shared test project with a real (non-example) address, an attachment, and `xuat_ban`
/// pointing at `url`.
pub fn project(url: &str) -> Project {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/_site.yaml",
        &common::SITE.replace("binhminh.example.gov.vn", "binhminh.quangtri.gov.vn"),
    );
    p.write_bytes(
        "content/xa-binh-minh/tep/2025/phu-luc.pdf",
        b"%PDF-1.4\n% phu luc\n%%EOF\n",
    );
    let plan = common::PLAN.replace(
        "nguoi_ky:",
        "kem_theo:\n  - tep/2025/phu-luc.pdf\nnguoi_ky:",
    );
    p.write("content/xa-binh-minh/van-ban/2025/ke-hoach-02.md", &plan);
    set_target(&p, url);
    p
}

pub fn set_target(p: &Project, url: &str) {
    p.write(
        "niemyet.yaml",
        &format!("# nơi đăng trang\nxuat_ban:\n  xa-binh-minh: {url}\n"),
    );
}

/// Appends a sentence to the decision: its page changes, and the pages that show it.
pub fn edit_decision(p: &Project) {
    let text = p.read("content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md");
    p.write(
        "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md",
        &format!("{text}\nBổ sung: Tổ công tác họp vào thứ Hai hằng tuần.\n"),
    );
}

/// Runs `niemyet publish ARGS` with the given environment (credentials for the test servers).
pub fn publish(p: &Project, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = p.cmd();
    cmd.arg("publish").args(args);
    for var in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "SSH_AUTH_SOCK",
        "NIEMYET_SSH_KEY",
        "NIEMYET_KNOWN_HOSTS",
        "NIEMYET_FTP_PASSWORD",
        "NIEMYET_FTPS_CA",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run niemyet");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Files sent, from the summary line `Đã đăng: gửi N tệp ...`.
#[track_caller]
pub fn sent(run: &Run) -> usize {
    run.stdout
        .lines()
        .find_map(|l| l.strip_prefix("Đã đăng: gửi "))
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no summary in\n{}\n{}", run.stdout, run.stderr))
}

/// Every file of a folder by relative path, `/`-separated, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

/// The built site of the test project.
pub fn built(p: &Project) -> BTreeMap<String, Vec<u8>> {
    tree(&p.path("public").join(SITE))
}

pub const MANIFEST: &str = ".niemyet-xuat-ban.json";

/// A hosting folder holds exactly the built site plus the manifest, byte for byte, and no
/// temporary file.
#[track_caller]
pub fn assert_same_site(p: &Project, hosted: &Path) {
    let mut hosted = tree(hosted);
    assert!(
        hosted.remove(MANIFEST).is_some(),
        "no manifest on the hosting"
    );
    let built = built(p);
    let extra: Vec<_> = hosted.keys().filter(|k| !built.contains_key(*k)).collect();
    let missing: Vec<_> = built.keys().filter(|k| !hosted.contains_key(*k)).collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "extra {extra:?}, missing {missing:?}"
    );
    for (path, bytes) in &built {
        assert!(hosted[path] == *bytes, "{path} differs from public/");
    }
}
