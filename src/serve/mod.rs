//! `niemyet serve`: a live preview of one site on 127.0.0.1.
//!
//! The site lives in memory (`incremental::Session`); a watcher on `content/`, `themes/` and
//! `niemyet.yaml` (re-attached when a folder is removed and restored) feeds debounced changes to one rebuild thread, which re-renders what the change
//! touched and tells every open page over a websocket to reload — or, when the content has errors,
//! to show them in an overlay (file, line, message, hint) until the file is fixed. The reload
//! script is added to pages as they are *served*: it never reaches `build` output. The preview
//! never writes into the project, listens on the loopback address only, and answers only requests
//! addressed to it (`Host`, and a websocket's `Origin`).

pub mod incremental;

use crate::diag::{Diagnostics, Severity};
use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDate;
use incremental::{Served, Session};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, mpsc};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// Where the preview's own files live; no site page can start with `__`.
const PREFIX: &str = "/__niemyet/";
const LIVE_JS: &str = include_str!("live.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

pub struct ServeOptions {
    pub root: PathBuf,
    pub site: String,
    pub port: u16,
    pub today: NaiveDate,
    /// Called once the server listens, with its address (tests use port 0).
    pub on_ready: Option<Box<dyn FnOnce(std::net::SocketAddr) + Send>>,
}

/// What the HTTP side sees: a snapshot, replaced whole after each rebuild.
struct Snapshot {
    files: BTreeMap<String, Served>,
    base_path: String,
    /// JSON message describing the state (`{"type":"ok"}` or the errors), sent to new sockets.
    status: String,
}

struct AppState {
    snapshot: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<String>,
}

/// The errors of a run as the overlay shows them (warnings stay on the console).
pub fn status_message(diags: &Diagnostics) -> String {
    let errors: Vec<serde_json::Value> = diags
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            serde_json::json!({
                "path": d.path,
                "line": d.pos.line,
                "column": d.pos.column,
                "code": d.code,
                "message": d.message,
                "hint": d.hint,
                "source": d.source_line,
            })
        })
        .collect();
    if errors.is_empty() {
        serde_json::json!({"type": "ok"}).to_string()
    } else {
        serde_json::json!({"type": "errors", "errors": errors}).to_string()
    }
}

fn snapshot(session: &Session) -> Arc<Snapshot> {
    Arc::new(Snapshot {
        files: session.files.clone(),
        base_path: session.base_path(),
        status: status_message(&session.diags),
    })
}

/// Runs the preview until Ctrl-C. Errors are about the machine (port taken), not the content.
pub fn run(opts: ServeOptions) -> anyhow::Result<()> {
    let started = Instant::now();
    eprintln!("Đang dựng đơn vị `{}` để xem trước…", opts.site);
    let mut session = Session::open(&opts.root, &opts.site, opts.today);
    crate::diag::print(&session.diags);
    eprintln!(
        "Đã dựng {} tệp trong {} ms.",
        session.files.len(),
        started.elapsed().as_millis()
    );
    session.refresh_search();
    let (events, _) = broadcast::channel(64);
    let state = Arc::new(AppState {
        snapshot: RwLock::new(snapshot(&session)),
        events,
    });

    // Watch before serving, so that no save between the two is missed.
    let (watched, rx) = watch(&opts.root)?;

    let rebuild_state = state.clone();
    let session_root = opts.root.clone();
    std::thread::Builder::new()
        .name("niemyet-rebuild".into())
        .spawn(move || rebuild_loop(session, rx, &watched, &session_root, &rebuild_state))?;

    listen(state, opts.port, opts.on_ready)
}

/// Watches the project for changes (the root itself, and its folders recursively): the watch,
/// and the paths it reports.
fn watch(project_root: &Path) -> anyhow::Result<(Watched, mpsc::Receiver<PathBuf>)> {
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            if matches!(ev.kind, notify::EventKind::Access(_)) {
                return;
            }
            for p in ev.paths {
                let _ = tx.send(p);
            }
        }
    })?;
    let root = project_root
        .canonicalize()
        .unwrap_or(project_root.to_path_buf());
    // `niemyet.yaml` may not exist yet, and `content/` may be removed and restored or moved away
    // and back: watch the root itself (not its subfolders), and re-attach the folders' watches
    // whenever the root reports one of them.
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    let watched = Watched {
        watcher: std::sync::Mutex::new(watcher),
        root: root.clone(),
    };
    watched.attach();
    Ok((watched, rx))
}

