//! Characters that do not belong in codes and numbers.
//!
//! A `so_hieu`, a site code or a phone number copied from Word, a PDF or a web page often carries
//! characters the clerk cannot see: zero-width spaces, no-break spaces, direction controls, or
//! letters of another script that look Latin (Cyrillic `С`, the Icelandic `Ð`). Two numbers that
//! print alike then compare different and references silently stop resolving. This module finds
//! and names such characters in Vietnamese so the clerk can retype them. It must never flag an
//! ordinary Vietnamese letter, and apart from `strip_invisible` and `replace_suspicious`, whose job
//! is exactly that, it never changes text behind the caller's back.

use unicode_normalization::UnicodeNormalization;

/// What is wrong with a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuspiciousKind {
    /// Shows nothing at all: zero-width characters, soft hyphen, BOM, variation selectors.
    Invisible,
    /// Changes the writing direction: can make a code display in another order than it is stored.
    Bidi,
    /// C0/C1 control characters (NUL, tab, line breaks, DEL...).
    Control,
    /// A space other than the ordinary one (no-break space, thin space, ideographic space...).
    Space,
    /// Looks like a Latin letter, digit, `-` or `/` but is another character.
    LookAlike,
}

/// The description of one suspicious character, independent of where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharIssue {
    pub kind: SuspiciousKind,
    /// Vietnamese description naming the code point, e.g.
    /// "ký tự vô hình U+200B (zero-width space)".
    pub what: String,
    /// The character the clerk most likely meant; `None` when the character should simply go.
    pub replacement: Option<char>,
}

/// The first suspicious character of a string and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspicious {
    /// Position counted in characters (0-based), for columns.
    pub char_index: usize,
    /// Position counted in bytes (0-based), for slicing.
    pub byte_index: usize,
    pub ch: char,
    /// Vietnamese description, e.g. "chữ Ð U+00D0 (Eth của tiếng Iceland) trông giống Đ U+0110".
    pub what: String,
    /// The character the clerk most likely meant; `None` when the character should simply go.
    pub replacement: Option<char>,
    pub kind: SuspiciousKind,
}

/// `U+XXXX`, the way a clerk can look a character up.
pub fn code_point(ch: char) -> String {
    format!("U+{:04X}", u32::from(ch))
}

/// Unicode NFC: the one form in which numbers and codes are compared (SPEC §3).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// The first character of `s` that does not belong in a code or a number, if any.
pub fn find_suspicious(s: &str) -> Option<Suspicious> {
    find_all_suspicious(s).into_iter().next()
}

/// Every suspicious character of `s`, in order.
pub fn find_all_suspicious(s: &str) -> Vec<Suspicious> {
    s.char_indices()
        .enumerate()
        .filter_map(suspicious)
        .collect()
}

/// The [`Suspicious`] finding for the `char_index`-th character `ch` at `byte_index`, if it is.
fn suspicious((char_index, (byte_index, ch)): (usize, (usize, char))) -> Option<Suspicious> {
    describe(ch).map(|issue| Suspicious {
        char_index,
        byte_index,
        ch,
        what: issue.what,
        replacement: issue.replacement,
        kind: issue.kind,
    })
}

/// Removes the characters that show nothing at all (zero-width characters, soft hyphens, BOMs,
/// direction controls). Visible spaces, control characters and look-alikes are kept: they change
/// what the text says, so the caller decides about them.
pub fn strip_invisible(s: &str) -> String {
    s.chars().filter(|&ch| !is_invisible(ch)).collect()
}

/// True for what [`strip_invisible`] removes: the characters [`describe`] calls invisible or
/// direction controls.
pub fn is_invisible(ch: char) -> bool {
    !is_plain(ch) && (invisible_name(ch).is_some() || bidi_name(ch).is_some())
}

