// config.json's quantization_config (GPTQ, AWQ, FP8, bitsandbytes, MXFP4, compressed-tensors) or torch_dtype ->
// the weight format id the estimate uses (weight_format.h).
#include <string>
#include <vector>

#include "model/hf_reader.h"
#include "vramfit/weight_format.h"

namespace vramfit::hf {
namespace {

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
  const bool symmetric = boolean_field(w, "symmetric", field + ".symmetric", kSev, d).value_or(true);
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
    const std::size_t before = r.diags.size();
    const bool int8 = boolean_field(q, "load_in_8bit", field + ".load_in_8bit", kSev, r.diags).value_or(false);
    const std::string type =
        string_field(q, "bnb_4bit_quant_type", field + ".bnb_4bit_quant_type", kSev, r.diags).value_or("nf4");
    const bool dq =
        boolean_field(q, "bnb_4bit_use_double_quant", field + ".bnb_4bit_use_double_quant", kSev, r.diags)
            .value_or(false);
    if (r.diags.size() != before) return *method;  // unreadable: never a format the block did not state
    if (int8) return "int8";
    return type + (dq ? "-dq" : "");
  }
  return *method;
}

}  // namespace

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

}  // namespace vramfit::hf
