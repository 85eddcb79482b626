use std::fmt::Write;

/// Writes one JSON object into a string, key by key, without building a JSON value first. It
/// does not check for duplicate keys, and the object is complete only after [`end`].
///
/// [`end`]: ObjectWriter::end
///
/// ```
/// use graph_access_package::json::ObjectWriter;
///
/// let mut body = String::new();
/// ObjectWriter::new(&mut body)
///     .string("displayName", "sales \"east\"")
///     .boolean("isHidden", false)
///     .end();
/// assert_eq!(body, r#"{"displayName":"sales \"east\"","isHidden":false}"#);
/// ```
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Starts an object at the end of `out`, keeping what `out` already holds.
    ///
    /// ```
    /// use graph_access_package::json::ObjectWriter;
    ///
    /// let mut out = String::from("[");
    /// ObjectWriter::new(&mut out).end();
    /// assert_eq!(out, "[{}");
    /// ```
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        ObjectWriter { out, empty: true }
    }

    /// Writes `key` and a string value, both escaped as JSON strings.
    ///
    /// ```
    /// use graph_access_package::json::ObjectWriter;
    ///
    /// let mut out = String::new();
    /// ObjectWriter::new(&mut out).string("description", "line 1\nline 2").end();
    /// assert_eq!(out, r#"{"description":"line 1\nline 2"}"#);
    /// ```
    pub fn string(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        push_string(self.out, value);
        self
    }

    /// Writes `key` and a boolean value.
    ///
    /// ```
    /// use graph_access_package::json::ObjectWriter;
    ///
    /// let mut out = String::new();
    /// ObjectWriter::new(&mut out).boolean("isHidden", true).end();
    /// assert_eq!(out, r#"{"isHidden":true}"#);
    /// ```
    pub fn boolean(&mut self, key: &str, value: bool) -> &mut Self {
        self.raw(key, if value { "true" } else { "false" })
    }

    /// Writes `key` and `value` unchecked, so `value` must already be JSON text.
    ///
    /// ```
    /// use graph_access_package::json::ObjectWriter;
    ///
    /// let mut out = String::new();
    /// ObjectWriter::new(&mut out).raw("headers", r#"{"Accept":"application/json"}"#).end();
    /// assert_eq!(out, r#"{"headers":{"Accept":"application/json"}}"#);
    /// ```
    pub fn raw(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        self.out.push_str(value);
        self
    }

    /// Writes `key` and then lets `write` add the value, which must be JSON text. A nested
    /// [`ObjectWriter`] on the same string writes a nested object.
    ///
    /// ```
    /// use graph_access_package::json::ObjectWriter;
    ///
    /// let mut out = String::new();
    /// ObjectWriter::new(&mut out)
    ///     .with("catalog", |out| ObjectWriter::new(out).string("id", "66584aae").end())
    ///     .end();
    /// assert_eq!(out, r#"{"catalog":{"id":"66584aae"}}"#);
    /// ```
    pub fn with(&mut self, key: &str, write: impl FnOnce(&mut String)) -> &mut Self {
        self.key(key);
        write(self.out);
        self
    }

    /// Closes the object.
    ///
    /// ```
    /// use graph_access_package::json::ObjectWriter;
    ///
    /// let mut out = String::new();
    /// let mut object = ObjectWriter::new(&mut out);
    /// object.string("displayName", "sales reps");
    /// object.end();
    /// assert_eq!(out, r#"{"displayName":"sales reps"}"#);
    /// ```
    pub fn end(&mut self) {
        self.out.push('}');
    }

    fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        push_string(self.out, key);
        self.out.push(':');
    }
}

/// Appends `text` as a JSON string, escaping quotes, backslashes and control characters. The
/// output is the same as `serde_json::to_string` gives for a string.
///
/// ```
/// use graph_access_package::json::push_string;
///
/// let mut out = String::new();
/// push_string(&mut out, "tab\there \u{7} é");
/// assert_eq!(out, r#""tab\there \u0007 é""#);
/// ```
pub fn push_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut start = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        // Most text has nothing to escape, so one table lookup per byte decides.
        if !NEEDS_ESCAPE[usize::from(byte)] {
            continue;
        }
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            _ => "",
        };
        out.push_str(&text[start..index]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        start = index + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// The bytes that a JSON string escapes: the quote, the backslash and the C0 controls.
static NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_match_serde_json() {
        for text in [
            "plain",
            "quote \" and \\",
            "line\nbreak\r\ttab",
            "bell\u{7} nul\u{0}",
            "é 🚀 \u{2028}",
        ] {
            let mut out = String::new();
            push_string(&mut out, text);
            assert_eq!(out, serde_json::to_string(text).unwrap());
        }
    }

    #[test]
    fn object_writer_separates_keys() {
        let mut out = String::new();
        ObjectWriter::new(&mut out)
            .string("a", "x")
            .boolean("b", false)
            .raw("c", "{}")
            .end();
        assert_eq!(out, r#"{"a":"x","b":false,"c":{}}"#);
    }
}
