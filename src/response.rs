use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::time::{format_iso, normalize_graph_date, parse_http_date};

/// A failed Graph call, as the page and scripts show it. It serializes in camelCase and leaves
/// out the optional fields that are `None`.
///
/// ```
/// use graph_access_package::response::parse_create_response;
///
/// let headers = [("Retry-After".to_owned(), "30".to_owned())];
/// let body = r#"{"error": {"code": "TooManyRequests", "message": "Too many requests."}}"#;
/// let error = parse_create_response(429, &headers, body, None).unwrap_err();
/// let expected = serde_json::json!({
///     "status": 429,
///     "code": "TooManyRequests",
///     "hint": "Graph is throttling requests, so wait 30 seconds before sending again",
///     "message": "Too many requests.",
///     "retryAfterSeconds": 30,
///     "retryable": true,
/// });
/// assert_eq!(serde_json::to_value(&error).unwrap(), expected);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphError {
    /// The HTTP status; 0 when no response came.
    pub status: u16,
    /// Graph's `error.code` (empty when the body had none), or a snake_case code for what the
    /// client found itself, such as `invalid_response_body`.
    pub code: String,
    /// Advice for the admin, in one sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Graph's message, or the client's.
    pub message: String,
    /// Graph's `request-id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The `client-request-id` Graph echoed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_request_id: Option<String>,
    /// The time of the response, ISO 8601 in UTC with `Z`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The seconds to wait, when the response gave them and they could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
    /// True for 429, 503 and 504.
    pub retryable: bool,
}

/// Response headers with case-insensitive lookup.
///
/// ```
/// use graph_access_package::response::ResponseHeaders;
///
/// let list = [("Request-Id".to_owned(), " 7f2d0a4c-1a51-4c5e-8a39-0c1f0e3c9b21 ".to_owned())];
/// let headers = ResponseHeaders(&list);
/// assert_eq!(headers.get("request-id"), Some("7f2d0a4c-1a51-4c5e-8a39-0c1f0e3c9b21"));
/// ```
pub struct ResponseHeaders<'a>(pub &'a [(String, String)]);

impl ResponseHeaders<'_> {
    /// Returns the first value of `name`, trimmed. A value that is empty after trimming gives
    /// `None`.
    ///
    /// ```
    /// use graph_access_package::response::ResponseHeaders;
    ///
    /// let list = [
    ///     ("Retry-After".to_owned(), "30".to_owned()),
    ///     ("retry-after".to_owned(), "60".to_owned()),
    ///     ("Date".to_owned(), "  ".to_owned()),
    /// ];
    /// let headers = ResponseHeaders(&list);
    /// assert_eq!(headers.get("RETRY-AFTER"), Some("30"));
    /// assert_eq!(headers.get("date"), None);
    /// ```
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key.trim().eq_ignore_ascii_case(name))
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    }
}

/// Parses the response to a create. `now` (Unix seconds) is used for a `Retry-After` date when
/// the response has no `Date` header.
///
/// # Errors
///
/// Returns a [`GraphError`] for any status outside 2xx, and for a 2xx whose body is not a JSON
/// object with an `id` (code `invalid_response_body`).
///
/// ```
/// use graph_access_package::response::parse_create_response;
///
/// let body = r#"{"id": "56ff43fd-6b05-48df-9634-956a777fce6d", "displayName": "sales reps"}"#;
/// let created = parse_create_response(201, &[], body, None).unwrap();
/// assert_eq!(created["id"], "56ff43fd-6b05-48df-9634-956a777fce6d");
///
/// let headers = [("request-id".to_owned(), "7f2d0a4c-1a51-4c5e-8a39-0c1f0e3c9b21".to_owned())];
/// let body = r#"{"error": {"code": "DuplicateAccessPackage", "message": "It exists."}}"#;
/// let error = parse_create_response(409, &headers, body, None).unwrap_err();
/// assert_eq!(error.code, "DuplicateAccessPackage");
/// assert_eq!(error.request_id.as_deref(), Some("7f2d0a4c-1a51-4c5e-8a39-0c1f0e3c9b21"));
/// assert!(!error.retryable);
/// ```
pub fn parse_create_response(
    status: u16,
    headers: &[(String, String)],
    body: &str,
    now: Option<i64>,
) -> Result<Json, Box<GraphError>> {
    let headers = ResponseHeaders(headers);
    if (200..300).contains(&status) {
        return parse_created(status, &headers, body);
    }
    Err(Box::new(parse_error(status, &headers, body, now)))
}

