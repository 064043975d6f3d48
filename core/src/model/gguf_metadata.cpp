// GGUF metadata -> numbers, and -> config.json keys (llama.cpp's keys per architecture, src/llama-arch.cpp and
// src/llama-model.cpp load_hparams), so that the config.json parser describes GGUF files too.
#include "model/gguf_metadata.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>

namespace vramfit::gguf {

// llama.cpp architecture name -> Hugging Face model_type, for the architectures whose layout the core knows.
std::string model_type_of(const std::string& arch) {
  static const std::map<std::string, std::string> kTypes = {
      {"llama", "llama"}, {"qwen2", "qwen2"}, {"qwen3", "qwen3"}, {"qwen2moe", "qwen2_moe"},
      {"qwen3moe", "qwen3_moe"}, {"gemma", "gemma"}, {"gemma2", "gemma2"}, {"gemma3", "gemma3_text"},
      {"gpt-oss", "gpt_oss"}, {"deepseek2", "deepseek_v3"}, {"phi3", "phi3"}, {"olmo2", "olmo2"},
      {"starcoder2", "starcoder2"}, {"falcon", "falcon"}, {"gpt2", "gpt2"}, {"starcoder", "gpt_bigcode"},
      {"stablelm", "stablelm"}, {"mistral3", "mistral"}, {"granite", "granite"}, {"qwen3next", "qwen3_next"},
      {"qwen35", "qwen3_5_text"}, {"qwen35moe", "qwen3_5_moe_text"}, {"jamba", "jamba"}, {"lfm2", "lfm2"},
      {"llama4", "llama4_text"}, {"granitehybrid", "granitemoehybrid"}, {"nemotron_h", "nemotron_h"},
      {"nemotron_h_moe", "nemotron_h"}, {"falcon-h1", "falcon_h1"}};
  auto it = kTypes.find(arch);
  return it == kTypes.end() ? std::string() : it->second;
}

const json* meta_at(const json& meta, const std::string& key) {
  auto it = meta.find(key);
  return it == meta.end() || it->is_null() ? nullptr : &*it;
}

// A number, or the largest element of a per-layer array (head counts vary by layer in some models).
// Values are clamped to +-1e15 (exact in a double, safe to convert to 64-bit integers); the config parser's
// own ranges then refuse what no model has.
std::optional<double> meta_number(const json& meta, const std::string& key) {
  const json* v = meta_at(meta, key);
  if (v == nullptr) return std::nullopt;
  std::optional<double> out;
  if (v->is_number()) {
    out = v->get<double>();
  } else if (v->is_array()) {
    for (const json& x : *v)
      if (x.is_number()) out = std::max(out.value_or(0.0), x.get<double>());
  }
  if (out && !std::isfinite(*out)) return std::nullopt;
  if (out) out = std::clamp(*out, -1e15, 1e15);
  return out;
}

int meta_int(const json& meta, const std::string& key, int fallback) {
  const auto v = meta_number(meta, key);
  return v ? static_cast<int>(std::clamp(*v, -2e9, 2e9)) : fallback;
}

namespace {

// A per-layer value (llama.cpp get_key_or_arr): the array's element il, or the one number for every layer.
std::optional<double> meta_layer(const json& meta, const std::string& key, int il) {
  const json* v = meta_at(meta, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_number()) return v->get<double>();
  if (v->is_array() && il >= 0 && static_cast<std::size_t>(il) < v->size() && (*v)[static_cast<std::size_t>(il)].is_number())
    return (*v)[static_cast<std::size_t>(il)].get<double>();
  return std::nullopt;
}

// Hybrid and per-layer families: llama.cpp's recurrent (ssm.*, shortconv.*) keys and per-layer arrays, rewritten
// as their config.json keys (the inverse of the writer, core/tools/src/gguf_writer.cpp; llama-model.cpp
// load_hparams per architecture: a layer with head_count_kv 0 is recurrent for jamba, granitehybrid, lfm2 and
// nemotron_h; qwen3next fixes one attention layer in four).
void family_config(json& c, const std::string& arch, const json& meta, const std::set<std::string>& names) {
  const std::string a = arch + ".";
  const int layers = meta_int(meta, a + "block_count", 0);
  if (layers <= 0 || layers > 100000) return;
  const double hidden = meta_number(meta, a + "embedding_length").value_or(0);
  const double conv = meta_number(meta, a + "ssm.conv_kernel").value_or(0);
  const double inner = meta_number(meta, a + "ssm.inner_size").value_or(0);
  const double state = meta_number(meta, a + "ssm.state_size").value_or(0);
  const double rank = meta_number(meta, a + "ssm.time_step_rank").value_or(0);
  const double groups = meta_number(meta, a + "ssm.group_count").value_or(0);
  auto i64 = [](double v) { return static_cast<std::int64_t>(v); };
  auto kv_heads = [&](int il) { return meta_layer(meta, a + "attention.head_count_kv", il).value_or(0); };
  auto ffn = [&](int il) { return meta_layer(meta, a + "feed_forward_length", il).value_or(0); };
  auto has = [&](int il, const char* suffix) { return names.count("blk." + std::to_string(il) + "." + suffix) > 0; };
  auto attention_types = [&](const char* recurrent) {
    json types = json::array();
    for (int il = 0; il < layers; ++il) types.push_back(kv_heads(il) > 0 ? "full_attention" : recurrent);
    return types;
  };
  json moe_layers = json::array();
  for (int il = 0; il < layers; ++il)
    if (has(il, "ffn_gate_inp.weight")) moe_layers.push_back(il);
  if (arch == "qwen3next" || arch == "qwen35" || arch == "qwen35moe") {
    c["linear_num_key_heads"] = i64(groups);
    c["linear_num_value_heads"] = i64(rank);
    c["linear_key_head_dim"] = i64(state);
    if (rank > 0) c["linear_value_head_dim"] = i64(inner / rank);
    c["linear_conv_kernel_dim"] = i64(conv);
    c["full_attention_interval"] = 4;
  } else if (arch == "jamba") {
    c["layer_types"] = attention_types("mamba");
    c["moe_layers"] = moe_layers;
    c["mamba_d_state"] = i64(state);
    c["mamba_d_conv"] = i64(conv);
    if (hidden > 0) c["mamba_expand"] = i64(inner / hidden);
    c["mamba_dt_rank"] = i64(rank);
    c["mamba_conv_bias"] = has(0, "ssm_conv1d.bias") || has(layers - 1, "ssm_conv1d.bias");
    c["num_key_value_heads"] = i64(meta_number(meta, a + "attention.head_count_kv").value_or(0));
  } else if (arch == "lfm2") {
    c["layer_types"] = attention_types("conv");
    c["conv_L_cache"] = i64(meta_number(meta, a + "shortconv.l_cache").value_or(3));
    c["block_auto_adjust_ff_dim"] = false;  // feed_forward_length is the final width
    c["num_key_value_heads"] = i64(meta_number(meta, a + "attention.head_count_kv").value_or(0));
  } else if (arch == "llama4") {
    c["intermediate_size_mlp"] = c.value("intermediate_size", 0);
    c["intermediate_size"] = c.value("moe_intermediate_size", 0);
    c.erase("moe_intermediate_size");
    c.erase("shared_expert_intermediate_size");  // Llama-4's one shared expert has the experts' width
    c["moe_layers"] = moe_layers;
    // llama-model.cpp LLM_ARCH_LLAMA4: chunked attention with n_swa 8192 unless attention.sliding_window is 0.
    const auto window = meta_number(meta, a + "attention.sliding_window");
    c["attention_chunk_size"] = window && *window == 0 ? 0 : 8192;
    c.erase("sliding_window");
  } else if (arch == "granitehybrid") {
    c["layer_types"] = attention_types("mamba");
    c["mamba_n_heads"] = i64(rank);
    if (rank > 0) c["mamba_d_head"] = i64(inner / rank);
    c["mamba_d_state"] = i64(state);
    c["mamba_n_groups"] = i64(groups);
    c["mamba_d_conv"] = i64(conv);
    if (hidden > 0) c["mamba_expand"] = i64(inner / hidden);
    if (auto shared = meta_number(meta, a + "expert_shared_feed_forward_length")) c["shared_intermediate_size"] = i64(*shared);
    if (c.contains("moe_intermediate_size")) c["intermediate_size"] = c["moe_intermediate_size"];
    c.erase("shared_expert_intermediate_size");
    c["num_key_value_heads"] = i64(meta_number(meta, a + "attention.head_count_kv").value_or(0));
  } else if (arch == "falcon-h1") {
    c["mamba_d_ssm"] = i64(inner);
    c["mamba_n_heads"] = i64(rank);
    if (rank > 0) c["mamba_d_head"] = i64(inner / rank);
    c["mamba_d_state"] = i64(state);
    c["mamba_n_groups"] = i64(groups);
    c["mamba_d_conv"] = i64(conv);
    c["mamba_conv_bias"] = has(0, "ssm_conv1d.bias");
    c["mamba_rms_norm"] = has(0, "ssm_norm.weight");
    c["projectors_bias"] = has(0, "ssm_out.bias");
  } else if (arch == "nemotron_h" || arch == "nemotron_h_moe") {
    std::string pattern;
    for (int il = 0; il < layers; ++il)
      pattern += kv_heads(il) > 0 ? '*' : ffn(il) > 0 ? (has(il, "ffn_gate_inp.weight") ? 'E' : '-') : 'M';
    c["hybrid_override_pattern"] = pattern;
    c["mamba_num_heads"] = i64(rank);
    if (rank > 0) c["mamba_head_dim"] = i64(inner / rank);
    c["ssm_state_size"] = i64(state);
    c["n_groups"] = i64(groups);
    c["conv_kernel"] = i64(conv);
    if (auto latent = meta_number(meta, a + "moe_latent_size")) c["moe_latent_size"] = i64(*latent);
    if (auto shared = meta_number(meta, a + "expert_shared_feed_forward_length")) {
      c["moe_shared_expert_intermediate_size"] = i64(*shared);
      c["n_shared_experts"] = 1;
    }
    c.erase("shared_expert_intermediate_size");
    c["num_key_value_heads"] = i64(meta_number(meta, a + "attention.head_count_kv").value_or(0));
    // Every block's FFN width is the dense one; MoE blocks take theirs from expert_feed_forward_length.
    for (int il = 0; il < layers; ++il)
      if (pattern[static_cast<std::size_t>(il)] == '-') {
        c["intermediate_size"] = i64(ffn(il));
        break;
      }
  }
}

// SWA layer pattern llama.cpp applies per architecture (llama-model.cpp load_hparams: set_swa_pattern):
// a layer il slides when il % n < n - 1.
int swa_pattern(const std::string& arch) {
  if (arch == "gemma2" || arch == "gpt-oss") return 2;
  if (arch == "gemma3") return 6;
  if (arch == "cohere2") return 4;
  return 0;
}

}  // namespace

// The metadata rewritten as config.json keys, so one parser (parse_hf_config) describes every model.
json config_of(const std::string& arch, const json& meta, const std::set<std::string>& names, double vocab_rows) {
  const std::string a = arch + ".";
  json c = json::object();
  c["model_type"] = model_type_of(arch);
  c["architectures"] = json::array({"gguf:" + arch});
  auto put = [&](const char* hf_key, const std::string& gguf_key) {
    if (auto v = meta_number(meta, a + gguf_key)) c[hf_key] = static_cast<std::int64_t>(*v);
  };
  put("hidden_size", "embedding_length");
  put("num_hidden_layers", "block_count");
  put("num_attention_heads", "attention.head_count");
  put("num_key_value_heads", "attention.head_count_kv");
  put("intermediate_size", "feed_forward_length");
  put("max_position_embeddings", "context_length");
  put("sliding_window", "attention.sliding_window");
  // RoPE scaling as llama.cpp reads it (src/llama-model.cpp load_hparams; keys from src/llama-arch.cpp:
  // LLM_KV_ROPE_SCALING_TYPE, _FACTOR, _ORIG_CTX_LEN, and the older LLM_KV_ROPE_SCALE_LINEAR): the type defaults
  // to "linear", a factor of 0 or 1 means none. Passed on as config.json's rope_scaling, so the context the model
  // supports is derived as for a config.json (hf_rope.cpp: yarn from original_context_length x factor, linear
  // from context_length x factor). llama.cpp keeps n_ctx_train = context_length and only warns past it.
  const json* rope_type = meta_at(meta, a + "rope.scaling.type");
  auto rope_factor = meta_number(meta, a + "rope.scaling.factor");
  if (!rope_factor) rope_factor = meta_number(meta, a + "rope.scale_linear");
  const std::string rope_name = rope_type != nullptr && rope_type->is_string() ? rope_type->get<std::string>() : "linear";
  if (rope_factor && *rope_factor > 1 && rope_name != "none" && (rope_type == nullptr || rope_type->is_string())) {
    json scaling{{"rope_type", rope_name}, {"factor", *rope_factor}};
    if (auto original = meta_number(meta, a + "rope.scaling.original_context_length"); original && *original > 0)
      scaling["original_max_position_embeddings"] = static_cast<std::int64_t>(*original);
    c["rope_scaling"] = std::move(scaling);
  }
  if (vocab_rows > 0) c["vocab_size"] = static_cast<std::int64_t>(vocab_rows);
  else if (auto v = meta_number(meta, a + "vocab_size")) c["vocab_size"] = static_cast<std::int64_t>(*v);
  else if (auto n = meta_number(meta, "tokenizer.ggml.tokens#len")) c["vocab_size"] = static_cast<std::int64_t>(*n);

  put("num_experts", "expert_count");
  put("num_experts_per_tok", "expert_used_count");
  put("moe_intermediate_size", "expert_feed_forward_length");
  put("n_shared_experts", "expert_shared_count");
  put("shared_expert_intermediate_size", "expert_shared_feed_forward_length");
  put("first_k_dense_replace", "leading_dense_block_count");
  if (meta_number(meta, a + "expert_gating_func").value_or(0) == 2) c["topk_method"] = "noaux_tc";

  if (auto kv_rank = meta_number(meta, a + "attention.kv_lora_rank"); kv_rank && *kv_rank > 0) {
    // DeepSeek2 conversions: since 2025 K/V lengths describe the latent (MQA form) and *_mla the heads.
    const double rope = meta_number(meta, a + "rope.dimension_count").value_or(64);
    const double key = meta_number(meta, a + "attention.key_length_mla")
                           .value_or(meta_number(meta, a + "attention.key_length").value_or(192));
    const double value = meta_number(meta, a + "attention.value_length_mla")
                             .value_or(meta_number(meta, a + "attention.value_length").value_or(128));
    c["kv_lora_rank"] = static_cast<std::int64_t>(*kv_rank);
    c["q_lora_rank"] = static_cast<std::int64_t>(meta_number(meta, a + "attention.q_lora_rank").value_or(0));
    c["qk_rope_head_dim"] = static_cast<std::int64_t>(rope);
    c["qk_nope_head_dim"] = static_cast<std::int64_t>(key - rope);
    c["v_head_dim"] = static_cast<std::int64_t>(value);
    c["num_key_value_heads"] = c.value("num_attention_heads", 1);
  } else {
    put("head_dim", "attention.key_length");
  }

  // What the tensor index shows directly.
  c["tie_word_embeddings"] = names.count("output.weight") == 0;
  const bool o_bias = names.count("blk.0.attn_output.bias") > 0;
  c["attention_bias"] = o_bias;
  if (!o_bias && (names.count("blk.0.attn_q.bias") > 0 || names.count("blk.0.attn_qkv.bias") > 0)) c["qkv_bias"] = true;
  c["mlp_bias"] = names.count("blk.0.ffn_down.bias") > 0;

  family_config(c, arch, meta, names);
  const int pattern = swa_pattern(arch);
  const int layers = meta_int(meta, a + "block_count", 0);
  const json* swa_flags = meta_at(meta, a + "attention.sliding_window_pattern");
  if (c.contains("sliding_window") && layers > 0 && layers <= 100000) {
    json types = json::array();
    for (int il = 0; il < layers; ++il) {
      bool slides = pattern > 0 && il % pattern < pattern - 1;
      if (swa_flags != nullptr && swa_flags->is_array() && static_cast<int>(swa_flags->size()) == layers)
        slides = (*swa_flags)[static_cast<std::size_t>(il)].is_boolean() && (*swa_flags)[static_cast<std::size_t>(il)].get<bool>();
      types.push_back(slides ? "sliding_attention" : "full_attention");
    }
    c["layer_types"] = std::move(types);
  }
  return c;
}

}  // namespace vramfit::gguf
