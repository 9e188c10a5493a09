//! Where a site is published: the `xuat_ban` URLs of `niemyet.yaml` (SPEC §11), parsed once into
//! a `Target`.
//!
//! This module is a leaf (it uses nothing else of the crate), because the settings reader in
//! `project` checks these URLs while loading, so that `check` refuses them too. It must never
//! accept a secret: a password written in the URL, or a query parameter that looks like a key, is
//! an error that says which environment variable to use instead. Plain `http` is allowed only to
//! the machine itself (a test server), never across a network.

use std::fmt;

/// One hosting place, without credentials (those come from the environment at publish time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// S3-compatible object storage, addressed path-style (`endpoint/bucket/key`).
    S3 {
        bucket: String,
        /// Folder inside the bucket, without leading or trailing `/` (empty: the bucket's root).
        prefix: String,
        /// `https://host[:port]`; `None`: Amazon's own endpoint for the region.
        endpoint: Option<String>,
        region: String,
    },
    /// A server reached over SSH, files written with SFTP.
    Sftp(Login),
    /// Shared hosting over FTP with explicit TLS (`AUTH TLS`).
    Ftps(Login),
}

/// A server logged in to by user name (SFTP, FTPS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub user: String,
    pub host: String,
    pub port: u16,
    /// Folder on the server: absolute, or relative to the login folder when written `/~/x`.
    pub path: String,
}

/// Why a URL was refused: what is wrong and how to fix it, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetError {
    pub message: String,
    pub hint: String,
}

fn refuse(message: impl Into<String>, hint: impl Into<String>) -> TargetError {
    TargetError {
        message: message.into(),
        hint: hint.into(),
    }
}

/// Default region when the URL names none: what most S3-compatible services accept.
pub const DEFAULT_REGION: &str = "us-east-1";

const EXAMPLES: &str = "Ví dụ: `s3://ten-bucket/thu-muc?endpoint=https://s3.nha-cung-cap.vn&region=hn`, \
                        `sftp://nguoi-dung@may-chu.vn:22/var/www/don-vi` hoặc `ftps://nguoi-dung@may-chu.vn/public_html`.";

/// Parses one `xuat_ban` value.
pub fn parse(text: &str) -> Result<Target, TargetError> {
    let text = text.trim();
    let Some((scheme, _)) = text.split_once("://") else {
        return Err(refuse(
            format!("`{text}` không phải địa chỉ nơi đăng trang."),
            EXAMPLES,
        ));
    };
    // The URL parser resolves `..` away: refuse it on the text as written.
    let path_part = text.split(['?', '#']).next().unwrap_or(text);
    if path_part
        .split('/')
        .skip(3)
        .any(|seg| seg == ".." || seg == ".")
    {
        return Err(refuse(
            format!("Thư mục trong địa chỉ `{text}` có `..` hoặc `.`."),
            "Ghi đường dẫn đầy đủ tới thư mục của trang, ví dụ `/var/www/don-vi`.",
        ));
    }
    let url = url::Url::parse(text).map_err(|_| {
        refuse(
            format!("Địa chỉ nơi đăng trang `{text}` viết sai."),
            format!("Kiểm tra dấu `:`, `/` và `@`. {EXAMPLES}"),
        )
    })?;
    if url.password().is_some() {
        return Err(refuse(
            "Không được ghi mật khẩu vào địa chỉ nơi đăng trang: tệp này được lưu cùng nội dung, ai đọc được nó sẽ biết mật khẩu.",
            "Xóa phần `:mật-khẩu` sau tên người dùng. Mật khẩu FTP đặt trong biến môi trường \
             `NIEMYET_FTP_PASSWORD`; SSH dùng SSH agent hoặc `NIEMYET_SSH_KEY`; S3 dùng \
             `AWS_ACCESS_KEY_ID` và `AWS_SECRET_ACCESS_KEY` (xem docs/xuat-ban.md).",
        ));
    }
    if url.fragment().is_some() {
        return Err(refuse(
            format!("Địa chỉ nơi đăng trang `{text}` có phần `#...` không dùng được."),
            "Xóa phần từ dấu `#` trở đi.",
        ));
    }
    match scheme {
        "s3" => parse_s3(&url),
        "sftp" => Ok(Target::Sftp(login(&url, 22)?)),
        "ftps" => Ok(Target::Ftps(login(&url, 21)?)),
        "ftp" => Err(refuse(
            "FTP không mã hóa để lộ mật khẩu trên đường truyền, niemyet không dùng nó.",
            format!(
                "Dùng `ftps://` (FTP qua TLS, đa số nhà cung cấp hosting đều hỗ trợ): `{}`.",
                text.replacen("ftp://", "ftps://", 1)
            ),
        )),
        "http" | "https" => Err(refuse(
            format!("`{text}` là địa chỉ trang web, không phải nơi tải tệp lên."),
            format!("Ghi nơi lưu trữ mà trang web đọc từ đó. {EXAMPLES}"),
        )),
        other => Err(refuse(
            format!("Kiểu nơi đăng trang `{other}://` không được hỗ trợ."),
            format!("Dùng `s3://`, `sftp://` hoặc `ftps://`. {EXAMPLES}"),
        )),
    }
}

