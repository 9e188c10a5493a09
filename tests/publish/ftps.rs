//! FTPS against vsftpd with TLS required for login and data, and its default
//! `require_ssl_reuse=YES`: every data connection must resume the control connection's TLS
//! session, which is what most shared hosts demand.

use super::servers::{self, FTP_PASSWORD, FTP_USER};
use super::{MANIFEST, assert_same_site, edit_decision, project, publish, sent};
use crate::common::Project;

/// vsftpd in `tmp`, the test project published to its `public_html`, and the path of the
/// server's self-signed certificate (for `NIEMYET_FTPS_CA`).
fn start(tmp: &tempfile::TempDir) -> Option<(servers::Vsftpd, Project, String)> {
    let ftp = servers::vsftpd(tmp.path())?;
    let p = project(&format!(
        "ftps://{FTP_USER}@127.0.0.1:{}/public_html",
        ftp.server.port
    ));
    let cert = ftp.cert.display().to_string();
    Some((ftp, p, cert))
}

#[test]
fn ftps_publishes_over_tls_with_session_reuse_and_only_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((ftp, p, cert)) = start(&tmp) else {
        return;
    };
    let env = [
        ("NIEMYET_FTP_PASSWORD", FTP_PASSWORD),
        ("NIEMYET_FTPS_CA", cert.as_str()),
    ];
    let first = publish(&p, &env, &[]);
    let log = || std::fs::read_to_string(&ftp.log).unwrap_or_default();
    assert_eq!(
        first.code,
        0,
        "{}\n{}\nvsftpd:\n{}",
        first.stdout,
        first.stderr,
        log()
    );
    let hosted = ftp.root.join("public_html");
    assert_same_site(&p, &hosted);
    let total = super::built(&p).len();
    assert_eq!(sent(&first), total);
    assert_safe_order(&last_run(&log()), true);
    let again = publish(&p, &env, &[]);
    again.ok();
    assert_eq!(sent(&again), 0, "{}", again.stdout);

    edit_decision(&p);
    p.remove("content/xa-binh-minh/van-ban/2025/ke-hoach-02.md");
    let edited = publish(&p, &env, &[]);
    edited.ok();
    assert_safe_order(&last_run(&log()), false);
    assert!(sent(&edited) < total / 2, "{}", edited.stdout);
    assert_same_site(&p, &hosted);
}

#[test]
fn ftps_wrong_password_exits_3_with_what_to_check() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((_ftp, p, cert)) = start(&tmp) else {
        return;
    };
    let run = publish(
        &p,
        &[
            ("NIEMYET_FTP_PASSWORD", "sai-mat-khau"),
            ("NIEMYET_FTPS_CA", cert.as_str()),
        ],
        &[],
    );
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("từ chối đăng nhập"), "{}", run.stderr);
    assert!(run.stderr.contains("mật khẩu"), "{}", run.stderr);
    // An untrusted certificate is a TLS problem, with the variable that fixes it.
    let run = publish(&p, &[("NIEMYET_FTP_PASSWORD", FTP_PASSWORD)], &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("NIEMYET_FTPS_CA"), "{}", run.stderr);
}

/// The renames (`RNTO`) and deletions (`DELE`) of the last connection, in the order vsftpd
/// logged them.
fn last_run(log: &str) -> Vec<(&'static str, String)> {
    let start = log.rfind("CONNECT: Client").unwrap_or(0);
    log[start..]
        .lines()
        .filter_map(|l| {
            let cmd = l.split_once("FTP command: Client \"127.0.0.1\", \"")?.1;
            let cmd = cmd.trim_end_matches('"');
            if let Some(n) = cmd.strip_prefix("RNTO ") {
                Some(("rename", n.to_string()))
            } else {
                cmd.strip_prefix("DELE ").map(|n| ("remove", n.to_string()))
            }
        })
        .filter(|(k, n)| *k == "rename" || !n.ends_with(".niemyet-tam"))
        .collect()
}

/// The safe order (SPEC §11): attachments and assets, then data, then pages, the home page
/// last of the uploads; deletions after every upload; the manifest last of all.
#[track_caller]
fn assert_safe_order(events: &[(&'static str, String)], first_publish: bool) {
    let renames: Vec<&str> = events
        .iter()
        .filter(|(k, _)| *k == "rename")
        .map(|(_, n)| n.as_str())
        .collect();
    let first_page = renames.iter().position(|n| n.ends_with(".html"));
    let last_of = |pred: &dyn Fn(&str) -> bool| renames.iter().rposition(|n| pred(n));
    if first_publish {
        let assets = last_of(&|n| n.starts_with("static/") || n.starts_with("tep/"));
        let data = last_of(&|n| {
            n == "feed.xml" || n == "sitemap.xml" || n.ends_with(".json") && n != MANIFEST
        });
        assert!(
            assets < data && data < first_page,
            "assets, data, then pages: {renames:?}"
        );
    }
    let n = renames.len();
    assert!(n >= 2, "{events:?}");
    assert_eq!(
        renames[n - 2..],
        ["index.html", MANIFEST],
        "home page, then manifest: {renames:?}"
    );
    let first_delete = events.iter().position(|(k, _)| *k == "remove");
    if let Some(d) = first_delete {
        assert!(
            events[d..]
                .iter()
                .all(|(k, n)| *k == "remove" || n == MANIFEST),
            "deletions only after every upload: {events:?}"
        );
    }
    assert_eq!(events.last().map(|(_, n)| n.as_str()), Some(MANIFEST));
}
