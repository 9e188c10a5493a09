//! The search index behind `/tim-kiem/` (SPEC §6): built with the site, read by the site's own
//! small script (`static/search.js`), no server and no WebAssembly.
//!
//! Residents type without diacritics, so words are indexed *folded*: tone marks dropped, đ→d,
//! lowercase ("Đăng ký tạm trú" → `dang ky tam tru`). [`fold_char`] is the one definition of
//! a word; `search.js` folds a query the same way.
//! A document's own number is also indexed whole (`290/qd-ubnd`) so typing it finds that document
//! first, before the documents that merely cite it.
//!
//! We used Pagefind as a library first. It spent ≈ 6 ms of CPU per page (HTML parsing, its
//! word splitting, zlib), 90% of a 10,000-document build, and could not fold đ; an index of our
//! own takes a few percent of the build and a resident's phone downloads less (no WASM).
//!
//! Layout, under `/tim-kiem/chi-muc/` (version 2; a query on a phone downloads well under 100 KB
//! at 100,000 documents, `cargo bench --bench build -- search-bytes`):
//! - `muc-luc.json`: the number of pages, `keys` (each word chunk's separator key, joined by
//!   spaces: the shortest start of its first word that sorts after the chunk before), `chunks`
//!   (each word chunk's hash, [`HASH_CHARS`] hex digits end to end) and `meta_version`;
//! - `t-K-HASH.json`, word chunk K: `["word","POSTINGS",pages?,…]` in the script's word order
//!   (UTF-16 code units). POSTINGS is a string of URL-safe letters ([`LETTERS`], 6 bits each):
//!   per page its id's distance from the previous one (5 bits a letter, the sixth saying "more
//!   follow"), then its score as one letter (1–63: BM25's term-frequency part, weighted by where
//!   the word stands; the script multiplies it by the word's rarity). The number after it, when
//!   there is one, is how many pages the word is on: the string keeps the best [`MAX_POSTINGS`];
//! - `m-K.json`: `[meta_version, [url, title, kind, description], …]` of the [`META_PAGES`] pages
//!   from id K × [`META_PAGES`]. `meta_version` hashes the pages' addresses in id order (what an id
//!   means): a title edited rewrites one chunk, a page added or removed all of them.
//!
//! Word chunks carry a hash of their content in their name, so a browser never mixes word chunks
//! of two builds; description chunks keep their names, and the script revalidates them and
//! compares their version with its manifest's (on a mismatch, the site was published again while
//! the page was open: it starts the query again with the new manifest).
//!
//! Output is byte-identical for the same input. Only what the rendered pages already show is
//! indexed (elements marked `data-khong-tim`, such as a document's property table, are left out).

use crate::render::OutFile;
use crate::render::views::title_case;
use crate::resolve::SiteModel;
use crate::routes::{PageKind, Routes};
use crate::text::date::date_vi;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folder of the index in a built site.
pub const DIR: &str = "tim-kiem/chi-muc";
/// The one file of the index with a fixed name.
pub const MANIFEST: &str = "muc-luc.json";
/// Word chunks are cut after about this many bytes. A query downloads the manifest, whose table
/// grows with the number of chunks, and the chunk of each word: at 100,000 documents this size
/// downloads the least (`cargo bench --bench build -- search-bytes`).
const CHUNK_BYTES: usize = 8 * 1024;
/// Pages kept for one word: a word found on most pages of a province of 100,000 documents
/// ("kế", "hoạch") tells little apart, and its full list would be half a megabyte for a phone to
/// download. Rarer words, those that find things, keep all their pages.
const MAX_POSTINGS: usize = 2_000;
/// Pages per description chunk: each result shown needs the chunk of its page, and the ten
/// results of a query are rarely neighbours.
pub const META_PAGES: usize = 10;
/// Longer "words" (hashes, links, runs of digits) are not indexed; the script ignores them too.
pub const MAX_WORD_CHARS: usize = 40;

// Where a word stands decides its weight: a word of the title counts as much as this many words
// of the text, the document's own number more still.
const W_TITLE: u32 = 4;
const W_NUMBER: u32 = 8;
// BM25's usual constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Scores run 1–63: one letter of a postings string ([`push_postings`]).
const MAX_SCORE: f64 = 63.0;

/// The score of a word counted `w` times (weighted) on a page whose length gives BM25's `norm`:
/// BM25's term-frequency part, scaled to 1–[`MAX_SCORE`].
fn tf_score(w: f64, norm: f64) -> u8 {
    (w / (w + norm) * MAX_SCORE).round().clamp(1.0, MAX_SCORE) as u8
}

/// One page to index. Its address, title and kind are the model's, asked again when the index
/// is written ([`Indexer::meta`]): a province's hundred thousand pages need not carry them.
struct Entry {
    /// The page's number in the route table it was read with (`serve` asks again: [`Indexer::meta`]).
    page: u32,
    /// The page's `<h1>`, for a page whose title the model does not hold (the roster, areas).
    heading: Option<Box<str>>,
    description: Box<str>,
    /// Folded words, each packed as `number << 8 | weighted count` (the [`Vocabulary`]'s number;
    /// counts past 255 are 255, which changes no score: BM25 has long stopped growing there),
    /// and the number of words of the text. Four bytes a word of a page: a province of 100,000
    /// documents holds twenty million of them until the last page is read.
    words: Box<[u32]>,
    len: u32,
}

/// Words an index can number in a packed word (16 million; words met after those are left out).
const MAX_WORDS: u32 = 1 << 24;

fn packed_word(word: u32, count: u32) -> u32 {
    (word << 8) | count.min(255)
}

fn unpack_word(packed: u32) -> (u32, u32) {
    (packed >> 8, packed & 0xFF)
}

/// The words of one index, each given a number once: a page keeps numbers, not strings (at
/// 100,000 documents, twenty million of them). Numbers are handed out in whatever order the
/// threads meet the words; nothing published depends on them, the index is written in word order.
pub struct Vocabulary {
    /// Tells the threads' caches of two vocabularies apart.
    id: u64,
    words: Mutex<Numbered>,
}

/// Each word's number, and the words by number.
type Numbered = (FxHashMap<Box<str>, u32>, Vec<Box<str>>);

/// Words a thread remembers the numbers of without asking the shared table; past this, the
/// cache starts over at the next page (a hostile site of random words must not grow it without
/// end).
const THREAD_CACHE_WORDS: usize = 1 << 20;

/// What a thread remembers of a word: its number, and where the page that last counted it
/// counts it (one hash lookup a word, for the number and the count together). Eight bytes: a
/// thread looks up every word of every page in its cache, and the smaller it is the more of it
/// stays close to the processor.
struct Seen {
    id: u32,
    /// Where the word's count was in the list of the last page that counted it: the page being
    /// read counts the word there if that place holds its number (a page lists a word once).
    at: u32,
}

/// Words of at most this many bytes (almost every folded Vietnamese word: "nghieng" is 7) are
/// looked up by a [`short_key`], compared and hashed as one integer; longer words by their
/// string.
const SHORT_WORD: usize = 15;

/// A short word, `bytes[..len]`, as two numbers: its bytes followed by zeros, with its length in
/// the last byte (no two words share a key, whatever bytes they hold); `None` past
/// [`SHORT_WORD`] bytes. Not a `u128`, whose alignment would pad each entry of the cache to 32
/// bytes.
fn short_key(bytes: &[u8], len: usize) -> Option<ShortKey> {
    if len > SHORT_WORD {
        return None;
    }
    let mut head = match bytes.first_chunk::<16>() {
        Some(&chunk) => {
            // The bytes past the word zeroed at once, not copied one by one.
            (u128::from_le_bytes(chunk) & KEEP[len]).to_le_bytes()
        }
        None => {
            let mut head = [0; 16];
            head[..len].copy_from_slice(bytes.get(..len)?);
            head
        }
    };
    head[15] = len as u8;
    let (low, high) = head.split_at(8);
    let half = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
    Some((half(low), half(high)))
}

type ShortKey = (u64, u64);

/// `KEEP[len]`: the low `len` bytes of a `u128` (a shift by a variable amount costs a dozen
/// instructions on a 128-bit number; a word's key is made for every word of every page).
const KEEP: [u128; SHORT_WORD + 1] = {
    let mut masks = [0u128; SHORT_WORD + 1];
    let mut len = 0;
    while len <= SHORT_WORD {
        masks[len] = (1u128 << (8 * len)) - 1;
        len += 1;
    }
    masks
};

#[derive(Default)]
struct WordCache {
    /// The vocabulary these numbers belong to.
    owner: u64,
    /// What the thread knows of each word, found through `short`, `long` and `raw`.
    seen: Vec<Seen>,
    /// Words of at most [`SHORT_WORD`] bytes, by [`short_key`]: their place in `seen`.
    short: FxHashMap<ShortKey, u32>,
    /// Longer words.
    long: FxHashMap<Box<str>, u32>,
    /// Words as a page spells them (`Đơn`, `đơn`), at most [`SHORT_WORD`] bytes between two
    /// word ends, by [`short_key`] of those bytes: the place in `seen` of the one word they fold
    /// to, or [`NOT_ONE_WORD`]. Most of a page's words are found here without folding a
    /// character (a province's text repeats a few thousand spellings).
    raw: FxHashMap<ShortKey, u32>,
    /// The list [`Words::counts`] of the last page, kept for the next: a page's list does not
    /// grow from nothing.
    counts: Vec<(u32, u32)>,
}

thread_local! {
    static WORD_CACHE: std::cell::RefCell<WordCache> = std::cell::RefCell::default();
}

