// One reader of imported files for the page and the JSON API: which kind a file is, how much of it is needed,
// and what its reader says.
#include "vramfit/import.h"

#include <cstring>
#include <string_view>

namespace vramfit {

ImportKind detect_import_kind(std::span<const unsigned char> b) {
  if (b.size() >= 4 && std::memcmp(b.data(), "GGUF", 4) == 0) return ImportKind::kGguf;
  // safetensors: a u64 header length, then a JSON object.
  if (b.size() >= 9 && b[8] == '{' && b[7] == 0 && b[6] == 0 && b[5] == 0) return ImportKind::kSafetensors;
  std::size_t i = 0;
  if (b.size() >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) i = 3;  // UTF-8 byte order mark
  while (i < b.size() && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) ++i;
  if (i < b.size() && b[i] == '{') {
    const std::string_view text(reinterpret_cast<const char*>(b.data()), b.size());
    return text.find("\"weight_map\"") != std::string_view::npos ? ImportKind::kSafetensorsIndex : ImportKind::kConfigJson;
  }
  return ImportKind::kUnknown;
}

const char* import_kind_name(ImportKind k) {
  switch (k) {
    case ImportKind::kGguf: return "gguf";
    case ImportKind::kSafetensors: return "safetensors";
    case ImportKind::kSafetensorsIndex: return "safetensors_index";
    case ImportKind::kConfigJson: return "config";
    case ImportKind::kUnknown: break;
  }
  return "unknown";
}

ImportRead read_import(std::span<const unsigned char> prefix, double file_bytes) {
  ImportRead r;
  r.kind = detect_import_kind(prefix);
  switch (r.kind) {
    case ImportKind::kGguf:
      r.gguf = read_gguf(prefix, file_bytes);
      r.status = r.gguf->status;
      r.bytes_needed = r.gguf->bytes_needed;
      break;
    case ImportKind::kSafetensors:
      r.safetensors = read_safetensors(prefix, file_bytes);
      r.status = r.safetensors->status;
      r.bytes_needed = r.safetensors->bytes_needed;
      break;
    case ImportKind::kSafetensorsIndex:
    case ImportKind::kConfigJson:
      if (file_bytes > kMaxJsonImportBytes) {
        r.diagnostics.push_back({"import.too_large", Severity::kError, "",
                                 "A config.json or model.safetensors.index.json of more than 64 MiB is not a real one."});
        break;
      }
      if (static_cast<double>(prefix.size()) < file_bytes) {  // JSON files are read whole
        r.status = ReadStatus::kNeedMoreBytes;
        r.bytes_needed = file_bytes;
        break;
      }
      r.text.assign(reinterpret_cast<const char*>(prefix.data()), prefix.size());
      if (r.kind == ImportKind::kConfigJson) {
        r.config = parse_hf_config(r.text);
        r.status = r.config->model ? ReadStatus::kOk : ReadStatus::kError;
      } else {
        r.index = read_safetensors_index(r.text);
        r.status = r.index->ok ? ReadStatus::kOk : ReadStatus::kError;
      }
      break;
    case ImportKind::kUnknown:
      r.diagnostics.push_back({"import.unknown_kind", Severity::kError, "",
                               "This is not a GGUF file, a safetensors file, a config.json or a model.safetensors.index.json."});
      break;
  }
  return r;
}

}  // namespace vramfit
