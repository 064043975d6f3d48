// Reads a file a user drops, picks or pastes: a GGUF model, a safetensors file, a sharded checkpoint's
// model.safetensors.index.json, or a Hugging Face config.json. One reader for the page and the JSON API
// (inspect_file_json): only the first bytes are needed, and it says how many more it wants.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "vramfit/diagnostics.h"
#include "vramfit/gguf_reader.h"
#include "vramfit/hf_config.h"
#include "vramfit/safetensors.h"

namespace vramfit {

enum class ImportKind { kUnknown, kGguf, kSafetensors, kSafetensorsIndex, kConfigJson };

ImportKind detect_import_kind(std::span<const unsigned char> prefix);

const char* import_kind_name(ImportKind kind);  // "gguf", "safetensors", "safetensors_index", "config", "unknown"

// JSON files (config.json, the index) are read whole, up to this size (the largest real index is a few MB).
inline constexpr double kMaxJsonImportBytes = 64.0 * 1024 * 1024;

struct ImportRead {
  ImportKind kind = ImportKind::kUnknown;
  ReadStatus status = ReadStatus::kError;
  double bytes_needed = 0;                    // kNeedMoreBytes: call again with this many bytes from the start
  std::optional<GgufFile> gguf;               // the reader's result for its kind (its own diagnostics inside)
  std::optional<SafetensorsFile> safetensors;
  std::optional<SafetensorsIndex> index;
  std::optional<ParsedConfig> config;
  std::string text;                           // a JSON file's text, as read
  Diagnostics diagnostics;                    // what no reader could say: an unknown kind, a JSON file too large
};

ImportRead read_import(std::span<const unsigned char> prefix, double file_bytes);

}  // namespace vramfit
