// The Node ESM entry: the same instance as the CommonJS entry, so both share one module.
import { createRequire } from "node:module";

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
} = wasm;

/** Resolves at once, since Node instantiates the module on import. */
export default function init() {
  return Promise.resolve();
}
