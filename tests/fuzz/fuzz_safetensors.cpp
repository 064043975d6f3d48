// libFuzzer target: the safetensors header reader, the shard index reader and the import API that routes
// a dropped file to them.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "vramfit/api_json.h"
#include "vramfit/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const unsigned char> bytes(data, size);
  (void)vramfit::read_safetensors(bytes, static_cast<double>(size));
  (void)vramfit::read_safetensors(bytes, static_cast<double>(size) * 1000 + 1e6);
  (void)vramfit::read_safetensors_index(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)vramfit::inspect_file_json(bytes, static_cast<double>(size));
  return 0;
}
