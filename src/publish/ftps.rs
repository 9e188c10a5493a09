//! Shared hosting over FTP with explicit TLS (`AUTH TLS`), through suppaftp on rustls.
//!
//! Plain FTP is never used: the password (`NIEMYET_FTP_PASSWORD`) would cross the network in
//! clear. The server's certificate is checked against the web's root certificates, plus the one
//! in `NIEMYET_FTPS_CA` for a host with a self-signed certificate. rustls resumes the control
//! connection's TLS session on each data connection, which vsftpd requires by default. Each file
//! is stored under a temporary name and renamed over the old one (RNFR/RNTO).

use super::Hosting;
use super::error::{HostError, Problem};
use super::target::Login;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;
use suppaftp::rustls::{self, ClientConfig, RootCertStore};
use suppaftp::{FtpError, RustlsConnector, RustlsFtpStream, Status};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(20);
const IO_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Ftps {
    ftp: RustlsFtpStream,
    place: String,
    made_dirs: BTreeSet<String>,
}

impl Ftps {
    pub fn connect(login: &Login) -> Result<Ftps, HostError> {
        let place = login.place("máy chủ FTP");
        let (user, host, path) = (&login.user, &login.host, &login.path);
        let fail = |p: Problem, d: String| HostError::new(p, place.clone(), d);
        let password = std::env::var("NIEMYET_FTP_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| {
                fail(
                    Problem::MissingCredentials("biến môi trường `NIEMYET_FTP_PASSWORD`"),
                    String::new(),
                )
            })?;
        let tls = tls_config().map_err(|d| fail(Problem::Tls, d))?;
        let addr = (host.as_str(), login.port)
            .to_socket_addrs()
            .map_err(|e| fail(Problem::Unreachable, e.to_string()))?
            .next()
            .ok_or_else(|| fail(Problem::Unreachable, "không tìm thấy địa chỉ".into()))?;
        let ftp = RustlsFtpStream::connect_timeout(addr, CONNECT_TIMEOUT)
            .map_err(|e| fail(ftp_problem(&e), e.to_string()))?;
        set_timeouts(&ftp.get_ref());
        let mut ftp = ftp
            .passive_stream_builder(data_connection)
            .into_secure(RustlsConnector::from(Arc::new(tls)), host)
            .map_err(|e| fail(tls_problem(&e), e.to_string()))?;
        // Behind NAT a shared host often announces a private address for passive mode.
        ftp.set_passive_nat_workaround(true);
        ftp.login(user.as_str(), password.as_str()).map_err(|e| {
            let p = match ftp_problem(&e) {
                Problem::Other => Problem::Credentials,
                other => other,
            };
            fail(p, e.to_string())
        })?;
        ftp.transfer_type(suppaftp::types::FileType::Binary)
            .map_err(|e| fail(ftp_problem(&e), e.to_string()))?;
        if !path.is_empty() {
            ftp.cwd(path.as_str()).map_err(|e| {
                HostError::new(
                    Problem::MissingFolder,
                    format!("`{path}` ({place})"),
                    e.to_string(),
                )
            })?;
        }
        Ok(Ftps {
            ftp,
            place,
            made_dirs: BTreeSet::new(),
        })
    }

    fn fail(&self, e: &FtpError, path: &str) -> HostError {
        HostError::new(ftp_problem(e), self.place.clone(), format!("{path}: {e}"))
    }

    fn make_parents(&mut self, path: &str) -> Result<(), HostError> {
        for dir in super::parents(path) {
            if self.made_dirs.contains(dir) {
                continue;
            }
            // An existing folder answers 550 like a refused one; the STOR that follows tells.
            match self.ftp.mkdir(dir) {
                Err(e @ FtpError::ConnectionError(_)) => return Err(self.fail(&e, dir)),
                _ => {
                    self.made_dirs.insert(dir.to_string());
                }
            }
        }
        Ok(())
    }

    fn store(&mut self, name: &str, data: &[u8]) -> Result<(), FtpError> {
        let mut upload = self.ftp.put_with_stream(name)?;
        upload.write_all(data).map_err(FtpError::ConnectionError)?;
        upload.finish()
    }
}

fn set_timeouts(socket: &TcpStream) {
    let _ = socket.set_read_timeout(Some(IO_TIMEOUT));
    let _ = socket.set_write_timeout(Some(IO_TIMEOUT));
}

/// Passive data connections with the same timeouts as the control connection: a dead host
/// ends the run with an error instead of hanging it.
fn data_connection(addr: SocketAddr) -> suppaftp::FtpResult<TcpStream> {
    let s =
        TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT).map_err(FtpError::ConnectionError)?;
    set_timeouts(&s);
    Ok(s)
}

