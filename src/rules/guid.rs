//! GUIDs: 8-4-4-4-12 hex digits, any case in, lowercase out.

use crate::problem::{Code, Problem};
use crate::value::quote;

const NIL: &str = "00000000-0000-0000-0000-000000000000";

/// Checks that `text` is a GUID and returns it in lowercase.
///
/// The RFC 4122 version and variant digits are not checked, because Graph's own ids do not
/// follow them.
///
/// # Errors
///
/// Returns one problem at `path`: `guid_whitespace` for `" 66584aae-… "`, `guid_braces` for
/// `"{66584aae-…}"`, `guid_urn_prefix` for `"urn:uuid:66584aae-…"`, `nil_guid` for all zeros,
/// `catalog_name_not_id` for text such as `"HR"` that looks like a name, and `not_a_guid` for
/// anything else.
///
/// ```
/// use graph_access_package::{problem::Code, rules::guid::check_guid};
///
/// let id = check_guid("catalogId", "66584AAE-98BB-48CC-9458-7BEE5D2A6577").unwrap();
/// assert_eq!(id, "66584aae-98bb-48cc-9458-7bee5d2a6577");
///
/// let braces = "{66584aae-98bb-48cc-9458-7bee5d2a6577}";
/// assert_eq!(check_guid("catalogId", braces).unwrap_err().code, Code::GuidBraces);
/// assert_eq!(check_guid("catalogId", "HR").unwrap_err().code, Code::CatalogNameNotId);
/// ```
pub fn check_guid(path: &str, text: &str) -> Result<String, Problem> {
    if is_guid(text) {
        if text == NIL {
            return Err(Problem::error(
                path,
                Code::NilGuid,
                format!("{path} must be a real id, got the nil GUID {NIL}"),
            ));
        }
        return Ok(text.to_ascii_lowercase());
    }
    Err(classify(path, text))
}

fn classify(path: &str, text: &str) -> Problem {
    let found = quote(text);
    let trimmed = text.trim();
    if trimmed != text && !trimmed.is_empty() {
        return Problem::error(
            path,
            Code::GuidWhitespace,
            format!("{path} must be a GUID without surrounding spaces, got {found}"),
        );
    }
    if trimmed.starts_with('{') && trimmed.ends_with('}') {
        return Problem::error(
            path,
            Code::GuidBraces,
            format!("{path} must be a GUID without braces, got {found}"),
        );
    }
    let urn_prefix = trimmed.get(..9).filter(|_| trimmed.len() > 9);
    if urn_prefix.is_some_and(|prefix| prefix.eq_ignore_ascii_case("urn:uuid:")) {
        return Problem::error(
            path,
            Code::GuidUrnPrefix,
            format!("{path} must be a GUID without the urn:uuid: prefix, got {found}"),
        );
    }
    if looks_like_name(trimmed) {
        let (id, name) = if path.contains("catalog") {
            ("the catalog's id", "a catalog name")
        } else {
            ("an id", "a name")
        };
        return Problem::error(
            path,
            Code::CatalogNameNotId,
            format!(
                "{path} must be {id}, a GUID like 8-4-4-4-12 hex digits, \
                 got {found}, which looks like {name}"
            ),
        );
    }
    Problem::error(
        path,
        Code::NotAGuid,
        format!("{path} must be a GUID like 8-4-4-4-12 hex digits, got {found}"),
    )
}

/// Returns true for 8-4-4-4-12 hex digits in any case, including the nil GUID, which
/// [`check_guid`] rejects.
///
/// ```
/// use graph_access_package::rules::guid::is_guid;
///
/// assert!(is_guid("66584AAE-98bb-48cc-9458-7bee5d2a6577"));
/// assert!(is_guid("00000000-0000-0000-0000-000000000000"));
/// assert!(!is_guid("66584aae98bb48cc94587bee5d2a6577"));
/// ```
pub fn is_guid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            8 | 13 | 18 | 23 => *byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        })
}

/// Returns true for text with a letter beyond a-f, or a space between words, as names have.
fn looks_like_name(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_alphabetic() && !c.is_ascii_hexdigit())
        || text.trim().contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(text: &str) -> Code {
        check_guid("catalogId", text).unwrap_err().code
    }

    #[test]
    fn guid_lowercased() {
        let id = check_guid("catalogId", "66584AAE-98BB-48CC-9458-7BEE5D2A6577").unwrap();
        assert_eq!(id, "66584aae-98bb-48cc-9458-7bee5d2a6577");
    }

    #[test]
    fn guid_version_digit_not_checked() {
        assert!(check_guid("catalogId", "d16961bf-61bf-d169-bf61-69d1bf6169d1").is_ok());
    }

    #[test]
    fn guid_mistakes_have_codes() {
        let guid = "66584aae-98bb-48cc-9458-7bee5d2a6577";
        assert_eq!(code_of(&format!(" {guid} ")), Code::GuidWhitespace);
        assert_eq!(code_of(&format!("{{{guid}}}")), Code::GuidBraces);
        assert_eq!(code_of(&format!("urn:uuid:{guid}")), Code::GuidUrnPrefix);
        assert_eq!(code_of(NIL), Code::NilGuid);
        assert_eq!(code_of("HR"), Code::CatalogNameNotId);
        assert_eq!(code_of("Sales and Marketing"), Code::CatalogNameNotId);
        assert_eq!(code_of("66584aae98bb48cc94587bee5d2a6577"), Code::NotAGuid);
        assert_eq!(code_of(""), Code::NotAGuid);
    }

    #[test]
    fn multibyte_character_at_prefix_end() {
        // The ninth byte falls inside "é" and inside "🚀", where a byte slice would panic.
        let problem = check_guid("catalogId", "12345678é-0000").unwrap_err();
        assert_eq!(problem.path, "catalogId");
        assert_eq!(problem.code, Code::CatalogNameNotId);
        let problem = check_guid("options.assignmentPolicyId", "1234567🚀00").unwrap_err();
        assert_eq!(problem.path, "options.assignmentPolicyId");
        assert_eq!(problem.code, Code::NotAGuid);
    }

    #[test]
    fn catalog_name_message() {
        let problem = check_guid("catalogId", "HR").unwrap_err();
        assert_eq!(
            problem.message,
            "catalogId must be the catalog's id, a GUID like 8-4-4-4-12 hex digits, \
             got \"HR\", which looks like a catalog name"
        );
    }
}
