//! QR posters for residential areas (SPEC §7): `niemyet posters`.
//!
//! A commune prints one PDF at a print shop and posts a sheet in every village; a resident scans
//! it and lands on the right instructions, for years. So: the whole project is checked first
//! (posters are never printed for content that would not build), every code goes through the
//! site's permanent `/q/` ledger, every text is checked against the font before anything is
//! drawn, and files appear only whole: PDFs are written aside and renamed, the ledger last.
//! This module never changes an existing ledger entry and never deletes a file, and one run at a
//! time holds the project's lock while it reads and writes the ledger.
//!
//! Output, under `--out` (default `ROOT/posters`):
//! `SITE/XA/THON.pdf` (district site) or `SITE/THON.pdf` (commune site), one poster each;
//! `SITE/XA/_tat-ca.pdf` all posters of a commune; `SITE/_tat-ca.pdf` all posters of the site.
//! Names starting with `_` can never be an area's code. A poster is one sheet: the front (the
//! area's code, its helpers, the hotline) and, when the site lists services for posters, the
//! back (their codes, the same for the whole site); batches keep each back behind its front.

pub mod codes;
pub mod fonts;
pub mod layout;
pub mod pdf;
pub use crate::qr;

pub use pdf::Paper;

use crate::diag::{Code, Diagnostic, Diagnostics, Pos, Severity, SourceFile};
use crate::pipeline::{self, BuildOptions};
use crate::project::ledger::{self, NewEntry};
use crate::project::site::Commune;
use crate::project::{Area, Guide, Level, Project, Site, SiteInfo};
use chrono::NaiveDate;
use layout::{ContactText, Content, Field, Misfit, Op};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use crate::project::ledger::CODE_ALPHABET;

/// Name of a batch file: every poster of its folder, page after page.
pub const BATCH_FILE: &str = "_tat-ca.pdf";

pub struct Options {
    pub root: PathBuf,
    pub sites: Vec<String>,
    pub out: PathBuf,
    pub paper: Paper,
    /// `--khu`: area codes, or `XA/THON` on a district site. Empty: every area.
    pub areas: Vec<String>,
    /// The day written as `in_lan_dau` for new codes.
    pub today: NaiveDate,
}

#[derive(Debug, Default)]
pub struct Summary {
    pub posters: usize,
    /// Files written, relative to the output folder, in order.
    pub files: Vec<String>,
    pub bytes: u64,
    pub new_codes: usize,
    /// Whether the posters have a back (the services): they print on both sides.
    pub two_sided: bool,
    /// Ledgers written, relative to the root.
    pub ledgers: Vec<String>,
}

pub enum Outcome {
    /// Warnings of the check are in the diagnostics.
    Done(Summary, Diagnostics),
    ContentErrors(Diagnostics),
    Usage(String),
}

/// Progress of a long run: called with the number of pages to draw, then once per page.
pub trait Progress: Sync {
    fn start(&self, total: u64);
    fn page(&self);
}

impl Progress for () {
    fn start(&self, _: u64) {}
    fn page(&self) {}
}

/// A document's path and bytes, or why krilla could not write it.
type Rendered = Result<(String, Vec<u8>), String>;

/// One area to print.
struct Job<'p> {
    site: &'p Site,
    info: &'p SiteInfo,
    commune: Option<&'p Commune>,
    area: &'p Area,
    /// `huong-phu/thon-2` or `thon-2`: its file name under `SITE/`, without `.pdf`.
    stem: String,
    target: String,
}

/// A code's place in the ledger while this run plans.
struct SiteCodes {
    by_target: BTreeMap<String, String>,
    taken: BTreeSet<String>,
    new: Vec<NewEntry>,
}

impl SiteCodes {
    fn new(site: &Site) -> SiteCodes {
        let mut by_target = BTreeMap::new();
        let mut taken = BTreeSet::new();
        for e in &site.ledger {
            // Without case: the ledger may write a code either way, the site publishes it in
            // lowercase, and a code is never given twice.
            taken.insert(e.code.value.to_ascii_uppercase());
            // The first entry that leads to a page today is reused: a printed code keeps working.
            by_target
                .entry(codes::normalize_target(&e.current_target().value))
                .or_insert_with(|| e.code.value.clone());
        }
        SiteCodes {
            by_target,
            taken,
            new: Vec::new(),
        }
    }

