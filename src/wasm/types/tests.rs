//! Checks the TypeScript text against the Rust types it describes. Each interface's keys must
//! be the keys that the Rust value serializes with every optional field set. Its required keys
//! must be those serialized with none set, and each string union the strings that Rust uses.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::json;

use super::TYPESCRIPT;
use crate::batch::{Batch, Batches, RowResult};
use crate::model::{ApiVersion, Cloud};
use crate::options::Options;
use crate::problem::{Code, Problem, Severity};
use crate::request::HttpRequest;
use crate::response::GraphError;
use crate::rows::Format;
use crate::value::Value;
use crate::wasm::{CreateOutput, CreateResponseOutput, RowsOutput, ValidationOutput};

/// Returns the keys of `export interface {name}`, each with whether it is optional.
fn interface_keys(name: &str) -> Vec<(String, bool)> {
    let start = format!("export interface {name} {{\n");
    let body = TYPESCRIPT
        .split_once(&start)
        .unwrap_or_else(|| panic!("no interface {name} in TYPESCRIPT"))
        .1;
    let body = &body[..body
        .find("\n}\n")
        .expect("interface ends with a line \"}\"")];
    body.lines()
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| {
            let (key, _) = line.trim().split_once(':')?;
            let optional = key.ends_with('?');
            let key = key.trim_end_matches('?').trim_matches('"');
            (!key.starts_with('/') && !key.starts_with('[')).then(|| (key.to_owned(), optional))
        })
        .collect()
}

fn all_keys(name: &str) -> BTreeSet<String> {
    interface_keys(name)
        .into_iter()
        .map(|(key, _)| key)
        .collect()
}

fn required_keys(name: &str) -> BTreeSet<String> {
    interface_keys(name)
        .into_iter()
        .filter(|(_, optional)| !optional)
        .map(|(key, _)| key)
        .collect()
}

/// Returns the string literals of `export type {name} = "a" | "b";`.
fn union_members(name: &str) -> BTreeSet<String> {
    let start = format!("export type {name} =");
    let body = TYPESCRIPT
        .split_once(&start)
        .unwrap_or_else(|| panic!("no type {name} in TYPESCRIPT"))
        .1;
    let body = &body[..body.find(';').expect("type ends with ;")];
    body.split('|')
        .map(|member| member.trim().trim_matches('"').to_owned())
        .filter(|member| !member.is_empty())
        .collect()
}

/// Returns the literals of one interface field whose type is a union of strings.
fn field_members(interface: &str, key: &str) -> BTreeSet<String> {
    let start = format!("export interface {interface} {{\n");
    let body = TYPESCRIPT.split_once(&start).expect("interface exists").1;
    let body = &body[..body
        .find("\n}\n")
        .expect("interface ends with a line \"}\"")];
    let line = body
        .lines()
        .find(|line| line.trim_start().starts_with(&format!("{key}:")))
        .unwrap_or_else(|| panic!("no field {key} in {interface}"));
    let types = line.split_once(':').expect("field has a type").1;
    types
        .trim()
        .trim_end_matches(';')
        .split('|')
        .map(|member| member.trim().trim_matches('"').to_owned())
        .collect()
}

