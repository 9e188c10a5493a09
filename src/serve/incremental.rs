//! The preview's memory: one site loaded, validated and rendered, kept between edits so that a
//! saved document costs only what depends on it.
//!
//! A change to a document under `van-ban/` re-reads that file alone, re-validates it alone, then
//! re-resolves the site (cheap: numbers, slugs, relations) and re-renders only the pages whose
//! inputs moved: each page has a fingerprint of what it shows (its own source and body; the
//! summaries of the documents it cites and that cite it; the summaries a list shows, in order),
//! and a page is rendered again exactly when its fingerprint changes. Link checks run over every
//! body each time (from cached Markdown output), so a renamed or deleted document reports the
//! links that broke. Anything else (`_site.yaml`, guides, the theme, `niemyet.yaml`, attachments,
//! the QR ledger) reloads the whole site: rare, and never wrong.
//!
//! The result must be byte-identical to `niemyet build` of the same files (tests check this after
//! sequences of edits, renames and deletions); this module never writes into the project.

use crate::diag::{Diagnostic, Diagnostics};
use crate::project::{self, Project};
use crate::render::markdown::Rendered;
use crate::render::templates::{self, Theme};
use crate::render::{self, OutFile, RenderOptions, views};
use crate::resolve::{self, Relation, SiteModel};
use crate::routes::{self, Deps, Page, PageKind, Routes};
use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file of the served site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Served {
    Bytes(Arc<[u8]>),
    /// An attachment, read from the project when asked for.
    File(PathBuf),
}

/// What a rebuild did, for the console and the browser.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Pages rendered again (output paths).
    pub rendered: Vec<String>,
    /// Pages that no longer exist.
    pub removed: Vec<String>,
    /// Whether the whole site was reloaded.
    pub full: bool,
}

pub struct Session {
    root: PathBuf,
    site: String,
    today: NaiveDate,
    project: Project,
    theme: Option<Theme>,
    /// Loader and validation problems that belong to no document.
    base_diags: Vec<Diagnostic>,
    /// Loader and validation problems of each document, by its path (`content/SITE/van-ban/…`).
    doc_diags: BTreeMap<String, Vec<Diagnostic>>,
    /// Markdown output of each document, with the hash of its source text.
    bodies: FxHashMap<String, (u64, Rendered)>,
    guide_bodies: Vec<Rendered>,
    /// Page output path → fingerprint of its inputs (document-dependent pages only).
    fingerprints: HashMap<String, u64>,
    /// The whole served site, by output path.
    pub files: BTreeMap<String, Served>,
    /// What the search index read of each page last time: an edit re-reads only changed pages.
    search_cache: crate::search::IndexCache,
    /// The last resolution of the site, reused while no front matter changes (most saves only
    /// touch a body): resolving thousands of documents is the costliest step of a save.
    resolution: Option<resolve::Resolution>,
    front_matter_changed: bool,
    /// Pages left for [`Session::finish_pending`] by [`Session::apply_first`].
    pending: bool,
    /// Every diagnostic of the last run.
    pub diags: Diagnostics,
    /// The pages of the site as last rendered.
    routes: Option<Routes>,
}

fn hash_of<T: Hash + ?Sized>(x: &T) -> u64 {
    let mut h = FxHasher::default();
    x.hash(&mut h);
    h.finish()
}

/// What a path under the project root means for the preview.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    /// A document of the served site (`content/SITE/van-ban/**.md`), by path relative to the site.
    Document(String),
    /// Something the site depends on as a whole.
    Site,
    /// Not ours: another site, editor junk, the output folder.
    Ignored,
}

