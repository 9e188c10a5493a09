//! `serve` under attack and under a careless clerk (issue #13): it answers only requests
//! addressed to itself (DNS rebinding, another site's page opening its websocket), and keeps
//! watching when `content/` is removed and restored or moved away and back.

use crate::common::Project;
use crate::survive::Running;
use std::io::{Read, Write};
use std::time::Duration;

/// `niemyet serve --port 0` on the test project, and its `127.0.0.1:PORT`.
fn serve(p: &Project) -> (Running, String) {
    let server = Running::start(p, &["serve", "--port", "0"]);
    let line = server.says("Xem trước tại http://");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_string();
    (server, addr)
}

/// The status line of `GET path` sent to `addr` with `host` as its `Host`.
fn status(addr: &str, path: &str, host: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    text.lines().next().unwrap_or_default().to_string()
}

type Socket = tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>>;

/// A websocket to the preview, opened as a page on `origin` would (no `Origin`: a program).
fn socket(addr: &str, host: &str, origin: Option<&str>) -> Result<Socket, tungstenite::Error> {
    use tungstenite::client::IntoClientRequest;
    let mut req = format!("ws://{addr}/__niemyet/ws")
        .into_client_request()
        .unwrap();
    req.headers_mut().insert("host", host.parse().unwrap());
    if let Some(o) = origin {
        req.headers_mut().insert("origin", o.parse().unwrap());
    }
    let (mut ws, _) = tungstenite::connect(req)?;
    if let tungstenite::stream::MaybeTlsStream::Plain(s) = ws.get_mut() {
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    }
    Ok(ws)
}

fn next_type(ws: &mut Socket) -> String {
    loop {
        if let tungstenite::Message::Text(t) = ws.read().expect("a websocket message") {
            let v: serde_json::Value = serde_json::from_str(t.as_str()).unwrap();
            if v["type"] == "errors" {
                eprintln!("{v}");
            }
            return v["type"].as_str().unwrap_or_default().to_string();
        }
    }
}

/// Reads messages until one of type `ty` (the socket's read timeout bounds the wait).
fn until(ws: &mut Socket, ty: &str) {
    while next_type(ws) != ty {}
}

#[test]
fn serve_answers_only_its_own_address() {
    let p = Project::new();
    let (_server, addr) = serve(&p);
    let port = addr.rsplit(':').next().unwrap();
    let own = format!("http://{addr}");
    assert!(status(&addr, "/", &addr).contains(" 200"), "own address");
    assert!(status(&addr, "/", &format!("localhost:{port}")).contains(" 200"));
    // DNS rebinding: a site's name pointed at 127.0.0.1.
    for host in [format!("ke-gian.example:{port}"), "127.0.0.1:1".to_string()] {
        assert!(status(&addr, "/", &host).contains(" 403"), "{host}");
    }
    // The overlay's websocket: its own page (or a program) only.
    let mut ws = socket(&addr, &addr, Some(&own)).unwrap();
    assert_eq!(next_type(&mut ws), "ok");
    assert!(socket(&addr, &addr, None).is_ok());
    for origin in ["http://ke-gian.example", "null", "https://127.0.0.1"] {
        assert!(socket(&addr, &addr, Some(origin)).is_err(), "{origin}");
    }
    let rebound = format!("ke-gian.example:{port}");
    assert!(socket(&addr, &rebound, Some(&format!("http://{rebound}"))).is_err());
}

#[test]
fn serve_keeps_watching_when_content_is_removed_or_moved_and_restored() {
    let p = Project::new();
    let (_server, addr) = serve(&p);
    let own = format!("http://{addr}");
    let mut ws = socket(&addr, &addr, Some(&own)).unwrap();
    assert_eq!(next_type(&mut ws), "ok");
    let notice = "content/xa-binh-minh/van-ban/2025/ke-hoach-02.md";
    let edit = |from: &str, to: &str| p.write(notice, &p.read(notice).replace(from, to));
    // Moved away and back. (Other messages, such as the status after the search index is
    // refreshed, may come in between; a lost watch sends nothing and the read times out.)
    let aside = p.root().join("content-cu");
    std::fs::rename(p.path("content"), &aside).unwrap();
    until(&mut ws, "errors");
    std::fs::rename(&aside, p.path("content")).unwrap();
    until(&mut ws, "reload");
    edit("## I. MỤC ĐÍCH", "## I. MỤC ĐÍCH, YÊU CẦU");
    until(&mut ws, "reload");
    // Removed, then restored (a checkout, a restore from backup).
    let backup = tempfile::tempdir().unwrap();
    crate::survive::copy_tree(&p.path("content"), &backup.path().join("content"));
    std::fs::remove_dir_all(p.path("content")).unwrap();
    until(&mut ws, "errors");
    crate::survive::copy_tree(&backup.path().join("content"), &p.path("content"));
    until(&mut ws, "reload");
    edit("MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU");
    until(&mut ws, "reload");
    let page = status(&addr, "/van-ban/ke-hoach-02/", &addr);
    assert!(page.contains(" 200"), "{page}");
}

/// Resident memory of process `pid`, in KiB.
#[cfg(target_os = "linux")]
fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// Each open page holds a websocket; a preview reloaded all day opens thousands. A connection
/// used to cost about 130 KB (tungstenite's default buffers), much of it kept after closing.
#[cfg(target_os = "linux")]
#[test]
fn websockets_cost_little_and_give_their_memory_back() {
    let p = Project::new();
    let (server, addr) = serve(&p);
    let pid = server.child.id();
    let own = format!("http://{addr}");
    let before = resident_kib(pid);
    let mut peak = before;
    for _ in 0..3 {
        let mut open: Vec<Socket> = (0..200)
            .map(|_| socket(&addr, &addr, Some(&own)).unwrap())
            .collect();
        for ws in &mut open {
            let t = next_type(ws);
            assert!(t == "ok", "{t}");
        }
        peak = peak.max(resident_kib(pid));
        for mut ws in open {
            let _ = ws.close(None);
            let _ = ws.flush();
        }
    }
    // Give the server a moment to see the closes; only memory is asserted, not time.
    std::thread::sleep(Duration::from_millis(500));
    let after = resident_kib(pid);
    assert!(
        peak - before < 200 * 40,
        "200 open websockets cost {} KiB",
        peak - before
    );
    assert!(
        after.saturating_sub(before) < 8 * 1024,
        "600 closed websockets kept {} KiB",
        after - before
    );
}
