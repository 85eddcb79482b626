#!/usr/bin/env bash
# Builds the npm package into pkg/: one release wasm, bound for the web (ESM) and for Node
# (CommonJS), shrunk with binaryen's wasm-opt, with the JS entry points from js/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
printf '\n==> building the wasm module (release)\n'
cargo build --release --lib --target wasm32-unknown-unknown
wasm=target/wasm32-unknown-unknown/release/graph_access_package.wasm

rm -rf pkg
for target in web nodejs; do
  out=pkg/${target/nodejs/node}
  wasm-bindgen --target "$target" --out-dir "$out" "$wasm"
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue --enable-mutable-globals \
    -o "$out/graph_access_package_bg.wasm" "$out/graph_access_package_bg.wasm"
done
echo '{ "type": "commonjs" }' > pkg/node/package.json
cp js/* pkg/
# js/api.js is also needed by the CommonJS entry, which cannot import ESM on Node 20.
{ sed 's/^export function createApi/function createApi/' js/api.js
  echo 'module.exports = { createApi };'; } > pkg/api.cjs
cp README.md pkg/README.md
cp LICENSE pkg/LICENSE 2>/dev/null || true
printf '==> pkg/ is ready: %s bytes of wasm\n' "$(wc -c < pkg/web/graph_access_package_bg.wasm)"
