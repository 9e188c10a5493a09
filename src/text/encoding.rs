//! Reading `.md`, `.yaml` and `.csv` files as UTF-8, and explaining files that are not.
//!
//! Content comes from offices where documents were typed for decades in TCVN3 (ABC, `.VnTime`
//! fonts), VNI Windows or the Windows code page 1258, and where Excel saves "Unicode text" as
//! UTF-16. Read as UTF-8, such a file is garbage, and published it would be unreadable. SPEC §9
//! makes every such file an error with a conversion hint, so this module decodes strict UTF-8
//! (a UTF-8 BOM is allowed and dropped) and, when that fails, guesses from the bytes which legacy
//! encoding the clerk used, to tell them which conversion to run. It must never guess silently:
//! a file that is not UTF-8 is never decoded into content, only diagnosed. Line endings (CRLF,
//! lone CR) are not its business and are returned as they are.

use unicode_normalization::UnicodeNormalization;

/// The encodings a content file may turn out to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
    /// Windows code page 1258 (Vietnamese): base letters plus combining tone bytes.
    Windows1258,
    /// TCVN 5712:1993 VN3, the "ABC" encoding of the `.VnTime` fonts.
    Tcvn3,
    /// VNI Windows (`VNI-Times` fonts): base letter followed by tone bytes.
    Vni,
    Unknown,
}

impl Encoding {
    /// The name clerks know the encoding by, as UniKey and editors show it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 có BOM",
            Encoding::Utf16Le => "UTF-16 LE (Unicode)",
            Encoding::Utf16Be => "UTF-16 BE (Unicode big endian)",
            Encoding::Utf32Le => "UTF-32 LE",
            Encoding::Utf32Be => "UTF-32 BE",
            Encoding::Windows1258 => "Windows-1258 (Vietnamese Windows)",
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI Windows",
            Encoding::Unknown => "không rõ",
        }
    }
}

/// Why a file could not be read as UTF-8, where (1-based line and column, in characters, of the
/// first bad byte; `1:1` for a file-wide problem such as UTF-16), and how to convert it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodingProblem {
    pub encoding: Encoding,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// What the file is, for the conversion advice: Excel users convert differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Text,
    Csv,
}

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// How many bytes the legacy-encoding guess looks at: enough words, bounded time.
const SAMPLE: usize = 64 * 1024;

/// Decodes a `.md` or `.yaml` file: strict UTF-8, a leading UTF-8 BOM dropped.
pub fn decode_utf8(bytes: &[u8]) -> Result<String, EncodingProblem> {
    decode(bytes, Source::Text)
}

/// Decodes a `.csv` file saved from Excel; the same rules as `decode_utf8`, with advice for Excel.
pub fn decode_csv(bytes: &[u8]) -> Result<String, EncodingProblem> {
    decode(bytes, Source::Csv)
}

/// [`decode_utf8`] of a file's bytes, taken: a valid file (almost every one) becomes its text
/// without a copy; every content file passes here, a document twice a build.
pub fn decode_utf8_vec(bytes: Vec<u8>) -> Result<String, EncodingProblem> {
    decode_vec(bytes, Source::Text)
}

/// [`decode_csv`] of a file's bytes, taken.
pub fn decode_csv_vec(bytes: Vec<u8>) -> Result<String, EncodingProblem> {
    decode_vec(bytes, Source::Csv)
}

fn decode(bytes: &[u8], source: Source) -> Result<String, EncodingProblem> {
    text_of(bytes, source).map(str::to_string)
}

fn decode_vec(mut bytes: Vec<u8>, source: Source) -> Result<String, EncodingProblem> {
    // The text is the bytes after a BOM, if any.
    let start = bytes.len() - text_of(&bytes, source)?.len();
    bytes.drain(..start);
    // SAFETY: `text_of` validated `bytes[start..]` as UTF-8; it is all that is left.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// The text `bytes` hold (a leading UTF-8 BOM dropped), or why they are not UTF-8 text.
fn text_of(bytes: &[u8], source: Source) -> Result<&str, EncodingProblem> {
    let body = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => rest,
        None => {
            if let Some(wide) = wide_bom(bytes) {
                return Err(wide_problem(wide, source));
            }
            bytes
        }
    };
    // Every content file passes here (a document twice per build): one fast byte search first,
    // the UTF-16/32 guess only for a file with a NUL byte (wide text always has some).
    if let Some(nul) = memchr::memchr(0, body) {
        if let Some(wide) = wide_without_bom(body) {
            return Err(wide_problem(wide, source));
        }
        let (line, column) = line_column(body, nul);
        return Err(EncodingProblem {
            encoding: Encoding::Utf8,
            line,
            column,
            message: "Tệp có ký tự NUL (byte 0x00): tệp bị hỏng hoặc không phải tệp văn bản."
                .to_string(),
            hint: "Mở tệp bằng VS Code hoặc Notepad++, xóa ký tự lạ ở vị trí này (VS Code hiện \
                   nó thành ô đỏ NUL), rồi lưu lại dạng UTF-8."
                .to_string(),
        });
    }
    // SIMD validation first; only a file that fails is checked again by std, for the position.
    if let Ok(text) = simdutf8::basic::from_utf8(body) {
        return Ok(text);
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text),
        Err(error) => {
            let at = error.valid_up_to();
            let (line, column) = line_column(body, at);
            let byte = body.get(at).copied().unwrap_or_default();
            let encoding = guess_legacy_encoding(body);
            Err(legacy_problem(encoding, byte, line, column, source))
        }
    }
}

