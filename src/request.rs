use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::json::ObjectWriter;
use crate::model::ApiVersion;
use crate::options::{CreatePath, Options, ParsedOptions};
use crate::problem::{all_valid, Code, Problem};
use crate::rules::guid::check_guid;
use crate::rules::text::{blank, check_text, Lines};
use crate::validate::{validate, AccessPackage};
use crate::value::Value;

/// An HTTP request that passes straight to `fetch(request.url, request)`. It serializes with
/// `headers` as an object and leaves out `body` when there is none.
///
/// ```
/// use graph_access_package::request::HttpRequest;
///
/// let request = HttpRequest {
///     url: "https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/catalogs"
///         .to_owned(),
///     method: "GET",
///     headers: vec![("Accept".to_owned(), "application/json".to_owned())],
///     body: None,
/// };
/// let expected = serde_json::json!({
///     "url": request.url,
///     "method": "GET",
///     "headers": {"Accept": "application/json"},
/// });
/// assert_eq!(serde_json::to_value(&request).unwrap(), expected);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// The absolute URL.
    pub url: String,
    /// `GET` or `POST`.
    pub method: &'static str,
    /// Header names and values, in the order they are sent.
    pub headers: Vec<(String, String)>,
    /// The JSON body text, for a POST.
    pub body: Option<String>,
}

impl HttpRequest {
    /// Returns the value of the header `name`, compared case-insensitively.
    ///
    /// ```
    /// use graph_access_package::request::HttpRequest;
    ///
    /// let request = HttpRequest {
    ///     url: "https://graph.microsoft.com/v1.0/$batch".to_owned(),
    ///     method: "POST",
    ///     headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
    ///     body: Some("{}".to_owned()),
    /// };
    /// assert_eq!(request.header("content-type"), Some("application/json"));
    /// assert_eq!(request.header("Authorization"), None);
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

struct Headers<'a>(&'a [(String, String)]);

impl Serialize for Headers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl Serialize for HttpRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = if self.body.is_some() { 4 } else { 3 };
        let mut request = serializer.serialize_struct("HttpRequest", fields)?;
        request.serialize_field("url", &self.url)?;
        request.serialize_field("method", self.method)?;
        request.serialize_field("headers", &Headers(&self.headers))?;
        if let Some(body) = &self.body {
            request.serialize_field("body", body)?;
        }
        request.end()
    }
}

/// The outcome of building a create request.
///
/// ```
/// use graph_access_package::{options::Options, problem::Code, value::Value};
/// use graph_access_package::request::build_create_request;
///
/// let input = Value::from_json(r#"{"displayName": "sales reps", "catalogId": "HR"}"#).unwrap();
/// let parsed = Options::from_value(&Value::Null).unwrap();
/// let built = build_create_request(&input, &parsed, "0b6b1d7e-6f3c-4f4e-9d55-8f1c1c9b2f10");
/// assert_eq!(built.request, None);
/// assert_eq!(built.problems[0].code, Code::CatalogNameNotId);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CreateRequest {
    /// The request, present when no problem is an error.
    pub request: Option<HttpRequest>,
    /// Every problem found in the input and the options.
    pub problems: Vec<Problem>,
}

/// The root of Graph's entitlement management API, below the version.
const ENTITLEMENT_MANAGEMENT: &str = "/identityGovernance/entitlementManagement";

