//! Rows from CSV and JSON text, `$batch` packing and batch responses, natively.

use graph_access_package::batch::{build_batches, parse_batch_response};
use graph_access_package::options::Options;
use graph_access_package::problem::Code;
use graph_access_package::rows::{parse_rows, Format};
use graph_access_package::value::Value;
use serde_json::{json, Value as Json};

const CATALOG: &str = "66584aae-98bb-48cc-9458-7bee5d2a6577";
const OTHER_CATALOG: &str = "aa2f6514-3232-46e7-a08a-2411ad8d7128";

fn options(json: &str) -> graph_access_package::options::ParsedOptions {
    Options::from_value(&Value::from_json(json).unwrap()).unwrap()
}

fn numbered_ids() -> impl FnMut() -> String {
    let mut next = 0;
    move || {
        next += 1;
        format!("id-{next}")
    }
}

fn rows(count: usize) -> Vec<Value> {
    (0..count)
        .map(|i| {
            Value::from_json(&format!(
                r#"{{"displayName":"team {i}","catalogId":"{CATALOG}"}}"#
            ))
            .unwrap()
        })
        .collect()
}

fn problems(text: &str) -> Vec<(Option<usize>, String, &'static str)> {
    let rows = parse_rows(text, Format::Csv);
    let batches = build_batches(
        &rows.rows,
        rows.problems,
        &options("{}"),
        &mut numbered_ids(),
    );
    batches
        .problems
        .iter()
        .map(|p| (p.row, p.path.clone(), p.code.as_str()))
        .collect()
}

#[test]
fn csv_delimiters_give_same_rows() {
    let expected = json!([{ "displayName": "a, b", "isHidden": true, "catalogId": CATALOG }]);
    for delimiter in [",", ";", "\t"] {
        let text = format!("displayName{delimiter}isHidden{delimiter}catalogId\r\n\"a, b\"{delimiter}True{delimiter}{CATALOG}\r\n\r\n");
        let rows = parse_rows(&text, Format::Csv);
        let found: Vec<Json> = rows.rows.iter().map(Json::from).collect();
        assert_eq!(Json::Array(found), expected, "delimiter {delimiter:?}");
        assert!(rows.problems.is_empty());
    }
}

#[test]
fn csv_quoted_newline_and_bom() {
    let text = format!(
        "\u{feff}displayName,description,catalogId\n\"x\",\"line 1\nline \"\"2\"\"\",{CATALOG}\n"
    );
    let rows = parse_rows(&text, Format::Csv);
    assert_eq!(rows.rows.len(), 1);
    assert_eq!(
        rows.rows[0].get("description"),
        Some(&Value::String("line 1\nline \"2\"".into()))
    );
}

#[test]
fn csv_empty_cell_is_absent() {
    let rows = parse_rows(
        &format!("displayName,description,catalogId\nx,,{CATALOG}\n"),
        Format::Csv,
    );
    assert_eq!(rows.rows[0].get("description"), None);
}

#[test]
fn row_problems_carry_row_and_column() {
    let text = format!("displayName,isHidden,catalogId\nok,false,{CATALOG}\n,yes,HR\n");
    assert_eq!(
        problems(&text),
        [
            (Some(1), "isHidden".to_owned(), "not_a_boolean"),
            (Some(1), "catalogId".to_owned(), "catalog_name_not_id"),
            (Some(1), "displayName".to_owned(), "required"),
        ]
    );
}

#[test]
fn extra_cells_row_is_not_sent() {
    let text = format!("displayName,catalogId\na,{CATALOG},surprise\nb,{CATALOG}\n");
    let rows = parse_rows(&text, Format::Csv);
    let batches = build_batches(
        &rows.rows,
        rows.problems,
        &options("{}"),
        &mut numbered_ids(),
    );
    assert_eq!(batches.batches[0].rows, [1]);
    assert_eq!(batches.problems[0].row, Some(0));
    assert_eq!(batches.problems[0].path, "");
    assert_eq!(batches.problems[0].code, Code::ExtraCells);
}

#[test]
fn unterminated_quote_is_a_file_problem() {
    let found = problems("displayName\n\"open\n");
    assert!(
        found.contains(&(None, String::new(), "invalid_csv")),
        "{found:?}"
    );
}

#[test]
fn repeated_names_in_one_catalog() {
    let text = format!(
        "displayName,catalogId\nSales,{CATALOG}\n  sales ,{CATALOG}\nSales,{OTHER_CATALOG}\n"
    );
    let found = problems(&text);
    assert!(
        found.contains(&(Some(1), "displayName".to_owned(), "duplicate_in_input")),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(row, _, _)| *row == Some(2)),
        "{found:?}"
    );
}

