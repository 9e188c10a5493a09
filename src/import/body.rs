//! The body of a recognized document as Markdown (SPEC §3): `## Chương I. ...` and
//! `### Điều 1. ...` for a regulation, `## I. ...` and `### 1. ...` for a plan's sections, a
//! decision's articles as bold paragraphs (`**Điều 1.** ...`), Word tables as Markdown tables,
//! lists as lists, bold and italic kept.
//!
//! It adds Markdown around the source's words and never changes, drops or reorders them.

use super::source::{Block, Line, Table};
use super::words::*;

/// How a document's articles and numbered items are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A decision: articles are bold paragraphs, no sections.
    Decision,
    /// A regulation: chapters and articles are headings.
    Regulation,
    /// A plan, report, guide, letter...: roman sections and their short numbered items are
    /// headings; an article, if any, is a bold paragraph.
    Plan,
}

pub fn mode_for(kind: Option<&str>, body: &[Block]) -> Mode {
    let has_chapters = body
        .iter()
        .any(|b| matches!(b, Block::Line(l) if chapter(&l.text).is_some()));
    match kind {
        Some("quy-che" | "quy-dinh") => Mode::Regulation,
        _ if has_chapters => Mode::Regulation,
        Some("quyet-dinh") => Mode::Decision,
        _ => Mode::Plan,
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub chapters: usize,
    pub articles: usize,
    pub sections: usize,
    pub tables: usize,
}

/// Something in the body a person should look at: its block (0-based) and why.
#[derive(Debug, Clone)]
pub struct BodyNote {
    pub block: usize,
    pub message: String,
}

pub struct Body {
    pub markdown: String,
    pub stats: Stats,
    /// (line in `markdown`, 0-based; message)
    pub notes: Vec<(usize, String)>,
}

enum Out {
    Para(String),
    Item(String),
}

pub fn markdown(body: &[Block], mode: Mode) -> Body {
    let mut w = Writer {
        mode,
        blocks: Vec::new(),
        notes: Vec::new(),
        stats: Stats::default(),
        last_article: None,
        in_section: false,
    };
    let mut i = 0;
    while i < body.len() {
        match &body[i] {
            Block::Table(t) => w.table(t),
            Block::Line(l) => {
                let next = match body.get(i + 1) {
                    Some(Block::Line(n)) => Some(n),
                    _ => None,
                };
                if w.line(l, next) {
                    i += 1;
                }
            }
        }
        i += 1;
    }
    assemble(w.blocks, w.notes, w.stats)
}

/// The body being written: blocks so far, what to report, where in the structure we are.
struct Writer {
    mode: Mode,
    blocks: Vec<Out>,
    notes: Vec<BodyNote>,
    stats: Stats,
    last_article: Option<u32>,
    in_section: bool,
}

impl Writer {
    fn note(&mut self, message: String) {
        self.notes.push(BodyNote {
            block: self.blocks.len(),
            message,
        });
    }

    fn table(&mut self, t: &Table) {
        let Some(md) = table(t) else {
            for l in t.rows.iter().flatten().flat_map(|c| c.lines.iter()) {
                self.blocks.push(Out::Para(paragraph(l)));
            }
            return;
        };
        self.stats.tables += 1;
        if t.has_merged_cells() {
            self.note("Bảng có ô gộp: Markdown không gộp ô, nội dung ô gộp nằm ở ô đầu, các ô còn lại để trống; so với bản gốc.".into());
        }
        self.blocks.push(Out::Para(md));
    }

    /// Writes one line; true when it also used `next` (a chapter's title on its own line).
    fn line(&mut self, l: &Line, next: Option<&Line>) -> bool {
        let t = l.text.as_str();
        if let Some((num, title)) = chapter(t) {
            return self.chapter(&num, title, next);
        }
        if let Some((num, rest, prefix)) = article(t) {
            // A regulation's article whose title is on the next line.
            let title = next.filter(|n| {
                self.mode == Mode::Regulation
                    && rest.is_empty()
                    && !ends_sentence(&n.text)
                    && n.text.chars().count() <= 150
                    && numbered(&n.text).is_none()
                    && bullet(&n.text).is_none()
                    && article(&n.text).is_none()
                    && chapter(&n.text).is_none()
            });
            let rest = title.map_or(rest, |n| n.text.replace("**", ""));
            self.article(l, &num, &rest, prefix);
            return title.is_some();
        } else if let (Some((num, title)), true) = (roman_section(t), self.mode != Mode::Decision) {
            self.stats.sections += 1;
            self.in_section = true;
            self.blocks
                .push(Out::Para(format!("## {num}. {}", escape(&title))));
        } else if let Some((num, prefix, text)) = numbered(t) {
            let heading = self.mode == Mode::Plan
                && self.in_section
                && (l.all_bold()
                    || (text.chars().count() <= 100
                        && !ends_sentence(&text)
                        && text.split_whitespace().count() <= 16));
            self.blocks.push(Out::Para(if heading {
                format!("### {num}. {}", escape(&text.replace("**", "")))
            } else {
                format!("{num}. {}", l.markdown_from(prefix))
            }));
        } else if let Some(rest) = bullet(t) {
            let prefix = t.chars().count() - rest.chars().count();
            self.blocks
                .push(Out::Item(format!("- {}", l.markdown_from(prefix))));
        } else if is_all_caps(t) && t.chars().count() <= 200 {
            self.blocks
                .push(Out::Para(format!("**{}**", escape(&t.replace("**", "")))));
        } else {
            self.blocks.push(Out::Para(paragraph(l)));
        }
        false
    }

    fn chapter(&mut self, num: &str, title: String, next: Option<&Line>) -> bool {
        let own_line = next.filter(|n| {
            title.is_empty() && (is_all_caps(&n.text) || n.all_bold()) && chapter(&n.text).is_none()
        });
        let title = own_line.map_or(title, |n| n.text.replace("**", ""));
        self.stats.chapters += 1;
        self.blocks.push(Out::Para(if title.is_empty() {
            format!("## Chương {num}")
        } else {
            format!("## Chương {num}. {}", escape(&title))
        }));
        own_line.is_some()
    }

    fn article(&mut self, l: &Line, num: &str, rest: &str, prefix: usize) {
        self.stats.articles += 1;
        let n: u32 = num.parse().unwrap_or(0);
        if let Some(prev) = self.last_article
            && n != prev + 1
            && n != 1
        {
            self.note(format!(
                "Điều {n} đứng sau Điều {prev}: kiểm tra bản gốc có thiếu hay đánh số lại không."
            ));
        }
        self.last_article = Some(n);
        let md = match self.mode {
            Mode::Regulation if rest.is_empty() => format!("### Điều {num}."),
            Mode::Regulation => format!("### Điều {num}. {}", escape(rest)),
            _ => match l.markdown_from(prefix) {
                text if text.is_empty() => format!("**Điều {num}.**"),
                text => format!("**Điều {num}.** {text}"),
            },
        };
        self.blocks.push(Out::Para(md));
    }
}

fn assemble(blocks: Vec<Out>, notes: Vec<BodyNote>, stats: Stats) -> Body {
    let mut md = String::new();
    let mut starts = Vec::with_capacity(blocks.len());
    let mut line = 0;
    let mut prev_item = false;
    for b in &blocks {
        let (text, item) = match b {
            Out::Para(s) => (s, false),
            Out::Item(s) => (s, true),
        };
        if !md.is_empty() {
            if item && prev_item {
                md.push('\n');
                line += 1;
            } else {
                md.push_str("\n\n");
                line += 2;
            }
        }
        starts.push(line);
        md.push_str(text);
        line += text.matches('\n').count();
        prev_item = item;
    }
    if !md.is_empty() {
        md.push('\n');
    }
    let notes = notes
        .into_iter()
        .map(|n| (starts.get(n.block).copied().unwrap_or(line), n.message))
        .collect();
    Body {
        markdown: md,
        stats,
        notes,
    }
}

/// A plain paragraph, with what Markdown would read as a block marker at its start escaped.
fn paragraph(l: &Line) -> String {
    let md = l.markdown();
    if md.starts_with(['#', '>', '|', '=', '+', '-']) {
        format!("\\{md}")
    } else {
        md
    }
}

fn escape(s: &str) -> String {
    Line::plain(s, super::source::Origin::Word).markdown()
}

/// A Word table as a Markdown table: the first row is the header, a merged cell's text stays in
/// its first cell. A table of one cell (a framed paragraph) is not a table.
fn table(t: &Table) -> Option<String> {
    let cols = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.span.max(1)).sum::<usize>())
        .max()
        .unwrap_or(0);
    if cols == 0 || (cols == 1 && t.rows.len() <= 1) {
        return None;
    }
    let mut out = String::new();
    for (k, row) in t.rows.iter().enumerate() {
        let mut cells: Vec<String> = Vec::with_capacity(cols);
        for c in row {
            let text = if c.merged_up {
                String::new()
            } else {
                // The header row is bold anyway: its own bold would only add asterisks.
                c.lines
                    .iter()
                    .map(|l| {
                        if k == 0 {
                            escape(&l.text)
                        } else {
                            l.markdown()
                        }
                    })
                    .map(|md| md.replace('|', "\\|"))
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            cells.push(text);
            for _ in 1..c.span.max(1) {
                cells.push(String::new());
            }
        }
        cells.resize(cols, String::new());
        out.push_str("| ");
        out.push_str(&cells.join(" | "));
        out.push_str(" |\n");
        if k == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(cols));
            out.push('\n');
        }
    }
    out.pop();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::layout::join_broken;
    use crate::import::source::{Cell, Origin};
    use crate::import::txt;

    fn md(text: &str, mode: Mode) -> String {
        markdown(&join_broken(txt::lines(text)), mode).markdown
    }

    #[test]
    fn regulation_chapters_and_articles_are_headings() {
        let out = md(
            "Chương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n1. Quy chế này quy định.\n2. Áp dụng.\n",
            Mode::Regulation,
        );
        assert_eq!(
            out,
            "## Chương I. NHỮNG QUY ĐỊNH CHUNG\n\n### Điều 1. Phạm vi điều chỉnh\n\n1. Quy chế này quy định.\n\n2. Áp dụng.\n"
        );
    }

    #[test]
    fn an_article_title_on_its_own_line() {
        let out = md("Điều 4\nTổ trưởng\n1. Chỉ đạo chung.\n", Mode::Regulation);
        assert_eq!(out, "### Điều 4. Tổ trưởng\n\n1. Chỉ đạo chung.\n");
    }

    #[test]
    fn decision_articles_are_bold_paragraphs() {
        let out = md(
            "TỔ TRƯỞNG TỔ CÔNG TÁC\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo.\nĐiều 2. Hiệu lực.\n",
            Mode::Decision,
        );
        assert_eq!(
            out,
            "**TỔ TRƯỞNG TỔ CÔNG TÁC**\n\n**QUYẾT ĐỊNH:**\n\n**Điều 1.** Ban hành kèm theo.\n\n**Điều 2.** Hiệu lực.\n"
        );
    }

    #[test]
    fn plan_sections_items_and_bullets() {
        let out = md(
            "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Đối với tiện ích Dịch vụ công\n\na) Với tài khoản.\n\n- Công an huyện chủ trì;\n- Các xã phối hợp.\n\n2. Sử dụng hạ tầng sẵn có của huyện để triển khai.\n",
            Mode::Plan,
        );
        assert_eq!(
            out,
            "## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Đối với tiện ích Dịch vụ công\n\na) Với tài khoản.\n\n- Công an huyện chủ trì;\n- Các xã phối hợp.\n\n2. Sử dụng hạ tầng sẵn có của huyện để triển khai.\n"
        );
    }

    #[test]
    fn merged_cells_keep_the_grid() {
        let cell = |s: &str, span: usize, merged_up: bool| Cell {
            lines: vec![Line::plain(s, Origin::Word)],
            span,
            merged_up,
        };
        let t = Table {
            rows: vec![
                vec![cell("STT", 1, false), cell("Nội dung", 2, false)],
                vec![
                    cell("1", 1, false),
                    cell("Cấp | CCCD", 1, false),
                    cell("Công an", 1, false),
                ],
                vec![
                    cell("", 1, true),
                    cell("VNeID", 1, false),
                    cell("Xã", 1, false),
                ],
            ],
        };
        let b = markdown(&[Block::Table(t)], Mode::Plan);
        assert_eq!(
            b.markdown,
            "| STT | Nội dung |  |\n| --- | --- | --- |\n| 1 | Cấp \\| CCCD | Công an |\n|  | VNeID | Xã |\n"
        );
        assert_eq!(b.stats.tables, 1);
        assert_eq!(b.notes.len(), 1);
    }
}
