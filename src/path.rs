/// Appends `key` to `parent`. A key of letters, digits, `_`, `$` and `@`, with dots between such
/// parts as in `@odata.type`, is written plainly. Any other key is quoted in brackets.
///
/// ```
/// use graph_access_package::path::join;
///
/// assert_eq!(join("", "displayName"), "displayName");
/// assert_eq!(join("catalog", "id"), "catalog.id");
/// assert_eq!(join("", "display name"), r#"["display name"]"#);
/// ```
pub fn join(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '@'))
        });
    match (parent.is_empty(), plain) {
        (true, true) => key.to_owned(),
        (false, true) => format!("{parent}.{key}"),
        (_, false) => format!("{parent}[{}]", crate::value::json_string(key)),
    }
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn plain_keys_join_with_dots() {
        assert_eq!(join("", "displayName"), "displayName");
        assert_eq!(join("catalog", "id"), "catalog.id");
        assert_eq!(join("", "@odata.type"), "@odata.type");
    }

    #[test]
    fn odd_keys_are_quoted() {
        assert_eq!(join("", "display name"), "[\"display name\"]");
        assert_eq!(join("catalog", ""), "catalog[\"\"]");
        assert_eq!(join("", "a\"b"), "[\"a\\\"b\"]");
        assert_eq!(join("", "a\u{7f}b"), "[\"a\\u007fb\"]");
    }
}
