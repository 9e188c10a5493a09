//! `niemyet giai-thich CODE` and `niemyet check --explain CODE`: the long explanation of a
//! diagnostic code, with a wrong and a right example, like `rustc --explain`.
//!
//! It reads only the registry in `diag`; it never looks at a project, so it works anywhere.

use super::Outcome;
use crate::diag::{Code, CodeInfo};

pub fn run(code: Option<&str>) -> Outcome {
    let Some(name) = code else {
        print!("{}", list());
        return Outcome::Ok;
    };
    // `lỗi[so-hieu]` copied whole from a message is understood too.
    let bare = name
        .trim()
        .trim_start_matches("lỗi")
        .trim_start_matches("cảnh báo")
        .trim_matches(['[', ']', ' ']);
    match Code::parse(bare) {
        Some(c) => {
            print!("{}", explanation(&c.info()));
            Outcome::Ok
        }
        None => {
            let names: Vec<&'static str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            let hint = crate::text::suggest::did_you_mean(bare, &names)
                .map(|s| format!(" {s}"))
                .unwrap_or_default();
            Outcome::Usage(format!(
                "không có mã lỗi `{bare}`.{hint} Chạy `niemyet giai-thich` để xem danh sách mã."
            ))
        }
    }
}

/// The text `giai-thich` prints for one code.
pub fn explanation(info: &CodeInfo) -> String {
    let indent = |text: &str| {
        text.lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    };
    format!(
        "{code}: {title}\n\n{explanation}\n\nVí dụ sai:\n\n{wrong}\nVí dụ đúng:\n\n{right}",
        code = info.code,
        title = info.title,
        explanation = info.explanation,
        wrong = indent(info.wrong),
        right = indent(info.right),
    )
}

fn list() -> String {
    let mut out =
        String::from("Các mã lỗi của niemyet (xem chi tiết: `niemyet giai-thich MÃ`):\n\n");
    for c in Code::ALL {
        out.push_str(&format!("  {:<20} {}\n", c.as_str(), c.info().title));
    }
    out
}
