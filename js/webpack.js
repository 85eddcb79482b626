// The entry that webpack resolves through the "webpack" export condition. Like bundler.js, it
// instantiates the wasm module before any importer runs. webpack emits the file named by
// `new URL(…, import.meta.url)` as an asset, but it does not handle bundler.js's `?url` import.
import init from "./browser.js";

await init(new URL("./web/graph_access_package_bg.wasm", import.meta.url));

export * from "./browser.js";
export { default } from "./browser.js";
