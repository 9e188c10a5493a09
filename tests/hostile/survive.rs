//! Nothing lost (issue #6 §6): output is byte-identical across runs, thread counts and `--site`
//! orders; a build killed at any moment, starved of disk mid-write, or blocked by a file where a
//! folder must go leaves the previous site exactly as it was.

use crate::common::{EPOCH, Project, SITE};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Every file under `dir`, as (relative path, bytes), sorted.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((rel, std::fs::read(e.path()).unwrap()));
        }
    }
    out
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_niemyet")
}

/// The test project with a second site, so that `--site` orders can differ.
fn two_sites() -> Project {
    let p = Project::new();
    p.write(
        "content/xa-hai-duong/_site.yaml",
        &SITE
            .replace("Bình Minh", "Hải Dương")
            .replace("binhminh", "haiduong")
            .replace("0233 3851 234", "0233 3851 999"),
    );
    p.write(
        "content/xa-hai-duong/van-ban/2025/thong-bao-01.md",
        "---\nloai: thong-bao\nso_hieu: \"01/TB-UBND\"\nngay_ban_hanh: 2025-09-02\ntrich_yeu: \"Lịch trực\"\n---\n\nNội dung.\n",
    );
    p
}

#[test]
fn output_is_identical_across_runs_threads_and_site_orders() {
    let p = two_sites();
    p.build().ok();
    let first = tree(&p.path("public"));
    assert!(first.iter().any(|(n, _)| n.starts_with("xa-hai-duong/")));
    p.build().ok();
    assert!(tree(&p.path("public")) == first, "second run differs");
    for args in [
        vec!["build", "--site", "xa-hai-duong", "--site", "xa-binh-minh"],
        vec!["build", "--site", "xa-binh-minh", "--site", "xa-hai-duong"],
    ] {
        p.remove("public");
        p.run(&args).ok();
        assert!(tree(&p.path("public")) == first, "{args:?} differs");
    }
    // One site rebuilt alone keeps the other as it was: still the same tree.
    p.run(&["build", "--site", "xa-hai-duong"]).ok();
    assert!(tree(&p.path("public")) == first, "partial rebuild differs");
    p.remove("public");
    let out = p
        .cmd()
        .arg("build")
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(tree(&p.path("public")) == first, "one thread differs");
}

/// A project big enough that a build takes a while: 150 documents.
fn big_project() -> Project {
    let p = Project::new();
    for i in 1..=150 {
        p.write(
            &format!("content/xa-binh-minh/van-ban/2025/thong-bao-{i:03}.md"),
            &format!(
                "---\nloai: thong-bao\nso_hieu: \"{}/TB-UBND\"\nngay_ban_hanh: 2025-09-01\ntrich_yeu: \"Thông báo số {i}\"\n---\n\n{}",
                i + 100,
                "## Nội dung\n\nTổ công tác thông báo lịch tiếp dân và hướng dẫn dịch vụ công.\n\n".repeat(20)
            ),
        );
    }
    p
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site() {
    let p = big_project();
    p.build().ok();
    let old = tree(&p.path("public"));
    // The next build differs everywhere a page lists documents.
    p.write(
        "content/xa-binh-minh/van-ban/2025/thong-bao-001.md",
        &p.read("content/xa-binh-minh/van-ban/2025/thong-bao-001.md")
            .replace("Thông báo số 1\"", "Thông báo đã sửa\""),
    );
    let started = Instant::now();
    let r = p.build();
    let full = started.elapsed();
    r.ok();
    let new = tree(&p.path("public"));
    assert!(new != old);
    // Back to the old site, then kill builds of the new one at spread-out moments.
    p.write(
        "content/xa-binh-minh/van-ban/2025/thong-bao-001.md",
        &p.read("content/xa-binh-minh/van-ban/2025/thong-bao-001.md")
            .replace("Thông báo đã sửa\"", "Thông báo số 1\""),
    );
    p.build().ok();
    assert!(tree(&p.path("public")) == old);
    p.write(
        "content/xa-binh-minh/van-ban/2025/thong-bao-001.md",
        &p.read("content/xa-binh-minh/van-ban/2025/thong-bao-001.md")
            .replace("Thông báo số 1\"", "Thông báo đã sửa\""),
    );
    let mut saw_old = false;
    for k in 1..=8u32 {
        let delay = full * k / 9;
        let mut child = Command::new(bin())
            .arg("build")
            .current_dir(p.root())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = tree(&p.path("public"));
        assert!(
            now == old || now == new,
            "kill after {delay:?} left a mixed site"
        );
        saw_old |= now == old;
    }
    assert!(
        saw_old,
        "no kill landed before the swap: the test proves nothing"
    );
    p.build().ok();
    assert!(tree(&p.path("public")) == new);
}

#[cfg(unix)]
#[test]
fn a_full_disk_mid_write_leaves_the_previous_site() {
    let p = Project::new();
    p.build().ok();
    let old = tree(&p.path("public"));
    p.write(
        "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md",
        &format!(
            "{}\n{}",
            crate::common::DECISION.replace("Điều 2. Hiệu lực", "Điều 2. Hiệu lực thi hành"),
            "Đoạn dài thêm vào quyết định để trang lớn hơn 20 KB.\n\n".repeat(600)
        ),
    );
    // Files above 20 KB cannot be written (the edited page is bigger; unchanged files are not
    // written again but linked): with SIGXFSZ ignored the write fails with EFBIG like a full
    // disk; without, the kernel kills the build mid-write.
    for (script, killed) in [
        ("trap '' XFSZ; ulimit -f 40; exec \"$0\" build", false),
        ("ulimit -f 40; exec \"$0\" build", true),
    ] {
        let out = Command::new("sh")
            .args(["-c", script, bin()])
            .current_dir(p.root())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if killed {
            assert_eq!(out.status.code(), None, "killed by SIGXFSZ: {stderr}");
        } else {
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            assert!(stderr.contains("lỗi[ghi]"), "{stderr}");
            assert!(stderr.contains("Trang cũ vẫn giữ nguyên"), "{stderr}");
            let staging = std::fs::read_dir(p.root()).unwrap().flatten().any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".public.niemyet-moi")
            });
            assert!(!staging, "staging removed");
        }
        assert!(
            tree(&p.path("public")) == old,
            "previous site changed ({script})"
        );
    }
    p.build().ok();
    assert!(tree(&p.path("public")) != old);
}