    fn code_for(&mut self, target: &str, today: NaiveDate) -> String {
        if let Some(c) = self.by_target.get(target) {
            return c.clone();
        }
        let code = codes::new_code(target, &self.taken);
        self.taken.insert(code.clone());
        // Written in the ledger as it is printed and published.
        let code = code.to_ascii_lowercase();
        self.by_target.insert(target.to_string(), code.clone());
        self.new.push(NewEntry {
            code: code.clone(),
            target: target.to_string(),
            first_printed: today,
        });
        code
    }
}

/// Position of the first `needle` in `file` at or after line `from`, else `fallback`.
fn locate(file: &SourceFile, needle: &str, from: usize, fallback: Pos) -> Pos {
    if needle.is_empty() {
        return fallback;
    }
    let start: usize = file
        .text
        .split_inclusive('\n')
        .take(from.saturating_sub(1))
        .map(str::len)
        .sum();
    match file.text.get(start..).and_then(|t| t.find(needle)) {
        Some(i) => file.pos_of_byte(start + i),
        None => fallback,
    }
}

/// Where a poster text was written: the file and a position to start looking from.
#[derive(Clone)]
struct Source {
    file: Arc<SourceFile>,
    pos: Pos,
}

impl Source {
    fn error(&self, needle: &str, code: Code, msg: String) -> Diagnostic {
        let pos = locate(&self.file, needle, self.pos.line(), self.pos);
        self.file.error(pos, code, msg)
    }
}

/// Refuses a text the poster font cannot show, at the offending character.
fn check_glyphs(text: &str, src: &Source, diags: &mut Vec<Diagnostic>) {
    if let Some(c) = fonts::fonts().missing(text) {
        let shown = if c.is_control() {
            format!("U+{:04X}", c as u32)
        } else {
            format!("`{c}` (U+{:04X})", c as u32)
        };
        diags.push(
            src.error(
                &c.to_string(),
                Code::PosterKyTu,
                format!("Phông chữ của áp phích không có ký tự {shown} trong `{text}`: chữ này sẽ mất khi in."),
            )
            .hint("Gõ lại bằng chữ tiếng Việt thông thường (Unicode dựng sẵn), hoặc bỏ ký tự này."),
        );
    }
}

fn place_line(info: &SiteInfo, commune: Option<&Commune>) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(c) = commune {
        parts.push(&c.name);
    }
    parts.push(&info.name);
    if info.level != Level::Province {
        parts.push(&info.province);
    }
    fonts::clean(&parts.join(", "))
}

struct SitePlan<'p> {
    services: Vec<(&'p Guide, String)>,
    /// The back of every poster of the site, when it has services to show.
    back: Option<layout::Back>,
    footer: layout::Footer,
}

/// Runs `niemyet posters`: check, choose the areas, give each its code, lay out every page, make
/// the PDFs, then write them and the ledger. Nothing is written unless every step succeeded.
pub fn run(opts: &Options, progress: &dyn Progress) -> Outcome {
    // One run at a time per project (SPEC §9): two runs reading the same ledger would each add
    // their codes to it and the second write would lose the first's. Held until the ledger is
    // written; the project is read only once the lock is held, so the second run sees the
    // first's codes.
    let _lock =
        match crate::output::DirLock::wait_for(&opts.root, "một lần in áp phích khác của dự án")
        {
            Ok(l) => l,
            Err(e) => {
                return Outcome::Usage(format!(
                    "không khóa được thư mục dự án để ghi sổ mã QR: {}.",
                    crate::diag::io_reason(&e)
                ));
            }
        };
    // 1. The whole check: posters are never printed for a project that does not build.
    let (project, checked) = pipeline::check_content(&BuildOptions {
        root: opts.root.clone(),
        out: None,
        sites: opts.sites.clone(),
        drafts: false,
        today: opts.today,
        cleanup: Default::default(),
    });
    // A printed example address is permanent harm: placeholders are errors here (SPEC §9).
    let checked = crate::validate::placeholders::refuse(
        checked,
        crate::validate::placeholders::Refusal::Posters,
    );
    if checked.has_errors() {
        return Outcome::ContentErrors(checked);
    }
    let jobs = match select_areas(&project, &opts.areas) {
        Ok(jobs) => jobs,
        Err(outcome) => return outcome,
    };
    let (mut site_codes, plans, contents) = match plan(&project, &jobs, opts.today) {
        Ok(planned) => planned,
        Err(d) => return Outcome::ContentErrors(d),
    };
    let laid = match lay_out(&jobs, &plans, &contents) {
        Ok(laid) => laid,
        Err(d) => return Outcome::ContentErrors(d),
    };
    let docs = documents(&project, &jobs, opts.areas.is_empty());
    let files = match make_pdfs(&docs, &laid, opts, progress) {
        Ok(files) => files,
        Err(d) => return Outcome::ContentErrors(d),
    };
    match write(&project, &files, &mut site_codes, jobs.len(), opts) {
        Ok(summary) => Outcome::Done(
            Summary {
                two_sided: !laid.backs.is_empty(),
                ..summary
            },
            checked,
        ),
        Err(d) => Outcome::ContentErrors(d),
    }
}

