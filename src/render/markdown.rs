//! Markdown → HTML for document and guide bodies (pulldown-cmark: tables, footnotes, anchors).
//!
//! Besides the HTML this returns what the later checks need: heading anchors, every link with its
//! offset, and raw-HTML problems. Raw HTML is checked against an allow-list (SPEC §9): anything
//! that could run script is an error at its line, and a body that had raw HTML is passed through
//! ammonia with the same allow-list as a second lock. Bodies without raw HTML need no sanitizer:
//! pulldown-cmark escapes text, and link schemes are checked here.

use crate::diag::Code;
use crate::text::slug::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeSet, VecDeque};
use std::sync::LazyLock;

/// Elements a clerk may write as raw HTML, with the attributes each may carry.
const ALLOWED: &[(&str, &[&str])] = &[
    ("table", &["title"]),
    ("thead", &[]),
    ("tbody", &[]),
    ("tfoot", &[]),
    ("tr", &[]),
    ("th", &["colspan", "rowspan", "scope", "title"]),
    ("td", &["colspan", "rowspan", "title"]),
    ("caption", &[]),
    ("colgroup", &["span"]),
    ("col", &["span"]),
    ("br", &[]),
    ("sup", &[]),
    ("sub", &[]),
    ("abbr", &["title"]),
    ("details", &["open"]),
    ("summary", &[]),
    ("b", &[]),
    ("i", &[]),
    ("u", &[]),
    ("s", &[]),
    ("strong", &[]),
    ("em", &[]),
    ("small", &[]),
    ("mark", &[]),
    ("kbd", &[]),
    ("code", &[]),
    ("pre", &[]),
    ("blockquote", &[]),
    ("p", &[]),
    ("div", &[]),
    ("span", &["title"]),
    ("ul", &[]),
    ("ol", &["start", "type"]),
    ("li", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("dd", &[]),
    ("hr", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("q", &[]),
    ("cite", &[]),
    ("figure", &[]),
    ("figcaption", &[]),
    ("center", &[]),
    ("a", &["href", "title"]),
    ("img", &["src", "alt", "title", "width", "height"]),
];

/// Problems kept per body; a hostile body with a million tags must not hold a million messages.
pub const MAX_PROBLEMS: usize = 50;

impl Rendered {
    fn push_text(&mut self, s: &str) {
        if self.text_letters <= TEXT_CHARS {
            self.text.push_str(s);
            // Counted only as far as the bound: a first paragraph may be long.
            let room = TEXT_CHARS + 1 - self.text_letters;
            self.text_letters += s.chars().filter(|c| !c.is_whitespace()).take(room).count();
        }
    }

    fn problem(&mut self, p: Problem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        } else {
            self.more_problems += 1;
        }
    }
}

/// A problem found while rendering, at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub code: crate::diag::Code,
    pub message: String,
    pub hint: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub offset: usize,
    pub image: bool,
}

#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub anchors: BTreeSet<String>,
    pub links: Vec<Link>,
    /// At most `MAX_PROBLEMS`; `more_problems` counts the rest.
    pub problems: Vec<Problem>,
    pub more_problems: usize,
    /// The start of the body's plain text, for the page's description: words until more than
    /// [`TEXT_CHARS`] letters are kept (a whole body here would double a big build's memory).
    pub text: String,
    text_letters: usize,
}

/// Letters of plain text kept in [`Rendered::text`]: more than a description shows
/// ([`super::DESCRIPTION_CHARS`]), so that cutting the kept text gives the description cutting
/// the whole text would.
pub const TEXT_CHARS: usize = 200;
const _: () = assert!(TEXT_CHARS > super::DESCRIPTION_CHARS);

