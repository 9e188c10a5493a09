//! Real servers for the publish tests, started on 127.0.0.1 only and stopped on drop: moto (S3),
//! a second sshd with its own config, host key and port, vsftpd with TLS (its default
//! `require_ssl_reuse=YES` kept), and a TCP proxy that cuts connections after N bytes.
//!
//! A missing server program makes the test fail when `CI=true` (`.ci/run` installs them), and
//! skip with a printed notice otherwise.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// `None` (after a notice) when `program` cannot run here; a failure under `CI=true`.
pub fn require(what: &str, ok: bool, install: &str) -> bool {
    if ok {
        return true;
    }
    let msg = format!("{what} không có trên máy này ({install}).");
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{msg} CI phải cài nó (xem .ci/run).");
    }
    eprintln!("BỎ QUA kiểm thử: {msg}");
    false
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

fn wait_for_port(port: u16, child: &mut Child, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} stopped at start: {status}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what} did not listen on 127.0.0.1:{port}");
}

/// A child process killed (and reaped) on drop.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run_ok(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// S3: moto

pub fn moto() -> Option<Server> {
    let ok = runs("python3", &["-c", "import moto.server, flask"]);
    if !require(
        "moto (python3 -m moto.server)",
        ok,
        "pip install 'moto[server]'",
    ) {
        return None;
    }
    let port = free_port();
    let mut child = Command::new("python3")
        .args([
            "-m",
            "moto.server",
            "-H",
            "127.0.0.1",
            "-p",
            &port.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start moto");
    wait_for_port(port, &mut child, "moto");
    Some(Server { child, port })
}

/// One HTTP/1.1 request without a client library: status, headers (lowercase names), body.
///
/// moto refuses anonymous reads of private objects but does not verify signatures (its IAM
/// checks are off by default), so any well-formed AWS authorization header reads them: this is
/// a plain HTTP GET of what the server holds.
pub fn http(port: u16, method: &str, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\
         {auth}\r\n",
        auth = if method == "GET" {
            "Authorization: AWS4-HMAC-SHA256 Credential=khoa-thu/20260101/hn/s3/aws4_request, \
             SignedHeaders=host, Signature=00\r\n"
        } else {
            ""
        }
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("HTTP head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    (status, headers, body)
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = raw.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&raw[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[eol + 2..eol + 2 + size]);
        raw = &raw[eol + 2 + size + 2..];
    }
}

pub fn create_bucket(port: u16, bucket: &str) {
    let (status, _, body) = http(port, "PUT", &format!("/{bucket}"));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
}

// ---------------------------------------------------------------------------------------------
// SSH: a second sshd

pub struct Sshd {
    pub server: Server,
    pub dir: PathBuf,
    pub user: String,
    pub key: PathBuf,
    pub known_hosts: PathBuf,
}

pub fn sshd(dir: &Path) -> Option<Sshd> {
    let ok = Path::new("/usr/sbin/sshd").exists();
    if !require(
        "sshd (/usr/sbin/sshd)",
        ok,
        "apt-get install openssh-server",
    ) {
        return None;
    }
    std::fs::create_dir_all(dir).unwrap();
    for name in ["host_key", "client_key"] {
        run_ok(
            Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-C", "niemyet-test", "-f"])
                .arg(dir.join(name)),
        );
    }
    std::fs::copy(dir.join("client_key.pub"), dir.join("authorized_keys")).unwrap();
    let port = free_port();
    let host_pub = std::fs::read_to_string(dir.join("host_key.pub")).unwrap();
    let mut host_parts = host_pub.split_whitespace();
    let (alg, key) = (host_parts.next().unwrap(), host_parts.next().unwrap());
    let known_hosts = dir.join("known_hosts");
    std::fs::write(&known_hosts, format!("[127.0.0.1]:{port} {alg} {key}\n")).unwrap();
    let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
        .unwrap()
        .trim()
        .to_string();
    let config = dir.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nPidFile {d}/sshd.pid\n\
             AuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nPasswordAuthentication no\n\
             KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin prohibit-password\n\
             UsePAM no\nSubsystem sftp internal-sftp -l INFO\nLogLevel VERBOSE\n",
            d = dir.display()
        ),
    )
    .unwrap();
    // Privilege separation folder, which the distribution's service would create.
    let _ = std::fs::create_dir_all("/run/sshd");
    let log = dir.join("sshd.log");
    let mut child = Command::new("/usr/sbin/sshd")
        .args(["-D", "-e", "-f"])
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start sshd");
    wait_for_port(port, &mut child, "sshd");
    Some(Sshd {
        server: Server { child, port },
        dir: dir.to_path_buf(),
        user,
        key: dir.join("client_key"),
        known_hosts,
    })
}

// ---------------------------------------------------------------------------------------------
// FTPS: vsftpd

pub const FTP_USER: &str = "niemyet-ftp";
pub const FTP_PASSWORD: &str = "Thu-nghiem-2026";

