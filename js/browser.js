// The browser entry: await the default export init() once, then call the functions.
import initWasm from "./web/graph_access_package.js";

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

let ready;

/**
 * Loads and instantiates the wasm module; later calls return the same promise.
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [moduleOrPath]
 *   where to load the module from, by default the .wasm file beside this one
 * @returns {Promise<void>}
 */
export default function init(moduleOrPath) {
  ready ??= initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
  return ready.then(() => undefined);
}
