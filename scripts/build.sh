#!/usr/bin/env bash
# Builds the npm package into pkg/: one release wasm, bound for the web (ESM) and for Node
# (CommonJS), shrunk with binaryen's wasm-opt, with the JS entry points from js/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

# One build at a time: two builds writing pkg.next at once leave a corrupt wasm behind.
mkdir -p target
exec 9> target/.build.lock
if ! flock -n 9; then
  printf '==> waiting for another build of pkg/ to finish\n'
  flock 9
fi
printf '\n==> building the wasm module (release)\n'
cargo build --release --lib --target wasm32-unknown-unknown
wasm=target/wasm32-unknown-unknown/release/graph_access_package.wasm

# The package is assembled in pkg.next and swapped in at the end, so that tests and servers
# reading pkg/ meanwhile never see it half written.
rm -rf pkg.next
for target in web nodejs; do
  out=pkg.next/${target/nodejs/node}
  wasm-bindgen --target "$target" --out-dir "$out" "$wasm"
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue --enable-mutable-globals \
    -o "$out/graph_access_package_bg.wasm" "$out/graph_access_package_bg.wasm"
done
echo '{ "type": "commonjs" }' > pkg.next/node/package.json
cp js/* pkg.next/
# js/api.js is also needed by the CommonJS entry, which cannot import ESM on Node 20.
{ sed 's/^export function createApi/function createApi/' js/api.js
  echo 'module.exports = { createApi };'; } > pkg.next/api.cjs
# js/decode.js is shared the same way; its exports are plain declarations.
{ sed 's/^export //' js/decode.js
  echo 'module.exports = { ENCODING_LABELS, decodeFileBytes, formatFromFileName };'; } > pkg.next/decode.cjs
# js/results-csv.js is shared the same way, so that both entries write the same results files.
{ sed 's/^export //' js/results-csv.js
  echo 'module.exports = { RESULT_COLUMNS, formatResultsCsv };'; } > pkg.next/results-csv.cjs
# js/errors.js is needed by the CommonJS entry too, for the same reason.
{ sed 's/^export //' js/errors.js
  echo 'module.exports = { GraphAccessPackageError };'; } > pkg.next/errors.cjs
# The CommonJS entry's types name the CommonJS bindings, so TypeScript reads them as CommonJS.
sed 's|"./web/graph_access_package.js"|"./node/graph_access_package.js"|' js/index.d.ts \
  > pkg.next/index.d.cts
cp README.md CHANGELOG.md pkg.next/
cp LICENSE pkg.next/LICENSE 2>/dev/null || true
rm -rf pkg.old
if [[ -d pkg ]]; then mv pkg pkg.old; fi
mv pkg.next pkg
rm -rf pkg.old
printf '==> pkg/ is ready: %s bytes of wasm\n' "$(wc -c < pkg/web/graph_access_package_bg.wasm)"
