//! Boolean properties: JSON `true` and `false`, and the OData strings `"true"` and `"false"`.

use crate::problem::{Code, Problem};
use crate::value::Value;

/// Checks a boolean, returning `None` when the value is `null` and so left out.
///
/// The strings `"true"` and `"false"` are accepted with a `string_boolean` warning (an error
/// when `strict`), since Graph's OData reader reads them as booleans too.
///
/// # Errors
///
/// Returns `not_a_boolean` for any other value, such as `"Boolean"`, `"yes"` or `1`.
///
/// ```
/// use graph_access_package::{problem::Code, rules::boolean::check_boolean, value::Value};
///
/// let mut problems = Vec::new();
/// let text = Value::String("true".to_owned());
/// assert_eq!(check_boolean("isHidden", &text, false, &mut problems), Ok(Some(true)));
/// assert_eq!(problems[0].code, Code::StringBoolean);
/// assert!(!problems[0].is_error());
///
/// let number = check_boolean("isHidden", &Value::Number(1.0), false, &mut problems);
/// assert_eq!(number.unwrap_err().message, "isHidden must be true or false, got 1");
/// ```
pub fn check_boolean(
    path: &str,
    value: &Value,
    strict: bool,
    problems: &mut Vec<Problem>,
) -> Result<Option<bool>, Problem> {
    match value {
        Value::Bool(flag) => Ok(Some(*flag)),
        Value::Null => {
            problems.push(null_ignored(path));
            Ok(None)
        }
        Value::String(text) if text == "true" || text == "false" => {
            let message =
                format!("{path} must be a JSON boolean, got the string \"{text}\", sent as {text}");
            problems.push(if strict {
                Problem::error(path, Code::StringBoolean, message)
            } else {
                Problem::warning(path, Code::StringBoolean, message)
            });
            Ok(Some(text == "true"))
        }
        other => Err(Problem::error(
            path,
            Code::NotABoolean,
            format!("{path} must be true or false, got {}", other.describe()),
        )),
    }
}

/// Returns the warning for an optional property given as `null`.
///
/// ```
/// use graph_access_package::{problem::Code, rules::boolean::null_ignored};
///
/// let problem = null_ignored("description");
/// assert_eq!(problem.code, Code::NullIgnored);
/// assert_eq!(problem.message, "description was null, so it was left out of the request");
/// ```
pub fn null_ignored(path: &str) -> Problem {
    Problem::warning(
        path,
        Code::NullIgnored,
        format!("{path} was null, so it was left out of the request"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: Value, strict: bool) -> (Result<Option<bool>, Problem>, Vec<Problem>) {
        let mut problems = Vec::new();
        let result = check_boolean("isHidden", &value, strict, &mut problems);
        (result, problems)
    }

    #[test]
    fn booleans_pass() {
        let (result, problems) = check(Value::Bool(true), false);
        assert_eq!(result.unwrap(), Some(true));
        assert!(problems.is_empty());
    }

    #[test]
    fn string_booleans_warn() {
        let (result, problems) = check(Value::String("false".into()), false);
        assert_eq!(result.unwrap(), Some(false));
        assert_eq!(problems[0].code, Code::StringBoolean);
        assert!(!problems[0].is_error());
        assert_eq!(
            problems[0].message,
            "isHidden must be a JSON boolean, got the string \"false\", sent as false"
        );
    }

    #[test]
    fn string_booleans_fail_when_strict() {
        let (_, problems) = check(Value::String("true".into()), true);
        assert!(problems[0].is_error());
    }

    #[test]
    fn other_values_fail() {
        for (value, found) in [
            (Value::String("Boolean".into()), "\"Boolean\""),
            (Value::String("True".into()), "\"True\""),
            (Value::Number(1.0), "1"),
            (Value::Array(vec![]), "an array"),
        ] {
            let problem = check(value, false).0.unwrap_err();
            assert_eq!(problem.code, Code::NotABoolean);
            assert_eq!(
                problem.message,
                format!("isHidden must be true or false, got {found}")
            );
        }
    }

    #[test]
    fn null_left_out() {
        let (result, problems) = check(Value::Null, false);
        assert_eq!(result.unwrap(), None);
        assert_eq!(problems[0].code, Code::NullIgnored);
    }
}
