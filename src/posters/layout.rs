//! One poster sheet, laid out as lists of drawing operations (pure: no PDF, no I/O).
//!
//! The front is made for a notice board read from 1–2 metres (issue 16.7): one dominant code of
//! 142 mm on A4 (201 mm on A3, which is the same page scaled by √2), the area's helpers and the
//! task force's hotline with numbers of at least 28 pt, the printed date and the site's short
//! address. It carries no other code: a phone pointed at a board from 1.5 m reads whichever code
//! it locks on first, so the area's code is alone. The service codes go on the back, read at
//! arm's length, the same page for every area of a site. Black on white only, so it prints on any
//! office printer. Texts wrap, then shrink down to a floor; a text that still does not fit is
//! reported (by `Field`) instead of being cut or overlapping: a poster must never print a half
//! name, and nothing may enter a code's quiet zone.

use super::fonts::Weight::{Bold, Regular};
use super::fonts::{Face, Fonts, Shaped, Weight};
use super::qr::{MIN_MODULE_MM_BIG, MIN_MODULE_MM_SMALL, PT_PER_MM, QUIET_ZONE, Symbol};
use std::sync::Arc;

/// A4 in points.
pub const A4: (f32, f32) = (595.28, 841.89);
/// A3 in points: A4 scaled by √2.
pub const A3: (f32, f32) = (841.89, 1190.55);
/// Within what office printers can reach (about 5 mm) with room to spare.
pub const MARGIN: f32 = 8.0 * PT_PER_MM;
/// Width of the page between the margins.
const CONTENT_W: f32 = A4.0 - 2.0 * MARGIN;
/// Side of the area's code (without its quiet zone) on A4: at least 140 mm (issue 16.7), and
/// 142 mm so that A3, scaled by √2, gets at least 200 mm.
pub const BIG_SIDE_MM: f32 = 142.0;
const _: () = assert!(BIG_SIDE_MM >= 140.0 && BIG_SIDE_MM * A3.0 / A4.0 >= 200.0);
/// Phone numbers on the front, read from 1–2 m (issue 16.7): never smaller.
pub const NUMBER_PT: f32 = 28.0;
/// Services shown on the back: the first of `dich_vu_tren_poster`.
pub const MAX_SERVICES: usize = crate::project::site::MAX_POSTER_SERVICES;

pub const CALL_TO_ACTION: &str = "Quét mã để xem hướng dẫn dịch vụ công";
pub const TYPE_LABEL: &str = "Hoặc gõ địa chỉ:";
pub const TASK_FORCE_LABEL: &str = "Đường dây nóng";
pub const TASK_FORCE_WHO: &str = "Tổ công tác Đề án 06";
/// National hotlines (DOMAIN.md): the public-service portal and the Ministry of Public Security.
pub const NATIONAL_HOTLINES: [(&str, &str); 2] = [
    ("Cổng Dịch vụ công quốc gia", "1800 1096"),
    ("Bộ Công an (VNeID, căn cước)", "1900 0368"),
];
pub const SERVICES_TITLE: &str = "Dịch vụ công thường dùng";
pub const SERVICES_HOW: &str =
    "Đưa điện thoại cách tờ giấy 20–40 cm và quét mã của dịch vụ bạn cần.";
pub const HELPERS_TITLE: &str = "Người hỗ trợ tại khu dân cư — gọi khi cần:";
pub const BACK_NOTE: &str = "Mặt sau: mã QR của từng dịch vụ";

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

/// The small print at the foot of both sides.
#[derive(Debug, Clone)]
pub struct Footer {
    /// The day of printing, `07/12/2026`.
    pub date: String,
    /// The site's short address, `namdong.example.gov.vn`.
    pub site: String,
}

/// Everything the front of an area's poster shows, as clean (NFC, single-spaced) text.
#[derive(Debug, Clone)]
pub struct Content {
    /// Upper band: "TỔ CÔNG TÁC TRIỂN KHAI ĐỀ ÁN 06 · HUYỆN NAM ĐÔNG".
    pub header: String,
    pub area_name: String,
    pub place: String,
    /// What the big code encodes.
    pub area_qr: String,
    /// What a person types (printed under the code).
    pub address: String,
    pub hotline: String,
    pub contacts: Vec<ContactText>,
    /// Whether the sheet has a back with the service codes (said at the foot of the front).
    pub has_back: bool,
    pub footer: Footer,
}

