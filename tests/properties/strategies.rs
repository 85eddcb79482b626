//! Generators of hostile and plausible inputs: JSON-like values with the JavaScript-only
//! variants, options, CSV and JSON files of rows, response headers and bodies, and tokens.
//! Each generator mixes the names and shapes the library treats specially with arbitrary text,
//! so that both the checked branches and the fall-through branches are reached.

use graph_access_package::value::{Foreign, Value};
use proptest::collection::vec;
use proptest::prelude::*;

/// Keys the validator handles by name, then near misses and keys that are special in
/// JavaScript.
const KEYS: &[&str] = &[
    "displayName",
    "description",
    "isHidden",
    "isRoleScopesVisible",
    "catalogId",
    "catalog",
    "accessPackageCatalog",
    "id",
    "@odata.type",
    "@odata.context",
    "@odata.etag",
    "createdBy",
    "createdDateTime",
    "modifiedBy",
    "modifiedDateTime",
    "displayname",
    "isHiden",
    "display name",
    "",
    "__proto__",
    "constructor",
];

/// Returns a random GUID in either case.
pub fn guid() -> impl Strategy<Value = String> {
    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
}

/// Returns text from every class the rules tell apart: names, GUIDs and their near misses,
/// string booleans, the OData types, arbitrary Unicode with control characters, and long text.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        2 => "[ -~]{0,24}",
        2 => guid(),
        1 => guid().prop_map(|g| format!("{{{g}}}")),
        1 => guid().prop_map(|g| format!("urn:uuid:{g}")),
        1 => guid().prop_map(|g| format!(" {g}\t")),
        1 => Just("00000000-0000-0000-0000-000000000000".to_owned()),
        1 => Just("true".to_owned()),
        1 => Just("false".to_owned()),
        1 => Just("#microsoft.graph.accessPackage".to_owned()),
        1 => Just("#microsoft.graph.accessPackageCatalog".to_owned()),
        1 => Just("2021-11-10T01:10:09.5220119Z".to_owned()),
        1 => "\\PC{250,300}",
        1 => "[a-z\u{e9}\u{1F680} ]{5,12}",
    ]
}

/// Returns an object key: a name the validator knows or arbitrary text.
pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(KEYS).prop_map(str::to_owned),
        1 => text(),
    ]
}

/// Returns a value without children, including those only JavaScript can hold.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<f64>().prop_map(Value::Number),
        1 => proptest::sample::select(&[f64::NAN, f64::INFINITY, -0.0, 1e300][..])
            .prop_map(Value::Number),
        6 => text().prop_map(Value::String),
        1 => Just(Value::InvalidString),
        1 => proptest::sample::select(
            &[Foreign::Undefined, Foreign::Function, Foreign::Symbol, Foreign::BigInt][..]
        )
        .prop_map(Value::Foreign),
        1 => Just(Value::Unreadable),
        1 => Just(Value::TooDeep),
        1 => Just(Value::TooLong),
    ]
}

/// Returns any value: leaves, and arrays and objects up to four levels deep, with duplicate
/// keys possible.
pub fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec((key(), inner), 0..6).prop_map(Value::Object),
        ]
    })
}

/// Returns an object shaped like an access package: a name, the catalog in one of its three
/// spellings, some optional properties, and sometimes a few arbitrary entries. Most of these
/// inputs are valid, so that the request and its body are built.
pub fn package() -> impl Strategy<Value = Value> {
    let name = prop_oneof![
        3 => "[A-Za-z0-9][A-Za-z0-9 _.'\"\\\\/-]{0,30}",
        1 => "\\PC{1,40}",
        1 => text(),
    ];
    let catalog = prop_oneof![
        guid().prop_map(|id| ("catalogId".to_owned(), Value::String(id))),
        guid().prop_map(|id| (
            "catalog".to_owned(),
            object(vec![("id", Value::String(id))])
        )),
        guid().prop_map(|id| {
            let inner = object(vec![
                ("id", Value::String(id)),
                (
                    "@odata.type",
                    Value::String("#microsoft.graph.accessPackageCatalog".to_owned()),
                ),
            ]);
            ("accessPackageCatalog".to_owned(), inner)
        }),
    ];
    let optional = vec(
        prop_oneof![
            text().prop_map(|d| ("description".to_owned(), Value::String(d))),
            any::<bool>().prop_map(|b| ("isHidden".to_owned(), Value::Bool(b))),
            any::<bool>().prop_map(|b| ("isRoleScopesVisible".to_owned(), Value::Bool(b))),
            Just((
                "@odata.type".to_owned(),
                Value::String("#microsoft.graph.accessPackage".to_owned()),
            )),
            Just(("isHidden".to_owned(), Value::String("true".to_owned()))),
            guid().prop_map(|id| ("id".to_owned(), Value::String(id))),
        ],
        0..4,
    );
    let extra = prop_oneof![4 => Just(Vec::new()), 1 => vec((key(), value()), 1..3)];
    (name, catalog, optional, extra).prop_map(|(name, catalog, optional, extra)| {
        let mut entries = vec![("displayName".to_owned(), Value::String(name)), catalog];
        entries.extend(optional);
        entries.extend(extra);
        Value::Object(entries)
    })
}

