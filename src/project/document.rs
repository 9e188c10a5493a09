//! Documents (`van-ban/**/*.md`, SPEC §3): front matter read into typed fields.
//!
//! Only the form is checked here (keys, types, dates that exist). Rules that compare a document
//! with its site or with other documents (number shape, duplicates, links) live in `validate`.

use super::fields::{Fields, Located};
use super::front_matter::FrontMatter;
use super::keys;
use crate::diag::{Code, Diagnostic, Pos, SourceFile};
use crate::text::date::parse_date;
use crate::text::number::{DocNumber, NumberProblem, parse_so_hieu};
use crate::words::{DocKind, Word};
use crate::yaml::{Node, Value};
use chrono::NaiveDate;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Signer {
    pub name: String,
    /// Title lines, e.g. `["TỔ TRƯỞNG", "CHỦ TỊCH UBND XÃ"]`.
    pub titles: Vec<String>,
    /// `KT. CHỦ TỊCH`, `TM. ỦY BAN NHÂN DÂN`, ...
    pub authority: Option<String>,
}

/// A cited document: by number (with optional year and body to narrow it) or by name only.
#[derive(Debug, Clone)]
pub struct Reference {
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub issuer: Option<String>,
    pub title: Option<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub file: Arc<SourceFile>,
    /// Path relative to the site folder, e.g. `van-ban/2022/ke-hoach-02.md`.
    pub rel_path: String,
    /// File name without `.md`.
    pub stem: String,
    /// `loai`; an unknown type is reported when read and leaves `None`.
    pub kind: Option<Located<DocKind>>,
    /// `so_hieu` as written.
    pub number: Option<Located<String>>,
    /// `so_hieu` parsed once when read (Decree 30 shape); `validate` reports the problem.
    /// Boxed: a hundred bytes that a province's hundred thousand documents would carry inline.
    pub parsed_number: Option<Box<Result<DocNumber, NumberProblem>>>,
    pub date: Option<Located<NaiveDate>>,
    pub issued_with: Option<Located<String>>,
    pub title: Option<Located<String>>,
    pub issuer: Option<String>,
    pub parent_body: Option<String>,
    pub place: Option<String>,
    pub addressees: Vec<String>,
    pub signer: Option<Signer>,
    pub bases: Vec<Reference>,
    pub related: Vec<Reference>,
    pub replaces: Vec<Located<String>>,
    pub amends: Vec<Located<String>>,
    pub valid_from: Option<Located<NaiveDate>>,
    pub valid_to: Option<Located<NaiveDate>>,
    pub recipients: Vec<String>,
    pub attachments: Vec<Located<String>>,
    pub unit: Option<Located<String>>,
    pub topics: Vec<String>,
    pub slug_override: Option<Located<String>>,
    pub draft: bool,
    /// Byte offset in `file.text` where the Markdown body starts (the body is not copied:
    /// a big project holds each text once).
    pub body_start: usize,
    pub body_line: usize,
    /// Position of the opening `---`, where whole-document problems point.
    pub open_pos: Pos,
    /// Where the file was read from (`None` for a text that never was a file), so that a build
    /// can drop the body once checked and read it again for its page ([`Document::release_body`]).
    pub origin: Option<Origin>,
    /// Set when the body was dropped: a hash of the whole text as it was checked.
    pub released: Option<u64>,
    /// A released text kept in memory for the page after all (see [`Document::release_body`]).
    pub kept: Kept,
}

/// The checked text of a released document, held for its page when the build can afford it:
/// the page takes it ([`Document::take_source`]), so it leaves memory as soon as the page is
/// made; anyone else ([`Document::source`]) shares it.
#[derive(Default)]
pub struct Kept(std::sync::Mutex<Option<Arc<SourceFile>>>);

impl Kept {
    fn new(file: Arc<SourceFile>) -> Kept {
        Kept(std::sync::Mutex::new(Some(file)))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Arc<SourceFile>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The text, left for later (`take`) or taken out of memory.
    fn get(&self, take: bool) -> Option<Arc<SourceFile>> {
        let mut held = self.lock();
        if take { held.take() } else { held.clone() }
    }
}

impl Clone for Kept {
    fn clone(&self) -> Kept {
        Kept(std::sync::Mutex::new(self.lock().clone()))
    }
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let held = self.lock().as_ref().map(|file| file.text.len());
        f.debug_tuple("Kept").field(&held).finish()
    }
}

