//! Hosting failures, sorted into what a clerk can check (SPEC §11: exit 3 with a Vietnamese
//! message that says what to check).
//!
//! Each backend turns its library's errors into a `HostError` of one `Problem`; the message a
//! person reads is written here, once for all protocols. The server's own words, when there are
//! any, follow as a detail; never a password or a key.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No credentials in the environment; names the variables to set.
    MissingCredentials(&'static str),
    /// DNS, refused or timed-out connection.
    Unreachable,
    /// The hosting refused the user, password or key.
    Credentials,
    /// Logged in, but may not write or delete there.
    Permission,
    /// The hosting's disk or quota is full.
    DiskFull,
    /// The S3 bucket does not exist.
    MissingBucket,
    /// The folder named in the URL does not exist on the server.
    MissingFolder,
    /// The SSH host is not in known_hosts.
    UnknownHost { fingerprint: String },
    /// The SSH host key differs from the one in known_hosts.
    ChangedHostKey { fingerprint: String, line: usize },
    /// The connection dropped in the middle of the work.
    ConnectionLost,
    /// The TLS handshake failed (certificate not trusted, wrong host name, no TLS).
    Tls,
    /// Anything else the hosting said.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostError {
    pub problem: Problem,
    /// The host as written in `xuat_ban` (`may-chu.vn:22`, a bucket), for the message.
    pub place: String,
    /// What the server or library said, for the expert who reads on.
    pub detail: String,
}

impl HostError {
    pub fn new(problem: Problem, place: impl Into<String>, detail: impl Into<String>) -> Self {
        HostError {
            problem,
            place: place.into(),
            detail: detail.into(),
        }
    }

    /// What went wrong and what to check, in Vietnamese.
    pub fn message(&self) -> String {
        let place = &self.place;
        match &self.problem {
            Problem::MissingCredentials(vars) => format!(
                "Chưa có thông tin đăng nhập cho {place}: hãy đặt {vars} (xem docs/xuat-ban.md, mục \"Mật khẩu và khóa\")."
            ),
            Problem::Unreachable => format!(
                "Không kết nối được tới {place}: kiểm tra tên máy chủ, cổng, kết nối mạng và tường lửa."
            ),
            Problem::Credentials => format!(
                "{place} từ chối đăng nhập: kiểm tra tên người dùng và mật khẩu hoặc khóa (biến môi trường, SSH agent)."
            ),
            Problem::Permission => format!(
                "Tài khoản không có quyền ghi hoặc xóa tệp trên {place}: kiểm tra quyền của tài khoản với thư mục (hoặc bucket) đó."
            ),
            Problem::DiskFull => format!(
                "Nơi lưu trữ {place} đã hết chỗ trống (hoặc hết hạn mức): xóa bớt tệp cũ hoặc xin thêm dung lượng."
            ),
            Problem::MissingBucket => format!(
                "Không có {place}: kiểm tra tên bucket, `endpoint` và `region` trong `xuat_ban`, hoặc tạo bucket trước."
            ),
            Problem::MissingFolder => format!(
                "Không có thư mục {place} trên máy chủ: kiểm tra đường dẫn trong `xuat_ban`, hoặc tạo thư mục trước."
            ),
            Problem::UnknownHost { fingerprint } => format!(
                "Máy chủ {place} chưa có trong danh sách máy tin cậy (known_hosts); dấu vân tay khóa của nó là {fingerprint}. \
                 Hỏi người quản trị máy chủ dấu vân tay đúng; nếu trùng, chấp nhận máy bằng lệnh `ssh-keyscan -p CỔNG TÊN_MÁY >> ~/.ssh/known_hosts` \
                 (hoặc đăng nhập thử một lần bằng `ssh -p CỔNG người-dùng@TÊN_MÁY` và trả lời `yes`), rồi chạy lại."
            ),
            Problem::ChangedHostKey { fingerprint, line } => format!(
                "Khóa của máy chủ {place} ({fingerprint}) khác với khóa đã ghi ở dòng {line} của known_hosts: có thể máy chủ \
                 vừa cài lại, cũng có thể có kẻ giả mạo. Hỏi người quản trị máy chủ; chỉ khi họ xác nhận mới xóa dòng cũ \
                 (`ssh-keygen -R TÊN_MÁY`) và chấp nhận khóa mới."
            ),
            Problem::ConnectionLost => format!(
                "Mất kết nối tới {place} giữa chừng: kiểm tra mạng rồi chạy lại lệnh để hoàn tất."
            ),
            Problem::Tls => format!(
                "Không thiết lập được kết nối mã hóa (TLS) với {place}: kiểm tra máy chủ có bật FTP qua TLS và chứng chỉ của nó \
                 (chứng chỉ tự ký: đặt đường dẫn tệp PEM vào biến `NIEMYET_FTPS_CA`)."
            ),
            Problem::Other => format!("{place} báo lỗi khi đăng trang."),
        }
    }
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message())?;
        if !self.detail.is_empty() {
            write!(f, "\n  Chi tiết từ máy chủ: {}", self.detail.trim())?;
        }
        Ok(())
    }
}

/// The problem an I/O error most likely means (connecting, reading, writing).
pub fn io_problem(e: &std::io::Error) -> Problem {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::ConnectionRefused | K::TimedOut | K::HostUnreachable | K::NetworkUnreachable => {
            Problem::Unreachable
        }
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
            Problem::ConnectionLost
        }
        K::PermissionDenied => Problem::Permission,
        K::StorageFull | K::QuotaExceeded => Problem::DiskFull,
        K::NotFound => Problem::MissingFolder,
        _ => Problem::Other,
    }
}
