//! What `publish` refuses before it connects anywhere: secrets in the project, placeholders,
//! sites without a hosting. None of these needs a server: a connection attempt would exit 3,
//! these exit 1 or 2.

use super::{SITE, project, publish};
use crate::common::Project;

/// Nothing listens on port 1: a run that tried to connect would fail with exit 3, not 1 or 2.
const NOWHERE: &str = "s3://trang-binh-minh/?endpoint=http://127.0.0.1:1&region=hn";

#[test]
fn a_password_in_the_url_is_a_content_error_naming_the_variable() {
    let p = project("ftps://nguoi-dung:matkhau123@127.0.0.1/public_html");
    let run = publish(&p, &[], &[]);
    run.error_at("niemyet.yaml:3:17", "xuat-ban")
        .says("Không được ghi mật khẩu")
        .says("NIEMYET_FTP_PASSWORD");
    assert!(!p.path("public").exists(), "nothing may be built or sent");
    // `check` refuses it too: the password must not stay in the project.
    p.check().error_at("niemyet.yaml:3:17", "xuat-ban");
}

#[test]
fn a_secret_looking_key_in_settings_is_refused_once() {
    let p = project(NOWHERE);
    p.write(
        "niemyet.yaml",
        &format!("xuat_ban:\n  {SITE}: {NOWHERE}\naws_secret_access_key: abc\n"),
    );
    let run = publish(&p, &[], &[]);
    run.error_at("niemyet.yaml:3:1", "bi-mat")
        .says("AWS_SECRET_ACCESS_KEY");
    assert!(
        !run.stderr.contains("khoa-la"),
        "the secret is reported once, not also as an unknown key:\n{}",
        run.stderr
    );
}

#[test]
fn an_example_address_is_never_published() {
    let p = project(NOWHERE);
    p.write("content/xa-binh-minh/_site.yaml", crate::common::SITE);
    publish(&p, &[], &[])
        .error_at("content/xa-binh-minh/_site.yaml:6:11", "gia-tri-mau")
        .says("Không đăng gì");
}

#[test]
fn a_bad_target_url_is_located_with_a_hint() {
    let p = project("ftp://nguoi-dung@127.0.0.1/public_html");
    publish(&p, &[], &[])
        .error_at("niemyet.yaml:3:17", "xuat-ban")
        .says("ftps://nguoi-dung@127.0.0.1/public_html");
    set_http(&p);
    publish(&p, &[], &[])
        .error_at("niemyet.yaml:3:17", "xuat-ban")
        .says("127.0.0.1");
}

fn set_http(p: &Project) {
    super::set_target(p, "s3://trang/?endpoint=http://s3.nha-cung-cap.vn");
}

#[test]
fn sites_without_a_hosting_are_usage_errors() {
    let p = project(NOWHERE);
    p.write("niemyet.yaml", "giao_dien: default\n");
    let run = publish(&p, &[], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("xuat_ban"), "{}", run.stderr);
    let p = project(NOWHERE);
    p.write("content/xa-khac/_site.yaml", crate::common::SITE);
    let run = publish(&p, &[], &["--site", "xa-khac"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("`xa-khac` chưa có nơi đăng trang"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_keys_exit_3_and_name_the_variables() {
    let p = project(NOWHERE);
    let run = publish(&p, &[], &[]);
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("AWS_ACCESS_KEY_ID"), "{}", run.stderr);
    // The build ran first, into ROOT/public.
    assert!(p.path("public/xa-binh-minh/index.html").is_file());
}

#[test]
fn an_unreachable_host_exits_3_with_what_to_check() {
    let p = project(NOWHERE);
    let run = publish(
        &p,
        &[
            ("AWS_ACCESS_KEY_ID", "khoa"),
            ("AWS_SECRET_ACCESS_KEY", "bi-mat"),
        ],
        &[],
    );
    assert_eq!(run.code, 3, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("Không kết nối được"), "{}", run.stderr);
    assert!(run.stderr.contains("chạy lại"), "{}", run.stderr);
}

#[test]
fn a_published_document_with_a_sample_name_is_refused_but_a_draft_is_not() {
    let p = project(NOWHERE);
    let doc = "content/xa-binh-minh/van-ban/2025/quyet-dinh-15.md";
    let decision = crate::common::DECISION.replace("Nguyễn Văn Hùng", "...");
    p.write(doc, &decision);
    publish(&p, &[], &[])
        .error_at(&format!("{doc}:7:11"), "gia-tri-mau")
        .says("Không đăng trang với giá trị mẫu");
    // The same sample in a draft is never published: a warning, and the run goes on to connect.
    p.write(doc, crate::common::DECISION);
    let draft = "content/xa-binh-minh/van-ban/2025/du-thao.md";
    p.write(
        draft,
        "---\nloai: thong-bao\ntrich_yeu: \"Về việc ...\"\nban_nhap: true\n---\n\nDự thảo.\n",
    );
    let run = publish(&p, &[], &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    run.warning_at(&format!("{draft}:3:12"), "gia-tri-mau")
        .says("Văn bản này là bản nháp");
}
