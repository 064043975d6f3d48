// config.json's rope_scaling / rope_parameters -> ModelArch::rope and the context length the model supports.
#include <string>

#include "model/hf_reader.h"

namespace vramfit::hf {
namespace {

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

}  // namespace

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

}  // namespace vramfit::hf
