//! Writing the built site (pipeline step 5): build aside, then swap into place.
//!
//! Nothing is written until the whole run is free of errors. Files go to a staging folder next to
//! the target; only when every byte is written is the staging folder swapped in, so an error, a
//! full disk or a kill at any moment leaves the previous site as it was. On Linux the swap is one
//! atomic `renameat2(RENAME_EXCHANGE)`: there is no instant at which the output folder is missing.
//! Elsewhere (or on a file system without exchange) it is two renames, and a kill between them is
//! repaired by `recover_interrupted` at the start of the next build. This module refuses to
//! replace a folder it did not create (a mistyped `--out` must never wipe someone's documents),
//! never follows a symlinked `--out` (the folder it points to is not ours to empty), and lets one
//! run at a time write beside an output: a second build waits for the first (SPEC §9).

use crate::render::OutFile;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

/// Marks an output folder as ours.
pub const MARKER: &str = ".niemyet-output";

/// The hidden command a finished build starts to remove the previous site (see
/// [`remove_in_background`]).
pub const CLEANUP_COMMAND: &str = "__xoa-trang-cu";

/// How the previous site goes once the new one is in place. `niemyet build` (the command line)
/// asks for [`Cleanup::Background`]: a process of its own removes it, since on a real disk
/// unlinking ten thousand pages costs as much as writing them and the clerk need not wait; the
/// library's other callers (tests, `publish`, benchmarks) remove it before returning.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cleanup {
    #[default]
    Now,
    Background,
}

/// Checks that `out` can be (re)placed: not the project, not inside `content/`, ours if it exists.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<(), String> {
    if fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(format!(
            "Thư mục xuất `{}` là một liên kết tượng trưng (symlink): niemyet không dựng vào đó, \
             vì thay trang sẽ xóa các tệp ở nơi liên kết trỏ tới. Hãy chỉ `--out` tới một thư mục \
             thật do niemyet tạo, rồi cho máy chủ web đọc thư mục đó.",
            out.display()
        ));
    }
    if let Some(msg) = inside_project(root, out) {
        return Err(msg);
    }
    if out.is_dir() {
        let empty = fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out.join(MARKER).exists() {
            return Err(format!(
                "Thư mục `{}` đã có tệp không do niemyet tạo; niemyet không ghi đè để tránh mất dữ liệu.",
                out.display()
            ));
        }
    } else if out.exists() {
        return Err(format!(
            "`{}` là một tệp, không phải thư mục.",
            out.display()
        ));
    }
    Ok(())
}

/// Why `out` may not be written by any command (`build`, `posters`): it holds the project, or
/// lies inside its `content/`, `themes/` or `.git/` (`check` and `build` never write there).
pub fn inside_project(root: &Path, out: &Path) -> Option<String> {
    let root_c = real_path(root);
    let out_c = real_path(out);
    if root_c.starts_with(&out_c) {
        return Some(format!(
            "Thư mục xuất `{}` chứa cả dự án: không thể ghi đè.",
            out.display()
        ));
    }
    ["content", "themes", ".git"]
        .into_iter()
        .find(|protected| out_c.starts_with(root_c.join(protected)))
        .map(|protected| {
            format!(
                "Thư mục xuất `{}` nằm trong `{protected}/` của dự án: chọn một thư mục khác bằng `--out`.",
                out.display()
            )
        })
}

/// `p` with symlinks resolved as far as it exists, the missing rest appended: a folder that does
/// not exist yet still compares by where it will be.
fn real_path(p: &Path) -> PathBuf {
    let mut missing = Vec::new();
    let mut existing = p;
    loop {
        if let Ok(c) = existing.canonicalize() {
            return missing.iter().rev().fold(c, |acc, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                existing = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
            }
            _ => return p.to_path_buf(),
        }
    }
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.niemyet-{tag}"))
}

/// A site being written beside the published one. Files can be written from any thread as soon
/// as they are rendered (`build` never holds a whole site in memory); nothing is visible until
/// [`Staging::commit`], and a staging folder dropped without commit is removed.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
    cleanup: Cleanup,
    /// Whether `out` held a site when this run began: without one, no file is compared.
    previous: bool,
    /// Held until the staging folder is committed or dropped: one run at a time beside `out`.
    _lock: DirLock,
}

