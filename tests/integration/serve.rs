//! `niemyet serve`: the incremental rebuild gives exactly what a full build gives, and a saved
//! file reaches open pages over the websocket (reload, or the errors for the overlay).

use crate::common::{EPOCH, Project};
use niemyet::serve::incremental::{Served, Session};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const SITE: &str = "xa-binh-minh";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

const NOTICE: &str = "---
loai: thong-bao
so_hieu: \"03/TB-UBND\"
ngay_ban_hanh: 2025-09-10
trich_yeu: \"Lịch hỗ trợ cấp tài khoản định danh điện tử\"
lien_quan:
  - {so_hieu: \"02/KH-UBND\", ngay: 2025-08-01}
---

Thực hiện [Kế hoạch 02](/van-ban/ke-hoach-02/), Công an xã hỗ trợ người dân vào thứ Bảy.
";

const REPLACING: &str = "---
loai: quyet-dinh
so_hieu: \"20/QĐ-UBND\"
ngay_ban_hanh: 2025-10-01
trich_yeu: \"Về việc kiện toàn Tổ công tác triển khai Đề án 06 xã Bình Minh\"
thay_the:
  - \"15/QĐ-UBND\"
---

**Điều 1.** Kiện toàn Tổ công tác.
";

fn doc(name: &str) -> String {
    format!("content/{SITE}/van-ban/2025/{name}.md")
}

fn page(slug: &str) -> String {
    format!("van-ban/{slug}/index.html")
}

/// Every file of `dir`, by path relative to it.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn bytes(files: &BTreeMap<String, Served>) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .map(|(p, f)| {
            let b = match f {
                Served::Bytes(b) => b.to_vec(),
                Served::File(src) => std::fs::read(src).unwrap(),
            };
            (p.clone(), b)
        })
        .collect()
}

#[track_caller]
fn assert_same_files(got: &BTreeMap<String, Vec<u8>>, want: &BTreeMap<String, Vec<u8>>) {
    let got_keys: Vec<&String> = got.keys().collect();
    let want_keys: Vec<&String> = want.keys().collect();
    assert_eq!(got_keys, want_keys, "the incremental site has other files");
    for (p, b) in want {
        assert!(got[p] == *b, "{p} differs from a full rebuild");
    }
}

/// The session equals a fresh load of the same files: same pages, same diagnostics.
#[track_caller]
fn assert_same_as_fresh(s: &Session, p: &Project) {
    let fresh = Session::open(p.root(), SITE, today());
    assert_eq!(s.diags.render(), fresh.diags.render());
    assert_same_files(&bytes(&s.files), &bytes(&fresh.files));
}

/// The session equals what `niemyet build` writes for the site.
#[track_caller]
fn assert_same_as_build(s: &mut Session, p: &Project) {
    assert!(
        !s.diags.has_errors(),
        "unexpected errors:\n{}",
        s.diags.render()
    );
    s.refresh_search();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    p.run(&["build", "--out", target.to_str().unwrap()]).ok();
    assert_same_files(&bytes(&s.files), &tree(&target.join(SITE)));
}

fn apply(s: &mut Session, p: &Project, rels: &[&str]) -> niemyet::serve::incremental::Outcome {
    let paths: Vec<PathBuf> = rels.iter().map(|r| p.path(r)).collect();
    // As `serve` does: the saved pages first, then the pages that depend on them.
    let mut outcome = s.apply_first(&paths);
    if let Some(rest) = s.finish_pending() {
        outcome.rendered.extend(rest.rendered);
        outcome.removed.retain(|p| !outcome.rendered.contains(p));
        outcome.removed.extend(rest.removed);
    }
    outcome
}

