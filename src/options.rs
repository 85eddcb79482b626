use std::fmt;

use crate::model::{ApiVersion, Cloud};
use crate::problem::{Code, Problem};
use crate::rules::guid::check_guid;
use crate::url::check_base_url;
use crate::value::{quote, Value};

/// The default warning length for `displayName`, in UTF-16 code units.
///
/// ```
/// use graph_access_package::options::{Options, DEFAULT_MAX_DISPLAY_NAME_LENGTH};
///
/// assert_eq!(Options::default().max_display_name_length, DEFAULT_MAX_DISPLAY_NAME_LENGTH);
/// assert_eq!(DEFAULT_MAX_DISPLAY_NAME_LENGTH, 256);
/// ```
pub const DEFAULT_MAX_DISPLAY_NAME_LENGTH: usize = 256;

/// The path a create request is sent to.
///
/// ```
/// use graph_access_package::{options::CreatePath, options::Options, value::Value};
///
/// let value = Value::from_json(
///     r#"{"path": "assignmentPolicyNavigation",
///         "assignmentPolicyId": "0a1b2c3d-0000-4000-8000-00000000000e"}"#,
/// )
/// .unwrap();
/// let parsed = Options::from_value(&value).unwrap();
/// assert_eq!(parsed.options.path, CreatePath::AssignmentPolicyNavigation);
/// assert!(parsed.problems.is_empty());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CreatePath {
    /// `…/entitlementManagement/accessPackages`, the documented path.
    #[default]
    AccessPackages,
    /// The navigation through an assignment policy and its catalog, which Graph does not
    /// document for create.
    AssignmentPolicyNavigation,
}

/// Settings for validation and request building. [`Options::default`] gives v1.0 in the
/// global cloud, the documented create path, a 256-unit name length and no strict mode.
///
/// ```
/// use graph_access_package::{model::ApiVersion, options::Options, problem::Code};
/// use graph_access_package::{validate::validate, value::Value};
///
/// let options = Options { api_version: ApiVersion::Beta, strict: true, ..Options::default() };
/// let input = Value::from_json(
///     r#"{"displayName": "sales reps", "isHidden": "true",
///         "catalogId": "66584aae-98bb-48cc-9458-7bee5d2a6577"}"#,
/// )
/// .unwrap();
/// let validation = validate(&input, &options);
/// assert_eq!(validation.problems[0].code, Code::StringBoolean);
/// assert!(validation.problems[0].is_error());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// The Graph version.
    pub api_version: ApiVersion,
    /// The national cloud, which picks the host.
    pub cloud: Cloud,
    /// An origin with an optional path prefix that replaces the cloud's host.
    pub base_url: Option<String>,
    /// The bearer token, without a `Bearer ` prefix.
    pub access_token: Option<String>,
    /// The `client-request-id` header; generated when absent.
    pub client_request_id: Option<String>,
    /// The display name length above which a warning is given.
    pub max_display_name_length: usize,
    /// Turns warnings about length and string booleans into errors.
    pub strict: bool,
    /// The path a create is sent to.
    pub path: CreatePath,
    /// The assignment policy of [`CreatePath::AssignmentPolicyNavigation`].
    pub assignment_policy_id: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            api_version: ApiVersion::default(),
            cloud: Cloud::default(),
            base_url: None,
            access_token: None,
            client_request_id: None,
            max_display_name_length: DEFAULT_MAX_DISPLAY_NAME_LENGTH,
            strict: false,
            path: CreatePath::default(),
            assignment_policy_id: None,
        }
    }
}

/// A bad argument that is not input, such as an unknown `apiVersion`. JavaScript receives it as
/// a thrown `Error` with this `code`.
///
/// ```
/// use graph_access_package::{options::Options, value::Value};
///
/// let value = Value::from_json(r#"{"cloud": "Global"}"#).unwrap();
/// let error = Options::from_value(&value).unwrap_err();
/// assert_eq!(error.code, "invalid_cloud");
/// let clouds = r#""global", "usGovernment", "usGovernmentDod" or "china""#;
/// assert_eq!(error.to_string(), format!(r#"options.cloud must be {clouds}, got "Global""#));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// A stable snake_case identifier, such as `invalid_api_version`.
    pub code: &'static str,
    /// The message: the option, the expected value and the value found.
    pub message: String,
}

impl fmt::Display for OptionError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for OptionError {}

