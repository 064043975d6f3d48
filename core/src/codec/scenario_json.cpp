// JSON <-> Scenario, by the field table: the JS API's scenario object (flat names) and the estimate request,
// which also takes version 1's nested objects (llama_cpp, vllm, transformers, parallel, lora, offload, gpu).
#include <array>
#include <cctype>
#include <cmath>
#include <optional>

#include "codec/json_codec.h"
#include "base/json_util.h"
#include "vramfit/hf_config.h"
#include "vramfit/resolve.h"

namespace vramfit::api {
namespace {

using json_util::json;

// A JSON value for a field, as text the field's setter reads; the value's JSON type must match the field's kind.
void read_field(const json& v, const FieldSpec& f, const std::string& path, Scenario& s, Diagnostics& d) {
  std::string text;
  bool typed = false;
  switch (f.kind) {
    case FieldKind::kInt:
    case FieldKind::kNumber:
      typed = v.is_number() && std::isfinite(v.get<double>());
      if (typed) text = number_text(v.get<double>());
      break;
    case FieldKind::kBool:
      typed = v.is_boolean();
      if (typed) text = v.get<bool>() ? "1" : "0";
      break;
    case FieldKind::kChoice:
    case FieldKind::kText:
      typed = v.is_string();
      if (typed) text = v.get<std::string>();
      break;
  }
  const char* type = f.kind == FieldKind::kBool ? "true or false"
                     : f.kind == FieldKind::kInt || f.kind == FieldKind::kNumber ? "a number" : "a string";
  if (!typed) {
    d.push_back({"request.bad_type", Severity::kError, path, path + " must be " + type + "."});
    return;
  }
  if (const std::string why = set_field(s, f, text); !why.empty()) {
    std::string shown = text.substr(0, 40) + (text.size() > 40 ? "..." : "");
    d.push_back({"request.bad_value", Severity::kError, path, path + " is " + shown + "; expected " + why + "."});
  }
}

void unknown_key(const std::string& path, Diagnostics& d) {
  d.push_back({"request.unknown_key", Severity::kWarning, path, path + " is not a field vramfit knows; it was ignored."});
}

// Version 1's nested objects: each member names a field.
struct Nested {
  const char* object;
  const char* member;
  const char* key;  // the field's link key
};
constexpr std::array<Nested, 27> kNested = {{
    {"llama_cpp", "gpu_layers", "ngl"}, {"llama_cpp", "n_batch", "nb"}, {"llama_cpp", "n_ubatch", "nub"},
    {"llama_cpp", "flash_attention", "fa"}, {"llama_cpp", "swa_full", "swa"}, {"llama_cpp", "kv_unified", "kvu"},
    {"llama_cpp", "cpu_only", "cpu"}, {"llama_cpp", "release", "rel"},
    {"vllm", "gpu_memory_utilization", "util"}, {"vllm", "max_num_batched_tokens", "mbt"},
    {"vllm", "max_num_seqs", "mns"}, {"vllm", "cuda_graphs", "cg"},
    {"transformers", "prompt_tokens", "pt"}, {"transformers", "new_tokens", "nt"}, {"transformers", "dtype", "dt"},
    {"transformers", "attention", "attn"},
    {"parallel", "tensor", "tp"}, {"parallel", "pipeline", "pp"}, {"parallel", "data", "dp"},
    {"parallel", "sequence_parallel", "sp"}, {"parallel", "no_sync", "ns"}, {"parallel", "shard_group", "sg"},
    {"parallel", "sharding", "sh"},
    {"offload", "optimizer", "oo"}, {"offload", "params", "op"},
    {"lora", "rank", "lr"}, {"lora", "dtype_bytes", "ab"},
}};

bool nested_object(std::string_view name) {
  for (const Nested& n : kNested)
    if (name == n.object) return true;
  return false;
}

// "0.42.0" -> {0, 42, 0}; nullopt unless three dot-separated numbers lead the string.
std::optional<std::array<int, 3>> parse_version(const std::string& text) {
  std::array<int, 3> v{};
  std::size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    std::size_t used = 0;
    while (pos + used < text.size() && used < 7 && std::isdigit(static_cast<unsigned char>(text[pos + used]))) {
      v[i] = v[i] * 10 + (text[pos + used] - '0');
      ++used;
    }
    if (used == 0 || used > 6) return std::nullopt;
    pos += used;
    if (i < 2) {
      if (pos >= text.size() || text[pos] != '.') return std::nullopt;
      ++pos;
    }
  }
  return v;
}

void read_nested(const std::string& name, const json& obj, Scenario& s, Diagnostics& d) {
  if (!obj.is_object()) {
    d.push_back({"request.bad_type", Severity::kError, name, name + " must be an object."});
    return;
  }
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string path = name + "." + it.key();
    const Nested* found = nullptr;
    for (const Nested& n : kNested)
      if (name == n.object && it.key() == n.member) found = &n;
    if (found != nullptr) {
      read_field(it.value(), *field_by_key(found->key), path, s, d);
    } else if (name == "lora" && it.key() == "dropout") {  // memory depends only on whether p > 0
      if (it.value().is_number() && it.value().get<double>() >= 0 && it.value().get<double>() < 1) s.lora_dropout = it.value().get<double>() > 0;
      else d.push_back({"request.bad_value", Severity::kError, path, path + " must be a probability, 0 <= p < 1."});
    } else if (name == "lora" && it.key() == "targets") {
      std::string list;
      bool strings = it.value().is_array();
      if (strings)
        for (const json& x : it.value()) {
          strings &= x.is_string();
          if (x.is_string()) list += (list.empty() ? "" : ",") + x.get<std::string>();
        }
      if (!strings) d.push_back({"request.bad_type", Severity::kError, path, path + " must be a list of names."});
      else read_field(json(list), *field_by_key("lt"), path, s, d);
    } else {
      unknown_key(path, d);
    }
  }
}

