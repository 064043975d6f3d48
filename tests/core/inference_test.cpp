#include "vramfit/inference.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "vramfit/gpu_catalog.h"
#include "vramfit/llama_gguf.h"
#include "vramfit/presets.h"
#include "vramfit/resolve.h"
#include "vramfit/scenario.h"
#include "vramfit/units.h"

namespace vramfit {
namespace {

InferenceRequest request(const char* preset, Engine engine, const char* weights, int context) {
  InferenceRequest r;
  const ModelPreset* p = find_preset(preset);
  EXPECT_NE(p, nullptr) << preset;
  if (p != nullptr) r.model = p->arch;
  r.engine = engine;
  r.weight_format = weights;
  r.context_tokens = context;
  r.prompt_tokens = context;
  r.new_tokens = 0;
  r.gpu.memory_bytes = 80 * kGiB;
  return r;
}

double component(const InferenceEstimate& e, const std::string& device, const std::string& id) {
  for (const auto& d : e.devices)
    if (d.device == device)
      for (const auto& c : d.components)
        if (c.id == id) return c.bytes;
  return -1;
}

// Article 2 (SEEDS.md): KV = 2 x 2 B x layers x hidden x tokens; Llama-2-7B (MHA) at 4096 tokens = 2 GiB.
TEST(Inference, SeedArticleKvFormulaIsTheMhaFp16SpecialCase) {
  for (Engine engine : {Engine::kLlamaCpp, Engine::kTransformers, Engine::kRuleOfThumb}) {
    auto r = request("meta-llama/Llama-2-7b-hf", engine, engine == Engine::kLlamaCpp ? "F16" : "fp16", 4096);
    const InferenceEstimate e = estimate_inference(r);
    ASSERT_TRUE(e.diagnostics.empty());
    EXPECT_EQ(e.kv_bytes, 2.0 * 2 * 32 * 4096 * 4096);
    EXPECT_EQ(e.kv_bytes, 2 * kGiB);
  }
}

// Article 2's total "14 + 2 + 2.8 = ~19 GB" assumed exactly 7e9 parameters; Llama-2-7B has 6.74e9, so the
// same rule gives 13.48 + 2.15 + 2.70 = 18.3 GB.
TEST(Inference, SeedArticleRuleOfThumbTotal) {
  auto r = request("meta-llama/Llama-2-7b-hf", Engine::kRuleOfThumb, "fp16", 4096);
  const InferenceEstimate e = estimate_inference(r);
  const double total = e.devices[0].total_bytes;
  EXPECT_NEAR(total / kGB, 13.477 + 2.147 + 2.695, 0.01);
}

// Article 1: M = P x 4 B / (32 / 16) x 1.2: 13B at 16 bits = 31.2 GB (Llama-2-13B: 13.016e9 parameters).
TEST(Inference, SeedArticleInterviewFormula) {
  auto r = request("meta-llama/Llama-2-13b-hf", Engine::kRuleOfThumb, "fp16", 1);
  const InferenceEstimate e = estimate_inference(r);
  EXPECT_NEAR((component(e, "gpu0", "weights") + component(e, "gpu0", "overhead")) / kGB, 31.2, 0.05);
}

// Article 4 says 70B in GPTQ 4-bit is 17.5 GB; it divided the fp16 size by 8. 4-bit weights of Llama-2-70B
// with group-128 scales and 16-bit embeddings are about 36 GB.
TEST(Inference, SeedArticleGptqMistake) {
  auto r = request("meta-llama/Llama-2-70b-hf", Engine::kVllm, "gptq-4b-g128", 4096);
  r.gpu.memory_bytes = 80 * kGiB;
  const InferenceEstimate e = estimate_inference(r);
  EXPECT_GT(e.weights_bytes, 35e9);
  EXPECT_LT(e.weights_bytes, 38e9);
}

// GQA: Llama-3-8B stores 8 KV heads x 128: 32 layers x 8192 tokens x 1024 x 2 (K, V) x 2 B = 1 GiB.
TEST(Inference, GqaKvCache) {
  auto r = request("meta-llama/Meta-Llama-3-8B", Engine::kLlamaCpp, "Q4_K_M", 8192);
  EXPECT_EQ(estimate_inference(r).kv_bytes, 1 * kGiB);
}

// MLA: llama.cpp and vLLM keep the compressed latent (kv_lora_rank 512 + rope 64) per token and layer;
// transformers caches decompressed K (128 heads x 192) and V (128 x 128).
TEST(Inference, MlaKvCache) {
  auto l = request("deepseek-ai/DeepSeek-V3", Engine::kLlamaCpp, "Q4_K_M", 4096);
  EXPECT_EQ(estimate_inference(l).kv_bytes, 61.0 * 4096 * 576 * 2);
  auto t = request("deepseek-ai/DeepSeek-V3", Engine::kTransformers, "fp8-block", 4096);
  t.gpu.memory_bytes = 2000 * kGiB;
  EXPECT_EQ(estimate_inference(t).kv_bytes, 61.0 * 4096 * (128 * 192 + 128 * 128) * 2);
}

// Sliding window: Gemma-2-9B alternates 4096-token local layers with global ones; llama.cpp sizes the
// local cache as n_swa + n_ubatch padded to 256 = 4608 cells.
TEST(Inference, SlidingWindowBoundsTheCache) {
  auto r = request("google/gemma-2-9b", Engine::kLlamaCpp, "Q4_K_M", 32768);
  const double per_cell = 2.0 * 8 * 256 * 2;  // K + V, 8 KV heads x 256, f16
  EXPECT_EQ(estimate_inference(r).kv_bytes, 21 * 32768 * per_cell + 21 * 4608 * per_cell);
  r.swa_full = true;
  EXPECT_EQ(estimate_inference(r).kv_bytes, 42 * 32768 * per_cell);
}

// -ngl 16 on a 32-layer model: layers 17-31 and the output layer on the GPU, layers 0-16 on the host.
TEST(Inference, PartialOffloadSplitsLayers) {
  auto full = request("meta-llama/Llama-2-7b-hf", Engine::kLlamaCpp, "Q4_K_M", 2048);
  auto part = full;
  part.gpu_layers = 16;
  const auto a = estimate_inference(full), b = estimate_inference(part);
  EXPECT_NEAR(component(a, "gpu0", "kv_cache"), 1 * kGiB, 1);
  EXPECT_NEAR(component(b, "gpu0", "kv_cache"), 15.0 / 32 * kGiB, 1);
  EXPECT_NEAR(component(b, "host", "kv_cache"), 17.0 / 32 * kGiB, 1);
  EXPECT_LT(component(b, "gpu0", "weights"), component(a, "gpu0", "weights") / 2);
  EXPECT_NEAR(a.weights_bytes, b.weights_bytes, 1);
}

TEST(Inference, TensorParallelHalvesWeightsPerGpu) {
  auto one = request("meta-llama/Meta-Llama-3-8B", Engine::kVllm, "bf16", 8192);
  auto two = one;
  two.tensor_parallel = 2;
  two.gpu_count = 2;
  EXPECT_NEAR(component(estimate_inference(two), "gpu0-1", "weights") * 2, component(estimate_inference(one), "gpu0", "weights"), 1);
}

TEST(Inference, TransientPeaksCombineByMax) {
  std::vector<Component> c{{"weights", 10, false, "", ""}, {"compute", 3, true, "", ""}, {"logits", 5, true, "", ""}};
  EXPECT_EQ(device_total(c), 15);
}

TEST(Inference, BadRequestsGiveDiagnosticsNotExceptions) {
  auto r = request("meta-llama/Meta-Llama-3-8B", Engine::kLlamaCpp, "Q4_K_M", 8192);
  r.kv_type = "q4_0";
  r.flash_attention = false;
  auto e = estimate_inference(r);
  EXPECT_FALSE(e.diagnostics.empty());
  EXPECT_EQ(e.diagnostics[0].code, "llamacpp.quantized_v_needs_fa");
  EXPECT_TRUE(e.devices.empty());
  r = request("meta-llama/Meta-Llama-3-8B", Engine::kLlamaCpp, "Q4_K_M", -5);
  EXPECT_EQ(estimate_inference(r).diagnostics.at(0).code, "request.out_of_range");
  r = request("meta-llama/Meta-Llama-3-8B", Engine::kLlamaCpp, "Q9_X", 8192);
  EXPECT_EQ(estimate_inference(r).diagnostics.at(0).code, "request.unknown_format");
  r = request("meta-llama/Meta-Llama-3-8B", Engine::kVllm, "bf16", 8192);
  r.gpu.memory_bytes = 16 * kGiB;
  e = estimate_inference(r);
  EXPECT_EQ(e.diagnostics.at(0).code, "vllm.no_kv_room");
  EXPECT_FALSE(e.fits);
}

TEST(Inference, VerdictFollowsCapacity) {
  auto r = request("meta-llama/Meta-Llama-3-8B", Engine::kLlamaCpp, "Q4_K_M", 8192);
  r.gpu.memory_bytes = 24e9;
  EXPECT_TRUE(estimate_inference(r).fits);
  r.gpu.memory_bytes = 4e9;
  const auto e = estimate_inference(r);
  EXPECT_FALSE(e.fits);
  EXPECT_LT(e.devices[0].headroom_bytes, 0);
}

// Decode is bandwidth-bound: Llama-2-7B Q4_K_M (3.89 GiB weights + 1 GiB KV at 2048) on 1008 GB/s at 75%.
TEST(Inference, DecodeThroughputFromBandwidth) {
  auto r = request("meta-llama/Llama-2-7b-hf", Engine::kLlamaCpp, "Q4_K_M", 2048);
  r.gpu.bandwidth_gb_s = 1008;
  const auto e = estimate_inference(r);
  EXPECT_NEAR(e.throughput.decode_tokens_per_s, 0.75 * 1008e9 / (e.weights_bytes + e.kv_bytes), 1e-6);
  EXPECT_GT(e.throughput.time_to_first_token_s, 0);
}

// Apple silicon: a 16 GiB Mac gives the GPU 2/3 of it (llama.cpp logs recommendedMaxWorkingSetSize =
// 11453.25 MB on a 16 GiB M1 Pro).
TEST(Inference, UnifiedMemoryGivesTheGpuTwoThirds) {
  auto r = request("meta-llama/Meta-Llama-3-8B", Engine::kLlamaCpp, "Q4_K_M", 4096);
  r.gpu.unified_memory = true;
  r.gpu.memory_bytes = 16 * kGiB;
  const auto e = estimate_inference(r);
  EXPECT_NEAR(e.devices[0].capacity_bytes / 1e6, 11453.25, 0.01);
  EXPECT_EQ(e.diagnostics.at(0).code, "device.unified_memory");
}

// The shared-memory rules against the figures engines printed (docs/research_usable_memory.md): Metal's
// recommendedMaxWorkingSetSize on Macs of 16 to 512 GiB (macOS 13-15), CUDA's total on a DGX Spark, the GTT pool
// of a Strix Halo on Linux without kernel parameters (dmesg "63968M of GTT memory ready" on 128 GB).
TEST(Inference, SharedMemoryRulesGiveWhatEnginesPrinted) {
  const double MiB = 1024.0 * 1024;
  auto apple = [&](double gib) { return shared_memory_limit(SharedMemoryRule::kAppleMetal, gib * kGiB).gpu_bytes; };
  EXPECT_NEAR(apple(16) / MiB, 10922.67, 0.01);  // M1 MBP, llama-cpp-python #687
  EXPECT_NEAR(apple(32) / MiB, 21845.34, 0.01);  // M1 Max, llama.cpp #2011
  EXPECT_NEAR(apple(36) / kGiB, 27.0, 1e-9);     // M4 Max, llama.cpp b7690 (28991.03 MB)
  EXPECT_NEAR(apple(64) / MiB, 49152.0, 1e-6);   // M1 Max 64 GB, llama.cpp #1870
  EXPECT_NEAR(apple(96) / MiB, 73728.0, 1e-6);   // M2 Max 96 GB, llama.cpp #3213
  EXPECT_NEAR(apple(256) / kGiB, 208.0, 1e-9);   // M3 Ultra 256 GB, MLX max_recommended_working_set_size
  EXPECT_NEAR(apple(512) / 1e6, 498216.21, 0.01);  // M3 Ultra 512 GB, llama.cpp build 6810
  const double spark = shared_memory_limit(SharedMemoryRule::kNvidiaUnified, 128 * kGiB).gpu_bytes;
  EXPECT_NEAR(spark / kGiB, 121.69, 0.05);  // DGX Spark: CUDA total 121.69 GiB
  const double halo = shared_memory_limit(SharedMemoryRule::kAmdApu, 128 * kGiB).gpu_bytes;
  EXPECT_NEAR(halo / MiB, 63968, 0.03 * 63968);  // within 3% of the dmesg figure (the kernel keeps some back)
  for (SharedMemoryRule rule : {SharedMemoryRule::kAppleMetal, SharedMemoryRule::kNvidiaUnified, SharedMemoryRule::kAmdApu}) {
    const SharedMemoryLimit l = shared_memory_limit(rule, 64 * kGiB);
    EXPECT_EQ(l.note.code.rfind("device.unified_memory", 0), 0u);
    EXPECT_FALSE(l.note.detail.empty());
    EXPECT_EQ(shared_memory_limit(rule, -1).gpu_bytes, 0.0);
  }
  // A catalog entry picks its rule by vendor, and the estimate uses it.
  const GpuEntry* g = find_gpu("dgx-spark");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(shared_memory_rule(*g), SharedMemoryRule::kNvidiaUnified);
  auto r = request("meta-llama/Meta-Llama-3-8B", Engine::kLlamaCpp, "Q4_K_M", 4096);
  r.gpu.unified_memory = true;
  r.gpu.shared_rule = SharedMemoryRule::kNvidiaUnified;
  r.gpu.memory_bytes = 128 * kGiB;
  const auto e = estimate_inference(r);
  EXPECT_NEAR(e.devices[0].capacity_bytes, spark, 1.0);
  EXPECT_EQ(e.diagnostics.at(0).code, "device.unified_memory_nvidia");
}

// Memory other programs hold (the desktop, another process) comes off each GPU's capacity; vLLM refuses to start
// when utilization x total is more than what is free after its CUDA context (gpu_worker.py init_device).
TEST(Inference, MemoryInUseComesOffTheGpu) {
  auto r = request("meta-llama/Meta-Llama-3-8B", Engine::kLlamaCpp, "Q4_K_M", 4096);
  const auto idle = estimate_inference(r);
  r.gpu.in_use_bytes = 1.5e9;
  const auto busy = estimate_inference(r);
  EXPECT_DOUBLE_EQ(busy.devices[0].capacity_bytes, idle.devices[0].capacity_bytes - 1.5e9);
  EXPECT_DOUBLE_EQ(busy.devices[0].total_bytes, idle.devices[0].total_bytes);
  EXPECT_EQ(busy.diagnostics.back().code, "device.in_use");
  r.gpu.in_use_bytes = 1e15;  // more than the card: capacity 0, does not fit, no negative figure
  const auto full = estimate_inference(r);
  EXPECT_EQ(full.devices[0].capacity_bytes, 0.0);
  EXPECT_FALSE(full.fits);

  auto v = request("Qwen/Qwen3-8B", Engine::kVllm, "bf16", 8192);
  v.gpu.memory_bytes = 24 * kGiB;
  v.gpu_memory_utilization = 0.9;
  v.gpu.in_use_bytes = 1.0 * kGiB;  // 24 - 1 - 0.29 (context) = 22.7 GiB free >= 21.6 GiB asked: starts
  EXPECT_FALSE(has_errors(estimate_inference(v).diagnostics));
  v.gpu.in_use_bytes = 2.5 * kGiB;  // 21.2 GiB free < 21.6 GiB: vLLM refuses, and says which utilization would start
  const auto refused = estimate_inference(v);
  ASSERT_TRUE(has_errors(refused.diagnostics));
  bool said = false;
  for (const auto& d : refused.diagnostics) said |= d.code == "vllm.not_enough_free" && refused_by_hardware(d);
  EXPECT_TRUE(said);
  v.gpu_memory_utilization = 0.85;
  EXPECT_FALSE(has_errors(estimate_inference(v).diagnostics));
}

// Every preset, every engine: finite, non-negative components that add up to their device totals.
TEST(Inference, EveryPresetEveryEngineIsFinite) {
  for (const auto& p : model_presets()) {
    for (Engine engine : {Engine::kLlamaCpp, Engine::kVllm, Engine::kTransformers, Engine::kRuleOfThumb}) {
      InferenceRequest r;
      r.model = p.arch;
      r.engine = engine;
      r.weight_format = engine == Engine::kLlamaCpp ? "Q4_K_M" : "bf16";
      r.gpu.memory_bytes = 10000 * kGiB;
      const auto e = estimate_inference(r);
      for (const auto& d : e.diagnostics) EXPECT_NE(d.severity, Severity::kError) << p.id << " " << d.detail;
      for (const auto& d : e.devices) {
        EXPECT_TRUE(std::isfinite(d.total_bytes)) << p.id;
        for (const auto& c : d.components) EXPECT_GE(c.bytes, 0) << p.id << " " << c.id;
      }
    }
  }
}

}  // namespace
}  // namespace vramfit

