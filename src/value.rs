use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JavaScript value that has no JSON form. Validation reports it as `unsupported_value`.
///
/// ```
/// use graph_access_package::{options::Options, problem::Code, validate::validate};
/// use graph_access_package::value::{Foreign, Value};
///
/// let name = ("displayName".to_owned(), Value::Foreign(Foreign::Function));
/// let validation = validate(&Value::Object(vec![name]), &Options::default());
/// assert_eq!(validation.problems[0].code, Code::UnsupportedValue);
/// assert_eq!(validation.problems[0].message, "displayName must be a JSON value, got a function");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Foreign {
    /// `undefined` inside an array, or as the whole input.
    Undefined,
    /// A function.
    Function,
    /// A `Symbol`.
    Symbol,
    /// A `BigInt`.
    BigInt,
}

impl Foreign {
    /// Returns the phrase used in messages, such as "a function".
    ///
    /// ```
    /// use graph_access_package::value::Foreign;
    ///
    /// assert_eq!(Foreign::BigInt.describe(), "a BigInt");
    /// assert_eq!(Foreign::Undefined.describe(), "undefined");
    /// ```
    pub fn describe(self) -> &'static str {
        match self {
            Foreign::Undefined => "undefined",
            Foreign::Function => "a function",
            Foreign::Symbol => "a Symbol",
            Foreign::BigInt => "a BigInt",
        }
    }
}

/// An input value. Objects keep their keys in order, duplicates included, so that a key given
/// twice can be reported.
///
/// ```
/// use graph_access_package::value::Value;
///
/// let value = Value::from_json(r#"{"isHidden": true, "isHidden": "no"}"#).unwrap();
/// let expected = Value::Object(vec![
///     ("isHidden".to_owned(), Value::Bool(true)),
///     ("isHidden".to_owned(), Value::String("no".to_owned())),
/// ]);
/// assert_eq!(value, expected);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// JSON `null`.
    Null,
    /// JSON `true` or `false`.
    Bool(bool),
    /// A number, which JavaScript may hold as `NaN` or an infinity.
    Number(f64),
    /// A valid Unicode string.
    String(String),
    /// A JavaScript string with a lone surrogate, which has no Unicode form.
    InvalidString,
    /// An array.
    Array(Vec<Value>),
    /// An object's own enumerable string keys and their values.
    Object(Vec<(String, Value)>),
    /// A JavaScript value with no JSON form.
    Foreign(Foreign),
    /// A property whose getter threw when it was read.
    Unreadable,
    /// A value nested deeper than [`MAX_DEPTH`], such as a cyclic object.
    TooDeep,
    /// A JavaScript array longer than [`MAX_ARRAY_LENGTH`], such as a sparse one, whose items
    /// are not read.
    TooLong,
}

/// The longest JavaScript array whose items are read. Reading a sparse array of 2^32 - 1 holes
/// would exhaust the 4 GiB of wasm32 memory. A longer array is read as [`Value::TooLong`].
///
/// ```
/// use graph_access_package::value::{Value, MAX_ARRAY_LENGTH};
///
/// assert_eq!(MAX_ARRAY_LENGTH, 4_194_304);
/// assert_eq!(Value::TooLong.describe(), "an array of more than 4194304 items");
/// ```
pub const MAX_ARRAY_LENGTH: u32 = 1 << 22;

/// The deepest nesting read from an input. An access package is two levels deep. A value
/// nested deeper is read as [`Value::TooDeep`].
///
/// ```
/// use graph_access_package::value::{Value, MAX_DEPTH};
///
/// let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
/// let mut value = Value::from_json(&deep).unwrap();
/// for _ in 0..MAX_DEPTH {
///     let Value::Array(mut items) = value else { panic!("expected an array") };
///     value = items.remove(0);
/// }
/// assert_eq!(value, Value::TooDeep);
/// ```
pub const MAX_DEPTH: usize = 32;

impl Value {
    /// Parses JSON text, keeping duplicate keys and their order.
    ///
    /// # Errors
    ///
    /// Returns serde_json's error for text that is not JSON, such as `{"a":}`, or that has text
    /// after the value.
    ///
    /// ```
    /// use graph_access_package::value::Value;
    ///
    /// let name = Value::from_json(r#"{"displayName": "sales reps"}"#).unwrap();
    /// assert_eq!(name.get("displayName"), Some(&Value::String("sales reps".to_owned())));
    ///
    /// assert!(Value::from_json(r#"{"a":}"#).is_err());
    /// assert!(Value::from_json("{} {}").is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Value, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let value = de::DeserializeSeed::deserialize(DepthLimited(0), &mut deserializer)?;
        deserializer.end()?;
        Ok(value)
    }

    /// Returns the first value of `key` when this is an object, and `None` for any other value.
    ///
    /// ```
    /// use graph_access_package::value::Value;
    ///
    /// let value = Value::from_json(r#"{"isHidden": true, "isHidden": false}"#).unwrap();
    /// assert_eq!(value.get("isHidden"), Some(&Value::Bool(true)));
    /// assert_eq!(Value::Null.get("isHidden"), None);
    /// ```
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Describes the value for a message: a short JSON rendering or a phrase.
    ///
    /// ```
    /// use graph_access_package::value::Value;
    ///
    /// assert_eq!(Value::Number(12.0).describe(), "12");
    /// assert_eq!(Value::Number(f64::NAN).describe(), "NaN");
    /// assert_eq!(Value::String("HR".to_owned()).describe(), r#""HR""#);
    /// assert_eq!(Value::Array(Vec::new()).describe(), "an array");
    /// ```
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".to_owned(),
            Value::Bool(value) => value.to_string(),
            Value::Number(number) => describe_number(*number),
            Value::String(text) => quote(text),
            Value::InvalidString => "a string with a lone surrogate".to_owned(),
            Value::Array(_) => "an array".to_owned(),
            Value::Object(_) => "an object".to_owned(),
            Value::Foreign(foreign) => foreign.describe().to_owned(),
            Value::Unreadable => "a property that could not be read".to_owned(),
            Value::TooDeep => "a value nested too deeply".to_owned(),
            Value::TooLong => format!("an array of more than {MAX_ARRAY_LENGTH} items"),
        }
    }
}

