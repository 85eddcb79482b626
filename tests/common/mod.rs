//! Wasm tests shared by the Node and the browser test binaries. They check the values each
//! export returns to JavaScript, for every case of `tests/cases.json` and for values that only
//! JavaScript can hold.

mod hostile;

use graph_access_package::wasm::{
    build_access_package_lookup_request, build_create_access_package_request,
    parse_create_access_package_response, validate_access_package,
};
use js_sys::{Function, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

const CASES: &str = include_str!("../cases.json");
const CATALOG: &str = "66584aae-98bb-48cc-9458-7bee5d2a6577";

fn parse(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

/// Returns `(path, code, severity)` of each problem in a result, sorted.
fn problems(result: &JsValue) -> Vec<(String, String, String)> {
    let list: js_sys::Array = get(result, "problems").into();
    let mut found: Vec<_> = list
        .iter()
        .map(|p| (text(&p, "path"), text(&p, "code"), text(&p, "severity")))
        .collect();
    found.sort();
    found
}

/// Evaluates a JavaScript expression, for values JSON cannot write.
fn js(expression: &str) -> JsValue {
    Function::new_no_args(&format!("return ({expression});"))
        .call0(&JsValue::NULL)
        .unwrap()
}

#[wasm_bindgen_test]
fn every_case_matches() {
    let cases: js_sys::Array = parse(CASES).into();
    for case in cases.iter() {
        let name = text(&case, "name");
        let result =
            build_create_access_package_request(get(&case, "input"), get(&case, "options"))
                .unwrap();
        let expected: js_sys::Array = get(&case, "problems").into();
        let mut expected: Vec<_> = expected
            .iter()
            .map(|p| {
                let p: js_sys::Array = p.into();
                (
                    p.get(0).as_string().unwrap(),
                    p.get(1).as_string().unwrap(),
                    p.get(2).as_string().unwrap(),
                )
            })
            .collect();
        expected.sort();
        assert_eq!(problems(&result), expected, "problems of case {name:?}");
        let body = get(&case, "body");
        if body.is_undefined() {
            assert_eq!(get(&result, "valid"), JsValue::FALSE, "case {name:?}");
            assert!(
                !Reflect::has(&result, &"request".into()).unwrap(),
                "case {name:?}"
            );
        } else {
            let request = get(&result, "request");
            let sent: serde_json::Value = serde_json::from_str(&text(&request, "body")).unwrap();
            let expected: serde_json::Value =
                serde_json::from_str(&JSON::stringify(&body).unwrap().as_string().unwrap())
                    .unwrap();
            assert_eq!(sent, expected, "body of case {name:?}");
        }
    }
}

#[wasm_bindgen_test]
fn javascript_only_values_are_problems() {
    let input = js(&format!(
        "{{ displayName: 'x\\uD800', catalogId: '{CATALOG}', description: () => 1, isHidden: 1n, \
         get isRoleScopesVisible() {{ throw new Error('no') }}, [Symbol('s')]: 1, extra: undefined }}"
    ));
    let result = validate_access_package(input, JsValue::UNDEFINED).unwrap();
    let expected = vec![
        (
            "[\"Symbol(s)\"]".to_owned(),
            "unsupported_value".to_owned(),
            "error".to_owned(),
        ),
        (
            "description".to_owned(),
            "unsupported_value".to_owned(),
            "error".to_owned(),
        ),
        (
            "displayName".to_owned(),
            "invalid_unicode".to_owned(),
            "error".to_owned(),
        ),
        (
            "isHidden".to_owned(),
            "unsupported_value".to_owned(),
            "error".to_owned(),
        ),
        (
            "isRoleScopesVisible".to_owned(),
            "unreadable_property".to_owned(),
            "error".to_owned(),
        ),
    ];
    assert_eq!(problems(&result), expected);
}

#[wasm_bindgen_test]
fn hostile_inputs_keep_module_working() {
    for expression in [
        "(() => { const o = { displayName: 'a' }; o.catalog = o; return o; })()",
        "new Proxy({}, { ownKeys() { throw new Error('trap') } })",
        "new Proxy({ displayName: 'a' }, { get() { throw new Error('trap') } })",
        "Object.create(null)",
        "[1, 2]",
        "() => 1",
        "Symbol('x')",
        "10n",
    ] {
        let result = validate_access_package(js(expression), JsValue::UNDEFINED).unwrap();
        assert_eq!(get(&result, "valid"), JsValue::FALSE, "{expression}");
    }
    let valid = js(&format!("{{ displayName: 'a', catalogId: '{CATALOG}' }}"));
    let result = validate_access_package(valid, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&result, "valid"), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn bad_options_throw_errors_with_codes() {
    let input = js("{}");
    for (options, code) in [
        ("{ apiVersion: 'v2' }", "invalid_api_version"),
        ("{ cloud: 'Global' }", "invalid_cloud"),
        ("{ strict: 'yes' }", "invalid_option"),
        ("'beta'", "invalid_options"),
    ] {
        let thrown = validate_access_package(input.clone(), js(options)).unwrap_err();
        assert!(thrown.is_instance_of::<js_sys::Error>(), "{options}");
        assert_eq!(text(&thrown, "code"), code, "{options}");
        assert_eq!(
            text(&thrown, "name"),
            "GraphAccessPackageError",
            "{options}"
        );
    }
}

#[wasm_bindgen_test]
fn request_url_and_headers() {
    let input = js(&format!("{{ displayName: 'a', catalogId: '{CATALOG}' }}"));
    let options =
        js("{ cloud: 'usGovernment', accessToken: 'Bearer t0k', clientRequestId: 'abc' }");
    let result = build_create_access_package_request(input, options).unwrap();
    let request = get(&result, "request");
    assert_eq!(
        text(&request, "url"),
        "https://graph.microsoft.us/v1.0/identityGovernance/entitlementManagement/accessPackages"
    );
    let headers = get(&request, "headers");
    assert_eq!(text(&headers, "Authorization"), "Bearer t0k");
    assert_eq!(text(&headers, "Content-Type"), "application/json");
    assert_eq!(text(&headers, "client-request-id"), "abc");
    let without_token = build_create_access_package_request(
        js(&format!("{{ displayName: 'a', catalogId: '{CATALOG}' }}")),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let headers = get(&get(&without_token, "request"), "headers");
    let keys: Vec<String> = Object::keys(&headers.into())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    assert_eq!(keys, ["Content-Type", "Accept", "client-request-id"]);
}

#[wasm_bindgen_test]
fn response_from_headers_object() {
    let headers = js("new Headers({ 'Retry-After': '30', 'request-id': 'r-1' })");
    let body = r#"{"error":{"code":"TooManyRequests","message":"slow down","innerError":{"date":"2026-11-30T08:15:40"}}}"#;
    let result = parse_create_access_package_response(429.into(), headers, body.into()).unwrap();
    assert_eq!(get(&result, "ok"), JsValue::FALSE);
    let error = get(&result, "error");
    assert_eq!(text(&error, "code"), "TooManyRequests");
    assert_eq!(get(&error, "retryAfterSeconds").as_f64(), Some(30.0));
    assert_eq!(text(&error, "requestId"), "r-1");
    assert_eq!(text(&error, "date"), "2026-11-30T08:15:40Z");
    assert_eq!(get(&error, "retryable"), JsValue::TRUE);
    assert!(!Reflect::has(&error, &"clientRequestId".into()).unwrap());
}

#[wasm_bindgen_test]
fn response_created_package() {
    let body = r#"{"id":"642181f0-bc17-4fc6-9ebb-ff53dbf18c2f","displayName":"sales reps","createdDateTime":"2021-11-10T01:10:09.5220119Z"}"#;
    let result = parse_create_access_package_response(201.into(), js("{}"), body.into()).unwrap();
    let package = get(&result, "accessPackage");
    assert_eq!(text(&package, "id"), "642181f0-bc17-4fc6-9ebb-ff53dbf18c2f");
    assert_eq!(
        text(&package, "createdDateTime"),
        "2021-11-10T01:10:09.5220119Z"
    );
}

#[wasm_bindgen_test]
fn lookup_request_and_its_errors() {
    let request = build_access_package_lookup_request(
        "O'Brien + co".into(),
        CATALOG.into(),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert!(text(&request, "url").ends_with(
        "/catalogs/66584aae-98bb-48cc-9458-7bee5d2a6577/accessPackages?$filter=displayName%20eq%20%27O%27%27Brien%20%2B%20co%27"
    ));
    let thrown = build_access_package_lookup_request("a".into(), "HR".into(), JsValue::UNDEFINED)
        .unwrap_err();
    assert_eq!(text(&thrown, "code"), "catalog_name_not_id");
    assert_eq!(text(&thrown, "path"), "catalogId");
}

#[wasm_bindgen_test]
fn rows_batches_and_batch_response() {
    use graph_access_package::wasm::{
        build_batch_requests, build_batch_requests_from_text, parse_access_package_rows,
        parse_batch_response_js,
    };
    let csv =
        format!("displayName;isHidden;catalogId\r\nA;TRUE;{CATALOG}\r\nB;maybe;{CATALOG}\r\n");
    let format = js("{ format: 'csv' }");
    let rows = parse_access_package_rows(csv.clone().into(), format.clone()).unwrap();
    let first = js_sys::Array::from(&get(&rows, "rows")).get(0);
    assert_eq!(get(&first, "isHidden"), JsValue::TRUE);

    let built = build_batch_requests_from_text(csv.into(), format, JsValue::UNDEFINED).unwrap();
    assert_eq!(
        problems(&built),
        [(
            "isHidden".to_owned(),
            "not_a_boolean".to_owned(),
            "error".to_owned()
        )]
    );
    let batch = js_sys::Array::from(&get(&built, "batches")).get(0);
    assert_eq!(JSON::stringify(&get(&batch, "rows")).unwrap(), "[0]");

    let thrown = build_batch_requests(js("{}"), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(text(&thrown, "code"), "invalid_argument");

    let body = r#"{"responses":[{"id":"1","status":201,"body":{"id":"p1"}},{"id":"0","status":429,"headers":{"Retry-After":"3"},"body":{}}]}"#;
    let results = parse_batch_response_js(200.into(), js("{}"), body.into(), js("[0, 1]")).unwrap();
    let results = js_sys::Array::from(&results);
    assert_eq!(
        get(&get(&results.get(0), "error"), "retryAfterSeconds").as_f64(),
        Some(3.0)
    );
    assert_eq!(text(&get(&results.get(1), "accessPackage"), "id"), "p1");
}