#[test]
fn incremental_result_equals_full_build_after_edits_renames_and_deletions() {
    let p = Project::new();
    p.write(&doc("thong-bao-03"), NOTICE);
    let mut s = Session::open(p.root(), SITE, today());
    assert_same_as_build(&mut s, &p);

    // 1. A typo fixed in a body: only that page is rendered again.
    let plan = p
        .read(&doc("ke-hoach-02"))
        .replace("## I. MỤC ĐÍCH", "## I. MỤC ĐÍCH, YÊU CẦU");
    p.write(&doc("ke-hoach-02"), &plan);
    let o = apply(&mut s, &p, &[&doc("ke-hoach-02")]);
    assert_eq!(o.rendered, vec![page("ke-hoach-02")]);
    assert!(o.removed.is_empty());
    assert_same_as_build(&mut s, &p);

    // 2. A title edited: its page, the pages that cite it and the lists it is in; not the
    //    notice, which neither cites it nor is cited by it.
    let decision = p.read(&doc("quyet-dinh-15")).replace(
        "Về việc thành lập Tổ công tác",
        "Về việc thành lập và quy chế Tổ công tác",
    );
    p.write(&doc("quyet-dinh-15"), &decision);
    let o = apply(&mut s, &p, &[&doc("quyet-dinh-15")]);
    for want in [
        page("quyet-dinh-15"),
        page("ke-hoach-02"),
        "index.html".to_string(),
        "van-ban/index.html".to_string(),
        "van-ban/loai/quyet-dinh/index.html".to_string(),
        "van-ban/nam/2025/index.html".to_string(),
    ] {
        assert!(
            o.rendered.contains(&want),
            "{want} not rendered: {:?}",
            o.rendered
        );
    }
    assert!(
        !o.rendered.contains(&page("thong-bao-03")),
        "{:?}",
        o.rendered
    );
    assert!(!o.rendered.contains(&"dich-vu/index.html".to_string()));
    assert_same_as_build(&mut s, &p);

    // 3. A new decision replaces decision 15: its status changes on its page and in lists.
    p.write(&doc("quyet-dinh-20"), REPLACING);
    let o = apply(&mut s, &p, &[&doc("quyet-dinh-20")]);
    assert!(o.rendered.contains(&page("quyet-dinh-20")));
    assert!(o.rendered.contains(&page("quyet-dinh-15")));
    assert_same_as_build(&mut s, &p);

    // 4. The plan renamed: the notice's body link breaks and is reported; its relation follows.
    std::fs::rename(p.path(&doc("ke-hoach-02")), p.path(&doc("ke-hoach-02-sua"))).unwrap();
    let o = apply(&mut s, &p, &[&doc("ke-hoach-02"), &doc("ke-hoach-02-sua")]);
    assert!(o.removed.contains(&page("ke-hoach-02")), "{:?}", o.removed);
    assert!(o.rendered.contains(&page("ke-hoach-02-sua")));
    assert!(o.rendered.contains(&page("thong-bao-03")));
    let text = s.diags.render();
    assert!(
        text.contains(&format!(
            "{}:10:11: lỗi[lien-ket-hong]",
            doc("thong-bao-03")
        )) && text.contains("lỗi[lien-ket-hong]")
            && text.contains("/van-ban/ke-hoach-02/"),
        "{text}"
    );
    assert_same_as_fresh(&s, &p);

    // 5. The link fixed: no error left.
    let notice = NOTICE.replace("/van-ban/ke-hoach-02/", "/van-ban/ke-hoach-02-sua/");
    p.write(&doc("thong-bao-03"), &notice);
    apply(&mut s, &p, &[&doc("thong-bao-03")]);
    assert_same_as_build(&mut s, &p);

    // 6. A broken front matter: the error names the line; the document's page goes away.
    p.write(
        &doc("quyet-dinh-20"),
        &REPLACING.replace("thay_the:", "thay_thee:"),
    );
    apply(&mut s, &p, &[&doc("quyet-dinh-20")]);
    assert!(
        s.diags
            .render()
            .contains(&format!("{}:6:1: lỗi[", doc("quyet-dinh-20"))),
        "{}",
        s.diags.render()
    );
    assert_same_as_fresh(&s, &p);

    // 7. Fixed again, then the notice deleted; a site-wide change reloads everything.
    p.write(&doc("quyet-dinh-20"), REPLACING);
    apply(&mut s, &p, &[&doc("quyet-dinh-20")]);
    p.remove(&doc("thong-bao-03"));
    let o = apply(&mut s, &p, &[&doc("thong-bao-03")]);
    assert!(o.removed.contains(&page("thong-bao-03")));
    assert_same_as_build(&mut s, &p);
    let site = p.read(&format!("content/{SITE}/_site.yaml"));
    p.write(
        &format!("content/{SITE}/_site.yaml"),
        &site.replace("0233 3851 234", "0233 3851 235"),
    );
    let o = apply(&mut s, &p, &[&format!("content/{SITE}/_site.yaml")]);
    assert!(o.full);
    assert_same_as_build(&mut s, &p);
}

