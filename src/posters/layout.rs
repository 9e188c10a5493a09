//! One poster page, laid out as a list of drawing operations (pure: no PDF, no I/O).
//!
//! The layout is designed on A4 in points (A3 is the same page scaled by √2) for reading from
//! three metres: the area's name in 58 pt bold, the call to action in 24 pt bold, black on white
//! only, so it prints on any office printer. Texts shrink to fit down to a floor; a text that
//! still does not fit is reported (by `Field`) instead of being cut or overlapping: a poster must
//! never print a half name.

use super::fonts::Weight::{Bold, Regular};
use super::fonts::{Face, Fonts, Shaped, Weight};
use super::qr::{MIN_MODULE_MM_BIG, MIN_MODULE_MM_SMALL, PT_PER_MM, QUIET_ZONE, Symbol};
use std::sync::Arc;

/// A4 in points.
pub const A4: (f32, f32) = (595.28, 841.89);
/// A3 in points: A4 scaled by √2.
pub const A3: (f32, f32) = (841.89, 1190.55);
const MARGIN: f32 = 10.0 * PT_PER_MM;
/// Side of the area's big code (without quiet zone) on A4; smaller only when a crowded poster
/// needs the room and the modules stay ≥ 3 mm.
const BIG_SIDE: f32 = 100.0 * PT_PER_MM;
/// Height kept for the hotlines at the bottom.
const HOTLINES_H: f32 = 54.0;
/// Services shown on a poster: the first of `dich_vu_tren_poster`.
pub const MAX_SERVICES: usize = crate::project::site::MAX_POSTER_SERVICES;

pub const CALL_TO_ACTION: &str = "Quét mã để xem hướng dẫn dịch vụ công";
/// The same, broken where a reader pauses (never inside "dịch vụ").
const CALL_TO_ACTION_LINES: [&str; 3] = ["Quét mã để xem", "hướng dẫn", "dịch vụ công"];
pub const TYPE_LABEL: &str = "Hoặc gõ địa chỉ:";
pub const HOTLINES_TITLE: &str = "ĐƯỜNG DÂY NÓNG";
pub const TASK_FORCE_LABEL: &str = "Tổ công tác Đề án 06";
/// National hotlines (DOMAIN.md): the public-service portal and the Ministry of Public Security.
pub const NATIONAL_HOTLINES: [(&str, &str); 2] = [
    ("Cổng Dịch vụ công quốc gia", "1800 1096"),
    ("Bộ Công an (VNeID, căn cước)", "1900 0368"),
];
pub const SERVICES_TITLE: &str = "Quét mã để xem ngay từng dịch vụ:";

/// Where a poster text comes from, so that one that cannot be printed is reported at its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The site's name (in the top band).
    SiteName,
    AreaName,
    /// Commune and site names under the area's name.
    Place,
    /// The site's `base_url` (the printed address, the codes).
    BaseUrl,
    Hotline,
    Service(usize),
    Contact(usize),
}

#[derive(Debug, Clone)]
pub struct ContactText {
    pub name: String,
    pub title: String,
    pub phone: Option<String>,
}

/// Everything a poster shows, as clean (NFC, single-spaced) text.
#[derive(Debug, Clone)]
pub struct Content {
    /// Upper band: "TỔ CÔNG TÁC TRIỂN KHAI ĐỀ ÁN 06 · HUYỆN NAM ĐÔNG".
    pub header: String,
    pub area_name: String,
    pub place: String,
    /// What the big code encodes.
    pub area_qr: String,
    /// What a person types (printed under the call to action).
    pub address: String,
    pub hotline: String,
    /// (name, what its code encodes)
    pub services: Vec<(String, String)>,
    pub contacts: Vec<ContactText>,
}

#[derive(Debug, Clone)]
pub enum Op {
    /// One line of text; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        white: bool,
        line: Shaped,
    },
    /// A black rectangle.
    Block { x: f32, y: f32, w: f32, h: f32 },
    /// A QR symbol, top-left corner of its first module at (x, y).
    Qr {
        x: f32,
        y: f32,
        module: f32,
        symbol: Arc<Symbol>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    pub field: Field,
    pub reason: String,
}

#[derive(Clone)]
struct Fit {
    size: f32,
    lines: Vec<Shaped>,
}

