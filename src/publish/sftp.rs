//! A server reached over SSH, files written with SFTP (russh + russh-sftp).
//!
//! The host key must already be in known_hosts (`NIEMYET_KNOWN_HOSTS`, else
//! `~/.ssh/known_hosts`): an unknown host is refused with its fingerprint and how to accept it,
//! never trusted on first use. The user's key comes from `NIEMYET_SSH_KEY` (a private key file)
//! or the SSH agent. Each file is written under a temporary name in its folder and renamed over
//! the old one with `posix-rename@openssh.com` (atomic); servers without it get remove + rename.

use super::Hosting;
use super::error::{HostError, Problem};
use super::target::Login;
use russh::client::{self, Handle};
use russh::keys::{HashAlg, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh_sftp::client::RawSftpSession;
use russh_sftp::protocol::{FileAttributes, OpenFlags, Packet, StatusCode};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const POSIX_RENAME: &str = "posix-rename@openssh.com";
/// Below OpenSSH's 34,000-byte packet limit with room for the header.
const CHUNK: usize = 32 * 1024;

pub struct Sftp {
    runtime: tokio::runtime::Runtime,
    // Kept alive for the SFTP channel; dropped with it.
    _ssh: Handle<HostKeyCheck>,
    sftp: RawSftpSession,
    base: String,
    place: String,
    posix_rename: bool,
    /// Folders known to exist (created or seen) in this session.
    made_dirs: RefCell<BTreeSet<String>>,
}

/// Checks the server's key against known_hosts and remembers why it refused one.
struct HostKeyCheck {
    host: String,
    port: u16,
    known_hosts: Option<PathBuf>,
    verdict: Arc<Mutex<Option<Problem>>>,
}

impl client::Handler for HostKeyCheck {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        let key = key.public_key();
        let fingerprint = key.fingerprint(HashAlg::Sha256).to_string();
        let checked = match &self.known_hosts {
            Some(path) => russh::keys::check_known_hosts_path(&self.host, self.port, &key, path),
            None => Ok(false),
        };
        let problem = match checked {
            Ok(true) => return Ok(true),
            Ok(false) => Problem::UnknownHost { fingerprint },
            Err(russh::keys::Error::KeyChanged { line }) => {
                Problem::ChangedHostKey { fingerprint, line }
            }
            Err(_) => Problem::UnknownHost { fingerprint },
        };
        if let Ok(mut v) = self.verdict.lock() {
            *v = Some(problem);
        }
        Ok(false)
    }
}

/// `NIEMYET_KNOWN_HOSTS` (tests, or a project's own list), else `~/.ssh/known_hosts`.
fn known_hosts_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NIEMYET_KNOWN_HOSTS").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    std::env::home_dir().map(|h| h.join(".ssh").join("known_hosts"))
}

