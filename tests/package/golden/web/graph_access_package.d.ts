/* tslint:disable */
/* eslint-disable */

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



/**
 * Builds the `GET` that lists the packages named `displayName` in the catalog, with the name
 * as an OData `$filter`. Graph compares names loosely, so the caller compares the names it
 * gets back exactly.
 *
 * # Errors
 *
 * Throws a `GraphAccessPackageError` whose `code` is the problem's (`blank` for an empty
 * name, `not_a_guid` for a catalog id such as `"1234"`, …) and whose `path` names the
 * argument, and one for bad options.
 * @param displayName - the package name to look for
 * @param catalogId - the catalog's GUID
 * @param options - the API version, cloud, endpoint and token
 * @returns the GET, ready for `fetch(request.url, request)`
 */
export function buildAccessPackageLookupRequest(displayName: string, catalogId: string, options?: Options): HttpRequest;

/**
 * Packs valid inputs into `$batch` requests of at most 20 items. Rows with errors are left
 * out and reported with their `row`. A display name repeated in one catalog is an error on
 * every row after the first.
 *
 * # Errors
 *
 * Throws a `GraphAccessPackageError` with code `invalid_argument` when `inputs` is not an
 * array, and one for bad options.
 * @param inputs - one input per row
 * @param options - the API version, cloud, endpoint, token and rule settings
 * @returns the `$batch` requests with their rows, and every problem
 */
export function buildBatchRequests(inputs: (AccessPackageInput | unknown)[], options?: Options): BatchRequests;

/**
 * Reads a file's text and packs its valid rows into `$batch` requests, in one call: the
 * result of `parseAccessPackageRows` then `buildBatchRequests`, without the rows crossing
 * into JavaScript, for large files.
 *
 * # Errors
 *
 * Throws a `GraphAccessPackageError` as `parseAccessPackageRows` and `buildBatchRequests` do.
 * @param text - the file's text
 * @param format - `{ format: "csv" }` or `{ format: "json" }`
 * @param options - the API version, cloud, endpoint, token and rule settings
 * @returns the `$batch` requests with their rows, and every problem
 */
export function buildBatchRequestsFromText(text: string, format: RowsFormat, options?: Options): BatchRequests;

/**
 * Reads a file's text and packs its valid rows into `$batch` requests as
 * `buildBatchRequestsFromText` does. The text comes as UTF-8 bytes, which `TextEncoder`
 * writes faster than the string glue. The result is text: the JSON of the result without
 * the requests' bodies, then each batch's body on a line of its own, in batch order. Compact
 * JSON never contains a line break, so splitting at line breaks recovers the parts, and the
 * bodies are neither escaped into the JSON nor parsed back.
 *
 * # Errors
 *
 * Throws an `Error` with a `code` as `buildBatchRequestsFromText` does for bad options or a
 * bad format.
 */
export function buildBatchRequestsFromTextLines(text: Uint8Array | number[], format: any, options: any): string;

/**
 * Builds the create request, or returns the problems that stop it. The body holds only what
 * Graph accepts on create in `options.apiVersion`, with the catalog in that version's shape.
 *
 * ```js
 * const built = buildCreateAccessPackageRequest(
 *   { displayName: "sales reps", catalogId: "66584aae-98bb-48cc-9458-7bee5d2a6577" },
 *   { apiVersion: "v1.0", accessToken: "eyJ0eXAi…" },
 * );
 * if (built.valid) await fetch(built.request.url, built.request);
 * ```
 *
 * # Errors
 *
 * Throws a `GraphAccessPackageError` with a `code` for bad options, such as
 * `{ cloud: "Global" }` (code `invalid_cloud`).
 * @param input - the fields of a form, a row or a package copied from a GET
 * @param options - the API version, cloud, endpoint, token and rule settings
 * @returns `{ valid: true, request, problems }` or `{ valid: false, problems }`
 */
export function buildCreateAccessPackageRequest(input: AccessPackageInput | unknown, options?: Options): CreateRequestResult;

/**
 * Builds the create request from JSON text as `buildCreateAccessPackageRequest` does.
 * `generated_id` is the `client-request-id` used when the options carry none. The result is
 * JSON text without `request.body`, then, when there is a request, a line break and the body,
 * so that the body is neither escaped here nor unescaped in JavaScript.
 *
 * # Errors
 *
 * Throws an `Error` with a `code` for bad options.
 */
export function buildCreateAccessPackageRequestText(input: string, options: string, generated_id: string, now: number): string;