/// True for the direction and invisible characters that SPEC §9 refuses in any front-matter value
/// or CSV cell: U+200B–U+200F, U+202A–U+202E, U+2060–U+2069 and U+FEFF (inside text; a leading
/// BOM is gone before text is read). They reorder or hide what a resident reads (`U+202E` shows
/// `fdp.exe` as `exe.pdf`) and split numbers so that no check sees them.
pub fn is_hidden(ch: char) -> bool {
    matches!(ch,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Every hidden character of `s` (see [`is_hidden`]), in order.
pub fn find_hidden(s: &str) -> Vec<Suspicious> {
    // Every value of every front matter passes here. The hidden characters are all written with
    // a first byte 0xE2 (U+2000–U+2FFF) or 0xEF (U+FEFF), which Vietnamese letters never have.
    if memchr::memchr2(0xE2, 0xEF, s.as_bytes()).is_none() {
        return Vec::new();
    }
    s.char_indices()
        .enumerate()
        .filter(|&(_, (_, ch))| is_hidden(ch))
        .filter_map(suspicious)
        .collect()
}

/// A control character (other than tab, line feed and form feed) never belongs in text: ESC or
/// BEL would act on the clerk's terminal when a diagnostic quotes the line, and browsers show
/// them as boxes or not at all.
pub fn is_unwanted_control(ch: char) -> bool {
    ch.is_control() && !matches!(ch, '\t' | '\n' | '\u{0C}')
}

/// `s` with every control, direction and invisible character written as `\u{1b}`, so that
/// printing it can neither drive a terminal nor reorder the line.
pub fn escape_for_terminal(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if needs_escape(c) {
                    format!("\\u{{{:x}}}", u32::from(c))
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// True when [`escape_for_terminal`] writes `c` as an escape.
pub fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || is_hidden(c)
        || matches!(c, '\u{061C}' | '\u{2028}' | '\u{2029}')
}

/// Printable ASCII, line breaks and the letters of Vietnamese (precomposed), none of which is
/// invisible, a control or a look-alike.
fn is_plain(ch: char) -> bool {
    (ch.is_ascii_graphic() || ch == ' ' || ch == '\n')
        || ('\u{1EA0}'..='\u{1EF9}').contains(&ch)
        || "àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ".contains(ch)
}

/// Replaces every suspicious character by the character it stands for, or drops it when it
/// stands for nothing. Used to build a suggested correction, never to silently fix content.
pub fn replace_suspicious(s: &str) -> String {
    s.chars()
        .filter_map(|ch| match describe(ch) {
            Some(issue) => issue.replacement,
            None => Some(ch),
        })
        .collect()
}

/// Describes `ch` when it does not belong in a code or a number.
pub fn describe(ch: char) -> Option<CharIssue> {
    // Fast path: printable ASCII and the Vietnamese letters are never suspicious. This runs on
    // every character of every page (search folding, slugs), so it must not format anything.
    if is_plain(ch) {
        return None;
    }
    if let Some(name) = invisible_name(ch) {
        return Some(CharIssue {
            kind: SuspiciousKind::Invisible,
            what: format!("ký tự vô hình {} ({name})", code_point(ch)),
            replacement: None,
        });
    }
    if let Some(name) = bidi_name(ch) {
        return Some(CharIssue {
            kind: SuspiciousKind::Bidi,
            what: format!(
                "ký tự điều khiển hướng chữ (vô hình) {} ({name})",
                code_point(ch)
            ),
            replacement: None,
        });
    }
    if let Some(name) = space_name(ch) {
        return Some(CharIssue {
            kind: SuspiciousKind::Space,
            what: format!("khoảng trắng đặc biệt {} ({name})", code_point(ch)),
            replacement: Some(' '),
        });
    }
    if ch.is_control() {
        return Some(CharIssue {
            kind: SuspiciousKind::Control,
            what: format!("ký tự điều khiển {} ({})", code_point(ch), control_name(ch)),
            replacement: None,
        });
    }
    look_alike(ch).map(|(what, replacement)| CharIssue {
        kind: SuspiciousKind::LookAlike,
        what,
        replacement: Some(replacement),
    })
}

fn invisible_name(ch: char) -> Option<&'static str> {
    Some(match ch {
        '\u{00AD}' => "soft hyphen, gạch nối mềm",
        '\u{034F}' => "combining grapheme joiner",
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => "Hangul filler",
        '\u{17B4}' | '\u{17B5}' => "Khmer inherent vowel",
        '\u{180E}' => "Mongolian vowel separator",
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{2060}' => "word joiner",
        '\u{2061}'..='\u{2064}' => "invisible operator",
        '\u{206A}'..='\u{206F}' => "deprecated format character",
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => "variation selector",
        '\u{FEFF}' => "zero-width no-break space, BOM",
        '\u{FFF9}'..='\u{FFFB}' => "interlinear annotation",
        '\u{1D173}'..='\u{1D17A}' => "musical format character",
        '\u{E0000}'..='\u{E007F}' => "tag character",
        _ => return None,
    })
}

fn bidi_name(ch: char) -> Option<&'static str> {
    Some(match ch {
        '\u{061C}' => "Arabic letter mark",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        _ => return None,
    })
}

fn space_name(ch: char) -> Option<&'static str> {
    Some(match ch {
        '\u{00A0}' => "no-break space, khoảng trắng không ngắt dòng",
        '\u{1680}' => "Ogham space mark",
        '\u{2000}' => "en quad",
        '\u{2001}' => "em quad",
        '\u{2002}' => "en space",
        '\u{2003}' => "em space",
        '\u{2004}' => "three-per-em space",
        '\u{2005}' => "four-per-em space",
        '\u{2006}' => "six-per-em space",
        '\u{2007}' => "figure space",
        '\u{2008}' => "punctuation space",
        '\u{2009}' => "thin space",
        '\u{200A}' => "hair space",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{202F}' => "narrow no-break space",
        '\u{205F}' => "medium mathematical space",
        '\u{3000}' => "ideographic space, khoảng trắng toàn khổ",
        _ => return None,
    })
}

