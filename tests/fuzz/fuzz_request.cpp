// libFuzzer target: the JSON request API (the same entry point as the JS API and the command line).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vramfit/api_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)vramfit::estimate_json(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
