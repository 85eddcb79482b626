// The Node CommonJS entry: the module is instantiated when it is required.
const wasm = require("./node/graph_access_package.js");

module.exports = {
  validateAccessPackage: wasm.validateAccessPackage,
  buildCreateAccessPackageRequest: wasm.buildCreateAccessPackageRequest,
  parseCreateAccessPackageResponse: wasm.parseCreateAccessPackageResponse,
  buildAccessPackageLookupRequest: wasm.buildAccessPackageLookupRequest,
  parseAccessPackageRows: wasm.parseAccessPackageRows,
  buildBatchRequests: wasm.buildBatchRequests,
  buildBatchRequestsFromText: wasm.buildBatchRequestsFromText,
  parseBatchResponse: wasm.parseBatchResponse,
  /** Resolves at once, since Node instantiates the module on require. */
  default: () => Promise.resolve(),
};