impl Default for Vocabulary {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Vocabulary {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            words: Mutex::default(),
        }
    }
}

impl Vocabulary {
    /// The number of `word` in the shared table, given now if it has none.
    fn id(&self, word: &str) -> u32 {
        let mut shared = self.words.lock().unwrap_or_else(|e| e.into_inner());
        let (ids, words) = &mut *shared;
        match ids.get(word) {
            Some(&id) => id,
            None => {
                let id = words.len() as u32;
                ids.insert(word.into(), id);
                words.push(word.into());
                id
            }
        }
    }

    /// Starts reading a page on this thread: the thread's cache of word numbers, taken for the
    /// page (a word costs one lookup, not a thread-local access too; [`Words`] gives it back).
    fn begin_page(&self) -> WordCache {
        let c = WORD_CACHE.with_borrow_mut(std::mem::take);
        if c.owner != self.id || c.len() >= THREAD_CACHE_WORDS {
            return WordCache {
                owner: self.id,
                ..WordCache::default()
            };
        }
        c
    }
}

impl WordCache {
    /// Words remembered.
    fn len(&self) -> usize {
        self.seen.len() + self.raw.len()
    }

    /// Adds `weight` to `word` (folded, whole characters; `key` its [`short_key`]) in `counts`,
    /// a page's, and says where the word is in `seen`. A word met for the first time is
    /// [`remember`]ed out of line.
    fn count(
        &mut self,
        vocab: &Vocabulary,
        word: &[u8],
        key: Option<ShortKey>,
        weight: u32,
        counts: &mut Vec<(u32, u32)>,
    ) -> u32 {
        let at = match key {
            Some(key) => match self.short.get(&key) {
                Some(&at) => at,
                None => remember(&mut self.short, &mut self.seen, key, vocab, word_str(word)),
            },
            None => {
                let word = word_str(word);
                match self.long.get(word) {
                    Some(&at) => at,
                    None => remember(&mut self.long, &mut self.seen, word.into(), vocab, word),
                }
            }
        };
        self.count_at(at, weight, counts);
        at
    }

    /// Adds `weight` to the word at `at` in `seen`, in `counts`.
    fn count_at(&mut self, at: u32, weight: u32, counts: &mut Vec<(u32, u32)>) {
        let Some(seen) = self.seen.get_mut(at as usize) else {
            return;
        };
        match counts.get_mut(seen.at as usize) {
            Some((id, n)) if *id == seen.id => *n = n.saturating_add(weight),
            _ => {
                seen.at = counts.len() as u32;
                counts.push((seen.id, weight));
            }
        }
    }
}

/// Remembers `word`, met for the first time on this thread, in `seen` and in `cache` under
/// `key`; says where it is in `seen`.
#[cold]
fn remember<K: Hash + Eq>(
    cache: &mut FxHashMap<K, u32>,
    seen: &mut Vec<Seen>,
    key: K,
    vocab: &Vocabulary,
    word: &str,
) -> u32 {
    let at = seen.len() as u32;
    seen.push(Seen {
        id: vocab.id(word),
        at: u32::MAX,
    });
    cache.insert(key, at);
    at
}

/// In [`WordCache::raw`]: the bytes do not fold to exactly one word (a dash or a stray mark
/// inside, bytes that are not UTF-8): they are read character by character each time.
const NOT_ONE_WORD: u32 = u32::MAX;

/// Whether a byte can be part of a word's spelling: an ASCII letter or digit, or a byte of a
/// character past ASCII (which may still turn out to end the word, see [`NOT_ONE_WORD`]).
const SPELLING: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0x80 || (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// How many bytes `bytes` start with that can spell a word, when at most [`SHORT_WORD`].
fn spelling_len(bytes: &[u8]) -> Option<usize> {
    let ends = |b: &u8| !SPELLING[usize::from(*b)];
    match bytes.first_chunk::<{ SHORT_WORD + 1 }>() {
        // Sixteen bytes at hand (nearly always): a loop the compiler unrolls, no bounds checks.
        Some(head) => head.iter().position(ends),
        None => bytes.iter().position(ends).or(Some(bytes.len())),
    }
}

/// A word [`Words`] collected, as text: it holds whole characters only.
fn word_str(word: &[u8]) -> &str {
    std::str::from_utf8(word).expect("a word is made of whole characters")
}

impl Vocabulary {
    /// The words by number.
    fn words(&self) -> Vec<Box<str>> {
        let shared = self.words.lock().unwrap_or_else(|e| e.into_inner());
        shared.1.clone()
    }
}

/// The pages of one word by page id, each packed as `page id << 8 | score` (a 100,000-document
/// province has twenty million of them: four bytes each, not eight).
type Postings = Vec<u32>;

/// Pages an index can number in a packed posting (16 million; pages after those are not indexed).
const MAX_PAGES: usize = 1 << 24;

fn posting(id: u32, score: u8) -> u32 {
    (id << 8) | u32::from(score)
}

fn page_of(p: u32) -> u32 {
    p >> 8
}

fn score_of(p: u32) -> u8 {
    (p & 0xFF) as u8
}

/// Where a page stands among results that score the same: guides, the roster, areas (by
/// address), then documents newest first.
type Order = (u8, usize, String);

/// Collects the pages of one site as they are rendered (from any thread), then writes the index:
/// the files to publish under [`DIR`].
pub struct Indexer<'m> {
    model: &'m SiteModel<'m>,
    routes: &'m Routes,
    vocab: Arc<Vocabulary>,
    entries: Mutex<Vec<(Order, Entry)>>,
}

impl<'m> Indexer<'m> {
    pub fn new(model: &'m SiteModel<'m>, routes: &'m Routes) -> Self {
        Self::with_vocabulary(model, routes, Arc::default())
    }

    fn with_vocabulary(
        model: &'m SiteModel<'m>,
        routes: &'m Routes,
        vocab: Arc<Vocabulary>,
    ) -> Self {
        // Allocated once at its size: a province's hundred thousand entries never move.
        let pages = routes.pages.iter().filter(|p| indexed(&p.kind)).count();
        Indexer {
            model,
            routes,
            vocab,
            entries: Mutex::new(Vec::with_capacity(pages)),
        }
    }

    /// Takes in one output file if it is a page worth finding: a service guide, the roster, a
    /// commune or residential area, a document. Lists (home, `/van-ban/`, per type and year) only
    /// repeat what their pages hold.
    pub fn add(&self, file: &OutFile) {
        if let Some(entry) = self.entry(file) {
            self.entries
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(entry);
        }
    }

    fn entry(&self, file: &OutFile) -> Option<(Order, Entry)> {
        let OutFile::Bytes(path, bytes) = file else {
            return None;
        };
        let (order, page) = self.page(path)?;
        Some((order, page.read(path, bytes, &self.vocab)?))
    }

    /// Where the page at output `path` stands, and what the model says of it; `None` for a
    /// page not worth finding.
    fn page(&self, path: &str) -> Option<(Order, Page<'m>)> {
        let index = self.routes.index_of_file(path)?;
        let route = &self.routes.pages[index];
        let model = self.model;
        let (order, title, number) = match route.kind {
            PageKind::Document(i) => {
                let e = &model.docs[i];
                (
                    (3, i, String::new()),
                    Some(e.doc.title_text()),
                    e.number.as_deref(),
                )
            }
            PageKind::Service(i) => ((0, i, String::new()), Some(&*model.guides[i].title), None),
            PageKind::Roster => ((1, 0, String::new()), None, None),
            PageKind::Commune(_) | PageKind::Area { .. } => {
                ((2, 0, route.path[1..].to_string()), None, None)
            }
            _ => return None,
        };
        let page = Page {
            index: index as u32,
            title,
            number,
        };
        Some((order, page))
    }

    /// What the description chunks show of an entry's page: its address (relative to the
    /// site's base path, `van-ban/slug/`), its title and its kind.
    /// `page` is its number in this route table: an entry `serve` kept from an earlier one
    /// may have had another.
    fn meta(&self, page: u32, e: &Entry) -> [String; 3] {
        let route = &self.routes.pages[page as usize];
        let url = route.path.get(1..).unwrap_or("").to_string();
        let heading = || e.heading.as_deref().unwrap_or("").to_string();
        let model = self.model;
        let (title, kind) = match route.kind {
            PageKind::Document(i) => {
                let e = &model.docs[i];
                let mut kind = crate::text::number::type_name(e.doc.kind_text())
                    .map(title_case)
                    .unwrap_or_default();
                if let Some(n) = &e.number {
                    let _ = write!(kind, " số {n}");
                }
                if let Some(d) = e.date {
                    let _ = write!(kind, ", ngày {}", date_vi(d));
                }
                (e.doc.title_text().to_string(), kind)
            }
            PageKind::Service(i) => (
                model.guides[i].title.clone(),
                "Hướng dẫn dịch vụ công".to_string(),
            ),
            PageKind::Roster => (heading(), "Tổ công tác".to_string()),
            _ => (heading(), "Khu dân cư".to_string()),
        };
        [url, title, kind]
    }

    /// The pages taken in, in index order with what the description chunks show of them,
    /// without the site they came from (whose model the caller may drop before the index is
    /// made).
    pub fn into_pages(self) -> IndexedPages {
        let mut entries =
            std::mem::take(&mut *self.entries.lock().unwrap_or_else(|e| e.into_inner()));
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let metas = entries
            .par_iter()
            .map(|(_, e)| self.meta(e.page, e))
            .collect();
        IndexedPages {
            entries: entries.into_iter().map(|(_, e)| e).collect(),
            metas,
            vocab: self.vocab,
        }
    }
}

