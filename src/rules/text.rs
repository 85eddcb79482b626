//! String properties: JSON strings of valid Unicode, without control characters.

use crate::problem::{Code, Problem};
use crate::value::{quote, Value};

/// The set of control characters a property allows.
///
/// ```
/// use graph_access_package::{rules::text::{check_text, Lines}, value::Value};
///
/// let two_lines = Value::String("sales\nreps".to_owned());
/// assert!(check_text("description", &two_lines, Lines::Multi).is_ok());
/// assert!(check_text("displayName", &two_lines, Lines::Single).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    /// No control character at all, as in a display name.
    Single,
    /// Tab, CR and LF are allowed, as in a description.
    Multi,
}

/// Checks that `value` is a string of valid Unicode without control characters.
///
/// # Errors
///
/// Returns `not_a_string` for `12` or `null`, `invalid_unicode` for a JavaScript string with a
/// lone surrogate, and `control_character` for text such as `"a\u0007b"`.
///
/// ```
/// use graph_access_package::{problem::Code, rules::text::{check_text, Lines}, value::Value};
///
/// let name = Value::String("sales reps".to_owned());
/// assert_eq!(check_text("displayName", &name, Lines::Single).unwrap(), "sales reps");
///
/// let problem = check_text("displayName", &Value::Number(12.0), Lines::Single).unwrap_err();
/// assert_eq!(problem.code, Code::NotAString);
/// assert_eq!(problem.message, "displayName must be a string, got 12");
/// ```
pub fn check_text(path: &str, value: &Value, lines: Lines) -> Result<String, Problem> {
    let text = match value {
        Value::String(text) => text,
        Value::InvalidString => {
            return Err(Problem::error(
                path,
                Code::InvalidUnicode,
                format!("{path} must be valid Unicode text, got a string with a lone surrogate"),
            ))
        }
        other => {
            return Err(Problem::error(
                path,
                Code::NotAString,
                format!("{path} must be a string, got {}", other.describe()),
            ))
        }
    };
    match find_control(text, lines) {
        Some((position, c)) => Err(Problem::error(
            path,
            Code::ControlCharacter,
            format!(
                "{path} must not contain control characters, got U+{:04X} at character {position}",
                u32::from(c)
            ),
        )),
        None => Ok(text.clone()),
    }
}

fn find_control(text: &str, lines: Lines) -> Option<(usize, char)> {
    let allowed = |c: char| lines == Lines::Multi && matches!(c, '\t' | '\r' | '\n');
    text.chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && !allowed(*c))
}

/// Trims a display name, warning when there was whitespace to trim.
///
/// ```
/// use graph_access_package::{problem::Code, rules::text::trim_display_name};
///
/// let mut problems = Vec::new();
/// let name = trim_display_name("displayName", " sales reps ".to_owned(), &mut problems);
/// assert_eq!(name, "sales reps");
/// assert_eq!(problems[0].code, Code::WhitespaceTrimmed);
/// ```
pub fn trim_display_name(path: &str, text: String, problems: &mut Vec<Problem>) -> String {
    let trimmed = text.trim();
    if trimmed.len() == text.len() {
        return text;
    }
    problems.push(Problem::warning(
        path,
        Code::WhitespaceTrimmed,
        format!(
            "{path} had whitespace at its start or end, which was removed: {}",
            quote(&text)
        ),
    ));
    trimmed.to_owned()
}

/// Returns the error for a name that is empty or only whitespace.
///
/// ```
/// use graph_access_package::{problem::Code, rules::text::blank};
///
/// let problem = blank("displayName");
/// assert_eq!(problem.code, Code::Blank);
/// assert!(problem.is_error());
/// ```
pub fn blank(path: &str) -> Problem {
    Problem::error(
        path,
        Code::Blank,
        format!("{path} must not be blank, got an empty or whitespace-only string"),
    )
}

/// Returns the length of `text` in UTF-16 code units, as JavaScript and .NET count it.
///
/// ```
/// use graph_access_package::rules::text::utf16_length;
///
/// assert_eq!(utf16_length("équipe"), 6);
/// assert_eq!(utf16_length("sales 🚀"), 8);
/// ```
pub fn utf16_length(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::String(s.to_owned())
    }

    #[test]
    fn text_accepts_unicode() {
        let name = "Ventes 🚀 e\u{301}quipe שלום";
        assert_eq!(
            check_text("displayName", &text(name), Lines::Single).unwrap(),
            name
        );
    }

    #[test]
    fn text_rejects_non_strings() {
        let problem = check_text("displayName", &Value::Number(12.0), Lines::Single).unwrap_err();
        assert_eq!(problem.code, Code::NotAString);
        assert_eq!(problem.message, "displayName must be a string, got 12");
    }

    #[test]
    fn text_rejects_lone_surrogate() {
        let problem = check_text("description", &Value::InvalidString, Lines::Multi).unwrap_err();
        assert_eq!(problem.code, Code::InvalidUnicode);
    }

    #[test]
    fn control_characters_by_lines() {
        assert!(check_text("description", &text("a\r\n\tb"), Lines::Multi).is_ok());
        let problem = check_text("displayName", &text("a\nb"), Lines::Single).unwrap_err();
        assert_eq!(problem.code, Code::ControlCharacter);
        assert_eq!(
            problem.message,
            "displayName must not contain control characters, got U+000A at character 1"
        );
        let problem = check_text("description", &text("a\u{7}"), Lines::Multi).unwrap_err();
        assert_eq!(problem.code, Code::ControlCharacter);
    }

    #[test]
    fn utf16_length_counts_pairs() {
        assert_eq!(utf16_length("a🚀"), 3);
    }
}