impl Sftp {
    pub fn connect(login: &Login) -> Result<Sftp, HostError> {
        let place = login.place("máy chủ SSH");
        let (user, host, port, path) = (&login.user, &login.host, &login.port, &login.path);
        let fail = |p: Problem, d: String| HostError::new(p, place.clone(), d);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| fail(Problem::Other, e.to_string()))?;
        let verdict = Arc::new(Mutex::new(None));
        let handler = HostKeyCheck {
            host: host.clone(),
            port: *port,
            known_hosts: known_hosts_path(),
            verdict: verdict.clone(),
        };
        let config = Arc::new(client::Config {
            inactivity_timeout: Some(Duration::from_secs(120)),
            keepalive_interval: Some(Duration::from_secs(15)),
            nodelay: true,
            ..client::Config::default()
        });
        let (ssh, sftp, posix_rename) = runtime.block_on(async {
            let connecting = client::connect(config, (host.as_str(), *port), handler);
            let mut ssh = match tokio::time::timeout(Duration::from_secs(20), connecting).await {
                Err(_) => {
                    return Err(fail(
                        Problem::Unreachable,
                        "hết thời gian chờ kết nối".into(),
                    ));
                }
                Ok(Err(e)) => {
                    let refused = verdict.lock().ok().and_then(|mut v| v.take());
                    return Err(match refused {
                        Some(p) => fail(p, String::new()),
                        None => fail(ssh_problem(&e), e.to_string()),
                    });
                }
                Ok(Ok(s)) => s,
            };
            authenticate(&mut ssh, user, &place).await?;
            let channel = ssh
                .channel_open_session()
                .await
                .map_err(|e| fail(ssh_problem(&e), e.to_string()))?;
            channel
                .request_subsystem(true, "sftp")
                .await
                .map_err(|e| fail(Problem::Other, format!("không mở được SFTP: {e}")))?;
            let sftp = RawSftpSession::new(channel.into_stream());
            sftp.set_timeout(60);
            let version = sftp
                .init()
                .await
                .map_err(|e| fail(Problem::Other, format!("không mở được SFTP: {e}")))?;
            let posix_rename = version
                .extensions
                .get(POSIX_RENAME)
                .is_some_and(|v| v == "1");
            Ok((ssh, sftp, posix_rename))
        })?;
        let me = Sftp {
            runtime,
            _ssh: ssh,
            sftp,
            base: path.clone(),
            place,
            posix_rename,
            made_dirs: RefCell::new(BTreeSet::new()),
        };
        me.check_base()?;
        Ok(me)
    }

    /// The folder named in the URL must exist: creating `/var/ww` after a typo helps nobody.
    fn check_base(&self) -> Result<(), HostError> {
        let base = if self.base.is_empty() {
            "."
        } else {
            &self.base
        };
        match self.runtime.block_on(self.sftp.stat(base)) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.fail_at(e, base)),
        }
    }

    fn full(&self, path: &str) -> String {
        super::join(&self.base, path)
    }

    fn fail_at(&self, e: russh_sftp::client::error::Error, path: &str) -> HostError {
        use russh_sftp::client::error::Error as E;
        let problem = match &e {
            E::Status(s) => match s.status_code {
                StatusCode::NoSuchFile => Problem::MissingFolder,
                StatusCode::PermissionDenied => Problem::Permission,
                StatusCode::NoConnection | StatusCode::ConnectionLost => Problem::ConnectionLost,
                // OpenSSH reports ENOSPC and EDQUOT as a plain failure with this text.
                _ if s.error_message.contains("space") || s.error_message.contains("quota") => {
                    Problem::DiskFull
                }
                _ => Problem::Other,
            },
            E::IO(_) | E::Timeout | E::UnexpectedBehavior(_) => Problem::ConnectionLost,
            _ => Problem::Other,
        };
        let place = match problem {
            Problem::MissingFolder => format!("`{path}` ({})", self.place),
            _ => self.place.clone(),
        };
        HostError::new(problem, place, format!("{path}: {e}"))
    }

    async fn write_file(
        &self,
        path: &str,
        data: &[u8],
    ) -> Result<(), russh_sftp::client::error::Error> {
        let attrs = FileAttributes {
            permissions: Some(0o644),
            ..FileAttributes::default()
        };
        let flags = OpenFlags::WRITE | OpenFlags::CREATE | OpenFlags::TRUNCATE;
        let handle = self.sftp.open(path, flags, attrs).await?.handle;
        let mut offset = 0u64;
        for chunk in data.chunks(CHUNK) {
            if let Err(e) = self
                .sftp
                .write(handle.as_str(), offset, chunk.to_vec())
                .await
            {
                let _ = self.sftp.close(handle.as_str()).await;
                return Err(e);
            }
            offset += chunk.len() as u64;
        }
        self.sftp.close(handle).await.map(|_| ())
    }

    async fn rename_over(
        &self,
        from: &str,
        to: &str,
    ) -> Result<(), russh_sftp::client::error::Error> {
        if self.posix_rename {
            let mut data = Vec::with_capacity(8 + from.len() + to.len());
            for s in [from, to] {
                data.extend_from_slice(&(s.len() as u32).to_be_bytes());
                data.extend_from_slice(s.as_bytes());
            }
            return match self.sftp.extended(POSIX_RENAME, data).await? {
                Packet::Status(s) if s.status_code == StatusCode::Ok => Ok(()),
                Packet::Status(s) => Err(s.into()),
                _ => Err(russh_sftp::client::error::Error::UnexpectedPacket),
            };
        }
        // Plain SFTP rename refuses an existing target: a short window without the file.
        let _ = self.sftp.remove(to).await;
        self.sftp.rename(from, to).await.map(|_| ())
    }

    async fn make_parents(&self, path: &str) -> Result<(), HostError> {
        for dir in super::parents(path) {
            if self.made_dirs.borrow().contains(dir) {
                continue;
            }
            let full = self.full(dir);
            let attrs = FileAttributes {
                permissions: Some(0o755),
                ..FileAttributes::default()
            };
            // "Already exists" is a plain failure in SFTP v3: look before complaining.
            if let Err(e) = self.sftp.mkdir(full.as_str(), attrs).await
                && self.sftp.stat(full.as_str()).await.is_err()
            {
                return Err(self.fail_at(e, &full));
            }
            self.made_dirs.borrow_mut().insert(dir.to_string());
        }
        Ok(())
    }
}

async fn authenticate(
    ssh: &mut Handle<HostKeyCheck>,
    user: &str,
    place: &str,
) -> Result<(), HostError> {
    let fail = |p: Problem, d: String| HostError::new(p, place.to_string(), d);
    let lost = |e: russh::Error| fail(ssh_problem(&e), e.to_string());
    if let Some(path) = std::env::var_os("NIEMYET_SSH_KEY").filter(|p| !p.is_empty()) {
        let key = russh::keys::load_secret_key(&path, None).map_err(|e| {
            fail(
                Problem::MissingCredentials(
                    "`NIEMYET_SSH_KEY` là đường dẫn tới một tệp khóa riêng đọc được và không đặt mật khẩu (khóa có mật khẩu: nạp vào SSH agent)",
                ),
                e.to_string(),
            )
        })?;
        let hash = ssh.best_supported_rsa_hash().await.map_err(lost)?.flatten();
        let result = ssh
            .authenticate_publickey(user, PrivateKeyWithHashAlg::new(Arc::new(key), hash))
            .await
            .map_err(lost)?;
        return if result.success() {
            Ok(())
        } else {
            Err(fail(
                Problem::Credentials,
                format!("khóa trong NIEMYET_SSH_KEY không được chấp nhận cho người dùng `{user}`"),
            ))
        };
    }
    agent_login(ssh, user, place).await
}

