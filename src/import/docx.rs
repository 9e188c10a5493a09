//! Reading a Word file (`.docx`, Word 2007+ as written by Word, LibreOffice, WPS and e-office
//! systems) with `zip` and `quick-xml`: paragraphs with their bold and italic, list numbers from
//! `numbering.xml`, tables with merged cells.
//!
//! The ready-made docx crates panic on ordinary files, so this reader takes only what it needs
//! from `word/document.xml` and skips what it does not understand. A docx is a file from outside:
//! it must never make the program panic, hang or exhaust memory. Parts are read with a cap on
//! their *uncompressed* size (zip bombs), a DOCTYPE is refused (no entity expansion, internal or
//! external), nesting is bounded, and every failure becomes a Vietnamese message.
//! Tracked changes are read as accepted: deleted text (`w:del`) is dropped, inserted text kept.

use super::Refusal;
use super::source::{Block, Cell, Line, Origin, Run, Style, Table};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Read, Seek};

/// The largest uncompressed XML part read: a long regulation is a few megabytes.
pub const MAX_PART: u64 = 32 * 1024 * 1024;
/// Deeper XML than this is not a document Word wrote.
pub const MAX_DEPTH: usize = 256;
/// More text than this (bytes) is not one administrative document: a long regulation has a few
/// hundred kilobytes.
pub const MAX_TEXT: usize = 8 * 1024 * 1024;

/// Reads the document body of a docx from any seekable source.
pub fn read(source: impl Read + Seek) -> Result<Vec<Block>, Refusal> {
    let mut zip = zip::ZipArchive::new(source).map_err(|_| Refusal::not_docx())?;
    let Some(document) = part(&mut zip, "word/document.xml")? else {
        return Err(Refusal::not_docx());
    };
    // A broken numbering part costs the list numbers, not the document.
    let mut numbering = match part(&mut zip, "word/numbering.xml") {
        Ok(Some(xml)) => Numbering::parse(&xml).unwrap_or_default(),
        _ => Numbering::default(),
    };
    // Headings numbered through their paragraph style ("Heading 1" → `I.`).
    if let Ok(Some(xml)) = part(&mut zip, "word/styles.xml") {
        numbering.styles = style_numbering(&xml).unwrap_or_default();
    }
    parse_document(&document, &mut numbering)
}

fn part<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>, Refusal> {
    let entry = match zip.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(_)) => {
            return Err(Refusal::new(
                "Tệp Word được đặt mật khẩu hoặc nén theo cách không đọc được.",
                "Mở tệp trong Word, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu), rồi \"Lưu thành\" .docx.",
            ));
        }
        Err(_) => return Err(Refusal::not_docx()),
    };
    if entry.size() > MAX_PART {
        return Err(Refusal::too_large(entry.size() as usize, MAX_PART as usize));
    }
    let mut bytes = Vec::new();
    // The header's size can lie: read at most one byte past the cap and look.
    entry
        .take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| Refusal::not_docx())?;
    if bytes.len() as u64 > MAX_PART {
        return Err(Refusal::too_large(bytes.len(), MAX_PART as usize));
    }
    Ok(Some(bytes))
}

fn xml_error() -> Refusal {
    Refusal::new(
        "Nội dung bên trong tệp Word bị hỏng (XML không đọc được).",
        "Mở tệp bằng Word hoặc LibreOffice (chương trình sẽ sửa tệp), rồi \"Lưu thành\" .docx mới và nhập lại.",
    )
}

fn refuse_doctype() -> Refusal {
    Refusal::new(
        "Tệp Word có khai báo DOCTYPE: Word không bao giờ viết như vậy, tệp có thể đã bị sửa để tấn công.",
        "Mở tệp bằng Word hoặc LibreOffice rồi \"Lưu thành\" .docx mới; nếu không rõ nguồn gốc, xin bản gốc từ nơi ban hành.",
    )
}

/// One element deeper: refused past [`MAX_DEPTH`] (hostile files nest without end). Every
/// reading loop of this module goes through here.
fn enter(depth: &mut usize) -> Result<(), Refusal> {
    *depth += 1;
    if *depth > MAX_DEPTH {
        return Err(too_deep());
    }
    Ok(())
}

