//! Publishing a built site to its hosting (SPEC §11): S3-compatible storage, SFTP or FTPS.
//!
//! `plan` decides what changed and the order; each protocol is one `Hosting` behind a small
//! trait; `execute` runs a plan. It must never leave the live site broken: every file is written
//! whole (temporary name then rename, or S3's atomic PUT), pages go after the files they link to,
//! the home page last, deletions only after every upload succeeded and never more than allowed,
//! and the manifest last of all, so that running it again after any interruption completes it.

pub mod error;
mod ftps;
pub mod plan;
mod s3;
mod sftp;
/// Where a site is published: read with the project's settings (`niemyet.yaml`), so it lives
/// in `project`.
pub use crate::project::publish_target as target;

pub use error::{HostError, Problem};
pub use plan::{Action, Manifest, Plan, Step};
pub use target::Target;

use std::collections::BTreeMap;
use std::path::Path;

/// Bound on reading the manifest back: far above a real one (about 150 bytes per file).
pub(crate) const MAX_MANIFEST: usize = 256 * 1024 * 1024;

/// One hosting place, connected and logged in. Paths are relative to the target's folder,
/// `/`-separated, as in the built site.
pub trait Hosting {
    /// A file's content, `None` when it does not exist (used for the manifest).
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, HostError>;
    /// Every file with its ETag, where the protocol lists them cheaply and with a content
    /// fingerprint (S3); `None` elsewhere.
    fn list(&mut self) -> Result<Option<BTreeMap<String, String>>, HostError>;
    /// Writes a file so that a reader sees the old or the new content, never part of it; creates
    /// folders as needed. Returns the ETag where the protocol has one.
    fn put(&mut self, path: &str, data: &[u8]) -> Result<Option<String>, HostError>;
    /// Removes a file; one that is already gone is not an error (a rerun after an interruption).
    fn delete(&mut self, path: &str) -> Result<(), HostError>;
}

/// Connects and logs in, with credentials from the environment (SPEC §11).
pub fn connect(target: &Target) -> Result<Box<dyn Hosting>, HostError> {
    match target {
        Target::S3 { .. } => Ok(Box::new(s3::S3::connect(target)?)),
        Target::Sftp(login) => Ok(Box::new(sftp::Sftp::connect(login)?)),
        Target::Ftps(login) => Ok(Box::new(ftps::Ftps::connect(login)?)),
    }
}

/// Told about each file sent (a progress bar on a terminal, nothing otherwise).
pub trait Progress {
    fn start(&self, _files: u64, _bytes: u64) {}
    fn sent(&self, _path: &str, _bytes: u64) {}
}

pub struct NoProgress;
impl Progress for NoProgress {}

#[derive(Debug)]
pub enum Failure {
    Host(HostError),
    /// More deletions than `--max-deletes` allows: nothing was done. Holds every path.
    TooManyDeletes {
        deletes: Vec<String>,
        max: usize,
    },
    /// The built site could not be read from disk.
    Local(String),
}

impl From<HostError> for Failure {
    fn from(e: HostError) -> Self {
        Failure::Host(e)
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub uploaded: usize,
    pub replaced: usize,
    pub bytes_sent: u64,
    pub deleted: usize,
    pub unchanged: usize,
}

/// Reads what the hosting holds and compares it with the built site in `dir`. Changes nothing.
pub fn prepare(hosting: &mut dyn Hosting, dir: &Path) -> Result<(Plan, Manifest), Failure> {
    let local = plan::local_files(dir)
        .map_err(|e| Failure::Local(format!("Không đọc được trang đã dựng: {e}.")))?;
    let remote = hosting
        .read(plan::MANIFEST)?
        .and_then(|bytes| Manifest::from_bytes(&bytes))
        .unwrap_or_default();
    let listed = hosting.list()?;
    Ok((plan::plan(local, &remote, listed.as_ref()), remote))
}

/// Runs a plan: uploads in order, then deletions, then the new manifest.
pub fn execute(
    hosting: &mut dyn Hosting,
    plan: Plan,
    remote: &Manifest,
    max_deletes: usize,
    progress: &dyn Progress,
) -> Result<Summary, Failure> {
    if plan.deletes.len() > max_deletes {
        return Err(Failure::TooManyDeletes {
            deletes: plan.deletes,
            max: max_deletes,
        });
    }
    let mut summary = Summary {
        unchanged: plan.unchanged.len(),
        ..Summary::default()
    };
    let mut next = Manifest {
        niemyet: plan::MANIFEST_VERSION,
        files: BTreeMap::new(),
    };
    for f in &plan.unchanged {
        if let Some(e) = remote.files.get(&f.path) {
            next.files.insert(f.path.clone(), e.clone());
        }
    }
    progress.start(plan.sends.len() as u64, plan.bytes_to_send());
    for (file, action) in &plan.sends {
        let data = std::fs::read(&file.abs)
            .map_err(|e| Failure::Local(format!("Không đọc được `{}`: {e}.", file.path)))?;
        let etag = hosting.put(&file.path, &data)?;
        summary.bytes_sent += data.len() as u64;
        match action {
            Action::Upload => summary.uploaded += 1,
            Action::Replace => summary.replaced += 1,
        }
        next.files.insert(
            file.path.clone(),
            plan::Entry {
                sha256: file.sha256.clone(),
                size: file.size,
                etag,
            },
        );
        progress.sent(&file.path, file.size);
    }
    for path in &plan.deletes {
        hosting.delete(path)?;
        summary.deleted += 1;
    }
    hosting.put(plan::MANIFEST, &next.to_bytes())?;
    Ok(summary)
}

/// The parent folders of a path, shallowest first (`a/b/c.html` → `a`, `a/b`).
pub(crate) fn parents(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

/// `base/path`, for protocols that address files by full path.
pub(crate) fn join(base: &str, path: &str) -> String {
    match base.trim_end_matches('/') {
        "" if base.starts_with('/') => format!("/{path}"),
        "" => path.to_string(),
        b => format!("{b}/{path}"),
    }
}

/// The temporary name a file is written under before the rename: in the same folder (a rename
/// never crosses file systems), hidden, and never a name the build produces.
pub(crate) fn temp_name(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/.{name}.niemyet-tam"),
        None => format!(".{path}.niemyet-tam"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(parents("a/b/c.html").collect::<Vec<_>>(), ["a", "a/b"]);
        assert_eq!(join("/var/www/", "a.html"), "/var/www/a.html");
        assert_eq!(join("/", "a.html"), "/a.html");
        assert_eq!(join("", "a.html"), "a.html");
        assert_eq!(join("www", "a.html"), "www/a.html");
        assert_eq!(
            temp_name("van-ban/index.html"),
            "van-ban/.index.html.niemyet-tam"
        );
    }
}
