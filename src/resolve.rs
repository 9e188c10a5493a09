//! Resolving a site (pipeline step 3): slugs, the number index, relations between documents,
//! the effective service guides and the QR ledger's targets.
//!
//! The result is a `SiteModel`: everything render needs, with indexes instead of lookups by
//! string, and every inconsistency reported with both places named.

use crate::diag::{Code, Diagnostics, Pos};
use crate::project::{Document, Guide, Project, Reference, Site, SiteInfo};
use crate::text::{number, slug};
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    /// `can_cu`: the citing document is based on the target.
    Basis,
    /// `lien_quan`
    Related,
    /// `thay_the`: the citing document replaces the target.
    Replaces,
    /// `sua_doi`
    Amends,
    /// `ban_hanh_kem_theo`: the citing document is issued with the target decision.
    IssuedWith,
}

/// A reference after resolution: a link to a document of the site, or plain text. What the
/// citing document wrote stays in its front matter ([`Cited::written`]): a province's citations
/// do not copy their numbers and names.
#[derive(Debug, Clone)]
pub struct Cited {
    pub relation: Relation,
    pub target: Option<usize>,
    /// Which of the citing document's references this is: its number in the list of its
    /// relation (`can_cu`, `lien_quan`, `thay_the`, `sua_doi`; 0 for `ban_hanh_kem_theo`).
    pub at: usize,
}

/// A reference as the citing document wrote it.
pub struct Written<'d> {
    pub number: Option<&'d str>,
    pub date: Option<NaiveDate>,
    pub issuer: Option<&'d str>,
    pub title: Option<&'d str>,
}

impl Cited {
    /// The reference as `doc`, the citing document, wrote it.
    pub fn written<'d>(&self, doc: &'d Document) -> Written<'d> {
        let full = |r: Option<&'d Reference>| Written {
            number: r.and_then(|r| r.number.as_deref()),
            date: r.and_then(|r| r.date),
            issuer: r.and_then(|r| r.issuer.as_deref()),
            title: r.and_then(|r| r.title.as_deref()),
        };
        let number = |n: Option<&'d crate::project::Located<String>>| Written {
            number: n.map(|n| n.value.as_str()),
            date: None,
            issuer: None,
            title: None,
        };
        match self.relation {
            Relation::Basis => full(doc.bases.get(self.at)),
            Relation::Related => full(doc.related.get(self.at)),
            Relation::Replaces => number(doc.replaces.get(self.at)),
            Relation::Amends => number(doc.amends.get(self.at)),
            Relation::IssuedWith => number(doc.issued_with.as_ref()),
        }
    }
}

#[derive(Debug)]
pub struct DocEntry<'p> {
    pub doc: &'p Document,
    pub slug: String,
    /// The number shown: its own, or that of the decision it is issued with.
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub issuer: String,
    pub place: String,
    pub cites: Vec<Cited>,
    /// (relation, citing document) pairs: the reverse relations shown on this page.
    pub cited_by: Vec<(Relation, usize)>,
}

impl DocEntry<'_> {
    pub fn year(&self) -> Option<i32> {
        self.date.map(|d| d.year())
    }
}

/// What [`site`] made of a site's documents, without borrowing them: `serve` keeps it while no
/// front matter changes, since resolving reads nothing else of a document (its file name and its
/// `---` block). Documents are named by their path inside the site.
pub struct Resolution {
    entries: Vec<Resolved>,
    /// The problems [`site`] reported.
    pub diags: Vec<crate::diag::Diagnostic>,
}

struct Resolved {
    rel_path: String,
    slug: String,
    number: Option<String>,
    date: Option<NaiveDate>,
    issuer: String,
    place: String,
    cites: Vec<Cited>,
    cited_by: Vec<(Relation, usize)>,
}