fn too_deep() -> Refusal {
    Refusal::new(
        format!(
            "Nội dung tệp Word lồng nhau quá sâu (hơn {MAX_DEPTH} tầng): không phải văn bản Word bình thường."
        ),
        "Mở tệp bằng Word hoặc LibreOffice rồi \"Lưu thành\" .docx mới; nếu không rõ nguồn gốc, xin bản gốc từ nơi ban hành.",
    )
}

/// The value of attribute `w:val` (or another attribute), unescaped.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.to_string())
}

fn val(e: &BytesStart) -> Option<String> {
    attr(e, "w:val")
}

/// `<w:b/>`, `<w:b w:val="1"/>` are on; `w:val="0"`/`false`/`off` is off.
fn toggle(e: &BytesStart) -> bool {
    !matches!(val(e).as_deref(), Some("0" | "false" | "off" | "none"))
}

/// Elements whose content is not the accepted text of the document.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "w:del"
            | "w:moveFrom"
            | "w:delText"
            | "w:instrText"
            | "mc:Fallback"
            | "w:rPrChange"
            | "w:pPrChange"
            | "w:tblPrChange"
            | "w:trPrChange"
            | "w:tcPrChange"
            | "w:sectPrChange"
            | "w:numberingChange"
            | "w:footnoteReference"
            | "w:endnoteReference"
            | "w:commentReference"
    )
}

#[derive(Default)]
struct Paragraph {
    runs: Vec<Run>,
    /// `w:numId`; `Some("0")` switches a style's numbering off.
    num_id: Option<String>,
    level: Option<usize>,
    style: Option<String>,
}

impl Paragraph {
    fn push(&mut self, text: &str, style: Style) {
        match self.runs.last_mut() {
            Some(r) if r.style == style => r.text.push_str(text),
            _ => self.runs.push(Run {
                text: text.to_string(),
                style,
            }),
        }
    }
}

#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    cell: Option<Cell>,
}

#[derive(Default)]
struct Parser {
    blocks: Vec<Block>,
    tables: Vec<TableBuilder>,
    paras: Vec<Paragraph>,
    in_run: bool,
    in_run_props: bool,
    in_para_props: bool,
    in_text: bool,
    style: Style,
    caps: bool,
    hidden: bool,
    /// Bytes of text read so far (see `MAX_TEXT`).
    text_bytes: usize,
}

fn parse_document(xml: &[u8], numbering: &mut Numbering) -> Result<Vec<Block>, Refusal> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut p = Parser::default();
    let mut depth = 0usize;
    let mut skip_from: Option<usize> = None;
    loop {
        let event = reader.read_event().map_err(|_| xml_error())?;
        match event {
            Event::Start(e) => {
                enter(&mut depth)?;
                if skip_from.is_some() {
                } else if skipped(e.name().as_ref()) {
                    skip_from = Some(depth);
                } else {
                    p.start(&e, numbering, false);
                }
            }
            Event::Empty(e) if skip_from.is_none() && !skipped(e.name().as_ref()) => {
                p.start(&e, numbering, true);
            }
            Event::End(e) => {
                match skip_from {
                    Some(d) if d == depth => skip_from = None,
                    Some(_) => {}
                    None => p.end(e.name().as_ref(), numbering),
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if skip_from.is_none() && p.in_text => p.text(&t.xml10_content()),
            Event::GeneralRef(r) if skip_from.is_none() && p.in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    p.text(c.encode_utf8(&mut [0; 4]));
                } else if let Some(s) =
                    quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                {
                    p.text(s);
                }
            }
            Event::CData(t) if skip_from.is_none() && p.in_text => {
                p.text(t.as_ref());
            }
            Event::DocType(_) => return Err(refuse_doctype()),
            Event::Eof => break,
            _ => {}
        }
        if p.text_bytes > MAX_TEXT {
            return Err(Refusal::too_large(p.text_bytes, MAX_TEXT));
        }
    }
    // Whatever a truncated file left open is still shown.
    while !p.paras.is_empty() {
        p.end("w:p", numbering);
    }
    while !p.tables.is_empty() {
        p.end("w:tc", numbering);
        p.end("w:tr", numbering);
        p.end("w:tbl", numbering);
    }
    Ok(settle(p.blocks))
}

