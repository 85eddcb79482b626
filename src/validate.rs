use std::collections::HashSet;

use crate::model::{self, ApiVersion, EdmType, ODATA_TYPE, READ_ONLY_ANNOTATIONS};
use crate::options::Options;
use crate::path::join;
use crate::problem::{Code, Problem};
use crate::rules::boolean::{check_boolean, null_ignored};
use crate::rules::datetime::is_date_time_offset;
use crate::rules::guid::check_guid;
use crate::rules::suggest::closest;
use crate::rules::text::{blank, check_text, trim_display_name, utf16_length, Lines};
use crate::value::{quote, Value};

/// An access package that passed validation, with its values as they are sent.
///
/// ```
/// use graph_access_package::{options::Options, validate::validate, value::Value};
///
/// let input = Value::from_json(
///     r#"{"displayName": " sales reps ", "isHidden": true,
///         "catalogId": "66584AAE-98BB-48CC-9458-7BEE5D2A6577"}"#,
/// )
/// .unwrap();
/// let package = validate(&input, &Options::default()).package.unwrap();
/// assert_eq!(package.display_name, "sales reps");
/// assert_eq!(package.is_hidden, Some(true));
/// assert_eq!(package.catalog_id, "66584aae-98bb-48cc-9458-7bee5d2a6577");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccessPackage {
    /// The display name, trimmed.
    pub display_name: String,
    /// The description, exactly as given.
    pub description: Option<String>,
    /// Whether the package is hidden from requestors.
    pub is_hidden: Option<bool>,
    /// Whether role scopes are visible to requestors (beta only).
    pub is_role_scopes_visible: Option<bool>,
    /// The catalog's id, in lowercase.
    pub catalog_id: String,
    /// True when the input carried `@odata.type`, which is then sent too.
    pub odata_type: bool,
}

/// The outcome of validating one input. Warnings do not stop the package.
///
/// ```
/// use graph_access_package::{options::Options, problem::Code, validate::validate, value::Value};
///
/// let input = Value::from_json(
///     r#"{"id": "56ff43fd-6b05-48df-9634-956a777fce6d", "displayName": "sales reps",
///         "catalog": {"id": "66584aae-98bb-48cc-9458-7bee5d2a6577"}}"#,
/// )
/// .unwrap();
/// let validation = validate(&input, &Options::default());
/// assert!(validation.package.is_some());
/// assert_eq!(validation.problems[0].code, Code::ReadOnly);
/// assert!(!validation.problems[0].is_error());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Validation {
    /// The package to send, present when no problem is an error.
    pub package: Option<AccessPackage>,
    /// Every problem found, errors and warnings.
    pub problems: Vec<Problem>,
}

/// The catalog's type annotation that Microsoft's SDKs put inside `catalog`.
const CATALOG_ODATA_TYPE: &str = "#microsoft.graph.accessPackageCatalog";

/// Properties of a catalog that a GET with `$expand=catalog` returns beside its id.
const CATALOG_PROPERTIES: &[&str] = &[
    "displayName",
    "description",
    "catalogType",
    "catalogStatus",
    "state",
    "isExternallyVisible",
    "createdBy",
    "createdDateTime",
    "modifiedBy",
    "modifiedDateTime",
    "@odata.context",
    "@odata.etag",
];

/// Input names accepted for the catalog, in either version's spelling.
const CATALOG_KEYS: &[&str] = &["catalogId", "catalog", "accessPackageCatalog"];

/// Validates an input for a create in `options.api_version`.
///
/// ```
/// use graph_access_package::{options::Options, problem::Code, validate::validate, value::Value};
///
/// let input = Value::from_json(r#"{"displayName": "", "catalogId": "HR"}"#).unwrap();
/// let options = Options::from_value(&Value::Null).unwrap().options;
/// let validation = validate(&input, &options);
/// assert!(validation.package.is_none());
/// let found: Vec<_> = validation.problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
/// assert_eq!(found, [("displayName", Code::Blank), ("catalogId", Code::CatalogNameNotId)]);
/// ```
pub fn validate(input: &Value, options: &Options) -> Validation {
    let mut state = State {
        options,
        problems: Vec::new(),
        package: AccessPackage::default(),
        display_name: None,
        catalogs: Vec::new(),
        catalog_failed: false,
    };
    match input {
        Value::Object(entries) => {
            state.read_object(entries);
            state.check_required();
        }
        other => state.problems.push(Problem::error(
            "",
            Code::NotAnObject,
            format!(
                "the access package must be a JSON object, got {}",
                other.describe()
            ),
        )),
    }
    state.finish()
}

