//! Hostile JavaScript values in every argument of every export. Each call returns a result or
//! an `Error` with a `code`, and the module keeps returning exact results afterwards.

use graph_access_package::wasm::{
    build_access_package_lookup_request, build_batch_requests, build_batch_requests_from_text,
    build_create_access_package_request, parse_access_package_rows, parse_batch_response_js,
    parse_create_access_package_response, validate_access_package,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{get, js, problems, text, CATALOG};

/// JavaScript expressions of hostile values, evaluated fresh for each call.
const HOSTILE: &[&str] = &[
    "null",
    "undefined",
    "NaN",
    "[1, 2]",
    "''",
    "() => 1",
    "Symbol('s')",
    "10n",
    "({ get displayName() { throw new Error('getter') } })",
    "new Proxy({}, new Proxy({}, { get() { return () => { throw new Error('trap') } } }))",
    "(() => { const o = { displayName: 'a' }; o.self = o; return o; })()",
    "JSON.parse('{\"__proto__\":{\"x\":1},\"constructor\":\"c\"}')",
    "(() => { let v = {}; for (let i = 0; i < 100000; i++) v = { a: v }; return v; })()",
    "'['.repeat(100000) + ']'.repeat(100000)",
    "(() => { const a = []; a.length = 2 ** 32 - 1; return a; })()",
    "new Map([['displayName', 'a']])",
];

fn valid_input() -> JsValue {
    js(&format!("{{ displayName: 'a', catalogId: '{CATALOG}' }}"))
}

/// Checks that a call returned, or threw an `Error` named and coded by the library.
fn check_outcome(outcome: Result<JsValue, JsValue>, context: &str) {
    let Err(thrown) = outcome else { return };
    assert!(thrown.is_instance_of::<js_sys::Error>(), "{context}");
    assert_eq!(
        text(&thrown, "name"),
        "GraphAccessPackageError",
        "{context}"
    );
    assert!(!text(&thrown, "code").is_empty(), "{context}");
}

fn check_still_works(context: &str) {
    let result =
        build_create_access_package_request(valid_input(), js("{ clientRequestId: 'x' }")).unwrap();
    assert_eq!(
        text(&get(&result, "request"), "body"),
        format!(r#"{{"displayName":"a","catalog":{{"id":"{CATALOG}"}}}}"#),
        "{context}"
    );
}

#[wasm_bindgen_test]
fn every_export_survives_hostile_values() {
    let csv = format!("displayName,catalogId\na,{CATALOG}\n");
    let batch = r#"{"responses":[{"id":"0","status":201,"body":{"id":"p1"}}]}"#;
    for expression in HOSTILE {
        let bad = || js(expression);
        let calls: Vec<(&str, Result<JsValue, JsValue>)> = vec![
            (
                "validate input",
                validate_access_package(bad(), JsValue::UNDEFINED),
            ),
            (
                "validate options",
                validate_access_package(valid_input(), bad()),
            ),
            (
                "build input",
                build_create_access_package_request(bad(), JsValue::UNDEFINED),
            ),
            (
                "build options",
                build_create_access_package_request(valid_input(), bad()),
            ),
            (
                "response status",
                parse_create_access_package_response(bad(), js("{}"), "{}".into()),
            ),
            (
                "response headers",
                parse_create_access_package_response(201.into(), bad(), "{}".into()),
            ),
            (
                "response body",
                parse_create_access_package_response(201.into(), js("{}"), bad()),
            ),
            (
                "lookup name",
                build_access_package_lookup_request(bad(), CATALOG.into(), JsValue::UNDEFINED),
            ),
            (
                "lookup catalog",
                build_access_package_lookup_request("a".into(), bad(), JsValue::UNDEFINED),
            ),
            (
                "lookup options",
                build_access_package_lookup_request("a".into(), CATALOG.into(), bad()),
            ),
            (
                "rows text",
                parse_access_package_rows(bad(), js("{ format: 'csv' }")),
            ),
            (
                "rows format",
                parse_access_package_rows(csv.as_str().into(), bad()),
            ),
            (
                "batches inputs",
                build_batch_requests(bad(), JsValue::UNDEFINED),
            ),
            ("batches options", build_batch_requests(js("[]"), bad())),
            (
                "text format",
                build_batch_requests_from_text(csv.as_str().into(), bad(), JsValue::UNDEFINED),
            ),
            (
                "text options",
                build_batch_requests_from_text(csv.as_str().into(), js("{ format: 'csv' }"), bad()),
            ),
            (
                "batch headers",
                parse_batch_response_js(200.into(), bad(), batch.into(), js("[0]")),
            ),
            (
                "batch rows",
                parse_batch_response_js(200.into(), js("{}"), batch.into(), bad()),
            ),
        ];
        for (name, outcome) in calls {
            let context = format!("{name}: {expression}");
            check_outcome(outcome, &context);
            check_still_works(&context);
        }
    }
}

#[wasm_bindgen_test]
fn ten_megabyte_name_is_too_long() {
    let input = js(&format!(
        "{{ displayName: 'x'.repeat(10 * 1024 * 1024), catalogId: '{CATALOG}' }}"
    ));
    let result = validate_access_package(input, JsValue::UNDEFINED).unwrap();
    assert_eq!(
        problems(&result),
        [(
            "displayName".to_owned(),
            "too_long".to_owned(),
            "warning".to_owned()
        )]
    );
    check_still_works("after a 10 MB name");
}

#[wasm_bindgen_test]
fn deep_nesting_is_a_problem() {
    let deep =
        js("(() => { let v = {}; for (let i = 0; i < 100000; i++) v = { a: v }; return v; })()");
    let result = validate_access_package(deep, JsValue::UNDEFINED).unwrap();
    let found: Vec<(String, String)> = problems(&result)
        .into_iter()
        .map(|(p, c, _)| (p, c))
        .collect();
    assert_eq!(
        found,
        [
            ("a".to_owned(), "unknown_property".to_owned()),
            ("catalogId".to_owned(), "required".to_owned()),
            ("displayName".to_owned(), "required".to_owned()),
        ]
    );
    let text_rows = format!("[{}{}]", "[".repeat(100_000), "]".repeat(100_000));
    let rows = parse_access_package_rows(text_rows.into(), js("{ format: 'json' }")).unwrap();
    assert_eq!(js_sys::Array::from(&get(&rows, "rows")).length(), 1);
}

#[wasm_bindgen_test]
fn sparse_array_is_unsupported_value() {
    let input = js(&format!(
        "(() => {{ const a = []; a.length = 2 ** 32 - 1; return {{ displayName: a, catalogId: '{CATALOG}' }}; }})()"
    ));
    let result = validate_access_package(input, JsValue::UNDEFINED).unwrap();
    assert_eq!(
        problems(&result),
        [(
            "displayName".to_owned(),
            "unsupported_value".to_owned(),
            "error".to_owned()
        )]
    );
}

#[wasm_bindgen_test]
fn throwing_headers_are_invalid_argument() {
    let headers = js("new Proxy({}, { ownKeys() { throw new Error('trap') } })");
    let thrown =
        parse_create_access_package_response(201.into(), headers, "{}".into()).unwrap_err();
    assert_eq!(text(&thrown, "code"), "invalid_argument");
    assert_eq!(text(&thrown, "message"), "headers could not be read");
}
