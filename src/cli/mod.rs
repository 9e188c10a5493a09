//! Command-line interface (SPEC §1): the raw flags are turned once into options for each
//! command; nothing past this module looks at flags.

mod build;
mod check;
mod explain;
mod import;
mod init;
mod new;
mod posters;
mod publish;
mod schema;
mod serve;
pub mod vietnamese;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "niemyet",
    version,
    about = "Dựng trang thông tin và in áp phích mã QR cho Tổ công tác triển khai Đề án 06.",
    long_about = "niemyet biến thư mục văn bản Markdown (có phần đầu YAML) thành một trang web công khai cho \
                  mỗi đơn vị (tỉnh, huyện, xã), và in áp phích mã QR cho từng thôn, tổ dân phố.\n\n\
                  Mã thoát: 0 thành công · 1 nội dung có lỗi (không công bố gì) · 2 dùng lệnh sai · \
                  3 không đăng xong lên nơi lưu trữ (mạng, đăng nhập, quyền)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Dựng trang web của các đơn vị vào thư mục xuất (mặc định `public/`).
    Build {
        /// Thư mục dự án (mặc định: thư mục hiện tại).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Thư mục xuất (mặc định: ROOT/public).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Chỉ dựng đơn vị này (có thể lặp lại).
        #[arg(long = "site", value_name = "SITE")]
        sites: Vec<String>,
        /// Dựng cả văn bản nháp (`ban_nhap: true`) để xem trước.
        #[arg(long)]
        drafts: bool,
    },
    /// Xóa trang cũ mà một lần dựng đã để sang bên (chạy nền, không dành cho người dùng).
    #[command(name = "__xoa-trang-cu", hide = true)]
    RemoveOld { dirs: Vec<PathBuf> },
    /// Kiểm tra nội dung, không ghi gì.
    Check {
        /// Thư mục dự án (mặc định: thư mục hiện tại).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Chỉ kiểm tra đơn vị này (có thể lặp lại).
        #[arg(long = "site", value_name = "SITE")]
        sites: Vec<String>,
        /// Dạng kết quả: `text` cho người đọc, `json` (mỗi dòng một lỗi) cho trình soạn thảo và CI,
        /// `sarif` (SARIF 2.1.0) cho các nền tảng quản lý mã (xem docs/chan-doan.md).
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Chỉ in lời giải thích của một mã lỗi (như `niemyet giai-thich MÃ`), không kiểm tra gì.
        #[arg(long, value_name = "MÃ")]
        explain: Option<String>,
    },
    /// Giải thích một mã lỗi (ví dụ `so-hieu-trung`): vì sao có quy tắc, ví dụ sai và ví dụ đúng.
    #[command(name = "giai-thich")]
    Explain {
        /// Mã lỗi, như trong `lỗi[so-hieu-trung]`; bỏ trống để xem danh sách mã.
        #[arg(value_name = "MÃ")]
        code: Option<String>,
    },
    /// Ghi JSON Schema của `_site.yaml`, `niemyet.yaml`, `_ma-qr.yaml` và phần đầu văn bản,
    /// để trình soạn thảo gợi ý khóa và báo lỗi khi gõ.
    Schema {
        /// Thư mục ghi (mặc định: `schema/` của thư mục hiện tại).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Xem trước một đơn vị tại http://127.0.0.1:PORT, tự tải lại khi sửa tệp.
    Serve {
        /// Thư mục dự án (mặc định: thư mục hiện tại).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Đơn vị xem trước (mặc định: đơn vị đầu tiên).
        #[arg(long = "site", value_name = "SITE")]
        site: Option<String>,
        /// Cổng trên 127.0.0.1; 0 để chọn một cổng còn trống.
        #[arg(long, default_value_t = 8006)]
        port: u16,
    },
    /// Tạo văn bản mới với phần đầu đã điền sẵn, in ra đường dẫn tệp.
    New {
        /// Loại văn bản: quyet-dinh, ke-hoach, huong-dan, bao-cao, cong-van, ...
        loai: String,
        /// Mã đơn vị (tên thư mục trong content/), ví dụ `nam-dong`.
        #[arg(long = "site", value_name = "SITE")]
        site: String,
        /// Số hiệu như in trên văn bản, ví dụ `290/QĐ-UBND`.
        #[arg(long = "so-hieu", value_name = "S")]
        so_hieu: Option<String>,
        /// Trích yếu (dòng tóm tắt nội dung).
        #[arg(long = "trich-yeu", value_name = "T")]
        trich_yeu: Option<String>,
        /// Thư mục dự án (mặc định: thư mục hiện tại, hoặc thư mục cha gần nhất có `content/`).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// In áp phích mã QR (PDF) cho các khu dân cư.
    Posters {
        /// Thư mục dự án (mặc định: thư mục hiện tại).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Chỉ in cho đơn vị này (có thể lặp lại).
        #[arg(long = "site", value_name = "SITE")]
        sites: Vec<String>,
        /// Thư mục xuất (mặc định: ROOT/posters).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Khổ giấy.
        #[arg(long, value_enum, default_value_t = PaperSize::A4)]
        kho: PaperSize,
        /// Chỉ in cho các khu dân cư này (mã khu, hoặc XA/THON trên trang cấp huyện).
        #[arg(long = "khu", value_name = "KHU")]
        areas: Vec<String>,
    },
    /// Tạo một dự án mới có một đơn vị mẫu.
    Init {
        /// Thư mục của dự án mới (trống, hoặc chưa có).
        #[arg(value_name = "THƯ_MỤC")]
        dir: PathBuf,
    },
    /// Nhập văn bản đã ký (Word .docx hoặc chữ chép ra .txt) thành văn bản Markdown của đơn vị.
    #[command(
        long_about = "Nhập văn bản đã ký thành văn bản Markdown: đọc tệp Word (.docx) hoặc chữ chép từ \
                      PDF/Word (.txt, UTF-8), nhận ra số, ngày, loại, trích yếu, căn cứ, nơi nhận, người ký, \
                      rồi ghi vào content/SITE/van-ban/NĂM/ (không bao giờ ghi đè) và kiểm tra văn bản mới.\n\n\
                      Mã thoát: 0 đã ghi mọi tệp · 1 có tệp không nhập được (các tệp khác vẫn được ghi) · 2 dùng lệnh sai."
    )]
    Import {
        /// Tệp .docx, .txt, hoặc thư mục chứa chúng (nhập mọi tệp trong thư mục).
        #[arg(value_name = "TỆP|THƯ_MỤC", required = true)]
        inputs: Vec<PathBuf>,
        /// Mã đơn vị nhận văn bản (tên thư mục trong content/), ví dụ `nam-dong`.
        #[arg(long = "site", value_name = "SITE")]
        site: String,
        /// Thư mục dự án (mặc định: thư mục hiện tại).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Dạng báo cáo: `text` cho người đọc, `json` (một đối tượng) cho công cụ khác.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Dựng rồi đăng các đơn vị lên nơi lưu trữ ghi trong `xuat_ban` của niemyet.yaml (S3,
    /// SFTP, FTPS); chỉ gửi tệp đã thay đổi. Mật khẩu và khóa lấy từ biến môi trường
    /// (xem docs/xuat-ban.md).
    Publish {
        /// Thư mục dự án (mặc định: thư mục hiện tại). Trang được dựng vào ROOT/public.
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Chỉ đăng đơn vị này (có thể lặp lại); mặc định mọi đơn vị có trong `xuat_ban`.
        #[arg(long = "site", value_name = "SITE")]
        sites: Vec<String>,
        /// Chỉ in kế hoạch (tải lên, thay thế, xóa, giữ nguyên); không thay đổi gì trên nơi lưu trữ.
        #[arg(long = "dry-run")]
        dry_run: bool,
        /// Số tệp tối đa được xóa trong một lần đăng; nhiều hơn thì dừng trước khi gửi và liệt kê.
        #[arg(long = "max-deletes", value_name = "N", default_value_t = 50)]
        max_deletes: usize,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// `check` also speaks SARIF, for code-hosting platforms.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
    Sarif,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaperSize {
    A4,
    A3,
}

pub enum Outcome {
    Ok,
    ContentErrors,
    Usage(String),
    /// `publish` could not finish on the hosting (exit 3); the message is already printed.
    HostingFailed,
}

/// Why the command line gave no command to run.
pub enum ParseError {
    /// Help or the version, to print on standard output (exit 0).
    Shown(String),
    /// A usage error in Vietnamese (exit 2).
    Usage(String),
}

/// Parses the command line with Vietnamese help screens and usage errors.
pub fn parse<I, T>(args: I) -> Result<Cli, ParseError>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::{CommandFactory, FromArgMatches};
    let cmd = vietnamese::command(Cli::command());
    let matches = cmd.try_get_matches_from(args).map_err(|e| match e.kind() {
        clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
            ParseError::Shown(vietnamese::words(&e.render().to_string()))
        }
        _ => ParseError::Usage(vietnamese::error(&e)),
    })?;
    Cli::from_arg_matches(&matches).map_err(|e| ParseError::Usage(vietnamese::error(&e)))
}