/// The pages of a site an [`Indexer`] took in, ready to be written as its index.
pub struct IndexedPages {
    entries: Vec<Entry>,
    /// Address, title and kind of each entry.
    metas: Vec<[String; 3]>,
    vocab: Arc<Vocabulary>,
}

impl IndexedPages {
    /// The index files, in a fixed order whatever the order pages came in.
    pub fn finish(self) -> Vec<OutFile> {
        write_index(
            &self.entries.iter().collect::<Vec<_>>(),
            &self.metas,
            &self.vocab,
        )
    }
}

/// Whether pages of this kind are worth finding (lists only repeat what their pages hold).
fn indexed(kind: &PageKind) -> bool {
    matches!(
        kind,
        PageKind::Document(_)
            | PageKind::Service(_)
            | PageKind::Roster
            | PageKind::Commune(_)
            | PageKind::Area { .. }
    )
}

/// The entries of the pages indexed last time, by output path, with a hash of each page: `serve`
/// keeps one between edits, so that only the pages an edit changed are read again.
#[derive(Default)]
pub struct IndexCache {
    pages: HashMap<String, (u64, Arc<Entry>)>,
    /// The words of the cached entries.
    vocab: Arc<Vocabulary>,
}

/// The index of a site's pages as [`Indexer`] builds it, reading again only the pages whose bytes
/// changed since the last call with the same `cache` (`serve`'s pages are all in memory).
pub fn index_cached(
    model: &SiteModel,
    routes: &Routes,
    pages: &[(&str, &[u8])],
    cache: &mut IndexCache,
) -> Vec<OutFile> {
    let indexer = Indexer::with_vocabulary(model, routes, Arc::clone(&cache.vocab));
    let old = std::mem::take(&mut cache.pages);
    let mut found: Vec<(Order, String, u64, Arc<Entry>, u32)> = pages
        .par_iter()
        .filter_map(|(path, bytes)| {
            let (order, page) = indexer.page(path)?;
            let index = page.index;
            let mut h = rustc_hash::FxHasher::default();
            bytes.hash(&mut h);
            let hash = h.finish();
            let entry = match old.get(*path) {
                Some((old_hash, e)) if *old_hash == hash => Arc::clone(e),
                _ => Arc::new(page.read(path, bytes, &cache.vocab)?),
            };
            Some((order, path.to_string(), hash, entry, index))
        })
        .collect();
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let metas: Vec<[String; 3]> = found.par_iter().map(|f| indexer.meta(f.4, &f.3)).collect();
    let files = write_index(
        &found.iter().map(|f| &*f.3).collect::<Vec<_>>(),
        &metas,
        &cache.vocab,
    );
    cache.pages = found
        .into_iter()
        .map(|(_, path, hash, entry, _)| (path, (hash, entry)))
        .collect();
    files
}

/// What the model says of a page worth finding.
struct Page<'m> {
    /// Its number in the route table.
    index: u32,
    /// `None`: the page's `<h1>`.
    title: Option<&'m str>,
    number: Option<&'m str>,
}

impl Page<'_> {
    /// The entry of the page whose HTML is `bytes`. The page is read as bytes: it is our own
    /// template's output, and checking all of it is UTF-8 once more cost as much as reading it.
    fn read(self, path: &str, bytes: &[u8], vocab: &Vocabulary) -> Option<Entry> {
        path.strip_suffix("index.html")?;
        let number = self.number;
        let main = main_inner(bytes)?;
        let heading = match self.title {
            Some(_) => None,
            None => Some(
                between(main, finder!(b"<h1"), finder!(b"</h1>"))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .map(|h| html_text(h.split_once('>').map_or(h, |(_, rest)| rest)))
                    .unwrap_or_default()
                    .into_boxed_str(),
            ),
        };
        let title = self.title.or(heading.as_deref()).unwrap_or("");
        let mut words = Words::new(vocab);
        words.html(main);
        let len = words.count;
        words.text(title, W_TITLE);
        if let Some(n) = number {
            words.text(n, W_NUMBER);
            words.add(&number_key(n), W_NUMBER);
        }
        Some(Entry {
            page: self.index,
            heading,
            description: meta_description(bytes).unwrap_or_default().into_boxed_str(),
            words: words
                .counts
                .iter()
                .filter(|(word, _)| *word < MAX_WORDS)
                .map(|&(word, count)| packed_word(word, count))
                .collect(),
            len,
        })
    }
}

/// The folded words of a page with their weighted counts.
struct Words<'v> {
    vocab: &'v Vocabulary,
    /// The thread's cache, while this page is read.
    cache: WordCache,
    /// Each word's number with its weighted count, in the order first seen.
    counts: Vec<(u32, u32)>,
    /// The word being read, folded: its first [`MAX_WORD_CHARS`] characters as UTF-8 in
    /// `word[..len]` (a longer word is not indexed), and how many characters it has so far.
    word: [u8; WORD_BYTES],
    len: usize,
    chars: usize,
    /// Words seen at weight 1 (the page's text).
    count: u32,
    /// Words ended (counted or too long): tells whether a spelling made one word.
    ends: u32,
    fold: &'static [u32],
}

/// Room for the longest word indexed, four bytes a character.
const WORD_BYTES: usize = MAX_WORD_CHARS * 4;

impl<'v> Words<'v> {
    fn new(vocab: &'v Vocabulary) -> Self {
        let mut cache = vocab.begin_page();
        let mut counts = std::mem::take(&mut cache.counts);
        counts.clear();
        Words {
            vocab,
            cache,
            counts,
            word: [0; WORD_BYTES],
            len: 0,
            chars: 0,
            count: 0,
            ends: 0,
            fold: fold_table(),
        }
    }

    fn add(&mut self, word: &str, weight: u32) {
        let word = word.as_bytes();
        let key = short_key(word, word.len());
        let counts = &mut self.counts;
        (self.cache).count(self.vocab, word, key, weight, counts);
    }

    fn end(&mut self, weight: u32) {
        self.finish_word(weight);
    }

    /// Ends the word being read, counting it at `weight` unless it is longer than
    /// [`MAX_WORD_CHARS`]; says where the counted word is in the cache's `seen`.
    fn finish_word(&mut self, weight: u32) -> Option<u32> {
        if self.chars == 0 {
            return None;
        }
        self.ends += 1;
        let mut at = None;
        if self.chars <= MAX_WORD_CHARS {
            let word = &self.word[..self.len];
            let key = short_key(&self.word, self.len);
            let counts = &mut self.counts;
            at = Some((self.cache).count(self.vocab, word, key, weight, counts));
            if weight == 1 {
                self.count += 1;
            }
        }
        self.len = 0;
        self.chars = 0;
        at
    }

    /// One more character of the word, `l` (an ASCII lowercase letter or digit).
    fn push_ascii(&mut self, l: u8) {
        if self.chars < MAX_WORD_CHARS {
            self.word[self.len] = l;
            self.len += 1;
        }
        self.chars += 1;
    }

    /// Takes in the run of ASCII letters and digits `bytes` start with, and says its length.
    fn ascii_run(&mut self, bytes: &[u8]) -> usize {
        // The word's state in locals: the loop runs over most bytes of a page.
        let (mut len, mut chars, mut run) = (self.len, self.chars, 0);
        while let Some(&b) = bytes.get(run) {
            let l = ASCII_FOLD[usize::from(b)];
            if l <= ASCII_ELSE {
                break;
            }
            if chars < MAX_WORD_CHARS {
                self.word[len] = l;
                len += 1;
            }
            chars += 1;
            run += 1;
        }
        (self.len, self.chars) = (len, chars);
        run
    }

    /// One more character of the word, `l` (folded, a letter or digit).
    fn push(&mut self, l: char) {
        if self.chars < MAX_WORD_CHARS {
            self.len += l.encode_utf8(&mut self.word[self.len..]).len();
        }
        self.chars += 1;
    }

    /// One character of text: part of a word, the end of one, or nothing (a tone mark).
    fn char(&mut self, c: char, weight: u32) {
        if c.is_ascii() {
            match ASCII_FOLD[c as usize] {
                ASCII_ENDS | ASCII_ELSE => self.end(weight),
                l => self.push_ascii(l),
            }
        } else {
            self.non_ascii(c, weight);
        }
    }

    /// Takes in the character past ASCII `bytes` start with, or ends the word at a byte that
    /// starts none; says how many bytes it took.
    #[inline(always)]
    fn utf8_char(&mut self, bytes: &[u8]) -> usize {
        match decode_utf8(bytes) {
            Some((c, width)) => {
                self.non_ascii(c, 1);
                width
            }
            None => {
                self.end(1);
                1
            }
        }
    }

    /// A character past ASCII: most fold to an ASCII letter (`ầ` → `a`), taken in here, in
    /// the loop over a page's characters; the others in [`Words::non_ascii_other`].
    #[inline(always)]
    fn non_ascii(&mut self, c: char, weight: u32) {
        match self.fold.get(c as usize).copied() {
            Some(v) if v > FOLD_SLOW && v < 0x80 => self.push_ascii(v as u8),
            folded => self.non_ascii_other(c, folded, weight),
        }
    }

    /// A character past ASCII that does not fold to one ASCII letter: a mark, a space, a letter
    /// of another script, or one that folds to several characters; `folded`, its entry in the
    /// fold table (`None` past it).
    fn non_ascii_other(&mut self, c: char, folded: Option<u32>, weight: u32) {
        match folded {
            Some(FOLD_ENDS) => self.end(weight),
            Some(FOLD_DROPPED) => {}
            Some(v) if v != FOLD_SLOW => self.push(char::from_u32(v).unwrap_or(' ')),
            _ => fold_char(c, |l| {
                if l.is_alphanumeric() {
                    self.push(l);
                } else {
                    self.end(weight);
                }
            }),
        }
    }

