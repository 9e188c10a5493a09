//! ASCII slugs and diacritic-free search text.
//!
//! Every URL of a site is built from a slug (SPEC §6, §9): lowercase ASCII letters, digits and
//! single `-`, with Vietnamese folded (`đ`→`d`, tones dropped). Residents type addresses from
//! posters and share them in chat apps, so a slug must look the same whether the file name was
//! typed in NFC (Windows) or NFD (macOS). Search folds the same way but keeps the text's shape.
//! This module must never produce a character outside `[a-z0-9-]` in a slug, and never decide
//! what to do with an empty slug: that is the caller's error to report.

use unicode_normalization::char::is_combining_mark;

use super::chars::is_invisible;

/// Folds `s` to an ASCII slug: `"Thôn Đông Tâm"` → `thon-dong-tam`, `"290/QĐ-UBND"` →
/// `290-qd-ubnd`. Every run of characters that are not ASCII letters or digits becomes one `-`;
/// the result may be empty (for example for `"---"`).
pub fn slugify(s: &str) -> String {
    // Character by character, as `strip_invisible(s).nfd()` would give them once the combining
    // marks are dropped: canonical reordering only moves marks, so each character folds on its
    // own, and ASCII (most of a heading, every file name) skips the lookups. Every heading of
    // every page is folded here for its anchor; below U+2000 (all of Vietnamese) the fold of
    // each character is looked up, worked out once by `fold_char`.
    let table = fold_table();
    let mut ascii = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_ascii() {
            ascii.push(ch);
        } else if let Some(folded) = table.get(ch as usize) {
            ascii.push_str(folded);
        } else {
            fold_char(ch, &mut ascii);
        }
    }
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for ch in ascii.chars() {
        if ch.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(ch.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// What one character becomes in a slug before the dashes: itself when ASCII, `d` for đ, its
/// letters without their marks, or what `deunicode` says; nothing when invisible or a mark.
fn fold_char(ch: char, ascii: &mut String) {
    if ch.is_ascii() {
        ascii.push(ch);
        return;
    }
    if is_invisible(ch) {
        return;
    }
    unicode_normalization::char::decompose_canonical(ch, |c| {
        if is_combining_mark(c) {
            return;
        }
        match c {
            'đ' | 'Đ' | 'ð' | 'Ð' => ascii.push('d'),
            _ if c.is_ascii() => ascii.push(c),
            // deunicode knows the rest of the world's letters; what it does not know separates.
            _ => ascii.push_str(deunicode::deunicode_char(c).unwrap_or(" ")),
        }
    });
}

/// [`fold_char`] of every character below U+2000.
fn fold_table() -> &'static [Box<str>] {
    static TABLE: std::sync::OnceLock<Vec<Box<str>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x2000u32)
            .map(|u| {
                let mut folded = String::new();
                if let Some(ch) = char::from_u32(u) {
                    fold_char(ch, &mut folded);
                }
                folded.into_boxed_str()
            })
            .collect()
    })
}

/// A heading or label folded for comparison: case, diacritics, spaces and punctuation dropped,
/// so `Họ và tên`, `HỌ VÀ TÊN` and `ho_va_ten` are one word (`hovaten`).
pub fn fold_label(s: &str) -> String {
    slugify(s).replace('-', "")
}

