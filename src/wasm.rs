use js_sys::{Array, JsString, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::batch::{build_batches, parse_batch_response, Batches};
use crate::options::{OptionError, Options, ParsedOptions};
use crate::problem::{all_valid, Problem};
use crate::request::{build_create_request, build_lookup_request, HttpRequest};
use crate::response::{parse_create_response, GraphError};
use crate::rows::{parse_rows, Format, Rows};
use crate::validate::validate;
use crate::value::{Foreign, Value, MAX_DEPTH};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type ApiVersion = "v1.0" | "beta";
export type Cloud = "global" | "usGovernment" | "usGovernmentDod" | "china";

/** Settings for validation and request building. */
export interface Options {
  /** The Graph version; "v1.0" when absent. */
  apiVersion?: ApiVersion;
  /** The national cloud, which picks the Graph host; "global" when absent. */
  cloud?: Cloud;
  /** An origin with an optional path prefix that replaces the cloud's host; https unless loopback. */
  baseUrl?: string;
  /** Sent as "Authorization: Bearer …"; a pasted "Bearer " prefix is removed. */
  accessToken?: string;
  /** Sent as "client-request-id"; generated when absent. */
  clientRequestId?: string;
  /** The display name length, in UTF-16 code units, above which a warning is given; 256 when absent. */
  maxDisplayNameLength?: number;
  /** Turns warnings about length and string booleans into errors. */
  strict?: boolean;
  /** "accessPackages" (the documented path, the default) or "assignmentPolicyNavigation". */
  path?: "accessPackages" | "assignmentPolicyNavigation";
  /** The assignment policy whose navigation path is used with path "assignmentPolicyNavigation". */
  assignmentPolicyId?: string;
}

/** One problem with an input or an option. */
export interface Problem {
  /** The input's JSON path: "displayName", "catalog.id", "" for the whole value, "options.baseUrl". */
  path: string;
  /** A stable snake_case identifier, such as "required" or "not_a_guid". */
  code: string;
  /** One sentence for a person: the field, what was expected and what was found. */
  message: string;
  severity: "error" | "warning";
  /** The zero-based row, in bulk results. */
  row?: number;
}

/** The fields of a form or a row. */
export interface AccessPackageInput {
  displayName?: unknown;
  description?: unknown;
  isHidden?: unknown;
  /** The catalog's id; `catalog: { id }` is accepted as the v1.0 spelling. */
  catalogId?: unknown;
  catalog?: unknown;
  /** Beta only. */
  isRoleScopesVisible?: unknown;
  "@odata.type"?: unknown;
  [other: string]: unknown;
}

/** A request that passes straight to fetch: fetch(request.url, request). */
export interface HttpRequest {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  /** The JSON body text. */
  body?: string;
}

/** A failed Graph call. */
export interface GraphError {
  /** The HTTP status; 0 when no response came. */
  status: number;
  /** Graph's error.code ("" when the body had none), or a snake_case code for what the client found. */
  code: string;
  /** Advice for the admin, in one sentence. */
  hint?: string;
  message: string;
  requestId?: string;
  clientRequestId?: string;
  /** ISO 8601 in UTC with "Z". */
  date?: string;
  /** Present only when the response gave it and it could be read. */
  retryAfterSeconds?: number;
  /** True for 429, 503, 504 and network failures. */
  retryable: boolean;
}

export interface ValidationResult {
  valid: boolean;
  problems: Problem[];
}

export type CreateRequestResult =
  | { valid: true; request: HttpRequest; problems: Problem[] }
  | { valid: false; problems: Problem[] };

export interface RowsResult {
  rows: AccessPackageInput[];
  problems: Problem[];
}

export interface BatchRequests {
  /** `$batch` requests of at most 20 items; `rows` lists the input rows of the items in order. */
  batches: { request: HttpRequest; rows: number[] }[];
  /** Problems of every row, with `row` set, and of the options. */
  problems: Problem[];
}

export interface BatchRowResult {
  row: number;
  ok: boolean;
  /** The item's status, or the whole batch's when it failed; 0 when the item is missing. */
  status: number;
  accessPackage?: Record<string, unknown>;
  error?: GraphError;
}

export interface RowsFormat {
  format: "csv" | "json";
}

export type CreateResponseResult =
  | { ok: true; accessPackage: Record<string, unknown> }
  | { ok: false; error: GraphError };
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(object: &JsValue) -> Result<Array, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Object, js_name = getOwnPropertySymbols)]
    fn own_symbols(object: &JsValue) -> Result<Array, JsValue>;

    #[wasm_bindgen(js_name = String)]
    fn to_js_string(value: &JsValue) -> String;

    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> bool;

    #[wasm_bindgen(catch, js_namespace = crypto, js_name = randomUUID)]
    fn random_uuid() -> Result<String, JsValue>;
}

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
    let mut problems = validate(&read_value(&input), &parsed.options).problems;
    problems.extend(parsed.problems);
    #[derive(Serialize)]
    struct Output {
        valid: bool,
        problems: Vec<Problem>,
    }
    to_js(&Output {
        valid: all_valid(&problems),
        problems,
    })
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
    let built = build_create_request(&read_value(&input), &parsed, &new_request_id());
    #[derive(Serialize)]
    struct Output {
        valid: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        request: Option<HttpRequest>,
        problems: Vec<Problem>,
    }
    to_js(&Output {
        valid: built.request.is_some(),
        request: built.request,
        problems: built.problems,
    })
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

