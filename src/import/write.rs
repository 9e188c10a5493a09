//! Writing a recognized document as a SPEC §3 file: front matter in the order a clerk reads a
//! document, then the Markdown body; the file's name from its type and number.
//!
//! Values equal to the site's defaults (`co_quan_ban_hanh`, `dia_danh`) are left out, and so is
//! whatever was not recognized: `check` then points at the missing key. Every value is written
//! double-quoted (YAML never reinterprets it), without invisible characters.

use super::body::{self, Stats};
use super::cite::Basis;
use super::layout::Recognized;
use crate::text::chars::{replace_suspicious, strip_invisible};
use crate::text::slug::slugify;
use serde::Serialize;

/// The site's defaults for a document (`_site.yaml`: `co_quan`, `dia_danh`).
#[derive(Debug, Clone, Default)]
pub struct SiteDefaults {
    pub issuer: Option<String>,
    pub place: Option<String>,
}

/// One document ready to be written.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Path relative to the site folder: `van-ban/2022/ke-hoach-02.md`.
    pub rel_path: String,
    pub text: String,
    pub summary: Summary,
    /// What a person must look at: line in `text` (1-based) and why.
    pub notes: Vec<(usize, String)>,
}

/// What was recognized, for the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub loai: Option<String>,
    pub so_hieu: Option<String>,
    pub ngay_ban_hanh: Option<String>,
    pub ban_nhap: bool,
    pub ban_hanh_kem_theo: Option<String>,
    pub nguoi_ky: Option<String>,
    pub chuc_vu: Vec<String>,
    pub can_cu: usize,
    pub noi_nhan: usize,
    pub chuong: usize,
    pub dieu: usize,
    pub muc: usize,
    pub bang: usize,
}

pub fn documents(found: Vec<Recognized>, defaults: &SiteDefaults, this_year: i32) -> Vec<Imported> {
    let main_kind = found.first().and_then(|d| d.kind);
    found
        .into_iter()
        .enumerate()
        .map(|(k, doc)| {
            document(
                doc,
                defaults,
                this_year,
                if k > 0 { main_kind } else { None },
            )
        })
        .collect()
}

/// Front matter being written, remembering the line of each key for the report.
struct Front {
    out: String,
    lines: usize,
    key_lines: Vec<(&'static str, usize)>,
}

impl Front {
    fn new() -> Front {
        Front {
            out: String::from("---\n"),
            lines: 1,
            key_lines: Vec::new(),
        }
    }

    fn raw(&mut self, key: &'static str, line: &str) {
        if !key.is_empty() {
            self.key_lines.push((key, self.lines + 1));
        }
        self.out.push_str(line);
        self.out.push('\n');
        self.lines += 1;
    }

    fn string(&mut self, key: &'static str, value: &str) {
        self.raw(key, &format!("{key}: {}", quote(value)));
    }

    fn list(&mut self, key: &'static str, values: &[String]) {
        if values.is_empty() {
            return;
        }
        self.raw(key, &format!("{key}:"));
        for v in values {
            self.raw("", &format!("  - {}", quote(v)));
        }
    }