/// The project root and the file a document was read from.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Shared by the documents of a project.
    pub root: Arc<std::path::Path>,
    /// `None` when it is the root joined with the file's name in messages (almost always: a
    /// province keeps one path less per document).
    pub path: Option<std::path::PathBuf>,
}

impl Origin {
    /// The file at `path` under `root` (shared by the project's documents), shown in messages
    /// as `shown`: the path is kept only when it is not the root joined with `shown`.
    pub fn new(root: Arc<std::path::Path>, path: &std::path::Path, shown: &str) -> Origin {
        let path = (root.join(shown) != path).then(|| path.to_path_buf());
        Origin { root, path }
    }

    fn path(&self, shown: &str) -> std::path::PathBuf {
        self.path.clone().unwrap_or_else(|| self.root.join(shown))
    }
}

impl Document {
    /// The Markdown body. Only for a document whose body is kept (`serve`, `check`, validation):
    /// a released body is read with [`Document::source`].
    pub fn body(&self) -> &str {
        debug_assert!(
            self.released.is_none(),
            "released body read without `source`"
        );
        self.file.text.get(self.body_start..).unwrap_or("")
    }

    /// The whole file as it was checked: the text kept, or the file read again when the body
    /// was released; a file that changed since it was checked is refused (what is published is
    /// what was checked). A released text held in memory ([`Kept`]) stays there.
    pub fn source(&self) -> Result<Arc<SourceFile>, Diagnostic> {
        self.source_taking(false)
    }

    /// [`Document::source`] for the document's own page, its last reader: a released text held
    /// in memory leaves it (a later reader reads the file again).
    pub fn take_source(&self) -> Result<Arc<SourceFile>, Diagnostic> {
        self.source_taking(true)
    }

    fn source_taking(&self, take: bool) -> Result<Arc<SourceFile>, Diagnostic> {
        let (Some(hash), Some(origin)) = (self.released, &self.origin) else {
            return Ok(Arc::clone(&self.file));
        };
        if let Some(file) = self.kept.get(take) {
            return Ok(file);
        }
        super::load::read_again(&origin.root, &origin.path(&self.file.path), hash)
    }

    /// The body inside `source` (from [`Document::source`]).
    pub fn body_in<'a>(&self, source: &'a SourceFile) -> &'a str {
        source.text.get(self.body_start..).unwrap_or("")
    }

    /// The file a diagnostic about this document points into, with its text: read again when it
    /// was released (a problem found after loading is rare); if it cannot be, the file without
    /// its text, and the diagnostic quotes no line.
    pub fn diag_file(&self) -> Arc<SourceFile> {
        self.source().unwrap_or_else(|_| Arc::clone(&self.file))
    }

    /// Drops the text from memory once the document was checked, keeping its file's name: a
    /// province of 100,000 documents would otherwise hold all its texts until the last page. Its
    /// page reads it again ([`Document::source`]), and so does a later diagnostic
    /// ([`Document::diag_file`]). With `keep`, the text is held aside for the page instead
    /// ([`Kept`]): reading ten thousand files twice costs a build more than their memory.
    /// No effect without an [`Origin`].
    pub fn release_body(&mut self, keep: bool) {
        if self.origin.is_none() || self.released.is_some() {
            return;
        }
        self.released = Some(super::load::text_hash(&self.file.text));
        let emptied = SourceFile::new(self.file.path.clone(), "");
        let checked = std::mem::replace(&mut self.file, emptied);
        if keep {
            self.kept = Kept::new(checked);
        }
    }

    pub fn title_text(&self) -> &str {
        self.title.as_ref().map_or("", |t| t.value.as_str())
    }

    pub fn kind(&self) -> Option<DocKind> {
        self.kind.as_ref().map(|k| k.value)
    }

    /// The `loai` key (`quyet-dinh`), "" when missing or unknown.
    pub fn kind_text(&self) -> &'static str {
        self.kind().map_or("", DocKind::key)
    }
}

