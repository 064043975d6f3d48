// config.json -> ModelArch. Defaults per model_type follow the Hugging Face config classes
// (transformers models/<arch>/configuration_<arch>.py) and their modeling code.
#include "vramfit/hf_config.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include "json_util.h"
#include "vramfit/weight_format.h"

namespace vramfit {
namespace {

using json_util::json;

constexpr std::size_t kMaxConfigBytes = 4 << 20;

bool type_in(const std::string& t, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return t == n; });
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// A whole number in [lo, hi] at `field`; a diagnostic of `severity` when present but unusable.
std::optional<long long> whole_number(const json* v, const std::string& field, long long lo, long long hi,
                                      Severity severity, Diagnostics& diags) {
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    diags.push_back({"config.bad_type", severity, field, "\"" + field + "\" must be a number."});
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d) || d != std::floor(d) || d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
    diags.push_back({"config.out_of_range", severity, field,
                     "\"" + field + "\" must be a whole number from " + std::to_string(lo) + " to " +
                         std::to_string(hi) + "."});
    return std::nullopt;
  }
  return static_cast<long long>(d);
}

// A number in [lo, hi] at `field`; a diagnostic of `severity` when present but unusable.
std::optional<double> real_number(const json* v, const std::string& field, double lo, double hi, Severity severity,
                                  Diagnostics& diags) {
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    diags.push_back({"config.bad_type", severity, field, "\"" + field + "\" must be a number."});
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d) || d < lo || d > hi) {
    diags.push_back({"config.out_of_range", severity, field,
                     "\"" + field + "\" must be a number from " + number_text(lo) + " to " + number_text(hi) + "."});
    return std::nullopt;
  }
  return d;
}

// A string at `field`: nullopt when absent or null; a diagnostic of `severity` when of another type.
std::optional<std::string> string_field(const json& obj, const char* key, const std::string& field,
                                        Severity severity, Diagnostics& diags) {
  const json* v = json_util::find(obj, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    diags.push_back({"config.bad_type", severity, field, "\"" + field + "\" must be a string."});
    return std::nullopt;
  }
  return v->get<std::string>();
}

struct Reader {
  const json& primary;   // text_config when present
  const json& fallback;  // the top level
  Diagnostics& diags;

  const json* find(const char* key) const {
    if (const json* v = json_util::find(primary, key)) return v;
    return json_util::find(fallback, key);
  }
  std::optional<double> number(const char* key) const {
    if (auto v = json_util::number(primary, key)) return v;
    return json_util::number(fallback, key);
  }
  std::optional<bool> boolean(const char* key) const {
    if (auto v = json_util::boolean(primary, key)) return v;
    return json_util::boolean(fallback, key);
  }
  std::optional<std::string> string(const char* key) const {
    if (auto v = json_util::string(primary, key)) return v;
    return json_util::string(fallback, key);
  }
  // An integer field in [lo, hi]; a diagnostic when present but unusable.
  std::optional<int> integer(const char* key, long long lo, long long hi) const {
    const auto v = whole_number(find(key), key, lo, hi, Severity::kError, diags);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
  }
  // The first of several keys that is present.
  std::optional<int> integer_any(std::initializer_list<const char*> keys, long long lo, long long hi) const {
    for (const char* key : keys)
      if (auto v = integer(key, lo, hi)) return v;
    return std::nullopt;
  }
  std::optional<std::string> string_any(std::initializer_list<const char*> keys) const {
    for (const char* key : keys)
      if (auto v = string(key)) return v;
    return std::nullopt;
  }
  int required(const char* key, long long lo, long long hi, std::initializer_list<const char*> aliases = {}) const {
    if (auto v = integer(key, lo, hi)) return *v;
    for (const char* alias : aliases)
      if (auto v = integer(alias, lo, hi)) return *v;
    if (find(key) == nullptr)
      diags.push_back({"config.missing_field", Severity::kError, key, std::string("config.json has no \"") + key + "\"."});
    return 0;
  }
};

