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
use qrcode::bits::Bits;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, QrCode, Version};
use std::sync::{Arc, OnceLock};

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
    /// `path()`, made once and only when asked for: a symbol is drawn on every copy of its
    /// poster, and never on a web page (which draws its own SVG).
    path: Drawn,
}

/// The path of a symbol (krilla's `Path` is neither `Clone` nor `Debug`).
#[derive(Clone, Default)]
struct Drawn(OnceLock<Option<Arc<Path>>>);

impl std::fmt::Debug for Drawn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Drawn")
    }
}

impl Symbol {
    pub fn encode(data: &str, level: EcLevel) -> Option<Symbol> {
        let bits = qrcode::bits::encode_auto(data.as_bytes(), level).ok()?;
        Symbol::from_bits(data, bits, level)
    }

    fn from_bits(data: &str, bits: Bits, level: EcLevel) -> Option<Symbol> {
        let (width, dark) = modules(bits, level)?;
        Some(Symbol {
            data: data.to_string(),
            width,
            level,
            dark,
            path: Drawn::default(),
        })
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
            .fold(None, |best: Option<(Bits, EcLevel)>, (b, l)| match best {
                Some((kept, k)) if kept.version().width() <= b.version().width() => Some((kept, k)),
                _ => Some((b, l)),
            })?;
        if side / f32::from(bits.version().width()) < min_module {
            return None;
        }
        Symbol::from_bits(data, bits, level)
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }

