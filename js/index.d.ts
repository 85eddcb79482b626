export * from "./web/graph_access_package.js";

/** Loads the wasm module in a browser; in Node it resolves at once. Await it before the first call. */
export default function init(
  moduleOrPath?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module,
): Promise<void>;
