// estimate_inference: validates the request, runs the engine profile, derives totals, fit and throughput.
#include <algorithm>
#include <cmath>

#include "estimate/engine_common.h"
#include "vramfit/inference.h"

namespace vramfit {
namespace {

void check_range(Diagnostics& d, const char* field, double v, double lo, double hi) {
  if (!(v >= lo && v <= hi))
    d.push_back({"request.out_of_range", Severity::kError, field,
                 std::string(field) + " must be between " + engine::whole(lo) + " and " + engine::whole(hi) + "."});
}

void validate(const InferenceRequest& r, Diagnostics& d) {
  const ModelArch& m = r.model;
  if (m.num_layers <= 0 || m.hidden_size <= 0 || m.num_heads <= 0 || m.num_kv_heads <= 0 || m.vocab_size <= 0 ||
      m.layers.size() != static_cast<std::size_t>(m.num_layers)) {
    d.push_back({"request.bad_model", Severity::kError, "model", "The model description is incomplete."});
    return;
  }
  check_range(d, "context_tokens", r.context_tokens, 1, 16'777'216);
  check_range(d, "sequences", r.sequences, 1, 65'536);
  check_range(d, "gpu_count", r.gpu_count, 1, 4096);
  check_range(d, "tensor_parallel", r.tensor_parallel, 1, 1024);
  check_range(d, "pipeline_parallel", r.pipeline_parallel, 1, 1024);
  check_range(d, "gpu.memory_bytes", r.gpu.memory_bytes, 1e6, 1e14);
  check_range(d, "gpu.bandwidth_gb_s", r.gpu.bandwidth_gb_s, 0.1, 1e6);
  check_range(d, "gpu.dense_fp16_tflops", r.gpu.dense_fp16_tflops, 0.001, 1e6);
  check_range(d, "host_ram_bytes", r.host_ram_bytes, 1e6, 1e15);
  check_range(d, "n_batch", r.n_batch, 1, 1 << 20);
  check_range(d, "n_ubatch", r.n_ubatch, 1, 1 << 20);
  check_range(d, "gpu_memory_utilization", r.gpu_memory_utilization, 0.01, 1.0);
  check_range(d, "max_num_batched_tokens", r.max_num_batched_tokens, 1, 1 << 24);
  check_range(d, "max_num_seqs", r.max_num_seqs, 1, 1 << 20);
  check_range(d, "prompt_tokens", r.prompt_tokens, 1, 16'777'216);
  check_range(d, "new_tokens", r.new_tokens, 0, 16'777'216);
  if (r.tensor_parallel * r.pipeline_parallel > r.gpu_count)
    d.push_back({"request.not_enough_gpus", Severity::kError, "gpu_count",
                 "tensor_parallel x pipeline_parallel = " + engine::whole(r.tensor_parallel * r.pipeline_parallel) +
                     " GPUs, but only " + engine::whole(r.gpu_count) + " are given."});
  if (r.engine != Engine::kRuleOfThumb && m.max_context > 0 && r.context_tokens > m.max_context)
    d.push_back({"request.context_beyond_training", Severity::kWarning, "context_tokens",
                 "The context " + engine::whole(r.context_tokens) + " exceeds the model's " +
                     (!m.rope.type.empty() && m.rope.factor > 1
                          ? "supported context (" + m.rope.type + " RoPE scaling) "
                          : std::string("max_position_embeddings ")) +
                     engine::whole(m.max_context) + "."});
}

// Decode is memory-bound: every step reads the active weights and the KV cache; prefill is compute-bound.
// The efficiencies are assumptions (stated in the result), not measurements.
constexpr double kBandwidthEfficiency = 0.75;
constexpr double kPrefillMfu = 0.5;

}  // namespace

Throughput estimate_throughput(const InferenceRequest& r, const InferenceEstimate& e) {
  Throughput t;
  const ModelArch& m = r.model;
  const ParamCounts c = count_params(m);
  const double active_fraction = c.total() > 0 ? c.active() / c.total() : 1;
  const double gpus = r.engine == Engine::kLlamaCpp ? 1 : std::max(1, r.tensor_parallel);
  const double bandwidth = (r.cpu_only ? r.host_bandwidth_gb_s : r.gpu.bandwidth_gb_s) * 1e9 * kBandwidthEfficiency * gpus;
  const double flops = (r.cpu_only ? 1.0 : r.gpu.dense_fp16_tflops) * 1e12 * kPrefillMfu * gpus;
  const double seqs = std::max(1, r.sequences);
  // Routed experts kept in host RAM (llama.cpp --n-cpu-moe) are read there, at the host's bandwidth: each token
  // reads experts_per_token of num_experts of them.
  const double expert_fraction =
      m.moe.num_experts > 0 ? std::min(1.0, static_cast<double>(m.moe.experts_per_token) / m.moe.num_experts) : 1.0;
  const double host_read = r.cpu_only ? 0 : e.host_expert_bytes * expert_fraction;
  const double host_bandwidth = std::max(r.host_bandwidth_gb_s, 0.1) * 1e9 * kBandwidthEfficiency;
  const double step_bytes = std::max(0.0, e.weights_bytes * active_fraction - host_read) + e.kv_bytes;
  const double step_compute = 2 * c.active() * seqs / flops;
  const double step = std::max(step_bytes / bandwidth + host_read / host_bandwidth, step_compute);
  if (step > 0) {
    t.decode_tokens_per_s = seqs / step;
    t.decode_tokens_per_s_per_seq = 1 / step;
  }
  const double prompt = r.engine == Engine::kTransformers ? r.prompt_tokens : r.context_tokens;
  const double prefill_flops = 2 * c.active() * prompt + 2.0 * engine::attention_layers(m) * prompt * prompt * q_width(m);
  t.time_to_first_token_s = prefill_flops / flops;
  t.assumptions = "decode reads active weights + KV each step at " + engine::whole(kBandwidthEfficiency * 100) +
                  "% of peak bandwidth; prefill at " + engine::whole(kPrefillMfu * 100) +
                  "% of dense fp16 tensor throughput" +
                  (r.cpu_only ? "; CPU: " + engine::whole(r.host_bandwidth_gb_s) + " GB/s RAM, 1 TFLOP/s assumed" : "") +
                  (host_read > 0 ? "; experts in host RAM read at " + engine::whole(r.host_bandwidth_gb_s) + " GB/s" : "");
  return t;
}

double device_total(const std::vector<Component>& components) {
  double persistent = 0, transient = 0;
  for (const auto& c : components) {
    if (c.transient) transient = std::max(transient, c.bytes);
    else persistent += c.bytes;
  }
  return persistent + transient;
}

namespace {

// llama-server's draft model (tools/server/server.cpp of late 2025, load_model and init; docs/engine_notes.md): the
// draft loads once, with -ngld layers on the GPU (default all); each of the -np slots gets its own draft context of
// n_ctx / -np tokens, one sequence, n_batch = that context, KV types -ctkd/-ctvd (f16 by default). The draft is
// estimated as llama.cpp estimates any model with those settings, and its buffers join the main model's devices.
void add_llamacpp_draft(const InferenceRequest& request, InferenceEstimate& est) {
  InferenceRequest d = request;
  d.model = *request.draft;
  d.draft.reset();
  d.gguf_weights.reset();
  d.weight_format = request.draft_weight_format.empty() ? request.weight_format : request.draft_weight_format;
  d.context_tokens = request.context_tokens;  // vramfit's context is per sequence: n_ctx / -np
  d.sequences = 1;
  d.kv_unified = false;
  d.n_batch = request.context_tokens;
  d.n_ubatch = std::min(request.n_ubatch, request.context_tokens);
  d.kv_type = "f16";
  d.gpu_layers = -1;
  d.n_cpu_moe = 0;
  InferenceEstimate draft;
  engine::engine_llamacpp(d, draft);
  for (const Diagnostic& diag : draft.diagnostics)
    if (diag.severity == Severity::kError)
      est.diagnostics.push_back({"draft.refused", Severity::kError, "draft_weights", "The draft model: " + diag.detail});
  if (has_errors(est.diagnostics)) return;
  const double slots = std::max(1, request.sequences);
  for (const DeviceUsage& dd : draft.devices) {
    DeviceUsage* into = nullptr;
    for (DeviceUsage& m : est.devices)
      if (m.device == dd.device) into = &m;
    if (into == nullptr) continue;
    for (const Component& c : dd.components) {
      if (c.id == "cuda_context") continue;  // one process: one context per GPU
      const bool per_slot = c.id != "weights" && c.id != "weights_repacked";
      Component copy = c;
      copy.id = "draft_" + (c.id == "weights_repacked" ? std::string("weights") : c.id);
      copy.bytes = c.bytes * (per_slot ? slots : 1);
      copy.formula = "draft model: " + c.formula + (per_slot && slots > 1 ? " x " + engine::whole(slots) + " slots" : "");
      into->components.push_back(std::move(copy));
    }
  }
  est.diagnostics.push_back({"draft.llamacpp", Severity::kNote, "draft_model",
                             "llama-server's draft model: its weights once, and a context of " +
                                 engine::whole(request.context_tokens) + " tokens per slot (" + engine::whole(slots) +
                                 "); decode speed is not adjusted for speculation."});
}

}  // namespace

InferenceEstimate estimate_inference(const InferenceRequest& request) {
  InferenceEstimate est;
  validate(request, est.diagnostics);
  if (has_errors(est.diagnostics)) return est;
  switch (request.engine) {
    case Engine::kLlamaCpp: engine::engine_llamacpp(request, est); break;
    case Engine::kVllm: engine::engine_vllm(request, est); break;
    case Engine::kSglang: engine::engine_sglang(request, est); break;
    case Engine::kTransformers: engine::engine_transformers(request, est); break;
    case Engine::kRuleOfThumb: engine::engine_rule_of_thumb(request, est); break;
  }
  if (request.draft && !has_errors(est.diagnostics)) {
    if (request.engine == Engine::kLlamaCpp && !request.ollama) add_llamacpp_draft(request, est);
    else if (request.engine != Engine::kVllm)  // vLLM's profile counts its draft itself
      est.diagnostics.push_back({"draft.not_modelled", Severity::kWarning, "draft_model",
                                 "A draft model is modelled for llama.cpp and vLLM; this engine's estimate leaves it out."});
  }
  if (has_errors(est.diagnostics)) {
    est.devices.clear();
    return est;
  }
  // Unified memory: the GPU may hold what the machine's rule allows (gpu_catalog.h); the host side shares the
  // same RAM.
  if (request.gpu.unified_memory && !request.cpu_only) {
    const SharedMemoryLimit limit = shared_memory_limit(request.gpu.shared_rule, request.gpu.memory_bytes);
    double gpu_total = 0;
    for (auto& d : est.devices) {
      if (d.host) continue;
      d.capacity_bytes = limit.gpu_bytes;
      gpu_total += device_total(d.components) * d.count;
    }
    for (auto& d : est.devices)
      if (d.host) d.capacity_bytes = std::max(0.0, request.gpu.memory_bytes - gpu_total);
    est.diagnostics.push_back(limit.note);
  }
  // Memory other programs already hold on each GPU is not the engine's (vLLM's own start-up check is in its
  // profile: engine_vllm.cpp).
  if (request.gpu.in_use_bytes > 0 && !request.cpu_only) {
    for (auto& d : est.devices)
      if (!d.host) d.capacity_bytes = std::max(0.0, d.capacity_bytes - request.gpu.in_use_bytes);
    est.diagnostics.push_back({"device.in_use", Severity::kNote, "gpu_in_use_gb",
                               "Each GPU's capacity is less the " + format_fixed(request.gpu.in_use_bytes / 1e9, 2) +
                                   " GB other programs already hold."});
  }
  est.fits = true;
  for (auto& d : est.devices) {
    d.total_bytes = device_total(d.components);
    d.headroom_bytes = d.capacity_bytes - d.total_bytes;
    if (d.headroom_bytes < 0) est.fits = false;
  }
  // SGLang starts with a pool smaller than the context, but a request that long cannot run: it does not fit.
  for (const Diagnostic& d : est.diagnostics)
    if (d.code == "sglang.pool_below_context") est.fits = false;
  est.throughput = estimate_throughput(request, est);
  return est;
}

}  // namespace vramfit
