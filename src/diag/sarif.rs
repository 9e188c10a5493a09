//! SARIF 2.1.0 (OASIS) output of `check --format sarif`: what code-hosting platforms read to show
//! diagnostics inline on a change.
//!
//! One run; its rules are the whole code registry (so a result's `ruleIndex` is stable from one
//! run to the next), its results the diagnostics in their printed order. Columns count Unicode
//! code points, as everywhere in niemyet, and the run says so (`columnKind`): SARIF's default is
//! UTF-16 code units, which would shift every column after a character outside the BMP. Paths stay
//! relative to the project root (`%SRCROOT%`): an absolute machine path never leaves the tool.

use super::{Code, Diagnostic, Pos, Related, Severity};
use serde_json::{Value, json};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The whole SARIF log for `diags` (already sorted).
pub fn log(diags: &[&Diagnostic]) -> Value {
    let rules: Vec<Value> = Code::ALL.iter().map(|&c| rule(c)).collect();
    let results: Vec<Value> = diags.iter().map(|d| result(d)).collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "niemyet",
                    "version": env!("CARGO_PKG_VERSION"),
                    "language": "vi",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn rule(c: Code) -> Value {
    let info = c.info();
    let help = format!(
        "{}\n\nVí dụ sai:\n{}\n\nVí dụ đúng:\n{}",
        info.explanation, info.wrong, info.right
    );
    let markdown = format!(
        "{}\n\n**Ví dụ sai**\n\n```\n{}\n```\n\n**Ví dụ đúng**\n\n```\n{}\n```",
        info.explanation, info.wrong, info.right
    );
    json!({
        "id": c.as_str(),
        "shortDescription": { "text": info.title },
        "fullDescription": { "text": info.explanation },
        "help": { "text": help, "markdown": markdown },
    })
}

fn result(d: &Diagnostic) -> Value {
    let text = match &d.hint {
        Some(h) => format!("{} Gợi ý: {h}", d.message),
        None => d.message.clone(),
    };
    let rule_index = Code::ALL.iter().position(|&c| c == d.code).unwrap_or(0);
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| related(i, r))
        .collect();
    let mut v = json!({
        "ruleId": d.code.as_str(),
        "ruleIndex": rule_index,
        "level": match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        "message": { "text": text },
        "locations": [{ "physicalLocation": physical(&d.path, d.pos, Some(d.end)) }],
    });
    if !related.is_empty() {
        v["relatedLocations"] = Value::Array(related);
    }
    v
}

fn related(id: usize, r: &Related) -> Value {
    json!({
        "id": id,
        "physicalLocation": physical(&r.path, r.pos, None),
        "message": { "text": r.message },
    })
}

fn physical(path: &str, start: Pos, end: Option<Pos>) -> Value {
    let mut region = json!({ "startLine": start.line, "startColumn": start.column });
    if let Some(end) = end.filter(|e| *e > start) {
        region["endLine"] = json!(end.line);
        region["endColumn"] = json!(end.column);
    }
    json!({
        "artifactLocation": { "uri": uri(path), "uriBaseId": "%SRCROOT%" },
        "region": region,
    })
}

/// A relative path as a URI reference: `/` kept, everything outside RFC 3986's unreserved set
/// percent-encoded as UTF-8 (`content/xã/a b.md` → `content/x%C3%A3/a%20b.md`).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("content/xã/a b.md"), "content/x%C3%A3/a%20b.md");
        assert_eq!(
            uri("content/binh-an/_site.yaml"),
            "content/binh-an/_site.yaml"
        );
    }
}