impl Resolution {
    pub fn of(model: &SiteModel, diags: Vec<crate::diag::Diagnostic>) -> Resolution {
        Resolution {
            entries: model
                .docs
                .iter()
                .map(|e| Resolved {
                    rel_path: e.doc.rel_path.clone(),
                    slug: e.slug.clone(),
                    number: e.number.clone(),
                    date: e.date,
                    issuer: e.issuer.clone(),
                    place: e.place.clone(),
                    cites: e.cites.clone(),
                    cited_by: e.cited_by.clone(),
                })
                .collect(),
            diags,
        }
    }

    /// The same model over the site's current documents (whose front matter the caller knows to
    /// be unchanged); `None` when one of them is gone.
    pub fn model<'p>(
        &self,
        project: &'p Project,
        site: &'p Site,
        info: &'p SiteInfo,
    ) -> Option<SiteModel<'p>> {
        let by_path: std::collections::HashMap<&str, &Document> = site
            .documents
            .iter()
            .map(|d| (d.rel_path.as_str(), d))
            .collect();
        let docs = self
            .entries
            .iter()
            .map(|r| {
                Some(DocEntry {
                    doc: by_path.get(r.rel_path.as_str())?,
                    slug: r.slug.clone(),
                    number: r.number.clone(),
                    date: r.date,
                    issuer: r.issuer.clone(),
                    place: r.place.clone(),
                    cites: r.cites.clone(),
                    cited_by: r.cited_by.clone(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(SiteModel {
            site,
            info,
            docs,
            guides: effective_guides(project, site),
        })
    }
}

#[derive(Debug)]
pub struct SiteModel<'p> {
    pub site: &'p Site,
    pub info: &'p SiteInfo,
    /// Published documents, newest first (date, then number, then slug).
    pub docs: Vec<DocEntry<'p>>,
    /// Effective guides (a site's own replaces the shared one of the same name), in official order.
    pub guides: Vec<&'p Guide>,
}

/// The comparable form of a number. Parsing (NFC, look-alike checks) is most of the cost of
/// resolving a big site, and `serve` resolves the same numbers after every save: remember them
/// per thread (the key depends only on the text).
fn number_key(s: &str) -> String {
    remembered(&KEYS, s, |s| {
        number::parse_reference_number(s).unwrap_or_else(|| s.trim().to_string())
    })
}

thread_local! {
    static KEYS: Memo = Memo::default();
    static SLUGS: Memo = Memo::default();
}

/// Empties the memos of every thread: a run that resolves each site once (`build`, `check`) has
/// no use for them afterwards, and a province's numbers and names are tens of megabytes.
pub fn forget_memos() {
    let forget = || {
        KEYS.with_borrow_mut(std::mem::take);
        SLUGS.with_borrow_mut(std::mem::take);
    };
    rayon::broadcast(|_| forget());
    forget();
}

/// A per-thread memo of a function of a string (`serve` keeps its threads, and a clerk types
/// for hours: it holds at most [`MEMO_ENTRIES`], then starts again).
type Memo = std::cell::RefCell<rustc_hash::FxHashMap<String, String>>;

/// More than the numbers or file names of a province's 100,000 documents.
const MEMO_ENTRIES: usize = 1 << 18;

fn remembered(
    memo: &'static std::thread::LocalKey<Memo>,
    key: &str,
    compute: impl FnOnce(&str) -> String,
) -> String {
    memo.with(|m| {
        if let Some(v) = m.borrow().get(key) {
            return v.clone();
        }
        let v = compute(key);
        let mut m = m.borrow_mut();
        if m.len() >= MEMO_ENTRIES {
            m.clear();
        }
        m.insert(key.to_string(), v.clone());
        v
    })
}

pub fn site<'p>(
    project: &'p Project,
    site: &'p Site,
    info: &'p SiteInfo,
    drafts: bool,
    diags: &mut Diagnostics,
) -> SiteModel<'p> {
    // Each document's slug, folded once and on every core (a province has 100,000).
    let doc_slugs: Vec<String> = site.documents.par_iter().map(doc_slug).collect();
    let by_slug = slugs(site, &doc_slugs, diags);
    let mut entries = entries(site, info, drafts, &doc_slugs, &by_slug);
    let index = number_index(&entries);
    duplicates(&entries, &index, diags);
    issued_with(&mut entries, &index, diags);
    citations(&mut entries, &index, diags);
    reverse_relations(&mut entries);
    replacement_cycles(&entries, &index, diags);
    SiteModel {
        site,
        info,
        docs: newest_first(entries),
        guides: effective_guides(project, site),
    }
}

