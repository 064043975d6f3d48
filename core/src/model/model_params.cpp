// Exact parameter counts from the architecture: the shapes of every tensor of the Hugging Face
// implementation (transformers' modeling_<arch>.py), summed per group.
#include "vramfit/model.h"

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
  return in_proj + conv + 3.0 * s.num_heads + d_inner + d_inner * h;
}

}  // namespace

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

double attention_params_per_layer(const ModelArch& m) {
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
    return p;
  }
  const double q = q_width(m), kv = static_cast<double>(m.num_kv_heads) * m.head_dim;
  double p = h * q + 2 * h * kv + q * h;
  if (m.qkv_bias) p += q + 2 * kv;
  if (m.o_bias) p += h;
  if (m.qk_norm) p += m.qk_norm_full ? q + kv : 2.0 * m.head_dim;
  if (m.attention_sinks) p += m.num_heads;
  return p;
}

double dense_mlp_params(const ModelArch& m) {
  const double h = m.hidden_size, f = m.intermediate_size;
  const double matrices = m.mlp == MlpKind::kGated ? 3 : 2;
  double p = matrices * h * f;
  if (m.mlp_bias) p += (matrices - 1) * f + h;
  return p;
}

namespace {

// One expert of width f: gate/up/down (or up/down), with biases when the model has them.
double expert_params(const ModelArch& m, double f, bool bias) {
  const double h = m.hidden_size;
  const double matrices = m.mlp == MlpKind::kGated ? 3 : 2;
  return matrices * h * f + (bias ? (matrices - 1) * f + h : 0);
}

}  // namespace

double moe_params_per_layer(const ModelArch& m) {
  const MoeSpec& e = m.moe;
  const double h = m.hidden_size;
  double p = h * e.num_experts + (e.router_bias ? e.num_experts : 0) + (e.router_correction_bias ? e.num_experts : 0);
  p += e.num_experts * expert_params(m, e.expert_intermediate_size, e.expert_bias);
  p += e.num_shared_experts * expert_params(m, e.shared_intermediate_size, false);
  if (e.shared_expert_gate) p += h;
  return p;
}

ParamCounts count_params(const ModelArch& m) {
  ParamCounts c;
  const double h = m.hidden_size;
  c.embedding = static_cast<double>(m.vocab_size) * h + (m.learned_positions ? static_cast<double>(m.max_context) * h : 0);
  c.output_head = m.tie_embeddings ? 0 : static_cast<double>(m.vocab_size) * h;
  c.norms = norm_params(m, h);  // final norm
  const MoeSpec& e = m.moe;
  for (const LayerSpec& layer : m.layers) {
    switch (layer.mixer) {
      case MixerKind::kFullAttention:
      case MixerKind::kSlidingAttention: c.attention += attention_params_per_layer(m); break;
      case MixerKind::kMamba2: c.mixer_state += mamba2_params(m); break;
      case MixerKind::kNone: break;
    }
    // Blocks with a mixer and an MLP have norms_per_layer norms; single-purpose blocks (Nemotron-H) one.
    const bool mixer = layer.mixer != MixerKind::kNone;
    c.norms += norm_params(m, h) * (mixer && layer.has_mlp ? m.norms_per_layer : 1);
    if (!layer.has_mlp) continue;
    if (layer.moe) {
      c.router += h * e.num_experts + (e.router_bias ? e.num_experts : 0) + (e.router_correction_bias ? e.num_experts : 0);
      const double one = expert_params(m, e.expert_intermediate_size, e.expert_bias);
      c.experts += e.num_experts * one;
      c.active_experts += e.experts_per_token * one;
      c.shared_experts += e.num_shared_experts * expert_params(m, e.shared_intermediate_size, false);
      if (e.shared_expert_gate) c.shared_experts += h;
    } else {
      c.mlp += dense_mlp_params(m);
    }
  }
  return c;
}

}  // namespace vramfit
