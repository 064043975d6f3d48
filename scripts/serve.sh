#!/usr/bin/env bash
# Installs what is missing, builds the page and serves it at http://127.0.0.1:8080 (Ctrl+C stops it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/deps.sh build
export NODE_PATH=/usr/share/nodejs
emcmake cmake --preset web-release -DVRAMFIT_BUILD_TESTS=OFF >/dev/null
cmake --build --preset web-release -j"$(nproc)"
exec node scripts/static_server.mjs build/web/site "${PORT:-8080}"
