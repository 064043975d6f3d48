#include "vramfit/llama_gguf.h"

#include <algorithm>
#include <string_view>
#include <cctype>

#include "model/ggml_ids.h"
#include "model/llama_weights.h"
#include "vramfit/ggml_types.h"

namespace vramfit {
namespace {

using namespace ggml_ids;


// llama.h enum llama_ftype values and llama-quant.cpp llama_ftype_get_default_type.
constexpr LlamaFtype kFtypes[] = {
    {"F32", 0, F32},        {"F16", 1, F16},        {"Q4_0", 2, Q4_0},      {"Q4_1", 3, Q4_1},
    {"Q8_0", 7, Q8_0},      {"Q5_0", 8, Q5_0},      {"Q5_1", 9, Q5_1},      {"Q2_K", 10, Q2_K},
    {"Q3_K_S", 11, Q3_K},   {"Q3_K_M", 12, Q3_K},   {"Q3_K_L", 13, Q3_K},   {"Q4_K_S", 14, Q4_K},
    {"Q4_K_M", 15, Q4_K},   {"Q5_K_S", 16, Q5_K},   {"Q5_K_M", 17, Q5_K},   {"Q6_K", 18, Q6_K},
    {"IQ2_XXS", 19, IQ2_XXS}, {"IQ2_XS", 20, IQ2_XS}, {"Q2_K_S", 21, Q2_K},  {"IQ3_XS", 22, IQ3_S},
    {"IQ3_XXS", 23, IQ3_XXS}, {"IQ1_S", 24, IQ1_S}, {"IQ4_NL", 25, IQ4_NL}, {"IQ3_S", 26, IQ3_S},
    {"IQ3_M", 27, IQ3_S},   {"IQ2_S", 28, IQ2_XS},  {"IQ2_M", 29, IQ2_S},   {"IQ4_XS", 30, IQ4_XS},
    {"IQ1_M", 31, IQ1_M},   {"BF16", 32, BF16},     {"TQ1_0", 36, TQ1_0},   {"TQ2_0", 37, TQ2_0},
    {"MXFP4_MOE", 38, MXFP4},
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

int block_of(int type) {
  const GgmlTypeInfo* t = ggml_type_ptr(type);
  return t != nullptr ? t->block_elements : 1;
}
bool is_quantized(int type) {
  const GgmlTypeInfo* t = ggml_type_ptr(type);
  return t != nullptr && t->quantized;
}

template <typename Sink>
struct Builder {
  Sink& out;
  int base;
  void add(const char* suffix, std::array<std::int64_t, 4> ne, int n_dims, int layer, TensorRole role, int type = -1) {
    out(GgufTensor{suffix, ne, n_dims, type >= 0 ? type : (n_dims >= 2 ? base : F32), layer, role});
  }
  void vec(const char* suffix, std::int64_t n, int layer, TensorRole role) { add(suffix, {n, 1, 1, 1}, 1, layer, role); }
  void mat(const char* suffix, std::int64_t cols, std::int64_t rows, int layer, TensorRole role, int type = -1) {
    add(suffix, {cols, rows, 1, 1}, 2, layer, role, type);
  }
};

// --- type rules (llama-quant.cpp, v0.5.0) -------------------------------------------------------------

// llama_ftype ids (llama.h).
enum Ftype : int {
  FT_Q4_0 = 2, FT_Q4_1 = 3, FT_Q8_0 = 7, FT_Q5_0 = 8, FT_Q5_1 = 9, FT_Q2_K = 10, FT_Q3_K_S = 11, FT_Q3_K_M = 12,
  FT_Q3_K_L = 13, FT_Q4_K_S = 14, FT_Q4_K_M = 15, FT_Q5_K_S = 16, FT_Q5_K_M = 17, FT_Q6_K = 18, FT_IQ2_XXS = 19,
  FT_IQ2_XS = 20, FT_Q2_K_S = 21, FT_IQ3_XS = 22, FT_IQ3_XXS = 23, FT_IQ1_S = 24, FT_IQ4_NL = 25, FT_IQ3_S = 26,
  FT_IQ3_M = 27, FT_IQ2_S = 28, FT_IQ2_M = 29, FT_IQ4_XS = 30, FT_IQ1_M = 31, FT_TQ1_0 = 36, FT_TQ2_0 = 37,
  FT_MXFP4_MOE = 38
};

// A set of file types as a bit mask (ids < 64), a compile-time constant.
template <int... Ids>
constexpr std::uint64_t kMask = ((std::uint64_t{1} << Ids) | ...);

bool use_more_bits(int i, int n) { return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2; }

struct QuantState {
  int n_attention_wv = 0, i_attention_wv = 0;
  int n_layer = 0;
  bool tied = false;
};

// tensor_allows_quantization: 2-D+ weights other than norms, biases, MoE routers and SSM convolutions.
bool allows_quantization(const GgufTensor& t) {
  if (t.n_dims < 2) return false;
  switch (t.role) {
    case TensorRole::kNorm: case TensorRole::kOutputNorm: case TensorRole::kBias: case TensorRole::kRouter:
    case TensorRole::kConv: return false;
    default: return true;
  }
}

int fallback(const GgufTensor& t, int type) {
  if (t.ne[0] % block_of(type) == 0) return type;
  int f = type;
  switch (type) {
    case IQ1_S: case IQ1_M: case IQ2_XXS: case IQ2_XS: case IQ2_S: case IQ3_XXS: case IQ3_S: case IQ4_XS: f = IQ4_NL; break;
    case Q2_K: case Q3_K: case TQ1_0: case TQ2_0: f = Q4_0; break;
    case Q4_K: f = Q5_0; break;
    case Q5_K: f = Q5_1; break;
    case Q6_K: f = Q8_0; break;
    default: break;
  }
  return t.ne[0] % block_of(f) == 0 ? f : F16;
}

int rule_type(const ModelArch& m, int ftype, int def, const GgufTensor& t, QuantState& s) {
  const int n_gqa = m.num_kv_heads > 0 ? m.num_heads / m.num_kv_heads : 1;
  const int n_expert = m.moe.num_experts;
  const bool is70b = m.model_type == "llama" && m.num_layers == 80;
  const auto ft = [ftype](std::uint64_t mask) { return ((mask >> ftype) & 1U) != 0; };
  int type = def;
  const TensorRole r = t.role;
  if (r == TensorRole::kOutput || (s.tied && r == TensorRole::kTokenEmbd)) {
    if (ftype == FT_MXFP4_MOE || t.ne[0] % block_of(type) != 0) return Q8_0;
    if (ft(kMask<FT_IQ2_XXS, FT_IQ2_XS, FT_IQ3_XXS, FT_IQ1_S, FT_IQ2_S, FT_IQ2_M, FT_IQ1_M>)) return Q5_K;
    return type != Q8_0 ? Q6_K : type;
  }
  if (ftype == FT_MXFP4_MOE) return t.ne[2] > 1 ? MXFP4 : Q8_0;
  if (r == TensorRole::kTokenEmbd) {
    if (ft(kMask<FT_IQ2_XXS, FT_IQ2_XS, FT_IQ1_S, FT_IQ1_M>)) return Q2_K;
    if (ft(kMask<FT_IQ2_S, FT_IQ2_M, FT_IQ3_XXS>)) return IQ3_S;
    if (ft(kMask<FT_TQ1_0, FT_TQ2_0>)) return Q4_K;
    return type;
  }
  const bool v_like = r == TensorRole::kAttnV || r == TensorRole::kAttnQkv || r == TensorRole::kAttnKvB;
  const int layer = std::max(0, t.layer), n = s.n_layer;
  if (ft(kMask<FT_IQ2_XXS, FT_IQ2_XS, FT_IQ1_S, FT_IQ2_S, FT_IQ2_M, FT_IQ1_M>)) {
    const bool s_or_m = ft(kMask<FT_IQ2_S, FT_IQ2_M>);
    if (v_like) { type = (n_gqa >= 4 || n_expert >= 4) ? Q4_K : (s_or_m ? IQ3_S : Q2_K); ++s.i_attention_wv; }
    else if (n_expert == 8 && r == TensorRole::kAttnK) type = Q4_K;
    else if (r == TensorRole::kFfnDown) { if (layer < n / 8) type = s_or_m ? IQ3_S : Q2_K; }
    else if (r == TensorRole::kAttnOutput) {
      if (n_expert == 8) type = Q5_K;
      else if (ft(kMask<FT_IQ1_S, FT_IQ1_M>)) type = IQ2_XXS;
      else if (s_or_m) type = IQ3_S;
    }
    return type;
  }
  if (v_like) {
    const int i = s.i_attention_wv;
    if (ftype == FT_Q2_K) type = n_gqa >= 4 ? Q4_K : Q3_K;
    else if (ftype == FT_Q2_K_S && n_gqa >= 4) type = Q4_K;
    else if (ftype == FT_IQ3_XXS) type = n_gqa >= 4 ? Q4_K : IQ3_S;
    else if (ft(kMask<FT_IQ3_XS, FT_IQ3_S>) && n_gqa >= 4) type = Q4_K;
    else if (ftype == FT_IQ3_M) type = Q4_K;
    else if (ftype == FT_Q3_K_M) type = i < 2 ? Q5_K : Q4_K;
    else if (ftype == FT_Q3_K_L) type = Q5_K;
    else if (ft(kMask<FT_IQ4_NL, FT_IQ4_XS>) && n_gqa >= 4) type = Q5_K;
    else if (ft(kMask<FT_Q4_K_M, FT_Q5_K_M>) && use_more_bits(i, s.n_attention_wv)) type = Q6_K;
    else if (ftype == FT_Q4_K_S && i < 4) type = Q5_K;
    if (is70b && (type == Q3_K || type == Q4_K)) type = Q5_K;
    if (n_expert == 8) type = Q8_0;
    ++s.i_attention_wv;
    return type;
  }
  if (r == TensorRole::kAttnK) {
    if (n_expert == 8) return Q8_0;
    if (ftype == FT_IQ3_XS) return IQ3_XXS;
    if (ftype == FT_IQ3_XXS) return IQ2_S;
    return type;
  }
  if (r == TensorRole::kAttnQ) {
    if (ftype == FT_IQ3_XS) return IQ3_XXS;
    if (ftype == FT_IQ3_XXS) return IQ2_S;
    return type;
  }
  if (r == TensorRole::kFfnDown) {
    if (ftype == FT_Q2_K) type = Q3_K;
    else if (ftype == FT_Q2_K_S) { if (layer < n / 8) type = Q4_K; }
    else if (ftype == FT_IQ3_XXS) type = layer < n / 8 ? Q4_K : Q3_K;
    else if (ftype == FT_Q3_K_M) type = layer < n / 16 ? Q5_K : Q4_K;
    else if (ftype == FT_IQ3_M && (layer < n / 8 || (n_expert == 8 && use_more_bits(layer, n)))) type = Q4_K;
    else if (ftype == FT_Q3_K_L) type = Q5_K;
    else if (ftype == FT_Q4_K_M) { if (use_more_bits(layer, n)) type = Q6_K; }
    else if (layer < n / 8 && ft(kMask<FT_IQ4_NL, FT_IQ4_XS>)) type = Q5_K;
    else if (ftype == FT_Q5_K_M && use_more_bits(layer, n)) type = Q6_K;
    else if (ftype == FT_Q4_K_S && layer < n / 8) type = Q5_K;
    return type;
  }
  if (r == TensorRole::kAttnOutput) {
    if (n_expert == 8) {
      if (ft(kMask<FT_Q2_K, FT_IQ3_XS, FT_IQ3_XXS, FT_Q3_K_S, FT_Q3_K_M, FT_IQ4_NL, FT_Q4_K_S, FT_Q4_K_M, FT_IQ3_S, FT_IQ3_M, FT_IQ4_XS>))
        type = Q5_K;
    } else {
      if (ftype == FT_Q2_K) type = Q3_K;
      else if (ftype == FT_IQ3_XXS) type = IQ3_S;
      else if (ftype == FT_Q3_K_M) type = Q4_K;
      else if (ftype == FT_Q3_K_L) type = Q5_K;
      else if (ftype == FT_IQ3_M) type = Q4_K;
    }
    return type;
  }
  if (r == TensorRole::kAttnQkv) {
    if (ft(kMask<FT_Q3_K_M, FT_Q3_K_L, FT_IQ3_M>)) return Q4_K;
    if (ftype == FT_Q4_K_M) return Q5_K;
    if (ftype == FT_Q5_K_M) return Q6_K;
    return type;
  }
  if ((r == TensorRole::kFfnGate || r == TensorRole::kFfnUp) && ftype == FT_IQ3_XS && layer >= n / 8 && layer < 7 * n / 8)
    return IQ3_XXS;
  return type;
}

}  // namespace

std::span<const LlamaFtype> llama_ftypes() { return kFtypes; }

std::optional<LlamaFtype> llama_ftype_by_name(std::string_view name) {
  for (const auto& f : kFtypes)
    if (iequals(f.name, name)) return f;
  return std::nullopt;
}

std::string gguf_tensor_name(const GgufTensor& t) {
  return t.layer >= 0 ? "blk." + std::to_string(t.layer) + "." + t.suffix : std::string(t.suffix);
}

namespace {

// Emits every tensor of the model in llama.cpp's order, without storing them.
template <typename Sink>
void visit_tensors(const ModelArch& m, int base_type, Sink&& sink) {
  Builder<Sink> b{sink, base_type};
  const std::int64_t h = m.hidden_size, vocab = m.vocab_size;
  b.mat("token_embd.weight", h, vocab, -1, TensorRole::kTokenEmbd);
  for (int i = 0; i < m.num_layers; ++i) {
    const LayerSpec& L = m.layers[static_cast<std::size_t>(i)];
    const bool attention = is_attention(L.mixer);
    const std::int64_t head_dim = layer_head_dim(m, L);
    const std::int64_t kv_embd = layer_k_width(m, L), q_embd = layer_heads(m, L) * head_dim;
    if (L.mixer != MixerKind::kNone) b.vec("attn_norm.weight", h, i, TensorRole::kNorm);
    if (attention && m.mla.enabled()) {
      const MlaSpec& a = m.mla;
      const std::int64_t qk = a.qk_nope_head_dim + a.qk_rope_head_dim;
      if (a.q_lora_rank > 0) {
        b.mat("attn_q_a.weight", h, a.q_lora_rank, i, TensorRole::kAttnOther);
        b.vec("attn_q_a_norm.weight", a.q_lora_rank, i, TensorRole::kNorm);
        b.mat("attn_q_b.weight", a.q_lora_rank, m.num_heads * qk, i, TensorRole::kAttnQ);
      } else {
        b.mat("attn_q.weight", h, m.num_heads * qk, i, TensorRole::kAttnQ);
      }
      b.mat("attn_kv_a_mqa.weight", h, a.kv_lora_rank + a.qk_rope_head_dim, i, TensorRole::kAttnOther);
      b.vec("attn_kv_a_norm.weight", a.kv_lora_rank, i, TensorRole::kNorm);
      // llama.cpp v0.5.0 converts kv_b into per-head absorbed halves (attn_k_b, attn_v_b; src/models/deepseek2.cpp).
      b.add("attn_k_b.weight", {a.qk_nope_head_dim, a.kv_lora_rank, m.num_heads, 1}, 3, i, TensorRole::kAttnOther);
      b.add("attn_v_b.weight", {a.kv_lora_rank, a.v_head_dim, m.num_heads, 1}, 3, i, TensorRole::kAttnOther);
      b.mat("attn_output.weight", m.num_heads * a.v_head_dim, h, i, TensorRole::kAttnOutput);
      if (m.indexer.enabled()) {
        // DeepSeek-V3.2's lightning indexer (llama.cpp deepseek32: indexer.* tensors).
        const std::int64_t nh = m.indexer.num_heads, hd = m.indexer.head_dim;
        b.mat("indexer.attn_q_b.weight", a.q_lora_rank > 0 ? a.q_lora_rank : h, nh * hd, i, TensorRole::kAttnOther);
        b.mat("indexer.attn_k.weight", h, hd, i, TensorRole::kAttnOther);
        b.vec("indexer.k_norm.weight", hd, i, TensorRole::kNorm);
        b.vec("indexer.k_norm.bias", hd, i, TensorRole::kBias);
        b.mat("indexer.proj.weight", h, nh, i, TensorRole::kAttnOther);
      }
    } else if (attention) {
      // Qwen3-Next's q projection carries the output gate too (src/models/qwen3next.cpp: n_embd_head_k x n_head x 2).
      b.mat("attn_q.weight", h, q_embd * (m.attn_output_gate ? 2 : 1), i, TensorRole::kAttnQ);
      const bool own_kv = L.kv_source < 0;
      const std::int64_t v_embd = layer_v_width(m, L), o_in = layer_heads(m, L) * (L.v_head_dim > 0 ? L.v_head_dim : head_dim);
      if (own_kv) {
        b.mat("attn_k.weight", h, kv_embd, i, TensorRole::kAttnK);
        b.mat("attn_v.weight", h, v_embd, i, TensorRole::kAttnV);
      }
      b.mat("attn_output.weight", o_in, h, i, TensorRole::kAttnOutput);
      if (m.qkv_bias) {
        b.vec("attn_q.bias", q_embd, i, TensorRole::kBias);
        if (own_kv) {
          b.vec("attn_k.bias", kv_embd, i, TensorRole::kBias);
          b.vec("attn_v.bias", v_embd, i, TensorRole::kBias);
        }
      }
      if (m.o_bias) b.vec("attn_output.bias", h, i, TensorRole::kBias);
      if (m.qk_norm) {
        b.vec("attn_q_norm.weight", m.qk_norm_full ? q_embd : head_dim, i, TensorRole::kNorm);
        if (own_kv || !m.qk_norm_full) b.vec("attn_k_norm.weight", m.qk_norm_full ? kv_embd : head_dim, i, TensorRole::kNorm);
      }
      if (m.attention_sinks || L.sinks) b.vec("attn_sinks.weight", layer_heads(m, L), i, TensorRole::kBias);
    }
    if (L.mixer == MixerKind::kMamba2 || L.ssm_beside) {
      const Mamba2Spec& s = m.mamba;
      const std::int64_t d_inner = s.d_inner(), conv = d_inner + 2LL * s.num_groups * s.state_size;
      b.mat("ssm_in.weight", h, 2 * d_inner + 2LL * s.num_groups * s.state_size + s.num_heads, i, TensorRole::kMixer);
      b.mat("ssm_conv1d.weight", s.conv_kernel, conv, i, TensorRole::kConv, F32);
      if (s.conv_bias) b.vec("ssm_conv1d.bias", conv, i, TensorRole::kBias);
      // llama.cpp LLM_ARCH_MAMBA2 / NEMOTRON_H / GRANITE_HYBRID: A and D as {1, n_head}, the gated norm per group.
      b.vec("ssm_dt.bias", s.num_heads, i, TensorRole::kBias);
      b.mat("ssm_a", 1, s.num_heads, i, TensorRole::kBias, F32);
      b.mat("ssm_d", 1, s.num_heads, i, TensorRole::kBias, F32);
      if (s.gated_norm) b.mat("ssm_norm.weight", d_inner / std::max(1, s.num_groups), s.num_groups, i, TensorRole::kNorm, F32);
      b.mat("ssm_out.weight", d_inner, h, i, TensorRole::kMixer);
      if (s.out_bias) b.vec("ssm_out.bias", h, i, TensorRole::kBias);
    } else if (L.mixer == MixerKind::kMamba1) {
      // llama.cpp mamba / jamba tensors (src/llama-model.cpp LLM_ARCH_JAMBA): ssm_in, ssm_conv1d, ssm_x, ssm_dt,
      // ssm_a, ssm_d, ssm_out, and Jamba's dt / B / C norms.
      const Mamba1Spec& s = m.mamba1;
      const std::int64_t di = s.d_inner, r = s.dt_rank, n = s.state_size;
      b.mat("ssm_in.weight", h, 2 * di, i, TensorRole::kMixer);
      if (s.proj_bias) b.vec("ssm_in.bias", 2 * di, i, TensorRole::kBias);
      b.mat("ssm_conv1d.weight", s.conv_kernel, di, i, TensorRole::kConv, F32);
      if (s.conv_bias) b.vec("ssm_conv1d.bias", di, i, TensorRole::kBias);
      b.mat("ssm_x.weight", di, r + 2 * n, i, TensorRole::kMixer);
      b.mat("ssm_dt.weight", r, di, i, TensorRole::kMixer);
      b.vec("ssm_dt.bias", di, i, TensorRole::kBias);
      b.mat("ssm_a", n, di, i, TensorRole::kBias, F32);
      b.vec("ssm_d", di, i, TensorRole::kBias);
      if (s.bcdt_norms) {
        b.vec("ssm_dt_norm.weight", r, i, TensorRole::kNorm);
        b.vec("ssm_b_norm.weight", n, i, TensorRole::kNorm);
        b.vec("ssm_c_norm.weight", n, i, TensorRole::kNorm);
      }
      b.mat("ssm_out.weight", di, h, i, TensorRole::kMixer);
      if (s.proj_bias) b.vec("ssm_out.bias", h, i, TensorRole::kBias);
    } else if (L.mixer == MixerKind::kGatedDeltaNet) {
      // llama.cpp qwen3next (src/llama-model.cpp LLM_ARCH_QWEN3NEXT): ssm_in (q, k, v, z), ssm_ba, ssm_conv1d,
      // ssm_dt, ssm_a, ssm_norm over one v head, ssm_out.
      const GatedDeltaNetSpec& g = m.gdn;
      b.mat("ssm_in.weight", h, 2 * g.key_dim() + 2 * g.value_dim(), i, TensorRole::kMixer);
      b.mat("ssm_ba.weight", h, 2LL * g.num_v_heads, i, TensorRole::kMixer);
      b.mat("ssm_conv1d.weight", g.conv_kernel, g.conv_dim(), i, TensorRole::kConv, F32);
      b.vec("ssm_dt.bias", g.num_v_heads, i, TensorRole::kBias);
      b.vec("ssm_a", g.num_v_heads, i, TensorRole::kBias);
      b.vec("ssm_norm.weight", g.v_head_dim, i, TensorRole::kNorm);
      b.mat("ssm_out.weight", g.value_dim(), h, i, TensorRole::kMixer);
    } else if (L.mixer == MixerKind::kShortConv) {
      // llama.cpp lfm2 (src/llama-model.cpp LLM_ARCH_LFM2): shortconv.in_proj, shortconv.conv, shortconv.out_proj.
      b.mat("shortconv.in_proj.weight", h, 3 * h, i, TensorRole::kMixer);
      if (m.conv_bias) b.vec("shortconv.in_proj.bias", 3 * h, i, TensorRole::kBias);
      b.mat("shortconv.conv.weight", m.conv_kernel, h, i, TensorRole::kConv, F32);
      if (m.conv_bias) b.vec("shortconv.conv.bias", h, i, TensorRole::kBias);
      b.mat("shortconv.out_proj.weight", h, h, i, TensorRole::kMixer);
      if (m.conv_bias) b.vec("shortconv.out_proj.bias", h, i, TensorRole::kBias);
    } else if (L.mixer == MixerKind::kLinear) {
      b.mat("attn_linear.weight", h, h, i, TensorRole::kAttnOutput);
    }
    if (m.norms_per_layer == 4) b.vec("post_attention_norm.weight", h, i, TensorRole::kNorm);
    if (!L.has_mlp) continue;
    // gpt-oss and Qwen3-Next / Qwen3.5 name their pre-MLP norm post_attention_norm (src/models/openai-moe.cpp,
    // qwen3next.cpp).
    // Nemotron-H's single-purpose MLP blocks keep their one norm as attn_norm (src/models/nemotron-h.cpp).
    if (L.mixer == MixerKind::kNone && m.model_type == "nemotron_h")
      b.vec("attn_norm.weight", h, i, TensorRole::kNorm);
    else if (m.norms_per_layer >= 2 || L.mixer == MixerKind::kNone)
      // Falcon-H1's pre-MLP norm has no ".weight" suffix in llama.cpp (LLM_ARCH_FALCON_H1: tn(LLM_TENSOR_FFN_NORM, i)).
      b.vec(m.model_type == "gpt_oss" || m.gdn.num_v_heads > 0 ? "post_attention_norm.weight"
            : L.ssm_beside                                    ? "ffn_norm"
                                                              : "ffn_norm.weight",
            h, i, TensorRole::kNorm);
    const bool gated = m.mlp == MlpKind::kGated;
    if (L.ffn_linear) {
      b.mat("ffn_linear.weight", h, h, i, TensorRole::kFfnDown);
    } else if (L.moe) {
      const MoeSpec& e = m.moe;
      const std::int64_t f = e.expert_intermediate_size, n = e.num_experts;
      b.mat("ffn_gate_inp.weight", h, n, i, TensorRole::kRouter, F32);
      // Nemotron-3's latent MoE: experts read and write a latent of latent_size (ffn_latent_in / ffn_latent_out).
      const std::int64_t x = e.latent_size > 0 ? e.latent_size : h;
      if (e.latent_size > 0) {
        b.mat("ffn_latent_in.weight", h, x, i, TensorRole::kFfnUp);
        b.mat("ffn_latent_out.weight", x, h, i, TensorRole::kFfnDown);
      }
      if (e.router_bias) b.vec("ffn_gate_inp.bias", n, i, TensorRole::kBias);
      if (e.router_correction_bias) b.vec("exp_probs_b.bias", n, i, TensorRole::kBias);
      if (gated) b.add("ffn_gate_exps.weight", {x, f, n, 1}, 3, i, TensorRole::kFfnGate);
      b.add("ffn_up_exps.weight", {x, f, n, 1}, 3, i, TensorRole::kFfnUp);
      b.add("ffn_down_exps.weight", {f, x, n, 1}, 3, i, TensorRole::kFfnDown);
      if (e.expert_bias) {
        if (gated) b.mat("ffn_gate_exps.bias", f, n, i, TensorRole::kBias, F32);
        b.mat("ffn_up_exps.bias", f, n, i, TensorRole::kBias, F32);
        b.mat("ffn_down_exps.bias", x, n, i, TensorRole::kBias, F32);
      }
      if (e.num_shared_experts > 0) {
        const std::int64_t fs = static_cast<std::int64_t>(e.shared_intermediate_size) * e.num_shared_experts;
        if (gated) b.mat("ffn_gate_shexp.weight", h, fs, i, TensorRole::kFfnGate);
        b.mat("ffn_up_shexp.weight", h, fs, i, TensorRole::kFfnUp);
        b.mat("ffn_down_shexp.weight", fs, h, i, TensorRole::kFfnDown);
        if (e.shared_expert_gate) b.vec("ffn_gate_inp_shexp.weight", h, i, TensorRole::kRouter);
      }
    } else {
      const std::int64_t f = L.ffn_width > 0 ? L.ffn_width : m.intermediate_size;
      if (gated) b.mat("ffn_gate.weight", h, f, i, TensorRole::kFfnGate);
      b.mat("ffn_up.weight", h, f, i, TensorRole::kFfnUp);
      b.mat("ffn_down.weight", f, h, i, TensorRole::kFfnDown);
      if (m.mlp_bias) {
        if (gated) b.vec("ffn_gate.bias", f, i, TensorRole::kBias);
        b.vec("ffn_up.bias", f, i, TensorRole::kBias);
        b.vec("ffn_down.bias", h, i, TensorRole::kBias);
      }
    }
    if (m.norms_per_layer == 4) b.vec("post_ffw_norm.weight", h, i, TensorRole::kNorm);
  }
  // LFM2 names its final norm after the embedding (llama.cpp LLM_ARCH_LFM2: token_embd_norm).
  b.vec(m.model_type == "lfm2" ? "token_embd_norm.weight" : "output_norm.weight", h, -1, TensorRole::kOutputNorm);
  if (m.norm == NormKind::kLayer) b.vec("output_norm.bias", h, -1, TensorRole::kBias);
  if (!m.tie_embeddings) b.mat("output.weight", h, vocab, -1, TensorRole::kOutput);
}

}  // namespace

std::vector<GgufTensor> llama_tensors(const ModelArch& m, int base_type) {
  std::vector<GgufTensor> out;
  out.reserve(static_cast<std::size_t>(m.num_layers) * 20 + 8);
  visit_tensors(m, base_type, [&out](const GgufTensor& t) { out.push_back(t); });
  return out;
}

namespace {

QuantState quant_state(const ModelArch& m) {
  QuantState s;
  s.n_layer = m.num_layers;
  s.tied = m.tie_embeddings;
  for (const auto& l : m.layers)
    s.n_attention_wv += l.mixer == MixerKind::kFullAttention || l.mixer == MixerKind::kSlidingAttention;
  return s;
}

int quantized_type(const ModelArch& m, const LlamaFtype& ftype, const GgufTensor& t, QuantState& s) {
  if (!allows_quantization(t)) return t.type;
  if (!is_quantized(ftype.default_type)) return ftype.default_type;  // F16/BF16/F32 files
  return fallback(t, rule_type(m, ftype.id, ftype.default_type, t, s));
}


}  // namespace

void apply_llama_ftype(const ModelArch& m, const LlamaFtype& ftype, std::vector<GgufTensor>& tensors) {
  QuantState s = quant_state(m);
  for (GgufTensor& t : tensors) t.type = quantized_type(m, ftype, t, s);
}


LlamaWeights llama_weight_bytes(const ModelArch& m, const LlamaFtype& ftype) {
  LlamaWeights w = empty_llama_weights(m.num_layers);
  QuantState s = quant_state(m);
  visit_tensors(m, F16, [&](GgufTensor t) {
    t.type = quantized_type(m, ftype, t, s);
    add_llama_tensor(w, t, m.tie_embeddings, m.num_layers);
  });
  return w;
}

}  // namespace vramfit
