//! "Did you mean": the one helper that proposes the nearest known name for a mistyped one (keys,
//! `loai`, CSV columns, guide names, attachment paths, link targets, diagnostic codes).
//!
//! Names are compared folded (diacritics dropped, lowercase, ` `, `-` and `_` alike), so a key typed
//! with diacritics (`trích_yếu`) or with the wrong joiner (`so-hieu`) finds its name. A proposal is
//! made only within a distance limit: a far-fetched "did you mean" misleads more than none. Ties
//! go to the alphabetically first candidate, so the same input always proposes the same name.

/// Edits allowed between a word and its proposal: two, or a third of the word for long words.
fn limit(word: &str) -> usize {
    2.max(word.chars().count() / 3)
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

#[cfg(test)]
mod tests {
    use super::closest;

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