pub fn classify(root: &Path, site: &str, path: &Path) -> Change {
    let Ok(rel) = path.strip_prefix(root) else {
        return Change::Ignored;
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.iter().any(|p| project::load::is_junk(p)) {
        return Change::Ignored;
    }
    match parts.first().map(String::as_str) {
        Some("niemyet.yaml") if parts.len() == 1 => Change::Site,
        Some("themes") => Change::Site,
        Some("content") => match parts.get(1).map(String::as_str) {
            Some("_chung") => Change::Site,
            Some(s) if s == site => {
                let is_doc = parts.get(2).map(String::as_str) == Some("van-ban")
                    && parts.len() > 3
                    && parts
                        .last()
                        .is_some_and(|n| n.to_lowercase().ends_with(".md"))
                    && !path.is_dir();
                if is_doc {
                    Change::Document(parts[2..].join("/"))
                } else {
                    Change::Site
                }
            }
            Some(_) if parts.len() == 2 => Change::Site, // a site folder appeared or went
            None => Change::Site, // `content/` itself was removed, restored or moved
            _ => Change::Ignored,
        },
        _ => Change::Ignored,
    }
}

impl Session {
    /// Loads, validates and renders the site `site` of the project at `root`.
    pub fn open(root: &Path, site: &str, today: NaiveDate) -> Session {
        let mut s = Session {
            root: root.to_path_buf(),
            site: site.to_string(),
            today,
            project: Project {
                root: root.to_path_buf(),
                theme: "default".into(),
                shared_guides: Vec::new(),
                sites: Vec::new(),
            },
            theme: None,
            base_diags: Vec::new(),
            doc_diags: BTreeMap::new(),
            bodies: FxHashMap::default(),
            guide_bodies: Vec::new(),
            fingerprints: HashMap::new(),
            search_cache: Default::default(),
            resolution: None,
            front_matter_changed: true,
            pending: false,
            files: BTreeMap::new(),
            diags: Diagnostics::new(),
            routes: None,
        };
        s.reload();
        s
    }

    pub fn site(&self) -> &str {
        &self.site
    }

    /// Base path of the served site (`/` or `/de-an-06/`), from its `base_url`.
    pub fn base_path(&self) -> String {
        self.project
            .sites
            .first()
            .and_then(|s| s.info.as_ref())
            .map_or_else(|| "/".to_string(), views::base_path)
    }

    /// Everything from the files: what `build` does for one site.
    fn reload(&mut self) -> Outcome {
        self.resolution = None;
        let mut d = Diagnostics::new();
        self.project = project::load::load(&self.root, std::slice::from_ref(&self.site), &mut d);
        crate::validate::project(&self.project, self.today, &mut d);
        let doc_paths: BTreeSet<String> = self
            .project
            .sites
            .iter()
            .flat_map(|s| s.documents.iter().map(|doc| doc.file.path.clone()))
            .collect();
        let site_dir = format!("content/{}/van-ban/", self.site);
        self.base_diags.clear();
        self.doc_diags.clear();
        for diag in d.into_vec() {
            // A document that failed to parse has no `Document`, but its problems are its own.
            if doc_paths.contains(&diag.path) || diag.path.starts_with(&site_dir) {
                self.doc_diags
                    .entry(diag.path.clone())
                    .or_default()
                    .push(diag);
            } else {
                self.base_diags.push(diag);
            }
        }
        let files = project::theme::read(&self.root, &self.project.theme);
        self.theme = match files.and_then(templates::load) {
            Ok(t) => Some(t),
            Err(ds) => {
                self.base_diags.extend(ds);
                None
            }
        };
        self.bodies.clear();
        self.guide_bodies.clear();
        self.fingerprints.clear();
        let old: BTreeSet<String> = self.files.keys().cloned().collect();
        self.files.clear();
        let mut out = self.render();
        out.full = true;
        out.removed = old
            .into_iter()
            .filter(|p| !self.files.contains_key(p))
            .collect();
        out
    }

    /// Applies changed paths (from the watcher), rendering first only the pages of the
    /// documents saved (what the clerk is looking at), so that the preview can reload at once;
    /// the pages that depend on them (lists, citing documents) wait for
    /// [`Session::finish_pending`]. Returns what was rendered again.
    pub fn apply_first(&mut self, paths: &[PathBuf]) -> Outcome {
        let mut docs: BTreeSet<String> = BTreeSet::new();
        for p in paths {
            match classify(&self.root, &self.site, p) {
                Change::Ignored => {}
                Change::Site if self.passing_file(p) => {}
                Change::Site => return self.reload(),
                Change::Document(rel) => {
                    docs.insert(rel);
                }
            }
        }
        if docs.is_empty() {
            return Outcome::default();
        }
        let Some(site_idx) = self.project.sites.iter().position(|s| s.code == self.site) else {
            return self.reload();
        };
        for rel in &docs {
            self.reload_document(site_idx, rel);
        }
        self.pending = true;
        self.render_pages(Some(&docs))
    }

    /// An editor's temporary file under `van-ban/`, already gone (saved under a temporary name
    /// and renamed, or a probe file created and deleted at once): nothing the site ever had, no
    /// need to reload the whole site for it.
    fn passing_file(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let docs = format!("content/{}/van-ban/", self.site);
        let Some(inside) = rel.strip_prefix(&docs) else {
            return false;
        };
        !path.exists()
            && !self.doc_diags.contains_key(&rel)
            && !self.base_diags.iter().any(|d| d.path == rel)
            && !self.project.sites.iter().any(|s| {
                s.documents.iter().any(|d| {
                    d.rel_path
                        .strip_prefix("van-ban/")
                        .is_some_and(|r| r.starts_with(inside))
                })
            })
    }

    /// Renders what [`Session::apply_first`] left for later; `None` when nothing was left.
    pub fn finish_pending(&mut self) -> Option<Outcome> {
        if !std::mem::take(&mut self.pending) {
            return None;
        }
        Some(self.render())
    }

    /// Re-reads one document of the site (or forgets it when the file is gone).
    fn reload_document(&mut self, site_idx: usize, rel: &str) {
        let site_dir = self.project.sites[site_idx].dir.clone();
        let path = site_dir.join(rel);
        let file_path = format!("content/{}/{rel}", self.site);
        let old_front_matter = {
            let site = &mut self.project.sites[site_idx];
            let old = site
                .documents
                .iter()
                .find(|d| d.rel_path == rel)
                .map(front_matter);
            site.documents.retain(|d| d.rel_path != rel);
            old
        };
        let new_front_matter = self.load_document(site_idx, rel, &path, &file_path);
        if new_front_matter != old_front_matter {
            self.front_matter_changed = true;
        }
    }

    /// Loads and validates one document into the site; returns its front matter when it loads.
    fn load_document(
        &mut self,
        site_idx: usize,
        rel: &str,
        path: &Path,
        file_path: &str,
    ) -> Option<String> {
        let file_path = file_path.to_string();
        self.doc_diags.remove(&file_path);
        self.bodies.remove(&file_path);
        if !path.is_file() {
            return None;
        }
        let (doc, mut diags) = project::load::load_document(&self.root, rel, path);
        let loaded = doc.as_ref().map(front_matter);
        if let Some(doc) = doc {
            // Its rules never compare it with other documents (those run in `resolve`), so
            // this gives exactly what a full run says about it.
            let site = &mut self.project.sites[site_idx];
            let mut vd = Diagnostics::new();
            crate::validate::document_alone(site, &doc, self.today, &mut vd);
            diags.extend(vd.into_vec());
            site.documents.push(doc);
            // Walk order (by path, component by component): a collision reports the same file.
            site.documents
                .sort_by(|a, b| Path::new(&a.rel_path).cmp(Path::new(&b.rel_path)));
        }
        if !diags.is_empty() {
            self.doc_diags.insert(file_path, diags);
        }
        loaded
    }

    /// Resolves the site and renders every page whose fingerprint moved.
    fn render(&mut self) -> Outcome {
        self.pending = false;
        self.render_pages(None)
    }

    /// [`Session::render`], limited when `first` is given to the pages of those documents (paths
    /// inside the site); the other pages keep their old fingerprints, so the next full pass
    /// renders them.
    fn render_pages(&mut self, first: Option<&BTreeSet<String>>) -> Outcome {
        let mut diags = Diagnostics::new();
        diags.extend(self.base_diags.iter().cloned());
        diags.extend(self.doc_diags.values().flatten().cloned());
        let Some(site) = self.project.sites.iter().find(|s| s.code == self.site) else {
            self.diags = diags;
            return Outcome::default();
        };
        let (Some(info), Some(theme)) = (&site.info, &self.theme) else {
            if let Some(info) = &site.info {
                // Resolve anyway so that the site's own problems are all reported, as `build` does.
                let _ = resolve::site(&self.project, site, info, false, &mut diags);
            }
            self.diags = diags;
            return Outcome::default();
        };
        let model = resolved(
            &mut self.resolution,
            self.front_matter_changed,
            (&self.project, site, info),
            &mut diags,
        );
        self.front_matter_changed = false;
        let bp = views::base_path(info);
        update_bodies(&mut self.bodies, &mut self.guide_bodies, &model, &bp);
        let (doc_bodies, versions) = stored_bodies(&self.bodies, &model);
        let guide_bodies: Vec<&Rendered> = self.guide_bodies.iter().collect();
        let summaries: Vec<views::DocSummary> = (0..model.docs.len())
            .into_par_iter()
            .map(|i| views::summary(&model, i, self.today, &bp))
            .collect();
        let routes = Routes::of(&model, theme.static_paths());
        let fingerprints = fingerprints(&model, &routes, &summaries, &versions);
        let is_first = |page: &Page| match page.kind {
            PageKind::Document(i) => first.is_none_or(|f| f.contains(&model.docs[i].doc.rel_path)),
            _ => first.is_none(),
        };
        let want = |page: &Page| {
            if !is_first(page) {
                return false;
            }
            let file = page.file();
            if !self.files.contains_key(&file) {
                return true;
            }
            // A page that shows nothing of any document changes only on a full reload.
            fingerprints
                .get(&file)
                .is_some_and(|fp| self.fingerprints.get(&file) != Some(fp))
        };
        let opts = RenderOptions {
            today: self.today,
            root: self.root.clone(),
        };
        let out = render::site_pages(
            &model,
            &routes,
            theme,
            &opts,
            render::Bodies {
                docs: Some(&doc_bodies),
                guides: &guide_bodies,
            },
            &want,
            Some(summaries),
            &render::keep,
            &mut diags,
        );
        self.keep_rendered(routes, out.files, fingerprints, first, diags)
    }

    /// Merges the pages rendered into the served site and keeps their fingerprints (all of them;
    /// with `first`, those of the pages rendered); the run's diagnostics and routes become current.
    fn keep_rendered(
        &mut self,
        routes: Routes,
        rendered: Vec<OutFile>,
        fingerprints: HashMap<String, u64>,
        first: Option<&BTreeSet<String>>,
        diags: Diagnostics,
    ) -> Outcome {
        let page_files: Vec<String> = routes.pages.iter().map(Page::file).collect();
        let pages: BTreeSet<&str> = page_files.iter().map(String::as_str).collect();
        let old = std::mem::take(&mut self.files);
        let (files, outcome) = merge_rendered(old, rendered, &pages);
        self.files = files;
        self.fingerprints = if first.is_some() {
            // Only the pages rendered are up to date.
            let mut kept = std::mem::take(&mut self.fingerprints);
            kept.retain(|p, _| pages.contains(p.as_str()));
            kept.extend(
                outcome
                    .rendered
                    .iter()
                    .filter_map(|p| Some((p.clone(), *fingerprints.get(p)?))),
            );
            kept
        } else {
            fingerprints
        };
        self.diags = diags;
        self.routes = Some(routes);
        outcome
    }

    /// Rebuilds the search index from the pages in memory, reading again only the pages that
    /// changed. Still the slowest step on a big site (every word list is written again), so
    /// `serve` calls it after the browser has reloaded, not before.
    pub fn refresh_search(&mut self) {
        let Some(site) = self.project.sites.iter().find(|s| s.code == self.site) else {
            return;
        };
        let Some(info) = &site.info else { return };
        // The resolution the last render made (or left current) serves here too.
        let model = resolved(
            &mut self.resolution,
            self.front_matter_changed,
            (&self.project, site, info),
            &mut Diagnostics::new(),
        );
        let pages: Vec<(&str, &[u8])> = self
            .files
            .iter()
            .filter(|(p, _)| !p.starts_with(crate::search::DIR))
            .filter_map(|(p, f)| match f {
                Served::Bytes(b) => Some((p.as_str(), &b[..])),
                Served::File(_) => None,
            })
            .collect();
        let routes = match &self.routes {
            Some(r) => r,
            None => &Routes::of(&model, std::iter::empty()),
        };
        let index = crate::search::index_cached(&model, routes, &pages, &mut self.search_cache);
        self.files.retain(|p, _| !p.starts_with(crate::search::DIR));
        for f in index {
            match f {
                OutFile::Bytes(p, b) => {
                    self.files.insert(p, Served::Bytes(b.into()));
                }
                OutFile::Copy(p, src) => {
                    self.files.insert(p, Served::File(src));
                }
            }
        }
    }
}

/// Each document's stored body and the version of its source, in model order. One lookup per
/// document (thousands of them, each a few cache misses away).
fn stored_bodies<'b>(
    bodies: &'b FxHashMap<String, (u64, Rendered)>,
    model: &SiteModel,
) -> (Vec<&'b Rendered>, Vec<u64>) {
    model
        .docs
        .par_iter()
        .map(|e| {
            let (version, body) = &bodies[&e.doc.file.path];
            (body, *version)
        })
        .unzip()
}