fn parse_created(
    status: u16,
    headers: &ResponseHeaders,
    body: &str,
) -> Result<Json, Box<GraphError>> {
    let problem = match serde_json::from_str::<Json>(body) {
        Ok(Json::Object(package)) => match package.get("id") {
            Some(Json::String(id)) if !id.is_empty() => return Ok(Json::Object(package)),
            _ => format!("Graph answered {status} without the new package's id"),
        },
        Ok(_) => format!("Graph answered {status} with JSON that is not an object"),
        Err(_) if body.trim().is_empty() => format!("Graph answered {status} with an empty body"),
        Err(_) => format!("Graph answered {status} with a body that is not valid JSON"),
    };
    let mut error = client_error(status, headers, "invalid_response_body", problem);
    error.hint = Some(hint_for(&error.code, status, None));
    Err(Box::new(error))
}

/// Builds the [`GraphError`] of an error response, reading Graph's error body when there is one.
/// The request id and date may also come from nested `innerError` objects, and a date without
/// an offset is read as UTC. A body that is not JSON gives the code `invalid_response_body`.
///
/// ```
/// use graph_access_package::response::{parse_error, ResponseHeaders};
///
/// let body = r#"{"error": {"code": "ResourceNotFound", "message": "Not found.",
///     "innerError": {"date": "2024-05-01T10:00:00", "request-id": "7f2d0a4c"}}}"#;
/// let error = parse_error(404, &ResponseHeaders(&[]), body, None);
/// assert_eq!(error.code, "ResourceNotFound");
/// assert_eq!(error.date.as_deref(), Some("2024-05-01T10:00:00Z"));
/// assert_eq!(error.request_id.as_deref(), Some("7f2d0a4c"));
///
/// let html = parse_error(502, &ResponseHeaders(&[]), "<html>Bad Gateway</html>", None);
/// assert_eq!(html.code, "invalid_response_body");
/// assert_eq!(html.message, "Graph answered 502 with a body that is not JSON (no content type)");
/// ```
pub fn parse_error(
    status: u16,
    headers: &ResponseHeaders,
    body: &str,
    now: Option<i64>,
) -> GraphError {
    let parsed = serde_json::from_str::<Json>(body).ok();
    let error_object = parsed
        .as_ref()
        .and_then(|json| json.get("error"))
        .and_then(Json::as_object);
    let mut error = match error_object {
        Some(object) => graph_error(status, headers, object),
        None if parsed.is_some() => client_error(
            status,
            headers,
            "",
            format!("Graph answered {status} without an error object"),
        ),
        None => {
            let kind = headers.get("content-type").unwrap_or("no content type");
            client_error(
                status,
                headers,
                "invalid_response_body",
                format!("Graph answered {status} with a body that is not JSON ({kind})"),
            )
        }
    };
    error.retry_after_seconds = retry_after(headers, now);
    error.hint = Some(hint_for(&error.code, status, error.retry_after_seconds));
    error
}

fn client_error(status: u16, headers: &ResponseHeaders, code: &str, message: String) -> GraphError {
    GraphError {
        status,
        code: code.to_owned(),
        hint: None,
        message,
        request_id: headers.get("request-id").map(str::to_owned),
        client_request_id: headers.get("client-request-id").map(str::to_owned),
        date: headers
            .get("date")
            .and_then(parse_http_date)
            .map(format_iso),
        retry_after_seconds: None,
        retryable: is_retryable(status),
    }
}

fn graph_error(status: u16, headers: &ResponseHeaders, object: &Map<String, Json>) -> GraphError {
    let text = |key: &str| object.get(key).and_then(Json::as_str).map(str::to_owned);
    let code = text("code").unwrap_or_default();
    let message = text("message")
        .filter(|message| !message.is_empty())
        .unwrap_or_else(|| format!("Graph answered {status} without a message"));
    let mut error = client_error(status, headers, &code, message);
    let inner = InnerError::find(object);
    if let Some(id) = inner.request_id {
        error.request_id.get_or_insert(id);
    }
    if let Some(id) = inner.client_request_id {
        error.client_request_id.get_or_insert(id);
    }
    if let Some(date) = inner.date.as_deref().and_then(normalize_graph_date) {
        error.date = Some(date);
    }
    error
}

/// The ids and date found in nested `innerError` objects, the outermost value of each key first.
#[derive(Default)]
struct InnerError {
    date: Option<String>,
    request_id: Option<String>,
    client_request_id: Option<String>,
}

impl InnerError {
    /// The deepest nesting read, since each level is an object inside the one above.
    const MAX_LEVELS: usize = 8;

    fn find(error: &Map<String, Json>) -> InnerError {
        let mut found = InnerError::default();
        let mut current = inner_of(error);
        for _ in 0..Self::MAX_LEVELS {
            let Some(inner) = current else { break };
            let text = |key: &str| inner.get(key).and_then(Json::as_str).map(str::to_owned);
            found.date = found.date.or_else(|| text("date"));
            found.request_id = found.request_id.or_else(|| text("request-id"));
            found.client_request_id = found
                .client_request_id
                .or_else(|| text("client-request-id"));
            current = inner_of(inner);
        }
        found
    }
}

