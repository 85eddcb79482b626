//! Validates Microsoft Entra access packages the way Microsoft Graph does and builds the exact
//! HTTP request that creates them.
//!
//! The core modules know nothing of JavaScript and test natively; [`wasm`] is the boundary that
//! converts JavaScript values, calls the core and converts back.
//!
//! ```
//! use graph_access_package::{options::Options, request::build_create_request, value::Value};
//!
//! let input = Value::from_json(
//!     r#"{"displayName": "sales reps", "catalogId": "66584aae-98bb-48cc-9458-7bee5d2a6577"}"#,
//! )
//! .unwrap();
//! let options = Options::from_value(&Value::Null).unwrap();
//! let built = build_create_request(&input, &options, "8f2f7c2e-0000-4000-8000-000000000001");
//! let request = built.request.unwrap();
//! assert_eq!(
//!     request.url,
//!     "https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/accessPackages"
//! );
//! assert_eq!(
//!     request.body.unwrap(),
//!     r#"{"displayName":"sales reps","catalog":{"id":"66584aae-98bb-48cc-9458-7bee5d2a6577"}}"#
//! );
//! ```

#![warn(missing_docs)]

/// `$batch` requests of many creates, and their responses matched back to rows.
pub mod batch;
/// CSV as RFC 4180 writes it, with the separators Excel uses by locale.
pub mod csv;
/// A small JSON writer for request bodies, faster than building a JSON value.
pub mod json;
/// The accessPackage entity of each Graph version: properties, types, server-set fields.
pub mod model;
/// Options: API version, cloud, endpoint, headers and rule settings.
pub mod options;
/// JSON paths of problems.
pub mod path;
/// Problems: path, stable code, message and severity.
pub mod problem;
/// The HTTP requests: URL per cloud and version, headers and body.
pub mod request;
/// Graph's responses: the created package or a `GraphError`.
pub mod response;
/// Rows of access packages read from CSV or JSON text.
pub mod rows;
/// One rule per file: text, booleans, GUIDs, dates, name suggestions.
pub mod rules;
/// HTTP dates and Graph's offset-less UTC dates.
pub mod time;
/// The access token, read locally: expiry, audience and permission claims.
pub mod token;
/// The `baseUrl` option: an origin with an optional path prefix.
pub mod url;
/// Validation of one access package input.
pub mod validate;
/// The input value: JSON, plus the JavaScript values that JSON cannot represent.
pub mod value;
/// The JavaScript boundary: every `#[wasm_bindgen]` export.
pub mod wasm;