// "gpu": a catalog id, or an object: {"id", "memory_gb"} takes the catalog's figures (memory_gb for hosts whose
// memory is the user's to set); without an id it describes a custom GPU.
void read_gpu(const json& g, Scenario& s, Diagnostics& d) {
  if (g.is_string()) {
    read_field(g, *field_by_key("gpu"), "gpu", s, d);
    return;
  }
  if (!g.is_object()) {
    d.push_back({"request.bad_type", Severity::kError, "gpu", "gpu must be a catalog id or an object."});
    return;
  }
  const bool catalog = g.contains("id");
  if (!catalog) s.gpu = kCustomGpuId;
  for (auto it = g.begin(); it != g.end(); ++it) {
    const std::string& k = it.key();
    const std::string path = "gpu." + k;
    const char* key = k == "id" ? "gpu" : k == "memory_gb" ? "mem" : nullptr;
    if (!catalog && key == nullptr)
      key = k == "name" ? "gn" : k == "bandwidth_gb_s" ? "bw" : k == "fp16_tflops" ? "tf" : k == "unified_memory" ? "um" : nullptr;
    if (key != nullptr) {
      read_field(it.value(), *field_by_key(key), path, s, d);
    } else if (!catalog && k == "memory_gib") {
      if (it.value().is_number()) read_field(json(it.value().get<double>() * 1.073741824), *field_by_key("mem"), path, s, d);
      else d.push_back({"request.bad_type", Severity::kError, path, path + " must be a number."});
    } else {
      unknown_key(path, d);
    }
  }
}

// Per-layer weight bytes of an imported GGUF, as inspect_file_json returns them.
void read_gguf_weights(const json& g, std::size_t layers, ModelSource& source, Diagnostics& d) {
  LlamaWeights w;
  const json* per_layer = g.is_object() ? json_util::find(g, "layers") : nullptr;
  const json* repack = g.is_object() ? json_util::find(g, "layers_repack") : nullptr;
  const json* experts = g.is_object() ? json_util::find(g, "layers_experts") : nullptr;
  auto bytes_list = [layers](const json* a, std::vector<double>& out) {
    if (a == nullptr || !a->is_array() || a->size() != layers) return false;
    for (const json& x : *a) {
      if (!x.is_number() || !(x.get<double>() >= 0 && x.get<double>() < 1e15)) return false;
      out.push_back(x.get<double>());
    }
    return true;
  };
  if (!bytes_list(per_layer, w.layer_bytes) || (repack != nullptr && !bytes_list(repack, w.layer_repack)) ||
      (experts != nullptr && !bytes_list(experts, w.layer_experts))) {
    d.push_back({"request.bad_gguf_weights", Severity::kError, "gguf_weights",
                 "gguf_weights.layers must list the bytes of each of the model's " + std::to_string(layers) + " layers."});
    return;
  }
  if (w.layer_repack.empty()) w.layer_repack.assign(layers, 0.0);
  if (w.layer_experts.empty()) w.layer_experts.assign(layers, 0.0);  // not given: no expert tensors known
  for (auto [key, out] : {std::pair{"token_embd", &w.token_embd}, std::pair{"output", &w.output},
                          std::pair{"output_repack", &w.output_repack}}) {
    const json* v = json_util::find(g, key);
    if (v == nullptr) continue;
    if (v->is_number() && v->get<double>() >= 0 && v->get<double>() < 1e15) *out = v->get<double>();
    else d.push_back({"request.bad_type", Severity::kError, std::string("gguf_weights.") + key,
                      std::string("gguf_weights.") + key + " must be a number of bytes."});
  }
  source.gguf_weights = std::move(w);
}

}  // namespace

