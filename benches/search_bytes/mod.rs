//! Bytes a search query downloads on a built site (issue 18: at most ~100 KB at 100,000
//! documents, counted uncompressed). What `static/search.js` fetches is worked out again here:
//! the manifest, the word chunk of each word of the query (with the chunks of the last word's
//! longer forms while typing, and of a document number typed whole), and the description chunks
//! of the first [`SHOWN`] results in the script's order.

use niemyet::search::read_postings;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Results the script lists at a time (`SHOWN` in search.js).
const SHOWN: usize = 10;

/// A word of a chunk: the word, its (page id, score) pairs, and its number of pages.
type Row = (String, Vec<(u32, f64)>, usize);

struct Index {
    dir: PathBuf,
    pages: f64,
    per_meta: usize,
    keys: Vec<String>,
    hashes: String,
}

impl Index {
    fn open(dir: &Path) -> Option<Index> {
        let m: Value =
            serde_json::from_slice(&std::fs::read(dir.join("muc-luc.json")).ok()?).ok()?;
        let keys = m["keys"].as_str()?;
        Some(Index {
            dir: dir.to_path_buf(),
            pages: m["pages"].as_f64()?,
            per_meta: m["per_meta"].as_u64()? as usize,
            keys: keys
                .split(' ')
                .filter(|k| !k.is_empty())
                .map(String::from)
                .collect(),
            hashes: m["chunks"].as_str()?.to_string(),
        })
    }

    fn size(&self, name: &str) -> u64 {
        std::fs::metadata(self.dir.join(name)).map_or(0, |m| m.len())
    }

    fn chunk_name(&self, i: usize) -> String {
        let width = self.hashes.len() / self.keys.len();
        format!("t-{i}-{}.json", &self.hashes[i * width..(i + 1) * width])
    }

    /// The last chunk whose key is not after `word` (`chunkOf`; keys and queries here are
    /// ASCII or compare the same way in UTF-8 and UTF-16).
    fn chunk_of(&self, word: &str) -> Option<usize> {
        self.keys.iter().rposition(|k| k.as_str() <= word)
    }

    fn chunk(&self, i: usize) -> Vec<Row> {
        let body = std::fs::read(self.dir.join(self.chunk_name(i))).expect("word chunk");
        let values: Vec<Value> = serde_json::from_slice(&body).expect("chunk JSON");
        let mut rows = Vec::new();
        let mut values = values.into_iter().peekable();
        while let (Some(word), Some(postings)) = (values.next(), values.next()) {
            let list: Vec<(u32, f64)> = read_postings(postings.as_str().unwrap_or(""))
                .into_iter()
                .map(|(id, score)| (id, f64::from(score)))
                .collect();
            let pages = values
                .next_if(Value::is_number)
                .and_then(|n| n.as_u64())
                .map_or(list.len(), |n| n as usize);
            rows.push((word.as_str().unwrap_or("").to_string(), list, pages));
        }
        rows
    }
}

/// What one query downloads: the manifest and word chunks, then the descriptions shown.
struct Fetched {
    word_bytes: u64,
    word_chunks: usize,
    meta_bytes: u64,
    meta_chunks: usize,
}

/// `find` and `show` of search.js for a query already folded.
fn query(ix: &Index, q: &str) -> Fetched {
    let mut terms: Vec<&str> = Vec::new();
    for t in q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        if !terms.contains(&t) {
            terms.push(t);
        }
    }
    let last = terms.last().copied().unwrap_or("");
    let typing = q.ends_with(char::is_alphanumeric) && last.chars().count() >= 2;
    let key: String = q.split_whitespace().collect();
    let keyed = key != terms.concat();
    let mut need: BTreeSet<usize> = terms.iter().filter_map(|t| ix.chunk_of(t)).collect();
    let mut prefix = Vec::new();
    if typing {
        let start = ix.chunk_of(last).unwrap_or(0);
        prefix.push(start);
        prefix.extend((start + 1..ix.keys.len()).take_while(|&i| ix.keys[i].starts_with(last)));
        if prefix.len() > 4 {
            prefix.clear();
        }
        need.extend(&prefix);
    }
    if keyed {
        need.extend(ix.chunk_of(&key));
    }
    let chunks: HashMap<usize, Vec<Row>> = need.iter().map(|&i| (i, ix.chunk(i))).collect();
    let find =
        |w: &str| -> Option<&Row> { chunks.get(&ix.chunk_of(w)?)?.iter().find(|r| r.0 == w) };
    // page → (words found, score, the number typed whole)
    let mut total: HashMap<u32, (usize, f64, bool)> = HashMap::new();
    for (n, t) in terms.iter().enumerate() {
        let mut group = HashMap::new();
        if let Some(row) = find(t) {
            collect(ix, row, 1.0, &mut group);
        }
        if typing && n == terms.len() - 1 {
            let longer = prefix.iter().flat_map(|i| &chunks[i]);
            for row in longer.filter(|r| r.0 != *t && r.0.starts_with(t)).take(64) {
                collect(ix, row, 0.6, &mut group);
            }
        }
        for (id, s) in group {
            let r = total.entry(id).or_default();
            r.0 += 1;
            r.1 += s;
        }
    }
    if let Some(row) = find(&key).filter(|_| keyed) {
        let mut whole = HashMap::new();
        collect(ix, row, 1.0, &mut whole);
        for (id, s) in whole {
            let r = total.entry(id).or_default();
            r.2 = true;
            r.1 += 1000.0 + s;
        }
    }
    let all: Vec<_> = total
        .iter()
        .filter(|(_, r)| r.2 || r.0 == terms.len())
        .collect();
    let partial = all.is_empty();
    let mut shown = if partial { total.iter().collect() } else { all };
    shown.sort_by(|a, b| {
        let hits = if partial {
            b.1.0.cmp(&a.1.0)
        } else {
            std::cmp::Ordering::Equal
        };
        hits.then(b.1.1.total_cmp(&a.1.1)).then(a.0.cmp(b.0))
    });
    let metas: BTreeSet<usize> = shown
        .iter()
        .take(SHOWN)
        .map(|(id, _)| **id as usize / ix.per_meta)
        .collect();
    let word_bytes: u64 = need.iter().map(|&i| ix.size(&ix.chunk_name(i))).sum();
    Fetched {
        word_bytes: ix.size("muc-luc.json") + word_bytes,
        meta_bytes: metas.iter().map(|c| ix.size(&format!("m-{c}.json"))).sum(),
        word_chunks: need.len(),
        meta_chunks: metas.len(),
    }
}