/// Greedy word wrap at `size`; `None` when a single word is wider than `width`.
fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Option<Vec<Shaped>> {
    let mut lines = Vec::new();
    let mut current: Option<Shaped> = None;
    for word in text.split(' ') {
        let candidate = match &current {
            Some(c) => face.shape(&format!("{} {word}", c.text)),
            None => face.shape(word),
        };
        if candidate.width(size) <= width {
            current = Some(candidate);
            continue;
        }
        let alone = face.shape(word);
        if alone.width(size) > width {
            return None;
        }
        lines.extend(current.take());
        current = Some(alone);
    }
    lines.extend(current);
    Some(lines)
}

/// The largest size in [min, max] (half-point steps) at which `text` wraps into `max_lines`.
fn fit(face: &Face, text: &str, max: f32, min: f32, width: f32, max_lines: usize) -> Option<Fit> {
    let mut size = max;
    while size >= min {
        if let Some(lines) = wrap(face, text, size, width)
            && lines.len() <= max_lines
        {
            return Some(Fit { size, lines });
        }
        size -= 0.5;
    }
    None
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Center,
}

type FitKey = (String, Weight, [u32; 3], usize);

/// Fits already computed: most texts (call to action, labels, hotlines, a site's service names)
/// repeat on every poster of a run, and fitting shapes the text many times.
/// The service codes are the same on every poster of a site: encoded once, too.
#[derive(Default)]
pub struct FitCache(
    std::collections::HashMap<FitKey, Option<Fit>>,
    std::collections::HashMap<String, Option<Arc<Symbol>>>,
);

struct Builder<'f> {
    fonts: &'f Fonts,
    cache: &'f mut FitCache,
    ops: Vec<Op>,
    misfits: Vec<Misfit>,
}

impl Builder<'_> {
    /// Fits and places a text block whose first line's top is `top`; returns the block's bottom.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        field: Field,
        text: &str,
        weight: Weight,
        (max, min): (f32, f32),
        max_lines: usize,
        (x, width): (f32, f32),
        top: f32,
        align: Align,
        white: bool,
    ) -> f32 {
        let face = self.fonts.get(weight);
        let key = (
            text.to_string(),
            weight,
            [max.to_bits(), min.to_bits(), width.to_bits()],
            max_lines,
        );
        let fitted = self
            .cache
            .0
            .entry(key)
            .or_insert_with(|| fit(face, text, max, min, width, max_lines))
            .clone();
        let Some(f) = fitted else {
            let what = if max_lines == 1 {
                "một dòng"
            } else {
                "vài dòng"
            };
            self.misfits.push(Misfit {
                field,
                reason: format!(
                    "`{text}` quá dài để in trên áp phích (không vừa {what}, cỡ chữ nhỏ nhất {min} pt)."
                ),
            });
            return top + max * 1.25;
        };
        let lh = f.size * 1.2;
        let mut y = top;
        for line in f.lines {
            let lx = match align {
                Align::Left => x,
                Align::Center => x + (width - line.width(f.size)) / 2.0,
            };
            self.ops.push(Op::Text {
                x: lx,
                y: y + f.size,
                size: f.size,
                weight,
                white,
                line,
            });
            y += lh;
        }
        y
    }
}

/// Lays out one A4 poster. Errors name every text that does not fit and every code too dense.
/// A long two-line name with long service names may not leave room for the hotlines: the
/// name's type and the big code then get smaller (down to 36 pt and 87 mm, modules still ≥ 3 mm)
/// before the poster is refused.
pub fn poster(c: &Content, fonts: &Fonts, cache: &mut FitCache) -> Result<Vec<Op>, Vec<Misfit>> {
    for (name_max, big_mm) in [(56.0, 100.0), (46.0, 100.0), (40.0, 93.0), (36.0, 87.0)] {
        match page(c, fonts, cache, name_max, big_mm * PT_PER_MM) {
            Ok(ops) => return Ok(ops),
            Err(Overflow(misfits)) if misfits.is_empty() => continue,
            Err(Overflow(misfits)) => return Err(misfits),
        }
    }
    Err(vec![Misfit {
        field: Field::AreaName,
        reason: format!(
            "Tên `{}` và các tên dịch vụ quá dài: áp phích không còn chỗ cho đường dây nóng.",
            c.area_name
        ),
    }])
}

