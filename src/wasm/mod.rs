//! Each export converts its arguments, calls the core and converts the result back. The doc
//! comments here are also the JSDoc of the package's `.d.ts`, so they name JavaScript values.

mod convert;
mod heap;
mod text;
mod types;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::batch::{build_batches, parse_batch_response, Batches};
use crate::options::ParsedOptions;
use crate::problem::{all_valid, Problem};
use crate::request::{build_create_request, build_lookup_request, HttpRequest};
use crate::response::{parse_create_response, GraphError};
use crate::rows::{parse_rows, Format, Rows};
use crate::validate::validate;
use crate::value::Value;
use js_sys::Reflect;

pub use convert::read_value;
use convert::{error, new_request_id, read_headers, read_options, read_status, to_js};
pub use text::{
    build_batch_requests_from_text_lines, build_create_access_package_request_text,
    validate_access_package_text,
};
pub use types::TYPESCRIPT;

/// Validates an access package input, collecting every problem, errors and warnings, in one
/// pass. Bad input gets problems, not exceptions: a value that is not an object gets the
/// problem `not_an_object` at path `""`.
///
/// ```js
/// const { valid, problems } = validateAccessPackage({ displayName: "", catalogId: "HR" });
/// // valid === false; problems[0].path === "displayName", problems[0].code === "blank"
/// ```
///
/// # Errors
///
/// Throws a `GraphAccessPackageError` with a `code` for bad options, such as
/// `{ apiVersion: "v2" }` (code `invalid_api_version`).
#[wasm_bindgen(
    js_name = validateAccessPackage,
    unchecked_return_type = "ValidationResult",
    return_description = "`valid` is true when no problem is an error"
)]
pub fn validate_access_package(
    #[wasm_bindgen(
        unchecked_param_type = "AccessPackageInput | unknown",
        param_description = "the fields of a form, a row or a package copied from a GET"
    )]
    input: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "Options",
        param_description = "the API version, cloud and rule settings"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let parsed = read_options(&options)?;
    to_js(&ValidationOutput::new(&read_value(&input), parsed))
}

/// The result of `validateAccessPackage`.
#[derive(Serialize)]
struct ValidationOutput {
    valid: bool,
    problems: Vec<Problem>,
}

impl ValidationOutput {
    fn new(input: &Value, parsed: ParsedOptions) -> Self {
        let mut problems = validate(input, &parsed.options).problems;
        problems.extend(parsed.problems);
        ValidationOutput {
            valid: all_valid(&problems),
            problems,
        }
    }
}

/// The result of `buildCreateAccessPackageRequest`.
#[derive(Serialize)]
struct CreateOutput {
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    request: Option<HttpRequest>,
    problems: Vec<Problem>,
}

impl CreateOutput {
    fn new(input: &Value, parsed: &ParsedOptions, generated_id: &str) -> Self {
        let built = build_create_request(input, parsed, generated_id);
        CreateOutput {
            valid: built.request.is_some(),
            request: built.request,
            problems: built.problems,
        }
    }
}

/// Builds the create request, or returns the problems that stop it. The body holds only what
/// Graph accepts on create in `options.apiVersion`, with the catalog in that version's shape.
///
/// ```js
/// const built = buildCreateAccessPackageRequest(
///   { displayName: "sales reps", catalogId: "66584aae-98bb-48cc-9458-7bee5d2a6577" },
///   { apiVersion: "v1.0", accessToken: "eyJ0eXAi…" },
/// );
/// if (built.valid) await fetch(built.request.url, built.request);
/// ```
///
/// # Errors
///
/// Throws a `GraphAccessPackageError` with a `code` for bad options, such as
/// `{ cloud: "Global" }` (code `invalid_cloud`).
#[wasm_bindgen(
    js_name = buildCreateAccessPackageRequest,
    unchecked_return_type = "CreateRequestResult",
    return_description = "`{ valid: true, request, problems }` or `{ valid: false, problems }`"
)]
pub fn build_create_access_package_request(
    #[wasm_bindgen(
        unchecked_param_type = "AccessPackageInput | unknown",
        param_description = "the fields of a form, a row or a package copied from a GET"
    )]
    input: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "Options",
        param_description = "the API version, cloud, endpoint, token and rule settings"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let parsed = read_options(&options)?;
    to_js(&CreateOutput::new(
        &read_value(&input),
        &parsed,
        &new_request_id(),
    ))
}

