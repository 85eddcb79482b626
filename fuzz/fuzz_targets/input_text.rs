//! Feeds arbitrary bytes, as text, to validation, the create request, the CSV and JSON row
//! readers and the batch builder. libFuzzer reports any panic as a crash.
#![no_main]

use graph_access_package::batch::build_batches;
use graph_access_package::options::Options;
use graph_access_package::request::build_create_request;
use graph_access_package::rows::{parse_rows, Format};
use graph_access_package::value::Value;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let options = Options::from_value(&Value::Null).expect("null gives the defaults");
    if let Ok(input) = Value::from_json(&text) {
        let built = build_create_request(&input, &options, "id");
        if let Some(body) = built.request.and_then(|request| request.body) {
            let again = Value::from_json(&body).expect("a built body is JSON");
            let rebuilt = build_create_request(&again, &options, "id");
            assert_eq!(rebuilt.request.and_then(|r| r.body), Some(body));
        }
    }
    for format in [Format::Csv, Format::Json] {
        let rows = parse_rows(&text, format);
        build_batches(&rows.rows, rows.problems, &options, &mut || "id".to_owned());
    }
});
