//! QR symbols for posters and printed guides (ISO/IEC 18004 = TCVN 7322:2009) and the printed-size rule.
//!
//! A symbol is encoded by the `qrcode` crate, which picks the smallest mix of segments: the
//! uppercase scheme and host (`HTTPS://HOST/`) go in alphanumeric mode, about 30 % fewer bits than
//! byte mode, and the lowercase path (`q/code/`) in a byte segment; that buys error correction
//! level H at the version byte mode alone needs for Q.
//! It is drawn as one vector path (runs of dark modules merged into rectangles), never as an
//! image, so it stays sharp at any print size. This module never draws into the quiet zone: the
//! caller keeps 4 modules of white around every symbol.

use krilla::geom::{Path, PathBuilder, Rect};
use qrcode::{EcLevel, QrCode};
use std::sync::Arc;

/// White border around a symbol, in modules (ISO/IEC 18004 requires 4).
pub const QUIET_ZONE: usize = 4;

/// Printed-size rule. A phone's scanner reads preview frames about 1080 pixels across; with a
/// ~65° field of view at 1.5 m they cover ~1.9 m, 0.57 pixel per millimetre, and decoders want
/// at least 2 pixels per module (ML Kit's input guideline). So the area's code, read from a
/// notice board at 1–2 m, keeps modules of at least 3.5 mm; the service codes, read at arm's
/// length (≤ 40 cm: ~2 pixels per millimetre), at least 1 mm.
pub const MIN_MODULE_MM_BIG: f32 = 3.5;
pub const MIN_MODULE_MM_SMALL: f32 = 1.0;

pub const PT_PER_MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone)]
pub struct Symbol {
    /// The exact text the symbol decodes to.
    pub data: String,
    /// Modules per side, without the quiet zone.
    pub width: usize,
    pub level: EcLevel,
    dark: Vec<bool>,
    /// `path()`, made once: a symbol is drawn on every copy of its poster.
    path: Drawn,
}

/// The path of a symbol (krilla's `Path` is neither `Clone` nor `Debug`).
#[derive(Clone)]
struct Drawn(Option<Arc<Path>>);

impl std::fmt::Debug for Drawn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Drawn")
    }
}

impl Symbol {
    pub fn encode(data: &str, level: EcLevel) -> Option<Symbol> {
        let code = QrCode::with_error_correction_level(data.as_bytes(), level).ok()?;
        Some(Symbol::from_code(data, &code, level))
    }

    fn from_code(data: &str, code: &QrCode, level: EcLevel) -> Symbol {
        let mut s = Symbol {
            data: data.to_string(),
            width: code.width(),
            level,
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
            path: Drawn(None),
        };
        s.path = Drawn(s.make_path().map(Arc::new));
        s
    }

    /// The symbol that is read from farthest when printed `side` points wide: the fewest
    /// modules (each then as large as can be), and of those the highest error correction (a
    /// smudged or torn poster still reads). Levels H, Q and M; L recovers too little for paper on
    /// a wall. `None` when even the sparsest has modules under `min_module` points.
    /// Only the chosen symbol is drawn: choosing its mask is most of an encoding's time.
    pub fn fit(data: &str, side: f32, min_module: f32) -> Option<Symbol> {
        let (bits, level) = [EcLevel::H, EcLevel::Q, EcLevel::M]
            .into_iter()
            .filter_map(|l| {
                qrcode::bits::encode_auto(data.as_bytes(), l)
                    .ok()
                    .map(|b| (b, l))
            })
            .fold(
                None,
                |best: Option<(qrcode::bits::Bits, EcLevel)>, (b, l)| match best {
                    Some((kept, k)) if kept.version().width() <= b.version().width() => {
                        Some((kept, k))
                    }
                    _ => Some((b, l)),
                },
            )?;
        if side / f32::from(bits.version().width()) < min_module {
            return None;
        }
        let code = QrCode::with_bits(bits, level).ok()?;
        Some(Symbol::from_code(data, &code, level))
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }

    /// The dark modules as one path in module units (one unit per module, origin at the
    /// symbol's top-left corner): drawn under a scaling transform, its coordinates are small
    /// integers, which keeps PDF content streams short (they dominate a poster's weight and
    /// the time spent compressing it).
    pub fn path(&self) -> Option<&Path> {
        self.path.0.as_deref()
    }

