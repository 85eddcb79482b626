//! The TypeScript types of the exports' arguments and results, emitted by wasm-bindgen into the
//! package's `.d.ts` files. The tests below serialize the Rust types behind each interface and
//! compare the keys, optional keys and string literals with this text, so the two cannot drift.

use wasm_bindgen::prelude::*;

/// The TypeScript declarations that wasm-bindgen writes into `graph_access_package.d.ts`
/// ahead of the exported functions.
pub const TYPESCRIPT: &str = r##"
/** A Microsoft Graph version. */
export type ApiVersion = "v1.0" | "beta";

/** A national cloud, which sets the Graph host. */
export type Cloud = "global" | "usGovernment" | "usGovernmentDod" | "china";

/** Settings for validation and request building. */
export interface Options {
  /** The Graph version; "v1.0" when absent. */
  apiVersion?: ApiVersion;
  /** The national cloud, which sets the Graph host. Defaults to "global". */
  cloud?: Cloud;
  /**
   * An origin with an optional path prefix that replaces the cloud's host, such as
   * "http://127.0.0.1:8081". It has no query, fragment or credentials, and uses https unless the
   * host is loopback.
   */
  baseUrl?: string;
  /** Sent as "Authorization: Bearer …"; a pasted "Bearer " prefix is removed. */
  accessToken?: string;
  /** Sent as "client-request-id". A GUID is generated when absent. */
  clientRequestId?: string;
  /**
   * The display name length in UTF-16 code units above which a warning is given. Defaults to
   * 256.
   */
  maxDisplayNameLength?: number;
  /** Turns the warnings about length and string booleans into errors. Defaults to false. */
  strict?: boolean;
  /**
   * The create path: "accessPackages" (the documented one, the default) or
   * "assignmentPolicyNavigation" (the beta navigation path, which needs assignmentPolicyId).
   */
  path?: "accessPackages" | "assignmentPolicyNavigation";
  /** The assignment policy's GUID in the path "assignmentPolicyNavigation". */
  assignmentPolicyId?: string;
}

/** How much a problem matters: an error stops the request, a warning does not. */
export type Severity = "error" | "warning";

/** The stable identifier of a kind of problem, for a program to branch on. */
export type ProblemCode =
  | "not_an_object"
  | "required"
  | "not_a_string"
  | "blank"
  | "whitespace_trimmed"
  | "control_character"
  | "invalid_unicode"
  | "too_long"
  | "not_a_boolean"
  | "string_boolean"
  | "null_ignored"
  | "not_a_guid"
  | "guid_braces"
  | "guid_urn_prefix"
  | "guid_whitespace"
  | "nil_guid"
  | "catalog_name_not_id"
  | "catalog_conflict"
  | "unknown_property"
  | "not_in_version"
  | "duplicate_property"
  | "read_only"
  | "invalid_odata_type"
  | "unsupported_value"
  | "unreadable_property"
  | "invalid_base_url"
  | "insecure_base_url"
  | "invalid_header_value"
  | "undocumented_path"
  | "not_an_array"
  | "invalid_json"
  | "invalid_csv"
  | "extra_cells"
  | "duplicate_in_input"
  | "token_expired"
  | "token_audience"
  | "token_permission";

/** One problem with an input or an option. */
export interface Problem {
  /**
   * The input's JSON path: "displayName", "catalog.id", "" for the whole value, or
   * "options.baseUrl" for an option.
   */
  path: string;
  /** The kind of problem. */
  code: ProblemCode;
  /** One sentence for a person: the field, what was expected and what was found. */
  message: string;
  /** Whether the problem stops the request. */
  severity: Severity;
  /** The zero-based row, in bulk results. */
  row?: number;
}

/** The fields of a form or a row; any other property is reported as a problem. */
export interface AccessPackageInput {
  /** The package's name, unique within its catalog. Required. */
  displayName?: unknown;
  /** A description for requestors. */
  description?: unknown;
  /** Hides the package from requestors when true. */
  isHidden?: unknown;
  /** The catalog's GUID. `catalog: { id }` is accepted as the v1.0 spelling. */
  catalogId?: unknown;
  /** The catalog as `{ id }`, the v1.0 spelling of catalogId. */
  catalog?: unknown;
  /** Whether role scopes are shown to requestors, as a boolean. Beta only. */
  isRoleScopesVisible?: unknown;
  /** "#microsoft.graph.accessPackage" when present. */
  "@odata.type"?: unknown;
  /** Any other property, reported as unknown, read-only or not in the version. */
  [other: string]: unknown;
}