    /// Reads the word `bytes` start with, at weight 1, when it is spelled in at most
    /// [`SHORT_WORD`] bytes and ends there (not at an entity, which may continue it); says how
    /// many bytes it took. A spelling met for the first time is read character by character and
    /// remembered; `None`: not such a word, or one that is not [`NOT_ONE_WORD`] (nothing read).
    fn spelled(&mut self, bytes: &[u8]) -> Option<usize> {
        let len = spelling_len(bytes)?;
        if bytes.get(len) == Some(&b'&') {
            return None;
        }
        let key = short_key(bytes, len)?;
        match self.cache.raw.get(&key) {
            Some(&NOT_ONE_WORD) => None,
            Some(&at) => {
                self.cache.count_at(at, 1, &mut self.counts);
                self.count += 1;
                self.ends += 1;
                Some(len)
            }
            None => {
                self.first_spelling(&bytes[..len], key);
                Some(len)
            }
        }
    }

    /// Reads a spelling met for the first time character by character, as [`Words::html`]
    /// would, and remembers what it made: the place of its one word, or [`NOT_ONE_WORD`].
    #[cold]
    fn first_spelling(&mut self, bytes: &[u8], key: ShortKey) {
        let ends = self.ends;
        let mut k = 0;
        while let Some(&b) = bytes.get(k) {
            if b.is_ascii() {
                k += self.ascii_run(&bytes[k..]);
                continue;
            }
            k += self.utf8_char(&bytes[k..]);
        }
        // One word if none ended inside and the one ending here is counted.
        let inside = self.ends != ends;
        let at = self.finish_word(1).filter(|_| !inside);
        self.cache.raw.insert(key, at.unwrap_or(NOT_ONE_WORD));
    }

    fn text(&mut self, text: &str, weight: u32) {
        for c in text.chars() {
            self.char(c, weight);
        }
        self.end(weight);
    }

    /// The words of an HTML fragment as a reader sees them: tags end words, entities are decoded,
    /// and an element marked `data-khong-tim` is skipped with everything inside it.
    fn html(&mut self, html: &[u8]) {
        let skipped = finder!(b"data-khong-tim");
        let marker_at = |from: usize| skipped.find(&html[from..]).map(|m| m + from);
        let mut marker = marker_at(0);
        let mut i = 0;
        while let Some(&b) = html.get(i) {
            // A word's spelling met before, between two word ends: one lookup for the word.
            if self.chars == 0
                && SPELLING[usize::from(b)]
                && let Some(n) = self.spelled(&html[i..])
            {
                i += n;
                continue;
            }
            // Most of a page is ASCII letters and spaces: one table lookup a byte.
            match ASCII_FOLD[usize::from(b)] {
                ASCII_ENDS => {
                    self.end(1);
                    i += 1;
                    continue;
                }
                ASCII_ELSE => {}
                _ => {
                    i += self.ascii_run(&html[i..]);
                    continue;
                }
            }
            let rest = &html[i..];
            match b {
                b'<' => {
                    self.end(1);
                    let Some(gt) = memchr::memchr(b'>', rest) else {
                        break;
                    };
                    // One search for the marker ahead, not one per tag.
                    if marker.is_some_and(|m| m < i) {
                        marker = marker_at(i);
                    }
                    if marker.is_some_and(|m| m < i + gt) {
                        let name_len = rest[1..]
                            .iter()
                            .take_while(|b| b.is_ascii_alphanumeric())
                            .count();
                        i = html.len() - skip_element(rest, &rest[1..1 + name_len]).len();
                    } else {
                        i += gt + 1;
                    }
                }
                b'&' => match entity(rest) {
                    Some((c, n)) => {
                        self.char(c, 1);
                        i += n;
                    }
                    None => {
                        self.end(1);
                        i += 1;
                    }
                },
                _ => i += self.utf8_char(rest),
            }
        }
        self.end(1);
    }
}

/// What an ASCII byte is to a word: itself in lowercase (a letter or digit), [`ASCII_ENDS`], or
/// [`ASCII_ELSE`] (`<`, `&` and the bytes of other characters, which [`Words::html`] reads apart).
const ASCII_FOLD: [u8; 256] = {
    let mut table = [ASCII_ENDS; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else if c == b'<' || c == b'&' || !c.is_ascii() {
            ASCII_ELSE
        } else {
            ASCII_ENDS
        };
        b += 1;
    }
    table
};
const ASCII_ENDS: u8 = 0;
const ASCII_ELSE: u8 = 1;

/// The character `bytes` start with and its width in bytes, when they start with one that
/// `std::str::from_utf8` accepts (no overlong form, no surrogate): a page is read as bytes, and
/// asking the standard library character by character cost more than reading them.
fn decode_utf8(bytes: &[u8]) -> Option<(char, usize)> {
    let more = |k: usize| {
        bytes
            .get(k)
            .filter(|b| (0x80..=0xBF).contains(*b))
            .map(|b| u32::from(b & 0x3F))
    };
    let lead = u32::from(*bytes.first()?);
    let (c, width) = match lead {
        0x00..=0x7F => (lead, 1),
        0xC2..=0xDF => (((lead & 0x1F) << 6) | more(1)?, 2),
        0xE0..=0xEF => {
            let c = ((lead & 0x0F) << 12) | (more(1)? << 6) | more(2)?;
            (Some(c).filter(|&c| c >= 0x800)?, 3)
        }
        0xF0..=0xF4 => {
            let c = ((lead & 0x07) << 18) | (more(1)? << 12) | (more(2)? << 6) | more(3)?;
            (Some(c).filter(|&c| c >= 0x1_0000)?, 4)
        }
        _ => return None,
    };
    Some((char::from_u32(c)?, width))
}

impl Drop for Words<'_> {
    /// Gives the thread its cache back, for the next page.
    fn drop(&mut self) {
        let mut cache = std::mem::take(&mut self.cache);
        cache.counts = std::mem::take(&mut self.counts);
        WORD_CACHE.with_borrow_mut(|slot| *slot = cache);
    }
}

const FOLD_ENDS: u32 = 0;
const FOLD_DROPPED: u32 = 1;
const FOLD_SLOW: u32 = 2;

/// [`fold_char`] worked out once for the characters below U+2000 (all of Vietnamese, Latin,
/// Greek, Cyrillic): the folded letter or digit, or [`FOLD_ENDS`] (not part of a word),
/// [`FOLD_DROPPED`] (a mark) or [`FOLD_SLOW`] (folds to more than one character).
fn fold_table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x2000u32)
            .map(|u| {
                let Some(c) = char::from_u32(u) else {
                    return FOLD_ENDS;
                };
                let mut out = Vec::new();
                fold_char(c, |l| out.push(l));
                match out.as_slice() {
                    [] => FOLD_DROPPED,
                    [l] if l.is_alphanumeric() => *l as u32,
                    [_] => FOLD_ENDS,
                    _ => FOLD_SLOW,
                }
            })
            .collect()
    })
}

/// A word keeps the pages where it weighs most, at most [`MAX_POSTINGS`] (ties: the first pages,
/// newest documents first), in page order.
fn best_postings(list: &mut Postings) {
    if list.len() > MAX_POSTINGS {
        // The best MAX_POSTINGS moved to the front (a total order: the same pages a full sort
        // keeps), in linear time: common words are on most of a province's pages.
        list.select_nth_unstable_by(MAX_POSTINGS - 1, |a, b| {
            score_of(*b).cmp(&score_of(*a)).then(a.cmp(b))
        });
        list.truncate(MAX_POSTINGS);
        list.sort_unstable();
    }
}

/// The index of `entries` (in index order), `metas` their address, title and kind.
fn write_index(entries: &[&Entry], metas: &[[String; 3]], vocab: &Vocabulary) -> Vec<OutFile> {
    let entries = &entries[..entries.len().min(MAX_PAGES)];
    let mut words = postings(entries, vocab);
    // No query looks up the empty word (a document number of marks only folds to it), and the
    // manifest's keys could not tell it from no chunk.
    words.retain(|w| !w.0.is_empty());
    let (table, mut files) = word_chunks(&words);
    drop(words);
    let meta_version = meta_chunks(entries, metas, &mut files);
    files.push(manifest(entries.len(), &table, &meta_version));
    files.sort_by(|a, b| a.path().cmp(b.path()));
    files
}

/// A word of the index: the word, its best pages, and how many pages it is on.
type WordPostings = (Box<str>, Postings, usize);

/// Each word with its scored pages (ids in `entries` order), capped by [`best_postings`], in the
/// script's word order.
fn postings(entries: &[&Entry], vocab: &Vocabulary) -> Vec<WordPostings> {
    let n = entries.len();
    let total: u64 = entries.iter().map(|e| u64::from(e.len)).sum();
    let avg = (total as f64 / n.max(1) as f64).max(1.0);
    let names = vocab.words();
    // Each list allocated once at its size: no list grows past what it holds.
    let mut sizes = vec![0usize; names.len()];
    for e in entries {
        for &packed in &e.words {
            sizes[unpack_word(packed).0 as usize] += 1;
        }
    }
    let mut postings: Vec<Postings> = sizes.into_iter().map(Vec::with_capacity).collect();
    for (id, e) in entries.iter().enumerate() {
        let norm = K1 * (1.0 - B + B * f64::from(e.len) / avg);
        for &packed in &e.words {
            let (word, w) = unpack_word(packed);
            postings[word as usize].push(posting(id as u32, tf_score(f64::from(w), norm)));
        }
    }

    let words: Vec<(Box<str>, Postings)> = names
        .into_iter()
        .zip(postings)
        .filter(|(_, list)| !list.is_empty())
        .collect();
    // Each word with its pages, and how many pages it is on when only the best are kept (the
    // script's rarity needs the true number).
    let mut words: Vec<WordPostings> = words
        .into_par_iter()
        .map(|(word, mut list)| {
            let pages = list.len();
            best_postings(&mut list);
            (word, list, pages)
        })
        .collect();
    // The script compares words as JavaScript does, by UTF-16 code units.
    words.par_sort_unstable_by(|a, b| js_order(&a.0, &b.0));
    words
}