#[test]
fn batch_sizes() {
    for (count, sizes) in [
        (1, vec![1]),
        (20, vec![20]),
        (21, vec![20, 1]),
        (2000, vec![20; 100]),
    ] {
        let batches = build_batches(
            &rows(count),
            Vec::new(),
            &options("{}"),
            &mut numbered_ids(),
        );
        let found: Vec<usize> = batches.batches.iter().map(|b| b.rows.len()).collect();
        assert_eq!(found, sizes, "{count} rows");
        let all: Vec<usize> = batches
            .batches
            .iter()
            .flat_map(|b| b.rows.clone())
            .collect();
        assert_eq!(all, (0..count).collect::<Vec<_>>(), "{count} rows");
    }
}

#[test]
fn batch_request_shape() {
    let parsed =
        options(r#"{"apiVersion":"beta","accessToken":"t","baseUrl":"http://127.0.0.1:8081"}"#);
    let batches = build_batches(&rows(2), Vec::new(), &parsed, &mut numbered_ids());
    let request = &batches.batches[0].request;
    assert_eq!(request.url, "http://127.0.0.1:8081/beta/$batch");
    assert_eq!(request.header("Authorization"), Some("Bearer t"));
    assert_eq!(request.header("client-request-id"), Some("id-1"));
    let body: Json = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    let item = &body["requests"][1];
    assert_eq!(item["id"], "1");
    assert_eq!(
        item["url"],
        "/identityGovernance/entitlementManagement/accessPackages"
    );
    assert_eq!(item["headers"]["Content-Type"], "application/json");
    assert_eq!(
        item["body"],
        json!({ "displayName": "team 1", "catalogId": CATALOG })
    );
    assert!(item.get("dependsOn").is_none());
}

#[test]
fn option_errors_stop_every_batch() {
    let parsed = options(r#"{"baseUrl":"http://graph.example.com"}"#);
    let batches = build_batches(&rows(3), Vec::new(), &parsed, &mut numbered_ids());
    assert!(batches.batches.is_empty());
    assert_eq!(batches.problems[0].path, "options.baseUrl");
    assert_eq!(batches.problems[0].row, None);
}

#[test]
fn json_rows_file_problems() {
    let not_array = parse_rows("{}", Format::Json);
    assert_eq!(not_array.problems[0].code, Code::NotAnArray);
    assert_eq!(not_array.problems[0].path, "");
    assert_eq!(
        parse_rows("[", Format::Json).problems[0].code,
        Code::InvalidJson
    );
    let found = build_batches(
        &parse_rows("[5]", Format::Json).rows,
        Vec::new(),
        &options("{}"),
        &mut numbered_ids(),
    );
    assert_eq!(found.problems[0].row, Some(0));
    assert_eq!(found.problems[0].code, Code::NotAnObject);
}

#[test]
fn response_matched_out_of_order() {
    let body = json!({ "responses": [
        { "id": "7", "status": 409, "body": { "error": { "code": "DuplicateAccessPackage", "message": "taken" } } },
        { "id": "3", "status": 201, "headers": { "Content-Type": "application/json" }, "body": { "id": "p3" } },
        { "id": "5", "status": 429, "headers": { "Retry-After": "12" }, "body": { "error": { "code": "TooManyRequests", "message": "slow" } } },
    ]});
    let results = parse_batch_response(200, &[], &body.to_string(), &[3, 5, 7, 9], None);
    let rows: Vec<usize> = results.iter().map(|r| r.row).collect();
    assert_eq!(rows, [3, 5, 7, 9]);
    assert_eq!(results[0].access_package.as_ref().unwrap()["id"], "p3");
    assert_eq!(
        results[1].error.as_ref().unwrap().retry_after_seconds,
        Some(12)
    );
    assert_eq!(
        results[2].error.as_ref().unwrap().code,
        "DuplicateAccessPackage"
    );
    assert_eq!(
        results[3].error.as_ref().unwrap().code,
        "missing_batch_item"
    );
    assert!(results[3].error.as_ref().unwrap().retryable);
}

#[test]
fn whole_batch_failure_reaches_every_row() {
    let headers = vec![("Retry-After".to_owned(), "4".to_owned())];
    let results = parse_batch_response(429, &headers, "", &[0, 1], None);
    assert_eq!(results.len(), 2);
    for result in &results {
        assert_eq!(result.status, 429);
        assert_eq!(result.error.as_ref().unwrap().retry_after_seconds, Some(4));
    }
    let unreadable = parse_batch_response(200, &[], "{\"responses\": [", &[0], None);
    assert_eq!(
        unreadable[0].error.as_ref().unwrap().code,
        "invalid_response_body"
    );
}
