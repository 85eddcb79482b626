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
} from "./web/graph_access_package.js";

/** Loads the wasm module in a browser; in Node it resolves at once. Await it before the first call. */
export default function init(
  moduleOrPath?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module,
): Promise<void>;
