//! Layout boxes: every side of a poster is checked for what a print shop would see: nothing
//! outside the margins, no two texts on top of each other, nothing in a code's quiet zone,
//! numbers large enough to read from 1–2 m.

use super::*;
use crate::posters::fonts::fonts;

fn footer() -> Footer {
    Footer {
        date: "07/12/2026".into(),
        site: "binhan.example.gov.vn".into(),
    }
}

fn contact(name: &str, title: &str, phone: &str) -> ContactText {
    ContactText {
        name: name.into(),
        title: title.into(),
        phone: Some(phone.into()),
    }
}

fn content() -> Content {
    Content {
        header: "TỔ CÔNG TÁC TRIỂN KHAI ĐỀ ÁN 06 · XÃ BÌNH AN".into(),
        area_name: "Thôn An Phú".into(),
        place: "Xã Bình An, Quảng Trị".into(),
        area_qr: "HTTPS://BINHAN.EXAMPLE.GOV.VN/q/zdc9h/".into(),
        address: "binhan.example.gov.vn/q/zdc9h".into(),
        hotline: "0233 3851 118".into(),
        contacts: vec![
            contact("Hồ Thị Liên", "Trưởng thôn", "0914 220 101"),
            contact("A Lăng Văn Thuận", "Công an viên", "0337 408 651"),
        ],
        has_back: true,
        footer: footer(),
    }
}

fn back_content(names: &[&str]) -> Back {
    Back {
        header: "TỔ CÔNG TÁC TRIỂN KHAI ĐỀ ÁN 06 · XÃ BÌNH AN".into(),
        services: names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                (
                    n.to_string(),
                    format!("HTTPS://BINHAN.EXAMPLE.GOV.VN/q/zn5m{i}/"),
                )
            })
            .collect(),
        hotline: "0233 3851 118".into(),
        footer: footer(),
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