/// Step 2: the areas to print (all, or those `--khu` names), with their page's address.
fn select_areas<'p>(project: &'p Project, wanted: &[String]) -> Result<Vec<Job<'p>>, Outcome> {
    let mut jobs: Vec<Job> = Vec::new();
    let mut matched: BTreeSet<&str> = BTreeSet::new();
    for site in &project.sites {
        let Some(info) = &site.info else { continue };
        let areas = info
            .communes
            .iter()
            .flat_map(|c| c.areas.iter().map(move |a| (Some(c), a)))
            .chain(info.areas.iter().map(|a| (None, a)));
        for (commune, area) in areas {
            let stem = match commune {
                Some(c) => format!("{}/{}", c.code.value, area.code.value),
                None => area.code.value.clone(),
            };
            if !wanted.is_empty() {
                let hit = wanted
                    .iter()
                    .find(|k| **k == stem || **k == area.code.value);
                match hit {
                    Some(k) => {
                        matched.insert(k);
                    }
                    None => continue,
                }
            }
            let target = format!(
                "/{}",
                crate::render::views::area_path(commune.map(|c| c.code.value.as_str()), area)
            );
            jobs.push(Job {
                site,
                info,
                commune,
                area,
                stem,
                target,
            });
        }
    }
    let unknown: Vec<&String> = wanted
        .iter()
        .filter(|k| !matched.contains(k.as_str()))
        .collect();
    if !unknown.is_empty() {
        let list: Vec<String> = unknown.iter().map(|k| format!("`{k}`")).collect();
        // A typo in a code gets the nearest area's name (`thon-2` for `thon2`).
        let known: Vec<String> = all_stems(project);
        let near: Vec<String> = unknown
            .iter()
            .filter_map(|k| crate::text::suggest::did_you_mean(k, &known))
            .map(|s| format!(" {s}"))
            .collect();
        return Err(Outcome::Usage(format!(
            "không có khu dân cư {} trong các đơn vị đã chọn.{} Dùng mã khu (`thon-2`) hoặc `XA/THON` trên trang có xã trực thuộc (`huong-phu/thon-2`).",
            list.join(", "),
            near.concat()
        )));
    }
    if jobs.is_empty() {
        let mut d = Diagnostics::new();
        for site in &project.sites {
            d.push(
                Diagnostic::at_path(Severity::Error, format!("{}/_site.yaml", site.rel_dir), Code::KhongCoKhu, "Đơn vị chưa khai khu dân cư nào: không có áp phích để in.")
                    .hint("Khai `khu_dan_cu` (trang của xã) hoặc `don_vi` với `khu_dan_cu` (trang cấp huyện), hoặc tệp `khu-dan-cu.csv`."),
            );
        }
        return Err(Outcome::ContentErrors(d));
    }

    Ok(jobs)
}

/// Every area's `--khu` name in the project: `thon-2`, and `xa/thon-2` under a commune.
fn all_stems(project: &Project) -> Vec<String> {
    let mut out = Vec::new();
    for info in project.sites.iter().filter_map(|s| s.info.as_ref()) {
        for c in &info.communes {
            for a in &c.areas {
                out.push(format!("{}/{}", c.code.value, a.code.value));
            }
        }
        out.extend(info.areas.iter().map(|a| a.code.value.clone()));
    }
    out
}

