//! `niemyet serve`: live preview (see issue "Fast: live preview").

use super::Outcome;
use std::path::PathBuf;

pub fn run(_root: PathBuf, _site: Option<String>, _port: u16) -> Outcome {
    Outcome::Usage(
        "lệnh `serve` chưa có trong phiên bản này; dùng `niemyet build` rồi mở `public/`.".into(),
    )
}
