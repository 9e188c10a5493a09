//! The house without circles (ARCHITECTURE.md, "Imports point down"), drawn from the source: every
//! `crate::MODULE` a top-level module names must sit on a lower floor than its own. A module
//! added without a floor here fails, so its place is decided, not drifted into.

use std::collections::BTreeMap;
use std::path::Path;

/// The floors, lowest first. A module may name only modules on lower floors.
const FLOORS: &[(&str, u32)] = &[
    ("words", 0),
    ("text", 1),
    ("diag", 2),
    ("qr", 2),
    ("yaml", 3),
    ("project", 4),
    ("schema", 5),
    ("publish", 5),
    ("resolve", 5),
    ("validate", 5),
    ("routes", 6),
    ("render", 7),
    ("output", 8),
    ("search", 8),
    ("pipeline", 9),
    ("serve", 9),
    ("posters", 10),
    ("import", 10),
    ("cli", 11),
];

/// The top-level modules named after `crate::` in a file, with their line, outside comments and
/// the file's unit tests.
fn named_modules(text: &str) -> Vec<(String, usize)> {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
        if code[line_start..at].trim_start().starts_with("//") {
            continue;
        }
        let line = code[..at].matches('\n').count() + 1;
        let rest = &code[at + "crate::".len()..];
        match rest.strip_prefix('{') {
            // `use crate::{output, project::load, ...}`, on one line or several.
            Some(group) => {
                let group = group.split('}').next().unwrap_or("");
                for name in group.split(',') {
                    found.push((identifier(name.trim()), line));
                }
            }
            None => found.push((identifier(rest), line)),
        }
    }
    found.retain(|(name, _)| !name.is_empty());
    found
}

fn identifier(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable source folder") {
        let path = entry.expect("a readable entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn imports_point_down_the_floors() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let floors: BTreeMap<&str, u32> = FLOORS.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&src).expect("under src/");
        let first = rel.iter().next().and_then(|c| c.to_str()).unwrap_or("");
        let module = first.trim_end_matches(".rs");
        if module == "main" || module == "lib" {
            continue;
        }
        let Some(&floor) = floors.get(module) else {
            wrong.push(format!(
                "src/{}: module `{module}` has no floor in FLOORS",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(path).expect("a readable source file");
        for (name, line) in named_modules(&text) {
            if name == module {
                continue;
            }
            match floors.get(name.as_str()) {
                Some(&to) if to < floor => {}
                Some(&to) => wrong.push(format!(
                    "src/{}:{line}: `{module}` (floor {floor}) names `{name}` (floor {to})",
                    rel.display()
                )),
                None => wrong.push(format!(
                    "src/{}:{line}: `crate::{name}` is not a module with a floor",
                    rel.display()
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_module_that_names_a_higher_floor_is_seen() {
    let text = "use crate::diag::Code;\n// crate::cli in a comment\nuse crate::{render, project::load};\nuse crate::{\n    output,\n    search::Indexer,\n};\nlet x = crate::posters::run();\n";
    let names: Vec<String> = named_modules(text).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["diag", "render", "project", "output", "search", "posters"]
    );
}