/// What step 3 decides: each site's codes, the services its posters show, each poster's text.
type Planned<'p> = (
    BTreeMap<&'p str, SiteCodes>,
    BTreeMap<&'p str, SitePlan<'p>>,
    Vec<Content>,
);

/// Step 3: codes, from the ledger or new; texts, checked against the font.
fn plan<'p>(
    project: &'p Project,
    jobs: &[Job<'p>],
    today: NaiveDate,
) -> Result<Planned<'p>, Diagnostics> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut site_codes: BTreeMap<&str, SiteCodes> = BTreeMap::new();
    let mut plans: BTreeMap<&str, SitePlan> = BTreeMap::new();
    for site in &project.sites {
        let Some(info) = &site.info else { continue };
        if !jobs.iter().any(|j| std::ptr::eq(j.site, site)) {
            continue;
        }
        let (sc, site_plan) = plan_site(project, site, info, today, &mut diags);
        site_codes.insert(&site.code, sc);
        plans.insert(&site.code, site_plan);
    }
    let mut contents: Vec<Content> = Vec::with_capacity(jobs.len());
    for j in jobs {
        let sc = site_codes
            .get_mut(j.site.code.as_str())
            .expect("every job's site was planned");
        let code = sc.code_for(&j.target, today);
        contents.push(poster_content(
            j,
            &code,
            &plans[j.site.code.as_str()],
            &mut diags,
        ));
    }
    if !diags.is_empty() {
        let mut d = Diagnostics::new();
        d.extend(diags);
        return Err(d);
    }

    Ok((site_codes, plans, contents))
}

/// One site's codes (its services', so far) and what all its posters share: services, back,
/// footer.
fn plan_site<'p>(
    project: &'p Project,
    site: &'p Site,
    info: &SiteInfo,
    today: NaiveDate,
    diags: &mut Vec<Diagnostic>,
) -> (SiteCodes, SitePlan<'p>) {
    let mut sc = SiteCodes::new(site);
    let services = poster_services(project, site, info, &mut sc, today, diags);
    let site_src = Source {
        file: info.file.clone(),
        pos: Pos::START,
    };
    check_glyphs(&fonts::clean(&info.name), &site_src, diags);
    check_glyphs(&fonts::clean(&info.province), &site_src, diags);
    check_glyphs(&fonts::clean(&info.hotline), &site_src, diags);
    let base = info.base_url.value.as_str();
    let footer = layout::Footer {
        date: today.format("%d/%m/%Y").to_string(),
        site: codes::site_address(base),
    };
    let back = (!services.is_empty()).then(|| layout::Back {
        header: header(info),
        services: services
            .iter()
            .map(|(g, c)| (fonts::clean(&g.title), codes::qr_data(base, c)))
            .collect(),
        hotline: fonts::clean(&info.hotline),
        footer: footer.clone(),
    });
    (
        sc,
        SitePlan {
            services,
            back,
            footer,
        },
    )
}

/// The services a site's posters show (at most [`layout::MAX_SERVICES`]), each with its code.
fn poster_services<'p>(
    project: &'p Project,
    site: &'p Site,
    info: &SiteInfo,
    sc: &mut SiteCodes,
    today: NaiveDate,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(&'p Guide, String)> {
    let guides = crate::resolve::effective_guides(project, site);
    let mut services = Vec::new();
    for g in info.poster_guides.iter().take(layout::MAX_SERVICES) {
        match guides.iter().find(|x| x.name == g.value) {
            Some(guide) => {
                let code = sc.code_for(&format!("/dich-vu/{}/", guide.name), today);
                let src = Source {
                    file: guide.file.clone(),
                    pos: Pos::START,
                };
                check_glyphs(&fonts::clean(&guide.title), &src, diags);
                services.push((*guide, code));
            }
            None => diags.push(
                info.file
                    .error(
                        g.pos,
                        Code::DichVu,
                        format!("Không có hướng dẫn dịch vụ `{}`.", g.value),
                    )
                    .hint("Tên là tên tệp trong `dich-vu/` không có `.md`."),
            ),
        }
    }
    services
}

