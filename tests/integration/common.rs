//! A small valid project to start each test from, and helpers to break it in one place.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// 2026-01-01 00:00 UTC+7: the build day of every test, so "today" never moves under a test.
pub const EPOCH: &str = "1767200400";

pub const GUIDE: &str = "---
ten: \"Đăng ký tạm trú\"
stt: 4
co_quan: \"Công an cấp xã\"
kenh: [dichvucong, vneid]
lien_ket: https://dichvucong.gov.vn/
dieu_kien:
  - \"Tài khoản định danh điện tử mức 2\"
---

## Các bước thực hiện

1. Đăng nhập Cổng Dịch vụ công quốc gia.
2. Chọn thủ tục Đăng ký tạm trú.
";

pub const SITE: &str = "ten: \"Xã Bình Minh\"
cap: xa
tinh: \"Quảng Trị\"
co_quan: \"UBND xã Bình Minh\"
dia_danh: \"Bình Minh\"
base_url: \"https://binhminh.example.gov.vn/\"
duong_day_nong: \"0233 3851 234\"
co_quan_thuong_truc: \"Công an xã Bình Minh\"
to_cong_tac:
  - ho_ten: \"Nguyễn Văn Hùng\"
    chuc_vu: \"Chủ tịch UBND xã\"
    vai_tro: to-truong
    dien_thoai: \"0912 345 678\"
  - ho_ten: \"Lê Thị Mai\"
    chuc_vu: \"Trưởng Công an xã\"
    vai_tro: to-pho-thuong-truc
khu_dan_cu:
  - ma: thon-1
    ten: \"Thôn 1\"
    lien_he:
      - ho_ten: \"Trần Văn Nam\"
        chuc_vu: \"Trưởng thôn\"
        dien_thoai: \"0987 654 321\"
  - ma: thon-dong-tam
    ten: \"Thôn Đông Tâm\"
dich_vu_tren_poster:
  - dang-ky-tam-tru
";

pub const DECISION: &str = "---
loai: quyet-dinh
so_hieu: \"15/QĐ-UBND\"
ngay_ban_hanh: 2025-07-05
trich_yeu: \"Về việc thành lập Tổ công tác triển khai Đề án 06 xã Bình Minh\"
nguoi_ky:
  ho_ten: \"Nguyễn Văn Hùng\"
  chuc_vu: \"CHỦ TỊCH\"
can_cu:
  - \"06/QĐ-TTg\"
noi_nhan:
  - \"Như Điều 3;\"
  - \"Lưu: VT.\"
---

**CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH MINH**

## Điều 1. Thành lập

Thành lập Tổ công tác triển khai Đề án 06 xã Bình Minh.

## Điều 2. Hiệu lực

Quyết định có hiệu lực kể từ ngày ký. Xem [hướng dẫn tạm trú](/dich-vu/dang-ky-tam-tru/).
";

pub const PLAN: &str = "---
loai: ke-hoach
so_hieu: \"02/KH-UBND\"
ngay_ban_hanh: 2025-08-01
trich_yeu: \"Triển khai dịch vụ công trực tuyến năm 2025\"
can_cu:
  - {so_hieu: \"15/QĐ-UBND\", ngay: 2025-07-05}
nguoi_ky:
  ho_ten: \"Nguyễn Văn Hùng\"
  chuc_vu: \"CHỦ TỊCH\"
  tham_quyen: \"KT. CHỦ TỊCH\"
---

## I. MỤC ĐÍCH

Thực hiện [Quyết định 15](/van-ban/quyet-dinh-15/#dieu-1-thanh-lap).
";

pub struct Project {
    pub dir: TempDir,
}

impl Project {
    /// A valid commune project: one guide, one site, a decision and a plan that cites it.
    pub fn new() -> Project {
        let p = Project {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        p.write("content/_chung/dich-vu/dang-ky-tam-tru.md", GUIDE);
        p.write("content/xa-binh-minh/_site.yaml", SITE);
        p.write(
            "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md",
            DECISION,
        );
        p.write("content/xa-binh-minh/van-ban/2025/ke-hoach-02.md", PLAN);
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