/// Slugs and their collisions (SPEC §9): from the file name, `duong_dan` overrides. Every
/// document takes part, drafts too.
fn slugs<'p>(
    site: &'p Site,
    doc_slugs: &[String],
    diags: &mut Diagnostics,
) -> BTreeMap<String, &'p Document> {
    let mut by_slug: BTreeMap<String, &Document> = BTreeMap::new();
    for (doc, slug) in site.documents.iter().zip(doc_slugs) {
        if slug.is_empty() {
            diags.push(
                doc.diag_file()
                    .error(Pos::START, Code::DuongDan, "Không tạo được đường dẫn từ tên tệp.")
                    .hint("Đặt tên tệp bằng chữ không dấu, ví dụ `ke-hoach-02.md`, hoặc thêm `duong_dan`."),
            );
            continue;
        }
        if let Some(other) = by_slug.get(slug) {
            let slug_pos = |d: &Document| d.slug_override.as_ref().map_or(Pos::START, |s| s.pos);
            let pos = slug_pos(doc);
            diags.push(
                doc.diag_file()
                    .error(
                        pos,
                        Code::TrungDuongDan,
                        format!(
                            "Hai văn bản cùng đường dẫn `/van-ban/{slug}/`: `{}` và `{}`.",
                            other.file.path, doc.file.path
                        ),
                    )
                    .related(
                        &other.diag_file(),
                        slug_pos(other),
                        "đường dẫn này dùng lần đầu ở đây",
                    )
                    .hint(
                        "Đổi tên một tệp, hoặc thêm `duong_dan: ...` khác nhau cho một trong hai.",
                    ),
            );
            continue;
        }
        by_slug.insert(slug.clone(), doc);
    }
    by_slug
}

/// One entry per published document that owns its slug, with the site's issuer and place
/// filled in where the document names none.
fn entries<'p>(
    site: &'p Site,
    info: &SiteInfo,
    drafts: bool,
    doc_slugs: &[String],
    by_slug: &BTreeMap<String, &'p Document>,
) -> Vec<DocEntry<'p>> {
    let mut entries: Vec<DocEntry> = Vec::new();
    for (doc, slug) in site.documents.iter().zip(doc_slugs) {
        let hidden_draft = doc.draft && !drafts;
        if hidden_draft || by_slug.get(slug).is_none_or(|d| !std::ptr::eq(*d, doc)) {
            continue;
        }
        let slug = slug.clone();
        entries.push(DocEntry {
            doc,
            slug,
            number: doc.number.as_ref().map(|n| n.value.clone()),
            date: doc.date.as_ref().map(|d| d.value),
            issuer: doc
                .issuer
                .clone()
                .or_else(|| info.issuer.clone())
                .unwrap_or_else(|| info.name.clone()),
            place: doc
                .place
                .clone()
                .or_else(|| info.place.clone())
                .unwrap_or_default(),
            cites: Vec::new(),
            cited_by: Vec::new(),
        });
    }
    entries
}

/// Number index over documents that carry their own number.
fn number_index(entries: &[DocEntry]) -> BTreeMap<String, Vec<usize>> {
    // Parsed on every core, indexed in entry order.
    let keys: Vec<(String, usize)> = entries
        .par_iter()
        .enumerate()
        .filter_map(|(i, e)| Some((number_key(e.number.as_deref()?), i)))
        .collect();
    let mut index: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (key, i) in keys {
        index.entry(key).or_default().push(i);
    }
    index
}