/// Serves `state` on 127.0.0.1:`port` until Ctrl-C; `on_ready` is called once it listens.
fn listen(
    state: Arc<AppState>,
    port: u16,
    on_ready: Option<Box<dyn FnOnce(std::net::SocketAddr) + Send>>,
) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let base_path = state
        .snapshot
        .read()
        .map(|s| s.base_path.clone())
        .unwrap_or_else(|_| "/".into());
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| {
                anyhow::anyhow!(
                    "không mở được cổng {port} trên 127.0.0.1: {}. Chọn cổng khác bằng `--port`.",
                    crate::diag::io_reason(&e)
                )
            })?;
        let addr = listener.local_addr()?;
        let app = router(state, addr.port());
        // Listen for Ctrl-C before saying we are ready: a signal in between must stop us cleanly.
        #[cfg(unix)]
        let mut interrupt =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
        eprintln!("Xem trước tại http://{addr}{base_path} — nhấn Ctrl-C để dừng.");
        if let Some(f) = on_ready {
            f(addr);
        }
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                #[cfg(unix)]
                let _ = interrupt.recv().await;
                #[cfg(not(unix))]
                let _ = tokio::signal::ctrl_c().await;
                eprintln!("\nĐã dừng xem trước.");
            })
            .await?;
        anyhow::Ok(())
    })?;
    Ok(())
}

/// The watcher and the project folders it follows recursively.
struct Watched {
    watcher: std::sync::Mutex<notify::RecommendedWatcher>,
    root: PathBuf,
}

impl Watched {
    const FOLDERS: [&str; 2] = ["content", "themes"];

    /// (Re-)attaches a recursive watch to each folder that exists now. A folder removed and
    /// created again, or moved away and back, is a new watch; a stale one is dropped first.
    fn attach(&self) {
        let Ok(mut w) = self.watcher.lock() else {
            return;
        };
        for name in Self::FOLDERS {
            let dir = self.root.join(name);
            let _ = w.unwatch(&dir);
            if dir.is_dir() {
                let _ = w.watch(&dir, RecursiveMode::Recursive);
            }
        }
    }

    /// True when `paths` name one of the watched folders itself (created, removed, renamed).
    fn touches_folder(&self, paths: &[PathBuf]) -> bool {
        paths
            .iter()
            .any(|p| Self::FOLDERS.iter().any(|f| *p == self.root.join(f)))
    }
}

/// How long the watcher must stay quiet before a burst of events is taken as one save. Editors
/// write a save as several events well under a millisecond apart; a save split in two by a slow
/// disk costs one more (correct) rebuild, while every millisecond here is added to each reload.
const QUIET: Duration = Duration::from_millis(8);

/// Collects a burst of file events: editors save through a temporary file and a rename, so one
/// save is several events within a few milliseconds.
fn next_batch(rx: &mpsc::Receiver<PathBuf>) -> Option<Vec<PathBuf>> {
    let first = rx.recv().ok()?;
    let mut batch = vec![first];
    let deadline = Instant::now() + Duration::from_millis(500);
    while let Ok(p) = rx.recv_timeout(QUIET) {
        batch.push(p);
        if Instant::now() > deadline {
            break;
        }
    }
    batch.sort();
    batch.dedup();
    Some(batch)
}