/// The word chunks (`t-K-HASH.json`, K its number) in word order, and the manifest's table of
/// them.
fn word_chunks(words: &[WordPostings]) -> (ChunkTable, Vec<OutFile>) {
    let rows: Vec<String> = words
        .par_iter()
        .map(|(word, list, pages)| word_row(word, list, *pages))
        .collect();
    let mut cuts = vec![0];
    let mut size = 0;
    // A chunk ends before the row that would take it past CHUNK_BYTES (a row larger than that,
    // a word on 2,000 pages, is a chunk of its own).
    for (i, row) in rows.iter().enumerate() {
        if size > 0 && size + row.len() + 1 > CHUNK_BYTES {
            cuts.push(i);
            size = 0;
        }
        size += row.len() + 1;
    }
    if *cuts.last().unwrap_or(&0) < rows.len() {
        cuts.push(rows.len());
    }
    let chunks: Vec<(String, OutFile)> = cuts
        .par_windows(2)
        .enumerate()
        .map(|(k, w)| {
            let body = format!("[{}]", rows[w[0]..w[1]].join(","));
            let hash = hash_name(body.as_bytes())[..HASH_CHARS].to_string();
            let path = format!("{DIR}/t-{k}-{hash}.json");
            (hash, OutFile::Bytes(path, body.into_bytes()))
        })
        .collect();
    let mut table = ChunkTable::default();
    for w in cuts.windows(2) {
        let before = w[0].checked_sub(1).map(|i| &*words[i].0);
        if !table.keys.is_empty() {
            table.keys.push(' ');
        }
        table.keys.push_str(separator(before, &words[w[0]].0));
    }
    let files = chunks
        .into_iter()
        .map(|(hash, file)| {
            table.hashes.push_str(&hash);
            file
        })
        .collect();
    (table, files)
}

/// What the manifest says of the word chunks: chunk K holds the words from `keys`' K-th
/// separator (space-separated; a word never holds a space) up to the next one, and its file is
/// `t-K-HASH.json`, HASH the K-th run of [`HASH_CHARS`] letters of `hashes`.
#[derive(Default)]
struct ChunkTable {
    keys: String,
    hashes: String,
}

/// Hex digits of a word chunk's hash in its name: the chunk's number in the name already keeps
/// two chunks of one build apart; the hash keeps a chunk of another build from being taken for it.
const HASH_CHARS: usize = 8;

/// One word of a chunk: `"word","POSTINGS"` ([`push_postings`]), then the number of pages the
/// word is on when `list` keeps only the best of them.
fn word_row(word: &str, list: &[u32], pages: usize) -> String {
    let mut row = json_string(word);
    row.push_str(",\"");
    push_postings(&mut row, list);
    row.push('"');
    if pages > list.len() {
        row.push(',');
        row.push_str(itoa::Buffer::new().format(pages));
    }
    row
}

/// The letters of a postings string, each worth its place (0–63): none is escaped in JSON,
/// none is markup. `search.js` holds the same alphabet.
const LETTERS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A word's pages in page order as letters: for each page its id's distance from the previous
/// page's ([`push_number`]; the first from 0), then its score as one letter.
fn push_postings(out: &mut String, list: &[u32]) {
    let mut last = 0;
    for &p in list {
        push_number(out, page_of(p) - last);
        out.push(char::from(LETTERS[usize::from(score_of(p).min(63))]));
        last = page_of(p);
    }
}

/// A postings string's pages and scores, read as `search.js` reads them (`decode`): for the
/// tests and the query bench, which must read what the script reads. A letter outside
/// [`LETTERS`] reads as 0.
pub fn read_postings(s: &str) -> Vec<(u32, u8)> {
    let value = |c: u8| LETTERS.iter().position(|&l| l == c).unwrap_or(0) as u32;
    let (mut out, mut id, mut n) = (Vec::new(), 0u32, 0u32);
    let mut letters = s.bytes();
    while let Some(c) = letters.next() {
        let v = value(c);
        n = n.wrapping_mul(32).wrapping_add(v & 31);
        if v & 32 == 0 {
            id = id.wrapping_add(n);
            n = 0;
            out.push((id, value(letters.next().unwrap_or(LETTERS[0])) as u8));
        }
    }
    out
}

/// `n` in letters of five bits, most significant first; every letter but the last adds 32
/// ("more follow"). Distances under 32 take one letter, under 1,024 two.
fn push_number(out: &mut String, mut n: u32) {
    let mut groups = [0u8; 7];
    let mut k = 0;
    loop {
        groups[k] = (n & 31) as u8;
        k += 1;
        n >>= 5;
        if n == 0 {
            break;
        }
    }
    for i in (0..k).rev() {
        let more = if i > 0 { 32 } else { 0 };
        out.push(char::from(LETTERS[usize::from(groups[i] | more)]));
    }
}

/// The separator key of a chunk whose first word is `first`, `before` being the last word of the
/// chunk before it: the shortest start of `first` (in characters) that still sorts after `before`
/// as the script compares. Every word of the chunk sorts at or after it, every word before the
/// chunk before it. The first chunk's key is its first character.
fn separator<'w>(before: Option<&str>, first: &'w str) -> &'w str {
    first
        .char_indices()
        .map(|(i, c)| &first[..i + c.len_utf8()])
        .find(|key| before.is_none_or(|b| js_order(key, b).is_gt()))
        .unwrap_or(first)
}

/// Strings in the order JavaScript compares them: by UTF-16 code units.
fn js_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// The page-description chunks (`m-K.json`: pages K × [`META_PAGES`] onwards), pushed to
/// `files`, and their version: a hash of the pages' addresses in id order, what an id means.
/// Each chunk starts with the version, so the script tells a chunk of another build from its
/// own. Chunk names carry no hash (the manifest would list thousands): a title edited changes
/// one chunk, a page added or removed all of them.
fn meta_chunks(entries: &[&Entry], metas: &[[String; 3]], files: &mut Vec<OutFile>) -> String {
    let mut version = fnv1a(FNV_START, itoa::Buffer::new().format(META_PAGES).as_bytes());
    for [url, _, _] in &metas[..entries.len()] {
        version = fnv1a(fnv1a(version, b"\n"), url.as_bytes());
    }
    let version = format!("{version:016x}");
    let chunks: Vec<OutFile> = entries
        .par_chunks(META_PAGES)
        .zip(metas.par_chunks(META_PAGES))
        .enumerate()
        .map(|(k, (group, group_metas))| {
            let pages: Vec<[&str; 4]> = group
                .iter()
                .zip(group_metas)
                .map(|(e, [url, title, kind])| [&**url, &**title, &**kind, &*e.description])
                .collect();
            let pages = serde_json::to_string(&pages).unwrap_or_else(|_| "[]".into());
            // `[VERSION,[url, title, kind, description],…]`
            let body = html_safe(format!("[\"{version}\",{}", &pages[1..]));
            OutFile::Bytes(format!("{DIR}/m-{k}.json"), body.into_bytes())
        })
        .collect();
    files.extend(chunks);
    version
}

/// `muc-luc.json`: the number of pages, the word chunks' table and the descriptions' version.
fn manifest(n: usize, table: &ChunkTable, meta_version: &str) -> OutFile {
    let manifest = format!(
        "{{\"version\":2,\"pages\":{n},\"per_meta\":{META_PAGES},\"max_word\":{MAX_WORD_CHARS},\
         \"meta_version\":\"{meta_version}\",\"keys\":{},\"chunks\":\"{}\"}}",
        json_string(&table.keys),
        table.hashes
    );
    OutFile::Bytes(format!("{DIR}/{MANIFEST}"), manifest.into_bytes())
}

fn json_string(s: &str) -> String {
    html_safe(serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()))
}

/// JSON whose strings spell `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`: the same data
/// for `JSON.parse`, and no file of the site carries markup from content, even one a careless
/// host serves as HTML. (Outside strings our JSON has none of the three.)
fn html_safe(json: String) -> String {
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A short, stable name for a chunk's content (FNV-1a, 64 bits): the same bytes give the same
/// name on every machine and every Rust version.
fn hash_name(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a(FNV_START, bytes))
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a from `h` on over `bytes`.
fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The whole-number key of a document number: folded like a word, spaces dropped, punctuation
/// kept (`290/QĐ-UBND` → `290/qd-ubnd`). No word holds a `/` or `-`, so keys never clash with
/// words.
pub fn number_key(number: &str) -> String {
    let mut out = String::with_capacity(number.len());
    for c in number.chars() {
        fold_char(c, |l| {
            if !l.is_whitespace() {
                out.push(l);
            }
        });
    }
    out
}

/// Folds one character for search, as `search.js` folds a query: canonical decomposition, lower
/// case, combining marks (Vietnamese tones) and invisible characters dropped, `đ`/`ð` → `d`, final
/// sigma → sigma (JavaScript lowercases Σ by context, Rust never does).
fn fold_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |d| {
        for l in d.to_lowercase() {
            match l {
                'đ' | 'ð' => push('d'),
                'ς' => push('σ'),
                _ if is_combining_mark(l) || is_invisible(l) => {}
                _ => push(l),
            }
        }
    });
}