impl Parser {
    fn start(&mut self, e: &BytesStart, numbering: &Numbering, empty: bool) {
        let _ = numbering;
        match e.name().as_ref() {
            "w:p" => {
                self.paras.push(Paragraph::default());
                if empty {
                    self.finish_paragraph(None);
                }
            }
            "w:pPr" if !empty => self.in_para_props = true,
            "w:rPr" if !empty && self.in_run => self.in_run_props = true,
            "w:ilvl" if self.in_para_props => {
                if let Some(p) = self.paras.last_mut() {
                    p.level = val(e)
                        .and_then(|v| v.parse::<usize>().ok())
                        .map(|l| l.min(8));
                }
            }
            "w:numId" if self.in_para_props => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = val(e);
                }
            }
            "w:pStyle" if self.in_para_props => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = val(e);
                }
            }
            "w:r" if !empty => {
                self.in_run = true;
                self.style = Style::default();
                self.caps = false;
                self.hidden = false;
            }
            "w:b" if self.in_run_props => self.style.bold = toggle(e),
            "w:i" if self.in_run_props => self.style.italic = toggle(e),
            "w:caps" if self.in_run_props => self.caps = toggle(e),
            "w:vanish" if self.in_run_props => self.hidden = toggle(e),
            "w:t" if !empty => self.in_text = true,
            "w:tab" if self.in_run && !self.in_para_props => self.text("\t"),
            "w:br" | "w:cr" if self.in_run => self.text("\n"),
            "w:noBreakHyphen" if self.in_run => self.text("-"),
            "w:tbl" if !empty => self.tables.push(TableBuilder::default()),
            "w:tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Vec::new();
                }
            }
            "w:tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Cell {
                        span: 1,
                        ..Cell::default()
                    });
                }
            }
            "w:gridSpan" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.span = val(e)
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                }
            }
            "w:vMerge" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.merged_up = val(e).as_deref() != Some("restart");
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str, numbering: &mut Numbering) {
        match name {
            "w:p" => self.finish_paragraph(Some(numbering)),
            "w:pPr" => self.in_para_props = false,
            "w:rPr" => self.in_run_props = false,
            "w:r" => self.in_run = false,
            "w:t" => self.in_text = false,
            "w:tc" => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(c) = t.cell.take()
                {
                    t.row.push(c);
                }
            }
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    if !row.is_empty() {
                        t.rows.push(row);
                    }
                }
            }
            "w:tbl" => {
                let Some(t) = self.tables.pop() else { return };
                let table = Table { rows: t.rows };
                match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    // A table inside a cell: its text joins the cell.
                    Some(cell) => {
                        for row in table.rows {
                            for c in row {
                                cell.lines.extend(c.lines);
                            }
                        }
                    }
                    None => self.blocks.push(Block::Table(table)),
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if !self.in_run || self.hidden {
            return;
        }
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        self.text_bytes += s.len();
        if self.caps {
            p.push(&s.to_uppercase(), self.style);
        } else {
            p.push(s, self.style);
        }
    }

    fn finish_paragraph(&mut self, numbering: Option<&mut Numbering>) {
        let Some(mut para) = self.paras.pop() else {
            return;
        };
        let has_text = para.runs.iter().any(|r| !r.text.trim().is_empty());
        if has_text
            && let Some(numbering) = numbering
            && let Some((id, level)) = numbering.of_paragraph(&para)
            && let Some(label) = numbering.next_label(&id, level)
        {
            let bold = para
                .runs
                .iter()
                .all(|r| r.style.bold || r.text.trim().is_empty());
            let style = Style {
                bold,
                italic: false,
            };
            para.runs.insert(
                0,
                Run {
                    text: format!("{label} "),
                    style,
                },
            );
        }
        // Header or closing columns laid out with tabs: each column its own line.
        let raw: String = para.runs.iter().map(|r| r.text.as_str()).collect();
        if raw.contains('\t') && super::words::columns(&raw).is_some() {
            for run in &mut para.runs {
                run.text = run.text.replace('\t', "\n");
            }
        }
        // A line break inside a paragraph starts a new line (signature blocks, trích yếu).
        let mut lines = vec![Vec::new()];
        for run in para.runs {
            let mut parts = run.text.split('\n');
            if let Some(first) = parts.next()
                && let Some(cur) = lines.last_mut()
            {
                cur.push(Run {
                    text: first.to_string(),
                    style: run.style,
                });
            }
            for part in parts {
                lines.push(vec![Run {
                    text: part.to_string(),
                    style: run.style,
                }]);
            }
        }
        for runs in lines {
            let line = Line::new(&runs, Origin::Word);
            match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                Some(cell) => cell.lines.push(line),
                None => self.blocks.push(Block::Line(line)),
            }
        }
    }
}

