#!/usr/bin/env bash
# Runs every test tier: lints, native tests, the wasm tests in Node and Chromium, the built
# package from Node, the packed tarball as a user installs it, and the page in headless
# Chromium against the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

bash scripts/setup.sh --browser

step "checking formatting and lints"
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --all-targets --quiet --target wasm32-unknown-unknown -- -D warnings
RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps --quiet

step "native tests (cargo test)"
cargo test --quiet

step "building the package"
bash scripts/build.sh

step "wasm tests in Node"
wasm-pack test --node -- --test wasm_node

step "wasm tests in headless Chromium"
CHROMEDRIVER="$(command -v chromedriver)" wasm-pack test --headless --chrome -- --test wasm_browser

step "the package from Node, against the emulator"
node --test tests/node/

step "the packed tarball in fresh projects: Node, TypeScript, esbuild, Vite and webpack"
node --test tests/package/

step "the page in headless Chromium, against the emulator"
node --test tests/browser/

step "all tiers passed"