/// `page` failed: the misfits, or none when only the page's height was exceeded.
struct Overflow(Vec<Misfit>);

fn page(
    c: &Content,
    fonts: &Fonts,
    cache: &mut FitCache,
    name_max: f32,
    big_side: f32,
) -> Result<Vec<Op>, Overflow> {
    let mut b = Builder {
        fonts,
        cache,
        ops: Vec::new(),
        misfits: Vec::new(),
    };
    let y = b.header(c, name_max);
    let (qx, y) = b.big_code(c, y, big_side)?;
    let y = b.typed_address(c, y, qx, big_side);
    let y = b.services(c, y);
    // Hotlines across the bottom: the task force's and the two national ones.
    let top = A4.1 - MARGIN - HOTLINES_H;
    if y > top && b.misfits.is_empty() {
        return Err(Overflow(Vec::new()));
    }
    b.hotlines(c, top);
    if b.misfits.is_empty() {
        Ok(b.ops)
    } else {
        Err(Overflow(b.misfits))
    }
}

/// Width of the page between the margins.
const CONTENT_W: f32 = A4.0 - 2.0 * MARGIN;

/// The parts of a poster page, top to bottom; each returns where the next one starts.
impl Builder<'_> {
    /// Top band (who speaks), the area's name read from across the road, where it is.
    fn header(&mut self, c: &Content, name_max: f32) -> f32 {
        let cw = CONTENT_W;
        // Top band: who speaks.
        let band_h = 26.0;
        self.ops.push(Op::Block {
            x: MARGIN,
            y: MARGIN,
            w: cw,
            h: band_h,
        });
        self.text(
            Field::SiteName,
            &c.header,
            Bold,
            (13.0, 8.0),
            1,
            (MARGIN + 8.0, cw - 16.0),
            MARGIN + 3.5,
            Align::Center,
            true,
        );
        // The area, read from across the road.
        let mut y = MARGIN + band_h + 6.0;
        y = self.text(
            Field::AreaName,
            &c.area_name,
            Bold,
            (name_max, 26.0),
            2,
            (MARGIN, cw),
            y,
            Align::Center,
            false,
        );
        y = self.text(
            Field::Place,
            &c.place,
            Regular,
            (17.0, 10.0),
            2,
            (MARGIN, cw),
            y,
            Align::Center,
            false,
        );
        y += 6.0;
        self.ops.push(Op::Block {
            x: MARGIN,
            y,
            w: cw,
            h: 2.5,
        });
        y += 2.5;
        y
    }

    /// The big code and, right of it, the call to action and the area's contacts; returns the
    /// code's left edge and the bottom of both.
    fn big_code(&mut self, c: &Content, mut y: f32, big_side: f32) -> Result<(f32, f32), Overflow> {
        let page_w = A4.0;
        // The big code, its call to action, the address to type, the hotlines.
        let min_big = MIN_MODULE_MM_BIG * PT_PER_MM;
        let Some(big) = Symbol::fit(&c.area_qr, big_side, min_big) else {
            if big_side < BIG_SIDE {
                // Too dense at this smaller size: the caller tries no smaller one.
                return Err(Overflow(Vec::new()));
            }
            self.misfits.push(Misfit {
                field: Field::BaseUrl,
                reason: format!(
                    "Địa chỉ `{}` quá dài: mã QR in ra sẽ quá dày để quét từ 1 m (cần ô mã ≥ {MIN_MODULE_MM_BIG} mm).",
                    c.area_qr
                ),
            });
            return Err(Overflow(std::mem::take(&mut self.misfits)));
        };
        let m = big_side / big.width as f32;
        let quiet = QUIET_ZONE as f32 * m;
        let qx = quiet.max(MARGIN) + 4.0;
        let qy = y + quiet;
        self.ops.push(Op::Qr {
            x: qx,
            y: qy,
            module: m,
            symbol: Arc::new(big),
        });
        // Right of the code: the call to action, then the area's own contacts (the neighbours who
        // help), centred on the code's height.
        let rx = qx + big_side + quiet;
        let rw = page_w - MARGIN - rx;
        let column = self.ops.len();
        let mut ry = 0.0;
        for line in CALL_TO_ACTION_LINES {
            ry = self.text(
                Field::AreaName,
                line,
                Bold,
                (27.0, 16.0),
                1,
                (rx, rw),
                ry,
                Align::Left,
                false,
            );
        }
        ry = self.contacts(c, (rx, rw), ry, big_side);
        let shift = qy + ((big_side - ry) / 2.0).max(0.0);
        for op in &mut self.ops[column..] {
            match op {
                Op::Text { y, .. } | Op::Block { y, .. } => *y += shift,
                Op::Qr { .. } => {}
            }
        }
        y = (qy + big_side + quiet).max(shift + ry + 6.0);
        Ok((qx, y))
    }

    /// The area's own contacts (the neighbours who help), placed while the column stays within
    /// the code's height; when some are left out, a last line says how many more the area's page
    /// lists.
    fn contacts(&mut self, c: &Content, (rx, rw): (f32, f32), mut ry: f32, big_side: f32) -> f32 {
        if !c.contacts.is_empty() {
            ry += 18.0;
            ry = self.text(
                Field::AreaName,
                &format!("Người hỗ trợ tại {}:", c.area_name),
                Bold,
                (12.0, 8.0),
                2,
                (rx, rw),
                ry,
                Align::Left,
                false,
            );
            self.ops.push(Op::Block {
                x: rx,
                y: ry + 1.0,
                w: rw,
                h: 1.2,
            });
            ry += 4.0;
            // Contacts are placed while the column stays within the code's height; when some are
            // left out, a last line says how many more the area's page lists.
            const NOTE_H: f32 = 14.0;
            let n = c.contacts.len();
            let mut shown = 0;
            for (i, ct) in c.contacts.iter().enumerate() {
                let (ops_mark, misfits_mark, before) = (self.ops.len(), self.misfits.len(), ry);
                ry = self.text(
                    Field::Contact(i),
                    &ct.name,
                    Bold,
                    (13.0, 9.0),
                    1,
                    (rx, rw),
                    ry,
                    Align::Left,
                    false,
                );
                if !ct.title.is_empty() {
                    ry = self.text(
                        Field::Contact(i),
                        &ct.title,
                        Regular,
                        (10.0, 8.0),
                        2,
                        (rx, rw),
                        ry - 1.0,
                        Align::Left,
                        false,
                    );
                }
                if let Some(p) = &ct.phone {
                    ry = self.text(
                        Field::Contact(i),
                        p,
                        Bold,
                        (16.0, 10.0),
                        1,
                        (rx, rw),
                        ry - 2.0,
                        Align::Left,
                        false,
                    );
                }
                ry += 4.0;
                let need = if i + 1 < n { ry + NOTE_H } else { ry };
                if i > 0 && need > big_side {
                    self.ops.truncate(ops_mark);
                    self.misfits.truncate(misfits_mark);
                    ry = before;
                    break;
                }
                shown += 1;
            }
            if shown < n {
                ry = self.text(
                    Field::AreaName,
                    &format!("… và {} người nữa: quét mã để xem đủ.", n - shown),
                    Regular,
                    (10.0, 8.0),
                    2,
                    (rx, rw),
                    ry,
                    Align::Left,
                    false,
                );
            }
        }
        ry
    }

    /// Under the code, outside its quiet zone: the address to type when the camera fails.
    fn typed_address(&mut self, c: &Content, mut y: f32, qx: f32, big_side: f32) -> f32 {
        let (page_w, cw) = (A4.0, CONTENT_W);
        let face = self.fonts.get(Regular);
        let label = face.shape(TYPE_LABEL);
        let label_size = 13.0;
        let gap = 6.0;
        let aw = cw - label.width(label_size) - gap;
        let bold = self.fonts.get(Bold);
        match fit(bold, &c.address, 20.0, 11.0, aw, 1) {
            Some(f) => {
                let total = label.width(label_size) + gap + f.lines[0].width(f.size);
                let x = (qx + big_side / 2.0 - total / 2.0).clamp(MARGIN, page_w - MARGIN - total);
                let base = y + 20.0;
                self.ops.push(Op::Text {
                    x,
                    y: base,
                    size: label_size,
                    weight: Regular,
                    white: false,
                    line: label.clone(),
                });
                let ax = x + label.width(label_size) + gap;
                self.ops.push(Op::Text {
                    x: ax,
                    y: base,
                    size: f.size,
                    weight: Bold,
                    white: false,
                    line: f.lines[0].clone(),
                });
                y = base + 12.0;
            }
            None => self.misfits.push(Misfit {
                field: Field::BaseUrl,
                reason: format!("Địa chỉ `{}` quá dài để in trên một dòng.", c.address),
            }),
        }
        y
    }

    /// The services, each with its own code.
    fn services(&mut self, c: &Content, mut y: f32) -> f32 {
        let cw = CONTENT_W;
        let services: Vec<&(String, String)> = c.services.iter().take(MAX_SERVICES).collect();
        if !services.is_empty() {
            let title_bottom = self.text(
                Field::Service(0),
                SERVICES_TITLE,
                Bold,
                (13.0, 10.0),
                1,
                (MARGIN, cw),
                y,
                Align::Left,
                false,
            );
            let cell_w = cw / MAX_SERVICES as f32;
            let x0 = MARGIN + (cw - cell_w * services.len() as f32) / 2.0;
            let top = title_bottom + 2.0;
            let mut bottom = top;
            for (i, (name, data)) in services.iter().enumerate() {
                let cx = x0 + cell_w * i as f32;
                let module_for = |w: usize| cell_w / (w + 2 * QUIET_ZONE) as f32;
                let symbol = self
                    .cache
                    .1
                    .entry(data.clone())
                    .or_insert_with(|| {
                        [qrcode::EcLevel::H, qrcode::EcLevel::Q]
                            .into_iter()
                            .filter_map(|l| Symbol::encode(data, l))
                            .find(|s| module_for(s.width) >= MIN_MODULE_MM_SMALL * PT_PER_MM)
                            .map(Arc::new)
                    })
                    .clone();
                let Some(symbol) = symbol else {
                    self.misfits.push(Misfit {
                        field: Field::BaseUrl,
                        reason: format!(
                            "Địa chỉ `{data}` quá dài: mã QR của dịch vụ sẽ quá dày để quét (cần ô mã ≥ {MIN_MODULE_MM_SMALL} mm)."
                        ),
                    });
                    continue;
                };
                let ms = module_for(symbol.width);
                let side = ms * symbol.width as f32;
                let q = QUIET_ZONE as f32 * ms;
                self.ops.push(Op::Qr {
                    x: cx + q,
                    y: top + q,
                    module: ms,
                    symbol,
                });
                let name_bottom = self.text(
                    Field::Service(i),
                    name,
                    Bold,
                    (11.0, 7.5),
                    4,
                    (cx + 4.0, cell_w - 8.0),
                    top + q + side + q,
                    Align::Center,
                    false,
                );
                bottom = bottom.max(name_bottom);
            }
            y = bottom + 6.0;
        }
        y
    }

    /// The hotlines across the bottom, from `top`.
    fn hotlines(&mut self, c: &Content, top: f32) {
        let cw = CONTENT_W;
        self.ops.push(Op::Block {
            x: MARGIN,
            y: top,
            w: cw,
            h: 2.5,
        });
        self.text(
            Field::Hotline,
            HOTLINES_TITLE,
            Bold,
            (11.0, 11.0),
            1,
            (MARGIN, cw),
            top + 5.0,
            Align::Left,
            false,
        );
        let col_w = cw / 3.0;
        let hotlines = [(TASK_FORCE_LABEL, c.hotline.as_str())]
            .into_iter()
            .chain(NATIONAL_HOTLINES);
        for (i, (label, number)) in hotlines.enumerate() {
            let x = MARGIN + col_w * i as f32;
            self.text(
                Field::Hotline,
                label,
                Regular,
                (10.0, 7.0),
                1,
                (x, col_w - 6.0),
                top + 19.0,
                Align::Left,
                false,
            );
            self.text(
                Field::Hotline,
                number,
                Bold,
                (20.0, 12.0),
                1,
                (x, col_w - 6.0),
                top + 29.0,
                Align::Left,
                false,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posters::fonts::fonts;

    fn content() -> Content {
        Content {
            header: "TỔ CÔNG TÁC TRIỂN KHAI ĐỀ ÁN 06 · XÃ BÌNH AN".into(),
            area_name: "Thôn An Phú".into(),
            place: "Xã Bình An, Quảng Trị".into(),
            area_qr: "HTTPS://BINHAN.EXAMPLE.GOV.VN/q/zdc9h/".into(),
            address: "binhan.example.gov.vn/q/ZDC9H".into(),
            hotline: "0233 3851 118".into(),
            services: vec![(
                "Đăng ký tạm trú".into(),
                "HTTPS://BINHAN.EXAMPLE.GOV.VN/q/zn5m9/".into(),
            )],
            contacts: Vec::new(),
        }
    }

    fn texts(ops: &[Op]) -> Vec<String> {
        ops.iter()
            .filter_map(|o| match o {
                Op::Text { line, .. } => Some(line.text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn contacts_beyond_the_code_height_are_counted_not_dropped_silently() {
        let mut c = content();
        for i in 0..7 {
            c.contacts.push(ContactText {
                name: format!("Nguyễn Văn {i}"),
                title: "Trưởng thôn".into(),
                phone: Some(format!("0912 000 00{i}")),
            });
        }
        let ops = poster(&c, fonts(), &mut FitCache::default()).unwrap();
        let t = texts(&ops);
        let shown = t.iter().filter(|s| s.starts_with("Nguyễn Văn")).count();
        assert!((1..7).contains(&shown), "{t:?}");
        let note = format!("… và {} người nữa: quét mã để xem đủ.", 7 - shown);
        assert!(t.contains(&note), "{t:?}");
    }

    #[test]
    fn long_names_everywhere_still_leave_room_for_the_hotlines() {
        let mut c = content();
        c.area_name = "Tổ dân phố Thượng Tứ - Đông Ba - Gia Hội - Phú Hiệp số 12".into();
        c.place =
            "Phường Thuận Hóa, Thành phố Huế, tỉnh Thừa Thiên Huế (trước sắp xếp năm 2025)".into();
        let long = "Đăng ký biến động quyền sử dụng đất do thay đổi thông tin người được cấp giấy chứng nhận";
        c.services = (0..4)
            .map(|i| {
                (
                    long.to_string(),
                    format!("HTTPS://BINHAN.EXAMPLE.GOV.VN/q/zn5m{i}/"),
                )
            })
            .collect();
        let ops = poster(&c, fonts(), &mut FitCache::default()).unwrap();
        let t = texts(&ops);
        assert!(t.contains(&"1900 0368".to_string()), "{t:?}");
        for op in &ops {
            if let Op::Text { y, .. } = op {
                assert!(*y <= A4.1 - MARGIN);
            }
        }
    }

    #[test]
    fn a_name_that_cannot_fit_is_a_misfit_not_a_cut() {
        let mut c = content();
        c.area_name = "Thôn".to_string() + &"-Xuân-Hòa".repeat(12);
        let err = poster(&c, fonts(), &mut FitCache::default()).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].field, Field::AreaName);
    }

    #[test]
    fn codes_keep_their_quiet_zone_inside_the_page_and_clear_of_text() {
        let ops = poster(&content(), fonts(), &mut FitCache::default()).unwrap();
        let (page_w, page_h) = A4;
        for op in &ops {
            if let Op::Text { y, line, .. } = op {
                assert!(*y <= page_h - MARGIN, "`{}` below the margin", line.text);
            }
        }
        for op in &ops {
            let Op::Qr {
                x,
                y,
                module,
                symbol,
            } = op
            else {
                continue;
            };
            let q = QUIET_ZONE as f32 * module;
            let side = symbol.width as f32 * module;
            let (x0, y0, x1, y1) = (x - q, y - q, x + side + q, y + side + q);
            assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= page_w && y1 <= page_h);
            for other in &ops {
                if let Op::Text {
                    x, y, size, line, ..
                } = other
                {
                    let (tx0, tx1) = (*x, x + line.width(*size));
                    let (ty0, ty1) = (y - size, y + size * 0.25);
                    let overlaps = tx0 < x1 && tx1 > x0 && ty0 < y1 && ty1 > y0;
                    assert!(
                        !overlaps,
                        "`{}` inside the quiet zone of {}",
                        line.text, symbol.data
                    );
                }
            }
        }
    }
}
