// vLLM profile (V1 engine). Sources: vllm/v1/worker/gpu_worker.py determine_available_memory,
// vllm/utils/mem_utils.py memory_profiling, vllm/v1/kv_cache_interface.py page sizes,
// vllm/v1/core/kv_cache_utils.py block and concurrency arithmetic (docs/engine_notes.md section G).
#include <algorithm>
#include <cmath>

#include "estimate/engine_common.h"
#include "vramfit/units.h"

namespace vramfit::engine {
namespace {

constexpr int kBlockSize = 16;  // vLLM CacheConfig default block_size
constexpr const char* kSrcBudget =
    "vLLM V1 gpu_worker.determine_available_memory: total x gpu_memory_utilization - (weights + torch peak + non-torch)";
constexpr const char* kSrcPage = "vLLM v1/kv_cache_interface.py: page = block_size x kv_heads x (K + V head size) x dtype bytes";
constexpr const char* kSrcRules = "docs/research_vllm_versions.md (vLLM's gpu_worker.py, gpu_model_runner.py, sampler at each release)";

// Fitted constants. Fit set: the start-ups that print vLLM's own breakdown (c001 and c021, v0.10; c020 and c039,
// v0.2x: "Actual usage is ... for peak activation ... non-torch"); the check set, every other printed KV figure, is
// in docs/engine_logs.md. Sampler bytes per logits row x vocabulary entry = (activation peak - hidden states) /
// (rows x vocabulary):
//   v0.10: c001 (Qwen3-235B, 256 rows) 38.2 B, c021 (Qwen3-8B, 256 rows) 38.2 B -> 38 (the full-sort top-k/top-p
//          path: fp32 values, int64 indices and masks beside the bf16 and fp32 logits); used up to v0.16;
//   v0.21 and later: c039 (Qwen2.5-0.5B, 256 rows) 8.2 B, c020 (Llama-3.1-8B, 1024 rows) 11.3 B -> 10 (FlashInfer);
//   v0.17 - v0.20: no start-up here prints it; 15 B from the Qwen3-14B activation peaks quoted in issue 19
//          (2.23 GiB on 0.17/0.18 against 5.64 on 0.15/0.16, 1024 rows: 15.4 and 38.9 B).
constexpr double kSamplerV021 = 10, kSamplerV017 = 15, kSamplerV016 = 38;
// Non-torch memory inside the budget, one GPU: v0.10 c021 0.02 GiB ("non-torch forward increase memory"); v0.2x
// 0.26 (c020) and 0.30 GiB (c039) (the "consumed memory (weights + non-torch)" line less the weights). More GPUs:
// c001 (v0.10, TP8) 0.18-0.21 GiB per rank; for v0.21 no start-up prints it, so v0.21's single-GPU figure plus the
// 0.18 GiB that TP8 added on v0.10.
constexpr double kNonTorchV016 = 0.02 * kGiB, kNonTorchV016Multi = 0.20 * kGiB;
constexpr double kNonTorchV021 = 0.28 * kGiB, kNonTorchV021Multi = 0.46 * kGiB;
// V0 engine: fitted on tests/data/inference_reference.json (its own profile: forward and sampler added).
constexpr double kSamplerV0 = 12;
constexpr double kNonTorchV0 = 0.5 * kGiB, kNonTorchV0Multi = 1.0 * kGiB;
// CUDA graphs: the first capture's pool and each further graph (vLLM's estimate takes at least 1 MiB each); fit on
// a008 (Qwen3-8B, 51 piecewise + 35 full graphs: "Estimated CUDA graph memory: 0.52 GiB total").
constexpr double kGraphFirst = 0.35 * kGiB;
constexpr double kGraphEach = 2.0 * 1024 * 1024;

// What vLLM measures at start-up and vramfit models, per release (docs/research_vllm_versions.md).
struct Rules {
  bool graphs_in_budget;   // v0.21+: the CUDA graph estimate comes out of the budget (else: captured after, in 1 - u)
  double sampler_bytes;    // the dummy sampler's bytes per logits row and vocabulary entry
  double non_torch, non_torch_multi;
  bool v0 = false;         // the V0 engine (v0.7 and before, or VLLM_USE_V1=0): its own profile, fitted apart
};
Rules rules(int minor) {
  if (minor >= 21) return {true, kSamplerV021, kNonTorchV021, kNonTorchV021Multi};
  if (minor >= 17) return {false, kSamplerV017, kNonTorchV016, kNonTorchV016Multi};
  if (minor >= 8) return {false, kSamplerV016, kNonTorchV016, kNonTorchV016Multi};
  return {false, kSamplerV0, kNonTorchV0, kNonTorchV0Multi, true};
}

// vLLM's CUDA graph capture sizes (v0.12+ config/compilation.py): [1, 2, 4] + range(8, 256, 8) +
// range(256, M + 1, 16), M = min(2 x max_num_seqs, 512, max_num_batched_tokens); FULL graphs for the sizes up to
// max_num_seqs (FULL_AND_PIECEWISE, the default since v0.11). Returns {piecewise, full}.
std::pair<int, int> graph_counts(int max_num_seqs, int max_num_batched_tokens) {
  const int m = std::min({2 * max_num_seqs, 512, max_num_batched_tokens});
  int piecewise = 0, full = 0;
  auto take = [&](int size) {
    if (size > m) return;
    ++piecewise;
    if (size <= max_num_seqs) ++full;
  };
  for (int size : {1, 2, 4}) take(size);
  for (int size = 8; size < 256; size += 8) take(size);
  for (int size = 256; size <= m; size += 16) take(size);
  return {piecewise, full};
}

}  // namespace

void engine_vllm(const InferenceRequest& req, InferenceEstimate& est) {
  const ModelArch& m = req.model;
  const std::optional<HfWeights> checkpoint = serving_weights(req, "vLLM", est);
  if (!checkpoint) return;
  const HfWeights& w = *checkpoint;
  const Rules rule = rules(req.vllm_minor);
  const int tp = std::max(1, req.tensor_parallel), pp = std::max(1, req.pipeline_parallel);
  // fp8, fp8_e4m3, fp8_e5m2 and fp8_inc are one byte (vllm/utils STR_DTYPE_TO_TORCH_DTYPE); auto is the model's dtype.
  const double kv_dtype_bytes = req.kv_type.rfind("fp8", 0) == 0 ? 1.0 : (req.kv_type == "f32" ? 4.0 : 2.0);
  // A draft model (--speculative-config {"model": ...}): its weights in the same format, split like the target's,
  // and its attention layers' KV in the same pool (vLLM V1 sizes one KV cache config over the target's and the
  // drafter's layers: the block count is over both).
  const HfWeights dw = req.draft ? hf_weights(*req.draft, req.weight_format, 2, 0) : HfWeights{};
  const double draft_weights_gpu = req.draft && dw.ok ? dw.bytes / tp : 0;
  double draft_pages = 0;  // bytes of one block over the drafter's KV layers on this rank
  if (req.draft)
    for (const auto& L : req.draft->layers) {
      if (!holds_kv(L)) continue;
      const double heads = std::max(1.0, std::ceil(static_cast<double>(layer_kv_heads(*req.draft, L)) / tp));
      draft_pages += kBlockSize * heads * 2.0 * layer_head_dim(*req.draft, L) * kv_dtype_bytes;
    }
  est.weights_bytes = w.bytes + (req.draft && dw.ok ? dw.bytes : 0);
  // Per GPU: layers split over pipeline stages, matrices and the vocabulary split over tensor-parallel ranks.
  const double weights_gpu = w.bytes / (tp * pp);

  // Profile run (gpu_model_runner.profile_run): one forward of max_num_batched_tokens tokens, then the dummy
  // sampler on the last token of each of min(max_num_seqs, tokens) dummy requests, on the last pipeline stage,
  // with the full vocabulary on every tensor-parallel rank. The two peaks follow each other: only the hidden
  // states stay alive into the sampler, so the torch peak is the larger of the two, not their sum.
  const double tokens = std::max(1, req.max_num_batched_tokens);
  const double ff = routed_ffn_width(m);
  const double act_forward = forward_activation_bytes(tokens, ff, tp, m.hidden_size);
  const double rows = std::min(tokens, static_cast<double>(std::max(1, req.max_num_seqs)));
  const double act_sampler = tokens * m.hidden_size * 2 + rows * m.vocab_size * rule.sampler_bytes;
  // V0 profiled the sampler's fp32 logits beside the forward's activations: its fit adds the two.
  const double activation = rule.v0 ? act_forward + rows * m.vocab_size * rule.sampler_bytes : std::max(act_forward, act_sampler);
  const bool sampler_peak = !rule.v0 && act_sampler >= act_forward;
  const bool multi = tp * pp > 1;
  const double non_torch = multi ? rule.non_torch_multi : rule.non_torch;

  // KV page per layer and block (MLA stores one latent head; kv heads are split over TP ranks, at least 1). Layers
  // may differ in KV heads and head size (Nemotron-NAS, Llama-4): the blocks are counted on their summed pages.
  const bool mla = m.mla.enabled();
  double pages = 0, first_page = 0;  // bytes of one block over every KV layer of the model; of the first layer
  bool even = true;
  for (const auto& L : m.layers) {
    if (!holds_kv(L)) continue;
    const double kv_heads_gpu = mla ? 1 : std::max(1.0, std::ceil(static_cast<double>(layer_kv_heads(m, L)) / tp));
    const double head_k = mla ? m.mla.kv_lora_rank + m.mla.qk_rope_head_dim : layer_head_dim(m, L);
    const double head_v = mla ? 0 : layer_head_dim(m, L);
    const double layer_page = kBlockSize * kv_heads_gpu * (head_k + head_v) * kv_dtype_bytes;
    if (first_page == 0) first_page = layer_page;
    even = even && layer_page == first_page;
    pages += layer_page;
  }
  const int kv_layers = attention_layers(m);
  // One page per layer when all layers are alike; else the mean page (stages hold layers_gpu layers each).
  const double page = even ? first_page : kv_layers > 0 ? pages / kv_layers : 0;
  const int layers_gpu = static_cast<int>(std::ceil(static_cast<double>(kv_layers) / pp));
  const double total = reported_total_bytes(req);
  const double budget = total * req.gpu_memory_utilization;
  // CUDA graphs: vLLM >= 0.21 estimates their memory in the profile and takes it out of the budget (gpu_worker.py
  // determine_available_memory; VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS on by default since v0.21.0): the first
  // capture's pool plus each further graph. Earlier releases capture them after sizing the KV cache, in the
  // 1 - utilization headroom (docs/research_vllm_versions.md section 4).
  // V0 captured one graph per batch size up to max_num_seqs ([1, 2, 4] + multiples of 8), piecewise only.
  const auto [n_piecewise, n_full] = rule.v0 ? std::pair{graph_counts(std::max(1, req.max_num_seqs), 1 << 30).second, 0}
                                             : graph_counts(std::max(1, req.max_num_seqs), req.max_num_batched_tokens);
  const int n_graphs = n_piecewise + n_full;
  const double graphs = req.cuda_graphs ? kGraphFirst + std::max(0, n_graphs - 1) * kGraphEach : 0;
  const double graphs_in_budget = rule.graphs_in_budget ? graphs : 0;
  const double kv_room = budget - weights_gpu - draft_weights_gpu - activation - non_torch - graphs_in_budget;
  const double block_bytes = page * layers_gpu + draft_pages;
  const double blocks = kv_room > 0 && layers_gpu > 0 ? std::floor(kv_room / block_bytes) : 0;
  const double kv_bytes = blocks * page * layers_gpu;
  const double draft_kv_bytes = blocks * draft_pages;
  est.kv_bytes = (kv_bytes + draft_kv_bytes) * tp * pp;
  est.kv_pool_tokens = blocks * kBlockSize;
  const double blocks_per_request = std::ceil(static_cast<double>(req.context_tokens) / kBlockSize);
  est.kv_pool_concurrency = blocks / blocks_per_request;

  // vLLM's start-up check (v1/worker/gpu_worker.py init_device): the free memory after the CUDA context is up must
  // hold utilization x total, else "Free memory on device (free/total GiB) on startup is less than desired GPU
  // memory utilization". Only memory other programs hold can make it fail on a card vramfit otherwise sees as idle.
  const double free_at_start = total - req.gpu.in_use_bytes - kCudaContextBytes;
  if (req.gpu.in_use_bytes > 0 && budget > free_at_start) {
    est.diagnostics.push_back({"vllm.not_enough_free", Severity::kError, "gpu_memory_utilization",
                               "Other programs hold " + gib(req.gpu.in_use_bytes) + ": about " + gib(free_at_start) +
                                   " is free at start, less than utilization " + format_fixed(req.gpu_memory_utilization, 2) +
                                   " x " + gib(total) + " = " + gib(budget) +
                                   " (vLLM: \"Free memory on device ... on startup is less than desired GPU memory "
                                   "utilization\"); at most " + format_fixed(std::max(0.0, free_at_start) / total, 2) +
                                   " would start."});
  }
  if (kv_room <= 0) {
    est.diagnostics.push_back({"vllm.no_kv_room", Severity::kError, "gpu_memory_utilization",
                               "No memory is left for the KV cache: weights " + gib(weights_gpu) + " + activations " +
                                   gib(activation) + " + non-torch " + gib(non_torch) +
                                   (graphs_in_budget > 0 ? " + CUDA graphs " + gib(graphs_in_budget) : std::string()) +
                                   " exceed the budget " + gib(budget) +
                                   " (vLLM: \"No available memory for the cache blocks\")."});
  } else if (est.kv_pool_concurrency < 1) {
    est.diagnostics.push_back({"vllm.max_model_len_too_long", Severity::kError, "context_tokens",
                               "max_model_len " + whole(req.context_tokens) + " needs more KV cache than the " +
                                   whole(est.kv_pool_tokens) + " tokens that fit (vLLM refuses to start)."});
  }
  // Before v0.21 the graphs (and from v0.11 NCCL's start-up memory) must fit beside the CUDA context in what the
  // utilization leaves; vLLM does not check it, so a high utilization fails later, out of memory while capturing.
  const double outside = total - budget;
  const double needs_outside = (rule.v0 ? 0 : kCudaContextBytes) + (rule.graphs_in_budget ? 0 : graphs);
  if (kv_room > 0 && needs_outside > outside)
    est.diagnostics.push_back({"vllm.headroom", Severity::kWarning, "gpu_memory_utilization",
                               "Utilization " + format_fixed(req.gpu_memory_utilization, 3) + " leaves " + gib(outside) +
                                   " outside vLLM's budget, less than the " + gib(needs_outside) +
                                   " the CUDA context" + (rule.graphs_in_budget ? "" : " and the CUDA graphs") +
                                   " take there: expect an out-of-memory error after the KV cache is sized."});

  if (req.draft)
    est.diagnostics.push_back({"draft.vllm", Severity::kNote, "draft_model",
                               "vLLM's drafter: its weights and its layers' KV in the same pool; its share of the profile "
                               "run and of the CUDA graphs is not added."});
  std::vector<Component> g;
  g.push_back(component("weights", weights_gpu,
                        w.formula + (tp * pp > 1 ? " / " + whole(tp * pp) + " GPUs" : ""), w.source));
  g.push_back(component(
      "activations", activation,
      sampler_peak ? "sampler: " + whole(tokens) + " tokens x " + whole(m.hidden_size) + " x 2 B + " + whole(rows) +
                         " rows x " + whole(m.vocab_size) + " vocabulary x " + format_fixed(rule.sampler_bytes, 0) +
                         " B (the larger of the forward and the sampler peaks)"
                   : "forward: " + whole(tokens) + " batched tokens x (2 x " + whole(ff) + " / " + whole(tp) + " + 4 x " +
                         whole(m.hidden_size) + ") x 2 B" +
                         (rule.v0 ? " + sampler: " + whole(rows) + " rows x " + whole(m.vocab_size) + " vocabulary x " +
                                        format_fixed(rule.sampler_bytes, 0) + " B (V0 engine)"
                                  : std::string(" (the larger of the forward and the sampler peaks)")),
      std::string("vLLM profile_run: dummy forward, then the dummy sampler; ") + kSrcRules));
  g.push_back(component("non_torch", non_torch,
                        multi ? "NCCL buffers and cuBLAS workspaces (multi-GPU)" : "cuBLAS workspace and other non-torch allocations",
                        "vLLM memory profiler 'non_torch_memory', fitted on published start-ups (tests/data/engine_logs/vllm)"));
  if (req.draft) {
    g.push_back(component("draft_weights", draft_weights_gpu,
                          "draft model: " + dw.formula + (tp > 1 ? " / " + whole(tp) + " GPUs" : ""), dw.source));
    g.push_back(component("draft_kv_cache", draft_kv_bytes,
                          "draft model: " + whole(blocks) + " blocks x " + whole(draft_pages) + " B over its KV layers",
                          "vLLM V1 one KV cache config over the target's and the drafter's layers (v1/spec_decode)"));
  }
  g.push_back(component("kv_cache", kv_bytes,
                        whole(blocks) + " blocks x " + whole(kBlockSize) + " tokens: the rest of " +
                            format_fixed(req.gpu_memory_utilization, 2) + " x " + gib(total) + ", page " +
                            whole(page) + " B x " + whole(layers_gpu) + " layers",
                        std::string(kSrcBudget) + "; " + kSrcPage));
  if (req.cuda_graphs)
    g.push_back(component("cuda_graphs", graphs,
                          "first graph " + gib(kGraphFirst) + " + " + whole(std::max(0, n_graphs - 1)) + " more x " +
                              format_fixed(kGraphEach / (1024 * 1024), 1) + " MiB (" + whole(n_piecewise) + " piecewise + " +
                              whole(n_full) + " full graphs); " +
                              (rule.graphs_in_budget ? "vLLM >= 0.21: estimated and taken out of the utilization budget"
                                                     : "vLLM <= 0.20: captured after the KV cache, outside the utilization budget"),
                          "vLLM gpu_model_runner.py capture sizes and graph estimate; docs/research_vllm_versions.md section 4"));
  // V0 profiled the whole process from zero, so its non-torch figure holds the CUDA context (inside the budget).
  if (!rule.v0) g.push_back(component("cuda_context", kCudaContextBytes, "CUDA context per GPU", kCudaContextSource));
  est.devices.push_back(device(tp * pp > 1 ? "gpu0-" + std::to_string(tp * pp - 1) : "gpu0", total,
                               std::move(g), tp * pp));
  est.devices.push_back(device(kHostDevice, req.host_ram_bytes,
                               {component("runtime", 2.0 * kGiB, "Python, PyTorch and vLLM processes",
                                          "typical resident size of a vLLM server process")}));
}

}  // namespace vramfit::engine