fn wide_bom(bytes: &[u8]) -> Option<Encoding> {
    // UTF-32 LE starts like UTF-16 LE: test it first.
    if bytes.starts_with(&[0xFF, 0xFE, 0x00, 0x00]) {
        Some(Encoding::Utf32Le)
    } else if bytes.starts_with(&[0x00, 0x00, 0xFE, 0xFF]) {
        Some(Encoding::Utf32Be)
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(Encoding::Utf16Le)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// UTF-16/32 without a BOM: Latin text then has a NUL byte in every other (or three of four)
/// positions, always the same ones.
fn wide_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = bytes.get(..4096).unwrap_or(bytes);
    if sample.len() < 4 {
        return None;
    }
    let mut by_position = [0usize; 4];
    for (i, _) in sample.iter().enumerate().filter(|(_, b)| **b == 0) {
        if let Some(count) = by_position.get_mut(i % 4) {
            *count += 1;
        }
    }
    let [p0, p1, p2, p3] = by_position;
    let nuls = p0 + p1 + p2 + p3;
    if nuls * 4 < sample.len() {
        return None;
    }
    let quarter = sample.len() / 4;
    let mostly = |count: usize| count * 10 >= quarter * 9;
    if mostly(p2) && mostly(p3) && !mostly(p0) {
        return Some(Encoding::Utf32Le);
    }
    if mostly(p0) && mostly(p1) && !mostly(p3) {
        return Some(Encoding::Utf32Be);
    }
    let (even, odd) = (p0 + p2, p1 + p3);
    if odd >= even.saturating_mul(3) && odd > 0 {
        Some(Encoding::Utf16Le)
    } else if even >= odd.saturating_mul(3) && even > 0 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn wide_problem(encoding: Encoding, source: Source) -> EncodingProblem {
    let hint = match source {
        Source::Csv => {
            "Excel đã lưu tệp dạng Unicode Text. Mở tệp trong Excel, chọn Tệp → Lưu dưới dạng \
             (Save As), chọn loại tệp CSV UTF-8 (Comma delimited) (*.csv) rồi lưu."
        }
        Source::Text => {
            "Mở tệp bằng Notepad, chọn Tệp → Lưu dưới dạng (Save As), ở ô Mã hóa (Encoding) \
             chọn UTF-8 rồi lưu; hoặc trong VS Code bấm vào tên mã hóa ở thanh trạng thái → \
             Save with Encoding → UTF-8."
        }
    };
    EncodingProblem {
        encoding,
        line: 1,
        column: 1,
        message: format!("Tệp được lưu dạng {}, không phải UTF-8.", encoding.name()),
        hint: hint.to_string(),
    }
}

fn legacy_problem(
    encoding: Encoding,
    byte: u8,
    line: usize,
    column: usize,
    source: Source,
) -> EncodingProblem {
    let message = match encoding {
        Encoding::Windows1258 | Encoding::Tcvn3 | Encoding::Vni => format!(
            "Tệp không ở dạng UTF-8: có vẻ được gõ bằng bảng mã {} (byte 0x{byte:02X} không hợp \
             lệ trong UTF-8).",
            encoding.name()
        ),
        _ => format!("Tệp không ở dạng UTF-8 (byte 0x{byte:02X} không hợp lệ trong UTF-8)."),
    };
    EncodingProblem {
        encoding,
        line,
        column,
        message,
        hint: legacy_hint(encoding, source),
    }
}

fn legacy_hint(encoding: Encoding, source: Source) -> String {
    let unikey = |from: &str| {
        format!(
            "chép nội dung (Ctrl+A, Ctrl+C), mở Công cụ chuyển mã của UniKey (Unikey Toolkit, \
             Ctrl+Shift+F6), chọn Nguồn: {from}, Đích: Unicode, bấm Chuyển mã, dán lại (Ctrl+V)"
        )
    };
    match (encoding, source) {
        (Encoding::Tcvn3 | Encoding::Vni, Source::Csv) => {
            let from = if encoding == Encoding::Tcvn3 {
                "TCVN3 (ABC)"
            } else {
                "VNI Windows"
            };
            format!(
                "Bảng tính dùng phông {}: trong Excel chọn các ô, {}, đổi phông sang Times New \
                 Roman, rồi chọn Tệp → Lưu dưới dạng → CSV UTF-8 (Comma delimited) (*.csv).",
                if encoding == Encoding::Tcvn3 {
                    ".VnTime (TCVN3)"
                } else {
                    "VNI-Times (VNI)"
                },
                unikey(from)
            )
        }
        (Encoding::Tcvn3 | Encoding::Vni, Source::Text) => {
            let from = if encoding == Encoding::Tcvn3 {
                "TCVN3 (ABC)"
            } else {
                "VNI Windows"
            };
            format!(
                "Chuyển sang Unicode: mở tệp bằng VS Code, bấm vào tên mã hóa ở thanh trạng thái → \
                 Reopen with Encoding → Western (Windows 1252), {}, rồi Save with Encoding → \
                 UTF-8.",
                unikey(from)
            )
        }
        (_, Source::Csv) => {
            "Mở tệp trong Excel, chọn Tệp → Lưu dưới dạng (Save As), chọn loại tệp CSV UTF-8 \
             (Comma delimited) (*.csv) rồi lưu."
                .to_string()
        }
        (Encoding::Windows1258, Source::Text) => {
            "Mở tệp bằng VS Code, bấm vào tên mã hóa ở thanh trạng thái → Reopen with Encoding \
             → Vietnamese (Windows 1258), kiểm tra chữ hiện đúng, rồi Save with Encoding → \
             UTF-8. Trong Notepad: Lưu dưới dạng → Mã hóa: UTF-8."
                .to_string()
        }
        (_, Source::Text) => {
            "Mở tệp bằng VS Code và lưu lại với Save with Encoding → UTF-8 (Notepad: Lưu dưới \
             dạng → Mã hóa: UTF-8). Nếu chữ tiếng Việt hiện sai, chuyển sang Unicode bằng Công \
             cụ chuyển mã của UniKey (Ctrl+Shift+F6) trước."
                .to_string()
        }
    }
}

/// 1-based line and column (in characters) of byte `at`. LF, CRLF and a lone CR each end a line,
/// as editors show them.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = bytes.get(..at).unwrap_or(bytes);
    let mut line = 1;
    let mut line_start = 0;
    let mut iter = before.iter().enumerate().peekable();
    while let Some((i, &b)) = iter.next() {
        let lone_cr = b == b'\r' && iter.peek().map(|(_, next)| **next) != Some(b'\n');
        if b == b'\n' || lone_cr {
            line += 1;
            line_start = i + 1;
        }
    }
    let current = before.get(line_start..).unwrap_or_default();
    let column = String::from_utf8_lossy(current).chars().count() + 1;
    (line, column)
}

/// Which legacy Vietnamese encoding most likely produced `bytes`: each candidate decodes the
/// bytes, and the one whose non-ASCII words are most often well-formed Vietnamese syllables wins.
/// `Unknown` when none reads as Vietnamese.
pub fn guess_legacy_encoding(bytes: &[u8]) -> Encoding {
    let sample = bytes.get(..SAMPLE).unwrap_or(bytes);
    let mut best = (Encoding::Unknown, 0i64);
    for encoding in [Encoding::Tcvn3, Encoding::Vni, Encoding::Windows1258] {
        let score = vietnamese_score(&decode_for_guess(sample, encoding));
        if score > best.1 {
            best = (encoding, score);
        }
    }
    best.0
}

/// A rough decoding, only good enough to score: bytes 0x80–0x9F (punctuation such as smart
/// quotes in all three encodings) become spaces.
fn decode_for_guess(bytes: &[u8], encoding: Encoding) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b < 0x80 {
            out.push(char::from(b));
            continue;
        }
        if (0x80..=0xA0).contains(&b) {
            out.push(' ');
            continue;
        }
        match encoding {
            Encoding::Tcvn3 => out.push(tcvn3_char(b).unwrap_or(char::from(b))),
            Encoding::Windows1258 => out.push(cp1258_char(b)),
            _ => {
                let after_vowel = out.chars().next_back().is_some_and(|c| {
                    matches!(
                        c,
                        'a' | 'e'
                            | 'o'
                            | 'u'
                            | 'y'
                            | 'A'
                            | 'E'
                            | 'O'
                            | 'U'
                            | 'Y'
                            | 'ơ'
                            | 'ư'
                            | 'Ơ'
                            | 'Ư'
                    )
                });
                match vni_modifier(b) {
                    Some(marks) if after_vowel => out.push_str(marks),
                    _ => out.push(vni_letter(b).unwrap_or(char::from(b))),
                }
            }
        }
    }
    out.nfc().collect()
}