/// Builds the create request for `input`. `generated_id` is the `client-request-id` sent when
/// the options carry none.
///
/// ```
/// use graph_access_package::{options::Options, request::build_create_request, value::Value};
///
/// let input = Value::from_json(
///     r#"{"displayName": "sales reps", "catalog": {"id": "66584aae-98bb-48cc-9458-7bee5d2a6577"}}"#,
/// )
/// .unwrap();
/// let options = Value::from_json(r#"{"apiVersion": "beta"}"#).unwrap();
/// let parsed = Options::from_value(&options).unwrap();
/// let request_id = "0b6b1d7e-6f3c-4f4e-9d55-8f1c1c9b2f10";
/// let request = build_create_request(&input, &parsed, request_id).request.unwrap();
/// assert_eq!(request.method, "POST");
/// assert_eq!(request.header("client-request-id"), Some(request_id));
/// assert_eq!(
///     request.body.unwrap(),
///     r#"{"displayName":"sales reps","catalogId":"66584aae-98bb-48cc-9458-7bee5d2a6577"}"#
/// );
/// ```
pub fn build_create_request(
    input: &Value,
    parsed: &ParsedOptions,
    generated_id: &str,
) -> CreateRequest {
    let options = &parsed.options;
    let validation = validate(input, options);
    let mut problems = validation.problems;
    problems.extend(parsed.problems.iter().cloned());
    if options.path == CreatePath::AssignmentPolicyNavigation {
        problems.push(Problem::warning(
            "options.path",
            Code::UndocumentedPath,
            "options.path \"assignmentPolicyNavigation\" is a navigation that Graph does not \
             document for create, which it documents only on …/entitlementManagement/accessPackages",
        ));
    }
    let request = match validation.package {
        Some(package) if all_valid(&problems) => Some(HttpRequest {
            url: create_url(options),
            method: "POST",
            headers: headers(options, generated_id, true),
            body: Some(create_body(&package, options.api_version)),
        }),
        _ => None,
    };
    CreateRequest { request, problems }
}

/// Returns the create body as JSON text: only what Graph accepts on create, with the catalog in
/// the version's shape (`catalog: {id}` in v1.0, `catalogId` in beta).
///
/// ```
/// use graph_access_package::{model::ApiVersion, request::create_body, validate::AccessPackage};
///
/// let package = AccessPackage {
///     display_name: "sales reps".to_owned(),
///     is_hidden: Some(true),
///     catalog_id: "66584aae-98bb-48cc-9458-7bee5d2a6577".to_owned(),
///     ..AccessPackage::default()
/// };
/// let v1 = concat!(
///     r#"{"displayName":"sales reps","isHidden":true,"#,
///     r#""catalog":{"id":"66584aae-98bb-48cc-9458-7bee5d2a6577"}}"#,
/// );
/// assert_eq!(create_body(&package, ApiVersion::V1), v1);
/// let beta = concat!(
///     r#"{"displayName":"sales reps","isHidden":true,"#,
///     r#""catalogId":"66584aae-98bb-48cc-9458-7bee5d2a6577"}"#,
/// );
/// assert_eq!(create_body(&package, ApiVersion::Beta), beta);
/// ```
pub fn create_body(package: &AccessPackage, version: ApiVersion) -> String {
    let mut body = String::with_capacity(
        96 + package.display_name.len() + package.description.as_ref().map_or(0, String::len),
    );
    let mut object = ObjectWriter::new(&mut body);
    if package.odata_type {
        object.string("@odata.type", crate::model::ODATA_TYPE);
    }
    object.string("displayName", &package.display_name);
    if let Some(description) = &package.description {
        object.string("description", description);
    }
    if let Some(is_hidden) = package.is_hidden {
        object.boolean("isHidden", is_hidden);
    }
    match version {
        ApiVersion::V1 => {
            object.with("catalog", |out| {
                ObjectWriter::new(out)
                    .string("id", &package.catalog_id)
                    .end()
            });
        }
        ApiVersion::Beta => {
            if let Some(visible) = package.is_role_scopes_visible {
                object.boolean("isRoleScopesVisible", visible);
            }
            object.string("catalogId", &package.catalog_id);
        }
    }
    object.end();
    body
}