/// `collect` of search.js: each page of `row` with its score times the word's rarity.
fn collect(ix: &Index, row: &Row, weight: f64, into: &mut HashMap<u32, f64>) {
    let n = row.2 as f64;
    let idf = (1.0 + (ix.pages - n + 0.5) / (n + 0.5)).ln() * weight;
    for &(id, score) in &row.1 {
        let s = score * idf;
        let best = into.entry(id).or_insert(s);
        *best = best.max(s);
    }
}

/// The queries measured, chosen from the index: its three most common words as one query, its
/// most common word, "ke hoach", "dang ky tam tru", a word found on one page, a document number.
fn queries(ix: &Index) -> Vec<String> {
    let mut rows: Vec<(String, usize)> = (0..ix.keys.len())
        .flat_map(|i| ix.chunk(i))
        .map(|(w, _, pages)| (w, pages))
        .collect();
    let rare = rows
        .iter()
        .find(|(w, n)| *n == 1 && w.len() >= 4 && w.bytes().all(|b| b.is_ascii_lowercase()))
        .map(|r| r.0.clone());
    let number = rows
        .iter()
        .find(|(w, _)| w.contains('/'))
        .map(|r| r.0.clone());
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    let common: Vec<&str> = rows.iter().take(3).map(|r| r.0.as_str()).collect();
    let mut out = vec![
        common.join(" "),
        common.first().copied().unwrap_or("").to_string(),
        "ke hoach".into(),
        "dang ky tam tru".into(),
    ];
    out.extend(rare);
    out.extend(number);
    out
}

/// Prints what each query downloads on the site whose index is `dir`, with the max and median.
pub fn report(dir: &Path) {
    let Some(ix) = Index::open(dir) else {
        println!("no search index (version 2) in {}", dir.display());
        return;
    };
    println!(
        "bytes a search query downloads ({} pages, {} word chunks, manifest {:.1} KB):",
        ix.pages,
        ix.keys.len(),
        ix.size("muc-luc.json") as f64 / 1024.0
    );
    let mut all = Vec::new();
    for q in queries(&ix) {
        let f = query(&ix, &q);
        let kb = |b: u64| b as f64 / 1024.0;
        println!(
            "  {:<24} {:>6.1} KB: manifest and {} word chunks {:.1} KB, {} description chunks {:.1} KB",
            format!("“{q}”"),
            kb(f.word_bytes + f.meta_bytes),
            f.word_chunks,
            kb(f.word_bytes),
            f.meta_chunks,
            kb(f.meta_bytes)
        );
        all.push(kb(f.word_bytes + f.meta_bytes));
    }
    all.sort_by(f64::total_cmp);
    println!(
        "  max {:.1} KB, median {:.1} KB",
        all.last().copied().unwrap_or(0.0),
        all[all.len() / 2]
    );
}

/// The index of the largest site built under `out` (a site folder or a folder of sites).
pub fn largest_index(out: &Path) -> Option<PathBuf> {
    let index = |site: &Path| site.join("tim-kiem/chi-muc");
    let mut sites = vec![out.to_path_buf()];
    sites.extend(std::fs::read_dir(out).ok()?.flatten().map(|e| e.path()));
    sites
        .into_iter()
        .filter_map(|s| Some((Index::open(&index(&s))?.pages as u64, index(&s))))
        .max()
        .map(|(_, dir)| dir)
}
