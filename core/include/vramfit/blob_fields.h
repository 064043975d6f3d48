// The members of the core's data types in blob.h's binary form, in order. A member added to one of these
// structs must be added here too: the round-trip tests (tests/core/blob_test.cpp) read every preset, GPU and
// test config back and compare it with operator==, so a forgotten member fails there.
#pragma once

#include "vramfit/accuracy.h"
#include "vramfit/blob.h"
#include "vramfit/diagnostics.h"
#include "vramfit/gpu_catalog.h"
#include "vramfit/llama_gguf.h"
#include "vramfit/model.h"
#include "vramfit/presets.h"

namespace vramfit {

template <class A> void fields(A& a, Diagnostic& d) { a(d.code, d.severity, d.field, d.detail); }
template <class A> void fields(A& a, LayerSpec& l) {
  a(l.mixer, l.has_mlp, l.moe, l.num_heads, l.num_kv_heads, l.head_dim, l.v_head_dim, l.sinks, l.kv_source,
    l.ffn_width, l.ffn_linear, l.ssm_beside);
}
template <class A> void fields(A& a, MoeSpec& m) {
  a(m.num_experts, m.experts_per_token, m.expert_intermediate_size, m.num_shared_experts, m.shared_intermediate_size,
    m.router_bias, m.expert_bias, m.shared_expert_gate, m.router_correction_bias, m.latent_size);
}
template <class A> void fields(A& a, MlaSpec& m) {
  a(m.q_lora_rank, m.kv_lora_rank, m.qk_nope_head_dim, m.qk_rope_head_dim, m.v_head_dim);
}
template <class A> void fields(A& a, Mamba2Spec& m) {
  a(m.num_heads, m.head_dim, m.state_size, m.num_groups, m.conv_kernel, m.conv_bias, m.gated_norm, m.out_bias);
}
template <class A> void fields(A& a, Mamba1Spec& m) {
  a(m.d_inner, m.state_size, m.conv_kernel, m.dt_rank, m.conv_bias, m.proj_bias, m.bcdt_norms);
}
template <class A> void fields(A& a, GatedDeltaNetSpec& g) {
  a(g.num_k_heads, g.num_v_heads, g.k_head_dim, g.v_head_dim, g.conv_kernel);
}
template <class A> void fields(A& a, IndexerSpec& x) { a(x.num_heads, x.head_dim); }
template <class A> void fields(A& a, RopeScaling& r) { a(r.type, r.factor, r.original_context); }
template <class A> void fields(A& a, ModelArch& m) {
  a(m.name, m.model_type, m.hidden_size, m.num_layers, m.num_heads, m.num_kv_heads, m.head_dim, m.intermediate_size,
    m.vocab_size, m.mlp, m.norm, m.norms_per_layer, m.qk_norm, m.qk_norm_full, m.tie_embeddings, m.qkv_bias,
    m.o_bias, m.mlp_bias, m.attention_sinks, m.learned_positions, m.sliding_window, m.max_context, m.rope,
    m.mtp_layers, m.mtp_style, m.mtp_blocks, m.attention_chunk, m.attn_output_gate, m.conv_bias, m.conv_kernel,
    m.tower_params, m.tower_kind, m.moe, m.mla, m.mamba, m.mamba1, m.gdn, m.indexer, m.layers);
}
template <class A> void fields(A& a, LlamaWeights& w) {
  a(w.layer_bytes, w.layer_repack, w.token_embd, w.output, w.output_repack, w.layer_experts);
}
template <class A> void fields(A& a, ModelPreset& p) {
  a(p.id, p.name, p.family, p.config_source, p.official_params, p.official_params_exact, p.official_params_size_class,
    p.official_params_not_resident, p.official_params_source, p.checkpoint_format, p.arch);
}
template <class A> void fields(A& a, GpuEntry& g) {
  a(g.id, g.name, g.vendor, g.segment, g.memory_bytes, g.usable_memory_bytes, g.memory_type, g.bandwidth_gb_s,
    g.dense_fp16_tflops, g.dense_fp8_tflops, g.tdp_w, g.price_usd, g.price_kind, g.price_date, g.cloud_usd_per_hour,
    g.cloud_low, g.cloud_high, g.cloud_providers, g.cloud_date, g.launch_year,
    g.unified_memory, g.source);
}
template <class A> void fields(A& a, AccuracySummary& s) { a(s.cases, s.median_abs_pct, s.p90_abs_pct); }
template <class A> void fields(A& a, PresetTable& t) { a(t.presets, t.diagnostics); }
template <class A> void fields(A& a, GpuTable& t) { a(t.gpus, t.diagnostics); }

}  // namespace vramfit