/// TCVN3 (TCVN 5712:1993 VN3): lowercase letters with tones, and the seven capitals with a
/// shape mark; capitals with tones are the same codes shown in an uppercase font.
fn tcvn3_char(b: u8) -> Option<char> {
    Some(match b {
        0xA1 => 'Ă',
        0xA2 => 'Â',
        0xA3 => 'Ê',
        0xA4 => 'Ô',
        0xA5 => 'Ơ',
        0xA6 => 'Ư',
        0xA7 => 'Đ',
        0xA8 => 'ă',
        0xA9 => 'â',
        0xAA => 'ê',
        0xAB => 'ô',
        0xAC => 'ơ',
        0xAD => 'ư',
        0xAE => 'đ',
        0xB5 => 'à',
        0xB6 => 'ả',
        0xB7 => 'ã',
        0xB8 => 'á',
        0xB9 => 'ạ',
        0xBB => 'ằ',
        0xBC => 'ẳ',
        0xBD => 'ẵ',
        0xBE => 'ắ',
        0xC6 => 'ặ',
        0xC7 => 'ầ',
        0xC8 => 'ẩ',
        0xC9 => 'ẫ',
        0xCA => 'ấ',
        0xCB => 'ậ',
        0xCC => 'è',
        0xCE => 'ẻ',
        0xCF => 'ẽ',
        0xD0 => 'é',
        0xD1 => 'ẹ',
        0xD2 => 'ề',
        0xD3 => 'ể',
        0xD4 => 'ễ',
        0xD5 => 'ế',
        0xD6 => 'ệ',
        0xD7 => 'ì',
        0xD8 => 'ỉ',
        0xDC => 'ĩ',
        0xDD => 'í',
        0xDE => 'ị',
        0xDF => 'ò',
        0xE1 => 'ỏ',
        0xE2 => 'õ',
        0xE3 => 'ó',
        0xE4 => 'ọ',
        0xE5 => 'ồ',
        0xE6 => 'ổ',
        0xE7 => 'ỗ',
        0xE8 => 'ố',
        0xE9 => 'ộ',
        0xEA => 'ờ',
        0xEB => 'ở',
        0xEC => 'ỡ',
        0xED => 'ớ',
        0xEE => 'ợ',
        0xEF => 'ù',
        0xF1 => 'ủ',
        0xF2 => 'ũ',
        0xF3 => 'ú',
        0xF4 => 'ụ',
        0xF5 => 'ừ',
        0xF6 => 'ử',
        0xF7 => 'ữ',
        0xF8 => 'ứ',
        0xF9 => 'ự',
        0xFA => 'ỳ',
        0xFB => 'ỷ',
        0xFC => 'ỹ',
        0xFD => 'ý',
        0xFE => 'ỵ',
        _ => return None,
    })
}