namespace vramfit {

// vLLM's release decides where CUDA graph memory goes (docs/research_vllm_memory.md section 3): from v0.21 it is
// estimated and taken out of the utilization budget before the KV cache is sized; before, the graphs are
// captured afterwards in the 1 - utilization headroom. Same memory, another place: the KV cache shrinks by the
// graphs, and a high utilization that left no headroom for them now starts (Qwen3-8B at 0.9764 on a 24 GB RTX
// A5000 started on vLLM 0.21.0: tests/data/engine_logs/vllm/a008.log).
TEST(VllmRelease, CudaGraphsMoveIntoTheBudgetFromV021) {
  Scenario s;
  s.engine = EngineChoice::kVllm;
  s.model = "Qwen/Qwen3-8B";
  s.gpu = "rtx-a5000";
  s.gpu_memory_utilization = 0.9764;
  s.context = 16384;
  auto component = [](const InferenceEstimate& e, const char* id) {
    for (const auto& c : e.devices.front().components)
      if (c.id == id) return c.bytes;
    return -1.0;
  };
  auto kv_with_and_without_graphs = [&](VllmReleaseChoice release) {
    s.vllm_release = release;
    s.cuda_graphs = true;
    const InferenceEstimate with = estimate_inference(resolve_inference(s));
    s.cuda_graphs = false;
    const InferenceEstimate without = estimate_inference(resolve_inference(s));
    return std::tuple{with, component(without, "kv_cache")};
  };
  const auto [old, old_eager_kv] = kv_with_and_without_graphs(VllmReleaseChoice::kV020);
  const auto [now, now_eager_kv] = kv_with_and_without_graphs(VllmReleaseChoice::kV021);
  const double graphs = component(now, "cuda_graphs");
  ASSERT_GT(graphs, 0);
  EXPECT_GT(component(old, "cuda_graphs"), 0);
  // From v0.21 the KV cache loses the graphs, to within one block of pages; before, it does not.
  EXPECT_NEAR(now_eager_kv - component(now, "kv_cache"), graphs, 36.0 * 16 * 8 * 128 * 2 * 2);
  EXPECT_EQ(old_eager_kv, component(old, "kv_cache"));
  // At 0.9764 the graphs no longer fit beside the budget before v0.21 (said, and over the card); from v0.21 they do.
  EXPECT_FALSE(old.fits);
  EXPECT_TRUE(std::any_of(old.diagnostics.begin(), old.diagnostics.end(), [](const Diagnostic& d) { return d.code == "vllm.headroom"; }));
  EXPECT_TRUE(now.fits);
}

}  // namespace vramfit