/// `ban_hanh_kem_theo`: take the decision's number and date.
fn issued_with(
    entries: &mut [DocEntry],
    index: &BTreeMap<String, Vec<usize>>,
    diags: &mut Diagnostics,
) {
    for i in 0..entries.len() {
        let Some(w) = &entries[i].doc.issued_with else {
            continue;
        };
        let r = Reference {
            number: Some(w.value.clone()),
            date: None,
            issuer: None,
            title: None,
            pos: w.pos,
        };
        match lookup(entries, index, &r) {
            Lookup::One(t) => {
                entries[i].number = entries[t].number.clone();
                entries[i].date = entries[t].date;
                entries[i].cites.push(cited(Relation::IssuedWith, Some(t), 0));
            }
            Lookup::None => diags.push(
                entries[i].doc.diag_file()
                    .error(w.pos, Code::KemTheoQd, format!("Không tìm thấy quyết định `{}` trong các văn bản của đơn vị.", w.value))
                    .hint("Thêm quyết định ban hành văn bản này, hoặc sửa số hiệu cho đúng."),
            ),
            Lookup::Many(n) => diags.push(
                entries[i].doc.diag_file()
                    .error(w.pos, Code::KemTheoQd, format!("Có {n} văn bản cùng số `{}`: không biết văn bản này ban hành kèm theo văn bản nào.", w.value))
                    .hint("Sửa số hiệu của các văn bản trùng."),
            ),
        }
    }
}

/// Citations: each document's references on its own core, findings merged in order.
fn citations(
    entries: &mut [DocEntry],
    index: &BTreeMap<String, Vec<usize>>,
    diags: &mut Diagnostics,
) {
    let shared: &[DocEntry] = entries;
    let resolved: Vec<(Vec<_>, Diagnostics)> = (0..shared.len())
        .into_par_iter()
        .map(|i| {
            let doc = shared[i].doc;
            let mut found = Diagnostics::new();
            let mut cites = Vec::new();
            let groups: [(&[Reference], Relation); 2] = [
                (&doc.bases, Relation::Basis),
                (&doc.related, Relation::Related),
            ];
            for (refs, rel) in groups {
                for (at, r) in refs.iter().enumerate() {
                    cites.push(resolve_ref(shared, index, doc, (r, at), rel, &mut found));
                }
            }
            for (list, rel) in [
                (&doc.replaces, Relation::Replaces),
                (&doc.amends, Relation::Amends),
            ] {
                for (at, n) in list.iter().enumerate() {
                    let r = by_number(n);
                    cites.push(resolve_ref(shared, index, doc, (&r, at), rel, &mut found));
                }
            }
            (cites, found)
        })
        .collect();
    for (entry, (cites, found)) in entries.iter_mut().zip(resolved) {
        entry.cites.extend(cites);
        diags.extend(found.into_vec());
    }
}

/// Each resolved citation shown from the other side too (`cited_by`), once per relation.
/// A document's own citations are made unique before they are handed over: searching the
/// target's list instead cost the square of its length when thousands of documents cite one
/// decision (a province's founding decision, cited by every commune).
fn reverse_relations(entries: &mut [DocEntry]) {
    for i in 0..entries.len() {
        let mut pairs: Vec<(Relation, usize)> = entries[i]
            .cites
            .iter()
            .filter_map(|c| c.target.map(|t| (c.relation, t)))
            .filter(|&(_, t)| t != i)
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        for (rel, t) in pairs {
            entries[t].cited_by.push((rel, i));
        }
    }
}

/// Newest first (date, then slug), with every index between entries remapped.
fn newest_first(entries: Vec<DocEntry>) -> Vec<DocEntry> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&entries[a], &entries[b]);
        y.date.cmp(&x.date).then_with(|| x.slug.cmp(&y.slug))
    });
    let mut new_index = vec![0; entries.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<DocEntry>> = entries.into_iter().map(Some).collect();
    let mut docs: Vec<DocEntry> = order.iter().filter_map(|&o| slots[o].take()).collect();
    for e in &mut docs {
        for c in &mut e.cites {
            c.target = c.target.map(|t| new_index[t]);
        }
        for (_, t) in &mut e.cited_by {
            *t = new_index[*t];
        }
        e.cited_by.sort();
    }
    docs
}