/// Returns `https://{host}/{version}` for the cloud, or the base URL with the version. The base
/// URL is used as it is, so it should come from [`crate::url::check_base_url`].
///
/// ```
/// use graph_access_package::{model::{ApiVersion, Cloud}, options::Options};
/// use graph_access_package::request::version_root;
///
/// let us_government = Options { cloud: Cloud::UsGovernment, ..Options::default() };
/// assert_eq!(version_root(&us_government), "https://graph.microsoft.us/v1.0");
///
/// let emulator = Options {
///     api_version: ApiVersion::Beta,
///     base_url: Some("http://127.0.0.1:8081".to_owned()),
///     ..Options::default()
/// };
/// assert_eq!(version_root(&emulator), "http://127.0.0.1:8081/beta");
/// ```
pub fn version_root(options: &Options) -> String {
    let origin = match &options.base_url {
        Some(base) => base.clone(),
        None => format!("https://{}", options.cloud.graph_host()),
    };
    format!("{origin}/{}", options.api_version)
}

/// Returns the create path below the version root, as `$batch` items carry it. The
/// navigation path needs an assignment policy id, and without one the documented path is used.
///
/// ```
/// use graph_access_package::options::{CreatePath, Options};
/// use graph_access_package::request::create_path;
///
/// let documented = Options::default();
/// assert_eq!(
///     create_path(&documented),
///     "/identityGovernance/entitlementManagement/accessPackages"
/// );
///
/// let navigation = Options {
///     path: CreatePath::AssignmentPolicyNavigation,
///     assignment_policy_id: Some("0a1b2c3d-0000-4000-8000-00000000000e".to_owned()),
///     ..Options::default()
/// };
/// assert_eq!(
///     create_path(&navigation),
///     concat!(
///         "/identityGovernance/entitlementManagement/assignmentPolicies",
///         "/0a1b2c3d-0000-4000-8000-00000000000e/accessPackage/catalog/accessPackages",
///     )
/// );
/// ```
pub fn create_path(options: &Options) -> String {
    match (options.path, &options.assignment_policy_id) {
        (CreatePath::AssignmentPolicyNavigation, Some(policy)) => match options.api_version {
            ApiVersion::V1 => format!(
                "{ENTITLEMENT_MANAGEMENT}/assignmentPolicies/{policy}/accessPackage/catalog/accessPackages"
            ),
            ApiVersion::Beta => format!(
                "{ENTITLEMENT_MANAGEMENT}/accessPackageAssignmentPolicies/{policy}\
                 /accessPackage/accessPackageCatalog/accessPackages"
            ),
        },
        _ => format!("{ENTITLEMENT_MANAGEMENT}/accessPackages"),
    }
}

fn create_url(options: &Options) -> String {
    format!("{}{}", version_root(options), create_path(options))
}

/// Returns the headers of a request: `Authorization` only when there is a token, and
/// `Content-Type` only when `with_body` is true. `generated_id` is the `client-request-id` when
/// the options carry none.
///
/// ```
/// use graph_access_package::{options::Options, request::headers};
///
/// let options = Options { access_token: Some("test-token".to_owned()), ..Options::default() };
/// let request_id = "0b6b1d7e-6f3c-4f4e-9d55-8f1c1c9b2f10";
/// let built = headers(&options, request_id, false);
/// let sent: Vec<(&str, &str)> = built
///     .iter()
///     .map(|(name, value)| (name.as_str(), value.as_str()))
///     .collect();
/// assert_eq!(
///     sent,
///     [
///         ("Authorization", "Bearer test-token"),
///         ("Accept", "application/json"),
///         ("client-request-id", request_id),
///     ]
/// );
/// ```
pub fn headers(options: &Options, generated_id: &str, with_body: bool) -> Vec<(String, String)> {
    let mut headers = Vec::with_capacity(4);
    if let Some(token) = &options.access_token {
        headers.push(("Authorization".to_owned(), format!("Bearer {token}")));
    }
    if with_body {
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    }
    headers.push(("Accept".to_owned(), "application/json".to_owned()));
    let id = options.client_request_id.as_deref().unwrap_or(generated_id);
    headers.push(("client-request-id".to_owned(), id.to_owned()));
    headers
}

