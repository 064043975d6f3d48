// libFuzzer target: the GGUF header reader, both as a whole file and as the start of a larger one, as the parts of
// a split model (the input cut where a second "GGUF" starts), and the estimate of whatever model it yields.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "vramfit/gguf_reader.h"
#include "vramfit/inference.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const unsigned char> bytes(data, size);
  (void)vramfit::read_gguf(bytes, static_cast<double>(size) * 1000 + 1e6);  // a prefix: "read more" paths
  // Parts: cut before every later "GGUF" (at most 8 parts).
  std::vector<vramfit::GgufPart> parts;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::size_t start = 0; start < size && parts.size() < 8;) {
    std::size_t next = text.find("GGUF", start + 1);
    if (next == std::string_view::npos || parts.size() == 7) next = size;
    parts.push_back({bytes.subspan(start, next - start), static_cast<double>(next - start)});
    start = next;
  }
  if (parts.size() > 1) (void)vramfit::read_gguf_parts(parts);
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