impl Staging {
    /// Prepares an empty staging folder. `rebuilt` non-empty: only those sites will be written,
    /// and the other sites already in `out` are copied in to be kept.
    pub fn begin(out: &Path, rebuilt: &[String], cleanup: Cleanup) -> Result<Staging> {
        let lock = lock_beside(out)?;
        // A previous build killed mid-swap left the last site aside: put it back before anything.
        recover_interrupted(out)?;
        // Under the lock, every staging folder beside `out` is a leftover of a killed run.
        remove_leftovers(out, cleanup);
        let dir = sibling(out, &format!("moi-{}", std::process::id()));
        let old = sibling(out, "cu");
        if old.exists() {
            fs::remove_dir_all(&old)
                .map_err(os)
                .with_context(|| format!("không xóa được thư mục cũ {}", display_name(&old)))?;
        }
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            committed: false,
            cleanup,
            previous: out.is_dir(),
            _lock: lock,
        };
        fs::create_dir_all(&staging.dir)
            .map_err(os)
            .with_context(|| format!("không tạo được {}", display_name(&staging.dir)))?;
        // Keep the sites this run does not rebuild.
        if !rebuilt.is_empty() && out.is_dir() {
            for entry in fs::read_dir(out).map_err(os)? {
                let entry = entry.map_err(os)?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if name == MARKER || rebuilt.contains(&name) {
                    continue;
                }
                copy_tree(&entry.path(), &staging.dir.join(&name))
                    .with_context(|| format!("không giữ lại được đơn vị `{name}`"))?;
            }
        }
        let marker = OutFile::Bytes(
            MARKER.into(),
            "Thư mục này do niemyet tạo; mỗi lần dựng sẽ được thay thế.\n".into(),
        );
        staging
            .write("", &marker)
            .context("không ghi được thư mục tạm")?;
        Ok(staging)
    }

    /// Writes one file of site `code`.
    pub fn write(&self, code: &str, file: &OutFile) -> Result<()> {
        let target = self.dir.join(code).join(file.path());
        // Messages name the page as published (`xa/van-ban/x/index.html`), not the machine path.
        let shown = || format!("{code}/{}", file.path());
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(os)
                .with_context(|| format!("không tạo được thư mục cho {}", shown()))?;
        }
        let published = self.out.join(code).join(file.path());
        if self.unchanged(&published, file) && fs::hard_link(&published, &target).is_ok() {
            return Ok(());
        }
        match file {
            OutFile::Bytes(_, bytes) => fs::write(&target, bytes)
                .map_err(os)
                .with_context(|| format!("không ghi được {}", shown())),
            OutFile::Copy(_, src) => {
                fs::copy(src, &target)
                    .map(|_| ())
                    .map_err(os)
                    .with_context(|| {
                        format!(
                            "không chép được tệp `{}` vào {}",
                            src.file_name().unwrap_or_default().to_string_lossy(),
                            shown()
                        )
                    })
            }
        }
    }

    /// Whether the published site already holds `file` byte for byte, as a plain file (never a
    /// link): then the staging folder gets a second name of that file instead of a copy, so a
    /// rebuild that changes nothing writes no file, and what is unchanged keeps its date for
    /// backups, `rsync` and `publish`.
    fn unchanged(&self, published: &Path, file: &OutFile) -> bool {
        if !self.previous {
            return false;
        }
        let Ok(meta) = fs::symlink_metadata(published) else {
            return false;
        };
        if !meta.file_type().is_file() {
            return false;
        }
        match file {
            OutFile::Bytes(_, bytes) => meta.len() == bytes.len() as u64 && holds(published, bytes),
            OutFile::Copy(_, src) => {
                fs::metadata(src).is_ok_and(|m| m.len() == meta.len())
                    && same_content(src, published)
            }
        }
    }

    /// Swaps the staging folder in: the previous site stays whole until the new one is complete.
    pub fn commit(mut self) -> Result<()> {
        self.committed = true;
        let (out, staging, old) = (&self.out, &self.dir, sibling(&self.out, "cu"));
        if out.exists() {
            if exchange(staging, out).is_ok() {
                // `staging` now holds the previous site.
                if self.cleanup == Cleanup::Now || !remove_in_background(out, staging) {
                    remove_tree(staging);
                }
                return Ok(());
            }
            fs::rename(out, &old)
                .map_err(os)
                .with_context(|| format!("không đổi tên được {}", display_name(out)))?;
        }
        if let Err(e) = fs::rename(staging, out) {
            let _ = fs::rename(&old, out);
            let _ = fs::remove_dir_all(staging);
            return Err(os(e))
                .with_context(|| format!("không đưa được trang mới vào {}", display_name(out)));
        }
        remove_tree(&old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Moves the previous site (in `old`) to a `.OUT.niemyet-rac-PID` folder and starts
/// `niemyet __xoa-trang-cu` on it, without waiting. False when that could not be done: the caller
/// removes it itself. Folders left by an earlier cleanup that was killed are found by the next
/// run ([`remove_leftovers`]).
fn remove_in_background(out: &Path, old: &Path) -> bool {
    let trash = sibling(out, &format!("rac-{}", std::process::id()));
    if trash.exists() || fs::rename(old, &trash).is_err() {
        return false;
    }
    if !spawn_cleanup(std::slice::from_ref(&trash)) {
        // Put it back where the synchronous removal expects it.
        return fs::rename(&trash, old).is_err();
    }
    true
}

fn spawn_cleanup(dirs: &[PathBuf]) -> bool {
    std::env::current_exe()
        .and_then(|exe| {
            std::process::Command::new(exe)
                .arg(CLEANUP_COMMAND)
                .args(dirs)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
        })
        .is_ok()
}

/// True for a previous site this module moved aside: named `.NAME.niemyet-rac-PID` and still
/// carrying our marker (removed last by [`remove_tree`], so a cleanup killed midway leaves it).
fn is_moved_aside(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
        && dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .and_then(|n| {
                n.rsplit_once(".niemyet-rac-")
                    .map(|(_, pid)| pid.to_string())
            })
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// `niemyet __xoa-trang-cu DIR...`: removes previous sites moved aside by [`remove_in_background`].
/// Only folders named `.NAME.niemyet-rac-PID` that carry our marker are touched, and each one is
/// locked while it is removed, so that a folder another cleanup is still removing is left to it.
pub fn remove_moved_aside(dirs: &[PathBuf]) {
    for d in dirs {
        if !is_moved_aside(d) {
            continue;
        }
        if let Ok(Some(_held)) = DirLock::try_acquire(d) {
            remove_tree(d);
        }
    }
}

/// Removes what killed runs left beside `out` (called under the output lock, so no live run owns
/// any of it): staging folders (`.OUT.niemyet-moi-PID`, and `.OUT.niemyet-moi` of older
/// versions) at once, previous sites moved aside whose cleanup was killed (`rac-PID`, not locked
/// by a live cleanup) in the background like a finished build's.
fn remove_leftovers(out: &Path, cleanup: Cleanup) {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    let (staging, aside) = (
        format!(".{name}.niemyet-moi"),
        format!(".{name}.niemyet-rac-"),
    );
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut abandoned = Vec::new();
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir {
            continue;
        }
        if file_name == staging
            || file_name
                .strip_prefix(&staging)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|pid| pid.bytes().all(|b| b.is_ascii_digit()))
        {
            remove_tree(&path);
        } else if file_name.starts_with(&aside)
            && is_moved_aside(&path)
            && matches!(DirLock::try_acquire(&path), Ok(Some(_)))
        {
            abandoned.push(path);
        }
    }
    abandoned.sort();
    if abandoned.is_empty() {
        return;
    }
    if cleanup == Cleanup::Now || !spawn_cleanup(&abandoned) {
        abandoned.iter().for_each(|d| remove_tree(d));
    }
}

/// Removes a previous site, its top-level folders in parallel (a big site is mostly folders of
/// one page each). Failing to remove it loses nothing: the next build clears it first.
fn remove_tree(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        // The marker goes last: a removal killed midway leaves a folder still known as ours,
        // which the next run finishes removing.
        let paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| !p.ends_with(MARKER))
            .collect();
        paths.par_iter().for_each(|p| {
            if p.is_dir() {
                if let Ok(inner) = fs::read_dir(p) {
                    let inner: Vec<PathBuf> = inner.flatten().map(|e| e.path()).collect();
                    inner.par_iter().for_each(|q| {
                        let _ = if q.is_dir() {
                            fs::remove_dir_all(q)
                        } else {
                            fs::remove_file(q)
                        };
                    });
                }
                let _ = fs::remove_dir_all(p);
            } else {
                let _ = fs::remove_file(p);
            }
        });
    }
    let _ = fs::remove_file(dir.join(MARKER));
    let _ = fs::remove_dir_all(dir);
}

