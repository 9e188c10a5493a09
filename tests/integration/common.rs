//! A small valid project to start each test from, and helpers to break it in one place.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// 2026-01-01 00:00 UTC+7: the build day of every test, so "today" never moves under a test.
pub const EPOCH: &str = "1767200400";

// The fixture's files, for tests that write a variant of one of them.
pub const GUIDE: &str =
    include_str!("../fixtures/binh-minh/content/_chung/dich-vu/dang-ky-tam-tru.md");

pub const SITE: &str = include_str!("../fixtures/binh-minh/content/xa-binh-minh/_site.yaml");

pub const DECISION: &str =
    include_str!("../fixtures/binh-minh/content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md");

pub const PLAN: &str =
    include_str!("../fixtures/binh-minh/content/xa-binh-minh/van-ban/2025/ke-hoach-02.md");

/// The host of `Project::printable`.
pub const PRINTABLE_HOST: &str = "binhminh.quangtri.gov.vn";

/// The fixture's `_site.yaml` with `PRINTABLE_HOST` in place of its example host.
pub fn printable_site() -> String {
    SITE.replace("binhminh.example.gov.vn", PRINTABLE_HOST)
}

pub struct Project {
    pub dir: TempDir,
}

impl Project {
    /// A valid commune project: one guide, one site, a decision and a plan that cites it
    /// (`tests/fixtures/binh-minh/`, which can be opened and built by hand).
    pub fn new() -> Project {
        Project::fixture("binh-minh")
    }

    /// A copy of the fixture project `tests/fixtures/NAME/` in a fresh temporary folder.
    pub fn fixture(name: &str) -> Project {
        let p = Project {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_tree(&from, p.root());
        p
    }

    /// The valid project with a real (not example) address: `posters` and `publish` refuse the
    /// fixture's `example.` host (SPEC §9 placeholders).
    pub fn printable() -> Project {
        let p = Project::new();
        p.write("content/xa-binh-minh/_site.yaml", &printable_site());
        p
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Project {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Project {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Project {
        let p = self.path(rel);
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap();
        } else {
            std::fs::remove_file(p).unwrap();
        }
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("niemyet").unwrap();
        c.current_dir(self.root()).env("SOURCE_DATE_EPOCH", EPOCH);
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.cmd().args(args).output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn check(&self) -> Run {
        self.run(&["check"])
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.expect("a readable fixture folder");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(&self) -> &Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Exit 1 with an error `code` at `location`: `path:line:col`, or `path:line` for any column.
    #[track_caller]
    pub fn error_at(&self, location: &str, code: &str) -> &Run {
        assert_eq!(self.code, 1, "expected exit 1\nstderr:\n{}", self.stderr);
        self.diagnostic_at(location, &format!("lỗi[{code}]"))
    }

    #[track_caller]
    pub fn warning_at(&self, location: &str, code: &str) -> &Run {
        self.diagnostic_at(location, &format!("cảnh báo[{code}]"))
    }

    #[track_caller]
    fn diagnostic_at(&self, location: &str, tag: &str) -> &Run {
        let found = self.stderr.lines().any(|l| {
            let Some(rest) = l.strip_prefix(location) else {
                return false;
            };
            let rest = rest
                .strip_prefix(": ")
                .map(|r| r.to_string())
                .unwrap_or_else(|| {
                    // `path:line` given: skip `:col`.
                    rest.strip_prefix(':')
                        .and_then(|r| r.split_once(": "))
                        .filter(|(col, _)| col.chars().all(|c| c.is_ascii_digit()))
                        .map(|(_, r)| r.to_string())
                        .unwrap_or_default()
                });
            rest.starts_with(tag)
        });
        assert!(found, "expected `{location}: {tag}` in:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn says(&self, text: &str) -> &Run {
        assert!(
            self.stderr.contains(text) || self.stdout.contains(text),
            "expected `{text}` in output\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}
