//! Embeds the default theme and the shared service guides into the binary, listing them at
//! build time so that adding a file to `themes/default/` or `content/_chung/dich-vu/` needs no
//! code change.

use std::fmt::Write as _;
use std::path::Path;

fn files(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = e.path();
        let rel = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        if path.is_dir() {
            files(&path, &rel, out);
        } else {
            out.push((rel, path.canonicalize().unwrap().display().to_string()));
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut code = String::new();
    for (konst, dir, bytes) in [
        ("THEME_TEMPLATES", "themes/default/templates", false),
        ("THEME_STATIC", "themes/default/static", true),
        ("SHARED_GUIDES", "content/_chung/dich-vu", false),
    ] {
        let mut list = Vec::new();
        files(&root.join(dir), "", &mut list);
        println!("cargo:rerun-if-changed={dir}");
        let ty = if bytes { "&[u8]" } else { "&str" };
        let mac = if bytes {
            "include_bytes"
        } else {
            "include_str"
        };
        writeln!(code, "pub const {konst}: &[(&str, {ty})] = &[").unwrap();
        for (rel, abs) in list {
            println!("cargo:rerun-if-changed={abs}");
            writeln!(code, "    ({rel:?}, {mac}!({abs:?})),").unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let out = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out).join("embedded.rs"), code).unwrap();
}
