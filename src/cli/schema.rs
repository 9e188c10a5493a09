//! `niemyet schema [--out DIR]`: writes the JSON Schemas of `crate::schema` for editors.
//!
//! It writes only into the folder it is given (default `schema/`), never under `content/`.

use super::Outcome;
use std::path::{Path, PathBuf};

/// The default folder, relative to the current folder (the project root).
pub const DEFAULT_DIR: &str = "schema";

pub fn run(out: Option<PathBuf>) -> Outcome {
    let dir = out.unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
    match write(&dir) {
        Ok(names) => {
            for n in names {
                println!("Đã ghi {}", dir.join(n).display());
            }
            Outcome::Ok
        }
        Err(msg) => Outcome::Usage(msg),
    }
}

/// Writes every schema into `dir` (created if needed); returns the file names written.
pub fn write(dir: &Path) -> Result<Vec<&'static str>, String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("không tạo được thư mục {}: {e}", dir.display()))?;
    let mut names = Vec::new();
    for f in crate::schema::all() {
        let path = dir.join(f.name);
        std::fs::write(&path, f.text())
            .map_err(|e| format!("không ghi được {}: {e}", path.display()))?;
        names.push(f.name);
    }
    Ok(names)
}