/// True when `s` is already a slug: not empty, only `[a-z0-9-]`, no `-` at either end and no `--`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// The published path of an attachment (SPEC §6): each folder and the file's stem folded like a
/// slug, the extension in lowercase ASCII, so that `tep/2024/Phụ lục 1.PDF` is published as
/// `tep/2024/phu-luc-1.pdf` on any disk and any host. A part that folds to nothing becomes `tep`.
pub fn attachment_path(rel: &str) -> String {
    let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    let last = parts.len().saturating_sub(1);
    let fold = |s: &str| match slugify(s) {
        f if f.is_empty() => "tep".to_string(),
        f => f,
    };
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| match part.rsplit_once('.') {
            Some((stem, ext)) if i == last && !stem.is_empty() => {
                let ext = slugify(ext).replace('-', "");
                if ext.is_empty() {
                    fold(stem)
                } else {
                    format!("{}.{ext}", fold(stem))
                }
            }
            _ => fold(part),
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn vietnamese_titles_fold_to_ascii() {
        assert_eq!(slugify("Thôn Đông Tâm"), "thon-dong-tam");
        assert_eq!(slugify("290/QĐ-UBND"), "290-qd-ubnd");
        assert_eq!(slugify("V/v hướng dẫn"), "v-v-huong-dan");
        assert_eq!(
            slugify("Quyết định thành lập Tổ công tác Đề án 06"),
            "quyet-dinh-thanh-lap-to-cong-tac-de-an-06"
        );
        assert_eq!(slugify("ĐĂNG KÝ TẠM TRÚ"), "dang-ky-tam-tru");
        assert_eq!(slugify("Ươm ưỡn ợ"), "uom-uon-o");
    }

    /// The definition `slugify` keeps: the whole text stripped of invisible characters, then
    /// NFD, combining marks dropped, then folded.
    fn slug_by_definition(s: &str) -> String {
        let folded: String = crate::text::chars::strip_invisible(s)
            .nfd()
            .filter(|&ch| !is_combining_mark(ch))
            .map(|ch| match ch {
                'đ' | 'Đ' | 'ð' | 'Ð' => "d".to_string(),
                _ if ch.is_ascii() => ch.to_string(),
                _ => deunicode::deunicode_char(ch).unwrap_or(" ").to_string(),
            })
            .collect();
        let words: Vec<String> = folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_lowercase())
            .collect();
        words.join("-")
    }

    #[test]
    fn folding_character_by_character_is_the_definition_for_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("a{c}\u{0301}b{c}");
            assert_eq!(slugify(&s), slug_by_definition(&s), "U+{:04X}", c as u32);
        }
        for s in [
            "Thôn\u{200B}Đông",
            "e\u{0323}\u{0302}",
            "\u{1E0C}\u{0307}",
            "ﬁ Ǆ Å",
        ] {
            assert_eq!(slugify(s), slug_by_definition(s), "{s:?}");
        }
    }

    #[test]
    fn nfc_and_nfd_give_the_same_slug() {
        let nfc: String = "Khu dân cư Trường Sơn".nfc().collect();
        let nfd: String = "Khu dân cư Trường Sơn".nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(slugify(&nfc), "khu-dan-cu-truong-son");
        assert_eq!(slugify(&nfd), "khu-dan-cu-truong-son");
    }

    #[test]
    fn punctuation_runs_collapse_and_ends_are_trimmed() {
        assert_eq!(
            slugify("  --Kế hoạch!!  số 02 -- (2022)  "),
            "ke-hoach-so-02-2022"
        );
        assert_eq!(slugify("a_b.c,d"), "a-b-c-d");
        assert_eq!(slugify("Thôn\u{200B}Đông"), "thondong");
        assert_eq!(slugify("Icelandic Ðông"), "icelandic-dong");
    }

    #[test]
    fn labels_fold_case_diacritics_and_spaces() {
        assert_eq!(fold_label("Họ và tên"), "hovaten");
        assert_eq!(fold_label(" HỌ  VÀ TÊN "), "hovaten");
        assert_eq!(fold_label("ho_ten"), fold_label("Họ tên"));
        assert_eq!(fold_label("SĐT"), "sdt");
    }

    #[test]
    fn empty_result_is_possible() {
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("---"), "");
        assert_eq!(slugify("\u{200B}\u{FEFF}"), "");
        assert_eq!(slugify("!!! ??? ///"), "");
    }

    #[test]
    fn other_scripts_go_through_deunicode() {
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("Ελλάδα"), "ellada");
    }

    #[test]
    fn is_slug_accepts_only_clean_slugs() {
        for good in ["nam-dong", "a", "290-qd-ubnd", "2022", "q-1"] {
            assert!(is_slug(good), "{good}");
        }
        for bad in [
            "",
            "-nam",
            "nam-",
            "nam--dong",
            "Nam-dong",
            "nam dong",
            "nam_dong",
            "đông",
            "nam/dong",
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn slugify_always_gives_a_slug_or_nothing(s in "\\PC*") {
            let slug = slugify(&s);
            proptest::prop_assert!(slug.is_empty() || is_slug(&slug), "{:?} -> {:?}", s, slug);
            proptest::prop_assert_eq!(slugify(&slug), slug.clone());
        }

        #[test]
        fn slugify_ignores_normalization_form(s in "[a-zA-Z0-9 /àáảãạăắằẳẵặâấầẩẫậđĐèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ-]{0,40}") {
            let nfc: String = s.nfc().collect();
            let nfd: String = s.nfd().collect();
            proptest::prop_assert_eq!(slugify(&nfc), slugify(&nfd));
        }
    }

    #[test]
    fn attachment_paths_are_folded_lowercase_ascii() {
        assert_eq!(
            attachment_path("tep/2024/Phụ lục 1.pdf"),
            "tep/2024/phu-luc-1.pdf"
        );
        assert_eq!(
            attachment_path("tep/Đề án/Bảng KẾ HOẠCH.XLSX"),
            "tep/de-an/bang-ke-hoach.xlsx"
        );
        assert_eq!(
            attachment_path("tep/2022/phu-luc-ke-hoach-02.pdf"),
            "tep/2022/phu-luc-ke-hoach-02.pdf"
        );
        assert_eq!(attachment_path("tep/.pdf"), "tep/pdf");
        assert_eq!(attachment_path("tep/…/tệp"), "tep/tep/tep");
    }
}