/// The text of one area's poster, each piece checked against the font.
fn poster_content(j: &Job, code: &str, plan: &SitePlan, diags: &mut Vec<Diagnostic>) -> Content {
    let area_src = Source {
        file: j.area.file.clone(),
        pos: j.area.code.pos,
    };
    let area_name = fonts::clean(&j.area.name.value);
    check_glyphs(&area_name, &area_src, diags);
    if let Some(c) = j.commune {
        let src = Source {
            file: c.file.clone(),
            pos: c.code.pos,
        };
        check_glyphs(&fonts::clean(&c.name), &src, diags);
    }
    let contacts: Vec<ContactText> = j
        .area
        .contacts
        .iter()
        .map(|c| ContactText {
            name: fonts::clean(&c.name),
            title: fonts::clean(&c.title),
            phone: c.phone.as_deref().map(fonts::clean),
        })
        .collect();
    for c in &contacts {
        for t in [&c.name, &c.title].into_iter().chain(c.phone.as_ref()) {
            check_glyphs(t, &area_src, diags);
        }
    }
    let base = j.info.base_url.value.as_str();
    Content {
        header: header(j.info),
        area_name,
        place: place_line(j.info, j.commune),
        area_qr: codes::qr_data(base, code),
        address: codes::typed_address(base, code),
        hotline: fonts::clean(&j.info.hotline),
        contacts,
        has_back: plan.back.is_some(),
        footer: plan.footer.clone(),
    }
}

/// The band at the top of both sides: who speaks.
fn header(info: &SiteInfo) -> String {
    format!(
        "TỔ CÔNG TÁC TRIỂN KHAI ĐỀ ÁN 06 · {}",
        fonts::clean(&info.name).to_uppercase()
    )
}

/// Every side laid out: one front per job, one back per site with services.
struct Laid {
    fronts: Vec<Vec<Op>>,
    backs: Vec<Vec<Op>>,
    /// Per job, its back in `backs`.
    back_of: Vec<Option<usize>>,
}

/// Step 4: every page laid out, before anything is written.
fn lay_out(
    jobs: &[Job],
    plans: &BTreeMap<&str, SitePlan>,
    contents: &[Content],
) -> Result<Laid, Diagnostics> {
    let f = fonts::fonts();
    let laid: Vec<Result<Vec<Op>, Vec<Misfit>>> = contents
        .par_iter()
        .map_init(layout::FitCache::default, |cache, c| {
            layout::poster(c, f, cache)
        })
        .collect();
    let mut fronts: Vec<Vec<Op>> = Vec::with_capacity(laid.len());
    let mut d = Diagnostics::new();
    for (j, r) in jobs.iter().zip(laid) {
        match r {
            Ok(ops) => fronts.push(ops),
            Err(misfits) => {
                for m in misfits {
                    d.push(misfit_diagnostic(j, &plans[j.site.code.as_str()], &m));
                }
            }
        }
    }
    // The backs: one per site, reported through the site's first area (a back names no area).
    let mut backs: Vec<Vec<Op>> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut cache = layout::FitCache::default();
    for j in jobs {
        let code = j.site.code.as_str();
        let plan = &plans[code];
        let Some(back) = &plan.back else { continue };
        if index.contains_key(code) {
            continue;
        }
        match layout::back(back, f, &mut cache) {
            Ok(ops) => {
                index.insert(code, backs.len());
                backs.push(ops);
            }
            Err(misfits) => {
                for m in misfits {
                    d.push(misfit_diagnostic(j, plan, &m));
                }
            }
        }
    }
    if d.has_errors() {
        return Err(d);
    }
    let back_of = jobs
        .iter()
        .map(|j| index.get(j.site.code.as_str()).copied())
        .collect();
    Ok(Laid {
        fronts,
        backs,
        back_of,
    })
}

/// One PDF to write: its path under the output folder, its title and the posters it holds.
type Batch = (String, String, Vec<usize>);

