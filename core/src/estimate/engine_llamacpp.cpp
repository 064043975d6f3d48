// llama.cpp / Ollama profile. Mirrors llama.cpp v0.5.0 as bundled by node-llama-cpp 3.22.1
// (docs/engine_notes.md cites every rule: C = KV cache, D = output buffer, E = compute buffer, F = placement).
#include <algorithm>
#include <cmath>

#include "estimate/engine_common.h"
#include "vramfit/ggml_types.h"
#include "vramfit/llama_gguf.h"
#include "vramfit/units.h"

namespace vramfit::engine {
namespace {

constexpr const char* kSrcKv = "llama.cpp v0.5.0 src/llama-kv-cache.cpp, llama-context.cpp (n_ctx padded to 256)";
constexpr const char* kSrcSwa = "llama.cpp v0.5.0 src/llama-kv-cache-iswa.cpp (SWA cache: n_swa + n_ubatch, padded to 256)";
constexpr const char* kSrcOut = "llama.cpp v0.5.0 llama_context::output_reserve (n_vocab x n_seq_max x 4 B)";
constexpr const char* kSrcCompute =
    "llama.cpp v0.5.0 sched_reserve worst-case graph: KQ scores, mask, logits (closed form, docs/engine_notes.md E.3)";
constexpr const char* kSrcModel = "llama.cpp v0.5.0 llama-quant.cpp type rules; tensor bytes per ggml type_traits";
constexpr const char* kSrcRepack = "llama.cpp ggml-cpu repack (AVX2: Q4_0, Q4_K, IQ4_NL, MXFP4 matrices with rows % 8 == 0)";

std::int64_t pad(std::int64_t x, std::int64_t n) { return (x + n - 1) / n * n; }

// Resolves a weight format name to a llama.cpp file type ("Q4_K_M", or a plain ggml type like "q8_0").
std::optional<LlamaFtype> resolve_ftype(const std::string& name) {
  if (auto f = llama_ftype_by_name(name)) return f;
  if (name == "f16" || name == "fp16") return llama_ftype_by_name("F16");
  if (name == "bf16") return llama_ftype_by_name("BF16");
  if (name == "f32" || name == "fp32") return llama_ftype_by_name("F32");
  if (name == "mxfp4") return llama_ftype_by_name("MXFP4_MOE");
  return std::nullopt;
}

}  // namespace

void engine_llamacpp(const InferenceRequest& req, InferenceEstimate& est) {
  const ModelArch& m = req.model;
  const auto ftype = resolve_ftype(req.weight_format);
  const bool from_file = req.gguf_weights.has_value() &&
                         req.gguf_weights->layer_bytes.size() == static_cast<std::size_t>(m.num_layers);
  if (!ftype && !from_file) {
    est.diagnostics.push_back({"request.unknown_format", Severity::kError, "weight_format",
                               "llama.cpp has no file type \"" + req.weight_format + "\" (try Q4_K_M, Q8_0, F16)."});
    return;
  }
  const auto kv_type = ggml_type_by_name(req.kv_type);
  if (!kv_type || !(kv_type->id <= 8 || kv_type->id == 20 || kv_type->id == 30)) {
    est.diagnostics.push_back({"request.unknown_kv_type", Severity::kError, "kv_type",
                               "llama.cpp's KV cache types are f32, f16, bf16, q8_0, q4_0, q4_1, q5_0, q5_1, iq4_nl."});
    return;
  }
  if (kv_type->quantized && !req.flash_attention) {
    est.diagnostics.push_back({"llamacpp.quantized_v_needs_fa", Severity::kError, "flash_attention",
                               "llama.cpp refuses a quantized V cache without flash attention (llama_context)."});
    return;
  }

  // Placement (llama-model.cpp): -ngl N offloads the last N layers, the output layer counting as the last.
  const int n_layer = m.num_layers;
  const int ngl = req.cpu_only ? 0 : (req.gpu_layers < 0 ? n_layer + 1 : std::min(req.gpu_layers, n_layer + 1));
  const int i_gpu_start = std::max(n_layer + 1 - ngl, 0);
  const int gpus = req.cpu_only ? 0 : std::max(1, req.gpu_count);
  const int gpu_layer_count = std::max(0, n_layer - i_gpu_start);
  auto device_of_layer = [&](int il) -> int {  // -1 = host
    if (il < i_gpu_start || gpus == 0) return -1;
    return std::min(gpus - 1, (il - i_gpu_start) * gpus / std::max(1, gpu_layer_count));
  };
  const int output_device = (gpus > 0 && n_layer >= i_gpu_start) ? gpus - 1 : -1;

  std::vector<std::vector<Component>> gpu(static_cast<std::size_t>(gpus));
  std::vector<Component> host;
  auto at = [&](int dev) -> std::vector<Component>& { return dev < 0 ? host : gpu[static_cast<std::size_t>(dev)]; };

  // --- model buffers --------------------------------------------------------------------------------
  const LlamaWeights lw = from_file ? *req.gguf_weights : llama_weight_bytes(m, *ftype);
  const std::string mix = from_file ? "the GGUF file's tensor index (exact)" : std::string(ftype->name) + "'s type mix";
  std::vector<double> model_bytes(static_cast<std::size_t>(gpus) + 1, 0.0);  // [gpus] = host
  auto slot_of = [&](int dev) { return dev < 0 ? static_cast<std::size_t>(gpus) : static_cast<std::size_t>(dev); };
  const double embd_bytes = lw.token_embd;
  double repack = req.cpu_only && !req.llama_legacy ? lw.output_repack : 0;
  model_bytes[slot_of(-1)] += lw.token_embd;
  model_bytes[slot_of(output_device)] += lw.output;
  est.weights_bytes = lw.token_embd + lw.output;
  // --n-cpu-moe N (--cpu-moe: all): the routed-expert tensors of the first N layers stay in host RAM (a tensor
  // buffer-type override to the CPU's default buffer, so mapped from the file and not repacked: llama-model.cpp
  // load_tensors, v0.5.0); the rest of those layers goes where -ngl puts it.
  const int cpu_moe_layers = req.cpu_only ? 0 : std::clamp(req.n_cpu_moe, 0, n_layer);
  for (int il = 0; il < n_layer; ++il) {
    const int dev = device_of_layer(il);
    const double experts = il < cpu_moe_layers && dev >= 0 && static_cast<std::size_t>(il) < lw.layer_experts.size()
                               ? std::min(lw.layer_experts[static_cast<std::size_t>(il)], lw.layer_bytes[static_cast<std::size_t>(il)])
                               : 0.0;
    model_bytes[slot_of(dev)] -= experts;
    model_bytes[slot_of(-1)] += experts;
    est.host_expert_bytes += experts;
    model_bytes[slot_of(dev)] += lw.layer_bytes[static_cast<std::size_t>(il)];
    est.weights_bytes += lw.layer_bytes[static_cast<std::size_t>(il)];
    if (req.cpu_only && !req.llama_legacy) repack += lw.layer_repack[static_cast<std::size_t>(il)];
  }
  for (int d = 0; d < gpus; ++d)
    at(d).push_back(component("weights", model_bytes[static_cast<std::size_t>(d)],
                              "tensors of the layers on this GPU, from " + mix,
                              kSrcModel));
  const double host_model = model_bytes[static_cast<std::size_t>(gpus)];
  host.push_back(component("weights", host_model,
                           req.cpu_only ? "all tensors (CPU_Mapped), from " + mix
                                        : "token embeddings (" + mib(embd_bytes) + ", always on the host)" +
                                              (est.host_expert_bytes > 0 ? " + routed experts of the first " +
                                                                               whole(cpu_moe_layers) + " layers (" +
                                                                               mib(est.host_expert_bytes) + ", --n-cpu-moe)"
                                                                         : "") +
                                              (host_model > embd_bytes + est.host_expert_bytes + 1 ? " + layers kept on the CPU" : ""),
                           kSrcModel));
  if (repack > 0)
    host.push_back(component("weights_repacked", repack, "repacked copy of Q4_0/Q4_K/IQ4_NL/MXFP4 matrices", kSrcRepack));

  // --- KV cache (C.1-C.4) ----------------------------------------------------------------------------
  const std::int64_t seqs = std::max(1, req.sequences);
  // v0.5.0 pads n_ctx to 256; b2459 padded to 32 (llama_kv_cache_get_padding without flash attention).
  const std::int64_t ctx_pad = req.llama_legacy && !req.flash_attention ? 32 : 256;
  const std::int64_t n_ctx = pad(static_cast<std::int64_t>(req.context_tokens) * seqs, ctx_pad);
  // Per-sequence streams unless unified (one stream holding every sequence's cells).
  const std::int64_t streams = req.kv_unified || req.llama_legacy ? 1 : seqs;
  const std::int64_t n_ctx_seq = req.kv_unified || req.llama_legacy ? n_ctx : pad(n_ctx / seqs, 256);
  const std::int64_t n_batch = std::min<std::int64_t>(n_ctx, std::max(1, req.n_batch));
  const std::int64_t n_ubatch = std::min<std::int64_t>(n_batch, std::max(1, req.n_ubatch));
  // SWA cache size for a window (llama-kv-cache-iswa.cpp): the window x streams + one ubatch, padded; Llama-4's
  // chunked layers use the same cache with n_swa = the chunk (llama-model.cpp: 8192 for llama4).
  auto size_swa = [&](std::int64_t window) {
    return req.swa_full ? n_ctx_seq
                        : pad(std::min<std::int64_t>(n_ctx_seq, window * (req.kv_unified ? seqs : 1) + n_ubatch), 256);
  };
  const bool mla = m.mla.enabled();
  // Rows per layer: K (n_embd_k_gqa(il)) and V; MLA stores the latent and the rope key in K and no V.
  auto k_width_of = [&](const LayerSpec& L) -> long long {
    return mla ? m.mla.kv_lora_rank + m.mla.qk_rope_head_dim : layer_k_width(m, L);
  };
  auto v_width_of = [&](const LayerSpec& L) -> long long { return mla ? 0 : layer_v_width(m, L); };
  long long k_w = 0;  // the widest K row, for the compute estimate and the formula
  // Row bytes per width, looked up once per distinct width (layers mostly share one).
  struct Row { long long width; double bytes; };
  std::vector<Row> rows;
  auto row_bytes = [&](long long width) -> std::optional<double> {
    for (const Row& r : rows)
      if (r.width == width) return r.bytes;
    const auto b = kv_row_bytes(req.kv_type, width);
    if (b) rows.push_back({width, *b});
    return b;
  };
  for (const auto& L : m.layers)
    if (holds_kv(L)) {
      k_w = std::max(k_w, k_width_of(L));
      const auto k_row = row_bytes(k_width_of(L));
      const auto v_row = row_bytes(v_width_of(L));
      if (!k_row || !v_row) {
        est.diagnostics.push_back({"llamacpp.kv_width_not_blocks", Severity::kError, "kv_type",
                                   "The KV width " + whole(static_cast<double>(k_row ? v_width_of(L) : k_width_of(L))) +
                                       " is not a whole number of " + req.kv_type +
                                       " blocks; llama.cpp cannot use that cache type for this model."});
        return;
      }
    }
  std::vector<double> kv_dev(static_cast<std::size_t>(gpus) + 1, 0.0);
  double state_total = 0;
  int full_layers = 0, swa_layers = 0;
  std::int64_t swa_cells = 0;
  bool uneven = false;  // layers with different K/V widths
  for (int il = 0; il < n_layer; ++il) {
    const LayerSpec& L = m.layers[static_cast<std::size_t>(il)];
    const int dev = device_of_layer(il);
    auto& slot = kv_dev[dev < 0 ? static_cast<std::size_t>(gpus) : static_cast<std::size_t>(dev)];
    if (holds_kv(L)) {
      const int window = layer_window(m, L);
      const std::int64_t cells_seq = window > 0 ? size_swa(window) : n_ctx_seq;
      const double cells = static_cast<double>(cells_seq) * static_cast<double>(streams);
      slot += cells * (*row_bytes(k_width_of(L)) + *row_bytes(v_width_of(L)));
      uneven = uneven || k_width_of(L) != k_w;
      if (window > 0) swa_layers++, swa_cells = cells_seq;
      else full_layers++;
    }
    if (has_recurrent_state(L)) {
      // llama-memory-recurrent.cpp: r and s rows per sequence cell, f32 by default.
      const double b = 4.0 * recurrent_state(m, L).total() * static_cast<double>(seqs);
      slot += b;
      state_total += b;
    }
  }
  std::string kv_formula = whole(full_layers) + " layers x " + whole(static_cast<double>(n_ctx_seq * streams)) + " cells";
  if (swa_layers > 0) kv_formula += " + " + whole(swa_layers) + " sliding layers x " + whole(static_cast<double>(swa_cells * streams)) + " cells";
  kv_formula += mla ? " x K row " + whole(static_cast<double>(k_w)) + " (MLA latent, no V)"
                    : std::string(uneven ? " x (K + V) rows of each layer's width (widest " : " x (K + V) rows of ") +
                          whole(static_cast<double>(k_w)) + (uneven ? ")" : "");
  kv_formula += " in " + req.kv_type + " (n_ctx " + whole(static_cast<double>(req.context_tokens) * static_cast<double>(seqs)) +
                " padded to " + whole(static_cast<double>(n_ctx)) + ")";
  if (state_total > 0) kv_formula += " + recurrent state " + mib(state_total);
  for (int d = -1; d < gpus; ++d) {
    const double b = kv_dev[d < 0 ? static_cast<std::size_t>(gpus) : static_cast<std::size_t>(d)];
    est.kv_bytes += b;
    if (b > 0) at(d).push_back(component("kv_cache", b, kv_formula, swa_layers > 0 ? kSrcSwa : kSrcKv));
  }

  // --- output buffer (D) ------------------------------------------------------------------------------
  // b2459 reserved logits for a whole batch (n_batch rows); v0.5.0 for one row per sequence.
  const double out_rows = req.llama_legacy ? static_cast<double>(n_batch) : static_cast<double>(seqs);
  const double out_bytes = static_cast<double>(m.vocab_size) * out_rows * 4;
  host.push_back(component("output", out_bytes,
                           whole(m.vocab_size) + " vocab x " + whole(out_rows) + (req.llama_legacy ? " batch rows" : " sequences") +
                               " x 4 B (fp32 logits)",
                           kSrcOut));

  // --- compute buffers (E) ----------------------------------------------------------------------------
  const double T = static_cast<double>(std::min(n_ctx, n_ubatch));
  const double n_kv = static_cast<double>(n_ctx_seq);
  const double h = m.hidden_size, heads = m.num_heads, kv_embd = static_cast<double>(k_w), vocab = m.vocab_size;
  double ff = m.intermediate_size;
  for (const auto& L : m.layers)
    if (L.moe) ff = std::max(ff, static_cast<double>(m.moe.experts_per_token) * m.moe.expert_intermediate_size +
                                     static_cast<double>(m.moe.num_shared_experts) * m.moe.shared_intermediate_size);
  const bool fa = req.flash_attention;
  const double kq = fa ? 0 : n_kv * T * heads * 4;
  // With windowed layers (iSWA cache) the graph holds a second KQ mask over the SWA cache's cells, full size
  // under swa_full (llama-kv-cache-iswa.cpp builds one input per cache).
  std::int64_t swa_kv = 0;
  for (const auto& L : m.layers)
    if (holds_kv(L) && layer_window(m, L) > 0) swa_kv = std::max(swa_kv, size_swa(layer_window(m, L)));
  const double mask = (n_kv + static_cast<double>(swa_kv)) * T * (fa ? 2 : 4);
  const bool cpu_backend = req.cpu_only;
  // Live per-token intermediates beside the scores and the logits. The coefficients are fit to llama.cpp
  // v0.5.0's own logged compute buffers: the CPU cases of tests/engine/cases.json (run against the real
  // engine in CI) and the published CUDA logs in tests/data/inference_cases.json.
  //   attention, CPU: 5 x n_embd + 2 x KV width (+ 7 x n_embd more with flash attention); CUDA: 2 + 2.
  //   logits, CPU: 2 x n_embd, one more when the KQ mask is large (no FA, >= 4096 cells) or the cache is
  //   quantised under FA (the allocator cannot reuse that hole); CUDA: 1 x n_embd.
  // MLA (deepseek2) attends in the latent space: the absorbed queries and the latent outputs, n_head x
  // kv_lora_rank per token each, are live too, and three more n_embd rows stay live up to the logits.
  const double mla_latent = mla ? 2.0 * heads * m.mla.kv_lora_rank * T * 4 : 0;
  // Gated attention (Qwen3-Next, Qwen3.5): the fused query + gate projection, 2 x n_head x head_dim per token,
  // stays live until the gate multiplies the attention output (src/models/qwen3next.cpp).
  const double gate_rows = m.attn_output_gate ? 2.0 * q_width(m) * T * 4 : 0;
  const double attn_other = (cpu_backend && !req.llama_legacy ? (fa ? 12 : 5) * h : 2 * h) * T * 4 + 2 * kv_embd * T * 4 +
                            mla_latent + gate_rows;
  const double attn_peak = kq + mask + attn_other;
  const bool extra_head_row = cpu_backend && ((!fa && n_kv >= 4096) || (fa && kv_type->quantized));
  const double head_rows = req.llama_legacy ? 1 : (cpu_backend ? (extra_head_row ? 3 : 2) + (mla ? 3 : 0) : 1);
  const double head_peak = vocab * T * 4 + head_rows * h * T * 4;
  const double ffn_peak = (2 * ff + 2 * h) * T * 4;
  auto compute_formula = [&](bool with_head) {
    std::string s = "max(attention " + mib(attn_peak) + " = " +
                    (fa ? std::string("mask ") : "KQ " + whole(n_kv) + " x " + whole(T) + " x " + whole(heads) + " heads x 4 B + mask ") +
                    mib(mask) + " + per-token " + mib(attn_other);
    if (with_head) s += "; logits " + whole(vocab) + " x " + whole(T) + " x 4 B + " + mib(head_peak - vocab * T * 4);
    return s + "; MLP " + mib(ffn_peak) + ")";
  };
  if (cpu_backend) {
    host.push_back(component("compute", std::max({attn_peak, head_peak, ffn_peak}), compute_formula(true), kSrcCompute, true));
  } else {
    for (int d = 0; d < gpus; ++d) {
      const bool has_output = d == output_device;
      const bool has_layers = model_bytes[static_cast<std::size_t>(d)] > 0;
      const double c = std::max({has_layers ? attn_peak : 0.0, has_layers ? ffn_peak : 0.0, has_output ? head_peak : 0.0});
      if (c > 0) at(d).push_back(component("compute", c, compute_formula(has_output), kSrcCompute, true));
      at(d).push_back(component("cuda_context", kCudaContextBytes, "CUDA context per GPU (not in llama.cpp's logs)", kCudaContextSource));
    }
    // The host side of the graph: input embeddings (get_rows runs on the CPU), plus CPU layers and the
    // logits when they stay on the CPU.
    // Input embeddings, and without flash attention the fp32 KQ mask, which the CPU builds (the
    // published CUDA logs show n_embd x n_ubatch x 4 B + n_kv x n_ubatch x 4 B in the CUDA_Host buffer).
    double host_compute = h * T * 4 + (fa ? 0 : n_kv * T * 4);
    if (i_gpu_start > 0) host_compute = std::max(host_compute, attn_peak);
    if (output_device < 0) host_compute = std::max(host_compute, head_peak);
    // Experts in host RAM run their matrix products on the CPU: its graph holds the FFN's intermediates too.
    if (est.host_expert_bytes > 0) host_compute = std::max(host_compute, ffn_peak);
    host.push_back(component("compute", host_compute,
                             "input embeddings " + whole(h) + " x " + whole(T) + " x 4 B" + (fa ? "" : " + KQ mask " + whole(n_kv) + " x " + whole(T) + " x 4 B") +
                                 (i_gpu_start > 0 ? " (or the CPU layers' graph, if larger)" : "") +
                                 (est.host_expert_bytes > 0 ? " (or the experts' MLP " + mib(ffn_peak) + " on the CPU, if larger)" : ""),
                             "llama.cpp v0.5.0: CPU part of the split graph in pinned CUDA_Host memory (engine_notes E.5)", true));
  }

  if (est.host_expert_bytes > 0)
    est.diagnostics.push_back({"llamacpp.moe_offload_unmeasured", Severity::kWarning, "n_cpu_moe",
                               "With routed experts in host RAM (--n-cpu-moe), the weights per device are exact but "
                               "the compute buffers are modelled, not measured: the host's is taken to hold the expert "
                               "FFN's intermediates, and a copy of a layer's experts that llama.cpp may make on the GPU "
                               "to process long prompts (the scheduler's op offload) is not counted."});

  // --- devices --------------------------------------------------------------------------------------
  for (int d = 0; d < gpus; ++d) {
    DeviceUsage u;
    u.device = "gpu" + std::to_string(d);
    u.capacity_bytes = req.gpu.memory_bytes;
    u.components = std::move(gpu[static_cast<std::size_t>(d)]);
    est.devices.push_back(std::move(u));
  }
  DeviceUsage host_usage;
  host_usage.device = kHostDevice;
  host_usage.host = true;
  host_usage.capacity_bytes = req.host_ram_bytes;
  host_usage.components = std::move(host);
  est.devices.push_back(std::move(host_usage));
}

}  // namespace vramfit::engine