fn control_name(ch: char) -> &'static str {
    match ch {
        '\0' => "NUL",
        '\t' => "tab",
        '\n' => "xuống dòng, line feed",
        '\r' => "về đầu dòng, carriage return",
        '\u{7F}' => "DEL",
        '\u{85}' => "next line",
        _ => "control",
    }
}

/// Letters of other scripts that print like Latin capitals or small letters.
const CYRILLIC: &[(char, char)] = &[
    ('\u{0405}', 'S'),
    ('\u{0406}', 'I'),
    ('\u{0408}', 'J'),
    ('\u{0410}', 'A'),
    ('\u{0412}', 'B'),
    ('\u{0415}', 'E'),
    ('\u{041A}', 'K'),
    ('\u{041C}', 'M'),
    ('\u{041D}', 'H'),
    ('\u{041E}', 'O'),
    ('\u{0420}', 'P'),
    ('\u{0421}', 'C'),
    ('\u{0422}', 'T'),
    ('\u{0423}', 'Y'),
    ('\u{0425}', 'X'),
    ('\u{0430}', 'a'),
    ('\u{0435}', 'e'),
    ('\u{043E}', 'o'),
    ('\u{0440}', 'p'),
    ('\u{0441}', 'c'),
    ('\u{0443}', 'y'),
    ('\u{0445}', 'x'),
    ('\u{0455}', 's'),
    ('\u{0456}', 'i'),
    ('\u{0458}', 'j'),
];

const GREEK: &[(char, char)] = &[
    ('\u{0391}', 'A'),
    ('\u{0392}', 'B'),
    ('\u{0395}', 'E'),
    ('\u{0396}', 'Z'),
    ('\u{0397}', 'H'),
    ('\u{0399}', 'I'),
    ('\u{039A}', 'K'),
    ('\u{039C}', 'M'),
    ('\u{039D}', 'N'),
    ('\u{039F}', 'O'),
    ('\u{03A1}', 'P'),
    ('\u{03A4}', 'T'),
    ('\u{03A5}', 'Y'),
    ('\u{03A7}', 'X'),
    ('\u{03BF}', 'o'),
];