namespace vramfit {
namespace {

// --n-cpu-moe N: the routed-expert tensors of the first N layers leave the GPU for host RAM, byte for byte as
// llama.cpp's regex finds them; --cpu-moe (N >= the layers) moves them all; the attention and shared tensors stay.
TEST(Inference, ExpertOffloadMovesExactlyTheFirstLayersExperts) {
  Scenario s;
  s.model = "Qwen/Qwen3-30B-A3B";
  s.gpu = "rtx-4060";
  const ModelArch m = scenario_model(s);
  const LlamaFtype* q4km = nullptr;
  for (const LlamaFtype& f : llama_ftypes())
    if (f.name == "Q4_K_M") q4km = &f;
  ASSERT_NE(q4km, nullptr);
  const LlamaWeights w = llama_weight_bytes(m, *q4km);
  ASSERT_EQ(w.layer_experts.size(), static_cast<std::size_t>(m.num_layers));
  auto device = [](const InferenceEstimate& e, const std::string& id) {
    for (const auto& d : e.devices)
      if (d.device == id)
        for (const auto& c : d.components)
          if (c.id == "weights") return c.bytes;
    return -1.0;
  };
  const InferenceEstimate none = estimate_inference(resolve_inference(s));
  double previous_speed = none.throughput.decode_tokens_per_s;
  for (int n : {1, 10, m.num_layers, 1000}) {
    s.n_cpu_moe = n;
    const InferenceEstimate e = estimate_inference(resolve_inference(s));
    double moved = 0;
    for (int il = 0; il < std::min(n, m.num_layers); ++il) moved += w.layer_experts[static_cast<std::size_t>(il)];
    EXPECT_GT(moved, 0);
    EXPECT_DOUBLE_EQ(e.host_expert_bytes, moved);
    EXPECT_NEAR(device(e, "gpu0"), device(none, "gpu0") - moved, 1);
    EXPECT_NEAR(device(e, "host"), device(none, "host") + moved, 1);
    EXPECT_DOUBLE_EQ(e.weights_bytes, none.weights_bytes);
    EXPECT_LE(e.throughput.decode_tokens_per_s, previous_speed);  // host RAM is slower than the GPU's
    previous_speed = e.throughput.decode_tokens_per_s;
    bool said = false;
    for (const auto& d : e.diagnostics) said = said || d.code == "llamacpp.moe_offload_unmeasured";
    EXPECT_TRUE(said);
  }
  // All experts on the host leave only the dense part (attention, norms, router, shared experts) on the GPU.
  double experts = 0, layers = 0;
  for (std::size_t il = 0; il < w.layer_bytes.size(); ++il) {
    experts += w.layer_experts[il];
    layers += w.layer_bytes[il];
  }
  EXPECT_GT(experts / layers, 0.9);  // Qwen3-30B-A3B: 128 experts of 768 wide against 4 KV heads of attention
  // A dense model has no expert tensors: nothing moves.
  s.model = "Qwen/Qwen3-8B";
  s.n_cpu_moe = 1000;
  EXPECT_EQ(estimate_inference(resolve_inference(s)).host_expert_bytes, 0);
}

}  // namespace
}  // namespace vramfit

