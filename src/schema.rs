//! `niemyet schema`: JSON Schemas (draft 2020-12) of `_site.yaml`, `niemyet.yaml`, `_ma-qr.yaml`
//! and the front matter of documents and guides, so an editor completes keys and flags mistakes
//! while the clerk types (SPEC §12).
//!
//! The schemas are written from the key tables of `project::keys`, the same tables the loader
//! checks against, and allowed values come from the enums of `words`: one source, so the editor
//! and `check` cannot disagree on which keys exist. A schema must never be stricter than `check`
//! on a file `check` accepts (a clerk would learn to ignore it): scalars are read as their text by
//! the loader, so a text key also accepts what a YAML parser turns into a number or a boolean, and
//! an optional key accepts an empty value. Nothing here reads the project.

use crate::project::keys::{self, Key, Rule, Shape, Table};
use crate::text::number::TYPE_ABBREVIATIONS;
use crate::words::{DocKind, Level, Word};
use serde_json::{Value, json};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// One schema file: its name, the files it describes (for editors' mappings) and its text.
pub struct SchemaFile {
    pub name: &'static str,
    /// Glob of the project files it applies to, relative to the project root.
    pub applies_to: &'static str,
    pub schema: Value,
}

impl SchemaFile {
    /// The file's text: pretty JSON and a final newline (stable, so it diffs well in Git).
    pub fn text(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Every schema `niemyet schema` writes, in a fixed order.
pub fn all() -> Vec<SchemaFile> {
    vec![
        SchemaFile {
            name: "site.schema.json",
            applies_to: "content/*/_site.yaml",
            schema: document(
                "_site.yaml",
                "Thông tin một đơn vị (tỉnh, huyện, xã) của niemyet.",
                table(&keys::SITE),
            ),
        },
        SchemaFile {
            name: "niemyet.schema.json",
            applies_to: "niemyet.yaml",
            schema: document(
                "niemyet.yaml",
                "Cài đặt dự án niemyet.",
                nullable(table(&keys::PROJECT)),
            ),
        },
        SchemaFile {
            name: "ma-qr.schema.json",
            applies_to: "content/*/_ma-qr.yaml",
            schema: document(
                "_ma-qr.yaml",
                "Sổ mã QR đã in, do `niemyet posters` ghi (đừng sửa tay).",
                json!({ "type": ["array", "null"], "items": table(&keys::LEDGER_ENTRY) }),
            ),
        },
        SchemaFile {
            name: "van-ban.schema.json",
            applies_to: "content/*/van-ban/**/*.md",
            schema: document(
                "Phần đầu văn bản",
                "Phần đầu YAML (giữa hai dòng ---) của một văn bản.",
                table(&keys::DOCUMENT),
            ),
        },
        SchemaFile {
            name: "dich-vu.schema.json",
            applies_to: "content/**/dich-vu/*.md",
            schema: document(
                "Phần đầu hướng dẫn dịch vụ",
                "Phần đầu YAML của một hướng dẫn dịch vụ công.",
                table(&keys::GUIDE),
            ),
        },
    ]
}

fn document(title: &str, description: &str, body: Value) -> Value {
    let mut v = json!({
        "$schema": DRAFT,
        "title": title,
        "description": description,
    });
    if let (Some(out), Value::Object(body)) = (v.as_object_mut(), body) {
        out.extend(body);
    }
    v
}

/// The schema of one map: its keys, which are required, nothing else allowed.
fn table(t: &Table) -> Value {
    let properties: serde_json::Map<String, Value> = t
        .keys
        .iter()
        .map(|k| (k.name.to_string(), property(k)))
        .collect();
    let required: Vec<&str> = t
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name)
        .collect();
    let mut v = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        v["required"] = json!(required);
    }
    let rules: Vec<Value> = t.rules.iter().flat_map(rule).collect();
    if !rules.is_empty() {
        v["allOf"] = Value::Array(rules);
    }
    v
}

fn rule(r: &Rule) -> Vec<Value> {
    match r {
        Rule::RequiredUnlessDraftOrIssuedWith(keys) => vec![json!({
            "if": {
                "not": {
                    "anyOf": [
                        { "required": ["ban_hanh_kem_theo"] },
                        { "required": ["ban_nhap"], "properties": { "ban_nhap": { "const": true } } },
                    ]
                }
            },
            "then": { "required": keys },
        })],
        Rule::AnyOf(keys) => vec![json!({
            "anyOf": keys.iter().map(|k| json!({ "required": [k] })).collect::<Vec<_>>(),
        })],
        Rule::NumberMatchesKind => DocKind::ALL.iter().map(|&k| number_of_kind(k)).collect(),
        Rule::LevelLists => {
            // Provinces (since the 2025 reform) and districts (before it) list their communes'
            // areas under `don_vi`; a commune lists its own under `khu_dan_cu` (SPEC §5).
            let with_communes = json!({ "properties": { "cap": { "enum": [
                Level::Province.key(),
                Level::District.key()
            ] } } });
            let empty =
                json!({ "anyOf": [{ "type": "null" }, { "type": "array", "maxItems": 0 }] });
            vec![json!({
                "if": with_communes,
                "then": { "properties": { "khu_dan_cu": empty } },
                "else": { "properties": { "don_vi": empty } },
            })]
        }
    }
}

