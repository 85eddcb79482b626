// The Node ESM entry: the same instance as the CommonJS entry, so both share one module.
import { createRequire } from "node:module";

import { createBulkRunner } from "./bulk.js";

const wasm = createRequire(import.meta.url)("./node.cjs");

export const {
  validateAccessPackage,
  buildCreateAccessPackageRequest,
  parseCreateAccessPackageResponse,
  buildAccessPackageLookupRequest,
  parseAccessPackageRows,
  buildBatchRequests,
  buildBatchRequestsFromText,
  parseBatchResponse,
  GraphAccessPackageError,
} = wasm;

/** Creates access packages from many rows in `$batch` requests; see bulk.js. */
export const runBulkCreate = createBulkRunner(wasm);

export { ENCODING_LABELS, decodeFileBytes, formatFromFileName } from "./decode.js";
export { RESULT_COLUMNS, formatResultsCsv } from "./results-csv.js";

/** Resolves at once, since Node instantiates the module on import. */
export default function init() {
  return Promise.resolve();
}
