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
// Non-torch memory (cuBLAS/NCCL workspaces) and the profile-run activation peak are measured by vLLM at start-up;
// vramfit models them from the published profiler lines in tests/data/inference_reference.json.
constexpr double kNonTorchSingleGpuBytes = 0.5 * kGiB;
constexpr double kNonTorchMultiGpuBytes = 1.0 * kGiB;
constexpr double kCudaGraphBytes = 0.5 * kGiB;  // "Graph capturing finished ..., took 0.3-0.6 GiB" in published logs

}  // namespace

void engine_vllm(const InferenceRequest& req, InferenceEstimate& est) {
  const ModelArch& m = req.model;
  const HfWeights w = hf_weights(m, req.weight_format, 2, req.checkpoint_bytes);
  if (!w.ok) {
    est.diagnostics.push_back({"request.unknown_format", Severity::kError, "weight_format",
                               "vLLM loads Hugging Face checkpoints: bf16, fp16, fp8, gptq-4b-g128, awq-4b-g128, "
                               "nf4, int8, mxfp4 (not \"" + req.weight_format + "\")."});
    return;
  }
  const int tp = std::max(1, req.tensor_parallel), pp = std::max(1, req.pipeline_parallel);
  const double kv_dtype_bytes = req.kv_type == "fp8" || req.kv_type == "fp8_e4m3" ? 1.0 : (req.kv_type == "f32" ? 4.0 : 2.0);
  est.weights_bytes = w.bytes;
  // Per GPU: layers split over pipeline stages, matrices and the vocabulary split over tensor-parallel ranks.
  const double weights_gpu = w.bytes / (tp * pp);

  // Profile-run activation peak: max_num_batched_tokens tokens through one layer (bf16 residual, q/k/v,
  // MLP gate+up) and the sampler's fp32 logits over max_num_seqs sequences.
  const double tokens = std::max(1, req.max_num_batched_tokens);
  double ff = m.intermediate_size;
  for (const auto& L : m.layers)
    if (L.moe) ff = std::max(ff, static_cast<double>(m.moe.experts_per_token) * m.moe.expert_intermediate_size);
  const double act_layer = tokens * (2 * ff / tp + 4.0 * m.hidden_size) * 2;
  const double act_sampler = std::min(tokens, static_cast<double>(req.max_num_seqs)) * m.vocab_size * 4 * 3;
  const double activation = act_layer + act_sampler;
  const double non_torch = tp > 1 ? kNonTorchMultiGpuBytes : kNonTorchSingleGpuBytes;

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
  const double budget = req.gpu.memory_bytes * req.gpu_memory_utilization;
  // CUDA graph memory: vLLM >= 0.21 estimates it in the memory profile and takes it out of the KV budget
  // (gpu_worker.py determine_available_memory, VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS on by default since
  // v0.21.0); earlier releases capture the graphs after sizing the KV cache, outside the budget, in the
  // 1 - utilization headroom (docs/research_vllm_memory.md section 3).
  const double graphs = req.cuda_graphs ? kCudaGraphBytes : 0;
  const double graphs_in_budget = req.vllm_graphs_in_budget ? graphs : 0;
  const double kv_room = budget - weights_gpu - activation - non_torch - graphs_in_budget;
  const double blocks = kv_room > 0 && layers_gpu > 0 ? std::floor(kv_room / page / layers_gpu) : 0;
  const double kv_bytes = blocks * page * layers_gpu;
  est.kv_bytes = kv_bytes * tp * pp;
  est.vllm_kv_cache_tokens = blocks * kBlockSize;
  const double blocks_per_request = std::ceil(static_cast<double>(req.context_tokens) / kBlockSize);
  est.vllm_max_concurrency = blocks / blocks_per_request;

  // vLLM's start-up check (v1/worker/gpu_worker.py init_device): the free memory after the CUDA context is up must
  // hold utilization x total, else "Free memory on device (free/total GiB) on startup is less than desired GPU
  // memory utilization". Only memory other programs hold can make it fail on a card vramfit otherwise sees as idle.
  const double free_at_start = req.gpu.memory_bytes - req.gpu.in_use_bytes - kCudaContextBytes;
  if (req.gpu.in_use_bytes > 0 && budget > free_at_start) {
    est.diagnostics.push_back({"vllm.not_enough_free", Severity::kError, "gpu_memory_utilization",
                               "Other programs hold " + gib(req.gpu.in_use_bytes) + ": about " + gib(free_at_start) +
                                   " is free at start, less than utilization " + format_fixed(req.gpu_memory_utilization, 2) +
                                   " x " + gib(req.gpu.memory_bytes) + " = " + gib(budget) +
                                   " (vLLM: \"Free memory on device ... on startup is less than desired GPU memory "
                                   "utilization\"); at most " + format_fixed(std::max(0.0, free_at_start) / req.gpu.memory_bytes, 2) +
                                   " would start."});
  }
  if (kv_room <= 0) {
    est.diagnostics.push_back({"vllm.no_kv_room", Severity::kError, "gpu_memory_utilization",
                               "No memory is left for the KV cache: weights " + gib(weights_gpu) + " + activations " +
                                   gib(activation) + " + non-torch " + gib(non_torch) +
                                   (graphs_in_budget > 0 ? " + CUDA graphs " + gib(graphs_in_budget) : std::string()) +
                                   " exceed the budget " + gib(budget) +
                                   " (vLLM: \"No available memory for the cache blocks\")."});
  } else if (est.vllm_max_concurrency < 1) {
    est.diagnostics.push_back({"vllm.max_model_len_too_long", Severity::kError, "context_tokens",
                               "max_model_len " + whole(req.context_tokens) + " needs more KV cache than the " +
                                   whole(est.vllm_kv_cache_tokens) + " tokens that fit (vLLM refuses to start)."});
  }

  std::vector<Component> g;
  g.push_back(component("weights", weights_gpu,
                        w.formula + (tp * pp > 1 ? " / " + whole(tp * pp) + " GPUs" : ""), w.source));
  g.push_back(component("activations", activation,
                        whole(tokens) + " batched tokens x (2 x " + whole(ff) + " + 4 x " + whole(m.hidden_size) +
                            ") x 2 B + sampler " + whole(std::min(tokens, static_cast<double>(req.max_num_seqs))) +
                            " seqs x " + whole(m.vocab_size) + " x 4 B x 3",
                        "vLLM profile_run peak (model fit to published 'PyTorch activation peak memory' lines)"));
  g.push_back(component("non_torch", non_torch, tp > 1 ? "NCCL + cuBLAS workspaces (multi-GPU)" : "cuBLAS workspace and other non-torch allocations",
                        "vLLM memory profiler 'non_torch_memory' (published logs, tests/data)"));
  g.push_back(component("kv_cache", kv_bytes,
                        whole(blocks) + " blocks x " + whole(kBlockSize) + " tokens: the rest of " +
                            format_fixed(req.gpu_memory_utilization, 2) + " x " + gib(req.gpu.memory_bytes) + ", page " +
                            whole(page) + " B x " + whole(layers_gpu) + " layers",
                        std::string(kSrcBudget) + "; " + kSrcPage));
  if (req.cuda_graphs)
    g.push_back(component("cuda_graphs", graphs,
                          req.vllm_graphs_in_budget
                              ? "captured CUDA graphs (vLLM >= 0.21: estimated and taken out of the utilization budget)"
                              : "captured CUDA graphs (vLLM <= 0.20: after the KV cache, outside the utilization budget)",
                          "vLLM 'Graph capturing finished ... took X GiB' log lines; in or out of the budget: vLLM "
                          "v1/worker/gpu_worker.py determine_available_memory at v0.20.0 and v0.21"));
  g.push_back(component("cuda_context", kCudaContextBytes, "CUDA context per GPU", kCudaContextSource));
  est.devices.push_back(device(tp * pp > 1 ? "gpu0-" + std::to_string(tp * pp - 1) : "gpu0", req.gpu.memory_bytes,
                               std::move(g), tp * pp));
  est.devices.push_back(device(kHostDevice, req.host_ram_bytes,
                               {component("runtime", 2.0 * kGiB, "Python, PyTorch and vLLM processes",
                                          "typical resident size of a vLLM server process")}));
}

}  // namespace vramfit::engine
