#!/usr/bin/env bash
# Builds the package and starts the Graph emulator, which serves the form; extra arguments go
# to the emulator (see node emulator/server.mjs --help).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
printf '\n==> starting the emulator (Ctrl+C stops it)\n'
exec node emulator/server.mjs "$@"