fn describe_number(number: f64) -> String {
    if number.is_nan() {
        "NaN".to_owned()
    } else if number.is_infinite() {
        if number > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_owned()
    } else if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        number.to_string()
    }
}

/// The maximum length of a string quoted in a message, in characters.
const MAX_QUOTED_CHARS: usize = 60;

/// Quotes `text` as JSON for a message, cut to 60 characters with `…` after the quote.
///
/// ```
/// use graph_access_package::value::quote;
///
/// assert_eq!(quote("sales\treps"), r#""sales\treps""#);
/// let long = "x".repeat(61);
/// assert_eq!(quote(&long), format!("\"{}\"…", "x".repeat(60)));
/// ```
pub fn quote(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((end, _)) => format!("{}…", json_string(&text[..end])),
        None => json_string(text),
    }
}

/// Writes `text` as a JSON string literal for a message or a path. Beyond what JSON escapes,
/// DEL, the C1 controls and the Unicode line and paragraph separators are escaped as `\uXXXX`
/// too, so that the result stays on one line and shows every character.
///
/// ```
/// use graph_access_package::value::json_string;
///
/// assert_eq!(json_string("a\u{7f}b\u{2028}c"), r#""a\u007fb\u2028c""#);
/// ```
pub fn json_string(text: &str) -> String {
    let escaped = serde_json::to_string(text).unwrap_or_default();
    if !escaped.chars().any(needs_escape) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for c in escaped.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// A deserializer seed that counts nesting, so that deep JSON becomes [`Value::TooDeep`]
/// instead of overflowing the stack.
struct DepthLimited(usize);

impl<'de> de::DeserializeSeed<'de> for DepthLimited {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DepthLimited {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value as f64))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value as f64))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::Number(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.0 >= MAX_DEPTH {
            while seq.next_element::<de::IgnoredAny>()?.is_some() {}
            return Ok(Value::TooDeep);
        }
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(DepthLimited(self.0 + 1))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if self.0 >= MAX_DEPTH {
            while map
                .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                .is_some()
            {}
            return Ok(Value::TooDeep);
        }
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(DepthLimited(self.0 + 1))?;
            entries.push((key, value));
        }
        Ok(Value::Object(entries))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(DepthLimited(0))
    }
}

impl From<&Value> for serde_json::Value {
    /// Converts to JSON; values with no JSON form become `null`.
    fn from(value: &Value) -> Self {
        match value {
            Value::Bool(flag) => serde_json::Value::Bool(*flag),
            Value::Number(number) => serde_json::Number::from_f64(*number)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::String(text) => serde_json::Value::String(text.clone()),
            Value::Array(items) => items.iter().map(serde_json::Value::from).collect(),
            Value::Object(entries) => serde_json::Value::Object(
                entries
                    .iter()
                    .map(|(key, item)| (key.clone(), serde_json::Value::from(item)))
                    .collect(),
            ),
            _ => serde_json::Value::Null,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_json_keeps_duplicate_keys() {
        let value = Value::from_json(r#"{"a":1,"a":2}"#).unwrap();
        let Value::Object(entries) = value else {
            panic!("expected an object")
        };
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1], ("a".to_owned(), Value::Number(2.0)));
    }

    #[test]
    fn from_json_stops_at_max_depth() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let mut value = Value::from_json(&text).unwrap();
        let mut depth = 0;
        while let Value::Array(mut items) = value {
            value = items.pop().unwrap();
            depth += 1;
        }
        assert_eq!(depth, MAX_DEPTH);
        assert_eq!(value, Value::TooDeep);
    }

    #[test]
    fn from_json_rejects_trailing_text() {
        assert!(Value::from_json("{} x").is_err());
    }

    #[test]
    fn quote_cuts_long_strings() {
        let quoted = quote(&"é".repeat(100));
        assert_eq!(quoted, format!("\"{}\"…", "é".repeat(60)));
    }

    #[test]
    fn quote_escapes_every_control() {
        assert_eq!(
            quote("a\u{7f}b\u{85}c\u{2028}"),
            r#""a\u007fb\u0085c\u2028""#
        );
        assert_eq!(quote("tab\t"), r#""tab\t""#);
    }

    #[test]
    fn describe_numbers() {
        assert_eq!(Value::Number(1.0).describe(), "1");
        assert_eq!(Value::Number(0.5).describe(), "0.5");
        assert_eq!(Value::Number(f64::NAN).describe(), "NaN");
        assert_eq!(Value::Number(f64::NEG_INFINITY).describe(), "-Infinity");
    }
}
