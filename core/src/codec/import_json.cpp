// The import half of the JSON API: what a dropped or pasted file holds, in the form a request uses.
#include <cstring>
#include <string_view>

#include "base/json_util.h"
#include "vramfit/api_json.h"
#include "vramfit/gguf_reader.h"
#include "vramfit/hf_config.h"
#include "vramfit/import.h"
#include "vramfit/model.h"
#include "vramfit/safetensors.h"

namespace vramfit {
namespace {

using json_util::json;

std::string_view text_of(std::span<const unsigned char> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

json diagnostics_of(const Diagnostics& diags) {
  json out = json::array();
  for (const auto& d : diags)
    out.push_back({{"code", d.code}, {"severity", severity_name(d.severity)}, {"field", d.field}, {"message", d.detail}});
  return out;
}

json status_json(ReadStatus s) {
  return s == ReadStatus::kOk ? "ok" : s == ReadStatus::kNeedMoreBytes ? "need_more_bytes" : "error";
}

json bytes_array(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(x);
  return a;
}

json gguf_json(std::span<const unsigned char> prefix, double file_bytes) {
  const GgufFile f = read_gguf(prefix, file_bytes);
  json out{{"kind", "gguf"}, {"status", status_json(f.status)}};
  if (f.status == ReadStatus::kNeedMoreBytes) {
    out["bytes_needed"] = f.bytes_needed;
    return out;
  }
  out["diagnostics"] = diagnostics_of(f.diagnostics);
  if (f.status != ReadStatus::kOk) return out;
  json types = json::array();
  for (const auto& t : f.by_type)
    types.push_back({{"type", t.type}, {"tensors", t.tensors}, {"elements", t.elements}, {"bytes", t.bytes}});
  out["summary"] = {{"architecture", f.architecture}, {"name", f.name}, {"version", f.version},
                    {"file_type", f.file_type_name}, {"tensors", static_cast<double>(f.tensors.size())},
                    {"params", f.elements}, {"header_bytes", f.header_bytes}, {"data_bytes", f.data_bytes},
                    {"by_type", types}};
  if (f.model && f.weights) {
    out["model"] = json::parse(f.config_json, nullptr, false);
    out["weights"] = f.file_type_name.empty() ? "GGUF" : f.file_type_name;
    out["gguf_weights"] = {{"token_embd", f.weights->token_embd}, {"output", f.weights->output},
                           {"output_repack", f.weights->output_repack}, {"layers", bytes_array(f.weights->layer_bytes)},
                           {"layers_repack", bytes_array(f.weights->layer_repack)}};
  }
  return out;
}

json safetensors_json(std::span<const unsigned char> prefix, double file_bytes) {
  const SafetensorsFile f = read_safetensors(prefix, file_bytes);
  json out{{"kind", "safetensors"}, {"status", status_json(f.status)}};
  if (f.status == ReadStatus::kNeedMoreBytes) {
    out["bytes_needed"] = f.bytes_needed;
    return out;
  }
  out["diagnostics"] = diagnostics_of(f.diagnostics);
  if (f.status != ReadStatus::kOk) return out;
  json dtypes = json::array();
  for (const auto& t : f.by_dtype)
    dtypes.push_back({{"dtype", t.dtype}, {"tensors", t.tensors}, {"elements", t.elements}, {"bytes", t.bytes}});
  out["summary"] = {{"tensors", f.tensors}, {"elements", f.elements}, {"header_bytes", f.header_bytes},
                    {"data_bytes", f.data_bytes}, {"by_dtype", dtypes}};
  out["checkpoint_bytes"] = f.data_bytes;
  return out;
}

json index_json(std::string_view text) {
  const SafetensorsIndex x = read_safetensors_index(text);
  json out{{"kind", "safetensors_index"}, {"status", x.ok ? "ok" : "error"}, {"diagnostics", diagnostics_of(x.diagnostics)}};
  if (!x.ok) return out;
  out["summary"] = {{"tensors", x.tensors}, {"shards", x.shards}, {"total_size", x.total_size},
                    {"total_parameters", x.total_parameters}};
  out["checkpoint_bytes"] = x.total_size;
  return out;
}

json config_json(std::string_view text) {
  const ParsedConfig p = parse_hf_config(text);
  json out{{"kind", "config"}, {"status", p.model ? "ok" : "error"}, {"diagnostics", diagnostics_of(p.diagnostics)}};
  if (!p.model) return out;
  const ParamCounts c = count_params(*p.model);
  out["summary"] = {{"name", p.model->name}, {"model_type", p.model->model_type}, {"params", c.total()},
                    {"params_active", c.active()}, {"checkpoint_format", p.checkpoint_format}};
  out["model"] = json::parse(text, nullptr, false);
  out["weights"] = p.checkpoint_format;
  return out;
}

}  // namespace

ImportKind detect_import_kind(std::span<const unsigned char> b) {
  if (b.size() >= 4 && std::memcmp(b.data(), "GGUF", 4) == 0) return ImportKind::kGguf;
  // safetensors: a u64 header length, then a JSON object.
  if (b.size() >= 9 && b[8] == '{' && b[7] == 0 && b[6] == 0 && b[5] == 0) return ImportKind::kSafetensors;
  std::size_t i = 0;
  if (b.size() >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) i = 3;  // UTF-8 byte order mark
  while (i < b.size() && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) ++i;
  if (i < b.size() && b[i] == '{') {
    const std::string_view text = text_of(b);
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

std::string inspect_file_json(std::span<const unsigned char> prefix, double file_bytes) {
  json out;
  const ImportKind kind = detect_import_kind(prefix);
  const std::string_view text = text_of(prefix);
  // JSON files are read whole; the limits of their parsers bound what is accepted.
  const bool whole_text = static_cast<double>(prefix.size()) >= file_bytes;
  switch (kind) {
    case ImportKind::kGguf: out = gguf_json(prefix, file_bytes); break;
    case ImportKind::kSafetensors: out = safetensors_json(prefix, file_bytes); break;
    case ImportKind::kSafetensorsIndex:
    case ImportKind::kConfigJson:
      if (!whole_text && file_bytes <= 64.0 * 1024 * 1024) {
        out = {{"kind", import_kind_name(kind)}, {"status", "need_more_bytes"}, {"bytes_needed", file_bytes}};
      } else {
        out = kind == ImportKind::kConfigJson ? config_json(text) : index_json(text);
      }
      break;
    case ImportKind::kUnknown:
      out = {{"kind", "unknown"},
             {"status", "error"},
             {"diagnostics", diagnostics_of({{"import.unknown_kind", Severity::kError, "",
                                              "This is not a GGUF file, a safetensors file, a config.json or a "
                                              "model.safetensors.index.json."}})}};
      break;
  }
  out["api_version"] = kApiVersion;
  out["ok"] = out.value("status", "") != "error";
  return out.dump(-1, ' ', false, json::error_handler_t::replace);  // names inside files need not be UTF-8
}

}  // namespace vramfit
