//! A small Chrome DevTools Protocol client: launch headless Chromium, open a page, evaluate
//! JavaScript, collect console errors, take screenshots. Just what the browser tests need, over
//! one blocking websocket, so the suite has no Node step and no browser download.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

pub struct Browser {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

/// Path of the Chromium binary, or `None` (the caller skips, or fails when `CI=true`).
pub fn chromium() -> Option<String> {
    for c in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(c).exists() {
            return Some(c.to_string());
        }
    }
    None
}

impl Browser {
    pub fn launch(bin: &str) -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        let mut child = Command::new(bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-extensions",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--mute-audio",
                // A page not in front must still run its timers (a QR page's 0-second meta
                // refresh is one): no throttling of background pages under load.
                "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let stderr = child.stderr.take().expect("piped stderr");
        let mut lines = BufReader::new(stderr).lines();
        let mut url = None;
        for line in lines.by_ref() {
            let Ok(line) = line else { break };
            if let Some(u) = line.strip_prefix("DevTools listening on ") {
                url = Some(u.trim().to_string());
                break;
            }
        }
        // Keep draining stderr so Chromium never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let url = url.expect("chromium printed its DevTools address");
        let (ws, _) = tungstenite::connect(url.as_str()).expect("connect to DevTools");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_millis(50))).ok();
        }
        Browser {
            child,
            ws,
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
        }
    }

    fn read(&mut self) -> Option<Value> {
        match self.ws.read() {
            Ok(Message::Text(t)) => serde_json::from_str(t.as_str()).ok(),
            Ok(_) => None,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                None
            }
            Err(e) => panic!("DevTools connection lost: {e}"),
        }
    }

    /// Sends a command (to a page session when `session` is set) and waits for its result.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        match self.try_call(session, method, params) {
            Ok(v) => v,
            Err(e) => panic!("{method} failed: {e}"),
        }
    }

    /// Like `call`, with the protocol's error as a value.
    pub fn try_call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .expect("send to DevTools");
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            let Some(v) = self.read() else { continue };
            if v["id"].as_u64() == Some(id) {
                if let Some(e) = v.get("error") {
                    return Err(e.clone());
                }
                return Ok(v["result"].clone());
            }
            if v.get("method").is_some() {
                self.events.push(v);
            }
        }
        panic!("{method}: no answer from Chromium in 60 s");
    }

    /// Reads events for `d`, keeping them for `take_events`.
    pub fn pump(&mut self, d: Duration) {
        let end = Instant::now() + d;
        while Instant::now() < end {
            if let Some(v) = self.read()
                && v.get("method").is_some()
            {
                self.events.push(v);
            }
        }
    }

    /// Waits for an event of `method` on `session`; false on timeout.
    pub fn wait_event(&mut self, session: &str, method: &str, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        loop {
            if let Some(i) = self
                .events
                .iter()
                .position(|e| e["method"] == method && e["sessionId"] == session)
            {
                self.events.remove(i);
                return true;
            }
            if Instant::now() >= end {
                return false;
            }
            if let Some(v) = self.read()
                && v.get("method").is_some()
            {
                self.events.push(v);
            }
        }
    }

    pub fn take_events(&mut self, session: &str) -> Vec<Value> {
        let (mine, rest) = std::mem::take(&mut self.events)
            .into_iter()
            .partition(|e| e["sessionId"] == session);
        self.events = rest;
        mine
    }

    /// A new tab at the given viewport width, with console and log events on.
    pub fn page(&mut self, width: u32) -> Page {
        let t = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target = t["targetId"].as_str().expect("targetId").to_string();
        let s = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        let session = s["sessionId"].as_str().expect("sessionId").to_string();
        for m in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Page.bringToFront",
        ] {
            self.call(Some(&session), m, json!({}));
        }
        self.call(
            Some(&session),
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": if width < 600 { 844 } else { 900 },
                   "deviceScaleFactor": 1, "mobile": width < 600}),
        );
        Page { session, width }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Page {
    pub session: String,
    pub width: u32,
}

impl Page {
    /// Opens `url`, waits for the load event and the fonts, and returns the console errors,
    /// uncaught exceptions and failed loads the page reported.
    pub fn open(&self, b: &mut Browser, url: &str) -> Vec<String> {
        b.take_events(&self.session);
        b.call(Some(&self.session), "Page.navigate", json!({"url": url}));
        assert!(
            b.wait_event(
                &self.session,
                "Page.loadEventFired",
                Duration::from_secs(30)
            ),
            "{url}: no load event in 30 s"
        );
        // A page that navigates away at once (a QR redirect) has no fonts to wait for.
        let _ = b.try_call(
            Some(&self.session),
            "Runtime.evaluate",
            json!({"expression": "document.fonts.ready.then(() => true)", "awaitPromise": true}),
        );
        b.pump(Duration::from_millis(150));
        self.errors(b)
    }

    /// Console errors, exceptions and failed loads since the last call.
    pub fn errors(&self, b: &mut Browser) -> Vec<String> {
        let mut out = Vec::new();
        for e in b.take_events(&self.session) {
            let p = &e["params"];
            match e["method"].as_str().unwrap_or("") {
                "Runtime.consoleAPICalled"
                    if matches!(p["type"].as_str(), Some("error" | "assert")) =>
                {
                    out.push(format!("console.{}: {}", p["type"], p["args"]))
                }
                "Runtime.exceptionThrown" => out.push(format!(
                    "exception: {}",
                    p["exceptionDetails"]["exception"]["description"]
                )),
                "Log.entryAdded" if p["entry"]["level"] == "error" => out.push(format!(
                    "log: {} {}",
                    p["entry"]["text"],
                    p["entry"]["url"].as_str().unwrap_or("")
                )),
                _ => {}
            }
        }
        out
    }

    /// Evaluates an expression (awaiting a promise) and returns its JSON value.
    pub fn eval(&self, b: &mut Browser, expr: &str) -> Value {
        let r = b.call(
            Some(&self.session),
            "Runtime.evaluate",
            json!({"expression": expr, "awaitPromise": true, "returnByValue": true}),
        );
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("evaluating `{}` threw: {ex}", &expr[..expr.len().min(80)]);
        }
        r["result"]["value"].clone()
    }

    pub fn type_text(&self, b: &mut Browser, text: &str) {
        b.call(
            Some(&self.session),
            "Input.insertText",
            json!({ "text": text }),
        );
    }

    /// A PNG of the whole page (at most 6000 px tall) at the page's width.
    pub fn screenshot(&self, b: &mut Browser, path: &Path) {
        use base64::Engine as _;
        let h = self
            .eval(b, "Math.ceil(document.documentElement.scrollHeight)")
            .as_f64()
            .unwrap_or(900.0)
            .min(6000.0);
        let r = b.call(
            Some(&self.session),
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true,
                   "clip": {"x": 0, "y": 0, "width": self.width, "height": h, "scale": 1}}),
        );
        let png = base64::engine::general_purpose::STANDARD
            .decode(
                r["data"]
                    .as_str()
                    .unwrap_or_else(|| panic!("no screenshot data (height {h}): {r}")),
            )
            .expect("base64 PNG");
        std::fs::write(path, png).expect("write screenshot");
    }
}
