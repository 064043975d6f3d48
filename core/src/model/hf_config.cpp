// config.json -> ModelArch. Defaults per model_type follow the Hugging Face config classes
// (transformers models/<arch>/configuration_<arch>.py) and their modeling code.
#include "vramfit/hf_config.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include "model/hf_reader.h"
#include "base/json_util.h"
#include "vramfit/weight_format.h"

namespace vramfit {
namespace {

using json_util::json;

constexpr std::size_t kMaxConfigBytes = 4 << 20;

using namespace hf;  // the field readers (hf_reader.h)

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
