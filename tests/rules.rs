//! Every case of `tests/cases.json` through the native build: exact paths, codes, severities
//! and bodies. The wasm tests run the same file in Node and Chromium.

use graph_access_package::options::Options;
use graph_access_package::problem::Code;
use graph_access_package::request::build_create_request;
use graph_access_package::value::Value;
use serde_json::Value as Json;

const CASES: &str = include_str!("cases.json");

fn problems_of(case: &Json) -> (Vec<(String, String, String)>, Option<Json>) {
    let input = Value::from_json(&case["input"].to_string()).unwrap();
    let options =
        Value::from_json(&case.get("options").unwrap_or(&Json::Null).to_string()).unwrap();
    let parsed = Options::from_value_at(&options, Some(1_800_000_000)).unwrap();
    let built = build_create_request(&input, &parsed, "00000000-0000-4000-8000-000000000000");
    let problems = built
        .problems
        .iter()
        .map(|p| {
            let severity = serde_json::to_value(p.severity).unwrap();
            (
                p.path.clone(),
                p.code.as_str().to_owned(),
                severity.as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let body = built
        .request
        .map(|r| serde_json::from_str(&r.body.unwrap()).unwrap());
    (problems, body)
}

fn expected_problems(case: &Json) -> Vec<(String, String, String)> {
    case["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().into(),
                p[1].as_str().unwrap().into(),
                p[2].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn every_case_matches() {
    let cases: Vec<Json> = serde_json::from_str(CASES).unwrap();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let (mut found, body) = problems_of(case);
        let mut expected = expected_problems(case);
        found.sort();
        expected.sort();
        assert_eq!(found, expected, "problems of case {name:?}");
        assert_eq!(body.as_ref(), case.get("body"), "body of case {name:?}");
    }
}

#[test]
fn cases_cover_json_codes() {
    let covered: Vec<String> = serde_json::from_str::<Vec<Json>>(CASES)
        .unwrap()
        .iter()
        .flat_map(expected_problems)
        .map(|(_, code, _)| code)
        .collect();
    let tested_elsewhere = [
        Code::InvalidUnicode,
        Code::UnsupportedValue,
        Code::UnreadableProperty,
        Code::DuplicateProperty,
        Code::NotAnArray,
        Code::InvalidJson,
        Code::InvalidCsv,
        Code::ExtraCells,
        Code::DuplicateInInput,
    ];
    for code in Code::ALL
        .iter()
        .filter(|code| !tested_elsewhere.contains(code))
    {
        assert!(
            covered.iter().any(|c| c == code.as_str()),
            "no case reports {}",
            code.as_str()
        );
    }
}

#[test]
fn duplicate_key_is_reported() {
    let input = Value::from_json(
        r#"{"displayName":"a","displayName":"b","catalogId":"66584aae-98bb-48cc-9458-7bee5d2a6577"}"#,
    )
    .unwrap();
    let parsed = Options::from_value(&Value::Null).unwrap();
    let built = build_create_request(&input, &parsed, "id");
    assert!(built.request.is_none());
    assert_eq!(built.problems.len(), 1);
    assert_eq!(built.problems[0].path, "displayName");
    assert_eq!(built.problems[0].code, Code::DuplicateProperty);
}

#[test]
fn duplicate_key_among_many_reported() {
    // More than 16 keys, so that the set of seen keys hashes them.
    let extra: String = (0..20).map(|i| format!(r#""x{i}":1,"#)).collect();
    let input = Value::from_json(&format!(
        r#"{{{extra}"displayName":"a","displayName":"b","catalogId":"66584aae-98bb-48cc-9458-7bee5d2a6577"}}"#
    ))
    .unwrap();
    let parsed = Options::from_value(&Value::Null).unwrap();
    let built = build_create_request(&input, &parsed, "id");
    let duplicates: Vec<&str> = built
        .problems
        .iter()
        .filter(|p| p.code == Code::DuplicateProperty)
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(duplicates, ["displayName"]);
    assert_eq!(built.problems.len(), 21);
}

#[test]
fn deep_catalog_id_is_not_a_string() {
    let deep = format!("{}1{}", "{\"a\":".repeat(40), "}".repeat(40));
    let input = Value::from_json(&format!(
        r#"{{"displayName":"a","catalog":{{"id":{deep}}}}}"#
    ))
    .unwrap();
    let parsed = Options::from_value(&Value::Null).unwrap();
    let built = build_create_request(&input, &parsed, "id");
    assert_eq!(built.problems.len(), 1);
    assert_eq!(built.problems[0].path, "catalog.id");
    assert_eq!(built.problems[0].code, Code::NotAString);
}

#[test]
fn rules_doc_lists_every_code() {
    let doc = include_str!("../docs/rules.md");
    for code in Code::ALL {
        assert!(
            doc.contains(&format!("| `{}` |", code.as_str())),
            "docs/rules.md lacks {}",
            code.as_str()
        );
    }
}
