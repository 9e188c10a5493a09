//! Writing the built site (pipeline step 5): build aside, then swap into place.
//!
//! Nothing is written until the whole run is free of errors. Files go to a staging folder next to
//! the target; only when every byte is written is the staging folder swapped in, so an error, a
//! full disk or a kill at any moment leaves the previous site as it was. On Linux the swap is one
//! atomic `renameat2(RENAME_EXCHANGE)`: there is no instant at which the output folder is missing.
//! Elsewhere (or on a file system without exchange) it is two renames, and a kill between them is
//! repaired by `recover_interrupted` at the start of the next build. This module refuses to
//! replace a folder it did not create (a mistyped `--out` must never wipe someone's documents).

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

static BACKGROUND_CLEANUP: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// `niemyet build` (the command line, not the library) removes the previous site in a process of
/// its own once the new one is in place: on a real disk unlinking ten thousand pages costs as
/// much as writing them, and the clerk need not wait for it.
pub fn remove_previous_site_in_background(on: bool) {
    BACKGROUND_CLEANUP.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Checks that `out` can be (re)placed: not the project, not inside `content/`, ours if it exists.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<(), String> {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let root_c = canon(root);
    let out_c = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            canon(parent).join(out.file_name().unwrap_or_default())
        }
        _ => canon(out),
    };
    if root_c.starts_with(&out_c) {
        return Err(format!(
            "Thư mục xuất `{}` chứa cả dự án: không thể ghi đè.",
            out.display()
        ));
    }
    for protected in ["content", "themes", ".git"] {
        if out_c.starts_with(root_c.join(protected)) {
            return Err(format!(
                "Thư mục xuất `{}` nằm trong `{protected}/` của dự án.",
                out.display()
            ));
        }
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

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.niemyet-{tag}"))
}

/// Writes every site into a staging folder, then swaps it in. `only` non-empty: only those sites
/// are replaced, the others already in `out` are kept.
pub fn publish(out: &Path, sites: &[(String, Vec<OutFile>)], only: &[String]) -> Result<()> {
    let rebuilt: Vec<String> = if only.is_empty() {
        Vec::new()
    } else {
        sites.iter().map(|(c, _)| c.clone()).collect()
    };
    let staging = Staging::begin(out, &rebuilt)?;
    for (code, files) in sites {
        files.par_iter().try_for_each(|f| staging.write(code, f))?;
    }
    staging.commit()
}