/** A request that passes straight to fetch: `fetch(request.url, request)`. */
export interface HttpRequest {
  /** The absolute URL, query included. */
  url: string;
  /** The HTTP method. */
  method: "GET" | "POST";
  /** The header names and values to send. */
  headers: Record<string, string>;
  /** The JSON body text, absent on a GET. */
  body?: string;
}

/** A failed Graph call, from Graph's error body or from what the client saw. */
export interface GraphError {
  /** The HTTP status; 0 when no response came. */
  status: number;
  /**
   * Graph's error.code ("" when the body had none), or a snake_case code for what the client
   * found, such as "network_error" or "invalid_response_body".
   */
  code: string;
  /** What the admin can do about it, in one sentence. */
  hint?: string;
  /** Graph's message, or the client's description of the failure. */
  message: string;
  /** The request-id that Graph logged the request under. */
  requestId?: string;
  /** The client-request-id that was sent, as Graph echoed it. */
  clientRequestId?: string;
  /** The time of Graph's response, as ISO 8601 in UTC with "Z". */
  date?: string;
  /**
   * The seconds to wait before sending again, present only when the response gave a readable
   * value.
   */
  retryAfterSeconds?: number;
  /** True for 429, 503, 504 and network failures. */
  retryable: boolean;
}

/** The result of validateAccessPackage. */
export interface ValidationResult {
  /** True when no problem is an error. */
  valid: boolean;
  /** Every problem, errors and warnings. */
  problems: Problem[];
}

/** The result of buildCreateAccessPackageRequest when no problem is an error. */
export interface CreateRequestBuilt {
  /** Always true here. */
  valid: true;
  /** The POST that creates the package. */
  request: HttpRequest;
  /** The warnings, if any. */
  problems: Problem[];
}

/** The result of buildCreateAccessPackageRequest when a problem is an error. */
export interface CreateRequestRejected {
  /** Always false here. */
  valid: false;
  /** Every problem, with at least one error. */
  problems: Problem[];
}

/** The result of buildCreateAccessPackageRequest: the request, or the problems that stop it. */
export type CreateRequestResult = CreateRequestBuilt | CreateRequestRejected;

/** The result of parseCreateAccessPackageResponse for a 2xx whose body is a package with an id. */
export interface CreateResponseCreated {
  /** Always true here. */
  ok: true;
  /** The created access package as Graph returned it, id included. */
  accessPackage: Record<string, unknown>;
}

/** The result of parseCreateAccessPackageResponse for any other response. */
export interface CreateResponseFailed {
  /** Always false here. */
  ok: false;
  /** The failure, from Graph's error body or from what the client saw. */
  error: GraphError;
}

/** The result of parseCreateAccessPackageResponse. */
export type CreateResponseResult = CreateResponseCreated | CreateResponseFailed;

/** The format argument of parseAccessPackageRows and buildBatchRequestsFromText. */
export interface RowsFormat {
  /** The file's format: CSV with a header row of field names, or a JSON array of objects. */
  format: "csv" | "json";
}

/** The result of parseAccessPackageRows. */
export interface RowsResult {
  /** One input per row, in file order. */
  rows: AccessPackageInput[];
  /** Problems of the file and its cells, with `row` set where a row is known. */
  problems: Problem[];
}

/** One `$batch` request and the input rows of its items. */
export interface Batch {
  /** The POST to `$batch` with at most 20 creates. */
  request: HttpRequest;
  /** The zero-based input row of each item, in item order. */
  rows: number[];
}

/** The result of buildBatchRequests and buildBatchRequestsFromText. */
export interface BatchRequests {
  /** The `$batch` requests, in row order. */
  batches: Batch[];
  /** Problems of every row, with `row` set, and of the options. */
  problems: Problem[];
}

/** The outcome of one row of a `$batch` response. */
export interface BatchRowResult {
  /** The zero-based input row. */
  row: number;
  /** True when the package was created. */
  ok: boolean;
  /** The item's status, or the whole batch's when it failed; 0 when the item is missing. */
  status: number;
  /** The created access package, when ok is true. */
  accessPackage?: Record<string, unknown>;
  /** The failure, when ok is false. */
  error?: GraphError;
}
"##;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_SECTION: &str = TYPESCRIPT;

#[cfg(test)]
mod tests;
