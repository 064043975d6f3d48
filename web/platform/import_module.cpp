// The import module: the page's file readers (GGUF, safetensors, index, config.json: import_read.cpp) as a second
// wasm, fetched on the first import (browser.cpp js_install_file_import), so the page's first visit carries
// neither them nor the JSON parser. Each call leaves its ImportOutcome in blob form at vf_result() and returns its
// size; the page takes it in with vf_import_result.
#include <emscripten/emscripten.h>

#include <algorithm>
#include <string>

#include "../app/import_outcome.h"

namespace {
std::string g_result;
}

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* vf_result() { return g_result.data(); }

EMSCRIPTEN_KEEPALIVE int vf_read_file(const unsigned char* bytes, int length, double file_bytes, const char* name) {
  const std::size_t n = static_cast<std::size_t>(std::max(0, length));
  g_result = vramfit::web::encode_import(
      vramfit::web::read_file_outcome({bytes, bytes == nullptr ? 0 : n}, file_bytes, name == nullptr ? "" : name));
  return static_cast<int>(g_result.size());
}

EMSCRIPTEN_KEEPALIVE int vf_read_config(const char* text) {
  g_result = vramfit::web::encode_import(vramfit::web::read_config_outcome(text == nullptr ? "" : text));
  return static_cast<int>(g_result.size());
}

}  // extern "C"
