// Each export converts its arguments, calls the core and converts the result back.

mod convert;
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
pub use text::{build_create_access_package_request_text, validate_access_package_text};

/// Validates an access package input, collecting every problem in one pass.
///
/// # Errors
///
/// Throws an `Error` with a `code` for bad options, such as `{ apiVersion: "v2" }`.
#[wasm_bindgen(js_name = validateAccessPackage, unchecked_return_type = "ValidationResult")]
pub fn validate_access_package(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
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

/// Builds the create request, or returns the problems that stop it.
///
/// # Errors
///
/// Throws an `Error` with a `code` for bad options, such as `{ cloud: "Global" }`.
#[wasm_bindgen(
    js_name = buildCreateAccessPackageRequest,
    unchecked_return_type = "CreateRequestResult"
)]
pub fn build_create_access_package_request(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let parsed = read_options(&options)?;
    to_js(&CreateOutput::new(
        &read_value(&input),
        &parsed,
        &new_request_id(),
    ))
}

/// Parses the response to a create: `headers` is a `Headers` object or a plain object.
///
/// # Errors
///
/// Throws an `Error` with code `invalid_argument` for a status that is not an integer from 0
/// to 599, or a body that is not a string.
#[wasm_bindgen(
    js_name = parseCreateAccessPackageResponse,
    unchecked_return_type = "CreateResponseResult"
)]
pub fn parse_create_access_package_response(
    status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Headers | Record<string, string>")] headers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] body_text: JsValue,
) -> Result<JsValue, JsValue> {
    let status = read_status(&status)?;
    let body = match body_text.as_string() {
        Some(body) => body,
        None if body_text.is_undefined() || body_text.is_null() => String::new(),
        None => return Err(error("invalid_argument", "bodyText must be a string")),
    };
    let headers = read_headers(&headers)?;
    let now = (js_sys::Date::now() / 1000.0) as i64;
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Output {
        ok: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        access_package: Option<serde_json::Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<GraphError>,
    }
    let output = match status {
        0 => Output {
            ok: false,
            access_package: None,
            error: Some(no_response_error()),
        },
        _ => match parse_create_response(status, &headers, &body, Some(now)) {
            Ok(package) => Output {
                ok: true,
                access_package: Some(package),
                error: None,
            },
            Err(graph_error) => Output {
                ok: false,
                access_package: None,
                error: Some(*graph_error),
            },
        },
    };
    to_js(&output)
}

/// Builds the `GET` that finds packages named `displayName` in the catalog.
///
/// # Errors
///
/// Throws an `Error` whose `code` is the problem's (`blank`, `not_a_guid`, …) and whose `path`
/// names the argument, and one for bad options.
#[wasm_bindgen(js_name = buildAccessPackageLookupRequest, unchecked_return_type = "HttpRequest")]
pub fn build_access_package_lookup_request(
    #[wasm_bindgen(unchecked_param_type = "string")] display_name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] catalog_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
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

/// Reads the rows of a CSV or JSON file's text.
///
/// # Errors
///
/// Throws an `Error` with code `invalid_option` when `format` is not `{ format: "csv" }` or
/// `{ format: "json" }`, and `invalid_argument` when `text` is not a string.
#[wasm_bindgen(js_name = parseAccessPackageRows, unchecked_return_type = "RowsResult")]
pub fn parse_access_package_rows(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RowsFormat")] format: JsValue,
) -> Result<JsValue, JsValue> {
    let rows = read_rows(&text, &format)?;
    #[derive(Serialize)]
    struct Output {
        rows: Vec<serde_json::Value>,
        problems: Vec<Problem>,
    }
    to_js(&Output {
        rows: rows.rows.iter().map(serde_json::Value::from).collect(),
        problems: rows.problems,
    })
}

/// Packs valid inputs into `$batch` requests of at most 20 items, reporting every other row.
///
/// # Errors
///
/// Throws an `Error` with code `invalid_argument` when `inputs` is not an array, and one for
/// bad options.
#[wasm_bindgen(js_name = buildBatchRequests, unchecked_return_type = "BatchRequests")]
pub fn build_batch_requests(
    #[wasm_bindgen(unchecked_param_type = "unknown[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
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

/// Reads a file's text and packs its valid rows into `$batch` requests, in one call.
///
/// # Errors
///
/// As [`parse_access_package_rows`] and [`build_batch_requests`].
#[wasm_bindgen(js_name = buildBatchRequestsFromText, unchecked_return_type = "BatchRequests")]
pub fn build_batch_requests_from_text(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RowsFormat")] format: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let parsed = read_options(&options)?;
    let rows = read_rows(&text, &format)?;
    to_js(&batches(&rows.rows, rows.problems, &parsed))
}

/// Matches a `$batch` response to its rows: one result per entry of `rows`, in that order.
///
/// # Errors
///
/// Throws an `Error` with code `invalid_argument` for a bad status or body, or `rows` that is
/// not an array of row numbers.
#[wasm_bindgen(js_name = parseBatchResponse, unchecked_return_type = "BatchRowResult[]")]
pub fn parse_batch_response_js(
    status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Headers | Record<string, string>")] headers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] body_text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number[]")] rows: JsValue,
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
    Ok(parse_rows(&text, format))
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