/// Windows-1258 above 0xA0: Latin-1 with Vietnamese letters and combining tone marks in place of
/// some symbols.
fn cp1258_char(b: u8) -> char {
    match b {
        0xC3 => 'Ă',
        0xCC => '\u{0300}',
        0xD0 => 'Đ',
        0xD2 => '\u{0309}',
        0xD5 => 'Ơ',
        0xDD => 'Ư',
        0xDE => '\u{0303}',
        0xE3 => 'ă',
        0xEC => '\u{0301}',
        0xF0 => 'đ',
        0xF2 => '\u{0323}',
        0xF5 => 'ơ',
        0xFD => 'ư',
        0xFE => '₫',
        _ => char::from(b),
    }
}

/// VNI Windows bytes written after a vowel: shape and tone marks.
fn vni_modifier(b: u8) -> Option<&'static str> {
    Some(match b {
        0xF9 | 0xD9 => "\u{0301}",
        0xF8 | 0xD8 => "\u{0300}",
        0xFB | 0xDB => "\u{0309}",
        0xF5 | 0xD5 => "\u{0303}",
        0xEF | 0xCF => "\u{0323}",
        0xE2 | 0xC2 => "\u{0302}",
        0xEA | 0xCA => "\u{0306}",
        0xE1 | 0xC1 => "\u{0302}\u{0301}",
        0xE0 | 0xC0 => "\u{0302}\u{0300}",
        0xE5 | 0xC5 => "\u{0302}\u{0309}",
        0xE3 | 0xC3 => "\u{0302}\u{0303}",
        0xE4 | 0xC4 => "\u{0302}\u{0323}",
        0xE9 | 0xC9 => "\u{0306}\u{0301}",
        0xE8 | 0xC8 => "\u{0306}\u{0300}",
        0xFA | 0xDA => "\u{0306}\u{0309}",
        0xFC | 0xDC => "\u{0306}\u{0303}",
        0xEB | 0xCB => "\u{0306}\u{0323}",
        _ => return None,
    })
}

