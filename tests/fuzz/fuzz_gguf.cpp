// libFuzzer target: the GGUF header reader, both as a whole file and as the start of a larger one, and the
// estimate of whatever model it yields.
#include <cstddef>
#include <cstdint>
#include <span>

#include "vramfit/gguf_reader.h"
#include "vramfit/inference.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const unsigned char> bytes(data, size);
  (void)vramfit::read_gguf(bytes, static_cast<double>(size) * 1000 + 1e6);  // a prefix: "read more" paths
  const vramfit::GgufFile f = vramfit::read_gguf(bytes, static_cast<double>(size));
  if (f.model && f.weights && f.model->num_layers <= 512 && f.model->hidden_size <= 65536) {
    vramfit::InferenceRequest r;
    r.model = *f.model;
    r.weight_format = "GGUF";
    r.gguf_weights = f.weights;
    (void)vramfit::estimate_inference(r);
  }
  return 0;
}
