//! Checks shared by the properties: problems, paths, requests and headers.

use std::collections::BTreeSet;

use graph_access_package::path::join;
use graph_access_package::problem::{Problem, Severity};
use graph_access_package::request::HttpRequest;
use graph_access_package::value::Value;
use proptest::prelude::*;

/// The option names whose values can give a problem at `options.<name>`.
const OPTION_NAMES: &[&str] = &[
    "apiVersion",
    "cloud",
    "baseUrl",
    "accessToken",
    "clientRequestId",
    "maxDisplayNameLength",
    "strict",
    "path",
    "assignmentPolicyId",
];

/// Required fields, reported at their path when they are missing.
const REQUIRED_PATHS: &[&str] = &[
    "displayName",
    "catalogId",
    "catalog.id",
    "accessPackageCatalog.id",
];

/// The codes of `OptionError`, thrown in JavaScript for options of the wrong kind.
pub const OPTION_ERROR_CODES: &[&str] = &[
    "invalid_api_version",
    "invalid_cloud",
    "invalid_option",
    "invalid_options",
];

/// Returns the code in the first cell of every table row of `docs/rules.md`.
pub fn documented_codes() -> BTreeSet<String> {
    include_str!("../../docs/rules.md")
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once("` |"))
        .map(|(code, _)| code.to_owned())
        .collect()
}

/// Returns every path a problem about `input` may carry: `""`, each key of the object, each
/// key of an object inside it, and the required fields.
pub fn input_paths(input: &Value) -> BTreeSet<String> {
    let mut paths: BTreeSet<String> = REQUIRED_PATHS.iter().map(|p| p.to_string()).collect();
    paths.insert(String::new());
    let Value::Object(entries) = input else {
        return paths;
    };
    for (key, value) in entries {
        let parent = join("", key);
        if let Value::Object(children) = value {
            paths.extend(children.iter().map(|(child, _)| join(&parent, child)));
        }
        paths.insert(parent);
    }
    paths
}

/// Checks one problem: a documented code, a path in `allowed` or naming an option, and a
/// message of one line without a trailing period.
pub fn check_problem(
    problem: &Problem,
    allowed: &BTreeSet<String>,
    codes: &BTreeSet<String>,
) -> Result<(), TestCaseError> {
    let code = problem.code.as_str();
    prop_assert!(codes.contains(code), "undocumented code {code}");
    let option = problem
        .path
        .strip_prefix("options.")
        .is_some_and(|name| OPTION_NAMES.contains(&name));
    prop_assert!(
        option || allowed.contains(&problem.path),
        "path {:?} of {code} is not in the input; allowed {allowed:?}",
        problem.path
    );
    prop_assert!(!problem.message.is_empty(), "{code} has no message");
    prop_assert!(
        !problem.message.chars().any(char::is_control),
        "message of {code} has a control character: {:?}",
        problem.message
    );
    prop_assert!(
        !problem.message.ends_with('.'),
        "message of {code} ends with a period: {:?}",
        problem.message
    );
    Ok(())
}

/// Checks every problem of one input.
pub fn check_problems(problems: &[Problem], input: &Value) -> Result<(), TestCaseError> {
    let allowed = input_paths(input);
    let codes = documented_codes();
    for problem in problems {
        check_problem(problem, &allowed, &codes)?;
    }
    Ok(())
}

/// Returns true when a problem in the list is an error.
pub fn has_error(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

/// Checks that a request can be sent as built: a URL and header names and values of visible
/// ASCII, so no CR, LF or other control character can split a header or the request line.
pub fn check_request(request: &HttpRequest) -> Result<(), TestCaseError> {
    prop_assert!(
        request.url.chars().all(|c| c.is_ascii_graphic()),
        "url {:?} has a character that is not visible ASCII",
        request.url
    );
    prop_assert!(
        request.url.starts_with("https://") || request.url.starts_with("http://"),
        "url {:?}",
        request.url
    );
    for (name, value) in &request.headers {
        prop_assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_graphic() && c != ':'),
            "header name {name:?}"
        );
        prop_assert!(
            value.chars().all(|c| c.is_ascii_graphic() || c == ' '),
            "header {name} has the value {value:?}"
        );
    }
    Ok(())
}
