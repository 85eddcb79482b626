export {
  validateAccessPackage,
  buildCreateAccessPackageRequest,
  parseCreateAccessPackageResponse,
  buildAccessPackageLookupRequest,
  parseAccessPackageRows,
  buildBatchRequests,
  buildBatchRequestsFromText,
  parseBatchResponse,
} from "./web/graph_access_package.js";

export type {
  ApiVersion,
  Cloud,
  Options,
  Problem,
  AccessPackageInput,
  HttpRequest,
  GraphError,
  ValidationResult,
  CreateRequestResult,
  CreateResponseResult,
  RowsResult,
  RowsFormat,
  BatchRequests,
  BatchRowResult,
  Batch,
  Severity,
  ProblemCode,
  CreateRequestBuilt,
  CreateRequestRejected,
  CreateResponseCreated,
  CreateResponseFailed,
} from "./web/graph_access_package.js";

import type { GraphError, Options, Problem } from "./web/graph_access_package.js";

/**
 * The error thrown for a bad argument or option, such as `{ apiVersion: "v2" }`. Bad input
 * gets problems instead. `instanceof` holds for every error that the package creates, in the
 * wasm module as well as in JavaScript.
 */
export class GraphAccessPackageError extends Error {
  constructor(code: string, message: string, options?: { cause?: unknown });
  /** Always "GraphAccessPackageError". */
  name: "GraphAccessPackageError";
  /**
   * A stable snake_case identifier: `invalid_argument`, `invalid_option`, `invalid_options`,
   * an option's own code such as `invalid_api_version`, or, from
   * buildAccessPackageLookupRequest, the problem's code such as `not_a_guid`.
   */
  code: string;
  /** From buildAccessPackageLookupRequest: the argument at fault, "displayName" or "catalogId". */
  path?: string;
}

/** Options of runBulkCreate: the library's options and the runner's own settings. */
export interface BulkOptions extends Options {
  /** The fetch to send with; globalThis.fetch when absent. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Stops the run: no request is sent after it aborts, and requests in flight are aborted. */
  signal?: AbortSignal;
  /**
   * The maximum number of requests in flight at once; 4 when absent. After a 429 the runner
   * sends one batch at a time, and allows one more after each batch that is not throttled.
   */
  concurrency?: number;
  /**
   * The maximum number of times one row is sent, not counting sends that Graph refused with
   * 429; 5 when absent.
   */
  maxTries?: number;
  /** The maximum number of times one row is sent again after a 429; 20 when absent. */
  maxThrottleRetries?: number;
  /** The time limit of one request, response body included, in milliseconds; 30000 when absent. */
  timeoutMs?: number;
  /**
   * The wait before the second lookup of a create whose outcome is unknown, in milliseconds;
   * 2000 when absent.
   */
  lookupDelayMs?: number;
  /** The first backoff after a 429 without Retry-After, in milliseconds; 1000 when absent. */
  backoffBaseMs?: number;
  /** The longest backoff, in milliseconds; 60000 when absent. */
  backoffMaxMs?: number;
  /** Called after each change of the counts; an exception from it stops the run and rejects it. */
  onProgress?: (progress: BulkProgress) => void;
}

/** The counts of a bulk run so far. */
export interface BulkProgress {
  /** Rows with a final status. */
  done: number;
  created: number;
  exists: number;
  failed: number;
  invalid: number;
  notSent: number;
  /** Rows waiting to be sent again or looked up again. */
  waiting: number;
  /** Seconds until the next of those waiting rows may go out. */
  waitSeconds: number;
  total: number;
}

/** The outcome of one input row. */
export interface BulkResult {
  /** The zero-based input row. */
  row: number;
  /**
   * "exists": the name was in the catalog before this run. "not_sent": the run stopped (a 401 or
   * the signal) before the row went out, or while it waited to be sent again.
   */
  status: "created" | "exists" | "invalid" | "failed" | "not_sent";
  /** The access package's id, when known. */
  id?: string;
  /** A GraphError, or the row's problems when it is invalid. */
  error?: GraphError | Problem[];
  /** How many times the row was sent. */
  tries: number;
  code?: string;
  message?: string;
  hint?: string;
  requestId?: string;
  date?: string;
}

/** Counts of one run, for measuring: each GET page, each `$batch` POST, and each row resent. */
export interface BulkStats {
  lookups: number;
  batchesSent: number;
  retries: number;
}

/**
 * Creates the access packages in `inputs` through `$batch` requests, and resolves with one result
 * per row, in row order. The array also has a non-enumerable `stats` property.
 */
export function runBulkCreate(
  inputs: unknown[],
  options?: BulkOptions,
): Promise<BulkResult[] & { readonly stats: BulkStats }>;

/** The columns of the results file that formatResultsCsv writes, in order. */
export const RESULT_COLUMNS: readonly [
  "row",
  "status",
  "id",
  "code",
  "message",
  "hint",
  "requestId",
  "date",
  "tries",
];

/**
 * Formats the results of runBulkCreate as the text of a results file: RFC 4180 CSV with a
 * byte-order mark, a header line of RESULT_COLUMNS and one CRLF-ended line per result. A cell
 * that starts with "=", "+", "-", "@", a tab or CR gets a single quote in front and is quoted,
 * so that a spreadsheet shows it as text instead of running it as a formula.
 */
export function formatResultsCsv(results: readonly BulkResult[]): string;

/** The text encodings that decodeFileBytes recognises. */
export type FileEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/**
 * Decodes a rows file's bytes. A byte-order mark picks UTF-8, UTF-16 LE or UTF-16 BE and is
 * removed. Without one, the bytes are read as UTF-8 when they are valid UTF-8 and as
 * Windows-1252 otherwise. Bytes that are invalid in the encoding a mark names become U+FFFD.
 */
export function decodeFileBytes(bytes: ArrayBuffer | ArrayBufferView): {
  text: string;
  encoding: FileEncoding;
};

/** The encodings of decodeFileBytes as people name them, such as "UTF-16 LE". */
export const ENCODING_LABELS: Readonly<Record<FileEncoding, string>>;

/** Returns the rows format for a file name: "json" for a `.json` name in any case, else "csv". */
export function formatFromFileName(name: string): "csv" | "json";

/**
 * Loads the wasm module. Await it once before the first call in a browser page without a
 * bundler. Through a bundler, the package loads the module itself, and in Node it is loaded on
 * import, so there it resolves at once. Calling it again is harmless.
 */
export default function init(
  moduleOrPath?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module,
): Promise<void>;
