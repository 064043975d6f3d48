// Per-family readers of config.json: the layer pattern and the mixers of architectures whose blocks differ from
// layer to layer. Defaults are those of each family's configuration class; sources per family below (transformers
// at the commits named, or the model's own remote code where transformers has none).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "model/hf_reader.h"

namespace vramfit::hf {
namespace {

// A list of strings at `key`: nullopt when absent; an error naming the key when it is anything else.
std::optional<std::vector<std::string>> string_list(const Reader& r, const char* key) {
  const json* v = r.find(key);
  if (v == nullptr) return std::nullopt;
  std::vector<std::string> out;
  if (v->is_array()) {
    for (const json& x : *v) {
      if (!x.is_string()) break;
      out.push_back(x.get<std::string>());
    }
    if (out.size() == v->size()) return out;
  }
  r.report({"config.bad_type", Severity::kError, key, std::string("\"") + key + "\" must be a list of strings, not " +
                                                          json_kind(*v) + "."});
  return std::nullopt;
}

// A list of numbers (or true/false, read as 1/0) at `key`.
std::optional<std::vector<double>> number_list(const Reader& r, const char* key) {
  const json* v = r.find(key);
  if (v == nullptr) return std::nullopt;
  std::vector<double> out;
  if (v->is_array()) {
    for (const json& x : *v) {
      if (x.is_number()) out.push_back(x.get<double>());
      else if (x.is_boolean()) out.push_back(x.get<bool>() ? 1 : 0);
      else break;
    }
    if (out.size() == v->size()) return out;
  }
  r.report({"config.bad_type", Severity::kError, key, std::string("\"") + key + "\" must be a list of numbers, not " +
                                                          json_kind(*v) + "."});
  return std::nullopt;
}

// An integer, or a per-layer list of integers, at `key`: the value for layer i.
struct IntOrList {
  std::optional<int> scalar;
  std::vector<double> list;
  bool present() const { return scalar.has_value() || !list.empty(); }
  int at(std::size_t i, int fallback) const {
    if (scalar) return *scalar;
    return i < list.size() ? static_cast<int>(list[i]) : fallback;
  }
};
IntOrList int_or_list(const Reader& r, const char* key, long long lo, long long hi) {
  IntOrList out;
  const json* v = r.find(key);
  if (v == nullptr) return out;
  if (v->is_array()) {
    for (const json& x : *v) {
      // Every entry a whole number in range, else the key is reported and read as absent.
      const auto n = whole_number(&x, key, lo, hi, Severity::kError, r.diags);
      if (!n) return IntOrList{};
      out.list.push_back(static_cast<double>(*n));
    }
  } else {
    out.scalar = r.integer(key, lo, hi);
  }
  return out;
}

bool length_is(const Reader& r, const char* key, std::size_t n, int layers) {
  if (n == static_cast<std::size_t>(layers)) return true;
  r.report({"config.inconsistent", Severity::kError, key,
            std::string("\"") + key + "\" lists " + std::to_string(n) + " layers but the model has " +
                std::to_string(layers) + "."});
  return false;
}

void unsupported(const Reader& r, const std::string& field, const std::string& detail) {
  r.report({"config.unsupported", Severity::kError, field, detail});
}

LayerSpec& layer(ModelArch& m, int i) { return m.layers[static_cast<std::size_t>(i)]; }

}  // namespace

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

// --- Qwen3-Next, Qwen3.5 ---------------------------------------------------------------------------------------
// transformers configuration_qwen3_next.py / modeling_qwen3_next.py (commits 008e574 / 01cdc60): layer i is
// "linear_attention" (Gated DeltaNet) unless (i+1) % full_attention_interval == 0 (default 4); the attention's
// q_proj also yields an output gate; per-head q/k RMSNorms. Qwen3.5 (modular_qwen3_5*.py, 009e78d / 0960594)
// inherits the same text model, with every MLP dense (qwen3_5_text) or MoE (qwen3_5_moe_text).
void read_qwen3_next(ModelArch& m, const Reader& r) {
  GatedDeltaNetSpec& g = m.gdn;
  g.num_k_heads = r.integer("linear_num_key_heads", 1, 1 << 16).value_or(16);
  g.num_v_heads = r.integer("linear_num_value_heads", 1, 1 << 16).value_or(32);
  g.k_head_dim = r.integer("linear_key_head_dim", 1, 1 << 16).value_or(128);
  g.v_head_dim = r.integer("linear_value_head_dim", 1, 1 << 16).value_or(128);
  g.conv_kernel = r.integer("linear_conv_kernel_dim", 1, 1024).value_or(4);
  m.attn_output_gate = r.boolean("attn_output_gate").value_or(true);
  m.qk_norm = true;
  m.mtp_layers = std::max(m.mtp_layers, r.integer("mtp_num_hidden_layers", 0, 100).value_or(0));
  m.mtp_style = MtpStyle::kQwen;
  if (!read_layer_types(m, r)) {
    const int interval = r.integer("full_attention_interval", 1, 1 << 16).value_or(4);
    m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
    for (int i = 0; i < m.num_layers; ++i)
      layer(m, i).mixer = (i + 1) % interval == 0 ? MixerKind::kFullAttention : MixerKind::kGatedDeltaNet;
  }
  if (m.layers.size() == static_cast<std::size_t>(m.num_layers)) assign_moe_layers(m, r);
}

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

// --- Jamba ---------------------------------------------------------------------------------------------------------
// transformers configuration_jamba.py / modeling_jamba.py (008f5c8): layer i is attention when
// i % attn_layer_period == attn_layer_offset, else Mamba-1; MoE when i % expert_layer_period == expert_layer_offset.
// Mamba: d_inner = mamba_expand x hidden, dt_rank "auto" = ceil(hidden / 16), RMSNorms on dt, B and C.
void read_jamba(ModelArch& m, const Reader& r) {
  Mamba1Spec& s = m.mamba1;
  s.d_inner = r.integer("mamba_expand", 1, 64).value_or(2) * m.hidden_size;
  s.state_size = r.integer("mamba_d_state", 1, 1 << 16).value_or(16);
  s.conv_kernel = r.integer("mamba_d_conv", 1, 1024).value_or(4);
  const json* rank = r.find("mamba_dt_rank");
  if (rank != nullptr && rank->is_string() && rank->get<std::string>() == "auto") rank = nullptr;
  s.dt_rank = rank == nullptr ? (m.hidden_size + 15) / 16 : r.integer("mamba_dt_rank", 1, 1 << 20).value_or(1);
  s.conv_bias = r.boolean("mamba_conv_bias").value_or(true);
  s.proj_bias = r.boolean("mamba_proj_bias").value_or(false);
  s.bcdt_norms = true;
  const int attn_period = r.integer("attn_layer_period", 1, 1 << 16).value_or(8);
  const int attn_offset = r.integer("attn_layer_offset", 0, 1 << 16).value_or(4);
  const int exp_period = r.integer("expert_layer_period", 1, 1 << 16).value_or(2);
  const int exp_offset = r.integer("expert_layer_offset", 0, 1 << 16).value_or(1);
  if (attn_offset >= attn_period || exp_offset >= exp_period) {
    r.report({"config.inconsistent", Severity::kError, "attn_layer_offset",
              "A layer offset is not smaller than its period (attn_layer_offset / expert_layer_offset)."});
    return;
  }
  // A GGUF import states the pattern per layer (layer_types, moe_layers: gguf_reader.cpp) instead of the periods.
  if (!read_layer_types(m, r)) {
    m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
    for (int i = 0; i < m.num_layers; ++i)
      layer(m, i).mixer = i % attn_period == attn_offset ? MixerKind::kFullAttention : MixerKind::kMamba1;
  }
  if (m.layers.size() != static_cast<std::size_t>(m.num_layers)) return;
  if (auto listed = number_list(r, "moe_layers")) {
    for (double x : *listed)
      if (x >= 0 && x < m.num_layers) layer(m, static_cast<int>(x)).moe = m.moe.num_experts > 1;
    return;
  }
  for (int i = 0; i < m.num_layers; ++i) layer(m, i).moe = m.moe.num_experts > 1 && i % exp_period == exp_offset;
}

// --- Mamba-2 keys under their mamba_* names (Granite-4.0-H, Falcon-H1) ----------------------------------------
// transformers configuration_granitemoehybrid.py (008f5c8): d_inner = mamba_expand x hidden; mamba_d_head "auto" is
// d_inner / mamba_n_heads.
void read_mamba2_prefixed(ModelArch& m, const Reader& r, int default_heads, int default_state, long long d_inner) {
  Mamba2Spec& s = m.mamba;
  s.num_heads = r.integer("mamba_n_heads", 1, 1 << 20).value_or(default_heads);
  const json* head = r.find("mamba_d_head");
  if (head != nullptr && head->is_string() && head->get<std::string>() == "auto") head = nullptr;
  s.head_dim = head == nullptr ? static_cast<int>(d_inner / std::max(1, s.num_heads)) : r.integer("mamba_d_head", 1, 1 << 20).value_or(64);
  s.state_size = r.integer("mamba_d_state", 1, 1 << 20).value_or(default_state);
  s.num_groups = r.integer("mamba_n_groups", 1, 1 << 20).value_or(1);
  s.conv_kernel = r.integer("mamba_d_conv", 1, 1024).value_or(4);
  s.conv_bias = r.boolean("mamba_conv_bias").value_or(true);
  if (r.boolean("mamba_proj_bias").value_or(false))
    unsupported(r, "mamba_proj_bias", "mamba_proj_bias is true: biases on the Mamba projections are not modelled.");
}

// --- Granite-4.0-H (granitemoehybrid) ---------------------------------------------------------------------------
// transformers configuration_granitemoehybrid.py / modeling_granitemoehybrid.py (008f5c8 / 00511f5): layer_types
// "mamba" (default: every layer) or "attention"; every layer has a shared MLP of shared_intermediate_size, plus
// routed experts of intermediate_size when num_local_experts > 0.
void read_granite_hybrid(ModelArch& m, const Reader& r) {
  const long long d_inner = static_cast<long long>(r.integer("mamba_expand", 1, 64).value_or(2)) * m.hidden_size;
  read_mamba2_prefixed(m, r, 128, 256, d_inner);
  if (m.mamba.d_inner() != d_inner)
    r.report({"config.inconsistent", Severity::kError, "mamba_d_head",
              "mamba_n_heads x mamba_d_head is not mamba_expand x hidden_size."});
  const int shared = r.integer("shared_intermediate_size", 1, 1 << 24).value_or(1024);
  if (!read_layer_types(m, r)) {
    m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
    for (auto& l : m.layers) l.mixer = MixerKind::kMamba2;
  }
  for (auto& l : m.layers) {
    if (m.moe.num_experts > 0) {
      l.moe = true;
    } else {
      l.ffn_width = shared;
    }
  }
  if (m.moe.num_experts > 0) {
    m.moe.expert_intermediate_size = m.intermediate_size;
    m.moe.num_shared_experts = 1;
    m.moe.shared_intermediate_size = shared;
    m.moe.shared_expert_gate = false;
  }
}

// --- Falcon-H1 --------------------------------------------------------------------------------------------------
// transformers configuration_falcon_h1.py (020a37d) and modular_falcon_h1.py: every layer runs attention and a
// Mamba-2 mixer in parallel, then the MLP; d_ssm = mamba_d_ssm (default 1024) or mamba_expand x hidden; the gated
// RMSNorm only with mamba_rms_norm (default false); out_proj's bias with projectors_bias.
void read_falcon_h1(ModelArch& m, const Reader& r) {
  const json* d_ssm_key = r.find("mamba_d_ssm");
  const long long d_ssm = d_ssm_key != nullptr ? r.integer("mamba_d_ssm", 1, 1 << 20).value_or(1024)
                                                : static_cast<long long>(r.integer("mamba_expand", 1, 64).value_or(2)) * m.hidden_size;
  read_mamba2_prefixed(m, r, 128, 256, d_ssm);
  if (m.mamba.d_inner() != d_ssm)
    r.report({"config.inconsistent", Severity::kError, "mamba_d_head", "mamba_n_heads x mamba_d_head is not mamba_d_ssm."});
  m.mamba.gated_norm = r.boolean("mamba_rms_norm").value_or(false);
  m.mamba.out_bias = r.boolean("projectors_bias").value_or(false);
  m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
  for (auto& l : m.layers) l.ssm_beside = true;
}

// --- Nemotron-H and Nemotron-3 -----------------------------------------------------------------------------------
// hybrid_override_pattern (one character per block: M Mamba-2, * attention, - MLP, E MoE) or, in Nemotron-3 Ultra,
// layers_block_type (mamba / attention / mlp / moe). MoE may be latent (moe_latent_size): routed experts map a
// latent of that width, behind fc1_latent_proj / fc2_latent_proj (NVIDIA's NemotronH LatentMoE).
// Blocks from a pattern string (M * - E) or a list of names (mamba attention mlp moe); false after an error.
bool nemotron_blocks(const Reader& r, const char* pattern_key, const char* list_key, std::vector<LayerSpec>& out) {
  if (const auto pattern = r.string(pattern_key)) {
    for (char c : *pattern) {
      switch (c) {
        case 'M': out.push_back({MixerKind::kMamba2, false, false}); break;
        case '*': out.push_back({MixerKind::kFullAttention, false, false}); break;
        case '-': out.push_back({MixerKind::kNone, true, false}); break;
        case 'E': out.push_back({MixerKind::kNone, true, true}); break;
        default:
          unsupported(r, pattern_key, std::string("Unknown block type '") + c + "' in " + pattern_key + ".");
          return false;
      }
    }
  } else if (const auto types = string_list(r, list_key)) {
    for (const std::string& t : *types) {
      if (t == "mamba") out.push_back({MixerKind::kMamba2, false, false});
      else if (t == "attention") out.push_back({MixerKind::kFullAttention, false, false});
      else if (t == "mlp") out.push_back({MixerKind::kNone, true, false});
      else if (t == "moe") out.push_back({MixerKind::kNone, true, true});
      else {
        unsupported(r, list_key, std::string(list_key) + " has \"" + t + "\", a block kind vramfit does not model.");
        return false;
      }
    }
  }
  return true;
}

bool read_nemotron_h(ModelArch& m, const Reader& r) {
  std::vector<LayerSpec> layers;
  if (!nemotron_blocks(r, "hybrid_override_pattern", "layers_block_type", layers)) return true;
  if (layers.empty()) return false;
  const char* key = r.find("hybrid_override_pattern") != nullptr ? "hybrid_override_pattern" : "layers_block_type";
  if (!length_is(r, key, layers.size(), m.num_layers)) return true;
  m.layers = std::move(layers);
  m.moe.latent_size = r.integer("moe_latent_size", 1, 1 << 20).value_or(0);
  if (m.moe.num_experts > 0) m.mlp = MlpKind::kPlain;
  std::vector<LayerSpec> mtp;
  if (m.mtp_layers > 0 && nemotron_blocks(r, "mtp_hybrid_override_pattern", "mtp_layers_block_type", mtp) && !mtp.empty()) {
    m.mtp_style = MtpStyle::kNemotron;
    m.mtp_blocks = std::move(mtp);
  }
  return true;
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

// --- LFM2 ----------------------------------------------------------------------------------------------------------
// transformers configuration_lfm2.py / modular_lfm2.py (05cd1ec): layers in full_attn_idxs (or layer_types
// "full_attention") attend, the others are short convolutions of conv_L_cache taps; the MLP width is
// intermediate_size (block_ff_dim), x 2/3 when block_auto_adjust_ff_dim, x block_ffn_dim_multiplier, rounded up to
// block_multiple_of; per-head q/k norms; tied embeddings by default.
void read_lfm2(ModelArch& m, const Reader& r) {
  m.conv_kernel = r.integer("conv_L_cache", 1, 1024).value_or(3);
  m.conv_bias = r.boolean("conv_bias").value_or(false);
  m.qk_norm = true;
  if (const auto ff = r.integer("block_ff_dim", 1, 1 << 24)) m.intermediate_size = *ff;
  long long ff = m.intermediate_size;
  if (r.boolean("block_auto_adjust_ff_dim").value_or(true)) {
    ff = 2 * ff / 3;
    const double k = real_number(r.find("block_ffn_dim_multiplier"), "block_ffn_dim_multiplier", 0, 64,
                                 Severity::kError, r.diags).value_or(1.0);
    ff = static_cast<long long>(k * static_cast<double>(ff));
    const long long of = r.integer("block_multiple_of", 1, 1 << 16).value_or(256);
    ff = of * ((ff + of - 1) / of);
  }
  if (ff < 1 || ff > (1 << 24)) {
    r.report({"config.out_of_range", Severity::kError, "block_ff_dim",
              "The MLP width LFM2's rule gives (" + std::to_string(ff) + ") is not from 1 to 16777216."});
    return;
  }
  m.intermediate_size = static_cast<int>(ff);
  if (read_layer_types(m, r)) return;
  m.layers.assign(static_cast<std::size_t>(m.num_layers), LayerSpec{});
  const auto idxs = number_list(r, "full_attn_idxs");
  for (int i = 0; i < m.num_layers; ++i) {
    const bool attention = !idxs || std::find(idxs->begin(), idxs->end(), static_cast<double>(i)) != idxs->end();
    layer(m, i).mixer = attention ? MixerKind::kFullAttention : MixerKind::kShortConv;
  }
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
