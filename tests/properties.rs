//! Properties of every public entry over generated inputs. No input panics, and every problem
//! has a documented code and a path that names a field of the input or an option. A built body
//! builds the same body again, headers carry no control characters, and row counts match the
//! file.
//!
//! `cargo test --test properties` runs 64 cases per property. For a long run, set
//! `PROPTEST_CASES`, as in `PROPTEST_CASES=100000 cargo test --release --test properties`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "properties/checks.rs"]
mod checks;
#[path = "properties/strategies.rs"]
mod strategies;

use std::collections::{BTreeSet, HashSet};

use graph_access_package::batch::{build_batches, parse_batch_response, MAX_BATCH_ITEMS};
use graph_access_package::csv::parse_csv;
use graph_access_package::model::Cloud;
use graph_access_package::options::{Options, ParsedOptions};
use graph_access_package::problem::{Code, Problem, Severity};
use graph_access_package::request::{build_create_request, build_lookup_request};
use graph_access_package::response::{is_retryable, parse_create_response};
use graph_access_package::rows::{parse_rows, Format};
use graph_access_package::rules::datetime::is_date_time_offset;
use graph_access_package::time::{format_iso, normalize_graph_date, parse_http_date};
use graph_access_package::token::check_token;
use graph_access_package::url::check_base_url;
use graph_access_package::validate::validate;
use graph_access_package::value::Value;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use checks::{
    check_problem, check_problems, check_request, documented_codes, has_error, input_paths,
    OPTION_ERROR_CODES,
};
use strategies::*;

/// The cases per property when `PROPTEST_CASES` is not set: enough to reach every branch the
/// generators aim at, few enough that `cargo test` stays quick.
const DEFAULT_CASES: u32 = 64;

/// A catalog id of the right shape.
const CATALOG: &str = "66584aae-98bb-48cc-9458-7bee5d2a6577";

/// The time the token checks compare expiry against, in Unix seconds (2027-01-15).
const NOW: i64 = 1_800_000_000;

/// Returns the current time a caller may pass: none, the usual, any, or an extreme.
fn now() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![
        Just(None),
        Just(Some(NOW)),
        any::<i64>().prop_map(Some),
        Just(Some(i64::MIN)),
        Just(Some(i64::MAX)),
    ]
}

fn config() -> ProptestConfig {
    let mut config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = DEFAULT_CASES;
    }
    config
}

/// Reads options as the wasm boundary does, checking a thrown error's code and message.
fn read_options(options: &Value) -> Result<Option<ParsedOptions>, TestCaseError> {
    match Options::from_value_at(options, Some(NOW)) {
        Ok(parsed) => Ok(Some(parsed)),
        Err(error) => {
            prop_assert!(OPTION_ERROR_CODES.contains(&error.code), "{}", error.code);
            prop_assert!(
                error.message.starts_with("options"),
                "{}: {}",
                error.code,
                error.message
            );
            Ok(None)
        }
    }
}