#[cfg(unix)]
async fn agent_login(
    ssh: &mut Handle<HostKeyCheck>,
    user: &str,
    place: &str,
) -> Result<(), HostError> {
    let fail = |p: Problem, d: String| HostError::new(p, place.to_string(), d);
    let no_key = || {
        fail(
            Problem::MissingCredentials(
                "biến môi trường `NIEMYET_SSH_KEY` (đường dẫn tệp khóa riêng) hoặc nạp khóa vào SSH agent (`ssh-add`)",
            ),
            String::new(),
        )
    };
    let mut agent = russh::keys::agent::client::AgentClient::connect_env()
        .await
        .map_err(|_| no_key())?;
    let identities = agent.request_identities().await.map_err(|_| no_key())?;
    if identities.is_empty() {
        return Err(no_key());
    }
    let hash = ssh
        .best_supported_rsa_hash()
        .await
        .map_err(|e| fail(ssh_problem(&e), e.to_string()))?
        .flatten();
    for id in identities {
        let key = id.public_key().into_owned();
        if let Ok(r) = ssh
            .authenticate_publickey_with(user, key, hash, &mut agent)
            .await
            && r.success()
        {
            return Ok(());
        }
    }
    Err(fail(
        Problem::Credentials,
        format!("không khóa nào trong SSH agent được chấp nhận cho người dùng `{user}`"),
    ))
}

#[cfg(not(unix))]
async fn agent_login(
    _ssh: &mut Handle<HostKeyCheck>,
    _user: &str,
    place: &str,
) -> Result<(), HostError> {
    Err(HostError::new(
        Problem::MissingCredentials(
            "biến môi trường `NIEMYET_SSH_KEY` (đường dẫn tệp khóa riêng, ví dụ `C:\\Users\\TEN\\.ssh\\id_ed25519`)",
        ),
        place.to_string(),
        String::new(),
    ))
}

fn ssh_problem(e: &russh::Error) -> Problem {
    match e {
        russh::Error::IO(io) => super::error::io_problem(io),
        russh::Error::ConnectionTimeout => Problem::Unreachable,
        russh::Error::Disconnect
        | russh::Error::HUP
        | russh::Error::SendError
        | russh::Error::KeepaliveTimeout
        | russh::Error::InactivityTimeout => Problem::ConnectionLost,
        _ => Problem::Other,
    }
}

impl Hosting for Sftp {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, HostError> {
        let full = self.full(path);
        let got = self.runtime.block_on(async {
            let handle = match self
                .sftp
                .open(full.as_str(), OpenFlags::READ, FileAttributes::default())
                .await
            {
                Ok(h) => h.handle,
                Err(russh_sftp::client::error::Error::Status(s))
                    if s.status_code == StatusCode::NoSuchFile =>
                {
                    return Ok(None);
                }
                Err(e) => return Err(e),
            };
            let mut out = Vec::new();
            loop {
                match self
                    .sftp
                    .read(handle.as_str(), out.len() as u64, CHUNK as u32)
                    .await
                {
                    Ok(d) if d.data.is_empty() => break,
                    Ok(d) => out.extend_from_slice(&d.data),
                    Err(russh_sftp::client::error::Error::Status(s))
                        if s.status_code == StatusCode::Eof =>
                    {
                        break;
                    }
                    Err(e) => return Err(e),
                }
                if out.len() > super::MAX_MANIFEST {
                    break;
                }
            }
            let _ = self.sftp.close(handle).await;
            Ok(Some(out))
        });
        got.map_err(|e| self.fail_at(e, &full))
    }

    fn list(&mut self) -> Result<Option<BTreeMap<String, String>>, HostError> {
        Ok(None)
    }

    fn put(&mut self, path: &str, data: &[u8]) -> Result<Option<String>, HostError> {
        let full = self.full(path);
        let temp = self.full(&super::temp_name(path));
        self.runtime.block_on(async {
            self.make_parents(path).await?;
            self.write_file(&temp, data)
                .await
                .map_err(|e| self.fail_at(e, &temp))?;
            self.rename_over(&temp, &full)
                .await
                .map_err(|e| self.fail_at(e, &full))
        })?;
        Ok(None)
    }

    fn delete(&mut self, path: &str) -> Result<(), HostError> {
        let full = self.full(path);
        match self.runtime.block_on(self.sftp.remove(full.as_str())) {
            Ok(_) => Ok(()),
            Err(russh_sftp::client::error::Error::Status(s))
                if s.status_code == StatusCode::NoSuchFile =>
            {
                Ok(())
            }
            Err(e) => Err(self.fail_at(e, &full)),
        }
    }
}
