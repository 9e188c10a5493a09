//! Writing laid-out pages into a PDF with krilla: fonts embedded as subsets, QR codes as vector
//! paths, gray only (prints the same in black and white).
//!
//! Output must be byte-identical for the same input: no creation date, no random document id
//! (krilla derives it from the content when none is set). This module never decides what goes on a page.

use super::fonts::Fonts;
use super::layout::{A3, A4, Op};
use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    A3,
}

impl Paper {
    /// Page size in points (ISO 216, as print shops and `pdfinfo` name it).
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => A4,
            Paper::A3 => A3,
        }
    }
}

fn fill(white: bool) -> Fill {
    let color = if white {
        luma::Color::white()
    } else {
        luma::Color::black()
    };
    Fill {
        paint: color.into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn draw(surface: &mut Surface<'_>, ops: &[Op], fonts: &Fonts) {
    for op in ops {
        match op {
            Op::Text {
                x,
                y,
                size,
                weight,
                white,
                line,
            } => {
                surface.set_fill(Some(fill(*white)));
                let face = fonts.get(*weight);
                surface.draw_glyphs(
                    Point::from_xy(*x, *y),
                    &line.glyphs,
                    face.pdf.clone(),
                    &line.text,
                    *size,
                    false,
                );
            }
            Op::Block { x, y, w, h } => {
                if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(Some(fill(false)));
                        surface.draw_path(&path);
                    }
                }
            }
            Op::Qr {
                x,
                y,
                module,
                symbol,
            } => {
                if let Some(path) = symbol.path() {
                    surface.set_fill(Some(fill(false)));
                    surface
                        .push_transform(&Transform::from_row(*module, 0.0, 0.0, *module, *x, *y));
                    surface.draw_path(&path);
                    surface.pop();
                }
            }
        }
    }
}

/// A PDF of the given pages (each a laid-out A4 poster, scaled for A3).
pub fn document<'a>(
    title: &str,
    pages: impl IntoIterator<Item = &'a [Op]>,
    paper: Paper,
    fonts: &Fonts,
) -> Result<Vec<u8>, String> {
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language("vi".into())
            .creator("niemyet".into()),
    );
    let (w, h) = paper.size();
    // The layout is drawn on A4; A3 is the same page, √2 larger.
    let s = w / A4.0;
    for ops in pages {
        let settings = PageSettings::from_wh(w, h).ok_or("khổ giấy không hợp lệ")?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        if s != 1.0 {
            surface.push_transform(&Transform::from_scale(s, s));
        }
        draw(&mut surface, ops, fonts);
        if s != 1.0 {
            surface.pop();
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("{e:?}"))
}
