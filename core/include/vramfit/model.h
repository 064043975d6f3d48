// A model's architecture, as a Hugging Face config.json describes it, and its exact parameter counts.
#pragma once

#include <string>
#include <vector>

#include "vramfit/diagnostics.h"

namespace vramfit {

enum class MlpKind { kGated, kPlain };       // gated: gate+up+down (SwiGLU/GeGLU); plain: up+down
enum class NormKind { kRms, kLayer };        // RMSNorm has a weight; LayerNorm a weight and a bias
// The token mixer of one block.
//   kFullAttention / kSlidingAttention: softmax attention over every token / over the last sliding_window tokens.
//   kChunkedAttention: attention inside fixed chunks of attention_chunk tokens (Llama-4's local layers).
//   kMamba1: selective SSM (Mamba, Jamba); kMamba2: SSD (Mamba-2, Nemotron-H, Granite-4.0-H, Falcon-H1).
//   kGatedDeltaNet: linear attention with a delta-rule state (Qwen3-Next, Qwen3.5).
//   kShortConv: gated short convolution (LFM2).
//   kLinear: the mixer replaced by one hidden x hidden matrix (Nemotron-NAS replace_with_linear).
//   kNone: no mixer (Nemotron-H MLP-only blocks, Nemotron-NAS no_op).
enum class MixerKind {
  kFullAttention, kSlidingAttention, kChunkedAttention, kMamba1, kMamba2, kGatedDeltaNet, kShortConv, kLinear, kNone
};

inline bool is_attention(MixerKind k) {
  return k == MixerKind::kFullAttention || k == MixerKind::kSlidingAttention || k == MixerKind::kChunkedAttention;
}
inline bool is_recurrent(MixerKind k) {
  return k == MixerKind::kMamba1 || k == MixerKind::kMamba2 || k == MixerKind::kGatedDeltaNet || k == MixerKind::kShortConv;
}

// One block of the network. Zero in a width field means "the model's" (ModelArch's field of the same name).
struct LayerSpec {
  MixerKind mixer = MixerKind::kFullAttention;  // token mixer of this block
  bool has_mlp = true;                          // Nemotron-H style blocks may carry only a mixer or only an MLP
  bool moe = false;                             // the MLP is a mixture of experts
  int num_heads = 0;                            // attention heads of this layer
  int num_kv_heads = 0;                         // K/V heads of this layer
  int head_dim = 0;                             // per head, of queries and keys
  int v_head_dim = 0;                           // per value head, when narrower than head_dim (MiMo-V2)
  bool sinks = false;                           // one learned sink logit per head in this layer (MiMo-V2's SWA layers)
  int kv_source = -1;                           // cross-layer attention (Hunyuan CLA): reads layer kv_source's K
                                                // and V; no k/v projections and no cache of its own
  int ffn_width = 0;                            // dense MLP width
  bool ffn_linear = false;                      // the MLP replaced by one hidden x hidden matrix (Nemotron-NAS)
  bool ssm_beside = false;                      // a Mamba-2 mixer in parallel with the attention (Falcon-H1)
  bool operator==(const LayerSpec&) const = default;
};

// A layer with recurrent state: a recurrent mixer, or a Mamba-2 beside its attention.
inline bool has_recurrent_state(const LayerSpec& l) { return is_recurrent(l.mixer) || l.ssm_beside; }

struct MoeSpec {
  int num_experts = 0;                  // routed experts per MoE layer (0: dense model)
  int experts_per_token = 0;            // top-k
  int expert_intermediate_size = 0;     // per routed expert
  int num_shared_experts = 0;           // always-active experts (DeepSeek, Qwen2-MoE: 1 fused)
  int shared_intermediate_size = 0;     // per shared expert
  bool router_bias = false;             // gpt-oss
  bool expert_bias = false;             // gpt-oss: biases on expert projections
  bool shared_expert_gate = false;      // Qwen2/Qwen3-MoE: sigmoid gate, hidden x 1
  bool router_correction_bias = false;  // DeepSeek-V3: e_score_correction_bias, one per expert
  int latent_size = 0;                  // Nemotron-3 latent MoE: routed experts work on a latent of this width,
                                        // reached through fc1_latent_proj / fc2_latent_proj (0: experts on hidden)
  bool operator==(const MoeSpec&) const = default;
};

struct MlaSpec {
  int q_lora_rank = 0;       // 0: q is projected directly
  int kv_lora_rank = 0;      // > 0: multi-head latent attention (DeepSeek-V2/V3)
  int qk_nope_head_dim = 0;
  int qk_rope_head_dim = 0;
  int v_head_dim = 0;
  bool enabled() const { return kv_lora_rank > 0; }
  bool operator==(const MlaSpec&) const = default;
};

struct Mamba2Spec {
  int num_heads = 0;   // mamba_num_heads
  int head_dim = 0;    // mamba_head_dim; d_inner = num_heads * head_dim
  int state_size = 0;  // ssm_state_size (d_state)
  int num_groups = 1;  // n_groups
  int conv_kernel = 4; // conv_kernel (d_conv)
  bool conv_bias = true;
  bool gated_norm = true;   // the gated RMSNorm over d_inner (Falcon-H1: only with mamba_rms_norm)
  bool out_bias = false;    // bias on out_proj (Falcon-H1 projectors_bias)
  long long d_inner() const { return static_cast<long long>(num_heads) * head_dim; }
  bool operator==(const Mamba2Spec&) const = default;
};

// Mamba-1 selective-scan mixer (transformers modeling_jamba.py JambaMambaMixer / modeling_mamba.py).
struct Mamba1Spec {
  int d_inner = 0;       // mamba_expand x hidden_size
  int state_size = 16;   // mamba_d_state
  int conv_kernel = 4;   // mamba_d_conv
  int dt_rank = 0;       // mamba_dt_rank ("auto": ceil(hidden / 16))
  bool conv_bias = true;
  bool proj_bias = false;
  bool bcdt_norms = false;  // Jamba: RMSNorms on dt, B and C
  bool operator==(const Mamba1Spec&) const = default;
};

// Gated DeltaNet linear attention (transformers modeling_qwen3_next.py Qwen3NextGatedDeltaNet).
struct GatedDeltaNetSpec {
  int num_k_heads = 0;   // linear_num_key_heads
  int num_v_heads = 0;   // linear_num_value_heads
  int k_head_dim = 0;    // linear_key_head_dim
  int v_head_dim = 0;    // linear_value_head_dim
  int conv_kernel = 4;   // linear_conv_kernel_dim
  long long key_dim() const { return static_cast<long long>(num_k_heads) * k_head_dim; }
  long long value_dim() const { return static_cast<long long>(num_v_heads) * v_head_dim; }
  long long conv_dim() const { return 2 * key_dim() + value_dim(); }
  bool operator==(const GatedDeltaNetSpec&) const = default;
};

// DeepSeek sparse attention's lightning indexer (DeepSeek-V3.2, GLM-5): a small attention that picks the keys.
struct IndexerSpec {
  int num_heads = 0;  // index_n_heads
  int head_dim = 0;   // index_head_dim
  bool enabled() const { return num_heads > 0 && head_dim > 0; }
  bool operator==(const IndexerSpec&) const = default;
};

// RoPE scaling as config.json states it (rope_scaling, or rope_parameters since transformers v5).
struct RopeScaling {
  std::string type;          // rope_type (or the older "type"): "linear", "dynamic", "yarn", "llama3", "longrope";
                             // "" when the config sets no scaling
  double factor = 1;         // "factor": how many times the trained context the scaling stretches to
  int original_context = 0;  // "original_max_position_embeddings": context before scaling, tokens (0: not given)
  bool operator==(const RopeScaling&) const = default;
};

// How the multi-token-prediction modules shipped with the weights are built (counted apart: engines load them
// only for speculative decoding).
enum class MtpStyle {
  kNone,
  kDeepSeek,  // DeepSeek-V3: a MoE decoder layer + enorm, hnorm, eh_proj, shared_head.norm, its own embedding and head
  kGlm,       // GLM-4.5 / GLM-5: the same without the embedding and head copies
  kQwen,      // Qwen3-Next / Qwen3.5: fc (2 x hidden -> hidden), two pre-fc norms, decoder layers, a norm
  kNemotron,  // Nemotron-3: blocks of mtp_hybrid_override_pattern + eh_proj, enorm, hnorm, a final norm
};

struct ModelArch {
  std::string name;
  std::string model_type;        // config.json model_type ("llama", "qwen2", ...)
  int hidden_size = 0;
  int num_layers = 0;
  int num_heads = 0;
  int num_kv_heads = 0;
  int head_dim = 0;              // per attention head; hidden/heads unless the config says otherwise
  int intermediate_size = 0;     // dense MLP width
  int vocab_size = 0;
  MlpKind mlp = MlpKind::kGated;
  NormKind norm = NormKind::kRms;
  int norms_per_layer = 2;       // 2 (pre-attention, pre-MLP); 4 for Gemma 2/3 (pre and post each); 1 for Falcon-7B
  bool qk_norm = false;          // per-head RMSNorm of q and k (Qwen3, Gemma 3, OLMo 2: see qk_norm_full)
  bool qk_norm_full = false;     // OLMo 2: q/k norm over the whole projection, not per head
  bool tie_embeddings = false;
  bool qkv_bias = false;         // biases on q, k, v projections (Qwen2)
  bool o_bias = false;           // bias on the output projection (gpt-oss)
  bool mlp_bias = false;
  bool attention_sinks = false;  // gpt-oss: one learned sink logit per head
  bool learned_positions = false; // GPT-2 / StarCoder: a position embedding table of max_context x hidden
  int sliding_window = 0;        // tokens; 0 = none
  int max_context = 0;           // tokens the model supports: max_position_embeddings, or what its RoPE scaling
                                 // extends that to (yarn: original x factor; linear, dynamic: x factor, but not
                                 // for Gemma 3, whose max_position_embeddings is already scaled)
  RopeScaling rope;              // the RoPE scaling max_context was derived with
  int mtp_layers = 0;            // multi-token-prediction modules shipped with the weights (not in the main stack)
  MtpStyle mtp_style = MtpStyle::kNone;
  std::vector<LayerSpec> mtp_blocks;  // kNemotron: the blocks of one module
  int attention_chunk = 0;       // tokens per chunk of kChunkedAttention layers (Llama-4 attention_chunk_size)
  bool attn_output_gate = false; // Qwen3-Next: q_proj also yields a sigmoid gate on the attention output
  bool conv_bias = false;        // kShortConv: bias on its projections (LFM2 conv_bias)
  int conv_kernel = 0;           // kShortConv: kernel width (LFM2 conv_L_cache)
  double tower_params = 0;       // vision/audio towers and projectors (issue 18): counted apart from the text model
  std::string tower_kind;        // which tower formula counted them ("" when none)
  MoeSpec moe;
  MlaSpec mla;
  Mamba2Spec mamba;
  Mamba1Spec mamba1;
  GatedDeltaNetSpec gdn;
  IndexerSpec indexer;
  std::vector<LayerSpec> layers;  // size num_layers
  bool operator==(const ModelArch&) const = default;
};

// Parameter counts per tensor group. Totals are sums of these and nothing else.
struct ParamCounts {
  double embedding = 0;      // token embedding table
  double attention = 0;      // q/k/v/o (or MLA) projections, their biases, q/k norms, sinks
  double mixer_state = 0;    // Mamba-2 mixers
  double mlp = 0;            // dense MLPs
  double experts = 0;        // routed experts (all of them)
  double shared_experts = 0; // shared experts and their gates
  double router = 0;         // MoE routers (and latent-MoE projections)
  double norms = 0;          // layer norms and the final norm
  double output_head = 0;    // lm_head when not tied
  double active_experts = 0; // routed expert parameters one token uses (top-k of each MoE layer)
  double mtp = 0;            // multi-token-prediction modules shipped with the weights; not in total()
  double towers = 0;         // vision/audio towers and their projectors; not in total() (the text model's)