struct State<'a> {
    options: &'a Options,
    problems: Vec<Problem>,
    package: AccessPackage,
    display_name: Option<String>,
    /// Each catalog id given, with the path it was given at.
    catalogs: Vec<(String, String)>,
    catalog_failed: bool,
}

impl State<'_> {
    fn version(&self) -> ApiVersion {
        self.options.api_version
    }

    fn read_object(&mut self, entries: &[(String, Value)]) {
        let mut seen = SeenKeys::new(entries.len());
        for (key, value) in entries {
            if !seen.insert(key) {
                let path = join("", key);
                let message = format!("{path} is given more than once, so keep only one");
                self.problems
                    .push(Problem::error(path, Code::DuplicateProperty, message));
                continue;
            }
            self.read_property(key, value);
        }
    }

    fn read_property(&mut self, key: &str, value: &Value) {
        // The path is joined only for a value that is reported, since most values are not.
        let reported = matches!(
            value,
            Value::Foreign(_) | Value::Unreadable | Value::TooDeep | Value::TooLong
        );
        if let Some(problem) = reported
            .then(|| unreadable(&join("", key), value))
            .flatten()
        {
            if CATALOG_KEYS.contains(&key) {
                self.catalog_failed = true;
            }
            self.problems.push(problem);
            return;
        }
        match key {
            "displayName" => self.read_display_name(value),
            "description" => self.read_description(value),
            "isHidden" => self.package.is_hidden = self.read_boolean(key, value),
            "isRoleScopesVisible" => self.read_role_scopes_visible(value),
            "catalogId" => self.read_catalog_id(key, value),
            "catalog" | "accessPackageCatalog" => self.read_catalog_object(key, value),
            "@odata.type" => self.read_odata_type(key, value),
            _ => self.read_other(key, value),
        }
    }

    fn read_display_name(&mut self, value: &Value) {
        let path = "displayName";
        let text = match check_text(path, value, Lines::Single) {
            Ok(text) => text,
            Err(problem) => return self.problems.push(problem),
        };
        let text = trim_display_name(path, text, &mut self.problems);
        if text.is_empty() {
            return self.problems.push(blank(path));
        }
        self.check_length(path, &text);
        self.display_name = Some(text);
    }

    fn check_length(&mut self, path: &str, text: &str) {
        let limit = self.options.max_display_name_length;
        let length = utf16_length(text);
        if length <= limit {
            return;
        }
        let message = format!(
            "{path} is {length} UTF-16 code units long, longer than the {limit} expected \
             (maxDisplayNameLength)"
        );
        self.problems.push(if self.options.strict {
            Problem::error(path, Code::TooLong, message)
        } else {
            Problem::warning(path, Code::TooLong, message)
        });
    }

    fn read_description(&mut self, value: &Value) {
        if *value == Value::Null {
            return self.problems.push(null_ignored("description"));
        }
        match check_text("description", value, Lines::Multi) {
            Ok(text) => self.package.description = Some(text),
            Err(problem) => self.problems.push(problem),
        }
    }

    fn read_boolean(&mut self, path: &str, value: &Value) -> Option<bool> {
        let strict = self.options.strict;
        check_boolean(path, value, strict, &mut self.problems).unwrap_or_else(|problem| {
            self.problems.push(problem);
            None
        })
    }

    fn read_role_scopes_visible(&mut self, value: &Value) {
        let key = "isRoleScopesVisible";
        if self.version() == ApiVersion::V1 {
            let message = format!("{key} is a beta property, so v1.0 does not accept it");
            return self
                .problems
                .push(Problem::error(key, Code::NotInVersion, message));
        }
        self.package.is_role_scopes_visible = self.read_boolean(key, value);
    }

    fn read_catalog_id(&mut self, path: &str, value: &Value) {
        match value {
            Value::String(text) => self.add_catalog(path, text),
            Value::Null => {
                self.catalog_failed = true;
                let message = format!("{path} must be the catalog's GUID, got null");
                self.problems
                    .push(Problem::error(path, Code::NotAString, message));
            }
            other => {
                self.catalog_failed = true;
                self.problems
                    .push(check_text(path, other, Lines::Single).unwrap_err());
            }
        }
    }

    fn add_catalog(&mut self, path: &str, text: &str) {
        match check_guid(path, text) {
            Ok(id) => self.catalogs.push((path.to_owned(), id)),
            Err(problem) => {
                self.catalog_failed = true;
                self.problems.push(problem);
            }
        }
    }

    fn read_catalog_object(&mut self, key: &str, value: &Value) {
        let Value::Object(entries) = value else {
            self.catalog_failed = true;
            let message = format!(
                "{key} must be an object such as {{\"id\": \"<catalog GUID>\"}}, got {}",
                value.describe()
            );
            return self
                .problems
                .push(Problem::error(key, Code::NotAnObject, message));
        };
        let mut has_id = false;
        let mut seen = SeenKeys::new(entries.len());
        for (inner, inner_value) in entries {
            let path = join(key, inner);
            if !seen.insert(inner) {
                let message = format!("{path} is given more than once, so keep only one");
                self.problems
                    .push(Problem::error(path, Code::DuplicateProperty, message));
                continue;
            }
            if let Some(problem) = unreadable(&path, inner_value) {
                self.catalog_failed |= inner == "id";
                self.problems.push(problem);
                continue;
            }
            match inner.as_str() {
                "id" => {
                    has_id = true;
                    self.read_catalog_id(&path, inner_value);
                }
                "@odata.type" => self.read_catalog_odata_type(&path, inner_value),
                name if CATALOG_PROPERTIES.contains(&name) => {
                    let message = format!(
                        "{path} is not sent, because only the catalog's id links the package"
                    );
                    self.problems
                        .push(Problem::warning(path, Code::ReadOnly, message));
                }
                _ => {
                    let message = format!(
                        "{path} is not a property of a catalog reference, which takes only id"
                    );
                    self.problems
                        .push(Problem::error(path, Code::UnknownProperty, message));
                }
            }
        }
        if !has_id {
            self.catalog_failed = true;
            let path = join(key, "id");
            let message = format!("{path} is required, as the GUID of the catalog");
            self.problems
                .push(Problem::error(path, Code::Required, message));
        }
    }

    fn read_catalog_odata_type(&mut self, path: &str, value: &Value) {
        if *value != Value::String(CATALOG_ODATA_TYPE.to_owned()) {
            let message = format!(
                "{path} must be \"{CATALOG_ODATA_TYPE}\", got {}",
                value.describe()
            );
            self.problems
                .push(Problem::error(path, Code::InvalidOdataType, message));
        }
    }

    fn read_odata_type(&mut self, key: &str, value: &Value) {
        if *value == Value::String(ODATA_TYPE.to_owned()) {
            self.package.odata_type = true;
            return;
        }
        let message = format!("{key} must be \"{ODATA_TYPE}\", got {}", value.describe());
        self.problems
            .push(Problem::error(key, Code::InvalidOdataType, message));
    }

    fn read_other(&mut self, key: &str, value: &Value) {
        let path = join("", key);
        if READ_ONLY_ANNOTATIONS.contains(&key) {
            let message = format!("{path} comes from a GET response, so it was left out");
            return self
                .problems
                .push(Problem::warning(path, Code::ReadOnly, message));
        }
        let declared = model::find_property(self.version(), key)
            .or_else(|| model::find_property(other_version(self.version()), key));
        match declared {
            Some(property) if property.read_only => {
                let message = read_only_message(&path, property.edm_type, value);
                self.problems
                    .push(Problem::warning(path, Code::ReadOnly, message));
            }
            _ => self
                .problems
                .push(unknown_property(&path, key, self.version())),
        }
    }

    fn finish(self) -> Validation {
        let valid = crate::problem::all_valid(&self.problems);
        let package = match (valid, self.display_name, self.catalogs.first()) {
            (true, Some(display_name), Some((_, catalog_id))) => Some(AccessPackage {
                display_name,
                catalog_id: catalog_id.clone(),
                ..self.package
            }),
            _ => None,
        };
        Validation {
            package,
            problems: self.problems,
        }
    }

    fn check_required(&mut self) {
        let reported = |problems: &[Problem], path: &str| problems.iter().any(|p| p.path == path);
        if self.display_name.is_none() && !reported(&self.problems, "displayName") {
            let message = "displayName is required, as the name requestors see";
            self.problems
                .push(Problem::error("displayName", Code::Required, message));
        }
        if self.catalogs.is_empty() && !self.catalog_failed {
            let message =
                "catalogId is required, as the GUID of the catalog that holds the package";
            self.problems
                .push(Problem::error("catalogId", Code::Required, message));
        }
        let Some((first_path, first_id)) = self.catalogs.first() else {
            return;
        };
        let conflicts: Vec<Problem> = self.catalogs[1..]
            .iter()
            .filter(|(_, id)| id != first_id)
            .map(|(path, id)| {
                let message =
                    format!("{path} is {id}, but {first_path} is {first_id}, so give one catalog");
                Problem::error(path.as_str(), Code::CatalogConflict, message)
            })
            .collect();
        self.problems.extend(conflicts);
    }
}

