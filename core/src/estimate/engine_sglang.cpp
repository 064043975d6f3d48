// SGLang profile (python -m sglang.launch_server, v0.5.3 and later). Every rule is SGLang's code at a release tag,
// cited in docs/research_sglang_memory.md: server_args.py (the mem_fraction_static default, chunked prefill and CUDA
// graph batch sizes), model_runner.py / kv_cache_configurator.py (the KV pool), memory_pool.py (its buffers).
//
// Start-up order: NCCL, then the free memory is taken as the baseline; the weights load; the KV pool takes what is
// left of baseline x mem_fraction_static; the request-to-token table and the CUDA graphs come after it, out of the
// baseline x (1 - mem_fraction_static) reserve, as do the activations while serving.
#include <algorithm>
#include <cmath>

#include "estimate/engine_common.h"
#include "vramfit/units.h"

namespace vramfit::engine {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr const char* kSrc = "docs/research_sglang_memory.md";
// NCCL's start-up memory before the baseline is taken (multi-GPU): the research notes put the baseline at the
// total less the CUDA context and NCCL, 0.5-2 GiB below it on NVIDIA; the low end is used.
constexpr double kNcclInit = 0.5 * kGiB;
// CUDA graph memory: measured by SGLang, not computed; published logs show 0.6-1.4 GiB for dense models at TP 1-8
// (docs/research_sglang_memory.md section 3). The middle is used and said to be approximate.
constexpr double kGraphs = 1.0 * kGiB;
// Hybrid recurrent models: the state pool's memory over the KV pool's (server_args mamba_full_memory_ratio).
constexpr double kMambaFullRatio = 0.9;
// Hybrid sliding-window models: SWA layers hold swa_full_tokens_ratio (0.8) of the full layers' tokens.
constexpr double kSwaRatio = 0.8;

struct Defaults {
  int chunked_prefill;
  int cuda_graph_max_bs;
  double reserve_mib;
  double fraction;
};

// server_args.py at v0.5.6 (lines 725-816, 871-900) and v0.5.18 (4829-4892): by the GPU's memory in MiB as
// nvidia-smi reports it (vramfit has the torch-visible total, about 550 MiB less: the fraction moves in its third
// decimal), TP x PP.
Defaults defaults(double gpu_mib, int tp, int pp) {
  Defaults d{};
  const double gib = gpu_mib / 1024;
  const bool wide = tp >= 4;
  if (gib < 20) d = {2048, 8, 0, 0};
  else if (gib < 35) d = {2048, wide ? 80 : 24, 0, 0};
  else if (gib < 60) d = {4096, wide ? 160 : 32, 0, 0};
  else if (gib < 160) d = {8192, wide ? 512 : 256, 0, 0};
  else d = {16384, 512, 0, 0};
  d.reserve_mib = 512 + std::max(d.chunked_prefill, 2048) * 1.5 + d.cuda_graph_max_bs * 2.0 + tp * pp / 8.0 * 1024;
  if (gpu_mib > 60 * 1024) d.reserve_mib = std::max(d.reserve_mib, 10240.0);
  d.fraction = std::round((gpu_mib - d.reserve_mib) / gpu_mib * 1000) / 1000;
  return d;
}

}  // namespace

}  // namespace vramfit::engine

namespace vramfit {

double sglang_mem_fraction(const InferenceRequest& req) {
  if (req.mem_fraction_static > 0) return req.mem_fraction_static;
  return engine::defaults(engine::reported_total_bytes(req) / engine::kMiB, std::max(1, req.tensor_parallel),
                          std::max(1, req.pipeline_parallel))
      .fraction;
}

}  // namespace vramfit

