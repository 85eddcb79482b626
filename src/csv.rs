/// The field separators a CSV file may use, as Excel writes them in different locales.
const DELIMITERS: [char; 3] = [',', ';', '\t'];

/// One record of a CSV file.
///
/// ```
/// use graph_access_package::csv::{parse_csv, Record};
///
/// let csv = parse_csv("displayName,description\nsales,\"line 1\nline 2\"\nhr,\n");
/// let expected = Record { fields: vec!["hr".to_owned(), String::new()], line: 4 };
/// assert_eq!(csv.records[2], expected);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The fields, unquoted.
    pub fields: Vec<String>,
    /// The 1-based line where the record starts.
    pub line: usize,
}

/// A CSV file read by [`parse_csv`].
///
/// ```
/// use graph_access_package::csv::parse_csv;
///
/// let csv = parse_csv("displayName,catalogId\n\"sales,66584aae\n");
/// assert_eq!(csv.unterminated_quote, Some(2));
/// assert_eq!(csv.records[0].fields, ["displayName", "catalogId"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Csv {
    /// The records, blank lines left out.
    pub records: Vec<Record>,
    /// The line where a quoted field starts that never ends, when there is one.
    pub unterminated_quote: Option<usize>,
}

/// Reads CSV as RFC 4180 writes it: quoted fields with doubled quotes, separators and line
/// breaks inside quotes, CRLF or LF. The separator is the one of `,`, `;` and tab that appears
/// most often outside quotes in the first line. A byte-order mark is skipped, and so are blank
/// lines. A quote inside an unquoted field is kept as text.
///
/// ```
/// use graph_access_package::csv::parse_csv;
///
/// let text = concat!(
///     "\u{feff}displayName;description\r\n",
///     "\r\n",
///     r#""sales; east";"the ""A"" team""#,
///     "\r\n",
/// );
/// let csv = parse_csv(text);
/// assert_eq!(csv.records.len(), 2);
/// assert_eq!(csv.records[1].fields, ["sales; east", "the \"A\" team"]);
/// assert_eq!(csv.records[1].line, 3);
/// assert_eq!(csv.unterminated_quote, None);
/// ```
pub fn parse_csv(text: &str) -> Csv {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Every byte the parser acts on is ASCII, so scanning bytes never stops inside a UTF-8
    // sequence, and the text between stops is copied into the field as one slice.
    let delimiter = detect_delimiter(text) as u8;
    let bytes = text.as_bytes();
    let mut csv = Csv::default();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut record_line = 1;
    let mut quote_line = 0;
    // The start of the text scanned since the last stop, not yet copied into `field`.
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        index += 1;
        if quoted {
            match byte {
                b'"' => {
                    field.push_str(&text[start..index - 1]);
                    if bytes.get(index) == Some(&b'"') {
                        field.push('"');
                        index += 1;
                    } else {
                        quoted = false;
                    }
                    start = index;
                }
                b'\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' if field.is_empty() && start == index - 1 => {
                quoted = true;
                quote_line = line;
                start = index;
            }
            b'\r' | b'\n' => {
                field.push_str(&text[start..index - 1]);
                if byte == b'\r' && bytes.get(index) == Some(&b'\n') {
                    index += 1;
                }
                fields.push(std::mem::take(&mut field));
                push_record(&mut csv, std::mem::take(&mut fields), record_line);
                line += 1;
                record_line = line;
                start = index;
            }
            _ if byte == delimiter => {
                field.push_str(&text[start..index - 1]);
                fields.push(std::mem::take(&mut field));
                start = index;
            }
            _ => {}
        }
    }
    if quoted {
        csv.unterminated_quote = Some(quote_line);
    }
    field.push_str(&text[start..]);
    fields.push(field);
    push_record(&mut csv, fields, record_line);
    csv
}

fn push_record(csv: &mut Csv, fields: Vec<String>, line: usize) {
    let blank = fields.len() == 1 && fields[0].trim().is_empty();
    if !blank {
        csv.records.push(Record { fields, line });
    }
}

fn detect_delimiter(text: &str) -> char {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\r' | '\n' if !quoted => break,
            _ if !quoted => {
                if let Some(index) = DELIMITERS.iter().position(|d| *d == c) {
                    counts[index] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    DELIMITERS[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        parse_csv(text)
            .records
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn quoted_fields_and_doubled_quotes() {
        let rows = fields("a,b\r\n\"x, \"\"y\"\"\",\"line\nbreak\"\r\n");
        assert_eq!(rows, [vec!["a", "b"], vec!["x, \"y\"", "line\nbreak"]]);
    }

    #[test]
    fn delimiters_by_locale() {
        assert_eq!(fields("a;b\n1;2"), [vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(fields("a\tb\n1\t2"), [vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(fields("\"a;x\",b\n1,2")[1], ["1", "2"]);
    }

    #[test]
    fn bom_and_blank_lines_skipped() {
        let csv = parse_csv("\u{feff}a\n\n1\n\r\n\n");
        assert_eq!(csv.records.len(), 2);
        assert_eq!(csv.records[1].fields, ["1"]);
        assert_eq!(csv.records[1].line, 3);
    }

    #[test]
    fn unterminated_quote_is_reported() {
        let csv = parse_csv("a\n1\n\"open\n");
        assert_eq!(csv.unterminated_quote, Some(3));
    }

    /// Parses CSV one `char` at a time, as `parse_csv` did before it scanned bytes, so that the
    /// byte scanner can be checked against it.
    fn parse_by_char(text: &str) -> Csv {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let delimiter = detect_delimiter(text);
        let mut csv = Csv::default();
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut line = 1;
        let mut record_line = 1;
        let mut quote_line = 0;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    '\n' => {
                        line += 1;
                        field.push(c);
                    }
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                '"' if field.is_empty() => {
                    quoted = true;
                    quote_line = line;
                }
                '\r' | '\n' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    fields.push(std::mem::take(&mut field));
                    push_record(&mut csv, std::mem::take(&mut fields), record_line);
                    line += 1;
                    record_line = line;
                }
                c if c == delimiter => fields.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        if quoted {
            csv.unterminated_quote = Some(quote_line);
        }
        fields.push(field);
        push_record(&mut csv, fields, record_line);
        csv
    }

    #[test]
    fn byte_scanner_matches_char_parser() {
        let alphabet = ["a", ",", ";", "\t", "\"", "\r", "\n", " ", "é"];
        let mut texts = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|text| text.chars().count() == texts.last().unwrap().chars().count())
                .flat_map(|text| alphabet.iter().map(move |piece| format!("{text}{piece}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            assert_eq!(parse_csv(text), parse_by_char(text), "{text:?}");
            let with_bom = format!("\u{feff}{text}");
            assert_eq!(
                parse_csv(&with_bom),
                parse_by_char(&with_bom),
                "{with_bom:?}"
            );
        }
    }

    #[test]
    fn lone_cr_ends_records() {
        assert_eq!(fields("a\r1\r2"), [vec!["a"], vec!["1"], vec!["2"]]);
    }
}