#[derive(Debug, Clone, Copy)]
struct R {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl R {
    fn overlaps(&self, o: &R) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    fn inside(&self, o: &R) -> bool {
        self.x0 >= o.x0 - 0.01
            && self.x1 <= o.x1 + 0.01
            && self.y0 >= o.y0 - 0.01
            && self.y1 <= o.y1 + 0.01
    }
}

/// A text line's box: its advance, from a stacked Vietnamese capital's top (0.9 em above the
/// baseline) to the descenders (0.22 em below).
fn text_box(x: f32, y: f32, size: f32, line: &Shaped) -> R {
    R {
        x0: x,
        y0: y - 0.9 * size,
        x1: x + line.width(size),
        y1: y + 0.22 * size,
    }
}

/// Asserts that a side prints clean; returns its codes' (symbol box, quiet-zone box).
fn assert_clean(ops: &[Op]) -> Vec<(R, R, f32)> {
    let (w, h) = A4;
    let inner = R {
        x0: MARGIN,
        y0: MARGIN,
        x1: w - MARGIN,
        y1: h - MARGIN,
    };
    let page = R {
        x0: 0.0,
        y0: 0.0,
        x1: w,
        y1: h,
    };
    let mut text: Vec<(R, bool, &str)> = Vec::new();
    let mut blocks: Vec<R> = Vec::new();
    let mut codes: Vec<(R, R, f32)> = Vec::new();
    for op in ops {
        match op {
            Op::Text {
                x,
                y,
                size,
                line,
                white,
                ..
            } => text.push((text_box(*x, *y, *size, line), *white, &line.text)),
            Op::Block { x, y, w, h } => blocks.push(R {
                x0: *x,
                y0: *y,
                x1: x + w,
                y1: y + h,
            }),
            Op::Qr {
                x,
                y,
                module,
                symbol,
            } => {
                let side = symbol.width as f32 * module;
                let q = QUIET_ZONE as f32 * module;
                let sym = R {
                    x0: *x,
                    y0: *y,
                    x1: x + side,
                    y1: y + side,
                };
                let zone = R {
                    x0: x - q,
                    y0: y - q,
                    x1: x + side + q,
                    y1: y + side + q,
                };
                assert!(
                    sym.inside(&inner),
                    "code {} outside the margins",
                    symbol.data
                );
                assert!(
                    zone.inside(&page),
                    "quiet zone of {} off the page",
                    symbol.data
                );
                codes.push((sym, zone, *module));
            }
        }
    }
    for (i, (a, white, t)) in text.iter().enumerate() {
        assert!(a.inside(&inner), "`{t}` outside the margins: {a:?}");
        for (b, _, u) in &text[i + 1..] {
            assert!(!a.overlaps(b), "`{t}` overlaps `{u}`");
        }
        for (_, zone, _) in &codes {
            assert!(!a.overlaps(zone), "`{t}` inside a code's quiet zone");
        }
        if *white {
            assert!(
                blocks.iter().any(|b| a.inside(b)),
                "white `{t}` off its band"
            );
        } else {
            for b in &blocks {
                assert!(!a.overlaps(b), "`{t}` crosses a rule or band");
            }
        }
    }
    for (i, (_, a, _)) in codes.iter().enumerate() {
        for (_, b, _) in &codes[i + 1..] {
            assert!(!a.overlaps(b), "two codes' quiet zones meet");
        }
        for b in &blocks {
            assert!(!a.overlaps(b), "a rule inside a quiet zone");
        }
    }
    codes
}

/// Size of every text line equal to one of `numbers` (or holding one, when wrapped).
fn number_sizes(ops: &[Op], numbers: &[&str]) -> Vec<(String, f32)> {
    ops.iter()
        .filter_map(|o| match o {
            Op::Text { line, size, .. }
                if numbers
                    .iter()
                    .any(|n| n.contains(line.text.as_str()) || line.text == *n) =>
            {
                Some((line.text.clone(), *size))
            }
            _ => None,
        })
        .collect()
}

/// The front of `c`, checked: clean, one code of at least 140 mm with modules of at least
/// 3.5 mm, every helper's number and the hotline at 28 pt or more.
fn front_ok(c: &Content) -> Vec<Op> {
    let ops = poster(c, fonts(), &mut FitCache::default()).unwrap_or_else(|e| panic!("{e:?}"));
    let codes = assert_clean(&ops);
    assert_eq!(codes.len(), 1, "the area's code alone on the front");
    let (sym, _, module) = codes[0];
    assert!(sym.x1 - sym.x0 >= 140.0 * PT_PER_MM - 0.01);
    assert!(module >= MIN_MODULE_MM_BIG * PT_PER_MM);
    let mut numbers: Vec<&str> = c
        .contacts
        .iter()
        .filter_map(|c| c.phone.as_deref())
        .collect();
    numbers.push(&c.hotline);
    let sizes = number_sizes(&ops, &numbers);
    assert!(
        sizes
            .iter()
            .any(|(t, _)| t == &c.hotline || c.hotline.contains(t.as_str())),
        "{sizes:?}"
    );
    for (t, size) in &sizes {
        assert!(*size >= NUMBER_PT, "`{t}` at {size} pt");
    }
    ops
}

#[test]
fn an_ordinary_front_shows_everything_a_resident_needs() {
    let c = content();
    let t = texts(&front_ok(&c));
    for expected in [
        "Thôn An Phú",
        "Xã Bình An, Quảng Trị",
        CALL_TO_ACTION,
        "binhan.example.gov.vn/q/zdc9h",
        "Hồ Thị Liên",
        "Trưởng thôn",
        "0914 220 101",
        "A Lăng Văn Thuận",
        "0337 408 651",
        "0233 3851 118",
        TASK_FORCE_LABEL,
    ] {
        assert!(
            t.iter().any(|l| l == expected),
            "`{expected}` missing: {t:?}"
        );
    }
    let foot = t
        .iter()
        .find(|l| l.starts_with("In ngày"))
        .expect("a printed date");
    assert!(
        foot.contains("07/12/2026") && foot.contains("binhan.example.gov.vn"),
        "{foot}"
    );
    assert!(foot.contains(BACK_NOTE), "{foot}");
    assert!(
        t.iter()
            .any(|l| l.contains("1800 1096") && l.contains("1900 0368")),
        "{t:?}"
    );
}

#[test]
fn long_names_wrap_or_shrink_and_never_overlap() {
    let mut c = content();
    c.area_name = "Tổ dân phố Thượng Tứ - Đông Ba - Gia Hội - Phú Hiệp số 12".into();
    c.place =
        "Phường Thuận Hóa, Thành phố Huế, tỉnh Thừa Thiên Huế (trước sắp xếp năm 2025)".into();
    c.header =
        "TỔ CÔNG TÁC TRIỂN KHAI ĐỀ ÁN 06 · ĐẶC KHU CỒN CỎ, TỈNH QUẢNG TRỊ (SAU SẮP XẾP)".into();
    c.contacts = vec![
        contact(
            "Nguyễn Thị Phương Thảo Nguyên",
            "Bí thư Chi bộ kiêm Trưởng ban công tác Mặt trận",
            "0912 345 678",
        ),
        contact("Công Tằng Tôn Nữ Minh Châu", "Công an viên", "0387 654 321"),
    ];
    let t = texts(&front_ok(&c));
    assert!(
        t.iter().any(|l| l == "Nguyễn Thị Phương Thảo Nguyên"),
        "{t:?}"
    );
    // Every word of the long name is printed, over two lines.
    let printed = t.join(" ");
    for w in c.area_name.split(' ') {
        assert!(printed.contains(w), "`{w}` lost: {t:?}");
    }
}

#[test]
fn three_helpers_are_all_shown_with_large_numbers() {
    let mut c = content();
    c.contacts
        .push(contact("Lê Văn Tám", "Bí thư Chi đoàn", "0905 332 414"));
    let t = texts(&front_ok(&c));
    for n in [
        "0914 220 101",
        "0337 408 651",
        "0905 332 414",
        "0233 3851 118",
    ] {
        assert!(t.iter().any(|l| l == n), "`{n}` missing: {t:?}");
    }
    assert!(!t.iter().any(|l| l.contains("người nữa")), "{t:?}");
}

#[test]
fn helpers_beyond_the_room_are_counted_not_dropped_silently() {
    let mut c = content();
    c.contacts = (0..7)
        .map(|i| {
            contact(
                &format!("Nguyễn Văn {i}"),
                "Tổ trưởng tổ tự quản",
                &format!("0912 000 00{i}"),
            )
        })
        .collect();
    let t = texts(&front_ok(&c));
    let shown = t.iter().filter(|s| s.starts_with("Nguyễn Văn")).count();
    assert!((2..7).contains(&shown), "{t:?}");
    let note = format!("… và {} người nữa: quét mã để xem đủ.", 7 - shown);
    assert!(t.contains(&note), "{t:?}");
}

#[test]
fn a_long_hotline_wraps_between_numbers_never_inside_one() {
    let mut c = content();
    c.hotline = "0233 3851 118 – 0233 3851 119".into();
    c.contacts[0].phone = Some("0914 220 101 – 0914 220 102".into());
    let t = texts(&front_ok(&c));
    for n in [
        "0233 3851 118",
        "0233 3851 119",
        "0914 220 101",
        "0914 220 102",
    ] {
        assert!(t.iter().any(|l| l.contains(n)), "`{n}` broken apart: {t:?}");
    }
    // A hotline that cannot be printed at 28 pt is refused, never printed small or cut.
    c.hotline = "0233 3851 118 hoặc 0233 3851 119 hoặc 0233 3851 120 (giờ hành chính)".into();
    let err = poster(&c, fonts(), &mut FitCache::default()).unwrap_err();
    assert!(err[0].reason.contains("0233 3851 120"), "{err:?}");
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
fn no_helpers_still_gives_the_hotline_large() {
    let mut c = content();
    c.contacts.clear();
    c.has_back = false;
    let t = texts(&front_ok(&c));
    assert!(!t.iter().any(|l| l.contains(BACK_NOTE)), "{t:?}");
}

#[test]
fn the_back_holds_every_service_code_clear_of_text() {
    let long =
        "Đăng ký biến động quyền sử dụng đất do thay đổi thông tin người được cấp giấy chứng nhận";
    for names in [
        vec!["Đăng ký tạm trú"],
        vec!["Đăng ký tạm trú", "Liên thông khai sinh", long],
        vec![long, long, long, long],
    ] {
        let b = back_content(&names);
        let ops = back(&b, fonts(), &mut FitCache::default()).unwrap_or_else(|e| panic!("{e:?}"));
        let codes = assert_clean(&ops);
        assert_eq!(codes.len(), names.len());
        for (sym, _, module) in codes {
            assert!(module >= MIN_MODULE_MM_SMALL * PT_PER_MM);
            assert!(sym.x1 - sym.x0 >= 34.0 * PT_PER_MM, "{sym:?}");
        }
        let t = texts(&ops);
        for n in ["0233 3851 118", "1800 1096", "1900 0368"] {
            assert!(t.iter().any(|l| l == n), "`{n}` missing: {t:?}");
        }
    }
}

#[test]
fn an_address_too_long_for_a_code_read_from_afar_is_refused() {
    let mut c = content();
    let host =
        "UBND-XA-BINH-AN-HUYEN-HUONG-HOA-TINH-QUANG-TRI.CONG-THONG-TIN-DIEN-TU.EXAMPLE.GOV.VN";
    c.area_qr = format!("HTTPS://{host}/de-an-06/khu-dan-cu/q/zdc9h/");
    let err = poster(&c, fonts(), &mut FitCache::default()).unwrap_err();
    assert_eq!(err[0].field, Field::BaseUrl, "{err:?}");
    assert!(err[0].reason.contains("≥ 3,5 mm"), "{err:?}");
}
