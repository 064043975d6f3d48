// libFuzzer target: the page's reader of what the import module hands it (web/app/import_outcome.h, blob.h). It
// must refuse or read without a crash, a hang or a huge allocation, and what it reads must write back to the
// same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "../../web/app/import_outcome.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto outcome = vramfit::web::decode_import({data, size});
  if (outcome && vramfit::web::encode_import(*outcome) != std::string_view(reinterpret_cast<const char*>(data), size))
    std::abort();
  return 0;
}
