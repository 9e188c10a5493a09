//! `cargo bench --bench build`: times a full `niemyet build` against Hugo and against a bare
//! "read + pulldown-cmark + write" loop on the same generated corpus (see `corpus/`).
//!
//! Each run is a child process measured by `/usr/bin/time` (wall time, user + system CPU time,
//! peak resident memory); the figure reported is the median of the runs. The harness never
//! asserts on time: it prints figures for humans to compare (README, "Hiệu năng").
//!
//! Other uses of the same binary:
//!   cargo bench --bench build -- generate N DIR   write a corpus of N documents into DIR
//!   cargo bench --bench build -- bare DIR OUT     the bare loop itself (what the harness times)
//!   cargo bench --bench build -- --sizes 1000 --runs 3 --tools niemyet,hugo --work /dev/shm/b
//!   cargo bench --bench build -- serve N          save-to-reload time of `niemyet serve`
//!   cargo bench --bench build -- --sizes 10000 --tools niemyet,rebuild
//!                                                 a full build, and a rebuild with nothing new
//!   cargo bench --bench build -- pathological     Markdown built to be slow (issue #13)
//!   cargo bench --bench build -- --sizes 100000 --province 100 --tools niemyet,rebuild
//!                                                 one province of 100 communes (2025 reform);
//!                                                 also `generate N DIR --province C`
//!   cargo bench --bench build -- posters N [RUNS] `niemyet posters` for N areas (`poster_run/`)
//!   cargo bench --bench build -- search-bytes OUT bytes a search query downloads on the largest
//!                                                 site built in OUT (also after each build here)

mod corpus;
mod poster_run;
mod search_bytes;

use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: u64 = 6;
/// 2026-01-01: the build day, so validity statuses do not move between runs.
const EPOCH: &str = "1767200400";

/// The build's allocator (src/main.rs), so that the bare loop is measured with it too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args.first().map(String::as_str) {
        Some("generate") => {
            let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
            let dir = PathBuf::from(args.get(2).map_or("bench-corpus", String::as_str));
            let s = match province(&args) {
                Some(c) => corpus::generate_province(&dir, n, c, SEED),
                None => corpus::generate(&dir, n, SEED),
            }
            .expect("write the corpus");
            println!(
                "{} documents in {}: {:.1} MB, {} to {} bytes, {:.1} KB on average",
                s.documents,
                dir.display(),
                s.bytes as f64 / 1e6,
                s.min,
                s.max,
                s.bytes as f64 / s.documents as f64 / 1024.0
            );
        }
        Some("bare") => bare(Path::new(&args[1]), Path::new(&args[2])),
        Some("pathological") => pathological(),
        Some("posters") => poster_run::main(&args[1..]),
        Some("search-bytes") => {
            let out = Path::new(args.get(1).map_or(".", String::as_str));
            match search_bytes::largest_index(out) {
                Some(dir) => search_bytes::report(&dir),
                None => println!("no search index under {}", out.display()),
            }
        }
        Some("serve") => {
            let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10000);
            serve_latency(n);
        }
        _ => harness(&args),
    }
}

/// `--province C`: the corpus is one province site with C communes (the shape since the 2025
/// reform) instead of the four sites of `corpus::generate`.
fn province(args: &[String]) -> Option<usize> {
    let i = args.iter().position(|a| a == "--province")?;
    args.get(i + 1)?.parse().ok()
}

/// Reads and drops the websocket messages already sent.
fn drain(
    ws: &mut tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>>,
) {
    let tungstenite::stream::MaybeTlsStream::Plain(tcp) = ws.get_mut() else {
        return;
    };
    tcp.set_read_timeout(Some(std::time::Duration::from_millis(20)))
        .expect("timeout");
    while ws.read().is_ok() {}
    if let tungstenite::stream::MaybeTlsStream::Plain(tcp) = ws.get_mut() {
        tcp.set_read_timeout(None).expect("timeout");
    }
}