/// Renders the Markdown of the documents that have no body in `bodies` (new or changed: a
/// document's entry is dropped when its file is re-read, so presence means current), with the
/// hash of each source for the page fingerprints; and the guides' when their number changed.
fn update_bodies(
    bodies: &mut FxHashMap<String, (u64, Rendered)>,
    guide_bodies: &mut Vec<Rendered>,
    model: &SiteModel,
    bp: &str,
) {
    let missing: Vec<(String, &str, &str)> = model
        .docs
        .par_iter()
        .filter(|e| !bodies.contains_key(&e.doc.file.path))
        .map(|e| {
            (
                e.doc.file.path.clone(),
                e.doc.file.text.as_str(),
                e.doc.body(),
            )
        })
        .collect();
    let fresh: Vec<(String, u64, Rendered)> = missing
        .into_par_iter()
        .map(|(p, text, body)| (p, hash_of(text), render::markdown::render(body, bp)))
        .collect();
    for (p, h, r) in fresh {
        bodies.insert(p, (h, r));
    }
    if guide_bodies.len() != model.guides.len() {
        *guide_bodies = model
            .guides
            .par_iter()
            .map(|g| render::markdown::render(g.body(), bp))
            .collect();
    }
}

/// The served files after a render: the old ones that are still pages of the site (`pages`)
/// or other files, replaced by what was just rendered; and what was rendered or removed.
fn merge_rendered(
    old: BTreeMap<String, Served>,
    rendered: Vec<OutFile>,
    pages: &BTreeSet<&str>,
) -> (BTreeMap<String, Served>, Outcome) {
    let mut outcome = Outcome::default();
    let mut files: BTreeMap<String, Served> = BTreeMap::new();
    for (path, f) in old {
        if pages.contains(path.as_str()) {
            files.insert(path, f);
        } else if !path.starts_with(crate::search::DIR) {
            outcome.removed.push(path);
        }
    }
    for f in rendered {
        match f {
            OutFile::Bytes(p, b) => {
                if pages.contains(p.as_str()) {
                    outcome.rendered.push(p.clone());
                    outcome.removed.retain(|r| *r != p);
                }
                files.insert(p, Served::Bytes(b.into()));
            }
            OutFile::Copy(p, src) => {
                files.insert(p, Served::File(src));
            }
        }
    }
    // Removed = no longer a page and no longer any file.
    outcome.removed.retain(|p| !files.contains_key(p));
    (files, outcome)
}

