use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type ApiVersion = "v1.0" | "beta";
export type Cloud = "global" | "usGovernment" | "usGovernmentDod" | "china";

/** Settings for validation and request building. */
export interface Options {
  /** The Graph version; "v1.0" when absent. */
  apiVersion?: ApiVersion;
  /** The national cloud, which picks the Graph host; "global" when absent. */
  cloud?: Cloud;
  /** An origin with an optional path prefix that replaces the cloud's host; https unless loopback. */
  baseUrl?: string;
  /** Sent as "Authorization: Bearer …"; a pasted "Bearer " prefix is removed. */
  accessToken?: string;
  /** Sent as "client-request-id"; generated when absent. */
  clientRequestId?: string;
  /** The display name length, in UTF-16 code units, above which a warning is given; 256 when absent. */
  maxDisplayNameLength?: number;
  /** Turns warnings about length and string booleans into errors. */
  strict?: boolean;
  /** "accessPackages" (the documented path, the default) or "assignmentPolicyNavigation". */
  path?: "accessPackages" | "assignmentPolicyNavigation";
  /** The assignment policy whose navigation path is used with path "assignmentPolicyNavigation". */
  assignmentPolicyId?: string;
}

/** One problem with an input or an option. */
export interface Problem {
  /** The input's JSON path: "displayName", "catalog.id", "" for the whole value, "options.baseUrl". */
  path: string;
  /** A stable snake_case identifier, such as "required" or "not_a_guid". */
  code: string;
  /** One sentence for a person: the field, what was expected and what was found. */
  message: string;
  severity: "error" | "warning";
  /** The zero-based row, in bulk results. */
  row?: number;
}

/** The fields of a form or a row. */
export interface AccessPackageInput {
  displayName?: unknown;
  description?: unknown;
  isHidden?: unknown;
  /** The catalog's id; `catalog: { id }` is accepted as the v1.0 spelling. */
  catalogId?: unknown;
  catalog?: unknown;
  /** Beta only. */
  isRoleScopesVisible?: unknown;
  "@odata.type"?: unknown;
  [other: string]: unknown;
}

/** A request that passes straight to fetch: fetch(request.url, request). */
export interface HttpRequest {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  /** The JSON body text. */
  body?: string;
}

/** A failed Graph call. */
export interface GraphError {
  /** The HTTP status; 0 when no response came. */
  status: number;
  /** Graph's error.code ("" when the body had none), or a snake_case code for what the client found. */
  code: string;
  /** Advice for the admin, in one sentence. */
  hint?: string;
  message: string;
  requestId?: string;
  clientRequestId?: string;
  /** ISO 8601 in UTC with "Z". */
  date?: string;
  /** Present only when the response gave it and it could be read. */
  retryAfterSeconds?: number;
  /** True for 429, 503, 504 and network failures. */
  retryable: boolean;
}

export interface ValidationResult {
  valid: boolean;
  problems: Problem[];
}

export type CreateRequestResult =
  | { valid: true; request: HttpRequest; problems: Problem[] }
  | { valid: false; problems: Problem[] };

export interface RowsResult {
  rows: AccessPackageInput[];
  problems: Problem[];
}

export interface BatchRequests {
  /** `$batch` requests of at most 20 items; `rows` lists the input rows of the items in order. */
  batches: { request: HttpRequest; rows: number[] }[];
  /** Problems of every row, with `row` set, and of the options. */
  problems: Problem[];
}

export interface BatchRowResult {
  row: number;
  ok: boolean;
  /** The item's status, or the whole batch's when it failed; 0 when the item is missing. */
  status: number;
  accessPackage?: Record<string, unknown>;
  error?: GraphError;
}

export interface RowsFormat {
  format: "csv" | "json";
}

export type CreateResponseResult =
  | { ok: true; accessPackage: Record<string, unknown> }
  | { ok: false; error: GraphError };
"#;