/// rustls with the web's roots (webpki-roots); a certificate in `NIEMYET_FTPS_CA` is trusted
/// as is (pinned), since a host's self-signed certificate is often marked as its own CA, which
/// the web's rules refuse for a server. Session resumption is rustls's default (an in-memory
/// cache): keep it.
fn tls_config() -> Result<ClientConfig, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let roots = RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let web = rustls::client::WebPkiServerVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .map_err(|e| e.to_string())?;
    let mut pinned = Vec::new();
    if let Some(path) = std::env::var_os("NIEMYET_FTPS_CA").filter(|p| !p.is_empty()) {
        let certs = CertificateDer::pem_file_iter(&path)
            .map_err(|e| format!("không đọc được NIEMYET_FTPS_CA: {e}"))?;
        for cert in certs {
            pinned.push(cert.map_err(|e| format!("NIEMYET_FTPS_CA không phải tệp PEM: {e}"))?);
        }
    }
    let verifier = Arc::new(Pinned {
        web,
        pinned,
        algorithms: provider.signature_verification_algorithms,
    });
    // TLS 1.2: its sessions resume any number of times, which `require_ssl_reuse` needs on
    // every data connection. A TLS 1.3 ticket is used once, and an upload (which never reads
    // from its data connection) never receives a new one, so the third upload would fail.
    Ok(ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS12])
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

/// The web's certificate checks, or exactly one of the pinned certificates. The handshake's
/// signature is always checked against the certificate presented.
#[derive(Debug)]
struct Pinned {
    web: Arc<rustls::client::WebPkiServerVerifier>,
    pinned: Vec<rustls::pki_types::CertificateDer<'static>>,
    algorithms: rustls::crypto::WebPkiSupportedAlgorithms,
}

impl rustls::client::danger::ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &rustls::pki_types::CertificateDer<'_>,
        intermediates: &[rustls::pki_types::CertificateDer<'_>],
        server_name: &rustls::pki_types::ServerName<'_>,
        ocsp: &[u8],
        now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        if self
            .pinned
            .iter()
            .any(|p| p.as_ref() == end_entity.as_ref())
        {
            return Ok(rustls::client::danger::ServerCertVerified::assertion());
        }
        self.web
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

fn tls_problem(e: &FtpError) -> Problem {
    match e {
        FtpError::SecureError(_) => Problem::Tls,
        // A server without TLS refuses `AUTH TLS` with a 5xx reply.
        FtpError::UnexpectedResponse(r) if (500..600).contains(&(r.status as u32)) => Problem::Tls,
        other => ftp_problem(other),
    }
}

fn ftp_problem(e: &FtpError) -> Problem {
    match e {
        // rustls reports a refused certificate or handshake as an I/O error carrying its own.
        FtpError::ConnectionError(io)
            if io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some()) =>
        {
            Problem::Tls
        }
        FtpError::ConnectionError(io) => super::error::io_problem(io),
        FtpError::SecureError(_) => Problem::Tls,
        FtpError::UnexpectedResponse(r) => match r.status {
            Status::NotLoggedIn | Status::InvalidCredentials => Problem::Credentials,
            Status::ExceededStorage | Status::RequestedActionNotTaken => Problem::DiskFull,
            Status::FileUnavailable | Status::BadFilename => Problem::Permission,
            Status::NotAvailable | Status::TransferAborted | Status::CannotOpenDataConnection => {
                Problem::ConnectionLost
            }
            _ => Problem::Other,
        },
        _ => Problem::Other,
    }
}

fn is_missing(e: &FtpError) -> bool {
    matches!(e, FtpError::UnexpectedResponse(r) if r.status == Status::FileUnavailable)
}

impl Hosting for Ftps {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, HostError> {
        match self.ftp.retr_as_buffer(path) {
            Ok(c) => Ok(Some(c.into_inner())),
            Err(e) if is_missing(&e) => Ok(None),
            Err(e) => Err(self.fail(&e, path)),
        }
    }

    fn list(&mut self) -> Result<Option<BTreeMap<String, String>>, HostError> {
        Ok(None)
    }

    fn put(&mut self, path: &str, data: &[u8]) -> Result<Option<String>, HostError> {
        self.make_parents(path)?;
        let temp = super::temp_name(path);
        self.store(&temp, data).map_err(|e| self.fail(&e, path))?;
        if let Err(e) = self.ftp.rename(temp.as_str(), path) {
            // Some servers (IIS) refuse to rename over an existing file: delete it, then retry.
            if !is_missing(&e) && !matches!(e, FtpError::UnexpectedResponse(_)) {
                return Err(self.fail(&e, path));
            }
            let _ = self.ftp.rm(path);
            self.ftp
                .rename(temp.as_str(), path)
                .map_err(|e| self.fail(&e, path))?;
        }
        Ok(None)
    }

    fn delete(&mut self, path: &str) -> Result<(), HostError> {
        match self.ftp.rm(path) {
            Ok(()) => Ok(()),
            Err(e) if is_missing(&e) => Ok(()),
            Err(e) => Err(self.fail(&e, path)),
        }
    }
}