/// Step 5: one document per area; with no `--khu` filter, one per commune and one per site.
fn documents(project: &Project, jobs: &[Job], batches_too: bool) -> Vec<Batch> {
    let mut docs: Vec<(String, String, Vec<usize>)> = Vec::new();
    for (i, j) in jobs.iter().enumerate() {
        let commune = j
            .commune
            .map(|c| format!(", {}", c.name))
            .unwrap_or_default();
        docs.push((
            format!("{}/{}.pdf", j.site.code, j.stem),
            format!("Áp phích mã QR — {}{commune}", j.area.name.value),
            vec![i],
        ));
    }
    if batches_too {
        let mut batches: BTreeMap<(String, usize), (String, String, Vec<usize>)> = BTreeMap::new();
        for (i, j) in jobs.iter().enumerate() {
            let site_order = project
                .sites
                .iter()
                .position(|s| std::ptr::eq(s, j.site))
                .unwrap_or(0);
            if let Some(c) = j.commune {
                let commune_order = j
                    .info
                    .communes
                    .iter()
                    .position(|x| std::ptr::eq(x, c))
                    .unwrap_or(0);
                batches
                    .entry((format!("{site_order:06}/{commune_order:06}"), 1))
                    .or_insert_with(|| {
                        (
                            format!("{}/{}/{BATCH_FILE}", j.site.code, c.code.value),
                            format!("Áp phích mã QR — {}", c.name),
                            Vec::new(),
                        )
                    })
                    .2
                    .push(i);
            }
            batches
                .entry((format!("{site_order:06}"), 0))
                .or_insert_with(|| {
                    (
                        format!("{}/{BATCH_FILE}", j.site.code),
                        format!("Áp phích mã QR — {}", j.info.name),
                        Vec::new(),
                    )
                })
                .2
                .push(i);
        }
        docs.extend(batches.into_values());
    }
    docs
}

/// Step 5, continued: the PDFs, in parallel, in memory.
fn make_pdfs(
    docs: &[Batch],
    laid: &Laid,
    opts: &Options,
    progress: &dyn Progress,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let f = fonts::fonts();
    let sides = |i: usize| 1 + usize::from(laid.back_of[i].is_some());
    let total: usize = docs.iter().flat_map(|d| &d.2).map(|&i| sides(i)).sum();
    progress.start(total as u64);
    // The largest documents first, so that the site's batch does not run alone at the end.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&d| std::cmp::Reverse(docs[d].2.len()));
    let mut rendered: Vec<(usize, Rendered)> = order
        .par_iter()
        .map(|&d| {
            let (rel, title, idx) = &docs[d];
            let sheets = idx.iter().map(|&i| {
                for _ in 0..sides(i) {
                    progress.page();
                }
                pdf::Sheet {
                    front: &laid.fronts[i],
                    back: laid.back_of[i].map(|b| (b, laid.backs[b].as_slice())),
                }
            });
            let bytes = pdf::document(title, sheets, opts.paper, f);
            (d, bytes.map(|b| (rel.clone(), b)))
        })
        .collect();
    rendered.sort_by_key(|(d, _)| *d);
    let rendered = rendered.into_iter().map(|(_, r)| r);
    let mut files = Vec::with_capacity(rendered.len());
    for r in rendered {
        match r {
            Ok(f) => files.push(f),
            Err(e) => {
                let mut d = Diagnostics::new();
                d.push(
                    Diagnostic::at_path(Severity::Error, opts.out.display().to_string(), Code::Pdf, format!("Không tạo được PDF: {e}."))
                        .hint("Đây là lỗi của niemyet; xin báo kèm nội dung đơn vị. Chưa tệp nào được ghi."),
                );
                return Err(d);
            }
        }
    }

    Ok(files)
}