/// The Markdown extensions bodies may use (the benchmark's bare loop uses the same).
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Whether a URL's scheme may be published (SPEC §8): http(s), mailto, tel, or a path.
pub fn scheme_problem(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    let colon = cleaned.find(':')?;
    let before = &cleaned[..colon];
    if before.contains(['/', '?', '#']) {
        return None;
    }
    match before {
        "http" | "https" | "mailto" | "tel" => None,
        s => Some(s.to_string()),
    }
}

/// Renders a body. `base_path` (`/` or `/prefix/`) is put in front of site-root links.
///
/// Events stream from the parser to the HTML writer; only a heading's events wait (its anchor
/// comes from its text). So memory stays proportional to the body, not to its number of events:
/// an 8 MiB body of `<` characters is 8 million events.
pub fn render(body: &str, base_path: &str) -> Rendered {
    let mut out = Rendered::default();
    let mut st = State::default();
    let mut html = String::with_capacity(body.len() * 3 / 2);
    {
        let mut parser = Parser::new_ext(body, OPTIONS).into_offset_iter();
        let mut ready: VecDeque<Event> = VecDeque::new();
        let events = std::iter::from_fn(|| {
            loop {
                if let Some(e) = ready.pop_front() {
                    return Some(e);
                }
                match parser.next() {
                    Some((event, range)) => {
                        st.handle(event, range, base_path, &mut out, &mut ready)
                    }
                    None => {
                        flush_block_html(&mut st.block_html, &mut st.block_html_text, &mut out);
                        return None;
                    }
                }
            }
        });
        pulldown_cmark::html::push_html(&mut html, events);
    }
    if st.had_raw_html {
        html = SANITIZER.clean(&html).to_string();
    }
    out.html = html;
    out
}

/// What `render` remembers between events.
#[derive(Default)]
struct State<'a> {
    /// Inside a heading: its level, its `{#id}`, and its events held until its text is known.
    heading: Option<(HeadingLevel, Option<CowStr<'a>>)>,
    heading_events: Vec<Event<'a>>,
    heading_text: String,
    had_raw_html: bool,
    used_ids: BTreeSet<String>,
    /// The next suffix to try for each base anchor: 40,000 headings `## Mục` must cost 40,000
    /// steps, not 40,000² (issue #13).
    next_suffix: std::collections::HashMap<String, usize>,
    in_image: usize,
    /// Raw HTML block lines not yet checked: (offset in `block_html_text`, offset in the body).
    block_html: Vec<(usize, usize)>,
    block_html_text: String,
}

