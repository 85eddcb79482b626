//! The closest known property name to a misspelled one.

/// Returns the candidate closest to `name`, when one is near enough to be a likely typo:
/// the same letters in another case, or at most a third of the letters edited.
///
/// ```
/// use graph_access_package::rules::suggest::closest;
///
/// let names = ["displayName", "description", "isHidden", "catalogId"];
/// assert_eq!(closest("dispalyName", &names), Some("displayName"));
/// assert_eq!(closest("catalogID", &names), Some("catalogId"));
/// assert_eq!(closest("owner", &names), None);
/// ```
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lowered = name.to_lowercase();
    let limit = (lowered.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|candidate| {
            (
                edit_distance(&lowered, &candidate.to_lowercase()),
                *candidate,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Returns the Levenshtein distance between `a` and `b`, counted in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, a_char) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, b_char) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_char != *b_char);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &[
        "displayName",
        "description",
        "isHidden",
        "catalogId",
        "@odata.type",
    ];

    #[test]
    fn typos_find_their_name() {
        assert_eq!(closest("displayname", NAMES), Some("displayName"));
        assert_eq!(closest("DisplayName", NAMES), Some("displayName"));
        assert_eq!(closest("dispalyName", NAMES), Some("displayName"));
        assert_eq!(closest("isHiden", NAMES), Some("isHidden"));
        assert_eq!(closest("catalogID", NAMES), Some("catalogId"));
        assert_eq!(closest("@odata.Type", NAMES), Some("@odata.type"));
        assert_eq!(closest("odata.type", NAMES), Some("@odata.type"));
    }

    #[test]
    fn unrelated_names_find_none() {
        assert_eq!(closest("owner", NAMES), None);
        assert_eq!(closest("x", NAMES), None);
    }
}