/// VNI Windows bytes that are letters on their own.
fn vni_letter(b: u8) -> Option<char> {
    Some(match b {
        0xF4 => 'ơ',
        0xD4 => 'Ơ',
        0xF6 => 'ư',
        0xD6 => 'Ư',
        0xF1 => 'đ',
        0xD1 => 'Đ',
        0xED => 'í',
        0xCD => 'Í',
        0xEC => 'ì',
        0xCC => 'Ì',
        0xE6 => 'ỉ',
        0xC6 => 'Ỉ',
        0xF3 => 'ĩ',
        0xD3 => 'Ĩ',
        0xF2 => 'ị',
        0xD2 => 'Ị',
        0xEE => 'ỵ',
        0xCE => 'Ỵ',
        _ => return None,
    })
}

/// Well-formed Vietnamese words minus malformed ones, counting only words with non-ASCII letters.
fn vietnamese_score(text: &str) -> i64 {
    let mut score = 0;
    let words = text
        .split(|c: char| c.is_ascii_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit());
    for word in words {
        let word = word.trim_matches(|c: char| {
            !c.is_alphabetic() && !unicode_normalization::char::is_combining_mark(c)
        });
        if word.is_ascii() {
            continue;
        }
        score += if is_vietnamese_syllable(word) { 1 } else { -1 };
    }
    score
}

const VOWELS: &str = "aăâeêioôơuưy";
const INITIALS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oao", "oay", "oeo",
    "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu",
];
/// Nuclei that end the syllable: they take no final consonant.
const OPEN_NUCLEI: &[&str] = &[
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu",
];
const FINALS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tone {
    Level,
    Acute,
    DotBelow,
    Other,
}

/// True when `word` is one well-formed Vietnamese syllable (any case, NFC or NFD): a known
/// initial, vowel nucleus and final, one tone at most, and a stop final (c, ch, p, t) only with
/// the acute or dot-below tone.
fn is_vietnamese_syllable(word: &str) -> bool {
    let mut letters: Vec<char> = Vec::new();
    let mut tone = Tone::Level;
    for c in word.nfd().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | 'đ' => letters.push(c),
            '\u{0302}' | '\u{0306}' | '\u{031B}' => {
                let Some(last) = letters.last_mut() else {
                    return false;
                };
                *last = match (*last, c) {
                    ('a', '\u{0302}') => 'â',
                    ('a', '\u{0306}') => 'ă',
                    ('e', '\u{0302}') => 'ê',
                    ('o', '\u{0302}') => 'ô',
                    ('o', '\u{031B}') => 'ơ',
                    ('u', '\u{031B}') => 'ư',
                    _ => return false,
                };
            }
            '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}' => {
                let on_vowel = letters.last().is_some_and(|l| VOWELS.contains(*l));
                if tone != Tone::Level || !on_vowel {
                    return false;
                }
                tone = match c {
                    '\u{0301}' => Tone::Acute,
                    '\u{0323}' => Tone::DotBelow,
                    _ => Tone::Other,
                };
            }
            _ => return false,
        }
    }
    if letters.len() > 7 {
        return false;
    }
    let is_vowel = |c: &char| VOWELS.contains(*c);
    let Some(first_vowel) = letters.iter().position(is_vowel) else {
        return false;
    };
    let (initial, mut rest) = letters.split_at(first_vowel);
    let mut initial: String = initial.iter().collect();
    if initial == "q" && rest.first() == Some(&'u') {
        initial.push('u');
        rest = rest.get(1..).unwrap_or_default();
    } else if initial == "g" && rest.first() == Some(&'i') && rest.get(1).is_some_and(is_vowel) {
        initial.push('i');
        rest = rest.get(1..).unwrap_or_default();
    }
    let nucleus_len = rest.iter().take_while(|c| is_vowel(c)).count();
    let (nucleus, coda) = rest.split_at(nucleus_len);
    let nucleus: String = nucleus.iter().collect();
    let coda: String = coda.iter().collect();
    let stop = matches!(coda.as_str(), "c" | "ch" | "p" | "t");
    INITIALS.contains(&initial.as_str())
        && NUCLEI.contains(&nucleus.as_str())
        && FINALS.contains(&coda.as_str())
        && (coda.is_empty() || !OPEN_NUCLEI.contains(&nucleus.as_str()))
        && (!stop || matches!(tone, Tone::Acute | Tone::DotBelow))
}

#[cfg(test)]
mod tests {
    use super::*;