/// A name for messages: the folder's own name, never the machine's absolute path.
fn display_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// An exclusive advisory lock (`flock`) on a folder, released when dropped or when the process
/// dies: a killed build never leaves a stale lock behind, and nothing is written to hold it.
pub struct DirLock(#[allow(dead_code)] fs::File);

impl DirLock {
    /// The lock, or `None` when another process holds it.
    #[cfg(unix)]
    pub fn try_acquire(dir: &Path) -> std::io::Result<Option<DirLock>> {
        use std::os::unix::io::AsRawFd;
        let f = fs::File::open(dir)?;
        // SAFETY: `f` is an open descriptor for the duration of the call.
        if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
            return Ok(Some(DirLock(f)));
        }
        let e = std::io::Error::last_os_error();
        match e.raw_os_error() {
            _ if e.kind() == std::io::ErrorKind::WouldBlock => Ok(None),
            // A file system without locks (some network shares): run unlocked, as before locks
            // existed, rather than refuse to build at all.
            Some(libc::ENOLCK | libc::EOPNOTSUPP | libc::ENOSYS) => Ok(Some(DirLock(f))),
            _ => Err(e),
        }
    }

    /// The lock, waiting for another process to release it.
    #[cfg(unix)]
    pub fn acquire(dir: &Path) -> std::io::Result<DirLock> {
        use std::os::unix::io::AsRawFd;
        let f = fs::File::open(dir)?;
        loop {
            // SAFETY: as above.
            if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) } == 0 {
                return Ok(DirLock(f));
            }
            let e = std::io::Error::last_os_error();
            match e.raw_os_error() {
                Some(libc::EINTR) => {}
                Some(libc::ENOLCK | libc::EOPNOTSUPP | libc::ENOSYS) => return Ok(DirLock(f)),
                _ => return Err(e),
            }
        }
    }

    #[cfg(not(unix))]
    pub fn try_acquire(dir: &Path) -> std::io::Result<Option<DirLock>> {
        fs::File::open(dir).map(|f| Some(DirLock(f)))
    }

    #[cfg(not(unix))]
    pub fn acquire(dir: &Path) -> std::io::Result<DirLock> {
        fs::File::open(dir).map(DirLock)
    }

    /// Takes the lock of `dir`; when another run holds it, says so on stderr (`what` names the
    /// other run, e.g. "một lần dựng khác") and waits for it to finish.
    pub fn wait_for(dir: &Path, what: &str) -> std::io::Result<DirLock> {
        if let Some(lock) = DirLock::try_acquire(dir)? {
            return Ok(lock);
        }
        eprintln!("Đang chờ {what} xong (chỉ một lần chạy mỗi lúc)…");
        DirLock::acquire(dir)
    }
}

