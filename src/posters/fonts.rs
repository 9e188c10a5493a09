//! The poster fonts: Be Vietnam Pro Regular and Bold (OFL-1.1, `themes/default/fonts/`),
//! embedded in the binary so that a poster never depends on the fonts of the clerk's computer.
//! The two TTFs are the release files without their TrueType hinting (`pyftsubset FILE
//! --unicodes='*' --glyphs='*' --layout-features='*' --name-IDs='*' --name-languages='*'
//! --name-legacy --notdef-glyph --notdef-outline --no-hinting`): hinting serves screens at small
//! pixel sizes, never a print, and it was half of every embedded subset (issue 18.4: a poster
//! within 40 KB). Outlines, metrics and the shaping tables are untouched.
//!
//! Text is shaped here, once, with the shaper krilla uses, so that what layout measures is what
//! the PDF draws. krilla draws a character the font lacks as nothing, without an error: `missing`
//! must be asked before anything is drawn, and a text it refuses must never reach a page.

use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

static REGULAR_TTF: &[u8] = include_bytes!("../../themes/default/fonts/BeVietnamPro-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../themes/default/fonts/BeVietnamPro-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

pub struct Face {
    pub pdf: Font,
    shaper: rustybuzz::Face<'static>,
    upem: f32,
}

pub struct Fonts {
    regular: Face,
    bold: Face,
}

/// A line of shaped text: glyphs with advances in em units.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub text: String,
    pub glyphs: Vec<KrillaGlyph>,
    /// Sum of advances, in em.
    pub advance: f32,
}

impl Shaped {
    pub fn width(&self, size: f32) -> f32 {
        self.advance * size
    }
}

fn face(data: &'static [u8]) -> Face {
    let shaper = rustybuzz::Face::from_slice(data, 0).expect("the embedded poster font parses");
    let upem = shaper.units_per_em() as f32;
    Face {
        pdf: Font::new(data.into(), 0).expect("the embedded poster font parses"),
        shaper,
        upem,
    }
}

/// The fonts, parsed once per process.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: face(REGULAR_TTF),
        bold: face(BOLD_TTF),
    })
}

impl Fonts {
    pub fn get(&self, w: Weight) -> &Face {
        match w {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// The first character of `text` that one of the poster fonts cannot show.
    pub fn missing(&self, text: &str) -> Option<char> {
        text.chars()
            .find(|&c| self.regular.missing(c) || self.bold.missing(c))
    }
}

impl Face {
    fn missing(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_none_or(|g| g.0 == 0)
    }

    /// Shapes one line, left to right.
    pub fn shape(&self, text: &str) -> Shaped {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        let out = rustybuzz::shape(&self.shaper, &[], buffer);
        let infos = out.glyph_infos();
        let positions = out.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut advance = 0.0;
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            // A cluster ends where the next different cluster starts (left-to-right shaping).
            let end = infos[i + 1..]
                .iter()
                .find(|n| n.cluster != info.cluster)
                .map_or(text.len(), |n| n.cluster as usize);
            let x_advance = pos.x_advance as f32 / self.upem;
            advance += x_advance;
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                x_advance,
                pos.x_offset as f32 / self.upem,
                pos.y_offset as f32 / self.upem,
                pos.y_advance as f32 / self.upem,
                start..end.max(start),
                None,
            ));
        }
        Shaped {
            text: text.to_string(),
            glyphs,
            advance,
        }
    }
}

/// Text as a poster shows it: NFC (so that extracted text matches what the clerk typed, and
/// precomposed and combining input look the same), whitespace runs collapsed to one space.
pub fn clean(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_covered_and_strange_scripts_are_not() {
        let f = fonts();
        let all = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";
        let lower = all.to_lowercase();
        assert_eq!(f.missing(all), None);
        assert_eq!(f.missing(&lower), None);
        assert_eq!(f.missing("0123456789 ()–,.:/·₫"), None);
        assert_eq!(f.missing("Thôn 中"), Some('中'));
        assert_eq!(f.missing("a\u{0007}"), Some('\u{0007}'));
    }

    #[test]
    fn decomposed_input_is_composed_before_drawing() {
        // "Đề" typed with combining marks.
        assert_eq!(clean("  Đe\u{0302}\u{0300}   án\n06 "), "Đề án 06");
    }

    #[test]
    fn bold_is_wider_than_regular_and_shaping_measures() {
        let f = fonts();
        let r = f.get(Weight::Regular).shape("Thôn Đông Tâm");
        let b = f.get(Weight::Bold).shape("Thôn Đông Tâm");
        assert!(
            r.advance > 4.0 && b.advance > r.advance,
            "{} {}",
            r.advance,
            b.advance
        );
        assert_eq!(
            r.glyphs.last().unwrap().text_range.end,
            "Thôn Đông Tâm".len()
        );
    }
}