/// A notice of `xa-binh-minh` based on decision 15, numbered `n`.
fn notice_on_decision_15(n: usize, title: &str) -> String {
    format!(
        "---\nloai: thong-bao\nso_hieu: \"{}/TB-UBND\"\nngay_ban_hanh: 2025-11-{:02}\ntrich_yeu: \"{title}\"\ncan_cu: [\"15/QĐ-UBND\"]\n---\n\nNội dung.\n",
        100 + n,
        n % 28 + 1
    )
}

#[test]
fn the_list_of_documents_citing_one_comes_and_goes_with_its_citations() {
    let p = Project::new();
    // The plan 02 of the fixture is based on decision 15 too.
    let cited_by = niemyet::routes::CITED_BY_SHOWN;
    for n in 1..cited_by {
        p.write(
            &doc(&format!("thong-bao-{n}")),
            &notice_on_decision_15(n, "Lịch trực"),
        );
    }
    let mut s = Session::open(p.root(), SITE, today());
    assert_same_as_build(&mut s, &p);
    let list = "van-ban/quyet-dinh-15/lien-quan/index.html".to_string();
    assert!(!s.files.contains_key(&list));

    // One more: the decision's page links to a list of them all.
    let more = format!("thong-bao-{}", cited_by + 1);
    p.write(
        &doc(&more),
        &notice_on_decision_15(cited_by + 1, "Lịch trực"),
    );
    let o = apply(&mut s, &p, &[&doc(&more)]);
    assert!(o.rendered.contains(&list), "{:?}", o.rendered);
    assert!(o.rendered.contains(&page("quyet-dinh-15")));
    assert_same_as_build(&mut s, &p);

    // A citing notice retitled: the list shows its new title.
    p.write(
        &doc("thong-bao-3"),
        &notice_on_decision_15(3, "Lịch trực mới"),
    );
    let o = apply(&mut s, &p, &[&doc("thong-bao-3")]);
    assert!(o.rendered.contains(&list), "{:?}", o.rendered);
    assert_same_as_build(&mut s, &p);

    // A notice that becomes a plan: every list's filters count one notice less and one plan
    // more, the list of decisions too, which shows neither.
    let plan = notice_on_decision_15(4, "Lịch trực")
        .replace("thong-bao", "ke-hoach")
        .replace("/TB-", "/KH-");
    p.write(&doc("thong-bao-4"), &plan);
    let o = apply(&mut s, &p, &[&doc("thong-bao-4")]);
    assert!(!o.full);
    let decisions = "van-ban/loai/quyet-dinh/index.html".to_string();
    assert!(o.rendered.contains(&decisions), "{:?}", o.rendered);
    assert_same_as_build(&mut s, &p);

    // Back to as many as the page lists: the list is gone.
    p.remove(&doc(&more));
    let o = apply(&mut s, &p, &[&doc(&more)]);
    assert!(o.removed.contains(&list), "{:?}", o.removed);
    assert_same_as_build(&mut s, &p);
}

#[test]
fn body_edits_reuse_the_resolution_and_front_matter_edits_redo_it() {
    let p = Project::new();
    let mut s = Session::open(p.root(), SITE, today());
    // 1. Body only: the plan still cites decision 15, and only the decision's page moves.
    let decision = p.read(&doc("quyet-dinh-15"));
    p.write(
        &doc("quyet-dinh-15"),
        &format!("{decision}\nThêm một đoạn.\n"),
    );
    let o = apply(&mut s, &p, &[&doc("quyet-dinh-15")]);
    assert_eq!(o.rendered, vec![page("quyet-dinh-15")]);
    assert_same_as_build(&mut s, &p);
    // 2. The decision's number changed: the plan's basis no longer resolves to it.
    p.write(
        &doc("quyet-dinh-15"),
        &decision.replace("so_hieu: \"15/QĐ-UBND\"", "so_hieu: \"16/QĐ-UBND\""),
    );
    let o = apply(&mut s, &p, &[&doc("quyet-dinh-15")]);
    assert!(
        o.rendered.contains(&page("ke-hoach-02")),
        "{:?}",
        o.rendered
    );
    assert_same_as_fresh(&s, &p);
    // 3. Then a body edit of the plan: the unresolved basis stays as the fresh load has it.
    let plan = p.read(&doc("ke-hoach-02"));
    p.write(&doc("ke-hoach-02"), &format!("{plan}\nGhi chú thêm.\n"));
    apply(&mut s, &p, &[&doc("ke-hoach-02")]);
    assert_same_as_fresh(&s, &p);
    // 4. The number restored: the basis links again.
    p.write(&doc("quyet-dinh-15"), &decision);
    apply(&mut s, &p, &[&doc("quyet-dinh-15")]);
    assert_same_as_build(&mut s, &p);
}

