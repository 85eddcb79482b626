// What the three peer validators share: the patterns of the library's rules, and the body.
//
// The rules follow docs/rules.md for the errors that a schema can express. No schema here
// gives the library's warnings: a trimmed name, a name over 256 UTF-16 code units, the
// string "true" taken as a boolean, a null left out. Nor do they give its distinct codes for
// braces, a urn:uuid: prefix or a catalog name, its "did you mean" suggestions, its dropping
// of read-only properties, or its check that two catalog spellings agree.

/** The nil GUID, which the library rejects as no real id. */
export const NIL_GUID = "00000000-0000-0000-0000-000000000000";

/** Text with at least one character that is not white space. */
export const NOT_BLANK = /\S/u;

/** Text without a control character (Unicode category Cc: U+0000-U+001F, U+007F-U+009F). */
export const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/u;

/** The same, but tab, LF and CR are allowed, as the library allows them in a description. */
export const NO_CONTROL_BUT_LINES = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/u;

/** The URL of a create, relative to the version root, as a `$batch` item carries it. */
export const CREATE_PATH = "/identityGovernance/entitlementManagement/accessPackages";

/**
 * Builds the v1.0 create body from a validated input: the name trimmed, the catalog id
 * lowercased and always sent as `catalog: {id}`, as the library sends them.
 */
export function toBody(input) {
  const body = { displayName: input.displayName.trim() };
  if (input.description !== undefined) {
    body.description = input.description;
  }
  if (input.isHidden !== undefined) {
    body.isHidden = input.isHidden;
  }
  body.catalog = { id: (input.catalogId ?? input.catalog.id).toLowerCase() };
  return body;
}