/// Empty paragraphs become the `gap_before` of the next line, in the body and in every cell.
fn settle(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut gap = false;
    for b in blocks {
        match b {
            Block::Line(l) if l.is_empty() => gap = true,
            Block::Line(mut l) => {
                l.gap_before = gap;
                gap = false;
                out.push(Block::Line(l));
            }
            Block::Table(mut t) => {
                for cell in t.rows.iter_mut().flatten() {
                    cell.lines = settle_lines(std::mem::take(&mut cell.lines));
                }
                gap = true;
                out.push(Block::Table(t));
            }
        }
    }
    out
}

fn settle_lines(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut gap = false;
    for mut l in lines {
        if l.is_empty() {
            gap = true;
        } else {
            l.gap_before = gap;
            gap = false;
            out.push(l);
        }
    }
    out
}

/// The numbering a paragraph style gives (`w:style/w:pPr/w:numPr`), and the style it is based on.
#[derive(Default, Debug, Clone)]
struct StyleNumbering {
    num_id: Option<String>,
    level: Option<usize>,
    based_on: Option<String>,
}

/// Paragraph styles that carry list numbering, from `word/styles.xml`.
fn style_numbering(xml: &[u8]) -> Result<HashMap<String, StyleNumbering>, Refusal> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = HashMap::new();
    let mut current: Option<(String, StyleNumbering)> = None;
    let mut depth = 0usize;
    loop {
        let (e, is_start) = match reader.read_event().map_err(|_| xml_error())? {
            Event::Start(e) => {
                enter(&mut depth)?;
                (e, true)
            }
            Event::Empty(e) => (e, false),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if e.name().as_ref() == "w:style"
                    && let Some((id, n)) = current.take()
                {
                    out.insert(id, n);
                }
                continue;
            }
            Event::DocType(_) => return Err(refuse_doctype()),
            Event::Eof => break,
            _ => continue,
        };
        match (e.name().as_ref(), current.as_mut()) {
            ("w:style", _) if is_start => {
                current = attr(&e, "w:styleId").map(|id| (id, StyleNumbering::default()));
            }
            ("w:basedOn", Some((_, n))) => n.based_on = val(&e),
            ("w:numId", Some((_, n))) => n.num_id = val(&e),
            ("w:ilvl", Some((_, n))) => n.level = val(&e).and_then(|v| v.parse().ok()),
            _ => {}
        }
    }
    Ok(out)
}

/// List numbering (`word/numbering.xml`): how each list level prints its number.
#[derive(Default, Debug)]
pub struct Numbering {
    /// Paragraph styles with numbering (`word/styles.xml`).
    styles: HashMap<String, StyleNumbering>,
    /// `w:numId` → `w:abstractNumId`.
    nums: HashMap<String, String>,
    /// `w:abstractNumId` → levels.
    abstracts: HashMap<String, Vec<Level>>,
    counters: HashMap<String, [u32; 9]>,
}

#[derive(Default, Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