/// Returns `innerError`, spelled in any case (Graph uses `innerError` and `innererror`).
fn inner_of(object: &Map<String, Json>) -> Option<&Map<String, Json>> {
    object
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("innererror"))
        .and_then(|(_, value)| value.as_object())
}

/// Reads `Retry-After` as seconds or as an HTTP date. A missing or unreadable header gives
/// `None`, never zero. A date is counted from the `Date` header, or from `now` (Unix seconds)
/// when there is none, and a date in the past gives zero.
///
/// ```
/// use graph_access_package::response::{retry_after, ResponseHeaders};
///
/// let seconds = [("Retry-After".to_owned(), "120".to_owned())];
/// assert_eq!(retry_after(&ResponseHeaders(&seconds), None), Some(120));
///
/// let date = [
///     ("Retry-After".to_owned(), "Wed, 01 May 2024 10:01:00 GMT".to_owned()),
///     ("Date".to_owned(), "Wed, 01 May 2024 10:00:00 GMT".to_owned()),
/// ];
/// assert_eq!(retry_after(&ResponseHeaders(&date), None), Some(60));
///
/// let unreadable = [("Retry-After".to_owned(), "soon".to_owned())];
/// assert_eq!(retry_after(&ResponseHeaders(&unreadable), None), None);
/// ```
pub fn retry_after(headers: &ResponseHeaders, now: Option<i64>) -> Option<u64> {
    let value = headers.get("retry-after")?;
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse().ok();
    }
    let at = parse_http_date(value)?;
    let now = headers.get("date").and_then(parse_http_date).or(now)?;
    Some(u64::try_from(at.saturating_sub(now)).unwrap_or(0))
}

/// Returns true for the statuses a client may send again after waiting: 429, 503 and 504.
///
/// ```
/// use graph_access_package::response::is_retryable;
///
/// assert!(is_retryable(429));
/// assert!(is_retryable(503));
/// assert!(!is_retryable(500));
/// ```
pub fn is_retryable(status: u16) -> bool {
    matches!(status, 429 | 503 | 504)
}

/// Returns the advice for a Graph error, by code first and then by status.
///
/// ```
/// use graph_access_package::response::hint_for;
///
/// assert_eq!(
///     hint_for("TooManyRequests", 429, Some(30)),
///     "Graph is throttling requests, so wait 30 seconds before sending again"
/// );
/// // The code wins over the status.
/// assert_eq!(hint_for("DuplicateAccessPackage", 400, None), hint_for("", 409, None));
/// ```
pub fn hint_for(code: &str, status: u16, retry_after: Option<u64>) -> String {
    let by_code = match code {
        "InvalidAuthenticationToken" => Some(401),
        "UnAuthorized" | "Authorization_RequestDenied" | "Forbidden" => Some(403),
        "ResourceNotFound" => Some(404),
        "DuplicateAccessPackage" => Some(409),
        "TooManyRequests" => Some(429),
        "RequestBodyRead" => {
            return "Remove the properties Graph does not accept in this API version and send \
                    booleans as JSON true or false"
                .to_owned()
        }
        "InvalidModel" => {
            return "Check that displayName is set and that the catalog id is the GUID of an \
                    existing catalog"
                .to_owned()
        }
        "invalid_response_body" => {
            return "The answer did not come from Graph as expected, so look the package up by \
                    name before sending again"
                .to_owned()
        }
        _ => None,
    };
    match by_code.unwrap_or(status) {
        401 => "Sign in again or paste a fresh token for this cloud, because the token is \
                missing, expired or not for Microsoft Graph"
            .to_owned(),
        403 => "Ask for the EntitlementManagement.ReadWrite.All permission and a role on the \
                catalog: Catalog owner, Access package manager or Identity Governance \
                Administrator"
            .to_owned(),
        404 => "Check the catalog id, because the catalog does not exist in this tenant or is \
                not visible to you"
            .to_owned(),
        409 => "A package of this name already exists in the catalog, so choose another name or \
                use the existing package"
            .to_owned(),
        429 => match retry_after {
            Some(seconds) => format!(
                "Graph is throttling requests, so wait {seconds} seconds before sending again"
            ),
            None => "Graph is throttling requests, so wait and send again with exponential backoff"
                .to_owned(),
        },
        503 | 504 => "Graph did not finish the request, so look the package up by name before \
                      sending again, since the create may have been applied"
            .to_owned(),
        400 => "Fix the request body as the message says and send again".to_owned(),
        500..=599 => "Graph failed, so look the package up by name before sending again".to_owned(),
        _ => "Read the message and request id, and send again once the cause is fixed".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_date_with_extreme_now() {
        let headers = [(
            "Retry-After".to_owned(),
            "Thu, 01 Jan 2026 00:01:00 GMT".to_owned(),
        )];
        let headers = ResponseHeaders(&headers);
        assert_eq!(retry_after(&headers, Some(i64::MAX)), Some(0));
        assert_eq!(retry_after(&headers, Some(i64::MIN)), Some(i64::MAX as u64));
    }
}
