//! Writing laid-out pages into a PDF with krilla: fonts embedded as subsets, QR codes as vector
//! paths, gray only (prints the same in black and white). A back shared by many sheets (the
//! site's services) is written once per document, as a form XObject every back page draws.
//!
//! Output must be byte-identical for the same input: no creation date, no random document id
//! (krilla derives it from the content when none is set). This module never decides what goes on a page.

use super::fonts::Fonts;
use super::layout::{A3, A4, Op};
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::graphic::Graphic;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::{Document, SerializeSettings};
use std::collections::HashMap;

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
                    surface.draw_path(path);
                    surface.pop();
                }
            }
        }
    }
}

/// One poster: its front and, when it has one, its back (an id shared by identical backs).
pub struct Sheet<'a> {
    pub front: &'a [Op],
    pub back: Option<(usize, &'a [Op])>,
}

/// A PDF of the given sheets, front then back (each side a laid-out A4 page, scaled for A3), so
/// that a double-sided print puts every back behind its front.
pub fn document<'a>(
    title: &str,
    sheets: impl IntoIterator<Item = Sheet<'a>>,
    paper: Paper,
    fonts: &Fonts,
) -> Result<Vec<u8>, String> {
    // The title stays in the document information; XMP would repeat it in ~2 KB per file, and
    // tagging is for documents read aloud, which a sheet of codes is not.
    let mut doc = Document::new_with(SerializeSettings {
        xmp_metadata: false,
        enable_tagging: false,
        ..SerializeSettings::default()
    });
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language("vi".into())
            .creator("niemyet".into()),
    );
    let (w, h) = paper.size();
    // The layout is drawn on A4; A3 is the same page, √2 larger.
    let s = w / A4.0;
    let scale = Transform::from_scale(s, s);
    let mut backs: HashMap<usize, Graphic> = HashMap::new();
    for sheet in sheets {
        let settings = PageSettings::from_wh(w, h).ok_or("khổ giấy không hợp lệ")?;
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        surface.push_transform(&scale);
        draw(&mut surface, sheet.front, fonts);
        surface.pop();
        surface.finish();
        page.finish();
        let Some((id, ops)) = sheet.back else {
            continue;
        };
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let graphic = match backs.get(&id) {
            Some(g) => g.clone(),
            None => {
                let mut builder = surface.stream_builder();
                let mut inner = builder.surface();
                inner.push_transform(&scale);
                draw(&mut inner, ops, fonts);
                inner.pop();
                inner.finish();
                let g = Graphic::new(builder.finish(), false);
                backs.insert(id, g.clone());
                g
            }
        };
        surface.draw_graphic(graphic);
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("{e:?}"))
}