fn parse_s3(url: &url::Url) -> Result<Target, TargetError> {
    let bucket = url.host_str().unwrap_or("").to_string();
    if !is_bucket_name(&bucket) {
        return Err(refuse(
            format!("Tên bucket `{bucket}` không hợp lệ."),
            "Tên bucket gồm 3–63 chữ thường không dấu, chữ số, `-` hoặc `.`, ví dụ `s3://trang-nam-dong/`.",
        ));
    }
    if !url.username().is_empty() || url.port().is_some() {
        return Err(refuse(
            "Địa chỉ `s3://` không ghi tên người dùng hay cổng.",
            "Khóa truy cập đặt trong biến môi trường `AWS_ACCESS_KEY_ID` và `AWS_SECRET_ACCESS_KEY`; \
             máy chủ ghi trong `?endpoint=https://...`.",
        ));
    }
    let prefix = clean_path(url.path())?.trim_matches('/').to_string();
    let mut endpoint = None;
    let mut region = None;
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "endpoint" if endpoint.is_none() => endpoint = Some(check_endpoint(&value)?),
            "region" if region.is_none() => region = Some(check_region(&value)?),
            "endpoint" | "region" => {
                return Err(refuse(
                    format!("Tham số `{key}` được ghi hai lần."),
                    "Giữ một lần.",
                ));
            }
            k if looks_secret(k) => {
                return Err(refuse(
                    format!("Không được ghi khóa bí mật (`{k}`) vào địa chỉ nơi đăng trang."),
                    "Xóa tham số đó; khóa S3 đặt trong biến môi trường `AWS_ACCESS_KEY_ID` và `AWS_SECRET_ACCESS_KEY`.",
                ));
            }
            k => {
                return Err(refuse(
                    format!("Tham số `{k}` không dùng được với `s3://`."),
                    "Chỉ dùng `endpoint=https://...` và `region=...`.",
                ));
            }
        }
    }
    Ok(Target::S3 {
        bucket,
        prefix,
        endpoint,
        region: region.unwrap_or_else(|| DEFAULT_REGION.to_string()),
    })
}

fn check_endpoint(value: &str) -> Result<String, TargetError> {
    let bad = || {
        refuse(
            format!("`endpoint={value}` không phải địa chỉ máy chủ S3."),
            "Ghi địa chỉ do nhà cung cấp đưa, ví dụ `endpoint=https://s3.nha-cung-cap.vn`.",
        )
    };
    let parsed = url::Url::parse(value).map_err(|_| bad())?;
    let host = parsed.host_str().ok_or_else(bad)?;
    if !parsed.path().trim_matches('/').is_empty()
        || parsed.query().is_some()
        || !parsed.username().is_empty()
    {
        return Err(refuse(
            format!("`endpoint={value}` chỉ được có giao thức, tên máy và cổng."),
            "Ví dụ `endpoint=https://s3.nha-cung-cap.vn`; thư mục trong bucket ghi sau tên bucket.",
        ));
    }
    let local = is_local(host);
    match parsed.scheme() {
        "https" => {}
        "http" if local => {}
        "http" => {
            return Err(refuse(
                format!(
                    "`endpoint={value}` dùng `http://`: khóa và tệp sẽ đi qua mạng không mã hóa."
                ),
                "Dùng `https://` (chỉ máy chủ thử trên chính máy này, 127.0.0.1, mới được dùng `http://`).",
            ));
        }
        _ => return Err(bad()),
    }
    Ok(value.trim_end_matches('/').to_string())
}

