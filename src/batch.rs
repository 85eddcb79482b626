use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt::Write;

use serde::Serialize;
use serde_json::Value as Json;

use crate::json::ObjectWriter;
use crate::options::ParsedOptions;
use crate::problem::{all_valid, Code, Problem};
use crate::request::{create_body, create_path, headers, version_root, HttpRequest};
use crate::response::{parse_create_response, parse_error, GraphError, ResponseHeaders};
use crate::validate::validate;
use crate::value::Value;

/// The most requests Graph takes in one `$batch`. [`build_batches`] splits the valid rows into
/// batches of this size.
///
/// ```
/// use graph_access_package::batch::{build_batches, MAX_BATCH_ITEMS};
/// use graph_access_package::{options::Options, value::Value};
///
/// let catalog = "66584aae-98bb-48cc-9458-7bee5d2a6577";
/// let input = |i| {
///     let text = format!(r#"{{"displayName": "team {i}", "catalogId": "{catalog}"}}"#);
///     Value::from_json(&text).unwrap()
/// };
/// let inputs: Vec<Value> = (0..45).map(input).collect();
/// let parsed = Options::from_value(&Value::Null).unwrap();
/// let built = build_batches(&inputs, Vec::new(), &parsed, &mut || "request id".to_owned());
/// let sizes: Vec<usize> = built.batches.iter().map(|b| b.rows.len()).collect();
/// assert_eq!(sizes, [MAX_BATCH_ITEMS, MAX_BATCH_ITEMS, 5]);
/// ```
pub const MAX_BATCH_ITEMS: usize = 20;

/// One `$batch` request and the input rows its items carry, in item order.
///
/// ```
/// use graph_access_package::{batch::build_batches, options::Options, value::Value};
///
/// let sales = r#"{"displayName": "sales", "catalogId": "66584aae-98bb-48cc-9458-7bee5d2a6577"}"#;
/// let inputs = [Value::Null, Value::from_json(sales).unwrap()];
/// let parsed = Options::from_value(&Value::Null).unwrap();
/// let built = build_batches(&inputs, Vec::new(), &parsed, &mut || "request id".to_owned());
/// let batch = &built.batches[0];
/// assert_eq!(batch.request.url, "https://graph.microsoft.com/v1.0/$batch");
/// assert_eq!(batch.rows, [1]);
/// let body = batch.request.body.as_deref().unwrap();
/// let body: serde_json::Value = serde_json::from_str(body).unwrap();
/// assert_eq!(body["requests"][0]["id"], "1");
/// assert_eq!(body["requests"][0]["body"]["displayName"], "sales");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Batch {
    /// The `POST …/$batch` request.
    pub request: HttpRequest,
    /// The zero-based input rows, which are also the items' ids.
    pub rows: Vec<usize>,
}

/// The batches for a list of inputs, and the problems of every row. An error in the options
/// leaves no batch at all.
///
/// ```
/// use graph_access_package::{batch::build_batches, options::Options, value::Value};
///
/// let sales = r#"{"displayName": "sales", "catalogId": "66584aae-98bb-48cc-9458-7bee5d2a6577"}"#;
/// let inputs = [Value::from_json(sales).unwrap()];
/// let options = Value::from_json(r#"{"baseUrl": "http://graph.example"}"#).unwrap();
/// let parsed = Options::from_value(&options).unwrap();
/// let built = build_batches(&inputs, Vec::new(), &parsed, &mut || "request id".to_owned());
/// assert!(built.batches.is_empty());
/// assert_eq!(built.problems[0].path, "options.baseUrl");
/// assert_eq!(built.problems[0].row, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Batches {
    /// The batches of valid rows.
    pub batches: Vec<Batch>,
    /// Problems with `row` set, and problems of the options without it.
    pub problems: Vec<Problem>,
}