/// Bodies built to be slow (40,000 identical headings hung `check` for minutes before anchors
/// were de-duplicated in linear time): the render time of each, to watch for a blow-up.
fn pathological() {
    let cases: [(&str, String); 4] = [
        ("40 000 × `## Mục`", "## Mục\n\n".repeat(40_000)),
        (
            "20 000 headings with links to them",
            (0..20_000)
                .map(|i| format!("## Điều {i}\n\n[xem](#dieu-{i})\n\n"))
                .collect(),
        ),
        (
            "20 000 × `## Mục {#muc}`",
            "## Mục {#muc}\n\n".repeat(20_000),
        ),
        ("one 1.6 MB line of links", "[a](#b) ".repeat(200_000)),
    ];
    for (name, body) in &cases {
        let started = std::time::Instant::now();
        let r = niemyet::render::markdown::render(body, "/");
        println!(
            "{name}: {} KB rendered in {:.0} ms ({} anchors)",
            body.len() / 1024,
            started.elapsed().as_secs_f64() * 1000.0,
            r.anchors.len()
        );
    }
}

/// The reference loop: every Markdown file read, rendered with pulldown-cmark (with the
/// build's options), written; in parallel on every core like the build (rayon). No templates, no
/// validation, no index: the floor any generator sits on.
///
/// The harness empties `out` before each timed run (untimed, as the build's previous site is
/// removed in the background while the harness waits); run alone, the loop empties it itself.
fn bare(root: &Path, out: &Path) {
    use rayon::prelude::*;
    let _ = std::fs::remove_dir_all(out);
    let mut files = Vec::new();
    let mut stack = vec![root.join("content")];
    while let Some(dir) = stack.pop() {
        for p in std::fs::read_dir(&dir)
            .expect("read dir")
            .flatten()
            .map(|e| e.path())
        {
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    files.par_iter().for_each(|p| {
        let text = std::fs::read_to_string(p).expect("read");
        let body = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
            .map_or(text.as_str(), |(_, b)| b);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        let parser = pulldown_cmark::Parser::new_ext(body, niemyet::render::markdown::OPTIONS);
        pulldown_cmark::html::push_html(&mut html, parser);
        let rel = p
            .strip_prefix(root)
            .expect("inside root")
            .with_extension("");
        let target = out.join(rel).join("index.html");
        std::fs::create_dir_all(target.parent().expect("has parent")).expect("mkdir");
        std::fs::write(&target, html).expect("write");
    });
    eprintln!("{} files", files.len());
}

struct Sample {
    wall: f64,
    cpu: f64,
    peak_mb: f64,
}

/// Runs `cmd` under `/usr/bin/time` and reads its figures.
fn measure(cmd: Command) -> Sample {
    let report = std::env::temp_dir().join(format!("niemyet-bench-{}.time", std::process::id()));
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let mut timed = Command::new("/usr/bin/time");
    timed
        .arg("-f")
        .arg("%e %U %S %M")
        .arg("-o")
        .arg(&report)
        .arg(program)
        .args(args)
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let out = timed.output().expect("run /usr/bin/time");
    if !out.status.success() {
        panic!(
            "the measured command failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = std::fs::read_to_string(&report).expect("time report");
    let f: Vec<f64> = text
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    assert_eq!(f.len(), 4, "unexpected /usr/bin/time output: {text}");
    Sample {
        wall: f[0],
        cpu: f[1] + f[2],
        peak_mb: f[3] / 1024.0,
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

fn hugo_project(corpus: &Path) -> PathBuf {
    let dir = corpus.join("hugo");
    let layouts = dir.join("layouts/_default");
    std::fs::create_dir_all(&layouts).expect("mkdir");
    let content = corpus
        .join("content")
        .canonicalize()
        .expect("corpus exists");
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "baseURL = \"https://example.gov.vn/\"\ntitle = \"Bench\"\ncontentDir = \"{}\"\n\
             disableKinds = [\"taxonomy\", \"term\"]\n",
            content.display()
        ),
    )
    .expect("write config");
    let head = "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body>";
    std::fs::write(
        layouts.join("single.html"),
        format!(
            "{head}<h1>{{{{ .Params.trich_yeu }}}}</h1><p>Số: {{{{ .Params.so_hieu }}}}, ngày {{{{ .Params.ngay_ban_hanh }}}}</p>\
             <article>{{{{ .Content }}}}</article></body></html>\n"
        ),
    )
    .expect("write layout");
    std::fs::write(
        layouts.join("list.html"),
        format!(
            "{head}<h1>{{{{ .Title }}}}</h1><ul>{{{{ range .Pages }}}}<li><a href=\"{{{{ .RelPermalink }}}}\">{{{{ .Params.trich_yeu }}}}</a></li>{{{{ end }}}}</ul></body></html>\n"
        ),
    )
    .expect("write layout");
    std::fs::write(
        dir.join("layouts/index.html"),
        format!("{head}<ul>{{{{ range .Site.Sections }}}}<li>{{{{ .Title }}}}</li>{{{{ end }}}}</ul></body></html>\n"),
    )
    .expect("write layout");
    dir
}

fn harness(args: &[String]) {
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let sizes: Vec<usize> = flag("--sizes")
        .unwrap_or_else(|| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs: usize = flag("--runs").and_then(|s| s.parse().ok()).unwrap_or(5);
    let tools = flag("--tools").unwrap_or_else(|| "niemyet,hugo,bare".into());
    // `--work /dev/shm/x` keeps other programs' disk traffic out of the figures.
    let work = flag("--work")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench"));
    let niemyet = env!("CARGO_BIN_EXE_niemyet");
    let me = std::env::current_exe().expect("own path");
    let has_hugo = Path::new("/usr/bin/hugo").exists();
    println!("median of {runs} runs; wall and CPU in seconds, peak resident memory in MB");
    println!(
        "{:>7}  {:<8} {:>8} {:>8} {:>9}",
        "docs", "tool", "wall", "cpu", "peak MB"
    );
    for &n in &sizes {
        let corpus = work.join(format!("corpus-{n}"));
        match province(args) {
            Some(c) => corpus::generate_province(&corpus, n, c, SEED),
            None => corpus::generate(&corpus, n, SEED),
        }
        .expect("write the corpus");
        let out = work.join(format!("out-{n}"));
        for tool in tools.split(',') {
            let mk = || -> Option<Command> {
                match tool {
                    // `rebuild`: the same build into an output that already holds its result
                    // (a daily rebuild with nothing new).
                    "niemyet" | "rebuild" => {
                        let mut c = Command::new(niemyet);
                        c.arg("build")
                            .arg("--root")
                            .arg(&corpus)
                            .arg("--out")
                            .arg(&out)
                            .env("SOURCE_DATE_EPOCH", EPOCH);
                        Some(c)
                    }
                    "hugo" if has_hugo => {
                        let site = hugo_project(&corpus);
                        let mut c = Command::new("/usr/bin/hugo");
                        c.arg("--quiet")
                            .arg("--source")
                            .arg(&site)
                            .arg("--destination")
                            .arg(work.join(format!("hugo-out-{n}")))
                            .arg("--cleanDestinationDir");
                        Some(c)
                    }
                    "bare" => {
                        let mut c = Command::new(&me);
                        c.arg("bare")
                            .arg(&corpus)
                            .arg(work.join(format!("bare-out-{n}")));
                        Some(c)
                    }
                    _ => None,
                }
            };
            let Some(_) = mk() else {
                println!("{n:>7}  {tool:<8} (not available)");
                continue;
            };
            if tool == "rebuild" {
                let _ = mk().expect("checked").output();
                wait_for_cleanup(&work);
            }
            let samples: Vec<Sample> = (0..runs)
                .map(|_| {
                    if tool == "bare" {
                        // Emptied before the clock starts, like the build's previous site (the
                        // build moves it aside and removes it in the background, untimed).
                        let _ = std::fs::remove_dir_all(work.join(format!("bare-out-{n}")));
                    }
                    let s = measure(mk().expect("checked"));
                    // `build` leaves the previous site to a background process: let it finish
                    // (untimed) so that it never competes with the next run.
                    wait_for_cleanup(&work);
                    s
                })
                .collect();
            println!(
                "{n:>7}  {tool:<8} {:>8.2} {:>8.2} {:>9.0}",
                median(samples.iter().map(|s| s.wall).collect()),
                median(samples.iter().map(|s| s.cpu).collect()),
                median(samples.iter().map(|s| s.peak_mb).collect()),
            );
            if let Some(dir) = search_bytes::largest_index(&out).filter(|_| tool == "niemyet") {
                search_bytes::report(&dir);
            }
        }
    }
}

/// Waits until no previous site moved aside by `niemyet build` is left in `work`.
fn wait_for_cleanup(work: &Path) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while std::time::Instant::now() < deadline {
        let busy = std::fs::read_dir(work).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().contains(".niemyet-rac-"))
        });
        if !busy {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Save-to-reload: `niemyet serve` on the corpus, a websocket like the page's, then for each
/// run one document edited on disk; the time is from the write until the page's new HTML is
/// fetched after the reload message (what a browser does before it paints).
fn serve_latency(n: usize) {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::time::{Duration, Instant};
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench");
    let corpus = work.join(format!("corpus-serve-{n}"));
    corpus::generate(&corpus, n, SEED).expect("write the corpus");
    let site = "huyen-dong-giang";
    let mut child = Command::new(env!("CARGO_BIN_EXE_niemyet"))
        .args(["serve", "--port", "0", "--site", site, "--root"])
        .arg(&corpus)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start serve");
    let stderr = child.stderr.take().expect("piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let addr = loop {
        let line = rx.recv().expect("serve starts");
        eprintln!("  serve: {line}");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().expect("address").to_string();
        }
    };
    let (mut ws, _) = tungstenite::connect(format!("ws://{addr}/__niemyet/ws")).expect("websocket");
    let _ = ws.read(); // the status message
    // A mid-sized document of the site, edited as a clerk would: one sentence changed.
    let dir = corpus
        .join("content")
        .join(site)
        .join("van-ban")
        .join("2024");
    let mut docs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("documents")
        .flatten()
        .map(|e| e.path())
        .collect();
    docs.sort();
    let target = &docs[docs.len() / 2];
    let slug = target
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    let original = std::fs::read_to_string(target).expect("read");
    // A body edit re-renders one page; a front-matter edit (the summary, `trich_yeu`) also
    // changes the lists that show the document.
    let edits: [(&str, &dyn Fn(usize) -> String); 2] = [
        ("body", &|run| {
            format!("{original}\nSửa lần {run}: bổ sung một câu cho rõ.\n")
        }),
        ("front matter", &|run| {
            original.replacen("trich_yeu: \"", &format!("trich_yeu: \"Sửa lần {run}: "), 1)
        }),
    ];
    for (what, edit) in edits {
        let mut times = Vec::new();
        let mut messages = Vec::new();
        for run in 0..7 {
            // Let the previous round's background search refresh finish first.
            std::thread::sleep(Duration::from_millis(1500));
            while rx.try_recv().is_ok() {}
            // A front-matter edit reloads twice (the page, then its lists): the second message
            // of the previous round must not end this round's wait.
            drain(&mut ws);
            let t0 = Instant::now();
            std::fs::write(target, edit(run)).expect("write");
            loop {
                match ws.read().expect("websocket message") {
                    tungstenite::Message::Text(t) if t.as_str().contains("reload") => break,
                    tungstenite::Message::Text(t) if t.as_str().contains("errors") => {
                        panic!("the edit made an error: {t}")
                    }
                    _ => {}
                }
            }
            let to_message = t0.elapsed().as_secs_f64() * 1000.0;
            let mut s = std::net::TcpStream::connect(&addr).expect("connect");
            write!(
                s,
                "GET /van-ban/{slug}/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
            )
            .expect("request");
            let mut page = String::new();
            s.read_to_string(&mut page).expect("response");
            let ms = t0.elapsed().as_secs_f64() * 1000.0;
            assert!(
                page.contains(&format!("Sửa lần {run}")),
                "the page shows the {what} edit: {}",
                page.lines()
                    .find(|l| l.contains("<title>"))
                    .unwrap_or(&page[..page.len().min(300)])
            );
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
                eprintln!("  serve: {line}");
            }
            times.push(ms);
            messages.push(to_message);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        messages.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{n} documents, {what} edit: save to reloaded page {:.0} ms median (min {:.0}, max \
             {:.0}) over {} edits; save to reload message {:.0} ms median",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            times.len(),
            messages[messages.len() / 2],
        );
    }
    std::fs::write(target, &original).expect("restore");
    let _ = child.kill();
    let _ = child.wait();
}
