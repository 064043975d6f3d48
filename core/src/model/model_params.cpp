// Exact parameter counts from the architecture: the shapes of every tensor of the Hugging Face
// implementation (transformers' modeling_<arch>.py), summed per group.
#include "vramfit/model.h"

#include <algorithm>
#include <limits>
#include <string>

#include "vramfit/format.h"

namespace vramfit {
namespace {

double norm_params(const ModelArch& m, double width) { return m.norm == NormKind::kLayer ? 2 * width : width; }

double mamba2_params(const ModelArch& m) {
  // transformers modeling_mamba2 / modeling_nemotron_h Mamba2Mixer:
  // in_proj: hidden -> 2*d_inner + 2*groups*d_state + heads; conv1d over d_inner + 2*groups*d_state channels;
  // dt_bias, A_log, D per head; gated RMSNorm over d_inner; out_proj d_inner -> hidden.
  const Mamba2Spec& s = m.mamba;
  const double h = m.hidden_size, d_inner = static_cast<double>(s.d_inner());
  const double conv_dim = d_inner + 2.0 * s.num_groups * s.state_size;
  const double in_proj = h * (2 * d_inner + 2.0 * s.num_groups * s.state_size + s.num_heads);
  const double conv = conv_dim * s.conv_kernel + (s.conv_bias ? conv_dim : 0);
  return in_proj + conv + 3.0 * s.num_heads + (s.gated_norm ? d_inner : 0) + d_inner * h + (s.out_bias ? h : 0);
}

// Mamba-1 (transformers v4.57 modeling_jamba.py JambaMambaMixer; modeling_mamba.py MambaMixer): in_proj
// hidden -> 2 x d_inner, depthwise conv1d over d_inner, x_proj d_inner -> dt_rank + 2 x d_state, dt_proj
// dt_rank -> d_inner (with bias), A_log d_inner x d_state, D d_inner, out_proj d_inner -> hidden; Jamba adds
// RMSNorms over dt (dt_rank), B and C (d_state each).
double mamba1_params(const ModelArch& m) {
  const Mamba1Spec& s = m.mamba1;
  const double h = m.hidden_size, di = s.d_inner, r = s.dt_rank, n = s.state_size;
  double p = h * 2 * di + di * s.conv_kernel + di * (r + 2 * n) + r * di + di + di * n + di + di * h;
  if (s.proj_bias) p += 2 * di + h;
  if (s.conv_bias) p += di;
  if (s.bcdt_norms) p += r + 2 * n;
  return p;
}

// Gated DeltaNet (transformers modeling_qwen3_next.py Qwen3NextGatedDeltaNet; Qwen3.5 splits the same in_proj
// into in_proj_qkv, in_proj_z, in_proj_b, in_proj_a): in_proj_qkvz hidden -> 2 x key_dim + 2 x value_dim,
// in_proj_ba hidden -> 2 x v_heads, conv1d over 2 x key_dim + value_dim channels without bias, dt_bias and A_log
// per v head, a gated RMSNorm over v_head_dim, out_proj value_dim -> hidden.
double gated_deltanet_params(const ModelArch& m) {
  const GatedDeltaNetSpec& g = m.gdn;
  const double h = m.hidden_size, kd = static_cast<double>(g.key_dim()), vd = static_cast<double>(g.value_dim());
  return h * (2 * kd + 2 * vd) + h * 2.0 * g.num_v_heads + static_cast<double>(g.conv_dim()) * g.conv_kernel +
         2.0 * g.num_v_heads + g.v_head_dim + vd * h;
}

// LFM2 short convolution (transformers modeling_lfm2.py Lfm2ShortConv): in_proj hidden -> 3 x hidden, a depthwise
// conv1d of conv_L_cache taps over hidden channels, out_proj hidden -> hidden; biases when conv_bias.
double short_conv_params(const ModelArch& m) {
  const double h = m.hidden_size;
  return 3 * h * h + h * m.conv_kernel + h * h + (m.conv_bias ? 3 * h + h + h : 0);
}

double mixer_params(const ModelArch& m, MixerKind k) {
  switch (k) {
    case MixerKind::kMamba1: return mamba1_params(m);
    case MixerKind::kMamba2: return mamba2_params(m);
    case MixerKind::kGatedDeltaNet: return gated_deltanet_params(m);
    case MixerKind::kShortConv: return short_conv_params(m);
    case MixerKind::kLinear: return static_cast<double>(m.hidden_size) * m.hidden_size;
    default: return 0;
  }
}

}  // namespace

RecurrentState recurrent_state(const ModelArch& m, const LayerSpec& l) {
  // llama.cpp llama-hparams.cpp n_embd_r() / n_embd_s().
  RecurrentState s;
  if (l.ssm_beside) {  // Falcon-H1: a Mamba-2 state beside the attention's KV
    const double d_inner = static_cast<double>(m.mamba.d_inner());
    s.conv = (m.mamba.conv_kernel - 1.0) * (d_inner + 2.0 * m.mamba.num_groups * m.mamba.state_size);
    s.ssm = d_inner * m.mamba.state_size;
    return s;
  }
  switch (l.mixer) {
    case MixerKind::kMamba1:
      s.conv = (m.mamba1.conv_kernel - 1.0) * m.mamba1.d_inner;
      s.ssm = static_cast<double>(m.mamba1.state_size) * m.mamba1.d_inner;
      break;
    case MixerKind::kMamba2: {
      const double d_inner = static_cast<double>(m.mamba.d_inner());
      s.conv = (m.mamba.conv_kernel - 1.0) * (d_inner + 2.0 * m.mamba.num_groups * m.mamba.state_size);
      s.ssm = d_inner * m.mamba.state_size;
      break;
    }
    case MixerKind::kGatedDeltaNet:
      s.conv = (m.gdn.conv_kernel - 1.0) * static_cast<double>(m.gdn.conv_dim());
      s.ssm = static_cast<double>(m.gdn.k_head_dim) * static_cast<double>(m.gdn.value_dim());
      break;
    case MixerKind::kShortConv: s.conv = (m.conv_kernel - 1.0) * m.hidden_size; break;
    default: break;
  }
  return s;
}

int layer_heads(const ModelArch& m, const LayerSpec& l) { return l.num_heads > 0 ? l.num_heads : m.num_heads; }
int layer_kv_heads(const ModelArch& m, const LayerSpec& l) { return l.num_kv_heads > 0 ? l.num_kv_heads : m.num_kv_heads; }
int layer_head_dim(const ModelArch& m, const LayerSpec& l) { return l.head_dim > 0 ? l.head_dim : m.head_dim; }

int q_width(const ModelArch& m) {
  if (m.mla.enabled()) return m.num_heads * (m.mla.qk_nope_head_dim + m.mla.qk_rope_head_dim);
  return m.num_heads * m.head_dim;
}
int k_width(const ModelArch& m) {
  if (m.mla.enabled()) return m.num_heads * (m.mla.qk_nope_head_dim + m.mla.qk_rope_head_dim);
  return m.num_kv_heads * m.head_dim;
}
int v_width(const ModelArch& m) {
  if (m.mla.enabled()) return m.num_heads * m.mla.v_head_dim;
  return m.num_kv_heads * m.head_dim;
}
long long layer_k_width(const ModelArch& m, const LayerSpec& l) {
  if (m.mla.enabled()) return k_width(m);
  return static_cast<long long>(layer_kv_heads(m, l)) * layer_head_dim(m, l);
}
long long layer_v_width(const ModelArch& m, const LayerSpec& l) {
  if (m.mla.enabled()) return v_width(m);
  return static_cast<long long>(layer_kv_heads(m, l)) * (l.v_head_dim > 0 ? l.v_head_dim : layer_head_dim(m, l));
}

namespace {

// DeepSeek-V3.2 lightning indexer (deepseek-ai/DeepSeek-V3.2-Exp inference/model.py, class Indexer): wq_b
// (q_lora_rank -> heads x head_dim), wk (hidden -> head_dim), k_norm (LayerNorm: weight and bias), weights_proj
// (hidden -> heads).
double indexer_params(const ModelArch& m) {
  if (!m.indexer.enabled()) return 0;
  const double h = m.hidden_size, nh = m.indexer.num_heads, hd = m.indexer.head_dim;
  const double q_in = m.mla.q_lora_rank > 0 ? m.mla.q_lora_rank : h;
  return q_in * nh * hd + h * hd + 2 * hd + h * nh;
}

}  // namespace

double attention_params(const ModelArch& m, const LayerSpec& l) {
  const double h = m.hidden_size;
  if (m.mla.enabled()) {
    // DeepSeek-V2/V3 (modeling_deepseek_v3.py): q_a_proj + q_a_layernorm + q_b_proj (or q_proj),
    // kv_a_proj_with_mqa (kv_lora + rope), kv_a_layernorm, kv_b_proj (nope + v per head), o_proj.
    const MlaSpec& a = m.mla;
    const double qk_head = a.qk_nope_head_dim + a.qk_rope_head_dim;
    double p = a.q_lora_rank > 0 ? h * a.q_lora_rank + a.q_lora_rank + a.q_lora_rank * m.num_heads * qk_head
                                 : h * m.num_heads * qk_head;
    p += h * (a.kv_lora_rank + a.qk_rope_head_dim) + a.kv_lora_rank;
    p += static_cast<double>(a.kv_lora_rank) * m.num_heads * (a.qk_nope_head_dim + a.v_head_dim);
    p += static_cast<double>(m.num_heads) * a.v_head_dim * h;
    return p + indexer_params(m);
  }
  const double hd = layer_head_dim(m, l), vhd = l.v_head_dim > 0 ? l.v_head_dim : hd;
  const double heads = layer_heads(m, l), q = heads * hd;
  const bool own_kv = l.kv_source < 0;  // CLA readers project no K or V
  const double k = own_kv ? layer_kv_heads(m, l) * hd : 0, v = own_kv ? layer_kv_heads(m, l) * vhd : 0;
  // Qwen3-Next's gated attention: q_proj emits query and gate (heads x head_dim x 2).
  double p = h * q * (m.attn_output_gate ? 2 : 1) + h * (k + v) + heads * vhd * h;
  if (m.qkv_bias) p += q + k + v;
  if (m.o_bias) p += h;
  if (m.qk_norm) p += m.qk_norm_full ? q + k : 2.0 * hd;
  if (m.attention_sinks || l.sinks) p += heads;
  return p;
}

double attention_params_per_layer(const ModelArch& m) { return attention_params(m, LayerSpec{}); }

namespace {

double dense_mlp_params(const ModelArch& m, double f) {
  const double h = m.hidden_size;
  const double matrices = m.mlp == MlpKind::kGated ? 3 : 2;
  double p = matrices * h * f;
  if (m.mlp_bias) p += (matrices - 1) * f + h;
  return p;
}

}  // namespace

double dense_mlp_params(const ModelArch& m) { return dense_mlp_params(m, m.intermediate_size); }

namespace {

// One expert of width f: gate/up/down (or up/down), with biases when the model has them.
double expert_params(const ModelArch& m, double f, bool bias, double h) {
  const double matrices = m.mlp == MlpKind::kGated ? 3 : 2;
  return matrices * h * f + (bias ? (matrices - 1) * f + h : 0);
}

}  // namespace

double moe_params_per_layer(const ModelArch& m) {
  const MoeSpec& e = m.moe;
  const double h = m.hidden_size;
  double p = h * e.num_experts + (e.router_bias ? e.num_experts : 0) + (e.router_correction_bias ? e.num_experts : 0);
  if (e.latent_size > 0) p += 2 * h * e.latent_size;
  p += e.num_experts * expert_params(m, e.expert_intermediate_size, e.expert_bias, e.latent_size > 0 ? e.latent_size : h);
  p += e.num_shared_experts * expert_params(m, e.shared_intermediate_size, false, h);
  if (e.shared_expert_gate) p += h;
  return p;
}

namespace {

// One block's parameters into their groups.
void add_layer(ParamCounts& c, const ModelArch& m, const LayerSpec& layer) {
  const double h = m.hidden_size;
  const MoeSpec& e = m.moe;
  if (is_attention(layer.mixer)) c.attention += attention_params(m, layer);
  else c.mixer_state += mixer_params(m, layer.mixer);
  if (layer.ssm_beside) c.mixer_state += mamba2_params(m);
  // Blocks with a mixer and an MLP have norms_per_layer norms; single-purpose blocks (Nemotron-H) one.
  const bool mixer = layer.mixer != MixerKind::kNone;
  c.norms += norm_params(m, h) * (mixer && layer.has_mlp ? m.norms_per_layer : 1);
  if (!layer.has_mlp) return;
  if (layer.ffn_linear) {
    c.mlp += h * h;
  } else if (layer.moe) {
    c.router += h * e.num_experts + (e.router_bias ? e.num_experts : 0) + (e.router_correction_bias ? e.num_experts : 0);
    // Latent MoE (Nemotron-3): experts map latent -> width -> latent, behind two hidden x latent projections.
    if (e.latent_size > 0) c.router += 2 * h * e.latent_size;
    const double one = expert_params(m, e.expert_intermediate_size, e.expert_bias, e.latent_size > 0 ? e.latent_size : h);
    c.experts += e.num_experts * one;
    c.active_experts += e.experts_per_token * one;
    c.shared_experts += e.num_shared_experts * expert_params(m, e.shared_intermediate_size, false, h);
    if (e.shared_expert_gate) c.shared_experts += h;
  } else {
    c.mlp += dense_mlp_params(m, layer.ffn_width > 0 ? layer.ffn_width : m.intermediate_size);
  }
}

// The multi-token-prediction modules: DeepSeek-V3's (modeling in deepseek-ai/DeepSeek-V3 inference/model.py and its
// checkpoint's model.layers.61.*: enorm, hnorm, eh_proj, shared_head.norm, shared_head.head, embed_tokens, and a MoE
// decoder layer; GLM-5's checkpoint (model.layers.78.*) holds the same without embed_tokens and shared_head.head,
// as its Hub total shows), Qwen3-Next/3.5's (mtp.fc, mtp.pre_fc_norm_hidden / _embedding, mtp.layers, mtp.norm), Nemotron-3's
// (mtp blocks of mtp_hybrid_override_pattern, eh_proj, enorm, hnorm, final_layernorm).
double mtp_params(const ModelArch& m) {
  if (m.mtp_layers <= 0) return 0;
  const double h = m.hidden_size, v = m.vocab_size, norm = norm_params(m, h);
  ParamCounts one;
  double extra = 0;
  switch (m.mtp_style) {
    case MtpStyle::kNone: return 0;
    case MtpStyle::kDeepSeek:
      add_layer(one, m, LayerSpec{MixerKind::kFullAttention, true, m.moe.num_experts > 0});
      extra = 3 * norm + 2 * h * h + 2 * v * h;
      break;
    case MtpStyle::kGlm:
      add_layer(one, m, LayerSpec{MixerKind::kFullAttention, true, m.moe.num_experts > 0});
      extra = 3 * norm + 2 * h * h;
      break;
    case MtpStyle::kQwen:
      add_layer(one, m, LayerSpec{MixerKind::kFullAttention, true, m.moe.num_experts > 0});
      extra = 3 * norm + 2 * h * h;
      break;
    case MtpStyle::kNemotron:
      for (const LayerSpec& b : m.mtp_blocks) add_layer(one, m, b);
      extra = 3 * norm + 2 * h * h;
      break;
  }
  return m.mtp_layers * (one.total() + extra);
}

}  // namespace

ParamCounts count_params(const ModelArch& m) {
  ParamCounts c;
  const double h = m.hidden_size;
  c.embedding = static_cast<double>(m.vocab_size) * h + (m.learned_positions ? static_cast<double>(m.max_context) * h : 0);
  c.output_head = m.tie_embeddings ? 0 : static_cast<double>(m.vocab_size) * h;
  c.norms = norm_params(m, h);  // final norm
  for (const LayerSpec& layer : m.layers) add_layer(c, m, layer);
  c.mtp = mtp_params(m);
  c.towers = m.tower_params;
  return c;
}

// Sizes no published model has: read as written, with a warning naming the field (a typo, or a units slip, gives
// a model orders of magnitude off). The bounds sit far above published models: head_dim a few hundred (Gemma 3:
// 256), vocabularies under 300k (Gemma 3: 262,208), a few hundred layers, totals of about 1-2T parameters.
Diagnostics implausible_sizes(const ModelArch& m, bool head_dim_stated) {
  constexpr int kMaxHeadDim = 4096, kMaxLayers = 1000, kMaxVocab = 10'000'000;
  constexpr double kMaxParams = 10e12;
  Diagnostics out;
  auto warn = [&](const std::string& field, const std::string& detail) {
    out.push_back({"config.implausible", Severity::kWarning, field, detail + " Is the config right?"});
  };
  if (m.head_dim > kMaxHeadDim)
    warn(head_dim_stated ? "head_dim" : "hidden_size",
         "head_dim is " + std::to_string(m.head_dim) + ", more than " + std::to_string(kMaxHeadDim) + ".");
  if (m.num_layers > kMaxLayers)
    warn("num_hidden_layers",
         "num_hidden_layers is " + std::to_string(m.num_layers) + ", more than " + std::to_string(kMaxLayers) + ".");
  if (m.vocab_size > kMaxVocab)
    warn("vocab_size", "vocab_size is " + std::to_string(m.vocab_size) + ", more than 10,000,000.");
  // count_params works in int widths (heads x head_dim, q_width); wider ones are implausible and warned of above.
  const double widest = std::max(static_cast<double>(m.num_heads) * m.head_dim,
                                 static_cast<double>(m.num_heads) * m.mla.v_head_dim);
  if (widest > std::numeric_limits<int>::max()) return out;
  if (const double total = count_params(m).total(); total > kMaxParams)
    warn("", "The config describes " + format_params(total) + " parameters, more than 10T.");
  return out;
}

}  // namespace vramfit