/// `if loai is K then so_hieu's symbol opens with K's abbreviation` (or, for a công văn, with
/// none of the type abbreviations). The symbol is what follows the last `/`.
fn number_of_kind(kind: DocKind) -> Value {
    let pattern = match kind.abbreviation() {
        Some(abbr) => format!("^.*/{abbr}(-[^/]*)?$"),
        None => {
            let all: Vec<&str> = TYPE_ABBREVIATIONS.iter().map(|(a, _)| *a).collect();
            format!("^.*/(?!({})(-|$))[^/]*$", all.join("|"))
        }
    };
    json!({
        "if": { "properties": { "loai": { "const": kind.key() } }, "required": ["loai"] },
        "then": { "properties": { "so_hieu": { "pattern": pattern } } },
    })
}

fn property(k: &Key) -> Value {
    let mut v = shape(&k.shape);
    if k.required && matches!(k.shape, Shape::Text) {
        // The loader trims a value: a blank one is a missing one.
        v["pattern"] = json!(r"\S");
    }
    if !k.required {
        v = nullable(v);
    }
    if let Value::Object(m) = &mut v {
        m.insert("description".into(), json!(k.description));
    }
    v
}

/// Scalars as a YAML parser may hand them over for a key the loader reads as text.
const SCALAR: [&str; 3] = ["string", "number", "boolean"];

fn shape(s: &Shape) -> Value {
    match s {
        Shape::Text => json!({ "type": SCALAR }),
        Shape::Pattern(p) if *p == keys::PHONE => {
            // An unquoted phone is a number to a YAML parser; the loader keeps its text.
            json!({ "type": ["string", "number"], "pattern": p })
        }
        Shape::Pattern(p) if *p == keys::SLUG => {
            // `ma: 2` is an integer to a YAML parser; the loader reads `2`, a slug.
            json!({ "type": ["string", "integer"], "minimum": 0, "pattern": p })
        }
        Shape::Pattern(p) => json!({ "type": "string", "pattern": p }),
        Shape::Date => json!({ "type": "string", "pattern": date_pattern() }),
        Shape::Bool => json!({ "type": "boolean" }),
        // The loader reads the scalar's text: `stt: "4"` is a number too.
        Shape::Integer => json!({
            "anyOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "pattern": r"^\s*[0-9]+\s*$" },
            ]
        }),
        Shape::OneOf(choices) => one_of(&choices()),
        Shape::Texts => json!({
            "anyOf": [
                { "type": SCALAR },
                { "type": "array", "items": { "type": SCALAR } },
            ]
        }),
        Shape::PatternList(p) => json!({
            "anyOf": [
                { "type": "string", "pattern": p },
                { "type": "array", "items": { "type": "string", "pattern": p } },
            ]
        }),
        Shape::OneOfList(choices) => {
            let one = one_of(&choices());
            json!({ "anyOf": [one.clone(), { "type": "array", "items": one }] })
        }
        Shape::Map(t) => table(t),
        Shape::SiteMap(p) => json!({
            "type": "object",
            "propertyNames": { "pattern": keys::SLUG },
            "additionalProperties": { "type": "string", "pattern": p },
        }),
        Shape::MapList(t) => json!({ "type": "array", "items": table(t) }),
        Shape::References(t) => json!({
            "type": "array",
            "items": { "anyOf": [ { "type": SCALAR }, table(t) ] },
        }),
    }
}

/// `keys::DATE`, also as a converter that knows YAML timestamps writes a date (JavaScript's
/// `2022-04-15T00:00:00.000Z`): the clerk typed the same `2022-04-15`.
fn date_pattern() -> String {
    format!("{}(T00:00:00(\\.0+)?Z)?$", keys::DATE.trim_end_matches('$'))
}

/// A closed set: its keys, with their labels beside them in editors' completion lists
/// (`enumDescriptions`, read by the VS Code YAML extension).
fn one_of(choices: &[(&str, &str)]) -> Value {
    let keys: Vec<&str> = choices.iter().map(|(k, _)| *k).collect();
    let labels: Vec<&str> = choices.iter().map(|(_, l)| *l).collect();
    json!({ "enum": keys, "enumDescriptions": labels })
}

/// `v`, or an empty value (`key:` with nothing after it, which the loader treats as absent).
fn nullable(v: Value) -> Value {
    json!({ "anyOf": [v, { "type": "null" }] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_strict_about_keys() {
        for f in all() {
            let text = f.schema.to_string();
            assert!(
                text.contains("\"additionalProperties\":false"),
                "{}",
                f.name
            );
            assert_eq!(f.schema["$schema"], DRAFT);
        }
    }

    #[test]
    fn allowed_values_come_from_the_enums() {
        let site = &all()[0].schema;
        assert_eq!(
            site["properties"]["cap"]["enum"],
            json!(["tinh", "huyen", "xa"])
        );
        let roles = &site["properties"]["to_cong_tac"]["anyOf"][0]["items"]["properties"]["vai_tro"]
            ["enum"];
        assert_eq!(roles.as_array().map(Vec::len), Some(6));
        let doc = &all()[3].schema;
        assert_eq!(
            doc["properties"]["loai"]["enum"].as_array().map(Vec::len),
            Some(15)
        );
        assert_eq!(doc["required"], json!(["loai", "trich_yeu"]));
    }
}