pub struct Vsftpd {
    pub server: Server,
    pub root: PathBuf,
    pub cert: PathBuf,
    pub log: PathBuf,
}

pub fn vsftpd(dir: &Path) -> Option<Vsftpd> {
    let ok = Path::new("/usr/sbin/vsftpd").exists() && runs("openssl", &["version"]);
    if !require("vsftpd và openssl", ok, "apt-get install vsftpd openssl") {
        return None;
    }
    // vsftpd logs in local users through PAM: a user of its own, with a test password.
    if !runs("id", &[FTP_USER]) {
        run_ok(Command::new("useradd").args(["-m", "-s", "/bin/bash", FTP_USER]));
    }
    // vsftpd changes into the user's home before its `local_root`: it must exist.
    let home = Path::new("/home").join(FTP_USER);
    if !home.is_dir() {
        std::fs::create_dir_all(&home).unwrap();
        run_ok(Command::new("chown").arg(format!("{FTP_USER}:")).arg(&home));
    }
    let mut chpasswd = Command::new("chpasswd")
        .stdin(Stdio::piped())
        .spawn()
        .expect("chpasswd");
    chpasswd
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{FTP_USER}:{FTP_PASSWORD}\n").as_bytes())
        .unwrap();
    assert!(chpasswd.wait().unwrap().success());
    std::fs::create_dir_all(dir).unwrap();
    let root = dir.join("ftp-root");
    std::fs::create_dir_all(root.join("public_html")).unwrap();
    run_ok(Command::new("chmod").arg("755").arg(dir));
    run_ok(
        Command::new("chown")
            .arg("-R")
            .arg(format!("{FTP_USER}:"))
            .arg(&root),
    );
    let cert = dir.join("cert.pem");
    run_ok(
        Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
            ])
            .args(["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
            .arg("-keyout")
            .arg(dir.join("key.pem"))
            .arg("-out")
            .arg(&cert)
            .stderr(Stdio::null()),
    );
    let port = free_port();
    let pasv = free_port();
    let log = dir.join("vsftpd.log");
    let _ = std::fs::create_dir_all("/var/run/vsftpd/empty");
    let config = dir.join("vsftpd.conf");
    std::fs::write(
        &config,
        format!(
            "listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\nlisten_port={port}\nbackground=NO\n\
             anonymous_enable=NO\nlocal_enable=YES\nwrite_enable=YES\nlocal_umask=022\n\
             chroot_local_user=YES\nallow_writeable_chroot=YES\nlocal_root={root}\n\
             pam_service_name=vsftpd\nuserlist_enable=NO\n\
             ssl_enable=YES\nrsa_cert_file={d}/cert.pem\nrsa_private_key_file={d}/key.pem\n\
             force_local_logins_ssl=YES\nforce_local_data_ssl=YES\n\
             pasv_enable=YES\npasv_min_port={pasv}\npasv_max_port={pasv}\npasv_address=127.0.0.1\n\
             seccomp_sandbox=NO\nisolate=NO\nisolate_network=NO\n\
             xferlog_enable=YES\nlog_ftp_protocol=YES\nvsftpd_log_file={log}\n\
             secure_chroot_dir=/var/run/vsftpd/empty\n",
            root = root.display(),
            d = dir.display(),
            log = log.display(),
        ),
    )
    .unwrap();
    let mut child = Command::new("/usr/sbin/vsftpd")
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start vsftpd");
    wait_for_port(port, &mut child, "vsftpd");
    Some(Vsftpd {
        server: Server { child, port },
        root,
        cert,
        log,
    })
}

// ---------------------------------------------------------------------------------------------
// A TCP proxy that cuts every connection once `budget` bytes went upstream in all.

pub struct Proxy {
    pub port: u16,
    stop: Arc<AtomicBool>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

pub fn proxy(upstream: u16, budget: usize) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let stop = Arc::new(AtomicBool::new(false));
    let left = Arc::new(AtomicUsize::new(budget));
    let stop2 = stop.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            if stop2.load(Ordering::SeqCst) {
                return;
            }
            let Ok(client) = conn else { continue };
            if left.load(Ordering::SeqCst) == 0 {
                let _ = client.shutdown(Shutdown::Both);
                continue;
            }
            let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                continue;
            };
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            let left = left.clone();
            std::thread::spawn(move || pipe(client, server, Some(left)));
            std::thread::spawn(move || pipe(s2, c2, None));
        }
    });
    Proxy { port, stop }
}

fn pipe(mut from: TcpStream, mut to: TcpStream, budget: Option<Arc<AtomicUsize>>) {
    let mut buf = [0u8; 4096];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let (n, spent) = match &budget {
            Some(left) => {
                let before = left
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |l| {
                        Some(l.saturating_sub(n))
                    })
                    .unwrap_or(0);
                (n.min(before), before <= n)
            }
            None => (n, false),
        };
        // Once the budget is spent, cut at once: waiting for more bytes the client already
        // sent would leave both ends waiting for a timeout.
        if to.write_all(&buf[..n]).is_err() || spent {
            break;
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}
