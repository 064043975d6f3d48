// Recognises a file a user drops or pastes: a GGUF model, a safetensors file, a sharded checkpoint's
// model.safetensors.index.json, or a Hugging Face config.json. Only the first bytes are needed.
#pragma once

#include <span>

namespace vramfit {

enum class ImportKind { kUnknown, kGguf, kSafetensors, kSafetensorsIndex, kConfigJson };

ImportKind detect_import_kind(std::span<const unsigned char> prefix);

const char* import_kind_name(ImportKind kind);  // "gguf", "safetensors", "safetensors_index", "config", "unknown"

}  // namespace vramfit
