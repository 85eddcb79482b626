use js_sys::{Array, JsString, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::options::{OptionError, Options, ParsedOptions};
use crate::value::{Foreign, Value, MAX_ARRAY_LENGTH, MAX_DEPTH};

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

pub(super) fn read_options(options: &JsValue) -> Result<ParsedOptions, JsValue> {
    let now = (js_sys::Date::now() / 1000.0) as i64;
    Options::from_value_at(&read_value(options), Some(now))
        .map_err(|OptionError { code, message }| error(code, &message))
}

pub(super) fn read_status(status: &JsValue) -> Result<u16, JsValue> {
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
pub(super) fn read_headers(headers: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    if headers.is_undefined() || headers.is_null() {
        return Ok(Vec::new());
    }
    // A getter or Proxy trap that throws becomes a bad argument, since the JS error has no code.
    let unreadable = |_| error("invalid_argument", "headers could not be read");
    let pairs: Vec<(JsValue, JsValue)> =
        if let Some(fetch_headers) = headers.dyn_ref::<web_sys::Headers>() {
            let iterator = js_sys::try_iter(fetch_headers)
                .map_err(unreadable)?
                .ok_or_else(|| error("invalid_argument", "headers could not be read"))?;
            let mut pairs = Vec::new();
            for entry in iterator {
                let entry: Array = entry.map_err(unreadable)?.unchecked_into();
                pairs.push((entry.get(0), entry.get(1)));
            }
            pairs
        } else if headers.is_object() {
            let keys = object_keys(headers).map_err(unreadable)?;
            let mut pairs = Vec::new();
            for key in keys.iter() {
                let value = reflect_get(headers, &key).map_err(unreadable)?;
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
    if length > MAX_ARRAY_LENGTH {
        return Value::TooLong;
    }
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

pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|failure| error("internal_error", &failure.to_string()))
}

/// Creates the `Error` thrown for a bad argument, with `name` and `code` set.
pub(super) fn error(code: &str, message: &str) -> JsValue {
    let thrown = js_sys::Error::new(message);
    thrown.set_name("GraphAccessPackageError");
    let _ = Reflect::set(&thrown, &"code".into(), &code.into());
    thrown.into()
}

/// Returns a fresh GUID for `client-request-id`, from `crypto.randomUUID` where it exists.
pub(super) fn new_request_id() -> String {
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
