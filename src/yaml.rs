//! A located YAML tree for front matter, `_site.yaml`, `niemyet.yaml` and the QR ledger.
//!
//! We read YAML ourselves from granit-parser's events (the parser under serde-saphyr) instead of
//! deserializing straight into structs, because a clerk needs *every* problem of a file with the
//! exact line of each key, and because scalars must be read as written: `0912000101` keeps its
//! zero, `yes` is not a boolean. Anchors and aliases are refused (no alias bombs), nesting is
//! bounded, so no input can make this module hang or exhaust memory.

use crate::diag::Pos;
use granit_parser::{Event, Parser, ScalarStyle};

/// Deeper than any real front matter; bounds recursion on hostile input.
const MAX_DEPTH: usize = 32;
/// More nodes than any real `_site.yaml` of a province holds.
const MAX_NODES: usize = 200_000;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar exactly as written (after YAML escapes); `plain` is false when quoted or a block.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

impl Node {
    /// `~`, `null` or nothing at all.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true }
            if text.is_empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Vietnamese name of the node's kind, for "expected X, found Y" messages.
    pub fn kind_name(&self) -> &'static str {
        if self.is_null() {
            return "giá trị rỗng";
        }
        match &self.value {
            Value::Scalar { .. } => "một giá trị đơn",
            Value::Seq(_) => "một danh sách",
            Value::Map(_) => "một bảng khóa–giá trị",
        }
    }
}

/// A YAML syntax problem, located in the parsed text.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
    pub hint: String,
}

/// Parse one YAML document. `line_offset` is added to every line (front matter starts on line 2
/// of its file). Empty input gives a null node.
pub fn parse(text: &str, line_offset: usize) -> Result<Node, YamlError> {
    if let Some(e) = tab_indent(text, line_offset) {
        return Err(e);
    }
    let mut parser = Parser::new_from_str(text);
    let mut builder = Builder {
        line_offset,
        nodes: 0,
    };
    let mut root: Option<Node> = None;
    let mut documents = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| builder.scan_error(&e))?;
        match event {
            Event::StreamStart | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError {
                        pos: builder.pos(span.start.line(), span.start.col()),
                        message: "Có nhiều hơn một khối YAML (dấu `---` thừa).".into(),
                        hint: "Mỗi tệp chỉ có một khối YAML; xóa dòng `---` thừa.".into(),
                    });
                }
            }
            other => {
                let node = builder.node(other, span, &mut parser, 0)?;
                root = Some(node);
            }
        }
    }
    Ok(root.unwrap_or(Node {
        value: Value::Scalar {
            text: String::new(),
            plain: true,
        },
        pos: Pos::new(1 + line_offset, 1),
    }))
}

struct Builder {
    line_offset: usize,
    nodes: usize,
}

impl Builder {
    fn pos(&self, line: usize, col: usize) -> Pos {
        Pos::new(line + self.line_offset, col + 1)
    }

    fn scan_error(&self, e: &granit_parser::ScanError) -> YamlError {
        let m = e.marker();
        let (reason, hint) = translate(&e.info());
        YamlError {
            pos: self.pos(m.line(), m.col()),
            message: format!("YAML sai cú pháp: {reason} ({}).", e.info()),
            hint: hint.into(),
        }
    }

