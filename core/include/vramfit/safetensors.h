// Reads a safetensors file's header (the start of the file only) and a sharded checkpoint's
// model.safetensors.index.json: the exact tensors, elements and bytes per dtype of a checkpoint.
// Format: huggingface/safetensors README "Format" (u64 little-endian header length N, then N bytes of JSON
// {name: {dtype, shape, data_offsets}, "__metadata__": {...}}, then the data).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vramfit/diagnostics.h"
#include "vramfit/gguf_reader.h"  // ReadStatus

namespace vramfit {

inline constexpr double kMaxSafetensorsHeaderBytes = 32.0 * 1024 * 1024;

struct SafetensorsDtype {
  std::string dtype;   // "BF16", "F8_E4M3", "U8", ...
  double tensors = 0;
  double elements = 0;  // as stored: packed 4-bit weights in U8/I32 count as their containers
  double bytes = 0;
};

struct SafetensorsFile {
  ReadStatus status = ReadStatus::kError;
  double bytes_needed = 0;  // kNeedMoreBytes: read at least this many bytes from the start, then call again
  double header_bytes = 0;  // 8 + the JSON header
  double data_bytes = 0;    // the data region the header describes
  double file_bytes = 0;
  double tensors = 0;
  double elements = 0;
  std::vector<SafetensorsDtype> by_dtype;  // largest first
  Diagnostics diagnostics;
};

SafetensorsFile read_safetensors(std::span<const unsigned char> prefix, double file_bytes);

struct SafetensorsIndex {
  bool ok = false;
  double total_size = 0;        // metadata.total_size: bytes of all tensors in all shards
  double total_parameters = 0;  // metadata.total_parameters where the writer recorded it (0 otherwise)
  double tensors = 0;           // entries of weight_map
  double shards = 0;            // distinct shard files
  Diagnostics diagnostics;
};

SafetensorsIndex read_safetensors_index(std::string_view json_text);

}  // namespace vramfit