fn look_alike(ch: char) -> Option<(String, char)> {
    let cp = code_point(ch);
    let found = match ch {
        '\u{00D0}' => (
            format!("chữ Ð {cp} (Eth của tiếng Iceland) trông giống Đ U+0110"),
            'Đ',
        ),
        '\u{0189}' => (format!("chữ Ɖ {cp} (D châu Phi) trông giống Đ U+0110"), 'Đ'),
        '\u{00F0}' => (
            format!("chữ ð {cp} (eth của tiếng Iceland) trông giống đ U+0111"),
            'đ',
        ),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => (
            format!("dấu {ch} {cp} ({}) thay cho dấu gạch nối -", dash_name(ch)),
            '-',
        ),
        '\u{2044}' | '\u{2215}' | '\u{29F8}' => {
            (format!("dấu {ch} {cp} (gạch chéo lạ) thay cho dấu /"), '/')
        }
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(u32::from(ch) - 0xFEE0)?;
            (
                format!("ký tự toàn khổ {ch} {cp} (fullwidth) thay cho {ascii}"),
                ascii,
            )
        }
        _ => {
            if let Some(&(_, latin)) = CYRILLIC.iter().find(|(c, _)| *c == ch) {
                (
                    format!("chữ Kirin {ch} {cp} (Cyrillic) trông giống chữ Latinh {latin}"),
                    latin,
                )
            } else if let Some(&(_, latin)) = GREEK.iter().find(|(c, _)| *c == ch) {
                (
                    format!("chữ Hy Lạp {ch} {cp} (Greek) trông giống chữ Latinh {latin}"),
                    latin,
                )
            } else {
                return None;
            }
        }
    };
    Some(found)
}