#[test]
fn an_editors_temporary_file_does_not_reload_the_whole_site() {
    let p = Project::new();
    let mut s = Session::open(p.root(), SITE, today());
    // `sed -i` writes `sedAbC123` beside the file and renames it over the document.
    let decision = p.read(&doc("quyet-dinh-15"));
    p.write(&doc("quyet-dinh-15"), &format!("{decision}\nThêm.\n"));
    let temp = format!("content/{SITE}/van-ban/2025/sedAbC123");
    let o = apply(&mut s, &p, &[&temp, &doc("quyet-dinh-15")]);
    assert!(!o.full);
    assert_eq!(o.rendered, vec![page("quyet-dinh-15")]);
    assert_same_as_fresh(&s, &p);
    // A stray file that stays is reported (a full reload), and so is its removal.
    p.write(&temp, "x");
    assert!(apply(&mut s, &p, &[&temp]).full);
    assert!(
        s.diags.render().contains("tep-thua"),
        "{}",
        s.diags.render()
    );
    p.remove(&temp);
    assert!(apply(&mut s, &p, &[&temp]).full);
    assert_same_as_fresh(&s, &p);
    // A folder of documents removed is a real change.
    std::fs::remove_dir_all(p.path(&format!("content/{SITE}/van-ban/2025"))).unwrap();
    assert!(apply(&mut s, &p, &[&format!("content/{SITE}/van-ban/2025")]).full);
    assert_same_as_fresh(&s, &p);
}

/// A running `niemyet serve` on a free port; killed when dropped.
struct Server {
    child: Child,
    addr: String,
    /// What it prints on standard error, line by line.
    lines: mpsc::Receiver<String>,
}

