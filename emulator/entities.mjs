// JSON representations of stored records in each API version, following the v1.0 and beta
// metadata of accessPackage and accessPackageCatalog.

/** The path below the version root under which every served resource sits. */
export const MANAGEMENT_PATH = 'identityGovernance/entitlementManagement';

/** Returns the `@odata.context` URL of a metadata fragment like `…/accessPackages/$entity`. */
export function contextUrl(apiUrl, version, fragment) {
  return `${apiUrl}/${version}/$metadata#${fragment}`;
}

/** Returns a package as `version` shows it. v1.0 has no catalogId, createdBy or modifiedBy. */
export function packageEntity(record, version) {
  if (version === 'beta') {
    return {
      id: record.id,
      catalogId: record.catalogId,
      displayName: record.displayName,
      description: record.description,
      isHidden: record.isHidden,
      isRoleScopesVisible: record.isRoleScopesVisible,
      createdBy: record.createdBy,
      createdDateTime: record.createdDateTime,
      modifiedBy: record.modifiedBy,
      modifiedDateTime: record.modifiedDateTime,
    };
  }
  return {
    id: record.id,
    displayName: record.displayName,
    description: record.description,
    isHidden: record.isHidden,
    createdDateTime: record.createdDateTime,
    modifiedDateTime: record.modifiedDateTime,
  };
}

/** Returns a catalog as `version` shows it; beta spells the enum values in PascalCase. */
export function catalogEntity(catalog, version) {
  if (version === 'beta') {
    return {
      id: catalog.id,
      displayName: catalog.displayName,
      description: catalog.description,
      catalogType: 'UserManaged',
      catalogStatus: 'Published',
      isExternallyVisible: catalog.isExternallyVisible,
      createdBy: catalog.createdBy,
      createdDateTime: catalog.createdDateTime,
      modifiedBy: catalog.modifiedBy,
      modifiedDateTime: catalog.modifiedDateTime,
    };
  }
  return {
    id: catalog.id,
    displayName: catalog.displayName,
    description: catalog.description,
    catalogType: catalog.catalogType,
    state: catalog.state,
    isExternallyVisible: catalog.isExternallyVisible,
    createdDateTime: catalog.createdDateTime,
    modifiedDateTime: catalog.modifiedDateTime,
  };
}

/** The navigation property that `$expand` names for a package's catalog, by version. */
export const CATALOG_NAVIGATION = Object.freeze({
  'v1.0': 'catalog',
  beta: 'accessPackageCatalog',
});

/** The entitlementManagement collection of catalogs, by version. */
export const CATALOG_COLLECTION = Object.freeze({
  'v1.0': 'catalogs',
  beta: 'accessPackageCatalogs',
});
