// The import module: the page's file readers (GGUF, safetensors, index, config.json: import_read.cpp) and fit mode
// (fit_outcome.h) as a second wasm, fetched on the first import or fit (shell/files.js), so
// the page's first visit carries neither them nor the JSON parser. Each call leaves its ImportOutcome in blob form at vf_result() and returns its
// size; the page takes it in with vf_import_result.
#include <emscripten/emscripten.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../app/fit_outcome.h"
#include "../app/import_outcome.h"
#include "vramfit/analysis.h"
#include "vramfit/api_json.h"

namespace {
std::string g_result;
std::vector<std::pair<std::string, double>> g_parts;  // a split GGUF's parts, each header whole, and their sizes

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

// A split GGUF (browser_import.cpp importParts): how many bytes of a part the reader needs (0 when `bytes` hold its
// header, or when it cannot be read: the read of all parts says why); each part's header added; then all read.
EMSCRIPTEN_KEEPALIVE double vf_gguf_need(const unsigned char* bytes, int length, double file_bytes) {
  const vramfit::GgufFile f = vramfit::read_gguf({bytes, bytes == nullptr ? 0 : static_cast<std::size_t>(std::max(0, length))}, file_bytes);
  return f.status == vramfit::ReadStatus::kNeedMoreBytes ? f.bytes_needed : 0;
}
EMSCRIPTEN_KEEPALIVE void vf_parts_add(const unsigned char* bytes, int length, double file_bytes, int first) {
  if (first != 0) g_parts.clear();
  if (g_parts.size() >= vramfit::kMaxGgufParts) return;
  g_parts.emplace_back(std::string(reinterpret_cast<const char*>(bytes), bytes == nullptr ? 0 : static_cast<std::size_t>(std::max(0, length))), file_bytes);
}
EMSCRIPTEN_KEEPALIVE int vf_parts_read(const char* name) {
  std::vector<vramfit::GgufPart> parts;
  for (const auto& [header, size] : g_parts)
    parts.push_back({{reinterpret_cast<const unsigned char*>(header.data()), header.size()}, size});
  g_result = vramfit::web::encode_import(vramfit::web::read_gguf_parts_outcome(parts, name == nullptr ? "" : name));
  g_parts.clear();
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
