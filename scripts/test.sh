#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test: the native unit tests under ASan+UBSan (in the
# clang build that also makes the fuzz targets), the same unit tests as wasm under Node,
# the fuzz targets, the browser tests in headless Chromium, and the benchmarks (which print figures and
# never fail on timing). Exits non-zero on any failure.
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
together() {  # together NAME1 FUNCTION1 NAME2 FUNCTION2 ...: independent stages at once, each one's output (its
  # time included) printed whole when it has ended; non-zero when any of them failed
  local logs rc=0 i pids=() names=()
  logs=$(mktemp -d)
  while [ $# -gt 0 ]; do
    names+=("$1")
    stage "$1" "$2" >"$logs/${#pids[@]}" 2>&1 &
    pids+=($!)
    shift 2
  done
  for i in "${!pids[@]}"; do
    local status=0
    wait "${pids[i]}" || status=$?
    cat "$logs/$i"
    [ "$status" -eq 0 ] || { echo "=== ${names[i]}: FAILED (exit $status)" >&2; rc=1; }
  done
  rm -rf "$logs"
  return "$rc"
}

py=build/py/bin/python  # the virtual environment the Python package is installed into and tested from
release() {  # the optimised native tree: the CLI (accuracy, conformance, browser tests), the benchmark and the Python
  # module (built here for the environment's interpreter, so that pip's build below only packs it). Its unit tests
  # are not built: the same suites run in the sanitizer build below (clang, ASan + UBSan), which saves compiling
  # them a third time; the accuracy report and the conformance suite check the release CLI's numbers.
  [ -x "$py" ] || /usr/bin/python3 -m venv --system-site-packages build/py
  cmake --preset native-release -DVRAMFIT_UNIT_TESTS=OFF -DVRAMFIT_PYTHON=ON -DPYTHON_EXECUTABLE="$root/$py" >/dev/null
  cmake --build --preset native-release -j"$jobs"
}
python_package() {  # pip install ./core/python as a user would (offline; the build backend reuses the release
  # tree), then its tests: the same bytes as the command line and as the JS API's wasm core, the notebook view
  "$py" -m pip install --no-index --force-reinstall -q ./core/python --config-settings build-dir="$root/build/native-release"
  (cd build && VRAMFIT_CLI="$root/build/native-release/core/vramfit" VRAMFIT_API_CORE="$root/build/web/site/api/vramfit-core.mjs" \
    "$root/$py" -m pytest -q -p no:cacheprovider "$root/core/python/tests")
}
web() {
  emcmake cmake --preset web-release -DVRAMFIT_BUILD_TESTS=ON >/dev/null
  cmake --build --preset web-release -j"$jobs"
  ctest --preset web-release
  # Native and wasm give identical numbers: the same 20,000 random estimates hash to the same digest.
  local native wasm
  native=$(build/fuzz/tests/core_tests --gtest_filter=Properties.DigestForNativeVersusWasm | grep '^vramfit-digest')
  wasm=$(node build/web/tests/core_tests.js --gtest_filter=Properties.DigestForNativeVersusWasm | grep '^vramfit-digest')
  echo "native: $native; wasm: $wasm"
  [ -n "$native" ] && [ "$native" = "$wasm" ] || { echo "native and wasm estimates differ" >&2; return 1; }
}
browser_tests() {
  (cd tests/browser && VRAMFIT_CLI="$root/build/native-release/core/vramfit" node --test --test-concurrency=1 page.test.mjs share.test.mjs api.test.mjs i18n.test.mjs import.test.mjs hub.test.mjs)
}
sanitized() {  # one clang build with ASan + UBSan (-fno-sanitize-recover=all: any finding is fatal): the native
  # unit tests, the CLI and the fuzz targets
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j"$jobs"
  ctest --preset fuzz -j"$jobs"
}
fuzz_one() {  # fuzz_one TARGET: a fixed time on a copy of its corpus, then the corpus re-run; non-zero on a finding
  local target=$1 corpus status=0
  local artifacts="$root/build/fuzz/artifacts/$target"
  corpus=$(mktemp -d)
  mkdir -p "$artifacts"
  cp tests/fuzz/corpus/"$target"/* "$corpus"/
  build/fuzz/tests/fuzz/fuzz_"$target" -max_total_time="${VRAMFIT_FUZZ_SECONDS:-30}" -max_len=65536 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 "$corpus" >"$corpus.log" 2>&1 || status=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#.*DONE|==.*ERROR|SUMMARY|artifact_prefix|Test unit written)" "$corpus.log" || true
  [ "$status" -eq 0 ] || echo "fuzzing stopped on a finding (exit $status), input kept in $artifacts" >&2
  build/fuzz/tests/fuzz/fuzz_"$target" -runs=0 "$corpus" >/dev/null 2>&1 || {  # re-run the corpus: non-zero on a crash
    echo "re-running the corpus crashed" >&2; status=1; }
  rm -rf "$corpus" "$corpus.log"
  return "$status"
}
fuzz() {  # every parser and decoder, a fixed time each, two at a time (one per core), under ASan + UBSan;
  # findings fail the run. Each target's lines are printed, prefixed with its name, when it has ended.
  local targets=(hf_config request gguf safetensors share_link import_blob engine_log) logs rc=0 i j
  logs=$(mktemp -d)
  for ((i = 0; i < ${#targets[@]}; i += 2)); do
    local pids=() batch=("${targets[@]:i:2}")
    for j in "${!batch[@]}"; do
      fuzz_one "${batch[j]}" >"$logs/${batch[j]}" 2>&1 &
      pids+=($!)
    done
    for j in "${!batch[@]}"; do
      local status=0
      wait "${pids[j]}" || status=$?
      sed "s/^/[${batch[j]}] /" "$logs/${batch[j]}"
      [ "$status" -eq 0 ] || { echo "[${batch[j]}] FAILED" >&2; rc=1; }
    done
  done
  rm -rf "$logs"
  return "$rc"
}
accuracy() {  # every reference file: each file's error summary, then docs/accuracy.md and assets/accuracy.json
  # must be what the report writes now and every case within its tolerance (non-zero otherwise)
  local cli=build/native-release/core/vramfit
  for file in tests/data/*_cases.json; do
    echo "--- $file"
    "$cli" report "$file" | sed -n '/^engine /,$p'
  done
  "$cli" report --all tests/data --check docs/accuracy.md --check-summary assets/accuracy.json
  # Published vLLM start-ups against the vLLM estimate (tests/data/engine_logs): docs/engine_logs.md is current.
  "$cli" log --report tests/data/engine_logs/vllm --check docs/engine_logs.md
}
conformance() {
  VRAMFIT_CLI="$root/build/native-release/core/vramfit" node tests/engine/conformance.mjs
  # The llama-server commands vramfit emits, loaded by the same llama.cpp (issue 20).
  VRAMFIT_CLI="$root/build/native-release/core/vramfit" node tests/engine/launch_conformance.mjs
}
benchmarks() {
  build/native-release/tests/core_bench
  "$py" tests/bench/python_bench.py
  node build/web/tests/core_bench.js
  node tests/bench/page_bench.mjs
}

stage "dependencies" bash scripts/deps.sh test
stage "native release build (CLI, benchmark)" release
stage "ASan+UBSan build (clang) + unit tests" sanitized
stage "wasm build + unit tests under Node" web
stage "Python package (pip install ./core/python, pytest)" python_package
stage "fuzzing (libFuzzer, ASan + UBSan)" fuzz
# Independent: both only read the release CLI (conformance writes its GGUFs to a folder of its own).
together "accuracy report (reference measurements)" accuracy \
         "engine conformance (real llama.cpp on the CPU)" conformance
stage "browser tests (headless Chromium)" browser_tests
stage "benchmarks" benchmarks
echo "=== all tests passed in $(( $(date +%s) - t_all )) s"