    fn node<'a>(
        &mut self,
        event: Event<'a>,
        span: granit_parser::Span,
        parser: &mut Parser<'a, granit_parser::StrInput<'a>>,
        depth: usize,
    ) -> Result<Node, YamlError> {
        let pos = self.pos(span.start.line(), span.start.col());
        self.nodes += 1;
        if depth > MAX_DEPTH || self.nodes > MAX_NODES {
            return Err(YamlError {
                pos,
                message: format!(
                    "YAML lồng quá sâu hoặc quá lớn (tối đa {MAX_DEPTH} cấp, {MAX_NODES} phần tử)."
                ),
                hint: "Dữ liệu của một văn bản hoặc đơn vị không cần nhiều cấp như vậy; \
                       kiểm tra lại tệp."
                    .into(),
            });
        }
        match event {
            Event::Scalar(text, style, anchor, _tag) => {
                if anchor != 0 {
                    return Err(refuse_anchor(pos));
                }
                Ok(Node {
                    value: Value::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    pos,
                })
            }
            Event::SequenceStart(_, anchor, _) => {
                if anchor != 0 {
                    return Err(refuse_anchor(pos));
                }
                self.sequence(parser, pos, depth)
            }
            Event::MappingStart(_, anchor, _) => {
                if anchor != 0 {
                    return Err(refuse_anchor(pos));
                }
                self.mapping(parser, pos, depth)
            }
            Event::Alias(_) | Event::Anchor(..) | Event::UnresolvedAlias(_) => {
                Err(refuse_anchor(pos))
            }
            _ => Err(YamlError {
                pos,
                message: "YAML có cấu trúc không đọc được.".into(),
                hint: "Kiểm tra thụt lề của khối này.".into(),
            }),
        }
    }

    /// The items of a sequence, up to its end.
    fn sequence<'a>(
        &mut self,
        parser: &mut Parser<'a, granit_parser::StrInput<'a>>,
        pos: Pos,
        depth: usize,
    ) -> Result<Node, YamlError> {
        let mut items = Vec::new();
        loop {
            let (ev, sp) = self.next(parser, pos)?;
            if matches!(ev, Event::SequenceEnd) {
                break;
            }
            items.push(self.node(ev, sp, parser, depth + 1)?);
        }
        Ok(Node {
            value: Value::Seq(items),
            pos,
        })
    }

    /// The (key, value) entries of a mapping, up to its end, in the order written.
    fn mapping<'a>(
        &mut self,
        parser: &mut Parser<'a, granit_parser::StrInput<'a>>,
        pos: Pos,
        depth: usize,
    ) -> Result<Node, YamlError> {
        let mut entries = Vec::new();
        loop {
            let (ev, sp) = self.next(parser, pos)?;
            if matches!(ev, Event::MappingEnd) {
                break;
            }
            let key = self.node(ev, sp, parser, depth + 1)?;
            let (ev, sp) = self.next(parser, pos)?;
            let value = self.node(ev, sp, parser, depth + 1)?;
            entries.push((key, value));
        }
        Ok(Node {
            value: Value::Map(entries),
            pos,
        })
    }

    fn next<'a>(
        &mut self,
        parser: &mut Parser<'a, granit_parser::StrInput<'a>>,
        pos: Pos,
    ) -> Result<(Event<'a>, granit_parser::Span), YamlError> {
        match parser.next_event() {
            Some(Ok(x)) => Ok(x),
            Some(Err(e)) => Err(self.scan_error(&e)),
            None => Err(YamlError {
                pos,
                message: "YAML kết thúc giữa chừng.".into(),
                hint: "Kiểm tra ngoặc `[` `{` và dấu nháy đã đóng đủ chưa.".into(),
            }),
        }
    }
}