/// Packs the valid inputs into `$batch` requests of at most 20 independent items.
///
/// A row with an error, or whose row number appears in an error of `known_problems` (such as a
/// CSV record with extra cells), is left out and reported. A display name repeated within one
/// catalog, compared trimmed and ignoring case, is an error on every row after the first.
/// `new_id` gives each batch its own `client-request-id` when the options carry none.
///
/// ```
/// use graph_access_package::{batch::build_batches, options::Options, value::Value};
///
/// let inputs = Value::from_json(
///     r#"[{"displayName": "sales", "catalogId": "66584aae-98bb-48cc-9458-7bee5d2a6577"},
///         {"displayName": "", "catalogId": "66584aae-98bb-48cc-9458-7bee5d2a6577"}]"#,
/// );
/// let Ok(Value::Array(inputs)) = inputs else {
///     panic!("a JSON array gives an array")
/// };
/// let parsed = Options::from_value(&Value::Null).unwrap();
/// let batches = build_batches(&inputs, Vec::new(), &parsed, &mut || "request id".to_owned());
/// assert_eq!(batches.batches.len(), 1);
/// assert_eq!(batches.batches[0].rows, [0]);
/// assert_eq!(batches.problems[0].row, Some(1));
/// ```
pub fn build_batches(
    inputs: &[Value],
    known_problems: Vec<Problem>,
    parsed: &ParsedOptions,
    new_id: &mut dyn FnMut() -> String,
) -> Batches {
    let options = &parsed.options;
    let mut problems = known_problems;
    problems.extend(parsed.problems.iter().cloned());
    if !all_valid(&parsed.problems) {
        return Batches {
            batches: Vec::new(),
            problems,
        };
    }
    let rejected_rows: std::collections::HashSet<usize> = problems
        .iter()
        .filter(|p| p.is_error())
        .filter_map(|p| p.row)
        .collect();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut items = Vec::new();
    for (row, input) in inputs.iter().enumerate() {
        let rejected = rejected_rows.contains(&row);
        let validation = validate(input, options);
        let mut row_problems = validation.problems;
        if let (Some(package), false) = (validation.package, rejected) {
            let key = (package.catalog_id.clone(), name_key(&package.display_name));
            match seen.entry(key) {
                Entry::Occupied(first) => {
                    let first = *first.get();
                    row_problems.push(Problem::error(
                        "displayName",
                        Code::DuplicateInInput,
                        format!(
                        "displayName {} is also in row {first} for the same catalog, so only row \
                         {first} is sent",
                        crate::value::quote(&package.display_name)
                    ),
                    ))
                }
                Entry::Vacant(slot) => {
                    slot.insert(row);
                    items.push((row, create_body(&package, options.api_version)));
                }
            }
        }
        problems.extend(row_problems.into_iter().map(|mut p| {
            p.row = Some(row);
            p
        }));
    }
    let url = format!("{}/$batch", version_root(options));
    let item_url = create_path(options);
    let batches = items
        .chunks(MAX_BATCH_ITEMS)
        .map(|chunk| {
            let body = batch_body(chunk, &item_url);
            Batch {
                request: HttpRequest {
                    url: url.clone(),
                    method: "POST",
                    headers: headers(options, &new_id(), true),
                    body: Some(body),
                },
                rows: chunk.iter().map(|(row, _)| *row).collect(),
            }
        })
        .collect();
    Batches { batches, problems }
}

/// Returns the display name trimmed and in lowercase, as duplicates are compared. ASCII text,
/// the common case, skips the Unicode case tables, which give the same result for it.
fn name_key(display_name: &str) -> String {
    let trimmed = display_name.trim();
    if trimmed.is_ascii() {
        trimmed.to_ascii_lowercase()
    } else {
        trimmed.to_lowercase()
    }
}

/// Writes `{"requests": [...]}` with one independent POST item per row, its id the row.
fn batch_body(items: &[(usize, String)], item_url: &str) -> String {
    // Every item has the same method, URL and headers, so their JSON is written once.
    let mut shared = String::with_capacity(item_url.len() + 80);
    ObjectWriter::new(&mut shared)
        .string("method", "POST")
        .string("url", item_url)
        .raw("headers", "{\"Content-Type\":\"application/json\"}");
    let shared = &shared[1..];
    let size: usize = items
        .iter()
        .map(|(_, body)| body.len() + shared.len() + 32)
        .sum();
    let mut out = String::with_capacity(size + 16);
    out.push_str("{\"requests\":[");
    for (index, (row, body)) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str("{\"id\":\"");
        let _ = write!(out, "{row}");
        out.push_str("\",");
        out.push_str(shared);
        out.push_str(",\"body\":");
        out.push_str(body);
        out.push('}');
    }
    out.push_str("]}");
    out
}

/// The outcome of one row of a `$batch`. It serializes in camelCase and leaves out
/// `accessPackage` and `error` when they are `None`.
///
/// ```
/// use graph_access_package::batch::parse_batch_response;
///
/// let body = r#"{"responses": [{"id": "3", "status": 201, "body": {"id": "56ff43fd"}}]}"#;
/// let results = parse_batch_response(200, &[], body, &[3], None);
/// let expected = serde_json::json!({
///     "row": 3,
///     "ok": true,
///     "status": 201,
///     "accessPackage": {"id": "56ff43fd"},
/// });
/// assert_eq!(serde_json::to_value(&results[0]).unwrap(), expected);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowResult {
    /// The zero-based input row.
    pub row: usize,
    /// True when the package was created.
    pub ok: bool,
    /// The item's HTTP status, or the whole batch's when it failed; 0 when the item is missing.
    pub status: u16,
    /// The created package.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_package: Option<Json>,
    /// Why the row failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<GraphError>,
}