fn check_region(value: &str) -> Result<String, TargetError> {
    if !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        Ok(value.to_string())
    } else {
        Err(refuse(
            format!("`region={value}` không hợp lệ."),
            "Ghi vùng do nhà cung cấp đưa, ví dụ `region=hn` (chữ không dấu, chữ số, `-`).",
        ))
    }
}

/// User, host, port and folder of an `sftp://` or `ftps://` URL.
fn login(url: &url::Url, default_port: u16) -> Result<Login, TargetError> {
    let user = percent_decode(url.username());
    if user.is_empty() {
        return Err(refuse(
            format!("Địa chỉ `{}` thiếu tên người dùng.", url.as_str()),
            format!(
                "Ghi tên đăng nhập trước `@`: `{}://nguoi-dung@may-chu.vn/...`.",
                url.scheme()
            ),
        ));
    }
    let host = url.host_str().unwrap_or("").to_string();
    if host.is_empty() {
        return Err(refuse(
            format!("Địa chỉ `{}` thiếu tên máy chủ.", url.as_str()),
            EXAMPLES,
        ));
    }
    if url.query().is_some() {
        return Err(refuse(
            format!(
                "Địa chỉ `{}://` không nhận tham số sau dấu `?`.",
                url.scheme()
            ),
            "Xóa phần từ dấu `?` trở đi; mật khẩu và khóa đặt trong biến môi trường.",
        ));
    }
    let path = clean_path(url.path())?;
    let path = match path.strip_prefix("/~") {
        Some(rest) => rest.trim_start_matches('/').to_string(),
        None => path,
    };
    let path = path.trim_end_matches('/').to_string();
    let path = if path.is_empty() && url.path().starts_with('/') && !url.path().starts_with("/~") {
        "/".to_string()
    } else {
        path
    };
    Ok(Login {
        user,
        host,
        port: url.port().unwrap_or(default_port),
        path,
    })
}

/// The decoded path, refused when it has `..` or characters that name no real folder.
fn clean_path(raw: &str) -> Result<String, TargetError> {
    let path = percent_decode(raw);
    if path.split('/').any(|seg| seg == "..") || path.contains(['\\', '\0', '\n', '\r']) {
        return Err(refuse(
            format!("Thư mục `{path}` trong địa chỉ nơi đăng trang không hợp lệ."),
            "Ghi đường dẫn đầy đủ tới thư mục của trang, không có `..`, ví dụ `/var/www/don-vi`.",
        ));
    }
    Ok(path)
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

fn is_bucket_name(b: &str) -> bool {
    (3..=63).contains(&b.len())
        && b.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'.')
        && !b.starts_with(['-', '.'])
        && !b.ends_with(['-', '.'])
}

/// The machine itself: the only place plain `http` may go.
pub fn is_local(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "localhost" | "[::1]" | "::1")
}

/// A settings key or URL parameter that names a secret (English or Vietnamese, any case or
/// separator): those never belong in the project.
pub fn looks_secret(key: &str) -> bool {
    let k: String = deunicode_lower(key);
    const WORDS: &[&str] = &[
        "password",
        "passwd",
        "pass",
        "pwd",
        "secret",
        "token",
        "accesskey",
        "privatekey",
        "apikey",
        "credential",
        "signature",
        "matkhau",
        "khoabimat",
        "khoariengtu",
        "khoatruycap",
    ];
    WORDS.iter().any(|w| k.contains(w))
}

/// Lowercase ASCII letters and digits only (`Mật_khẩu` → `matkhau`, `AWS-Secret` → `awssecret`).
fn deunicode_lower(s: &str) -> String {
    s.chars()
        .flat_map(fold_vietnamese)
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Vietnamese letters folded to ASCII, enough for key names (a leaf module: no `text::slug`).
fn fold_vietnamese(c: char) -> Option<char> {
    const GROUPS: &[(&str, char)] = &[
        ("àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'a'),
        ("èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ", 'e'),
        ("ìíỉĩịÌÍỈĨỊ", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'o'),
        ("ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ", 'u'),
        ("ỳýỷỹỵỲÝỶỸỴ", 'y'),
        ("đĐ", 'd'),
    ];
    if c.is_ascii() {
        return Some(c);
    }
    GROUPS
        .iter()
        .find(|(set, _)| set.contains(c))
        .map(|(_, to)| *to)
}

impl fmt::Display for Target {
    /// The target as a person reads it in messages (no secret is ever part of it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::S3 {
                bucket,
                prefix,
                endpoint,
                ..
            } => {
                write!(f, "s3://{bucket}/{prefix}")?;
                if let Some(e) = endpoint {
                    write!(f, " ({e})")?;
                }
                Ok(())
            }
            Target::Sftp(l) => write!(f, "sftp://{l}"),
            Target::Ftps(l) => write!(f, "ftps://{l}"),
        }
    }
}