// Which layers slide: layer_types when given, else the model family's fixed pattern.
void assign_layer_kinds(ModelArch& m, const Reader& r) {
  m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
  const json* types = r.find("layer_types");
  if (types != nullptr && types->is_array() && types->size() == static_cast<std::size_t>(m.num_layers)) {
    for (std::size_t i = 0; i < types->size(); ++i) {
      const json& t = (*types)[i];
      const std::string s = t.is_string() ? t.get<std::string>() : "";
      if (s == "sliding_attention") m.layers[i].mixer = MixerKind::kSlidingAttention;
      else if (s == "mamba" || s == "linear_attention") m.layers[i].mixer = MixerKind::kMamba2;
    }
    return;
  }
  if (m.sliding_window <= 0) return;
  const std::string& t = m.model_type;
  if (t == "gemma2") {
    for (int i = 0; i < m.num_layers; i += 2) m.layers[static_cast<std::size_t>(i)].mixer = MixerKind::kSlidingAttention;
  } else if (t == "gemma3" || t == "gemma3_text") {
    const int pattern = r.integer("sliding_window_pattern", 1, 1000).value_or(6);
    for (int i = 0; i < m.num_layers; ++i)
      if ((i + 1) % pattern != 0) m.layers[static_cast<std::size_t>(i)].mixer = MixerKind::kSlidingAttention;
  } else if (type_in(t, {"mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "starcoder2"})) {
    // Mistral/Mixtral slide on every layer. Qwen only with use_sliding_window, from layer max_window_layers on.
    const bool qwen = t.rfind("qwen", 0) == 0;
    if (qwen && !r.boolean("use_sliding_window").value_or(false)) return;
    const int first = qwen ? r.integer("max_window_layers", 0, 100000).value_or(0) : 0;
    for (int i = first; i < m.num_layers; ++i) m.layers[static_cast<std::size_t>(i)].mixer = MixerKind::kSlidingAttention;
  }
}

void assign_moe_layers(ModelArch& m, const Reader& r) {
  if (m.moe.num_experts <= 0) return;
  const int first_dense = r.integer("first_k_dense_replace", 0, 100000).value_or(0);
  const int step = std::max(1, r.integer_any({"decoder_sparse_step", "moe_layer_freq"}, 1, 1000).value_or(1));
  std::vector<int> mlp_only;
  if (const json* v = r.find("mlp_only_layers"); v != nullptr && v->is_array())
    for (const json& x : *v)
      if (x.is_number_integer()) mlp_only.push_back(x.get<int>());
  for (int i = 0; i < m.num_layers; ++i) {
    const bool dense = i < first_dense || (i + 1) % step != 0 ||
                       std::find(mlp_only.begin(), mlp_only.end(), i) != mlp_only.end();
    m.layers[static_cast<std::size_t>(i)].moe = !dense;
  }
}

// Nemotron-H: one character per block: M = Mamba-2, * = attention, - = MLP, E = MoE MLP.
bool assign_hybrid_pattern(ModelArch& m, const Reader& r) {
  const auto pattern = r.string("hybrid_override_pattern");
  if (!pattern) return false;
  if (pattern->size() != static_cast<std::size_t>(m.num_layers)) {
    r.diags.push_back({"config.inconsistent", Severity::kError, "hybrid_override_pattern",
                       "hybrid_override_pattern has " + std::to_string(pattern->size()) + " blocks but the model has " +
                           std::to_string(m.num_layers) + " layers."});
    return true;
  }
  m.layers.assign(pattern->size(), LayerSpec{});
  for (std::size_t i = 0; i < pattern->size(); ++i) {
    LayerSpec& l = m.layers[i];
    switch ((*pattern)[i]) {
      case 'M': l = {MixerKind::kMamba2, false, false}; break;
      case '*': l = {MixerKind::kFullAttention, false, false}; break;
      case '-': l = {MixerKind::kNone, true, false}; break;
      case 'E': l = {MixerKind::kNone, true, true}; break;
      default:
        r.diags.push_back({"config.unsupported", Severity::kError, "hybrid_override_pattern",
                           std::string("Unknown block type '") + (*pattern)[i] + "' in hybrid_override_pattern."});
    }
  }
  return true;
}

// The unquantised storage format config.json's dtype names.
std::string dtype_format(const Reader& r) {
  const std::string dtype = r.string_any({"torch_dtype", "dtype"}).value_or("bf16");
  if (dtype == "float32") return "fp32";
  if (dtype == "float16") return "fp16";
  return "bf16";
}

// compressed-tensors weight scheme -> weight-format id. The fields and their defaults are those of
// QuantizationArgs (vllm-project/compressed-tensors 0.18.0 quantization/quant_args.py: num_bits 8, type "int",
// symmetric true; strategy inferred from group_size when absent); the layouts are in weight_format.cpp.
// nullopt, with a diagnostic, when the scheme is unreadable or has no entry in the table.
std::optional<std::string> compressed_tensors_weights(const json& w, const std::string& format,
                                                      const std::string& field, Diagnostics& d) {
  constexpr Severity kSev = Severity::kWarning;
  const std::size_t before = d.size();
  const auto bits = whole_number(json_util::find(w, "num_bits"), field + ".num_bits", 1, 32, kSev, d);
  const std::string type = string_field(w, "type", field + ".type", kSev, d).value_or("int");
  const json* symmetric_v = json_util::find(w, "symmetric");
  if (symmetric_v != nullptr && !symmetric_v->is_boolean())
    d.push_back({"config.bad_type", kSev, field + ".symmetric", "\"" + field + ".symmetric\" must be true or false."});
  const bool symmetric = symmetric_v == nullptr || !symmetric_v->is_boolean() || symmetric_v->get<bool>();
  const auto group = whole_number(json_util::find(w, "group_size"), field + ".group_size", -1, 1 << 20, kSev, d);
  if (group && *group == 0)  // quant_args.py: group_size > 0 for groups, -1 for channels
    d.push_back({"config.out_of_range", kSev, field + ".group_size",
                 "\"" + field + ".group_size\" must be -1 (per channel) or a group size from 1 up."});
  std::string strategy = string_field(w, "strategy", field + ".strategy", kSev, d).value_or("");
  const std::string scale_dtype = string_field(w, "scale_dtype", field + ".scale_dtype", kSev, d).value_or("");
  if (d.size() != before) return std::nullopt;
  const int num_bits = static_cast<int>(bits.value_or(8));
  if (strategy.empty()) strategy = !group ? "tensor" : *group > 0 ? "group" : "channel";  // quant_args.py
  const int group_size = static_cast<int>(group.value_or(0));
  const bool packed = format.empty() || format == "pack-quantized" || format == "mixed-precision";
  const bool scale_16 = scale_dtype.empty() || scale_dtype == "torch.bfloat16" || scale_dtype == "torch.float16";

  std::string id;
  if (type == "float" && num_bits == 8 && scale_16) {
    if (strategy == "tensor") id = "fp8";
    else if (strategy == "channel") id = "fp8-channel";
    else if (strategy == "block") {
      const json* b = json_util::find(w, "block_structure");
      if (b != nullptr && b->is_array() && b->size() == 2 && (*b)[0] == 128 && (*b)[1] == 128) id = "fp8-block";
    }
  } else if (type == "float" && num_bits == 4 && strategy == "tensor_group" && group_size == 16 &&
             (format.empty() || format == "nvfp4-pack-quantized") &&
             (scale_dtype.empty() || scale_dtype == "torch.float8_e4m3fn")) {
    id = "nvfp4";
  } else if (type == "int" && num_bits == 8 && strategy == "channel" && scale_16) {
    id = "int8-channel";
  } else if (type == "int" && num_bits == 8 && strategy == "group" && group_size == 128 && symmetric && scale_16 &&
             packed) {
    id = "int8-g128";
  } else if (type == "int" && num_bits == 4 && strategy == "group" && scale_16 && packed) {
    if (group_size == 128) id = symmetric ? "int4-g128" : "int4-asym-g128";
    else if (group_size == 32 && symmetric) id = "int4-g32";
  }
  if (id.empty()) {
    std::string scheme = std::to_string(num_bits) + "-bit " + type + ", strategy " + strategy;
    if (group_size > 0) scheme += ", group " + std::to_string(group_size);
    if (!symmetric) scheme += ", asymmetric";
    if (!scale_dtype.empty()) scheme += ", scales " + scale_dtype;
    if (!format.empty()) scheme += ", format " + format;
    d.push_back({"config.unsupported", kSev, field,
                 "compressed-tensors weights of " + scheme + " have no entry in the weight-format table; choose the "
                 "checkpoint's weight format by hand."});
    return std::nullopt;
  }
  return id;
}

// Modules quantization_config.ignore keeps in 16 bits that the estimate keeps in 16 bits too (lm_head, embeddings,
// norms, MoE routers; engine_common.cpp hf_weights) or does not count (vision and audio towers).
bool ignore_already_modelled(const std::string& module) {
  static const char* const kCovered[] = {"lm_head", "embed", "norm", "router", "vision", "visual", "audio",
                                         "multi_modal", "mm_projector", "merger", "patch"};
  for (const char* c : kCovered)
    if (module.find(c) != std::string::npos) return true;
  // MoE router gates: "model.layers.0.mlp.gate", "re:.*mlp.gate$", "block_sparse_moe.gate".
  auto ends_with = [&](const char* tail) {
    const std::string t = tail;
    return module.size() >= t.size() && module.compare(module.size() - t.size(), t.size(), t) == 0;
  };
  return ends_with(".gate") || ends_with(".gate$") || ends_with("_gate") || ends_with("_gate$");
}

// quant_method "compressed-tensors" (llm-compressor; RedHatAI / neuralmagic checkpoints).
std::string compressed_tensors_format(const json& q, const std::string& field, const Reader& r) {
  constexpr Severity kSev = Severity::kWarning;
  const std::string unknown = "compressed-tensors";
  const json* groups = json_util::find(q, "config_groups");
  if (groups == nullptr) {
    r.diags.push_back({"config.missing_field", kSev, field + ".config_groups",
                       "compressed-tensors quantization_config has no \"config_groups\"; choose the checkpoint's "
                       "weight format by hand."});
    return unknown;
  }
  if (!groups->is_object()) {
    r.diags.push_back({"config.bad_type", kSev, field + ".config_groups",
                       "\"" + field + ".config_groups\" must be an object of quantisation groups."});
    return unknown;
  }
  const std::string top_format = string_field(q, "format", field + ".format", kSev, r.diags).value_or("");
  std::vector<std::string> ids;
  bool unreadable = false;
  for (auto it = groups->begin(); it != groups->end(); ++it) {
    const std::string group_field = field + ".config_groups." + it.key();
    if (!it->is_object()) {
      r.diags.push_back({"config.bad_type", kSev, group_field, "\"" + group_field + "\" must be an object."});
      unreadable = true;
      continue;
    }
    const json* w = json_util::find(*it, "weights");
    if (w == nullptr) continue;  // activations or KV cache only: the weights stay as stored
    if (!w->is_object()) {
      r.diags.push_back({"config.bad_type", kSev, group_field + ".weights",
                         "\"" + group_field + ".weights\" must be an object."});
      unreadable = true;
      continue;
    }
    const std::string format = string_field(*it, "format", group_field + ".format", kSev, r.diags).value_or(top_format);
    if (format == "dense") {  // CompressionFormat.dense: the weights are stored unquantised
      ids.push_back(dtype_format(r));
      continue;
    }
    if (auto id = compressed_tensors_weights(*w, format, group_field + ".weights", r.diags)) ids.push_back(*id);
    else unreadable = true;
  }
  if (unreadable) return unknown;
  if (ids.empty()) return dtype_format(r);  // no group quantises weights
  // Groups in different formats (attention in int8, experts in int4, ...): one format must stand for all of
  // them, so take the largest per weight; the estimate can only err high.
  std::string id = ids.front();
  for (const auto& other : ids) {
    if (other == id) continue;
    const auto a = weight_format_by_id(id), b = weight_format_by_id(other);
    if (a && b && bits_per_weight(*b, 4096) > bits_per_weight(*a, 4096)) id = other;
  }
  if (std::any_of(ids.begin(), ids.end(), [&](const std::string& x) { return x != id; }))
    r.diags.push_back({"config.mixed_quantization", kSev, field + ".config_groups",
                       "The config groups quantise weights in different formats; the estimate uses the largest of "
                       "them, " + id + ", for all quantised weights."});
  // Modules kept unquantised beyond what the estimate already keeps in 16 bits.
  if (const json* ignore = json_util::find(q, "ignore"); ignore != nullptr) {
    if (!ignore->is_array()) {
      r.diags.push_back({"config.bad_type", kSev, field + ".ignore", "\"" + field + ".ignore\" must be a list."});
    } else {
      std::vector<std::string> extra;
      for (const json& m : *ignore)
        if (m.is_string() && !ignore_already_modelled(m.get<std::string>())) extra.push_back(m.get<std::string>());
      if (!extra.empty()) {
        std::string shown;
        for (std::size_t i = 0; i < extra.size() && i < 3; ++i) shown += (i ? ", " : "") + extra[i];
        if (extra.size() > 3) shown += ", ...";
        r.diags.push_back({"config.partial_quantization", kSev, field + ".ignore",
                           "quantization_config.ignore keeps " + std::to_string(extra.size()) +
                               " decoder module pattern(s) unquantised (" + shown + "); the estimate counts every "
                               "decoder linear layer as " + id + ", so it undercounts those weights."});
      }
    }
  }
  return id;
}

std::string quantized_format(const json& q, const std::string& field, const Reader& r) {
  constexpr Severity kSev = Severity::kWarning;
  const auto method = string_field(q, "quant_method", field + ".quant_method", kSev, r.diags);
  if (!method) {
    if (json_util::find(q, "quant_method") == nullptr)
      r.diags.push_back({"config.missing_field", kSev, field + ".quant_method",
                         "quantization_config has no \"quant_method\"; the weights are taken as stored unquantised (" +
                             dtype_format(r) + ")."});
    return dtype_format(r);
  }
  if (*method == "compressed-tensors") return compressed_tensors_format(q, field, r);
  // GPTQ and AWQ: bits and group_size as their quantize configs state them (defaults 4 and 128 when absent).
  auto int_field = [&](const char* key, long long lo, long long hi, int fallback) -> std::optional<int> {
    const json* v = json_util::find(q, key);
    if (v == nullptr) return fallback;
    const auto n = whole_number(v, field + "." + key, lo, hi, kSev, r.diags);
    return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
  };
  if (*method == "mxfp4") return "mxfp4";
  if (*method == "fp8") return json_util::find(q, "weight_block_size") ? "fp8-block" : "fp8";
  if (*method == "gptq" || *method == "awq") {
    const auto bits = int_field("bits", 1, 32, 4);
    const auto group = int_field("group_size", -1, 1 << 20, 128);
    if (!bits || !group) return *method;
    return *method + "-" + std::to_string(*bits) + "b-g" + std::to_string(*group);
  }
  if (*method == "bitsandbytes") {
    if (json_util::boolean(q, "load_in_8bit").value_or(false)) return "int8";
    const std::string type = json_util::string(q, "bnb_4bit_quant_type").value_or("nf4");
    const bool dq = json_util::boolean(q, "bnb_4bit_use_double_quant").value_or(false);
    return type + (dq ? "-dq" : "");
  }
  return *method;
}

std::string checkpoint_format_of(const Reader& r) {
  std::string field = "quantization_config";
  const json* q = r.find("quantization_config");
  if (q == nullptr) {  // the name compressed-tensors checkpoints used before transformers read them (2024)
    field = "compression_config";
    q = r.find("compression_config");
  }
  if (q == nullptr) return dtype_format(r);
  if (!q->is_object()) {
    r.diags.push_back({"config.bad_type", Severity::kWarning, field,
                       "\"" + field + "\" must be an object; the weights are taken as stored unquantised (" +
                           dtype_format(r) + ")."});
    return dtype_format(r);
  }
  const std::size_t before = r.diags.size();
  std::string id = quantized_format(*q, field, r);
  if (r.diags.size() == before && !weight_format_by_id(id))
    r.diags.push_back({"config.unsupported", Severity::kWarning, field,
                       "The checkpoint's weight format \"" + id + "\" has no entry in the weight-format table; "
                       "choose it by hand."});
  return id;
}

// RoPE scaling -> the context the model supports, derived as vLLM derives max_model_len (vllm/config/model.py
// _get_and_verify_max_len, commit 0052a5b8): types other than su/longrope/llama3 multiply the context by
// "factor", yarn starting from original_max_position_embeddings; Gemma 3's max_position_embeddings is already
// the scaled length. llama3 and longrope (Llama 3.1, Phi-3.5) state the scaled length as
// max_position_embeddings.
constexpr double kMaxRopeFactor = 4096;    // a bound against hostile input; published factors: DeepSeek-V3 40,
                                           // Llama 3.2 32, Qwen2.5/Qwen3 yarn 4
constexpr long long kMaxContext = 1 << 30;  // as max_position_embeddings is read

struct RopeEntry {
  RopeScaling rope;
  long long context = 0;  // what this entry supports, tokens
};

std::optional<RopeEntry> rope_entry(const json& e, const std::string& field, const ModelArch& m, Diagnostics& d) {
  constexpr Severity kSev = Severity::kWarning;
  const std::size_t before = d.size();
  RopeEntry out;
  out.context = m.max_context;
  const char* type_key = json_util::find(e, "rope_type") != nullptr ? "rope_type" : "type";  // older configs: "type"
  const auto type = string_field(e, type_key, field + "." + type_key, kSev, d);
  const json* factor_v = json_util::find(e, "factor");
  const auto factor = real_number(factor_v, field + ".factor", 1, kMaxRopeFactor, kSev, d);
  const auto original = whole_number(json_util::find(e, "original_max_position_embeddings"),
                                     field + ".original_max_position_embeddings", 1, kMaxContext, kSev, d);
  if (d.size() != before) return std::nullopt;
  if (!type) {
    if (factor_v != nullptr)
      d.push_back({"config.missing_field", kSev, field + ".rope_type",
                   "\"" + field + "\" has a factor but no \"rope_type\"; the context is taken as "
                   "max_position_embeddings."});
    return out;  // rope_theta alone (transformers v5 rope_parameters of unscaled models)
  }
  out.rope.type = *type;
  out.rope.factor = factor.value_or(1);
  out.rope.original_context = static_cast<int>(original.value_or(0));
  const std::string& t = *type;
  if (t == "default" || t == "mrope" || t == "llama3" || t == "longrope" || t == "su") return out;
  if (t != "linear" && t != "dynamic" && t != "yarn") {
    d.push_back({"config.unsupported", kSev, field + ".rope_type",
                 "RoPE scaling type \"" + t + "\" is not known here; the context is taken as "
                 "max_position_embeddings."});
    return out;
  }
  if (!factor) {
    d.push_back({"config.missing_field", kSev, field + ".factor",
                 "\"" + field + "\" of type " + t + " has no \"factor\"; the context is taken as "
                 "max_position_embeddings."});
    return out;
  }
  if (m.model_type.find("gemma3") != std::string::npos) return out;
  const double from = t == "yarn" && original ? static_cast<double>(*original) : static_cast<double>(m.max_context);
  const double scaled = from * *factor;
  if (scaled > static_cast<double>(kMaxContext)) {
    d.push_back({"config.out_of_range", kSev, field + ".factor",
                 "RoPE scaling by " + number_text(*factor) + " gives " + number_text(scaled) + " tokens, more than " +
                     std::to_string(kMaxContext) + "; the context is taken as max_position_embeddings."});
    return out;
  }
  out.context = static_cast<long long>(scaled);
  return out;
}

void apply_rope_scaling(ModelArch& m, const Reader& r) {
  if (m.learned_positions) return;  // absolute position table (GPT-2, StarCoder): no RoPE
  std::string field = "rope_scaling";
  const json* rope = r.find("rope_scaling");
  if (rope == nullptr) {
    field = "rope_parameters";
    rope = r.find("rope_parameters");
  }
  if (rope == nullptr) return;
  if (!rope->is_object()) {
    r.diags.push_back({"config.bad_type", Severity::kWarning, field,
                       "\"" + field + "\" must be an object; the context is taken as max_position_embeddings."});
    return;
  }
  // transformers v5 may nest rope_parameters per layer type ({"full_attention": {...}, "sliding_attention": ...}).
  const bool nested =
      !rope->empty() && std::all_of(rope->begin(), rope->end(), [](const json& v) { return v.is_object(); });
  std::vector<std::pair<std::string, const json*>> entries;
  if (nested) {
    for (auto it = rope->begin(); it != rope->end(); ++it) entries.emplace_back(field + "." + it.key(), &*it);
  } else {
    entries.emplace_back(field, rope);
  }
  // The longest context any entry supports (vLLM scales by the scaled entry's factor); on a tie, a named type.
  std::optional<RopeEntry> best;
  for (const auto& [name, e] : entries) {
    auto entry = rope_entry(*e, name, m, r.diags);
    if (entry && (!best || entry->context > best->context ||
                  (entry->context == best->context && best->rope.type.empty())))
      best = std::move(entry);
  }
  if (!best) return;
  m.rope = best->rope;
  m.max_context = static_cast<int>(best->context);
}

}  // namespace

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

ParsedConfig parse_hf_config(std::string_view text) {
  ParsedConfig out;
  if (auto bad = json_util::check_shape(text, kMaxConfigBytes, kMaxJsonDepth)) {
    out.diagnostics.push_back(*bad);
    return out;
  }
  const json root = json_util::parse(text);
  if (root.is_discarded() || !root.is_object()) {
    out.diagnostics.push_back({"config.not_json", Severity::kError, "", "This is not a JSON object (config.json)."});
    return out;
  }
  const json* text_config = json_util::find(root, "text_config");
  const json& primary = text_config != nullptr && text_config->is_object() ? *text_config : root;
  Reader r{primary, root, out.diagnostics};

  ModelArch m;
  m.model_type = r.string("model_type").value_or("");
  if (const json* a = json_util::find(root, "architectures"); a != nullptr && a->is_array() && !a->empty() && (*a)[0].is_string())
    m.name = (*a)[0].get<std::string>();
  const std::string& t = m.model_type;
  const bool falcon = t == "falcon" || t == "RefinedWeb" || t == "RefinedWebModel";
  const bool bigcode = t == "gpt_bigcode" || t == "gpt2";

  m.hidden_size = r.required("hidden_size", 1, 1 << 20, {"n_embd", "d_model"});
  m.num_layers = r.required("num_hidden_layers", 1, 10000, {"n_layer", "n_layers"});
  m.num_heads = r.required("num_attention_heads", 1, 100000, {"n_head"});
  m.vocab_size = r.required("vocab_size", 1, 100'000'000);
  if (has_errors(out.diagnostics)) return out;

  m.num_kv_heads = r.integer_any({"num_key_value_heads", "num_kv_heads", "n_head_kv"}, 1, 100000)
                       .value_or((falcon && r.boolean("multi_query").value_or(true) &&
                                          !r.boolean("new_decoder_architecture").value_or(false)) ||
                                                 (t == "gpt_bigcode" && r.boolean("multi_query").value_or(true))
                                             ? 1
                                             : m.num_heads);
  m.head_dim = r.integer_any({"head_dim", "attention_head_dim"}, 1, 100000).value_or(m.hidden_size / m.num_heads);
  if (m.num_heads % m.num_kv_heads != 0)
    out.diagnostics.push_back({"config.inconsistent", Severity::kError, "num_key_value_heads",
                               "num_attention_heads (" + std::to_string(m.num_heads) +
                                   ") is not a multiple of num_key_value_heads (" + std::to_string(m.num_kv_heads) + ")."});
  m.intermediate_size =
      r.integer_any({"intermediate_size", "ffn_hidden_size", "n_inner"}, 1, 1 << 24).value_or(4 * m.hidden_size);

  const bool plain_mlp = falcon || bigcode || type_in(t, {"gpt2", "gpt_neox", "phi", "starcoder2", "bloom", "opt", "nemotron_h", "nemotron"});
  m.mlp = plain_mlp ? MlpKind::kPlain : MlpKind::kGated;
  m.norm = falcon || bigcode || type_in(t, {"phi", "gpt_neox", "starcoder2", "stablelm"}) ? NormKind::kLayer : NormKind::kRms;
  if (type_in(t, {"gemma2", "gemma3", "gemma3_text"})) m.norms_per_layer = 4;
  if (falcon) m.norms_per_layer = r.boolean("new_decoder_architecture").value_or(false) ? 2 : 1;
  m.qk_norm = type_in(t, {"qwen3", "qwen3_moe", "gemma3", "gemma3_text", "olmo2"});
  m.qk_norm_full = t == "olmo2";
  m.tie_embeddings = r.boolean("tie_word_embeddings")
                         .value_or(type_in(t, {"gemma", "gemma2", "gemma3", "gemma3_text"}) || falcon || bigcode);
  const bool attention_bias = r.boolean("attention_bias").value_or(r.boolean("bias").value_or(bigcode));
  m.qkv_bias = attention_bias || type_in(t, {"qwen2", "qwen2_moe", "qwen2_vl", "qwen2_5_vl"}) ||
               r.boolean("qkv_bias").value_or(false);
  m.o_bias = attention_bias;
  m.mlp_bias = r.boolean("mlp_bias").value_or(falcon ? r.boolean("bias").value_or(false) : bigcode);
  m.learned_positions = bigcode;
  m.attention_sinks = t == "gpt_oss";
  m.sliding_window = r.integer("sliding_window", 0, 1 << 30).value_or(0);
  m.max_context = r.integer_any({"max_position_embeddings", "n_positions"}, 1, 1 << 30).value_or(0);
  apply_rope_scaling(m, r);
  m.mtp_layers = r.integer("num_nextn_predict_layers", 0, 100).value_or(0);

  // Mixture of experts.
  m.moe.num_experts = r.integer_any({"num_local_experts", "num_experts", "n_routed_experts"}, 0, 100000).value_or(0);
  if (m.moe.num_experts > 0) {
    m.moe.experts_per_token = r.integer("num_experts_per_tok", 1, 100000).value_or(2);
    m.moe.expert_intermediate_size = r.integer("moe_intermediate_size", 1, 1 << 24).value_or(m.intermediate_size);
    m.moe.num_shared_experts = r.integer("n_shared_experts", 0, 1000).value_or(0);
    m.moe.shared_intermediate_size = r.integer("moe_shared_expert_intermediate_size", 1, 1 << 24)
                                         .value_or(m.moe.expert_intermediate_size);
    if (auto shared = r.integer("shared_expert_intermediate_size", 0, 1 << 24); shared && *shared > 0) {
      m.moe.num_shared_experts = 1;  // Qwen2/Qwen3-MoE: one shared expert of this width, with a sigmoid gate
      m.moe.shared_intermediate_size = *shared;
      m.moe.shared_expert_gate = true;
    }
    m.moe.router_bias = t == "gpt_oss";
    m.moe.expert_bias = t == "gpt_oss";
    m.moe.router_correction_bias = r.string("topk_method").value_or("") == "noaux_tc";
    if (m.moe.experts_per_token > m.moe.num_experts)
      out.diagnostics.push_back({"config.inconsistent", Severity::kError, "num_experts_per_tok",
                                 "num_experts_per_tok exceeds the number of experts."});
  }

  // Multi-head latent attention.
  m.mla.kv_lora_rank = r.integer("kv_lora_rank", 0, 1 << 20).value_or(0);
  if (m.mla.enabled()) {
    m.mla.q_lora_rank = r.integer("q_lora_rank", 0, 1 << 20).value_or(0);
    m.mla.qk_nope_head_dim = r.integer("qk_nope_head_dim", 0, 1 << 16).value_or(128);
    m.mla.qk_rope_head_dim = r.integer("qk_rope_head_dim", 0, 1 << 16).value_or(64);
    m.mla.v_head_dim = r.integer("v_head_dim", 0, 1 << 16).value_or(128);
    m.head_dim = m.mla.qk_nope_head_dim + m.mla.qk_rope_head_dim;
  }

  // Mamba-2 mixers of hybrid models.
  m.mamba.num_heads = r.integer("mamba_num_heads", 0, 1 << 20).value_or(0);
  m.mamba.head_dim = r.integer("mamba_head_dim", 0, 1 << 20).value_or(64);
  m.mamba.state_size = r.integer("ssm_state_size", 0, 1 << 20).value_or(128);
  m.mamba.num_groups = r.integer("n_groups", 1, 1 << 20).value_or(1);
  m.mamba.conv_kernel = r.integer("conv_kernel", 1, 1024).value_or(4);
  m.mamba.conv_bias = r.boolean("use_conv_bias").value_or(true);

  if (has_errors(out.diagnostics)) return out;
  if (!assign_hybrid_pattern(m, r)) {
    assign_layer_kinds(m, r);
    assign_moe_layers(m, r);
  } else if (t == "nemotron_h" && m.moe.num_experts > 0) {
    m.mlp = MlpKind::kPlain;
  }
  if (m.name.empty()) m.name = m.model_type;
  out.checkpoint_format = checkpoint_format_of(r);
  if (has_errors(out.diagnostics)) return out;
  out.model = std::move(m);
  return out;
}

}  // namespace vramfit