/// Builds the create request and returns its body, after checking the problems and request.
fn build_and_check(
    input: &Value,
    parsed: &ParsedOptions,
    id: &str,
) -> Result<Option<String>, TestCaseError> {
    let built = build_create_request(input, parsed, id);
    check_problems(&built.problems, input)?;
    prop_assert_eq!(built.request.is_some(), !has_error(&built.problems));
    let Some(request) = built.request else {
        return Ok(None);
    };
    check_request(&request)?;
    prop_assert_eq!(request.method, "POST");
    prop_assert_eq!(request.header("Content-Type"), Some("application/json"));
    let body = request.body.expect("a create carries a body");
    let json: serde_json::Value = serde_json::from_str(&body)
        .map_err(|e| TestCaseError::fail(format!("body {body:?} is not JSON: {e}")))?;
    prop_assert!(json.is_object(), "body {body:?}");
    Ok(Some(body))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn validation_reports_known_problems(input in input(), options in options()) {
        let Some(parsed) = read_options(&options)? else { return Ok(()) };
        check_problems(&parsed.problems, &Value::Null)?;
        let validation = validate(&input, &parsed.options);
        check_problems(&validation.problems, &input)?;
        prop_assert_eq!(validation.package.is_some(), !has_error(&validation.problems));
    }

    #[test]
    fn built_body_builds_itself_again(input in input(), options in options(), id in guid()) {
        let Some(parsed) = read_options(&options)? else { return Ok(()) };
        let Some(body) = build_and_check(&input, &parsed, &id)? else { return Ok(()) };
        let again = Value::from_json(&body).expect("the body is JSON");
        let rebuilt = build_and_check(&again, &parsed, &id)?;
        prop_assert_eq!(rebuilt, Some(body));
    }

    #[test]
    fn strings_as_input_are_not_objects(text in text(), options in options()) {
        let Some(parsed) = read_options(&options)? else { return Ok(()) };
        let input = Value::String(text);
        let built = build_create_request(&input, &parsed, "id");
        check_problems(&built.problems, &input)?;
        prop_assert!(built.request.is_none());
        prop_assert!(built
            .problems
            .iter()
            .any(|p| p.code == Code::NotAnObject && p.path.is_empty()));
    }

    #[test]
    fn json_text_as_input(text in json_text(), options in options()) {
        let Some(parsed) = read_options(&options)? else { return Ok(()) };
        if let Ok(input) = Value::from_json(&text) {
            build_and_check(&input, &parsed, "id")?;
        }
    }

    #[test]
    fn lookup_request_or_its_problem(
        name in prop_oneof![3 => text().prop_map(Value::String), 1 => value()],
        catalog in prop_oneof![
            2 => guid().prop_map(Value::String),
            1 => text().prop_map(Value::String),
            1 => value(),
        ],
        options in options(),
        id in guid(),
    ) {
        let Some(parsed) = read_options(&options)? else { return Ok(()) };
        match build_lookup_request(&name, &catalog, &parsed, &id) {
            Ok(request) => {
                check_request(&request)?;
                prop_assert_eq!(request.method, "GET");
                prop_assert!(request.body.is_none());
                prop_assert!(request.url.contains("/accessPackages?$filter=displayName%20eq%20%27"));
            }
            Err(failure) => {
                let allowed: BTreeSet<String> =
                    ["displayName", "catalogId"].iter().map(|p| p.to_string()).collect();
                check_problem(&failure.0, &allowed, &documented_codes())?;
                prop_assert_eq!(failure.0.severity, Severity::Error);
            }
        }
    }

    #[test]
    fn csv_reads_back_what_was_written(file in csv_file()) {
        let csv = parse_csv(&file.text);
        prop_assert_eq!(csv.unterminated_quote, None);
        let fields: Vec<Vec<String>> = csv.records.into_iter().map(|r| r.fields).collect();
        let mut expected = vec![file.header.clone()];
        expected.extend(file.records.iter().cloned());
        prop_assert_eq!(fields, expected);

        let rows = parse_rows(&file.text, Format::Csv);
        prop_assert_eq!(rows.rows.len(), file.records.len());
        let long_rows: Vec<usize> = (0..file.records.len())
            .filter(|&row| file.records[row].len() > file.header.len())
            .collect();
        let reported: Vec<usize> = rows
            .problems
            .iter()
            .filter(|p| p.code == Code::ExtraCells)
            .filter_map(|p| p.row)
            .collect();
        prop_assert_eq!(reported, long_rows);
        for problem in &rows.problems {
            prop_assert!(
                matches!(problem.code, Code::ExtraCells | Code::InvalidCsv),
                "{:?}",
                problem
            );
        }
    }

    #[test]
    fn csv_rows_match_records(text in csv_text()) {
        let records = parse_csv(&text).records.len();
        let rows = parse_rows(&text, Format::Csv);
        prop_assert_eq!(rows.rows.len(), records.saturating_sub(1));
        check_file_problems(&rows.problems, rows.rows.len())?;
        for row in &rows.rows {
            prop_assert!(matches!(row, Value::Object(_)), "{:?}", row);
        }
    }

    #[test]
    fn json_rows_match_the_array(text in json_text()) {
        let rows = parse_rows(&text, Format::Json);
        check_file_problems(&rows.problems, rows.rows.len())?;
        let trimmed = text.strip_prefix('\u{feff}').unwrap_or(&text);
        match serde_json::from_str::<serde_json::Value>(trimmed) {
            Ok(serde_json::Value::Array(items)) => {
                prop_assert_eq!(rows.rows.len(), items.len());
                prop_assert!(rows.problems.is_empty(), "{:?}", rows.problems);
            }
            Ok(_) => {
                prop_assert!(rows.rows.is_empty());
                prop_assert_eq!(rows.problems[0].code, Code::NotAnArray);
            }
            Err(_) => {
                prop_assert!(rows.rows.is_empty());
                prop_assert_eq!(rows.problems[0].code, Code::InvalidJson);
            }
        }
    }

    #[test]
    fn batches_send_each_valid_row_once(
        inputs in proptest::collection::vec(input(), 0..30),
        options in options(),
    ) {
        let Some(parsed) = read_options(&options)? else { return Ok(()) };
        check_batches(&inputs, Vec::new(), &parsed)?;
    }

    #[test]
    fn batches_from_csv_text(file in csv_file(), text in csv_text(), options in options()) {
        let Some(parsed) = read_options(&options)? else { return Ok(()) };
        for text in [&file.text, &text] {
            let rows = parse_rows(text, Format::Csv);
            check_batches(&rows.rows, rows.problems, &parsed)?;
        }
    }

    #[test]
    fn create_response_is_package_or_error(
        status in prop_oneof![3 => 0u16..600, 1 => any::<u16>()],
        headers in headers(),
        body in body(),
        now in now(),
    ) {
        match parse_create_response(status, &headers, &body, now) {
            Ok(package) => {
                prop_assert!((200..300).contains(&status));
                let id = package.get("id").and_then(serde_json::Value::as_str);
                prop_assert!(id.is_some_and(|id| !id.is_empty()), "{package}");
            }
            Err(error) => {
                prop_assert_eq!(error.status, status);
                prop_assert_eq!(error.retryable, is_retryable(status));
                prop_assert!(error.hint.as_ref().is_some_and(|h| !h.is_empty()));
                prop_assert!(!error.message.is_empty());
                if let Some(date) = &error.date {
                    prop_assert!(is_date_time_offset(date), "date {date:?}");
                }
                if error.retry_after_seconds.is_some() {
                    prop_assert!(headers
                        .iter()
                        .any(|(name, _)| name.trim().eq_ignore_ascii_case("retry-after")));
                }
            }
        }
    }

    #[test]
    fn batch_response_answers_every_row(
        status in prop_oneof![3 => Just(200u16), 1 => any::<u16>()],
        headers in headers(),
        body in batch_body(),
        rows in proptest::collection::vec(0usize..30, 0..25),
        now in now(),
    ) {
        let results = parse_batch_response(status, &headers, &body, &rows, now);
        prop_assert_eq!(results.len(), rows.len());
        for (result, row) in results.iter().zip(&rows) {
            prop_assert_eq!(result.row, *row);
            prop_assert_eq!(result.ok, result.access_package.is_some());
            prop_assert_eq!(result.ok, result.error.is_none());
            if result.ok {
                prop_assert_eq!(status, 200);
                prop_assert!((200..300).contains(&result.status));
            }
        }
    }

    #[test]
    fn token_warnings_never_show_the_token(
        token in token(),
        cloud in proptest::sample::select(
            &[Cloud::Global, Cloud::UsGovernment, Cloud::UsGovernmentDod, Cloud::China][..]
        ),
        check_audience in any::<bool>(),
        now in now(),
    ) {
        for problem in check_token(&token, cloud, check_audience, now) {
            prop_assert!(
                matches!(
                    problem.code,
                    Code::TokenExpired | Code::TokenAudience | Code::TokenPermission
                ),
                "{:?}",
                problem
            );
            prop_assert_eq!(problem.path.as_str(), "options.accessToken");
            prop_assert_eq!(problem.severity, Severity::Warning);
            if token.len() >= 12 {
                prop_assert!(!problem.message.contains(&token), "{}", problem.message);
            }
        }
        let options = Value::Object(vec![
            ("accessToken".to_owned(), Value::String(token.clone())),
        ]);
        let parsed = Options::from_value_at(&options, now).expect("a string token is read");
        check_problems(&parsed.problems, &Value::Null)?;
        for problem in &parsed.problems {
            prop_assert_eq!(problem.path.as_str(), "options.accessToken");
            let secret = token.trim();
            if secret.len() >= 12 {
                prop_assert!(!problem.message.contains(secret), "{}", problem.message);
            }
        }
    }

    #[test]
    fn base_url_is_an_origin_or_a_problem(text in prop_oneof![
        text(),
        "(https?|HTTP|ftp)://[a-zA-Z0-9.:@\\[\\]/?#%-]{0,30}",
    ]) {
        match check_base_url(&text) {
            Ok(url) => {
                prop_assert!(url.starts_with("https://") || url.starts_with("http://"));
                prop_assert!(url.chars().all(|c| c.is_ascii_graphic()), "{url:?}");
                prop_assert!(!url.contains(['?', '#', '@', '\\']), "{url:?}");
                prop_assert!(!url.ends_with('/'), "{url:?}");
            }
            Err(problem) => {
                prop_assert_eq!(problem.path.as_str(), "options.baseUrl");
                prop_assert!(matches!(
                    problem.code,
                    Code::InvalidBaseUrl | Code::InsecureBaseUrl
                ));
            }
        }
    }

    #[test]
    fn dates_parse_or_give_none(
        text in prop_oneof![http_date(), text()],
        seconds in any::<i64>(),
    ) {
        if let Some(parsed) = parse_http_date(&text) {
            prop_assert!(parsed >= 0, "{text:?} gave {parsed}");
        }
        if let Some(date) = normalize_graph_date(&text) {
            prop_assert!(is_date_time_offset(&date));
        }
        prop_assert!(format_iso(seconds).ends_with('Z'));
    }

    #[test]
    fn any_text_parses_as_json_or_fails(text in prop_oneof![json_text(), body()]) {
        let _ = Value::from_json(&text);
    }
}

