//! Editor and tool support (SPEC §12, issue 17): diagnostics as data (`--format json`, `sarif`),
//! duplicates pointing at their first place, `giai-thich`, the JSON Schemas checked by an
//! independent validator against what `check` accepts, and the editor files `init` writes.

use crate::common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command as Std;

const DOC: &str = "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md";
const COPY: &str = "content/xa-binh-minh/van-ban/2025/ban-sao.md";

fn json_lines(r: &Run) -> Vec<Value> {
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn json_gives_span_end_and_related_places() {
    let p = Project::new();
    p.write(COPY, &DECISION.replace("2025-07-05", "2025-09-09"));
    let r = p.run(&["check", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let all: Vec<Value> = json_lines(&r)
        .into_iter()
        .filter(|d| d["code"] == "so-hieu-trung")
        .collect();
    assert_eq!(all.len(), 1, "{}", r.stdout);
    let d = &all[0];
    for key in [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "severity",
        "code",
        "message",
        "hint",
        "related",
    ] {
        assert!(d.get(key).is_some(), "{key} missing in {d}");
    }
    assert_eq!(d["path"], DOC);
    assert_eq!(d["code"], "so-hieu-trung");
    // `so_hieu: "15/QĐ-UBND"`: the value starts at column 10 and ends after its closing quote
    // (columns count characters: Đ is one).
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(10))
    );
    assert_eq!(d["end_line"], 3);
    assert_eq!(
        d["end_column"],
        10 + "\"15/QĐ-UBND\"".chars().count() as u64
    );
    assert_eq!(
        d["related"],
        serde_json::json!([{
            "path": COPY, "line": 3, "column": 10,
            "message": "số hiệu này dùng lần đầu ở đây"
        }])
    );
}

#[test]
fn a_large_group_of_duplicates_is_counted_not_listed() {
    let p = Project::new();
    let n = 300;
    for i in 0..n {
        p.write(
            &format!("content/xa-binh-minh/van-ban/2025/sao-{i:03}.md"),
            &DECISION.replace("2025-07-05", "2025-09-09"),
        );
    }
    let r = p.run(&["check", "--format", "json"]);
    let dups: Vec<Value> = json_lines(&r)
        .into_iter()
        .filter(|d| d["code"] == "so-hieu-trung")
        .collect();
    // n copies + the original: one error per place after the first.
    assert_eq!(dups.len(), n, "{}", r.stderr);
    for d in &dups {
        assert_eq!(d["related"].as_array().map(Vec::len), Some(1), "{d}");
        assert_eq!(
            d["related"][0]["path"],
            "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md"
        );
        assert!(!d["message"].as_str().unwrap_or("").contains("sao-"), "{d}");
        assert_eq!(d["notes"][0], "và 299 nơi khác cũng trùng");
    }
    // Linear output: each diagnostic stays small however large the group.
    let text = p.check();
    assert!(text.stderr.len() < n * 1_000, "{} bytes", text.stderr.len());
}

#[test]
fn ledger_duplicate_points_at_the_first_entry() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/_ma-qr.yaml",
        "- ma: ABCDE\n  dich: /khu-dan-cu/thon-1/\n- ma: ABCDE\n  dich: /khu-dan-cu/thon-dong-tam/\n",
    );
    p.check()
        .error_at("content/xa-binh-minh/_ma-qr.yaml:3:7", "ma-qr-trung")
        .says("::: content/xa-binh-minh/_ma-qr.yaml:1:7: mã này ghi lần đầu ở đây");
}

#[test]
fn file_names_that_fold_to_one_slug_collide_at_the_second() {
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/van-ban/2025/Quyết định 15.md",
        &DECISION.replace("15/QĐ-UBND", "16/QĐ-UBND"),
    );
    let r = p.check();
    r.error_at(&format!("{DOC}:1:1"), "trung-duong-dan").says(
        "::: content/xa-binh-minh/van-ban/2025/Quyết định 15.md:1:1: đường dẫn này dùng lần đầu ở đây",
    );
}

#[test]
fn attachments_that_fold_to_one_name_collide_at_the_second() {
    let p = Project::new();
    p.write("content/xa-binh-minh/tep/2025/Phụ lục 1.pdf", "%PDF-1.4\n");
    p.write("content/xa-binh-minh/tep/2025/phu-luc-1.pdf", "%PDF-1.4\n");
    p.check()
        .error_at(
            "content/xa-binh-minh/tep/2025/phu-luc-1.pdf:1:1",
            "tep-trung-ten",
        )
        .says("::: content/xa-binh-minh/tep/2025/Phụ lục 1.pdf:1:1: tên này dùng lần đầu ở đây");
}

