// All embind registrations, and no arithmetic: the JS API is the core's JSON codec.
#include <emscripten/bind.h>
#include <emscripten/val.h>

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

}  // namespace

EMSCRIPTEN_BINDINGS(vramfit) {
  emscripten::function("estimateJson", &estimate_json_binding);
  emscripten::function("inspectFileJson", &inspect_file_binding);
  emscripten::constant("apiVersion", vramfit::kApiVersion);
}
