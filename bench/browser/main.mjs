// The browser side of cases 1 to 4, bundled with the peers by esbuild. The library itself is
// not bundled: it loads from /pkg/ as a page would load the published package.
import init, * as lib from "/pkg/browser.js";
import initGlue from "/pkg/web/graph_access_package.js";

import { runBulkCase, runLinearity } from "../lib/bulk.mjs";
import { sinkValue } from "../lib/harness.mjs";
import { runPerCallCases } from "../lib/single-calls.mjs";

window.benchCases = async () => {
  await init();
  const rows = [...runPerCallCases(lib, {}), ...runBulkCase(lib, {})];
  return { rows, sink: sinkValue() };
};

window.benchLinearity = async (rows) => {
  await init();
  // The glue's own init returns the instance's exports once the module is loaded.
  const { memory } = await initGlue();
  const memoryBytesBefore = memory.buffer.byteLength;
  const result = runLinearity(lib, rows);
  return { ...result, memoryBytesBefore, memoryBytes: memory.buffer.byteLength, sink: sinkValue() };
};

window.benchReady = true;