impl<'a> State<'a> {
    /// `base`, or `base-2`, `base-3`... the first not taken. Each base remembers where its
    /// search stopped, so the suffixes of all headings together are tried once each.
    fn unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        if self.used_ids.contains(&id) {
            let n = self.next_suffix.entry(base.clone()).or_insert(2);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.used_ids.contains(&id) {
                    break;
                }
            }
        }
        self.used_ids.insert(id.clone());
        id
    }

    fn emit(&mut self, e: Event<'a>, ready: &mut VecDeque<Event<'a>>) {
        if self.heading.is_some() {
            self.heading_events.push(e);
        } else {
            ready.push_back(e);
        }
    }

    fn handle(
        &mut self,
        event: Event<'a>,
        range: std::ops::Range<usize>,
        base_path: &str,
        out: &mut Rendered,
        ready: &mut VecDeque<Event<'a>>,
    ) {
        if !matches!(event, Event::Html(_)) && !self.block_html.is_empty() {
            flush_block_html(&mut self.block_html, &mut self.block_html_text, out);
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some((level, id));
                self.heading_text.clear();
                self.heading_events.clear();
            }
            Event::End(TagEnd::Heading(level)) => self.end_heading(level, out, ready),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = link(&dest_url, range.start, false, base_path, out);
                let start = Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                self.emit(Event::Start(start), ready);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = link(&dest_url, range.start, true, base_path, out);
                self.in_image += 1;
                let start = Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                self.emit(Event::Start(start), ready);
            }
            Event::End(TagEnd::Image) => {
                self.in_image = self.in_image.saturating_sub(1);
                self.emit(Event::End(TagEnd::Image), ready);
            }
            Event::Start(Tag::Table(a)) => {
                self.emit(
                    Event::Html(
                        "<div class=\"bang\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng\">"
                            .into(),
                    ),
                    ready,
                );
                self.emit(Event::Start(Tag::Table(a)), ready);
            }
            Event::End(TagEnd::Table) => {
                self.emit(Event::End(TagEnd::Table), ready);
                self.emit(Event::Html("</div>\n".into()), ready);
            }
            Event::Html(h) => self.block_html_line(h, range.start, ready),
            Event::InlineHtml(h) => {
                self.had_raw_html = true;
                let start = range.start;
                check_html(&h, &|i| start + i, out);
                self.emit(Event::InlineHtml(h), ready);
            }
            other => self.handle_text(other, out, ready),
        }
    }

    /// The heading's events were held until its text was known: now it gets its unique id.
    fn end_heading(
        &mut self,
        level: HeadingLevel,
        out: &mut Rendered,
        ready: &mut VecDeque<Event<'a>>,
    ) {
        if let Some((_, id)) = self.heading.take() {
            let base = id
                .map(|s| slugify(&s))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| {
                    let s = slugify(&self.heading_text);
                    if s.is_empty() { "muc".to_string() } else { s }
                });
            let id = self.unique_id(base);
            // The tags written out, not formatted: a body has a heading every few paragraphs.
            let (tag, close) = match level {
                HeadingLevel::H1 => ("<h1", "</h1>\n"),
                HeadingLevel::H2 => ("<h2", "</h2>\n"),
                HeadingLevel::H3 => ("<h3", "</h3>\n"),
                HeadingLevel::H4 => ("<h4", "</h4>\n"),
                HeadingLevel::H5 => ("<h5", "</h5>\n"),
                HeadingLevel::H6 => ("<h6", "</h6>\n"),
            };
            let mut open = String::with_capacity(id.len() + 12);
            open.extend([tag, " id=\"", &id, "\">"]);
            out.anchors.insert(id);
            ready.push_back(Event::Html(open.into()));
            ready.extend(self.heading_events.drain(..));
            ready.push_back(Event::Html(close.into()));
        }
        out.push_text("\n");
    }

    /// A block comes line by line; a tag may span lines (`<b\nonclick=...>`), so the lines are
    /// checked together once the block ends.
    fn block_html_line(&mut self, h: CowStr<'a>, offset: usize, ready: &mut VecDeque<Event<'a>>) {
        self.had_raw_html = true;
        self.block_html.push((self.block_html_text.len(), offset));
        self.block_html_text.push_str(&h);
        self.emit(Event::InlineHtml(h), ready);
    }

    /// The events that carry text (for the search index and the headings' ids) and the
    /// footnotes' anchors; every other event passes through.
    fn handle_text(
        &mut self,
        event: Event<'a>,
        out: &mut Rendered,
        ready: &mut VecDeque<Event<'a>>,
    ) {
        match event {
            Event::Text(t) => {
                if self.heading.is_some() {
                    self.heading_text.push_str(&t);
                }
                if self.in_image == 0 {
                    out.push_text(&t);
                }
                self.emit(Event::Text(t), ready);
            }
            Event::Code(t) => {
                if self.heading.is_some() {
                    self.heading_text.push_str(&t);
                }
                out.push_text(&t);
                self.emit(Event::Code(t), ready);
            }
            Event::SoftBreak | Event::HardBreak => {
                out.push_text(" ");
                self.emit(event, ready);
            }
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => {
                out.push_text("\n");
                self.emit(event, ready);
            }
            Event::Start(Tag::FootnoteDefinition(ref name)) => {
                out.anchors.insert(name.to_string());
                self.emit(event, ready);
            }
            other => self.emit(other, ready),
        }
    }
}

