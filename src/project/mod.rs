//! The loaded project: plain data read from `content/`, `niemyet.yaml` and `themes/`.
//!
//! Loading reads files and checks their *form* (encoding, front matter, keys, types); the
//! content rules that compare documents with each other live in `validate`. Nothing here renders
//! or writes, and nothing here keeps a file handle: the rest of the pipeline works on this data.

pub mod document;
pub mod fields;
pub mod front_matter;
pub mod guide;
pub mod keys;
pub mod ledger;
pub mod load;
pub mod publish_target;
pub mod site;
pub mod table;
pub mod theme;

pub use document::{Document, Reference};
pub use fields::Located;
pub use front_matter::FrontMatter;
pub use guide::Guide;
pub use site::{Area, Level, Site, SiteInfo};

use std::path::PathBuf;

#[derive(Debug)]
pub struct Project {
    pub root: PathBuf,
    /// Theme name from `niemyet.yaml` (`giao_dien`), `default` when unset.
    pub theme: String,
    /// Guides of `content/_chung/dich-vu/`, sorted by name.
    pub shared_guides: Vec<Guide>,
    /// Sites, sorted by code.
    pub sites: Vec<Site>,
}