/// Checks problems of a whole file (no `row`) or of one row (`row` below `rows`).
fn check_file_problems(problems: &[Problem], rows: usize) -> Result<(), TestCaseError> {
    let codes = documented_codes();
    let allowed: BTreeSet<String> = [String::new()].into();
    for problem in problems {
        check_problem(problem, &allowed, &codes)?;
        if let Some(row) = problem.row {
            prop_assert!(row < rows, "row {row} of {rows}");
        }
    }
    Ok(())
}

/// Builds batches and checks that each row is either sent once, with the body a single create
/// would send, or reported with an error. Problems must name fields of their own row.
fn check_batches(
    inputs: &[Value],
    known: Vec<Problem>,
    parsed: &ParsedOptions,
) -> Result<(), TestCaseError> {
    let known_error_rows: HashSet<usize> = known
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .filter_map(|p| p.row)
        .collect();
    let mut next_id = 0;
    let built = build_batches(inputs, known, parsed, &mut || {
        next_id += 1;
        format!("id-{next_id}")
    });
    let codes = documented_codes();
    let row_paths: Vec<BTreeSet<String>> = inputs.iter().map(input_paths).collect();
    let file_paths: BTreeSet<String> = [String::new()].into();
    for problem in &built.problems {
        let allowed = match problem.row {
            Some(row) => {
                prop_assert!(row < inputs.len(), "row {row} of {}", inputs.len());
                &row_paths[row]
            }
            None => &file_paths,
        };
        check_problem(problem, allowed, &codes)?;
    }
    if has_error(&parsed.problems) {
        prop_assert!(built.batches.is_empty());
        return Ok(());
    }

    let error_rows: HashSet<usize> = built
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .filter_map(|p| p.row)
        .collect();
    let mut sent = Vec::new();
    for batch in &built.batches {
        check_request(&batch.request)?;
        prop_assert!(!batch.rows.is_empty() && batch.rows.len() <= MAX_BATCH_ITEMS);
        let body: serde_json::Value = serde_json::from_str(batch.request.body.as_ref().unwrap())
            .map_err(|e| TestCaseError::fail(format!("batch body is not JSON: {e}")))?;
        let items = body["requests"].as_array().expect("a requests array");
        prop_assert_eq!(items.len(), batch.rows.len());
        for (item, &row) in items.iter().zip(&batch.rows) {
            let id = row.to_string();
            prop_assert_eq!(item["id"].as_str(), Some(id.as_str()));
            prop_assert!(!known_error_rows.contains(&row));
            let single = build_create_request(&inputs[row], parsed, "id");
            let single_body: serde_json::Value =
                serde_json::from_str(&single.request.expect("a sent row is valid").body.unwrap())
                    .unwrap();
            prop_assert_eq!(&item["body"], &single_body);
        }
        sent.extend(batch.rows.iter().copied());
    }

    let mut sorted = sent.clone();
    sorted.sort_unstable();
    sorted.dedup();
    prop_assert_eq!(&sorted, &sent, "rows are sent once each, in order");
    for row in 0..inputs.len() {
        prop_assert!(
            sent.contains(&row) != error_rows.contains(&row),
            "row {row} must be sent or have an error, not both or neither"
        );
    }
    Ok(())
}

