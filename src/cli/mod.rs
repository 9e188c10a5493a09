//! Command-line interface (SPEC §1): the raw flags are turned once into options for each
//! command; nothing past this module looks at flags.

mod build;
mod check;
mod import;
mod init;
mod new;
mod posters;
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
                  Mã thoát: 0 thành công · 1 nội dung có lỗi (không công bố gì) · 2 dùng lệnh sai."
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
        /// Dạng kết quả: `text` cho người đọc, `json` (mỗi dòng một lỗi) cho trình soạn thảo và CI.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
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
        /// Thư mục dự án (mặc định: thư mục hiện tại).
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
        long_about = "Nhập văn bản đã ký thành văn bản Markdown (SPEC §10): đọc tệp Word (.docx) hoặc chữ chép từ \
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
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
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
            root,
            sites,
            format,
        } => check::run(root_or_cwd(root), sites, format),
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
    }
}
