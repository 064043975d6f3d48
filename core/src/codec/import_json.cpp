// The import half of the JSON API: what a dropped or pasted file holds, in the form a request uses.
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

json gguf_json(const GgufFile& f) {
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
    out["model"] = json_util::parse_python(f.config_json).value;  // Infinity and NaN as Python writes them
    out["weights"] = f.file_type_name.empty() ? "GGUF" : f.file_type_name;
    out["gguf_weights"] = {{"token_embd", f.weights->token_embd}, {"output", f.weights->output},
                           {"output_repack", f.weights->output_repack}, {"layers", bytes_array(f.weights->layer_bytes)},
                           {"layers_repack", bytes_array(f.weights->layer_repack)},
                           {"layers_experts", bytes_array(f.weights->layer_experts)}};
  }
  return out;
}

json safetensors_json(const SafetensorsFile& f) {
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

json index_json(const SafetensorsIndex& x) {
  json out{{"kind", "safetensors_index"}, {"status", x.ok ? "ok" : "error"}, {"diagnostics", diagnostics_of(x.diagnostics)}};
  if (!x.ok) return out;
  out["summary"] = {{"tensors", x.tensors}, {"shards", x.shards}, {"total_size", x.total_size},
                    {"total_parameters", x.total_parameters}};
  out["checkpoint_bytes"] = x.total_size;
  return out;
}

json config_json(const ParsedConfig& p, std::string_view text) {
  json out{{"kind", "config"}, {"status", p.model ? "ok" : "error"}, {"diagnostics", diagnostics_of(p.diagnostics)}};
  if (!p.model) return out;
  const ParamCounts c = count_params(*p.model);
  out["summary"] = {{"name", p.model->name}, {"model_type", p.model->model_type}, {"params", c.total()},
                    {"params_active", c.active()}, {"checkpoint_format", p.checkpoint_format}};
  // Multi-token-prediction modules shipped with the weights: not loaded for plain inference, so not in params.
  if (c.mtp > 0) out["summary"]["params_mtp"] = c.mtp;
  // Vision/audio towers and projectors: counted, not yet in the engines' weights (issue 18).
  if (c.towers > 0) out["summary"]["params_towers"] = c.towers;
  out["model"] = json_util::parse_python(text).value;
  out["weights"] = p.checkpoint_format;
  return out;
}

}  // namespace

std::string inspect_file_json(std::span<const unsigned char> prefix, double file_bytes) {
  const ImportRead r = read_import(prefix, file_bytes);
  json out;
  if (r.status == ReadStatus::kNeedMoreBytes && (r.kind == ImportKind::kConfigJson || r.kind == ImportKind::kSafetensorsIndex)) {
    out = {{"kind", import_kind_name(r.kind)}, {"status", "need_more_bytes"}, {"bytes_needed", r.bytes_needed}};
  } else if (r.gguf) {
    out = gguf_json(*r.gguf);
  } else if (r.safetensors) {
    out = safetensors_json(*r.safetensors);
  } else if (r.index) {
    out = index_json(*r.index);
  } else if (r.config) {
    out = config_json(*r.config, r.text);
  } else {
    out = {{"kind", import_kind_name(r.kind)}, {"status", "error"}, {"diagnostics", diagnostics_of(r.diagnostics)}};
  }
  out["api_version"] = kApiVersion;
  out["ok"] = out.value("status", "") != "error";
  return out.dump(-1, ' ', false, json::error_handler_t::replace);  // names inside files need not be UTF-8
}

std::string inspect_gguf_parts_json(std::span<const GgufPart> parts) {
  const GgufFile f = read_gguf_parts(parts);
  json out = gguf_json(f);
  if (f.status == ReadStatus::kNeedMoreBytes) out["part"] = f.part;
  if (f.status == ReadStatus::kOk) out["parts"] = f.parts;
  out["api_version"] = kApiVersion;
  out["ok"] = f.status != ReadStatus::kError;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace vramfit
