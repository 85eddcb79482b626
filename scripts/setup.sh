#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there.
# Usage: scripts/setup.sh [--browser]   (--browser also installs Chromium and ChromeDriver)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
step() { printf '\n==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [[ "${1:-}" == "--browser" ]] && ! command -v wasm-pack >/dev/null; then
  step "installing wasm-pack (about 4 minutes, once)"
  cargo install wasm-pack
fi

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "installing npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

if [[ "${1:-}" == "--browser" ]] && ! { command -v chromium && command -v chromedriver; } >/dev/null; then
  step "installing Chromium and ChromeDriver from Debian's packages"
  if [[ $(id -u) -ne 0 ]]; then
    echo "Chromium is missing and this user cannot run apt-get: install the packages" \
      "chromium and chromium-driver, then run this again." >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi
