use std::collections::HashSet;

use crate::csv::parse_csv;
use crate::problem::{Code, Problem};
use crate::value::Value;

/// The format of a file of rows.
///
/// ```
/// use graph_access_package::rows::{parse_rows, Format};
///
/// let json = r#"[{"displayName": "sales", "catalogId": "66584aae-98bb-48cc-9458-7bee5d2a6577"}]"#;
/// assert_eq!(parse_rows(json, Format::Json).rows.len(), 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A header row of field names, then one record per package.
    Csv,
    /// An array of inputs.
    Json,
}

impl Format {
    /// Parses the format as JavaScript spells it: `"csv"` or `"json"`. Any other text, such as
    /// `"CSV"`, gives `None`.
    ///
    /// ```
    /// use graph_access_package::rows::Format;
    ///
    /// assert_eq!(Format::parse("csv"), Some(Format::Csv));
    /// assert_eq!(Format::parse("CSV"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Format> {
        match text {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Rows read from a file, with the problems found while reading it.
///
/// ```
/// use graph_access_package::{problem::Code, rows::{parse_rows, Format}};
///
/// let rows = parse_rows("displayName\nsales\nhr,extra\n", Format::Csv);
/// assert_eq!(rows.rows.len(), 2);
/// assert_eq!(rows.problems[0].code, Code::ExtraCells);
/// assert_eq!(rows.problems[0].row, Some(1));
/// let message = "row 1 (line 3) has 2 cells, more than the 1 columns of the header";
/// assert_eq!(rows.problems[0].message, message);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    /// One input per data record, counted from zero. A record with problems is kept.
    pub rows: Vec<Value>,
    /// Problems with the file (no `row`) or with one record (with its `row`).
    pub problems: Vec<Problem>,
}

/// Reads the rows of a CSV or JSON file.
///
/// In CSV, the header row holds the input's field names, and `catalog.id` makes a nested
/// object. An empty cell leaves the field out, and `true` or `false` in any case is a boolean;
/// every other cell is a string.
///
/// ```
/// use graph_access_package::{rows::{parse_rows, Format}, value::Value};
///
/// let csv = concat!(
///     "displayName,catalog.id,isHidden\n",
///     "sales,66584aae-98bb-48cc-9458-7bee5d2a6577,TRUE\n",
/// );
/// let rows = parse_rows(csv, Format::Csv);
/// assert!(rows.problems.is_empty());
/// let expected = Value::from_json(
///     r#"{"displayName": "sales", "catalog": {"id": "66584aae-98bb-48cc-9458-7bee5d2a6577"}, "isHidden": true}"#,
/// );
/// assert_eq!(rows.rows, [expected.unwrap()]);
/// ```
pub fn parse_rows(text: &str, format: Format) -> Rows {
    match format {
        Format::Csv => parse_csv_rows(text),
        Format::Json => parse_json_rows(text),
    }
}

fn parse_json_rows(text: &str) -> Rows {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Rows::default();
    match Value::from_json(text) {
        Ok(Value::Array(items)) => rows.rows = items,
        Ok(other) => rows.problems.push(Problem::error(
            "",
            Code::NotAnArray,
            format!(
                "the file must be a JSON array of access packages, got {}",
                other.describe()
            ),
        )),
        Err(failure) => rows.problems.push(Problem::error(
            "",
            Code::InvalidJson,
            format!("the file is not valid JSON: {failure}"),
        )),
    }
    rows
}

fn parse_csv_rows(text: &str) -> Rows {
    let csv = parse_csv(text);
    let mut rows = Rows::default();
    let mut records = csv.records.into_iter();
    let Some(header) = records.next() else {
        rows.problems.push(Problem::error(
            "",
            Code::InvalidCsv,
            "the file must start with a header row of field names, got an empty file",
        ));
        return rows;
    };
    let columns: Vec<String> = header
        .fields
        .iter()
        .map(|name| name.trim().to_owned())
        .collect();
    check_header(&columns, &mut rows.problems);
    for (row, record) in records.enumerate() {
        if record.fields.len() > columns.len() {
            let mut problem = Problem::error(
                "",
                Code::ExtraCells,
                format!(
                    "row {row} (line {}) has {} cells, more than the {} columns of the header",
                    record.line,
                    record.fields.len(),
                    columns.len()
                ),
            );
            problem.row = Some(row);
            rows.problems.push(problem);
        }
        rows.rows.push(record_value(&columns, record.fields));
    }
    if let Some(line) = csv.unterminated_quote {
        rows.problems.push(Problem::error(
            "",
            Code::InvalidCsv,
            format!("the quoted field that starts on line {line} has no closing quote"),
        ));
    }
    rows
}

fn check_header(columns: &[String], problems: &mut Vec<Problem>) {
    let mut seen = HashSet::with_capacity(columns.len());
    for (index, name) in columns.iter().enumerate() {
        let message = if name.is_empty() {
            format!("column {} of the header row has no field name", index + 1)
        } else if !seen.insert(name.as_str()) {
            format!(
                "the header row names the column {} twice",
                name.escape_debug()
            )
        } else {
            continue;
        };
        problems.push(Problem::error("", Code::InvalidCsv, message));
    }
}

/// Builds one input from a record: `catalog.id` columns become nested objects.
fn record_value(columns: &[String], fields: Vec<String>) -> Value {
    let mut entries: Vec<(String, Value)> = Vec::with_capacity(columns.len());
    for (name, cell) in columns.iter().zip(fields) {
        if cell.is_empty() || name.is_empty() {
            continue;
        }
        let value = cell_value(cell);
        match name.split_once('.') {
            Some((parent, child)) if !parent.starts_with('@') => {
                nested(&mut entries, parent).push((child.to_owned(), value))
            }
            _ => entries.push((name.clone(), value)),
        }
    }
    Value::Object(entries)
}

fn nested<'a>(entries: &'a mut Vec<(String, Value)>, parent: &str) -> &'a mut Vec<(String, Value)> {
    let index = match entries
        .iter()
        .position(|(key, value)| key == parent && matches!(value, Value::Object(_)))
    {
        Some(index) => index,
        None => {
            entries.push((parent.to_owned(), Value::Object(Vec::new())));
            entries.len() - 1
        }
    };
    match &mut entries[index].1 {
        Value::Object(children) => children,
        _ => unreachable!("the entry at index was found or made as an object"),
    }
}

fn cell_value(cell: String) -> Value {
    if cell.eq_ignore_ascii_case("true") {
        Value::Bool(true)
    } else if cell.eq_ignore_ascii_case("false") {
        Value::Bool(false)
    } else {
        Value::String(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_become_fields() {
        let rows = parse_rows("displayName,isHidden,catalog.id,description\nA,TRUE,66584aae-98bb-48cc-9458-7bee5d2a6577,\n", Format::Csv);
        assert!(rows.problems.is_empty());
        assert_eq!(
            serde_json::Value::from(&rows.rows[0]).to_string(),
            r#"{"displayName":"A","isHidden":true,"catalog":{"id":"66584aae-98bb-48cc-9458-7bee5d2a6577"}}"#
        );
    }

    #[test]
    fn extra_cells_keep_the_row() {
        let rows = parse_rows("displayName\na,b\nc", Format::Csv);
        assert_eq!(rows.rows.len(), 2);
        assert_eq!(rows.problems.len(), 1);
        assert_eq!(rows.problems[0].code, Code::ExtraCells);
        assert_eq!(rows.problems[0].row, Some(0));
    }

    #[test]
    fn header_problems() {
        let rows = parse_rows("displayName,,displayName\n", Format::Csv);
        let codes: Vec<Code> = rows.problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, [Code::InvalidCsv, Code::InvalidCsv]);
        assert_eq!(
            parse_rows("", Format::Csv).problems[0].code,
            Code::InvalidCsv
        );
    }

    #[test]
    fn column_name_control_escaped() {
        let rows = parse_rows("a\u{1b}b;a\u{1b}b\n", Format::Csv);
        assert_eq!(rows.problems.len(), 1);
        assert_eq!(rows.problems[0].code, Code::InvalidCsv);
        assert_eq!(rows.problems[0].path, "");
        assert_eq!(
            rows.problems[0].message,
            "the header row names the column a\\u{1b}b twice"
        );
    }

    #[test]
    fn json_rows() {
        assert_eq!(parse_rows("[{}, 1]", Format::Json).rows.len(), 2);
        assert_eq!(
            parse_rows("{}", Format::Json).problems[0].code,
            Code::NotAnArray
        );
        let broken = parse_rows("[{]", Format::Json);
        assert_eq!(broken.problems[0].code, Code::InvalidJson);
        assert!(
            broken.problems[0].message.ends_with("at line 1 column 3"),
            "{}",
            broken.problems[0].message
        );
    }
}