impl Server {
    /// Waits for a line of its console containing `text` (a hang guard, not a timing check).
    fn says(&self, text: &str) {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("serve never said `{text}`"));
            if line.contains(text) {
                return;
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(p: &Project) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_niemyet"))
        .args(["serve", "--port", "0", "--root"])
        .arg(p.root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let addr = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("serve printed its address");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    Server {
        child,
        addr,
        lines: rx,
    }
}

fn http_get(addr: &str, path: &str) -> (String, String) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (head.to_string(), body.to_string())
}

type Socket = tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>>;

fn next_message(ws: &mut Socket) -> serde_json::Value {
    loop {
        match ws.read().expect("a websocket message") {
            tungstenite::Message::Text(t) => return serde_json::from_str(t.as_str()).unwrap(),
            _ => continue,
        }
    }
}

#[test]
fn saved_file_sends_reload_or_errors_over_the_websocket() {
    let p = Project::new();
    let server = start(&p);
    let (ws, _) = tungstenite::connect(format!("ws://{}/__niemyet/ws", server.addr)).unwrap();
    let mut ws = ws;
    if let tungstenite::stream::MaybeTlsStream::Plain(s) = ws.get_mut() {
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    }
    assert_eq!(next_message(&mut ws)["type"], "ok");

    // The served page carries the reload script; the page on disk of a build never does.
    let (head, body) = http_get(&server.addr, "/van-ban/ke-hoach-02/");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(body.contains("<script src=\"/__niemyet/live.js\" defer></script></body>"));
    let (head, js) = http_get(&server.addr, "/__niemyet/live.js");
    assert!(head.contains("text/javascript"), "{head}");
    assert!(js.contains("location.reload()"));

    // An edit: a reload, and the new text served.
    let plan = p
        .read(&doc("ke-hoach-02"))
        .replace("## I. MỤC ĐÍCH", "## I. MỤC ĐÍCH, YÊU CẦU");
    p.write(&doc("ke-hoach-02"), &plan);
    let m = next_message(&mut ws);
    assert_eq!(m["type"], "reload", "{m}");
    // Only the browsers showing the saved page reload (its lists follow if they changed).
    assert_eq!(
        m["pages"],
        serde_json::json!(["/van-ban/ke-hoach-02/"]),
        "{m}"
    );
    let (_, body) = http_get(&server.addr, "/van-ban/ke-hoach-02/");
    assert!(body.contains("MỤC ĐÍCH, YÊU CẦU"));

    // A content error: the overlay gets file, line and message in Vietnamese.
    p.write(
        &doc("ke-hoach-02"),
        &plan.replace("so_hieu: \"02/KH-UBND\"", "so_hieuu: \"02/KH-UBND\""),
    );
    let m = next_message(&mut ws);
    assert_eq!(m["type"], "errors", "{m}");
    let unknown = m["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "khoa-la")
        .unwrap_or_else(|| panic!("no unknown-key error in {m}"));
    assert_eq!(unknown["path"], doc("ke-hoach-02").as_str(), "{m}");
    assert_eq!(unknown["line"], 3, "{m}");
    assert_eq!(unknown["column"], 1, "{m}");
    assert_eq!(
        unknown["message"], "Khóa `so_hieuu` không có trong mẫu văn bản.",
        "{m}"
    );
    assert_eq!(unknown["hint"], "Có phải ý bạn là `so_hieu`?", "{m}");
    // A new page load learns the errors at once.
    let (mut late, _) = tungstenite::connect(format!("ws://{}/__niemyet/ws", server.addr)).unwrap();
    assert_eq!(next_message(&mut late)["type"], "errors");

    // Fixed: the preview recovers by itself, and the console says the errors are gone.
    p.write(&doc("ke-hoach-02"), &plan);
    assert_eq!(next_message(&mut ws)["type"], "reload");
    server.says("Đã sửa hết lỗi");

    // `build` output never carries the preview's script.
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    p.run(&["build", "--out", target.to_str().unwrap()]).ok();
    for (path, bytes) in tree(&target) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__niemyet"),
            "{path} carries the preview script"
        );
    }
}

#[test]
fn ctrl_c_stops_serve_cleanly() {
    let p = Project::new();
    let mut server = start(&p);
    let pid = server.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let mut status = None;
    for _ in 0..100 {
        if let Some(s) = server.child.try_wait().unwrap() {
            status = Some(s);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = status.expect("serve stopped within 10 s of Ctrl-C");
    assert!(status.success(), "{status:?}");
}

/// A decision's page prints the regulation issued with it (Decree 30/2020): an edit of the
/// regulation's body renders the decision's page again too.
#[test]
fn a_regulation_edited_renders_again_the_decision_that_prints_it() {
    let p = Project::new();
    let regulation = "---
loai: quy-che
ban_hanh_kem_theo: \"15/QĐ-UBND\"
trich_yeu: \"Quy chế hoạt động của Tổ công tác\"
---

## Chương I. QUY ĐỊNH CHUNG

### Điều 1. Phạm vi điều chỉnh

Quy chế này quy định việc làm của Tổ công tác.
";
    p.write(&doc("quy-che-01"), regulation);
    let mut s = Session::open(p.root(), SITE, today());
    assert_same_as_build(&mut s, &p);
    p.write(
        &doc("quy-che-01"),
        &regulation.replace("việc làm của", "chế độ làm việc của"),
    );
    let o = apply(&mut s, &p, &[&doc("quy-che-01")]);
    for want in [page("quy-che-01"), page("quyet-dinh-15")] {
        assert!(o.rendered.contains(&want), "{want}: {:?}", o.rendered);
    }
    assert!(
        String::from_utf8_lossy(&bytes(&s.files)[&page("quyet-dinh-15")])
            .contains("chế độ làm việc của Tổ công tác"),
        "the decision's page prints the old text"
    );
    assert_same_as_build(&mut s, &p);
}