    fn line_of(&self, key: &str) -> usize {
        self.key_lines
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(1, |(_, l)| *l)
    }
}

/// A value wholly wrapped in typographic quotes (`“...”`) loses them: `check` warns about such
/// values, and the quotes are not part of the name.
fn unquote(s: &str) -> &str {
    match s.strip_prefix('“').and_then(|r| r.strip_suffix('”')) {
        Some(inner) if !inner.contains(['“', '”']) => inner,
        _ => s,
    }
}

/// A YAML double-quoted scalar.
fn quote(s: &str) -> String {
    let clean = strip_invisible(s);
    let mut out = String::with_capacity(clean.len() + 2);
    out.push('"');
    for c in clean.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Notes about front-matter keys: the key (`---` for the file) and the message.
type KeyNotes = Vec<(&'static str, String)>;

fn document(
    doc: Recognized,
    defaults: &SiteDefaults,
    this_year: i32,
    parent_kind: Option<&str>,
) -> Imported {
    let number = doc.number.as_deref().map(replace_suspicious);
    let (f, notes_at) = front_matter(&doc, number.as_deref(), defaults);
    let front_lines = f.lines + 1;
    let mode = body::mode_for(doc.kind, &doc.body);
    let b = body::markdown(&doc.body, mode);
    let mut notes: Vec<(usize, String)> = notes_at
        .into_iter()
        .map(|(k, m)| (if k == "---" { 1 } else { f.line_of(k) }, m))
        .collect();
    for (line, m) in b.notes {
        notes.push((front_lines + 1 + line, m));
    }
    if doc.unplaced > 0 {
        let body_lines = b.markdown.lines().count();
        notes.push((
            front_lines + body_lines.max(1),
            format!("{} dòng cuối (gần Nơi nhận, chữ ký) không nhận ra được, để ở cuối nội dung: xem lại.", doc.unplaced),
        ));
    }
    notes.sort();
    let text = format!("{}\n{}", f.out, b.markdown);
    let year = doc
        .date
        .map(|d| chrono::Datelike::year(&d))
        .or(doc.year)
        .unwrap_or(this_year);
    let rel_path = format!(
        "van-ban/{year}/{}.md",
        file_stem(&doc, number.as_deref(), parent_kind)
    );
    Imported {
        rel_path,
        text,
        summary: summary(&doc, number, b.stats),
        notes,
    }
}

/// The front matter, in the order a clerk reads a document, and what to check about it.
fn front_matter(
    doc: &Recognized,
    number: Option<&str>,
    defaults: &SiteDefaults,
) -> (Front, KeyNotes) {
    let mut notes_at: KeyNotes = Vec::new();
    let mut f = Front::new();
    identity(doc, number, &mut f, &mut notes_at);
    match &doc.title {
        Some(t) => {
            f.string("trich_yeu", unquote(t));
            if t.chars().count() > 300 {
                notes_at.push((
                    "trich_yeu",
                    "Trích yếu dài bất thường: có thể đã lẫn câu đầu của nội dung; so với bản gốc."
                        .into(),
                ));
            }
        }
        None => notes_at.push(("---", "Không nhận ra trích yếu: thêm `trich_yeu`.".into())),
    }
    issuing_bodies(doc, defaults, &mut f, &mut notes_at);
    if let Some(p) = &doc.place
        && !same_name(p, defaults.place.as_deref().unwrap_or(""))
    {
        f.string("dia_danh", p);
    }
    f.list("kinh_gui", &doc.addressees);
    if doc.kind == Some("cong-van") && doc.addressees.is_empty() {
        notes_at.push((
            "---",
            "Công văn không thấy dòng \"Kính gửi\": thêm `kinh_gui` nếu bản gốc có.".into(),
        ));
    }
    if doc.body.is_empty() {
        notes_at.push((
            "---",
            "Không thấy nội dung sau phần đầu: so với bản gốc.".into(),
        ));
    }
    signer(doc, &mut f, &mut notes_at);
    bases(&doc.bases, &mut f);
    f.list("noi_nhan", &doc.recipients);
    if doc.draft {
        f.raw("ban_nhap", "ban_nhap: true");
        notes_at.push(("ban_nhap", "Số hoặc ngày để trống: nhập như dự thảo, không công bố. Khi văn bản đã ký, thêm `so_hieu`, `ngay_ban_hanh` và xóa `ban_nhap`.".into()));
    }
    f.out.push_str("---\n");
    (f, notes_at)
}

/// What identifies the document: its type, number and date, or the decision it is issued with.
fn identity(doc: &Recognized, number: Option<&str>, f: &mut Front, notes_at: &mut KeyNotes) {
    match doc.kind {
        Some(k) => f.raw("loai", &format!("loai: {k}")),
        None => notes_at.push((
            "---",
            match &doc.unknown_type {
                Some(t) => format!("Loại văn bản `{t}` không có trong danh mục: thêm `loai:` phù hợp (quyet-dinh, ke-hoach, cong-van, ...)."),
                None => "Không nhận ra loại văn bản (dòng tên loại như KẾ HOẠCH, QUYẾT ĐỊNH): thêm `loai:`.".into(),
            },
        )),
    }
    if let Some(n) = number {
        f.string("so_hieu", n);
    } else if !doc.draft && doc.issued_with.is_none() {
        notes_at.push(("---", "Không thấy dòng `Số:` có số: thêm `so_hieu` đúng như bản giấy, hoặc `ban_nhap: true` nếu chưa ký.".into()));
    }
    if let Some(d) = doc.date {
        f.raw(
            "ngay_ban_hanh",
            &format!("ngay_ban_hanh: {}", d.format("%Y-%m-%d")),
        );
    } else if let Some(why) = &doc.impossible_date {
        notes_at.push((
            "---",
            format!("Dòng ngày tháng: {why}; thêm `ngay_ban_hanh` đúng như bản giấy."),
        ));
    } else if !doc.draft && doc.issued_with.is_none() {
        notes_at.push((
            "---",
            "Không thấy dòng địa danh, ngày tháng: thêm `ngay_ban_hanh`.".into(),
        ));
    }
    if let Some(w) = &doc.issued_with {
        f.string("ban_hanh_kem_theo", w);
        if let Some(note) = &doc.issued_with_note {
            notes_at.push(("ban_hanh_kem_theo", note.clone()));
        }
        if let Some(printed) = &doc.issued_with_printed {
            notes_at.push(("ban_hanh_kem_theo", format!("Dòng \"Kèm theo\" ghi số `{printed}`, khác số của quyết định trong cùng tệp: kiểm tra.")));
        }
    }
}

fn summary(doc: &Recognized, number: Option<String>, stats: Stats) -> Summary {
    Summary {
        loai: doc.kind.map(str::to_string),
        so_hieu: number,
        ngay_ban_hanh: doc.date.map(|d| d.format("%Y-%m-%d").to_string()),
        ban_nhap: doc.draft,
        ban_hanh_kem_theo: doc.issued_with.clone(),
        nguoi_ky: doc.signer.as_ref().and_then(|s| s.name.clone()),
        chuc_vu: doc
            .signer
            .as_ref()
            .map(|s| s.authority.iter().chain(s.titles.iter()).cloned().collect())
            .unwrap_or_default(),
        can_cu: doc.bases.len(),
        noi_nhan: doc.recipients.len(),
        chuong: stats.chapters,
        dieu: stats.articles,
        muc: stats.sections,
        bang: stats.tables,
    }
}

/// `ke-hoach-02`, `du-thao-ke-hoach-trien-khai-nam-2025`, `quy-che-kem-theo-quyet-dinh-01`.
fn file_stem(doc: &Recognized, number: Option<&str>, parent_kind: Option<&str>) -> String {
    let kind = doc.kind.unwrap_or("van-ban");
    let digits = |n: &str| slugify(n.split('/').next().unwrap_or(n));
    let title_words = || {
        let s = slugify(doc.title.as_deref().unwrap_or(""));
        s.split('-').take(6).collect::<Vec<_>>().join("-")
    };
    let stem = if let Some(w) = &doc.issued_with {
        format!(
            "{kind}-kem-theo-{}-{}",
            parent_kind.unwrap_or("van-ban"),
            digits(w)
        )
    } else if let Some(n) = number {
        format!("{kind}-{}", digits(n))
    } else {
        let t = title_words();
        if t.is_empty() {
            kind.to_string()
        } else {
            format!("{kind}-{t}")
        }
    };
    if doc.draft && !stem.starts_with("du-thao") {
        format!("du-thao-{stem}")
    } else {
        stem
    }
}

/// Two names of one body compare equal: case, spacing and `UBND`/`Ủy ban nhân dân` aside.
pub fn same_name(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> String {
        let l = s.to_lowercase().replace("uỷ", "ủy").replace("hoà", "hòa");
        let l = l
            .replace("ủy ban nhân dân", "ubnd")
            .replace("hội đồng nhân dân", "hđnd");
        l.split_whitespace().collect::<Vec<_>>().join(" ")
    }
    !a.trim().is_empty() && norm(a) == norm(b)
}

fn issuing_bodies(
    doc: &Recognized,
    defaults: &SiteDefaults,
    f: &mut Front,
    notes: &mut Vec<(&'static str, String)>,
) {
    let site = defaults.issuer.as_deref().unwrap_or("");
    match &doc.issuer {
        None if doc.issued_with.is_none() => notes.push((
            "---",
            "Không thấy tên cơ quan ban hành ở đầu văn bản: dùng cơ quan mặc định của đơn vị (`co_quan` trong _site.yaml); nếu khác, thêm `co_quan_ban_hanh`.".into(),
        )),
        None => {}
        Some(i) if same_name(i, site) => {}
        Some(i) => {
            f.string("co_quan_ban_hanh", &sentence_case(i));
            notes.push(("co_quan_ban_hanh", format!("Tên cơ quan chép từ chữ in hoa `{i}`: kiểm tra cách viết hoa.")));
        }
    }
    if let Some(p) = &doc.parent {
        f.string("co_quan_chu_quan", &sentence_case(p));
    }
}

/// `UBND HUYỆN NAM ĐÔNG` → `UBND huyện Nam Đông`; `TỔ CÔNG TÁC ĐỀ ÁN 06` → `Tổ công tác Đề án
/// 06`: lowercase, the first word and the place name after a unit word capitalized,
/// abbreviations kept.
pub fn sentence_case(caps: &str) -> String {
    const ABBREVIATIONS: &[&str] = &[
        "UBND", "HĐND", "MTTQ", "BCĐ", "BCH", "BHXH", "TP", "TX", "TT", "VN", "CA",
    ];
    const UNITS: &[&str] = &[
        "huyện",
        "xã",
        "tỉnh",
        "phường",
        "trấn",
        "phố",
        "quận",
        "thị",
        "khu",
    ];
    if !crate::import::words::is_all_caps(caps) {
        return caps.to_string();
    }
    let words: Vec<&str> = caps.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut place = false;
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let word = if ABBREVIATIONS.contains(w) || w.chars().any(|c| c.is_ascii_digit()) {
            w.to_string()
        } else if i == 0 || place || (lower == "đề" && words.get(i + 1).is_some_and(|n| *n == "ÁN"))
        {
            capitalize(&lower)
        } else {
            lower.clone()
        };
        if UNITS.contains(&lower.as_str())
            && !(lower == "thị"
                && words
                    .get(i + 1)
                    .is_some_and(|n| n.to_lowercase() == "trấn" || n.to_lowercase() == "xã"))
        {
            place = true;
        }
        out.push(word);
    }
    out.join(" ")
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

fn signer(doc: &Recognized, f: &mut Front, notes: &mut Vec<(&'static str, String)>) {
    let Some(s) = &doc.signer else {
        let note = if doc.draft {
            "Dự thảo chưa có tên người ký (chức vụ để ở cuối nội dung): thêm `nguoi_ky` khi văn bản được ký."
        } else {
            "Không nhận ra khối chữ ký: thêm `nguoi_ky` (ho_ten, chuc_vu) nếu văn bản có người ký."
        };
        if doc.issued_with.is_none() {
            notes.push(("---", note.into()));
        }
        return;
    };
    f.raw("nguoi_ky", "nguoi_ky:");
    if let Some(n) = &s.name {
        f.raw("", &format!("  ho_ten: {}", quote(n)));
    } else {
        notes.push((
            "nguoi_ky",
            "Không thấy họ tên người ký dưới chức vụ: thêm `ho_ten`.".into(),
        ));
    }
    if let Some(a) = &s.authority {
        f.raw("", &format!("  tham_quyen: {}", quote(a)));
    }
    match s.titles.as_slice() {
        [] => notes.push((
            "nguoi_ky",
            "Không thấy chức vụ người ký: thêm `chuc_vu`.".into(),
        )),
        [one] => f.raw("", &format!("  chuc_vu: {}", quote(one))),
        many => {
            let list: Vec<String> = many.iter().map(|t| quote(t)).collect();
            f.raw("", &format!("  chuc_vu: [{}]", list.join(", ")));
        }
    }
}

fn bases(bases: &[Basis], f: &mut Front) {
    if bases.is_empty() {
        return;
    }
    f.raw("can_cu", "can_cu:");
    for b in bases {
        let mut first = true;
        let mut item = |f: &mut Front, k: &str, v: String| {
            let lead = if first { "  - " } else { "    " };
            first = false;
            f.raw("", &format!("{lead}{k}: {v}"));
        };
        if let Some(n) = &b.number {
            item(f, "so_hieu", quote(n));
        }
        if let Some(d) = b.date {
            item(f, "ngay", d.format("%Y-%m-%d").to_string());
        }
        if let Some(t) = &b.title {
            item(f, "trich_yeu", quote(t));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_in_sentence_case() {
        assert_eq!(sentence_case("UBND HUYỆN NAM ĐÔNG"), "UBND huyện Nam Đông");
        assert_eq!(
            sentence_case("TỔ CÔNG TÁC ĐỀ ÁN 06"),
            "Tổ công tác Đề án 06"
        );
        assert_eq!(
            sentence_case("ỦY BAN NHÂN DÂN THỊ TRẤN KHE TRE"),
            "Ủy ban nhân dân thị trấn Khe Tre"
        );
        assert!(same_name(
            "ỦY BAN NHÂN DÂN HUYỆN NAM ĐÔNG",
            "UBND huyện Nam Đông"
        ));
        assert!(!same_name("TỔ CÔNG TÁC ĐỀ ÁN 06", "UBND huyện Nam Đông"));
    }

    #[test]
    fn values_are_quoted_without_invisible_characters() {
        assert_eq!(
            quote("Về \"việc\"\u{200b} a\\b"),
            "\"Về \\\"việc\\\" a\\\\b\""
        );
    }
}