/// The lock of an output: on the folder that holds it (the output itself is swapped, so it cannot
/// carry the lock), created if needed. Two builds into one `--out` never mix their files.
fn lock_beside(out: &Path) -> Result<DirLock> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)
        .map_err(os)
        .with_context(|| format!("không tạo được thư mục chứa {}", display_name(out)))?;
    DirLock::wait_for(parent, "một lần dựng khác vào cùng thư mục xuất")
        .map_err(os)
        .with_context(|| format!("không khóa được thư mục chứa {}", display_name(out)))
}

/// Puts back a previous site left aside by a build killed between the two renames of the
/// fallback swap: `out` is missing and `.OUT.niemyet-cu` holds the last published site.
pub fn recover_interrupted(out: &Path) -> Result<()> {
    let old = sibling(out, "cu");
    if !out.exists() && old.join(MARKER).is_file() {
        fs::rename(&old, out)
            .map_err(os)
            .with_context(|| format!("không khôi phục được trang cũ từ {}", display_name(&old)))?;
    }
    Ok(())
}

/// Atomically exchanges two existing directories (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: both pointers are NUL-terminated strings that outlive the call; AT_FDCWD makes
    // relative paths relative to the current directory, as `fs::rename` does.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Whether the file at `path`, known to be `bytes.len()` long, holds `bytes`: read a piece at a
/// time into the stack and compared as it comes (a no-change rebuild compares every page; no
/// buffer is allocated, and the file's size is not asked again).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let mut piece = [0u8; 16 * 1024];
    let mut rest = bytes;
    while !rest.is_empty() {
        let want = rest.len().min(piece.len());
        if file.read_exact(&mut piece[..want]).is_err() || piece[..want] != rest[..want] {
            return false;
        }
        rest = &rest[want..];
    }
    true
}

/// Whether two files hold the same bytes, read a block at a time (attachments may be large).
fn same_content(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(mut a), Ok(mut b)) = (fs::File::open(a), fs::File::open(b)) else {
        return false;
    };
    let (mut x, mut y) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = match a.read(&mut x) {
            Ok(n) => n,
            Err(_) => return false,
        };
        if n == 0 {
            return b.read(&mut y).is_ok_and(|m| m == 0);
        }
        if b.read_exact(&mut y[..n]).is_err() || x[..n] != y[..n] {
            return false;
        }
    }
}

fn copy_tree(src: &Path, dst: &Path) -> Result<()> {
    if src.is_dir() {
        fs::create_dir_all(dst).map_err(os)?;
        for entry in fs::read_dir(src).map_err(os)? {
            let entry = entry.map_err(os)?;
            copy_tree(&entry.path(), &dst.join(entry.file_name()))?;
        }
    } else if src.is_file() {
        fs::copy(src, dst).map_err(os)?;
    } else {
        bail!("không chép được {}", display_name(src));
    }
    Ok(())
}

/// An OS error as a Vietnamese error without the machine path (see [`crate::diag::io_reason`]).
fn os(e: std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(crate::diag::io_reason(&e))
}
