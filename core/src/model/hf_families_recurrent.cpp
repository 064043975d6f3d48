// config.json readers of the hybrid recurrent families: Qwen3-Next / Qwen3.5 (Gated DeltaNet), Jamba (Mamba-1),
// Granite-4.0-H, Falcon-H1 and Nemotron-H/3 (Mamba-2), LFM2 (short convolutions). Defaults are those of each
// family's configuration class; sources per family below.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "model/hf_family_util.h"

namespace vramfit::hf {
namespace {

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

}  // namespace

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

}  // namespace vramfit::hf
