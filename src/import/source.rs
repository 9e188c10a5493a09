//! What a source file is once read: lines of styled text and tables, the same for a Word file and
//! for copied text, so that the Decree 30 layout is recognized by one piece of code.
//!
//! A line keeps the reader's bold and italic (Word) and whether it may be the wrapped
//! continuation of the line before it (text copied from a PDF). This module must never drop or
//! reorder a word: it only collapses spacing and writes Markdown emphasis around styled words.

/// Bold/italic of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
}

/// A piece of text with one style, as a Word run is.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub text: String,
    pub style: Style,
}

/// Where a line comes from decides how its characters are escaped in Markdown: text copied from
/// a PDF or a Markdown-aware editor may already carry `*emphasis*`, a Word file never does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    #[default]
    Word,
    Text,
}

/// One paragraph of Word, or one line of copied text.
#[derive(Debug, Clone, Default)]
pub struct Line {
    chars: Vec<(char, Style)>,
    /// The plain text, spacing collapsed and trimmed.
    pub text: String,
    /// An empty line or empty paragraph came before this one.
    pub gap_before: bool,
    /// Copied text: this line may continue the line before it (a line broken by copying).
    pub joinable: bool,
    pub origin: Origin,
}

impl Line {
    pub fn new(runs: &[Run], origin: Origin) -> Line {
        let mut chars: Vec<(char, Style)> = Vec::new();
        for run in runs {
            for c in run.text.chars() {
                let c = match c {
                    '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{3000}' => ' ',
                    c if c.is_control() => continue,
                    c => c,
                };
                if c == ' ' {
                    // A space takes the style of what comes before, so `**a** **b**` stays one
                    // bold stretch; a leading space is dropped.
                    match chars.last() {
                        Some((' ', _)) | None => {}
                        Some(&(_, s)) => chars.push((' ', s)),
                    }
                } else {
                    chars.push((c, run.style));
                }
            }
        }
        while chars.last().is_some_and(|(c, _)| *c == ' ') {
            chars.pop();
        }
        let text = chars.iter().map(|(c, _)| *c).collect();
        Line {
            chars,
            text,
            gap_before: false,
            joinable: origin == Origin::Text,
            origin,
        }
    }

    pub fn plain(text: &str, origin: Origin) -> Line {
        Line::new(
            &[Run {
                text: text.to_string(),
                style: Style::default(),
            }],
            origin,
        )
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Characters of the text (for cutting a recognized prefix by character count).
    pub fn char_len(&self) -> usize {
        self.chars.len()
    }

    /// True when every letter is bold (a heading or a bold trích yếu in Word).
    pub fn all_bold(&self) -> bool {
        let mut letters = self.chars.iter().filter(|(c, _)| c.is_alphanumeric());
        let mut any = false;
        let all = letters.all(|(_, s)| {
            any = true;
            s.bold
        });
        any && all
    }

    /// This line followed by `next`, separated by one space (joining a line broken by copying).
    pub fn joined(&self, next: &Line) -> Line {
        let mut out = self.clone();
        if !out.chars.is_empty() && !next.chars.is_empty() {
            let style = out.chars.last().map(|(_, s)| *s).unwrap_or_default();
            out.chars.push((' ', style));
        }
        out.chars.extend(next.chars.iter().copied());
        out.text = out.chars.iter().map(|(c, _)| *c).collect();
        out
    }

    /// The text from character `from` on, as inline Markdown: emphasis kept, characters that
    /// Markdown would read as markup escaped.
    pub fn markdown_from(&self, from: usize) -> String {
        let mut chars = self.chars.get(from..).unwrap_or(&[]);
        while let Some(((' ', _), rest)) = chars.split_first() {
            chars = rest;
        }
        let mut out = String::with_capacity(chars.len() + 8);
        let mut i = 0;
        while i < chars.len() {
            let style = chars[i].1;
            let mut j = i;
            while j < chars.len() && chars[j].1 == style {
                j += 1;
            }
            let piece: String = chars[i..j].iter().map(|(c, _)| *c).collect();
            self.push_styled(&mut out, &piece, style);
            i = j;
        }
        out
    }

    pub fn markdown(&self) -> String {
        self.markdown_from(0)
    }

    fn push_styled(&self, out: &mut String, piece: &str, style: Style) {
        let marker = match (style.bold, style.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let core = piece.trim();
        if marker.is_empty() || core.is_empty() || !core.chars().any(char::is_alphanumeric) {
            escape_into(out, piece, self.origin);
            return;
        }
        if piece.starts_with(' ') {
            out.push(' ');
        }
        out.push_str(marker);
        escape_into(out, core, self.origin);
        out.push_str(marker);
        if piece.ends_with(' ') {
            out.push(' ');
        }
    }
}

/// Escapes what Markdown would take for markup. Copied text keeps `*` and `_` (a copy from a
/// Markdown-aware editor writes emphasis that way); raw HTML never passes.
fn escape_into(out: &mut String, s: &str, origin: Origin) {
    for c in s.chars() {
        let escape = match c {
            '\\' | '<' | '`' | '[' | ']' => true,
            '*' | '_' => origin == Origin::Word,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A Word table: rows of cells, each cell its paragraphs.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub lines: Vec<Line>,
    /// Columns this cell spans (`w:gridSpan`).
    pub span: usize,
    /// The cell continues the merged cell above it (`w:vMerge` without `restart`).
    pub merged_up: bool,
}

impl Table {
    pub fn text(&self) -> String {
        let mut s = String::new();
        for cell in self.rows.iter().flatten() {
            for line in &cell.lines {
                s.push_str(&line.text);
                s.push('\n');
            }
        }
        s
    }

    pub fn has_merged_cells(&self) -> bool {
        self.rows
            .iter()
            .flatten()
            .any(|c| c.span > 1 || c.merged_up)
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Line(Line),
    Table(Table),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, bold: bool) -> Run {
        Run {
            text: text.into(),
            style: Style {
                bold,
                italic: false,
            },
        }
    }

    #[test]
    fn split_bold_runs_become_one_bold_word() {
        let l = Line::new(
            &[
                run("Số: ", false),
                run("14", true),
                run("33", true),
                run("/UBND-TTHC", false),
            ],
            Origin::Word,
        );
        assert_eq!(l.text, "Số: 1433/UBND-TTHC");
        assert_eq!(l.markdown(), "Số: **1433**/UBND-TTHC");
    }

    #[test]
    fn spaces_collapse_and_stay_outside_markers() {
        let l = Line::new(
            &[run("  Điều 1.  ", true), run("\tBan  hành", false)],
            Origin::Word,
        );
        assert_eq!(l.text, "Điều 1. Ban hành");
        assert_eq!(l.markdown(), "**Điều 1.** Ban hành");
        assert_eq!(l.markdown_from(8), "Ban hành");
    }

    #[test]
    fn markup_in_word_text_is_escaped() {
        let l = Line::plain("a*b <script> [x]", Origin::Word);
        assert_eq!(l.markdown(), "a\\*b \\<script> \\[x\\]");
        let t = Line::plain("(*Nghĩa là*) <b>", Origin::Text);
        assert_eq!(t.markdown(), "(*Nghĩa là*) \\<b>");
    }
}