/// Characters that take no room: a word typed with one inside is still the same word.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn between<'a>(
    s: &'a [u8],
    start: &memchr::memmem::Finder,
    end: &memchr::memmem::Finder,
) -> Option<&'a [u8]> {
    let from = start.find(s)? + start.needle().len();
    let to = end.find(&s[from..])? + from;
    Some(&s[from..to])
}

/// The content of the page's `<main>` element, without the element itself.
fn main_inner(html: &[u8]) -> Option<&[u8]> {
    let inner = between(html, finder!(b"<main"), finder!(b"</main>"))?;
    memchr::memchr(b'>', inner).map(|gt| &inner[gt + 1..])
}

fn meta_description(html: &[u8]) -> Option<String> {
    let start = finder!(b"<meta name=\"description\" content=\"");
    let tag = between(html, start, finder!(b"\""))?;
    Some(decode_entities(std::str::from_utf8(tag).ok()?))
}

/// What follows the element that `html` starts with (elements of the same name nest). One pass
/// from tag to tag: a long page with many marked elements costs its length, not its length per
/// element.
fn skip_element<'a>(html: &'a [u8], name: &[u8]) -> &'a [u8] {
    if name.is_empty() {
        return memchr::memchr(b'>', html).map_or(&[], |gt| &html[gt + 1..]);
    }
    let open = [b"<", name].concat();
    let close = [b"</", name, b">"].concat();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &html[at..]).map(|i| i + at) {
        let rest = &html[lt..];
        if rest.starts_with(&close) {
            depth = depth.saturating_sub(1);
            at = lt + close.len();
            if depth == 0 {
                return &html[at..];
            }
        } else if rest.starts_with(&open)
            && matches!(
                html.get(lt + open.len()),
                Some(b' ' | b'>' | b'\t' | b'\n' | b'/')
            )
        {
            depth += 1;
            at = lt + open.len();
        } else {
            at = lt + 1;
        }
    }
    &[]
}