pub fn doc_slug(doc: &Document) -> String {
    match &doc.slug_override {
        Some(s) if slug::is_slug(&s.value) => s.value.clone(),
        _ => {
            // Folding a name is costly next to everything else resolve does, and `serve` folds
            // the same file names after every save: remember them per thread.
            remembered(&SLUGS, &doc.stem, slug::slugify)
        }
    }
}

pub fn effective_guides<'p>(project: &'p Project, site: &'p Site) -> Vec<&'p Guide> {
    let mut by_name: BTreeMap<&str, &Guide> = BTreeMap::new();
    for g in &project.shared_guides {
        by_name.insert(&g.name, g);
    }
    for g in &site.local_guides {
        by_name.insert(&g.name, g);
    }
    let mut v: Vec<&Guide> = by_name.into_values().collect();
    v.sort_by(|a, b| {
        a.order
            .unwrap_or(u32::MAX)
            .cmp(&b.order.unwrap_or(u32::MAX))
            .then_with(|| a.name.cmp(&b.name))
    });
    v
}

enum Lookup {
    None,
    One(usize),
    Many(usize),
}

fn lookup(entries: &[DocEntry], index: &BTreeMap<String, Vec<usize>>, r: &Reference) -> Lookup {
    let Some(n) = &r.number else {
        return Lookup::None;
    };
    let Some(candidates) = index.get(&number_key(n)) else {
        return Lookup::None;
    };
    let matching: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| {
            r.date
                .is_none_or(|d| entries[i].date.map(|x| x.year()) == Some(d.year()))
        })
        .filter(|&i| {
            r.issuer
                .as_ref()
                .is_none_or(|c| entries[i].issuer.to_lowercase() == c.to_lowercase())
        })
        .collect();
    match matching.len() {
        0 => Lookup::None,
        1 => Lookup::One(matching[0]),
        n => Lookup::Many(n),
    }
}

fn cited(relation: Relation, target: Option<usize>, at: usize) -> Cited {
    Cited {
        relation,
        target,
        at,
    }
}

fn resolve_ref(
    entries: &[DocEntry],
    index: &BTreeMap<String, Vec<usize>>,
    doc: &Document,
    (r, at): (&Reference, usize),
    rel: Relation,
    diags: &mut Diagnostics,
) -> Cited {
    match lookup(entries, index, r) {
        Lookup::One(t) => cited(rel, Some(t), at),
        Lookup::None => cited(rel, None, at),
        Lookup::Many(n) => {
            diags.push(
                doc.diag_file().warning(r.pos, Code::ThamChieuMoHo, format!(
                    "Có {n} văn bản cùng số `{}`: tham chiếu này để dạng chữ, không tạo liên kết.",
                    r.number.as_deref().unwrap_or("")
                ))
                .hint("Thêm `ngay` và/hoặc `co_quan` để chỉ rõ văn bản: `{so_hieu: \"...\", ngay: 2022-04-15}`."),
            );
            cited(rel, None, at)
        }
    }
}

