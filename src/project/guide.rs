//! Service guides (`dich-vu/*.md`, SPEC §4): the steps a resident follows for one online service.

use super::fields::{Fields, Located};
use super::front_matter::FrontMatter;
use crate::diag::Diagnostic;
use std::sync::Arc;

const KEYS: &[&str] = &["ten", "stt", "co_quan", "kenh", "lien_ket", "dieu_kien"];
pub const CHANNELS: &[(&str, &str)] = &[
    ("dichvucong", "Cổng Dịch vụ công quốc gia"),
    ("vneid", "Ứng dụng VNeID"),
    ("truc-tiep", "Trực tiếp tại Bộ phận Một cửa"),
];

#[derive(Debug, Clone)]
pub struct Guide {
    /// File name without `.md`: the guide's name and slug.
    pub name: String,
    pub file: Arc<crate::diag::SourceFile>,
    pub title: String,
    pub order: Option<u32>,
    pub agency: Option<String>,
    pub channels: Vec<Located<String>>,
    pub link: Option<Located<String>>,
    pub requirements: Vec<String>,
    pub body: String,
    /// Line of the file where `body` starts.
    pub body_line: usize,
    /// True for a site's own guide (overrides or adds to `_chung`).
    pub local: bool,
}

pub fn parse(name: String, fm: &FrontMatter, local: bool) -> (Option<Guide>, Vec<Diagnostic>) {
    let file = &fm.file;
    let mut f = Fields::new(file, &fm.yaml, KEYS, fm.open_pos, "hướng dẫn dịch vụ");
    let title = f.required_string("ten", "Thêm `ten: \"Đăng ký tạm trú\"` (tên thủ tục).");
    let order = f.integer("stt");
    let agency = f.string("co_quan").map(|s| s.value);
    let channels = f.string_list("kenh");
    let link = f.string("lien_ket");
    let requirements = f
        .string_list("dieu_kien")
        .into_iter()
        .map(|s| s.value)
        .collect();
    let mut diags = Vec::new();
    for ch in &channels {
        if !CHANNELS.iter().any(|(k, _)| *k == ch.value) {
            diags.push(
                file.error(ch.pos, "kenh", format!("Kênh `{}` không hợp lệ.", ch.value))
                    .hint("Dùng `dichvucong`, `vneid` hoặc `truc-tiep`."),
            );
        }
    }
    if let Some(l) = &link
        && !l.value.starts_with("https://")
    {
        diags.push(
            file.error(
                l.pos,
                "lien-ket",
                "`lien_ket` phải là địa chỉ chính thức bắt đầu bằng `https://`.",
            )
            .hint("Ví dụ: `lien_ket: https://dichvucong.gov.vn/`."),
        );
    }
    diags.extend(f.finish());
    let guide = title.map(|t| Guide {
        name,
        file: file.clone(),
        title: t.value,
        order: order.map(|o| o.value),
        agency,
        channels,
        link,
        requirements,
        body: fm.body.clone(),
        body_line: fm.body_line,
        local,
    });
    (guide, diags)
}