/// A site being written beside the published one. Files can be written from any thread as soon
/// as they are rendered (`build` never holds a whole site in memory); nothing is visible until
/// [`Staging::commit`], and a staging folder dropped without commit is removed.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepares an empty staging folder. `rebuilt` non-empty: only those sites will be written,
    /// and the other sites already in `out` are copied in to be kept.
    pub fn begin(out: &Path, rebuilt: &[String]) -> Result<Staging> {
        // A previous build killed mid-swap left the last site aside: put it back before anything.
        recover_interrupted(out)?;
        let dir = sibling(out, "moi");
        let old = sibling(out, "cu");
        if dir.exists() {
            fs::remove_dir_all(&dir)
                .with_context(|| format!("không xóa được thư mục tạm {}", dir.display()))?;
        }
        if old.exists() {
            fs::remove_dir_all(&old)
                .with_context(|| format!("không xóa được thư mục cũ {}", old.display()))?;
        }
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            committed: false,
        };
        fs::create_dir_all(&staging.dir)
            .with_context(|| format!("không tạo được {}", staging.dir.display()))?;
        // Keep the sites this run does not rebuild.
        if !rebuilt.is_empty() && out.is_dir() {
            for entry in fs::read_dir(out)? {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if name == MARKER || rebuilt.contains(&name) {
                    continue;
                }
                copy_tree(&entry.path(), &staging.dir.join(&name))?;
            }
        }
        fs::write(
            staging.dir.join(MARKER),
            "Thư mục này do niemyet tạo; mỗi lần dựng sẽ được thay thế.\n",
        )?;
        Ok(staging)
    }

    /// Writes one file of site `code`.
    pub fn write(&self, code: &str, file: &OutFile) -> Result<()> {
        let target = self.dir.join(code).join(file.path());
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("không tạo được thư mục {}", parent.display()))?;
        }
        match file {
            OutFile::Bytes(_, bytes) => fs::write(&target, bytes)
                .with_context(|| format!("không ghi được {}", target.display())),
            OutFile::Copy(_, src) => fs::copy(src, &target).map(|_| ()).with_context(|| {
                format!("không chép được {} vào {}", src.display(), target.display())
            }),
        }
    }

    /// Swaps the staging folder in: the previous site stays whole until the new one is complete.
    pub fn commit(mut self) -> Result<()> {
        self.committed = true;
        let (out, staging, old) = (&self.out, &self.dir, sibling(&self.out, "cu"));
        if out.exists() {
            if exchange(staging, out).is_ok() {
                // `staging` now holds the previous site.
                if !BACKGROUND_CLEANUP.load(std::sync::atomic::Ordering::Relaxed)
                    || !remove_in_background(out, staging)
                {
                    remove_tree(staging);
                }
                return Ok(());
            }
            fs::rename(out, &old)
                .with_context(|| format!("không đổi tên được {}", out.display()))?;
        }
        if let Err(e) = fs::rename(staging, out) {
            let _ = fs::rename(&old, out);
            let _ = fs::remove_dir_all(staging);
            return Err(e)
                .with_context(|| format!("không đưa được trang mới vào {}", out.display()));
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
/// removes it itself. Folders left by an earlier cleanup that was killed are handed over too.
fn remove_in_background(out: &Path, old: &Path) -> bool {
    let trash = sibling(out, &format!("rac-{}", std::process::id()));
    if trash.exists() || fs::rename(old, &trash).is_err() {
        return false;
    }
    let prefix = format!(
        ".{}.niemyet-rac-",
        out.file_name().unwrap_or_default().to_string_lossy()
    );
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut dirs: Vec<PathBuf> = fs::read_dir(parent)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    let started = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .arg(CLEANUP_COMMAND)
            .args(&dirs)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
    });
    if started.is_err() {
        // Put it back where the synchronous removal expects it.
        return fs::rename(&trash, old).is_err();
    }
    true
}

/// `niemyet __xoa-trang-cu DIR...`: removes previous sites moved aside by [`remove_in_background`].
/// Only folders named `.NAME.niemyet-rac-…` that carry our marker are touched.
pub fn remove_moved_aside(dirs: &[PathBuf]) {
    for d in dirs {
        let ours = d
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains(".niemyet-rac-"))
            && d.join(MARKER).is_file();
        if ours {
            remove_tree(d);
        }
    }
}

/// Removes a previous site, its top-level folders in parallel (a big site is mostly folders of
/// one page each). Failing to remove it loses nothing: the next build clears it first.
fn remove_tree(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        let paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
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
    let _ = fs::remove_dir_all(dir);
}

/// Puts back a previous site left aside by a build killed between the two renames of the
/// fallback swap: `out` is missing and `.OUT.niemyet-cu` holds the last published site.
pub fn recover_interrupted(out: &Path) -> Result<()> {
    let old = sibling(out, "cu");
    if !out.exists() && old.join(MARKER).is_file() {
        fs::rename(&old, out)
            .with_context(|| format!("không khôi phục được trang cũ từ {}", old.display()))?;
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

fn copy_tree(src: &Path, dst: &Path) -> Result<()> {
    if src.is_dir() {
        fs::create_dir_all(dst)?;
        for entry in fs::read_dir(src)? {
            let entry = entry?;
            copy_tree(&entry.path(), &dst.join(entry.file_name()))?;
        }
    } else if src.is_file() {
        fs::copy(src, dst)?;
    } else {
        bail!("không chép được {}", src.display());
    }
    Ok(())
}
