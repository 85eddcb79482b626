//! The string fast path: the package's JS wrapper sends an input that `JSON.stringify` renders
//! faithfully as JSON text, and reads the result back with `JSON.parse`. Crossing the boundary
//! once each way costs less than walking the object property by property. The wrapper falls
//! back to the object exports for anything JSON would hide, such as a function, a `BigInt`, a
//! lone surrogate or a `toJSON` method.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::convert::error;
use super::{CreateOutput, ValidationOutput};
use crate::options::{OptionError, Options, ParsedOptions};
use crate::value::Value;

/// Validates an input given as JSON text, with options as JSON text, and returns the result
/// as JSON text. `now` is the time in Unix seconds, for a token's expiry.
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
    to_text(&ValidationOutput::new(&parse_input(input)?, parsed))
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