fn read_options(options: &JsValue) -> Result<ParsedOptions, JsValue> {
    let now = (js_sys::Date::now() / 1000.0) as i64;
    Options::from_value_at(&read_value(options), Some(now))
        .map_err(|OptionError { code, message }| error(code, &message))
}

fn read_status(status: &JsValue) -> Result<u16, JsValue> {
    match status.as_f64() {
        Some(number) if number.fract() == 0.0 && (0.0..=599.0).contains(&number) => {
            Ok(number as u16)
        }
        _ => Err(error(
            "invalid_argument",
            "status must be an integer HTTP status from 0 to 599",
        )),
    }
}

/// Reads response headers from a `Headers` object or a plain object of name to value.
fn read_headers(headers: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    if headers.is_undefined() || headers.is_null() {
        return Ok(Vec::new());
    }
    let pairs: Vec<(JsValue, JsValue)> =
        if let Some(fetch_headers) = headers.dyn_ref::<web_sys::Headers>() {
            let iterator = js_sys::try_iter(fetch_headers)?
                .ok_or_else(|| error("invalid_argument", "headers could not be read"))?;
            let mut pairs = Vec::new();
            for entry in iterator {
                let entry: Array = entry?.unchecked_into();
                pairs.push((entry.get(0), entry.get(1)));
            }
            pairs
        } else if headers.is_object() {
            let keys = object_keys(headers)?;
            let mut pairs = Vec::new();
            for key in keys.iter() {
                let value = reflect_get(headers, &key)?;
                pairs.push((key, value));
            }
            pairs
        } else {
            return Err(error(
                "invalid_argument",
                "headers must be a Headers object or a plain object",
            ));
        };
    Ok(pairs
        .into_iter()
        .filter_map(|(name, value)| Some((name.as_string()?, value.as_string()?)))
        .collect())
}

/// Converts a JavaScript value to a [`Value`] without calling `toJSON`, so that what JSON
/// cannot hold (functions, symbols, BigInt, lone surrogates, throwing getters, cycles) is seen.
pub fn read_value(value: &JsValue) -> Value {
    read_at_depth(value, 0)
}

fn read_at_depth(value: &JsValue, depth: usize) -> Value {
    if value.is_undefined() {
        return Value::Foreign(Foreign::Undefined);
    }
    if value.is_null() {
        return Value::Null;
    }
    if let Some(flag) = value.as_bool() {
        return Value::Bool(flag);
    }
    if let Some(number) = value.as_f64() {
        return Value::Number(number);
    }
    if let Some(text) = value.dyn_ref::<JsString>() {
        return if text.is_valid_utf16() {
            Value::String(String::from(text))
        } else {
            Value::InvalidString
        };
    }
    if value.is_function() {
        return Value::Foreign(Foreign::Function);
    }
    if value.is_symbol() {
        return Value::Foreign(Foreign::Symbol);
    }
    if value.is_bigint() {
        return Value::Foreign(Foreign::BigInt);
    }
    if depth >= MAX_DEPTH {
        return Value::TooDeep;
    }
    if is_array(value) {
        return read_array(value, depth);
    }
    read_object(value, depth)
}

fn read_array(value: &JsValue, depth: usize) -> Value {
    let Ok(length) = reflect_get(value, &"length".into()) else {
        return Value::Unreadable;
    };
    let length = length.as_f64().unwrap_or(0.0) as u32;
    let mut items = Vec::with_capacity(length.min(1024) as usize);
    for index in 0..length {
        items.push(match reflect_get(value, &index.into()) {
            Ok(item) => read_at_depth(&item, depth + 1),
            Err(_) => Value::Unreadable,
        });
    }
    Value::Array(items)
}

fn read_object(value: &JsValue, depth: usize) -> Value {
    let Ok(keys) = object_keys(value) else {
        return Value::Unreadable;
    };
    let mut entries = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        let item = match reflect_get(value, &key) {
            Ok(item) if item.is_undefined() => continue,
            Ok(item) => read_at_depth(&item, depth + 1),
            Err(_) => Value::Unreadable,
        };
        let name = key
            .dyn_ref::<JsString>()
            .map(String::from)
            .unwrap_or_default();
        entries.push((name, item));
    }
    // JSON.stringify drops Symbol keys silently, so each one is kept as a value with no JSON form.
    for symbol in own_symbols(value)
        .map(|symbols| symbols.to_vec())
        .unwrap_or_default()
    {
        entries.push((to_js_string(&symbol), Value::Foreign(Foreign::Symbol)));
    }
    Value::Object(entries)
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|failure| error("internal_error", &failure.to_string()))
}

/// Creates the `Error` thrown for a bad argument, with `name` and `code` set.
fn error(code: &str, message: &str) -> JsValue {
    let thrown = js_sys::Error::new(message);
    thrown.set_name("GraphAccessPackageError");
    let _ = Reflect::set(&thrown, &"code".into(), &code.into());
    thrown.into()
}

/// Returns a fresh GUID for `client-request-id`, from `crypto.randomUUID` where it exists.
fn new_request_id() -> String {
    random_uuid().unwrap_or_else(|_| fallback_uuid())
}

fn fallback_uuid() -> String {
    let mut digits = String::with_capacity(36);
    for index in 0..32 {
        if matches!(index, 8 | 12 | 16 | 20) {
            digits.push('-');
        }
        let nibble = match index {
            12 => 4,
            16 => 8 | (js_sys::Math::random() * 4.0) as u32,
            _ => (js_sys::Math::random() * 16.0) as u32,
        };
        digits.push(char::from_digit(nibble.min(15), 16).unwrap_or('0'));
    }
    digits
}
