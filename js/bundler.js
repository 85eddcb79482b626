// The entry that bundlers resolve through the "browser" export condition. It instantiates the
// wasm module before any importer runs, so callers need no init(). The `?url` import makes
// Vite emit the .wasm file and return its URL; esbuild does the same with `--loader:.wasm=file`.
import init from "./browser.js";
import wasmUrl from "./web/graph_access_package_bg.wasm?url";

// esbuild's URL is relative to its output folder and Vite's is absolute, so resolving it
// against this module's own URL gives the right address for both.
await init(new URL(wasmUrl, import.meta.url));

export * from "./browser.js";
export { default } from "./browser.js";