  double total() const {
    return embedding + attention + mixer_state + mlp + experts + shared_experts + router + norms + output_head;
  }
  // Parameters one token touches: everything but the routed experts it does not use.
  double active() const { return total() - experts + active_experts; }
};

ParamCounts count_params(const ModelArch& model);

// Warnings (config.implausible) for sizes no published model has: head_dim over 4096, over 1000 layers, a
// vocabulary over 10M, over 10T parameters. The field named is head_dim when the source stated one.
Diagnostics implausible_sizes(const ModelArch& model, bool head_dim_stated);

// Parameters of one transformer block's pieces, for per-layer arithmetic elsewhere.
double attention_params_per_layer(const ModelArch& model);  // a layer with the model's own heads
double attention_params(const ModelArch& model, const LayerSpec& layer);
double dense_mlp_params(const ModelArch& model);
double moe_params_per_layer(const ModelArch& model);  // router + all routed + shared experts

// The attention shape of one layer: its own when it sets one, else the model's.
int layer_heads(const ModelArch& model, const LayerSpec& layer);
int layer_kv_heads(const ModelArch& model, const LayerSpec& layer);
int layer_head_dim(const ModelArch& model, const LayerSpec& layer);
// An attention layer that keeps its own K and V (not a cross-layer reader).
inline bool holds_kv(const LayerSpec& layer) { return is_attention(layer.mixer) && layer.kv_source < 0; }

// Width of K and of V per token per layer, in elements, as the model computes them (before any engine
// stores them): kv_heads x head_dim; MLA reports its decompressed heads here.
int q_width(const ModelArch& model);
int k_width(const ModelArch& model);
int v_width(const ModelArch& model);
long long layer_k_width(const ModelArch& model, const LayerSpec& layer);
long long layer_v_width(const ModelArch& model, const LayerSpec& layer);

// Recurrent state of one layer per sequence, in elements, as llama.cpp lays it out (llama-hparams.cpp n_embd_r:
// the convolution's last kernel-1 inputs; n_embd_s: the SSM or delta-rule state). 0 for other mixers.
struct RecurrentState {
  double conv = 0;
  double ssm = 0;
  double total() const { return conv + ssm; }
};
RecurrentState recurrent_state(const ModelArch& model, const LayerSpec& layer);

}  // namespace vramfit
