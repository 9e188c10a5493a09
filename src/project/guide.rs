//! Service guides (`dich-vu/*.md`, SPEC §4): the steps a resident follows for one online service.

use super::fields::{Fields, Located};
use super::front_matter::FrontMatter;
use crate::diag::{Code, Diagnostic};
use crate::words::{Channel, Word};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Guide {
    /// File name without `.md`: the guide's name and slug.
    pub name: String,
    pub file: Arc<crate::diag::SourceFile>,
    pub title: String,
    pub order: Option<u32>,
    pub agency: Option<String>,
    pub channels: Vec<Located<Channel>>,
    pub link: Option<Located<String>>,
    pub requirements: Vec<String>,
    /// Byte offset in `file.text` where the Markdown body starts.
    pub body_start: usize,
    /// Line of the file where the body starts.
    pub body_line: usize,
    /// True for a site's own guide (overrides or adds to `_chung`).
    pub local: bool,
}

impl Guide {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.file.text[self.body_start..]
    }
}

pub fn parse(name: String, fm: &FrontMatter, local: bool) -> (Option<Guide>, Vec<Diagnostic>) {
    let file = &fm.file;
    let mut f = Fields::new(file, &fm.yaml, &super::keys::GUIDE, fm.open_pos);
    let title = f.required_string("ten", "Thêm `ten: \"Đăng ký tạm trú\"` (tên thủ tục).");
    let order = f.integer("stt");
    let agency = f.string("co_quan").map(|s| s.value);
    let written_channels = f.string_list("kenh");
    let link = f.string("lien_ket");
    let requirements = f
        .string_list("dieu_kien")
        .into_iter()
        .map(|s| s.value)
        .collect();
    let mut diags = Vec::new();
    let mut channels = Vec::new();
    for ch in written_channels {
        match Channel::parse(&ch.value) {
            Some(c) => channels.push(Located::new(c, ch.pos)),
            None => diags.push(
                file.error(
                    ch.pos,
                    Code::Kenh,
                    format!("Kênh `{}` không hợp lệ.", ch.value),
                )
                .hint(crate::text::suggest::one_of_hint(
                    &ch.value,
                    &Channel::keys(),
                )),
            ),
        }
    }
    if let Some(l) = &link
        && !l.value.starts_with("https://")
    {
        diags.push(
            file.error(
                l.pos,
                Code::LienKet,
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
        body_start: fm.body_start,
        body_line: fm.body_line,
        local,
    });
    (guide, diags)
}
