// Reads the header and tensor index of a GGUF file (the start of the file only; the weights are never
// needed) and turns it into a model: the architecture from the metadata, the exact bytes of every tensor from
// the index. Format: ggml/include/gguf.h and ggml/src/gguf.cpp, GGUF v2/v3 (llama.cpp v0.5.0).
//
// The caller passes a prefix of the file and the file's full size. When the prefix is too short the result
// says how many bytes to read from the start and the caller calls again (the page reads File.slice(0, n), so a
// 40 GB file is never read whole). Hostile input (absurd counts, lengths past the end, deep arrays) gives a
// diagnostic; work and memory stay bounded by kMaxGgufHeaderBytes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vramfit/diagnostics.h"
#include "vramfit/llama_gguf.h"
#include "vramfit/model.h"

namespace vramfit {

inline constexpr double kMaxGgufHeaderBytes = 64.0 * 1024 * 1024;  // metadata + tensor index
inline constexpr double kGgufFirstRead = 1024.0 * 1024;             // what a caller reads first

enum class ReadStatus { kOk, kNeedMoreBytes, kError };

struct GgufTensorInfo {
  std::string name;                            // "blk.0.attn_q.weight"
  std::array<std::int64_t, 4> ne{1, 1, 1, 1};  // ggml order
  int n_dims = 1;
  int type = 0;                                // ggml type id
  double offset = 0;                           // from the start of the data region
  double bytes = 0;
};

struct GgufTypeBytes {
  std::string type;  // ggml type name: "q4_K"
  double tensors = 0;
  double elements = 0;
  double bytes = 0;
};

struct GgufFile {
  ReadStatus status = ReadStatus::kError;
  double bytes_needed = 0;       // kNeedMoreBytes: read at least this many bytes from the start, then call again
  int version = 0;
  std::string architecture;      // general.architecture
  std::string name;              // general.name
  int file_type = -1;            // general.file_type (llama_ftype), -1 if absent
  std::string file_type_name;    // "Q4_K_M" where vramfit knows the id
  double header_bytes = 0;       // start of the tensor data region
  double data_bytes = 0;         // end of the last tensor's data, from the data region's start
  double file_bytes = 0;         // the size the caller gave
  double elements = 0;           // parameters stored in the file
  std::vector<GgufTensorInfo> tensors;
  std::vector<GgufTypeBytes> by_type;  // one entry per ggml type present, largest first
  std::string config_json;       // the metadata as a Hugging Face config.json text (feeds parse_hf_config)
  std::optional<ModelArch> model;
  std::optional<LlamaWeights> weights;  // per-layer bytes from the tensor index
  int parts = 1;                 // files read together (a split model)
  int part = 0;                  // read_gguf_parts, kNeedMoreBytes or kError: the part concerned (0-based)
  Diagnostics diagnostics;
};

GgufFile read_gguf(std::span<const unsigned char> prefix, double file_bytes);

// A split model (llama.cpp's gguf-split: name-00001-of-00003.gguf ...): the start of every part, in order, each
// with its size. The parts' tensor indexes add up to one model, built from the first part's metadata, as
// llama.cpp's loader does; a part that needs more bytes says which (`part`). Parts that are not one model's, all
// of them in order, are refused (gguf.split_mismatch).
struct GgufPart {
  std::span<const unsigned char> prefix;
  double file_bytes = 0;
};
inline constexpr std::size_t kMaxGgufParts = 256;
GgufFile read_gguf_parts(std::span<const GgufPart> parts);

}  // namespace vramfit
