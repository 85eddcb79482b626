use std::fmt;

/// A Microsoft Graph API version.
///
/// ```
/// use graph_access_package::model::ApiVersion;
///
/// assert_eq!(ApiVersion::default(), ApiVersion::V1);
/// assert_eq!(ApiVersion::Beta.to_string(), "beta");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ApiVersion {
    /// `v1.0`, the stable version.
    #[default]
    V1,
    /// `beta`, the preview version.
    Beta,
}

impl ApiVersion {
    /// Parses the version as JavaScript spells it: `"v1.0"` or `"beta"`. Any other text,
    /// such as `"v1"` or `"Beta"`, gives `None`.
    ///
    /// ```
    /// use graph_access_package::model::ApiVersion;
    ///
    /// assert_eq!(ApiVersion::parse("beta"), Some(ApiVersion::Beta));
    /// assert_eq!(ApiVersion::parse("v1"), None);
    /// ```
    pub fn parse(text: &str) -> Option<ApiVersion> {
        match text {
            "v1.0" => Some(ApiVersion::V1),
            "beta" => Some(ApiVersion::Beta),
            _ => None,
        }
    }

    /// Returns the URL segment of the version.
    ///
    /// ```
    /// use graph_access_package::model::ApiVersion;
    ///
    /// assert_eq!(ApiVersion::V1.as_str(), "v1.0");
    /// ```
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
///
/// ```
/// use graph_access_package::model::Cloud;
///
/// assert_eq!(Cloud::default(), Cloud::Global);
/// assert_eq!(Cloud::default().graph_host(), "graph.microsoft.com");
/// ```
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
    /// Parses the cloud as JavaScript spells it: `"global"`, `"usGovernment"`,
    /// `"usGovernmentDod"` or `"china"`. Any other text, such as `"Global"`, gives `None`.
    ///
    /// ```
    /// use graph_access_package::model::Cloud;
    ///
    /// assert_eq!(Cloud::parse("usGovernment"), Some(Cloud::UsGovernment));
    /// assert_eq!(Cloud::parse("Global"), None);
    /// ```
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
    ///
    /// ```
    /// use graph_access_package::model::Cloud;
    ///
    /// assert_eq!(Cloud::UsGovernmentDod.graph_host(), "dod-graph.microsoft.us");
    /// assert_eq!(Cloud::China.graph_host(), "microsoftgraph.chinacloudapi.cn");
    /// ```
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
///
/// ```
/// use graph_access_package::model::{find_property, ApiVersion, EdmType};
///
/// let is_hidden = find_property(ApiVersion::V1, "isHidden").unwrap();
/// assert_eq!(is_hidden.edm_type, EdmType::Boolean);
/// ```
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
    ///
    /// ```
    /// use graph_access_package::model::EdmType;
    ///
    /// assert_eq!(EdmType::DateTimeOffset.metadata_name(), "Edm.DateTimeOffset");
    /// assert_eq!(EdmType::CatalogNavigation.metadata_name(), "graph.accessPackageCatalog");
    /// ```
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
///
/// ```
/// use graph_access_package::model::{find_property, ApiVersion, EdmType, Property};
///
/// let created = find_property(ApiVersion::V1, "createdDateTime").unwrap();
/// let expected = Property {
///     name: "createdDateTime",
///     edm_type: EdmType::DateTimeOffset,
///     read_only: true,
/// };
/// assert_eq!(*created, expected);
/// ```
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
///
/// ```
/// use graph_access_package::model::{properties, ApiVersion};
///
/// let writable: Vec<&str> = properties(ApiVersion::V1)
///     .iter()
///     .filter(|p| !p.read_only)
///     .map(|p| p.name)
///     .collect();
/// assert_eq!(writable, ["description", "displayName", "isHidden", "catalog"]);
/// ```
pub fn properties(version: ApiVersion) -> &'static [Property] {
    match version {
        ApiVersion::V1 => V1_PROPERTIES,
        ApiVersion::Beta => BETA_PROPERTIES,
    }
}

/// Returns the property named `name` in `version`, if Graph declares it there. The match is
/// case-sensitive.
///
/// ```
/// use graph_access_package::model::{find_property, ApiVersion};
///
/// assert!(find_property(ApiVersion::Beta, "catalogId").is_some());
/// assert!(find_property(ApiVersion::V1, "catalogId").is_none());
/// assert!(find_property(ApiVersion::V1, "DisplayName").is_none());
/// ```
pub fn find_property(version: ApiVersion, name: &str) -> Option<&'static Property> {
    properties(version).iter().find(|p| p.name == name)
}

/// Returns the version that declares `name` when `version` does not. It looks only at the
/// other version, so a name that both declare, such as `displayName`, also gives that version.
///
/// ```
/// use graph_access_package::model::{other_version_with, ApiVersion};
///
/// assert_eq!(other_version_with(ApiVersion::V1, "catalogId"), Some(ApiVersion::Beta));
/// assert_eq!(other_version_with(ApiVersion::Beta, "catalog"), Some(ApiVersion::V1));
/// assert_eq!(other_version_with(ApiVersion::V1, "nickname"), None);
/// ```
pub fn other_version_with(version: ApiVersion, name: &str) -> Option<ApiVersion> {
    let other = match version {
        ApiVersion::V1 => ApiVersion::Beta,
        ApiVersion::Beta => ApiVersion::V1,
    };
    find_property(other, name).map(|_| other)
}

/// OData control annotations that a GET returns and a create must not send.
///
/// Validation leaves them out of the request with a `read_only` warning.
///
/// ```
/// use graph_access_package::model::READ_ONLY_ANNOTATIONS;
///
/// assert_eq!(READ_ONLY_ANNOTATIONS, ["@odata.context", "@odata.etag"]);
/// ```
pub const READ_ONLY_ANNOTATIONS: &[&str] = &["@odata.context", "@odata.etag"];

/// The only `@odata.type` value an access package may carry.
///
/// A create sends it when the input carries it, and any other value is an `invalid_odata_type`
/// error.
///
/// ```
/// use graph_access_package::{model::ODATA_TYPE, options::Options, validate::validate};
/// use graph_access_package::value::Value;
///
/// let input = Value::from_json(&format!(
///     r#"{{"@odata.type": "{ODATA_TYPE}", "displayName": "sales reps",
///         "catalogId": "66584aae-98bb-48cc-9458-7bee5d2a6577"}}"#
/// ))
/// .unwrap();
/// let package = validate(&input, &Options::default()).package.unwrap();
/// assert!(package.odata_type);
/// ```
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