/// The parser's messages are English; keep the detail but lead with a Vietnamese reading of the
/// common cases a clerk meets.
fn translate(info: &str) -> (&'static str, &'static str) {
    let lower = info.to_lowercase();
    if lower.contains("tab") {
        (
            "có ký tự Tab",
            "Thụt lề bằng dấu cách, không dùng phím Tab.",
        )
    } else if lower.contains("trailing content after") && lower.contains("quoted") {
        (
            "có chữ sau dấu nháy đóng — có lẽ giá trị chứa dấu ngoặc kép `\"` ở bên trong",
            "Bọc giá trị bằng dấu nháy đơn: `trich_yeu: 'Về việc \"A\" và B'`, \
             hoặc dùng ngoặc kép kiểu chữ “ ” bên trong.",
        )
    } else if lower.contains("quoted scalar")
        || lower.contains("unclosed")
        || lower.contains("end of stream")
    {
        (
            "dấu nháy hoặc ngoặc chưa đóng",
            "Kiểm tra mỗi dấu `\"`, `'`, `[` và `{` đều có dấu đóng trên cùng dòng.",
        )
    } else if lower.contains("mapping values are not allowed") {
        (
            "có dấu `:` giữa giá trị",
            "Giá trị có dấu hai chấm phải đặt trong ngoặc kép: `trich_yeu: \"Về việc: ...\"`.",
        )
    } else if lower.contains("simple key expected") || lower.contains("could not find expected ':'")
    {
        (
            "thiếu dấu `:` sau tên khóa",
            "Viết `tên_khóa: giá trị`, có dấu hai chấm và một dấu cách.",
        )
    } else if lower.contains("did not find expected key")
        || lower.contains("block mapping")
        || lower.contains("indent")
    {
        (
            "thụt lề không đều",
            "Các khóa cùng cấp phải thẳng cột; mục con thụt vào 2 dấu cách, mỗi mục danh sách bắt đầu bằng `- `.",
        )
    } else {
        (
            "cấu trúc không hợp lệ",
            "Kiểm tra dấu hai chấm sau tên khóa, thụt lề bằng dấu cách và đặt giá trị có dấu `:`, `#`, `[` hoặc `{` trong ngoặc kép.",
        )
    }
}

/// A Tab in a line's indentation, located exactly: the parser reports it at the end of the
/// previous value, which points a clerk at the wrong line.
fn tab_indent(text: &str, line_offset: usize) -> Option<YamlError> {
    for (i, line) in text.split('\n').enumerate() {
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        if let Some(col) = indent.chars().position(|c| c == '\t')
            && !line.trim().is_empty()
            && !line.trim_start().starts_with('#')
        {
            return Some(YamlError {
                pos: Pos::new(i + 1 + line_offset, col + 1),
                message: "YAML sai cú pháp: dòng được thụt lề bằng ký tự Tab.".into(),
                hint: "Thụt lề bằng dấu cách, không dùng phím Tab (trình soạn thảo thường có lệnh \
                       \"Tab thành dấu cách\")."
                    .into(),
            });
        }
    }
    None
}

/// Anchors and aliases are refused (no alias bombs, see the module doc).
fn refuse_anchor(pos: Pos) -> YamlError {
    YamlError {
        pos,
        message: "Không dùng anchor (`&tên`) hoặc alias (`*tên`) của YAML.".into(),
        hint: "Viết đầy đủ giá trị ở từng chỗ cần dùng.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(n: &Node) -> &[(Node, Node)] {
        match &n.value {
            Value::Map(m) => m,
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn scalars_keep_their_text_and_positions() {
        let n = parse("a: 0912000101\nb: 'yes'\nc: đồng\n", 1).unwrap();
        let m = map(&n);
        assert_eq!(m[0].1.as_str(), Some("0912000101"));
        assert_eq!(m[0].0.pos, Pos::new(2, 1));
        assert_eq!(m[0].1.pos, Pos::new(2, 4));
        assert_eq!(m[2].1.pos, Pos::new(4, 4));
    }

    #[test]
    fn tab_indentation_points_at_the_tab() {
        let e = parse("loai: x\n\tso_hieu: y\n", 1).unwrap_err();
        assert_eq!(e.pos, Pos::new(3, 1));
        assert!(e.hint.contains("dấu cách"));
    }

    #[test]
    fn inner_double_quote_gets_its_own_hint() {
        let e = parse("trich_yeu: \"Về việc \"A\" tra\"\n", 1).unwrap_err();
        assert!(e.message.contains("dấu ngoặc kép"), "{e:?}");
        assert!(e.hint.contains("nháy đơn"));
    }

    #[test]
    fn aliases_are_refused() {
        let e = parse("a: &x [1, 2]\nb: *x\n", 0).unwrap_err();
        assert!(e.message.contains("anchor"));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse(&deep, 0).is_err());
    }

    #[test]
    fn syntax_errors_are_located() {
        let e = parse("a: 1\n b: [\n", 1).unwrap_err();
        assert!(e.pos.line >= 2, "{e:?}");
    }
}