/// A bad argument to [`build_lookup_request`], with the problem at `displayName`, `catalogId`
/// or the option that caused it.
///
/// ```
/// use graph_access_package::{options::Options, problem::Code, value::Value};
/// use graph_access_package::request::{build_lookup_request, LookupError};
///
/// let blank = Value::String("  ".to_owned());
/// let catalog = Value::String("66584aae-98bb-48cc-9458-7bee5d2a6577".to_owned());
/// let parsed = Options::from_value(&Value::Null).unwrap();
/// let LookupError(problem) = build_lookup_request(&blank, &catalog, &parsed, "id").unwrap_err();
/// assert_eq!((problem.path.as_str(), problem.code), ("displayName", Code::Blank));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct LookupError(pub Problem);

/// Builds the `GET` that lists the packages named `display_name` in the catalog, used to check
/// whether a create happened before it is sent again.
///
/// # Errors
///
/// Returns the problem with `display_name` (`blank`, `control_character`) or `catalog_id`
/// (`not_a_guid` and the other GUID codes), or the first error in the options.
///
/// ```
/// use graph_access_package::{options::Options, request::build_lookup_request, value::Value};
///
/// let name = Value::String("Sales & Marketing's".to_owned());
/// let catalog = Value::String("66584aae-98bb-48cc-9458-7bee5d2a6577".to_owned());
/// let parsed = Options::from_value(&Value::Null).unwrap();
/// let request = build_lookup_request(&name, &catalog, &parsed, "request id").unwrap();
/// assert_eq!(request.method, "GET");
/// let expected = concat!(
///     "https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement",
///     "/catalogs/66584aae-98bb-48cc-9458-7bee5d2a6577/accessPackages",
///     "?$filter=displayName%20eq%20%27Sales%20%26%20Marketing%27%27s%27",
/// );
/// assert_eq!(request.url, expected);
///
/// let hr = Value::String("HR".to_owned());
/// let error = build_lookup_request(&name, &hr, &parsed, "request id").unwrap_err();
/// assert_eq!(error.0.path, "catalogId");
/// ```
pub fn build_lookup_request(
    display_name: &Value,
    catalog_id: &Value,
    parsed: &ParsedOptions,
    generated_id: &str,
) -> Result<HttpRequest, LookupError> {
    let name = check_text("displayName", display_name, Lines::Single).map_err(LookupError)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(LookupError(blank("displayName")));
    }
    let catalog = match catalog_id {
        Value::String(text) => check_guid("catalogId", text).map_err(LookupError)?,
        other => {
            return Err(LookupError(Problem::error(
                "catalogId",
                Code::NotAString,
                format!("catalogId must be a string, got {}", other.describe()),
            )))
        }
    };
    if let Some(problem) = parsed.problems.iter().find(|p| p.is_error()) {
        return Err(LookupError(problem.clone()));
    }
    let options = &parsed.options;
    let catalogs = match options.api_version {
        ApiVersion::V1 => "catalogs",
        ApiVersion::Beta => "accessPackageCatalogs",
    };
    let filter = format!("displayName eq '{}'", name.replace('\'', "''"));
    let url = format!(
        "{}{ENTITLEMENT_MANAGEMENT}/{catalogs}/{catalog}/accessPackages?$filter={}",
        version_root(options),
        percent_encode(&filter)
    );
    Ok(HttpRequest {
        url,
        method: "GET",
        headers: headers(options, generated_id, false),
        body: None,
    })
}

/// Percent-encodes every byte of the UTF-8 text but the URL's unreserved characters, as
/// RFC 3986 lists them: letters, digits, `-`, `.`, `_` and `~`.
///
/// ```
/// use graph_access_package::request::percent_encode;
///
/// assert_eq!(percent_encode("displayName eq 'équipe'"), "displayName%20eq%20%27%C3%A9quipe%27");
/// ```
pub fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encode_spaces_plus_and_quotes() {
        assert_eq!(percent_encode("a b+c'é"), "a%20b%2Bc%27%C3%A9");
    }
}