fn object(entries: Vec<(&str, Value)>) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect(),
    )
}

/// Returns an input: an access package most often, any value otherwise.
pub fn input() -> impl Strategy<Value = Value> {
    prop_oneof![2 => package(), 1 => value()]
}

/// Returns an options value: mostly an object of the options the library reads, with valid
/// and invalid values, and sometimes null, undefined or a value of the wrong kind.
pub fn options() -> impl Strategy<Value = Value> {
    let entry = prop_oneof![
        select_string("apiVersion", &["v1.0", "beta", "v2", "Beta"]),
        select_string(
            "cloud",
            &[
                "global",
                "usGovernment",
                "usGovernmentDod",
                "china",
                "Global"
            ]
        ),
        select_string(
            "baseUrl",
            &[
                "https://graph.microsoft.com",
                "http://127.0.0.1:8081/graph/",
                "http://[::1]:8081",
                "https://user:pw@x",
                "http://graph.example.com",
                "https://x/?a=1",
            ]
        ),
        text().prop_map(|t| ("baseUrl".to_owned(), Value::String(t))),
        prop_oneof![text(), token()].prop_map(|t| ("accessToken".to_owned(), Value::String(t))),
        text().prop_map(|t| ("clientRequestId".to_owned(), Value::String(t))),
        prop_oneof![
            (1u32..400).prop_map(f64::from),
            any::<f64>(),
            Just(0.0),
            Just(1e9),
            Just(1e10)
        ]
        .prop_map(|n| ("maxDisplayNameLength".to_owned(), Value::Number(n))),
        any::<bool>().prop_map(|b| ("strict".to_owned(), Value::Bool(b))),
        select_string(
            "path",
            &["accessPackages", "assignmentPolicyNavigation", "other"]
        ),
        prop_oneof![guid(), text()]
            .prop_map(|t| ("assignmentPolicyId".to_owned(), Value::String(t))),
        (key(), value()),
        prop_oneof![
            Just("strict"),
            Just("apiVersion"),
            Just("maxDisplayNameLength"),
            Just("baseUrl")
        ]
        .prop_flat_map(|name| value().prop_map(move |v| (name.to_owned(), v))),
    ];
    prop_oneof![
        8 => vec(entry, 0..5).prop_map(Value::Object),
        1 => Just(Value::Null),
        1 => Just(Value::Foreign(Foreign::Undefined)),
        1 => value(),
    ]
}

fn select_string(
    name: &'static str,
    choices: &'static [&'static str],
) -> impl Strategy<Value = (String, Value)> {
    proptest::sample::select(choices)
        .prop_map(move |choice| (name.to_owned(), Value::String(choice.to_owned())))
}

