//! Recognizing the Decree 30/2020 layout in the lines of a source: header (issuing and parent
//! body, motto, `Số:`, place and date), type name and trích yếu, authority line, `Kính gửi`,
//! legal bases, body, `Nơi nhận` and the signature block; and a regulation or plan issued with
//! the decision in the same file ("ban hành kèm theo"), which becomes its own document.
//!
//! It decides only what the layout shows. What it cannot decide stays undecided (`None`), so
//! the written file leaves the key out and `check` points at it; it never invents a value. Every
//! line of the source ends up either in a front-matter value or in the body: no words are lost.

use super::cite::{self, Basis};
use super::source::{Block, Line, Table};
use super::words::*;
use chrono::NaiveDate;

/// One document recognized in a source file.
#[derive(Debug, Default)]
pub struct Recognized {
    pub kind: Option<&'static str>,
    /// The type name as printed when it is not one of SPEC §3 (`CÔNG ĐIỆN`).
    pub unknown_type: Option<String>,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    /// The year printed on a draft's blank date line.
    pub year: Option<i32>,
    pub draft: bool,
    /// The date line names a day that does not exist.
    pub impossible_date: Option<String>,
    pub place: Option<String>,
    pub issuer: Option<String>,
    pub parent: Option<String>,
    pub title: Option<String>,
    pub addressees: Vec<String>,
    pub bases: Vec<Basis>,
    pub recipients: Vec<String>,
    pub signer: Option<SignerFound>,
    /// `ban_hanh_kem_theo`: the number of the decision this document is issued with.
    pub issued_with: Option<String>,
    /// The decision's number as printed in the "(Kèm theo ...)" line, when it differs.
    pub issued_with_printed: Option<String>,
    /// The date printed in the "(Kèm theo ...)" line.
    pub issued_with_date: Option<NaiveDate>,
    /// Something about the "(Kèm theo ...)" line a person should check.
    pub issued_with_note: Option<String>,
    pub body: Vec<Block>,
    /// Lines of the closing block that were not understood (kept at the end of the body).
    pub unplaced: usize,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SignerFound {
    pub authority: Option<String>,
    pub titles: Vec<String>,
    pub name: Option<String>,
}

/// All documents in one source: the main one first, then those issued with it.
pub fn recognize(blocks: Vec<Block>) -> Vec<Recognized> {
    let items = flatten(blocks);
    let mut docs = Vec::new();
    let bounds = segments(&items);
    for (k, w) in bounds.windows(2).enumerate() {
        docs.push(segment(&items[w[0]..w[1]], k > 0));
    }
    if let Some((main, rest)) = docs.split_first_mut() {
        for d in rest {
            attach(main, d);
        }
    }
    docs
}

/// A document issued with `main` in the same file takes its number (`ban_hanh_kem_theo`), its
/// draft status and year; a "(Kèm theo ...)" line that disagrees is kept for the report.
fn attach(main: &Recognized, d: &mut Recognized) {
    d.issued_with_printed = d.issued_with.take();
    if main.kind == Some("quyet-dinh") || main.number.is_some() {
        d.issued_with = main.number.clone();
    }
    if d.issued_with.is_none() {
        d.issued_with = d.issued_with_printed.clone();
    }
    if d.issued_with_printed == d.issued_with {
        d.issued_with_printed = None;
    }
    d.draft = main.draft;
    d.year = main.date.map(|x| chrono::Datelike::year(&x)).or(main.year);
    if let (Some(printed), Some(main_date)) = (d.issued_with_date, main.date)
        && printed != main_date
    {
        d.issued_with_note = Some(format!(
            "Dòng \"Kèm theo\" ghi ngày {}, khác ngày ban hành của quyết định ({}): kiểm tra bản gốc.",
            printed.format("%d/%m/%Y"),
            main_date.format("%d/%m/%Y")
        ));
    }
    if d.issuer.is_none() {
        d.parent = None;
    }
}

/// Tables that carry the header or the signature (borderless layout tables in Word) become
/// their lines, cell after cell; the others stay tables.
fn flatten(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        match b {
            Block::Table(t) if is_layout_table(&t) => {
                for cell in t.rows.into_iter().flatten() {
                    for (i, mut line) in cell.lines.into_iter().enumerate() {
                        if i == 0 {
                            line.gap_before = true;
                        }
                        line.joinable = false;
                        out.push(Block::Line(line));
                    }
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A header or signature table: a few rows and columns holding the motto, `Số:`, the
/// place-and-date line, `Nơi nhận`, `Kính gửi` or a signature. A content table (a schedule with
/// dates in its cells) has more rows or columns and none of these.
fn is_layout_table(t: &Table) -> bool {
    let columns = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    if t.rows.len() > 4 || columns > 3 {
        return false;
    }
    t.text().lines().any(|l| {
        is_motto(l)
            || number_line(l).is_some()
            || is_noi_nhan(l)
            || authority(l).is_some()
            || is_kinh_gui(l)
            || (l.contains(", ngày") && date_line(l).is_some() && l.chars().count() < 80)
    })
}

fn line(b: &Block) -> Option<&Line> {
    match b {
        Block::Line(l) => Some(l),
        Block::Table(_) => None,
    }
}

/// Where each document of the file starts (and the end): a type name after the first
/// document's articles or closing, followed within a few lines by "kèm theo".
fn segments(items: &[Block]) -> Vec<usize> {
    let mut bounds = vec![0];
    let mut closed = false;
    let mut i = 0;
    while i < items.len() {
        let Some(l) = line(&items[i]) else {
            i += 1;
            continue;
        };
        // After the closing block, or after an article when the file has no closing block.
        if is_noi_nhan(&l.text) || authority(&l.text).is_some() || article(&l.text).is_some() {
            closed = true;
        } else if closed
            && type_name(&l.text).is_some_and(|k| k != "cong-van")
            && items[i + 1..]
                .iter()
                .take(8)
                .filter_map(line)
                .any(|n| n.text.to_lowercase().contains("kèm theo"))
        {
            // The attached document's own header (motto, body) belongs to it.
            let mut start = i;
            let floor = *bounds.last().unwrap_or(&0);
            while start > floor + 1
                && line(&items[start - 1]).is_some_and(|p| {
                    is_motto(&p.text)
                        || is_separator(&p.text)
                        || (is_all_caps(&p.text)
                            && authority(&p.text).is_none()
                            && !is_noi_nhan(&p.text))
                })
            {
                start -= 1;
            }
            bounds.push(start);
            closed = false;
        }
        i += 1;
    }
    bounds.push(items.len());
    bounds
}

/// Is this a line that starts the body or a structure, so it cannot continue a title?
fn structural(t: &str) -> bool {
    is_basis(t)
        || is_kinh_gui(t)
        || is_noi_nhan(t)
        || is_separator(t)
        || is_issued_with_line(t)
        || is_operative(t)
        || chapter(t).is_some()
        || article(t).is_some()
        || roman_section(t).is_some()
        || numbered(t).is_some()
        || bullet(t).is_some()
        || lettered(t)
}

fn segment(items: &[Block], attached: bool) -> Recognized {
    let mut doc = Recognized::default();
    let mut i = header(items, &mut doc);
    i = title(items, i, &mut doc);
    let mut body: Vec<Block> = Vec::new();
    let mut started = false;
    while i < items.len() {
        match &items[i] {
            Block::Table(t) => {
                started = true;
                body.push(Block::Table(t.clone()));
                i += 1;
            }
            Block::Line(l) => {
                let t = &l.text;
                if is_separator(t) || (is_motto(t) && !started) {
                    i += 1;
                } else if is_kinh_gui(t) && !started {
                    i = addressees(items, i, &mut doc.addressees);
                } else {
                    if is_issued_with_line(t) && attached && doc.issued_with.is_none() {
                        doc.issued_with = cite::first_number(t);
                        doc.issued_with_date = cite::parse(t).first().and_then(|b| b.date);
                    }
                    started = true;
                    body.push(Block::Line(l.clone()));
                    i += 1;
                }
            }
        }
    }
    if let Some(start) = closing_start(&body) {
        let closing = body.split_off(start);
        let leftovers = closing_block(&closing, &mut doc);
        doc.unplaced = leftovers.len();
        body.extend(leftovers.into_iter().map(Block::Line));
        // An unsigned draft has titles but no name yet: they stay words of the body.
        if doc.draft
            && let Some(s) = doc.signer.take_if(|s| s.name.is_none())
        {
            for t in s.authority.iter().chain(s.titles.iter()) {
                let mut l = Line::plain(t, super::source::Origin::Word);
                l.gap_before = true;
                body.push(Block::Line(l));
            }
        }
    }
    let body = join_broken(body);
    doc.bases = bases(&body);
    doc.body = body;
    if doc.kind.is_none() && doc.unknown_type.is_none() {
        doc.kind = infer_kind(&doc);
    }
    doc
}

fn infer_kind(doc: &Recognized) -> Option<&'static str> {
    let n = doc.number.as_deref()?;
    let symbol = n.rsplit('/').next()?;
    let first = symbol.split('-').next()?;
    crate::text::number::loai_for_abbreviation(first).or_else(|| {
        let known = crate::text::number::abbreviation_name(first).is_some();
        (!known && doc.title.as_deref().is_some_and(is_vv)).then_some("cong-van")
    })
}

/// The header: motto, issuing body, `Số:`, date line, `V/v` and the type name. Returns where
/// the trích yếu starts.
fn header(items: &[Block], doc: &mut Recognized) -> usize {
    let mut caps: Vec<String> = Vec::new();
    let mut i = 0;
    while i < items.len() && i < 40 {
        let Some(l) = line(&items[i]) else { break };
        let t = l.text.as_str();
        if is_motto(t) || is_separator(t) {
            i += 1;
        } else if let Some((number, rest)) = number_line(t) {
            match number {
                Some(n) => doc.number = Some(n),
                None => doc.draft = true,
            }
            if let Some(d) = date_line(&rest) {
                take_date(doc, d);
            } else if is_vv(&rest) {
                doc.title = Some(rest.clone());
            }
            i += 1;
        } else if let Some(d) = date_line(t).filter(|_| t.chars().count() < 90 && !is_basis(t)) {
            take_date(doc, d);
            i += 1;
        } else if is_vv(t) && doc.title.is_none() {
            let mut title = t.to_string();
            i += 1;
            while let Some(n) = items.get(i).and_then(line) {
                if n.gap_before
                    || structural(&n.text)
                    || number_line(&n.text).is_some()
                    || date_line(&n.text).is_some()
                    || is_motto(&n.text)
                {
                    break;
                }
                title.push(' ');
                title.push_str(&n.text);
                i += 1;
            }
            doc.title = Some(title);
        } else if let Some(k) = type_name(t) {
            doc.kind = Some(k);
            i += 1;
            break;
        } else if is_all_caps(t) && authority(t).is_none() && !is_operative(t) {
            if doc.number.is_none() && !doc.draft && doc.date.is_none() && doc.place.is_none() {
                caps.push(t.replace('*', ""));
                i += 1;
            } else if doc.title.is_none() && t.chars().count() <= 40 && i + 1 < items.len() {
                // A type name outside SPEC §3 (CÔNG ĐIỆN, NGHỊ QUYẾT): keep it, let check ask.
                doc.unknown_type = Some(t.to_string());
                i += 1;
                break;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    issuing_bodies(caps, doc);
    i
}

fn take_date(doc: &mut Recognized, d: DateLine) {
    if d.place.is_some() {
        doc.place = d.place;
    }
    doc.year = d.year;
    if d.blank {
        doc.draft = true;
    } else if d.impossible {
        doc.impossible_date = Some("ngày tháng không có thật".into());
    } else {
        doc.date = d.date;
    }
}

/// `UBND HUYỆN NAM ĐÔNG` / `TỔ CÔNG TÁC ĐỀ ÁN 06`: the parent body above, the issuing body
/// below; a name broken after `ỦY BAN NHÂN DÂN` is joined first.
fn issuing_bodies(caps: Vec<String>, doc: &mut Recognized) {
    let mut names: Vec<String> = Vec::new();
    for c in caps {
        let continues = [
            "HUYỆN ",
            "XÃ ",
            "TỈNH ",
            "THÀNH PHỐ ",
            "PHƯỜNG ",
            "THỊ TRẤN ",
            "QUẬN ",
            "THỊ XÃ ",
            "ĐẶC KHU ",
        ]
        .iter()
        .any(|p| c.starts_with(p));
        match names.last_mut() {
            Some(prev)
                if continues
                    && !prev.contains(" HUYỆN ")
                    && !prev.contains(" XÃ ")
                    && !prev.contains(" TỈNH ") =>
            {
                prev.push(' ');
                prev.push_str(&c);
            }
            _ => names.push(c),
        }
    }
    match names.len() {
        0 => {}
        1 => doc.issuer = names.pop(),
        _ => {
            doc.parent = Some(names.remove(0));
            doc.issuer = Some(names.join(" "));
        }
    }
}

/// The trích yếu after the type name: the lines up to a gap or a structural line (a bold
/// trích yếu in Word ends at the first line that is not bold).
fn title(items: &[Block], mut i: usize, doc: &mut Recognized) -> usize {
    if doc.kind.is_none() && doc.unknown_type.is_none() {
        return i;
    }
    let Some(first) = items.get(i).and_then(line) else {
        return i;
    };
    if structural(&first.text) || is_all_caps(&first.text) || first.text.chars().count() > 400 {
        return i;
    }
    let bold = first.all_bold();
    let mut text = first.text.clone();
    i += 1;
    let mut taken = 1;
    while let Some(n) = items.get(i).and_then(line) {
        let t = &n.text;
        if n.gap_before || structural(t) || is_all_caps(t) || taken >= 8 || (bold && !n.all_bold())
        {
            break;
        }
        text.push(' ');
        text.push_str(t);
        i += 1;
        taken += 1;
    }
    doc.title = Some(
        text.replace("**", "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    i
}

/// `Kính gửi: A` or `Kính gửi:` followed by `- A;` `- B.` lines.
fn addressees(items: &[Block], mut i: usize, out: &mut Vec<String>) -> usize {
    let Some(l) = items.get(i).and_then(line) else {
        return i + 1;
    };
    let rest = l.text.replace('*', "");
    let rest = rest.split_once(':').map_or("", |x| x.1).trim();
    let rest = bullet(rest).unwrap_or(rest);
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    i += 1;
    while let Some(n) = items.get(i).and_then(line) {
        // Items end with `;` until the last one: an item without a bullet continues the list.
        let continues = out.last().is_none_or(|l: &String| l.ends_with(';'));
        match bullet(&n.text) {
            Some(item) => out.push(item.to_string()),
            None if continues && !structural(&n.text) && n.text.chars().count() <= 200 => {
                out.push(n.text.clone())
            }
            None => break,
        }
        i += 1;
    }
    i
}

fn signature_like(l: &Line) -> bool {
    let t = &l.text;
    authority(t).is_some()
        || (is_all_caps(t) && t.chars().count() <= 60 && !is_motto(t) && !is_operative(t))
        || is_name(t)
        || is_signed_mark(t)
}

/// Where the closing block (`Nơi nhận` and the signature) starts in the body.
fn closing_start(body: &[Block]) -> Option<usize> {
    let k = body
        .iter()
        .rposition(|b| line(b).is_some_and(|l| is_noi_nhan(&l.text)));
    let end = k.unwrap_or(body.len());
    let mut s = end;
    while s > 0 && line(&body[s - 1]).is_some_and(signature_like) {
        s -= 1;
    }
    let tail: Vec<&Line> = body[s..end].iter().filter_map(line).collect();
    let has_prefix = tail.iter().any(|l| authority(&l.text).is_some());
    let has_title = tail.iter().any(|l| is_all_caps(&l.text));
    let has_name = tail.iter().any(|l| is_name(&l.text));
    if s < end && (has_prefix || (has_title && has_name)) {
        Some(s)
    } else {
        k
    }
}

/// The closing block's lines, a recipients line that carries a piece of the signature (two
/// columns copied onto one line) split in two.
fn expand_closing(items: &[Block]) -> Vec<Line> {
    let mut out = Vec::new();
    for l in items.iter().filter_map(line) {
        let t = &l.text;
        match split_closing(t).filter(|_| is_noi_nhan(t) || bullet(t).is_some()) {
            Some((left, right)) => {
                let mut a = Line::plain(&left, l.origin);
                a.gap_before = l.gap_before;
                let mut b = Line::plain(&right, l.origin);
                b.gap_before = true;
                out.push(a);
                out.push(b);
            }
            None => out.push(l.clone()),
        }
    }
    out
}

/// Reads `Nơi nhận` and the signature; returns the lines it did not understand.
fn closing_block(items: &[Block], doc: &mut Recognized) -> Vec<Line> {
    #[derive(PartialEq)]
    enum Mode {
        Start,
        Recipients,
        Signature,
    }
    let mut mode = Mode::Start;
    let mut seen_recipients = false;
    let mut signer = SignerFound::default();
    let mut leftovers = Vec::new();
    let clean = |s: &str| s.replace('*', "").trim().to_string();
    for l in &expand_closing(items) {
        let t = l.text.as_str();
        if is_noi_nhan(t) {
            mode = Mode::Recipients;
            seen_recipients = true;
            let rest = clean(t.split_once(':').map_or("", |x| x.1));
            let rest = bullet(&rest).map(str::to_string).unwrap_or(rest);
            if !rest.is_empty() {
                doc.recipients.push(rest);
            }
        } else if let Some(a) = authority(t) {
            if signer.authority.is_none() && signer.titles.is_empty() {
                signer.authority = Some(a);
            } else {
                signer.titles.push(a);
            }
            mode = Mode::Signature;
        } else if seen_recipients && bullet(t).is_some() {
            doc.recipients.push(clean(bullet(t).unwrap_or(t)));
        } else if mode == Mode::Recipients && !is_all_caps(t) && !is_name(t) {
            // Without bullets, an item ends with `;` or `.`; a line after an unfinished item
            // continues it.
            match doc.recipients.last_mut() {
                Some(last) if !last.ends_with([';', '.']) && !l.gap_before => {
                    last.push(' ');
                    last.push_str(&clean(t));
                }
                _ => doc.recipients.push(clean(t)),
            }
        } else if is_all_caps(t) && !is_motto(t) && t.chars().count() <= 80 && signer.name.is_none()
        {
            signer.titles.push(clean(t));
            mode = Mode::Signature;
        } else if is_signed_mark(t) || is_motto(t) || is_separator(t) {
        } else if is_name(t)
            && signer.name.is_none()
            && (mode == Mode::Signature || !signer.titles.is_empty() || mode == Mode::Start)
        {
            signer.name = Some(without_rank(&clean(t)).to_string());
        } else {
            leftovers.push(l.clone());
        }
    }
    if signer != SignerFound::default() {
        doc.signer = Some(signer);
    }
    leftovers
}

/// Text copied from a PDF breaks a paragraph at every printed line: join a line to the one
/// before when it continues it (it starts in lowercase, or the line before is long and does
/// not end a sentence), never across a gap or into a heading, list item or article.
pub fn join_broken(items: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(items.len());
    for b in items {
        let Block::Line(l) = b else {
            out.push(b);
            continue;
        };
        if let Some(Block::Line(prev)) = out.last_mut()
            && l.joinable
            && prev.joinable
            && !l.gap_before
            && continues(prev, &l)
        {
            *prev = prev.joined(&l);
            continue;
        }
        out.push(Block::Line(l));
    }
    out
}

fn continues(prev: &Line, next: &Line) -> bool {
    let (p, n) = (prev.text.as_str(), next.text.as_str());
    // "giai đoạn 2022" / "- 2025, tầm nhìn ...": a dash that a copy put at a line's start.
    if let Some(rest) = bullet(n)
        && !ends_sentence(p)
        && n.starts_with('-')
        && (rest.starts_with(|c: char| c.is_ascii_digit()) || starts_lowercase(rest))
        && p.chars().count() >= 60
    {
        return true;
    }
    if structural(n) || is_all_caps(n) || is_all_caps(p) || ends_sentence(p) {
        return false;
    }
    if starts_lowercase(n) {
        return true;
    }
    if chapter(p).is_some() || roman_section(p).is_some() || article(p).is_some() {
        return false;
    }
    p.chars().count() >= 60
}

/// The legal bases: `Căn cứ`/`Thực hiện` paragraphs before the content starts.
fn bases(body: &[Block]) -> Vec<Basis> {
    let mut out = Vec::new();
    for l in body.iter().filter_map(line) {
        let t = &l.text;
        if is_operative(t)
            || article(t).is_some()
            || chapter(t).is_some()
            || roman_section(t).is_some()
            || numbered(t).is_some()
        {
            break;
        }
        if is_basis(t) {
            out.extend(cite::parse(t));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::txt;
    use proptest::prelude::*;

    /// Pieces of the layout, shuffled into any order with any text between them.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Số: ".to_string()),
            Just("Số:   /KH-UBND".to_string()),
            Just("ngày 15 tháng 4 năm 2022".to_string()),
            Just("ngày  tháng  năm".to_string()),
            Just("QUYẾT ĐỊNH".to_string()),
            Just("QUYẾT ĐỊNH:".to_string()),
            Just("QUY CHẾ".to_string()),
            Just("(Kèm theo Quyết định số 01/QĐ-UBND ngày 31/2/2022)".to_string()),
            Just("Căn cứ Luật ngày 1/1/2020; Quyết định số 5/QĐ ngày".to_string()),
            Just("Kính gửi:".to_string()),
            Just("Nơi nhận:".to_string()),
            Just("KT. CHỦ TỊCH".to_string()),
            Just("Nguyễn Văn An".to_string()),
            Just("Chương IV".to_string()),
            Just("Điều 3.".to_string()),
            Just("II. ".to_string()),
            Just("- ".to_string()),
            Just("\t\t".to_string()),
            Just("\n".to_string()),
            Just("   ".to_string()),
            "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐƯƠ ,.;:/()*“”\\-]{0,40}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_text_is_recognized_without_panic(pieces in proptest::collection::vec(piece(), 0..60)) {
            let text = pieces.concat();
            for doc in recognize(txt::lines(&text)) {
                let mode = crate::import::body::mode_for(doc.kind, &doc.body);
                let _ = crate::import::body::markdown(&doc.body, mode);
                let _ = crate::import::write::documents(vec![doc], &Default::default(), 2026);
            }
        }
    }

    fn rec(text: &str) -> Vec<Recognized> {
        recognize(txt::lines(text))
    }

    #[test]
    fn cong_van_header_and_closing() {
        let docs = rec(
            "ỦY BAN NHÂN DÂN\nHUYỆN NAM ĐÔNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
Số: 1433/UBND-TTHC\nV/v đôn đốc thu nhận hồ sơ và kích\nhoạt tài khoản định danh\n\nNam Đông, ngày 21 tháng 11 năm 2022\n\n\
Kính gửi:\n- Thủ trưởng các cơ quan, đơn vị;\n- Chủ tịch UBND các xã, thị trấn.\n\n\
Thực hiện Kế hoạch số 02/KH-TCTĐA06 ngày 25/4/2022 của Tổ công tác về triển khai Đề án 06, Chủ tịch UBND huyện yêu cầu:\n\
1. Các xã tổ chức thu nhận lưu động.\n\n\
Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nNguyễn Văn Sơn\n",
        );
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.kind, Some("cong-van"));
        assert_eq!(d.number.as_deref(), Some("1433/UBND-TTHC"));
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2022, 11, 21));
        assert_eq!(d.issuer.as_deref(), Some("ỦY BAN NHÂN DÂN HUYỆN NAM ĐÔNG"));
        assert_eq!(d.parent, None);
        assert_eq!(
            d.title.as_deref(),
            Some("V/v đôn đốc thu nhận hồ sơ và kích hoạt tài khoản định danh")
        );
        assert_eq!(
            d.addressees,
            vec![
                "Thủ trưởng các cơ quan, đơn vị;",
                "Chủ tịch UBND các xã, thị trấn."
            ]
        );
        assert_eq!(d.recipients, vec!["Như trên;", "Lưu: VT."]);
        let s = d.signer.clone().unwrap();
        assert_eq!(s.authority.as_deref(), Some("KT. CHỦ TỊCH"));
        assert_eq!(s.titles, vec!["PHÓ CHỦ TỊCH"]);
        assert_eq!(s.name.as_deref(), Some("Nguyễn Văn Sơn"));
        assert_eq!(d.bases.len(), 1);
        assert_eq!(d.bases[0].number.as_deref(), Some("02/KH-TCTĐA06"));
        assert_eq!(d.unplaced, 0);
    }

    #[test]
    fn blank_number_and_date_make_a_draft() {
        let docs = rec(
            "UBND HUYỆN NAM ĐÔNG\nTỔ CÔNG TÁC ĐỀ ÁN 06\nSố:    /KH-TCTĐA06\nNam Đông, ngày    tháng    năm 2024\nKẾ HOẠCH\nTriển khai năm 2025\n\nI. MỤC ĐÍCH\n1. Hoàn thành.\n",
        );
        let d = &docs[0];
        assert!(d.draft);
        assert_eq!(d.number, None);
        assert_eq!(d.date, None);
        assert_eq!(d.year, Some(2024));
        assert_eq!(d.kind, Some("ke-hoach"));
        assert_eq!(d.parent.as_deref(), Some("UBND HUYỆN NAM ĐÔNG"));
        assert_eq!(d.issuer.as_deref(), Some("TỔ CÔNG TÁC ĐỀ ÁN 06"));
        assert_eq!(d.title.as_deref(), Some("Triển khai năm 2025"));
    }

    #[test]
    fn header_copied_line_by_line_and_recipients_without_bullets() {
        let docs = rec(
            "UBND HUYỆN NAM ĐÔNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỔ CÔNG TÁC ĐỀ ÁN 06 Độc lập - Tự do - Hạnh phúc\n\
Số: 05/HD-TCTĐA06 Nam Đông, ngày 12 tháng 10 năm 2022\nHƯỚNG DẪN\nCấp tài khoản định danh điện tử\n\n1. Công an xã thu nhận hồ sơ.\n\
Nơi nhận:\nCông an tỉnh (b/c);\nUBND các xã,\nthị trấn;\nLưu: VT.\nTỔ TRƯỞNG\n\nThượng tá Trần Quốc Bảo\n",
        );
        let d = &docs[0];
        assert_eq!(d.parent.as_deref(), Some("UBND HUYỆN NAM ĐÔNG"));
        assert_eq!(d.issuer.as_deref(), Some("TỔ CÔNG TÁC ĐỀ ÁN 06"));
        assert_eq!(d.number.as_deref(), Some("05/HD-TCTĐA06"));
        assert_eq!(d.place.as_deref(), Some("Nam Đông"));
        assert_eq!(d.kind, Some("huong-dan"));
        assert_eq!(
            d.recipients,
            vec!["Công an tỉnh (b/c);", "UBND các xã, thị trấn;", "Lưu: VT."]
        );
        assert_eq!(
            d.signer.as_ref().and_then(|s| s.name.as_deref()),
            Some("Trần Quốc Bảo")
        );
    }

    #[test]
    fn closing_columns_copied_onto_one_line() {
        let docs = rec(
            "Số: 21/BC-TCTĐA06 Nam Đông, ngày 05 tháng 12 năm 2023\nBÁO CÁO\nKết quả tháng 11\n\
I. KẾT QUẢ\nĐã thu nhận 1.250 hồ sơ.\nNơi nhận: TM. TỔ CÔNG TÁC\n- BCĐ Đề án 06 tỉnh; TỔ TRƯỞNG\n- Lưu: VT.\n\
CHỦ TỊCH UBND HUYỆN\nHồ Văn Thành\n",
        );
        let d = &docs[0];
        assert_eq!(d.recipients, vec!["BCĐ Đề án 06 tỉnh;", "Lưu: VT."]);
        let s = d.signer.clone().unwrap_or_default();
        assert_eq!(s.authority.as_deref(), Some("TM. TỔ CÔNG TÁC"));
        assert_eq!(s.titles, vec!["TỔ TRƯỞNG", "CHỦ TỊCH UBND HUYỆN"]);
        assert_eq!(s.name.as_deref(), Some("Hồ Văn Thành"));
        assert_eq!(d.unplaced, 0);
    }

    #[test]
    fn a_pdf_copy_breaks_every_printed_line() {
        let b = join_broken(txt::lines(
            "Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt\nĐề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử giai đoạn 2022\n- 2025, tầm nhìn đến năm 2030; các thành viên thực hiện theo quy định tại\nĐiều 5 của Quy chế này;\nCăn cứ Luật Cư trú năm 2020;\n- Công an xã chủ trì.\n",
        ));
        let texts: Vec<String> = b.iter().filter_map(line).map(|l| l.text.clone()).collect();
        assert_eq!(
            texts,
            vec![
                "Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử giai đoạn 2022 - 2025, tầm nhìn đến năm 2030; các thành viên thực hiện theo quy định tại Điều 5 của Quy chế này;",
                "Căn cứ Luật Cư trú năm 2020;",
                "- Công an xã chủ trì.",
            ]
        );
    }

    #[test]
    fn broken_lines_join_and_paragraphs_stay() {
        let b = join_broken(txt::lines(
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Tổ công\ntác triển khai Đề án 06.\nĐiều 2. Hiệu lực\nQuyết định có hiệu lực.\n",
        ));
        let texts: Vec<String> = b.iter().filter_map(line).map(|l| l.text.clone()).collect();
        assert_eq!(
            texts,
            vec![
                "Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Tổ công tác triển khai Đề án 06.",
                "Điều 2. Hiệu lực",
                "Quyết định có hiệu lực.",
            ]
        );
    }
}
