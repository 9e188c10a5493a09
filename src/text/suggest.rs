//! "Did you mean": the one helper that proposes the nearest known name for a mistyped one (keys,
//! `loai`, CSV columns, guide names, attachment paths, link targets, diagnostic codes).
//!
//! Names are compared folded (diacritics dropped, lowercase, ` `, `-` and `_` alike), so a key typed
//! with diacritics (`trích_yếu`) or with the wrong joiner (`so-hieu`) finds its name. A proposal is
//! made only within a distance limit: a far-fetched "did you mean" misleads more than none. Ties
//! go to the alphabetically first candidate, so the same input always proposes the same name.

/// Edits allowed between a word and its proposal: two, or a quarter of a long word. Tighter
/// would miss `trich_yue`; looser proposes `to-truong` (the leader) for `pho-to-truong` (a deputy).
fn limit(word: &str) -> usize {
    2.max(word.chars().count() / 4)
}

fn fold(s: &str) -> String {
    deunicode::deunicode(s)
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// The candidate nearest to `word`, when near enough to be a typo of it.
pub fn closest<I, S>(word: &str, candidates: I) -> Option<S>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let folded = fold(word);
    let max = limit(&folded);
    candidates
        .into_iter()
        .map(|c| {
            let d = strsim::damerau_levenshtein(&folded, &fold(c.as_ref()));
            (d, c)
        })
        .filter(|(d, _)| *d <= max)
        .min_by(|(da, a), (db, b)| da.cmp(db).then_with(|| a.as_ref().cmp(b.as_ref())))
        .map(|(_, c)| c)
}

/// The page most likely to have replaced `old` (`/khu-dan-cu/thon-1/`): the nearest, by spelling,
/// of the `candidates` in the same folder (`/khu-dan-cu/thon-mot/`), however far. For a printed
/// code whose page is gone (SPEC §7 `chuyen_den`): a suggestion to confirm, never applied.
pub fn nearest_sibling<'a>(
    old: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let trimmed = old.trim_end_matches('/');
    let (parent, _) = trimmed.rsplit_once('/')?;
    let parent = format!("{parent}/");
    candidates
        .into_iter()
        .filter(|c| {
            c.strip_prefix(parent.as_str()).is_some_and(|rest| {
                let rest = rest.trim_end_matches('/');
                !rest.is_empty() && !rest.contains('/')
            })
        })
        .min_by_key(|c| {
            (
                strsim::damerau_levenshtein(trimmed, c.trim_end_matches('/')),
                *c,
            )
        })
        .map(str::to_string)
}

/// "Có phải ý bạn là `x`?" for the nearest candidate, or `None`: the one wording of every hint.
pub fn did_you_mean<I, S>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    closest(word, candidates).map(|c| format!("Có phải ý bạn là `{}`?", c.as_ref()))
}

/// The hint for a value outside a closed set: the nearest value when there is one, then all.
pub fn one_of_hint(word: &str, values: &[&str]) -> String {
    let all = format!("Dùng một trong: {}.", values.join(", "));
    match did_you_mean(word, values.iter().copied()) {
        Some(near) => format!("{near} {all}"),
        None => all,
    }
}

#[cfg(test)]
mod tests {
    use super::{closest, nearest_sibling, one_of_hint};

    #[test]
    fn a_vanished_page_gets_its_nearest_sibling() {
        let pages = [
            "/",
            "/khu-dan-cu/",
            "/khu-dan-cu/thon-mot/",
            "/khu-dan-cu/thon-dong-tam/",
            "/van-ban/thon-1/",
        ];
        assert_eq!(
            nearest_sibling("/khu-dan-cu/thon-1/", pages).as_deref(),
            Some("/khu-dan-cu/thon-mot/")
        );
        assert_eq!(nearest_sibling("/khu-dan-cu/xa/thon-1/", pages), None);
    }

    #[test]
    fn hints_for_closed_sets_name_the_nearest_value_first() {
        let roles = ["to-truong", "to-pho", "thu-ky"];
        assert_eq!(
            one_of_hint("to truong", &roles),
            "Có phải ý bạn là `to-truong`? Dùng một trong: to-truong, to-pho, thu-ky."
        );
        assert_eq!(
            one_of_hint("abcdefgh", &roles),
            "Dùng một trong: to-truong, to-pho, thu-ky."
        );
    }

    #[test]
    fn proposes_near_names_only() {
        let known = ["trich_yeu", "so_hieu", "loai"];
        assert_eq!(closest("trich_yue", known), Some("trich_yeu"));
        assert_eq!(closest("trích_yếu", known), Some("trich_yeu"));
        assert_eq!(closest("so-hieu", known), Some("so_hieu"));
        assert_eq!(closest("hoan_toan_khac", known), None);
        assert_eq!(closest("", known), None);
    }

    #[test]
    fn ties_go_to_the_first_name_alphabetically() {
        assert_eq!(closest("thon-3", ["thon-4", "thon-2"]), Some("thon-2"));
    }

    #[test]
    fn long_paths_allow_a_few_more_edits() {
        let files = ["tep/2024/Phu-luc-1.pdf", "tep/2023/bao-cao.pdf"];
        assert_eq!(
            closest("tep/2024/phu-luc.pdf", files),
            Some("tep/2024/Phu-luc-1.pdf")
        );
    }
}
