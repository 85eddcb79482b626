use std::fmt;

/// A Microsoft Graph API version.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ApiVersion {
    /// `v1.0`, the stable version.
    #[default]
    V1,
    /// `beta`, the preview version.
    Beta,
}

impl ApiVersion {
    /// Parses the version as JavaScript spells it: `"v1.0"` or `"beta"`.
    pub fn parse(text: &str) -> Option<ApiVersion> {
        match text {
            "v1.0" => Some(ApiVersion::V1),
            "beta" => Some(ApiVersion::Beta),
            _ => None,
        }
    }

    /// Returns the URL segment of the version.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// A national cloud, each with its own Graph host.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cloud {
    /// The global service.
    #[default]
    Global,
    /// US Government L4.
    UsGovernment,
    /// US Government L5 (DoD).
    UsGovernmentDod,
    /// China, operated by 21Vianet.
    China,
}

impl Cloud {
    /// Parses the cloud as JavaScript spells it, such as `"usGovernment"`.
    pub fn parse(text: &str) -> Option<Cloud> {
        match text {
            "global" => Some(Cloud::Global),
            "usGovernment" => Some(Cloud::UsGovernment),
            "usGovernmentDod" => Some(Cloud::UsGovernmentDod),
            "china" => Some(Cloud::China),
            _ => None,
        }
    }

    /// Returns the cloud's Graph host.
    pub fn graph_host(self) -> &'static str {
        match self {
            Cloud::Global => "graph.microsoft.com",
            Cloud::UsGovernment => "graph.microsoft.us",
            Cloud::UsGovernmentDod => "dod-graph.microsoft.us",
            Cloud::China => "microsoftgraph.chinacloudapi.cn",
        }
    }
}

/// The EDM type of a property, as the metadata declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdmType {
    /// `Edm.String`.
    String,
    /// `Edm.Boolean`.
    Boolean,
    /// `Edm.DateTimeOffset`.
    DateTimeOffset,
    /// A navigation property to a single `accessPackageCatalog`.
    CatalogNavigation,
}

impl EdmType {
    /// Returns the name the metadata uses, such as `Edm.String`.
    pub fn metadata_name(self) -> &'static str {
        match self {
            EdmType::String => "Edm.String",
            EdmType::Boolean => "Edm.Boolean",
            EdmType::DateTimeOffset => "Edm.DateTimeOffset",
            EdmType::CatalogNavigation => "graph.accessPackageCatalog",
        }
    }
}

/// One property of accessPackage in one version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Property {
    /// The property's name, as Graph spells it.
    pub name: &'static str,
    /// Its type.
    pub edm_type: EdmType,
    /// True when Graph sets it and a create must not send it.
    pub read_only: bool,
}

const fn property(name: &'static str, edm_type: EdmType, read_only: bool) -> Property {
    Property {
        name,
        edm_type,
        read_only,
    }
}

/// The v1.0 properties that a create reads or that a GET returns.
const V1_PROPERTIES: &[Property] = &[
    property("id", EdmType::String, true),
    property("createdDateTime", EdmType::DateTimeOffset, true),
    property("description", EdmType::String, false),
    property("displayName", EdmType::String, false),
    property("isHidden", EdmType::Boolean, false),
    property("modifiedDateTime", EdmType::DateTimeOffset, true),
    property("catalog", EdmType::CatalogNavigation, false),
];

/// The beta properties that a create reads or that a GET returns.
const BETA_PROPERTIES: &[Property] = &[
    property("id", EdmType::String, true),
    property("catalogId", EdmType::String, false),
    property("createdBy", EdmType::String, true),
    property("createdDateTime", EdmType::DateTimeOffset, true),
    property("description", EdmType::String, false),
    property("displayName", EdmType::String, false),
    property("isHidden", EdmType::Boolean, false),
    property("isRoleScopesVisible", EdmType::Boolean, false),
    property("modifiedBy", EdmType::String, true),
    property("modifiedDateTime", EdmType::DateTimeOffset, true),
    property("accessPackageCatalog", EdmType::CatalogNavigation, false),
];

/// Returns the properties of accessPackage in `version`.
pub fn properties(version: ApiVersion) -> &'static [Property] {
    match version {
        ApiVersion::V1 => V1_PROPERTIES,
        ApiVersion::Beta => BETA_PROPERTIES,
    }
}

/// Returns the property named `name` in `version`, if Graph declares it there.
pub fn find_property(version: ApiVersion, name: &str) -> Option<&'static Property> {
    properties(version).iter().find(|p| p.name == name)
}

/// Returns the version that declares `name` when `version` does not.
pub fn other_version_with(version: ApiVersion, name: &str) -> Option<ApiVersion> {
    let other = match version {
        ApiVersion::V1 => ApiVersion::Beta,
        ApiVersion::Beta => ApiVersion::V1,
    };
    find_property(other, name).map(|_| other)
}

/// OData control annotations that a GET returns and a create must not send.
pub const READ_ONLY_ANNOTATIONS: &[&str] = &["@odata.context", "@odata.etag"];

/// The only `@odata.type` value an access package may carry.
pub const ODATA_TYPE: &str = "#microsoft.graph.accessPackage";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_parse_round_trips() {
        for version in [ApiVersion::V1, ApiVersion::Beta] {
            assert_eq!(ApiVersion::parse(version.as_str()), Some(version));
        }
        assert_eq!(ApiVersion::parse("v1"), None);
    }

    #[test]
    fn cloud_hosts() {
        assert_eq!(
            Cloud::parse("china").unwrap().graph_host(),
            "microsoftgraph.chinacloudapi.cn"
        );
        assert_eq!(
            Cloud::parse("usGovernmentDod").unwrap().graph_host(),
            "dod-graph.microsoft.us"
        );
        assert_eq!(Cloud::parse("Global"), None);
    }

    #[test]
    fn catalog_id_only_in_beta() {
        assert!(find_property(ApiVersion::V1, "catalogId").is_none());
        assert_eq!(
            other_version_with(ApiVersion::V1, "catalogId"),
            Some(ApiVersion::Beta)
        );
        assert_eq!(
            other_version_with(ApiVersion::Beta, "catalog"),
            Some(ApiVersion::V1)
        );
    }
}