/// The site's model: the last resolution's while no front matter changed since it was made,
/// else a new one, kept for the next save. Its problems go to `diags` either way.
fn resolved<'p>(
    resolution: &mut Option<resolve::Resolution>,
    front_matter_changed: bool,
    (project, site, info): (&'p Project, &'p project::Site, &'p project::SiteInfo),
    diags: &mut Diagnostics,
) -> SiteModel<'p> {
    if let Some(r) = resolution.as_ref().filter(|_| !front_matter_changed)
        && let Some(model) = r.model(project, site, info)
    {
        diags.extend(r.diags.iter().cloned());
        return model;
    }
    let mut found = Diagnostics::new();
    let model = resolve::site(project, site, info, false, &mut found);
    let found = found.into_vec();
    diags.extend(found.iter().cloned());
    *resolution = Some(resolve::Resolution::of(&model, found));
    model
}

/// A document's file up to its body: its `---` block (the body is the rest of the file).
fn front_matter(doc: &project::Document) -> String {
    let text = &doc.file.text;
    text.get(..text.len().saturating_sub(doc.body().len()))
        .unwrap_or(text)
        .to_string()
}

/// Fingerprints of the pages that show something of the site's documents, by output path, from
/// what the route table says each page depends on ([`Deps`]); pages that show nothing of any
/// document have none and are rendered again only on a full reload.
fn fingerprints(
    model: &SiteModel,
    routes: &Routes,
    summaries: &[views::DocSummary],
    versions: &[u64],
) -> HashMap<String, u64> {
    let summaries: Vec<u64> = summaries
        .par_iter()
        .map(|s| hash_of(&serde_json::to_vec(s).unwrap_or_default()))
        .collect();
    // The kinds and years that exist, with their numbers of documents, are part of every list
    // page (its navigation).
    let kinds: Vec<usize> = (routes.kinds.iter())
        .map(|k| routes.list_len(&routes::kind_list(k)))
        .collect();
    let years: Vec<usize> = (routes.years.iter())
        .map(|&y| routes.list_len(&routes::year_list(y)))
        .collect();
    let nav = hash_of(&(&routes.kinds, &routes.years, kinds, years));
    routes
        .pages
        .par_iter()
        .filter_map(|page| {
            let mut h = FxHasher::default();
            match page.deps() {
                Deps::SiteOnly => return None,
                Deps::Document(i) => {
                    let e = &model.docs[i];
                    // The source text decides the body and the page's own fields.
                    versions[i].hash(&mut h);
                    summaries[i].hash(&mut h);
                    for c in &e.cites {
                        (c.relation as u8, c.target.map(|t| summaries[t])).hash(&mut h);
                    }
                    for (r, j) in &e.cited_by {
                        (*r as u8, summaries[*j]).hash(&mut h);
                        // A decision's page prints the text of what was issued with it.
                        if *r == Relation::IssuedWith {
                            versions[*j].hash(&mut h);
                        }
                    }
                }
                Deps::Summaries {
                    docs,
                    nav: with_nav,
                    part,
                    about,
                } => {
                    for &i in docs {
                        (i, summaries[i]).hash(&mut h);
                    }
                    about.map(|i| summaries[i]).hash(&mut h);
                    if with_nav {
                        nav.hash(&mut h);
                    }
                    part.hash(&mut h);
                }
            }
            Some((page.file(), h.finish()))
        })
        .collect()
}
