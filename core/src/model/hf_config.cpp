// config.json -> ModelArch. Defaults per model_type follow the Hugging Face config classes
// (transformers models/<arch>/configuration_<arch>.py) and their modeling code.
#include "vramfit/hf_config.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>
#include <set>
#include <vector>

#include "model/hf_reader.h"
#include "base/json_util.h"
#include "vramfit/format.h"
#include "vramfit/weight_format.h"

namespace vramfit {
namespace {

using json_util::json;

constexpr std::size_t kMaxConfigBytes = 4 << 20;

using namespace hf;  // the field readers (hf_reader.h)

// Which layers slide: the family's fixed pattern when config.json gives no layer_types.
void assign_layer_kinds(ModelArch& m, const Reader& r) {
  m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
  if (m.sliding_window <= 0) return;
  const std::string& t = m.model_type;
  if (t == "gemma2") {
    for (int i = 0; i < m.num_layers; i += 2) m.layers[static_cast<std::size_t>(i)].mixer = MixerKind::kSlidingAttention;
  } else if (t == "gemma3" || t == "gemma3_text") {
    const int pattern = r.integer("sliding_window_pattern", 1, 1000).value_or(6);
    for (int i = 0; i < m.num_layers; ++i)
      if ((i + 1) % pattern != 0) m.layers[static_cast<std::size_t>(i)].mixer = MixerKind::kSlidingAttention;
  } else if (type_in(t, {"olmo3", "exaone4"})) {
    // configuration_olmo3.py / configuration_exaone4.py: all but every 4th layer slide (sliding_window_pattern).
    const int pattern = r.integer("sliding_window_pattern", 1, 1000).value_or(4);
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

}  // namespace

void hf::assign_moe_layers(ModelArch& m, const Reader& r) {
  // Nothing to place when there are no experts, or when the layer pattern could not be read (already an error).
  if (m.moe.num_experts <= 0 || m.layers.size() != static_cast<std::size_t>(m.num_layers)) return;
  const int first_dense = r.integer("first_k_dense_replace", 0, 100000).value_or(0);
  // moe_layer_freq is a step (DeepSeek) or a per-layer 0/1 list (MiMo-V2).
  std::vector<int> per_layer;
  if (const json* f = r.find("moe_layer_freq"); f != nullptr && f->is_array()) {
    for (const json& x : *f) per_layer.push_back(x.is_number() ? x.get<int>() : x.is_boolean() ? x.get<bool>() : -1);
    if (per_layer.size() != static_cast<std::size_t>(m.num_layers) ||
        std::any_of(per_layer.begin(), per_layer.end(), [](int x) { return x != 0 && x != 1; })) {
      r.report({"config.bad_type", Severity::kError, "moe_layer_freq",
                "\"moe_layer_freq\" must be a number or a list of 0/1 with one entry per layer."});
      return;
    }
  }
  const int step = per_layer.empty() ? std::max(1, r.integer_any({"decoder_sparse_step", "moe_layer_freq"}, 1, 1000).value_or(1)) : 1;
  std::vector<int> mlp_only;
  if (const json* v = r.find("mlp_only_layers"); v != nullptr && v->is_array())
    for (const json& x : *v)
      if (x.is_number_integer()) mlp_only.push_back(x.get<int>());
  std::vector<std::string> mlp_types;
  if (const json* v = r.find("mlp_layer_types"); v != nullptr && v->is_array() && v->size() == static_cast<std::size_t>(m.num_layers))
    for (const json& x : *v) mlp_types.push_back(x.is_string() ? x.get<std::string>() : "");
  for (int i = 0; i < m.num_layers; ++i) {
    const auto u = static_cast<std::size_t>(i);
    bool dense = i < first_dense || (i + 1) % step != 0 ||
                 std::find(mlp_only.begin(), mlp_only.end(), i) != mlp_only.end();
    if (!per_layer.empty()) dense = per_layer[u] == 0;
    if (!mlp_types.empty()) dense = mlp_types[u] != "sparse";
    m.layers[u].moe = m.layers[u].moe || !dense;
  }
}

namespace {

// Families this reader has been taught (their keys and defaults); any other model_type is read as Llama, out loud.
bool known_model_type(const std::string& t) {
  return type_in(t, {"llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "qwen2_vl",
                     "qwen2_5_vl", "gemma", "gemma2", "gemma3", "gemma3_text", "gpt_oss", "deepseek_v2",
                     "deepseek_v3", "kimi_k2", "phi", "phi3", "olmo2", "starcoder2", "falcon", "RefinedWeb",
                     "RefinedWebModel", "gpt2", "gpt_bigcode", "gpt_neox", "stablelm", "granite", "nemotron",
                     "nemotron_h", "bloom", "opt", "qwen3_next", "qwen3_5", "qwen3_5_text", "qwen3_5_moe",
                     "qwen3_5_moe_text", "llama4", "llama4_text", "jamba", "granitemoehybrid", "nemotron-nas",
                     "hunyuan", "hunyuan_v1_moe", "hunyuan_v1_dense", "cohere", "cohere2", "lfm2", "smollm3",
                     "exaone4", "seed_oss", "olmo3", "deepseek_v32", "minimax_m2", "qwen3_vl", "qwen3_vl_text",
                     "granitemoe", "glm_moe_dsa", "mimo_v2_flash", "mimo_v2", "falcon_h1"});
}

// Architectures recognised but not modelled: what makes each one different, for the refusal.
const char* unmodelled_architecture(const std::string& t) {
  if (t == "deepseek_v4")
    return "DeepSeek-V4's compressed attention (compress_ratios), hyper-connections (hc_mult) and grouped low-rank "
           "output projection (o_lora_rank) are not modelled.";
  if (t == "gemma3n" || t == "gemma3n_text")
    return "Gemma-3n's per-layer embeddings, AltUp and LAuReL blocks and KV sharing are not modelled.";
  if (t == "gemma4" || t == "gemma4_text")
    return "Gemma-4's global layers with their own head size and KV heads (global_head_dim, "
           "num_global_key_value_heads, attention_k_eq_v) and its MoE block beside the dense MLP are not modelled.";
  if (t == "kimi_linear")
    return "Kimi Delta Attention (KDA) linear-attention layers are not modelled.";
  if (t == "minimax_m3_vl" || t == "minimax_m3")
    return "MiniMax-M3's gated attention output and its dense and MoE layer mix are not modelled.";
  return nullptr;
}

// Encoders, encoder-decoders and vision or speech towers: their config.json describes no decoder LLM.
bool non_decoder_type(const std::string& t) {
  return type_in(t, {"bert", "roberta", "xlm-roberta", "distilbert", "albert", "electra", "deberta", "deberta-v2",
                     "modernbert", "clip", "clip_vision_model", "clip_text_model", "siglip", "siglip_vision_model",
                     "siglip_text_model", "siglip2", "vit", "dinov2", "whisper", "t5", "mt5", "umt5", "longt5",
                     "bart", "mbart", "marian", "pegasus", "encoder-decoder", "vision-encoder-decoder",
                     "speech-encoder-decoder", "wav2vec2", "hubert"});
}

// Recurrent models without attention layers, which the per-layer model does not describe yet.
bool attention_free_type(const std::string& t) {
  return type_in(t, {"mamba", "mamba2", "falcon_mamba", "rwkv", "rwkv5", "rwkv6", "rwkv7", "xlstm"});
}

// An error when the config is not a decoder-only language model this reader can describe; names what it is.
bool refuse_unsupported(const json& root, const Reader& r, Diagnostics& d) {
  const std::string top = json_util::string(root, "model_type").value_or("");
  const std::string text = r.string("model_type").value_or("");
  for (const std::string& t : {top, text}) {
    if (non_decoder_type(t)) {
      d.push_back({"config.not_decoder", Severity::kError, "model_type",
                   "model_type \"" + t + "\" is not a decoder-only language model; vramfit estimates those only."});
      return true;
    }
    if (attention_free_type(t)) {
      d.push_back({"config.unsupported", Severity::kError, "model_type",
                   "model_type \"" + t + "\" is a recurrent model without attention layers, which vramfit does not "
                   "model."});
      return true;
    }
  }
  if (r.boolean("is_encoder_decoder").value_or(false)) {
    d.push_back({"config.not_decoder", Severity::kError, "is_encoder_decoder",
                 "\"is_encoder_decoder\" is true: not a decoder-only language model; vramfit estimates those only."});
    return true;
  }
  return false;
}

// Keys a reader that does not know the family should name: those that look like they shape the network (layer
// patterns, experts, heads, widths, mixers) and that nothing read. Not: numerics, token ids, dropout, routing.
bool shapes_the_network(const std::string& key) {
  static const char* const kHarmless[] = {"rms_norm_eps", "layer_norm_eps", "layer_norm_epsilon", "norm_eps",
                                          "norm_epsilon", "initializer_range", "n_group", "topk_group",
                                          "norm_topk_prob", "output_router_logits", "router_aux_loss_coef",
                                          "routed_scaling_factor", "partial_rotary_factor", "hidden_act",
                                          "hidden_activation", "use_cache", "pretraining_tp", "ep_size",
                                          "attn_implementation", "use_flash_attn", "use_flash_attention",
                                          "time_step_limit", "time_step_min", "time_step_max", "time_step_floor",
                                          "text_config", "vision_config", "audio_config"};
  static const char* const kHarmlessEnds[] = {"_dropout", "_pdrop", "_eps", "_epsilon", "_token_id", "_token_ids",
                                              "_token_index", "_coef", "_multiplier", "_softcapping", "_range",
                                              "_std", "_scale", "_theta", "_act", "_activation"};
  static const char* const kShaping[] = {"layer", "expert", "head", "hidden", "intermediate", "size", "dim",
                                         "period", "interval", "offset", "step", "freq", "rank", "mamba", "ssm",
                                         "conv", "state", "block", "share", "cross", "moe", "mlp", "ffn", "inner",
                                         "group", "attn", "attention", "linear", "kv", "window", "chunk",
                                         "pattern", "sparse", "dense", "num_", "n_", "bias", "embed", "gate",
                                         "norm", "index", "lora", "cla", "top_k", "topk"};
  if (key.empty() || key[0] == '_' || key.rfind("rope", 0) == 0) return false;
  for (const char* h : kHarmless)
    if (key == h) return false;
  for (const char* end : kHarmlessEnds) {
    const std::string e = end;
    if (key.size() > e.size() && key.compare(key.size() - e.size(), e.size(), e) == 0) return false;
  }
  return std::any_of(std::begin(kShaping), std::end(kShaping),
                     [&](const char* s) { return key.find(s) != std::string::npos; });
}

// An unknown model_type is read as Llama; the warning says so and names the keys that went unread.
void warn_unknown_model_type(const ModelArch& m, const Reader& r) {
  if (m.model_type.empty() || known_model_type(m.model_type)) return;
  std::set<std::string> unread;
  for (const json* obj : {&r.primary, &r.fallback})
    for (auto it = obj->begin(); it != obj->end(); ++it)
      if (!it->is_null() && !r.keys_read.count(it.key()) && shapes_the_network(it.key())) unread.insert(it.key());
  std::string detail = "model_type \"" + m.model_type + "\" is not one vramfit knows; it is read as llama, with " +
                       "Llama's defaults, which may not match this architecture.";
  if (!unread.empty()) {
    constexpr std::size_t kShown = 12;
    std::string keys;
    std::size_t n = 0;
    for (const auto& k : unread)
      if (n++ < kShown) keys += (keys.empty() ? "" : ", ") + k;
    if (unread.size() > kShown) keys += ", and " + std::to_string(unread.size() - kShown) + " more";
    detail += " Keys not understood that may change the architecture: " + keys + ".";
  }
  r.diags.push_back({"config.unknown_model_type", Severity::kWarning, "model_type", detail});
}

void warn_implausible(const ModelArch& m, const Reader& r) {
  for (auto& d : implausible_sizes(m, r.find("head_dim") != nullptr)) r.diags.push_back(std::move(d));
}

// The FFN width when config.json states none. Families whose transformers code derives it get their rule
// (transformers v4.46.0): GPT-2 and GPTBigCode, n_inner None -> 4 x hidden (modeling_gpt2.py,
// modeling_gpt_bigcode.py); Falcon, ffn_hidden_size None -> 4 x hidden (configuration_falcon.py); BLOOM, always
// 4 x hidden (modeling_bloom.py BloomMLP). Others default to a fixed number that fits one model (LlamaConfig:
// 11008), so 4 x hidden is assumed with a warning.
int default_intermediate_size(const ModelArch& m, const Reader& r) {
  const std::string& t = m.model_type;
  const int four_h = 4 * m.hidden_size;
  if (type_in(t, {"gpt2", "gpt_bigcode", "falcon", "RefinedWeb", "RefinedWebModel", "bloom"})) return four_h;
  r.diags.push_back({"config.assumed", Severity::kWarning, "intermediate_size",
                     "config.json has no \"intermediate_size\"; the MLP width is assumed to be 4 x hidden_size = " +
                         std::to_string(four_h) + ", which may not be this model's."});
  return four_h;
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
  const json_util::ParsedText parsed = json_util::parse_python(text);
  if (parsed.error) {
    out.diagnostics.push_back({"config.not_json", Severity::kError, "",
                               "config.json is not valid JSON: line " + std::to_string(parsed.error->line) +
                                   ", column " + std::to_string(parsed.error->column) + ": " + parsed.error->what +
                                   "."});
    return out;
  }
  const json& root = parsed.value;
  if (!root.is_object()) {
    out.diagnostics.push_back({"config.not_json", Severity::kError, "",
                               "This is not a JSON object (config.json): the text is " + json_kind(root) + "."});
    return out;
  }
  const json* text_config = json_util::find(root, "text_config");
  const json& primary = text_config != nullptr && text_config->is_object() ? *text_config : root;
  Reader r{primary, root, out.diagnostics};

  if (refuse_unsupported(root, r, out.diagnostics)) return out;
  ModelArch m;
  m.model_type = r.string("model_type").value_or("");
  // GLM-5.2 and later share one indexer between layers (indexer_types "shared"), which is not modelled.
  if (const json* it = r.find("indexer_types"); it != nullptr && it->is_array())
    for (const json& x : *it)
      if (x.is_string() && x.get<std::string>() != "full") {
        out.diagnostics.push_back({"config.unsupported", Severity::kError, "indexer_types",
                                   "model_type \"" + m.model_type + "\" is not supported: its sparse-attention indexer "
                                   "shared across layers (indexer_types \"" + x.get<std::string>() + "\") is not modelled."});
        return out;
      }
  if (const char* why = unmodelled_architecture(m.model_type)) {
    out.diagnostics.push_back({"config.unsupported", Severity::kError, "model_type",
                               "model_type \"" + m.model_type + "\" is not supported: " + why});
    return out;
  }
  if (const json* a = json_util::find(root, "architectures"); a != nullptr && a->is_array() && !a->empty() && (*a)[0].is_string())
    m.name = (*a)[0].get<std::string>();
  const std::string& t = m.model_type;
  const bool falcon = t == "falcon" || t == "RefinedWeb" || t == "RefinedWebModel";
  const bool bigcode = t == "gpt_bigcode" || t == "gpt2";

  m.hidden_size = r.required("hidden_size", 1, 1 << 20, {"n_embd", "d_model"});
  // Nemotron-3 Ultra leaves num_hidden_layers null and lists its blocks in layers_block_type.
  const json* blocks = r.find("num_hidden_layers") == nullptr ? r.find("layers_block_type") : nullptr;
  m.num_layers = blocks != nullptr && blocks->is_array() && !blocks->empty() && blocks->size() <= 10000
                     ? static_cast<int>(blocks->size())
                     : r.required("num_hidden_layers", 1, 10000, {"n_layer", "n_layers"});
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
  // OPT: ffn_dim (configuration_opt.py).
  const auto intermediate = r.integer_any({"intermediate_size", "ffn_hidden_size", "n_inner", "ffn_dim", "block_ff_dim"}, 1, 1 << 24);
  if (has_errors(out.diagnostics)) return out;
  m.intermediate_size = intermediate.value_or(0);  // 0: resolved once the layers are known (only dense MLPs need it)

  const bool plain_mlp = falcon || bigcode || type_in(t, {"gpt2", "gpt_neox", "phi", "starcoder2", "bloom", "opt", "nemotron_h", "nemotron"});
  m.mlp = plain_mlp ? MlpKind::kPlain : MlpKind::kGated;
  m.norm = falcon || bigcode || type_in(t, {"phi", "gpt_neox", "starcoder2", "stablelm"}) ? NormKind::kLayer : NormKind::kRms;
  if (type_in(t, {"gemma2", "gemma3", "gemma3_text"})) m.norms_per_layer = 4;
  if (falcon) m.norms_per_layer = r.boolean("new_decoder_architecture").value_or(false) ? 2 : 1;
  // Per-head q/k RMSNorms: Qwen3, Gemma 3, EXAONE-4 (configuration and modeling of each); over the whole
  // projection: OLMo-2/3 and MiniMax-M2 (qk_norm_type "per_layer"; modular_minimax_m2.py 001f85b).
  const bool minimax_qk = t == "minimax_m2" && r.boolean("use_qk_norm").value_or(true);
  m.qk_norm = type_in(t, {"qwen3", "qwen3_moe", "qwen3_vl", "qwen3_vl_text", "gemma3", "gemma3_text", "olmo2", "olmo3",
                          "exaone4"}) ||
              minimax_qk;
  m.qk_norm_full = type_in(t, {"olmo2", "olmo3"}) || minimax_qk;
  // Tied by default in the configuration classes of Gemma, Cohere (configuration_cohere*.py), SmolLM3
  // (configuration_smollm3.py) and LFM2 (configuration_lfm2.py, also as tie_embedding).
  m.tie_embeddings = r.boolean("tie_word_embeddings")
                         .value_or(r.boolean("tie_embedding")
                                       .value_or(type_in(t, {"gemma", "gemma2", "gemma3", "gemma3_text", "cohere",
                                                             "cohere2", "smollm3", "lfm2"}) ||
                                                 falcon || bigcode));
  const bool attention_bias = r.boolean("attention_bias").value_or(r.boolean("bias").value_or(bigcode));
  m.qkv_bias = attention_bias || type_in(t, {"qwen2", "qwen2_moe", "qwen2_vl", "qwen2_5_vl"}) ||
               r.boolean("qkv_bias").value_or(false);
  // Seed-OSS: q/k/v biases without an output bias (configuration_seed_oss.py attention_out_bias).
  m.o_bias = r.boolean("attention_out_bias").value_or(attention_bias);
  m.mlp_bias = r.boolean("mlp_bias").value_or(falcon ? r.boolean("bias").value_or(false) : bigcode);
  m.learned_positions = bigcode;
  m.attention_sinks = t == "gpt_oss";
  m.sliding_window = r.integer("sliding_window", 0, 1 << 30).value_or(0);
  m.max_context = r.integer_any({"max_position_embeddings", "n_positions"}, 1, 1 << 30).value_or(0);
  apply_rope_scaling(m, r);
  m.mtp_layers = r.integer("num_nextn_predict_layers", 0, 100).value_or(0);
  if (type_in(t, {"deepseek_v3", "deepseek_v32", "kimi_k2"})) m.mtp_style = MtpStyle::kDeepSeek;
  if (type_in(t, {"glm4_moe", "glm_moe_dsa"})) m.mtp_style = MtpStyle::kGlm;

  // Mixture of experts (Hunyuan's per-layer lists are read by its family reader).
  const bool family_moe = type_in(t, {"hunyuan", "hunyuan_v1_moe", "hunyuan_v1_dense"});
  if (!family_moe)
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
    // DeepSeek-V3's e_score_correction_bias; MiniMax-M2 keeps the same buffer with use_routing_bias.
    m.moe.router_correction_bias = r.string("topk_method").value_or("") == "noaux_tc" ||
                                   (t == "minimax_m2" && r.boolean("use_routing_bias").value_or(false));
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
    // DeepSeek-V3.2's lightning indexer (configuration_deepseek_v32.py: index_n_heads 64, index_head_dim 128);
    // GLM-5 (glm_moe_dsa) has the same indexer on every layer.
    if (t == "deepseek_v32" || t == "glm_moe_dsa") {
      m.indexer.num_heads = r.integer("index_n_heads", 1, 1 << 16).value_or(64);
      m.indexer.head_dim = r.integer("index_head_dim", 1, 1 << 16).value_or(128);
    }
  }

  // Mamba-2 mixers of hybrid models.
  m.mamba.num_heads = r.integer("mamba_num_heads", 0, 1 << 20).value_or(0);
  m.mamba.head_dim = r.integer("mamba_head_dim", 0, 1 << 20).value_or(64);
  m.mamba.state_size = r.integer("ssm_state_size", 0, 1 << 20).value_or(128);
  m.mamba.num_groups = r.integer("n_groups", 1, 1 << 20).value_or(1);
  m.mamba.conv_kernel = r.integer("conv_kernel", 1, 1024).value_or(4);
  m.mamba.conv_bias = r.boolean("use_conv_bias").value_or(true);

  if (has_errors(out.diagnostics)) return out;
  if (!read_family_layers(m, r)) {
    if (!read_layer_types(m, r)) assign_layer_kinds(m, r);
    assign_moe_layers(m, r);
  }
  if (has_errors(out.diagnostics)) return out;
  if (m.layers.size() != static_cast<std::size_t>(m.num_layers)) {
    out.diagnostics.push_back({"config.inconsistent", Severity::kError, "num_hidden_layers",
                               "The layer pattern does not describe num_hidden_layers layers."});
    return out;
  }
  // The dense MLP width is needed only when some layer has a dense MLP of the model's width.
  const bool needs_width = std::any_of(m.layers.begin(), m.layers.end(), [](const LayerSpec& l) {
    return l.has_mlp && !l.moe && !l.ffn_linear && l.ffn_width == 0;
  });
  if (m.intermediate_size <= 0) {
    if (needs_width) m.intermediate_size = default_intermediate_size(m, r);
    else m.intermediate_size = m.moe.expert_intermediate_size;
  }
  if (m.moe.num_experts > 0 && m.moe.expert_intermediate_size <= 0) m.moe.expert_intermediate_size = m.intermediate_size;
  if (m.moe.num_experts > 0 && m.moe.shared_intermediate_size <= 0) m.moe.shared_intermediate_size = m.moe.expert_intermediate_size;
  if (m.name.empty()) m.name = m.model_type;
  read_towers(m, root, out.diagnostics);
  out.checkpoint_format = checkpoint_format_of(r);
  if (has_errors(out.diagnostics)) return out;
  warn_unknown_model_type(m, r);
  warn_implausible(m, r);
  out.model = std::move(m);
  return out;
}

}  // namespace vramfit