pub fn parse(rel_path: String, stem: String, fm: &FrontMatter) -> (Document, Vec<Diagnostic>) {
    let file = &fm.file;
    let mut f = Fields::new(file, &fm.yaml, &keys::DOCUMENT, fm.open_pos);
    let mut diags = Vec::new();
    let draft = f.boolean("ban_nhap").is_some_and(|b| b.value);
    let kind = f
        .required_string(
            "loai",
            "Thêm `loai: quyet-dinh` (hoặc ke-hoach, huong-dan, bao-cao, cong-van, ...).",
        )
        .and_then(|k| doc_kind(file, k, &mut diags));
    let issued_with = f.string("ban_hanh_kem_theo");
    let number = f.string("so_hieu");
    let parsed_number = number.as_ref().map(|n| Box::new(parse_so_hieu(&n.value)));
    // A draft's date may be blank as on the unsigned paper (SPEC §9): no date, no error.
    let date = match f.string("ngay_ban_hanh") {
        Some(s) if draft && crate::text::date::is_blank_date(&s.value) => None,
        Some(s) => date_value(file, "ngay_ban_hanh", &s, &mut diags),
        None => None,
    };
    if !draft && issued_with.is_none() {
        if number.is_none() && !f.is_present("so_hieu") {
            f.missing(
                "so_hieu",
                "Thêm số và ký hiệu đúng như bản giấy, ví dụ `so_hieu: \"290/QĐ-UBND\"`; \
                 văn bản chưa ký thì thêm `ban_nhap: true`.",
            );
        }
        if date.is_none() && !f.is_present("ngay_ban_hanh") {
            f.missing(
                "ngay_ban_hanh",
                "Thêm ngày ban hành dạng NĂM-THÁNG-NGÀY, ví dụ `ngay_ban_hanh: 2022-04-15`.",
            );
        }
    }
    let title = f.required_string(
        "trich_yeu",
        "Thêm trích yếu (dòng tóm tắt nội dung), ví dụ `trich_yeu: \"Về việc thành lập Tổ công tác ...\"`.",
    );
    let issuer = f.string("co_quan_ban_hanh").map(|s| s.value);
    let parent_body = f.string("co_quan_chu_quan").map(|s| s.value);
    let place = f.string("dia_danh").map(|s| s.value);
    let addressees = values(f.string_list("kinh_gui"));
    let signer = f.node("nguoi_ky").and_then(|n| signer(file, n, &mut diags));
    let bases = references(&mut f, "can_cu", &mut diags);
    let related = references(&mut f, "lien_quan", &mut diags);
    let replaces = f.string_list("thay_the");
    let amends = f.string_list("sua_doi");
    let (valid_from, valid_to) = match f.node("hieu_luc") {
        Some(n) => validity(file, n, &mut diags),
        None => (None, None),
    };
    let recipients = values(f.string_list("noi_nhan"));
    let attachments = f.string_list("kem_theo");
    let unit = f.string("don_vi");
    let topics = values(f.string_list("linh_vuc"));
    let slug_override = f.string("duong_dan");
    diags.extend(f.finish());
    let doc = Document {
        file: file.clone(),
        rel_path,
        stem,
        kind,
        number,
        parsed_number,
        date,
        issued_with,
        title,
        issuer,
        parent_body,
        place,
        addressees,
        signer,
        bases,
        related,
        replaces,
        amends,
        valid_from,
        valid_to,
        recipients,
        attachments,
        unit,
        topics,
        slug_override,
        draft,
        body_start: fm.body_start,
        body_line: fm.body_line,
        open_pos: fm.open_pos,
        origin: None,
        released: None,
        kept: Kept::default(),
    };
    (doc, diags)
}