/// A link's or image's target: checked, remembered for the link check, rewritten for the page.
fn link<'a>(
    dest_url: &CowStr<'a>,
    offset: usize,
    image: bool,
    base_path: &str,
    out: &mut Rendered,
) -> CowStr<'a> {
    let url = dest_url.to_string();
    check_url(&url, offset, image, out);
    let rewritten = rewrite(&url, base_path).into();
    out.links.push(Link { url, offset, image });
    rewritten
}

/// Checks the collected lines of one raw HTML block, mapping offsets back into the body.
fn flush_block_html(segments: &mut Vec<(usize, usize)>, text: &mut String, out: &mut Rendered) {
    if segments.is_empty() {
        return;
    }
    let map = |i: usize| {
        let seg = segments.partition_point(|(b, _)| *b <= i).saturating_sub(1);
        segments.get(seg).map_or(i, |(b, body)| body + (i - b))
    };
    check_html(text, &map, out);
    segments.clear();
    text.clear();
}

/// Decodes the character references a browser would decode in an attribute value before it
/// reads the URL scheme (`&#106;avascript&#58;`, `&colon;`, `&Tab;`), so that an encoded scheme
/// is checked like a plain one.
pub fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .map_or(rest.len(), |(j, _)| j);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            n.map(|n| char::from_u32(n).unwrap_or('\u{FFFD}'))
        } else {
            match name.to_ascii_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "amp" => Some('&'),
                "sol" => Some('/'),
                "period" => Some('.'),
                "lpar" => Some('('),
                "rpar" => Some(')'),
                _ => None,
            }
        };
        match decoded {
            Some(c) if end > 1 => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Site-root links get the base path, and links to attachments (`/tep/...`) their published,
/// folded path (SPEC §6); everything else stays as written.
fn rewrite(url: &str, base_path: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if rest.starts_with("tep/") => {
            let end = rest.find(['#', '?']).unwrap_or(rest.len());
            let file = super::links::percent_decode(&rest[..end]);
            let folded = crate::text::slug::attachment_path(&file);
            format!("{base_path}{folded}{}", &rest[end..])
        }
        Some(rest) if !rest.starts_with('/') => format!("{base_path}{rest}"),
        _ => url.to_string(),
    }
}

fn check_url(url: &str, offset: usize, image: bool, out: &mut Rendered) {
    if let Some(scheme) = scheme_problem(url) {
        out.problem(Problem {
            offset,
            code: Code::LienKetNguyHiem,
            message: format!("Liên kết dùng giao thức `{scheme}:` không được phép (chỉ http, https, mailto, tel)."),
            hint: "Xóa liên kết này; liên kết `javascript:`, `data:`, `vbscript:` có thể chạy mã trên trang.".into(),
        });
        return;
    }
    let lower = url.to_lowercase();
    if image
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("//"))
    {
        out.problem(Problem {
            offset,
            code: Code::AnhNgoai,
            message: "Ảnh lấy từ trang web khác: trang công bố không tải gì từ bên ngoài.".into(),
            hint: "Tải ảnh về, chép vào `tep/` và viết `![mô tả](/tep/ten-anh.jpg)`.".into(),
        });
    }
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    let mut tags: BTreeSet<&str> = ALLOWED.iter().map(|(t, _)| *t).collect();
    // What pulldown-cmark itself emits.
    tags.extend(["h1", "h5", "h6", "del", "input", "section"]);
    b.tags(tags.into_iter().collect())
        .generic_attributes(["id", "title", "lang"].into_iter().collect())
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .add_tag_attributes("div", ["class", "tabindex", "role", "aria-label"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("input", ["type", "checked", "disabled"]);
    for (tag, attrs) in ALLOWED {
        b.add_tag_attributes(tag, attrs.iter().copied());
    }
    b.attribute_filter(|_, attr, value| {
        if attr == "style" {
            matches!(
                value,
                "text-align: left" | "text-align: center" | "text-align: right"
            )
            .then(|| value.into())
        } else {
            Some(value.into())
        }
    });
    b
});