/// The keys of one object seen so far. An input has a handful of keys, where a linear scan of
/// an array is faster than hashing, so the set hashes only for objects of more than 16 keys.
struct SeenKeys<'a> {
    few: [&'a str; FEW_KEYS],
    count: usize,
    many: Option<HashSet<&'a str>>,
}

const FEW_KEYS: usize = 16;

impl<'a> SeenKeys<'a> {
    fn new(capacity: usize) -> Self {
        SeenKeys {
            few: [""; FEW_KEYS],
            count: 0,
            many: (capacity > FEW_KEYS).then(|| HashSet::with_capacity(capacity)),
        }
    }

    /// Adds `key`, returning false when it was already seen. A key past the array's room moves
    /// every key into the hash set, so a capacity given too small costs time, not a panic.
    fn insert(&mut self, key: &'a str) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(key);
        }
        if self.few[..self.count].contains(&key) {
            return false;
        }
        if self.count == FEW_KEYS {
            let mut many: HashSet<&'a str> = self.few.iter().copied().collect();
            many.insert(key);
            self.many = Some(many);
            return true;
        }
        self.few[self.count] = key;
        self.count += 1;
        true
    }
}

fn other_version(version: ApiVersion) -> ApiVersion {
    match version {
        ApiVersion::V1 => ApiVersion::Beta,
        ApiVersion::Beta => ApiVersion::V1,
    }
}

