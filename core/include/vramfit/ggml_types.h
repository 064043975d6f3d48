// The ggml tensor types that GGUF files use, with their exact block geometry.
// Source: llama.cpp ggml/src/ggml.c `type_traits` and ggml/include/ggml.h `enum ggml_type`
// (checked against the llama.cpp bundled by node-llama-cpp 3.22.1; see docs/engine_notes.md).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace vramfit {

struct GgmlTypeInfo {
  int id;                   // value of enum ggml_type, as stored in GGUF tensor infos
  std::string_view name;    // ggml's own name: "f16", "q4_K", ...
  int block_elements;       // elements per block (1 for plain types)
  int block_bytes;          // bytes per block
  bool quantized;           // block-quantised (needs ne[0] % block_elements == 0)
};

// All known types, ordered by id. Removed ids (4, 5, 31-33, 36-38) are absent.
std::span<const GgmlTypeInfo> ggml_types();

std::optional<GgmlTypeInfo> ggml_type_by_id(int id);
const GgmlTypeInfo* ggml_type_ptr(int id);  // O(1); nullptr for unknown ids
// Case-insensitive: "Q4_K", "q4_k" and "q4_K" all find q4_K.
std::optional<GgmlTypeInfo> ggml_type_by_name(std::string_view name);

// Bytes of one row of `elements` values, as ggml_row_size(): elements / block_elements * block_bytes.
// Returns nullopt when `elements` is not a whole number of blocks (ggml refuses such tensors).
std::optional<double> ggml_row_bytes(const GgmlTypeInfo& type, std::int64_t elements);

inline double ggml_bits_per_weight(const GgmlTypeInfo& type) {
  return 8.0 * type.block_bytes / type.block_elements;
}

}  // namespace vramfit
