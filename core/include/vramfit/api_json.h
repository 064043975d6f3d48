// The request/result codec shared by the JS API (web/bindings.cpp) and the command line (core/cli):
// same request in, same bytes out, natively and in wasm.
#pragma once

#include <string>
#include <string_view>

namespace vramfit {

// Takes a JSON request, returns a JSON result. Never throws; a bad request returns
// {"ok":false,"errors":[{"code":...,"field":...,"message":...}]}.
std::string estimate_json(std::string_view request_json);

// The API's schema version, reported in every result.
inline constexpr int kApiVersion = 1;

}  // namespace vramfit