/**
 * Reads the rows of a CSV or JSON file's text. CSV headers are the input's field names
 * (`catalog.id` makes a nested object); problems carry `row` and the column in `path`.
 *
 * ```js
 * const { rows } = parseAccessPackageRows("displayName,catalogId\nsales,HR\n", { format: "csv" });
 * // rows: [{ displayName: "sales", catalogId: "HR" }]
 * ```
 *
 * # Errors
 *
 * Throws a `GraphAccessPackageError` with code `invalid_option` when `format` is not
 * `{ format: "csv" }` or `{ format: "json" }`, and `invalid_argument` when `text` is not a
 * string.
 * @param text - the file's text
 * @param format - `{ format: "csv" }` or `{ format: "json" }`
 * @returns one input per row, and the problems of the file
 */
export function parseAccessPackageRows(text: string, format: RowsFormat): RowsResult;

/**
 * Matches a `$batch` response to its rows by item id: one result per entry of `rows`, in
 * that order, whatever order Graph answered in. A failed batch fails every row with its error.
 *
 * # Errors
 *
 * Throws a `GraphAccessPackageError` with code `invalid_argument` for a status that is not
 * an integer from 0 to 599, bad headers, or `rows` that is not an array of row numbers.
 * @param status - the HTTP status of the `$batch` POST, or 0 when no response came
 * @param headers - the response headers: `response.headers` or a plain object
 * @param bodyText - the response body as text
 * @param rows - the batch's `rows`, from buildBatchRequests
 * @returns one result per entry of `rows`, in that order
 */
export function parseBatchResponse(status: number, headers: Headers | Record<string, string>, bodyText: string, rows: number[]): BatchRowResult[];

/**
 * Parses the response to a create. A 2xx with a package that has an `id` gives
 * `{ ok: true, accessPackage }`; anything else gives `{ ok: false, error }` with Graph's code,
 * message, request id and a hint. Status 0 stands for no response at all.
 *
 * ```js
 * const response = await fetch(built.request.url, built.request);
 * const result = parseCreateAccessPackageResponse(
 *   response.status, response.headers, await response.text());
 * ```
 *
 * # Errors
 *
 * Throws a `GraphAccessPackageError` with code `invalid_argument` for a status that is not
 * an integer from 0 to 599, headers that are neither a `Headers` nor an object, or a body
 * that is not a string.
 * @param status - the HTTP status, or 0 when no response came
 * @param headers - the response headers: `response.headers` or a plain object
 * @param bodyText - the response body as text
 * @returns `{ ok: true, accessPackage }` or `{ ok: false, error }`
 */
export function parseCreateAccessPackageResponse(status: number, headers: Headers | Record<string, string>, bodyText: string): CreateResponseResult;

/**
 * Validates an access package input, collecting every problem, errors and warnings, in one
 * pass. Bad input gets problems, not exceptions: a value that is not an object gets the
 * problem `not_an_object` at path `""`.
 *
 * ```js
 * const { valid, problems } = validateAccessPackage({ displayName: "", catalogId: "HR" });
 * // valid === false; problems[0].path === "displayName", problems[0].code === "blank"
 * ```
 *
 * # Errors
 *
 * Throws a `GraphAccessPackageError` with a `code` for bad options, such as
 * `{ apiVersion: "v2" }` (code `invalid_api_version`).
 * @param input - the fields of a form, a row or a package copied from a GET
 * @param options - the API version, cloud and rule settings
 * @returns `valid` is true when no problem is an error
 */
export function validateAccessPackage(input: AccessPackageInput | unknown, options?: Options): ValidationResult;

/**
 * Validates an input given as JSON text, with options as JSON text, and returns the result
 * as JSON text, or an empty string for `{"valid":true,"problems":[]}`, which JavaScript can
 * then build without parsing. `now` is the time in Unix seconds, for a token's expiry.
 *
 * # Errors
 *
 * Throws an `Error` with a `code` for bad options, as `validateAccessPackage` does.
 */
export function validateAccessPackageText(input: string, options: string, now: number): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly buildAccessPackageLookupRequest: (a: any, b: any, c: any) => [number, number, number];
    readonly buildBatchRequests: (a: any, b: any) => [number, number, number];
    readonly buildBatchRequestsFromText: (a: any, b: any, c: any) => [number, number, number];
    readonly buildBatchRequestsFromTextLines: (a: number, b: number, c: any, d: any) => [number, number, number, number];
    readonly buildCreateAccessPackageRequest: (a: any, b: any) => [number, number, number];
    readonly buildCreateAccessPackageRequestText: (a: number, b: number, c: number, d: number, e: number, f: number, g: number) => [number, number, number, number];
    readonly parseAccessPackageRows: (a: any, b: any) => [number, number, number];
    readonly parseBatchResponse: (a: any, b: any, c: any, d: any) => [number, number, number];
    readonly parseCreateAccessPackageResponse: (a: any, b: any, c: any) => [number, number, number];
    readonly validateAccessPackage: (a: any, b: any) => [number, number, number];
    readonly validateAccessPackageText: (a: number, b: number, c: number, d: number, e: number) => [number, number, number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_drop_slice: (a: number, b: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