#[test]
fn a_file_where_the_output_folder_must_go() {
    let p = Project::new();
    p.write("chan", "một tệp thường");
    let r = p.run(&["build", "--out", "chan/site"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    r.says("lỗi[ghi]");
    assert_eq!(p.read("chan"), "một tệp thường");
}

#[test]
fn a_build_killed_between_the_two_renames_is_repaired() {
    // Where the atomic exchange is unavailable, the swap is two renames; a kill between them
    // leaves the last site aside. The next run, even a failing one, puts it back.
    let p = Project::new();
    p.build().ok();
    let old = tree(&p.path("public"));
    std::fs::rename(p.path("public"), p.path(".public.niemyet-cu")).unwrap();
    p.write(crate::NOTICE, &crate::notice("<script>alert(1)</script>\n"));
    assert_eq!(p.build().code, 1);
    assert!(tree(&p.path("public")) == old);
    assert!(!p.path(".public.niemyet-cu").exists());
}

#[test]
fn a_failing_copy_mid_publish_leaves_the_previous_site() {
    use niemyet::render::OutFile;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let site = |n: u8| -> Vec<OutFile> {
        (0..50)
            .map(|i| OutFile::Bytes(format!("trang-{i}/index.html"), vec![n; 1000]))
            .collect()
    };
    publish(&out, &[("xa".into(), site(1))], &[]).unwrap();
    let old = tree(&out);
    let mut broken = site(2);
    broken.push(OutFile::Copy(
        "tep/mat.pdf".into(),
        dir.path().join("khong-co.pdf"),
    ));
    let err = publish(&out, &[("xa".into(), broken)], &[]).unwrap_err();
    assert!(format!("{err:#}").contains("khong-co.pdf"), "{err:#}");
    assert!(tree(&out) == old);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["public"], "no staging folder left behind");
}

// ---- One run at a time (issue #13): locks, symlinked outputs, leftovers of killed runs ----

/// A running `niemyet` whose stderr lines arrive on a channel.
pub struct Running {
    pub child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Running {
    pub fn start(p: &Project, args: &[&str]) -> Running {
        let mut child = Command::new(bin())
            .args(args)
            .current_dir(p.root())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                let _ = tx.send(line);
            }
        });
        Running { child, lines }
    }

    /// Waits until a line containing `text` is printed. Fails if the process ends without it
    /// (or, as a guard against a hang only, prints nothing of the kind for two minutes).
    #[track_caller]
    pub fn says(&self, text: &str) -> String {
        let bound = std::time::Duration::from_secs(120);
        loop {
            match self.lines.recv_timeout(bound) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line with `{text}` ({e:?})"),
            }
        }
    }

    #[track_caller]
    fn succeeds(mut self) {
        let status = self.child.wait().unwrap();
        let rest: Vec<String> = self.lines.try_iter().collect();
        assert!(status.success(), "{status:?}\n{}", rest.join("\n"));
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_second_build_into_one_output_waits_for_the_first() {
    let p = Project::new();
    p.build().ok();
    let whole = tree(&p.path("public"));
    // The lock of `public/` is held on the folder that holds it: here the project root.
    let held = niemyet::output::DirLock::acquire(p.root()).unwrap();
    let waiting = Running::start(&p, &["build"]);
    waiting.says("Đang chờ một lần dựng khác");
    drop(held);
    waiting.succeeds();
    assert!(tree(&p.path("public")) == whole);
}

#[test]
fn two_builds_at_once_both_publish_the_whole_site() {
    let p = big_project();
    p.build().ok();
    let whole = tree(&p.path("public"));
    for _ in 0..3 {
        let runs: Vec<Running> = (0..2).map(|_| Running::start(&p, &["build"])).collect();
        for r in runs {
            r.succeeds();
        }
        assert!(
            tree(&p.path("public")) == whole,
            "a build lost or mixed files"
        );
    }
    let staging: Vec<String> = std::fs::read_dir(p.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.niemyet-moi"))
        .collect();
    assert!(staging.is_empty(), "{staging:?}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_refused_and_its_target_untouched() {
    let p = Project::new();
    let host = tempfile::tempdir().unwrap();
    std::fs::write(host.path().join("CNAME"), "binhminh.quangtri.gov.vn\n").unwrap();
    std::fs::write(host.path().join("index.html"), "trang cũ của máy chủ").unwrap();
    std::os::unix::fs::symlink(host.path(), p.path("public")).unwrap();
    let r = p.build();
    assert_eq!(r.code, 2, "{}", r.stderr);
    r.says("liên kết tượng trưng");
    assert!(
        p.path("public").is_symlink(),
        "the link itself was replaced"
    );
    assert_eq!(
        std::fs::read_to_string(host.path().join("CNAME")).unwrap(),
        "binhminh.quangtri.gov.vn\n"
    );
    assert_eq!(std::fs::read_dir(host.path()).unwrap().count(), 2);
}

/// Polls (only as a bound against a hang) until `path` is gone.
#[track_caller]
fn gone_soon(path: &Path) {
    for _ in 0..1200 {
        if !path.exists() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("{} still there", path.display());
}

#[test]
fn leftovers_of_killed_runs_are_removed_at_the_next_build() {
    let p = Project::new();
    p.build().ok();
    // A background cleanup killed midway (its marker is removed last), and a build killed
    // mid-write.
    let aside = p.path(".public.niemyet-rac-4242");
    std::fs::create_dir_all(aside.join("xa-binh-minh/van-ban")).unwrap();
    std::fs::write(aside.join("xa-binh-minh/index.html"), "cũ").unwrap();
    std::fs::write(aside.join(niemyet::output::MARKER), "").unwrap();
    let staging = p.path(".public.niemyet-moi-4243");
    std::fs::create_dir_all(staging.join("xa-binh-minh")).unwrap();
    // Not ours (by name, or without the marker): never touched.
    let other = p.path(".public.niemyet-rac-ten-la");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join(niemyet::output::MARKER), "").unwrap();
    let unmarked = p.path(".public.niemyet-rac-77");
    std::fs::create_dir_all(&unmarked).unwrap();
    std::fs::write(unmarked.join("tai-lieu.txt"), "của người dùng").unwrap();
    p.build().ok();
    gone_soon(&aside);
    assert!(!staging.exists());
    assert!(other.exists());
    assert!(unmarked.join("tai-lieu.txt").is_file());
}

#[test]
fn invalid_source_date_epoch_is_refused() {
    let p = Project::new();
    for bad in ["hôm qua", "2026-01-01", "99999999999999999999"] {
        let out = p
            .cmd()
            .arg("build")
            .env("SOURCE_DATE_EPOCH", bad)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(stderr.contains("SOURCE_DATE_EPOCH"), "{stderr}");
        assert!(!p.path("public").exists());
    }
}

#[test]
fn a_second_posters_run_waits_and_both_codes_are_kept() {
    let p = Project::printable();
    let held = niemyet::output::DirLock::acquire(p.root()).unwrap();
    let first = Running::start(&p, &["posters", "--khu", "thon-1"]);
    let second = Running::start(&p, &["posters", "--khu", "thon-dong-tam"]);
    first.says("Đang chờ một lần in áp phích khác");
    second.says("Đang chờ một lần in áp phích khác");
    drop(held);
    first.succeeds();
    second.succeeds();
    let ledger = p.read("content/xa-binh-minh/_ma-qr.yaml");
    for target in ["/khu-dan-cu/thon-1/", "/khu-dan-cu/thon-dong-tam/"] {
        assert!(ledger.contains(target), "{target} lost:\n{ledger}");
    }
}

#[test]
fn posters_into_the_content_folder_are_refused() {
    let p = Project::printable();
    for out in ["content/xa-binh-minh/in", "content/moi/in"] {
        let r = p.run(&["posters", "--out", out]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        r.says("nằm trong `content/`");
        assert!(!p.path(out).exists());
    }
}

#[test]
fn new_refuses_a_site_outside_the_project() {
    let p = Project::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("x")).unwrap();
    let absolute = outside.path().join("x");
    for site in ["../../x", absolute.to_str().unwrap(), "_chung"] {
        let r = p.run(&["new", "thong-bao", "--site", site]);
        assert_eq!(r.code, 2, "{site}: {}", r.stderr);
        r.says("Không có đơn vị");
    }
    assert_eq!(std::fs::read_dir(&absolute).unwrap().count(), 0);
}

#[test]
fn new_refuses_a_summary_on_two_lines() {
    let p = Project::new();
    let r = p.run(&[
        "new",
        "thong-bao",
        "--site",
        "xa-binh-minh",
        "--trich-yeu",
        "Thông báo\n---\nloai: x",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    r.says("một dòng");
    // A quote and a backslash are fine: the file is valid YAML and builds.
    let r = p.run(&[
        "new",
        "thong-bao",
        "--site",
        "xa-binh-minh",
        "--so-hieu",
        "05/TB-UBND",
        "--trich-yeu",
        "Về \"Ngày hội\" C:\\dữ liệu",
    ]);
    r.ok();
    p.check().ok();
}

#[test]
fn init_never_overwrites_and_refuses_a_foreign_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = |d: &Path| {
        Command::new(bin())
            .arg("init")
            .arg(d)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .output()
            .unwrap()
    };
    // Someone's folder: nothing written.
    let foreign = dir.path().join("tai-lieu");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("luong.xlsx"), "bảng lương").unwrap();
    let out = run(&foreign);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không phải dự án niemyet"));
    assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);
    // A fresh repository: its own files kept, the rest written, and said so.
    let repo = dir.path().join("du-an");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join(".gitignore"), "/dist/\n").unwrap();
    std::fs::write(repo.join("niemyet.yaml"), "giao_dien: default\n").unwrap();
    let out = run(&repo);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Giữ nguyên `.gitignore`"), "{said}");
    assert!(said.contains("Giữ nguyên `niemyet.yaml`"), "{said}");
    assert_eq!(
        std::fs::read_to_string(repo.join(".gitignore")).unwrap(),
        "/dist/\n"
    );
    assert!(repo.join("content/xa-mau/_site.yaml").is_file());
    // Run again on the project: refused, nothing changed.
    let out = run(&repo);
    assert_eq!(out.status.code(), Some(2));
}

/// Copies the folder `from` to `to` (which must not exist).
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).sort_by_file_name() {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The previous site's folders moved aside, still there.
fn moved_aside(p: &Project) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(p.root())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".public.niemyet-rac-")
        })
        .map(|e| e.path())
        .collect()
}