/// Everything the back shows: the same for every area of a site.
#[derive(Debug, Clone)]
pub struct Back {
    pub header: String,
    /// (name, what its code encodes)
    pub services: Vec<(String, String)>,
    pub hotline: String,
    pub footer: Footer,
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

/// The units a line may break between: words, except that groups of digits stay together
/// (`0912 345 678` never breaks inside a number).
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in text.split(' ') {
        let digit_start = w.chars().next().is_some_and(|c| c.is_ascii_digit());
        match out.last_mut() {
            Some(prev) if digit_start && prev.ends_with(|c: char| c.is_ascii_digit()) => {
                prev.push(' ');
                prev.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
    }
    out
}

/// Greedy wrap at `size`; `None` when a single unit is wider than `width`.
fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Option<Vec<Shaped>> {
    let mut lines = Vec::new();
    let mut current: Option<Shaped> = None;
    for word in words(text) {
        let candidate = match &current {
            Some(c) => face.shape(&format!("{} {word}", c.text)),
            None => face.shape(&word),
        };
        if candidate.width(size) <= width {
            current = Some(candidate);
            continue;
        }
        let alone = face.shape(&word);
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

/// How a text block may be set: weight, size range, lines, alignment, colour.
#[derive(Clone, Copy)]
struct Style {
    weight: Weight,
    max: f32,
    min: f32,
    lines: usize,
    align: Align,
    white: bool,
}

const fn style(weight: Weight, max: f32, min: f32, lines: usize) -> Style {
    Style {
        weight,
        max,
        min,
        lines,
        align: Align::Left,
        white: false,
    }
}

impl Style {
    const fn centered(self) -> Style {
        Style {
            align: Align::Center,
            ..self
        }
    }
}

type FitKey = (String, Weight, [u32; 3], usize);

/// Fits and symbols already computed: most texts (labels, hotlines, footers) repeat on every
/// poster of a run, and fitting shapes a text many times.
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
    fn fitted(&mut self, text: &str, s: Style, width: f32) -> Option<Fit> {
        let face = self.fonts.get(s.weight);
        let key = (
            text.to_string(),
            s.weight,
            [s.max.to_bits(), s.min.to_bits(), width.to_bits()],
            s.lines,
        );
        self.cache
            .0
            .entry(key)
            .or_insert_with(|| fit(face, text, s.max, s.min, width, s.lines))
            .clone()
    }

    /// Fits and places a text block whose first line's top is `top`; returns the block's bottom.
    fn text(
        &mut self,
        field: Field,
        text: &str,
        s: Style,
        (x, width): (f32, f32),
        top: f32,
    ) -> f32 {
        let Some(f) = self.fitted(text, s, width) else {
            let what = if s.lines == 1 {
                "một dòng"
            } else {
                "vài dòng"
            };
            self.misfits.push(Misfit {
                field,
                reason: format!(
                    "`{text}` quá dài để in trên áp phích (không vừa {what}, cỡ chữ nhỏ nhất {} pt).",
                    s.min
                ),
            });
            return top + s.max * 1.25;
        };
        let lh = f.size * 1.2;
        let mut y = top;
        let mut bottom = top;
        for line in f.lines {
            let lx = match s.align {
                Align::Left => x,
                Align::Center => x + (width - line.width(f.size)) / 2.0,
            };
            self.ops.push(Op::Text {
                x: lx,
                y: y + f.size,
                size: f.size,
                weight: s.weight,
                white: s.white,
                line,
            });
            // The last line's descenders.
            bottom = y + f.size * 1.25;
            y += lh;
        }
        bottom
    }

    /// A symbol for `data` at most `side` wide with modules of at least `min_module` points.
    fn symbol(&mut self, data: &str, side: f32, min_module: f32) -> Option<Arc<Symbol>> {
        let key = format!("{side}/{min_module}/{data}");
        self.cache
            .1
            .entry(key)
            .or_insert_with(|| Symbol::fit(data, side, min_module).map(Arc::new))
            .clone()
    }

    /// Places a code of `side` points with its top-left module at (x, y).
    fn code(&mut self, symbol: Arc<Symbol>, x: f32, y: f32, side: f32) {
        let module = side / symbol.width as f32;
        self.ops.push(Op::Qr {
            x,
            y,
            module,
            symbol,
        });
    }

    fn rule(&mut self, y: f32, h: f32) {
        self.ops.push(Op::Block {
            x: MARGIN,
            y,
            w: CONTENT_W,
            h,
        });
    }

    /// Top band: who speaks (a poster is trusted for its issuer). Returns its bottom.
    fn band(&mut self, header: &str) -> f32 {
        let h = 20.0;
        self.ops.push(Op::Block {
            x: MARGIN,
            y: MARGIN,
            w: CONTENT_W,
            h,
        });
        let s = Style {
            white: true,
            ..style(Bold, 12.0, 8.0, 1).centered()
        };
        self.text(
            Field::SiteName,
            header,
            s,
            (MARGIN + 8.0, CONTENT_W - 16.0),
            MARGIN + 3.5,
        );
        MARGIN + h
    }

    /// The foot of a side, bottom-aligned on the margin: the national hotlines when `national`,
    /// then the date, the site's address and `note`. Returns its top.
    fn footer(&mut self, f: &Footer, national: bool, note: Option<&str>) -> f32 {
        let small = style(Regular, 10.0, 7.0, 1);
        let mut lines: Vec<(String, Style)> = Vec::new();
        if national {
            let text = NATIONAL_HOTLINES
                .iter()
                .map(|(who, n)| format!("{who}: {n}"))
                .collect::<Vec<_>>()
                .join(" · ");
            lines.push((
                format!("Tổng đài miễn phí, cả nước — {text}"),
                style(Bold, 11.0, 7.0, 1),
            ));
        }
        let mut tail = format!("In ngày {} · {}", f.date, f.site);
        if let Some(n) = note {
            tail.push_str(" · ");
            tail.push_str(n);
        }
        lines.push((tail, small));
        let height: f32 = lines.iter().map(|(_, s)| s.max * 1.2).sum::<f32>() + 5.0;
        let top = A4.1 - MARGIN - height;
        self.rule(top, 1.2);
        let mut y = top + 4.0;
        for (text, s) in lines {
            y = self.text(Field::Hotline, &text, s, (MARGIN, CONTENT_W), y);
        }
        top
    }

    /// A helper or hotline cell: the name in bold (the title after it, or under it when the
    /// line is full), then the number, never smaller than `NUMBER_PT`. Returns its bottom.
    fn cell(
        &mut self,
        field: Field,
        (name, title): (&str, &str),
        number: Option<&str>,
        (x, w): (f32, f32),
        top: f32,
    ) -> f32 {
        let name_style = style(Bold, 15.0, 10.0, 1);
        let before = self.ops.len();
        let mut y = self.text(field, name, name_style, (x, w), top);
        if !title.is_empty() {
            // Where the name's line ends, when it was placed (on one line).
            let end = match self.ops.get(before..) {
                Some(
                    [
                        Op::Text {
                            x, y, size, line, ..
                        },
                    ],
                ) => Some((x + line.width(*size), *y)),
                _ => None,
            };
            // One line a little smaller reads better than two.
            let one_line = style(Regular, 12.0, 9.0, 1);
            let title_style = match self.fitted(title, one_line, w) {
                Some(_) => one_line,
                None => style(Regular, 12.0, 8.0, 2),
            };
            let gap = 6.0;
            match (end, self.fitted(title, title_style, w)) {
                (Some((end, base)), Some(f))
                    if f.lines.len() == 1 && end + gap + f.lines[0].width(f.size) <= x + w =>
                {
                    self.ops.push(Op::Text {
                        x: end + gap,
                        y: base,
                        size: f.size,
                        weight: Regular,
                        white: false,
                        line: f.lines[0].clone(),
                    });
                }
                _ => y = self.text(field, title, title_style, (x, w), y - 1.0),
            }
        }
        if let Some(n) = number {
            y = self.text(
                field,
                n,
                style(Bold, NUMBER_PT, NUMBER_PT, 2),
                (x, w),
                y - 1.0,
            );
        }
        y
    }
}

/// How roomy a front is: tried from the first; a crowded poster takes the next.
#[derive(Clone, Copy)]
struct Step {
    name_max: f32,
    place_max: f32,
    call_max: f32,
    /// The helpers' heading (their titles say who they are without it).
    heading: bool,
}

const STEPS: [Step; 3] = [
    Step {
        name_max: 36.0,
        place_max: 14.0,
        call_max: 18.0,
        heading: true,
    },
    Step {
        name_max: 30.0,
        place_max: 12.0,
        call_max: 16.0,
        heading: true,
    },
    Step {
        name_max: 26.0,
        place_max: 11.0,
        call_max: 14.0,
        heading: false,
    },
];

/// `front` failed: the misfits, or none when only the page's height was exceeded.
struct Overflow(Vec<Misfit>);

/// Lays out the front of one A4 poster. Errors name every text that does not fit and a code too
/// dense to scan. A crowded poster first gets smaller type for the name (never for numbers),
/// then lists as many helpers as fit and says how many more the area's page shows.
pub fn poster(c: &Content, fonts: &Fonts, cache: &mut FitCache) -> Result<Vec<Op>, Vec<Misfit>> {
    let n = c.contacts.len();
    for (i, step) in STEPS.iter().enumerate() {
        let last = i + 1 == STEPS.len();
        // Only the last step leaves helpers out, one at a time (at least one stays).
        let shown: Vec<usize> = if last {
            (1..=n.max(1)).rev().collect()
        } else {
            vec![n]
        };
        for k in shown {
            match front(c, fonts, cache, *step, k.min(n)) {
                Ok(ops) => return Ok(ops),
                Err(Overflow(misfits)) if misfits.is_empty() => continue,
                Err(Overflow(misfits)) => return Err(misfits),
            }
        }
    }
    Err(vec![Misfit {
        field: Field::AreaName,
        reason: format!(
            "Áp phích của `{}` không đủ chỗ cho mọi dòng chữ ở cỡ đọc được từ 1–2 m: tên khu, nơi ở, tên người hỗ trợ hoặc đường dây nóng `{}` quá dài.",
            c.area_name, c.hotline
        ),
    }])
}

fn front(
    c: &Content,
    fonts: &Fonts,
    cache: &mut FitCache,
    step: Step,
    shown: usize,
) -> Result<Vec<Op>, Overflow> {
    let mut b = Builder {
        fonts,
        cache,
        ops: Vec::new(),
        misfits: Vec::new(),
    };
    let y = b.band(&c.header);
    let y = b.title(c, step, y + 4.0);
    let y = b.big_code(c, y)?;
    let y = b.typed_address(c, y);
    let y = b.helpers(c, shown, step.heading, y + 4.0);
    let note = c.has_back.then_some(BACK_NOTE);
    let foot = b.footer(&c.footer, true, note);
    if !b.misfits.is_empty() {
        return Err(Overflow(b.misfits));
    }
    if y + 4.0 > foot {
        return Err(Overflow(Vec::new()));
    }
    Ok(b.ops)
}

/// The parts of a front, top to bottom; each returns where the next one starts.
impl Builder<'_> {
    /// The area's name, where it is, and what to do.
    fn title(&mut self, c: &Content, step: Step, top: f32) -> f32 {
        let full = (MARGIN, CONTENT_W);
        let name = style(Bold, step.name_max, 24.0, 2).centered();
        let mut y = self.text(Field::AreaName, &c.area_name, name, full, top);
        let place = style(Regular, step.place_max, 10.0, 2).centered();
        y = self.text(Field::Place, &c.place, place, full, y);
        let call = style(Bold, step.call_max, 12.0, 2).centered();
        self.text(Field::AreaName, CALL_TO_ACTION, call, full, y + 2.0)
    }

    /// The area's code, centred, its quiet zone clear below `top`. Returns the zone's bottom.
    fn big_code(&mut self, c: &Content, top: f32) -> Result<f32, Overflow> {
        let side = BIG_SIDE_MM * PT_PER_MM;
        let Some(big) = self.symbol(&c.area_qr, side, MIN_MODULE_MM_BIG * PT_PER_MM) else {
            self.misfits.push(Misfit {
                field: Field::BaseUrl,
                reason: format!(
                    "Địa chỉ `{}` quá dài: mã QR in ra sẽ quá dày để quét từ 1,5 m (cần ô mã ≥ {} mm).",
                    c.area_qr,
                    MIN_MODULE_MM_BIG.to_string().replace('.', ",")
                ),
            });
            return Err(Overflow(std::mem::take(&mut self.misfits)));
        };
        let quiet = QUIET_ZONE as f32 * side / big.width as f32;
        let x = (A4.0 - side) / 2.0;
        self.code(big, x, top + quiet, side);
        Ok(top + quiet + side + quiet)
    }

    /// Under the code, outside its quiet zone: the address to type when the camera fails.
    fn typed_address(&mut self, c: &Content, y: f32) -> f32 {
        let face = self.fonts.get(Regular);
        let label = face.shape(TYPE_LABEL);
        let label_size = 13.0;
        let gap = 6.0;
        let aw = CONTENT_W - label.width(label_size) - gap;
        let Some(f) = self.fitted(&c.address, style(Bold, 18.0, 11.0, 1), aw) else {
            self.misfits.push(Misfit {
                field: Field::BaseUrl,
                reason: format!("Địa chỉ `{}` quá dài để in trên một dòng.", c.address),
            });
            return y;
        };
        let total = label.width(label_size) + gap + f.lines[0].width(f.size);
        let x = MARGIN + (CONTENT_W - total) / 2.0;
        let base = y + f.size;
        self.ops.push(Op::Text {
            x,
            y: base,
            size: label_size,
            weight: Regular,
            white: false,
            line: label.clone(),
        });
        self.ops.push(Op::Text {
            x: x + label.width(label_size) + gap,
            y: base,
            size: f.size,
            weight: Bold,
            white: false,
            line: f.lines[0].clone(),
        });
        base + f.size * 0.3
    }

    /// The first `shown` helpers of the area and the task force's hotline, two to a row; a
    /// line says how many helpers only the area's page lists.
    fn helpers(&mut self, c: &Content, shown: usize, heading: bool, top: f32) -> f32 {
        let gap = 14.0;
        let col = (CONTENT_W - gap) / 2.0;
        let mut y = top;
        if heading && !c.contacts.is_empty() {
            let heading = HELPERS_TITLE;
            y = self.text(
                Field::AreaName,
                heading,
                style(Bold, 12.0, 9.0, 2),
                (MARGIN, CONTENT_W),
                y,
            );
        }
        self.rule(y + 1.0, 1.5);
        y += 5.0;
        let mut cells: Vec<(Field, (&str, &str), Option<&str>)> = c
            .contacts
            .iter()
            .take(shown)
            .enumerate()
            .map(|(i, ct)| {
                (
                    Field::Contact(i),
                    (ct.name.as_str(), ct.title.as_str()),
                    ct.phone.as_deref(),
                )
            })
            .collect();
        // The hotline fills an odd row when it fits a column; else it is a strip of its own.
        let odd = shown % 2 == 1
            && self
                .fitted(&c.hotline, style(Bold, NUMBER_PT, NUMBER_PT, 2), col)
                .is_some();
        if odd {
            cells.push((
                Field::Hotline,
                (TASK_FORCE_LABEL, TASK_FORCE_WHO),
                Some(c.hotline.as_str()),
            ));
        }
        for row in cells.chunks(2) {
            let mut bottom = y;
            for (i, (field, name, number)) in row.iter().enumerate() {
                let x = MARGIN + i as f32 * (col + gap);
                bottom = bottom.max(self.cell(*field, *name, *number, (x, col), y));
            }
            y = bottom + 4.0;
        }
        if !odd {
            y = self.strip(&c.hotline, y) + 4.0;
        }
        let more = c.contacts.len().saturating_sub(shown);
        if more > 0 {
            let note = format!("… và {more} người nữa: quét mã để xem đủ.");
            y = self.text(
                Field::AreaName,
                &note,
                style(Regular, 12.0, 9.0, 1),
                (MARGIN, CONTENT_W),
                y,
            );
        }
        y
    }
}

impl Builder<'_> {
    /// The task force's hotline on one line: who on the left, the number on the right; a number
    /// too long for that gets a cell of the whole width.
    fn strip(&mut self, hotline: &str, top: f32) -> f32 {
        let min_label = 190.0;
        let gap = 12.0;
        let who = (TASK_FORCE_LABEL, TASK_FORCE_WHO);
        let number = style(Bold, NUMBER_PT, NUMBER_PT, 1);
        let Some(f) = self.fitted(hotline, number, CONTENT_W - min_label - gap) else {
            return self.cell(Field::Hotline, who, Some(hotline), (MARGIN, CONTENT_W), top);
        };
        let line = &f.lines[0];
        let label_w = CONTENT_W - line.width(f.size) - gap;
        // The label's first line shares the number's baseline.
        let label_top = top + f.size - 15.0;
        let label_bottom = self.cell(Field::Hotline, who, None, (MARGIN, label_w), label_top);
        self.ops.push(Op::Text {
            x: MARGIN + CONTENT_W - line.width(f.size),
            y: top + f.size,
            size: f.size,
            weight: Bold,
            white: false,
            line: line.clone(),
        });
        label_bottom.max(top + f.size * 1.25)
    }
}

/// Lays out the back: the site's service codes, one under the other with their names beside
/// them (a menu read at arm's length), and the hotlines. The same for every poster of a site.
pub fn back(b: &Back, fonts: &Fonts, cache: &mut FitCache) -> Result<Vec<Op>, Vec<Misfit>> {
    for side_mm in [46.0, 42.0, 38.0, 34.0] {
        let mut builder = Builder {
            fonts,
            cache: &mut *cache,
            ops: Vec::new(),
            misfits: Vec::new(),
        };
        let bottom = builder.services(b, side_mm * PT_PER_MM);
        let foot = builder.footer(&b.footer, false, None);
        if !builder.misfits.is_empty() {
            return Err(builder.misfits);
        }
        if bottom + 4.0 <= foot {
            return Ok(builder.ops);
        }
    }
    Err(vec![Misfit {
        field: Field::Service(0),
        reason: "Tên các dịch vụ quá dài: mặt sau áp phích không đủ chỗ.".into(),
    }])
}

impl Builder<'_> {
    /// The back's content above its footer: title, the service codes, the hotlines.
    fn services(&mut self, b: &Back, side: f32) -> f32 {
        let full = (MARGIN, CONTENT_W);
        let mut y = self.band(&b.header) + 8.0;
        let title = style(Bold, 28.0, 16.0, 1).centered();
        y = self.text(Field::Service(0), SERVICES_TITLE, title, full, y);
        let how = style(Regular, 14.0, 9.0, 2).centered();
        y = self.text(Field::Service(0), SERVICES_HOW, how, full, y) + 2.0;
        for (i, (name, data)) in b.services.iter().take(MAX_SERVICES).enumerate() {
            let Some(symbol) = self.symbol(data, side, MIN_MODULE_MM_SMALL * PT_PER_MM) else {
                self.misfits.push(Misfit {
                    field: Field::BaseUrl,
                    reason: format!(
                        "Địa chỉ `{data}` quá dài: mã QR của dịch vụ sẽ quá dày để quét (cần ô mã ≥ {MIN_MODULE_MM_SMALL} mm)."
                    ),
                });
                continue;
            };
            let quiet = QUIET_ZONE as f32 * side / symbol.width as f32;
            let x = MARGIN + quiet;
            self.code(symbol, x, y + quiet, side);
            // The name beside its code, centred on the code's height.
            let nx = x + side + quiet;
            let mark = self.ops.len();
            let name_style = style(Bold, 18.0, 11.0, 3);
            let end = self.text(
                Field::Service(i),
                name,
                name_style,
                (nx, MARGIN + CONTENT_W - nx),
                0.0,
            );
            let shift = y + quiet + ((side - end) / 2.0).max(0.0);
            for op in &mut self.ops[mark..] {
                if let Op::Text { y, .. } = op {
                    *y += shift;
                }
            }
            y = (y + side + 2.0 * quiet).max(shift + end) + 4.0;
        }
        self.hotlines(b, y + 2.0)
    }

    /// The three hotlines side by side under a rule.
    fn hotlines(&mut self, b: &Back, top: f32) -> f32 {
        self.rule(top, 2.5);
        let title = TASK_FORCE_LABEL.to_uppercase();
        let y = self.text(
            Field::Hotline,
            &title,
            style(Bold, 11.0, 8.0, 1),
            (MARGIN, CONTENT_W),
            top + 5.0,
        );
        let col = CONTENT_W / 3.0;
        let lines = [(TASK_FORCE_WHO, b.hotline.as_str())]
            .into_iter()
            .chain(NATIONAL_HOTLINES);
        let mut bottom = y;
        for (i, (who, number)) in lines.enumerate() {
            let x = MARGIN + col * i as f32;
            let end = self.text(
                Field::Hotline,
                who,
                style(Regular, 11.0, 7.0, 2),
                (x, col - 8.0),
                y,
            );
            let end = self.text(
                Field::Hotline,
                number,
                style(Bold, 22.0, 14.0, 2),
                (x, col - 8.0),
                end,
            );
            bottom = bottom.max(end);
        }
        bottom
    }
}

#[cfg(test)]
mod tests;
