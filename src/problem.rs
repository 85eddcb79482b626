use serde::Serialize;

/// How much a problem matters: an error blocks the request, a warning does not.
///
/// ```
/// use graph_access_package::problem::Severity;
///
/// assert_eq!(serde_json::to_string(&Severity::Warning).unwrap(), r#""warning""#);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The request is not built while this problem remains.
    Error,
    /// The request is built; the admin should still read the message.
    Warning,
}

macro_rules! codes {
    ($($variant:ident => $text:literal,)*) => {
        /// A stable identifier for a kind of problem, sent to JavaScript in snake_case.
        ///
        /// ```
        /// use graph_access_package::problem::Code;
        ///
        /// assert_eq!(serde_json::to_string(&Code::NotAGuid).unwrap(), r#""not_a_guid""#);
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $(
                #[doc = concat!("`", $text, "`")]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in the order of `docs/rules.md`.
            ///
            /// ```
            /// use graph_access_package::problem::Code;
            ///
            /// assert_eq!(Code::ALL.first(), Some(&Code::NotAnObject));
            /// assert!(Code::ALL.contains(&Code::TokenExpired));
            /// ```
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// Returns the snake_case text of the code.
            ///
            /// ```
            /// use graph_access_package::problem::Code;
            ///
            /// assert_eq!(Code::CatalogNameNotId.as_str(), "catalog_name_not_id");
            /// ```
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    NotAnObject => "not_an_object",
    Required => "required",
    NotAString => "not_a_string",
    Blank => "blank",
    WhitespaceTrimmed => "whitespace_trimmed",
    ControlCharacter => "control_character",
    InvalidUnicode => "invalid_unicode",
    TooLong => "too_long",
    NotABoolean => "not_a_boolean",
    StringBoolean => "string_boolean",
    NullIgnored => "null_ignored",
    NotAGuid => "not_a_guid",
    GuidBraces => "guid_braces",
    GuidUrnPrefix => "guid_urn_prefix",
    GuidWhitespace => "guid_whitespace",
    NilGuid => "nil_guid",
    CatalogNameNotId => "catalog_name_not_id",
    CatalogConflict => "catalog_conflict",
    UnknownProperty => "unknown_property",
    NotInVersion => "not_in_version",
    DuplicateProperty => "duplicate_property",
    ReadOnly => "read_only",
    InvalidOdataType => "invalid_odata_type",
    UnsupportedValue => "unsupported_value",
    UnreadableProperty => "unreadable_property",
    InvalidBaseUrl => "invalid_base_url",
    InsecureBaseUrl => "insecure_base_url",
    InvalidHeaderValue => "invalid_header_value",
    UndocumentedPath => "undocumented_path",
    NotAnArray => "not_an_array",
    InvalidJson => "invalid_json",
    InvalidCsv => "invalid_csv",
    ExtraCells => "extra_cells",
    DuplicateInInput => "duplicate_in_input",
    TokenExpired => "token_expired",
    TokenAudience => "token_audience",
    TokenPermission => "token_permission",
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem with an input or an option. It serializes to `{path, code, message, severity}`,
/// with `row` only when it is set.
///
/// ```
/// use graph_access_package::problem::{Code, Problem};
///
/// let problem = Problem::error("displayName", Code::Required, "displayName is required");
/// let expected = serde_json::json!({
///     "path": "displayName",
///     "code": "required",
///     "message": "displayName is required",
///     "severity": "error",
/// });
/// assert_eq!(serde_json::to_value(&problem).unwrap(), expected);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The JSON path of the value: `displayName`, `catalog.id`, `""` for the whole input,
    /// `options.baseUrl` for an option.
    pub path: String,
    /// The kind of problem.
    pub code: Code,
    /// One sentence for a person: the field, what was expected and what was found.
    pub message: String,
    /// Whether the problem blocks the request.
    pub severity: Severity,
    /// The zero-based row, in bulk results.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
}

impl Problem {
    /// Creates an error at `path`, with no row.
    ///
    /// ```
    /// use graph_access_package::problem::{Code, Problem, Severity};
    ///
    /// let problem = Problem::error("catalogId", Code::NotAGuid, "catalogId must be a GUID");
    /// assert_eq!(problem.severity, Severity::Error);
    /// assert_eq!(problem.row, None);
    /// ```
    pub fn error(path: impl Into<String>, code: Code, message: impl Into<String>) -> Self {
        Self::new(path.into(), code, message.into(), Severity::Error)
    }

    /// Creates a warning at `path`, with no row.
    ///
    /// ```
    /// use graph_access_package::problem::{Code, Problem, Severity};
    ///
    /// let problem = Problem::warning("isHidden", Code::StringBoolean, "isHidden is a string");
    /// assert_eq!(problem.severity, Severity::Warning);
    /// ```
    pub fn warning(path: impl Into<String>, code: Code, message: impl Into<String>) -> Self {
        Self::new(path.into(), code, message.into(), Severity::Warning)
    }

    fn new(path: String, code: Code, message: String, severity: Severity) -> Self {
        Problem {
            path,
            code,
            message,
            severity,
            row: None,
        }
    }

    /// Returns true when the problem blocks the request.
    ///
    /// ```
    /// use graph_access_package::problem::{Code, Problem};
    ///
    /// assert!(Problem::error("", Code::NotAnObject, "not an object").is_error());
    /// assert!(!Problem::warning("id", Code::ReadOnly, "id is set by Graph").is_error());
    /// ```
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Returns true when no problem in the list is an error, so the request can be built. An
/// empty list is valid.
///
/// ```
/// use graph_access_package::problem::{all_valid, Code, Problem};
///
/// let warning = Problem::warning("id", Code::ReadOnly, "id is set by Graph");
/// let error = Problem::error("catalogId", Code::Required, "catalogId is required");
/// assert!(all_valid(&[]));
/// assert!(all_valid(&[warning.clone()]));
/// assert!(!all_valid(&[warning, error]));
/// ```
pub fn all_valid(problems: &[Problem]) -> bool {
    !problems.iter().any(Problem::is_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} appears twice");
            assert!(
                text.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{text}"
            );
        }
    }

    #[test]
    fn problem_serializes_without_row() {
        let problem = Problem::error("displayName", Code::Required, "displayName is required");
        let json = serde_json::to_string(&problem).unwrap();
        assert_eq!(
            json,
            r#"{"path":"displayName","code":"required","message":"displayName is required","severity":"error"}"#
        );
    }
}
