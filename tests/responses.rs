//! Graph's responses to a create, read natively: packages, error bodies, Retry-After and hints.

use graph_access_package::response::{parse_create_response, GraphError};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reference/examples/");

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{EXAMPLES}{name}")).unwrap()
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn error(status: u16, pairs: &[(&str, &str)], body: &str) -> GraphError {
    *parse_create_response(status, &headers(pairs), body, Some(1_000)).unwrap_err()
}

#[test]
fn created_package_keeps_extra_properties() {
    let body = r#"{"@odata.context":"x","id":"642181f0-bc17-4fc6-9ebb-ff53dbf18c2f","createdDateTime":"2021-11-10T01:10:09.5220119Z","uniqueName":"u"}"#;
    let package = parse_create_response(201, &[], body, None).unwrap();
    assert_eq!(package["createdDateTime"], "2021-11-10T01:10:09.5220119Z");
    assert_eq!(package["uniqueName"], "u");
    assert_eq!(package["@odata.context"], "x");
}

#[test]
fn created_examples_parse() {
    for name in ["v1.0-create-response.json", "beta-create-response.json"] {
        assert!(
            parse_create_response(201, &[], &example(name), None).is_ok(),
            "{name}"
        );
    }
}

#[test]
fn created_without_id_is_invalid() {
    let failure = error(201, &[], r#"{"displayName":"a"}"#);
    assert_eq!(failure.code, "invalid_response_body");
    assert_eq!(
        failure.message,
        "Graph answered 201 without the new package's id"
    );
    let truncated = error(200, &[], r#"{"id":"a"#);
    assert_eq!(truncated.code, "invalid_response_body");
}

#[test]
fn duplicate_example_has_hint_and_ids() {
    let failure = error(409, &[], &example("error-duplicate-409.json"));
    assert_eq!(failure.code, "DuplicateAccessPackage");
    assert_eq!(
        failure.request_id.as_deref(),
        Some("0f6d3b1e-6c1a-4d57-9a3e-2b7c5e8d4f10")
    );
    assert_eq!(failure.date.as_deref(), Some("2026-11-30T08:14:02Z"));
    assert!(failure
        .hint
        .unwrap()
        .contains("already exists in the catalog"));
    assert!(!failure.retryable);
}

#[test]
fn throttled_example_waits_thirty_seconds() {
    let failure = error(
        429,
        &[("Retry-After", "30")],
        &example("error-throttled-429.json"),
    );
    assert_eq!(failure.retry_after_seconds, Some(30));
    assert!(failure.retryable);
    assert_eq!(
        failure.hint.as_deref(),
        Some("Graph is throttling requests, so wait 30 seconds before sending again")
    );
}

#[test]
fn retry_after_http_date() {
    let pairs = [
        ("Retry-After", "Sun, 06 Nov 1994 08:50:07 GMT"),
        ("Date", "Sun, 06 Nov 1994 08:49:37 GMT"),
    ];
    assert_eq!(error(503, &pairs, "{}").retry_after_seconds, Some(30));
}

#[test]
fn retry_after_missing_or_unreadable_is_absent() {
    assert_eq!(error(429, &[], "{}").retry_after_seconds, None);
    assert_eq!(
        error(429, &[("Retry-After", "soon")], "{}").retry_after_seconds,
        None
    );
    assert_eq!(
        error(429, &[("Retry-After", "-1")], "{}").retry_after_seconds,
        None
    );
}

#[test]
fn lowercase_nested_innererror() {
    let body = r#"{"error":{"code":"","message":"m","innererror":{"innerError":{"request-id":"deep","date":"2026-01-02T03:04:05"}}}}"#;
    let failure = error(400, &[("client-request-id", "c-1")], body);
    assert_eq!(failure.code, "");
    assert_eq!(failure.request_id.as_deref(), Some("deep"));
    assert_eq!(failure.client_request_id.as_deref(), Some("c-1"));
    assert_eq!(failure.date.as_deref(), Some("2026-01-02T03:04:05Z"));
}

#[test]
fn html_gateway_page() {
    let failure = error(
        502,
        &[("Content-Type", "text/html")],
        "<html>Bad gateway</html>",
    );
    assert_eq!(failure.code, "invalid_response_body");
    assert_eq!(
        failure.message,
        "Graph answered 502 with a body that is not JSON (text/html)"
    );
    assert!(!failure.retryable);
}

#[test]
fn hints_by_status() {
    let cases = [
        (401, "InvalidAuthenticationToken", "Sign in again"),
        (403, "UnAuthorized", "EntitlementManagement.ReadWrite.All"),
        (404, "ResourceNotFound", "catalog does not exist"),
        (504, "", "look the package up by name"),
    ];
    for (status, code, fragment) in cases {
        let body = format!(r#"{{"error":{{"code":"{code}","message":"m"}}}}"#);
        let hint = error(status, &[], &body).hint.unwrap();
        assert!(hint.contains(fragment), "{status}: {hint}");
    }
    assert!(error(504, &[], "{}").retryable);
}