#[test]
fn rules_doc_lists_exactly_the_codes() {
    let documented = documented_codes();
    let known: BTreeSet<String> = Code::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    let undocumented: Vec<_> = known.difference(&documented).collect();
    let unknown: Vec<_> = documented.difference(&known).collect();
    assert!(
        undocumented.is_empty(),
        "not in docs/rules.md: {undocumented:?}"
    );
    assert!(
        unknown.is_empty(),
        "in docs/rules.md but not Code::ALL: {unknown:?}"
    );
}

// Regressions: each input below broke a property before its fix.

fn build(json: &str) -> Vec<(String, Code)> {
    let input = Value::from_json(json).unwrap();
    let parsed = Options::from_value(&Value::Null).unwrap();
    let built = build_create_request(&input, &parsed, "id");
    built
        .problems
        .into_iter()
        .map(|p| (p.path, p.code))
        .collect()
}

#[test]
fn multibyte_catalog_id_is_a_problem() {
    // The ninth byte falls inside "é", which once panicked while checking for "urn:uuid:".
    let problems = build(r#"{"displayName":"a","catalogId":"12345678é-0000"}"#);
    assert_eq!(problems, [("catalogId".to_owned(), Code::CatalogNameNotId)]);
    let problems = build(r#"{"displayName":"a","catalog":{"id":"1234567🚀"}}"#);
    assert_eq!(problems, [("catalog.id".to_owned(), Code::NotAGuid)]);
}

#[test]
fn control_character_in_key_is_escaped() {
    let problems = build(r#"{"displayName":"a","catalogId":"x","catalog\u007fid":1}"#);
    assert_eq!(
        problems,
        [
            ("catalogId".to_owned(), Code::CatalogNameNotId),
            ("[\"catalog\\u007fid\"]".to_owned(), Code::UnknownProperty),
        ]
    );
}

#[test]
fn five_digit_year_date_is_left_out() {
    let headers = [(
        "Date".to_owned(),
        "Mon, 01 Jan 999999999 00:00:00 GMT".to_owned(),
    )];
    let error = parse_create_response(500, &headers, "", Some(NOW)).unwrap_err();
    assert_eq!(error.code, "invalid_response_body");
    assert_eq!(error.date, None);
}

#[test]
fn many_keys_with_one_duplicate() {
    // Duplicates were once found by comparing each key with every earlier one, which took
    // seconds for an object of this size.
    let keys: Vec<String> = (0..20_000).map(|i| format!("\"k{i}\":1")).collect();
    let problems = build(&format!("{{{},\"k0\":2}}", keys.join(",")));
    let duplicates: Vec<&(String, Code)> = problems
        .iter()
        .filter(|(_, code)| *code == Code::DuplicateProperty)
        .collect();
    assert_eq!(duplicates, [&("k0".to_owned(), Code::DuplicateProperty)]);
    assert_eq!(problems.len(), 20_000 + 3);
}

#[test]
fn wide_header_with_one_duplicate() {
    let mut columns: Vec<String> = (0..20_000).map(|i| format!("c{i}")).collect();
    columns.push("c7".to_owned());
    let rows = parse_rows(&format!("{}\n", columns.join(",")), Format::Csv);
    assert_eq!(rows.problems.len(), 1);
    assert_eq!(rows.problems[0].code, Code::InvalidCsv);
    assert_eq!(rows.problems[0].path, "");
    assert_eq!(
        rows.problems[0].message,
        "the header row names the column c7 twice"
    );
}

#[test]
fn array_too_long_to_read_is_a_problem() {
    let input = Value::Object(vec![
        ("displayName".to_owned(), Value::TooLong),
        ("catalogId".to_owned(), Value::String(CATALOG.to_owned())),
    ]);
    let parsed = Options::from_value(&Value::Null).unwrap();
    let built = build_create_request(&input, &parsed, "id");
    assert_eq!(built.problems.len(), 1);
    assert_eq!(built.problems[0].path, "displayName");
    assert_eq!(built.problems[0].code, Code::UnsupportedValue);
    assert_eq!(
        built.problems[0].message,
        "displayName must be a JSON value, got an array too long to read, such as a sparse one"
    );
}