/// Step 6: every PDF aside, then renamed into place; the ledgers last.
fn write(
    project: &Project,
    files: &[(String, Vec<u8>)],
    site_codes: &mut BTreeMap<&str, SiteCodes>,
    posters: usize,
    opts: &Options,
) -> Result<Summary, Diagnostics> {
    let mut summary = Summary {
        posters,
        ..Summary::default()
    };
    if let Err(e) = write_all(&opts.out, files) {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::at_path(Severity::Error, opts.out.display().to_string(), Code::Ghi, format!("Không ghi được áp phích: {e:#}."))
                .hint("Kiểm tra chỗ trống trên ổ đĩa và quyền ghi. Sổ mã QR chưa thay đổi; chạy lại lệnh."),
        );
        return Err(d);
    }
    for (rel, bytes) in files {
        summary.bytes += bytes.len() as u64;
        summary.files.push(rel.clone());
    }
    let mut d = Diagnostics::new();
    for site in &project.sites {
        let Some(sc) = site_codes.get(site.code.as_str()) else {
            continue;
        };
        if sc.new.is_empty() {
            continue;
        }
        let existing = site.ledger_file.as_ref().map(|f| f.text.as_str());
        let text = ledger::append(existing, &sc.new);
        let path = site.dir.join(ledger::FILE_NAME);
        let rel = format!("{}/{}", site.rel_dir, ledger::FILE_NAME);
        match write_atomic(&path, text.as_bytes()) {
            Ok(()) => {
                summary.new_codes += sc.new.len();
                summary.ledgers.push(rel);
            }
            Err(e) => d.push(
                Diagnostic::at_path(Severity::Error, rel, Code::GhiSoQr, format!("Không ghi được sổ mã QR: {}.", crate::diag::io_reason(&e)))
                    .hint("Chưa in các áp phích vừa tạo. Kiểm tra quyền ghi rồi chạy lại `niemyet posters`: mã mới được tạo lại y hệt."),
            ),
        }
    }
    if d.has_errors() {
        return Err(d);
    }
    Ok(summary)
}

fn misfit_diagnostic(j: &Job, plan: &SitePlan, m: &Misfit) -> Diagnostic {
    let hint =
        "Viết gọn hơn (ví dụ bỏ phần lặp lại), hoặc in khổ A3 không giúp được: bố cục giống A4.";
    let d = match m.field {
        Field::AreaName => j
            .area
            .file
            .error(j.area.name.pos, Code::PosterQuaDai, m.reason.clone()),
        Field::Contact(i) => {
            let name = j.area.contacts.get(i).map_or("", |c| c.name.as_str());
            Source {
                file: j.area.file.clone(),
                pos: j.area.code.pos,
            }
            .error(name, Code::PosterQuaDai, m.reason.clone())
        }
        Field::Service(i) => match plan.services.get(i) {
            Some((g, _)) => Source {
                file: g.file.clone(),
                pos: Pos::START,
            }
            .error(&g.title, Code::PosterQuaDai, m.reason.clone()),
            None => j
                .info
                .file
                .error(Pos::START, Code::PosterQuaDai, m.reason.clone()),
        },
        Field::Place => match j.commune {
            Some(c) => c
                .file
                .error(c.code.pos, Code::PosterQuaDai, m.reason.clone()),
            None => Source {
                file: j.info.file.clone(),
                pos: Pos::START,
            }
            .error(&j.info.name, Code::PosterQuaDai, m.reason.clone()),
        },
        Field::SiteName => Source {
            file: j.info.file.clone(),
            pos: Pos::START,
        }
        .error(&j.info.name, Code::PosterQuaDai, m.reason.clone()),
        Field::Hotline => Source {
            file: j.info.file.clone(),
            pos: Pos::START,
        }
        .error(&j.info.hotline, Code::PosterQuaDai, m.reason.clone()),
        Field::BaseUrl => {
            return j
                .info
                .file
                .error(j.info.base_url.pos, Code::PosterMaQr, m.reason.clone())
                .hint(
                    "Dùng tên miền ngắn hơn cho `base_url` (mã QR càng ngắn càng thưa, dễ quét).",
                );
        }
    };
    d.hint(hint)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename: a reader
/// sees the old file or the new one, never half of one.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path(path);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.niemyet-tmp"))
}

/// Every file aside first; renamed only when all are written, so a full disk leaves no new PDF.
fn write_all(out: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    use anyhow::Context;
    let mut staged = Vec::with_capacity(files.len());
    let result = (|| {
        for (rel, bytes) in files {
            let path = out.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| anyhow::anyhow!(crate::diag::io_reason(&e)))
                    .with_context(|| format!("tạo thư mục cho {rel}"))?;
            }
            let tmp = temp_path(&path);
            std::fs::write(&tmp, bytes)
                .map_err(|e| anyhow::anyhow!(crate::diag::io_reason(&e)))
                .with_context(|| format!("ghi {rel}"))?;
            staged.push((tmp, path));
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &staged {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (tmp, path) in &staged {
        std::fs::rename(tmp, path)
            .map_err(|e| anyhow::anyhow!(crate::diag::io_reason(&e)))
            .with_context(|| {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                format!("đổi tên thành {name}")
            })?;
    }
    Ok(())
}