namespace vramfit {
namespace {

// Speculative decoding. llama-server: the draft model's weights once and, per slot, a context of the slot's tokens
// with one sequence and n_batch = those tokens (server.cpp): exactly what llama.cpp's estimate gives for the draft
// with those settings. vLLM: the drafter's weights and its layers in the same KV pool, so the target keeps fewer blocks.
TEST(Draft, LlamaServerAddsTheDraftPerSlotAndVllmSharesItsPool) {
  Scenario s;
  s.model = "Qwen/Qwen3-8B";
  s.gpu = "rtx-4090";
  s.context = 8192;
  s.sequences = 2;
  auto component = [](const InferenceEstimate& e, const char* id) {
    double sum = 0;
    for (const auto& c : e.devices.front().components)
      if (c.id == id) sum += c.bytes;
    return sum;
  };
  const InferenceEstimate alone = estimate_inference(resolve_inference(s));
  s.draft_model = "Qwen/Qwen3-0.6B";
  s.draft_weights = "Q8_0";
  const InferenceEstimate with = estimate_inference(resolve_inference(s));
  ASSERT_TRUE(with.diagnostics.size() >= 1);
  Scenario d;
  d.model = "Qwen/Qwen3-0.6B";
  d.llama_weights = "Q8_0";
  d.gpu = "rtx-4090";
  d.context = 8192;
  d.n_batch = 8192;
  d.kv_type = "f16";
  const InferenceEstimate draft = estimate_inference(resolve_inference(d));
  EXPECT_DOUBLE_EQ(component(with, "draft_weights"), component(draft, "weights"));
  EXPECT_DOUBLE_EQ(component(with, "draft_kv_cache"), 2 * component(draft, "kv_cache"));
  EXPECT_DOUBLE_EQ(component(with, "draft_compute"), 2 * component(draft, "compute"));
  EXPECT_DOUBLE_EQ(component(with, "weights"), component(alone, "weights"));
  EXPECT_DOUBLE_EQ(component(with, "kv_cache"), component(alone, "kv_cache"));

  s.engine = EngineChoice::kVllm;
  s.hf_weights = "bf16";
  s.draft_model.clear();
  const InferenceEstimate vllm_alone = estimate_inference(resolve_inference(s));
  s.draft_model = "Qwen/Qwen3-0.6B";
  const InferenceEstimate vllm_with = estimate_inference(resolve_inference(s));
  EXPECT_GT(component(vllm_with, "draft_weights"), 1.0e9);  // 0.6B at 16 bits
  EXPECT_GT(component(vllm_with, "draft_kv_cache"), 0);
  EXPECT_LT(vllm_with.kv_pool_tokens, vllm_alone.kv_pool_tokens);
  // Ollama has no draft models: said, not counted.
  s.engine = EngineChoice::kOllama;
  const InferenceEstimate ollama = estimate_inference(resolve_inference(s));
  EXPECT_EQ(component(ollama, "draft_weights"), 0);
  EXPECT_TRUE(std::any_of(ollama.diagnostics.begin(), ollama.diagnostics.end(),
                          [](const Diagnostic& x) { return x.code == "draft.not_modelled"; }));
}

}  // namespace
}  // namespace vramfit

