// The import readers behind ImportOutcome: the GGUF, safetensors, index and config.json readers of the core, and
// the summary line the page shows for each file. Linked into the import module (web/platform/import_module.cpp)
// and native builds; not into the page, which receives their outcome.
#include "fit_outcome.h"
#include "import_outcome.h"
#include "strings.h"
#include "vramfit/format.h"
#include "vramfit/gguf_reader.h"
#include "vramfit/hf_config.h"
#include "vramfit/import.h"
#include "vramfit/safetensors.h"

namespace vramfit::web {

namespace {

// A config.json read: the model, and its checkpoint format as the weights of vLLM and transformers.
ImportOutcome from_config(ParsedConfig parsed) {
  ImportOutcome o;
  o.file = "config.json";
  o.diagnostics = std::move(parsed.diagnostics);
  if (!parsed.model) return o;
  o.kind = ImportOutcome::Kind::kConfig;
  o.checkpoint_format = parsed.checkpoint_format;
  o.summary.push_back({static_cast<int>(T::kSummaryConfig),
                       {parsed.model->name, format_params(count_params(*parsed.model).total()), parsed.checkpoint_format}});
  o.model = std::move(parsed.model);
  return o;
}

// A GGUF read (one file or a split model's parts): the model and its per-layer bytes.
ImportOutcome from_gguf(GgufFile& f, const std::string& name) {
  ImportOutcome o;
  o.file = name;
  o.diagnostics = std::move(f.diagnostics);
  if (!f.model || !f.weights) return o;
  o.kind = ImportOutcome::Kind::kGguf;
  o.gguf_weights = std::move(f.weights);
  o.gguf_file_type = f.file_type_name;
  o.config_json = f.config_json;
  o.summary.push_back({static_cast<int>(T::kSummaryGguf),
                       {name, f.architecture, f.file_type_name.empty() ? "?" : f.file_type_name, std::to_string(f.tensors.size()),
                        format_params(f.elements), format_bytes(f.data_bytes, ByteUnit::kGB)}});
  o.model = std::move(f.model);
  return o;
}

}  // namespace

ImportOutcome read_gguf_parts_outcome(std::span<const GgufPart> parts, const std::string& name) {
  GgufFile f = read_gguf_parts(parts);
  if (f.status == ReadStatus::kNeedMoreBytes) {  // the caller reads each part's header whole first
    ImportOutcome o;
    o.file = name;
    o.diagnostics.push_back({"gguf.truncated", Severity::kError, "", "Part " + std::to_string(f.part + 1) + "'s header was not read whole."});
    return o;
  }
  return from_gguf(f, name);
}

ImportOutcome read_config_outcome(std::string_view text) {
  // Not JSON but an engine's start-up output: its settings for the page, and what it measured.
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] != '{') {
    const EngineLogRead r = read_engine_log(text);
    if (!r.engine.empty()) {
      ImportOutcome o;
      o.kind = ImportOutcome::Kind::kLog;
      o.file = r.engine;
      o.diagnostics = r.diagnostics;
      o.log_query = engine_log_query(r);
      o.log_measured = engine_log_measured(r);
      o.summary.push_back({static_cast<int>(T::kSummaryLog),
                           {r.engine, r.version.empty() ? "?" : r.version, std::to_string(r.lines_read), std::to_string(r.lines),
                            o.log_query.empty() ? "-" : o.log_query}});
      if (!r.refusal.empty()) o.summary.push_back({static_cast<int>(T::kSummaryLogRefusal), {r.refusal}});
      if (!r.model.empty() && o.log_query.find("&m=") == std::string::npos)
        o.summary.push_back({static_cast<int>(T::kSummaryLogModel), {r.model}});
      if ((r.engine == "vllm" || r.engine == "sglang") && r.total_gpu_memory_gib <= 0)
        o.summary.push_back({static_cast<int>(T::kSummaryLogGpu), {}});
      return o;
    }
    // Neither: both readers say why.
    ImportOutcome o = from_config(parse_hf_config(text));
    o.diagnostics.insert(o.diagnostics.begin(), r.diagnostics.begin(), r.diagnostics.end());
    return o;
  }
  ImportOutcome o = from_config(parse_hf_config(text));
  if (o.model) o.config_json = text;
  return o;
}

ImportOutcome read_file_outcome(std::span<const unsigned char> prefix, double file_bytes, const std::string& name) {
  ImportOutcome o;
  o.file = name;
  ImportRead r = read_import(prefix, file_bytes);
  if (r.status == ReadStatus::kNeedMoreBytes) {
    o.bytes_needed = r.bytes_needed;
    return o;
  }
  if (r.gguf) {
    return from_gguf(*r.gguf, name);
  } else if (r.safetensors) {
    const SafetensorsFile& f = *r.safetensors;
    o.diagnostics = f.diagnostics;
    if (f.status != ReadStatus::kOk) return o;
    o.kind = ImportOutcome::Kind::kSafetensors;
    o.checkpoint_bytes = f.data_bytes;
    std::string dtypes;
    for (const auto& d : f.by_dtype) dtypes += (dtypes.empty() ? "" : ", ") + d.dtype + " " + format_params(d.elements);
    o.summary.push_back({static_cast<int>(T::kSummarySafetensors),
                         {name, std::to_string(static_cast<long long>(f.tensors)), dtypes, format_bytes(f.data_bytes, ByteUnit::kGB)}});
  } else if (r.config) {
    // Kept whole, as for pasted text: fit mode and the JSON export rebuild the model from it in the import module.
    ImportOutcome c = from_config(std::move(*r.config));
    if (c.model) c.config_json = r.text;
    return c;
  } else if (r.index) {
    const SafetensorsIndex& x = *r.index;
    o.diagnostics = x.diagnostics;
    if (!x.ok) return o;
    o.kind = ImportOutcome::Kind::kIndex;
    o.checkpoint_bytes = x.total_size;
    o.summary.push_back({static_cast<int>(T::kSummaryIndex),
                         {name, std::to_string(static_cast<long long>(x.tensors)), std::to_string(static_cast<long long>(x.shards)),
                          format_bytes(x.total_size, ByteUnit::kGB)}});
  } else {
    o.diagnostics = r.diagnostics;
  }
  return o;
}

std::optional<ModelSource> fit_source(const FitRequest& q) {
  ModelSource source;
  if (q.model.imported) {
    ParsedConfig parsed = parse_hf_config(q.model.config_json);
    if (!parsed.model) return std::nullopt;
    source.model = std::move(parsed.model);
  } else {
    source.model = scenario_model(q.scenario);
  }
  source.checkpoint_format = q.model.checkpoint_format;
  source.gguf_weights = q.model.gguf_weights;
  source.gguf_file_type = q.model.gguf_file_type;
  source.checkpoint_bytes = q.model.checkpoint_bytes;
  source.weights_as_stored = q.model.weights_as_stored;
  return source;
}

}  // namespace vramfit::web