/// `vai_tro` is a closed set read once, from YAML or CSV alike, with the nearest role as a hint.
#[test]
fn a_role_outside_the_set_is_refused_in_csv_too() {
    let p = Project::new();
    let site = "content/xa-binh-minh/_site.yaml";
    let text = p.read(site);
    let (head, rest) = text.split_once("to_cong_tac:").expect("a roster");
    let tail = &rest[rest.find("khu_dan_cu:").expect("areas")..];
    p.write(site, &format!("{head}{tail}"));
    p.write(
        "content/xa-binh-minh/to-cong-tac.csv",
        "ho_ten,chuc_vu,vai_tro,dien_thoai\nNguyễn Văn Hùng,Chủ tịch UBND xã,to truong,\n",
    );
    p.check()
        .error_at("content/xa-binh-minh/to-cong-tac.csv:2:34", "vai-tro")
        .says("Có phải ý bạn là `to-truong`?");
}

#[test]
fn text_shows_the_related_place_with_its_line() {
    let p = Project::new();
    p.write(
        DOC,
        &DECISION.replace("loai: quyet-dinh", "loai: quyet-dinh\nloai: ke-hoach"),
    );
    let r = p.check();
    r.error_at(&format!("{DOC}:3:1"), "khoa-lap");
    assert!(
        r.stderr.contains(&format!(
            "   ::: {DOC}:2:1: khóa này có lần đầu ở đây\n 2 | loai: quyet-dinh\n   | -\n"
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn sarif_is_one_run_with_rules_regions_and_related_locations() {
    let p = Project::new();
    p.write(COPY, &DECISION.replace("2025-07-05", "2025-09-09"));
    let r = p.run(&["check", "--format", "sarif"]);
    assert_eq!(r.code, 1);
    let log: Value = serde_json::from_str(&r.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let explained = Project::new().run(&["giai-thich"]).stdout;
    for rule in rules {
        let id = rule["id"].as_str().expect("rule id");
        assert!(explained.contains(id), "{id} not listed by giai-thich");
        assert!(
            rule["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
    }
    let results: Vec<&Value> = run["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r["level"] == "error")
        .collect();
    assert_eq!(results.len(), 1);
    let res = results[0];
    assert_eq!(res["ruleId"], "so-hieu-trung");
    assert_eq!(res["level"], "error");
    let index = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(rules[index]["id"], "so-hieu-trung");
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], DOC);
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(loc["region"]["startLine"], 3);
    assert_eq!(loc["region"]["startColumn"], 10);
    assert_eq!(loc["region"]["endColumn"], 22);
    let rel = &res["relatedLocations"][0];
    assert_eq!(rel["physicalLocation"]["artifactLocation"]["uri"], COPY);
    assert_eq!(rel["message"]["text"], "số hiệu này dùng lần đầu ở đây");
}

/// The OASIS SARIF 2.1.0 schema (tests/tools/README.md) accepts the log of a broken project.
#[test]
fn sarif_validates_against_the_sarif_schema() {
    if !validator() {
        return;
    }
    let p = Project::fixture("hong");
    p.write(COPY, &DECISION.replace("2025-07-05", "2025-09-09"));
    let r = p.run(&["check", "--format", "sarif"]);
    assert_eq!(r.code, 1);
    let log = p.path("niemyet.sarif");
    std::fs::write(&log, &r.stdout).unwrap();
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/sarif-2.1.0-rtm.5.json");
    let script = "import json, sys, jsonschema\n\
schema = json.load(open(sys.argv[1], encoding='utf-8'))\n\
log = json.load(open(sys.argv[2], encoding='utf-8'))\n\
errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(log))\n\
for e in errors: print(list(e.absolute_path), e.message[:300])\n\
print(len(log['runs'][0]['results']), 'results')\n\
sys.exit(1 if errors else 0)\n";
    let out = Std::new("python3")
        .args(["-c", script])
        .arg(&schema)
        .arg(&log)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(!text.starts_with("0 results"), "{text}");
}

#[test]
fn sarif_of_a_clean_project_has_no_results() {
    // Printable: the fixture's example address is a placeholder warning.
    let p = Project::printable();
    let r = p.run(&["check", "--format", "sarif"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let log: Value = serde_json::from_str(&r.stdout).expect("SARIF is JSON");
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn giai_thich_prints_the_explanation_with_examples() {
    let p = Project::new();
    let r = p.run(&["giai-thich", "so-hieu-trung"]);
    r.ok();
    assert!(
        r.stdout.starts_with("so-hieu-trung: Số hiệu bị trùng\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Ví dụ sai:\n\n    # van-ban/quyet-dinh-290.md")
    );
    assert!(r.stdout.contains("Ví dụ đúng:\n\n"));
    // `check --explain` is the same text, and a code copied with its brackets is understood.
    let same = p.run(&["check", "--explain", "lỗi[so-hieu-trung]"]);
    assert_eq!(same.stdout, r.stdout);
    let typo = p.run(&["giai-thich", "so-hieu-trug"]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("Có phải ý bạn là `so-hieu-trung`?"),
        "{}",
        typo.stderr
    );
}

/// Every code the docs list is explained, and every explained code is in the docs.
#[test]
fn registry_docs_and_explanations_cover_each_other() {
    let p = Project::new();
    let list = p.run(&["giai-thich"]).stdout;
    let codes: Vec<&str> = list
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(codes.len() > 60, "{list}");
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/chan-doan.md"))
            .expect("docs/chan-doan.md");
    for code in &codes {
        let r = p.run(&["giai-thich", code]);
        r.ok();
        assert!(r.stdout.contains("Ví dụ sai:") && r.stdout.contains("Ví dụ đúng:"));
        assert!(
            docs.contains(&format!("`{code}`")),
            "{code} missing from docs/chan-doan.md"
        );
    }
    let (_, table) = docs
        .split_once("## Bảng mã")
        .expect("a table of codes in the docs");
    for listed in table.lines().filter_map(|l| l.strip_prefix("| `")) {
        let code = listed.split('`').next().unwrap_or("");
        assert!(
            codes.contains(&code),
            "docs list `{code}`, which is not a code"
        );
    }
}

/// The independent validator, or a skip note (a failure under CI=true).
fn validator() -> bool {
    let ok = Std::new("python3")
        .args(["-c", "import jsonschema, yaml"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("python3 with jsonschema and yaml is required under CI=true (.ci/run)");
        }
        eprintln!("note: python3 jsonschema/yaml missing, skipping the schema validation");
    }
    ok
}

/// Exit status and output of the independent validator on `root` with fresh schemas.
fn validate(root: &Path) -> (bool, String) {
    let schemas = tempfile::tempdir().unwrap();
    let mut c = assert_cmd::Command::cargo_bin("niemyet").unwrap();
    c.arg("schema")
        .arg("--out")
        .arg(schemas.path())
        .assert()
        .success();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/schema_check.py");
    let out = Std::new("python3")
        .arg(script)
        .arg(schemas.path())
        .arg(root)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn projects_that_check_accepts_validate_against_the_schemas() {
    if !validator() {
        return;
    }
    let examples = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (ok, out) = validate(examples);
    assert!(ok, "example content:\n{out}");
    let p = Project::new();
    p.check().ok();
    p.write(
        COPY,
        "---\nloai: quy-che\nban_hanh_kem_theo: \"15/QĐ-UBND\"\ntrich_yeu: \"Quy chế\"\n---\nNội dung.\n",
    );
    // Numbers in the less common shapes Decree 30 allows.
    p.write(
        "content/xa-binh-minh/van-ban/2025/quy-dinh.md",
        "---\nloai: quy-dinh\nso_hieu: \"01/QyĐ-TCTĐA06\"\nngay_ban_hanh: 2025-02-01\ntrich_yeu: \"Quy định\"\n---\n",
    );
    p.write(
        "content/xa-binh-minh/van-ban/2025/qd-nam.md",
        "---\nloai: quyet-dinh\nso_hieu: \"120/2025/QĐ-UBND\"\nngay_ban_hanh: 2025-03-01\ntrich_yeu: \"Quyết định\"\n---\n",
    );
    // A draft without number or date, an empty optional key.
    p.write(
        "content/xa-binh-minh/van-ban/2025/du-thao.md",
        "---\nloai: ke-hoach\ntrich_yeu: \"Dự thảo\"\nban_nhap: true\nlinh_vuc:\n---\n",
    );
    p.check().ok();
    let (ok, out) = validate(p.root());
    assert!(ok, "fixture project:\n{out}");
}

/// The fixture projects: the valid one validates; in the broken one, every file `check` faults for
/// a mistake of form (key, type, shape) is faulted by the schema too.
#[test]
fn fixture_projects_agree_with_check() {
    if !validator() {
        return;
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (ok, out) = validate(&fixtures.join("binh-minh"));
    assert!(ok, "binh-minh:\n{out}");
    let p = Project::fixture("hong");
    let r = p.check();
    assert_eq!(r.code, 1);
    let (ok, out) = validate(p.root());
    assert!(!ok);
    let form = [
        "base-url",
        "vai-tro",
        "thieu-khoa",
        "so-hieu",
        "ngay",
        "khoa-la",
        "kieu-sai",
    ];
    for line in r.stderr.lines() {
        let Some((place, rest)) = line.split_once(": lỗi[") else {
            continue;
        };
        let code = rest.split(']').next().unwrap_or("");
        if form.contains(&code) {
            let file = place.split(':').next().unwrap_or("");
            assert!(
                out.contains(&format!("{file}: ")),
                "{code} in {file} not seen by the schema:\n{out}"
            );
        }
    }
    // A month 13 is refused by the pattern too.
    assert!(out.contains("ngay_ban_hanh: '2025-13-01'"), "{out}");
}

/// Mistakes the schemas can see: `check` and the independent validator both refuse each one.
#[test]
fn schema_level_mistakes_are_refused_by_both() {
    if !validator() {
        return;
    }
    let site = "content/xa-binh-minh/_site.yaml";
    let cases: &[(&str, &str, &str, &str)] = &[
        (DOC, "trich_yeu:", "trich_yue:", "khoa-la"),
        (DOC, "loai: quyet-dinh", "loai: quyet-dinh-so", "loai"),
        (
            DOC,
            "ngay_ban_hanh: 2025-07-05",
            "ngay_ban_hanh: 05/07/2025",
            "ngay",
        ),
        (DOC, "so_hieu: \"15/QĐ-UBND\"\n", "", "thieu-khoa"),
        (
            DOC,
            "so_hieu: \"15/QĐ-UBND\"",
            "so_hieu: \"15 QĐ UBND\"",
            "so-hieu",
        ),
        (
            DOC,
            "so_hieu: \"15/QĐ-UBND\"",
            "so_hieu: \"15/qđ-ubnd\"",
            "so-hieu",
        ),
        (
            DOC,
            "so_hieu: \"15/QĐ-UBND\"",
            "so_hieu: \"015/QĐ-UBND\"",
            "so-hieu",
        ),
        (
            DOC,
            "trich_yeu: \"Về việc thành lập Tổ công tác triển khai Đề án 06 xã Bình Minh\"",
            "trich_yeu: \"   \"",
            "thieu-khoa",
        ),
        (DOC, "---\nloai", "---\nban_nhap: yes\nloai", "kieu-sai"),
        (DOC, "  - \"Lưu: VT.\"", "  - {ten: x}", "kieu-sai"),
        (
            DOC,
            "noi_nhan:",
            "kem_theo: [\"../ngoai.pdf\"]\nnoi_nhan:",
            "kem-theo",
        ),
        (
            DOC,
            "noi_nhan:",
            "kem_theo: [\"tep/a#1.pdf\"]\nnoi_nhan:",
            "kem-theo-ten",
        ),
        (site, "cap: xa", "cap: phuong", "cap"),
        (site, "cap: xa", "cap: huyen", "khu-dan-cu"),
        (site, "https://binhminh", "http://binhminh", "base-url"),
        (site, "vai_tro: to-truong", "vai_tro: truong", "vai-tro"),
        (site, "ma: thon-1", "ma: \"Thôn 1\"", "ma"),
        (
            site,
            "\"0233 3851 234\"",
            "\"0233 3851 234 (giờ hành chính)\"",
            "dien-thoai",
        ),
        (site, "tinh: \"Quảng Trị\"\n", "", "thieu-khoa"),
        (site, "co_quan:", "co_quan_ban_hanh:", "khoa-la"),
        (
            "content/_chung/dich-vu/dang-ky-tam-tru.md",
            "kenh: [dichvucong, vneid]",
            "kenh: [dvc]",
            "kenh",
        ),
        (
            "content/_chung/dich-vu/dang-ky-tam-tru.md",
            "lien_ket: https://",
            "lien_ket: http://",
            "lien-ket",
        ),
    ];
    for &(file, from, to, code) in cases {
        let p = Project::new();
        let text = p.read(file);
        assert!(text.contains(from), "{file} lacks {from:?}");
        p.write(file, &text.replacen(from, to, 1));
        let r = p.check();
        assert_eq!(r.code, 1, "{file}: {from:?} → {to:?} accepted by check");
        assert!(
            r.stderr.contains(&format!("[{code}]")),
            "{code}: {}",
            r.stderr
        );
        let (ok, out) = validate(p.root());
        assert!(
            !ok,
            "{file}: {from:?} → {to:?} accepted by the schema:\n{out}"
        );
    }
    // niemyet.yaml and the ledger too.
    let p = Project::new();
    p.write("niemyet.yaml", "giao_dien: Giao Diện\n");
    assert_eq!(p.check().code, 1);
    assert!(!validate(p.root()).0);
    let p = Project::new();
    p.write(
        "content/xa-binh-minh/_ma-qr.yaml",
        "- ma: ABCDE\n  dich_den: /khu-dan-cu/thon-1/\n",
    );
    assert_eq!(p.check().code, 1);
    assert!(!validate(p.root()).0);
}

#[test]
fn init_writes_editor_files_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("du-an");
    std::fs::create_dir_all(target.join(".vscode")).unwrap();
    std::fs::write(
        target.join(".vscode/settings.json"),
        "{\"cua-toi\": true}\n",
    )
    .unwrap();
    let mut c = assert_cmd::Command::cargo_bin("niemyet").unwrap();
    let out = c.arg("init").arg(&target).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Giữ nguyên `.vscode/settings.json` đã có"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(target.join(".vscode/settings.json")).unwrap(),
        "{\"cua-toi\": true}\n"
    );
    let tasks: Value =
        serde_json::from_str(&std::fs::read_to_string(target.join(".vscode/tasks.json")).unwrap())
            .expect("tasks.json is JSON");
    assert_eq!(tasks["tasks"][0]["command"], "niemyet check");
    let ext = std::fs::read_to_string(target.join(".vscode/extensions.json")).unwrap();
    assert!(ext.contains("redhat.vscode-yaml"));
    for f in ["site", "niemyet", "ma-qr", "van-ban", "dich-vu"] {
        assert!(
            target.join(format!("schema/{f}.schema.json")).is_file(),
            "{f}"
        );
    }

    // A second run on the project keeps everything and adds the editor files it lacks.
    std::fs::remove_file(target.join(".vscode/tasks.json")).unwrap();
    std::fs::write(
        target.join("content/xa-mau/_site.yaml"),
        "ten: \"Đã sửa\"\n",
    )
    .unwrap();
    let mut c = assert_cmd::Command::cargo_bin("niemyet").unwrap();
    c.arg("init").arg(&target).assert().success();
    assert!(target.join(".vscode/tasks.json").is_file());
    assert_eq!(
        std::fs::read_to_string(target.join("content/xa-mau/_site.yaml")).unwrap(),
        "ten: \"Đã sửa\"\n"
    );
}

/// The problem matcher of tasks.json reads the lines `check` prints.
#[test]
fn the_task_problem_matcher_matches_check_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = assert_cmd::Command::cargo_bin("niemyet").unwrap();
    c.arg("init").arg(dir.path()).assert().success();
    let tasks: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(".vscode/tasks.json")).unwrap(),
    )
    .unwrap();
    let error = tasks["tasks"][0]["problemMatcher"][0]["pattern"]["regexp"]
        .as_str()
        .unwrap()
        .to_string();
    let p = Project::new();
    p.write(DOC, &DECISION.replace("trich_yeu:", "trich_yue:"));
    let r = p.check();
    let first = r
        .stderr
        .lines()
        .find(|l| l.contains("[khoa-la]"))
        .expect("an unknown key error");
    // The matcher is an ECMAScript regex; the test reads it with the same meaning in Rust terms:
    // `^(\S.*?):(\d+):(\d+): lỗi\[([a-z0-9-]+)\]: (.*)$`.
    assert_eq!(
        error, r"^(\S.*?):(\d+):(\d+): lỗi\[([a-z0-9-]+)\]: (.*)$",
        "update this test with the matcher"
    );
    let (loc, rest) = first.split_once(": lỗi[").expect(first);
    let mut parts = loc.rsplitn(3, ':');
    let (col, line, path) = (parts.next(), parts.next(), parts.next());
    assert_eq!(path, Some(DOC));
    assert!(line.is_some_and(|l| l.parse::<u32>().is_ok()));
    assert!(col.is_some_and(|c| c.parse::<u32>().is_ok()));
    assert!(rest.starts_with("khoa-la]: "), "{first}");
    // Related places are indented, so the matcher never takes them for problems.
    assert!(
        r.stderr
            .lines()
            .filter(|l| l.contains("::: "))
            .all(|l| l.starts_with(' ')),
        "{}",
        r.stderr
    );
}
