//! The command line in Vietnamese (SPEC §1): help screens and usage errors.
//!
//! clap writes its own words ("Usage:", "Options:", "error: unexpected argument") in English and
//! has no translation catalogue, so this module gives every command a Vietnamese help template
//! and help/version flags, and turns clap's errors, by kind and context, into Vietnamese sentences
//! with the fix. It only shapes text: which flags exist stays in `cli/mod.rs`.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// A help screen: what the command does, how to call it, its commands and options.
const TEMPLATE: &str = "\
{before-help}{about-with-newline}
Cách dùng: {usage}

{all-args}{after-help}";

/// The command line of `niemyet`, every help screen in Vietnamese.
pub fn command(cmd: Command) -> Command {
    translate(cmd, true)
}

/// clap's own words inside a rendered help or usage, in Vietnamese.
pub fn words(text: &str) -> String {
    let mut out = text
        .replace("[OPTIONS]", "[TÙY_CHỌN]")
        .replace("<COMMAND>", "<LỆNH>")
        .replace("[COMMAND]", "[LỆNH]")
        .replace("[default: ", "[mặc định: ")
        .replace("[possible values: ", "[chọn một: ");
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn translate(cmd: Command, top: bool) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .mut_args(|a| {
            if a.get_help_heading().is_some() {
                a
            } else if a.is_positional() {
                a.help_heading("Tham số")
            } else {
                a.help_heading("Tùy chọn")
            }
        })
        .arg(
            Arg::new("tro-giup")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In hướng dẫn này")
                .help_heading("Tùy chọn"),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("phien-ban")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In số phiên bản")
                .help_heading("Tùy chọn"),
        );
    }
    cmd.mut_subcommands(|sc| translate(sc, false))
}

/// A usage error said in Vietnamese, with what to do about it (exit status 2 is the caller's).
pub fn error(e: &clap::Error) -> String {
    let get = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(v)) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut msg = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh `{}`.",
            get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::UnknownArgument => format!("không có tùy chọn `{arg}` cho lệnh này."),
        ErrorKind::InvalidValue => match get(ContextKind::ValidValue) {
            Some(valid) => {
                format!("giá trị `{value}` không dùng được cho `{arg}`; chỉ nhận: {valid}.")
            }
            None => format!("`{arg}` cần một giá trị."),
        },
        ErrorKind::ValueValidation => {
            format!("giá trị `{value}` không dùng được cho `{arg}`.")
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu {arg}."),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "chưa nói lệnh nào: build, check, serve, new, posters, init, import, ...".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "`{arg}` không dùng cùng `{}`.",
            get(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("số giá trị cho `{arg}` không đúng.")
        }
        ErrorKind::NoEquals => format!("viết `{arg}=GIÁ_TRỊ`."),
        _ => "dòng lệnh không đúng.".to_string(),
    };
    if let Some(s) = get(ContextKind::SuggestedSubcommand).or(get(ContextKind::SuggestedArg)) {
        msg.push_str(&format!(" Có phải ý bạn là `{s}`?"));
    }
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = words(usage.trim_start_matches("Usage:").trim());
        msg.push_str(&format!("\n\nCách dùng: {}", usage.trim_end()));
    }
    msg.push_str("\n\nXem hướng dẫn: `niemyet --help`, hoặc `niemyet LỆNH --help`.");
    msg
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn help(args: &[&str]) -> String {
        let cmd = command(crate::cli::Cli::command());
        match cmd.try_get_matches_from(args) {
            Err(e) if e.kind() == ErrorKind::DisplayHelp => words(&e.render().to_string()),
            other => panic!("expected help, got {other:?}"),
        }
    }

    fn usage_error(args: &[&str]) -> String {
        let cmd = command(crate::cli::Cli::command());
        error(&cmd.try_get_matches_from(args).expect_err("a usage error"))
    }

    #[test]
    fn help_screens_have_no_english_left() {
        let top = help(&["niemyet", "--help"]);
        let build = help(&["niemyet", "build", "--help"]);
        for text in [&top, &build] {
            for english in [
                "Usage:",
                "Options:",
                "Commands:",
                "Arguments:",
                "Print help",
                "[OPTIONS]",
                "<COMMAND>",
                "default:",
            ] {
                assert!(!text.contains(english), "`{english}` in:\n{text}");
            }
            assert!(text.contains("Cách dùng: niemyet"), "{text}");
            assert!(text.contains("In hướng dẫn này"), "{text}");
        }
        assert!(
            top.contains("Lệnh:") && top.contains("In số phiên bản"),
            "{top}"
        );
        assert!(build.contains("Tùy chọn:"), "{build}");
    }

    #[test]
    fn every_option_of_every_command_is_described() {
        let cmd = command(crate::cli::Cli::command());
        for sc in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            assert!(
                sc.get_about().is_some(),
                "`{}` has no description",
                sc.get_name()
            );
            for a in sc.get_arguments() {
                assert!(
                    a.get_help().is_some(),
                    "`{} {}` has no description",
                    sc.get_name(),
                    a.get_id()
                );
            }
        }
    }

    #[test]
    fn usage_errors_are_vietnamese_with_the_fix() {
        let e = usage_error(&["niemyet", "buidl"]);
        assert!(
            e.starts_with("không có lệnh `buidl`. Có phải ý bạn là `build`?"),
            "{e}"
        );
        let e = usage_error(&["niemyet", "build", "--sitee", "x"]);
        assert!(
            e.contains("không có tùy chọn `--sitee`") && e.contains("`--site`"),
            "{e}"
        );
        assert!(e.contains("Cách dùng: niemyet build"), "{e}");
        let e = usage_error(&["niemyet", "posters", "--kho", "a5"]);
        assert!(e.contains("`a5`") && e.contains("a4, a3"), "{e}");
        for e in [e, usage_error(&["niemyet"])] {
            assert!(!e.contains("error:") && !e.contains("tip:"), "{e}");
        }
    }
}