impl Numbering {
    pub fn parse(xml: &[u8]) -> Result<Numbering, Refusal> {
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut n = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<usize> = None;
        let mut depth = 0usize;
        loop {
            let (e, is_start) = match reader.read_event().map_err(|_| xml_error())? {
                Event::Start(e) => {
                    enter(&mut depth)?;
                    (e.into_owned(), true)
                }
                Event::Empty(e) => (e.into_owned(), false),
                Event::End(e) => {
                    depth = depth.saturating_sub(1);
                    match e.name().as_ref() {
                        "w:abstractNum" => abstract_id = None,
                        "w:num" => num_id = None,
                        "w:lvl" => level = None,
                        _ => {}
                    }
                    continue;
                }
                Event::DocType(_) => return Err(refuse_doctype()),
                Event::Eof => break,
                _ => continue,
            };
            match e.name().as_ref() {
                "w:abstractNum" if is_start => abstract_id = attr(&e, "w:abstractNumId"),
                "w:num" if is_start => num_id = attr(&e, "w:numId"),
                "w:abstractNumId" => {
                    if let (Some(id), Some(a)) = (&num_id, val(&e)) {
                        n.nums.insert(id.clone(), a);
                    }
                }
                "w:lvl" if is_start => {
                    level = attr(&e, "w:ilvl").and_then(|v| v.parse::<usize>().ok());
                    if let (Some(a), Some(l)) = (&abstract_id, level)
                        && l < 9
                    {
                        let levels = n.abstracts.entry(a.clone()).or_default();
                        if levels.len() <= l {
                            levels.resize(l + 1, Level::default());
                        }
                        levels[l].start = 1;
                    }
                }
                "w:start" | "w:numFmt" | "w:lvlText" => {
                    if let (Some(a), Some(l)) = (&abstract_id, level)
                        && let Some(lv) = n.abstracts.get_mut(a).and_then(|v| v.get_mut(l))
                    {
                        let v = val(&e).unwrap_or_default();
                        match e.name().as_ref() {
                            "w:start" => lv.start = v.parse().unwrap_or(1),
                            "w:numFmt" => lv.format = v,
                            _ => lv.text = v,
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(n)
    }

    /// The list and level of a paragraph: its own `w:numPr`, else its style's (followed through
    /// `w:basedOn`); none when `w:numId` is 0.
    fn of_paragraph(&self, para: &Paragraph) -> Option<(String, usize)> {
        let mut num_id = para.num_id.clone();
        let mut level = para.level;
        let mut style = para.style.clone();
        for _ in 0..10 {
            if num_id.is_some() && level.is_some() {
                break;
            }
            let Some(s) = style.as_ref().and_then(|s| self.styles.get(s)) else {
                break;
            };
            num_id = num_id.or_else(|| s.num_id.clone());
            level = level.or(s.level);
            style = s.based_on.clone();
        }
        let id = num_id.filter(|id| id != "0")?;
        Some((id, level.unwrap_or(0).min(8)))
    }

    /// The printed number of the next paragraph of list `num_id` at `level` (`"1."`, `"a)"`,
    /// `"II."`, `"-"` for bullets), counting as Word does: a level restarts below its parent.
    pub fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        let levels = self.abstracts.get(self.nums.get(num_id)?)?;
        let level = level.min(8);
        let this = levels.get(level)?;
        if this.format == "none" {
            return None;
        }
        if this.format == "bullet" {
            return Some("-".to_string());
        }
        let counters = self.counters.entry(num_id.to_string()).or_insert([0; 9]);
        counters[level] = if counters[level] == 0 {
            this.start
        } else {
            counters[level].saturating_add(1)
        };
        for c in counters.iter_mut().skip(level + 1) {
            *c = 0;
        }
        let mut label = this.text.clone();
        for k in (0..=level).rev() {
            let placeholder = format!("%{}", k + 1);
            if label.contains(&placeholder) {
                let lv = levels.get(k).cloned().unwrap_or_default();
                let value = if counters[k] == 0 {
                    lv.start
                } else {
                    counters[k]
                };
                label = label.replace(&placeholder, &format_number(value, &lv.format));
            }
        }
        let label = label.trim().to_string();
        (!label.is_empty()).then_some(label)
    }
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

fn letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let c = char::from(b'a' + (n % 26) as u8);
    c.to_string().repeat((n / 26) as usize + 1)
}

pub fn roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    n = n.min(3999);
    for &(v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>UBND XÃ</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Điều &amp; </w:t></w:r><w:del><w:r><w:delText>cũ</w:delText></w:r></w:del><w:ins><w:r><w:rPr><w:i/></w:rPr><w:t>mới&#233;</w:t></w:r></w:ins><w:r><w:br/><w:t>dòng</w:t></w:r></w:p></w:body></w:document>"#;
    const NUMBERING: &str = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .flat_map(|b| match b {
                Block::Line(l) => vec![l.markdown()],
                Block::Table(t) => t
                    .rows
                    .iter()
                    .flatten()
                    .flat_map(|c| c.lines.iter().map(Line::markdown))
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn runs_numbering_tracked_changes_and_breaks() {
        let mut n = Numbering::parse(NUMBERING.as_bytes()).unwrap();
        let blocks = parse_document(DOC.as_bytes(), &mut n).unwrap();
        assert_eq!(
            texts(&blocks),
            vec!["**UBND XÃ**", "III. Điều & *mớié*", "dòng"]
        );
        let Block::Table(t) = &blocks[0] else {
            panic!("a table first")
        };
        assert_eq!(t.rows[0][0].span, 2);
    }

    #[test]
    fn headings_numbered_by_their_style() {
        let styles = r#"<w:styles xmlns:w="w"><w:style w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:styleId="Muc"><w:basedOn w:val="Heading1"/></w:style></w:styles>"#;
        let mut n = Numbering::parse(NUMBERING.as_bytes()).unwrap();
        n.styles = style_numbering(styles.as_bytes()).unwrap();
        let doc = r#"<w:document xmlns:w="w"><w:body><w:p><w:pPr><w:pStyle w:val="Muc"/></w:pPr><w:r><w:t>MỤC ĐÍCH</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Không số</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>NHIỆM VỤ</w:t></w:r></w:p></w:body></w:document>"#;
        let blocks = parse_document(doc.as_bytes(), &mut n).unwrap();
        assert_eq!(
            texts(&blocks),
            vec!["III. MỤC ĐÍCH", "Không số", "IV. NHIỆM VỤ"]
        );
    }

    #[test]
    fn header_columns_laid_out_with_tabs_become_lines() {
        let doc = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>UBND HUYỆN NAM ĐÔNG</w:t><w:tab/><w:tab/><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p><w:p><w:r><w:t>a)</w:t><w:tab/><w:t>Thu nhận hồ sơ.</w:t></w:r></w:p></w:body></w:document>"#;
        let blocks = parse_document(doc.as_bytes(), &mut Numbering::default()).unwrap();
        assert_eq!(
            texts(&blocks),
            vec![
                "UBND HUYỆN NAM ĐÔNG",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "a) Thu nhận hồ sơ."
            ]
        );
    }

    #[test]
    fn every_truncation_is_an_answer_not_a_panic() {
        for cut in 0..DOC.len() {
            let mut n = Numbering::default();
            let _ = parse_document(&DOC.as_bytes()[..cut], &mut n);
            let _ = Numbering::parse(&NUMBERING.as_bytes()[..cut.min(NUMBERING.len())]);
        }
    }

    #[test]
    fn too_much_text_is_refused() {
        let doc = format!(
            "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
            "a".repeat(MAX_TEXT + 1)
        );
        let err = parse_document(doc.as_bytes(), &mut Numbering::default()).unwrap_err();
        assert!(err.message.contains("quá lớn"), "{err:?}");
    }

    #[test]
    fn doctype_is_refused() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"b\">]><w:document/>";
        assert_eq!(
            parse_document(xml.as_bytes(), &mut Numbering::default()).unwrap_err(),
            refuse_doctype()
        );
    }
}