impl Login {
    /// How messages name the server: `máy chủ SSH \`may-chu.vn:22\``.
    pub fn place(&self, kind: &str) -> String {
        format!("{kind} `{}:{}`", self.host, self.port)
    }
}

impl fmt::Display for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Login {
            user,
            host,
            port,
            path,
        } = self;
        write!(f, "{user}@{host}:{port}/{}", path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_with_endpoint_region_and_prefix() {
        let t = parse(
            "s3://trang-nam-dong/duong-dan/con?endpoint=https://s3.nha-cung-cap.vn&region=hn",
        )
        .unwrap();
        assert_eq!(
            t,
            Target::S3 {
                bucket: "trang-nam-dong".into(),
                prefix: "duong-dan/con".into(),
                endpoint: Some("https://s3.nha-cung-cap.vn".into()),
                region: "hn".into(),
            }
        );
        let t = parse("s3://trang").unwrap();
        assert!(
            matches!(t, Target::S3 { prefix, region, endpoint: None, .. }
            if prefix.is_empty() && region == DEFAULT_REGION)
        );
    }

    #[test]
    fn http_endpoint_only_to_this_machine() {
        assert!(parse("s3://trang/?endpoint=http://127.0.0.1:9000").is_ok());
        assert!(parse("s3://trang/?endpoint=http://localhost:9000").is_ok());
        let e = parse("s3://trang/?endpoint=http://s3.nha-cung-cap.vn").unwrap_err();
        assert!(e.message.contains("http://"), "{e:?}");
    }

    #[test]
    fn sftp_and_ftps_defaults() {
        assert_eq!(
            parse("sftp://nguoi-dung@may-chu.vn/var/www/binh-an/").unwrap(),
            Target::Sftp(Login {
                user: "nguoi-dung".into(),
                host: "may-chu.vn".into(),
                port: 22,
                path: "/var/www/binh-an".into(),
            })
        );
        assert_eq!(
            parse("sftp://u@h:2222/~/www").unwrap(),
            Target::Sftp(Login {
                user: "u".into(),
                host: "h".into(),
                port: 2222,
                path: "www".into(),
            })
        );
        assert_eq!(
            parse("ftps://u@h/public_html").unwrap(),
            Target::Ftps(Login {
                user: "u".into(),
                host: "h".into(),
                port: 21,
                path: "/public_html".into(),
            })
        );
    }

    #[test]
    fn secrets_in_urls_are_refused_with_the_environment_variable() {
        let e = parse("ftps://u:matkhau123@h/public_html").unwrap_err();
        assert!(e.message.contains("mật khẩu"), "{e:?}");
        assert!(e.hint.contains("NIEMYET_FTP_PASSWORD"), "{e:?}");
        let e = parse("s3://trang/?endpoint=https://s3.vn&secret_key=abc").unwrap_err();
        assert!(e.hint.contains("AWS_SECRET_ACCESS_KEY"), "{e:?}");
    }

    #[test]
    fn other_schemes_and_typos_get_hints() {
        assert!(
            parse("ftp://u@h/x")
                .unwrap_err()
                .hint
                .contains("ftps://u@h/x")
        );
        assert!(parse("https://trang.gov.vn").is_err());
        assert!(parse("trang.gov.vn").is_err());
        assert!(
            parse("sftp://may-chu.vn/x")
                .unwrap_err()
                .message
                .contains("người dùng")
        );
        assert!(parse("s3://Trang_Hoa").is_err());
        assert!(parse("sftp://u@h/var/../etc").is_err());
    }

    #[test]
    fn secret_looking_keys() {
        for k in [
            "password",
            "mat_khau",
            "Mật khẩu",
            "aws_secret_access_key",
            "token",
            "khoa_bi_mat",
        ] {
            assert!(looks_secret(k), "{k}");
        }
        for k in ["giao_dien", "xuat_ban", "nam-dong", "binh-an"] {
            assert!(!looks_secret(k), "{k}");
        }
    }
}
