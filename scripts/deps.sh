#!/usr/bin/env bash
# Installs what vramfit needs and is missing. Idempotent: a second run does nothing.
#   scripts/deps.sh build   toolchain for the page (Emscripten, CMake, Dear ImGui sources, font tools)
#   scripts/deps.sh test    the above plus what the tests need (GoogleTest, Chromium, playwright-core, clang)
set -euo pipefail
mode=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
deps_dir="$root/build/_deps"
imgui_version=1.90.1
imgui_dir="$deps_dir/imgui-$imgui_version"

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

pkgs=(cmake g++ make xz-utils python3 python3-fonttools fonts-inter fonts-noto-cjk nlohmann-json3-dev libgtest-dev)
# Emscripten: Debian's package unless an emsdk em++ is already on PATH (the GitHub workflow uses emsdk).
command -v em++ >/dev/null 2>&1 || pkgs+=(emscripten)
command -v node >/dev/null 2>&1 || pkgs+=(nodejs npm)
# Browser tests use Debian's Chromium unless CHROMIUM names another Chrome build (the GitHub workflow).
if [ "$mode" = test ] && [ ! -x "${CHROMIUM:-/nonexistent}" ]; then
  pkgs+=(chromium)
fi
# The Python package (core/python): headers, a virtual environment, pybind11 and pytest, all from Debian.
if [ "$mode" = test ]; then
  pkgs+=(python3-dev python3-venv python3-pybind11 python3-pytest)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Dear ImGui sources, pinned and verified file by file (same checksums for Debian's trixie source
# package and for the upstream v1.90.1 tag).
if [ ! -f "$imgui_dir/.verified" ]; then
  rm -rf "$imgui_dir" && mkdir -p "$deps_dir"
  if [ "${VRAMFIT_IMGUI_FROM:-debian}" = git ]; then
    git clone -q --depth 1 --branch "v$imgui_version" https://github.com/ocornut/imgui.git "$imgui_dir"
  else
    work=$(mktemp -d)
    mkdir -p "$work/lists/partial"
    echo "deb-src http://deb.debian.org/debian trixie main" >"$work/sources.list"
    apt_opts=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=- -o Dir::State::Lists="$work/lists")
    apt-get "${apt_opts[@]}" update -qq
    (cd "$work" && apt-get "${apt_opts[@]}" source --download-only -qq "imgui=$imgui_version+ds-1" 2>/dev/null)
    mkdir -p "$imgui_dir"
    tar -xf "$work/imgui_$imgui_version+ds.orig.tar.xz" -C "$imgui_dir" --strip-components=1
    rm -rf "$work"
  fi
  (cd "$imgui_dir" && sha256sum --quiet -c "$root/scripts/imgui-$imgui_version.sha256") || {
    echo "deps: Dear ImGui sources do not match scripts/imgui-$imgui_version.sha256" >&2; exit 1; }
  touch "$imgui_dir/.verified"
fi

# The page's build tools (terser minifies vramfit.js after linking), pinned by web/tools/package-lock.json.
if [ ! -d "$root/web/tools/node_modules/terser" ]; then
  (cd "$root/web/tools" && npm ci --ignore-scripts --no-audit --no-fund --silent)
fi
if [ "$mode" = test ] && [ ! -d "$root/tests/browser/node_modules/playwright-core" ]; then
  (cd "$root/tests/browser" && npm ci --ignore-scripts --no-audit --no-fund --silent)
fi
# The real llama.cpp for the conformance suite: node-llama-cpp's prebuilt linux-x64 binaries, pinned, no build.
if [ "$mode" = test ] && [ ! -d "$root/tests/engine/node_modules/@node-llama-cpp/linux-x64" ]; then
  # Exact versions from package.json, no lock file: npm's lock for node-llama-cpp lists per-platform optional
  # packages that `npm ci` then refuses to skip (../shared/ENGINE_LAB.md gives this command).
  (cd "$root/tests/engine" && npm install --omit=optional --ignore-scripts --no-audit --no-fund --no-package-lock --silent)
fi
# One CPU level on every machine: ggml loads the best-scoring libggml-cpu-* variant for the CPU it runs on
# (ggml/src/ggml-backend-reg.cpp, ggml_backend_load_best), and the variants above AVX2 (alderlake: AVX-VNNI; skylakex ... zen4,
# sapphirerapids: AVX-512, AMX) repack weights differently from the AVX2 one the reference figures were measured with; on a
# Sapphire Rapids CI machine one of them stopped the suite at GGML_ASSERT(*cur_backend_id != -1)
# (ggml-backend.cpp:1294). With them set aside, llama.cpp runs its AVX2 (haswell) build wherever AVX2 exists.
bins="$root/tests/engine/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64"
if [ "$mode" = test ] && [ -d "$bins" ]; then
  mkdir -p "$bins/avx512"
  for v in skylakex cannonlake cascadelake cooperlake icelake alderlake sapphirerapids zen4; do
    [ ! -f "$bins/libggml-cpu-$v.so" ] || mv "$bins/libggml-cpu-$v.so" "$bins/avx512/"
  done
fi
echo "deps: ready ($mode)"