/// Checks raw HTML against `ALLOWED`; comments are fine (the opt-out marker is one).
fn check_html(html: &str, map: &dyn Fn(usize) -> usize, out: &mut Rendered) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let start = i + rel;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = match rest.find("-->") {
                Some(e) => start + e + 3,
                None => html.len(),
            };
            continue;
        }
        let mut j = start + 1;
        let closing = bytes.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_start = j;
        while j < bytes.len()
            && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-' || bytes[j] == b':')
        {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        if name.is_empty() {
            let next = start + 1;
            if rest.starts_with("<!") || rest.starts_with("<?") {
                out.problem(problem(
                    map(start),
                    Code::Html,
                    "Khai báo HTML đặc biệt (`<!...>` hoặc `<?...>`) không được dùng.",
                ));
            }
            i = next;
            continue;
        }
        let (attrs, end) = tag_attributes(html, j);
        let at = map(start);
        if closing {
            // The opening tag already told the clerk; `</script>` needs no second error.
            i = if end < html.len() {
                end + 1
            } else {
                html.len()
            };
            continue;
        }
        match ALLOWED.iter().find(|(t, _)| *t == name) {
            None => out.problem(problem(at, Code::Html, &format!(
                "Thẻ HTML `<{name}>` không được phép trong văn bản (có thể chạy mã hoặc tải nội dung lạ)."
            ))),
            Some((_, allowed_attrs)) => check_attributes(&name, allowed_attrs, attrs, at, out),
        }
        i = if end < html.len() {
            end + 1
        } else {
            html.len()
        };
    }
}

/// The attributes of the tag whose name ends at `from`, up to its closing `>` (honouring quotes),
/// and where that `>` is (`html.len()` when there is none).
fn tag_attributes(html: &str, from: usize) -> (Vec<&str>, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut k = from;
    let mut quote: Option<u8> = None;
    let mut attr_start = None;
    let mut end = html.len();
    while k < bytes.len() {
        let c = bytes[k];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => {
                end = k;
                break;
            }
            None if c.is_ascii_whitespace() || c == b'/' => {
                if let Some(s) = attr_start.take() {
                    attrs.push(&html[s..k]);
                }
            }
            None => {
                if attr_start.is_none() {
                    attr_start = Some(k);
                }
            }
        }
        k += 1;
    }
    if let Some(s) = attr_start {
        attrs.push(&html[s..end.min(html.len())]);
    }
    (attrs, end)
}

/// Checks the attributes of an allowed tag `<name>`; its links are kept for the link check.
fn check_attributes(
    name: &str,
    allowed_attrs: &[&str],
    attrs: Vec<&str>,
    at: usize,
    out: &mut Rendered,
) {
    for a in attrs {
        let (key, raw) = match a.split_once('=') {
            Some((k, v)) => (
                k.trim().to_ascii_lowercase(),
                v.trim().trim_matches(['"', '\'']),
            ),
            None => (a.trim().to_ascii_lowercase(), ""),
        };
        let decoded = decode_entities(raw);
        let value = decoded.as_str();
        if key.is_empty() {
            continue;
        }
        if !allowed_attrs.contains(&key.as_str()) {
            out.problem(problem(
                at,
                Code::Html,
                &format!("Thuộc tính `{key}` của thẻ `<{name}>` không được phép."),
            ));
        } else if (key == "href" || key == "src")
            && let Some(s) = scheme_problem(value)
        {
            out.problem(problem(
                at,
                Code::LienKetNguyHiem,
                &format!("Liên kết dùng giao thức `{s}:` không được phép."),
            ));
        } else if key == "href" || key == "src" {
            if key == "src" {
                // Same rule as a Markdown image: nothing is loaded from elsewhere.
                check_url(value, at, true, out);
            }
            out.links.push(Link {
                url: value.to_string(),
                offset: at,
                image: key == "src",
            });
        }
    }
}