/// Replacements that loop (A replaces B, B replaces A; through `thay_the` or `sua_doi`, over any
/// number of documents) would publish every one of them as "Bị thay thế": an error at each
/// `thay_the`/`sua_doi` line that closes the loop (SPEC §9). Strongly connected components of the
/// replacement graph, found without recursion (Tarjan), so a long chain cannot overflow the stack.
fn replacement_cycles(
    entries: &[DocEntry],
    index: &BTreeMap<String, Vec<usize>>,
    diags: &mut Diagnostics,
) {
    let edges = |i: usize| -> Vec<(usize, Pos, &'static str)> {
        let doc = entries[i].doc;
        let lists = [(&doc.replaces, "thay_the"), (&doc.amends, "sua_doi")];
        let mut out = Vec::new();
        for (list, key) in lists {
            for n in list {
                if let Lookup::One(t) = lookup(entries, index, &by_number(n)) {
                    out.push((t, n.pos, key));
                }
            }
        }
        out
    };
    let graph: Vec<Vec<(usize, Pos, &'static str)>> = (0..entries.len()).map(edges).collect();
    let component = strongly_connected(&graph);
    for (i, out) in graph.iter().enumerate() {
        for &(t, pos, key) in out {
            if component[t] != component[i] {
                continue;
            }
            let target = &entries[t];
            let message = if t == i {
                format!("Văn bản tự {} chính nó (`{key}`).", relation_verb(key))
            } else {
                format!(
                    "Quan hệ thay thế, sửa đổi tạo thành vòng lặp: văn bản này {} `{}`, mà văn bản đó (trực tiếp hoặc qua văn bản khác) lại {} văn bản này.",
                    relation_verb(key),
                    target.number.as_deref().unwrap_or(&target.slug),
                    "thay thế hoặc sửa đổi"
                )
            };
            diags.push(
                entries[i]
                    .doc
                    .diag_file()
                    .error(pos, Code::VongThayThe, message)
                    .related(
                        &target.doc.diag_file(),
                        target.doc.number.as_ref().map_or(target.doc.open_pos, |n| n.pos),
                        "văn bản kia của vòng",
                    )
                    .hint("Văn bản ban hành sau mới thay thế hoặc sửa đổi văn bản trước: xóa số hiệu này khỏi `thay_the`/`sua_doi` ở văn bản cũ hơn."),
            );
        }
    }
}

/// A reference written as a bare number (`thay_the`, `sua_doi`).
fn by_number(n: &crate::project::Located<String>) -> Reference {
    Reference {
        number: Some(n.value.clone()),
        date: None,
        issuer: None,
        title: None,
        pos: n.pos,
    }
}

fn relation_verb(key: &str) -> &'static str {
    if key == "thay_the" {
        "thay thế"
    } else {
        "sửa đổi"
    }
}