/// Text of an HTML fragment: tags dropped (as spaces, so words never glue), entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let text = decode_entities(&out);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the entities our templates and the Markdown renderer write (`&amp;`, `&#x2F;`, ...).
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match entity(rest.as_bytes()) {
            Some((c, n)) => {
                out.push(c);
                rest = &rest[n..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of the entity `s` starts with (`&amp;`, `&#x2F;`, `&#39;`) and its length.
fn entity(s: &[u8]) -> Option<(char, usize)> {
    // Entities are short: `;` within 12 bytes.
    let end = memchr::memchr(b';', &s[..s.len().min(12)])?;
    let name = std::str::from_utf8(s.get(1..end)?).ok()?;
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32)?,
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use unicode_normalization::UnicodeNormalization;

    /// Calls `each` with every word of `text`, folded for search (see [`fold_char`]); a word is a run
    /// of letters and digits of at most [`MAX_WORD_CHARS`]: the plain definition [`Words`] must match.
    fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
        let mut word = String::new();
        let mut chars = 0usize;
        let mut end = |word: &mut String, chars: &mut usize| {
            if *chars > 0 && *chars <= MAX_WORD_CHARS {
                each(word);
            }
            word.clear();
            *chars = 0;
        };
        for c in text.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    word.push(c.to_ascii_lowercase());
                    chars += 1;
                } else {
                    end(&mut word, &mut chars);
                }
                continue;
            }
            fold_char(c, |l| {
                if l.is_alphanumeric() {
                    word.push(l);
                    chars += 1;
                } else {
                    end(&mut word, &mut chars);
                }
            });
        }
        end(&mut word, &mut chars);
    }

    proptest::proptest! {
        #[test]
        fn words_do_not_depend_on_the_normalization_form(s in "[a-zA-Z0-9 /àáảãạăắằẳẵặâấầẩẫậđĐèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ-]{0,40}") {
            let nfc: String = s.nfc().collect();
            let nfd: String = s.nfd().collect();
            proptest::prop_assert_eq!(words(&nfc), words(&nfd));
            proptest::prop_assert_eq!(number_key(&nfc), number_key(&nfd));
        }

        #[test]
        fn words_have_no_marks_and_no_d_with_stroke(s in "\\PC*") {
            for w in words(&s) {
                proptest::prop_assert!(!w.chars().any(is_combining_mark), "{:?}", w);
                proptest::prop_assert!(!w.contains(['đ', 'Đ']), "{:?}", w);
            }
        }
    }

    fn words(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(s, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn words_fold_like_a_query_typed_without_diacritics() {
        // The same examples are pinned for `search.js` in tests/integration/site.rs.
        assert_eq!(words("Đăng ký tạm trú"), ["dang", "ky", "tam", "tru"]);
        assert_eq!(words("290/QĐ-UBND"), ["290", "qd", "ubnd"]);
        assert_eq!(words("QÐ (eth)"), ["qd", "eth"]);
        // Decomposed input (NFD), soft hyphens and zero-width spaces inside a word.
        assert_eq!(
            words("Tha\u{0302}\u{0301}n Đo\u{00AD}ng\u{200B}"),
            ["than", "dong"]
        );
        assert_eq!(words("ΟΔΟΣ"), ["οδοσ"]);
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(words(&format!("x {long} y")), ["x", "y"]);
        assert_eq!(number_key("290 / QĐ-UBND"), "290/qd-ubnd");
    }

    #[test]
    fn text_of_html_decodes_what_tera_escapes() {
        assert_eq!(
            html_text("<p>Số: 290&#x2F;QĐ-UBND</p><p>A &amp; B</p>"),
            "Số: 290/QĐ-UBND A & B"
        );
        assert_eq!(
            decode_entities("a & b &unknown; &#39;"),
            "a & b &unknown; '"
        );
        // Regression: `&gt; — Tổ` put byte 12 inside `ổ` and the build panicked.
        assert_eq!(decode_entities("&gt; — Tổ công tác"), "> — Tổ công tác");
    }

    /// The words counted, as strings.
    fn counted(w: Words) -> Vec<String> {
        let names = w.vocab.words();
        let mut out: Vec<String> = w
            .counts
            .iter()
            .map(|&(k, _)| names[k as usize].to_string())
            .collect();
        out.sort();
        out
    }

    fn html_words(html: &str) -> Vec<String> {
        let vocab = Vocabulary::default();
        let mut w = Words::new(&vocab);
        w.html(html.as_bytes());
        counted(w)
    }

    proptest::proptest! {
        /// `Words::html` reads text without markup as the plain definition does: the same words,
        /// as many of them (whatever their length, short keys or long).
        #[test]
        fn html_text_gives_the_words_of_the_plain_definition(
            s in "([^<&]|[a-z]{1,20}|ư{1,45}|α{1,45}|nghiêng|[0-9]{14,17}| ){0,40}"
        ) {
            let vocab = Vocabulary::default();
            let mut w = Words::new(&vocab);
            w.html(s.as_bytes());
            let count = w.count;
            let mut plain = words(&s);
            proptest::prop_assert_eq!(count as usize, plain.len());
            plain.sort();
            plain.dedup();
            proptest::prop_assert_eq!(counted(w), plain);
        }

        /// A page read with the spellings the thread remembers from earlier pages gives the
        /// words it gives read afresh: the same words, counted as often.
        #[test]
        fn remembered_spellings_give_the_words_read_afresh(
            s in "([^<&]|[a-zA-Z]{1,20}|Đơn|đơn|ư{1,45}|nghiêng|a\u{301}|\u{301}|ﬃ|&amp;|&#273;n|<b>|<i data-khong-tim>x</i>| ){0,40}",
            t in "([^<&]|[a-z]{1,20}|Đơn|nghiêng|&eacute;| ){0,20}"
        ) {
            let vocab = Vocabulary::default();
            let read = |html: &str| {
                let mut w = Words::new(&vocab);
                w.html(html.as_bytes());
                let names = w.vocab.words();
                let mut out: Vec<(String, u32)> = w
                    .counts
                    .iter()
                    .map(|&(k, n)| (names[k as usize].to_string(), n))
                    .collect();
                out.sort();
                (w.count, out)
            };
            let afresh = read(&s);
            read(&t);
            proptest::prop_assert_eq!(read(&s), afresh.clone());
            proptest::prop_assert_eq!(read(&s), afresh);
        }

        /// The page's bytes are decoded as the standard library would: a character where they
        /// start with one, nothing where they do not.
        #[test]
        fn utf8_is_decoded_as_the_standard_library_does(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::num::u8::ANY,
                    0x80u8..0xC0,
                    0xC0u8..0xF8,
                ],
                0..6,
            )
        ) {
            let std = (1..=4).find_map(|w| {
                let c = std::str::from_utf8(bytes.get(..w)?).ok()?;
                Some((c.chars().next()?, w))
            });
            proptest::prop_assert_eq!(decode_utf8(&bytes), std);
        }
    }

    #[test]
    fn words_that_share_a_start_stay_apart() {
        // Short keys are bytes then zeros: a word read after a longer one must not keep its end.
        let long = "一".repeat(MAX_WORD_CHARS);
        let html = format!("ab abcdefghijklmnopq ab abcdefg abc ab {long} ab {long}α tận ab");
        let mut expected = vec!["ab", "abc", "abcdefg", "abcdefghijklmnopq", &long, "tan"];
        expected.sort();
        assert_eq!(html_words(&html), expected);
    }

    #[test]
    fn marked_elements_are_left_out_of_the_text() {
        let html = "<h1>Quyết định</h1><aside class=\"t\" data-khong-tim><aside>Người ký</aside>\
                    <p>Số</p></aside><p>Điều 1 nói về data-khong-tim&#x2F;x.</p>\
                    <section data-khong-tim><h2>Dịch vụ</h2></section><p>Hết&nbsp;A&amp;B</p>";
        assert_eq!(
            html_words(html),
            [
                "1", "a", "b", "data", "dieu", "dinh", "het", "khong", "noi", "quyet", "tim", "ve",
                "x"
            ]
        );
        // An element never closed hides the rest, never more, and never panics.
        assert_eq!(html_words("<p>A</p><div data-khong-tim><p>B"), ["a"]);
        assert_eq!(html_words("<p>Tổ &bogus; <b"), ["bogus", "to"]);
    }

    #[test]
    fn the_fold_table_agrees_with_the_slow_path() {
        for u in 0x80..0x2000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let text = format!("a{c}b");
            let vocab = Vocabulary::default();
            let mut fast = Words::new(&vocab);
            fast.text(&text, 1);
            let mut slow = Vec::new();
            for_each_word(&text, |w| slow.push(w.to_string()));
            let fast = counted(fast);
            slow.sort();
            slow.dedup();
            assert_eq!(fast, slow, "U+{u:04X}");
        }
    }

    #[test]
    fn main_content_is_found_inside_its_element() {
        let html = "<body><main id=\"noi-dung\" class=\"wrap\"><h1>X</h1></main></body>";
        assert_eq!(main_inner(html.as_bytes()), Some(&b"<h1>X</h1>"[..]));
    }

    fn entry(
        vocab: &Vocabulary,
        url: &str,
        title: &str,
        text: &str,
        number: Option<&str>,
    ) -> (Entry, [String; 3]) {
        let mut words: FxHashMap<u32, u32> = FxHashMap::default();
        let mut len = 0;
        for_each_word(text, |w| {
            *words.entry(vocab.id(w)).or_default() += 1;
            len += 1;
        });
        for_each_word(title, |w| *words.entry(vocab.id(w)).or_default() += W_TITLE);
        if let Some(n) = number {
            *words.entry(vocab.id(&number_key(n))).or_default() += W_NUMBER;
        }
        let entry = Entry {
            page: 0,
            heading: None,
            description: "".into(),
            words: words
                .into_iter()
                .map(|(word, count)| packed_word(word, count))
                .collect(),
            len,
        };
        (entry, [url.into(), title.into(), String::new()])
    }

    /// The index of test pages, in this order.
    fn index(pages: &[(Entry, [String; 3])], vocab: &Vocabulary) -> Vec<OutFile> {
        let entries: Vec<&Entry> = pages.iter().map(|(e, _)| e).collect();
        let metas: Vec<[String; 3]> = pages.iter().map(|(_, m)| m.clone()).collect();
        write_index(&entries, &metas, vocab)
    }

    fn file<'a>(files: &'a [OutFile], name: &str) -> &'a str {
        files
            .iter()
            .find_map(|f| match f {
                OutFile::Bytes(p, b) if p == name => std::str::from_utf8(b).ok(),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{name} missing"))
    }

    #[test]
    fn a_word_on_too_many_pages_keeps_those_where_it_weighs_most() {
        let mut list: Postings = (0..MAX_POSTINGS as u32 + 500)
            .map(|id| posting(id, if id % 3 == 0 { 200 } else { 10 }))
            .collect();
        best_postings(&mut list);
        let list: Vec<(u32, u8)> = list.iter().map(|&p| (page_of(p), score_of(p))).collect();
        assert_eq!(list.len(), MAX_POSTINGS);
        assert!(list.windows(2).all(|w| w[0].0 < w[1].0), "in page order");
        let heavy = (MAX_POSTINGS + 500).div_ceil(3);
        assert_eq!(list.iter().filter(|p| p.1 == 200).count(), heavy);
        // The light ones kept are the first pages.
        assert_eq!(
            list.iter().filter(|p| p.1 == 10).map(|p| p.0).max(),
            Some(
                (0..)
                    .filter(|i| i % 3 != 0)
                    .nth(MAX_POSTINGS - heavy - 1)
                    .unwrap()
            )
        );
    }

    /// A word of an index read back: the word, its (page id, score) pairs, its number of pages.
    type Row = (String, Vec<(u32, u8)>, usize);

    /// An index read back as `search.js` reads it.
    struct Read {
        manifest: serde_json::Value,
        /// Each chunk's separator key and words.
        chunks: Vec<(String, Vec<Row>)>,
    }

    impl Read {
        fn rows(&self) -> impl Iterator<Item = &Row> {
            self.chunks.iter().flat_map(|(_, rows)| rows)
        }

        fn word(&self, w: &str) -> &Row {
            self.rows()
                .find(|r| r.0 == w)
                .unwrap_or_else(|| panic!("{w}"))
        }

        /// The description chunks' pages, after checking each chunk's version.
        fn pages(&self, files: &[OutFile]) -> Vec<[String; 4]> {
            let version = self.manifest["meta_version"].as_str().unwrap();
            let n = self.manifest["pages"].as_u64().unwrap() as usize;
            let mut pages = Vec::new();
            for k in 0..n.div_ceil(META_PAGES) {
                let body = file(files, &format!("{DIR}/m-{k}.json"));
                let mut chunk: Vec<serde_json::Value> = serde_json::from_str(body).unwrap();
                assert_eq!(chunk.remove(0), version, "m-{k}.json");
                pages.extend(
                    chunk
                        .into_iter()
                        .map(|p| serde_json::from_value(p).unwrap()),
                );
            }
            pages
        }
    }

    fn read(files: &[OutFile]) -> Read {
        let manifest: serde_json::Value =
            serde_json::from_str(file(files, &format!("{DIR}/{MANIFEST}"))).unwrap();
        assert_eq!(manifest["version"], 2);
        let keys = manifest["keys"].as_str().unwrap();
        let hashes = manifest["chunks"].as_str().unwrap();
        let keys: Vec<&str> = keys.split(' ').filter(|k| !k.is_empty()).collect();
        assert_eq!(keys.len() * HASH_CHARS, hashes.len());
        let chunks = keys
            .iter()
            .enumerate()
            .map(|(k, key)| {
                let hash = &hashes[k * HASH_CHARS..(k + 1) * HASH_CHARS];
                let body = file(files, &format!("{DIR}/t-{k}-{hash}.json"));
                assert!(body.len() < CHUNK_BYTES * 2, "{}", body.len());
                (key.to_string(), chunk_rows(body))
            })
            .collect();
        Read { manifest, chunks }
    }

    /// `["word","POSTINGS",pages?,…]`
    fn chunk_rows(body: &str) -> Vec<Row> {
        let values: Vec<serde_json::Value> = serde_json::from_str(body).unwrap();
        let mut rows = Vec::new();
        let mut values = values.into_iter().peekable();
        while let Some(word) = values.next() {
            let list = read_postings(values.next().unwrap().as_str().unwrap());
            let pages = match values.next_if(|v| v.is_number()) {
                Some(n) => n.as_u64().unwrap() as usize,
                None => list.len(),
            };
            rows.push((word.as_str().unwrap().to_string(), list, pages));
        }
        rows
    }

    proptest::proptest! {
        #[test]
        fn postings_strings_give_back_their_pages_and_scores(
            mut list in proptest::collection::vec((0u32..(MAX_PAGES as u32), 1u8..64), 0..60)
        ) {
            list.sort_unstable();
            list.dedup_by_key(|p| p.0);
            let packed: Vec<u32> = list.iter().map(|&(id, s)| posting(id, s)).collect();
            let mut s = String::new();
            push_postings(&mut s, &packed);
            proptest::prop_assert!(s.bytes().all(|b| LETTERS.contains(&b)));
            proptest::prop_assert_eq!(read_postings(&s), list);
        }

        /// The script's lookup and its expansion of a word being typed (`chunkOf`,
        /// `prefixChunks` in search.js), written again here, find what a search of every chunk
        /// would, with separators cut short.
        #[test]
        fn separators_find_each_word_and_every_word_a_prefix_starts(
            words in proptest::collection::btree_set("[ab1/\\-ăα\u{FF46}\u{20000}]{1,4}", 1..40),
            cuts in proptest::collection::vec(1usize..5, 1..40),
        ) {
            let mut words: Vec<String> = words.into_iter().collect();
            words.sort_by(|a, b| js_order(a, b));
            check_separators(&words, &cuts);
        }
    }

    /// Cuts `words` (in script order) into chunks of the sizes `cuts` (repeating the last) and
    /// checks what the script finds with their separators.
    fn check_separators(words: &[String], cuts: &[usize]) {
        let mut chunks: Vec<&[String]> = Vec::new();
        let mut rest = words;
        for k in 0.. {
            if rest.is_empty() {
                break;
            }
            let n = cuts
                .get(k)
                .or(cuts.last())
                .copied()
                .unwrap_or(1)
                .min(rest.len());
            chunks.push(&rest[..n]);
            rest = &rest[n..];
        }
        let keys: Vec<&str> = chunks
            .iter()
            .enumerate()
            .map(|(i, c)| {
                separator(
                    i.checked_sub(1).map(|p| &*chunks[p][chunks[p].len() - 1]),
                    &c[0],
                )
            })
            .collect();
        let chunk_of = |w: &str| keys.iter().rposition(|k| js_order(k, w).is_le());
        for (i, c) in chunks.iter().enumerate() {
            for w in c.iter() {
                assert_eq!(chunk_of(w), Some(i), "{w} in {keys:?}");
            }
        }
        let starts: BTreeSet<String> = words
            .iter()
            .flat_map(|w| {
                w.char_indices()
                    .map(|(i, c)| w[..i + c.len_utf8()].to_string())
            })
            .collect();
        for t in &starts {
            let start = chunk_of(t).unwrap_or(0);
            let typed: Vec<usize> = std::iter::once(start)
                .chain((start + 1..keys.len()).take_while(|&i| keys[i].starts_with(t.as_str())))
                .collect();
            let holding: Vec<usize> = (0..chunks.len())
                .filter(|&i| chunks[i].iter().any(|w| w.starts_with(t.as_str())))
                .collect();
            assert!(
                holding.iter().all(|i| typed.contains(i)),
                "{t}: {typed:?} {holding:?} {keys:?}"
            );
            assert!(
                typed[1..].iter().all(|i| holding.contains(i)),
                "{t}: {typed:?} {keys:?}"
            );
        }
    }

    #[test]
    fn separators_are_the_shortest_starts_that_sort_after_the_chunk_before() {
        assert_eq!(separator(None, "dang"), "d");
        assert_eq!(separator(Some("cong"), "dang"), "d");
        assert_eq!(separator(Some("dam"), "dang"), "dan");
        // A word that starts another: the whole first word plus one letter.
        assert_eq!(separator(Some("ke"), "kem"), "kem");
        assert_eq!(separator(Some("290"), "290/qd-ubnd"), "290/");
        assert_eq!(separator(Some("29"), "290"), "290");
        // Outside Vietnamese: UTF-16 order puts U+20000 (a surrogate pair) before U+FF46.
        assert_eq!(separator(Some("a\u{20000}b"), "a\u{FF46}"), "a\u{FF46}");
        assert_eq!(separator(Some("ăa"), "ăb"), "ăb");
        assert_eq!(separator(Some("z"), "α"), "α");
        let words: Vec<String> = [
            "1",
            "12",
            "12/qd",
            "12/qd-ubnd",
            "120",
            "a",
            "ab",
            "abc",
            "abd",
            "b",
            "ba",
            "ă",
            "ăn",
            "α",
            "αβ",
            "\u{20000}",
            "\u{20000}a",
            "\u{FF46}",
        ]
        .map(String::from)
        .to_vec();
        let mut sorted = words.clone();
        sorted.sort_by(|a, b| js_order(a, b));
        assert_eq!(sorted, words, "listed in script order");
        for size in 1..4 {
            check_separators(&words, &[size]);
        }
    }

    #[test]
    fn a_number_that_folds_to_nothing_leaves_no_empty_key() {
        let vocab = Vocabulary::default();
        let page = entry(
            &vocab,
            "van-ban/a/",
            "Tờ trình",
            "nội dung",
            Some("\u{301} "),
        );
        let files = index(&[page], &vocab);
        let index = read(&files);
        let keys = index.manifest["keys"].as_str().unwrap();
        assert!(!keys.is_empty() && !keys.starts_with(' '), "{keys:?}");
        assert!(index.rows().all(|r| !r.0.is_empty()));
        assert_eq!(index.word("trinh").1, [(0, index.word("trinh").1[0].1)]);
    }

    #[test]
    fn index_lists_every_word_with_its_pages_in_sorted_chunks() {
        let vocab = Vocabulary::default();
        let files = index(
            &[
                entry(
                    &vocab,
                    "dich-vu/a/",
                    "Đăng ký tạm trú",
                    "Đăng ký tạm trú trực tuyến",
                    None,
                ),
                entry(
                    &vocab,
                    "van-ban/b/",
                    "Kế hoạch <b> & co",
                    "tạm trú tạm vắng",
                    Some("12/KH-UBND"),
                ),
            ],
            &vocab,
        );
        let index = read(&files);
        assert_eq!(index.manifest["pages"], 2);
        assert_eq!(index.chunks.len(), 1, "a small site fits one chunk");
        let keys: Vec<&str> = index.rows().map(|r| r.0.as_str()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        // "tam": page 0 then page 1; "dang" only on page 0; the number on page 1.
        let tam = &index.word("tam").1;
        assert_eq!((tam.len(), tam[0].0, tam[1].0), (2, 0, 1));
        assert_eq!(index.word("dang").1.len(), 1);
        assert_eq!(index.word("12/kh-ubnd").1[0].0, 1);
        // A title word outweighs the same word once in the text; scores are letters, 1–63.
        let ke = index.word("ke").1[0].1;
        let vang = index.word("vang").1[0].1;
        assert!(ke > vang && ke <= 63 && vang >= 1, "{ke} vs {vang}");
        let pages = index.pages(&files);
        assert_eq!(pages[1][0], "van-ban/b/");
        // Markup characters are escaped inside the JSON, and come back as they were.
        assert_eq!(pages[1][1], "Kế hoạch <b> & co");
        assert_eq!(pages[0][1], "Đăng ký tạm trú");
        for f in &files {
            let OutFile::Bytes(path, body) = f else {
                panic!("{}", f.path())
            };
            assert!(!body.iter().any(|b| b"<>&".contains(b)), "{path}");
        }
    }

    #[test]
    fn a_capped_word_tells_the_script_on_how_many_pages_it_is() {
        let vocab = Vocabulary::default();
        let n = MAX_POSTINGS + 7;
        let entries: Vec<(Entry, [String; 3])> = (0..n)
            .map(|i| {
                let text = if i % 5 == 0 {
                    "chung chung hiem"
                } else {
                    "chung khac khac"
                };
                entry(&vocab, &format!("p{i}/"), "Trang", text, None)
            })
            .collect();
        let files = index(&entries, &vocab);
        let index = read(&files);
        let (_, list, pages) = index.word("chung");
        assert_eq!((list.len(), *pages), (MAX_POSTINGS, n));
        // The pages where it counts twice are kept first, all of them, with the higher score.
        let twice: Vec<u32> = (0..n as u32).filter(|i| i % 5 == 0).collect();
        let high = list.iter().map(|p| p.1).max().unwrap();
        let kept: Vec<u32> = list.iter().filter(|p| p.1 == high).map(|p| p.0).collect();
        assert_eq!(kept, twice);
        // An uncapped word carries no count: the script counts its pages.
        let hiem = index.word("hiem");
        assert_eq!((hiem.1.len(), hiem.2), (twice.len(), twice.len()));
    }

    #[test]
    fn big_indexes_split_into_chunks_that_cover_the_words_in_order() {
        let vocab = Vocabulary::default();
        let entries: Vec<(Entry, [String; 3])> = (0..400)
            .map(|i| {
                let text: String = (0..200).map(|j| format!("tu{}x{} ", i % 37, j)).collect();
                entry(&vocab, &format!("p{i}/"), "Trang", &text, None)
            })
            .collect();
        let files = index(&entries, &vocab);
        let index = read(&files);
        assert!(index.chunks.len() > 3, "{}", index.chunks.len());
        let words: Vec<String> = index.rows().map(|r| r.0.clone()).collect();
        let mut sorted = words.clone();
        sorted.sort_by(|a, b| js_order(a, b));
        assert_eq!(words, sorted);
        for (key, rows) in &index.chunks {
            assert!(rows[0].0.starts_with(key.as_str()), "{key} {}", rows[0].0);
        }
        let sizes: Vec<usize> = index.chunks.iter().map(|c| c.1.len()).collect();
        let cuts: Vec<usize> = sizes.clone();
        check_separators(&words, &cuts);
        assert_eq!(index.pages(&files).len(), 400);
        assert_eq!(
            index.rows().map(|r| r.1.len()).sum::<usize>(),
            400 * 201,
            "each page: its 200 words and the title"
        );
    }

    #[test]
    fn a_title_edited_changes_one_description_chunk_and_a_page_added_all() {
        let vocab = Vocabulary::default();
        let pages = |titles: &[&str]| -> Vec<OutFile> {
            let entries: Vec<(Entry, [String; 3])> = titles
                .iter()
                .enumerate()
                .map(|(i, t)| entry(&vocab, &format!("p{i}/"), t, "chung", None))
                .collect();
            index(&entries, &vocab)
        };
        let titles: Vec<String> = (0..3 * META_PAGES).map(|i| format!("Trang {i}")).collect();
        let mut titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        let before = pages(&titles);
        titles[META_PAGES + 1] = "Trang sửa";
        let edited = pages(&titles);
        let changed = |a: &[OutFile], b: &[OutFile]| -> Vec<String> {
            let old: BTreeMap<&str, &OutFile> = a.iter().map(|f| (f.path(), f)).collect();
            b.iter()
                .filter(|f| match (old.get(f.path()), f) {
                    (Some(OutFile::Bytes(_, x)), OutFile::Bytes(_, y)) => x != y,
                    _ => true,
                })
                .map(|f| f.path().rsplit('/').next().unwrap_or("").to_string())
                .filter(|name| name.starts_with("m-"))
                .collect()
        };
        assert_eq!(changed(&before, &edited), ["m-1.json"]);
        assert_eq!(
            read(&before).manifest["meta_version"],
            read(&edited).manifest["meta_version"]
        );
        titles.push("Trang mới");
        let added = pages(&titles);
        assert_eq!(changed(&edited, &added).len(), 4);
        assert_ne!(
            read(&edited).manifest["meta_version"],
            read(&added).manifest["meta_version"]
        );
        let again = pages(&titles);
        assert!(
            changed(&added, &again).is_empty() && read(&again).chunks == read(&added).chunks,
            "the same pages give the same bytes"
        );
    }
}
