// The import module: the page's file readers (GGUF, safetensors, index, config.json: import_read.cpp) and fit mode
// (fit_outcome.h) as a second wasm, fetched on the first import or fit (browser.cpp js_install_file_import), so
// the page's first visit carries neither them nor the JSON parser. Each call leaves its ImportOutcome in blob form at vf_result() and returns its
// size; the page takes it in with vf_import_result.
#include <emscripten/emscripten.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "../app/fit_outcome.h"
#include "../app/import_outcome.h"
#include "vramfit/analysis.h"
#include "vramfit/api_json.h"

namespace {
std::string g_result;

// The page's question (fit_outcome.h) and the model it stands for; absent when it cannot be read.
std::optional<std::pair<vramfit::web::FitRequest, vramfit::ModelSource>> question(const unsigned char* bytes, int length) {
  const auto q = vramfit::web::decode_fit_request({bytes, bytes == nullptr ? 0 : static_cast<std::size_t>(std::max(0, length))});
  if (!q) return std::nullopt;
  auto source = vramfit::web::fit_source(*q);
  if (!source) return std::nullopt;
  return std::pair{*q, std::move(*source)};
}
}  // namespace

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

// Fit mode for the page (fit_outcome.h): the question in blob form in, the answer in blob form at vf_result();
// 0 when the question cannot be read.
EMSCRIPTEN_KEEPALIVE int vf_fit(const unsigned char* bytes, int length) {
  const auto q = question(bytes, length);
  if (!q) return 0;
  g_result = vramfit::web::encode_fit(vramfit::fit(q->first.scenario, q->first.goal, &q->second));
  return static_cast<int>(g_result.size());
}

// "Copy as JSON" for the page: the API's result for the question (the same expression the page used to evaluate in
// place), so that the page carries no JSON writer. The text is at vf_result(); 0 when the question cannot be read.
EMSCRIPTEN_KEEPALIVE int vf_export_json(const unsigned char* bytes, int length) {
  const auto q = question(bytes, length);
  if (!q) return 0;
  const vramfit::Analysis a = vramfit::analyze(q->first.scenario, &q->second);
  g_result = vramfit::estimate_result_json(a.request, a.estimate);
  return static_cast<int>(g_result.size());
}

}  // extern "C"