/// Matches a `$batch` response to its rows by item id, whatever order Graph answered in, and
/// returns one result per entry of `rows`, in that order.
///
/// ```
/// use graph_access_package::batch::parse_batch_response;
///
/// let body = r#"{"responses": [
///     {"id": "1", "status": 409,
///      "body": {"error": {"code": "DuplicateAccessPackage", "message": "It exists."}}},
///     {"id": "0", "status": 201, "body": {"id": "56ff43fd-6b05-48df-9634-956a777fce6d"}}
/// ]}"#;
/// let results = parse_batch_response(200, &[], body, &[0, 1], None);
/// assert!(results[0].ok);
/// assert_eq!(results[1].status, 409);
/// assert_eq!(results[1].error.as_ref().unwrap().code, "DuplicateAccessPackage");
/// ```
pub fn parse_batch_response(
    status: u16,
    headers: &[(String, String)],
    body: &str,
    rows: &[usize],
    now: Option<i64>,
) -> Vec<RowResult> {
    let failed = |error: GraphError| -> Vec<RowResult> {
        rows.iter()
            .map(|row| RowResult {
                row: *row,
                ok: false,
                status: error.status,
                access_package: None,
                error: Some(error.clone()),
            })
            .collect()
    };
    let response_headers = ResponseHeaders(headers);
    if status != 200 {
        return failed(parse_error(status, &response_headers, body, now));
    }
    let parsed: Option<Json> = serde_json::from_str(body).ok();
    let Some(items) = parsed
        .as_ref()
        .and_then(|json| json.get("responses"))
        .and_then(Json::as_array)
    else {
        let mut error = parse_error(200, &response_headers, "", now);
        error.code = "invalid_response_body".to_owned();
        error.message = "the $batch response has no responses array".to_owned();
        error.hint = Some(crate::response::hint_for(&error.code, 200, None));
        return failed(error);
    };
    let by_id: HashMap<String, &Json> = items
        .iter()
        .filter_map(|item| Some((item.get("id")?.as_str()?.to_ascii_lowercase(), item)))
        .collect();
    rows.iter()
        .map(|row| match by_id.get(&row.to_string()) {
            Some(item) => item_result(*row, item, now),
            None => missing_item(*row),
        })
        .collect()
}

fn item_result(row: usize, item: &Json, now: Option<i64>) -> RowResult {
    let status = item
        .get("status")
        .and_then(Json::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = item
        .get("headers")
        .and_then(Json::as_object)
        .map(|object| {
            object
                .iter()
                .map(|(name, value)| {
                    let text = value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_owned);
                    (name.clone(), text)
                })
                .collect()
        })
        .unwrap_or_default();
    let body = match item.get("body") {
        Some(Json::String(text)) => text.clone(),
        Some(Json::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    match parse_create_response(status, &headers, &body, now) {
        Ok(package) => RowResult {
            row,
            ok: true,
            status,
            access_package: Some(package),
            error: None,
        },
        Err(error) => RowResult {
            row,
            ok: false,
            status,
            access_package: None,
            error: Some(*error),
        },
    }
}

fn missing_item(row: usize) -> RowResult {
    RowResult {
        row,
        ok: false,
        status: 0,
        access_package: None,
        error: Some(GraphError {
            status: 0,
            code: "missing_batch_item".to_owned(),
            hint: Some(
                "The outcome is unknown, so look the package up by name before sending it again"
                    .to_owned(),
            ),
            message: format!("the $batch response has no item with id {row}"),
            request_id: None,
            client_request_id: None,
            date: None,
            retry_after_seconds: None,
            retryable: true,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_body_exact_text() {
        let items = [(3, r#"{"a":1}"#.to_owned()), (10, "{}".to_owned())];
        let expected = concat!(
            r#"{"requests":["#,
            r#"{"id":"3","method":"POST","url":"/x\"y","headers":{"Content-Type":"application/json"},"body":{"a":1}},"#,
            r#"{"id":"10","method":"POST","url":"/x\"y","headers":{"Content-Type":"application/json"},"body":{}}"#,
            "]}"
        );
        assert_eq!(batch_body(&items, "/x\"y"), expected);
    }

    #[test]
    fn name_key_lowercases_any_text() {
        assert_eq!(name_key("  Sales REPS "), "sales reps");
        assert_eq!(name_key(" ÉQUIPE Ä "), "équipe ä");
    }
}