fn rebuild_loop(
    mut session: Session,
    rx: mpsc::Receiver<PathBuf>,
    watched: &Watched,
    session_root: &Path,
    state: &AppState,
) {
    let watched_root = watched.root.as_path();
    let mut search_stale = false;
    // Errors of the last rebuild: the clerk is told when they are all fixed.
    let mut had_errors = session.diags.error_count();
    loop {
        // Between edits, bring the search index up to date (after the reload, not before it).
        let batch = if search_stale {
            match rx.recv_timeout(Duration::from_millis(300)) {
                Ok(p) => {
                    let mut b = vec![p];
                    while let Ok(p) = rx.recv_timeout(QUIET) {
                        b.push(p);
                    }
                    b.sort();
                    b.dedup();
                    b
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    session.refresh_search();
                    publish(state, &session, None);
                    search_stale = false;
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match next_batch(&rx) {
                Some(b) => b,
                None => return,
            }
        };
        if watched.touches_folder(&batch) {
            watched.attach();
        }
        let paths = session_paths(&batch, watched_root, session_root);
        let started = Instant::now();
        let outcome = session.apply_first(&paths);
        if !outcome.full && outcome.rendered.is_empty() && outcome.removed.is_empty() {
            // Nothing we serve changed (another site, junk): still refresh the error state.
            publish(state, &session, None);
            continue;
        }
        let errors = report_rebuild(&session, &outcome, started, had_errors);
        had_errors = errors;
        let message = if errors > 0 {
            None
        } else {
            Some(reload_message(&outcome))
        };
        publish(state, &session, message);
        // Then the pages that depend on the saved ones (lists, citing documents): only the
        // browsers showing one of them reload again.
        finish_dependents(&mut session, state);
        search_stale = true;
    }
}

/// The paths of a batch under the root as the session knows it.
fn session_paths(batch: &[PathBuf], watched_root: &Path, session_root: &Path) -> Vec<PathBuf> {
    // The watcher reports canonical paths; the session knows the root as given.
    batch
        .iter()
        .map(|p| match p.strip_prefix(watched_root) {
            Ok(rel) => session_root.join(rel),
            Err(_) => p.clone(),
        })
        .collect()
}

/// Tells the console what a rebuild did and how its errors stand; returns its error count.
fn report_rebuild(
    session: &Session,
    outcome: &incremental::Outcome,
    started: Instant,
    had_errors: usize,
) -> usize {
    let ms = started.elapsed().as_millis();
    let errors = session.diags.error_count();
    if outcome.full {
        eprintln!("Đã dựng lại toàn bộ đơn vị trong {ms} ms.");
    } else {
        eprintln!(
            "Đã dựng lại {} trang{} trong {ms} ms.",
            outcome.rendered.len(),
            if outcome.removed.is_empty() {
                String::new()
            } else {
                format!(", bỏ {} trang", outcome.removed.len())
            }
        );
    }
    if errors > 0 {
        crate::diag::print(&session.diags);
        eprintln!("Có {errors} lỗi: trang xem trước hiện danh sách lỗi cho tới khi sửa xong.");
    } else if had_errors > 0 {
        eprintln!("Đã sửa hết lỗi: trang xem trước hiện lại bình thường.");
    }
    errors
}

/// Renders the pages left pending by a save and tells the browsers showing one of them.
fn finish_dependents(session: &mut Session, state: &AppState) {
    let started = Instant::now();
    if let Some(rest) = session.finish_pending()
        && (!rest.rendered.is_empty() || !rest.removed.is_empty())
    {
        eprintln!(
            "Rồi {} trang phụ thuộc trong {} ms.",
            rest.rendered.len(),
            started.elapsed().as_millis()
        );
        if session.diags.error_count() == 0 {
            publish(state, session, Some(reload_message(&rest)));
        } else if let Ok(mut s) = state.snapshot.write() {
            // The open pages already show these errors: just serve the new pages.
            *s = snapshot(session);
        }
    }
}

/// Tells open pages to reload: all of them after a full rebuild, else those showing a page that
/// was rendered again or removed (addresses as the browser has them: `/van-ban/x/`).
fn reload_message(outcome: &incremental::Outcome) -> String {
    if outcome.full {
        return serde_json::json!({"type": "reload"}).to_string();
    }
    let pages: Vec<String> = outcome
        .rendered
        .iter()
        .chain(&outcome.removed)
        .map(|p| format!("/{}", p.strip_suffix("index.html").unwrap_or(p)))
        .collect();
    serde_json::json!({"type": "reload", "pages": pages}).to_string()
}

/// Replaces the snapshot and tells open pages: `message`, or the current status.
fn publish(state: &AppState, session: &Session, message: Option<String>) {
    let snap = snapshot(session);
    let msg = message.unwrap_or_else(|| snap.status.clone());
    if let Ok(mut s) = state.snapshot.write() {
        *s = snap;
    }
    let _ = state.events.send(msg);
}

/// The preview's routes, behind the check that a request is addressed to `127.0.0.1:port`.
fn router(state: Arc<AppState>, port: u16) -> Router {
    let own = Arc::new(OwnAddress::new(port));
    Router::new()
        .route("/__niemyet/ws", get(ws_handler))
        .route("/__niemyet/live.js", get(live_js))
        .route("/__niemyet/overlay.css", get(overlay_css))
        .fallback(page)
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(own, only_own_address))
}

/// The names under which the preview is its own page: `127.0.0.1:PORT` and `localhost:PORT`.
struct OwnAddress {
    hosts: Vec<String>,
}

impl OwnAddress {
    fn new(port: u16) -> OwnAddress {
        let mut hosts: Vec<String> = ["127.0.0.1", "localhost"]
            .iter()
            .map(|h| format!("{h}:{port}"))
            .collect();
        if port == 80 {
            hosts.extend(["127.0.0.1".to_string(), "localhost".to_string()]);
        }
        OwnAddress { hosts }
    }

    fn is_host(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
    }

    /// `http://HOST` of one of its own names.
    fn is_origin(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| self.is_host(host))
    }
}

