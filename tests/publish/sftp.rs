//! SFTP against a second sshd: the hosted folder equals the build (no temporary file left), the
//! host key is checked, a wrong key exits 3, and a cut connection leaves the old site while a
//! rerun completes it. (The order of operations is checked on FTPS, whose server logs each one.)

use super::servers::{self, Sshd};
use super::{assert_same_site, edit_decision, project, publish, sent, set_target};
use crate::common::Project;

fn url(ssh: &Sshd, port: u16) -> String {
    format!(
        "sftp://{}@127.0.0.1:{port}{}/www",
        ssh.user,
        ssh.dir.display()
    )
}

fn start(tmp: &tempfile::TempDir) -> Option<(Sshd, Project)> {
    let ssh = servers::sshd(&tmp.path().join("sshd"))?;
    std::fs::create_dir_all(ssh.dir.join("www")).unwrap();
    let p = project(&url(&ssh, ssh.server.port));
    Some((ssh, p))
}

fn env(ssh: &Sshd) -> Vec<(&'static str, String)> {
    vec![
        ("NIEMYET_SSH_KEY", ssh.key.display().to_string()),
        ("NIEMYET_KNOWN_HOSTS", ssh.known_hosts.display().to_string()),
    ]
}

fn run(p: &Project, env: &[(&'static str, String)], args: &[&str]) -> crate::common::Run {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    publish(p, &env, args)
}

#[test]
fn sftp_publishes_the_built_site_and_then_only_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((ssh, p)) = start(&tmp) else { return };
    let env = env(&ssh);
    let first = run(&p, &env, &[]);
    first.ok();
    assert_same_site(&p, &ssh.dir.join("www"));
    assert_eq!(sent(&first), super::built(&p).len());

    let again = run(&p, &env, &[]);
    again.ok();
    assert_eq!(sent(&again), 0, "{}", again.stdout);

    edit_decision(&p);
    p.remove("content/xa-binh-minh/van-ban/2025/ke-hoach-02.md");
    let edited = run(&p, &env, &[]);
    edited.ok();
    assert!(
        sent(&edited) < super::built(&p).len() / 2,
        "{}",
        edited.stdout
    );
    assert!(!ssh.dir.join("www/van-ban/ke-hoach-02/index.html").exists());
    assert!(!ssh.dir.join("www/tep/2025/phu-luc.pdf").exists());
    assert_same_site(&p, &ssh.dir.join("www"));
}

#[test]
fn sftp_refuses_an_unknown_host_with_its_fingerprint_and_a_wrong_key() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((ssh, p)) = start(&tmp) else { return };
    let empty = tmp.path().join("known_hosts_empty");
    std::fs::write(&empty, "").unwrap();
    let unknown = run(
        &p,
        &[
            ("NIEMYET_SSH_KEY", ssh.key.display().to_string()),
            ("NIEMYET_KNOWN_HOSTS", empty.display().to_string()),
        ],
        &[],
    );
    assert_eq!(unknown.code, 3, "{}", unknown.stderr);
    let fingerprint = String::from_utf8(
        std::process::Command::new("ssh-keygen")
            .arg("-lf")
            .arg(ssh.dir.join("host_key.pub"))
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let fingerprint = fingerprint.split_whitespace().nth(1).unwrap().to_string();
    assert!(
        unknown.stderr.contains(&fingerprint),
        "{fingerprint} in\n{}",
        unknown.stderr
    );
    assert!(unknown.stderr.contains("ssh-keyscan"), "{}", unknown.stderr);

    let other = tmp.path().join("other_key");
    std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&other)
        .status()
        .unwrap();
    let wrong = run(
        &p,
        &[
            ("NIEMYET_SSH_KEY", other.display().to_string()),
            ("NIEMYET_KNOWN_HOSTS", ssh.known_hosts.display().to_string()),
        ],
        &[],
    );
    assert_eq!(wrong.code, 3, "{}", wrong.stderr);
    assert!(
        wrong.stderr.contains("từ chối đăng nhập"),
        "{}",
        wrong.stderr
    );
    assert!(
        std::fs::read_dir(ssh.dir.join("www"))
            .unwrap()
            .next()
            .is_none(),
        "nothing written"
    );
}

#[test]
fn sftp_cut_midway_keeps_old_pages_and_a_rerun_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((ssh, p)) = start(&tmp) else { return };
    let env = env(&ssh);
    run(&p, &env, &[]).ok();
    let www = ssh.dir.join("www");
    let old_home = std::fs::read(www.join("index.html")).unwrap();
    edit_decision(&p);
    let proxy = servers::proxy(ssh.server.port, 30_000);
    // The proxy is the same host on another port: known_hosts must say so.
    let host_line = std::fs::read_to_string(&ssh.known_hosts).unwrap();
    let proxied = host_line.replace(
        &format!(":{}]", ssh.server.port),
        &format!(":{}]", proxy.port),
    );
    std::fs::write(&ssh.known_hosts, format!("{host_line}{proxied}")).unwrap();
    set_target(&p, &url(&ssh, proxy.port));
    let cut = run(&p, &env, &[]);
    assert_eq!(cut.code, 3, "{}\n{}", cut.stdout, cut.stderr);
    drop(proxy);
    assert!(
        std::fs::read(www.join("index.html")).unwrap() == old_home,
        "home replaced early"
    );
    set_target(&p, &url(&ssh, ssh.server.port));
    run(&p, &env, &[]).ok();
    assert_same_site(&p, &www);
}