json scenario_to_json(const Scenario& s) {
  json out = json::object();
  for (const FieldSpec& f : scenario_fields()) {
    const std::string name(f.json);
    switch (f.kind) {
      case FieldKind::kInt: out[name] = static_cast<long long>(field_number(f, s)); break;
      case FieldKind::kNumber: out[name] = field_number(f, s); break;
      case FieldKind::kBool: out[name] = field_number(f, s) != 0; break;
      case FieldKind::kChoice:
      case FieldKind::kText: out[name] = field_text(f, s); break;
    }
  }
  return out;
}

void read_scenario_json(const json& obj, Scenario& s, Diagnostics& d) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (it.value().is_null()) continue;
    if (const FieldSpec* f = field_by_json(it.key())) read_field(it.value(), *f, it.key(), s, d);
    else unknown_key(it.key(), d);
  }
}

std::optional<ScenarioRequest> read_request(const json& r, Diagnostics& d) {
  ScenarioRequest out;
  Scenario& s = out.scenario;
  if (!r.is_object()) {
    d.push_back({"request.bad_request", Severity::kError, "", "The request must be a JSON object."});
    return std::nullopt;
  }
  // The engine first: version 1's "weights" means w (llama.cpp, Ollama) or hw (the others).
  if (const json* e = json_util::find(r, "engine")) read_field(*e, *field_by_key("e"), "engine", s, d);
  bool weights_given = false;
  for (auto it = r.begin(); it != r.end(); ++it) {
    const std::string& k = it.key();
    const json& v = it.value();
    if (k == "engine" || k == "api_version" || v.is_null()) continue;
    if (k == "model" && v.is_object()) {
      ParsedConfig parsed = parse_hf_config(v.dump());
      for (auto& x : parsed.diagnostics) d.push_back(std::move(x));
      if (parsed.model) {
        out.source.model = std::move(parsed.model);
        out.source.checkpoint_format = parsed.checkpoint_format;
      } else {
        d.push_back({"request.bad_model", Severity::kError, "model", "model: the config.json object could not be read."});
      }
    } else if (k == "weights") {
      weights_given = true;
      read_field(v, *field_by_key(s.llama_engine() ? "w" : "hw"), k, s, d);
    } else if (k == "llama_weights" || k == "hf_weights") {
      weights_given = true;
      read_field(v, *field_by_json(k), k, s, d);
    } else if (k == "gpu") {
      read_gpu(v, s, d);
    } else if (k == "checkpoint_bytes") {
      if (v.is_number() && v.get<double>() >= 0 && v.get<double>() < 1e16) out.source.checkpoint_bytes = v.get<double>();
      else d.push_back({"request.bad_type", Severity::kError, k, "checkpoint_bytes must be a number of bytes."});
    } else if (k == "bitsandbytes_version") {
      const auto version = v.is_string() ? parse_version(v.get<std::string>()) : std::nullopt;
      // bitsandbytes 0.43.2 (PR #1270) stopped MatMul4Bit keeping its input: `ctx.tensors = (None, B)`.
      if (version) s.old_bitsandbytes = *version < std::array<int, 3>{0, 43, 2};
      else d.push_back({"request.bad_value", Severity::kError, k, "bitsandbytes_version must read like \"0.42.0\"."});
    } else if (k == "gguf_weights") {
      continue;  // below, once the model (and so its layer count) is known
    } else if (nested_object(k) || k == "lora") {
      read_nested(k, v, s, d);
    } else if (const FieldSpec* f = field_by_json(k)) {
      read_field(v, *f, k, s, d);
    } else {
      unknown_key(k, d);
    }
  }
  // A config.json's own checkpoint format is the default for its weights (as the page's "as stored").
  out.source.weights_as_stored = out.source.model.has_value() && !weights_given;
  if (const json* g = json_util::find(r, "gguf_weights"); g != nullptr && !g->is_null()) {
    const ModelArch model = scenario_model(s, &out.source);
    read_gguf_weights(*g, static_cast<std::size_t>(std::max(0, model.num_layers)), out.source, d);
  }
  if (has_errors(d)) return std::nullopt;
  return out;
}

std::optional<InferenceRequest> parse_inference_request(const json& r, Diagnostics& d) {
  const auto read = read_request(r, d);
  if (!read) return std::nullopt;
  return resolve_inference(read->scenario, &read->source);
}

std::optional<TrainingRequest> parse_training_request(const json& r, Diagnostics& d) {
  const auto read = read_request(r, d);
  if (!read) return std::nullopt;
  return resolve_training(read->scenario, &read->source);
}

}  // namespace vramfit::api