/// Parses the response to a create. A 2xx with a package that has an `id` gives
/// `{ ok: true, accessPackage }`; anything else gives `{ ok: false, error }` with Graph's code,
/// message, request id and a hint. Status 0 stands for no response at all.
///
/// ```js
/// const response = await fetch(built.request.url, built.request);
/// const result = parseCreateAccessPackageResponse(
///   response.status, response.headers, await response.text());
/// ```
///
/// # Errors
///
/// Throws a `GraphAccessPackageError` with code `invalid_argument` for a status that is not
/// an integer from 0 to 599, headers that are neither a `Headers` nor an object, or a body
/// that is not a string.
#[wasm_bindgen(
    js_name = parseCreateAccessPackageResponse,
    unchecked_return_type = "CreateResponseResult",
    return_description = "`{ ok: true, accessPackage }` or `{ ok: false, error }`"
)]
pub fn parse_create_access_package_response(
    #[wasm_bindgen(
        unchecked_param_type = "number",
        param_description = "the HTTP status, or 0 when no response came"
    )]
    status: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "Headers | Record<string, string>",
        param_description = "the response headers: `response.headers` or a plain object"
    )]
    headers: JsValue,
    #[wasm_bindgen(
        js_name = bodyText,
        unchecked_param_type = "string",
        param_description = "the response body as text"
    )]
    body_text: JsValue,
) -> Result<JsValue, JsValue> {
    let status = read_status(&status)?;
    let body = match body_text.as_string() {
        Some(body) => body,
        None if body_text.is_undefined() || body_text.is_null() => String::new(),
        None => return Err(error("invalid_argument", "bodyText must be a string")),
    };
    let headers = read_headers(&headers)?;
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let output = match status {
        0 => CreateResponseOutput {
            ok: false,
            access_package: None,
            error: Some(no_response_error()),
        },
        _ => match parse_create_response(status, &headers, &body, Some(now)) {
            Ok(package) => CreateResponseOutput {
                ok: true,
                access_package: Some(package),
                error: None,
            },
            Err(graph_error) => CreateResponseOutput {
                ok: false,
                access_package: None,
                error: Some(*graph_error),
            },
        },
    };
    to_js(&output)
}

/// The result of `parseCreateAccessPackageResponse`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateResponseOutput {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    access_package: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<GraphError>,
}

/// Builds the `GET` that lists the packages named `displayName` in the catalog, with the name
/// as an OData `$filter`. Graph compares names loosely, so the caller compares the names it
/// gets back exactly.
///
/// # Errors
///
/// Throws a `GraphAccessPackageError` whose `code` is the problem's (`blank` for an empty
/// name, `not_a_guid` for a catalog id such as `"1234"`, …) and whose `path` names the
/// argument, and one for bad options.
#[wasm_bindgen(
    js_name = buildAccessPackageLookupRequest,
    unchecked_return_type = "HttpRequest",
    return_description = "the GET, ready for `fetch(request.url, request)`"
)]
pub fn build_access_package_lookup_request(
    #[wasm_bindgen(
        js_name = displayName,
        unchecked_param_type = "string",
        param_description = "the package name to look for"
    )]
    display_name: JsValue,
    #[wasm_bindgen(
        js_name = catalogId,
        unchecked_param_type = "string",
        param_description = "the catalog's GUID"
    )]
    catalog_id: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "Options",
        param_description = "the API version, cloud, endpoint and token"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let parsed = read_options(&options)?;
    let name = read_value(&display_name);
    let catalog = read_value(&catalog_id);
    match build_lookup_request(&name, &catalog, &parsed, &new_request_id()) {
        Ok(request) => to_js(&request),
        Err(lookup) => {
            let thrown = error(lookup.0.code.as_str(), &lookup.0.message);
            let _ = Reflect::set(&thrown, &"path".into(), &lookup.0.path.as_str().into());
            Err(thrown)
        }
    }
}

/// Reads the rows of a CSV or JSON file's text. CSV headers are the input's field names
/// (`catalog.id` makes a nested object); problems carry `row` and the column in `path`.
///
/// ```js
/// const { rows } = parseAccessPackageRows("displayName,catalogId\nsales,HR\n", { format: "csv" });
/// // rows: [{ displayName: "sales", catalogId: "HR" }]
/// ```
///
/// # Errors
///
/// Throws a `GraphAccessPackageError` with code `invalid_option` when `format` is not
/// `{ format: "csv" }` or `{ format: "json" }`, and `invalid_argument` when `text` is not a
/// string.
#[wasm_bindgen(
    js_name = parseAccessPackageRows,
    unchecked_return_type = "RowsResult",
    return_description = "one input per row, and the problems of the file"
)]
pub fn parse_access_package_rows(
    #[wasm_bindgen(unchecked_param_type = "string", param_description = "the file's text")]
    text: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "RowsFormat",
        param_description = "`{ format: \"csv\" }` or `{ format: \"json\" }`"
    )]
    format: JsValue,
) -> Result<JsValue, JsValue> {
    let rows = read_rows(&text, &format)?;
    to_js(&RowsOutput {
        rows: rows.rows.iter().map(serde_json::Value::from).collect(),
        problems: rows.problems,
    })
}

/// The result of `parseAccessPackageRows`.
#[derive(Serialize)]
struct RowsOutput {
    rows: Vec<serde_json::Value>,
    problems: Vec<Problem>,
}

