// All embind registrations, and no arithmetic: the JS API is the core's JSON codec. The page and the ES module
// (web/api/vramfit.mjs) register the same functions; the Python module (core/python/module.cpp) wraps the same ones.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <string>
#include <vector>

#include "vramfit/api_json.h"

namespace {

std::string estimate_json_binding(const std::string& request) { return vramfit::estimate_json(request); }

// bytes: a Uint8Array holding the start of a file of file_bytes bytes.
std::string inspect_file_binding(const emscripten::val& bytes, double file_bytes) {
  const std::vector<unsigned char> v = emscripten::convertJSArrayToNumberVector<unsigned char>(bytes);
  return vramfit::inspect_file_json(v, file_bytes);
}

// parts: the starts of a split GGUF's files (Uint8Arrays, in order); sizes: each file's bytes.
std::string inspect_parts_binding(const emscripten::val& parts, const emscripten::val& sizes) {
  const std::vector<double> size = emscripten::convertJSArrayToNumberVector<double>(sizes);
  const std::size_t n = std::min<std::size_t>(parts["length"].as<std::size_t>(), vramfit::kMaxGgufParts + 1);
  std::vector<std::vector<unsigned char>> held;
  held.reserve(n);
  for (std::size_t i = 0; i < n; ++i) held.push_back(emscripten::convertJSArrayToNumberVector<unsigned char>(parts[i]));
  std::vector<vramfit::GgufPart> in;
  for (std::size_t i = 0; i < n; ++i)
    in.push_back({held[i], i < size.size() ? size[i] : static_cast<double>(held[i].size())});
  return vramfit::inspect_gguf_parts_json(in);
}

std::string export_binding(const std::string& request, const std::string& format) { return vramfit::export_json(request, format); }
std::string share_decode_binding(const std::string& link) { return vramfit::share_decode_json(link); }
std::string share_encode_binding(const std::string& config) { return vramfit::share_encode_json(config); }
std::string estimate_link_binding(const std::string& link) { return vramfit::estimate_link_json(link); }
std::string catalog_binding(const std::string& which) { return vramfit::catalog_json(which); }
std::string what_fits_binding(const std::string& link) { return vramfit::what_fits_link_json(link); }
std::string analyze_link_binding(const std::string& link) { return vramfit::analyze_link_json(link); }
std::string fit_link_binding(const std::string& link, const std::string& goal) { return vramfit::fit_link_json(link, goal); }
std::string read_log_binding(const std::string& text) { return vramfit::read_log_json(text); }

}  // namespace

EMSCRIPTEN_BINDINGS(vramfit) {
  emscripten::function("estimateJson", &estimate_json_binding);
  emscripten::function("inspectFileJson", &inspect_file_binding);
  emscripten::function("inspectPartsJson", &inspect_parts_binding);
  emscripten::function("exportJson", &export_binding);
  emscripten::function("shareDecodeJson", &share_decode_binding);
  emscripten::function("shareEncodeJson", &share_encode_binding);
  emscripten::function("estimateLinkJson", &estimate_link_binding);
  emscripten::function("catalogJson", &catalog_binding);
  emscripten::function("whatFitsLinkJson", &what_fits_binding);
  emscripten::function("analyzeLinkJson", &analyze_link_binding);
  emscripten::function("fitLinkJson", &fit_link_binding);
  emscripten::function("readLogJson", &read_log_binding);
  emscripten::constant("apiVersion", vramfit::kApiVersion);
}
