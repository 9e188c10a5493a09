//! `niemyet posters`: QR posters for residential areas (see issue "QR posters").

use super::{Outcome, PaperSize};
use std::path::PathBuf;

pub fn run(
    _root: PathBuf,
    _sites: Vec<String>,
    _out: Option<PathBuf>,
    _kho: PaperSize,
    _areas: Vec<String>,
) -> Outcome {
    Outcome::Usage("lệnh `posters` chưa có trong phiên bản này.".into())
}
