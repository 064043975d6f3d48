// libFuzzer target: the share-link decoder. Whatever it reads must encode and decode back to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vramfit/share_link.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view link(reinterpret_cast<const char*>(data), size);
  const vramfit::ShareDecoded first = vramfit::decode_share_query(link);
  const vramfit::ShareDecoded again = vramfit::decode_share_query(vramfit::encode_share_query(first.config));
  if (!(again.config == first.config) || !again.diagnostics.empty()) std::abort();
  return 0;
}