/// `loai` as a `DocKind`; an unknown type is an error with the nearest type as a hint.
fn doc_kind(
    file: &SourceFile,
    k: Located<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Located<DocKind>> {
    if let Some(kind) = DocKind::parse(&k.value) {
        return Some(Located::new(kind, k.pos));
    }
    let d = file.error(
        k.pos,
        Code::Loai,
        format!("Loại văn bản `{}` không có trong danh mục.", k.value),
    );
    diags.push(d.hint(crate::text::suggest::one_of_hint(
        &k.value,
        &DocKind::keys(),
    )));
    None
}

fn values(v: Vec<Located<String>>) -> Vec<String> {
    v.into_iter().map(|s| s.value).collect()
}

pub fn date_value(
    file: &SourceFile,
    key: &str,
    s: &Located<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Located<NaiveDate>> {
    match parse_date(&s.value) {
        Ok(d) => Some(Located::new(d, s.pos)),
        Err(p) => {
            diags.push(
                file.error(s.pos, Code::Ngay, format!("`{key}`: {}", p.message))
                    .hint(p.hint.clone()),
            );
            None
        }
    }
}

fn map_entries(node: &Node) -> Option<&[(Node, Node)]> {
    match &node.value {
        Value::Map(m) => Some(m),
        _ => None,
    }
}

fn signer(file: &SourceFile, node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Signer> {
    let mut f = Fields::new(file, node, &keys::SIGNER, node.pos);
    if map_entries(node).is_none() {
        diags.extend(f.finish());
        return None;
    }
    let name = f.required_string(
        "ho_ten",
        "Thêm họ tên người ký: `ho_ten: \"Nguyễn Văn An\"`.",
    );
    let titles = f.string_list("chuc_vu");
    if titles.is_empty() {
        f.missing(
            "chuc_vu",
            "Thêm chức vụ người ký, ví dụ `chuc_vu: \"CHỦ TỊCH\"`.",
        );
    }
    let authority = f.string("tham_quyen");
    if let Some(a) = &authority {
        let ok = ["TM. ", "KT. ", "TL. ", "TUQ. ", "Q. "]
            .iter()
            .any(|p| a.value.starts_with(p) && a.value.len() > p.len());
        if !ok {
            f.diags.push(
                file.error(
                    a.pos,
                    Code::ThamQuyen,
                    format!("Thẩm quyền ký `{}` không đúng dạng.", a.value),
                )
                .hint("Viết `TM.`, `KT.`, `TL.`, `TUQ.` hoặc `Q.` rồi đến chức danh, ví dụ `KT. CHỦ TỊCH`."),
            );
        }
    }
    diags.extend(f.finish());
    Some(Signer {
        name: name?.value,
        titles: values(titles),
        authority: authority.map(|a| a.value),
    })
}

fn references(
    f: &mut Fields<'_>,
    key: &'static str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Reference> {
    let file = f.file;
    let mut out = Vec::new();
    for item in f.list(key) {
        match &item.value {
            Value::Scalar { .. } if !item.is_null() => out.push(Reference {
                number: Some(f.number_scalar(key, item).value),
                date: None,
                issuer: None,
                title: None,
                pos: item.pos,
            }),
            Value::Map(_) => {
                let mut rf = Fields::new(file, item, &keys::REFERENCE, item.pos);
                let number = rf.string("so_hieu").map(|s| s.value);
                let date = rf
                    .string("ngay")
                    .and_then(|s| date_value(file, "ngay", &s, diags))
                    .map(|d| d.value);
                let issuer = rf.string("co_quan").map(|s| s.value);
                let title = rf.string("trich_yeu").map(|s| s.value);
                if number.is_none() && title.is_none() {
                    rf.missing(
                        "so_hieu",
                        "Ghi `so_hieu` của văn bản được dẫn, hoặc `trich_yeu` nếu chỉ dẫn theo tên (ví dụ một luật).",
                    );
                }
                diags.extend(rf.finish());
                out.push(Reference {
                    number,
                    date,
                    issuer,
                    title,
                    pos: item.pos,
                });
            }
            _ => f.type_error(
                key,
                item,
                "số hiệu hoặc bảng `{so_hieu, ngay, co_quan, trich_yeu}`",
            ),
        }
    }
    out
}

type Validity = (Option<Located<NaiveDate>>, Option<Located<NaiveDate>>);

fn validity(file: &SourceFile, node: &Node, diags: &mut Vec<Diagnostic>) -> Validity {
    let mut f = Fields::new(file, node, &keys::VALIDITY, node.pos);
    let from = f
        .string("tu_ngay")
        .and_then(|s| date_value(file, "tu_ngay", &s, diags));
    let to = f
        .string("den_ngay")
        .and_then(|s| date_value(file, "den_ngay", &s, diags));
    diags.extend(f.finish());
    (from, to)
}