fn keys_of(value: &impl Serialize) -> BTreeSet<String> {
    match serde_json::to_value(value).expect("serializes") {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("expected an object, got {other}"),
    }
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

fn problem(row: Option<usize>) -> Problem {
    Problem {
        row,
        ..Problem::error("displayName", Code::Blank, "displayName must not be blank")
    }
}

fn graph_error(full: bool) -> GraphError {
    let text = |value: &str| full.then(|| value.to_owned());
    GraphError {
        status: 429,
        code: "TooManyRequests".to_owned(),
        hint: text("Wait and send again"),
        message: "Too many requests".to_owned(),
        request_id: text("5f0c7e27-0000-4000-8000-000000000001"),
        client_request_id: text("5f0c7e27-0000-4000-8000-000000000002"),
        date: text("2024-01-01T00:00:00Z"),
        retry_after_seconds: full.then_some(5),
        retryable: true,
    }
}

fn request(body: Option<&str>) -> HttpRequest {
    HttpRequest {
        url: "https://graph.microsoft.com/v1.0/$batch".to_owned(),
        method: if body.is_some() { "POST" } else { "GET" },
        headers: vec![("Authorization".to_owned(), "Bearer token".to_owned())],
        body: body.map(str::to_owned),
    }
}

fn parsed_options() -> crate::options::ParsedOptions {
    Options::from_value(&Value::Null).expect("no options are valid")
}

fn input(json: &str) -> Value {
    Value::from_json(json).expect("valid JSON")
}

#[test]
fn problem_matches_interface() {
    assert_eq!(keys_of(&problem(Some(3))), all_keys("Problem"));
    assert_eq!(keys_of(&problem(None)), required_keys("Problem"));
}

#[test]
fn problem_codes_match_union() {
    let codes: BTreeSet<String> = Code::ALL
        .iter()
        .map(|code| code.as_str().to_owned())
        .collect();
    assert_eq!(codes, union_members("ProblemCode"));
}

#[test]
fn severities_match_union() {
    let severities: BTreeSet<String> = [Severity::Error, Severity::Warning]
        .iter()
        .map(|severity| {
            serde_json::to_value(severity)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(severities, union_members("Severity"));
}

#[test]
fn graph_error_matches_interface() {
    assert_eq!(keys_of(&graph_error(true)), all_keys("GraphError"));
    assert_eq!(keys_of(&graph_error(false)), required_keys("GraphError"));
}

#[test]
fn http_request_matches_interface() {
    assert_eq!(keys_of(&request(Some("{}"))), all_keys("HttpRequest"));
    assert_eq!(keys_of(&request(None)), required_keys("HttpRequest"));
    assert_eq!(
        field_members("HttpRequest", "method"),
        set(&["GET", "POST"])
    );
}

#[test]
fn built_requests_use_declared_methods() {
    let methods = field_members("HttpRequest", "method");
    let package =
        input(r#"{"displayName":"a","catalogId":"66584aae-98bb-48cc-9458-7bee5d2a6577"}"#);
    let created = crate::request::build_create_request(&package, &parsed_options(), "id");
    let post = created.request.expect("a valid input builds a request");
    assert!(
        methods.contains(post.method),
        "{} is not declared",
        post.method
    );

    let name = Value::String("a".to_owned());
    let catalog = Value::String("66584aae-98bb-48cc-9458-7bee5d2a6577".to_owned());
    let lookup = crate::request::build_lookup_request(&name, &catalog, &parsed_options(), "id");
    let get = lookup.expect("a valid name and catalog build a lookup");
    assert!(
        methods.contains(get.method),
        "{} is not declared",
        get.method
    );
}

#[test]
fn validation_result_matches_interface() {
    let output = ValidationOutput::new(&input("{}"), parsed_options());
    assert_eq!(keys_of(&output), all_keys("ValidationResult"));
    assert_eq!(keys_of(&output), required_keys("ValidationResult"));
}

#[test]
fn create_request_results_match_interfaces() {
    let valid = input(r#"{"displayName":"a","catalogId":"66584aae-98bb-48cc-9458-7bee5d2a6577"}"#);
    let built = CreateOutput::new(&valid, &parsed_options(), "id");
    assert_eq!(keys_of(&built), all_keys("CreateRequestBuilt"));
    assert_eq!(keys_of(&built), required_keys("CreateRequestBuilt"));
    assert_eq!(serde_json::to_value(&built).unwrap()["valid"], json!(true));

    let rejected = CreateOutput::new(&input("{}"), &parsed_options(), "id");
    assert_eq!(keys_of(&rejected), all_keys("CreateRequestRejected"));
    assert_eq!(keys_of(&rejected), required_keys("CreateRequestRejected"));
    assert_eq!(
        serde_json::to_value(&rejected).unwrap()["valid"],
        json!(false)
    );
}

#[test]
fn create_response_results_match_interfaces() {
    let created = CreateResponseOutput {
        ok: true,
        access_package: Some(json!({ "id": "x" })),
        error: None,
    };
    assert_eq!(keys_of(&created), all_keys("CreateResponseCreated"));
    assert_eq!(keys_of(&created), required_keys("CreateResponseCreated"));

    let failed = CreateResponseOutput {
        ok: false,
        access_package: None,
        error: Some(graph_error(false)),
    };
    assert_eq!(keys_of(&failed), all_keys("CreateResponseFailed"));
    assert_eq!(keys_of(&failed), required_keys("CreateResponseFailed"));
}

#[test]
fn rows_result_matches_interface() {
    let output = RowsOutput {
        rows: vec![json!({})],
        problems: vec![problem(Some(0))],
    };
    assert_eq!(keys_of(&output), all_keys("RowsResult"));
    assert_eq!(keys_of(&output), required_keys("RowsResult"));
}

#[test]
fn rows_formats_match_field() {
    for format in field_members("RowsFormat", "format") {
        assert!(Format::parse(&format).is_some(), "{format} is not a format");
    }
}

#[test]
fn batches_match_interfaces() {
    let batch = Batch {
        request: request(Some("{}")),
        rows: vec![0],
    };
    assert_eq!(keys_of(&batch), all_keys("Batch"));
    assert_eq!(keys_of(&batch), required_keys("Batch"));

    let batches = Batches {
        batches: vec![batch],
        problems: Vec::new(),
    };
    assert_eq!(keys_of(&batches), all_keys("BatchRequests"));
    assert_eq!(keys_of(&batches), required_keys("BatchRequests"));
}

#[test]
fn batch_row_result_matches_interface() {
    let full = RowResult {
        row: 0,
        ok: false,
        status: 201,
        access_package: Some(json!({ "id": "x" })),
        error: Some(graph_error(false)),
    };
    assert_eq!(keys_of(&full), all_keys("BatchRowResult"));
    let bare = RowResult {
        access_package: None,
        error: None,
        ..full
    };
    assert_eq!(keys_of(&bare), required_keys("BatchRowResult"));
}

#[test]
fn api_versions_match_union() {
    let declared = union_members("ApiVersion");
    let rust: BTreeSet<String> = [ApiVersion::V1, ApiVersion::Beta]
        .iter()
        .map(|version| version.as_str().to_owned())
        .collect();
    assert_eq!(rust, declared);
    for version in &declared {
        assert!(
            ApiVersion::parse(version).is_some(),
            "{version} is not parsed"
        );
    }
}

#[test]
fn clouds_match_union() {
    for cloud in union_members("Cloud") {
        assert!(Cloud::parse(&cloud).is_some(), "{cloud} is not parsed");
    }
    assert_eq!(union_members("Cloud").len(), 4);
}

#[test]
fn declared_options_are_read() {
    // Unknown keys are ignored, so a key is read exactly when a value of the wrong type for it
    // is rejected or reported.
    for key in all_keys("Options") {
        let wrong = if key == "strict" {
            json!("yes")
        } else {
            json!(true)
        };
        let options = input(&json!({ key.clone(): wrong }).to_string());
        let outcome = Options::from_value(&options);
        let noticed = match outcome {
            Err(_) => true,
            Ok(parsed) => !parsed.problems.is_empty(),
        };
        assert!(noticed, "option {key} is declared but not read");
    }
}

#[test]
fn declared_option_literals_are_accepted() {
    for path in field_members("Options", "path?") {
        let options = input(&json!({ "path": path }).to_string());
        assert!(
            Options::from_value(&options).is_ok(),
            "path {path} is rejected"
        );
    }
}