/// Component number of each node; a node is on a loop when an edge leads back into its own
/// component (Tarjan's algorithm with an explicit stack).
fn strongly_connected<E>(graph: &[Vec<(usize, E, &'static str)>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = graph.len();
    let (mut order, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut stack, mut on_stack) = (Vec::new(), vec![false; n]);
    let (mut counter, mut components) = (0, 0);
    for start in 0..n {
        if order[start] != UNSEEN {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(start, 0usize)];
        while let Some(&mut (v, ref mut next)) = work.last_mut() {
            if *next == 0 {
                order[v] = counter;
                low[v] = counter;
                counter += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&(w, _, _)) = graph[v].get(*next) {
                *next += 1;
                if order[w] == UNSEEN {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = components;
                    if w == v {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

/// Same number, same issuer, same year: an error at each later place, pointing back at the first
/// (SPEC §9).
fn duplicates(entries: &[DocEntry], index: &BTreeMap<String, Vec<usize>>, diags: &mut Diagnostics) {
    for ids in index.values() {
        let mut groups: BTreeMap<(String, Option<i32>), Vec<usize>> = BTreeMap::new();
        for &i in ids {
            if entries[i].doc.number.is_some() {
                groups
                    .entry((entries[i].issuer.to_lowercase(), entries[i].year()))
                    .or_default()
                    .push(i);
            }
        }
        for group in groups.values().filter(|g| g.len() > 1) {
            let files: Vec<(std::sync::Arc<crate::diag::SourceFile>, Pos)> = group
                .iter()
                .filter_map(|&i| {
                    Some((
                        entries[i].doc.diag_file(),
                        entries[i].doc.number.as_ref()?.pos,
                    ))
                })
                .collect();
            let places: Vec<(&crate::diag::SourceFile, Pos)> =
                files.iter().map(|(f, pos)| (&**f, *pos)).collect();
            diags.extend(crate::diag::report_duplicates(&places, "số hiệu này dùng lần đầu ở đây", |k| {
                let e = &entries[group[k]];
                let (file, pos) = places[k];
                let number = e.doc.number.as_ref().map_or("", |n| n.value.as_str());
                file.error(pos, Code::SoHieuTrung, format!(
                        "Số hiệu `{number}` của {} năm {} đã dùng cho một văn bản khác.",
                        e.issuer,
                        e.year().map_or("?".into(), |y| y.to_string()),
                    ))
                    .hint("Mỗi cơ quan đánh số lại từ đầu mỗi năm; trong một năm số không được trùng. Kiểm tra lại số trên bản giấy.")
            }));
        }
    }
}

/// Every `/q/CODE/` target must be a page of the site (SPEC §7): checked against `pages`.
/// `is_page` tells whether a path (`/khu-dan-cu/xa/thon/`) is a page of the site.
/// `moved` names the page that most likely replaced a vanished one, for the hint.
pub fn ledger(
    site: &Site,
    is_page: &dyn Fn(&str) -> bool,
    moved: &dyn Fn(&str) -> Option<String>,
    diags: &mut Diagnostics,
) {
    let Some(file) = &site.ledger_file else {
        return;
    };
    // Codes are compared without case: `/q/` addresses are published in lowercase.
    let mut seen: BTreeMap<String, Pos> = BTreeMap::new();
    for e in &site.ledger {
        let code = &e.code.value;
        let shape_ok = !code.is_empty()
            && code.len() <= 6
            && code
                .chars()
                .all(|c| crate::project::ledger::CODE_ALPHABET.contains(c.to_ascii_uppercase()));
        if !shape_ok {
            diags.push(
                file.error(e.code.pos, Code::MaQr, format!("Mã QR `{code}` không đúng dạng (tối đa 6 ký tự trong bảng chữ không gây nhầm lẫn)."))
                    .hint("Sổ mã QR do `niemyet posters` ghi: lấy lại bản đúng từ lịch sử thay vì sửa tay."),
            );
        }
        let folded = code.to_ascii_uppercase();
        if let Some(&first) = seen.get(&folded) {
            diags.push(
                file.error(
                    e.code.pos,
                    Code::MaQrTrung,
                    format!("Mã QR `{code}` có hai lần trong sổ."),
                )
                .related(file, first, "mã này ghi lần đầu ở đây")
                .hint("Mỗi mã chỉ một mục; lấy lại bản đúng từ lịch sử."),
            );
        } else {
            seen.insert(folded, e.code.pos);
        }
        let target = e.current_target();
        let t = target.value.as_str();
        let normalized = if t.ends_with('/') {
            t.to_string()
        } else {
            format!("{t}/")
        };
        if !is_page(&normalized) {
            let what = if e.moved_to.is_some() {
                "`chuyen_den`"
            } else {
                "Đích"
            };
            let hint = match (moved(&normalized), &site.info) {
                (Some(new), Some(info)) => format!(
                    "Nếu trang thay thế là `{new}`, thêm `chuyen_den: {new}` vào mục `{code}`: mã đã in `{base}/q/{lower}/` sẽ dẫn tới `{base}{new}`.",
                    base = info.base(),
                    lower = code.to_ascii_lowercase(),
                ),
                _ => format!(
                    "Thêm `chuyen_den: /đường-dẫn-mới/` vào mục `{code}` để mã đã in dẫn tới trang thay thế (ví dụ khu dân cư sau khi sáp nhập)."
                ),
            };
            diags.push(
                file.error(target.pos, Code::MaQrDich, format!("{what} `{t}` của mã QR `{code}` không còn là trang nào của đơn vị: mã đã in sẽ hỏng."))
                    .hint(hint),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memos_stay_bounded_and_still_answer() {
        thread_local! {
            static TEST: Memo = Memo::default();
        }
        for i in 0..MEMO_ENTRIES + 10 {
            let key = i.to_string();
            assert_eq!(
                remembered(&TEST, &key, |k| format!("{k}!")),
                format!("{i}!")
            );
        }
        TEST.with(|m| assert!(m.borrow().len() <= MEMO_ENTRIES));
        assert_eq!(remembered(&TEST, "7", |_| "khác".into()), "khác");
    }
}