fn problem(offset: usize, code: Code, message: &str) -> Problem {
    Problem {
        offset,
        code,
        message: message.to_string(),
        hint: "Xóa thẻ này. Chỉ dùng Markdown, hoặc các thẻ bảng, `<br>`, `<sup>`, `<sub>`, `<abbr>`, `<details>`.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_headings_get_numbered_anchors() {
        let r = render("## Mục\n\n## Mục\n\n## Mục 2\n\n## Mục\n", "/");
        for id in ["muc", "muc-2", "muc-2-2", "muc-3"] {
            assert!(r.anchors.contains(id), "{id}: {:?}", r.anchors);
        }
        // 40,000 identical headings: one suffix each, every one distinct.
        let many = "## Mục\n\n".repeat(40_000);
        let r = render(&many, "/");
        assert_eq!(r.anchors.len(), 40_000);
        assert!(r.anchors.contains("muc-40000"));
    }

    #[test]
    fn headings_get_ascii_anchors_and_tables_scroll() {
        let r = render("## Điều 1. Thành lập\n\n|a|b|\n|-|-|\n|1|2|\n", "/");
        assert!(
            r.html
                .contains("<h2 id=\"dieu-1-thanh-lap\">Điều 1. Thành lập</h2>"),
            "{}",
            r.html
        );
        assert!(r.anchors.contains("dieu-1-thanh-lap"));
        assert!(r.html.contains("<div class=\"bang\""));
    }

    #[test]
    fn script_and_event_handlers_are_problems_and_removed() {
        let r = render(
            "Xin chào <script>alert(1)</script>\n\n<b onclick=\"x()\">a</b>\n",
            "/",
        );
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("onclick"));
    }

    #[test]
    fn javascript_links_are_refused_and_autolinks_are_links() {
        let r = render(
            "[x](javascript:alert(1)) <http://www.dichvucong.gov.vn>",
            "/",
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.links.len(), 2);
        assert!(r.html.contains("href=\"http://www.dichvucong.gov.vn\""));
    }

    #[test]
    fn a_tag_spanning_lines_of_an_html_block_is_checked_whole() {
        let body = "Trước.\n\n<div\nonclick=\"x()\">a</div>\n";
        let r = render(body, "/");
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].offset, body.find("<div").unwrap());
        assert!(!r.html.contains("onclick"), "{}", r.html);
    }

    #[test]
    fn html_block_inside_a_quote_is_located_in_the_body() {
        let body = "> <div>\n> <iframe src=\"https://x.vn\"></iframe>\n";
        let r = render(body, "/");
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].offset, body.find("<iframe").unwrap());
        assert!(!r.html.contains("iframe"), "{}", r.html);
    }

    #[test]
    fn encoded_schemes_are_decoded_before_the_check() {
        assert_eq!(
            decode_entities("&#106;ava&#x73;cript&colon;x"),
            "javascript:x"
        );
        assert_eq!(decode_entities("a&amp;b&unknown;&"), "a&b&unknown;&");
        for body in [
            "<a href=\"&#106;avascript&#58;alert(1)\">x</a>",
            "<a href=\"java&Tab;script:alert(1)\">x</a>",
            "<img src=\"data&colon;image/svg+xml,x\">",
        ] {
            let r = render(body, "/");
            assert_eq!(r.problems.len(), 1, "{body}: {:?}", r.problems);
            assert_eq!(r.problems[0].code, "lien-ket-nguy-hiem", "{body}");
            assert!(!r.html.contains("script:"), "{}", r.html);
        }
    }

    #[test]
    fn site_root_links_get_the_base_path() {
        let r = render("[a](/van-ban/x/)", "/pre/");
        assert!(r.html.contains("href=\"/pre/van-ban/x/\""));
    }
}
