#!/usr/bin/env python3
"""Validates a niemyet project against the JSON Schemas of `niemyet schema`, with an independent
validator (the `jsonschema` package, draft 2020-12), as an editor's YAML extension would.

    schema_check.py SCHEMA_DIR PROJECT_ROOT

Prints one line per problem (`path: message`) and exits 1 when there is any, 0 otherwise. YAML is
read with PyYAML's safe loader minus its timestamp rule (a date stays the text the clerk typed,
as JSON has no dates) and with YAML 1.2 booleans (only true/false; `yes`, `on` stay text), as the
VS Code YAML extension reads them; front matter is the YAML between the first two `---` lines.
"""
import json
import re
import pathlib
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def front_matter(text):
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:i])
    return None


def main(schema_dir, root):
    schema_dir, root = pathlib.Path(schema_dir), pathlib.Path(root)
    schemas = {
        name: json.loads((schema_dir / name).read_text(encoding="utf-8"))
        for name in ["site.schema.json", "niemyet.schema.json", "ma-qr.schema.json",
                     "van-ban.schema.json", "dich-vu.schema.json"]
    }
    for s in schemas.values():
        jsonschema.Draft202012Validator.check_schema(s)
    targets = []
    if (root / "niemyet.yaml").is_file():
        targets.append((root / "niemyet.yaml", "niemyet.schema.json", False))
    content = root / "content"
    for site in sorted(p for p in content.iterdir() if p.is_dir()):
        for name, schema in [("_site.yaml", "site.schema.json"), ("_ma-qr.yaml", "ma-qr.schema.json")]:
            if (site / name).is_file():
                targets.append((site / name, schema, False))
        for md in sorted((site / "van-ban").rglob("*.md")):
            targets.append((md, "van-ban.schema.json", True))
        for md in sorted((site / "dich-vu").glob("*.md")):
            targets.append((md, "dich-vu.schema.json", True))
    problems = 0
    for path, schema, is_markdown in targets:
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        text = path.read_text(encoding="utf-8-sig")
        if is_markdown:
            text = front_matter(text)
            if text is None:
                print(f"{path.relative_to(root)}: không có phần đầu ---")
                problems += 1
                continue
        try:
            data = yaml.load(text, Loader=Loader)
        except yaml.YAMLError as e:
            print(f"{path.relative_to(root)}: YAML: {e}")
            problems += 1
            continue
        validator = jsonschema.Draft202012Validator(schemas[schema])
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path.relative_to(root)}: {where}: {error.message}")
            problems += 1
    print(f"{len(targets)} tệp, {problems} lỗi")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