namespace vramfit::engine {

void engine_sglang(const InferenceRequest& req, InferenceEstimate& est) {
  const ModelArch& m = req.model;
  const std::optional<HfWeights> checkpoint = serving_weights(req, "SGLang", est);
  if (!checkpoint) return;
  const HfWeights& w = *checkpoint;
  const int tp = std::max(1, req.tensor_parallel), pp = std::max(1, req.pipeline_parallel);
  const bool multi = tp * pp > 1;
  const double total = reported_total_bytes(req);
  const Defaults d = defaults(total / kMiB, tp, pp);
  const bool fraction_given = req.mem_fraction_static > 0;
  const double f = sglang_mem_fraction(req);
  est.weights_bytes = w.bytes;
  const double weights_gpu = w.bytes / (tp * pp);

  // The baseline: free memory after the CUDA context and NCCL, before the weights (minimum over ranks).
  const double baseline = total - req.gpu.in_use_bytes - kCudaContextBytes - (multi ? kNcclInit : 0);
  double rest = baseline * f - weights_gpu;
  // Hybrid recurrent models: the Mamba / GDN state pool takes its share of the rest first, mamba_full_memory_ratio
  // (0.9) of what the KV pool gets: rest x 0.9 / 1.9, in whole per-request states (handle_max_mamba_cache,
  // model_runner_kv_cache_mixin.py of v0.5.9). A state's bytes are llama.cpp's layout split over TP (approximate:
  // SGLang keeps the SSM state in fp32 and the conv state in the model's dtype).
  const double state_bytes = recurrent_layers(m) > 0 ? recurrent_state_bytes_per_seq(m) / tp : 0;
  double states = 0;
  if (state_bytes > 0 && rest > 0) {
    states = std::floor(rest * kMambaFullRatio / (1 + kMambaFullRatio) / state_bytes);
    rest -= states * state_bytes;
  }

  // Bytes per token of the pool: K and V of each attention layer on this rank (kv heads split over TP, at least one;
  // MLA keeps one latent row, not split); fp8 KV is one byte. Sliding-window layers hold 0.8 of the tokens.
  const double kv_bytes = req.kv_type.rfind("fp8", 0) == 0 ? 1.0 : 2.0;
  const bool mla = m.mla.enabled();
  double cell = 0, cell_swa = 0;
  const int layers_rank = static_cast<int>(std::ceil(static_cast<double>(m.layers.size()) / pp));
  int index = 0;
  for (const auto& L : m.layers) {
    if (index++ >= layers_rank || !holds_kv(L)) continue;
    const double heads = mla ? 1 : std::max(1.0, std::floor(static_cast<double>(layer_kv_heads(m, L)) / tp));
    const double row = mla ? m.mla.kv_lora_rank + m.mla.qk_rope_head_dim : 2.0 * layer_head_dim(m, L);
    (layer_window(m, L) > 0 ? cell_swa : cell) += heads * row * kv_bytes;
  }
  // Only models that mix window and full layers get the second pool; all-window models are one pool.
  const double per_token = cell > 0 ? cell + kSwaRatio * cell_swa : cell_swa;
  const double tokens = rest > 0 && per_token > 0 ? std::floor(rest / per_token) : 0;
  // Each layer's buffer has one page (one token) more: slot 0 pads.
  const double pool = tokens > 0 ? (tokens + 1) * per_token : 0;
  est.kv_bytes = pool * tp * pp;
  est.kv_pool_tokens = tokens;
  est.kv_pool_concurrency = tokens / std::max(1, req.context_tokens);

  // After the pool, out of the reserve: the request-to-token table, int32 of max_num_reqs x (context + 4), with
  // max_num_reqs = min(max(tokens / context x 512, 2048), 4096); the CUDA graphs; the activations of one chunk of
  // prefill (its forward through one layer, and its logits in fp32).
  const double context = std::max(1, req.context_tokens);
  double reqs = std::min(std::max(std::floor(tokens / context * 512), 2048.0), 4096.0);
  if (state_bytes > 0) reqs = std::min(reqs, states);  // no more requests than states
  const double req_table = reqs * (context + 4) * 4;
  const double graphs = req.cuda_graphs ? kGraphs : 0;
  const double ff = routed_ffn_width(m);
  const double chunk = d.chunked_prefill;
  const double activations = forward_activation_bytes(chunk, ff, tp, m.hidden_size);
  const double recurrent = states * state_bytes;

  if (rest <= 0) {
    est.diagnostics.push_back({"sglang.no_kv_room", Severity::kError, "mem_fraction_static",
                               "mem_fraction_static " + format_fixed(f, 3) + " x " + gib(baseline) + " free at start = " +
                                   gib(baseline * f) + " does not hold the weights " + gib(weights_gpu) +
                                   " (SGLang: \"Not enough memory. Please try to increase --mem-fraction-static.\")."});
  } else if (tokens < context) {
    est.diagnostics.push_back({"sglang.pool_below_context", Severity::kWarning, "context_tokens",
                               "The KV pool holds " + whole(tokens) + " tokens, fewer than the context " +
                                   whole(context) + ": SGLang starts, but one request cannot reach its full context."});
  }
  const double reserve = baseline * (1 - f);
  if (rest > 0 && req_table + graphs + activations > reserve)
    est.diagnostics.push_back({"sglang.reserve", Severity::kWarning, "mem_fraction_static",
                               "What SGLang allocates after the KV pool (request table " + gib(req_table) + ", CUDA graphs " +
                                   gib(graphs) + ", activations " + gib(activations) + ") exceeds the " + gib(reserve) +
                                   " that mem_fraction_static " + format_fixed(f, 3) +
                                   " leaves: expect an out-of-memory error while capturing graphs or serving."});
  if (recurrent > 0)
    est.diagnostics.push_back({"sglang.mamba_pool", Severity::kNote, "",
                               "The recurrent-state pool holds " + whole(states) + " states (0.9/1.9 of the memory "
                               "after the weights, SGLang's mamba_full_memory_ratio); a state's bytes are llama.cpp's "
                               "layout over TP, approximate for SGLang's dtypes."});

  std::vector<Component> g;
  g.push_back(component("weights", weights_gpu, w.formula + (multi ? " / " + whole(tp * pp) + " GPUs" : ""), w.source));
  g.push_back(component("kv_cache", pool,
                        whole(tokens) + " tokens x " + whole(per_token) + " B: the rest of mem_fraction_static " +
                            format_fixed(f, 3) + (fraction_given ? "" : " (SGLang's default for this GPU)") + " x " +
                            gib(baseline) + " free at start, less the weights",
                        std::string("SGLang model_runner.py profile_max_num_token / kv_cache_configurator.py; ") + kSrc));
  if (recurrent > 0)
    g.push_back(component("recurrent_state", recurrent, whole(states) + " requests x " + whole(state_bytes) +
                                                            " B of recurrent state (approximate)", kSrc));
  g.push_back(component("request_table", req_table,
                        whole(reqs) + " requests x (" + whole(context) + " + 4) x 4 B (req_to_token, int32)",
                        "SGLang model_runner.py max_num_reqs and ReqToTokenPool; docs/research_sglang_memory.md section 4"));
  g.push_back(component("activations", activations,
                        "chunked prefill " + whole(chunk) + " tokens x (2 x " + whole(ff) + " / " + whole(tp) + " + 4 x " +
                            whole(m.hidden_size) + ") x 2 B",
                        "SGLang chunked_prefill_size default for this GPU (server_args.py); vramfit's per-layer activation model"));
  if (graphs > 0)
    g.push_back(component("cuda_graphs", graphs,
                          "captured after the KV pool, out of the reserve (typical of published logs: 0.6-1.4 GiB)",
                          "SGLang cuda_graph_runner.py; docs/research_sglang_memory.md section 3"));
  if (multi) g.push_back(component("non_torch", kNcclInit, "NCCL start-up, before the baseline", kSrc));
  g.push_back(component("cuda_context", kCudaContextBytes, "CUDA context per GPU", kCudaContextSource));
  est.devices.push_back(device(multi ? "gpu0-" + std::to_string(tp * pp - 1) : "gpu0", total, std::move(g), tp * pp));
  est.devices.push_back(device(kHostDevice, req.host_ram_bytes,
                               {component("runtime", 2.0 * kGiB, "Python, PyTorch and SGLang processes",
                                          "typical resident size of a Python serving process")}));
}

}  // namespace vramfit::engine