    // "Đăng ký tạm trú" and "Quyết định thành lập Tổ công tác", encoded by hand from the code
    // tables (the TCVN3 and Windows-1258 bytes agree with iconv's TCVN5712-1 and WINDOWS-1258).
    const TCVN3_DANG_KY: &[u8] = &[
        0xA7, 0xA8, b'n', b'g', b' ', b'k', 0xFD, b' ', b't', 0xB9, b'm', b' ', b't', b'r', 0xF3,
    ];
    const TCVN3_QUYET_DINH: &[u8] = &[
        b'Q', b'u', b'y', 0xD5, b't', b' ', 0xAE, 0xDE, b'n', b'h', b' ', b't', b'h', 0xB5, b'n',
        b'h', b' ', b'l', 0xCB, b'p', b' ', b'T', 0xE6, b' ', b'c', 0xAB, b'n', b'g', b' ', b't',
        0xB8, b'c',
    ];
    const CP1258_DANG_KY: &[u8] = &[
        0xD0, 0xE3, b'n', b'g', b' ', b'k', b'y', 0xEC, b' ', b't', b'a', 0xF2, b'm', b' ', b't',
        b'r', 0xFA,
    ];
    const CP1258_QUYET_DINH: &[u8] = &[
        b'Q', b'u', b'y', 0xEA, 0xEC, b't', b' ', 0xF0, b'i', 0xF2, b'n', b'h', b' ', b't', b'h',
        0xE0, b'n', b'h', b' ', b'l', 0xE2, 0xF2, b'p', b' ', b'T', 0xF4, 0xD2, b' ', b'c', 0xF4,
        b'n', b'g', b' ', b't', 0xE1, b'c',
    ];
    const VNI_DANG_KY: &[u8] = &[
        0xD1, b'a', 0xEA, b'n', b'g', b' ', b'k', b'y', 0xF9, b' ', b't', b'a', 0xEF, b'm', b' ',
        b't', b'r', b'u', 0xF9,
    ];
    const VNI_QUYET_DINH: &[u8] = &[
        b'Q', b'u', b'y', b'e', 0xE1, b't', b' ', 0xF1, 0xF2, b'n', b'h', b' ', b't', b'h', b'a',
        0xF8, b'n', b'h', b' ', b'l', b'a', 0xE4, b'p', b' ', b'T', b'o', 0xE5, b' ', b'c', b'o',
        0xE2, b'n', b'g', b' ', b't', b'a', 0xF9, b'c',
    ];

    fn problem(bytes: &[u8]) -> EncodingProblem {
        match decode_utf8(bytes) {
            Ok(text) => panic!("{bytes:?} should be refused, decoded as {text:?}"),
            Err(p) => p,
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_utf8("Đăng ký".as_bytes()).as_deref(), Ok("Đăng ký"));
        let mut with_bom = UTF8_BOM.to_vec();
        with_bom.extend_from_slice("---\nloai: ke-hoach\n".as_bytes());
        assert_eq!(
            decode_utf8(&with_bom).as_deref(),
            Ok("---\nloai: ke-hoach\n")
        );
        assert_eq!(decode_utf8(b"").as_deref(), Ok(""));
        assert_eq!(decode_utf8(UTF8_BOM).as_deref(), Ok(""));
    }

    #[test]
    fn line_endings_are_kept() {
        assert_eq!(decode_utf8(b"a\r\nb\rc\n").as_deref(), Ok("a\r\nb\rc\n"));
    }

    #[test]
    fn utf16_and_utf32_are_refused_at_1_1() {
        let text = "Đăng ký tạm trú\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let p = problem(&le);
        assert_eq!(p.encoding, Encoding::Utf16Le);
        assert_eq!((p.line, p.column), (1, 1));
        assert_eq!(
            p.message,
            "Tệp được lưu dạng UTF-16 LE (Unicode), không phải UTF-8."
        );
        assert!(p.hint.contains("Save with Encoding → UTF-8"), "{}", p.hint);
        assert_eq!(problem(&be).encoding, Encoding::Utf16Be);

        // Without a BOM, the NUL bytes give it away.
        let bare: Vec<u8> = "loai: ke-hoach\ntrich_yeu: Kế hoạch\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(problem(&bare).encoding, Encoding::Utf16Le);
        let bare_be: Vec<u8> = "loai: ke-hoach\ntrich_yeu: Kế hoạch\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(problem(&bare_be).encoding, Encoding::Utf16Be);

        let utf32: Vec<u8> = [0xFF, 0xFE, 0, 0]
            .into_iter()
            .chain("ab".chars().flat_map(|c| u32::from(c).to_le_bytes()))
            .collect();
        assert_eq!(problem(&utf32).encoding, Encoding::Utf32Le);
        let bare32: Vec<u8> = "loai: ke-hoach\n"
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        assert_eq!(problem(&bare32).encoding, Encoding::Utf32Be);
    }

