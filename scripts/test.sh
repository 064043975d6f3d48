#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test: native unit tests (plain and under
# ASan+UBSan), the same unit tests as wasm under Node, the browser tests in headless Chromium, and the
# benchmarks (which print figures and never fail on timing). Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)
export NODE_PATH=/usr/share/nodejs

t_all=$(date +%s)
stage() {  # stage NAME COMMAND... : runs one stage and prints its time
  local name=$1; shift
  local t0; t0=$(date +%s)
  echo "=== $name"
  "$@"
  echo "=== $name: $(( $(date +%s) - t0 )) s"
}

native() {  # native PRESET
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1" -j"$jobs"
  ctest --preset "$1" -j"$jobs"
}
web() {
  emcmake cmake --preset web-release -DVRAMFIT_BUILD_TESTS=ON >/dev/null
  cmake --build --preset web-release -j"$jobs"
  ctest --preset web-release
  # Native and wasm give identical numbers: the same 20,000 random estimates hash to the same digest.
  local native wasm
  native=$(build/native-release/tests/core_tests --gtest_filter=Properties.DigestForNativeVersusWasm | grep '^vramfit-digest')
  wasm=$(node build/web/tests/core_tests.js --gtest_filter=Properties.DigestForNativeVersusWasm | grep '^vramfit-digest')
  echo "native: $native; wasm: $wasm"
  [ -n "$native" ] && [ "$native" = "$wasm" ] || { echo "native and wasm estimates differ" >&2; return 1; }
}
browser_tests() {
  (cd tests/browser && VRAMFIT_CLI="$root/build/native-release/core/vramfit" node --test --test-concurrency=1 page.test.mjs share.test.mjs api.test.mjs i18n.test.mjs)
}
fuzz() {  # every parser and decoder, a fixed time each, under ASan + UBSan; findings fail the run
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j"$jobs"
  for target in hf_config request gguf safetensors share_link; do
    local corpus; corpus=$(mktemp -d)
    cp tests/fuzz/corpus/"$target"/* "$corpus"/
    build/fuzz/tests/fuzz/fuzz_"$target" -max_total_time="${VRAMFIT_FUZZ_SECONDS:-30}" -max_len=65536 \
      -print_final_stats=1 "$corpus" 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#.*DONE|==.*ERROR|SUMMARY)" || true
    build/fuzz/tests/fuzz/fuzz_"$target" -runs=0 "$corpus" >/dev/null 2>&1  # re-run the corpus: non-zero on a crash
    rm -rf "$corpus"
  done
}
accuracy() {  # every reference file: each file's error summary, then docs/accuracy.md and assets/accuracy.json
  # must be what the report writes now and every case within its tolerance (non-zero otherwise)
  local cli=build/native-release/core/vramfit
  for file in tests/data/*_cases.json; do
    echo "--- $file"
    "$cli" report "$file" | sed -n '/^engine /,$p'
  done
  "$cli" report --all tests/data --check docs/accuracy.md --check-summary assets/accuracy.json
}
conformance() {
  VRAMFIT_CLI="$root/build/native-release/core/vramfit" node tests/engine/conformance.mjs
}
benchmarks() {
  build/native-release/tests/core_bench
  node build/web/tests/core_bench.js
  node tests/bench/page_bench.mjs
}

stage "dependencies" bash scripts/deps.sh test
stage "native release build + unit tests" native native-release
stage "native ASan+UBSan build + unit tests" native native-asan
stage "wasm build + unit tests under Node" web
stage "fuzzing (libFuzzer, ASan + UBSan)" fuzz
stage "accuracy report (reference measurements)" accuracy
stage "engine conformance (real llama.cpp on the CPU)" conformance
stage "browser tests (headless Chromium)" browser_tests
stage "benchmarks" benchmarks
echo "=== all tests passed in $(( $(date +%s) - t_all )) s"