fn dash_name(ch: char) -> &'static str {
    match ch {
        '\u{2010}' => "hyphen",
        '\u{2011}' => "non-breaking hyphen",
        '\u{2012}' => "figure dash",
        '\u{2013}' => "en dash, gạch ngang ngắn",
        '\u{2014}' => "em dash, gạch ngang dài",
        '\u{2015}' => "horizontal bar",
        '\u{2212}' => "minus sign, dấu trừ",
        _ => "small dash",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_codes_and_vietnamese_are_clean() {
        for s in [
            "290/QĐ-UBND",
            "01/2022/NĐ-CP",
            "Thôn Đông Tâm",
            "Quyết định thành lập Tổ công tác",
            "đăng ký tạm trú ĐĂNG KÝ",
            "06/QĐ-TTg 0912 345 678",
            "",
        ] {
            assert_eq!(find_suspicious(s), None, "{s}");
        }
    }

    #[test]
    fn zero_width_space_is_named_with_position() {
        let s = "290/Q\u{200B}Đ-UBND";
        let found = find_suspicious(s).expect("a zero-width space is suspicious");
        assert_eq!(found.char_index, 5);
        assert_eq!(found.byte_index, 5);
        assert_eq!(found.ch, '\u{200B}');
        assert_eq!(found.kind, SuspiciousKind::Invisible);
        assert_eq!(found.what, "ký tự vô hình U+200B (zero-width space)");
        assert_eq!(found.replacement, None);
    }

    #[test]
    fn char_and_byte_index_differ_after_multibyte_letters() {
        let s = "QĐ-ĐA\u{FEFF}";
        let found = find_suspicious(s).expect("BOM inside text is suspicious");
        assert_eq!(found.char_index, 5);
        assert_eq!(found.byte_index, 7);
        assert_eq!(&s[found.byte_index..], "\u{FEFF}");
    }

    #[test]
    fn icelandic_eth_looks_like_vietnamese_d_with_stroke() {
        let found = find_suspicious("290/QÐ-UBND").expect("Ð is a look-alike");
        assert_eq!(found.kind, SuspiciousKind::LookAlike);
        assert_eq!(
            found.what,
            "chữ Ð U+00D0 (Eth của tiếng Iceland) trông giống Đ U+0110"
        );
        assert_eq!(found.replacement, Some('Đ'));
        assert_eq!(found.char_index, 5);
    }

    #[test]
    fn cyrillic_and_greek_letters_are_named() {
        let cyr = find_suspicious("\u{0421}T").expect("Cyrillic С");
        assert_eq!(
            cyr.what,
            "chữ Kirin С U+0421 (Cyrillic) trông giống chữ Latinh C"
        );
        assert_eq!(cyr.replacement, Some('C'));
        let greek = find_suspicious("\u{039A}H").expect("Greek Kappa");
        assert_eq!(
            greek.what,
            "chữ Hy Lạp Κ U+039A (Greek) trông giống chữ Latinh K"
        );
        assert_eq!(greek.replacement, Some('K'));
        for (ch, latin) in CYRILLIC.iter().chain(GREEK) {
            let issue = describe(*ch).expect("every table entry is suspicious");
            assert_eq!(issue.replacement, Some(*latin));
        }
    }

    #[test]
    fn fullwidth_and_dashes_map_to_ascii() {
        assert_eq!(replace_suspicious("２９０／ＱĐ－ＵＢＮＤ"), "290/QĐ-UBND");
        assert_eq!(replace_suspicious("290/QĐ\u{2013}UBND"), "290/QĐ-UBND");
        assert_eq!(
            replace_suspicious("290\u{2215}QĐ\u{2212}UBND"),
            "290/QĐ-UBND"
        );
        let dash = find_suspicious("QĐ–UBND").expect("en dash");
        assert_eq!(
            dash.what,
            "dấu – U+2013 (en dash, gạch ngang ngắn) thay cho dấu gạch nối -"
        );
    }

    #[test]
    fn spaces_controls_and_bidi_are_kinds_of_their_own() {
        let nbsp = describe('\u{00A0}').expect("NBSP");
        assert_eq!(nbsp.kind, SuspiciousKind::Space);
        assert_eq!(
            nbsp.what,
            "khoảng trắng đặc biệt U+00A0 (no-break space, khoảng trắng không ngắt dòng)"
        );
        assert_eq!(nbsp.replacement, Some(' '));
        let nul = describe('\0').expect("NUL");
        assert_eq!(nul.kind, SuspiciousKind::Control);
        assert_eq!(nul.what, "ký tự điều khiển U+0000 (NUL)");
        let rlo = describe('\u{202E}').expect("RLO");
        assert_eq!(rlo.kind, SuspiciousKind::Bidi);
        assert!(rlo.what.contains("right-to-left override"));
        assert_eq!(describe(' '), None);
        assert_eq!(describe('-'), None);
    }

    #[test]
    fn strip_invisible_keeps_visible_text() {
        assert_eq!(
            strip_invisible("\u{FEFF}Thôn\u{200B} Đông\u{00AD}Tâm\u{202E}"),
            "Thôn ĐôngTâm"
        );
        // A no-break space is visible: it stays, the caller decides.
        assert_eq!(strip_invisible("a\u{00A0}b"), "a\u{00A0}b");
        assert_eq!(strip_invisible("QÐ"), "QÐ");
    }

    #[test]
    fn find_all_reports_every_character_in_order() {
        let all = find_all_suspicious("\u{200B}Q\u{00D0}\u{00A0}");
        let chars: Vec<char> = all.iter().map(|s| s.ch).collect();
        assert_eq!(chars, ['\u{200B}', '\u{00D0}', '\u{00A0}']);
        assert_eq!(all[2].char_index, 3);
    }

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        assert_eq!(nfc("Quye\u{0302}\u{0301}t"), "Quyết");
        assert_eq!(code_point('Đ'), "U+0110");
        assert_eq!(code_point('\u{E0041}'), "U+E0041");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_indexes_are_consistent(s in "\\PC*") {
            for found in find_all_suspicious(&s) {
                proptest::prop_assert!(s.is_char_boundary(found.byte_index));
                proptest::prop_assert_eq!(s[found.byte_index..].chars().next(), Some(found.ch));
                proptest::prop_assert_eq!(s.chars().nth(found.char_index), Some(found.ch));
            }
            let stripped = strip_invisible(&s);
            proptest::prop_assert!(stripped.len() <= s.len());
        }

        /// The hidden characters are those of the plain definition: every suspicious character
        /// that is hidden, whatever the bytes the quick test looks for.
        #[test]
        fn hidden_characters_are_the_hidden_suspicious_ones(
            s in "([a-zđươầ –“”…]|\u{200B}|\u{200F}|\u{202E}|\u{2066}|\u{FEFF}|\u{00AD}|\u{2028}|\u{FFFD}|\\PC){0,30}"
        ) {
            let plain: Vec<(usize, usize, char)> = find_all_suspicious(&s)
                .into_iter()
                .filter(|f| is_hidden(f.ch))
                .map(|f| (f.char_index, f.byte_index, f.ch))
                .collect();
            let found: Vec<(usize, usize, char)> = find_hidden(&s)
                .into_iter()
                .map(|f| (f.char_index, f.byte_index, f.ch))
                .collect();
            proptest::prop_assert_eq!(found, plain);
        }
    }
}
