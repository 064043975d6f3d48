// Writes the header and tensor index of a GGUF v3 file for a model in a llama.cpp file type: the same
// tensor list and per-tensor types the estimator uses. The data region is left to the caller (a sparse file
// of `file_bytes` loads in llama.cpp with every weight reading as zero). Used by the engine conformance
// suite and to make GGUF fixtures for the import parser.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vramfit/diagnostics.h"
#include "vramfit/model.h"

namespace vramfit {

struct GgufImage {
  std::string header;      // magic, metadata, tensor infos, padding to the data offset
  double file_bytes = 0;   // header + data region, what the file's size must be
  std::string arch;        // llama.cpp architecture name written ("llama", "qwen2", ...)
};

// llama.cpp architectures the writer knows: llama, qwen2, qwen3, qwen3moe, gemma3, gpt-oss, deepseek2;
// others get a diagnostic.
std::optional<GgufImage> write_gguf_header(const ModelArch& model, const std::string& ftype, Diagnostics& diagnostics);

// The same model as llama.cpp's gguf-split writes it in `parts` files (name-00001-of-0000N.gguf): the tensors in
// index order, about as many in each; split.no, split.count and split.tensors.count in every part, the model's
// metadata in the first. One part is write_gguf_header's file.
std::optional<std::vector<GgufImage>> write_gguf_split(const ModelArch& model, const std::string& ftype, int parts,
                                                       Diagnostics& diagnostics);

}  // namespace vramfit