    /// The dark modules as one path in module units (one unit per module, origin at the
    /// symbol's top-left corner): drawn under a scaling transform, its coordinates are small
    /// integers, which keeps PDF content streams short (they dominate a poster's weight and
    /// the time spent compressing it).
    pub fn path(&self) -> Option<&Path> {
        let made = self.path.0.get_or_init(|| self.make_path().map(Arc::new));
        made.as_deref()
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

/// The modules of the symbol for `bits` (width, then dark or light row by row): what the crate's
/// `QrCode::with_bits` makes, with the mask chosen by [`penalty`] instead of the crate's
/// `Canvas::apply_best_mask`, which boxes a closure for every module it looks at (15,000
/// allocations a symbol: most of a small site's allocations, and a fifth of its build time).
/// Same rules, same order of masks, same 16-bit wrapping sums: the same symbol (tested against
/// the crate).
fn modules(bits: Bits, level: EcLevel) -> Option<(usize, Vec<bool>)> {
    let version = bits.version();
    if !matches!(version, Version::Normal(_)) {
        // Micro QR (never made for an address) keeps the crate's own choice.
        let code = QrCode::with_bits(bits, level).ok()?;
        return Some((code.width(), dark_modules(code.to_colors())));
    }
    let data = bits.into_bytes();
    let (encoded, ec) = qrcode::ec::construct_codewords(&data, version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    let width = usize::try_from(version.width()).ok()?;
    let mut best: Option<(u16, Vec<bool>)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let dark = dark_modules(masked.into_colors());
        let score = penalty(&dark, width);
        // The first of equal scores, as `Iterator::min_by_key` keeps.
        if best.as_ref().is_none_or(|(kept, _)| score < *kept) {
            best = Some((score, dark));
        }
    }
    best.map(|(_, dark)| (width, dark))
}

fn dark_modules(colors: Vec<Color>) -> Vec<bool> {
    colors.into_iter().map(|c| c == Color::Dark).collect()
}

/// The crate's order of masks (`ALL_PATTERNS_QR`): on equal scores the first wins.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The penalty of a masked symbol (ISO/IEC 18004 §7.8.3, as `qrcode` 0.14 computes it in
/// `Canvas::compute_total_penalty_scores`): runs of five or more, 2×2 blocks, finder-like
/// patterns (less the 360 the three real finders score) and the dark/light balance.
///
/// Each row and each column is one 128-bit number (bit `i`: module `i` is dark), so a rule
/// looks at a whole line at once: the eight masks of a symbol cost less than drawing one. A
/// symbol too wide for that (version 26 and up, never an address) is scored module by module.
fn penalty(dark: &[bool], w: usize) -> u16 {
    // Bits past the symbol stay zero (light), up to the 10 the finder rule looks past a line.
    if w == 0 || w + 10 > 128 {
        return penalty_by_module(dark, w);
    }
    let mut rows = vec![0u128; w];
    let mut cols = vec![0u128; w];
    for (y, row) in dark.chunks_exact(w).enumerate() {
        for (x, _) in row.iter().enumerate().filter(|(_, d)| **d) {
            rows[y] |= 1 << x;
            cols[x] |= 1 << y;
        }
    }
    // Runs of five or more modules of one colour score their length less two: a run of `n`
    // holds `n - 4` windows of five, and starts once (two more).
    let all = (1u128 << w) - 1;
    let runs = |lines: &[u128]| {
        let mut total = 0u32;
        for &line in lines {
            for one_colour in [line, !line & all] {
                let l = one_colour;
                let fives = l & (l >> 1) & (l >> 2) & (l >> 3) & (l >> 4);
                let starts = fives & !(fives << 1);
                total += fives.count_ones() + 2 * starts.count_ones();
            }
        }
        total as u16
    };
    // Squares of four modules of one colour score 3 each.
    let inside = (1u128 << (w - 1)) - 1;
    let blocks = rows.windows(2).fold(0u16, |total, pair| {
        let below = !(pair[0] ^ pair[1]);
        let beside = !(pair[0] ^ (pair[0] >> 1));
        let found = below & (below >> 1) & beside & inside;
        total.wrapping_add(3 * found.count_ones() as u16)
    });
    // Dark-light-dark-dark-dark-light-dark with four light modules (or the edge) on one side
    // scores 40.
    let finders = |lines: &[u128]| {
        let mut found = 0u32;
        for &l in lines {
            let pattern = l & !(l >> 1) & (l >> 2) & (l >> 3) & (l >> 4) & !(l >> 5) & (l >> 6);
            let dark_before = (l << 1) | (l << 2) | (l << 3) | (l << 4);
            let dark_after = (l >> 7) | (l >> 8) | (l >> 9) | (l >> 10);
            found += (pattern & !(dark_before & dark_after)).count_ones();
        }
        (found as u16).wrapping_mul(40).wrapping_sub(360)
    };
    let dark_count: usize = rows.iter().map(|r| r.count_ones() as usize).sum();
    let balance = (dark_count * 200 / (w * w)).abs_diff(100) as u16;
    [
        runs(&rows),
        runs(&cols),
        blocks,
        finders(&rows),
        finders(&cols),
        balance,
    ]
    .into_iter()
    .fold(0u16, u16::wrapping_add)
}

/// [`penalty`] module by module, for any width.
fn penalty_by_module(dark: &[bool], w: usize) -> u16 {
    let at = |x: usize, y: usize| dark[y * w + x];
    let line = |horizontal: bool, i: usize, j: usize| {
        if horizontal { at(j, i) } else { at(i, j) }
    };
    let runs = |horizontal: bool| {
        let mut total = 0u16;
        for i in 0..w {
            let (mut last, mut run) = (None, 0u16);
            for j in 0..w {
                let c = line(horizontal, i, j);
                if last == Some(c) {
                    run = run.wrapping_add(1);
                } else {
                    if run >= 5 {
                        total = total.wrapping_add(run - 2);
                    }
                    (last, run) = (Some(c), 1);
                }
            }
            if run >= 5 {
                total = total.wrapping_add(run - 2);
            }
        }
        total
    };
    let mut blocks = 0u16;
    for y in 0..w.saturating_sub(1) {
        for x in 0..w.saturating_sub(1) {
            let c = at(x, y);
            if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c {
                blocks = blocks.wrapping_add(3);
            }
        }
    }
    const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
    let finders = |horizontal: bool| {
        let mut total = 0u16;
        // Out of the symbol counts as light.
        let dark_at = |i: usize, k: usize| k < w && line(horizontal, i, k);
        for i in 0..w {
            for j in 0..w.saturating_sub(6) {
                if !(0..7).all(|k| line(horizontal, i, j + k) == FINDER[k]) {
                    continue;
                }
                let before = (j.saturating_sub(4)..j).any(|k| dark_at(i, k));
                let after = (j + 7..j + 11).any(|k| dark_at(i, k));
                if !before || !after {
                    total = total.wrapping_add(40);
                }
            }
        }
        total.wrapping_sub(360)
    };
    let ratio = dark.iter().filter(|&&d| d).count() * 200 / dark.len().max(1);
    let balance = ratio.abs_diff(100) as u16;
    [
        runs(true),
        runs(false),
        blocks,
        finders(true),
        finders(false),
        balance,
    ]
    .into_iter()
    .fold(0u16, u16::wrapping_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the crate makes of `data` at `level` (its own mask choice).
    fn crate_symbol(data: &str, level: EcLevel) -> Option<(usize, Vec<bool>)> {
        let code = QrCode::with_error_correction_level(data.as_bytes(), level).ok()?;
        Some((code.width(), dark_modules(code.to_colors())))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Our mask choice is the crate's: the same modules for any address, case and level
        /// (uppercase hosts go in alphanumeric mode, paths in byte mode, long ones in big
        /// versions).
        #[test]
        fn the_symbol_is_the_one_the_crate_makes(
            host in "(https|HTTPS)://[a-zA-Z0-9.-]{1,30}/",
            path in "[a-zA-Z0-9/_~%.-]{0,120}",
            level in 0..4usize,
        ) {
            let level = [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H][level];
            let data = format!("{host}{path}");
            let ours = qrcode::bits::encode_auto(data.as_bytes(), level)
                .ok()
                .and_then(|b| modules(b, level));
            proptest::prop_assert_eq!(ours, crate_symbol(&data, level));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// The penalty read a line at a time is the penalty read module by module, for any
        /// pattern of modules (not only real symbols: runs, blocks and finder-like patterns at
        /// the edges too) and any width a line holds.
        #[test]
        fn the_penalty_by_lines_is_the_penalty_by_modules(
            (w, dark) in proptest::prelude::Strategy::prop_flat_map(1usize..=118, |w| {
                let modules = proptest::collection::vec(proptest::bool::ANY, w * w);
                (proptest::prelude::Just(w), modules)
            }),
        ) {
            proptest::prop_assert_eq!(penalty(&dark, w), penalty_by_module(&dark, w));
        }
    }

    #[test]
    fn every_mask_can_win_and_matches_the_crate() {
        // Many short addresses: between them every one of the eight masks is chosen.
        let mut masks_seen = std::collections::BTreeSet::new();
        for i in 0..400 {
            let data = format!("https://xa{i}.example.gov.vn/dich-vu/{}/", i * 7919 % 1000);
            let ours = Symbol::encode(&data, EcLevel::M).unwrap();
            let (width, dark) = crate_symbol(&data, EcLevel::M).unwrap();
            assert_eq!((ours.width, &ours.dark), (width, &dark), "{data}");
            // The format information (row 8, left) names the mask.
            let bits: Vec<bool> = (0..5).map(|x| ours.is_dark(x, 8)).collect();
            masks_seen.insert(bits);
        }
        assert_eq!(masks_seen.len(), 8, "{masks_seen:?}");
    }

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