/// Options read from JavaScript, with the problems found in their values. A value that is
/// well typed but invalid, such as a `baseUrl` with a query, is a problem here, not an
/// [`OptionError`].
///
/// ```
/// use graph_access_package::{options::Options, problem::Code, value::Value};
///
/// let value = Value::from_json(r#"{"baseUrl": "https://graph.example/?a=1"}"#).unwrap();
/// let parsed = Options::from_value(&value).unwrap();
/// assert_eq!(parsed.options.base_url, None);
/// assert_eq!(parsed.problems[0].path, "options.baseUrl");
/// assert_eq!(parsed.problems[0].code, Code::InvalidBaseUrl);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedOptions {
    /// The options, with invalid values left out.
    pub options: Options,
    /// Problems at `options.…` paths, such as a `baseUrl` with a query.
    pub problems: Vec<Problem>,
}

impl Options {
    /// Reads options from a JS object; `null` and `undefined` give the defaults. Keys this crate
    /// does not use, such as `fetch` or `signal`, are ignored.
    ///
    /// # Errors
    ///
    /// Returns an [`OptionError`] for a value of the wrong kind or outside its set, such as
    /// `{ apiVersion: "v2" }`, `{ cloud: "Global" }` or `{ strict: "yes" }`.
    ///
    /// ```
    /// use graph_access_package::{model::ApiVersion, options::Options, value::Value};
    ///
    /// let beta = Value::from_json(r#"{"apiVersion": "beta"}"#).unwrap();
    /// assert_eq!(Options::from_value(&beta).unwrap().options.api_version, ApiVersion::Beta);
    ///
    /// let unknown = Value::from_json(r#"{"apiVersion": "v2"}"#).unwrap();
    /// assert_eq!(Options::from_value(&unknown).unwrap_err().code, "invalid_api_version");
    /// ```
    pub fn from_value(value: &Value) -> Result<ParsedOptions, OptionError> {
        Self::from_value_at(value, None)
    }

    /// Reads options as [`Options::from_value`] does, and checks a JWT access token's expiry
    /// against `now` (Unix seconds).
    ///
    /// # Errors
    ///
    /// As [`Options::from_value`].
    ///
    /// ```
    /// use graph_access_package::{options::Options, problem::Code, value::Value};
    ///
    /// // The token's payload is {"exp":1700000000}: no audience and no permission claims.
    /// let value = Value::from_json(
    ///     r#"{"accessToken": "eyJhbGciOiJub25lIn0.eyJleHAiOjE3MDAwMDAwMDB9.c2ln"}"#,
    /// )
    /// .unwrap();
    /// let codes = |now| -> Vec<Code> {
    ///     let parsed = Options::from_value_at(&value, now).unwrap();
    ///     parsed.problems.iter().map(|p| p.code).collect()
    /// };
    /// assert_eq!(codes(Some(1_700_000_000)), [Code::TokenExpired, Code::TokenPermission]);
    /// assert_eq!(codes(None), [Code::TokenPermission]);
    /// ```
    pub fn from_value_at(value: &Value, now: Option<i64>) -> Result<ParsedOptions, OptionError> {
        let mut parsed = ParsedOptions {
            options: Options::default(),
            problems: Vec::new(),
        };
        let entries = match value {
            Value::Null | Value::Foreign(crate::value::Foreign::Undefined) => return Ok(parsed),
            Value::Object(entries) => entries,
            other => {
                return Err(OptionError {
                    code: "invalid_options",
                    message: format!("options must be an object, got {}", other.describe()),
                })
            }
        };
        for (key, value) in entries {
            parsed.read(key, value)?;
        }
        parsed.finish(now);
        Ok(parsed)
    }
}