namespace vramfit {
namespace {

// macOS 26's Metal working set (rule B of docs/research_usable_memory.md), at the Macs that printed it: 16 GiB ->
// 11.84 GiB, 36 -> 28.08, 48 -> 37.44, 64 -> 51.84, 128 -> 107.52; rule A (macOS 13-15) stays the default.
TEST(Macos, Version26GivesTheGpuMoreOfTheRam) {
  const double gib = 1024.0 * 1024 * 1024;
  for (auto [ram, printed] : {std::pair{16.0, 11.84}, std::pair{36.0, 28.08}, std::pair{48.0, 37.44},
                              std::pair{64.0, 51.84}, std::pair{128.0, 107.52}})
    EXPECT_NEAR(shared_gpu_bytes(SharedMemoryRule::kAppleMetal26, ram * gib) / gib, printed, 0.005) << ram;
  EXPECT_NEAR(shared_gpu_bytes(SharedMemoryRule::kAppleMetal, 16 * gib) / gib, 10.667, 0.001);
  Scenario s;
  s.model = "Qwen/Qwen3-8B";
  s.gpu = "apple-m4-max-32c";
  const InferenceEstimate a = estimate_inference(resolve_inference(s));
  s.macos = MacosChoice::kMacos26;
  const InferenceEstimate b = estimate_inference(resolve_inference(s));
  ASSERT_FALSE(a.devices.empty());
  ASSERT_FALSE(b.devices.empty());
  EXPECT_GT(b.devices.front().capacity_bytes, a.devices.front().capacity_bytes);
  EXPECT_TRUE(std::any_of(b.diagnostics.begin(), b.diagnostics.end(),
                          [](const Diagnostic& d) { return d.code == "device.unified_memory_macos26"; }));
}

}  // namespace
}  // namespace vramfit
