// libFuzzer target: the readers of what crosses between the page and the second module (blob.h): an import's
// outcome (web/app/import_outcome.h), fit mode's question and answer (web/app/fit_outcome.h); and the Hugging Face
// reader's list of GGUF models (web/app/hub_list.h). Each must refuse or
// read without a crash, a hang or a huge allocation; an outcome read writes back to the same bytes (fit mode's
// carry share links, which read back canonically, so theirs write back to what they stand for).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../../web/app/fit_outcome.h"
#include "../../web/app/hub_list.h"
#include "../../web/app/import_outcome.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto outcome = vramfit::web::decode_import({data, size});
  if (outcome && vramfit::web::encode_import(*outcome) != std::string_view(reinterpret_cast<const char*>(data), size))
    std::abort();
  if (const auto answer = vramfit::web::decode_fit({data, size})) {
    const std::string again = vramfit::web::encode_fit(*answer);
    const auto twice = vramfit::web::decode_fit({reinterpret_cast<const unsigned char*>(again.data()), again.size()});
    if (!twice || vramfit::web::encode_fit(*twice) != again) std::abort();
  }
  // The Hub reader's list of GGUF models (text from the network): bounded, and every entry as promised.
  for (const auto& f : vramfit::web::parse_hub_files(std::string_view(reinterpret_cast<const char*>(data), size)))
    if (f.name.empty() || f.name.size() > 512 || !(f.file_bytes > 0) || f.model_bytes < f.file_bytes || f.parts < 1) std::abort();
  if (const auto question = vramfit::web::decode_fit_request({data, size})) {
    const std::string again = vramfit::web::encode_fit_request(question->scenario, question->goal, question->model);
    if (!vramfit::web::decode_fit_request({reinterpret_cast<const unsigned char*>(again.data()), again.size()})) std::abort();
  }
  return 0;
}
