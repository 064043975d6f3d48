// All embind registrations, and no arithmetic: the JS API is the core's JSON codec.
#include <emscripten/bind.h>

#include <string>

#include "vramfit/api_json.h"

namespace {

std::string estimate_json_binding(const std::string& request) { return vramfit::estimate_json(request); }

}  // namespace

EMSCRIPTEN_BINDINGS(vramfit) {
  emscripten::function("estimateJson", &estimate_json_binding);
  emscripten::constant("apiVersion", vramfit::kApiVersion);
}
