// The request/result codec shared by the JS API (web/bindings.cpp) and the command line (core/cli):
// same request in, same bytes out, natively and in wasm.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace vramfit {

// Takes a JSON request, returns a JSON result. Never throws; a bad request returns
// {"ok":false,"errors":[{"code":...,"field":...,"message":...}]}.
std::string estimate_json(std::string_view request_json);

// Inspects the start of a file (GGUF, safetensors, model.safetensors.index.json or config.json) of
// `file_bytes` bytes in all. While {"status":"need_more_bytes","bytes_needed":n} comes back, call again with
// the first n bytes. The result carries what a request needs to use the file: "model" (a config.json
// object), "weights" and "gguf_weights" (GGUF) or "checkpoint_bytes" (safetensors).
std::string inspect_file_json(std::span<const unsigned char> prefix, double file_bytes);

// The API's schema version, reported in every result.
inline constexpr int kApiVersion = 1;

}  // namespace vramfit