/// Returns a token: a JWT whose payload holds arbitrary claims of the right and wrong types,
/// a JWT with a payload that is not JSON, or arbitrary text.
pub fn token() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        any::<f64>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::from(1.0e300)),
        Just(serde_json::Value::from(-1.0e300)),
    ];
    let claim_value = prop_oneof![
        number,
        text().prop_map(serde_json::Value::from),
        Just(serde_json::json!("https://graph.microsoft.com")),
        Just(serde_json::json!("EntitlementManagement.ReadWrite.All")),
        Just(serde_json::json!([
            "EntitlementManagement.ReadWrite.All",
            5
        ])),
        Just(serde_json::Value::Null),
    ];
    let claim_name = prop_oneof![
        proptest::sample::select(&["exp", "aud", "scp", "roles", "nbf"][..])
            .prop_map(str::to_owned),
        text(),
    ];
    let claims = vec((claim_name, claim_value), 0..5).prop_map(|claims| {
        let object: serde_json::Map<String, serde_json::Value> = claims.into_iter().collect();
        serde_json::Value::Object(object).to_string().into_bytes()
    });
    let payload = prop_oneof![3 => claims, 1 => vec(any::<u8>(), 0..40)];
    prop_oneof![
        3 => (payload, "[A-Za-z0-9_-]{0,12}").prop_map(|(payload, signature)| {
            format!("eyJhbGciOiJub25lIn0.{}.{signature}", base64url(&payload))
        }),
        1 => text(),
        1 => "[A-Za-z0-9_.=+/-]{0,40}",
    ]
}

/// Encodes bytes as unpadded base64url, as a JWT carries its payload.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut encoded = String::new();
    for chunk in bytes.chunks(3) {
        let mut block = [0u8; 3];
        block[..chunk.len()].copy_from_slice(chunk);
        let bits = u32::from(block[0]) << 16 | u32::from(block[1]) << 8 | u32::from(block[2]);
        for index in 0..=chunk.len() {
            let sextet = (bits >> (18 - 6 * index)) & 63;
            encoded.push(char::from(ALPHABET[sextet as usize]));
        }
    }
    encoded
}

/// A CSV file written from known records, to compare what the parser reads back.
#[derive(Clone, Debug)]
pub struct CsvFile {
    /// The header row's fields.
    pub header: Vec<String>,
    /// The data records' fields, none of them a lone blank field.
    pub records: Vec<Vec<String>>,
    /// The file's text.
    pub text: String,
}

/// Returns a CSV file whose fields hold any text, quoted as RFC 4180 writes it, with the
/// separator and line break of one locale.
pub fn csv_file() -> impl Strategy<Value = CsvFile> {
    let field = prop_oneof![
        2 => "[a-zA-Z0-9 ]{0,8}",
        1 => any::<String>(),
        1 => "[,;\t\"\r\n a]{1,6}",
        1 => guid(),
    ];
    let header = vec("[a-zA-Z@.][a-zA-Z0-9.]{0,10}", 1..6);
    let records = vec(vec(field, 1..7), 0..8);
    let separator = proptest::sample::select(&[',', ';', '\t'][..]);
    let line_break = proptest::sample::select(&["\n", "\r\n"][..]);
    (header, records, separator, line_break).prop_map(|(header, records, separator, line_break)| {
        // A one-column header has no separator to detect, so the parser takes a comma.
        let separator = if header.len() == 1 { ',' } else { separator };
        let records: Vec<Vec<String>> = records
            .into_iter()
            .filter(|fields| !(fields.len() == 1 && fields[0].trim().is_empty()))
            .collect();
        let mut text = String::new();
        for fields in std::iter::once(&header).chain(&records) {
            let cells: Vec<String> = fields.iter().map(|f| csv_cell(f)).collect();
            text.push_str(&cells.join(&separator.to_string()));
            text.push_str(line_break);
        }
        CsvFile {
            header,
            records,
            text,
        }
    })
}

/// Quotes a field when it holds a separator, a quote, a line break or a byte-order mark.
fn csv_cell(field: &str) -> String {
    if field.contains([',', ';', '\t', '"', '\r', '\n', '\u{feff}']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// Returns arbitrary CSV-like text: separators, quotes and line breaks among other characters.
pub fn csv_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z.@,;\t\"\r\n \u{feff}]{0,80}",
        any::<String>(),
        "(displayName|catalogId|catalog.id|isHidden|description)([,;](displayName|catalogId|catalog.id|isHidden|description)){0,4}\n([a-z ,;\"]{0,10}\n){0,5}",
    ]
}

