// Per-family readers of config.json: the layer pattern and the mixers of architectures whose blocks differ from
// layer to layer. Defaults are those of each family's configuration class; sources per family below (transformers
// at the commits named, or the model's own remote code where transformers has none).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "model/hf_family_util.h"

namespace vramfit::hf {

// --- generic layer_types (transformers v4.5x+: one entry per layer) ------------------------------------------
// A recurrent kind is accepted only when the family has described that mixer; anything else is an error that
// names the value, never a silent reading as attention.
bool read_layer_types(ModelArch& m, const Reader& r) {
  const auto types = string_list(r, "layer_types");
  if (!types) return false;
  if (!length_is(r, "layer_types", types->size(), m.num_layers)) return true;
  m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
  for (std::size_t i = 0; i < types->size(); ++i) {
    const std::string& s = (*types)[i];
    MixerKind k = MixerKind::kFullAttention;
    bool ok = true;
    if (s == "full_attention" || s == "attention" || s == "global_attention") k = MixerKind::kFullAttention;
    else if (s == "sliding_attention") k = m.sliding_window > 0 ? MixerKind::kSlidingAttention : MixerKind::kFullAttention;
    else if (s == "chunked_attention") k = MixerKind::kChunkedAttention, ok = m.attention_chunk > 0;
    else if (s == "linear_attention") k = MixerKind::kGatedDeltaNet, ok = m.gdn.num_v_heads > 0;
    else if (s == "mamba") {
      k = m.mamba1.d_inner > 0 ? MixerKind::kMamba1 : MixerKind::kMamba2;
      ok = m.mamba1.d_inner > 0 || m.mamba.num_heads > 0;
    } else if (s == "conv") k = MixerKind::kShortConv, ok = m.conv_kernel > 0;
    else ok = false;
    if (!ok) {
      unsupported(r, "layer_types", "layer_types has \"" + s + "\" (layer " + std::to_string(i) + "), a layer kind vramfit does not model for model_type \"" + m.model_type + "\".");
      return true;
    }
    m.layers[i].mixer = k;
  }
  return true;
}

namespace {

// --- Llama-4 (text) ----------------------------------------------------------------------------------------------
// transformers configuration_llama4.py / modeling_llama4.py (008e574 / 000c33f): MoE layers are moe_layers, or
// every interleave_moe_layer_step-th layer from step-1; each MoE layer has one shared expert of intermediate_size
// beside the routed experts (also intermediate_size); dense layers use intermediate_size_mlp. Layers with RoPE
// (no_rope_layers[i] == 1; default every layer but each 4th) attend in chunks of attention_chunk_size; the NoPE
// layers are global. The q/k norm is an L2 norm without weights.
void read_llama4(ModelArch& m, const Reader& r) {
  m.qk_norm = false;
  const int expert_width = r.integer("intermediate_size", 1, 1 << 24).value_or(8192);
  m.intermediate_size = r.integer("intermediate_size_mlp", 1, 1 << 24).value_or(16384);
  m.moe.expert_intermediate_size = expert_width;
  m.moe.num_shared_experts = 1;
  m.moe.shared_intermediate_size = expert_width;
  m.moe.shared_expert_gate = false;  // Llama-4's shared expert is added without a gate
  m.moe.experts_per_token = r.integer("num_experts_per_tok", 1, 100000).value_or(1);
  m.attention_chunk = r.integer("attention_chunk_size", 1, 1 << 30).value_or(0);
  m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
  std::vector<double> rope;
  if (auto l = number_list(r, "no_rope_layers"); l && !l->empty() && length_is(r, "no_rope_layers", l->size(), m.num_layers))
    rope = *l;
  const int interval = r.integer("no_rope_layer_interval", 1, 1 << 16).value_or(4);
  for (int i = 0; i < m.num_layers; ++i) {
    const bool uses_rope = rope.empty() ? (i + 1) % interval != 0 : rope[static_cast<std::size_t>(i)] != 0;
    layer(m, i).mixer = uses_rope && m.attention_chunk > 0 ? MixerKind::kChunkedAttention : MixerKind::kFullAttention;
  }
  if (m.moe.num_experts <= 0) return;
  if (auto moe_layers = number_list(r, "moe_layers")) {
    for (double x : *moe_layers)
      if (x >= 0 && x < m.num_layers) layer(m, static_cast<int>(x)).moe = true;
    return;
  }
  const int step = r.integer("interleave_moe_layer_step", 1, 1 << 16).value_or(1);
  for (int i = step - 1; i < m.num_layers; i += step) layer(m, i).moe = true;
}

// --- Nemotron-NAS (DeciLM: Llama-3.x-Nemotron-Super/Ultra) -----------------------------------------------------
// NVIDIA's remote modeling_decilm.py, as ported in vLLM (model_executor/models/nemotron_nas.py): block_configs gives
// per block an attention (n_heads_in_group: kv heads = heads / n_heads_in_group; no_op; replace_with_linear: one
// hidden x hidden matrix) and an FFN (ffn_mult: width = int(2 x ffn_mult x hidden / 3) rounded up to 256; no_op;
// replace_with_linear).
void read_nemotron_nas(ModelArch& m, const Reader& r) {
  const json* blocks = r.find("block_configs");
  if (blocks == nullptr || !blocks->is_array()) {
    unsupported(r, "block_configs", "A nemotron-nas config needs \"block_configs\", a list with one entry per layer.");
    return;
  }
  if (!length_is(r, "block_configs", blocks->size(), m.num_layers)) return;
  m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
  Diagnostics& d = r.diags;
  for (int i = 0; i < m.num_layers; ++i) {
    const json& b = (*blocks)[static_cast<std::size_t>(i)];
    const json* attn = json_util::find(b, "attention");
    const json* ffn = json_util::find(b, "ffn");
    const std::string where = "block_configs[" + std::to_string(i) + "]";
    if (attn == nullptr || ffn == nullptr || !attn->is_object() || !ffn->is_object()) {
      unsupported(r, "block_configs", where + " needs an \"attention\" and an \"ffn\" object.");
      return;
    }
    LayerSpec& l = layer(m, i);
    if (boolean_field(*attn, "no_op", where + ".attention.no_op", Severity::kError, d).value_or(false)) {
      l.mixer = MixerKind::kNone;
    } else if (boolean_field(*attn, "replace_with_linear", where + ".attention.replace_with_linear", Severity::kError, d).value_or(false)) {
      l.mixer = MixerKind::kLinear;
    } else {
      const auto group = whole_number(json_util::find(*attn, "n_heads_in_group"), where + ".attention.n_heads_in_group", 1, m.num_heads, Severity::kError, d);
      if (!group || m.num_heads % *group != 0) {
        unsupported(r, "block_configs", where + ".attention.n_heads_in_group must divide num_attention_heads.");
        return;
      }
      l.num_kv_heads = m.num_heads / static_cast<int>(*group);
      for (const char* k : {"window_length", "num_sink_tokens", "sparsify"})
        if (json_util::find(*attn, k) != nullptr) {
          unsupported(r, "block_configs", where + ".attention." + k + " is set: windowed or sparse blocks are not modelled.");
          return;
        }
    }
    if (boolean_field(*ffn, "no_op", where + ".ffn.no_op", Severity::kError, d).value_or(false)) {
      l.has_mlp = false;
    } else if (boolean_field(*ffn, "replace_with_linear", where + ".ffn.replace_with_linear", Severity::kError, d).value_or(false)) {
      l.ffn_linear = true;
    } else {
      const auto mult = real_number(json_util::find(*ffn, "ffn_mult"), where + ".ffn.ffn_mult", 0.001, 1000, Severity::kError, d);
      if (!mult) {
        unsupported(r, "block_configs", where + ".ffn needs \"ffn_mult\".");
        return;
      }
      const long long width = static_cast<long long>(2 * *mult * m.hidden_size / 3);
      l.ffn_width = static_cast<int>((width + 255) / 256 * 256);
    }
  }
  // Every block states its own widths; the model-level ones are those of the first attention block.
  for (const auto& l : m.layers)
    if (is_attention(l.mixer)) {
      m.num_kv_heads = l.num_kv_heads;
      break;
    }
  for (const auto& l : m.layers)
    if (l.ffn_width > 0) {
      m.intermediate_size = l.ffn_width;
      break;
    }
}

// --- Hunyuan -------------------------------------------------------------------------------------------------------
// transformers hunyuan_v1_moe / hunyuan_v1_dense (configuration and modeling at f3f034d / 05cd1ec): per-head q/k
// RMSNorms; every MoE layer has a shared MLP beside num_experts routed experts (int or per-layer list), top-k
// moe_topk. Tencent's remote code (Hunyuan-Large, Hunyuan-A13B) adds cross-layer attention: with use_cla, layers
// i % cla_share_factor != 0 reuse the K and V of the layer before (no k/v projections, no cache); and
// moe_intermediate_size / num_shared_expert (int or per-layer list) for the routed and the shared widths.
void read_hunyuan(ModelArch& m, const Reader& r) {
  m.qk_norm = r.boolean("use_qk_norm").value_or(true);
  const IntOrList experts = int_or_list(r, "num_experts", 0, 100000);
  const IntOrList topk = int_or_list(r, "moe_topk", 1, 100000);
  const IntOrList width = int_or_list(r, "moe_intermediate_size", 1, 1 << 24);
  const IntOrList shared = int_or_list(r, "num_shared_expert", 0, 1000);
  m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
  const int n_experts = experts.at(0, 0);
  if (n_experts > 1) {
    for (std::size_t i = 1; i < static_cast<std::size_t>(m.num_layers); ++i)
      if (experts.at(i, n_experts) != n_experts || topk.at(i, 1) != topk.at(0, 1) || width.at(i, 0) != width.at(0, 0) ||
          shared.at(i, 1) != shared.at(0, 1)) {
        unsupported(r, "num_experts", "The MoE shape changes from layer to layer (num_experts, moe_topk, "
                                      "moe_intermediate_size or num_shared_expert lists); vramfit models one MoE shape.");
        return;
      }
    m.moe.num_experts = n_experts;
    m.moe.experts_per_token = topk.at(0, 1);
    m.moe.expert_intermediate_size = width.at(0, m.intermediate_size);
    const bool mixed = r.boolean("use_mixed_mlp_moe").value_or(true);
    m.moe.num_shared_experts = mixed ? 1 : 0;
    const long long shared_width = static_cast<long long>(m.moe.expert_intermediate_size) * shared.at(0, 1);
    if (shared_width > (1 << 24)) {
      unsupported(r, "num_shared_expert", "The shared MLP (moe_intermediate_size x num_shared_expert) is wider than 16777216.");
      return;
    }
    m.moe.shared_intermediate_size = static_cast<int>(shared_width);
    if (!width.present()) m.moe.shared_intermediate_size = m.intermediate_size;
    for (auto& l : m.layers) l.moe = true;
  }
  if (r.boolean("use_cla").value_or(false)) {
    const int f = r.integer("cla_share_factor", 1, 1 << 16).value_or(1);
    for (int i = 0; i < m.num_layers; ++i)
      if (i % f != 0) layer(m, i).kv_source = i - i % f;
  }
}

// --- Cohere (Command-R, Command-A) ---------------------------------------------------------------------------------
// transformers configuration_cohere.py / configuration_cohere2.py / modular_cohere.py (008e574 / 03ea97a): tied
// embeddings by default; one weight-only LayerNorm per block (attention and MLP in parallel); Cohere's optional qk
// norm has per-head weights; Cohere2 slides on all but every sliding_window_pattern-th layer (default 4).
void read_cohere(ModelArch& m, const Reader& r) {
  m.norm = NormKind::kRms;  // CohereLayerNorm subtracts the mean but has a weight only
  m.norms_per_layer = 1;
  if (r.boolean("use_qk_norm").value_or(false)) {
    m.qk_norm = true;
    m.qk_norm_full = true;  // weights [heads, head_dim] and [kv_heads, head_dim]
  }
  if (read_layer_types(m, r)) return;
  m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
  if (m.model_type != "cohere2" || m.sliding_window <= 0) return;
  const int pattern = r.integer("sliding_window_pattern", 1, 1 << 16).value_or(4);
  for (int i = 0; i < m.num_layers; ++i)
    if ((i + 1) % pattern != 0) layer(m, i).mixer = MixerKind::kSlidingAttention;
}

// --- MiMo-V2 (Xiaomi's remote code, XiaomiMiMo/MiMo-V2-Flash config.json) -----------------------------------------
// hybrid_layer_pattern: 1 = a sliding-window layer with its own heads (swa_num_attention_heads,
// swa_num_key_value_heads, swa_head_dim, swa_v_head_dim), 0 = a global layer (num_attention_heads, ...,
// head_dim, v_head_dim); value heads are narrower than query/key heads; a learned sink per head on the layers
// add_swa_attention_sink_bias / add_full_attention_sink_bias name; MoE placement per layer in moe_layer_freq.
void read_mimo_v2(ModelArch& m, const Reader& r) {
  const auto pattern = number_list(r, "hybrid_layer_pattern");
  if (!pattern) {
    unsupported(r, "hybrid_layer_pattern", "A MiMo-V2 config needs \"hybrid_layer_pattern\", one 0/1 per layer.");
    return;
  }
  if (!length_is(r, "hybrid_layer_pattern", pattern->size(), m.num_layers)) return;
  const int v_head = r.integer("v_head_dim", 1, 1 << 16).value_or(m.head_dim);
  const int swa_heads = r.integer("swa_num_attention_heads", 1, 1 << 16).value_or(m.num_heads);
  const int swa_kv = r.integer("swa_num_key_value_heads", 1, 1 << 16).value_or(m.num_kv_heads);
  const int swa_head = r.integer("swa_head_dim", 1, 1 << 16).value_or(m.head_dim);
  const int swa_v = r.integer("swa_v_head_dim", 1, 1 << 16).value_or(v_head);
  const bool swa_sinks = r.boolean("add_swa_attention_sink_bias").value_or(false);
  const bool full_sinks = r.boolean("add_full_attention_sink_bias").value_or(false);
  m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
  for (int i = 0; i < m.num_layers; ++i) {
    LayerSpec& l = layer(m, i);
    if ((*pattern)[static_cast<std::size_t>(i)] != 0) {
      l.mixer = m.sliding_window > 0 ? MixerKind::kSlidingAttention : MixerKind::kFullAttention;
      l.num_heads = swa_heads;
      l.num_kv_heads = swa_kv;
      l.head_dim = swa_head;
      l.v_head_dim = swa_v;
      l.sinks = swa_sinks;
    } else {
      l.v_head_dim = v_head;
      l.sinks = full_sinks;
    }
  }
  assign_moe_layers(m, r);
}

}  // namespace

// The families above. true: the family set m.layers (or reported why it could not).
bool read_family_layers(ModelArch& m, const Reader& r) {
  const std::string& t = m.model_type;
  if (type_in(t, {"qwen3_next", "qwen3_5", "qwen3_5_text", "qwen3_5_moe", "qwen3_5_moe_text"})) {
    read_qwen3_next(m, r);
    return true;
  }
  if (t == "llama4" || t == "llama4_text") return read_llama4(m, r), true;
  if (t == "jamba") return read_jamba(m, r), true;
  if (t == "granitemoehybrid") return read_granite_hybrid(m, r), true;
  if (t == "nemotron_h") return read_nemotron_h(m, r);
  if (t == "nemotron-nas") return read_nemotron_nas(m, r), true;
  if (type_in(t, {"hunyuan", "hunyuan_v1_moe", "hunyuan_v1_dense"})) return read_hunyuan(m, r), true;
  if (t == "cohere" || t == "cohere2") return read_cohere(m, r), true;
  if (t == "lfm2") return read_lfm2(m, r), true;
  if (t == "falcon_h1") return read_falcon_h1(m, r), true;
  if (t == "mimo_v2_flash" || t == "mimo_v2") return read_mimo_v2(m, r), true;
  return false;
}

}  // namespace vramfit::hf