fn addressed_to(own: &OwnAddress, req: &axum::extract::Request) -> bool {
    let header = |name: header::HeaderName| {
        req.headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    // HTTP/2 carries the host in the request's authority instead of a `Host` header.
    let host = header(header::HOST).or_else(|| req.uri().authority().map(|a| a.as_str()));
    let host_ok = host.is_some_and(|h| own.is_host(h));
    let origin_ok = !req.uri().path().starts_with("/__niemyet/ws")
        || header(header::ORIGIN).is_none_or(|o| own.is_origin(o));
    host_ok && origin_ok
}

/// Answers only requests addressed to the preview itself (SPEC §9): another `Host` is a DNS
/// rebinding attempt (a web page whose name now points at 127.0.0.1), and a websocket opened
/// from another `Origin` is a page of another site wanting the error overlay, which quotes source
/// lines with the very personal data the checks refused. A websocket without `Origin` comes from
/// a program on this machine, not from a page, and may connect.
async fn only_own_address(
    State(own): State<Arc<OwnAddress>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if addressed_to(&own, &req) {
        return next.run(req).await;
    }
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Trang xem trước của niemyet chỉ trả lời địa chỉ của chính nó (http://127.0.0.1:CỔNG/ hoặc http://localhost:CỔNG/).\n",
    )
        .into_response()
}

/// Open pages only listen: they send nothing but the closing frame. tungstenite's default
/// buffers (128 KiB to read, 128 KiB before writing) cost each connection about 130 KB, and a
/// preview reloaded all day opens thousands; a few KiB serve the same messages.
const SOCKET_READ_BUFFER: usize = 4 * 1024;
const SOCKET_MAX_MESSAGE: usize = 64 * 1024;

async fn ws_handler(ws: WebSocketUpgrade, State(state): State<Arc<AppState>>) -> Response {
    ws.read_buffer_size(SOCKET_READ_BUFFER)
        .write_buffer_size(0)
        .max_message_size(SOCKET_MAX_MESSAGE)
        .max_frame_size(SOCKET_MAX_MESSAGE)
        .on_upgrade(move |socket| client(socket, state))
}

async fn client(mut socket: WebSocket, state: Arc<AppState>) {
    let mut rx = state.events.subscribe();
    let status = state
        .snapshot
        .read()
        .map(|s| s.status.clone())
        .unwrap_or_default();
    if socket.send(Message::Text(status.into())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            ev = rx.recv() => match ev {
                Ok(m) => {
                    if socket.send(Message::Text(m.into())).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(_) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            },
        }
    }
}

async fn live_js() -> Response {
    asset("text/javascript; charset=utf-8", LIVE_JS)
}

async fn overlay_css() -> Response {
    asset("text/css; charset=utf-8", OVERLAY_CSS)
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("json") => "application/json",
        Some("wasm") => "application/wasm",
        Some("png") => "image/png",
        Some("jpg") | Some("jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("pdf") => "application/pdf",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script (and the overlay's style) to a served page, before `</body>`.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}overlay.css\"><script src=\"{PREFIX}live.js\" defer></script>"
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

async fn page(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    let snap = match state.snapshot.read() {
        Ok(s) => s.clone(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let path = crate::render::percent_decode(uri.path());
    let bp = snap.base_path.as_str();
    if bp != "/" && (path == "/" || path.is_empty()) {
        return redirect(bp);
    }
    let rel = match path.strip_prefix(bp) {
        Some(r) => r.to_string(),
        None if format!("{path}/") == bp => return redirect(bp),
        None => return not_found(&snap),
    };
    if rel.split('/').any(|s| s == "..") {
        return not_found(&snap);
    }
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    match snap.files.get(&key) {
        Some(f) => serve_file(&key, f, StatusCode::OK).await,
        None if snap.files.contains_key(&format!("{rel}/index.html")) => {
            let q = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
            redirect(&format!("{path}/{q}"))
        }
        None => not_found(&snap),
    }
}

fn redirect(to: &str) -> Response {
    let mut r = StatusCode::TEMPORARY_REDIRECT.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

async fn serve_file(key: &str, f: &Served, status: StatusCode) -> Response {
    let bytes: Vec<u8> = match f {
        Served::Bytes(b) => b.to_vec(),
        Served::File(p) => match tokio::fs::read(p).await {
            Ok(b) => b,
            Err(_) => return StatusCode::NOT_FOUND.into_response(),
        },
    };
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        inject(&bytes)
    } else {
        bytes
    };
    (
        status,
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn not_found(snap: &Snapshot) -> Response {
    let html = match snap.files.get("404.html") {
        Some(Served::Bytes(b)) => b.to_vec(),
        _ => "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Chưa có trang</title></head>\
              <body><h1>Chưa có trang để xem trước</h1><p>Nội dung đang có lỗi; danh sách lỗi hiện ở đây.</p></body></html>"
            .as_bytes()
            .to_vec(),
    };
    (
        StatusCode::NOT_FOUND,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        inject(&html),
    )
        .into_response()
}