/// Returns the problem for a value that could not be read from JavaScript at all.
fn unreadable(path: &str, value: &Value) -> Option<Problem> {
    let (code, found) = match value {
        Value::Foreign(foreign) => (Code::UnsupportedValue, foreign.describe()),
        Value::Unreadable => (Code::UnreadableProperty, "a getter that threw"),
        Value::TooDeep => (
            Code::UnsupportedValue,
            "a value nested too deeply, such as a cyclic object",
        ),
        Value::TooLong => (
            Code::UnsupportedValue,
            "an array too long to read, such as a sparse one",
        ),
        _ => return None,
    };
    let message = format!("{path} must be a JSON value, got {found}");
    Some(Problem::error(path, code, message))
}

fn read_only_message(path: &str, edm_type: EdmType, value: &Value) -> String {
    let former_value = match (edm_type, value) {
        (EdmType::DateTimeOffset, Value::String(text)) if is_date_time_offset(text) => {
            format!("it held {}", quote(text))
        }
        (EdmType::DateTimeOffset, other) => format!(
            "it held {}, which is not an ISO 8601 DateTimeOffset either",
            other.describe()
        ),
        (_, other) => format!("it held {}", other.describe()),
    };
    format!("{path} is set by Graph, so it was left out of the request ({former_value})")
}

fn unknown_property(path: &str, key: &str, version: ApiVersion) -> Problem {
    let mut candidates: Vec<&str> = vec!["@odata.type", "catalogId", "catalog"];
    for name in model::properties(ApiVersion::V1)
        .iter()
        .chain(model::properties(ApiVersion::Beta))
    {
        if !candidates.contains(&name.name) {
            candidates.push(name.name);
        }
    }
    let message = match closest(key, &candidates) {
        Some("@odata.type") => format!(
            "{path} is not an accessPackage property, did you mean @odata.type with \
             \"{ODATA_TYPE}\"?"
        ),
        Some(name) => format!("{path} is not an accessPackage property, did you mean {name}?"),
        None => format!(
            "{path} is not an accessPackage property in {version}, which takes {}",
            writable_names(version)
        ),
    };
    Problem::error(path, Code::UnknownProperty, message)
}

fn writable_names(version: ApiVersion) -> &'static str {
    match version {
        ApiVersion::V1 => "displayName, description, isHidden and catalog",
        ApiVersion::Beta => "displayName, description, isHidden, isRoleScopesVisible and catalogId",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_keys_past_capacity() {
        let names: Vec<String> = (0..40).map(|index| format!("key{index}")).collect();
        let mut seen = SeenKeys::new(0);
        for name in &names {
            assert!(seen.insert(name), "{name} was reported as seen");
        }
        assert!(seen.many.is_some());
        assert!(!seen.insert("key0"));
        assert!(!seen.insert("key39"));
        assert!(seen.insert("key40"));
    }
}
