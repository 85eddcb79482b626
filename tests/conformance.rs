//! The crate's property tables against Graph's published metadata for each version, read from
//! the CSDL excerpts in `../shared/reference/metadata/`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use graph_access_package::model::{properties, ApiVersion, EdmType};

/// Returns the `Property` and `NavigationProperty` names and types of one entity type, with
/// `id` from the `entity` base type.
fn declared(file: &str, entity: &str) -> BTreeMap<String, String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/metadata")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let start = text
        .find(&format!("<EntityType Name=\"{entity}\""))
        .expect("entity type");
    let block = &text[start..start + text[start..].find("</EntityType>").unwrap()];
    let mut found = BTreeMap::from([("id".to_owned(), "Edm.String".to_owned())]);
    for line in block.lines().map(str::trim) {
        if !(line.starts_with("<Property ") || line.starts_with("<NavigationProperty ")) {
            continue;
        }
        found.insert(attribute(line, "Name"), attribute(line, "Type"));
    }
    found
}

fn attribute(line: &str, name: &str) -> String {
    let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    line[start..start + line[start..].find('"').unwrap()].to_owned()
}

fn check(version: ApiVersion, file: &str) {
    let metadata = declared(file, "accessPackage");
    for property in properties(version) {
        let declared_type = metadata.get(property.name);
        assert_eq!(
            declared_type.map(String::as_str),
            Some(property.edm_type.metadata_name()),
            "{version} {}",
            property.name
        );
        let server_set = property.name == "id"
            || property.edm_type == EdmType::DateTimeOffset
            || matches!(property.name, "createdBy" | "modifiedBy");
        assert_eq!(
            property.read_only, server_set,
            "{version} {} read-only",
            property.name
        );
    }
    for (name, edm_type) in metadata.iter().filter(|(_, t)| t.starts_with("Edm.")) {
        assert!(
            properties(version).iter().any(|p| p.name == name),
            "{version} declares {name} ({edm_type}), which the table lacks"
        );
    }
}

#[test]
fn v1_table_matches_metadata() {
    check(ApiVersion::V1, "v1.0-accessPackage.csdl");
}

#[test]
fn beta_table_matches_metadata() {
    check(ApiVersion::Beta, "beta-accessPackage.csdl");
}