    fn make_path(&self) -> Option<Path> {
        let mut pb = PathBuilder::new();
        for (x, y, w, h) in self.rects() {
            pb.push_rect(Rect::from_xywh(x as f32, y as f32, w as f32, h as f32)?);
        }
        pb.finish()
    }

    /// Rectangles `(x, y, w, h)` in modules that cover exactly the dark modules, without overlap.
    fn rects(&self) -> Vec<(usize, usize, usize, usize)> {
        // Horizontal runs of dark modules; a run repeated on the next rows grows downwards,
        // so one rectangle covers it.
        let mut open: std::collections::BTreeMap<(usize, usize), usize> = Default::default();
        let mut rects: Vec<(usize, usize, usize, usize)> = Vec::new();
        for row in 0..=self.width {
            let mut runs = std::collections::BTreeSet::new();
            let mut col = 0;
            while row < self.width && col < self.width {
                if !self.is_dark(col, row) {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < self.width && self.is_dark(col, row) {
                    col += 1;
                }
                runs.insert((start, col));
            }
            open.retain(|&(start, end), top| {
                let goes_on = runs.contains(&(start, end));
                if !goes_on {
                    rects.push((start, *top, end - start, row - *top));
                }
                goes_on
            });
            for r in runs {
                open.entry(r).or_insert(row);
            }
        }
        rects.sort_by_key(|&(x, y, _, _)| (y, x));
        rects
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uppercase_host_gets_level_h_in_a_small_version() {
        let mixed = Symbol::encode("HTTPS://NAMDONG.EXAMPLE.GOV.VN/q/k7m2x/", EcLevel::H).unwrap();
        let all_upper =
            Symbol::encode("HTTPS://NAMDONG.EXAMPLE.GOV.VN/Q/K7M2X/", EcLevel::H).unwrap();
        let low = Symbol::encode("https://namdong.example.gov.vn/q/k7m2x/", EcLevel::H).unwrap();
        assert_eq!(mixed.width, 33, "version 4");
        assert_eq!(
            mixed.width, all_upper.width,
            "the lowercase path costs no version here"
        );
        assert!(
            low.width > mixed.width,
            "byte mode needs a bigger version at H"
        );
    }

    #[test]
    fn the_rectangles_cover_exactly_the_dark_modules() {
        let s = Symbol::encode("HTTPS://BINHAN.EXAMPLE.GOV.VN/Q/ZDC9H/", EcLevel::H).unwrap();
        let mut covered = vec![false; s.width * s.width];
        let rects = s.rects();
        for &(x0, y0, w, h) in &rects {
            for y in y0..y0 + h {
                for x in x0..x0 + w {
                    assert!(!covered[y * s.width + x], "overlap at {x},{y}");
                    covered[y * s.width + x] = true;
                }
            }
        }
        for y in 0..s.width {
            for x in 0..s.width {
                assert_eq!(covered[y * s.width + x], s.is_dark(x, y), "{x},{y}");
            }
        }
        let dark = (0..s.width * s.width).filter(|&i| s.dark[i]).count();
        assert!(
            rects.len() * 2 < dark,
            "{} rectangles for {dark} modules",
            rects.len()
        );
    }

    #[test]
    fn fit_takes_the_fewest_modules_then_the_strongest_correction() {
        let data = "HTTPS://NAMDONG.EXAMPLE.GOV.VN/q/k7m2x/";
        let side = 142.0 * PT_PER_MM;
        let s = Symbol::fit(data, side, MIN_MODULE_MM_BIG * PT_PER_MM).unwrap();
        let sizes: Vec<usize> = [EcLevel::H, EcLevel::Q, EcLevel::M]
            .into_iter()
            .map(|l| Symbol::encode(data, l).unwrap().width)
            .collect();
        assert_eq!(s.width, *sizes.iter().min().unwrap(), "{sizes:?}");
        let strongest = [EcLevel::H, EcLevel::Q, EcLevel::M]
            .into_iter()
            .zip(&sizes)
            .find(|(_, w)| **w == s.width)
            .unwrap()
            .0;
        assert_eq!(s.level, strongest);
        assert!(side / s.width as f32 >= 4.5 * PT_PER_MM, "{}", s.width);
        assert!(Symbol::fit(data, 20.0 * PT_PER_MM, 1.0 * PT_PER_MM).is_none());
    }
}