/// Returns arbitrary text or JSON text of values, for the JSON row reader.
pub fn json_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => vec(value(), 0..5).prop_map(|items| {
            let items: Vec<serde_json::Value> = items.iter().map(serde_json::Value::from).collect();
            serde_json::Value::Array(items).to_string()
        }),
        2 => vec(package(), 0..5).prop_map(|items| {
            let items: Vec<serde_json::Value> = items.iter().map(serde_json::Value::from).collect();
            serde_json::Value::Array(items).to_string()
        }),
        1 => value().prop_map(|v| serde_json::Value::from(&v).to_string()),
        1 => any::<String>(),
        1 => "[\\[\\]{}\",:0-9a-z \u{feff}]{0,40}",
    ]
}

/// Returns response headers: the names the parsers read, with valid, invalid and odd values.
pub fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop_oneof![
        proptest::sample::select(
            &[
                "Retry-After",
                "retry-after",
                " Date ",
                "date",
                "request-id",
                "client-request-id",
                "Content-Type",
            ][..]
        )
        .prop_map(str::to_owned),
        text(),
    ];
    let value = prop_oneof!["[0-9]{0,25}", http_date(), text(), Just(" 30 ".to_owned()),];
    vec((name, value), 0..5)
}

/// Returns an IMF-fixdate, with fields sometimes out of range.
pub fn http_date() -> impl Strategy<Value = String> {
    (
        "(Mon|Sun|Xyz)",
        0u32..40,
        "(Jan|Feb|Nov|Dec|Foo)",
        prop_oneof![1900u32..2200, Just(999_999_999)],
        0u32..26,
        0u32..61,
        0u32..62,
    )
        .prop_map(|(weekday, day, month, year, hour, minute, second)| {
            format!("{weekday}, {day:02} {month} {year} {hour:02}:{minute:02}:{second:02} GMT")
        })
}

/// Returns any value as JSON: the values with no JSON form become null.
fn json() -> impl Strategy<Value = serde_json::Value> {
    value().prop_map(|v| serde_json::Value::from(&v))
}

/// Returns a response body: Graph's error and success shapes with arbitrary values, JSON of
/// any shape, deeply nested JSON, or arbitrary text.
pub fn body() -> impl Strategy<Value = String> {
    let inner = (json(), json(), text()).prop_map(|(date, id, code)| {
        serde_json::json!({
            "code": code,
            "innerError": { "date": date, "request-id": id, "innererror": { "date": "2023-04-17T18:21:44" } }
        })
    });
    prop_oneof![
        2 => (text(), text(), inner).prop_map(|(code, message, inner)| {
            serde_json::json!({ "error": { "code": code, "message": message, "innerError": inner } })
                .to_string()
        }),
        2 => (prop_oneof![text().prop_map(serde_json::Value::from), json()], json())
            .prop_map(|(id, other)| {
                serde_json::json!({ "id": id, "displayName": "a", "other": other }).to_string()
            }),
        1 => json().prop_map(|v| v.to_string()),
        1 => (1usize..300).prop_map(|depth| format!("{}{}", "[".repeat(depth), "]".repeat(depth))),
        1 => any::<String>(),
    ]
}

/// Returns a `$batch` response body: items with ids that match, repeat, differ in case or
/// are missing, with arbitrary statuses, headers and bodies.
pub fn batch_body() -> impl Strategy<Value = String> {
    let id = prop_oneof![
        (0usize..30).prop_map(|n| serde_json::Value::from(n.to_string())),
        (0usize..30).prop_map(serde_json::Value::from),
        text().prop_map(serde_json::Value::from),
    ];
    let status = prop_oneof![
        proptest::sample::select(&[200u64, 201, 400, 409, 424, 429, 503][..])
            .prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        text().prop_map(serde_json::Value::from),
    ];
    let item_headers = headers().prop_map(|pairs| {
        let object: serde_json::Map<String, serde_json::Value> = pairs
            .into_iter()
            .map(|(name, value)| (name, serde_json::Value::from(value)))
            .collect();
        serde_json::Value::Object(object)
    });
    let item_body = prop_oneof![
        body()
            .prop_map(|text| serde_json::from_str(&text).unwrap_or(serde_json::Value::from(text))),
        body().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
    ];
    let item = (id, status, item_headers, item_body).prop_map(|(id, status, headers, body)| {
        serde_json::json!({ "id": id, "status": status, "headers": headers, "body": body })
    });
    prop_oneof![
        4 => vec(item, 0..22).prop_map(|items| serde_json::json!({ "responses": items }).to_string()),
        1 => body(),
    ]
}
