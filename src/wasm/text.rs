//! The string fast path: the package's JS wrapper sends an input that `JSON.stringify` renders
//! faithfully as JSON text, and reads the result back with `JSON.parse`. Crossing the boundary
//! once each way costs less than walking the object property by property. The wrapper falls
//! back to the object exports for anything JSON would hide, such as a function, a `BigInt`, a
//! lone surrogate or a `toJSON` method. Batches built from a file's text come back as one
//! string too, with their bodies as lines after the JSON.

use std::borrow::Cow;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::convert::{error, read_options};
use super::{batches, read_format, CreateOutput, ValidationOutput};
use crate::options::{OptionError, Options, ParsedOptions};
use crate::rows::parse_rows;
use crate::value::Value;

/// Validates an input given as JSON text, with options as JSON text, and returns the result
/// as JSON text, or an empty string for `{"valid":true,"problems":[]}`, which JavaScript can
/// then build without parsing. `now` is the time in Unix seconds, for a token's expiry.
///
/// # Errors
///
/// Throws an `Error` with a `code` for bad options, as `validateAccessPackage` does.
#[wasm_bindgen(js_name = validateAccessPackageText)]
pub fn validate_access_package_text(
    input: &str,
    options: &str,
    now: f64,
) -> Result<String, JsValue> {
    let parsed = parse_options(options, now)?;
    let output = ValidationOutput::new(&parse_input(input)?, parsed);
    if output.valid && output.problems.is_empty() {
        return Ok(String::new());
    }
    to_text(&output)
}

/// Builds the create request from JSON text as `buildCreateAccessPackageRequest` does.
/// `generated_id` is the `client-request-id` used when the options carry none. The result is
/// JSON text without `request.body`, then, when there is a request, a line break and the body,
/// so that the body is neither escaped here nor unescaped in JavaScript.
///
/// # Errors
///
/// Throws an `Error` with a `code` for bad options.
#[wasm_bindgen(js_name = buildCreateAccessPackageRequestText)]
pub fn build_create_access_package_request_text(
    input: &str,
    options: &str,
    generated_id: &str,
    now: f64,
) -> Result<String, JsValue> {
    let parsed = parse_options(options, now)?;
    to_text(&CreateOutput::new(
        &parse_input(input)?,
        &parsed,
        generated_id,
    ))
}

/// Reads a file's text and packs its valid rows into `$batch` requests as
/// `buildBatchRequestsFromText` does. The text comes as UTF-8 bytes, which `TextEncoder`
/// writes faster than the string glue. The result is text: the JSON of the result without
/// the requests' bodies, then each batch's body on a line of its own, in batch order. Compact
/// JSON never contains a line break, so splitting at line breaks recovers the parts, and the
/// bodies are neither escaped into the JSON nor parsed back.
///
/// # Errors
///
/// Throws an `Error` with a `code` as `buildBatchRequestsFromText` does for bad options or a
/// bad format.
#[wasm_bindgen(js_name = buildBatchRequestsFromTextLines)]
pub fn build_batch_requests_from_text_lines(
    text: &[u8],
    format: JsValue,
    options: JsValue,
) -> Result<String, JsValue> {
    let parsed = read_options(&options)?;
    let format = read_format(&format)?;
    // `TextEncoder` writes valid UTF-8, where `from_utf8` is faster than the lossy decoder.
    let text = match std::str::from_utf8(text) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(text),
    };
    super::heap::reserve_for_input(text.len());
    let rows = parse_rows(&text, format);
    let mut built = batches(&rows.rows, rows.problems, &parsed);
    let bodies: Vec<String> = built
        .batches
        .iter_mut()
        .map(|batch| batch.request.body.take().unwrap_or_default())
        .collect();
    let mut out = to_text(&built)?;
    out.reserve(bodies.iter().map(|body| body.len() + 1).sum());
    for body in &bodies {
        out.push('\n');
        out.push_str(body);
    }
    Ok(out)
}

fn parse_input(text: &str) -> Result<Value, JsValue> {
    Value::from_json(text).map_err(|failure| error("internal_error", &failure.to_string()))
}

fn parse_options(text: &str, now: f64) -> Result<ParsedOptions, JsValue> {
    Options::from_value_at(&parse_input(text)?, Some(now as i64))
        .map_err(|OptionError { code, message }| error(code, &message))
}

fn to_text<T: Serialize>(value: &T) -> Result<String, JsValue> {
    serde_json::to_string(value).map_err(|failure| error("internal_error", &failure.to_string()))
}