#[cfg(unix)]
#[test]
fn a_background_cleanup_killed_midway_is_finished_by_the_next_build() {
    use std::os::unix::process::CommandExt;
    let p = big_project();
    p.build().ok();
    let mut landed = false;
    for _ in 0..20 {
        // The build returns at once; its cleanup keeps removing the previous site in its
        // process group, which is killed as a terminal closing would.
        let status = Command::new(bin())
            .arg("build")
            .current_dir(p.root())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stdout(std::process::Stdio::null())
            .process_group(0)
            .spawn()
            .and_then(|mut c| {
                let pgid = c.id() as i32;
                let status = c.wait();
                // SAFETY: sends a signal to the process group created above.
                unsafe { libc::kill(-pgid, libc::SIGKILL) };
                status
            })
            .unwrap();
        assert!(status.success());
        if !moved_aside(&p).is_empty() {
            landed = true;
            break;
        }
    }
    assert!(
        landed,
        "no kill landed during a cleanup: the test proves nothing"
    );
    p.build().ok();
    for dir in moved_aside(&p) {
        gone_soon(&dir);
    }
}

/// Writes a site into a staging folder and swaps it in, as `build` does file by file.
fn publish(
    out: &std::path::Path,
    sites: &[(String, Vec<niemyet::render::OutFile>)],
    only: &[String],
) -> anyhow::Result<()> {
    let rebuilt: Vec<String> = if only.is_empty() {
        Vec::new()
    } else {
        sites.iter().map(|(c, _)| c.clone()).collect()
    };
    let staging = niemyet::output::Staging::begin(out, &rebuilt, niemyet::output::Cleanup::Now)?;
    for (code, files) in sites {
        for f in files {
            staging.write(code, f)?;
        }
    }
    staging.commit()
}