pub fn root_or_cwd(root: Option<PathBuf>) -> PathBuf {
    root.unwrap_or_else(|| PathBuf::from("."))
}

pub fn run(cli: Cli) -> Outcome {
    if let Some(msg) = crate::pipeline::invalid_source_date_epoch() {
        return Outcome::Usage(msg);
    }
    match cli.command {
        Command::Build {
            root,
            out,
            sites,
            drafts,
        } => build::run(root_or_cwd(root), out, sites, drafts),
        Command::RemoveOld { dirs } => {
            crate::output::remove_moved_aside(&dirs);
            Outcome::Ok
        }
        Command::Check {
            explain: Some(code),
            ..
        } => explain::run(Some(&code)),
        Command::Check {
            root,
            sites,
            format,
            explain: None,
        } => check::run(root_or_cwd(root), sites, format),
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Schema { out } => schema::run(out),
        Command::Serve { root, site, port } => serve::run(root_or_cwd(root), site, port),
        Command::New {
            loai,
            site,
            so_hieu,
            trich_yeu,
            root,
        } => new::run(root_or_cwd(root), &loai, &site, so_hieu, trich_yeu),
        Command::Posters {
            root,
            sites,
            out,
            kho,
            areas,
        } => posters::run(root_or_cwd(root), sites, out, kho, areas),
        Command::Init { dir } => init::run(&dir),
        Command::Import {
            inputs,
            site,
            root,
            format,
        } => import::run(root_or_cwd(root), site, inputs, format),
        Command::Publish {
            root,
            sites,
            dry_run,
            max_deletes,
        } => publish::run(publish::Options {
            root: root_or_cwd(root),
            sites,
            dry_run,
            max_deletes,
        }),
    }
}