    #[test]
    fn excel_gets_excel_advice() {
        let bare: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("ho_ten,chuc_vu\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let p = decode_csv(&bare).expect_err("UTF-16 CSV is refused");
        assert!(p.hint.contains("CSV UTF-8 (Comma delimited)"), "{}", p.hint);
        let p = decode_csv(CP1258_DANG_KY).expect_err("cp1258 CSV is refused");
        assert_eq!(p.encoding, Encoding::Windows1258);
        assert!(p.hint.contains("Lưu dưới dạng"), "{}", p.hint);
        assert!(p.hint.contains("CSV UTF-8 (Comma delimited)"), "{}", p.hint);
        let p = decode_csv(TCVN3_DANG_KY).expect_err("TCVN3 CSV is refused");
        assert!(p.hint.contains("Công cụ chuyển mã"), "{}", p.hint);
        assert!(p.hint.contains("CSV UTF-8"), "{}", p.hint);
    }

    #[test]
    fn nul_bytes_are_located() {
        let p = problem(b"---\nloai: ke-hoach\ntrich\0_yeu: x\n");
        assert_eq!(p.encoding, Encoding::Utf8);
        assert_eq!((p.line, p.column), (3, 6));
        assert!(p.message.contains("NUL"), "{}", p.message);
        let p = problem("Đăng ký\r\nĐ\0".as_bytes());
        assert_eq!((p.line, p.column), (2, 2));
    }

    #[test]
    fn tcvn3_is_recognised() {
        for sample in [TCVN3_DANG_KY, TCVN3_QUYET_DINH] {
            assert_eq!(guess_legacy_encoding(sample), Encoding::Tcvn3);
            let p = problem(sample);
            assert_eq!(p.encoding, Encoding::Tcvn3);
            assert!(p.message.contains("TCVN3 (ABC)"), "{}", p.message);
            assert!(
                p.hint.contains("Nguồn: TCVN3 (ABC), Đích: Unicode"),
                "{}",
                p.hint
            );
            assert!(p.hint.contains("Ctrl+Shift+F6"), "{}", p.hint);
        }
        assert_eq!(
            decode_for_guess(TCVN3_DANG_KY, Encoding::Tcvn3),
            "Đăng ký tạm trú"
        );
        assert_eq!(
            decode_for_guess(TCVN3_QUYET_DINH, Encoding::Tcvn3),
            "Quyết định thành lập Tổ công tác"
        );
    }

    #[test]
    fn vni_is_recognised() {
        for sample in [VNI_DANG_KY, VNI_QUYET_DINH] {
            assert_eq!(guess_legacy_encoding(sample), Encoding::Vni);
            let p = problem(sample);
            assert_eq!(p.encoding, Encoding::Vni);
            assert!(p.hint.contains("Nguồn: VNI Windows"), "{}", p.hint);
        }
        assert_eq!(
            decode_for_guess(VNI_DANG_KY, Encoding::Vni),
            "Đăng ký tạm trú"
        );
        assert_eq!(
            decode_for_guess(VNI_QUYET_DINH, Encoding::Vni),
            "Quyết định thành lập Tổ công tác"
        );
    }

    #[test]
    fn windows_1258_is_recognised() {
        for sample in [CP1258_DANG_KY, CP1258_QUYET_DINH] {
            assert_eq!(guess_legacy_encoding(sample), Encoding::Windows1258);
            let p = problem(sample);
            assert_eq!(p.encoding, Encoding::Windows1258);
            assert!(p.hint.contains("Vietnamese (Windows 1258)"), "{}", p.hint);
        }
        assert_eq!(
            decode_for_guess(CP1258_DANG_KY, Encoding::Windows1258),
            "Đăng ký tạm trú"
        );
        assert_eq!(
            decode_for_guess(CP1258_QUYET_DINH, Encoding::Windows1258),
            "Quyết định thành lập Tổ công tác"
        );
    }

    #[test]
    fn first_bad_byte_is_located_after_valid_text() {
        let mut bytes = "---\nloai: quyet-dinh\r\ntrich_yeu: ".as_bytes().to_vec();
        bytes.extend_from_slice(TCVN3_QUYET_DINH);
        bytes.extend_from_slice(b"\n---\n");
        let p = problem(&bytes);
        assert_eq!(p.encoding, Encoding::Tcvn3);
        // `trich_yeu: ` (11 characters), `Quy`, then 0xD5 (ế) in column 15.
        assert_eq!((p.line, p.column), (3, 15));
        assert!(p.message.contains("0xD5"), "{}", p.message);

        let mut bytes = "Thôn Đông\rab ".as_bytes().to_vec();
        bytes.extend_from_slice(VNI_DANG_KY);
        let p = problem(&bytes);
        assert_eq!((p.line, p.column), (2, 4));
    }

    #[test]
    fn longer_documents_are_recognised() {
        let text = "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác triển khai Đề án 06 của huyện\n\
                    Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\
                    Điều 1. Thành lập Tổ công tác, gồm các ông (bà) có tên sau đây.\n\
                    Điều 2. Tổ công tác có nhiệm vụ hướng dẫn người dân đăng ký tạm trú, \
                    thường trú trực tuyến trên Cổng Dịch vụ công quốc gia.\n";
        let tcvn3 = encode_tcvn3(text);
        assert_eq!(guess_legacy_encoding(&tcvn3), Encoding::Tcvn3);
        let vni = encode_vni(text);
        assert_eq!(guess_legacy_encoding(&vni), Encoding::Vni);
        let cp1258 = encode_cp1258(text);
        assert_eq!(guess_legacy_encoding(&cp1258), Encoding::Windows1258);
        assert_eq!(decode_for_guess(&cp1258, Encoding::Windows1258), text);
        assert_eq!(decode_for_guess(&vni, Encoding::Vni), text);
    }

    #[test]
    fn not_vietnamese_is_unknown() {
        // Latin-1 French and random high bytes.
        let p = problem(b"Caf\xe9 cr\xe8me br\xfbl\xe9e");
        assert_eq!(p.encoding, Encoding::Unknown);
        assert_eq!(
            p.message,
            "Tệp không ở dạng UTF-8 (byte 0xE9 không hợp lệ trong UTF-8)."
        );
        assert_eq!(
            guess_legacy_encoding(&[0xFF, 0xFF, 0x80]),
            Encoding::Unknown
        );
        assert_eq!(guess_legacy_encoding(b""), Encoding::Unknown);
    }

    #[test]
    fn syllables() {
        for good in [
            "Đăng", "ký", "tạm", "trú", "quyết", "định", "nghiêng", "người", "được", "khuyến",
            "giữa", "gì", "thuở", "QUYẾT", "ĐỊNH", "Việt", "hoặc", "khuya", "ươm",
        ] {
            assert!(is_vietnamese_syllable(good), "{good}");
        }
        for bad in [
            "Ñaêng", "kyù", "taïm", "truù", "Quyeát", "kyì", "aiêng", "tàc", "naim", "ñ", "café",
            "straße",
        ] {
            assert!(!is_vietnamese_syllable(bad), "{bad}");
        }
    }

    fn encode_tcvn3(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for ch in text.chars() {
            if ch.is_ascii() {
                out.push(ch as u8);
                continue;
            }
            let lower = ch.to_lowercase().next().unwrap_or(ch);
            let code = (0xA1..=0xFE)
                .find(|b| tcvn3_char(*b) == Some(ch))
                .or_else(|| (0xA1..=0xFE).find(|b| tcvn3_char(*b) == Some(lower)))
                .expect("every Vietnamese letter has a TCVN3 code");
            out.push(code);
        }
        out
    }

    fn encode_cp1258(text: &str) -> Vec<u8> {
        let single = |c: char| -> Option<u8> {
            if c.is_ascii() {
                Some(c as u8)
            } else {
                (0xA1..=0xFF).find(|b| cp1258_char(*b) == c)
            }
        };
        let mut out = Vec::new();
        for ch in text.chars() {
            if let Some(b) = single(ch) {
                out.push(b);
                continue;
            }
            // A letter with its shape mark, then the tone as a combining byte.
            let is_tone = |c: &char| "\u{0300}\u{0301}\u{0303}\u{0309}\u{0323}".contains(*c);
            let decomposed: Vec<char> = std::iter::once(ch).nfd().collect();
            let tone = decomposed.iter().copied().find(is_tone).expect("a tone");
            let base: String = decomposed
                .iter()
                .copied()
                .filter(|c| !is_tone(c))
                .nfc()
                .collect();
            let base_char = base.chars().next().expect("a base letter");
            out.push(single(base_char).expect("every base letter has a code"));
            out.push(single(tone).expect("every tone has a code"));
        }
        out
    }

    fn encode_vni(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for ch in text.chars() {
            if ch.is_ascii() {
                out.push(ch as u8);
                continue;
            }
            if let Some(code) = (0x80..=0xFF).find(|b| vni_letter(*b) == Some(ch)) {
                out.push(code);
                continue;
            }
            // A base letter (ơ and ư are letters of their own) and one modifier byte.
            let decomposed: Vec<char> = std::iter::once(ch).nfd().collect();
            let first = decomposed.first().copied().expect("a letter");
            let (base, base_byte) = match (first, decomposed.contains(&'\u{031B}')) {
                ('o', true) => ('ơ', 0xF4),
                ('O', true) => ('Ơ', 0xD4),
                ('u', true) => ('ư', 0xF6),
                ('U', true) => ('Ư', 0xD6),
                (ascii, _) => (ascii, ascii as u8),
            };
            out.push(base_byte);
            let upper = ch.is_uppercase();
            let code = (0x80..=0xFF)
                .filter(|b| (*b >= 0xE0) != upper)
                .find(|b| {
                    vni_modifier(*b).is_some_and(|marks| {
                        let composed: String =
                            std::iter::once(base).chain(marks.chars()).nfc().collect();
                        composed == ch.to_string()
                    })
                })
                .expect("every Vietnamese letter has a VNI modifier");
            out.push(code);
        }
        out
    }
}