impl ParsedOptions {
    fn read(&mut self, key: &str, value: &Value) -> Result<(), OptionError> {
        if matches!(
            value,
            Value::Foreign(crate::value::Foreign::Undefined) | Value::Null
        ) {
            return Ok(());
        }
        let options = &mut self.options;
        match key {
            "apiVersion" => {
                options.api_version = one_of(key, value, ApiVersion::parse, "\"v1.0\" or \"beta\"")?
            }
            "cloud" => {
                let expected = "\"global\", \"usGovernment\", \"usGovernmentDod\" or \"china\"";
                options.cloud = one_of(key, value, Cloud::parse, expected)?
            }
            "baseUrl" => match check_base_url(&string(key, value)?) {
                Ok(url) => options.base_url = Some(url),
                Err(problem) => self.problems.push(problem),
            },
            "accessToken" => self.read_token(&string(key, value)?),
            "clientRequestId" => {
                // `fetch` strips spaces around a header value, so they are removed here, and a
                // blank id is treated as absent, so that the header is never sent empty.
                let text = string(key, value)?;
                let id = text.trim_matches(' ');
                match check_header_value("options.clientRequestId", id, true) {
                    Ok(()) if !id.is_empty() => options.client_request_id = Some(id.to_owned()),
                    Ok(()) => {}
                    Err(problem) => self.problems.push(problem),
                }
            }
            "maxDisplayNameLength" => options.max_display_name_length = positive(key, value)?,
            "strict" => options.strict = boolean(key, value)?,
            "path" => {
                let parse = |text: &str| match text {
                    "accessPackages" => Some(CreatePath::AccessPackages),
                    "assignmentPolicyNavigation" => Some(CreatePath::AssignmentPolicyNavigation),
                    _ => None,
                };
                let expected = "\"accessPackages\" or \"assignmentPolicyNavigation\"";
                options.path = one_of(key, value, parse, expected)?
            }
            "assignmentPolicyId" => {
                match check_guid("options.assignmentPolicyId", &string(key, value)?) {
                    Ok(id) => options.assignment_policy_id = Some(id),
                    Err(problem) => self.problems.push(problem),
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn read_token(&mut self, raw: &str) {
        let trimmed = raw.trim();
        let token = match trimmed.get(..7) {
            Some(prefix) if prefix.eq_ignore_ascii_case("bearer ") => trimmed[7..].trim_start(),
            _ => trimmed,
        };
        match check_header_value("options.accessToken", token, false) {
            Ok(()) if !token.is_empty() => self.options.access_token = Some(token.to_owned()),
            Ok(()) => {}
            Err(problem) => self.problems.push(problem),
        }
    }

    fn finish(&mut self, now: Option<i64>) {
        if let Some(token) = &self.options.access_token {
            let check_audience = self.options.base_url.is_none();
            let cloud = self.options.cloud;
            self.problems
                .extend(crate::token::check_token(token, cloud, check_audience, now));
        }
        let navigation = self.options.path == CreatePath::AssignmentPolicyNavigation;
        let policy_problem = self
            .problems
            .iter()
            .any(|p| p.path == "options.assignmentPolicyId");
        if navigation && self.options.assignment_policy_id.is_none() && !policy_problem {
            self.problems.push(Problem::error(
                "options.assignmentPolicyId",
                Code::Required,
                "options.assignmentPolicyId is required when options.path is \
                 \"assignmentPolicyNavigation\"",
            ));
        }
    }
}

/// Checks that a header value has only visible ASCII and spaces, since `fetch` rejects other
/// characters and CR or LF would split the header. `show` puts the value in the message; a
/// token is never shown.
fn check_header_value(path: &str, value: &str, show: bool) -> Result<(), Problem> {
    let Some((position, c)) = value
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_graphic() || *c == ' '))
    else {
        return Ok(());
    };
    let kind = if c.is_control() {
        "a control character"
    } else {
        "a character outside visible ASCII"
    };
    let quoted_value = if show {
        format!(" {}", quote(value))
    } else {
        String::new()
    };
    Err(Problem::error(
        path,
        Code::InvalidHeaderValue,
        format!(
            "{path}{quoted_value} contains {kind} (U+{:04X}) at character {position}, \
             so it cannot be sent as a header",
            u32::from(c)
        ),
    ))
}

fn string(key: &str, value: &Value) -> Result<String, OptionError> {
    match value {
        Value::String(text) => Ok(text.clone()),
        other => Err(OptionError {
            code: "invalid_option",
            message: format!("options.{key} must be a string, got {}", other.describe()),
        }),
    }
}

fn one_of<T>(
    key: &str,
    value: &Value,
    parse: impl Fn(&str) -> Option<T>,
    expected: &str,
) -> Result<T, OptionError> {
    let code = match key {
        "apiVersion" => "invalid_api_version",
        "cloud" => "invalid_cloud",
        _ => "invalid_option",
    };
    let found = match value {
        Value::String(text) => match parse(text) {
            Some(parsed) => return Ok(parsed),
            None => quote(text),
        },
        other => other.describe(),
    };
    Err(OptionError {
        code,
        message: format!("options.{key} must be {expected}, got {found}"),
    })
}

fn positive(key: &str, value: &Value) -> Result<usize, OptionError> {
    match value {
        Value::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n <= 1e9 => Ok(*n as usize),
        other => Err(OptionError {
            code: "invalid_option",
            message: format!(
                "options.{key} must be a positive integer, got {}",
                other.describe()
            ),
        }),
    }
}

fn boolean(key: &str, value: &Value) -> Result<bool, OptionError> {
    match value {
        Value::Bool(flag) => Ok(*flag),
        other => Err(OptionError {
            code: "invalid_option",
            message: format!(
                "options.{key} must be true or false, got {}",
                other.describe()
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<ParsedOptions, OptionError> {
        Options::from_value(&Value::from_json(json).unwrap())
    }

    #[test]
    fn defaults_from_null() {
        let parsed = parse("null").unwrap();
        assert_eq!(parsed.options, Options::default());
        assert!(parsed.problems.is_empty());
    }

    #[test]
    fn unknown_version_is_option_error() {
        let error = parse(r#"{"apiVersion":"v2"}"#).unwrap_err();
        assert_eq!(error.code, "invalid_api_version");
        assert_eq!(
            error.message,
            "options.apiVersion must be \"v1.0\" or \"beta\", got \"v2\""
        );
    }

    #[test]
    fn unknown_cloud_is_option_error() {
        assert_eq!(
            parse(r#"{"cloud":"Global"}"#).unwrap_err().code,
            "invalid_cloud"
        );
    }

    #[test]
    fn wrong_kinds_are_option_errors() {
        assert_eq!(
            parse(r#"{"strict":"yes"}"#).unwrap_err().code,
            "invalid_option"
        );
        assert_eq!(
            parse(r#"{"maxDisplayNameLength":0}"#).unwrap_err().code,
            "invalid_option"
        );
        assert_eq!(
            parse(r#"{"baseUrl":5}"#).unwrap_err().code,
            "invalid_option"
        );
        assert_eq!(parse("[]").unwrap_err().code, "invalid_options");
    }

    #[test]
    fn bearer_prefix_removed() {
        let parsed = parse(r#"{"accessToken":"  Bearer abc.def "}"#).unwrap();
        assert_eq!(parsed.options.access_token.as_deref(), Some("abc.def"));
    }

    #[test]
    fn token_with_newline_is_problem_without_token() {
        let parsed = parse(r#"{"accessToken":"secret\r\nX-Evil: 1"}"#).unwrap();
        assert_eq!(parsed.options.access_token, None);
        let problem = &parsed.problems[0];
        assert_eq!(problem.path, "options.accessToken");
        assert_eq!(problem.code, Code::InvalidHeaderValue);
        assert!(!problem.message.contains("secret"), "{}", problem.message);
        assert_eq!(
            problem.message,
            "options.accessToken contains a control character (U+000D) at character 6, \
             so it cannot be sent as a header"
        );
    }

    #[test]
    fn client_request_id_with_newline_is_problem() {
        let parsed = parse(r#"{"clientRequestId":"a\nb"}"#).unwrap();
        assert_eq!(parsed.problems[0].path, "options.clientRequestId");
        assert_eq!(parsed.problems[0].code, Code::InvalidHeaderValue);
    }

    #[test]
    fn blank_client_request_id_is_absent() {
        for json in [r#"{"clientRequestId":""}"#, r#"{"clientRequestId":"   "}"#] {
            let parsed = parse(json).unwrap();
            assert_eq!(parsed.options.client_request_id, None, "{json}");
            assert!(parsed.problems.is_empty(), "{json}");
        }
    }

    #[test]
    fn client_request_id_spaces_trimmed() {
        let parsed = parse(r#"{"clientRequestId":"  run-7 "}"#).unwrap();
        assert_eq!(parsed.options.client_request_id.as_deref(), Some("run-7"));
    }

    #[test]
    fn navigation_needs_policy_id() {
        let parsed = parse(r#"{"path":"assignmentPolicyNavigation"}"#).unwrap();
        assert_eq!(parsed.problems[0].path, "options.assignmentPolicyId");
        assert_eq!(parsed.problems[0].code, Code::Required);
    }

    #[test]
    fn policy_id_is_guid_checked() {
        let parsed = parse(r#"{"assignmentPolicyId":"policy one"}"#).unwrap();
        assert_eq!(parsed.problems[0].code, Code::CatalogNameNotId);
        assert_eq!(parsed.problems[0].path, "options.assignmentPolicyId");
    }
}
