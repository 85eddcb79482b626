// The Node CommonJS entry: the module is instantiated when it is required.
const { createApi } = require("./api.cjs");
const { GraphAccessPackageError } = require("./errors.cjs");
const { ENCODING_LABELS, decodeFileBytes, formatFromFileName } = require("./decode.cjs");
const { RESULT_COLUMNS, formatResultsCsv } = require("./results-csv.cjs");

const api = createApi(require("./node/graph_access_package.js"));

module.exports = {
  ...api,
  runBulkCreate,
  GraphAccessPackageError,
  ENCODING_LABELS,
  decodeFileBytes,
  formatFromFileName,
  RESULT_COLUMNS,
  formatResultsCsv,
  /** Resolves at once, since Node instantiates the module on require. */
  default: () => Promise.resolve(),
};

let bulkRunner;

/** Creates access packages from many rows in `$batch` requests; see bulk.js. */
async function runBulkCreate(inputs, options) {
  // bulk.js is an ES module, which CommonJS can load only through import() on Node 20.
  const { createBulkRunner } = await import("./bulk.js");
  bulkRunner ??= createBulkRunner(module.exports);
  return bulkRunner(inputs, options);
}
