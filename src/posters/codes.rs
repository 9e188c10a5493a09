//! `/q/` codes and the addresses printed with them (SPEC §7, §9 "QR codes").
//!
//! A code is derived from its target path by a fixed hash, so the same target gets the same code
//! on every machine, and a ledger lost from Git would be rebuilt with the codes already printed.
//! The ledger stays the authority: a code already in it is never given to another target.
//! Nothing here may change once posters are printed: the hash, the alphabet and the length
//! decide which codes exist.

use super::CODE_ALPHABET;
use std::collections::BTreeSet;

/// 5 characters of a 31-letter alphabet: 28 million codes, short to type, and a province's
/// few thousand codes almost never meet; when they do, the next attempt is taken.
pub const CODE_LEN: usize = 5;

/// FNV-1a 64 followed by the SplitMix64 finisher: tiny, fixed forever, well spread.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The `attempt`-th candidate code for a target path.
pub fn candidate(target: &str, attempt: u32) -> String {
    let alphabet = CODE_ALPHABET.as_bytes();
    let base = alphabet.len() as u64;
    let mut n = hash(format!("niemyet/q\0{target}\0{attempt}").as_bytes());
    let mut code = String::with_capacity(CODE_LEN);
    for _ in 0..CODE_LEN {
        code.push(char::from(alphabet[(n % base) as usize]));
        n /= base;
    }
    code
}

/// A code for `target` that is not in `taken`.
pub fn new_code(target: &str, taken: &BTreeSet<String>) -> String {
    (0u32..)
        .map(|a| candidate(target, a))
        .find(|c| !taken.contains(c))
        .expect("28 million codes cannot all be taken by one site")
}

/// `/khu-dan-cu/x/` from `khu-dan-cu/x`, `/khu-dan-cu/x`, ...: the form ledger targets compare in.
pub fn normalize_target(t: &str) -> String {
    let t = t.trim().trim_matches('/');
    if t.is_empty() {
        "/".into()
    } else {
        format!("/{t}/")
    }
}

/// What the symbol encodes: `HTTPS://HOST/BASE-PATH/q/code/`. Scheme and host are
/// case-insensitive, so they are uppercased for QR alphanumeric mode (the encoder puts them in an
/// alphanumeric segment and the path in a byte segment); the path is exactly the published one,
/// lowercase, since static hosts may be case-sensitive (SPEC §7).
pub fn qr_data(base_url: &str, code: &str) -> String {
    let rest = base_url.strip_prefix("https://").unwrap_or(base_url);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path = path.trim_matches('/');
    let path = if path.is_empty() {
        String::new()
    } else {
        format!("{path}/")
    };
    format!(
        "HTTPS://{}/{path}q/{}/",
        host.to_ascii_uppercase(),
        code.to_ascii_lowercase()
    )
}

/// The site's short address, printed at the foot of a poster: `host/base-path` (no scheme, the
/// host in lowercase, the base path as published).
pub fn site_address(base_url: &str) -> String {
    let rest = base_url.strip_prefix("https://").unwrap_or(base_url);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path = path.trim_matches('/');
    let mut out = host.to_ascii_lowercase();
    if !path.is_empty() {
        out.push('/');
        out.push_str(path);
    }
    out
}

/// What a person types, printed under the big code: the site's short address and `/q/code`
/// (the `/q/` page of the build).
pub fn typed_address(base_url: &str, code: &str) -> String {
    format!("{}/q/{}", site_address(base_url), code.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_short_and_from_the_alphabet() {
        let c = candidate("/khu-dan-cu/huong-phu/thon-2/", 0);
        assert_eq!(c.len(), CODE_LEN);
        assert!(c.chars().all(|ch| CODE_ALPHABET.contains(ch)));
        assert_eq!(c, candidate("/khu-dan-cu/huong-phu/thon-2/", 0));
        assert_ne!(c, candidate("/khu-dan-cu/huong-phu/thon-2/", 1));
        assert_ne!(c, candidate("/khu-dan-cu/huong-phu/thon-4/", 0));
    }

    #[test]
    fn a_taken_code_is_never_given_again() {
        let t = "/dich-vu/dang-ky-tam-tru/";
        let first = candidate(t, 0);
        let taken: BTreeSet<String> = [first.clone()].into();
        let c = new_code(t, &taken);
        assert_ne!(c, first);
        assert_eq!(c, candidate(t, 1));
    }

    #[test]
    fn addresses() {
        assert_eq!(
            qr_data("https://namdong.example.gov.vn/", "K7M2X"),
            "HTTPS://NAMDONG.EXAMPLE.GOV.VN/q/k7m2x/"
        );
        assert_eq!(
            qr_data("https://example.gov.vn/NamDong", "K7M2X"),
            "HTTPS://EXAMPLE.GOV.VN/NamDong/q/k7m2x/"
        );
        assert_eq!(
            typed_address("https://Example.gov.vn/nam-dong/", "K7M2X"),
            "example.gov.vn/nam-dong/q/k7m2x"
        );
        assert_eq!(
            site_address("https://Example.gov.vn/nam-dong/"),
            "example.gov.vn/nam-dong"
        );
        assert_eq!(normalize_target("khu-dan-cu/a"), "/khu-dan-cu/a/");
    }
}
