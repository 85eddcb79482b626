// The browser entry: await the default export init() once, then call the functions.
import initWasm, * as wasm from "./web/graph_access_package.js";
import { createApi } from "./api.js";
import { createBulkRunner } from "./bulk.js";

export { GraphAccessPackageError } from "./errors.js";

const api = createApi(wasm);

export const {
  validateAccessPackage,
  buildCreateAccessPackageRequest,
  parseCreateAccessPackageResponse,
  buildAccessPackageLookupRequest,
  parseAccessPackageRows,
  buildBatchRequests,
  buildBatchRequestsFromText,
  parseBatchResponse,
} = api;

/** Creates access packages from many rows in `$batch` requests; see bulk.js. */
export const runBulkCreate = createBulkRunner(api);

export { ENCODING_LABELS, decodeFileBytes, formatFromFileName } from "./decode.js";
export { RESULT_COLUMNS, formatResultsCsv } from "./results-csv.js";

let ready;

/**
 * Loads and instantiates the wasm module. Later calls ignore their argument and return the
 * first call's promise, so calling it again, or after the bundler entry ran it, is harmless.
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [moduleOrPath]
 *   where to load the module from, by default the .wasm file beside this one
 * @returns {Promise<void>}
 */
export default function init(moduleOrPath) {
  ready ??= initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
  return ready.then(() => undefined);
}