/// Packs valid inputs into `$batch` requests of at most 20 items. Rows with errors are left
/// out and reported with their `row`. A display name repeated in one catalog is an error on
/// every row after the first.
///
/// # Errors
///
/// Throws a `GraphAccessPackageError` with code `invalid_argument` when `inputs` is not an
/// array, and one for bad options.
#[wasm_bindgen(
    js_name = buildBatchRequests,
    unchecked_return_type = "BatchRequests",
    return_description = "the `$batch` requests with their rows, and every problem"
)]
pub fn build_batch_requests(
    #[wasm_bindgen(
        unchecked_param_type = "(AccessPackageInput | unknown)[]",
        param_description = "one input per row"
    )]
    inputs: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "Options",
        param_description = "the API version, cloud, endpoint, token and rule settings"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let parsed = read_options(&options)?;
    let Value::Array(inputs) = read_value(&inputs) else {
        return Err(error(
            "invalid_argument",
            "inputs must be an array of access packages",
        ));
    };
    to_js(&batches(&inputs, Vec::new(), &parsed))
}

/// Reads a file's text and packs its valid rows into `$batch` requests, in one call: the
/// result of `parseAccessPackageRows` then `buildBatchRequests`, without the rows crossing
/// into JavaScript, for large files.
///
/// # Errors
///
/// Throws a `GraphAccessPackageError` as `parseAccessPackageRows` and `buildBatchRequests` do.
#[wasm_bindgen(
    js_name = buildBatchRequestsFromText,
    unchecked_return_type = "BatchRequests",
    return_description = "the `$batch` requests with their rows, and every problem"
)]
pub fn build_batch_requests_from_text(
    #[wasm_bindgen(unchecked_param_type = "string", param_description = "the file's text")]
    text: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "RowsFormat",
        param_description = "`{ format: \"csv\" }` or `{ format: \"json\" }`"
    )]
    format: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "Options",
        param_description = "the API version, cloud, endpoint, token and rule settings"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let parsed = read_options(&options)?;
    let rows = read_rows(&text, &format)?;
    to_js(&batches(&rows.rows, rows.problems, &parsed))
}

/// Matches a `$batch` response to its rows by item id: one result per entry of `rows`, in
/// that order, whatever order Graph answered in. A failed batch fails every row with its error.
///
/// # Errors
///
/// Throws a `GraphAccessPackageError` with code `invalid_argument` for a status that is not
/// an integer from 0 to 599, bad headers, or `rows` that is not an array of row numbers.
#[wasm_bindgen(
    js_name = parseBatchResponse,
    unchecked_return_type = "BatchRowResult[]",
    return_description = "one result per entry of `rows`, in that order"
)]
pub fn parse_batch_response_js(
    #[wasm_bindgen(
        unchecked_param_type = "number",
        param_description = "the HTTP status of the `$batch` POST, or 0 when no response came"
    )]
    status: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "Headers | Record<string, string>",
        param_description = "the response headers: `response.headers` or a plain object"
    )]
    headers: JsValue,
    #[wasm_bindgen(
        js_name = bodyText,
        unchecked_param_type = "string",
        param_description = "the response body as text"
    )]
    body_text: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "number[]",
        param_description = "the batch's `rows`, from buildBatchRequests"
    )]
    rows: JsValue,
) -> Result<JsValue, JsValue> {
    let status = read_status(&status)?;
    let body = body_text.as_string().unwrap_or_default();
    let headers = read_headers(&headers)?;
    let rows_error = || error("invalid_argument", "rows must be an array of row numbers");
    let Value::Array(items) = read_value(&rows) else {
        return Err(rows_error());
    };
    let rows = items
        .iter()
        .map(|item| match item {
            Value::Number(n) if n.fract() == 0.0 && *n >= 0.0 => Ok(*n as usize),
            _ => Err(rows_error()),
        })
        .collect::<Result<Vec<usize>, JsValue>>()?;
    let now = (js_sys::Date::now() / 1000.0) as i64;
    to_js(&parse_batch_response(
        status,
        &headers,
        &body,
        &rows,
        Some(now),
    ))
}

fn batches(inputs: &[Value], known: Vec<Problem>, parsed: &ParsedOptions) -> Batches {
    build_batches(inputs, known, parsed, &mut new_request_id)
}

fn read_rows(text: &JsValue, format: &JsValue) -> Result<Rows, JsValue> {
    let Some(text) = text.as_string() else {
        return Err(error("invalid_argument", "text must be a string"));
    };
    let format = read_format(format)?;
    heap::reserve_for_input(text.len());
    Ok(parse_rows(&text, format))
}

fn read_format(format: &JsValue) -> Result<Format, JsValue> {
    let format_value = read_value(format);
    let name = match format_value.get("format") {
        Some(Value::String(name)) => Format::parse(name),
        _ => None,
    };
    let Some(format) = name else {
        return Err(error(
            "invalid_option",
            "the format must be { format: \"csv\" } or { format: \"json\" }",
        ));
    };
    Ok(format)
}

fn no_response_error() -> GraphError {
    GraphError {
        status: 0,
        code: "network_error".to_owned(),
        hint: Some(
            "Check the endpoint and the network, then look the package up by name before \
             sending again"
                .to_owned(),
        ),
        message: "no response came from Graph".to_owned(),
        request_id: None,
        client_request_id: None,
        date: None,
        retry_after_seconds: None,
        retryable: true,
    }
}
