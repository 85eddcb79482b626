// Times the first init() of the package in a fresh page: fetching, compiling and
// instantiating the wasm module. The page's HTTP cache is empty and the server sends no-store.
import init from "/pkg/browser.js";

const start = performance.now();
await init();
const end = performance.now();
window.coldLoad = { initMs: end - start, sinceNavigationMs: end };
