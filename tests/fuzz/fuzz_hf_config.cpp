// libFuzzer target: config.json parsing and the estimate of whatever model it yields.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vramfit/hf_config.h"
#include "vramfit/inference.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parsed = vramfit::parse_hf_config(std::string_view(reinterpret_cast<const char*>(data), size));
  if (parsed.model && parsed.model->num_layers <= 512 && parsed.model->hidden_size <= 65536) {
    vramfit::InferenceRequest r;
    r.model = *parsed.model;
    (void)vramfit::estimate_inference(r);
  }
  return 0;
}
